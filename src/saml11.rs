//! SAML 1.1 assertions, as AD FS and Entra ID put them in WS-Federation tokens: decoded into the
//! report model (issuer, subject NameIdentifier, attributes, conditions) and their enveloped
//! signature verified under the trusted keys only (`AssertionID` registered as the ID, the
//! Reference must point at the assertion itself). Checked: signature, issuer, audience, time.
//! The SAML 2.0 rules (bearer confirmation, email order, wrapping cross-check) do not apply and
//! an info finding says so.

use libxml::tree::Node;

use crate::analyze::Options;
use crate::check::Check;
use crate::checks::expect;
use crate::checks::time::{format_instant, parse_instant};
use crate::error::InputError;
use crate::finding::{Finding, Sink};
use crate::idp::Idp;
use crate::input::Capture;
use crate::report::{
    Checks, ConditionsReport, KeyReport, Report, SigResult, SignatureReport, SubjectReport, Verdict,
};
use crate::signature::xmlsec::{self, Outcome};
use crate::xml::dom::{self, attr, child, children, descendants, DS};
use crate::xml::model::Attribute;

/// The SAML 1.x assertion namespace.
pub const NS: &str = "urn:oasis:names:tc:SAML:1.0:assertion";

/// Whether `root` is a SAML 1.x Assertion.
pub fn is_assertion(root: &Node) -> bool {
    dom::is(root, NS, "Assertion")
}

/// The report of a SAML 1.1 assertion.
pub fn analyze(
    capture: &Capture,
    doc: &libxml::tree::Document,
    opts: &Options,
) -> Result<Report, InputError> {
    let root = doc
        .get_root_element()
        .ok_or_else(|| InputError::new("XML has no root element"))?;
    let mut sink = Sink::default();
    sink.push(Finding::new(
        "saml11-assertion",
        "a SAML 1.1 assertion (WS-Federation token): its signature, issuer, audience and time were checked; SAML 2.0 Web SSO rules (bearer confirmation, Destination, email resolution) do not apply",
    ));
    let id = attr(&root, "AssertionID").unwrap_or_default();
    let issuer = attr(&root, "Issuer");
    let idp = Idp::recognise(issuer.as_deref());
    // Signature.
    xmlsec::register_id_attr(doc, "AssertionID");
    let sig = child(&root, DS, "Signature");
    let mut authenticated = false;
    let mut signatures = Vec::new();
    match &sig {
        None if !opts.trust.is_empty() => sink.push(Finding::new(
            "signature-missing",
            "the SAML 1.1 assertion carries no signature",
        )),
        None => {}
        Some(s) => {
            let reference = descendants(s, DS, "Reference")
                .first()
                .and_then(|r| attr(r, "URI"));
            let points_here = reference.as_deref() == Some(&format!("#{id}")) && !id.is_empty();
            let algorithm = descendants(s, DS, "SignatureMethod")
                .first()
                .and_then(|m| attr(m, "Algorithm"));
            let digest = descendants(s, DS, "DigestMethod")
                .first()
                .and_then(|m| attr(m, "Algorithm"));
            let mut result = SigResult::NotChecked;
            let mut key = None;
            let mut detail = None;
            if !points_here {
                result = SigResult::Refused;
                sink.push(Finding::new(
                    "wrapping-signature-placement",
                    format!("the SAML 1.1 assertion's signature references {reference:?}, not the assertion itself (#{id})"),
                ));
            } else if !opts.trust.is_empty() {
                sink.judged(Check::Signature);
                let mut outcomes = Vec::new();
                for k in opts.trust.keys() {
                    match xmlsec::verify(s, &k.cert) {
                        Outcome::Valid => {
                            result = SigResult::Valid;
                            key = Some(KeyReport {
                                source: k.source.kind().to_string(),
                                sha256: k.cert.sha256.clone(),
                                subject: k.cert.subject.clone(),
                            });
                            break;
                        }
                        o => outcomes.push(o),
                    }
                }
                if result != SigResult::Valid {
                    let (r, code, msg) = if outcomes.contains(&Outcome::DigestMismatch) {
                        (
                            SigResult::DigestMismatch,
                            "signature-digest-mismatch",
                            "the digest does not match: the assertion was modified after signing"
                                .to_string(),
                        )
                    } else if let Some(Outcome::Error(e)) =
                        outcomes.iter().find(|o| matches!(o, Outcome::Error(_)))
                    {
                        detail = Some(e.clone());
                        (
                            SigResult::SignatureMismatch,
                            "signature-error",
                            format!("libxmlsec1 could not verify it: {e}"),
                        )
                    } else {
                        (
                            SigResult::UntrustedKey,
                            "signature-untrusted-key",
                            "the signature does not verify under any trusted key".to_string(),
                        )
                    };
                    result = r;
                    sink.push(Finding::new(
                        code,
                        format!("the SAML 1.1 assertion's signature: {msg}"),
                    ));
                }
                authenticated = result == SigResult::Valid;
            }
            signatures.push(SignatureReport {
                covers: "assertion",
                reference,
                resolves_to: points_here.then(|| format!("/Assertion (line {})", dom::line(&root))),
                line: dom::line(s),
                location: "/Assertion".into(),
                c14n_algorithm: None,
                signature_algorithm: algorithm,
                digest_algorithm: digest,
                transforms: Vec::new(),
                result,
                key,
                embedded_cert: None,
                valid_under_embedded_cert: None,
                detail,
            });
        }
    }
    // Issuer.
    if let Some(expected) = &opts.expectations.issuer {
        sink.judged(Check::Issuer);
        if issuer.as_deref() != Some(expected.as_str()) {
            sink.push(Finding::new(
                "issuer-mismatch",
                format!("the Issuer is {issuer:?}, expected {expected:?}"),
            ));
        }
    }
    // Conditions: time and audience.
    let cond = child(&root, NS, "Conditions");
    let audiences: Vec<String> = cond
        .iter()
        .flat_map(|c| children(c, NS, "AudienceRestrictionCondition"))
        .flat_map(|r| children(&r, NS, "Audience"))
        .map(|a| dom::text(&a).0.trim().to_string())
        .collect();
    if !opts.expectations.audiences.is_empty() {
        sink.judged(Check::Audience);
        let ok = audiences.iter().any(|a| {
            opts.expectations
                .audiences
                .iter()
                .any(|e| expect::matches(e, a))
        });
        if !ok {
            sink.push(Finding::new(
                "audience-mismatch",
                format!(
                    "the assertion's audiences {audiences:?} are not the expected {:?}",
                    opts.expectations.audiences
                ),
            ));
        }
    }
    let now = opts.clock.now;
    let nb = cond.as_ref().and_then(|c| attr(c, "NotBefore"));
    let na = cond.as_ref().and_then(|c| attr(c, "NotOnOrAfter"));
    sink.judged(Check::Time);
    if let Some(t) = nb.as_deref().and_then(parse_instant) {
        if now + opts.clock.skew < t {
            sink.push(Finding::new(
                "time-not-yet-valid",
                format!(
                    "Conditions NotBefore {} is after the judged time {}",
                    format_instant(t),
                    format_instant(now)
                ),
            ));
        }
    }
    if let Some(t) = na.as_deref().and_then(parse_instant) {
        if now - opts.clock.skew >= t {
            sink.push(Finding::new(
                "time-expired",
                format!(
                    "Conditions NotOnOrAfter {} has passed (judged at {})",
                    format_instant(t),
                    format_instant(now)
                ),
            ));
        }
    }
    // Subject and attributes.
    let name_id = descendants(&root, NS, "NameIdentifier").into_iter().next();
    let attributes: Vec<Attribute> = descendants(&root, NS, "Attribute")
        .iter()
        .map(|a| Attribute {
            name: attr(a, "AttributeName").unwrap_or_default(),
            friendly_name: None,
            name_format: attr(a, "AttributeNamespace"),
            values: children(a, NS, "AttributeValue")
                .iter()
                .map(|v| dom::text(v).0)
                .collect(),
            line: dom::line(a),
        })
        .collect();
    let checks = Checks(sink.states());
    let findings = sink.into_sorted();
    let failed = findings
        .iter()
        .any(|f| f.severity == crate::check::Severity::Error);
    let mut r = Report::input_error(&capture.origin, capture.steps.clone(), &InputError::new(""));
    r.error = None;
    r.message = Some("saml11_assertion");
    r.verdict = if failed { Verdict::Fail } else { Verdict::Pass };
    r.checks = checks;
    r.findings = findings;
    r.issuer = issuer;
    r.issue_instant = attr(&root, "IssueInstant");
    r.subject = name_id.as_ref().map(|n| SubjectReport {
        name_id: Some(dom::text(n).0.trim().to_string()),
        format: attr(n, "Format"),
        authenticated,
    });
    r.attributes = attributes;
    r.conditions = cond.as_ref().map(|_| ConditionsReport {
        not_before: nb,
        not_on_or_after: na,
        audiences,
    });
    r.signatures = signatures;
    r.idp = idp;
    r.judged_at = Some(format_instant(now));
    r.context = capture.context.clone();
    r.parameter = capture.parameter.clone();
    r.relay_state = capture.relay_state.clone();
    Ok(r)
}

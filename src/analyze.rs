//! The pipeline for one captured message: guard → parse → (decrypt) → model → signatures →
//! checks → report. Pure: it returns a [`Report`] and never prints.

use time::Duration;

use crate::checks::email::{self, Source};
use crate::checks::expect::{self, Expectations};
use crate::checks::time::{self as timecheck, Clock};
use crate::checks::{message, status, Check, Finding, Severity, Sink};
use crate::error::InputError;
use crate::idp::{Idp, Topic};
use crate::input::{Capture, Limits};
use crate::profiles::Profile;
use crate::report::*;
use crate::signature::{self, crosscheck, redirect, Scope};
use crate::trust::store::TrustStore;
use crate::xml::model::{Message, MessageKind};
use crate::xml::{dom, extract, guard};

/// Everything the analysis of a message depends on besides the message.
#[derive(Debug, Clone)]
pub struct Options {
    pub limits: Limits,
    pub clock: Clock,
    pub expectations: Expectations,
    /// Keys trusted for IdP messages (`--idp-metadata`, `--cert`).
    pub trust: TrustStore,
    /// Keys trusted for SP messages such as AuthnRequests (`--sp-metadata` signing keys, `--cert`).
    pub sp_trust: TrustStore,
    /// The SP's private key (PEM) for EncryptedAssertion.
    pub sp_key: Option<Vec<u8>>,
    pub email_order: Vec<Source>,
    pub profile: Option<Profile>,
    /// Days before expiry at which a trusted certificate is a warning.
    pub cert_warn_days: i64,
}

impl Options {
    pub fn new(now: time::OffsetDateTime) -> Self {
        Self {
            limits: Limits::default(),
            clock: Clock {
                now,
                skew: Duration::minutes(3),
                at_issue_instant: false,
            },
            expectations: Expectations::default(),
            trust: TrustStore::default(),
            sp_trust: TrustStore::default(),
            sp_key: None,
            email_order: Source::DEFAULT_ORDER.to_vec(),
            profile: None,
            cert_warn_days: 30,
        }
    }
}

/// Analyses one captured message. Input problems become an `input_error` report.
pub fn analyze(capture: &Capture, opts: &Options) -> Report {
    match analyze_inner(capture, opts) {
        Ok(r) => r,
        Err(e) => Report::input_error(
            &capture.origin,
            capture.steps.clone(),
            &e.in_origin(&capture.origin),
        ),
    }
}

/// Fails when the per-message time budget is spent (checked between stages).
fn budget(started: std::time::Instant, limits: &Limits) -> Result<(), InputError> {
    if started.elapsed().as_secs() >= limits.max_seconds {
        return Err(InputError::new(format!(
            "analysis took longer than {}s (limit --max-seconds)",
            limits.max_seconds
        )));
    }
    Ok(())
}

fn analyze_inner(capture: &Capture, opts: &Options) -> Result<Report, InputError> {
    let started = std::time::Instant::now();
    guard::scan(&capture.xml, &opts.limits)?;
    let doc = dom::parse(&capture.xml)?;
    let msg = extract::message(&doc)?;
    budget(started, &opts.limits)?;
    let issuer = msg
        .issuer
        .as_deref()
        .or(msg.assertions.first().and_then(|a| a.issuer.as_deref()));
    let idp = match Idp::recognise(issuer) {
        // Fall back to what the IdP metadata (or --issuer) says the IdP is.
        Idp::Unknown => Idp::recognise(opts.expectations.issuer.as_deref()),
        known => known,
    };
    // Responses are signed by the IdP; AuthnRequests by the SP; logout messages by either.
    let merged;
    let trust = match msg.kind {
        MessageKind::Response => &opts.trust,
        MessageKind::AuthnRequest => &opts.sp_trust,
        _ => {
            merged = opts.trust.merged(&opts.sp_trust);
            &merged
        }
    };
    let mut sink = Sink::default();
    sink.judged(Check::Input);
    if capture.steps.contains(&crate::input::Step::Base64url) {
        sink.push(Finding::new(
            "url-safe-base64",
            "the message used the URL-safe base64 alphabet",
        ));
    }

    // Signatures: before decryption for the root, after it for the rest.
    let decrypting = msg.encrypted_assertions > 0 && opts.sp_key.is_some();
    let (msg, verification, decrypted_xml) = if decrypting {
        let outer = signature::verify_message(&doc, &msg, trust, idp, Scope::RootOnly, &mut sink);
        let root_covered = outer.covered.contains(&msg.root_node);
        match decrypt(&doc, opts.sp_key.as_deref().unwrap_or_default()) {
            Ok(xml) => {
                drop(doc);
                guard::scan(xml.as_bytes(), &opts.limits)?;
                let doc2 = dom::parse(xml.as_bytes())?;
                let msg2 = extract::message(&doc2)?;
                let mut inner = signature::verify_message(
                    &doc2,
                    &msg2,
                    trust,
                    idp,
                    Scope::AllButRoot,
                    &mut sink,
                );
                if root_covered {
                    inner.covered.push(msg2.root_node);
                }
                let mut reports = outer.reports;
                reports.extend(inner.reports);
                inner.reports = reports;
                (msg2, inner, Some(xml))
            }
            Err(e) => {
                sink.push(Finding::new(
                    "decryption-failed",
                    format!("the EncryptedAssertion could not be decrypted with --sp-key: {e}"),
                ));
                (msg, outer, None)
            }
        }
    } else {
        let v = signature::verify_message(&doc, &msg, trust, idp, Scope::All, &mut sink);
        (msg, v, None)
    };
    if decrypting {
        sink.judged(Check::Decryption);
    }
    budget(started, &opts.limits)?;
    let mut reports = verification.reports;
    let mut covered = verification.covered;

    // HTTP-Redirect binding: the query signature authenticates the whole message.
    if let Some(rs) = &capture.redirect {
        if trust.is_empty() {
            reports.push(redirect_report(rs, SigResult::NotChecked, None, None));
        } else {
            sink.judged(Check::Signature);
            let mut result = SigResult::SignatureMismatch;
            let mut key = None;
            let mut detail = None;
            for k in trust.keys() {
                match redirect::verify(rs, k) {
                    Ok(true) => {
                        result = SigResult::Valid;
                        key = Some(KeyReport {
                            source: k.source.kind().into(),
                            sha256: k.cert.sha256.clone(),
                            subject: k.cert.subject.clone(),
                        });
                        break;
                    }
                    Ok(false) => {}
                    Err(e) => detail = Some(e),
                }
            }
            if result == SigResult::Valid {
                covered.push(msg.root_node);
            } else {
                let why = detail.clone().unwrap_or_else(|| {
                    format!(
                        "it does not verify under any of the {} trusted certificate(s)",
                        trust.len()
                    )
                });
                sink.push(
                    Finding::new(
                        "redirect-signature-invalid",
                        format!(
                            "the query-string signature ({}) is invalid: {why}",
                            rs.sig_alg
                        ),
                    )
                    .hint(idp.hint(Topic::Certificate)),
                );
            }
            reports.push(redirect_report(rs, result, key, detail));
        }
    }

    let consumed = msg.consumed();
    let mut authenticated =
        consumed.is_some_and(|a| covered.contains(&a.node)) || covered.contains(&msg.root_node);
    if authenticated {
        if let Some(a) = consumed {
            let xml = decrypted_xml
                .as_deref()
                .map(str::as_bytes)
                .unwrap_or(&capture.xml);
            if let Some(reason) = crosscheck::disagreement(xml, a) {
                sink.push(Finding::new("wrapping-parser-disagreement", reason));
                authenticated = false;
            }
        }
    }
    // Nothing the SP consumes is authenticated.
    let success = msg.status.as_ref().and_then(|s| s.code.as_deref())
        == Some("urn:oasis:names:tc:SAML:2.0:status:Success");
    if !trust.is_empty()
        && msg.kind == MessageKind::Response
        && !authenticated
        && (consumed.is_some() || success)
    {
        let why = if msg.signatures.is_empty() {
            "the message carries no signature".to_string()
        } else {
            "no signature that passed verification and every wrapping rule covers the Response or the consumed Assertion".to_string()
        };
        sink.push(
            Finding::new(
                "signature-missing",
                format!("nothing the SP would consume is authenticated: {why}"),
            )
            .hint(idp.hint(Topic::Signing)),
        );
    }

    // Trusted certificates' expiry (judged against the real clock, not --at).
    let mut trusted_keys = Vec::new();
    for k in trust.keys() {
        let days = k.cert.days_left(opts.clock.now);
        let what = format!(
            "trusted certificate {} ({}) from {}",
            k.cert.subject,
            short(&k.cert.sha256),
            k.source.path()
        );
        let used = reports.iter().any(|r| {
            r.key
                .as_ref()
                .is_some_and(|key| key.sha256 == k.cert.sha256)
        });
        if days < 0 {
            // An expired certificate that verified nothing here is a warning; one that is in use is an error.
            let (sev, tail) = if used {
                (Severity::Error, "")
            } else {
                (Severity::Warning, "; it verified nothing in this message")
            };
            sink.push(
                Finding::new(
                    "certificate-expired",
                    format!("{what} expired {} day(s) ago{tail}", -days),
                )
                .severity(sev)
                .hint(idp.hint(Topic::Certificate)),
            );
        } else if days < opts.cert_warn_days {
            sink.push(
                Finding::new(
                    "certificate-expiring",
                    format!("{what} expires in {days} day(s)"),
                )
                .hint(idp.hint(Topic::Certificate)),
            );
        } else {
            sink.judged(Check::Certificate);
        }
        trusted_keys.push(TrustedKeyReport {
            source: format!("{} {}", k.source.kind(), k.source.path()),
            cert: CertReport::from(&k.cert),
        });
    }

    status::check(&msg, idp, &mut sink);
    message::check(&msg, consumed, decrypting, idp, &mut sink);
    let mut exp = opts.expectations.clone();
    if let Some(p) = &opts.profile {
        p.extend_expectations(&mut exp);
    }
    expect::check(&msg, consumed, &exp, idp, &mut sink);
    let timeline = timecheck::check(&msg, consumed, &opts.clock, &mut sink);
    let email_order = opts
        .profile
        .as_ref()
        .and_then(|p| p.email_order())
        .unwrap_or_else(|| opts.email_order.clone());
    let email_report = consumed.map(|a| {
        let res = email::resolve(a, &email_order);
        match &opts.profile {
            None => email::check(a, &res, idp, false, &mut sink),
            Some(p) if p.checks_email() => {
                email::check(a, &res, idp, p.name != "generic", &mut sink)
            }
            Some(_) => {}
        }
        EmailReport::from_resolution(res, authenticated)
    });
    if let (Some(p), Some(a)) = (&opts.profile, consumed) {
        p.check(a, idp, &mut sink);
    }

    let checks = Checks(sink.states());
    let verdict = if sink
        .findings()
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    let findings = sink.into_sorted();
    Ok(build(
        capture,
        &msg,
        consumed,
        verdict,
        checks,
        findings,
        reports,
        authenticated,
        email_report,
        idp,
        timeline,
        trusted_keys,
        opts,
        decrypting && decrypted_xml.is_some(),
    ))
}

#[allow(clippy::too_many_arguments)]
fn build(
    capture: &Capture,
    msg: &Message,
    a: Option<&crate::xml::model::Assertion>,
    verdict: Verdict,
    checks: Checks,
    findings: Vec<Finding>,
    signatures: Vec<SignatureReport>,
    authenticated: bool,
    email: Option<EmailReport>,
    idp: Idp,
    timeline: Vec<timecheck::Mark>,
    trusted_keys: Vec<TrustedKeyReport>,
    opts: &Options,
    decrypted: bool,
) -> Report {
    let name_id = a
        .and_then(|a| a.subject.as_ref())
        .and_then(|s| s.name_id.as_ref());
    Report {
        schema: 1,
        message: Some(msg.kind.as_str()),
        verdict,
        decoding: capture.steps.clone(),
        checks,
        findings,
        issuer: msg
            .issuer
            .clone()
            .or_else(|| a.and_then(|a| a.issuer.clone()))
            .map(|s| s.trim().to_string()),
        destination: msg.destination.clone(),
        in_response_to: msg.in_response_to.clone(),
        issue_instant: msg.issue_instant.clone(),
        status: msg.status.clone(),
        subject: a.map(|_| SubjectReport {
            name_id: name_id.map(|n| n.value.trim().to_string()),
            format: name_id.and_then(|n| n.format.clone()),
            authenticated,
        }),
        email,
        attributes: a
            .map(|a| a.attributes().cloned().collect())
            .unwrap_or_default(),
        conditions: a
            .and_then(|a| a.conditions.as_ref())
            .map(|c| ConditionsReport {
                not_before: c.not_before.clone(),
                not_on_or_after: c.not_on_or_after.clone(),
                audiences: c.audiences.clone(),
            }),
        signatures,
        error: None,
        origin: capture.origin.clone(),
        context: capture.context.clone(),
        parameter: capture.parameter.clone(),
        relay_state: capture.relay_state.clone(),
        idp,
        timeline,
        judged_at: Some(timecheck::format_instant(timecheck::reference(
            msg,
            &opts.clock,
        ))),
        trusted_keys,
        request: msg.request.clone(),
        recipients: a
            .map(|a| {
                a.subject
                    .iter()
                    .flat_map(|s| s.confirmations.iter())
                    .filter_map(|c| c.recipient.clone())
                    .collect()
            })
            .unwrap_or_default(),
        assertion_decrypted: decrypted,
    }
}

fn redirect_report(
    rs: &crate::input::RedirectSignature,
    result: SigResult,
    key: Option<KeyReport>,
    detail: Option<String>,
) -> SignatureReport {
    SignatureReport {
        covers: "response",
        reference: None,
        resolves_to: Some("the whole message (query-string signature)".into()),
        line: 0,
        location: "query string (HTTP-Redirect binding)".into(),
        c14n_algorithm: None,
        signature_algorithm: Some(rs.sig_alg.clone()),
        digest_algorithm: None,
        transforms: Vec::new(),
        result,
        key,
        embedded_cert: None,
        valid_under_embedded_cert: None,
        detail,
    }
}

/// Decrypts the first EncryptedAssertion in place and returns the document re-serialised.
fn decrypt(doc: &libxml::tree::Document, key: &[u8]) -> Result<String, String> {
    let root = doc.get_root_element().ok_or("no root")?;
    let data = dom::children(&root, dom::SAML, "EncryptedAssertion")
        .iter()
        .find_map(|e| dom::child(e, dom::XENC, "EncryptedData"))
        .ok_or("no xenc:EncryptedData inside the EncryptedAssertion")?;
    signature::xmlsec::decrypt(&data, key)?;
    Ok(doc.to_string())
}

fn short(hex: &str) -> String {
    format!("SHA-256 {}…", &hex[..hex.len().min(16)])
}

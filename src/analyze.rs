//! The pipeline for one captured message: guard → parse → (decrypt) → model → signatures →
//! checks → report. Pure: it returns a [`Report`] and never prints.

use time::Duration;

use crate::checks::email::{self, Source};
use crate::checks::expect::{self, Expectations};
use crate::checks::time::{self as timecheck, Clock};
use crate::checks::{certificate, message, status, Check, Finding, Severity, Sink};
use crate::error::InputError;
use crate::idp::{Idp, Topic};
use crate::input::{Capture, Limits};
use crate::profiles::Profile;
use crate::report::*;
use crate::signature::{self, crosscheck, redirect, Scope};
use crate::trust::store::TrustStore;
use crate::xml::model::{Message, MessageKind};
use crate::xml::{dom, extract};

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
    let (doc, _) = dom::parse_guarded(&capture.xml, &opts.limits)?;
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

    let decrypting = msg.encrypted_assertions > 0 && opts.sp_key.is_some();
    let (msg, verification, decrypted_xml) =
        verify_and_decrypt(doc, msg, trust, idp, opts, &mut sink)?;
    if decrypting {
        sink.judged(Check::Decryption);
    }
    budget(started, &opts.limits)?;
    let mut reports = verification.reports;
    let mut covered = verification.covered;

    // HTTP-Redirect binding: the query signature authenticates the whole message.
    if let Some(rs) = &capture.redirect {
        let (report, valid) = redirect::verify_capture(rs, trust, idp, &mut sink);
        if valid {
            covered.push(msg.root_node);
        }
        reports.push(report);
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
    // With trusted keys, an Assertion to consume is something the signature check judges.
    if !trust.is_empty() && consumed.is_some() {
        sink.judged(Check::Signature);
    }
    // The SP's metadata may require the Assertion itself to be signed, not just the Response.
    if opts.expectations.want_assertions_signed && authenticated {
        if let Some(a) = consumed.filter(|a| !covered.contains(&a.node)) {
            sink.push(
                Finding::new(
                    "assertion-signature-required",
                    "the SP metadata says WantAssertionsSigned=\"true\" but only the Response is signed",
                )
                .hint(idp.hint(Topic::Signing))
                .at(a.line, a.path.clone()),
            );
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
        // After a wrapping finding the message looks manipulated: that is no configuration problem.
        let wrapped = sink
            .findings()
            .iter()
            .any(|f| f.check == Check::Wrapping && f.severity == Severity::Error);
        let hint = if wrapped {
            "the signature does not cover what an SP would read: the message looks manipulated (XML Signature Wrapping); treat it as an attack, not as an IdP configuration problem".to_string()
        } else {
            idp.hint(Topic::Signing)
        };
        sink.push(
            Finding::new(
                "signature-missing",
                format!("nothing the SP would consume is authenticated: {why}"),
            )
            .hint(hint),
        );
    }

    let trusted_keys = certificate::check(
        trust,
        &reports,
        opts.clock.now,
        opts.cert_warn_days,
        idp,
        &mut sink,
    );

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

/// Verifies signatures and, with `--sp-key`, decrypts the EncryptedAssertion: signatures on the
/// root are verified before decryption (they cover the ciphertext), the rest after it. Returns
/// the model to judge (the decrypted one when decryption worked) and its decrypted XML.
fn verify_and_decrypt(
    doc: libxml::tree::Document,
    msg: Message,
    trust: &TrustStore,
    idp: Idp,
    opts: &Options,
    sink: &mut Sink,
) -> Result<(Message, signature::Verification, Option<String>), InputError> {
    let Some(key) = opts
        .sp_key
        .as_deref()
        .filter(|_| msg.encrypted_assertions > 0)
    else {
        let v = signature::verify_message(&doc, &msg, trust, idp, Scope::All, sink);
        return Ok((msg, v, None));
    };
    let outer = signature::verify_message(&doc, &msg, trust, idp, Scope::RootOnly, sink);
    let root_covered = outer.covered.contains(&msg.root_node);
    let xml = match decrypt(&doc, key) {
        Ok(xml) => xml,
        Err(e) => {
            sink.push(Finding::new(
                "decryption-failed",
                format!("the EncryptedAssertion could not be decrypted with --sp-key: {e}"),
            ));
            return Ok((msg, outer, None));
        }
    };
    drop(doc);
    let (doc, _) = dom::parse_guarded(xml.as_bytes(), &opts.limits)?;
    let msg = extract::message(&doc)?;
    let mut inner = signature::verify_message(&doc, &msg, trust, idp, Scope::AllButRoot, sink);
    if root_covered {
        inner.covered.push(msg.root_node);
    }
    let mut reports = outer.reports;
    reports.extend(inner.reports);
    inner.reports = reports;
    Ok((msg, inner, Some(xml)))
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

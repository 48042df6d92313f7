//! The pipeline for one captured message: decode → parse → trust (signatures, decryption: see
//! [`crate::authenticate`]) → checks → report. Pure: it returns a [`Report`] and never
//! prints.

pub mod options;

pub use options::{Options, DEFAULT_MAX_AGE};

use crate::codes::Code;

use crate::authenticate;
use crate::check::Check;
use crate::checks::context::{Context, EmailRules};
use crate::checks::email::resolution;
use crate::checks::time::{self as timecheck, clock};
use crate::checks::{certificate, list};
use crate::error::InputError;
use crate::finding::{Finding, Sink};
use crate::idp::{Basis, Idp};
use crate::input::{Capture, Limits};
use crate::report::*;
use crate::trust::store::TrustStore;
use crate::xml::model::{Message, MessageKind};
use crate::xml::{dom, extract};

/// Analyses one captured message. Input problems become an `input_error` report.
/// Initialises libxml2 and libxmlsec1 on the calling thread; call once before analysing on
/// several threads (their global initialisation is not safe to race).
pub fn prepare() {
    crate::signature::xmlsec::init();
    let _ = dom::parse(b"<samlcheck/>");
}

/// Judges the reports of one input together, after each was analysed: as the sign-in a capture
/// records ([`crate::flow::as_sign_in`]), then with the profile's SP console terms added to the
/// fixes.
pub fn finish_input(reports: &mut [Report], opts: &Options) {
    if !opts.stacks.is_empty() {
        crate::stacks::from_capture(reports, opts);
    }
    crate::flow::as_sign_in(reports, &opts.policy);
    if let Some(p) = &opts.profile {
        for r in reports.iter_mut() {
            p.name_console(&mut r.findings);
        }
    }
}

pub fn analyze(capture: &Capture, opts: &Options) -> Report {
    let mut r = match analyze_inner(capture, opts) {
        Ok(r) if capture.steps.contains(&crate::input::Step::BareAssertion) => bare(r),
        Ok(r) => r,
        Err(e) => {
            let mut r = Report::input_error(
                &capture.origin,
                capture.steps.clone(),
                &cut_short(e, capture).in_origin(&capture.origin),
            );
            // An unreadable message a capture recorded keeps its place in the sign-in: the
            // IdP did answer, unreadably, and the outline says so.
            r.context = capture.context.clone();
            r.parameter = capture.parameter.clone();
            r.relay_state = capture.relay_state.clone();
            r.http = capture.exchange.clone();
            r.later = capture.later.clone();
            r.earlier = capture.earlier.clone();
            r
        }
    };
    // The message's own verdict; a capture's later stages push theirs and settle again.
    r.settle();
    r
}

/// XML that stops before its root closes, decoded from base64: the copy was cut short (a log
/// line, a terminal, a chat tool truncated it). Said so, with how much arrived, instead of the
/// parser's complaint about the last tag.
fn cut_short(e: InputError, capture: &Capture) -> InputError {
    let len = capture.xml.len();
    let encoded = capture.steps.iter().any(|s| {
        matches!(
            s,
            crate::input::Step::Base64 | crate::input::Step::Base64url
        )
    });
    // The parser ran into the end of the input (its offset is the unclosed tag's start, which
    // can be far from the end), not a wrong tag.
    let eof = e.message.contains("end of input") || e.message.contains("still open");
    if !(encoded && eof) {
        return e;
    }
    let chars = len.div_ceil(3) * 4;
    InputError {
        message: format!(
            "the message was cut short: its base64 decodes to {len} bytes of XML (about {chars} base64 characters) that end before the root element closes — copy the whole SAMLResponse value again (a log line, terminal or chat tool truncated it; `pbpaste | samlcheck` or a HAR file avoid that) ({})",
            e.message
        ),
        ..e
    }
}

/// A bare Assertion was checked inside samlcheck's wrapper Response: the wrapper's status is not
/// the IdP's, so it is not reported, and a finding says what could not be checked.
fn bare(mut r: Report) -> Report {
    r.status = None;
    // The wrapper's status is samlcheck's, not the IdP's: nothing about it was judged.
    r.judged.retain(|c| *c != crate::check::Check::Status);
    // What judges the wrapper itself (its status, its IssueInstant and Issuer, which an
    // encrypted token's wrapper cannot take from a closed Assertion) is samlcheck's, not the IdP's.
    r.findings.retain(|f| {
        let on_wrapper = f.location.as_ref().is_some_and(|l| l.path == "/Response")
            && matches!(
                f.code,
                Code::IssueInstantMissing | Code::IssuerMissingSigned
            );
        f.check != crate::check::Check::Status && !on_wrapper
    });
    r.findings.push(crate::finding::Finding::new(
        Code::AssertionBare,
        "a bare Assertion was given: it was checked inside a Response samlcheck wrapped around it, so the Response's status, Destination, InResponseTo and any Response signature were not checked",
    ));
    r
}

/// Fails when the per-message time budget is spent (checked between stages).
fn budget(started: std::time::Instant, limits: &Limits) -> Result<(), InputError> {
    crate::signature::Budget { limits, started }.enforce()
}

/// The one pipeline, for every message kind: parse once → read (the kind's reader) → trust
/// stage → the kind's checks → policy → report.
fn analyze_inner(capture: &Capture, opts: &Options) -> Result<Report, InputError> {
    let started = std::time::Instant::now();
    let (clock, time_basis) = opts
        .clock
        .for_capture(capture.recorded_at, capture.from_capture);
    let (doc, _) = dom::parse_guarded(&capture.xml, &opts.limits)?;
    let msg = extract::message(&doc)?;
    budget(started, &opts.limits)?;
    let (idp, idp_basis) = recognise(&msg, opts);
    // Responses and tokens are signed by the IdP; AuthnRequests by the SP; logout messages by
    // either.
    let merged;
    let trust = match msg.kind {
        MessageKind::Response | MessageKind::Saml11Assertion => &opts.trust,
        MessageKind::AuthnRequest => &opts.sp_trust,
        _ => {
            merged = opts.trust.merged(&opts.sp_trust);
            &merged
        }
    };
    sender_key(capture, &msg, trust, opts)?;
    let mut sink = Sink::with_policy(&opts.policy);
    input_notes(capture, &msg, &mut sink);

    let inputs = authenticate::Inputs {
        trust,
        sp_key: opts.sp_key.as_deref(),
        limits: &opts.limits,
        want_assertions_signed: opts.expectations.want_assertions_signed,
        strict: opts.strict,
        idp,
        policy: &opts.policy,
        started,
    };
    let trusted = authenticate::establish(capture, doc, msg, &inputs, &mut sink)?;
    budget(started, &opts.limits)?;
    Ok(judge(
        capture,
        trusted,
        trust,
        (idp, idp_basis),
        (&clock, time_basis),
        opts,
        sink,
    ))
}

/// After the trust stage: certificates, the kind's checks, time, email, policy → the report.
fn judge(
    capture: &Capture,
    mut trusted: authenticate::Trusted,
    trust: &crate::trust::store::TrustStore,
    (idp, idp_basis): (Idp, Option<Basis>),
    (clock, time_basis): (&clock::Clock, clock::TimeBasis),
    opts: &Options,
    mut sink: Sink,
) -> Report {
    let msg = &trusted.msg;
    let consumed = msg.consumed();
    // An Issuer that names no product leaves the syntax of an unresolved placeholder to go by.
    let (idp, idp_basis) = match (idp, idp_basis) {
        (Idp::Unknown, _) => {
            guess_from_placeholders(msg).map_or((Idp::Unknown, None), |(i, b)| (i, Some(b)))
        }
        known => known,
    };

    let judged_at = clock::reference(msg, clock);
    let exp = &opts.expectations;
    let email = EmailRules {
        order: opts.email_sources(),
        strict: match &opts.profile {
            None => Some(false),
            Some(p) if p.checks_email() => Some(p.name != "generic"),
            Some(_) => None,
        },
    };
    let context = Context {
        msg,
        consumed,
        exp,
        clock,
        judged_at,
        idp,
        profile: opts.profile.as_ref(),
        trust,
        signatures: &trusted.signatures,
        authenticated: trusted.authenticated(),
        max_age: opts.max_age,
        cert_warn_days: opts.cert_warn_days,
        ws_federation: capture.steps.contains(&crate::input::Step::WsFederation),
        instants: timecheck::instants::read(msg, consumed),
        email_resolution: consumed.map(|a| resolution::resolve(a, email.order)),
        email,
    };
    for check in list::for_kind(msg.kind) {
        check(&context, &mut sink);
    }
    let email = context
        .email_resolution
        .map(|r| crate::report::EmailReport::from_resolution(r, context.authenticated));
    let judged = Judged {
        judged: sink.judged_checks(),
        findings: sink.into_findings(),
        email,
        idp,
        idp_basis,
        timeline: timecheck::timeline(&context.instants, judged_at),
        trusted_keys: certificate::listed(trust),
        judged_at,
        time_basis,
        acs_from_metadata: msg
            .request
            .as_ref()
            .filter(|_| msg.kind == crate::xml::model::MessageKind::AuthnRequest)
            .and_then(|q| crate::checks::acs_request::resolve(q, &exp.sp_acs)),
    };
    // The message's values move into the report, unless `--sp-stack` reads the message after.
    let keep = !opts.stacks.is_empty();
    let mut report = build(capture, &mut trusted, judged, keep);
    // `--sp-stack`: what each named SP library would answer, read off the same message.
    if keep {
        crate::stacks::answer(&mut report, capture, &trusted.msg, opts, judged_at);
    }
    report
}

/// `verify` judges a message only under a key its sender signs with: Responses and tokens need
/// an IdP key, an AuthnRequest the SP's, a logout message either. Without one there is no verdict
/// to give (exit 2), whatever other keys were passed. A request in a HAR or SAML-tracer capture is
/// context for the Response it asked for and needs no SP key.
fn sender_key(
    capture: &Capture,
    msg: &Message,
    trust: &TrustStore,
    opts: &Options,
) -> Result<(), InputError> {
    if !opts.strict || !trust.is_empty() || (msg.kind.is_protocol_only() && capture.from_capture) {
        return Ok(());
    }
    let (sender, flags) = match msg.kind {
        MessageKind::Response | MessageKind::Saml11Assertion => (
            "the IdP",
            "--idp-metadata FILE (the IdP's SAML metadata), --cert FILE (its signing certificate) or --fingerprint SHA256",
        ),
        MessageKind::AuthnRequest => ("the SP", "--sp-metadata FILE or --sp-cert FILE"),
        _ => (
            "its sender",
            "--idp-metadata/--cert for the IdP or --sp-metadata/--sp-cert for the SP",
        ),
    };
    Err(InputError::new(format!(
        "verify needs a trusted key of {sender} to judge this {}, and none was given (the keys passed belong to the other party): pass {flags}; `samlcheck inspect` shows it without one",
        msg.kind.title()
    )))
}

/// Notes about how the message arrived: the URL-safe alphabet, a SAML 1.1 token.
fn input_notes(capture: &Capture, msg: &Message, sink: &mut Sink) {
    sink.judged(Check::Input);
    if capture.steps.contains(&crate::input::Step::Base64url) {
        sink.push(Finding::new(
            Code::UrlSafeBase64,
            "the message used the URL-safe base64 alphabet",
        ));
    }
    if capture.steps.contains(&crate::input::Step::WsFederation) {
        sink.push(Finding::new(
            Code::WsFederationToken,
            "a token delivered by the WS-Federation passive profile (wsignin1.0 / RequestSecurityTokenResponse): judged by its rules — signature, issuer, audience and time; the Web Browser SSO profile's bearer SubjectConfirmationData rules (Recipient, NotOnOrAfter, InResponseTo; SAML profiles §4.1.4.2) do not apply to it",
        ));
    }
    if msg.kind == MessageKind::Saml11Assertion {
        sink.push(Finding::new(
            Code::Saml11Assertion,
            "a SAML 1.1 assertion (WS-Federation token): checked through the same trust stage as SAML 2.0; the Response-only rules (Destination, bearer Recipient, InResponseTo) do not exist in SAML 1.1",
        ));
    }
}

/// The IdP, from the Issuer, else from what the IdP metadata (or --issuer) says it is.
fn recognise(msg: &Message, opts: &Options) -> (Idp, Option<Basis>) {
    let issuer = msg
        .issuer
        .as_deref()
        .or(msg.assertions.first().and_then(|a| a.issuer.as_deref()));
    match (
        Idp::recognise(issuer),
        Idp::recognise(opts.expectations.issuer.as_deref()),
    ) {
        (Idp::Unknown, Idp::Unknown) => (Idp::Unknown, None),
        (Idp::Unknown, expected) => (expected, Some(Basis::Expected)),
        (known, _) => (known, Some(Basis::Issuer)),
    }
}

/// The IdP whose console syntax an unresolved NameID or attribute value is written in.
fn guess_from_placeholders(msg: &Message) -> Option<(Idp, Basis)> {
    let a = msg.consumed()?;
    let name_id = a
        .subject
        .iter()
        .filter_map(|s| s.name_id.as_ref())
        .map(|n| n.value.as_str());
    let values = a
        .attributes()
        .flat_map(|at| at.values.iter().map(String::as_str));
    name_id
        .chain(values)
        .filter(|v| resolution::is_placeholder(v))
        .find_map(|v| {
            Idp::from_placeholder(v).map(|i| {
                (
                    i,
                    Basis::Placeholder(crate::xml::text::trim_xml(v).to_string()),
                )
            })
        })
}

/// What the checks concluded, for [`build`].
struct Judged {
    judged: Vec<crate::check::Check>,
    findings: Vec<Finding>,
    email: Option<EmailReport>,
    idp: Idp,
    idp_basis: Option<Basis>,
    timeline: Vec<clock::Mark>,
    trusted_keys: Vec<TrustedKeyReport>,
    judged_at: time::OffsetDateTime,
    time_basis: clock::TimeBasis,
    /// The ACS an AuthnRequest names by index (or by default) in the SP metadata.
    acs_from_metadata: Option<crate::xml::model::AcsEndpoint>,
}

/// The report, from the judged message: its values are moved out of `trusted` (the message is
/// not read again), or copied when `keep` says something still reads it.
fn build(capture: &Capture, trusted: &mut authenticate::Trusted, j: Judged, keep: bool) -> Report {
    fn grab<T: Clone + Default>(v: &mut T, keep: bool) -> T {
        if keep {
            v.clone()
        } else {
            std::mem::take(v)
        }
    }
    let authenticated = trusted.authenticated();
    let signatures = grab(&mut trusted.signatures, keep);
    let msg = &mut trusted.msg;
    let mut a = match msg.assertions.as_mut_slice() {
        [a] => Some(a),
        _ => None,
    };
    let issuer = msg
        .issuer
        .as_deref()
        .or_else(|| a.as_ref().and_then(|a| a.issuer.as_deref()))
        .map(|s| crate::xml::text::trim_xml(s).to_string());
    let subject = a.as_mut().map(|a| {
        let name_id = a.subject.as_mut().and_then(|s| s.name_id.as_mut());
        SubjectReport {
            name_id: name_id
                .as_ref()
                .map(|n| crate::xml::text::trim_xml(&n.value).to_string()),
            format: name_id.and_then(|n| grab(&mut n.format, keep)),
            authenticated,
        }
    });
    let attributes = a
        .as_mut()
        .map(|a| {
            a.attribute_statements
                .iter_mut()
                .flat_map(|s| grab(&mut s.attributes, keep))
                .collect()
        })
        .unwrap_or_default();
    let conditions = a
        .as_mut()
        .and_then(|a| a.conditions.as_mut())
        .map(|c| ConditionsReport {
            not_before: grab(&mut c.not_before, keep),
            not_on_or_after: grab(&mut c.not_on_or_after, keep),
            audiences: grab(&mut c.audiences, keep),
        });
    let recipients = a
        .as_mut()
        .map(|a| {
            a.subject
                .iter_mut()
                .flat_map(|s| s.confirmations.iter_mut())
                .filter_map(|c| grab(&mut c.recipient, keep))
                .collect()
        })
        .unwrap_or_default();
    // Only an authenticated Assertion can be replayed: an SP accepts nothing else.
    let assertion_id = a
        .as_mut()
        .filter(|_| authenticated)
        .and_then(|a| grab(&mut a.id, keep));
    let first_statement = a.and_then(|a| a.authn_statements.first_mut());
    let (authn_class, authn_instant) = match first_statement {
        Some(s) => (
            grab(&mut s.context_class_ref, keep),
            grab(&mut s.authn_instant, keep),
        ),
        None => (None, None),
    };
    Report {
        schema: 1,
        message: Some(msg.kind),
        // Set by `settle` from the findings, once every stage pushed its own.
        verdict: Verdict::Pass,
        decoding: capture.steps.clone(),
        checks: Checks(Vec::new()),
        findings: j.findings,
        judged: j.judged,
        context_of_sign_in: false,
        issuer,
        destination: grab(&mut msg.destination, keep),
        in_response_to: grab(&mut msg.in_response_to, keep),
        issue_instant: grab(&mut msg.issue_instant, keep),
        status: grab(&mut msg.status, keep),
        subject,
        email: j.email,
        attributes,
        conditions,
        signatures,
        error: None,
        origin: capture.origin.clone(),
        context: capture.context.clone(),
        parameter: capture.parameter.clone(),
        relay_state: capture.relay_state.clone(),
        idp: j.idp,
        idp_basis: j.idp_basis,
        timeline: j.timeline,
        judged_at: Some(clock::format_instant(j.judged_at)),
        time_basis: Some(j.time_basis),
        trusted_keys: j.trusted_keys,
        request: grab(&mut msg.request, keep).map(|mut q| {
            q.acs_from_metadata = j.acs_from_metadata;
            q
        }),
        recipients,
        assertion_decrypted: trusted.decrypted,
        assertion_id,
        http: capture.exchange.clone(),
        flows: Vec::new(),
        flow: None,
        later: capture.later.clone(),
        earlier: capture.earlier.clone(),
        message_id: grab(&mut msg.id, keep),
        authn_class,
        authn_instant,
        stacks: Vec::new(),
        stack_decides: false,
        stack_basis: None,
    }
}

//! The report: one struct per message that both renderers read. Field names of the JSON form
//! are a public API (schema 1): add, never rename.

pub mod flow;
pub mod suite;

use serde::Serialize;

use crate::check::{Check, Severity, State};
use crate::checks::email::resolution::Resolution;
use crate::checks::time::clock::Mark;
use crate::finding::Finding;
use crate::idp::{Basis, Idp};
use crate::input::Step;
use crate::xml::model::{Attribute, RequestInfo, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    InputError,
    /// A request or logout message in a capture that records a sign-in: context for the
    /// Response's verdict, never a verdict of its own (its findings are still listed).
    Context,
}

impl Verdict {
    /// Whether it fails a run (a context message neither passes nor fails it).
    pub fn fails(self) -> bool {
        matches!(self, Verdict::Fail | Verdict::InputError)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectReport {
    pub name_id: Option<String>,
    pub format: Option<String>,
    pub authenticated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailReport {
    pub value: Option<String>,
    pub source: crate::checks::email::resolution::EmailSource,
    pub authenticated: bool,
    pub candidates: Vec<crate::checks::email::resolution::Candidate>,
    /// When no email resolved: other attributes that probably hold it, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elsewhere: Vec<crate::checks::email::resolution::NearMiss>,
}

impl EmailReport {
    pub fn from_resolution(r: Resolution, authenticated: bool) -> Self {
        Self {
            value: r.value,
            source: r.source,
            authenticated,
            candidates: r.candidates,
            elsewhere: r.elsewhere,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionsReport {
    pub not_before: Option<String>,
    pub not_on_or_after: Option<String>,
    pub audiences: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertReport {
    pub subject: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
    pub sha256: String,
    /// The SHA-1 thumbprint, as Entra ID and AD FS display certificates (identification only).
    pub sha1: String,
}

impl CertReport {
    /// The report of `c`, shared: a batch reports the same few certificates (the trusted one,
    /// the one each message embeds) for every message, so their reports (a SHA-1 through
    /// OpenSSL, two formatted instants) are made once per thread, remembered by SHA-256, and
    /// every report that lists one points at the same copy.
    pub fn of(c: &crate::trust::cert::CertInfo) -> std::sync::Arc<Self> {
        use crate::checks::time::clock::format_instant;
        use std::cell::RefCell;
        use std::sync::Arc;
        thread_local! {
            static MADE: RefCell<Vec<Arc<CertReport>>> = const { RefCell::new(Vec::new()) };
        }
        let hit = MADE.with(|m| {
            m.borrow()
                .iter()
                .find(|r| r.sha256 == c.sha256 && r.subject == c.subject)
                .cloned()
        });
        if let Some(r) = hit {
            return r;
        }
        let r = Arc::new(Self {
            subject: c.subject.clone(),
            issuer: c.issuer.clone(),
            not_before: format_instant(c.not_before),
            not_after: format_instant(c.not_after),
            sha256: c.sha256.clone(),
            sha1: crate::trust::cert::sha1_hex(&c.der),
        });
        MADE.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= 16 {
                m.clear();
            }
            m.push(Arc::clone(&r));
        });
        r
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyReport {
    /// `metadata`, `cert` or `embedded`.
    pub source: String,
    pub sha256: String,
    pub subject: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SigResult {
    Valid,
    DigestMismatch,
    SignatureMismatch,
    UntrustedKey,
    NotChecked,
    /// Refused by policy before or instead of cryptographic verification.
    Refused,
}

impl SigResult {
    /// The result in words, as the text, Markdown and HTML reports print it.
    pub fn label(self) -> &'static str {
        match self {
            SigResult::Valid => "valid",
            SigResult::DigestMismatch => "digest mismatch",
            SigResult::SignatureMismatch => "signature mismatch",
            SigResult::UntrustedKey => "untrusted key",
            SigResult::NotChecked => "not checked",
            SigResult::Refused => "refused",
        }
    }
}

/// How a headline reads: the words and whether they are good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Caution,
    Bad,
    /// Neither good nor bad: a request that is context for a sign-in.
    Neutral,
}

impl Report {
    /// How many error and warning findings the report has.
    pub fn counts(&self) -> (usize, usize) {
        let n =
            |s: crate::check::Severity| self.findings.iter().filter(|f| f.severity == s).count();
        (
            n(crate::check::Severity::Error),
            n(crate::check::Severity::Warning),
        )
    }

    /// The verdict word every renderer leads with: PASS/FAIL for `verify`, OK/WARNINGS/PROBLEMS
    /// for `inspect`.
    pub fn headline(&self, verify: bool) -> (&'static str, Tone) {
        let (errors, warnings) = self.counts();
        match (verify, self.verdict) {
            // A request of a recorded sign-in: context, never a green verdict of its own.
            (_, Verdict::Context) => ("· CONTEXT", Tone::Neutral),
            // One SP stack decides: say so, since its rules, not samlcheck's policy, passed it.
            (true, Verdict::Pass) if self.stack_decides => ("✔ PASS (by its SP stack)", Tone::Good),
            (true, Verdict::Fail) if self.stack_decides => ("✗ FAIL (by its SP stack)", Tone::Bad),
            (true, Verdict::Pass) => ("✔ PASS", Tone::Good),
            (true, _) => ("✗ FAIL", Tone::Bad),
            (false, _) if errors > 0 => ("✗ PROBLEMS", Tone::Bad),
            (false, _) if warnings > 0 => ("! WARNINGS", Tone::Caution),
            (false, _) => ("✔ OK", Tone::Good),
        }
    }

    /// Why the judged time is what it is, for the human renderers ("" when it is now).
    pub fn time_basis_words(&self) -> &'static str {
        use crate::checks::time::clock::TimeBasis;
        match self.time_basis {
            Some(TimeBasis::Capture) => ", when the capture recorded it (--at now judges it now)",
            Some(TimeBasis::IssueInstant) => ", the message's own IssueInstant",
            _ => "",
        }
    }

    /// The message kind as a title ("AuthnRequest", "Response", …).
    pub fn kind_title(&self) -> String {
        match self.message {
            Some(crate::xml::model::MessageKind::Response) => "Response".into(),
            Some(crate::xml::model::MessageKind::AuthnRequest) => "AuthnRequest".into(),
            Some(crate::xml::model::MessageKind::LogoutRequest) => "LogoutRequest".into(),
            Some(crate::xml::model::MessageKind::LogoutResponse) => "LogoutResponse".into(),
            Some(crate::xml::model::MessageKind::Saml11Assertion) => "SAML 1.1 assertion".into(),
            _ => "message".into(),
        }
    }

    /// The message as one hop of a sign-in: "Response to _req1", "Response (IdP-initiated)",
    /// "AuthnRequest _id", or the kind alone.
    pub fn hop_label(&self) -> String {
        match (self.message, self.message_id.as_deref()) {
            (Some(crate::xml::model::MessageKind::Response), _) => {
                match self.in_response_to.as_deref() {
                    Some(irt) => format!("Response to {irt}"),
                    None => "Response (IdP-initiated)".into(),
                }
            }
            (Some(_), Some(id)) => format!("{} {id}", self.kind_title()),
            // An unreadable message is named by the parameter that carried it.
            (None, _) if self.parameter.is_some() => self.parameter.clone().unwrap_or_default(),
            _ => self.kind_title(),
        }
    }

    /// Its place among the messages of the capture it came from (from 1, what `--message` and
    /// `FILE#N` take), when a capture recorded it.
    pub fn message_number(&self) -> Option<usize> {
        self.flow.map(|place| place.message)
    }

    /// What kind of message it is, in words ("response", "authn request", …).
    pub fn kind(&self) -> String {
        match self.message {
            Some(crate::xml::model::MessageKind::Saml11Assertion) => "SAML 1.1 assertion".into(),
            m => m.map_or("message", |m| m.as_str()).replace('_', " "),
        }
    }
}

/// What a signature covers (the JSON `covers`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Covers {
    /// The Response root.
    Response,
    /// The consumed Assertion (or a SAML 1.1 token's root).
    Assertion,
    /// The root of a request or logout message, or (redirect binding) the whole query.
    Message,
    /// Anything else: it authenticates nothing the SP consumes.
    #[default]
    Other,
}

impl Covers {
    pub fn as_str(self) -> &'static str {
        match self {
            Covers::Response => "response",
            Covers::Assertion => "assertion",
            Covers::Message => "message",
            Covers::Other => "other",
        }
    }
}

impl std::fmt::Display for Covers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureReport {
    pub covers: Covers,
    pub reference: Option<String>,
    /// The element the reference resolves to (path and line), when it resolves to exactly one.
    pub resolves_to: Option<String>,
    pub line: usize,
    /// Path of the element the Signature sits in.
    pub location: String,
    pub c14n_algorithm: Option<String>,
    pub signature_algorithm: Option<String>,
    pub digest_algorithm: Option<String>,
    pub transforms: Vec<String>,
    pub result: SigResult,
    /// The trusted key that verified it (only with `valid`).
    pub key: Option<KeyReport>,
    /// The certificate the message carries in KeyInfo (information only).
    pub embedded_cert: Option<std::sync::Arc<CertReport>>,
    /// Whether the signature verifies under the embedded certificate (integrity only).
    pub valid_under_embedded_cert: Option<bool>,
    /// libxmlsec1's reason when verification failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A trusted certificate, as listed in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustedKeyReport {
    pub source: String,
    /// How the key was given: "certificate (PEM)", "public key (PEM, SubjectPublicKeyInfo)", …
    pub form: &'static str,
    #[serde(flatten)]
    pub cert: std::sync::Arc<CertReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    pub message: String,
    pub offset: Option<usize>,
}

/// One message's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema: u32,
    pub message: Option<crate::xml::model::MessageKind>,
    /// Derived from `findings` by [`Report::settle`], the one place that sets it.
    pub verdict: Verdict,
    pub decoding: Vec<Step>,
    pub checks: Checks,
    pub findings: Vec<Finding>,
    /// The checks that had something to judge (a check with no finding is `pass` when judged,
    /// `skip` otherwise): with `findings`, all [`Report::settle`] derives the states from.
    #[serde(skip)]
    pub judged: Vec<Check>,
    /// Set by the capture stage for a request or logout message of a recorded sign-in: its
    /// verdict is [`Verdict::Context`].
    #[serde(skip)]
    pub context_of_sign_in: bool,
    pub issuer: Option<String>,
    pub destination: Option<String>,
    pub in_response_to: Option<String>,
    pub issue_instant: Option<String>,
    pub status: Option<Status>,
    pub subject: Option<SubjectReport>,
    pub email: Option<EmailReport>,
    pub attributes: Vec<Attribute>,
    pub conditions: Option<ConditionsReport>,
    pub signatures: Vec<SignatureReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
    // Additions beyond the core shape of schema 1.
    pub origin: String,
    pub context: Option<String>,
    pub parameter: Option<String>,
    pub relay_state: Option<String>,
    pub idp: Idp,
    /// What the IdP was recognised from (absent when it was not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp_basis: Option<Basis>,
    pub timeline: Vec<Mark>,
    /// The time the message was judged against.
    pub judged_at: Option<String>,
    /// What that time is: now (`--now`, the clock), capture (when a HAR or SAML-tracer export
    /// recorded the message) or issue_instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_basis: Option<crate::checks::time::clock::TimeBasis>,
    pub trusted_keys: Vec<TrustedKeyReport>,
    pub request: Option<RequestInfo>,
    /// Recipient values of the bearer SubjectConfirmations.
    pub recipients: Vec<String>,
    pub assertion_decrypted: bool,
    /// The consumed Assertion's ID (for replay detection across the messages of one run).
    #[serde(skip)]
    pub assertion_id: Option<String>,
    /// The HTTP exchange that carried the message, when a capture recorded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<crate::input::exchange::Exchange>,
    /// The sign-in this message opens (the first message of each sign-in carries it once; the
    /// others carry only their place in `flow`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<flow::FlowReport>,
    /// Where in those sign-ins this message was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<flow::FlowPlace>,
    /// What the capture recorded after the message (for the flow checks; not serialised).
    #[serde(skip)]
    pub later: Vec<crate::input::exchange::Exchange>,
    /// What it recorded before the first message (the SP's pages and redirect; not serialised).
    #[serde(skip)]
    pub earlier: Vec<crate::input::exchange::Exchange>,
    /// The message's own ID (an AuthnRequest's, for InResponseTo).
    #[serde(skip)]
    pub message_id: Option<String>,
    /// The consumed Assertion's AuthnContextClassRef.
    #[serde(skip)]
    pub authn_class: Option<String>,
    /// The consumed Assertion's AuthnInstant (when the user authenticated).
    #[serde(skip)]
    pub authn_instant: Option<String>,
    /// `--sp-stack`: each named SP stack's answer for this Response (empty without the flag).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stacks: Vec<crate::stacks::StackVerdict>,
    /// One stack was named: its rules decide the verdict, the forgery floor kept.
    #[serde(skip)]
    pub stack_decides: bool,
    /// What the stacks answered from, when a capture may still supply the SP's settings.
    #[serde(skip)]
    pub stack_basis: Option<Box<crate::stacks::Basis>>,
}

/// Check states, serialised as an object in the fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checks(pub Vec<(Check, State)>);

impl Checks {
    pub fn get(&self, check: Check) -> State {
        self.0
            .iter()
            .find(|(c, _)| *c == check)
            .map_or(State::Skip, |(_, s)| *s)
    }
}

impl Serialize for Checks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (c, state) in &self.0 {
            m.serialize_entry(c.as_str(), state)?;
        }
        m.end()
    }
}

impl Report {
    /// Adds a finding from a later stage (the capture's sign-in, a replay), with the user's
    /// policy applied as it is pushed, as every stage's sink does.
    pub fn push(&mut self, mut f: Finding, policy: &crate::finding::Policy) {
        f.severity = policy.severity(&f);
        // One SP stack decides: its rules replace samlcheck's policy, except the forgery floor.
        if self.stack_decides
            && f.severity == Severity::Error
            && f.check != Check::SpStack
            && !crate::stacks::is_floor(&f)
        {
            f.severity = Severity::Warning;
        }
        if f.severity != Severity::Info && !self.judged.contains(&f.check) {
            self.judged.push(f.check);
        }
        self.findings.push(f);
    }

    /// The verdict and every check state, derived from the findings alone: the one place that
    /// sets them (after each stage, from the same data, so it can be run again and agrees).
    /// An input error stays one.
    pub fn settle(&mut self) {
        if self.verdict == Verdict::InputError {
            return;
        }
        self.findings
            .sort_by_key(|x| (std::cmp::Reverse(x.severity), crate::finding::cause_rank(x)));
        let asked = !self.stacks.is_empty();
        self.checks = Checks(
            Check::ALL
                .iter()
                .filter(|&&c| c != Check::SpStack || asked)
                .map(|&c| {
                    let worst = self
                        .findings
                        .iter()
                        .filter(|f| f.check == c)
                        .map(|f| f.severity)
                        .max();
                    let state = match worst {
                        Some(Severity::Error) => State::Fail,
                        Some(Severity::Warning) => State::Warn,
                        _ if self.judged.contains(&c) => State::Pass,
                        _ => State::Skip,
                    };
                    (c, state)
                })
                .collect(),
        );
        // Context only for a request with nothing wrong of its own: an error (a forged or
        // wrapped message posted in the capture's place of a request) fails like any message.
        let error = self.findings.iter().any(|f| f.severity == Severity::Error);
        self.verdict = if self.context_of_sign_in && !error {
            Verdict::Context
        } else if error {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
    }

    /// A report for input that could not be analysed.
    pub fn input_error(origin: &str, decoding: Vec<Step>, err: &crate::error::InputError) -> Self {
        Self {
            schema: 1,
            message: None,
            verdict: Verdict::InputError,
            decoding,
            checks: Checks(vec![(Check::Input, State::Fail)]),
            findings: Vec::new(),
            judged: Vec::new(),
            context_of_sign_in: false,
            issuer: None,
            destination: None,
            in_response_to: None,
            issue_instant: None,
            status: None,
            subject: None,
            email: None,
            attributes: Vec::new(),
            conditions: None,
            signatures: Vec::new(),
            error: Some(ErrorReport {
                message: err.to_string(),
                offset: err.offset,
            }),
            origin: origin.to_string(),
            context: None,
            parameter: None,
            relay_state: None,
            idp: Idp::Unknown,
            idp_basis: None,
            timeline: Vec::new(),
            judged_at: None,
            trusted_keys: Vec::new(),
            request: None,
            recipients: Vec::new(),
            assertion_decrypted: false,
            assertion_id: None,
            time_basis: None,
            http: None,
            flows: Vec::new(),
            flow: None,
            later: Vec::new(),
            earlier: Vec::new(),
            message_id: None,
            authn_class: None,
            authn_instant: None,
            stacks: Vec::new(),
            stack_decides: false,
            stack_basis: None,
        }
    }
}

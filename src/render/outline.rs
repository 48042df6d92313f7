//! The outline of one message's report, shared by the human, Markdown and HTML renderers: which
//! sections there are, in which order, and what each shows. The renderers only mark it up
//! (colour and alignment, Markdown tables, HTML tables), so a new field is one change here.
//! Text is raw; each renderer escapes it for its medium.

use crate::check::{Check, Severity, State};
use crate::checks::email::resolution::Holds;
use crate::finding::Finding;
use crate::report::{Report, SigResult, Tone};

/// How a span looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Good,
    Caution,
    Bad,
    Dim,
    Strong,
    /// An attribute or element name.
    Name,
}

/// What a span holds: words of the report, or a value from the message (code in Markdown and
/// HTML; shown quoted in text when `Quoted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Value,
    Quoted,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub kind: Kind,
}

/// A line: spans in order.
pub type Line = Vec<Span>;

pub fn text(s: impl Into<String>) -> Span {
    Span {
        text: s.into(),
        style: Style::Plain,
        kind: Kind::Text,
    }
}

pub fn styled(s: impl Into<String>, style: Style) -> Span {
    Span {
        text: s.into(),
        style,
        kind: Kind::Text,
    }
}

pub fn value(s: impl Into<String>) -> Span {
    Span {
        text: s.into(),
        style: Style::Plain,
        kind: Kind::Value,
    }
}

pub fn quoted(s: impl Into<String>) -> Span {
    Span {
        text: s.into(),
        style: Style::Plain,
        kind: Kind::Quoted,
    }
}

/// The verdict line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub words: &'static str,
    pub tone: Tone,
    /// "response", "authn request", …
    pub kind: String,
    pub issuer: Option<String>,
    /// "(AWS IAM Identity Center)" or "(probably …, from …)".
    pub idp: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    /// What an inspect headline does not cover ("signature not checked").
    pub scope: Option<&'static str>,
}

/// A titled part with rows under a summary: a table in Markdown and HTML, indented lines in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub title: &'static str,
    pub summary: Line,
    /// Column names (Markdown and HTML tables).
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<Line>>,
    /// The last column is a detail (text shows it on a line under its row).
    pub detail_last: bool,
}

/// The whole outline of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline<'a> {
    pub head: Headline,
    /// The most likely cause: the first error, else the first warning.
    pub cause: Option<&'a Finding>,
    /// Labelled values: input, issuer, status, destination, subject, …
    pub fields: Vec<(&'static str, Line)>,
    /// Time, email, attributes, trusted certificates, signatures.
    pub parts: Vec<Part>,
    pub checks: &'a [(Check, State)],
    pub findings: &'a [Finding],
    /// `--sp-stack`: each stack's answer, one line each.
    pub stacks: &'a [crate::stacks::StackVerdict],
}

impl<'a> Outline<'a> {
    /// The outline of a report that has a message (not an input error).
    pub fn of(r: &'a Report, verify: bool) -> Self {
        let (errors, warnings) = r.counts();
        let (words, tone) = r.headline(verify);
        let checked = r
            .signatures
            .iter()
            .any(|s| s.result != SigResult::NotChecked);
        let scope = match (verify, checked) {
            (false, false) if r.trusted_keys.is_empty() => {
                Some("signature not checked (no trusted key given)")
            }
            (false, false) => Some("signature not checked"),
            _ => None,
        };
        let idp = match (&r.idp, &r.idp_basis) {
            (crate::idp::Idp::Unknown, _) => None,
            (i, Some(b @ crate::idp::Basis::Placeholder(_))) => {
                Some(format!("probably {}, {}", i.name(), b.describe()))
            }
            // An AuthnRequest is the SP's, sent to the IdP: never labelled as the IdP's own.
            (i, _) if r.message == Some(crate::xml::model::MessageKind::AuthnRequest) => {
                Some(format!("to {}", i.name()))
            }
            (i, _) => Some(i.name().to_string()),
        };
        let cause = r
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .or_else(|| r.findings.iter().find(|f| f.severity == Severity::Warning));
        let parts = [time(r), email(r), attributes(r), trusted(r), signatures(r)]
            .into_iter()
            .flatten()
            .collect();
        Outline {
            head: Headline {
                words,
                tone,
                kind: r.kind(),
                issuer: r.issuer.clone(),
                idp,
                errors,
                warnings,
                scope,
            },
            cause,
            fields: fields(r),
            parts,
            checks: &r.checks.0,
            findings: &r.findings,
            stacks: &r.stacks,
        }
    }
}

/// The last segment of a URI (`…#rsa-sha256` → `rsa-sha256`, `…:Success` → `Success`).
fn last(uri: &str, seps: &[char]) -> String {
    uri.rsplit(seps).next().unwrap_or(uri).to_string()
}

fn fields(r: &Report) -> Vec<(&'static str, Line)> {
    let mut f: Vec<(&'static str, Line)> = Vec::new();
    let mut input = vec![value(&r.origin)];
    if let Some(c) = &r.context {
        input.extend([text(" · "), text(c)]);
    }
    f.push(("Input", input));
    let steps: Vec<&str> = r.decoding.iter().map(|s| s.as_str()).collect();
    f.push((
        "Decoded",
        vec![text(if steps.is_empty() {
            "raw XML".to_string()
        } else {
            steps.join(" → ")
        })],
    ));
    if let Some(p) = &r.parameter {
        f.push(("Parameter", vec![value(p)]));
    }
    if let Some(rs) = &r.relay_state {
        f.push(("RelayState", vec![value(rs)]));
    }
    if let Some(i) = &r.issuer {
        f.push(("Issuer", vec![value(i)]));
    }
    if let Some(s) = &r.status {
        f.push(("Status", status(s)));
    }
    if let Some(d) = &r.destination {
        f.push(("Destination", vec![value(d)]));
    }
    for rcp in &r.recipients {
        f.push(("Recipient", vec![value(rcp)]));
    }
    match (&r.in_response_to, r.message) {
        (Some(irt), _) => f.push(("InResponseTo", vec![value(irt)])),
        (None, Some(crate::xml::model::MessageKind::Response)) => f.push((
            "InResponseTo",
            vec![styled("(none: IdP-initiated)", Style::Dim)],
        )),
        _ => {}
    }
    if let Some(req) = &r.request {
        request(req, &mut f);
    }
    if let Some(c) = r.conditions.as_ref().filter(|c| !c.audiences.is_empty()) {
        f.push(("Audience", vec![value(c.audiences.join(", "))]));
    }
    if let Some(s) = &r.subject {
        f.push(("Subject", subject(s)));
    }
    if r.assertion_decrypted {
        f.push((
            "Decrypted",
            vec![text("EncryptedAssertion decrypted with --sp-key")],
        ));
    }
    f
}

fn status(s: &crate::xml::model::Status) -> Line {
    let code = s.code.as_deref().unwrap_or("(none)");
    let short = last(code, &[':']);
    let style = if short == "Success" {
        Style::Good
    } else {
        Style::Bad
    };
    let mut line = vec![styled(short, style)];
    if let Some(sl) = &s.second_level {
        line.extend([text(" / "), value(last(sl, &[':']))]);
    }
    if let Some(m) = &s.message {
        line.extend([text(" — "), value(crate::xml::text::trim_xml(m))]);
    }
    line
}

/// What an AuthnRequest or LogoutRequest asks for.
fn request(req: &crate::xml::model::RequestInfo, f: &mut Vec<(&'static str, Line)>) {
    if let Some(acs) = &req.acs_url {
        f.push(("ACS URL", vec![value(acs)]));
    }
    if let Some(i) = &req.acs_index {
        let mut line = vec![value(i)];
        if let Some(e) = &req.acs_from_metadata {
            line.extend([text(" → "), value(&e.location), text(" (SP metadata)")]);
        }
        f.push(("ACS index", line));
    }
    if let Some(b) = &req.protocol_binding {
        f.push(("Binding", vec![value(last(b, &[':']))]));
    }
    if let Some(x) = &req.name_id_policy_format {
        f.push(("NameIDPolicy", vec![value(x)]));
    }
    if let Some(n) = &req.name_id {
        f.push(("NameID", vec![value(n)]));
    }
    if let Some(si) = &req.session_index {
        f.push(("SessionIndex", vec![value(si)]));
    }
}

fn subject(s: &crate::report::SubjectReport) -> Line {
    let mut line = vec![match &s.name_id {
        Some(n) => quoted(n),
        None => text("(no NameID)"),
    }];
    if let Some(x) = &s.format {
        line.extend([text(" ("), value(last(x, &[':'])), text(")")]);
    }
    line.extend([
        text(" · "),
        if s.authenticated {
            styled("authenticated", Style::Good)
        } else {
            styled("not authenticated", Style::Caution)
        },
    ]);
    line
}

fn time(r: &Report) -> Option<Part> {
    if r.timeline.is_empty() {
        return None;
    }
    let at = r.judged_at.as_deref().unwrap_or("?");
    let rows = r
        .timeline
        .iter()
        .map(|m| {
            let rel = if m.offset_seconds == 0 {
                "now".to_string()
            } else {
                let d = crate::checks::time::clock::span(time::Duration::seconds(m.offset_seconds));
                if m.offset_seconds < 0 {
                    format!("{d} ago")
                } else {
                    format!("in {d}")
                }
            };
            vec![
                vec![text(m.label.as_ref())],
                vec![value(&m.at)],
                vec![styled(rel, Style::Dim)],
            ]
        })
        .collect();
    Some(Part {
        title: "Time",
        summary: vec![text("judged at "), value(at), text(r.time_basis_words())],
        header: &["mark", "instant", "relative"],
        rows,
        detail_last: false,
    })
}

fn email(r: &Report) -> Option<Part> {
    let e = r.email.as_ref()?;
    let mut summary = match &e.value {
        Some(val) => vec![
            styled(val, Style::Good),
            text(" from "),
            text(e.source.describe()),
        ],
        None => vec![styled("none found", Style::Bad)],
    };
    if e.value.is_some() && !e.authenticated {
        summary.push(styled(" (not authenticated)", Style::Dim));
    }
    let mut rows: Vec<Vec<Line>> = e
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let shown = match &c.value {
                Some(v) => quoted(v),
                None => text("absent"),
            };
            let mark = match c.verdict {
                Holds::Email if e.source == c.source => styled("← used", Style::Good),
                Holds::Email => styled("email", Style::Dim),
                Holds::Absent => text(""),
                other => styled(other.describe(), Style::Caution),
            };
            vec![
                vec![text(format!("{}.", i + 1))],
                vec![text(c.source.describe_short())],
                vec![shown],
                vec![mark],
            ]
        })
        .collect();
    for m in &e.elsewhere {
        let held = match m.holds {
            Holds::Email => styled(format!("{:?}", m.value), Style::Good),
            other => styled(other.describe(), Style::Caution),
        };
        rows.push(vec![
            vec![text("→")],
            vec![text(format!("probably in attribute {}", m.label()))],
            vec![held],
            vec![text(format!("--email-from {:?}", m.flag_name()))],
        ]);
    }
    Some(Part {
        title: "Email",
        summary,
        header: &["#", "source", "value", "verdict"],
        rows,
        detail_last: false,
    })
}

fn attributes(r: &Report) -> Option<Part> {
    if r.attributes.is_empty() {
        return None;
    }
    let rows = r
        .attributes
        .iter()
        .map(|a| {
            let mut name = vec![styled(&a.name, Style::Name)];
            if let Some(f) = &a.friendly_name {
                name.extend([text(" ("), value(f), text(")")]);
            }
            let mut vals: Line = Vec::new();
            if a.values.is_empty() {
                vals.push(styled("(no value)", Style::Caution));
            }
            for (i, v) in a.values.iter().enumerate() {
                if i > 0 {
                    vals.push(text(", "));
                }
                vals.push(quoted(v));
            }
            vec![name, vals]
        })
        .collect();
    Some(Part {
        title: "Attributes",
        summary: vec![text(r.attributes.len().to_string())],
        header: &["name", "values"],
        rows,
        detail_last: false,
    })
}

fn short_fp(hex: &str) -> String {
    crate::trust::cert::colon_hex(hex, 8)
}

fn trusted(r: &Report) -> Option<Part> {
    if r.trusted_keys.is_empty() {
        return None;
    }
    let rows = r
        .trusted_keys
        .iter()
        .map(|k| {
            vec![
                vec![value(&k.source)],
                vec![value(&k.cert.subject)],
                vec![text(format!("until {}", k.cert.not_after))],
                vec![text(format!("SHA-256 {}", short_fp(&k.cert.sha256)))],
                vec![text(format!("thumbprint {}", k.cert.sha1))],
            ]
        })
        .collect();
    Some(Part {
        title: "Trusted",
        summary: vec![text(format!("{} certificate(s)", r.trusted_keys.len()))],
        header: &["from", "subject", "valid", "SHA-256", "SHA-1 thumbprint"],
        rows,
        detail_last: false,
    })
}

fn signatures(r: &Report) -> Option<Part> {
    r.message?;
    if r.signatures.is_empty() {
        return Some(Part {
            title: "Signatures",
            summary: vec![styled("none", Style::Caution)],
            header: &[],
            rows: Vec::new(),
            detail_last: false,
        });
    }
    let rows = r
        .signatures
        .iter()
        .enumerate()
        .map(|(i, s)| signature_row(i, s))
        .collect();
    Some(Part {
        title: "Signatures",
        summary: vec![text(r.signatures.len().to_string())],
        header: &[
            "#",
            "on → covers",
            "algorithm",
            "result",
            "key and certificate",
        ],
        rows,
        detail_last: true,
    })
}

fn signature_row(i: usize, s: &crate::report::SignatureReport) -> Vec<Line> {
    let alg = |a: &Option<String>| {
        a.as_deref()
            .map(|a| last(a, &['#', '/']))
            .unwrap_or_else(|| "?".into())
    };
    {
        let result = match s.result {
            SigResult::Valid => styled("valid", Style::Good),
            // Why: policy refused it (its detail says which rule), or no key was given.
            SigResult::NotChecked => match &s.detail {
                Some(d) if d.starts_with("refused by policy") => {
                    styled("not checked (refused by policy)", Style::Bad)
                }
                Some(d) if d.starts_with("not evaluated") || d.starts_with("not checked") => {
                    styled("not checked (see below)", Style::Dim)
                }
                _ => styled("not checked (no trusted key given)", Style::Dim),
            },
            other => styled(other.label(), Style::Bad),
        };
        let on = if s.line == 0 {
            vec![value(&s.location)]
        } else {
            vec![
                value(&s.location),
                text(format!(" (line {}) → ", s.line)),
                value(s.reference.as_deref().unwrap_or("(no URI)")),
            ]
        };
        let algs = if s.line == 0 {
            alg(&s.signature_algorithm)
        } else {
            format!(
                "{} / {}",
                alg(&s.signature_algorithm),
                alg(&s.digest_algorithm)
            )
        };
        let mut about: Line = Vec::new();
        if let Some(k) = &s.key {
            about.push(text(format!(
                "key: {} from {} · SHA-256 {}",
                k.subject,
                k.source,
                short_fp(&k.sha256)
            )));
        }
        if let Some(c) = &s.embedded_cert {
            let verdict = match s.valid_under_embedded_cert {
                Some(true) => " · signature valid under it",
                Some(false) => " · signature not valid under it",
                None => "",
            };
            if !about.is_empty() {
                about.push(text("; "));
            }
            about.push(text(format!(
                "embedded cert: {} · until {} · SHA-256 {} · thumbprint {}{verdict}",
                c.subject,
                c.not_after,
                short_fp(&c.sha256),
                c.sha1
            )));
        }
        if let Some(d) = &s.detail {
            if !about.is_empty() {
                about.push(text("; "));
            }
            about.push(styled(d, Style::Dim));
        }
        vec![
            vec![text(format!("#{}", i + 1))],
            on,
            vec![value(algs)],
            vec![result],
            about,
        ]
    }
}

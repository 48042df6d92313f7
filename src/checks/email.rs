//! Email resolution: every candidate in the configured order, which one wins, and findings for
//! missing, empty, invalid and placeholder values.

use serde::Serialize;

use super::{Check, Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::xml::model::Assertion;

pub const CLAIM_URI: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
pub const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/// Where an email can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Subject,
    ClaimUri,
    EmailaddressAttr,
    EmailAttr,
    None,
}

impl Source {
    /// Amplitude's documented order, the default.
    pub const DEFAULT_ORDER: [Source; 4] = [
        Source::Subject,
        Source::ClaimUri,
        Source::EmailaddressAttr,
        Source::EmailAttr,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Source::Subject => "Subject NameID",
            Source::ClaimUri => {
                "claim http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
            }
            Source::EmailaddressAttr => "attribute 'emailaddress'",
            Source::EmailAttr => "attribute 'email'",
            Source::None => "none",
        }
    }

    /// A short label for tables.
    pub fn describe_short(self) -> &'static str {
        match self {
            Source::Subject => "Subject NameID",
            Source::ClaimUri => "claim …/claims/emailaddress",
            Source::EmailaddressAttr => "attribute 'emailaddress'",
            Source::EmailAttr => "attribute 'email'",
            Source::None => "none",
        }
    }

    pub fn parse(name: &str) -> Option<Source> {
        Some(match name {
            "subject" => Source::Subject,
            "claim_uri" => Source::ClaimUri,
            "emailaddress_attr" => Source::EmailaddressAttr,
            "email_attr" => Source::EmailAttr,
            _ => return None,
        })
    }
}

/// What a candidate holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holds {
    Email,
    NotEmail,
    Empty,
    Placeholder,
    Absent,
}

impl Holds {
    /// Words for the report.
    pub fn describe(self) -> &'static str {
        match self {
            Holds::Email => "email",
            Holds::NotEmail => "not email",
            Holds::Empty => "empty",
            Holds::Placeholder => "placeholder",
            Holds::Absent => "absent",
        }
    }
}

/// One place the email could come from, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub source: Source,
    /// Present in the assertion at all.
    pub present: bool,
    pub value: Option<String>,
    pub verdict: Holds,
    #[serde(skip)]
    pub line: usize,
}

/// The outcome: the winning value and source, plus every candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    pub value: Option<String>,
    pub source: Source,
    pub candidates: Vec<Candidate>,
}

/// Resolves the email of `assertion` in `order`.
pub fn resolve(assertion: &Assertion, order: &[Source]) -> Resolution {
    let candidates: Vec<Candidate> = order.iter().map(|&s| candidate(assertion, s)).collect();
    let winner = candidates.iter().find(|c| c.verdict == Holds::Email);
    Resolution {
        value: winner.and_then(|c| c.value.clone()),
        source: winner.map_or(Source::None, |c| c.source),
        candidates,
    }
}

fn candidate(a: &Assertion, source: Source) -> Candidate {
    let (value, line) = match source {
        Source::Subject => match a.subject.as_ref().and_then(|s| s.name_id.as_ref()) {
            Some(n) => (Some(n.value.trim().to_string()), n.line),
            None => (None, 0),
        },
        _ => {
            // Among same-named attributes, one holding an email wins; otherwise the first is shown.
            let matching: Vec<_> = a
                .attributes()
                .filter(|at| match source {
                    Source::ClaimUri => at.name == CLAIM_URI,
                    Source::EmailaddressAttr => at.name.eq_ignore_ascii_case("emailaddress"),
                    Source::EmailAttr => at.name.eq_ignore_ascii_case("email"),
                    _ => false,
                })
                .collect();
            let first_value = |at: &crate::xml::model::Attribute| {
                at.values
                    .iter()
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty())
                    .unwrap_or("")
                    .to_string()
            };
            let pick = matching
                .iter()
                .find(|at| is_email(&first_value(at)) && !is_placeholder(&first_value(at)))
                .or(matching.first());
            match pick {
                Some(at) => (Some(first_value(at)), at.line),
                None => (None, 0),
            }
        }
    };
    let verdict = match &value {
        None => Holds::Absent,
        Some(v) if v.is_empty() => Holds::Empty,
        Some(v) if is_placeholder(v) => Holds::Placeholder,
        Some(v) if is_email(v) => Holds::Email,
        Some(_) => Holds::NotEmail,
    };
    Candidate {
        source,
        present: value.is_some(),
        value,
        verdict,
        line,
    }
}

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !v
            .chars()
            .any(|c| c.is_whitespace() || "<>()[]{}$%\"',;".contains(c))
}

/// An IdP template expression sent literally: `${user:email}`, `$user:email`, `{{email}}`,
/// `%email%`, `[email]`, or a bare source-attribute path such as `user.mail`.
pub fn is_placeholder(v: &str) -> bool {
    let v = v.trim();
    let l = v.to_ascii_lowercase();
    if v.contains("${") || v.contains("{{") || v.contains("#{") {
        return true;
    }
    if let Some(rest) = v.strip_prefix('$') {
        return rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    }
    if v.len() > 2
        && ((v.starts_with('%') && v.ends_with('%')) || (v.starts_with('[') && v.ends_with(']')))
    {
        return true;
    }
    const PATHS: [&str; 10] = [
        "user.mail",
        "user.email",
        "user.userprincipalname",
        "user.primaryemail",
        "user.login",
        "user:email",
        "appuser.email",
        "profile.email",
        "email.address",
        "user.emailaddress",
    ];
    PATHS.contains(&l.as_str())
}

/// Pushes email findings for the consumed assertion.
/// `required`: the SP identifies users by email (a profile says so); otherwise a missing email
/// is a warning, since a generic SP may identify users by NameID alone.
pub fn check(a: &Assertion, res: &Resolution, idp: Idp, required: bool, sink: &mut Sink) {
    sink.judged(Check::Email);
    for c in &res.candidates {
        let what = c.source.describe();
        match c.verdict {
            Holds::Placeholder => sink.push(
                Finding::new(
                    "email-placeholder",
                    format!("{what} is the literal {:?}: the IdP sent its mapping expression instead of the user's email", c.value.as_deref().unwrap_or("")),
                )
                .hint(idp.hint(Topic::EmailMapping))
                .at(c.line, a.path.clone()),
            ),
            Holds::Empty => sink.push(
                Finding::new("email-empty-value", format!("{what} is present but empty"))
                    .hint(idp.hint(Topic::EmptyEmail))
                    .at(c.line, a.path.clone()),
            ),
            Holds::NotEmail if c.source != Source::Subject => sink.push(
                Finding::new("email-invalid", format!("{what} holds {:?}, which is not an email address", c.value.as_deref().unwrap_or("")))
                    .at(c.line, a.path.clone()),
            ),
            _ => {}
        }
    }
    if res.source == Source::None {
        let looked = res
            .candidates
            .iter()
            .map(|c| c.source.describe())
            .collect::<Vec<_>>()
            .join(", then ");
        sink.push(
            Finding::new(
                "email-missing",
                format!("no email address found (looked at {looked})"),
            )
            .severity(if required {
                super::Severity::Error
            } else {
                super::Severity::Warning
            })
            .hint(idp.hint(Topic::EmailMapping))
            .at(a.line, a.path.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "${user:email}",
            "$user:email",
            "{{email}}",
            "%email%",
            "user.mail",
            "User.Email",
            "[email]",
            "#{email}",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for v in ["alice@example.com", "alice", "$", "100%"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_email("a.b+c@example.co.uk"));
        for v in [
            "alice",
            "a@b",
            "@example.com",
            "a@@b.com",
            "a b@c.com",
            "${user:email}",
            "a@.com",
        ] {
            assert!(!is_email(v), "{v}");
        }
    }
}

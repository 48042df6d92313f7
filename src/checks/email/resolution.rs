//! Email resolution: every candidate source in the configured order (NameID, the emailaddress
//! claim URI, an `emailaddress` attribute, an `email` attribute by default), which one wins, and
//! the near misses — pure, so the report shows what the email check judged.

use serde::Serialize;

use crate::xml::model::Assertion;

pub const CLAIM_URI: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
pub const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/// Where an email can come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailSource {
    Subject,
    ClaimUri,
    EmailaddressAttr,
    EmailAttr,
    /// An attribute named with `--email-from`, matched on Name or FriendlyName.
    Named(String),
    None,
}

impl Serialize for EmailSource {
    /// The JSON names of the report (schema 1); a `--email-from` attribute is `attribute:NAME`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EmailSource::Subject => s.serialize_str("subject"),
            EmailSource::ClaimUri => s.serialize_str("claim_uri"),
            EmailSource::EmailaddressAttr => s.serialize_str("emailaddress_attr"),
            EmailSource::EmailAttr => s.serialize_str("email_attr"),
            EmailSource::Named(n) => s.serialize_str(&format!("attribute:{n}")),
            EmailSource::None => s.serialize_str("none"),
        }
    }
}

impl EmailSource {
    /// Amplitude's documented order, the default.
    pub const DEFAULT_ORDER: [EmailSource; 4] = [
        EmailSource::Subject,
        EmailSource::ClaimUri,
        EmailSource::EmailaddressAttr,
        EmailSource::EmailAttr,
    ];

    pub fn describe(&self) -> String {
        match self {
            EmailSource::ClaimUri => format!("claim {CLAIM_URI}"),
            other => other.describe_short(),
        }
    }

    /// A short label for tables.
    pub fn describe_short(&self) -> String {
        match self {
            EmailSource::Subject => "Subject NameID".into(),
            EmailSource::ClaimUri => "claim …/claims/emailaddress".into(),
            EmailSource::EmailaddressAttr => "attribute 'emailaddress'".into(),
            EmailSource::EmailAttr => "attribute 'email'".into(),
            EmailSource::Named(n) => format!("attribute '{n}' (--email-from)"),
            EmailSource::None => "none".into(),
        }
    }

    /// Whether the attribute `at` is this source.
    fn matches(&self, at: &crate::xml::model::Attribute) -> bool {
        match self {
            EmailSource::ClaimUri => at.name == CLAIM_URI,
            EmailSource::EmailaddressAttr => at.name.eq_ignore_ascii_case("emailaddress"),
            EmailSource::EmailAttr => at.name.eq_ignore_ascii_case("email"),
            EmailSource::Named(n) => {
                at.name.eq_ignore_ascii_case(n)
                    || at
                        .friendly_name
                        .as_deref()
                        .is_some_and(|f| f.eq_ignore_ascii_case(n))
            }
            EmailSource::Subject | EmailSource::None => false,
        }
    }

    pub fn parse(name: &str) -> Option<EmailSource> {
        Some(match name {
            "subject" => EmailSource::Subject,
            "claim_uri" => EmailSource::ClaimUri,
            "emailaddress_attr" => EmailSource::EmailaddressAttr,
            "email_attr" => EmailSource::EmailAttr,
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
    pub source: EmailSource,
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
    pub source: EmailSource,
    pub candidates: Vec<Candidate>,
    /// When nothing resolved: attributes outside the lookup order that probably hold the email.
    pub elsewhere: Vec<NearMiss>,
}

/// An attribute the lookup order does not read that probably holds the email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NearMiss {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    pub value: String,
    /// What the value is: `email`, `placeholder`, `empty` or `not_email`.
    pub holds: Holds,
    #[serde(skip)]
    pub line: usize,
}

impl NearMiss {
    /// `'mail'` or `'urn:oid:0.9.2342.19200300.100.1.3' (mail)`.
    pub fn label(&self) -> String {
        match &self.friendly_name {
            Some(f) if f != &self.name => format!("'{}' ({f})", self.name),
            _ => format!("'{}'", self.name),
        }
    }

    /// The name to give `--email-from`: the FriendlyName when there is one, it reads better.
    pub fn flag_name(&self) -> &str {
        self.friendly_name.as_deref().unwrap_or(&self.name)
    }
}

/// Attribute names (or FriendlyNames, or the last segment of a claim URI) that hold an email in
/// some IdP's schema: LDAP `mail`, the X.500/PKCS#9 OIDs, and anything with "email" in it.
const EMAIL_NAMES: [&str; 6] = [
    "mail",
    "e-mail",
    "mailaddress",
    "primarymail",
    "urn:oid:0.9.2342.19200300.100.1.3",
    "urn:oid:1.2.840.113549.1.9.1",
];

/// Names that often carry the email but need not: worth naming unless the value shows otherwise.
const LOGIN_NAMES: [&str; 6] = [
    "username",
    "user_name",
    "login",
    "upn",
    "userprincipalname",
    "name",
];

/// Scoped identifiers shaped like `local@domain` that are not mailboxes (eduPerson affiliation,
/// entitlement, targeted/pairwise/subject IDs): never named as the email's probable home.
const NOT_EMAIL_NAMES: [&str; 9] = [
    "affiliation",
    "entitlement",
    "targetedid",
    "pairwise-id",
    "subject-id",
    "uniqueid",
    "1.3.6.1.4.1.5923.1.1.1.9",
    "1.3.6.1.4.1.5923.1.1.1.10",
    "1.3.6.1.4.1.5923.1.1.1.13",
];

fn names_a_non_mailbox(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    NOT_EMAIL_NAMES.iter().any(|n| l.contains(n))
}

/// How strongly a name suggests an email: 2 it is an email attribute, 1 it may hold one.
fn name_suggests_email(name: &str) -> u8 {
    let l = crate::xml::text::trim_xml(name).to_ascii_lowercase();
    let last = if l.contains("://") {
        l.rsplit(['/', '#']).next().unwrap_or(&l)
    } else {
        &l
    };
    if EMAIL_NAMES.contains(&l.as_str()) || EMAIL_NAMES.contains(&last) || l.contains("email") {
        2
    } else if LOGIN_NAMES.contains(&last) {
        1
    } else {
        0
    }
}

/// Attributes no candidate read whose name suggests an email or whose value is one; those
/// holding an email come first.
fn near_misses(a: &Assertion, candidates: &[Candidate]) -> Vec<NearMiss> {
    let read: Vec<&EmailSource> = candidates.iter().map(|c| &c.source).collect();
    let mut out: Vec<NearMiss> = a
        .attributes()
        .filter(|at| !read.iter().any(|s| s.matches(at)))
        .filter(|at| {
            !names_a_non_mailbox(&at.name)
                && !at.friendly_name.as_deref().is_some_and(names_a_non_mailbox)
        })
        .filter_map(|at| {
            let value = first_value(at);
            let holds = holds(&value);
            let named = name_suggests_email(&at.name)
                .max(at.friendly_name.as_deref().map_or(0, name_suggests_email));
            let likely =
                holds == Holds::Email || named == 2 || (named == 1 && holds != Holds::NotEmail);
            likely.then(|| NearMiss {
                name: at.name.clone(),
                friendly_name: at.friendly_name.clone(),
                value,
                holds,
                line: at.line,
            })
        })
        .collect();
    // Email-shaped values first; among them, names that say "email" before login names.
    out.sort_by_key(|m| {
        let named = name_suggests_email(&m.name)
            .max(m.friendly_name.as_deref().map_or(0, name_suggests_email));
        (m.holds != Holds::Email, 2 - named)
    });
    out.dedup_by(|a, b| a.name == b.name);
    out
}

/// The first non-empty value of an attribute ("" when all are empty).
fn first_value(at: &crate::xml::model::Attribute) -> String {
    at.values
        .iter()
        .map(|v| crate::xml::text::trim_xml(v))
        .find(|v| !v.is_empty())
        .unwrap_or("")
        .to_string()
}

fn holds(value: &str) -> Holds {
    if value.is_empty() {
        Holds::Empty
    } else if is_placeholder(value) {
        Holds::Placeholder
    } else if is_email(value) {
        Holds::Email
    } else {
        Holds::NotEmail
    }
}

/// Resolves the email of `assertion` in `order`.
pub fn resolve(assertion: &Assertion, order: &[EmailSource]) -> Resolution {
    let candidates: Vec<Candidate> = order
        .iter()
        .map(|s| candidate(assertion, s.clone()))
        .collect();
    let winner = candidates.iter().find(|c| c.verdict == Holds::Email);
    let elsewhere = if winner.is_none() {
        near_misses(assertion, &candidates)
    } else {
        Vec::new()
    };
    Resolution {
        value: winner.and_then(|c| c.value.clone()),
        source: winner.map_or(EmailSource::None, |c| c.source.clone()),
        candidates,
        elsewhere,
    }
}

fn candidate(a: &Assertion, source: EmailSource) -> Candidate {
    let (value, line) = match source {
        EmailSource::Subject => match a.subject.as_ref().and_then(|s| s.name_id.as_ref()) {
            Some(n) => (
                Some(crate::xml::text::trim_xml(&n.value).to_string()),
                n.line,
            ),
            None => (None, 0),
        },
        _ => {
            // Among same-named attributes, one holding an email wins; otherwise the first is shown.
            let matching: Vec<_> = a.attributes().filter(|at| source.matches(at)).collect();
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
    let verdict = value.as_deref().map_or(Holds::Absent, holds);
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
/// `%email%`, `[email]`, Duo's `<Email Address>`, CyberArk's `LoginUser.Email`, or a bare
/// source-attribute path such as `user.mail`.
pub fn is_placeholder(v: &str) -> bool {
    let v = crate::xml::text::trim_xml(v);
    let l = v.to_ascii_lowercase();
    if v.contains("${") || v.contains("{{") || v.contains("#{") {
        return true;
    }
    if let Some(rest) = v.strip_prefix('$') {
        // `$user:email`, and every sigil-and-bracket form: `$<user:email>`, `$(…)`, `$[…]`.
        return rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || "<([".contains(c));
    }
    if v.len() > 2
        && ((v.starts_with('%') && v.ends_with('%'))
            || (v.starts_with('[') && v.ends_with(']'))
            || (v.starts_with('<') && v.ends_with('>')))
    {
        return true;
    }
    if l.starts_with("loginuser.") {
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

/// Whether an attribute named `name` is one of the email sources samlcheck reads by default.
pub fn is_email_source_name(name: &str) -> bool {
    name == CLAIM_URI
        || name.eq_ignore_ascii_case("emailaddress")
        || name.eq_ignore_ascii_case("email")
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

    #[test]
    fn near_miss_names() {
        assert_eq!(name_suggests_email("mail"), 2);
        assert_eq!(name_suggests_email("urn:oid:0.9.2342.19200300.100.1.3"), 2);
        assert_eq!(
            name_suggests_email("http://schemas.example.com/claims/Email"),
            2
        );
        assert_eq!(
            name_suggests_email("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"),
            1
        );
        assert_eq!(name_suggests_email("displayName"), 0);
        assert!(names_a_non_mailbox("urn:oid:1.3.6.1.4.1.5923.1.1.1.9"));
        assert!(names_a_non_mailbox("eduPersonScopedAffiliation"));
        assert!(names_a_non_mailbox(
            "urn:oasis:names:tc:SAML:attribute:pairwise-id"
        ));
        assert!(!names_a_non_mailbox("urn:oid:1.3.6.1.4.1.5923.1.1.1.6"));
    }
}

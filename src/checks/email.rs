//! Email resolution: every candidate in the configured order, which one wins, and findings for
//! missing, empty, invalid and placeholder values.

use crate::codes::Code;
use serde::Serialize;

use super::{Check, Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::xml::model::Assertion;

pub const CLAIM_URI: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
pub const EMAIL_FORMAT: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/// Where an email can come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Subject,
    ClaimUri,
    EmailaddressAttr,
    EmailAttr,
    /// An attribute named with `--email-from`, matched on Name or FriendlyName.
    Named(String),
    None,
}

impl Serialize for Source {
    /// The JSON names of the report (schema 1); a `--email-from` attribute is `attribute:NAME`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Source::Subject => s.serialize_str("subject"),
            Source::ClaimUri => s.serialize_str("claim_uri"),
            Source::EmailaddressAttr => s.serialize_str("emailaddress_attr"),
            Source::EmailAttr => s.serialize_str("email_attr"),
            Source::Named(n) => s.serialize_str(&format!("attribute:{n}")),
            Source::None => s.serialize_str("none"),
        }
    }
}

impl Source {
    /// Amplitude's documented order, the default.
    pub const DEFAULT_ORDER: [Source; 4] = [
        Source::Subject,
        Source::ClaimUri,
        Source::EmailaddressAttr,
        Source::EmailAttr,
    ];

    pub fn describe(&self) -> String {
        match self {
            Source::ClaimUri => format!("claim {CLAIM_URI}"),
            other => other.describe_short(),
        }
    }

    /// A short label for tables.
    pub fn describe_short(&self) -> String {
        match self {
            Source::Subject => "Subject NameID".into(),
            Source::ClaimUri => "claim …/claims/emailaddress".into(),
            Source::EmailaddressAttr => "attribute 'emailaddress'".into(),
            Source::EmailAttr => "attribute 'email'".into(),
            Source::Named(n) => format!("attribute '{n}' (--email-from)"),
            Source::None => "none".into(),
        }
    }

    /// Whether the attribute `at` is this source.
    fn matches(&self, at: &crate::xml::model::Attribute) -> bool {
        match self {
            Source::ClaimUri => at.name == CLAIM_URI,
            Source::EmailaddressAttr => at.name.eq_ignore_ascii_case("emailaddress"),
            Source::EmailAttr => at.name.eq_ignore_ascii_case("email"),
            Source::Named(n) => {
                at.name.eq_ignore_ascii_case(n)
                    || at
                        .friendly_name
                        .as_deref()
                        .is_some_and(|f| f.eq_ignore_ascii_case(n))
            }
            Source::Subject | Source::None => false,
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
    let read: Vec<&Source> = candidates.iter().map(|c| &c.source).collect();
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
pub fn resolve(assertion: &Assertion, order: &[Source]) -> Resolution {
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
        source: winner.map_or(Source::None, |c| c.source.clone()),
        candidates,
        elsewhere,
    }
}

fn candidate(a: &Assertion, source: Source) -> Candidate {
    let (value, line) = match source {
        Source::Subject => match a.subject.as_ref().and_then(|s| s.name_id.as_ref()) {
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

/// The email sources that hold an address disagree (a UPN as NameID and the mailbox in `email`:
/// the classic duplicate account), or the address the SP uses has capitals (an SP that compares
/// exactly creates a second account when the case changes).
fn disagreement(a: &Assertion, res: &Resolution, idp: Idp, sink: &mut Sink) {
    let Some(used) = res.value.as_deref() else {
        return;
    };
    let others: Vec<(&Candidate, &str)> = res
        .candidates
        .iter()
        .filter(|c| c.verdict == Holds::Email && c.source != res.source)
        .filter_map(|c| c.value.as_deref().map(|v| (c, v)))
        .filter(|(_, v)| !v.eq_ignore_ascii_case(used))
        .collect();
    if let Some((c, other)) = others.first() {
        let upn = [used, *other]
            .iter()
            .any(|v| v.to_ascii_lowercase().ends_with(".onmicrosoft.com"));
        let why = if upn {
            " — one is a Microsoft Entra user principal name (…onmicrosoft.com), not the mailbox"
        } else {
            ""
        };
        sink.push(
            Finding::new(
                Code::EmailSourcesDisagree,
                format!(
                    "the SP reads {used:?} from {}, but {} holds {other:?}{why}: an SP that matches users by one and provisions by the other creates a duplicate account",
                    res.source.describe(),
                    c.source.describe()
                ),
            )
            .hint(match idp {
                Idp::EntraId => "in Entra ID > Enterprise applications > (your app) > Single sign-on > Attributes & Claims, map Unique User Identifier (Name ID) and the email claim to the same source attribute (user.mail, or user.userprincipalname where UPN equals mail)".to_string(),
                _ => format!("map the Subject NameID and the email attribute to the same user attribute in {}", idp.name()),
            })
            .at(c.line, a.path.clone()),
        );
    }
    if used.chars().any(|ch| ch.is_ascii_uppercase()) {
        sink.push(
            Finding::new(
                Code::EmailMixedCase,
                format!("the email the SP reads, {used:?}, has capital letters: an SP that compares addresses exactly treats {:?} as another user", used.to_ascii_lowercase()),
            )
            .hint(format!("send the address in lower case (a transformation in {}), or make sure the SP compares case-insensitively", idp.name())),
        );
    }
}

/// IAM Identity Center's user attributes, as its attribute mappings spell them.
const IC_ATTRIBUTES: [&str; 9] = [
    "email",
    "subject",
    "name",
    "givenName",
    "familyName",
    "preferredUsername",
    "displayName",
    "nickname",
    "AD_GUID",
];

/// The fix for an unresolved placeholder, from what the literal itself shows: a wrong sigil or
/// bracket, a misspelt attribute, or a correct expression that still arrived unresolved (then the
/// mapping was typed where a fixed string goes, or the user has no value) — never "map it to
/// ${user:email}" when that is exactly what arrived.
pub fn placeholder_hint(value: &str, idp: Idp) -> String {
    let v = crate::xml::text::trim_xml(value);
    let inner = v
        .strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| v.strip_prefix("$<").and_then(|r| r.strip_suffix('>')))
        .or_else(|| v.strip_prefix("$(").and_then(|r| r.strip_suffix(')')))
        .or_else(|| v.strip_prefix("$[").and_then(|r| r.strip_suffix(']')));
    let ic = idp == Idp::AwsIdentityCenter
        || (idp == Idp::Unknown && v.to_ascii_lowercase().contains("user:"));
    if let (true, Some(inner)) = (ic, inner) {
        let attr = inner.strip_prefix("user:").unwrap_or(inner);
        let proper = IC_ATTRIBUTES
            .iter()
            .find(|a| a.eq_ignore_ascii_case(attr))
            .copied();
        if !v.starts_with("${") {
            let fixed = format!("${{user:{}}}", proper.unwrap_or(attr));
            return format!("{v} is not IAM Identity Center syntax, so it is sent as typed: write {fixed} (a dollar sign and curly braces) in IAM Identity Center > Applications > (your app) > Actions > Edit attribute mappings");
        }
        match proper {
            Some(p) if p != attr => {
                return format!("{v} names no IAM Identity Center attribute (attribute names are case-sensitive): write ${{user:{p}}} in Edit attribute mappings");
            }
            None => {
                return format!("user:{attr} is not an IAM Identity Center user attribute (known: {}), so the expression is sent as typed: pick one of them in Edit attribute mappings", IC_ATTRIBUTES.join(", "));
            }
            // What the setup guide says: with the attribute mappings skipped, the assertion
            // carries placeholder text (or an empty attribute statement); a user without a
            // Primary email gives an empty value, not this text.
            Some(_) => {
                return format!("IAM Identity Center sent {v} as text because the application's attribute mappings were not set up (it sends no user attributes by default): in IAM Identity Center > Applications > (your app) > Actions > Edit attribute mappings, set Subject → ${{user:email}} with format emailAddress, and add an attribute 'email' → ${{user:email}} with format basic");
            }
        }
    }
    // Entra ID's attribute syntax as text: the claim's source was set to a constant.
    if matches!(idp, Idp::EntraId | Idp::Unknown) && v.to_ascii_lowercase().starts_with("user.") {
        return format!("Entra ID sent {v} as text: the claim's value was typed as a constant instead of chosen as an attribute. In Entra ID > Enterprise applications > (your app) > Single sign-on > Attributes & Claims, edit the claim, set Source to Attribute and pick {v} from the Source attribute list");
    }
    idp.hint(Topic::EmailMapping)
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
                    Code::EmailPlaceholder,
                    format!("{what} is the literal {:?}: the IdP sent its mapping expression instead of the user's email", c.value.as_deref().unwrap_or("")),
                )
                .hint(placeholder_hint(c.value.as_deref().unwrap_or(""), idp))
                .at(c.line, a.path.clone()),
            ),
            Holds::Empty => sink.push(
                Finding::new(Code::EmailEmptyValue, format!("{what} is present but empty"))
                    .hint(idp.hint(Topic::EmptyEmail))
                    .at(c.line, a.path.clone()),
            ),
            Holds::NotEmail if c.source != Source::Subject => sink.push(
                Finding::new(Code::EmailInvalid, format!("{what} holds {:?}, which is not an email address", c.value.as_deref().unwrap_or("")))
                    .at(c.line, a.path.clone()),
            ),
            _ => {}
        }
    }
    disagreement(a, res, idp, sink);
    // A placeholder or an empty value already says why no email resolved, with its own fix:
    // `email-missing` would repeat it with another.
    let explained = res
        .candidates
        .iter()
        .any(|c| matches!(c.verdict, Holds::Placeholder | Holds::Empty));
    if res.source == Source::None && !explained {
        let looked = res
            .candidates
            .iter()
            .map(|c| c.source.describe())
            .collect::<Vec<_>>()
            .join(", then ");
        sink.push(
            Finding::new(
                Code::EmailMissing,
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
        if let Some(best) = res.elsewhere.first() {
            sink.push(elsewhere(a, &res.elsewhere, best, idp));
        }
    }
}

/// The near misses, best first, as one finding whose fix names both ways out.
fn elsewhere(a: &Assertion, misses: &[NearMiss], best: &NearMiss, idp: Idp) -> Finding {
    let listed = misses
        .iter()
        .map(|m| match m.holds {
            Holds::Email => format!("{} = {:?}", m.label(), m.value),
            other => format!("{} ({})", m.label(), other.describe()),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let msg = if best.holds == Holds::Email {
        format!("the email is probably in an attribute the SP does not read: {listed}")
    } else {
        format!("attributes that may be meant to carry the email, none holding one: {listed}")
    };
    Finding::new(Code::EmailElsewhere, msg)
        .hint(format!(
            "{}; or, if the SP reads {}, check with --email-from {:?}",
            idp.hint(Topic::EmailMapping),
            best.label(),
            best.flag_name()
        ))
        .at(
            if best.line > 0 { best.line } else { a.line },
            a.path.clone(),
        )
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

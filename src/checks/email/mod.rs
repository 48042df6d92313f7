//! Email: findings for a missing, empty, invalid or placeholder email and for sources that
//! disagree, judged on the [`resolution`] of which email the SP would use.

pub mod resolution;

use crate::codes::Code;

use super::context::Context;
use crate::check::Check;
use crate::finding::{Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::xml::model::Assertion;
use resolution::*;

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
        return format!("Entra ID sent {v} as text: the claim's value was typed as a constant instead of chosen as an attribute. In Entra ID > Enterprise applications > (your app) > Single sign-on > Attributes & Claims, edit the claim, set EmailSource to Attribute and pick {v} from the EmailSource attribute list");
    }
    idp.hint(Topic::EmailMapping)
}

/// Pushes email findings for the consumed assertion.
/// `required`: the SP identifies users by email (a profile says so); otherwise a missing email
/// is a warning, since a generic SP may identify users by NameID alone.
pub fn check(c: &Context, sink: &mut Sink) {
    let (Some(a), Some(res), Some(required)) = (c.consumed, &c.email_resolution, c.email.strict)
    else {
        return;
    };
    let idp = c.idp;
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
            Holds::NotEmail if c.source != EmailSource::Subject => sink.push(
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
    if res.source == EmailSource::None && !explained {
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
                crate::check::Severity::Error
            } else {
                crate::check::Severity::Warning
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

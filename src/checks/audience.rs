//! Audience and the other Conditions (core §2.5.1): each AudienceRestriction must name the SP,
//! an empty one never holds, an unknown condition is Indeterminate; the NameID's SPNameQualifier.

use super::context::Context;
use super::expect::{diff, matches, quote_list, Expectations};
use crate::check::Check;
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::xml::model::Assertion;
use crate::xml::text::{escape, trim_xml};

/// Pushes audience and condition findings for the consumed Assertion.
pub fn check(c: &Context, sink: &mut Sink) {
    if let Some(a) = c.consumed {
        audience(a, c.exp, c.idp, sink);
    }
}

/// Audience and the other Conditions: each AudienceRestriction must name the SP (AND across
/// restrictions, OR within one; SAML core §2.5.1.4), an empty one never holds, an unknown
/// condition is Indeterminate (§2.5.1.1), and the Web SSO profile requires an audience
/// (profiles §4.1.4.2). The NameID's SPNameQualifier, when present, must be this SP.
fn audience(a: &Assertion, exp: &Expectations, idp: Idp, sink: &mut Sink) {
    let path = || format!("{}/Conditions/AudienceRestriction", a.path);
    let line = a.conditions.as_ref().map_or(a.line, |c| c.line);
    if !exp.audiences.is_empty() {
        sink.judged(Check::Audience);
    }
    let Some(c) = &a.conditions else {
        sink.push(
            Finding::new(
                Code::AudienceMissing,
                "the Assertion has no Conditions, so no AudienceRestriction names the SP (profiles §4.1.4.2)",
            )
            .hint(idp.hint(Topic::Audience))
            .at(a.line, a.path.clone()),
        );
        return;
    };
    other_conditions(a, c, line, sink);
    if c.restrictions.is_empty() {
        sink.push(
            Finding::new(
                Code::AudienceMissing,
                "the Assertion's Conditions carry no AudienceRestriction (profiles §4.1.4.2)",
            )
            .hint(idp.hint(Topic::Audience))
            .at(line, path()),
        );
        return;
    }
    for (i, r) in c.restrictions.iter().enumerate() {
        restriction(i, r, c, exp, idp, (line, &path), sink);
    }
    sp_name_qualifier(a, exp, idp, sink);
}

/// How a finding names AudienceRestriction `.0` (from 0) of `.1`; written only when one fires.
struct Which(usize, usize);

impl std::fmt::Display for Which {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Which(i, n) if n > 1 => write!(f, "AudienceRestriction {} of {n}", i + 1),
            _ => f.write_str("the AudienceRestriction"),
        }
    }
}

/// One AudienceRestriction: it must name the SP (OR within it); empty, it never holds; the SP's
/// ACS URL in it means the IdP's Identifier and Reply URL were swapped.
fn restriction(
    i: usize,
    r: &[String],
    c: &crate::xml::model::Conditions,
    exp: &Expectations,
    idp: Idp,
    (line, path): (usize, &dyn Fn() -> String),
    sink: &mut Sink,
) {
    let which = Which(i, c.restrictions.len());
    if r.is_empty() {
        sink.push(
            Finding::new(
                Code::AudienceRestrictionEmpty,
                format!(
                    "{which} names no Audience, so it can never be satisfied (SAML core §2.5.1.4)"
                ),
            )
            .hint(idp.hint(Topic::Audience))
            .at(line, path()),
        );
        return;
    }
    if exp.audiences.is_empty() {
        return;
    }
    if !r
        .iter()
        .any(|got| exp.audiences.iter().any(|e| matches(e, got)))
    {
        let e = &exp.audiences[0];
        // The Identifier holds the SP's ACS URL: the two fields were swapped in the IdP.
        if r.iter()
            .any(|got| exp.acs.iter().any(|acs| matches(acs, got)))
        {
            sink.push(
                Finding::new(
                    Code::AudienceMismatch,
                    format!("{which}: Audience {} is the SP's ACS URL, not its entity ID {e:?}: the IdP application's Identifier (Entity ID) and Reply (ACS) URL are swapped", quote_list(r)),
                )
                .hint(format!("{} — Identifier (Entity ID): {e}; Reply / ACS URL: {}", idp.hint(Topic::Audience), exp.acs[0]))
                .at(line, path()),
            );
            return;
        }
        let and = if c.restrictions.len() > 1 {
            " (each AudienceRestriction must name the SP, SAML core §2.5.1.4)"
        } else {
            ""
        };
        sink.push(
            Finding::new(
                Code::AudienceMismatch,
                format!(
                    "{which}: Audience {} does not match the expected {e:?}: {}{and}",
                    quote_list(r),
                    diff(e, &r[0])
                ),
            )
            .hint(idp.hint(Topic::Audience))
            .at(line, path()),
        );
    }
}

/// Conditions other than AudienceRestriction: unknown ones make the Conditions Indeterminate
/// (SAML core §2.5.1.1); OneTimeUse is noted (§2.5.1.5).
fn other_conditions(
    a: &Assertion,
    c: &crate::xml::model::Conditions,
    line: usize,
    sink: &mut Sink,
) {
    for (name, l) in &c.unknown {
        sink.push(
            Finding::new(
                Code::ConditionUnknown,
                format!("the Conditions carry {name}, which samlcheck does not understand: the Conditions are Indeterminate and the assertion must not be accepted (SAML core §2.5.1.1)"),
            )
            .at(*l, format!("{}/Conditions", a.path)),
        );
    }
    if c.one_time_use {
        sink.push(
            Finding::new(
                Code::ConditionOneTimeUse,
                "the Conditions carry OneTimeUse: an SP that honours it accepts this assertion once (SAML core §2.5.1.5)",
            )
            .at(line, format!("{}/Conditions", a.path)),
        );
    }
}

/// The NameID's SPNameQualifier, when present, must be this SP (SAML core §2.2.2, §8.3.7).
fn sp_name_qualifier(a: &Assertion, exp: &Expectations, idp: Idp, sink: &mut Sink) {
    let spnq = a
        .subject
        .as_ref()
        .and_then(|s| s.name_id.as_ref())
        .and_then(|n| n.sp_name_qualifier.as_deref().map(|q| (q, n.line)));
    if let Some((q, l)) = spnq.filter(|_| !exp.audiences.is_empty()) {
        let q = trim_xml(q);
        if !q.is_empty() && !exp.audiences.iter().any(|e| matches(e, q)) {
            sink.push(
                Finding::new(
                    Code::NameidSpNameQualifier,
                    format!("the NameID's SPNameQualifier is {:?}, not this SP ({}): the identifier was issued for another SP", escape(q), quote_list(&exp.audiences)),
                )
                .hint(idp.hint(Topic::Audience))
                .at(l, format!("{}/Subject/NameID", a.path)),
            );
        }
    }
}

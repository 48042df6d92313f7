//! Subject confirmation for the Web Browser SSO profile (SAML profiles §4.1.4.2, core §2.4.1.1):
//! the consumed Assertion's Subject is confirmed when **one** bearer SubjectConfirmation is
//! satisfied: its SubjectConfirmationData names the ACS as Recipient, carries a NotOnOrAfter
//! that has not passed, no NotBefore, and, when the Response answers a request, that request's
//! ID as InResponseTo. Without a Recipient and an expiry a captured assertion could be replayed
//! at any SP, at any time. When one confirmation is satisfied, the problems of the others are
//! information (`subject-confirmation-ignored`); when none is, every problem is reported.

use super::context::Context;
use super::expect::{acs_mismatch, Expectations};
use super::time::clock::{between, format_instant, parse_instant, plus, reference, span, Clock};
use crate::check::{Check, Severity};
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::idp::Idp;
use crate::xml::model::{MessageKind, SubjectConfirmation};

const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// Pushes subject-confirmation findings for the consumed Assertion of a Response.
/// A WS-Federation token has no SubjectConfirmationData rules to judge.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, exp, clock, idp) = (c.msg, c.exp, c.clock, c.idp);
    if c.ws_federation {
        return;
    }
    let Some(a) = c.consumed.filter(|_| msg.kind == MessageKind::Response) else {
        return;
    };
    let path = || format!("{}/Subject/SubjectConfirmation", a.path);
    let bearers: Vec<&SubjectConfirmation> = a
        .subject
        .iter()
        .flat_map(|s| s.confirmations.iter())
        .filter(|c| c.method.as_deref().map(crate::xml::text::trim_xml) == Some(BEARER))
        .collect();
    if bearers.is_empty() {
        if a.subject.is_some() {
            sink.push(
                Finding::new(
                    Code::BearerMissing,
                    "the Subject has no bearer SubjectConfirmation, which the Web Browser SSO profile requires (SAML profiles §4.1.4.2)",
                )
                .at(a.line, path()),
            );
        }
        return;
    }
    sink.judged(Check::Subject);
    if !exp.acs.is_empty() {
        sink.judged(Check::Recipient);
    }
    let now = reference(msg, clock);
    // The request this Response answers: --request-id, else the Response's own InResponseTo.
    let request = exp.request_id.as_deref().or(msg.in_response_to.as_deref());
    let problems: Vec<Vec<Finding>> = bearers
        .iter()
        .map(|c| problems(c, &a.path, exp, request, now, clock, idp))
        .collect();
    if let Some(good) = problems.iter().position(Vec::is_empty) {
        for (i, list) in problems.into_iter().enumerate().filter(|(i, _)| *i != good) {
            for f in list {
                sink.push(
                    Finding::new(
                        Code::SubjectConfirmationIgnored,
                        format!(
                            "bearer SubjectConfirmation {} of {} is not satisfied ({}: {}), but {} is, and one is enough (SAML core §2.4.1.1)",
                            i + 1,
                            bearers.len(),
                            f.code,
                            f.message,
                            good + 1
                        ),
                    )
                    .check(f.check)
                    .at(bearers[i].line, path()),
                );
            }
        }
        return;
    }
    for f in problems.into_iter().flatten() {
        sink.push(f);
    }
}

/// Why one bearer confirmation is not satisfied (empty when it is).
fn problems(
    c: &SubjectConfirmation,
    assertion_path: &str,
    exp: &Expectations,
    request: Option<&str>,
    now: time::OffsetDateTime,
    clock: &Clock,
    idp: Idp,
) -> Vec<Finding> {
    let at = |f: Finding| {
        f.at(
            c.line,
            format!("{assertion_path}/Subject/SubjectConfirmation/SubjectConfirmationData"),
        )
    };
    let mut out = Vec::new();
    match &c.recipient {
        None => out.push(at(Finding::new(
            Code::BearerNoRecipient,
            "the bearer SubjectConfirmationData has no Recipient: the SAML profile requires the ACS URL there (profiles §4.1.4.2), so the assertion could be replayed at another SP",
        ))),
        Some(r) if !exp.acs.is_empty() => {
            if let Some(f) = acs_mismatch(Code::RecipientMismatch, "Recipient", r, exp, idp) {
                out.push(at(f));
            }
        }
        Some(_) => {}
    }
    match c.not_on_or_after.as_deref().map(|v| (v, parse_instant(v))) {
        None => out.push(at(Finding::new(
            Code::BearerNoExpiry,
            "the bearer SubjectConfirmationData has no NotOnOrAfter: the SAML profile requires one (profiles §4.1.4.2), so the assertion could be replayed at any time",
        ))),
        Some((raw, None)) => out.push(at(Finding::new(
            Code::TimeUnparseable,
            format!("SubjectConfirmationData NotOnOrAfter {raw:?} is not an xs:dateTime"),
        ))),
        Some((_, Some(t))) if now >= plus(t, clock.skew) => out.push(at(Finding::new(
            Code::TimeExpired,
            format!(
                "SubjectConfirmationData NotOnOrAfter passed {} before the judged time ({}), beyond the {} skew",
                span(between(t, now)),
                format_instant(now),
                span(clock.skew)
            ),
        )
        .hint(if clock.at_issue_instant {
            "the message was already expired when issued: the IdP's validity window or clock is wrong"
        } else {
            "if this is an old capture, judge it with --at issue-instant; otherwise sync clocks (NTP) and retry the sign-in"
        }))),
        Some(_) => {}
    }
    if c.not_before.is_some() {
        out.push(at(Finding::new(
            Code::BearerNotBefore,
            "the bearer SubjectConfirmationData carries NotBefore, which SAML profiles §4.1.4.2 forbids",
        )));
    }
    match (request, c.in_response_to.as_deref()) {
        (Some(req), Some(v)) if v != req => out.push(
            at(Finding::new(
                Code::InResponseToMismatch,
                format!("SubjectConfirmationData InResponseTo is {v:?}, but the Response answers {req:?}"),
            ))
            .check(Check::InResponseTo),
        ),
        (Some(req), None) => out.push(at(Finding::new(
            Code::InResponseToMissing,
            format!("the Response answers request {req:?} but its bearer SubjectConfirmationData carries no InResponseTo (profiles §4.1.4.2)"),
        ))),
        _ => {}
    }
    // Only errors make a confirmation unsatisfied.
    out.retain(|f| f.severity == Severity::Error);
    out
}

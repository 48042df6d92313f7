//! The Web Browser SSO profile's bearer rule (SAML profiles §4.1.4.2): the consumed Assertion
//! has a bearer SubjectConfirmation whose SubjectConfirmationData carries a Recipient (the ACS)
//! and a NotOnOrAfter (how long it may be used). Without them a captured assertion could be
//! replayed at any SP, at any time.

use super::{Check, Finding, Sink};
use crate::xml::model::{Assertion, Message, MessageKind};

const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/// Pushes bearer-confirmation findings for the consumed Assertion of a Response.
pub fn check(msg: &Message, a: Option<&Assertion>, sink: &mut Sink) {
    let Some(a) = a.filter(|_| msg.kind == MessageKind::Response) else {
        return;
    };
    let path = format!("{}/Subject/SubjectConfirmation", a.path);
    let bearers: Vec<_> = a
        .subject
        .iter()
        .flat_map(|s| s.confirmations.iter())
        .filter(|c| c.method.as_deref() == Some(BEARER))
        .collect();
    let Some(first) = bearers.first() else {
        if a.subject.is_some() {
            sink.push(
                Finding::new(
                    "bearer-missing",
                    "the Subject has no bearer SubjectConfirmation, which the Web Browser SSO profile requires",
                )
                .at(a.line, path),
            );
        }
        return;
    };
    sink.judged(Check::Subject);
    if !bearers.iter().any(|c| c.not_on_or_after.is_some()) {
        sink.push(
            Finding::new(
                "bearer-no-expiry",
                "the bearer SubjectConfirmationData has no NotOnOrAfter: the SAML profile requires one, so the assertion could be replayed at any time",
            )
            .at(first.line, path.clone()),
        );
    }
    if !bearers.iter().any(|c| c.recipient.is_some()) {
        sink.push(
            Finding::new(
                "bearer-no-recipient",
                "the bearer SubjectConfirmationData has no Recipient: the SAML profile requires the ACS URL there, so the assertion could be replayed at another SP",
            )
            .at(first.line, path),
        );
    }
}

//! Every instant a message and the Assertion it consumes carry — IssueInstant, the Conditions
//! window, each SubjectConfirmationData NotOnOrAfter, SessionNotOnOrAfter — read and parsed once
//! per message into the check [`Context`](super::super::context::Context): the time check judges
//! them and the report's time line shows them.

use time::OffsetDateTime;

use super::clock::parse_instant;
use crate::xml::model::{Assertion, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// SubjectConfirmationData NotOnOrAfter: on the time line, judged by `bearer`.
    Confirmation,
    NotBefore,
    NotOnOrAfter,
    Issued,
    Session,
}

/// One instant present in the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instant {
    pub label: String,
    /// As written.
    pub raw: String,
    /// `None`: not an xs:dateTime.
    pub at: Option<OffsetDateTime>,
    pub bound: Bound,
    pub line: usize,
    pub path: String,
}

/// The instants `msg` and its consumed `assertion` carry, in document order, each parsed once.
pub fn read(msg: &Message, assertion: Option<&Assertion>) -> Vec<Instant> {
    let mut out = Vec::new();
    // One instant, when the attribute is present.
    let mut add = |label: String, value: Option<&String>, bound, line, path: String| {
        if let Some(raw) = value {
            out.push(Instant {
                at: parse_instant(raw),
                label,
                raw: raw.clone(),
                bound,
                line,
                path,
            });
        }
    };
    let root = &msg.root_name;
    add(
        format!("{root} IssueInstant"),
        msg.issue_instant.as_ref(),
        Bound::Issued,
        0,
        format!("/{root}"),
    );
    if let Some(a) = assertion {
        // A SAML 1.1 token's root is its Assertion: its IssueInstant is already listed.
        let own = msg.kind != crate::xml::model::MessageKind::Saml11Assertion;
        let issued = a.issue_instant.as_ref().filter(|_| own);
        let path = |tail: &str| format!("{}/{tail}", a.path);
        add(
            "Assertion IssueInstant".into(),
            issued,
            Bound::Issued,
            a.line,
            a.path.clone(),
        );
        if let Some(c) = &a.conditions {
            for (label, value, bound) in [
                ("NotBefore", &c.not_before, Bound::NotBefore),
                ("NotOnOrAfter", &c.not_on_or_after, Bound::NotOnOrAfter),
            ] {
                let label = format!("Conditions {label}");
                add(label, value.as_ref(), bound, c.line, path("Conditions"));
            }
        }
        for sc in a.subject.iter().flat_map(|s| s.confirmations.iter()) {
            add(
                "SubjectConfirmationData NotOnOrAfter".into(),
                sc.not_on_or_after.as_ref(),
                Bound::Confirmation,
                sc.line,
                path("Subject/SubjectConfirmation/SubjectConfirmationData"),
            );
        }
        for st in &a.authn_statements {
            add(
                "AuthnStatement SessionNotOnOrAfter".into(),
                st.session_not_on_or_after.as_ref(),
                Bound::Session,
                a.line,
                path("AuthnStatement"),
            );
        }
    }
    out
}

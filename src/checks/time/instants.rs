//! Every instant a message and the Assertion it consumes carry — IssueInstant, the Conditions
//! window, each SubjectConfirmationData NotOnOrAfter, SessionNotOnOrAfter — read and parsed once
//! per message into the check [`Context`](super::super::context::Context): the time check judges
//! them and the report's time line shows them.

use std::borrow::Cow;

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

/// One instant present in the message, borrowing what it reads from the message: the label,
/// value and path are only written out when a report or a finding shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instant<'m> {
    pub label: Cow<'static, str>,
    /// As written.
    pub raw: &'m str,
    /// `None`: not an xs:dateTime.
    pub at: Option<OffsetDateTime>,
    pub bound: Bound,
    pub line: usize,
    place: Place<'m>,
}

/// Where an instant's attribute sits, as the pieces of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place<'m> {
    /// On the root element of this name.
    Root(&'m str),
    /// On the element at this path, or at `tail` below it.
    Under(&'m str, &'static str),
}

impl Instant<'_> {
    /// The path of the element that carries the instant.
    pub fn path(&self) -> String {
        match self.place {
            Place::Root(name) => format!("/{name}"),
            Place::Under(path, "") => path.to_string(),
            Place::Under(path, tail) => format!("{path}/{tail}"),
        }
    }
}

/// The label of a root element's IssueInstant (written out only for an unusual root name).
fn issued_label(root: &str) -> Cow<'static, str> {
    match root {
        "Response" => "Response IssueInstant".into(),
        "AuthnRequest" => "AuthnRequest IssueInstant".into(),
        "LogoutRequest" => "LogoutRequest IssueInstant".into(),
        "LogoutResponse" => "LogoutResponse IssueInstant".into(),
        "Assertion" => "Assertion IssueInstant".into(),
        other => format!("{other} IssueInstant").into(),
    }
}

/// The instants `msg` and its consumed `assertion` carry, in document order, each parsed once.
pub fn read<'m>(msg: &'m Message, assertion: Option<&'m Assertion>) -> Vec<Instant<'m>> {
    let mut out = Vec::new();
    // One instant, when the attribute is present.
    let mut add = |label: Cow<'static, str>, value: Option<&'m String>, bound, line, place| {
        if let Some(raw) = value {
            out.push(Instant {
                at: parse_instant(raw),
                label,
                raw,
                bound,
                line,
                place,
            });
        }
    };
    let root = &msg.root_name;
    add(
        issued_label(root),
        msg.issue_instant.as_ref(),
        Bound::Issued,
        0,
        Place::Root(root),
    );
    if let Some(a) = assertion {
        // A SAML 1.1 token's root is its Assertion: its IssueInstant is already listed.
        let own = msg.kind != crate::xml::model::MessageKind::Saml11Assertion;
        let issued = a.issue_instant.as_ref().filter(|_| own);
        let under = |tail| Place::Under(&a.path, tail);
        add(
            "Assertion IssueInstant".into(),
            issued,
            Bound::Issued,
            a.line,
            under(""),
        );
        if let Some(c) = &a.conditions {
            for (label, value, bound) in [
                ("Conditions NotBefore", &c.not_before, Bound::NotBefore),
                (
                    "Conditions NotOnOrAfter",
                    &c.not_on_or_after,
                    Bound::NotOnOrAfter,
                ),
            ] {
                add(
                    label.into(),
                    value.as_ref(),
                    bound,
                    c.line,
                    under("Conditions"),
                );
            }
        }
        for sc in a.subject.iter().flat_map(|s| s.confirmations.iter()) {
            add(
                "SubjectConfirmationData NotOnOrAfter".into(),
                sc.not_on_or_after.as_ref(),
                Bound::Confirmation,
                sc.line,
                under("Subject/SubjectConfirmation/SubjectConfirmationData"),
            );
        }
        for st in &a.authn_statements {
            add(
                "AuthnStatement SessionNotOnOrAfter".into(),
                st.session_not_on_or_after.as_ref(),
                Bound::Session,
                a.line,
                under("AuthnStatement"),
            );
        }
    }
    out
}

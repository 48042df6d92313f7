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
    bounds(msg, assertion)
        .into_iter()
        .filter_map(|(label, value, bound, line, path)| {
            let raw = value?;
            Some(Instant {
                at: parse_instant(&raw),
                label,
                raw,
                bound,
                line,
                path,
            })
        })
        .collect()
}

/// Every instant the message and its Assertion carry, with what bound it is and where.
fn bounds(
    msg: &Message,
    assertion: Option<&Assertion>,
) -> Vec<(String, Option<String>, Bound, usize, String)> {
    let mut bounds: Vec<(String, Option<String>, Bound, usize, String)> = Vec::new();
    bounds.push((
        format!("{} IssueInstant", msg.root_name),
        msg.issue_instant.clone(),
        Bound::Issued,
        0,
        format!("/{}", msg.root_name),
    ));
    if let Some(a) = assertion {
        // A SAML 1.1 token's root is its Assertion: its IssueInstant is already listed.
        let own = msg.kind != crate::xml::model::MessageKind::Saml11Assertion;
        bounds.push((
            "Assertion IssueInstant".into(),
            a.issue_instant.clone().filter(|_| own),
            Bound::Issued,
            a.line,
            a.path.clone(),
        ));
        if let Some(c) = &a.conditions {
            let p = format!("{}/Conditions", a.path);
            bounds.push((
                "Conditions NotBefore".into(),
                c.not_before.clone(),
                Bound::NotBefore,
                c.line,
                p.clone(),
            ));
            bounds.push((
                "Conditions NotOnOrAfter".into(),
                c.not_on_or_after.clone(),
                Bound::NotOnOrAfter,
                c.line,
                p,
            ));
        }
        for sc in a.subject.iter().flat_map(|s| s.confirmations.iter()) {
            let p = format!(
                "{}/Subject/SubjectConfirmation/SubjectConfirmationData",
                a.path
            );
            bounds.push((
                "SubjectConfirmationData NotOnOrAfter".into(),
                sc.not_on_or_after.clone(),
                Bound::Confirmation,
                sc.line,
                p,
            ));
        }
        for s in &a.authn_statements {
            let p = format!("{}/AuthnStatement", a.path);
            bounds.push((
                "AuthnStatement SessionNotOnOrAfter".into(),
                s.session_not_on_or_after.clone(),
                Bound::Session,
                a.line,
                p,
            ));
        }
    }
    bounds
}

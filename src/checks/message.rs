//! Message structure: an assertion to consume, its subject and NameID, attribute statements,
//! comments inside values, and encrypted content.

use std::collections::HashMap;

use super::email::{is_email, EMAIL_FORMAT};
use super::{Check, Finding, Severity, Sink};
use crate::idp::{Idp, Topic};
use crate::xml::model::{Assertion, Message, MessageKind};

/// Pushes structure findings; `assertion` is the one an SP would consume.
pub fn check(msg: &Message, assertion: Option<&Assertion>, idp: Idp, sink: &mut Sink) {
    for c in &msg.comments {
        let check = if c.path.contains("AttributeValue") {
            Check::Attributes
        } else {
            Check::Subject
        };
        let f = Finding::new(
            "comment-in-text",
            format!(
                "{} contains an XML comment; its full text (comments removed) is {:?}",
                c.path, c.text
            ),
        )
        .at(c.line, c.path.clone())
        .check(check);
        sink.push(f);
    }
    if msg.kind != MessageKind::Response {
        return;
    }
    let success = msg.status.as_ref().and_then(|s| s.code.as_deref())
        == Some("urn:oasis:names:tc:SAML:2.0:status:Success");
    let Some(a) = assertion else {
        if msg.assertions.is_empty() && msg.encrypted_assertions == 0 && success {
            sink.push(Finding::new(
                "assertion-missing",
                "the Response has Success status but carries no Assertion",
            ));
        }
        return;
    };
    sink.judged(Check::Subject);
    sink.judged(Check::Attributes);
    match &a.subject {
        None => sink.push(Finding::new("subject-missing", "the Assertion has no Subject").at(a.line, a.path.clone())),
        Some(s) => match &s.name_id {
            None if s.encrypted_id => sink.push(Finding::new("nameid-missing", "the Subject carries an EncryptedID this tool cannot read").severity(Severity::Info).at(a.line, a.path.clone())),
            None => sink.push(Finding::new("nameid-missing", "the Subject has no NameID").hint(idp.hint(Topic::NameId)).at(a.line, format!("{}/Subject", a.path))),
            Some(n) if n.value.trim().is_empty() => sink.push(
                Finding::new("nameid-empty", "the NameID is empty").hint(idp.hint(Topic::EmptyEmail)).at(n.line, format!("{}/Subject/NameID", a.path)),
            ),
            Some(n) if n.format.as_deref() == Some(EMAIL_FORMAT) && !is_email(n.value.trim()) && !super::email::is_placeholder(&n.value) => sink.push(
                Finding::new("nameid-format-not-email", format!("NameID format is emailAddress but the value {:?} is not an email address", n.value.trim()))
                    .hint(idp.hint(Topic::NameId))
                    .at(n.line, format!("{}/Subject/NameID", a.path)),
            ),
            Some(_) => {}
        },
    }
    for st in &a.attribute_statements {
        if st.attributes.is_empty()
            || st
                .attributes
                .iter()
                .all(|at| at.values.iter().all(|v| v.trim().is_empty()))
        {
            sink.push(
                Finding::new(
                    "attribute-statement-empty",
                    "the AttributeStatement carries no attribute with a value",
                )
                .hint(idp.hint(Topic::EmailMapping))
                .at(st.line, format!("{}/AttributeStatement", a.path)),
            );
            continue;
        }
        for at in &st.attributes {
            if at.values.is_empty() || at.values.iter().all(|v| v.trim().is_empty()) {
                sink.push(
                    Finding::new(
                        "attribute-empty-value",
                        format!("attribute {:?} has no value", at.name),
                    )
                    .at(at.line, format!("{}/AttributeStatement/Attribute", a.path)),
                );
            }
        }
    }
    let mut by_name: HashMap<String, Vec<&crate::xml::model::Attribute>> = HashMap::new();
    for at in a.attributes() {
        by_name
            .entry(at.name.to_ascii_lowercase())
            .or_default()
            .push(at);
    }
    let mut dups: Vec<_> = by_name.values().filter(|v| v.len() > 1).collect();
    dups.sort_by_key(|v| v[0].line);
    for group in dups {
        let names: Vec<String> = group
            .iter()
            .map(|at| {
                format!(
                    "{:?} ({})",
                    at.name,
                    at.name_format.as_deref().unwrap_or("no NameFormat")
                )
            })
            .collect();
        let exact = group.iter().enumerate().any(|(i, x)| {
            group[i + 1..]
                .iter()
                .any(|y| x.name == y.name && x.name_format == y.name_format)
        });
        let (what, severity) = if exact {
            ("are the same attribute sent twice", Severity::Error)
        } else {
            ("share a name up to case or NameFormat", Severity::Warning)
        };
        sink.push(
            Finding::new(
                "attribute-duplicate",
                format!("attributes {} {what}", names.join(", ")),
            )
            .severity(severity)
            .at(
                group[1].line,
                format!("{}/AttributeStatement/Attribute", a.path),
            ),
        );
    }
}

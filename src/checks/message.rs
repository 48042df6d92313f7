//! Message structure: an assertion to consume, its subject and NameID, attribute statements,
//! comments inside values, and encrypted content.

use crate::codes::Code;
use std::collections::HashMap;

use super::context::Context;
use super::email::resolution::{is_email, EMAIL_FORMAT};
use crate::check::{Check, Severity};
use crate::finding::{Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::xml::model::{Assertion, Attribute, Message, MessageKind};
use crate::xml::text::{escape, trim_xml};

/// Pushes structure findings; `assertion` is the one an SP would consume.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, assertion, idp) = (c.msg, c.consumed, c.idp);
    for c in &msg.comments {
        let check = if c.path.contains("AttributeValue") {
            Check::Attributes
        } else {
            Check::Subject
        };
        let f = Finding::new(
            Code::CommentInText,
            format!(
                "{} holds an XML comment or a CDATA section that splits its text (canonicalisation erases both, so they can be added after signing, and readers that take the first text node read less); its full text is {:?}",
                c.path, c.text
            ),
        )
        .at(c.line, c.path.clone())
        .check(check);
        sink.push(f);
    }
    version(msg, assertion, sink);
    invisible(msg, assertion, sink);
    if msg.kind == MessageKind::Saml11Assertion {
        if let Some(a) = assertion {
            sink.judged(Check::Subject);
            sink.judged(Check::Attributes);
            // SAML 1.1 makes NameIdentifier optional (sstc-saml-core-1.1 §2.4.2.2): AD FS's
            // default token names the user only in its attributes (upn, emailaddress), which is
            // what a WS-Federation SP reads; without any, nothing names the user.
            let no_name = a
                .subject
                .as_ref()
                .is_some_and(|s| s.name_id.is_none() && !s.encrypted_id);
            if !(no_name && a.attributes().any(|at| !at.values.is_empty())) {
                subject(a, idp, sink);
            }
        }
        return;
    }
    if msg.kind != MessageKind::Response {
        return;
    }
    let success = msg.status.as_ref().and_then(|s| s.code.as_deref())
        == Some("urn:oasis:names:tc:SAML:2.0:status:Success");
    let Some(a) = assertion else {
        if msg.assertions.is_empty() && msg.encrypted_assertions == 0 && success {
            sink.push(Finding::new(
                Code::AssertionMissing,
                "the Response has Success status but carries no Assertion",
            ));
        }
        return;
    };
    sink.judged(Check::Subject);
    sink.judged(Check::Attributes);
    authn(a, sink);
    subject(a, idp, sink);
}

/// The Subject and its NameID, and the AttributeStatements (SAML core §2.4, §2.7.3).
fn subject(a: &Assertion, idp: Idp, sink: &mut Sink) {
    match &a.subject {
        None => sink.push(Finding::new(Code::SubjectMissing, "the Assertion has no Subject").at(a.line, a.path.clone())),
        Some(s) => match &s.name_id {
            // An EncryptedID not opened is the trust stage's `nameid-encrypted` or a decryption failure.
            None if s.encrypted_id => {}
            None => sink.push(Finding::new(Code::NameidMissing, "the Subject has no NameID").hint(idp.hint(Topic::NameId)).at(a.line, format!("{}/Subject", a.path))),
            Some(n) if !trim_xml(&n.value).is_empty() && trim_xml(&n.value) != n.value => sink.push(
                Finding::new(
                    Code::NameidWhitespace,
                    format!("the NameID is {:?} exactly: XML whitespace around {:?}, which OpenSAML-based SPs trim and python3-saml and others keep, so SPs can disagree about which account this is", escape(&n.value), escape(trim_xml(&n.value))),
                )
                .hint(idp.hint(Topic::NameId))
                .at(n.line, format!("{}/Subject/NameID", a.path)),
            ),
            Some(n) if trim_xml(&n.value).is_empty() => sink.push(
                Finding::new(Code::NameidEmpty, "the NameID is empty").hint(idp.hint(Topic::EmptyEmail)).at(n.line, format!("{}/Subject/NameID", a.path)),
            ),
            Some(n) if n.format.as_deref() == Some(EMAIL_FORMAT) && !is_email(trim_xml(&n.value)) && !super::email::resolution::is_placeholder(&n.value) => sink.push(
                Finding::new(Code::NameidFormatNotEmail, format!("NameID format is emailAddress but the value {:?} is not an email address", escape(trim_xml(&n.value))))
                    .hint(idp.hint(Topic::NameId))
                    .at(n.line, format!("{}/Subject/NameID", a.path)),
            ),
            Some(_) => {}
        },
    }
    for st in &a.attribute_statements {
        if st.attributes.is_empty() {
            sink.push(
                Finding::new(
                    Code::AttributeStatementEmpty,
                    "the AttributeStatement holds no Attribute at all, which SAML core §2.7.3 does not allow",
                )
                .severity(Severity::Error)
                .hint(idp.hint(Topic::EmailMapping))
                .at(st.line, format!("{}/AttributeStatement", a.path)),
            );
            continue;
        }
        if st
            .attributes
            .iter()
            .all(|at| at.values.iter().all(|v| trim_xml(v).is_empty()))
        {
            sink.push(
                Finding::new(
                    Code::AttributeStatementEmpty,
                    "the AttributeStatement carries no attribute with a value",
                )
                .hint(idp.hint(Topic::EmailMapping))
                .at(st.line, format!("{}/AttributeStatement", a.path)),
            );
            continue;
        }
        for at in &st.attributes {
            if at.values.is_empty() || at.values.iter().all(|v| trim_xml(v).is_empty()) {
                sink.push(
                    Finding::new(
                        Code::AttributeEmptyValue,
                        format!("attribute {:?} has no value", at.name),
                    )
                    .at(at.line, format!("{}/AttributeStatement/Attribute", a.path)),
                );
            }
        }
    }
    repeated_attributes(a, idp, sink);
}

/// `Version` must be "2.0" on a SAML 2.0 message and its Assertion (core §3.2.1, §2.3.3), and
/// 1.1 on a SAML 1.1 token.
fn version(msg: &Message, a: Option<&Assertion>, sink: &mut Sink) {
    let want = if msg.kind == MessageKind::Saml11Assertion {
        "1.1"
    } else {
        "2.0"
    };
    let root = format!("/{}", msg.root_name);
    let mut check = |which: &str, v: Option<&str>, line: usize, path: String| {
        if v.map(trim_xml) != Some(want) {
            sink.push(
                Finding::new(
                    Code::VersionInvalid,
                    format!(
                        "the {which} has Version {}, not {want} (SAML core §3.2.1, §2.3.3)",
                        v.map_or("(none)".to_string(), |v| format!("{:?}", escape(v)))
                    ),
                )
                .at(line, path),
            );
        }
    };
    check(msg.kind.title(), msg.version.as_deref(), 0, root);
    if let Some(a) = a.filter(|_| msg.kind == MessageKind::Response) {
        check("Assertion", a.version.as_deref(), a.line, a.path.clone());
    }
}

/// The Web SSO Assertion's AuthnStatement (profiles §4.1.4.2) and its AuthnContext (core §2.7.2);
/// SAML strings and URIs are never empty (core §1.3.1, §1.3.2).
fn authn(a: &Assertion, sink: &mut Sink) {
    if a.authn_statements.is_empty() {
        sink.push(
            Finding::new(
                Code::AuthnStatementMissing,
                "the Assertion has no AuthnStatement, which the Web Browser SSO profile requires (SAML profiles §4.1.4.2)",
            )
            .at(a.line, a.path.clone()),
        );
    }
    for s in &a.authn_statements {
        let path = format!("{}/AuthnStatement", a.path);
        if !s.has_authn_context || !s.authn_context_filled {
            let what = if s.has_authn_context {
                "its AuthnContext names no class or declaration"
            } else {
                "it has no AuthnContext"
            };
            sink.push(
                Finding::new(
                    Code::AuthnContextMissing,
                    format!("the AuthnStatement is incomplete: {what} (SAML core §2.7.2)"),
                )
                .at(s.line, path.clone()),
            );
        }
        if s.context_class_ref.as_deref().is_some_and(|c| c.is_empty()) {
            sink.push(
                Finding::new(
                    Code::ValueEmpty,
                    "AuthnContextClassRef is empty (SAML core §1.3.2)",
                )
                .at(s.line, format!("{path}/AuthnContext/AuthnContextClassRef")),
            );
        }
    }
    if let Some(n) = a.subject.as_ref().and_then(|s| s.name_id.as_ref()) {
        for (attr, v) in [
            ("Format", &n.format),
            ("NameQualifier", &n.name_qualifier),
            ("SPNameQualifier", &n.sp_name_qualifier),
        ] {
            if v.as_deref().is_some_and(|v| trim_xml(v).is_empty()) {
                sink.push(
                    Finding::new(
                        Code::ValueEmpty,
                        format!(
                            "the NameID's {attr} is present but empty (SAML core §1.3.1, §1.3.2)"
                        ),
                    )
                    .at(n.line, format!("{}/Subject/NameID", a.path)),
                );
            }
        }
    }
}

/// Values with a character that is not XML whitespace but shows as a space or nothing: an error
/// in an identifier, a warning in other attribute values. They are shown escaped.
fn invisible(msg: &Message, a: Option<&Assertion>, sink: &mut Sink) {
    // (what, value, line, the assertion's path or None for the root's, the path's tail): the
    // path is written only for a finding.
    let mut ids: Vec<(&str, &str, usize, Option<&str>, &str)> = Vec::new();
    if let Some(i) = &msg.issuer {
        ids.push(("Issuer", i, 0, None, "/Issuer"));
    }
    if let Some(d) = &msg.destination {
        ids.push(("Destination", d, 0, None, ""));
    }
    if let Some(a) = a {
        let at = Some(a.path.as_str());
        if let Some(i) = &a.issuer {
            ids.push(("Assertion Issuer", i, a.line, at, "/Issuer"));
        }
        if let Some(n) = a.subject.as_ref().and_then(|s| s.name_id.as_ref()) {
            ids.push(("NameID", &n.value, n.line, at, "/Subject/NameID"));
        }
        for c in a.subject.iter().flat_map(|s| s.confirmations.iter()) {
            if let Some(r) = &c.recipient {
                ids.push(("Recipient", r, c.line, at, "/Subject/SubjectConfirmation"));
            }
        }
        for au in a.conditions.iter().flat_map(|c| c.audiences.iter()) {
            ids.push(("Audience", au, a.line, at, "/Conditions"));
        }
    }
    for (what, v, line, base, tail) in ids {
        if let Some((at, c)) = crate::xml::text::suspicious(v) {
            let path = match base {
                Some(p) => format!("{p}{tail}"),
                None => format!("/{}{tail}", msg.root_name),
            };
            sink.push(
                Finding::new(
                    Code::ValueInvisibleCharacter,
                    format!("the {what} {:?} holds U+{:04X} at character {}: it is not the value it looks like", escape(v), c as u32, at + 1),
                )
                .severity(Severity::Error)
                .at(line, path),
            );
        }
    }
    for at in a.iter().flat_map(|a| a.attributes()) {
        for v in &at.values {
            if let Some((pos, c)) = crate::xml::text::suspicious(v) {
                let identity = super::email::resolution::is_email_source_name(&at.name);
                sink.push(
                    Finding::new(
                        Code::ValueInvisibleCharacter,
                        format!(
                            "attribute {:?} value {:?} holds U+{:04X} at character {}",
                            at.name,
                            escape(v),
                            c as u32,
                            pos + 1
                        ),
                    )
                    .severity(if identity {
                        Severity::Error
                    } else {
                        Severity::Warning
                    })
                    .check(Check::Attributes)
                    .at(at.line, "/Assertion/AttributeStatement/Attribute"),
                );
            }
        }
    }
}

/// Attribute names that occur more than once. Repeating an Attribute element per value is
/// normal (Keycloak's role mapper, Shibboleth): a warning naming it once with its values. It is
/// an error only where the SP reads one value that the repeats contradict (an email source with
/// two different addresses).
fn repeated_attributes(a: &Assertion, idp: Idp, sink: &mut Sink) {
    let mut by_name: HashMap<String, Vec<&Attribute>> = HashMap::new();
    for at in a.attributes() {
        by_name
            .entry(at.name.to_ascii_lowercase())
            .or_default()
            .push(at);
    }
    let mut groups: Vec<_> = by_name.into_values().filter(|v| v.len() > 1).collect();
    groups.sort_by_key(|v| v[0].line);
    for group in groups {
        let at = |f: Finding| {
            f.at(
                group[1].line,
                format!("{}/AttributeStatement/Attribute", a.path),
            )
        };
        let same_spelling = group
            .iter()
            .all(|x| x.name == group[0].name && x.name_format == group[0].name_format);
        if !same_spelling {
            let names: Vec<String> = group
                .iter()
                .map(|x| {
                    format!(
                        "{:?} ({})",
                        x.name,
                        x.name_format.as_deref().unwrap_or("no NameFormat")
                    )
                })
                .collect();
            sink.push(at(Finding::new(
                Code::AttributeDuplicate,
                format!(
                    "attributes {} share a name up to case or NameFormat",
                    names.join(", ")
                ),
            )
            .severity(Severity::Warning)));
            continue;
        }
        let values: Vec<&str> = group
            .iter()
            .flat_map(|x| x.values.iter().map(|v| trim_xml(v)))
            .collect();
        let mut distinct: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let shown = preview(&values);
        let name = &group[0].name;
        if is_single_valued(name) && distinct.len() > 1 {
            sink.push(at(Finding::new(
                Code::AttributeDuplicate,
                format!(
                    "attribute {name:?} is sent as {} Attribute elements with different values ({shown}): an SP reads one value of it and cannot tell which is the user's",
                    group.len()
                ),
            )
            .severity(Severity::Error)
            .hint(format!("remove the second mapping of {name:?} in {}: each user has one value", idp.name()))));
            continue;
        }
        let hint = match idp {
            Idp::Keycloak => "in Keycloak > Clients > (your client) > Client scopes > role_list (or the dedicated scope) > Mappers > role list, turn on 'Single Role Attribute' to send every role as one Attribute with several values".to_string(),
            _ => format!("SAML allows this and most SPs merge the values; if your SP reads only one element, have {} send one Attribute with several AttributeValues", idp.name()),
        };
        sink.push(at(Finding::new(
            Code::AttributeDuplicate,
            format!(
                "attribute {name:?} is sent as {} separate Attribute elements (values: {shown})",
                group.len()
            ),
        )
        .severity(Severity::Warning)
        .hint(hint)));
    }
}

/// Up to six values, quoted, then how many more.
fn preview(values: &[&str]) -> String {
    let mut out: Vec<String> = values.iter().take(6).map(|v| format!("{v:?}")).collect();
    if values.len() > 6 {
        out.push(format!("… {} more", values.len() - 6));
    }
    out.join(", ")
}

/// Identity attributes an SP reads a single value from (email sources, user IDs, names), by
/// name, by the last segment of a claim URI, or by LDAP OID. Roles and groups are multi-valued.
fn is_single_valued(name: &str) -> bool {
    const NAMES: [&str; 20] = [
        "email",
        "emailaddress",
        "mail",
        "uid",
        "username",
        "user",
        "login",
        "upn",
        "name",
        "nameidentifier",
        "userprincipalname",
        "samaccountname",
        "employeeid",
        "objectidentifier",
        "givenname",
        "firstname",
        "surname",
        "lastname",
        "displayname",
        "sn",
    ];
    const OIDS: [&str; 5] = [
        "urn:oid:0.9.2342.19200300.100.1.1",
        "urn:oid:0.9.2342.19200300.100.1.3",
        "urn:oid:1.2.840.113549.1.9.1",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
        "urn:oid:2.16.840.1.113730.3.1.241",
    ];
    let l = name.to_ascii_lowercase();
    let last = l.rsplit(['/', '.', ':']).next().unwrap_or(&l);
    OIDS.contains(&l.as_str()) || NAMES.contains(&last)
}

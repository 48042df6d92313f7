//! Reads the SAML model out of a libxml2 document (through [`El`], which reads in place).

use crate::xml::dom::{Document, Node};

use super::dom::{DS, SAML, SAMLP};
use super::el::El;
use super::model::*;
use super::read::{
    duplicate_ids, hidden_assertions, read_attribute_statement, read_conditions, read_signature,
    read_text, Names,
};
use super::text::trim_xml;
use crate::error::InputError;

/// Builds the model of the message rooted at the document element, as captured (an Assertion
/// inside an EncryptedAssertion is refused, never consumed).
pub fn message(doc: &Document) -> Result<Message, InputError> {
    read(doc, false)
}

/// The model of a document whose EncryptedAssertion samlcheck decrypted in place: the Assertion
/// now inside it is the one consumed.
pub fn decrypted(doc: &Document) -> Result<Message, InputError> {
    read(doc, true)
}

/// The one reader per message kind: the kind decides which elements are read and where an
/// Assertion may be consumed; every value is read through schema children only.
fn read(doc: &Document, after_decryption: bool) -> Result<Message, InputError> {
    let root = El::root(doc).ok_or_else(|| InputError::new("XML has no root element"))?;
    let name = root.name().into_owned();
    let ns = root.ns();
    let kind = match root_kind(ns.as_deref(), &name)? {
        Some(kind) => kind,
        None => return Ok(super::saml11::message(root)),
    };
    let mut comments = Vec::new();
    let issuer_el = root.child(SAML, "Issuer");
    let issuer = issuer_el.map(|n| read_text(n, &mut comments));
    let status = root
        .child(SAMLP, "Status")
        .map(|s| read_status(s, &mut comments));
    // Only a Response carries an Assertion the SP consumes; in any other message an Assertion
    // is somewhere no SP reads one (and is reported as hidden below).
    let response = kind == MessageKind::Response;
    let (assertions, malformed_encrypted) = if response {
        consumed_assertions(root, after_decryption, &mut comments)
    } else {
        (Vec::new(), Vec::new())
    };
    let subtree = root.subtree();
    let below = |namespace: &'static str, local: &'static str| {
        subtree[1..]
            .iter()
            .copied()
            .filter(move |e| e.is(namespace, local))
    };
    let consumable = |a: El| {
        let parent = a.parent();
        let is_root = |e: Option<El>| e.is_some_and(|e| e.identity() == root.identity());
        response
            && (is_root(parent)
                || (after_decryption
                    && parent
                        .is_some_and(|p| p.is(SAML, "EncryptedAssertion") && is_root(p.parent()))))
    };
    let request = read_request(kind, root, &mut comments);
    Ok(Message {
        kind,
        id: root.attr("ID"),
        id_attr: "ID",
        version: root.attr("Version"),
        root_node: NodeId(root.identity()),
        root_name: name,
        issuer,
        issuer_format: issuer_el.and_then(|i| i.attr("Format")),
        destination: root.attr("Destination"),
        in_response_to: root.attr("InResponseTo"),
        issue_instant: root.attr("IssueInstant"),
        status,
        assertions,
        hidden_assertions: hidden_assertions(below(SAML, "Assertion"), consumable, SAML, false),
        advice_assertions: hidden_assertions(below(SAML, "Assertion"), consumable, SAML, true),
        encrypted_assertions: if response && !after_decryption {
            root.children(SAML, "EncryptedAssertion").count()
        } else {
            below(SAML, "EncryptedAssertion")
                .filter(|e| e.child(SAML, "Assertion").is_none())
                .count()
        },
        malformed_encrypted,
        signatures: below(DS, "Signature").map(read_signature).collect(),
        request,
        comments,
        duplicate_ids: duplicate_ids(&subtree),
    })
}

/// The message kind of a root element; `None` for a SAML 1.1 Assertion (read by its own reader).
fn root_kind(ns: Option<&str>, name: &str) -> Result<Option<MessageKind>, InputError> {
    Ok(Some(match (ns, name) {
        (Some(SAMLP), "Response") => MessageKind::Response,
        (Some(SAMLP), "AuthnRequest") => MessageKind::AuthnRequest,
        (Some(SAMLP), "LogoutRequest") => MessageKind::LogoutRequest,
        (Some(SAMLP), "LogoutResponse") => MessageKind::LogoutResponse,
        (Some(super::dom::SAML1), "Assertion") => return Ok(None),
        (ns, _) => {
            return Err(InputError::new(format!(
                "root element is {{{}}}{name}, not a SAML 2.0 protocol message (Response, AuthnRequest, LogoutRequest, LogoutResponse) or a SAML 1.1 Assertion",
                ns.unwrap_or("")
            )))
        }
    }))
}

/// A Response's Assertions (its children; after decryption, those inside its
/// EncryptedAssertions too) and the EncryptedAssertions that are not what XML Encryption allows.
#[allow(clippy::type_complexity)]
fn consumed_assertions(
    root: El,
    after_decryption: bool,
    comments: &mut Vec<TextComment>,
) -> (Vec<Assertion>, Vec<(String, usize, String)>) {
    let mut assertions: Vec<Assertion> = Vec::new();
    let mut malformed_encrypted = Vec::new();
    {
        assertions.extend(
            root.children(SAML, "Assertion")
                .map(|a| read_assertion(a, false, comments)),
        );
        for e in root.children(SAML, "EncryptedAssertion") {
            if after_decryption {
                assertions.extend(
                    e.children(SAML, "Assertion")
                        .map(|a| read_assertion(a, true, comments)),
                );
            } else if let Some(why) = encrypted_shape(e) {
                malformed_encrypted.push((e.path(), e.line(), why));
            }
        }
    }
    (assertions, malformed_encrypted)
}

/// What a request asks for (AuthnRequest) or names (LogoutRequest).
fn read_request(
    kind: MessageKind,
    root: El,
    comments: &mut Vec<TextComment>,
) -> Option<RequestInfo> {
    match kind {
        MessageKind::AuthnRequest => Some(read_authn_request(root)),
        MessageKind::LogoutRequest => Some(RequestInfo {
            name_id: root.child(SAML, "NameID").map(|n| read_text(n, comments)),
            session_index: root.child(SAMLP, "SessionIndex").map(|n| n.text().0),
            ..Default::default()
        }),
        _ => None,
    }
}

/// Why an EncryptedAssertion (as captured) is not what SAML core §2.3.4 and XML Encryption
/// allow: exactly one xenc:EncryptedData, then any number of xenc:EncryptedKey, nothing else.
fn encrypted_shape(e: El) -> Option<String> {
    let mut data = 0;
    for c in e.elements() {
        if c.is(super::dom::XENC, "EncryptedData") {
            data += 1;
        } else if c.is(super::dom::XENC, "EncryptedKey") {
        } else if c.is(SAML, "Assertion") {
            return Some("it holds a plaintext Assertion, which was never encrypted to the SP (an SP decrypts only EncryptedData)".into());
        } else {
            return Some(format!("it holds a {} element", c.name()));
        }
    }
    (data != 1).then(|| format!("it holds {data} EncryptedData elements; exactly one is allowed"))
}

/// Reads one Assertion element (also used after decryption).
fn read_assertion(a: El, decrypted: bool, comments: &mut Vec<TextComment>) -> Assertion {
    let subject = a.child(SAML, "Subject").map(|s| Subject {
        name_id: s
            .child(SAML, "NameID")
            .map(|n| read_name_id_el(n, comments)),
        encrypted_id: s.child(SAML, "EncryptedID").is_some(),
        confirmations: s
            .children(SAML, "SubjectConfirmation")
            .map(|c| {
                let data = c.child(SAML, "SubjectConfirmationData");
                let get = |n: &str| data.and_then(|d| d.attr(n));
                SubjectConfirmation {
                    method: c.attr("Method"),
                    recipient: get("Recipient"),
                    not_before: get("NotBefore"),
                    not_on_or_after: get("NotOnOrAfter"),
                    in_response_to: get("InResponseTo"),
                    line: c.line(),
                }
            })
            .collect(),
    });
    let conditions = a
        .child(SAML, "Conditions")
        .map(|c| read_conditions(c, &SAML2_NAMES, comments));
    let authn_statements = a
        .children(SAML, "AuthnStatement")
        .map(|s| AuthnStatement {
            authn_instant: s.attr("AuthnInstant"),
            session_index: s.attr("SessionIndex"),
            session_not_on_or_after: s.attr("SessionNotOnOrAfter"),
            context_class_ref: s
                .child(SAML, "AuthnContext")
                .and_then(|c| c.child(SAML, "AuthnContextClassRef"))
                .map(|r| trim_xml(&r.text().0).to_string()),
            has_authn_context: s.child(SAML, "AuthnContext").is_some(),
            authn_context_filled: s.child(SAML, "AuthnContext").is_some_and(|c| {
                [
                    "AuthnContextClassRef",
                    "AuthnContextDecl",
                    "AuthnContextDeclRef",
                ]
                .iter()
                .any(|n| c.child(SAML, n).is_some())
            }),
            line: s.line(),
        })
        .collect();
    let attribute_statements = a
        .children(SAML, "AttributeStatement")
        .map(|s| read_attribute_statement(s, &SAML2_NAMES, comments))
        .collect();
    Assertion {
        id: a.attr("ID"),
        version: a.attr("Version"),
        issuer_format: a.child(SAML, "Issuer").and_then(|i| i.attr("Format")),
        line: a.line(),
        path: a.path(),
        issuer: a.child(SAML, "Issuer").map(|n| read_text(n, comments)),
        issue_instant: a.attr("IssueInstant"),
        subject,
        conditions,
        authn_statements,
        attribute_statements,
        decrypted,
        node: NodeId(a.identity()),
    }
}

/// SAML 2.0 (core §2.5, §2.7.3).
pub(super) const SAML2_NAMES: Names = Names {
    ns: SAML,
    audience_restriction: "AudienceRestriction",
    one_time_use: "OneTimeUse",
    ignored: &["ProxyRestriction"],
    attribute_name: "Name",
    attribute_format: "NameFormat",
    friendly_name: Some("FriendlyName"),
};

/// Reads one NameID element (also the plaintext of a decrypted EncryptedID).
pub fn read_name_id(n: &Node, comments: &mut Vec<TextComment>) -> Option<NameId> {
    El::of(n).map(|n| read_name_id_el(n, comments))
}

fn read_name_id_el(n: El, comments: &mut Vec<TextComment>) -> NameId {
    NameId {
        value: read_text(n, comments),
        format: n.attr("Format"),
        sp_name_qualifier: n.attr("SPNameQualifier"),
        name_qualifier: n.attr("NameQualifier"),
        line: n.line(),
    }
}

fn read_status(s: El, comments: &mut Vec<TextComment>) -> Status {
    let top = s.child(SAMLP, "StatusCode");
    let second = top.and_then(|t| t.child(SAMLP, "StatusCode"));
    Status {
        code: top.and_then(|t| t.attr("Value")),
        second_level: second.and_then(|t| t.attr("Value")),
        message: s
            .child(SAMLP, "StatusMessage")
            .map(|m| read_text(m, comments)),
    }
}

fn read_authn_request(root: El) -> RequestInfo {
    RequestInfo {
        acs_url: root.attr("AssertionConsumerServiceURL"),
        protocol_binding: root.attr("ProtocolBinding"),
        acs_index: root.attr("AssertionConsumerServiceIndex"),
        name_id_policy_format: root
            .child(SAMLP, "NameIDPolicy")
            .and_then(|p| p.attr("Format")),
        force_authn: root.attr("ForceAuthn"),
        is_passive: root.attr("IsPassive"),
        requested_authn_context: root.child(SAMLP, "RequestedAuthnContext").map(|r| {
            RequestedAuthnContext {
                comparison: r.attr("Comparison").unwrap_or_else(|| "exact".into()),
                class_refs: r
                    .children(SAML, "AuthnContextClassRef")
                    .map(|c| trim_xml(&c.text().0).to_string())
                    .collect(),
            }
        }),
        ..Default::default()
    }
}

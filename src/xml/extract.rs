//! Reads the SAML model out of a libxml2 document (through [`El`], which reads in place).

use std::collections::HashMap;

use libxml::tree::{Document, Node};

use super::dom::{DS, SAML, SAMLP};
use super::el::El;
use super::model::*;
use crate::error::InputError;
use crate::trust::cert::CertInfo;

/// Builds the model of the message rooted at the document element.
pub fn message(doc: &Document) -> Result<Message, InputError> {
    let root = El::root(doc).ok_or_else(|| InputError::new("XML has no root element"))?;
    let name = root.name().into_owned();
    let ns = root.ns();
    let kind = match (ns.as_deref(), name.as_str()) {
        (Some(SAMLP), "Response") => MessageKind::Response,
        (Some(SAMLP), "AuthnRequest") => MessageKind::AuthnRequest,
        (Some(SAMLP), "LogoutRequest") => MessageKind::LogoutRequest,
        (Some(SAMLP), "LogoutResponse") => MessageKind::LogoutResponse,
        (ns, _) => {
            return Err(InputError::new(format!(
                "root element is {{{}}}{name}, not a SAML 2.0 protocol message (Response, AuthnRequest, LogoutRequest, LogoutResponse)",
                ns.unwrap_or("")
            )))
        }
    };
    let mut comments = Vec::new();
    let issuer = root
        .child(SAML, "Issuer")
        .map(|n| read_text(n, &mut comments));
    let status = root
        .child(SAMLP, "Status")
        .map(|s| read_status(s, &mut comments));
    let mut assertions: Vec<Assertion> = root
        .children(SAML, "Assertion")
        .map(|a| read_assertion(a, false, &mut comments))
        .collect();
    // After decryption the plaintext Assertion sits inside its EncryptedAssertion.
    for e in root.children(SAML, "EncryptedAssertion") {
        assertions.extend(
            e.children(SAML, "Assertion")
                .map(|a| read_assertion(a, true, &mut comments)),
        );
    }
    let subtree = root.subtree();
    let below = |namespace: &'static str, local: &'static str| {
        subtree[1..]
            .iter()
            .copied()
            .filter(move |e| e.is(namespace, local))
    };
    let request = match kind {
        MessageKind::AuthnRequest => Some(read_authn_request(root)),
        MessageKind::LogoutRequest => Some(RequestInfo {
            name_id: root
                .child(SAML, "NameID")
                .map(|n| read_text(n, &mut comments)),
            session_index: root.child(SAMLP, "SessionIndex").map(|n| n.text().0),
            ..Default::default()
        }),
        _ => None,
    };
    Ok(Message {
        kind,
        id: root.attr("ID"),
        root_node: root.identity(),
        root_name: name,
        issuer,
        destination: root.attr("Destination"),
        in_response_to: root.attr("InResponseTo"),
        issue_instant: root.attr("IssueInstant"),
        status,
        assertions,
        hidden_assertions: hidden_assertions(root, below(SAML, "Assertion"), false),
        advice_assertions: hidden_assertions(root, below(SAML, "Assertion"), true),
        encrypted_assertions: below(SAML, "EncryptedAssertion")
            .filter(|e| e.child(SAML, "Assertion").is_none())
            .count(),
        signatures: below(DS, "Signature").map(read_signature).collect(),
        request,
        comments,
        duplicate_ids: duplicate_ids(&subtree),
    })
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
    let conditions = a.child(SAML, "Conditions").map(|c| Conditions {
        not_before: c.attr("NotBefore"),
        not_on_or_after: c.attr("NotOnOrAfter"),
        audiences: c
            .children(SAML, "AudienceRestriction")
            .flat_map(|r| r.children(SAML, "Audience"))
            .map(|au| read_text(au, comments).trim().to_string())
            .collect(),
        line: c.line(),
    });
    let authn_statements = a
        .children(SAML, "AuthnStatement")
        .map(|s| AuthnStatement {
            authn_instant: s.attr("AuthnInstant"),
            session_index: s.attr("SessionIndex"),
            session_not_on_or_after: s.attr("SessionNotOnOrAfter"),
            context_class_ref: s
                .child(SAML, "AuthnContext")
                .and_then(|c| c.child(SAML, "AuthnContextClassRef"))
                .map(|r| r.text().0.trim().to_string()),
        })
        .collect();
    let attribute_statements = a
        .children(SAML, "AttributeStatement")
        .map(|s| AttributeStatement {
            line: s.line(),
            attributes: s
                .children(SAML, "Attribute")
                .map(|at| Attribute {
                    name: at.attr("Name").unwrap_or_default(),
                    friendly_name: at.attr("FriendlyName"),
                    name_format: at.attr("NameFormat"),
                    values: at
                        .children(SAML, "AttributeValue")
                        .map(|v| read_text(v, comments))
                        .collect(),
                    line: at.line(),
                })
                .collect(),
        })
        .collect();
    Assertion {
        id: a.attr("ID"),
        line: a.line(),
        path: a.path(),
        issuer: a.child(SAML, "Issuer").map(|n| read_text(n, comments)),
        issue_instant: a.attr("IssueInstant"),
        subject,
        conditions,
        authn_statements,
        attribute_statements,
        decrypted,
        node: a.identity(),
    }
}

/// Reads one NameID element (also the plaintext of a decrypted EncryptedID).
pub fn read_name_id(n: &Node, comments: &mut Vec<TextComment>) -> Option<NameId> {
    El::of(n).map(|n| read_name_id_el(n, comments))
}

fn read_name_id_el(n: El, comments: &mut Vec<TextComment>) -> NameId {
    NameId {
        value: read_text(n, comments),
        format: n.attr("Format"),
        sp_name_qualifier: n.attr("SPNameQualifier"),
        line: n.line(),
    }
}

/// Text of a value element; a comment inside it is recorded (the 2017 truncation attacks).
fn read_text(node: El, comments: &mut Vec<TextComment>) -> String {
    let (value, has_comment) = node.text();
    if has_comment {
        comments.push(TextComment {
            path: node.path(),
            line: node.line(),
            text: value.clone(),
        });
    }
    value
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
        name_id_policy_format: root
            .child(SAMLP, "NameIDPolicy")
            .and_then(|p| p.attr("Format")),
        force_authn: root.attr("ForceAuthn"),
        is_passive: root.attr("IsPassive"),
        ..Default::default()
    }
}

fn read_signature(sig: El) -> SignatureInfo {
    let parent = sig.parent();
    let signed_infos: Vec<El> = sig.children(DS, "SignedInfo").collect();
    let si = signed_infos.first().copied();
    let references: Vec<El> = si
        .map(|s| s.children(DS, "Reference").collect())
        .unwrap_or_default();
    let first_ref = references.first().copied();
    let alg = |n: Option<El>| n.and_then(|n| n.attr("Algorithm"));
    let mut embedded_certs = Vec::new();
    let mut embedded_cert_error = None;
    if let Some(ki) = sig.child(DS, "KeyInfo") {
        for x509 in ki.descendants(DS, "X509Certificate") {
            match CertInfo::from_base64(&x509.text().0) {
                Ok(c) => embedded_certs.push(c),
                Err(e) => embedded_cert_error = Some(e),
            }
        }
    }
    SignatureInfo {
        line: sig.line(),
        parent_path: parent.map(El::path).unwrap_or_default(),
        parent_node: parent.map(El::identity).unwrap_or_default(),
        parent_id: parent.and_then(|p| p.attr("ID")),
        signed_info_count: signed_infos.len(),
        reference_uris: references.iter().map(|r| r.attr("URI")).collect(),
        signature_value: sig.child(DS, "SignatureValue").map(|v| v.text().0),
        c14n_algorithm: alg(si.and_then(|s| s.child(DS, "CanonicalizationMethod"))),
        signature_algorithm: alg(si.and_then(|s| s.child(DS, "SignatureMethod"))),
        digest_algorithm: alg(first_ref.and_then(|r| r.child(DS, "DigestMethod"))),
        transforms: first_ref
            .and_then(|r| r.child(DS, "Transforms"))
            .map(|t| {
                t.children(DS, "Transform")
                    .filter_map(|t| t.attr("Algorithm"))
                    .collect()
            })
            .unwrap_or_default(),
        embedded_certs,
        embedded_cert_error,
        node: sig.identity(),
        schema_position: schema_position(sig),
    }
}

/// True when the only element siblings before `sig` are an Issuer (SAML's schema order).
fn schema_position(sig: El) -> bool {
    match sig.prev_element() {
        None => true,
        Some(one) => one.is(SAML, "Issuer") && one.prev_element().is_none(),
    }
}

/// Assertions (among `assertions`, every one below the root) that are neither direct children
/// of the root nor direct children of a root-level EncryptedAssertion (where decryption puts
/// them): with `advice` false those hidden anywhere else, with `advice` true those in the
/// `<Advice>` of such a consumable Assertion (allowed by SAML core §2.6.1; information for the
/// SP, never what it consumes).
fn hidden_assertions<'d>(
    root: El<'d>,
    assertions: impl Iterator<Item = El<'d>>,
    advice: bool,
) -> Vec<(String, usize, usize)> {
    let is_root = |e: Option<El>| e.is_some_and(|e| e.identity() == root.identity());
    let consumable = |a: El| {
        let parent = a.parent();
        let direct = is_root(parent);
        let decrypted =
            parent.is_some_and(|p| p.is(SAML, "EncryptedAssertion") && is_root(p.parent()));
        direct || decrypted
    };
    let in_advice = |a: El| {
        a.parent()
            .filter(|p| p.is(SAML, "Advice"))
            .and_then(|p| p.parent())
            .is_some_and(|g| g.is(SAML, "Assertion") && consumable(g))
    };
    assertions
        .filter(|a| !consumable(*a) && in_advice(*a) == advice)
        .map(|a| (a.path(), a.line(), a.identity()))
        .collect()
}

fn duplicate_ids(subtree: &[El]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for n in subtree {
        // Any namespace: libxmlsec1 registers IDs by attribute name alone.
        for name in ["ID", "AssertionID", "Id"] {
            for id in n.attrs_any_ns(name) {
                *seen.entry(id).or_default() += 1;
            }
        }
    }
    let mut dups: Vec<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    dups.sort();
    dups
}

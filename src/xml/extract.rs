//! Reads the SAML model out of a libxml2 document.

use std::collections::HashMap;

use libxml::tree::{Document, Node};

use super::dom::{self, attr, child, children, descendants, is, line, path, text, DS, SAML, SAMLP};
use super::model::*;
use crate::error::InputError;
use crate::trust::cert::CertInfo;

/// Builds the model of the message rooted at the document element.
pub fn message(doc: &Document) -> Result<Message, InputError> {
    let root = doc
        .get_root_element()
        .ok_or_else(|| InputError::new("XML has no root element"))?;
    let name = root.get_name();
    let kind = match (dom::ns(&root).as_deref(), name.as_str()) {
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
    let issuer = child(&root, SAML, "Issuer").map(|n| read_text(&n, &mut comments));
    let status = child(&root, SAMLP, "Status").map(|s| read_status(&s, &mut comments));
    let mut assertions: Vec<Assertion> = children(&root, SAML, "Assertion")
        .iter()
        .map(|a| read_assertion(a, false, &mut comments))
        .collect();
    // After decryption the plaintext Assertion sits inside its EncryptedAssertion.
    let encrypted = children(&root, SAML, "EncryptedAssertion");
    for e in &encrypted {
        assertions.extend(
            children(e, SAML, "Assertion")
                .iter()
                .map(|a| read_assertion(a, true, &mut comments)),
        );
    }
    let request = match kind {
        MessageKind::AuthnRequest => Some(read_authn_request(&root)),
        MessageKind::LogoutRequest => Some(RequestInfo {
            name_id: child(&root, SAML, "NameID").map(|n| read_text(&n, &mut comments)),
            session_index: child(&root, SAMLP, "SessionIndex").map(|n| text(&n).0),
            ..Default::default()
        }),
        _ => None,
    };
    Ok(Message {
        kind,
        id: attr(&root, "ID"),
        root_node: dom::identity(&root),
        root_name: name,
        issuer,
        destination: attr(&root, "Destination"),
        in_response_to: attr(&root, "InResponseTo"),
        issue_instant: attr(&root, "IssueInstant"),
        status,
        assertions,
        hidden_assertions: hidden_assertions(&root, false),
        advice_assertions: hidden_assertions(&root, true),
        encrypted_assertions: descendants(&root, SAML, "EncryptedAssertion")
            .iter()
            .filter(|e| child(e, SAML, "Assertion").is_none())
            .count(),
        signatures: descendants(&root, DS, "Signature")
            .iter()
            .map(read_signature)
            .collect(),
        request,
        comments,
        duplicate_ids: duplicate_ids(&root),
    })
}

/// Reads one Assertion element (also used after decryption).
pub fn read_assertion(a: &Node, decrypted: bool, comments: &mut Vec<TextComment>) -> Assertion {
    let subject = child(a, SAML, "Subject").map(|s| Subject {
        name_id: child(&s, SAML, "NameID").map(|n| read_name_id(&n, comments)),
        encrypted_id: child(&s, SAML, "EncryptedID").is_some(),
        confirmations: children(&s, SAML, "SubjectConfirmation")
            .iter()
            .map(|c| {
                let data = child(c, SAML, "SubjectConfirmationData");
                let get = |n: &str| data.as_ref().and_then(|d| attr(d, n));
                SubjectConfirmation {
                    method: attr(c, "Method"),
                    recipient: get("Recipient"),
                    not_before: get("NotBefore"),
                    not_on_or_after: get("NotOnOrAfter"),
                    in_response_to: get("InResponseTo"),
                    line: line(c),
                }
            })
            .collect(),
    });
    let conditions = child(a, SAML, "Conditions").map(|c| Conditions {
        not_before: attr(&c, "NotBefore"),
        not_on_or_after: attr(&c, "NotOnOrAfter"),
        audiences: children(&c, SAML, "AudienceRestriction")
            .iter()
            .flat_map(|r| children(r, SAML, "Audience"))
            .map(|au| read_text(&au, comments).trim().to_string())
            .collect(),
        line: line(&c),
    });
    let authn_statements = children(a, SAML, "AuthnStatement")
        .iter()
        .map(|s| AuthnStatement {
            authn_instant: attr(s, "AuthnInstant"),
            session_index: attr(s, "SessionIndex"),
            session_not_on_or_after: attr(s, "SessionNotOnOrAfter"),
            context_class_ref: child(s, SAML, "AuthnContext")
                .and_then(|c| child(&c, SAML, "AuthnContextClassRef"))
                .map(|r| text(&r).0.trim().to_string()),
        })
        .collect();
    let attribute_statements = children(a, SAML, "AttributeStatement")
        .iter()
        .map(|s| AttributeStatement {
            line: line(s),
            attributes: children(s, SAML, "Attribute")
                .iter()
                .map(|at| Attribute {
                    name: attr(at, "Name").unwrap_or_default(),
                    friendly_name: attr(at, "FriendlyName"),
                    name_format: attr(at, "NameFormat"),
                    values: children(at, SAML, "AttributeValue")
                        .iter()
                        .map(|v| read_text(v, comments))
                        .collect(),
                    line: line(at),
                })
                .collect(),
        })
        .collect();
    Assertion {
        id: attr(a, "ID"),
        line: line(a),
        path: path(a),
        issuer: child(a, SAML, "Issuer").map(|n| read_text(&n, comments)),
        issue_instant: attr(a, "IssueInstant"),
        subject,
        conditions,
        authn_statements,
        attribute_statements,
        decrypted,
        node: dom::identity(a),
    }
}

/// Text of a value element; a comment inside it is recorded (the 2017 truncation attacks).
/// Reads one NameID element (also the plaintext of a decrypted EncryptedID).
pub fn read_name_id(n: &Node, comments: &mut Vec<TextComment>) -> NameId {
    NameId {
        value: read_text(n, comments),
        format: attr(n, "Format"),
        sp_name_qualifier: attr(n, "SPNameQualifier"),
        line: line(n),
    }
}

fn read_text(node: &Node, comments: &mut Vec<TextComment>) -> String {
    let (value, has_comment) = text(node);
    if has_comment {
        comments.push(TextComment {
            path: path(node),
            line: line(node),
            text: value.clone(),
        });
    }
    value
}

fn read_status(s: &Node, comments: &mut Vec<TextComment>) -> Status {
    let top = child(s, SAMLP, "StatusCode");
    let second = top.as_ref().and_then(|t| child(t, SAMLP, "StatusCode"));
    Status {
        code: top.as_ref().and_then(|t| attr(t, "Value")),
        second_level: second.as_ref().and_then(|t| attr(t, "Value")),
        message: child(s, SAMLP, "StatusMessage").map(|m| read_text(&m, comments)),
    }
}

fn read_authn_request(root: &Node) -> RequestInfo {
    RequestInfo {
        acs_url: attr(root, "AssertionConsumerServiceURL"),
        protocol_binding: attr(root, "ProtocolBinding"),
        name_id_policy_format: child(root, SAMLP, "NameIDPolicy").and_then(|p| attr(&p, "Format")),
        force_authn: attr(root, "ForceAuthn"),
        is_passive: attr(root, "IsPassive"),
        ..Default::default()
    }
}

fn read_signature(sig: &Node) -> SignatureInfo {
    let parent = sig.get_parent();
    let signed_infos = children(sig, DS, "SignedInfo");
    let si = signed_infos.first();
    let references: Vec<Node> = si.map(|s| children(s, DS, "Reference")).unwrap_or_default();
    let first_ref = references.first();
    let alg = |n: Option<Node>| n.and_then(|n| attr(&n, "Algorithm"));
    let mut embedded_certs = Vec::new();
    let mut embedded_cert_error = None;
    if let Some(ki) = child(sig, DS, "KeyInfo") {
        for x509 in descendants(&ki, DS, "X509Certificate") {
            match CertInfo::from_base64(&text(&x509).0) {
                Ok(c) => embedded_certs.push(c),
                Err(e) => embedded_cert_error = Some(e),
            }
        }
    }
    SignatureInfo {
        line: line(sig),
        parent_path: parent.as_ref().map(path).unwrap_or_default(),
        parent_node: parent.as_ref().map(dom::identity).unwrap_or_default(),
        parent_id: parent.as_ref().and_then(|p| attr(p, "ID")),
        signed_info_count: signed_infos.len(),
        reference_uris: references.iter().map(|r| attr(r, "URI")).collect(),
        signature_value: child(sig, DS, "SignatureValue").map(|v| text(&v).0),
        c14n_algorithm: alg(si.and_then(|s| child(s, DS, "CanonicalizationMethod"))),
        signature_algorithm: alg(si.and_then(|s| child(s, DS, "SignatureMethod"))),
        digest_algorithm: alg(first_ref.and_then(|r| child(r, DS, "DigestMethod"))),
        transforms: first_ref
            .and_then(|r| child(r, DS, "Transforms"))
            .map(|t| {
                children(&t, DS, "Transform")
                    .iter()
                    .filter_map(|t| attr(t, "Algorithm"))
                    .collect()
            })
            .unwrap_or_default(),
        embedded_certs,
        embedded_cert_error,
        node: dom::identity(sig),
        schema_position: schema_position(sig),
    }
}

/// True when the only element siblings before `sig` are an Issuer (SAML's schema order).
fn schema_position(sig: &Node) -> bool {
    let mut before = Vec::new();
    let mut cur = sig.get_prev_element_sibling();
    while let Some(n) = cur {
        cur = n.get_prev_element_sibling();
        before.push(n);
    }
    match before.as_slice() {
        [] => true,
        [one] => is(one, SAML, "Issuer"),
        _ => false,
    }
}

/// Assertions that are neither direct children of the root nor direct children of a root-level
/// EncryptedAssertion (where decryption puts them): with `advice` false those hidden anywhere
/// else, with `advice` true those in the `<Advice>` of such a consumable Assertion (allowed by
/// SAML core §2.6.1; information for the SP, never what it consumes).
fn hidden_assertions(root: &Node, advice: bool) -> Vec<(String, usize, usize)> {
    let consumable = |a: &Node| {
        let parent = a.get_parent();
        let direct = parent
            .as_ref()
            .is_some_and(|p| dom::identity(p) == dom::identity(root));
        let decrypted = parent.as_ref().is_some_and(|p| {
            is(p, SAML, "EncryptedAssertion")
                && p.get_parent()
                    .is_some_and(|g| dom::identity(&g) == dom::identity(root))
        });
        direct || decrypted
    };
    let in_advice = |a: &Node| {
        a.get_parent()
            .filter(|p| is(p, SAML, "Advice"))
            .and_then(|p| p.get_parent())
            .is_some_and(|g| is(&g, SAML, "Assertion") && consumable(&g))
    };
    descendants(root, SAML, "Assertion")
        .iter()
        .filter(|a| !consumable(a) && in_advice(a) == advice)
        .map(|a| (path(a), line(a), dom::identity(a)))
        .collect()
}

fn duplicate_ids(root: &Node) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for n in dom::all_elements(root) {
        // Any namespace: libxmlsec1 registers IDs by attribute name alone.
        for name in ["ID", "AssertionID", "Id"] {
            for id in dom::attrs_any_ns(&n, name) {
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

//! The SAML 1.1 reader: a `saml1:Assertion` (what AD FS and Entra ID put in WS-Federation
//! tokens) mapped onto the one message model, so it goes through the same trust stage,
//! signature policy and checks as every SAML 2.0 message.
//!
//! The mapping (SAML 1.1 core, OASIS sstc-saml-core-1.1): `AssertionID` → ID (the attribute the
//! signature's `#ID` Reference names), the `Issuer` attribute → Issuer, the Subject of the
//! AuthenticationStatement (else of the first AttributeStatement) → Subject with its
//! NameIdentifier → NameID, `Attribute/@AttributeName` → Name and `@AttributeNamespace` →
//! NameFormat, `Conditions/AudienceRestrictionCondition/Audience` → AudienceRestriction,
//! `AuthenticationStatement` → AuthnStatement (AuthenticationMethod as the class). Every value
//! is read through schema children of the root Assertion only, never by descendant search, so
//! nothing inside `ds:Signature` (Object, KeyInfo) or an Advice assertion is read as the token's.

use super::dom::DS;
use super::el::El;
use super::model::*;
use super::read::{
    duplicate_ids, hidden_assertions, read_attribute_statement, read_conditions, read_signature,
    read_text, Names,
};
use super::text::trim_xml;

/// The SAML 1.x assertion namespace.
pub const NS: &str = super::dom::SAML1;

/// SAML 1.1 (sstc-saml-core-1.1 §2.3.2, §2.4.4).
const NAMES: Names = Names {
    ns: NS,
    audience_restriction: "AudienceRestrictionCondition",
    one_time_use: "DoNotCacheCondition",
    ignored: &[],
    attribute_name: "AttributeName",
    attribute_format: "AttributeNamespace",
    friendly_name: None,
};

/// Reads the SAML 1.1 Assertion at the root of a document.
pub fn message(root: El) -> Message {
    let mut comments = Vec::new();
    let assertion = read_assertion(root, &mut comments);
    let subtree = root.subtree();
    let below = |local: &'static str| {
        subtree[1..]
            .iter()
            .copied()
            .filter(move |e| e.is(NS, local))
    };
    let consumable = |a: El| a.identity() == root.identity();
    let version = match (root.attr("MajorVersion"), root.attr("MinorVersion")) {
        (Some(major), Some(minor)) => Some(format!("{major}.{minor}")),
        (major, _) => major,
    };
    Message {
        kind: MessageKind::Saml11Assertion,
        id: root.attr("AssertionID"),
        id_attr: "AssertionID",
        version,
        root_node: NodeId(root.identity()),
        root_name: root.name().into_owned(),
        issuer: root.attr("Issuer"),
        issuer_format: None,
        destination: None,
        in_response_to: None,
        issue_instant: root.attr("IssueInstant"),
        status: None,
        assertions: vec![assertion],
        hidden_assertions: hidden_assertions(below("Assertion"), consumable, NS, false),
        advice_assertions: hidden_assertions(below("Assertion"), consumable, NS, true),
        encrypted_assertions: 0,
        malformed_encrypted: Vec::new(),
        signatures: subtree[1..]
            .iter()
            .copied()
            .filter(|e| e.is(DS, "Signature"))
            .map(read_signature)
            .collect(),
        request: None,
        comments,
        duplicate_ids: duplicate_ids(&subtree),
    }
}

fn read_assertion(a: El, comments: &mut Vec<TextComment>) -> Assertion {
    let authn: Vec<El> = a.children(NS, "AuthenticationStatement").collect();
    let attr_statements: Vec<El> = a.children(NS, "AttributeStatement").collect();
    // The first statement's Subject that names the user (AD FS may name it only in the
    // AttributeStatement), else the first Subject: the second parser reads the same one.
    let subjects: Vec<El> = a
        .elements()
        .filter(|s| s.is(NS, "AuthenticationStatement") || s.is(NS, "AttributeStatement"))
        .filter_map(|s| s.child(NS, "Subject"))
        .collect();
    let subject_el = subjects
        .iter()
        .copied()
        .find(|s| s.child(NS, "NameIdentifier").is_some())
        .or_else(|| subjects.first().copied());
    let subject = subject_el.map(|s| Subject {
        name_id: s.child(NS, "NameIdentifier").map(|n| NameId {
            value: read_text(n, comments),
            format: n.attr("Format"),
            sp_name_qualifier: None,
            name_qualifier: n.attr("NameQualifier"),
            line: n.line(),
        }),
        encrypted_id: false,
        confirmations: s
            .children(NS, "SubjectConfirmation")
            .flat_map(|c| {
                c.children(NS, "ConfirmationMethod")
                    .map(|m| SubjectConfirmation {
                        method: Some(trim_xml(&m.text().0).to_string()),
                        recipient: None,
                        not_before: None,
                        not_on_or_after: None,
                        in_response_to: None,
                        line: m.line(),
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
    });
    let conditions = a
        .child(NS, "Conditions")
        .map(|c| read_conditions(c, &NAMES, comments));
    let authn_statements = authn
        .iter()
        .map(|s| AuthnStatement {
            authn_instant: s.attr("AuthenticationInstant"),
            session_index: None,
            session_not_on_or_after: None,
            context_class_ref: s.attr("AuthenticationMethod"),
            has_authn_context: true,
            authn_context_filled: s.attr("AuthenticationMethod").is_some(),
            line: s.line(),
        })
        .collect();
    let attribute_statements = attr_statements
        .iter()
        .map(|s| read_attribute_statement(*s, &NAMES, comments))
        .collect();
    Assertion {
        id: a.attr("AssertionID"),
        version: None,
        issuer_format: None,
        line: a.line(),
        path: a.path(),
        issuer: a.attr("Issuer"),
        issue_instant: a.attr("IssueInstant"),
        subject,
        conditions,
        authn_statements,
        attribute_statements,
        decrypted: false,
        node: NodeId(a.identity()),
    }
}

//! The readers both SAML versions share ([`super::extract`] for 2.0, [`super::saml11`] for
//! 1.1): Conditions, attribute statements, a value's text with any comment that splits it, a
//! `ds:Signature`'s shape, assertions hidden outside the consumed one, and duplicate IDs. Each
//! takes the version's spellings as a `Names`.

use super::dom::{DS, SAML, SAML1};
use super::el::El;
use super::model::*;
use super::text::trim_xml;
use crate::trust::cert::CertInfo;

/// How one SAML version spells what the readers share (Conditions, attribute statements).
pub(super) struct Names {
    pub ns: &'static str,
    pub audience_restriction: &'static str,
    pub one_time_use: &'static str,
    /// Conditions understood and without effect on the verdict here (ProxyRestriction).
    pub ignored: &'static [&'static str],
    pub attribute_name: &'static str,
    pub attribute_format: &'static str,
    pub friendly_name: Option<&'static str>,
}

/// The Conditions element: its window, each audience restriction, one-time use, and any
/// condition this reader does not understand.
pub(super) fn read_conditions(c: El, names: &Names, comments: &mut Vec<TextComment>) -> Conditions {
    let mut out = Conditions {
        not_before: c.attr("NotBefore"),
        not_on_or_after: c.attr("NotOnOrAfter"),
        line: c.line(),
        ..Default::default()
    };
    for e in c.elements() {
        if e.is(names.ns, names.audience_restriction) {
            let list: Vec<String> = e
                .children(names.ns, "Audience")
                .map(|au| trim_xml(&read_text(au, comments)).to_string())
                .collect();
            out.audiences.extend(list.iter().cloned());
            out.restrictions.push(list);
        } else if e.is(names.ns, names.one_time_use) {
            out.one_time_use = true;
        } else if names.ignored.iter().any(|n| e.is(names.ns, n)) {
        } else {
            let name = match e.attr_ns(super::dom::XSI, "type") {
                Some(t) => format!("{} (xsi:type {t})", e.name()),
                None => e.name().into_owned(),
            };
            out.unknown.push((name, e.line()));
        }
    }
    out
}

/// One AttributeStatement: each Attribute with its values (text and CDATA joined).
pub(super) fn read_attribute_statement(
    s: El,
    names: &Names,
    comments: &mut Vec<TextComment>,
) -> AttributeStatement {
    AttributeStatement {
        line: s.line(),
        attributes: s
            .children(names.ns, "Attribute")
            .map(|at| Attribute {
                name: at.attr(names.attribute_name).unwrap_or_default(),
                friendly_name: names.friendly_name.and_then(|f| at.attr(f)),
                name_format: at.attr(names.attribute_format),
                values: at
                    .children(names.ns, "AttributeValue")
                    .map(|v| read_text(v, comments))
                    .collect(),
                line: at.line(),
            })
            .collect(),
    }
}

/// Text of a value element; a comment inside it is recorded (the 2017 truncation attacks).
pub(super) fn read_text(node: El, comments: &mut Vec<TextComment>) -> String {
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

pub(super) fn read_signature(sig: El) -> SignatureInfo {
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
        parent_node: NodeId(parent.map(El::identity).unwrap_or_default()),
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
        node: NodeId(sig.identity()),
        schema_position: schema_position(sig),
        object_content: sig
            .children(DS, "Object")
            .flat_map(|o| o.elements())
            .map(|e| e.name().into_owned())
            .collect(),
    }
}

/// True when `sig` sits where the schema puts it: in SAML 2.0 right after the Issuer (or first),
/// in a SAML 1.1 Assertion as its last child (sstc-saml-schema-assertion-1.1).
fn schema_position(sig: El) -> bool {
    if sig.parent().is_some_and(|p| p.is(SAML1, "Assertion")) {
        return sig.next_element().is_none();
    }
    match sig.prev_element() {
        None => true,
        Some(one) => one.is(SAML, "Issuer") && one.prev_element().is_none(),
    }
}

/// Assertions (among `assertions`, every one below the root) that are not `consumable`: with
/// `advice` false those hidden anywhere else, with `advice` true those in the `<Advice>` of a
/// consumable Assertion (allowed by SAML core §2.6.1; information for the SP, never what it
/// consumes). `ns` is the assertion namespace of the message's SAML version.
pub(super) fn hidden_assertions<'d>(
    assertions: impl Iterator<Item = El<'d>>,
    consumable: impl Fn(El<'d>) -> bool,
    ns: &'static str,
    advice: bool,
) -> Vec<(String, usize, NodeId)> {
    // In the Advice of the consumed Assertion, or of an Assertion in that Advice (core §2.6.1
    // lets evidence carry its own evidence): walk up through Advice/Assertion pairs.
    let in_advice = |a: El<'d>| {
        let mut cur = a;
        loop {
            let Some(g) = cur
                .parent()
                .filter(|p| p.is(ns, "Advice"))
                .and_then(|p| p.parent())
                .filter(|g| g.is(ns, "Assertion"))
            else {
                return false;
            };
            if consumable(g) {
                return true;
            }
            cur = g;
        }
    };
    assertions
        .filter(|a| !consumable(*a) && in_advice(*a) == advice)
        .map(|a| (a.path(), a.line(), NodeId(a.identity())))
        .collect()
}

pub(super) fn duplicate_ids(subtree: &[El]) -> Vec<String> {
    // Any namespace: libxmlsec1 registers IDs by attribute name alone.
    let mut ids: Vec<_> = subtree
        .iter()
        .flat_map(|n| n.attr_values_any_ns(&["ID", "AssertionID", "Id"]))
        .collect();
    ids.sort_unstable();
    let mut dups: Vec<String> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].clone().into_owned())
        .collect();
    dups.dedup();
    dups
}

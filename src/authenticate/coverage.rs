//! Coverage as any SP might read it. samlcheck's own readers follow schema children, but an SP
//! may find elements by local name or with a descendant (`//NameID`) search, in any namespace.
//! Once the trust stage knows which elements a counted signature covers, every element of a
//! message that signs someone in is walked: one whose *local name* is identity-shaped
//! ([`IDENTITY`]) must sit inside covered content, outside every `ds:Signature`, or be a link of
//! the consumed Assertion's own envelope (identified by node: the EncryptedAssertion it was
//! decrypted from, samlcheck's wrapper around a bare Assertion). Anything else is a forgery
//! finding (`wrapping-uncovered-identity`): the signature does not vouch for it, and a sloppy
//! SP would sign its value in. A namespace prefix bound to nothing is refused for every message
//! (`wrapping-unbound-prefix`): libxml2 keeps such an element with no namespace, and readers that
//! match local names or resolve prefixes loosely read it as SAML.

use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::xml::dom::{DS, SAML};
use crate::xml::el::El;
use crate::xml::model::NodeId;
use crate::xml::text::trim_xml;

/// The local names an SP may read identity from (SAML 2.0 core §2.3–§2.7, SAML 1.1's
/// NameIdentifier): exactly this list.
pub const IDENTITY: [&str; 14] = [
    "Assertion",
    "EncryptedAssertion",
    "Subject",
    "NameID",
    "NameIdentifier",
    "BaseID",
    "EncryptedID",
    "Attribute",
    "AttributeStatement",
    "AttributeValue",
    "AuthnStatement",
    "Conditions",
    "Audience",
    "SubjectConfirmation",
];

/// At most this many uncovered elements are reported one by one; the rest are counted.
const MAX_REPORTED: usize = 12;

/// What the walk knows about the message.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Elements a counted, valid signature covers (their whole content counts as covered).
    pub covered: &'a [NodeId],
    /// The consumed Assertion's envelope: its ancestors, by node.
    pub envelope: &'a [usize],
    /// Elements another finding already reports (a hidden Assertion, a malformed
    /// EncryptedAssertion): not reported twice, not descended into.
    pub reported: &'a [usize],
    /// Which identity rule applies.
    pub rule: Rule,
}

/// Which identity-shaped elements the walk refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Something is authenticated: every one outside covered content or inside a ds:Signature.
    Coverage,
    /// Nothing is authenticated (the message fails on that already): those inside a
    /// ds:Signature, which no signature ever covers, so the forgery is named.
    InSignature,
}

/// Walks the subtree at `start`; `covered` says whether `start` already sits in covered content
/// (an EncryptedData whose EncryptedAssertion a counted signature covers). Findings go to `sink`.
pub fn walk(start: El, covered: bool, scope: &Scope, sink: &mut Sink) {
    let mut stack = vec![(start, false, covered)];
    let mut uncovered = 0usize;
    let mut unbound = None;
    while let Some((e, in_sig, cov)) = stack.pop() {
        if unbound.is_none() {
            unbound = e.unbound_prefix().map(|q| (q, e.path(), e.line()));
        }
        let in_sig = in_sig || e.is(DS, "Signature");
        let cov = cov || scope.covered.contains(&NodeId(e.identity()));
        let id = e.identity();
        let local = e.local_name();
        let shaped = IDENTITY.iter().any(|n| n.as_bytes() == local);
        let refused = match scope.rule {
            Rule::Coverage => in_sig || !cov,
            Rule::InSignature => in_sig,
        };
        if shaped && refused && !scope.envelope.contains(&id) {
            if scope.reported.contains(&id) {
                continue;
            }
            uncovered += 1;
            if uncovered <= MAX_REPORTED {
                sink.push(uncovered_finding(e, in_sig));
            }
            // Its content is part of the same uncovered structure: one finding for it.
            continue;
        }
        let mark = stack.len();
        stack.extend(e.elements().map(|c| (c, in_sig, cov)));
        stack[mark..].reverse();
    }
    if uncovered > MAX_REPORTED {
        sink.push(Finding::new(
            Code::WrappingUncoveredIdentity,
            format!(
                "{} more identity-shaped elements outside every verified signature were not listed one by one",
                uncovered - MAX_REPORTED
            ),
        ));
    }
    if let Some((qname, path, line)) = unbound {
        sink.push(
            Finding::new(
                Code::WrappingUnboundPrefix,
                format!("the name {qname:?} at {path} uses a namespace prefix that no xmlns declaration binds (Namespaces in XML 1.0 §5, \"Prefix Declared\"): libxml2 keeps it as a name in no namespace, stricter parsers refuse the message, and an SP that matches local names reads it as the SAML element"),
            )
            .at(line, path),
        );
    }
}

/// The finding for one identity-shaped element no counted signature covers.
fn uncovered_finding(e: El, in_sig: bool) -> Finding {
    let name = String::from_utf8_lossy(e.local_name()).into_owned();
    let ns = match e.ns() {
        Some(ns) if ns == SAML || ns == crate::xml::saml11::NS => String::new(),
        Some(ns) => format!(" in namespace {:?}", ns),
        None => " in no namespace".to_string(),
    };
    let value = if matches!(
        name.as_str(),
        "NameID" | "NameIdentifier" | "AttributeValue" | "Audience"
    ) {
        let text = e.text().0;
        let text = trim_xml(&text);
        let short: String = text.chars().take(80).collect();
        let more = if short.len() < text.len() { "…" } else { "" };
        format!(" holding {short:?}{more}")
    } else {
        String::new()
    };
    let where_ = if in_sig {
        "inside a ds:Signature (its KeyInfo or Object), which the enveloped-signature transform takes out of what is signed"
    } else {
        "outside every element a verified signature covers"
    };
    Finding::new(
        Code::WrappingUncoveredIdentity,
        format!(
            "a {name} element{ns} at {}{value} sits {where_}: an SP that finds SAML elements by local name or with a descendant (//{name}) search would read it as identity, and nothing vouches for it",
            e.path()
        ),
    )
    .at(e.line(), e.path())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::dom;

    fn run(xml: &str, covered_path: Option<&str>) -> Vec<(Code, String)> {
        let doc = dom::parse(xml.as_bytes()).unwrap();
        let root = El::root(&doc).unwrap();
        let covered: Vec<NodeId> = root
            .subtree()
            .into_iter()
            .filter(|e| Some(e.path().as_str()) == covered_path)
            .map(|e| NodeId(e.identity()))
            .collect();
        let scope = Scope {
            covered: &covered,
            envelope: &[],
            reported: &[],
            rule: Rule::Coverage,
        };
        let mut sink = Sink::default();
        walk(root, false, &scope, &mut sink);
        sink.findings()
            .iter()
            .map(|f| (f.code, f.message.clone()))
            .collect()
    }

    const HEAD: &str = r#"<p:Response xmlns:p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:s="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">"#;

    #[test]
    fn covered_content_passes_and_the_signature_inside_it_does_not() {
        let ok = format!("{HEAD}<s:Issuer>i</s:Issuer><s:Assertion><s:Subject><s:NameID>a</s:NameID></s:Subject></s:Assertion></p:Response>");
        assert!(run(&ok, Some("/Response/Assertion")).is_empty());
        let in_sig = format!("{HEAD}<s:Assertion><ds:Signature><ds:KeyInfo><s:NameID>evil</s:NameID></ds:KeyInfo></ds:Signature></s:Assertion></p:Response>");
        let f = run(&in_sig, Some("/Response/Assertion"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Code::WrappingUncoveredIdentity);
        assert!(f[0].1.contains("\"evil\"") && f[0].1.contains("ds:Signature"));
    }

    #[test]
    fn any_namespace_counts_and_one_finding_per_uncovered_tree() {
        let foreign = format!("{HEAD}<e:Assertion xmlns:e=\"urn:evil\"><e:Subject><e:NameID>m</e:NameID></e:Subject></e:Assertion><s:Assertion/></p:Response>");
        let f = run(&foreign, Some("/Response/Assertion"));
        // Both Assertions share the path: the covered set holds both here, so use another path.
        assert!(f.is_empty(), "{f:?}");
        let f = run(&foreign, None);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].1.contains("urn:evil"));
    }

    #[test]
    fn unbound_prefixes_are_refused() {
        let xml = format!("{HEAD}<saml2:Assertion>x</saml2:Assertion></p:Response>");
        let doc = dom::parse(xml.as_bytes()).unwrap();
        let root = El::root(&doc).unwrap();
        let scope = Scope {
            covered: &[NodeId(root.identity())],
            envelope: &[],
            reported: &[],
            rule: Rule::Coverage,
        };
        let mut sink = Sink::default();
        walk(root, false, &scope, &mut sink);
        let codes: Vec<Code> = sink.findings().iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::WrappingUnboundPrefix]);
        let attr = format!("{HEAD}<s:Assertion x:ID=\"1\"/></p:Response>");
        let doc = dom::parse(attr.as_bytes()).unwrap();
        let mut sink = Sink::default();
        walk(El::root(&doc).unwrap(), true, &scope, &mut sink);
        assert_eq!(sink.findings()[0].code, Code::WrappingUnboundPrefix);
    }
}

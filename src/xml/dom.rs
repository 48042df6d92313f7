//! Guarded parsing and small read helpers over the libxml2 tree ([`super::tree`]). This tree
//! is the one libxmlsec1 verifies, so it is the source of truth for every value the report
//! calls authenticated.

use super::el::El;
pub use super::tree::{Document, Node};

use crate::error::InputError;

pub const SAMLP: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
pub const SAML: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
/// The SAML 1.x assertion namespace (WS-Federation tokens).
pub const SAML1: &str = "urn:oasis:names:tc:SAML:1.0:assertion";
pub const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";

pub use super::tree::quiet;

/// Parses XML that already passed [`super::guard::scan`]: no recovery, no network, no DTD
/// loading, no entity substitution, and libxml2's own error printing silenced.
pub fn parse(xml: &[u8]) -> Result<Document, InputError> {
    super::tree::read(xml, false)
}

/// [`parse`], dropping whitespace-only text between elements (libxml2's NOBLANKS): how a
/// message looked before an editor or a pretty-printer indented it. Diagnosis only.
pub fn parse_without_blanks(xml: &[u8]) -> Result<Document, InputError> {
    super::tree::read(xml, true)
}

/// Guards and parses a standalone document (metadata): BOM removed, [`super::guard::scan`]
/// limits applied, then [`parse`]. Returns the document and its root element.
pub fn parse_guarded(
    bytes: &[u8],
    limits: &crate::input::limits::Limits,
) -> Result<(Document, Node), InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    super::guard::scan(bytes, limits)?;
    let doc = parse(bytes)?;
    let root = doc
        .get_root_element()
        .ok_or_else(|| InputError::new("XML has no root element"))?;
    Ok((doc, root))
}

/// The element's namespace URI.
pub fn ns(node: &Node) -> Option<String> {
    El::of(node).and_then(|e| e.ns().map(|n| n.into_owned()))
}

/// True when `node` is the element `{ns}local`.
pub fn is(node: &Node, namespace: &str, local: &str) -> bool {
    El::of(node).is_some_and(|e| e.is(namespace, local))
}

/// Child elements `{ns}local`, in document order.
pub fn children(node: &Node, namespace: &str, local: &str) -> Vec<Node> {
    node.get_child_elements()
        .into_iter()
        .filter(|c| is(c, namespace, local))
        .collect()
}

/// The first child element `{ns}local`.
pub fn child(node: &Node, namespace: &str, local: &str) -> Option<Node> {
    node.get_child_elements()
        .into_iter()
        .find(|c| is(c, namespace, local))
}

/// Every descendant element `{ns}local` (not `node` itself), in document order.
pub fn descendants(node: &Node, namespace: &str, local: &str) -> Vec<Node> {
    let me = identity(node);
    node.subtree_where(|e| e.identity() != me && e.is(namespace, local))
}

/// Every element in the subtree rooted at `node`, `node` first.
pub fn all_elements(node: &Node) -> Vec<Node> {
    node.subtree_where(|_| true)
}

/// An attribute without a namespace.
pub fn attr(node: &Node, name: &str) -> Option<String> {
    El::of(node).and_then(|e| e.attr(name))
}

/// Text content: the concatenation of every text and CDATA node below `node` (comments are not
/// text), and whether a comment sits among them.
pub fn text(node: &Node) -> (String, bool) {
    El::of(node).map(El::text).unwrap_or_default()
}

/// The element's line in the XML as parsed.
pub fn line(node: &Node) -> usize {
    El::line_of(node)
}

/// `/Response/Assertion/Subject` style path of local names.
pub fn path(node: &Node) -> String {
    El::of(node).map(El::path).unwrap_or_else(|| "/".into())
}

/// Stable identity of a node within its document, for "is this the element that was verified".
pub fn identity(node: &Node) -> usize {
    node.node_ptr() as usize
}

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
/// limits applied (through [`super::guard::quick`] when it can), then [`parse`]. Returns the document and its root element.
pub fn parse_guarded(
    bytes: &[u8],
    limits: &crate::input::limits::Limits,
) -> Result<(Document, Node), InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The fast reading passes most messages; anything it does not pass goes through the full
    // pre-scan first, as before. A document it passed and libxml2 refuses gets the full
    // pre-scan's message when that refuses it too (the same message as scanning first).
    let quick = super::guard::quick(bytes, limits);
    if !quick {
        super::guard::scan(bytes, limits)?;
    }
    let doc = match parse(bytes) {
        Ok(doc) => doc,
        Err(e) => {
            if quick {
                super::guard::scan(bytes, limits)?;
            }
            return Err(e);
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::limits::Limits;

    /// What `parse_guarded` answered before it had a fast reading: the full pre-scan, then
    /// libxml2.
    fn scan_then_parse(bytes: &[u8], limits: &Limits) -> Result<(), String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        super::super::guard::scan(bytes, limits).map_err(|e| e.to_string())?;
        parse(bytes).map(|_| ()).map_err(|e| e.to_string())
    }

    fn same(bytes: &[u8], limits: &Limits) {
        let now = parse_guarded(bytes, limits)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(
            now,
            scan_then_parse(bytes, limits),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }

    #[test]
    fn the_fast_reading_answers_as_the_full_pre_scan_on_every_fixture() {
        let mut seen = 0;
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "xml") {
                    let bytes = std::fs::read(&path).unwrap();
                    same(&bytes, &Limits::default());
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "only {seen} fixtures");
    }

    #[test]
    fn the_fast_reading_answers_as_the_full_pre_scan_on_hostile_shapes() {
        let three = Limits {
            max_attributes: 3,
            max_depth: 4,
            max_elements: 6,
            ..Limits::default()
        };
        let cases: &[&str] = &[
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
            "<?xml version=\"1.0\" encoding='utf8'?><a/>",
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
            "<a><!DOCTYPE a></a>",
            "<!-- <!DOCTYPE a> --><a/>",
            "<a b=\"<!DOCTYPE a>\"/>",
            "<a b='x>y' c=\"'\">t</a>",
            "<a><![CDATA[<!DOCTYPE a> &x; </a>]]></a>",
            "<![CDATA[x]]><a/>",
            "<a/><![CDATA[x]]>",
            "<a>&amp;&lt;&#65;&#x41;</a>",
            "<a>&x;</a>",
            "<a>&amp</a>",
            "<a/>text",
            "text<a/>",
            "<a/><b/>",
            "<a></b>",
            "<a><b></a></b>",
            "<a>",
            "<a",
            "<a b=\"c",
            "<a><!-- x -- y --></a>",
            "<a><!-- x ---></a>",
            "<a><?pi x?></a>",
            "  <?xml version=\"1.0\"?><a/>",
            "<?xml version=\"1.0\"?>",
            "",
            "   ",
            "</a>",
            "<a></a></a>",
            "<a>\u{1}</a>",
            "<a/ >",
            "< a/>",
            "<a x=\"1\" x=\"2\"/>",
            "<a b c d e/>",
            "<a b=\"\" c=\"\" d=\"\" e=\"\"/>",
            "<r a=\"\" b=\"\" c=\"\"><s/></r>",
            "<a><a><a><a><a/></a></a></a></a>",
            "<a><a><a><a/></a></a></a>",
            "<a><b/><b/><b/><b/><b/><b/></a>",
            "<a><b/><b/><b/><b/><b/></a>",
            "<a>\r\n</a>\r\n",
            "\u{feff}<a/>",
            "<a>é 文字</a>",
        ];
        for case in cases {
            same(case.as_bytes(), &Limits::default());
            same(case.as_bytes(), &three);
        }
        same(b"<a>\xff</a>", &Limits::default());
        same(b"\xEF\xBB\xBF<a/>", &Limits::default());
    }

    #[test]
    fn libxml2_refuses_what_the_fast_reading_leaves_to_it() {
        // The fast reading neither compares end tag names nor reads quotes in an end tag; the
        // equivalence with the full pre-scan rests on libxml2 (no recovery) refusing these.
        for shape in [
            "<a></b>",
            "<a></a x=\">\">",
            "<a><b></a></b>",
            "<a><!-- x -- y --></a>",
            "<a>&#&#;</a>",
            "<![CDATA[x]]><a/>",
            "<a/>x",
        ] {
            assert!(
                parse(shape.as_bytes()).is_err(),
                "libxml2 accepted {shape:?}"
            );
        }
    }

    #[test]
    fn the_fast_reading_answers_as_the_full_pre_scan_on_token_soups() {
        // Random sequences of XML pieces, well-formed and not: every answer (pass, or the exact
        // message) is what scanning first and parsing after gave.
        const PIECES: &[&str] = &[
            "<a>",
            "</a>",
            "<b x=\"1\">",
            "</b>",
            "<c/>",
            "<d y='>'/>",
            "<e z=\"/\">",
            "</e>",
            "<!-- c -->",
            "<!--",
            "-->",
            "<![CDATA[ <x> ]]>",
            "&amp;",
            "&q;",
            "&#1;",
            "&",
            ";",
            "text",
            " ",
            "\n",
            "<?p i?>",
            "<?xml version=\"1.0\"?>",
            "<!DOCTYPE a>",
            "\"",
            "'",
            ">",
            "<",
            "/>",
            "<f a=\"1\" b=\"2\" c=\"3\" d=\"4\"/>",
            "<g\n h='1'\n>",
            "</g >",
        ];
        let limits = Limits {
            max_attributes: 3,
            max_depth: 5,
            max_elements: 12,
            ..Limits::default()
        };
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut passed = 0;
        for _ in 0..20_000 {
            let len = 1 + (next() % 12) as usize;
            let soup: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            same(soup.as_bytes(), &limits);
            // Wrapped in a root, most soups are closer to a document.
            let wrapped = format!("<r>{soup}</r>");
            same(wrapped.as_bytes(), &limits);
            passed += usize::from(parse_guarded(wrapped.as_bytes(), &limits).is_ok());
        }
        assert!(passed > 1_000, "only {passed} soups were documents");
    }
}

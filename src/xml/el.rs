//! A borrowed, copyable view of one element of a parsed libxml2 document, for reading.
//!
//! [`El`] walks libxml2's own tree in place: matching an element by namespace and local name
//! allocates nothing, and only the values the model keeps are copied. It is the one place that
//! dereferences libxml2 node pointers for reading ([`Node`](super::tree::Node) holds one;
//! libxmlsec1's room, `signature/xmlsec.rs`, hands them to libxmlsec1 without reading them).
//!
//! Talks to C: libxml2's tree, read in place (ARCHITECTURE.md, "Where unsafe lives").
#![allow(unsafe_code)]

use std::borrow::Cow;
use std::ffi::{c_char, c_void, CStr};
use std::marker::PhantomData;

use super::ffi::{
    xmlGetLineNo, xmlNodeGetContent, XmlAttr as xmlAttr, XmlNode as xmlNode, XmlNs, CDATA, COMMENT,
    ELEMENT, TEXT,
};

/// One element of a live document; valid as long as the document it was reached from.
#[derive(Clone, Copy)]
pub struct El<'d> {
    ptr: *mut xmlNode,
    _doc: PhantomData<&'d ()>,
}

/// A NUL-terminated libxml2 string as bytes (empty for NULL).
///
/// SAFETY: `p` is NULL or points to a NUL-terminated string that outlives `'a`.
unsafe fn bytes<'a>(p: *const u8) -> &'a [u8] {
    if p.is_null() {
        b""
    } else {
        // SAFETY: non-NULL and NUL-terminated, living for 'a (the caller's contract).
        unsafe { CStr::from_ptr(p as *const c_char).to_bytes() }
    }
}

/// Whether the NUL-terminated libxml2 string at `p` (empty for NULL) is `want`, compared in
/// place: no length is taken first, and the walk stops at the first difference.
///
/// SAFETY: `p` is NULL or points to a NUL-terminated string.
unsafe fn is_str(p: *const u8, want: &[u8]) -> bool {
    if p.is_null() {
        return want.is_empty();
    }
    for (i, w) in want.iter().enumerate() {
        // SAFETY: every byte before `i` matched a non-NUL byte of `want`, so the string has not
        // ended before `i`: `p + i` is inside it or its terminating NUL.
        if *w == 0 || unsafe { *p.add(i) } != *w {
            return false;
        }
    }
    // SAFETY: as above, `p + want.len()` is inside the string or its terminating NUL.
    unsafe { *p.add(want.len()) == 0 }
}

/// One attribute of a live element; its name and namespace are read only when asked.
#[derive(Clone, Copy)]
struct Attr<'d> {
    ptr: *mut xmlAttr,
    _doc: PhantomData<&'d ()>,
}

impl<'d> Attr<'d> {
    /// The local name.
    fn name(self) -> &'d [u8] {
        // SAFETY: an attribute of a live document; its name is owned by the document.
        unsafe { bytes((*self.ptr).name) }
    }

    /// Whether the local name is `want`.
    fn named(self, want: &str) -> bool {
        // SAFETY: as in `name`.
        unsafe { is_str((*self.ptr).name, want.as_bytes()) }
    }

    /// Whether the attribute has no namespace.
    fn no_ns(self) -> bool {
        // SAFETY: an attribute of a live document.
        unsafe { (*self.ptr).ns.is_null() }
    }

    /// Whether the attribute is in namespace `want`.
    fn in_ns(self, want: &str) -> bool {
        // SAFETY: ns is NULL or a namespace owned by the document.
        unsafe {
            let ns = (*self.ptr).ns;
            !ns.is_null() && is_str((*ns).href, want.as_bytes())
        }
    }
}

fn lossy(b: &[u8]) -> String {
    super::text::lossy(b).into_owned()
}

/// Copies and frees a string libxml2 allocated.
///
/// SAFETY: `p` is NULL or a string allocated by libxml2 that nothing else frees.
unsafe fn take(p: *mut u8) -> String {
    // SAFETY: NULL or a NUL-terminated string libxml2 allocated (the caller's contract).
    let s = lossy(unsafe { bytes(p) });
    if !p.is_null() {
        // SAFETY: libxml2 allocated `p` and nothing else frees it; it is not used again.
        unsafe { super::ffi::samlcheck_xml_free(p as *mut c_void) };
    }
    s
}

/// The element among `p` and its following siblings, first one first.
///
/// SAFETY: `p` is NULL or a node of a live document.
unsafe fn element_from(mut p: *mut xmlNode) -> *mut xmlNode {
    // SAFETY: `p` and its siblings are NULL or nodes of a live document (the caller's contract).
    unsafe {
        while !p.is_null() && (*p).type_ != ELEMENT {
            p = (*p).next;
        }
    }
    p
}

impl<'d> El<'d> {
    /// SAFETY: `ptr` is a non-NULL element node of a document that lives for `'d`.
    unsafe fn at(ptr: *mut xmlNode) -> Self {
        Self {
            ptr,
            _doc: PhantomData,
        }
    }

    /// The libxml2 node (for `tree::Node` handles).
    pub(super) fn ptr(self) -> *mut xmlNode {
        self.ptr
    }

    /// The element at `p`, when `p` is one.
    ///
    /// SAFETY: `p` is NULL or a node of a document that lives for `'d`.
    pub(super) unsafe fn element(p: *mut xmlNode) -> Option<Self> {
        // SAFETY: NULL or a live node (the caller's contract).
        unsafe { (!p.is_null() && (*p).type_ == ELEMENT).then(|| Self::at(p)) }
    }

    /// The element that carries attribute `a`.
    ///
    /// SAFETY: `a` is NULL or an attribute of a document that lives for `'d`.
    pub(super) unsafe fn owner(a: *mut xmlAttr) -> Option<Self> {
        // SAFETY: NULL or a live attribute, whose parent is NULL or a node of its document.
        unsafe { (!a.is_null()).then(|| Self::element((*a).parent)).flatten() }
    }

    /// Stable identity within the document (the node's address), as `dom::identity` gives it.
    pub fn identity(self) -> usize {
        self.ptr as usize
    }

    /// The local name.
    pub fn name(self) -> Cow<'d, str> {
        // SAFETY: an element's name is a NUL-terminated string owned by the document.
        super::text::lossy(unsafe { bytes((*self.ptr).name) })
    }

    /// The namespace URI, if the element has one.
    pub fn ns(self) -> Option<Cow<'d, str>> {
        // SAFETY: ns is NULL or a namespace owned by the document.
        unsafe {
            let ns = (*self.ptr).ns;
            (!ns.is_null()).then(|| super::text::lossy(bytes((*ns).href)))
        }
    }

    /// The local name as bytes, namespace-blind: libxml2 keeps an element whose prefix is bound
    /// to no namespace as the whole `prefix:local` with no namespace, so the part after the
    /// colon is what a reader that matches local names sees.
    pub fn local_name(self) -> &'d [u8] {
        // SAFETY: an element's name is a NUL-terminated string owned by the document.
        let name = unsafe { bytes((*self.ptr).name) };
        match name.iter().rposition(|b| *b == b':') {
            Some(i) => &name[i + 1..],
            None => name,
        }
    }

    /// The `prefix:local` name of this element or of one of its attributes when that prefix is
    /// bound to no namespace (libxml2 accepts it with a namespace warning and no namespace).
    pub fn unbound_prefix(self) -> Option<String> {
        // SAFETY: as in `name` and `ns`.
        let (name, ns) = unsafe { (bytes((*self.ptr).name), (*self.ptr).ns) };
        if ns.is_null() && name.contains(&b':') {
            return Some(lossy(name));
        }
        self.attributes()
            .find(|a| a.no_ns() && a.name().contains(&b':'))
            .map(|a| lossy(a.name()))
    }

    /// Namespace declarations this element makes (`xmlns`, `xmlns:p`).
    fn ns_decls(self) -> u64 {
        let mut n = 0;
        // SAFETY: nsDef and next are NULL or namespaces owned by the document.
        unsafe {
            let mut d = (*self.ptr).ns_def;
            while !d.is_null() {
                n += 1;
                d = (*d).next;
            }
        }
        n
    }

    /// The canonicalisation work of this subtree, in the units of `--max-c14n-work`: the sum,
    /// over its elements, of the square of the namespace declarations in scope at each (those
    /// its ancestors make included), plus one per element. Saturates; never overflows.
    pub fn c14n_work(self) -> u64 {
        let mut inherited = 0u64;
        let mut up = self.parent();
        while let Some(p) = up {
            inherited += p.ns_decls();
            up = p.parent();
        }
        let mut work = 0u64;
        let mut stack = vec![(self, inherited)];
        while let Some((e, above)) = stack.pop() {
            let here = above.saturating_add(e.ns_decls());
            work = work
                .saturating_add(here.saturating_mul(here))
                .saturating_add(1);
            stack.extend(e.elements().map(|c| (c, here)));
        }
        work
    }

    /// True when this is the element `{namespace}local`.
    pub fn is(self, namespace: &str, local: &str) -> bool {
        // SAFETY: as in `name` and `ns`.
        unsafe {
            let ns = (*self.ptr).ns;
            is_str((*self.ptr).name, local.as_bytes())
                && !ns.is_null()
                && is_str((*ns).href, namespace.as_bytes())
        }
    }

    /// The parent element (None at the document element).
    pub fn parent(self) -> Option<El<'d>> {
        // SAFETY: parent is NULL, the document node or an element of the same document.
        unsafe {
            let p = (*self.ptr).parent;
            (!p.is_null() && (*p).type_ == ELEMENT).then(|| Self::at(p))
        }
    }

    /// Child elements in document order.
    pub fn elements(self) -> impl Iterator<Item = El<'d>> {
        // SAFETY: children and next are NULL or nodes of the same document.
        let mut next = unsafe { element_from((*self.ptr).children) };
        std::iter::from_fn(move || {
            if next.is_null() {
                return None;
            }
            // SAFETY: as above; `next` is an element.
            unsafe {
                let cur = Self::at(next);
                next = element_from((*next).next);
                Some(cur)
            }
        })
    }

    /// Child elements `{namespace}local`, in document order.
    pub fn children(self, namespace: &'d str, local: &'d str) -> impl Iterator<Item = El<'d>> {
        self.elements().filter(move |c| c.is(namespace, local))
    }

    /// The first child element `{namespace}local`.
    pub fn child(self, namespace: &str, local: &str) -> Option<El<'d>> {
        self.elements().find(|c| c.is(namespace, local))
    }

    /// The element sibling just before this one.
    pub fn prev_element(self) -> Option<El<'d>> {
        // SAFETY: prev is NULL or a node of the same document.
        unsafe {
            let mut p = (*self.ptr).prev;
            while !p.is_null() && (*p).type_ != ELEMENT {
                p = (*p).prev;
            }
            (!p.is_null()).then(|| Self::at(p))
        }
    }

    /// The element sibling just after this one.
    pub fn next_element(self) -> Option<El<'d>> {
        // SAFETY: next is NULL or a node of the same document.
        unsafe {
            let mut p = (*self.ptr).next;
            while !p.is_null() && (*p).type_ != ELEMENT {
                p = (*p).next;
            }
            (!p.is_null()).then(|| Self::at(p))
        }
    }

    /// Every element of the subtree rooted here, this one first, in document order.
    pub fn subtree(self) -> Vec<El<'d>> {
        self.walk().collect()
    }

    /// The elements of the subtree rooted here, this one first, in document order: a walk over
    /// the tree's own links (first child, next sibling, parent), holding no stack.
    pub fn walk(self) -> impl Iterator<Item = El<'d>> {
        let top = self.ptr;
        let mut next = Some(self);
        std::iter::from_fn(move || {
            let cur = next?;
            next = cur.elements().next().or_else(|| {
                // Up until an ancestor below `top` (or `cur` itself) has a next sibling.
                let mut up = cur;
                loop {
                    if up.ptr == top {
                        return None;
                    }
                    if let Some(n) = up.next_element() {
                        return Some(n);
                    }
                    up = up.parent()?;
                }
            });
            Some(cur)
        })
    }

    /// Every descendant element `{namespace}local` (not this one), in document order.
    pub fn descendants(self, namespace: &str, local: &str) -> Vec<El<'d>> {
        self.walk()
            .skip(1)
            .filter(|e| e.is(namespace, local))
            .collect()
    }

    /// The attributes, in document order.
    fn attributes(self) -> impl Iterator<Item = Attr<'d>> {
        // SAFETY: properties and next are NULL or attributes of this element.
        let mut next = unsafe { (*self.ptr).properties };
        std::iter::from_fn(move || {
            if next.is_null() {
                return None;
            }
            let a = next;
            // SAFETY: as above.
            next = unsafe { (*a).next };
            Some(Attr {
                ptr: a,
                _doc: PhantomData,
            })
        })
    }

    /// The value of an attribute node.
    ///
    /// SAFETY: `a` is an attribute of a live document.
    unsafe fn value(a: *mut xmlAttr) -> String {
        // SAFETY: the caller's contract.
        unsafe { Self::value_in_place(a) }.into_owned()
    }

    /// The value of an attribute node, borrowed from the document in the usual shape (one text
    /// node, character and predefined entity references resolved), else a copy.
    ///
    /// SAFETY: `a` is an attribute of the live document `'d`.
    unsafe fn value_in_place(a: *mut xmlAttr) -> Cow<'d, str> {
        // SAFETY: `a` is an attribute of a live document (the caller's contract), so are its
        // children; xmlNodeGetContent returns a fresh string that `take` frees.
        unsafe {
            let first = (*a).children;
            if !first.is_null() && (*first).type_ == TEXT && (*first).next.is_null() {
                return super::text::lossy(bytes((*first).content));
            }
            Cow::Owned(take(xmlNodeGetContent(a as *const xmlNode)))
        }
    }

    /// Values of every attribute whose local name is one of `names`, in any namespace
    /// (libxmlsec1's ID registration matches attribute names without looking at namespaces),
    /// borrowed from the document where they can be.
    pub fn attr_values_any_ns<'n>(
        self,
        names: &'n [&'n str],
    ) -> impl Iterator<Item = Cow<'d, str>> + 'n
    where
        'd: 'n,
    {
        self.attributes()
            .filter(|a| names.iter().any(|want| a.named(want)))
            // SAFETY: `a` is an attribute of this live element.
            .map(|a| unsafe { Self::value_in_place(a.ptr) })
    }

    /// An attribute in namespace `namespace` (such as `xsi:type`).
    pub fn attr_ns(self, namespace: &str, name: &str) -> Option<String> {
        self.attributes()
            .find(|a| a.named(name) && a.in_ns(namespace))
            // SAFETY: `a` is an attribute of this live element.
            .map(|a| unsafe { Self::value(a.ptr) })
    }

    /// An attribute without a namespace.
    pub fn attr(self, name: &str) -> Option<String> {
        self.attributes()
            .find(|a| a.no_ns() && a.named(name))
            // SAFETY: `a` is an attribute of this live element.
            .map(|a| unsafe { Self::value(a.ptr) })
    }

    /// Every attribute named `local`, in any namespace: its namespace (NULL for none, only to be
    /// handed back to libxml2) and its value.
    pub(super) fn attrs_named(self, local: &str) -> Vec<(*mut XmlNs, String)> {
        self.attributes()
            .filter(|a| a.named(local))
            // SAFETY: `a` is an attribute of this live element; its ns is NULL or a namespace
            // of the same document.
            .map(|a| unsafe { ((*a.ptr).ns, Self::value(a.ptr)) })
            .collect()
    }

    /// Every text and CDATA node of this element's subtree with its text, in document order
    /// (the nodes only to be handed back to libxml2).
    pub(super) fn text_nodes(self) -> Vec<(*mut xmlNode, String)> {
        let mut out = Vec::new();
        let mut stack = vec![self.ptr];
        while let Some(p) = stack.pop() {
            // SAFETY: children and next are NULL or nodes of the same live document; a text
            // node's content is NULL or a NUL-terminated string it owns.
            unsafe {
                let mut c = (*p).children;
                let mut elements = Vec::new();
                while !c.is_null() {
                    match (*c).type_ {
                        TEXT | CDATA => out.push((c, lossy(bytes((*c).content)))),
                        ELEMENT => elements.push(c),
                        _ => {}
                    }
                    c = (*c).next;
                }
                stack.extend(elements.into_iter().rev());
            }
        }
        out
    }

    /// True when the element has a child element.
    pub fn has_elements(self) -> bool {
        self.elements().next().is_some()
    }

    /// Text content: the concatenation of every text and CDATA node below (comments are not
    /// text), and whether it is split: a comment among them, or the text in more than one node
    /// (a CDATA section beside text). Canonicalisation erases both, so either can be added to
    /// signed text without breaking the digest, and a reader that takes the first text node
    /// reads less (CVE-2017-11427 and relatives).
    pub fn text(self) -> (String, bool) {
        let mut has_comment = false;
        let mut pieces = 0usize;
        let mut stack = vec![self.ptr];
        while let Some(p) = stack.pop() {
            // SAFETY: children and next are NULL or nodes of the same document.
            unsafe {
                let mut c = (*p).children;
                while !c.is_null() {
                    match (*c).type_ {
                        COMMENT => has_comment = true,
                        ELEMENT => stack.push(c),
                        TEXT | CDATA => pieces += 1,
                        _ => {}
                    }
                    c = (*c).next;
                }
            }
        }
        let has_comment = has_comment || pieces > 1;
        // SAFETY: the usual shape is read in place; anything else through libxml2, which
        // returns a fresh copy.
        let text = unsafe {
            let first = (*self.ptr).children;
            if first.is_null() {
                String::new()
            } else if (*first).type_ == TEXT && (*first).next.is_null() {
                lossy(bytes((*first).content))
            } else {
                take(xmlNodeGetContent(self.ptr))
            }
        };
        (text, has_comment)
    }

    /// The line in the XML as parsed.
    pub fn line(self) -> usize {
        // SAFETY: a live node of a live document.
        unsafe { xmlGetLineNo(self.ptr) }.max(0) as usize
    }

    /// `/Response/Assertion/Subject` style path of local names.
    pub fn path(self) -> String {
        let mut parts = Vec::new();
        let mut cur = Some(self);
        while let Some(e) = cur {
            parts.push(e.name());
            cur = e.parent();
        }
        parts.reverse();
        format!("/{}", parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::xml::ffi::{
        XmlAttr, XmlNode, XmlNs, ATTRIBUTE, PARSE_NOBLANKS, PARSE_NOERROR, PARSE_NONET,
        PARSE_NOWARNING, PARSE_RECOVER,
    };
    use std::mem::{offset_of, size_of};

    /// Every offset declared here is the C compiler's, from the installed headers.
    #[test]
    fn layout_matches_the_headers() {
        let ours = [
            size_of::<XmlNode>(),
            offset_of!(XmlNode, type_),
            offset_of!(XmlNode, name),
            offset_of!(XmlNode, children),
            offset_of!(XmlNode, parent),
            offset_of!(XmlNode, next),
            offset_of!(XmlNode, prev),
            offset_of!(XmlNode, doc),
            offset_of!(XmlNode, ns),
            offset_of!(XmlNode, content),
            offset_of!(XmlNode, properties),
            offset_of!(XmlNode, ns_def),
            offset_of!(XmlNode, line),
            offset_of!(XmlAttr, type_),
            offset_of!(XmlAttr, name),
            offset_of!(XmlAttr, children),
            offset_of!(XmlAttr, parent),
            offset_of!(XmlAttr, next),
            offset_of!(XmlAttr, ns),
            size_of::<XmlNs>(),
            offset_of!(XmlNs, next),
            offset_of!(XmlNs, href),
            offset_of!(XmlNs, prefix),
            ELEMENT as usize,
            ATTRIBUTE as usize,
            TEXT as usize,
            CDATA as usize,
            COMMENT as usize,
            PARSE_RECOVER as usize,
            PARSE_NOERROR as usize,
            PARSE_NOWARNING as usize,
            PARSE_NOBLANKS as usize,
            PARSE_NONET as usize,
        ];
        let mut n = 0;
        // SAFETY: returns a static array of `n` entries.
        let theirs =
            unsafe { std::slice::from_raw_parts(crate::xml::ffi::samlcheck_xml_layout(&mut n), n) };
        assert_eq!(ours.as_slice(), theirs);
    }

    const XML: &str = r#"<r:Root xmlns:r="urn:r" xmlns:o="urn:o" ID="1" o:ID="2">
  <r:A ID="x&amp;y">one<!-- c -->two</r:A>
  <o:A/>
  <r:B><r:A>deep</r:A><r:C>a<r:D>b</r:D><![CDATA[<c>]]></r:C></r:B>
</r:Root>"#;

    fn doc() -> crate::xml::tree::Document {
        crate::xml::dom::parse(XML.as_bytes()).unwrap()
    }

    #[test]
    fn matches_namespace_and_local_name() {
        let d = doc();
        let root = El::root(&d).unwrap();
        assert!(root.is("urn:r", "Root"));
        assert!(!root.is("urn:o", "Root"));
        assert_eq!(root.children("urn:r", "A").count(), 1);
        assert_eq!(root.descendants("urn:r", "A").len(), 2);
        assert_eq!(root.subtree().len(), 7);
        // Document order, and a walk from inside stays inside its subtree.
        let names: Vec<_> = root.walk().map(|e| e.name().into_owned()).collect();
        assert_eq!(names, ["Root", "A", "A", "B", "A", "C", "D"]);
        let b = root.child("urn:r", "B").unwrap();
        let names: Vec<_> = b.walk().map(|e| e.name().into_owned()).collect();
        assert_eq!(names, ["B", "A", "C", "D"]);
        let first = root.elements().next().unwrap();
        assert_eq!(first.walk().count(), 1);
        let d = b.descendants("urn:r", "D")[0];
        assert_eq!(d.walk().count(), 1);
        assert_eq!(root.name(), "Root");
        assert_eq!(root.ns().as_deref(), Some("urn:r"));
        let b = root.child("urn:r", "B").unwrap();
        assert_eq!(b.path(), "/Root/B");
        assert_eq!(b.line(), 4);
        assert_eq!(
            b.prev_element().map(|e| e.ns().unwrap().into_owned()),
            Some("urn:o".into())
        );
        assert_eq!(b.parent().map(|p| p.identity()), Some(root.identity()));
        assert!(root.parent().is_none());
    }

    #[test]
    fn reads_attributes_and_text() {
        let d = doc();
        let root = El::root(&d).unwrap();
        assert_eq!(root.attr("ID").as_deref(), Some("1"));
        // Names compared in place: a prefix, a longer or a shorter name is another name.
        // SAFETY: the root's name is a NUL-terminated string of the live document.
        let name = unsafe { (*root.ptr).name };
        // SAFETY: as above.
        unsafe {
            assert!(is_str(name, b"Root"));
            assert!(!is_str(name, b"Roo"));
            assert!(!is_str(name, b"Roots"));
            assert!(!is_str(name, b"Root\0"));
            assert!(!is_str(name, b""));
            assert!(is_str(std::ptr::null(), b""));
            assert!(!is_str(std::ptr::null(), b"a"));
        }
        let ids: Vec<_> = root.attr_values_any_ns(&["ID"]).collect();
        assert_eq!(ids, ["1", "2"]);
        let a = root.child("urn:r", "A").unwrap();
        // An entity reference in a value: read through libxml2, not in place.
        let ids: Vec<_> = a.attr_values_any_ns(&["ID", "Other"]).collect();
        assert_eq!(ids, ["x&y"]);
        let a = root.child("urn:r", "A").unwrap();
        assert_eq!(a.attr("ID").as_deref(), Some("x&y"));
        assert_eq!(a.text(), ("onetwo".to_string(), true));
        let c = root.descendants("urn:r", "C")[0];
        // Text in several pieces (a CDATA section beside text) is split, like a comment.
        assert_eq!(c.text(), ("ab<c>".to_string(), true));
        assert_eq!(root.descendants("urn:r", "D")[0].text().0, "b");
        assert_eq!(root.attr("missing"), None);
    }
}

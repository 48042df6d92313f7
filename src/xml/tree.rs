//! The parsed libxml2 document as Rust owns it: [`Document`] frees it when the last handle goes,
//! [`Node`] is a handle on one of its elements; parsing, serialising, and the two changes
//! samlcheck makes in place (redaction's values).
//!
//! Talks to C: libxml2's parser, its per-thread error handler, serialisation and freeing
//! (ARCHITECTURE.md, "Where unsafe lives"). Node pointers are read only through [`El`].
#![allow(unsafe_code)]

use std::rc::Rc;
use std::sync::Once;

use super::el::El;
use super::ffi;

use crate::error::InputError;

/// Owns a parsed libxml2 document; frees it when the last [`Document`] or [`Node`] goes.
struct Owned(*mut ffi::XmlDoc);

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: xmlReadMemory's document, freed once, after every handle into it is gone
        // (each holds this owner).
        unsafe { ffi::xmlFreeDoc(self.0) };
    }
}

/// A parsed document. Cloning shares it.
#[derive(Clone)]
pub struct Document(Rc<Owned>);

/// A node of a parsed [`Document`], which it keeps alive.
#[derive(Clone)]
pub struct Node {
    ptr: *mut ffi::XmlNode,
    doc: Rc<Owned>,
}

impl Document {
    /// The document element.
    pub fn get_root_element(&self) -> Option<Node> {
        // SAFETY: a live document; the result is NULL or one of its nodes.
        let ptr = unsafe { ffi::xmlDocGetRootElement(self.0 .0) };
        (!ptr.is_null()).then(|| Node {
            ptr,
            doc: self.0.clone(),
        })
    }

    /// The libxml2 document, for libxml2 and libxmlsec1 calls.
    pub fn doc_ptr(&self) -> *mut ffi::XmlDoc {
        self.0 .0
    }

    /// The document serialised by libxml2 (UTF-8, with an XML declaration), as parsed and
    /// changed since: decrypted assertions in place, redacted values.
    pub fn serialize(&self) -> String {
        /// Owns a libxml2 buffer.
        struct Buffer(*mut ffi::XmlBuffer);
        impl Drop for Buffer {
            fn drop(&mut self) {
                // SAFETY: created by xmlBufferCreate, freed once.
                unsafe { ffi::xmlBufferFree(self.0) };
            }
        }
        // SAFETY: a buffer we own (through the guard).
        let buf = Buffer(unsafe { ffi::xmlBufferCreate() });
        if buf.0.is_null() {
            return String::new();
        }
        // SAFETY: the buffer and the document are live; the save context writes into the
        // buffer and is closed (flushed and freed) before the buffer is read.
        unsafe {
            let ctx = ffi::xmlSaveToBuffer(buf.0, c"UTF-8".as_ptr(), 0);
            if ctx.is_null() {
                return String::new();
            }
            let written = ffi::xmlSaveDoc(ctx, self.doc_ptr());
            if ffi::xmlSaveClose(ctx) < 0 || written < 0 {
                return String::new();
            }
            let data = ffi::xmlBufferContent(buf.0);
            let len = usize::try_from(ffi::xmlBufferLength(buf.0)).unwrap_or(0);
            if data.is_null() {
                return String::new();
            }
            super::text::lossy(std::slice::from_raw_parts(data, len)).into_owned()
        }
    }
}

impl Node {
    /// The libxml2 node, for libxml2 and libxmlsec1 calls and for [`El`].
    pub fn node_ptr(&self) -> *mut ffi::XmlNode {
        self.ptr
    }

    /// The local name.
    pub fn get_name(&self) -> String {
        El::of(self)
            .map(|e| e.name().into_owned())
            .unwrap_or_default()
    }

    /// Text content (see `dom::text`).
    pub fn get_content(&self) -> String {
        El::of(self).map(|e| e.text().0).unwrap_or_default()
    }

    /// Every element of the subtree rooted here (this one first, in document order) that
    /// `keep` accepts.
    pub fn subtree_where(&self, mut keep: impl FnMut(El) -> bool) -> Vec<Node> {
        El::of(self)
            .map(|e| {
                e.walk()
                    .filter(|e| keep(*e))
                    .map(|e| Node {
                        ptr: e.ptr(),
                        doc: self.doc.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Child elements, in document order.
    pub fn get_child_elements(&self) -> Vec<Node> {
        El::of(self)
            .map(|e| {
                e.elements()
                    .map(|c| Node {
                        ptr: c.ptr(),
                        doc: self.doc.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Replaces the text of an element without child elements with `text`, taken literally
    /// (`&` stays an ampersand). An element with child elements, or text with a NUL byte, is
    /// left as it is: replacing its content would free nodes other handles may hold.
    pub fn set_content(&self, text: &str) {
        if El::of(self).is_none_or(|e| e.has_elements()) {
            return;
        }
        let Ok(text) = std::ffi::CString::new(text) else {
            return;
        };
        // SAFETY: a live element of a live document with no child element (no handle can
        // point below it); NULL content removes its text, and xmlNodeAddContent adds `text` as
        // one text node without reading entity references (libxml2 copies it).
        unsafe {
            ffi::xmlNodeSetContent(self.ptr, std::ptr::null());
            ffi::xmlNodeAddContent(self.ptr, text.as_ptr().cast());
        }
    }

    /// Replaces every piece of text below this element (text and CDATA nodes, at any depth)
    /// that is not only whitespace with `f` of it, taken literally. No node is freed or moved.
    pub fn replace_texts(&self, mut f: impl FnMut(&str) -> String) {
        let Some(e) = El::of(self) else {
            return;
        };
        for (node, text) in e.text_nodes() {
            if text.trim().is_empty() {
                continue;
            }
            let Ok(new) = std::ffi::CString::new(f(&text)) else {
                continue;
            };
            // SAFETY: a text or CDATA node of this live document; libxml2 replaces its content
            // with a copy of `new` as it is (no entity references are read in a text node).
            unsafe { ffi::xmlNodeSetContent(node, new.as_ptr().cast()) };
        }
    }

    /// Replaces the value of every attribute named `local`, in whichever namespace it is, with
    /// `f` of its value. Values with a NUL byte are left out.
    pub fn replace_attributes(&self, local: &str, mut f: impl FnMut(&str) -> String) {
        let Some(e) = El::of(self) else {
            return;
        };
        let Ok(name) = std::ffi::CString::new(local) else {
            return;
        };
        for (ns, value) in e.attrs_named(local) {
            let Ok(new) = std::ffi::CString::new(f(&value)) else {
                continue;
            };
            // SAFETY: a live element; `ns` is NULL or the namespace of one of its attributes
            // (so in scope), and libxml2 copies both strings into that attribute.
            unsafe { ffi::xmlSetNsProp(self.ptr, ns, name.as_ptr().cast(), new.as_ptr().cast()) };
        }
    }
}

/// Swallows a libxml2 error report (libxml2 would otherwise print it on stderr).
unsafe extern "C" fn swallow(_: *mut std::ffi::c_void, _: *const std::ffi::c_void) {}

/// Routes libxml2's error reports on the calling thread (C14N and XPath errors included) away
/// from stderr: samlcheck reports problems as findings and one-line errors, never as library
/// noise. libxml2 keeps the handler per thread, so every parse sets it.
pub fn quiet() {
    // SAFETY: installs a plain function pointer that ignores its arguments.
    unsafe { ffi::xmlSetStructuredErrorFunc(std::ptr::null_mut(), Some(swallow)) };
}

/// Initialises libxml2 once, before any thread parses or libxmlsec1 starts: libxml2 2.9 sets
/// up its globals on first use without a lock.
pub fn init() {
    static INIT: Once = Once::new();
    // SAFETY: libxml2's own initialisation, run once.
    INIT.call_once(|| unsafe { ffi::xmlInitParser() });
}

/// libxml2's parse of `xml` (see `dom::parse`), with NOBLANKS when `no_blanks`.
pub fn read(xml: &[u8], no_blanks: bool) -> Result<Document, InputError> {
    init();
    quiet();
    let len = i32::try_from(xml.len())
        .map_err(|_| InputError::new("the XML is larger than libxml2 parses (2 GiB)"))?;
    // Not RECOVER; not DTDLOAD, DTDATTR or NOENT (no external subset, no default attributes,
    // no entity substitution: the guard refuses DOCTYPEs anyway).
    let mut options = ffi::PARSE_NONET | ffi::PARSE_NOERROR | ffi::PARSE_NOWARNING;
    if no_blanks {
        options |= ffi::PARSE_NOBLANKS;
    }
    // SAFETY: the buffer is live for the call and `len` long; no URL, encoding from the XML.
    let doc = unsafe {
        ffi::xmlReadMemory(
            xml.as_ptr().cast(),
            len,
            std::ptr::null(),
            std::ptr::null(),
            options,
        )
    };
    if doc.is_null() {
        return Err(InputError::new(
            "libxml2 rejected the XML (not well-formed or not namespace-well-formed)",
        ));
    }
    Ok(Document(Rc::new(Owned(doc))))
}

impl<'d> El<'d> {
    /// The document element.
    pub fn root(doc: &'d Document) -> Option<Self> {
        // SAFETY: the document element of a live document, or NULL.
        unsafe { Self::element(ffi::xmlDocGetRootElement(doc.doc_ptr())) }
    }

    /// The element a node stands for.
    pub fn of(node: &'d Node) -> Option<Self> {
        // SAFETY: a live node; its document outlives the borrow of the node.
        unsafe { Self::element(node.ptr) }
    }

    /// The line of a node, as parsed.
    pub fn line_of(node: &Node) -> usize {
        El::of(node).map_or(0, El::line)
    }

    /// The element whose attribute libxml2's ID table holds for `id` (the attributes
    /// libxmlsec1's `xmlSecAddIDs` registered), if any.
    pub fn by_id(doc: &'d Document, id: &str) -> Option<Self> {
        let id = std::ffi::CString::new(id).ok()?;
        // SAFETY: a live document; xmlGetID returns NULL or an attribute it owns.
        unsafe { Self::owner(ffi::xmlGetID(doc.doc_ptr(), id.as_ptr().cast())) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(xml: &str) -> Document {
        read(xml.as_bytes(), false).unwrap()
    }

    /// Text is set literally: an ampersand is escaped on output and reads back as itself.
    #[test]
    fn set_content_takes_text_literally_and_only_on_leaves() {
        let d = doc(r#"<r><a>old</a><b><c/>text</b></r>"#);
        let root = d.get_root_element().unwrap();
        let kids = root.get_child_elements();
        kids[0].set_content("https://sp.example/p?a=1&b=2&amp;");
        kids[1].set_content("gone?");
        let out = d.serialize();
        assert!(
            out.contains("<a>https://sp.example/p?a=1&amp;b=2&amp;amp;</a>"),
            "{out}"
        );
        assert!(out.contains("<b><c/>text</b>"), "{out}");
        let again = doc(&out);
        let a = again.get_root_element().unwrap().get_child_elements()[0].get_content();
        assert_eq!(a, "https://sp.example/p?a=1&b=2&amp;");
    }

    /// Text at any depth is replaced, whitespace kept, the elements left in place.
    #[test]
    fn replace_texts_reaches_mixed_content() {
        let d = doc(
            "<r>NESTED<x:b xmlns:x=\"urn:x\">INNER &amp; more</x:b>\n  <c><![CDATA[TAIL]]></c></r>",
        );
        let root = d.get_root_element().unwrap();
        root.replace_texts(|v| format!("[{}]", v.len()));
        let out = d.serialize();
        assert!(
            out.contains("<r>[6]<x:b xmlns:x=\"urn:x\">[12]</x:b>\n  <c><![CDATA[[4]]]></c></r>"),
            "{out}"
        );
    }

    /// Every attribute with the local name is replaced, each in its own namespace.
    #[test]
    fn replace_attributes_reaches_every_namespace() {
        let d = doc(r#"<r xmlns:x="urn:x" x:S="one" S="two" T="three"/>"#);
        let root = d.get_root_element().unwrap();
        root.replace_attributes("S", |v| format!("[{v}]"));
        let out = d.serialize();
        assert!(out.contains(r#"x:S="[one]""#), "{out}");
        assert!(out.contains(r#" S="[two]""#), "{out}");
        assert!(out.contains(r#"T="three""#), "{out}");
    }
}

//! libxml2 as samlcheck calls it: the node structures it reads in place and the functions it
//! calls, declared by hand.
//!
//! Declared, not generated: bindgen (and the libclang it needs) was the largest cost of a cold
//! build, for about twenty functions and three structures. The fields read are libxml2's public
//! ABI, unchanged across 2.x (2.12 appended a field to `xmlAttr`); what could drift between
//! releases and build options (libxmlsec1's structures, libxml2's `xmlFree`) is reached through
//! `src/shim.c`, compiled against the installed headers. A unit test (`el.rs`) compares every
//! offset below with the C compiler's.
//!
//! Only declarations: calling them is `unsafe`, and only `el.rs`, `tree.rs` and
//! `signature/xmlsec.rs` do (ARCHITECTURE.md, "Where unsafe lives").

use std::ffi::{c_char, c_int, c_long, c_uint, c_ushort, c_void};

/// libxml2's `xmlElementType` values samlcheck reads.
pub const ELEMENT: c_uint = 1;
pub const ATTRIBUTE: c_uint = 2;
pub const TEXT: c_uint = 3;
pub const CDATA: c_uint = 4;
pub const COMMENT: c_uint = 8;

/// `xmlParserOption` flags samlcheck sets.
pub const PARSE_RECOVER: c_int = 1 << 0;
pub const PARSE_NOERROR: c_int = 1 << 5;
pub const PARSE_NOWARNING: c_int = 1 << 6;
pub const PARSE_NOBLANKS: c_int = 1 << 8;
pub const PARSE_NONET: c_int = 1 << 11;

/// An opaque parsed document (`xmlDoc`): only passed back to libxml2 and libxmlsec1.
#[repr(C)]
pub struct XmlDoc {
    _opaque: [u8; 0],
}

/// Opaque serialisation objects (`xmlBuffer`, `xmlSaveCtxt`).
#[repr(C)]
pub struct XmlBuffer {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct XmlSaveCtxt {
    _opaque: [u8; 0],
}

/// `struct _xmlNode`, complete (elements, text, comments, CDATA sections).
#[repr(C)]
pub struct XmlNode {
    pub private: *mut c_void,
    pub type_: c_uint,
    pub name: *const u8,
    pub children: *mut XmlNode,
    pub last: *mut XmlNode,
    pub parent: *mut XmlNode,
    pub next: *mut XmlNode,
    pub prev: *mut XmlNode,
    pub doc: *mut XmlDoc,
    pub ns: *mut XmlNs,
    pub content: *mut u8,
    pub properties: *mut XmlAttr,
    pub ns_def: *mut XmlNs,
    pub psvi: *mut c_void,
    pub line: c_ushort,
    pub extra: c_ushort,
}

/// `struct _xmlAttr`, up to the fields samlcheck reads (libxml2 2.12 and later add fields after
/// `psvi`; Rust never allocates or copies one).
#[repr(C)]
pub struct XmlAttr {
    pub private: *mut c_void,
    pub type_: c_uint,
    pub name: *const u8,
    pub children: *mut XmlNode,
    pub last: *mut XmlNode,
    pub parent: *mut XmlNode,
    pub next: *mut XmlAttr,
    pub prev: *mut XmlAttr,
    pub doc: *mut XmlDoc,
    pub ns: *mut XmlNs,
    pub atype: c_uint,
    pub psvi: *mut c_void,
}

/// `struct _xmlNs`, complete.
#[repr(C)]
pub struct XmlNs {
    pub next: *mut XmlNs,
    pub type_: c_uint,
    pub href: *const u8,
    pub prefix: *const u8,
    pub private: *mut c_void,
    pub context: *mut XmlDoc,
}

/// libxml2's structured error handler type (the error itself is never read).
pub type ErrorHandler = unsafe extern "C" fn(*mut c_void, *const c_void);

// Linked by build.rs (pkg-config's flags for xmlsec1-openssl, or the static libraries).
extern "C" {
    pub fn xmlReadMemory(
        buffer: *const c_char,
        size: c_int,
        url: *const c_char,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut XmlDoc;
    pub fn xmlInitParser();
    pub fn xmlFreeDoc(doc: *mut XmlDoc);
    pub fn xmlDocGetRootElement(doc: *const XmlDoc) -> *mut XmlNode;
    pub fn xmlGetLineNo(node: *const XmlNode) -> c_long;
    pub fn xmlNodeGetContent(node: *const XmlNode) -> *mut u8;
    pub fn xmlGetID(doc: *mut XmlDoc, id: *const u8) -> *mut XmlAttr;
    pub fn xmlSetStructuredErrorFunc(ctx: *mut c_void, handler: Option<ErrorHandler>);
    pub fn xmlNodeSetContent(node: *mut XmlNode, content: *const u8);
    pub fn xmlNodeAddContent(node: *mut XmlNode, content: *const u8);
    pub fn xmlSetNsProp(
        node: *mut XmlNode,
        ns: *mut XmlNs,
        name: *const u8,
        value: *const u8,
    ) -> *mut XmlAttr;
    pub fn xmlBufferCreate() -> *mut XmlBuffer;
    pub fn xmlBufferFree(buf: *mut XmlBuffer);
    pub fn xmlBufferContent(buf: *const XmlBuffer) -> *const u8;
    pub fn xmlBufferLength(buf: *const XmlBuffer) -> c_int;
    pub fn xmlSaveToBuffer(
        buf: *mut XmlBuffer,
        encoding: *const c_char,
        options: c_int,
    ) -> *mut XmlSaveCtxt;
    pub fn xmlSaveDoc(ctxt: *mut XmlSaveCtxt, doc: *mut XmlDoc) -> c_long;
    pub fn xmlSaveClose(ctxt: *mut XmlSaveCtxt) -> c_int;
}

extern "C" {
    /// `xmlFree`, which libxml2 may define as a variable or as a per-thread lookup.
    pub fn samlcheck_xml_free(p: *mut c_void);
    /// The offsets `src/shim.c` computed, for the layout test.
    pub fn samlcheck_xml_layout(n: *mut usize) -> *const usize;
}

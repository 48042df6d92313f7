//! The only code that touches libxmlsec1 (through the `xmlsec` crate and its raw bindings).
//!
//! Verification uses a context with no keys manager and a preset key, so KeyInfo in the
//! message can never supply the key; same-document references only; transforms and algorithms
//! restricted to an allow-list.
//!
//! Talks to C: libxmlsec1's contexts, keys and error callback (ARCHITECTURE.md, "Where unsafe
//! lives"). Every libxmlsec1 object created here is owned by a guard that destroys it on every
//! path out; the `extern` block below declares the few functions the `xmlsec` crate's bindings
//! do not expose (the error callback, encryption contexts, adopting an OpenSSL key).
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::Once;

use libxml::tree::{Document, Node};
use xmlsec::bindings as xs;
use xmlsec::{XmlSecKey, XmlSecKeyFormat, XmlSecSignatureContext};

type ErrCallback = unsafe extern "C" fn(
    *const c_char,
    c_int,
    *const c_char,
    *const c_char,
    *const c_char,
    c_int,
    *const c_char,
);

// Declared by hand: the `xmlsec` crate's generated bindings leave these out (the error callback
// setter, the XML Encryption context, and adopting an OpenSSL EVP_PKEY as key data).
extern "C" {
    fn xmlSecErrorsSetCallback(cb: Option<ErrCallback>);
    fn xmlSecEncCtxCreate(keys_mngr: xs::xmlSecKeysMngrPtr) -> *mut c_void;
    fn xmlSecEncCtxDestroy(ctx: *mut c_void);
    fn xmlSecEncCtxDecrypt(ctx: *mut c_void, node: xs::xmlNodePtr) -> c_int;
    fn xmlSecOpenSSLEvpKeyAdopt(pkey: *mut c_void) -> *mut c_void;
}

thread_local! {
    static ERRORS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn collect(
    _file: *const c_char,
    _line: c_int,
    func: *const c_char,
    _object: *const c_char,
    subject: *const c_char,
    reason: c_int,
    msg: *const c_char,
) {
    let s = |p: *const c_char| {
        if p.is_null() {
            String::new()
        } else {
            // SAFETY: libxmlsec1 passes NULL or NUL-terminated strings valid for the call.
            unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
        }
    };
    let text = format!(
        "{}: {} (reason {reason}{})",
        s(func),
        s(msg),
        if subject.is_null() {
            String::new()
        } else {
            format!(", {}", s(subject))
        }
    );
    ERRORS.with(|e| e.borrow_mut().push(text));
}

fn take_errors() -> Vec<String> {
    ERRORS.with(|e| std::mem::take(&mut *e.borrow_mut()))
}

/// Initialises libxmlsec1 once and routes its error messages into this module (never stderr).
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        drop(XmlSecSignatureContext::new());
        // SAFETY: registers a plain function pointer; called once.
        unsafe { xmlSecErrorsSetCallback(Some(collect)) };
    });
}

/// The libxmlsec1 version this binary runs against, e.g. "1.2.37".
pub fn version() -> String {
    // SAFETY: the version string is a static NUL-terminated constant of the library.
    let v = unsafe { CStr::from_ptr(xs::XMLSEC_VERSION.as_ptr() as *const c_char) };
    v.to_string_lossy().into_owned()
}

/// Registers every `ID` attribute as an XML ID so `#ID` references resolve (SAML has no DTD).
pub fn register_ids(doc: &Document) {
    register_id_attr(doc, "ID");
}

/// Registers every attribute named `name` as an XML ID (`Id` for XML Encryption's EncryptedKey).
pub fn register_id_attr(doc: &Document, name: &str) {
    init();
    let Some(root) = doc.get_root_element() else {
        return;
    };
    let id = CString::new(name).unwrap_or_default();
    let mut ids: [*const u8; 2] = [id.as_ptr() as *const u8, std::ptr::null()];
    // SAFETY: doc and root are live; the ids array is NULL-terminated and outlives the call.
    unsafe {
        xs::xmlSecAddIDs(
            doc.doc_ptr() as xs::xmlDocPtr,
            root.node_ptr() as xs::xmlNodePtr,
            ids.as_mut_ptr(),
        )
    };
    take_errors();
}

/// Which element libxml2's ID table (as registered for libxmlsec1) resolves `id` to.
pub fn resolve_id(doc: &Document, id: &str) -> Option<crate::xml::model::NodeId> {
    let cid = CString::new(id).ok()?;
    // SAFETY: doc is live; xmlGetID returns an attribute owned by the document or NULL.
    unsafe {
        let attr = libxml::bindings::xmlGetID(doc.doc_ptr(), cid.as_ptr() as *const u8);
        if attr.is_null() || (*attr).parent.is_null() {
            return None;
        }
        Some(crate::xml::model::NodeId((*attr).parent as usize))
    }
}

/// SignatureMethod algorithms the verification context enables (libxmlsec1 1.2, OpenSSL).
pub const SIGNATURE_ALGORITHMS: [&str; 11] = [
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
    "http://www.w3.org/2000/09/xmldsig#dsa-sha1",
];

/// DigestMethod algorithms the verification context enables.
pub const DIGEST_ALGORITHMS: [&str; 5] = [
    "http://www.w3.org/2000/09/xmldsig#sha1",
    "http://www.w3.org/2001/04/xmldsig-more#sha224",
    "http://www.w3.org/2001/04/xmlenc#sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512",
];

thread_local! {
    /// Keys already loaded on this thread, by certificate SHA-256: a batch verifies thousands of
    /// messages under the same few keys, and OpenSSL's PEM decoding costs more than the
    /// signature check itself. A hit is a duplicate (a reference to the same EVP_PKEY).
    static KEYS: RefCell<HashMap<String, XmlSecKey>> = RefCell::new(HashMap::new());
}

/// Most keys kept per thread (a run trusts a handful; an attacker-controlled embedded
/// certificate per message must not grow the cache without bound).
const KEY_CACHE: usize = 32;

/// `cert` as a libxmlsec1 key, from the per-thread cache when it was loaded before.
fn load_key(cert: &crate::trust::cert::CertInfo) -> Result<XmlSecKey, String> {
    if let Some(k) = KEYS.with(|c| c.borrow().get(&cert.sha256).cloned()) {
        return Ok(k);
    }
    // Only the public key is loaded: validity is judged by samlcheck at the judged time, and a
    // key without X.509 data duplicates by reference (a certificate would be copied per use).
    // It goes to libxmlsec1 as the OpenSSL key itself, built from its numbers: no PEM written
    // and read back (OpenSSL's encoder and decoder set-up was a third of a one-message run).
    let spki = if cert.form.has_validity() {
        x509_parser::parse_x509_certificate(&cert.der)
            .map(|(_, c)| c.tbs_certificate.subject_pki.raw.to_vec())
            .map_err(|e| format!("cannot read the certificate's public key: {e}"))?
    } else {
        cert.der.clone()
    };
    let key = adopt(super::pubkey::from_spki(&spki)?)?;
    KEYS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= KEY_CACHE {
            c.clear();
        }
        c.insert(cert.sha256.clone(), key.clone());
    });
    Ok(key)
}

/// Owns a libxmlsec1 key data object until it is handed to a key.
struct KeyData(*mut c_void);

impl Drop for KeyData {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: created by xmlSecOpenSSLEvpKeyAdopt and not handed over (see `adopt`).
            unsafe { xs::xmlSecKeyDataDestroy(self.0.cast()) };
        }
    }
}

/// Owns a libxmlsec1 key until it is wrapped in an [`XmlSecKey`].
struct RawKey(xs::xmlSecKeyPtr);

impl Drop for RawKey {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: created by xmlSecKeyCreate and not handed over (see `adopt`).
            unsafe { xs::xmlSecKeyDestroy(self.0) };
        }
    }
}

/// A libxmlsec1 key holding `pkey` (RSA, EC or DSA), which it now owns.
fn adopt(pkey: openssl::pkey::PKey<openssl::pkey::Public>) -> Result<XmlSecKey, String> {
    let refused = || "libxmlsec1 cannot use this public key type".to_string();
    // SAFETY: on success xmlSecOpenSSLEvpKeyAdopt takes over our reference to the EVP_PKEY
    // (so `pkey` is forgotten, not freed); on failure it leaves it to us.
    let data = KeyData(unsafe {
        xmlSecOpenSSLEvpKeyAdopt(foreign_types_shared::ForeignType::as_ptr(&pkey).cast())
    });
    if data.0.is_null() {
        return Err(refused());
    }
    std::mem::forget(pkey);
    // SAFETY: creates an empty key we own (through the guard).
    let mut key = RawKey(unsafe { xs::xmlSecKeyCreate() });
    if key.0.is_null() {
        return Err(refused());
    }
    // SAFETY: both are live and ours; on success the key owns the data from now on.
    if unsafe { xs::xmlSecKeySetValue(key.0, data.0.cast()) } < 0 {
        return Err(refused());
    }
    std::mem::forget(data);
    let raw = std::mem::replace(&mut key.0, std::ptr::null_mut());
    // SAFETY: a complete key we own, handed to XmlSecKey, which destroys it.
    Ok(unsafe { XmlSecKey::from_ptr(raw) })
}

/// The cryptographic outcome for one signature under one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Valid,
    /// The Reference digest does not match: the content changed.
    DigestMismatch,
    /// The digest matches but the SignatureValue does not verify under this key.
    SignatureMismatch,
    /// libxmlsec1 could not process it (unsupported algorithm, key type mismatch, malformed).
    Error(String),
}

/// Verifies the `ds:Signature` node `sig` with `key` (a certificate or bare public key) as the
/// only key.
pub fn verify(sig: &Node, key: &crate::trust::cert::CertInfo) -> Verification {
    verify_signed(sig, key).0
}

/// [`verify`], and when the signature is valid, the pre-digest buffer of its one Reference:
/// the canonical bytes of the referenced element that libxmlsec1 hashed (after the enveloped
/// transform and canonicalisation) — exactly what the signature vouches for.
pub fn verify_signed(
    sig: &Node,
    key: &crate::trust::cert::CertInfo,
) -> (Verification, Option<Vec<u8>>) {
    init();
    take_errors();
    let key = match load_key(key) {
        Ok(k) => k,
        Err(e) => return (Verification::Error(e), None),
    };
    let mut ctx = XmlSecSignatureContext::new();
    ctx.insert_key(key);
    // SAFETY: ctx is live for the whole block; the klass getters return static descriptors.
    unsafe {
        let raw = ctx.as_ptr();
        (*raw).flags |= xs::XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES;
        (*raw).enabledReferenceUris =
            xs::xmlSecTransformUriTypeEmpty | xs::xmlSecTransformUriTypeSameDocument;
        for t in [
            xs::xmlSecTransformEnvelopedGetKlass(),
            xs::xmlSecTransformExclC14NGetKlass(),
            xs::xmlSecTransformExclC14NWithCommentsGetKlass(),
            xs::xmlSecTransformInclC14NGetKlass(),
            xs::xmlSecTransformInclC14NWithCommentsGetKlass(),
            xs::xmlSecTransformInclC14N11GetKlass(),
            xs::xmlSecOpenSSLTransformSha1GetKlass(),
            xs::xmlSecOpenSSLTransformSha224GetKlass(),
            xs::xmlSecOpenSSLTransformSha256GetKlass(),
            xs::xmlSecOpenSSLTransformSha384GetKlass(),
            xs::xmlSecOpenSSLTransformSha512GetKlass(),
        ] {
            xs::xmlSecDSigCtxEnableReferenceTransform(raw, t);
        }
        for t in [
            xs::xmlSecTransformExclC14NGetKlass(),
            xs::xmlSecTransformExclC14NWithCommentsGetKlass(),
            xs::xmlSecTransformInclC14NGetKlass(),
            xs::xmlSecTransformInclC14NWithCommentsGetKlass(),
            xs::xmlSecTransformInclC14N11GetKlass(),
            xs::xmlSecOpenSSLTransformRsaSha1GetKlass(),
            xs::xmlSecOpenSSLTransformRsaSha224GetKlass(),
            xs::xmlSecOpenSSLTransformRsaSha256GetKlass(),
            xs::xmlSecOpenSSLTransformRsaSha384GetKlass(),
            xs::xmlSecOpenSSLTransformRsaSha512GetKlass(),
            xs::xmlSecOpenSSLTransformEcdsaSha1GetKlass(),
            xs::xmlSecOpenSSLTransformEcdsaSha224GetKlass(),
            xs::xmlSecOpenSSLTransformEcdsaSha256GetKlass(),
            xs::xmlSecOpenSSLTransformEcdsaSha384GetKlass(),
            xs::xmlSecOpenSSLTransformEcdsaSha512GetKlass(),
            xs::xmlSecOpenSSLTransformDsaSha1GetKlass(),
        ] {
            xs::xmlSecDSigCtxEnableSignatureTransform(raw, t);
        }
    }
    let result = ctx.verify_node(sig);
    let errors = take_errors();
    // SAFETY: the reference list is owned by the live context.
    let digest_failed = unsafe {
        let raw = ctx.as_ptr();
        let list = &mut (*raw).signedInfoReferences as *mut xs::xmlSecPtrList;
        let n = xs::xmlSecPtrListGetSize(list);
        (0..n).any(|i| {
            let r = xs::xmlSecPtrListGetItem(list, i) as xs::xmlSecDSigReferenceCtxPtr;
            !r.is_null() && (*r).status == xs::xmlSecDSigStatus_xmlSecDSigStatusInvalid
        })
    };
    match result {
        Ok(true) => (Verification::Valid, pre_digest(&ctx)),
        Ok(false) if digest_failed => (Verification::DigestMismatch, None),
        Ok(false) => (Verification::SignatureMismatch, None),
        Err(e) => {
            let detail = errors.last().cloned().unwrap_or_else(|| e.to_string());
            (Verification::Error(detail), None)
        }
    }
}

/// The pre-digest buffer of the context's only SignedInfo Reference (stored because the
/// context sets `XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES`).
fn pre_digest(ctx: &XmlSecSignatureContext) -> Option<Vec<u8>> {
    // SAFETY: the reference list and its buffers are owned by the live context; the bytes are
    // copied out before it is dropped.
    unsafe {
        let raw = ctx.as_ptr();
        let list = &mut (*raw).signedInfoReferences as *mut xs::xmlSecPtrList;
        if xs::xmlSecPtrListGetSize(list) != 1 {
            return None;
        }
        let r = xs::xmlSecPtrListGetItem(list, 0) as xs::xmlSecDSigReferenceCtxPtr;
        if r.is_null() {
            return None;
        }
        let buf = xs::xmlSecDSigReferenceCtxGetPreDigestBuffer(r);
        if buf.is_null() || (*buf).data.is_null() {
            return None;
        }
        Some(std::slice::from_raw_parts((*buf).data, (*buf).size as usize).to_vec())
    }
}

/// Owns a libxmlsec1 keys manager.
struct KeysMngr(xs::xmlSecKeysMngrPtr);

impl Drop for KeysMngr {
    fn drop(&mut self) {
        // SAFETY: created by xmlSecKeysMngrCreate, destroyed once, after every context using it.
        unsafe { xs::xmlSecKeysMngrDestroy(self.0) };
    }
}

/// Owns a libxmlsec1 encryption context.
struct EncCtx(*mut c_void);

impl Drop for EncCtx {
    fn drop(&mut self) {
        // SAFETY: created by xmlSecEncCtxCreate, destroyed once.
        unsafe { xmlSecEncCtxDestroy(self.0) };
    }
}

/// Decrypts the `xenc:EncryptedData` node in place with the SP's private key (PEM).
/// On success the node is replaced by the plaintext element.
pub fn decrypt(encrypted_data: &Node, key_pem: &[u8]) -> Result<(), String> {
    init();
    take_errors();
    let key = XmlSecKey::from_memory(key_pem, XmlSecKeyFormat::Pem, None)
        .map_err(|e| format!("cannot load --sp-key as a private key: {e}"))?;
    // SAFETY: creates a keys manager we own (through the guard).
    let raw = unsafe { xs::xmlSecKeysMngrCreate() };
    if raw.is_null() {
        return Err("cannot create a keys manager".into());
    }
    let mngr = KeysMngr(raw);
    // SAFETY: the manager is live; it adopts the leaked key, and its guard destroys both.
    let ready = unsafe {
        xs::xmlSecOpenSSLAppDefaultKeysMngrInit(mngr.0) >= 0
            && xs::xmlSecOpenSSLAppDefaultKeysMngrAdoptKey(mngr.0, XmlSecKey::leak(key)) >= 0
    };
    if !ready {
        return Err("cannot set up the keys manager".into());
    }
    // SAFETY: the context uses the live manager; its guard is dropped before the manager's
    // (declared after it).
    let raw = unsafe { xmlSecEncCtxCreate(mngr.0) };
    if raw.is_null() {
        return Err("cannot create a decryption context".into());
    }
    let ctx = EncCtx(raw);
    // SAFETY: the context is live and the node belongs to a live document; libxmlsec1 replaces
    // it in place with the plaintext.
    let rc = unsafe { xmlSecEncCtxDecrypt(ctx.0, encrypted_data.node_ptr() as xs::xmlNodePtr) };
    drop(ctx);
    drop(mngr);
    let errors = take_errors();
    if rc < 0 {
        return Err(format!("libxmlsec1: {}", decryption_cause(&errors)));
    }
    Ok(())
}

/// The libxmlsec1 error that names why decryption failed. Certificate-chain complaints about a
/// KeyInfo certificate are noise here (the SP key is given directly), so they are passed over.
fn decryption_cause(errors: &[String]) -> String {
    errors
        .iter()
        .find(|e| !e.contains("X509StoreVerify") && !e.contains("X509_verify_cert"))
        .or(errors.first())
        .map(|e| e.trim().to_string())
        .unwrap_or_else(|| "no reason given".into())
}

//! The only code that touches libxmlsec1.
//!
//! Verification uses a context with no keys manager and a preset key, so KeyInfo in the
//! message can never supply the key; same-document references only; transforms and algorithms
//! restricted to an allow-list.
//!
//! Talks to C: libxmlsec1's contexts, keys and error callback (ARCHITECTURE.md, "Where unsafe
//! lives"). Every libxmlsec1 object created here is owned by a guard that destroys it on every
//! path out. The functions are declared by hand below (no bindgen, no libclang in the build);
//! what depends on libxmlsec1's structure layouts or macros goes through `src/shim.c`, compiled
//! against the installed headers, so no structure of libxmlsec1's is declared in Rust.
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::sync::Once;

use crate::xml::dom::{Document, Node};
use crate::xml::ffi::{XmlDoc, XmlNode};

type ErrCallback = unsafe extern "C" fn(
    *const c_char,
    c_int,
    *const c_char,
    *const c_char,
    *const c_char,
    c_int,
    *const c_char,
);

/// libxmlsec1's opaque objects, only ever handled by pointer (`TransformKlass` is a transform's
/// class descriptor, `xmlSecTransformId`, static in the library).
macro_rules! opaque {
    ($($name:ident),*) => {$(
        #[repr(C)]
        struct $name {
            _opaque: [u8; 0],
        }
    )*};
}
opaque!(
    SecKey,
    SecKeyData,
    DSigCtx,
    EncCtxRaw,
    KeysMngrRaw,
    TransformKlass
);
type TransformId = *const TransformKlass;

// Linked by build.rs (pkg-config's flags for xmlsec1-openssl, or the static libraries).
extern "C" {
    fn xmlSecErrorsSetCallback(cb: Option<ErrCallback>);
    fn xmlSecAddIDs(doc: *mut XmlDoc, cur: *mut XmlNode, ids: *mut *const u8);

    fn xmlSecKeyCreate() -> *mut SecKey;
    fn xmlSecKeySetValue(key: *mut SecKey, value: *mut SecKeyData) -> c_int;
    fn xmlSecKeyDuplicate(key: *mut SecKey) -> *mut SecKey;
    fn xmlSecKeyDestroy(key: *mut SecKey);
    fn xmlSecKeyDataDestroy(data: *mut SecKeyData);
    fn xmlSecOpenSSLEvpKeyAdopt(pkey: *mut c_void) -> *mut SecKeyData;

    fn xmlSecDSigCtxCreate(keys_mngr: *mut KeysMngrRaw) -> *mut DSigCtx;
    fn xmlSecDSigCtxDestroy(ctx: *mut DSigCtx);
    fn xmlSecDSigCtxVerify(ctx: *mut DSigCtx, node: *mut XmlNode) -> c_int;
    fn xmlSecDSigCtxEnableReferenceTransform(ctx: *mut DSigCtx, id: TransformId) -> c_int;
    fn xmlSecDSigCtxEnableSignatureTransform(ctx: *mut DSigCtx, id: TransformId) -> c_int;

    fn xmlSecTransformEnvelopedGetKlass() -> TransformId;
    fn xmlSecTransformExclC14NGetKlass() -> TransformId;
    fn xmlSecTransformExclC14NWithCommentsGetKlass() -> TransformId;
    fn xmlSecTransformInclC14NGetKlass() -> TransformId;
    fn xmlSecTransformInclC14NWithCommentsGetKlass() -> TransformId;
    fn xmlSecTransformInclC14N11GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformSha1GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformSha224GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformSha256GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformSha384GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformSha512GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformRsaSha1GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformRsaSha224GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformRsaSha256GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformRsaSha384GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformRsaSha512GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformEcdsaSha1GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformEcdsaSha224GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformEcdsaSha256GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformEcdsaSha384GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformEcdsaSha512GetKlass() -> TransformId;
    fn xmlSecOpenSSLTransformDsaSha1GetKlass() -> TransformId;

    fn xmlSecKeysMngrCreate() -> *mut KeysMngrRaw;
    fn xmlSecKeysMngrDestroy(mngr: *mut KeysMngrRaw);
    fn xmlSecOpenSSLAppDefaultKeysMngrInit(mngr: *mut KeysMngrRaw) -> c_int;
    fn xmlSecOpenSSLAppDefaultKeysMngrAdoptKey(mngr: *mut KeysMngrRaw, key: *mut SecKey) -> c_int;
    fn xmlSecEncCtxCreate(keys_mngr: *mut KeysMngrRaw) -> *mut EncCtxRaw;
    fn xmlSecEncCtxDestroy(ctx: *mut EncCtxRaw);
    fn xmlSecEncCtxDecrypt(ctx: *mut EncCtxRaw, node: *mut XmlNode) -> c_int;

    // src/shim.c
    fn samlcheck_xmlsec_init() -> c_int;
    fn samlcheck_xmlsec_version() -> *const c_char;
    fn samlcheck_key_load_pem(data: *const u8, len: usize) -> *mut SecKey;
    fn samlcheck_dsig_prepare(ctx: *mut DSigCtx, key: *mut SecKey) -> c_int;
    fn samlcheck_dsig_status(ctx: *mut DSigCtx) -> c_int;
    fn samlcheck_dsig_reference_count(ctx: *mut DSigCtx) -> usize;
    fn samlcheck_dsig_reference_invalid(ctx: *mut DSigCtx, i: usize) -> c_int;
    fn samlcheck_dsig_reference_predigest(
        ctx: *mut DSigCtx,
        i: usize,
        len: *mut usize,
    ) -> *const u8;
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
        crate::xml::tree::init();
        // SAFETY: libxmlsec1's initialisation (libxml2's is done above), run once before any call
        // into libxmlsec1 (every entry point here calls `init` first).
        let rc = unsafe { samlcheck_xmlsec_init() };
        // Without libxmlsec1 nothing can be verified, and a half-initialised library must not
        // be called: stop, naming the step (a broken installation, not an input problem).
        assert!(
            rc == 0,
            "libxmlsec1 failed to initialise ({})",
            match rc {
                1 => "the installed library is not ABI-compatible with the headers samlcheck was built against",
                2 => "xmlSecInit",
                3 => "its OpenSSL application layer",
                _ => "its OpenSSL back end",
            }
        );
        // SAFETY: registers a plain function pointer; called once.
        unsafe { xmlSecErrorsSetCallback(Some(collect)) };
    });
}

/// The libxmlsec1 version this binary was built against, e.g. "1.2.37" (the running library
/// passed the ABI check against it at start-up).
pub fn version() -> String {
    // SAFETY: the version string is a static NUL-terminated constant.
    let v = unsafe { CStr::from_ptr(samlcheck_xmlsec_version()) };
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
    unsafe { xmlSecAddIDs(doc.doc_ptr(), root.node_ptr(), ids.as_mut_ptr()) };
    take_errors();
}

/// Which element libxml2's ID table (as registered for libxmlsec1) resolves `id` to.
pub fn resolve_id(doc: &Document, id: &str) -> Option<crate::xml::model::NodeId> {
    crate::xml::el::El::by_id(doc, id).map(|e| crate::xml::model::NodeId(e.identity()))
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
    static KEYS: RefCell<HashMap<String, Key>> = RefCell::new(HashMap::new());
}

/// Most keys kept per thread (a run trusts a handful; an attacker-controlled embedded
/// certificate per message must not grow the cache without bound).
const KEY_CACHE: usize = 32;

/// `cert` as a libxmlsec1 key, from the per-thread cache when it was loaded before.
fn load_key(cert: &crate::trust::cert::CertInfo) -> Result<Key, String> {
    if let Some(k) = KEYS.with(|c| c.borrow().get(&cert.sha256).map(Key::duplicate)) {
        return k;
    }
    // Only the public key is loaded: validity is judged by samlcheck at the judged time, and a
    // key without X.509 data duplicates by reference (a certificate would be copied per use).
    // It goes to libxmlsec1 as the OpenSSL key itself: no PEM written and read back (OpenSSL's
    // encoder and decoder set-up was a third of a one-message run).
    let spki = cert
        .spki()
        .ok_or("cannot read the certificate's public key")?;
    let pkey = super::pubkey::from_spki(spki)?;
    let key = adopt(pkey)?;
    let copy = key.duplicate()?;
    KEYS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= KEY_CACHE {
            c.clear();
        }
        c.insert(cert.sha256.clone(), key);
    });
    Ok(copy)
}

/// Owns a libxmlsec1 key: destroyed when dropped, unless handed over with [`Key::into_raw`].
struct Key(*mut SecKey);

impl Key {
    /// Another key with the same value (libxmlsec1 copies the key data by reference: the
    /// EVP_PKEY's reference count).
    fn duplicate(&self) -> Result<Key, String> {
        // SAFETY: a live key of ours; the copy is new and ours (through the guard).
        let copy = Key(unsafe { xmlSecKeyDuplicate(self.0) });
        if copy.0.is_null() {
            return Err("libxmlsec1 could not copy the key".into());
        }
        Ok(copy)
    }

    /// The key, for a receiver that destroys it from now on.
    fn into_raw(self) -> *mut SecKey {
        let raw = self.0;
        std::mem::forget(self);
        raw
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: created by libxmlsec1 and not handed over (see `into_raw`).
            unsafe { xmlSecKeyDestroy(self.0) };
        }
    }
}

/// Owns a libxmlsec1 key data object until it is handed to a key.
struct KeyData(*mut SecKeyData);

impl Drop for KeyData {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: created by xmlSecOpenSSLEvpKeyAdopt and not handed over (see `adopt`).
            unsafe { xmlSecKeyDataDestroy(self.0) };
        }
    }
}

/// A libxmlsec1 key holding `pkey` (RSA, EC or DSA), which it now owns.
fn adopt(pkey: crate::ossl::PublicKey) -> Result<Key, String> {
    let refused = || "libxmlsec1 cannot use this public key type".to_string();
    let raw = pkey.into_raw();
    // SAFETY: on success xmlSecOpenSSLEvpKeyAdopt takes over our reference to the EVP_PKEY;
    // on failure it leaves it to us, and it is freed through a `PublicKey` again.
    let data = KeyData(unsafe { xmlSecOpenSSLEvpKeyAdopt(raw) });
    if data.0.is_null() {
        // SAFETY: `raw` came from `into_raw` and was not taken over.
        drop(unsafe { crate::ossl::PublicKey::from_raw(raw) });
        return Err(refused());
    }
    // SAFETY: creates an empty key we own (through the guard).
    let key = Key(unsafe { xmlSecKeyCreate() });
    if key.0.is_null() {
        return Err(refused());
    }
    // SAFETY: both are live and ours; on success the key owns the data from now on.
    if unsafe { xmlSecKeySetValue(key.0, data.0) } < 0 {
        return Err(refused());
    }
    std::mem::forget(data);
    Ok(key)
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
    // SAFETY: a context without a keys manager, ours through the guard.
    let ctx = SigCtx(unsafe { xmlSecDSigCtxCreate(std::ptr::null_mut()) });
    if ctx.0.is_null() {
        return (
            Verification::Error("libxmlsec1 could not create a signature context".into()),
            None,
        );
    }
    // SAFETY: a live context without a key; on success it owns the key (see src/shim.c).
    if unsafe { samlcheck_dsig_prepare(ctx.0, key.0) } != 0 {
        return (
            Verification::Error("libxmlsec1 could not take the key".into()),
            None,
        );
    }
    key.into_raw();
    // SAFETY: ctx is live; the klass getters return static descriptors.
    let enabled = unsafe {
        [
            xmlSecTransformEnvelopedGetKlass(),
            xmlSecTransformExclC14NGetKlass(),
            xmlSecTransformExclC14NWithCommentsGetKlass(),
            xmlSecTransformInclC14NGetKlass(),
            xmlSecTransformInclC14NWithCommentsGetKlass(),
            xmlSecTransformInclC14N11GetKlass(),
            xmlSecOpenSSLTransformSha1GetKlass(),
            xmlSecOpenSSLTransformSha224GetKlass(),
            xmlSecOpenSSLTransformSha256GetKlass(),
            xmlSecOpenSSLTransformSha384GetKlass(),
            xmlSecOpenSSLTransformSha512GetKlass(),
        ]
        .into_iter()
        .all(|t| xmlSecDSigCtxEnableReferenceTransform(ctx.0, t) >= 0)
            && [
                xmlSecTransformExclC14NGetKlass(),
                xmlSecTransformExclC14NWithCommentsGetKlass(),
                xmlSecTransformInclC14NGetKlass(),
                xmlSecTransformInclC14NWithCommentsGetKlass(),
                xmlSecTransformInclC14N11GetKlass(),
                xmlSecOpenSSLTransformRsaSha1GetKlass(),
                xmlSecOpenSSLTransformRsaSha224GetKlass(),
                xmlSecOpenSSLTransformRsaSha256GetKlass(),
                xmlSecOpenSSLTransformRsaSha384GetKlass(),
                xmlSecOpenSSLTransformRsaSha512GetKlass(),
                xmlSecOpenSSLTransformEcdsaSha1GetKlass(),
                xmlSecOpenSSLTransformEcdsaSha224GetKlass(),
                xmlSecOpenSSLTransformEcdsaSha256GetKlass(),
                xmlSecOpenSSLTransformEcdsaSha384GetKlass(),
                xmlSecOpenSSLTransformEcdsaSha512GetKlass(),
                xmlSecOpenSSLTransformDsaSha1GetKlass(),
            ]
            .into_iter()
            .all(|t| xmlSecDSigCtxEnableSignatureTransform(ctx.0, t) >= 0)
    };
    if !enabled {
        return (
            Verification::Error("libxmlsec1 could not restrict the transforms".into()),
            None,
        );
    }
    // SAFETY: the context is live and the node belongs to a live document.
    let rc = unsafe { xmlSecDSigCtxVerify(ctx.0, sig.node_ptr()) };
    let errors = take_errors();
    // SAFETY: the reference list is owned by the live context.
    let digest_failed = unsafe {
        (0..samlcheck_dsig_reference_count(ctx.0))
            .any(|i| samlcheck_dsig_reference_invalid(ctx.0, i) == 1)
    };
    if rc < 0 {
        let detail = errors
            .last()
            .cloned()
            .unwrap_or_else(|| "Verification process failed".into());
        return (Verification::Error(detail), None);
    }
    // SAFETY: a live context after verification.
    match unsafe { samlcheck_dsig_status(ctx.0) } {
        1 => (Verification::Valid, pre_digest(&ctx)),
        _ if digest_failed => (Verification::DigestMismatch, None),
        _ => (Verification::SignatureMismatch, None),
    }
}

/// Owns a libxmlsec1 signature context (and, once given, its key).
struct SigCtx(*mut DSigCtx);

impl Drop for SigCtx {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: created by xmlSecDSigCtxCreate, destroyed once (with its key).
            unsafe { xmlSecDSigCtxDestroy(self.0) };
        }
    }
}

/// The pre-digest buffer of the context's only SignedInfo Reference (stored because the
/// context keeps its references, `XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES`).
fn pre_digest(ctx: &SigCtx) -> Option<Vec<u8>> {
    // SAFETY: the reference list and its buffers are owned by the live context; the bytes are
    // copied out before it is dropped.
    unsafe {
        if samlcheck_dsig_reference_count(ctx.0) != 1 {
            return None;
        }
        let mut len = 0usize;
        let data = samlcheck_dsig_reference_predigest(ctx.0, 0, &mut len);
        (!data.is_null()).then(|| std::slice::from_raw_parts(data, len).to_vec())
    }
}

/// Owns a libxmlsec1 keys manager.
struct KeysMngr(*mut KeysMngrRaw);

impl Drop for KeysMngr {
    fn drop(&mut self) {
        // SAFETY: created by xmlSecKeysMngrCreate, destroyed once, after every context using it.
        unsafe { xmlSecKeysMngrDestroy(self.0) };
    }
}

/// Owns a libxmlsec1 encryption context.
struct EncCtx(*mut EncCtxRaw);

impl Drop for EncCtx {
    fn drop(&mut self) {
        // SAFETY: created by xmlSecEncCtxCreate, destroyed once.
        unsafe { xmlSecEncCtxDestroy(self.0) };
    }
}

/// Decrypts the `xenc:EncryptedData` node in place with the SP's private key (PEM).
/// On success the node is replaced by the plaintext element and libxmlsec1 frees its subtree:
/// the handle is consumed, and any other handle into that subtree (its KeyInfo, say) must be
/// dropped unread.
pub fn decrypt(encrypted_data: Node, key_pem: &[u8]) -> Result<(), String> {
    init();
    take_errors();
    // SAFETY: reads `key_pem` during the call; the key returned is ours (through the guard).
    let key = Key(unsafe { samlcheck_key_load_pem(key_pem.as_ptr(), key_pem.len()) });
    if key.0.is_null() {
        return Err("cannot load --sp-key as a private key: Failed to load key".into());
    }
    // SAFETY: creates a keys manager we own (through the guard).
    let raw = unsafe { xmlSecKeysMngrCreate() };
    if raw.is_null() {
        return Err("cannot create a keys manager".into());
    }
    let mngr = KeysMngr(raw);
    // SAFETY: the manager is live; it adopts the leaked key, and its guard destroys both.
    let ready = unsafe {
        xmlSecOpenSSLAppDefaultKeysMngrInit(mngr.0) >= 0
            && xmlSecOpenSSLAppDefaultKeysMngrAdoptKey(mngr.0, key.0) >= 0
    };
    if !ready {
        return Err("cannot set up the keys manager".into());
    }
    key.into_raw();
    // SAFETY: the context uses the live manager; its guard is dropped before the manager's
    // (declared after it).
    let raw = unsafe { xmlSecEncCtxCreate(mngr.0) };
    if raw.is_null() {
        return Err("cannot create a decryption context".into());
    }
    let ctx = EncCtx(raw);
    // SAFETY: the context is live and the node belongs to a live document; libxmlsec1 replaces
    // it in place with the plaintext.
    let rc = unsafe { xmlSecEncCtxDecrypt(ctx.0, encrypted_data.node_ptr()) };
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

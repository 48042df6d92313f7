//! OpenSSL's libcrypto, declared by hand (as `xml/ffi.rs` declares libxml2): public keys from
//! DER, private keys from PEM, X.509 names, SHA-1 and SHA-256, and the detached signature of the
//! HTTP-Redirect binding. [`tls`] reaches libssl, which the process loads only when it fetches
//! metadata over https.
//!
//! Why not the `openssl` crate: each of its constructors first runs `OPENSSL_init_ssl`, which
//! made libssl a load-time dependency of the binary. Mapping and relocating libssl and loading
//! its error strings cost every run 0.34 ms, 6% of a one-message `verify` (README
//! "Performance"), for a library that only a metadata download uses.
//!
//! Talks to C (ARCHITECTURE.md, "Where unsafe lives"). Every object made here is owned by a
//! guard that frees it; every failure drains the thread's OpenSSL error queue (into the message
//! when there is one), so no stale error reaches libxmlsec1's reports. What depends on a header
//! (a key's type and size, key equality, `OPENSSL_free`) goes through `src/shim.c`.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_long, c_uchar, c_ulong, c_void, CStr};

macro_rules! opaque {
    ($($name:ident),*) => {
        $(
            /// An OpenSSL object, only ever behind a pointer.
            #[repr(C)]
            pub(crate) struct $name {
                _private: [u8; 0],
            }
        )*
    };
}
opaque!(
    EvpPkey,
    Rsa,
    X509Name,
    X509NameEntry,
    Asn1Object,
    Asn1String,
    EvpMd,
    EvpMdCtx,
    EcdsaSig,
    BigNum,
    Bio
);

pub mod tls;

extern "C" {
    fn d2i_PUBKEY(a: *mut *mut EvpPkey, pp: *mut *const c_uchar, len: c_long) -> *mut EvpPkey;
    fn d2i_RSA_PUBKEY(a: *mut *mut Rsa, pp: *mut *const c_uchar, len: c_long) -> *mut Rsa;
    fn i2d_RSA_PUBKEY(a: *const Rsa, pp: *mut *mut c_uchar) -> c_int;
    fn d2i_RSAPublicKey(a: *mut *mut Rsa, pp: *mut *const c_uchar, len: c_long) -> *mut Rsa;
    fn RSA_free(r: *mut Rsa);
    fn EVP_PKEY_new() -> *mut EvpPkey;
    fn EVP_PKEY_assign(pkey: *mut EvpPkey, kind: c_int, key: *mut c_void) -> c_int;
    fn EVP_PKEY_free(pkey: *mut EvpPkey);
    fn BIO_new_mem_buf(buf: *const c_void, len: c_int) -> *mut Bio;
    fn BIO_free(b: *mut Bio) -> c_int;
    fn PEM_read_bio_PrivateKey(
        bp: *mut Bio,
        x: *mut *mut EvpPkey,
        cb: PasswordCallback,
        u: *mut c_void,
    ) -> *mut EvpPkey;
    fn d2i_X509_NAME(a: *mut *mut X509Name, pp: *mut *const c_uchar, len: c_long) -> *mut X509Name;
    fn X509_NAME_free(n: *mut X509Name);
    fn X509_NAME_entry_count(n: *const X509Name) -> c_int;
    fn X509_NAME_get_entry(n: *const X509Name, loc: c_int) -> *mut X509NameEntry;
    fn X509_NAME_ENTRY_get_object(e: *const X509NameEntry) -> *mut Asn1Object;
    fn X509_NAME_ENTRY_get_data(e: *const X509NameEntry) -> *mut Asn1String;
    fn OBJ_obj2nid(o: *const Asn1Object) -> c_int;
    fn OBJ_nid2sn(n: c_int) -> *const c_char;
    fn OBJ_obj2txt(buf: *mut c_char, len: c_int, o: *const Asn1Object, no_name: c_int) -> c_int;
    fn ASN1_STRING_to_UTF8(out: *mut *mut c_uchar, s: *const Asn1String) -> c_int;
    fn ASN1_STRING_get0_data(s: *const Asn1String) -> *const c_uchar;
    fn ASN1_STRING_length(s: *const Asn1String) -> c_int;
    fn SHA1(d: *const c_uchar, n: usize, md: *mut c_uchar) -> *mut c_uchar;
    fn SHA256(d: *const c_uchar, n: usize, md: *mut c_uchar) -> *mut c_uchar;
    fn EVP_sha1() -> *const EvpMd;
    fn EVP_sha256() -> *const EvpMd;
    fn EVP_sha384() -> *const EvpMd;
    fn EVP_sha512() -> *const EvpMd;
    fn EVP_MD_CTX_new() -> *mut EvpMdCtx;
    fn EVP_MD_CTX_free(c: *mut EvpMdCtx);
    fn EVP_DigestVerifyInit(
        ctx: *mut EvpMdCtx,
        pctx: *mut *mut c_void,
        md: *const EvpMd,
        engine: *mut c_void,
        pkey: *mut EvpPkey,
    ) -> c_int;
    fn EVP_DigestVerify(
        ctx: *mut EvpMdCtx,
        sig: *const c_uchar,
        siglen: usize,
        tbs: *const c_uchar,
        tbslen: usize,
    ) -> c_int;
    fn ECDSA_SIG_new() -> *mut EcdsaSig;
    fn ECDSA_SIG_free(s: *mut EcdsaSig);
    fn ECDSA_SIG_set0(sig: *mut EcdsaSig, r: *mut BigNum, s: *mut BigNum) -> c_int;
    fn i2d_ECDSA_SIG(sig: *const EcdsaSig, pp: *mut *mut c_uchar) -> c_int;
    fn BN_bin2bn(s: *const c_uchar, len: c_int, ret: *mut BigNum) -> *mut BigNum;
    fn BN_free(b: *mut BigNum);
    fn ERR_get_error() -> c_ulong;
    fn ERR_error_string_n(e: c_ulong, buf: *mut c_char, len: usize);
    // src/shim.c: macros and functions renamed between OpenSSL 1.1 and 3.
    fn samlcheck_pkey_base_id(k: *const EvpPkey) -> c_int;
    fn samlcheck_pkey_bits(k: *const EvpPkey) -> c_int;
    fn samlcheck_pkey_eq(a: *const EvpPkey, b: *const EvpPkey) -> c_int;
    fn samlcheck_openssl_free(p: *mut c_void);
}

/// OpenSSL's `pem_password_cb`.
type PasswordCallback = unsafe extern "C" fn(*mut c_char, c_int, c_int, *mut c_void) -> c_int;

/// The password callback for keys samlcheck reads: no password. Without a callback OpenSSL asks
/// for one on the terminal, and a run would wait for it.
unsafe extern "C" fn no_password(
    _buf: *mut c_char,
    _size: c_int,
    _w: c_int,
    _u: *mut c_void,
) -> c_int {
    0
}

/// `NID_rsaEncryption`, `NID_X9_62_id_ecPublicKey`, `NID_pkcs9_emailAddress`, `NID_undef`
/// (objects.h; the numbers are OpenSSL's stable object table).
const NID_RSA: c_int = 6;
const NID_EC: c_int = 408;
const NID_EMAIL: c_int = 48;
const NID_UNDEF: c_int = 0;

/// The thread's OpenSSL errors, drained, as one line ("" when there were none).
pub(crate) fn errors() -> String {
    let mut out: Vec<String> = Vec::new();
    loop {
        // SAFETY: pops the calling thread's error queue.
        let e = unsafe { ERR_get_error() };
        if e == 0 {
            break;
        }
        let mut buf = [0 as c_char; 256];
        // SAFETY: writes at most `buf.len()` bytes, NUL included, into `buf`.
        unsafe { ERR_error_string_n(e, buf.as_mut_ptr(), buf.len()) };
        // SAFETY: ERR_error_string_n always NUL-terminates within the buffer.
        let text = unsafe { CStr::from_ptr(buf.as_ptr()) };
        out.push(text.to_string_lossy().into_owned());
    }
    out.join(", ")
}

/// `what` failed, with OpenSSL's reasons when it gave any.
fn failed(what: &str) -> String {
    let why = errors();
    if why.is_empty() {
        what.to_string()
    } else {
        format!("{what}: {why}")
    }
}

/// A DER input's length as OpenSSL's `long`, and a cursor at its start.
fn der_input(der: &[u8]) -> Option<(*const c_uchar, c_long)> {
    Some((der.as_ptr(), c_long::try_from(der.len()).ok()?))
}

/// An owned `EVP_PKEY` holding a public key.
pub struct PublicKey(*mut EvpPkey);

impl Drop for PublicKey {
    fn drop(&mut self) {
        // SAFETY: the key is ours and live (never null: checked when made).
        unsafe { EVP_PKEY_free(self.0) }
    }
}

impl PublicKey {
    /// The key of a DER SubjectPublicKeyInfo, any algorithm OpenSSL reads (through its decoder,
    /// whose first use in a process costs half a millisecond in OpenSSL 3).
    pub fn from_spki(der: &[u8]) -> Result<Self, String> {
        let (mut p, len) = der_input(der).ok_or_else(|| "the key is too large".to_string())?;
        // SAFETY: `p` points at `len` readable bytes; a new key or null comes back.
        let key = unsafe { d2i_PUBKEY(std::ptr::null_mut(), &mut p, len) };
        if key.is_null() {
            return Err(failed("not a public key OpenSSL reads"));
        }
        Ok(Self(key))
    }

    /// An RSA SubjectPublicKeyInfo read by OpenSSL's RSA-specific reader (its legacy path, no
    /// decoder set-up). `None` for any other key, or when the input is anything but exactly one
    /// RSA key (the reader stops at the key's end, so the key is encoded again and compared).
    pub fn rsa_from_spki(der: &[u8]) -> Option<Self> {
        let (mut p, len) = der_input(der)?;
        // SAFETY: as in `from_spki`.
        let rsa = RsaGuard(unsafe { d2i_RSA_PUBKEY(std::ptr::null_mut(), &mut p, len) });
        if rsa.0.is_null() {
            errors();
            return None;
        }
        if rsa.spki().as_deref() != Some(der) {
            return None;
        }
        rsa.into_pkey()
    }

    /// "RSA", "EC" or "other".
    pub fn kind(&self) -> &'static str {
        // SAFETY: a live key.
        match unsafe { samlcheck_pkey_base_id(self.0) } {
            NID_RSA => "RSA",
            NID_EC => "EC",
            _ => "other",
        }
    }

    /// The key's size in bits.
    pub fn bits(&self) -> u32 {
        // SAFETY: a live key.
        u32::try_from(unsafe { samlcheck_pkey_bits(self.0) }).unwrap_or(0)
    }

    /// The `EVP_PKEY`, handed over: the caller now owns the reference (libxmlsec1's
    /// `xmlSecOpenSSLEvpKeyAdopt` takes it).
    pub(crate) fn into_raw(self) -> *mut c_void {
        let p = self.0;
        std::mem::forget(self);
        p.cast()
    }

    /// Takes back a key handed over by [`PublicKey::into_raw`] and not taken by anyone.
    ///
    /// # Safety
    /// `raw` comes from `into_raw` and nothing else owns it.
    pub(crate) unsafe fn from_raw(raw: *mut c_void) -> Self {
        Self(raw.cast())
    }

    /// Whether `sig` is this key's signature over `data` with `digest` (for ECDSA, `sig` is the
    /// DER `ECDSA-Sig-Value`). `Err` (OpenSSL's reasons) when the key cannot be used with the
    /// digest at all.
    pub fn verify(&self, digest: Digest, data: &[u8], sig: &[u8]) -> Result<bool, String> {
        // SAFETY: a new context we own (the guard frees it).
        let ctx = MdCtx(unsafe { EVP_MD_CTX_new() });
        if ctx.0.is_null() {
            return Err(failed("no memory for a digest context"));
        }
        // SAFETY: the context and key are live; the digest is one of OpenSSL's static tables.
        let init = unsafe {
            EVP_DigestVerifyInit(
                ctx.0,
                std::ptr::null_mut(),
                digest.md(),
                std::ptr::null_mut(),
                self.0,
            )
        };
        if init != 1 {
            let why = errors();
            return Err(if why.is_empty() {
                "OpenSSL gave no reason".into()
            } else {
                why
            });
        }
        // SAFETY: both buffers are readable for their lengths.
        let ok =
            unsafe { EVP_DigestVerify(ctx.0, sig.as_ptr(), sig.len(), data.as_ptr(), data.len()) };
        // A bad signature leaves reasons on the queue; the answer is "no".
        errors();
        Ok(ok == 1)
    }
}

/// An `RSA` being read, freed unless handed to a key.
struct RsaGuard(*mut Rsa);

impl Drop for RsaGuard {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: ours, not handed over.
            unsafe { RSA_free(self.0) }
        }
    }
}

impl RsaGuard {
    /// The key as a SubjectPublicKeyInfo.
    fn spki(&self) -> Option<Vec<u8>> {
        // SAFETY: a live RSA key; with a null output the call only measures.
        let len = unsafe { i2d_RSA_PUBKEY(self.0, std::ptr::null_mut()) };
        let mut out = vec![0u8; usize::try_from(len).ok().filter(|&l| l > 0)?];
        let mut p = out.as_mut_ptr();
        // SAFETY: `out` holds the `len` bytes the call writes; it advances `p`.
        let written = unsafe { i2d_RSA_PUBKEY(self.0, &mut p) };
        if written != len {
            errors();
            return None;
        }
        Some(out)
    }

    /// An `EVP_PKEY` owning this RSA key.
    fn into_pkey(mut self) -> Option<PublicKey> {
        // SAFETY: a new, empty key.
        let pkey = unsafe { EVP_PKEY_new() };
        if pkey.is_null() {
            errors();
            return None;
        }
        let key = PublicKey(pkey);
        // SAFETY: both live; on success the key owns the RSA reference.
        if unsafe { EVP_PKEY_assign(key.0, NID_RSA, self.0.cast()) } != 1 {
            errors();
            return None;
        }
        self.0 = std::ptr::null_mut();
        Some(key)
    }
}

/// A PKCS#1 `RSAPublicKey` (PEM "RSA PUBLIC KEY") as a SubjectPublicKeyInfo.
pub fn rsa_pkcs1_to_spki(der: &[u8]) -> Option<Vec<u8>> {
    let (mut p, len) = der_input(der)?;
    // SAFETY: `p` points at `len` readable bytes.
    let rsa = RsaGuard(unsafe { d2i_RSAPublicKey(std::ptr::null_mut(), &mut p, len) });
    if rsa.0.is_null() {
        errors();
        return None;
    }
    rsa.spki()
}

/// An owned `EVP_MD_CTX`.
struct MdCtx(*mut EvpMdCtx);

impl Drop for MdCtx {
    fn drop(&mut self) {
        // SAFETY: ours (EVP_MD_CTX_free accepts null).
        unsafe { EVP_MD_CTX_free(self.0) }
    }
}

/// The digests the HTTP-Redirect binding's SigAlg names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Digest {
    fn md(self) -> *const EvpMd {
        // SAFETY: OpenSSL's static digest tables.
        unsafe {
            match self {
                Digest::Sha1 => EVP_sha1(),
                Digest::Sha256 => EVP_sha256(),
                Digest::Sha384 => EVP_sha384(),
                Digest::Sha512 => EVP_sha512(),
            }
        }
    }
}

/// A private key (PEM: PKCS#8, PKCS#1 or SEC1, unencrypted).
pub struct PrivateKey(*mut EvpPkey);

impl Drop for PrivateKey {
    fn drop(&mut self) {
        // SAFETY: ours and live.
        unsafe { EVP_PKEY_free(self.0) }
    }
}

impl PrivateKey {
    /// The first private key in `pem`; `None` when there is none or it is encrypted.
    pub fn from_pem(pem: &[u8]) -> Option<Self> {
        let len = c_int::try_from(pem.len()).ok()?;
        // SAFETY: a read-only memory BIO over `pem`, which outlives it (freed below).
        let bio = unsafe { BIO_new_mem_buf(pem.as_ptr().cast(), len) };
        if bio.is_null() {
            errors();
            return None;
        }
        // SAFETY: reads from the live BIO; the callback gives no password, so an encrypted key
        // fails instead of prompting.
        let key = unsafe {
            PEM_read_bio_PrivateKey(bio, std::ptr::null_mut(), no_password, std::ptr::null_mut())
        };
        // SAFETY: ours; the key read from it does not refer to it.
        unsafe { BIO_free(bio) };
        if key.is_null() {
            errors();
            return None;
        }
        Some(Self(key))
    }

    /// Whether this key's public half is `other`.
    pub fn public_eq(&self, other: &PublicKey) -> bool {
        // SAFETY: both live.
        let eq = unsafe { samlcheck_pkey_eq(self.0, other.0) } == 1;
        errors();
        eq
    }
}

/// An ECDSA signature as XML DSig and the Redirect binding carry it (r and s, each the curve's
/// size, one after the other) in the DER form OpenSSL verifies.
pub fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>, String> {
    let half = raw.len() / 2;
    let bn = |part: &[u8]| -> Result<Bn, String> {
        let len = c_int::try_from(part.len()).map_err(|_| "signature too long".to_string())?;
        // SAFETY: reads `len` bytes of `part`; a new BIGNUM or null comes back.
        let b = Bn(unsafe { BN_bin2bn(part.as_ptr(), len, std::ptr::null_mut()) });
        if b.0.is_null() {
            return Err(failed("cannot read the signature's numbers"));
        }
        Ok(b)
    };
    let (mut r, mut s) = (bn(&raw[..half])?, bn(&raw[half..])?);
    // SAFETY: a new signature object we own.
    let sig = Sig(unsafe { ECDSA_SIG_new() });
    if sig.0.is_null() {
        return Err(failed("cannot make an ECDSA signature"));
    }
    // SAFETY: all live; on success the signature owns r and s.
    if unsafe { ECDSA_SIG_set0(sig.0, r.0, s.0) } != 1 {
        return Err(failed("cannot make an ECDSA signature"));
    }
    (r.0, s.0) = (std::ptr::null_mut(), std::ptr::null_mut());
    // SAFETY: a live signature; a null output only measures.
    let len = unsafe { i2d_ECDSA_SIG(sig.0, std::ptr::null_mut()) };
    let mut out = vec![0u8; usize::try_from(len).map_err(|_| failed("cannot encode"))?];
    let mut p = out.as_mut_ptr();
    // SAFETY: `out` holds the `len` bytes the call writes.
    if unsafe { i2d_ECDSA_SIG(sig.0, &mut p) } != len {
        return Err(failed("cannot encode the ECDSA signature"));
    }
    Ok(out)
}

/// An owned BIGNUM (null once handed over).
struct Bn(*mut BigNum);

impl Drop for Bn {
    fn drop(&mut self) {
        // SAFETY: ours or null (BN_free accepts null).
        unsafe { BN_free(self.0) }
    }
}

/// An owned ECDSA_SIG.
struct Sig(*mut EcdsaSig);

impl Drop for Sig {
    fn drop(&mut self) {
        // SAFETY: ours or null (ECDSA_SIG_free accepts null).
        unsafe { ECDSA_SIG_free(self.0) }
    }
}

/// The attributes of a DER X.509 Name in order, as (short name, value): the e-mail attribute
/// as `Email`, attributes OpenSSL has no short name for as their dotted number, values as UTF-8
/// (uppercase hex when not a string). `None` when the bytes are not a Name.
pub fn name_entries(der: &[u8]) -> Option<Vec<(String, String)>> {
    let (mut p, len) = der_input(der)?;
    // SAFETY: `p` points at `len` readable bytes.
    let name = NameGuard(unsafe { d2i_X509_NAME(std::ptr::null_mut(), &mut p, len) });
    if name.0.is_null() {
        errors();
        return None;
    }
    // SAFETY: a live name.
    let count = unsafe { X509_NAME_entry_count(name.0) };
    let mut out = Vec::new();
    for i in 0..count {
        // SAFETY: `i` is below the count; the entry, object and data belong to the name, which
        // outlives this loop.
        let (obj, data) = unsafe {
            let e = X509_NAME_get_entry(name.0, i);
            if e.is_null() {
                continue;
            }
            (X509_NAME_ENTRY_get_object(e), X509_NAME_ENTRY_get_data(e))
        };
        if obj.is_null() || data.is_null() {
            continue;
        }
        out.push((object_name(obj), string_value(data)));
    }
    errors();
    Some(out)
}

/// An owned X509_NAME.
struct NameGuard(*mut X509Name);

impl Drop for NameGuard {
    fn drop(&mut self) {
        // SAFETY: ours and live.
        unsafe { X509_NAME_free(self.0) }
    }
}

/// An attribute type's short name (`CN`, `O`…), `Email` for PKCS #9 e-mail, else its number.
fn object_name(obj: *const Asn1Object) -> String {
    // SAFETY: a live object owned by its name.
    let nid = unsafe { OBJ_obj2nid(obj) };
    if nid == NID_EMAIL {
        return "Email".into();
    }
    if nid != NID_UNDEF {
        // SAFETY: a static table entry or null.
        let sn = unsafe { OBJ_nid2sn(nid) };
        if !sn.is_null() {
            // SAFETY: a NUL-terminated static string.
            return unsafe { CStr::from_ptr(sn) }.to_string_lossy().into_owned();
        }
    }
    let mut buf = vec![0 as c_char; 128];
    loop {
        let room = c_int::try_from(buf.len()).unwrap_or(c_int::MAX);
        // SAFETY: writes at most `room` bytes, NUL included; returns the text's full length.
        let n = unsafe { OBJ_obj2txt(buf.as_mut_ptr(), room, obj, 0) };
        if n <= 0 {
            errors();
            return "?".into();
        }
        if (n as usize) < buf.len() {
            break;
        }
        // A longer dotted number than the buffer: again with room for all of it.
        buf = vec![0; n as usize + 1];
    }
    // SAFETY: NUL-terminated within the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// An attribute value as UTF-8, or its bytes in uppercase hex when it is not a string.
fn string_value(s: *const Asn1String) -> String {
    let mut out: *mut c_uchar = std::ptr::null_mut();
    // SAFETY: a live string; on success `out` is a new buffer of `n` bytes we free below.
    let n = unsafe { ASN1_STRING_to_UTF8(&mut out, s) };
    if n >= 0 && !out.is_null() {
        // SAFETY: `out` holds `n` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(out, n as usize) };
        let text = String::from_utf8_lossy(bytes).into_owned();
        // SAFETY: allocated by OpenSSL for us.
        unsafe { samlcheck_openssl_free(out.cast()) };
        return text;
    }
    errors();
    // SAFETY: the string's own bytes, `length` of them.
    let raw = unsafe {
        let p = ASN1_STRING_get0_data(s);
        let len = ASN1_STRING_length(s);
        if p.is_null() || len <= 0 {
            &[][..]
        } else {
            std::slice::from_raw_parts(p, len as usize)
        }
    };
    raw.iter().map(|b| format!("{b:02X}")).collect()
}

/// SHA-1 of `bytes` (identification only: thumbprints).
pub fn sha1(bytes: &[u8]) -> [u8; 20] {
    let mut out = [0u8; 20];
    // SAFETY: reads `bytes`, writes the 20-byte digest into `out`.
    unsafe { SHA1(bytes.as_ptr(), bytes.len(), out.as_mut_ptr()) };
    out
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    // SAFETY: reads `bytes`, writes the 32-byte digest into `out`.
    unsafe { SHA256(bytes.as_ptr(), bytes.len(), out.as_mut_ptr()) };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_known_answers() {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
    }

    #[test]
    fn keys_read_sized_compared_and_verified_as_the_openssl_crate_does() {
        use openssl::pkey::PKey;
        use openssl::rsa::Rsa;
        let private = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let spki = private.public_key_to_der().unwrap();
        let rsa = PublicKey::rsa_from_spki(&spki).expect("an RSA key by the legacy reader");
        assert_eq!((rsa.kind(), rsa.bits()), ("RSA", 2048));
        let any = PublicKey::from_spki(&spki).unwrap();
        assert_eq!((any.kind(), any.bits()), ("RSA", 2048));
        // One byte more is not exactly one key.
        let mut longer = spki.clone();
        longer.push(0);
        assert!(PublicKey::rsa_from_spki(&longer).is_none());
        let pem = private.private_key_to_pem_pkcs8().unwrap();
        let mine = PrivateKey::from_pem(&pem).unwrap();
        assert!(mine.public_eq(&rsa));
        let other = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let other = PublicKey::from_spki(&other.public_key_to_der().unwrap()).unwrap();
        assert!(!mine.public_eq(&other));
        // A signature made by the openssl crate verifies; a changed message does not.
        let mut signer =
            openssl::sign::Signer::new(openssl::hash::MessageDigest::sha256(), &private).unwrap();
        signer.update(b"SAMLRequest=abc").unwrap();
        let sig = signer.sign_to_vec().unwrap();
        assert_eq!(
            rsa.verify(Digest::Sha256, b"SAMLRequest=abc", &sig),
            Ok(true)
        );
        assert_eq!(
            rsa.verify(Digest::Sha256, b"SAMLRequest=abd", &sig),
            Ok(false)
        );
        assert!(PublicKey::from_spki(b"\x30\x03\x02\x01\x01").is_err());
        assert!(PrivateKey::from_pem(
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        )
        .is_none());
        // Nothing is left on the thread's error queue.
        assert_eq!(errors(), "");
    }

    #[test]
    fn ec_keys_and_raw_ecdsa_signatures() {
        use openssl::ec::{EcGroup, EcKey};
        use openssl::nid::Nid;
        use openssl::pkey::PKey;
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        let private = PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap();
        let spki = private.public_key_to_der().unwrap();
        assert!(PublicKey::rsa_from_spki(&spki).is_none());
        let key = PublicKey::from_spki(&spki).unwrap();
        assert_eq!((key.kind(), key.bits()), ("EC", 256));
        let mut signer =
            openssl::sign::Signer::new(openssl::hash::MessageDigest::sha256(), &private).unwrap();
        signer.update(b"data").unwrap();
        let der = signer.sign_to_vec().unwrap();
        let sig = openssl::ecdsa::EcdsaSig::from_der(&der).unwrap();
        let (mut r, mut s) = (sig.r().to_vec(), sig.s().to_vec());
        while r.len() < 32 {
            r.insert(0, 0);
        }
        while s.len() < 32 {
            s.insert(0, 0);
        }
        let raw = [r, s].concat();
        let back = ecdsa_raw_to_der(&raw).unwrap();
        assert_eq!(key.verify(Digest::Sha256, b"data", &back), Ok(true));
        assert_eq!(errors(), "");
    }

    #[test]
    fn names_read_as_short_names_and_values() {
        use openssl::x509::X509NameBuilder;
        let mut b = X509NameBuilder::new().unwrap();
        b.append_entry_by_text("CN", "Ünïcode IdP").unwrap();
        b.append_entry_by_text("O", "Example").unwrap();
        b.append_entry_by_text("emailAddress", "a@example.com")
            .unwrap();
        b.append_entry_by_text("1.2.3.4.5", "odd").unwrap();
        let der = b.build().to_der().unwrap();
        let got = name_entries(&der).unwrap();
        let want = [
            ("CN", "Ünïcode IdP"),
            ("O", "Example"),
            ("Email", "a@example.com"),
            ("1.2.3.4.5", "odd"),
        ];
        assert_eq!(
            got,
            want.map(|(k, v)| (k.to_string(), v.to_string())).to_vec()
        );
        assert!(name_entries(b"\x30\x05garbage").is_none());
        assert_eq!(errors(), "");
    }
}

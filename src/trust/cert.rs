//! X.509 certificates: parsing (PEM, DER, bare base64 as in KeyInfo and metadata), subject,
//! validity and SHA-256 fingerprint. The certificate's outline is walked in `der.rs`; OpenSSL,
//! the library that verifies with the key (through libxmlsec1), reads the names and the key.

use std::cell::RefCell;

use ::time::OffsetDateTime;

use super::der::{self, Malformed};

/// The form a trusted key was given in (the report says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyForm {
    /// An X.509 certificate in PEM.
    CertPem,
    /// An X.509 certificate in DER.
    CertDer,
    /// The base64 body of a certificate, as in `ds:X509Certificate` or an IdP console.
    CertBase64,
    /// A bare public key, `BEGIN PUBLIC KEY` (SubjectPublicKeyInfo).
    PublicKey,
    /// A bare RSA public key, `BEGIN RSA PUBLIC KEY` (PKCS#1).
    RsaPublicKey,
}

impl KeyForm {
    /// What the report calls it.
    pub fn describe(self) -> &'static str {
        match self {
            KeyForm::CertPem => "certificate (PEM)",
            KeyForm::CertDer => "certificate (DER)",
            KeyForm::CertBase64 => "certificate (base64 body)",
            KeyForm::PublicKey => "public key (PEM, SubjectPublicKeyInfo)",
            KeyForm::RsaPublicKey => "RSA public key (PEM, PKCS#1)",
        }
    }

    pub fn noun(self) -> &'static str {
        if self.has_validity() {
            "certificate"
        } else {
            "public key"
        }
    }

    /// Certificates have a validity period; bare keys do not.
    pub fn has_validity(self) -> bool {
        matches!(
            self,
            KeyForm::CertPem | KeyForm::CertDer | KeyForm::CertBase64
        )
    }
}

/// What the report says about a certificate (or a bare public key). `der` is the certificate
/// itself, or the SubjectPublicKeyInfo of a bare key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// Lowercase hex SHA-256 of the DER.
    pub sha256: String,
    pub der: Vec<u8>,
    pub form: KeyForm,
}

impl CertInfo {
    /// Parses one DER certificate. A batch sees the same few certificates (the trusted one,
    /// the one each message embeds) thousands of times, so parses are remembered per thread.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        thread_local! {
            static PARSED: RefCell<Vec<CertInfo>> = const { RefCell::new(Vec::new()) };
        }
        if let Some(hit) = PARSED.with(|c| c.borrow().iter().find(|c| c.der == der).cloned()) {
            return Ok(Self {
                form: KeyForm::CertDer,
                ..hit
            });
        }
        let parsed = Self::parse_der(der)?;
        PARSED.with(|c| {
            let mut c = c.borrow_mut();
            // A handful of certificates per run; a message that embeds a new one each time
            // must not grow the cache without bound.
            if c.len() >= 8 {
                c.remove(0);
            }
            c.push(parsed.clone());
        });
        Ok(parsed)
    }

    fn parse_der(der: &[u8]) -> Result<Self, String> {
        let not_a_cert = || {
            "not an X.509 certificate (truncated or another kind of data); pass the IdP's signing certificate as PEM, DER or its base64 body".to_string()
        };
        let outline = der::outline(der).map_err(|m| match m {
            Malformed::Structure => not_a_cert(),
            Malformed::Time => {
                "the certificate's validity dates are not RFC 5280 times".to_string()
            }
        })?;
        let read_name = |d: &[u8]| {
            crate::ossl::name_entries(d)
                .map(|n| name(&n, &der::rdn_sizes(d).unwrap_or_default()))
                .ok_or_else(not_a_cert)
        };
        Ok(Self {
            subject: read_name(outline.subject)?,
            issuer: read_name(outline.issuer)?,
            not_before: outline.not_before,
            not_after: outline.not_after,
            sha256: sha256_hex(der),
            der: der.to_vec(),
            form: KeyForm::CertDer,
        })
    }

    /// The SubjectPublicKeyInfo DER: the certificate's, or the bare key itself.
    pub fn spki(&self) -> Option<&[u8]> {
        if self.form.has_validity() {
            der::outline(&self.der).ok().map(|o| o.spki)
        } else {
            Some(&self.der)
        }
    }

    /// A bare public key (SubjectPublicKeyInfo DER): no subject, no validity.
    pub fn from_public_key(spki: &[u8], form: KeyForm) -> Result<Self, String> {
        let key = crate::ossl::PublicKey::from_spki(spki).map_err(|_| {
            "the PUBLIC KEY block is not a SubjectPublicKeyInfo (truncated or not a key)"
                .to_string()
        })?;
        Ok(Self {
            subject: format!("public key ({} {} bits)", key.kind(), key.bits()),
            issuer: String::new(),
            not_before: OffsetDateTime::UNIX_EPOCH,
            not_after: OffsetDateTime::UNIX_EPOCH,
            sha256: sha256_hex(spki),
            der: spki.to_vec(),
            form,
        })
    }

    /// Parses base64 text as found in `ds:X509Certificate` (whitespace ignored).
    pub fn from_base64(text: &str) -> Result<Self, String> {
        // A batch sees the IdP's one certificate in every message's KeyInfo: decoding, X.509
        // parsing and two fingerprints are done once per thread for each distinct text.
        thread_local! {
            static SEEN: std::cell::RefCell<Vec<(String, CertInfo)>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        if let Some(hit) = SEEN.with(|s| {
            s.borrow()
                .iter()
                .find(|(t, _)| t == text)
                .map(|(_, c)| c.clone())
        }) {
            return Ok(hit);
        }
        let parsed = Self::parse_base64(text)?;
        SEEN.with(|s| {
            let mut s = s.borrow_mut();
            if s.len() >= 8 {
                s.remove(0);
            }
            s.push((text.to_string(), parsed.clone()));
        });
        Ok(parsed)
    }

    fn parse_base64(text: &str) -> Result<Self, String> {
        let (der, _) = crate::input::base64::decode(text)
            .map_err(|e| format!("certificate is not valid base64: {}", e.message))?;
        // Some IdPs put a whole PEM, base64-encoded again, into X509Certificate.
        if der.starts_with(b"-----BEGIN") {
            return Self::from_file_bytes(&der)?
                .into_iter()
                .next()
                .ok_or_else(|| "empty PEM".to_string());
        }
        Self::from_der(&der).map(|c| Self {
            form: KeyForm::CertBase64,
            ..c
        })
    }

    /// Parses every certificate in a file: PEM (one or more `CERTIFICATE` blocks), DER, or bare base64.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Vec<Self>, String> {
        if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
            let mut out = Vec::new();
            for pem in pem_blocks(bytes)? {
                match pem.label.as_str() {
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                        out.push(Self::from_der(&pem.contents).map(|c| Self {
                            form: KeyForm::CertPem,
                            ..c
                        })?)
                    }
                    "PUBLIC KEY" => {
                        out.push(Self::from_public_key(&pem.contents, KeyForm::PublicKey)?)
                    }
                    "RSA PUBLIC KEY" => {
                        let spki = crate::ossl::rsa_pkcs1_to_spki(&pem.contents)
                            .ok_or_else(|| "the RSA PUBLIC KEY block is not a PKCS#1 RSA key (truncated or not a key)".to_string())?;
                        out.push(Self::from_public_key(&spki, KeyForm::RsaPublicKey)?)
                    }
                    _ => {}
                }
            }
            if out.is_empty() {
                return Err("PEM file holds no CERTIFICATE or PUBLIC KEY block (a private key is not what the IdP signs with for you to trust: pass its certificate)".into());
            }
            return Ok(out);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err("the file is empty".into());
        }
        if bytes.first() == Some(&0x30) {
            return Ok(vec![Self::from_der(bytes)?]);
        }
        let text =
            std::str::from_utf8(bytes).map_err(|_| "neither PEM, DER nor base64".to_string())?;
        Ok(vec![Self::from_base64(text)?])
    }

    /// Days from `now` until `not_after` (negative when expired).
    pub fn days_left(&self, now: OffsetDateTime) -> i64 {
        (self.not_after - now).whole_days()
    }

    /// The fingerprint as colon-separated uppercase pairs, as consoles show it.
    pub fn fingerprint_display(&self) -> String {
        colon_hex(&self.sha256, usize::MAX)
    }

    /// PEM text of the certificate, or of the public key (for libxmlsec1 key loading).
    pub fn to_pem(&self) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&self.der);
        let label = if self.form.has_validity() {
            "CERTIFICATE"
        } else {
            "PUBLIC KEY"
        };
        let mut pem = format!("-----BEGIN {label}-----\n");
        for chunk in b64.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            pem.push('\n');
        }
        pem.push_str(&format!("-----END {label}-----\n"));
        pem
    }
}

/// One `-----BEGIN label-----` … `-----END label-----` block of a PEM file, decoded.
struct PemBlock {
    label: String,
    contents: Vec<u8>,
}

/// Every PEM block in `bytes`, in order, read as OpenSSL reads them: a block starts at a line
/// that is exactly `-----BEGIN label-----` and ends at the line `-----END label-----`; lines
/// outside blocks (OpenSSL's `subject=` lines, comments) are skipped. A marker anywhere else in a
/// line starts nothing — text OpenSSL would not read as a certificate is not trusted as one. A
/// block without its END line, or whose body is not base64, is an error.
fn pem_blocks(bytes: &[u8]) -> Result<Vec<PemBlock>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lines = bytes.split(|&b| b == b'\n').map(|l| l.trim_ascii_end());
    let mut out = Vec::new();
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix(b"-----BEGIN ")
            .and_then(|l| l.strip_suffix(b"-----"))
        else {
            continue;
        };
        let label = String::from_utf8_lossy(label).into_owned();
        let end = format!("-----END {label}-----");
        let mut body = Vec::new();
        let mut ended = false;
        for l in lines.by_ref() {
            if l == end.as_bytes() {
                ended = true;
                break;
            }
            body.extend(l.iter().copied().filter(|b| !b.is_ascii_whitespace()));
        }
        if !ended {
            return Err(format!(
                "a PEM block does not decode (no END line for {label})"
            ));
        }
        use base64::Engine;
        let contents = base64::engine::general_purpose::STANDARD
            .decode(&body)
            .map_err(|e| format!("a PEM block does not decode ({label}: {e})"))?;
        out.push(PemBlock { label, contents });
    }
    Ok(out)
}

/// A distinguished name as `CN=…, O=…`, most significant first as written in the
/// certificate; attributes under their usual short names, others under OpenSSL's; the
/// attributes of one multi-valued RDN joined by ` + ` (`rdns`: how many each RDN holds).
fn name(entries: &[(String, String)], rdns: &[usize]) -> String {
    let attrs: Vec<String> = entries.iter().map(|(k, v)| format!("{k}={v}")).collect();
    // The RDN sizes come from the same DER OpenSSL read; if they do not add up, one attribute
    // per RDN.
    if rdns.iter().sum::<usize>() != attrs.len() {
        return attrs.join(", ");
    }
    let mut rest = attrs.as_slice();
    rdns.iter()
        .map(|&k| {
            let (rdn, after) = rest.split_at(k);
            rest = after;
            rdn.join(" + ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `AB:CD:…` for the first `pairs` byte pairs of a hex fingerprint (ASCII, as
/// [`sha256_hex`] makes it), with `…` when cut short.
pub fn colon_hex(hex: &str, pairs: usize) -> String {
    let bytes = hex.as_bytes();
    let total = bytes.len().div_ceil(2);
    let shown = total.min(pairs);
    let mut out = String::with_capacity(shown * 3 + 3);
    for (i, pair) in bytes.chunks(2).take(shown).enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.extend(pair.iter().map(|c| char::from(c.to_ascii_uppercase())));
    }
    if total > pairs {
        out.push('…');
    }
    out
}

/// Uppercase hex SHA-1, the "thumbprint" Entra ID and AD FS show (identification only).
pub fn sha1_hex(bytes: &[u8]) -> String {
    hex(&crate::ossl::sha1(bytes), b"0123456789ABCDEF")
}

/// Lowercase hex SHA-256 (OpenSSL's: it has detected the CPU already, where the `sha2` crate
/// ran its own CPUID probe, slow under a hypervisor).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&crate::ossl::sha256(bytes), b"0123456789abcdef")
}

/// Bytes as hex in the given digits (upper or lower case).
fn hex(bytes: &[u8], digits: &[u8; 16]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_in_hex_and_colon_pairs() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha1_hex(b"abc"), "A9993E364706816ABA3E25717850C26C9CD0D89D");
        assert_eq!(
            colon_hex("ba7816bf8f01cfea41", 8),
            "BA:78:16:BF:8F:01:CF:EA…"
        );
        assert_eq!(colon_hex("ba7816", 8), "BA:78:16");
        assert_eq!(colon_hex("ba7816b", 8), "BA:78:16:B");
        assert_eq!(colon_hex("ba78", usize::MAX), "BA:78");
        assert_eq!(colon_hex("", 8), "");
    }

    const BODY: &str = "MAMCAQE="; // SEQUENCE { INTEGER 1 }

    /// Markers count only as whole lines, as OpenSSL reads them: a certificate hidden after a
    /// comment or on the BEGIN line is no block at all.
    #[test]
    fn pem_markers_are_whole_lines() {
        let block = |pre: &str, eol: &str| {
            format!(
                "{pre}-----BEGIN CERTIFICATE-----{eol}{BODY}{eol}-----END CERTIFICATE-----{eol}"
            )
        };
        let one = pem_blocks(block("", "\n").as_bytes()).unwrap();
        assert_eq!(
            (one.len(), one[0].contents.as_slice()),
            (1, &[0x30, 3, 2, 1, 1][..])
        );
        assert_eq!(pem_blocks(block("", "\r\n").as_bytes()).unwrap().len(), 1);
        let bom = format!("\u{feff}{}", block("", "\n"));
        assert_eq!(pem_blocks(bom.as_bytes()).unwrap().len(), 1);
        assert!(pem_blocks(block("# old: x", "\n").as_bytes())
            .unwrap()
            .is_empty());
        let same_line = format!("-----BEGIN CERTIFICATE-----{BODY}\n-----END CERTIFICATE-----\n");
        assert!(pem_blocks(same_line.as_bytes()).unwrap().is_empty());
        let two = format!("subject=CN=x\n{}{}", block("", "\n"), block("", "\n"));
        assert_eq!(pem_blocks(two.as_bytes()).unwrap().len(), 2);
        let open = format!("-----BEGIN CERTIFICATE-----\n{BODY}\n");
        assert!(pem_blocks(open.as_bytes()).is_err());
        let other_end = format!("-----BEGIN CERTIFICATE-----\n{BODY}\n-----END PUBLIC KEY-----\n");
        assert!(pem_blocks(other_end.as_bytes()).is_err());
    }
}

//! X.509 certificates: parsing (PEM, DER, bare base64 as in KeyInfo and metadata), subject,
//! validity and SHA-256 fingerprint.

use ::time::OffsetDateTime;
use sha2::{Digest, Sha256};
use x509_parser::prelude::*;

/// What the report says about a certificate. `der` is the certificate itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// Lowercase hex SHA-256 of the DER.
    pub sha256: String,
    pub der: Vec<u8>,
}

impl CertInfo {
    /// Parses one DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        let (_, cert) =
            X509Certificate::from_der(der).map_err(|e| format!("not an X.509 certificate: {e}"))?;
        Ok(Self {
            subject: cert.subject().to_string(),
            issuer: cert.issuer().to_string(),
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
            sha256: sha256_hex(der),
            der: der.to_vec(),
        })
    }

    /// Parses base64 text as found in `ds:X509Certificate` (whitespace ignored).
    pub fn from_base64(text: &str) -> Result<Self, String> {
        let (der, _) = crate::input::base64::decode(text)
            .map_err(|e| format!("certificate is not valid base64: {}", e.message))?;
        // Some IdPs put a whole PEM, base64-encoded again, into X509Certificate.
        if der.starts_with(b"-----BEGIN") {
            return Self::from_file_bytes(&der)?
                .into_iter()
                .next()
                .ok_or_else(|| "empty PEM".to_string());
        }
        Self::from_der(&der)
    }

    /// Parses every certificate in a file: PEM (one or more `CERTIFICATE` blocks), DER, or bare base64.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Vec<Self>, String> {
        if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
            let mut out = Vec::new();
            for pem in Pem::iter_from_buffer(bytes) {
                let pem = pem.map_err(|e| format!("bad PEM: {e}"))?;
                if pem.label == "CERTIFICATE"
                    || pem.label == "X509 CERTIFICATE"
                    || pem.label == "TRUSTED CERTIFICATE"
                {
                    out.push(Self::from_der(&pem.contents)?);
                }
            }
            if out.is_empty() {
                return Err("PEM file holds no CERTIFICATE block (a public or private key is not a certificate)".into());
            }
            return Ok(out);
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

    /// PEM text of the certificate (for libxmlsec1 key loading).
    pub fn to_pem(&self) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&self.der);
        let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
        for chunk in b64.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
        pem
    }
}

/// `AB:CD:…` for the first `pairs` byte pairs of a hex fingerprint, with `…` when cut short.
pub fn colon_hex(hex: &str, pairs: usize) -> String {
    let chunks: Vec<String> = hex
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).to_uppercase())
        .collect();
    let shown = chunks
        .iter()
        .take(pairs)
        .cloned()
        .collect::<Vec<_>>()
        .join(":");
    if chunks.len() > pairs {
        shown + "…"
    } else {
        shown
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

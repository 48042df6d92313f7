//! The set of certificates the user trusts. Only these ever authenticate a signature.

use super::cert::CertInfo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// From `--idp-metadata FILE`.
    Metadata(String),
    /// From `--cert FILE`.
    Cert(String),
    /// A certificate the message carries whose SHA-256 the user pinned with `--fingerprint`.
    Fingerprint(String),
}

impl KeySource {
    pub fn kind(&self) -> &'static str {
        match self {
            KeySource::Metadata(_) => "metadata",
            KeySource::Cert(_) => "cert",
            KeySource::Fingerprint(_) => "fingerprint",
        }
    }

    pub fn path(&self) -> &str {
        match self {
            KeySource::Metadata(p) | KeySource::Cert(p) | KeySource::Fingerprint(p) => p,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    pub source: KeySource,
    pub cert: CertInfo,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustStore {
    keys: Vec<TrustedKey>,
    /// Pinned SHA-256 fingerprints (lowercase hex): a certificate the message carries is trusted
    /// only when its fingerprint is one of these.
    pins: Vec<String>,
}

impl TrustStore {
    /// Adds a certificate unless the same one (by fingerprint) is already trusted.
    pub fn add(&mut self, source: KeySource, cert: CertInfo) {
        if !self.keys.iter().any(|k| k.cert.sha256 == cert.sha256) {
            self.keys.push(TrustedKey { source, cert });
        }
    }

    /// Pins a SHA-256 fingerprint (hex, colons and spaces allowed). SHA-1 is refused.
    pub fn pin(&mut self, fingerprint: &str) -> Result<(), String> {
        let hex: String = fingerprint
            .chars()
            .filter(|c| !matches!(c, ':' | ' '))
            .collect::<String>()
            .to_ascii_lowercase();
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "{fingerprint:?} is not a SHA-256 fingerprint (64 hex digits, colons allowed; SHA-1 fingerprints are not accepted)"
            ));
        }
        if !self.pins.contains(&hex) {
            self.pins.push(hex);
        }
        Ok(())
    }

    pub fn keys(&self) -> &[TrustedKey] {
        &self.keys
    }

    /// The keys to try for a signature: every trusted certificate, plus those of `embedded`
    /// (the message's KeyInfo) whose fingerprint the user pinned.
    pub fn candidates(&self, embedded: &[CertInfo]) -> Vec<TrustedKey> {
        let mut out = self.keys.clone();
        for c in embedded {
            if self.pins.contains(&c.sha256) && !out.iter().any(|k| k.cert.sha256 == c.sha256) {
                out.push(TrustedKey {
                    source: KeySource::Fingerprint(c.fingerprint_display()),
                    cert: c.clone(),
                });
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.pins.is_empty()
    }

    /// How many sources of trust there are (certificates and pinned fingerprints).
    pub fn len(&self) -> usize {
        self.keys.len() + self.pins.len()
    }

    /// Both stores' keys (each certificate once).
    pub fn merged(&self, other: &TrustStore) -> TrustStore {
        let mut out = self.clone();
        for k in &other.keys {
            out.add(k.source.clone(), k.cert.clone());
        }
        for p in &other.pins {
            if !out.pins.contains(p) {
                out.pins.push(p.clone());
            }
        }
        out
    }
}

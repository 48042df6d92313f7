//! The set of certificates the user trusts. Only these ever authenticate a signature.

use super::cert::CertInfo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// From `--idp-metadata FILE`.
    Metadata(String),
    /// From `--cert FILE`.
    Cert(String),
}

impl KeySource {
    pub fn kind(&self) -> &'static str {
        match self {
            KeySource::Metadata(_) => "metadata",
            KeySource::Cert(_) => "cert",
        }
    }

    pub fn path(&self) -> &str {
        match self {
            KeySource::Metadata(p) | KeySource::Cert(p) => p,
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
}

impl TrustStore {
    /// Adds a certificate unless the same one (by fingerprint) is already trusted.
    pub fn add(&mut self, source: KeySource, cert: CertInfo) {
        if !self.keys.iter().any(|k| k.cert.sha256 == cert.sha256) {
            self.keys.push(TrustedKey { source, cert });
        }
    }

    pub fn keys(&self) -> &[TrustedKey] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Both stores' keys (each certificate once).
    pub fn merged(&self, other: &TrustStore) -> TrustStore {
        let mut out = self.clone();
        for k in &other.keys {
            out.add(k.source.clone(), k.cert.clone());
        }
        out
    }
}

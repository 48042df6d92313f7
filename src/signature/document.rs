//! The enveloped signature of a metadata document (EntityDescriptor or EntitiesDescriptor),
//! verified under the certificates given with `metadata --cert`.

use crate::error::InputError;
use crate::input::Limits;
use crate::trust::cert::CertInfo;
use crate::xml::dom::{self, DS};

use super::xmlsec::{self, Verification};

/// What the metadata's signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetadataSignature {
    Unsigned,
    /// Valid under the certificate with this SHA-256.
    Valid(String),
    /// Not valid under any given certificate; the reason.
    Invalid(String),
}

/// Verifies the root's enveloped signature. Only a Reference to the root itself (`""` or the
/// root's `#ID`) counts.
pub fn verify(
    bytes: &[u8],
    certs: &[CertInfo],
    limits: &Limits,
) -> Result<MetadataSignature, InputError> {
    let (doc, root) = dom::parse_guarded(bytes, limits)?;
    let Some(sig) = dom::child(&root, DS, "Signature") else {
        return Ok(MetadataSignature::Unsigned);
    };
    xmlsec::register_ids(&doc);
    let refs: Vec<Option<String>> = dom::child(&sig, DS, "SignedInfo")
        .map(|si| {
            dom::children(&si, DS, "Reference")
                .iter()
                .map(|r| dom::attr(r, "URI"))
                .collect()
        })
        .unwrap_or_default();
    let root_ref = dom::attr(&root, "ID").map(|id| format!("#{id}"));
    match refs.as_slice() {
        [Some(u)] if u.is_empty() || Some(u) == root_ref.as_ref() => {}
        _ => return Ok(MetadataSignature::Invalid("the signature does not reference the metadata root (exactly one Reference to it is required)".into())),
    }
    let mut last = String::from("no certificate given");
    for c in certs {
        match xmlsec::verify(&sig, c) {
            Verification::Valid => return Ok(MetadataSignature::Valid(c.sha256.clone())),
            Verification::DigestMismatch => last = "the metadata was changed after signing".into(),
            Verification::SignatureMismatch => last = "it was signed with another key".into(),
            Verification::Error(e) => last = format!("libxmlsec1 refused it: {e}"),
        }
    }
    Ok(MetadataSignature::Invalid(last))
}

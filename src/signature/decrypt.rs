//! Decrypting the EncryptedAssertion (and an EncryptedID inside the consumed Assertion) with the
//! SP's private key, and saying why it failed: the
//! key to unwrap was not found (a RetrievalMethod pointing nowhere), the private key does not
//! fit the certificate the IdP encrypted to, or libxmlsec1 refused something else.
//!
//! Layouts: the EncryptedKey inside the EncryptedData's KeyInfo (XML Encryption's default, AD FS,
//! Entra ID, Shibboleth, Keycloak), or beside it with `ds:RetrievalMethod URI="#Id"` (Okta).
//! Only same-document RetrievalMethods are followed.

use crate::codes::Code;
use crate::xml::dom::{Document, Node};

use super::xmlsec;
use crate::finding::Finding;
use crate::idp::Idp;
use crate::trust::cert::CertInfo;
use crate::xml::dom::{self, DS, XENC};

/// Why an EncryptedAssertion or EncryptedID could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The EncryptedData names no reachable EncryptedKey.
    KeyNotFound(String),
    /// The private key is not the one for the certificate the IdP encrypted to.
    WrongKey { encrypted_to: Box<CertInfo> },
    /// Anything else libxmlsec1 refused (its reason).
    Other(String),
}

impl Failure {
    /// The finding for a failure to open `what` ("EncryptedAssertion", "EncryptedID").
    pub fn finding(&self, idp: Idp, what: &str) -> Finding {
        match self {
            Failure::KeyNotFound(why) => Finding::new(
                Code::DecryptionKeyNotFound,
                format!("the {what} could not be decrypted: the encrypted session key was not found ({why})"),
            )
            .hint("the message's encryption layout is broken or was altered in transit: capture it again unmodified; if the IdP sends it this way, report it to the IdP"),
            Failure::WrongKey { encrypted_to } => Finding::new(
                Code::DecryptionWrongKey,
                format!(
                    "the {what} could not be decrypted: --sp-key does not fit the certificate the IdP encrypted to ({}, SHA-256 {})",
                    encrypted_to.subject,
                    encrypted_to.fingerprint_display()
                ),
            )
            .hint(format!(
                "pass that certificate's private key with --sp-key; if the SP rotated its encryption certificate, upload the current one to the application's encryption settings in {}",
                idp.name()
            )),
            Failure::Other(reason) => Finding::new(
                Code::DecryptionFailed,
                format!("the {what} could not be decrypted with --sp-key: {}", explain(reason)),
            )
            .hint("check that --sp-key is the private key of the SP certificate the IdP encrypts to (the IdP's app settings name it)"),
        }
    }
}

/// Decrypts the first EncryptedAssertion in place and returns the document re-serialised.
pub fn assertion(doc: &Document, key_pem: &[u8]) -> Result<String, Failure> {
    let root = doc
        .get_root_element()
        .ok_or_else(|| Failure::Other("no root element".into()))?;
    let container = dom::children(&root, dom::SAML, "EncryptedAssertion")
        .into_iter()
        .next()
        .ok_or_else(|| Failure::KeyNotFound("no EncryptedAssertion".into()))?;
    open(doc, &root, &container, "EncryptedAssertion", key_pem)?;
    Ok(doc.serialize())
}

/// Decrypts the EncryptedID in the Subject of the Assertion `assertion` (by node, in this very
/// tree) in place and returns the NameID it held (None when that Assertion has no EncryptedID).
pub fn name_id(
    doc: &Document,
    assertion: crate::xml::model::NodeId,
    key_pem: &[u8],
) -> Result<Option<Node>, Failure> {
    let root = doc
        .get_root_element()
        .ok_or_else(|| Failure::Other("no root element".into()))?;
    let Some(encrypted_id) = dom::all_elements(&root)
        .into_iter()
        .find(|a| dom::identity(a) == assertion.0 && dom::is(a, dom::SAML, "Assertion"))
        .and_then(|a| dom::child(&a, dom::SAML, "Subject"))
        .and_then(|s| dom::child(&s, dom::SAML, "EncryptedID"))
    else {
        return Ok(None);
    };
    open(doc, &root, &encrypted_id, "EncryptedID", key_pem)?;
    Ok(dom::child(&encrypted_id, dom::SAML, "NameID"))
}

/// Decrypts the EncryptedData of `container` in place.
fn open(
    doc: &Document,
    root: &Node,
    container: &Node,
    what: &str,
    key_pem: &[u8],
) -> Result<(), Failure> {
    let data = dom::child(container, XENC, "EncryptedData")
        .ok_or_else(|| Failure::KeyNotFound(format!("no xenc:EncryptedData inside the {what}")))?;
    let key_el = encrypted_key(root, &data)?;
    xmlsec::register_id_attr(doc, "Id");
    // On success `key_el` may point into the freed EncryptedData: it is only read on failure.
    xmlsec::decrypt(data, key_pem).map_err(|reason| diagnose(&key_el, key_pem, reason))
}

/// The EncryptedKey the EncryptedData uses: inside its KeyInfo, or where its same-document
/// RetrievalMethod points.
fn encrypted_key(root: &Node, data: &Node) -> Result<Node, Failure> {
    let ki = dom::child(data, DS, "KeyInfo").ok_or_else(|| {
        Failure::KeyNotFound("the EncryptedData has no ds:KeyInfo naming its EncryptedKey".into())
    })?;
    if let Some(k) = dom::child(&ki, XENC, "EncryptedKey") {
        return Ok(k);
    }
    let Some(rm) = dom::child(&ki, DS, "RetrievalMethod") else {
        return Err(Failure::KeyNotFound(
            "the EncryptedData's KeyInfo holds neither an EncryptedKey nor a RetrievalMethod"
                .into(),
        ));
    };
    let uri = dom::attr(&rm, "URI").unwrap_or_default();
    let Some(id) = uri.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return Err(Failure::KeyNotFound(format!(
            "ds:RetrievalMethod URI {uri:?} is not a same-document #Id reference"
        )));
    };
    let found: Vec<Node> = dom::descendants(root, XENC, "EncryptedKey")
        .into_iter()
        .filter(|k| {
            dom::attr(k, "Id").as_deref() == Some(id) || dom::attr(k, "ID").as_deref() == Some(id)
        })
        .collect();
    match found.as_slice() {
        [k] => Ok(k.clone()),
        [] => Err(Failure::KeyNotFound(format!(
            "ds:RetrievalMethod points to #{id}, and no xenc:EncryptedKey in the message has that Id"
        ))),
        _ => Err(Failure::KeyNotFound(format!(
            "ds:RetrievalMethod points to #{id}, which {} EncryptedKeys claim",
            found.len()
        ))),
    }
}

/// After a failed decryption: does the private key fit the certificate the EncryptedKey names?
fn diagnose(key_el: &Node, key_pem: &[u8], reason: String) -> Failure {
    let cert = dom::child(key_el, DS, "KeyInfo")
        .and_then(|ki| {
            dom::descendants(&ki, DS, "X509Certificate")
                .into_iter()
                .next()
        })
        .and_then(|x| CertInfo::from_base64(&dom::text(&x).0).ok());
    match cert {
        Some(c) if fits(key_pem, &c) == Some(false) => Failure::WrongKey {
            encrypted_to: Box::new(c),
        },
        _ => Failure::Other(reason),
    }
}

/// Whether the private key's public half is the certificate's public key (None: cannot tell).
fn fits(key_pem: &[u8], cert: &CertInfo) -> Option<bool> {
    let key = crate::ossl::PrivateKey::from_pem(key_pem)?;
    let theirs = super::pubkey::from_spki(cert.spki()?).ok()?;
    Some(key.public_eq(&theirs))
}

/// libxmlsec1's reason in words, keeping the raw text at the end.
fn explain(reason: &str) -> String {
    let l = reason.to_ascii_lowercase();
    if l.contains("oaep decoding error") || l.contains("padding check failed") {
        format!("the key could not unwrap the session key (RSA decryption failed), so the IdP most likely encrypted to another SP certificate, and the EncryptedKey names none to compare with ({reason})")
    } else if l.contains("tag") && l.contains("gcm") || l.contains("bad decrypt") {
        format!("the session key unwrapped but the content did not decrypt: the ciphertext was altered or truncated ({reason})")
    } else if l.contains("base64") {
        format!("a CipherValue is not valid base64: the capture was damaged when it was copied ({reason})")
    } else if l.contains("datasize > 0") {
        format!("a CipherValue is empty: the capture was cut short or the IdP sent no ciphertext ({reason})")
    } else if l.contains("not enough data") {
        format!("the encrypted content is shorter than one cipher block: the capture was cut short ({reason})")
    } else if l.contains("invalid size") && l.contains("input data") {
        format!("the encrypted session key does not have the length of this private key: the capture was cut short, or the IdP encrypted to another SP certificate ({reason})")
    } else {
        reason.to_string()
    }
}

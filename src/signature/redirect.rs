//! HTTP-Redirect binding signatures (SAML bindings §3.4.4.1): the signature covers the query
//! octets `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as sent, verified with OpenSSL.

use crate::codes::Code;
use crate::ossl::Digest;
use base64::Engine;

use crate::check::Check;
use crate::finding::{Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::input::RedirectSignature;
use crate::report::{KeyReport, SigResult, SignatureReport};
use crate::trust::store::{TrustStore, TrustedKey};

/// Verifies a captured redirect-binding signature under every trusted key; pushes a finding when
/// it fails. Returns the report and whether it is valid (then it authenticates the whole message).
pub fn verify_capture(
    rs: &RedirectSignature,
    trust: &TrustStore,
    idp: Idp,
    sink: &mut Sink,
) -> (SignatureReport, bool) {
    let alg = rs.sig_alg.to_ascii_lowercase();
    if alg.ends_with("sha1") {
        sink.push(Finding::new(
            Code::AlgorithmSha1,
            format!(
                "the query-string signature's SigAlg {} uses SHA-1",
                rs.sig_alg
            ),
        ));
    } else if !alg.contains("hmac") && !alg.contains("md5") {
        sink.judged(Check::Algorithm);
    }
    if trust.is_empty() {
        return (report(rs, SigResult::NotChecked, None, None), false);
    }
    sink.judged(Check::Signature);
    let mut detail = None;
    for k in trust.keys() {
        match verify(rs, k) {
            Ok(true) => {
                let key = KeyReport {
                    source: k.source.kind().into(),
                    sha256: k.cert.sha256.clone(),
                    subject: k.cert.subject.clone(),
                };
                return (report(rs, SigResult::Valid, Some(key), None), true);
            }
            Ok(false) => {}
            Err(e) => detail = Some(e),
        }
    }
    let why = detail.clone().unwrap_or_else(|| {
        format!(
            "it does not verify under any of the {} trusted certificate(s)",
            trust.len()
        )
    });
    sink.push(
        Finding::new(
            Code::RedirectSignatureInvalid,
            format!(
                "the query-string signature ({}) is invalid: {why}",
                rs.sig_alg
            ),
        )
        .hint(idp.hint(Topic::Certificate)),
    );
    (
        report(rs, SigResult::SignatureMismatch, None, detail),
        false,
    )
}

fn report(
    rs: &RedirectSignature,
    result: SigResult,
    key: Option<KeyReport>,
    detail: Option<String>,
) -> SignatureReport {
    SignatureReport {
        covers: crate::report::Covers::Message,
        reference: None,
        resolves_to: Some("the whole message (query-string signature)".into()),
        line: 0,
        location: "query string (HTTP-Redirect binding)".into(),
        c14n_algorithm: None,
        signature_algorithm: Some(rs.sig_alg.clone()),
        digest_algorithm: None,
        transforms: Vec::new(),
        result,
        key,
        embedded_cert: None,
        valid_under_embedded_cert: None,
        detail,
    }
}

/// Verifies the detached signature under `key`. `Err` names why it could not be checked.
pub fn verify(sig: &RedirectSignature, key: &TrustedKey) -> Result<bool, String> {
    let alg = sig.sig_alg.as_str();
    let (digest, ecdsa) = match alg.rsplit(['#', '/']).next().unwrap_or("") {
        "rsa-sha1" => (Digest::Sha1, false),
        "rsa-sha256" => (Digest::Sha256, false),
        "rsa-sha384" => (Digest::Sha384, false),
        "rsa-sha512" => (Digest::Sha512, false),
        "ecdsa-sha1" => (Digest::Sha1, true),
        "ecdsa-sha256" => (Digest::Sha256, true),
        "ecdsa-sha384" => (Digest::Sha384, true),
        "ecdsa-sha512" => (Digest::Sha512, true),
        _ => return Err(format!("SigAlg {alg} is not supported")),
    };
    let raw = base64::engine::general_purpose::STANDARD
        .decode(sig.signature.split_whitespace().collect::<String>())
        .map_err(|e| format!("Signature parameter is not base64: {e}"))?;
    // The key as the XML signature path reads it (one reader of trusted keys).
    let public = key
        .cert
        .spki()
        .ok_or_else(|| "cannot read the trusted certificate's key".to_string())
        .and_then(super::pubkey::from_spki)?;
    let der = if ecdsa {
        crate::ossl::ecdsa_raw_to_der(&raw)?
    } else {
        raw
    };
    public
        .verify(digest, sig.signed_octets.as_bytes(), &der)
        .map_err(|e| format!("key does not fit SigAlg {alg}: {e}"))
}

//! Signatures: the policy that decides which signatures may count (wrapping defences,
//! algorithms), cryptographic verification through libxmlsec1 under trusted keys only, the
//! embedded-certificate diagnosis, decryption, and the HTTP-Redirect binding signature.

pub mod crosscheck;
pub mod metadata;
pub mod policy;
pub mod redirect;
pub mod xmlsec;

use libxml::tree::Document;

use crate::checks::{Check, Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::report::{CertReport, KeyReport, SigResult, SignatureReport};
use crate::trust::store::TrustStore;
use crate::xml::dom::{self, DS};
use crate::xml::model::Message;

/// What verification established.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    pub reports: Vec<SignatureReport>,
    /// Identities of elements covered by a valid signature that passed every policy rule.
    pub covered: Vec<usize>,
}

/// Checks policy for every signature, verifies the admissible ones under the trusted keys, and
/// records findings. With an empty trust store results are `not_checked`.
pub fn verify_message(
    doc: &Document,
    msg: &Message,
    trust: &TrustStore,
    idp: Idp,
    scope: Scope,
    sink: &mut Sink,
) -> Verification {
    xmlsec::register_ids(doc);
    if scope != Scope::RootOnly {
        policy::message_rules(msg, sink);
    }
    let Some(root) = doc.get_root_element() else {
        return Verification::default();
    };
    let nodes = dom::descendants(&root, DS, "Signature");
    let consumed = msg.consumed().map(|a| a.node);
    let mut out = Verification::default();
    for (info, node) in msg.signatures.iter().zip(nodes.iter()) {
        let on_root = info.parent_node == msg.root_node;
        if (scope == Scope::RootOnly && !on_root) || (scope == Scope::AllButRoot && on_root) {
            continue;
        }
        let decision = policy::signature_rules(doc, msg, info, consumed, sink);
        let embedded = info.embedded_certs.first();
        // Verifying under the embedded certificate is information only; it is computed lazily
        // and reused when that certificate is also a trusted one.
        let mut embedded_result: Option<Option<bool>> = None;
        let mut under_embedded = |trusted_valid_with: Option<&str>| -> Option<bool> {
            *embedded_result.get_or_insert_with(|| match (embedded, decision.crypto_allowed) {
                (Some(c), true) if trusted_valid_with == Some(c.sha256.as_str()) => Some(true),
                (Some(c), true) => {
                    Some(xmlsec::verify(node, c.to_pem().as_bytes()) == xmlsec::Outcome::Valid)
                }
                _ => None,
            })
        };
        let mut result = SigResult::NotChecked;
        let mut key = None;
        let mut detail = decision.refusal.clone();
        if decision.crypto_allowed && !trust.is_empty() {
            let mut outcomes = Vec::new();
            for k in trust.keys() {
                let o = xmlsec::verify(node, k.cert.to_pem().as_bytes());
                if o == xmlsec::Outcome::Valid {
                    key = Some(KeyReport {
                        source: k.source.kind().to_string(),
                        sha256: k.cert.sha256.clone(),
                        subject: k.cert.subject.clone(),
                    });
                    outcomes.clear();
                    result = SigResult::Valid;
                    break;
                }
                outcomes.push(o);
            }
            let valid_under_embedded = under_embedded(key.as_ref().map(|k| k.sha256.as_str()));
            if result != SigResult::Valid {
                let what = format!(
                    "the signature at line {} over {}",
                    info.line, decision.target_desc
                );
                if outcomes.contains(&xmlsec::Outcome::DigestMismatch) {
                    result = SigResult::DigestMismatch;
                    sink.push(
                        Finding::new(
                            "signature-digest-mismatch",
                            format!(
                                "{what}: the digest does not match — {} was modified after signing",
                                decision.target_desc
                            ),
                        )
                        .at(info.line, info.parent_path.clone()),
                    );
                } else if valid_under_embedded == Some(true) {
                    result = SigResult::UntrustedKey;
                    let fp = embedded
                        .map(|c| c.fingerprint_display())
                        .unwrap_or_default();
                    let subj = embedded.map(|c| c.subject.clone()).unwrap_or_default();
                    sink.push(
                        Finding::new(
                            "signature-untrusted-key",
                            format!("{what} is valid under the certificate embedded in the message ({subj}, SHA-256 {fp}), which is not among your trusted certificates — the IdP probably rotated its signing certificate, or the message was re-signed by someone else"),
                        )
                        .hint(idp.hint(Topic::Certificate))
                        .at(info.line, info.parent_path.clone()),
                    );
                } else if let Some(xmlsec::Outcome::Error(e)) = outcomes
                    .iter()
                    .find(|o| matches!(o, xmlsec::Outcome::Error(_)))
                    .filter(|_| !outcomes.contains(&xmlsec::Outcome::SignatureMismatch))
                {
                    result = SigResult::SignatureMismatch;
                    detail = Some(e.clone());
                    sink.push(
                        Finding::new(
                            "signature-error",
                            format!("{what}: libxmlsec1 refused it: {e}"),
                        )
                        .at(info.line, info.parent_path.clone()),
                    );
                } else {
                    result = SigResult::SignatureMismatch;
                    let extra = if valid_under_embedded == Some(false) {
                        " (nor under the certificate embedded in the message)"
                    } else {
                        ""
                    };
                    sink.push(
                        Finding::new("signature-value-mismatch", format!("{what} does not verify under any of the {} trusted certificate(s){extra}: it was signed with another key", trust.len()))
                            .hint(idp.hint(Topic::Certificate))
                            .at(info.line, info.parent_path.clone()),
                    );
                }
            }
        }
        if result == SigResult::Valid && decision.counts {
            out.covered.push(decision.target.unwrap_or_default());
        }
        let valid_under_embedded = under_embedded(key.as_ref().map(|k| k.sha256.as_str()));
        out.reports.push(SignatureReport {
            covers: decision.covers,
            resolves_to: decision.target.map(|_| decision.target_desc.clone()),
            reference: info.reference_uris.first().cloned().flatten(),
            line: info.line,
            location: info.parent_path.clone(),
            c14n_algorithm: info.c14n_algorithm.clone(),
            signature_algorithm: info.signature_algorithm.clone(),
            digest_algorithm: info.digest_algorithm.clone(),
            transforms: info.transforms.clone(),
            result,
            key,
            embedded_cert: embedded.map(CertReport::from),
            valid_under_embedded_cert: valid_under_embedded,
            detail,
        });
    }
    if trust.is_empty() {
        if !msg.signatures.is_empty() && scope != Scope::AllButRoot {
            sink.push(Finding::new("signature-not-checked", "no trusted certificate given (--idp-metadata or --cert), so signatures were not verified"));
        }
    } else {
        sink.judged(Check::Signature);
    }
    out
}

/// Which signatures of the document to process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only signatures sitting in the root (before decryption changes the tree).
    RootOnly,
    /// Everything except those (after decryption).
    AllButRoot,
}

//! Signatures: the policy that decides which signatures may count (wrapping defences,
//! algorithms), cryptographic verification through libxmlsec1 under trusted keys only (the one
//! try-every-trusted-key loop), the embedded-certificate diagnosis, decryption, and the
//! HTTP-Redirect binding signature. What the SP consumes and whether it is authenticated is
//! decided above this, in [`crate::authenticate`].

pub mod decrypt;
pub mod document;
pub mod policy;
pub mod pubkey;
pub mod redirect;
pub mod xmlsec;

use crate::codes::Code;
use crate::xml::dom::{Document, Node};

use crate::check::Check;
use crate::error::InputError;
use crate::finding::{Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::input::Limits;
use crate::report::{CertReport, KeyReport, SigResult, SignatureReport};
use crate::trust::cert::CertInfo;
use crate::trust::store::TrustStore;
use crate::xml::dom::{self, DS};
use crate::xml::model::{Message, NodeId, SignatureInfo};

/// What verification established.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    pub reports: Vec<SignatureReport>,
    /// Identities of elements covered by a valid signature that passed every policy rule.
    pub covered: Vec<NodeId>,
    /// For each covered element, the canonical bytes libxmlsec1 digested for it (the
    /// Reference's pre-digest buffer): what the signature really vouches for.
    pub signed_bytes: Vec<(NodeId, Vec<u8>)>,
}

/// What the signature stage needs besides the document.
#[derive(Debug, Clone, Copy)]
pub struct Budget<'a> {
    pub limits: &'a Limits,
    pub started: std::time::Instant,
}

impl Budget<'_> {
    /// Fails when the per-message time budget (`--max-seconds`) is spent.
    pub fn enforce(&self) -> Result<(), InputError> {
        if self.started.elapsed().as_secs() >= self.limits.max_seconds {
            return Err(InputError::new(format!(
                "analysis took longer than {}s (limit --max-seconds)",
                self.limits.max_seconds
            )));
        }
        Ok(())
    }
}

/// Checks policy for every signature, verifies the admissible ones under the trusted keys, and
/// records findings. With an empty trust store results are `not_checked`. The time budget is
/// checked before every cryptographic operation, and a message with more signatures than
/// `--max-signatures` is refused before any is evaluated.
#[allow(clippy::too_many_arguments)]
pub fn verify_message(
    doc: &Document,
    msg: &Message,
    trust: &TrustStore,
    idp: Idp,
    scope: Scope,
    placement_denied: bool,
    budget: Budget,
    sink: &mut Sink,
) -> Result<Verification, InputError> {
    if msg.signatures.len() > budget.limits.max_signatures {
        return Err(InputError::new(format!(
            "the message holds {} ds:Signature elements, more than {} (limit --max-signatures); a SAML message carries one or two",
            msg.signatures.len(),
            budget.limits.max_signatures
        )));
    }
    xmlsec::register_id_attr(doc, msg.id_attr);
    if scope != Scope::RootOnly {
        policy::message_rules(msg, sink);
    }
    let Some(root) = doc.get_root_element() else {
        return Ok(Verification::default());
    };
    let nodes = dom::descendants(&root, DS, "Signature");
    let consumed = msg.consumed().map(|a| a.node);
    let mut out = Verification::default();
    for info in &msg.signatures {
        // Paired by node identity in this tree, never by position.
        let Some(node) = nodes.iter().find(|n| NodeId(dom::identity(n)) == info.node) else {
            continue;
        };
        let on_root = info.parent_node == msg.root_node;
        if (scope == Scope::RootOnly && !on_root) || (scope == Scope::AllButRoot && on_root) {
            continue;
        }
        let decision =
            policy::signature_rules(doc, msg, info, consumed, idp, placement_denied, sink);
        if decision.crypto_allowed && decision.c14n_work > budget.limits.max_c14n_work {
            return Err(InputError::new(format!(
                "the signature at line {} asks for {} units of canonicalisation work over {}, more than {} (limit --max-c14n-work): its namespace declarations in scope, squared and summed over the signed elements; a real SAML message needs a few thousand",
                info.line, decision.c14n_work, decision.target_desc, budget.limits.max_c14n_work
            )));
        }
        let (report, covered) = verify_one(node, info, &decision, trust, idp, budget, sink)?;
        if let Some((id, bytes)) = covered {
            out.covered.push(id);
            out.signed_bytes.extend(bytes.map(|b| (id, b)));
        }
        out.reports.push(report);
    }
    if trust.is_empty() {
        if !msg.signatures.is_empty() && scope != Scope::AllButRoot {
            sink.push(Finding::new(
                Code::SignatureNotChecked,
                "no trusted certificate given (--idp-metadata or --cert), so signatures were not verified",
            ));
        }
    } else if !msg.signatures.is_empty() {
        sink.judged(Check::Signature);
    }
    Ok(out)
}

/// What one signature authenticates: the element it covers and the bytes that were digested.
type Covered = Option<(NodeId, Option<Vec<u8>>)>;

/// Verifies one signature that policy has judged, under every trusted key in turn; returns its
/// report and, when it is valid and counts, the identity of the element it authenticates. This
/// is the one try-every-trusted-key loop.
fn verify_one(
    node: &Node,
    info: &SignatureInfo,
    decision: &policy::Decision,
    trust: &TrustStore,
    idp: Idp,
    budget: Budget,
    sink: &mut Sink,
) -> Result<(SignatureReport, Covered), InputError> {
    let embedded = info.embedded_certs.first();
    let mut result = SigResult::NotChecked;
    let mut key = None;
    let mut detail = decision.refusal.clone();
    let mut outcomes = Vec::new();
    let mut signed = None;
    if decision.crypto_allowed {
        for k in &trust.candidates(&info.embedded_certs) {
            budget.enforce()?;
            let (o, pre_digest) = xmlsec::verify_signed(node, &k.cert);
            if o == xmlsec::Verification::Valid {
                key = Some(KeyReport {
                    source: k.source.kind().to_string(),
                    sha256: k.cert.sha256.clone(),
                    subject: k.cert.subject.clone(),
                });
                result = SigResult::Valid;
                signed = pre_digest;
                break;
            }
            let digest = o == xmlsec::Verification::DigestMismatch;
            outcomes.push(o);
            // The digest does not depend on the key: another key would redo the same work
            // for the same answer.
            if digest {
                break;
            }
        }
    }
    let digest_failed = outcomes.contains(&xmlsec::Verification::DigestMismatch);
    // The embedded certificate is information only; reuse the trusted result when it is the same.
    let valid_under_embedded = match (embedded, decision.crypto_allowed) {
        (Some(c), true) if key.as_ref().is_some_and(|k| k.sha256 == c.sha256) => Some(true),
        // After a digest failure the embedded key would fail the same digest: not run again.
        (Some(_), true) if digest_failed => None,
        (Some(c), true) => {
            budget.enforce()?;
            Some(xmlsec::verify(node, c) == xmlsec::Verification::Valid)
        }
        _ => None,
    };
    if result != SigResult::Valid && !outcomes.is_empty() {
        let (r, d, finding) = diagnose(
            &outcomes,
            info,
            decision,
            embedded,
            valid_under_embedded,
            trust.len(),
            idp,
        );
        result = r;
        detail = d.or(detail);
        sink.push(finding.at(info.line, info.parent_path.clone()));
    }
    let covered = (result == SigResult::Valid && decision.counts)
        .then(|| (decision.target.unwrap_or_default(), signed));
    let report = SignatureReport {
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
        embedded_cert: embedded.map(CertReport::of),
        valid_under_embedded_cert: valid_under_embedded,
        detail,
    };
    Ok((report, covered))
}

/// Why a signature failed under every trusted key: changed content, a rotated or foreign key,
/// or something libxmlsec1 refused.
fn diagnose(
    outcomes: &[xmlsec::Verification],
    info: &SignatureInfo,
    decision: &policy::Decision,
    embedded: Option<&CertInfo>,
    valid_under_embedded: Option<bool>,
    trusted: usize,
    idp: Idp,
) -> (SigResult, Option<String>, Finding) {
    let what = format!(
        "the signature at line {} over {}",
        info.line, decision.target_desc
    );
    if outcomes.contains(&xmlsec::Verification::DigestMismatch) {
        let msg = format!(
            "{what}: the digest does not match — {} was modified after signing",
            decision.target_desc
        );
        return (
            SigResult::DigestMismatch,
            None,
            Finding::new(Code::SignatureDigestMismatch, msg),
        );
    }
    if let (Some(true), Some(c)) = (valid_under_embedded, embedded) {
        let msg = format!(
            "{what} is valid under the certificate embedded in the message ({}, SHA-256 {}), which is not among your trusted certificates — the IdP probably rotated its signing certificate, or the message was re-signed by someone else",
            c.subject,
            c.fingerprint_display()
        );
        let f = Finding::new(Code::SignatureUntrustedKey, msg).hint(idp.hint(Topic::Certificate));
        return (SigResult::UntrustedKey, None, f);
    }
    let refused = outcomes.iter().find_map(|o| match o {
        xmlsec::Verification::Error(e) => Some(e.clone()),
        _ => None,
    });
    let ecdsa = info
        .signature_algorithm
        .as_deref()
        .is_some_and(|a| a.contains("ecdsa"));
    if ecdsa && info.signature_value.as_deref().is_some_and(is_der_ecdsa) {
        let f = Finding::new(
            Code::SignatureEcdsaDer,
            format!("{what}: the ECDSA SignatureValue is DER-encoded (an ASN.1 SEQUENCE of r and s); XML Signature requires the raw r‖s concatenation (RFC 4050, RFC 6931), so libxmlsec1 and conforming SPs reject it"),
        )
        .hint(format!("the signing code in {} emits Java/OpenSSL-style DER signatures: convert them to r‖s (e.g. Java's SHA256withECDSAinP1363Format), or sign with RSA", idp.name()));
        return (SigResult::SignatureMismatch, refused, f);
    }
    match refused.filter(|_| !outcomes.contains(&xmlsec::Verification::SignatureMismatch)) {
        Some(e) => {
            let f = Finding::new(Code::SignatureError, format!("{what}: {}", explain(&e)));
            (SigResult::SignatureMismatch, Some(e), f)
        }
        None => {
            let extra = if valid_under_embedded == Some(false) {
                " (nor under the certificate embedded in the message)"
            } else {
                ""
            };
            let msg = format!("{what} does not verify under any of the {trusted} trusted certificate(s){extra}: it was signed with another key");
            (
                SigResult::SignatureMismatch,
                None,
                Finding::new(Code::SignatureValueMismatch, msg).hint(idp.hint(Topic::Certificate)),
            )
        }
    }
}

/// libxmlsec1's reason for refusing a signature, in words a person understands (the raw
/// reason stays in the report's `detail`).
fn explain(raw: &str) -> String {
    let l = raw.to_ascii_lowercase();
    let why = if l.contains("key")
        && (l.contains("not found") || l.contains("mismatch") || l.contains("xmlseckeymatch"))
    {
        "the trusted key does not fit the signature algorithm (for example an RSA certificate for an ECDSA signature, or the reverse)"
    } else if l.contains("base64") {
        "the SignatureValue or DigestValue is not valid base64"
    } else if l.contains("size") || l.contains("length") || l.contains("verifynodecontent") {
        "the SignatureValue has the wrong size or shape for this key and algorithm"
    } else if l.contains("transform") || l.contains("uri") {
        "it uses a transform or reference libxmlsec1 does not allow here"
    } else if l.contains("node") && (l.contains("not found") || l.contains("invalid")) {
        "the Signature element is incomplete or malformed (a required child such as SignedInfo, Reference or SignatureValue is missing or misplaced)"
    } else {
        "libxmlsec1 could not evaluate it"
    };
    format!("{why} (libxmlsec1: {})", raw.trim())
}

/// A base64 SignatureValue that decodes to DER `SEQUENCE { INTEGER r, INTEGER s }`.
fn is_der_ecdsa(b64: &str) -> bool {
    let Ok((b, _)) = crate::input::base64::decode(b64) else {
        return false;
    };
    let int = |at: usize| -> Option<usize> {
        (b.get(at) == Some(&2)).then_some(())?;
        let len = *b.get(at + 1)? as usize;
        (len < 0x80 && at + 2 + len <= b.len()).then_some(at + 2 + len)
    };
    if b.len() < 8 || b[0] != 0x30 || b[1] as usize != b.len() - 2 {
        return false;
    }
    int(2).and_then(int) == Some(b.len())
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

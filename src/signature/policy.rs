//! Which signatures may count: the wrapping defences and algorithm rules of the trust contract
//! (ARCHITECTURE.md). A signature that breaks a rule is never counted, whatever its cryptographic
//! result.

use crate::codes::Code;
use crate::xml::dom::Document;

use crate::check::Check;
use crate::finding::{Finding, Sink};
use crate::idp::Idp;
use crate::report::Covers;
use crate::xml::dom;
use crate::xml::model::{Message, MessageKind, NodeId, SignatureInfo};

const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const C14N: [&str; 5] = [
    "http://www.w3.org/2001/10/xml-exc-c14n#",
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
    "http://www.w3.org/2006/12/xml-c14n11",
];

/// The policy decision for one signature.
#[derive(Debug, Clone, Default)]
pub struct Decision {
    /// Safe to hand to libxmlsec1 (same-document reference, allowed transforms and algorithms).
    pub crypto_allowed: bool,
    /// May authenticate content if cryptographically valid.
    pub counts: bool,
    /// `response`, `assertion` or `other`.
    pub covers: Covers,
    /// Identity of the referenced element.
    pub target: Option<NodeId>,
    /// Human description of the referenced element.
    pub target_desc: String,
    /// Why crypto was not attempted.
    pub refusal: Option<String>,
    /// The canonicalisation work verifying it asks for (`--max-c14n-work` units).
    pub c14n_work: u64,
}

impl Decision {
    /// Refused by policy: never handed to libxmlsec1, never counted; `why` is reported.
    fn refuse(&mut self, why: impl Into<String>) {
        self.crypto_allowed = false;
        self.counts = false;
        self.refusal = Some(why.into());
    }
}

/// Message-level rules: one Assertion, no hidden ones, unique IDs.
pub fn message_rules(msg: &Message, sink: &mut Sink) {
    sink.judged(Check::Wrapping);
    if msg.kind == MessageKind::Response {
        let total = msg.assertions.len() + msg.encrypted_assertions;
        if total > 1 {
            sink.push(Finding::new(
                Code::WrappingMultipleAssertions,
                format!("the Response holds {total} assertions (encrypted or not); exactly one is allowed"),
            ));
        }
    }
    for (path, line, _) in &msg.advice_assertions {
        sink.push(
            Finding::new(
                Code::AssertionInAdvice,
                format!("an Assertion sits in the Advice of the consumed Assertion at {path}: SAML allows it as evidence for the SP, which never consumes it as the sign-in"),
            )
            .at(*line, path.clone()),
        );
    }
    for (path, line, _) in &msg.hidden_assertions {
        sink.push(
            Finding::new(
                Code::WrappingHiddenAssertion,
                format!("an Assertion sits at {path}, where no SP should read one"),
            )
            .at(*line, path.clone()),
        );
    }
    for (path, line, why) in &msg.malformed_encrypted {
        sink.push(
            Finding::new(
                Code::WrappingEncryptedAssertion,
                format!("the EncryptedAssertion at {path} is not one encrypted assertion: {why}; nothing in it is consumed or decrypted"),
            )
            .at(*line, path.clone()),
        );
    }
    for id in &msg.duplicate_ids {
        sink.push(Finding::new(
            Code::WrappingDuplicateId,
            format!("ID {id:?} is used by more than one element"),
        ));
    }
}

/// Signature-level rules; pushes a finding for each broken rule.
pub fn signature_rules(
    doc: &Document,
    msg: &Message,
    info: &SignatureInfo,
    consumed: Option<NodeId>,
    idp: Idp,
    placement_denied: bool,
    sink: &mut Sink,
) -> Decision {
    let mut d = Decision {
        covers: Covers::Other,
        crypto_allowed: true,
        counts: true,
        ..Default::default()
    };
    // A signature inside an Advice Assertion is the evidence's own: the SP consumes the outer
    // Assertion, whose signature covers all of it. Information, never judged as a wrapping.
    if in_advice(msg, info) {
        d.covers = Covers::Other;
        d.target_desc = format!("an Assertion in Advice ({})", info.parent_path);
        d.refuse("not evaluated: it sits in an Assertion in Advice, which the SP does not consume (the consumed Assertion's own signature covers it)");
        return d;
    }
    let target = reference_target(doc, msg, info, &mut d, sink);
    match &target {
        Some(t) => coverage(t, msg, info, consumed, idp, placement_denied, &mut d, sink),
        None => d.counts = false,
    }
    object_content(info, sink);
    transforms(info, &mut d, sink);
    algorithms(info, &mut d, sink);
    canonicalization(info, &mut d, sink);
    // A signature that cannot count is never handed to libxmlsec1: its result could change
    // nothing, and junk signatures must not spend the time budget.
    if !d.counts && d.crypto_allowed {
        d.crypto_allowed = false;
        d.refusal.get_or_insert_with(|| {
            "not evaluated: policy already refused it, so its cryptographic result could change nothing".into()
        });
    }
    d
}

/// Whether the signature sits inside an Assertion in the consumed Assertion's Advice.
fn in_advice(msg: &Message, info: &SignatureInfo) -> bool {
    msg.advice_assertions.iter().any(|(path, _, node)| {
        *node == info.parent_node
            || info
                .parent_path
                .strip_prefix(path.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The one Reference's same-document target, resolved as the SAML reader and libxmlsec1 both
/// see it; refusals for a wrong count, URI or ambiguous ID.
fn reference_target(
    doc: &Document,
    msg: &Message,
    info: &SignatureInfo,
    d: &mut Decision,
    sink: &mut Sink,
) -> Option<crate::xml::dom::Node> {
    let at = |f: Finding| f.at(info.line, info.parent_path.clone());
    if info.signed_info_count != 1 || info.reference_uris.len() != 1 {
        sink.push(at(Finding::new(
            Code::WrappingReferenceCount,
            format!("the signature has {} SignedInfo and {} Reference element(s); exactly one of each is allowed", info.signed_info_count, info.reference_uris.len()),
        )));
        d.refuse("refused by policy: not exactly one SignedInfo and one Reference");
    }
    // Resolve the reference ourselves: same-document only.
    let uri = info.reference_uris.first().cloned().flatten();
    let root = doc.get_root_element();
    let target = match uri.as_deref() {
        // The document root's own signature: "" is the whole document (XML-DSig §4.3.3.3), which
        // is exactly that root with the signature taken out by the enveloped transform. It
        // counts, with a policy warning; anywhere else it is refused.
        Some("") if info.parent_node == msg.root_node => {
            sink.push(at(Finding::new(
                Code::SignatureReferenceWholeDocument,
                format!("the {} root's signature references URI=\"\" (the whole document) instead of \"#\" and its ID (SAML core §5.4.2). It covers the whole document, so it counts; ruby-saml, goxmldsig (gosaml2, crewjam/saml) and OpenSAML (Spring, Shibboleth) accept it, node-saml (passport-saml) and Sustainsys.Saml2 reject it", msg.kind.title()),
            )));
            root
        }
        Some("") => {
            sink.push(at(Finding::new(
                Code::WrappingReferenceUri,
                "Reference URI \"\" (the whole document) on a signature that is not the document root's own is refused: it does not name the element the signature sits in (SAML core §5.4.2 requires \"#\" and that element's ID)",
            )));
            d.refuse("refused by policy: URI=\"\" on a signature that is not the root's");
            None
        }
        Some(u) if u.starts_with('#') && u.len() > 1 && !u.contains('(') => {
            let id = &u[1..];
            let found: Vec<_> = root
                .iter()
                .flat_map(|r| {
                    r.subtree_where(|e| e.attr_values_any_ns(&[msg.id_attr]).any(|v| v == id))
                })
                .collect();
            if found.len() != 1 {
                sink.push(at(Finding::new(
                    Code::WrappingReferenceUri,
                    format!("Reference URI {u:?} resolves to {} elements", found.len()),
                )));
                d.refuse(format!(
                    "refused by policy: {u:?} does not resolve to exactly one element"
                ));
            }
            found.into_iter().next()
        }
        other => {
            sink.push(at(Finding::new(
                Code::WrappingReferenceUri,
                format!(
                    "Reference URI {:?} is not a same-document #ID reference",
                    other.unwrap_or("(missing)")
                ),
            )));
            d.refuse("refused by policy: not a same-document reference");
            None
        }
    };
    if let (Some(t), Some(u)) = (&target, uri.as_deref().and_then(|u| u.strip_prefix('#'))) {
        if super::xmlsec::resolve_id(doc, u) != Some(NodeId(dom::identity(t))) {
            sink.push(at(Finding::new(
                Code::WrappingReferenceUri,
                format!("Reference URI \"#{u}\" resolves to a different element for libxmlsec1 than for the SAML reader"),
            )));
            d.refuse("refused by policy: ambiguous ID resolution");
        }
    }
    target
}

/// What the target is (the root, the consumed Assertion, an Advice Assertion, something else)
/// and whether the signature's place lets it count.
#[allow(clippy::too_many_arguments)]
fn coverage(
    t: &crate::xml::dom::Node,
    msg: &Message,
    info: &SignatureInfo,
    consumed: Option<NodeId>,
    idp: Idp,
    placement_denied: bool,
    d: &mut Decision,
    sink: &mut Sink,
) {
    let at = |f: Finding| f.at(info.line, info.parent_path.clone());
    let id = NodeId(dom::identity(t));
    d.target = Some(id);
    d.c14n_work = crate::xml::el::El::of(t).map_or(0, |e| e.c14n_work());
    d.target_desc = format!("{} (line {})", dom::path(t), dom::line(t));
    let advice = msg.advice_assertions.iter().any(|(_, _, n)| *n == id);
    if id == msg.root_node {
        d.covers = match msg.kind {
            MessageKind::Response => Covers::Response,
            MessageKind::Saml11Assertion => Covers::Assertion,
            _ => Covers::Message,
        };
    } else if Some(id) == consumed {
        d.covers = Covers::Assertion;
    } else if advice && id == info.parent_node {
        // An Advice Assertion's own signature: information, never what the SP consumes.
        d.refuse("not evaluated: it signs an Assertion in Advice, which the SP does not consume");
    } else {
        sink.push(at(Finding::new(
            Code::WrappingReferenceTarget,
            format!("the signature covers {}, which is neither the {} root nor the Assertion it consumes", d.target_desc, msg.kind.title()),
        )));
        d.counts = false;
    }
    if id == info.parent_node && !info.schema_position && d.counts {
        // Enveloped in the very element it signs, and that element is the root or the
        // consumed Assertion: its position among the siblings cannot change what is signed,
        // so it is no wrapping attack and it counts. SPs that validate the schema reject
        // it: `--deny signature-placement-unusual` makes samlcheck one of them.
        // Auth0 appends the Response signature as the last child (node-saml and XML::Sig
        // based IdPs do too); other products are not named, as nothing says they do.
        let who = match idp {
            Idp::Auth0 => format!("; {} places it there", idp.name()),
            _ => String::new(),
        };
        let verdict = if placement_denied {
            "--deny signature-placement-unusual is set, so samlcheck does not count it"
        } else {
            "it counts; SPs that validate the schema position (python3-saml, ruby-saml) reject it"
        };
        sink.push(at(Finding::new(
            Code::SignaturePlacementUnusual,
            format!("the signature in {} is not where the SAML schema puts it (right after the Issuer, SAML core §5.4.1 and the schema of §2.3.3/§3.2.1){who}. It signs the whole {} it sits in, so this is no wrapping attack: {verdict}", info.parent_path, d.covers),
        )));
        if placement_denied {
            d.counts = false;
        }
    }
    if id != info.parent_node {
        sink.push(at(Finding::new(
            Code::WrappingSignaturePlacement,
            format!(
                "the signature sits in {} but references {}",
                info.parent_path, d.target_desc
            ),
        )));
        d.counts = false;
    }
}

/// Content in a `ds:Object`: never signed by an enveloped signature.
fn object_content(info: &SignatureInfo, sink: &mut Sink) {
    let at = |f: Finding| f.at(info.line, info.parent_path.clone());
    if !info.object_content.is_empty() {
        sink.push(at(Finding::new(
            Code::SignatureObjectContent,
            format!(
                "the signature carries a ds:Object holding {}: SAML signatures carry no Object, and what is in one is not signed by an enveloped signature. samlcheck never reads values from inside ds:Signature, but an SP that searches descendants might (XML Signature Wrapping hides a forged NameID or Assertion there)",
                info.object_content.join(", ")
            ),
        )));
    }
}

/// Transforms: enveloped-signature and C14N variants, at most two.
fn transforms(info: &SignatureInfo, d: &mut Decision, sink: &mut Sink) {
    let at = |f: Finding| f.at(info.line, info.parent_path.clone());
    // Transforms: enveloped-signature and C14N variants, at most two.
    let bad: Vec<&String> = info
        .transforms
        .iter()
        .filter(|t| t.as_str() != ENVELOPED && !C14N.contains(&t.as_str()))
        .collect();
    if !bad.is_empty() || info.transforms.len() > 2 {
        let what = if bad.is_empty() {
            format!("{} transforms (at most 2 allowed)", info.transforms.len())
        } else {
            format!("transform {}", bad[0])
        };
        sink.push(at(Finding::new(
            Code::WrappingTransform,
            format!("the signature uses {what}"),
        )));
        d.refuse(format!("refused by policy: {what}"));
    }
}

/// Algorithms: MD5 and HMAC refused, unknown ones not checked, SHA-1 one warning per signature.
fn algorithms(info: &SignatureInfo, d: &mut Decision, sink: &mut Sink) {
    let at = |f: Finding| f.at(info.line, info.parent_path.clone());
    // Algorithms: MD5 and HMAC refused, unknown ones not checked, SHA-1 one warning per signature.
    let supported = [
        (
            info.signature_algorithm.as_deref(),
            &super::xmlsec::SIGNATURE_ALGORITHMS[..],
        ),
        (
            info.digest_algorithm.as_deref(),
            &super::xmlsec::DIGEST_ALGORITHMS[..],
        ),
    ];
    let mut sha1 = Vec::new();
    for (alg, known) in supported {
        let Some(alg) = alg else { continue };
        let l = alg.to_ascii_lowercase();
        if l.contains("hmac") || l.contains("md5") {
            sink.push(at(Finding::new(
                Code::AlgorithmForbidden,
                format!("algorithm {alg} is refused (MD5 and HMAC are never accepted)"),
            )));
            d.refuse(format!("refused by policy: algorithm {alg}"));
        } else if !known.contains(&alg) {
            // Unsupported is not invalid: the signature is not checked, and the message cannot pass.
            sink.push(at(Finding::new(
                Code::AlgorithmUnsupported,
                format!("the signature uses {alg}, which libxmlsec1 {} does not implement: it was not checked, so nothing it covers is authenticated", super::xmlsec::version()),
            )));
            d.refuse(format!("not checked: libxmlsec1 does not implement {alg}"));
        } else if l.ends_with("sha1") {
            sha1.push(alg);
        } else {
            sink.judged(Check::Algorithm);
        }
    }
    if !sha1.is_empty() {
        sink.push(at(Finding::new(
            Code::AlgorithmSha1,
            format!(
                "the signature at line {} uses SHA-1 ({})",
                info.line,
                sha1.join(", ")
            ),
        )));
    }
}

/// The canonicalization method: a C14N variant only.
fn canonicalization(info: &SignatureInfo, d: &mut Decision, sink: &mut Sink) {
    let at = |f: Finding| f.at(info.line, info.parent_path.clone());
    if let Some(c) = &info.c14n_algorithm {
        if !C14N.contains(&c.as_str()) {
            sink.push(at(Finding::new(
                Code::WrappingTransform,
                format!("canonicalization method {c} is not allowed"),
            )));
            d.refuse(format!("refused by policy: canonicalization method {c}"));
        }
    }
}

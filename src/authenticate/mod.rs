//! The trust stage: what does the SP consume, and is it authenticated? One stage for every
//! message kind (Response, bare Assertion, SAML 1.1 token, AuthnRequest, logout messages, the
//! redirect binding); a kind differs only in the reader that built its [`Message`].
//!
//! The rule, in DESIGN terms, written once here:
//! 1. A signature counts only when it passed every policy rule (`policy`: same-document `#ID`
//!    Reference to the element it sits in, which is the root or the one consumed Assertion;
//!    allowed transforms and algorithms) and verified under a key the user trusts. Nothing
//!    that policy refused is handed to libxmlsec1.
//! 2. A value is authenticated only when it was read from the covered element through its
//!    schema children (the readers in `xml::extract` and `xml::saml11` never search
//!    descendants and never read inside `ds:Signature`), and a second parser reading the same
//!    fields from libxmlsec1's pre-digest bytes of the counting Reference (what was hashed)
//!    agrees; a disagreement is `wrapping-parser-disagreement` and nothing is authenticated.
//! 3. A Response or SAML 1.1 token is authenticated when its root or its consumed Assertion is
//!    covered. An AuthnRequest or logout message is authenticated only by its own root
//!    signature or, over HTTP-Redirect, its query signature, under its sender's key; an
//!    Assertion inside one is never authenticated. A Response over HTTP-Redirect and SigAlg /
//!    Signature in a POST body are profile violations, never authentication.
//! 4. Signatures on the root are verified before decryption (they cover the ciphertext), the
//!    rest after it. A message whose Assertion could not be opened is never a pass.

use crate::codes::Code;
use crate::xml::dom::Document;

pub mod coverage;
pub mod crosscheck;

use crate::check::{Check, Severity};
use crate::error::InputError;
use crate::finding::Policy;
use crate::finding::{Finding, Sink};
use crate::idp::{Idp, Topic};
use crate::input::{Capture, Limits};
use crate::report::SignatureReport;
use crate::signature::{decrypt, redirect, Budget, Scope, Verification};
use crate::trust::store::TrustStore;
use crate::xml::model::{Message, MessageKind, NodeId};
use crate::xml::{dom, extract};
use crosscheck::Layout;

/// What the trust stage needs besides the message.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub trust: &'a TrustStore,
    pub sp_key: Option<&'a [u8]>,
    pub limits: &'a Limits,
    /// The SP's metadata says WantAssertionsSigned="true".
    pub want_assertions_signed: bool,
    /// `verify`: what could not be opened is an error; `inspect` reports it as a warning.
    pub strict: bool,
    pub idp: Idp,
    pub policy: &'a Policy,
    pub started: std::time::Instant,
}

impl Inputs<'_> {
    /// What could not be opened (no `--sp-key`) is an error in `verify`, a warning in `inspect`.
    fn unopened(&self) -> Severity {
        if self.strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    fn budget(&self) -> Budget<'_> {
        Budget {
            limits: self.limits,
            started: self.started,
        }
    }
}

/// The proof that what the SP acts on was authenticated: the consumed Assertion (a Response,
/// a token) or the message itself (a request, a logout message) is covered by a signature that
/// verified under a key the user trusts for its sender, passed every policy and wrapping rule,
/// agreed with the second parser's reading of the signed bytes, and nothing identity-shaped
/// sits outside it. Only this module can make one (its fields are private), so everything
/// reported as authenticated — `subject.authenticated`, the email source, the attributes, a
/// replay — reads from a value the trust stage created.
#[derive(Debug)]
pub struct Proof {
    covers: NodeId,
    key_sha256: Option<String>,
}

impl Proof {
    /// The element the verified signature covers (the root or the consumed Assertion).
    pub fn covers(&self) -> NodeId {
        self.covers
    }

    /// SHA-256 of the trusted key that verified it.
    pub fn key_sha256(&self) -> Option<&str> {
        self.key_sha256.as_deref()
    }
}

/// What the trust stage established.
#[derive(Debug)]
pub struct Trusted {
    /// The message to judge: the decrypted one when decryption worked.
    pub msg: Message,
    pub signatures: Vec<SignatureReport>,
    /// Present only when what the SP acts on is authenticated (see [`Proof`]).
    pub proof: Option<Proof>,
    /// The EncryptedAssertion was decrypted with `--sp-key`.
    pub decrypted: bool,
}

impl Trusted {
    /// Whether what the SP acts on is authenticated: a [`Proof`] exists.
    pub fn authenticated(&self) -> bool {
        self.proof.is_some()
    }
}

/// Runs the trust stage over a parsed message.
pub fn establish(
    capture: &Capture,
    doc: Document,
    msg: Message,
    inp: &Inputs,
    sink: &mut Sink,
) -> Result<Trusted, InputError> {
    let Opened {
        doc,
        mut msg,
        verification,
        decrypted_xml,
        sealed_content,
    } = verify_and_decrypt(doc, msg, inp, sink)?;
    let mut signatures = verification.reports;
    let mut covered = verification.covered;

    binding(capture, &msg, inp, &mut signatures, &mut covered, sink);
    note_reindented(capture, &signatures, inp, sink);
    let consumed = msg.consumed();
    let root_covered = covered.contains(&msg.root_node);
    let mut authenticated = if msg.kind.is_protocol_only() {
        root_covered
    } else {
        consumed.is_some_and(|a| covered.contains(&a.node)) || root_covered
    };
    if let Some(a) = consumed.filter(|_| authenticated) {
        if let Some(reason) = cross_check(
            &msg,
            a,
            &verification.signed_bytes,
            decrypted_xml.as_deref(),
            &capture.xml,
        ) {
            sink.push(Finding::new(Code::WrappingParserDisagreement, reason));
            authenticated = false;
        }
    }
    if !inp.trust.is_empty() && consumed.is_some() {
        sink.judged(Check::Signature);
    }
    open_encrypted_id(&doc, &mut msg, inp, sink)?;
    let identity = authenticated;
    if identity {
        for f in sealed_content {
            sink.push(f);
        }
    }
    let rule = if identity {
        coverage::Rule::Coverage
    } else {
        coverage::Rule::InSignature
    };
    walk_coverage(&doc, &msg, &covered, rule, sink);
    outside_token(capture, sink);
    // A message with identity outside its signature is manipulated: its signed part is not
    // reported as an authenticated sign-in either.
    // Text split by a comment or CDATA (addable after signing) is manipulated identity too.
    if identity_outside(sink) || (!msg.kind.is_protocol_only() && !msg.comments.is_empty()) {
        authenticated = false;
    }
    want_assertion_signed(&msg, &covered, authenticated, inp, sink);
    if msg.kind.is_protocol_only() && !authenticated {
        unauthenticated(&msg, capture, inp, sink);
    } else if !inp.trust.is_empty() && !msg.kind.is_protocol_only() && !authenticated {
        missing(&msg, inp, sink);
    }
    let proof = authenticated.then(|| {
        let covers = match msg.consumed() {
            Some(a) if covered.contains(&a.node) => a.node,
            _ => msg.root_node,
        };
        Proof {
            covers,
            key_sha256: signatures
                .iter()
                .find(|s| s.result == crate::report::SigResult::Valid)
                .and_then(|s| s.key.as_ref())
                .map(|k| k.sha256.clone()),
        }
    });
    Ok(Trusted {
        decrypted: decrypted_xml.is_some(),
        msg,
        signatures,
        proof,
    })
}

/// The binding the message came over: a Response over HTTP-Redirect and a query signature in a
/// POST are refused; a request's or logout message's query signature is verified.
fn binding(
    capture: &Capture,
    msg: &Message,
    inp: &Inputs,
    signatures: &mut Vec<crate::report::SignatureReport>,
    covered: &mut Vec<crate::xml::model::NodeId>,
    sink: &mut Sink,
) {
    let via_redirect = capture.steps.contains(&crate::input::Step::Url)
        && capture.steps.contains(&crate::input::Step::Inflate);
    if capture.redirect.is_none() && via_redirect && msg.kind == MessageKind::Response {
        sink.push(Finding::new(
            Code::BindingRedirectResponse,
            "the Response came DEFLATE-compressed in a URL query (HTTP-Redirect binding), which the Web Browser SSO profile does not allow for Responses (SAML profiles §4.1.2)",
        ));
    }
    if let Some(rs) = &capture.redirect {
        if !rs.in_url {
            sink.push(Finding::new(
                Code::BindingDetachedSignaturePost,
                "the form body carries SigAlg and Signature parameters: those belong to the HTTP-Redirect binding (SAML bindings §3.4.4.1), and with HTTP-POST the signature must be inside the XML (§3.5.4); they authenticate nothing",
            ));
        } else if msg.kind == MessageKind::Response {
            sink.push(Finding::new(
                Code::BindingRedirectResponse,
                "the Response came in a URL query (HTTP-Redirect binding), which the Web Browser SSO profile does not allow for Responses (SAML profiles §4.1.2); its query signature authenticates nothing here",
            ));
        } else {
            // HTTP-Redirect binding: the query signature authenticates the whole message.
            let (report, valid) = redirect::verify_capture(rs, inp.trust, inp.idp, sink);
            if valid {
                covered.push(msg.root_node);
            }
            signatures.push(report);
        }
    }
}

/// A digest that fails as captured but holds without the whitespace between elements: the
/// message was re-indented after signing.
fn note_reindented(
    capture: &Capture,
    signatures: &[crate::report::SignatureReport],
    inp: &Inputs,
    sink: &mut Sink,
) {
    if signatures
        .iter()
        .any(|s| s.result == crate::report::SigResult::DigestMismatch)
        && reindented(&capture.xml, inp)
    {
        sink.push(
            Finding::new(
                Code::SignatureReindented,
                "the digest fails as captured but matches once the whitespace between elements is removed: the message was re-indented (pretty-printed) after signing, which changes what was signed",
            )
            .hint("use the raw capture (the SAMLResponse value as posted, a HAR, or `samlcheck decode --raw`), never XML an editor or `samlcheck decode` reformatted"),
        );
    }
}

/// `WantAssertionsSigned`: the consumed Assertion must carry its own signature.
fn want_assertion_signed(
    msg: &Message,
    covered: &[crate::xml::model::NodeId],
    authenticated: bool,
    inp: &Inputs,
    sink: &mut Sink,
) {
    if inp.want_assertions_signed && authenticated {
        if let Some(a) = msg.consumed().filter(|a| !covered.contains(&a.node)) {
            sink.push(
                Finding::new(
                    Code::AssertionSignatureRequired,
                    "the SP metadata says WantAssertionsSigned=\"true\" but only the Response is signed",
                )
                .hint(inp.idp.hint(Topic::Signing))
                .at(a.line, a.path.clone()),
            );
        }
    }
}

/// Whether a signature that fails as captured verifies once whitespace-only text between
/// elements is dropped: the tell-tale of a message re-indented after signing. Only looked at when
/// a digest failed, and only for diagnosis: nothing it verifies is authenticated.
fn reindented(xml: &[u8], inp: &Inputs) -> bool {
    let text = String::from_utf8_lossy(xml);
    if !text.contains(">\n ") && !text.contains(">\n\t") && !text.contains(">\r\n ") {
        return false;
    }
    let Ok(doc) = dom::parse_without_blanks(xml) else {
        return false;
    };
    // A second run of libxmlsec1 only for a message whose canonicalisation is cheap: the
    // diagnosis must never double the work a hostile message asks for.
    let work = crate::xml::el::El::root(&doc).map_or(0, |r| r.c14n_work());
    if work > inp.limits.max_c14n_work / 16 {
        return false;
    }
    let Ok(msg) = extract::message(&doc) else {
        return false;
    };
    let mut scratch = Sink::default();
    crate::signature::verify_message(
        &doc,
        &msg,
        inp.trust,
        inp.idp,
        Scope::All,
        false,
        inp.budget(),
        &mut scratch,
    )
    .is_ok_and(|v| {
        v.reports
            .iter()
            .any(|r| r.result == crate::report::SigResult::Valid)
    })
}

/// The second reading of the consumed Assertion: from the pre-digest bytes of the signature that
/// covers it (its own, else the Response's), else from the document as decoded (an Assertion
/// decrypted from a ciphertext that the Response signature covered).
fn cross_check(
    msg: &Message,
    a: &crate::xml::model::Assertion,
    signed: &[(crate::xml::model::NodeId, Vec<u8>)],
    decrypted_xml: Option<&str>,
    captured: &[u8],
) -> Option<String> {
    let bytes_of = |id| {
        signed
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, b)| b.as_slice())
    };
    if msg.kind == MessageKind::Saml11Assertion {
        let bytes = bytes_of(a.node).unwrap_or(captured);
        return crosscheck::disagreement(bytes, a, Layout::Saml11);
    }
    if let Some(bytes) = bytes_of(a.node) {
        return crosscheck::disagreement(bytes, a, Layout::Assertion);
    }
    match bytes_of(msg.root_node) {
        Some(bytes) if !a.decrypted => crosscheck::disagreement(bytes, a, Layout::Response),
        _ => {
            let xml = decrypted_xml.map(str::as_bytes).unwrap_or(captured);
            crosscheck::disagreement(xml, a, Layout::Response)
        }
    }
}

/// An AuthnRequest or logout message whose own signature did not verify under a key of its
/// sender: what was not checked, and which flag supplies the key.
fn unauthenticated(msg: &Message, capture: &Capture, inp: &Inputs, sink: &mut Sink) {
    let flags = match msg.kind {
        MessageKind::AuthnRequest => "the SP's key: --sp-metadata FILE or --sp-cert FILE",
        _ => "the sender's key: --sp-metadata/--sp-cert for the SP, --idp-metadata/--cert for the IdP",
    };
    let signed = msg
        .signatures
        .iter()
        .any(|s| s.parent_node == msg.root_node)
        || capture.redirect.as_ref().is_some_and(|r| r.in_url);
    // `inspect` of an ordinary unsigned request (most SPs do not sign them), or of one whose key
    // was not given, is information; a signature that fails under a given key is a problem.
    let severity = if inp.strict || (signed && !inp.trust.is_empty()) {
        Severity::Error
    } else {
        Severity::Info
    };
    let why = if !signed {
        "it carries no signature of its own (neither an enveloped ds:Signature on its root nor a query-string signature)"
            .to_string()
    } else if inp.trust.is_empty() {
        format!("no key of its sender was given, so its signature was not verified; pass {flags}")
    } else {
        "its signature did not verify under any trusted key of its sender, or policy refused it (see the findings above)".to_string()
    };
    sink.push(
        Finding::new(
            Code::MessageUnauthenticated,
            format!(
                "nothing about this {} is authenticated: {why}",
                msg.kind.title()
            ),
        )
        .severity(severity)
        .hint(format!("a request or logout message passes verify only when its own signature verifies under {flags}")),
    );
}

/// The coverage walk found identity no signature covers (or a name in no namespace).
fn identity_outside(sink: &Sink) -> bool {
    sink.has(Code::WrappingUncoveredIdentity) || sink.has(Code::WrappingUnboundPrefix)
}

/// `signature-missing` when the SP would consume something (or the status is Success) and
/// nothing of it is authenticated; the attack wording only after a wrapping error.
fn missing(msg: &Message, inp: &Inputs, sink: &mut Sink) {
    let success = msg.status.as_ref().and_then(|s| s.code.as_deref())
        == Some("urn:oasis:names:tc:SAML:2.0:status:Success");
    let sealed = msg.encrypted_assertions > 0;
    if msg.consumed().is_none() && !success {
        return;
    }
    // An assertion nobody could open is reported by `decryption`, not as an unsigned message.
    if sealed && msg.consumed().is_none() {
        return;
    }
    let why = if identity_outside(sink) {
        "the message holds identity-shaped content outside its signature (see the wrapping findings), so its signed part is not taken as the sign-in".to_string()
    } else if !msg.comments.is_empty() && !msg.signatures.is_empty() {
        "a signed value is split by a comment or CDATA section (see comment-in-text), which can be added after signing, so the message is not taken as the sign-in".to_string()
    } else if msg.signatures.is_empty() {
        "the message carries no signature".to_string()
    } else if sink.has(Code::AlgorithmForbidden) {
        "its signature uses an algorithm that is never accepted (see algorithm-forbidden)"
            .to_string()
    } else if sink.has(Code::AlgorithmUnsupported) {
        "its signature uses an algorithm libxmlsec1 cannot check (see algorithm-unsupported)"
            .to_string()
    } else if sink.has(Code::SignaturePlacementUnusual) {
        "its only valid signature sits outside the schema position and --deny signature-placement-unusual is set".to_string()
    } else {
        format!("no signature that passed verification and every wrapping rule covers the {} or the consumed Assertion", msg.kind.title())
    };
    let wrapped = sink
        .findings()
        .iter()
        .any(|f| f.check == Check::Wrapping && f.severity == Severity::Error);
    // The fix follows why: a signature that is there but did not verify is a key or content
    // problem (turning on signing would change nothing); only a missing one is a signing setting.
    let hint = if wrapped {
        "the signature does not cover what an SP would read: the message looks manipulated (XML Signature Wrapping); treat it as an attack, not as an IdP configuration problem".to_string()
    } else if sink.has(Code::SignatureUntrustedKey) || sink.has(Code::SignatureValueMismatch) {
        format!(
            "the IdP signs it, with a key you did not trust: {}",
            inp.idp.hint(Topic::Certificate)
        )
    } else if sink.has(Code::SignatureDigestMismatch) {
        "the IdP signed it, and the signed content changed afterwards: check the raw capture (see the digest finding above) before changing any IdP setting".to_string()
    } else {
        inp.idp.hint(Topic::Signing)
    };
    sink.push(
        Finding::new(
            Code::SignatureMissing,
            format!("nothing the SP would consume is authenticated: {why}"),
        )
        .hint(hint),
    );
}

/// What verification and decryption leave: the final tree (the decrypted one when decryption
/// worked) with its model, and what was walked before decryption replaced the ciphertext.
struct Opened {
    doc: Document,
    msg: Message,
    verification: Verification,
    decrypted_xml: Option<String>,
    /// Coverage findings inside the EncryptedData that decryption replaced (its KeyInfo):
    /// reported only when something is authenticated.
    sealed_content: Vec<Finding>,
}

/// Verifies signatures and, with `--sp-key`, decrypts the EncryptedAssertion: signatures on the
/// root are verified before decryption (they cover the ciphertext), the rest after it.
fn verify_and_decrypt(
    doc: Document,
    msg: Message,
    inp: &Inputs,
    sink: &mut Sink,
) -> Result<Opened, InputError> {
    let (trust, idp) = (inp.trust, inp.idp);
    let deny = inp.policy.denies(Code::SignaturePlacementUnusual);
    let verify = |doc: &Document, msg: &Message, scope, sink: &mut Sink| {
        crate::signature::verify_message(doc, msg, trust, idp, scope, deny, inp.budget(), sink)
    };
    let plain = |doc, msg, verification| Opened {
        doc,
        msg,
        verification,
        decrypted_xml: None,
        sealed_content: Vec::new(),
    };
    if msg.encrypted_assertions == 0 || !msg.malformed_encrypted.is_empty() {
        let v = verify(&doc, &msg, Scope::All, sink)?;
        return Ok(plain(doc, msg, v));
    }
    sink.judged(Check::Decryption);
    let Some(key) = inp.sp_key else {
        let v = verify(&doc, &msg, Scope::All, sink)?;
        sealed(inp, sink);
        return Ok(plain(doc, msg, v));
    };
    let outer = verify(&doc, &msg, Scope::RootOnly, sink)?;
    let root_covered = outer.covered.contains(&msg.root_node);
    // What decryption replaces (the EncryptedData, its KeyInfo included) is walked now.
    let mut sealed_sink = Sink::default();
    if let Some(data) = crate::xml::el::El::root(&doc)
        .and_then(|r| r.child(crate::xml::dom::SAML, "EncryptedAssertion"))
        .and_then(|e| e.child(crate::xml::dom::XENC, "EncryptedData"))
    {
        let scope = coverage::Scope {
            covered: &outer.covered,
            envelope: &[],
            reported: &[],
            rule: coverage::Rule::Coverage,
        };
        coverage::walk(data, root_covered, &scope, &mut sealed_sink);
    }
    let xml = match decrypt::assertion(&doc, key) {
        Ok(xml) => xml,
        Err(failure) => {
            sink.push(failure.finding(idp, "EncryptedAssertion"));
            // The message rules (one Assertion, no hidden ones, unique IDs) still hold for
            // what was received.
            crate::signature::policy::message_rules(&msg, sink);
            return Ok(plain(doc, msg, outer));
        }
    };
    drop(doc);
    let (doc, _) = dom::parse_guarded(xml.as_bytes(), inp.limits)?;
    let msg = extract::decrypted(&doc)?;
    let mut inner = verify(&doc, &msg, Scope::AllButRoot, sink)?;
    if root_covered {
        inner.covered.push(msg.root_node);
    }
    let mut reports = outer.reports;
    reports.extend(inner.reports);
    inner.reports = reports;
    Ok(Opened {
        doc,
        msg,
        verification: inner,
        decrypted_xml: Some(xml),
        sealed_content: sealed_sink.into_sorted(),
    })
}

/// The consumed Assertion's Subject holds an EncryptedID: with `--sp-key` it is decrypted in
/// place, in the one tree the Assertion was read from (found by node, never by line), and its
/// NameID read (authenticated when the Assertion is: the signature covers the ciphertext);
/// without, the SP's user identity went unchecked.
fn open_encrypted_id(
    doc: &Document,
    msg: &mut Message,
    inp: &Inputs,
    sink: &mut Sink,
) -> Result<(), InputError> {
    let Some(a) = msg.consumed() else {
        return Ok(());
    };
    let encrypted = a
        .subject
        .as_ref()
        .is_some_and(|s| s.encrypted_id && s.name_id.is_none());
    if !encrypted {
        return Ok(());
    }
    sink.judged(Check::Decryption);
    let (node, line, path) = (a.node, a.line, format!("{}/Subject/EncryptedID", a.path));
    let Some(key) = inp.sp_key else {
        let severity = inp.unopened();
        sink.push(
            Finding::new(
                Code::NameidEncrypted,
                "the Subject's NameID is encrypted (EncryptedID) and no --sp-key was given: the user's identity the SP reads from it was not checked",
            )
            .severity(severity)
            .hint("pass the SP's private key with --sp-key FILE (PEM) to decrypt and check it; samlcheck never sends it anywhere")
            .at(line, path),
        );
        return Ok(());
    };
    match decrypt::name_id(doc, node, key) {
        Ok(Some(n)) => {
            let mut comments = Vec::new();
            let name_id = extract::read_name_id(&n, &mut comments);
            if let Some(s) = msg.assertions.first_mut().and_then(|a| a.subject.as_mut()) {
                s.name_id = name_id;
            }
            msg.comments.extend(comments);
        }
        Ok(None) => {}
        Err(failure) => sink.push(failure.finding(inp.idp, "EncryptedID").at(line, path)),
    }
    Ok(())
}

/// A WS-Federation token's envelope holding identity-shaped elements outside the token: the
/// same rule as a Response holding them beside its Assertion (several Assertions fail).
fn outside_token(capture: &Capture, sink: &mut Sink) {
    for path in &capture.outside_token {
        sink.push(
            Finding::new(
                Code::WrappingUncoveredIdentity,
                format!("the WS-Federation envelope holds {path} outside the RequestedSecurityToken that was checked: no signature covers it, and an SP that finds SAML elements by local name or takes another Assertion from the RequestSecurityTokenResponse would read it as identity"),
            )
            .at(0, path.clone()),
        );
    }
}

/// The coverage walk ([`coverage`]) over the final tree: the identity rule for a message that
/// signs someone in once something is authenticated, unbound prefixes for every message.
fn walk_coverage(
    doc: &Document,
    msg: &Message,
    covered: &[crate::xml::model::NodeId],
    rule: coverage::Rule,
    sink: &mut Sink,
) {
    let Some(root) = crate::xml::el::El::root(doc) else {
        return;
    };
    let mut envelope = Vec::new();
    let mut reported = Vec::new();
    if rule == coverage::Rule::Coverage {
        let consumed = msg.consumed().map(|a| a.node.0);
        for e in root.subtree() {
            let id = e.identity();
            if Some(id) == consumed {
                let mut up = e.parent();
                while let Some(p) = up {
                    envelope.push(p.identity());
                    up = p.parent();
                }
            }
            let hidden = msg.hidden_assertions.iter().any(|(_, _, n)| n.0 == id);
            let malformed = e.local_name() == b"EncryptedAssertion"
                && msg
                    .malformed_encrypted
                    .iter()
                    .any(|(p, l, _)| *l == e.line() && *p == e.path());
            if hidden || malformed {
                reported.push(id);
            }
        }
    }
    let scope = coverage::Scope {
        covered,
        envelope: &envelope,
        reported: &reported,
        rule,
    };
    coverage::walk(root, false, &scope, sink);
}

/// The Assertion is encrypted and no key was given: nothing inside it was checked.
fn sealed(inp: &Inputs, sink: &mut Sink) {
    let severity = inp.unopened();
    sink.push(
        Finding::new(
            Code::AssertionEncrypted,
            "the Response carries an EncryptedAssertion and no --sp-key was given: its subject, conditions, audience, attributes and inner signature were not checked",
        )
        .severity(severity)
        .hint("pass the SP's private key with --sp-key FILE (PEM) to decrypt and check it; samlcheck never sends it anywhere"),
    );
}

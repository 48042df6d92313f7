//! The trust stage: what does the SP consume, and is it authenticated?
//!
//! The rule, in one place: a value is authenticated only when a signature that passed every
//! policy rule and verified under a trusted key covers the Response root or the consumed
//! Assertion (or, for the HTTP-Redirect binding, the query signature verified), and a second
//! parser reads that Assertion the same way libxml2 did. The stage verifies the signatures on
//! the root (they cover the ciphertext), decrypts with `--sp-key`, verifies the signatures
//! inside, and returns the message to judge with what covers it. A message whose Assertion it
//! could not open is never a pass.

use libxml::tree::Document;

use super::{crosscheck, decrypt, redirect, Scope, Verification};
use crate::checks::{Check, Finding, Severity, Sink};
use crate::error::InputError;
use crate::idp::{Idp, Topic};
use crate::input::{Capture, Limits};
use crate::report::SignatureReport;
use crate::trust::store::TrustStore;
use crate::xml::model::{Message, MessageKind};
use crate::xml::{dom, extract};

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
}

/// What the trust stage established.
#[derive(Debug)]
pub struct Trusted {
    /// The message to judge: the decrypted one when decryption worked.
    pub msg: Message,
    pub signatures: Vec<SignatureReport>,
    /// The consumed Assertion (or, without one, the root) is covered by a valid signature.
    pub authenticated: bool,
    /// The EncryptedAssertion was decrypted with `--sp-key`.
    pub decrypted: bool,
}

/// Runs the trust stage over a parsed message.
pub fn establish(
    capture: &Capture,
    doc: Document,
    msg: Message,
    inp: &Inputs,
    sink: &mut Sink,
) -> Result<Trusted, InputError> {
    let (mut msg, verification, decrypted_xml) = verify_and_decrypt(doc, msg, inp, sink)?;
    let mut signatures = verification.reports;
    let mut covered = verification.covered;

    // HTTP-Redirect binding: the query signature authenticates the whole message.
    if let Some(rs) = &capture.redirect {
        let (report, valid) = redirect::verify_capture(rs, inp.trust, inp.idp, sink);
        if valid {
            covered.push(msg.root_node);
        }
        signatures.push(report);
    }

    let consumed = msg.consumed();
    let mut authenticated =
        consumed.is_some_and(|a| covered.contains(&a.node)) || covered.contains(&msg.root_node);
    if let Some(a) = consumed.filter(|_| authenticated) {
        let xml = decrypted_xml
            .as_deref()
            .map(str::as_bytes)
            .unwrap_or(&capture.xml);
        if let Some(reason) = crosscheck::disagreement(xml, a) {
            sink.push(Finding::new("wrapping-parser-disagreement", reason));
            authenticated = false;
        }
    }
    if !inp.trust.is_empty() && consumed.is_some() {
        sink.judged(Check::Signature);
    }
    let xml = decrypted_xml
        .as_deref()
        .map(str::as_bytes)
        .unwrap_or(&capture.xml);
    open_encrypted_id(xml, &mut msg, inp, sink)?;
    let consumed = msg.consumed();
    if inp.want_assertions_signed && authenticated {
        if let Some(a) = consumed.filter(|a| !covered.contains(&a.node)) {
            sink.push(
                Finding::new(
                    "assertion-signature-required",
                    "the SP metadata says WantAssertionsSigned=\"true\" but only the Response is signed",
                )
                .hint(inp.idp.hint(Topic::Signing))
                .at(a.line, a.path.clone()),
            );
        }
    }
    if !inp.trust.is_empty() && msg.kind == MessageKind::Response && !authenticated {
        missing(&msg, inp, sink);
    }
    Ok(Trusted {
        decrypted: decrypted_xml.is_some(),
        msg,
        signatures,
        authenticated,
    })
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
    let why = if msg.signatures.is_empty() {
        "the message carries no signature".to_string()
    } else if sink.has("algorithm-unsupported") {
        "its signature uses an algorithm libxmlsec1 cannot check (see algorithm-unsupported)"
            .to_string()
    } else if sink.has("signature-placement-unusual") {
        "its only valid signature sits outside the schema position (see signature-placement-unusual)".to_string()
    } else {
        "no signature that passed verification and every wrapping rule covers the Response or the consumed Assertion".to_string()
    };
    let wrapped = sink
        .findings()
        .iter()
        .any(|f| f.check == Check::Wrapping && f.severity == Severity::Error);
    let hint = if wrapped {
        "the signature does not cover what an SP would read: the message looks manipulated (XML Signature Wrapping); treat it as an attack, not as an IdP configuration problem".to_string()
    } else {
        inp.idp.hint(Topic::Signing)
    };
    sink.push(
        Finding::new(
            "signature-missing",
            format!("nothing the SP would consume is authenticated: {why}"),
        )
        .hint(hint),
    );
}

/// Verifies signatures and, with `--sp-key`, decrypts the EncryptedAssertion: signatures on the
/// root are verified before decryption (they cover the ciphertext), the rest after it.
fn verify_and_decrypt(
    doc: Document,
    msg: Message,
    inp: &Inputs,
    sink: &mut Sink,
) -> Result<(Message, Verification, Option<String>), InputError> {
    let (trust, idp) = (inp.trust, inp.idp);
    if msg.encrypted_assertions == 0 {
        let v = super::verify_message(&doc, &msg, trust, idp, Scope::All, sink);
        return Ok((msg, v, None));
    }
    sink.judged(Check::Decryption);
    let Some(key) = inp.sp_key else {
        let v = super::verify_message(&doc, &msg, trust, idp, Scope::All, sink);
        sealed(inp, sink);
        return Ok((msg, v, None));
    };
    let outer = super::verify_message(&doc, &msg, trust, idp, Scope::RootOnly, sink);
    let root_covered = outer.covered.contains(&msg.root_node);
    let xml = match decrypt::assertion(&doc, key) {
        Ok(xml) => xml,
        Err(failure) => {
            sink.push(failure.finding(idp, "EncryptedAssertion"));
            return Ok((msg, outer, None));
        }
    };
    drop(doc);
    let (doc, _) = dom::parse_guarded(xml.as_bytes(), inp.limits)?;
    let msg = extract::message(&doc)?;
    let mut inner = super::verify_message(&doc, &msg, trust, idp, Scope::AllButRoot, sink);
    if root_covered {
        inner.covered.push(msg.root_node);
    }
    let mut reports = outer.reports;
    reports.extend(inner.reports);
    inner.reports = reports;
    Ok((msg, inner, Some(xml)))
}

/// The consumed Assertion's Subject holds an EncryptedID: with `--sp-key` it is decrypted and its
/// NameID read (authenticated when the Assertion is: the signature covers the ciphertext);
/// without, the SP's user identity went unchecked.
fn open_encrypted_id(
    xml: &[u8],
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
    let (line, path) = (a.line, format!("{}/Subject/EncryptedID", a.path));
    let Some(key) = inp.sp_key else {
        let severity = if inp.strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        sink.push(
            Finding::new(
                "nameid-encrypted",
                "the Subject's NameID is encrypted (EncryptedID) and no --sp-key was given: the user's identity the SP reads from it was not checked",
            )
            .severity(severity)
            .hint("pass the SP's private key with --sp-key FILE (PEM) to decrypt and check it; samlcheck never sends it anywhere")
            .at(line, path),
        );
        return Ok(());
    };
    let (doc, _) = dom::parse_guarded(xml, inp.limits)?;
    match decrypt::name_id(&doc, line, key) {
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

/// The Assertion is encrypted and no key was given: nothing inside it was checked.
fn sealed(inp: &Inputs, sink: &mut Sink) {
    let severity = if inp.strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    sink.push(
        Finding::new(
            "assertion-encrypted",
            "the Response carries an EncryptedAssertion and no --sp-key was given: its subject, conditions, audience, attributes and inner signature were not checked",
        )
        .severity(severity)
        .hint("pass the SP's private key with --sp-key FILE (PEM) to decrypt and check it; samlcheck never sends it anywhere"),
    );
}

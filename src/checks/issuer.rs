//! Issuer: the expected IdP (`--issuer`, the IdP metadata's entityID), an Issuer on every
//! Assertion (core §2.3.3), the Issuer rules of profiles §4.1.4.2 (no Format or the entity format;
//! the Assertion's Issuer is the Response's).

use super::context::Context;
use super::expect::diff;
use crate::check::{Check, Severity};
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::xml::model::{Assertion, Message, MessageKind};
use crate::xml::text::{escape, trim_xml};

/// Pushes issuer findings.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, a, exp) = (c.msg, c.consumed, c.exp);
    let root = || format!("/{}", msg.root_name);
    // Issuer
    let issuer = a
        .and_then(|a| a.issuer.clone())
        .or_else(|| msg.issuer.clone());
    // The expected issuer is the IdP's: it applies to what the IdP sends, not to SP requests.
    let from_idp = matches!(
        msg.kind,
        MessageKind::Response | MessageKind::LogoutResponse | MessageKind::Saml11Assertion
    );
    if let Some(expected) = exp.issuer.as_ref().filter(|_| from_idp) {
        sink.judged(Check::Issuer);
        for (which, value) in [
            (msg.kind.title(), &msg.issuer),
            (
                "Assertion",
                &a.and_then(|a| a.issuer.clone())
                    .filter(|_| msg.kind == MessageKind::Response),
            ),
        ] {
            if let Some(v) = value {
                let v = trim_xml(v);
                if v != expected {
                    sink.push(
                        Finding::new(Code::IssuerMismatch, format!("{which} Issuer is {:?}, expected {expected:?}: {}", escape(v), diff(expected, v)))
                            .hint("copy the IdP's entity ID (Issuer) exactly into the SP configuration, or load the right IdP metadata")
                            .at(0, root()),
                    );
                }
            }
        }
    }
    issuer_rules(msg, a, sink);
    signed_response_issuer(msg, a, sink);
    let expected = exp.issuer.as_ref().filter(|_| from_idp);
    match a {
        // The schema requires an Issuer in every Assertion; an SP that expects one fails it.
        Some(a) if a.issuer.is_none() => {
            let (severity, tail) = match expected {
                Some(e) => (
                    Severity::Error,
                    format!(": an SP that expects the issuer {e:?} rejects it"),
                ),
                None => (Severity::Warning, String::new()),
            };
            let what = if issuer.is_none() {
                "neither the Response nor the Assertion names an Issuer"
            } else {
                "the Assertion has no Issuer (the SAML schema requires one; only the Response names it)"
            };
            sink.push(
                Finding::new(Code::IssuerMissing, format!("{what}{tail}"))
                    .severity(severity)
                    .at(a.line, a.path.clone()),
            );
        }
        _ => {}
    }
}

/// SAML profiles §4.1.4.2: a Response that is signed, or whose Assertion is encrypted, MUST carry
/// its own Issuer (the SP checks the signature against that entity's keys).
fn signed_response_issuer(msg: &Message, a: Option<&Assertion>, sink: &mut Sink) {
    if msg.kind != MessageKind::Response || msg.issuer.is_some() {
        return;
    }
    let signed = msg
        .signatures
        .iter()
        .any(|s| s.parent_node == msg.root_node);
    let encrypted = msg.encrypted_assertions > 0 || a.is_some_and(|a| a.decrypted);
    let why = match (signed, encrypted) {
        (true, _) => "the Response is signed",
        (false, true) => "its Assertion is encrypted",
        _ => return,
    };
    sink.push(
        Finding::new(
            Code::IssuerMissingSigned,
            format!("the Response has no Issuer although {why}: SAML profiles §4.1.4.2 says the Response's Issuer MUST be present then, and SPs that follow it (OpenSAML, python3-saml in strict mode) reject the message"),
        )
        .hint("a conforming IdP always writes <saml:Issuer> as the Response's first child; a hand-built or proxied Response lost it")
        .at(0, format!("/{}", msg.root_name)),
    );
}

/// The Issuer rules of SAML profiles §4.1.4.2: no Format or the entity format, and the
/// Assertion's Issuer is the Response's.
fn issuer_rules(msg: &Message, a: Option<&Assertion>, sink: &mut Sink) {
    const ENTITY: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
    // (which, Format, the element's path (the root's: `None`), line)
    let formats = [
        (msg.kind.title(), msg.issuer_format.as_deref(), None, 0),
        (
            "Assertion",
            a.and_then(|a| a.issuer_format.as_deref()),
            a.map(|a| a.path.as_str()),
            a.map_or(0, |a| a.line),
        ),
    ];
    for (which, format, path, line) in formats {
        let path = || match path {
            Some(p) => p.to_string(),
            None => format!("/{}", msg.root_name),
        };
        if let Some(f) = format.filter(|f| trim_xml(f) != ENTITY) {
            sink.push(
                Finding::new(
                    Code::IssuerFormatInvalid,
                    format!("the {which} Issuer has Format {f:?}; SAML profiles §4.1.4.2 allows only none or {ENTITY}"),
                )
                .at(line, format!("{}/Issuer", path())),
            );
        }
    }
    if msg.kind != MessageKind::Response {
        return;
    }
    if let (Some(r), Some(a)) = (msg.issuer.as_deref(), a) {
        if let Some(ai) = a.issuer.as_deref().filter(|ai| trim_xml(ai) != trim_xml(r)) {
            sink.push(
                Finding::new(
                    Code::IssuerInconsistent,
                    format!(
                        "the Response's Issuer is {:?} but its Assertion's is {:?}: the Assertion must come from the IdP that issued the Response (profiles §4.1.4.2)",
                        escape(trim_xml(r)),
                        escape(trim_xml(ai))
                    ),
                )
                .at(a.line, format!("{}/Issuer", a.path)),
            );
        }
    }
}

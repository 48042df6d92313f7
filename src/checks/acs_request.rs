//! Where an AuthnRequest asks for the Response (SAML core §3.4.1): an
//! AssertionConsumerServiceURL must be one of the SP's own ACS locations (the IdP checks it
//! against the SP's metadata, profiles §4.1.4.1, and refuses otherwise — Entra's AADSTS50011);
//! an AssertionConsumerServiceIndex must name one of the SP metadata's indexed endpoints, and is
//! mutually exclusive with the URL and ProtocolBinding. With neither, the Response goes to the
//! SP's default endpoint. The endpoint the request names this way is what the sign-in's
//! Response is compared with ([`crate::flow`]).

use super::context::Context;
use crate::check::{Check, Severity};
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::trust::metadata::{default_endpoint, Endpoint};
use crate::xml::model::{AcsEndpoint, MessageKind, RequestInfo};
use crate::xml::text::trim_xml;

/// The ACS endpoint an AuthnRequest names through its index (or, naming none, the default) in
/// the SP metadata's endpoints `sp_acs`.
pub fn resolve(req: &RequestInfo, sp_acs: &[Endpoint]) -> Option<AcsEndpoint> {
    if req.acs_url.is_some() {
        return None;
    }
    let found = match req.acs_index.as_deref().map(trim_xml) {
        Some(i) => sp_acs.iter().find(|e| e.index.as_deref() == Some(i)),
        None => default_endpoint(sp_acs),
    }?;
    Some(AcsEndpoint {
        index: found.index.clone(),
        location: found.location.clone(),
        binding: found.binding.clone(),
    })
}

pub fn check(c: &Context, sink: &mut Sink) {
    if c.msg.kind != MessageKind::AuthnRequest {
        return;
    }
    let Some(req) = c.msg.request.as_ref() else {
        return;
    };
    let root = format!("/{}", c.msg.root_name);
    if let Some(i) = req.acs_index.as_deref() {
        sink.judged(Check::Destination);
        let with: Vec<&str> = [
            req.acs_url.as_ref().map(|_| "AssertionConsumerServiceURL"),
            req.protocol_binding.as_ref().map(|_| "ProtocolBinding"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !with.is_empty() {
            sink.push(
                Finding::new(
                    Code::RequestAcsIndex,
                    format!("the AuthnRequest gives AssertionConsumerServiceIndex {i:?} together with {}: SAML core §3.4.1 makes them mutually exclusive, and IdPs differ in which one wins", with.join(" and ")),
                )
                .severity(Severity::Warning)
                .hint("configure the SP to send either the ACS URL (with ProtocolBinding) or the index, not both")
                .at(0, root.clone()),
            );
        }
        if !c.exp.sp_acs.is_empty()
            && !c
                .exp
                .sp_acs
                .iter()
                .any(|e| e.index.as_deref() == Some(trim_xml(i)))
        {
            let known: Vec<String> = c
                .exp
                .sp_acs
                .iter()
                .filter_map(|e| e.index.as_ref().map(|x| format!("{x} → {}", e.location)))
                .collect();
            sink.push(
                Finding::new(
                    Code::RequestAcsIndex,
                    format!("the AuthnRequest asks for AssertionConsumerServiceIndex {i:?}, which names no AssertionConsumerService in the SP metadata (indexes: {}): the IdP may refuse the request or send the Response to the default ACS (core §3.4.1)", if known.is_empty() { "none".to_string() } else { known.join(", ") }),
                )
                .severity(Severity::Warning)
                .hint("make the SP request an index its metadata publishes, and upload the SP's current metadata to the IdP")
                .at(0, root.clone()),
            );
        }
    }
    let Some(url) = req.acs_url.as_deref().map(trim_xml) else {
        return;
    };
    if c.exp.acs.is_empty() {
        return;
    }
    sink.judged(Check::Destination);
    if !c.exp.acs.iter().any(|a| super::expect::matches(a, url)) {
        let list = super::expect::quote_list(&c.exp.acs);
        // The difference, told from the request's side: it is the SP that asks for this URL.
        let diff = super::expect::diff(&c.exp.acs[0], url)
            .replace("the IdP is configured with an", "the SP requests an")
            .replace("the IdP is configured for", "the SP requests");
        let proxy = if url.starts_with("http://") {
            " (an SP behind a TLS-terminating proxy builds http:// URLs unless it honours X-Forwarded-Proto or has its external base URL set)"
        } else {
            ""
        };
        sink.push(
            Finding::new(
                Code::RequestAcsUnknown,
                format!("the AuthnRequest asks for the Response at {url:?}, which is none of the SP's ACS URLs ({list}): {diff}{proxy}"),
            )
            .hint(format!("the IdP accepts only an ACS URL registered for the application (Entra answers AADSTS50011): register {url} as a Reply URL / ACS URL at the IdP, or make the SP request {} — the URL its metadata publishes", c.exp.acs[0]))
            .at(0, root),
        );
    }
}

//! Destination: a Response's Destination is the SP's ACS URL (bindings §3.5.5.2: required on a
//! signed Response), never empty.

use super::context::Context;
use super::expect::acs_mismatch;
use crate::check::Check;
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::idp::Topic;
use crate::xml::model::MessageKind;
use crate::xml::text::trim_xml;

/// Pushes Destination findings: a Response's against the ACS, an AuthnRequest's against the IdP's
/// SingleSignOnService URLs in its metadata.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, exp, idp) = (c.msg, c.exp, c.idp);
    let root = || format!("/{}", msg.root_name);
    if msg.kind == MessageKind::AuthnRequest && !exp.idp_sso.is_empty() {
        if let Some(d) = msg.destination.as_deref().map(trim_xml) {
            sink.judged(Check::Destination);
            if !exp.idp_sso.iter().any(|u| super::expect::matches(u, d)) {
                let list = super::expect::quote_list(&exp.idp_sso);
                sink.push(
                    Finding::new(
                        Code::RequestDestinationMismatch,
                        format!("the AuthnRequest is sent to {d:?}, which is none of the IdP's SingleSignOnService URLs in its metadata ({list}): {}", super::expect::diff(&exp.idp_sso[0], d)),
                    )
                    .hint(format!("set the SP's IdP sign-in URL (SSO / Login URL) to {} — or load the metadata of the IdP it really uses", exp.idp_sso[0]))
                    .at(0, root()),
                );
            }
        }
    }
    // Destination
    if msg.kind == MessageKind::Response
        && msg
            .destination
            .as_deref()
            .is_some_and(|d| trim_xml(d).is_empty())
    {
        sink.push(
            Finding::new(
                Code::DestinationEmpty,
                "the Response's Destination attribute is empty",
            )
            .hint(idp.hint(Topic::Acs))
            .at(0, root()),
        );
    }
    if msg.kind == MessageKind::Response {
        match &msg.destination {
            Some(d) if trim_xml(d).is_empty() => {}
            Some(_) if exp.acs.is_empty() => {}
            Some(d) => {
                sink.judged(Check::Destination);
                if let Some(f) = acs_mismatch(Code::DestinationMismatch, "Destination", d, exp, idp)
                {
                    sink.push(f.at(0, root()));
                }
            }
            None if msg
                .signatures
                .iter()
                .any(|s| s.parent_node == msg.root_node) =>
            {
                sink.push(
                    Finding::new(
                        Code::DestinationMissing,
                        "the signed Response carries no Destination attribute (SAML bindings §3.5.5.2)",
                    )
                    .at(0, root()),
                );
            }
            None => {}
        }
    }
}

//! Destination: a Response's Destination is the SP's ACS URL (bindings §3.5.5.2: required on a
//! signed Response), never empty.

use super::expect::acs_mismatch;
use super::list::Context;
use super::{Check, Finding, Sink};
use crate::codes::Code;
use crate::idp::Topic;
use crate::xml::model::MessageKind;
use crate::xml::text::trim_xml;

/// Pushes Destination findings for a Response.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, exp, idp) = (c.msg, c.exp, c.idp);
    let root = format!("/{}", msg.root_name);
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
            .at(0, root.clone()),
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
                    sink.push(f.at(0, root.clone()));
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
                    .at(0, root.clone()),
                );
            }
            None => {}
        }
    }
}

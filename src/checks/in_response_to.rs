//! InResponseTo against `--request-id` (the bearer confirmation's is judged with it, in
//! `bearer`; a capture's request, in `flow`).

use super::context::Context;
use crate::check::Check;
use crate::codes::Code;
use crate::finding::{Finding, Sink};

/// Pushes InResponseTo findings for the Response against `--request-id`.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, exp) = (c.msg, c.exp);
    let root = || format!("/{}", msg.root_name);
    // InResponseTo
    if let Some(req) = &exp.request_id {
        sink.judged(Check::InResponseTo);
        // The bearer SubjectConfirmationData's InResponseTo is judged with its confirmation.
        let values: Vec<(&str, &String)> =
            msg.in_response_to.iter().map(|v| ("Response", v)).collect();
        if values.is_empty() {
            sink.push(Finding::new(
                Code::InResponseToUnsolicited,
                format!("the message has no InResponseTo (IdP-initiated), but --request-id {req:?} says the SP started this sign-in"),
            ));
        }
        for (which, v) in values {
            if v != req {
                sink.push(
                    Finding::new(
                        Code::InResponseToMismatch,
                        format!("{which} InResponseTo is {v:?}, expected {req:?}"),
                    )
                    .at(0, root()),
                );
            }
        }
    }
}

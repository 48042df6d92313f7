//! The checks, as data: every one is `fn(&Context, &mut Sink)`, and the list per message kind
//! says which run, in report order. A check reads only its [`Context`] and writes only findings;
//! the parts of the report that are not findings (the time line, the email resolution, the
//! trusted keys) are computed from the same context by the report builder.

use super::context::Context;
use super::{
    acs_request, audience, bearer, certificate, destination, docvalues, email, in_response_to,
    issuer, message, profile, status, time,
};
use crate::finding::Sink;
use crate::xml::model::MessageKind;

/// A check: reads the context, pushes coded findings.
pub type CheckFn = fn(&Context, &mut Sink);

/// What an IdP sends: every check.
const ASSERTING: &[CheckFn] = &[
    certificate::check,
    status::check,
    message::check,
    bearer::check,
    issuer::check,
    audience::check,
    destination::check,
    in_response_to::check,
    docvalues::check,
    profile::check,
    time::check,
    email::check,
];

/// What an SP sends (or a logout message): no assertion, no subject confirmation, no profile.
const REQUESTING: &[CheckFn] = &[
    certificate::check,
    status::check,
    message::check,
    issuer::check,
    destination::check,
    acs_request::check,
    in_response_to::check,
    docvalues::check,
    time::check,
];

/// The checks that judge a message of `kind`.
pub fn for_kind(kind: MessageKind) -> &'static [CheckFn] {
    match kind {
        MessageKind::Response | MessageKind::Saml11Assertion => ASSERTING,
        MessageKind::AuthnRequest | MessageKind::LogoutRequest | MessageKind::LogoutResponse => {
            REQUESTING
        }
    }
}

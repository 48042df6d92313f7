//! The checks that only judge, as data: every one is `fn(&Context, &mut Sink)`, and the list per
//! message kind says which run. (The stages that also build a part of the report — time line,
//! email resolution, trusted certificates — are called by `analyze` around this list.)

use super::expect::Expectations;
use super::time::Clock;
use super::{
    acs_request, audience, bearer, destination, docvalues, in_response_to, issuer, message, status,
    Sink,
};
use crate::idp::Idp;
use crate::profiles::Profile;
use crate::xml::model::{Assertion, Message, MessageKind};

/// What a check may read about the message being judged.
pub struct Context<'a> {
    pub msg: &'a Message,
    /// The Assertion the SP consumes, when there is one.
    pub consumed: Option<&'a Assertion>,
    /// What the SP expects (flags, SP metadata and the profile's patterns).
    pub exp: &'a Expectations,
    /// The clock for this message (capture time, `--now` or its IssueInstant).
    pub clock: &'a Clock,
    pub idp: Idp,
    pub profile: Option<&'a Profile>,
}

/// A check: reads the context, pushes coded findings.
pub type CheckFn = fn(&Context, &mut Sink);

fn status(c: &Context, s: &mut Sink) {
    status::check(c.msg, c.idp, s);
}

fn structure(c: &Context, s: &mut Sink) {
    message::check(c.msg, c.consumed, c.idp, s);
}

fn confirmation(c: &Context, s: &mut Sink) {
    bearer::check(c.msg, c.consumed, c.exp, c.clock, c.idp, s);
}

fn documentation_values(c: &Context, s: &mut Sink) {
    docvalues::check(c.msg, c.consumed, c.idp, s);
}

fn profile(c: &Context, s: &mut Sink) {
    if let (Some(p), Some(a)) = (c.profile, c.consumed) {
        p.check(a, c.idp, s);
    }
}

/// What an IdP sends: every check.
const ASSERTING: &[CheckFn] = &[
    status,
    structure,
    confirmation,
    issuer::check,
    audience::check,
    destination::check,
    in_response_to::check,
    documentation_values,
    profile,
];

/// What an SP sends (or a logout message): no assertion, no subject confirmation, no profile.
const REQUESTING: &[CheckFn] = &[
    status,
    structure,
    issuer::check,
    destination::check,
    acs_request::check,
    in_response_to::check,
    documentation_values,
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

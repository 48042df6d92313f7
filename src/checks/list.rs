//! The checks, as data: every one is `fn(&Context, &mut Sink)`, and the list per message kind
//! says which run. Two also build a part of the report — the time line and the email
//! resolution — and leave it in the context's [`Parts`]. (The trusted certificates are judged
//! with the trust stage, before this list.)

use super::expect::Expectations;
use super::time::Clock;
use super::{
    acs_request, audience, bearer, destination, docvalues, in_response_to, issuer, message, status,
    Sink,
};
use crate::idp::Idp;
use crate::profiles::Profile;
use crate::xml::model::{Assertion, Message, MessageKind};

/// The parts of the report that checks build besides their findings.
#[derive(Debug, Default)]
pub struct Parts {
    pub timeline: Vec<super::time::Mark>,
    pub email: Option<crate::report::EmailReport>,
}

/// How the email is judged: where to look, in order, and how strictly (`None`: the profile's SP
/// does not identify users by email).
pub struct EmailRules<'a> {
    pub order: &'a [super::email::Source],
    pub strict: Option<bool>,
}

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
    /// Whether what the SP consumes is covered by a verified signature.
    pub authenticated: bool,
    /// `--max-age`.
    pub max_age: Option<time::Duration>,
    /// The token came through the WS-Federation passive profile (`wresult`, an RSTR): judged by
    /// that profile — signature, issuer, audience, time — not by the Web Browser SSO profile's
    /// SubjectConfirmationData rules, which it does not have.
    pub ws_federation: bool,
    pub email: EmailRules<'a>,
    /// What the time and email checks build.
    pub parts: std::cell::RefCell<Parts>,
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
    if c.ws_federation {
        return;
    }
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

/// The validity window and every instant, against the clock and the skew; builds the time line.
fn time(c: &Context, s: &mut Sink) {
    let marks = super::time::check(c.msg, c.consumed, c.clock, c.max_age, s);
    c.parts.borrow_mut().timeline = marks;
}

/// Which email the SP would use, and whether it is one; builds the email part.
fn email(c: &Context, s: &mut Sink) {
    let Some(a) = c.consumed else {
        return;
    };
    let res = super::email::resolve(a, c.email.order);
    if let Some(strict) = c.email.strict {
        super::email::check(a, &res, c.idp, strict, s);
    }
    c.parts.borrow_mut().email = Some(crate::report::EmailReport::from_resolution(
        res,
        c.authenticated,
    ));
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
    time,
    email,
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
    time,
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

//! What a check may read about the message being judged: the one argument every check takes
//! (`fn(&Context, &mut Sink)`, in [`super::list`]). Everything here is settled before the first
//! check runs — the trust stage's verdict, the clock, what the SP expects, and the two results
//! the report also shows (the email resolution, the trusted keys) — so no check writes anything
//! but findings.

use super::email::resolution::{EmailSource, Resolution};
use super::expect::Expectations;
use super::time::clock::Clock;
use crate::idp::Idp;
use crate::profiles::Profile;
use crate::report::SignatureReport;
use crate::trust::store::TrustStore;
use crate::xml::model::{Assertion, Message};
use time::{Duration, OffsetDateTime};

/// How the email is judged: where to look, in order, and how strictly (`None`: the profile's SP
/// does not identify users by email).
pub struct EmailRules<'a> {
    pub order: &'a [EmailSource],
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
    /// The instant every time bound and certificate is judged at (see
    /// [`super::time::clock::reference`]).
    pub judged_at: OffsetDateTime,
    pub idp: Idp,
    pub profile: Option<&'a Profile>,
    /// The keys the user trusts for this message's sender, and what the trust stage verified
    /// with them.
    pub trust: &'a TrustStore,
    pub signatures: &'a [SignatureReport],
    /// Whether what the SP consumes is covered by a verified signature.
    pub authenticated: bool,
    /// `--max-age`.
    pub max_age: Option<Duration>,
    /// `--cert-warn-days`: how near a trusted certificate's expiry warns.
    pub cert_warn_days: i64,
    /// The token came through the WS-Federation passive profile (`wresult`, an RSTR): judged by
    /// that profile — signature, issuer, audience, time — not by the Web Browser SSO profile's
    /// SubjectConfirmationData rules, which it does not have.
    pub ws_federation: bool,
    pub email: EmailRules<'a>,
    /// Every instant the message carries, parsed (the time check judges them; the report's time
    /// line shows them).
    pub instants: Vec<super::time::instants::Instant<'a>>,
    /// Which email the SP would use (the email check judges it; the report shows it).
    pub email_resolution: Option<Resolution>,
}

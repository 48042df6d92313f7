//! Turns report arguments into the library's [`Settings`] (and so into analysis options).

use super::source;
use crate::cli::{At, ReportArgs};
use samlcheck::analyze::Options;
use samlcheck::error::Error;
use samlcheck::settings::{self, Settings};

pub use samlcheck::settings::{certs, now};

/// The settings the flags mean.
pub fn settings(args: &ReportArgs) -> Settings {
    Settings {
        now: args.now.clone(),
        at: args.at.map(|a| match a {
            At::Now => settings::At::Now,
            At::Capture => settings::At::Capture,
            At::IssueInstant => settings::At::IssueInstant,
        }),
        clock_skew: args.clock_skew.clone(),
        max_age: args.max_age.clone(),
        limits: source::limits(&args.input),
        idp_metadata: args.idp_metadata.clone(),
        cert: args.cert.clone(),
        fingerprint: args.fingerprint.clone(),
        sp_key: args.sp_key.clone(),
        sp_metadata: args.sp_metadata.clone(),
        sp_cert: args.sp_cert.clone(),
        audience: args.audience.clone(),
        acs: args.acs.clone(),
        issuer: args.issuer.clone(),
        request_id: args.request_id.clone(),
        profile: args.profile.clone(),
        profile_file: args.profile_file.clone(),
        email_from: args.email_from.clone(),
        allow: args.allow.clone(),
        deny: args.deny.clone(),
        sp_stack: args.sp_stack.clone(),
        sp_set: args.sp_set.clone(),
    }
}

/// The analysis options the flags mean.
pub fn build(args: &ReportArgs) -> Result<Options, Error> {
    settings(args).options()
}

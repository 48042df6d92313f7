//! The fixed check names of the report (ARCHITECTURE.md), finding severities and check states: plain vocabulary
//! shared by the code registry ([`crate::codes`]) and findings ([`crate::finding`]).

use serde::{Serialize, Serializer};

/// The fixed check names of the report, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    Input,
    Status,
    Signature,
    Wrapping,
    Issuer,
    Audience,
    Destination,
    Recipient,
    InResponseTo,
    Time,
    Subject,
    Email,
    Attributes,
    Algorithm,
    Certificate,
    Decryption,
    /// `--sp-stack`: the named SP library's own rules (reported only when a stack was asked).
    SpStack,
}

impl Check {
    pub const ALL: [Check; 17] = [
        Check::Input,
        Check::Status,
        Check::Signature,
        Check::Wrapping,
        Check::Issuer,
        Check::Audience,
        Check::Destination,
        Check::Recipient,
        Check::InResponseTo,
        Check::Time,
        Check::Subject,
        Check::Email,
        Check::Attributes,
        Check::Algorithm,
        Check::Certificate,
        Check::Decryption,
        Check::SpStack,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Check::Input => "input",
            Check::Status => "status",
            Check::Signature => "signature",
            Check::Wrapping => "wrapping",
            Check::Issuer => "issuer",
            Check::Audience => "audience",
            Check::Destination => "destination",
            Check::Recipient => "recipient",
            Check::InResponseTo => "in_response_to",
            Check::Time => "time",
            Check::Subject => "subject",
            Check::Email => "email",
            Check::Attributes => "attributes",
            Check::Algorithm => "algorithm",
            Check::Certificate => "certificate",
            Check::Decryption => "decryption",
            Check::SpStack => "sp_stack",
        }
    }
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The name reports print (the JSON spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Pass,
    Fail,
    Warn,
    Skip,
}

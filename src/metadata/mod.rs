//! SAML metadata as a CI subject: the lint of one metadata document ([`lint`]) and the fit of an
//! IdP's metadata with an SP's ([`pair`]). Both return report models with coded findings; the
//! `metadata` and `check` commands only read files and render.

pub mod lint;
pub mod pair;

use serde::Serialize;

use crate::finding::Finding;
use crate::report::{CertReport, Verdict};

/// The lint of one metadata document.
#[derive(Debug, Clone, Serialize)]
pub struct MetadataReport {
    pub schema: u32,
    pub file: String,
    /// `pass`, `fail` or `input_error`.
    pub verdict: Verdict,
    pub entity_id: Option<String>,
    /// `unsigned`, `valid`, `invalid`, or `not_checked` (signed, no --cert given).
    pub signature: &'static str,
    pub roles: Vec<&'static str>,
    pub signing_certs: Vec<CertReport>,
    pub endpoints: Vec<String>,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl MetadataReport {
    /// The report of a file that could not be read or parsed.
    pub fn input_error(file: &str, error: String) -> Self {
        Self {
            schema: 1,
            file: file.to_string(),
            verdict: Verdict::InputError,
            entity_id: None,
            signature: "not_checked",
            roles: vec![],
            signing_certs: vec![],
            endpoints: vec![],
            findings: vec![],
            error: Some(error),
        }
    }
}

/// The fit of an IdP's metadata with an SP's.
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    pub idp_file: String,
    pub sp_file: String,
    pub idp_entity_id: Option<String>,
    pub sp_entity_id: Option<String>,
    /// `pass` or `fail`.
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

/// `fail` when any finding is an error.
pub(crate) fn verdict(findings: &[Finding]) -> Verdict {
    if findings
        .iter()
        .any(|f| f.severity == crate::check::Severity::Error)
    {
        Verdict::Fail
    } else {
        Verdict::Pass
    }
}

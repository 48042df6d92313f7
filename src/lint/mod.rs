//! SAML metadata as a CI subject: the lint of one metadata document ([`document`]) and the fit of an
//! IdP's metadata with an SP's ([`pair`]). Both return report models with coded findings; the
//! `metadata` and `check` commands only read files and render.

pub mod document;
pub mod pair;

/// Metadata files, each read (a path, or an https URL through [`crate::trust::fetch`]), linted
/// and parsed: what both `metadata` and `check` start from.
pub struct Linted {
    pub reports: Vec<MetadataReport>,
    docs: Vec<Option<crate::trust::metadata::Metadata>>,
}

/// Lints every file in `paths`, in order; an unreadable one is an `input_error` report.
pub fn lint_files(paths: &[&std::path::Path], opts: &document::LintOptions) -> Linted {
    let mut out = Linted {
        reports: Vec::new(),
        docs: Vec::new(),
    };
    for path in paths {
        let file = path.display().to_string();
        match crate::trust::fetch::load(path).map(|f| f.bytes) {
            Ok(bytes) => {
                out.reports.push(document::lint(&file, &bytes, opts));
                out.docs
                    .push(crate::trust::metadata::parse(&bytes, &opts.limits).ok());
            }
            Err(e) => {
                out.reports.push(MetadataReport::input_error(&file, e));
                out.docs.push(None);
            }
        }
    }
    out
}

impl Linted {
    /// The pairing of file `idp` (an IdP's metadata) with file `sp` (an SP's), when both parsed.
    pub fn pair(&self, idp: usize, sp: usize, expected: &pair::Expected) -> Option<PairReport> {
        match (self.docs.get(idp), self.docs.get(sp)) {
            (Some(Some(i)), Some(Some(s))) if idp != sp => Some(pair::pair(
                (&self.reports[idp].file, i),
                (&self.reports[sp].file, s),
                expected,
            )),
            _ => None,
        }
    }
}

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
    pub signing_certs: Vec<std::sync::Arc<CertReport>>,
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

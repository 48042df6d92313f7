//! One result as CI formats see it (a SARIF result set, a JUnit testcase, an ndjson line's
//! verdict): which input, what kind of subject, its verdict and its coded findings. Messages,
//! metadata lints and pairings all reduce to it, so every machine format covers every command.

use crate::finding::Finding;
use crate::lint::{MetadataReport, PairReport};
use crate::report::{Report, Verdict};

#[derive(Debug, Clone)]
pub struct Outcome {
    /// The test name: the input, and which message in it.
    pub name: String,
    /// The file the findings are in (for SARIF locations); None for stdin or an argument.
    pub file: Option<String>,
    /// `message`, `metadata` or `pairing`.
    pub kind: &'static str,
    /// `pass`, `fail` or `input_error`.
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// The input error, for `input_error`.
    pub error: Option<String>,
    /// The group it belongs to (the `check` app), for one JUnit testsuite per group.
    pub suite: Option<String>,
    /// Finding line numbers are lines of `file` (the file is the XML itself, not an encoding of
    /// it): only then may SARIF point at them.
    pub lines_in_file: bool,
}

impl Outcome {
    /// A message report; `file` is the input path when it was one.
    pub fn message(r: &Report, file: Option<&str>, index: usize) -> Self {
        let name = if index > 0 {
            format!("{} (message {})", r.origin, index + 1)
        } else {
            r.origin.clone()
        };
        Self {
            name,
            file: file.map(str::to_string),
            kind: "message",
            verdict: r.verdict,
            findings: r.findings.clone(),
            error: r.error.as_ref().map(|e| e.message.clone()),
            suite: None,
            lines_in_file: r.decoding.iter().all(|s| *s == crate::input::Step::Bom),
        }
    }

    pub fn metadata(r: &MetadataReport) -> Self {
        Self {
            name: r.file.clone(),
            file: Some(r.file.clone()),
            kind: "metadata",
            verdict: r.verdict,
            findings: r.findings.clone(),
            error: r.error.clone(),
            suite: None,
            lines_in_file: true,
        }
    }

    pub fn pairing(p: &PairReport) -> Self {
        Self {
            name: format!("{} ↔ {}", p.idp_file, p.sp_file),
            file: Some(p.sp_file.clone()),
            kind: "pairing",
            verdict: p.verdict,
            findings: p.findings.clone(),
            error: None,
            suite: None,
            lines_in_file: true,
        }
    }
}

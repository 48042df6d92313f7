//! Findings and where checks put them: a [`Finding`] is one coded diagnostic (its check and
//! default severity come from the code registry); a [`Sink`] collects them and derives each
//! check's state; [`cause_rank`] orders them by how likely each is the root cause.

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::check::{Check, Severity, State};
use crate::codes;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub path: String,
}

/// One coded diagnostic. `code` is stable and documented by `samlcheck explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub check: Check,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Finding {
    /// A finding with the check and severity the code registry gives `code`.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        let doc = codes::get(code);
        debug_assert!(doc.is_some(), "finding code {code} is not in the registry");
        let (check, severity) = doc
            .map(|d| (d.check, d.severity))
            .unwrap_or((Check::Input, Severity::Error));
        Self {
            code,
            check,
            severity,
            message: message.into(),
            hint: None,
            location: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at(mut self, line: usize, path: impl Into<String>) -> Self {
        self.location = Some(Location {
            line,
            path: path.into(),
        });
        self
    }

    pub fn check(mut self, check: Check) -> Self {
        self.check = check;
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// How likely a finding is to be the root cause of a failed sign-in, lower first: the IdP's own
/// status, then what makes the message untrustworthy, then SP/IdP configuration mismatches, then
/// the user's data; time last (old captures expire), and `signature-missing` after the
/// signature findings that explain it.
pub fn cause_rank(f: &Finding) -> u8 {
    if f.code == "signature-missing" {
        return 5;
    }
    if f.code == "algorithm-unsupported" {
        return 4;
    }
    match f.check {
        Check::Input => 0,
        Check::Status => 1,
        Check::Decryption => 2,
        Check::Wrapping => 3,
        Check::Signature => 4,
        Check::Certificate => 6,
        Check::Issuer => 7,
        Check::Audience => 8,
        Check::Destination => 9,
        Check::Recipient => 10,
        Check::Subject => 11,
        Check::Email => 12,
        Check::Attributes => 13,
        Check::InResponseTo => 14,
        Check::Time => 15,
        Check::Algorithm => 16,
    }
}

/// Where checks put their findings.
#[derive(Debug, Default, Clone)]
pub struct Sink {
    findings: Vec<Finding>,
    judged: BTreeMap<Check, ()>,
}

impl Sink {
    pub fn push(&mut self, finding: Finding) {
        if finding.severity != Severity::Info {
            self.judged.insert(finding.check, ());
        }
        self.findings.push(finding);
    }

    /// Marks a check as having had something to judge (pass unless a finding says otherwise).
    pub fn judged(&mut self, check: Check) {
        self.judged.insert(check, ());
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The state of every check, in the fixed order.
    pub fn states(&self) -> Vec<(Check, State)> {
        Check::ALL
            .iter()
            .map(|&c| {
                let worst = self
                    .findings
                    .iter()
                    .filter(|f| f.check == c)
                    .map(|f| f.severity)
                    .max();
                let state = match worst {
                    Some(Severity::Error) => State::Fail,
                    Some(Severity::Warning) => State::Warn,
                    _ if self.judged.contains_key(&c) => State::Pass,
                    _ => State::Skip,
                };
                (c, state)
            })
            .collect()
    }

    /// Findings ordered most severe first and, within a severity, most likely root cause first
    /// (see [`cause_rank`]); stable otherwise.
    pub fn into_sorted(self) -> Vec<Finding> {
        let mut f = self.findings;
        f.sort_by_key(|x| (std::cmp::Reverse(x.severity), cause_rank(x)));
        f
    }
}

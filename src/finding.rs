//! Findings and where checks put them: a [`Finding`] is one coded diagnostic (its check and
//! default severity come from the code registry); a [`Sink`] collects them and derives each
//! check's state; [`cause_rank`] orders them by how likely each is the root cause.

use crate::codes::Code;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{Check, Severity};
use crate::codes;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub path: String,
}

/// One coded diagnostic. `code` is stable and documented by `samlcheck explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
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
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let doc = code.doc();
        let (check, severity) = (doc.check, doc.severity);
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
    if f.code == Code::SignatureMissing || f.code == Code::MessageUnauthenticated {
        return 5;
    }
    // An algorithm that cannot or may not be checked is why nothing is authenticated: it comes
    // before the `signature-missing` it causes.
    if f.code == Code::AlgorithmUnsupported || f.code == Code::AlgorithmForbidden {
        return 4;
    }
    // The SP's refusal of the ACS POST is a symptom: after every defect of the Response itself
    // (when there is none, nothing else is an error and it leads anyway).
    if f.code == Code::SpAnswerError {
        return 30;
    }
    // Why the digest failed, when samlcheck can tell: before the digest failure itself.
    if f.code == Code::SignatureReindented {
        return 3;
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
        // The stack's own rule leads only when samlcheck's forgery floor does not.
        Check::SpStack => 5,
    }
}

/// The user's policy: policy findings to lower to a warning (`--allow`) or raise to an error
/// (`--deny`). Forgery findings can never be allowed ([`Policy::new`] refuses them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    allow: std::collections::BTreeSet<&'static str>,
    deny: std::collections::BTreeSet<&'static str>,
}

impl Policy {
    /// The policy of `--allow` and `--deny` codes; the one-line reason when a code is unknown or
    /// is not a policy finding.
    pub fn new(allow: &[String], deny: &[String]) -> Result<Self, String> {
        let mut p = Policy::default();
        for (list, flag) in [(allow, "--allow"), (deny, "--deny")] {
            for code in list {
                let code = code.trim();
                let doc = codes::get(code).ok_or_else(|| {
                    format!(
                        "{flag} {code:?}: unknown finding code (`samlcheck explain` lists them)"
                    )
                })?;
                if flag == "--allow" && !codes::is_policy(doc.code) {
                    return Err(format!(
                        "--allow {code}: not a policy finding, so it cannot be allowed (forgeries and the specifications' MUSTs always fail; `samlcheck explain {code}` says why)"
                    ));
                }
                if flag == "--allow" {
                    p.allow.insert(doc.code);
                } else {
                    p.deny.insert(doc.code);
                }
            }
        }
        if let Some(both) = p.allow.intersection(&p.deny).next() {
            return Err(format!("{both} is given to both --allow and --deny"));
        }
        Ok(p)
    }

    pub fn denies(&self, code: Code) -> bool {
        self.deny.contains(code.as_str())
    }

    /// The severity `f` has under this policy.
    pub fn severity(&self, f: &Finding) -> Severity {
        if self.deny.contains(f.code.as_str()) {
            Severity::Error
        } else if self.allow.contains(f.code.as_str()) && f.severity == Severity::Error {
            Severity::Warning
        } else {
            f.severity
        }
    }
}

/// Where checks put their findings. The user's policy (`--allow`/`--deny`) is applied to each
/// finding as it is pushed.
#[derive(Debug, Default, Clone)]
pub struct Sink {
    findings: Vec<Finding>,
    judged: BTreeMap<Check, ()>,
    policy: Policy,
}

impl Sink {
    /// A sink that applies `policy` to every finding pushed into it.
    pub fn with_policy(policy: &Policy) -> Self {
        Self {
            policy: policy.clone(),
            ..Self::default()
        }
    }

    pub fn push(&mut self, mut finding: Finding) {
        finding.severity = self.policy.severity(&finding);
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

    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The checks that had something to judge.
    pub fn judged_checks(&self) -> Vec<Check> {
        self.judged.keys().copied().collect()
    }

    /// The findings, in the order they were pushed.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// Findings ordered most severe first and, within a severity, most likely root cause first
    /// (see [`cause_rank`]); stable otherwise.
    pub fn into_sorted(self) -> Vec<Finding> {
        let mut f = self.findings;
        f.sort_by_key(|x| (std::cmp::Reverse(x.severity), cause_rank(x)));
        f
    }
}

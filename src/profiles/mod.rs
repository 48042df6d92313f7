//! SP profiles: data files (embedded JSON, or the user's own with `--profile-file`) naming the
//! expected audience and ACS patterns, the email order, required attributes and rule sets.

use serde::Deserialize;

use crate::checks::email::resolution::EmailSource;
use crate::checks::expect::Expectations;
use crate::finding::Finding;

const BUILTIN: [(&str, &str); 4] = [
    ("amplitude", include_str!("amplitude.json")),
    ("aws", include_str!("aws.json")),
    (
        "aws-identity-center",
        include_str!("aws-identity-center.json"),
    ),
    ("generic", include_str!("generic.json")),
];

/// One SP profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub description: String,
    /// Audience patterns (`*` matches anything).
    #[serde(default)]
    pub audiences: Vec<String>,
    /// ACS patterns for Destination and Recipient.
    #[serde(default)]
    pub acs: Vec<String>,
    /// Email order by source name (`subject`, `claim_uri`, `emailaddress_attr`, `email_attr`).
    #[serde(default)]
    pub email_order: Option<Vec<String>>,
    /// Whether this SP identifies users by email.
    #[serde(default = "yes")]
    pub check_email: bool,
    #[serde(default)]
    pub required_attributes: Vec<String>,
    /// Built-in rule sets: `aws_role`.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Where in the SP's own console a finding is fixed (the fix lines name it).
    #[serde(default)]
    pub sp_console: Option<SpConsole>,
}

/// The SP's console terms: its product name and, per finding code, where the SP side of the fix
/// is done ("Settings > … > Single Sign-On Settings: upload the IdP's metadata").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpConsole {
    pub product: String,
    pub fixes: std::collections::BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

impl Profile {
    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Result<Profile, String> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            let near = crate::codes::closest(name, BUILTIN.iter().map(|(n, _)| *n))
                .map(|n| format!(" (did you mean {n}?)"))
                .unwrap_or_default();
            format!(
                "unknown profile {name:?}{near}; the built-in profiles are {}",
                BUILTIN
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        Self::from_json(text)
    }

    /// Every built-in profile.
    pub fn all() -> Vec<Profile> {
        BUILTIN
            .iter()
            .filter_map(|(_, t)| Self::from_json(t).ok())
            .collect()
    }

    /// Parses and validates a profile file.
    pub fn from_json(text: &str) -> Result<Profile, String> {
        let p: Profile = serde_json::from_str(text).map_err(|e| format!("invalid profile: {e}"))?;
        for s in p.email_order.iter().flatten() {
            if EmailSource::parse(s).is_none() {
                return Err(format!("invalid profile: unknown email source {s:?} (use subject, claim_uri, emailaddress_attr, email_attr)"));
            }
        }
        for code in p.sp_console.iter().flat_map(|c| c.fixes.keys()) {
            if crate::codes::get(code).is_none() {
                return Err(format!(
                    "invalid profile: sp_console.fixes names unknown finding code {code:?} (`samlcheck explain` lists them)"
                ));
            }
        }
        for r in &p.rules {
            if r != "aws_role" {
                return Err(format!(
                    "invalid profile: unknown rule set {r:?} (known: aws_role)"
                ));
            }
        }
        Ok(p)
    }

    /// Adds the profile's patterns where the user gave none.
    pub fn extend_expectations(&self, exp: &mut Expectations) {
        if exp.audiences.is_empty() {
            exp.audiences = self.audiences.clone();
        }
        if exp.acs.is_empty() {
            exp.acs = self.acs.clone();
        }
    }

    /// Adds the SP side of each fix the profile knows to the findings' hints: "… — in Amplitude:
    /// Settings > … > Single Sign-On Settings: upload the IdP's current metadata".
    pub fn name_console(&self, findings: &mut [Finding]) {
        let Some(c) = &self.sp_console else {
            return;
        };
        for f in findings.iter_mut() {
            if let Some(text) = c.fixes.get(f.code.as_str()) {
                let sp = format!("in {}: {text}", c.product);
                f.hint = Some(match f.hint.take() {
                    Some(h) => format!("{h} — {sp}"),
                    None => sp,
                });
            }
        }
    }

    pub fn email_order(&self) -> Option<Vec<EmailSource>> {
        self.email_order
            .as_ref()
            .map(|o| o.iter().filter_map(|s| EmailSource::parse(s)).collect())
    }

    pub fn checks_email(&self) -> bool {
        self.check_email
    }
}

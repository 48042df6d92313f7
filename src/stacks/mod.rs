//! `--sp-stack`: would this SP library accept the Response, and if not, which of its rules fires
//! first and what does it print? Each stack is data — an embedded JSON profile per library and
//! version under `src/stacks/data/` (its defaults as settings, its rules in its own evaluation
//! order, each with the library's error text and where the rule lives) — read against the facts
//! of the message ([`facts`]) in the small clause language of [`expr`]. A new stack or version is
//! a data file (registered in [`EMBEDDED`]) plus its oracle rows in `scripts/sp-stacks/`.
//!
//! Security is not a stack's to relax: a message with a forgery-class finding (signature,
//! wrapping, decryption, comment-in-text) never passes because a stack's rules let it through —
//! the row then says the stack would accept it and names that as the stack's weakness.

mod answer;
pub mod expr;
pub mod facts;
pub mod schema;

pub use answer::{answer, from_capture, Basis};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use expr::{Clause, Env};

/// The embedded profiles: file name and text.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("python3-saml", include_str!("data/python3-saml.json")),
    ("pysaml2", include_str!("data/pysaml2.json")),
    ("ruby-saml", include_str!("data/ruby-saml.json")),
    ("ruby-saml-1.13", include_str!("data/ruby-saml-1.13.json")),
    ("node-saml", include_str!("data/node-saml.json")),
    ("spring-security", include_str!("data/spring-security.json")),
    ("shibboleth-sp", include_str!("data/shibboleth-sp.json")),
    ("crewjam-saml", include_str!("data/crewjam-saml.json")),
    ("gosaml2", include_str!("data/gosaml2.json")),
    ("keycloak", include_str!("data/keycloak.json")),
    ("sustainsys", include_str!("data/sustainsys.json")),
    ("samael", include_str!("data/samael.json")),
];

/// One stack at one version, as its data file gives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stack {
    pub name: String,
    /// Other names users know it by (`passport-saml`, `onelogin`).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub version: String,
    /// `owner/repo@commit` the rules were read at.
    pub source: String,
    /// How the profile was checked: "measured" (the harness ran the real library over the
    /// fixtures and agrees) or "from source, unverified".
    pub evidence: String,
    /// Cells the reference left open, said so rather than guessed.
    #[serde(default)]
    pub open: Vec<String>,
    /// The library's defaults, by samlcheck's names (overridable with `--sp-set`).
    pub settings: BTreeMap<String, f64>,
    /// The rules in the library's own order; the first that fires is its answer.
    pub rules: Vec<Rule>,
    /// Known weaknesses that apply when their clauses hold even though the stack accepts.
    #[serde(default)]
    pub weaknesses: Vec<Weakness>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The library's name for the error, or a short name of the rule.
    pub id: String,
    pub when: Vec<String>,
    /// `when`, parsed once when the profile loads.
    #[serde(skip)]
    clauses: Vec<Clause>,
    /// What the library prints (its exception message or error constant).
    pub error: String,
    /// `path:lines` in `source`.
    pub cite: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weakness {
    pub when: Vec<String>,
    /// `when`, parsed once when the profile loads.
    #[serde(skip)]
    clauses: Vec<Clause>,
    pub text: String,
    /// The first version without it, when there is one.
    #[serde(default)]
    pub fixed_in: Option<String>,
}

/// A stack's answer for one message, as every format renders it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StackVerdict {
    pub stack: String,
    pub version: String,
    pub accepts: bool,
    /// The first rule that fires (when it rejects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `owner/repo@commit:path:lines` of that rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// It accepts a message samlcheck refuses as a forgery, or a known weakness applies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub weaknesses: Vec<String>,
    pub evidence: String,
    /// Settings changed with `--sp-set`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
    /// Whether the stack could be asked at all (a bare Assertion, a WS-Federation token, a
    /// request, an Assertion left encrypted cannot be judged as the Response an SP is posted).
    pub applies: bool,
    /// Why it was not asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl StackVerdict {
    /// The row of a stack that was not asked, saying why.
    pub fn not_asked(s: &Stack, why: &str) -> Self {
        Self {
            stack: s.name.clone(),
            version: s.version.clone(),
            accepts: false,
            rule: None,
            error: None,
            cite: None,
            weaknesses: Vec::new(),
            evidence: s.evidence.clone(),
            settings: Vec::new(),
            applies: false,
            note: Some(why.to_string()),
        }
    }

    /// "accepts", "rejects: RULE", "would ACCEPT — weakness: …" in one line, with the settings
    /// changed and how far the profile was checked against the real library.
    pub fn line(&self) -> String {
        let set = if self.settings.is_empty() {
            String::new()
        } else {
            format!(" [{}]", self.settings.join(", "))
        };
        let head = format!("{}@{}{set}", self.stack, self.version);
        let measured = if self.evidence.starts_with("measured") {
            ""
        } else {
            " (profile from source, unverified)"
        };
        let answer = self.answer();
        format!("{head}: {answer}{measured}")
    }

    /// The answer alone: "accepts", "rejects — RULE \"text\" (cite)", "would ACCEPT — …",
    /// "not asked — why".
    pub fn answer(&self) -> String {
        if !self.applies {
            format!("not asked — {}", self.note.as_deref().unwrap_or(""))
        } else if self.accepts && !self.weaknesses.is_empty() {
            format!("would ACCEPT — weakness: {}", self.weaknesses.join("; "))
        } else if self.accepts {
            "accepts".to_string()
        } else {
            format!(
                "rejects — {} \"{}\" ({})",
                self.rule.as_deref().unwrap_or(""),
                self.error.as_deref().unwrap_or(""),
                self.cite.as_deref().unwrap_or("")
            )
        }
    }
}

/// A stack named on the command line: the profile and the settings given with `--sp-set`.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub stack: Stack,
    pub overrides: Vec<(String, f64)>,
}

/// A finding no stack may relax: a signature, wrapping or decryption error (but the policy of
/// wanting the Assertion signed, which is the stack's), text split by a comment, a forbidden
/// algorithm.
pub fn is_floor(f: &crate::finding::Finding) -> bool {
    use crate::check::{Check, Severity};
    use crate::codes::Code;
    f.severity == Severity::Error
        && (matches!(
            f.check,
            Check::Signature | Check::Wrapping | Check::Decryption
        ) && f.code != Code::AssertionSignatureRequired
            || matches!(f.code, Code::CommentInText | Code::AlgorithmForbidden))
}

/// Every embedded profile, parsed and checked (a broken one is a bug: the test suite loads all).
pub fn all() -> Result<Vec<Stack>, String> {
    EMBEDDED.iter().map(|(n, t)| parse(n, t)).collect()
}

/// Parses and checks one profile: every clause parses, every name is a fact or a setting.
pub fn parse(file: &str, text: &str) -> Result<Stack, String> {
    let mut s: Stack =
        serde_json::from_str(text).map_err(|e| format!("stack profile {file}: {e}"))?;
    let settings = s.settings.clone();
    let known = |n: &str| match n.strip_prefix('$') {
        Some(set) => settings.contains_key(set),
        None => facts::FACTS.iter().any(|(f, _)| *f == n),
    };
    let parse_all = |when: &[String]| -> Result<Vec<Clause>, String> {
        when.iter()
            .map(|c| {
                let clause = Clause::parse(c).map_err(|e| format!("stack profile {file}: {e}"))?;
                match clause.names().into_iter().find(|n| !known(n)) {
                    Some(n) => Err(format!(
                        "stack profile {file}: {c:?} names {n:?}, which is neither a fact nor one of its settings"
                    )),
                    None => Ok(clause),
                }
            })
            .collect()
    };
    for r in &mut s.rules {
        r.clauses = parse_all(&r.when)?;
    }
    for w in &mut s.weaknesses {
        w.clauses = parse_all(&w.when)?;
    }
    Ok(s)
}

/// `NAME` or `NAME@VERSION` (a version prefix: `python3-saml@1.16` picks 1.16.x), in any case;
/// `all` is every stack. The error lists the known names.
pub fn choose(spec: &str) -> Result<Vec<Stack>, String> {
    let stacks = all()?;
    let spec = spec.trim().to_ascii_lowercase();
    if spec == "all" {
        return Ok(stacks);
    }
    let (name, version) = match spec.split_once('@') {
        Some((n, v)) => (n, Some(v)),
        None => (spec.as_str(), None),
    };
    let names = || {
        stacks
            .iter()
            .map(|s| format!("{}@{}", s.name, s.version))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut found: Vec<Stack> = stacks
        .iter()
        .filter(|s| s.name == name || s.aliases.iter().any(|a| a.to_ascii_lowercase() == name))
        .filter(|s| {
            version.is_none_or(|v| s.version == v || s.version.starts_with(&format!("{v}.")))
        })
        .cloned()
        .collect();
    // The newest profiled version when none is named.
    found.sort_by_key(|s| std::cmp::Reverse(version_key(&s.version)));
    found.truncate(1);
    if found.is_empty() {
        let shown: String = spec.chars().take(60).collect();
        let more = if spec.chars().count() > 60 { "…" } else { "" };
        return Err(format!(
            "--sp-stack {shown:?}{more}: no such stack profile; known: {}, or all",
            names()
        ));
    }
    Ok(found)
}

fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// Parses `--sp-set KEY=VALUE` (true/false, a number, or a duration such as 5m): a finite,
/// non-negative value, or a usage error naming it.
pub fn setting(kv: &str) -> Result<(String, f64), String> {
    let shown: String = kv.chars().take(60).collect();
    let (k, v) = kv
        .split_once('=')
        .ok_or_else(|| format!("--sp-set {shown:?}: give KEY=VALUE, e.g. clock_skew=300"))?;
    let k = k.trim();
    if k.is_empty() {
        return Err(format!(
            "--sp-set {shown:?}: the setting's name is missing (KEY=VALUE)"
        ));
    }
    let v = v.trim();
    let n = match v.to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" => 1.0,
        "false" | "off" | "no" => 0.0,
        lower => match lower.parse::<f64>() {
            Ok(n) => n,
            Err(_) => humantime::parse_duration(lower)
                .map(|d| d.as_secs_f64())
                .map_err(|_| {
                    format!("--sp-set {shown:?}: {v:?} is not true/false, a number or a duration")
                })?,
        },
    };
    if !n.is_finite() || n < 0.0 {
        return Err(format!(
            "--sp-set {shown:?}: a setting is true/false, a duration or a number of zero or more"
        ));
    }
    Ok((k.to_ascii_lowercase(), n))
}

impl Chosen {
    /// The stack with `--sp-set` applied; a key the stack does not have is an error naming its
    /// settings.
    pub fn new(stack: Stack, sets: &[(String, f64)]) -> Result<Self, String> {
        // The last value of a repeated setting wins, once.
        let mut sets: Vec<(String, f64)> = sets.to_vec();
        let mut seen = std::collections::HashSet::new();
        sets.reverse();
        sets.retain(|(k, _)| seen.insert(k.clone()));
        sets.reverse();
        for (k, _) in &sets {
            if !stack.settings.contains_key(k) {
                return Err(format!(
                    "--sp-set {k}: {} has no such setting; its settings: {}",
                    stack.name,
                    stack
                        .settings
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        Ok(Self {
            stack,
            overrides: sets,
        })
    }

    /// Applies the stack's rules, in order, to the facts of one Response.
    pub fn judge(&self, facts: &BTreeMap<&'static str, f64>) -> StackVerdict {
        let s = &self.stack;
        let mut settings = s.settings.clone();
        settings.extend(self.overrides.iter().cloned());
        let env = Env {
            facts,
            settings: &settings,
        };
        let holds = |clauses: &[Clause]| clauses.iter().all(|c| c.holds(&env).unwrap_or(false));
        let fired = s.rules.iter().find(|r| holds(&r.clauses));
        let accepts = fired.is_none();
        let mut weaknesses = Vec::new();
        if accepts && facts.get("floor").copied() == Some(1.0) {
            weaknesses.push(
                "it accepts a message samlcheck refuses as a forgery (see the signature and wrapping findings)"
                    .to_string(),
            );
        }
        if accepts {
            for w in s.weaknesses.iter().filter(|w| holds(&w.clauses)) {
                weaknesses.push(match &w.fixed_in {
                    Some(v) => format!("{}, fixed in version {v}", w.text),
                    None => w.text.clone(),
                });
            }
        }
        StackVerdict {
            stack: s.name.clone(),
            version: s.version.clone(),
            accepts,
            rule: fired.map(|r| r.id.clone()),
            error: fired.map(|r| r.error.clone()),
            cite: fired.map(|r| format!("{}:{}", s.source, r.cite)),
            weaknesses,
            evidence: s.evidence.clone(),
            settings: self
                .overrides
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            applies: true,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_profile_loads_and_names_only_known_facts_and_settings() {
        let stacks = all().unwrap();
        assert!(stacks.len() >= 9);
        for s in &stacks {
            assert!(!s.rules.is_empty(), "{}", s.name);
            assert!(s.source.contains('@'), "{}", s.name);
            for r in &s.rules {
                // A file of the library (with lines or the function) or a PR/issue number.
                let file = [
                    ".py", ".rb", ".ts", ".java", ".cpp", ".go", ".cs", ".xml", ".rs",
                ]
                .iter()
                .any(|x| r.cite.contains(x));
                assert!(
                    file || r.cite.contains('#'),
                    "{}: {} {}",
                    s.name,
                    r.id,
                    r.cite
                );
            }
        }
    }

    #[test]
    fn names_versions_and_settings_are_checked() {
        assert_eq!(choose("passport-saml").unwrap()[0].name, "node-saml");
        assert!(choose("python3-saml@9").is_err());
        assert!(choose("nope").unwrap_err().contains("known:"));
        assert_eq!(setting("clock_skew=5m").unwrap().1, 300.0);
        assert_eq!(setting("strict=false").unwrap().1, 0.0);
        let s = choose("python3-saml").unwrap().remove(0);
        assert!(Chosen::new(s, &[("nope".into(), 1.0)]).is_err());
    }
}

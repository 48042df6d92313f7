//! The one small language a stack profile's rules are written in: a rule fires when every
//! clause of its `when` list holds. A clause is `fact`, `!fact`, or `fact OP value` with OP one
//! of `>`, `>=`, `<`, `<=`, `==`, `!=`; a name starting with `$` is one of the stack's settings
//! (overridable with `--sp-set`), any other name a fact about the message ([`super::facts`]).
//! Values are numbers (`300`) or settings. A fact samlcheck could not establish (no SP entity ID
//! given, no Conditions to time) makes its clause false: an unknown never rejects.

use std::collections::BTreeMap;

/// One parsed clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    name: String,
    negate: bool,
    cmp: Option<(Op, Operand)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
    Ne,
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Number(f64),
    Setting(String),
}

/// What clauses are evaluated against: facts of the message and the stack's settings.
pub struct Env<'a> {
    pub facts: &'a BTreeMap<&'static str, f64>,
    pub settings: &'a BTreeMap<String, f64>,
}

impl Env<'_> {
    fn value(&self, name: &str) -> Option<f64> {
        match name.strip_prefix('$') {
            Some(s) => self.settings.get(s).copied(),
            None => self.facts.get(name).copied(),
        }
    }
}

impl Clause {
    /// Parses one clause; the error names what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        for (sym, op) in [
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("==", Op::Eq),
            ("!=", Op::Ne),
            (">", Op::Gt),
            ("<", Op::Lt),
        ] {
            if let Some((l, r)) = t.split_once(sym) {
                let r = r.trim();
                let operand = match r.strip_prefix('$') {
                    Some(s) if !s.is_empty() => Operand::Setting(s.to_string()),
                    _ => Operand::Number(
                        r.parse()
                            .map_err(|_| format!("{text:?}: {r:?} is not a number or $setting"))?,
                    ),
                };
                return Ok(Self {
                    name: name(l.trim(), text)?,
                    negate: false,
                    cmp: Some((op, operand)),
                });
            }
        }
        let (negate, n) = match t.strip_prefix('!') {
            Some(n) => (true, n.trim()),
            None => (false, t),
        };
        Ok(Self {
            name: name(n, text)?,
            negate,
            cmp: None,
        })
    }

    /// The names the clause reads (a fact, and a setting on either side).
    pub fn names(&self) -> Vec<String> {
        let mut out = vec![self.name.clone()];
        if let Some((_, Operand::Setting(s))) = &self.cmp {
            out.push(format!("${s}"));
        }
        out
    }

    /// Whether it holds; `None` when a fact it reads is unknown.
    pub fn holds(&self, env: &Env) -> Option<bool> {
        let v = env.value(&self.name)?;
        let Some((op, operand)) = &self.cmp else {
            return Some((v != 0.0) != self.negate);
        };
        let w = match operand {
            Operand::Number(n) => *n,
            Operand::Setting(s) => *env.settings.get(s)?,
        };
        Some(match op {
            Op::Gt => v > w,
            Op::Ge => v >= w,
            Op::Lt => v < w,
            Op::Le => v <= w,
            Op::Eq => v == w,
            Op::Ne => v != w,
        })
    }
}

fn name(n: &str, text: &str) -> Result<String, String> {
    let bare = n.strip_prefix('$').unwrap_or(n);
    if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("{text:?}: {n:?} is not a fact or $setting name"));
    }
    Ok(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_compare_facts_with_numbers_and_settings_and_unknowns_never_hold() {
        let facts = BTreeMap::from([("expired_by", 120.0), ("sc_none", 1.0)]);
        let settings = BTreeMap::from([("clock_skew".to_string(), 180.0)]);
        let env = Env {
            facts: &facts,
            settings: &settings,
        };
        let c = |t: &str| Clause::parse(t).unwrap().holds(&env);
        assert_eq!(c("expired_by > $clock_skew"), Some(false));
        assert_eq!(c("expired_by > 0"), Some(true));
        assert_eq!(c("sc_none"), Some(true));
        assert_eq!(c("!sc_none"), Some(false));
        assert_eq!(c("audience_any_fail"), None);
        assert_eq!(c("expired_by > $missing"), None);
        assert!(Clause::parse("expired_by > soon").is_err());
        assert!(Clause::parse("bad name").is_err());
    }
}

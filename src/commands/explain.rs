//! `samlcheck explain [CODE]`: what a finding code means, its usual causes and fixes.

use super::Output;
use samlcheck::codes::{self, CODES};
use samlcheck::error::Error;

pub fn run(code: Option<&str>) -> Result<Output, Error> {
    let mut out = Output::default();
    match code {
        Some("sp-stacks" | "sp-stack" | "stacks") => out.stdout = stacks()?,
        Some(c) => {
            let lower = c.trim().to_ascii_lowercase().replace('_', "-");
            let c = lower.as_str();
            let doc = codes::get(c).ok_or_else(|| {
                let mut near: Vec<&str> = CODES
                    .iter()
                    .map(|d| d.code)
                    .filter(|d| d.contains(c) || c.contains(d))
                    .take(5)
                    .collect();
                if near.is_empty() {
                    near.extend(codes::closest(c, CODES.iter().map(|d| d.code)));
                }
                let suggestion = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(", "))
                };
                Error::usage(format!(
                    "unknown finding code {c:?}{suggestion}; `samlcheck explain` lists them all"
                ))
            })?;
            out.stdout = format!(
                "{} — {}\ncheck: {} · default severity: {} · {}\n\n{}\n",
                doc.code,
                doc.title,
                doc.check.as_str(),
                serde_json::to_value(doc.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                if samlcheck::codes::is_policy(doc.code) {
                    "policy: --allow/--deny change its severity"
                } else {
                    "not a policy: it cannot be allowed"
                },
                doc.explain
            );
        }
        None => {
            let mut last = None;
            for d in CODES {
                if last != Some(d.check) {
                    out.stdout.push_str(&format!("\n[{}]\n", d.check.as_str()));
                    last = Some(d.check);
                }
                out.stdout
                    .push_str(&format!("  {:<32} {}\n", d.code, d.title));
            }
            out.stdout.push_str(
                "\nsamlcheck explain CODE tells more about one; samlcheck explain sp-stacks lists the SP stacks.\n",
            );
        }
    }
    Ok(out)
}

/// `samlcheck explain sp-stacks`: each profiled SP stack, where its rules were read, how far they
/// were measured, its settings and the cells left open.
fn stacks() -> Result<String, Error> {
    let stacks = samlcheck::stacks::all().map_err(Error::usage)?;
    let mut o = String::from(
        "SP stacks for `verify --sp-stack NAME[@VERSION]` (or `all`): each answers with its own rules, in its own order — the first that fires, the text that library prints, and where the rule lives. With one stack named, its rules decide the exit code; a forgery (signature, wrapping, decryption, comment-in-text findings) fails whatever the stack would do, and the row names that as the stack's weakness. `--sp-set KEY=VALUE` changes a default.\n",
    );
    for s in &stacks {
        o.push_str(&format!(
            "\n{}@{}{}\n  rules read at {} ({} rules)\n  evidence: {}\n  settings: {}\n",
            s.name,
            s.version,
            if s.aliases.is_empty() {
                String::new()
            } else {
                format!(" (also: {})", s.aliases.join(", "))
            },
            s.source,
            s.rules.len(),
            s.evidence,
            s.settings
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !s.open.is_empty() {
            o.push_str(&format!(
                "  open (from source, unverified): {}\n",
                s.open.join("; ")
            ));
        }
    }
    o.push_str(
        "\nMeasured against the real libraries by scripts/sp-stacks/run.sh: docs/sp-stacks.md.\n",
    );
    Ok(o)
}

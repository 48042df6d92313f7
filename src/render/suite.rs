//! Renders the report of `samlcheck check` as text, JSON and ndjson (SARIF and JUnit go through
//! [`super::outcome::Outcome`]).

use super::outcome::Outcome;
use super::terminal::visible;
use crate::check::Severity;
use crate::report::suite::SuiteReport;
use crate::report::Verdict;

pub fn json(r: &SuiteReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// One line per metadata file, pairing and message: `{"app", "kind", "report"}`.
pub fn ndjson(r: &SuiteReport) -> String {
    let mut out = String::new();
    let mut line = |app: &str, kind: &str, v: serde_json::Value| {
        let l = serde_json::json!({ "app": app, "kind": kind, "report": v });
        out.push_str(&l.to_string());
        out.push('\n');
    };
    for a in &r.apps {
        for m in &a.metadata {
            line(
                &a.name,
                "metadata",
                serde_json::to_value(m).unwrap_or_default(),
            );
        }
        if let Some(p) = &a.pair {
            line(
                &a.name,
                "pairing",
                serde_json::to_value(p).unwrap_or_default(),
            );
        }
        for m in &a.messages {
            line(
                &a.name,
                "message",
                serde_json::to_value(m).unwrap_or_default(),
            );
        }
    }
    out
}

fn mark(pass: bool) -> &'static str {
    if pass {
        "✔ PASS"
    } else {
        "✗ FAIL"
    }
}

/// A message's mark: a request that is context for its capture's sign-in is neither.
fn message_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Context => "· CONTEXT",
        v => mark(v == Verdict::Pass),
    }
}

/// A line per metadata file, pairing and message under each app, each failure with its first
/// error and fix; then the totals.
pub fn human(r: &SuiteReport) -> String {
    let mut out = String::new();
    let (mut items, mut failed) = (0, 0);
    for a in &r.apps {
        out.push_str(&format!(
            "{} app {}\n",
            mark(a.verdict == Verdict::Pass),
            a.name
        ));
        for m in &a.metadata {
            items += 1;
            failed += usize::from(m.verdict != Verdict::Pass);
            match &m.error {
                Some(e) => out.push_str(&format!("  ✗ INPUT ERROR metadata {}: {e}\n", m.file)),
                None => out.push_str(&format!(
                    "  {} metadata {} · {}\n",
                    mark(m.verdict == Verdict::Pass),
                    m.file,
                    visible(m.entity_id.as_deref().unwrap_or("(no entityID)"))
                )),
            }
            first_problem(&mut out, &m.findings);
        }
        if let Some(p) = &a.pair {
            items += 1;
            failed += usize::from(p.verdict != Verdict::Pass);
            out.push_str(&format!(
                "  {} pairing {} ↔ {}\n",
                mark(p.verdict == Verdict::Pass),
                p.idp_file,
                p.sp_file
            ));
            first_problem(&mut out, &p.findings);
        }
        for m in &a.messages {
            items += 1;
            failed += usize::from(m.verdict.fails());
            match &m.error {
                Some(e) => out.push_str(&format!("  ✗ INPUT ERROR {}\n", visible(&e.message))),
                None => out.push_str(&format!(
                    "  {} {} {}{}\n",
                    message_mark(m.verdict),
                    m.kind(),
                    visible(&m.origin),
                    m.message_number()
                        .map(|n| format!("#{n}"))
                        .unwrap_or_default()
                )),
            }
            first_problem(&mut out, &m.findings);
        }
    }
    out.push_str(&format!(
        "\n{} checked: {} pass, {failed} fail ({})\n",
        items,
        items - failed,
        r.config
    ));
    out
}

/// The most severe error finding and its fix, indented under its item.
fn first_problem(out: &mut String, findings: &[crate::finding::Finding]) {
    if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
        out.push_str(&format!("      {} — {}\n", f.code, visible(&f.message)));
        if let Some(h) = &f.hint {
            out.push_str(&format!("      fix: {}\n", visible(h)));
        }
    }
}

/// Every metadata file, pairing and message as CI outcomes, named by app.
pub fn outcomes(r: &SuiteReport) -> Vec<Outcome> {
    let mut out = Vec::new();
    for a in &r.apps {
        let named = |mut o: Outcome| {
            o.name = format!("{}: {}", a.name, o.name);
            o.suite = Some(a.name.clone());
            o
        };
        out.extend(a.metadata.iter().map(|m| named(Outcome::metadata(m))));
        out.extend(a.pair.iter().map(|p| named(Outcome::pairing(p))));
        out.extend(a.messages.iter().map(|r| {
            let file = (!r.origin.is_empty()).then_some(r.origin.as_str());
            named(Outcome::message(r, file, 0))
        }));
    }
    out
}

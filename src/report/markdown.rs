//! The Markdown renderer: a ticket-ready report (GitHub, GitLab, Jira's Markdown, Zendesk) —
//! verdict, most likely cause and fix, the checks as a table, email candidates, signatures and
//! every finding with its code. Values from the message are inline code with their backticks,
//! pipes and line breaks neutralised, so they cannot break the table or inject markup.

use std::fmt::Write;

use super::{Report, SigResult};
use crate::check::{Severity, State};
use crate::checks::email::Holds;

/// `s` as an inline code span that holds whatever `s` contains.
fn code(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '|' => '¦',
            c if c.is_control() => '�',
            c => c,
        })
        .collect();
    let s = super::terminal::visible(&s).into_owned();
    let ticks = (1..).find(|n| !s.contains(&"`".repeat(*n))).unwrap_or(1);
    let fence = "`".repeat(ticks);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Plain text from the message (finding messages, hints) made safe for Markdown text and tables.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in super::terminal::visible(s).chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders every report; several are separated by a rule. The messages of a capture are
/// preceded by the sign-ins it records.
pub fn render(reports: &[Report], verify: bool) -> String {
    let mut last_origin: Option<&str> = None;
    reports
        .iter()
        .map(|r| {
            let mut o = String::new();
            if !r.flows.is_empty() && last_origin != Some(r.origin.as_str()) {
                sign_ins(&mut o, r);
            }
            last_origin = Some(r.origin.as_str());
            o.push_str(&one(r, verify));
            o
        })
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

/// The sign-ins a capture records, a table row per hop, the hop it broke at marked.
fn sign_ins(o: &mut String, r: &Report) {
    for f in &r.flows {
        let _ = writeln!(
            o,
            "## Sign-in {} — {}\n\n{}\n\n| | Time | Who | Request | Message | Answer |\n|---|---|---|---|---|---|",
            f.index,
            text(&f.outcome()),
            code(&r.origin)
        );
        for l in f.lines() {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} {} | {} | {} |",
                if l.broken { "✗" } else { "" },
                text(&l.time),
                l.party,
                text(&l.method),
                code(&l.url),
                text(&l.what),
                if l.answer.is_empty() {
                    String::new()
                } else {
                    code(&l.answer)
                }
            );
        }
        let _ = writeln!(o);
    }
}

fn one(r: &Report, verify: bool) -> String {
    let mut o = String::new();
    if let Some(e) = &r.error {
        let _ = writeln!(
            o,
            "## ✗ Input error\n\n{}: {}\n",
            code(&r.origin),
            text(&e.message)
        );
        return o;
    }
    let (errors, warnings) = r.counts();
    let (head, _) = r.headline(verify);
    let kind = r.kind();
    let _ = writeln!(o, "## {head}: SAML {kind}\n");
    let _ = writeln!(
        o,
        "{errors} error(s), {warnings} warning(s). Checked with samlcheck {}.\n",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(top) = r.findings.iter().find(|f| f.severity != Severity::Info) {
        let _ = writeln!(
            o,
            "**Most likely cause:** `{}` — {}\n",
            top.code,
            text(&top.message)
        );
        if let Some(h) = &top.hint {
            let _ = writeln!(o, "**Fix:** {}\n", text(h));
        }
    }
    let _ = writeln!(o, "| | |\n|---|---|");
    let row = |o: &mut String, k: &str, v: String| {
        let _ = writeln!(o, "| {k} | {v} |");
    };
    row(&mut o, "Input", code(&r.origin));
    if let Some(i) = &r.issuer {
        let idp = if r.idp == crate::idp::Idp::Unknown {
            String::new()
        } else {
            format!(" ({})", r.idp.name())
        };
        row(&mut o, "Issuer", format!("{}{idp}", code(i)));
    }
    if let Some(s) = &r.status {
        row(
            &mut o,
            "Status",
            code(s.code.as_deref().unwrap_or("(none)")),
        );
    }
    if let Some(d) = &r.destination {
        row(&mut o, "Destination", code(d));
    }
    if let Some(c) = &r.conditions {
        if !c.audiences.is_empty() {
            row(
                &mut o,
                "Audience",
                c.audiences
                    .iter()
                    .map(|a| code(a))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
    }
    if let Some(s) = &r.subject {
        let auth = if s.authenticated {
            "authenticated"
        } else {
            "not authenticated"
        };
        row(
            &mut o,
            "Subject",
            format!(
                "{} · {auth}",
                code(s.name_id.as_deref().unwrap_or("(no NameID)"))
            ),
        );
    }
    if let Some(t) = &r.judged_at {
        row(
            &mut o,
            "Judged at",
            format!("{}{}", code(t), r.time_basis_words()),
        );
    }
    o.push('\n');

    let _ = writeln!(o, "### Checks\n\n| check | result |\n|---|---|");
    for (c, s) in &r.checks.0 {
        let st = match s {
            State::Pass => "✔ pass",
            State::Fail => "✗ fail",
            State::Warn => "! warn",
            State::Skip => "– skip",
        };
        let _ = writeln!(o, "| {} | {st} |", c.as_str());
    }
    o.push('\n');

    if let Some(e) = &r.email {
        let _ = writeln!(o, "### Email\n");
        match &e.value {
            Some(v) => {
                let _ = writeln!(
                    o,
                    "Resolved: {} from {}.\n",
                    code(v),
                    text(&e.source.describe())
                );
            }
            None => {
                let _ = writeln!(o, "No email address resolved.\n");
            }
        }
        let _ = writeln!(o, "| # | source | value | verdict |\n|---|---|---|---|");
        for (i, c) in e.candidates.iter().enumerate() {
            let verdict = match c.verdict {
                Holds::Email if c.source == e.source => "used".to_string(),
                other => other.describe().to_string(),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {verdict} |",
                i + 1,
                text(&c.source.describe_short()),
                c.value.as_deref().map_or("absent".to_string(), code),
            );
        }
        for m in &e.elsewhere {
            let _ = writeln!(
                o,
                "\nProbably in attribute {} {} (`--email-from {}`).",
                text(&m.label()),
                code(&m.value),
                text(m.flag_name())
            );
        }
        o.push('\n');
    }

    if !r.signatures.is_empty() {
        let _ = writeln!(o, "### Signatures\n\n| # | covers | reference | algorithm | result |\n|---|---|---|---|---|");
        for (i, s) in r.signatures.iter().enumerate() {
            let result = match s.result {
                SigResult::Valid => "✔ valid".to_string(),
                SigResult::NotChecked => "not checked".to_string(),
                other => format!("✗ {}", other.label()),
            };
            let alg = s
                .signature_algorithm
                .as_deref()
                .map(|a| a.rsplit(['#', '/']).next().unwrap_or(a))
                .unwrap_or("?");
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {result} |",
                i + 1,
                code(&s.location),
                code(s.reference.as_deref().unwrap_or("(none)")),
                code(alg)
            );
        }
        o.push('\n');
    }

    if !r.findings.is_empty() {
        let _ = writeln!(o, "### Findings\n");
        for f in &r.findings {
            let sev = f.severity.as_str();
            let _ = writeln!(o, "- **{sev}** `{}` — {}", f.code, text(&f.message));
            if let Some(h) = &f.hint {
                let _ = writeln!(o, "  - Fix: {}", text(h));
            }
        }
        let _ = writeln!(o, "\n`samlcheck explain CODE` tells more about a code.");
    }
    o
}

/// Text (a metadata or check report) as a fenced block no line of it can close.
pub fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{}{fence}\n", text)
}

//! The Markdown renderer: a ticket-ready report (GitHub, GitLab, Jira's Markdown, Zendesk) —
//! verdict, most likely cause and fix, the checks as a table, email candidates, signatures and
//! every finding with its code. Values from the message are inline code with their backticks,
//! pipes and line breaks neutralised, so they cannot break the table or inject markup.

use std::fmt::Write;

use super::outline::{Kind, Outline, Part, Span};
use crate::check::State;
use crate::report::Report;

/// `s` as an inline code span that holds whatever `s` contains.
fn code(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '|' => '¦',
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
        .enumerate()
        .map(|(k, r)| {
            let mut o = String::new();
            if last_origin != Some(r.origin.as_str()) {
                sign_ins(&mut o, &reports[k..]);
            }
            last_origin = Some(r.origin.as_str());
            o.push_str(&one(r, verify));
            o
        })
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

/// The sign-ins a capture records, a table row per hop, the hop it broke at marked.
fn sign_ins(o: &mut String, capture: &[Report]) {
    let r = &capture[0];
    for f in crate::report::flow::of_capture(capture) {
        let _ = writeln!(
            o,
            "## {} {} — {}\n\n{}\n\n| | Time | Who | Request | Message | Answer |\n|---|---|---|---|---|---|",
            f.kind.title(),
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
    let outline = Outline::of(r, verify);
    let h = &outline.head;
    let _ = writeln!(o, "## {}: SAML {}\n", h.words, h.kind);
    let _ = writeln!(
        o,
        "{} error(s), {} warning(s). Checked with samlcheck {}.\n",
        h.errors,
        h.warnings,
        env!("CARGO_PKG_VERSION")
    );
    if let Some(top) = outline.cause {
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
    for (name, value) in &outline.fields {
        let mut cell = line(value);
        if *name == "Issuer" {
            if let Some(idp) = &h.idp {
                cell.push_str(&format!(" ({})", text(idp)));
            }
        }
        let _ = writeln!(o, "| {name} | {cell} |");
    }
    o.push('\n');
    let _ = writeln!(o, "### Checks\n\n| check | result |\n|---|---|");
    for (c, s) in outline.checks {
        let st = match s {
            State::Pass => "✔ pass",
            State::Fail => "✗ fail",
            State::Warn => "! warn",
            State::Skip => "– skip",
        };
        let _ = writeln!(o, "| {} | {st} |", c.as_str());
    }
    o.push('\n');
    for p in &outline.parts {
        part(&mut o, p);
    }
    if !outline.stacks.is_empty() {
        let _ = writeln!(o, "### Would the SP stack accept it?\n");
        let _ = writeln!(o, "| stack | answer | rule | where |\n|---|---|---|---|");
        for s in outline.stacks {
            let answer = match (s.applies, s.accepts) {
                (true, false) => format!("rejects: {}", s.error.as_deref().unwrap_or("")),
                _ => s.answer(),
            };
            let _ = writeln!(
                o,
                "| {}@{} | {} | {} | {} |",
                s.stack,
                s.version,
                text(&answer),
                text(s.rule.as_deref().unwrap_or("")),
                text(s.cite.as_deref().unwrap_or(""))
            );
        }
        o.push('\n');
    }
    if !outline.findings.is_empty() {
        let _ = writeln!(o, "### Findings\n");
        for f in outline.findings {
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

/// A part: a heading, its summary, and its rows as a table.
fn part(o: &mut String, p: &Part) {
    let _ = writeln!(o, "### {}\n\n{}\n", p.title, line(&p.summary));
    if p.rows.is_empty() {
        return;
    }
    let cols = p
        .header
        .len()
        .max(p.rows.iter().map(Vec::len).max().unwrap_or(0));
    let head: Vec<&str> = (0..cols)
        .map(|c| p.header.get(c).copied().unwrap_or(""))
        .collect();
    let _ = writeln!(o, "| {} |\n|{}", head.join(" | "), "---|".repeat(cols));
    for row in &p.rows {
        let cells: Vec<String> = (0..cols)
            .map(|c| row.get(c).map(|l| line(l)).unwrap_or_default())
            .collect();
        let _ = writeln!(o, "| {} |", cells.join(" | "));
    }
    o.push('\n');
}

/// A line as Markdown: message values as code spans, words escaped.
fn line(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s.kind {
            Kind::Text => text(&s.text),
            Kind::Value | Kind::Quoted => code(&s.text),
        })
        .collect()
}

/// Text (a metadata or check report) as a fenced block no line of it can close.
pub fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{}{fence}\n", text)
}

//! The human renderer: verdict and most likely root cause first, then the message section by
//! section, then every finding with its hint. Colour is ANSI; the caller strips it when needed.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::outline::{Kind, Outline, Part, Span, Style as Look};
use crate::check::{Severity, State};
use crate::report::{Report, Tone};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const CYAN: Style = AnsiColor::Cyan.on_default();

/// `text` in `style`; the text is made terminal-safe first (it may come from the message).
fn paint(style: Style, text: impl std::fmt::Display) -> String {
    let text = text.to_string();
    format!("{}{}{}", style.render(), v(&text), style.render_reset())
}

/// Text from the message, a certificate or a file name, made safe for a terminal.
fn v(s: &str) -> String {
    super::terminal::visible(s).into_owned()
}

/// Whether the report is for `verify` (verdict counts) or `inspect` (information only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Inspect,
    Verify,
}

/// Renders every report, separated by a blank line. The messages of one capture (a HAR or
/// SAML-tracer export) are preceded by the sign-ins they record, one line a hop.
pub fn render(reports: &[Report], mode: Mode) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < reports.len() {
        let origin = &reports[i].origin;
        let n = reports[i..]
            .iter()
            .take_while(|r| &r.origin == origin && (r.flow.is_some() || !r.flows.is_empty()))
            .count();
        if n > 0 {
            out.push(flows(&reports[i..i + n]));
        }
        for r in reports[i..i + n.max(1)].iter() {
            out.push(render_one(r, mode));
        }
        i += n.max(1);
    }
    out.join("\n")
}

/// The sign-ins a capture records: one line per hop (time, who, request, message, the answer),
/// the hop it broke at marked, and how each ended.
fn flows(group: &[Report]) -> String {
    let r = &group[0];
    let all = crate::report::flow::of_capture(group);
    let mut o = String::new();
    let origin = v(&r.origin);
    let total = all.len();
    for f in all {
        let n = if total > 1 {
            format!(" {} of {total}", f.index)
        } else {
            String::new()
        };
        let style = match f.verdict {
            crate::report::flow::FlowVerdict::Pass => GREEN,
            crate::report::flow::FlowVerdict::Fail => RED,
            crate::report::flow::FlowVerdict::Incomplete => YELLOW,
        };
        let _ = writeln!(
            o,
            "{} {origin} — {}",
            paint(BOLD, format!("{}{n}", f.kind.title())),
            paint(style, v(&f.outcome()))
        );
        for l in f.lines() {
            let mark = if l.broken {
                paint(RED, "✗")
            } else {
                " ".into()
            };
            let what = if l.what.is_empty() {
                String::new()
            } else {
                format!("  {}", v(&l.what))
            };
            let answer = if l.answer.is_empty() {
                String::new()
            } else {
                format!(" → {}", v(&l.answer))
            };
            let _ = writeln!(
                o,
                "{mark} {:8} {:3} {:4} {}{what}{answer}",
                v(&l.time),
                l.party,
                v(&l.method),
                v(&l.url)
            );
        }
    }
    o
}

/// The closing line for several messages: how many passed, failed or could not be read.
pub fn summary(reports: &[Report], input_errors: usize, verify: bool) -> String {
    let bad = reports.iter().filter(|r| has_error(r)).count();
    let context = reports
        .iter()
        .filter(|r| r.verdict == crate::report::Verdict::Context)
        .count();
    summary_counts(reports.len(), bad, context, input_errors, verify)
}

/// Whether a report failed (what the summary counts as failing; a request that is context for a
/// sign-in is counted apart): its verdict, which an SP stack named with `--sp-stack` decides.
pub fn has_error(r: &Report) -> bool {
    r.verdict == crate::report::Verdict::Fail
}

/// [`summary`] from counts, for a batch rendered as it streams: `readable` reports, `bad` of
/// them with an error finding, `input_errors` unreadable.
pub fn summary_counts(
    readable: usize,
    bad: usize,
    context: usize,
    input_errors: usize,
    verify: bool,
) -> String {
    let good = readable - bad - context;
    let (ok, ko) = if verify {
        ("pass", "fail")
    } else {
        ("without errors", "with errors")
    };
    let mut line = format!(
        "\n{} messages: {good} {ok}, {bad} {ko}",
        readable + input_errors
    );
    if context > 0 {
        line.push_str(&format!(", {context} request(s) as context"));
    }
    if input_errors > 0 {
        line.push_str(&format!(", {input_errors} unreadable (see stderr)"));
    }
    line.push('\n');
    line
}

fn label(out: &mut String, name: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "{} {value}", paint(BOLD, format!("{name:<12}")));
}

fn render_one(r: &Report, mode: Mode) -> String {
    let mut out = String::new();
    if let Some(err) = &r.error {
        let _ = writeln!(
            out,
            "{} {}: {}",
            paint(RED, "✗ INPUT ERROR"),
            v(&r.origin),
            v(&err.message)
        );
        return out;
    }
    let o = Outline::of(r, mode == Mode::Verify);
    headline(&mut out, &o);
    out.push('\n');
    for (name, value) in &o.fields {
        label(&mut out, name, line(value));
    }
    for p in &o.parts {
        part(&mut out, p);
    }
    let states: Vec<String> = o
        .checks
        .iter()
        .filter(|(_, s)| *s != State::Skip)
        .map(|(c, s)| format!("{} {}", c.as_str(), state(*s)))
        .collect();
    label(&mut out, "Checks", states.join(" · "));
    stacks(&mut out, o.stacks);
    findings(&mut out, o.findings);
    out
}

/// `--sp-stack`: one line per stack — accepts, rejects with its rule and error, or would accept
/// with its weakness.
fn stacks(out: &mut String, stacks: &[crate::stacks::StackVerdict]) {
    for (k, s) in stacks.iter().enumerate() {
        let style = match (s.applies, s.accepts, s.weaknesses.is_empty()) {
            (false, _, _) => DIM,
            (true, true, true) => GREEN,
            (true, true, false) => RED,
            (true, false, _) => YELLOW,
        };
        let name = if k == 0 { "SP stack" } else { "" };
        label(out, name, paint(style, v(&s.line())));
    }
}

/// The verdict, the most likely cause and its fix.
fn headline(out: &mut String, o: &Outline) {
    let h = &o.head;
    let style = match h.tone {
        Tone::Good => GREEN,
        Tone::Caution => YELLOW,
        Tone::Bad => RED,
        Tone::Neutral => DIM,
    };
    let from = h
        .issuer
        .as_deref()
        .map(|i| format!(" from {}", v(i)))
        .unwrap_or_default();
    let idp = h
        .idp
        .as_deref()
        .map(|i| format!(" ({})", v(i)))
        .unwrap_or_default();
    let scope = h.scope.map(|s| format!(" — {s}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "{} {}{from}{idp} — {} error(s), {} warning(s){scope}",
        paint(style, h.words),
        paint(BOLD, &h.kind),
        h.errors,
        h.warnings
    );
    if let Some(top) = o.cause {
        let _ = writeln!(
            out,
            "  {} {} — {}",
            paint(BOLD, "most likely cause:"),
            paint(YELLOW, top.code),
            v(&top.message)
        );
        if let Some(h) = &top.hint {
            let _ = writeln!(out, "  {} {}", paint(BOLD, "fix:"), v(h));
        }
    }
}

/// A part: its summary on the labelled line, its rows under it in aligned columns.
fn part(out: &mut String, p: &Part) {
    label(out, p.title, line(&p.summary));
    let cols = p.rows.iter().map(Vec::len).max().unwrap_or(0);
    let aligned = if p.detail_last {
        cols.saturating_sub(1)
    } else {
        cols
    };
    let widths: Vec<usize> = (0..aligned)
        .map(|c| {
            p.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &p.rows {
        let mut text = String::new();
        for (c, cell) in row.iter().enumerate().take(aligned) {
            let shown = line(cell);
            let last = c + 1 == aligned;
            let pad = if last {
                0
            } else {
                widths[c].saturating_sub(width(cell))
            };
            text.push_str(&shown);
            if !last {
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        let _ = writeln!(out, "{:13}{}", "", text.trim_end());
        if p.detail_last {
            if let Some(d) = row.get(aligned).filter(|d| !d.is_empty()) {
                let _ = writeln!(out, "{:13}   {}", "", line(d));
            }
        }
    }
}

/// Every finding, most severe first, with its fix (a fix shared by several is shown once).
fn findings(out: &mut String, findings: &[crate::finding::Finding]) {
    if findings.is_empty() {
        return;
    }
    out.push('\n');
    let _ = writeln!(out, "{}", paint(BOLD, "Findings (most severe first)"));
    let mut fixes_shown: Vec<&str> = Vec::new();
    for f in findings {
        let sev = match f.severity {
            Severity::Error => paint(RED, "error  "),
            Severity::Warning => paint(YELLOW, "warning"),
            Severity::Info => paint(CYAN, "info   "),
        };
        let _ = writeln!(out, "  {sev} {} {}", paint(BOLD, f.code), v(&f.message));
        if let Some(h) = f.hint.as_deref().filter(|h| !fixes_shown.contains(h)) {
            fixes_shown.push(h);
            let _ = writeln!(out, "          {} {}", paint(BOLD, "fix:"), v(h));
        }
        if let Some(l) = &f.location {
            let at = if l.line > 0 {
                format!("at line {} {}", l.line, l.path)
            } else {
                format!("at {}", l.path)
            };
            let _ = writeln!(out, "          {}", paint(DIM, at));
        }
    }
    let _ = writeln!(
        out,
        "  {}",
        paint(DIM, "samlcheck explain CODE tells more about a code")
    );
}

fn state(s: State) -> String {
    match s {
        State::Pass => paint(GREEN, "pass"),
        State::Fail => paint(RED, "fail"),
        State::Warn => paint(YELLOW, "warn"),
        State::Skip => "skip".into(),
    }
}

/// A span as the terminal shows it, before colour.
fn shown(s: &Span) -> String {
    match s.kind {
        Kind::Quoted => v(&format!("{:?}", s.text)),
        _ => v(&s.text),
    }
}

/// A line with its colours.
fn line(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = shown(s);
            match s.style {
                Look::Plain => text,
                Look::Good => paint(GREEN, text),
                Look::Caution => paint(YELLOW, text),
                Look::Bad => paint(RED, text),
                Look::Dim => paint(DIM, text),
                Look::Strong => paint(BOLD, text),
                Look::Name => paint(CYAN, text),
            }
        })
        .collect()
}

/// How many columns a line takes on the terminal.
fn width(spans: &[Span]) -> usize {
    spans.iter().map(|s| shown(s).chars().count()).sum()
}

//! The HTML renderer: one self-contained file (inline CSS and SVG, no scripts, no external
//! resources) with the verdict, cause and fix, the validity window drawn against "now" on a time
//! line, the signature coverage tree (which element each signature covers and which one the SP
//! consumes), the checks, the email candidates and every finding.

use std::fmt::Write;

use super::outline::{Kind, Outline, Part, Span, Style as Look};
use crate::check::{Severity, State};
use crate::report::{Report, SigResult, Tone};

/// Escapes text for HTML content and attribute values; control and bidi characters are shown.
fn esc(s: &str) -> String {
    let s = super::terminal::visible(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;color:#1d2330}\
h1{font-size:22px}h2{font-size:17px;margin-top:1.6em;border-bottom:1px solid #dde}\
.pass{color:#137333}.fail{color:#b3261e}.warn{color:#9a6700}.dim{color:#667}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #dde;padding:4px 8px;text-align:left;vertical-align:top}\
code{font:12px ui-monospace,monospace;background:#f3f4f8;padding:1px 3px;border-radius:3px;word-break:break-all}\
ul.tree{list-style:none;padding-left:1.2em}ul.tree li{margin:3px 0}.box{border:1px solid #dde;border-radius:6px;padding:8px 12px;background:#fafbfe}";

/// Renders the reports as one HTML document.
pub fn render(reports: &[Report], verify: bool) -> String {
    format!("{}{}{}", head(), body(reports, verify), foot())
}

/// The document up to the first report (a streamed page starts with it).
pub fn head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>samlcheck report</title><style>{STYLE}</style></head><body>"
    )
}

/// The reports of one or more inputs, each capture's sign-ins before its messages.
pub fn body(reports: &[Report], verify: bool) -> String {
    let mut o = String::new();
    let mut last_origin: Option<&str> = None;
    for (k, r) in reports.iter().enumerate() {
        if last_origin != Some(r.origin.as_str()) {
            sign_ins(&mut o, &reports[k..]);
        }
        last_origin = Some(r.origin.as_str());
        one(&mut o, r, verify);
    }
    o
}

/// The end of the document.
pub fn foot() -> String {
    format!(
        "<p class=\"dim\">samlcheck {} · <code>samlcheck explain CODE</code> tells more about a code</p></body></html>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The sign-ins a capture records: a time line of its hops (time, who, request, message and
/// verdict, the answer), the hop it broke at marked, and how each ended.
fn sign_ins(o: &mut String, capture: &[Report]) {
    let r = &capture[0];
    for f in crate::report::flow::of_capture(capture) {
        let class = match f.verdict {
            crate::report::flow::FlowVerdict::Pass => "pass",
            crate::report::flow::FlowVerdict::Fail => "fail",
            crate::report::flow::FlowVerdict::Incomplete => "warn",
        };
        let _ = write!(
            o,
            "<h2>{} {} <span class=\"dim\">{}</span></h2><p class=\"{class}\">{}</p><ol class=\"box\">",
            f.kind.title(),
            f.index,
            esc(&r.origin),
            esc(&f.outcome())
        );
        for l in f.lines() {
            let mark = if l.broken {
                "<span class=\"fail\">✗</span> "
            } else {
                ""
            };
            let what = if l.what.is_empty() {
                String::new()
            } else {
                format!(" · {}", esc(&l.what))
            };
            let answer = if l.answer.is_empty() {
                String::new()
            } else {
                format!(" → <code>{}</code>", esc(&l.answer))
            };
            let _ = write!(
                o,
                "<li>{mark}<span class=\"dim\">{} {}</span> {} <code>{}</code>{what}{answer}</li>",
                esc(&l.time),
                esc(l.party),
                esc(&l.method),
                esc(&l.url)
            );
        }
        let _ = write!(o, "</ol>");
    }
}

fn one(o: &mut String, r: &Report, verify: bool) {
    if let Some(e) = &r.error {
        let _ = write!(
            o,
            "<h1 class=\"fail\">✗ Input error</h1><p><code>{}</code>: {}</p>",
            esc(&r.origin),
            esc(&e.message)
        );
        return;
    }
    let outline = Outline::of(r, verify);
    headline(o, &outline, &r.origin);
    o.push_str("<h2>Message</h2><table>");
    for (name, value) in &outline.fields {
        let mut cell = line(value);
        if *name == "Issuer" {
            if let Some(idp) = &outline.head.idp {
                cell.push_str(&format!(" ({})", esc(idp)));
            }
        }
        let _ = write!(o, "<tr><th>{name}</th><td>{cell}</td></tr>");
    }
    o.push_str("</table>");
    timeline(o, r);
    coverage(o, r);
    for p in &outline.parts {
        part(o, p);
    }
    checks(o, outline.checks);
    stacks(o, outline.stacks);
    findings(o, outline.findings);
}

/// `--sp-stack`: a row per stack.
fn stacks(o: &mut String, stacks: &[crate::stacks::StackVerdict]) {
    if stacks.is_empty() {
        return;
    }
    o.push_str("<h2>Would the SP stack accept it?</h2><table>");
    for s in stacks {
        let (class, answer) = match (s.applies, s.accepts, s.weaknesses.is_empty()) {
            (false, _, _) => ("dim", s.answer()),
            (true, true, true) => ("pass", s.answer()),
            (true, true, false) => ("fail", s.answer()),
            (true, false, _) => (
                "warn",
                format!("rejects: {}", s.error.as_deref().unwrap_or("")),
            ),
        };
        let _ = write!(
            o,
            "<tr><td>{}@{}</td><td class=\"{class}\">{}</td><td><code>{}</code></td><td class=\"dim\">{}</td></tr>",
            esc(&s.stack),
            esc(&s.version),
            esc(&answer),
            esc(s.rule.as_deref().unwrap_or("")),
            esc(s.cite.as_deref().unwrap_or(""))
        );
    }
    o.push_str("</table>");
}

/// The verdict, the counts, the most likely cause and its fix.
fn headline(o: &mut String, outline: &Outline, origin: &str) {
    let h = &outline.head;
    let class = match h.tone {
        Tone::Good => "pass",
        Tone::Caution => "warn",
        Tone::Bad => "fail",
        Tone::Neutral => "dim",
    };
    // A request that is context for a sign-in is never the page's largest heading.
    let tag = if h.tone == Tone::Neutral { "h3" } else { "h1" };
    let _ = write!(
        o,
        "<{tag} class=\"{class}\">{}: SAML {}</{tag}><p>{} error(s), {} warning(s) · <code>{}</code></p>",
        h.words,
        esc(&h.kind),
        h.errors,
        h.warnings,
        esc(origin)
    );
    if let Some(top) = outline.cause {
        let _ = write!(
            o,
            "<div class=\"box\"><p><b>Most likely cause:</b> <code>{}</code> — {}</p>",
            top.code,
            esc(&top.message)
        );
        if let Some(h) = &top.hint {
            let _ = write!(o, "<p><b>Fix:</b> {}</p>", esc(h));
        }
        o.push_str("</div>");
    }
}

/// Every check and its state.
fn checks(o: &mut String, checks: &[(crate::check::Check, State)]) {
    o.push_str("<h2>Checks</h2><table><tr><th>check</th><th>result</th></tr>");
    for (c, s) in checks {
        let (t, class) = match s {
            State::Pass => ("pass", "pass"),
            State::Fail => ("fail", "fail"),
            State::Warn => ("warn", "warn"),
            State::Skip => ("skip", "dim"),
        };
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"{class}\">{t}</td></tr>",
            c.as_str()
        );
    }
    o.push_str("</table>");
}

/// Every finding, most severe first, with its fix.
fn findings(o: &mut String, findings: &[crate::finding::Finding]) {
    if findings.is_empty() {
        return;
    }
    o.push_str("<h2>Findings</h2><ul>");
    for f in findings {
        let class = match f.severity {
            Severity::Error => "fail",
            Severity::Warning => "warn",
            Severity::Info => "dim",
        };
        let _ = write!(
            o,
            "<li><b class=\"{class}\">{}</b> <code>{}</code> — {}",
            f.severity.as_str(),
            f.code,
            esc(&f.message)
        );
        if let Some(h) = &f.hint {
            let _ = write!(o, "<br><span class=\"dim\">Fix: {}</span>", esc(h));
        }
        o.push_str("</li>");
    }
    o.push_str("</ul>");
}

/// A part: a heading, its summary, and its rows as a table.
fn part(o: &mut String, p: &Part) {
    let _ = write!(o, "<h2>{}</h2><p>{}</p>", esc(p.title), line(&p.summary));
    if p.rows.is_empty() {
        return;
    }
    o.push_str("<table><tr>");
    for h in p.header {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    o.push_str("</tr>");
    for row in &p.rows {
        o.push_str("<tr>");
        for cell in row {
            let _ = write!(o, "<td>{}</td>", line(cell));
        }
        o.push_str("</tr>");
    }
    o.push_str("</table>");
}

/// A line as HTML: message values as code, styles as classes, everything escaped.
fn line(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let inner = match s.kind {
                Kind::Text => esc(&s.text),
                Kind::Value | Kind::Quoted => format!("<code>{}</code>", esc(&s.text)),
            };
            let class = match s.style {
                Look::Plain | Look::Strong | Look::Name => return inner,
                Look::Good => "pass",
                Look::Caution => "warn",
                Look::Bad => "fail",
                Look::Dim => "dim",
            };
            format!("<span class=\"{class}\">{inner}</span>")
        })
        .collect()
}

/// The validity window: every time mark on a line, "now" (the judged time) marked.
fn timeline(o: &mut String, r: &Report) {
    if r.timeline.is_empty() {
        return;
    }
    let lo = r
        .timeline
        .iter()
        .map(|m| m.offset_seconds)
        .min()
        .unwrap_or(0)
        .min(0);
    let hi = r
        .timeline
        .iter()
        .map(|m| m.offset_seconds)
        .max()
        .unwrap_or(0)
        .max(0);
    let span = (hi - lo).max(1) as f64;
    let x = |s: i64| 40.0 + (s - lo) as f64 / span * 880.0;
    let h = 60 + 22 * r.timeline.len();
    let _ = write!(
        o,
        "<h2>Validity window</h2><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"time line\" width=\"960\" height=\"{h}\" viewBox=\"0 0 960 {h}\">\
<line x1=\"40\" y1=\"30\" x2=\"920\" y2=\"30\" stroke=\"#99a\" stroke-width=\"2\"/>"
    );
    let now = x(0);
    let _ = write!(
        o,
        "<line x1=\"{now:.1}\" y1=\"14\" x2=\"{now:.1}\" y2=\"{}\" stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"12\" font-size=\"11\" fill=\"#b3261e\">now {}</text>",
        h - 8,
        (now - 20.0).clamp(2.0, 760.0),
        esc(r.judged_at.as_deref().unwrap_or(""))
    );
    for (i, m) in r.timeline.iter().enumerate() {
        let mx = x(m.offset_seconds);
        let y = 52 + 22 * i;
        let color = if m.offset_seconds > 0 {
            "#137333"
        } else {
            "#1d2330"
        };
        let _ = write!(
            o,
            "<circle cx=\"{mx:.1}\" cy=\"30\" r=\"4\" fill=\"{color}\"/><line x1=\"{mx:.1}\" y1=\"34\" x2=\"{mx:.1}\" y2=\"{}\" stroke=\"#dde\"/><text x=\"{:.1}\" y=\"{y}\" font-size=\"12\" fill=\"{color}\">{} {}</text>",
            y - 10,
            mx.min(620.0),
            esc(&m.label),
            esc(&m.at)
        );
    }
    o.push_str("</svg>");
}

/// The signature coverage tree: the message, its signatures and what each covers.
fn coverage(o: &mut String, r: &Report) {
    o.push_str("<h2>Signature coverage</h2>");
    if r.signatures.is_empty() {
        o.push_str("<p class=\"warn\">The message carries no signature.</p>");
        return;
    }
    let consumed = r.subject.as_ref().is_some_and(|s| s.authenticated);
    let _ = write!(o, "<ul class=\"tree\"><li>▸ {} <span class=\"dim\">(the SP consumes its Assertion{})</span><ul class=\"tree\">", esc(&r.kind()), if consumed { ", which is authenticated" } else { ", which is not authenticated" });
    for (i, s) in r.signatures.iter().enumerate() {
        let (t, class) = match s.result {
            SigResult::Valid => ("valid".to_string(), "pass"),
            SigResult::NotChecked => ("not checked".to_string(), "dim"),
            other => (other.label().to_string(), "fail"),
        };
        let _ = write!(
            o,
            "<li>◆ signature #{} in <code>{}</code> → covers <code>{}</code>{} · <span class=\"{class}\">{}</span></li>",
            i + 1,
            esc(&s.location),
            esc(s.reference.as_deref().unwrap_or("(no URI)")),
            s.resolves_to.as_deref().map(|p| format!(" = <code>{}</code>", esc(p))).unwrap_or_default(),
            esc(&t)
        );
    }
    o.push_str("</ul></li></ul>");
}

/// A text report (metadata, check) as a self-contained HTML page.
pub fn pre(text: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>samlcheck report</title><style>{STYLE}</style></head><body><pre>{}</pre></body></html>\n",
        // Line by line: a newline is layout here, not a control character to show escaped.
        text.lines().map(esc).collect::<Vec<_>>().join("\n")
    )
}

//! JUnit XML (what Jenkins, GitLab and most CI test tabs read): one testcase per message,
//! metadata file or pairing; a failure lists the error findings, an error is an input error.

use super::outcome::Outcome;
use crate::check::Severity;

/// The JUnit report of `outcomes` for `command` (verify, metadata, check).
pub fn render(command: &str, outcomes: &[Outcome]) -> String {
    let failures = outcomes.iter().filter(|o| o.verdict == "fail").count();
    let errors = outcomes
        .iter()
        .filter(|o| o.verdict == "input_error")
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"samlcheck\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">\n  <testsuite name=\"samlcheck {command}\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\">\n",
        n = outcomes.len()
    ));
    for o in outcomes {
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"samlcheck.{}\">",
            esc(&o.name),
            o.kind
        ));
        let errs: Vec<_> = o
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        if let Some(e) = &o.error {
            out.push_str(&format!(
                "\n      <error message=\"{}\" type=\"input-error\"/>\n    ",
                esc(e)
            ));
        } else if o.verdict == "fail" {
            let first = errs.first();
            let body: Vec<String> = o
                .findings
                .iter()
                .map(|f| {
                    let sev = f.severity.as_str();
                    let mut line = format!("{sev} {}: {}", f.code, f.message);
                    if let Some(h) = &f.hint {
                        line.push_str(&format!("\n  fix: {h}"));
                    }
                    line
                })
                .collect();
            out.push_str(&format!(
                "\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    ",
                esc(&first.map_or(String::new(), |f| format!("{}: {}", f.code, f.message))),
                first.map_or("", |f| f.code.as_str()),
                esc(&body.join("\n"))
            ));
        } else if !o.findings.is_empty() {
            let body: Vec<String> = o
                .findings
                .iter()
                .map(|f| format!("{}: {}", f.code, f.message))
                .collect();
            out.push_str(&format!(
                "\n      <system-out>{}</system-out>\n    ",
                esc(&body.join("\n"))
            ));
        }
        out.push_str("</testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for XML content and attributes; control characters XML 1.0 forbids are dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

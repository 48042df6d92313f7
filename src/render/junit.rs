//! JUnit XML (what Jenkins, GitLab and most CI test tabs read): one testcase per message,
//! metadata file or pairing; a failure lists the error findings, an error is an input error.

use super::outcome::Outcome;
use crate::check::Severity;
use crate::report::Verdict;

/// The JUnit report of `outcomes` for `command` (verify, metadata, check): one testsuite per
/// `check` app (else one for the command), each with its counts, the run's `timestamp` and the
/// time it took (`seconds`, spread evenly over the suites' testcases).
pub fn render(command: &str, outcomes: &[Outcome], seconds: f64) -> String {
    let count = |os: &[&Outcome], v: Verdict| os.iter().filter(|o| o.verdict == v).count();
    let all: Vec<&Outcome> = outcomes.iter().collect();
    let timestamp = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    let per_case = if outcomes.is_empty() {
        0.0
    } else {
        seconds / outcomes.len() as f64
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"samlcheck\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{seconds:.3}\" timestamp=\"{timestamp}\">\n",
        all.len(),
        count(&all, Verdict::Fail),
        count(&all, Verdict::InputError),
    ));
    // Suites in order of first appearance.
    let mut suites: Vec<Option<&str>> = Vec::new();
    for o in outcomes {
        if !suites.contains(&o.suite.as_deref()) {
            suites.push(o.suite.as_deref());
        }
    }
    for suite in suites {
        let members: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.suite.as_deref() == suite)
            .collect();
        let name = match suite {
            Some(app) => format!("samlcheck {command} {app}"),
            None => format!("samlcheck {command}"),
        };
        let class = match suite {
            Some(app) => format!("samlcheck.{command}.{}", class_part(app)),
            None => format!("samlcheck.{command}"),
        };
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3}\" timestamp=\"{timestamp}\">\n",
            esc(&name),
            members.len(),
            count(&members, Verdict::Fail),
            count(&members, Verdict::InputError),
            per_case * members.len() as f64,
        ));
        cases(&mut out, &members, &class, per_case);
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// An app name as a classname segment (dots separate segments).
fn class_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The testcases of one suite.
fn cases(out: &mut String, outcomes: &[&Outcome], class: &str, per_case: f64) {
    for o in outcomes {
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{}.{}\" time=\"{per_case:.3}\">",
            esc(&o.name),
            esc(class),
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
        } else if o.verdict == Verdict::Fail {
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

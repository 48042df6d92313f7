//! SARIF 2.1.0 (what GitHub code scanning and other CI dashboards import): one rule per finding
//! code with its title and explain text, one result per finding with the input file and line.

use serde_json::{json, Value};

use super::outcome::Outcome;
use crate::check::Severity;
use crate::codes::CODES;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of a run that could not start (an unreadable config, a missing file): one
/// `input-error` result naming it, and the invocation marked unsuccessful, so a CI upload step
/// shows the real error instead of failing on an empty file.
pub fn render_error(file: &str, message: &str) -> String {
    let mut log: Value = serde_json::from_str(&render(&[])).unwrap_or_default();
    let run = &mut log["runs"][0];
    run["results"] = json!([{
        "ruleId": "input-error",
        "ruleIndex": CODES.len(),
        "level": "error",
        "message": { "text": message },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(file) } } }],
    }]);
    run["invocations"] = json!([{
        "executionSuccessful": false,
        "toolExecutionNotifications": [{ "level": "error", "message": { "text": message } }],
    }]);
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// The SARIF log of `outcomes`.
pub fn render(outcomes: &[Outcome]) -> String {
    let mut rules: Vec<Value> = CODES
        .iter()
        .map(|c| {
            json!({
                "id": c.code,
                "name": c.code,
                "shortDescription": { "text": c.title },
                "fullDescription": { "text": c.explain },
                "help": { "text": c.explain },
                "defaultConfiguration": { "level": level(c.severity) },
                "properties": { "check": c.check.as_str() },
            })
        })
        .collect();
    rules.push(json!({
        "id": "input-error",
        "name": "input-error",
        "shortDescription": { "text": "The input could not be read as a SAML message or metadata" },
        "fullDescription": { "text": "The file is not a capture form samlcheck reads (XML, base64, URL-encoded, form body, redirect URL, HAR, SAML-tracer export) or breaks a limit; the message says what and where. samlcheck exits 2." },
        "defaultConfiguration": { "level": "error" },
    }));
    let mut results = Vec::new();
    for o in outcomes {
        let location = |line: Option<usize>| -> Vec<Value> {
            let Some(file) = &o.file else { return vec![] };
            let mut physical = json!({ "artifactLocation": { "uri": uri(file) } });
            if let Some(l) = line.filter(|l| *l > 0 && o.lines_in_file) {
                physical["region"] = json!({ "startLine": l });
            }
            vec![json!({ "physicalLocation": physical })]
        };
        if let Some(e) = &o.error {
            results.push(json!({
                "ruleId": "input-error",
                "ruleIndex": CODES.len(),
                "level": "error",
                "message": { "text": format!("{}: {e}", o.name) },
                "locations": location(None),
            }));
        }
        for f in &o.findings {
            let mut text = format!("{}: {}", o.name, f.message);
            if let Some(h) = &f.hint {
                text.push_str(&format!(" Fix: {h}"));
            }
            let mut r = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": location(f.location.as_ref().map(|l| l.line)),
                "properties": { "check": f.check.as_str(), "subject": o.kind },
            });
            if let Some(i) = CODES.iter().position(|c| c.code == f.code.as_str()) {
                r["ruleIndex"] = json!(i);
            }
            results.push(r);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "samlcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// A relative path as a URI reference (forward slashes, spaces and `#` escaped).
fn uri(path: &str) -> String {
    let p = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    p.replace('%', "%25")
        .replace(' ', "%20")
        .replace('#', "%23")
}

//! Every fixture of testdata/forgery (made by testdata/forgery.py from signed messages, changed
//! after signing as an attacker would): the attacks fail `verify` with a forgery or MUST code
//! and nothing in them is reported as authenticated; the benign shapes real IdPs send
//! (`benign-*`) pass with their subject authenticated; inputs a reader and an SP could read
//! differently (`doctype-*`, `refused-*`) are refused (exit 2); a capture holding a forged
//! message beside the genuine sign-in (`capture-*`) fails on it. A new fixture is judged
//! without a new test.

use crate::common::*;
use serde_json::Value;

/// What is wrong with one fixture's result, if anything.
fn judge(name: &str, code: i32, reports: &[Value]) -> Option<String> {
    let authenticated = reports
        .iter()
        .any(|r| r["subject"]["authenticated"].as_bool().unwrap_or(false));
    let all_codes: Vec<String> = reports.iter().flat_map(codes).collect();
    let fail = |why: &str| {
        Some(format!(
            "{name}: {why}: exit {code}, authenticated {authenticated}: {all_codes:?}"
        ))
    };
    if name.starts_with("doctype-") || name.starts_with("refused-") {
        // Refused before any reader looks at it (in a capture: that message of it).
        let errors: Vec<&str> = reports
            .iter()
            .filter(|r| r["verdict"] == "input_error")
            .filter_map(|r| r["error"]["message"].as_str())
            .collect();
        let doctype = !name.starts_with("doctype-") || errors.iter().any(|e| e.contains("DOCTYPE"));
        return (code != 2 || errors.is_empty() || !doctype)
            .then(|| format!("{name}: exit {code}: {errors:?}"));
    }
    if name.starts_with("capture-") {
        let forged_fails = reports
            .iter()
            .any(|r| r["verdict"] == "fail" && codes(r).iter().any(|c| c.starts_with("wrapping-")));
        let mallory = reports.iter().any(|r| {
            r["subject"]["authenticated"] == true
                && r["subject"]["name_id"]
                    .as_str()
                    .is_some_and(|n| n.contains("mallory"))
        });
        return if code != 1 || !forged_fails || mallory {
            fail("capture")
        } else {
            None
        };
    }
    if name.starts_with("benign-") {
        return if code != 0 || !authenticated {
            fail("benign")
        } else {
            None
        };
    }
    // A signed Response without its Issuer breaks a MUST (profiles §4.1.4.2) but is signed by
    // the IdP: it fails, and what it says is authenticated.
    let must = all_codes
        .iter()
        .any(|c| c == "issuer-missing-signed-response");
    let refused = all_codes
        .iter()
        .any(|c| c.starts_with("wrapping-") || c == "comment-in-text")
        || must;
    if code != 1 || (authenticated && !must) || !refused {
        fail("attack")
    } else {
        None
    }
}

#[test]
fn forgery_fixtures_fail_and_benign_shapes_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/forgery");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{} fixtures", files.len());
    let (cert, key) = (td("keys/idp.crt"), td("keys/sp.key"));
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (code, v) = vjson(&["--cert", &cert, "--sp-key", &key, f.to_str().unwrap()]);
        let reports = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
        failures.extend(judge(&name, code, &reports));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! Every fixture of testdata/forgery (made by testdata/forgery.py from signed messages, changed
//! after signing as an attacker would): the attacks fail `verify` with a forgery or MUST code
//! and nothing in them is reported as authenticated; the benign shapes real IdPs send
//! (`benign-*`) pass with their subject authenticated. A new fixture is judged without a new test.

use crate::common::*;

#[test]
fn forgery_fixtures_fail_and_benign_shapes_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/forgery");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{} fixtures", files.len());
    let (cert, key) = (td("keys/idp.crt"), td("keys/sp.key"));
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (code, v) = vjson(&["--cert", &cert, "--sp-key", &key, f.to_str().unwrap()]);
        let reports = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
        let authenticated = reports
            .iter()
            .any(|r| r["subject"]["authenticated"].as_bool().unwrap_or(false));
        let all_codes: Vec<String> = reports.iter().flat_map(codes).collect();
        if name.starts_with("doctype-") || name.starts_with("refused-") {
            // Refused before any reader looks at it.
            let e = reports[0]["error"]["message"].as_str().unwrap_or_default();
            let why = if name.starts_with("doctype-") {
                "DOCTYPE"
            } else {
                "parameters"
            };
            if code != 2 || !e.contains(why) {
                failures.push(format!("{name}: exit {code}: {e}"));
            }
        } else if name.starts_with("benign-") {
            if code != 0 || !authenticated {
                failures.push(format!(
                    "{name}: exit {code}, authenticated {authenticated}: {all_codes:?}"
                ));
            }
        } else {
            // A signed Response without its Issuer breaks a MUST (profiles §4.1.4.2) but is
            // signed by the IdP: it fails, and what it says is authenticated.
            let must = all_codes
                .iter()
                .any(|c| c == "issuer-missing-signed-response");
            let refused = all_codes
                .iter()
                .any(|c| c.starts_with("wrapping-") || c == "comment-in-text")
                || must;
            if code != 1 || (authenticated && !must) || !refused {
                failures.push(format!(
                    "{name}: exit {code}, authenticated {authenticated}: {all_codes:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! `samlcheck diff A B`: a working and a failing sign-in compared, the explaining difference
//! first; identical captures exit 0; human (snapshot), JSON and Markdown output.

mod common;
use common::*;

fn diff(extra: &[&str], a: &str, b: &str) -> (i32, String, String) {
    let mut cmd = bin();
    cmd.env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["diff", "--now", NOW, "--cert", "testdata/keys/idp.crt"])
        .args(extra)
        .args([a, b]);
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_placeholder_is_the_first_difference_between_a_working_and_a_failing_user() {
    let (code, out, err) = diff(
        &[],
        "testdata/signed-assertion.xml",
        "testdata/placeholder-email.xml",
    );
    assert_eq!(code, 1, "{err}");
    let first = out.lines().find(|l| l.starts_with('!')).unwrap();
    assert!(first.contains("email"), "{out}");
    assert!(out.contains("(placeholder)"), "{out}");
    insta::assert_snapshot!("diff_working_vs_placeholder", out);
}

#[test]
fn a_tampered_copy_differs_in_its_signature_and_the_same_capture_not_at_all() {
    let (code, out, _) = diff(
        &["--format", "json"],
        "testdata/signed-assertion.xml",
        "testdata/tampered-nameid.xml",
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["differences"][0];
    assert_eq!(first["explains_failure"], true, "{v}");
    let fields: Vec<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"signature[1].result"), "{fields:?}");
    assert!(fields.contains(&"authenticated"), "{fields:?}");
    // The same capture in two forms (XML and base64): nothing an SP checks differs.
    let (code, out, _) = diff(
        &[],
        "testdata/signed-assertion.xml",
        "testdata/signed-assertion.b64",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no difference"), "{out}");
    let (code, md, _) = diff(
        &["--format", "markdown"],
        "testdata/signed-assertion.xml",
        "testdata/placeholder-email.xml",
    );
    assert_eq!(code, 1);
    assert!(md.contains("| | field | A | B |"), "{md}");
}

#[test]
fn diff_needs_exactly_two_captures() {
    let (code, _, err) = diff(&[], "testdata/signed-assertion.xml", "testdata/capture.har");
    assert_eq!(code, 2);
    assert!(
        err.contains("diff needs one per side") || err.contains("messages"),
        "{err}"
    );
}

//! `samlcheck diff A B`: a working and a failing sign-in compared, the explaining difference
//! first; identical captures exit 0; human (snapshot), JSON and Markdown output.

use crate::common::*;

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
fn captures_diff_by_their_response_or_the_message_picked() {
    // A HAR diffs by its Response (its own help example): good vs bad sign-in.
    let (code, out, err) = diff(
        &[],
        "testdata/flows/healthy-2025.har",
        "testdata/flows/sp-302-error.har",
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("sp-answer-error"), "{out}");
    // FILE#N picks a message; the AuthnRequest of each capture here.
    let (code, out, _) = diff(
        &[],
        "testdata/flows/healthy-2025.har#1",
        "testdata/capture.har#1",
    );
    assert!(code <= 1, "{out}");
    assert!(out.contains("A testdata/flows/healthy-2025.har"), "{out}");
    let (code, _, err) = diff(&[], "testdata/capture.har#9", "testdata/capture.har");
    assert_eq!(code, 2);
    assert!(err.contains("holds 2 message(s)"), "{err}");
    // --message is inspect's and verify's; diff says how it picks.
    let (code, _, err) = diff(
        &["--message", "1"],
        "testdata/flows/two-sign-ins.har",
        "testdata/flows/healthy-2025.har",
    );
    assert_eq!(code, 2);
    assert!(err.contains("with FILE#N"), "{err}");
    // A capture of one message diffs like a file (against a message of its kind).
    let (code, _, err) = diff(
        &[],
        "testdata/flows/entra-aadsts50105.har",
        "testdata/capture.har#1",
    );
    assert!(code <= 1, "one message: diffed like a file ({err})");
    // Messages of different kinds are not compared: the line names them and how to pick.
    let (code, _, err) = diff(
        &[],
        "testdata/flows/stopped-at-login.har",
        "testdata/flows/healthy-2025.har",
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("is an AuthnRequest and B (testdata/flows/healthy-2025.har#2) is a Response: pick the messages to compare with FILE#N"),
        "{err}"
    );
    // Of several Responses the last is compared, and the report says which and how to pick.
    let (_, out, _) = diff(
        &[],
        "testdata/flows/two-sign-ins.har",
        "testdata/flows/healthy-2025.har",
    );
    assert!(
        out.contains("A testdata/flows/two-sign-ins.har#4 (the last of 2 Responses; testdata/flows/two-sign-ins.har#N picks another)"),
        "{out}"
    );
    let (code, _, err) = diff(
        &["--format", "sarif"],
        "testdata/signed-assertion.xml",
        "testdata/capture.har",
    );
    // The formats are diff's own type: the parser refuses any other and names the ones it takes.
    assert_eq!(code, 2);
    assert!(
        err.contains("[possible values: human, json, ndjson, markdown]"),
        "{err}"
    );
}

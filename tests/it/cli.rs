//! Committed completions are current; the man page renders; --help and --version work.

use crate::common::*;

#[test]
fn committed_completions_are_current() {
    for (shell, file) in [
        ("bash", "samlcheck.bash"),
        ("zsh", "_samlcheck"),
        ("fish", "samlcheck.fish"),
        ("powershell", "_samlcheck.ps1"),
        ("elvish", "samlcheck.elv"),
    ] {
        let (code, generated, _) = run(&["completions", shell]);
        assert_eq!(code, 0);
        let committed =
            std::fs::read_to_string(format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap_or_default();
        assert!(
            committed == generated,
            "completions/{file} is stale: run `cargo run -- completions {shell} > completions/{file}` (see README)"
        );
    }
}

#[test]
fn man_page_renders() {
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH samlcheck"));
    assert!(out.contains("verify"));
}

#[test]
fn help_and_version() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for c in [
        "decode",
        "inspect",
        "verify",
        "metadata",
        "explain",
        "completions",
        "man",
    ] {
        assert!(out.contains(c), "{c}");
    }
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("samlcheck "));
    let (code, _, _) = run(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn small_conveniences_work() {
    // `samlcheck FILE` is inspect.
    let (code, out, _) = run(&["testdata/unsigned.xml", "--now", "2026-01-15T10:01:00Z"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("✔ OK response"), "{out}");
    // explain is case-insensitive.
    let (code, out, _) = run(&["explain", "ALGORITHM-SHA1"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("algorithm-sha1"), "{out}");
    // --now takes a date (midnight UTC).
    let (code, out, err) = run(&[
        "inspect",
        "--format",
        "json",
        "--now",
        "2026-01-15",
        "testdata/unsigned.xml",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"judged_at\": \"2026-01-15T00:00:00Z\""),
        "{out}"
    );
    // HTML of a text report keeps its lines.
    let (_, out, _) = run(&[
        "metadata",
        "--format",
        "html",
        "--now",
        "2026-01-15T10:01:00Z",
        "testdata/idp-metadata.xml",
    ]);
    assert!(!out.contains("\\u{000a}"), "{out}");
    // One algorithm-sha1 per signature, naming both algorithms.
    let (_, out, _) = run(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T10:01:00Z",
        "--idp-metadata",
        "testdata/idp-metadata.xml",
        "testdata/signed-sha1.xml",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sha1: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "algorithm-sha1")
        .collect();
    assert_eq!(sha1.len(), 1, "{out}");
    assert!(
        sha1[0]["message"].as_str().unwrap().contains("rsa-sha1")
            && sha1[0]["message"].as_str().unwrap().contains("#sha1")
    );
    // The SHA-1 thumbprint beside the SHA-256 fingerprint (what Entra and AD FS show).
    assert!(
        v["signatures"][0]["embedded_cert"]["sha1"]
            .as_str()
            .unwrap()
            .len()
            == 40
    );
}

#[test]
fn completions_offer_profiles_and_codes() {
    let (_, fish, _) = run(&["completions", "fish"]);
    for value in [
        "aws-identity-center",
        "signature-placement-unusual",
        "wrapping-hidden-assertion",
    ] {
        assert!(fish.contains(value), "{value} is not offered");
    }
    // Parsing keeps its own one-line messages (the candidates only shape completions).
    let (code, _, err) = run(&["explain", "email"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean"), "{err}");
}

//! Committed completions are current; the man page renders; --help and --version work.

mod common;
use common::*;

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

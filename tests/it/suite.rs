//! `samlcheck check`: a checked-in SSO setup (testdata/samlcheck.toml) run as one CI step, its
//! config errors, `--init`, and the README's "Use in CI" recipe run as written.

use crate::common::*;
use serde_json::Value;

/// A config in a temporary folder beside copies of the fixtures it names.
fn setup(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (to, from) in files {
        let dest = dir.path().join(to);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(td(from), dest).unwrap();
    }
    std::fs::write(dir.path().join("samlcheck.toml"), config).unwrap();
    dir
}

const FILES: &[(&str, &str)] = &[
    ("idp.xml", "idp-metadata.xml"),
    ("sp.xml", "sp-metadata.xml"),
    ("captures/alice.xml", "signed-assertion.xml"),
    ("captures/mallory.xml", "tampered-nameid.xml"),
];

const APP: &str = r#"now = "2026-01-15T10:01:00Z"
[[app]]
name = "amplitude"
idp_metadata = "idp.xml"
sp_metadata = "sp.xml"
profile = "amplitude"
"#;

fn check_in(dir: &tempfile::TempDir, extra: &[&str]) -> (i32, String, String) {
    let cfg = dir.path().join("samlcheck.toml");
    let mut args = vec!["check", cfg.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn the_bundled_setup_passes() {
    let (code, out, err) = run(&["check", &td("samlcheck.toml")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 checked: 5 pass, 0 fail"), "{out}");
}

#[test]
fn a_tampered_capture_fails_the_run_with_its_cause() {
    let dir = setup(&format!("{APP}responses = [\"captures/*.xml\"]\n"), FILES);
    let (code, out, _) = check_in(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("✗ FAIL response"), "{out}");
    assert!(out.contains("signature-digest-mismatch"), "{out}");
    // JSON: per app, its metadata, pairing and messages.
    let (_, out, _) = check_in(&dir, &["--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "fail");
    let app = &v["apps"][0];
    assert_eq!(app["metadata"].as_array().unwrap().len(), 2);
    assert_eq!(app["pair"]["verdict"], "pass");
    let verdicts: Vec<&str> = app["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["pass", "fail"]);
    // SARIF and JUnit name the app.
    let (_, out, _) = check_in(&dir, &["--format", "junit"]);
    assert!(out.contains("name=\"amplitude: "), "{out}");
    assert!(out.contains("tests=\"5\" failures=\"1\""), "{out}");
    let (_, out, _) = check_in(&dir, &["--format", "ndjson"]);
    let kinds: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        ["metadata", "metadata", "pairing", "message", "message"]
    );
}

#[test]
fn now_on_the_command_line_wins_and_min_days_fails_early() {
    let dir = setup(&format!("{APP}min_days = 30\n"), FILES);
    assert_eq!(check_in(&dir, &[]).0, 0);
    // 17 days before the fixture certificates expire (2035-01-01).
    let (code, out, _) = check_in(&dir, &["--now", "2034-12-15T00:00:00Z"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("certificate-expiring"), "{out}");
    assert!(out.contains("in 17 days (within --min-days 30)"), "{out}");
}

#[test]
fn config_mistakes_are_usage_errors_that_name_the_key_and_line() {
    let dir = setup(&format!("{APP}respones = [\"captures/*.xml\"]\n"), FILES);
    let (code, out, err) = check_in(&dir, &[]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("line 7") && err.contains("respones"), "{err}");
    let dir = setup(&format!("{APP}responses = [\"nothing/*.b64\"]\n"), FILES);
    let (code, _, err) = check_in(&dir, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("matches no file"), "{err}");
    let (code, _, err) = run(&["check", "/nonexistent/samlcheck.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("--init"), "{err}");
}

#[test]
fn init_writes_an_example_that_check_reads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("samlcheck.toml");
    let (code, out, _) = run(&["check", "--init", cfg.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("[[app]]") && text.contains("min_days"));
    let (code, _, err) = run(&["check", "--init", cfg.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    // The example names files that do not exist here: a clear error, not a panic.
    let (code, _, err) = run(&["check", cfg.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("captures/*.xml"), "{err}");
}

/// The shell lines of README's "Use in CI" section (```sh and the `run:` steps of the ```yaml
/// job), run from the repository root with the built binary first on PATH.
#[test]
fn readme_ci_recipe_runs_as_written() {
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let section = readme
        .split("## Use in CI")
        .nth(1)
        .expect("README has a Use in CI section")
        .split("\n## ")
        .next()
        .unwrap();
    let mut commands = Vec::new();
    let mut block = None;
    for line in section.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            block = if block.is_some() {
                None
            } else {
                Some(lang.to_string())
            };
            continue;
        }
        match block.as_deref() {
            Some("sh") => commands.push(line.to_string()),
            Some("yaml") => {
                if let Some(cmd) = line.trim().strip_prefix("run: ") {
                    if cmd.starts_with("samlcheck") {
                        commands.push(cmd.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    assert!(commands.iter().any(|c| c.contains("samlcheck check")));
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_samlcheck"))
        .parent()
        .unwrap()
        .to_path_buf();
    let out_dir = tempfile::tempdir().unwrap();
    let script = commands.join("\n");
    let out = std::process::Command::new("bash")
        .arg("-euo")
        .arg("pipefail")
        .arg("-c")
        .arg(&script)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .env("RUNNER_TEMP", out_dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "README CI recipe failed:\n{script}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif = out_dir.path().join("samlcheck.sarif");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
}

#[test]
fn a_pinned_now_dates_captures_not_the_metadata() {
    // `now` in the config is for old captures; certificates are judged at the real clock, so
    // min_days still warns (the fixture certificates expire 2035-01-01: from 2020 that is more
    // than 3,500 days away, from today less).
    let cfg = r#"now = "2020-01-01T00:00:00Z"
[[app]]
name = "amplitude"
idp_metadata = "idp.xml"
min_days = 3500
"#;
    let dir = setup(cfg, FILES);
    let (code, out, _) = check_in(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("certificate-expiring"), "{out}");
    // Without a pinned now, captured responses are judged at their own IssueInstant.
    let cfg = "[[app]]\nname = \"amplitude\"\nidp_metadata = \"idp.xml\"\nsp_metadata = \"sp.xml\"\nprofile = \"amplitude\"\nresponses = [\"captures/alice.xml\"]\n";
    let dir = setup(cfg, FILES);
    let (code, out, _) = check_in(&dir, &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn every_missing_path_is_listed_at_once() {
    let cfg = "[[app]]\nname = \"a\"\nidp_metadata = \"nope-idp.xml\"\nsp_metadata = \"nope-sp.xml\"\nresponses = [\"none/*.xml\"]\n";
    let dir = setup(cfg, &[]);
    let (code, out, err) = check_in(&dir, &[]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("3 path(s) to fix"), "{err}");
    assert!(
        err.contains("nope-idp.xml") && err.contains("nope-sp.xml") && err.contains("none/*.xml"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn junit_has_a_testsuite_per_app_with_time_and_timestamp() {
    let (_, out, _) = run(&["check", "--format", "junit", &td("samlcheck.toml")]);
    let suites = out.matches("<testsuite ").count();
    let apps = std::fs::read_to_string(td("samlcheck.toml"))
        .unwrap()
        .matches("[[app]]")
        .count();
    assert_eq!(suites, apps, "{out}");
    assert!(out.contains("timestamp=\"20"), "{out}");
    assert!(out.contains(" time=\""), "{out}");
    assert!(out.contains("classname=\"samlcheck.check."), "{out}");
}

/// A capture in `check` lists each of its messages by kind and number, so the request and the
/// Response of one HAR can be told apart.
#[test]
fn a_captures_messages_are_named_by_kind_and_number() {
    let cfg = "[[app]]\nname = \"amplitude\"\nidp_metadata = \"idp.xml\"\nresponses = [\"flows/sp-302-error.har\"]\n";
    let dir = setup(
        cfg,
        &[
            ("idp.xml", "idp-metadata.xml"),
            ("flows/sp-302-error.har", "flows/sp-302-error.har"),
        ],
    );
    let (code, out, _) = check_in(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("· CONTEXT authn request "), "{out}");
    assert!(out.contains("sp-302-error.har#1\n"), "{out}");
    assert!(out.contains("✗ FAIL response "), "{out}");
    assert!(out.contains("sp-302-error.har#2\n"), "{out}");
}

/// A config that cannot be read still gives CI a SARIF log holding the error (exit 2), so the
/// upload step shows the cause instead of failing on an empty file (issue 27).
#[test]
fn an_unreadable_config_writes_a_sarif_log_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("samlcheck.toml");
    std::fs::write(
        &cfg,
        "[[app]]\nname = \"x\"\nidp_metadata = \"missing.xml\"\nresponses = [\"a.xml\"]\n",
    )
    .unwrap();
    let (code, out, err) = run(&["check", "--format", "sarif", cfg.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let run = &v["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(run["results"][0]["ruleId"], "input-error");
    assert!(run["results"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("missing.xml"));
}

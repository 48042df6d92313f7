//! The GitHub Action's shell steps (action.yml → scripts/action-install.sh, action-check.sh) run
//! here against a release archive served on 127.0.0.1: it is downloaded, its SHA256SUMS checked
//! (a tampered archive is refused), the binary put on PATH, `samlcheck check` run with SARIF out
//! and its exit code recorded as the step output.

use crate::common::*;
use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

const VERSION: &str = "9.9.9";
const TARGET: &str = "x86_64-unknown-linux-gnu";

/// Serves every file below `root` (GET /path), 404 otherwise.
fn serve(root: std::path::PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let head = read_request_head(&mut BufReader::new(stream.try_clone().unwrap()));
            let request = head.first().cloned().unwrap_or_default();
            let path = request
                .split(' ')
                .nth(1)
                .unwrap_or("/")
                .trim_start_matches('/');
            let resp = match std::fs::read(root.join(path)) {
                Ok(body) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend(body);
                    r
                }
                Err(_) => {
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .to_vec()
                }
            };
            let _ = stream.write_all(&resp);
        }
    });
    base
}

/// A release like scripts/release.sh makes, of the binary under test, in `dir/v<version>/`.
fn release(dir: &Path, tamper: bool) {
    let name = format!("samlcheck-{VERSION}-{TARGET}");
    let stage = dir.join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    let exe = assert_cmd::cargo::cargo_bin("samlcheck");
    // Without its debug sections (what a release ships has none): a third smaller to archive.
    let stripped = Command::new("strip")
        .arg("--strip-debug")
        .arg("-o")
        .arg(stage.join("samlcheck"))
        .arg(&exe)
        .status()
        .is_ok_and(|s| s.success());
    if !stripped {
        std::fs::copy(&exe, stage.join("samlcheck")).unwrap();
    }
    let out = dir.join(format!("v{VERSION}"));
    std::fs::create_dir_all(&out).unwrap();
    let tgz = out.join(format!("{name}.tar.gz"));
    let ok = Command::new("tar")
        .arg("-C")
        .arg(dir.join("stage"))
        // gzip's fastest level: the archive is the format releases use, and the unoptimised
        // binary takes seconds at the default level.
        .args(["-I", "gzip -1", "-cf"])
        .arg(&tgz)
        .arg(&name)
        .status()
        .unwrap();
    assert!(ok.success());
    let sums = Command::new("sha256sum").arg(&tgz).output().unwrap();
    let sum = String::from_utf8_lossy(&sums.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let sum = if tamper { "0".repeat(64) } else { sum };
    std::fs::write(out.join("SHA256SUMS"), format!("{sum}  {name}.tar.gz\n")).unwrap();
}

fn install(base: &str, work: &Path) -> std::process::Output {
    Command::new("bash")
        .arg(td("../scripts/action-install.sh"))
        .env("SAMLCHECK_VERSION", VERSION)
        .env("SAMLCHECK_DOWNLOAD_BASE", base)
        .env("SAMLCHECK_TARGET", TARGET)
        .env("SAMLCHECK_INSTALL_DIR", work.join("install"))
        .env("GITHUB_PATH", work.join("github_path"))
        .output()
        .unwrap()
}

#[test]
fn the_action_installs_a_verified_release_and_runs_check() {
    if Command::new("curl").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "curl is needed for the action test"
        );
        eprintln!("SKIPPED action test: curl is not installed");
        return;
    }
    let srv = tempfile::tempdir().unwrap();
    release(srv.path(), false);
    let base = serve(srv.path().to_path_buf());
    let work = tempfile::tempdir().unwrap();
    let out = install(&base, work.path());
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("samlcheck 0.1.0"), "{said}");
    let bindir = std::fs::read_to_string(work.path().join("github_path"))
        .unwrap()
        .trim()
        .to_string();
    assert!(Path::new(&bindir).join("samlcheck").exists());
    // The check step, with the installed binary first on PATH.
    let path = format!("{bindir}:{}", std::env::var("PATH").unwrap_or_default());
    let sarif = work.path().join("out.sarif");
    let output = work.path().join("github_output");
    let out = Command::new("bash")
        .arg(td("../scripts/action-check.sh"))
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("SAMLCHECK_CONFIG", td("samlcheck.toml"))
        .env("SAMLCHECK_SARIF", &sarif)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&output).unwrap().trim(),
        "exit-code=0"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(v["version"], "2.1.0");
}

#[test]
fn a_release_that_does_not_match_its_checksum_is_refused() {
    if Command::new("curl").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "curl is needed for the action test"
        );
        return;
    }
    let srv = tempfile::tempdir().unwrap();
    release(srv.path(), true);
    let base = serve(srv.path().to_path_buf());
    let work = tempfile::tempdir().unwrap();
    let out = install(&base, work.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match SHA256SUMS"));
    // No release at all, and no permission to build: one line naming the way out.
    let out = Command::new("bash")
        .arg(td("../scripts/action-install.sh"))
        .env("SAMLCHECK_VERSION", "0.0.0")
        .env("SAMLCHECK_DOWNLOAD_BASE", &base)
        .env("SAMLCHECK_INSTALL_DIR", work.path().join("none"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("set build: true"));
}

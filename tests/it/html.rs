//! `--format html`: one self-contained file (no scripts, no external resources), checked in a
//! real headless browser (Debian's chromium) when one is installed: it loads, its DOM holds the
//! report, the console stays clean and the screenshot is a drawn page. Without a browser the
//! browser part is skipped with a printed reason (in CI, where scripts/install-deps.sh installs
//! chromium, it fails instead); the self-containment checks always run.

use crate::common::*;
use std::process::Command;

fn html() -> String {
    let out = bin()
        .args([
            "verify",
            "--now",
            NOW,
            "--cert",
            &td("keys/idp.crt"),
            "--format",
            "html",
        ])
        .arg(td("tampered-nameid.xml"))
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_html_report_is_self_contained() {
    let h = html();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("✗ FAIL"));
    assert!(
        h.contains("<svg") && h.contains("now 2026-01-15T10:01:00Z"),
        "time line"
    );
    assert!(
        h.contains("Signature coverage") && h.contains("signature #1"),
        "coverage tree"
    );
    for external in ["<script", "src=", "<link", "@import", "url("] {
        assert!(!h.contains(external), "{external} in the page");
    }
}

fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

#[test]
fn the_html_report_loads_in_a_headless_browser() {
    let Some(browser) = browser() else {
        // CI installs it (scripts/install-deps.sh with CI=true): there a missing browser fails.
        assert!(
            std::env::var_os("CI").is_none(),
            "no chromium to load the HTML report in (apt-get install chromium)"
        );
        eprintln!(
            "SKIPPED: no chromium installed (apt-get install chromium) to load the HTML report in"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, html()).unwrap();
    let url = format!("file://{}", page.display());
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--enable-logging=stderr",
        "--v=0",
    ];
    let dom = Command::new(browser)
        .args(common)
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    let dom_out = String::from_utf8_lossy(&dom.stdout);
    let log = String::from_utf8_lossy(&dom.stderr);
    assert!(dom.status.success(), "{log}");
    assert!(
        dom_out.contains("✗ FAIL") && dom_out.contains("signature-digest-mismatch"),
        "{dom_out}"
    );
    assert!(
        !log.contains("CONSOLE") && !log.contains("Uncaught"),
        "console messages: {log}"
    );
    let shot = dir.path().join("shot.png");
    let s = Command::new(browser)
        .args(common)
        .arg(format!("--screenshot={}", shot.display()))
        .args(["--window-size=1000,1400", &url])
        .output()
        .unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    // A drawn report compresses far worse than a blank page (which is under 10 KB).
    assert!(
        png.len() > 20_000,
        "screenshot is {} bytes: blank page?",
        png.len()
    );
}

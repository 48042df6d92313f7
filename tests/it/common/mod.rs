//! Shared helpers for integration tests: the real binary, fixed time, no colour.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

/// The time every fixture in testdata/ is valid at.
pub const NOW: &str = "2026-01-15T10:01:00Z";

pub fn td(name: &str) -> String {
    format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A redirect URL whose SAMLRequest is `mib` MiB of zeros, raw DEFLATE (a bomb): the first MiB
/// compressed, then the compressed form of one more MiB repeated — after a sync flush every block
/// starts on a byte and refers only to the zeros before it, so each copy inflates to one MiB of
/// zeros. Built in milliseconds, where compressing the whole GiB takes seconds.
pub fn deflate_bomb_url(mib: usize) -> String {
    use flate2::{Compress, Compression, FlushCompress};
    assert!(mib >= 2);
    let zeros = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let mut block = |input: &[u8], flush| {
        let mut out = Vec::with_capacity(1 << 16);
        let before = c.total_in();
        c.compress_vec(input, &mut out, flush).unwrap();
        assert_eq!(
            (c.total_in() - before) as usize,
            input.len(),
            "output buffer too small"
        );
        out
    };
    let first = block(&zeros, FlushCompress::Sync);
    let again = block(&zeros, FlushCompress::Sync);
    let end = block(&[], FlushCompress::Finish);
    let mut deflated = first;
    for _ in 1..mib {
        deflated.extend_from_slice(&again);
    }
    deflated.extend_from_slice(&end);
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&deflated);
    format!(
        "https://idp.example/sso?SAMLRequest={}",
        b64.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    )
}

/// The `xmlsec1` CLI as an oracle: told not to read the system's CA bundle (it loads every
/// certificate in it at start-up, ~30 ms a run, though keys here are always given explicitly and
/// no chain is built).
pub fn xmlsec1() -> std::process::Command {
    let mut c = std::process::Command::new("xmlsec1");
    c.env("SSL_CERT_FILE", "/dev/null")
        .env("SSL_CERT_DIR", "/nonexistent");
    c
}

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("samlcheck").unwrap();
    c.env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Runs with the given args; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `verify --format json --now NOW` against the test IdP metadata.
pub fn verify_json(file: &str, extra: &[&str]) -> (i32, Value) {
    let (path, md) = (td(file), td("idp-metadata.xml"));
    let mut args = vec!["--idp-metadata", md.as_str()];
    args.extend_from_slice(extra);
    args.push(&path);
    vjson(&args)
}

/// `verify --format json --now NOW` followed by `args`.
pub fn vjson(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["verify", "--format", "json", "--now", NOW];
    full.extend_from_slice(args);
    json(&full)
}

/// Runs `args` with `stdin`; returns (exit code, parsed stdout).
pub fn json_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> (i32, Value) {
    let out = bin().args(args).write_stdin(stdin.into()).output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), v)
}

/// `inspect --format json` (with `--now NOW` unless `extra` sets it) on `stdin`.
pub fn inspect_stdin(extra: &[&str], stdin: impl Into<Vec<u8>>) -> (i32, Value) {
    let mut args = vec!["inspect", "--format", "json"];
    if !extra.contains(&"--now") {
        args.extend_from_slice(&["--now", NOW]);
    }
    args.extend_from_slice(extra);
    args.push("-");
    json_stdin(&args, stdin)
}

/// `verify --format json --now NOW` on `stdin`, trusting the test IdP metadata plus `extra`.
pub fn verify_stdin(extra: &[&str], stdin: impl Into<Vec<u8>>) -> (i32, Value) {
    let md = td("idp-metadata.xml");
    let mut args = vec![
        "verify",
        "--format",
        "json",
        "--now",
        NOW,
        "--idp-metadata",
        md.as_str(),
    ];
    args.extend_from_slice(extra);
    args.push("-");
    json_stdin(&args, stdin)
}

/// `metadata --format json --now NOW` followed by `args`.
pub fn mjson(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["metadata", "--format", "json", "--now", NOW];
    full.extend_from_slice(args);
    json(&full)
}

/// Runs a command that prints JSON; returns (exit code, parsed stdout).
pub fn json(args: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(args);
    let v: Value = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {out}\nstderr: {err}"));
    (code, v)
}

pub fn codes(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

pub fn has_code(v: &Value, code: &str) -> bool {
    codes(v).iter().any(|c| c == code)
}

pub fn check(v: &Value, name: &str) -> String {
    v["checks"][name].as_str().unwrap_or("missing").to_string()
}

/// The first finding with `code` (panics with the report when there is none).
pub fn finding(v: &Value, code: &str) -> Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} finding in {v}"))
}

/// `inspect --format json --now NOW` followed by `args`.
pub fn ijson(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["inspect", "--format", "json", "--now", NOW];
    full.extend_from_slice(args);
    json(&full)
}

/// `metadata --format json IDP --sp-metadata SP` over two metadata texts (written to temporary
/// files), with `extra` flags; returns (exit code, the pairing report).
#[allow(dead_code)]
pub fn pair_json(idp: &str, sp: &str, extra: &[&str]) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let (i, s) = (dir.path().join("idp.xml"), dir.path().join("sp.xml"));
    std::fs::write(&i, idp).unwrap();
    std::fs::write(&s, sp).unwrap();
    let mut args = vec![
        "metadata",
        "--format",
        "json",
        "--now",
        NOW,
        i.to_str().unwrap(),
        "--sp-metadata",
        s.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, v) = json(&args);
    (code, v["pair"].clone())
}

/// A fixture's text.
#[allow(dead_code)]
pub fn text(name: &str) -> String {
    std::fs::read_to_string(td(name)).unwrap()
}

/// The Assertion element of signed-assertion.xml alone, as SP logs print it.
#[allow(dead_code)]
pub fn bare_assertion() -> String {
    let xml = text("signed-assertion.xml");
    let start = xml.find("<saml:Assertion").unwrap();
    let end = xml.rfind("</saml:Assertion>").unwrap() + "</saml:Assertion>".len();
    xml[start..end].to_string()
}

/// The head of an HTTP request a test server received: its lines up to the blank one, each
/// trimmed, the request line first (empty when the client sent nothing).
pub fn read_request_head(reader: &mut impl std::io::BufRead) -> Vec<String> {
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            return head;
        }
        head.push(line.trim().to_string());
    }
}

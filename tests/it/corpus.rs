//! The public conformance corpus (tests/corpus, a byte-for-byte copy of the team's imported set
//! `../shared/corpus`, each folder with its project's licence): every manifest entry is run
//! through `samlcheck verify` and judged against the verdict its label expects. The copy lives in
//! the repository so the test runs on every machine; where `../shared/corpus` exists, the copy
//! must still equal it.
//!
//! Entries we judge differently from the label are listed in `DISAGREE` with the reason.

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// "valid signature" entries whose signature no certificate in their `trust` list verifies —
/// xmlsec1 agrees (`xmlsec1_verifies_with` is empty). The source libraries accept them by
/// fingerprint of the certificate the message carries, which samlcheck never trusts; samlcheck
/// reports them as not valid under the trusted keys (untrusted_key where the embedded
/// certificate verifies, signature_mismatch otherwise).
const DISAGREE: &[(&str, &str)] = &[
    ("python3-saml/response_without_reference_uri.xml.base64", "valid only under the embedded certificate"),
    ("python3-saml/adfs_response.xml.base64", "content changed after signing (xmlsec1: no certificate verifies it)"),
    ("ruby-saml/adfs_response_sha1.xml", "non-standard algorithm URIs (xmldsig-more#rsa-sha1, xmlenc#sha1); not verifiable by libxmlsec1"),
    ("ruby-saml/adfs_response_sha256.xml", "signed by the embedded certificate, which is not in trust"),
    ("ruby-saml/adfs_response_sha384.xml", "non-standard algorithm URIs; not verifiable by libxmlsec1"),
    ("ruby-saml/adfs_response_sha512.xml", "signed by the embedded certificate, which is not in trust"),
    ("ruby-saml/response_with_signed_assertion.xml.base64", "no trusted certificate verifies it (xmlsec1 agrees)"),
    ("ruby-saml/inclusive_namespaces.xml", "valid only under the embedded certificate"),
    ("ruby-saml/response_with_ds_namespace_at_the_root.xml.base64", "valid only under the embedded certificate"),
];

/// Condition entries whose manifest `now` lies inside the message's validity window: the source
/// library's test judges them at the real clock, where they are expired. So do we.
const AT_SYSTEM_CLOCK: &[&str] = &["python3-saml/invalids__not_after_failed.xml.base64"];

/// SP settings the source libraries' tests use, for checks that need an expectation.
const SP_ENTITY: &str = "http://stuff.com/endpoints/metadata.php";
const SP_ACS: &str = "http://stuff.com/endpoints/endpoints/acs.php";

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The copy is the imported set as it is: where the team's `../shared/corpus` is on this machine,
/// the same files with the same bytes (nothing edited, added or left out).
#[test]
fn the_copy_is_the_shared_corpus_byte_for_byte() {
    let ours = corpus();
    assert!(
        ours.join("manifest.json").exists(),
        "tests/corpus is missing"
    );
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let listed = files(&ours);
    assert!(listed.len() > 64, "{} files in tests/corpus", listed.len());
    if !shared.join("manifest.json").exists() {
        return; // nothing to compare with on this machine; the corpus test below still runs
    }
    let theirs = files(&shared);
    let mut stale: Vec<String> = listed
        .iter()
        .chain(theirs.iter().filter(|f| !listed.contains(f)))
        .filter(|f| std::fs::read(ours.join(f)).ok() != std::fs::read(shared.join(f)).ok())
        .map(|f| f.display().to_string())
        .collect();
    stale.dedup();
    assert!(
        stale.is_empty(),
        "tests/corpus is no longer ../shared/corpus byte for byte ({}): bring the copy up to date \
         with `rsync -a --delete ../shared/corpus/ tests/corpus/`, then run \
         `cargo test --test it corpus` and reason any new disagreement in tests/it/corpus.rs",
        stale.join(", ")
    );
}

fn run_entry(dir: &Path, e: &Value) -> (i32, Value, String) {
    let file = dir.join(e["file"].as_str().unwrap());
    let mut args: Vec<String> = vec!["verify".into(), "--format".into(), "json".into()];
    for t in e["trust"].as_array().unwrap() {
        args.push("--cert".into());
        args.push(dir.join(t.as_str().unwrap()).display().to_string());
    }
    let at_clock = AT_SYSTEM_CLOCK.contains(&e["file"].as_str().unwrap());
    if let Some(now) = e["now"].as_str().filter(|_| !at_clock) {
        args.push("--now".into());
        args.push(now.into());
    }
    // python3-saml and ruby-saml validate the SAML schema, so a signature that is not right
    // after the Issuer fails there even when it is valid over its whole parent: their labels
    // are those stacks' verdicts, which samlcheck gives under the policy their users set.
    let name = e["file"].as_str().unwrap();
    if name.starts_with("python3-saml/") || name.starts_with("ruby-saml/") {
        args.extend(["--deny".into(), "signature-placement-unusual".into()]);
    }
    let label = e["label"].as_str().unwrap();
    if label.starts_with("condition:") {
        args.extend([
            "--audience".into(),
            SP_ENTITY.into(),
            "--acs".into(),
            SP_ACS.into(),
        ]);
    }
    args.push(file.display().to_string());
    let out = bin().args(&args).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{}: {stderr}", e["file"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let v = if v.is_array() { v[0].clone() } else { v };
    (code, v, stderr)
}

/// The NameID text of the decoded message with comments removed (what must be reported).
fn full_name_id(dir: &Path, file: &str) -> String {
    let (_, xml, _) = run(&["decode", "--raw", &dir.join(file).display().to_string()]);
    let start = xml
        .find("NameID")
        .and_then(|i| xml[i..].find('>').map(|j| i + j + 1))
        .unwrap();
    let end = start + xml[start..].find("</").unwrap();
    let mut inner = &xml[start..end];
    // The closing tag search above stops at a comment's "</"? No: comments are "<!--", so
    // `</` is the NameID end; strip every comment in between.
    let mut text = String::new();
    while let Some(c) = inner.find("<!--") {
        text.push_str(&inner[..c]);
        let close = inner[c..]
            .find("-->")
            .map(|k| c + k + 3)
            .unwrap_or(inner.len());
        inner = &inner[close..];
    }
    text.push_str(inner);
    text
}

/// Where the signature is valid under the certificate the message carries, pinning that
/// certificate's SHA-256 (`--fingerprint`, how the source libraries trust it) must make it valid.
fn pinned_fingerprint_verifies(dir: &Path, e: &Value, v: &Value) -> Option<String> {
    let sig = v["signatures"]
        .as_array()?
        .iter()
        .find(|s| s["valid_under_embedded_cert"] == true)?;
    let fp = sig["embedded_cert"]["sha256"].as_str()?;
    let mut args = vec![
        "verify".to_string(),
        "--format".into(),
        "json".into(),
        "--fingerprint".into(),
        fp.into(),
    ];
    if let Some(now) = e["now"].as_str() {
        args.extend(["--now".into(), now.into()]);
    }
    args.push(dir.join(e["file"].as_str()?).display().to_string());
    let out = bin().args(&args).output().ok()?;
    let pinned: Value = serde_json::from_slice(&out.stdout).ok()?;
    let ok = pinned["signatures"]
        .as_array()?
        .iter()
        .any(|s| s["result"] == "valid" && s["key"]["source"] == "fingerprint");
    (!ok).then(|| {
        "valid under the embedded certificate, but not when its fingerprint is pinned".into()
    })
}

#[test]
fn corpus_manifest_verdicts() {
    let dir = corpus();
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let mut counted = 0;
    for e in manifest.as_array().unwrap() {
        let file = e["file"].as_str().unwrap();
        let label = e["label"].as_str().unwrap();
        let (code, v, err) = run_entry(&dir, e);
        counted += 1;
        let results: Vec<&str> = v["signatures"]
            .as_array()
            .map(|a| a.iter().filter_map(|s| s["result"].as_str()).collect())
            .unwrap_or_default();
        let problem: Option<String> = if label.starts_with("attack") {
            (v["verdict"] == "pass" || v["subject"]["authenticated"] == true)
                .then(|| format!("attack passed or authenticated: {}", v["subject"]))
        } else if label.starts_with("unsigned") {
            (check(&v, "signature") != "fail").then(|| "signature check did not fail".into())
        } else if label.starts_with("comment in NameID") {
            let expected = full_name_id(&dir, file);
            if v["subject"]["name_id"] != expected.trim() {
                Some(format!(
                    "NameID {} is not the full text {expected:?}",
                    v["subject"]["name_id"]
                ))
            } else if !has_code(&v, "comment-in-text") {
                Some("no comment-in-text warning".into())
            } else {
                None
            }
        } else if let Some(c) = label.strip_prefix("condition: ") {
            (check(&v, c.trim()) != "fail").then(|| format!("check {c} is {}", check(&v, c.trim())))
        } else if label.starts_with("input error") {
            (code != 2).then(|| format!("exit {code}, expected 2 ({err})"))
        } else {
            // A valid signature of one kind or another.
            let verifies = !e["xmlsec1_verifies_with"]
                .as_array()
                .map(|a| a.is_empty())
                .unwrap_or(true);
            let disagreed = DISAGREE.iter().any(|(f, _)| *f == file);
            if verifies {
                if !results.contains(&"valid") || check(&v, "signature") != "pass" {
                    Some(format!(
                        "expected a valid signature, got {results:?} / {}",
                        check(&v, "signature")
                    ))
                } else if label.contains("rsa-sha1") && check(&v, "algorithm") != "warn" {
                    Some("SHA-1 without an algorithm warning".into())
                } else {
                    None
                }
            } else if !disagreed {
                Some("no trusted certificate verifies it and it is not in DISAGREE".into())
            } else {
                if results.contains(&"valid") {
                    Some("valid under trust although xmlsec1 says no".into())
                } else {
                    pinned_fingerprint_verifies(&dir, e, &v)
                }
            }
        };
        if let Some(p) = problem {
            failures.push(format!("{file} [{label}]: {p}"));
        }
    }
    assert!(counted >= 64, "ran {counted} entries");
    assert!(
        failures.is_empty(),
        "{} corpus entries misjudged:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

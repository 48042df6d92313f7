//! Batch and CI output through the binary: directories and --glob, ndjson in input order, SARIF
//! 2.1.0 and JUnit for verify and metadata, the summary line.

use crate::common::*;
use serde_json::Value;

fn batch_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    for (name, src) in [
        ("a-good.xml", "signed-assertion.xml"),
        ("b-bad.xml", "tampered-nameid.xml"),
        // The same Assertion again: a replay within the run.
        ("nested/c-replay.xml", "signed-assertion.xml"),
        ("nested/d-notes.txt", "signed-assertion.xml"),
    ] {
        std::fs::copy(td(src), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("nested/e-garbage.xml"), "not saml at all").unwrap();
    dir
}

fn verify_dir(dir: &std::path::Path, format: &str) -> (i32, String, String) {
    run(&[
        "verify",
        "--now",
        NOW,
        "--idp-metadata",
        &td("idp-metadata.xml"),
        "--glob",
        "*.xml",
        "--format",
        format,
        dir.to_str().unwrap(),
    ])
}

#[test]
fn a_directory_is_verified_recursively_in_name_order_as_ndjson() {
    let dir = batch_dir();
    let (code, out, err) = verify_dir(dir.path(), "ndjson");
    // The garbage file is unreadable: exit 2 wins over the failure.
    assert_eq!(code, 2, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            let origin = v["origin"].as_str().unwrap_or_default();
            let file = origin.rsplit('/').next().unwrap().to_string();
            (file, v["verdict"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a-good.xml".into(), "pass".into()),
            ("b-bad.xml".into(), "fail".into()),
            ("c-replay.xml".into(), "fail".into()),
            ("e-garbage.xml".into(), "input_error".into()),
        ],
        "the .txt file is left out by --glob; order is by path"
    );
    assert!(
        err.contains("4 messages: 1 pass, 2 fail, 1 unreadable"),
        "{err}"
    );
    // Without the unreadable file: exit 1.
    std::fs::remove_file(dir.path().join("nested/e-garbage.xml")).unwrap();
    let (code, _, _) = verify_dir(dir.path(), "ndjson");
    assert_eq!(code, 1);
}

#[test]
fn sarif_has_a_rule_per_code_and_results_with_file_and_line() {
    let dir = batch_dir();
    std::fs::remove_file(dir.path().join("nested/e-garbage.xml")).unwrap();
    let (code, out, _) = verify_dir(dir.path(), "sarif");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let (_, list, _) = run_explain();
    for code in list {
        assert!(rules.iter().any(|r| r["id"] == code), "no rule for {code}");
    }
    let digest = rules
        .iter()
        .find(|r| r["id"] == "signature-digest-mismatch")
        .unwrap();
    assert!(digest["fullDescription"]["text"].as_str().unwrap().len() > 40);
    let results = run["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "signature-digest-mismatch")
        .expect("the tampered file's digest finding");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert!(loc["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("b-bad.xml"));
    assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    // ruleIndex points at the rule.
    let i = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[i]["id"], "signature-digest-mismatch");
}

fn run_explain() -> (i32, Vec<String>, String) {
    let (code, out, err) = run(&["explain"]);
    let codes = out
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    (code, codes, err)
}

#[test]
fn junit_has_a_testcase_per_message_and_parses() {
    let dir = batch_dir();
    let (code, out, _) = verify_dir(dir.path(), "junit");
    assert_eq!(code, 2);
    // Well-formed XML with the expected counts.
    let doc = junit_counts(&out);
    assert_eq!(doc.testcases, 4);
    assert_eq!(doc.failures, 2);
    assert_eq!(doc.errors, 1);
    assert!(out.contains("tests=\"4\" failures=\"2\" errors=\"1\""));
    assert!(out.contains("type=\"assertion-replayed\""), "{out}");
    assert!(out.contains("type=\"signature-digest-mismatch\""), "{out}");
}

/// Counts testcase/failure/error elements with a real XML parser (quick-xml).
struct JUnitCounts {
    testcases: usize,
    failures: usize,
    errors: usize,
}

fn junit_counts(xml: &str) -> JUnitCounts {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut c = JUnitCounts {
        testcases: 0,
        failures: 0,
        errors: 0,
    };
    loop {
        match reader
            .read_event()
            .expect("JUnit output is well-formed XML")
        {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => c.testcases += 1,
                    b"failure" => c.failures += 1,
                    b"error" => c.errors += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    c
}

#[test]
fn metadata_speaks_every_machine_format() {
    let md = td("idp-metadata.xml");
    let sp = td("sp-metadata.xml");
    let base = ["metadata", "--now", NOW, "--min-days", "5000"];
    let with = |format: &str| {
        let mut a = base.to_vec();
        a.extend(["--format", format, &md, "--sp-metadata", &sp]);
        run(&a)
    };
    let (code, out, _) = with("sarif");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "certificate-expiring" && r["level"] == "error"));
    let (_, out, _) = with("junit");
    let c = junit_counts(&out);
    assert_eq!(c.testcases, 3, "two files and the pairing");
    let (_, out, _) = with("ndjson");
    assert_eq!(out.lines().count(), 3);
    for l in out.lines() {
        let _: Value = serde_json::from_str(l).unwrap();
    }
}

#[test]
fn har_with_several_messages_is_one_input_many_lines() {
    let (code, out, _) = run(&[
        "inspect",
        "--now",
        NOW,
        "--format",
        "ndjson",
        &td("capture.har"),
    ]);
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 2, "{out}");
}

#[test]
fn sarif_points_at_lines_only_in_files_that_are_the_xml() {
    let sarif = |file: &str| -> Value {
        let (_, out, _) = run(&[
            "verify",
            "--format",
            "sarif",
            "--now",
            NOW,
            "--idp-metadata",
            &td("idp-metadata.xml"),
            "--audience",
            "urn:other",
            &td(file),
        ]);
        serde_json::from_str(&out).unwrap()
    };
    let region = |v: &Value| {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "audience-mismatch")
            .unwrap()["locations"][0]["physicalLocation"]
            .get("region")
            .cloned()
    };
    assert!(region(&sarif("signed-assertion.xml")).is_some());
    assert!(
        region(&sarif("signed-assertion.b64")).is_none(),
        "a base64 file's lines are not the XML's"
    );
    let v = sarif("signed-assertion.xml");
    assert!(v["runs"][0]["tool"]["driver"]
        .get("informationUri")
        .is_none());
}

//! `--sp-stack` (issue 28) on the fixtures that split the stacks (testdata/stacks.py, after
//! ../shared/reference/sp-stacks.md §D5): which stacks reject each, as the reference reads their
//! code and as the harness measured python3-saml, pysaml2, node-saml and samael
//! (docs/sp-stacks.md); the exit code
//! with one stack; a forgery never passing because a stack's rules let it through; the row in
//! every format; settings and versions.

use crate::common::*;
use serde_json::Value;

const STACKS: [&str; 11] = [
    "python3-saml",
    "pysaml2",
    "ruby-saml",
    "node-saml",
    "spring-security",
    "shibboleth-sp",
    "crewjam-saml",
    "gosaml2",
    "keycloak",
    "sustainsys",
    "samael",
];

/// Each fixture and the stacks that reject it (all others accept).
const SPLITS: &[(&str, &[&str])] = &[
    ("healthy", &[]),
    (
        "signature-appended",
        &["python3-saml", "ruby-saml", "pysaml2"],
    ),
    (
        "reference-uri-empty",
        &["node-saml", "sustainsys", "pysaml2"],
    ),
    ("sha1", &["keycloak", "sustainsys"]),
    ("expired-cert", &["crewjam-saml", "gosaml2", "keycloak"]),
    (
        "assertion-20min-old",
        &["spring-security", "shibboleth-sp", "crewjam-saml", "samael"],
    ),
    ("no-attribute-statement", &["python3-saml", "gosaml2"]),
    (
        "responder-with-assertion",
        &[
            "python3-saml",
            "ruby-saml",
            "spring-security",
            "shibboleth-sp",
            "crewjam-saml",
            "gosaml2",
            "keycloak",
            "sustainsys",
            "pysaml2",
            "samael",
        ],
    ),
    (
        "no-destination",
        &["shibboleth-sp", "crewjam-saml", "keycloak"],
    ),
    (
        "no-recipient",
        &[
            "shibboleth-sp",
            "crewjam-saml",
            "gosaml2",
            "pysaml2",
            "samael",
        ],
    ),
    (
        "recipient-suffix",
        &[
            "ruby-saml",
            "spring-security",
            "shibboleth-sp",
            "crewjam-saml",
            "gosaml2",
            "keycloak",
            "samael",
        ],
    ),
    (
        "no-subject-confirmation",
        &[
            "python3-saml",
            "ruby-saml",
            "shibboleth-sp",
            "gosaml2",
            "sustainsys",
            "pysaml2",
            "samael",
        ],
    ),
    (
        "two-audience-restrictions",
        &[
            "node-saml",
            "spring-security",
            "shibboleth-sp",
            "keycloak",
            "sustainsys",
        ],
    ),
    (
        "idp-initiated",
        &[
            "crewjam-saml",
            "keycloak",
            "sustainsys",
            "pysaml2",
            "samael",
        ],
    ),
    ("one-time-use", &["shibboleth-sp", "sustainsys"]),
    (
        "id-starts-with-digit",
        &["python3-saml", "ruby-saml", "pysaml2", "samael"],
    ),
    (
        "conditions-expired-2min",
        &["ruby-saml", "node-saml", "gosaml2", "keycloak", "pysaml2"],
    ),
    (
        "scd-expired-6min",
        &[
            "python3-saml",
            "ruby-saml",
            "spring-security",
            "shibboleth-sp",
            "crewjam-saml",
            "gosaml2",
            "keycloak",
            "pysaml2",
            "samael",
        ],
    ),
    (
        "two-confirmations-first-bad",
        &[
            "pysaml2",
            "spring-security",
            "shibboleth-sp",
            "crewjam-saml",
            "gosaml2",
            "keycloak",
        ],
    ),
    (
        "audience-padded",
        &["python3-saml", "ruby-saml", "node-saml", "samael"],
    ),
    ("issuer-padded", &["python3-saml", "ruby-saml", "samael"]),
    (
        "destination-case",
        &[
            "pysaml2",
            "spring-security",
            "shibboleth-sp",
            "crewjam-saml",
            "gosaml2",
            "keycloak",
            "samael",
        ],
    ),
    ("conditions-time-garbage", &STACKS),
];

/// `verify --format json --now NOW --cert keys/idp.crt --sp-stack STACK FILE` (no SP settings).
fn with_stack(stack: &str, file: &str) -> (i32, Value) {
    vjson(&[
        "--cert",
        &td("keys/idp.crt"),
        "--sp-stack",
        stack,
        &td(file),
    ])
}

/// `verify --format json --sp-stack STACK` of a stack fixture with the SP's settings.
fn run_stack(fixture: &str, stack: &str, extra: &[&str]) -> (i32, Value) {
    let cert = if fixture == "expired-cert" {
        td("keys/idp-expired.crt")
    } else {
        td("keys/idp.crt")
    };
    let path = td(&format!("stacks/{fixture}.xml"));
    let irt = if fixture == "idp-initiated" {
        vec![]
    } else {
        vec!["--request-id", "_req1"]
    };
    let mut args = vec![
        "verify",
        "--format",
        "json",
        "--cert",
        &cert,
        "--audience",
        "https://amplitude.com/saml/sso/metadata",
        "--acs",
        "https://analytics.amplitude.com/saml/sso/123456",
        "--now",
        NOW,
        "--sp-stack",
        stack,
    ];
    args.extend(irt);
    args.extend_from_slice(extra);
    args.push(&path);
    json(&args)
}

#[test]
fn each_stack_accepts_and_rejects_the_splitting_fixtures_as_its_code_does() {
    let mut wrong = Vec::new();
    for (fixture, rejecters) in SPLITS {
        let (_, v) = run_stack(fixture, "all", &[]);
        let rows = v["stacks"].as_array().expect("stacks");
        // Every stack answers (a stack profiled at two versions answers twice).
        for name in STACKS {
            assert!(rows.iter().any(|r| r["stack"] == name), "{fixture}: {name}");
        }
        for row in rows {
            let stack = row["stack"].as_str().unwrap();
            let expect_reject = rejecters.contains(&stack);
            if row["accepts"].as_bool() == Some(expect_reject) {
                wrong.push(format!(
                    "{fixture}: {stack} {} ({})",
                    if expect_reject { "accepts" } else { "rejects" },
                    row["error"]
                ));
            }
            if !row["accepts"].as_bool().unwrap() {
                // A rejection names the rule, the library's text and where the rule lives.
                assert!(row["cite"].as_str().unwrap().contains('@'), "{row}");
                assert!(!row["error"].as_str().unwrap().is_empty(), "{row}");
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// With one stack its rules decide the exit code (audience, time, presence rules are the
/// stack's); `all` keeps samlcheck's own verdict.
#[test]
fn one_stack_decides_the_exit_code_and_all_keeps_samlchecks() {
    // SubjectConfirmationData expired 6 minutes ago: node-saml (validateInResponseTo never)
    // accepts, python3-saml rejects; samlcheck's own verdict fails.
    let (code, v) = run_stack("scd-expired-6min", "node-saml", &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["verdict"], "pass");
    let (code, _) = run_stack("scd-expired-6min", "python3-saml", &[]);
    assert_eq!(code, 1);
    let (code, _) = run_stack("scd-expired-6min", "all", &[]);
    assert_eq!(code, 1);
    // A version prefix picks the profile; an unknown one is a usage error naming the known ones.
    let (code, v) = run_stack("healthy", "python3-saml@1.16", &[]);
    assert_eq!(
        (code, v["stacks"][0]["version"].as_str()),
        (0, Some("1.16.0"))
    );
    let (code, _, err) = run(&[
        "verify",
        "--sp-stack",
        "python3-saml@0.1",
        &td("stacks/healthy.xml"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("known: python3-saml@1.16.0"), "{err}");
}

/// `--sp-set` changes a stack's defaults: node-saml with validateInResponseTo on checks the
/// SubjectConfirmationData's expiry; python3-saml with strict off skips the schema.
#[test]
fn settings_change_a_stacks_defaults_and_unknown_ones_are_refused() {
    let (code, v) = run_stack(
        "scd-expired-6min",
        "node-saml",
        &["--sp-set", "validate_in_response_to=true"],
    );
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["stacks"][0]["error"], "SubjectConfirmationData not valid");
    assert_eq!(v["stacks"][0]["settings"][0], "validate_in_response_to=1");
    let (code, _) = run_stack(
        "id-starts-with-digit",
        "python3-saml",
        &["--sp-set", "strict=false"],
    );
    assert_eq!(code, 0);
    let (code, _, err) = run(&[
        "verify",
        "--sp-stack",
        "node-saml",
        "--sp-set",
        "nope=1",
        &td("stacks/healthy.xml"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no named stack has this setting"), "{err}");
    // Not a number of zero or more: refused, never a rule switched off.
    for bad in ["clock_skew=NaN", "clock_skew=inf", "clock_skew=-5", "=5"] {
        let (code, _, err) = run(&[
            "verify",
            "--sp-stack",
            "python3-saml",
            "--sp-set",
            bad,
            &td("stacks/healthy.xml"),
        ]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A typo with `all` too; names and values in any case.
    let (code, _, _) = run(&[
        "verify",
        "--sp-stack",
        "ALL",
        "--sp-set",
        "clokc_skew=600",
        &td("stacks/healthy.xml"),
    ]);
    assert_eq!(code, 2);
    let (code, v) = run_stack(
        "id-starts-with-digit",
        "Python3-SAML",
        &["--sp-set", "STRICT=FALSE"],
    );
    assert_eq!(code, 0, "{v}");
}

/// A stack that would accept a forgery says so as its weakness, and the run fails anyway: the
/// forgery floor (signature, wrapping, decryption, comment-in-text) is not a stack's to relax.
#[test]
fn a_stack_that_accepts_a_forgery_shows_the_weakness_and_still_fails() {
    for forgery in [
        "duplicate-id.xml",
        "forgery/keyinfo-nameid.xml",
        "forgery/extensions-nameid.xml",
    ] {
        let (code, v) = json(&[
            "verify",
            "--format",
            "json",
            "--cert",
            &td("keys/idp.crt"),
            "--now",
            NOW,
            "--sp-stack",
            "python3-saml",
            &td(forgery),
        ]);
        assert_eq!(code, 1, "{forgery}: {v}");
        assert_eq!(v["verdict"], "fail");
        let row = &v["stacks"][0];
        assert_eq!(row["accepts"], true, "{forgery}: {row}");
        assert!(
            row["weaknesses"][0].as_str().unwrap().contains("forgery"),
            "{forgery}: {row}"
        );
        assert_eq!(v["subject"]["authenticated"], false, "{forgery}");
    }
    // A known weakness of the stack that applies to this message: python3-saml matches the
    // Recipient as a substring.
    let (_, v) = run_stack("recipient-suffix", "python3-saml", &[]);
    assert!(
        v["stacks"][0]["weaknesses"][0]
            .as_str()
            .unwrap()
            .contains("substring"),
        "{v}"
    );
}

/// The row in every format: human, Markdown, HTML (JSON above).
#[test]
fn the_stack_row_is_in_every_format() {
    let base = [
        "verify",
        "--cert",
        "testdata/keys/idp.crt",
        "--sp-stack",
        "python3-saml",
        "--request-id",
        "_req1",
        "--now",
        NOW,
    ];
    let fixture = td("stacks/no-attribute-statement.xml");
    for (format, needle) in [
        (
            "human",
            "python3-saml@1.16.0: rejects — NO_ATTRIBUTESTATEMENT",
        ),
        (
            "markdown",
            "| python3-saml@1.16.0 | rejects: There is no AttributeStatement on the Response |",
        ),
        ("html", "<td>python3-saml@1.16.0</td>"),
    ] {
        let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        args[2] = td("keys/idp.crt");
        args.extend(["--format".into(), format.into(), fixture.clone()]);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, _) = run(&refs);
        assert_eq!(code, 1, "{format}");
        assert!(out.contains(needle), "{format}: {out}");
    }
}

/// With one stack deciding, every format and the summary follow its decision: the rejection is
/// a coded finding (`sp-stack-rejects`), samlcheck's own errors beside it are warnings, so the
/// summary line, JUnit and SARIF agree with the exit code.
#[test]
fn the_stacks_decision_is_a_finding_every_format_and_the_summary_follow() {
    let (code, v) = run_stack("conditions-expired-2min", "ruby-saml", &[]);
    assert_eq!(code, 1);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "sp-stack-rejects", "{v}");
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("validate_conditions"));
    assert_eq!(v["checks"]["sp_stack"], "fail");
    // node-saml accepts the 2-minute expiry? No: zero skew. python3-saml (300 s) accepts; its
    // own time-expired finding is then a warning and the run passes.
    let (code, v) = run_stack("conditions-expired-2min", "python3-saml", &[]);
    assert_eq!(code, 0, "{v}");
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] != "error"));
    let fixture = td("stacks/conditions-expired-2min.xml");
    let cert = td("keys/idp.crt");
    let args = |format: &'static str, stack: &'static str| {
        vec![
            "verify".to_string(),
            "--now".into(),
            NOW.into(),
            "--cert".into(),
            cert.clone(),
            "--request-id".into(),
            "_req1".into(),
            "--sp-stack".into(),
            stack.into(),
            "--format".into(),
            format.into(),
            fixture.clone(),
        ]
    };
    let out = |format, stack| {
        let a = args(format, stack);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        run(&refs)
    };
    let (code, junit, _) = out("junit", "ruby-saml");
    assert_eq!(code, 1);
    assert!(junit.contains("type=\"sp-stack-rejects\""), "{junit}");
    let (_, sarif, _) = out("sarif", "ruby-saml");
    assert!(
        sarif.contains("\"ruleId\": \"sp-stack-rejects\""),
        "{sarif}"
    );
    let (code, sarif, _) = out("sarif", "python3-saml");
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    assert!(
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["level"] != "error"),
        "{sarif}"
    );
    // The summary counts verdicts: two messages, one the stack rejects.
    let (code, human, _) = run(&[
        "verify",
        "--now",
        NOW,
        "--cert",
        &cert,
        "--request-id",
        "_req1",
        "--sp-stack",
        "ruby-saml",
        &fixture,
        &td("stacks/healthy.xml"),
    ]);
    assert_eq!(code, 1);
    assert!(human.contains("2 messages: 1 pass, 1 fail"), "{human}");
}

/// What is not a Response posted to an SP is not judged by a stack: a bare Assertion, a
/// WS-Federation token, a SAML 1.1 assertion, an Assertion left encrypted — the row says why
/// and samlcheck's own verdict stands. A capture's AuthnRequest supplies the SP's entity ID
/// and ACS when they were not given.
#[test]
fn stacks_answer_only_responses_and_a_capture_supplies_the_sps_settings() {
    let (_, v) = with_stack(
        "python3-saml",
        "forgery/benign-saml11-no-nameidentifier.xml",
    );
    let row = &v["stacks"][0];
    assert_eq!(row["applies"], false, "{v}");
    assert!(row["note"]
        .as_str()
        .unwrap()
        .contains("not a SAML 2.0 Response"));
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["code"] != "sp-stack-rejects"));
    let (_, v) = with_stack("python3-saml", "encrypted.xml");
    assert!(
        v["stacks"][0]["note"]
            .as_str()
            .unwrap()
            .contains("--sp-key"),
        "{v}"
    );
    // audience-other.har: the Response names another SP than the AuthnRequest's Issuer; with no
    // --audience the request's Issuer is the SP python3-saml is configured with.
    let (code, list) = json(&[
        "verify",
        "--format",
        "json",
        "--cert",
        &td("keys/idp.crt"),
        "--sp-stack",
        "python3-saml",
        &td("flows/audience-other.har"),
    ]);
    assert_eq!(code, 1);
    let response = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["message"] == "response")
        .unwrap();
    assert_eq!(
        response["stacks"][0]["rule"], "WRONG_AUDIENCE",
        "{response}"
    );
}

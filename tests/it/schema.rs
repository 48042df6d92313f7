//! The JSON report is a public API (schema 1: fields are added, never renamed or dropped). These
//! typed structs read it back with `deny_unknown_fields` and without defaults for the core
//! fields: a renamed field fails to parse here (unknown), a dropped one too (missing), and a
//! field added without updating this test fails until it is listed — the change is deliberate.

use crate::common::*;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Report {
    schema: u32,
    message: Option<String>,
    verdict: String,
    decoding: Vec<String>,
    checks: std::collections::BTreeMap<String, String>,
    findings: Vec<Finding>,
    issuer: Option<String>,
    destination: Option<String>,
    in_response_to: Option<String>,
    issue_instant: Option<String>,
    status: Option<Status>,
    subject: Option<Subject>,
    email: Option<Email>,
    attributes: Vec<Attribute>,
    conditions: Option<Conditions>,
    signatures: Vec<Signature>,
    #[serde(default)]
    error: Option<Value>,
    origin: String,
    context: Option<String>,
    parameter: Option<String>,
    relay_state: Option<String>,
    idp: String,
    #[serde(default)]
    idp_basis: Option<Value>,
    timeline: Vec<Mark>,
    judged_at: Option<String>,
    #[serde(default)]
    time_basis: Option<String>,
    trusted_keys: Vec<TrustedKey>,
    request: Option<Value>,
    recipients: Vec<String>,
    assertion_decrypted: bool,
    #[serde(default)]
    http: Option<Http>,
    #[serde(default)]
    flows: Vec<Flow>,
    #[serde(default)]
    flow: Option<FlowPlace>,
    /// `--sp-stack`: one row per stack asked.
    #[serde(default)]
    stacks: Vec<StackRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct StackRow {
    stack: String,
    version: String,
    accepts: bool,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    cite: Option<String>,
    #[serde(default)]
    weaknesses: Vec<String>,
    evidence: String,
    #[serde(default)]
    settings: Vec<String>,
    applies: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Flow {
    index: usize,
    kind: String,
    verdict: String,
    broken_hop: Option<usize>,
    cause: Option<String>,
    cause_message: Option<String>,
    hops: Vec<Hop>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hop {
    time: Option<String>,
    party: String,
    method: String,
    url: String,
    status: u16,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    message_index: Option<usize>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    verdict: Option<String>,
    #[serde(default)]
    saml_status: Option<String>,
    #[serde(default)]
    idp_error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FlowPlace {
    sign_in: usize,
    hop: usize,
    message: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Finding {
    code: String,
    check: String,
    severity: String,
    message: String,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    location: Option<Location>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Location {
    line: usize,
    path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Status {
    code: Option<String>,
    second_level: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Subject {
    name_id: Option<String>,
    format: Option<String>,
    authenticated: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Email {
    value: Option<String>,
    source: String,
    authenticated: bool,
    candidates: Vec<Candidate>,
    #[serde(default)]
    elsewhere: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Candidate {
    source: String,
    present: bool,
    value: Option<String>,
    verdict: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Attribute {
    name: String,
    #[serde(default)]
    friendly_name: Option<String>,
    #[serde(default)]
    name_format: Option<String>,
    values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Conditions {
    not_before: Option<String>,
    not_on_or_after: Option<String>,
    audiences: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Signature {
    covers: String,
    reference: Option<String>,
    resolves_to: Option<String>,
    line: usize,
    location: String,
    c14n_algorithm: Option<String>,
    signature_algorithm: Option<String>,
    digest_algorithm: Option<String>,
    transforms: Vec<String>,
    result: String,
    key: Option<Key>,
    embedded_cert: Option<Cert>,
    valid_under_embedded_cert: Option<bool>,
    #[serde(default)]
    detail: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Key {
    source: String,
    sha256: String,
    subject: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Cert {
    subject: String,
    issuer: String,
    not_before: String,
    not_after: String,
    sha256: String,
    sha1: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct TrustedKey {
    source: String,
    form: String,
    subject: String,
    issuer: String,
    not_before: String,
    not_after: String,
    sha256: String,
    sha1: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Mark {
    label: String,
    at: String,
    offset_seconds: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Http {
    #[serde(default)]
    started: Option<String>,
    method: String,
    url: String,
    status: u16,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    set_cookies: Vec<String>,
    #[serde(default)]
    request_cookies: Vec<String>,
    #[serde(default)]
    title: Option<String>,
}

#[test]
fn every_report_shape_reads_back_into_the_typed_schema() {
    let md = td("idp-metadata.xml");
    let runs: Vec<Vec<String>> = vec![
        vec![td("signed-assertion.xml")],
        vec![td("capture.har")],
        vec![td("flows/sp-302-error.har")],
        vec![td("trust/saml11-signed.xml")],
        vec![td("trust/authnrequest-signed.xml")],
        vec![td("xsw/xsw3.xml")],
        vec![td("encrypted.xml")],
        vec![td("email-claim.xml")],
        vec![
            "--sp-stack".into(),
            "all".into(),
            "--sp-set".into(),
            "clock_skew=60".into(),
            td("stacks/no-attribute-statement.xml"),
            td("encrypted.xml"),
        ],
    ];
    let mut n = 0;
    for files in runs {
        let mut args = vec![
            "verify",
            "--format",
            "json",
            "--now",
            NOW,
            "--idp-metadata",
            md.as_str(),
        ];
        args.extend(files.iter().map(String::as_str));
        let (_, out, err) = run(&args);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        let list = match v {
            Value::Array(a) => a,
            one => vec![one],
        };
        for r in list {
            let text = r.to_string();
            serde_json::from_str::<Report>(&text).unwrap_or_else(|e| {
                panic!("{files:?}: the report no longer matches schema 1: {e}\n{text}")
            });
            n += 1;
        }
    }
    assert!(n >= 9);
    // An input error has the same shape (with `error`).
    let (_, v) = inspect_stdin(&[], "not saml at all");
    let _ = v;
}

//! The trust stage through the binary (issue 18): every message kind goes through one pipeline
//! that reads only what the verified signature covers. Each attack is refused and its subject
//! never authenticated; each benign shape real IdPs send passes. Fixtures: testdata/trust.py.

use crate::common::*;
use serde_json::Value;

const AMP: &str = "https://amplitude.com/saml/sso/metadata";
const ACS: &str = "https://analytics.amplitude.com/saml/sso/123456";

/// `verify --format json --now NOW --cert keys/idp.crt` on a trust fixture, plus `extra`.
fn verify_trust(file: &str, extra: &[&str]) -> (i32, Value) {
    let (cert, path) = (td("keys/idp.crt"), td(&format!("trust/{file}")));
    let mut args = vec!["--cert", cert.as_str()];
    args.extend_from_slice(extra);
    args.push(&path);
    vjson(&args)
}

fn one(v: Value) -> Value {
    if v.is_array() {
        v[0].clone()
    } else {
        v
    }
}

fn subject(v: &Value) -> (String, bool) {
    (
        v["subject"]["name_id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        v["subject"]["authenticated"].as_bool().unwrap_or(false),
    )
}

fn attr_values(v: &Value) -> Vec<String> {
    v["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["values"].as_array().unwrap().iter())
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn saml11_values_hidden_in_the_signature_are_never_read() {
    for file in ["saml11-object-nameid.xml", "saml11-object-nameid.form"] {
        let (code, v) = verify_trust(file, &["--audience", AMP]);
        let v = one(v);
        assert_eq!(v["message"], "saml11_assertion", "{file}");
        // Identity inside the signature is a forgery (issue 26): the message fails and nothing
        // in it is reported as authenticated.
        assert_eq!(code, 1, "{file}");
        assert!(
            has_code(&v, "wrapping-uncovered-identity"),
            "{file}: {:?}",
            codes(&v)
        );
        let (name, authenticated) = subject(&v);
        assert_eq!(name, "alice@contoso.example", "{file}: {v}");
        assert!(!authenticated, "{file}");
        assert!(
            !v.to_string().contains("\"mallory@contoso.example\"") || !has_subject(&v, "mallory")
        );
        assert!(
            has_code(&v, "signature-object-content"),
            "{file}: {:?}",
            codes(&v)
        );
    }
    let (_, v) = verify_trust("saml11-object-attribute.xml", &[]);
    assert!(!attr_values(&v).contains(&"admin".to_string()), "{v}");
}

fn has_subject(v: &Value, who: &str) -> bool {
    v["subject"]["name_id"]
        .as_str()
        .is_some_and(|n| n.contains(who))
}

#[test]
fn saml11_advice_assertion_is_evidence_not_the_subject() {
    let (code, v) = verify_trust("saml11-advice.xml", &["--audience", AMP]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    assert_eq!(subject(&v), ("alice@contoso.example".into(), true));
    assert!(!attr_values(&v).contains(&"admin".to_string()));
    assert!(has_code(&v, "assertion-in-advice"));
}

#[test]
fn saml11_goes_through_the_same_rules_as_saml2() {
    let (code, v) = verify_trust("saml11-signed.xml", &["--audience", AMP]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    assert_eq!(check(&v, "certificate"), "pass");
    assert_eq!(check(&v, "algorithm"), "pass");
    // Judged at its own IssueInstant years later: still inside its window.
    let (code, v) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2031-01-01T00:00:00Z",
        "--at",
        "issue-instant",
        "--cert",
        &td("keys/idp.crt"),
        &td("trust/saml11-signed.xml"),
    ]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    // An expired trusted certificate fails a SAML 1.1 token too.
    let (code, v) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T17:00:00Z",
        "--max-age",
        "off",
        "--clock-skew",
        "2h",
        "--cert",
        &td("keys/idp-short.crt"),
        &td("trust/saml11-signed.xml"),
    ]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "certificate-expired"), "{:?}", codes(&v));
    // A tampered token is refused.
    let xml = std::fs::read_to_string(td("trust/saml11-signed.xml"))
        .unwrap()
        .replace(">alice@contoso.example<", ">mallory@contoso.example<");
    let (code, v) = json_stdin(
        &[
            "verify",
            "--format",
            "json",
            "--now",
            NOW,
            "--cert",
            &td("keys/idp.crt"),
            "-",
        ],
        xml,
    );
    assert_eq!(code, 1);
    assert!(!subject(&v).1);
}

#[test]
fn an_assertion_inside_a_logout_request_is_never_authenticated() {
    let (code, v) = verify_trust("logout-request-with-assertion.xml", &[]);
    assert_eq!(code, 1);
    assert_eq!(v["message"], "logout_request");
    assert!(v["subject"].is_null() || !subject(&v).1, "{v}");
    assert!(has_code(&v, "wrapping-hidden-assertion"));
    assert!(has_code(&v, "message-unauthenticated"));
}

#[test]
fn a_request_passes_only_under_its_senders_key() {
    let sp = td("keys/sp.crt");
    // Signed by the SP, checked with its certificate: pass.
    let (code, v) = vjson(&["--sp-cert", &sp, &td("trust/authnrequest-signed.xml")]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    assert_eq!(v["signatures"][0]["result"], "valid");
    // Only the IdP's key: verify has no key of the sender to judge it with, and says so in one
    // line naming the flag (exit 2), as `check` does.
    let (code, v) = vjson(&[
        "--idp-metadata",
        &td("idp-metadata.xml"),
        &td("trust/authnrequest-signed.xml"),
    ]);
    assert_eq!(code, 2, "{v}");
    let e = v["error"]["message"].as_str().unwrap();
    assert!(e.contains("--sp-cert") && e.contains("the SP"), "{e}");
    // The IdP's certificate given as an SP certificate does not verify it either.
    let (code, _) = vjson(&[
        "--sp-cert",
        &td("keys/idp.crt"),
        &td("trust/authnrequest-signed.xml"),
    ]);
    assert_eq!(code, 1);
    // Tampered after signing.
    let xml = std::fs::read_to_string(td("trust/authnrequest-signed.xml"))
        .unwrap()
        .replace("saml/sso/123456", "saml/sso/666");
    let (code, v) = json_stdin(
        &[
            "verify",
            "--format",
            "json",
            "--now",
            NOW,
            "--sp-cert",
            &sp,
            "-",
        ],
        xml,
    );
    assert_eq!(code, 1);
    assert!(has_code(&v, "signature-digest-mismatch"), "{:?}", codes(&v));
    // Unsigned.
    let (code, v) = vjson(&["--sp-cert", &sp, &td("authnrequest.xml")]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "message-unauthenticated"));
    // The redirect binding's query signature, under the SP's key.
    let (code, v) = vjson(&["--sp-cert", &sp, &td("authnrequest-redirect.url")]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    let (code, _) = vjson(&["--sp-cert", &sp, &td("authnrequest-redirect-tampered.url")]);
    assert_eq!(code, 1);
}

#[test]
fn a_response_over_redirect_or_a_detached_signature_in_a_post_authenticates_nothing() {
    use base64::Engine;
    let xml = std::fs::read(td("unsigned.xml")).unwrap();
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut z, &xml).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap());
    let url = format!(
        "https://sp.example/acs?SAMLResponse={}&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256&Signature=AAAA",
        urlencode(&b64)
    );
    let (code, v) = verify_stdin(&[], url);
    assert_eq!(code, 1);
    assert!(has_code(&v, "binding-redirect-response"), "{:?}", codes(&v));
    assert!(!subject(&v).1);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&xml);
    let body = format!(
        "SAMLResponse={}&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256&Signature=AAAA",
        urlencode(&b64)
    );
    let (code, v) = verify_stdin(&[], body);
    assert_eq!(code, 1);
    assert!(!subject(&v).1);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn sha1_as_a_redirect_sigalg_is_flagged() {
    let url = std::fs::read_to_string(td("authnrequest-redirect.url"))
        .unwrap()
        .replace("xmldsig-more%23rsa-sha256", "xmldsig%23rsa-sha1");
    let (_, v) = json_stdin(&["inspect", "--format", "json", "--now", NOW, "-"], url);
    assert!(has_code(&v, "algorithm-sha1"), "{:?}", codes(&v));
}

#[test]
fn instants_near_year_9999_never_crash() {
    let (code, v) = verify_trust("far-future.xml", &[]);
    assert_eq!(code, 1, "unsigned");
    assert!(!has_code(&v, "time-expired"));
    // In a batch, one such file does not abort the run.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(td("trust/far-future.xml"), dir.path().join("a.xml")).unwrap();
    std::fs::copy(td("signed-assertion.xml"), dir.path().join("b.xml")).unwrap();
    let (code, out, err) = run(&[
        "verify",
        "--format",
        "ndjson",
        "--now",
        "9999-12-31T23:59:00Z",
        "--clock-skew",
        "3m",
        "--idp-metadata",
        &td("idp-metadata.xml"),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 2);
    assert!(!err.contains("panicked"));
}

#[test]
fn invisible_characters_are_findings_and_shown_escaped() {
    let (code, v) = verify_trust("nbsp-nameid.xml", &[]);
    assert_eq!(code, 1);
    let f = finding(&v, "value-invisible-character");
    assert_eq!(f["severity"], "error");
    assert!(f["message"].as_str().unwrap().contains("\\u{00A0}"), "{f}");
    // The value is the one sent, not a trimmed look-alike.
    assert_eq!(v["subject"]["name_id"], "alice@example.test\u{a0}");
    let (_, out, _) = run(&[
        "verify",
        "--now",
        NOW,
        "--cert",
        &td("keys/idp.crt"),
        &td("trust/nbsp-nameid.xml"),
    ]);
    assert!(out.contains("alice@example.test\\u{a0}"), "{out}");
    // An Audience with U+00A0 does not match --audience.
    let xml = std::fs::read_to_string(td("unsigned.xml"))
        .unwrap()
        .replace(&format!(">{AMP}<"), &format!(">{AMP}\u{a0}<"));
    let (_, v) = inspect_stdin(&["--audience", AMP], xml);
    assert!(has_code(&v, "audience-mismatch"), "{:?}", codes(&v));
}

#[test]
fn signature_budget_is_bounded() {
    let good = std::fs::read_to_string(td("signed-assertion.xml")).unwrap();
    let one = r##"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#_a1"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>"##;
    let junk = format!(
        "<samlp:Extensions>{}</samlp:Extensions><samlp:Status>",
        one.repeat(40)
    );
    let xml = good.replacen("<samlp:Status>", &junk, 1);
    let started = std::time::Instant::now();
    let out = bin()
        .args([
            "verify",
            "--now",
            NOW,
            "--idp-metadata",
            &td("idp-metadata.xml"),
            "-",
        ])
        .write_stdin(xml)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--max-signatures"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn audience_restrictions_are_anded_and_an_empty_one_fails() {
    let (code, v) = verify_trust("two-audience-restrictions.xml", &["--audience", AMP]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "audience-mismatch"));
    let (code, v) = verify_trust("empty-audience-restriction.xml", &[]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "audience-restriction-empty"));
    let (code, v) = verify_trust("unknown-condition.xml", &[]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "condition-unknown"));
}

#[test]
fn one_satisfied_bearer_confirmation_is_enough() {
    let (code, v) = verify_trust("two-bearers.xml", &["--acs", ACS, "--audience", AMP]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    assert_eq!(
        finding(&v, "subject-confirmation-ignored")["severity"],
        "info"
    );
    // When none is satisfied, each problem is an error.
    let (code, v) = verify_trust("two-bearers.xml", &["--acs", "https://sp.example/acs"]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "recipient-mismatch"));
    let (code, v) = verify_trust("bearer-not-before.xml", &[]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "bearer-not-before"));
    let (code, v) = verify_trust("solicited-no-confirmation-irt.xml", &[]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "in-response-to-missing"));
    // A policy: it can be allowed.
    let (code, v) = verify_trust(
        "solicited-no-confirmation-irt.xml",
        &["--allow", "in-response-to-missing"],
    );
    assert_eq!(code, 0, "{:?}", codes(&v));
}

#[test]
fn plaintext_in_an_encrypted_assertion_is_refused() {
    for file in ["encrypted-plaintext.xml", "encrypted-plaintext-beside.xml"] {
        let (code, v) = verify_trust(file, &[]);
        assert_eq!(code, 1, "{file}");
        assert!(
            has_code(&v, "wrapping-encrypted-assertion"),
            "{file}: {:?}",
            codes(&v)
        );
        assert!(!subject(&v).1, "{file}");
    }
}

/// URI="" on the document root's own signature covers exactly that root: it counts, with a
/// policy warning naming the stacks that refuse it (issue 26); denied, it fails; on a signature
/// that is not the root's it is refused.
#[test]
fn a_whole_document_reference_counts_only_on_the_root() {
    let (code, v) = verify_trust("response-uri-empty.xml", &[]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    let f = finding(&v, "signature-reference-whole-document");
    assert_eq!(f["severity"], "warning");
    assert!(f["message"].as_str().unwrap().contains("node-saml"), "{f}");
    assert!(subject(&v).1);
    assert_eq!(v["signatures"][0]["covers"], "response");
    let (code, v) = verify_trust(
        "response-uri-empty.xml",
        &["--deny", "signature-reference-whole-document"],
    );
    assert_eq!(code, 1, "{:?}", codes(&v));
    let (cert, path) = (td("keys/idp.crt"), td("forgery/assertion-uri-empty.xml"));
    let (code, v) = vjson(&["--cert", &cert, &path]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "wrapping-reference-uri"), "{:?}", codes(&v));
    assert!(!subject(&v).1);
}

#[test]
fn an_appended_signature_counts_unless_denied() {
    let (code, v) = verify_trust("appended-signature.xml", &[]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    assert!(subject(&v).1);
    assert_eq!(
        finding(&v, "signature-placement-unusual")["severity"],
        "warning"
    );
    assert!(!has_code(&v, "signature-missing"));
    let (code, v) = verify_trust(
        "appended-signature.xml",
        &["--deny", "signature-placement-unusual"],
    );
    assert_eq!(code, 1);
    assert!(!subject(&v).1);
    assert_eq!(
        finding(&v, "signature-placement-unusual")["severity"],
        "error"
    );
}

#[test]
fn forgeries_can_never_be_allowed() {
    let (code, _, err) = run(&[
        "verify",
        "--allow",
        "signature-digest-mismatch",
        &td("signed-assertion.xml"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a policy"), "{err}");
    let (code, _, err) = run(&[
        "verify",
        "--allow",
        "no-such-code",
        &td("signed-assertion.xml"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown finding code"), "{err}");
    let (_, out, _) = run(&["explain", "algorithm-sha1"]);
    assert!(out.contains("policy: --allow/--deny"), "{out}");
    let (_, out, _) = run(&["explain", "wrapping-hidden-assertion"]);
    assert!(out.contains("not a policy"), "{out}");
}

#[test]
fn forbidden_algorithms_are_the_first_cause() {
    let (_, v) = verify_json("hmac-signature.xml", &[]);
    assert_eq!(
        v["findings"][0]["code"],
        "algorithm-forbidden",
        "{:?}",
        codes(&v)
    );
}

#[test]
fn issuers_must_agree() {
    let (code, v) = verify_trust("issuer-inconsistent.xml", &[]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "issuer-inconsistent"));
}

#[test]
fn benign_shapes_pass() {
    // UTF-16 with a BOM (PowerShell 5), a bare RSTR as SPs log it, Entra's wsignin1.0 post with
    // '+' for spaces and an Advice assertion in the token.
    for (file, extra) in [
        ("utf16.xml", vec!["--audience", AMP]),
        ("rstr-bare.xml", vec!["--audience", AMP]),
        ("wsfed-saml2-advice.form", vec!["--audience", AMP]),
        ("two-bearers.xml", vec![]),
        ("saml11-signed.xml", vec![]),
    ] {
        let (code, v) = verify_trust(file, &extra);
        let v = one(v);
        assert_eq!(code, 0, "{file}: {:?}", codes(&v));
        assert!(subject(&v).1, "{file}");
        assert_ne!(subject(&v).0, "mallory@example.com");
    }
    let (_, v) = verify_trust("utf16.xml", &[]);
    assert!(v["decoding"]
        .as_array()
        .unwrap()
        .contains(&Value::from("utf16")));
    // A Response and its Assertion both signed.
    let (code, v) = verify_json("signed-both.xml", &[]);
    assert_eq!(code, 0, "{:?}", codes(&v));
}

#[test]
fn messages_older_than_max_age_fail_and_the_flag_sets_it() {
    // NOW is a minute after IssueInstant: inside the default 50 minutes.
    let (code, _) = verify_trust("two-bearers.xml", &[]);
    assert_eq!(code, 0);
    let (code, v) = verify_trust(
        "two-bearers.xml",
        &["--max-age", "10s", "--clock-skew", "5s"],
    );
    assert_eq!(code, 1);
    assert!(has_code(&v, "time-too-old"));
    let (code, v) = verify_trust(
        "two-bearers.xml",
        &[
            "--max-age",
            "10s",
            "--clock-skew",
            "5s",
            "--allow",
            "time-too-old",
        ],
    );
    assert_eq!(code, 0, "{:?}", codes(&v));
}

/// An ordinary unsigned AuthnRequest (most SPs do not sign them) is no problem in `inspect`:
/// the finding is information; `verify` without the SP's key refuses, and with it fails.
#[test]
fn inspect_of_a_lone_unsigned_request_is_no_problem() {
    let (code, out, _) = run(&["inspect", "--now", NOW, &td("authnrequest.xml")]);
    assert_eq!(code, 0);
    assert!(out.starts_with("✔ OK authn request"), "{out}");
    let (_, v) = ijson(&[&td("authnrequest.xml")]);
    assert_eq!(finding(&v, "message-unauthenticated")["severity"], "info");
    let (code, v) = vjson(&["--sp-cert", &td("keys/sp.crt"), &td("authnrequest.xml")]);
    assert_eq!(code, 1);
    assert_eq!(finding(&v, "message-unauthenticated")["severity"], "error");
}

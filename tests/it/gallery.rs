//! The IdP shape gallery (testdata/idp/, made by testdata/gallery.py with xmlsec1): every valid
//! message passes `verify`, every tampered copy fails it with the true cause first, every
//! encrypted one passes with --sp-key and fails without it; the IdP is recognised and the email
//! source is the expected one.

use crate::common::*;
use serde_json::Value;

const NOW: &str = "2026-01-15T10:01:00Z";

/// (product folder, IdP as reported, email source of the valid message, its first finding).
const GALLERY: &[(&str, &str, &str, Option<&str>)] = &[
    ("entra-id", "entra_id", "subject", None),
    ("okta", "okta", "subject", None),
    ("google", "google", "subject", None),
    (
        "onelogin",
        "one_login",
        "subject",
        Some("attribute-empty-value"),
    ),
    (
        "auth0",
        "auth0",
        "claim_uri",
        Some("signature-placement-unusual"),
    ),
    ("adfs", "adfs", "subject", None),
    ("pingfederate", "ping_federate", "subject", None),
    (
        "keycloak",
        "keycloak",
        "subject",
        Some("attribute-duplicate"),
    ),
    ("shibboleth", "shibboleth", "none", Some("email-missing")),
    (
        "simplesamlphp",
        "simple_saml_php",
        "none",
        Some("email-missing"),
    ),
    ("jumpcloud", "jump_cloud", "subject", None),
    (
        "iam-identity-center",
        "aws_identity_center",
        "subject",
        None,
    ),
    ("azure-ad-b2c", "azure_ad_b2c", "claim_uri", None),
    ("pingone", "ping_one", "subject", None),
    (
        "oracle-access-manager",
        "oracle_access_manager",
        "subject",
        None,
    ),
    ("duo", "duo", "subject", None),
    ("cyberark", "cyber_ark", "subject", None),
    ("salesforce", "salesforce", "subject", None),
];

fn verify(product: &str, file: &str, extra: &[&str]) -> (i32, Value) {
    let path = td(&format!("idp/{product}/{file}"));
    let cert = td("keys/idp.crt");
    let mut args = vec![
        "--cert",
        &cert,
        "--acs",
        "https://analytics.amplitude.com/saml/sso/123456",
        "--audience",
        "https://amplitude.com/saml/sso/metadata",
    ];
    args.extend_from_slice(extra);
    args.push(&path);
    vjson(&args)
}

fn first(v: &Value) -> Option<String> {
    v["findings"][0]["code"].as_str().map(str::to_string)
}

#[test]
fn every_valid_gallery_message_passes() {
    for (product, idp, email, first_finding) in GALLERY {
        let (code, v) = verify(product, "valid.xml", &[]);
        assert_eq!(code, 0, "{product}: {v}");
        assert_eq!(v["verdict"], "pass", "{product}");
        assert_eq!(v["idp"], *idp, "{product}");
        assert_eq!(v["email"]["source"], *email, "{product}");
        assert_eq!(v["subject"]["authenticated"], true, "{product}");
        assert!(
            v["signatures"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["result"] == "valid"),
            "{product}"
        );
        assert_eq!(first(&v).as_deref(), *first_finding, "{product}: {v}");
    }
}

#[test]
fn every_tampered_gallery_message_fails_with_the_digest_first() {
    for (product, ..) in GALLERY {
        let (code, v) = verify(product, "tampered.xml", &[]);
        assert_eq!(code, 1, "{product}");
        assert_eq!(v["subject"]["authenticated"], false, "{product}");
        assert_eq!(
            first(&v).as_deref(),
            Some("signature-digest-mismatch"),
            "{product}: {v}"
        );
    }
}

#[test]
fn encrypted_gallery_messages_need_the_sp_key() {
    let key = td("keys/sp.key");
    for product in ["entra-id", "okta", "adfs", "keycloak", "shibboleth"] {
        let (code, v) = verify(product, "encrypted.xml", &["--sp-key", &key]);
        assert_eq!(code, 0, "{product}: {v}");
        assert_eq!(v["assertion_decrypted"], true, "{product}");
        assert_eq!(v["subject"]["authenticated"], true, "{product}");
        // Without the key nothing inside was checked: never a pass.
        let (code, v) = verify(product, "encrypted.xml", &[]);
        assert_eq!(code, 1, "{product}");
        assert_eq!(
            first(&v).as_deref(),
            Some("assertion-encrypted"),
            "{product}"
        );
        assert_eq!(check(&v, "decryption"), "fail", "{product}");
    }
}

#[test]
fn an_encrypted_nameid_is_opened_with_the_sp_key_and_never_passes_without() {
    // Shibboleth's encryptNameIDs: the email NameID is an EncryptedID inside the signed Assertion.
    let (code, v) = verify("shibboleth", "encrypted-nameid.xml", &[]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(first(&v).as_deref(), Some("nameid-encrypted"), "{v}");
    assert_eq!(check(&v, "decryption"), "fail");
    let (code, v) = verify(
        "shibboleth",
        "encrypted-nameid.xml",
        &["--sp-key", &td("keys/sp.key")],
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["email"]["source"], "subject");
    assert_eq!(v["email"]["value"], "alice@example.org");
    assert_eq!(v["subject"]["authenticated"], true);
    let (code, v) = verify(
        "shibboleth",
        "encrypted-nameid.xml",
        &["--sp-key", &td("keys/idp.key")],
    );
    assert_eq!(code, 1);
    assert_eq!(first(&v).as_deref(), Some("decryption-wrong-key"), "{v}");
}

#[test]
fn inspect_reports_an_unopened_assertion_as_a_warning() {
    let (code, v) = ijson(&["--cert", &td("keys/idp.crt"), &td("idp/okta/encrypted.xml")]);
    assert_eq!(code, 0);
    assert_eq!(check(&v, "decryption"), "warn");
}

#[test]
fn okta_wrong_key_is_told_apart_from_a_missing_key() {
    let (_, v) = verify("okta", "encrypted.xml", &["--sp-key", &td("keys/idp.key")]);
    assert_eq!(first(&v).as_deref(), Some("decryption-wrong-key"), "{v}");
}

#[test]
fn line_endings_do_not_break_a_valid_signature() {
    for f in ["crlf.xml", "cr.xml"] {
        let (code, v) = verify_json(f, &[]);
        assert_eq!(code, 0, "{f}: {v}");
        assert!(!has_code(&v, "wrapping-parser-disagreement"), "{f}");
    }
}

#[test]
fn bare_public_keys_and_base64_bodies_are_trusted_keys() {
    for (k, form) in [
        ("keys/idp.pub.pem", "public key (PEM, SubjectPublicKeyInfo)"),
        ("keys/idp.rsapub.pem", "RSA public key (PEM, PKCS#1)"),
        ("keys/idp.crt.b64", "certificate (base64 body)"),
    ] {
        let (code, v) = vjson(&["--cert", &td(k), &td("signed-assertion.xml")]);
        assert_eq!(code, 0, "{k}: {v}");
        assert_eq!(v["trusted_keys"][0]["form"], form);
    }
}

#[test]
fn headline_says_when_no_signature_was_checked_and_fixes_print_once() {
    let mut cmd = bin();
    cmd.env("NO_COLOR", "1").args([
        "inspect",
        "--now",
        NOW,
        "--profile",
        "amplitude",
        &td("placeholder-email.xml"),
    ]);
    let out = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    let head = out.lines().next().unwrap();
    assert!(
        head.ends_with("— signature not checked (no trusted key given)"),
        "{head}"
    );
    // Three email findings share one IAM Identity Center fix: the findings list prints it once.
    let findings = out.split("Findings").nth(1).unwrap();
    assert_eq!(
        findings
            .matches("Edit attribute mappings, set Subject")
            .count(),
        1,
        "{findings}"
    );
    // With a trusted key the headline makes no such caveat.
    let mut cmd = bin();
    cmd.env("NO_COLOR", "1").args([
        "inspect",
        "--now",
        NOW,
        "--cert",
        &td("keys/idp.crt"),
        &td("signed-assertion.xml"),
    ]);
    let out = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    assert!(
        !out.lines().next().unwrap().contains("not checked"),
        "{out}"
    );
}

#[test]
fn an_email_the_sp_does_not_read_is_named_with_the_flag_that_reads_it() {
    // Shibboleth sends the email as urn:oid:0.9.2342.19200300.100.1.3 (FriendlyName mail) and a
    // transient NameID: nothing in the default order resolves, the near miss is named, and
    // eduPersonScopedAffiliation (member@example.org) is not mistaken for a mailbox.
    let (code, v) = verify("shibboleth", "valid.xml", &[]);
    assert_eq!(code, 0);
    let elsewhere = v["email"]["elsewhere"].as_array().unwrap();
    let names: Vec<&str> = elsewhere
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "urn:oid:0.9.2342.19200300.100.1.3",
            "urn:oid:1.3.6.1.4.1.5923.1.1.1.6"
        ],
        "{v}"
    );
    assert!(has_code(&v, "email-elsewhere"));
    // --email-from reads it, by FriendlyName or Name, before the default order.
    for name in ["mail", "urn:oid:0.9.2342.19200300.100.1.3"] {
        let (code, v) = verify("shibboleth", "valid.xml", &["--email-from", name]);
        assert_eq!(code, 0);
        assert_eq!(v["email"]["value"], "alice@example.org", "{name}");
        assert_eq!(v["email"]["source"], format!("attribute:{name}"));
        assert!(!has_code(&v, "email-missing"));
        assert!(!has_code(&v, "email-elsewhere"));
    }
}

#[test]
fn an_unknown_issuer_is_guessed_from_the_placeholder_syntax() {
    for (placeholder, idp) in [
        ("${user:email}", "aws_identity_center"),
        ("user.mail", "entra_id"),
        ("&lt;Email Address&gt;", "duo"),
        ("${user.email}", "ping_one"),
        ("LoginUser.Email", "cyber_ark"),
    ] {
        let xml = std::fs::read_to_string(td("placeholder-email.xml"))
            .unwrap()
            .replace("${user:email}", placeholder);
        let xml = xml.replace(
            "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw",
            "https://sso.unknown.example/saml",
        );
        let (_, v) = inspect_stdin(&[], xml);
        assert_eq!(v["idp"], idp, "{placeholder}: {v}");
        assert_eq!(v["idp_basis"]["from"], "placeholder", "{v}");
        let shown = placeholder.replace("&lt;", "<").replace("&gt;", ">");
        assert_eq!(v["idp_basis"]["value"], shown, "{v}");
    }
}

//! Email resolution, expectations, time, status, profiles, IdP-aware hints, explain and metadata.

use crate::common::*;
use serde_json::Value;

fn finding<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(v)))
}

#[test]
fn email_from_each_source_in_order() {
    for (file, source, value) in [
        ("email-subject.xml", "subject", "alice@example.com"),
        ("email-claim.xml", "claim_uri", "claim@example.com"),
        (
            "email-emailaddress.xml",
            "emailaddress_attr",
            "upper@example.com",
        ),
        ("email-attr.xml", "email_attr", "attr@example.com"),
    ] {
        let (code, v) = verify_json(file, &[]);
        assert_eq!(code, 0, "{file}: {:?}", codes(&v));
        assert_eq!(v["email"]["source"], source, "{file}");
        assert_eq!(v["email"]["value"], value, "{file}");
        assert_eq!(v["email"]["authenticated"], true);
        assert_eq!(v["email"]["candidates"].as_array().unwrap().len(), 4);
    }
}

#[test]
fn placeholder_email_names_the_identity_center_fix() {
    let (code, v) = verify_json("placeholder-email.xml", &["--profile", "amplitude"]);
    assert_eq!(code, 1);
    let f = finding(&v, "email-placeholder");
    assert!(f["message"].as_str().unwrap().contains("${user:email}"));
    let hint = f["hint"].as_str().unwrap();
    assert!(
        hint.contains("Subject → ${user:email}")
            && hint.contains("emailAddress")
            && hint.contains("'email' → ${user:email}"),
        "{hint}"
    );
    // The guide's cause: the attribute mappings were not set up (a missing Primary email gives
    // an empty value, not the expression) — one cause, one fix: no second `email-missing`.
    assert!(
        hint.contains("attribute mappings were not set up"),
        "{hint}"
    );
    assert!(!hint.contains("Primary email"), "{hint}");
    assert!(!has_code(&v, "email-missing"), "{:?}", codes(&v));
    assert_eq!(v["email"]["source"], "none");
    assert_eq!(v["idp"], "aws_identity_center");
    // `${user:subject}` as the NameID: the same fix, Subject mapped to the email.
    let xml = std::fs::read_to_string(td("placeholder-email.xml"))
        .unwrap()
        .replacen("${user:email}", "${user:subject}", 1);
    let (_, v) = inspect_stdin(&["--profile", "amplitude"], xml);
    let hint = finding(&v, "email-placeholder")["hint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(hint.contains("Subject → ${user:email}"), "{hint}");
}

#[test]
fn empty_attribute_statement() {
    let (code, v) = verify_json("empty-attributes.xml", &["--profile", "amplitude"]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "attribute-statement-empty"));
    assert_eq!(finding(&v, "email-missing")["severity"], "error");
    // An AttributeStatement with no Attribute breaks SAML core §2.7.3: an error with or
    // without a profile; without one, a missing email is a warning only.
    assert_eq!(
        finding(&v, "attribute-statement-empty")["severity"],
        "error"
    );
    let (code, v) = verify_json("empty-attributes.xml", &[]);
    assert_eq!(code, 1);
    assert_eq!(finding(&v, "email-missing")["severity"], "warning");
}

#[test]
fn empty_email_value_and_duplicates() {
    let (_, v) = verify_json("email-empty.xml", &[]);
    assert!(has_code(&v, "attribute-empty-value"));
    assert!(has_code(&v, "attribute-duplicate"));
    assert_eq!(v["email"]["value"], "x@example.com");
    // The only email source is present but empty.
    let xml = std::fs::read_to_string(td("email-attr.xml"))
        .unwrap()
        .replace(">attr@example.com<", "><");
    let (_, v) = inspect_stdin(&[], xml);
    assert!(has_code(&v, "email-empty-value"), "{:?}", codes(&v));
    let (code, v) = verify_json("duplicate-attributes.xml", &[]);
    assert_eq!(code, 0);
    assert_eq!(finding(&v, "attribute-duplicate")["severity"], "warning");
}

#[test]
fn nameid_format_not_email() {
    let (_, v) = verify_json("nameid-not-email.xml", &[]);
    assert!(has_code(&v, "nameid-format-not-email"));
}

#[test]
fn sp_metadata_expectations_pass_and_diff_names_scheme() {
    let sp = td("sp-metadata.xml");
    let (code, v) = verify_json("signed-assertion.xml", &["--sp-metadata", &sp]);
    assert_eq!(code, 0);
    for c in ["audience", "destination", "recipient", "issuer"] {
        assert_eq!(check(&v, c), "pass", "{c}");
    }
    let (code, v) = verify_json(
        "entra-http-acs.xml",
        &[
            "--sp-metadata",
            &sp,
            "--issuer",
            "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
        ],
    );
    assert_eq!(code, 1);
    let f = finding(&v, "destination-mismatch");
    assert!(
        f["message"].as_str().unwrap().contains("scheme differs"),
        "{f}"
    );
    assert!(f["hint"].as_str().unwrap().contains("Reply URL"), "{f}");
    assert!(has_code(&v, "recipient-mismatch"));
    assert_eq!(v["idp"], "entra_id");
}

#[test]
fn audience_trailing_slash() {
    let (code, v) = verify_json(
        "wrong-audience.xml",
        &["--audience", "https://amplitude.com/saml/sso/metadata"],
    );
    assert_eq!(code, 1);
    assert!(finding(&v, "audience-mismatch")["message"]
        .as_str()
        .unwrap()
        .contains("trailing slash"));
}

#[test]
fn issuer_from_idp_metadata() {
    let (code, v) = verify_json("aws-role.xml", &["--profile", "aws"]);
    assert_eq!(
        code, 1,
        "metadata entityID is Identity Center, the message is from Okta"
    );
    assert!(has_code(&v, "issuer-mismatch"));
}

#[test]
fn in_response_to() {
    let (code, v) = verify_json("sp-initiated.xml", &["--request-id", "_req42"]);
    assert_eq!(code, 0);
    assert_eq!(check(&v, "in_response_to"), "pass");
    let (code, v) = verify_json("sp-initiated.xml", &["--request-id", "_other"]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "in-response-to-mismatch"));
    let (_, v) = verify_json("signed-assertion.xml", &["--request-id", "_req42"]);
    assert!(has_code(&v, "in-response-to-unsolicited"));
}

#[test]
fn time_window_skew_and_issue_instant() {
    let md = td("idp-metadata.xml");
    let f = td("signed-assertion.xml");
    let (code, v) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T10:30:00Z",
        "--idp-metadata",
        &md,
        &f,
    ]);
    assert_eq!(code, 1);
    let msg = finding(&v, "time-expired")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("25m") && msg.contains("3m skew"), "{msg}");
    let (code, _) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T10:30:00Z",
        "--at",
        "issue-instant",
        "--idp-metadata",
        &md,
        &f,
    ]);
    assert_eq!(code, 0);
    let (code, v) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T09:50:00Z",
        "--idp-metadata",
        &md,
        &f,
    ]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "time-not-yet-valid") && has_code(&v, "time-issued-in-future"));
    // Within a generous skew the same clock difference passes.
    let (code, _) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T09:50:00Z",
        "--clock-skew",
        "15m",
        "--idp-metadata",
        &md,
        &f,
    ]);
    assert_eq!(code, 0);
}

#[test]
fn status_codes_with_meaning() {
    let (code, v) = verify_json("status-responder.xml", &[]);
    assert_eq!(code, 1);
    let m = finding(&v, "status-not-success")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        m.contains("InvalidNameIDPolicy")
            && m.contains("NameIDPolicy")
            && m.contains("NameID format not supported"),
        "{m}"
    );
    let (_, v) = verify_json("status-denied.xml", &[]);
    let f = finding(&v, "status-not-success");
    assert!(
        f["hint"].as_str().unwrap().contains("Users and groups"),
        "{f}"
    );
}

#[test]
fn aws_profile() {
    let okta_md = td("idp-metadata.xml");
    let f = td("aws-role.xml");
    let (_, v) = vjson(&[
        "--idp-metadata",
        &okta_md,
        "--issuer",
        "http://www.okta.com/exk1abcdEFGH2345",
        "--profile",
        "aws",
        &f,
    ]);
    assert_eq!(check(&v, "audience"), "pass");
    assert_eq!(check(&v, "destination"), "pass");
    assert_eq!(check(&v, "attributes"), "pass");
    assert_eq!(v["verdict"], "pass", "{:?}", codes(&v));
    let (code, v) = vjson(&[
        "--idp-metadata",
        &okta_md,
        "--issuer",
        "http://www.okta.com/exk1abcdEFGH2345",
        "--profile",
        "aws",
        &td("aws-role-bad.xml"),
    ]);
    assert_eq!(code, 1);
    for c in [
        "aws-role-invalid",
        "aws-session-duration-invalid",
        "attribute-required-missing",
    ] {
        assert!(has_code(&v, c), "{c}: {:?}", codes(&v));
    }
    // The absent RoleSessionName is reported once, as the required attribute it is.
    assert!(
        !has_code(&v, "aws-role-session-name-missing"),
        "{:?}",
        codes(&v)
    );
}

#[test]
fn amplitude_profile_expects_its_urls() {
    let (code, v) = verify_json("signed-assertion.xml", &["--profile", "amplitude"]);
    assert_eq!(code, 0, "{:?}", codes(&v));
    assert_eq!(check(&v, "audience"), "pass");
    let (code, v) = verify_json(
        "aws-role.xml",
        &[
            "--profile",
            "amplitude",
            "--issuer",
            "http://www.okta.com/exk1abcdEFGH2345",
        ],
    );
    assert_eq!(code, 1);
    assert!(has_code(&v, "audience-mismatch") && has_code(&v, "destination-mismatch"));
}

#[test]
fn profile_file_and_listing() {
    let dir = std::env::temp_dir().join(format!("samlcheck-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("mine.json");
    std::fs::write(&p, r#"{"name":"mine","description":"test","audiences":["urn:mine"],"required_attributes":["department"]}"#).unwrap();
    let (code, v) = verify_json(
        "signed-assertion.xml",
        &["--profile-file", p.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(has_code(&v, "audience-mismatch") && has_code(&v, "attribute-required-missing"));
    std::fs::write(
        &p,
        r#"{"name":"bad","description":"x","email_order":["nope"]}"#,
    )
    .unwrap();
    let (code, _, err) = run(&[
        "inspect",
        "--profile-file",
        p.to_str().unwrap(),
        &td("signed-assertion.xml"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown email source"));
    // A profile's SP console terms name the SP side of a fix; their codes must exist.
    std::fs::write(&p, r#"{"name":"mine","description":"test","audiences":["urn:mine"],"sp_console":{"product":"MyApp","fixes":{"audience-mismatch":"Admin > SSO > Entity ID"}}}"#).unwrap();
    let (_, v) = verify_json(
        "signed-assertion.xml",
        &["--profile-file", p.to_str().unwrap()],
    );
    let f = finding(&v, "audience-mismatch");
    assert!(
        f["hint"]
            .as_str()
            .unwrap()
            .ends_with(" — in MyApp: Admin > SSO > Entity ID"),
        "{f}"
    );
    std::fs::write(&p, r#"{"name":"mine","description":"test","sp_console":{"product":"MyApp","fixes":{"audience-mismatchh":"x"}}}"#).unwrap();
    let (code, _, err) = run(&[
        "inspect",
        "--profile-file",
        p.to_str().unwrap(),
        &td("signed-assertion.xml"),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown finding code \"audience-mismatchh\""),
        "{err}"
    );
    let (code, out, _) = run(&["profiles"]);
    assert_eq!(code, 0);
    for name in ["amplitude", "aws", "aws-identity-center", "generic"] {
        assert!(out.contains(name));
    }
    let (code, _, err) = run(&["inspect", "--profile", "nope", &td("signed-assertion.xml")]);
    assert_eq!(code, 2);
    assert!(err.contains("amplitude, aws"));
}

#[test]
fn explain_every_code_and_unknown() {
    let (code, list, _) = run(&["explain"]);
    assert_eq!(code, 0);
    for c in [
        "email-placeholder",
        "wrapping-multiple-assertions",
        "signature-untrusted-key",
    ] {
        assert!(list.contains(c));
        let (code, out, _) = run(&["explain", c]);
        assert_eq!(code, 0);
        assert!(out.starts_with(c));
    }
    let (code, _, err) = run(&["explain", "email"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean"));
}

#[test]
fn every_emitted_code_is_explained() {
    let (_, list, _) = run(&["explain"]);
    for file in [
        "placeholder-email.xml",
        "xsw/xsw5.xml",
        "tampered-nameid.xml",
        "status-denied.xml",
        "entra-http-acs.xml",
        "email-empty.xml",
    ] {
        let (_, v) = verify_json(
            file,
            &[
                "--sp-metadata",
                &td("sp-metadata.xml"),
                "--profile",
                "amplitude",
            ],
        );
        for c in codes(&v) {
            assert!(list.contains(&c), "{c} from {file} has no explain text");
        }
    }
}

#[test]
fn metadata_lint() {
    let (code, v) = mjson(&[&td("idp-metadata.xml")]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["roles"], serde_json::json!(["idp"]));
    let (code, v) = mjson(&[&td("sp-metadata-insecure.xml")]);
    assert_eq!(code, 0);
    assert!(has_code(&v, "metadata-insecure-endpoint"));
    let (code, v) = json(&[
        "metadata",
        "--format",
        "json",
        "--now",
        "2040-01-01T00:00:00Z",
        &td("idp-metadata.xml"),
    ]);
    assert_eq!(code, 1);
    assert!(has_code(&v, "certificate-expired"));
    let (code, v) = mjson(&["--min-days", "5000", &td("idp-metadata.xml")]);
    assert_eq!(
        code, 1,
        "--min-days makes an expiring certificate a failure"
    );
    assert!(has_code(&v, "certificate-expiring"));
    let (code, v) = mjson(&[
        "--cert",
        &td("keys/idp.crt"),
        &td("idp-metadata-signed.xml"),
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["signature"], "valid");
    let tampered = std::fs::read_to_string(td("idp-metadata-signed.xml"))
        .unwrap()
        .replace("HTTP-POST", "HTTP-Artifact");
    let path =
        std::env::temp_dir().join(format!("samlcheck-md-tampered-{}.xml", std::process::id()));
    std::fs::write(&path, tampered).unwrap();
    let (code, v) = mjson(&["--cert", &td("keys/idp.crt"), path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(finding(&v, "metadata-signature-invalid")["message"]
        .as_str()
        .unwrap()
        .contains("changed after signing"));
    let _ = std::fs::remove_file(path);
    let (code, _, err) = run(&["metadata", &td("signed-assertion.xml")]);
    assert_eq!(code, 2);
    assert!(err.contains("not SAML metadata"));
}

#[test]
fn min_days_is_an_early_warning_that_fails() {
    // The fixture IdP certificate is valid until 2035-01-01T00:00:00Z.
    let at = |extra: &[&str]| {
        let mut args = vec![
            "metadata",
            "--format",
            "json",
            "--now",
            "2034-12-15T00:00:00Z",
        ];
        args.extend_from_slice(extra);
        let md = td("idp-metadata.xml");
        args.push(&md);
        json(&args)
    };
    // Without --min-days: a warning within 30 days, exit 0.
    let (code, v) = at(&[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(finding(&v, "certificate-expiring")["severity"], "warning");
    // --min-days 30: the same certificate fails, and the message says the date and days left.
    let (code, v) = at(&["--min-days", "30"]);
    assert_eq!(code, 1, "{v}");
    let f = finding(&v, "certificate-expiring");
    assert_eq!(f["severity"], "error");
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("2035-01-01T00:00:00Z") && m.contains("in 17 days"),
        "{m}"
    );
    // --min-days 10: 17 days left is enough.
    let (code, v) = at(&["--min-days", "10"]);
    assert_eq!(code, 0, "{v}");
    assert!(!has_code(&v, "certificate-expiring"));
}

#[test]
fn idp_and_sp_metadata_are_paired() {
    let (idp, sp) = (text("idp-metadata.xml"), text("sp-metadata.xml"));
    let acs = "https://analytics.amplitude.com/saml/sso/123456";
    let aud = "https://amplitude.com/saml/sso/metadata";
    let (code, p) = pair_json(&idp, &sp, &["--acs", acs, "--audience", aud]);
    assert_eq!(code, 0, "{p}");
    assert_eq!(p["verdict"], "pass");
    // WantAssertionsSigned is a reminder, not a failure.
    assert_eq!(codes(&p), ["pair-assertions-signed"]);
    // Each mismatch fails on its own.
    let (code, p) = pair_json(&idp, &sp, &["--acs", &format!("{acs}/")]);
    assert_eq!(code, 1);
    assert_eq!(codes(&p)[0], "pair-acs-mismatch");
    let sp_email_only = sp.replace(
        "<md:AssertionConsumerService",
        "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat><md:AssertionConsumerService",
    );
    let (code, _) = pair_json(&idp, &sp_email_only, &[]);
    assert_eq!(code, 0, "a shared NameID format pairs");
    let (code, p) = pair_json(&idp, &sp.replace("HTTP-POST", "HTTP-Artifact"), &[]);
    assert_eq!(code, 1);
    assert!(has_code(&p, "pair-acs-binding"));
    // The same entityID on both sides: the IdP metadata was uploaded where the SP's belongs.
    let same = sp.replace(
        "entityID=\"https://amplitude.com/saml/sso/metadata\"",
        "entityID=\"https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw\"",
    );
    let (code, p) = pair_json(&idp, &same, &[]);
    assert_eq!(code, 1);
    assert!(has_code(&p, "pair-entity-id"));
}

#[test]
fn human_report_leads_with_root_cause() {
    let (code, out, _) = run(&[
        "verify",
        "--now",
        NOW,
        "--idp-metadata",
        &td("idp-metadata.xml"),
        "--profile",
        "amplitude",
        &td("placeholder-email.xml"),
    ]);
    assert_eq!(code, 1);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("✗ FAIL response"));
    let cause = lines.next().unwrap();
    assert!(
        cause.contains("most likely cause:") && cause.contains("email-placeholder"),
        "{cause}"
    );
    assert!(lines
        .next()
        .unwrap()
        .contains("fix: IAM Identity Center sent ${user:email} as text because the application's attribute mappings were not set up"));
    assert!(!out.contains('\u{1b}'), "NO_COLOR must strip colour");
}

#[test]
fn color_always_emits_ansi() {
    let (_, out, _) = run(&[
        "inspect",
        "--color",
        "always",
        "--now",
        NOW,
        &td("signed-assertion.xml"),
    ]);
    assert!(out.contains('\u{1b}'));
}

#[test]
fn hints_speak_each_recognised_idps_console() {
    let base = std::fs::read_to_string(td("placeholder-email.xml")).unwrap();
    let aws = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw";
    for (issuer, idp, console) in [
        (aws, "aws_identity_center", "Edit attribute mappings"),
        (
            "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
            "entra_id",
            "Attributes & Claims",
        ),
        ("http://www.okta.com/exk1abcdEFGH2345", "okta", "Okta Admin"),
        (
            "https://accounts.google.com/o/saml2?idpid=C0abc",
            "google",
            "Google Admin",
        ),
        (
            "https://app.onelogin.com/saml/metadata/123",
            "one_login",
            "OneLogin",
        ),
        ("urn:dev-abc.us.auth0.com", "auth0", "Auth0"),
        (
            "http://adfs.example.com/adfs/services/trust",
            "adfs",
            "AD FS Management",
        ),
        ("JumpCloud", "jump_cloud", "JumpCloud"),
        ("https://kc.example.com/realms/main", "keycloak", "Keycloak"),
    ] {
        let xml = base.replace(aws, issuer);
        let (_, v) = inspect_stdin(&["--profile", "amplitude"], xml);
        assert_eq!(v["idp"], idp, "{issuer}");
        let hint = finding(&v, "email-placeholder")["hint"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(hint.contains(console), "{idp}: {hint}");
    }
}

#[test]
fn idp_recognised_from_metadata_when_issuer_is_opaque() {
    let xml = std::fs::read_to_string(td("placeholder-email.xml")).unwrap().replace(
        "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw",
        "urn:opaque:idp",
    );
    let md = td("idp-metadata.xml");
    let (_, v) = inspect_stdin(&["--idp-metadata", &md], xml);
    assert_eq!(v["idp"], "aws_identity_center");
}

#[test]
fn aws_identity_center_profile() {
    // An Okta-issued response to IAM Identity Center's ACS (as an SP of an external IdP).
    let acs = "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/4a8b2c3d-1111-2222-3333-444455556666";
    let aud = "https://us-east-1.signin.aws.amazon.com/platform/saml/d-1234567890";
    let xml = std::fs::read_to_string(td("signed-assertion.xml"))
        .unwrap()
        .replace("https://analytics.amplitude.com/saml/sso/123456", acs)
        .replace("https://amplitude.com/saml/sso/metadata", aud);
    let (_, v) = inspect_stdin(&["--profile", "aws-identity-center"], xml.clone());
    for c in ["audience", "destination", "recipient", "email"] {
        assert_eq!(check(&v, c), "pass", "{c}: {:?}", codes(&v));
    }
    // Identity Center matches users by NameID: an attribute-only email does not count.
    let xml = xml.replace(
        ">alice@example.com</saml:NameID>",
        ">9a8b7c6d</saml:NameID>",
    );
    let (_, v) = inspect_stdin(&["--profile", "aws-identity-center"], xml);
    assert_eq!(v["email"]["source"], "none");
    assert_eq!(finding(&v, "email-missing")["severity"], "error");
}

#[test]
fn unsigned_response_hint_names_the_console() {
    let xml = std::fs::read_to_string(td("unsigned.xml")).unwrap().replace(
        "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw",
        "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
    );
    let (_, v) = verify_stdin(&[], xml);
    assert!(finding(&v, "signature-missing")["hint"]
        .as_str()
        .unwrap()
        .contains("Sign SAML response and assertion"));
}

#[test]
fn generic_profile_makes_no_sp_assumptions() {
    let (code, v) = verify_json("empty-attributes.xml", &["--profile", "generic"]);
    // The only error is the specification's (core §2.7.3), none an SP assumption.
    assert_eq!(code, 1, "{:?}", codes(&v));
    let errors: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(errors, ["attribute-statement-empty"]);
    assert_eq!(check(&v, "audience"), "skip", "no audience is expected");
    assert_eq!(check(&v, "destination"), "skip");
    assert_eq!(finding(&v, "email-missing")["severity"], "warning");
}

#[test]
fn every_placeholder_spelling_gets_a_fix_that_fits_the_literal() {
    let base = std::fs::read_to_string(td("placeholder-email.xml")).unwrap();
    for (literal, expect) in [
        ("$&lt;user:email&gt;", "not IAM Identity Center syntax"),
        ("${user:Email}", "case-sensitive"),
        ("${user:mail}", "not an IAM Identity Center user attribute"),
        ("${user:email}", "attribute mappings were not set up"),
    ] {
        let xml = base.replace("${user:email}", literal);
        let (_, v) = inspect_stdin(&["--profile", "amplitude"], xml);
        let f = finding(&v, "email-placeholder");
        let hint = f["hint"].as_str().unwrap();
        assert!(hint.contains(expect), "{literal}: {hint}");
        assert_eq!(v["idp"], "aws_identity_center", "{literal}");
    }
}

#[test]
fn documentation_placeholders_in_urls_are_named() {
    let xml = std::fs::read_to_string(td("unsigned.xml"))
        .unwrap()
        .replace("saml/sso/123456", "saml/sso/&lt;UNIQUE_ID&gt;");
    let (_, v) = inspect_stdin(&[], xml);
    let f = finding(&v, "value-documentation-placeholder");
    assert_eq!(f["severity"], "error");
    assert!(
        f["message"].as_str().unwrap().contains("<UNIQUE_ID>"),
        "{f}"
    );
}

#[test]
fn audience_and_acs_swapped_are_named_as_a_swap() {
    let xml = std::fs::read_to_string(td("unsigned.xml"))
        .unwrap()
        .replace(
            ">https://amplitude.com/saml/sso/metadata</saml:Audience>",
            ">https://analytics.amplitude.com/saml/sso/123456</saml:Audience>",
        )
        .replace(
            "Recipient=\"https://analytics.amplitude.com/saml/sso/123456\"",
            "Recipient=\"https://amplitude.com/saml/sso/metadata\"",
        );
    let (_, v) = inspect_stdin(
        &[
            "--audience",
            "https://amplitude.com/saml/sso/metadata",
            "--acs",
            "https://analytics.amplitude.com/saml/sso/123456",
        ],
        xml,
    );
    let a = finding(&v, "audience-mismatch");
    assert!(a["message"].as_str().unwrap().contains("swapped"), "{a}");
    assert!(
        a["hint"]
            .as_str()
            .unwrap()
            .contains("Identifier (Entity ID): https://amplitude.com/saml/sso/metadata"),
        "{a}"
    );
    let r = finding(&v, "recipient-mismatch");
    assert!(r["message"].as_str().unwrap().contains("swapped"), "{r}");
}

#[test]
fn a_status_message_with_an_aadsts_code_gives_its_fix() {
    let xml = std::fs::read_to_string(td("status-denied.xml")).unwrap();
    let msg = regex_free_replace_status_message(
        &xml,
        "AADSTS50105: The signed in user is not assigned to a role for the application.",
    );
    let (_, v) = inspect_stdin(&[], msg);
    let f = finding(&v, "status-not-success");
    assert!(
        f["hint"].as_str().unwrap().contains("Users and groups"),
        "{f}"
    );
}

fn regex_free_replace_status_message(xml: &str, text: &str) -> String {
    let start = xml
        .find("<samlp:StatusMessage>")
        .map(|i| i + "<samlp:StatusMessage>".len());
    let end = xml.find("</samlp:StatusMessage>");
    match (start, end) {
        (Some(s), Some(e)) => format!("{}{text}{}", &xml[..s], &xml[e..]),
        _ => xml.replace(
            "</samlp:Status>",
            &format!("<samlp:StatusMessage>{text}</samlp:StatusMessage></samlp:Status>"),
        ),
    }
}

#[test]
fn a_upn_nameid_that_disagrees_with_the_email_claim_is_warned() {
    let xml = std::fs::read_to_string(td("unsigned.xml"))
        .unwrap()
        .replacen(
            ">alice@example.com</saml:NameID>",
            ">alice@contoso.onmicrosoft.com</saml:NameID>",
            1,
        );
    let (_, v) = inspect_stdin(&[], xml);
    let f = finding(&v, "email-sources-disagree");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("user principal name"),
        "{f}"
    );
}

/// Secondary fixes point the right way (issue 27): a signature that is there but under another
/// key gets the certificate fix, never "turn on signing"; Entra's `user.mail` typed as a constant
/// gets "choose it as an attribute"; an AWS Role attribute under its short name gets "only the
/// name is wrong"; a missing RoleSessionName is reported once.
#[test]
fn secondary_fixes_point_the_right_way() {
    // Entra, signed by a key the user did not trust (the IdP rotated its certificate).
    let (_, v) = vjson(&[
        "--cert",
        &td("keys/idp-new.crt"),
        &td("idp/entra-id/valid.xml"),
    ]);
    let hint = finding(&v, "signature-missing")["hint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!hint.contains("Signing Option"), "{hint}");
    assert!(hint.contains("SAML Certificates"), "{hint}");
    // Entra's attribute name sent as text.
    let xml = std::fs::read_to_string(td("idp/entra-id/valid.xml"))
        .unwrap()
        .replace(">alice@contoso.example<", ">user.mail<");
    let (_, v) = inspect_stdin(&[], xml);
    let f = finding(&v, "email-placeholder");
    let hint = f["hint"].as_str().unwrap();
    assert!(hint.contains("Source to Attribute"), "{hint}");
    // AWS: the Role under its short name; RoleSessionName absent, reported once.
    let xml = std::fs::read_to_string(td("aws-role.xml"))
        .unwrap()
        .replace(
            "Name=\"https://aws.amazon.com/SAML/Attributes/Role\"",
            "Name=\"Role\"",
        )
        .replace(
            "Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\"",
            "Name=\"urn:example:other\"",
        );
    let (_, v) = inspect_stdin(&["--profile", "aws"], xml);
    let missing: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "attribute-required-missing")
        .collect();
    assert_eq!(missing.len(), 2, "{:?}", codes(&v));
    let role = missing
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("/Role\""))
        .unwrap();
    assert!(
        role["hint"]
            .as_str()
            .unwrap()
            .contains("only its name is wrong"),
        "{role}"
    );
    assert!(
        !has_code(&v, "aws-role-session-name-missing"),
        "{:?}",
        codes(&v)
    );
}

/// Profiles match the documented shapes exactly (issue 27): the setup guides' wrong values are
/// not OK — an Amplitude Reply URL without the organisation number, with the guide's literal
/// UNIQUE_ID, or ending in /metadata; an IAM Identity Center audience that is its ACS URL.
#[test]
fn profiles_match_the_documented_shapes() {
    let base = std::fs::read_to_string(td("unsigned.xml")).unwrap();
    for wrong in ["", "UNIQUE_ID", "metadata"] {
        let xml = base.replace("saml/sso/123456", &format!("saml/sso/{wrong}"));
        let (_, v) = inspect_stdin(&["--profile", "amplitude"], xml);
        assert!(
            has_code(&v, "destination-mismatch"),
            "{wrong:?}: {:?}",
            codes(&v)
        );
        assert!(
            has_code(&v, "recipient-mismatch"),
            "{wrong:?}: {:?}",
            codes(&v)
        );
        let text = v["findings"].to_string();
        assert!(!text.contains("swapped"), "{wrong:?}: {text}");
    }
    let acs = "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/3f1e0b2c-aaaa-4bbb-8ccc-0123456789ab";
    let xml = base
        .replace("https://amplitude.com/saml/sso/metadata", acs)
        .replace("https://analytics.amplitude.com/saml/sso/123456", acs);
    let (_, v) = inspect_stdin(&["--profile", "aws-identity-center"], xml);
    assert!(has_code(&v, "audience-mismatch"), "{:?}", codes(&v));
    assert_eq!(check(&v, "destination"), "pass", "{:?}", codes(&v));
}

//! Every finding code in the registry is produced by some input, through the real binary.
//! The table below triggers each one; a test fails if a registered code has no trigger.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;

const A: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const P: &str = "urn:oasis:names:tc:SAML:2.0:protocol";

/// An unsigned Response around `assertion` with `root_attrs` on the root.
fn response(root_attrs: &str, status: bool, assertion: &str) -> String {
    let st = if status {
        r#"<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>"#
    } else {
        ""
    };
    format!(
        r#"<samlp:Response xmlns:samlp="{P}" xmlns:saml="{A}" ID="_r" Version="2.0" IssueInstant="2026-01-15T10:00:00Z" {root_attrs}><saml:Issuer>https://idp.example.org</saml:Issuer>{st}{assertion}</samlp:Response>"#
    )
}

/// An Assertion with the given Subject, Conditions and attribute statement bodies.
fn assertion(issuer: bool, subject: Option<&str>, conditions: &str, attrs: Option<&str>) -> String {
    let iss = if issuer {
        "<saml:Issuer>https://idp.example.org</saml:Issuer>"
    } else {
        ""
    };
    let sub = subject
        .map(|s| format!("<saml:Subject>{s}</saml:Subject>"))
        .unwrap_or_default();
    let st = attrs
        .map(|a| format!("<saml:AttributeStatement>{a}</saml:AttributeStatement>"))
        .unwrap_or_default();
    format!(
        r#"<saml:Assertion ID="_a" Version="2.0" IssueInstant="2026-01-15T10:00:00Z">{iss}{sub}{conditions}<saml:AuthnStatement AuthnInstant="2026-01-15T10:00:00Z" SessionNotOnOrAfter="2026-01-15T10:30:00Z"/>{st}</saml:Assertion>"#
    )
}

const NAMEID: &str = r#"<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">a@example.com</saml:NameID>"#;
const COND: &str = r#"<saml:Conditions NotBefore="2026-01-15T09:55:00Z" NotOnOrAfter="2026-01-15T10:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.com</saml:Audience></saml:AudienceRestriction></saml:Conditions>"#;

fn inspect_stdin_v(xml: String, extra: &[&str]) -> Value {
    inspect_stdin(extra, xml).1
}

fn verify_stdin_v(xml: String, extra: &[&str]) -> Value {
    verify_stdin(extra, xml).1
}

fn metadata_json(xml: &str) -> Value {
    let path = std::env::temp_dir().join(format!(
        "samlcheck-md-{}-{}.xml",
        std::process::id(),
        xml.len()
    ));
    std::fs::write(&path, xml).unwrap();
    let (_, v) = mjson(&[path.to_str().unwrap()]);
    let _ = std::fs::remove_file(path);
    v
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(td(name)).unwrap()
}

/// `verify --cert keys/idp.crt` of a trust fixture (testdata/trust.py).
fn trust(file: &str, extra: &[&str]) -> Value {
    with_cert(&format!("trust/{file}"), extra)
}

/// `verify --cert keys/idp.crt EXTRA FILE` of a testdata file (`--sp-stack` runs).
fn with_cert(file: &str, extra: &[&str]) -> Value {
    let (cert, path) = (td("keys/idp.crt"), td(file));
    let mut args = vec!["--cert", cert.as_str()];
    args.extend_from_slice(extra);
    args.push(&path);
    vjson(&args).1
}

/// `verify --format json` of a flow capture (testdata/flows.py) at its own capture time, as an
/// array with every message's report.
fn flow(file: &str) -> Value {
    json(&[
        "verify",
        "--format",
        "json",
        "--idp-metadata",
        &td("idp-metadata.xml"),
        &td(&format!("flows/{file}")),
    ])
    .1
}

/// `inspect --format json` of a flow capture.
fn flow_inspect(file: &str, extra: &[&str]) -> Value {
    let path = td(&format!("flows/{file}"));
    let mut args = vec!["inspect", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(&path);
    json(&args).1
}

/// Runs an input and returns its JSON report.
type Trigger = Box<dyn Fn() -> Value>;

/// Each code with an input that must produce it.
fn triggers() -> Vec<(&'static str, Trigger)> {
    let signed = || fixture("signed-assertion.xml");
    let unsigned = || fixture("unsigned.xml");
    let md = |body: &str| {
        format!(
            r#"<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" {body}</md:EntityDescriptor>"#
        )
    };
    vec![
        (
            "url-safe-base64",
            Box::new(|| verify_json("signed-assertion.urlsafe.b64", &[]).1),
        ),
        (
            "status-not-success",
            Box::new(|| verify_json("status-responder.xml", &[]).1),
        ),
        (
            "status-missing",
            Box::new(|| {
                inspect_stdin_v(
                    response("", false, &assertion(true, Some(NAMEID), COND, None)),
                    &[],
                )
            }),
        ),
        (
            "signature-missing",
            Box::new(|| verify_json("unsigned.xml", &[]).1),
        ),
        (
            "signature-digest-mismatch",
            Box::new(|| verify_json("tampered-nameid.xml", &[]).1),
        ),
        (
            "signature-value-mismatch",
            Box::new(move || {
                let x = signed();
                let (s, e) = (
                    x.find("<ds:KeyInfo>").unwrap(),
                    x.find("</ds:KeyInfo>").unwrap() + 13,
                );
                let c = td("keys/attacker.crt");
                let out = bin()
                    .args([
                        "verify", "--format", "json", "--now", NOW, "--cert", &c, "-",
                    ])
                    .write_stdin(format!("{}{}", &x[..s], &x[e..]))
                    .output()
                    .unwrap();
                serde_json::from_slice(&out.stdout).unwrap()
            }),
        ),
        (
            "signature-untrusted-key",
            Box::new(|| verify_json("rotated.xml", &[]).1),
        ),
        (
            "assertion-signature-required",
            Box::new(|| {
                verify_json(
                    "signed-response.xml",
                    &["--sp-metadata", &td("sp-metadata.xml")],
                )
                .1
            }),
        ),
        (
            "signature-not-checked",
            Box::new(move || inspect_stdin_v(signed(), &[])),
        ),
        (
            "signature-error",
            Box::new(move || {
                verify_stdin_v(
                    // A SignedInfo without its SignatureMethod: libxmlsec1 refuses the element.
                    signed().replace(
                        "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>",
                        "",
                    ),
                    &[],
                )
            }),
        ),
        (
            "redirect-signature-invalid",
            Box::new(|| {
                vjson(&[
                    "--cert",
                    &td("keys/sp.crt"),
                    &td("authnrequest-redirect-tampered.url"),
                ])
                .1
            }),
        ),
        (
            "wrapping-multiple-assertions",
            Box::new(|| verify_json("two-assertions.xml", &[]).1),
        ),
        (
            "wrapping-hidden-assertion",
            Box::new(|| verify_json("xsw/xsw4.xml", &[]).1),
        ),
        (
            "wrapping-uncovered-identity",
            Box::new(|| verify_json("forgery/extensions-nameid.xml", &[]).1),
        ),
        (
            "signature-reference-whole-document",
            Box::new(|| verify_json("trust/response-uri-empty.xml", &[]).1),
        ),
        (
            "ws-federation-token",
            Box::new(|| verify_json("forgery/benign-wsfed-saml2-no-confirmation-data.form", &[]).1),
        ),
        (
            "nameid-whitespace",
            Box::new(|| {
                let xml = std::fs::read_to_string(td("unsigned.xml"))
                    .unwrap()
                    .replace(
                        ">alice@example.com</saml:NameID>",
                        "> alice@example.com</saml:NameID>",
                    );
                inspect_stdin_v(xml, &[])
            }),
        ),
        (
            "wrapping-unbound-prefix",
            Box::new(|| verify_json("forgery/unbound-prefix-assertion.xml", &[]).1),
        ),
        (
            "issuer-missing-signed-response",
            Box::new(|| verify_json("forgery/signed-response-no-issuer.xml", &[]).1),
        ),
        (
            "wrapping-duplicate-id",
            Box::new(|| verify_json("duplicate-id.xml", &[]).1),
        ),
        (
            "wrapping-reference-target",
            Box::new(|| verify_json("xsw/xsw7.xml", &[]).1),
        ),
        (
            "wrapping-signature-placement",
            Box::new(|| verify_json("xsw/xsw1.xml", &[]).1),
        ),
        (
            "wrapping-reference-uri",
            Box::new(|| verify_json("external-reference.xml", &[]).1),
        ),
        (
            "wrapping-reference-count",
            Box::new(move || {
                let x = signed();
                let (s, e) = (
                    x.find("<ds:Reference ").unwrap(),
                    x.find("</ds:Reference>").unwrap() + 15,
                );
                let r = x[s..e].to_string();
                verify_stdin_v(x.replacen(&r, &format!("{r}{r}"), 1), &[])
            }),
        ),
        (
            "wrapping-transform",
            Box::new(|| verify_json("xslt-transform.xml", &[]).1),
        ),
        (
            "wrapping-parser-disagreement",
            Box::new(|| verify_json("parser-confusion.xml", &[]).1),
        ),
        (
            "algorithm-sha1",
            Box::new(|| verify_json("signed-sha1.xml", &[]).1),
        ),
        (
            "algorithm-forbidden",
            Box::new(|| verify_json("hmac-signature.xml", &[]).1),
        ),
        (
            "certificate-expired",
            Box::new(|| {
                json(&[
                    "verify",
                    "--format",
                    "json",
                    "--now",
                    "2026-01-15T17:00:00Z",
                    "--clock-skew",
                    "2h",
                    "--cert",
                    &td("keys/idp-short.crt"),
                    &td("signed-assertion.xml"),
                ])
                .1
            }),
        ),
        (
            "certificate-expiring",
            Box::new(|| mjson(&["--min-days", "5000", &td("idp-metadata.xml")]).1),
        ),
        (
            "issuer-missing",
            Box::new(|| {
                inspect_stdin_v(
                    response("", true, &assertion(false, Some(NAMEID), COND, None))
                        .replace("<saml:Issuer>https://idp.example.org</saml:Issuer>", ""),
                    &[],
                )
            }),
        ),
        (
            "issuer-mismatch",
            Box::new(|| {
                verify_json(
                    "signed-assertion.xml",
                    &["--issuer", "https://other.example"],
                )
                .1
            }),
        ),
        (
            "audience-missing",
            Box::new(|| {
                inspect_stdin_v(
                    response(
                        "",
                        true,
                        &assertion(
                            true,
                            Some(NAMEID),
                            r#"<saml:Conditions NotBefore="2026-01-15T09:55:00Z"/>"#,
                            None,
                        ),
                    ),
                    &[],
                )
            }),
        ),
        (
            "audience-mismatch",
            Box::new(|| verify_json("signed-assertion.xml", &["--audience", "urn:other"]).1),
        ),
        (
            "destination-missing",
            Box::new(move || {
                verify_stdin_v(
                    fixture("signed-response.xml").replace(
                        r#" Destination="https://analytics.amplitude.com/saml/sso/123456""#,
                        "",
                    ),
                    &["--acs", "https://analytics.amplitude.com/saml/sso/123456"],
                )
            }),
        ),
        (
            "destination-empty",
            Box::new(|| {
                inspect_stdin_v(
                    response(
                        r#"Destination="""#,
                        true,
                        &assertion(true, Some(NAMEID), COND, None),
                    ),
                    &[],
                )
            }),
        ),
        (
            "destination-mismatch",
            Box::new(|| {
                verify_json(
                    "signed-assertion.xml",
                    &["--acs", "https://sp.example.com/acs"],
                )
                .1
            }),
        ),
        (
            "recipient-mismatch",
            Box::new(|| {
                verify_json(
                    "signed-assertion.xml",
                    &["--acs", "https://sp.example.com/acs"],
                )
                .1
            }),
        ),
        (
            "in-response-to-mismatch",
            Box::new(|| verify_json("sp-initiated.xml", &["--request-id", "_x"]).1),
        ),
        (
            "in-response-to-unsolicited",
            Box::new(|| verify_json("signed-assertion.xml", &["--request-id", "_x"]).1),
        ),
        (
            "time-not-yet-valid",
            Box::new(|| {
                json(&[
                    "verify",
                    "--format",
                    "json",
                    "--now",
                    "2026-01-15T09:00:00Z",
                    "--cert",
                    &td("keys/idp.crt"),
                    &td("signed-assertion.xml"),
                ])
                .1
            }),
        ),
        (
            "time-expired",
            Box::new(|| {
                json(&[
                    "verify",
                    "--format",
                    "json",
                    "--now",
                    "2026-01-16T09:00:00Z",
                    "--cert",
                    &td("keys/idp.crt"),
                    &td("signed-assertion.xml"),
                ])
                .1
            }),
        ),
        (
            "time-issued-in-future",
            Box::new(|| {
                json(&[
                    "verify",
                    "--format",
                    "json",
                    "--now",
                    "2026-01-15T09:00:00Z",
                    "--cert",
                    &td("keys/idp.crt"),
                    &td("signed-assertion.xml"),
                ])
                .1
            }),
        ),
        (
            "time-unparseable",
            Box::new(|| {
                inspect_stdin_v(
                    response(
                        "",
                        true,
                        &assertion(
                            true,
                            Some(NAMEID),
                            &COND.replace("2026-01-15T09:55:00Z", "yesterday"),
                            None,
                        ),
                    ),
                    &[],
                )
            }),
        ),
        (
            "time-session-expired",
            Box::new(|| {
                inspect_stdin_v(
                    response("", true, &assertion(true, Some(NAMEID), "", None)),
                    &["--now", "2026-01-15T11:00:00Z"],
                )
            }),
        ),
        (
            "assertion-missing",
            Box::new(|| inspect_stdin_v(response("", true, ""), &[])),
        ),
        (
            "assertion-encrypted",
            Box::new(|| verify_json("encrypted.xml", &[]).1),
        ),
        (
            "signature-placement-unusual",
            Box::new(|| verify_json("idp/auth0/valid.xml", &["--cert", &td("keys/idp.crt")]).1),
        ),
        (
            "assertion-in-advice",
            Box::new(|| verify_json("advice-assertion.xml", &[]).1),
        ),
        (
            "bearer-no-expiry",
            Box::new(|| verify_json("bearer-no-notonorafter.xml", &[]).1),
        ),
        (
            "bearer-no-recipient",
            Box::new(|| verify_json("bearer-no-recipient.xml", &[]).1),
        ),
        (
            "bearer-missing",
            Box::new(|| {
                inspect_stdin_v(
                    response("", true, &assertion(true, Some(NAMEID), COND, None)),
                    &[],
                )
            }),
        ),
        (
            "algorithm-unsupported",
            Box::new(|| verify_json("rsa-pss.xml", &[]).1),
        ),
        (
            "signature-ecdsa-der",
            Box::new(|| verify_json("ecdsa-der.xml", &["--cert", &td("keys/idp-ec.crt")]).1),
        ),
        (
            "decryption-wrong-key",
            Box::new(|| {
                verify_json("idp/okta/encrypted.xml", &["--sp-key", &td("keys/idp.key")]).1
            }),
        ),
        (
            "decryption-key-not-found",
            Box::new(|| {
                let xml = std::fs::read_to_string(td("idp/okta/encrypted.xml"))
                    .unwrap()
                    .replace("<ds:RetrievalMethod Type", "<ds:RetrievalMethod X")
                    .replace("URI=\"#_6d2d", "URI=\"#_0000");
                verify_stdin(&["--sp-key", &td("keys/sp.key")], xml).1
            }),
        ),
        (
            "certificate-not-yet-valid",
            Box::new(|| {
                vjson(&[
                    "--cert",
                    &td("keys/idp-future.crt"),
                    &td("signed-assertion.xml"),
                ])
                .1
            }),
        ),
        (
            "decryption-failed",
            Box::new(|| verify_json("encrypted.xml", &["--sp-key", &td("keys/idp.key")]).1),
        ),
        (
            "subject-missing",
            Box::new(|| {
                inspect_stdin_v(response("", true, &assertion(true, None, COND, None)), &[])
            }),
        ),
        (
            "nameid-missing",
            Box::new(|| {
                inspect_stdin_v(response("", true, &assertion(true, Some("<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"/>"), COND, None)), &[])
            }),
        ),
        (
            "nameid-empty",
            Box::new(|| {
                inspect_stdin_v(
                    response(
                        "",
                        true,
                        &assertion(true, Some("<saml:NameID></saml:NameID>"), COND, None),
                    ),
                    &[],
                )
            }),
        ),
        (
            "nameid-format-not-email",
            Box::new(|| verify_json("nameid-not-email.xml", &[]).1),
        ),
        (
            "comment-in-text",
            Box::new(|| verify_json("comment-nameid.xml", &[]).1),
        ),
        (
            "email-missing",
            Box::new(|| verify_json("empty-attributes.xml", &[]).1),
        ),
        (
            "saml11-assertion",
            Box::new(|| ijson(&[&td("idp/adfs/wsfed-saml11.form")]).1),
        ),
        (
            "assertion-bare",
            Box::new(|| inspect_stdin_v(bare_assertion(), &[])),
        ),
        (
            "nameid-encrypted",
            Box::new(|| ijson(&[&td("idp/shibboleth/encrypted-nameid.xml")]).1),
        ),
        (
            "email-elsewhere",
            Box::new(|| ijson(&[&td("idp/shibboleth/valid.xml")]).1),
        ),
        (
            "email-placeholder",
            Box::new(|| verify_json("placeholder-email.xml", &[]).1),
        ),
        (
            "email-empty-value",
            Box::new(|| {
                inspect_stdin_v(response("", true, &assertion(true, Some(NAMEID), COND, Some(r#"<saml:Attribute Name="email"><saml:AttributeValue/></saml:Attribute>"#))).replace("a@example.com", "persistent-id"), &[])
            }),
        ),
        (
            "email-invalid",
            Box::new(|| {
                inspect_stdin_v(
                    response(
                        "",
                        true,
                        &assertion(
                            true,
                            Some(NAMEID),
                            COND,
                            Some(
                                r#"<saml:Attribute Name="email"><saml:AttributeValue>not an email</saml:AttributeValue></saml:Attribute>"#,
                            ),
                        ),
                    ),
                    &[],
                )
            }),
        ),
        (
            "attribute-statement-empty",
            Box::new(|| verify_json("empty-attributes.xml", &[]).1),
        ),
        (
            "attribute-empty-value",
            Box::new(|| verify_json("email-empty.xml", &[]).1),
        ),
        (
            "attribute-duplicate",
            Box::new(|| verify_json("duplicate-attributes.xml", &[]).1),
        ),
        (
            "attribute-required-missing",
            Box::new(|| verify_json("signed-assertion.xml", &["--profile", "aws"]).1),
        ),
        (
            "aws-role-invalid",
            Box::new(|| verify_json("aws-role-bad.xml", &["--profile", "aws"]).1),
        ),
        (
            "aws-role-session-name-missing",
            Box::new(|| {
                let xml = std::fs::read_to_string(td("aws-role.xml"))
                    .unwrap()
                    .replacen(
                        ">alice@example.com</saml:AttributeValue>",
                        ">a b</saml:AttributeValue>",
                        1,
                    );
                inspect_stdin_v(xml, &["--profile", "aws"])
            }),
        ),
        (
            "aws-session-duration-invalid",
            Box::new(|| verify_json("aws-role-bad.xml", &["--profile", "aws"]).1),
        ),
        (
            "metadata-no-signing-key",
            Box::new(move || {
                metadata_json(&md(
                    r#"entityID="https://idp"><md:IDPSSODescriptor protocolSupportEnumeration="x"><md:SingleSignOnService Binding="b" Location="https://idp/sso"/></md:IDPSSODescriptor>"#,
                ))
            }),
        ),
        (
            "metadata-no-endpoint",
            Box::new(move || {
                metadata_json(&md(
                    r#"entityID="https://sp"><md:SPSSODescriptor protocolSupportEnumeration="x"/>"#,
                ))
            }),
        ),
        (
            "metadata-insecure-endpoint",
            Box::new(|| mjson(&[&td("sp-metadata-insecure.xml")]).1),
        ),
        (
            "metadata-no-entity-id",
            Box::new(move || {
                metadata_json(&md(
                    r#"><md:SPSSODescriptor protocolSupportEnumeration="x"><md:AssertionConsumerService Binding="b" Location="https://sp/acs"/></md:SPSSODescriptor>"#,
                ))
            }),
        ),
        (
            "pair-roles",
            Box::new(|| pair_json(&text("sp-metadata.xml"), &text("sp-metadata.xml"), &[]).1),
        ),
        (
            "pair-entity-id",
            Box::new(|| {
                pair_json(
                    &text("idp-metadata.xml"),
                    &text("sp-metadata.xml"),
                    &["--audience", "https://amplitude.com/saml/sso/other"],
                )
                .1
            }),
        ),
        (
            "pair-acs-binding",
            Box::new(|| {
                pair_json(
                    &text("idp-metadata.xml"),
                    &text("sp-metadata.xml").replace("HTTP-POST", "HTTP-Artifact"),
                    &[],
                )
                .1
            }),
        ),
        (
            "pair-acs-mismatch",
            Box::new(|| {
                pair_json(
                    &text("idp-metadata.xml"),
                    &text("sp-metadata.xml"),
                    &["--acs", "https://analytics.amplitude.com/saml/sso/999"],
                )
                .1
            }),
        ),
        (
            "pair-sso-binding",
            Box::new(|| {
                pair_json(
                    &text("idp-metadata.xml")
                        .replace("HTTP-Redirect", "HTTP-Artifact")
                        .replace("HTTP-POST", "SOAP"),
                    &text("sp-metadata.xml"),
                    &[],
                )
                .1
            }),
        ),
        (
            "pair-nameid-format",
            Box::new(|| {
                let sp = text("sp-metadata.xml").replace("<md:AssertionConsumerService", "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat><md:AssertionConsumerService");
                pair_json(&text("idp-metadata.xml"), &sp, &[]).1
            }),
        ),
        (
            "pair-authn-requests-unsigned",
            Box::new(|| {
                let idp = text("idp-metadata.xml").replace(
                    "<md:IDPSSODescriptor ",
                    "<md:IDPSSODescriptor WantAuthnRequestsSigned=\"true\" ",
                );
                pair_json(
                    &idp,
                    &text("sp-metadata.xml").replace(
                        "AuthnRequestsSigned=\"true\"",
                        "AuthnRequestsSigned=\"false\"",
                    ),
                    &[],
                )
                .1
            }),
        ),
        (
            "pair-assertions-signed",
            Box::new(|| pair_json(&text("idp-metadata.xml"), &text("sp-metadata.xml"), &[]).1),
        ),
        (
            "assertion-replayed",
            Box::new(|| {
                let f = td("signed-assertion.xml");
                let (_, out, _) = run(&[
                    "verify",
                    "--format",
                    "ndjson",
                    "--now",
                    NOW,
                    "--idp-metadata",
                    &td("idp-metadata.xml"),
                    &f,
                    &f,
                ]);
                serde_json::from_str(out.lines().nth(1).unwrap()).unwrap()
            }),
        ),
        (
            "audience-restriction-empty",
            Box::new(|| trust("empty-audience-restriction.xml", &[])),
        ),
        (
            "condition-unknown",
            Box::new(|| trust("unknown-condition.xml", &[])),
        ),
        (
            "bearer-not-before",
            Box::new(|| trust("bearer-not-before.xml", &[])),
        ),
        (
            "in-response-to-missing",
            Box::new(|| trust("solicited-no-confirmation-irt.xml", &[])),
        ),
        (
            "issuer-inconsistent",
            Box::new(|| trust("issuer-inconsistent.xml", &[])),
        ),
        (
            "value-invisible-character",
            Box::new(|| trust("nbsp-nameid.xml", &[])),
        ),
        (
            "wrapping-encrypted-assertion",
            Box::new(|| trust("encrypted-plaintext.xml", &[])),
        ),
        (
            "signature-object-content",
            Box::new(|| trust("saml11-object-nameid.xml", &[])),
        ),
        (
            "subject-confirmation-ignored",
            Box::new(|| {
                trust(
                    "two-bearers.xml",
                    &["--acs", "https://analytics.amplitude.com/saml/sso/123456"],
                )
            }),
        ),
        (
            "message-unauthenticated",
            Box::new(|| vjson(&["--sp-cert", &td("keys/sp.crt"), &td("authnrequest.xml")]).1),
        ),
        (
            "version-invalid",
            Box::new(move || {
                inspect_stdin_v(
                    signed().replace(r#"Version="2.0""#, r#"Version="3.0""#),
                    &[],
                )
            }),
        ),
        (
            "time-too-old",
            Box::new(|| {
                verify_json(
                    "signed-assertion.xml",
                    &["--max-age", "10s", "--clock-skew", "1s"],
                )
                .1
            }),
        ),
        (
            "issue-instant-missing",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned().replacen(r#" IssueInstant="2026-01-15T10:00:00Z""#, "", 1),
                    &[],
                )
            }),
        ),
        (
            "issuer-format-invalid",
            Box::new(move || {
                inspect_stdin_v(unsigned().replacen("<saml:Issuer>", r#"<saml:Issuer Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">"#, 1), &[])
            }),
        ),
        (
            "nameid-sp-name-qualifier",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned().replace(
                        "<saml:NameID ",
                        r#"<saml:NameID SPNameQualifier="https://other-sp.example" "#,
                    ),
                    &["--audience", "https://amplitude.com/saml/sso/metadata"],
                )
            }),
        ),
        (
            "value-empty",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned().replace("<saml:NameID ", r#"<saml:NameID NameQualifier="" "#),
                    &[],
                )
            }),
        ),
        (
            "authn-statement-missing",
            Box::new(move || {
                let u = unsigned();
                let start = u.find("<saml:AuthnStatement").unwrap();
                let end =
                    u.find("</saml:AuthnStatement>").unwrap() + "</saml:AuthnStatement>".len();
                inspect_stdin_v(format!("{}{}", &u[..start], &u[end..]), &[])
            }),
        ),
        (
            "authn-context-missing",
            Box::new(move || {
                let u = unsigned();
                let start = u.find("<saml:AuthnContext>").unwrap();
                let end = u.find("</saml:AuthnContext>").unwrap() + "</saml:AuthnContext>".len();
                inspect_stdin_v(format!("{}{}", &u[..start], &u[end..]), &[])
            }),
        ),
        (
            "condition-one-time-use",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned()
                        .replace("</saml:Conditions>", "<saml:OneTimeUse/></saml:Conditions>"),
                    &[],
                )
            }),
        ),
        (
            "binding-detached-signature-post",
            Box::new(move || {
                use base64::Engine;
                let b64 = base64::engine::general_purpose::STANDARD.encode(unsigned());
                let body = format!(
                    "SAMLResponse={}&SigAlg=x&Signature=AAAA",
                    b64.replace('+', "%2B")
                        .replace('/', "%2F")
                        .replace('=', "%3D")
                );
                inspect_stdin_v(body, &[])
            }),
        ),
        (
            "binding-redirect-response",
            Box::new(move || {
                use base64::Engine;
                let mut z =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                std::io::Write::write_all(&mut z, unsigned().as_bytes()).unwrap();
                let b64 = base64::engine::general_purpose::STANDARD.encode(z.finish().unwrap());
                let url = format!(
                    "https://sp.example/acs?SAMLResponse={}&SigAlg=x&Signature=AAAA",
                    b64.replace('+', "%2B")
                        .replace('/', "%2F")
                        .replace('=', "%3D")
                );
                inspect_stdin_v(url, &[])
            }),
        ),
        (
            "signature-reindented",
            Box::new(|| {
                let (_, pretty, _) = run(&["decode", &td("signed-assertion.xml")]);
                verify_stdin_v(pretty, &[])
            }),
        ),
        (
            "request-destination-mismatch",
            Box::new(move || {
                inspect_stdin_v(
                    fixture("authnrequest.xml")
                        .replace("saml/assertion/MTIz\"", "saml/assertion/OLD\""),
                    &["--idp-metadata", &td("idp-metadata.xml")],
                )
            }),
        ),
        (
            "email-sources-disagree",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned().replacen(
                        ">alice@example.com</saml:NameID>",
                        ">alice@contoso.onmicrosoft.com</saml:NameID>",
                        1,
                    ),
                    &[],
                )
            }),
        ),
        (
            "email-mixed-case",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned().replacen(
                        ">alice@example.com</saml:NameID>",
                        ">Alice@Example.com</saml:NameID>",
                        1,
                    ),
                    &[],
                )
            }),
        ),
        (
            "value-documentation-placeholder",
            Box::new(move || {
                inspect_stdin_v(
                    unsigned().replace("saml/sso/123456", "saml/sso/&lt;UNIQUE_ID&gt;"),
                    &[],
                )
            }),
        ),
        (
            "flow-force-authn",
            Box::new(|| flow("force-authn-reused.har")),
        ),
        ("flow-no-sp-answer", Box::new(|| flow("post-aborted.har"))),
        (
            "sp-stack-rejects",
            Box::new(|| {
                with_cert(
                    "stacks/no-attribute-statement.xml",
                    &["--request-id", "_req1", "--sp-stack", "python3-saml"],
                )
            }),
        ),
        (
            "sp-stack-weakness",
            Box::new(|| with_cert("duplicate-id.xml", &["--sp-stack", "python3-saml"])),
        ),
        (
            // A flow's cause, not a message's finding: the unreadable message has no findings.
            "flow-message-unreadable",
            Box::new(|| {
                let v = flow("unreadable-response.har");
                let causes: Vec<Value> = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r["flows"].as_array())
                    .flatten()
                    .map(|f| serde_json::json!({"code": f["cause"]}))
                    .collect();
                serde_json::json!({ "findings": causes })
            }),
        ),
        (
            "flow-no-response",
            Box::new(|| flow("stopped-at-login.har")),
        ),
        (
            "flow-in-response-to",
            Box::new(|| flow("stale-in-response-to.har")),
        ),
        ("flow-acs-mismatch", Box::new(|| flow("acs-mismatch.har"))),
        (
            "flow-protocol-binding",
            Box::new(|| flow("binding-artifact.har")),
        ),
        (
            "request-acs-index",
            Box::new(|| {
                flow_inspect(
                    "acs-index-other.har",
                    &["--sp-metadata", &td("sp-metadata.xml")],
                )
            }),
        ),
        (
            "request-acs-unknown",
            Box::new(|| {
                flow_inspect(
                    "entra-aadsts50011.har",
                    &["--sp-metadata", &td("sp-metadata.xml")],
                )
            }),
        ),
        (
            "flow-nameid-format",
            Box::new(|| flow("nameid-authn-mismatch.har")),
        ),
        (
            "flow-authn-context",
            Box::new(|| flow("nameid-authn-mismatch.har")),
        ),
        ("flow-audience", Box::new(|| flow("audience-other.har"))),
        (
            "flow-relay-state",
            Box::new(|| flow_inspect("relay-state-replaced.har", &[])),
        ),
        ("sp-answer-error", Box::new(|| flow("sp-500.har"))),
        (
            "sp-cookie-samesite",
            Box::new(|| flow("cookie-samesite.har")),
        ),
        ("idp-error-page", Box::new(|| flow("entra-aadsts50105.har"))),
        (
            "metadata-signature-invalid",
            Box::new(|| {
                mjson(&[
                    "--cert",
                    &td("keys/attacker.crt"),
                    &td("idp-metadata-signed.xml"),
                ])
                .1
            }),
        ),
        (
            "metadata-unsigned",
            Box::new(|| mjson(&["--cert", &td("keys/idp.crt"), &td("idp-metadata.xml")]).1),
        ),
        (
            "metadata-expired",
            Box::new(move || {
                metadata_json(&md(
                    r#"entityID="https://sp" validUntil="2020-01-01T00:00:00Z"><md:SPSSODescriptor protocolSupportEnumeration="x"><md:AssertionConsumerService Binding="b" Location="https://sp/acs"/></md:SPSSODescriptor>"#,
                ))
            }),
        ),
    ]
}

#[test]
fn every_code_is_produced_by_its_trigger() {
    let mut missing = Vec::new();
    for (code, trigger) in triggers() {
        let v = trigger();
        let found = if v.is_array() {
            v.as_array().unwrap().iter().any(|x| has_code(x, code))
        } else {
            has_code(&v, code)
        };
        if !found {
            missing.push(format!(
                "{code}: got {:?}",
                if v.is_array() { vec![] } else { codes(&v) }
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "codes not produced:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_registered_code_has_a_trigger() {
    let (_, list, _) = run(&["explain"]);
    let registered: BTreeSet<String> = list
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    let triggered: BTreeSet<String> = triggers().into_iter().map(|(c, _)| c.to_string()).collect();
    let untested: Vec<_> = registered.difference(&triggered).collect();
    assert!(untested.is_empty(), "codes without a trigger: {untested:?}");
    let unknown: Vec<_> = triggered.difference(&registered).collect();
    assert!(
        unknown.is_empty(),
        "triggers for unregistered codes: {unknown:?}"
    );
}

//! The trust matrix (issue 26): message kind × which key store holds keys × signed / unsigned /
//! tampered / wrapped / look-alike × inspect / verify / check, asserting the verdict and whether
//! anything is reported as authenticated. One binary run per (store, mode) over every variant, so
//! the matrix stays cheap; each cell is named in the failure message.
//!
//! The rules it holds the binary to:
//! - `verify` judges a message only under a key of its sender (Responses and tokens: the IdP's;
//!   an AuthnRequest: the SP's; a logout message: either); without one the message is an input
//!   error (exit 2), whatever other keys were given.
//! - A pass, and `authenticated`, only for the signed variant under its sender's key; the wrapped
//!   and look-alike variants (identity hidden where no signature covers it) fail with a forgery
//!   code in every mode that has the key, and nothing in them is authenticated.
//! - `inspect` never fails on findings, and reports the same authentication as `verify`.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Store {
    Idp,
    Sp,
    Both,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sender {
    Idp,
    Sp,
    Either,
}

struct Kind {
    name: &'static str,
    file: &'static str,
    sender: Sender,
    /// Has a subject an SP signs in (Response kinds).
    signs_in: bool,
    /// A signed value and what an attacker changes it to.
    tamper: (&'static str, &'static str),
}

const KINDS: &[Kind] = &[
    Kind {
        name: "response",
        file: "signed-assertion.xml",
        sender: Sender::Idp,
        signs_in: true,
        tamper: (
            ">alice@example.com</saml:NameID>",
            ">mallory@example.com</saml:NameID>",
        ),
    },
    Kind {
        name: "saml11",
        file: "trust/saml11-signed.xml",
        sender: Sender::Idp,
        signs_in: true,
        tamper: (
            ">alice@contoso.example</saml:NameIdentifier>",
            ">mallory@contoso.example</saml:NameIdentifier>",
        ),
    },
    Kind {
        name: "authnrequest",
        file: "trust/authnrequest-signed.xml",
        sender: Sender::Sp,
        signs_in: false,
        tamper: ("saml/sso/123456", "saml/sso/666"),
    },
    Kind {
        name: "logoutrequest",
        file: "trust/logout-request-signed.xml",
        sender: Sender::Either,
        signs_in: false,
        tamper: (
            ">alice@example.com</saml:NameID>",
            ">mallory@example.com</saml:NameID>",
        ),
    },
];

const VARIANTS: &[&str] = &["signed", "unsigned", "tampered", "wrapped", "lookalike"];

/// The identity an attacker hides inside the signature's KeyInfo (not signed: the enveloped
/// transform removes ds:Signature), in the SAML namespace or a look-alike one (Cyrillic і).
fn hidden(kind: &Kind, lookalike: bool) -> String {
    let (ns, el) = if kind.name == "saml11" {
        ("urn:oasis:names:tc:SAML:1.0:assertion", "NameIdentifier")
    } else {
        ("urn:oasis:names:tc:SAML:2.0:assertion", "NameID")
    };
    let ns = if lookalike {
        ns.replace("assertion", "assert\u{456}on")
    } else {
        ns.to_string()
    };
    format!("<x:{el} xmlns:x=\"{ns}\">mallory@evil.example</x:{el}>")
}

fn variant(kind: &Kind, v: &str) -> String {
    let xml = std::fs::read_to_string(td(kind.file)).unwrap();
    match v {
        "signed" => xml,
        "unsigned" => {
            let (a, b) = (
                xml.find("<ds:Signature").unwrap(),
                xml.find("</ds:Signature>").unwrap(),
            );
            format!("{}{}", &xml[..a], &xml[b + "</ds:Signature>".len()..])
        }
        "tampered" => {
            assert!(xml.contains(kind.tamper.0), "{}", kind.name);
            xml.replacen(kind.tamper.0, kind.tamper.1, 1)
        }
        // In KeyInfo (SAML namespace) and in a ds:Object (look-alike namespace): both inside
        // ds:Signature, neither signed.
        "wrapped" => xml.replacen(
            "<ds:KeyInfo>",
            &format!("<ds:KeyInfo>{}", hidden(kind, false)),
            1,
        ),
        "lookalike" => xml.replacen(
            "</ds:Signature>",
            &format!(
                "<ds:Object>{}</ds:Object></ds:Signature>",
                hidden(kind, true)
            ),
            1,
        ),
        _ => unreachable!(),
    }
}

/// Whether the store holds a key of the kind's sender, as samlcheck can tell (a logout message
/// may come from either party, so any key lets verify judge it).
fn holds(store: Store, sender: Sender) -> bool {
    match (store, sender) {
        (Store::Both, _) | (_, Sender::Either) => true,
        (Store::Idp, s) => s == Sender::Idp,
        (Store::Sp, s) => s == Sender::Sp,
    }
}

/// Whether the store holds the key that really signed the fixture (the logout request is the
/// SP's).
fn signer(store: Store, sender: Sender) -> bool {
    match sender {
        Sender::Either => store != Store::Idp,
        s => holds(store, s),
    }
}

/// IdP keys from its metadata (`--cert` is trusted for both parties' messages), with its
/// entityID taken out so the fixtures of two IdPs (IAM Identity Center, AD FS) both match.
fn keys(store: Store, dir: &std::path::Path) -> Vec<String> {
    let md = std::fs::read_to_string(td("idp-metadata.xml")).unwrap();
    let at = md.find(" entityID=\"").unwrap();
    let end = at + 11 + md[at + 11..].find('"').unwrap() + 1;
    let idp = dir.join("idp-no-entity.xml");
    std::fs::write(&idp, format!("{}{}", &md[..at], &md[end..])).unwrap();
    let (idp, sp) = (idp.to_str().unwrap().to_string(), td("keys/sp.crt"));
    match store {
        Store::Idp => vec!["--idp-metadata".into(), idp],
        Store::Sp => vec!["--sp-cert".into(), sp],
        Store::Both => vec!["--idp-metadata".into(), idp, "--sp-cert".into(), sp],
    }
}

/// Whether the report says something the SP would act on is authenticated.
fn authenticated(r: &Value) -> bool {
    let subject = r["subject"]["authenticated"].as_bool().unwrap_or(false);
    let signed = r["signatures"]
        .as_array()
        .is_some_and(|s| s.iter().any(|s| s["result"] == "valid"));
    if r["subject"].is_object() {
        subject
    } else {
        // A request or logout message: its own signature is its authentication, and the
        // verdict must say whether it counted.
        signed && r["checks"]["wrapping"] != "fail"
    }
}

fn forgery(r: &Value) -> bool {
    codes(r)
        .iter()
        .any(|c| c.starts_with("wrapping-") || c == "signature-digest-mismatch")
}

#[test]
fn trust_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: BTreeMap<String, (&Kind, &str)> = BTreeMap::new();
    for kind in KINDS {
        for v in VARIANTS {
            let name = format!("{}-{v}.xml", kind.name);
            let path = dir.path().join(&name);
            std::fs::write(&path, variant(kind, v)).unwrap();
            files.insert(path.to_str().unwrap().to_string(), (kind, v));
        }
    }
    let mut failures = Vec::new();
    for store in [Store::Idp, Store::Sp, Store::Both] {
        for mode in ["inspect", "verify"] {
            let keys = keys(store, dir.path());
            let mut args: Vec<&str> = vec![mode, "--format", "json", "--now", NOW];
            args.extend(keys.iter().map(String::as_str));
            args.extend(files.keys().map(String::as_str));
            let (code, v) = json(&args);
            let reports = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
            assert_eq!(reports.len(), files.len(), "{store:?} {mode}");
            let mut any_fail = false;
            for r in &reports {
                let origin = r["origin"].as_str().unwrap_or_default();
                let Some((kind, variant)) = files.get(origin) else {
                    failures.push(format!("{store:?} {mode}: unknown origin {origin}"));
                    continue;
                };
                let cell = format!("{store:?} × {} × {variant} × {mode}", kind.name);
                let has_key = holds(store, kind.sender);
                let signer_key = signer(store, kind.sender);
                let verdict = r["verdict"].as_str().unwrap_or_default();
                // The expected verdict (inspect's exit code is checked below; its verdict
                // field follows the findings, which the other assertions pin).
                let want = match (mode, has_key, *variant) {
                    ("verify", false, _) => "input_error",
                    ("verify", true, "signed") if signer_key => "pass",
                    ("verify", true, _) => "fail",
                    _ => verdict,
                };
                if verdict != want {
                    failures.push(format!(
                        "{cell}: verdict {verdict}, want {want}: {:?}",
                        codes(r)
                    ));
                }
                any_fail |= verdict != "pass";
                if verdict == "input_error" {
                    let e = r["error"]["message"].as_str().unwrap_or_default();
                    if !e.contains("verify needs a trusted key of") {
                        failures.push(format!("{cell}: error {e:?}"));
                    }
                    continue;
                }
                // Authentication: only the signed variant under its sender's key.
                let want_auth = signer_key && *variant == "signed";
                if authenticated(r) != want_auth {
                    failures.push(format!(
                        "{cell}: authenticated {}, want {want_auth}: {:?}",
                        authenticated(r),
                        codes(r)
                    ));
                }
                // A hidden identity is a forgery finding whenever the key shows the rest signed.
                if signer_key
                    && matches!(*variant, "wrapped" | "lookalike" | "tampered")
                    && !forgery(r)
                {
                    failures.push(format!("{cell}: no forgery code: {:?}", codes(r)));
                }
                // The attacker's identity is never the authenticated subject.
                if kind.signs_in
                    && r["subject"]["name_id"]
                        .as_str()
                        .is_some_and(|n| n.contains("mallory"))
                    && authenticated(r)
                {
                    failures.push(format!("{cell}: mallory authenticated"));
                }
            }
            let input_error = reports.iter().any(|r| r["verdict"] == "input_error");
            let want_code = match (mode, any_fail) {
                ("inspect", _) => 0,
                (_, true) if input_error => 2,
                (_, true) => 1,
                _ => 0,
            };
            if code != want_code {
                failures.push(format!("{store:?} {mode}: exit {code}, want {want_code}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `check` (samlcheck.toml) judges captured Responses under the app's IdP key the same way:
/// only the signed one passes; each attack fails its app.
#[test]
fn trust_matrix_in_check() {
    let kind = &KINDS[0];
    for v in VARIANTS {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(td("idp-metadata.xml"), dir.path().join("idp.xml")).unwrap();
        std::fs::write(dir.path().join("capture.xml"), variant(kind, v)).unwrap();
        let cfg = format!(
            "now = \"{NOW}\"\n[[app]]\nname = \"matrix\"\nidp_metadata = \"idp.xml\"\nresponses = [\"capture.xml\"]\n"
        );
        let path = dir.path().join("samlcheck.toml");
        std::fs::write(&path, cfg).unwrap();
        let (code, out, err) = run(&["check", path.to_str().unwrap(), "--format", "json"]);
        let want = if *v == "signed" { 0 } else { 1 };
        assert_eq!(code, want, "check × {v}: {out}{err}");
        let j: Value = serde_json::from_str(&out).unwrap();
        let text = j.to_string();
        assert_eq!(
            text.contains("\"authenticated\":true"),
            *v == "signed",
            "check × {v}: {text}"
        );
    }
}

/// One verdict: a finding added by the capture stage (the sign-in a HAR records) goes through the
/// user's policy like every other, and the verdict and check states follow from the findings.
#[test]
fn capture_stage_findings_obey_the_policy() {
    let har = td("flows/cookie-samesite.har");
    let md = td("idp-metadata.xml");
    let run = |extra: &[&str]| {
        let mut args = vec!["verify", "--format", "json", "--idp-metadata", &md];
        args.extend_from_slice(extra);
        args.push(&har);
        json(&args)
    };
    let response = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["message"] == "response")
            .cloned()
            .unwrap()
    };
    let (_, v) = run(&[]);
    let r = response(&v);
    assert_eq!(finding(&r, "sp-cookie-samesite")["severity"], "warning");
    let (code, v) = run(&["--deny", "sp-cookie-samesite"]);
    let r = response(&v);
    assert_eq!(code, 1);
    assert_eq!(finding(&r, "sp-cookie-samesite")["severity"], "error");
    assert_eq!(r["verdict"], "fail");
    assert_eq!(check(&r, "in_response_to"), "fail");
}

//! Report safety: every value the human report prints from the message, a certificate or a file
//! name reaches the terminal with control characters (C0, C1 such as U+009B CSI) and bidi
//! overrides (U+202E) and characters that print as nothing (a soft hyphen, tag characters) shown
//! as visible escapes, never as themselves.

use crate::common::*;

/// C1 CSI, a right-to-left override, a tab, a soft hyphen and a tag character: all legal in
/// XML 1.0 text.
const NASTY: &str = "\u{9b}31m\u{202e}moc.evil\t\u{ad}\u{e0041}";

fn assert_clean(out: &str) {
    for bad in ['\u{1b}', '\u{9b}', '\u{202e}', '\t', '\u{ad}', '\u{e0041}'] {
        assert!(
            !out.contains(bad),
            "raw {:?} reached the terminal:\n{out}",
            bad
        );
    }
    assert!(
        out.contains("\\u{009b}") && out.contains("\\u{202e}") && out.contains("\\u{00ad}"),
        "{out}"
    );
}

fn human(args: &[&str], stdin: &str) -> String {
    let out = bin()
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(stdin.to_string())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap()
}

#[test]
fn message_fields_are_escaped_for_the_terminal() {
    let xml = text("signed-assertion.xml");
    // NameID, an attribute name and value, the Issuer, a status message, the audience.
    let nasty = xml
        .replacen(">alice@example.com<", &format!(">alice{NASTY}@example.com<"), 1)
        .replace("Name=\"email\"", &format!("Name=\"email{NASTY}\""))
        .replace(
            "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>",
            &format!("<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\"/><samlp:StatusMessage>denied{NASTY}</samlp:StatusMessage>"),
        )
        .replace(
            "https://amplitude.com/saml/sso/metadata",
            &format!("https://amplitude.com/{NASTY}"),
        );
    let iss = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy1hYmNkZWYxMjM0NTY3ODkw";
    let nasty = nasty.replace(iss, &format!("{iss}{NASTY}"));
    assert_ne!(nasty, xml);
    for cmd in ["inspect", "verify"] {
        let out = human(
            &[cmd, "--now", NOW, "--cert", &td("keys/idp.crt"), "-"],
            &nasty,
        );
        assert!(out.contains("moc.evil"), "{out}");
        assert_clean(&out);
    }
}

#[test]
fn certificate_subjects_and_file_names_are_escaped() {
    use openssl::{asn1::Asn1Time, hash::MessageDigest, pkey::PKey, rsa::Rsa, x509};
    // A certificate whose CN carries ESC, CSI and RLO, embedded in the message's KeyInfo.
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = x509::X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", &format!("\u{1b}[2J{NASTY}"))
        .unwrap();
    let name = name.build();
    let mut b = x509::X509Builder::new().unwrap();
    b.set_version(2).unwrap();
    b.set_subject_name(&name).unwrap();
    b.set_issuer_name(&name).unwrap();
    b.set_pubkey(&key).unwrap();
    b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    b.set_not_after(&Asn1Time::days_from_now(3650).unwrap())
        .unwrap();
    b.sign(&key, MessageDigest::sha256()).unwrap();
    let der = b.build().to_der().unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let xml = text("signed-assertion.xml");
    let start = xml.find("<ds:X509Certificate>").unwrap() + "<ds:X509Certificate>".len();
    let end = xml.find("</ds:X509Certificate>").unwrap();
    let xml = format!("{}{b64}{}", &xml[..start], &xml[end..]);
    // The file name carries the same characters.
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join(format!("capture{NASTY}\u{1b}]0;pwned\u{7}.xml"));
    std::fs::write(&path, &xml).unwrap();
    let out = human(&["inspect", "--now", NOW, path.to_str().unwrap()], "");
    assert!(out.contains("embedded cert"), "{out}");
    assert_clean(&out);
    assert!(out.contains("\\u{001b}"), "{out}");
    assert!(!out.contains('\u{7}'), "{out}");
}

/// A HAR entry's request method and a metadata endpoint's Location reach the terminal through
/// the same escaping as every other value (issue 27).
#[test]
fn har_methods_and_metadata_locations_are_escaped() {
    let har = text("capture.har").replacen(
        "\"method\": \"GET\"",
        &format!(
            "\"method\": \"GET\\u001b[2J{}\"",
            NASTY.replace('\t', "\\t")
        ),
        1,
    );
    assert!(
        har.contains("\\u001b[2J"),
        "the fixture's first method was not replaced"
    );
    let out = human(&["inspect", "--now", NOW, "-"], &har);
    assert_clean(&out);
    let md = text("idp-metadata.xml").replacen(
        "Location=\"https://",
        &format!("Location=\"https://{NASTY}"),
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idp.xml");
    std::fs::write(&path, md).unwrap();
    let out = human(&["metadata", path.to_str().unwrap()], "");
    assert_clean(&out);
}

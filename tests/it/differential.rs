//! Differential oracle: signed fixtures are mutated after signing (deterministic seed) and, per
//! message, samlcheck's verdict on the consumed element is compared with the `xmlsec1 --verify`
//! CLI's on the signature that covers it (same key, same ID attribute) and with what the mutation
//! means. samlcheck may refuse more than xmlsec1, never less; a semantically neutral mutation
//! (line endings, whitespace and order of attributes, CDATA, prefixes outside the signed element)
//! that xmlsec1 accepts must not be refused. `SAMLCHECK_DIFF_N` (default 150) sets the count.

use crate::common::*;
use serde_json::Value;
use std::process::Command;

/// A deterministic xorshift generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Which signature covers what the SP consumes, and how xmlsec1 is told about it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Base {
    /// A SAML 2.0 Response whose Assertion carries the signature.
    Assertion,
    /// A SAML 2.0 Response signed on the root.
    Response,
    /// A SAML 1.1 token (AssertionID), signed on the root.
    Saml11,
    /// An AuthnRequest or LogoutRequest signed by the SP, on the root.
    SpMessage,
}

/// Signed bases: (file, which signature covers the consumed element).
const BASES: &[(&str, Base)] = &[
    ("signed-assertion.xml", Base::Assertion),
    ("trust/saml11-signed.xml", Base::Saml11),
    ("trust/saml11-advice.xml", Base::Saml11),
    ("trust/authnrequest-signed.xml", Base::SpMessage),
    ("trust/logout-request-signed.xml", Base::SpMessage),
    ("idp/entra-id/valid.xml", Base::Assertion),
    ("idp/okta/valid.xml", Base::Assertion),
    ("idp/google/valid.xml", Base::Assertion),
    ("idp/onelogin/valid.xml", Base::Assertion),
    ("idp/adfs/valid.xml", Base::Assertion),
    ("idp/pingfederate/valid.xml", Base::Assertion),
    ("idp/shibboleth/valid.xml", Base::Assertion),
    ("idp/jumpcloud/valid.xml", Base::Assertion),
    ("idp/azure-ad-b2c/valid.xml", Base::Assertion),
    ("idp/keycloak/valid.xml", Base::Response),
    ("idp/oracle-access-manager/valid.xml", Base::Response),
    ("idp/salesforce/valid.xml", Base::Response),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Same XML Infoset for the signed element: must be accepted when xmlsec1 accepts it.
    Neutral,
    /// Changes meaning or structure: samlcheck may refuse whatever xmlsec1 says.
    Meaningful,
}

type Mutation = fn(&str, &mut Rng) -> Option<String>;

const MUTATIONS: &[(&str, Kind, Mutation)] = &[
    ("crlf", Kind::Neutral, |x, _| Some(x.replace('\n', "\r\n"))),
    ("lone-cr", Kind::Neutral, |x, _| Some(x.replace('\n', "\r"))),
    ("attribute-whitespace", Kind::Neutral, |x, _| {
        Some(x.replace("\" ", "\"\n\t  "))
    }),
    ("attribute-order", Kind::Neutral, |x, r| {
        Some(reorder_attributes(x, r))
    }),
    ("cdata-text", Kind::Neutral, |x, _| {
        let (a, b) = text_span(x, "NameID")?;
        Some(format!("{}<![CDATA[{}]]>{}", &x[..a], &x[a..b], &x[b..]))
    }),
    ("status-prefix", Kind::Neutral, |x, _| {
        // Rebind the protocol prefix on the Response (outside any signed Assertion).
        let p = ["samlp", "saml2p"]
            .into_iter()
            .find(|p| x.contains(&format!("<{p}:Response")))?;
        Some(
            x.replace(&format!("{p}:"), "q:")
                .replace(&format!("xmlns:{p}="), "xmlns:q="),
        )
    }),
    ("comment-in-nameid", Kind::Meaningful, |x, _| {
        let (a, b) = text_span(x, "NameID")?;
        let mid = a + (b - a) / 2;
        x.is_char_boundary(mid)
            .then(|| format!("{}<!---->{}", &x[..mid], &x[mid..]))
    }),
    ("nameid-value", Kind::Meaningful, |x, _| {
        let (a, b) = text_span(x, "NameID")?;
        Some(format!("{}mallory{}", &x[..a], &x[b..]))
    }),
    ("nameidentifier-value", Kind::Meaningful, |x, _| {
        let (a, b) = text_span(x, "NameIdentifier")?;
        Some(format!("{}mallory{}", &x[..a], &x[b..]))
    }),
    ("acs-url", Kind::Meaningful, |x, _| {
        let i = x.find("AssertionConsumerServiceURL=\"")?;
        Some(format!(
            "{}AssertionConsumerServiceURL=\"https://evil.example/acs{}",
            &x[..i],
            &x[i + 41..]
        ))
    }),
    ("signature-to-front", Kind::Meaningful, |x, _| {
        // Move the root's Signature to be its first child, with a forged value in ds:Object.
        let s = x.find("<ds:Signature")?;
        let e = x.find("</ds:Signature>")? + "</ds:Signature>".len();
        let sig = &x[s..e];
        let rest = format!("{}{}", &x[..s], &x[e..]);
        let root = rest.find('<')? + rest[rest.find('<')?..].find('>')? + 1;
        let root = if rest.starts_with("<?xml") {
            let after = rest.find("?>")? + 2;
            after + rest[after..].find('>')? + 1
        } else {
            root
        };
        let forged = sig.replace("</ds:Signature>", "<ds:Object><NameID xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\">mallory</NameID></ds:Object></ds:Signature>");
        Some(format!("{}{}{}", &rest[..root], forged, &rest[root..]))
    }),
    ("text-whitespace", Kind::Meaningful, |x, _| {
        let (a, _) = text_span(x, "NameID")?;
        Some(format!("{} {}", &x[..a], &x[a..]))
    }),
    ("duplicate-assertion", Kind::Meaningful, |x, _| {
        let (s, e) = element_span(x, "Assertion")?;
        Some(format!("{}{}{}", &x[..e], &x[s..e], &x[e..]))
    }),
    ("wrap-into-advice", Kind::Meaningful, |x, _| {
        // XSW: an evil copy (new NameID) takes the Assertion's place, the signed original is
        // hidden in the copy's Advice.
        let (s, e) = element_span(x, "Assertion")?;
        let original = &x[s..e];
        let (a, b) = text_span(original, "NameID")?;
        let evil = format!("{}mallory@evil.example{}", &original[..a], &original[b..]).replacen(
            " ID=\"",
            " ID=\"evil",
            1,
        );
        let close = evil.rfind("</")?;
        let prefix = &evil[close + 2..evil.len() - "Assertion>".len()];
        let advice = format!(
            "<{prefix}Advice>{original}</{prefix}Advice>",
            prefix = prefix
        );
        Some(format!(
            "{}{}{}{}{}",
            &x[..s],
            &evil[..close],
            advice,
            &evil[close..],
            &x[e..]
        ))
    }),
    ("namespace-rebind-inside", Kind::Meaningful, |x, _| {
        let (s, e) = element_span(x, "Assertion")?;
        let inner = &x[s..e];
        let p = ["saml2", "saml"]
            .into_iter()
            .find(|p| inner.starts_with(&format!("<{p}:")))?;
        let changed = inner
            .replace(&format!("<{p}:"), "<z:")
            .replace(&format!("</{p}:"), "</z:")
            .replace(&format!("xmlns:{p}="), "xmlns:z=");
        Some(format!("{}{}{}", &x[..s], changed, &x[e..]))
    }),
];

/// The byte range of the first element whose local name is `local` (start tag to end tag).
fn element_span(x: &str, local: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    let start = loop {
        let i = from + x[from..].find('<')?;
        let name: String = x[i + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        if name == local || name.ends_with(&format!(":{local}")) {
            break (i, name);
        }
        from = i + 1;
    };
    let close = format!("</{}>", start.1);
    let end = x[start.0..].find(&close)? + start.0 + close.len();
    Some((start.0, end))
}

/// The byte range of the text of the first element named `local`.
fn text_span(x: &str, local: &str) -> Option<(usize, usize)> {
    let (s, _) = element_span(x, local)?;
    let a = s + x[s..].find('>')? + 1;
    let b = a + x[a..].find('<')?;
    (b > a).then_some((a, b))
}

/// Every start tag's attributes in a shuffled order.
fn reorder_attributes(x: &str, r: &mut Rng) -> String {
    let mut out = String::with_capacity(x.len());
    let mut rest = x;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        if tag.starts_with("<?") || tag.starts_with("</") || tag.starts_with("<!") {
            out.push_str(tag);
        } else {
            let body = tag.trim_start_matches('<').trim_end_matches('>');
            let (body, selfclose) = match body.strip_suffix('/') {
                Some(b) => (b, "/"),
                None => (body, ""),
            };
            let mut parts = body.splitn(2, char::is_whitespace);
            let name = parts.next().unwrap_or("");
            let mut attrs: Vec<&str> = Vec::new();
            let mut a = parts.next().unwrap_or("").trim();
            while let Some(q1) = a.find('"') {
                let Some(q2) = a[q1 + 1..].find('"') else {
                    break;
                };
                attrs.push(a[..q1 + q2 + 2].trim());
                a = &a[q1 + q2 + 2..];
            }
            for i in (1..attrs.len()).rev() {
                attrs.swap(i, r.pick(i + 1));
            }
            out.push('<');
            out.push_str(name);
            for at in attrs {
                out.push(' ');
                out.push_str(at);
            }
            out.push_str(selfclose);
            out.push('>');
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// xmlsec1's verdict on the signature that covers the consumed element.
fn xmlsec1_valid(path: &std::path::Path, base: Base) -> bool {
    let (xpath, cert) = match base {
        Base::Assertion => (
            "/*/*[local-name()='Assertion']/*[local-name()='Signature']",
            "keys/idp.crt",
        ),
        Base::Response | Base::Saml11 => ("/*/*[local-name()='Signature']", "keys/idp.crt"),
        Base::SpMessage => ("/*/*[local-name()='Signature']", "keys/sp.crt"),
    };
    xmlsec1()
        .args([
            "--verify",
            "--pubkey-cert-pem",
            &td(cert),
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:protocol:Response",
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest",
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:protocol:LogoutRequest",
            "--id-attr:AssertionID",
            "urn:oasis:names:tc:SAML:1.0:assertion:Assertion",
            "--node-xpath",
            xpath,
        ])
        .arg(path)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// What samlcheck authenticated: the subject for Responses and tokens; for an SP's request or
/// logout message, the message itself (its own signature counted, nothing refused).
fn samlcheck_authenticated(v: &Value) -> bool {
    match v["message"].as_str() {
        Some("authn_request" | "logout_request" | "logout_response") => {
            v["verdict"] != "input_error"
                && !v["findings"].as_array().unwrap().iter().any(|f| {
                    f["code"] == "message-unauthenticated"
                        || (f["check"] == "wrapping" && f["severity"] == "error")
                })
        }
        _ => v["subject"]["authenticated"].as_bool().unwrap_or(false),
    }
}

#[test]
fn samlcheck_is_never_more_lenient_than_xmlsec1_and_accepts_neutral_changes() {
    if Command::new("xmlsec1").arg("--version").output().is_err() {
        // CI installs it (scripts/install-deps.sh): there a missing xmlsec1 is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "the xmlsec1 CLI is not installed (scripts/install-deps.sh installs it)"
        );
        eprintln!(
            "SKIPPED differential oracle: the xmlsec1 CLI is not installed (scripts/install-deps.sh installs it)"
        );
        return;
    }
    let n: usize = std::env::var("SAMLCHECK_DIFF_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_5a41_c0de_0001);
    let mut cases = Vec::new();
    while cases.len() < n {
        let (base, kind_of_base) = BASES[rng.pick(BASES.len())];
        let mut xml = text(base);
        let mut applied = Vec::new();
        let mut kind = Kind::Neutral;
        for _ in 0..1 + rng.pick(2) {
            let (name, k, f) = MUTATIONS[rng.pick(MUTATIONS.len())];
            if let Some(m) = f(&xml, &mut rng) {
                xml = m;
                applied.push(name);
                if k == Kind::Meaningful {
                    kind = Kind::Meaningful;
                }
            }
        }
        if applied.is_empty() {
            continue;
        }
        let path = dir.path().join(format!("{:05}.xml", cases.len()));
        std::fs::write(&path, &xml).unwrap();
        cases.push((path, base, kind_of_base, applied, kind));
    }
    // samlcheck: one batch run over the directory.
    let (_, out, err) = run(&[
        "verify",
        "--now",
        NOW,
        "--cert",
        &td("keys/idp.crt"),
        "--sp-cert",
        &td("keys/sp.crt"),
        "--format",
        "ndjson",
        dir.path().to_str().unwrap(),
    ]);
    let authenticated: std::collections::HashMap<String, bool> = out
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let auth = samlcheck_authenticated(&v);
            (v["origin"].as_str().unwrap_or_default().to_string(), auth)
        })
        .collect();
    assert_eq!(authenticated.len(), cases.len(), "{err}");
    let (mut lenient, mut false_rejects, mut stricter, mut agree) = (vec![], vec![], 0, 0);
    let mut table: std::collections::BTreeMap<(String, bool, bool), usize> = Default::default();
    for (path, base, kind_of_base, applied, kind) in &cases {
        let ours = authenticated[&path.display().to_string()];
        let theirs = xmlsec1_valid(path, *kind_of_base);
        *table.entry((applied.join("+"), ours, theirs)).or_default() += 1;
        match (ours, theirs, kind) {
            (true, false, _) => lenient.push(format!("{base} {applied:?}")),
            (false, true, Kind::Neutral) => false_rejects.push(format!("{base} {applied:?}")),
            (false, true, Kind::Meaningful) => stricter += 1,
            _ => agree += 1,
        }
    }
    if std::env::var_os("SAMLCHECK_DIFF_TABLE").is_some() {
        for ((m, ours, theirs), n) in &table {
            eprintln!("{n:5}  samlcheck {ours:5} xmlsec1 {theirs:5}  {m}");
        }
    }
    eprintln!(
        "differential: {} messages, {agree} agree, {stricter} refused by samlcheck only (meaningful changes)",
        cases.len()
    );
    assert!(
        lenient.is_empty(),
        "samlcheck authenticated what xmlsec1 rejects:\n{}",
        lenient.join("\n")
    );
    assert!(
        false_rejects.is_empty(),
        "samlcheck refused semantically unchanged messages xmlsec1 accepts:\n{}",
        false_rejects.join("\n")
    );
}

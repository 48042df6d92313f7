//! Shared by the verify and redirect targets: the realistic key set — the fixture IdP
//! certificate trusted for what the IdP sends, the fixture SP certificate for what the SP sends
//! (never both stores with one key) — and an oracle that reads NameIDs as a sloppy SP would.
use samlcheck::analyze::Options;
use samlcheck::trust::cert::CertInfo;
use samlcheck::trust::store::KeySource;

/// testdata/, from the fuzz crate (`fuzz/`) or from the repository root (the seed-replay test).
pub fn testdata() -> std::path::PathBuf {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    match root.join("testdata") {
        t if t.is_dir() => t,
        _ => root.join("../testdata"),
    }
}

pub fn options() -> Options {
    let mut o = Options::new(time::macros::datetime!(2026-01-15 10:01 UTC));
    o.strict = true;
    let idp = CertInfo::from_file_bytes(include_bytes!("../../testdata/keys/idp.crt")).unwrap();
    for c in idp {
        o.trust.add(KeySource::Cert("idp.crt".into()), c);
    }
    let sp = CertInfo::from_file_bytes(include_bytes!("../../testdata/keys/sp.crt")).unwrap();
    for c in sp {
        o.sp_trust.add(KeySource::Cert("sp.crt".into()), c);
    }
    o
}

/// SHA-256 (lowercase hex) of the key the message's sender signs with: the IdP's for a Response
/// or token, the SP's for an AuthnRequest; either for a logout message.
#[allow(dead_code)]
pub fn sender_keys(opts: &Options, kind: &str) -> Vec<String> {
    let of = |s: &samlcheck::trust::store::TrustStore| {
        s.keys()
            .iter()
            .map(|k| k.cert.sha256.clone())
            .collect::<Vec<_>>()
    };
    match kind {
        "response" | "saml11_assertion" => of(&opts.trust),
        "authn_request" => of(&opts.sp_trust),
        _ => [of(&opts.trust), of(&opts.sp_trust)].concat(),
    }
}

/// The text of every element whose local name is NameID or NameIdentifier, in any namespace and
/// wherever it sits (inside ds:Signature too): what an SP reading by local name could take.
#[allow(dead_code)]
pub fn name_ids_anywhere(xml: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(xml);
    let mut out = Vec::new();
    let mut rest: &str = &text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let qname = &rest[..name_end];
        let local = qname.rsplit(':').next().unwrap_or(qname);
        if local != "NameID" && local != "NameIdentifier" {
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        if rest[..gt].ends_with('/') {
            out.push(String::new());
            continue;
        }
        let body = &rest[gt + 1..];
        let end = body.find('<').unwrap_or(body.len());
        out.push(body[..end].trim().to_string());
    }
    out
}

//! The fuzz targets' bodies, one module each, apart from libFuzzer so that `cargo test` also
//! compiles them and replays the seeds through them (`tests/it/fuzz_seeds.rs`): a target that
//! no longer builds against the library, or whose invariant a seed breaks, fails the tests, not
//! only a fuzzing run. Each target file is `fuzz_target!(|data| bodies::NAME::run(data))`.
#![allow(dead_code)]

#[path = "common.rs"]
pub mod common;

pub mod decode {
    //! (a) Capture decoding: every input form (XML, base64, URL-encoded, form bodies, redirect URLs
    //! with DEFLATE, HAR, SAML-tracer JSON, HTML). Invariant: no panic, bounded work.

    use samlcheck::input::{decode_input, Limits};

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        let _ = decode_input(data, "fuzz", &Limits::default());
    }
}

pub mod parse {
    //! (b) Guarded parsing, the SAML model and every check, without trusted keys (the second-parser
    //! cross-check runs in `verify`). Input is taken as the XML itself. Invariant: no panic; an
    //! untrusted message is never reported as authenticated.

    use samlcheck::analyze::{analyze, prepare, Options};
    use samlcheck::input::{decode_input, Limits};

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        prepare();
        let Ok(captures) = decode_input(data, "fuzz", &Limits::default()) else {
            return;
        };
        let opts = Options::new(time::macros::datetime!(2026-01-15 10:01 UTC));
        for c in captures.into_iter().flatten() {
            let r = analyze(&c, &opts);
            assert!(r.subject.as_ref().is_none_or(|s| !s.authenticated));
        }
    }
}

pub mod guard {
    //! (g) Guarded parsing against its definition: the fast reading (`guard::quick`) in front of
    //! libxml2 must answer as the full quick-xml pre-scan then libxml2 did, pass for pass and
    //! message for message, under the default limits and under tiny ones. Invariant: no panic;
    //! the same answer both ways.

    use samlcheck::input::Limits;
    use samlcheck::xml::{dom, guard};

    fn scan_then_parse(bytes: &[u8], limits: &Limits) -> Result<(), String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        guard::scan(bytes, limits).map_err(|e| e.to_string())?;
        dom::parse(bytes).map(|_| ()).map_err(|e| e.to_string())
    }

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        let tiny = Limits {
            max_attributes: 2,
            max_depth: 3,
            max_elements: 5,
            ..Limits::default()
        };
        for limits in [Limits::default(), tiny] {
            let now = dom::parse_guarded(data, &limits)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert_eq!(now, scan_then_parse(data, &limits));
        }
    }
}

pub mod verify {
    //! (c) Full `verify` of messages signed with the fixture IdP and SP keys, each trusted only for
    //! its own party's messages (seeds: testdata's signed messages; dictionary: SAML and XML-DSig
    //! tokens). Invariants (issue 26): no panic; a pass only under a key of the message's sender,
    //! verified by a signature of that key; a pass only for content the keys really signed — the
    //! authenticated NameID, and every NameID an SP reading by local name could take from anywhere
    //! in the message, is one of those in the passing signed seeds.

    use samlcheck::analyze::{analyze, prepare};
    use samlcheck::input::{decode_input, Limits};
    use samlcheck::report::Verdict;
    use std::collections::HashSet;
    use std::sync::OnceLock;

    /// Every NameID the fixture key authenticates in testdata's own messages (read once): a pass
    /// on fuzzed input must authenticate one of these, or the fuzzer has forged content.
    fn signed_name_ids() -> &'static HashSet<String> {
        static SET: OnceLock<HashSet<String>> = OnceLock::new();
        SET.get_or_init(|| {
            let opts = super::common::options();
            let mut set = HashSet::new();
            let mut dirs = vec![super::common::testdata()];
            while let Some(d) = dirs.pop() {
                for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        dirs.push(p);
                        continue;
                    }
                    let Ok(bytes) = std::fs::read(&p) else {
                        continue;
                    };
                    let Ok(caps) = decode_input(&bytes, "seed", &Limits::default()) else {
                        continue;
                    };
                    for c in caps.into_iter().flatten() {
                        let r = analyze(&c, &opts);
                        if r.verdict != Verdict::Pass {
                            continue;
                        }
                        if let Some(s) = r.subject.filter(|s| s.authenticated) {
                            set.insert(s.name_id.unwrap_or_default().trim().to_string());
                            set.extend(super::common::name_ids_anywhere(&c.xml));
                        }
                    }
                }
            }
            assert!(!set.is_empty(), "no signed seeds found in testdata");
            set
        })
    }

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        prepare();
        let signed = signed_name_ids();
        let Ok(captures) = decode_input(data, "fuzz", &Limits::default()) else {
            return;
        };
        let opts = super::common::options();
        for c in captures.into_iter().flatten() {
            let r = analyze(&c, &opts);
            if r.verdict != Verdict::Pass {
                continue;
            }
            if let Some(s) = r.subject.as_ref().filter(|s| s.authenticated) {
                let id = s.name_id.as_deref().unwrap_or("");
                assert!(
                    signed.contains(id.trim()),
                    "pass with an authenticated NameID the key never signed: {id:?}"
                );
            }
            // A pass is made under a key of the message's sender, by a signature that verified.
            let kind = r.message.map(|k| k.as_str()).unwrap_or("");
            let sender = super::common::sender_keys(&opts, kind);
            let valid: Vec<&str> = r
                .signatures
                .iter()
                .filter(|s| s.result == samlcheck::report::SigResult::Valid)
                .filter_map(|s| s.key.as_ref().map(|k| k.sha256.as_str()))
                .collect();
            assert!(
                valid.iter().any(|k| sender.iter().any(|s| s == k)),
                "{kind} passed without a valid signature under its sender's key: {valid:?}"
            );
            // Nothing an SP reading by local name could take is outside what the keys signed.
            if matches!(kind, "response" | "saml11_assertion") {
                for id in super::common::name_ids_anywhere(&c.xml) {
                    assert!(
                        signed.contains(&id),
                        "pass with a NameID {id:?} anywhere in the message that no signed seed holds"
                    );
                }
            }
        }
    }
}

pub mod redirect {
    //! (d) HTTP-Redirect binding: query parsing, DEFLATE, and the query-signature verification under
    //! the fixture key (seeds: testdata/authnrequest-redirect*.url). Invariant: no panic.

    use samlcheck::analyze::{analyze, prepare};
    use samlcheck::input::{decode_input, Limits};

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        prepare();
        let mut url = b"https://idp.example/sso?".to_vec();
        url.extend_from_slice(data);
        let Ok(captures) = decode_input(&url, "fuzz", &Limits::default()) else {
            return;
        };
        let opts = super::common::options();
        for c in captures.into_iter().flatten() {
            let _ = analyze(&c, &opts);
        }
    }
}

pub mod metadata {
    //! (e) Metadata parsing and the lint (signature under the fixture key included). Invariant: no
    //! panic, bounded work.

    use samlcheck::input::Limits;
    use samlcheck::lint::document::{lint, LintOptions, Window};
    use samlcheck::trust::cert::CertInfo;

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        let trusted =
            CertInfo::from_file_bytes(include_bytes!("../../testdata/keys/idp.crt")).unwrap();
        let opts = LintOptions {
            now: time::macros::datetime!(2026-01-15 10:01 UTC),
            window: Window::MinDays(30),
            trusted: &trusted,
            limits: Limits::default(),
        };
        let _ = lint("fuzz", data, &opts);
    }
}

pub mod instants {
    //! (f) Time: any text as NotBefore, NotOnOrAfter, IssueInstant, SessionNotOnOrAfter and the
    //! bearer window of a Response and of a SAML 1.1 token, judged at instants from year 0 to 9999
    //! with any skew and --max-age, with `--at issue-instant` too. Invariant: no panic (all time
    //! arithmetic is checked or saturating).

    use samlcheck::analyze::{analyze, prepare, Options};
    use samlcheck::checks::time::clock::{between, minus, parse_instant, plus};
    use samlcheck::input::{decode_input, Limits};

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    }

    /// One input, as the fuzzer gives it.
    pub fn run(data: &[u8]) {
        prepare();
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let mut parts = text.split('|');
        let mut next = || escape(parts.next().unwrap_or("2026-01-15T10:00:00Z"));
        let (nb, noa, issue, session, scd, now_raw) =
            (next(), next(), next(), next(), next(), next());
        let skew_secs = data.first().copied().unwrap_or(0) as i64 * 3600 * 24 * 365;
        // The time functions on their own, at both ends of time.
        for raw in [&nb, &noa, &issue, &session, &scd, &now_raw] {
            if let Some(t) = parse_instant(raw) {
                let d = time::Duration::seconds(skew_secs);
                let _ = (
                    plus(t, d),
                    minus(t, d),
                    plus(t, time::Duration::MAX),
                    minus(t, time::Duration::MAX),
                );
                let _ = between(t, time::OffsetDateTime::UNIX_EPOCH);
            }
        }
        let now = parse_instant(&now_raw).unwrap_or(time::macros::datetime!(2026-01-15 10:01 UTC));
        let a = "urn:oasis:names:tc:SAML:2.0:assertion";
        let p = "urn:oasis:names:tc:SAML:2.0:protocol";
        let saml2 = format!(
            r#"<samlp:Response xmlns:samlp="{p}" xmlns:saml="{a}" ID="_r" Version="2.0" IssueInstant="{issue}"><saml:Issuer>i</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="{issue}"><saml:Issuer>i</saml:Issuer><saml:Subject><saml:NameID>n</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{scd}" Recipient="r"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="{nb}" NotOnOrAfter="{noa}"><saml:AudienceRestriction><saml:Audience>x</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{issue}" SessionNotOnOrAfter="{session}"><saml:AuthnContext><saml:AuthnContextClassRef>c</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement></saml:Assertion></samlp:Response>"#
        );
        let s11 = format!(
            r#"<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" MajorVersion="1" MinorVersion="1" AssertionID="_s" Issuer="i" IssueInstant="{issue}"><saml:Conditions NotBefore="{nb}" NotOnOrAfter="{noa}"/><saml:AuthenticationStatement AuthenticationInstant="{session}" AuthenticationMethod="m"><saml:Subject><saml:NameIdentifier>n</saml:NameIdentifier></saml:Subject></saml:AuthenticationStatement></saml:Assertion>"#
        );
        for xml in [saml2, s11] {
            let Ok(captures) = decode_input(xml.as_bytes(), "fuzz", &Limits::default()) else {
                continue;
            };
            for at_issue in [false, true] {
                let mut opts = Options::new(now);
                opts.clock.skew = time::Duration::seconds(skew_secs);
                opts.clock.at_issue_instant = at_issue;
                opts.max_age = Some(time::Duration::seconds(skew_secs.max(1)));
                for c in captures.iter().flatten() {
                    let r = analyze(c, &opts);
                    assert!(r.subject.as_ref().is_none_or(|s| !s.authenticated));
                }
            }
        }
    }
}

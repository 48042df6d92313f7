//! (f) Time: any text as NotBefore, NotOnOrAfter, IssueInstant, SessionNotOnOrAfter and the
//! bearer window of a Response and of a SAML 1.1 token, judged at instants from year 0 to 9999
//! with any skew and --max-age, with `--at issue-instant` too. Invariant: no panic (all time
//! arithmetic is checked or saturating).
#![no_main]
use libfuzzer_sys::fuzz_target;
use samlcheck::analyze::{analyze, prepare, Options};
use samlcheck::checks::time::clock::{between, minus, parse_instant, plus};
use samlcheck::input::{decode_input, Limits};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

fuzz_target!(|data: &[u8]| {
    prepare();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.split('|');
    let mut next = || escape(parts.next().unwrap_or("2026-01-15T10:00:00Z"));
    let (nb, noa, issue, session, scd, now_raw) = (next(), next(), next(), next(), next(), next());
    let skew_secs = data.first().copied().unwrap_or(0) as i64 * 3600 * 24 * 365;
    // The time functions on their own, at both ends of time.
    for raw in [&nb, &noa, &issue, &session, &scd, &now_raw] {
        if let Some(t) = parse_instant(raw) {
            let d = time::Duration::seconds(skew_secs);
            let _ = (plus(t, d), minus(t, d), plus(t, time::Duration::MAX), minus(t, time::Duration::MAX));
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
        let Ok(captures) = decode_input(xml.as_bytes(), "fuzz", &Limits::default()) else { continue };
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
});

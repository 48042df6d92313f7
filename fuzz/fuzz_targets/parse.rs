//! (b) Guarded parsing, the SAML model and every check, without trusted keys (the second-parser
//! cross-check runs in `verify`). Input is taken as the XML itself. Invariant: no panic; an
//! untrusted message is never reported as authenticated.
#![no_main]
use libfuzzer_sys::fuzz_target;
use samlcheck::analyze::{analyze, prepare, Options};
use samlcheck::input::{decode_input, Limits};

fuzz_target!(|data: &[u8]| {
    prepare();
    let Ok(captures) = decode_input(data, "fuzz", &Limits::default()) else { return };
    let opts = Options::new(time::macros::datetime!(2026-01-15 10:01 UTC));
    for c in captures.into_iter().flatten() {
        let r = analyze(&c, &opts);
        assert!(r.subject.as_ref().is_none_or(|s| !s.authenticated));
    }
});

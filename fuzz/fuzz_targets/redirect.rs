//! (d) HTTP-Redirect binding: query parsing, DEFLATE, and the query-signature verification under
//! the fixture key (seeds: testdata/authnrequest-redirect*.url). Invariant: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use samlcheck::analyze::{analyze, prepare};
use samlcheck::input::{decode_input, Limits};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    prepare();
    let mut url = b"https://idp.example/sso?".to_vec();
    url.extend_from_slice(data);
    let Ok(captures) = decode_input(&url, "fuzz", &Limits::default()) else { return };
    let opts = common::options();
    for c in captures.into_iter().flatten() {
        let _ = analyze(&c, &opts);
    }
});

//! (a) Capture decoding: every input form (XML, base64, URL-encoded, form bodies, redirect URLs
//! with DEFLATE, HAR, SAML-tracer JSON, HTML). Invariant: no panic, bounded work.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::decode::run(data));

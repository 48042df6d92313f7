//! (d) HTTP-Redirect binding: query parsing, DEFLATE, and the query-signature verification under
//! the fixture key (seeds: testdata/authnrequest-redirect*.url). Invariant: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::redirect::run(data));

//! (g) The guard's fast reading against the full pre-scan then libxml2 (see `bodies::guard`).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::guard::run(data));

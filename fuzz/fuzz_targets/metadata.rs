//! (e) Metadata parsing and the lint (signature under the fixture key included). Invariant: no
//! panic, bounded work.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::metadata::run(data));

//! (b) Guarded parsing, the SAML model and every check, without trusted keys (the second-parser
//! cross-check runs in `verify`). Input is taken as the XML itself. Invariant: no panic; an
//! untrusted message is never reported as authenticated.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::parse::run(data));

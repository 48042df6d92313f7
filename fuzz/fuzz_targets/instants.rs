//! (f) Time: any text as NotBefore, NotOnOrAfter, IssueInstant, SessionNotOnOrAfter and the
//! bearer window of a Response and of a SAML 1.1 token, judged at instants from year 0 to 9999
//! with any skew and --max-age, with `--at issue-instant` too. Invariant: no panic (all time
//! arithmetic is checked or saturating).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::instants::run(data));

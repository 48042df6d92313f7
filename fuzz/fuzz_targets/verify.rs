//! (c) Full `verify` of messages signed with the fixture IdP and SP keys, each trusted only for
//! its own party's messages (seeds: testdata's signed messages; dictionary: SAML and XML-DSig
//! tokens). Invariants (issue 26): no panic; a pass only under a key of the message's sender,
//! verified by a signature of that key; a pass only for content the keys really signed — the
//! authenticated NameID, and every NameID an SP reading by local name could take from anywhere
//! in the message, is one of those in the passing signed seeds.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod bodies;

fuzz_target!(|data: &[u8]| bodies::verify::run(data));

//! (c) Full `verify` of messages signed with the fixture IdP and SP keys, each trusted only for
//! its own party's messages (seeds: testdata's signed messages; dictionary: SAML and XML-DSig
//! tokens). Invariants (issue 26): no panic; a pass only under a key of the message's sender,
//! verified by a signature of that key; a pass only for content the keys really signed — the
//! authenticated NameID, and every NameID an SP reading by local name could take from anywhere
//! in the message, is one of those in the passing signed seeds.
#![no_main]
use libfuzzer_sys::fuzz_target;
use samlcheck::analyze::{analyze, prepare};
use samlcheck::input::{decode_input, Limits};
use samlcheck::report::Verdict;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

/// Every NameID the fixture key authenticates in testdata's own messages (read once): a pass
/// on fuzzed input must authenticate one of these, or the fuzzer has forged content.
fn signed_name_ids() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let opts = common::options();
        let mut set = HashSet::new();
        let mut dirs = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata"))];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                    continue;
                }
                let Ok(bytes) = std::fs::read(&p) else { continue };
                let Ok(caps) = decode_input(&bytes, "seed", &Limits::default()) else { continue };
                for c in caps.into_iter().flatten() {
                    let r = analyze(&c, &opts);
                    if r.verdict != Verdict::Pass {
                        continue;
                    }
                    if let Some(s) = r.subject.filter(|s| s.authenticated) {
                        set.insert(s.name_id.unwrap_or_default().trim().to_string());
                        set.extend(common::name_ids_anywhere(&c.xml));
                    }
                }
            }
        }
        assert!(!set.is_empty(), "no signed seeds found in testdata");
        set
    })
}

fuzz_target!(|data: &[u8]| {
    prepare();
    let signed = signed_name_ids();
    let Ok(captures) = decode_input(data, "fuzz", &Limits::default()) else { return };
    let opts = common::options();
    for c in captures.into_iter().flatten() {
        let r = analyze(&c, &opts);
        if r.verdict != Verdict::Pass {
            continue;
        }
        if let Some(s) = r.subject.as_ref().filter(|s| s.authenticated) {
            let id = s.name_id.as_deref().unwrap_or("");
            assert!(
                signed.contains(id.trim()),
                "pass with an authenticated NameID the key never signed: {id:?}"
            );
        }
        // A pass is made under a key of the message's sender, by a signature that verified.
        let kind = r.message.map(|k| k.as_str()).unwrap_or("");
        let sender = common::sender_keys(&opts, kind);
        let valid: Vec<&str> = r
            .signatures
            .iter()
            .filter(|s| s.result == samlcheck::report::SigResult::Valid)
            .filter_map(|s| s.key.as_ref().map(|k| k.sha256.as_str()))
            .collect();
        assert!(
            valid.iter().any(|k| sender.iter().any(|s| s == k)),
            "{kind} passed without a valid signature under its sender's key: {valid:?}"
        );
        // Nothing an SP reading by local name could take is outside what the keys signed.
        if matches!(kind, "response" | "saml11_assertion") {
            for id in common::name_ids_anywhere(&c.xml) {
                assert!(
                    signed.contains(&id),
                    "pass with a NameID {id:?} anywhere in the message that no signed seed holds"
                );
            }
        }
    }
});

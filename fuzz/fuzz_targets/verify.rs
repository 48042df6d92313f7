//! (c) Full `verify` of messages signed with the fixture IdP key (seeds: testdata's signed
//! messages; dictionary: SAML and XML-DSig tokens). Invariant: no panic, and a pass only for
//! content the key really signed: the authenticated NameID is one of those in the signed seeds.
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
                    if let Some(s) = r.subject.filter(|s| s.authenticated) {
                        set.insert(s.name_id.unwrap_or_default().trim().to_string());
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
    }
});

//! Benchmarks for batch throughput (issue 9's goal: messages per second per core).
//!
//! - `floor`: what libxml2 and libxmlsec1 alone cost per message — parse the response and verify
//!   its Assertion signature under the trusted certificate, nothing else. No samlcheck pipeline
//!   can be faster than this while verification goes through libxmlsec1.
//! - `pipeline`: decode + guard + parse + model + cross-check + verification + every check, one
//!   message, no I/O.
//! - `batch`: 512 messages one after another on one thread, then through
//!   [`samlcheck::batch::run`] on every core, reported as messages per second.
//!
//! The whole binary, with file reading and output, is timed by scripts/bench-batch.sh.

use samlcheck::analyze;
use samlcheck::input::decode_input;
use samlcheck::xml::dom;
use std::hint::black_box;

mod common;
use common::{bench, certs, options};

const BATCH: usize = 512;

fn main() {
    floor();
    pipeline();
    batch();
}

fn floor() {
    samlcheck::analyze::prepare();
    let xml = std::fs::read("testdata/signed-assertion.xml").unwrap();
    let cert = certs().remove(0);
    bench("floor: libxml2 parse + libxmlsec1 verify", 1, || {
        let doc = dom::parse(&xml).unwrap();
        samlcheck::signature::xmlsec::register_ids(&doc);
        let root = doc.get_root_element().unwrap();
        let sig = dom::descendants(&root, "http://www.w3.org/2000/09/xmldsig#", "Signature");
        let outcome = samlcheck::signature::xmlsec::verify(&sig[0], &cert);
        assert_eq!(outcome, samlcheck::signature::xmlsec::Verification::Valid);
    });
    bench("floor: libxml2 parse only", 1, || {
        black_box(dom::parse(&xml).unwrap());
    });
}

fn pipeline() {
    let opts = options();
    let xml = std::fs::read("testdata/signed-assertion.xml").unwrap();
    bench("pipeline: one message, decode to report", 1, || {
        let caps = decode_input(&xml, "bench", &opts.limits).unwrap();
        let r = analyze(caps[0].as_ref().unwrap(), &opts);
        assert_eq!(r.verdict, samlcheck::report::Verdict::Pass);
    });
}

fn batch() {
    let opts = options();
    let xml = std::fs::read("testdata/signed-assertion.xml").unwrap();
    let items: Vec<usize> = (0..BATCH).collect();
    let work = |_: &usize| {
        let caps = decode_input(&xml, "bench", &opts.limits).unwrap();
        analyze(caps[0].as_ref().unwrap(), &opts)
    };
    bench(
        &format!("batch: {BATCH} messages, one after another on one thread"),
        BATCH as u64,
        || {
            let passed = items
                .iter()
                .filter(|i| work(i).verdict == samlcheck::report::Verdict::Pass)
                .count();
            assert_eq!(passed, BATCH);
        },
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    bench(
        &format!("batch: {BATCH} messages, batch::run on {cores} cores"),
        BATCH as u64,
        || {
            let mut passed = 0;
            samlcheck::batch::run(&items, work, |_, r| {
                passed += usize::from(r.verdict == samlcheck::report::Verdict::Pass);
                std::ops::ControlFlow::Continue(())
            });
            assert_eq!(passed, BATCH);
        },
    );
}

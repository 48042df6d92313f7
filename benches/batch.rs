//! Criterion benchmarks for batch throughput (issue 9's goal: messages per second per core).
//!
//! - `floor`: what libxml2 and libxmlsec1 alone cost per message — parse the response and verify
//!   its Assertion signature under the trusted certificate, nothing else. No samlcheck pipeline
//!   can be faster than this while verification goes through libxmlsec1.
//! - `pipeline`: decode + guard + parse + model + cross-check + verification + every check, one
//!   message, no I/O.
//! - `batch`: 512 messages one after another on one thread, then through
//!   [`samlcheck::batch::run`] on every core, reported as messages per second (criterion's
//!   "thrpt" line).
//!
//! The whole binary, with file reading and output, is timed by scripts/bench-batch.sh.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use samlcheck::analyze;
use samlcheck::input::decode_input;
use samlcheck::xml::dom;

mod common;
use common::{certs, options};

const BATCH: usize = 512;

fn floor(c: &mut Criterion) {
    samlcheck::analyze::prepare();
    let xml = std::fs::read("testdata/signed-assertion.xml").unwrap();
    let cert = certs().remove(0);
    let mut g = c.benchmark_group("floor");
    g.throughput(Throughput::Elements(1));
    g.bench_function("libxml2 parse + libxmlsec1 verify", |b| {
        b.iter(|| {
            let doc = dom::parse(&xml).unwrap();
            samlcheck::signature::xmlsec::register_ids(&doc);
            let root = doc.get_root_element().unwrap();
            let sig = dom::descendants(&root, "http://www.w3.org/2000/09/xmldsig#", "Signature");
            let outcome = samlcheck::signature::xmlsec::verify(&sig[0], &cert);
            assert_eq!(outcome, samlcheck::signature::xmlsec::Verification::Valid);
        })
    });
    g.bench_function("libxml2 parse only", |b| {
        b.iter(|| dom::parse(&xml).unwrap())
    });
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let opts = options();
    let xml = std::fs::read("testdata/signed-assertion.xml").unwrap();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one message, decode to report", |b| {
        b.iter(|| {
            let caps = decode_input(&xml, "bench", &opts.limits).unwrap();
            let r = analyze(caps[0].as_ref().unwrap(), &opts);
            assert_eq!(r.verdict, samlcheck::report::Verdict::Pass);
        })
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    let opts = options();
    let xml = std::fs::read("testdata/signed-assertion.xml").unwrap();
    let items: Vec<usize> = (0..BATCH).collect();
    let work = |_: &usize| {
        let caps = decode_input(&xml, "bench", &opts.limits).unwrap();
        analyze(caps[0].as_ref().unwrap(), &opts)
    };
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.sample_size(20);
    g.bench_function(
        format!("{BATCH} messages, one after another on one thread"),
        |b| {
            b.iter(|| {
                let passed = items
                    .iter()
                    .filter(|i| work(i).verdict == samlcheck::report::Verdict::Pass)
                    .count();
                assert_eq!(passed, BATCH);
            })
        },
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    g.bench_function(
        format!("{BATCH} messages, batch::run on {cores} cores"),
        |b| {
            b.iter(|| {
                let mut passed = 0;
                samlcheck::batch::run(&items, work, |_, r| {
                    passed += usize::from(r.verdict == samlcheck::report::Verdict::Pass);
                    std::ops::ControlFlow::Continue(())
                });
                assert_eq!(passed, BATCH);
            })
        },
    );
    g.finish();
}

criterion_group!(benches, floor, pipeline, batch);
criterion_main!(benches);

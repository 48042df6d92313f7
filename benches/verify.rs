//! Criterion benchmarks: the whole `verify` pipeline on a typical signed response (guard, parse,
//! model, libxmlsec1 verification under metadata, every check), and decoding alone.
//! Compare with `xmlsec1 --verify` using scripts/bench-vs-xmlsec1.sh.

use criterion::{criterion_group, criterion_main, Criterion};
use samlcheck::analyze;
use samlcheck::input::decode_input;

mod common;
use common::options;

fn bench(c: &mut Criterion) {
    let opts = options();
    let b64 = std::fs::read("testdata/signed-assertion.b64").unwrap();
    let both = std::fs::read("testdata/signed-both.xml").unwrap();
    c.bench_function(
        "verify signed-assertion.b64 (decode + verify + checks)",
        |b| {
            b.iter(|| {
                let caps = decode_input(&b64, "bench", &opts.limits).unwrap();
                let r = analyze(caps[0].as_ref().unwrap(), &opts);
                assert_eq!(r.verdict, samlcheck::report::Verdict::Pass);
            })
        },
    );
    c.bench_function("verify signed-both.xml (two signatures)", |b| {
        b.iter(|| {
            let caps = decode_input(&both, "bench", &opts.limits).unwrap();
            analyze(caps[0].as_ref().unwrap(), &opts)
        })
    });
    c.bench_function("decode signed-assertion.b64 only", |b| {
        b.iter(|| decode_input(&b64, "bench", &opts.limits).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

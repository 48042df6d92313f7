//! Benchmarks: the whole `verify` pipeline on a typical signed response (guard, parse,
//! model, libxmlsec1 verification under metadata, every check), and decoding alone.
//! Compare with `xmlsec1 --verify` using scripts/bench-vs-xmlsec1.sh.

use samlcheck::analyze;
use samlcheck::input::decode_input;
use std::hint::black_box;

mod common;
use common::{bench, options};

fn main() {
    let opts = options();
    let b64 = std::fs::read("testdata/signed-assertion.b64").unwrap();
    let both = std::fs::read("testdata/signed-both.xml").unwrap();
    bench(
        "verify signed-assertion.b64 (decode + verify + checks)",
        0,
        || {
            let caps = decode_input(&b64, "bench", &opts.limits).unwrap();
            let r = analyze(caps[0].as_ref().unwrap(), &opts);
            assert_eq!(r.verdict, samlcheck::report::Verdict::Pass);
        },
    );
    bench("verify signed-both.xml (two signatures)", 0, || {
        let caps = decode_input(&both, "bench", &opts.limits).unwrap();
        black_box(analyze(caps[0].as_ref().unwrap(), &opts));
    });
    bench("decode signed-assertion.b64 only", 0, || {
        black_box(decode_input(&b64, "bench", &opts.limits).unwrap());
    });
}

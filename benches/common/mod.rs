//! Setup shared by the benches: trust from the fixture IdP metadata, a fixed clock, and a small
//! timing loop (warm-up, then the best of ten rounds of about a second; `cargo bench -- NAME`
//! runs the benches whose name contains NAME). Claims about speed come from
//! scripts/bench-floor.sh, side by side with the floor, not from these.

use std::time::{Duration, Instant};

use samlcheck::input::Limits;
use samlcheck::trust::cert::CertInfo;
use samlcheck::trust::{metadata, store::KeySource};
use samlcheck::Options;

/// The signing certificates of testdata/idp-metadata.xml.
pub fn certs() -> Vec<CertInfo> {
    let md = metadata::parse(
        &std::fs::read("testdata/idp-metadata.xml").unwrap(),
        &Limits::default(),
    )
    .unwrap();
    md.idp.unwrap().signing_certs
}

/// Options as `verify --now 2026-01-15T10:01:00Z --idp-metadata testdata/idp-metadata.xml`.
pub fn options() -> Options {
    let now = time::OffsetDateTime::parse(
        "2026-01-15T10:01:00Z",
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let mut o = Options::new(now);
    for c in certs() {
        o.trust
            .add(KeySource::Metadata("idp-metadata.xml".into()), c);
    }
    o
}

/// Times `f`: a warm-up of half a second, then ten rounds of about a second each; prints the best
/// round's time per call and, when `elements` > 0, elements per second. Skipped when a filter
/// given after `--` is not part of `name`.
pub fn bench(name: &str, elements: u64, mut f: impl FnMut()) {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_default();
    if !name.contains(&filter) {
        return;
    }
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed() < Duration::from_millis(500) {
        f();
        n += 1;
    }
    let per_call = start.elapsed() / n.max(1);
    let iters = (1_000_000_000 / per_call.as_nanos().max(1)).clamp(1, 1_000_000) as u32;
    let best = (0..10)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed() / iters
        })
        .min()
        .unwrap_or_default();
    let rate = if elements > 0 {
        format!(
            "  {:>10.0} elements/s",
            elements as f64 / best.as_secs_f64()
        )
    } else {
        String::new()
    };
    println!("{name:<60} {:>12.1} µs{rate}", best.as_secs_f64() * 1e6);
}

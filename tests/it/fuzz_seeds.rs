//! The fuzz targets' bodies (`fuzz/fuzz_targets/bodies.rs`), compiled into the tests and run over
//! the seeds `scripts/fuzz-seed.sh` gives each target, whole and cut in half: a target that no
//! longer builds against the library, or whose invariant (no panic; a pass only under the
//! sender's key, for content the keys signed) a seed breaks, fails here on every `cargo test`.
//! Fuzzing itself (libFuzzer, cargo-fuzz) is `bash scripts/fuzz-smoke.sh`.

#[path = "../../fuzz/fuzz_targets/bodies.rs"]
mod bodies;

use std::path::{Path, PathBuf};

fn files(dir: &str, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && keep(p))
        .collect();
    out.sort();
    out
}

fn ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e))
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Each seed whole and its first half (a cut message takes the error paths).
fn replay(run: fn(&[u8]), seeds: &[Vec<u8>]) {
    assert!(!seeds.is_empty(), "no seeds");
    for s in seeds {
        run(s);
        run(&s[..s.len() / 2]);
    }
}

fn read(paths: Vec<PathBuf>) -> Vec<Vec<u8>> {
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn decode_and_parse_seeds() {
    let mut decode = read(files(".", |p| {
        ext(
            p,
            &["xml", "b64", "form", "urlencoded", "url", "har", "json"],
        )
    }));
    decode.extend(read(files("trust", |_| true)));
    assert!(decode.len() > 30, "{} decode seeds", decode.len());
    replay(bodies::decode::run, &decode);
    let mut parse = read(files(".", |p| ext(p, &["xml"])));
    parse.extend(read(files("trust", |p| ext(p, &["xml"]))));
    replay(bodies::parse::run, &parse);
    parse.extend(read(files("forgery", |p| ext(p, &["xml"]))));
    replay(bodies::guard::run, &parse);
}

#[test]
fn verify_seeds_keep_the_trust_invariants() {
    let mut seeds = read(files("trust", |p| ext(p, &["xml", "form"])));
    seeds.extend(read(files("forgery", |_| true)));
    seeds.extend(read(files(".", |p| {
        let n = name(p);
        n.starts_with("signed-") && n.ends_with(".xml")
            || ["crlf.xml", "cr.xml"].contains(&n.as_str())
            || n.starts_with("encrypted") && n.ends_with(".xml")
    })));
    let idp = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/idp");
    for d in std::fs::read_dir(idp).unwrap().flatten() {
        let v = d.path().join("valid.xml");
        if v.is_file() {
            seeds.push(std::fs::read(v).unwrap());
        }
    }
    assert!(seeds.len() > 30, "{} verify seeds", seeds.len());
    replay(bodies::verify::run, &seeds);
}

#[test]
fn redirect_metadata_and_instant_seeds() {
    let queries: Vec<Vec<u8>> = files(".", |p| {
        name(p).starts_with("authnrequest-redirect") && ext(p, &["url"])
    })
    .iter()
    .map(|p| {
        let url = std::fs::read_to_string(p).unwrap();
        url.split_once('?')
            .map_or(url.clone(), |(_, q)| q.to_string())
            .into_bytes()
    })
    .collect();
    replay(bodies::redirect::run, &queries);
    replay(
        bodies::metadata::run,
        &read(files(".", |p| {
            name(p).contains("metadata") && ext(p, &["xml"])
        })),
    );
    replay(
        bodies::instants::run,
        &[
            b"2026-01-15T09:55:00Z|2026-01-15T10:05:00Z|2026-01-15T10:00:00Z|2026-01-15T18:00:00Z|2026-01-15T10:05:00Z|2026-01-15T10:01:00Z".to_vec(),
            b"0000-01-01T00:00:00Z|9999-12-31T23:59:59.9999999Z|9999-12-31T23:59:59Z|9999-12-31T23:59:59Z|0000-01-01T00:00:00Z|9999-12-31T23:59:59Z".to_vec(),
        ],
    );
}

//! A batch is the sum of its inputs: a directory of every kind of fixture (responses of every
//! IdP shape, attacks, HARs, unreadable files) gives the same output, byte for byte and in input
//! order, whether one worker or several analyse it, and each message's report is the one it gets
//! alone (but for replays, which only a run over several inputs can see).

use crate::common::*;
use serde_json::Value;

/// The entries of `dir`, sorted.
fn sorted(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries
}

/// A directory holding copies of the fixtures, numbered so their order is fixed.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let testdata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for sub in ["", "idp", "xsw", "flows"] {
        for p in sorted(&testdata.join(sub)) {
            if p.is_dir() && sub == "idp" {
                files.extend(sorted(&p).into_iter().filter(|f| f.is_file()));
            } else if p.is_file()
                && p.extension()
                    .is_some_and(|e| e == "xml" || e == "har" || e == "b64")
            {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 100, "{} fixtures", files.len());
    for (i, f) in files.iter().enumerate() {
        let name = format!("{i:04}-{}", f.file_name().unwrap().to_string_lossy());
        std::fs::copy(f, dir.path().join(name)).unwrap();
    }
    dir
}

fn verify_dir(dir: &str, format: &str, threads: &str) -> (i32, String) {
    let out = bin()
        .env("RAYON_NUM_THREADS", threads)
        .args(["verify", "--format", format, "--now", NOW])
        .args(["--cert", &td("keys/idp.crt"), dir])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn one_worker_or_several_write_the_same_batch() {
    let dir = fixtures();
    let dir = dir.path().to_str().unwrap();
    for format in ["ndjson", "json", "human", "sarif"] {
        let (code1, one) = verify_dir(dir, format, "1");
        let (code4, four) = verify_dir(dir, format, "4");
        assert_eq!(code1, code4, "{format}");
        assert!(one.len() > 10_000, "{format}: {} bytes", one.len());
        assert!(
            one == four,
            "{format}: one worker and four wrote different output"
        );
    }
}

#[test]
fn each_report_in_a_batch_is_the_report_it_gets_alone() {
    let dir = fixtures();
    let (_, batch) = verify_dir(dir.path().to_str().unwrap(), "ndjson", "4");
    let batch: Vec<Value> = batch
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files = sorted(dir.path());
    let mut alone = Vec::new();
    // Every sixth file alone (the whole set would take too long as separate processes).
    for f in files.iter().step_by(6) {
        let (_, out) = verify_dir(f.to_str().unwrap(), "ndjson", "1");
        alone.extend(
            out.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
    }
    assert!(alone.len() > 15);
    let mut compared = 0;
    for a in &alone {
        let b = batch
            .iter()
            .find(|b| {
                b["origin"] == a["origin"]
                    && b["flow"] == a["flow"]
                    && b["parameter"] == a["parameter"]
            })
            .unwrap_or_else(|| panic!("{} missing from the batch", a["origin"]));
        // A replay (of this message, or of another in its capture, which becomes its sign-in's
        // cause) is the one thing only the batch sees.
        let replayed = codes(b).iter().any(|c| c == "assertion-replayed")
            || b["flows"][0]["cause"] == "assertion-replayed";
        if !replayed {
            assert_eq!(a, b, "{}", a["origin"]);
            compared += 1;
        }
    }
    assert!(compared > 15, "{compared} reports compared");
}

#[test]
fn a_closed_output_stops_the_batch() {
    // More messages than the pipe and the output buffer hold in reports (a report is ~4 KB,
    // a pipe 64 KB), so a batch that ignored the closed output would be seen running on.
    const N: usize = 1000;
    let dir = tempfile::tempdir().unwrap();
    let msg = std::fs::read(td("signed-assertion.xml")).unwrap();
    for i in 0..N {
        std::fs::write(dir.path().join(format!("m{i:04}.xml")), &msg).unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_samlcheck"))
        .args([
            "verify",
            "--format",
            "ndjson",
            "--now",
            NOW,
            "--cert",
            &td("keys/idp.crt"),
        ])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first line, then go away like `| head -1`.
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut reader, &mut first).unwrap();
    assert!(first.starts_with('{'), "{first}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("stopped there: the output was closed"),
        "{err}"
    );
    let counted: usize = err
        .split("samlcheck: ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary: {err}"));
    assert!(
        counted < N,
        "{counted} messages analysed after the reader left"
    );
}

#[test]
fn a_failed_write_is_exit_2_even_when_the_output_is_buffered() {
    // To a file or a pipe, NDJSON and JSON go through a buffer: a write that fails shows only
    // when it is flushed, and must still count (a full disk is not a clean run).
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    for format in ["ndjson", "json"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_samlcheck"))
            .args(["verify", "--format", format, "--now", NOW, "--cert"])
            .arg(td("keys/idp.crt"))
            .arg(td("signed-assertion.xml"))
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

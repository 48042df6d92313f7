//! House rules a reviewer would otherwise check by hand (ARCHITECTURE.md): unsafe lives only in
//! the files the architecture lists, each saying why.

use std::path::Path;

/// The files ARCHITECTURE.md's "Where unsafe lives" table lists.
fn listed() -> Vec<String> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .unwrap();
    let section = doc
        .split("## Where unsafe lives")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("ARCHITECTURE.md has a 'Where unsafe lives' section");
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn unsafe_is_allowed_only_in_the_files_the_architecture_lists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let allowing: Vec<String> = files
        .iter()
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains(&format!("#![allow({}_code)]", "unsafe"))
        })
        .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    let listed = listed();
    for f in &allowing {
        assert!(
            listed.contains(f),
            "{f} allows unsafe but ARCHITECTURE.md does not list it"
        );
    }
    for f in &listed {
        assert!(
            allowing.contains(f),
            "ARCHITECTURE.md lists {f}, which no longer allows unsafe"
        );
    }
    assert!(!listed.is_empty());
}

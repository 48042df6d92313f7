//! House rules a reviewer would otherwise check by hand (ARCHITECTURE.md): unsafe lives only in
//! the files the architecture lists, each saying why; no two files of `src/` import each other,
//! however far round; the binary's load-time libraries leave out libssl.

use std::collections::{BTreeMap, BTreeSet};
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

/// Doc tests are off (`doctest = false` in Cargo.toml: rustdoc's empty run cost every `cargo test`
/// a second), so a code example in a doc comment would never run: there is none, and this keeps
/// it so. Examples belong in tests/.
#[test]
fn no_doc_comment_holds_a_code_example_that_would_go_untested() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            !text.contains("#[doc") && !text.contains("#![doc") && !text.contains("/**"),
            "{}: doc attributes or block doc comments: extend this test to read them",
            f.display()
        );
        let mut after_blank = true;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let Some(doc) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) else {
                after_blank = true;
                continue;
            };
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            // Fenced (``` or ~~~) or indented (four spaces after a blank line) code blocks.
            let code = doc.contains("```")
                || doc.contains("~~~")
                || (after_blank && doc.starts_with("    "));
            assert!(
                !code,
                "{}:{}: a code block in a doc comment (doc tests are off; write a test)",
                f.display(),
                i + 1
            );
            after_blank = doc.trim().is_empty();
        }
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("doctest = false"));
}

/// The module path of a file under `src/` (`xml/extract.rs` → `["xml", "extract"]`; `mod.rs`,
/// `lib.rs` and `main.rs` name their directory's module).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Every `crate::a::b` and `super::a` path in `src` (comments and the test module left out),
/// with the items of a `{…}` group spelled out, as module paths relative to `here`.
fn paths_used(src: &str, here: &[String]) -> Vec<Vec<String>> {
    let code: String = src
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or("")
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> usize {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    let mut out = Vec::new();
    for (at, root) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let mut base: Vec<String> = if root == "crate::" {
            Vec::new()
        } else {
            here[..here.len().saturating_sub(1)].to_vec()
        };
        let mut rest = &code[at + root.len()..];
        loop {
            if let Some(r) = rest.strip_prefix('{') {
                let group = &r[..r.find('}').unwrap_or(r.len())];
                for item in group.split(',') {
                    let item = item.trim();
                    let n = ident(item);
                    if n > 0 && &item[..n] != "self" {
                        let mut p = base.clone();
                        p.push(item[..n].to_string());
                        out.push(p);
                    }
                }
                break;
            }
            let n = ident(rest);
            if n == 0 {
                break;
            }
            if &rest[..n] == "super" {
                base.pop();
            } else {
                base.push(rest[..n].to_string());
            }
            rest = &rest[n..];
            match rest.strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        out.push(base);
    }
    out
}

#[test]
fn no_two_files_in_src_import_each_other_however_far_round() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap();
            (module_of(rel), std::fs::read_to_string(p).unwrap())
        })
        .collect();
    // A path names the file of its longest prefix that is a module.
    let file_of = |path: &[String]| {
        (0..=path.len())
            .rev()
            .map(|i| path[..i].to_vec())
            .find(|m| modules.contains_key(m))
    };
    let mut edges: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (m, src) in &modules {
        let to = paths_used(src, m)
            .iter()
            .filter_map(|p| file_of(p))
            .filter(|t| t != m)
            .collect();
        edges.insert(m, to);
    }
    // Depth-first search for a back edge; the cycle is the stack from its target.
    fn visit<'a>(
        m: &'a Vec<String>,
        edges: &'a BTreeMap<&Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<&'a Vec<String>>,
        done: &mut BTreeSet<&'a Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| *s == m) {
            return Some(stack[i..].iter().map(|s| s.join("/")).collect());
        }
        if !done.insert(m) {
            return None;
        }
        stack.push(m);
        for t in edges.get(m).into_iter().flatten() {
            if let Some((k, _)) = edges.get_key_value(t) {
                if let Some(c) = visit(k, edges, stack, done) {
                    return Some(c);
                }
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in edges.keys() {
        if let Some(cycle) = visit(m, &edges, &mut Vec::new(), &mut done) {
            panic!(
                "an import circle in src/: {} → back to the first (move what both need into a file of its own)",
                cycle.join(" → ")
            );
        }
    }
    assert!(edges.len() > 50, "read {} files", edges.len());
}

/// libssl is loaded only to fetch metadata over https (`src/ossl/tls.rs`): as a load-time
/// library it cost every run 0.34 ms, 6% of a one-message `verify` (README "Performance"). The
/// `openssl` crate, or anything else calling libssl directly, would bring it back.
#[test]
fn the_binary_does_not_load_libssl_at_start_up() {
    let out = std::process::Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_samlcheck"))
        .output()
        .expect("ldd runs");
    let libs = String::from_utf8_lossy(&out.stdout);
    assert!(libs.contains("libcrypto"), "{libs}");
    assert!(!libs.contains("libssl"), "{libs}");
}

//! Compiles `src/shim.c` against the installed libxmlsec1 and libxml2 headers (pkg-config's
//! flags for xmlsec1-openssl) and links those libraries: dynamically by default, as pkg-config
//! says.
//!
//! With the `static` feature: links libxmlsec1, libxml2 (with ICU, zlib, lzma), OpenSSL and the
//! C++ runtime ICU needs statically, so the binary runs where none of them is installed
//! (glibc stays dynamic). libxslt has no static library on Debian; `static/xslt_stub.c` makes
//! the XSLT transform (which samlcheck refuses anyway) fail closed instead. Without the feature
//! this script does nothing and the dependencies link the shared libraries as usual.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The git revision the binary is built from (`samlcheck --version`), "unknown" outside a
/// checkout; "-dirty" when the working tree had changes.
fn revision() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(rev) if !rev.is_empty() => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{rev}-dirty")
            } else {
                rev
            }
        }
        _ => std::env::var("SAMLCHECK_REVISION").unwrap_or_else(|_| "unknown".into()),
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=static/xslt_stub.c");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/index");
    println!("cargo:rerun-if-env-changed=SAMLCHECK_REVISION");
    println!("cargo:rustc-env=SAMLCHECK_REVISION={}", revision());
    // The debug binary is what `cargo test` spawns, about 2,300 times a run: linked without PIE,
    // the loader has no relative relocations to apply to it (61,000 in the debug build, ~70 page
    // faults a spawn), about a tenth of the redaction test's CPU. Release builds, which are what
    // users install and run on untrusted input, keep PIE and full RELRO.
    if std::env::var("PROFILE").as_deref() == Ok("debug") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=src/shim.c");
    let statik = std::env::var_os("CARGO_FEATURE_STATIC").is_some();
    // The flags (XMLSEC_NO_SIZE_T, XMLSEC_CRYPTO_OPENSSL...) decide libxmlsec1's structure
    // layouts, so the shim is compiled with exactly what pkg-config gives. The link flags are
    // emitted after the shim's, so the linker sees the shim before the libraries it calls.
    let xmlsec = pkg_config::Config::new()
        .cargo_metadata(false)
        .probe("xmlsec1-openssl")
        .expect(
            "libxmlsec1 with its OpenSSL back end is needed: install libxmlsec1-dev and pkg-config",
        );
    let mut shim = cc::Build::new();
    shim.file("src/shim.c").warnings(true).extra_warnings(true);
    for dir in &xmlsec.include_paths {
        shim.include(dir);
    }
    for (name, value) in &xmlsec.defines {
        shim.define(name, value.as_deref());
    }
    shim.compile("samlcheck_shim");
    if !statik {
        pkg_config::Config::new()
            .probe("xmlsec1-openssl")
            .expect("libxmlsec1 with its OpenSSL back end is needed");
        return;
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("static");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let libdir = pkg_libdir();
    // Link order: each library before the ones it uses.
    let libs = [
        "xmlsec1-openssl",
        "xmlsec1",
        "samlcheck_xslt_stub",
        "xml2",
        "ssl",
        "crypto",
        "icui18n",
        "icuuc",
        "icudata",
        "z",
        "lzma",
    ];
    for lib in libs.iter().filter(|l| **l != "samlcheck_xslt_stub") {
        let a = libdir.join(format!("lib{lib}.a"));
        assert!(
            a.exists(),
            "static build: {} is missing (install the -dev package)",
            a.display()
        );
        link(&a, &out.join(format!("lib{lib}.a")));
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let obj = out.join("xslt_stub.o");
    run(Command::new(&cc)
        .args(["-c", "-O2", "-fPIC", "static/xslt_stub.c", "-o"])
        .arg(&obj));
    run(Command::new("ar")
        .arg("crs")
        .arg(out.join("libsamlcheck_xslt_stub.a"))
        .arg(&obj));
    let stdcpp = Command::new(&cc)
        .arg("-print-file-name=libstdc++.a")
        .output()
        .unwrap();
    let stdcpp = PathBuf::from(String::from_utf8_lossy(&stdcpp.stdout).trim());
    assert!(
        stdcpp.is_absolute() && stdcpp.exists(),
        "static build: libstdc++.a not found (install g++)"
    );
    link(&stdcpp, &out.join("libstdc++.a"));
    println!("cargo:rustc-link-search=native={}", out.display());
    for lib in libs {
        println!("cargo:rustc-link-lib=static:-bundle={lib}");
    }
    println!("cargo:rustc-link-lib=static:-bundle=stdc++");
    for lib in ["m", "dl", "pthread"] {
        println!("cargo:rustc-link-lib=dylib={lib}");
    }
}

fn pkg_libdir() -> PathBuf {
    let o = Command::new("pkg-config")
        .args(["--variable=libdir", "xmlsec1"])
        .output()
        .expect("pkg-config is needed for the static build");
    PathBuf::from(String::from_utf8_lossy(&o.stdout).trim())
}

fn link(from: &Path, to: &Path) {
    std::os::unix::fs::symlink(from, to).unwrap();
}

fn run(cmd: &mut Command) {
    let status = cmd.status().unwrap();
    assert!(status.success(), "{cmd:?} failed");
}

//! The portable binary (cargo feature `static`) links only libc-level libraries and verifies and
//! decrypts a bundled response in a chroot holding nothing but it and glibc (or with an empty
//! environment when not root): `scripts/static-build.sh` builds and proves it.

#[test]
fn the_static_binary_runs_without_the_shared_libraries() {
    let out = std::process::Command::new("bash")
        .arg("scripts/static-build.sh")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("static-build: "), "{said}");
    assert!(
        !said.contains("libxml2") && !said.contains("libssl"),
        "{said}"
    );
}

//! (e) Metadata parsing and the lint (signature under the fixture key included). Invariant: no
//! panic, bounded work.
#![no_main]
use libfuzzer_sys::fuzz_target;
use samlcheck::input::Limits;
use samlcheck::lint::document::{lint, LintOptions, Window};
use samlcheck::trust::cert::CertInfo;

fuzz_target!(|data: &[u8]| {
    let trusted = CertInfo::from_file_bytes(include_bytes!("../../testdata/keys/idp.crt")).unwrap();
    let opts = LintOptions {
        now: time::macros::datetime!(2026-01-15 10:01 UTC),
        window: Window::MinDays(30),
        trusted: &trusted,
        limits: Limits::default(),
    };
    let _ = lint("fuzz", data, &opts);
});

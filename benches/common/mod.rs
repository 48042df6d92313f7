//! Setup shared by the criterion benches: trust from the fixture IdP metadata, a fixed clock.

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

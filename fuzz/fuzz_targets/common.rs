//! Shared by the verify and redirect targets: the fixture IdP certificate as the only trusted key.
use samlcheck::analyze::Options;
use samlcheck::trust::cert::CertInfo;
use samlcheck::trust::store::KeySource;

pub fn options() -> Options {
    let mut o = Options::new(time::macros::datetime!(2026-01-15 10:01 UTC));
    o.strict = true;
    let cert = CertInfo::from_file_bytes(include_bytes!("../../testdata/keys/idp.crt")).unwrap();
    for c in cert {
        o.trust.add(KeySource::Cert("idp.crt".into()), c.clone());
        o.sp_trust.add(KeySource::Cert("idp.crt".into()), c);
    }
    o
}

//! Certificate: expiry of the certificates the user trusts, judged against the real clock
//! (not `--at`). An expired certificate that verified something here is an error; one that
//! verified nothing is a warning.

use time::OffsetDateTime;

use super::{Check, Finding, Severity, Sink};
use crate::idp::{Idp, Topic};
use crate::report::{CertReport, SignatureReport, TrustedKeyReport};
use crate::trust::store::TrustStore;

/// Pushes expiry findings and returns the trusted keys as the report lists them.
pub fn check(
    trust: &TrustStore,
    signatures: &[SignatureReport],
    now: OffsetDateTime,
    warn_days: i64,
    idp: Idp,
    sink: &mut Sink,
) -> Vec<TrustedKeyReport> {
    let mut listed = Vec::new();
    for k in trust.keys() {
        let days = k.cert.days_left(now);
        let what = format!(
            "trusted certificate {} (SHA-256 {}) from {}",
            k.cert.subject,
            crate::trust::cert::colon_hex(&k.cert.sha256, 8),
            k.source.path()
        );
        let used = signatures.iter().any(|r| {
            r.key
                .as_ref()
                .is_some_and(|key| key.sha256 == k.cert.sha256)
        });
        if days < 0 {
            let (severity, tail) = if used {
                (Severity::Error, "")
            } else {
                (Severity::Warning, "; it verified nothing in this message")
            };
            sink.push(
                Finding::new(
                    "certificate-expired",
                    format!("{what} expired {} day(s) ago{tail}", -days),
                )
                .severity(severity)
                .hint(idp.hint(Topic::Certificate)),
            );
        } else if days < warn_days {
            sink.push(
                Finding::new(
                    "certificate-expiring",
                    format!("{what} expires in {days} day(s)"),
                )
                .hint(idp.hint(Topic::Certificate)),
            );
        } else {
            sink.judged(Check::Certificate);
        }
        listed.push(TrustedKeyReport {
            source: format!("{} {}", k.source.kind(), k.source.path()),
            cert: CertReport::from(&k.cert),
        });
    }
    listed
}

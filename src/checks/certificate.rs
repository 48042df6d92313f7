//! Certificate: the validity of the certificates the user trusts, judged as instants at the
//! same moment as every other time check (`--now`, or the message's IssueInstant with
//! `--at issue-instant`). An expired or not-yet-valid certificate that verified something here
//! fails the check; one that verified nothing is a warning (metadata often lists the next or
//! the previous certificate during a rollover). The window is judged with the clock skew, like
//! every other instant.

use crate::codes::Code;
use time::Duration;

use super::context::Context;
use crate::check::{Check, Severity};
use crate::checks::time::clock::{between, format_instant, minus, plus};
use crate::finding::{Finding, Sink};
use crate::idp::Topic;
use crate::report::{CertReport, TrustedKeyReport};
use crate::trust::store::TrustStore;

/// Pushes a validity finding for each trusted certificate.
pub fn check(cx: &Context, sink: &mut Sink) {
    let (at, skew, warn_days, idp) = (cx.judged_at, cx.clock.skew, cx.cert_warn_days, cx.idp);
    for k in cx.trust.keys() {
        let c = &k.cert;
        let what = format!(
            "trusted {} {} (SHA-256 {}) from {}",
            c.form.noun(),
            c.subject,
            crate::trust::cert::colon_hex(&c.sha256, 8),
            k.source.path()
        );
        let used = cx
            .signatures
            .iter()
            .any(|r| r.key.as_ref().is_some_and(|key| key.sha256 == c.sha256));
        let (severity, tail) = if used {
            (Severity::Error, "")
        } else {
            (Severity::Warning, "; it verified nothing in this message")
        };
        let when = format_instant(at);
        if !c.form.has_validity() {
            sink.judged(Check::Certificate);
        } else if c.not_after < minus(at, skew) {
            sink.push(
                Finding::new(
                    Code::CertificateExpired,
                    format!(
                        "{what} expired at {} ({} before {when}, the time judged){tail}",
                        format_instant(c.not_after),
                        span(between(at, c.not_after))
                    ),
                )
                .severity(severity)
                .hint(idp.hint(Topic::Certificate)),
            );
        } else if c.not_before > plus(at, skew) {
            sink.push(
                Finding::new(
                    Code::CertificateNotYetValid,
                    format!(
                        "{what} is valid only from {} ({} after {when}, the time judged){tail}",
                        format_instant(c.not_before),
                        span(between(c.not_before, at))
                    ),
                )
                .severity(severity)
                .hint(idp.hint(Topic::Certificate)),
            );
        } else if between(c.not_after, at) < Duration::seconds(warn_days.saturating_mul(86_400)) {
            sink.push(
                Finding::new(
                    Code::CertificateExpiring,
                    format!(
                        "{what} expires at {}, {} after {when}",
                        format_instant(c.not_after),
                        span(between(c.not_after, at))
                    ),
                )
                .hint(idp.hint(Topic::Certificate)),
            );
        } else {
            sink.judged(Check::Certificate);
        }
    }
}

/// The trusted keys as the report lists them.
pub fn listed(trust: &TrustStore) -> Vec<TrustedKeyReport> {
    trust
        .keys()
        .iter()
        .map(|k| TrustedKeyReport {
            source: format!("{} {}", k.source.kind(), k.source.path()),
            form: k.cert.form.describe(),
            cert: CertReport::of(&k.cert),
        })
        .collect()
}

/// A duration in the largest sensible unit: "3 days", "5 hours", "42 minutes", "17 seconds".
pub fn span(d: Duration) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if d.whole_days() >= 2 {
        plural(d.whole_days(), "day")
    } else if d.whole_hours() >= 1 {
        plural(d.whole_hours(), "hour")
    } else if d.whole_minutes() >= 1 {
        plural(d.whole_minutes(), "minute")
    } else {
        plural(d.whole_seconds(), "second")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert_eq!(span(Duration::hours(5)), "5 hours");
        assert_eq!(span(Duration::hours(30)), "30 hours");
        assert_eq!(span(Duration::days(3)), "3 days");
        assert_eq!(span(Duration::seconds(1)), "1 second");
        assert_eq!(span(Duration::minutes(42)), "42 minutes");
    }
}

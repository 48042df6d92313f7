//! What "now" is for a report — the [`Clock`], the judged instant ([`reference()`]) and what it
//! is based on — and instant arithmetic that saturates at the ends of time instead of panicking.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::xml::model::Message;

/// What "now" is for this report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: OffsetDateTime,
    pub skew: Duration,
    /// Judge as of the message's own IssueInstant (`--at issue-instant`).
    pub at_issue_instant: bool,
    /// `now` was given (`--now`) or asked for (`--at now`): it wins over a capture's own time.
    pub fixed: bool,
    /// A message that no capture dates is judged at its IssueInstant (`check`'s captured
    /// responses), not at the clock.
    pub issue_instant_fallback: bool,
}

/// What the judged time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// `--now`, or the system clock.
    Now,
    /// When the capture (HAR, SAML-tracer) recorded the message.
    Capture,
    /// The message's IssueInstant (`--at issue-instant`, or a capture that records no time).
    IssueInstant,
}

impl Clock {
    /// The clock for one captured message: a HAR or SAML-tracer message is judged at the time the
    /// capture recorded it (or, when it records none, at the message's IssueInstant) unless
    /// `--now` or `--at` said otherwise.
    pub fn for_capture(
        &self,
        recorded_at: Option<OffsetDateTime>,
        from_capture: bool,
    ) -> (Clock, TimeBasis) {
        let mut c = *self;
        if c.at_issue_instant {
            return (c, TimeBasis::IssueInstant);
        }
        if c.fixed {
            return (c, TimeBasis::Now);
        }
        if !from_capture {
            if c.issue_instant_fallback {
                c.at_issue_instant = true;
                return (c, TimeBasis::IssueInstant);
            }
            return (c, TimeBasis::Now);
        }
        match recorded_at {
            Some(t) => {
                c.now = t;
                (c, TimeBasis::Capture)
            }
            None => {
                c.at_issue_instant = true;
                (c, TimeBasis::IssueInstant)
            }
        }
    }
}

/// One instant on the report's time line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub label: std::borrow::Cow<'static, str>,
    pub at: String,
    /// Seconds from the reference time (negative = before it).
    pub offset_seconds: i64,
}

/// `t + d`, saturating at the ends of the representable range instead of panicking (an
/// instant near year 9999 plus the clock skew would overflow).
pub fn plus(t: OffsetDateTime, d: Duration) -> OffsetDateTime {
    t.checked_add(d).unwrap_or(if d.is_negative() {
        time::PrimitiveDateTime::MIN.assume_utc()
    } else {
        time::PrimitiveDateTime::MAX.assume_utc()
    })
}

/// `t - d`, saturating (see [`plus`]).
pub fn minus(t: OffsetDateTime, d: Duration) -> OffsetDateTime {
    plus(t, d.checked_neg().unwrap_or(Duration::MAX))
}

/// `a - b` as a duration; cannot overflow for instants within years 0–9999, saturates beyond.
pub fn between(a: OffsetDateTime, b: OffsetDateTime) -> Duration {
    let (a, b) = (a.unix_timestamp_nanos(), b.unix_timestamp_nanos());
    let nanos = a.saturating_sub(b);
    let secs = (nanos / 1_000_000_000).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    Duration::seconds(secs)
}

pub use crate::xml::instant::{format_instant, parse_instant};

/// "2h 5m 3s", "10mo 15d", "3y 2mo" for a signed duration, without the sign: at most the two
/// largest units (a year is 365.25 days, a month 30.44, as humantime counts them).
pub fn span(d: Duration) -> String {
    let secs = d.whole_seconds().unsigned_abs();
    if secs == 0 {
        return "0s".into();
    }
    const UNITS: [(u64, &str); 6] = [
        (31_557_600, "y"),
        (2_630_016, "mo"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    let mut rest = secs;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        if rest >= size {
            parts.push(format!("{}{unit}", rest / size));
            rest %= size;
        }
        // Minutes and seconds only matter below a day; keep up to three parts under an hour.
        if parts.len() == 2 && secs >= 86_400 || parts.len() == 3 {
            break;
        }
    }
    parts.join(" ")
}

/// The reference time: `--now`/system clock, or the message's IssueInstant with `--at issue-instant`.
pub fn reference(msg: &Message, clock: &Clock) -> OffsetDateTime {
    if clock.at_issue_instant {
        // The consumed Assertion's IssueInstant first: it is what the IdP signs when it signs
        // only the Assertion (the Response's may be anyone's), then the message's own.
        let assertion = msg.consumed().and_then(|a| a.issue_instant.as_deref());
        if let Some(t) = assertion
            .or(msg.issue_instant.as_deref())
            .and_then(parse_instant)
        {
            return t;
        }
    }
    clock.now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_saml_instants() {
        assert!(parse_instant("2024-05-01T10:00:00Z").is_some());
        assert!(parse_instant("2024-05-01T10:00:00.123Z").is_some());
        assert!(parse_instant("2024-05-01T10:00:00").is_some());
        assert!(parse_instant("2024-05-01T10:00:00+02:00").is_some());
        // Entra ID writes seven fractional digits.
        assert!(parse_instant("2024-05-01T10:00:00.1234567Z").is_some());
        assert!(parse_instant("yesterday").is_none());
    }

    #[test]
    fn instants_at_the_ends_of_time_never_panic() {
        let skew = Duration::minutes(3);
        for raw in [
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z",
        ] {
            let t = parse_instant(raw).unwrap();
            let _ = plus(t, skew);
            let _ = minus(t, skew);
            let _ = plus(t, Duration::MAX);
            let _ = minus(t, Duration::MIN);
            let other = parse_instant("2024-05-01T10:00:00Z").unwrap();
            let _ = between(t, other);
            let _ = between(other, t);
        }
    }

    #[test]
    fn spans() {
        assert_eq!(span(Duration::seconds(-3725)), "1h 2m 5s");
        assert_eq!(span(Duration::ZERO), "0s");
    }
}

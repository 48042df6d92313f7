//! Time: NotBefore / NotOnOrAfter of Conditions and SubjectConfirmationData, IssueInstant and
//! SessionNotOnOrAfter against the reference time, with clock skew.

use crate::codes::Code;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::{Check, Finding, Sink};
use crate::xml::model::{Assertion, Message};

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
    pub label: String,
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

/// Checks every time bound and returns the time line (sorted). The SubjectConfirmationData
/// window is marked on the time line here but judged by [`super::bearer`] (one satisfied
/// confirmation is enough). `max_age` bounds how old the IssueInstant may be.
pub fn check(
    msg: &Message,
    assertion: Option<&Assertion>,
    clock: &Clock,
    max_age: Option<Duration>,
    sink: &mut Sink,
) -> Vec<Mark> {
    let now = reference(msg, clock);
    required_instants(msg, assertion, sink);
    too_old(msg, assertion, clock, max_age, now, sink);
    let mut marks = Vec::new();
    for (label, value, bound, line, path) in bounds(msg, assertion) {
        let Some(raw) = value else { continue };
        sink.judged(Check::Time);
        let Some(t) = parse_instant(&raw) else {
            sink.push(
                Finding::new(
                    Code::TimeUnparseable,
                    format!("{label} {raw:?} is not an xs:dateTime"),
                )
                .at(line, path),
            );
            continue;
        };
        let delta = between(t, now);
        marks.push(Mark {
            label: label.clone(),
            at: format_instant(t),
            offset_seconds: delta.whole_seconds(),
        });
        judge_bound(&label, t, bound, now, clock, line, path, sink);
    }
    marks.sort_by_key(|m| m.offset_seconds);
    marks
}

/// `--max-age`: the message issued longer ago than the SP accepts.
fn too_old(
    msg: &Message,
    assertion: Option<&Assertion>,
    clock: &Clock,
    max_age: Option<Duration>,
    now: OffsetDateTime,
    sink: &mut Sink,
) {
    if let Some(max) = max_age.filter(|_| !clock.at_issue_instant) {
        let issued = msg
            .issue_instant
            .as_deref()
            .or(assertion.and_then(|a| a.issue_instant.as_deref()))
            .and_then(parse_instant);
        if let Some(t) = issued {
            if minus(now, clock.skew) > plus(t, max) {
                sink.push(
                    Finding::new(
                        Code::TimeTooOld,
                        format!(
                            "the message was issued at {}, {} before the judged time {}: older than the maximum age {} (--max-age) plus the {} skew",
                            format_instant(t),
                            span(between(now, t)),
                            format_instant(now),
                            span(max),
                            span(clock.skew)
                        ),
                    )
                    .hint("retry the sign-in; to judge an old capture as of its own time, use --at issue-instant")
                    .at(0, format!("/{}", msg.root_name)),
                );
            }
        }
    }
}

/// Every instant the message and its Assertion carry, with what bound it is and where.
fn bounds(
    msg: &Message,
    assertion: Option<&Assertion>,
) -> Vec<(String, Option<String>, Bound, usize, String)> {
    let mut bounds: Vec<(String, Option<String>, Bound, usize, String)> = Vec::new();
    bounds.push((
        format!("{} IssueInstant", msg.root_name),
        msg.issue_instant.clone(),
        Bound::Issued,
        0,
        format!("/{}", msg.root_name),
    ));
    if let Some(a) = assertion {
        // A SAML 1.1 token's root is its Assertion: its IssueInstant is already listed.
        let own = msg.kind != crate::xml::model::MessageKind::Saml11Assertion;
        bounds.push((
            "Assertion IssueInstant".into(),
            a.issue_instant.clone().filter(|_| own),
            Bound::Issued,
            a.line,
            a.path.clone(),
        ));
        if let Some(c) = &a.conditions {
            let p = format!("{}/Conditions", a.path);
            bounds.push((
                "Conditions NotBefore".into(),
                c.not_before.clone(),
                Bound::NotBefore,
                c.line,
                p.clone(),
            ));
            bounds.push((
                "Conditions NotOnOrAfter".into(),
                c.not_on_or_after.clone(),
                Bound::NotOnOrAfter,
                c.line,
                p,
            ));
        }
        for sc in a.subject.iter().flat_map(|s| s.confirmations.iter()) {
            let p = format!(
                "{}/Subject/SubjectConfirmation/SubjectConfirmationData",
                a.path
            );
            bounds.push((
                "SubjectConfirmationData NotOnOrAfter".into(),
                sc.not_on_or_after.clone(),
                Bound::Confirmation,
                sc.line,
                p,
            ));
        }
        for s in &a.authn_statements {
            let p = format!("{}/AuthnStatement", a.path);
            bounds.push((
                "AuthnStatement SessionNotOnOrAfter".into(),
                s.session_not_on_or_after.clone(),
                Bound::Session,
                a.line,
                p,
            ));
        }
    }
    bounds
}

/// Judges one instant against the judged time and the skew.
#[allow(clippy::too_many_arguments)]
fn judge_bound(
    label: &str,
    t: OffsetDateTime,
    bound: Bound,
    now: OffsetDateTime,
    clock: &Clock,
    line: usize,
    path: String,
    sink: &mut Sink,
) {
    let delta = between(t, now);
    let who = if clock.at_issue_instant {
        "the message's IssueInstant"
    } else {
        "now"
    };
    match bound {
        Bound::Confirmation => {}
        Bound::NotBefore if t > plus(now, clock.skew) => sink.push(
            Finding::new(
                Code::TimeNotYetValid,
                format!(
                    "{label} is {} after {who} ({}), beyond the {} skew: the IdP's clock is ahead of this one by more than {}",
                    span(delta),
                    format_instant(now),
                    span(clock.skew),
                    span(delta.saturating_sub(clock.skew))
                ),
            )
            .hint("sync the IdP's and the SP's clocks with NTP")
            .at(line, path),
        ),
        Bound::NotOnOrAfter if now >= plus(t, clock.skew) => sink.push(
            Finding::new(
                Code::TimeExpired,
                format!(
                    "{label} passed {} before {who} ({}), beyond the {} skew",
                    span(delta),
                    format_instant(now),
                    span(clock.skew)
                ),
            )
            .hint(if clock.at_issue_instant {
                "the message was already expired when issued: the IdP's validity window or clock is wrong".to_string()
            } else {
                "if this is an old capture, judge it with --at issue-instant; otherwise sync clocks (NTP) and retry the sign-in".to_string()
            })
            .at(line, path),
        ),
        Bound::Issued if t > plus(now, clock.skew) => sink.push(
            Finding::new(
                Code::TimeIssuedInFuture,
                format!("{label} is {} after {who} ({}), beyond the {} skew: the IdP's clock is ahead", span(delta), format_instant(now), span(clock.skew)),
            )
            .hint("sync the IdP's clock with NTP")
            .at(line, path),
        ),
        Bound::Session if now >= plus(t, clock.skew) => sink.push(
            Finding::new(Code::TimeSessionExpired, format!("{label} passed {} before {who}", span(delta))).at(line, path),
        ),
        _ => {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// SubjectConfirmationData NotOnOrAfter: on the time line, judged by `bearer`.
    Confirmation,
    NotBefore,
    NotOnOrAfter,
    Issued,
    Session,
}

/// IssueInstant is REQUIRED on the protocol message (core §3.2.1; not on a SAML 1.1 token, where
/// it sits on the Assertion) and on every Assertion (core §2.3.3).
fn required_instants(msg: &Message, assertion: Option<&Assertion>, sink: &mut Sink) {
    use crate::xml::model::MessageKind;
    let root = format!("/{}", msg.root_name);
    if msg.issue_instant.is_none() {
        sink.push(
            Finding::new(
                Code::IssueInstantMissing,
                format!(
                    "the {} has no IssueInstant (SAML core §3.2.1, §2.3.3)",
                    msg.kind.title()
                ),
            )
            .at(0, root),
        );
    }
    if let Some(a) = assertion.filter(|_| msg.kind == MessageKind::Response) {
        if a.issue_instant.is_none() {
            sink.push(
                Finding::new(
                    Code::IssueInstantMissing,
                    "the Assertion has no IssueInstant (SAML core §2.3.3)",
                )
                .at(a.line, a.path.clone()),
            );
        }
    }
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

//! Time: NotBefore / NotOnOrAfter of Conditions and SubjectConfirmationData, IssueInstant and
//! SessionNotOnOrAfter against the judged instant, with clock skew; and the report's time line.

pub mod clock;
pub mod instants;

use crate::codes::Code;
use time::{Duration, OffsetDateTime};

use super::context::Context;
use crate::check::Check;
use crate::finding::{Finding, Sink};
use crate::xml::model::{Assertion, Message};
use clock::{between, format_instant, minus, parse_instant, plus, span, Clock, Mark};
use instants::{Bound, Instant};

/// Checks every time bound against the judged instant and the skew. The SubjectConfirmationData
/// window is on the time line but judged by [`super::bearer`] (one satisfied confirmation is
/// enough). `--max-age` bounds how old the IssueInstant may be.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, assertion, clock, now) = (c.msg, c.consumed, c.clock, c.judged_at);
    required_instants(msg, assertion, sink);
    too_old(msg, assertion, clock, c.max_age, now, sink);
    for i in &c.instants {
        sink.judged(Check::Time);
        let Some(t) = i.at else {
            sink.push(
                Finding::new(
                    Code::TimeUnparseable,
                    format!("{} {:?} is not an xs:dateTime", i.label, i.raw),
                )
                .at(i.line, i.path()),
            );
            continue;
        };
        judge_bound(i, t, now, clock, sink);
    }
}

/// The report's time line: every instant read for the message (see [`instants::read`]), as an
/// offset from the judged instant `now`, sorted (an unparseable one is left off; the check
/// reports it).
pub fn timeline(instants: &[Instant], now: OffsetDateTime) -> Vec<Mark> {
    let mut marks: Vec<Mark> = instants
        .iter()
        .filter_map(|i| {
            let t = i.at?;
            Some(Mark {
                label: i.label.clone(),
                at: format_instant(t),
                offset_seconds: between(t, now).whole_seconds(),
            })
        })
        .collect();
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

/// Judges one instant (at `t`) against the judged time and the skew.
fn judge_bound(
    i: &Instant,
    t: OffsetDateTime,
    now: OffsetDateTime,
    clock: &Clock,
    sink: &mut Sink,
) {
    let (label, bound, line) = (&i.label, i.bound, i.line);
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
            .at(line, i.path()),
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
            .at(line, i.path()),
        ),
        Bound::Issued if t > plus(now, clock.skew) => sink.push(
            Finding::new(
                Code::TimeIssuedInFuture,
                format!("{label} is {} after {who} ({}), beyond the {} skew: the IdP's clock is ahead", span(delta), format_instant(now), span(clock.skew)),
            )
            .hint("sync the IdP's clock with NTP")
            .at(line, i.path()),
        ),
        Bound::Session if now >= plus(t, clock.skew) => sink.push(
            Finding::new(Code::TimeSessionExpired, format!("{label} passed {} before {who}", span(delta))).at(line, i.path()),
        ),
        _ => {}
    }
}

/// IssueInstant is REQUIRED on the protocol message (core §3.2.1; not on a SAML 1.1 token, where
/// it sits on the Assertion) and on every Assertion (core §2.3.3).
fn required_instants(msg: &Message, assertion: Option<&Assertion>, sink: &mut Sink) {
    use crate::xml::model::MessageKind;
    if msg.issue_instant.is_none() {
        sink.push(
            Finding::new(
                Code::IssueInstantMissing,
                format!(
                    "the {} has no IssueInstant (SAML core §3.2.1, §2.3.3)",
                    msg.kind.title()
                ),
            )
            .at(0, format!("/{}", msg.root_name)),
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

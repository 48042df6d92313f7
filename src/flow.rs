//! A capture as the sign-in it records. A HAR or SAML-tracer export of one sign-in holds the
//! SP's AuthnRequest and the IdP's Response: the verdict is the sign-in's, so a request there is
//! context for the Response, not a second verdict that fails because the SP does not sign its
//! requests (most do not). And one Assertion must be accepted once (SAML profiles §4.1.4.5): the
//! same authenticated Assertion ID a second time within one run is a replay.

use std::collections::HashMap;

use crate::check::{Check, Severity, State};
use crate::finding::Finding;
use crate::report::{Report, Verdict};

/// Judges the messages of one input (a HAR, a tracer export, a file of several messages) as one
/// sign-in: when it holds a Response, the requests and logout messages in it are context.
pub fn as_sign_in(reports: &mut [Report]) {
    if !reports.iter().any(|r| r.message == Some("response")) {
        return;
    }
    for r in reports.iter_mut() {
        if !matches!(
            r.message,
            Some("authn_request" | "logout_request" | "logout_response")
        ) {
            continue;
        }
        let mut changed = false;
        for f in r
            .findings
            .iter_mut()
            .filter(|f| f.code == "message-unauthenticated")
        {
            f.severity = Severity::Info;
            f.message = format!("{} — context for the sign-in the Response in this capture completes: the sign-in's verdict is the Response's", f.message);
            changed = true;
        }
        if changed {
            rejudge(r, Check::Signature);
        }
    }
}

/// Replays within one run: the second and later reports carrying an authenticated Assertion ID
/// already seen fail with `assertion-replayed`. `seen` spans the run (a batch, `check`).
pub fn replays(reports: &mut [Report], seen: &mut HashMap<String, String>) {
    for r in reports.iter_mut() {
        let Some(id) = r.assertion_id.clone() else {
            continue;
        };
        let here = r.context.clone().unwrap_or_else(|| r.origin.clone());
        match seen.get(&id) {
            Some(first) => {
                r.findings.insert(
                    0,
                    Finding::new(
                        "assertion-replayed",
                        format!("Assertion {id:?} was already presented in {first}: an SP accepts an Assertion once (SAML profiles §4.1.4.5), so this is a replay"),
                    ),
                );
                if let Some((_, s)) = r.checks.0.iter_mut().find(|(c, _)| *c == Check::Time) {
                    *s = State::Fail;
                }
                if r.verdict == Verdict::Pass {
                    r.verdict = Verdict::Fail;
                }
            }
            None => {
                seen.insert(id, here);
            }
        }
    }
}

/// Recomputes `check`'s state and the verdict after a finding's severity changed.
fn rejudge(r: &mut Report, check: Check) {
    let worst = r
        .findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.severity)
        .max();
    if let Some((_, s)) = r.checks.0.iter_mut().find(|(c, _)| *c == check) {
        *s = match worst {
            Some(Severity::Error) => State::Fail,
            Some(Severity::Warning) => State::Warn,
            _ => State::Skip,
        };
    }
    if r.verdict == Verdict::Fail && !r.findings.iter().any(|f| f.severity == Severity::Error) {
        r.verdict = Verdict::Pass;
    }
}

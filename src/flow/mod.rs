//! A capture as the sign-in it records. A HAR or SAML-tracer export of one sign-in holds the
//! SP's AuthnRequest, the IdP's answer (a Response, or an error page), the POST to the ACS and
//! the SP's answer to it: the verdict is the sign-in's, so a request there is context for the
//! Response, not a second verdict that fails because the SP does not sign its requests (most do
//! not); the Response is compared with the request it answers (InResponseTo, ACS, NameID format,
//! authentication context, audience, RelayState); the SP's answer and the IdP's error pages are
//! findings with their fix. And one Assertion must be accepted once (SAML profiles §4.1.4.5):
//! the same authenticated Assertion ID a second time within one run is a replay.

use crate::codes::Code;
use std::collections::HashMap;

use crate::check::{Check, Severity, State};
use crate::finding::{cause_rank, Finding};
use crate::report::{Report, Verdict};

mod answer;
mod correlate;
mod idp;

/// Judges the messages of one input (a HAR, a tracer export, a file of several messages) as one
/// sign-in: when it holds a Response, the requests and logout messages in it are context.
pub fn as_sign_in(reports: &mut [Report]) {
    idp::idp_errors(reports);
    idp::no_answer(reports);
    // A request recorded by a capture (a HAR, a SAML-tracer export) is part of a sign-in: context
    // for the IdP's answer, whatever that answer is. A request given on its own is judged alone.
    let in_capture = reports.iter().any(|r| r.http.is_some());
    if !in_capture
        && !reports
            .iter()
            .any(|r| r.message == Some(crate::xml::model::MessageKind::Response))
    {
        return;
    }
    for k in 0..reports.len() {
        if reports[k].message != Some(crate::xml::model::MessageKind::Response) {
            continue;
        }
        let request = reports[..k]
            .iter()
            .rposition(|r| r.message == Some(crate::xml::model::MessageKind::AuthnRequest));
        if let Some(j) = request {
            let earlier: Vec<String> = reports[..j]
                .iter()
                .filter(|r| r.message == Some(crate::xml::model::MessageKind::AuthnRequest))
                .filter_map(|r| r.message_id.clone())
                .collect();
            let found = correlate::correlate(&reports[j], &reports[k], &earlier);
            for f in found {
                add(&mut reports[k], f);
            }
        }
        let found = answer::sp_answer(&reports[k]);
        for f in found {
            add(&mut reports[k], f);
        }
        let found = answer::cookies(&reports[..k], &reports[k]);
        for f in found {
            add(&mut reports[k], f);
        }
    }
    for r in reports.iter_mut() {
        if !matches!(
            r.message,
            Some(
                crate::xml::model::MessageKind::AuthnRequest
                    | crate::xml::model::MessageKind::LogoutRequest
                    | crate::xml::model::MessageKind::LogoutResponse
            )
        ) {
            continue;
        }
        let mut changed = false;
        for f in r
            .findings
            .iter_mut()
            .filter(|f| f.code == Code::MessageUnauthenticated)
        {
            f.severity = Severity::Info;
            f.hint = None;
            f.message = format!("{} — context for the sign-in this capture records: its verdict is the IdP's answer's", f.message);
            changed = true;
        }
        if changed {
            rejudge(r, Check::Signature);
        }
    }
}

/// What a run judges of one input after every input before it, in input order: replays against
/// the Assertion IDs `seen` so far, then the sign-ins the input records (assembled last, after
/// every judgement).
pub fn in_run(reports: &mut [Report], seen: &mut HashMap<String, String>) {
    replays(reports, seen);
    crate::report::flow::assemble(reports);
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
                        Code::AssertionReplayed,
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

/// Adds a finding to a finished report: its check's state, the verdict and the order follow.
fn add(r: &mut Report, f: Finding) {
    let check = f.check;
    let sev = f.severity;
    r.findings.push(f);
    r.findings
        .sort_by_key(|x| (std::cmp::Reverse(x.severity), cause_rank(x)));
    if let Some((_, s)) = r.checks.0.iter_mut().find(|(c, _)| *c == check) {
        *s = match (sev, *s) {
            (Severity::Error, _) | (_, State::Fail) => State::Fail,
            (Severity::Warning, _) | (_, State::Warn) => State::Warn,
            (_, s) => s,
        };
    }
    if sev == Severity::Error && r.verdict == Verdict::Pass {
        r.verdict = Verdict::Fail;
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

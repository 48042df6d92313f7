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

use crate::check::{Check, Severity};
use crate::finding::{Finding, Policy};
use crate::report::Report;

mod answer;
mod assemble;
mod correlate;
mod idp;

/// Judges the messages of one input (a HAR, a tracer export, a file of several messages) as one
/// sign-in: when it holds a Response, the requests and logout messages in it are context.
pub fn as_sign_in(reports: &mut [Report], policy: &Policy) {
    judge_sign_in(reports, policy);
    for r in reports.iter_mut() {
        r.settle();
    }
}

/// The capture-level findings of [`as_sign_in`], pushed through each report with the policy.
fn judge_sign_in(reports: &mut [Report], policy: &Policy) {
    idp::idp_errors(reports, policy);
    idp::no_answer(reports, policy);
    // A request recorded by a capture (a HAR, a SAML-tracer export) is part of a sign-in: context
    // for the IdP's answer, whatever that answer is. A request given on its own is judged alone.
    let in_capture = reports.iter().any(|r| r.http.is_some());
    let has_response = reports
        .iter()
        .any(|r| r.message == Some(crate::xml::model::MessageKind::Response));
    if !in_capture && !has_response {
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
                reports[k].push(f, policy);
            }
        }
        let found = answer::sp_answer(&reports[k]);
        for f in found {
            reports[k].push(f, policy);
        }
        let found = answer::cookies(&reports[..k], &reports[k]);
        for f in found {
            reports[k].push(f, policy);
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
        // With a Response the sign-in's verdict is the Response's; without one (the IdP
        // refused, the capture stops) the request carries what happened to it.
        r.context_of_sign_in = has_response;
        // The request's own finding is replaced by the context one (information): the
        // sign-in's verdict is the IdP's answer's.
        let (context, rest): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut r.findings)
            .into_iter()
            .partition(|f| f.code == Code::MessageUnauthenticated);
        r.findings = rest;
        r.judged.retain(|c| *c != Check::Signature);
        for mut f in context {
            f.severity = Severity::Info;
            f.hint = None;
            f.message = format!("{} — context for the sign-in this capture records: its verdict is the IdP's answer's", f.message);
            r.findings.push(f);
        }
    }
}

/// What a run judges of one input after every input before it, in input order: replays against
/// the Assertion IDs `seen` so far, then the sign-ins the input records (assembled last, after
/// every judgement).
pub fn in_run(reports: &mut [Report], seen: &mut HashMap<String, String>, policy: &Policy) {
    replays(reports, seen, policy);
    assemble::assemble(reports);
}

/// Replays within one run: the second and later reports carrying an authenticated Assertion ID
/// already seen fail with `assertion-replayed`. `seen` spans the run (a batch, `check`).
pub fn replays(reports: &mut [Report], seen: &mut HashMap<String, String>, policy: &Policy) {
    for r in reports.iter_mut() {
        let Some(id) = r.assertion_id.clone() else {
            continue;
        };
        let here = r.context.clone().unwrap_or_else(|| r.origin.clone());
        match seen.get(&id) {
            Some(first) => {
                r.push(
                    Finding::new(
                        Code::AssertionReplayed,
                        format!("Assertion {id:?} was already presented in {first}: an SP accepts an Assertion once (SAML profiles §4.1.4.5), so this is a replay"),
                    ),
                    policy,
                );
                r.settle();
            }
            None => {
                seen.insert(id, here);
            }
        }
    }
}

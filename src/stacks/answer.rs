//! Puts the named stacks' answers into a report: a row per stack, and — when one stack was
//! named — its decision as findings (`sp-stack-rejects` with the library's rule and text, or
//! `sp-stack-weakness`), samlcheck's own errors lowered to warnings except the forgery floor.
//! Every renderer and CI format then shows the decision the exit code follows.

use time::OffsetDateTime;

use super::{facts, is_floor, StackVerdict};
use crate::analyze::options::Options;
use crate::check::{Check, Severity};
use crate::codes::Code;
use crate::finding::Finding;
use crate::input::{Capture, Step};
use crate::report::Report;
use crate::xml::model::{Message, MessageKind};

/// Why the stacks cannot be asked about this message, if they cannot.
fn not_asked(capture: &Capture, msg: &Message, report: &Report) -> Option<String> {
    if msg.kind != MessageKind::Response {
        return Some(format!(
            "{}, not a SAML 2.0 Response: the profiled stacks judge Responses posted to the ACS",
            report.kind_title()
        ));
    }
    if capture.steps.contains(&Step::BareAssertion) {
        return Some(
            "a bare Assertion: an SP is posted a Response, which this capture does not hold".into(),
        );
    }
    if capture.steps.contains(&Step::WsFederation) {
        return Some("a WS-Federation token: the profiled stacks are SAML 2.0 Web SSO SPs".into());
    }
    if report
        .findings
        .iter()
        .any(|f| f.code == Code::AssertionEncrypted)
    {
        return Some(
            "the Assertion is encrypted and was not opened: give --sp-key so its content can be judged"
                .into(),
        );
    }
    None
}

/// Answers for every stack of `opts` and, with one stack named, its decision.
pub fn answer(
    report: &mut Report,
    capture: &Capture,
    msg: &Message,
    opts: &Options,
    at: OffsetDateTime,
) {
    // A request or logout message (the SP's own, or context in a capture) is not what an SP
    // stack is asked about: no row.
    if matches!(
        msg.kind,
        MessageKind::AuthnRequest | MessageKind::LogoutRequest | MessageKind::LogoutResponse
    ) {
        return;
    }
    if let Some(why) = not_asked(capture, msg, report) {
        report.stacks = opts
            .stacks
            .iter()
            .map(|s| StackVerdict::not_asked(&s.stack, &why))
            .collect();
        return;
    }
    // Without the SP's entity ID or ACS the audience, Destination and Recipient rules cannot
    // fire; a capture's AuthnRequest names both ([`from_capture`]), so the message is kept.
    let exp = &opts.expectations;
    if exp.audiences.is_empty() || exp.acs.is_empty() {
        report.stack_basis = Some(Box::new(Basis {
            msg: msg.clone(),
            xml: capture.xml.clone(),
            at,
        }));
    }
    decide(report, msg, &capture.xml, opts, exp, at);
}

/// What the stacks' answers were measured from, kept when the SP's entity ID or ACS was not
/// given, so a capture's AuthnRequest can supply them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    msg: Message,
    xml: Vec<u8>,
    at: OffsetDateTime,
}

/// The answers from the facts under `exp`, and with one stack named, its decision as findings.
fn decide(
    report: &mut Report,
    msg: &Message,
    xml: &[u8],
    opts: &Options,
    exp: &crate::checks::expect::Expectations,
    at: OffsetDateTime,
) {
    let facts = facts::measure(msg, xml, report, exp, at);
    report.stacks = opts.stacks.iter().map(|s| s.judge(&facts)).collect();
    report.stack_decides = opts.stacks.len() == 1 && opts.stack_decides;
    report
        .findings
        .retain(|f| !matches!(f.code, Code::SpStackRejects | Code::SpStackWeakness));
    if !report.stack_decides {
        return;
    }
    for f in report.findings.iter_mut() {
        if f.severity == Severity::Error && !is_floor(f) {
            f.severity = Severity::Warning;
        }
    }
    report.judged.push(Check::SpStack);
    let row = report.stacks[0].clone();
    let head = format!("{}@{}", row.stack, row.version);
    let finding = if !row.accepts {
        Finding::new(
            Code::SpStackRejects,
            format!(
                "{head} would reject it: {} \"{}\" ({})",
                row.rule.as_deref().unwrap_or(""),
                row.error.as_deref().unwrap_or(""),
                row.cite.as_deref().unwrap_or("")
            ),
        )
        .hint(format!(
            "that is {}'s own rule ({}); samlcheck's findings say what in the message triggers it",
            row.stack,
            if row.evidence.starts_with("measured") {
                "its profile is measured against the real library"
            } else {
                "its profile is read from the library's source, not run"
            }
        ))
    } else if !row.weaknesses.is_empty() {
        Finding::new(
            Code::SpStackWeakness,
            format!(
                "{head} would accept it — weakness: {}",
                row.weaknesses.join("; ")
            ),
        )
    } else {
        return;
    };
    report.findings.push(finding);
}

/// A Response of a capture answered without the SP's entity ID or ACS: answered again with
/// those of the AuthnRequest before it (its Issuer and AssertionConsumerServiceURL), as the
/// SP that sent that request is configured.
pub fn from_capture(reports: &mut [Report], opts: &Options) {
    for k in 0..reports.len() {
        if reports[k].stack_basis.is_none() {
            continue;
        }
        let Some(j) = reports[..k]
            .iter()
            .rposition(|r| r.message == Some(MessageKind::AuthnRequest))
        else {
            continue;
        };
        let mut exp = opts.expectations.clone();
        if exp.audiences.is_empty() {
            exp.audiences.extend(reports[j].issuer.clone());
        }
        if exp.acs.is_empty() {
            exp.acs
                .extend(reports[j].request.as_ref().and_then(|q| q.acs_url.clone()));
        }
        if exp == opts.expectations {
            continue;
        }
        let Some(basis) = reports[k].stack_basis.take() else {
            continue;
        };
        decide(
            &mut reports[k],
            &basis.msg,
            &basis.xml,
            opts,
            &exp,
            basis.at,
        );
        reports[k].settle();
    }
}

//! The IdP's side of a capture: error pages and redirects it showed instead of a Response
//! (recognised from `data/idp-errors.tsv`), and a sign-in the capture ends before the IdP
//! answered.

use crate::codes::Code;
use crate::finding::{Finding, Policy};
use crate::report::Report;

/// IdP error pages and error redirects anywhere in the capture: added to the message before them
/// (the AuthnRequest the IdP refused, usually).
pub(super) fn idp_errors(reports: &mut [Report], policy: &Policy) {
    for r in reports.iter_mut() {
        let mut found = Vec::new();
        // After a Response, only its answer chain belongs to this sign-in.
        let later = if r.message == Some(crate::xml::model::MessageKind::Response) {
            crate::input::exchange::answer_chain(r.http.as_ref(), &r.later)
        } else {
            &r.later
        };
        for x in r.earlier.iter().chain(r.http.iter()).chain(later.iter()) {
            if let Some(e) = crate::idp::errors::recognise(&x.evidence) {
                found.push(
                    Finding::new(
                        Code::IdpErrorPage,
                        format!(
                            "{} answered with {} at {}: {}",
                            e.product,
                            e.code,
                            crate::input::short_url(&x.url),
                            e.meaning
                        ),
                    )
                    .hint(e.fix),
                );
            } else if let Some(code) = crate::idp::errors::aadsts(&x.evidence) {
                found.push(
                    Finding::new(
                        Code::IdpErrorPage,
                        format!(
                            "Microsoft Entra ID answered with {code} at {}",
                            crate::input::short_url(&x.url)
                        ),
                    )
                    .hint(format!(
                        "look the code up at https://login.microsoftonline.com/error?code={}",
                        &code[6..]
                    )),
                );
            }
        }
        found.dedup_by(|a, b| a.message == b.message);
        for f in found {
            r.push(f, policy);
        }
    }
}

/// A capture whose last AuthnRequest got no Response and no recognised error page: the sign-in
/// did not complete within the capture, and an OK about the request alone would hide that.
pub(super) fn no_answer(reports: &mut [Report], policy: &Policy) {
    use crate::xml::model::MessageKind;
    let requests: Vec<usize> = (0..reports.len())
        .filter(|&k| {
            reports[k].message == Some(MessageKind::AuthnRequest) && reports[k].http.is_some()
        })
        .collect();
    for (n, &k) in requests.iter().enumerate() {
        // The Response to it comes before the next request, if at all.
        let until = requests.get(n + 1).copied().unwrap_or(reports.len());
        // Answered: a Response before the next request, or one later that names this request
        // (a stale answer, judged by flow-in-response-to).
        let id = reports[k].message_id.clone();
        // An unreadable SAMLResponse is an answer too: the IdP answered, unreadably.
        let answered = reports[k + 1..until].iter().any(|r| {
            r.message == Some(MessageKind::Response)
                || (r.verdict == crate::report::Verdict::InputError
                    && r.parameter.as_deref() == Some("SAMLResponse"))
        }) || reports[k + 1..].iter().any(|r| {
            r.message == Some(MessageKind::Response) && id.is_some() && r.in_response_to == id
        });
        let error_page = reports[k]
            .findings
            .iter()
            .any(|f| f.code == Code::IdpErrorPage);
        if answered || error_page {
            continue;
        }
        let r = &mut reports[k];
        // The IdP answered with an HTTP error (a 4xx or 5xx page) rather than not at all.
        let refused = r
            .http
            .iter()
            .chain(r.later.iter())
            .find(|x| x.status >= 400)
            .map(|x| {
                format!(
                    "{} answered HTTP {}{}",
                    crate::input::short_url(&x.url),
                    x.status,
                    x.title
                        .as_deref()
                        .map(|t| format!(" ({t:?})"))
                        .unwrap_or_default()
                )
            });
        if let Some(what) = refused {
            r.push(
                Finding::new(
                    Code::IdpErrorPage,
                    format!("the IdP refused the sign-in: {what}, and sent no Response"),
                )
                .hint("read the IdP's page (its text or error code names the cause: the user not assigned to the application, a conditional-access or sign-on policy, an unknown application); the IdP's sign-in logs have the details"),
                policy,
            );
            continue;
        }
        let seen = r
            .http
            .iter()
            .chain(r.later.iter())
            .rev()
            .find_map(|x| {
                x.title
                    .as_deref()
                    .map(|t| format!("{} ({t:?})", crate::input::short_url(&x.url)))
            })
            .map(|s| format!("; the last page it shows is {s}"))
            .unwrap_or_default();
        r.push(
            Finding::new(
                Code::FlowNoResponse,
                format!("the capture holds the SP's AuthnRequest but no Response and no error page the IdP sent back{seen}: the sign-in did not complete while it was recorded"),
            )
            .hint("record the whole sign-in: open devtools → Network with 'Preserve log' on before starting at the SP, sign in at the IdP, then save the HAR; if the IdP showed an error, its message (or its code) is the cause"),
            policy,
        );
    }
}

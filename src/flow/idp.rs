//! The IdP's side of a capture: error pages and redirects it showed instead of a Response
//! (recognised from `data/idp-errors.tsv`), and a sign-in the capture ends before the IdP
//! answered.

use super::add;
use crate::codes::Code;
use crate::finding::Finding;
use crate::report::Report;

/// IdP error pages and error redirects anywhere in the capture: added to the message before them
/// (the AuthnRequest the IdP refused, usually).
pub(super) fn idp_errors(reports: &mut [Report]) {
    for r in reports.iter_mut() {
        let mut found = Vec::new();
        for x in r.earlier.iter().chain(r.http.iter()).chain(r.later.iter()) {
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
            add(r, f);
        }
    }
}

/// A capture whose last AuthnRequest got no Response and no recognised error page: the sign-in
/// did not complete within the capture, and an OK about the request alone would hide that.
pub(super) fn no_answer(reports: &mut [Report]) {
    let Some(last) = reports.iter().rposition(|r| {
        r.message == Some(crate::xml::model::MessageKind::AuthnRequest) && r.http.is_some()
    }) else {
        return;
    };
    let answered = reports[last + 1..]
        .iter()
        .any(|r| r.message == Some(crate::xml::model::MessageKind::Response));
    let error_page = reports[last]
        .findings
        .iter()
        .any(|f| f.code == Code::IdpErrorPage);
    if answered || error_page {
        return;
    }
    let r = &mut reports[last];
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
    add(
        r,
        Finding::new(
            Code::FlowNoResponse,
            format!("the capture holds the SP's AuthnRequest but no Response and no error page the IdP sent back{seen}: the sign-in did not complete while it was recorded"),
        )
        .hint("record the whole sign-in: open devtools → Network with 'Preserve log' on before starting at the SP, sign in at the IdP, then save the HAR; if the IdP showed an error, its message (or its code) is the cause"),
    );
}

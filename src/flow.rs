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
use crate::input::exchange::Exchange;
use crate::report::{Report, Verdict};

/// Judges the messages of one input (a HAR, a tracer export, a file of several messages) as one
/// sign-in: when it holds a Response, the requests and logout messages in it are context.
pub fn as_sign_in(reports: &mut [Report]) {
    idp_errors(reports);
    no_answer(reports);
    // A request recorded by a capture (a HAR, a SAML-tracer export) is part of a sign-in: context
    // for the IdP's answer, whatever that answer is. A request given on its own is judged alone.
    let in_capture = reports.iter().any(|r| r.http.is_some());
    if !in_capture && !reports.iter().any(|r| r.message == Some("response")) {
        return;
    }
    for k in 0..reports.len() {
        if reports[k].message != Some("response") {
            continue;
        }
        let request = reports[..k]
            .iter()
            .rposition(|r| r.message == Some("authn_request"));
        if let Some(j) = request {
            let earlier: Vec<String> = reports[..j]
                .iter()
                .filter(|r| r.message == Some("authn_request"))
                .filter_map(|r| r.message_id.clone())
                .collect();
            let found = correlate(&reports[j], &reports[k], &earlier);
            for f in found {
                add(&mut reports[k], f);
            }
        }
        let found = sp_answer(&reports[k]);
        for f in found {
            add(&mut reports[k], f);
        }
        let found = cookies(&reports[..k], &reports[k]);
        for f in found {
            add(&mut reports[k], f);
        }
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

/// The Response compared with the AuthnRequest before it in the capture.
fn correlate(req: &Report, resp: &Report, earlier: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    let info = req.request.clone().unwrap_or_default();
    let rid = req.message_id.as_deref().unwrap_or("");
    // InResponseTo (profiles §4.1.4.2).
    match resp.in_response_to.as_deref() {
        None => out.push(
            Finding::new(
                Code::InResponseToUnsolicited,
                format!("the capture holds the SP's AuthnRequest {rid:?}, but the Response carries no InResponseTo: the IdP answered with an IdP-initiated Response, which an SP that started the sign-in may refuse"),
            )
            .hint("start the sign-in from the SP again; if the IdP always sends unsolicited Responses, the SP application in the IdP is set up for IdP-initiated sign-in only (check its Login URL / SP-initiated setting)"),
        ),
        Some(irt) if irt != rid => {
            let why = if earlier.iter().any(|e| e == irt) {
                "an earlier AuthnRequest in this capture: the browser posted a stale Response (a second tab, the back button, or a retry), and the SP expects the latest request"
            } else {
                "no request in this capture: the SP will not find the request state it is looking for"
            };
            out.push(
                Finding::new(
                    Code::FlowInResponseTo,
                    format!("the Response answers {irt:?}, but the AuthnRequest just before it in the capture is {rid:?}; {irt:?} is {why} (profiles §4.1.4.2)"),
                )
                .hint("close other sign-in tabs and start the sign-in once from the SP; if it persists, the SP loses its request state (see sp-cookie-samesite)"),
            );
        }
        Some(_) => {}
    }
    // The requested ACS (profiles §4.1.4.1) against Destination, Recipient and the POST's URL:
    // the URL the request names, or the endpoint its index (or the default) names in the SP
    // metadata.
    let named = info.acs_from_metadata.as_ref();
    let asked = match (info.acs_url.as_deref(), named) {
        (Some(u), _) => Some((u, "AssertionConsumerServiceURL".to_string())),
        (None, Some(e)) => Some((
            e.location.as_str(),
            match (&info.acs_index, &e.index) {
                (Some(i), _) => {
                    format!("AssertionConsumerServiceIndex {i}, which the SP metadata maps to")
                }
                (None, _) => "no ACS, so the SP metadata's default ACS".to_string(),
            },
        )),
        _ => None,
    };
    binding(&info, resp, &mut out);
    if let Some((acs, how)) = asked {
        let mut seen: Vec<(&str, String)> = Vec::new();
        if let Some(d) = resp.destination.as_deref() {
            seen.push(("Destination", d.to_string()));
        }
        for r in &resp.recipients {
            seen.push(("Recipient", r.clone()));
        }
        if let Some(x) = resp.http.as_ref().filter(|x| x.method == "POST") {
            // The ACS is the URL's path; a query the SP added (a session hint) is not part of it.
            let posted = x.url.split(['?', '#']).next().unwrap_or(&x.url);
            if !acs.contains('?') {
                seen.push(("URL the browser posted to", posted.to_string()));
            } else {
                seen.push(("URL the browser posted to", x.url.clone()));
            }
        }
        for (what, v) in seen {
            if v != acs {
                out.push(
                    Finding::new(
                        Code::FlowAcsMismatch,
                        format!("the AuthnRequest asked for {how} {acs:?}, but the Response's {what} is {v:?}: {}", crate::checks::expect::diff(acs, &v)),
                    )
                    .hint(format!("set the IdP application's ACS (Reply) URL to {acs} exactly, or make the SP request the URL the IdP has")),
                );
            }
        }
    }
    // NameIDPolicy Format (core §3.4.1.1).
    const UNSPECIFIED: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    if let (Some(want), Some(got)) = (
        info.name_id_policy_format
            .as_deref()
            .filter(|f| *f != UNSPECIFIED),
        resp.subject.as_ref().and_then(|s| s.format.as_deref()),
    ) {
        if want != got {
            out.push(
                Finding::new(
                    Code::FlowNameidFormat,
                    format!("the AuthnRequest asked for NameID format {want:?} (NameIDPolicy), but the Response's NameID has format {got:?}"),
                )
                .hint(format!("set the IdP application's Name ID format to {want}, or make the SP ask for unspecified")),
            );
        }
    }
    // RequestedAuthnContext (core §3.3.2.2.1).
    if let (Some(rac), Some(class)) = (
        info.requested_authn_context.as_ref(),
        resp.authn_class.as_deref(),
    ) {
        if rac.comparison == "exact"
            && !rac.class_refs.is_empty()
            && !rac.class_refs.iter().any(|c| c == class)
        {
            out.push(
                Finding::new(
                    Code::FlowAuthnContext,
                    format!("the AuthnRequest asked for authentication context {:?} (Comparison exact), but the Assertion says {class:?}", rac.class_refs),
                )
                .hint("an SP that enforces RequestedAuthnContext refuses this; Entra answers such a request with AADSTS75011 when it cannot satisfy it: make the SP stop sending RequestedAuthnContext or use Comparison=\"minimum\""),
            );
        }
    }
    // ForceAuthn (core §3.4.1): the user must authenticate anew, so AuthnInstant cannot precede
    // the request (three minutes of clock skew allowed).
    let forced = matches!(
        info.force_authn.as_deref().map(str::trim),
        Some("true" | "1")
    );
    let parse = crate::checks::time::parse_instant;
    if let (true, Some(asked), Some(authn)) = (
        forced,
        req.issue_instant.as_deref().and_then(parse),
        resp.authn_instant.as_deref().and_then(parse),
    ) {
        if crate::checks::time::plus(authn, time::Duration::minutes(3)) < asked {
            out.push(
                Finding::new(
                    Code::FlowForceAuthn,
                    format!(
                        "the AuthnRequest asked for ForceAuthn at {}, but the Assertion's AuthnInstant is {} earlier: the IdP reused the user's session instead of authenticating again (core §3.4.1)",
                        crate::checks::time::format_instant(asked),
                        crate::checks::time::span(crate::checks::time::between(asked, authn))
                    ),
                )
                .hint("an SP that enforces ForceAuthn (for step-up or re-authentication) refuses this; check that the IdP application honours ForceAuthn (some IdPs ignore it unless a sign-on policy requires re-authentication)"),
            );
        }
    }
    // The SP that asked must be the audience.
    if let (Some(sp), Some(c)) = (req.issuer.as_deref(), resp.conditions.as_ref()) {
        if !c.audiences.is_empty() && !c.audiences.iter().any(|a| a == sp) {
            out.push(
                Finding::new(
                    Code::FlowAudience,
                    format!("the AuthnRequest came from {sp:?} (its Issuer), but the Response's Audience is {:?}", c.audiences),
                )
                .hint(format!("set the IdP application's Audience / Identifier (Entity ID) to {sp}")),
            );
        }
    }
    // RelayState (bindings §3.4.3, §3.5.3): at most 80 bytes, returned unchanged.
    if let Some(rs) = req.relay_state.as_deref() {
        if rs.len() > 80 {
            out.push(Finding::new(
                Code::FlowRelayState,
                format!("the AuthnRequest's RelayState is {} bytes; SAML bindings §3.4.3 allows at most 80, and some IdPs truncate or refuse it", rs.len()),
            ).severity(Severity::Warning));
        }
        let masked = |v: Option<&str>| v.is_some_and(crate::input::tracer::is_masked);
        if resp.relay_state.as_deref() != Some(rs)
            && !masked(resp.relay_state.as_deref())
            && !masked(Some(rs))
        {
            out.push(Finding::new(
                Code::FlowRelayState,
                format!("the SP sent RelayState {rs:?} but the Response came back with {}: the IdP must return it unchanged (bindings §3.5.3), and the SP uses it to find its state", resp.relay_state.as_deref().map_or("none".to_string(), |r| format!("{r:?}"))),
            ).hint("check the IdP application's Default RelayState (it replaces the SP's) and any proxy that rewrites the POST"));
        }
    }
    out
}

/// The binding the request asked for (its ProtocolBinding, or the binding of the ACS its index
/// names) against the one the capture shows the Response arriving over.
fn binding(info: &crate::xml::model::RequestInfo, resp: &Report, out: &mut Vec<Finding>) {
    const PREFIX: &str = "urn:oasis:names:tc:SAML:2.0:bindings:";
    let asked = info.protocol_binding.as_deref().or(info
        .acs_from_metadata
        .as_ref()
        .and_then(|e| e.binding.as_deref()));
    let Some(asked) = asked.map(crate::xml::text::trim_xml) else {
        return;
    };
    let Some(x) = resp
        .http
        .as_ref()
        .filter(|_| !resp.decoding.contains(&crate::input::Step::HtmlForm))
    else {
        return;
    };
    let arrived = match (x.method.as_str(), resp.parameter.as_deref()) {
        ("POST", Some("SAMLResponse")) => "HTTP-POST",
        ("GET", Some("SAMLResponse")) => "HTTP-Redirect",
        _ => return,
    };
    let short = asked.strip_prefix(PREFIX).unwrap_or(asked);
    if short != arrived {
        out.push(
            Finding::new(
                Code::FlowProtocolBinding,
                format!("the AuthnRequest asked for the Response over {short} ({asked}), but it arrived over {arrived} (the browser's {} to the ACS)", x.method),
            )
            .severity(Severity::Warning)
            .hint(format!("set the IdP application's ACS binding to {short}, or make the SP request {arrived}")),
        );
    }
}

/// The SP's answer to the ACS POST and what followed: an error status, or a redirect to an error
/// or login page, is why the sign-in failed even when the Response is sound.
fn sp_answer(resp: &Report) -> Vec<Finding> {
    let from_form = resp.decoding.contains(&crate::input::Step::HtmlForm);
    // A Response read from the IdP's auto-submit form: the browser's POST after the page (its
    // body left out of the capture, as browsers do with large forms) is the one the SP answered.
    let posted = if from_form {
        resp.later.iter().find(|x| x.method == "POST")
    } else {
        resp.http.as_ref().filter(|x| x.method == "POST")
    };
    let Some(x) = posted else {
        if !from_form {
            return Vec::new();
        }
        let page = resp
            .http
            .as_ref()
            .map(|x| crate::input::short_url(&x.url))
            .unwrap_or_default();
        return vec![Finding::new(
            Code::FlowNoSpAnswer,
            format!("the IdP's page {page} carried the Response in an auto-submit form, but the capture holds no POST of it to the ACS: the browser did not submit it (a script or an extension blocked it, the tab was closed) or the capture stopped first"),
        )];
    };
    if x.status == 0 {
        // No answer recorded: the POST was cancelled or blocked, or the capture stopped.
        if from_form || resp.later.is_empty() {
            return vec![Finding::new(
                Code::FlowNoSpAnswer,
                format!("the browser POSTed the Response to {} but the capture holds no answer to it (status 0: the request was cancelled, blocked by an extension or a network policy, or the capture stopped before the SP answered)", crate::input::short_url(&x.url)),
            )];
        }
        return Vec::new();
    }
    let what = if x.status >= 500 {
        Some(format!("answered the ACS POST with HTTP {} (a server error: the SP failed while processing the Response; its logs say why)", x.status))
    } else if x.status >= 400 {
        Some(format!(
            "answered the ACS POST with HTTP {} (it refused the Response)",
            x.status
        ))
    } else if let Some(t) = x.title.as_deref().filter(|t| error_title(t)) {
        Some(format!(
            "answered the ACS POST with HTTP {} and an error page {t:?}",
            x.status
        ))
    } else {
        x.location
            .as_deref()
            .filter(|l| is_error_location(l))
            .map(|loc| {
                format!(
                    "answered the ACS POST with a {} redirect to {loc:?}{}",
                    x.status,
                    error_param(loc)
                        .map(|e| format!(" (error: {e})"))
                        .unwrap_or_default()
                )
            })
    };
    let later = resp.later.iter().find(|l| {
        l.location.as_deref().is_some_and(is_error_location)
            || l.status >= 400
            || l.title.as_deref().is_some_and(error_title)
    });
    let what = what.or_else(|| {
        later.map(|l| {
            format!(
                "sent the browser on to {} ({}{})",
                l.url,
                l.status,
                l.title
                    .as_ref()
                    .map(|t| format!(", page {t:?}"))
                    .unwrap_or_default()
            )
        })
    });
    let Some(w) = what else {
        return Vec::new();
    };
    let title = x
        .title
        .as_ref()
        .filter(|t| !w.contains(t.as_str()))
        .map(|t| format!("; its page says {t:?}"))
        .unwrap_or_default();
    let evidence = format!("{w}{title}");
    vec![
        Finding::new(Code::SpAnswerError, format!("the SP {evidence}"))
            .hint(sp_fix(x.status, &evidence)),
    ]
}

/// The fix for the SP's refusal, from what its answer says.
fn sp_fix(status: u16, evidence: &str) -> String {
    let e = evidence.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| e.contains(w));
    let base = "the Response reached the SP and the SP refused the sign-in";
    if has(&[
        "provision",
        "no user",
        "user not found",
        "unknown user",
        "not_found",
        "does not exist",
        "not a member",
        "not invited",
    ]) {
        format!("{base}: the user must exist in the SP first — invite or provision them there (SCIM, or just-in-time provisioning turned on) with the email or NameID this Response carries")
    } else if has(&["signature", "certificate", "cert"]) {
        format!("{base} over its signature: upload the IdP's current metadata (or signing certificate) in the SP's SSO settings — this report's signature section shows which certificate signed it")
    } else if has(&["audience", "entity", "issuer"]) {
        format!("{base} over the entity IDs: compare the SP's expected Entity ID / Issuer with this Response's Audience and Issuer (shown above)")
    } else if has(&["expired", "clock", "too early", "too late", "time"]) {
        format!("{base} over the time window: compare the SP server's clock with the Response's validity window (shown above)")
    } else if status >= 500 {
        format!("the SP failed while processing the Response (HTTP {status}): its server logs name the cause; when every check here passes, look at the SP's stored IdP settings (certificate, entity ID, ACS) or report the error to the SP's support")
    } else if has(&["login", "signin", "sign-in", "logon"])
        && !has(&["error", "fail", "denied", "invalid"])
    {
        format!("{base} without an error and sent the browser back to its sign-in page: it lost the session it set up for this sign-in (see sp-cookie-samesite) or the user has no access in the SP")
    } else {
        format!("{base}: read its error (the redirect's error parameter or the page) — it names what the SP did not accept")
    }
}

/// An error page's title.
fn error_title(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    [
        "error",
        "invalid",
        "failed",
        "failure",
        "denied",
        "unauthorized",
        "unauthorised",
        "forbidden",
        "not authorized",
        "something went wrong",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// A redirect target that reports a failure, or sends the user back to the SP's sign-in page
/// (the loop a lost session causes).
fn is_error_location(loc: &str) -> bool {
    let l = loc.to_ascii_lowercase();
    let path = l.split(['?', '#']).next().unwrap_or(&l);
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    [
        "error",
        "err=",
        "fail",
        "denied",
        "not_provisioned",
        "unauthorized",
        "forbidden",
        "invalid",
    ]
    .iter()
    .any(|w| l.contains(w))
        || ["login", "signin", "sign-in", "logon"].contains(&last)
}

/// The `error` (or `error_description`, `message`) query parameter of a URL, decoded.
fn error_param(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        ["error", "error_description", "err", "message", "code"]
            .contains(&k)
            .then(|| {
                crate::input::urlenc::percent_decode(&v.replace('+', "%20"))
                    .unwrap_or_else(|_| v.to_string())
            })
    })
}

/// Cookies the SP set before the ACS POST that the browser did not send with it: SameSite=Lax
/// (the browsers' default) or Strict cookies stay home on the IdP's cross-site POST, and so does
/// the SP's record of its AuthnRequest.
fn cookies(before: &[Report], resp: &Report) -> Vec<Finding> {
    let Some(post) = resp.http.as_ref().filter(|x| x.method == "POST") else {
        return Vec::new();
    };
    let Some(host) = host_of(&post.url) else {
        return Vec::new();
    };
    let exchanges: Vec<&Exchange> = before
        .iter()
        .flat_map(|r| r.earlier.iter().chain(r.http.iter()).chain(r.later.iter()))
        .filter(|x| host_of(&x.url) == Some(host))
        .collect();
    let mut out = Vec::new();
    for x in exchanges {
        for c in &x.set_cookies {
            let name = c.split('=').next().unwrap_or("").trim();
            let l = c.to_ascii_lowercase();
            let none = l.contains("samesite=none");
            let secure = l.contains("secure");
            if name.is_empty() || post.request_cookies.iter().any(|n| n == name) {
                continue;
            }
            if none && secure {
                continue;
            }
            let why = if none {
                "SameSite=None without Secure, which browsers reject".to_string()
            } else if l.contains("samesite=strict") {
                "SameSite=Strict".to_string()
            } else if l.contains("samesite=lax") {
                "SameSite=Lax".to_string()
            } else {
                "no SameSite attribute (browsers treat it as Lax)".to_string()
            };
            let http = if post.url.starts_with("http://") {
                " The ACS is plain http://, where a Secure cookie cannot be set at all: serve it over https."
            } else {
                ""
            };
            out.push(
                Finding::new(
                    Code::SpCookieSamesite,
                    format!("the SP set cookie {name:?} with {why}, and the browser did not send it with the IdP's cross-site POST to the ACS: an SP that keeps its AuthnRequest state in it cannot match the Response.{http}"),
                )
                .hint(format!("set the SP's session cookie {name:?} with SameSite=None; Secure (and serve the ACS over https)")),
            );
        }
    }
    out
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// IdP error pages and error redirects anywhere in the capture: added to the message before them
/// (the AuthnRequest the IdP refused, usually).
fn idp_errors(reports: &mut [Report]) {
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
fn no_answer(reports: &mut [Report]) {
    let Some(last) = reports
        .iter()
        .rposition(|r| r.message == Some("authn_request") && r.http.is_some())
    else {
        return;
    };
    let answered = reports[last + 1..]
        .iter()
        .any(|r| r.message == Some("response"));
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

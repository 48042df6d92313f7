//! What happened after the Response reached the SP: its answer to the ACS POST (an error status,
//! an error page, a redirect to an error or back to sign-in, no answer at all) and the cookies
//! a cross-site POST leaves behind.

use crate::codes::Code;
use crate::finding::Finding;
use crate::input::exchange::Exchange;
use crate::report::Report;

/// The SP's answer to the ACS POST and what followed: an error status, or a redirect to an error
/// or login page, is why the sign-in failed even when the Response is sound.
pub(super) fn sp_answer(resp: &Report) -> Vec<Finding> {
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
    let what = refusal(
        x,
        crate::input::exchange::answer_chain(Some(x), &resp.later),
        resp.relay_state.as_deref(),
    );
    let Some(w) = what else {
        return Vec::new();
    };
    let title = x
        .title
        .as_ref()
        .filter(|t| !w.contains(t.as_str()) && !w.contains(&format!("{t:?}")))
        .map(|t| format!("; its page says {t:?}"))
        .unwrap_or_default();
    let evidence = format!("{w}{title}");
    // The SP's refusal is the symptom when the Response itself is wrong: its own errors lead
    // (cause_rank puts this after them) and the SP's answer corroborates them; the SP-side fix
    // (provisioning, stored settings) only when the Response is clean.
    let own = resp
        .findings
        .iter()
        .find(|f| f.severity == crate::check::Severity::Error && f.code != Code::SpAnswerError);
    let finding = match own {
        Some(cause) => Finding::new(
            Code::SpAnswerError,
            format!(
                "the SP {evidence}, as expected from the Response's own errors (first: {})",
                cause.code
            ),
        )
        .hint(format!(
            "fix the Response first ({}: its fix above); the SP's refusal follows from it",
            cause.code
        )),
        None => Finding::new(Code::SpAnswerError, format!("the SP {evidence}"))
            .hint(sp_fix(x.status, &evidence)),
    };
    vec![finding]
}

/// How the SP's answer refused the sign-in, in words: an error status, an error page, a
/// redirect to an error or back to sign-in, or a later page of that kind.
fn refusal(x: &Exchange, later: &[Exchange], relay: Option<&str>) -> Option<String> {
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
            .filter(|l| is_error_location(l, relay))
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
    let later = later.iter().find(|l| {
        l.location
            .as_deref()
            .is_some_and(|loc| is_error_location(loc, relay))
            || l.status >= 400
            || l.title.as_deref().is_some_and(error_title)
    });
    what.or_else(|| {
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
    })
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

/// The words of a text, lowercased (letters and digits; everything else separates).
fn words(t: &str) -> Vec<String> {
    t.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words that mean a failure when they stand alone in a title or a path.
const FAILURE_WORDS: &[&str] = &[
    "error",
    "failed",
    "failure",
    "denied",
    "unauthorized",
    "unauthorised",
    "forbidden",
    "invalid",
];

/// An error page's title: a failure word standing alone ("Error - Invalid SAML response",
/// "Access denied"), not inside a product name ("Error Tracking | Rollbar", "Errors by country").
fn error_title(t: &str) -> bool {
    let w = words(t);
    let has = |x: &str| w.iter().any(|v| v == x);
    let lower = t.to_ascii_lowercase();
    // "Error Tracking", "Error Monitoring": a product or page named after errors.
    let named = [
        "error tracking",
        "error monitoring",
        "error reporting",
        "error budget",
    ]
    .iter()
    .any(|p| lower.contains(p));
    (!named && FAILURE_WORDS.iter().any(|f| has(f)))
        || lower.contains("something went wrong")
        || lower.contains("not authorized")
}

/// A redirect target that reports a failure (a failure word as a path segment, or an `error`
/// query parameter), or sends the user back to the SP's sign-in page (the loop a lost session
/// causes). The deep link the SP was asked to return to (the RelayState) is success, whatever
/// its words.
fn is_error_location(loc: &str, relay: Option<&str>) -> bool {
    let l = loc.to_ascii_lowercase();
    if let Some(rs) = relay.map(str::trim).filter(|r| !r.is_empty()) {
        let rs = rs.to_ascii_lowercase();
        if l == rs
            || (rs.starts_with('/')
                && l.split(['?', '#'])
                    .next()
                    .unwrap_or(&l)
                    .ends_with(rs.split(['?', '#']).next().unwrap_or(&rs)))
        {
            return false;
        }
    }
    let (path, query) = match l.split_once('?') {
        Some((p, q)) => (p, q.split('#').next().unwrap_or(q)),
        None => (l.split('#').next().unwrap_or(&l), ""),
    };
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let segment_fails = path.split('/').any(|seg| {
        words(seg)
            .iter()
            .any(|w| FAILURE_WORDS.contains(&w.as_str()) || w == "not_provisioned")
    });
    let error_key = query.split('&').any(|p| {
        let k = p.split('=').next().unwrap_or("");
        [
            "error",
            "err",
            "error_code",
            "errorcode",
            "error_description",
        ]
        .contains(&k)
    });
    segment_fails || error_key || ["login", "signin", "sign-in", "logon"].contains(&last)
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
pub(super) fn cookies(before: &[Report], resp: &Report) -> Vec<Finding> {
    let Some(post) = resp.http.as_ref().filter(|x| x.method == "POST") else {
        return Vec::new();
    };
    let Some(host) = crate::input::host_of(&post.url) else {
        return Vec::new();
    };
    let exchanges: Vec<&Exchange> = before
        .iter()
        .flat_map(|r| r.earlier.iter().chain(r.http.iter()).chain(r.later.iter()))
        .filter(|x| crate::input::host_of(&x.url) == Some(host))
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

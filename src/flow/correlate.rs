//! The Response compared with the AuthnRequest it answers (SAML profiles §4.1.4): InResponseTo,
//! the ACS it asked for (by URL, by index in the SP metadata, or the default), the binding,
//! NameIDPolicy, RequestedAuthnContext, ForceAuthn, the requesting SP as the audience, RelayState.

use crate::check::Severity;
use crate::codes::Code;
use crate::finding::Finding;
use crate::report::Report;
use crate::xml::model::RequestInfo;

/// The Response compared with the AuthnRequest before it in the capture.
pub(super) fn correlate(req: &Report, resp: &Report, earlier: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    let info = req.request.clone().unwrap_or_default();
    in_response_to(req, resp, earlier, &mut out);
    acs(&info, resp, &mut out);
    name_id_format(&info, resp, &mut out);
    authn_context(&info, resp, &mut out);
    force_authn(&info, req, resp, &mut out);
    audience(req, resp, &mut out);
    relay_state(req, resp, &mut out);
    out
}

/// InResponseTo (profiles §4.1.4.2).
fn in_response_to(req: &Report, resp: &Report, earlier: &[String], out: &mut Vec<Finding>) {
    let rid = req.message_id.as_deref().unwrap_or("");
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
}

/// The requested ACS (profiles §4.1.4.1) against Destination, Recipient and the URL the
/// Response was posted to.
fn acs(info: &RequestInfo, resp: &Report, out: &mut Vec<Finding>) {
    // The URL the request names, or the endpoint its index (or the default) names in the SP
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
    binding(info, resp, out);
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
            let posted = crate::input::without_query(&x.url);
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
}

/// NameIDPolicy Format (core §3.4.1.1).
fn name_id_format(info: &RequestInfo, resp: &Report, out: &mut Vec<Finding>) {
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
}

/// RequestedAuthnContext (core §3.3.2.2.1).
fn authn_context(info: &RequestInfo, resp: &Report, out: &mut Vec<Finding>) {
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
}

/// ForceAuthn (core §3.4.1): the user must authenticate anew, so AuthnInstant cannot precede
/// the request.
fn force_authn(info: &RequestInfo, req: &Report, resp: &Report, out: &mut Vec<Finding>) {
    // Three minutes of clock skew allowed.
    let forced = matches!(
        info.force_authn.as_deref().map(str::trim),
        Some("true" | "1")
    );
    let parse = crate::checks::time::clock::parse_instant;
    if let (true, Some(asked), Some(authn)) = (
        forced,
        req.issue_instant.as_deref().and_then(parse),
        resp.authn_instant.as_deref().and_then(parse),
    ) {
        if crate::checks::time::clock::plus(authn, time::Duration::minutes(3)) < asked {
            out.push(
                Finding::new(
                    Code::FlowForceAuthn,
                    format!(
                        "the AuthnRequest asked for ForceAuthn at {}, but the Assertion's AuthnInstant is {} earlier: the IdP reused the user's session instead of authenticating again (core §3.4.1)",
                        crate::checks::time::clock::format_instant(asked),
                        crate::checks::time::clock::span(crate::checks::time::clock::between(asked, authn))
                    ),
                )
                .hint("an SP that enforces ForceAuthn (for step-up or re-authentication) refuses this; check that the IdP application honours ForceAuthn (some IdPs ignore it unless a sign-on policy requires re-authentication)"),
            );
        }
    }
}

/// The SP that asked must be the audience.
fn audience(req: &Report, resp: &Report, out: &mut Vec<Finding>) {
    // The Response's own audience check already says it (with the IdP's fix): not twice.
    if resp
        .findings
        .iter()
        .any(|f| f.code == Code::AudienceMismatch)
    {
        return;
    }
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
}

/// RelayState (bindings §3.4.3, §3.5.3): at most 80 bytes, returned unchanged.
fn relay_state(req: &Report, resp: &Report, out: &mut Vec<Finding>) {
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
            .hint(if arrived == "HTTP-Redirect" {
                format!("a Response may not come over HTTP-Redirect (profiles §4.1.2): set the IdP application's ACS binding to {short}")
            } else {
                format!("set the IdP application's ACS binding to {short}, or make the SP request {arrived}")
            }),
        );
    }
}

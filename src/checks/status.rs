//! Status: non-Success top-level and second-level codes, with what each usually means.

use super::context::Context;
use crate::check::Check;
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::idp::Topic;
use crate::xml::model::MessageKind;

const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";

/// What a status code usually means, by its last segment.
pub fn meaning(code: &str) -> &'static str {
    match code.rsplit(':').next().unwrap_or(code) {
        "Requester" => "the IdP blames the request (the SP's AuthnRequest or configuration)",
        "Responder" => "the IdP could not or would not answer (its configuration or the user's account)",
        "VersionMismatch" => "the SAML version is not supported",
        "AuthnFailed" => "the user did not authenticate (wrong password, MFA failed, or cancelled)",
        "InvalidNameIDPolicy" => "the SP asked for a NameID format the IdP is not configured to send: align the AuthnRequest's NameIDPolicy Format with the IdP application's Name ID format (or use unspecified)",
        "RequestDenied" => "the IdP refused: usually the user is not assigned to the application",
        "NoPassive" => "IsPassive was requested but the user has no IdP session",
        "NoAuthnContext" => "the requested AuthnContext (e.g. password-protected transport vs MFA) cannot be satisfied",
        "UnknownPrincipal" => "the IdP does not know the user",
        "UnsupportedBinding" => "the IdP cannot answer with the requested binding",
        "RequestUnsupported" => "the IdP does not support this request",
        "PartialLogout" => "logout did not reach every session participant",
        "NoAvailableIDP" | "NoSupportedIDP" => "no IdP in the proxy's list can authenticate the user",
        "ProxyCountExceeded" => "too many IdP proxies",
        "InvalidAttrNameOrValue" => "an attribute in the request is unexpected or malformed",
        "UnknownAttrProfile" => "the attribute profile is not supported",
        "RequestVersionTooHigh" | "RequestVersionTooLow" | "RequestVersionDeprecated" => "the SAML version of the request is not accepted",
        "ResourceNotRecognized" => "the IdP does not recognise the requested resource",
        "TooManyResponses" => "too many responses",
        _ => "see the StatusMessage",
    }
}

/// Pushes status findings for a Response or LogoutResponse.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, idp) = (c.msg, c.idp);
    if !matches!(
        msg.kind,
        MessageKind::Response | MessageKind::LogoutResponse
    ) {
        return;
    }
    sink.judged(Check::Status);
    let Some(status) = &msg.status else {
        sink.push(Finding::new(
            Code::StatusMissing,
            format!(
                "the {} has no Status, so nothing says the request succeeded (SAML core §3.2.2)",
                msg.kind.title()
            ),
        ));
        return;
    };
    let code = status.code.as_deref().unwrap_or("");
    if code == SUCCESS {
        return;
    }
    let mut text = format!("status {code}");
    if let Some(second) = &status.second_level {
        text.push_str(&format!(" / {second}"));
    }
    let which = status.second_level.as_deref().unwrap_or(code);
    text.push_str(&format!(": {}", meaning(which)));
    if let Some(m) = status
        .message
        .as_deref()
        .filter(|m| !crate::xml::text::trim_xml(m).is_empty())
    {
        text.push_str(&format!(
            " (StatusMessage: {:?})",
            crate::xml::text::trim_xml(m)
        ));
    }
    let mut f =
        Finding::new(Code::StatusNotSuccess, text).at(0, format!("/{}/Status", msg.root_name));
    // The StatusMessage often carries the IdP's own error code (Entra: AADSTS…): its fix first.
    let mined = status.message.as_deref().and_then(|m| {
        crate::idp::errors::recognise(m)
            .map(|e| format!("{} {}: {} — {}", e.product, e.code, e.meaning, e.fix))
            .or_else(|| {
                crate::idp::errors::aadsts(m).map(|c| {
                    format!(
                        "Microsoft Entra ID {c}: look it up at https://login.microsoftonline.com/error?code={}",
                        &c[6..]
                    )
                })
            })
    });
    if let Some(h) = mined {
        f = f.hint(h);
    } else if which.ends_with("RequestDenied") {
        f = f.hint(idp.hint(Topic::Assignment));
    } else if which.ends_with("InvalidNameIDPolicy") {
        f = f.hint(idp.hint(Topic::NameId));
    } else {
        f = f.hint(match which.rsplit(':').next().unwrap_or(which) {
            "AuthnFailed" => "the user did not complete authentication at the IdP: retry; check the IdP's sign-in log for the user".to_string(),
            "NoPassive" => "the SP sent IsPassive=\"true\" and the user has no IdP session: have the SP send a normal (non-passive) AuthnRequest".to_string(),
            "NoAuthnContext" => "the SP's RequestedAuthnContext cannot be met: have the SP drop it or use Comparison=\"minimum\"".to_string(),
            "UnknownPrincipal" => idp.hint(Topic::Assignment),
            _ => format!("read the StatusMessage and the IdP's sign-in log ({}); `samlcheck explain status-not-success` lists the usual causes", idp.name()),
        });
    }
    sink.push(f);
}

//! Expectations: issuer, audience, Destination, Recipient and InResponseTo against what the
//! user (or SP metadata, or a profile) says they should be, with a diff that names the cause.

use super::{Check, Finding, Severity, Sink};
use crate::codes::Code;
use crate::idp::{Idp, Topic};
use crate::xml::model::{Assertion, Message, MessageKind};
use crate::xml::text::{escape, trim_xml};

/// What the SP expects. Empty means "nothing to judge" (the check is skipped).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    /// Accepted audiences (SP entity IDs). Entries ending in `*` are prefix patterns.
    pub audiences: Vec<String>,
    /// Accepted ACS URLs (Destination and Recipient). Entries ending in `*` are prefix patterns.
    pub acs: Vec<String>,
    pub issuer: Option<String>,
    pub request_id: Option<String>,
    /// The SP wants the Assertion itself signed (SP metadata WantAssertionsSigned), not only the Response.
    pub want_assertions_signed: bool,
}

/// Exact comparison, or a pattern where `*` matches any run of characters.
pub fn matches(expected: &str, actual: &str) -> bool {
    if !expected.contains('*') {
        return expected == actual;
    }
    let parts: Vec<&str> = expected.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first)
        || actual.len() < first.len() + last.len()
        || !actual.ends_with(last)
    {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// Explains the first difference between an expected and an actual URL or identifier.
pub fn diff(expected: &str, actual: &str) -> String {
    let expected = expected.split('*').next().unwrap_or(expected);
    if expected.eq_ignore_ascii_case(actual) {
        return "they differ only in letter case (most SPs compare exactly)".into();
    }
    if expected.trim_end_matches('/') == actual.trim_end_matches('/') {
        return "they differ only by a trailing slash".into();
    }
    let (es, eh, ep, epath) = split_url(expected);
    let (as_, ah, ap, apath) = split_url(actual);
    if es.is_none() || as_.is_none() {
        return format!("expected {expected:?}");
    }
    if es != as_ {
        let (got, want) = (as_.unwrap_or_default(), es.unwrap_or_default());
        return if want == "http" {
            format!("scheme differs ({got} vs {want}): the SP expects plain http, typical when it sits behind a TLS-terminating proxy or load balancer and builds its own URL; make the SP honour X-Forwarded-Proto or set its external base URL to https")
        } else {
            format!("scheme differs ({got} vs {want}): the IdP is configured with an {got}:// URL; use the {want}:// URL the SP publishes")
        };
    }
    if !eh.eq_ignore_ascii_case(&ah) {
        let region = |h: &str| {
            h.split('.')
                .find(|p| p.contains('-') && p.chars().last().is_some_and(|c| c.is_ascii_digit()))
                .map(str::to_string)
        };
        if let (Some(a), Some(b)) = (region(&ah), region(&eh)) {
            if a != b {
                return format!("region differs ({a} vs {b}): the IdP is configured for another region's endpoint");
            }
        }
        return format!("host differs ({ah} vs {eh})");
    }
    if ep != ap {
        return format!(
            "port differs ({} vs {})",
            ap.as_deref().unwrap_or("default"),
            ep.as_deref().unwrap_or("default")
        );
    }
    if epath == apath {
        return "they differ only in an explicit default port".into();
    }
    if epath.eq_ignore_ascii_case(&apath) {
        return "path differs only in letter case".into();
    }
    let (eseg, aseg): (Vec<&str>, Vec<&str>) =
        (epath.split('/').collect(), apath.split('/').collect());
    if eseg.len() == aseg.len() {
        let differing: Vec<String> = eseg
            .iter()
            .zip(&aseg)
            .filter(|(e, a)| e != a)
            .map(|(e, a)| format!("{a:?} vs {e:?}"))
            .collect();
        if differing.len() == 1 {
            return format!(
                "path segment differs ({}): a different tenant, application or connection ID",
                differing[0]
            );
        }
    }
    format!("path differs ({apath} vs {epath})")
}

fn split_url(u: &str) -> (Option<String>, String, Option<String>, String) {
    let Some((scheme, rest)) = u.split_once("://") else {
        return (None, String::new(), None, u.to_string());
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => {
            (h.to_string(), Some(p.to_string()))
        }
        _ => (authority.to_string(), None),
    };
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => "",
    };
    let port = port.filter(|p| p != default);
    (Some(scheme.to_ascii_lowercase()), host, port, path)
}

/// Pushes issuer, audience, destination, recipient and InResponseTo findings.
pub fn check(msg: &Message, a: Option<&Assertion>, exp: &Expectations, idp: Idp, sink: &mut Sink) {
    let root = format!("/{}", msg.root_name);
    // Issuer
    let issuer = a
        .and_then(|a| a.issuer.clone())
        .or_else(|| msg.issuer.clone());
    // The expected issuer is the IdP's: it applies to what the IdP sends, not to SP requests.
    let from_idp = matches!(
        msg.kind,
        MessageKind::Response | MessageKind::LogoutResponse | MessageKind::Saml11Assertion
    );
    if let Some(expected) = exp.issuer.as_ref().filter(|_| from_idp) {
        sink.judged(Check::Issuer);
        for (which, value) in [
            (msg.kind.title(), &msg.issuer),
            (
                "Assertion",
                &a.and_then(|a| a.issuer.clone())
                    .filter(|_| msg.kind == MessageKind::Response),
            ),
        ] {
            if let Some(v) = value {
                let v = trim_xml(v);
                if v != expected {
                    sink.push(
                        Finding::new(Code::IssuerMismatch, format!("{which} Issuer is {:?}, expected {expected:?}: {}", escape(v), diff(expected, v)))
                            .hint("copy the IdP's entity ID (Issuer) exactly into the SP configuration, or load the right IdP metadata")
                            .at(0, root.clone()),
                    );
                }
            }
        }
    }
    issuer_rules(msg, a, sink);
    let expected = exp.issuer.as_ref().filter(|_| from_idp);
    match a {
        // The schema requires an Issuer in every Assertion; an SP that expects one fails it.
        Some(a) if a.issuer.is_none() => {
            let (severity, tail) = match expected {
                Some(e) => (
                    Severity::Error,
                    format!(": an SP that expects the issuer {e:?} rejects it"),
                ),
                None => (Severity::Warning, String::new()),
            };
            let what = if issuer.is_none() {
                "neither the Response nor the Assertion names an Issuer"
            } else {
                "the Assertion has no Issuer (the SAML schema requires one; only the Response names it)"
            };
            sink.push(
                Finding::new(Code::IssuerMissing, format!("{what}{tail}"))
                    .severity(severity)
                    .at(a.line, a.path.clone()),
            );
        }
        _ => {}
    }
    // Audience
    if let Some(a) = a {
        audience(a, exp, idp, sink);
    }
    // Destination
    if msg.kind == MessageKind::Response
        && msg
            .destination
            .as_deref()
            .is_some_and(|d| trim_xml(d).is_empty())
    {
        sink.push(
            Finding::new(
                Code::DestinationEmpty,
                "the Response's Destination attribute is empty",
            )
            .hint(idp.hint(Topic::Acs))
            .at(0, root.clone()),
        );
    }
    if msg.kind == MessageKind::Response {
        match &msg.destination {
            Some(d) if trim_xml(d).is_empty() => {}
            Some(_) if exp.acs.is_empty() => {}
            Some(d) => {
                sink.judged(Check::Destination);
                if let Some(f) = acs_mismatch(Code::DestinationMismatch, "Destination", d, exp, idp)
                {
                    sink.push(f.at(0, root.clone()));
                }
            }
            None if msg
                .signatures
                .iter()
                .any(|s| s.parent_node == msg.root_node) =>
            {
                sink.push(
                    Finding::new(
                        Code::DestinationMissing,
                        "the signed Response carries no Destination attribute (SAML bindings §3.5.5.2)",
                    )
                    .at(0, root.clone()),
                );
            }
            None => {}
        }
    }
    // InResponseTo
    if let Some(req) = &exp.request_id {
        sink.judged(Check::InResponseTo);
        // The bearer SubjectConfirmationData's InResponseTo is judged with its confirmation.
        let values: Vec<(&str, &String)> =
            msg.in_response_to.iter().map(|v| ("Response", v)).collect();
        if values.is_empty() {
            sink.push(Finding::new(
                Code::InResponseToUnsolicited,
                format!("the message has no InResponseTo (IdP-initiated), but --request-id {req:?} says the SP started this sign-in"),
            ));
        }
        for (which, v) in values {
            if v != req {
                sink.push(
                    Finding::new(
                        Code::InResponseToMismatch,
                        format!("{which} InResponseTo is {v:?}, expected {req:?}"),
                    )
                    .at(0, root.clone()),
                );
            }
        }
    }
}

/// The Issuer rules of SAML profiles §4.1.4.2: no Format or the entity format, and the
/// Assertion's Issuer is the Response's.
fn issuer_rules(msg: &Message, a: Option<&Assertion>, sink: &mut Sink) {
    const ENTITY: &str = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
    let root = format!("/{}", msg.root_name);
    let formats = [
        (
            msg.kind.title(),
            msg.issuer_format.as_deref(),
            root.clone(),
            0,
        ),
        (
            "Assertion",
            a.and_then(|a| a.issuer_format.as_deref()),
            a.map(|a| a.path.clone()).unwrap_or_default(),
            a.map_or(0, |a| a.line),
        ),
    ];
    for (which, format, path, line) in formats {
        if let Some(f) = format.filter(|f| trim_xml(f) != ENTITY) {
            sink.push(
                Finding::new(
                    Code::IssuerFormatInvalid,
                    format!("the {which} Issuer has Format {f:?}; SAML profiles §4.1.4.2 allows only none or {ENTITY}"),
                )
                .at(line, format!("{path}/Issuer")),
            );
        }
    }
    if msg.kind != MessageKind::Response {
        return;
    }
    if let (Some(r), Some(a)) = (msg.issuer.as_deref(), a) {
        if let Some(ai) = a.issuer.as_deref().filter(|ai| trim_xml(ai) != trim_xml(r)) {
            sink.push(
                Finding::new(
                    Code::IssuerInconsistent,
                    format!(
                        "the Response's Issuer is {:?} but its Assertion's is {:?}: the Assertion must come from the IdP that issued the Response (profiles §4.1.4.2)",
                        escape(trim_xml(r)),
                        escape(trim_xml(ai))
                    ),
                )
                .at(a.line, format!("{}/Issuer", a.path)),
            );
        }
    }
}

/// Audience and the other Conditions: each AudienceRestriction must name the SP (AND across
/// restrictions, OR within one; SAML core §2.5.1.4), an empty one never holds, an unknown
/// condition is Indeterminate (§2.5.1.1), and the Web SSO profile requires an audience
/// (profiles §4.1.4.2). The NameID's SPNameQualifier, when present, must be this SP.
fn audience(a: &Assertion, exp: &Expectations, idp: Idp, sink: &mut Sink) {
    let path = format!("{}/Conditions/AudienceRestriction", a.path);
    let line = a.conditions.as_ref().map_or(a.line, |c| c.line);
    if !exp.audiences.is_empty() {
        sink.judged(Check::Audience);
    }
    let Some(c) = &a.conditions else {
        sink.push(
            Finding::new(
                Code::AudienceMissing,
                "the Assertion has no Conditions, so no AudienceRestriction names the SP (profiles §4.1.4.2)",
            )
            .hint(idp.hint(Topic::Audience))
            .at(a.line, a.path.clone()),
        );
        return;
    };
    for (name, l) in &c.unknown {
        sink.push(
            Finding::new(
                Code::ConditionUnknown,
                format!("the Conditions carry {name}, which samlcheck does not understand: the Conditions are Indeterminate and the assertion must not be accepted (SAML core §2.5.1.1)"),
            )
            .at(*l, format!("{}/Conditions", a.path)),
        );
    }
    if c.one_time_use {
        sink.push(
            Finding::new(
                Code::ConditionOneTimeUse,
                "the Conditions carry OneTimeUse: an SP that honours it accepts this assertion once (SAML core §2.5.1.5)",
            )
            .at(line, format!("{}/Conditions", a.path)),
        );
    }
    if c.restrictions.is_empty() {
        sink.push(
            Finding::new(
                Code::AudienceMissing,
                "the Assertion's Conditions carry no AudienceRestriction (profiles §4.1.4.2)",
            )
            .hint(idp.hint(Topic::Audience))
            .at(line, path),
        );
        return;
    }
    for (i, r) in c.restrictions.iter().enumerate() {
        let which = if c.restrictions.len() > 1 {
            format!("AudienceRestriction {} of {}", i + 1, c.restrictions.len())
        } else {
            "the AudienceRestriction".to_string()
        };
        if r.is_empty() {
            sink.push(
                Finding::new(
                    Code::AudienceRestrictionEmpty,
                    format!("{which} names no Audience, so it can never be satisfied (SAML core §2.5.1.4)"),
                )
                .hint(idp.hint(Topic::Audience))
                .at(line, path.clone()),
            );
            continue;
        }
        if exp.audiences.is_empty() {
            continue;
        }
        if !r
            .iter()
            .any(|got| exp.audiences.iter().any(|e| matches(e, got)))
        {
            let e = &exp.audiences[0];
            // The Identifier holds the SP's ACS URL: the two fields were swapped in the IdP.
            if r.iter()
                .any(|got| exp.acs.iter().any(|acs| matches(acs, got)))
            {
                sink.push(
                    Finding::new(
                        Code::AudienceMismatch,
                        format!("{which}: Audience {} is the SP's ACS URL, not its entity ID {e:?}: the IdP application's Identifier (Entity ID) and Reply (ACS) URL are swapped", quote_list(r)),
                    )
                    .hint(format!("{} — Identifier (Entity ID): {e}; Reply / ACS URL: {}", idp.hint(Topic::Audience), exp.acs[0]))
                    .at(line, path.clone()),
                );
                continue;
            }
            let and = if c.restrictions.len() > 1 {
                " (each AudienceRestriction must name the SP, SAML core §2.5.1.4)"
            } else {
                ""
            };
            sink.push(
                Finding::new(
                    Code::AudienceMismatch,
                    format!(
                        "{which}: Audience {} does not match the expected {e:?}: {}{and}",
                        quote_list(r),
                        diff(e, &r[0])
                    ),
                )
                .hint(idp.hint(Topic::Audience))
                .at(line, path.clone()),
            );
        }
    }
    let spnq = a
        .subject
        .as_ref()
        .and_then(|s| s.name_id.as_ref())
        .and_then(|n| n.sp_name_qualifier.as_deref().map(|q| (q, n.line)));
    if let Some((q, l)) = spnq.filter(|_| !exp.audiences.is_empty()) {
        let q = trim_xml(q);
        if !q.is_empty() && !exp.audiences.iter().any(|e| matches(e, q)) {
            sink.push(
                Finding::new(
                    Code::NameidSpNameQualifier,
                    format!("the NameID's SPNameQualifier is {:?}, not this SP ({}): the identifier was issued for another SP", escape(q), quote_list(&exp.audiences)),
                )
                .hint(idp.hint(Topic::Audience))
                .at(l, format!("{}/Subject/NameID", a.path)),
            );
        }
    }
}

/// A finding when `value` (a Destination or Recipient) matches none of the expected ACS URLs.
pub fn acs_mismatch(
    code: Code,
    what: &str,
    value: &str,
    exp: &Expectations,
    idp: Idp,
) -> Option<Finding> {
    if exp.acs.iter().any(|e| matches(e, value)) {
        return None;
    }
    if exp.audiences.iter().any(|a| matches(a, value)) {
        let message = format!(
            "{what} {value:?} is the SP's entity ID, not its ACS URL ({}): the IdP application's Reply (ACS) URL and Identifier (Entity ID) are swapped",
            quote_list(&exp.acs)
        );
        return Some(Finding::new(code, message).hint(format!(
            "{} — Reply / ACS URL: {}; Identifier (Entity ID): {value}",
            idp.hint(Topic::Acs),
            exp.acs[0]
        )));
    }
    let message = format!(
        "{what} {value:?} is not an expected ACS URL ({}): {}",
        quote_list(&exp.acs),
        diff(&best(&exp.acs, value), value)
    );
    Some(Finding::new(code, message).hint(format!(
        "{} (expected: {})",
        idp.hint(Topic::Acs),
        exp.acs[0]
    )))
}

fn best(candidates: &[String], actual: &str) -> String {
    candidates
        .iter()
        .max_by_key(|c| {
            c.chars()
                .zip(actual.chars())
                .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
                .count()
        })
        .cloned()
        .unwrap_or_default()
}

fn quote_list(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches(
            "https://*.signin.aws.amazon.com/saml",
            "https://us-east-2.signin.aws.amazon.com/saml"
        ));
        assert!(matches(
            "https://analytics.amplitude.com/saml/sso/*",
            "https://analytics.amplitude.com/saml/sso/123"
        ));
        assert!(!matches(
            "https://analytics.amplitude.com/saml/sso/*",
            "https://evil.com/saml/sso/123"
        ));
        assert!(!matches(
            "https://*.signin.aws.amazon.com/saml",
            "https://signin.aws.amazon.com/saml/x"
        ));
    }

    #[test]
    fn diffs_name_the_cause() {
        assert!(diff("https://sp.example.com/acs", "http://sp.example.com/acs").contains("scheme"));
        assert!(
            diff("https://sp.example.com/acs", "https://sp.example.com/acs/")
                .contains("trailing slash")
        );
        assert!(diff("https://sp.example.com/acs", "https://SP.example.com/ACS").contains("case"));
        assert!(diff(
            "https://sp.example.com/acs",
            "https://sp.example.com:8443/acs"
        )
        .contains("port"));
        assert!(diff(
            "https://sp.example.com/acs",
            "https://other.example.com/acs"
        )
        .contains("host"));
        assert!(diff(
            "https://signin.aws.amazon.com/saml",
            "https://us-east-2.signin.aws.amazon.com/saml"
        )
        .contains("host"));
        assert!(diff(
            "https://portal.sso.eu-west-1.amazonaws.com/a",
            "https://portal.sso.us-east-1.amazonaws.com/a"
        )
        .contains("region"));
        assert!(
            diff("https://a.com/saml/sso/123", "https://a.com/saml/sso/456").contains("segment")
        );
        assert!(diff("https://a.com:443/x", "https://a.com/x").contains("default port"));
    }
}

//! Expectations: what the user (flags, SP metadata, a profile) says the issuer, audience, ACS
//! and request are, and how an actual value differs from an expected one (a diff that names the
//! cause). The checks that use them are `issuer`, `audience`, `destination`, `in_response_to`
//! and `bearer`.

use crate::codes::Code;
use crate::finding::Finding;
use crate::idp::{Idp, Topic};

/// What the SP expects. Empty means "nothing to judge" (the check is skipped).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    /// Accepted audiences (SP entity IDs). Entries ending in `*` are prefix patterns.
    pub audiences: Vec<String>,
    /// Accepted ACS URLs (Destination and Recipient). Entries ending in `*` are prefix patterns.
    pub acs: Vec<String>,
    pub issuer: Option<String>,
    pub request_id: Option<String>,
    /// The IdP's SingleSignOnService URLs (from `--idp-metadata`): where AuthnRequests go.
    pub idp_sso: Vec<String>,
    /// The SP wants the Assertion itself signed (SP metadata WantAssertionsSigned), not only the Response.
    pub want_assertions_signed: bool,
    /// The SP metadata's AssertionConsumerService endpoints (indexes, bindings, the default),
    /// for an AuthnRequest's AssertionConsumerServiceIndex.
    pub sp_acs: Vec<crate::trust::metadata::Endpoint>,
}

/// Exact comparison, or a pattern in the documented shape of a URL: `*` stands for one host
/// label or path segment (one or more characters, never `/`, `?` or `#`) and `<n>` for a number
/// (one or more digits, such as Amplitude's organisation ID). A trailing slash, an empty
/// segment or a literal `UNIQUE_ID` from a setup guide never matches.
pub fn matches(expected: &str, actual: &str) -> bool {
    if !is_pattern(expected) {
        return expected == actual;
    }
    glob(expected.as_bytes(), actual.as_bytes())
}

/// Whether an expected value is a pattern (`*`, `<n>`) rather than a URL to compare as text.
pub fn is_pattern(expected: &str) -> bool {
    expected.contains('*') || expected.contains("<n>")
}

/// [`matches`] for a pattern: literal bytes consumed in a loop, backtracking only at the
/// wildcards (so the depth is the number of wildcards, whatever the length of `s`).
fn glob(mut p: &[u8], mut s: &[u8]) -> bool {
    loop {
        if let Some(rest) = p.strip_prefix(b"<n>") {
            let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
            return (1..=n).rev().any(|k| glob(rest, &s[k..]));
        }
        match p.first() {
            None => return s.is_empty(),
            Some(b'*') => {
                let n = s
                    .iter()
                    .take_while(|b| !matches!(b, b'/' | b'?' | b'#'))
                    .count();
                return (1..=n).rev().any(|k| glob(&p[1..], &s[k..]));
            }
            Some(c) => {
                if s.first() != Some(c) {
                    return false;
                }
                p = &p[1..];
                s = &s[1..];
            }
        }
    }
}

/// Explains the first difference between an expected and an actual URL or identifier.
pub fn diff(expected: &str, actual: &str) -> String {
    let expected = expected.split(['*', '<']).next().unwrap_or(expected);
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

pub(super) fn quote_list(v: &[String]) -> String {
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
        // One label or segment, never across a slash, never empty.
        assert!(!matches(
            "https://*.signin.aws.amazon.com/saml",
            "https://evil.example/x.signin.aws.amazon.com/saml"
        ));
        let ic = "https://*.signin.aws.amazon.com/platform/saml/*";
        assert!(matches(
            ic,
            "https://us-east-1.signin.aws.amazon.com/platform/saml/d-9067c6d1a4"
        ));
        assert!(!matches(
            ic,
            "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/3f1e"
        ));
        let amp = "https://analytics.amplitude.com/saml/sso/<n>";
        assert!(matches(
            amp,
            "https://analytics.amplitude.com/saml/sso/123456"
        ));
        for wrong in ["", "UNIQUE_ID", "metadata", "123/", "12a"] {
            assert!(
                !matches(
                    amp,
                    &format!("https://analytics.amplitude.com/saml/sso/{wrong}")
                ),
                "{wrong}"
            );
        }
        // A long hostile value is judged without deep recursion.
        assert!(!matches(
            amp,
            &format!(
                "https://analytics.amplitude.com/saml/sso/{}",
                "1".repeat(100_000) + "x"
            )
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

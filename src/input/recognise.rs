//! What a pasted input is when it is not a SAML message, in the user's terms: an HTML page (the
//! server's answer, not the message), a PEM certificate or key, a JWT (OpenID Connect / OAuth).
//! And the repairs a copy often needs: surrounding quotes, and base64 whose `+` became spaces
//! (a value that went through a form decoder twice).

/// The one line that says what `text` is instead of a SAML message, if it is a known other thing.
pub fn not_saml(text: &str) -> Option<String> {
    let t = text.trim_start();
    let head = t.as_bytes();
    let starts = |p: &[u8]| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<!doctype html") || starts(b"<html") {
        let title = super::exchange::title(t, 120)
            .map(|s| format!(" (titled {s:?})"))
            .unwrap_or_default();
        return Some(format!("this is an HTML page{title}, not a SAML message: it is a server's answer; capture the request that carried SAMLResponse or SAMLRequest (a HAR of the sign-in holds both)"));
    }
    // Markup that is not an HTML page is not a PEM block or a JWT either (the common case, asked
    // of every message).
    if t.starts_with('<') {
        return None;
    }
    if let Some(rest) = t.strip_prefix("-----BEGIN ") {
        let kind = rest.split("-----").next().unwrap_or("PEM");
        let flag = if kind.contains("PRIVATE KEY") {
            "--sp-key FILE (the SP's key, to decrypt)"
        } else {
            "--cert FILE (a trusted signing certificate)"
        };
        return Some(format!(
            "this is a PEM {kind}, not a SAML message: pass it with {flag} and give the message as INPUT"
        ));
    }
    if is_jwt(t.trim()) {
        return Some("this is a JWT (an OpenID Connect ID token or OAuth access token), not SAML: the application signs in with OIDC; decode it with a JWT tool".into());
    }
    None
}

/// A `header.payload.signature` token whose header is base64url JSON naming an `alg`.
fn is_jwt(t: &str) -> bool {
    use base64::Engine;
    let parts: Vec<&str> = t.split('.').collect();
    if !(parts.len() == 3 || parts.len() == 5) || parts.iter().take(2).any(|p| p.is_empty()) {
        return false;
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[0].trim_end_matches('='))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get("alg").is_some())
}

/// `text` without one pair of surrounding quotes (copied from JSON, a log or a shell).
pub fn unquote(text: &str) -> Option<&str> {
    let t = text.trim();
    ["\"", "'", "`"].iter().find_map(|q| {
        t.strip_prefix(q)
            .and_then(|r| r.strip_suffix(q))
            .filter(|inner| !inner.contains(q) && !inner.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_it_is() {
        assert!(
            not_saml("<!DOCTYPE html><html><head><title>500 Error</title>")
                .unwrap()
                .contains("\"500 Error\"")
        );
        assert!(not_saml("-----BEGIN CERTIFICATE-----\nMIIB")
            .unwrap()
            .contains("--cert"));
        assert!(not_saml("-----BEGIN PRIVATE KEY-----\nMIIB")
            .unwrap()
            .contains("--sp-key"));
        assert!(
            not_saml("eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJhIn0.c2ln")
                .unwrap()
                .contains("JWT")
        );
        assert!(not_saml("PHNhbWxwOlJlc3BvbnNl").is_none());
        assert!(not_saml("<samlp:Response/>").is_none());
    }

    #[test]
    fn unquotes_once() {
        assert_eq!(unquote("\"abc\""), Some("abc"));
        assert_eq!(unquote("'abc'"), Some("abc"));
        assert_eq!(unquote("abc"), None);
        assert_eq!(unquote("\"a\"b\""), None);
    }
}

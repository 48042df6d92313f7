//! What a capture (HAR, SAML-tracer) recorded around a message besides the message itself: the
//! HTTP exchange that carried it (URL, the server's status, Location, cookies) and what the
//! capture saw after it until the next message (an SP's error redirect, an IdP's error page with
//! its code). [`crate::flow`] judges them; this module only reads them.

use serde::Serialize;
use serde_json::Value;

/// The HTTP request that carried a message and the server's answer to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exchange {
    pub method: String,
    /// When the capture recorded the request (RFC 3339, UTC), when it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    /// The request URL; serialised without its query string (it holds the message itself).
    #[serde(serialize_with = "short")]
    pub url: String,
    /// The answer's status (0 when the capture has none).
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// `Set-Cookie` headers of the answer, as sent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub set_cookies: Vec<String>,
    /// Cookie names the request carried.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_cookies: Vec<String>,
    /// The `<title>` of an HTML answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HAR entry it is (from 0, in time order), to tell one exchange from another.
    #[serde(skip)]
    pub index: Option<usize>,
    /// The text an error recogniser reads (URL, Location, title and the start of an HTML body);
    /// not serialised.
    #[serde(skip)]
    pub evidence: String,
}

fn short<S: serde::Serializer>(url: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::short_url(url))
}

/// How long after the ACS POST the SP's answer chain (its redirects and the landing page) is
/// read as part of the sign-in; pages later than that are the user's next steps.
pub const ANSWER_WINDOW_SECONDS: i64 = 120;

impl Exchange {
    /// Whether `self` was recorded within `seconds` after `start` (true when either time is
    /// unknown: a capture without times is read whole).
    pub fn within(&self, start: &Exchange, seconds: i64) -> bool {
        let t = |x: &Exchange| {
            x.started
                .as_deref()
                .and_then(crate::xml::instant::parse_instant)
        };
        match (t(start), t(self)) {
            (Some(a), Some(b)) => (b - a).whole_seconds() <= seconds,
            _ => true,
        }
    }
}

/// The later exchanges of a Response that belong to its sign-in: those within the answer window
/// after the exchange that carried it.
pub fn answer_chain<'a>(message: Option<&Exchange>, later: &'a [Exchange]) -> &'a [Exchange] {
    let Some(m) = message else {
        return later;
    };
    let end = later
        .iter()
        .position(|x| !x.within(m, ANSWER_WINDOW_SECONDS))
        .unwrap_or(later.len());
    &later[..end]
}

/// The exchange of a HAR entry.
pub fn from_har(entry: &Value) -> Exchange {
    let req = &entry["request"];
    let res = &entry["response"];
    let res_headers = headers(&res["headers"]);
    let req_headers = headers(&req["headers"]);
    let mut request_cookies: Vec<String> = req["cookies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str().map(str::to_string))
        .collect();
    request_cookies.extend(cookie_names(&req_headers));
    // Chrome writes both the `cookies` array and the Cookie header: each name once.
    let mut once = Vec::new();
    request_cookies.retain(|c| {
        let first = !once.contains(c);
        once.push(c.clone());
        first
    });
    let body = body_text(&res["content"]);
    let location = res["redirectURL"]
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| header(&res_headers, "location"));
    let started = entry["startedDateTime"]
        .as_str()
        .and_then(crate::xml::instant::parse_instant);
    build(
        started,
        req["method"].as_str().unwrap_or("?"),
        req["url"].as_str().unwrap_or(""),
        res["status"].as_u64().unwrap_or(0) as u16,
        location,
        set_cookies(&res_headers),
        request_cookies,
        &body,
    )
}

/// The exchange of a SAML-tracer request (`responseStatus`, `responseHeaders`), recorded at
/// `started` (the tracer's own `timestamp`, which its reader parses).
pub fn from_tracer(req: &Value, started: Option<time::OffsetDateTime>) -> Exchange {
    let res_headers = headers(&req["responseHeaders"]);
    let req_headers = headers(&req["requestHeaders"]);
    build(
        started,
        req["method"].as_str().unwrap_or("?"),
        req["url"].as_str().unwrap_or(""),
        req["responseStatus"].as_u64().unwrap_or(0) as u16,
        header(&res_headers, "location"),
        set_cookies(&res_headers),
        cookie_names(&req_headers),
        "",
    )
}

/// Headers as (name, value): HAR's `{"name", "value"}` objects or SAML-tracer's `[name, value]`
/// pairs.
fn headers(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| match h {
            Value::Array(a) => Some((
                a.first()?.as_str()?.to_string(),
                a.get(1)?.as_str()?.to_string(),
            )),
            _ => Some((
                h["name"].as_str()?.to_string(),
                h["value"].as_str()?.to_string(),
            )),
        })
        .collect()
}

/// The `Set-Cookie` headers of an answer, one per cookie (Firefox joins several with newlines).
fn set_cookies(headers: &[(String, String)]) -> Vec<String> {
    headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .flat_map(|(_, v)| v.split('\n').map(str::to_string))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn build(
    started: Option<time::OffsetDateTime>,
    method: &str,
    url: &str,
    status: u16,
    location: Option<String>,
    set_cookies: Vec<String>,
    request_cookies: Vec<String>,
    body: &str,
) -> Exchange {
    let title = title(body, 200);
    let head: String = body.chars().take(64 * 1024).collect();
    let evidence = format!(
        "{url}\n{}\n{}\n{head}",
        location.as_deref().unwrap_or(""),
        title.as_deref().unwrap_or("")
    );
    Exchange {
        started: started.map(crate::xml::instant::format_instant),
        method: method.to_string(),
        url: url.to_string(),
        status,
        location,
        set_cookies,
        request_cookies,
        title,
        evidence,
        index: None,
    }
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

fn cookie_names(headers: &[(String, String)]) -> Vec<String> {
    headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, v)| {
            v.split(';')
                .map(|c| c.split('=').next().unwrap_or("").trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// A HAR response body as text (base64 content decoded), at most 1 MiB looked at.
fn body_text(content: &Value) -> String {
    let Some(text) = content["text"].as_str() else {
        return String::new();
    };
    let text: String = text.chars().take(1024 * 1024).collect();
    if content["encoding"].as_str() == Some("base64") {
        return super::base64::decode(&text)
            .ok()
            .map(|(b, _)| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
    }
    text
}

/// The `<title>` of an HTML page, whitespace collapsed, at most `max` characters.
pub(super) fn title(html: &str, max: usize) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let end = open_end + lower[open_end..].find("</title")?;
    let t: String = html[open_end..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!t.is_empty()).then(|| t.chars().take(max).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_location_cookies_and_title() {
        let entry: Value = serde_json::from_str(r#"{"request":{"method":"POST","url":"https://sp/acs","headers":[{"name":"Cookie","value":"a=1; sid=2"}]},"response":{"status":302,"redirectURL":"","headers":[{"name":"Location","value":"/login?error=x"},{"name":"Set-Cookie","value":"s=1; Path=/"}],"content":{"text":"<html><title> Sign in\n failed </title></html>"}}}"#).unwrap();
        let e = from_har(&entry);
        assert_eq!(e.status, 302);
        assert_eq!(e.location.as_deref(), Some("/login?error=x"));
        assert_eq!(e.set_cookies, ["s=1; Path=/"]);
        assert_eq!(e.request_cookies, ["a", "sid"]);
        assert_eq!(e.title.as_deref(), Some("Sign in failed"));
    }
}

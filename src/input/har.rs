//! HAR 1.2 files: every SAML message in request URLs and POST bodies, in order — and, when the
//! capture stopped before the browser posted it, in the auto-submit HTML form of a response.

use serde_json::Value;

use super::{decode_text, from_pairs, urlenc, Capture, Limits, Step};
use crate::error::InputError;

/// Every SAML message in the HAR's entries; an error when there is none.
pub(super) fn messages(
    har: &Value,
    limits: &Limits,
) -> Result<Vec<Result<Capture, InputError>>, InputError> {
    let entries = har["log"]["entries"]
        .as_array()
        .ok_or_else(|| InputError::new("HAR file: log.entries is not an array"))?;
    let mut out = Vec::new();
    // SAML messages found in response HTML, by entry, and where each entry's messages end in `out`.
    let mut forms: Vec<(usize, Vec<Result<Capture, InputError>>)> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let req = &entry["request"];
        let method = req["method"].as_str().unwrap_or("?");
        let url = req["url"].as_str().unwrap_or("");
        let shown = super::short_url(url);
        let when = entry["startedDateTime"].as_str().unwrap_or("");
        let context = format!(
            "HAR entry {}: {method} {shown}{}",
            i + 1,
            if when.is_empty() {
                String::new()
            } else {
                format!(" at {when}")
            }
        );
        let label = |r: Result<Capture, InputError>| match r {
            Ok(mut c) => {
                c.context = Some(context.clone());
                Ok(c)
            }
            Err(e) => Err(InputError {
                message: format!("{context}: {}", e.message),
                ..e
            }),
        };
        if let Some(query) = url
            .split_once('?')
            .map(|(_, q)| q.split('#').next().unwrap_or(q))
        {
            if has_saml_param(query) {
                out.push(label(urlenc::parse_pairs(query).and_then(|p| {
                    from_pairs(&p, vec![Step::Har, Step::Url], true, limits)
                })));
            }
        }
        let post = &req["postData"];
        if let Some(params) = post["params"].as_array().filter(|p| !p.is_empty()) {
            let pairs: Vec<urlenc::Pair> = params
                .iter()
                .filter_map(|p| {
                    let name = p["name"].as_str()?.to_string();
                    let value = p["value"].as_str().unwrap_or("").to_string();
                    // HAR params are usually decoded already; decode again only when escapes remain.
                    let decoded = if urlenc::has_escapes(&value) {
                        urlenc::percent_decode(&value).unwrap_or(value.clone())
                    } else {
                        value.clone()
                    };
                    Some(urlenc::Pair {
                        name,
                        raw_value: value,
                        value: decoded,
                        offset: 0,
                    })
                })
                .collect();
            if pairs
                .iter()
                .any(|p| p.name == "SAMLResponse" || p.name == "SAMLRequest")
            {
                out.push(label(from_pairs(
                    &pairs,
                    vec![Step::Har, Step::Form],
                    false,
                    limits,
                )));
                forms.push((i, html_forms(entry, limits, &label)));
                positions.push(out.len());
                continue;
            }
        }
        if let Some(text) = post["text"].as_str() {
            if has_saml_param(text) {
                out.push(label(decode_text(text, vec![Step::Har], limits)));
            }
        }
        forms.push((i, html_forms(entry, limits, &label)));
        positions.push(out.len());
    }
    // Messages seen only in an HTML form (never posted in this capture) are added after the
    // entry whose response carried them; ones the browser did post are not repeated.
    let posted: Vec<Vec<u8>> = out
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|c| c.xml.clone()))
        .collect();
    let mut extra = 0;
    for (i, found) in forms {
        for c in found {
            if c.as_ref().is_ok_and(|c| posted.contains(&c.xml)) {
                continue;
            }
            let at = (positions.get(i).copied().unwrap_or(out.len()) + extra).min(out.len());
            out.insert(at, c);
            extra += 1;
        }
    }
    if out.is_empty() {
        return Err(InputError::new(format!(
            "HAR file has {} entries but no SAMLRequest or SAMLResponse in any request URL or POST body (was the capture started before signing in, with 'Preserve log' on?)",
            entries.len()
        )));
    }
    Ok(out)
}

/// SAMLResponse/SAMLRequest values in the auto-submit forms of an entry's HTML response.
fn html_forms(
    entry: &Value,
    limits: &Limits,
    label: &dyn Fn(Result<Capture, InputError>) -> Result<Capture, InputError>,
) -> Vec<Result<Capture, InputError>> {
    let content = &entry["response"]["content"];
    let Some(text) = content["text"].as_str() else {
        return Vec::new();
    };
    if !text.contains("SAMLResponse") && !text.contains("SAMLRequest") {
        return Vec::new();
    }
    // Content may itself be base64 (HAR `encoding: "base64"`).
    let decoded;
    let html = if content["encoding"].as_str() == Some("base64") {
        decoded = super::base64::decode(text)
            .ok()
            .map(|(b, _)| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        decoded.as_str()
    } else {
        text
    };
    let inputs = html_inputs(html);
    let value = |n: &str| inputs.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let mut found = Vec::new();
    for name in ["SAMLResponse", "SAMLRequest"] {
        if let Some(v) = value(name) {
            let mut pairs = vec![urlenc::Pair {
                name: name.into(),
                raw_value: v.clone(),
                value: v,
                offset: 0,
            }];
            if let Some(rs) = value("RelayState") {
                pairs.push(urlenc::Pair {
                    name: "RelayState".into(),
                    raw_value: rs.clone(),
                    value: rs,
                    offset: 0,
                });
            }
            found.push(
                label(from_pairs(
                    &pairs,
                    vec![Step::Har, Step::HtmlForm],
                    false,
                    limits,
                ))
                .map(|mut c| {
                    c.context = c.context.map(|ctx| {
                        format!(
                            "{ctx} (response HTML form; the browser's POST is not in the capture)"
                        )
                    });
                    c
                }),
            );
        }
    }
    found
}

/// (name, value) of every `<input>` in `html`, values HTML-unescaped.
fn html_inputs(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find("<input") {
        let start = from + p;
        let end = lower[start..].find('>').map_or(html.len(), |e| start + e);
        let tag = &html[start..end];
        if let (Some(n), Some(v)) = (tag_attr(tag, "name"), tag_attr(tag, "value")) {
            out.push((n, html_unescape(&v)));
        }
        from = end.max(start + 6);
    }
    out
}

/// A quoted attribute of an HTML tag.
fn tag_attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[at + name.len()..].trim_start();
        if before_ok && rest.starts_with('=') {
            let vstart = tag.len() - rest.len() + 1;
            let v = tag[vstart..].trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &v[1..];
                return body.find(quote).map(|e| body[..e].to_string());
            }
            return Some(
                v.split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
        }
        from = at + name.len();
    }
    None
}

/// Unescapes the HTML character references that appear in form values.
fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn has_saml_param(text: &str) -> bool {
    text.split('&')
        .any(|p| p.starts_with("SAMLResponse=") || p.starts_with("SAMLRequest="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_form_inputs() {
        let html = r#"<form method="post" action="https://sp/acs"><INPUT type="hidden" name="SAMLResponse" value="PD94&#x2B;bWw&#61;"/><input type=hidden name='RelayState' value='a&amp;b'></form>"#;
        let inputs = html_inputs(html);
        assert_eq!(
            inputs,
            [
                ("SAMLResponse".to_string(), "PD94+bWw=".to_string()),
                ("RelayState".to_string(), "a&b".to_string())
            ]
        );
    }

    #[test]
    fn unescape_leaves_unknown_references() {
        assert_eq!(html_unescape("a&nbsp;b&#65;&"), "a&nbsp;bA&");
    }
}

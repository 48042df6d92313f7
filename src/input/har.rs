//! HAR 1.2 files: every SAML message in request URLs and POST bodies, in order.

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
                continue;
            }
        }
        if let Some(text) = post["text"].as_str() {
            if has_saml_param(text) {
                out.push(label(decode_text(text, vec![Step::Har], limits)));
            }
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

fn has_saml_param(text: &str) -> bool {
    text.split('&')
        .any(|p| p.starts_with("SAMLResponse=") || p.starts_with("SAMLRequest="))
}

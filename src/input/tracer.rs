//! SAML-tracer JSON exports: `{"requests": [{"method", "url", "post": [[name, value]…], "saml"}…]}`.

use serde_json::Value;

use super::{from_pairs, urlenc, Capture, Limits, Step};
use crate::error::InputError;

/// Every SAML message in the export's requests; an error when there is none.
pub(super) fn messages(
    export: &Value,
    limits: &Limits,
) -> Result<Vec<Result<Capture, InputError>>, InputError> {
    let requests = export["requests"]
        .as_array()
        .ok_or_else(|| InputError::new("SAML-tracer export: requests is not an array"))?;
    let mut out = Vec::new();
    for (i, req) in requests.iter().enumerate() {
        let method = req["method"].as_str().unwrap_or("?");
        let url = req["url"].as_str().unwrap_or("");
        let shown = super::short_url(url);
        let context = format!("SAML-tracer request {}: {method} {shown}", i + 1);
        let mut pairs: Vec<urlenc::Pair> = Vec::new();
        let mut in_url = false;
        if let Some(post) = req["post"].as_array() {
            for p in post {
                let (Some(name), Some(value)) = (
                    p.get(0).and_then(Value::as_str),
                    p.get(1).and_then(Value::as_str),
                ) else {
                    continue;
                };
                pairs.push(urlenc::Pair {
                    name: name.into(),
                    raw_value: value.into(),
                    value: value.into(),
                    offset: 0,
                });
            }
        }
        if !pairs.iter().any(|p| p.name.starts_with("SAML")) {
            if let Some(query) = url.split_once('?').map(|(_, q)| q) {
                if let Ok(p) = urlenc::parse_pairs(query) {
                    pairs = p;
                    in_url = true;
                }
            }
        }
        let has_param = pairs
            .iter()
            .any(|p| p.name == "SAMLResponse" || p.name == "SAMLRequest");
        let result = if has_param {
            from_pairs(
                &pairs,
                vec![
                    Step::SamlTracer,
                    if in_url { Step::Url } else { Step::Form },
                ],
                in_url,
                limits,
            )
        } else if let Some(xml) = req["saml"]
            .as_str()
            .filter(|s| s.trim_start().starts_with('<'))
        {
            // Older exports keep only the decoded XML.
            Ok(Capture {
                origin: String::new(),
                context: None,
                steps: vec![Step::SamlTracer],
                parameter: None,
                relay_state: None,
                redirect: None,
                xml: xml.as_bytes().to_vec(),
            })
        } else {
            continue;
        };
        out.push(match result {
            Ok(mut c) => {
                c.context = Some(context);
                Ok(c)
            }
            Err(e) => Err(InputError {
                message: format!("{context}: {}", e.message),
                ..e
            }),
        });
    }
    if out.is_empty() {
        return Err(InputError::new(format!(
            "SAML-tracer export has {} requests but none carries a SAML message",
            requests.len()
        )));
    }
    Ok(out)
}

//! SAML-tracer JSON exports: `{"requests": [{"method", "url", "post": [[name, value]…], "saml"}…]}`.

use serde_json::Value;

use super::{from_pairs, is_loose_message_param, is_message_param, urlenc, Capture, Limits, Step};
use crate::error::InputError;

/// Every SAML message in the export's requests; an error when there is none.
pub(super) fn messages(
    export: &Value,
    limits: &Limits,
) -> Result<Vec<Result<Capture, InputError>>, InputError> {
    let requests = export["requests"]
        .as_array()
        .ok_or_else(|| InputError::new("SAML-tracer export: requests is not an array"))?;
    let mut out: Vec<Result<Capture, InputError>> = Vec::new();
    // Requests before the first message: the SP's pages and its redirect to the IdP.
    let mut before: Vec<super::exchange::Exchange> = Vec::new();
    for (i, req) in requests.iter().enumerate() {
        let Some(result) = message(req, limits) else {
            // Not a SAML request: what happened after the last message (an error page, a
            // redirect), or before the first.
            match out.last_mut() {
                Some(Ok(last)) if last.later.len() < 64 => {
                    last.later
                        .push(super::exchange::from_tracer(req, timestamp(req)));
                }
                None if before.len() < 64 => {
                    before.push(super::exchange::from_tracer(req, timestamp(req)))
                }
                _ => {}
            }
            continue;
        };
        let method = req["method"].as_str().unwrap_or("?");
        let shown = super::short_url(req["url"].as_str().unwrap_or(""));
        let context = format!("SAML-tracer request {}: {method} {shown}", i + 1);
        out.push(match result {
            Ok(mut c) => {
                if out.is_empty() {
                    c.earlier = std::mem::take(&mut before);
                }
                c.context = Some(context);
                c.from_capture = true;
                c.recorded_at = timestamp(req);
                c.exchange = Some(super::exchange::from_tracer(req, timestamp(req)));
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

/// The SAML message one request carries (its POST fields or URL query, else the decoded XML
/// the export keeps in `saml`); `None` when it carries none.
fn message(req: &Value, limits: &Limits) -> Option<Result<Capture, InputError>> {
    let url = req["url"].as_str().unwrap_or("");
    let mut pairs: Vec<urlenc::Pair> = Vec::new();
    let mut in_url = false;
    for p in req["post"].as_array().into_iter().flatten() {
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
    if !pairs.iter().any(|p| p.name.starts_with("SAML")) {
        if let Some(query) = url.split_once('?').map(|(_, q)| q) {
            if let Ok(p) = urlenc::parse_pairs(query) {
                pairs = p;
                in_url = true;
            }
        }
    }
    let has_param = pairs.iter().any(|p| is_message_param(&p.name));
    // A message-shaped name samlcheck would not read (another case, percent-encoded letters):
    // an SP might read it, so the request is refused rather than judged by another field.
    let loose = pairs
        .iter()
        .filter(|p| is_loose_message_param(&p.name))
        .count();
    if loose > 0 {
        return Some(Err(InputError::new(format!(
            "the request carries {loose} message parameter(s) under a name samlcheck does not read as given (another letter case or percent-encoded letters): SPs' form parsers differ, so the message an SP read cannot be told — refused"
        ))));
    }
    if !has_param {
        // Older exports keep only the decoded XML.
        return saml_field(req).map(|xml| Ok(decoded(xml, None)));
    }
    let step = if in_url { Step::Url } else { Step::Form };
    let result = from_pairs(&pairs, vec![Step::SamlTracer, step], in_url, limits);
    // A value masked or removed by the export's filters ("{hash:…}", "{obf:…}", empty): the
    // decoded XML is still in `saml`.
    // Only when every message value was masked or removed: a value that does not decode is
    // what the SP received, never replaced by the export's own decoding.
    let masked = pairs
        .iter()
        .filter(|p| is_message_param(&p.name))
        .all(|p| p.value.trim().is_empty() || is_masked(&p.value));
    Some(match (result, saml_field(req)) {
        (Err(_), Some(xml)) if masked => {
            let mut c = decoded(
                xml,
                pairs
                    .iter()
                    .find(|p| p.name.starts_with("SAML"))
                    .map(|p| p.name.clone()),
            );
            // The RelayState as the export shows it (masked too: "{hash:…}").
            c.relay_state = pairs
                .iter()
                .find(|p| p.name == "RelayState")
                .map(|p| p.value.clone());
            Ok(c)
        }
        (result, _) => result,
    })
}

/// A value SAML-tracer's "Mask values" or "Remove values" filter replaced (`{hash:1e62…}`,
/// `{obf:alternative_0}`): unknown, not a value to compare.
pub fn is_masked(v: &str) -> bool {
    let v = v.trim();
    (v.starts_with("{hash:") || v.starts_with("{obf:")) && v.ends_with('}')
}

/// The decoded XML SAML-tracer keeps beside the parameters (`saml`), when it is XML.
fn saml_field(req: &Value) -> Option<String> {
    req["saml"]
        .as_str()
        .filter(|s| s.trim_start().starts_with('<'))
        .map(str::to_string)
}

/// When the request was recorded: a `timestamp` in milliseconds since the epoch or RFC 3339.
fn timestamp(req: &Value) -> Option<time::OffsetDateTime> {
    match &req["timestamp"] {
        Value::Number(n) => {
            let ms = n.as_i64()?;
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
        }
        Value::String(s) => crate::xml::instant::parse_instant(s),
        _ => None,
    }
}

/// A capture of the decoded XML SAML-tracer kept in `saml`.
fn decoded(xml: String, parameter: Option<String>) -> Capture {
    Capture {
        origin: String::new(),
        context: None,
        steps: vec![Step::SamlTracer],
        parameter,
        relay_state: None,
        redirect: None,
        recorded_at: None,
        from_capture: true,
        exchange: None,
        entry: None,
        later: Vec::new(),
        earlier: Vec::new(),
        xml: xml.into_bytes(),
        outside_token: Vec::new(),
    }
}

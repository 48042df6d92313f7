//! HAR 1.2 files: every SAML message in request URLs and POST bodies, in order — and, when the
//! capture stopped before the browser posted it, in the auto-submit HTML form of a response.

use serde_json::Value;

use super::{from_pairs, is_message_param, urlenc, Capture, Limits, Step};
use crate::error::InputError;

/// Every SAML message in the HAR's entries; an error when there is none.
pub(super) fn messages(
    har: &Value,
    limits: &Limits,
) -> Result<Vec<Result<Capture, InputError>>, InputError> {
    let entries = har["log"]["entries"]
        .as_array()
        .ok_or_else(|| InputError::new("HAR file: log.entries is not an array"))?;
    let sorted = in_time_order(entries);
    let entries = sorted.as_slice();
    let mut out = Vec::new();
    // SAML messages found in response HTML, by entry, and where each entry's messages end in `out`.
    let mut forms: Vec<Vec<Result<Capture, InputError>>> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let (sent, in_page) = entry_messages(i, entry, limits);
        out.extend(sent);
        forms.push(in_page);
        positions.push(out.len());
    }
    insert_forms(&mut out, forms, &positions);
    attach_later(&mut out, entries);
    if out.is_empty() {
        // No message, but an IdP's error page: that page is the answer.
        let error = entries.iter().enumerate().find_map(|(i, e)| {
            let x = super::exchange::from_har(e);
            crate::idp::errors::recognise(&x.evidence).map(|err| (i, x, err))
        });
        if let Some((i, x, e)) = error {
            return Err(InputError::new(format!(
                "HAR file holds no SAML message, but entry {} ({}) is {}'s error {}: {}. Fix: {}",
                i + 1,
                super::short_url(&x.url),
                e.product,
                e.code,
                e.meaning,
                e.fix
            )));
        }
        return Err(InputError::new(format!(
            "HAR file has {} entries but no SAMLRequest or SAMLResponse in any request URL or POST body (was the capture started before signing in, with 'Preserve log' on?)",
            entries.len()
        )));
    }
    Ok(out)
}

/// Messages found in one place, each decoded or the reason it could not be.
type Found = Vec<Result<Capture, InputError>>;

/// The messages entry `i` sent (in its URL or POST body) and those its answer's HTML carries in
/// an auto-submit form, each labelled with the entry.
fn entry_messages(i: usize, entry: &Value, limits: &Limits) -> (Found, Found) {
    let req = &entry["request"];
    let method = req["method"].as_str().unwrap_or("?");
    let url = req["url"].as_str().unwrap_or("");
    let when = entry["startedDateTime"].as_str().unwrap_or("");
    let context = format!(
        "HAR entry {}: {method} {}{}",
        i + 1,
        super::short_url(url),
        if when.is_empty() {
            String::new()
        } else {
            format!(" at {when}")
        }
    );
    let recorded = crate::xml::instant::parse_instant(when);
    let mut exchange = super::exchange::from_har(entry);
    exchange.index = Some(i);
    let label = |r: Result<Capture, InputError>| match r {
        Ok(mut c) => {
            c.context = Some(context.clone());
            c.recorded_at = recorded;
            c.from_capture = true;
            c.exchange = Some(exchange.clone());
            c.entry = Some(i);
            Ok(c)
        }
        Err(e) => Err(InputError {
            message: format!("{context}: {}", e.message),
            ..e
        }),
    };
    let mut sent = Vec::new();
    if let Some(query) = url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or(q))
    {
        if has_saml_param(query) {
            sent.push(label(urlenc::parse_pairs(query).and_then(|p| {
                from_pairs(&p, vec![Step::Har, Step::Url], true, limits)
            })));
        }
    }
    let post = &req["postData"];
    // The body as sent (`text`) is what the SP parsed; `params` is the browser's reading of it.
    // Every message-shaped name the body holds, in any case, percent-encoded or in a multipart
    // part, must be a parameter samlcheck reads, or an SP may read a message samlcheck never saw.
    let text = post["text"].as_str().unwrap_or("");
    let params = post_params(post);
    let sent_text = has_saml_param(text);
    let pairs = match urlenc::parse_pairs(text) {
        Ok(p) if sent_text => p,
        _ => params.clone(),
    };
    let held =
        message_names(text).max(params.iter().filter(|p| message_names(&p.name) > 0).count());
    let read = pairs.iter().filter(|p| is_message_param(&p.name)).count();
    let params_disagree = sent_text
        && params.iter().any(|p| {
            is_message_param(&p.name)
                && !pairs.iter().any(|q| q.name == p.name && q.value == p.value)
        });
    if held > read || params_disagree {
        sent.push(label(Err(InputError::new(format!(
            "the POST body names a SAML message {held} time(s) but samlcheck reads {read} parameter(s) from it{}: SPs' form parsers differ (case, percent-encoded names, ';' separators, multipart bodies), so the message an SP read cannot be told — refused",
            if params_disagree { ", and the capture's params disagree with the body sent" } else { "" }
        )))));
    } else if read > 0 {
        sent.push(label(from_pairs(
            &pairs,
            vec![Step::Har, Step::Form],
            false,
            limits,
        )));
    }
    (sent, html_forms(entry, limits, &label))
}

/// A POST body's `params`, decoded (HAR params are usually decoded already; decoded again only
/// when escapes remain).
fn post_params(post: &Value) -> Vec<urlenc::Pair> {
    post["params"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let name = p["name"].as_str()?.to_string();
            let value = p["value"].as_str().unwrap_or("").to_string();
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
        .collect()
}

/// Messages seen only in an HTML form (never posted in this capture) are added after the entry
/// whose answer carried them; ones the browser did post are not repeated.
fn insert_forms(
    out: &mut Vec<Result<Capture, InputError>>,
    forms: Vec<Vec<Result<Capture, InputError>>>,
    positions: &[usize],
) {
    let posted: Vec<Vec<u8>> = out
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|c| c.xml.clone()))
        .collect();
    let mut extra = 0;
    for (i, found) in forms.into_iter().enumerate() {
        for c in found {
            if c.as_ref().is_ok_and(|c| posted.contains(&c.xml)) {
                continue;
            }
            let at = (positions.get(i).copied().unwrap_or(out.len()) + extra).min(out.len());
            out.insert(at, c);
            extra += 1;
        }
    }
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
    let lower = html.to_ascii_lowercase();
    if !["samlresponse", "samlrequest"]
        .iter()
        .any(|n| lower.contains(n))
    {
        return Vec::new();
    }
    let inputs = super::html::inputs(html);
    if let Err(e) = super::html::census(html, &inputs) {
        return vec![label(Err(InputError::new(e)))];
    }
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

/// The entries sorted by `startedDateTime` (HAR 1.2: "the reader application should always make
/// sure the array is sorted"), stable for equal times; in file order when any time is missing or
/// unreadable.
fn in_time_order(entries: &[Value]) -> Vec<Value> {
    let times: Option<Vec<time::OffsetDateTime>> = entries
        .iter()
        .map(|e| {
            e["startedDateTime"]
                .as_str()
                .and_then(crate::xml::instant::parse_instant)
        })
        .collect();
    let mut out: Vec<(usize, &Value)> = entries.iter().enumerate().collect();
    if let Some(t) = times {
        out.sort_by_key(|(i, _)| (t[*i], *i));
    }
    out.into_iter().map(|(_, e)| e.clone()).collect()
}

fn has_saml_param(text: &str) -> bool {
    text.split('&').any(|p| {
        p.split_once('=')
            .is_some_and(|(name, _)| is_message_param(name))
    })
}

/// How many times `text` names a SAML message, in any case and with percent-encoded letters
/// decoded: `SAMLResponse`, `SAMLRequest`, `wresult`.
fn message_names(text: &str) -> usize {
    let decoded = urlenc::percent_decode(text).unwrap_or_else(|_| text.to_string());
    let lower = decoded.to_ascii_lowercase();
    super::MESSAGE_PARAMS
        .iter()
        .map(|n| lower.matches(&n.to_ascii_lowercase()).count())
        .sum()
}

/// The exchanges of `entries[range]`, each knowing its entry index.
fn indexed(entries: &[Value], range: std::ops::Range<usize>) -> Vec<super::exchange::Exchange> {
    range
        .map(|i| {
            let mut x = super::exchange::from_har(&entries[i]);
            x.index = Some(i);
            x
        })
        .collect()
}

/// Most later exchanges kept per message (a capture of a sign-in has a few dozen entries).
const MAX_LATER: usize = 64;

/// Gives each message the exchanges the capture recorded after its own entry and before the
/// next message's: the SP's answer chain, an IdP's error page.
fn attach_later(out: &mut [Result<Capture, InputError>], entries: &[Value]) {
    // The entry each message came from.
    let at: Vec<Option<usize>> = out
        .iter()
        .map(|r| r.as_ref().ok().and_then(|c| c.entry))
        .collect();
    if let Some((k, first)) = at.iter().enumerate().find_map(|(k, a)| a.map(|a| (k, a))) {
        if let Ok(c) = out[k].as_mut() {
            c.earlier = indexed(entries, first.saturating_sub(MAX_LATER)..first);
        }
    }
    for k in 0..out.len() {
        let Some(start) = at[k] else { continue };
        let end = at[k + 1..]
            .iter()
            .flatten()
            .copied()
            .find(|&i| i > start)
            .unwrap_or(entries.len());
        if let Ok(c) = out[k].as_mut() {
            c.later = indexed(entries, start + 1..end.min(start + 1 + MAX_LATER));
        }
    }
}

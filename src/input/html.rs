//! HTML auto-submit forms (the IdP's page that posts the SAMLResponse to the SP): the hidden
//! inputs' names and HTML-unescaped values.

/// (name, value) of every `<input>` in `html`, values HTML-unescaped.
pub fn inputs(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find("<input") {
        let start = from + p;
        let end = lower[start..].find('>').map_or(html.len(), |e| start + e);
        let tag = &html[start..end];
        if let (Some(n), Some(v)) = (tag_attr(tag, "name"), tag_attr(tag, "value")) {
            out.push((n, unescape(&v)));
        }
        from = end.max(start + 6);
    }
    out
}

/// How many fields of `html` carry the name `name` (ASCII case-insensitive, character references
/// decoded), wherever they sit: inputs, textareas, buttons, a field disabled, in another form, in
/// a comment or inside another attribute's value. The one field [`inputs`] reads must be the
/// page's only candidate, or a browser and samlcheck can read two different messages.
pub fn named_fields(html: &str, name: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    let want = name.to_ascii_lowercase();
    let mut n = 0;
    let mut from = 0;
    while let Some(p) = lower[from..].find("name") {
        let at = from + p;
        from = at + 4;
        let rest = lower[at + 4..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let (quote, body) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = body
            .find(|c: char| match quote {
                Some(q) => c == q,
                None => c.is_ascii_whitespace() || c == '>' || c == '/',
            })
            .unwrap_or(body.len());
        if unescape(&body[..end]).eq_ignore_ascii_case(&want) {
            n += 1;
        }
    }
    n
}

/// Refuses a page whose message fields [`inputs`] did not read exactly as the page holds them
/// (two fields of one name, a textarea or button, one hidden in a comment or an attribute).
pub fn census(html: &str, read: &[(String, String)]) -> Result<(), String> {
    for name in super::MESSAGE_PARAMS {
        let held = named_fields(html, name);
        let got = read.iter().filter(|(k, _)| k == name).count();
        if held != got {
            return Err(format!(
                "the page holds {held} field(s) named {name} where samlcheck reads {got} <input> value(s): a browser submits the enabled field of the submitted form and SPs differ on duplicates, so the message it sent cannot be told — refused; check the posted body in the capture instead"
            ));
        }
    }
    Ok(())
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
pub fn unescape(s: &str) -> String {
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

/// True when `text` looks like an HTML page carrying a SAML form field.
pub fn has_saml_form(text: &str) -> bool {
    // Without a lowercase copy of the text: every message read goes through this test.
    let t = text.as_bytes();
    (tag_ci(t, b"form") || tag_ci(t, b"input"))
        && (contains_ci(t, b"samlresponse") || contains_ci(t, b"samlrequest"))
}

/// Whether `<` followed by `name` (ASCII, any case) occurs in `t`.
fn tag_ci(t: &[u8], name: &[u8]) -> bool {
    let mut at = 0;
    while let Some(k) = t[at..].iter().position(|&b| b == b'<') {
        let start = at + k + 1;
        if t.len() >= start + name.len() && t[start..start + name.len()].eq_ignore_ascii_case(name)
        {
            return true;
        }
        at = start;
    }
    false
}

/// Whether `needle` (lowercase ASCII) occurs in `t`, in any case.
fn contains_ci(t: &[u8], needle: &[u8]) -> bool {
    t.windows(needle.len())
        .any(|w| w[0] | 0x20 == needle[0] && w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saml_form_is_told_in_any_case_without_a_copy() {
        assert!(has_saml_form(r#"<FORM><Input name="SAMLResponse">"#));
        assert!(has_saml_form(r#"<input name='samlrequest'>"#));
        assert!(!has_saml_form(
            r#"<samlp:Response><form/></samlp:Response>"#
        ));
        assert!(!has_saml_form("<forms SAML"));
        assert!(!has_saml_form(""));
    }

    #[test]
    fn finds_form_inputs() {
        let html = r#"<form method="post" action="https://sp/acs"><INPUT type="hidden" name="SAMLResponse" value="PD94&#x2B;bWw&#61;"/><input type=hidden name='RelayState' value='a&amp;b'></form>"#;
        let inputs = inputs(html);
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
        assert_eq!(unescape("a&nbsp;b&#65;&"), "a&nbsp;bA&");
    }
}

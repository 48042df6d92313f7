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
    let l = text.to_ascii_lowercase();
    (l.contains("<form") || l.contains("<input"))
        && (l.contains("samlresponse") || l.contains("samlrequest"))
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! The last resort for pasted text no stricter form matched: a `SAMLResponse` / `SAMLRequest`
//! parameter anywhere in it, after `=`, `:` or `":"`, with shell and JSON quoting undone. This
//! covers what browser devtools' copy menus produce for the POST to the ACS ("Copy as cURL" for
//! bash and for Windows cmd, "Copy as fetch" / "Copy as Node.js fetch", "Copy as PowerShell",
//! Firefox's request-parameters JSON) and SAML messages inside log lines or JSON log entries.

use super::urlenc::Pair;

/// What was recognised, for the decoding steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    CurlBash,
    CurlCmd,
    Fetch,
    PowerShell,
    Json,
    Text,
}

impl Quoting {
    pub fn as_str(self) -> &'static str {
        match self {
            Quoting::CurlBash => "curl (bash)",
            Quoting::CurlCmd => "curl (Windows cmd)",
            Quoting::Fetch => "fetch",
            Quoting::PowerShell => "PowerShell",
            Quoting::Json => "JSON",
            Quoting::Text => "text",
        }
    }
}

fn context(text: &str) -> Quoting {
    let t = text.trim_start();
    if t.starts_with("curl ") || t.starts_with("curl.exe ") {
        if text.contains("^\"") || text.contains("^&") {
            Quoting::CurlCmd
        } else {
            Quoting::CurlBash
        }
    } else if t.starts_with("fetch(") || t.contains("await fetch(") {
        Quoting::Fetch
    } else if t.contains("Invoke-WebRequest")
        || t.contains("Invoke-RestMethod")
        || t.starts_with("$session")
    {
        Quoting::PowerShell
    } else if t.starts_with('{') || t.starts_with('[') {
        Quoting::Json
    } else {
        Quoting::Text
    }
}

/// The SAML parameters (and RelayState) found in `text`, with the context they were found in.
pub fn find(text: &str) -> Option<(Vec<Pair>, Quoting)> {
    let ctx = context(text);
    let mut pairs = Vec::new();
    for name in ["SAMLResponse", "SAMLRequest", "RelayState"] {
        if let Some((value, offset)) = value_after(text, name, ctx) {
            if !value.is_empty() {
                pairs.push(Pair {
                    name: name.to_string(),
                    raw_value: value.clone(),
                    value,
                    offset,
                });
            }
        }
    }
    pairs
        .iter()
        .any(|p| p.name != "RelayState")
        .then_some((pairs, ctx))
}

/// The value of the first `name` followed by a separator, unquoted; percent-encoding is kept
/// (the caller decodes it) and JSON's `\/` and cmd's `^` escapes are undone.
fn value_after(text: &str, name: &str, ctx: Quoting) -> Option<(String, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find(name) {
        let start = from + i;
        from = start + name.len();
        // Not a longer word (e.g. "xSAMLResponse" or "SAMLResponseId").
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let mut rest = &text[from..];
        rest = rest.trim_start_matches(['"', '\'', '\\', '^']);
        rest = rest.trim_start();
        let Some(sep) = rest.chars().next().filter(|c| matches!(c, '=' | ':')) else {
            continue;
        };
        rest = rest[sep.len_utf8()..].trim_start();
        rest = rest.trim_start_matches(['"', '\'', '\\', '^']);
        let offset = text.len() - rest.len();
        let mut value = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' | '%' | '-' | '_' => {
                    value.push(c)
                }
                // JSON escapes a slash as \/ ; a JSON-escaped newline inside base64 is skipped.
                '\\' if chars.peek() == Some(&'/') => {
                    chars.next();
                    value.push('/');
                }
                '\\' if matches!(chars.peek(), Some('n' | 'r')) => {
                    chars.next();
                }
                // cmd.exe escapes %, & and " with ^.
                '^' if ctx == Quoting::CurlCmd => {}
                _ => break,
            }
        }
        if value.len() >= 8 {
            return Some((value, offset));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> (String, Quoting) {
        let (pairs, ctx) = find(text).unwrap();
        (pairs[0].value.clone(), ctx)
    }

    #[test]
    fn devtools_copy_forms() {
        let v = "PHNhbWxwOlJlc3BvbnNl%2Bab%3D%3D";
        for (text, ctx) in [
            (format!("curl 'https://sp.example/acs' -H 'content-type: application/x-www-form-urlencoded' --data-raw 'SAMLResponse={v}&RelayState=abc'"), Quoting::CurlBash),
            (format!("curl ^\"https://sp.example/acs^\" --data-raw ^\"SAMLResponse={}^&RelayState=abc^\"", v.replace('%', "^%")), Quoting::CurlCmd),
            (format!("fetch(\"https://sp.example/acs\", {{\"body\": \"SAMLResponse={v}&RelayState=abc\", \"method\": \"POST\"}});"), Quoting::Fetch),
            (format!("$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\nInvoke-WebRequest -UseBasicParsing -Uri \"https://sp.example/acs\" -Method \"POST\" -Body \"SAMLResponse={v}&RelayState=abc\""), Quoting::PowerShell),
            (format!("{{\"SAMLResponse\": \"{v}\", \"RelayState\": \"abc\"}}"), Quoting::Json),
            (format!("2026-01-15T10:00:01Z INFO acs received SAMLResponse={v} from 10.0.0.1"), Quoting::Text),
        ] {
            assert_eq!(value(&text), (v.to_string(), ctx), "{text}");
        }
    }

    #[test]
    fn json_log_entries_and_escapes() {
        let (v, _) = value(r#"{"level":"info","msg":"acs","SAMLResponse":"PHNh\/bWw+\nPQ=="}"#);
        assert_eq!(v, "PHNh/bWw+PQ==");
        assert!(find("no saml here, SAMLResponseId=5").is_none());
    }
}

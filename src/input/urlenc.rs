//! Percent-decoding and `key=value&…` parsing for form bodies and query strings.

use crate::error::InputError;

/// Percent-decodes `text`. A `+` is kept as `+`: SAML values are base64, where a literal `+` is
/// data (a correctly encoded form sends `%2B`, and a decoded space would be ignored anyway).
pub fn percent_decode(text: &str) -> Result<String, InputError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .ok_or_else(|| InputError::at("truncated %-escape in URL-encoded text", i))?;
            let s = std::str::from_utf8(hex)
                .map_err(|_| InputError::at("invalid %-escape in URL-encoded text", i))?;
            let v = u8::from_str_radix(s, 16).map_err(|_| {
                InputError::at(format!("invalid %-escape %{s} in URL-encoded text"), i)
            })?;
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|e| {
        InputError::at(
            "URL-decoded text is not valid UTF-8",
            e.utf8_error().valid_up_to(),
        )
    })
}

/// True when `text` contains a `%XX` escape.
pub fn has_escapes(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// One `name=value` pair, with the raw (still encoded) value kept for signature checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub name: String,
    pub raw_value: String,
    pub value: String,
    /// Byte offset of the value within the parsed text.
    pub offset: usize,
}

/// Parses `a=1&b=2` (the part after `?` of a URL, or a form body).
pub fn parse_pairs(text: &str) -> Result<Vec<Pair>, InputError> {
    let mut pairs = Vec::new();
    let mut start = 0;
    for part in text.split('&') {
        let here = start;
        start += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        let (name, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let name = percent_decode(name.trim()).map_err(|e| shift(e, here))?;
        let value_at = here + name.len() + 1;
        let value = percent_decode(raw_value.trim()).map_err(|e| shift(e, value_at))?;
        pairs.push(Pair {
            name,
            raw_value: raw_value.trim().to_string(),
            value,
            offset: value_at,
        });
    }
    Ok(pairs)
}

fn shift(mut e: InputError, by: usize) -> InputError {
    e.offset = e.offset.map(|o| o + by);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_plus() {
        assert_eq!(percent_decode("a%2Bb+c%3D").unwrap(), "a+b+c=");
    }

    #[test]
    fn bad_escape_has_offset() {
        let e = percent_decode("abc%zz").unwrap_err();
        assert_eq!(e.offset, Some(3));
    }

    #[test]
    fn pairs() {
        let p = parse_pairs("SAMLResponse=PD94%2B&RelayState=x").unwrap();
        assert_eq!(p[0].name, "SAMLResponse");
        assert_eq!(p[0].value, "PD94+");
        assert_eq!(p[0].raw_value, "PD94%2B");
        assert_eq!(p[1].value, "x");
    }
}

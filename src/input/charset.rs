//! Character encodings other than UTF-8: a capture saved by PowerShell 5 (`Out-File`, `>`) is
//! UTF-16 with a byte-order mark, and some IdPs and logs declare ISO-8859-1 in the XML
//! declaration. Those are transcoded to UTF-8 (and the declaration rewritten to say so: it is
//! not part of what a signature covers, since canonical XML is always UTF-8 without it); any
//! other declared encoding is refused with one line that says how to convert it.

use std::borrow::Cow;

use crate::error::InputError;

/// What was done to the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transcoded {
    Utf16,
    Latin1,
}

/// `bytes` as UTF-8, and which transcoding (if any) was needed.
pub fn to_utf8(bytes: &[u8]) -> Result<(Cow<'_, [u8]>, Option<Transcoded>), InputError> {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    };
    if let Some(big_endian) = utf16 {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(InputError::new(
                "input starts with a UTF-16 byte-order mark but has an odd number of bytes: the file is truncated",
            ));
        }
        let units = body.chunks_exact(2).map(|c| {
            if big_endian {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        let mut out = String::with_capacity(body.len() / 2);
        for (i, ch) in char::decode_utf16(units).enumerate() {
            out.push(ch.map_err(|_| {
                InputError::at("input is UTF-16 with an unpaired surrogate", 2 + 2 * i)
            })?);
        }
        let out = rewrite_declaration(&out);
        return Ok((Cow::Owned(out.into_bytes()), Some(Transcoded::Utf16)));
    }
    // A UTF-8 byte-order mark decides the encoding whatever the declaration says (XML 1.0
    // Appendix F.1): the bytes are UTF-8, and the declaration is rewritten to say so.
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let says_utf8 = declared(bytes)
            .is_none_or(|e| matches!(e.to_ascii_lowercase().as_str(), "utf-8" | "utf8"));
        if !says_utf8 {
            let text = std::str::from_utf8(body).map_err(|e| {
                InputError::at(
                    "input starts with a UTF-8 byte-order mark but is not UTF-8",
                    3 + e.valid_up_to(),
                )
            })?;
            return Ok((Cow::Owned(rewrite_declaration(text).into_bytes()), None));
        }
    }
    match declared(bytes) {
        None => Ok((Cow::Borrowed(bytes), None)),
        Some(enc) => match enc.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" | "us-ascii" | "ascii" => Ok((Cow::Borrowed(bytes), None)),
            "iso-8859-1" | "latin1" | "latin-1" | "iso_8859-1" | "l1" => {
                let text: String = bytes.iter().map(|&b| b as char).collect();
                let text = rewrite_declaration(&text);
                Ok((Cow::Owned(text.into_bytes()), Some(Transcoded::Latin1)))
            }
            "utf-16" | "utf16" => Err(InputError::new(
                "the XML declares encoding UTF-16 but has no byte-order mark: save it as UTF-8 (PowerShell: Out-File -Encoding utf8; or iconv -f UTF-16LE -t UTF-8)",
            )),
            other => Err(InputError::new(format!(
                "the XML declares encoding {other:?}, which samlcheck does not read: convert it to UTF-8 first (iconv -f {other} -t UTF-8 FILE)"
            ))),
        },
    }
}

/// The `encoding` of an XML declaration at the start of `bytes`.
fn declared(bytes: &[u8]) -> Option<String> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = b.strip_prefix(b"<?xml")?;
    let end = head.iter().position(|&c| c == b'>')?.min(200);
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// The text with its XML declaration's encoding changed to UTF-8.
fn rewrite_declaration(text: &str) -> String {
    let Some(rest) = text.strip_prefix("<?xml") else {
        return text.to_string();
    };
    let Some(end) = rest.find("?>") else {
        return text.to_string();
    };
    let decl = &rest[..end];
    let Some(at) = decl.find("encoding") else {
        return text.to_string();
    };
    let after = &decl[at..];
    let Some(q1) = after.find(['"', '\'']) else {
        return text.to_string();
    };
    let quote = &after[q1..q1 + 1];
    let Some(q2) = after[q1 + 1..].find(quote) else {
        return text.to_string();
    };
    let new_decl = format!("{}encoding=\"UTF-8\"{}", &decl[..at], &after[q1 + q2 + 2..]);
    format!("<?xml{new_decl}{}", &rest[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_becomes_utf8() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>é</a>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (out, how) = to_utf8(&le).unwrap();
        assert_eq!(how, Some(Transcoded::Utf16));
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>"
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(to_utf8(&be).unwrap().0, out);
    }

    #[test]
    fn a_utf8_bom_decides_over_the_declaration() {
        let x = "\u{FEFF}<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>";
        let (out, how) = to_utf8(x.as_bytes()).unwrap();
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>"
        );
        assert_eq!(how, None);
        assert!(
            to_utf8(b"\xEF\xBB\xBF<?xml version='1.0' encoding='latin1'?><a>\xE9</a>").is_err()
        );
    }

    #[test]
    fn latin1_is_transcoded_and_others_refused() {
        let (out, how) =
            to_utf8(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe9</a>").unwrap();
        assert_eq!(how, Some(Transcoded::Latin1));
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "<?xml version='1.0' encoding=\"UTF-8\"?><a>é</a>"
        );
        let e = to_utf8(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a/>").unwrap_err();
        assert!(e.message.contains("iconv"), "{}", e.message);
        assert!(to_utf8(b"<a/>").unwrap().1.is_none());
    }
}

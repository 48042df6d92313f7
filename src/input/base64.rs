//! Base64 with any whitespace, either alphabet, with or without padding.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, Engine};

use crate::error::InputError;

const CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, CONFIG);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, CONFIG);

/// Which alphabet the input used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    Standard,
    UrlSafe,
}

/// True when `text` is non-empty and made only of base64 characters and whitespace.
pub fn looks_like(text: &str) -> bool {
    let mut significant = 0usize;
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'-' | b'_' | b'=' => {
                significant += 1
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => return false,
        }
    }
    significant >= 4
}

/// Decodes base64, ignoring whitespace; offsets in errors point into `text`.
pub fn decode(text: &str) -> Result<(Vec<u8>, Alphabet), InputError> {
    let mut compact = Vec::with_capacity(text.len());
    let mut url_safe = false;
    let mut standard = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            b'-' | b'_' => url_safe = true,
            b'+' | b'/' => standard = true,
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'=' => {}
            other => {
                return Err(InputError::at(
                    format!("invalid base64 character {:?}", other as char),
                    i,
                ))
            }
        }
        compact.push(b);
    }
    // The offset in `text` of the n-th base64 character (found again only for an error, so
    // decoding holds no per-character table).
    let position = |n: usize| -> usize {
        text.bytes()
            .enumerate()
            .filter(|(_, b)| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .nth(n)
            .map_or(text.len(), |(i, _)| i)
    };
    if url_safe && standard {
        let i = text
            .bytes()
            .position(|b| b == b'-' || b == b'_')
            .unwrap_or(0);
        return Err(InputError::at(
            "base64 mixes the standard and URL-safe alphabets",
            i,
        ));
    }
    // Padding may only stand at the end.
    if let Some(p) = compact.iter().position(|&b| b == b'=') {
        if compact[p..].iter().any(|&b| b != b'=') {
            return Err(InputError::at(
                "base64 has '=' padding in the middle of the data",
                position(p),
            ));
        }
    }
    let data_len = compact.iter().filter(|&&b| b != b'=').count();
    if data_len % 4 == 1 {
        return Err(InputError::at(
            "base64 is truncated: it ends with a single stray character (was the copy cut short?)",
            position(data_len - 1),
        ));
    }
    let (engine, alphabet) = if url_safe {
        (&URL_SAFE, Alphabet::UrlSafe)
    } else {
        (&STANDARD, Alphabet::Standard)
    };
    engine.decode(&compact).map(|d| (d, alphabet)).map_err(|e| {
        let offset = match e {
            base64::DecodeError::InvalidByte(i, _)
            | base64::DecodeError::InvalidLastSymbol(i, _) => Some(position(i)),
            _ => compact.len().checked_sub(1).map(position),
        };
        InputError {
            message: format!("invalid base64: {e}"),
            offset,
            origin: None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_and_missing_padding() {
        let (d, a) = decode("PHNh\nbWw+").unwrap();
        assert_eq!(d, b"<saml>");
        assert_eq!(a, Alphabet::Standard);
        assert_eq!(decode("PHNhbWw").unwrap().0, b"<saml");
    }

    #[test]
    fn url_safe_alphabet_is_reported() {
        let (d, a) = decode("PHNhbWw-").unwrap();
        assert_eq!(d, b"<saml>");
        assert_eq!(a, Alphabet::UrlSafe);
    }

    #[test]
    fn truncated_single_char_has_offset() {
        let e = decode("PHNhb").unwrap_err();
        assert!(e.message.contains("truncated"));
        assert_eq!(e.offset, Some(4));
    }

    #[test]
    fn bad_char_offset_counts_whitespace() {
        let e = decode("PHNh\n*W1s").unwrap_err();
        assert_eq!(e.offset, Some(5));
    }
}

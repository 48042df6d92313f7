//! How values are compared and shown: only XML whitespace (space, tab, CR, LF — XML 1.0 §2.3
//! production S) is trimmed. Rust's `str::trim` strips Unicode whitespace too, so
//! `alice@example.test` followed by U+00A0 would be shown and compared as `alice@example.test`:
//! a different identity that looks the same. Any other space-like or invisible character is
//! kept, named by [`suspicious`], and shown escaped by [`escape`].

/// Bytes as text with invalid UTF-8 replaced by U+FFFD, as `String::from_utf8_lossy` does,
/// checked first by the standard library's fast validator: libxml2 hands out UTF-8 only, so
/// the replacing path (a byte-at-a-time walk) is for what libxml2 did not parse.
pub fn lossy(b: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// `s` without leading and trailing XML whitespace.
pub fn trim_xml(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// A character that is not XML whitespace but is a space, invisible, or changes direction:
/// NO-BREAK SPACE, the U+2000 spaces, IDEOGRAPHIC SPACE, zero-width characters, soft hyphen,
/// bidi controls, the BOM, and C0/C1 controls other than tab, CR and LF.
pub fn is_suspicious(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{a0}'
        | '\u{ad}' | '\u{115f}' | '\u{1160}' | '\u{1680}' | '\u{180e}'
        | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{206f}'
        | '\u{3000}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}')
}

/// The first suspicious character in `s`, with its character position.
pub fn suspicious(s: &str) -> Option<(usize, char)> {
    // The ASCII run first, a byte at a time (a byte's position is its character's there); the
    // rest, from the first non-ASCII character, character by character.
    // In ASCII, the suspicious characters are the controls other than tab, LF and CR, and DEL.
    let ascii = s
        .bytes()
        .position(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b >= 0x7f)
        .unwrap_or(s.len());
    s[ascii..]
        .chars()
        .enumerate()
        .find(|(_, c)| is_suspicious(*c))
        .map(|(i, c)| (ascii + i, c))
}

/// `s` with every suspicious character written as `\u{XXXX}` (and backslashes doubled), so two
/// values that look the same on screen are told apart.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_suspicious(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else if c == '\\' {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_xml_whitespace_only() {
        assert_eq!(
            trim_xml(" \t\r\nalice@example.test\n "),
            "alice@example.test"
        );
        assert_eq!(
            trim_xml("alice@example.test\u{a0}"),
            "alice@example.test\u{a0}"
        );
        assert_eq!(trim_xml("\u{3000}alice"), "\u{3000}alice");
    }

    #[test]
    fn names_and_escapes_invisible_characters() {
        assert_eq!(suspicious("alice@example.test\u{a0}"), Some((18, '\u{a0}')));
        assert_eq!(suspicious("alice\u{200b}@x"), Some((5, '\u{200b}')));
        // Positions count characters, also after non-ASCII ones; ASCII controls are caught.
        assert_eq!(suspicious("é\u{200b}"), Some((1, '\u{200b}')));
        assert_eq!(suspicious("ab\u{7}c"), Some((2, '\u{7}')));
        assert_eq!(suspicious("añb\u{7f}"), Some((3, '\u{7f}')));
        assert_eq!(suspicious("plain ascii\tand\nlines\r"), None);
        assert_eq!(suspicious("ünïcödé"), None);
        assert_eq!(suspicious("Zoë Ångström"), None);
        assert_eq!(escape("a\u{a0}b\\"), "a\\u{00A0}b\\\\");
        // The ASCII fast path agrees with is_suspicious on every ASCII character.
        for b in 0u8..0x80 {
            let c = char::from(b);
            let s = format!("x{c}");
            assert_eq!(suspicious(&s).is_some(), is_suspicious(c), "{b:#x}");
        }
    }

    #[test]
    fn lossy_replaces_only_invalid_utf8() {
        assert!(matches!(
            lossy("Zoë".as_bytes()),
            std::borrow::Cow::Borrowed("Zoë")
        ));
        assert_eq!(lossy(b"a\xffb"), "a\u{fffd}b");
    }
}

//! Terminal safety for text that comes from a message, a certificate or a file name: control
//! characters (C0, DEL, C1 such as U+009B CSI), bidirectional overrides and isolates (U+202E…)
//! and invisible format characters are shown as visible `\u{…}` escapes, so a crafted NameID
//! cannot move the cursor, recolour the verdict or reorder what the reader sees.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as itself.
fn unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// `s` with every unsafe character written as `\u{XXXX}`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{001b}[2Jb");
        assert_eq!(visible("x\u{9b}31m"), "x\\u{009b}31m");
        assert_eq!(visible("moc.live\u{202e}"), "moc.live\\u{202e}");
        assert_eq!(visible("tab\there"), "tab\\u{0009}here");
        assert_eq!(visible("alice@example.com"), "alice@example.com");
        assert_eq!(visible("Zoë 日本"), "Zoë 日本");
    }
}

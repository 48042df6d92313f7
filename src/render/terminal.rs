//! Terminal safety for text that comes from a message, a certificate or a file name: control
//! characters (C0, DEL, C1 such as U+009B CSI), bidirectional overrides and isolates (U+202E…)
//! and invisible format characters are shown as visible `\u{…}` escapes, so a crafted NameID
//! cannot move the cursor, recolour the verdict or reorder what the reader sees. Also how
//! styled text is written where colour is off ([`WithoutStyles`]).

use std::borrow::Cow;
use std::io::Write;

/// Whether `c` must not reach a terminal as itself: controls, bidirectional marks, overrides
/// and isolates, and characters that print as nothing (soft hyphen, Hangul fillers, the
/// Mongolian vowel separator, zero-width and invisible operators, variation selectors, the BOM,
/// tag characters), with which a value can hide text or pass for another.
fn unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{ad}'
        | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// Whether `b` can begin the UTF-8 encoding of an unsafe character: a C0 control or DEL itself,
/// or the lead byte of U+0080–U+00AD (C2), U+061C (D8), U+115F–U+180E (E1), the U+2000 block
/// (E2), U+3164 (E3), the U+FE00–U+FFFB blocks (EF) or the tag characters (F3). Every other byte
/// is passed over without decoding.
fn may_start_unsafe(b: u8) -> bool {
    b < 0x20 || b == 0x7f || matches!(b, 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xe3 | 0xef | 0xf3)
}

/// The byte offset of the first unsafe character in `s`.
fn first_unsafe(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = bytes[from..].iter().position(|&b| may_start_unsafe(b)) {
        // A flagged byte is never a continuation byte (0x80–0xBF), so it starts a character.
        let at = from + p;
        if s[at..].chars().next().is_some_and(unsafe_char) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `s` with every unsafe character written as `\u{XXXX}`.
pub fn visible(s: &str) -> Cow<'_, str> {
    let Some(first) = first_unsafe(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes the renderers' styled text without its styles, where colour is off (not a terminal,
/// `--color never`, `NO_COLOR`). The renderers' own SGR sequences (`ESC [` digits and `;`, then
/// `m`) are cut out directly; text holding anything else anstream would strip (another escape, a
/// C0 control other than tab, line feed and carriage return, DEL, a C1 control — none should
/// reach here, as input text goes through [`visible`]) goes through anstream's full strip
/// instead, and so does everything written after it (its state carries over between writes).
pub struct WithoutStyles<W: Write> {
    out: W,
    full: Option<anstream::adapter::StripBytes>,
}

impl<W: Write> WithoutStyles<W> {
    pub fn new(out: W) -> Self {
        Self { out, full: None }
    }
}

/// `text` without its SGR sequences, when those are the only escapes and controls in it.
fn without_sgr(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(esc) = memchr::memchr(0x1b, rest) {
        out.extend_from_slice(&rest[..esc]);
        let params = rest[esc + 1..].strip_prefix(b"[")?;
        let end = params
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))?;
        if params[end] != b'm' {
            return None;
        }
        rest = &params[end + 1..];
    }
    out.extend_from_slice(rest);
    // Nothing else anstream would strip: no C0 control but tab, line feed and carriage return,
    // no DEL, no C1 control (UTF-8 C2 80–C2 9F).
    let acted_on = out.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && out.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    });
    (!acted_on).then_some(out)
}

impl<W: Write> Write for WithoutStyles<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.full.is_none() {
            if let Some(plain) = without_sgr(buf) {
                return self.out.write_all(&plain);
            }
        }
        let full = self.full.get_or_insert_with(Default::default);
        for piece in full.strip_next(buf) {
            self.out.write_all(piece)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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
        // Characters that print as nothing.
        assert_eq!(visible("ad\u{ad}min"), "ad\\u{00ad}min");
        assert_eq!(visible("a\u{e0041}b\u{fe0f}"), "a\\u{e0041}b\\u{fe0f}");
        assert_eq!(visible("x\u{206a}\u{3164}"), "x\\u{206a}\\u{3164}");
        // After non-ASCII text, and in the middle of it.
        assert_eq!(visible("Zoë\u{1b}x"), "Zoë\\u{001b}x");
        assert_eq!(visible("日\u{202e}本\u{7f}"), "日\\u{202e}本\\u{007f}");
        assert!(matches!(visible("plain ascii"), Cow::Borrowed(_)));
    }

    /// What anstream's own strip writes for `pieces`, written one after another.
    fn anstream_strip(pieces: &[&str]) -> Vec<u8> {
        let mut s = anstream::StripStream::new(Vec::new());
        for p in pieces {
            s.write_all(p.as_bytes()).unwrap();
        }
        s.into_inner()
    }

    fn ours(pieces: &[&str]) -> Vec<u8> {
        let mut w = WithoutStyles::new(Vec::new());
        for p in pieces {
            w.write_all(p.as_bytes()).unwrap();
        }
        w.out
    }

    #[test]
    fn styles_are_cut_as_anstream_strips_them() {
        let bold = anstyle::Style::new().bold();
        let red = anstyle::AnsiColor::Red.on_default().bold();
        let styled = format!(
            "{}✓ PASS{} line\n\tNameID  {}\"alice@example.com\"{}\r\n",
            bold.render(),
            bold.render_reset(),
            red.render(),
            red.render_reset()
        );
        let cases: Vec<Vec<&str>> = vec![
            vec!["plain text · → ✗\n"],
            vec![&styled],
            vec![&styled, &styled],
            // Another escape, a C1 CSI, a bidi override, a bell, a cut sequence: anstream decides.
            vec!["a\u{1b}]0;title\u{7}b\n", &styled],
            vec!["x\u{9b}31my", &styled],
            vec!["del\u{7f}", "bel\u{7}", &styled],
            vec!["moc.live\u{202e}", &styled],
            vec!["\u{1b}[1", "mbold\u{1b}[0m"],
            vec!["\u{1b}[38;5;196mred\u{1b}[0m"],
        ];
        for pieces in cases {
            assert_eq!(
                String::from_utf8_lossy(&ours(&pieces)),
                String::from_utf8_lossy(&anstream_strip(&pieces)),
                "{pieces:?}"
            );
        }
        assert_eq!(
            String::from_utf8(ours(&[&styled])).unwrap(),
            "✓ PASS line\n\tNameID  \"alice@example.com\"\r\n"
        );
    }

    #[test]
    fn every_unsafe_character_is_found_by_its_lead_byte() {
        // Each scalar value between two safe characters: found exactly when it is unsafe.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a→{c}b");
            let want = unsafe_char(c).then_some("a→".len());
            assert_eq!(first_unsafe(&s), want, "U+{:04X}", c as u32);
        }
    }
}

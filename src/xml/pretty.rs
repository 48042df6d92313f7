//! Pretty-printing for `decode`: re-indents elements, keeps text and attributes as they are.

use quick_xml::events::Event;
use quick_xml::{Reader, Writer};

/// Indents `xml` by two spaces per level. Whitespace-only text is dropped; other text is kept
/// byte for byte. Call only on XML that passed the guard.
pub fn pretty(xml: &[u8]) -> Result<String, quick_xml::Error> {
    let text =
        String::from_utf8_lossy(xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml)).into_owned();
    let mut reader = Reader::from_str(&text);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
            event => writer.write_event(event)?,
        }
    }
    let mut out = String::from_utf8_lossy(&writer.into_inner()).into_owned();
    out.push('\n');
    Ok(out)
}

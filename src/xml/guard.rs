//! The pre-scan that runs before any tree is built: UTF-8, no DOCTYPE or entities, depth and
//! element limits, well-formedness with a byte offset for the first problem.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::error::InputError;
use crate::input::limits::Limits;

/// What the pre-scan learned about the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub elements: usize,
    pub max_depth: usize,
}

/// Scans `xml` without building a tree; any problem is an [`InputError`] with its byte offset.
pub fn scan(xml: &[u8], limits: &Limits) -> Result<Scan, InputError> {
    let skip = if xml.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let text = checked_text(xml, skip)?;
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;
    let mut count = Count::default();
    loop {
        let at = reader.buffer_position() as usize + skip;
        let event = reader.read_event().map_err(|e| {
            InputError::at(
                format!("XML is not well-formed: {}", one_line(&e.to_string())),
                reader.error_position() as usize + skip,
            )
        })?;
        match event {
            Event::DocType(_) => {
                return Err(InputError::at(
                    "XML has a DOCTYPE: refused (SAML never needs one; it is how entity-expansion and XXE attacks work)",
                    at,
                ))
            }
            Event::Decl(decl) => declaration(&decl, at)?,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let opens = matches!(event, Event::Start(_));
                count.element(e, opens, at, limits)?;
            }
            Event::End(_) => count.depth = count.depth.saturating_sub(1),
            Event::Text(t) => {
                if count.depth == 0 && !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(InputError::at("XML has text outside the root element", at));
                }
                if t.contains(&b'&') {
                    check_entities(&t, at)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if count.depth > 0 {
        return Err(InputError::at(
            format!(
                "XML ends with {} element(s) still open: the message is truncated",
                count.depth
            ),
            xml.len(),
        ));
    }
    if count.roots == 0 {
        return Err(InputError::at("XML has no root element", xml.len()));
    }
    Ok(Scan {
        elements: count.elements,
        max_depth: count.max_depth,
    })
}

/// `xml` from `skip` as text: UTF-8, and (XML 1.0 §2.2) no C0 control character but tab, line
/// feed and carriage return, anywhere. Both readings of the pre-scan start here.
fn checked_text(xml: &[u8], skip: usize) -> Result<&str, InputError> {
    let text = std::str::from_utf8(&xml[skip..]).map_err(|e| {
        InputError::at("decoded message is not valid UTF-8", e.valid_up_to() + skip)
    })?;
    if let Some(at) = first_control(text.as_bytes()) {
        return Err(InputError::at(
            format!(
                "XML contains the control character U+{:04X}, which XML 1.0 does not allow (§2.2)",
                text.as_bytes()[at]
            ),
            at + skip,
        ));
    }
    Ok(text)
}

/// The pre-scan's fast reading, for a document that is parsed right after it
/// ([`super::dom::parse_guarded`]): true when the document passes every refusal [`scan`]
/// makes (UTF-8, control characters, DOCTYPE, declared encoding, depth, elements and attributes
/// against the limits, one root, no text outside it, only predefined entities) and holds nothing
/// this reading does not follow (a processing instruction, anything after `<!` but a comment or
/// CDATA). False means "ask [`scan`]", which then refuses or passes as it always did.
///
/// It does not check what libxml2 (parsing without recovery, as [`super::tree::read`] does)
/// refuses on its own: end tag names, an end tag holding anything but its name (it ends at its
/// first `>`, where quick-xml reads quotes there too), `--` in a comment, names, anything
/// malformed. A document this passes and libxml2 rejects goes through [`scan`] for its message
/// (see `parse_guarded`), so every message stays what [`scan`] says; `dom`'s tests pin that
/// libxml2 refuses those shapes. What it counts is counted as quick-xml counts it: tags are
/// found by `<`, a start tag ends at the first `>` outside a quoted attribute value, and
/// comments and CDATA sections are passed over whole.
pub fn quick(xml: &[u8], limits: &Limits) -> bool {
    quick_scan(xml, limits).is_some()
}

fn quick_scan(xml: &[u8], limits: &Limits) -> Option<()> {
    let text = checked_text(xml, 0).ok()?;
    let mut i = 0;
    if xml.starts_with(b"<?xml") && xml.get(5).is_some_and(|b| b.is_ascii_whitespace()) {
        // The declaration, read by quick-xml as `scan` reads it (its encoding judged alike).
        let end = memchr::memmem::find(xml, b"?>")? + 2;
        match Reader::from_str(&text[..end]).read_event().ok()? {
            Event::Decl(decl) => declaration(&decl, 0).ok()?,
            _ => return None,
        }
        i = end;
    }
    let mut count = Count::default();
    loop {
        let Some(p) = memchr::memchr(b'<', &xml[i..]) else {
            // The last text: outside the root it is whitespace, and every element is closed.
            let rest = &xml[i..];
            return (count.depth == 0
                && count.roots == 1
                && rest.iter().all(u8::is_ascii_whitespace))
            .then_some(());
        };
        let between = &xml[i..i + p];
        if count.depth == 0 {
            if !between.iter().all(u8::is_ascii_whitespace) {
                return None;
            }
        } else if memchr::memchr(b'&', between).is_some() {
            check_entities(between, 0).ok()?;
        }
        let at = i + p;
        i = match *xml.get(at + 1)? {
            b'/' => {
                count.depth = count.depth.checked_sub(1)?;
                at + memchr::memchr(b'>', &xml[at..])? + 1
            }
            b'!' if xml[at..].starts_with(b"<!--") => {
                at + 4 + memchr::memmem::find(&xml[at + 4..], b"-->")? + 3
            }
            b'!' if count.depth > 0 && xml[at..].starts_with(b"<![CDATA[") => {
                at + 9 + memchr::memmem::find(&xml[at + 9..], b"]]>")? + 3
            }
            b'!' | b'?' => return None,
            _ => {
                let end = tag_end(xml, at + 1)?;
                let (content, opens) = match text[at + 1..end].strip_suffix('/') {
                    Some(c) => (c, false),
                    None => (&text[at + 1..end], true),
                };
                let name_len = content
                    .bytes()
                    .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                    .unwrap_or(content.len());
                let e = quick_xml::events::BytesStart::from_content(content, name_len);
                count.element(&e, opens, at, limits).ok()?;
                end + 1
            }
        };
    }
}

/// Where the start tag whose name begins at `from` ends: its first `>` outside a quoted
/// attribute value (as quick-xml finds it).
fn tag_end(xml: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let p = from + memchr::memchr3(b'>', b'"', b'\'', &xml[from..])?;
        if xml[p] == b'>' {
            return Some(p);
        }
        from = p + 1 + memchr::memchr(xml[p], &xml[p + 1..])? + 1;
    }
}

/// Where the first C0 control character other than tab, line feed and carriage return is. Eight
/// bytes at a time: a word with no byte below 0x20 is passed over whole (most of a message; the
/// line feeds of indented XML send a word to the byte check).
fn first_control(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let forbidden = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // Some byte is below 0x20 exactly when this has a high bit set (x - 0x20 per byte
        // borrows only from bytes below 0x20; `!x` drops bytes that were 0x80 or above).
        if x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 {
            if let Some(i) = word.iter().position(|&b| forbidden(b)) {
                return Some(at + i);
            }
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| forbidden(b))
        .map(|i| at + i)
}

/// The XML declaration: only UTF-8 (or ASCII) is read.
fn declaration(decl: &quick_xml::events::BytesDecl, at: usize) -> Result<(), InputError> {
    if let Some(Ok(enc)) = decl.encoding() {
        let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
        if !matches!(enc.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
            let shown: String = enc.chars().take(40).collect();
            return Err(InputError::at(
                format!("XML declares encoding {shown:?}; only UTF-8 is supported"),
                at,
            ));
        }
    }
    Ok(())
}

/// What the scan counts against the limits as it goes.
#[derive(Default)]
struct Count {
    depth: usize,
    max_depth: usize,
    elements: usize,
    roots: usize,
}

impl Count {
    /// One start (or empty) tag: attributes, roots, elements and depth within the limits.
    fn element(
        &mut self,
        e: &quick_xml::events::BytesStart,
        opens: bool,
        at: usize,
        limits: &Limits,
    ) -> Result<(), InputError> {
        // Counted without quick-xml's duplicate check, which is pairwise. Each item the iterator
        // yields (attribute or error) starts at a byte of its own past the name, so a tag with no
        // more bytes than the limit cannot exceed it and is not walked (most SAML tags).
        let over = e.attributes_raw().len() > limits.max_attributes
            && e.attributes()
                .with_checks(false)
                .take(limits.max_attributes + 1)
                .count()
                > limits.max_attributes;
        if over {
            return Err(InputError::at(
                format!(
                    "an element has more than {} attributes (limit --max-attributes)",
                    limits.max_attributes
                ),
                at,
            ));
        }
        if self.depth == 0 {
            self.roots += 1;
            if self.roots > 1 {
                return Err(InputError::at("XML has a second root element", at));
            }
        }
        self.elements += 1;
        if self.elements > limits.max_elements {
            return Err(InputError::at(
                format!(
                    "XML has more than {} elements (limit --max-elements)",
                    limits.max_elements
                ),
                at,
            ));
        }
        if opens {
            self.depth += 1;
            self.max_depth = self.max_depth.max(self.depth);
            if self.depth > limits.max_depth {
                return Err(InputError::at(
                    format!(
                        "XML nests deeper than {} elements (limit --max-depth)",
                        limits.max_depth
                    ),
                    at,
                ));
            }
        }
        Ok(())
    }
}

/// A parser message on one short line: whitespace and control characters collapse to one space
/// and the whole is cut to 200 characters, so an error about a huge or hostile tag stays readable.
fn one_line(msg: &str) -> String {
    let mut out = String::new();
    let mut last_space = false;
    for c in msg.chars() {
        let space = c.is_whitespace() || c.is_control();
        if !(space && last_space) {
            out.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    match out.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &out[..i]),
        None => out,
    }
}

/// Only the five predefined entities and character references are allowed. Each `&` names what
/// runs to the next `;`; that `;` is looked for again only once an `&` lies past it, so the
/// text is read once however many `&` it holds (`&#&#&#…;` would otherwise be read to its `;`
/// from every `&`).
fn check_entities(text: &[u8], at: usize) -> Result<(), InputError> {
    let mut semi: Option<usize> = None;
    for start in memchr::memchr_iter(b'&', text) {
        if semi.is_none_or(|s| s < start) {
            semi = memchr::memchr(b';', &text[start..]).map(|e| start + e);
        }
        let end = semi;
        let name = end.map(|e| &text[start + 1..e]).unwrap_or(&[]);
        let ok = matches!(name, b"lt" | b"gt" | b"amp" | b"quot" | b"apos")
            || name.first() == Some(&b'#');
        if !ok {
            return Err(InputError::at(
                format!(
                    "XML uses an undeclared entity &{};",
                    one_line(&String::from_utf8_lossy(&name[..name.len().min(40)]))
                ),
                at + start,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(xml: &str) -> InputError {
        scan(xml.as_bytes(), &Limits::default()).unwrap_err()
    }

    #[test]
    fn doctype_is_refused_with_offset() {
        let e = err("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>");
        assert!(e.message.contains("DOCTYPE"));
        assert_eq!(e.offset, Some(22));
    }

    #[test]
    fn truncation_and_mismatch() {
        assert!(err("<a><b></b>").message.contains("truncated"));
        assert!(err("<a><b></a>").message.contains("not well-formed"));
    }

    #[test]
    fn depth_and_elements() {
        let deep = "<a>".repeat(70) + &"</a>".repeat(70);
        assert!(err(&deep).message.contains("--max-depth"));
        let wide = format!("<a>{}</a>", "<b/>".repeat(10_001));
        assert!(err(&wide).message.contains("--max-elements"));
    }

    #[test]
    fn attribute_count_is_bounded() {
        let many: String = (0..300).map(|i| format!(" a{i}=\"\"")).collect();
        assert!(err(&format!("<a{many}/>"))
            .message
            .contains("--max-attributes"));
        let few: String = (0..30).map(|i| format!(" a{i}=\"\"")).collect();
        assert!(scan(format!("<a{few}/>").as_bytes(), &Limits::default()).is_ok());
    }

    #[test]
    fn attribute_count_holds_at_the_limit_for_short_tags_too() {
        // Tags no longer than the limit are not walked: at a small limit the shortest attributes
        // and attribute-like errors still count, one past the limit refused.
        let three = Limits {
            max_attributes: 3,
            ..Limits::default()
        };
        let refused = |xml: &str| {
            scan(xml.as_bytes(), &three).is_err_and(|e| e.message.contains("--max-attributes"))
        };
        assert!(refused(r#"<r a="" b="" c="" d=""/>"#));
        assert!(refused("<r><s a b c d></s></r>"));
        assert!(scan(br#"<r a="" b="" c=""/>"#, &three).is_ok());
    }

    #[test]
    fn control_characters_are_found_wherever_they_are() {
        let naive = |b: &[u8]| {
            b.iter()
                .position(|&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
        };
        // Every control byte at every offset of a word and of the tail, among text, XML
        // whitespace and bytes at or above 0x80 (which a borrow could be mistaken for).
        for len in 0..40 {
            for at in 0..len {
                for bad in [0u8, 1, 8, 0x0b, 0x0c, 0x0e, 0x1f] {
                    for fill in [b'a', b'\n', 0x80, 0xff, b' '] {
                        let mut v = vec![fill; len];
                        v[at] = bad;
                        assert_eq!(first_control(&v), Some(at), "{v:?}");
                        assert_eq!(first_control(&v), naive(&v));
                    }
                }
            }
            for fill in [b'a', b'\t', b'\r', b'\n', 0x20, 0x7f, 0x80, 0xa0, 0xff] {
                assert_eq!(first_control(&vec![fill; len]), None);
            }
        }
        let text = "<a>\r\n\tok é 文字</a>\u{1}".as_bytes();
        assert_eq!(first_control(text), naive(text));
        assert_eq!(first_control(text), Some(text.len() - 1));
    }

    #[test]
    fn parser_messages_stay_on_one_short_line() {
        let long = format!("<a>{}\n{}</b>", "x".repeat(500), "y".repeat(500));
        let e = err(&long);
        assert!(!e.message.contains('\n'), "{}", e.message);
        assert!(e.message.len() < 300, "{}", e.message);
    }

    #[test]
    fn entities_are_judged_as_a_search_from_every_ampersand_would() {
        // The reference: from each `&`, the name runs to the next `;`.
        let naive = |t: &[u8]| -> Result<(), usize> {
            for (start, _) in t.iter().enumerate().filter(|(_, &b)| b == b'&') {
                let end = t[start..].iter().position(|&b| b == b';');
                let name = end.map(|e| &t[start + 1..start + e]).unwrap_or(&[]);
                let ok = matches!(name, b"lt" | b"gt" | b"amp" | b"quot" | b"apos")
                    || name.first() == Some(&b'#');
                if !ok {
                    return Err(start);
                }
            }
            Ok(())
        };
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 14) as usize;
            let t: Vec<u8> = (0..len)
                .map(|i| b"&;#ltamp x"[((seed >> (4 * (i % 16))) % 10) as usize])
                .collect();
            let got = check_entities(&t, 0).map_err(|e| e.offset.unwrap_or(usize::MAX));
            assert_eq!(got, naive(&t), "{:?}", String::from_utf8_lossy(&t));
        }
        // A long run of character-reference starts before one `;` passes, read once.
        let long = format!("{};", "&#".repeat(200_000));
        assert!(check_entities(long.as_bytes(), 0).is_ok());
    }

    #[test]
    fn undeclared_entity() {
        assert!(err("<a>&x;</a>").message.contains("entity"));
        assert!(scan(b"<a>&amp;&#65;</a>", &Limits::default()).is_ok());
    }
}

//! A second, independent parse (quick-xml) of the consumed Assertion's NameID. If it disagrees
//! with libxml2 the message is ambiguous and nothing in it is authenticated (fail closed).

use quick_xml::events::Event;
use quick_xml::Reader;

/// The NameID text of the single direct-child Assertion of the root, as quick-xml reads it
/// (text and CDATA joined, comments skipped). `None` when there is not exactly one such NameID.
pub fn consumed_name_id(xml: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml)).ok()?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut found: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.push(name);
                if is_target(&stack) {
                    current = Some(String::new());
                }
            }
            Event::Empty(e) => {
                stack.push(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                if is_target(&stack) {
                    found.push(String::new());
                }
                stack.pop();
            }
            Event::End(_) => {
                if is_target(&stack) {
                    found.extend(current.take());
                }
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.unescape().ok()?);
                }
            }
            Event::CData(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

fn is_target(stack: &[String]) -> bool {
    match stack {
        [_, a, s, n] => a == "Assertion" && s == "Subject" && n == "NameID",
        // A decrypted assertion sits inside its EncryptedAssertion.
        [_, e, a, s, n] => {
            e == "EncryptedAssertion" && a == "Assertion" && s == "Subject" && n == "NameID"
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_text_and_skips_comments() {
        let xml = br#"<p:Response xmlns:p="p" xmlns:a="a"><a:Assertion><a:Subject><a:NameID>adm<!-- x -->in@x.com<![CDATA[!]]></a:NameID></a:Subject></a:Assertion></p:Response>"#;
        assert_eq!(consumed_name_id(xml).as_deref(), Some("admin@x.com!"));
    }

    #[test]
    fn nested_assertions_are_not_consumed() {
        let xml =
            br#"<R><X><Assertion><Subject><NameID>evil</NameID></Subject></Assertion></X></R>"#;
        assert_eq!(consumed_name_id(xml), None);
    }
}

//! A bare `<saml:Assertion>` (as SPs log it) is checked inside a Response samlcheck wraps around
//! it: the Assertion's own signature, subject, conditions, audience and attributes are judged as
//! usual; the wrapper is recorded as a decoding step (`bare_assertion`) and a finding says that
//! Response-level checks (status, Destination, InResponseTo, a Response signature) were not
//! possible. Exclusive canonicalisation keeps the Assertion's signature valid inside the wrapper.

use quick_xml::events::Event;
use quick_xml::Reader;

const SAML: &[u8] = b"urn:oasis:names:tc:SAML:2.0:assertion";

/// The Response id samlcheck gives its wrapper (shown in reports, never a real message's).
pub const WRAPPER_ID: &str = "_samlcheck-bare-assertion-wrapper";

/// When `xml`'s root element is a SAML 2.0 Assertion: the document wrapped in a Response.
pub fn wrap(xml: &[u8]) -> Option<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (root_start, issue_instant, empty) = loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event_into(&mut buf).ok()?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let local = name.local_name();
                // An Assertion, or an EncryptedAssertion (an encrypted WS-Federation token): the
                // Response around it is opened like any other with --sp-key.
                if local.as_ref() != b"Assertion" && local.as_ref() != b"EncryptedAssertion" {
                    return None;
                }
                let prefix = name.prefix().map(|p| p.as_ref().to_vec());
                let xmlns: Vec<u8> = match &prefix {
                    Some(p) => [b"xmlns:".as_slice(), p].concat(),
                    None => b"xmlns".to_vec(),
                };
                let mut ns_ok = false;
                let mut instant = None;
                for a in e.attributes().with_checks(false).flatten() {
                    if a.key.as_ref() == xmlns.as_slice() && a.value.as_ref() == SAML {
                        ns_ok = true;
                    }
                    if a.key.as_ref() == b"IssueInstant" {
                        instant = Some(String::from_utf8_lossy(&a.value).into_owned());
                    }
                }
                if !ns_ok {
                    return None;
                }
                break (at, instant, empty);
            }
            // A DOCTYPE (or anything the guard refuses) is never wrapped away: the document
            // goes to the guard as given, which refuses it.
            Event::DocType(_) | Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    };
    // Only a well-formed document is wrapped: otherwise the guard reports the problem at its
    // offset in what the user gave, not in samlcheck's wrapper.
    let mut depth = usize::from(!empty);
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) if depth == 0 => break,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
    let body = &xml[root_start..];
    let instant = issue_instant
        .filter(|i| {
            i.chars()
                .all(|c| c.is_ascii_alphanumeric() || ":.-+".contains(c))
        })
        .map(|i| format!(" IssueInstant=\"{i}\""))
        .unwrap_or_default();
    let mut out = format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"{WRAPPER_ID}\" Version=\"2.0\"{instant}>\
<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
    )
    .into_bytes();
    out.extend_from_slice(body);
    out.extend_from_slice(b"</samlp:Response>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_saml_assertion_root_is_wrapped() {
        let a = br#"<?xml version="1.0"?><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" IssueInstant="2026-01-15T10:00:00Z"/>"#;
        let w = String::from_utf8(wrap(a).unwrap()).unwrap();
        assert!(w.starts_with("<samlp:Response") && w.ends_with("</samlp:Response>"));
        assert!(w.contains("IssueInstant=\"2026-01-15T10:00:00Z\""));
        assert!(!w.contains("<?xml"));
        assert!(
            wrap(b"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>")
                .is_none()
        );
        assert!(wrap(b"<Assertion xmlns=\"urn:example\"/>").is_none());
        // An encrypted token is wrapped alike; a DOCTYPE is never wrapped past the guard.
        let e = br#"<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>"#;
        assert!(wrap(e).is_some());
        let d = br#"<!DOCTYPE a [<!ENTITY x "y">]><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>"#;
        assert!(wrap(d).is_none());
    }
}

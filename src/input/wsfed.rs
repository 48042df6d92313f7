//! WS-Federation sign-in responses (`wa=wsignin1.0&wresult=…`, what AD FS and Entra ID post to
//! WS-Fed applications, and the bare `<t:RequestSecurityTokenResponse>` documents SPs log): the
//! RequestSecurityTokenResponse's RequestedSecurityToken holds one SAML 2.0 or 1.1 Assertion.
//! It is found by a namespace-aware parse that follows the schema path (RSTR collection → RSTR →
//! RequestedSecurityToken → Assertion) and taken out with its exact bytes, end tag found by
//! depth (an Advice assertion inside it is part of it). Namespace declarations that the
//! Assertion inherits from the envelope are copied onto it: canonicalisation renders in-scope
//! namespaces the same way, so the signature still verifies. A SAML 2.0 Assertion is then
//! checked like a bare one; a SAML 1.1 Assertion goes through its own reader.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// An open element: its local name and the namespace declarations (`xmlns…`, value) it makes.
type Open = (Vec<u8>, Vec<(String, String)>);

const SAML2: &[u8] = b"urn:oasis:names:tc:SAML:2.0:assertion";
const SAML11: &[u8] = b"urn:oasis:names:tc:SAML:1.0:assertion";

/// Whether `xml`'s root element is a WS-Trust RequestSecurityTokenResponse (or a collection).
pub fn is_rstr(xml: &str) -> bool {
    // A root of that name has the name somewhere in the text (an element name cannot be written
    // with character references): most inputs are settled without reading a tag.
    static NAME: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"RequestSecurityTokenResponse"));
    if NAME.find(xml.as_bytes()).is_none() {
        return false;
    }
    let mut reader = NsReader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let local = e.local_name();
                return matches!(
                    local.as_ref(),
                    b"RequestSecurityTokenResponse" | b"RequestSecurityTokenResponseCollection"
                );
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

/// The token of a RequestSecurityTokenResponse, and what else in it an SP could read as identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The Assertion's bytes, with the namespace declarations it inherits.
    pub xml: String,
    /// Identity-shaped elements (by local name, any namespace) outside the token: a second
    /// Assertion in the envelope, a NameID in Lifetime… No signature covers them.
    pub outside: Vec<String>,
}

/// The SAML 2.0 or 1.1 Assertion inside a RequestSecurityTokenResponse (its bytes, with the
/// namespace declarations it inherits), or why there is none; the whole envelope is read, and
/// every identity-shaped element outside the token is listed.
pub fn assertion(wresult: &str) -> Result<Token, String> {
    let doc = wresult.trim();
    let mut reader = NsReader::from_str(doc);
    // (local name, namespace declarations) of each open element.
    let mut stack: Vec<Open> = Vec::new();
    let mut token: Option<String> = None;
    let mut outside = Vec::new();
    // The depth of the identity element being skipped (its content is one finding with it).
    let mut reported_at: Option<usize> = None;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_resolved_event().map_err(|e| {
            format!("wresult is not a well-formed WS-Trust RequestSecurityTokenResponse: {e}")
        })?;
        let (ns, event) = event;
        let empty = matches!(event, Event::Empty(_));
        let ns = match ns {
            ResolveResult::Bound(n) => Some(n.as_ref().to_vec()),
            _ => None,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name().as_ref().to_vec();
                let decls: Vec<(String, String)> = e
                    .attributes()
                    .flatten()
                    .filter_map(|a| {
                        let key = std::str::from_utf8(a.key.as_ref()).ok()?;
                        let value = a.unescape_value().ok()?.into_owned();
                        (key == "xmlns" || key.starts_with("xmlns:"))
                            .then(|| (key.to_string(), value))
                    })
                    .collect();
                let names: Vec<&[u8]> = stack.iter().map(|(n, _)| n.as_slice()).collect();
                let in_token = matches!(
                    names.as_slice(),
                    [b"RequestSecurityTokenResponse", b"RequestedSecurityToken"]
                        | [
                            b"RequestSecurityTokenResponseCollection",
                            b"RequestSecurityTokenResponse",
                            b"RequestedSecurityToken"
                        ]
                );
                let saml = ns.as_deref().is_some_and(|n| n == SAML2 || n == SAML11);
                let token_name = local == b"Assertion"
                    || (local == b"EncryptedAssertion" && ns.as_deref() == Some(SAML2));
                if in_token && token_name && saml && token.is_none() {
                    if empty {
                        return Err("the Assertion in the token is empty".into());
                    }
                    let end = close(&mut reader)?;
                    token = Some(with_inherited(&doc[start..end], &stack, &decls));
                    continue;
                }
                let inside_reported = reported_at.is_some_and(|d| stack.len() > d);
                if !inside_reported
                    && crate::authenticate::coverage::IDENTITY
                        .iter()
                        .any(|n| n.as_bytes() == local.as_slice())
                {
                    if !empty {
                        reported_at = Some(stack.len());
                    }
                    let mut path: Vec<String> = stack
                        .iter()
                        .map(|(n, _)| String::from_utf8_lossy(n).into_owned())
                        .collect();
                    path.push(String::from_utf8_lossy(&local).into_owned());
                    outside.push(format!("/{}", path.join("/")));
                }
                if stack.is_empty()
                    && !matches!(
                        local.as_slice(),
                        b"RequestSecurityTokenResponse" | b"RequestSecurityTokenResponseCollection"
                    )
                {
                    return Err("wresult is not a WS-Trust RequestSecurityTokenResponse".into());
                }
                if !empty {
                    stack.push((local, decls));
                }
            }
            Event::End(_) => {
                stack.pop();
                if reported_at.is_some_and(|d| stack.len() <= d) {
                    reported_at = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match token {
        Some(xml) => Ok(Token { xml, outside }),
        None => Err("the RequestSecurityTokenResponse holds no SAML 2.0 or 1.1 Assertion in its RequestedSecurityToken".into()),
    }
}

/// Reads to the end tag that closes the element just opened; the byte offset after it.
fn close(reader: &mut NsReader<&[u8]>) -> Result<usize, String> {
    let mut depth = 1usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(reader.buffer_position() as usize);
                }
            }
            Ok(Event::Eof) => {
                return Err(
                    "the Assertion in the token is not closed: the capture is truncated".into(),
                )
            }
            Err(e) => return Err(format!("the token is not well-formed XML: {e}")),
            _ => {}
        }
    }
}

/// `element` with the namespace declarations of its ancestors that it does not make itself.
fn with_inherited(element: &str, ancestors: &[Open], own: &[(String, String)]) -> String {
    let mut add: Vec<(String, String)> = Vec::new();
    for (_, decls) in ancestors.iter().rev() {
        for (k, v) in decls {
            if !own.iter().any(|(o, _)| o == k) && !add.iter().any(|(a, _)| a == k) {
                add.push((k.clone(), v.clone()));
            }
        }
    }
    if add.is_empty() {
        return element.to_string();
    }
    let name_end = element
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(element.len());
    let mut out = element[..name_end].to_string();
    for (k, v) in add {
        let v = v
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        out.push_str(&format!(" {k}=\"{v}\""));
    }
    out.push_str(&element[name_end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const S2: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
    const S1: &str = "urn:oasis:names:tc:SAML:1.0:assertion";

    #[test]
    fn finds_the_assertion_by_schema_path() {
        let rstr = format!(
            "<t:RequestSecurityTokenResponse xmlns:t=\"http://schemas.xmlsoap.org/ws/2005/02/trust\"><t:RequestedSecurityToken><Assertion xmlns=\"{S2}\" ID=\"_a\"><Issuer>x</Issuer></Assertion></t:RequestedSecurityToken></t:RequestSecurityTokenResponse>"
        );
        assert_eq!(
            assertion(&rstr).unwrap().xml,
            format!("<Assertion xmlns:t=\"http://schemas.xmlsoap.org/ws/2005/02/trust\" xmlns=\"{S2}\" ID=\"_a\"><Issuer>x</Issuer></Assertion>")
        );
        assert!(is_rstr(&rstr));
        let v1 = rstr.replace(S2, S1);
        assert!(assertion(&v1).unwrap().xml.contains(S1));
        assert!(assertion("<a/>").is_err());
    }

    #[test]
    fn an_advice_assertion_does_not_end_the_token() {
        let rstr = format!(
            "<t:RequestSecurityTokenResponse xmlns:t=\"urn:t\"><t:RequestedSecurityToken><saml:Assertion xmlns:saml=\"{S2}\"><saml:Advice><saml:Assertion>in</saml:Assertion></saml:Advice><saml:Issuer>x</saml:Issuer></saml:Assertion></t:RequestedSecurityToken></t:RequestSecurityTokenResponse>"
        );
        let a = assertion(&rstr).unwrap().xml;
        assert!(
            a.ends_with("<saml:Issuer>x</saml:Issuer></saml:Assertion>"),
            "{a}"
        );
    }

    #[test]
    fn identity_outside_the_token_is_listed_once_per_element_tree() {
        let rstr = format!(
            "<t:RequestSecurityTokenResponse xmlns:t=\"urn:t\"><t:RequestedSecurityToken><saml:Assertion xmlns:saml=\"{S2}\"><saml:Subject/></saml:Assertion></t:RequestedSecurityToken><saml:Assertion xmlns:saml=\"{S2}\"><saml:Subject><saml:NameID>m</saml:NameID></saml:Subject></saml:Assertion><x:NameID xmlns:x=\"urn:x\"/></t:RequestSecurityTokenResponse>"
        );
        let t = assertion(&rstr).unwrap();
        assert!(
            t.xml.ends_with("<saml:Subject/></saml:Assertion>"),
            "{}",
            t.xml
        );
        assert_eq!(
            t.outside,
            vec![
                "/RequestSecurityTokenResponse/Assertion",
                "/RequestSecurityTokenResponse/NameID"
            ]
        );
    }

    #[test]
    fn an_assertion_elsewhere_is_not_the_token() {
        let rstr = format!(
            "<t:RequestSecurityTokenResponse xmlns:t=\"urn:t\"><t:Lifetime><Assertion xmlns=\"{S2}\">evil</Assertion></t:Lifetime></t:RequestSecurityTokenResponse>"
        );
        assert!(assertion(&rstr).is_err());
    }

    #[test]
    fn inherited_prefixes_are_declared_on_the_assertion() {
        let rstr = format!(
            "<t:RequestSecurityTokenResponse xmlns:t=\"urn:t\" xmlns:saml=\"{S1}\"><t:RequestedSecurityToken><saml:Assertion AssertionID=\"_a\"/></t:RequestedSecurityToken></t:RequestSecurityTokenResponse>"
        );
        // An empty Assertion is refused; a full one gets saml declared.
        assert!(assertion(&rstr).is_err());
        let full = rstr.replace(
            "AssertionID=\"_a\"/>",
            "AssertionID=\"_a\"></saml:Assertion>",
        );
        let a = assertion(&full).unwrap().xml;
        assert!(
            a.starts_with("<saml:Assertion xmlns:t=\"urn:t\" xmlns:saml="),
            "{a}"
        );
        assert!(a.ends_with("AssertionID=\"_a\"></saml:Assertion>"), "{a}");
        assert!(a.contains(&format!("xmlns:saml=\"{S1}\"")), "{a}");
    }
}

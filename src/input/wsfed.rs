//! WS-Federation sign-in responses (`wa=wsignin1.0&wresult=…`, what AD FS and Entra ID post to
//! WS-Fed applications): the `wresult` is a RequestSecurityTokenResponse whose
//! RequestedSecurityToken holds a SAML assertion. A SAML 2.0 Assertion is taken out and checked
//! like a bare one; a SAML 1.1 assertion is taken out for [`crate::saml11`].

const SAML2: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const SAML11: &str = "urn:oasis:names:tc:SAML:1.0:assertion";

/// The SAML 2.0 or 1.1 Assertion element inside a `wresult` (its exact bytes), or why there is none.
pub fn assertion(wresult: &str) -> Result<String, String> {
    let doc = wresult.trim();
    if !doc.contains("RequestSecurityTokenResponse") {
        return Err("wresult is not a WS-Trust RequestSecurityTokenResponse".into());
    }
    // The Assertion element that declares the SAML 2.0 namespace (AD FS and Entra ID declare it
    // on the Assertion itself), with its prefix.
    let mut from = 0;
    while let Some(i) = doc[from..].find("Assertion") {
        let at = from + i;
        from = at + 1;
        let Some(lt) = doc[..at].rfind('<') else {
            continue;
        };
        let name = &doc[lt + 1..at + "Assertion".len()];
        if name.starts_with('/')
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '_')
        {
            continue;
        }
        let tag_end = doc[lt..].find('>').map(|e| lt + e).unwrap_or(doc.len());
        let tag = &doc[lt..tag_end];
        if !tag.contains(SAML2) && !tag.contains(SAML11) {
            continue;
        }
        let close = format!("</{name}>");
        let end = doc[lt..]
            .find(&close)
            .map(|e| lt + e + close.len())
            .ok_or("the Assertion in wresult is not closed: the capture is truncated")?;
        return Ok(doc[lt..end].to_string());
    }
    Err("wresult holds no SAML 2.0 or 1.1 Assertion in its RequestedSecurityToken".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_saml2_assertion_and_names_saml11() {
        let rstr = format!(
            "<t:RequestSecurityTokenResponse xmlns:t=\"http://schemas.xmlsoap.org/ws/2005/02/trust\"><t:RequestedSecurityToken><Assertion xmlns=\"{SAML2}\" ID=\"_a\"><Issuer>x</Issuer></Assertion></t:RequestedSecurityToken></t:RequestSecurityTokenResponse>"
        );
        assert_eq!(
            assertion(&rstr).unwrap(),
            format!("<Assertion xmlns=\"{SAML2}\" ID=\"_a\"><Issuer>x</Issuer></Assertion>")
        );
        let v1 = rstr.replace(SAML2, SAML11);
        assert!(assertion(&v1).unwrap().contains(SAML11));
        assert!(assertion("<a/>").is_err());
    }
}

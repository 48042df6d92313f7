//! The part of the OASIS SAML 2.0 schemas (`saml-schema-protocol-2.0.xsd`,
//! `saml-schema-assertion-2.0.xsd`) that the stacks which validate against them (python3-saml in
//! strict mode, ruby-saml always) turn into a rejection of a real Response: the content models of
//! Response, Status, Assertion, Subject, SubjectConfirmation, Conditions, AudienceRestriction,
//! AuthnStatement and AttributeStatement (which children, in which order, how many), their
//! required attributes, `xs:ID` values, and where elements of another namespace may appear
//! (`xs:any` only in Extensions, StatusDetail, Advice, SubjectConfirmationData, AttributeValue,
//! AuthnContextDecl and ds:Signature). Not a general XSD validator: a fact for `--sp-stack`, read
//! with its own namespace-resolving pass over the message.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

const P: &[u8] = b"urn:oasis:names:tc:SAML:2.0:protocol";
const A: &[u8] = b"urn:oasis:names:tc:SAML:2.0:assertion";
const DS: &[u8] = b"http://www.w3.org/2000/09/xmldsig#";
const XENC: &[u8] = b"http://www.w3.org/2001/04/xmlenc#";

/// One element: namespace, local name, attribute names (unprefixed) and children.
struct El {
    ns: Vec<u8>,
    local: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    /// Its own text (character data directly inside it).
    text: String,
}

/// The first way the Response breaks the schema, or `None` when the checked part is valid
/// (also `None` for XML this pass cannot read: the parser stage reports that).
pub fn first_violation(xml: &[u8]) -> Option<String> {
    read(xml).violation
}

/// What the schema pass tells the stacks, from one read of the message.
#[derive(Debug, Default)]
pub struct Read {
    /// The first way the Response breaks the schema.
    pub violation: Option<String>,
    /// An Audience has whitespace around its text (samlcheck's model trims it).
    pub audience_untrimmed: bool,
    /// A Response or Assertion Issuer has whitespace around its text.
    pub issuer_untrimmed: bool,
}

/// Reads `xml` once for every schema-level fact (nothing for XML this pass cannot read: the
/// parser stage reports that).
pub fn read(xml: &[u8]) -> Read {
    let Some(root) = tree(xml) else {
        return Read::default();
    };
    let (audience_untrimmed, issuer_untrimmed) = untrimmed(&root);
    let violation = (root.ns == P && root.local == "Response")
        .then(|| response(&root).err())
        .flatten();
    Read {
        violation,
        audience_untrimmed,
        issuer_untrimmed,
    }
}

fn tree(xml: &[u8]) -> Option<El> {
    let text = std::str::from_utf8(xml).ok()?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<El> = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event().ok()?;
        let ns = match ns {
            ResolveResult::Bound(n) => n.as_ref().to_vec(),
            _ => Vec::new(),
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let el = El {
                    ns,
                    local: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                    attrs: e
                        .attributes()
                        .flatten()
                        .filter(|a| {
                            let k = a.key.as_ref();
                            !k.starts_with(b"xmlns") && !k.contains(&b':')
                        })
                        .map(|a| {
                            (
                                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                                a.unescape_value()
                                    .map(|v| v.into_owned())
                                    .unwrap_or_default(),
                            )
                        })
                        .collect(),
                    children: Vec::new(),
                    text: String::new(),
                };
                if empty {
                    match stack.last_mut() {
                        Some(p) => p.children.push(el),
                        None => return Some(el),
                    }
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop()?;
                match stack.last_mut() {
                    Some(p) => p.children.push(el),
                    None => return Some(el),
                }
            }
            Event::Text(t) => {
                if let (Some(p), Ok(t)) = (stack.last_mut(), t.unescape()) {
                    p.text.push_str(&t);
                }
            }
            Event::CData(t) => {
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

impl El {
    fn is(&self, ns: &[u8], local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn required(&self, names: &[&str]) -> Result<(), String> {
        for n in names {
            if self.attr(n).is_none() {
                return Err(format!("{} has no {n} attribute", self.local));
            }
        }
        if let Some(id) = self.attr("ID") {
            if !ncname(id) {
                return Err(format!("{} ID {id:?} is not an xs:ID", self.local));
            }
        }
        Ok(())
    }
}

/// A sequence: each step is (namespace, names, min, max), consumed in order; anything left over
/// is out of place.
fn sequence(parent: &El, steps: &[(&[u8], &[&str], usize, usize)]) -> Result<(), String> {
    let mut k = 0;
    for (ns, names, min, max) in steps {
        let mut n = 0;
        while k < parent.children.len()
            && n < *max
            && names.iter().any(|l| parent.children[k].is(ns, l))
        {
            k += 1;
            n += 1;
        }
        if n < *min {
            return Err(format!("{} lacks {}", parent.local, names.join(" or ")));
        }
    }
    match parent.children.get(k) {
        Some(c) => Err(format!(
            "{} is not allowed where it is in {}",
            c.local, parent.local
        )),
        None => Ok(()),
    }
}

const MANY: usize = usize::MAX;

/// An `xs:anyURI` as libxml2 checks it (RFC 3986 characters; no braces, quotes, angle brackets,
/// backslash, caret, backquote, pipe or inner whitespace).
fn any_uri(owner: &str, what: &str, v: &str) -> Result<(), String> {
    let bad = v.trim().chars().find(|c| {
        matches!(c, '{' | '}' | '<' | '>' | '"' | '\\' | '^' | '`' | '|') || c.is_whitespace()
    });
    match bad {
        Some(c) => Err(format!("{owner} {what} {v:?} is not an xs:anyURI ({c:?})")),
        None => Ok(()),
    }
}

/// An `xs:dateTime` as the schemas type every SAML instant: `YYYY-MM-DDThh:mm:ss`, optional
/// fraction, optional `Z` or `±hh:mm`.
fn date_time(owner: &str, what: &str, v: &str) -> Result<(), String> {
    let b = v.trim().as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let mut ok = b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if ok {
        let mut k = 19;
        if b.get(k) == Some(&b'.') {
            k += 1;
            let start = k;
            while b.get(k).is_some_and(u8::is_ascii_digit) {
                k += 1;
            }
            ok = k > start;
        }
        let rest = &b[k.min(b.len())..];
        ok = ok
            && (rest.is_empty()
                || rest == b"Z"
                || (rest.len() == 6
                    && matches!(rest[0], b'+' | b'-')
                    && rest[1..3].iter().all(u8::is_ascii_digit)
                    && rest[3] == b':'
                    && rest[4..6].iter().all(u8::is_ascii_digit)));
    }
    if ok {
        Ok(())
    } else {
        Err(format!("{owner} {what} {v:?} is not an xs:dateTime"))
    }
}

/// Each named attribute, when present, is an `xs:dateTime`.
fn instants(e: &El, names: &[&str]) -> Result<(), String> {
    for n in names {
        if let Some(v) = e.attr(n) {
            date_time(&e.local, n, v)?;
        }
    }
    Ok(())
}

/// An `xs:base64Binary` (whitespace ignored).
fn base64_binary(owner: &str, v: &str) -> Result<(), String> {
    let t: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    let body = t.trim_end_matches('=');
    let ok = t.len().is_multiple_of(4)
        && t.len() - body.len() <= 2
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/');
    if ok {
        Ok(())
    } else {
        Err(format!("{owner} is not xs:base64Binary"))
    }
}

/// The ds:Signature values the xmldsig schema types as base64Binary, and its required
/// SignedInfo and SignatureValue.
fn signature(sig: &El) -> Result<(), String> {
    for required in ["SignedInfo", "SignatureValue"] {
        if !sig
            .children
            .iter()
            .any(|c| c.ns == DS && c.local == required)
        {
            return Err(format!("Signature lacks {required}"));
        }
    }
    fn walk(e: &El) -> Result<(), String> {
        if e.ns == DS
            && matches!(
                e.local.as_str(),
                "DigestValue" | "SignatureValue" | "X509Certificate"
            )
        {
            base64_binary(&e.local, &e.text)?;
        }
        e.children.iter().try_for_each(walk)
    }
    walk(sig)
}

fn response(r: &El) -> Result<(), String> {
    r.required(&["ID", "Version", "IssueInstant"])?;
    instants(r, &["IssueInstant"])?;
    for a in ["Destination", "Consent"] {
        if let Some(v) = r.attr(a) {
            any_uri("Response", a, v)?;
        }
    }
    sequence(
        r,
        &[
            (A, &["Issuer"], 0, 1),
            (DS, &["Signature"], 0, 1),
            (P, &["Extensions"], 0, 1),
            (P, &["Status"], 1, 1),
            (A, &["Assertion", "EncryptedAssertion"], 0, MANY),
        ],
    )?;
    for c in &r.children {
        match c.local.as_str() {
            "Signature" => signature(c)?,
            "Status" => status(c)?,
            "Assertion" if c.ns == A => assertion(c)?,
            _ => {}
        }
    }
    Ok(())
}

fn status(s: &El) -> Result<(), String> {
    sequence(
        s,
        &[
            (P, &["StatusCode"], 1, 1),
            (P, &["StatusMessage"], 0, 1),
            (P, &["StatusDetail"], 0, 1),
        ],
    )?;
    let mut code = s.children.first();
    while let Some(c) = code {
        c.required(&["Value"])?;
        sequence(c, &[(P, &["StatusCode"], 0, 1)])?;
        code = c.children.first();
    }
    Ok(())
}

fn assertion(a: &El) -> Result<(), String> {
    a.required(&["ID", "Version", "IssueInstant"])?;
    instants(a, &["IssueInstant"])?;
    sequence(
        a,
        &[
            (A, &["Issuer"], 1, 1),
            (DS, &["Signature"], 0, 1),
            (A, &["Subject"], 0, 1),
            (A, &["Conditions"], 0, 1),
            (A, &["Advice"], 0, 1),
            (
                A,
                &[
                    "Statement",
                    "AuthnStatement",
                    "AuthzDecisionStatement",
                    "AttributeStatement",
                ],
                0,
                MANY,
            ),
        ],
    )?;
    for c in &a.children {
        match c.local.as_str() {
            "Signature" => signature(c)?,
            "Subject" => subject(c)?,
            "Conditions" => conditions(c)?,
            "AuthnStatement" => {
                c.required(&["AuthnInstant"])?;
                instants(c, &["AuthnInstant", "SessionNotOnOrAfter"])?;
                sequence(
                    c,
                    &[
                        (A, &["SubjectLocality"], 0, 1),
                        (A, &["AuthnContext"], 1, 1),
                    ],
                )?;
            }
            "AttributeStatement" => {
                sequence(c, &[(A, &["Attribute", "EncryptedAttribute"], 1, MANY)])?;
                for at in c.children.iter().filter(|x| x.local == "Attribute") {
                    at.required(&["Name"])?;
                    sequence(at, &[(A, &["AttributeValue"], 0, MANY)])?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn subject(s: &El) -> Result<(), String> {
    let ids: &[&str] = &["BaseID", "NameID", "EncryptedID"];
    if s.children.is_empty() {
        return Err("Subject is empty".into());
    }
    sequence(s, &[(A, ids, 0, 1), (A, &["SubjectConfirmation"], 0, MANY)])?;
    for c in s
        .children
        .iter()
        .filter(|c| c.local == "SubjectConfirmation")
    {
        c.required(&["Method"])?;
        sequence(
            c,
            &[(A, ids, 0, 1), (A, &["SubjectConfirmationData"], 0, 1)],
        )?;
        for d in c
            .children
            .iter()
            .filter(|d| d.local == "SubjectConfirmationData")
        {
            if let Some(v) = d.attr("Recipient") {
                any_uri("SubjectConfirmationData", "Recipient", v)?;
            }
        }
    }
    Ok(())
}

fn conditions(c: &El) -> Result<(), String> {
    instants(c, &["NotBefore", "NotOnOrAfter"])?;
    sequence(
        c,
        &[(
            A,
            &[
                "Condition",
                "AudienceRestriction",
                "OneTimeUse",
                "ProxyRestriction",
            ],
            0,
            MANY,
        )],
    )?;
    for r in c
        .children
        .iter()
        .filter(|r| r.local == "AudienceRestriction")
    {
        sequence(r, &[(A, &["Audience"], 1, MANY)])?;
        for a in &r.children {
            any_uri("Audience", "value", &a.text)?;
        }
    }
    let _ = XENC;
    Ok(())
}

/// Text values a library compares without trimming: whether an Audience, or a Response or
/// Assertion Issuer, has whitespace around it (samlcheck's model trims them).
fn untrimmed(root: &El) -> (bool, bool) {
    let padded = |e: &El| e.text.trim() != e.text;
    let mut audience = false;
    let mut issuer = false;
    fn walk(e: &El, f: &mut dyn FnMut(&El)) {
        f(e);
        for c in &e.children {
            walk(c, f);
        }
    }
    walk(root, &mut |e| {
        if e.ns == A && e.local == "Audience" && padded(e) {
            audience = true;
        }
        if e.ns == A && e.local == "Issuer" && padded(e) {
            issuer = true;
        }
    });
    (audience, issuer)
}

/// An xs:ID value (an NCName): a letter or `_` first, then letters, digits, `.`, `-`, `_`.
pub fn ncname(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\u{B7}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(inner: &str) -> String {
        format!(
            r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_r" Version="2.0" IssueInstant="2026-01-15T10:00:00Z">{inner}</samlp:Response>"#
        )
    }

    const STATUS: &str = r#"<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>"#;

    #[test]
    fn order_children_attributes_and_ids_as_the_xsd_says() {
        let ok = resp(&format!(
            r#"<saml:Issuer>i</saml:Issuer>{STATUS}<saml:Assertion ID="_a" Version="2.0" IssueInstant="2026-01-15T10:00:00Z"><saml:Issuer>i</saml:Issuer><saml:Subject><saml:NameID>n</saml:NameID></saml:Subject><saml:AttributeStatement><saml:Attribute Name="x"/></saml:AttributeStatement></saml:Assertion>"#
        ));
        assert_eq!(first_violation(ok.as_bytes()), None);
        // A Signature after Status (appended), an empty AttributeStatement, an ID starting with
        // a digit, an Assertion without Issuer, a foreign element among the Response's children.
        let appended = resp(&format!("{STATUS}<ds:Signature/>"));
        assert!(first_violation(appended.as_bytes())
            .unwrap()
            .contains("Signature"));
        let empty = ok.replace(r#"<saml:Attribute Name="x"/>"#, "");
        assert!(first_violation(empty.as_bytes())
            .unwrap()
            .contains("AttributeStatement"));
        let digit = ok.replace(r#"ID="_a""#, r#"ID="1a""#);
        assert!(first_violation(digit.as_bytes()).unwrap().contains("xs:ID"));
        let no_issuer = ok.replace(
            "<saml:Issuer>i</saml:Issuer><saml:Subject>",
            "<saml:Subject>",
        );
        assert!(first_violation(no_issuer.as_bytes()).is_some());
        let foreign = resp(&format!(r#"{STATUS}<x:Assertion xmlns:x="urn:evil"/>"#));
        assert!(first_violation(foreign.as_bytes()).is_some());
        let bad_time = ok.replace(
            "IssueInstant=\"2026-01-15T10:00:00Z\" ID",
            "IssueInstant=\"soon\" ID",
        );
        let bad_time = bad_time.replace(
            r#"Version="2.0" IssueInstant="2026-01-15T10:00:00Z"><saml:Issuer>"#,
            r#"Version="2.0" IssueInstant="2026-01-15"><saml:Issuer>"#,
        );
        assert!(first_violation(bad_time.as_bytes())
            .unwrap()
            .contains("xs:dateTime"));
        assert_eq!(date_time("x", "y", "2026-01-15T10:00:00.123+01:00"), Ok(()));
    }
}

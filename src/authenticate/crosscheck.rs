//! A second, independent reading (quick-xml) of the consumed Assertion: its NameID, Audiences,
//! Attributes, Conditions window and SubjectConfirmationData. It reads libxmlsec1's pre-digest
//! bytes of the Reference that authenticates the Assertion (the canonical form that was
//! hashed) when there are such bytes, else the document as decoded. If it disagrees with
//! libxml2's reading, what the signature vouches for is not what the report shows, and nothing
//! in the message is authenticated (fail closed).

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::xml::model::Assertion;

/// What quick-xml reads from the consumed Assertion.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct View {
    pub name_ids: Vec<String>,
    pub audiences: Vec<String>,
    /// (Name, values) in document order.
    pub attributes: Vec<(String, Vec<String>)>,
    /// (NotBefore, NotOnOrAfter) of each Conditions.
    pub conditions: Vec<(Option<String>, Option<String>)>,
    /// (Recipient, NotOnOrAfter, InResponseTo) of each SubjectConfirmationData.
    pub confirmations: Vec<(Option<String>, Option<String>, Option<String>)>,
    /// How many Assertions sit where an SP would consume them.
    pub assertions: usize,
    /// The Assertion's Issuer (SAML 2.0: its Issuer child; SAML 1.1: its Issuer attribute).
    pub issuers: Vec<String>,
}

/// Where the consumed Assertion sits in the bytes read, and which SAML version's names it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A whole SAML 2.0 Response: the Assertion is a child of the root (or of a root-level
    /// EncryptedAssertion after decryption).
    Response,
    /// The bytes are the SAML 2.0 Assertion itself (its own signature's pre-digest).
    Assertion,
    /// The bytes are a SAML 1.1 Assertion.
    Saml11,
}

/// The local names the cross-check tells apart; every other element is `Other`. A stack of these
/// (copied, never allocated) is the reader's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum N {
    Assertion,
    EncryptedAssertion,
    Issuer,
    Subject,
    NameID,
    NameIdentifier,
    SubjectConfirmation,
    SubjectConfirmationData,
    Conditions,
    AudienceRestriction,
    AudienceRestrictionCondition,
    Audience,
    AttributeStatement,
    Attribute,
    AttributeValue,
    Other,
}

impl N {
    fn of(local: &[u8]) -> Self {
        match local {
            b"Assertion" => N::Assertion,
            b"EncryptedAssertion" => N::EncryptedAssertion,
            b"Issuer" => N::Issuer,
            b"Subject" => N::Subject,
            b"NameID" => N::NameID,
            b"NameIdentifier" => N::NameIdentifier,
            b"SubjectConfirmation" => N::SubjectConfirmation,
            b"SubjectConfirmationData" => N::SubjectConfirmationData,
            b"Conditions" => N::Conditions,
            b"AudienceRestriction" => N::AudienceRestriction,
            b"AudienceRestrictionCondition" => N::AudienceRestrictionCondition,
            b"Audience" => N::Audience,
            b"AttributeStatement" => N::AttributeStatement,
            b"Attribute" => N::Attribute,
            b"AttributeValue" => N::AttributeValue,
            _ => N::Other,
        }
    }
}

/// Reads the consumed Assertion (a direct child of the root, or of a root-level
/// EncryptedAssertion after decryption; or the root itself for [`Layout::Assertion`] and
/// [`Layout::Saml11`]). Text is text and CDATA joined, comments skipped; line
/// endings and attribute values are normalised as an XML 1.0 processor does (§2.11, §3.3.3), so
/// the comparison is of what both parsers report, not of raw bytes.
pub fn read(xml: &[u8], layout: Layout) -> Option<View> {
    let text = std::str::from_utf8(xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml)).ok()?;
    let text = normalize_line_endings(text);
    let mut reader = Reader::from_str(&text);
    let mut stack: Vec<N> = Vec::with_capacity(32);
    let mut view = View::default();
    // Index in `stack` of the consumed Assertion element, while inside it.
    let mut base: Option<usize> = None;
    let mut buf: Option<String> = None;
    loop {
        let event = reader.read_event().ok()?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = N::of(e.local_name().as_ref());
                let empty = matches!(event, Event::Empty(_));
                stack.push(name);
                if name == N::Assertion && consumable(&stack, layout) {
                    view.assertions += 1;
                    base = Some(stack.len() - 1);
                    if layout == Layout::Saml11 {
                        view.issuers.extend(attr(e, b"Issuer"));
                    }
                }
                if let Some(b) = base {
                    start_in_assertion(&stack[b + 1..], e, layout, &mut view, &mut buf);
                }
                if empty {
                    close(&mut stack, &mut base, &mut buf, &mut view);
                }
            }
            Event::End(_) => close(&mut stack, &mut base, &mut buf, &mut view),
            Event::Text(t) => {
                if let Some(b) = buf.as_mut() {
                    b.push_str(&t.unescape().ok()?);
                }
            }
            Event::CData(t) => {
                if let Some(b) = buf.as_mut() {
                    b.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(view)
}

/// A start tag inside the consumed Assertion, at `rel` below it: a text value to collect, or an
/// element whose attributes are the value.
fn start_in_assertion(
    rel: &[N],
    e: &quick_xml::events::BytesStart,
    layout: Layout,
    view: &mut View,
    buf: &mut Option<String>,
) {
    use N::*;
    match rel {
        [Subject, NameID]
        | [Issuer]
        | [Conditions, AudienceRestriction, Audience]
        | [AttributeStatement, Attribute, AttributeValue] => *buf = Some(String::new()),
        [_, Subject, NameIdentifier] | [Conditions, AudienceRestrictionCondition, Audience]
            if layout == Layout::Saml11 =>
        {
            *buf = Some(String::new())
        }
        [AttributeStatement, Attribute] => {
            let name: &[u8] = if layout == Layout::Saml11 {
                b"AttributeName"
            } else {
                b"Name"
            };
            view.attributes
                .push((attr(e, name).unwrap_or_default(), Vec::new()));
        }
        [Conditions] => view
            .conditions
            .push((attr(e, b"NotBefore"), attr(e, b"NotOnOrAfter"))),
        [Subject, SubjectConfirmation, SubjectConfirmationData] => view.confirmations.push((
            attr(e, b"Recipient"),
            attr(e, b"NotOnOrAfter"),
            attr(e, b"InResponseTo"),
        )),
        _ => {}
    }
}

/// XML 1.0 §2.11: `\r\n` and a lone `\r` become `\n` before parsing.
fn normalize_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// An unprefixed attribute's value as an XML processor reports it: literal whitespace
/// characters become spaces (§3.3.3, CDATA attributes), then references are expanded (so
/// `&#10;` stays a newline).
fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    // The first one of that name (quick-xml's duplicate check, pairwise, could only refuse a
    // later one).
    let a = e
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)?;
    let raw = std::str::from_utf8(a.value.as_ref()).ok()?;
    // The usual value: nothing to normalise, nothing to expand.
    if !raw
        .bytes()
        .any(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'&'))
    {
        return Some(raw.to_string());
    }
    let spaced: String = raw
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    quick_xml::escape::unescape(&spaced)
        .ok()
        .map(|v| v.into_owned())
}

fn consumable(stack: &[N], layout: Layout) -> bool {
    matches!(
        (layout, stack),
        (Layout::Assertion | Layout::Saml11, [N::Assertion])
            | (Layout::Response, [_, N::Assertion])
            | (Layout::Response, [_, N::EncryptedAssertion, N::Assertion])
    )
}

fn close(stack: &mut Vec<N>, base: &mut Option<usize>, buf: &mut Option<String>, view: &mut View) {
    if let Some(b) = *base {
        use N::*;
        match &stack[b + 1..] {
            [Issuer] => view.issuers.extend(buf.take()),
            [Subject, NameID] | [_, Subject, NameIdentifier] => view.name_ids.extend(buf.take()),
            [Conditions, AudienceRestriction | AudienceRestrictionCondition, Audience] => {
                view.audiences.extend(
                    buf.take()
                        .map(|t| crate::xml::text::trim_xml(&t).to_string()),
                )
            }
            [AttributeStatement, Attribute, AttributeValue] => {
                if let (Some(t), Some(a)) = (buf.take(), view.attributes.last_mut()) {
                    a.1.push(t);
                }
            }
            _ => {}
        }
        if stack.len() == b + 1 {
            *base = None;
        }
    }
    stack.pop();
}

/// Compares quick-xml's view with libxml2's model; `Some(reason)` when they disagree.
pub fn disagreement(xml: &[u8], a: &Assertion, layout: Layout) -> Option<String> {
    let Some(mut view) = read(xml, layout) else {
        return Some("the second parser could not read the signed bytes".into());
    };
    if layout == Layout::Saml11 {
        // The model's subject is the first statement's; AD FS repeats it in every statement.
        view.name_ids.truncate(1);
    }
    if view.assertions != 1 {
        return Some(format!(
            "the second parser sees {} consumable assertions",
            view.assertions
        ));
    }
    who(&view, a).or_else(|| when_and_what(&view, a))
}

/// Issuer, NameID and Audience as both parsers read them (compared borrowed; the lists are
/// built only to say how they differ).
fn who(view: &View, a: &Assertion) -> Option<String> {
    let issuers = || a.issuer.iter().map(String::as_str);
    if !view.issuers.iter().map(String::as_str).eq(issuers()) {
        return Some(format!(
            "libxml2 reads the Assertion's Issuer as {:?} but a second parser reads {:?}",
            issuers().collect::<Vec<_>>(),
            view.issuers
        ));
    }
    let name_ids = || {
        a.subject
            .iter()
            .flat_map(|s| s.name_id.iter())
            .map(|n| n.value.as_str())
    };
    if !view.name_ids.iter().map(String::as_str).eq(name_ids()) {
        return Some(format!(
            "libxml2 reads the NameID as {:?} but a second parser reads {:?}",
            name_ids().collect::<Vec<_>>(),
            view.name_ids
        ));
    }
    let audiences = || {
        a.conditions
            .iter()
            .flat_map(|c| c.audiences.iter())
            .map(String::as_str)
    };
    if !view.audiences.iter().map(String::as_str).eq(audiences()) {
        return Some(format!(
            "libxml2 reads the Audience as {:?} but a second parser reads {:?}",
            audiences().collect::<Vec<_>>(),
            view.audiences
        ));
    }
    None
}

/// The time window, the confirmations and the attributes as both parsers read them.
fn when_and_what(view: &View, a: &Assertion) -> Option<String> {
    let conditions = a
        .conditions
        .iter()
        .map(|c| (c.not_before.as_deref(), c.not_on_or_after.as_deref()));
    if !view
        .conditions
        .iter()
        .map(|(b, e)| (b.as_deref(), e.as_deref()))
        .eq(conditions)
    {
        return Some(
            "libxml2 and a second parser read the Conditions time window differently".into(),
        );
    }
    let confirmations = a
        .subject
        .iter()
        .flat_map(|s| s.confirmations.iter())
        .map(|c| {
            (
                c.recipient.as_deref(),
                c.not_on_or_after.as_deref(),
                c.in_response_to.as_deref(),
            )
        })
        .filter(|t| *t != (None, None, None));
    let seen = view
        .confirmations
        .iter()
        .map(|(r, n, i)| (r.as_deref(), n.as_deref(), i.as_deref()))
        .filter(|t| *t != (None, None, None));
    if !seen.eq(confirmations) {
        return Some(
            "libxml2 and a second parser read the SubjectConfirmationData differently".into(),
        );
    }
    let attributes = a
        .attributes()
        .map(|at| (at.name.as_str(), at.values.as_slice()));
    if !view
        .attributes
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_slice()))
        .eq(attributes)
    {
        return Some("libxml2 and a second parser read the attributes differently".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_text_and_skips_comments() {
        let xml = br#"<p:Response xmlns:p="p" xmlns:a="a"><a:Assertion><a:Subject><a:NameID>adm<!-- x -->in@x.com<![CDATA[!]]></a:NameID></a:Subject><a:AttributeStatement><a:Attribute Name="email"><a:AttributeValue>a&amp;b</a:AttributeValue><a:AttributeValue/></a:Attribute></a:AttributeStatement></a:Assertion></p:Response>"#;
        let v = read(xml, Layout::Response).unwrap();
        assert_eq!(v.name_ids, ["admin@x.com!"]);
        assert_eq!(
            v.attributes,
            [("email".to_string(), vec!["a&b".to_string(), String::new()])]
        );
        assert_eq!(v.assertions, 1);
    }

    #[test]
    fn reads_time_window_and_confirmation() {
        let xml = br#"<R><Assertion><Subject><NameID>n</NameID><SubjectConfirmation><SubjectConfirmationData Recipient="https://sp/acs" NotOnOrAfter="t2"/></SubjectConfirmation></Subject><Conditions NotBefore="t0" NotOnOrAfter="t1"><AudienceRestriction><Audience> sp </Audience></AudienceRestriction></Conditions></Assertion></R>"#;
        let v = read(xml, Layout::Response).unwrap();
        assert_eq!(
            v.conditions,
            [(Some("t0".to_string()), Some("t1".to_string()))]
        );
        assert_eq!(
            v.confirmations,
            [(
                Some("https://sp/acs".to_string()),
                Some("t2".to_string()),
                None
            )]
        );
        assert_eq!(v.audiences, ["sp"]);
    }

    #[test]
    fn line_endings_and_attribute_values_are_normalised() {
        let xml = b"<R>\r\n<Assertion>\r<Subject><NameID>a\r\nb\rc</NameID><SubjectConfirmation><SubjectConfirmationData Recipient=\"x\r\ny\ty&#10;z\"/></SubjectConfirmation></Subject></Assertion></R>";
        let v = read(xml, Layout::Response).unwrap();
        assert_eq!(v.name_ids, ["a\nb\nc"]);
        assert_eq!(v.confirmations[0].0.as_deref(), Some("x y y\nz"));
    }

    #[test]
    fn nested_assertions_are_not_consumed() {
        let xml =
            br#"<R><X><Assertion><Subject><NameID>evil</NameID></Subject></Assertion></X></R>"#;
        let v = read(xml, Layout::Response).unwrap();
        assert_eq!(v.assertions, 0);
        assert!(v.name_ids.is_empty());
    }
}

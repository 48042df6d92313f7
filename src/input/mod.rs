//! Capture forms: turns what a person pasted or saved into the SAML XML messages inside it.
//!
//! Detection is by content, never by file name. Every decoding step taken is recorded so the
//! report can show it. Limits are applied before work (see [`limits`]).

pub mod bare;
pub mod base64;
pub mod charset;
pub mod embedded;
pub mod exchange;
mod har;
pub mod html;
pub mod inflate;
pub mod limits;
pub mod recognise;
pub(crate) mod tracer;
pub mod urlenc;
pub mod wsfed;

use serde::Serialize;

use crate::error::InputError;
pub use limits::Limits;
use urlenc::Pair;

/// One decoding step, in the order applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A UTF-8 byte-order mark was removed.
    Bom,
    /// The message came from a HAR 1.2 file.
    Har,
    /// The message came from a SAML-tracer JSON export.
    SamlTracer,
    /// The message was a parameter of a URL's query string.
    Url,
    /// The message was a parameter of a form body.
    Form,
    /// A hidden input of an HTML auto-submit form (in a HAR response body).
    HtmlForm,
    /// Percent-decoding.
    UrlDecode,
    /// Base64 with the standard alphabet.
    Base64,
    /// Base64 with the URL-safe alphabet.
    Base64url,
    /// Raw DEFLATE (HTTP-Redirect binding).
    Inflate,
    /// A SAML parameter found in pasted text: devtools "Copy as cURL" (bash).
    CurlBash,
    /// … "Copy as cURL (cmd)" for Windows.
    CurlCmd,
    /// … "Copy as fetch" / "Copy as Node.js fetch".
    Fetch,
    /// … "Copy as PowerShell".
    Powershell,
    /// … a JSON object such as Firefox's request parameters or a JSON log entry.
    JsonParameter,
    /// … a log line or other text.
    TextParameter,
    /// A bare Assertion, checked inside a Response samlcheck wrapped around it.
    BareAssertion,
    /// The `wresult` of a WS-Federation sign-in (wa=wsignin1.0).
    WsFederation,
    /// UTF-16 (with a byte-order mark) transcoded to UTF-8.
    Utf16,
    /// ISO-8859-1 (declared in the XML declaration) transcoded to UTF-8.
    Latin1,
    /// Surrounding quotes removed (a value copied from JSON, a log or a shell).
    Unquoted,
    /// Spaces put back as `+` in base64 (the value went through a form decoder twice).
    PlusRepaired,
}

impl From<embedded::Quoting> for Step {
    fn from(c: embedded::Quoting) -> Self {
        match c {
            embedded::Quoting::CurlBash => Step::CurlBash,
            embedded::Quoting::CurlCmd => Step::CurlCmd,
            embedded::Quoting::Fetch => Step::Fetch,
            embedded::Quoting::PowerShell => Step::Powershell,
            embedded::Quoting::Json => Step::JsonParameter,
            embedded::Quoting::Text => Step::TextParameter,
        }
    }
}

impl From<charset::Transcoded> for Step {
    fn from(t: charset::Transcoded) -> Self {
        match t {
            charset::Transcoded::Utf16 => Step::Utf16,
            charset::Transcoded::Latin1 => Step::Latin1,
        }
    }
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Bom => "bom",
            Step::Har => "har",
            Step::SamlTracer => "saml_tracer",
            Step::Url => "url",
            Step::Form => "form",
            Step::HtmlForm => "html_form",
            Step::UrlDecode => "url_decode",
            Step::Base64 => "base64",
            Step::Base64url => "base64url",
            Step::Inflate => "inflate",
            Step::CurlBash => "curl_bash",
            Step::CurlCmd => "curl_cmd",
            Step::Fetch => "fetch",
            Step::Powershell => "powershell",
            Step::JsonParameter => "json_parameter",
            Step::TextParameter => "text_parameter",
            Step::BareAssertion => "bare_assertion",
            Step::WsFederation => "ws_federation",
            Step::Utf16 => "utf16",
            Step::Latin1 => "latin1",
            Step::Unquoted => "unquoted",
            Step::PlusRepaired => "plus_repaired",
        }
    }
}

/// The HTTP-Redirect binding's detached signature, kept for verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedirectSignature {
    pub sig_alg: String,
    /// Base64 signature value (already percent-decoded).
    pub signature: String,
    /// `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as the octets appeared in the URL.
    pub signed_octets: String,
    /// It came in a URL query (the HTTP-Redirect binding); false for a form body, where SigAlg
    /// and Signature have no meaning (SAML bindings §3.5.4).
    pub in_url: bool,
}

/// One SAML message found in an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// Where it came from: a path, `stdin`, `argument`, plus the HAR entry when there is one.
    pub origin: String,
    /// HAR/SAML-tracer context: method, URL and time of the request that carried it.
    pub context: Option<String>,
    pub steps: Vec<Step>,
    /// `SAMLResponse` or `SAMLRequest` when the message was a named parameter.
    pub parameter: Option<String>,
    pub relay_state: Option<String>,
    pub redirect: Option<RedirectSignature>,
    /// When the capture (HAR `startedDateTime`, SAML-tracer `timestamp`) recorded the message.
    pub recorded_at: Option<time::OffsetDateTime>,
    /// The message came from a capture (HAR, SAML-tracer) that should be judged at its own time.
    pub from_capture: bool,
    /// The HTTP exchange that carried it, when a capture recorded one.
    pub exchange: Option<exchange::Exchange>,
    /// The HAR entry that carried it (from 0), for what the capture recorded around it.
    pub entry: Option<usize>,
    /// What the capture recorded after it, before the next message.
    pub later: Vec<exchange::Exchange>,
    /// What the capture recorded before it (only for the first message: the SP's own pages and
    /// the redirect that sent the browser to the IdP).
    pub earlier: Vec<exchange::Exchange>,
    /// The XML bytes exactly as decoded.
    pub xml: Vec<u8>,
    /// A WS-Federation token taken out of its envelope: the paths of identity-shaped elements
    /// the envelope holds outside it (no signature covers them).
    pub outside_token: Vec<String>,
}

/// The messages found in one input; a container (HAR) can hold good and bad ones side by side.
pub type Decoded = Vec<Result<Capture, InputError>>;

/// Finds and decodes every SAML message in `bytes`.
///
/// An error for the input as a whole (not UTF-8, unknown form, no SAML in a HAR) is `Err`;
/// an error in one message of a container is an `Err` element of the list.
pub fn decode_input(bytes: &[u8], origin: &str, limits: &Limits) -> Result<Decoded, InputError> {
    if bytes.len() > limits.max_file {
        return Err(InputError::new(format!(
            "input is larger than {} (limit --max-file)",
            limits::bytes(limits.max_file)
        )));
    }
    let mut steps = Vec::new();
    let (bytes, transcoded) = charset::to_utf8(bytes)?;
    steps.extend(transcoded.map(Step::from));
    let bytes = bytes.as_ref();
    let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            steps.push(Step::Bom);
            rest
        }
        None => bytes,
    };
    let skip = bytes.len() - body.len();
    let text = std::str::from_utf8(body)
        .map_err(|e| InputError::at("input is not valid UTF-8", e.valid_up_to() + skip))?;
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::new("input is empty"));
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return container(trimmed, origin, limits).map_err(|e| shift(e, skip + lead));
    }
    if trimmed.len() > limits.max_input {
        return Err(InputError::new(format!(
            "encoded message is larger than {} (limit --max-input)",
            limits::bytes(limits.max_input)
        )));
    }
    // A log with a SAML parameter on several lines: each line is a message of its own. Only
    // worth splitting into lines when the text carries a parameter or its first line is a URL
    // or a form (an XML document is many lines and neither: it stays whole, as it would anyway).
    // One vector search for both names: a whole message is searched here.
    let carries = |l: &str| {
        let b = l.as_bytes();
        memchr::memmem::find_iter(b, b"SAMLRe").any(|i| {
            let rest = &b[i + 6..];
            rest.starts_with(b"sponse=") || rest.starts_with(b"quest=")
        })
    };
    let any_carries = carries(trimmed);
    let first = trimmed.lines().next().unwrap_or(trimmed).trim();
    let lines: Vec<&str> = if any_carries || is_url(first) || is_form(first) {
        trimmed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        vec![trimmed]
    };
    let several = lines.len() > 1 && lines.iter().all(|l| is_url(l) || is_form(l));
    let carrying: Vec<&str> = if any_carries {
        lines.iter().copied().filter(|l| carries(l)).collect()
    } else {
        Vec::new()
    };
    let lines = if !several && carrying.len() > 1 {
        carrying
    } else {
        lines
    };
    let several = several || any_carries && lines.len() > 1 && lines.iter().all(|l| carries(l));
    if several {
        return Ok(lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let here = format!("{origin} line {}", i + 1);
                let mut c =
                    decode_text(line, steps.clone(), limits).map_err(|e| e.in_origin(&here))?;
                c.origin = here;
                Ok(c)
            })
            .collect());
    }
    let mut capture = decode_text(trimmed, steps, limits).map_err(|e| shift(e, skip + lead))?;
    capture.origin = origin.to_string();
    Ok(vec![Ok(capture)])
}

/// A capture from a SAML parameter found anywhere in `text` ([`embedded`]), when one decodes.
/// None when `text` holds no such parameter; the decoding error when it holds a broken one.
fn embedded_capture(
    text: &str,
    mut steps: Vec<Step>,
    limits: &Limits,
) -> Option<Result<Capture, InputError>> {
    let (pairs, ctx) = embedded::find(text)?;
    let pairs: Vec<Pair> = pairs
        .into_iter()
        .map(|mut p| {
            if let Ok(v) = urlenc::percent_decode(&p.value) {
                p.value = v;
            }
            p
        })
        .collect();
    steps.push(ctx.into());
    // A SAMLRequest copied from a redirect URL is DEFLATEd; from a POST it is not.
    let posted = from_pairs(&pairs, steps.clone(), false, limits);
    Some(posted.or_else(|e| from_pairs(&pairs, steps, true, limits).map_err(|_| e)))
}

/// What a `SAMLart` parameter is (HTTP-Artifact binding, SAML bindings §3.6): a reference, not
/// the message, which the SP resolves over the back channel.
fn artifact(value: &str) -> String {
    use ::base64::Engine;
    let what = "this is a SAML artifact (HTTP-Artifact binding), not a message: the SP sends it back to the IdP's ArtifactResolutionService in a SOAP ArtifactResolve and receives the Response over that back channel, so the browser never carries the Response; capture it where the SP logs the ArtifactResponse, or switch the IdP application to the HTTP-POST binding to debug with the browser";
    match ::base64::engine::general_purpose::STANDARD.decode(value.trim()) {
        Ok(b) if b.len() == 44 && b[0] == 0 && b[1] == 4 => {
            let hex: String = b[4..24].iter().map(|x| format!("{x:02x}")).collect();
            format!(
                "{what} (type 0x0004, endpoint index {}, source ID {hex} = SHA-1 of the issuer's entityID)",
                u16::from_be_bytes([b[2], b[3]])
            )
        }
        Ok(b) if b.len() >= 2 => format!("{what} (type code 0x{:02x}{:02x})", b[0], b[1]),
        _ => what.to_string(),
    }
}

/// A URL's host (`https://sp.example:8443/acs` → `sp.example:8443`), when it has one.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest)).filter(|h| !h.is_empty())
}

/// A URL without its query string and fragment: the endpoint itself.
pub(crate) fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// A URL for labels: the query string is elided (it holds the whole message).
pub(crate) fn short_url(url: &str) -> String {
    match url.split_once('?') {
        Some((base, _)) => format!("{base}?…"),
        None => url.to_string(),
    }
}

fn shift(mut e: InputError, by: usize) -> InputError {
    e.offset = e.offset.map(|o| o + by);
    e
}

fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// The parameters that carry a SAML message: the HTTP-POST and HTTP-Redirect bindings' and
/// WS-Federation's `wresult`.
pub(crate) const MESSAGE_PARAMS: [&str; 3] = ["SAMLResponse", "SAMLRequest", "wresult"];

/// Whether `name` is one of [`MESSAGE_PARAMS`], spelled as samlcheck reads it.
pub(crate) fn is_message_param(name: &str) -> bool {
    MESSAGE_PARAMS.contains(&name)
}

/// Whether `name` is one of [`MESSAGE_PARAMS`] in another spelling an SP's form parser may
/// accept (letter case, percent-encoded letters) but samlcheck does not read.
pub(crate) fn is_loose_message_param(name: &str) -> bool {
    let decoded = urlenc::percent_decode(name).unwrap_or_else(|_| name.to_string());
    !is_message_param(name)
        && MESSAGE_PARAMS
            .iter()
            .any(|m| decoded.eq_ignore_ascii_case(m))
}

/// The `name=` of each parameter that carries a message or an artifact in a form or query.
pub const FORM_PARAMS: [&str; 4] = ["SAMLResponse=", "SAMLRequest=", "SAMLart=", "wresult="];

fn is_form(text: &str) -> bool {
    let b = text.as_bytes();
    // At the start or after an `&` (an XML message has few of those).
    FORM_PARAMS.iter().any(|p| text.starts_with(p))
        || memchr::memchr_iter(b'&', b).any(|i| {
            FORM_PARAMS
                .iter()
                .any(|p| b[i + 1..].starts_with(p.as_bytes()))
        })
}

/// Whether JSON text is the start of a HAR (`"log"` with `"entries"`) or a SAML-tracer export
/// (`"requests"`), judged from its first kilobytes.
fn looks_like_capture_file(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    (head.contains("\"log\"") && head.contains("\"entries\"")) || head.contains("\"requests\"")
}

fn container(text: &str, origin: &str, limits: &Limits) -> Result<Decoded, InputError> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // A HAR or SAML-tracer export cut short: reading what is left by string search would
        // report part of the sign-in as if it were all of it.
        Err(e) if e.is_eof() && looks_like_capture_file(text) => {
            return Err(InputError::at(
                format!(
                    "the {} ends after {} bytes before its JSON closes: the file was cut short (saved while the page was still loading, or truncated when copied); the messages after the cut are lost — save the capture again",
                    if text.contains("\"entries\"") { "HAR file" } else { "capture file" },
                    text.len()
                ),
                text.len(),
            ))
        }
        Err(e) => {
            return match embedded_capture(text, Vec::new(), limits) {
                Some(r) => r.map(|mut c| {
                    c.origin = origin.to_string();
                    vec![Ok(c)]
                }),
                None => Err(InputError::at(
                    format!("input looks like JSON but does not parse: {e}"),
                    json_offset(text, e.line(), e.column()),
                )),
            }
        }
    };
    let found = if value.get("log").and_then(|l| l.get("entries")).is_some() {
        har::messages(&value, limits)?
    } else if value.get("requests").is_some_and(|r| r.is_array()) {
        tracer::messages(&value, limits)?
    } else if let Some(r) = embedded_capture(text, Vec::new(), limits) {
        let mut c = r?;
        c.origin = origin.to_string();
        return Ok(vec![Ok(c)]);
    } else {
        return Err(InputError::new("JSON input is neither a HAR 1.2 file (log.entries), a SAML-tracer export (requests), nor an object with a SAMLResponse or SAMLRequest"));
    };
    Ok(found
        .into_iter()
        .map(|r| {
            r.map(|mut c| {
                c.origin = origin.to_string();
                c
            })
        })
        .collect())
}

fn json_offset(text: &str, line: usize, column: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + column.saturating_sub(1)
}

/// Most decoding steps one message may take (a capture is wrapped a few layers deep).
const MAX_LAYERS: usize = 16;

/// Decodes one message given as text: XML, base64, URL-encoded, a form body or a URL.
pub(crate) fn decode_text(
    text: &str,
    mut steps: Vec<Step>,
    limits: &Limits,
) -> Result<Capture, InputError> {
    let t = text.trim();
    let lead = text.len() - text.trim_start().len();
    // Each layer (percent-encoding, a form inside a parameter…) comes back here; real captures
    // are wrapped two or three deep, and a crafted one must not recurse without bound.
    if steps.len() >= MAX_LAYERS {
        return Err(InputError::new(format!(
            "the message is wrapped in more than {MAX_LAYERS} layers of encoding (the last: {}); samlcheck stops there",
            steps.last().map(|s| s.as_str()).unwrap_or("")
        )));
    }
    if t.len() > limits.max_input {
        return Err(InputError::new(format!(
            "encoded message is larger than {} (limit --max-input)",
            limits::bytes(limits.max_input)
        )));
    }
    if let Some(inner) = recognise::unquote(t) {
        steps.push(Step::Unquoted);
        return decode_text(inner, steps, limits);
    }
    // Not SAML, unless it is a page carrying a SAML form (the form scan only when needed).
    if let Some(what) = recognise::not_saml(t) {
        if !html::has_saml_form(t) {
            return Err(InputError::new(what));
        }
    }
    if t.starts_with('<') {
        return xml_text(t, steps, limits);
    }
    if is_url(t) {
        let query_at = t.find('?').ok_or_else(|| {
            InputError::new("URL has no query string, so no SAMLRequest or SAMLResponse parameter")
        })?;
        let query = &t[query_at + 1..];
        let query = query.split('#').next().unwrap_or(query);
        steps.push(Step::Url);
        let pairs = urlenc::parse_pairs(query).map_err(|e| shift(e, lead + query_at + 1))?;
        return from_pairs(&pairs, steps, true, limits).map_err(|e| shift(e, lead + query_at + 1));
    }
    if t.starts_with("SAMLResponse:") || t.starts_with("SAMLRequest:") {
        // Copied from the browser's devtools payload view: `Name: value` lines.
        steps.push(Step::Form);
        let pairs = devtools_pairs(t);
        return from_pairs(&pairs, steps, false, limits).map_err(|e| shift(e, lead));
    }
    if is_form(t) {
        steps.push(Step::Form);
        let pairs = urlenc::parse_pairs(t).map_err(|e| shift(e, lead))?;
        return from_pairs(&pairs, steps, false, limits).map_err(|e| shift(e, lead));
    }
    let named = t.contains("SAMLResponse=") || t.contains("SAMLRequest=");
    if (t.contains("SAMLResponse") || t.contains("SAMLRequest"))
        && (!base64::looks_like(t) || named)
    {
        if let Some(r) = embedded_capture(t, steps.clone(), limits) {
            return r;
        }
    }
    if urlenc::has_escapes(t) {
        steps.push(Step::UrlDecode);
        let decoded = urlenc::percent_decode(t).map_err(|e| shift(e, lead))?;
        return decode_text(&decoded, steps, limits);
    }
    if base64::looks_like(t) {
        return base64_text(t, lead, steps, limits);
    }
    let bad = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "+/=-_ \t\r\n".contains(*c)))
        .map(|(i, _)| i);
    Err(InputError {
        message: "input is not XML, base64, URL-encoded text, a form body, a URL, a HAR file or a SAML-tracer export".into(),
        offset: bad.map(|b| b + lead),
        origin: None,
    })
}

/// Text that starts with `<`: the IdP's auto-submit page, a WS-Federation token response, or
/// the XML message itself.
fn xml_text(t: &str, mut steps: Vec<Step>, limits: &Limits) -> Result<Capture, InputError> {
    // A SAML 2.0 protocol message is not a page (the namespace test is a fast substring search
    // and settles almost every input before the slower form scan).
    if !t.contains("urn:oasis:names:tc:SAML:2.0:protocol") && html::has_saml_form(t) {
        // The IdP's auto-submit page (view-source), not the message itself.
        let inputs = html::inputs(t);
        html::census(t, &inputs).map_err(InputError::new)?;
        let pairs: Vec<Pair> = inputs
            .into_iter()
            .map(|(name, value)| Pair {
                name,
                raw_value: value.clone(),
                value,
                offset: 0,
            })
            .collect();
        steps.push(Step::HtmlForm);
        return from_pairs(&pairs, steps, false, limits);
    }
    if wsfed::is_rstr(t) {
        // A bare RequestSecurityTokenResponse, as SPs log a WS-Federation sign-in. The whole
        // envelope passes the guard first (no DOCTYPE, no entities, the limits): a DTD would let
        // the envelope's reader and a real XML parser see two different documents.
        crate::xml::guard::scan(t.as_bytes(), limits)?;
        let a = wsfed::assertion(t).map_err(InputError::new)?;
        steps.push(Step::WsFederation);
        let mut c = capture(steps, a.xml.into_bytes());
        c.outside_token = a.outside;
        return Ok(c);
    }
    Ok(capture(steps, t.as_bytes().to_vec()))
}

/// Base64 (standard or URL-safe, possibly DEFLATEd); a `+` that became a space is repaired
/// when the text does not decode as it is.
fn base64_text(
    t: &str,
    lead: usize,
    steps: Vec<Step>,
    limits: &Limits,
) -> Result<Capture, InputError> {
    let first = decode_base64(t, steps.clone(), false, limits).map_err(|e| shift(e, lead));
    // A `+` that became a space (a form value decoded twice): put it back and say so.
    let inner_spaces = t.trim().contains(' ') && !t.trim().contains('+');
    if first.is_err() && inner_spaces {
        let repaired = t.trim().replace(' ', "+");
        let mut s = steps;
        s.push(Step::PlusRepaired);
        if let Ok(c) = decode_base64(&repaired, s, false, limits) {
            return Ok(c);
        }
    }
    first
}

/// `Name: value` lines as devtools shows form data; values are percent-decoded when escaped.
fn devtools_pairs(text: &str) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for line in text.lines() {
        match line
            .split_once(':')
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            Some((name, value)) => {
                let raw = value.trim().to_string();
                let value = if urlenc::has_escapes(&raw) {
                    urlenc::percent_decode(&raw).unwrap_or(raw.clone())
                } else {
                    raw.clone()
                };
                pairs.push(Pair {
                    name: name.to_string(),
                    raw_value: raw,
                    value,
                    offset: 0,
                });
            }
            // A wrapped base64 value continues on the next line.
            None => {
                if let Some(last) = pairs.last_mut() {
                    last.value.push_str(line.trim());
                    last.raw_value.push_str(line.trim());
                }
            }
        }
    }
    pairs
}

/// Decodes a base64 payload; inflates it when it is not XML (always tried for the redirect binding).
pub(crate) fn decode_base64(
    text: &str,
    mut steps: Vec<Step>,
    redirect: bool,
    limits: &Limits,
) -> Result<Capture, InputError> {
    let (bytes, alphabet) = base64::decode(text)?;
    steps.push(match alphabet {
        base64::Alphabet::Standard => Step::Base64,
        base64::Alphabet::UrlSafe => Step::Base64url,
    });
    // PowerShell's [Text.Encoding]::Unicode before base64 gives UTF-16.
    let bytes = match charset::to_utf8(&bytes)? {
        (std::borrow::Cow::Owned(b), Some(t)) => {
            steps.push(t.into());
            b
        }
        _ => bytes,
    };
    if !redirect && starts_like_xml(&bytes) {
        return Ok(capture(steps, bytes));
    }
    match inflate::inflate(&bytes, limits) {
        Ok(inflated) => {
            steps.push(Step::Inflate);
            if !starts_like_xml(&inflated) {
                return Err(InputError::new("inflated data is not XML"));
            }
            Ok(capture(steps, inflated))
        }
        Err(e) if e.message.contains("--max-") => Err(e),
        Err(_) if starts_like_xml(&bytes) => Ok(capture(steps, bytes)),
        Err(_) => Err(InputError::new(format!(
            "base64 decodes to {} bytes that are neither XML nor DEFLATE-compressed XML",
            bytes.len()
        ))),
    }
}

fn starts_like_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}

fn capture(mut steps: Vec<Step>, xml: Vec<u8>) -> Capture {
    let xml = match bare::wrap(&xml) {
        Some(wrapped) => {
            steps.push(Step::BareAssertion);
            wrapped
        }
        None => xml,
    };
    Capture {
        origin: String::new(),
        context: None,
        steps,
        parameter: None,
        relay_state: None,
        redirect: None,
        recorded_at: None,
        from_capture: false,
        exchange: None,
        entry: None,
        later: Vec::new(),
        earlier: Vec::new(),
        xml,
        outside_token: Vec::new(),
    }
}

/// Picks the SAML parameter out of query or form pairs and decodes it.
pub(crate) fn from_pairs(
    pairs: &[Pair],
    steps: Vec<Step>,
    in_url: bool,
    limits: &Limits,
) -> Result<Capture, InputError> {
    // More than one message parameter: SPs differ on which one they read (PHP and Rails take
    // the last value, most Java and .NET stacks the first, a WS-Fed endpoint its wresult), so
    // judging one of them says nothing about what a given SP consumed.
    let carried: Vec<&str> = pairs
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| is_message_param(n))
        .collect();
    if carried.len() > 1 {
        return Err(InputError::at(
            format!(
                "the {} carries {} message parameters ({}): SPs differ on which one they read (PHP takes the last, most Java and .NET stacks the first), so samlcheck does not pick one — a browser never sends this; treat it as manipulated, or check each value on its own",
                if in_url { "URL" } else { "form" },
                carried.len(),
                carried.join(", ")
            ),
            pairs.iter().filter(|p| carried.contains(&p.name.as_str())).nth(1).map_or(0, |p| p.offset),
        ));
    }
    let get = |n: &str| pairs.iter().find(|p| p.name == n);
    if get("SAMLResponse").is_none() && get("SAMLRequest").is_none() {
        if let Some(art) = get("SAMLart") {
            return Err(InputError::new(artifact(&art.value)));
        }
        if let Some(w) = get("wresult") {
            // A form body: `+` is a space (application/x-www-form-urlencoded). Unlike a base64
            // SAMLResponse, the wresult is XML, where a literal `+` is always sent as %2B.
            let value = urlenc::percent_decode(&w.raw_value.replace('+', "%20"))
                .unwrap_or_else(|_| w.value.clone());
            // The whole envelope passes the guard (see the bare RSTR above).
            crate::xml::guard::scan(value.as_bytes(), limits).map_err(|e| {
                InputError::new(format!(
                    "wresult is not a well-formed WS-Trust RequestSecurityTokenResponse: {}",
                    e.message
                ))
            })?;
            let a = wsfed::assertion(&value).map_err(|e| InputError::at(e, w.offset))?;
            let mut steps = steps;
            steps.push(Step::WsFederation);
            let mut c = capture(steps, a.xml.into_bytes());
            c.outside_token = a.outside;
            c.parameter = Some("wresult".into());
            c.relay_state = get("wctx").map(|p| p.value.clone());
            return Ok(c);
        }
    }
    let param = get("SAMLResponse")
        .or_else(|| get("SAMLRequest"))
        .ok_or_else(|| InputError::new("no SAMLRequest or SAMLResponse parameter found"))?;
    if param.value.trim().is_empty() {
        return Err(InputError::at(
            format!("{} parameter is empty", param.name),
            param.offset,
        ));
    }
    let sig_alg = get("SigAlg");
    let signature = get("Signature");
    // HTTP-Redirect binding: the message in a URL query is always DEFLATE-compressed.
    let redirect = in_url || sig_alg.is_some();
    // Base64 has no `%`: an escape still here means the value was URL-encoded twice (copied from
    // an already encoded view and encoded again), one more layer to take off.
    let mut steps = steps;
    let value = if urlenc::has_escapes(&param.value) {
        steps.push(Step::UrlDecode);
        std::borrow::Cow::Owned(
            urlenc::percent_decode(&param.value).map_err(|e| shift(e, param.offset))?,
        )
    } else {
        std::borrow::Cow::Borrowed(param.value.as_str())
    };
    let mut c =
        decode_base64(&value, steps, redirect, limits).map_err(|e| shift(e, param.offset))?;
    c.parameter = Some(param.name.clone());
    c.relay_state = get("RelayState").map(|p| p.value.clone());
    if let (Some(alg), Some(sig)) = (sig_alg, signature) {
        // Signed octets per SAML bindings 3.4.4.1: the parameters in this order, as received.
        let mut octets = format!("{}={}", param.name, param.raw_value);
        if let Some(rs) = get("RelayState") {
            octets.push_str(&format!("&RelayState={}", rs.raw_value));
        }
        octets.push_str(&format!("&SigAlg={}", alg.raw_value));
        c.redirect = Some(RedirectSignature {
            sig_alg: alg.value.clone(),
            signature: sig.value.clone(),
            signed_octets: octets,
            in_url,
        });
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_names_a_message_parameter_first_or_after_an_ampersand() {
        assert!(is_form("SAMLResponse=abc"));
        assert!(is_form("RelayState=x&SAMLResponse=abc"));
        assert!(is_form("a=1&wresult=%3C"));
        assert!(is_form("a=1&SAMLart=AAQ"));
        assert!(!is_form("xSAMLResponse=abc"));
        assert!(!is_form("<samlp:Response ID=\"SAMLResponse=\"/>"));
        assert!(!is_form("a=1&"));
        assert!(!is_form(""));
    }
}

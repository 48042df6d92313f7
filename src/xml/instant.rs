//! SAML instants (`xs:dateTime`): read as SPs read them and written back in RFC 3339. Here, in
//! the XML layer, so the capture readers (HAR and SAML-tracer timestamps) and the checks share
//! one parser without the input layer reaching up into the checks.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Parses an xs:dateTime; a value without a zone is taken as UTC (as SAML requires).
pub fn parse_instant(s: &str) -> Option<OffsetDateTime> {
    let s = super::text::trim_xml(s);
    OffsetDateTime::parse(s, &Rfc3339)
        .ok()
        .or_else(|| OffsetDateTime::parse(&format!("{s}Z"), &Rfc3339).ok())
}

/// An instant in RFC 3339 (UTC as `Z`).
pub fn format_instant(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

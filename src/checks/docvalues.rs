//! Documentation placeholders left in configuration: setup guides write URLs as patterns
//! (Microsoft's Amplitude guide: Reply URL `https://analytics.amplitude.com/saml/sso/<UNIQUE_ID>`,
//! "the Reply URL value isn't real"), `YOUR_ACCOUNT_ID`, `example.com` hosts or an all-zero GUID.
//! Copied into the IdP as typed, they come back in Destination, Recipient or Audience, and no SP
//! accepts them: a finding naming the field and where the real value comes from (a warning for
//! an example.com host alone, which self-hosted test setups also use).

use super::context::Context;
use crate::check::Severity;
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::idp::Topic;
use crate::xml::text::trim_xml;

/// Why `v` looks like a documentation placeholder, or None; `weak` when it is only an
/// example.com host (self-hosted test setups use them too: a warning, never an error).
pub fn placeholder(v: &str) -> Option<&'static str> {
    placeholder_kind(v).map(|(why, _)| why)
}

fn placeholder_kind(v: &str) -> Option<(&'static str, bool)> {
    let v = trim_xml(v);
    let l = v.to_ascii_lowercase();
    // By the needle's first byte, not str::contains or memmem: these are short values looked
    // at in every message, where a searcher's set-up per call costs more than the search.
    let has = |needle: &str| {
        let (h, n) = (l.as_bytes(), needle.as_bytes());
        memchr::memchr_iter(n[0], h).any(|i| h[i..].starts_with(n))
    };
    let host = l
        .split_once("://")
        .map(|(_, r)| r.split(['/', '?', '#', ':']).next().unwrap_or(""))
        .unwrap_or("");
    if v.contains('<') && v.contains('>') {
        Some((
            "it holds an <ANGLE_BRACKETED> part, a setup guide's pattern for a value you fill in",
            false,
        ))
    } else if has("your_") || has("your-") || has("yourtenant") || has("{tenant") || has("{id}") {
        Some(("it holds a YOUR_… / {…} part from a setup guide", false))
    } else if has("00000000-0000-0000-0000-000000000000") {
        Some(("it holds the all-zero GUID from a setup guide", false))
    } else if has("xxxxxx") {
        Some(("it holds an xxxxxx placeholder", false))
    } else if ["example.com", "example.org", "example.net"]
        .iter()
        .any(|d| {
            host.strip_suffix(d)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
        })
    {
        Some((
            "its host is an example.com domain, reserved for documentation (RFC 2606)",
            true,
        ))
    } else {
        None
    }
}

/// Pushes a finding for each identifier that is a documentation placeholder.
pub fn check(c: &Context, sink: &mut Sink) {
    let (msg, a, idp) = (c.msg, c.consumed, c.idp);
    // Where each field is, as (line, the path's tail under the root or the assertion): the
    // path is written only for a finding.
    #[derive(Clone, Copy)]
    enum At {
        Root,
        Assertion(&'static str),
    }
    let mut fields: Vec<(&str, &str, usize, At, Topic)> = Vec::new();
    if let Some(d) = &msg.destination {
        fields.push(("Destination", d, 0, At::Root, Topic::Acs));
    }
    if let Some(acs) = msg.request.as_ref().and_then(|r| r.acs_url.as_deref()) {
        fields.push(("AssertionConsumerServiceURL", acs, 0, At::Root, Topic::Acs));
    }
    if let Some(a) = a {
        for c in a.subject.iter().flat_map(|s| s.confirmations.iter()) {
            if let Some(r) = &c.recipient {
                fields.push((
                    "Recipient",
                    r,
                    c.line,
                    At::Assertion("/Subject/SubjectConfirmation"),
                    Topic::Acs,
                ));
            }
        }
        for au in a.conditions.iter().flat_map(|c| c.audiences.iter()) {
            fields.push((
                "Audience",
                au,
                a.line,
                At::Assertion("/Conditions"),
                Topic::Audience,
            ));
        }
    }
    for (what, v, line, at, topic) in fields {
        let Some((why, weak)) = placeholder_kind(v) else {
            continue;
        };
        let path = match (at, a) {
            (At::Assertion(tail), Some(a)) => format!("{}{tail}", a.path),
            _ => format!("/{}", msg.root_name),
        };
        let where_from = match topic {
            Topic::Acs => "the ACS URL the SP shows in its SSO settings (Amplitude: Settings > Organization settings > Access and SSO; the guide's pattern is not a real value)",
            Topic::Audience => "the entity ID the SP publishes in its metadata",
            _ => "the IdP's real entity ID",
        };
        sink.push(
            Finding::new(
                Code::ValueDocumentationPlaceholder,
                format!("the {what} {v:?} was copied from documentation: {why}; use {where_from}"),
            )
            .hint(idp.hint(topic))
            .severity(if weak {
                Severity::Warning
            } else {
                Severity::Error
            })
            .at(line, path),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_patterns_are_placeholders_and_real_values_are_not() {
        for v in [
            "https://analytics.amplitude.com/saml/sso/<UNIQUE_ID>",
            "https://signin.aws.amazon.com/saml/YOUR_ACCOUNT_ID",
            "https://sp.example.com/acs",
            "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/saml2",
            "https://{tenant}.okta.com/app",
        ] {
            assert!(placeholder(v).is_some(), "{v}");
        }
        for v in [
            "https://analytics.amplitude.com/saml/sso/123456",
            "https://amplitude.com/saml/sso/metadata",
            "urn:amazon:webservices",
            "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
        ] {
            assert!(placeholder(v).is_none(), "{v}");
        }
    }
}

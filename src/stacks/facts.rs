//! The facts about one Response that SP stacks' rules read: measured once from the model,
//! samlcheck's own findings and the SP's expectations, as numbers (1/0 for yes/no, seconds for
//! ages). [`FACTS`] is the vocabulary: a profile naming anything else fails to load (and a test
//! loads every embedded profile). A fact that needs something not given (the SP's entity ID for
//! audience facts, its ACS for Destination and Recipient facts, a time to measure) is left out,
//! so rules reading it never fire.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::check::{Check, Severity};
use crate::checks::expect::{is_pattern, Expectations};
use crate::checks::time::clock::parse_instant;
use crate::codes::Code;
use crate::report::{Covers, Report, SigResult};
use crate::xml::model::Message;

/// Every fact a rule may name, with what it means.
pub const FACTS: &[(&str, &str)] = &[
    ("signature_invalid", "a signature failed: digest or value mismatch, or not under a configured key"),
    ("unsigned", "neither the Response nor the Assertion carries a signature that verified"),
    ("response_signed", "the Response's own signature verified"),
    ("assertion_signed", "the consumed Assertion's own signature verified"),
    ("floor", "samlcheck found a forgery-class error (signature, wrapping, decryption, comment-in-text)"),
    ("wrapping", "samlcheck found a signature-wrapping error"),
    ("signature_appended", "a Signature is not where the schema puts it (after Issuer)"),
    ("reference_empty", "a Signature's Reference has URI=\"\""),
    ("sha1", "the signature or digest algorithm is SHA-1"),
    ("cert_expired", "the configured IdP certificate is expired at the judged time"),
    ("status_missing", "the Response has no Status/StatusCode"),
    ("status_not_success", "the top-level StatusCode is not Success"),
    ("assertions_anywhere", "Assertions and EncryptedAssertions anywhere in the document (`//`)"),
    ("assertions_direct", "Assertions and EncryptedAssertions that are children of the Response"),
    ("encrypted", "the Assertion was encrypted"),
    ("response_age", "seconds from the Response IssueInstant to the judged time"),
    ("assertion_age", "seconds from the Assertion IssueInstant to the judged time"),
    ("destination_missing", "the Response has no Destination"),
    ("destination_empty", "the Response's Destination is empty"),
    ("destination_mismatch", "Destination is not exactly an expected ACS URL"),
    ("destination_not_prefix", "Destination does not start with an expected ACS URL"),
    ("response_issuer_missing", "the Response has no Issuer"),
    ("assertion_issuer_missing", "the Assertion has no Issuer"),
    ("issuer_mismatch", "an Issuer is not the expected IdP entity ID"),
    ("issuer_format_invalid", "an Issuer Format is not …:nameid-format:entity"),
    ("irt_missing", "the Response has no InResponseTo (IdP-initiated)"),
    ("irt_mismatch", "InResponseTo is not the expected request ID"),
    ("conditions_missing", "the Assertion has no Conditions"),
    ("expired_by", "seconds the judged time is past Conditions NotOnOrAfter (negative: before)"),
    ("early_by", "seconds the judged time is before Conditions NotBefore (negative: after)"),
    ("audience_none", "the Conditions carry no Audience"),
    ("audience_any_fail", "no Audience in any restriction is the SP's entity ID (OR semantics fail)"),
    ("audience_each_fail", "some AudienceRestriction does not name the SP (AND semantics fail)"),
    ("audience_first_fail", "no restriction's first Audience is the SP's entity ID"),
    ("audience_restriction_empty", "an AudienceRestriction has no Audience"),
    ("one_time_use", "Conditions carry OneTimeUse"),
    ("proxy_restriction", "Conditions carry ProxyRestriction"),
    ("condition_unknown", "Conditions carry an element SAML core does not define"),
    ("subject_missing", "the Assertion has no Subject"),
    ("nameid_missing", "the Subject has no NameID (nor EncryptedID)"),
    ("sc_none", "the Subject has no SubjectConfirmation"),
    ("bearer_none", "no SubjectConfirmation has the bearer Method"),
    ("recipient_missing", "a bearer SubjectConfirmationData has no Recipient"),
    ("recipient_mismatch", "a Recipient is not exactly an expected ACS URL"),
    ("recipient_not_substring", "an expected ACS URL is not a substring of the Recipient"),
    ("scd_expiry_missing", "a bearer SubjectConfirmationData has no NotOnOrAfter"),
    ("scd_expired_by", "seconds the judged time is past SubjectConfirmationData NotOnOrAfter"),
    ("authn_statement_missing", "the Assertion has no AuthnStatement"),
    ("attribute_statement_missing", "the Assertion has no AttributeStatement"),
    ("attribute_statement_empty", "an AttributeStatement has no Attribute (invalid under the XSD)"),
    ("session_expired_by", "seconds the judged time is past SessionNotOnOrAfter"),
    ("id_not_ncname", "a Response or Assertion ID is not an xs:ID (NCName), e.g. starts with a digit"),
    ("version_invalid", "a Version is not 2.0"),
    ("replayed", "the same Assertion ID was seen before in this run"),
    ("comment_in_text", "a comment or CDATA section splits a text value"),
    ("schema_invalid", "the Response breaks the SAML 2.0 XSD (order, required children/attributes, xs:ID, foreign elements)"),
    ("signature_unverifiable", "a signature's algorithm or transform cannot or must not be run (HMAC, XSLT, unsupported)"),
    ("encrypted_no_key", "an EncryptedAssertion that could not be opened (no SP key given)"),
    ("time_unparseable", "an instant (IssueInstant, NotBefore, NotOnOrAfter, …) is not a valid date and time"),
    ("assertion_time_unparseable", "an instant of the Assertion (its IssueInstant, Conditions or SubjectConfirmationData; not the AuthnStatement's) is not a valid date and time"),
    ("reference_uri_absent", "a Reference has no URI attribute"),
    ("status_code_empty", "the top-level StatusCode Value is empty"),
    ("signed_anything", "some signature in the document verified under a configured key (whatever it covers)"),
    ("audience_untrimmed", "an Audience has whitespace around its text"),
    ("issuer_untrimmed", "an Issuer has whitespace around its text"),
    ("destination_mismatch_loose", "Destination is not an expected ACS URL even with scheme and host case and port ignored (ruby-saml's uri_match?)"),
    ("sc_none_valid_substring", "no bearer (or Method-less) SubjectConfirmation is valid when Recipient is matched as containing the ACS (python3-saml)"),
    ("sc_none_valid_exact", "no bearer (or Method-less) SubjectConfirmation is valid when Recipient, if present, must equal the ACS (ruby-saml)"),
    ("sc_none_valid_strict", "no bearer SubjectConfirmation has a Recipient equal to the ACS, a NotOnOrAfter not past (180 s skew) and the request's InResponseTo (samael)"),
    ("duplicate_id", "two elements carry the same ID (samlcheck's wrapping-duplicate-id)"),
    ("embedded_cert_differs", "a signature's KeyInfo carries a certificate that is none of the configured ones"),
    ("signatures_three_or_more", "the document holds three or more ds:Signature elements"),
    ("root_signature_absent", "the Response itself carries no ds:Signature child"),
    ("scd_irt_mismatch", "the Response has an InResponseTo and a SubjectConfirmationData's is missing or different"),
    ("root_signatures_many", "the Response itself carries two or more ds:Signature children"),
    ("root_reference_not_parent", "the Response's own signature references something other than the Response"),
    ("root_reference_empty", "the Response's own signature has Reference URI=\"\""),
    ("lookup_reference_empty", "the Reference that names the signed Assertion (its own signature's, else the Response's) has URI=\"\""),
    ("signatures_same_parent", "two ds:Signature elements share one parent element"),
    ("signature_absent", "no ds:Signature anywhere has a Response or an Assertion as its parent"),
    ("signature_foreign_parent", "a ds:Signature anywhere (`//`) whose parent is not a Response or an Assertion"),
    ("signed_element_no_id", "a signed element has no ID"),
    ("signed_ids_duplicate", "two signatures sign elements with the same ID"),
    ("reference_not_parent", "a Reference URI that names something other than the signature's parent"),
    ("reference_duplicate", "two signatures reference the same URI"),
    ("unbound_prefix", "an element or attribute uses a namespace prefix that is not declared"),
    ("nameid_empty", "the NameID is empty"),
    ("sp_name_qualifier_mismatch", "the NameID's SPNameQualifier is not the SP's entity ID"),
];

/// The facts of `msg` (a Response), judged at `at`.
pub fn measure(
    msg: &Message,
    xml: &[u8],
    report: &Report,
    exp: &Expectations,
    at: OffsetDateTime,
) -> BTreeMap<&'static str, f64> {
    let mut f = Facts::default();
    let has = |c: Code| report.findings.iter().any(|x| x.code == c);
    let error_in = |checks: &[Check]| {
        report.findings.iter().any(|x| {
            x.severity == Severity::Error
                && checks.contains(&x.check)
                && x.code != Code::AssertionSignatureRequired
        })
    };
    let verified = |c: Covers| {
        report
            .signatures
            .iter()
            .any(|s| s.covers == c && s.result == SigResult::Valid)
    };
    f.set(
        "signature_invalid",
        report.signatures.iter().any(|s| {
            matches!(
                s.result,
                SigResult::DigestMismatch | SigResult::SignatureMismatch | SigResult::UntrustedKey
            )
        }),
    );
    f.set("response_signed", verified(Covers::Response));
    f.set("assertion_signed", verified(Covers::Assertion));
    f.set(
        "unsigned",
        !verified(Covers::Response) && !verified(Covers::Assertion),
    );
    f.set("wrapping", error_in(&[Check::Wrapping]));
    f.set("floor", report.findings.iter().any(super::is_floor));
    f.set(
        "signature_appended",
        msg.signatures.iter().any(|s| !s.schema_position),
    );
    f.set(
        "reference_empty",
        msg.signatures
            .iter()
            .any(|s| s.reference_uris.iter().any(|u| u.as_deref() == Some(""))),
    );
    f.set("sha1", has(Code::AlgorithmSha1));
    f.set("cert_expired", has(Code::CertificateExpired));
    let status = msg.status.as_ref().and_then(|s| s.code.as_deref());
    f.set("status_missing", status.is_none());
    f.set(
        "status_not_success",
        status.is_some_and(|c| c != "urn:oasis:names:tc:SAML:2.0:status:Success"),
    );
    let direct = msg.assertions.len() + msg.encrypted_assertions;
    f.num("assertions_direct", direct as f64);
    f.num(
        "assertions_anywhere",
        (direct + msg.hidden_assertions.len() + msg.advice_assertions.len()) as f64,
    );
    let age = |t: Option<&str>| t.and_then(parse_instant).map(|t| (at - t).as_seconds_f64());
    if let Some(s) = age(msg.issue_instant.as_deref()) {
        f.num("response_age", s);
    }
    let a = msg.consumed();
    f.set("encrypted", a.is_some_and(|a| a.decrypted));
    if let Some(s) = age(a.and_then(|a| a.issue_instant.as_deref())) {
        f.num("assertion_age", s);
    }
    // Destination and Recipient against the expected ACS URLs, when there are some.
    let dest = msg.destination.as_deref();
    f.set("destination_missing", dest.is_none());
    f.set("destination_empty", dest == Some(""));
    let acs = &exp.acs;
    if !acs.is_empty() {
        if let Some(d) = dest.filter(|d| !d.is_empty()) {
            f.set("destination_mismatch", !acs.iter().any(|x| is_acs(x, d)));
            // python3-saml: the normalised Destination starts with the normalised ACS URL.
            f.set(
                "destination_not_prefix",
                !acs.iter().any(|x| {
                    is_acs(x, d) || (!is_pattern(x) && loose_url(d).starts_with(&loose_url(x)))
                }),
            );
            // ruby-saml's uri_match? (no trimming: a padded Destination is not a URI).
            f.set(
                "destination_mismatch_loose",
                !acs.iter().any(|x| {
                    is_acs(x, d)
                        || (!is_pattern(x) && d == d.trim() && loose_url(d) == loose_url(x))
                }),
            );
        }
    }
    f.set("response_issuer_missing", msg.issuer.is_none());
    f.set(
        "assertion_issuer_missing",
        a.is_some_and(|a| a.issuer.is_none()),
    );
    f.set("issuer_mismatch", has(Code::IssuerMismatch));
    f.set("issuer_format_invalid", has(Code::IssuerFormatInvalid));
    f.set("irt_missing", msg.in_response_to.is_none());
    f.set("irt_mismatch", has(Code::InResponseToMismatch));
    f.set("version_invalid", has(Code::VersionInvalid));
    f.set("replayed", has(Code::AssertionReplayed));
    f.set("comment_in_text", has(Code::CommentInText));
    let schema = super::schema::read(xml);
    f.set("schema_invalid", schema.violation.is_some());
    f.set("unbound_prefix", has(Code::WrappingUnboundPrefix));
    f.set("nameid_empty", has(Code::NameidEmpty));
    f.set(
        "sp_name_qualifier_mismatch",
        has(Code::NameidSpNameQualifier),
    );
    let signed = |s: &&crate::xml::model::SignatureInfo| {
        let last = s.parent_path.rsplit('/').next().unwrap_or("");
        last == "Response" || last == "Assertion"
    };
    f.set(
        "signature_unverifiable",
        has(Code::AlgorithmForbidden)
            || has(Code::AlgorithmUnsupported)
            || has(Code::WrappingTransform),
    );
    f.set("encrypted_no_key", has(Code::AssertionEncrypted));
    f.set(
        "signatures_same_parent",
        msg.signatures.iter().enumerate().any(|(k, a)| {
            msg.signatures[..k]
                .iter()
                .any(|b| b.parent_node == a.parent_node)
        }),
    );
    let root: Vec<_> = msg
        .signatures
        .iter()
        .filter(|s| s.parent_node == msg.root_node)
        .collect();
    f.set("root_signatures_many", root.len() > 1);
    f.set("root_signature_absent", root.is_empty());
    f.set("signatures_three_or_more", msg.signatures.len() >= 3);
    f.set("duplicate_id", has(Code::WrappingDuplicateId));
    f.set("time_unparseable", has(Code::TimeUnparseable));
    f.set(
        "assertion_time_unparseable",
        report.findings.iter().any(|x| {
            x.code == Code::TimeUnparseable
                && x.location.as_ref().is_some_and(|l| {
                    l.path.starts_with("/Response/Assertion") && !l.path.contains("AuthnStatement")
                })
        }),
    );
    f.set(
        "reference_uri_absent",
        msg.signatures
            .iter()
            .any(|s| s.reference_uris.iter().any(Option::is_none)),
    );
    f.set(
        "status_code_empty",
        msg.status
            .as_ref()
            .and_then(|s| s.code.as_deref())
            .is_some_and(|c| c.trim().is_empty()),
    );
    f.set(
        "signed_anything",
        report
            .signatures
            .iter()
            .any(|s| s.result == SigResult::Valid),
    );
    f.set("audience_untrimmed", schema.audience_untrimmed);
    f.set("issuer_untrimmed", schema.issuer_untrimmed);
    f.set(
        "embedded_cert_differs",
        report.signatures.iter().any(|s| {
            s.embedded_cert.as_ref().is_some_and(|c| {
                !report
                    .trusted_keys
                    .iter()
                    .any(|t| t.cert.sha256 == c.sha256)
            })
        }),
    );
    // python3-saml finds the Assertion it reads through this Reference (`_query_assertion`).
    let first_uri = |s: &&crate::xml::model::SignatureInfo| {
        s.reference_uris.first().and_then(|u| u.as_deref()) == Some("")
    };
    let in_assertion: Vec<_> = msg
        .signatures
        .iter()
        .filter(|s| {
            s.parent_path.rsplit('/').next() == Some("Assertion")
                && s.parent_path.matches('/').count() == 2
        })
        .collect();
    f.set(
        "lookup_reference_empty",
        match in_assertion.first() {
            Some(s) => first_uri(s),
            None => root.first().is_some_and(first_uri),
        },
    );
    f.set(
        "root_reference_not_parent",
        root.iter().any(|s| {
            s.reference_uris
                .first()
                .and_then(|u| u.as_deref())
                .is_some_and(|u| {
                    !u.is_empty() && Some(u.trim_start_matches('#')) != s.parent_id.as_deref()
                })
        }),
    );
    f.set(
        "root_reference_empty",
        root.iter()
            .any(|s| s.reference_uris.first().and_then(|u| u.as_deref()) == Some("")),
    );
    f.set(
        "signature_absent",
        !msg.signatures.iter().any(|s| signed(&s)),
    );
    f.set(
        "signature_foreign_parent",
        msg.signatures.iter().any(|s| !signed(&s)),
    );
    f.set(
        "signed_element_no_id",
        msg.signatures
            .iter()
            .filter(signed)
            .any(|s| s.parent_id.is_none()),
    );
    let ids: Vec<&str> = msg
        .signatures
        .iter()
        .filter(signed)
        .filter_map(|s| s.parent_id.as_deref())
        .collect();
    f.set(
        "signed_ids_duplicate",
        ids.iter().enumerate().any(|(k, a)| ids[..k].contains(a)),
    );
    let firsts: Vec<(&str, Option<&str>)> = msg
        .signatures
        .iter()
        .filter(signed)
        .filter_map(|s| {
            let uri = s.reference_uris.first()?.as_deref()?;
            (!uri.is_empty()).then_some((uri, s.parent_id.as_deref()))
        })
        .collect();
    f.set(
        "reference_not_parent",
        firsts
            .iter()
            .any(|(u, id)| Some(u.trim_start_matches('#')) != *id),
    );
    f.set(
        "reference_duplicate",
        firsts
            .iter()
            .enumerate()
            .any(|(k, (u, _))| firsts[..k].iter().any(|(v, _)| v == u)),
    );
    f.set(
        "id_not_ncname",
        std::iter::once(msg.id.as_deref())
            .chain(msg.assertions.iter().map(|a| a.id.as_deref()))
            .flatten()
            .any(|id| !super::schema::ncname(id)),
    );
    let Some(a) = a else {
        return f.0;
    };
    let c = a.conditions.as_ref();
    f.set("conditions_missing", c.is_none());
    let sp = &exp.audiences;
    if let Some(c) = c {
        if let Some(s) = c.not_on_or_after.as_deref().and_then(parse_instant) {
            f.num("expired_by", (at - s).as_seconds_f64());
        }
        if let Some(s) = c.not_before.as_deref().and_then(parse_instant) {
            f.num("early_by", (s - at).as_seconds_f64());
        }
        f.set("audience_none", c.audiences.is_empty());
        f.set(
            "audience_restriction_empty",
            c.restrictions.iter().any(Vec::is_empty),
        );
        if !sp.is_empty() && !c.restrictions.is_empty() {
            let is_sp = |x: &String| sp.iter().any(|s| crate::checks::expect::matches(s, x));
            f.set(
                "audience_any_fail",
                !c.restrictions.iter().flatten().any(is_sp),
            );
            f.set(
                "audience_each_fail",
                c.restrictions.iter().any(|r| !r.iter().any(is_sp)),
            );
            f.set(
                "audience_first_fail",
                !c.restrictions.iter().any(|r| r.first().is_some_and(is_sp)),
            );
        }
        f.set("one_time_use", c.one_time_use);
        f.set(
            "proxy_restriction",
            c.unknown.iter().any(|(n, _)| n == "ProxyRestriction"),
        );
        f.set(
            "condition_unknown",
            c.unknown.iter().any(|(n, _)| n != "ProxyRestriction"),
        );
    }
    let subject = a.subject.as_ref();
    f.set("subject_missing", subject.is_none());
    f.set(
        "nameid_missing",
        subject.is_none_or(|s| s.name_id.is_none() && !s.encrypted_id),
    );
    let scs = subject.map(|s| s.confirmations.as_slice()).unwrap_or(&[]);
    f.set("sc_none", scs.is_empty());
    let bearer: Vec<_> = scs
        .iter()
        .filter(|c| c.method.as_deref() == Some("urn:oasis:names:tc:SAML:2.0:cm:bearer"))
        .collect();
    f.set("bearer_none", bearer.is_empty());
    f.set(
        "recipient_missing",
        bearer.iter().any(|c| c.recipient.is_none()),
    );
    f.set(
        "scd_expiry_missing",
        bearer.iter().any(|c| c.not_on_or_after.is_none()),
    );
    if let Some(s) = bearer
        .iter()
        .filter_map(|c| c.not_on_or_after.as_deref().and_then(parse_instant))
        .map(|t| (at - t).as_seconds_f64())
        .reduce(f64::max)
    {
        f.num("scd_expired_by", s);
    }
    if !acs.is_empty() {
        let recipients: Vec<&str> = bearer
            .iter()
            .filter_map(|c| c.recipient.as_deref())
            .collect();
        f.set(
            "recipient_mismatch",
            recipients.iter().any(|r| !acs.iter().any(|x| is_acs(x, r))),
        );
        f.set(
            "recipient_not_substring",
            recipients.iter().any(|r| {
                !acs.iter()
                    .any(|x| is_acs(x, r) || (!is_pattern(x) && r.contains(x.as_str())))
            }),
        );
    }
    // Whether any confirmation is valid as each library reads one (a bad one beside a good one
    // is passed over).
    let now_ok = |c: &crate::xml::model::SubjectConfirmation, skew: f64, need_expiry: bool| {
        let after = c.not_on_or_after.as_deref().and_then(parse_instant);
        let before = c.not_before.as_deref().and_then(parse_instant);
        (after.is_some() || (!need_expiry && c.not_on_or_after.is_none()))
            && after.is_none_or(|t| (at - t).as_seconds_f64() < skew)
            && before.is_none_or(|t| (t - at).as_seconds_f64() <= skew)
    };
    let has_data = |c: &crate::xml::model::SubjectConfirmation| {
        c.recipient.is_some()
            || c.not_on_or_after.is_some()
            || c.not_before.is_some()
            || c.in_response_to.is_some()
    };
    let lenient: Vec<&crate::xml::model::SubjectConfirmation> = scs
        .iter()
        .filter(|c| {
            c.method.is_none()
                || c.method.as_deref() == Some("urn:oasis:names:tc:SAML:2.0:cm:bearer")
        })
        .filter(|c| has_data(c))
        .filter(|c| c.in_response_to.is_none() || c.in_response_to == msg.in_response_to)
        .filter(|c| now_ok(c, 0.0, false))
        .collect();
    let known_acs = !acs.is_empty();
    let acs_in = |r: &str, substring: bool| {
        !known_acs
            || acs
                .iter()
                .any(|x| is_acs(x, r) || (substring && !is_pattern(x) && r.contains(x.as_str())))
    };
    f.set(
        "sc_none_valid_substring",
        !lenient
            .iter()
            .any(|c| c.recipient.as_deref().is_none_or(|r| acs_in(r, true))),
    );
    f.set(
        "sc_none_valid_exact",
        !lenient
            .iter()
            .any(|c| c.recipient.as_deref().is_none_or(|r| acs_in(r, false))),
    );
    f.set(
        "sc_none_valid_strict",
        !bearer.iter().any(|c| {
            now_ok(c, 180.0, true)
                && c.recipient.as_deref().is_some_and(|r| acs_in(r, false))
                && msg.in_response_to.is_some()
                && c.in_response_to == msg.in_response_to
        }),
    );
    f.set(
        "scd_irt_mismatch",
        msg.in_response_to.is_some()
            && scs
                .iter()
                .any(|c| c.in_response_to.as_deref() != msg.in_response_to.as_deref()),
    );
    f.set("authn_statement_missing", a.authn_statements.is_empty());
    f.set(
        "attribute_statement_missing",
        a.attribute_statements.is_empty(),
    );
    f.set(
        "attribute_statement_empty",
        a.attribute_statements
            .iter()
            .any(|s| s.attributes.is_empty()),
    );
    if let Some(s) = a
        .authn_statements
        .iter()
        .filter_map(|s| s.session_not_on_or_after.as_deref().and_then(parse_instant))
        .map(|t| (at - t).as_seconds_f64())
        .reduce(f64::max)
    {
        f.num("session_expired_by", s);
    }
    f.0
}

/// Whether `value` is the expected ACS URL `expected` (a profile pattern or an exact URL).
fn is_acs(expected: &str, value: &str) -> bool {
    crate::checks::expect::matches(expected, value)
}

/// A URL trimmed, with scheme and host lowercased and the port dropped (how python3-saml's
/// `normalize_url` and ruby-saml's `uri_match?` compare).
fn loose_url(u: &str) -> String {
    let u = u.trim();
    let Some((scheme, rest)) = u.split_once("://") else {
        return u.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end]
        .rsplit_once(':')
        .map_or(&rest[..end], |(h, _)| h);
    format!(
        "{}://{}{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase(),
        &rest[end..]
    )
}

/// The facts being measured.
#[derive(Default)]
struct Facts(BTreeMap<&'static str, f64>);

impl Facts {
    fn set(&mut self, k: &'static str, v: bool) {
        self.0.insert(k, if v { 1.0 } else { 0.0 });
    }

    fn num(&mut self, k: &'static str, v: f64) {
        self.0.insert(k, v);
    }
}

//! The lint of one metadata document: signature under the trusted certificates, entityID,
//! validUntil, certificates (expired, not yet valid, expiring within the window), endpoints.

use crate::codes::Code;
use time::OffsetDateTime;

use super::{verdict, MetadataReport};
use crate::check::{Check, Severity};
use crate::checks::certificate::span;
use crate::checks::time::clock::{format_instant, parse_instant};
use crate::finding::{Finding, Sink};
use crate::input::Limits;
use crate::report::CertReport;
use crate::signature::{self, document::MetadataSignature};
use crate::trust::cert::CertInfo;
use crate::trust::metadata::{self, Descriptor, Metadata};

/// How a certificate's coming expiry is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// No window asked for: a warning within 30 days.
    Default,
    /// `--min-days N` / `min_days = N`: a failure within N days (an early warning for CI).
    MinDays(i64),
}

/// What the lint needs besides the document.
#[derive(Debug, Clone)]
pub struct LintOptions<'a> {
    pub now: OffsetDateTime,
    pub window: Window,
    /// Certificates the metadata must be signed with (none: the signature is not checked).
    pub trusted: &'a [CertInfo],
    pub limits: Limits,
}

/// Lints the metadata document `bytes` read from `file`.
pub fn lint(file: &str, bytes: &[u8], opts: &LintOptions) -> MetadataReport {
    let parsed = metadata::parse(bytes, &opts.limits).and_then(|md| {
        let sig = signature::document::verify(bytes, opts.trusted, &opts.limits)?;
        Ok((md, sig))
    });
    match parsed {
        Ok((md, sig)) => lint_parsed(file, md, &sig, opts),
        Err(e) => MetadataReport::input_error(file, e.to_string()),
    }
}

fn lint_parsed(
    file: &str,
    md: Metadata,
    sig: &MetadataSignature,
    opts: &LintOptions,
) -> MetadataReport {
    let mut sink = Sink::default();
    let signature = signature_state(sig, opts.trusted.is_empty(), &mut sink);
    if md.entity_id.as_deref().is_none_or(|e| e.trim().is_empty()) {
        sink.push(Finding::new(
            Code::MetadataNoEntityId,
            "the EntityDescriptor has no entityID",
        ));
    }
    if let Some(v) = &md.valid_until {
        if parse_instant(v).is_some_and(|t| t < opts.now) {
            sink.push(Finding::new(
                Code::MetadataExpired,
                format!("validUntil {v} has passed"),
            ));
        }
    }
    for e in &md.cert_errors {
        sink.push(
            Finding::new(
                Code::MetadataNoSigningKey,
                format!("a certificate could not be read: {e}"),
            )
            .severity(Severity::Warning),
        );
    }
    let mut roles = Vec::new();
    let mut certs = Vec::new();
    let mut endpoints = Vec::new();
    for (d, role) in [(&md.idp, "idp"), (&md.sp, "sp")] {
        let Some(d) = d else { continue };
        roles.push(role);
        descriptor(d, role, opts, &mut sink, &mut certs, &mut endpoints);
    }
    if roles.is_empty() {
        sink.push(Finding::new(
            Code::MetadataNoEndpoint,
            "neither an IDPSSODescriptor nor an SPSSODescriptor",
        ));
    }
    let findings = sink.into_sorted();
    MetadataReport {
        schema: 1,
        file: file.to_string(),
        verdict: verdict(&findings),
        entity_id: md.entity_id,
        signature,
        roles,
        signing_certs: certs,
        endpoints,
        findings,
        error: None,
    }
}

fn signature_state(sig: &MetadataSignature, untrusted: bool, sink: &mut Sink) -> &'static str {
    match (sig, untrusted) {
        (MetadataSignature::Unsigned, true) => "unsigned",
        (MetadataSignature::Unsigned, false) => {
            sink.push(Finding::new(
                Code::MetadataUnsigned,
                "--cert was given but the metadata carries no signature on its root",
            ));
            "unsigned"
        }
        (_, true) => "not_checked",
        (MetadataSignature::Valid(_), false) => {
            sink.judged(Check::Signature);
            "valid"
        }
        (MetadataSignature::Invalid(why), false) => {
            sink.push(Finding::new(
                Code::MetadataSignatureInvalid,
                format!("the metadata signature does not verify under --cert: {why}"),
            ));
            "invalid"
        }
    }
}

fn descriptor(
    d: &Descriptor,
    role: &'static str,
    opts: &LintOptions,
    sink: &mut Sink,
    certs: &mut Vec<std::sync::Arc<CertReport>>,
    endpoints: &mut Vec<String>,
) {
    let (element, endpoint) = if role == "idp" {
        ("IDPSSODescriptor", "SingleSignOnService")
    } else {
        ("SPSSODescriptor", "AssertionConsumerService")
    };
    if role == "idp" && d.signing_certs.is_empty() {
        sink.push(
            Finding::new(
                Code::MetadataNoSigningKey,
                "the IDPSSODescriptor has no signing certificate",
            )
            .at(d.line, format!("/EntityDescriptor/{element}")),
        );
    }
    let encryption_only = d
        .encryption_certs
        .iter()
        .filter(|c| !d.signing_certs.contains(c));
    for c in d.signing_certs.iter().chain(encryption_only) {
        certificate(c, role, opts, sink);
        certs.push(CertReport::of(c));
    }
    if d.endpoints.is_empty() {
        sink.push(
            Finding::new(Code::MetadataNoEndpoint, format!("no {endpoint} endpoint"))
                .at(d.line, format!("/EntityDescriptor/{element}")),
        );
    }
    for e in &d.endpoints {
        if e.location.starts_with("http://") {
            sink.push(
                Finding::new(
                    Code::MetadataInsecureEndpoint,
                    format!("{endpoint} {} uses plain http", e.location),
                )
                .at(e.line, endpoint.to_string()),
            );
        }
        let binding = e
            .binding
            .as_deref()
            .map(|b| b.rsplit(':').next().unwrap_or(b))
            .unwrap_or("no binding");
        endpoints.push(format!("{endpoint} ({binding}) {}", e.location));
    }
}

/// A certificate judged at `now`: expired and not yet valid fail; one expiring within the window
/// warns, or fails when the window was asked for (`--min-days`).
fn certificate(c: &CertInfo, role: &str, opts: &LintOptions, sink: &mut Sink) {
    let what = format!(
        "{} certificate {} (SHA-256 {})",
        role.to_uppercase(),
        c.subject,
        c.fingerprint_display()
    );
    let until = format_instant(c.not_after);
    let now = opts.now;
    if c.not_after <= now {
        sink.push(Finding::new(
            Code::CertificateExpired,
            format!("{what} expired on {until}, {} ago", span(now - c.not_after)),
        ));
        return;
    }
    if c.not_before > now {
        sink.push(Finding::new(
            Code::CertificateNotYetValid,
            format!(
                "{what} is valid only from {}, in {}",
                format_instant(c.not_before),
                span(c.not_before - now)
            ),
        ));
        return;
    }
    let (days, severity, why) = match opts.window {
        Window::Default => (30, Severity::Warning, "within 30 days".to_string()),
        Window::MinDays(n) => (n, Severity::Error, format!("within --min-days {n}")),
    };
    if c.not_after - now < time::Duration::days(days) {
        sink.push(
            Finding::new(
                Code::CertificateExpiring,
                format!(
                    "{what} expires on {until}, in {} ({why})",
                    span(c.not_after - now)
                ),
            )
            .severity(severity),
        );
    } else {
        sink.judged(Check::Certificate);
    }
}

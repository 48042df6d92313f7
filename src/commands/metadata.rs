//! `samlcheck metadata FILE…`: lint IdP/SP metadata for CI (certificates, endpoints, entityID,
//! validUntil), with the same coded findings and exit codes as `verify`.

use serde::Serialize;

use super::{options, Output};
use crate::checks::time::parse_instant;
use crate::checks::{Finding, Severity, Sink};
use crate::cli::{Format, MetadataArgs};
use crate::error::Error;
use crate::input::Limits;
use crate::report::CertReport;
use crate::signature::{self, metadata::MetadataSignature};
use crate::trust::cert::CertInfo;
use crate::trust::metadata::{self, Descriptor};

#[derive(Debug, Serialize)]
struct MetadataReport {
    schema: u32,
    file: String,
    verdict: &'static str,
    entity_id: Option<String>,
    /// `unsigned`, `valid`, `invalid`, or `not_checked` (signed, no --cert given).
    signature: &'static str,
    roles: Vec<&'static str>,
    signing_certs: Vec<CertReport>,
    endpoints: Vec<String>,
    findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn run(args: &MetadataArgs) -> Result<Output, Error> {
    let now = options::now(args.now.as_deref())?;
    let trusted: Vec<CertInfo> = options::certs(&args.cert)?
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let mut reports = Vec::new();
    for path in &args.files {
        let file = path.display().to_string();
        let limits = Limits::default();
        let parsed = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                let md = metadata::parse(&b, &limits).map_err(|e| e.to_string())?;
                let sig = signature::metadata::verify(&b, &trusted, &limits)
                    .map_err(|e| e.to_string())?;
                Ok((md, sig))
            });
        let (md, sig) = match parsed {
            Ok(m) => m,
            Err(e) => {
                reports.push(MetadataReport {
                    schema: 1,
                    file,
                    verdict: "input_error",
                    entity_id: None,
                    signature: "not_checked",
                    roles: vec![],
                    signing_certs: vec![],
                    endpoints: vec![],
                    findings: vec![],
                    error: Some(e),
                });
                continue;
            }
        };
        let mut sink = Sink::default();
        let signature = match (&sig, trusted.is_empty()) {
            (MetadataSignature::Unsigned, true) => "unsigned",
            (MetadataSignature::Unsigned, false) => {
                sink.push(Finding::new(
                    "metadata-unsigned",
                    "--cert was given but the metadata carries no signature on its root",
                ));
                "unsigned"
            }
            (_, true) => "not_checked",
            (MetadataSignature::Valid(_), false) => {
                sink.judged(crate::checks::Check::Signature);
                "valid"
            }
            (MetadataSignature::Invalid(why), false) => {
                sink.push(Finding::new(
                    "metadata-signature-invalid",
                    format!("the metadata signature does not verify under --cert: {why}"),
                ));
                "invalid"
            }
        };
        if md.entity_id.as_deref().is_none_or(|e| e.trim().is_empty()) {
            sink.push(Finding::new(
                "metadata-no-entity-id",
                "the EntityDescriptor has no entityID",
            ));
        }
        if let Some(v) = &md.valid_until {
            if parse_instant(v).is_some_and(|t| t < now) {
                sink.push(Finding::new(
                    "metadata-expired",
                    format!("validUntil {v} has passed"),
                ));
            }
        }
        for e in &md.cert_errors {
            sink.push(
                Finding::new(
                    "metadata-no-signing-key",
                    format!("a certificate could not be read: {e}"),
                )
                .severity(Severity::Warning),
            );
        }
        let mut roles = Vec::new();
        let mut certs = Vec::new();
        let mut endpoints = Vec::new();
        let mut lint = |d: &Descriptor, role: &'static str, endpoint: &str, sink: &mut Sink| {
            roles.push(role);
            if role == "idp" && d.signing_certs.is_empty() {
                sink.push(
                    Finding::new(
                        "metadata-no-signing-key",
                        "the IDPSSODescriptor has no signing certificate",
                    )
                    .at(d.line, "/EntityDescriptor/IDPSSODescriptor"),
                );
            }
            for c in d.signing_certs.iter().chain(
                d.encryption_certs
                    .iter()
                    .filter(|c| !d.signing_certs.contains(c)),
            ) {
                let days = c.days_left(now);
                let what = format!(
                    "{} certificate {} (SHA-256 {})",
                    role.to_uppercase(),
                    c.subject,
                    c.fingerprint_display()
                );
                if days < 0 {
                    sink.push(Finding::new(
                        "certificate-expired",
                        format!(
                            "{what} expired {} day(s) ago ({})",
                            -days,
                            crate::checks::time::format_instant(c.not_after)
                        ),
                    ));
                } else if days < args.min_days {
                    sink.push(Finding::new(
                        "certificate-expiring",
                        format!(
                            "{what} expires in {days} day(s), within --min-days {}",
                            args.min_days
                        ),
                    ));
                } else {
                    sink.judged(crate::checks::Check::Certificate);
                }
                certs.push(CertReport::from(c));
            }
            if d.endpoints.is_empty() {
                sink.push(
                    Finding::new("metadata-no-endpoint", format!("no {endpoint} endpoint")).at(
                        d.line,
                        format!(
                            "/EntityDescriptor/{}",
                            if role == "idp" {
                                "IDPSSODescriptor"
                            } else {
                                "SPSSODescriptor"
                            }
                        ),
                    ),
                );
            }
            for e in &d.endpoints {
                if e.location.starts_with("http://") {
                    sink.push(
                        Finding::new(
                            "metadata-insecure-endpoint",
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
        };
        if let Some(d) = &md.idp {
            lint(d, "idp", "SingleSignOnService", &mut sink);
        }
        if let Some(d) = &md.sp {
            lint(d, "sp", "AssertionConsumerService", &mut sink);
        }
        if roles.is_empty() {
            sink.push(Finding::new(
                "metadata-no-endpoint",
                "neither an IDPSSODescriptor nor an SPSSODescriptor",
            ));
        }
        let failed = sink
            .findings()
            .iter()
            .any(|f| f.severity == Severity::Error);
        reports.push(MetadataReport {
            schema: 1,
            file,
            verdict: if failed { "fail" } else { "pass" },
            entity_id: md.entity_id,
            signature,
            roles,
            signing_certs: certs,
            endpoints,
            findings: sink.into_sorted(),
            error: None,
        });
    }
    let code = if reports.iter().any(|r| r.verdict == "input_error") {
        2
    } else if reports.iter().any(|r| r.verdict == "fail") {
        1
    } else {
        0
    };
    let mut out = Output {
        code,
        ..Default::default()
    };
    for r in &reports {
        if let Some(e) = &r.error {
            out.stderr.push(format!("error: {}: {e}", r.file));
        }
    }
    match args.format {
        Format::Json => {
            out.plain = true;
            out.stdout = match reports.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                many => serde_json::to_string_pretty(many),
            }
            .unwrap_or_default()
                + "\n";
        }
        Format::Human => {
            for r in reports.iter().filter(|r| r.error.is_none()) {
                let mark = if r.verdict == "pass" {
                    "✔ PASS"
                } else {
                    "✗ FAIL"
                };
                out.stdout.push_str(&format!(
                    "{mark} {} · {} · {} · signature {}\n",
                    r.file,
                    r.roles.join("+"),
                    r.entity_id.as_deref().unwrap_or("(no entityID)"),
                    r.signature.replace('_', " ")
                ));
                for c in &r.signing_certs {
                    out.stdout.push_str(&format!(
                        "  cert     {} · until {} · SHA-256 {}\n",
                        c.subject, c.not_after, c.sha256
                    ));
                }
                for e in &r.endpoints {
                    out.stdout.push_str(&format!("  endpoint {e}\n"));
                }
                for f in &r.findings {
                    let sev = serde_json::to_value(f.severity)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    out.stdout
                        .push_str(&format!("  {sev:<7} {} {}\n", f.code, f.message));
                }
            }
        }
    }
    Ok(out)
}

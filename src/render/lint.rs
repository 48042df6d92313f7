//! Renders metadata lint and pairing reports as text and JSON.

use super::terminal::visible;
use crate::finding::Finding;
use crate::lint::{MetadataReport, PairReport};

/// JSON: one lint report as an object, several as an array; with a pairing,
/// `{"metadata": [...], "pair": {...}}`.
pub fn json(reports: &[MetadataReport], pairing: Option<&PairReport>) -> String {
    let v = match (reports, pairing) {
        (_, Some(p)) => serde_json::json!({ "metadata": reports, "pair": p }),
        ([one], None) => serde_json::to_value(one).unwrap_or_default(),
        (many, None) => serde_json::to_value(many).unwrap_or_default(),
    };
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// One JSON line per lint report, then one for the pairing.
pub fn ndjson(reports: &[MetadataReport], pairing: Option<&PairReport>) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
        out.push('\n');
    }
    if let Some(p) = pairing {
        out.push_str(&serde_json::to_string(p).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Text: a headline per file, its certificates, endpoints and findings; then the pairing.
pub fn human(reports: &[MetadataReport], pairing: Option<&PairReport>) -> String {
    let mut out = String::new();
    for r in reports.iter().filter(|r| r.error.is_none()) {
        out.push_str(&format!(
            "{} {} · {} · {} · signature {}\n",
            mark(r.verdict),
            visible(&r.file),
            r.roles.join("+"),
            visible(r.entity_id.as_deref().unwrap_or("(no entityID)")),
            r.signature.replace('_', " ")
        ));
        for c in &r.signing_certs {
            out.push_str(&format!(
                "  cert     {} · until {} · SHA-256 {}\n",
                visible(&c.subject),
                c.not_after,
                c.sha256
            ));
        }
        for e in &r.endpoints {
            out.push_str(&format!("  endpoint {}\n", visible(&e.to_string())));
        }
        findings(&mut out, &r.findings);
    }
    if let Some(p) = pairing {
        out.push_str(&format!(
            "{} pairing {} ↔ {} · {} ↔ {}\n",
            mark(p.verdict),
            visible(&p.idp_file),
            visible(&p.sp_file),
            visible(p.idp_entity_id.as_deref().unwrap_or("(no entityID)")),
            visible(p.sp_entity_id.as_deref().unwrap_or("(no entityID)"))
        ));
        findings(&mut out, &p.findings);
    }
    out
}

fn mark(verdict: crate::report::Verdict) -> &'static str {
    if verdict == crate::report::Verdict::Pass {
        "✔ PASS"
    } else {
        "✗ FAIL"
    }
}

fn findings(out: &mut String, findings: &[Finding]) {
    for f in findings {
        let sev = f.severity.as_str();
        out.push_str(&format!("  {sev:<7} {} {}\n", f.code, visible(&f.message)));
        if let Some(h) = &f.hint {
            out.push_str(&format!("          fix: {}\n", visible(h)));
        }
    }
}

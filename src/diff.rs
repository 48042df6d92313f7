//! `samlcheck diff A B`: two reports compared field by field — what an SP checks (issuer,
//! status, destination/recipient/audience, NameID shape and format, every attribute's name,
//! NameFormat, value count and shape, signing certificate and what is signed with which
//! algorithms, validity windows, InResponseTo, the IdP recognised). Differences that explain a
//! failure of either side come first ("B's email attribute is an unresolved placeholder; A's is
//! an email").

use std::collections::BTreeSet;

use serde::Serialize;

use crate::check::{Check, Severity};
use crate::checks::email::resolution::{is_email, is_placeholder};
use crate::report::{Report, Verdict};

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// A dotted name: `issuer`, `attribute[email].values`, `signature[1].result`, …
    pub field: String,
    /// The check the field belongs to.
    pub check: Check,
    pub a: String,
    pub b: String,
    /// The difference belongs to a check that fails on one side and not the other.
    pub explains_failure: bool,
}

/// The comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub a: String,
    pub b: String,
    pub a_verdict: Verdict,
    pub b_verdict: Verdict,
    /// Explaining differences first, then in report order.
    pub differences: Vec<Difference>,
}

/// What a value looks like, without showing it.
pub fn shape(v: &str) -> &'static str {
    let t = crate::xml::text::trim_xml(v);
    if t.is_empty() {
        "empty"
    } else if is_placeholder(t) {
        "placeholder"
    } else if is_email(t) {
        "email"
    } else if is_guid(t) {
        "GUID"
    } else if t.chars().all(|c| c.is_ascii_digit()) {
        "number"
    } else if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("urn:") {
        "URI"
    } else {
        "text"
    }
}

fn is_guid(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A value and its shape: `"alice@example.com" (email)`.
fn shown(v: Option<&str>) -> String {
    match v {
        None => "(absent)".into(),
        Some(v) => format!("{v:?} ({})", shape(v)),
    }
}

fn failing(r: &Report, c: Check) -> bool {
    r.findings
        .iter()
        .any(|f| f.check == c && f.severity == Severity::Error)
}

/// Compares A with B.
pub fn compare(a: &Report, b: &Report) -> Diff {
    let mut p = Differ {
        a,
        b,
        out: Vec::new(),
    };
    envelope(&mut p);
    subject(&mut p);
    attributes(&mut p);
    signatures(&mut p);
    findings(&mut p);
    let mut out = p.out;
    // Explaining differences first; the sort is stable, so report order stays within each group.
    out.sort_by_key(|d| !d.explains_failure);
    Diff {
        a: a.origin.clone(),
        b: b.origin.clone(),
        a_verdict: a.verdict,
        b_verdict: b.verdict,
        differences: out,
    }
}

/// The two reports and the differences found so far.
struct Differ<'r> {
    a: &'r Report,
    b: &'r Report,
    out: Vec<Difference>,
}

impl Differ<'_> {
    /// Records `field` when A's and B's values differ.
    fn push(&mut self, field: String, check: Check, va: String, vb: String) {
        if va != vb {
            self.out.push(Difference {
                explains_failure: failing(self.a, check) != failing(self.b, check),
                field,
                check,
                a: va,
                b: vb,
            });
        }
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "(absent)".into())
}

/// The message around the Assertion: kind, issuer, status, where it went, audience, window.
fn envelope(p: &mut Differ) {
    let (a, b) = (p.a, p.b);
    p.push(
        "message".into(),
        Check::Input,
        a.message.map_or("?", |m| m.as_str()).into(),
        b.message.map_or("?", |m| m.as_str()).into(),
    );
    p.push(
        "issuer".into(),
        Check::Issuer,
        opt(&a.issuer),
        opt(&b.issuer),
    );
    p.push(
        "idp".into(),
        Check::Issuer,
        a.idp.name().into(),
        b.idp.name().into(),
    );
    let status = |r: &Report| {
        r.status.as_ref().map_or("(absent)".into(), |s| {
            format!(
                "{}{}",
                s.code.as_deref().unwrap_or("(none)"),
                s.second_level
                    .as_deref()
                    .map(|l| format!(" / {l}"))
                    .unwrap_or_default()
            )
        })
    };
    p.push("status".into(), Check::Status, status(a), status(b));
    p.push(
        "destination".into(),
        Check::Destination,
        opt(&a.destination),
        opt(&b.destination),
    );
    p.push(
        "recipient".into(),
        Check::Recipient,
        a.recipients.join(", "),
        b.recipients.join(", "),
    );
    let aud = |r: &Report| {
        r.conditions
            .as_ref()
            .map_or(String::new(), |c| c.audiences.join(", "))
    };
    p.push("audience".into(), Check::Audience, aud(a), aud(b));
    let irt = |r: &Report| {
        if r.in_response_to.is_some() {
            "present (SP-initiated)"
        } else {
            "absent (IdP-initiated)"
        }
        .to_string()
    };
    p.push("in_response_to".into(), Check::InResponseTo, irt(a), irt(b));
    let window = |r: &Report| {
        r.conditions.as_ref().map_or("(no Conditions)".into(), |c| {
            match (
                c.not_before
                    .as_deref()
                    .and_then(crate::checks::time::clock::parse_instant),
                c.not_on_or_after
                    .as_deref()
                    .and_then(crate::checks::time::clock::parse_instant),
            ) {
                (Some(nb), Some(na)) => crate::checks::time::clock::span(na - nb),
                _ => "(open)".into(),
            }
        })
    };
    p.push("validity_window".into(), Check::Time, window(a), window(b));
}

/// Subject and email.
fn subject(p: &mut Differ) {
    let (a, b) = (p.a, p.b);
    // Subject.
    let nameid = |r: &Report| shown(r.subject.as_ref().and_then(|s| s.name_id.as_deref()));
    // A NameID that is an unresolved placeholder (or empty) is an email problem for the SP.
    let unresolved = |r: &Report| {
        r.subject
            .as_ref()
            .and_then(|s| s.name_id.as_deref())
            .is_some_and(|v| matches!(shape(v), "placeholder" | "empty"))
    };
    let check = if unresolved(a) || unresolved(b) {
        Check::Email
    } else {
        Check::Subject
    };
    p.push("nameid".into(), check, nameid(a), nameid(b));
    let fmt = |r: &Report| opt(&r.subject.as_ref().and_then(|s| s.format.clone()));
    p.push("nameid.format".into(), Check::Subject, fmt(a), fmt(b));
    let auth = |r: &Report| {
        r.subject
            .as_ref()
            .is_some_and(|s| s.authenticated)
            .to_string()
    };
    p.push("authenticated".into(), Check::Signature, auth(a), auth(b));
    // Email.
    let email = |r: &Report| {
        r.email.as_ref().map_or("(none)".into(), |e| {
            format!("{} from {}", shown(e.value.as_deref()), e.source.describe())
        })
    };
    p.push("email".into(), Check::Email, email(a), email(b));
}

/// Attributes by name.
fn attributes(p: &mut Differ) {
    let (a, b) = (p.a, p.b);
    // Attributes by name.
    let names: BTreeSet<&str> = a
        .attributes
        .iter()
        .chain(&b.attributes)
        .map(|x| x.name.as_str())
        .collect();
    for n in names {
        let get = |r: &Report| -> Vec<String> {
            r.attributes
                .iter()
                .filter(|x| x.name == n)
                .flat_map(|x| x.values.iter().cloned())
                .collect()
        };
        let present = |r: &Report| r.attributes.iter().any(|x| x.name == n);
        let (va, vb) = (get(a), get(b));
        let check = if n.to_ascii_lowercase().contains("email")
            || n.to_ascii_lowercase().ends_with("mail")
        {
            Check::Email
        } else {
            Check::Attributes
        };
        if present(a) != present(b) {
            let held = |r: &Report| {
                if present(r) {
                    format!("present ({} value(s))", get(r).len())
                } else {
                    "absent".into()
                }
            };
            p.push(format!("attribute[{n}]"), check, held(a), held(b));
            continue;
        }
        let nf = |r: &Report| {
            opt(&r
                .attributes
                .iter()
                .find(|x| x.name == n)
                .and_then(|x| x.name_format.clone()))
        };
        p.push(format!("attribute[{n}].name_format"), check, nf(a), nf(b));
        let shapes = |v: &Vec<String>| {
            let s: Vec<&str> = v.iter().map(|x| shape(x)).collect();
            format!("{} value(s): {}", v.len(), s.join(", "))
        };
        p.push(
            format!("attribute[{n}].values"),
            check,
            shapes(&va),
            shapes(&vb),
        );
    }
}

/// Signatures, pairwise.
fn signatures(p: &mut Differ) {
    let (a, b) = (p.a, p.b);
    // Signatures.
    let count = |r: &Report| r.signatures.len().to_string();
    p.push("signatures".into(), Check::Signature, count(a), count(b));
    for i in 0..a.signatures.len().min(b.signatures.len()) {
        let (sa, sb) = (&a.signatures[i], &b.signatures[i]);
        let f = |k: &str| format!("signature[{}].{k}", i + 1);
        p.push(
            f("covers"),
            Check::Signature,
            sa.location.clone(),
            sb.location.clone(),
        );
        let res = |s: &crate::report::SignatureReport| s.result.label().replace(' ', "_");
        p.push(f("result"), Check::Signature, res(sa), res(sb));
        p.push(
            f("algorithm"),
            Check::Algorithm,
            opt(&sa.signature_algorithm),
            opt(&sb.signature_algorithm),
        );
        p.push(
            f("digest"),
            Check::Algorithm,
            opt(&sa.digest_algorithm),
            opt(&sb.digest_algorithm),
        );
        let cert = |s: &crate::report::SignatureReport| {
            s.embedded_cert.as_ref().map_or("(none)".into(), |c| {
                format!("SHA-256 {} until {}", c.sha256, c.not_after)
            })
        };
        p.push(f("certificate"), Check::Certificate, cert(sa), cert(sb));
    }
}

/// Findings only one side has.
fn findings(p: &mut Differ) {
    let (a, b) = (p.a, p.b);
    // Findings only one side has.
    let codes = |r: &Report| r.findings.iter().map(|f| f.code).collect::<BTreeSet<_>>();
    let (ca, cb) = (codes(a), codes(b));
    for code in ca.symmetric_difference(&cb) {
        let check = code.doc().check;
        let has = |s: &BTreeSet<crate::codes::Code>| {
            if s.contains(code) { "yes" } else { "no" }.to_string()
        };
        p.push(format!("finding[{code}]"), check, has(&ca), has(&cb));
    }
}

impl Diff {
    /// Differences in what an SP checks (findings-only differences included).
    pub fn differs(&self) -> bool {
        !self.differences.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("alice@example.com"), "email");
        assert_eq!(shape("${user:email}"), "placeholder");
        assert_eq!(shape(""), "empty");
        assert_eq!(shape("0c2a6f4e-5b1d-4a8e-9f3c-2d7e1b6a4c90"), "GUID");
        assert_eq!(shape("Alice"), "text");
    }
}

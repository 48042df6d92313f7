//! The human renderer: verdict and most likely root cause first, then the message section by
//! section, then every finding with its hint. Colour is ANSI; the caller strips it when needed.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::{Report, SigResult, Tone};
use crate::checks::email::Holds;
use crate::checks::{Severity, State};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const CYAN: Style = AnsiColor::Cyan.on_default();

/// `text` in `style`; the text is made terminal-safe first (it may come from the message).
fn paint(style: Style, text: impl std::fmt::Display) -> String {
    let text = text.to_string();
    format!("{}{}{}", style.render(), v(&text), style.render_reset())
}

/// Text from the message, a certificate or a file name, made safe for a terminal.
fn v(s: &str) -> String {
    super::terminal::visible(s).into_owned()
}

/// Whether the report is for `verify` (verdict counts) or `inspect` (information only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Inspect,
    Verify,
}

/// Renders every report, separated by a blank line. The messages of one capture (a HAR or
/// SAML-tracer export) are preceded by the sign-ins they record, one line a hop.
pub fn render(reports: &[Report], mode: Mode) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < reports.len() {
        let origin = &reports[i].origin;
        let n = reports[i..]
            .iter()
            .take_while(|r| &r.origin == origin && !r.flows.is_empty())
            .count();
        if n > 0 {
            out.push(flows(&reports[i]));
        }
        for r in reports[i..i + n.max(1)].iter() {
            out.push(render_one(r, mode));
        }
        i += n.max(1);
    }
    out.join("\n")
}

/// The sign-ins a capture records: one line per hop (time, who, request, message, the answer),
/// the hop it broke at marked, and how each ended.
fn flows(r: &Report) -> String {
    let mut o = String::new();
    let origin = v(&r.origin);
    let total = r.flows.len();
    for f in &r.flows {
        let n = if total > 1 {
            format!(" {} of {total}", f.index)
        } else {
            String::new()
        };
        let style = match f.verdict {
            super::flow::FlowVerdict::Pass => GREEN,
            super::flow::FlowVerdict::Fail => RED,
            super::flow::FlowVerdict::Incomplete => YELLOW,
        };
        let _ = writeln!(
            o,
            "{} {origin} — {}",
            paint(BOLD, format!("Sign-in{n}")),
            paint(style, v(&f.outcome()))
        );
        for l in f.lines() {
            let mark = if l.broken {
                paint(RED, "✗")
            } else {
                " ".into()
            };
            let what = if l.what.is_empty() {
                String::new()
            } else {
                format!("  {}", v(&l.what))
            };
            let answer = if l.answer.is_empty() {
                String::new()
            } else {
                format!(" → {}", v(&l.answer))
            };
            let _ = writeln!(
                o,
                "{mark} {:8} {:3} {:4} {}{what}{answer}",
                l.time,
                l.party,
                l.method,
                v(&l.url)
            );
        }
    }
    o
}

/// The closing line for several messages: how many passed, failed or could not be read.
pub fn summary(reports: &[Report], input_errors: usize, verify: bool) -> String {
    let bad = reports.iter().filter(|r| has_error(r)).count();
    summary_counts(reports.len(), bad, input_errors, verify)
}

/// Whether a report carries an error finding (what the summary counts as failing).
pub fn has_error(r: &Report) -> bool {
    r.findings.iter().any(|f| f.severity == Severity::Error)
}

/// [`summary`] from counts, for a batch rendered as it streams: `readable` reports, `bad` of
/// them with an error finding, `input_errors` unreadable.
pub fn summary_counts(readable: usize, bad: usize, input_errors: usize, verify: bool) -> String {
    let good = readable - bad;
    let (ok, ko) = if verify {
        ("pass", "fail")
    } else {
        ("without errors", "with errors")
    };
    let mut line = format!(
        "\n{} messages: {good} {ok}, {bad} {ko}",
        readable + input_errors
    );
    if input_errors > 0 {
        line.push_str(&format!(", {input_errors} unreadable (see stderr)"));
    }
    line.push('\n');
    line
}

fn label(out: &mut String, name: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "{} {value}", paint(BOLD, format!("{name:<12}")));
}

fn render_one(r: &Report, mode: Mode) -> String {
    let mut out = String::new();
    if let Some(err) = &r.error {
        let _ = writeln!(
            out,
            "{} {}: {}",
            paint(RED, "✗ INPUT ERROR"),
            v(&r.origin),
            v(&err.message)
        );
        return out;
    }
    let (errors, warnings) = r.counts();
    let kind = r.kind();
    let from = r
        .issuer
        .as_deref()
        .map(|i| format!(" from {}", v(i)))
        .unwrap_or_default();
    let idp = match (&r.idp, &r.idp_basis) {
        (crate::idp::Idp::Unknown, _) => String::new(),
        (i, Some(b @ crate::idp::Basis::Placeholder(_))) => {
            format!(" (probably {}, {})", i.name(), v(&b.describe()))
        }
        (i, _) => format!(" ({})", i.name()),
    };
    let (words, tone) = r.headline(mode == Mode::Verify);
    let head = paint(
        match tone {
            Tone::Good => GREEN,
            Tone::Caution => YELLOW,
            Tone::Bad => RED,
        },
        words,
    );
    // Say what the headline covers: an OK without a checked signature is not an authenticated OK.
    let checked = r
        .signatures
        .iter()
        .any(|s| s.result != crate::report::SigResult::NotChecked);
    let scope = match (mode, checked) {
        (Mode::Inspect, false) if r.trusted_keys.is_empty() => {
            " — signature not checked (no trusted key given)"
        }
        (Mode::Inspect, false) => " — signature not checked",
        _ => "",
    };
    let _ = writeln!(
        out,
        "{head} {}{from}{idp} — {errors} error(s), {warnings} warning(s){scope}",
        paint(BOLD, kind)
    );
    if let Some(top) = r
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .or_else(|| r.findings.iter().find(|f| f.severity == Severity::Warning))
    {
        let _ = writeln!(
            out,
            "  {} {} — {}",
            paint(BOLD, "most likely cause:"),
            paint(YELLOW, top.code),
            v(&top.message)
        );
        if let Some(h) = &top.hint {
            let _ = writeln!(out, "  {} {}", paint(BOLD, "fix:"), v(h));
        }
    }
    out.push('\n');

    let mut input = v(&r.origin);
    if let Some(c) = &r.context {
        input.push_str(&format!(" · {}", v(c)));
    }
    label(&mut out, "Input", input);
    let steps: Vec<&str> = r.decoding.iter().map(|s| s.as_str()).collect();
    label(
        &mut out,
        "Decoded",
        if steps.is_empty() {
            "raw XML".to_string()
        } else {
            steps.join(" → ")
        },
    );
    if let Some(p) = &r.parameter {
        label(&mut out, "Parameter", v(p));
    }
    if let Some(rs) = &r.relay_state {
        label(&mut out, "RelayState", v(rs));
    }
    if let Some(i) = &r.issuer {
        label(&mut out, "Issuer", v(i));
    }
    if let Some(s) = &r.status {
        let code = s.code.as_deref().unwrap_or("(none)");
        let short = code.rsplit(':').next().unwrap_or(code);
        let mut text = if short == "Success" {
            paint(GREEN, short)
        } else {
            paint(RED, short)
        };
        if let Some(sl) = &s.second_level {
            text.push_str(&format!(" / {}", v(sl.rsplit(':').next().unwrap_or(sl))));
        }
        if let Some(m) = &s.message {
            text.push_str(&format!(" — {}", v(crate::xml::text::trim_xml(m))));
        }
        label(&mut out, "Status", text);
    }
    if let Some(d) = &r.destination {
        label(&mut out, "Destination", v(d));
    }
    for rcp in &r.recipients {
        label(&mut out, "Recipient", v(rcp));
    }
    if let Some(irt) = &r.in_response_to {
        label(&mut out, "InResponseTo", v(irt));
    } else if r.message == Some("response") {
        label(
            &mut out,
            "InResponseTo",
            paint(DIM, "(none: IdP-initiated)"),
        );
    }
    if let Some(req) = &r.request {
        if let Some(acs) = &req.acs_url {
            label(&mut out, "ACS URL", v(acs));
        }
        if let Some(f) = &req.name_id_policy_format {
            label(&mut out, "NameIDPolicy", v(f));
        }
        if let Some(n) = &req.name_id {
            label(&mut out, "NameID", v(n));
        }
        if let Some(si) = &req.session_index {
            label(&mut out, "SessionIndex", v(si));
        }
    }
    if let Some(c) = &r.conditions {
        if !c.audiences.is_empty() {
            label(&mut out, "Audience", v(&c.audiences.join(", ")));
        }
    }
    if let Some(s) = &r.subject {
        let name = s
            .name_id
            .as_deref()
            .map(|n| v(&format!("{n:?}")))
            .unwrap_or_else(|| "(no NameID)".into());
        let fmt = s
            .format
            .as_deref()
            .map(|f| format!(" ({})", v(f.rsplit(':').next().unwrap_or(f))))
            .unwrap_or_default();
        let auth = if s.authenticated {
            paint(GREEN, "authenticated")
        } else {
            paint(YELLOW, "not authenticated")
        };
        label(&mut out, "Subject", format!("{name}{fmt} · {auth}"));
    }
    if r.assertion_decrypted {
        label(
            &mut out,
            "Decrypted",
            "EncryptedAssertion decrypted with --sp-key",
        );
    }

    if !r.timeline.is_empty() {
        let at = r.judged_at.as_deref().unwrap_or("?");
        label(
            &mut out,
            "Time",
            format!("judged at {at}{}", r.time_basis_words()),
        );
        for m in &r.timeline {
            let rel = if m.offset_seconds == 0 {
                "now".to_string()
            } else {
                let d = crate::checks::time::span(time::Duration::seconds(m.offset_seconds));
                if m.offset_seconds < 0 {
                    format!("{d} ago")
                } else {
                    format!("in {d}")
                }
            };
            let _ = writeln!(
                out,
                "{:13}{:<38} {}  {}",
                "",
                m.label,
                v(&m.at),
                paint(DIM, rel)
            );
        }
    }

    if let Some(e) = &r.email {
        let value = match &e.value {
            Some(val) => format!("{} from {}", paint(GREEN, val), v(&e.source.describe())),
            None => paint(RED, "none found"),
        };
        let auth = if e.value.is_some() && !e.authenticated {
            paint(DIM, " (not authenticated)")
        } else {
            String::new()
        };
        label(&mut out, "Email", format!("{value}{auth}"));
        for (i, c) in e.candidates.iter().enumerate() {
            let shown = c
                .value
                .as_deref()
                .map(|val| v(&format!("{val:?}")))
                .unwrap_or_else(|| "absent".into());
            let mark = match c.verdict {
                Holds::Email if e.source == c.source => paint(GREEN, "← used"),
                Holds::Email => paint(DIM, "email"),
                Holds::Absent => String::new(),
                other => paint(YELLOW, other.describe()),
            };
            let _ = writeln!(
                out,
                "{:13}{}. {:<28} {shown}{}{mark}",
                "",
                i + 1,
                v(&c.source.describe_short()),
                if mark.is_empty() { "" } else { " " }
            );
        }
        for m in &e.elsewhere {
            let held = match m.holds {
                Holds::Email => paint(GREEN, format!("{:?}", m.value)),
                other => paint(YELLOW, other.describe()),
            };
            let _ = writeln!(
                out,
                "{:13}probably in attribute {} {held} (--email-from {:?})",
                "",
                v(&m.label()),
                m.flag_name()
            );
        }
    }

    if !r.attributes.is_empty() {
        label(&mut out, "Attributes", format!("{}", r.attributes.len()));
        for a in &r.attributes {
            let vals = if a.values.is_empty() {
                paint(YELLOW, "(no value)")
            } else {
                a.values
                    .iter()
                    .map(|val| v(&format!("{val:?}")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let friendly = a
                .friendly_name
                .as_deref()
                .map(|f| format!(" ({})", v(f)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{:13}{}{} = {vals}",
                "",
                paint(CYAN, &a.name),
                friendly
            );
        }
    }

    if !r.trusted_keys.is_empty() {
        label(
            &mut out,
            "Trusted",
            format!("{} certificate(s)", r.trusted_keys.len()),
        );
        for k in &r.trusted_keys {
            let _ = writeln!(
                out,
                "{:13}{} · {} · until {} · SHA-256 {} · thumbprint {}",
                "",
                v(&k.source),
                v(&k.cert.subject),
                k.cert.not_after,
                short_fp(&k.cert.sha256),
                k.cert.sha1
            );
        }
    }
    if r.signatures.is_empty() && r.message.is_some() {
        label(&mut out, "Signatures", paint(YELLOW, "none"));
    }
    for (i, s) in r.signatures.iter().enumerate() {
        let result = match s.result {
            SigResult::Valid => paint(GREEN, "valid"),
            SigResult::NotChecked => paint(DIM, "not checked (no trusted certificate given)"),
            other => paint(RED, other.label()),
        };
        let alg = |a: &Option<String>| {
            a.as_deref()
                .map(|a| a.rsplit(['#', '/']).next().unwrap_or(a).to_string())
                .unwrap_or_else(|| "?".into())
        };
        label(
            &mut out,
            if i == 0 { "Signatures" } else { "" },
            if s.line == 0 {
                format!(
                    "#{} {} · {} · {result}",
                    i + 1,
                    v(&s.location),
                    v(&alg(&s.signature_algorithm))
                )
            } else {
                format!(
                    "#{} on {} (line {}) → {} · {} / {} · {result}",
                    i + 1,
                    v(&s.location),
                    s.line,
                    v(s.reference.as_deref().unwrap_or("(no URI)")),
                    v(&alg(&s.signature_algorithm)),
                    v(&alg(&s.digest_algorithm))
                )
            },
        );
        if let Some(k) = &s.key {
            let _ = writeln!(
                out,
                "{:13}   key: {} from {} · SHA-256 {}",
                "",
                v(&k.subject),
                v(&k.source),
                short_fp(&k.sha256)
            );
        }
        if let Some(c) = &s.embedded_cert {
            let verdict = match s.valid_under_embedded_cert {
                Some(true) => " · signature valid under it",
                Some(false) => " · signature not valid under it",
                None => "",
            };
            let _ = writeln!(
                out,
                "{:13}   embedded cert: {} · until {} · SHA-256 {} · thumbprint {}{verdict}",
                "",
                v(&c.subject),
                c.not_after,
                short_fp(&c.sha256),
                c.sha1
            );
        }
        if let Some(d) = &s.detail {
            let _ = writeln!(out, "{:13}   {}", "", paint(DIM, d));
        }
    }

    let states: Vec<String> = r
        .checks
        .0
        .iter()
        .filter(|(_, s)| *s != State::Skip)
        .map(|(c, s)| {
            let st = match s {
                State::Pass => paint(GREEN, "pass"),
                State::Fail => paint(RED, "fail"),
                State::Warn => paint(YELLOW, "warn"),
                State::Skip => "skip".into(),
            };
            format!("{} {st}", c.as_str())
        })
        .collect();
    label(&mut out, "Checks", states.join(" · "));

    if !r.findings.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "{}", paint(BOLD, "Findings (most severe first)"));
        // A fix shared by several findings is printed once, under the first of them.
        let mut fixes_shown: Vec<&str> = Vec::new();
        for f in &r.findings {
            let sev = match f.severity {
                Severity::Error => paint(RED, "error  "),
                Severity::Warning => paint(YELLOW, "warning"),
                Severity::Info => paint(CYAN, "info   "),
            };
            let _ = writeln!(out, "  {sev} {} {}", paint(BOLD, f.code), v(&f.message));
            if let Some(h) = f.hint.as_deref().filter(|h| !fixes_shown.contains(h)) {
                fixes_shown.push(h);
                let _ = writeln!(out, "          {} {}", paint(BOLD, "fix:"), v(h));
            }
            if let Some(l) = &f.location {
                if l.line > 0 {
                    let _ = writeln!(
                        out,
                        "          {}",
                        paint(DIM, format!("at line {} {}", l.line, l.path))
                    );
                } else {
                    let _ = writeln!(out, "          {}", paint(DIM, format!("at {}", l.path)));
                }
            }
        }
        let _ = writeln!(
            out,
            "  {}",
            paint(DIM, "samlcheck explain CODE tells more about a code")
        );
    }
    out
}

fn short_fp(hex: &str) -> String {
    crate::trust::cert::colon_hex(hex, 8)
}

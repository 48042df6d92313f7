//! `samlcheck decode`: the XML of every message, pretty-printed or as received.

use super::{source, Output};
use crate::cli::DecodeArgs;
use std::io::IsTerminal;

use samlcheck::error::Error;
use samlcheck::render::terminal::visible;
use samlcheck::xml::{guard, pretty};

pub fn run(args: &DecodeArgs) -> Result<Output, Error> {
    let limits = source::limits(&args.input);
    let mut out = Output {
        plain: true,
        ..Default::default()
    };
    let mut pieces = Vec::new();
    let mut redactor = args.redact.redactor();
    for (origin, decoded) in source::read_all(&args.input)? {
        let captures = match decoded {
            Ok(c) => c,
            Err(e) => {
                out.stderr.push(format!("error: {e}"));
                out.code = 2;
                continue;
            }
        };
        for c in captures {
            let c = match c {
                Ok(c) => c,
                Err(e) => {
                    out.stderr.push(format!("error: {}", e.in_origin(&origin)));
                    out.code = 2;
                    continue;
                }
            };
            let body = match xml_of(c.xml.clone(), args.raw, &limits, redactor.as_mut()) {
                Ok(b) => b,
                Err(e) => {
                    out.stderr.push(format!("error: {origin}: {e}"));
                    out.code = 2;
                    continue;
                }
            };
            let label = c.context.clone().unwrap_or_else(|| c.origin.clone());
            let steps: Vec<&str> = c.steps.iter().map(|s| s.as_str()).collect();
            pieces.push((label, steps.join(" → "), body));
        }
    }
    // On a terminal, control characters from the message (an ESC in a NameID, a BEL in a HAR
    // URL) are shown escaped; piped to a file, the XML is written as it is (`--raw` keeps bytes).
    let tty = std::io::stdout().is_terminal();
    let shown = |text: &str| -> String {
        if tty {
            text.lines()
                .map(|l| visible(l).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
                + if text.ends_with('\n') { "\n" } else { "" }
        } else {
            text.to_string()
        }
    };
    if pieces.len() == 1 {
        out.stdout = shown(&pieces.remove(0).2);
    } else {
        for (label, steps, body) in pieces {
            // The label is the capture's context (a URL from the HAR): always made safe.
            out.stdout.push_str(&format!(
                "<!-- {} · decoded: {} -->\n{}",
                visible(&label.replace("--", "- -")),
                steps,
                shown(&body)
            ));
        }
    }
    Ok(out)
}

/// One message's XML as shown: checked by the guard, redacted when asked, pretty-printed unless
/// `raw`; the error says what is wrong with it.
fn xml_of(
    xml: Vec<u8>,
    raw: bool,
    limits: &samlcheck::input::Limits,
    redactor: Option<&mut samlcheck::redact::Redactor>,
) -> Result<String, String> {
    guard::scan(&xml, limits).map_err(|e| e.to_string())?;
    let xml = match redactor {
        Some(red) => red.xml(&xml).map_err(|e| e.to_string())?,
        None => xml,
    };
    if raw {
        let mut s = String::from_utf8_lossy(&xml).into_owned();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        Ok(s)
    } else {
        pretty::pretty(&xml).map_err(|e| format!("XML is not well-formed: {e}"))
    }
}

//! `samlcheck diff A B`: analyse two captures alike (the same trust and expectations) and compare
//! them with [`samlcheck::diff`]. Exit 0 when nothing an SP checks differs, 1 when something does.

use super::{options, report::analyze_input, source, Output};
use crate::cli::{DiffCommand, DiffFormat};
use samlcheck::error::Error;
use samlcheck::render::diff as render;
use samlcheck::report::Verdict;

pub fn run(cmd: &DiffCommand) -> Result<Output, Error> {
    // The formats are `DiffFormat`'s: clap refuses any other, naming these.
    let (args, format) = (&cmd.args, cmd.format);
    if args.input.message.is_some() {
        return Err(Error::usage(
            "diff picks a capture's message with FILE#N (capture.har#2), not --message",
        ));
    }
    // `FILE#N` picks the Nth message of a capture.
    let mut picks: Vec<Option<usize>> = Vec::new();
    let mut input_args = args.input.clone();
    for a in input_args.inputs.iter_mut() {
        let pick = a.rsplit_once('#').and_then(|(path, n)| {
            let n: usize = n.parse().ok()?;
            (std::path::Path::new(path).is_file() && n >= 1).then(|| (path.to_string(), n))
        });
        match pick {
            Some((path, n)) => {
                *a = path;
                picks.push(Some(n));
            }
            None => picks.push(None),
        }
    }
    let inputs = source::inputs(&input_args)?;
    if inputs.len() != 2 {
        return Err(Error::usage(format!(
            "diff compares two captures: give A and B (got {})",
            inputs.len()
        )));
    }
    let opts = options::build(args)?;
    let limits = source::limits(&args.input);
    samlcheck::analyze::prepare();
    let mut sides = Vec::new();
    for (k, i) in inputs.iter().enumerate() {
        let reports = analyze_input(i, &limits, &opts);
        sides.push(side(reports, i, picks.get(k).copied().flatten())?);
    }
    if sides[0].message != sides[1].message {
        return Err(Error::usage(format!(
            "diff compares two messages of one kind, but A ({}) is {} and B ({}) is {}: pick the messages to compare with FILE#N",
            sides[0].origin,
            article(&sides[0].kind_title()),
            sides[1].origin,
            article(&sides[1].kind_title())
        )));
    }
    let mut d = samlcheck::diff::compare(&sides[0], &sides[1]);
    if let Some(mut red) = args.redact.redactor() {
        redact(&mut red, &mut sides, &mut d);
    }
    let stdout = match format {
        DiffFormat::Json | DiffFormat::Ndjson => render::json(&d),
        DiffFormat::Markdown => render::markdown(&d),
        DiffFormat::Human => render::human(&d),
    };
    Ok(Output {
        code: u8::from(d.differs()),
        plain: format != DiffFormat::Human,
        stdout,
        ..Default::default()
    })
}

/// "an AuthnRequest", "a Response".
fn article(kind: &str) -> String {
    let vowel = kind.starts_with(['A', 'E', 'I', 'O', 'U']);
    format!("{} {kind}", if vowel { "an" } else { "a" })
}

/// The message of one side: the one picked with `FILE#N`, the only one, or the capture's last
/// Response; its origin says which when the capture holds several.
fn side(
    mut reports: Vec<samlcheck::report::Report>,
    i: &source::Input,
    pick: Option<usize>,
) -> Result<samlcheck::report::Report, Error> {
    let name = i.file().unwrap_or("input").to_string();
    let at = match pick {
        Some(n) if n <= reports.len() => n - 1,
        Some(n) => {
            return Err(Error::usage(format!(
                "{name}#{n}: the capture holds {} message(s)",
                reports.len()
            )))
        }
        // One message, or the capture's (last) Response: what an SP judges of a sign-in.
        None if reports.len() == 1 => 0,
        None => reports
            .iter()
            .rposition(|r| r.message == Some(samlcheck::xml::model::MessageKind::Response))
            .ok_or_else(|| {
                Error::usage(format!(
                    "{name}: holds {} messages and no Response; pick one with {name}#N",
                    reports.len()
                ))
            })?,
    };
    let total = reports.len();
    let responses = reports
        .iter()
        .filter(|r| r.message == Some(samlcheck::xml::model::MessageKind::Response))
        .count();
    let mut r = reports.remove(at);
    // Say which message of a capture is compared when it was not picked by hand.
    if total > 1 {
        let why = match pick {
            Some(_) => String::new(),
            None if responses > 1 => {
                format!(" (the last of {responses} Responses; {name}#N picks another)")
            }
            None => String::new(),
        };
        r.origin = format!("{}#{}{why}", r.origin, at + 1);
    }
    if r.verdict == Verdict::InputError {
        let msg = r.error.map(|e| e.message).unwrap_or_default();
        return Err(Error::Input(samlcheck::error::InputError::new(msg)));
    }
    Ok(r)
}

/// What is shown, redacted (the values were compared unredacted).
fn redact(
    red: &mut samlcheck::redact::Redactor,
    sides: &mut [samlcheck::report::Report],
    d: &mut samlcheck::diff::Diff,
) {
    // Values were compared unredacted; only what is shown is replaced.
    for r in sides.iter() {
        red.learn(r);
    }
    for r in sides.iter_mut() {
        red.report(r);
    }
    for x in &mut d.differences {
        x.a = red.text(&x.a);
        x.b = red.text(&x.b);
    }
    d.a = red.text(&d.a);
    d.b = red.text(&d.b);
}

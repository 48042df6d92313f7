//! `samlcheck diff A B`: analyse two captures alike (the same trust and expectations) and compare
//! them with [`crate::diff`]. Exit 0 when nothing an SP checks differs, 1 when something does.

use super::{options, report::analyze_input, source, Output};
use crate::cli::{Format, ReportArgs};
use crate::error::Error;
use crate::report::diff as render;
use crate::report::Verdict;

pub fn run(args: &ReportArgs) -> Result<Output, Error> {
    let inputs = source::inputs(&args.input)?;
    if inputs.len() != 2 {
        return Err(Error::usage(format!(
            "diff compares two captures: give A and B (got {})",
            inputs.len()
        )));
    }
    let opts = options::build(args)?;
    let limits = source::limits(&args.input);
    crate::analyze::prepare();
    let mut sides = Vec::new();
    for i in &inputs {
        let mut reports = analyze_input(i, &limits, &opts);
        if reports.len() != 1 {
            return Err(Error::usage(format!(
                "{}: holds {} messages; diff needs one per side (extract one with `samlcheck decode`)",
                i.file().unwrap_or("input"),
                reports.len()
            )));
        }
        let r = reports.remove(0);
        if r.verdict == Verdict::InputError {
            let msg = r.error.map(|e| e.message).unwrap_or_default();
            return Err(Error::Input(crate::error::InputError::new(msg)));
        }
        sides.push(r);
    }
    let mut d = crate::diff::compare(&sides[0], &sides[1]);
    if let Some(mut red) = args.redact.redactor() {
        // Values were compared unredacted; only what is shown is replaced.
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
    let stdout = match args.format {
        Format::Json | Format::Ndjson => render::json(&d),
        Format::Markdown => render::markdown(&d),
        _ => render::human(&d),
    };
    Ok(Output {
        code: u8::from(d.differs()),
        plain: args.format != Format::Human,
        stdout,
        ..Default::default()
    })
}

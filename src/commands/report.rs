//! `samlcheck inspect` and `samlcheck verify`: one report per message, human or JSON.

use super::{options, source, Output};
use crate::analyze::analyze;
use crate::cli::{Format, ReportArgs};
use crate::error::Error;
use crate::report::{human, json, Report, Verdict};

pub fn run(args: &ReportArgs, verify: bool) -> Result<Output, Error> {
    let mut opts = options::build(args)?;
    opts.strict = verify;
    if verify && opts.trust.is_empty() && opts.sp_trust.is_empty() {
        return Err(Error::usage(
            "verify needs a trusted key: pass --idp-metadata FILE (the IdP's SAML metadata), --cert FILE (its signing certificate, PEM or DER) or --fingerprint SHA256; `samlcheck inspect` shows the message without one",
        ));
    }
    let mut reports = Vec::new();
    let mut out = Output::default();
    for (origin, decoded) in source::read_all(&args.input)? {
        match decoded {
            Err(e) => reports.push(Report::input_error(&origin, Vec::new(), &e)),
            Ok(captures) => {
                for c in captures {
                    match c {
                        Ok(c) => reports.push(analyze(&c, &opts)),
                        Err(e) => reports.push(Report::input_error(
                            &origin,
                            Vec::new(),
                            &e.in_origin(&origin),
                        )),
                    }
                }
            }
        }
    }
    let input_error = reports.iter().any(|r| r.verdict == Verdict::InputError);
    let failed = reports.iter().any(|r| r.verdict == Verdict::Fail);
    for r in &reports {
        if let Some(e) = &r.error {
            out.stderr.push(format!("error: {}", e.message));
        }
    }
    // `inspect` reports the same verdict as `verify` would show for its findings; only its exit
    // code ignores them.
    match args.format {
        Format::Json => {
            out.stdout = json::render(&reports);
            out.plain = true;
        }
        Format::Human => {
            let total = reports.len();
            let errors = total
                - reports
                    .iter()
                    .filter(|r| r.verdict != Verdict::InputError)
                    .count();
            let good: Vec<Report> = reports
                .into_iter()
                .filter(|r| r.verdict != Verdict::InputError)
                .collect();
            out.stdout = human::render(
                &good,
                if verify {
                    human::Mode::Verify
                } else {
                    human::Mode::Inspect
                },
            );
            if total > 1 {
                out.stdout.push_str(&human::summary(&good, errors, verify));
            }
        }
    }
    out.code = if input_error {
        2
    } else if verify && failed {
        1
    } else {
        0
    };
    Ok(out)
}

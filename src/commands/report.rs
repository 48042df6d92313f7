//! `samlcheck inspect` and `samlcheck verify`: every message of every input (files, directories,
//! HARs), analysed in parallel by [`samlcheck::batch`], rendered in input order in the chosen format.
//! `--format ndjson` streams a line per message as its chunk finishes.

use std::io::Write;

use super::progress::Progress;
use super::{options, source, Output};
use crate::cli::{Format, ReportArgs};
use samlcheck::analyze::{analyze, Options};
use samlcheck::batch;
use samlcheck::error::Error;
use samlcheck::input::Limits;
use samlcheck::report::outcome::Outcome;
use samlcheck::report::{human, json, junit, markdown, sarif, Report, Verdict};
use source::Input;

pub fn run(
    args: &ReportArgs,
    verify: bool,
    stream: &mut dyn Write,
    human_stream: &mut dyn Write,
) -> Result<Output, Error> {
    let mut opts = options::build(args)?;
    opts.strict = verify;
    if verify && opts.trust.is_empty() && opts.sp_trust.is_empty() {
        return Err(Error::usage(
            "verify needs a trusted key: pass --idp-metadata FILE (the IdP's SAML metadata), --cert FILE (its signing certificate, PEM or DER) or --fingerprint SHA256 (for an SP's AuthnRequest: --sp-metadata or --sp-cert); `samlcheck inspect` shows the message without one",
        ));
    }
    let inputs = source::inputs(&args.input)?;
    let limits = source::limits(&args.input);
    let pick = pick(args.input.message.as_deref())?;
    let format = args.format;
    let mut out = Output::default();
    let mut tally = Tally::default();
    let mut reports = Vec::new();
    let mut outcomes = Vec::new();
    let mut progress = Progress::new(inputs.len());
    let mut broken_pipe = false;
    let mut json_stream = json::Stream::default();
    let mode = if verify {
        human::Mode::Verify
    } else {
        human::Mode::Inspect
    };
    let (mut human_batch, mut human_written) = (Vec::new(), false);
    let (mut human_readable, mut human_bad) = (0usize, 0usize);
    // Redaction runs on each finished report, before any renderer sees it.
    let mut redactor = args.redact.redactor();
    samlcheck::analyze::prepare();
    // Assertion IDs seen so far in this run, in input order (replay detection).
    let mut seen = std::collections::HashMap::new();
    batch::run(
        &inputs,
        |i| analyze_input(i, &limits, &opts),
        |input, mut found| {
            progress.inc();
            // Replays span the run, so they are judged here, in input order; the sign-ins a
            // capture records are assembled after every judgement; `--message` picks last.
            samlcheck::flow::replays(&mut found, &mut seen);
            samlcheck::report::flow::assemble(&mut found);
            let found = select(found, pick);
            if let Some(red) = redactor.as_mut() {
                for r in &found {
                    red.learn(r);
                }
            }
            for (k, mut r) in found.into_iter().enumerate() {
                tally.add(&r);
                if let Some(red) = redactor.as_mut() {
                    red.report(&mut r);
                }
                if let Some(e) = &r.error {
                    out.stderr.push(format!("error: {}", e.message));
                }
                match format {
                    Format::Ndjson if !broken_pipe => {
                        let line = serde_json::to_string(&r).unwrap_or_default();
                        broken_pipe = writeln!(stream, "{line}").is_err();
                    }
                    Format::Ndjson => {}
                    Format::Sarif | Format::Junit => {
                        outcomes.push(Outcome::message(&r, input.file(), k))
                    }
                    // JSON streams in constant memory (at most one report held).
                    Format::Json if !broken_pipe => {
                        broken_pipe = json_stream.push(&r, stream).is_err();
                    }
                    Format::Json => {}
                    // Human text streams per input (its flow view needs the input's messages).
                    Format::Human => human_batch.push(r),
                    Format::Markdown | Format::Html => reports.push(r),
                }
            }
            // The human text of this input, written now: the batch is never held whole.
            if format == Format::Human && !broken_pipe {
                let good: Vec<Report> = std::mem::take(&mut human_batch)
                    .into_iter()
                    .filter(|r| r.verdict != Verdict::InputError)
                    .collect();
                if !good.is_empty() {
                    human_readable += good.len();
                    human_bad += good.iter().filter(|r| human::has_error(r)).count();
                    let sep = if human_written { "\n" } else { "" };
                    human_written = true;
                    let text = human::render(&good, mode);
                    broken_pipe = write!(human_stream, "{sep}{text}").is_err();
                }
            }
        },
    );
    let took = progress.finish();
    let _ = stream.flush();
    match format {
        Format::Json => {
            if !broken_pipe {
                let _ = json_stream.finish(stream);
            }
            let _ = stream.flush();
            out.plain = true;
        }
        Format::Ndjson => out.plain = true,
        Format::Markdown => {
            out.stdout = markdown::render(&reports, verify);
            out.plain = true;
        }
        Format::Html => {
            out.stdout = samlcheck::report::html::render(&reports, verify);
            out.plain = true;
        }
        Format::Sarif => {
            out.stdout = sarif::render(&outcomes);
            out.plain = true;
        }
        Format::Junit => {
            out.stdout = junit::render(
                if verify { "verify" } else { "inspect" },
                &outcomes,
                took.as_secs_f64(),
            );
            out.plain = true;
        }
        Format::Human => {
            if tally.total > 1 && !broken_pipe {
                let line =
                    human::summary_counts(human_readable, human_bad, tally.input_errors, verify);
                broken_pipe = write!(human_stream, "{line}").is_err();
            }
            let _ = human_stream.flush();
        }
    }
    if format != Format::Human && tally.total > 1 {
        out.stderr.push(tally.summary(verify, took));
    }
    out.code = if broken_pipe || tally.input_errors > 0 {
        2
    } else if verify && tally.failed > 0 {
        1
    } else {
        0
    };
    Ok(out)
}

/// Reads, decodes and analyses one input: a report per message found (one input error report
/// when none could be read).
/// Which messages of a capture to report (`--message N|responses`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    All,
    Nth(usize),
    Responses,
}

fn pick(arg: Option<&str>) -> Result<Pick, Error> {
    match arg.map(str::trim) {
        None => Ok(Pick::All),
        Some("responses") => Ok(Pick::Responses),
        Some(n) => match n.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Pick::Nth(n)),
            _ => Err(Error::usage(format!(
                "--message {n:?}: give a message number from 1, or `responses`"
            ))),
        },
    }
}

/// The messages `pick` keeps (after the whole capture was judged as one sign-in).
fn select(mut reports: Vec<Report>, pick: Pick) -> Vec<Report> {
    match pick {
        Pick::All => reports,
        Pick::Responses => reports
            .into_iter()
            .filter(|r| r.message == Some("response") || r.verdict == Verdict::InputError)
            .collect(),
        Pick::Nth(n) if n <= reports.len() => vec![reports.swap_remove(n - 1)],
        Pick::Nth(n) => {
            let origin = reports
                .first()
                .map(|r| r.origin.clone())
                .unwrap_or_default();
            vec![Report::input_error(
                &origin,
                Vec::new(),
                &samlcheck::error::InputError::new(format!(
                    "--message {n}: the input holds {} message(s)",
                    reports.len()
                )),
            )]
        }
    }
}

pub(super) fn analyze_input(input: &Input, limits: &Limits, opts: &Options) -> Vec<Report> {
    let (origin, decoded) = source::load(input, limits);
    match decoded {
        Err(e) => vec![Report::input_error(&origin, Vec::new(), &e)],
        Ok(captures) => {
            let mut reports: Vec<Report> = captures
                .into_iter()
                .map(|c| match c {
                    Ok(c) => analyze(&c, opts),
                    Err(e) => Report::input_error(&origin, Vec::new(), &e.in_origin(&origin)),
                })
                .collect();
            samlcheck::analyze::finish_input(&mut reports, opts);
            reports
        }
    }
}

/// Counts for the exit code and the summary line.
#[derive(Debug, Default)]
struct Tally {
    total: usize,
    failed: usize,
    input_errors: usize,
}

impl Tally {
    fn add(&mut self, r: &Report) {
        self.total += 1;
        match r.verdict {
            Verdict::Fail => self.failed += 1,
            Verdict::InputError => self.input_errors += 1,
            Verdict::Pass => {}
        }
    }

    fn summary(&self, verify: bool, took: std::time::Duration) -> String {
        let passed = self.total - self.failed - self.input_errors;
        let (ok, ko) = if verify {
            ("pass", "fail")
        } else {
            ("without errors", "with errors")
        };
        let rate = self.total as f64 / took.as_secs_f64().max(1e-9);
        format!(
            "{} messages: {passed} {ok}, {} {ko}, {} unreadable in {:.2}s ({rate:.0} messages/s)",
            self.total,
            self.failed,
            self.input_errors,
            took.as_secs_f64()
        )
    }
}

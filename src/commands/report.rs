//! `samlcheck inspect` and `samlcheck verify`: every message of every input (files, directories,
//! HARs), analysed in parallel by [`samlcheck::batch`], rendered in input order in the chosen format.
//! Reports are written as their inputs finish, in input order (SARIF and JUnit, whose documents
//! open with totals, at the end from small per-message outcomes).

use std::io::Write;
use std::ops::ControlFlow;

use super::progress::Progress;
use super::{options, source, Output};
use crate::cli::{Format, ReportArgs};
use samlcheck::analyze::{analyze, Options};
use samlcheck::batch;
use samlcheck::error::Error;
use samlcheck::input::Limits;
use samlcheck::render::outcome::Outcome;
use samlcheck::render::{human, json, junit, markdown, sarif};
use samlcheck::report::{Report, Verdict};
use source::Input;

pub fn run(
    args: &ReportArgs,
    format: Format,
    verify: bool,
    stream: &mut (dyn Write + Send),
    human_stream: &mut (dyn Write + Send),
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
    let mut progress = Progress::new(inputs.len());
    let mut emit = Emitter::new(format, verify, stream, human_stream);
    // Redaction runs on each finished report, before any renderer sees it.
    let mut redactor = args.redact.redactor();
    // A batch runs on mimalloc (see `alloc`); one input stays on glibc malloc.
    if inputs.len() > 1 {
        crate::alloc::for_batch();
    }
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
            samlcheck::flow::in_run(&mut found, &mut seen, &opts.policy);
            let found = select(found, pick);
            if let Some(red) = redactor.as_mut() {
                for r in &found {
                    red.learn(r);
                }
            }
            for (k, mut r) in found.into_iter().enumerate() {
                // Redacted, the file is named by its pseudonym (SARIF and JUnit locations too).
                let file = match redactor.as_mut() {
                    Some(red) => {
                        red.report(&mut r);
                        input.file().map(|_| r.origin.clone())
                    }
                    None => input.file().map(str::to_string),
                };
                emit.report(r, file.as_deref(), k);
            }
            emit.end_input();
            // The reader went away (`| head`): stop analysing what nobody will read.
            if emit.broken_pipe {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    let took = progress.finish();
    Ok(emit.finish(took))
}

/// Writes reports as they finish, in the chosen format: JSON, NDJSON and the human text stream
/// (the human text per input, for its flow view); Markdown, HTML, SARIF and JUnit are written
/// whole at the end. Counts the verdicts for the exit code and the summary line.
struct Emitter<'w> {
    format: Format,
    verify: bool,
    stream: &'w mut (dyn Write + Send),
    human_stream: &'w mut (dyn Write + Send),
    out: Output,
    tally: Tally,
    broken_pipe: bool,
    /// The NDJSON line being written, its capacity kept from line to line.
    line: Vec<u8>,
    json: json::Stream,
    /// The current input's reports (human, Markdown, HTML).
    held: Vec<Report>,
    outcomes: Vec<Outcome>,
    /// Whether any text has been written (for separators and the HTML head).
    written: bool,
    human_readable: usize,
    human_bad: usize,
    human_context: usize,
}

impl<'w> Emitter<'w> {
    fn new(
        format: Format,
        verify: bool,
        stream: &'w mut (dyn Write + Send),
        human_stream: &'w mut (dyn Write + Send),
    ) -> Self {
        Self {
            format,
            verify,
            stream,
            human_stream,
            out: Output::default(),
            tally: Tally::default(),
            broken_pipe: false,
            line: Vec::new(),
            json: json::Stream::default(),
            held: Vec::new(),
            outcomes: Vec::new(),
            written: false,
            human_readable: 0,
            human_bad: 0,
            human_context: 0,
        }
    }

    fn mode(&self) -> human::Mode {
        if self.verify {
            human::Mode::Verify
        } else {
            human::Mode::Inspect
        }
    }

    /// One finished (and redacted) report: the `k`th message of `file`.
    fn report(&mut self, r: Report, file: Option<&str>, k: usize) {
        self.tally.add(&r);
        if let Some(e) = &r.error {
            self.out.stderr.push(format!("error: {}", e.message));
        }
        match self.format {
            Format::Ndjson if !self.broken_pipe => {
                // One buffer, kept, and one write per line (no format machinery per report).
                self.line.clear();
                if samlcheck::render::ndjson::write(&mut self.line, &r).is_err() {
                    self.line.clear();
                }
                self.line.push(b'\n');
                self.broken_pipe = self.stream.write_all(&self.line).is_err();
            }
            Format::Sarif | Format::Junit => self.outcomes.push(Outcome::message(&r, file, k)),
            // JSON streams in constant memory (at most one report held).
            Format::Json if !self.broken_pipe => {
                self.broken_pipe = self.json.push(&r, self.stream).is_err();
            }
            Format::Ndjson | Format::Json => {}
            Format::Human | Format::Markdown | Format::Html => self.held.push(r),
        }
    }

    /// The end of one input: its human, Markdown or HTML text is written now, so the batch is
    /// never held whole (each capture's flow view needs only its own messages).
    fn end_input(&mut self) {
        if !matches!(self.format, Format::Human | Format::Markdown | Format::Html)
            || self.broken_pipe
        {
            return;
        }
        let held = std::mem::take(&mut self.held);
        let text = match self.format {
            Format::Human => {
                let good: Vec<Report> = held
                    .into_iter()
                    .filter(|r| r.verdict != Verdict::InputError)
                    .collect();
                if good.is_empty() {
                    return;
                }
                self.human_readable += good.len();
                self.human_bad += good.iter().filter(|r| human::has_error(r)).count();
                self.human_context += good
                    .iter()
                    .filter(|r| r.verdict == Verdict::Context)
                    .count();
                let sep = if self.written { "\n" } else { "" };
                format!("{sep}{}", human::render(&good, self.mode()))
            }
            Format::Markdown if !held.is_empty() => {
                let sep = if self.written { "\n---\n\n" } else { "" };
                format!("{sep}{}", markdown::render(&held, self.verify))
            }
            Format::Html if !held.is_empty() => {
                let head = if self.written {
                    String::new()
                } else {
                    samlcheck::render::html::head()
                };
                format!(
                    "{head}{}",
                    samlcheck::render::html::body(&held, self.verify)
                )
            }
            _ => return,
        };
        self.written = true;
        let out: &mut dyn Write = if self.format == Format::Human {
            self.human_stream
        } else {
            self.stream
        };
        self.broken_pipe = out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .is_err();
    }

    /// Closes the output: what is written whole, the summary line and the exit code.
    fn finish(mut self, took: std::time::Duration) -> Output {
        // NDJSON and JSON reach a file or a pipe through a buffer: a reader gone or a full disk
        // shows at a flush, and counts as a failed line does.
        self.broken_pipe |= self.stream.flush().is_err();
        let verify = self.verify;
        self.out.plain = self.format != Format::Human;
        match self.format {
            Format::Json if !self.broken_pipe => {
                self.broken_pipe |= self.json.finish(self.stream).is_err();
                self.broken_pipe |= self.stream.flush().is_err();
            }
            // Markdown and HTML were written input by input; HTML closes its document.
            Format::Markdown => {}
            Format::Html if !self.broken_pipe => {
                let doc = if self.written {
                    samlcheck::render::html::foot()
                } else {
                    samlcheck::render::html::render(&[], verify)
                };
                self.broken_pipe = self.stream.write_all(doc.as_bytes()).is_err();
                let _ = self.stream.flush();
            }
            Format::Html => {}
            Format::Sarif => self.out.stdout = sarif::render(&self.outcomes),
            Format::Junit => {
                let command = if verify { "verify" } else { "inspect" };
                self.out.stdout = junit::render(command, &self.outcomes, took.as_secs_f64());
            }
            Format::Human => {
                if self.tally.total > 1 && !self.broken_pipe {
                    let line = human::summary_counts(
                        self.human_readable,
                        self.human_bad,
                        self.human_context,
                        self.tally.input_errors,
                        verify,
                    );
                    self.broken_pipe = write!(self.human_stream, "{line}").is_err();
                }
                // Buffered: a reader gone before the summary shows here.
                self.broken_pipe |= self.human_stream.flush().is_err();
            }
            Format::Json | Format::Ndjson => {}
        }
        if self.format != Format::Human && self.tally.total > 1 {
            let mut line = self.tally.summary(verify, took);
            if self.broken_pipe {
                line.push_str(" — stopped there: the output was closed");
            }
            self.out.stderr.push(line);
        }
        self.out.code = if self.broken_pipe || self.tally.input_errors > 0 {
            2
        } else if verify && self.tally.failed > 0 {
            1
        } else {
            0
        };
        self.out
    }
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
            .filter(|r| {
                r.message == Some(samlcheck::xml::model::MessageKind::Response)
                    || r.verdict == Verdict::InputError
            })
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
    /// Requests and logout messages of a recorded sign-in: neither pass nor fail.
    context: usize,
}

impl Tally {
    fn add(&mut self, r: &Report) {
        self.total += 1;
        match r.verdict {
            Verdict::Fail => self.failed += 1,
            Verdict::InputError => self.input_errors += 1,
            Verdict::Context => self.context += 1,
            Verdict::Pass => {}
        }
    }

    fn summary(&self, verify: bool, took: std::time::Duration) -> String {
        let passed = self.total - self.failed - self.input_errors - self.context;
        let (ok, ko) = if verify {
            ("pass", "fail")
        } else {
            ("without errors", "with errors")
        };
        let rate = self.total as f64 / took.as_secs_f64().max(1e-9);
        let context = match self.context {
            0 => String::new(),
            n => format!(", {n} request(s) as context"),
        };
        format!(
            "{} messages: {passed} {ok}, {} {ko}, {} unreadable{context} in {:.2}s ({rate:.0} messages/s)",
            self.total,
            self.failed,
            self.input_errors,
            took.as_secs_f64()
        )
    }
}

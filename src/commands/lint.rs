//! `samlcheck metadata FILE… [--sp-metadata SP]`: lint IdP/SP metadata for CI and, with
//! `--sp-metadata`, pair the IdP's with the SP's. Reading files and rendering only: the lint and
//! the pairing live in [`samlcheck::lint`].

use super::{options, Output};
use crate::cli::{Format, MetadataArgs};
use samlcheck::error::Error;
use samlcheck::input::Limits;
use samlcheck::lint::document::{LintOptions, Window};
use samlcheck::lint::pair::Expected;
use samlcheck::lint::{MetadataReport, PairReport};
use samlcheck::render::lint as render;
use samlcheck::render::outcome::Outcome;
use samlcheck::render::{junit, sarif};
use samlcheck::report::Verdict;
use samlcheck::trust::cert::CertInfo;

pub fn run(args: &MetadataArgs) -> Result<Output, Error> {
    let trusted: Vec<CertInfo> = options::certs(&args.cert)?
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let opts = LintOptions {
        now: options::now(args.now.as_deref())?,
        window: args.min_days.map_or(Window::Default, Window::MinDays),
        trusted: &trusted,
        limits: Limits::default(),
    };
    let mut files: Vec<&std::path::Path> = args.files.iter().map(|p| p.as_path()).collect();
    files.extend(args.sp_metadata.as_deref());
    let linted = samlcheck::lint::lint_files(&files, &opts);
    let pairing = args.sp_metadata.as_ref().and_then(|_| {
        linted.pair(
            0,
            files.len() - 1,
            &Expected {
                audience: &args.audience,
                acs: &args.acs,
            },
        )
    });
    let reports = linted.reports;
    Ok(output(reports, pairing, args.format))
}

/// Exit code, stderr lines and the rendered reports.
pub(super) fn output(
    reports: Vec<MetadataReport>,
    pairing: Option<PairReport>,
    format: Format,
) -> Output {
    let code = if reports.iter().any(|r| r.verdict == Verdict::InputError) {
        2
    } else if reports.iter().any(|r| r.verdict == Verdict::Fail)
        || pairing.as_ref().is_some_and(|p| p.verdict == Verdict::Fail)
    {
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
    let outcomes = || {
        let mut o: Vec<Outcome> = reports.iter().map(Outcome::metadata).collect();
        o.extend(pairing.as_ref().map(Outcome::pairing));
        o
    };
    out.plain = format != Format::Human;
    out.stdout = match format {
        Format::Json => render::json(&reports, pairing.as_ref()),
        Format::Ndjson => render::ndjson(&reports, pairing.as_ref()),
        Format::Sarif => sarif::render(&outcomes()),
        Format::Junit => junit::render("metadata", &outcomes(), 0.0),
        Format::Human => render::human(&reports, pairing.as_ref()),
        Format::Markdown => {
            samlcheck::render::markdown::fenced(&render::human(&reports, pairing.as_ref()))
        }
        Format::Html => samlcheck::render::html::pre(&render::human(&reports, pairing.as_ref())),
    };
    out
}

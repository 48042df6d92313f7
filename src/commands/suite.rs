//! `samlcheck check [CONFIG]`: runs a checked-in SSO setup (see [`samlcheck::config`]): per app, the
//! metadata lint, the IdP↔SP pairing and `verify` of every captured response, with one exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{options, report as messages, source, Output};
use crate::cli::{CheckArgs, Format};
use samlcheck::batch;
use samlcheck::config::{self, App, Config};
use samlcheck::error::Error;
use samlcheck::input::Limits;
use samlcheck::lint::document::{LintOptions, Window};
use samlcheck::lint::pair::Expected;
use samlcheck::render::suite as render;
use samlcheck::render::{junit, sarif};
use samlcheck::report::suite::{AppReport, SuiteReport};
use samlcheck::settings::Settings;

const DEFAULT: &str = "samlcheck.toml";

pub fn run(args: &CheckArgs, stream: &mut dyn Write) -> Result<Output, Error> {
    let result = run_config(args, stream);
    // With SARIF, a run that cannot start still writes a SARIF log holding the error: the CI
    // step that uploads it then shows the cause instead of failing on an empty file.
    if let (Err(e), Format::Sarif) = (&result, args.format) {
        let file = args
            .config
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT));
        let _ = stream.write_all(
            samlcheck::render::sarif::render_error(&file.display().to_string(), &e.to_string())
                .as_bytes(),
        );
    }
    result
}

fn run_config(args: &CheckArgs, stream: &mut dyn Write) -> Result<Output, Error> {
    let started = std::time::Instant::now();
    let path = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT));
    if args.init {
        return init(&path);
    }
    let cfg = config::load(&path)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    missing_paths(&path, &cfg, &base)?;
    // The config's `now` dates old captures; the metadata is judged at the real clock (or at
    // --now, which wins everywhere) so `min_days` still warns in time.
    let now = args.now.clone().or(cfg.now.clone());
    let mut apps = Vec::new();
    for app in &cfg.app {
        apps.push(run_app(
            app,
            &cfg,
            &base,
            now.as_deref(),
            args.now.as_deref(),
        )?);
    }
    let report = SuiteReport::new(path.display().to_string(), apps);
    let mut out = Output {
        code: report.exit_code(),
        plain: args.format != Format::Human,
        ..Default::default()
    };
    for a in &report.apps {
        for m in a
            .metadata
            .iter()
            .filter_map(|m| m.error.as_ref().map(|e| (&m.file, e)))
        {
            out.stderr
                .push(format!("error: {}: {}: {}", a.name, m.0, m.1));
        }
        for r in a.messages.iter().filter_map(|r| r.error.as_ref()) {
            out.stderr.push(format!("error: {}: {}", a.name, r.message));
        }
    }
    let outcomes = || render::outcomes(&report);
    match args.format {
        Format::Human => out.stdout = render::human(&report),
        Format::Markdown => {
            out.stdout = samlcheck::render::markdown::fenced(&render::human(&report))
        }
        Format::Html => out.stdout = samlcheck::render::html::pre(&render::human(&report)),
        Format::Json => out.stdout = render::json(&report),
        Format::Ndjson => {
            // Whole apps are checked before anything is written, so a usage error in a later
            // app never leaves a partial stream.
            let _ = stream.write_all(render::ndjson(&report).as_bytes());
        }
        Format::Sarif => out.stdout = sarif::render(&outcomes()),
        Format::Junit => {
            out.stdout = junit::render("check", &outcomes(), started.elapsed().as_secs_f64())
        }
    }
    Ok(out)
}

/// Every configured path that does not exist and every `responses` glob that matches nothing, in
/// one error (a new config is fixed in one pass, not one path per run).
fn missing_paths(path: &Path, cfg: &Config, base: &Path) -> Result<(), Error> {
    let mut missing = Vec::new();
    for app in &cfg.app {
        let files = [
            ("idp_metadata", app.idp_metadata.as_ref()),
            ("sp_metadata", app.sp_metadata.as_ref()),
            ("sp_key", app.sp_key.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v.clone())))
        .chain(app.cert.0.iter().map(|c| ("cert", c.clone())))
        .chain(app.sp_cert.0.iter().map(|c| ("sp_cert", c.clone())));
        for (key, p) in files {
            if p.starts_with("https://") || p.starts_with("http://") {
                continue;
            }
            let full = config::resolve(base, &p);
            if !full.exists() {
                missing.push(format!(
                    "app {:?}: {key} {p:?} (looked for {})",
                    app.name,
                    full.display()
                ));
            }
        }
        for pattern in &app.responses {
            let full = config::resolve(base, pattern).display().to_string();
            let any = super::source::expand_glob(&full).is_ok_and(|m| !m.is_empty());
            if !any {
                missing.push(format!(
                    "app {:?}: responses {pattern:?} matches no file (looked for {full})",
                    app.name
                ));
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{}: {} path(s) to fix: {}",
        path.display(),
        missing.len(),
        missing.join("; ")
    )))
}

fn init(path: &Path) -> Result<Output, Error> {
    if path.exists() {
        return Err(Error::usage(format!(
            "{} already exists; not overwriting it",
            path.display()
        )));
    }
    std::fs::write(path, config::EXAMPLE).map_err(|e| Error::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    Ok(Output {
        stdout: format!(
            "wrote {}: edit the paths and run `samlcheck check`\n",
            path.display()
        ),
        ..Default::default()
    })
}

fn run_app(
    app: &App,
    cfg: &Config,
    base: &Path,
    now: Option<&str>,
    metadata_now: Option<&str>,
) -> Result<AppReport, Error> {
    let ctx = |e: Error| Error::usage(format!("app {:?}: {e}", app.name));
    let file = |p: &str| config::resolve(base, p);
    // Metadata certificates and min_days are judged at the real clock: a `now` pinned for old
    // captures must not hide a certificate that expires next week.
    let lint_opts = LintOptions {
        now: options::now(metadata_now).map_err(ctx)?,
        window: app.min_days.map_or(Window::Default, Window::MinDays),
        trusted: &[],
        limits: Limits::default(),
    };
    // Metadata: lint each file, then pair them.
    let paths: Vec<std::path::PathBuf> = [&app.idp_metadata, &app.sp_metadata]
        .into_iter()
        .flatten()
        .map(|p| file(p))
        .collect();
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let linted = samlcheck::lint::lint_files(&refs, &lint_opts);
    let pair = match (&app.idp_metadata, &app.sp_metadata) {
        (Some(_), Some(_)) => linted.pair(
            0,
            1,
            &Expected {
                audience: &app.audience.0,
                acs: &app.acs.0,
            },
        ),
        _ => None,
    };
    let metadata = linted.reports;
    // Responses: verify every captured file the globs match, like `samlcheck verify`.
    let mut files = Vec::new();
    for pattern in &app.responses {
        let full = file(pattern).display().to_string();
        let matched: Vec<String> = super::source::expand_glob(&full)
            .map_err(|e| Error::usage(format!("app {:?}: responses {pattern:?}: {e}", app.name)))?
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        if matched.is_empty() {
            return Err(Error::usage(format!(
                "app {:?}: responses {pattern:?} matches no file (looked for {full})",
                app.name
            )));
        }
        files.extend(matched);
    }
    let messages = if files.is_empty() || metadata.iter().any(|m| m.error.is_some()) {
        Vec::new()
    } else {
        verify_all(app, cfg, base, now, &files).map_err(ctx)?
    };
    Ok(AppReport::new(app.name.clone(), metadata, pair, messages))
}

/// `verify` of `files` with the app's expectations: the config means what the same flags mean,
/// so it fills the library's [`Settings`] directly and both paths judge alike.
fn verify_all(
    app: &App,
    cfg: &Config,
    base: &Path,
    now: Option<&str>,
    files: &[String],
) -> Result<Vec<samlcheck::report::Report>, Error> {
    let path = |p: &str| config::resolve(base, p);
    let settings = Settings {
        now: now.map(str::to_string),
        at: None,
        clock_skew: cfg.clock_skew.clone().unwrap_or_else(|| "3m".into()),
        max_age: app.max_age.clone(),
        limits: Limits::default(),
        idp_metadata: app.idp_metadata.iter().map(|m| path(m)).collect(),
        cert: app.cert.0.iter().map(|c| path(c)).collect(),
        fingerprint: Vec::new(),
        sp_key: app.sp_key.as_deref().map(path),
        sp_metadata: app.sp_metadata.as_deref().map(path),
        sp_cert: app.sp_cert.0.iter().map(|c| path(c)).collect(),
        audience: app.audience.0.clone(),
        acs: app.acs.0.clone(),
        issuer: app.issuer.clone(),
        request_id: None,
        profile: app.profile.clone(),
        profile_file: None,
        email_from: app.email_from.0.clone(),
        allow: app.allow.0.clone(),
        deny: app.deny.0.clone(),
        sp_stack: app.sp_stack.clone(),
        sp_set: app.sp_set.0.clone(),
    };
    let mut opts = settings.options()?;
    opts.strict = true;
    // Captured test-user responses are judged when they were captured (a HAR's own time) or,
    // for a bare message, at its IssueInstant; a pinned `now` wins.
    opts.clock.issue_instant_fallback = now.is_none();
    let limits = settings.limits;
    let inputs: Vec<source::Input> = files.iter().cloned().map(source::Input::Path).collect();
    // A batch runs on mimalloc (see `alloc`); one input stays on glibc malloc.
    if inputs.len() > 1 {
        crate::alloc::for_batch();
    }
    samlcheck::analyze::prepare();
    let mut reports = Vec::new();
    let mut seen = std::collections::HashMap::new();
    batch::run(
        &inputs,
        |i| messages::analyze_input(i, &limits, &opts),
        |_, mut found| {
            samlcheck::flow::in_run(&mut found, &mut seen, &opts.policy);
            reports.extend(found);
            std::ops::ControlFlow::Continue(())
        },
    );
    Ok(reports)
}

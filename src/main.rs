//! The `samlcheck` binary: parse arguments, run the command, write its output once, exit.
//!
//! No Rust `main`: the C runtime calls `alloc::main` (why there, and what it keeps of Rust's
//! start-up, is said there), which calls [`start`].

// The unit tests' binary keeps libtest's own `main`.
#![cfg_attr(not(test), no_main)]

use std::io::{IsTerminal, Write};

use clap::Parser;

mod alloc;
mod cli;
mod commands;

/// `samlcheck FILE` and `pbpaste | samlcheck` mean `inspect`: the argument list with the command
/// put in when none was named.
fn with_default_command(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory;
    let cmd = cli::Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .flat_map(|s| {
            std::iter::once(s.get_name().to_string()).chain(s.get_all_aliases().map(str::to_string))
        })
        .chain(["help".to_string()])
        .collect();
    let first = args.get(1).map(|a| a.to_string_lossy().into_owned());
    let inspect = match first.as_deref() {
        None => !std::io::stdin().is_terminal(),
        Some(a) if a.starts_with('-') && a != "-" => false,
        Some(a) => !names.iter().any(|n| n == a),
    };
    if inspect {
        args.insert(1, "inspect".into());
    }
    args
}

/// Everything the process does, from the C entry point; returns the exit code.
#[cfg_attr(test, allow(dead_code))]
fn start() -> u8 {
    alloc::route_libxml2();
    run()
}

fn run() -> u8 {
    let cli = cli::Cli::parse_from(with_default_command(std::env::args_os().collect()));
    let color = cli.color;
    let choice = match color {
        cli::Color::Always => anstream::ColorChoice::Always,
        cli::Color::Never => anstream::ColorChoice::Never,
        cli::Color::Auto => anstream::ColorChoice::Auto,
    };
    // Machine formats (NDJSON, JSON) stream through a 64 KiB buffer when stdout is a file or a
    // pipe: one write per line was a system call per message, 1% of a batch. To a terminal they
    // go line by line, as they finish.
    let mut streamed: Box<dyn Write + Send> = if std::io::stdout().is_terminal() {
        Box::new(std::io::stdout())
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            64 * 1024,
            std::io::stdout(),
        ))
    };
    // The human text goes through a buffer (written once per input, not once per line: a report
    // is some forty lines), its colour decided here from the real stdout.
    let human_choice = match choice {
        anstream::ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()),
        c => c,
    };
    let buffered: Box<dyn Write + Send> = Box::new(std::io::BufWriter::with_capacity(
        64 * 1024,
        std::io::stdout(),
    ));
    // Where colour is off, the renderers' styles are cut out directly (anstream's general strip
    // parses every byte; it still takes any text holding another escape or control).
    let mut human: Box<dyn Write + Send> = if human_choice == anstream::ColorChoice::Never {
        Box::new(samlcheck::render::terminal::WithoutStyles::new(buffered))
    } else {
        Box::new(anstream::AutoStream::new(buffered, human_choice))
    };
    let streams = commands::Streams {
        plain: &mut streamed,
        human: &mut human,
    };
    let result = commands::run(cli, streams);
    // What is still buffered goes out before anything else is written. `inspect` and `verify`
    // have flushed already and judged a failure (exit 2, "the output was closed"); `check`
    // ignores a failed write, as it did line by line.
    let _ = streamed.flush();
    match result {
        Ok(out) => {
            if !out.stdout.is_empty() {
                let stdout = std::io::stdout().lock();
                // Plain output (XML, JSON, completions) going to a file or pipe is written as is;
                // to a terminal it still passes the escape-sequence filter.
                let mut stdout: Box<dyn Write> = if out.plain && !stdout.is_terminal() {
                    Box::new(stdout)
                } else if out.plain {
                    Box::new(anstream::AutoStream::new(
                        stdout,
                        anstream::ColorChoice::Never,
                    ))
                } else {
                    Box::new(anstream::AutoStream::new(stdout, choice))
                };
                match stdout
                    .write_all(out.stdout.as_bytes())
                    .and_then(|_| stdout.flush())
                {
                    Ok(()) => {}
                    // The reader went away (`| head`): the verdict still stands, silently.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return out.code,
                    Err(_) => return 2,
                }
            }
            for line in &out.stderr {
                let mut stderr = anstream::AutoStream::new(std::io::stderr().lock(), choice);
                // One line each, terminal-safe, whatever the message quotes from the input.
                let line = samlcheck::render::terminal::visible(line);
                let _ = writeln!(stderr, "samlcheck: {line}");
            }
            out.code
        }
        Err(e) => {
            let e = e.to_string();
            let _ = writeln!(
                std::io::stderr(),
                "samlcheck: error: {}",
                samlcheck::render::terminal::visible(&e)
            );
            2
        }
    }
}

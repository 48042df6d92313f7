//! One file per subcommand: arguments → library options → rendered output. Output is returned
//! whole, so the binary writes it once (never a partial write).

mod decode;
mod diff;
mod explain;
mod lint;
mod options;
mod paste;
mod progress;
mod report;
mod source;
mod suite;
mod tools;

use crate::cli::{Cli, Command};
use samlcheck::error::Error;

/// What a command produced: stdout text, stderr lines, and the exit code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: Vec<String>,
    pub code: u8,
    /// Never colour stdout (XML, JSON, completions).
    pub plain: bool,
}

/// Where a command streams as it goes: `plain` for machine formats (`--format ndjson`, `json`),
/// `human` for the human report of a batch (it passes the colour filter); everything else is
/// returned whole in [`Output`].
pub struct Streams<'a> {
    pub plain: &'a mut (dyn std::io::Write + Send),
    pub human: &'a mut (dyn std::io::Write + Send),
}

/// Runs the command the arguments name.
pub fn run(cli: Cli, streams: Streams) -> Result<Output, Error> {
    let stream = streams.plain;
    match cli.command {
        Command::Decode(args) => decode::run(&args),
        Command::Inspect(c) => report::run(&c.args, c.format, false, stream, streams.human),
        Command::Verify(c) => report::run(&c.args, c.format, true, stream, streams.human),
        Command::Metadata(args) => lint::run(&args),
        Command::Check(args) => suite::run(&args, stream),
        Command::Diff(args) => diff::run(&args),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Profiles => Ok(tools::profiles()),
        Command::Completions { shell } => Ok(tools::completions(shell)),
        Command::Man => tools::man(),
    }
}

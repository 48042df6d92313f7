//! One file per subcommand: arguments → library options → rendered output. Output is returned
//! whole, so the binary writes it once (never a partial write).

mod check;
mod decode;
mod diff;
mod explain;
mod metadata;
mod options;
mod progress;
mod report;
mod source;
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

/// Runs the command the arguments name. `stream` receives what a command streams as it goes
/// (`--format ndjson`); everything else is returned whole in [`Output`].
pub fn run(cli: Cli, stream: &mut dyn std::io::Write) -> Result<Output, Error> {
    match cli.command {
        Command::Decode(args) => decode::run(&args),
        Command::Inspect(args) => report::run(&args, false, stream),
        Command::Verify(args) => report::run(&args, true, stream),
        Command::Metadata(args) => metadata::run(&args),
        Command::Check(args) => check::run(&args, stream),
        Command::Diff(args) => diff::run(&args),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Profiles => Ok(tools::profiles()),
        Command::Completions { shell } => Ok(tools::completions(shell)),
        Command::Man => tools::man(),
    }
}

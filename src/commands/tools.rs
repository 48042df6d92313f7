//! `completions`, `man` and `profiles`: generated text, no analysis.

use clap::CommandFactory;

use super::Output;
use crate::cli::{Cli, Shell};
use samlcheck::error::Error;
use samlcheck::profiles::Profile;

/// Shell completion script for `shell` (the committed files under completions/ are these).
pub fn completions(shell: Shell) -> Output {
    let mut cmd = with_candidates(built());
    let mut buf = Vec::new();
    let sh = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
        Shell::Elvish => clap_complete::Shell::Elvish,
    };
    clap_complete::generate(sh, &mut cmd, "samlcheck", &mut buf);
    Output {
        stdout: String::from_utf8_lossy(&buf).into_owned(),
        plain: true,
        ..Default::default()
    }
}

/// The whole command line, every subcommand's arguments built (cli.rs defers them).
fn built() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    cmd
}

/// The command with the values a shell should offer: profile names for `--profile`, every finding
/// code for `explain` and `--deny`, the policy codes for `--allow`. Only the completions see
/// them; parsing keeps its own messages (did-you-mean, "not a policy finding").
fn with_candidates(cmd: clap::Command) -> clap::Command {
    use clap::builder::PossibleValuesParser;
    let profiles: Vec<&'static str> = samlcheck::profiles::Profile::all()
        .into_iter()
        .map(|p| -> &'static str { Box::leak(p.name.into_boxed_str()) })
        .collect();
    let codes: Vec<&'static str> = samlcheck::codes::CODES.iter().map(|c| c.code).collect();
    let policy: Vec<&'static str> = samlcheck::codes::POLICY
        .iter()
        .map(|c| c.as_str())
        .collect();
    let report = |c: clap::Command| {
        c.mut_arg("profile", |a| {
            a.value_parser(PossibleValuesParser::new(profiles.clone()))
        })
        .mut_arg("deny", |a| {
            a.value_parser(PossibleValuesParser::new(codes.clone()))
        })
        .mut_arg("allow", |a| {
            a.value_parser(PossibleValuesParser::new(policy.clone()))
        })
    };
    cmd.mut_subcommand("inspect", report)
        .mut_subcommand("verify", report)
        .mut_subcommand("diff", report)
        .mut_subcommand("explain", |c| {
            c.mut_arg("code", |a| {
                a.value_parser(PossibleValuesParser::new(codes.clone()))
            })
        })
}

/// The man page in roff.
pub fn man() -> Result<Output, Error> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(built())
        .render(&mut buf)
        .map_err(|e| Error::Io {
            path: "man page".into(),
            source: e,
        })?;
    Ok(Output {
        stdout: String::from_utf8_lossy(&buf).into_owned(),
        plain: true,
        ..Default::default()
    })
}

/// The built-in profiles and what each expects.
pub fn profiles() -> Output {
    let mut s = String::new();
    for p in Profile::all() {
        s.push_str(&format!("{}\n  {}\n", p.name, p.description));
        if !p.audiences.is_empty() {
            s.push_str(&format!("  audience: {}\n", p.audiences.join(" | ")));
        }
        if !p.acs.is_empty() {
            s.push_str(&format!("  ACS:      {}\n", p.acs.join(" | ")));
        }
        if let Some(o) = &p.email_order {
            s.push_str(&format!("  email:    {}\n", o.join(" → ")));
        } else if !p.check_email {
            s.push_str("  email:    not required\n");
        }
        if !p.required_attributes.is_empty() {
            s.push_str(&format!(
                "  requires: {}\n",
                p.required_attributes.join(", ")
            ));
        }
        s.push('\n');
    }
    s.push_str("Use one with --profile NAME, or your own JSON with --profile-file FILE.\n");
    Output {
        stdout: s,
        ..Default::default()
    }
}

//! Reading INPUT arguments: a path, `-` for stdin, or the message itself; bounded reads.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::cli::InputArgs;
use crate::error::{Error, InputError};
use crate::input::{self, Decoded, Limits};

/// One input: its origin and the messages found in it (or why none could be).
pub type Source = (String, Result<Decoded, InputError>);

pub fn limits(args: &InputArgs) -> Limits {
    Limits {
        max_input: args.max_input,
        max_file: args.max_file,
        max_inflated: args.max_inflated,
        max_ratio: args.max_ratio,
        max_depth: args.max_depth,
        max_elements: args.max_elements,
        max_seconds: args.max_seconds,
    }
}

/// Every input's messages, labelled by origin. A whole-input problem is an `Err` for that input.
pub fn read_all(args: &InputArgs) -> Result<Vec<Source>, Error> {
    let limits = limits(args);
    let mut inputs = args.inputs.clone();
    if inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Error::usage("no input: pass a file, '-' for stdin, or the message itself (pipe it: pbpaste | samlcheck inspect)"));
        }
        inputs.push("-".into());
    }
    let mut out = Vec::new();
    for arg in &inputs {
        let (origin, bytes) = if arg == "-" {
            (
                "stdin".to_string(),
                read_bounded(std::io::stdin().lock(), limits.max_file, "stdin")?,
            )
        } else if looks_like_path(arg) && Path::new(arg).is_file() {
            let f = std::fs::File::open(arg).map_err(|e| Error::Io {
                path: arg.clone(),
                source: e,
            })?;
            (arg.clone(), read_bounded(f, limits.max_file, arg)?)
        } else if looks_like_path(arg) && !looks_like_message(arg) {
            return Err(Error::usage(format!(
                "{arg}: no such file (and it does not look like a SAML message)"
            )));
        } else {
            ("argument".to_string(), arg.as_bytes().to_vec())
        };
        let decoded =
            input::decode_input(&bytes, &origin, &limits).map_err(|e| e.in_origin(&origin));
        out.push((origin, decoded));
    }
    Ok(out)
}

fn looks_like_path(arg: &str) -> bool {
    arg.len() < 4096 && !arg.contains('\n')
}

fn looks_like_message(arg: &str) -> bool {
    let t = arg.trim_start();
    t.starts_with('<')
        || t.starts_with("http://")
        || t.starts_with("https://")
        || t.contains("SAMLResponse=")
        || t.contains("SAMLRequest=")
        || t.starts_with("SAMLResponse:")
        || t.starts_with("SAMLRequest:")
        || (t.len() > 40 && (input::base64::looks_like(t) || input::urlenc::has_escapes(t)))
}

fn read_bounded(r: impl Read, max: usize, origin: &str) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::Io {
            path: origin.to_string(),
            source: e,
        })?;
    if buf.len() > max {
        return Err(Error::Input(
            InputError::new(format!(
                "input is larger than {} (limit --max-file)",
                crate::input::limits::bytes(max)
            ))
            .in_origin(origin),
        ));
    }
    Ok(buf)
}

//! Reading INPUT arguments: a path, `-` for stdin, or the message itself; bounded reads.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::cli::InputArgs;
use samlcheck::error::{Error, InputError};
use samlcheck::input::{self, Decoded, Limits};

/// One input: its origin and the messages found in it (or why none could be).
pub type Loaded = (String, Result<Decoded, InputError>);

pub fn limits(args: &InputArgs) -> Limits {
    Limits {
        max_input: args.max_input,
        max_file: args.max_file,
        max_inflated: args.max_inflated,
        max_ratio: args.max_ratio,
        max_depth: args.max_depth,
        max_elements: args.max_elements,
        max_attributes: args.max_attributes,
        max_seconds: args.max_seconds,
        max_signatures: args.max_signatures,
        max_c14n_work: args.max_c14n_work,
    }
}

/// One INPUT argument, resolved: read lazily so a batch holds only the inputs being analysed.
#[derive(Debug, Clone)]
pub enum Input {
    /// Standard input, already read (it can be read only once).
    Stdin(Vec<u8>),
    /// A file (from the argument or found under a directory).
    Path(String),
    /// The message itself, given as the argument.
    Argument(String),
}

impl Input {
    /// The file path, when the input is a file.
    pub fn file(&self) -> Option<&str> {
        match self {
            Input::Path(p) => Some(p),
            _ => None,
        }
    }
}

/// Resolves INPUT arguments: files, directories (searched recursively for files matching
/// `--glob`, in name order), `-` or nothing for stdin, or the message itself.
pub fn inputs(args: &InputArgs) -> Result<Vec<Input>, Error> {
    let limits = limits(args);
    let mut given = args.inputs.clone();
    if args.paste {
        if !given.is_empty() {
            return Err(Error::usage("--paste reads stdin; give no INPUT with it"));
        }
        if std::io::stdin().is_terminal() {
            return Ok(vec![Input::Stdin(super::paste::read(&limits, prompt)?)]);
        }
        let bytes = read_until_blank_line(std::io::stdin().lock(), &limits)?;
        return Ok(vec![Input::Stdin(bytes)]);
    }
    if given.is_empty() {
        // A paste at the terminal: read without the terminal's line limit, ending by itself.
        if std::io::stdin().is_terminal() {
            return Ok(vec![Input::Stdin(super::paste::read(&limits, prompt)?)]);
        }
        given.push("-".into());
    }
    let glob = match &args.glob {
        Some(g) => Some(
            globset::Glob::new(g)
                .map_err(|e| Error::usage(format!("--glob {g:?}: {e}")))?
                .compile_matcher(),
        ),
        None => None,
    };
    let mut out = Vec::new();
    for arg in &given {
        if arg == "-" {
            let bytes = read_bounded(std::io::stdin().lock(), None, &limits, "stdin")?;
            out.push(Input::Stdin(bytes));
        } else if looks_like_path(arg) && Path::new(arg).is_dir() {
            let before = out.len();
            walk(Path::new(arg), glob.as_ref(), &mut out)?;
            if out.len() == before {
                return Err(Error::usage(format!(
                    "{arg}: the directory holds no {}",
                    args.glob
                        .as_deref()
                        .map_or("files".to_string(), |g| format!("files matching {g:?}"))
                )));
            }
        } else if looks_like_path(arg) && Path::new(arg).exists() {
            // A file, or a pipe such as bash's `<(pbpaste)` (/dev/fd/63) or a FIFO: read alike.
            out.push(Input::Path(arg.clone()));
        } else if looks_like_path(arg) && !looks_like_message(arg) {
            return Err(Error::usage(format!(
                "{arg}: no such file (and it does not look like a SAML message)"
            )));
        } else {
            out.push(Input::Argument(arg.clone()));
        }
    }
    Ok(out)
}

/// A hint on stderr for someone at a terminal (the library's one interactive message: it only
/// ever goes to a terminal, before anything is read).
#[allow(clippy::print_stderr)]
fn prompt(text: &str) {
    eprintln!("samlcheck: {text}");
}

/// Lines of `r` up to the first blank one (after some content), within the input limits.
fn read_until_blank_line(r: impl std::io::BufRead, limits: &Limits) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    for line in r.split(b'\n') {
        let line = line.map_err(|e| Error::Io {
            path: "stdin".into(),
            source: e,
        })?;
        let blank = line.iter().all(u8::is_ascii_whitespace);
        if blank && !out.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        out.extend_from_slice(&line);
        out.push(b'\n');
        if out.len() > limits.max_file {
            return Err(Error::Input(InputError::new(format!(
                "pasted input is larger than {} (limit --max-file)",
                samlcheck::input::limits::bytes(limits.max_file)
            ))));
        }
    }
    Ok(out)
}

/// The files a shell-style pattern names (`samlcheck.toml`'s `responses`): `*`, `?` and `[…]`
/// within one path component, `**` across any number, `{a,b}` alternatives; in path order. A
/// pattern without wildcards names itself when it is a file.
pub fn expand_glob(pattern: &str) -> Result<Vec<std::path::PathBuf>, String> {
    // As the shell reads it: `a//b` and `a/./b` are `a/b`, and a leading `./` names the same
    // files.
    let mut pattern = pattern.to_string();
    while pattern.contains("//") || pattern.contains("/./") {
        pattern = pattern.replace("//", "/").replace("/./", "/");
    }
    while let Some(rest) = pattern.strip_prefix("./") {
        pattern = rest.to_string();
    }
    let pattern = pattern.as_str();
    let matcher = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| e.to_string())?
        .compile_matcher();
    // Walk from the longest leading part without a wildcard, only as deep as the pattern goes.
    let is_wild = |c: &str| c.contains(['*', '?', '[', '{']);
    let parts: Vec<&str> = pattern.split('/').collect();
    let fixed = parts.iter().take_while(|c| !is_wild(c)).count();
    if fixed == parts.len() {
        let p = Path::new(pattern);
        return Ok(if p.is_file() {
            vec![p.to_path_buf()]
        } else {
            Vec::new()
        });
    }
    let base = match parts[..fixed].join("/") {
        b if b.is_empty() && pattern.starts_with('/') => "/".to_string(),
        b if b.is_empty() => ".".to_string(),
        b => b,
    };
    let depth = if parts[fixed..].contains(&"**") {
        usize::MAX
    } else {
        parts.len() - fixed
    };
    let mut out = Vec::new();
    let mut dirs = vec![(std::path::PathBuf::from(&base), 0)];
    // Each directory once, however many links lead to it (a link to `.` would otherwise loop).
    let mut seen = std::collections::HashSet::new();
    while let Some((dir, d)) = dirs.pop() {
        if !seen.insert(std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone())) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            // Matched as written (the walk from `.` adds a `./` the pattern does not have).
            let shown = if fixed == 0 {
                p.strip_prefix(".").unwrap_or(&p).to_path_buf()
            } else {
                p.clone()
            };
            if p.is_dir() {
                if d + 1 < depth {
                    dirs.push((p, d + 1));
                }
            } else if p.is_file() && matcher.is_match(&shown) {
                out.push(shown);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Files under `dir`, recursively, in name order; hidden entries are skipped.
fn walk(
    dir: &Path,
    glob: Option<&globset::GlobMatcher>,
    out: &mut Vec<Input>,
) -> Result<(), Error> {
    let io = |e| Error::Io {
        path: dir.display().to_string(),
        source: e,
    };
    // The entry's own type (no stat per file); a symbolic link is followed like a path.
    let mut entries: Vec<(std::path::PathBuf, Option<std::fs::FileType>)> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (e.path(), e.file_type().ok().filter(|t| !t.is_symlink())))
        .collect();
    // By bytes: every path is `dir` joined with one name, so this is the paths' component order
    // (which parses every path on every comparison).
    entries.sort_by(|a, b| {
        a.0.as_os_str()
            .as_encoded_bytes()
            .cmp(b.0.as_os_str().as_encoded_bytes())
    });
    for (p, kind) in entries {
        let (is_dir, is_file) = match kind {
            Some(t) => (t.is_dir(), t.is_file()),
            None => (p.is_dir(), p.is_file()),
        };
        if is_dir {
            walk(&p, glob, out)?;
        } else if is_file
            && glob.is_none_or(|g| g.is_match(&p) || p.file_name().is_some_and(|n| g.is_match(n)))
        {
            out.push(Input::Path(p.display().to_string()));
        }
    }
    Ok(())
}

/// Reads and decodes one input: its origin and the messages found in it (or why none could be).
pub fn load(input: &Input, limits: &Limits) -> Loaded {
    let (origin, bytes) = match input {
        Input::Stdin(b) => ("stdin".to_string(), Ok(b.clone())),
        Input::Argument(a) => ("argument".to_string(), Ok(a.as_bytes().to_vec())),
        Input::Path(p) => (
            p.clone(),
            std::fs::File::open(p)
                .map_err(|e| InputError::new(format!("cannot read it: {e}")))
                .and_then(|f| {
                    let size = f.metadata().ok().map(|m| m.len());
                    read_bounded(f, size, limits, p).map_err(|e| match e {
                        Error::Input(i) => i,
                        other => InputError::new(other.to_string()),
                    })
                }),
        ),
    };
    let decoded = bytes
        .and_then(|b| input::decode_input(&b, &origin, limits))
        .map_err(|e| e.in_origin(&origin));
    (origin, decoded)
}

/// Every input's messages, labelled by origin. A whole-input problem is an `Err` for that input.
pub fn read_all(args: &InputArgs) -> Result<Vec<Loaded>, Error> {
    let limits = limits(args);
    Ok(inputs(args)?.iter().map(|i| load(i, &limits)).collect())
}

fn looks_like_path(arg: &str) -> bool {
    arg.len() < 4096 && !arg.contains('\n')
}

fn looks_like_message(arg: &str) -> bool {
    let t = arg.trim_start();
    t.starts_with('<')
        || t.starts_with("http://")
        || t.starts_with("https://")
        || input::FORM_PARAMS.iter().any(|p| t.contains(p))
        || t.starts_with("SAMLResponse:")
        || t.starts_with("SAMLRequest:")
        || (t.len() > 40 && (input::base64::looks_like(t) || input::urlenc::has_escapes(t)))
}

/// Reads at most `limits.max_file` bytes. Only containers (HAR and SAML-tracer JSON, HTML pages)
/// may be that large: input that starts like a bare message (base64, URL-encoded, a form body)
/// is cut off at four times `--max-input` (URL-encoding at most triples it), so a huge paste is
/// refused without being held in memory.
/// `size` (a file's length, when known) sizes the buffer so a small file is read in two calls.
fn read_bounded(
    r: impl Read,
    size: Option<u64>,
    limits: &Limits,
    origin: &str,
) -> Result<Vec<u8>, Error> {
    let io = |e| Error::Io {
        path: origin.to_string(),
        source: e,
    };
    let mut r = r.take(limits.max_file as u64 + 1);
    let hint = size.map_or(0, |n| n.min(64 * 1024) as usize + 1);
    let mut buf = Vec::with_capacity(hint);
    let head = (&mut r).take(64 * 1024).read_to_end(&mut buf).map_err(io)?;
    let first = buf
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
    let container = matches!(first, Some(b'{' | b'[' | b'<'));
    let (max, flag) = if container {
        (limits.max_file, "--max-file")
    } else {
        (limits.max_input.saturating_mul(4), "--max-input")
    };
    // Less than the head's 64 KiB came: the reader is at its end (or at the outer bound), and
    // another read would only be told so again.
    if head == 64 * 1024 {
        r.take((max + 1).saturating_sub(buf.len()) as u64)
            .read_to_end(&mut buf)
            .map_err(io)?;
    }
    if buf.len() > max {
        return Err(Error::Input(
            InputError::new(format!(
                "input is larger than {} (limit {flag})",
                samlcheck::input::limits::bytes(max)
            ))
            .in_origin(origin),
        ));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::{expand_glob, read_bounded, Limits};

    /// A reader of `len` bytes that counts the reads it answers at its end.
    struct Counted {
        left: usize,
        at_end: usize,
    }

    impl std::io::Read for Counted {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.left);
            buf[..n].fill(b'<');
            self.left -= n;
            self.at_end += usize::from(n == 0);
            Ok(n)
        }
    }

    #[test]
    fn a_file_is_read_to_its_end_and_no_further() {
        for len in [0, 4804, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000] {
            let mut r = Counted {
                left: len,
                at_end: 0,
            };
            let got = read_bounded(&mut r, Some(len as u64), &Limits::default(), "x").unwrap();
            assert_eq!((got.len(), r.at_end), (len, 1), "{len}");
        }
    }

    #[test]
    fn globs_match_as_a_shell_does() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        for f in ["a.xml", "b.har", "sub/c.xml", "sub/deep/d.xml"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let names = |pat: &str| -> Vec<String> {
            expand_glob(&format!("{}/{pat}", root.display()))
                .unwrap()
                .iter()
                .map(|p| p.strip_prefix(root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names("*.xml"), ["a.xml"], "* stays within one directory");
        assert_eq!(names("**/*.xml"), ["a.xml", "sub/c.xml", "sub/deep/d.xml"]);
        assert_eq!(names("*/*.xml"), ["sub/c.xml"]);
        assert_eq!(names("*.{xml,har}"), ["a.xml", "b.har"]);
        assert_eq!(names("sub/c.xml"), ["sub/c.xml"]);
        assert!(names("nothing/*.xml").is_empty());
        assert!(names("sub/nope.xml").is_empty());
        assert!(expand_glob("[").is_err());
        // Written loosely: a doubled slash, a leading `./`.
        assert_eq!(names("sub//*.xml"), ["sub/c.xml"]);
        assert_eq!(names("./sub/*.xml"), ["sub/c.xml"]);
        // A link back up does not loop: each directory is walked once.
        std::os::unix::fs::symlink(".", root.join("sub/again")).unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/deep/up")).unwrap();
        assert_eq!(names("**/d.xml"), ["sub/deep/d.xml"]);
    }
}

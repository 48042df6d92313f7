//! Reading a paste from a terminal. In canonical mode a terminal keeps at most 4,095 characters
//! of one line (1,024 on macOS) and drops the rest, and a SAMLResponse copied from devtools is one
//! 5–10 KB line. So the terminal is switched to non-canonical mode (no line limit, no echo, no
//! signals) for the paste, through rustix's safe termios calls, and restored by a guard whatever
//! happens. The paste ends when it forms a complete message — a line of base64, a URL or a form
//! body followed by Enter (a line ending in `\` or `^`, as "Copy as cURL" writes them, goes on);
//! an XML document whose root element closed; a JSON document (HAR, SAML-tracer) whose brackets
//! closed — or on Ctrl-D. Blank lines inside pasted XML or JSON do not end it. Ctrl-C aborts.

use std::io::{Read, Write};

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};

use samlcheck::error::{Error, InputError};
use samlcheck::input::Limits;

/// The line lengths at which canonical-mode terminals cut a line (Linux, macOS/BSD).
const CANONICAL_LIMITS: [usize; 2] = [4095, 1023];

/// Restores the terminal's settings when dropped.
struct Restore(Termios);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &self.0);
    }
}

/// Reads one pasted message from the terminal on stdin. Falls back to a line-by-line read (and
/// says so when a line came back cut at the canonical limit) when the mode cannot be changed.
pub fn read(limits: &Limits, prompt: impl Fn(&str)) -> Result<Vec<u8>, Error> {
    let stdin = std::io::stdin();
    let Ok(saved) = termios::tcgetattr(&stdin) else {
        return fallback(limits, prompt);
    };
    let mut raw = saved.clone();
    raw.local_modes
        .remove(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG | LocalModes::IEXTEN);
    raw.special_codes[SpecialCodeIndex::VMIN] = 1;
    raw.special_codes[SpecialCodeIndex::VTIME] = 0;
    if termios::tcsetattr(&stdin, OptionalActions::Now, &raw).is_err() {
        return fallback(limits, prompt);
    }
    let _restore = Restore(saved);
    prompt("paste the message (base64, URL, form body, XML, HAR…): it ends by itself when complete, or press Ctrl-D; Ctrl-C aborts");
    let mut out = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let mut lock = stdin.lock();
    let mut shown = 0usize;
    loop {
        let n = lock.read(&mut buf).map_err(|e| Error::Io {
            path: "stdin".into(),
            source: e,
        })?;
        if n == 0 {
            break;
        }
        let mut ended = false;
        for &b in &buf[..n] {
            match b {
                0x03 => return Err(Error::Input(InputError::new("paste aborted (Ctrl-C)"))),
                0x04 => {
                    ended = true;
                    break;
                }
                0x7f | 0x08 => {
                    out.pop();
                }
                b'\r' => out.push(b'\n'),
                b => out.push(b),
            }
            if (b == b'\n' || b == b'\r') && complete(&out) {
                ended = true;
                break;
            }
        }
        if out.len() > limits.max_file {
            return Err(Error::Input(InputError::new(format!(
                "pasted input is larger than {} (limit --max-file)",
                samlcheck::input::limits::bytes(limits.max_file)
            ))));
        }
        if out.len() / 4096 != shown / 4096 {
            shown = out.len();
            let mut err = std::io::stderr();
            let _ = write!(err, "\rsamlcheck: {} characters received", out.len());
            let _ = err.flush();
        }
        if ended {
            break;
        }
    }
    if shown > 0 {
        let _ = writeln!(std::io::stderr());
    }
    Ok(out)
}

/// Whether the text pasted so far (ending at a line break) is a whole message.
pub fn complete(text: &[u8]) -> bool {
    let t = String::from_utf8_lossy(text);
    let t = t.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return false;
    }
    match t.as_bytes()[0] {
        b'<' => xml_closed(t),
        b'{' | b'[' => json_closed(t),
        // A shell line continued on the next one ("Copy as cURL", cmd's ^).
        _ => !(t.ends_with('\\') || t.ends_with('^')),
    }
}

/// An XML document whose root element has closed (declarations, comments and blank lines
/// before it allowed). Text that is not well-formed yet is not complete.
fn xml_closed(t: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(t);
    let mut depth = 0usize;
    let mut seen = false;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                seen = true;
            }
            Ok(quick_xml::events::Event::Empty(_)) if depth == 0 => return true,
            Ok(quick_xml::events::Event::End(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && seen {
                    return true;
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

/// A JSON document whose outermost bracket has closed (strings and escapes respected).
fn json_closed(t: &str) -> bool {
    let (mut depth, mut in_str, mut esc) = (0i64, false, false);
    for c in t.chars() {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The terminal mode could not be changed: lines up to the first blank one, as before, and a
/// line of exactly a canonical terminal's limit is named as cut.
fn fallback(limits: &Limits, prompt: impl Fn(&str)) -> Result<Vec<u8>, Error> {
    prompt("paste the message, then press Enter on an empty line");
    let mut out = Vec::new();
    let mut line = Vec::new();
    let mut lock = std::io::stdin().lock();
    let mut byte = [0u8; 1];
    loop {
        let n = lock.read(&mut byte).map_err(|e| Error::Io {
            path: "stdin".into(),
            source: e,
        })?;
        if n == 0 || byte[0] == b'\n' {
            if CANONICAL_LIMITS.contains(&line.len()) {
                return Err(Error::Input(InputError::new(format!(
                    "the terminal cut the pasted line at {} characters (its line limit): pipe it instead (`pbpaste | samlcheck`, `xclip -o | samlcheck`) or save it to a file and run `samlcheck inspect FILE`",
                    line.len()
                ))));
            }
            let blank = line.iter().all(u8::is_ascii_whitespace);
            if n == 0 || (blank && !out.iter().all(u8::is_ascii_whitespace)) {
                out.extend_from_slice(&line);
                break;
            }
            out.extend_from_slice(&line);
            out.push(b'\n');
            line.clear();
        } else {
            line.push(byte[0]);
        }
        if out.len() + line.len() > limits.max_file {
            return Err(Error::Input(InputError::new(format!(
                "pasted input is larger than {} (limit --max-file)",
                samlcheck::input::limits::bytes(limits.max_file)
            ))));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::complete;

    #[test]
    fn a_paste_is_complete_when_its_message_is() {
        assert!(complete(b"PHNhbWxwOlJlc3BvbnNl\n"));
        assert!(!complete(b"\n"));
        assert!(!complete(b"curl 'https://sp/acs' \\\n"));
        assert!(complete(
            b"curl 'https://sp/acs' \\\n  --data-raw 'SAMLResponse=x'\n"
        ));
        assert!(!complete(b"<samlp:Response xmlns:samlp=\"urn:x\">\n\n"));
        assert!(!complete(b"<?xml version=\"1.0\"?>\n<a>\n  <b/>\n\n"));
        assert!(complete(b"<?xml version=\"1.0\"?>\n<a>\n  <b/>\n\n</a>\n"));
        assert!(!complete(b"{\"log\": {\"entries\": [\n"));
        assert!(complete(b"{\"log\": {\"entries\": [\"}\"]}}\n"));
    }
}

//! Pasting at a terminal (issue 27): a terminal in canonical mode keeps at most 4,095 characters
//! of a line, and a SAMLResponse copied from devtools is one 5–10 KB line. The binary runs on a
//! real pseudo-terminal (util-linux `script`, in Debian's essential set) in canonical mode, the
//! paste is typed once the prompt shows, and the whole message must arrive: the paste ends by
//! itself when the message is complete (no Ctrl-D), and blank lines inside XML do not end it.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::*;

/// Runs `samlcheck ARGS` on a pseudo-terminal, types `paste` once the prompt shows, and returns
/// what the terminal showed and the exit code.
fn on_terminal(args: &str, paste: &[u8]) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("samlcheck");
    let inner = format!("NO_COLOR=1 {} {args}", bin.display());
    let mut child = Command::new("script")
        .args(["-qfec", &inner, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux `script` (bsdutils) runs the binary on a pseudo-terminal");
    let mut out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            let _ = tx.send(buf[..n].to_vec());
        }
    });
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&seen).contains("paste the message") {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(b) => seen.extend(b),
            Err(_) if Instant::now() > deadline => {
                panic!("no prompt: {}", String::from_utf8_lossy(&seen))
            }
            Err(_) => {}
        }
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(paste).unwrap();
    stdin.flush().unwrap();
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(b) => seen.extend(b),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(_) if Instant::now() > deadline => {
                let _ = child.kill();
                panic!("did not finish: {}", String::from_utf8_lossy(&seen));
            }
            Err(_) => {}
        }
    }
    drop(stdin);
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&seen).into_owned())
}

#[test]
fn a_long_base64_line_pasted_at_a_terminal_arrives_whole() {
    let b64: String = std::fs::read_to_string(td("signed-assertion.b64"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert!(
        b64.len() > 4095,
        "the fixture must exceed the canonical line limit"
    );
    let args = format!("inspect --now {NOW} --cert {}", td("keys/idp.crt"));
    // Enter after the line ends the paste: no Ctrl-D.
    let (code, shown) = on_terminal(&args, format!("{b64}\r").as_bytes());
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("✔ OK response"), "{shown}");
    assert!(shown.contains("characters received"), "{shown}");
}

#[test]
fn pasted_xml_with_blank_lines_ends_when_its_root_closes() {
    let xml = std::fs::read_to_string(td("unsigned.xml"))
        .unwrap()
        .replacen("<saml:Issuer>", "\n\n<saml:Issuer>", 1)
        .replace('\n', "\r");
    let (code, shown) = on_terminal(&format!("inspect --now {NOW}"), xml.as_bytes());
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("response from"), "{shown}");
}

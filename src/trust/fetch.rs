//! Metadata from a URL (`--idp-metadata https://…`, `idp_metadata = "https://…"` in the config):
//! fetched with a real HTTP client (ureq, its TLS from the system's OpenSSL through `ossl::tls`,
//! the server checked against the system's trusted roots and the host name, as curl does;
//! timeouts, a size limit, at most 5 redirects, never from https to http), cached by ETag under
//! the user's cache folder. Only the URL the user gave is contacted
//! (no proxy from the environment); nothing from a captured message ever is. Plain http is
//! refused except on the loopback interface (a local IdP or a test server), and follows no
//! redirect.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// Largest metadata document accepted, bytes.
const MAX: u64 = 16 * 1024 * 1024;

/// Whether `s` names metadata by URL rather than by file.
pub fn is_url(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

/// A fetched document and where its bytes came from.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// e.g. "`https://idp.example/metadata` (downloaded)" or "(not modified, from the cache)".
    pub origin: String,
}

/// The cache folder: `$SAMLCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/samlcheck`, else
/// `~/.cache/samlcheck`.
fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SAMLCHECK_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("samlcheck"))
}

fn loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}

/// Fetches `url`, revalidating a cached copy by ETag. Errors do not repeat the URL: the caller
/// names it.
pub fn fetch(url: &str) -> Result<Fetched, String> {
    let url = url.trim();
    if url.to_ascii_lowercase().starts_with("http://") && !loopback(url) {
        return Err(
            "plain http is refused for metadata (it carries the keys you trust); use https".into(),
        );
    }
    let slot = cache_dir().map(|d| {
        let key = super::cert::sha256_hex(url.as_bytes());
        (d.join(format!("{key}.xml")), d.join(format!("{key}.etag")))
    });
    let cached = slot.as_ref().and_then(|(body, tag)| {
        Some((
            std::fs::read(body).ok()?,
            std::fs::read_to_string(tag).ok()?,
        ))
    });
    // An https URL stays https through every redirect, loopback or not. A plain-http URL (on
    // loopback only, above) follows no redirect at all: it could lead anywhere in plain text.
    let https = url.to_ascii_lowercase().starts_with("https://");
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(30)))
        .max_redirects(if https { 5 } else { 0 })
        .https_only(https)
        // Statuses are judged here, with the answer's own words.
        .http_status_as_error(false)
        // Only the given URL is contacted: no proxy from the environment.
        .proxy(None)
        .user_agent(concat!("samlcheck/", env!("CARGO_PKG_VERSION")))
        .build();
    // TCP, then TLS for https (the server checked against the system's roots and the host).
    use ureq::unversioned::transport::Connector as _;
    let connector =
        ureq::unversioned::transport::TcpConnector::default().chain(crate::ossl::tls::Connector);
    let agent = ureq::Agent::with_parts(
        config,
        connector,
        ureq::unversioned::resolver::DefaultResolver::default(),
    );
    let mut req = agent.get(url);
    if let Some((_, etag)) = &cached {
        req = req.header("If-None-Match", etag.trim());
    }
    let mut resp = req.call().map_err(transport)?;
    let status = resp.status();
    if status.as_u16() == 304 {
        if let Some((body, _)) = cached {
            return Ok(Fetched {
                bytes: body,
                origin: format!("{url} (not modified since cached, ETag matched)"),
            });
        }
    }
    if !status.is_success() {
        let answer = format!(
            "the server answered HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        );
        let answer = answer.trim_end();
        return Err(if status.is_redirection() && !https {
            format!("{answer}: a redirect, which a plain-http URL does not follow")
        } else {
            answer.to_string()
        });
    }
    let etag = resp
        .headers()
        .get("ETag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = match resp.body_mut().with_config().limit(MAX).read_to_vec() {
        Ok(b) => b,
        Err(ureq::Error::BodyExceedsLimit(_)) => {
            return Err("the document is larger than 16 MiB".into())
        }
        Err(e) => return Err(format!("reading the body failed: {}", transport(e))),
    };
    if let (Some((body, tag)), Some(etag)) = (&slot, &etag) {
        // The cache is an optimisation: failing to write it is not an error.
        if let Some(dir) = body.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // The old tag goes first and the body arrives whole (written aside, then renamed), so a
        // failed write never leaves a tag that vouches for a truncated body.
        let aside = body.with_extension("xml.part");
        let _ = std::fs::remove_file(tag);
        let _ = std::fs::write(&aside, &bytes)
            .and_then(|_| std::fs::rename(&aside, body))
            .and_then(|_| std::fs::write(tag, etag));
    }
    Ok(Fetched {
        bytes,
        origin: format!("{url} (downloaded)"),
    })
}

/// A metadata source as users give it: an https URL (fetched as above) or a file (at most
/// 16 MiB, like a fetched document). The origin names where the bytes came from.
pub fn load(source: &std::path::Path) -> Result<Fetched, String> {
    let shown = source.display().to_string();
    if is_url(&shown) {
        return fetch(&shown);
    }
    let f = std::fs::File::open(source).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    f.take(MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX {
        return Err("file is larger than 16 MiB".into());
    }
    Ok(Fetched {
        bytes,
        origin: shown,
    })
}

/// A failed request in words (ureq's own messages carry a category prefix such as "io: "), in
/// printable ASCII.
fn transport(e: ureq::Error) -> String {
    let text = match e {
        ureq::Error::Io(e) => e.to_string(),
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::HostNotFound => "the host name does not resolve".into(),
        ureq::Error::ConnectionFailed => "the connection failed".into(),
        ureq::Error::TooManyRedirects => "too many redirects (more than 5)".into(),
        ureq::Error::RequireHttpsOnly(_) => {
            "a redirect to plain http was refused (metadata carries the keys you trust)".into()
        }
        e => e.to_string(),
    };
    // Some messages quote the server (a Location header): nothing it sends reaches the terminal
    // as a control or an invisible character.
    text.chars()
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_may_use_http() {
        assert!(loopback("http://127.0.0.1:8080/md"));
        assert!(loopback("http://localhost/md"));
        assert!(loopback("http://[::1]:9/md"));
        assert!(!loopback("http://idp.example.com/md"));
        assert!(!loopback("http://127.0.0.1.evil.example/md"));
        assert!(fetch("http://idp.example.com/metadata")
            .unwrap_err()
            .contains("plain http is refused"));
    }
}

//! Metadata from a URL against a local HTTP server on 127.0.0.1: downloaded, cached and
//! revalidated by ETag, HTTP errors and endless redirects refused in one line, plain http to a
//! remote host refused, and nothing but the given URL ever requested.

use crate::common::*;
use std::io::{BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// Serves idp-metadata.xml at /md (ETag "v1"; 304 when If-None-Match matches), 404 elsewhere,
/// and /loop redirects to itself. Returns the base URL and the request lines seen.
fn server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let body = text("idp-metadata.xml");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let head = read_request_head(&mut BufReader::new(stream.try_clone().unwrap()));
            let request = head.first().cloned().unwrap_or_default();
            let etag_match = head.iter().any(|line| {
                line.to_ascii_lowercase().starts_with("if-none-match:") && line.contains("\"v1\"")
            });
            log.lock().unwrap().push(format!(
                "{request}{}",
                if etag_match { " [etag]" } else { "" }
            ));
            let resp = if request.starts_with("GET /md ") && etag_match {
                "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".to_string()
            } else if request.starts_with("GET /md ") {
                format!("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Type: application/samlmetadata+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
            } else if request.starts_with("GET /loop ") {
                "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
            } else {
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            };
            let _ = stream.write_all(resp.as_bytes());
        }
    });
    (base, seen)
}

fn verify_with(url: &str, cache: &std::path::Path) -> (i32, String, String) {
    verify_trusting(url, cache, None)
}

/// `verify` of signed-assertion.xml with the metadata at `url`, `cache` as the cache folder and
/// `roots`, when given, as OpenSSL's trusted roots (`SSL_CERT_FILE`; else the system's).
fn verify_trusting(
    url: &str,
    cache: &std::path::Path,
    roots: Option<&std::path::Path>,
) -> (i32, String, String) {
    let mut cmd = bin();
    cmd.env("SAMLCHECK_CACHE_DIR", cache)
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
    if let Some(r) = roots {
        cmd.env("SSL_CERT_FILE", r);
    }
    let out = cmd
        .args([
            "verify",
            "--format",
            "json",
            "--now",
            NOW,
            "--idp-metadata",
            url,
        ])
        .arg(td("signed-assertion.xml"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn metadata_is_fetched_cached_by_etag_and_named_by_its_url() {
    let (base, seen) = server();
    let cache = tempfile::tempdir().unwrap();
    let url = format!("{base}/md");
    let (code, out, err) = verify_with(&url, cache.path());
    assert_eq!(code, 0, "{err}{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let source = v["trusted_keys"][0]["source"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        source.contains(&url) && source.contains("downloaded"),
        "{v}"
    );
    // The second run revalidates with If-None-Match and uses the cached copy.
    let (code, out, _) = verify_with(&url, cache.path());
    assert_eq!(code, 0);
    assert!(out.contains("ETag matched"), "{out}");
    let requests = seen.lock().unwrap().clone();
    assert_eq!(
        requests,
        ["GET /md HTTP/1.1", "GET /md HTTP/1.1 [etag]"],
        "only the given URL, once per run"
    );
}

#[test]
fn http_errors_redirect_loops_and_remote_plain_http_are_one_line_usage_errors() {
    let (base, _) = server();
    let cache = tempfile::tempdir().unwrap();
    let (code, out, err) = verify_with(&format!("{base}/missing"), cache.path());
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("HTTP 404"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, _, err) = verify_with(&format!("{base}/loop"), cache.path());
    assert_eq!(code, 2);
    assert!(err.to_lowercase().contains("redirect"), "{err}");
    let (code, _, err) = verify_with("http://idp.example.com/metadata", cache.path());
    assert_eq!(code, 2);
    assert!(err.contains("plain http is refused"), "{err}");
}

/// An https server on 127.0.0.1 with a fresh self-signed certificate for `localhost`, serving
/// idp-metadata.xml at /md; /loop redirects to itself and /down to `down`. Returns its port and
/// the certificate (PEM).
fn tls_server(down: String) -> (u16, Vec<u8>) {
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::ssl::{SslAcceptor, SslMethod};
    use openssl::x509::extension::SubjectAlternativeName;
    use openssl::x509::{X509NameBuilder, X509};
    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut cert = X509::builder().unwrap();
    cert.set_version(2).unwrap();
    cert.set_subject_name(&name).unwrap();
    cert.set_issuer_name(&name).unwrap();
    cert.set_pubkey(&key).unwrap();
    cert.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    cert.set_not_after(&Asn1Time::days_from_now(2).unwrap())
        .unwrap();
    let san = SubjectAlternativeName::new()
        .dns("localhost")
        .build(&cert.x509v3_context(None, None))
        .unwrap();
    cert.append_extension(san).unwrap();
    cert.sign(&key, MessageDigest::sha256()).unwrap();
    let cert = cert.build();
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_private_key(&key).unwrap();
    acceptor.set_certificate(&cert).unwrap();
    let acceptor = acceptor.build();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let body = text("idp-metadata.xml");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            // A client that refuses the certificate ends the handshake: no request follows.
            let Ok(mut tls) = acceptor.accept(stream) else {
                continue;
            };
            let head = read_request_head(&mut BufReader::new(&mut tls));
            let request = head.first().cloned().unwrap_or_default();
            let resp = if request.starts_with("GET /loop ") {
                "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
            } else if request.starts_with("GET /down ") {
                format!("HTTP/1.1 302 Found\r\nLocation: {down}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            };
            let _ = tls.write_all(resp.as_bytes());
            let _ = tls.shutdown();
        }
    });
    (port, cert.to_pem().unwrap())
}

/// Metadata carries the keys samlcheck trusts, so its https is checked against the system's
/// roots and the host name: a certificate no root vouches for, or one for another name, is
/// refused; the same server trusted through OpenSSL's own `SSL_CERT_FILE` is accepted.
#[test]
fn https_metadata_is_trusted_only_through_the_systems_roots_and_the_host_name() {
    let (port, pem) = tls_server(String::new());
    let dir = tempfile::tempdir().unwrap();
    let roots = dir.path().join("roots.pem");
    std::fs::write(&roots, pem).unwrap();
    let cache = dir.path().join("cache");
    let fetch = |host: &str, roots: Option<&std::path::Path>| {
        verify_trusting(&format!("https://{host}:{port}/md"), &cache, roots)
    };
    let (code, out, err) = fetch("localhost", None);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("certificate verify failed"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, _, err) = fetch("127.0.0.1", Some(&roots));
    assert_eq!(code, 2, "a certificate for another name: {err}");
    assert!(err.contains("mismatch"), "{err}");
    let (code, out, err) = fetch("localhost", Some(&roots));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(downloaded)"), "{out}");
}

/// Redirects: an https URL — loopback included — never continues in plain http, and at most 5
/// redirects are followed; a plain-http loopback URL follows none, since it could lead anywhere
/// in plain text.
#[test]
fn https_never_redirects_to_http_and_plain_http_follows_no_redirect() {
    let (base, seen) = server();
    let (port, pem) = tls_server(format!("{base}/md"));
    let dir = tempfile::tempdir().unwrap();
    let roots = dir.path().join("roots.pem");
    std::fs::write(&roots, pem).unwrap();
    let cache = dir.path().join("cache");
    let fetch = |url: &str| {
        let (code, out, err) = verify_trusting(url, &cache, Some(&roots));
        assert_eq!(code, 2, "{url}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        err
    };
    let err = fetch(&format!("https://localhost:{port}/down"));
    assert!(err.contains("redirect to plain http was refused"), "{err}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "the plain-http target was contacted"
    );
    let err = fetch(&format!("https://localhost:{port}/loop"));
    assert!(err.contains("too many redirects"), "{err}");
    let err = fetch(&format!("{base}/loop"));
    assert!(err.contains("302") && err.contains("redirect"), "{err}");
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "one request, no redirect followed"
    );
}

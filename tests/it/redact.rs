//! `--redact`: over every capture in testdata/, no personal value of the unredacted report
//! (NameID, emails, attribute values, InResponseTo, RelayState, session indexes) appears in the
//! redacted text, JSON or Markdown report or in `decode --redact` XML — which still parses — and
//! verdicts and finding codes are those of the unredacted run.

use crate::common::*;
use serde_json::Value;

/// Every capture file under testdata/ (messages, HARs, exports; not keys, scripts or docs).
fn captures() -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(td(""))];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                if !["keys", "regressions", "__pycache__"].contains(&name.as_str()) {
                    dirs.push(p);
                }
            } else if [
                ".xml",
                ".b64",
                ".form",
                ".urlencoded",
                ".url",
                ".har",
                ".json",
            ]
            .iter()
            .any(|x| name.ends_with(x))
                && !name.contains("metadata")
            {
                out.push(p.display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// The personal values of an unredacted JSON report (one message or an array).
fn personal(v: &Value, out: &mut Vec<String>) {
    let reports = if v.is_array() {
        v.as_array().unwrap().clone()
    } else {
        vec![v.clone()]
    };
    for r in &reports {
        let mut add = |x: &Value| {
            if let Some(s) = x.as_str() {
                let s = s.trim();
                let generic = ["false", "true", "member", "student", "faculty", "staff"];
                if s.len() >= 5
                    && !s.contains("${")
                    && !s.starts_with("http")
                    && !s.starts_with('{')
                    && !generic.contains(&s)
                {
                    out.push(s.to_string());
                }
            }
        };
        add(&r["subject"]["name_id"]);
        add(&r["email"]["value"]);
        add(&r["in_response_to"]);
        add(&r["relay_state"]);
        add(&r["request"]["name_id"]);
        add(&r["request"]["session_index"]);
        for a in r["attributes"].as_array().into_iter().flatten() {
            for x in a["values"].as_array().into_iter().flatten() {
                add(x);
            }
        }
    }
}

fn verdicts_and_codes(v: &Value) -> Vec<(String, Vec<String>)> {
    let reports = if v.is_array() {
        v.as_array().unwrap().clone()
    } else {
        vec![v.clone()]
    };
    reports
        .iter()
        .map(|r| (r["verdict"].to_string(), codes(r)))
        .collect()
}

/// Redacts one capture in every output, each in its own process as a user redacts one file (a
/// batch shares one pseudonym table, which could hide a value this file fails to learn, and
/// judges a message another file also carries as a replay). Returns whether the capture carried
/// a report to redact.
fn redacts_every_personal_value(file: &str) -> bool {
    let plain = |extra: &[&str]| {
        let mut args = vec!["inspect", "--now", NOW, "--cert"];
        let cert = td("keys/idp.crt");
        args.push(&cert);
        args.extend_from_slice(extra);
        args.push(file);
        run(&args)
    };
    let (code, out, _) = plain(&["--format", "json"]);
    if code != 0 {
        return false; // input errors carry no report to redact
    }
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut values = Vec::new();
    personal(&v, &mut values);
    // A value that is part of the IdP's or SP's URLs (Entra's tenant ID in its Issuer) is
    // configuration, which redaction keeps by design.
    let urls = [&v["issuer"], &v["destination"]]
        .iter()
        .filter_map(|x| x.as_str())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    values.retain(|x| !urls.contains(x.as_str()));
    values.sort();
    values.dedup();
    let (_, red_json, _) = plain(&["--format", "json", "--redact"]);
    let rv: Value = serde_json::from_str(&red_json).unwrap();
    assert_eq!(verdicts_and_codes(&v), verdicts_and_codes(&rv), "{file}");
    let (_, red_human, _) = plain(&["--redact"]);
    let (_, red_md, _) = plain(&["--format", "markdown", "--redact"]);
    let (_, red_html, _) = plain(&["--format", "html", "--redact"]);
    let (_, red_xml, _) = run(&["decode", "--redact", file]);
    for x in red_xml.split("<!-- ").filter(|x| !x.trim().is_empty()) {
        let body = x.split_once("-->\n").map_or(x, |(_, b)| b);
        let mut reader = quick_xml::Reader::from_str(body);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{file}: decode --redact output does not parse: {e}"),
            }
        }
    }
    for value in &values {
        for (what, out) in [
            ("json", &red_json),
            ("human", &red_human),
            ("markdown", &red_md),
            ("html", &red_html),
            ("xml", &red_xml),
        ] {
            assert!(
                !out.contains(value.as_str()),
                "{file}: {value:?} leaked into the redacted {what} output"
            );
        }
    }
    true
}

#[test]
fn no_personal_value_survives_redaction_in_any_output() {
    // About 1,100 processes, shared out over the cores; each capture still in processes of its own.
    let files = captures();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let checked = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                if redacts_every_personal_value(file) {
                    checked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    let checked = checked.into_inner();
    assert!(checked > 30, "only {checked} captures checked");
}

#[test]
fn placeholders_urls_and_shapes_stay_for_triage() {
    let (_, v) = ijson(&["--redact", &td("placeholder-email.xml")]);
    assert_eq!(v["subject"]["name_id"], "${user:email}");
    assert_eq!(
        v["destination"],
        "https://analytics.amplitude.com/saml/sso/123456"
    );
    let (_, v) = ijson(&["--redact", &td("signed-assertion.xml")]);
    assert_eq!(v["subject"]["name_id"], "user1@redacted.invalid");
    assert_eq!(
        v["email"]["value"], "user1@redacted.invalid",
        "the same value, the same token"
    );
    let (_, v) = ijson(&["--redact", "--redact-urls", &td("signed-assertion.xml")]);
    assert_eq!(
        v["destination"],
        "https://host2.redacted.invalid/saml/sso/123456"
    );
}

/// The leaks of issue 27: the input's file name, an email in a StatusMessage, an email in a
/// redirect path, and emails written `%40`- or `&#64;`-encoded — none survives in any format.
#[test]
fn file_names_status_messages_paths_and_encoded_emails_are_redacted() {
    let har = std::fs::read_to_string(td("flows/sp-302-error.har")).unwrap().replace(
        "login?error=user_not_provisioned",
        "users/jane.doe%40acme.example/login?error=user_not_provisioned&amp;who=jane.doe&#64;acme.example",
    );
    assert!(har.contains("jane.doe%40acme.example"));
    let dir = tempfile::tempdir().unwrap();
    let har_path = dir.path().join("ZD-4411 jane.doe@acme.example.har");
    std::fs::write(&har_path, har).unwrap();
    let xml = std::fs::read_to_string(td("status-denied.xml")).unwrap();
    let status = if xml.contains("<samlp:StatusMessage>") {
        xml.replacen(
            "<samlp:StatusMessage>",
            "<samlp:StatusMessage>user mallory.x@acme.example is not assigned; ",
            1,
        )
    } else {
        xml.replacen(
            "</samlp:StatusCode></samlp:Status>",
            "</samlp:StatusCode><samlp:StatusMessage>user mallory.x@acme.example is not assigned</samlp:StatusMessage></samlp:Status>",
            1,
        )
    };
    assert!(
        status.contains("mallory.x@acme.example"),
        "fixture shape changed"
    );
    let xml_path = dir.path().join("status.xml");
    std::fs::write(&xml_path, status).unwrap();
    for path in [&har_path, &xml_path] {
        let p = path.to_str().unwrap();
        for format in ["json", "human", "markdown", "html", "sarif"] {
            let (_, out, err) = run(&["inspect", "--now", NOW, "--redact", "--format", format, p]);
            for leak in ["jane.doe", "ZD-4411", "mallory.x", "acme.example"] {
                assert!(
                    !out.contains(leak) && !err.contains(leak),
                    "{leak} leaked from {p} in {format}:\n{out}{err}"
                );
            }
        }
    }
}

//! Whole sign-ins (issue 19): HAR and SAML-tracer captures judged as the flow they record, at the
//! time they recorded it. Fixtures: testdata/flows.py.

use crate::common::*;
use serde_json::Value;

/// What a fixture is verified with: the AWS IAM Identity Center metadata for the captures of that
/// IdP; the signing certificate alone for captures of other IdPs (Entra, Okta, Google error
/// pages: their requests go to those IdPs, not to the AWS metadata's SSO URL); the SP's indexed
/// metadata where the SP's ACS endpoints are the point. `path` makes a fixture path.
fn keys(file: &str, path: fn(&str) -> String) -> Vec<String> {
    let other_idp = ["entra-", "google-", "okta-", "stopped-at-login"]
        .iter()
        .any(|p| file.starts_with(p));
    let mut args = if other_idp {
        vec!["--cert".to_string(), path("keys/idp.crt")]
    } else {
        vec!["--idp-metadata".to_string(), path("idp-metadata.xml")]
    };
    if ["acs-index-other", "binding-artifact", "entra-aadsts50011"]
        .iter()
        .any(|p| file.starts_with(p))
    {
        args.extend([
            "--sp-metadata".to_string(),
            path("flows/sp-metadata-indexed.xml"),
        ]);
    }
    args
}

/// `verify --format json` of a flow fixture (with [`keys`]), without --now: judged at capture time.
fn flow(file: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let path = td(&format!("flows/{file}"));
    let keys = keys(file, td);
    let mut args = vec!["verify", "--format", "json"];
    args.extend(keys.iter().map(String::as_str));
    args.extend_from_slice(extra);
    args.push(&path);
    let (code, v) = json(&args);
    let list = match v {
        Value::Array(a) => a,
        one => vec![one],
    };
    (code, list)
}

/// The sign-ins of a capture, gathered from its messages (each carries the one it belongs to).
fn all_flows(list: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for f in list.iter().filter_map(|m| m["flows"].as_array()).flatten() {
        if !out.iter().any(|o| o["index"] == f["index"]) {
            out.push(f.clone());
        }
    }
    out.sort_by_key(|f| f["index"].as_u64());
    out
}

fn response(list: &[Value]) -> &Value {
    list.iter()
        .rev()
        .find(|r| r["message"] == "response")
        .expect("a response")
}

fn human(file: &str) -> String {
    let path = td(&format!("flows/{file}"));
    let keys = keys(file, td);
    let mut args = vec!["verify"];
    args.extend(keys.iter().map(String::as_str));
    args.push(&path);
    run(&args).1
}

#[test]
fn a_healthy_capture_older_than_a_year_passes_at_its_own_time() {
    let (code, list) = flow("healthy-2025.har", &[]);
    assert_eq!(code, 0, "{list:?}");
    let r = response(&list);
    assert_eq!(r["time_basis"], "capture");
    assert!(r["judged_at"]
        .as_str()
        .unwrap()
        .starts_with("2025-06-02T10:00:03"));
    // The unsigned AuthnRequest is context for the sign-in, not a failure of its own.
    assert_eq!(list[0]["message"], "authn_request");
    assert_eq!(list[0]["verdict"], "context");
    // --at now judges it at the real clock: long expired.
    let (code, list) = flow("healthy-2025.har", &["--at", "now"]);
    assert_eq!(code, 1);
    assert!(has_code(response(&list), "time-expired"));
    // --now wins over the capture's time.
    let (code, _) = flow("healthy-2025.har", &["--now", "2030-01-01T00:00:00Z"]);
    assert_eq!(code, 1);
}

#[test]
fn the_human_report_opens_with_the_flow() {
    let out = human("healthy-2025.har");
    let first: Vec<&str> = out.lines().take(5).collect();
    assert!(
        first[0].starts_with("Sign-in ")
            && first[0].contains("flows/healthy-2025.har — completed: no hop failed"),
        "{out}"
    );
    assert!(
        first[1].contains("10:00:00 SP  GET  https://analytics.amplitude.com/login → 302"),
        "{out}"
    );
    assert!(first[2].contains("IdP GET  https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz?…  AuthnRequest _req1 · sent → 200"), "{out}");
    assert!(first[3].contains("SP  POST https://analytics.amplitude.com/saml/sso/123456  Response to _req1 · Success · ok → 302"), "{out}");
    assert!(out.contains("when the capture recorded it"), "{out}");
}

/// `flows` in JSON: every message of a capture carries its sign-ins and its place in them.
#[test]
fn json_carries_the_sign_ins_and_the_hop_they_broke_at() {
    let (code, list) = flow("sp-302-error.har", &[]);
    assert_eq!(code, 1);
    // Each sign-in is carried once, by its first message; every message carries its place.
    let carried: Vec<&Value> = list
        .iter()
        .filter_map(|m| m["flows"].as_array())
        .flatten()
        .collect();
    assert_eq!(carried.len(), 1, "{list:?}");
    for (k, m) in list.iter().enumerate() {
        assert_eq!(m["flow"]["sign_in"], 1, "{m}");
        assert_eq!(m["flow"]["message"], k + 1, "{m}");
    }
    let f = &list[0]["flows"][0];
    assert_eq!(f["index"], 1);
    assert_eq!(f["verdict"], "fail");
    assert_eq!(f["broken_hop"], 3);
    assert_eq!(f["cause"], "sp-answer-error");
    let hops = f["hops"].as_array().unwrap();
    assert_eq!(hops.len(), 4);
    assert_eq!(hops[0]["party"], "sp");
    assert_eq!(hops[0]["status"], 302);
    assert_eq!(hops[1]["party"], "idp");
    assert_eq!(hops[1]["message"], "authn_request");
    assert_eq!(hops[1]["message_index"], 1);
    assert_eq!(hops[2]["message"], "response");
    assert_eq!(hops[2]["verdict"], "fail");
    assert_eq!(hops[2]["saml_status"], "Success");
    assert_eq!(hops[2]["time"], "2026-01-15T10:00:03Z");
    assert_eq!(
        hops[2]["location"],
        "https://analytics.amplitude.com/login?error=user_not_provisioned"
    );
    assert_eq!(response(&list)["flow"]["sign_in"], 1);
    assert_eq!(response(&list)["flow"]["hop"], 3);

    // An IdP error page: broken at the IdP's hop, with its code.
    let (_, list) = flow("entra-aadsts50105.har", &[]);
    let f = &list.iter().find(|m| m["flows"].is_array()).expect("flows")["flows"][0];
    assert_eq!(f["cause"], "idp-error-page");
    let at = f["broken_hop"].as_u64().unwrap() as usize;
    assert_eq!(f["hops"][at - 1]["idp_error"], "AADSTS50105");
    assert_eq!(f["hops"][at - 1]["party"], "idp");

    // A capture that ends at the IdP's login page: incomplete, not passed.
    let (code, list) = flow("stopped-at-login.har", &[]);
    assert_eq!(code, 0);
    assert_eq!(list[0]["flows"][0]["verdict"], "incomplete");
    assert_eq!(list[0]["flows"][0]["cause"], "flow-no-response");

    // A Response posted twice: two sign-ins, the second broken by the replay.
    let (_, list) = flow("replay.har", &[]);
    let flows = all_flows(&list);
    assert_eq!(flows.len(), 2);
    assert_eq!(flows[0]["verdict"], "pass");
    assert_eq!(flows[1]["cause"], "assertion-replayed");

    // A healthy sign-in passes as a flow too.
    let (_, list) = flow("healthy-2025.har", &[]);
    assert_eq!(list[0]["flows"][0]["verdict"], "pass");
    assert!(list[0]["flows"][0]["broken_hop"].is_null());
}

/// `verify --format json` of a flow fixture, and `verify --redact` of it in every format that
/// shows values (json, human, markdown, html).
fn plain_and_redacted(file: &str) -> (String, Vec<(&'static str, String)>) {
    let (path, md) = (td(&format!("flows/{file}")), td("idp-metadata.xml"));
    let (_, plain, _) = run(&["verify", "--format", "json", "--idp-metadata", &md, &path]);
    let redacted = ["json", "human", "markdown", "html"]
        .into_iter()
        .map(|format| {
            let args = [
                "verify",
                "--redact",
                "--format",
                format,
                "--idp-metadata",
                &md,
                &path,
            ];
            (format, run(&args).1)
        })
        .collect();
    (plain, redacted)
}

/// `--redact` covers every URL query value wherever it shows (the RelayState deep link, the
/// SP's error redirect, finding messages that quote them, the flow's hops), in every format;
/// error codes stay (they name the failure, not the user).
#[test]
fn redaction_covers_urls_everywhere_and_keeps_error_codes() {
    let (plain, redacted) = plain_and_redacted("redact-relay.har");
    assert!(
        plain.contains("bob.secret"),
        "the fixture carries the email"
    );
    for (format, out) in redacted {
        for secret in ["bob.secret", "contoso.com", "SEKRET123", "bob%2Esecret"] {
            assert!(!out.contains(secret), "{format} leaks {secret}: {out}");
        }
        assert!(
            out.contains("error=user_not_provisioned"),
            "{format}: {out}"
        );
    }
    let (_, list) = flow("redact-relay.har", &["--redact"]);
    let f = &list[0]["flows"][0];
    assert_eq!(f["cause"], "sp-answer-error");
    assert!(
        f["cause_message"]
            .as_str()
            .unwrap()
            .contains("error_description=redacted-"),
        "{f}"
    );
}

#[test]
fn a_stale_in_response_to_is_named() {
    let (code, list) = flow("stale-in-response-to.har", &[]);
    assert_eq!(code, 1);
    let f = finding(response(&list), "flow-in-response-to");
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("\"_reqA\"") && m.contains("\"_reqB\"") && m.contains("earlier AuthnRequest"),
        "{m}"
    );
}

#[test]
fn the_requested_acs_is_compared_with_where_the_response_went() {
    let (code, list) = flow("acs-mismatch.har", &[]);
    assert_eq!(code, 1);
    let r = response(&list);
    let msgs: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "flow-acs-mismatch")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(msgs.iter().any(|m| m.contains("Destination")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("posted to")), "{msgs:?}");
    assert!(msgs[0].contains("path segment differs"), "{msgs:?}");
}

#[test]
fn nameid_policy_and_authn_context_are_compared() {
    let (code, list) = flow("nameid-authn-mismatch.har", &[]);
    assert_eq!(code, 0, "warnings only");
    let r = response(&list);
    assert!(finding(r, "flow-nameid-format")["message"]
        .as_str()
        .unwrap()
        .contains("persistent"));
    assert!(finding(r, "flow-authn-context")["hint"]
        .as_str()
        .unwrap()
        .contains("AADSTS75011"));
}

#[test]
fn audience_and_relay_state_follow_the_request() {
    let (code, list) = flow("audience-other.har", &[]);
    assert_eq!(code, 1);
    assert!(finding(response(&list), "flow-audience")["hint"]
        .as_str()
        .unwrap()
        .contains("https://amplitude.com/saml/sso/metadata"));
    let (code, list) = flow("relay-state-replaced.har", &[]);
    assert_eq!(code, 1);
    assert!(finding(response(&list), "flow-relay-state")["hint"]
        .as_str()
        .unwrap()
        .contains("Default RelayState"));
}

#[test]
fn the_responses_own_defect_leads_and_the_sps_refusal_corroborates() {
    let (code, list) = flow("audience-sp-refused.har", &["--profile", "amplitude"]);
    assert_eq!(code, 1);
    let r = response(&list);
    assert_eq!(
        r["findings"][0]["code"],
        "audience-mismatch",
        "{:?}",
        codes(r)
    );
    let sp = finding(r, "sp-answer-error");
    assert!(
        sp["message"]
            .as_str()
            .unwrap()
            .contains("audience-mismatch"),
        "{sp}"
    );
    let hint = sp["hint"].as_str().unwrap();
    assert!(!hint.contains("provision"), "{hint}");
    // One finding for one cause: the flow's audience comparison does not repeat it.
    assert!(!has_code(r, "flow-audience"), "{:?}", codes(r));
    // A clean Response refused by the SP: the SP's answer leads with the SP-side fix.
    let (_, list) = flow("sp-302-error.har", &[]);
    let sp = finding(response(&list), "sp-answer-error");
    assert!(sp["hint"].as_str().unwrap().contains("provision"), "{sp}");
}

#[test]
fn the_sps_answer_is_the_finding() {
    let (code, list) = flow("sp-302-error.har", &[]);
    assert_eq!(code, 1);
    let r = response(&list);
    assert_eq!(r["findings"][0]["code"], "sp-answer-error");
    assert!(r["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("user_not_provisioned"));
    assert_eq!(r["http"]["status"], 302);
    let (code, list) = flow("sp-500.har", &[]);
    assert_eq!(code, 1);
    assert!(finding(response(&list), "sp-answer-error")["message"]
        .as_str()
        .unwrap()
        .contains("HTTP 500"));
    let (_, list) = flow("cookie-samesite.har", &[]);
    let r = response(&list);
    assert!(finding(r, "sp-cookie-samesite")["message"]
        .as_str()
        .unwrap()
        .contains("amp_sess"));
    assert!(
        has_code(r, "sp-answer-error"),
        "the redirect back to the login page"
    );
}

#[test]
fn idp_error_pages_are_recognised_with_their_fix() {
    for (file, code, fix) in [
        ("entra-aadsts50105.har", "AADSTS50105", "Users and groups"),
        (
            "entra-aadsts75011.har",
            "AADSTS75011",
            "RequestedAuthnContext",
        ),
        (
            "google-app-not-configured.har",
            "app_not_configured_for_user",
            "User access",
        ),
        ("okta-not-assigned.har", "okta-not-assigned", "Assignments"),
    ] {
        let (exit, list) = flow(file, &[]);
        assert_eq!(exit, 1, "{file}");
        assert_eq!(list.len(), 1, "{file}: only the AuthnRequest");
        let f = &list[0]["findings"][0];
        assert_eq!(f["code"], "idp-error-page", "{file}: {f}");
        assert!(f["message"].as_str().unwrap().contains(code), "{file}: {f}");
        assert!(f["hint"].as_str().unwrap().contains(fix), "{file}: {f}");
    }
    let out = human("entra-aadsts50105.har");
    assert!(
        out.contains(
            "most likely cause: idp-error-page — Microsoft Entra ID answered with AADSTS50105"
        ),
        "{out}"
    );
}

#[test]
fn a_response_posted_twice_is_a_replay() {
    let (code, list) = flow("replay.har", &[]);
    assert_eq!(code, 1);
    let responses: Vec<&Value> = list.iter().filter(|r| r["message"] == "response").collect();
    assert_eq!(responses.len(), 2);
    assert_eq!(responses[0]["verdict"], "pass");
    assert!(has_code(responses[1], "assertion-replayed"));
}

#[test]
fn masked_and_removed_saml_tracer_exports_are_read_from_their_decoded_xml() {
    for file in ["tracer-masked.json", "tracer-removed.json"] {
        let (code, list) = flow(file, &[]);
        assert_eq!(code, 0, "{file}: {list:?}");
        let r = &list[0];
        assert_eq!(r["subject"]["authenticated"], true);
        assert_eq!(r["time_basis"], "capture");
        assert_eq!(r["http"]["status"], 302);
    }
}

#[test]
fn redaction_covers_relay_state_and_urls_in_the_flow() {
    let (_, out, _) = run(&[
        "verify",
        "--redact",
        "--format",
        "json",
        "--idp-metadata",
        &td("idp-metadata.xml"),
        &td("flows/sp-302-error.har"),
    ]);
    assert!(!out.contains("/projects/42"), "{out}");
    assert!(!out.contains("user_not_provisioned") || !out.contains("alice@example.com"));
}

#[test]
fn human_snapshots_of_whole_sign_ins() {
    for file in [
        "healthy-2025.har",
        "sp-302-error.har",
        "entra-aadsts50105.har",
        "stale-in-response-to.har",
        "acs-mismatch.har",
        "nameid-authn-mismatch.har",
        "sp-500.har",
        "cookie-samesite.har",
        "entra-aadsts75011.har",
        "google-app-not-configured.har",
        "okta-not-assigned.har",
        "replay.har",
        "tracer-masked.json",
        "tracer-removed.json",
        "acs-index-other.har",
        "binding-artifact.har",
        "entra-aadsts50011.har",
    ] {
        let path = format!("testdata/flows/{file}");
        let keys = keys(file, |p| format!("testdata/{p}"));
        let mut args = vec!["verify"];
        args.extend(keys.iter().map(String::as_str));
        args.push(&path);
        let (_, out, _) = run(&args);
        // The closing line carries a measured rate.
        let out: String = out
            .lines()
            .filter(|l| !l.contains("messages/s"))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("flow_{}", file.replace(['.', '-'], "_")), out);
    }
}

#[test]
fn force_authn_that_reused_a_session_is_named() {
    let (code, list) = flow("force-authn-reused.har", &[]);
    assert_eq!(code, 0, "a warning");
    let f = finding(response(&list), "flow-force-authn");
    assert!(f["message"].as_str().unwrap().contains("1h"), "{f}");
}

#[test]
fn a_capture_without_the_idps_answer_says_so() {
    let (code, list) = flow("stopped-at-login.har", &[]);
    assert_eq!(code, 0, "a warning: nothing failed, nothing completed");
    let f = finding(&list[0], "flow-no-response");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("Sign in to your account"),
        "{f}"
    );
    let out = human("stopped-at-login.har");
    assert!(out.contains("most likely cause: flow-no-response"), "{out}");
}

#[test]
fn the_html_report_draws_the_sign_in() {
    let (_, out, _) = run(&[
        "verify",
        "--format",
        "html",
        "--idp-metadata",
        &td("idp-metadata.xml"),
        &td("flows/sp-302-error.har"),
    ]);
    let at = out.find("<h2>Sign-in 1 ").expect("a sign-in section");
    let section = &out[at..];
    assert!(section.contains("broke at hop 3"), "{section}");
    assert!(section.contains("AuthnRequest _req1 · sent"), "{section}");
    // The request is context: never the page's largest heading, never a green verdict.
    assert!(
        section.contains("<h3 class=\"dim\">· CONTEXT: SAML authn request</h3>"),
        "{section}"
    );
    assert!(!section.contains("PASS: SAML authn request"), "{section}");
    assert!(
        section
            .contains("<span class=\"fail\">✗</span> <span class=\"dim\">10:00:03 SP</span> POST"),
        "{section}"
    );
    assert!(
        section.contains("Response to _req1 · Success · problems → <code>302 https://analytics.amplitude.com/login?error=user_not_provisioned</code>"),
        "{section}"
    );
    assert!(section.contains("200 &quot;Amplitude&quot;"), "{section}");
}

#[test]
fn a_request_sent_to_another_idp_url_is_named() {
    let xml = std::fs::read_to_string(td("authnrequest.xml"))
        .unwrap()
        .replace("saml/assertion/MTIz\"", "saml/assertion/OLD\"");
    let (_, v) = inspect_stdin(&["--idp-metadata", &td("idp-metadata.xml")], xml);
    let f = finding(&v, "request-destination-mismatch");
    assert!(
        f["hint"].as_str().unwrap().contains("saml/assertion/MTIz"),
        "{f}"
    );
}

/// AssertionConsumerServiceIndex (core §3.4.1): the index names an ACS in the SP metadata, and the
/// Response must arrive there.
#[test]
fn an_acs_index_is_resolved_in_the_sp_metadata() {
    let (code, list) = flow("acs-index-other.har", &[]);
    assert_eq!(code, 1);
    assert_eq!(list[0]["request"]["acs_index"], "1");
    assert_eq!(
        list[0]["request"]["acs_from_metadata"]["location"],
        "https://analytics.amplitude.com/saml/sso/654321"
    );
    let f = finding(response(&list), "flow-acs-mismatch");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("AssertionConsumerServiceIndex 1, which the SP metadata maps to \"https://analytics.amplitude.com/saml/sso/654321\""),
        "{f}"
    );
    assert!(
        f["hint"].as_str().unwrap().contains("saml/sso/654321"),
        "{f}"
    );
    // Without the SP metadata the index names nothing samlcheck can compare.
    let (code, list) = json(&[
        "verify",
        "--format",
        "json",
        "--idp-metadata",
        &td("idp-metadata.xml"),
        &td("flows/acs-index-other.har"),
    ]);
    assert_eq!(code, 0);
    assert!(!has_code(&list[1], "flow-acs-mismatch"));
}

/// The request's ProtocolBinding against the binding the Response arrived over.
#[test]
fn a_response_over_another_binding_than_requested_is_named() {
    let (code, list) = flow("binding-artifact.har", &[]);
    assert_eq!(code, 0, "a warning");
    let f = finding(response(&list), "flow-protocol-binding");
    assert_eq!(f["severity"], "warning");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("over HTTP-Artifact"),
        "{f}"
    );
    // A healthy sign-in that asked for HTTP-POST and got it has no such finding.
    let (_, list) = flow("healthy-2025.har", &[]);
    assert!(!has_code(response(&list), "flow-protocol-binding"));
}

/// An SP behind a TLS-terminating proxy requests an http:// ACS; Entra answers AADSTS50011.
#[test]
fn a_requested_acs_the_sp_does_not_publish_is_named() {
    let (code, list) = flow("entra-aadsts50011.har", &[]);
    assert_eq!(code, 1);
    let f = finding(&list[0], "request-acs-unknown");
    let m = f["message"].as_str().unwrap();
    assert!(
        m.contains("\"http://analytics.amplitude.com/saml/sso/123456\""),
        "{m}"
    );
    assert!(m.contains("X-Forwarded-Proto"), "{m}");
    assert!(!m.contains("the IdP is configured"), "{m}");
    assert!(has_code(&list[0], "idp-error-page"));
    assert_eq!(list[0]["flows"][0]["hops"][1]["idp_error"], "AADSTS50011");
    // A request for the ACS the SP publishes is fine.
    let (_, list) = flow("binding-artifact.har", &[]);
    assert!(!has_code(&list[0], "request-acs-unknown"));
}

/// With a profile, fixes name the SP's own console: where Amplitude shows the ACS URL it expects,
/// where its IdP metadata is uploaded.
#[test]
fn fixes_name_the_sp_console_of_the_profile() {
    let (_, list) = flow("acs-mismatch.har", &["--profile", "amplitude"]);
    let f = finding(response(&list), "flow-acs-mismatch");
    let hint = f["hint"].as_str().unwrap();
    assert!(
        hint.contains("https://analytics.amplitude.com/saml/sso/123456"),
        "{hint}"
    );
    assert!(
        hint.contains("in Amplitude: the Assertion Consumer Service URL Amplitude expects is shown at Settings > Organization settings > Access & SSO Settings > Single Sign-On Settings"),
        "{hint}"
    );
    let (_, v) = json(&[
        "verify",
        "--format",
        "json",
        "--now",
        "2026-01-15T10:01:00Z",
        "--profile",
        "amplitude",
        "--cert",
        &td("keys/attacker.crt"),
        &td("placeholder-email.xml"),
    ]);
    let f = finding(&v, "signature-untrusted-key");
    assert!(
        f["hint"]
            .as_str()
            .unwrap()
            .contains("in Amplitude: Settings > Organization settings > Access & SSO Settings > Single Sign-On Settings: upload the IdP's current metadata file"),
        "{f}"
    );
    // Without a profile no SP console is named.
    let (_, list) = flow("acs-mismatch.har", &[]);
    let f = finding(response(&list), "flow-acs-mismatch");
    assert!(!f["hint"].as_str().unwrap().contains("in Amplitude"), "{f}");
}

/// An SP that answers the ACS POST with 200 and an error page refused the sign-in; the fix
/// follows what the page says (here: the signature).
#[test]
fn an_error_page_with_status_200_is_the_sps_refusal() {
    let (code, list) = flow("sp-200-error-page.har", &[]);
    assert_eq!(code, 1);
    let f = finding(response(&list), "sp-answer-error");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("HTTP 200 and an error page \"Error - Invalid SAML response: Signature validation failed\""),
        "{f}"
    );
    let hint = f["hint"].as_str().unwrap();
    assert!(hint.contains("over its signature"), "{hint}");
    assert!(!hint.contains("provision"), "{hint}");
    assert_eq!(list[0]["flows"][0]["broken_hop"], 3);
    // A 500 gets the server-error fix, not the provisioning one.
    let (_, list) = flow("sp-500.har", &[]);
    let hint = finding(response(&list), "sp-answer-error")["hint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(hint.contains("server logs"), "{hint}");
    assert!(!hint.contains("provision"), "{hint}");
    // A refusal that names provisioning gets that fix.
    let (_, list) = flow("sp-302-error.har", &[]);
    let hint = finding(response(&list), "sp-answer-error")["hint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(hint.contains("must exist in the SP"), "{hint}");
}

/// A POST with no answer (status 0) and a Response form the browser never posted: the sign-in
/// is incomplete, not completed.
#[test]
fn a_sign_in_without_the_sps_answer_is_incomplete() {
    for file in ["post-aborted.har", "form-not-posted.har"] {
        let (code, list) = flow(file, &[]);
        assert_eq!(code, 0, "{file}: a warning");
        let f = &list[0]["flows"][0];
        assert_eq!(f["verdict"], "incomplete", "{file}: {f}");
        assert_eq!(f["cause"], "flow-no-sp-answer", "{file}");
        assert!(has_code(response(&list), "flow-no-sp-answer"), "{file}");
    }
    // The form the IdP's page carried is a hop of its own, right after the page, once.
    let (_, list) = flow("form-not-posted.har", &[]);
    let hops = list[0]["flows"][0]["hops"].as_array().unwrap();
    let methods: Vec<&str> = hops.iter().map(|h| h["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["GET", "GET", "FORM"]);
    assert_eq!(hops[2]["party"], "idp");
    assert_eq!(hops[2]["message"], "response");
}

/// Two sign-ins in one capture: split where the second starts (the SP's login page), each judged
/// on its own.
#[test]
fn a_capture_of_two_sign_ins_is_split_where_the_second_starts() {
    let (code, list) = flow("two-sign-ins.har", &[]);
    assert_eq!(code, 1);
    let flows = all_flows(&list);
    assert_eq!(flows.len(), 2);
    assert_eq!(flows[0]["verdict"], "fail");
    assert_eq!(flows[1]["verdict"], "pass");
    let first: Vec<&str> = flows[1]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        first[0], "https://analytics.amplitude.com/login",
        "{first:?}"
    );
    assert_eq!(flows[1]["hops"][0]["party"], "sp");
    assert_eq!(flows[1]["hops"][0]["time"], "2026-01-15T10:01:00.1Z");
}

/// A SAML-tracer export as the add-on writes it (no per-request timestamps, masked POST values,
/// the SP's pages kept): a masked RelayState is unknown, not changed.
#[test]
fn a_masked_tracer_export_as_the_add_on_writes_it_passes() {
    let (code, list) = flow("tracer-addon-masked.json", &[]);
    assert_eq!(code, 0, "{list:?}");
    assert!(!has_code(response(&list), "flow-relay-state"));
    let hops = list[0]["flows"][0]["hops"].as_array().unwrap();
    assert_eq!(hops[0]["url"], "https://analytics.amplitude.com/login");
    assert_eq!(hops[0]["party"], "sp");
}

/// Pages long after the sign-in (another app's error page, a 403 elsewhere in the SP) are the
/// user's next steps, not this sign-in's answer.
#[test]
fn pages_after_the_answer_window_do_not_fail_a_sign_in() {
    let (code, list) = flow("later-pages.har", &[]);
    assert_eq!(code, 0, "{list:?}");
    let f = &all_flows(&list)[0];
    assert_eq!(f["verdict"], "pass");
    assert!(!has_code(response(&list), "idp-error-page"));
    assert!(!has_code(response(&list), "sp-answer-error"));
}

/// The SP sending the user to the deep link it was asked for is success, whatever its words
/// ("errors-by-country", a page titled "Error Tracking").
#[test]
fn the_requested_deep_link_is_not_an_error_page() {
    let (code, list) = flow("deep-link-error-words.har", &[]);
    assert!(!has_code(response(&list), "sp-answer-error"), "{list:?}");
    assert_eq!(all_flows(&list)[0]["verdict"], "pass");
    assert!(code <= 1);
}

/// An abandoned first attempt is incomplete even when a second sign-in follows; an IdP that
/// answers with its own 403 page refused the sign-in (it did answer).
#[test]
fn unanswered_and_refused_requests_are_told_apart() {
    let (_, list) = flow("abandoned-then-ok.har", &[]);
    let flows = all_flows(&list);
    assert_eq!(flows[0]["verdict"], "incomplete");
    assert_eq!(flows[0]["cause"], "flow-no-response");
    assert_eq!(flows[1]["verdict"], "pass");
    let (code, list) = flow("idp-403.har", &[]);
    assert_eq!(code, 1);
    let f = finding(&list[0], "idp-error-page");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("HTTP 403 (\"Access denied\")"),
        "{f}"
    );
    assert!(!has_code(&list[0], "flow-no-response"));
}

/// Issue 27, the multi-sign-in outline: an unreadable Response is a hop the sign-in broke at (the
/// IdP did answer), not "before the IdP answered"; a sign-in whose request nothing in it answered
/// is incomplete, never "completed"; an IdP proxy's second request and the two Responses (the
/// IdP's to the broker, the broker's to the SP) are one sign-in, each message on a hop.
#[test]
fn the_outline_keeps_every_response_and_never_completes_an_unanswered_sign_in() {
    let (code, list) = flow("unreadable-response.har", &[]);
    assert_eq!(code, 2, "an unreadable message is an input error");
    let flows = all_flows(&list);
    assert_eq!(flows.len(), 1, "{flows:?}");
    assert_eq!(flows[0]["verdict"], "fail", "{:?}", flows[0]);
    assert_eq!(flows[0]["cause"], "flow-message-unreadable");
    assert!(
        flows[0]["cause_message"]
            .as_str()
            .unwrap()
            .contains("cut short"),
        "{:?}",
        flows[0]
    );
    assert!(list.iter().all(|r| !has_code(r, "flow-no-response")));
    let (_, human, _) = run(&[
        "verify",
        "--idp-metadata",
        &td("idp-metadata.xml"),
        &td("flows/unreadable-response.har"),
    ]);
    assert!(human.contains("SAMLResponse · unreadable"), "{human}");
    assert!(!human.contains("before the IdP answered"), "{human}");

    let (_, list) = flow("unanswered-then-stale.har", &[]);
    let flows = all_flows(&list);
    assert_eq!(flows.len(), 2, "{flows:?}");
    assert_eq!(flows[0]["verdict"], "incomplete", "{:?}", flows[0]);
    assert_eq!(flows[0]["cause"], "flow-no-response");
    assert_eq!(flows[1]["cause"], "flow-in-response-to");

    let (_, list) = flow("broker-proxy.har", &[]);
    let flows = all_flows(&list);
    assert_eq!(flows.len(), 1, "{flows:?}");
    let carried: Vec<u64> = flows[0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["message_index"].as_u64())
        .collect();
    assert_eq!(carried, vec![1, 2, 3, 4], "{:?}", flows[0]);
    assert!(list.iter().all(|r| r["flow"]["sign_in"] == 1), "{list:?}");
}

/// A capture holding only an IdP error page: one line naming the error and its fix (exit 2,
/// there is no message to judge).
#[test]
fn a_capture_of_only_an_idp_error_page_names_the_error() {
    let (code, _, err) = run(&["inspect", &td("flows/entra-error-only.har")]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("Microsoft Entra ID's error AADSTS50105"),
        "{err}"
    );
    assert!(err.contains("Fix: Entra admin center"), "{err}");
}

/// `--redact` learns the user's values from every message first: a landing page title and an
/// SP URL naming the user are pseudonymised in every copy of the flow.
#[test]
fn redaction_covers_values_one_message_reveals_in_another_messages_hops() {
    let (plain, redacted) = plain_and_redacted("redact-title.har");
    assert!(plain.contains("Welcome back, alice@example.com"));
    for (format, out) in redacted {
        assert!(!out.contains("alice"), "{format}: {out}");
    }
}

/// Okta (and Google) send the browser back to the SSO URL with the same AuthnRequest after their
/// sign-in pages: one sign-in, not an abandoned one and a second.
#[test]
fn the_same_request_after_the_idps_login_page_continues_the_sign_in() {
    let (code, list) = json(&[
        "verify",
        "--format",
        "json",
        "--cert",
        &td("keys/idp.crt"),
        &td("flows/okta-login-then-response.har"),
    ]);
    assert_eq!(code, 0, "{list}");
    let list = list.as_array().unwrap().clone();
    let flows = all_flows(&list);
    assert_eq!(flows.len(), 1, "{flows:?}");
    assert_eq!(flows[0]["verdict"], "pass");
    let messages: Vec<&str> = flows[0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["message"].as_str())
        .collect();
    assert_eq!(messages, ["authn_request", "authn_request", "response"]);
    assert!(list.iter().all(|m| !has_code(m, "flow-no-response")));
}

/// Output grows with the capture, not with its square (issue 27): a HAR of one AuthnRequest
/// repeated 400 times (one sign-in of 400 hops) carries that sign-in once, not once per message.
/// Before, its 0.5 MB gave 64 MB of JSON.
#[test]
fn a_repeated_request_gives_output_linear_in_the_capture() {
    let har: Value = serde_json::from_str(&text("capture.har")).unwrap();
    let mut entry = har["log"]["entries"][0].clone();
    entry["response"]["content"] =
        serde_json::json!({"size": 0, "mimeType": "text/html", "text": ""});
    let mut big = har.clone();
    big["log"]["entries"] = Value::Array(vec![entry; 400]);
    let input = serde_json::to_string(&big).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeated.har");
    std::fs::write(&path, &input).unwrap();
    let out = bin()
        .args([
            "inspect",
            "--format",
            "json",
            "--now",
            NOW,
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.len() < 6 * input.len(),
        "{} bytes of JSON for {} bytes of HAR",
        out.stdout.len(),
        input.len()
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let carried = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["flows"].is_array())
        .count();
    assert_eq!(carried, 1);
}

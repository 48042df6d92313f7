//! Snapshots of the human and JSON reports (NO_COLOR, fixed --now, paths relative to the crate).

use crate::common::*;

fn out(args: &[&str]) -> String {
    let (_, stdout, _) = run(args);
    stdout
}

#[test]
fn human_inspect_placeholder() {
    insta::assert_snapshot!(out(&[
        "inspect",
        "--now",
        NOW,
        "--profile",
        "amplitude",
        "testdata/placeholder-email.xml"
    ]));
}

#[test]
fn human_verify_pass() {
    insta::assert_snapshot!(out(&[
        "verify",
        "--now",
        NOW,
        "--idp-metadata",
        "testdata/idp-metadata.xml",
        "--sp-metadata",
        "testdata/sp-metadata.xml",
        "testdata/signed-assertion.b64"
    ]));
}

#[test]
fn human_verify_rotated_cert() {
    insta::assert_snapshot!(out(&[
        "verify",
        "--now",
        NOW,
        "--idp-metadata",
        "testdata/idp-metadata.xml",
        "testdata/rotated.xml"
    ]));
}

#[test]
fn json_verify_pass() {
    insta::assert_snapshot!(out(&[
        "verify",
        "--format",
        "json",
        "--now",
        NOW,
        "--idp-metadata",
        "testdata/idp-metadata.xml",
        "--sp-metadata",
        "testdata/sp-metadata.xml",
        "testdata/signed-assertion.xml"
    ]));
}

#[test]
fn json_verify_xsw3() {
    insta::assert_snapshot!(out(&[
        "verify",
        "--format",
        "json",
        "--now",
        NOW,
        "--idp-metadata",
        "testdata/idp-metadata.xml",
        "testdata/xsw/xsw3.xml"
    ]));
}

#[test]
fn json_inspect_har() {
    insta::assert_snapshot!(out(&[
        "inspect",
        "--format",
        "json",
        "--now",
        NOW,
        "testdata/capture.har"
    ]));
}

#[test]
fn decode_redirect_request() {
    insta::assert_snapshot!(out(&["decode", "testdata/authnrequest-redirect.url"]));
}

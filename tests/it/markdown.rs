//! `--format markdown`: a ticket-ready report, checked by rendering it with a CommonMark parser
//! (pulldown-cmark, GFM tables): the tables keep their columns whatever the message holds, and
//! message values never become markup. A snapshot pins the layout.

use crate::common::*;
use pulldown_cmark::{html, Options, Parser};

fn markdown(args: &[&str], stdin: Option<String>) -> String {
    let mut cmd = bin();
    // Relative paths, so the snapshot is the same in any checkout.
    cmd.env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

fn to_html(md: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(md, Options::ENABLE_TABLES));
    out
}

#[test]
fn the_report_renders_as_commonmark_with_tables() {
    let md = markdown(
        &[
            "inspect",
            "--now",
            NOW,
            "--profile",
            "amplitude",
            "--format",
            "markdown",
            "testdata/placeholder-email.xml",
        ],
        None,
    );
    let html = to_html(&md);
    assert!(
        html.contains("<h2>✗ PROBLEMS: SAML response</h2>"),
        "{html}"
    );
    assert_eq!(
        html.matches("<table>").count(),
        6,
        "summary, checks, time, email, attributes, signatures: {html}"
    );
    assert!(html.contains("<code>email-placeholder</code>"));
    assert!(html.contains("<td>email</td>") && html.contains("<td>✗ fail</td>"));
    insta::assert_snapshot!("markdown_placeholder_email", md);
}

#[test]
fn hostile_values_cannot_break_tables_or_inject_markup() {
    let xml = text("signed-assertion.xml").replacen(
        ">alice@example.com<",
        ">a|b`c``d <script>alert(1)</script> **x** [l](javascript:1)<",
        1,
    );
    let md = markdown(
        &[
            "verify",
            "--now",
            NOW,
            "--cert",
            &td("keys/idp.crt"),
            "--format",
            "markdown",
            "-",
        ],
        Some(xml),
    );
    let html = to_html(&md);
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<strong>x</strong>"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    // Every row of the summary table still has two cells.
    let summary = html.split("</table>").next().unwrap();
    for row in summary.split("<tr>").skip(2) {
        assert_eq!(row.matches("<td").count(), 2, "{row}");
    }
}

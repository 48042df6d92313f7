//! Renders a [`crate::diff::Diff`] as text, JSON or Markdown.

use super::terminal::visible;
use crate::diff::Diff;

fn verdict(v: crate::report::Verdict) -> &'static str {
    match v {
        crate::report::Verdict::Pass => "pass",
        crate::report::Verdict::Fail => "fail",
        crate::report::Verdict::InputError => "input error",
        crate::report::Verdict::Context => "context",
    }
}

pub fn human(d: &Diff) -> String {
    let mut o = format!(
        "A {} ({})\nB {} ({})\n",
        visible(&d.a),
        verdict(d.a_verdict),
        visible(&d.b),
        verdict(d.b_verdict)
    );
    if d.differences.is_empty() {
        o.push_str("\nno difference in what an SP checks\n");
        return o;
    }
    let explaining = d.differences.iter().filter(|x| x.explains_failure).count();
    o.push_str(&format!(
        "\n{} difference(s), {explaining} explaining a failure (marked !)\n",
        d.differences.len()
    ));
    for x in &d.differences {
        let mark = if x.explains_failure { "!" } else { " " };
        o.push_str(&format!(
            "{mark} {:<34} A {}\n  {:<34} B {}\n",
            visible(&x.field),
            visible(&x.a),
            "",
            visible(&x.b)
        ));
    }
    o
}

pub fn json(d: &Diff) -> String {
    serde_json::to_string_pretty(d).unwrap_or_default() + "\n"
}

pub fn markdown(d: &Diff) -> String {
    let cell = |s: &str| {
        visible(s)
            .replace('|', "¦")
            .replace('`', "'")
            .replace(['\n', '\r'], " ")
    };
    let mut o = format!(
        "## samlcheck diff\n\n- A: `{}` ({})\n- B: `{}` ({})\n\n",
        cell(&d.a),
        verdict(d.a_verdict),
        cell(&d.b),
        verdict(d.b_verdict)
    );
    if d.differences.is_empty() {
        o.push_str("No difference in what an SP checks.\n");
        return o;
    }
    o.push_str("| | field | A | B |\n|---|---|---|---|\n");
    for x in &d.differences {
        o.push_str(&format!(
            "| {} | `{}` | `{}` | `{}` |\n",
            if x.explains_failure { "**!**" } else { "" },
            cell(&x.field),
            cell(&x.a),
            cell(&x.b)
        ));
    }
    o
}

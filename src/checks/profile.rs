//! The SP profile's own rules (`--profile`, `--profile-file`): the attributes it requires on the
//! consumed Assertion and its named rule sets (`aws_role`).

use super::context::Context;
use crate::codes::Code;
use crate::finding::{Finding, Sink};

/// Pushes a finding for each attribute the profile requires and the consumed Assertion lacks,
/// then runs the profile's rule sets.
pub fn check(c: &Context, sink: &mut Sink) {
    let (Some(p), Some(a)) = (c.profile, c.consumed) else {
        return;
    };
    let idp = c.idp;
    for req in &p.required_attributes {
        if !a.attributes().any(|at| &at.name == req) {
            // An attribute that carries the value under the short name (Role) or as its
            // FriendlyName: only the full Name is wrong.
            let short = req.rsplit(['/', ':', '#']).next().unwrap_or(req);
            let near = a.attributes().find(|at| {
                at.name.eq_ignore_ascii_case(short)
                    || at
                        .friendly_name
                        .as_deref()
                        .is_some_and(|f| f.eq_ignore_ascii_case(short))
            });
            let hint = match near {
                Some(at) => format!("the assertion carries the value as attribute {:?}: only its name is wrong — the SP reads the full name {req}; rename the attribute (its Name, with NameFormat uri) in {}", at.name, idp.name()),
                None => format!("add the attribute mapping {req} in {}", idp.name()),
            };
            sink.push(
                Finding::new(Code::AttributeRequiredMissing, format!("the {} profile requires attribute {req:?}, which the assertion does not carry", p.name))
                    .hint(hint)
                    .at(a.line, format!("{}/AttributeStatement", a.path)),
            );
        }
    }
    if p.rules.iter().any(|r| r == "aws_role") {
        super::aws_role::check(a, &p.required_attributes, sink);
    }
}

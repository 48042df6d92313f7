//! The `aws_role` rule set: Role values, RoleSessionName and SessionDuration for AWS federation.

use crate::check::Check;
use crate::codes::Code;
use crate::finding::{Finding, Sink};
use crate::xml::model::Assertion;

pub const ROLE: &str = "https://aws.amazon.com/SAML/Attributes/Role";
pub const SESSION_NAME: &str = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
pub const DURATION: &str = "https://aws.amazon.com/SAML/Attributes/SessionDuration";

/// Checks one `<role-arn>,<provider-arn>` value (either order); `Err` says what is wrong.
pub fn parse_role(value: &str) -> Result<(String, String), String> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    if parts.len() != 2 {
        return Err(format!("{value:?} must be two ARNs separated by a comma"));
    }
    let (role, provider) = match (kind(parts[0]), kind(parts[1])) {
        (Some("role"), Some("saml-provider")) => (parts[0], parts[1]),
        (Some("saml-provider"), Some("role")) => (parts[1], parts[0]),
        _ => return Err(format!("{value:?} must hold one arn:aws:iam::<account>:role/<name> and one arn:aws:iam::<account>:saml-provider/<name>")),
    };
    for arn in [role, provider] {
        let account = arn.split(':').nth(4).unwrap_or("");
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "{arn:?} has account {account:?}; an AWS account ID is 12 digits"
            ));
        }
    }
    let acct = |a: &str| a.split(':').nth(4).unwrap_or("").to_string();
    if acct(role) != acct(provider) {
        return Err(format!(
            "role {role:?} and provider {provider:?} are in different accounts"
        ));
    }
    Ok((role.to_string(), provider.to_string()))
}

fn kind(arn: &str) -> Option<&'static str> {
    let f: Vec<&str> = arn.splitn(6, ':').collect();
    if f.len() != 6
        || f[0] != "arn"
        || !f[1].starts_with("aws")
        || f[2] != "iam"
        || !f[3].is_empty()
    {
        return None;
    }
    let (k, name) = f[5].split_once('/')?;
    if name.is_empty() {
        return None;
    }
    match k {
        "role" => Some("role"),
        "saml-provider" => Some("saml-provider"),
        _ => None,
    }
}

/// Pushes Role, RoleSessionName and SessionDuration findings.
/// An absent attribute the profile already `required` is reported once, by the profile.
pub fn check(a: &Assertion, required: &[String], sink: &mut Sink) {
    sink.judged(Check::Attributes);
    let path = format!("{}/AttributeStatement", a.path);
    for at in a.attributes().filter(|at| at.name == ROLE) {
        for v in &at.values {
            if let Err(e) = parse_role(v) {
                sink.push(
                    Finding::new(Code::AwsRoleInvalid, format!("Role value {e}"))
                        .hint("map the Role attribute to 'arn:aws:iam::<account>:role/<role>,arn:aws:iam::<account>:saml-provider/<provider>' with the IAM identity provider's exact name")
                        .at(at.line, path.clone()),
                );
            }
        }
    }
    let session = a.attributes().find(|at| at.name == SESSION_NAME);
    let reported = session.is_none() && required.iter().any(|r| r == SESSION_NAME);
    match session.and_then(|s| s.values.first()).map(|v| crate::xml::text::trim_xml(v)) {
        None if reported => {}
        None | Some("") => sink.push(
            Finding::new(Code::AwsRoleSessionNameMissing, "RoleSessionName is missing or empty")
                .hint("map https://aws.amazon.com/SAML/Attributes/RoleSessionName to the user's email or user name")
                .at(a.line, path.clone()),
        ),
        Some(v) if v.len() < 2 || v.len() > 64 || !v.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)) => sink.push(
            Finding::new(Code::AwsRoleSessionNameMissing, format!("RoleSessionName {v:?} is not 2-64 characters of [A-Za-z0-9_+=,.@-]"))
                .at(session.map_or(a.line, |s| s.line), path.clone()),
        ),
        Some(_) => {}
    }
    if let Some(d) = a.attributes().find(|at| at.name == DURATION) {
        let v = d
            .values
            .first()
            .map(|v| crate::xml::text::trim_xml(v))
            .unwrap_or("");
        match v.parse::<u32>() {
            Ok(n) if (900..=43200).contains(&n) => {}
            _ => sink.push(
                Finding::new(Code::AwsSessionDurationInvalid, format!("SessionDuration {v:?} is not an integer from 900 to 43200"))
                    .hint("set SessionDuration to seconds between 900 (15 min) and 43200 (12 h), and no longer than the role's maximum session duration")
                    .at(d.line, path.clone()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert!(parse_role(
            "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:saml-provider/Okta"
        )
        .is_ok());
        assert!(parse_role(
            "arn:aws:iam::123456789012:saml-provider/Okta,arn:aws:iam::123456789012:role/Admin"
        )
        .is_ok());
        assert!(parse_role("arn:aws:iam::123456789012:role/Admin").is_err());
        assert!(
            parse_role("arn:aws:iam::12345:role/Admin,arn:aws:iam::12345:saml-provider/Okta")
                .is_err()
        );
        assert!(parse_role(
            "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:role/Other"
        )
        .is_err());
        assert!(parse_role(
            "arn:aws:iam::123456789012:role/Admin,arn:aws:iam::210987654321:saml-provider/Okta"
        )
        .is_err());
    }
}

//! `samlcheck.toml`: the checked-in description of an SSO setup that `samlcheck check` runs.
//! One `[[app]]` per SP connection; unknown keys are errors naming the key and line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The time to judge against (RFC 3339); `--now` on the command line wins.
    pub now: Option<String>,
    /// Allowed clock difference, e.g. "3m".
    pub clock_skew: Option<String>,
    #[serde(default)]
    pub app: Vec<App>,
}

/// One SP connection.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    pub name: String,
    /// The IdP's metadata: a file relative to the config, or an https URL (fetched, cached by ETag).
    pub idp_metadata: Option<String>,
    /// The SP's metadata (a file relative to the config).
    pub sp_metadata: Option<String>,
    /// Trusted IdP signing certificates, besides those of `idp_metadata`.
    #[serde(default)]
    pub cert: OneOrMany,
    #[serde(default)]
    pub audience: OneOrMany,
    #[serde(default)]
    pub acs: OneOrMany,
    pub issuer: Option<String>,
    /// A built-in SP profile (amplitude, aws, aws-identity-center, generic).
    pub profile: Option<String>,
    /// A signing certificate expiring within this many days fails.
    pub min_days: Option<i64>,
    /// The SP's private key, to decrypt encrypted assertions of the captured responses.
    pub sp_key: Option<String>,
    /// Attributes to read the email from first (like --email-from).
    #[serde(default)]
    pub email_from: OneOrMany,
    /// Captured test-user responses: globs relative to the config, in any capture form.
    #[serde(default)]
    pub responses: Vec<String>,
    /// Trusted SP signing certificates, for AuthnRequests and logout messages (like --sp-cert).
    #[serde(default)]
    pub sp_cert: OneOrMany,
    /// Policy findings to lower to a warning for this app (like --allow).
    #[serde(default)]
    pub allow: OneOrMany,
    /// Policy findings to make errors for this app (like --deny).
    #[serde(default)]
    pub deny: OneOrMany,
    /// The oldest IssueInstant accepted, e.g. "50m", or "off" (like --max-age).
    pub max_age: Option<String>,
    /// The SP's library (like --sp-stack): its rules decide this app's verdict.
    pub sp_stack: Option<String>,
    /// That library's settings as the app configures it (like --sp-set KEY=VALUE).
    #[serde(default)]
    pub sp_set: OneOrMany,
}

/// A string or a list of strings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "OneOrManyRaw")]
pub struct OneOrMany(pub Vec<String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrManyRaw {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrManyRaw> for OneOrMany {
    fn from(r: OneOrManyRaw) -> Self {
        match r {
            OneOrManyRaw::One(s) => OneOrMany(vec![s]),
            OneOrManyRaw::Many(v) => OneOrMany(v),
        }
    }
}

/// Reads and validates the config at `path`.
pub fn load(path: &Path) -> Result<Config, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!(
            "{}: {e}{}",
            path.display(),
            if e.kind() == std::io::ErrorKind::NotFound {
                " (write an example with `samlcheck check --init`)"
            } else {
                ""
            }
        ))
    })?;
    parse(&text).map_err(|e| Error::usage(format!("{}: {e}", path.display())))
}

/// Parses config text; the error names the key and its line.
pub fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let msg = e.message().trim().to_string();
        match line {
            Some(l) => format!("line {l}: {msg}"),
            None => msg,
        }
    })?;
    if config.app.is_empty() {
        return Err("no [[app]] table: describe at least one SP connection".into());
    }
    for (i, a) in config.app.iter().enumerate() {
        if a.idp_metadata.is_none() && a.cert.0.is_empty() && !a.responses.is_empty() {
            return Err(format!(
                "app {:?} (the {} [[app]]): responses need a trusted key: set idp_metadata or cert",
                a.name,
                ordinal(i + 1)
            ));
        }
    }
    Ok(config)
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A path from the config, relative to the config's folder.
pub fn resolve(base: &Path, p: &str) -> PathBuf {
    let path = Path::new(p);
    if path.is_absolute() || crate::trust::fetch::is_url(p) {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// The commented example `samlcheck check --init` writes.
pub const EXAMPLE: &str = r#"# samlcheck.toml — the SSO setup `samlcheck check` verifies (paths are relative to this file).
# Run `samlcheck check` in this folder, or `samlcheck check path/to/samlcheck.toml`.

# The time to judge against (RFC 3339); `--now` wins. Left out, each captured response is judged
# at the time its capture recorded it (a HAR, a SAML-tracer export), else at its signed
# Assertion's IssueInstant; metadata is judged at the clock.
# now = "2026-01-15T10:01:00Z"
# Allowed clock difference between IdP and SP.
clock_skew = "3m"

# One [[app]] per SP connection.
[[app]]
name = "amplitude"
# The IdP's SAML metadata: its signing certificates are trusted, its entityID is the issuer.
# A file, or an https URL (fetched each run, revalidated by ETag against a local cache).
idp_metadata = "idp-metadata.xml"
# The SP's metadata: its entityID is the audience, its ACS URLs the allowed Destination/Recipient;
# with both, samlcheck also checks that the two fit (endpoints, NameID formats, signing).
sp_metadata = "sp-metadata.xml"
# Or say them directly (a string or a list):
# audience = "https://amplitude.com/saml/sso/metadata"
# acs = "https://analytics.amplitude.com/saml/sso/123456"
# issuer = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/..."
# cert = ["idp-signing.pem"]
# A built-in SP profile: amplitude, aws, aws-identity-center, generic.
profile = "amplitude"
# Fail when a signing certificate expires within this many days (an early warning).
min_days = 30
# The SP's private key, if the IdP encrypts assertions.
# sp_key = "sp-private.pem"
# Read the email from these attributes first.
# email_from = ["mail"]
# Policy: lower or raise findings where conformant SPs differ (`samlcheck explain CODE` says
# which codes are policy; forgeries can never be allowed).
# allow = ["algorithm-sha1"]
# deny = ["signature-placement-unusual"]   # your SP is python3-saml or ruby-saml
# max_age = "50m"
# sp_stack = "python3-saml"      # the SP's library decides (samlcheck explain sp-stacks)
# sp_set = ["clock_skew=120"]
# The SP's signing certificate, to verify its AuthnRequests.
# sp_cert = ["sp-signing.pem"]
# Captured test-user responses, in any form samlcheck reads (XML, base64, HAR, ...).
responses = ["captures/*.xml"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_parses() {
        let c = parse(EXAMPLE).unwrap();
        assert_eq!(c.app[0].name, "amplitude");
        assert_eq!(c.app[0].min_days, Some(30));
    }

    #[test]
    fn unknown_keys_name_the_key_and_line() {
        let e = parse("[[app]]\nname = \"x\"\nidp_metdata = \"a.xml\"\n").unwrap_err();
        assert!(e.starts_with("line 3:"), "{e}");
        assert!(e.contains("idp_metdata"), "{e}");
    }

    #[test]
    fn audience_is_a_string_or_a_list() {
        let c = parse("[[app]]\nname = \"x\"\naudience = \"a\"\nacs = [\"b\", \"c\"]\n").unwrap();
        assert_eq!(c.app[0].audience.0, ["a"]);
        assert_eq!(c.app[0].acs.0, ["b", "c"]);
    }
}

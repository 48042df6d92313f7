//! What the command-line flags and the `check` config both mean, as plain data: the binary fills
//! [`Settings`] from its arguments or from an app in `samlcheck.toml`, and [`Settings::options`]
//! turns them into the analysis [`Options`] — keys and metadata read, durations parsed, the
//! profile loaded — with every problem a usage error naming the flag. The library never sees
//! the argument parser.

use std::path::{Path, PathBuf};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::analyze::Options;
use crate::error::Error;
use crate::input::Limits;
use crate::profiles::Profile;
use crate::trust::cert::CertInfo;
use crate::trust::metadata;
use crate::trust::store::KeySource;

/// Which time a captured message is judged at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// `--now` or the system clock, even for a capture.
    Now,
    /// When the capture recorded it (the default for HAR and SAML-tracer).
    Capture,
    /// The message's own IssueInstant.
    IssueInstant,
}

/// Every setting of a `verify`/`inspect`/`diff` run or a `check` app.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--now` as given (RFC 3339 or a date); the system clock when absent.
    pub now: Option<String>,
    pub at: Option<At>,
    /// `--clock-skew` as given (`3m`, `90`).
    pub clock_skew: String,
    /// `--max-age` as given (`50m`, `off`).
    pub max_age: Option<String>,
    pub limits: Limits,
    pub idp_metadata: Vec<PathBuf>,
    pub cert: Vec<PathBuf>,
    pub fingerprint: Vec<String>,
    pub sp_key: Option<PathBuf>,
    pub sp_metadata: Option<PathBuf>,
    pub sp_cert: Vec<PathBuf>,
    pub audience: Vec<String>,
    pub acs: Vec<String>,
    pub issuer: Option<String>,
    pub request_id: Option<String>,
    pub profile: Option<String>,
    pub profile_file: Option<PathBuf>,
    pub email_from: Vec<String>,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
    /// `--sp-stack` as given (`python3-saml`, `node-saml@5.1`, `all`).
    pub sp_stack: Option<String>,
    /// `--sp-set KEY=VALUE` as given.
    pub sp_set: Vec<String>,
}

/// Parses `--now`, defaulting to the system clock.
pub fn now(arg: Option<&str>) -> Result<OffsetDateTime, Error> {
    let Some(given) = arg else {
        // To the second: the report says "judged at" a time a reader compares by eye.
        let now = OffsetDateTime::now_utc();
        return Ok(now.replace_nanosecond(0).unwrap_or(now));
    };
    let s = given.trim();
    // A date alone is midnight UTC.
    let full = if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
        format!("{s}T00:00:00Z")
    } else {
        s.to_string()
    };
    OffsetDateTime::parse(&full, &Rfc3339).map_err(|e| {
        Error::usage(format!(
            "--now {given:?} is not an RFC 3339 time such as 2024-05-01T10:00:00Z or a date such as 2024-05-01: {e}"
        ))
    })
}

fn read(path: &Path, flag: &str) -> Result<Vec<u8>, Error> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::usage(format!("{flag} {}: {e}", path.display())))?;
    if bytes.len() > 16 * 1024 * 1024 {
        return Err(Error::usage(format!(
            "{flag} {}: file is larger than 16 MiB",
            path.display()
        )));
    }
    Ok(bytes)
}

/// Every certificate in each `--cert` file, with the file it came from.
pub fn certs(paths: &[std::path::PathBuf]) -> Result<Vec<(String, CertInfo)>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let bytes = read(path, "--cert")?;
        let certs = CertInfo::from_file_bytes(&bytes)
            .map_err(|e| Error::usage(format!("--cert {}: {e}", path.display())))?;
        out.extend(certs.into_iter().map(|c| (path.display().to_string(), c)));
    }
    Ok(out)
}

/// Reads and parses a metadata file given with `flag`; problems are usage errors naming the flag.
/// A file, or an https URL fetched with [`crate::trust::fetch`]; returns the document and where
/// it came from.
fn metadata_file(
    path: &Path,
    flag: &str,
    limits: &crate::input::Limits,
) -> Result<(metadata::Metadata, String), Error> {
    let shown = path.display().to_string();
    let f = crate::trust::fetch::load(path)
        .map_err(|e| Error::usage(format!("{flag} {shown}: {e}")))?;
    let md = metadata::parse(&f.bytes, limits)
        .map_err(|e| Error::usage(format!("{flag} {shown}: {e}")))?;
    Ok((md, f.origin))
}

impl Settings {
    /// The analysis options these settings mean: keys and metadata read, durations parsed,
    /// the profile loaded. Problems are usage errors that name the flag (or config key).
    pub fn options(&self) -> Result<Options, Error> {
        let args = self;
        let mut o = Options::new(now(args.now.as_deref())?);
        o.limits = args.limits;
        o.clock.at_issue_instant = args.at == Some(At::IssueInstant);
        // --now wins over a capture's own time; so does --at now.
        o.clock.fixed = args.now.is_some() || args.at == Some(At::Now);
        // A bare number is seconds; otherwise a duration such as 3m, 90s, 1h30m.
        let skew = match args.clock_skew.trim().parse::<u64>() {
            Ok(secs) => std::time::Duration::from_secs(secs),
            Err(_) => humantime::parse_duration(&args.clock_skew).map_err(|e| {
                Error::usage(format!(
                    "--clock-skew {:?}: {e} (use e.g. 3m, 90s)",
                    args.clock_skew
                ))
            })?,
        };
        o.clock.skew = time::Duration::try_from(skew)
            .map_err(|_| Error::usage("--clock-skew is too large"))?;

        self.keys(&mut o)?;
        self.idp_metadata(&mut o)?;
        self.sp_metadata(&mut o)?;
        self.expectations(&mut o)?;
        Ok(o)
    }

    /// Keys the user trusts (`--cert`, `--fingerprint`, `--sp-cert`), the policy and `--max-age`.
    fn keys(&self, o: &mut Options) -> Result<(), Error> {
        let args = self;
        for path in &args.sp_cert {
            let bytes = read(path, "--sp-cert")?;
            let list = CertInfo::from_file_bytes(&bytes)
                .map_err(|e| Error::usage(format!("--sp-cert {}: {e}", path.display())))?;
            for c in list {
                o.sp_trust
                    .add(KeySource::Cert(path.display().to_string()), c);
            }
        }
        o.policy = crate::finding::Policy::new(&args.allow, &args.deny).map_err(Error::usage)?;
        if let Some(spec) = &args.sp_stack {
            let sets = args
                .sp_set
                .iter()
                .map(|kv| crate::stacks::setting(kv))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Error::usage)?;
            let stacks = crate::stacks::choose(spec).map_err(Error::usage)?;
            o.stack_decides = !spec.trim().eq_ignore_ascii_case("all");
            // A setting no stack has is a typo, whichever stacks were named.
            if let Some((k, _)) = sets
                .iter()
                .find(|(k, _)| !stacks.iter().any(|s| s.settings.contains_key(k)))
            {
                return Err(Error::usage(format!(
                    "--sp-set {k}: no named stack has this setting; `samlcheck explain sp-stacks` lists each stack's"
                )));
            }
            // With `all`, a setting applies to the stacks that have it.
            for s in stacks {
                let mine: Vec<_> = sets
                    .iter()
                    .filter(|(k, _)| o.stack_decides || s.settings.contains_key(k))
                    .cloned()
                    .collect();
                o.stacks
                    .push(crate::stacks::Chosen::new(s, &mine).map_err(Error::usage)?);
            }
        } else if !args.sp_set.is_empty() {
            return Err(Error::usage(
                "--sp-set (sp_set in samlcheck.toml) needs --sp-stack NAME (sp_stack)",
            ));
        }
        if let Some(age) = &args.max_age {
            o.max_age = match age.trim() {
                "off" | "none" | "0" => None,
                a => Some(
                    humantime::parse_duration(a)
                        .ok()
                        .and_then(|d| time::Duration::try_from(d).ok())
                        .ok_or_else(|| {
                            Error::usage(format!(
                                "--max-age {age:?}: not a duration such as 50m, 1h (or off)"
                            ))
                        })?,
                ),
            };
        }
        for (path, c) in certs(&args.cert)? {
            o.trust.add(KeySource::Cert(path.clone()), c.clone());
            o.sp_trust.add(KeySource::Cert(path), c);
        }
        for fp in &args.fingerprint {
            o.trust
                .pin(fp)
                .map_err(|e| Error::usage(format!("--fingerprint {e}")))?;
            o.sp_trust
                .pin(fp)
                .map_err(|e| Error::usage(format!("--fingerprint {e}")))?;
        }
        Ok(())
    }

    /// `--idp-metadata`: its signing keys, SSO URLs and entity ID.
    fn idp_metadata(&self, o: &mut Options) -> Result<(), Error> {
        let args = self;
        for path in &args.idp_metadata {
            let (md, origin) = metadata_file(path, "--idp-metadata", &o.limits)?;
            let idp = md.idp.ok_or_else(|| {
                Error::usage(format!(
                "--idp-metadata {}: no IDPSSODescriptor (is this SP metadata? use --sp-metadata)",
                path.display()
            ))
            })?;
            if idp.signing_certs.is_empty() {
                return Err(Error::usage(format!(
                    "--idp-metadata {}: no signing certificate in any KeyDescriptor",
                    path.display()
                )));
            }
            for c in idp.signing_certs {
                o.trust.add(KeySource::Metadata(origin.clone()), c);
            }
            o.expectations
                .idp_sso
                .extend(idp.endpoints.into_iter().map(|e| e.location));
            // One URL serves several bindings (Redirect and POST): each once.
            let mut once: Vec<String> = Vec::new();
            o.expectations.idp_sso.retain(|u| {
                let first = !once.contains(u);
                once.push(u.clone());
                first
            });
            if o.expectations.issuer.is_none() {
                o.expectations.issuer = md.entity_id;
            }
        }
        Ok(())
    }

    /// `--sp-metadata`: the SP's keys, entity ID and ACS endpoints.
    fn sp_metadata(&self, o: &mut Options) -> Result<(), Error> {
        let args = self;
        if let Some(path) = &args.sp_metadata {
            let (md, origin) = metadata_file(path, "--sp-metadata", &o.limits)?;
            let sp = md.sp.ok_or_else(|| {
                Error::usage(format!(
                "--sp-metadata {}: no SPSSODescriptor (is this IdP metadata? use --idp-metadata)",
                path.display()
            ))
            })?;
            o.expectations.want_assertions_signed = sp.want_assertions_signed;
            for c in sp.signing_certs {
                o.sp_trust.add(KeySource::Metadata(origin.clone()), c);
            }
            o.expectations.audiences.extend(md.entity_id);
            o.expectations
                .acs
                .extend(sp.endpoints.iter().map(|e| e.location.clone()));
            o.expectations.sp_acs = sp.endpoints;
        }
        Ok(())
    }

    /// Expectations given directly, the profile, the email sources and the SP's key.
    fn expectations(&self, o: &mut Options) -> Result<(), Error> {
        let args = self;
        o.expectations
            .audiences
            .extend(args.audience.iter().cloned());
        o.expectations.acs.extend(args.acs.iter().cloned());
        if let Some(i) = &args.issuer {
            o.expectations.issuer = Some(i.clone());
        }
        o.expectations.request_id = args.request_id.clone();
        if let Some(name) = &args.profile {
            o.profile =
                Some(Profile::builtin(name).map_err(|e| Error::usage(format!("--profile: {e}")))?);
        }
        if let Some(path) = &args.profile_file {
            let bytes = read(path, "--profile-file")?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::usage(format!("--profile-file {}: not UTF-8", path.display()))
            })?;
            o.profile =
                Some(Profile::from_json(&text).map_err(|e| {
                    Error::usage(format!("--profile-file {}: {e}", path.display()))
                })?);
        }
        o.email_from = args.email_from.clone();
        if let Some(path) = &args.sp_key {
            let key = read(path, "--sp-key")?;
            // Decryption reads a PEM private key; anything else is a usage error, not a finding.
            if !key.windows(11).any(|w| w == b"PRIVATE KEY") {
                return Err(Error::usage(format!(
                "--sp-key {}: not a PEM private key (a certificate is not a key; pass the SP's private key)",
                path.display()
            )));
            }
            // A passphrase-protected key cannot be read without a prompt, which samlcheck never
            // shows: say so, and how to make a plain copy.
            let encrypted = |m: &[u8]| key.windows(m.len()).any(|w| w == m);
            if encrypted(b"ENCRYPTED PRIVATE KEY") || encrypted(b"Proc-Type: 4,ENCRYPTED") {
                return Err(Error::usage(format!(
                    "--sp-key {}: the private key is protected by a passphrase; pass a copy without one (openssl pkey -in KEY -out plain.pem)",
                    path.display()
                )));
            }
            o.sp_key = Some(key);
        }
        // The profile's patterns where the user gave none, once for every message.
        if let Some(p) = &o.profile {
            p.extend_expectations(&mut o.expectations);
        }
        Ok(())
    }
}

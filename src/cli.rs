//! Command-line definition (clap derive only; no logic).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// SAML 2.0 debugger and validator: decode captures, verify signatures, explain failed sign-ins.
#[derive(Debug, Parser)]
#[command(
    name = "samlcheck",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("SAMLCHECK_REVISION"), ")"),
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Examples:
  pbpaste | samlcheck inspect                          decode and explain a pasted SAMLResponse
  samlcheck inspect --profile amplitude capture.har    every SAML message of a HAR file
  samlcheck verify --idp-metadata idp.xml --sp-metadata sp.xml response.b64
  samlcheck metadata --min-days 30 idp.xml             lint metadata for CI
  samlcheck check                                      run the SSO setup in ./samlcheck.toml (CI)
  samlcheck diff good.har bad.har                      what differs between two sign-ins
  samlcheck inspect --redact --format markdown r.b64   a report safe to paste into a ticket
  samlcheck explain email-placeholder                  what a finding means and how to fix it

Input forms: raw XML, base64, URL-encoded, form bodies, redirect URLs, HAR files, SAML-tracer exports.
Exit codes: 0 ok, 1 a verify/metadata check failed, 2 input or usage error."
)]
pub struct Cli {
    /// When to use colour (NO_COLOR is honoured with auto)
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    /// One JSON document (an array for several)
    Json,
    /// One JSON line per message, streamed as each finishes
    Ndjson,
    /// SARIF 2.1.0 (GitHub code scanning)
    Sarif,
    /// JUnit XML (CI test reports)
    Junit,
    /// A ticket-ready Markdown report (GitHub, GitLab, Jira, Zendesk)
    Markdown,
    /// One self-contained HTML file: time line of the validity window, signature coverage tree
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum At {
    /// Judge at --now or the system clock, even for a HAR or SAML-tracer capture
    Now,
    /// Judge a HAR or SAML-tracer message at the time the capture recorded it (the default)
    Capture,
    /// Judge time as of the message's own IssueInstant (for old captures)
    IssueInstant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

// Each subcommand's arguments are built only when that subcommand runs (clap's `defer`): one
// message no longer pays for building every subcommand's arguments at start-up (about 0.8 M
// instructions and 18 page faults of a ~10 ms run). The argument structs therefore carry no
// `///` doc comment: deferred, it would replace the variant's text below as the subcommand's
// `about`. Completions and the man page build the whole command first (commands/tools.rs).
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Print the XML of every SAML message in the input (pretty by default)
    Decode(DecodeArgs),
    /// Full report; never fails on findings (trust is reported, not required)
    Inspect(ReportCommand),
    /// Full report and every check against trusted keys and expectations (exit 1 on failure)
    Verify(ReportCommand),
    /// Lint IdP or SP metadata: certificates, endpoints, entityID, expiry
    Metadata(MetadataArgs),
    /// Compare two captures (a working and a failing sign-in) field by field (exit 1 if they differ)
    Diff(DiffCommand),
    /// Check a whole SSO setup described in samlcheck.toml: metadata, pairing, captured responses
    Check(CheckArgs),
    /// Explain a finding code (all codes without an argument)
    Explain {
        /// A finding code such as email-placeholder
        code: Option<String>,
    },
    /// List the built-in SP profiles
    Profiles,
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff)
    Man,
}

// Where input comes from and how much work it may cause.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// A file, a directory (searched recursively), '-' for stdin, or the message itself
    /// (default: stdin when it is not a terminal)
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// In directories, only files matching this glob, e.g. '*.b64' or '**/responses/*.xml'
    #[arg(long, value_name = "GLOB")]
    pub glob: Option<String>,
    /// Read one pasted message from stdin: at a terminal it ends by itself when the message is
    /// complete (no line-length limit); from a pipe, at the first blank line
    #[arg(long)]
    pub paste: bool,
    /// Of a capture holding several messages, report only the Nth (1-based), or `responses`
    #[arg(long, value_name = "N|responses")]
    pub message: Option<String>,
    /// Largest encoded message, bytes
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024, help_heading = "Limits")]
    pub max_input: usize,
    /// Largest container file (HAR, SAML-tracer export), bytes
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024, help_heading = "Limits")]
    pub max_file: usize,
    /// Largest inflated (DEFLATE) message, bytes
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024, help_heading = "Limits")]
    pub max_inflated: usize,
    /// Largest inflate ratio once past 64 KiB
    #[arg(long, value_name = "N", default_value_t = 200, help_heading = "Limits")]
    pub max_ratio: usize,
    /// Deepest element nesting
    #[arg(long, value_name = "N", default_value_t = 64, help_heading = "Limits")]
    pub max_depth: usize,
    /// Most elements in one message
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10_000,
        help_heading = "Limits"
    )]
    pub max_elements: usize,
    /// Most attributes on one element
    #[arg(long, value_name = "N", default_value_t = 256, help_heading = "Limits")]
    pub max_attributes: usize,
    /// Time budget for analysing one message, seconds
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 10,
        help_heading = "Limits"
    )]
    pub max_seconds: u64,
    /// Most ds:Signature elements in one message
    #[arg(long, value_name = "N", default_value_t = 8, help_heading = "Limits")]
    pub max_signatures: usize,
    /// Most canonicalisation work for one signature, in units of (namespace declarations in
    /// scope)² summed over the signed elements; refused before libxmlsec1 runs
    #[arg(long, value_name = "UNITS", default_value_t = samlcheck::input::limits::DEFAULT_C14N_WORK, help_heading = "Limits")]
    pub max_c14n_work: u64,
}

#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the XML exactly as received instead of pretty-printed
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub redact: RedactArgs,
}

// Sharing a report or message without leaking the customer's users.
#[derive(Debug, Args, Clone, Copy)]
pub struct RedactArgs {
    /// Replace personal values (NameID, emails, names, attribute values, session IDs, IPs) by
    /// stable pseudonyms; placeholders, URLs, algorithms, certificates and times stay
    #[arg(long, help_heading = "Sharing")]
    pub redact: bool,
    /// --redact, and also mask the hosts of issuer, destination, audience and ACS URLs
    #[arg(long, help_heading = "Sharing")]
    pub redact_urls: bool,
}

impl RedactArgs {
    /// The redactor these flags ask for (`--redact-urls` implies `--redact`).
    pub fn redactor(self) -> Option<samlcheck::redact::Redactor> {
        (self.redact || self.redact_urls)
            .then(|| samlcheck::redact::Redactor::new(self.redact_urls))
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// IdP metadata: its signing certificates are trusted, its entityID is the expected issuer
    #[arg(long, value_name = "FILE", help_heading = "Trust")]
    pub idp_metadata: Vec<PathBuf>,
    /// A trusted IdP signing certificate, PEM or DER (repeatable)
    #[arg(long, value_name = "FILE", help_heading = "Trust")]
    pub cert: Vec<PathBuf>,
    /// Trust the certificate the message carries if its SHA-256 fingerprint is this (repeatable)
    #[arg(long, value_name = "SHA256", help_heading = "Trust")]
    pub fingerprint: Vec<String>,
    /// The SP's private key (PEM), to decrypt an EncryptedAssertion
    #[arg(long, value_name = "FILE", help_heading = "Trust")]
    pub sp_key: Option<PathBuf>,
    /// SP metadata: entityID is the expected audience, ACS URLs the allowed Destination/Recipient;
    /// its signing certificates verify AuthnRequests and logout messages the SP sent
    #[arg(long, value_name = "FILE", help_heading = "Expectations")]
    pub sp_metadata: Option<PathBuf>,
    /// A trusted SP signing certificate, PEM or DER, for AuthnRequests and logout messages (repeatable)
    #[arg(long, value_name = "FILE", help_heading = "Trust")]
    pub sp_cert: Vec<PathBuf>,
    /// Expected audience (SP entity ID); repeatable
    #[arg(long, value_name = "URI", help_heading = "Expectations")]
    pub audience: Vec<String>,
    /// Expected ACS URL (Destination and Recipient); repeatable
    #[arg(long, value_name = "URL", help_heading = "Expectations")]
    pub acs: Vec<String>,
    /// Expected IdP issuer (defaults to the IdP metadata's entityID)
    #[arg(long, value_name = "URI", help_heading = "Expectations")]
    pub issuer: Option<String>,
    /// ID of the AuthnRequest this Response should answer (InResponseTo)
    #[arg(long, value_name = "ID", help_heading = "Expectations")]
    pub request_id: Option<String>,
    /// SP profile: amplitude, aws, aws-identity-center, generic
    #[arg(long, value_name = "NAME", help_heading = "Expectations")]
    pub profile: Option<String>,
    /// Read the email from this attribute (Name or FriendlyName) before the usual sources; repeatable
    #[arg(long, value_name = "NAME", help_heading = "Expectations")]
    pub email_from: Vec<String>,
    /// A profile of your own (JSON, the fields of src/profiles/amplitude.json: name, description, audiences, acs, email_order, check_email, required_attributes, rules, sp_console)
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Expectations",
        conflicts_with = "profile"
    )]
    pub profile_file: Option<PathBuf>,
    /// The time to judge against, RFC 3339 (default: the system clock)
    #[arg(long, value_name = "RFC3339", help_heading = "Time")]
    pub now: Option<String>,
    /// What time to judge at: capture (the default: a HAR or SAML-tracer message at the time it was
    /// recorded), now (--now or the clock), issue-instant (the message's own IssueInstant)
    #[arg(long, value_enum, help_heading = "Time")]
    pub at: Option<At>,
    /// Allowed clock difference, e.g. 3m, 90s
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "3m",
        help_heading = "Time"
    )]
    pub clock_skew: String,
    /// Refuse a message whose IssueInstant is older than this, e.g. 1h, 50m (default 50m)
    #[arg(long, value_name = "DURATION", help_heading = "Time")]
    pub max_age: Option<String>,
    /// Lower a policy finding to a warning (repeatable; `samlcheck explain CODE` says which are policy)
    #[arg(long, value_name = "CODE", help_heading = "Policy")]
    pub allow: Vec<String>,
    /// Make a policy finding an error, e.g. signature-placement-unusual, algorithm-sha1 (repeatable)
    #[arg(long, value_name = "CODE", help_heading = "Policy")]
    pub deny: Vec<String>,
    /// Would this SP library accept it? python3-saml, pysaml2, ruby-saml, node-saml,
    /// spring-security, shibboleth-sp, crewjam-saml, gosaml2, keycloak, sustainsys, samael
    /// (NAME@VERSION picks a version), or all. With one stack its rules decide the exit code;
    /// forgeries fail whatever it does
    #[arg(long, value_name = "NAME", help_heading = "SP stack")]
    pub sp_stack: Option<String>,
    /// Change a stack's default, e.g. clock_skew=120, strict=false (repeatable; `samlcheck
    /// explain sp-stacks` lists each stack's settings)
    #[arg(long, value_name = "KEY=VALUE", help_heading = "SP stack")]
    pub sp_set: Vec<String>,
    #[command(flatten)]
    pub redact: RedactArgs,
}

// `inspect` and `verify`: the report arguments, in every output format.
#[derive(Debug, Args)]
pub struct ReportCommand {
    #[command(flatten)]
    pub args: ReportArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

// `diff`: the report arguments, in the formats a comparison renders.
#[derive(Debug, Args)]
pub struct DiffCommand {
    #[command(flatten)]
    pub args: ReportArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

/// What `diff` renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    /// One JSON document
    Json,
    /// The same JSON document (one comparison is one line's worth)
    Ndjson,
    /// A ticket-ready Markdown table
    Markdown,
}

#[derive(Debug, Args)]
pub struct MetadataArgs {
    /// Metadata files to lint
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Fail when a signing certificate expires within this many days (default: warn within 30)
    #[arg(long, value_name = "DAYS")]
    pub min_days: Option<i64>,
    /// SP metadata to pair with the IdP metadata: endpoints, entityIDs, NameID formats, signing
    #[arg(long, value_name = "FILE")]
    pub sp_metadata: Option<PathBuf>,
    /// The audience the IdP application issues, checked against the SP's entityID when pairing
    #[arg(long, value_name = "URI")]
    pub audience: Vec<String>,
    /// The ACS URL the IdP application posts to, checked against the SP's endpoints when pairing
    #[arg(long, value_name = "URL")]
    pub acs: Vec<String>,
    /// Certificate the metadata must be signed with (PEM or DER, repeatable)
    #[arg(long, value_name = "FILE")]
    pub cert: Vec<PathBuf>,
    /// The time to judge against, RFC 3339 (default: the system clock)
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The config file (default: samlcheck.toml in the current folder)
    #[arg(value_name = "CONFIG")]
    pub config: Option<PathBuf>,
    /// Write a commented example config (samlcheck.toml, or CONFIG) and exit
    #[arg(long)]
    pub init: bool,
    /// The time to judge against, RFC 3339 (wins over the config's `now`)
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

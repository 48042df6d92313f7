//! Everything the analysis of a message depends on besides the message: the [`Options`] the
//! binary (or `samlcheck.toml`, through [`crate::settings`]) fills once per run and every
//! message of the run shares.

use time::Duration;

use crate::checks::email::resolution::EmailSource;
use crate::checks::expect::Expectations;
use crate::checks::time::clock::Clock;
use crate::finding::Policy;
use crate::input::Limits;
use crate::profiles::Profile;
use crate::trust::store::TrustStore;

/// Everything the analysis of a message depends on besides the message.
#[derive(Debug, Clone)]
pub struct Options {
    pub limits: Limits,
    pub clock: Clock,
    pub expectations: Expectations,
    /// Keys trusted for IdP messages (`--idp-metadata`, `--cert`).
    pub trust: TrustStore,
    /// Keys trusted for SP messages such as AuthnRequests (`--sp-metadata` signing keys, `--cert`).
    pub sp_trust: TrustStore,
    /// The SP's private key (PEM) for EncryptedAssertion.
    pub sp_key: Option<Vec<u8>>,
    pub email_order: Vec<EmailSource>,
    /// Attributes (`--email-from`) read before the email order.
    pub email_from: Vec<String>,
    pub profile: Option<Profile>,
    /// Days before expiry at which a trusted certificate is a warning.
    pub cert_warn_days: i64,
    /// `verify`: what could not be checked (an encrypted assertion without a key) is an error;
    /// `inspect` reports it as a warning.
    pub strict: bool,
    /// `--allow` / `--deny`: the severities of policy findings.
    pub policy: Policy,
    /// The oldest IssueInstant accepted (`--max-age`); None turns the check off.
    pub max_age: Option<Duration>,
    /// `--sp-stack`: the SP stacks to answer for (with their `--sp-set` settings).
    pub stacks: Vec<crate::stacks::Chosen>,
    /// One stack named (not `all`): its rules decide the verdict.
    pub stack_decides: bool,
    /// Where the email is looked for, in order (computed once from the three above).
    sources: std::sync::OnceLock<Vec<EmailSource>>,
}

/// The default `--max-age`: 3000 s, the `maxAssertionTime` of Spring Security SAML's
/// WebSSOProfileConsumerImpl (the most common SP library that bounds message age by default).
pub const DEFAULT_MAX_AGE: Duration = Duration::seconds(3000);

impl Options {
    pub fn new(now: time::OffsetDateTime) -> Self {
        Self {
            limits: Limits::default(),
            clock: Clock {
                now,
                skew: Duration::minutes(3),
                at_issue_instant: false,
                fixed: false,
                issue_instant_fallback: false,
            },
            expectations: Expectations::default(),
            trust: TrustStore::default(),
            sp_trust: TrustStore::default(),
            sp_key: None,
            email_order: EmailSource::DEFAULT_ORDER.to_vec(),
            email_from: Vec::new(),
            profile: None,
            cert_warn_days: 30,
            strict: false,
            policy: Policy::default(),
            max_age: Some(DEFAULT_MAX_AGE),
            stacks: Vec::new(),
            stack_decides: false,
            sources: std::sync::OnceLock::new(),
        }
    }

    /// Where the email is looked for, in order: `--email-from` attributes, then the profile's
    /// order or the default one. The same for every message, so computed once.
    pub fn email_sources(&self) -> &[EmailSource] {
        self.sources.get_or_init(|| {
            let order = self
                .profile
                .as_ref()
                .and_then(|p| p.email_order())
                .unwrap_or_else(|| self.email_order.clone());
            self.email_from
                .iter()
                .map(|n| EmailSource::Named(n.clone()))
                .chain(order)
                .collect()
        })
    }
}

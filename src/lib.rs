//! samlcheck: decode SAML captures, verify signatures against trusted keys only, and explain
//! failed sign-ins with coded findings. The library never prints; the binary (`src/main.rs`,
//! with `cli.rs` and one file per subcommand under `commands/`) fills [`settings::Settings`]
//! from its flags (and `check` from `samlcheck.toml`), turns them into [`Options`], calls the
//! library and writes what the renderers return.
//!
//! The rooms, in the order a message passes them:
//! - [`input`]: capture forms (HAR, SAML-tracer, forms, URLs, base64, DEFLATE) → [`input::Capture`].
//! - [`xml`]: the guarded libxml2 parse and one reader per message kind → [`xml::model::Message`].
//! - [`authenticate`]: the trust stage, for every kind — which signature counts ([`signature`]
//!   holds the policy and the only libxmlsec1 code), what the SP consumes, the pre-digest
//!   cross-check. [`trust`] loads the keys the user trusts.
//! - [`checks`]: one file per concern, each pushing coded [`finding::Finding`]s into a
//!   [`finding::Sink`]; [`analyze()`] runs them for one message; [`flow`] judges a capture as a
//!   sign-in (request ↔ response, the SP's answer, IdP error pages, replays).
//! - [`report`]: the public JSON types (the schema), assembled once in `analyze::build` (the
//!   sign-ins of a capture in [`report::flow`]). Lower rooms build their parts of it.
//! - [`render`]: the renderers, above the report and never below it; human, Markdown and HTML
//!   share one outline ([`render::outline`]).
//!
//! Where to add…
//! - a finding: its code, check, severity and explain text in [`codes`] (and, if it is a
//!   policy, in [`codes::POLICY`]); push it from the check that knows; `tests/it/codes.rs` needs a
//!   trigger for it.
//! - a check: a `fn(&Context, &mut Sink)` in [`checks::list`], added to the list of the message
//!   kinds it applies to (or in [`flow`] for what spans a capture).
//! - a field: the report type in [`report`] and its line in [`render::outline`] (human,
//!   Markdown and HTML follow); JSON follows serde; `tests/it/schema.rs` reads it back.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod authenticate;
pub mod batch;
pub mod check;
pub mod checks;
pub mod codes;
pub mod config;
pub mod diff;
pub mod error;
pub mod finding;
pub mod flow;
pub mod idp;
pub mod input;
pub mod lint;
pub mod ossl;
pub mod profiles;
pub mod redact;
pub mod render;
pub mod report;
pub mod settings;
pub mod signature;
pub mod stacks;
pub mod trust;
pub mod xml;

pub use analyze::{analyze, Options};
pub use error::{Error, InputError};

//! samlcheck: decode SAML captures, verify signatures against trusted keys only, and explain
//! failed sign-ins with coded findings.
//!
//! The binary (`src/main.rs`) is a thin shell over this library: [`input`] finds messages in
//! what was captured, [`analyze`] turns one into a [`report::Report`], and [`report`] renders
//! it. The library never prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod authenticate;
pub mod batch;
pub mod check;
pub mod checks;
pub mod cli;
pub mod codes;
pub mod commands;
pub mod config;
pub mod diff;
pub mod error;
pub mod finding;
pub mod flow;
pub mod idp;
pub mod input;
pub mod metadata;
pub mod profiles;
pub mod redact;
pub mod report;
pub mod signature;
pub mod trust;
pub mod xml;

pub use analyze::{analyze, Options};
pub use error::{Error, InputError};

//! The renderers, above the report types ([`crate::report`]) and never below them: human text,
//! Markdown and HTML share one [`outline`] and differ only in markup; JSON and NDJSON follow
//! serde (NDJSON through its own compact writer, [`ndjson`]); SARIF and JUnit read CI
//! [`outcome`]s; `check`, `metadata` and `diff` have their own report shapes. [`terminal`] makes
//! message text safe to show.

pub mod diff;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod lint;
pub mod markdown;
pub mod ndjson;
pub mod outcome;
pub mod outline;
pub mod sarif;
pub mod suite;
pub mod terminal;

//! The integration tests, one binary (one link of the library instead of twenty): a module
//! per area, all through the real `samlcheck` binary on committed fixtures. `common` holds the
//! helpers (the binary with NO_COLOR, a fixed `--now`, JSON runners).

mod action;
mod bad_input;
mod batch;
mod checks;
mod ci;
mod cli;
mod codes;
mod common;
mod corpus;
mod diff;
mod differential;
mod fetch;
mod flows;
mod forgery;
mod fuzz_seeds;
mod gallery;
mod house;
mod html;
mod input_forms;
mod markdown;
mod matrix;
mod paste;
mod redact;
mod schema;
mod snapshots;
mod stacks;
mod suite;
mod terminal;
mod trust;
mod verify;

//! Trust: the certificates a user trusts (from `--cert` and `--idp-metadata`) and the
//! certificate facts the report shows. Keys a message brings itself are information only.

pub mod cert;
pub mod der;
pub mod fetch;
pub mod metadata;
pub mod store;

//! XML: the guard that runs before parsing, the libxml2 tree, the SAML model read from it, and
//! pretty-printing.

pub mod dom;
pub mod el;
pub mod extract;
pub mod ffi;
pub mod guard;
pub mod instant;
pub mod model;
pub mod pretty;
pub mod read;
pub mod saml11;
pub mod text;
pub mod tree;

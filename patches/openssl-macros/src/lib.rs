//! Stands in for openssl-macros 0.1.1 in samlcheck's build (its Cargo.toml, `[patch.crates-io]`).
//!
//! The `openssl` crate uses the real crate for one attribute, `#[corresponds(FUNCTION)]`, which
//! only documents a wrapper: a line linking the OpenSSL manual page of `FUNCTION` and a doc alias
//! naming it. The real crate parses the item with syn 2, the only crate in samlcheck's build that
//! still needed syn 2 (about 20 CPU-seconds of a cold build). This adds the same three
//! attributes in front of the item, unparsed; the code compiled is the same.

use proc_macro::TokenStream;

#[proc_macro_attribute]
pub fn corresponds(attr: TokenStream, item: TokenStream) -> TokenStream {
    let function = attr.to_string();
    let function = function.trim();
    let plain = !function.is_empty()
        && function
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    let head = if plain {
        format!(
            "#[doc = \"\"] \
             #[doc = \"This corresponds to [`{function}`](https://www.openssl.org/docs/manmaster/man3/{function}.html).\"] \
             #[doc(alias = \"{function}\")]"
        )
    } else {
        "compile_error!(\"#[corresponds] takes the name of one OpenSSL function\");".to_string()
    };
    let mut out: TokenStream = head.parse().expect("attribute tokens");
    out.extend(item);
    out
}

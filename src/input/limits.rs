//! Resource limits applied before any work: sizes, inflate ratio, XML depth and element count.

/// Bounds on the work one input may cause. Every limit has a CLI flag that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one encoded message (`--max-input`).
    pub max_input: usize,
    /// Bytes of a container file such as a HAR or SAML-tracer export (`--max-file`).
    pub max_file: usize,
    /// Bytes a DEFLATE stream may inflate to (`--max-inflated`).
    pub max_inflated: usize,
    /// Inflated/compressed ratio allowed once the output passes 64 KiB (`--max-ratio`).
    pub max_ratio: usize,
    /// Element nesting depth (`--max-depth`).
    pub max_depth: usize,
    /// Elements in one message (`--max-elements`).
    pub max_elements: usize,
    /// Most attributes (namespace declarations included) on one element: libxml2 and most
    /// parsers check duplicates pairwise, so 100,000 attributes would take minutes.
    pub max_attributes: usize,
    /// Wall-clock budget for analysing one message, checked between stages and before every
    /// cryptographic operation (`--max-seconds`).
    pub max_seconds: u64,
    /// Most `ds:Signature` elements one message may hold (`--max-signatures`).
    pub max_signatures: usize,
    /// Most canonicalisation work one signature may ask of libxmlsec1, in machine-independent
    /// units (`--max-c14n-work`): for every element of the signed subtree, the square of the
    /// namespace declarations in scope there (libxml2's inclusive C14N looks each one up in a
    /// stack of the others). A real SAML message needs a few thousand.
    pub max_c14n_work: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input: 1024 * 1024,
            max_file: 64 * 1024 * 1024,
            max_inflated: 10 * 1024 * 1024,
            max_ratio: 200,
            max_depth: 64,
            max_elements: 10_000,
            max_attributes: 256,
            max_seconds: 10,
            max_signatures: 8,
            max_c14n_work: DEFAULT_C14N_WORK,
        }
    }
}

/// The default `--max-c14n-work`: measured with xmlsec1 1.2.37 on the development machine, inclusive
/// C14N costs about 5 ns a unit, so this bounds one signature to about a tenth of a second; a
/// 50-element Response with 10 namespace declarations in scope needs 5,000.
pub const DEFAULT_C14N_WORK: u64 = 20_000_000;

/// Human-readable byte count for limit messages.
pub fn bytes(n: usize) -> String {
    if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
        format!("{} MiB", n / (1024 * 1024))
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

//! Raw DEFLATE (HTTP-Redirect binding) with a streaming size and ratio cap.

use std::io::Read;

use super::limits::{bytes, Limits};
use crate::error::InputError;

/// Inflates raw DEFLATE data, refusing output beyond `limits.max_inflated` or a ratio of output
/// to input consumed so far beyond `limits.max_ratio`. Work is bounded by the cap, never by the claimed size: a bomb stops after
/// at most `max_inflated` bytes of output.
pub fn inflate(data: &[u8], limits: &Limits) -> Result<Vec<u8>, InputError> {
    let mut decoder = flate2::read::DeflateDecoder::new(data);
    let mut out = Vec::with_capacity((data.len() * 4).min(limits.max_inflated));
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = match decoder.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                return Err(InputError::at(
                    format!("DEFLATE data is corrupt or truncated: {e}"),
                    decoder.total_in() as usize,
                ))
            }
        };
        out.extend_from_slice(&chunk[..n]);
        if out.len() > limits.max_inflated {
            return Err(InputError::new(format!(
                "inflated message exceeds {} (limit --max-inflated); refusing a possible DEFLATE bomb",
                bytes(limits.max_inflated)
            )));
        }
        // The ratio of what came out to what went in so far: a bomb is caught after 64 KiB of
        // output, not after --max-inflated.
        let consumed = (decoder.total_in() as usize).max(1);
        if out.len() > 64 * 1024 && out.len() > consumed.saturating_mul(limits.max_ratio) {
            return Err(InputError::new(format!(
                "DEFLATE ratio exceeds {}:1 (limit --max-ratio); refusing a possible DEFLATE bomb",
                limits.max_ratio
            )));
        }
    }
    if out.is_empty() {
        return Err(InputError::new("DEFLATE data inflates to nothing"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::DeflateEncoder;
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn round_trip() {
        let data = b"<samlp:AuthnRequest/>";
        assert_eq!(inflate(&deflate(data), &Limits::default()).unwrap(), data);
    }

    #[test]
    fn bomb_is_refused_by_ratio() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let err = inflate(&deflate(&zeros), &Limits::default()).unwrap_err();
        assert!(err.message.contains("--max-ratio"), "{err}");
    }

    #[test]
    fn size_cap_applies_when_ratio_is_raised() {
        let zeros = vec![0u8; 12 * 1024 * 1024];
        let limits = Limits {
            max_ratio: usize::MAX,
            ..Limits::default()
        };
        let err = inflate(&deflate(&zeros), &limits).unwrap_err();
        assert!(err.message.contains("--max-inflated"), "{err}");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(inflate(b"\xff\xff\xff\xff", &Limits::default()).is_err());
    }
}

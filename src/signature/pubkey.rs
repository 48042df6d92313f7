//! A certificate's or bare key's SubjectPublicKeyInfo as an OpenSSL public key, built from its
//! numbers where it can be.
//!
//! OpenSSL 3 decodes DER keys through its decoder framework, whose first use in a process sets up
//! every provider's decoders: about half a millisecond, a tenth of a one-message run. RSA keys
//! (nearly every IdP signs with RSA) are read by OpenSSL's RSA-specific reader, which takes the
//! legacy path; anything else goes through the decoder. (So a certificate's key is read from its
//! SubjectPublicKeyInfo, `trust/der.rs`: `d2i_X509` would decode it through the decoder too.)
//! EC keys built from their point (`EC_KEY` from
//! `EC_POINT_oct2point`) verified nothing in libxmlsec1 1.2.37's ECDSA (it judged every
//! SignatureValue the wrong size), so they take the decoder too.

use crate::ossl::PublicKey;

/// The public key of a DER SubjectPublicKeyInfo.
pub fn from_spki(spki: &[u8]) -> Result<PublicKey, String> {
    if let Some(key) = from_numbers(spki) {
        return Ok(key);
    }
    PublicKey::from_spki(spki).map_err(|e| format!("cannot read the public key: {e}"))
}

/// An RSA key; `None` for anything else (or anything odd, such as bytes after the key), which
/// the decoder then reads or refuses.
fn from_numbers(spki: &[u8]) -> Option<PublicKey> {
    PublicKey::rsa_from_spki(spki)
}

#[cfg(test)]
mod tests {
    use super::*;

    use openssl::ec::{EcGroup, EcKey};
    use openssl::nid::Nid;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;

    /// The key built from numbers is the key the decoder reads.
    #[test]
    fn numbers_and_decoder_agree() {
        for bits in [2048, 3072] {
            let der = PKey::from_rsa(Rsa::generate(bits).unwrap())
                .unwrap()
                .public_key_to_der()
                .unwrap();
            let built = from_numbers(&der).expect("built from numbers");
            let decoded = PublicKey::from_spki(&der).unwrap();
            assert_eq!(
                (built.kind(), built.bits()),
                (decoded.kind(), decoded.bits())
            );
            assert_eq!(built.bits(), bits);
        }
    }

    /// EC and Ed25519 keys go through the decoder; a point off its curve is refused there.
    #[test]
    fn other_types_use_the_decoder() {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        let ec = PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap();
        let ed = PKey::generate_ed25519().unwrap();
        for der in [
            ec.public_key_to_der().unwrap(),
            ed.public_key_to_der().unwrap(),
        ] {
            assert!(from_numbers(&der).is_none());
            assert!(from_spki(&der).is_ok());
        }
        let mut off = ec.public_key_to_der().unwrap();
        let last = off.len() - 1;
        off[last] ^= 0x01; // the last byte of Y
        assert!(from_spki(&off).is_err());
    }

    /// Trailing bytes after the SubjectPublicKeyInfo are not a key built from numbers.
    #[test]
    fn trailing_bytes_are_not_ignored() {
        let mut der = PKey::from_rsa(Rsa::generate(2048).unwrap())
            .unwrap()
            .public_key_to_der()
            .unwrap();
        der.push(0);
        assert!(from_numbers(&der).is_none());
    }
}

//! The outline of a DER X.509 certificate (RFC 5280 §4.1): where its issuer, validity, subject
//! and SubjectPublicKeyInfo are, found by walking the TBSCertificate's fields.
//!
//! OpenSSL 3 decodes a whole certificate (`d2i_X509`) by setting up its decoder framework for the
//! public key: about 6 M instructions, a third of a one-message run. samlcheck needs only these
//! slices; OpenSSL then reads each one the cheap way (names with `d2i_X509_NAME`, an RSA key on
//! its legacy path, `signature/pubkey.rs`). Nothing here is trusted for more than finding them:
//! the key is what libxmlsec1 verifies with, and a certificate is trusted because the user gave
//! it, never because of what it says.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// The parts of a certificate samlcheck reads, as slices of its DER.
pub struct Outline<'a> {
    /// The issuer Name (a whole SEQUENCE, tag included).
    pub issuer: &'a [u8],
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// The subject Name (a whole SEQUENCE, tag included).
    pub subject: &'a [u8],
    /// The SubjectPublicKeyInfo (a whole SEQUENCE, tag included).
    pub spki: &'a [u8],
}

/// Why a certificate's outline cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Malformed {
    /// Not the DER structure of a certificate.
    Structure,
    /// A validity time that is not an RFC 5280 UTCTime or GeneralizedTime.
    Time,
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const SET: u8 = 0x31;
const BOOLEAN: u8 = 0x01;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const VERSION: u8 = 0xA0;
const ISSUER_UID: u8 = 0x81;
const SUBJECT_UID: u8 = 0x82;
const EXTENSIONS: u8 = 0xA3;

/// One DER element: its tag, its contents, the whole element, and what follows it.
struct Tlv<'a> {
    tag: u8,
    contents: &'a [u8],
    whole: &'a [u8],
    rest: &'a [u8],
}

/// The element at the start of `b` (single-byte tags, definite lengths of up to four bytes).
fn tlv(b: &[u8]) -> Option<Tlv<'_>> {
    let (&tag, after) = b.split_first()?;
    let (&first, after) = after.split_first()?;
    let (len, after) = if first < 0x80 {
        (usize::from(first), after)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 || after.len() < n {
            return None;
        }
        let len = after[..n]
            .iter()
            .fold(0usize, |acc, &d| (acc << 8) | usize::from(d));
        (len, &after[n..])
    };
    if after.len() < len {
        return None;
    }
    let header = b.len() - after.len();
    Some(Tlv {
        tag,
        contents: &after[..len],
        whole: &b[..header + len],
        rest: &after[len..],
    })
}

/// The element at the start of `b` when it has tag `tag`.
fn expect(b: &[u8], tag: u8) -> Option<Tlv<'_>> {
    tlv(b).filter(|t| t.tag == tag)
}

/// True when `b` is a sequence of whole DER elements, every constructed one (nested at most
/// `depth` deep) itself whole inside: no length runs past its container.
fn well_formed(mut b: &[u8], depth: usize) -> bool {
    while !b.is_empty() {
        let Some(t) = tlv(b) else {
            return false;
        };
        if t.tag & 0x20 != 0 && (depth == 0 || !well_formed(t.contents, depth - 1)) {
            return false;
        }
        b = t.rest;
    }
    true
}

/// The outline of the certificate `der` (bytes after the certificate are ignored, as OpenSSL
/// ignores them). The whole certificate must be well-formed DER, TBSCertificate, signature
/// algorithm and signature value, not just the fields read.
pub fn outline(der: &[u8]) -> Result<Outline<'_>, Malformed> {
    let cert = expect(der, SEQUENCE).ok_or(Malformed::Structure)?;
    if !well_formed(cert.contents, 16) {
        return Err(Malformed::Structure);
    }
    let tbs = expect(cert.contents, SEQUENCE).ok_or(Malformed::Structure)?;
    let signature_algorithm = expect(tbs.rest, SEQUENCE).ok_or(Malformed::Structure)?;
    let signature = expect(signature_algorithm.rest, BIT_STRING).ok_or(Malformed::Structure)?;
    if !signature.rest.is_empty() {
        return Err(Malformed::Structure);
    }
    // TBSCertificate, field by field, nothing left over (what a full X.509 parser accepts).
    let mut f = tbs.contents;
    if let Some(v) = expect(f, VERSION) {
        expect(v.contents, INTEGER)
            .filter(|i| i.rest.is_empty())
            .ok_or(Malformed::Structure)?;
        f = v.rest;
    }
    let serial = expect(f, INTEGER).ok_or(Malformed::Structure)?;
    let algorithm = expect(serial.rest, SEQUENCE).ok_or(Malformed::Structure)?;
    let issuer = expect(algorithm.rest, SEQUENCE).ok_or(Malformed::Structure)?;
    let validity = expect(issuer.rest, SEQUENCE).ok_or(Malformed::Structure)?;
    let subject = expect(validity.rest, SEQUENCE).ok_or(Malformed::Structure)?;
    let spki = expect(subject.rest, SEQUENCE).ok_or(Malformed::Structure)?;
    // SubjectPublicKeyInfo: an AlgorithmIdentifier and the key's BIT STRING, nothing else.
    let key_algorithm = expect(spki.contents, SEQUENCE).ok_or(Malformed::Structure)?;
    expect(key_algorithm.rest, BIT_STRING)
        .filter(|k| k.rest.is_empty() && k.contents.len() > 1)
        .ok_or(Malformed::Structure)?;
    // Then only issuerUniqueID [1], subjectUniqueID [2] and extensions [3], each at most once,
    // in that order.
    let mut rest = spki.rest;
    for tag in [ISSUER_UID, SUBJECT_UID, EXTENSIONS] {
        if let Some(t) = expect(rest, tag) {
            if tag == EXTENSIONS && !extensions(t.contents) {
                return Err(Malformed::Structure);
            }
            rest = t.rest;
        }
    }
    if !rest.is_empty() {
        return Err(Malformed::Structure);
    }
    let not_before = tlv(validity.contents).ok_or(Malformed::Structure)?;
    let not_after = tlv(not_before.rest).ok_or(Malformed::Structure)?;
    if !not_after.rest.is_empty() {
        return Err(Malformed::Structure);
    }
    Ok(Outline {
        issuer: issuer.whole,
        not_before: time(&not_before).ok_or(Malformed::Time)?,
        not_after: time(&not_after).ok_or(Malformed::Time)?,
        subject: subject.whole,
        spki: spki.whole,
    })
}

/// True when `b` is `Extensions`: one SEQUENCE of `Extension { extnID OBJECT IDENTIFIER,
/// critical BOOLEAN OPTIONAL, extnValue OCTET STRING }` and nothing after it.
fn extensions(b: &[u8]) -> bool {
    let Some(list) = expect(b, SEQUENCE).filter(|l| l.rest.is_empty()) else {
        return false;
    };
    let mut items = list.contents;
    while !items.is_empty() {
        let Some(ext) = expect(items, SEQUENCE) else {
            return false;
        };
        let Some(id) = expect(ext.contents, OID) else {
            return false;
        };
        let mut f = id.rest;
        if let Some(critical) = expect(f, BOOLEAN) {
            f = critical.rest;
        }
        if !expect(f, OCTET_STRING).is_some_and(|v| v.rest.is_empty()) {
            return false;
        }
        items = ext.rest;
    }
    true
}

/// How many attributes each RDN of a Name (a whole SEQUENCE) holds, in order: 1 for the usual
/// `CN=…`, more for a multi-valued RDN such as `CN=a + UID=b`.
pub fn rdn_sizes(name: &[u8]) -> Option<Vec<usize>> {
    let mut sets = expect(name, SEQUENCE)?.contents;
    let mut sizes = Vec::new();
    while !sets.is_empty() {
        let set = expect(sets, SET)?;
        let mut n = 0;
        let mut attrs = set.contents;
        while !attrs.is_empty() {
            attrs = expect(attrs, SEQUENCE)?.rest;
            n += 1;
        }
        sizes.push(n);
        sets = set.rest;
    }
    Some(sizes)
}

/// A validity time: UTCTime `YYMMDDHHMMSSZ` (years 1950–2049, RFC 5280 §4.1.2.5.1) or
/// GeneralizedTime `YYYYMMDDHHMMSSZ` (§4.1.2.5.2).
fn time(t: &Tlv<'_>) -> Option<OffsetDateTime> {
    let s = std::str::from_utf8(t.contents).ok()?;
    let digits = s.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |a: usize, b: usize| digits.get(a..b)?.parse::<u16>().ok();
    let (year, rest) = match (t.tag, digits.len()) {
        (UTC_TIME, 12) => {
            let yy = n(0, 2)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, 2)
        }
        (GENERALIZED_TIME, 14) => (n(0, 4)?, 4),
        _ => return None,
    };
    let at = |i: usize| n(rest + i, rest + i + 2);
    let date = Date::from_calendar_date(
        i32::from(year),
        Month::try_from(u8::try_from(at(0)?).ok()?).ok()?,
        u8::try_from(at(2)?).ok()?,
    )
    .ok()?;
    let clock = Time::from_hms(
        u8::try_from(at(4)?).ok()?,
        u8::try_from(at(6)?).ok()?,
        u8::try_from(at(8)?).ok()?,
    )
    .ok()?;
    Some(PrimitiveDateTime::new(date, clock).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::x509::{X509Name, X509};

    fn cert(not_before: &str, not_after: &str) -> (X509, PKey<openssl::pkey::Private>) {
        let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let mut name = X509Name::builder().unwrap();
        name.append_entry_by_text("CN", "outline test").unwrap();
        let name = name.build();
        let mut b = X509::builder().unwrap();
        b.set_version(2).unwrap();
        b.set_subject_name(&name).unwrap();
        b.set_issuer_name(&name).unwrap();
        b.set_pubkey(&key).unwrap();
        b.set_not_before(&Asn1Time::from_str_x509(not_before).unwrap())
            .unwrap();
        b.set_not_after(&Asn1Time::from_str_x509(not_after).unwrap())
            .unwrap();
        b.sign(&key, MessageDigest::sha256()).unwrap();
        (b.build(), key)
    }

    /// The outline finds what OpenSSL's full decode finds, in both time forms.
    #[test]
    fn agrees_with_openssl() {
        let (c, key) = cert("491231235959Z", "20991231235959Z");
        let der = c.to_der().unwrap();
        let o = outline(&der).unwrap();
        assert_eq!(o.spki, key.public_key_to_der().unwrap());
        assert_eq!(o.subject, c.subject_name().to_der().unwrap());
        assert_eq!(o.issuer, c.issuer_name().to_der().unwrap());
        assert_eq!(o.not_before.unix_timestamp(), 2_524_607_999); // 2049-12-31T23:59:59Z
        assert_eq!(o.not_after.year(), 2099);
        let (c, _) = cert("500101000000Z", "20500101000000Z");
        let o = outline(&c.to_der().unwrap()).unwrap().not_before;
        assert_eq!(o.year(), 1950);
    }

    /// Truncations and other data are refused, never read past.
    #[test]
    fn refuses_what_is_not_a_certificate() {
        let (c, _) = cert("260101000000Z", "270101000000Z");
        let der = c.to_der().unwrap();
        for cut in [0, 1, 2, 10, 100, der.len() / 2, der.len() - 1] {
            assert!(outline(&der[..cut]).is_err(), "cut at {cut}");
        }
        assert!(outline(b"\x30\x84\xff\xff\xff\xff").is_err());
        assert!(outline(b"\x30\x85\x01\x00\x00\x00\x00").is_err());
        assert!(outline(b"-----BEGIN CERTIFICATE-----").is_err());
        // A length inside that runs past its container (the fuzzer's truncated certificate).
        let mut inner = der.clone();
        let at = inner.len() - 300;
        inner[at..].fill(0x30);
        assert!(outline(&inner).is_err());
        // Something after the signature, inside the certificate.
        let mut extra = der[..4].to_vec();
        let len = u16::from_be_bytes([der[2], der[3]]) + 2;
        extra[2..4].copy_from_slice(&len.to_be_bytes());
        extra.extend_from_slice(&der[4..]);
        extra.extend_from_slice(&[0x05, 0x00]);
        assert!(outline(&extra).is_err());
        // A stray field after the SubjectPublicKeyInfo, inside the TBSCertificate (what a full
        // parser refuses): rebuilt with lengths that add up.
        let tbs = tlv(tlv(&der).unwrap().contents).unwrap();
        let rest = tbs.rest.to_vec();
        let mut body = tbs.contents.to_vec();
        body.extend_from_slice(&[0x05, 0x00]);
        let wrap = |tag: u8, body: &[u8]| {
            let mut out = vec![tag, 0x82];
            out.extend_from_slice(&(body.len() as u16).to_be_bytes());
            out.extend_from_slice(body);
            out
        };
        let stray = wrap(SEQUENCE, &[wrap(SEQUENCE, &body), rest].concat());
        assert_eq!(outline(&stray).err(), Some(Malformed::Structure));
        // Bytes after the certificate are ignored.
        let mut after = der.clone();
        after.extend_from_slice(b"trailing");
        assert!(outline(&after).is_ok());
    }

    /// A multi-valued RDN counts its attributes; a plain name one per RDN.
    #[test]
    fn counts_attributes_per_rdn() {
        let (c, _) = cert("260101000000Z", "270101000000Z");
        let name = c.subject_name().to_der().unwrap();
        assert_eq!(rdn_sizes(&name), Some(vec![1]));
        // SEQUENCE { SET { CN=a, UID=b }, SET { O=x } }, written out.
        let attr = |oid: &[u8], v: &str| {
            let mut b = vec![0x06, oid.len() as u8];
            b.extend_from_slice(oid);
            b.extend_from_slice(&[0x0C, v.len() as u8]);
            b.extend_from_slice(v.as_bytes());
            let mut s = vec![SEQUENCE, b.len() as u8];
            s.extend(b);
            s
        };
        let wrap = |tag: u8, parts: Vec<Vec<u8>>| {
            let body: Vec<u8> = parts.concat();
            let mut out = vec![tag, body.len() as u8];
            out.extend(body);
            out
        };
        let cn = attr(&[0x55, 0x04, 0x03], "a");
        let uid = attr(
            &[0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x01],
            "b",
        );
        let o = attr(&[0x55, 0x04, 0x0A], "x");
        let name = wrap(SEQUENCE, vec![wrap(SET, vec![cn, uid]), wrap(SET, vec![o])]);
        assert_eq!(rdn_sizes(&name), Some(vec![2, 1]));
        assert_eq!(rdn_sizes(&name[..name.len() - 1]), None);
    }

    /// Any byte changed, anywhere, never panics or reads out of bounds (a cheap stand-in for
    /// the fuzz targets, which reach this through embedded certificates).
    #[test]
    fn mutations_never_panic() {
        let (c, _) = cert("260101000000Z", "270101000000Z");
        let der = c.to_der().unwrap();
        let mut x: u32 = 0x2545_F491;
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let mut m = der.clone();
            let at = x as usize % m.len();
            m[at] = (x >> 8) as u8;
            let cut = (x >> 16) as usize % (m.len() + 1);
            let _ = outline(&m[..cut.max(at + 1)]);
        }
    }

    /// Times outside RFC 5280's two forms are refused as times.
    #[test]
    fn reads_only_rfc_5280_times() {
        let t = |tag: u8, s: &str| {
            let mut b = vec![tag, s.len() as u8];
            b.extend_from_slice(s.as_bytes());
            let v = tlv(&b).map(|t| time(&t));
            v.flatten()
        };
        assert!(t(UTC_TIME, "260115100100Z").is_some());
        assert!(t(GENERALIZED_TIME, "20260115100100Z").is_some());
        for bad in [
            "2601151001Z",
            "260115100100",
            "260115100160Z",
            "261315100100Z",
            "2601151001+0Z",
        ] {
            assert!(t(UTC_TIME, bad).is_none(), "{bad}");
        }
        assert!(t(GENERALIZED_TIME, "260115100100Z").is_none());
        assert!(t(INTEGER, "260115100100Z").is_none());
    }
}

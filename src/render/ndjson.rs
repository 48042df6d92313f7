//! One NDJSON line: serde's data model written as compact JSON, byte for byte what
//! `serde_json::to_writer` writes (the tests compare the two on every shape serde has), into a
//! buffer the caller keeps from line to line. It exists for speed: a batch writes one report
//! per message, and serde_json's string writer looks at one byte at a time, where this one
//! passes over eight bytes at once until one needs escaping (a quote, a backslash or a control
//! character, escaped as serde_json escapes them). Floating-point numbers, which reports do not
//! hold, are written by serde_json itself.

use std::fmt;

use serde::ser::{self, Serialize};

/// Appends `value` as one line of compact JSON (no newline) to `out`. On an error (a map key
/// that is not a string or a number, or a custom error from a `Serialize` impl) `out` holds
/// part of the line; the caller drops it.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// Why a value could not be written.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// The escape of a byte that needs one (a quote, a backslash or a control below U+0020), as
/// serde_json writes it.
fn escape(out: &mut Vec<u8>, c: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match c {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0a => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        0x0d => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(c >> 4)],
            HEX[usize::from(c & 15)],
        ]),
    }
}

/// The high bit of each of the eight bytes of `w` that is a quote, a backslash or below 0x20.
/// Bits above the lowest set one may be spurious (a borrow), the lowest one is exact: it marks
/// the first such byte.
fn escape_mask(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    below_space | zero_in(w ^ (ONES * b'"' as u64)) | zero_in(w ^ (ONES * b'\\' as u64))
}

/// Whether byte `c` is written escaped.
fn needs_escape(c: u8) -> bool {
    c < 0x20 || c == b'"' || c == b'\\'
}

/// The eight bytes of `b` from `i` as a little-endian word (`i + 8 <= b.len()`).
fn word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// A word holding every byte of `b` from `i` on (fewer than eight), with others that need no
/// escape or were looked at already (overlapping loads, no byte-by-byte copy): when its
/// [`escape_mask`] is zero, none of those bytes needs an escape.
fn tail_word(b: &[u8], i: usize) -> u64 {
    let n = b.len();
    if n >= 8 {
        // The last eight bytes: the tail and bytes before `i`, already written.
        word(b, n - 8)
    } else if n >= 4 {
        let half =
            |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
        half(0) | half(n - 4) << 32
    } else {
        let pad = b'a';
        u64::from_le_bytes([b[i], b[n / 2], b[n - 1], pad, pad, pad, pad, pad])
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it.
fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i + 8 <= b.len() {
        let m = escape_mask(word(b, i));
        if m == 0 {
            i += 8;
            continue;
        }
        let at = i + (m.trailing_zeros() / 8) as usize;
        out.extend_from_slice(&b[start..at]);
        escape(out, b[at]);
        i = at + 1;
        start = i;
    }
    // The last bytes, fewer than eight: one look at them all, and a byte at a time only when
    // something there (or just before) needs an escape.
    if i < b.len() && escape_mask(tail_word(b, i)) != 0 {
        for (at, &c) in b.iter().enumerate().skip(i) {
            if needs_escape(c) {
                out.extend_from_slice(&b[start..at]);
                escape(out, c);
                start = at + 1;
            }
        }
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

fn unsigned(out: &mut Vec<u8>, mut v: u128) {
    let mut buf = [0u8; 39];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

fn signed(out: &mut Vec<u8>, v: i128) {
    if v < 0 {
        out.push(b'-');
    }
    unsigned(out, v.unsigned_abs());
}

/// A floating-point number as serde_json writes it (`null` when not finite).
fn float<T: Serialize>(out: &mut Vec<u8>, v: T) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, &v).map_err(|e| Error(e.to_string()))
}

/// Writes the elements of a sequence, a map or a struct, with the closing bracket at the end.
struct Compound<'a, 'b> {
    w: &'b mut Writer<'a>,
    first: bool,
    /// What closes it: `]`, `}`, or `]}` / `}}` for a variant's content.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.comma();
        string(self.w.out, key);
        self.w.out.push(b':');
    }

    fn end(self) -> Result<(), Error> {
        self.w.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'a, 'b> Writer<'a> {
    fn open(&'b mut self, open: &[u8], close: &'static [u8]) -> Compound<'a, 'b> {
        self.out.extend_from_slice(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` and then the content, closed by `close`.
    fn variant(&'b mut self, variant: &str, open: u8, close: &'static [u8]) -> Compound<'a, 'b> {
        self.out.push(b'{');
        string(self.out, variant);
        self.out.push(b':');
        self.out.push(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }
}

/// The narrower integers, written as the 128-bit ones.
macro_rules! widen_integers {
    () => {
        widen_integers!(@ serialize_i128:
            serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64);
        widen_integers!(@ serialize_u128:
            serialize_u8 u8, serialize_u16 u16, serialize_u32 u32, serialize_u64 u64);
    };
    (@ $wide:ident: $($name:ident $ty:ty),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Error> {
            self.$wide(v.into())
        })*
    };
}

/// What the value and the key writers share: text as a JSON string, a unit variant as its
/// name, a newtype struct as what it wraps.
macro_rules! shared_methods {
    () => {
        fn serialize_char(self, v: char) -> Result<(), Error> {
            string(self.out, v.encode_utf8(&mut [0; 4]));
            Ok(())
        }
        fn serialize_str(self, v: &str) -> Result<(), Error> {
            string(self.out, v);
            Ok(())
        }
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Result<(), Error> {
            self.serialize_str(variant)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            value.serialize(self)
        }
    };
}

/// A compound's trait whose elements are written as a sequence's (`$method` forwards to
/// `$to`) and that closes as the sequence does.
macro_rules! forward_compound {
    ($trait:ident, $method:ident, $via:path) => {
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                $via(self, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    };
}

impl<'a, 'b> ser::Serializer for &'b mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        signed(self.out, v);
        Ok(())
    }
    widen_integers!();
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        unsigned(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        float(self.out, v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        float(self.out, v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    shared_methods!();
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        string(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>, Error> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        Ok(self.variant(variant, b'[', b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>, Error> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, 'b>, Error> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>, Error> {
        Ok(self.variant(variant, b'{', b"}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

forward_compound!(
    SerializeTuple,
    serialize_element,
    ser::SerializeSeq::serialize_element
);

forward_compound!(
    SerializeTupleStruct,
    serialize_field,
    ser::SerializeSeq::serialize_element
);

forward_compound!(
    SerializeTupleVariant,
    serialize_field,
    ser::SerializeSeq::serialize_element
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter {
            out: &mut *self.w.out,
        })?;
        self.w.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// A struct's (or struct variant's) fields: `"key":value`.
macro_rules! struct_compound {
    ($trait:ident) => {
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.key(key);
                value.serialize(&mut *self.w)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    };
}

struct_compound!(SerializeStruct);
struct_compound!(SerializeStructVariant);

/// A map key, as serde_json takes it: a string, or a number, a bool or a char written as one.
struct KeyWriter<'a> {
    out: &'a mut Vec<u8>,
}

impl KeyWriter<'_> {
    fn quoted(self, f: impl FnOnce(&mut Vec<u8>)) -> Result<(), Error> {
        self.out.push(b'"');
        f(self.out);
        self.out.push(b'"');
        Ok(())
    }
}

fn key_error() -> Error {
    Error("key must be a string".into())
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|o| o.extend_from_slice(if v { b"true" } else { b"false" }))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.quoted(|o| signed(o, v))
    }
    widen_integers!();
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.quoted(|o| unsigned(o, v))
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }
    shared_methods!();
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn same<T: Serialize>(v: &T) {
        let mut ours = Vec::new();
        write(&mut ours, v).unwrap();
        let theirs = serde_json::to_vec(v).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[derive(Serialize)]
    enum Kind {
        Unit,
        #[serde(rename = "new_type")]
        Newtype(u8),
        Tuple(i32, String),
        Struct {
            a: Option<u8>,
            b: Vec<bool>,
        },
    }

    #[derive(Serialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Tagged {
        One { x: u8 },
        Two,
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrap(String);

    #[derive(Serialize)]
    struct Pair(u8, char);

    struct Bytes(&'static [u8]);
    impl Serialize for Bytes {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    #[derive(Serialize)]
    struct Flat {
        id: u8,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(flatten)]
        rest: BTreeMap<String, u8>,
    }

    #[derive(Serialize)]
    struct All {
        s: String,
        e: Vec<Kind>,
        t: Vec<Tagged>,
        unit: Unit,
        wrap: Wrap,
        pair: Pair,
        tuple: (u8, &'static str),
        none: Option<String>,
        ints: (i8, i16, i32, i64, i128, u8, u16, u32, u64, u128),
        floats: (f32, f64, f64, f64),
        bytes: Bytes,
        by_text: BTreeMap<String, Vec<u8>>,
        by_number: BTreeMap<i64, bool>,
        by_bool: BTreeMap<bool, ()>,
        by_char: BTreeMap<char, ()>,
        flat: Flat,
        empty: (Vec<u8>, BTreeMap<String, u8>),
        value: serde_json::Value,
    }

    #[test]
    fn writes_every_shape_as_serde_json_does() {
        let all = All {
            s: "plain".into(),
            e: vec![
                Kind::Unit,
                Kind::Newtype(7),
                Kind::Tuple(-3, "x\"y".into()),
                Kind::Struct {
                    a: None,
                    b: vec![true, false],
                },
            ],
            t: vec![Tagged::One { x: 1 }, Tagged::Two],
            unit: Unit,
            wrap: Wrap("w".into()),
            pair: Pair(1, '\n'),
            tuple: (0, ""),
            none: None,
            ints: (
                i8::MIN,
                i16::MIN,
                i32::MIN,
                i64::MIN,
                i128::MIN,
                u8::MAX,
                u16::MAX,
                u32::MAX,
                u64::MAX,
                u128::MAX,
            ),
            floats: (1.5, 1e21, f64::NAN, -0.0),
            bytes: Bytes(&[0, 1, 255]),
            by_text: [("k\u{1}".to_string(), vec![1, 2])].into_iter().collect(),
            by_number: [(-1, true), (10, false)].into_iter().collect(),
            by_bool: [(true, ())].into_iter().collect(),
            by_char: [('"', ())].into_iter().collect(),
            flat: Flat {
                id: 1,
                skipped: None,
                rest: [("z".to_string(), 2)].into_iter().collect(),
            },
            empty: (Vec::new(), BTreeMap::new()),
            value: serde_json::json!({"a": [1, -2, 2.5, null, "s\\t"], "b": {}}),
        };
        same(&all);
    }

    #[test]
    fn escapes_every_character_as_serde_json_does() {
        // Every ASCII byte, at every offset in and across the eight-byte words.
        let ascii: String = (0u8..0x80).map(char::from).collect();
        for pad in 0..9 {
            let s = format!("{}{ascii}{ascii}", "a".repeat(pad));
            same(&s);
        }
        // One character of each kind at every place of every short length, and two at once.
        for len in 1..=20 {
            for at in 0..len {
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'é', '\u{7f}'] {
                    let mut v: Vec<char> = vec!['a'; len];
                    v[at] = c;
                    same(&v.iter().collect::<String>());
                    v[len - 1 - at] = '"';
                    same(&v.iter().collect::<String>());
                }
            }
        }
        for s in [
            "",
            "\"",
            "\\",
            "abcdefgh",
            "abcdefg\"",
            "\u{7f}\u{80}é€😀\u{2028}\u{feff}",
            "alice@example.com",
            "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIz",
        ] {
            same(&s);
            same(&[s, s]);
        }
    }

    #[test]
    fn a_key_that_is_no_string_is_an_error() {
        let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(write(&mut Vec::new(), &by_list).is_err());
        assert!(serde_json::to_vec(&by_list).is_err());
    }
}

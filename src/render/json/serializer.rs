//! A serde `Serializer` that writes JSON straight into a `Vec<u8>`: byte for byte what
//! `serde_json::to_writer_pretty` (two spaces a level) or `serde_json::to_writer` writes.
//!
//! Why not serde_json itself: it writes every fragment (a bracket, a comma, an indent) through
//! `io::Write`, and scans each string a byte at a time through a table. A report is some 60 kB
//! and 2,000 strings, and those two costs were most of a one-shot `--format json` run. Here each
//! fragment is a push onto the buffer, and strings are checked eight bytes at a time (SWAR): a
//! short one (most are) in two overlapping words written as they are, a longer one scanned and
//! each run that needs no escape copied at once.
//!
//! What serde_json does, this does: the same escapes (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`,
//! other controls as `\u00xx`, nothing else), integers as `itoa` writes them, finite floats as
//! `zmij` writes them (the crate serde_json 1.0.154 uses) and `null` for the others, map keys
//! as its `MapKeySerializer` accepts them. The tests compare the two on arbitrary values.

use serde::ser::{self, Impossible, Serialize};
use std::fmt::{self, Display};

/// Line breaks and two spaces a level, or no whitespace at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Pretty,
    Compact,
}

/// Appends `value` as JSON to `out`. On error, `out` holds what was written before it.
pub fn write<T: ?Sized + Serialize>(
    value: &T,
    layout: Layout,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    value.serialize(&mut Serializer {
        out,
        pretty: layout == Layout::Pretty,
        depth: 0,
    })
}

/// Why a value could not be written: a map key that is not a string (nor a number, bool or
/// char, which JSON keys take quoted), or an error a `Serialize` implementation raised.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<Error> for std::io::Error {
    /// As serde_json's own errors become `io::Error`s: the data, not the output, is at fault.
    fn from(e: Error) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, e)
    }
}

/// serde_json's messages for the keys it refuses.
fn key_must_be_a_string() -> Error {
    Error("key must be a string".to_owned())
}

fn float_key_must_be_finite() -> Error {
    Error("float key must be finite".to_owned())
}

/// A comma, a line break and the indentation of up to 16 levels after it: written whole, a
/// fixed-size copy the compiler turns into a few stores, then cut back to what is needed (from
/// the line break when no comma goes first).
const COMMA_BREAK: &[u8; 34] = b",\n                                ";
const BREAK: &[u8; 33] = b"\n                                ";

pub struct Serializer<'a> {
    out: &'a mut Vec<u8>,
    pretty: bool,
    /// How many arrays and objects are open: the indentation of the next line.
    depth: usize,
}

impl Serializer<'_> {
    /// In the pretty layout, a new line indented to the current depth.
    fn line_break(&mut self) {
        self.break_after(false);
    }

    /// A comma first when `comma`, then (pretty) the line break: one write for both.
    fn break_after(&mut self, comma: bool) {
        if !self.pretty {
            if comma {
                self.out.push(b',');
            }
            return;
        }
        let mut columns = self.depth * 2;
        let first = columns.min(BREAK.len() - 1);
        let len = self.out.len();
        if comma {
            self.out.extend_from_slice(COMMA_BREAK);
            self.out.truncate(len + 2 + first);
        } else {
            self.out.extend_from_slice(BREAK);
            self.out.truncate(len + 1 + first);
        }
        columns -= first;
        // Deeper than any report nests: the rest a slice at a time.
        while columns > 0 {
            let run = columns.min(BREAK.len() - 1);
            self.out.extend_from_slice(&BREAK[1..=run]);
            columns -= run;
        }
    }

    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.out.push(bracket);
    }

    /// Closes an array or object; one that holds anything ends on a line of its own (pretty).
    fn close(&mut self, bracket: u8, empty: bool) {
        self.depth -= 1;
        if !empty {
            self.line_break();
        }
        self.out.push(bracket);
    }

    /// Before an element or a key: a comma unless it is the first, then its line (pretty).
    fn next_item(&mut self, first: bool) {
        self.break_after(!first);
    }

    /// Between a key and its value.
    fn colon(&mut self) {
        if self.pretty {
            self.out.extend_from_slice(b": ");
        } else {
            self.out.push(b':');
        }
    }

    fn integer(&mut self, value: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    /// A float in the shortest form that reads back the same (serde_json's `write_f64`); JSON
    /// has no form for infinities and NaN, so `null` for them, as serde_json writes them.
    fn float(&mut self, value: impl zmij::Float, finite: bool) {
        if finite {
            self.out
                .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
        } else {
            self.out.extend_from_slice(b"null");
        }
    }

    /// Opens `{"variant": ` (the wrapper serde_json writes around a variant with content).
    fn open_variant(&mut self, variant: &str) {
        self.open(b'{');
        self.next_item(true);
        write_str(self.out, variant);
        self.colon();
    }
}

/// Writes `text` as a JSON string: quoted, escaped where JSON requires it and nowhere else.
///
/// Most strings are short (a key, a status, an id), and a string's fixed cost then outweighs
/// its bytes. A string of up to 16 bytes is read as its first and its last bytes, two words
/// that overlap and together cover it, checked at once, and written as two fixed-size pieces
/// (the second over the end of the first): no loop and no call to copy it.
fn write_str(out: &mut Vec<u8>, text: &str) {
    write_str_then(out, text, b"");
}

/// A key and the colon after it (`"key": ` in the pretty layout), a short key in one write.
fn write_key(out: &mut Vec<u8>, key: &str, pretty: bool) {
    write_str_then(out, key, if pretty { b": " } else { b":" });
}

/// `text` as a JSON string, then `tail` (at most two bytes, which need no escape).
fn write_str_then(out: &mut Vec<u8>, text: &str, tail: &[u8]) {
    let text = text.as_bytes();
    let short =
        ends(text).filter(|&(first, last, _)| escape_marks(first) | escape_marks(last) == 0);
    let Some((first, last, size)) = short else {
        write_long_str(out, text);
        return out.extend_from_slice(tail);
    };
    // `"`, the text, `"` and the tail laid out in a block of fixed size, written whole and cut
    // back to length after: the second word goes over the end of the first, its padding after
    // the text.
    let n = text.len();
    let mut block = [b'"'; 20];
    block[1..9].copy_from_slice(&first.to_le_bytes());
    if let Some(end) = block.get_mut(1 + n - size..9 + n - size) {
        end.copy_from_slice(&last.to_le_bytes());
    }
    block[n + 1] = b'"';
    if let Some(room) = block.get_mut(n + 2..n + 2 + tail.len()) {
        room.copy_from_slice(tail);
    }
    let len = out.len();
    out.extend_from_slice(&block);
    out.truncate(len + n + 2 + tail.len());
}

/// The first and the last `size` bytes of a text of 1 to 16 bytes, each as the low bytes of a
/// word padded with spaces (which need no escape), and `size`: 8, 4, 2 or 1, the largest that
/// the text's length reaches. Between them the two cover the text.
fn ends(text: &[u8]) -> Option<(u64, u64, usize)> {
    const SPACES: u64 = splat(b' ');
    Some(match text.len() {
        8..=16 => (
            u64::from_le_bytes(*text.first_chunk()?),
            u64::from_le_bytes(*text.last_chunk()?),
            8,
        ),
        4..=7 => (
            u64::from(u32::from_le_bytes(*text.first_chunk()?)) | SPACES << 32,
            u64::from(u32::from_le_bytes(*text.last_chunk()?)) | SPACES << 32,
            4,
        ),
        2..=3 => (
            u64::from(u16::from_le_bytes(*text.first_chunk()?)) | SPACES << 16,
            u64::from(u16::from_le_bytes(*text.last_chunk()?)) | SPACES << 16,
            2,
        ),
        1 => {
            let word = u64::from(text[0]) | SPACES << 8;
            (word, word, 1)
        }
        _ => return None,
    })
}

/// Any string: each run that needs no escape (mostly the whole string) copied at once. Kept
/// out of line: its loop's registers would otherwise weigh on every short string.
#[inline(never)]
fn write_long_str(out: &mut Vec<u8>, text: &[u8]) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    // `clean` is where the run not yet copied begins.
    let mut clean = 0;
    while let Some(at) = next_escape(text, clean) {
        out.extend_from_slice(&text[clean..at]);
        escape(out, text[at]);
        clean = at + 1;
    }
    out.extend_from_slice(&text[clean..]);
    out.push(b'"');
}

/// The index of the first byte at or after `from` that JSON must escape, eight bytes at a time;
/// the last few bytes are read as one word too.
fn next_escape(text: &[u8], from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut words {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let marks = escape_marks(u64::from_le_bytes(word));
        if marks != 0 {
            return Some(offset + marks.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    // The last bytes of `rest` are the last bytes of `text`.
    let n = words.remainder().len();
    if n == 0 {
        return None;
    }
    let marks = escape_marks(tail_word(text, n));
    (marks != 0).then(|| offset + marks.trailing_zeros() as usize / 8)
}

/// The words of eight bytes each equal to `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The top bit of each byte of `word` (read little-endian) that JSON must escape: `"`, `\`,
/// and those below 0x20. Some mark is set exactly when the word holds such a byte (all that
/// `write_str` asks), and the lowest mark is the first of them (all that `next_escape` asks).
///
/// SWAR: `(x - splat(1)) & !x & splat(0x80)` marks the zero bytes of `x`, and
/// `(x - splat(0x20)) & !x & splat(0x80)` those below 0x20 (a byte of 0x80 or more has its top
/// bit set, so `!x` clears its mark). A borrow can mark a byte after a true mark, never one
/// before it; little-endian, the lowest mark is the first such byte in the text.
fn escape_marks(word: u64) -> u64 {
    const LOW: u64 = splat(0x01);
    let quote = word ^ splat(b'"');
    let backslash = word ^ splat(b'\\');
    (quote.wrapping_sub(LOW) & !quote
        | backslash.wrapping_sub(LOW) & !backslash
        | word.wrapping_sub(splat(0x20)) & !word)
        & splat(0x80)
}

/// The last `n` (1 to 7) bytes of `text` as the low bytes of a word, the rest spaces (which
/// need no escape): from the text's last eight bytes when it has that many, else copied.
fn tail_word(text: &[u8], n: usize) -> u64 {
    let shift = 8 * (8 - n);
    if let Some(last) = text.last_chunk::<8>() {
        u64::from_le_bytes(*last) >> shift | splat(b' ') << (64 - shift)
    } else {
        let mut word = [b' '; 8];
        word[..n].copy_from_slice(&text[text.len() - n..]);
        u64::from_le_bytes(word)
    }
}

/// The escape of one byte `escape_marks` marked, as serde_json writes it.
fn escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// The ten integer methods of a `Serializer`, each writing through `self.integer`.
macro_rules! integers {
    () => {
        integers!(
            serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
            serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
            serialize_u64: u64, serialize_u128: u128
        );
    };
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, value: $type) -> Result<(), Error> {
            self.integer(value);
            Ok(())
        }
    )*};
}

impl<'s, 'a> ser::Serializer for &'s mut Serializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    integers!();

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.float(value, value.is_finite());
        Ok(())
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.float(value, value.is_finite());
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    /// Bytes as an array of numbers, as serde_json writes them.
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    /// `{"variant": value}`.
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close(b'}', false);
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        self.open(b'[');
        Ok(Compound {
            ser: self,
            first: true,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_seq(Some(len))
    }

    /// `{"variant": [fields]}`.
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.open_variant(variant);
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        self.open(b'{');
        Ok(Compound {
            ser: self,
            first: true,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_map(Some(len))
    }

    /// `{"variant": {fields}}`.
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.open_variant(variant);
        self.serialize_map(Some(len))
    }
}

/// An open array or object.
pub struct Compound<'s, 'a> {
    ser: &'s mut Serializer<'a>,
    /// Nothing written in it yet.
    first: bool,
}

impl Compound<'_, '_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.next_item(self.first);
        self.first = false;
        value.serialize(&mut *self.ser)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.ser.next_item(self.first);
        self.first = false;
        write_key(self.ser.out, key, self.ser.pretty);
        value.serialize(&mut *self.ser)
    }

    fn close(self, bracket: u8) {
        self.ser.close(bracket, self.first);
    }

    /// Closes the array or object, then the `{"variant": ` around it.
    fn close_variant(self, bracket: u8) {
        self.ser.close(bracket, self.first);
        self.ser.close(b'}', false);
    }
}

/// The four sequence traits, alike but for a method's name and what closes them.
macro_rules! sequence {
    ($trait:ident, $method:ident, $close:ident) => {
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), Error> {
                self.$close(b']');
                Ok(())
            }
        }
    };
}

sequence!(SerializeSeq, serialize_element, close);
sequence!(SerializeTuple, serialize_element, close);
sequence!(SerializeTupleStruct, serialize_field, close);
sequence!(SerializeTupleVariant, serialize_field, close_variant);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.ser.next_item(self.first);
        self.first = false;
        key.serialize(KeySerializer {
            out: &mut *self.ser.out,
        })
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.colon();
        value.serialize(&mut *self.ser)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b'}');
        Ok(())
    }
}

/// The two struct traits, alike but for what closes them.
macro_rules! fields {
    ($trait:ident, $close:ident) => {
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                self.$close(b'}');
                Ok(())
            }
        }
    };
}

fields!(SerializeStruct, close);
fields!(SerializeStructVariant, close_variant);

/// A map key: JSON keys are strings, so strings and unit variants are written as themselves,
/// and numbers, bools and chars quoted (as serde_json does); anything else is refused.
struct KeySerializer<'o> {
    out: &'o mut Vec<u8>,
}

impl KeySerializer<'_> {
    /// `text` between quotes; it is a number or a bool, so needs no escape.
    fn quoted(self, text: &[u8]) {
        self.out.push(b'"');
        self.out.extend_from_slice(text);
        self.out.push(b'"');
    }

    fn integer(self, value: impl itoa::Integer) {
        let mut buffer = itoa::Buffer::new();
        self.quoted(buffer.format(value).as_bytes());
    }

    /// A float key, quoted; JSON has no form for infinities and NaN, so they are refused.
    fn float(self, value: impl zmij::Float, finite: bool) -> Result<(), Error> {
        if !finite {
            return Err(float_key_must_be_finite());
        }
        self.quoted(zmij::Buffer::new().format_finite(value).as_bytes());
        Ok(())
    }
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.quoted(if value { b"true" } else { b"false" });
        Ok(())
    }

    integers!();

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        self.float(value, value.is_finite())
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        self.float(value, value.is_finite())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    fn ours(value: &(impl Serialize + ?Sized), layout: Layout) -> Result<String, Error> {
        let mut out = Vec::new();
        write(value, layout, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    fn pretty(value: &(impl Serialize + ?Sized)) -> String {
        ours(value, Layout::Pretty).unwrap()
    }

    fn compact(value: &(impl Serialize + ?Sized)) -> String {
        ours(value, Layout::Compact).unwrap()
    }

    /// Both layouts equal serde_json's, byte for byte.
    fn assert_same(value: &(impl Serialize + ?Sized)) {
        assert_eq!(pretty(value), serde_json::to_string_pretty(value).unwrap());
        assert_eq!(compact(value), serde_json::to_string(value).unwrap());
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_layout() {
        let deep = (0..40).fold(json!([]), |v, i| json!({ "k": [v, i, {}] }));
        let value = json!({
            "a": 1, "b": [], "c": {}, "d": [1, [2, [3]], {"e": "f\"\n"}], "deep": deep
        });
        assert_same(&value);
        assert!(pretty(&value).contains("\n  \"b\": [],\n"));
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_json_escapes_it() {
        let all: String = (0u8..0x80).map(char::from).collect();
        let text = format!("{all}é€😀\u{7f}/");
        assert_same(&text);
        assert!(compact("\u{1}\t\u{1f}").contains(r"\u0001\t\u001f"));
        // Escapes at every position of an eight-byte word, and across words.
        for at in 0..20 {
            for special in ['"', '\\', '\n', '\u{0}', '\u{1f}'] {
                let mut text = "ab\u{7f}d c /".repeat(3) + "é";
                // Every index up to 20 is a char boundary: the text is ASCII before `é`.
                text.insert(at, special);
                assert_same(&text);
            }
        }
    }

    #[test]
    fn the_swar_scan_marks_only_what_needs_escaping() {
        let first_mark = |word: [u8; 8]| {
            let marks = escape_marks(u64::from_le_bytes(word));
            (marks != 0).then(|| marks.trailing_zeros() / 8)
        };
        for byte in 0..=255u8 {
            let needs = byte < 0x20 || byte == b'"' || byte == b'\\';
            let mut word = [b'a'; 8];
            word[5] = byte;
            assert_eq!(first_mark(word), needs.then_some(5), "byte {byte:#x}");
            // After a byte of 0x80 or more, which must neither be marked nor hide it.
            word[4] = 0xFF;
            assert_eq!(first_mark(word), needs.then_some(5), "byte {byte:#x}");
            // After a byte that needs an escape: the first is found.
            word[2] = b'"';
            assert_eq!(first_mark(word), Some(2), "byte {byte:#x}");
        }
    }

    #[test]
    fn the_ends_of_a_short_text_cover_it() {
        let ends =
            |text: &[u8]| ends(text).map(|(a, b, size)| (a.to_le_bytes(), b.to_le_bytes(), size));
        assert_eq!(ends(b""), None);
        assert_eq!(ends(b"a"), Some((*b"a       ", *b"a       ", 1)));
        assert_eq!(ends(b"abc"), Some((*b"ab      ", *b"bc      ", 2)));
        assert_eq!(ends(b"abcdefg"), Some((*b"abcd    ", *b"defg    ", 4)));
        assert_eq!(ends(b"abcdefghi"), Some((*b"abcdefgh", *b"bcdefghi", 8)));
        assert_eq!(ends(&[b'x'; 17]), None);
        for n in 0..40 {
            let text: String = ('a'..='z').cycle().take(n).collect();
            assert_eq!(pretty(&text), format!("\"{text}\""));
        }
    }

    #[test]
    fn a_tail_is_the_last_bytes_padded_with_spaces() {
        assert_eq!(tail_word(b"0123456789", 3).to_le_bytes(), *b"789     ");
        assert_eq!(tail_word(b"abc", 2).to_le_bytes(), *b"bc      ");
        assert_eq!(tail_word(b"abcdefg", 7).to_le_bytes(), *b"abcdefg ");
    }

    #[derive(serde::Serialize)]
    enum Variants {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        EmptyTuple(),
        Struct { a: Option<f64>, b: Vec<char> },
        EmptyStruct {},
    }

    #[derive(serde::Serialize)]
    struct Unit;

    #[derive(serde::Serialize)]
    struct Newtype(Vec<u8>);

    #[derive(serde::Serialize)]
    struct Everything<'a> {
        variants: Vec<Variants>,
        unit: Unit,
        unit_value: (),
        newtype: Newtype,
        #[serde(serialize_with = "serde_bytes_like::serialize")]
        bytes: &'a [u8],
        tuple: (i8, u16, i128, u128, f32),
        floats: [f64; 6],
        keys: BTreeMap<i64, bool>,
        bool_keys: BTreeMap<bool, Option<u8>>,
        char_keys: BTreeMap<char, u8>,
        variant_keys: BTreeMap<Key, u8>,
        float_keys: Vec<(f64, u8)>,
    }

    #[derive(serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Key {
        First,
        Second,
    }

    /// Serializes a byte slice through `serialize_bytes`, as `serde_bytes` would.
    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(bytes)
        }
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        let float_keys: Vec<(f64, u8)> = vec![(1.5, 1), (-0.0, 2), (1e300, 3)];
        let value = Everything {
            variants: vec![
                Variants::Unit,
                Variants::Newtype(7),
                Variants::Tuple(-3, "x".into()),
                Variants::EmptyTuple(),
                Variants::Struct {
                    a: Some(f64::NAN),
                    b: vec!['"', 'é'],
                },
                Variants::Struct { a: None, b: vec![] },
                Variants::EmptyStruct {},
            ],
            unit: Unit,
            unit_value: (),
            newtype: Newtype(vec![1, 2]),
            bytes: b"\x00\xff",
            tuple: (i8::MIN, u16::MAX, i128::MIN, u128::MAX, 0.1),
            floats: [0.1, -2.5e-300, 1e21, f64::INFINITY, 3.0, f64::MAX],
            keys: [(i64::MIN, true), (0, false), (i64::MAX, true)].into(),
            bool_keys: [(true, None), (false, Some(1))].into(),
            char_keys: [('"', 1), ('a', 2)].into(),
            variant_keys: [(Key::First, 1), (Key::Second, 2)].into(),
            float_keys: float_keys.clone(),
        };
        assert_same(&value);
        // Float keys go through a map, as a serializer sees them.
        let map = FloatKeys(float_keys);
        assert_same(&map);
        assert_eq!(compact(&map), r#"{"1.5":1,"-0.0":2,"1e+300":3}"#);
    }

    /// A map with float keys (no std map takes them).
    struct FloatKeys(Vec<(f64, u8)>);

    impl Serialize for FloatKeys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|(k, v)| (*k, *v)))
        }
    }

    #[test]
    fn keys_json_cannot_take_are_refused() {
        let unit_key: BTreeMap<(), u8> = [((), 1)].into();
        assert!(ours(&unit_key, Layout::Pretty).is_err());
        assert!(serde_json::to_string(&unit_key).is_err());
        let list_key: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        assert!(ours(&list_key, Layout::Compact).is_err());
        let nan_key = FloatKeys(vec![(f64::NAN, 1)]);
        let err = ours(&nan_key, Layout::Compact).unwrap_err();
        assert_eq!(err.to_string(), "float key must be finite");
        assert!(serde_json::to_string(&nan_key).is_err());
    }

    /// Text from every class JSON treats apart: plain ASCII, `"` and `\`, each control
    /// character, DEL, `/`, and non-ASCII of two, three and four bytes.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-z ]{0,12}",
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            (0u8..0x20).prop_map(|b| char::from(b).to_string()),
            Just("\u{7f}/".to_owned()),
            Just("é".to_owned()),
            Just("€".to_owned()),
            Just("😀".to_owned()),
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
    }

    fn number() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            Just(Value::from(i64::MIN)),
            Just(Value::from(u64::MAX)),
            any::<f64>().prop_map(Value::from),
            (-1e6..1e6f64).prop_map(Value::from),
            (-100i32..100).prop_map(|i| Value::from(f64::from(i))),
            prop_oneof![
                Just(1e-320),
                Just(5e-324),
                Just(1e300),
                Just(-0.0),
                Just(1e16)
            ]
            .prop_map(Value::from),
        ]
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            number(),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 96, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((text(), inner), 0..8)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_value_is_written_as_serde_json_writes_it(value in value()) {
            prop_assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
            prop_assert_eq!(compact(&value), serde_json::to_string(&value).unwrap());
        }

        #[test]
        fn any_float_is_written_as_serde_json_writes_it(f in any::<f64>(), g in any::<f32>()) {
            prop_assert_eq!(compact(&f), serde_json::to_string(&f).unwrap());
            prop_assert_eq!(compact(&g), serde_json::to_string(&g).unwrap());
        }
    }
}

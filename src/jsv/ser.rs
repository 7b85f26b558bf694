//! The JSV writer: serde's data model to ServiceStack's compact JSV bytes.
//!
//! Rules (`docs/jsv-grammar.md`, ServiceStack's `JsWriter`/`TypeSerializer`):
//! objects `{Name:value,...}` with null properties left out; lists `[a,b]` with a null element
//! written as nothing; strings bare unless they hold `" : , { } [ ] \r \n` (then quoted, inner
//! quotes doubled), `""` for the empty string; `True`/`False`; unit enum variants by name.
//!
//! The writer appends to a `String`. A null value writes no bytes at all, which is how a
//! property or dictionary entry holding one is dropped: its `Key:` prefix is cut off again.

use serde::ser::{self, Impossible, Serialize};

use super::error::{Error, Result};
use super::number;

/// Bytes that force a string to be quoted (`JsWriter.EscapeChars` plus CR/LF): 1, else 0.
static NEEDS_QUOTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let specials = *b"\":,{}[]\r\n";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = 1;
        i += 1;
    }
    t
};

/// Strings at least this long are checked with SIMD `memchr` passes instead of the table.
const LONG: usize = 48;

/// Whether ServiceStack would quote this string in JSV: it is empty or holds one of
/// `" : , { } [ ]` CR LF.
#[inline]
pub fn needs_quotes(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() >= LONG {
        // Tokens and other long values: three vectorized scans beat a byte-wise table.
        return memchr::memchr3(b'"', b':', b',', b).is_some()
            || memchr::memchr3(b'{', b'}', b'[', b).is_some()
            || memchr::memchr3(b']', b'\r', b'\n', b).is_some();
    }
    if b.is_empty() {
        return true;
    }
    // Eight table lookups OR-ed together, one branch per chunk.
    let q = |x: u8| NEEDS_QUOTE[x as usize];
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        if q(c[0]) | q(c[1]) | q(c[2]) | q(c[3]) | q(c[4]) | q(c[5]) | q(c[6]) | q(c[7]) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&x| q(x) != 0)
}

/// Appends a struct field name: `&'static str`, so whether it needs quoting can be remembered
/// by its address (the text behind a static address never changes).
#[inline]
fn write_field_name(out: &mut String, key: &'static str) {
    thread_local! {
        /// Direct-mapped: slot -> address + 1 of a field name known not to need quotes.
        static PLAIN_KEYS: [std::cell::Cell<usize>; 64] =
            const { [const { std::cell::Cell::new(0) }; 64] };
    }
    let addr = key.as_ptr() as usize ^ key.len().rotate_left(32);
    let slot = (addr >> 3) & 63;
    let known_plain = PLAIN_KEYS.with(|keys| keys[slot].get() == addr.wrapping_add(1));
    if known_plain {
        out.push_str(key);
    } else if needs_quotes(key) {
        write_str(out, key);
    } else {
        PLAIN_KEYS.with(|keys| keys[slot].set(addr.wrapping_add(1)));
        out.push_str(key);
    }
}

/// Appends `s` as a JSV string: bare, or quoted with inner quotes doubled.
#[inline]
pub(crate) fn write_str(out: &mut String, s: &str) {
    if !needs_quotes(s) {
        out.push_str(s);
        return;
    }
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for i in memchr::memchr_iter(b'"', s.as_bytes()) {
        out.push_str(&s[start..=i]);
        out.push('"');
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// A serde `Serializer` that appends compact JSV to a `String`.
///
/// ```
/// use serde::Serialize;
/// let mut out = String::new();
/// vec!["a,b", "c"].serialize(&mut clubready_wire::jsv::Serializer::new(&mut out)).unwrap();
/// assert_eq!(out, r#"["a,b",c]"#);
/// ```
pub struct Serializer<'a> {
    out: &'a mut String,
    /// Offset (minutes east of UTC) written for dates of unspecified kind.
    local_offset_minutes: i16,
}

/// The newtype-struct name under which a date reaches the serializer, holding its ISO 8601 text
/// in .NET's `"o"` form (`2020-01-02T03:04:05.1000000Z`, `...+02:00`, or no zone). JSV writes it in
/// ServiceStack's shortest XSD form, bare (`2020-01-02T03:04:05.1Z`, `2020-01-02`); any other
/// serializer sees the ISO string.
pub const DATETIME_TOKEN: &str = "$jsv::DateTime";

/// serde_json's name for a number kept as exact text (`arbitrary_precision`): a struct by this
/// name with one field by this name. JSV writes the field's text as it is.
pub const JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";

impl<'a> Serializer<'a> {
    /// A serializer appending to `out`, writing unspecified dates at UTC.
    pub fn new(out: &'a mut String) -> Self {
        Serializer {
            out,
            local_offset_minutes: 0,
        }
    }

    /// Sets the local offset written for dates of unspecified kind (ServiceStack writes the
    /// machine's offset; default `+00:00`).
    pub fn with_local_offset(mut self, minutes: i16) -> Self {
        self.local_offset_minutes = minutes;
        self
    }

    #[inline]
    fn int<I: itoa::Integer>(&mut self, v: I) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }
}

impl<'a, 'b> ser::Serializer for &'b mut Serializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push_str(if v { "True" } else { "False" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        number::write_f32(self.out, v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        number::write_f64(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        write_str(self.out, v);
        Ok(())
    }
    fn collect_str<T: ?Sized + std::fmt::Display>(self, value: &T) -> Result<()> {
        // Formatted in place; quoted afterwards in the rare case the text needs it.
        let start = self.out.len();
        let _ = std::fmt::Write::write_fmt(self.out, format_args!("{value}"));
        if needs_quotes(&self.out[start..]) {
            let text = self.out.split_off(start);
            write_str(self.out, &text);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        write_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == DATETIME_TOKEN {
            // The ISO text is captured at the end of the output, then rewritten as XSD.
            let start = self.out.len();
            value.serialize(RawText {
                out: self.out,
                jsv_key: false,
            })?;
            if let Some(xsd) = xsd_from_iso(&self.out[start..], self.local_offset_minutes) {
                self.out.truncate(start);
                self.out.push_str(&xsd);
            } else {
                let iso = self.out.split_off(start);
                write_str(self.out, &iso);
            }
            return Ok(());
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.out.push('{');
        write_str(self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        self.out.push('[');
        Ok(Compound::new(self, "]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.out.push('{');
        write_str(self.out, variant);
        self.out.push_str(":[");
        Ok(Compound::new(self, "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        self.out.push('{');
        Ok(Compound::new(self, "}"))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a, 'b>> {
        if name == JSON_NUMBER_TOKEN {
            // A number as exact text: only its one field's value is written.
            let mut number = Compound::new(self, "");
            number.bare_value = true;
            return Ok(number);
        }
        self.out.push('{');
        Ok(Compound::new(self, "}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.out.push('{');
        write_str(self.out, variant);
        self.out.push_str(":{");
        Ok(Compound::new(self, "}}"))
    }
}

/// State of a list, object or dictionary being written.
#[doc(hidden)]
pub struct Compound<'a, 'b> {
    ser: &'b mut Serializer<'a>,
    first: bool,
    close: &'static str,
    /// Where the current dictionary entry (its `,` and key) starts, to drop it if the value is null.
    entry_start: usize,
    /// Fields are written as bare values, no key (a number kept as text).
    bare_value: bool,
}

impl<'a, 'b> Compound<'a, 'b> {
    fn new(ser: &'b mut Serializer<'a>, close: &'static str) -> Self {
        Compound {
            ser,
            first: true,
            close,
            entry_start: 0,
            bare_value: false,
        }
    }

    #[inline]
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.ser.out.push(',');
        }
        self.first = false;
        value.serialize(&mut *self.ser)
    }

    #[inline]
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        if self.bare_value {
            return value.serialize(&mut *self.ser);
        }
        let start = self.ser.out.len();
        if !self.first {
            self.ser.out.push(',');
        }
        write_field_name(self.ser.out, key);
        self.ser.out.push(':');
        let value_start = self.ser.out.len();
        value.serialize(&mut *self.ser)?;
        if self.ser.out.len() == value_start {
            // Null: ServiceStack omits the whole property.
            self.ser.out.truncate(start);
        } else {
            self.first = false;
        }
        Ok(())
    }

    #[inline]
    fn finish(self) -> Result<()> {
        self.ser.out.push_str(self.close);
        Ok(())
    }
}

/// Lists, tuples and tuple variants write elements; structs and struct variants write fields.
macro_rules! compound_impls {
    ($($trait:ident::$method:ident => element;)*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }
            fn end(self) -> Result<()> {
                self.finish()
            }
        }
    )*};
    ($($trait:ident::$method:ident => field;)*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
                self.field(key, value)
            }
            fn end(self) -> Result<()> {
                self.finish()
            }
        }
    )*};
}

compound_impls! {
    SerializeSeq::serialize_element => element;
    SerializeTuple::serialize_element => element;
    SerializeTupleStruct::serialize_field => element;
    SerializeTupleVariant::serialize_field => element;
}

compound_impls! {
    SerializeStruct::serialize_field => field;
    SerializeStructVariant::serialize_field => field;
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.entry_start = self.ser.out.len();
        if !self.first {
            self.ser.out.push(',');
        }
        key.serialize(RawText {
            out: self.ser.out,
            jsv_key: true,
        })?;
        self.ser.out.push(':');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let value_start = self.ser.out.len();
        value.serialize(&mut *self.ser)?;
        if self.ser.out.len() == value_start {
            // Null values are dropped from dictionaries.
            self.ser.out.truncate(self.entry_start);
        } else {
            self.first = false;
        }
        Ok(())
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

/// Appends the text a scalar serializes as, unquoted: strings as they are, numbers and bools as
/// JSV writes them. Used for the text inside the date and exact-number tokens.
/// With `jsv_key`, it writes a JSV dictionary key instead: quoted by the string rule, bools as
/// `True`/`False`.
pub(crate) struct RawText<'o> {
    /// Where the text goes.
    pub(crate) out: &'o mut String,
    /// Write a JSV dictionary key (quoting, `True`) rather than raw text.
    pub(crate) jsv_key: bool,
}

fn not_text() -> Error {
    <Error as ser::Error>::custom("expected text (a string, number, bool or unit variant)")
}

macro_rules! raw_via_jsv {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<()> {
            let mut ser = Serializer::new(self.out);
            ser::Serializer::$method(&mut ser, v)
        }
    )*};
}

impl ser::Serializer for RawText<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    raw_via_jsv!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64
    );

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push_str(match (v, self.jsv_key) {
            (true, true) => "True",
            (false, true) => "False",
            (true, false) => "true",
            (false, false) => "false",
        });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        if self.jsv_key {
            write_str(self.out, v);
        } else {
            self.out.push_str(v);
        }
        Ok(())
    }
    fn collect_str<T: ?Sized + std::fmt::Display>(self, value: &T) -> Result<()> {
        let start = self.out.len();
        let _ = std::fmt::Write::write_fmt(self.out, format_args!("{value}"));
        if self.jsv_key && needs_quotes(&self.out[start..]) {
            let text = self.out.split_off(start);
            write_str(self.out, &text);
        }
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<()> {
        Err(not_text())
    }
    fn serialize_none(self) -> Result<()> {
        Err(not_text())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Err(not_text())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Err(not_text())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.out.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(not_text())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
    fn serialize_tuple(self, _: usize) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>> {
        Err(not_text())
    }
}

/// JSV's shortest XSD form of a date given in .NET's ISO 8601 `"o"` form
/// (`yyyy-MM-ddTHH:mm:ss.fffffff` then `Z`, `±hh:mm` or nothing): the date alone at midnight;
/// UTC with the fraction's trailing zeros trimmed; otherwise a 7-digit fraction (if not zero) and
/// the offset (`local_offset_minutes` when there is none). `None` if `iso` is not in that form.
pub fn xsd_from_iso(iso: &str, local_offset_minutes: i16) -> Option<String> {
    let b = iso.as_bytes();
    let shape_ok = b.len() >= 27
        && b[10] == b'T'
        && b[19] == b'.'
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[11..19].iter().enumerate().all(|(i, c)| {
            if i == 2 || i == 5 {
                *c == b':'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[20..27].iter().all(u8::is_ascii_digit);
    if !shape_ok {
        return None;
    }
    let (date, time, frac, zone) = (&iso[..10], &iso[10..19], &iso[20..27], &iso[27..]);
    if time == "T00:00:00" && frac == "0000000" {
        return Some(date.to_owned());
    }
    let mut out = String::with_capacity(33);
    out.push_str(date);
    out.push_str(time);
    if zone == "Z" {
        let trimmed = frac.trim_end_matches('0');
        if !trimmed.is_empty() {
            out.push('.');
            out.push_str(trimmed);
        }
        out.push('Z');
        return Some(out);
    }
    if frac != "0000000" {
        out.push('.');
        out.push_str(frac);
    }
    if zone.is_empty() {
        let abs = local_offset_minutes.unsigned_abs();
        out.push(if local_offset_minutes < 0 { '-' } else { '+' });
        for (i, v) in [abs / 60, abs % 60].into_iter().enumerate() {
            if i == 1 {
                out.push(':');
            }
            if v < 10 {
                out.push('0');
            }
            out.push_str(itoa::Buffer::new().format(v));
        }
    } else {
        let zb = zone.as_bytes();
        let ok = zb.len() == 6
            && matches!(zb[0], b'+' | b'-')
            && zb[3] == b':'
            && [1, 2, 4, 5].iter().all(|&i| zb[i].is_ascii_digit());
        if !ok {
            return None;
        }
        out.push_str(zone);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::needs_quotes;

    #[test]
    fn needs_quotes_agrees_with_the_rule_at_every_length_and_position() {
        let naive = |s: &str| s.is_empty() || s.bytes().any(|b| b"\":,{}[]\r\n".contains(&b));
        for len in 0..100 {
            let plain = "a".repeat(len);
            assert_eq!(needs_quotes(&plain), naive(&plain), "len {len}");
            for pos in 0..len {
                for special in [
                    "\"", ":", ",", "{", "}", "[", "]", "\r", "\n", "\t", " ", "é",
                ] {
                    let s = format!("{}{special}{}", &plain[..pos], &plain[pos + 1..]);
                    assert_eq!(needs_quotes(&s), naive(&s), "{s:?}");
                }
            }
        }
    }
}

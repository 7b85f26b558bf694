//! ServiceStack's JSON writer: the same names, order and omission rules as JSV (null properties
//! and dictionary entries left out, nulls kept in lists), `true`/`false`, decimals as bare numbers
//! with their scale, and ServiceStack's escaping: `\"` `\\` `\n` `\r` `\t` `\b` `\f`, other
//! control characters (U+0000–001F, U+007F–009F) as `\uXXXX` with uppercase hex, everything else
//! raw (no `\/`, non-ASCII as it is). Dates: ISO 8601 `"o"` (as ClubReady's pages show) or the WCF
//! form `"\/Date(ms±hhmm)\/"` (ServiceStack's default), see [`DateHandler`].

use serde::ser::{self, Serialize};

use crate::dotnet::DateTime;
use crate::jsv::{number, Error, RawText, Result, DATETIME_TOKEN, JSON_NUMBER_TOKEN};

/// How dates are written in JSON.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum DateHandler {
    /// ISO 8601 as .NET's `ToString("o")`: `"0001-01-01T00:00:00.0000000"` (ClubReady's pages).
    #[default]
    Iso8601,
    /// ServiceStack's default `TimestampOffset`: `"\/Date(-62135596800000-0000)\/"`.
    Timestamp,
}

/// Options of the JSON writer.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonOptions {
    /// Date form.
    pub dates: DateHandler,
    /// Offset (minutes east of UTC) taken for unspecified dates in the WCF form.
    pub local_offset_minutes: i16,
}

/// Appends `s` as a JSON string with ServiceStack's escaping.
pub(crate) fn write_json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // U+0080..U+009F are C2 80..C2 9F in UTF-8.
        let c1_control = c == 0xC2 && matches!(b.get(i + 1), Some(0x80..=0x9F));
        if c >= 0x20 && c != b'"' && c != b'\\' && c != 0x7F && !c1_control {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        let (code, len) = if c1_control {
            (u32::from(b[i + 1]), 2)
        } else {
            (u32::from(c), 1)
        };
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push_str("\\u00");
                out.push(HEX[(code >> 4) as usize] as char);
                out.push(HEX[(code & 0xF) as usize] as char);
            }
        }
        i += len;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// A serde `Serializer` writing ServiceStack's JSON into a `String`.
pub struct Serializer<'a> {
    out: &'a mut String,
    options: JsonOptions,
}

impl<'a> Serializer<'a> {
    /// A serializer appending to `out` with the given options.
    pub fn new(out: &'a mut String, options: JsonOptions) -> Self {
        Serializer { out, options }
    }

    fn int<I: itoa::Integer>(&mut self, v: I) -> Result<()> {
        self.out.push_str(itoa::Buffer::new().format(v));
        Ok(())
    }
}

/// The text a value serializes as (dates and exact numbers hand over a string).
fn capture<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    let mut out = String::new();
    value.serialize(RawText {
        out: &mut out,
        jsv_key: false,
    })?;
    Ok(out)
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
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.int(v)
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
        write_json_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        write_json_str(self.out, v);
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
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        write_json_str(self.out, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == DATETIME_TOKEN && self.options.dates == DateHandler::Timestamp {
            let iso = capture(value)?;
            if let Ok(date) = iso.parse::<DateTime>() {
                // The WCF text holds its own `\/`: written as it is, inside quotes.
                self.out.push('"');
                self.out
                    .push_str(&date.to_wcf(self.options.local_offset_minutes));
                self.out.push('"');
                return Ok(());
            }
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
        write_json_str(self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'b>> {
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
        _: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.out.push('{');
        write_json_str(self.out, variant);
        self.out.push_str(":[");
        Ok(Compound::new(self, "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'b>> {
        self.out.push('{');
        Ok(Compound::new(self, "}"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a, 'b>> {
        if name == JSON_NUMBER_TOKEN {
            let mut number = Compound::new(self, "");
            number.raw_number = true;
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
        _: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.out.push('{');
        write_json_str(self.out, variant);
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
    entry_start: usize,
    /// A number kept as text: its one field is written raw.
    raw_number: bool,
}

impl<'a, 'b> Compound<'a, 'b> {
    fn new(ser: &'b mut Serializer<'a>, close: &'static str) -> Self {
        Compound {
            ser,
            first: true,
            close,
            entry_start: 0,
            raw_number: false,
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.ser.out.push(',');
        }
        self.first = false;
        let start = self.ser.out.len();
        value.serialize(&mut *self.ser)?;
        if self.ser.out.len() == start {
            // Null items are kept in lists.
            self.ser.out.push_str("null");
        }
        Ok(())
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        if self.raw_number {
            return value.serialize(RawText {
                out: self.ser.out,
                jsv_key: false,
            });
        }
        let start = self.ser.out.len();
        if !self.first {
            self.ser.out.push(',');
        }
        write_json_str(self.ser.out, key);
        self.ser.out.push(':');
        let value_start = self.ser.out.len();
        value.serialize(&mut *self.ser)?;
        if self.ser.out.len() == value_start {
            // Null: ServiceStack omits the property.
            self.ser.out.truncate(start);
        } else {
            self.first = false;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        self.ser.out.push_str(self.close);
        Ok(())
    }
}

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
        let text = capture(key)?;
        write_json_str(self.ser.out, &text);
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

//! Encoding: a small serde `Serializer` visits the top-level struct's fields; each value is
//! classified (null, string, display text, or other) by [`Probe`] and written with the JSV writer,
//! then escaped the way the chosen [`Style`] does.

use std::fmt::Display;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::ser::{self, Impossible, Serialize};

use super::Error;
use crate::jsv::{self, RawText, DATETIME_TOKEN, JSON_NUMBER_TOKEN};

/// The three ways of writing a DTO as `name=value&...`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// The ServiceStack C# client's GET query.
    Client,
    /// `QueryStringSerializer` (form bodies).
    Form,
    /// JSV with brackets kept, as ClubReady's pages show it.
    ClubReady,
}

/// `Uri.EscapeDataString`: everything but `A-Za-z0-9 - _ . ~` escaped, uppercase hex.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// ClubReady style: RFC 3986's unreserved characters and JSV's structure `: , { } [ ]` left as
/// they are (the WHATWG URL parser and ServiceStack leave them alone too); everything else,
/// `"` space `+ & # % = ' ( ) ! * ; @ / ? $ \` controls and non-ASCII included, escaped.
const CLUBREADY: &AsciiSet = &RFC3986
    .remove(b':')
    .remove(b',')
    .remove(b'{')
    .remove(b'}')
    .remove(b'[')
    .remove(b']');

/// `Uri.EscapeDataString` (RFC 3986, UTF-8, uppercase hex).
pub(crate) fn escape_data_string(s: &str, out: &mut String) {
    out.extend(utf8_percent_encode(s, RFC3986));
}

/// The ClubReady-style escaping of a value (see [`CLUBREADY`]).
pub(crate) fn escape_clubready(s: &str, out: &mut String) {
    out.extend(utf8_percent_encode(s, CLUBREADY));
}

/// ServiceStack's `UrlEncode`: `A-Za-z0-9 , - .` as they are, space as `+`, every other UTF-8
/// byte as `%xx` in lowercase hex.
pub(crate) fn url_encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b',' | b'-' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
}

/// `JsvTypeSerializer.WriteString` in `QueryStringMode`: a string that starts and ends with `"`
/// or holds a `,` is wrapped in quotes (inner quotes not doubled); the empty string is `""`;
/// then everything is URL-encoded.
fn form_string(s: &str, out: &mut String) {
    if s.is_empty() {
        out.push_str("\"\"");
    } else if (s.starts_with('"') && s.ends_with('"')) || s.contains(',') {
        url_encode(&format!("\"{s}\""), out);
    } else {
        url_encode(s, out);
    }
}

/// .NET's `ToCamelCase`: the leading run of capitals is lowered, except the last one when a
/// lower-case letter follows it (`XForwardedFor` → `xForwardedFor`, `ContractSaleID` →
/// `contractSaleID`).
pub fn camel_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut first_part = true;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or('A');
        if first_part && c.is_ascii_uppercase() && (next.is_ascii_uppercase() || i == 0) {
            out.push(c.to_ascii_lowercase());
        } else {
            first_part = false;
            out.push(c);
        }
    }
    out
}

/// `string.Trim('[', ']')`: every `[` and `]` at either end (`[[a],[]]` → `a],`).
fn trim_brackets(s: &str) -> &str {
    s.trim_matches(|c| c == '[' || c == ']')
}

/// Rewrites compact JSV as `QueryStringSerializer` writes the same value: structure and property
/// names as they are, dates (the only bare values holding `:`) and exponent numbers raw, every
/// other scalar through
/// the `QueryStringMode` string rule ([`form_string`]; JSV's own quoting undone first).
fn form_jsv(jsv: &str, out: &mut String) {
    let b = jsv.as_bytes();
    // One entry per open container: true for an object.
    let mut stack: Vec<bool> = Vec::new();
    let mut at_key = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c @ (b'{' | b'[') => {
                stack.push(c == b'{');
                at_key = c == b'{';
                out.push(c as char);
                i += 1;
            }
            c @ (b'}' | b']') => {
                stack.pop();
                at_key = false;
                out.push(c as char);
                i += 1;
            }
            b',' => {
                at_key = stack.last() == Some(&true);
                out.push(',');
                i += 1;
            }
            b':' if at_key => {
                at_key = false;
                out.push(':');
                i += 1;
            }
            b'"' => {
                let (text, end) = unquote(jsv, i);
                form_string(&text, out);
                i = end;
            }
            _ => {
                let stop: &[u8] = if at_key { b":,}" } else { b",}]" };
                let end = b[i..]
                    .iter()
                    .position(|c| stop.contains(c))
                    .map_or(b.len(), |p| i + p);
                let token = &jsv[i..end];
                if !at_key && (token.contains(':') || is_exponent_number(token)) {
                    out.push_str(token);
                } else {
                    url_encode(token, out);
                }
                i = end;
            }
        }
    }
}

/// A .NET double in exponent form (`1E+20`, `-1.5E-07`), which `QueryStringSerializer` writes
/// raw. (A string of exactly that shape inside a value is written raw too.)
fn is_exponent_number(token: &str) -> bool {
    let t = token.strip_prefix('-').unwrap_or(token);
    let Some((mantissa, exponent)) = t.split_once('E') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.strip_prefix(['+', '-']).is_some_and(digits)
}

/// The JSV quoted string starting at `start`: its text and the index just past it.
fn unquote(jsv: &str, start: usize) -> (String, usize) {
    let b = jsv.as_bytes();
    let mut text = String::new();
    let mut i = start + 1;
    let mut from = i;
    while i < b.len() {
        if b[i] == b'"' {
            text.push_str(&jsv[from..i]);
            if b.get(i + 1) == Some(&b'"') {
                text.push('"');
                i += 2;
                from = i;
                continue;
            }
            return (text, i + 1);
        }
        i += 1;
    }
    text.push_str(&jsv[from..]);
    (text, b.len())
}

/// Writes one value (not its name) in `style`. `None` when the value is null, or (client style)
/// the default of a non-nullable type.
pub(crate) fn value<T: ?Sized + Serialize>(
    value: &T,
    style: Style,
    skip_defaults: bool,
) -> Result<Option<String>, jsv::Error> {
    let probe = value.serialize(Probe { nullable: false })?;
    let mut out = String::new();
    match probe {
        Probed::Null => return Ok(None),
        Probed::Other { default: true } if skip_defaults => return Ok(None),
        Probed::Str(s) => match style {
            Style::Client => escape_data_string(&s, &mut out),
            Style::Form => url_encode(&s, &mut out),
            Style::ClubReady => escape_clubready(&s, &mut out),
        },
        Probed::Display(s) if style == Style::Form => url_encode(&s, &mut out),
        Probed::Display(_) | Probed::Other { .. } => {
            let text = jsv::to_string(value)?;
            match style {
                Style::Client => {
                    let text = if text == "[]" {
                        &text
                    } else {
                        trim_brackets(&text)
                    };
                    escape_data_string(text, &mut out);
                }
                Style::Form => {
                    let mut form = String::with_capacity(text.len());
                    form_jsv(&text, &mut form);
                    out.push_str(trim_brackets(&form));
                }
                Style::ClubReady => escape_clubready(&text, &mut out),
            }
        }
    }
    Ok(Some(out))
}

/// Writes a whole DTO (a struct, or a map) as `name=value` pairs joined by `&`.
pub(crate) fn to_string<T: ?Sized + Serialize>(value: &T, style: Style) -> Result<String, Error> {
    let mut out = String::new();
    value
        .serialize(Top {
            out: &mut out,
            style,
        })
        .map_err(|Wrapped((param, e))| Error::encode(param, e))?;
    Ok(out)
}

/// What a value is, as far as query strings care.
enum Probed {
    /// `None` or unit: left out.
    Null,
    /// A .NET string (`serialize_str`; enum member names arrive this way too).
    Str(String),
    /// Text from `Display` (`collect_str`, e.g. the `ValueTuple`): JSV in the client query,
    /// URL-encoded text in a form.
    Display(String),
    /// Anything else; `default` when it is the default of a non-nullable .NET value type.
    Other { default: bool },
}

/// Classifies a value without writing it.
struct Probe {
    /// Inside `Some`: a nullable type, whose defaults are written.
    nullable: bool,
}

impl Probe {
    fn other(&self, is_default: bool) -> Result<Probed, jsv::Error> {
        Ok(Probed::Other {
            default: is_default && !self.nullable,
        })
    }
}

/// Compounds are never looked into: they are `Other`, never a default.
struct Opaque(Probed);

macro_rules! opaque_impls {
    ($($trait:ident::$method:ident($($key:ident: $kt:ty)?);)*) => {$(
        impl ser::$trait for Opaque {
            type Ok = Probed;
            type Error = jsv::Error;
            fn $method<T: ?Sized + Serialize>(&mut self, $($key: $kt,)? _value: &T) -> Result<(), jsv::Error> {
                $(let _ = $key;)?
                Ok(())
            }
            fn end(self) -> Result<Probed, jsv::Error> {
                Ok(self.0)
            }
        }
    )*};
}

opaque_impls! {
    SerializeSeq::serialize_element();
    SerializeTuple::serialize_element();
    SerializeTupleStruct::serialize_field();
    SerializeTupleVariant::serialize_field();
    SerializeStruct::serialize_field(key: &'static str);
    SerializeStructVariant::serialize_field(key: &'static str);
}

impl ser::SerializeMap for Opaque {
    type Ok = Probed;
    type Error = jsv::Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, _key: &T) -> Result<(), jsv::Error> {
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, _value: &T) -> Result<(), jsv::Error> {
        Ok(())
    }
    fn end(self) -> Result<Probed, jsv::Error> {
        Ok(self.0)
    }
}

/// A decimal (serde_json's exact-number token): its text decides whether it is zero.
struct NumberText {
    text: String,
    nullable: bool,
}

impl ser::SerializeStruct for NumberText {
    type Ok = Probed;
    type Error = jsv::Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _key: &'static str,
        value: &T,
    ) -> Result<(), jsv::Error> {
        value.serialize(RawText {
            out: &mut self.text,
            jsv_key: false,
        })
    }
    fn end(self) -> Result<Probed, jsv::Error> {
        // `decimal` equality ignores scale: `0.00` is the default.
        let zero = self
            .text
            .bytes()
            .all(|c| matches!(c, b'0' | b'-' | b'+' | b'.'));
        Ok(Probed::Other {
            default: zero && !self.nullable,
        })
    }
}

macro_rules! probe_ints {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<Probed, jsv::Error> {
            self.other(v == 0)
        }
    )*};
}

impl ser::Serializer for Probe {
    type Ok = Probed;
    type Error = jsv::Error;
    type SerializeSeq = Opaque;
    type SerializeTuple = Opaque;
    type SerializeTupleStruct = Opaque;
    type SerializeTupleVariant = Opaque;
    type SerializeMap = Opaque;
    type SerializeStruct = ProbeStruct;
    type SerializeStructVariant = Opaque;

    probe_ints!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_bool(self, v: bool) -> Result<Probed, jsv::Error> {
        self.other(!v)
    }
    fn serialize_f32(self, v: f32) -> Result<Probed, jsv::Error> {
        self.other(v == 0.0)
    }
    fn serialize_f64(self, v: f64) -> Result<Probed, jsv::Error> {
        self.other(v == 0.0)
    }
    fn serialize_char(self, v: char) -> Result<Probed, jsv::Error> {
        self.other(v == '\0')
    }
    fn serialize_str(self, v: &str) -> Result<Probed, jsv::Error> {
        Ok(Probed::Str(v.to_owned()))
    }
    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<Probed, jsv::Error> {
        Ok(Probed::Display(value.to_string()))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Probed, jsv::Error> {
        self.other(false)
    }
    fn serialize_none(self) -> Result<Probed, jsv::Error> {
        Ok(Probed::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Probed, jsv::Error> {
        value.serialize(Probe { nullable: true })
    }
    fn serialize_unit(self) -> Result<Probed, jsv::Error> {
        Ok(Probed::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Probed, jsv::Error> {
        Ok(Probed::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<Probed, jsv::Error> {
        self.other(false)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Probed, jsv::Error> {
        if name == DATETIME_TOKEN {
            let mut iso = String::new();
            value.serialize(RawText {
                out: &mut iso,
                jsv_key: false,
            })?;
            // `DateTime.Equals` compares ticks only: `MinValue` of any kind is the default.
            return self.other(iso.starts_with("0001-01-01T00:00:00.0000000"));
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Probed, jsv::Error> {
        self.other(false)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Opaque, jsv::Error> {
        Ok(Opaque(Probed::Other { default: false }))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Opaque, jsv::Error> {
        Ok(Opaque(Probed::Other { default: false }))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Opaque, jsv::Error> {
        Ok(Opaque(Probed::Other { default: false }))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Opaque, jsv::Error> {
        Ok(Opaque(Probed::Other { default: false }))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Opaque, jsv::Error> {
        Ok(Opaque(Probed::Other { default: false }))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<ProbeStruct, jsv::Error> {
        Ok(if name == JSON_NUMBER_TOKEN {
            ProbeStruct::Number(NumberText {
                text: String::new(),
                nullable: self.nullable,
            })
        } else {
            ProbeStruct::Opaque(Opaque(Probed::Other { default: false }))
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Opaque, jsv::Error> {
        Ok(Opaque(Probed::Other { default: false }))
    }
}

/// A struct seen by [`Probe`]: a decimal's text, or an object.
enum ProbeStruct {
    Number(NumberText),
    Opaque(Opaque),
}

impl ser::SerializeStruct for ProbeStruct {
    type Ok = Probed;
    type Error = jsv::Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), jsv::Error> {
        match self {
            ProbeStruct::Number(n) => n.serialize_field(key, value),
            ProbeStruct::Opaque(o) => ser::SerializeStruct::serialize_field(o, key, value),
        }
    }
    fn end(self) -> Result<Probed, jsv::Error> {
        match self {
            ProbeStruct::Number(n) => n.end(),
            ProbeStruct::Opaque(o) => ser::SerializeStruct::end(o),
        }
    }
}

/// An encoding error with the parameter it happened in, if any.
type TopError = (Option<String>, jsv::Error);

fn not_an_object() -> TopError {
    (
        None,
        <jsv::Error as ser::Error>::custom(
            "a query string is written from a struct or a map (a DTO), not from a single value",
        ),
    )
}

/// The top-level value: a struct (or map) whose entries become parameters.
struct Top<'o> {
    out: &'o mut String,
    style: Style,
}

/// Writing the top-level struct's fields (or map's entries).
struct Params<'o> {
    out: &'o mut String,
    style: Style,
    /// The current map key, as text.
    key: Option<String>,
}

impl Params<'_> {
    fn param<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<(), TopError> {
        let skip_defaults = self.style == Style::Client;
        let written = self::value(value, self.style, skip_defaults)
            .map_err(|e| (Some(name.to_owned()), e))?;
        if let Some(text) = written {
            if !self.out.is_empty() {
                self.out.push('&');
            }
            match self.style {
                Style::Client => escape_data_string(&camel_case(name), self.out),
                // Struct fields are identifiers (written as they are, as ServiceStack does); a
                // name from a map could hold `&` or `=`, so anything else is URL-encoded.
                Style::Form if name.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    self.out.push_str(name)
                }
                Style::Form => url_encode(name, self.out),
                Style::ClubReady => escape_clubready(name, self.out),
            }
            self.out.push('=');
            self.out.push_str(&text);
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Params<'_> {
    type Ok = ();
    type Error = Wrapped;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Wrapped> {
        self.param(key, value).map_err(Wrapped)
    }
    fn end(self) -> Result<(), Wrapped> {
        Ok(())
    }
}

impl ser::SerializeMap for Params<'_> {
    type Ok = ();
    type Error = Wrapped;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Wrapped> {
        let mut text = String::new();
        key.serialize(RawText {
            out: &mut text,
            jsv_key: false,
        })
        .map_err(|e| Wrapped((None, e)))?;
        self.key = Some(text);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Wrapped> {
        let key = self.key.take().unwrap_or_default();
        self.param(&key, value).map_err(Wrapped)
    }
    fn end(self) -> Result<(), Wrapped> {
        Ok(())
    }
}

/// The top-level serializer's error: a parameter name and the JSV error.
#[derive(Debug)]
pub(crate) struct Wrapped(TopError);

impl Display for Wrapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Display::fmt(&self.0 .1, f)
    }
}

impl std::error::Error for Wrapped {}

impl ser::Error for Wrapped {
    fn custom<T: Display>(msg: T) -> Self {
        Wrapped((None, <jsv::Error as ser::Error>::custom(msg)))
    }
}

macro_rules! top_rejects {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<(), Wrapped> {
            $(let _ = $arg;)*
            Err(Wrapped(not_an_object()))
        }
    )*};
}

impl<'o> ser::Serializer for Top<'o> {
    type Ok = ();
    type Error = Wrapped;
    type SerializeSeq = Impossible<(), Wrapped>;
    type SerializeTuple = Impossible<(), Wrapped>;
    type SerializeTupleStruct = Impossible<(), Wrapped>;
    type SerializeTupleVariant = Impossible<(), Wrapped>;
    type SerializeMap = Params<'o>;
    type SerializeStruct = Params<'o>;
    type SerializeStructVariant = Impossible<(), Wrapped>;

    top_rejects! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_none(self) -> Result<(), Wrapped> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Wrapped> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Wrapped> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Wrapped> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Wrapped> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Wrapped> {
        Err(Wrapped(not_an_object()))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Wrapped> {
        Err(Wrapped(not_an_object()))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Wrapped> {
        Err(Wrapped(not_an_object()))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Wrapped> {
        Err(Wrapped(not_an_object()))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Wrapped> {
        Err(Wrapped(not_an_object()))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Params<'o>, Wrapped> {
        Ok(Params {
            out: self.out,
            style: self.style,
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Params<'o>, Wrapped> {
        Ok(Params {
            out: self.out,
            style: self.style,
            key: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Wrapped> {
        Err(Wrapped(not_an_object()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_is_dotnets() {
        for (pascal, camel) in [
            ("ApiKey", "apiKey"),
            ("XForwardedFor", "xForwardedFor"),
            ("ContractSaleID", "contractSaleID"),
            ("success", "success"),
            ("ID", "id"),
            ("IDValue", "idValue"),
            ("Last4", "last4"),
        ] {
            assert_eq!(camel_case(pascal), camel);
        }
    }

    #[test]
    fn form_jsv_undoes_jsv_quoting_and_keeps_dates_raw() {
        let mut out = String::new();
        form_jsv(
            r#"[{A:"a,b",B:"a""b",C:"""q""",D:"",E:2020-01-02T03:04:05+00:00,F:x y}]"#,
            &mut out,
        );
        assert_eq!(
            out,
            "[{A:%22a,b%22,B:a%22b,C:%22%22q%22%22,D:\"\",E:2020-01-02T03:04:05+00:00,F:x+y}]"
        );
    }
}

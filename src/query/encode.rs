//! Encoding: a small serde `Serializer` visits the top-level struct's fields; each value is
//! written by the crate's writer as a [`Leaf`] (a string raw, anything else as JSV — in the form
//! style, the JSV of `QueryStringSerializer`, [`FormFormatter`]), then escaped the way the chosen
//! [`Style`] does.

use std::fmt::{self, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::ser::{self, Impossible, Serialize};

use super::{Options, Style};
use crate::dotnet::Zone;
use crate::error::{Error, Result};
use crate::jsv::{self, CompactFormatter};
use crate::ser::{
    reject, reject_scalars, shape, write_leaf, Formatter, KeyText, Leaf, Sealed, Serializer, Shape,
};

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

/// How a style escapes a parameter's text.
fn escape(style: Style, s: &str, out: &mut String) {
    match style {
        Style::Client => escape_data_string(s, out),
        Style::Form => {
            let _ = url_encode(s, out);
        }
        Style::ClubReady => escape_clubready(s, out),
    }
}

/// ServiceStack's `UrlEncode`: `A-Za-z0-9 , - .` as they are, space as `+`, every other UTF-8
/// byte as `%xx` in lowercase hex.
pub(crate) fn url_encode<W: ?Sized + Write>(s: &str, out: &mut W) -> fmt::Result {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b',' | b'-' | b'.') {
            continue;
        }
        // `s` is cut at ASCII bytes or inside multi-byte characters only between escapes.
        out.write_str(std::str::from_utf8(&b[start..i]).unwrap_or_default())?;
        if c == b' ' {
            out.write_char('+')?;
        } else {
            out.write_char('%')?;
            out.write_char(HEX[(c >> 4) as usize] as char)?;
            out.write_char(HEX[(c & 15) as usize] as char)?;
        }
        start = i + 1;
    }
    out.write_str(std::str::from_utf8(&b[start..]).unwrap_or_default())
}

/// A string inside a form value's JSV: quoted as JSV quotes it (it holds `" : , { } [ ]` CR LF,
/// or is empty), inner quotes doubled, then URL-encoded.
///
/// `QueryStringSerializer` (`JsvTypeSerializer.WriteString` in `QueryStringMode`) quotes only a
/// string that holds `,` or starts and ends with `"`, and never doubles inner quotes, so a
/// crafted string (`",UsePreferred:true},{AcctToken:x,PaymentProfileId:"`) turns into structure
/// on the server: one payment method becomes two. This writer departs from its bytes there.
fn form_string<W: ?Sized + Write>(s: &str, out: &mut W) -> fmt::Result {
    if s.is_empty() {
        return out.write_str("\"\"");
    }
    if !jsv::needs_quotes(s) {
        return url_encode(s, out);
    }
    out.write_str("%22")?;
    for (i, piece) in s.split('"').enumerate() {
        if i > 0 {
            out.write_str("%22%22")?;
        }
        url_encode(piece, out)?;
    }
    out.write_str("%22")
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

/// The JSV of `QueryStringSerializer` (`QueryStringMode`): structure, property names, numbers
/// and dates raw; strings inside objects and lists by the [`form_string`] rule, URL-encoded.
#[derive(Copy, Clone, Debug, Default)]
pub(crate) struct FormFormatter;

impl Sealed for FormFormatter {}

/// Dates are JSV's (the trait's default): raw, the `+` of an offset included, which every
/// server reads as a space (ServiceStack's flaw).
impl Formatter for FormFormatter {
    fn write_str<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> fmt::Result {
        form_string(s, w)
    }
    fn write_key<W: ?Sized + Write>(&mut self, w: &mut W, key: &str) -> fmt::Result {
        if jsv::needs_quotes(key) {
            form_string(key, w)
        } else {
            url_encode(key, w)
        }
    }
}

/// The writers of one parameter's text, reused from parameter to parameter.
struct Leaves {
    jsv: Serializer<String, CompactFormatter>,
    form: Serializer<String, FormFormatter>,
    /// A JSV-quoted `Display` text.
    scratch: String,
}

impl Leaves {
    fn new(zone: Zone, style: Style) -> Self {
        Leaves {
            // The ClubReady style writes what a server binds: a `ValueTuple` as an object.
            jsv: jsv::Serializer::new(String::new())
                .with_zone(zone)
                .with_tuple_objects(style == Style::ClubReady),
            form: Serializer::with_formatter(String::new(), FormFormatter).with_zone(zone),
            scratch: String::new(),
        }
    }

    /// Writes one value (not its name) in `style` into `out`. False when the value is null, or
    /// (with `skip_defaults`) the default of a non-nullable type: then nothing is written.
    fn write<T: ?Sized + Serialize>(
        &mut self,
        value: &T,
        style: Style,
        skip_defaults: bool,
        out: &mut String,
    ) -> Result<bool> {
        let (kind, text) = if style == Style::Form {
            self.form.clear();
            (write_leaf(value, &mut self.form)?, self.form.text())
        } else {
            self.jsv.clear();
            (write_leaf(value, &mut self.jsv)?, self.jsv.text())
        };
        match kind {
            Leaf::Null => return Ok(false),
            Leaf::Value { default: true } if skip_defaults => return Ok(false),
            Leaf::Text => escape(style, text, out),
            Leaf::Display if style == Style::Form => escape(style, text, out),
            Leaf::Display => {
                // Text from `Display` (a `ValueTuple`) is JSV text like any non-string.
                self.scratch.clear();
                let _ = jsv::write_str(&mut self.scratch, text);
                let text = match style {
                    Style::Client => trim_brackets(&self.scratch),
                    _ => &self.scratch,
                };
                escape(style, text, out);
            }
            Leaf::Value { .. } => match style {
                Style::Client if text != "[]" => escape(style, trim_brackets(text), out),
                Style::Client | Style::ClubReady => escape(style, text, out),
                Style::Form => out.push_str(trim_brackets(text)),
            },
        }
        Ok(true)
    }
}

/// Writes one value (not its name) as `options` says a parameter holding it is written (no
/// default skipped); `None` when it is null.
pub(crate) fn value<T: ?Sized + Serialize>(value: &T, options: &Options) -> Result<Option<String>> {
    let mut out = String::new();
    let written =
        Leaves::new(options.zone, options.style).write(value, options.style, false, &mut out)?;
    Ok(written.then_some(out))
}

/// Writes a whole DTO (a struct, or a map) as `name=value` pairs joined by `&`; a list (of
/// DTOs or values) as the text the style gives a list value, with no name.
pub(crate) fn to_string<T: ?Sized + Serialize>(value: &T, options: &Options) -> Result<String> {
    let mut out = String::new();
    if shape(value) == Shape::List {
        Leaves::new(options.zone, options.style).write(value, options.style, false, &mut out)?;
        return Ok(out);
    }
    value.serialize(Top {
        out: &mut out,
        options,
    })?;
    Ok(out)
}

fn not_an_object() -> Error {
    Error::data("a query string is written from a struct or a map (a DTO), not from a single value")
}

/// The top-level value: a struct (or map) whose entries become parameters.
struct Top<'o> {
    out: &'o mut String,
    options: &'o Options,
}

/// Writing the top-level struct's fields (or map's entries).
pub(crate) struct Params<'o> {
    out: &'o mut String,
    style: Style,
    zone: Zone,
    leaves: Leaves,
    /// The current map key, as text.
    key: String,
    /// The text of the parameter being written.
    text: String,
}

impl<'o> Params<'o> {
    /// A writer of parameters appending to `out` (`&` between them) as `options` says; for the
    /// request builder, which writes a DTO's properties to different places.
    pub(crate) fn new(out: &'o mut String, options: &Options) -> Self {
        Params {
            out,
            style: options.style,
            zone: options.zone,
            leaves: Leaves::new(options.zone, options.style),
            key: String::new(),
            text: String::new(),
        }
    }

    /// Writes `name=value` (nothing for null, or a default the style leaves out).
    pub(crate) fn param<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<()> {
        let skip_defaults = self.style == Style::Client;
        self.text.clear();
        let written = self
            .leaves
            .write(value, self.style, skip_defaults, &mut self.text)
            .map_err(|e| e.within_key(name))?;
        if !written {
            return Ok(());
        }
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
            Style::Form => {
                let _ = url_encode(name, self.out);
            }
            Style::ClubReady => escape_clubready(name, self.out),
        }
        self.out.push('=');
        self.out.push_str(&self.text);
        Ok(())
    }
}

impl ser::SerializeStruct for Params<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.param(key, value)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeMap for Params<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key.clear();
        key.serialize(KeyText {
            out: &mut self.key,
            fmt: &mut CompactFormatter,
            zone: &self.zone,
        })
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = std::mem::take(&mut self.key);
        let result = self.param(&key, value);
        self.key = key;
        result
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl<'o> Top<'o> {
    fn params(self) -> Params<'o> {
        Params::new(self.out, self.options)
    }
}

impl<'o> ser::Serializer for Top<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Params<'o>;
    type SerializeStruct = Params<'o>;
    type SerializeStructVariant = Impossible<(), Error>;

    reject_scalars!(not_an_object(); ());
    reject! { not_an_object();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }

    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == crate::dotnet::DATETIME_TOKEN || name == crate::dotnet::DECIMAL_TOKEN {
            return Err(not_an_object());
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(not_an_object())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Params<'o>> {
        Ok(self.params())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Params<'o>> {
        Ok(self.params())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::DateTime;

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
        #[derive(serde::Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Row {
            a: &'static str,
            b: &'static str,
            c: &'static str,
            d: &'static str,
            e: DateTime,
            f: &'static str,
        }
        let row = Row {
            a: "a,b",
            b: "a\"b",
            c: "\"q\"",
            d: "",
            e: "2020-01-02T03:04:05".parse().unwrap(),
            f: "x y",
        };
        let options = Options::new().style(Style::Form);
        assert_eq!(
            value(&[row], &options).unwrap().unwrap(),
            "{A:%22a,b%22,B:%22a%22%22b%22,C:%22%22%22q%22%22%22,D:\"\",E:2020-01-02T03:04:05+00:00,F:x+y}"
        );
    }
}

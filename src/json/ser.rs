//! ServiceStack's JSON writer: the same names, order and omission rules as JSV (null properties
//! and dictionary entries left out, nulls kept in lists), `true`/`false`, decimals as bare numbers
//! with their scale, and ServiceStack's escaping: `\"` `\\` `\n` `\r` `\t` `\b` `\f`, other
//! control characters (U+0000–001F, U+007F–009F) as `\uXXXX` with uppercase hex, everything else
//! raw (no `\/`, non-ASCII as it is). Dates: ISO 8601 `"o"` (as ClubReady's pages show) or the WCF
//! form `"\/Date(ms±hhmm)\/"` (ServiceStack's default), see [`DateHandler`].

use std::fmt::{self, Write};

use crate::dotnet::{DateTime, Zone};
use crate::ser::{Formatter, Sealed};

/// How dates are written in JSON.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum DateHandler {
    /// ISO 8601 as .NET's `ToString("o")`: `"0001-01-01T00:00:00.0000000"` (ClubReady's pages).
    #[default]
    Iso8601,
    /// ServiceStack's default `TimestampOffset`: `"\/Date(-62135596800000-0000)\/"`.
    ///
    /// Whole milliseconds only, computed in double precision and truncated as .NET computes
    /// them ([`DateTime::to_wcf`]). More than 456 years from 1970 (before 1514, after 2426) a
    /// time's ticks no longer fit a double exactly, and a millisecond can come out one less
    /// than the time's own: reading such text and writing it again can lose a millisecond each
    /// time, in ServiceStack as here (found by fuzzing). [`Iso8601`](Self::Iso8601) keeps every
    /// tick.
    Timestamp,
}

/// Writes `s` as a JSON string with ServiceStack's escaping.
pub(crate) fn write_json_str<W: ?Sized + Write>(out: &mut W, s: &str) -> fmt::Result {
    out.write_char('"')?;
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
        out.write_str(&s[start..i])?;
        let (code, len) = if c1_control {
            (u32::from(b[i + 1]), 2)
        } else {
            (u32::from(c), 1)
        };
        match c {
            b'"' => out.write_str("\\\"")?,
            b'\\' => out.write_str("\\\\")?,
            b'\n' => out.write_str("\\n")?,
            b'\r' => out.write_str("\\r")?,
            b'\t' => out.write_str("\\t")?,
            0x08 => out.write_str("\\b")?,
            0x0C => out.write_str("\\f")?,
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.write_str("\\u00")?;
                out.write_char(HEX[(code >> 4) as usize] as char)?;
                out.write_char(HEX[(code & 0xF) as usize] as char)?;
            }
        }
        i += len;
        start = i;
    }
    out.write_str(&s[start..])?;
    out.write_char('"')
}

/// ServiceStack's JSON, as a formatter of the crate's writer.
#[derive(Copy, Clone, Debug, Default)]
pub struct JsonFormatter {
    dates: DateHandler,
}

impl JsonFormatter {
    /// The JSON dialect with the given date form.
    pub fn new(dates: DateHandler) -> Self {
        JsonFormatter { dates }
    }
}

impl Sealed for JsonFormatter {}

impl Formatter for JsonFormatter {
    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        w.write_str("null")
    }
    fn write_bool<W: ?Sized + Write>(&mut self, w: &mut W, v: bool) -> fmt::Result {
        w.write_str(if v { "true" } else { "false" })
    }
    fn write_str<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> fmt::Result {
        write_json_str(w, s)
    }
    fn write_datetime<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        d: &DateTime,
        zone: &Zone,
    ) -> fmt::Result {
        // Neither form holds a character JSON escapes; the WCF form's `\/` is written as it is.
        w.write_char('"')?;
        match self.dates {
            DateHandler::Iso8601 => d.write_iso8601(w),
            DateHandler::Timestamp => d.write_wcf(w, zone)?,
        }
        w.write_char('"')
    }
    fn write_key<W: ?Sized + Write>(&mut self, w: &mut W, key: &str) -> fmt::Result {
        write_json_str(w, key)
    }
}

/// A serde `Serializer` writing ServiceStack's JSON to a [`fmt::Write`] (a `String`).
///
/// ```
/// use serde::Serialize;
/// use clubready_wire::json::{DateHandler, Serializer};
/// let mut out = String::new();
/// vec![Some("a\"b"), None].serialize(&mut Serializer::new(&mut out, DateHandler::Iso8601)).unwrap();
/// assert_eq!(out, r#"["a\"b",null]"#);
/// ```
pub type Serializer<W> = crate::ser::Serializer<W, JsonFormatter>;

impl<W: Write> crate::ser::Serializer<W, JsonFormatter> {
    /// A serializer writing ServiceStack JSON to `out` with the given date form, unspecified
    /// dates at UTC.
    pub fn new(out: W, dates: DateHandler) -> Self {
        crate::ser::Serializer::with_formatter(out, JsonFormatter::new(dates))
    }
}

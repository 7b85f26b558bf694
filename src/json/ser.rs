//! ServiceStack's JSON writer: the same names, order and omission rules as JSV (null properties
//! and dictionary entries left out, nulls kept in lists), `true`/`false`, decimals as bare numbers
//! with their scale, and ServiceStack's escaping: `\"` `\\` `\n` `\r` `\t` `\b` `\f`, other
//! control characters (U+0000–001F, U+007F–009F) as `\uXXXX` with uppercase hex, everything else
//! raw (no `\/`, non-ASCII as it is). Dates: ISO 8601 `"o"` (as ClubReady's pages show) or the WCF
//! form `"\/Date(ms±hhmm)\/"` (ServiceStack's default), see [`DateHandler`].

use std::fmt::{self, Write};

use crate::dotnet::{DateTime, Zone};
use crate::ser::{Formatter, Sealed};
use crate::swar::{has_byte, word_at, HI, LO};

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

/// Whether the byte may need an escape: a C0 control, `"`, `\`, DEL, or any byte of a
/// non-ASCII character (U+0080–009F, C2 80 to C2 9F in UTF-8, are escaped).
#[inline]
fn may_escape(c: u8) -> bool {
    !(0x20..0x7F).contains(&c) || c == b'"' || c == b'\\'
}

/// The bytes of `w` that [`may_escape`]: the high bit of each set (the lowest one exact).
#[inline]
fn special_bytes(w: u64) -> u64 {
    // Below 0x20: high bit clear in `w`, set after subtracting 0x20.
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    // 0x7F and above: high bit set in `w` or after adding 1.
    let high = (w.wrapping_add(LO) | w) & HI;
    control | high | has_byte(w, b'"') | has_byte(w, b'\\')
}

/// The first byte at or after `i` that may need an escape, else `b.len()`: eight bytes at a time
/// in a register (strings are mostly short, and mostly need no escape at all).
#[inline]
fn next_special(b: &[u8], mut i: usize) -> usize {
    while let Some(word) = word_at(b, i) {
        let found = special_bytes(word);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i >= b.len() {
        return b.len();
    }
    if b.len() < 8 {
        // A short string: byte by byte.
        return b[i..]
            .iter()
            .position(|&c| may_escape(c))
            .map_or(b.len(), |p| i + p);
    }
    // The last word, overlapping bytes already checked, which are shifted out (spaces shifted in).
    let start = b.len() - 8;
    let skip = (i - start) as u32 * 8;
    let w = word_at(b, start).unwrap_or(0) >> skip | (LO * u64::from(b' ')) << (64 - skip);
    let found = special_bytes(w);
    if found != 0 {
        i + (found.trailing_zeros() / 8) as usize
    } else {
        b.len()
    }
}

/// Writes `s` as a JSON string with ServiceStack's escaping: runs of bytes that need none are
/// written whole.
pub(crate) fn write_json_str<W: ?Sized + Write>(out: &mut W, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    loop {
        i = next_special(b, i);
        let Some(&c) = b.get(i) else { break };
        // U+0080..U+009F are C2 80..C2 9F in UTF-8; other non-ASCII characters are written raw.
        let c1_control = c == 0xC2 && matches!(b.get(i + 1), Some(0x80..=0x9F));
        if c >= 0x80 && !c1_control {
            // The whole character (`c` starts one: runs end only at character boundaries).
            i += match c {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
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

#[cfg(test)]
mod tests {
    use super::write_json_str;

    /// ServiceStack's escaping, one character at a time.
    fn naive(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                    out.push_str(&format!("\\u{:04X}", c as u32));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn escapes_as_servicestack_at_every_length_and_position() {
        let specials = [
            "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{c}", "\0", "\u{1f}", " ", "\u{7f}",
            "\u{80}", "\u{9f}", "\u{a0}", "\u{bf}", "é", "€", "😀", "~",
        ];
        for len in 0..40 {
            let plain = "a".repeat(len);
            let mut out = String::new();
            write_json_str(&mut out, &plain).unwrap();
            assert_eq!(out, naive(&plain));
            for pos in 0..len {
                for special in specials {
                    for second in ["", "\u{85}", "x\""] {
                        let s = format!("{}{special}{}{second}", &plain[..pos], &plain[pos + 1..]);
                        let mut out = String::new();
                        write_json_str(&mut out, &s).unwrap();
                        assert_eq!(out, naive(&s), "{s:?}");
                    }
                }
            }
        }
    }
}

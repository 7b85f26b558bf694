//! Scalars: JSV has no typed literals, so a scalar is text that the type asking for it parses
//! (`deserialize_i32` parses an `i32`), as in `serde_urlencoded`. This module holds that parsing,
//! the quoted-string leaf parser, and a small `Deserializer` over one piece of text that the
//! reader uses for dictionary keys and that the query-string decoder can reuse.

use std::borrow::Cow;

use nom::IResult;
use serde::de::{self, IntoDeserializer, Visitor};

use crate::error::{Category, Error, Found, Result};

/// Parses a JSV quoted string at the start of `input` (which must begin with `"`): up to the
/// matching quote, where `""` stands for one `"`. Borrows unless a doubled quote had to be
/// collapsed. Grammar rule `quoted` in `docs/jsv-grammar.md`.
pub(crate) fn quoted(input: &str) -> IResult<&str, Cow<'_, str>> {
    let (rest, _) = nom::character::complete::char('"')(input)?;
    let bytes = rest.as_bytes();
    let mut owned: Option<String> = None;
    let mut start = 0;
    let mut search = 0;
    loop {
        let Some(rel) = memchr::memchr(b'"', &bytes[search..]) else {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Char,
            )));
        };
        let q = search + rel;
        if bytes.get(q + 1) == Some(&b'"') {
            // A doubled quote: keep one.
            owned
                .get_or_insert_with(String::new)
                .push_str(&rest[start..=q]);
            start = q + 2;
            search = q + 2;
            continue;
        }
        let text = match owned {
            None => Cow::Borrowed(&rest[..q]),
            Some(mut s) => {
                s.push_str(&rest[start..q]);
                Cow::Owned(s)
            }
        };
        return Ok((&rest[q + 1..], text));
    }
}

/// Whitespace as .NET's number parsers trim it.
#[inline]
pub(crate) fn trim_ws(s: &str) -> &str {
    let is_ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let b = s.as_bytes();
    // Nearly always nothing to trim: two byte checks, no `char` decoding.
    if !b.first().is_some_and(is_ws) && !b.last().is_some_and(is_ws) {
        return s;
    }
    s.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n')
}

/// Finds the field that a key names: exactly, then ignoring ASCII case (ServiceStack matches
/// property names case-insensitively). Surrounding whitespace in the key is ignored.
#[inline]
pub(crate) fn match_name(key: &str, names: &'static [&'static str], hint: usize) -> Option<usize> {
    if let Some(name) = names.get(hint) {
        if *name == key {
            return Some(hint);
        }
    }
    if let Some(i) = names.iter().position(|n| *n == key) {
        return Some(i);
    }
    let key = trim_ws(key);
    names.iter().position(|n| n.eq_ignore_ascii_case(key))
}

pub(crate) fn invalid(expected: &'static str, text: &str) -> Error {
    Error::expected(expected, Found::text(text.as_bytes()), Category::Data)
}

/// Parses JSV boolean text: `true`/`false` in any case, or `1`/`0`. Nothing else: ServiceStack's
/// lenient reader turns `yes` or `True ` into `false`, which loses data silently.
pub fn parse_bool(text: &str) -> Option<bool> {
    // As ServiceStack writes them (and JSON's), first: no case folding.
    match text {
        "True" | "true" => return Some(true),
        "False" | "false" => return Some(false),
        _ => {}
    }
    if text.eq_ignore_ascii_case("true") || text == "1" {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") || text == "0" {
        Some(false)
    } else {
        None
    }
}

/// A `Deserializer` over a single JSV scalar's text (already unquoted).
pub struct ScalarDeserializer<'de> {
    text: Cow<'de, str>,
}

impl<'de> ScalarDeserializer<'de> {
    /// Wraps scalar text.
    pub fn new(text: Cow<'de, str>) -> Self {
        ScalarDeserializer { text }
    }

    fn visit_text<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.text {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }
}

/// The value of a text that is only an optional `-` (when `signed`) and 1 to 18 ASCII digits,
/// which is what `str::parse` makes of it (18 digits cannot overflow an `i64`); `None` for any
/// other text, which `str::parse` then reads (a `+`, whitespace, more digits, an error). CSV
/// cells and query values are read this way: their integers skip the trimming and the
/// generic parse (callgrind, the `codec` bench's CSV rows, 7 integers and 2 bools a row, with
/// `parse_bool`'s exact forms first: 8,674 → 8,593 instructions a row).
#[inline]
pub(crate) fn plain_int(text: &[u8], signed: bool) -> Option<i64> {
    let (n, len) = leading_int(text, signed)?;
    (len == text.len()).then_some(n)
}

/// [`plain_int`] as a `T` (signed when `T` is), `None` out of `T`'s range: the integer methods'
/// fast path, here and inline in the CSV cell reader's.
#[inline]
pub(crate) fn plain_int_as<T: TryFrom<i64>>(text: &str) -> Option<T> {
    let signed = T::try_from(-1).is_ok();
    plain_int(text.as_bytes(), signed).and_then(|n| T::try_from(n).ok())
}

/// The integer at the start of `b`: an optional `-` (when `signed`) and 1 to 18 ASCII digits
/// (18 cannot overflow an `i64`), with the number of bytes it takes; `None` without a digit.
/// Shared by [`plain_int`] and, through [`leading_int_in_word`], the JSV reader's in-place
/// integers, which look at what follows.
#[inline]
pub(crate) fn leading_int(b: &[u8], signed: bool) -> Option<(i64, usize)> {
    let negative = signed && b.first() == Some(&b'-');
    let first = usize::from(negative);
    let mut end = first;
    let mut n = 0i64;
    for &c in &b[first..b.len().min(first + 18)] {
        let digit = c.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        n = n * 10 + i64::from(digit);
        end += 1;
    }
    (end > first).then_some((if negative { -n } else { n }, end))
}

/// [`leading_int`], but one to seven digits followed by another byte (nearly every integer in
/// a JSV object) read eight bytes at a time in a register when eight bytes are there. For the
/// JSV reader, whose text runs on after the value; `plain_int`'s whole texts (CSV cells) are
/// mostly under eight bytes, where the extra test cost more than it saved.
#[inline]
pub(crate) fn leading_int_in_word(b: &[u8], signed: bool) -> Option<(i64, usize)> {
    use crate::swar::{word_at, HI, LO};
    let negative = signed && b.first() == Some(&b'-');
    let first = usize::from(negative);
    if let Some(word) = word_at(b, first) {
        // Each byte less `0`: a digit's value, or a byte with its high bit set when the byte
        // is not a digit (below `0` it wraps; above `9`, adding 0x76 reaches the high bit).
        // The lowest flagged byte is exact: borrows and carries only run upwards from a
        // byte that is not a digit.
        let d = word.wrapping_sub(LO * u64::from(b'0'));
        let other = (d | d.wrapping_add(LO * 0x76)) & HI;
        let digits = other.trailing_zeros() / 8;
        if digits < 8 {
            if digits == 0 {
                return None;
            }
            // The digits moved to the top of the word (zeros, leading digits, below them).
            let n = eight_digits(d << (64 - 8 * digits)) as i64;
            return Some((if negative { -n } else { n }, first + digits as usize));
        }
    }
    leading_int(b, signed)
}

/// The number whose eight decimal digits are the bytes of `d` (values 0 to 9, the most
/// significant in the lowest byte): pairs, then fours, then the eight, by multiplication.
#[inline]
fn eight_digits(d: u64) -> u64 {
    const LOW: u64 = 0x0000_00FF_0000_00FF;
    let pairs = d.wrapping_mul(10).wrapping_add(d >> 8);
    (pairs & LOW)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((pairs >> 16) & LOW).wrapping_mul(1 + (10_000 << 32)))
        >> 32
}

/// Calls `$m!` with the integer methods of `Deserializer`: the method, the visit method and the
/// type of each (the scalar parser's and the CSV cell reader's).
macro_rules! int_methods {
    ($m:ident) => {
        $m! {
            deserialize_i8 => visit_i8: i8;
            deserialize_i16 => visit_i16: i16;
            deserialize_i32 => visit_i32: i32;
            deserialize_i64 => visit_i64: i64;
            deserialize_i128 => visit_i128: i128;
            deserialize_u8 => visit_u8: u8;
            deserialize_u16 => visit_u16: u16;
            deserialize_u32 => visit_u32: u32;
            deserialize_u64 => visit_u64: u64;
            deserialize_u128 => visit_u128: u128;
        }
    };
}
pub(crate) use int_methods;

macro_rules! parse_int {
    ($($method:ident => $visit:ident: $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            if let Some(v) = plain_int_as::<$ty>(&self.text) {
                return visitor.$visit(v);
            }
            match trim_ws(&self.text).parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(invalid(
                    concat!("an integer in the range of ", stringify!($ty)),
                    &self.text,
                )),
            }
        }
    )*};
}

macro_rules! parse_float {
    ($($method:ident => $visit:ident: $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match trim_ws(&self.text).parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(invalid("a number", &self.text)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ScalarDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_text(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match parse_bool(&self.text) {
            Some(b) => visitor.visit_bool(b),
            None => Err(invalid(
                "a bool (`true`, `false` in any case, `1` or `0`)",
                &self.text,
            )),
        }
    }

    int_methods!(parse_int);

    parse_float! {
        deserialize_f32 => visit_f32: f32;
        deserialize_f64 => visit_f64: f64;
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let mut chars = self.text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(invalid("a single character", &self.text)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_text(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.text {
            Cow::Borrowed(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            Cow::Owned(s) => visitor.visit_byte_buf(s.into_bytes()),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(invalid("an empty value", &self.text))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(invalid("a list", &self.text))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(invalid("an object", &self.text))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // Unit variants by name, in any case.
        match match_name(&self.text, variants, 0) {
            Some(i) => visitor.visit_enum(de::value::BorrowedStrDeserializer::<Error>::new(
                variants[i],
            )),
            None => match self.text {
                Cow::Borrowed(s) => {
                    visitor.visit_enum(de::value::BorrowedStrDeserializer::<Error>::new(s))
                }
                Cow::Owned(s) => visitor.visit_enum(s.into_deserializer()),
            },
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.visit_text(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

/// Integer texts at the edges of the fast path ([`plain_int`]) and of each width, for the tests
/// of the readers that take it.
#[cfg(test)]
pub(crate) const TRICKY_INTS: &[&str] = &[
    "0",
    "-0",
    "7",
    "007",
    "-7",
    "+7",
    " 7",
    "7 ",
    "",
    "-",
    "--1",
    "1-",
    "1e3",
    "0x10",
    "127",
    "128",
    "-128",
    "-129",
    "255",
    "256",
    "32767",
    "-32768",
    "65535",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "999999999999999999",
    "-999999999999999999",
    "1000000000000000000",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "１",
    "1.0",
    "abc",
    "-1",
    "32768",
    "65536",
    "9223372036854775808",
    "18446744073709551616",
    "\u{663}",
    "1\u{a0}",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    /// `plain_int` then `try_from`, else `str::parse` after trimming (the integer methods' two
    /// ways) against `str::parse` after trimming alone.
    fn both_ways<T: std::str::FromStr + TryFrom<i64> + PartialEq + std::fmt::Debug>(text: &str) {
        let general = trim_ws(text).parse::<T>().ok();
        let fast = plain_int_as::<T>(text);
        // Where the fast way gives nothing, the general way reads the text.
        if let Some(v) = fast {
            assert_eq!(Some(v), general, "{text:?}");
        }
    }

    /// `every_width(text)`: [`both_ways`] for every integer type.
    macro_rules! every_width {
        ($($method:ident => $visit:ident: $ty:ty;)*) => {
            fn every_width(text: &str) {
                $(both_ways::<$ty>(text);)*
            }
        };
    }
    int_methods!(every_width);

    #[test]
    fn leading_int_in_word_reads_as_digit_by_digit() {
        // Every run of 0 to 20 digits (each digit at every place), with and without a `-`,
        // followed by every byte and by nothing, then by 0, 1 or 8 more bytes.
        let mut runs = 0;
        for len in 0..=20 {
            for digit in b'0'..=b'9' {
                let mut digits: Vec<u8> = (0..len).map(|i| b'0' + (i * 7 % 10) as u8).collect();
                if len > 0 {
                    digits[(digit - b'0') as usize % len] = digit;
                }
                for minus in [false, true] {
                    let mut text = if minus { vec![b'-'] } else { Vec::new() };
                    text.extend_from_slice(&digits);
                    for next in (0..=255u8).map(Some).chain([None]) {
                        for pad in [0, 1, 8] {
                            let mut b = text.clone();
                            b.extend(next);
                            b.extend(std::iter::repeat_n(b'5', pad));
                            for signed in [false, true] {
                                assert_eq!(
                                    leading_int_in_word(&b, signed),
                                    leading_int(&b, signed),
                                    "{:?} {signed}",
                                    String::from_utf8_lossy(&b)
                                );
                                runs += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(runs > 600_000, "{runs}");
        assert_eq!(leading_int_in_word(b"1042,Store", true), Some((1042, 4)));
        assert_eq!(
            leading_int_in_word(b"-7654321}", true),
            Some((-7_654_321, 8))
        );
        assert_eq!(
            leading_int_in_word(b"12345678,", false),
            Some((12_345_678, 8))
        );
        assert_eq!(leading_int_in_word(b"x1234567", false), None);
    }

    #[test]
    fn plain_integers_read_as_from_str_reads_them() {
        for text in TRICKY_INTS {
            every_width(text);
        }
        assert_eq!(plain_int(b"-0", true), Some(0));
        assert_eq!(plain_int(b"-5", false), None);
        assert_eq!(plain_int(b"1000000000000000000", true), None);
        assert_eq!(
            plain_int(b"999999999999999999", true),
            Some(999_999_999_999_999_999)
        );
        // Through the deserializer: the value, or the general way's error text.
        let de = |t: &'static str| ScalarDeserializer::new(Cow::Borrowed(t));
        assert_eq!(i16::deserialize(de("-32768")).unwrap(), i16::MIN);
        assert_eq!(
            i16::deserialize(de("32768")).unwrap_err().to_string(),
            "expected an integer in the range of i16, found `32768`"
        );
        assert_eq!(
            u8::deserialize(de("-0")).unwrap_err().to_string(),
            "expected an integer in the range of u8, found `-0`"
        );
        assert_eq!(u8::deserialize(de(" 7")).unwrap(), 7);
    }

    proptest! {
        #[test]
        fn any_short_text_reads_as_from_str_reads_it(text in "[-+ 0-9a]{0,21}") {
            every_width(&text);
        }
    }

    #[test]
    fn bools_in_any_case() {
        for (text, v) in [
            ("True", Some(true)),
            ("true", Some(true)),
            ("TRUE", Some(true)),
            ("tRuE", Some(true)),
            ("1", Some(true)),
            ("False", Some(false)),
            ("false", Some(false)),
            ("FALSE", Some(false)),
            ("0", Some(false)),
            ("True ", None),
            ("yes", None),
            ("", None),
        ] {
            assert_eq!(parse_bool(text), v, "{text:?}");
        }
    }

    #[test]
    fn quoted_strings_borrow_unless_doubled() {
        assert_eq!(quoted("\"abc\",x"), Ok((",x", Cow::Borrowed("abc"))));
        assert_eq!(quoted("\"\""), Ok(("", Cow::Borrowed(""))));
        let (rest, s) = quoted("\"a\"\"b\"}").unwrap();
        assert_eq!((rest, s.as_ref()), ("}", "a\"b"));
        assert!(matches!(quoted("\"a\"\"b\"}").unwrap().1, Cow::Owned(_)));
        let (rest, s) = quoted("\"\"\"\"").unwrap();
        assert_eq!((rest, s.as_ref()), ("", "\""));
        assert!(quoted("\"abc").is_err());
        assert!(quoted("abc").is_err());
    }

    #[test]
    fn bools_take_true_false_one_zero_only() {
        for t in ["true", "True", "TRUE", "tRuE", "1"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["false", "False", "FALSE", "0"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        for bad in ["yes", "t", "Y", "on", "True ", " true", "", "2"] {
            assert_eq!(parse_bool(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn names_match_exactly_then_case_insensitively() {
        const NAMES: &[&str] = &["ApiKey", "StoreId", "success"];
        assert_eq!(match_name("ApiKey", NAMES, 0), Some(0));
        assert_eq!(match_name("storeid", NAMES, 0), Some(1));
        assert_eq!(match_name("Success", NAMES, 5), Some(2));
        assert_eq!(match_name(" ApiKey ", NAMES, 0), Some(0));
        assert_eq!(match_name("api_key", NAMES, 0), None);
    }
}

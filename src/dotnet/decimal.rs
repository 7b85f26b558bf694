//! .NET's `decimal` on the wire, as a [`rust_decimal::Decimal`] that keeps its scale: `1.00`
//! stays `1.00` in every format (JSV text, a bare JSON number, a CSV cell).
//!
//! Read from text or a JSON number (also a numeric JSON string, as ClubReady's examples send
//! `"PaymentAmount":"1.00"`), with .NET's surrounding whitespace; exponents (`1e-7`), thousands
//! separators and overflow are errors.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The newtype-struct name under which a [`Decimal`] travels. Written: the crate's writers take
/// its exact text from it (a bare number in JSON, `1.00` keeping its scale); any other
/// serializer sees a string. Read: the crate's readers hand it the exact text of a number (JSON
/// `1.00`) or of a string.
pub(crate) const DECIMAL_TOKEN: &str = "$clubready_wire::Decimal";

/// A .NET `decimal`.
///
/// ```
/// use clubready_wire::dotnet::Decimal;
/// let d: Decimal = "149.990".parse().unwrap();
/// assert_eq!(d.to_string(), "149.990");
/// assert_eq!(clubready_wire::json::to_string(&d).unwrap(), "149.990");
/// assert_eq!(clubready_wire::jsv::to_string(&d).unwrap(), "149.990");
/// // Other serializers see the text as a string.
/// assert_eq!(serde_json::to_string(&d).unwrap(), r#""149.990""#);
/// assert!("1e3".parse::<Decimal>().is_err());
/// ```
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decimal(pub rust_decimal::Decimal);

/// Why a text is not a .NET decimal.
///
/// Its message shows an excerpt of the text: at most 40 characters, cut before a word naming a
/// credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDecimalError {
    text: String,
}

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a decimal number (digits, optional sign and point, no exponent, at most 28 \
             digits after the point and 29 in all), found `{}`",
            self.text.escape_debug()
        )
    }
}

impl std::error::Error for ParseDecimalError {}

impl FromStr for Decimal {
    type Err = ParseDecimalError;
    fn from_str(text: &str) -> Result<Decimal, ParseDecimalError> {
        let t = trim(text);
        // Nearly every wire decimal is short (`149.99`): `short` reads it in one pass; anything
        // else (long, or not a decimal at all) takes the general path, which decides.
        short(t)
            .or_else(|| general(t))
            .map(Decimal)
            .ok_or_else(|| ParseDecimalError {
                text: crate::error::excerpt(text),
            })
    }
}

/// `text` without surrounding ASCII whitespace (.NET's `NumberStyles.Number` allows it).
fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    if b.first().is_some_and(u8::is_ascii_whitespace)
        || b.last().is_some_and(u8::is_ascii_whitespace)
    {
        text.trim_matches(|c: char| c.is_ascii_whitespace())
    } else {
        // Nearly always nothing to trim: two byte checks, no `char` decoding.
        text
    }
}

/// At most this many bytes after the sign: at most 19 digits, whose integer (below 10^19) fits
/// a `u64` and a .NET decimal, with a scale of at most 19 - 1 = 18 ≤ 28: nothing to round.
const SHORT: usize = 19;

/// The fast path of [`general`] for a trimmed text of at most [`SHORT`] bytes after its sign:
/// the digits read once into a `u64` mantissa, the scale the count of digits after the point,
/// as `rust_decimal`'s `from_str` keeps it. `None` when `t` is longer or no decimal (then
/// [`general`] decides and writes the error). Measured on the `codec` benchmark's `149.99` and
/// `25.00`: about 300 instructions a decimal before (`fits` and `rust_decimal`'s `from_str`
/// after a validation pass), about 70 with this path.
fn short(t: &str) -> Option<rust_decimal::Decimal> {
    let (negative, digits) = match t.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    if digits.len() > SHORT {
        return None;
    }
    let mut mantissa = 0u64;
    let mut point = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(b - b'0'),
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let scale = match point {
        Some(i) => digits.len() - 1 - i,
        None => 0,
    };
    if digits.len() == usize::from(point.is_some()) {
        // No digit: `""`, `"-"`, `"."`.
        return None;
    }
    Some(rust_decimal::Decimal::from_parts(
        mantissa as u32,
        (mantissa >> 32) as u32,
        0,
        // `from_parts` leaves zero unsigned, as .NET writes negative zero.
        negative,
        scale as u32,
    ))
}

/// A trimmed text as a .NET decimal, any length: checked here, read by `rust_decimal`.
fn general(t: &str) -> Option<rust_decimal::Decimal> {
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    if !fits(int, frac) {
        // `rust_decimal` (and .NET) would round: digits lost, or the text's scale changed.
        return None;
    }
    let mut d = rust_decimal::Decimal::from_str(t).ok()?;
    if d.is_zero() {
        // .NET writes negative zero without its sign.
        d.set_sign_positive(true);
    }
    Some(d)
}

/// Whether the digits `int`.`frac` are a .NET decimal exactly: at most 28 digits after the
/// point, and all the digits (the scale's trailing zeros included) as one integer at most
/// 2^96 - 1 = 79228162514264337593543950335.
fn fits(int: &str, frac: &str) -> bool {
    const MAX: &[u8] = b"79228162514264337593543950335";
    if frac.len() > 28 {
        return false;
    }
    let int = int.trim_start_matches('0');
    let (head, tail) = if int.is_empty() {
        ("", frac.trim_start_matches('0'))
    } else {
        (int, frac)
    };
    match (head.len() + tail.len()).cmp(&MAX.len()) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => head.bytes().chain(tail.bytes()).le(MAX.iter().copied()),
    }
}

impl fmt::Display for Decimal {
    /// .NET's invariant `ToString()`: scale kept, never an exponent, no sign on zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.0;
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        let plain = f.width().is_none()
            && f.precision().is_none()
            && !f.sign_plus()
            && !f.sign_minus()
            && !f.alternate()
            && !f.sign_aware_zero_pad();
        if plain {
            // What the writers ask for: the text without `rust_decimal`'s temporary `String`.
            let mut buf = [0u8; MAX_TEXT];
            f.write_str(text(&d, &mut buf))
        } else {
            fmt::Display::fmt(&d, f)
        }
    }
}

/// The longest text of a `decimal`: a sign, `0.`, 28 digits after the point (or a sign, 29
/// digits and a point).
const MAX_TEXT: usize = 32;

/// `d` as `rust_decimal` displays it without options (its digits with the point `scale` from
/// the right, `0.` before a fraction only, `-` when negative), written into `buf`.
fn text<'b>(d: &rust_decimal::Decimal, buf: &'b mut [u8; MAX_TEXT]) -> &'b str {
    let mut digits_buf = itoa::Buffer::new();
    let m = d.mantissa().unsigned_abs();
    let digits = match u64::try_from(m) {
        Ok(small) => digits_buf.format(small),
        Err(_) => digits_buf.format(m),
    }
    .as_bytes();
    let scale = d.scale() as usize;
    let mut n = 0;
    let mut push = |bytes: &[u8]| {
        buf[n..n + bytes.len()].copy_from_slice(bytes);
        n += bytes.len();
    };
    if d.is_sign_negative() {
        push(b"-");
    }
    if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        push(int);
        if scale > 0 {
            push(b".");
            push(frac);
        }
    } else {
        push(b"0.");
        for _ in digits.len()..scale {
            push(b"0");
        }
        push(digits);
    }
    // Only ASCII digits, `-` and `.` were written.
    std::str::from_utf8(&buf[..n]).unwrap_or_default()
}

impl From<rust_decimal::Decimal> for Decimal {
    fn from(d: rust_decimal::Decimal) -> Decimal {
        Decimal(d)
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(d: Decimal) -> rust_decimal::Decimal {
        d.0
    }
}

impl std::ops::Deref for Decimal {
    type Target = rust_decimal::Decimal;
    fn deref(&self) -> &rust_decimal::Decimal {
        &self.0
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The text, handed over without building a `String`.
        struct Text<'a>(&'a Decimal);
        impl Serialize for Text<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self.0)
            }
        }
        serializer.serialize_newtype_struct(DECIMAL_TOKEN, &Text(self))
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_newtype_struct(DECIMAL_TOKEN, DecimalVisitor)
    }
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        v.parse().map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }
}

/// Another deserializer's binary number: its shortest text, the scale it had is gone. Written
/// on the stack, not in a `String` (`f64`'s text has no leading zeros, so a text longer than a
/// decimal's longest is no decimal). Measured: serde_json decode of the `codec` benchmark's 3
/// decimals, 31774 → 31066 instructions (about 236 a decimal, malloc and free).
fn from_f64(v: f64) -> Option<Decimal> {
    let mut text = StackText {
        buf: [0; MAX_TEXT],
        len: 0,
    };
    fmt::Write::write_fmt(&mut text, format_args!("{v}")).ok()?;
    std::str::from_utf8(&text.buf[..text.len])
        .ok()?
        .parse()
        .ok()
}

/// A text of at most [`MAX_TEXT`] bytes; writing more fails.
struct StackText {
    buf: [u8; MAX_TEXT],
    len: usize,
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_kept_and_exponents_rejected() {
        for (text, written) in [
            ("0", "0"),
            ("0.00", "0.00"),
            ("1.00", "1.00"),
            ("-0", "0"),
            ("-0.00", "0.00"),
            ("12.3400", "12.3400"),
            (" 1.50 ", "1.50"),
            ("+2.5", "2.5"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            (
                "-7.9228162514264337593543950335",
                "-7.9228162514264337593543950335",
            ),
            (
                "0000079228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            (
                "0.1000000000000000000000000000",
                "0.1000000000000000000000000000",
            ),
        ] {
            assert_eq!(
                text.parse::<Decimal>().unwrap().to_string(),
                written,
                "{text:?}"
            );
        }
        for bad in [
            "1e-7",
            "1E+3",
            "1,234.5",
            "79228162514264337593543950336",
            // Rounding would lose a digit or change the scale: not the text's value.
            "0.00000000000000000000000000001",
            "1.00000000000000000000000000000",
            "12345678901234567890123456789.5",
            "79228162514264337593543950335.0",
            "7.9228162514264337593543950336",
            "abc",
            "",
            ".",
            "1.2.3",
            "0x10",
            "1_000",
        ] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad:?}");
        }
    }

    /// `text` read by `from_str` is what the general path (`rust_decimal`'s `from_str` after
    /// the checks) gives: the same error-or-not, value, scale, bits and text. Whether the fast
    /// path took it.
    fn same_as_general(text: &str) -> bool {
        let ours = text.parse::<Decimal>();
        match (&ours, general(trim(text))) {
            (Ok(d), Some(e)) => {
                assert_eq!(d.0, e, "{text:?}");
                assert_eq!(d.scale(), e.scale(), "{text:?}");
                assert_eq!(d.0.serialize(), e.serialize(), "{text:?}");
                assert_eq!(d.to_string(), Decimal(e).to_string(), "{text:?}");
                assert_eq!(d.0.to_string(), e.to_string(), "{text:?}");
            }
            (Err(_), None) => {}
            (ours, expected) => panic!("{text:?}: {ours:?}, general path {expected:?}"),
        }
        short(trim(text)).is_some()
    }

    #[test]
    fn the_short_path_is_the_general_path() {
        let table = [
            "0",
            "-0",
            "+0",
            "00",
            "0.",
            ".0",
            "-.0",
            "-0.000",
            "1",
            "1.",
            ".5",
            "-.5",
            "+.5",
            "149.99",
            "-149.99",
            "+149.99",
            "25.00",
            " 25.00\t",
            "\n-1.50 ",
            "0000000000000000001",
            "000000000000000000.1",
            "9999999999999999999",
            "-9999999999999999999",
            "999999999.999999999",
            ".999999999999999999",
            "0.000000000000000001",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "1.0000000000000000000",
            "",
            " ",
            "-",
            "+",
            ".",
            "-.",
            "..",
            "1..",
            "1.2.3",
            "--1",
            "+-1",
            "-+1",
            "1-",
            "1 2",
            "1e3",
            "1_0",
            "٣",
            "1.٣",
        ];
        let mut short_taken = 0;
        for text in table {
            short_taken += usize::from(same_as_general(text));
        }
        // The fast path is what is tested: it took every valid text of at most 19 bytes after
        // the sign.
        assert_eq!(short_taken, 24);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]
        #[test]
        fn random_digit_strings_read_as_the_general_path_does(
            text in proptest::prop_oneof![
                "[ \t]{0,2}[+-]?0{0,4}[0-9]{0,20}(\\.[0-9]{0,20}0{0,4})?[ \t]{0,2}",
                "[+-]?[0-9]{0,40}(\\.[0-9]{0,40})?",
                "[0-9. +-]{0,40}",
            ]
        ) {
            same_as_general(&text);
        }
    }

    /// `from_f64` is the `String` it replaced: `format!("{v}")` read as text.
    fn f64_as_before(v: f64) {
        let before = format!("{v}").parse::<Decimal>().ok();
        let ours = from_f64(v);
        assert_eq!(
            ours.map(|d| d.0.serialize()),
            before.map(|d| d.0.serialize()),
            "{v:?}"
        );
        assert_eq!(ours.map(|d| d.to_string()), before.map(|d| d.to_string()));
    }

    #[test]
    fn binary_numbers_read_as_their_shortest_text() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.5,
            149.99,
            25.0,
            0.1,
            1e-7,
            1e-28,
            1.5e-28,
            1e-29,
            1e28,
            7.922816251426434e28,
            7.922816251426434e27,
            1e29,
            -1e29,
            123456789012345680000.0,
            0.30000000000000004,
            -0.0000000000000000000000000012345678901234567,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            f64_as_before(v);
        }
    }

    proptest::proptest! {
        #[test]
        fn random_binary_numbers_read_as_before(
            v in proptest::num::f64::ANY,
            m in -10_000_000_000i64..10_000_000_000,
            e in -35i32..35,
        ) {
            f64_as_before(v);
            f64_as_before(m as f64 * 10f64.powi(e));
        }
    }

    #[test]
    fn parse_errors_show_a_bounded_excerpt() {
        use crate::dotnet::{DateTime, ValueTuple};
        use crate::dto::OwnerType;
        let long = format!("{} ApiKey:k3y", "9".repeat(100_000));
        let messages = [
            long.parse::<Decimal>().unwrap_err().to_string(),
            long.parse::<DateTime>().unwrap_err().to_string(),
            long.parse::<OwnerType>().unwrap_err().to_string(),
            long.parse::<ValueTuple<i32, OwnerType>>().unwrap_err(),
        ];
        for m in messages {
            assert!(m.len() < 300, "{} bytes", m.len());
            assert!(m.contains(&format!("`{}…`", "9".repeat(40))), "{m}");
            assert!(!m.contains("k3y"), "{m}");
        }
    }

    #[test]
    fn text_is_rust_decimals_display_for_every_scale() {
        let mantissas = [
            0i128,
            1,
            7,
            10,
            12_345,
            999_999_999,
            u64::MAX as i128,
            u64::MAX as i128 + 1,
            79_228_162_514_264_337_593_543_950_335,
        ];
        for m in mantissas {
            for sign in [1, -1] {
                for scale in 0..=28 {
                    let d = rust_decimal::Decimal::from_i128_with_scale(sign * m, scale);
                    let ours = Decimal(d).to_string();
                    let mut expected = d;
                    if expected.is_zero() {
                        expected.set_sign_positive(true);
                    }
                    assert_eq!(ours, expected.to_string(), "{m} {sign} {scale}");
                }
            }
        }
        // Options are rust_decimal's.
        let d: Decimal = "-1.50".parse().unwrap();
        assert_eq!(format!("{d:>8}|{d:.1}|{d:+}"), "   -1.50|-1.5|-1.50");
    }

    #[test]
    fn other_deserializers_give_strings_or_numbers() {
        // serde_json without exact numbers: a string keeps the scale, a number its value.
        let d: Decimal = serde_json::from_str("\"25.00\"").unwrap();
        assert_eq!(d.to_string(), "25.00");
        let d: Decimal = serde_json::from_str("1.5").unwrap();
        assert_eq!(d.to_string(), "1.5");
        let d: Decimal = serde_json::from_str("12").unwrap();
        assert_eq!(d.to_string(), "12");
        assert!(serde_json::from_str::<Decimal>("\"1e3\"").is_err());
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"12\"");
    }
}

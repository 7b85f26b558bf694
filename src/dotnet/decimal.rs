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
        let err = || ParseDecimalError {
            text: text.to_owned(),
        };
        let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
        let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
            return Err(err());
        }
        let mut d = rust_decimal::Decimal::from_str(t).map_err(|_| err())?;
        if d.is_zero() {
            // .NET writes negative zero without its sign.
            d.set_sign_positive(true);
        }
        Ok(Decimal(d))
    }
}

impl fmt::Display for Decimal {
    /// .NET's invariant `ToString()`: scale kept, never an exponent, no sign on zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.0;
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        fmt::Display::fmt(&d, f)
    }
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
        // Another deserializer's binary number: its shortest text, the scale it had is gone.
        let text = format!("{v}");
        text.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
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

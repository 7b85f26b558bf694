//! ServiceStack's JSON dialect: output byte for byte as ServiceStack.Text writes it (null
//! properties omitted, its escaping, decimals as bare numbers keeping their scale, dates as ISO
//! 8601 or WCF `\/Date()\/`); input read by the crate's own reader, as ServiceStack reads it:
//! property names in any case, numbers and bools also from strings, decimals keeping their scale,
//! and errors that carry the path, line and column.
//!
//! ```
//! use clubready_wire::json::{self, DateHandler, JsonOptions};
//! use clubready_wire::dotnet::{DateTime, Decimal};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct Sale { payment_amount: Decimal, start_date: DateTime, promo_code: Option<String> }
//!
//! let sale = Sale { payment_amount: "1.00".parse().unwrap(), start_date: DateTime::MIN, promo_code: None };
//! assert_eq!(json::to_string(&sale).unwrap(), r#"{"PaymentAmount":1.00,"StartDate":"0001-01-01T00:00:00.0000000"}"#);
//! let wcf = JsonOptions { dates: DateHandler::Timestamp, ..JsonOptions::default() };
//! assert_eq!(json::to_string_with(&sale, wcf).unwrap(), r#"{"PaymentAmount":1.00,"StartDate":"\/Date(-62135596800000-0000)\/"}"#);
//! let back: Sale = json::from_str(r#"{"paymentamount":"1.00","STARTDATE":"0001-01-01"}"#).unwrap();
//! assert_eq!(back, sale);
//! let err = json::from_str::<Sale>(r#"{"PaymentAmount":null}"#).unwrap_err();
//! assert_eq!(err.to_string(), "PaymentAmount: expected a decimal number, found `null` at line 1 column 18");
//! ```
//!
//! What the reader accepts, and where it differs from ServiceStack on purpose, is written down
//! in `docs/jsv-grammar.md` ("JSON").

mod de;
mod ser;
mod token;

use std::io;

use serde::de::{Deserialize, DeserializeOwned};
use serde::Serialize;

/// The error of reading or writing JSON: the crate's one error type (path, line, column; values
/// under credential-like keys never shown).
pub use crate::jsv::Error;
pub use de::Deserializer;
pub use ser::{DateHandler, JsonOptions, Serializer};

/// Serializes `value` as ServiceStack JSON with ISO 8601 dates (as ClubReady's pages show).
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> crate::jsv::Result<String> {
    to_string_with(value, JsonOptions::default())
}

/// Serializes `value` as ServiceStack JSON with the given options.
pub fn to_string_with<T: ?Sized + Serialize>(
    value: &T,
    options: JsonOptions,
) -> crate::jsv::Result<String> {
    let mut out = String::with_capacity(1024);
    value.serialize(&mut Serializer::new(&mut out, options))?;
    Ok(out)
}

/// Serializes `value` as ServiceStack JSON bytes (ISO 8601 dates).
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> crate::jsv::Result<Vec<u8>> {
    to_string(value).map(String::into_bytes)
}

/// Deserializes a `T` from ServiceStack JSON. Whitespace may surround the value; anything else
/// after it is an error.
pub fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> crate::jsv::Result<T> {
    let mut de = Deserializer::from_str(s);
    let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
    de.end()?;
    Ok(value)
}

/// Deserializes a `T` from ServiceStack JSON bytes, which must be UTF-8.
pub fn from_slice<'a, T: Deserialize<'a>>(v: &'a [u8]) -> crate::jsv::Result<T> {
    let mut de = Deserializer::from_slice(v)?;
    let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
    de.end()?;
    Ok(value)
}

/// Deserializes a `T` from ServiceStack JSON read to the end from `reader` (the text is held in
/// memory while it is read).
pub fn from_reader<R: io::Read, T: DeserializeOwned>(mut reader: R) -> crate::jsv::Result<T> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(Error::io)?;
    from_slice(&bytes)
}

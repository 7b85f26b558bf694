//! JSV (ServiceStack's "JSON-like Separated Values") as a serde data format.
//!
//! This module is generic: it knows nothing of ClubReady and could stand alone. Its API
//! mirrors `serde_json`'s.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct PaymentMethod {
//!     #[serde(skip_serializing_if = "Option::is_none")]
//!     acct_token: Option<String>,
//!     payment_amount: String,
//!     use_preferred: bool,
//! }
//!
//! let pm = PaymentMethod { acct_token: Some("a,b".into()), payment_amount: "1.00".into(), use_preferred: true };
//! let text = clubready_wire::jsv::to_string(&pm).unwrap();
//! assert_eq!(text, r#"{AcctToken:"a,b",PaymentAmount:1.00,UsePreferred:True}"#);
//!
//! // Property names match in any case; unknown ones are skipped.
//! let back: PaymentMethod =
//!     clubready_wire::jsv::from_str(r#"{acctToken:"a,b",paymentamount:1.00,UsePreferred:true,Extra:[1,2]}"#).unwrap();
//! assert_eq!(back, pm);
//! ```
//!
//! What the reader accepts, and where it deliberately differs from ServiceStack.Text, is written
//! down in `docs/jsv-grammar.md`.

mod de;
pub(crate) mod error;
pub(crate) mod number;
mod pretty;
mod scalar;
mod ser;
mod value;

use std::io;

use serde::{Deserialize, Serialize};

pub(crate) use de::eq_short;
pub use de::{Deserializer, DEFAULT_RECURSION_LIMIT};
pub use error::{is_sensitive_key, Category, Error, Result, Segment};
pub(crate) use scalar::match_name;
pub use scalar::{parse_bool, ScalarDeserializer};
pub(crate) use ser::RawText;
pub use ser::{
    needs_quotes, xsd_from_iso, Compound, Serializer, DATETIME_TOKEN, JSON_NUMBER_TOKEN,
};
pub(crate) use value::NUMBER_TEXT_TOKEN;
pub use value::{Map, Value};

/// Serializes `value` as compact JSV text, byte for byte as ServiceStack writes it.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    let mut out = String::with_capacity(1024);
    value.serialize(&mut Serializer::new(&mut out))?;
    Ok(out)
}

/// Serializes `value` as compact JSV bytes.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    to_string(value).map(String::into_bytes)
}

/// Serializes `value` in the pretty layout of ServiceStack's `Dump()` (as in ClubReady's
/// documentation). [`from_str`] reads it back.
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    let compact = to_string(value)?;
    Ok(pretty::format(&compact))
}

/// Serializes `value` as pretty JSV bytes (see [`to_string_pretty`]).
pub fn to_vec_pretty<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    to_string_pretty(value).map(String::into_bytes)
}

/// Serializes `value` as compact JSV into `writer`.
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(mut writer: W, value: &T) -> Result<()> {
    let out = to_vec(value)?;
    writer.write_all(&out).map_err(Error::io)
}

/// Serializes `value` as pretty JSV into `writer`.
pub fn to_writer_pretty<W: io::Write, T: ?Sized + Serialize>(
    mut writer: W,
    value: &T,
) -> Result<()> {
    let out = to_vec_pretty(value)?;
    writer.write_all(&out).map_err(Error::io)
}

/// Deserializes a `T` from JSV text. Whitespace around a top-level object or list is allowed;
/// anything else after the value is an error.
pub fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T> {
    let mut de = Deserializer::from_str(s);
    let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
    de.end()?;
    Ok(value)
}

/// Deserializes a `T` from JSV bytes, which must be UTF-8.
pub fn from_slice<'a, T: Deserialize<'a>>(v: &'a [u8]) -> Result<T> {
    let mut de = Deserializer::from_slice(v)?;
    let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
    de.end()?;
    Ok(value)
}

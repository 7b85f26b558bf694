//! ServiceStack's JSON dialect: output byte for byte as ServiceStack.Text writes it (null
//! properties omitted, its escaping, decimals as bare numbers keeping their scale, dates as ISO
//! 8601 or WCF `\/Date()\/`); input through serde_json with property names in any case and
//! errors that carry the path.
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
//! ```

mod de;
mod ser;

use serde::Serialize;

pub use de::{from_slice, from_str, Error};
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

//! ServiceStack's JSON dialect: output byte for byte as ServiceStack.Text writes it (null
//! properties omitted, its escaping, decimals as bare numbers keeping their scale, dates as ISO
//! 8601 or WCF `\/Date()\/`); input through serde_json with property names in any case and
//! errors that carry the path.
//!
//! ```
//! use clubready_wire::json::{self, DateHandler};
//! use clubready_wire::dotnet::{DateTime, Decimal};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct Sale { payment_amount: Decimal, start_date: DateTime, promo_code: Option<String> }
//!
//! let sale = Sale { payment_amount: "1.00".parse().unwrap(), start_date: DateTime::MIN, promo_code: None };
//! assert_eq!(json::to_string(&sale).unwrap(), r#"{"PaymentAmount":1.00,"StartDate":"0001-01-01T00:00:00.0000000"}"#);
//! let wcf = json::Options::new().dates(DateHandler::Timestamp);
//! assert_eq!(wcf.to_string(&sale).unwrap(), r#"{"PaymentAmount":1.00,"StartDate":"\/Date(-62135596800000-0000)\/"}"#);
//! let back: Sale = json::from_str(r#"{"paymentamount":"1.00","STARTDATE":"0001-01-01"}"#).unwrap();
//! assert_eq!(back, sale);
//! ```

mod de;
mod ser;

use std::io;

use serde::Serialize;

use crate::dotnet::Zone;
pub use crate::error::{Error, Result};
pub use de::{from_slice, from_str};
pub use ser::{DateHandler, JsonFormatter, Serializer};

/// How ServiceStack JSON is written: the date form, the local zone of unspecified dates.
///
/// ```
/// use clubready_wire::dotnet::{DateTime, Zone};
/// use clubready_wire::json::{self, DateHandler};
///
/// let date: DateTime = "2020-01-02T03:04:05".parse()?;
/// let options = json::Options::new().dates(DateHandler::Timestamp).local_zone(Zone::fixed(60).unwrap());
/// assert_eq!(options.to_string(&date)?, r#""\/Date(1577930645000-0000)\/""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    dates: DateHandler,
    zone: Zone,
    tuple_objects: bool,
}

impl Options {
    /// The defaults: ISO 8601 dates (as ClubReady's pages show them), unspecified dates at UTC.
    pub const fn new() -> Self {
        Options {
            dates: DateHandler::Iso8601,
            zone: Zone::UTC,
            tuple_objects: false,
        }
    }

    /// How dates are written (default [`DateHandler::Iso8601`]).
    pub const fn dates(mut self, dates: DateHandler) -> Self {
        self.dates = dates;
        self
    }

    /// The zone an unspecified date's instant is taken in for the WCF form (ServiceStack takes
    /// the server's local zone; default UTC).
    pub const fn local_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Writes a [`ValueTuple`](crate::dotnet::ValueTuple) as the object
    /// `{"Item1":5,"Item2":"User"}`, which a ServiceStack server binds, instead of .NET's text
    /// `"(5, User)"`, which ServiceStack writes but no server reads back (default: the text).
    pub const fn tuple_objects(mut self, objects: bool) -> Self {
        self.tuple_objects = objects;
        self
    }

    fn writer(&self) -> crate::ser::WriterOptions {
        crate::ser::WriterOptions {
            zone: self.zone,
            tuple_objects: self.tuple_objects,
        }
    }

    /// Serializes `value` as ServiceStack JSON text.
    pub fn to_string<T: ?Sized + Serialize>(&self, value: &T) -> Result<String> {
        crate::ser::to_string(JsonFormatter::new(self.dates), self.writer(), value)
    }

    /// Serializes `value` as ServiceStack JSON bytes.
    pub fn to_vec<T: ?Sized + Serialize>(&self, value: &T) -> Result<Vec<u8>> {
        self.to_string(value).map(String::into_bytes)
    }

    /// Serializes `value` as ServiceStack JSON into `writer`, as it goes. An error of `writer` is
    /// an I/O error holding it.
    pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(
        &self,
        writer: W,
        value: &T,
    ) -> Result<()> {
        crate::ser::to_io(writer, JsonFormatter::new(self.dates), self.writer(), value)
    }
}

/// Serializes `value` as ServiceStack JSON with ISO 8601 dates (as ClubReady's pages show).
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    Options::new().to_string(value)
}

/// Serializes `value` as ServiceStack JSON bytes (ISO 8601 dates).
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    Options::new().to_vec(value)
}

/// Serializes `value` as ServiceStack JSON into `writer` (ISO 8601 dates).
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(writer: W, value: &T) -> Result<()> {
    Options::new().to_writer(writer, value)
}

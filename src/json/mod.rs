//! ServiceStack's JSON dialect: output byte for byte as ServiceStack.Text writes it (null
//! properties omitted, its escaping, decimals as bare numbers keeping their scale, dates as ISO
//! 8601 or WCF `\/Date()\/`); input read by the crate's own reader, as ServiceStack reads it:
//! property names in any case, numbers and bools also from strings, decimals keeping their scale,
//! and errors that carry the path, line and column.
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

use crate::dotnet::Zone;
pub use crate::error::{Error, Result};
pub use de::Deserializer;
pub use ser::{DateHandler, JsonFormatter, Serializer};

/// How ServiceStack JSON is written and read: the date form, the local zone of unspecified dates,
/// the nesting limit.
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
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Options {
    dates: DateHandler,
    zone: Zone,
    tuple_objects: bool,
    recursion_limit: usize,
    max_items: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self::new()
    }
}

impl Options {
    /// The defaults: ISO 8601 dates (as ClubReady's pages show them), unspecified dates at UTC,
    /// nesting limit 128.
    pub const fn new() -> Self {
        Options {
            dates: DateHandler::Iso8601,
            zone: Zone::UTC,
            tuple_objects: false,
            recursion_limit: crate::jsv::DEFAULT_RECURSION_LIMIT,
            max_items: crate::jsv::DEFAULT_MAX_ITEMS,
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

    /// How deeply objects and arrays may nest when read (default 128); deeper input is an error.
    ///
    /// The default fits any thread's stack (a spawned thread's 2 MiB included). Each level
    /// takes stack frames of the reader and of the type read, so a higher limit is the caller's
    /// to fit: input deeper than the stack holds aborts the process with a stack overflow, as
    /// serde_json's `disable_recursion_limit` warns (run such reads on a thread with a larger
    /// stack).
    pub const fn recursion_limit(mut self, limit: usize) -> Self {
        self.recursion_limit = limit;
        self
    }

    /// How many list items and object entries one document read may hold in all (default
    /// [`DEFAULT_MAX_ITEMS`](crate::jsv::DEFAULT_MAX_ITEMS), a million); more is an error, so that
    /// a decode's memory stays bounded whatever the input.
    pub const fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = max_items;
        self
    }

    fn reader<'de>(&self, de: Deserializer<'de>) -> Deserializer<'de> {
        de.with_recursion_limit(self.recursion_limit)
            .with_max_items(self.max_items)
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

    /// Deserializes a `T` from ServiceStack JSON. Whitespace may surround the value; anything
    /// else after it is an error.
    pub fn from_str<'a, T: Deserialize<'a>>(&self, s: &'a str) -> Result<T> {
        let mut de = self.reader(Deserializer::from_str(s));
        let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
        de.end()?;
        Ok(value)
    }

    /// Deserializes a `T` from ServiceStack JSON bytes, which must be UTF-8.
    pub fn from_slice<'a, T: Deserialize<'a>>(&self, v: &'a [u8]) -> Result<T> {
        let mut de = self.reader(Deserializer::from_slice(v)?);
        let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
        de.end()?;
        Ok(value)
    }

    /// Deserializes a `T` from ServiceStack JSON read to the end from `reader` (the text is held
    /// in memory while it is read).
    pub fn from_reader<R: io::Read, T: DeserializeOwned>(&self, mut reader: R) -> Result<T> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(Error::io)?;
        self.from_slice(&bytes)
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

/// Deserializes a `T` from ServiceStack JSON (see [`Options::from_str`]).
pub fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T> {
    Options::new().from_str(s)
}

/// Deserializes a `T` from ServiceStack JSON bytes, which must be UTF-8.
pub fn from_slice<'a, T: Deserialize<'a>>(v: &'a [u8]) -> Result<T> {
    Options::new().from_slice(v)
}

/// Deserializes a `T` from ServiceStack JSON read to the end from `reader`.
pub fn from_reader<R: io::Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    Options::new().from_reader(reader)
}

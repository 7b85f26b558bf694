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
pub(crate) mod number;
mod pretty;
mod scalar;
mod ser;
mod value;

/// The crate's error module, under the name the reader's code uses.
pub(crate) use crate::error;

use std::io;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::dotnet::Zone;
pub use crate::error::{is_sensitive_key, Category, Error, Result, Segment};
pub(crate) use de::eq_short;
pub use de::{Deserializer, DEFAULT_MAX_ITEMS, DEFAULT_RECURSION_LIMIT};
pub use pretty::PrettyFormatter;
pub(crate) use scalar::match_name;
#[cfg(test)]
pub(crate) use scalar::TRICKY_INTS;
pub(crate) use scalar::{int_methods, plain_int_as};
pub use scalar::{parse_bool, ScalarDeserializer};
pub(crate) use ser::write_str;
pub use ser::{needs_quotes, CompactFormatter, Serializer};
pub(crate) use value::NUMBER_TEXT_TOKEN;
pub use value::{Map, Value};

/// How JSV is written and read: compact or pretty, the local zone of unspecified dates, the
/// nesting limit. The functions of this module use the defaults.
///
/// ```
/// use clubready_wire::dotnet::{DateTime, Zone};
/// use clubready_wire::jsv;
///
/// let date: DateTime = "2020-01-02T03:04:05".parse()?;
/// let options = jsv::Options::new().local_zone(Zone::fixed(-300).unwrap());
/// assert_eq!(options.to_string(&date)?, "2020-01-02T03:04:05-05:00");
/// assert_eq!(options.pretty(true).to_string(&[1, 2])?, "[\n\t1,\n\t2\n]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pretty: bool,
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
    /// The defaults: compact, unspecified dates at UTC, nesting limit 128.
    pub const fn new() -> Self {
        Options {
            pretty: false,
            zone: Zone::UTC,
            tuple_objects: false,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            max_items: DEFAULT_MAX_ITEMS,
        }
    }

    /// Writes in the pretty layout of ServiceStack's `Dump()` (default: compact).
    pub const fn pretty(mut self, pretty: bool) -> Self {
        self.pretty = pretty;
        self
    }

    /// The zone whose offset dates of unspecified kind are written with (ServiceStack writes
    /// the server's local zone; default UTC).
    pub const fn local_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Writes a [`ValueTuple`](crate::dotnet::ValueTuple) as the object `{Item1:5,Item2:User}`,
    /// which a ServiceStack server binds, instead of .NET's text `"(5, User)"`, which ServiceStack
    /// writes but no server reads back (default: the text, as ServiceStack writes it).
    pub const fn tuple_objects(mut self, objects: bool) -> Self {
        self.tuple_objects = objects;
        self
    }

    /// How deeply objects and lists may nest when read (default 128); deeper input is an error.
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

    /// Serializes `value` as JSV text.
    pub fn to_string<T: ?Sized + Serialize>(&self, value: &T) -> Result<String> {
        if self.pretty {
            crate::ser::to_string(PrettyFormatter::default(), self.writer(), value)
        } else {
            crate::ser::to_string(CompactFormatter, self.writer(), value)
        }
    }

    /// Serializes `value` as JSV bytes.
    pub fn to_vec<T: ?Sized + Serialize>(&self, value: &T) -> Result<Vec<u8>> {
        self.to_string(value).map(String::into_bytes)
    }

    /// Serializes `value` as JSV into `writer`, as it goes (in pieces of up to 8 KiB). An error
    /// of `writer` is an [`Io`](Category::Io) error holding it.
    pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(
        &self,
        writer: W,
        value: &T,
    ) -> Result<()> {
        if self.pretty {
            crate::ser::to_io(writer, PrettyFormatter::default(), self.writer(), value)
        } else {
            crate::ser::to_io(writer, CompactFormatter, self.writer(), value)
        }
    }

    /// How many list items and object entries one document read may hold in all (default
    /// [`DEFAULT_MAX_ITEMS`], a million); more is an error, so that a decode's memory stays
    /// bounded whatever the input.
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

    /// Deserializes a `T` from JSV text, compact or pretty. Whitespace around a top-level object
    /// or list is allowed; anything else after the value is an error.
    pub fn from_str<'a, T: Deserialize<'a>>(&self, s: &'a str) -> Result<T> {
        let mut de = self.reader(Deserializer::from_str(s));
        let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
        de.end()?;
        Ok(value)
    }

    /// Deserializes a `T` from JSV bytes, which must be UTF-8.
    pub fn from_slice<'a, T: Deserialize<'a>>(&self, v: &'a [u8]) -> Result<T> {
        let mut de = self.reader(Deserializer::from_slice(v)?);
        let value = T::deserialize(&mut de).map_err(|e| de.fix(e))?;
        de.end()?;
        Ok(value)
    }

    /// Deserializes a `T` from a stream of JSV (read to its end first).
    pub fn from_reader<R: io::Read, T: DeserializeOwned>(&self, mut reader: R) -> Result<T> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(Error::io)?;
        self.from_slice(&bytes)
    }
}

/// Serializes `value` as compact JSV text, byte for byte as ServiceStack writes it.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    Options::new().to_string(value)
}

/// Serializes `value` as compact JSV bytes.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    to_string(value).map(String::into_bytes)
}

/// Serializes `value` as compact JSV into `writer` (see [`Options::to_writer`]).
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(writer: W, value: &T) -> Result<()> {
    Options::new().to_writer(writer, value)
}

/// Serializes `value` in the pretty layout of ServiceStack's `Dump()` (as in ClubReady's
/// documentation). [`from_str`] reads it back.
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    Options::new().pretty(true).to_string(value)
}

/// Serializes `value` as pretty JSV bytes (see [`to_string_pretty`]).
pub fn to_vec_pretty<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    to_string_pretty(value).map(String::into_bytes)
}

/// Serializes `value` as pretty JSV into `writer`.
pub fn to_writer_pretty<W: io::Write, T: ?Sized + Serialize>(writer: W, value: &T) -> Result<()> {
    Options::new().pretty(true).to_writer(writer, value)
}

/// Deserializes a `T` from JSV text, compact or pretty (see [`Options::from_str`]).
pub fn from_str<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T> {
    Options::new().from_str(s)
}

/// Deserializes a `T` from JSV bytes, which must be UTF-8.
pub fn from_slice<'a, T: Deserialize<'a>>(v: &'a [u8]) -> Result<T> {
    Options::new().from_slice(v)
}

/// Deserializes a `T` from a stream of JSV (read to its end first).
pub fn from_reader<R: io::Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    Options::new().from_reader(reader)
}

//! ServiceStack's CSV: a header line naming every property, then one row per object, each
//! cell holding the value's text. Built on the `csv` crate.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use clubready_wire::csv;
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct PaymentMethod {
//!     acct_token: Option<String>,
//!     payment_amount: Option<String>,
//!     use_preferred: Option<bool>,
//!     tags: Option<Vec<String>>,
//! }
//!
//! let pm = PaymentMethod {
//!     acct_token: Some("a,b".into()),
//!     payment_amount: None,
//!     use_preferred: Some(true),
//!     tags: Some(vec!["x".into(), "y,z".into()]),
//! };
//! let text = csv::to_string(&pm)?;
//! assert_eq!(text, "AcctToken,PaymentAmount,UsePreferred,Tags\r\n\"a,b\",,True,\"[x,\"\"y,z\"\"]\"\r\n");
//! assert_eq!(csv::from_str::<PaymentMethod>(&text)?, pm);
//!
//! // Many rows: one header, a row each; read back as a stream, row by row.
//! let text = csv::to_string(&[&pm, &pm])?;
//! let rows: Vec<PaymentMethod> = csv::Reader::new(text.as_bytes()).collect::<Result<_, _>>()?;
//! assert_eq!(rows.len(), 2);
//! assert!(rows.iter().all(|row| *row == pm));
//!
//! // Headers match in any case and order; errors name the row, the column and the path.
//! let err = csv::from_str::<PaymentMethod>("usepreferred,tags\r\nyes,\r\n").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "row 1: UsePreferred: expected a bool (`true`, `false` in any case, `1` or `0`), found `yes`"
//! );
//! # Ok::<(), csv::Error>(())
//! ```
//!
//! # Writing
//!
//! [`to_string`] writes a value as ServiceStack does:
//!
//! - an object (a struct or a map) as a header line and one row; a dictionary without entries
//!   as an empty header line and an empty row (`\r\n\r\n`); a struct without properties as
//!   an empty line;
//! - a list of objects as a header and a row per element (dictionaries with different keys
//!   under all their keys, in the order first met); a list of anything else as one row of
//!   cells; an empty list as an empty line;
//! - anything else as its cell text alone (no line break); null as nothing;
//! - an object with a list marked [`rows`] (`ResponseStatus`, whose `Errors` are marked) as
//!   that list's rows: its item type's header, even with no items, and a row per item;
//!   nothing when the list is null. Its other properties are not written, as in ServiceStack.
//!
//! [`Writer`] writes rows one at a time. Every line ends in CRLF. Every property is a column,
//! in declaration order, nulls included (as empty cells); the header comes from serializing
//! the first object, so a DTO needs nothing but `Serialize`. A cell holds:
//!
//! - a string as it is (the empty string, like null, is an empty cell);
//! - anything else as compact JSV ([`jsv::to_string`](crate::jsv::to_string)): `True`, `1.50`,
//!   dates in JSV's XSD form, enums by name, lists and objects as `[{A:1}]`;
//!
//! then quoted when it holds `"` `,` CR or LF or starts with `[` or `{`, inner `"` doubled.
//!
//! # Reading
//!
//! [`from_str`] reads exactly one data row (none, or more than one, is an error);
//! [`Reader`] streams rows one at a time in constant memory. Header names match property names
//! exactly or in any case, columns come in any order, unknown columns are ignored, and a short
//! row leaves its missing columns absent (a row longer than the header is an error). An empty
//! cell is null (`None`), or the empty string for a non-optional string. A string property
//! takes the cell's text as it is; numbers, bools, enums and dates parse it as JSV scalars do;
//! lists and objects read it as JSV.
//!
//! # Differences from ServiceStack
//!
//! - Nested JSV in a cell is read as JSV: `"[{AcctToken:""a,b""}]"` gives the token `a,b`.
//!   ServiceStack keeps the JSV quotes (`"a,b"` with its quotes), which corrupts the value.
//! - [`from_str`] of text with several data rows is an error; ServiceStack silently takes the
//!   first row. Use [`Reader`] for many rows.
//! - Dates keep the kind their text says (`…Z` is UTC); ServiceStack converts them to local
//!   time, as the JSV reader does (see `docs/jsv-grammar.md`).
//! - A `ValueTuple` cell in .NET's own text, `(5, User)` (what the writer writes), is read;
//!   ServiceStack fails on it.
//! - The row of a one-column object whose value is null or `""` is an empty line, which
//!   [`from_str`] reads back but [`Reader`] skips (the `csv` crate skips blank lines).
//! - An empty cell for a non-nullable number, bool, date or enum is an error, as an empty JSV
//!   value is; a missing column (a short row) is the .NET default, as in ServiceStack, for fields
//!   with `#[serde(default)]` (every DTO's non-nullable field has it; a field without it is a
//!   `missing field` error).
//! - An object written as its marked list's rows ([`rows`]) reads back with that list and
//!   nothing else; ServiceStack reads such text back the same way, but fails on some of it
//!   (an `IndexOutOfRangeException` on a row of empty cells after a quoted multi-line cell).
//! - A list of `DateTime`s alone, a list of lists alone and a `Dictionary<string, int>` alone:
//!   ServiceStack writes the .NET type's own properties (`Date,Day,DayOfWeek,…`, `Capacity,Count`,
//!   `Key,Value`) rather than the values; this module writes the values.
//! - An empty list of objects alone is an empty line; ServiceStack writes the element type's
//!   header, which an empty list cannot tell a serializer (mark the list with [`rows`] inside
//!   an envelope to get the header).

mod de;
mod quoting;
pub mod rows;
mod ser;

use std::io;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::dotnet::Zone;
pub use crate::error::{Error, Result};
pub use ser::needs_csv_quotes;

use de::{Matches, NoColumns, RowDeserializer};
use quoting::Checked;
use ser::{csv_error, Sink};

/// How CSV is written: the local zone of unspecified dates (their cells are JSV dates, which
/// carry the offset). The functions of this module use the defaults.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    zone: Zone,
}

impl Options {
    /// The defaults: unspecified dates at UTC.
    pub const fn new() -> Self {
        Options { zone: Zone::UTC }
    }

    /// The zone whose offset dates of unspecified kind are written with (default UTC).
    pub const fn local_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Serializes `value` as CSV: an object as a header line and one row, a list of objects as
    /// a header and a row each.
    pub fn to_string<T: ?Sized + Serialize>(&self, value: &T) -> Result<String> {
        let bytes = self.to_vec(value)?;
        // The writer only ever writes the UTF-8 text it is given.
        String::from_utf8(bytes).map_err(Error::data)
    }

    /// Serializes `value` as CSV bytes (see [`to_string`](Self::to_string)).
    pub fn to_vec<T: ?Sized + Serialize>(&self, value: &T) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(256);
        self.to_writer(&mut out, value)?;
        Ok(out)
    }

    /// Serializes `value` as CSV into `writer` (see [`to_string`](Self::to_string)). An error
    /// of `writer` is an I/O error holding it.
    pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(
        &self,
        writer: W,
        value: &T,
    ) -> Result<()> {
        let mut sink = Sink::new(writer, self.zone);
        sink.value(value)?;
        sink.finish().map(drop)
    }

    /// A [`Writer`] of rows into `writer`, with these options.
    pub fn writer<W: io::Write>(&self, writer: W) -> Writer<W> {
        Writer {
            sink: Sink::new(writer, self.zone),
        }
    }
}

/// Serializes `value` as CSV: an object as a header line and one row, a list of objects as a
/// header and a row each.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    Options::new().to_string(value)
}

/// Serializes `value` as CSV bytes (see [`to_string`]).
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>> {
    Options::new().to_vec(value)
}

/// Serializes `value` as CSV into `writer` (see [`to_string`]).
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(writer: W, value: &T) -> Result<()> {
    Options::new().to_writer(writer, value)
}

/// A streaming CSV writer: the header line with the first row, then a row per object, written
/// as they come.
///
/// ```
/// use clubready_wire::csv;
/// use clubready_wire::dto::PaymentProfileBalanceInquiryEndpoint as Inquiry;
///
/// let mut rows = csv::Writer::new(Vec::new());
/// for store_id in [12, 13] {
///     rows.serialize(&Inquiry { store_id, ..Default::default() })?;
/// }
/// let text = String::from_utf8(rows.finish()?).unwrap();
/// assert_eq!(text, "ApiKey,StoreId,AcctToken,ProfileToken,TerminalIpAddress\r\n,12,,,\r\n,13,,,\r\n");
/// # Ok::<(), csv::Error>(())
/// ```
pub struct Writer<W: io::Write> {
    sink: Sink<W>,
}

impl<W: io::Write> Writer<W> {
    /// A writer of rows into `writer`, with the default [`Options`].
    pub fn new(writer: W) -> Self {
        Options::new().writer(writer)
    }

    /// Writes `row` (an object: a struct or a map), after the header line if it is the first.
    /// Every row must have the first row's columns.
    pub fn serialize<T: ?Sized + Serialize>(&mut self, row: &T) -> Result<()> {
        self.sink.row(row)
    }

    /// Flushes what is written and returns the underlying writer.
    pub fn finish(self) -> Result<W> {
        self.sink.finish()
    }
}

/// Deserializes a `T` from CSV text holding a header and exactly one data row.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_reader(text.as_bytes())
}

/// Deserializes a `T` from CSV bytes (UTF-8) holding a header and exactly one data row.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    from_reader(bytes)
}

/// Deserializes a `T` from a stream of CSV holding a header and exactly one data row.
pub fn from_reader<R: io::Read, T: DeserializeOwned>(reader: R) -> Result<T> {
    if let Some(field) = rows::rows_field::<T>() {
        return rows::read(reader, field);
    }
    let mut rows = Reader::<R, T>::new(reader);
    match rows.next() {
        Some(Ok(value)) => {
            if rows.skip_record()? {
                Err(Error::data(
                    "expected exactly one data row, found more (read many rows with csv::Reader)",
                )
                .at_row(2))
            } else {
                Ok(value)
            }
        }
        Some(Err(e)) => Err(e),
        None => {
            if rows.headers.len() == 1 && rows.rdr.position().byte() > rows.header_end {
                // One column and a blank line after the header: the row of one empty cell
                // (the `csv` crate skips blank lines).
                let record = ::csv::StringRecord::from(vec![""]);
                T::deserialize(RowDeserializer {
                    headers: &rows.headers,
                    record: &record,
                    matches: None,
                })
                .map_err(|e| e.at_row(1))
            } else if rows.headers.is_empty() && rows.rdr.position().byte() > 0 {
                // Blank lines only: what an object without properties is written as.
                T::deserialize(NoColumns)
            } else if rows.headers.is_empty() {
                Err(Error::data(
                    "expected a header line and one data row, found no text",
                ))
            } else {
                Err(Error::data(
                    "expected one data row after the header line, found none",
                ))
            }
        }
    }
}
/// A streaming CSV reader: an iterator of rows, each deserialized as a `T`, reading the input
/// as it goes (constant memory, whatever the number of rows).
///
/// ```
/// use clubready_wire::csv;
/// use clubready_wire::dto::PaymentProfileBalanceInquiryEndpoint as Inquiry;
///
/// let text = "StoreId,ApiKey\r\n12,abc\r\n13,def\r\n";
/// let mut stores = Vec::new();
/// for row in csv::Reader::<_, Inquiry>::new(text.as_bytes()) {
///     stores.push(row?.store_id);
/// }
/// assert_eq!(stores, [12, 13]);
/// # Ok::<(), csv::Error>(())
/// ```
///
/// A row that does not fit `T` is an `Err` item naming the row; reading goes on with the next
/// row. A CSV I/O error ends the iteration.
pub struct Reader<R, T> {
    rdr: ::csv::Reader<Checked<R>>,
    headers: ::csv::StringRecord,
    headers_read: bool,
    /// Byte offset just past the header line.
    header_end: u64,
    record: ::csv::StringRecord,
    /// Which field each header names, worked out once for the header line.
    matches: Matches,
    /// Data rows read so far.
    row: u64,
    done: bool,
    _row_type: PhantomData<fn() -> T>,
}

impl<R: io::Read, T: DeserializeOwned> Reader<R, T> {
    /// A reader of the CSV text `reader` gives: a header line, then data rows.
    pub fn new(reader: R) -> Self {
        let rdr = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Checked::new(reader));
        Reader {
            rdr,
            headers: ::csv::StringRecord::new(),
            headers_read: false,
            header_end: 0,
            record: ::csv::StringRecord::new(),
            matches: Matches::default(),
            row: 0,
            done: false,
            _row_type: PhantomData,
        }
    }

    /// The header line's names (empty when the text has none). Reads the header if no row has
    /// been read yet.
    pub fn headers(&mut self) -> Result<Vec<&str>> {
        self.read_headers()?;
        Ok(self.headers.iter().collect())
    }

    fn read_headers(&mut self) -> Result<()> {
        if !self.headers_read {
            self.headers_read = true;
            let mut headers = ::csv::StringRecord::new();
            if self.rdr.read_record(&mut headers).map_err(csv_error)? {
                self.headers = headers;
            }
            self.check_quoting()?;
            self.header_end = self.rdr.position().byte();
        }
        Ok(())
    }

    /// Reads the next record without deserializing it; false at the end.
    fn skip_record(&mut self) -> Result<bool> {
        let more = self.rdr.read_record(&mut self.record).map_err(csv_error)?;
        self.check_quoting()?;
        Ok(more)
    }

    /// An error if the quoting of the record just read is broken (the `csv` crate would have
    /// read it leniently, changing a value).
    fn check_quoting(&self) -> Result<()> {
        match self.broken_reached() {
            Some((broken, position)) => {
                Err(Error::fixed_syntax(broken.message()).with_position(position))
            }
            None => Ok(()),
        }
    }

    /// Broken quoting that the records read so far have reached: the check runs ahead of them
    /// by as much as the reads gave, which must not change what is read.
    fn broken_reached(&self) -> Option<(quoting::Broken, crate::error::Position)> {
        match self.rdr.get_ref().broken() {
            Some((broken, position, offset)) if offset < self.rdr.position().byte() => {
                Some((broken, position))
            }
            _ => None,
        }
    }

    fn read_row(&mut self) -> Result<Option<T>> {
        self.read_headers()?;
        let more = match self.rdr.read_record(&mut self.record) {
            Ok(more) => more,
            // A row that is not UTF-8 is an error of that row; the rows after it still read.
            Err(e) if matches!(e.kind(), ::csv::ErrorKind::Utf8 { .. }) => {
                self.row += 1;
                return Err(csv_error(e).at_row(self.row));
            }
            Err(e) => return Err(csv_error(e)),
        };
        self.row += 1;
        let row = self.row;
        self.check_quoting().map_err(|e| e.at_row(row))?;
        if !more {
            self.row -= 1;
            return Ok(None);
        }
        if self.record.len() > self.headers.len() {
            return Err(Error::data(format_args!(
                "the row has {} cells, the header line {} names",
                self.record.len(),
                self.headers.len()
            ))
            .at_row(row));
        }
        T::deserialize(RowDeserializer {
            headers: &self.headers,
            record: &self.record,
            matches: Some(&mut self.matches),
        })
        .map(Some)
        .map_err(|e| e.at_row(row))
    }
}

impl<R: io::Read, T: DeserializeOwned> Iterator for Reader<R, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        if self.done {
            return None;
        }
        match self.read_row() {
            Ok(Some(value)) => Some(Ok(value)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                // After I/O errors and broken quoting the rows that follow cannot be trusted.
                let broken = self.broken_reached().is_some();
                if e.is_io() || broken || !self.headers_read || e.row().is_none() {
                    self.done = true;
                }
                Some(Err(e))
            }
        }
    }
}

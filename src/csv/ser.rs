//! The CSV writer: each row is a DTO serialized field by field; each cell is the value's text
//! (strings as they are, everything else as compact JSV), quoted by ServiceStack's CSV rule.

use std::cell::RefCell;
use std::fmt::{self, Display};
use std::io;
use std::rc::Rc;

use serde::ser::{self, Impossible, Serialize};

use super::error::{Error, Result};
use crate::jsv::{self, DATETIME_TOKEN};

/// Whether ServiceStack quotes this cell: it holds `"` `,` CR or LF, or starts with `[` or `{`.
pub fn needs_csv_quotes(cell: &str) -> bool {
    cell.starts_with(['[', '{'])
        || cell
            .bytes()
            .any(|b| matches!(b, b'"' | b',' | b'\r' | b'\n'))
}

/// Appends `cell` to `out`, quoted (inner `"` doubled) when [`needs_csv_quotes`] says so.
fn push_quoted(out: &mut String, cell: &str) {
    if !needs_csv_quotes(cell) {
        out.push_str(cell);
        return;
    }
    out.reserve(cell.len() + 2);
    out.push('"');
    for (i, piece) in cell.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(piece);
    }
    out.push('"');
}

/// The column names and cells of the row being built; buffers are reused from row to row.
#[derive(Default)]
struct Record {
    /// Column names, quoted for CSV.
    names: Vec<String>,
    /// Cells, quoted for CSV.
    cells: Vec<String>,
    /// How many entries of `names` / `cells` the current row uses.
    len: usize,
    /// Scratch space for a cell's text before quoting.
    scratch: String,
}

impl Record {
    fn clear(&mut self) {
        self.len = 0;
    }

    fn slot(&mut self) -> (&mut String, &mut String) {
        if self.len == self.names.len() {
            self.names.push(String::new());
            self.cells.push(String::new());
        }
        let i = self.len;
        self.len += 1;
        let (name, cell) = (&mut self.names[i], &mut self.cells[i]);
        name.clear();
        cell.clear();
        (name, cell)
    }

    /// Adds a column: its name and the cell holding `value`.
    fn push<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> jsv::Result<()> {
        let mut scratch = std::mem::take(&mut self.scratch);
        let result = cell_text(value, &mut scratch);
        let (n, c) = self.slot();
        push_quoted(n, name);
        push_quoted(c, &scratch);
        self.scratch = scratch;
        result.map_err(|e| e.within(jsv::Segment::Key(name.to_owned())))
    }
}

/// Writes the text of one cell into `out` (cleared first): a string as it is, null as nothing,
/// anything else as compact JSV (`True`, `1.50`, XSD dates, `[{A:1}]`).
fn cell_text<T: ?Sized + Serialize>(value: &T, out: &mut String) -> jsv::Result<()> {
    out.clear();
    if value.serialize(TextProbe { out }).is_ok() {
        return Ok(());
    }
    out.clear();
    value.serialize(&mut jsv::Serializer::new(out))
}

/// The output, shared between the `csv::Writer` and [`Sink`] (which writes the empty lines
/// of objects without properties itself: the `csv` crate writes an empty record as `""`).
struct Shared<W>(Rc<RefCell<W>>);

impl<W: io::Write> io::Write for Shared<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// The rows being written to a `csv::Writer`, and the header the first row set.
pub(crate) struct Sink<W: io::Write> {
    wtr: ::csv::Writer<Shared<W>>,
    out: Rc<RefCell<W>>,
    header: Option<Vec<String>>,
    record: Record,
    /// Rows written so far.
    rows: u64,
}

impl<W: io::Write> Sink<W> {
    pub(crate) fn new(writer: W) -> Self {
        let out = Rc::new(RefCell::new(writer));
        let wtr = ::csv::WriterBuilder::new()
            .quote_style(::csv::QuoteStyle::Never) // cells arrive quoted by ServiceStack's rule
            .terminator(::csv::Terminator::CRLF)
            .has_headers(false)
            .from_writer(Shared(out.clone()));
        Sink {
            wtr,
            out,
            header: None,
            record: Record::default(),
            rows: 0,
        }
    }

    /// Writes `value` (an object: a struct or a map) as one row, after the header if it is the
    /// first.
    pub(crate) fn row<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let row = self.rows + 1;
        self.record.clear();
        value
            .serialize(RowSerializer {
                sink: self,
                top: false,
            })
            .map_err(|e| Error::value(e).at_row(row))
    }

    /// Writes every element of a top-level sequence as a row.
    /// (A single object is written as [`row`](Self::row) does.)
    pub(crate) fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.record.clear();
        value
            .serialize(RowSerializer {
                sink: self,
                top: true,
            })
            .map_err(Error::value)
    }

    /// Writes the row in `self.record` (and the header first, once).
    fn emit(&mut self) -> jsv::Result<()> {
        let rec = &self.record;
        let names = &rec.names[..rec.len];
        match &self.header {
            None => {
                if !names.is_empty() {
                    self.wtr.write_record(names).map_err(csv_to_jsv)?;
                }
                self.header = Some(names.to_vec());
            }
            Some(header) if header.as_slice() != names => {
                return Err(ser::Error::custom(format_args!(
                    "the row's columns ({}) differ from the header's ({})",
                    names.join(","),
                    header.join(",")
                )));
            }
            Some(_) => {}
        }
        if rec.len == 0 || (rec.len == 1 && rec.cells[0].is_empty()) {
            // An object without properties, or one null or empty cell: an empty line. (The
            // `csv` crate writes a record of one empty field as `""`, whatever the quote style.)
            self.wtr.flush().map_err(io_to_jsv)?;
            self.out
                .borrow_mut()
                .write_all(b"\r\n")
                .map_err(io_to_jsv)?;
        } else {
            self.wtr
                .write_record(&rec.cells[..rec.len])
                .map_err(csv_to_jsv)?;
        }
        self.rows += 1;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub(crate) fn finish(self) -> Result<W> {
        let Sink { mut wtr, out, .. } = self;
        wtr.flush().map_err(Error::io)?;
        drop(wtr);
        match Rc::try_unwrap(out) {
            Ok(cell) => Ok(cell.into_inner()),
            Err(_) => unreachable!("the csv::Writer holding the other reference is dropped"),
        }
    }
}

fn io_to_jsv(err: io::Error) -> jsv::Error {
    <jsv::Error as ser::Error>::custom(format_args!("writing CSV failed: {err}"))
}

fn csv_to_jsv(err: ::csv::Error) -> jsv::Error {
    <jsv::Error as ser::Error>::custom(format_args!("writing CSV failed: {err}"))
}

/// Serializes one row: a struct or map becomes the row's columns; at the top level a
/// sequence becomes one row per element.
struct RowSerializer<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
    top: bool,
}

fn not_an_object(what: &str) -> jsv::Error {
    <jsv::Error as ser::Error>::custom(format_args!(
        "a CSV row is an object (a struct or a map), not {what}"
    ))
}

macro_rules! not_object {
    ($($method:ident($($arg:ident: $ty:ty),*) => $what:literal;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> jsv::Result<()> {
            let _ = ($($arg,)*);
            Err(not_an_object($what))
        }
    )*};
}

impl<'s, W: io::Write> ser::Serializer for RowSerializer<'s, W> {
    type Ok = ();
    type Error = jsv::Error;
    type SerializeSeq = Rows<'s, W>;
    type SerializeTuple = Rows<'s, W>;
    type SerializeTupleStruct = Impossible<(), jsv::Error>;
    type SerializeTupleVariant = Impossible<(), jsv::Error>;
    type SerializeMap = Columns<'s, W>;
    type SerializeStruct = Columns<'s, W>;
    type SerializeStructVariant = Impossible<(), jsv::Error>;

    not_object! {
        serialize_bool(v: bool) => "a bool";
        serialize_i8(v: i8) => "a number";
        serialize_i16(v: i16) => "a number";
        serialize_i32(v: i32) => "a number";
        serialize_i64(v: i64) => "a number";
        serialize_u8(v: u8) => "a number";
        serialize_u16(v: u16) => "a number";
        serialize_u32(v: u32) => "a number";
        serialize_u64(v: u64) => "a number";
        serialize_f32(v: f32) => "a number";
        serialize_f64(v: f64) => "a number";
        serialize_char(v: char) => "a character";
        serialize_str(v: &str) => "a string";
        serialize_bytes(v: &[u8]) => "bytes";
        serialize_none() => "null";
        serialize_unit() => "a unit";
        serialize_unit_struct(name: &'static str) => "a unit struct";
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) => "an enum";
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> jsv::Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> jsv::Result<()> {
        if name == DATETIME_TOKEN {
            return Err(not_an_object("a date"));
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> jsv::Result<()> {
        Err(not_an_object("an enum"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> jsv::Result<Rows<'s, W>> {
        if self.top {
            Ok(Rows { sink: self.sink })
        } else {
            Err(not_an_object(
                "a list (lists of rows are written at the top level only)",
            ))
        }
    }
    fn serialize_tuple(self, len: usize) -> jsv::Result<Rows<'s, W>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> jsv::Result<Impossible<(), jsv::Error>> {
        Err(not_an_object("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> jsv::Result<Impossible<(), jsv::Error>> {
        Err(not_an_object("an enum"))
    }
    fn serialize_map(self, _len: Option<usize>) -> jsv::Result<Columns<'s, W>> {
        self.sink.record.clear();
        Ok(Columns {
            sink: self.sink,
            key: String::new(),
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> jsv::Result<Columns<'s, W>> {
        if name == jsv::JSON_NUMBER_TOKEN {
            return Err(not_an_object("a number"));
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> jsv::Result<Impossible<(), jsv::Error>> {
        Err(not_an_object("an enum"))
    }
}

/// A top-level list: each element is a row.
#[doc(hidden)]
pub struct Rows<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
}

impl<W: io::Write> ser::SerializeSeq for Rows<'_, W> {
    type Ok = ();
    type Error = jsv::Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> jsv::Result<()> {
        let row = self.sink.rows + 1;
        value
            .serialize(RowSerializer {
                sink: &mut *self.sink,
                top: false,
            })
            .map_err(|e| {
                // Name the row: the error leaves the top-level value without one.
                <jsv::Error as ser::Error>::custom(format_args!("row {row}: {e}"))
            })
    }
    fn end(self) -> jsv::Result<()> {
        Ok(())
    }
}

impl<W: io::Write> ser::SerializeTuple for Rows<'_, W> {
    type Ok = ();
    type Error = jsv::Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> jsv::Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> jsv::Result<()> {
        Ok(())
    }
}

/// The columns of one row.
#[doc(hidden)]
pub struct Columns<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
    /// The current map key's text.
    key: String,
}

impl<W: io::Write> ser::SerializeStruct for Columns<'_, W> {
    type Ok = ();
    type Error = jsv::Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> jsv::Result<()> {
        self.sink.record.push(key, value)
    }
    fn end(self) -> jsv::Result<()> {
        self.sink.emit()
    }
}

impl<W: io::Write> ser::SerializeMap for Columns<'_, W> {
    type Ok = ();
    type Error = jsv::Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> jsv::Result<()> {
        self.key.clear();
        key.serialize(jsv::RawText {
            out: &mut self.key,
            jsv_key: false,
        })
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> jsv::Result<()> {
        let key = std::mem::take(&mut self.key);
        let result = self.sink.record.push(&key, value);
        self.key = key;
        result
    }
    fn end(self) -> jsv::Result<()> {
        self.sink.emit()
    }
}

/// "Not plain text": the value is written as JSV instead.
#[derive(Debug)]
struct NotText;

impl Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain text")
    }
}

impl std::error::Error for NotText {}

impl ser::Error for NotText {
    fn custom<T: Display>(_msg: T) -> Self {
        NotText
    }
}

/// Writes strings (through options and newtypes) as they are, and null as nothing; fails with
/// [`NotText`] on anything else, which is then written as JSV.
struct TextProbe<'o> {
    out: &'o mut String,
}

macro_rules! not_text {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> std::result::Result<(), NotText> {
            let _ = ($($arg,)*);
            Err(NotText)
        }
    )*};
}

impl ser::Serializer for TextProbe<'_> {
    type Ok = ();
    type Error = NotText;
    type SerializeSeq = Impossible<(), NotText>;
    type SerializeTuple = Impossible<(), NotText>;
    type SerializeTupleStruct = Impossible<(), NotText>;
    type SerializeTupleVariant = Impossible<(), NotText>;
    type SerializeMap = Impossible<(), NotText>;
    type SerializeStruct = Impossible<(), NotText>;
    type SerializeStructVariant = Impossible<(), NotText>;

    not_text! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_bytes(v: &[u8]);
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_char(self, v: char) -> std::result::Result<(), NotText> {
        self.out.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> std::result::Result<(), NotText> {
        self.out.push_str(v);
        Ok(())
    }
    fn collect_str<T: ?Sized + Display>(self, value: &T) -> std::result::Result<(), NotText> {
        use std::fmt::Write;
        write!(self.out, "{value}").map_err(|_| NotText)
    }
    fn serialize_none(self) -> std::result::Result<(), NotText> {
        Ok(())
    }
    fn serialize_unit(self) -> std::result::Result<(), NotText> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> std::result::Result<(), NotText> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> std::result::Result<(), NotText> {
        if name == DATETIME_TOKEN {
            return Err(NotText);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> std::result::Result<(), NotText> {
        Err(NotText)
    }
    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Self::SerializeSeq, NotText> {
        Err(NotText)
    }
    fn serialize_tuple(self, _: usize) -> std::result::Result<Self::SerializeTuple, NotText> {
        Err(NotText)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, NotText> {
        Err(NotText)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, NotText> {
        Err(NotText)
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Self::SerializeMap, NotText> {
        Err(NotText)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStruct, NotText> {
        Err(NotText)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, NotText> {
        Err(NotText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_servicestack_rule() {
        let q = |s: &str| {
            let mut out = String::new();
            push_quoted(&mut out, s);
            out
        };
        assert_eq!(q("abc"), "abc");
        assert_eq!(q(""), "");
        assert_eq!(q("a,b"), "\"a,b\"");
        assert_eq!(q("a\"b"), "\"a\"\"b\"");
        assert_eq!(q("[1]"), "\"[1]\"");
        assert_eq!(q("{x"), "\"{x\"");
        assert_eq!(q("x{"), "x{");
        assert_eq!(q("a\nb"), "\"a\nb\"");
        assert_eq!(q(" a "), " a ");
    }
}

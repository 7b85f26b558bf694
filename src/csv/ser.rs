//! The CSV writer: a row layer on the crate's writer. Each row is a DTO serialized field by
//! field; each cell is the value's [`Leaf`] text (strings as they are, everything else as compact
//! JSV), quoted by ServiceStack's CSV rule.

use std::cell::RefCell;
use std::io;
use std::rc::Rc;

use serde::ser::{self, Impossible, Serialize};

use crate::dotnet::Zone;
use crate::error::{Error, Result};
use crate::jsv::CompactFormatter;
use crate::ser::{reject, reject_scalars, write_leaf, KeyText, Serializer};

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
struct Record {
    /// Column names, quoted for CSV.
    names: Vec<String>,
    /// Cells, quoted for CSV.
    cells: Vec<String>,
    /// How many entries of `names` / `cells` the current row uses.
    len: usize,
    /// Writes a cell's text before it is quoted.
    cell: Serializer<String, CompactFormatter>,
}

impl Record {
    fn new(zone: Zone) -> Self {
        Record {
            names: Vec::new(),
            cells: Vec::new(),
            len: 0,
            cell: crate::jsv::Serializer::new(String::new()).with_zone(zone),
        }
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// Adds a column: its name and the cell holding `value` (null is an empty cell).
    fn push<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<()> {
        self.cell.clear();
        write_leaf(value, &mut self.cell).map_err(|e| e.within_key(name))?;
        if self.len == self.names.len() {
            self.names.push(String::new());
            self.cells.push(String::new());
        }
        let (n, c) = (&mut self.names[self.len], &mut self.cells[self.len]);
        self.len += 1;
        n.clear();
        c.clear();
        push_quoted(n, name);
        push_quoted(c, self.cell.text());
        Ok(())
    }
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

/// A `csv` crate error as the crate's: I/O errors stay I/O errors.
pub(crate) fn csv_error(err: ::csv::Error) -> Error {
    if matches!(err.kind(), ::csv::ErrorKind::Io(_)) {
        if let ::csv::ErrorKind::Io(e) = err.into_kind() {
            return Error::io(e);
        }
        unreachable!("checked above");
    }
    let message = format!("malformed CSV: {err}");
    Error::wrap(message, crate::Category::Syntax, err)
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
    pub(crate) fn new(writer: W, zone: Zone) -> Self {
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
            record: Record::new(zone),
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
            .map_err(|e| if e.is_io() { e } else { e.at_row(row) })
    }

    /// Writes every element of a top-level sequence as a row; a single object as
    /// [`row`](Self::row) does.
    pub(crate) fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.record.clear();
        value.serialize(RowSerializer {
            sink: self,
            top: true,
        })
    }

    /// Writes the row in `self.record` (and the header first, once).
    fn emit(&mut self) -> Result<()> {
        let rec = &self.record;
        let names = &rec.names[..rec.len];
        match &self.header {
            None => {
                if !names.is_empty() {
                    self.wtr.write_record(names).map_err(csv_error)?;
                }
                self.header = Some(names.to_vec());
            }
            Some(header) if header.as_slice() != names => {
                return Err(Error::data(format_args!(
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
            self.wtr.flush().map_err(Error::io)?;
            self.out
                .borrow_mut()
                .write_all(b"\r\n")
                .map_err(Error::io)?;
        } else {
            self.wtr
                .write_record(&rec.cells[..rec.len])
                .map_err(csv_error)?;
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

/// Serializes one row: a struct or map becomes the row's columns; at the top level a
/// sequence becomes one row per element.
struct RowSerializer<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
    top: bool,
}

fn not_an_object(what: &str) -> Error {
    Error::data(format_args!(
        "a CSV row is an object (a struct or a map), not {what}"
    ))
}

impl<'s, W: io::Write> ser::Serializer for RowSerializer<'s, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Rows<'s, W>;
    type SerializeTuple = Rows<'s, W>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Columns<'s, W>;
    type SerializeStruct = Columns<'s, W>;
    type SerializeStructVariant = Impossible<(), Error>;

    reject_scalars!(not_an_object("a single value"); ());
    reject! { not_an_object("a single value");
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_none() -> ();
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == crate::dotnet::DATETIME_TOKEN || name == crate::dotnet::DECIMAL_TOKEN {
            return Err(not_an_object("a single value"));
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(not_an_object("an enum"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Rows<'s, W>> {
        if self.top {
            Ok(Rows { sink: self.sink })
        } else {
            Err(not_an_object(
                "a list (lists of rows are written at the top level only)",
            ))
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<Rows<'s, W>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Columns<'s, W>> {
        self.sink.record.clear();
        Ok(Columns {
            sink: self.sink,
            key: String::new(),
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Columns<'s, W>> {
        self.serialize_map(None)
    }
}

/// A top-level list: each element is a row.
#[doc(hidden)]
pub struct Rows<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
}

impl<W: io::Write> ser::SerializeSeq for Rows<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.sink.row(value)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl<W: io::Write> ser::SerializeTuple for Rows<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.sink.row(value)
    }
    fn end(self) -> Result<()> {
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
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.sink.record.push(key, value)
    }
    fn end(self) -> Result<()> {
        self.sink.emit()
    }
}

impl<W: io::Write> ser::SerializeMap for Columns<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key.clear();
        let zone = Zone::UTC;
        key.serialize(KeyText {
            out: &mut self.key,
            fmt: &mut CompactFormatter,
            zone: &zone,
        })
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = std::mem::take(&mut self.key);
        let result = self.sink.record.push(&key, value);
        self.key = key;
        result
    }
    fn end(self) -> Result<()> {
        self.sink.emit()
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

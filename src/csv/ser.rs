//! The CSV writer: a row layer on the crate's writer. Each row is a DTO serialized field by
//! field; each cell is the value's [`Leaf`] text (strings as they are, everything else as compact
//! JSV), quoted by ServiceStack's CSV rule.

use std::io;

use serde::ser::{self, Impossible, Serialize};

use crate::dotnet::Zone;
use crate::error::{Error, Result};
use crate::jsv::CompactFormatter;
use crate::ser::{
    is_token, reject, reject_scalars, shape, write_leaf, KeyText, Leaf, Serializer, Shape,
};

/// Whether ServiceStack quotes this cell: it holds `"` `,` CR or LF, or starts with `[` or `{`.
pub fn needs_csv_quotes(cell: &str) -> bool {
    use crate::swar::{has_byte, word_at};
    let b = cell.as_bytes();
    if matches!(b.first(), Some(b'[' | b'{')) {
        return true;
    }
    // Eight bytes at a time, then the rest.
    let mut i = 0;
    while let Some(w) = word_at(b, i) {
        if has_byte(w, b'"') | has_byte(w, b',') | has_byte(w, b'\r') | has_byte(w, b'\n') != 0 {
            return true;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .any(|&c| matches!(c, b'"' | b',' | b'\r' | b'\n'))
}

/// `cell` as a CSV field, quoted (inner `"` doubled) when [`needs_csv_quotes`] says so.
pub(crate) fn push_quoted_field(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    push_quoted(&mut out, cell);
    out
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
    /// The row's cells, quoted for CSV and joined by `,`: the record's text.
    line: String,
    /// Where each cell of `line` ends.
    ends: Vec<usize>,
    /// What each entry of `names` was written from: a static name's address and length;
    /// `(1, 0)` for other text written as it is (no quotes needed); `(0, 0)` for anything else.
    ids: Vec<(usize, usize)>,
    /// Whether an entry of `names` was rewritten since the names were last found to be the
    /// header's.
    names_changed: bool,
    /// How many entries of `names` / `ends` the current row uses.
    len: usize,
    /// Writes a cell's text before it is quoted.
    cell: Serializer<String, CompactFormatter>,
}

impl Record {
    fn new(zone: Zone) -> Self {
        Record {
            names: Vec::new(),
            line: String::new(),
            ends: Vec::new(),
            ids: Vec::new(),
            names_changed: true,
            len: 0,
            cell: crate::jsv::Serializer::new(String::new()).with_zone(zone),
        }
    }

    fn clear(&mut self) {
        self.len = 0;
        self.line.clear();
    }

    /// The `i`th cell of the row, quoted.
    fn cell(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        &self.line[start..self.ends[i]]
    }

    /// The row's cells, quoted, each in a `String`.
    fn cells(&self) -> Vec<String> {
        (0..self.len).map(|i| self.cell(i).to_owned()).collect()
    }

    /// Adds a column: its name and the cell holding `value` (null is an empty cell).
    fn push<T: ?Sized + Serialize>(
        &mut self,
        name: &str,
        static_name: bool,
        value: &T,
    ) -> Result<()> {
        self.cell.clear();
        write_leaf(value, &mut self.cell).map_err(|e| e.within_key(name))?;
        if self.len == self.names.len() {
            self.names.push(String::new());
            self.ends.push(0);
            self.ids.push((0, 0));
        }
        let i = self.len;
        self.len += 1;
        // Rows of one type repeat their names: a name is quoted again only when it changed. A
        // struct field's name is known by its address (the text behind a static address never
        // changes), any other by its text when it was written as it is.
        let id = if static_name {
            (name.as_ptr() as usize, name.len())
        } else {
            (0, 0)
        };
        let n = &mut self.names[i];
        let same = if static_name {
            self.ids[i] == id
        } else {
            self.ids[i] == (1, 0) && n == name
        };
        if !same {
            n.clear();
            push_quoted(n, name);
            self.names_changed = true;
            self.ids[i] = if static_name {
                id
            } else if n == name {
                // Written as it is.
                (1, 0)
            } else {
                (0, 0)
            };
        }
        if i > 0 {
            self.line.push(',');
        }
        push_quoted(&mut self.line, self.cell.text());
        self.ends[i] = self.line.len();
        Ok(())
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

/// Lines are gathered up to this many bytes before they are written out (the `csv` crate's
/// writer buffers as much).
const BUFFER: usize = 8 * 1024;

const TAKEN: &str = "the output is only taken by finish";

/// The output of a [`Sink`]. Cells arrive quoted by ServiceStack's rule, so a record is its cells
/// joined by `,` and a CRLF, as the `csv` crate writes it with `QuoteStyle::Never` (a record
/// without any text is `""`), gathered in a buffer of [`BUFFER`] bytes; what is buffered is
/// written out by `finish`, and on drop (as the `csv` crate's writer does, errors ignored).
struct Out<W: io::Write> {
    /// `None` once `finish` took it.
    out: Option<W>,
    buf: Vec<u8>,
}

impl<W: io::Write> Out<W> {
    /// An empty line (not a record: [`write_record`](Self::write_record) writes a record
    /// without text as `""`).
    fn empty_line(&mut self) -> Result<()> {
        self.buf.extend_from_slice(b"\r\n");
        self.drain_full()
    }

    /// Writes one record: its (quoted) cells joined by `,`, then CRLF; `""` for a record without
    /// any text, as the `csv` crate writes one. A long cell goes out without being copied.
    fn write_record<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        let mut text = false;
        for (i, cell) in cells.iter().enumerate() {
            let cell = cell.as_ref().as_bytes();
            if i > 0 {
                self.buf.push(b',');
                text = true;
            }
            if self.buf.len() + cell.len() > BUFFER {
                self.drain()?;
                if cell.len() > BUFFER {
                    self.out
                        .as_mut()
                        .expect(TAKEN)
                        .write_all(cell)
                        .map_err(Error::io)?;
                    text = true;
                    continue;
                }
            }
            self.buf.extend_from_slice(cell);
            text |= !cell.is_empty();
        }
        if !text {
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.extend_from_slice(b"\r\n");
        self.drain_full()
    }

    /// Writes a record's text (not empty) and CRLF. A long line goes out without being copied.
    fn write_line(&mut self, line: &str) -> Result<()> {
        let line = line.as_bytes();
        if self.buf.len() + line.len() > BUFFER {
            self.drain()?;
            if line.len() > BUFFER {
                let out = self.out.as_mut().expect(TAKEN);
                out.write_all(line).map_err(Error::io)?;
                self.buf.extend_from_slice(b"\r\n");
                return Ok(());
            }
        }
        self.buf.extend_from_slice(line);
        self.buf.extend_from_slice(b"\r\n");
        self.drain_full()
    }

    /// Writes out what is buffered.
    fn drain(&mut self) -> Result<()> {
        if !self.buf.is_empty() {
            let out = self.out.as_mut().expect(TAKEN);
            out.write_all(&self.buf).map_err(Error::io)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes out what is buffered once it reaches [`BUFFER`] bytes.
    #[inline]
    fn drain_full(&mut self) -> Result<()> {
        if self.buf.len() >= BUFFER {
            self.drain()?;
        }
        Ok(())
    }

    /// Writes out what is buffered, flushes, and returns the writer.
    fn finish(mut self) -> Result<W> {
        self.drain()?;
        let mut out = self.out.take().expect(TAKEN);
        out.flush().map_err(Error::io)?;
        Ok(out)
    }
}

impl<W: io::Write> Drop for Out<W> {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = self.drain();
        }
    }
}

/// The rows being written, and the header the first row set.
pub(crate) struct Sink<W: io::Write> {
    out: Out<W>,
    header: Option<Vec<String>>,
    record: Record,
    /// Rows written so far.
    rows: u64,
    /// The rows of a list of dictionaries, kept until its header (all their keys) is known.
    held: Option<Vec<(Vec<String>, Vec<String>)>>,
    /// Whether the object being written may be written as the rows of its list marked with
    /// [`csv::rows`](super::rows) (a single object on its own), and whether it was.
    rows_mode: RowsMode,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum RowsMode {
    Off,
    Allowed,
    Written,
}

impl<W: io::Write> Sink<W> {
    pub(crate) fn new(writer: W, zone: Zone) -> Self {
        Sink {
            out: Out {
                out: Some(writer),
                buf: Vec::with_capacity(BUFFER),
            },
            header: None,
            record: Record::new(zone),
            rows: 0,
            held: None,
            rows_mode: RowsMode::Off,
        }
    }

    /// Writes `value` (an object: a struct or a map) as one row, after the header if it is the
    /// first.
    pub(crate) fn row<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let row = self.rows + 1;
        self.record.clear();
        value.serialize(RowSerializer { sink: self }).map_err(|e| {
            if e.is_io() {
                e
            } else {
                e.at_row(row)
            }
        })
    }

    /// Writes a whole value as ServiceStack does: an object as a header and a row; a list of
    /// objects as a header and a row each (dictionaries with different keys: the header is all
    /// their keys, in the order met); a list of anything else as one row of cells; anything else
    /// as its text alone (no line break), null as nothing.
    pub(crate) fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.record.clear();
        match shape(value) {
            Shape::Null => Ok(()),
            Shape::Object { map } => {
                self.rows_mode = RowsMode::Allowed;
                let result = self.row(value);
                self.rows_mode = RowsMode::Off;
                result?;
                // A dictionary without entries: an empty header line, then an empty row.
                if map && self.header.as_ref().is_some_and(Vec::is_empty) {
                    self.empty_line()?;
                }
                Ok(())
            }
            Shape::Cell => {
                let kind = write_leaf(value, &mut self.record.cell)?;
                let text = self.record.cell.text();
                match kind {
                    // .NET's `ToString()` of a value type (a `ValueTuple`) is JSV text.
                    Leaf::Display => {
                        let mut quoted = String::new();
                        let _ = crate::jsv::write_str(&mut quoted, text);
                        self.out.buf.extend_from_slice(quoted.as_bytes());
                    }
                    _ => self.out.buf.extend_from_slice(text.as_bytes()),
                }
                self.out.drain_full()
            }
            Shape::List => value.serialize(ListSerializer { sink: self }),
        }
    }

    /// Writes a header line with no row under it.
    pub(crate) fn header_only(&mut self, header: &[String]) -> Result<()> {
        self.out.write_record(header)?;
        self.header = Some(header.to_vec());
        Ok(())
    }

    /// Writes one row of cells (a list of values), no header.
    fn cells_row(&mut self, cells: &[String]) -> Result<()> {
        if cells.len() == 1 && cells[0].is_empty() || cells.is_empty() {
            return self.empty_line();
        }
        self.out.write_record(cells)
    }

    fn empty_line(&mut self) -> Result<()> {
        self.out.empty_line()
    }

    /// Writes the held rows of a list of dictionaries under a header of all their keys.
    fn flush_held(&mut self) -> Result<()> {
        let Some(rows) = self.held.take() else {
            return Ok(());
        };
        let mut header: Vec<&str> = Vec::new();
        for (names, _) in &rows {
            for name in names {
                if !header.contains(&name.as_str()) {
                    header.push(name);
                }
            }
        }
        if header.is_empty() {
            return self.empty_line();
        }
        self.out.write_record(&header)?;
        let mut cells = Vec::with_capacity(header.len());
        for (names, values) in &rows {
            cells.clear();
            cells.extend(header.iter().map(|h| {
                names
                    .iter()
                    .position(|n| n == h)
                    .map_or("", |i| values[i].as_str())
            }));
            if cells.len() == 1 && cells[0].is_empty() {
                self.empty_line()?;
            } else {
                self.out.write_record(&cells)?;
            }
        }
        Ok(())
    }

    /// Writes the row in `self.record` (and the header first, once).
    fn emit(&mut self) -> Result<()> {
        let rec = &self.record;
        let names = &rec.names[..rec.len];
        if let Some(held) = &mut self.held {
            held.push((names.to_vec(), rec.cells()));
            self.rows += 1;
            return Ok(());
        }
        // Rows of one type have the header's names: compared only when one was rewritten.
        let unchanged =
            !rec.names_changed && self.header.as_ref().is_some_and(|h| h.len() == rec.len);
        match &self.header {
            None => {
                if !names.is_empty() {
                    self.out.write_record(names)?;
                }
                self.header = Some(names.to_vec());
            }
            Some(_) if unchanged => {}
            Some(header) if header.as_slice() != names => {
                return Err(Error::data(format_args!(
                    "the row's columns ({}) differ from the header's ({})",
                    names.join(","),
                    header.join(",")
                )));
            }
            Some(_) => {}
        }
        self.record.names_changed = false;
        let rec = &self.record;
        if rec.len == 0 || (rec.len == 1 && rec.line.is_empty()) {
            // An object without properties, or one null or empty cell: an empty line.
            self.empty_line()?;
        } else {
            // Two cells or more hold a `,`: the line has text, and is the record.
            self.out.write_line(&rec.line)?;
        }
        self.rows += 1;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub(crate) fn finish(self) -> Result<W> {
        self.out.finish()
    }
}

/// Serializes one row: a struct or map becomes the row's columns.
struct RowSerializer<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
}

fn not_an_object(what: &str) -> Error {
    Error::data(format_args!(
        "a CSV row is an object (a struct or a map), not {what}"
    ))
}

impl<'s, W: io::Write> ser::Serializer for RowSerializer<'s, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
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
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
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
        if is_token(name) {
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

/// A top-level list: a row per object, or one row of cells.
struct ListSerializer<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
}

/// What a top-level list turned out to hold.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Items {
    /// Nothing yet.
    Unknown,
    /// Structs: a row each, under the first one's header.
    Structs,
    /// Dictionaries: a row each, held until all their keys are known.
    Maps,
    /// Values: one row, a cell each.
    Cells,
}

/// The items of a top-level list.
#[doc(hidden)]
pub struct Rows<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
    items: Items,
    /// The cells of a list of values.
    cells: Vec<String>,
}

impl<W: io::Write> Rows<'_, W> {
    fn item<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let items = match shape(value) {
            Shape::Object { map: false } => Items::Structs,
            Shape::Object { map: true } => Items::Maps,
            Shape::Null | Shape::Cell | Shape::List => Items::Cells,
        };
        match (self.items, items) {
            (Items::Unknown, Items::Maps) => self.sink.held = Some(Vec::new()),
            (Items::Unknown, _) => {}
            // A dictionary among structs (or the other way) is still an object: a row.
            (Items::Structs | Items::Maps, Items::Structs | Items::Maps) => {}
            (a, b) if a == b => {}
            _ => return Err(Error::data(
                "a list written as CSV holds objects (a row each) or values (one row), not both",
            )),
        }
        if self.items == Items::Unknown {
            self.items = items;
        }
        if self.items == Items::Cells {
            let cell = &mut self.sink.record.cell;
            cell.clear();
            write_leaf(value, cell)
                .map_err(|e| e.within(crate::error::Segment::Index(self.cells.len())))?;
            let mut quoted = String::new();
            push_quoted(&mut quoted, cell.text());
            self.cells.push(quoted);
            Ok(())
        } else {
            self.sink.row(value)
        }
    }

    fn finish(self) -> Result<()> {
        match self.items {
            Items::Cells => self.sink.cells_row(&self.cells),
            Items::Maps => self.sink.flush_held(),
            Items::Structs => Ok(()),
            // An empty list: an empty line, as ServiceStack writes an empty list of values (of
            // objects it writes their header, which an empty list cannot tell).
            Items::Unknown => self.sink.empty_line(),
        }
    }
}

impl<'s, W: io::Write> ser::Serializer for ListSerializer<'s, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Rows<'s, W>;
    type SerializeTuple = Rows<'s, W>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    reject_scalars!(not_a_list(); ());
    reject! { not_a_list();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_none() -> ();
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(not_a_list())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Rows<'s, W>> {
        Ok(Rows {
            sink: self.sink,
            items: Items::Unknown,
            cells: Vec::new(),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Rows<'s, W>> {
        self.serialize_seq(Some(len))
    }
}

fn not_a_list() -> Error {
    Error::fixed("expected a list")
}

impl<W: io::Write> ser::SerializeSeq for Rows<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.item(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl<W: io::Write> ser::SerializeTuple for Rows<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.item(value)
    }
    fn end(self) -> Result<()> {
        self.finish()
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
        match self.sink.rows_mode {
            // Written as the rows of its marked list: its other properties are not written.
            RowsMode::Written => Ok(()),
            RowsMode::Allowed if super::rows::is_rows(value) => {
                // The rows are objects of their own, written as such.
                self.sink.rows_mode = RowsMode::Off;
                let written = super::rows::write(self.sink, value).map_err(|e| e.within_key(key));
                self.sink.rows_mode = RowsMode::Written;
                written
            }
            _ => self.sink.record.push(key, true, value),
        }
    }
    fn end(self) -> Result<()> {
        if self.sink.rows_mode == RowsMode::Written {
            return Ok(());
        }
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
        let result = self.sink.record.push(&key, false, value);
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

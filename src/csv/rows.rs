//! ServiceStack's CSV of a `[DataContract]` type that has a list property: the type is written
//! as that list's rows (under the header of the list's item type, even when the list is empty;
//! nothing when it is null), and read back from them; its other properties are not written
//! (`ResponseStatus`: its `Errors`).
//!
//! Serde cannot see .NET attributes, so a DTO opts in on the list property, which every other
//! format still writes and reads as the plain list:
//!
//! ```
//! use clubready_wire::csv;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, Default, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct Row { code: Option<String>, field: Option<String> }
//!
//! #[derive(Serialize, Deserialize, Debug, Default, PartialEq)]
//! #[serde(rename_all = "PascalCase")]
//! struct Status {
//!     message: Option<String>,
//!     #[serde(with = "csv::rows", default)]
//!     errors: Option<Vec<Row>>,
//! }
//!
//! let status = Status {
//!     message: None,
//!     errors: Some(vec![Row { code: Some("NotEmpty".into()), field: Some("ApiKey".into()) }]),
//! };
//! assert_eq!(csv::to_string(&status)?, "Code,Field\r\nNotEmpty,ApiKey\r\n");
//! assert_eq!(csv::from_str::<Status>("Code,Field\r\nNotEmpty,ApiKey\r\n")?, status);
//! let empty = Status { message: None, errors: Some(vec![]) };
//! assert_eq!(csv::to_string(&empty)?, "Code,Field\r\n");
//! assert_eq!(clubready_wire::jsv::to_string(&status)?, "{Errors:[{Code:NotEmpty,Field:ApiKey}]}");
//! # Ok::<(), clubready_wire::Error>(())
//! ```
//!
//! Only a single object written on its own takes this form (in a list, each object is a row
//! with its list as a JSV cell, as ServiceStack writes it).

use std::fmt;
use std::io;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

use super::de::RowDeserializer;
use super::ser::{push_quoted_field, Sink};
use super::{csv_error, Reader};
use crate::error::{Error, Result};
use crate::ser::{no_compounds, reject, reject_compounds, reject_scalars, NotMine};

/// The newtype-struct name under which the list of a type written as rows travels.
const ROWS_TOKEN: &str = "$clubready_wire::CsvRows";
/// The field holding the rows, after the item type's columns, in the form the CSV writer takes.
const ROWS_FIELD: &str = "$rows";

/// Writes the list (`#[serde(serialize_with)]`): the plain list to every serializer but the
/// CSV writer, which writes the DTO as its rows.
pub fn serialize<T, S>(rows: &Option<Vec<T>>, serializer: S) -> std::result::Result<S::Ok, S::Error>
where
    T: Serialize + DeserializeOwned,
    S: Serializer,
{
    serializer.serialize_newtype_struct(
        ROWS_TOKEN,
        &Carrier {
            rows,
            columns: columns::<T>(),
        },
    )
}

/// Reads the list (`#[serde(deserialize_with)]`): the plain list from every deserializer but the
/// CSV reader, which reads it from the rows.
pub fn deserialize<'de, T, D>(deserializer: D) -> std::result::Result<Option<Vec<T>>, D::Error>
where
    T: DeserializeOwned,
    D: Deserializer<'de>,
{
    struct ListVisitor<T>(PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for ListVisitor<T> {
        type Value = Option<Vec<T>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            serde::Deserialize::deserialize(d)
        }
    }
    deserializer.deserialize_newtype_struct(ROWS_TOKEN, ListVisitor(PhantomData))
}

/// The columns of `T` (a derived struct names them to `deserialize_struct`).
fn columns<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe;
    #[derive(Debug)]
    struct Columns(&'static [&'static str]);
    impl fmt::Display for Columns {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("columns probe")
        }
    }
    impl std::error::Error for Columns {}
    impl de::Error for Columns {
        fn custom<M: fmt::Display>(_msg: M) -> Self {
            Columns(&[])
        }
    }
    impl<'de> Deserializer<'de> for Probe {
        type Error = Columns;
        fn deserialize_any<V: Visitor<'de>>(self, _v: V) -> std::result::Result<V::Value, Columns> {
            Err(Columns(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _v: V,
        ) -> std::result::Result<V::Value, Columns> {
            Err(Columns(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Columns(fields)) => fields,
        Ok(_) => &[],
    }
}

/// What the list hands a serializer: the list itself to a human-readable one; to any other (the
/// CSV writer's capture) the item type's columns as unit fields, then the list.
struct Carrier<'a, T> {
    rows: &'a Option<Vec<T>>,
    columns: &'static [&'static str],
}

impl<T: Serialize> Serialize for Carrier<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return self.rows.serialize(serializer);
        }
        let mut columns = serializer.serialize_struct(ROWS_TOKEN, self.columns.len() + 1)?;
        for column in self.columns {
            columns.serialize_field(column, &())?;
        }
        columns.serialize_field(ROWS_FIELD, self.rows)?;
        columns.end()
    }
}

/// Whether `value` (a property of an object being written) is a list marked to be the
/// object's rows.
pub(crate) fn is_rows<T: ?Sized + Serialize>(value: &T) -> bool {
    /// Answers `Ok(true)` for the token; anything else is not the rows.
    struct Probe;
    impl ser::Serializer for Probe {
        type Ok = bool;
        type Error = NotMine;
        no_compounds!(bool, NotMine);
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            _: &T,
        ) -> std::result::Result<bool, NotMine> {
            Ok(name == ROWS_TOKEN)
        }
        fn serialize_some<T: ?Sized + Serialize>(
            self,
            _: &T,
        ) -> std::result::Result<bool, NotMine> {
            Err(NotMine)
        }
        reject_scalars!(NotMine; bool);
        reject! { NotMine;
            serialize_char(v: char) -> bool;
            serialize_str(v: &str) -> bool;
            serialize_none() -> bool;
        }
        reject_compounds!(NotMine);
    }
    value.serialize(Probe).unwrap_or(false)
}

/// Writes the marked list `value` as rows: its item type's header, then a row per item.
pub(crate) fn write<W: io::Write, T: ?Sized + Serialize>(
    sink: &mut Sink<W>,
    value: &T,
) -> Result<()> {
    value.serialize(Capture { sink })
}

fn not_rows() -> Error {
    Error::fixed("expected the list of a type written as rows (`csv::rows`)")
}

/// Takes the list out of its token and carrier, and writes it.
struct Capture<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
}

impl<'s, W: io::Write> ser::Serializer for Capture<'s, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Columns<'s, W>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Columns<'s, W>> {
        Ok(Columns {
            sink: self.sink,
            columns: Vec::with_capacity(len),
        })
    }
    reject_scalars!(not_rows(); ());
    reject! { not_rows();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_none() -> ();
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(not_rows())
    }
}

/// The carrier's fields: the item type's columns, then the list.
#[doc(hidden)]
pub struct Columns<'s, W: io::Write> {
    sink: &'s mut Sink<W>,
    columns: Vec<&'static str>,
}

impl<W: io::Write> SerializeStruct for Columns<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        if key != ROWS_FIELD {
            self.columns.push(key);
            return Ok(());
        }
        value.serialize(List {
            sink: &mut *self.sink,
            columns: &self.columns,
        })
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The list: nothing when null, else the header (even without items) and a row per item.
struct List<'a, W: io::Write> {
    sink: &'a mut Sink<W>,
    columns: &'a [&'static str],
}

impl<'a, W: io::Write> ser::Serializer for List<'a, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Items<'a, W>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_none(self) -> Result<()> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a, W>> {
        Ok(Items {
            sink: self.sink,
            columns: self.columns,
            any: false,
        })
    }
    reject_scalars!(not_rows(); ());
    reject! { not_rows();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
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
        Err(not_rows())
    }
}

/// The list's items, a row each.
#[doc(hidden)]
pub struct Items<'a, W: io::Write> {
    sink: &'a mut Sink<W>,
    columns: &'a [&'static str],
    any: bool,
}

impl<W: io::Write> ser::SerializeSeq for Items<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.any = true;
        self.sink.row(value)
    }
    fn end(self) -> Result<()> {
        if self.any || self.columns.is_empty() {
            return Ok(());
        }
        // No items: the item type's header alone.
        let header: Vec<String> = self.columns.iter().map(|c| push_quoted_field(c)).collect();
        self.sink.header_only(&header)
    }
}

/// The property of `T` marked to hold its rows, if any: each of its fields is asked in turn how
/// it reads (the marked one asks for the token).
pub(crate) fn rows_field<T: DeserializeOwned>() -> Option<&'static str> {
    columns::<T>()
        .iter()
        .copied()
        .find(|field| matches!(T::deserialize(OneField(field)), Err(Asked(true))))
}

/// The answer of a field probe: whether the field asked for the rows token.
#[derive(Debug)]
struct Asked(bool);

impl fmt::Display for Asked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for Asked {}

impl de::Error for Asked {
    fn custom<M: fmt::Display>(_msg: M) -> Self {
        Asked(false)
    }
}

/// An object of one property, whose value tells how it is read.
struct OneField(&'static str);

impl<'de> Deserializer<'de> for OneField {
    type Error = Asked;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, Asked> {
        visitor.visit_map(de::value::MapDeserializer::new(std::iter::once((
            self.0, FieldValue,
        ))))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// A field's value in the probe: answers whether it was asked for the rows token.
struct FieldValue;

impl<'de> de::IntoDeserializer<'de, Asked> for FieldValue {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for FieldValue {
    type Error = Asked;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> std::result::Result<V::Value, Asked> {
        Err(Asked(false))
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: V,
    ) -> std::result::Result<V::Value, Asked> {
        Err(Asked(name == ROWS_TOKEN))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Reads a `T` from the rows of `reader`, into its property `field` (the rows are held while
/// they are read: a type written as rows is an envelope of a few).
pub(crate) fn read<R: io::Read, T: DeserializeOwned>(reader: R, field: &'static str) -> Result<T> {
    let mut rows = Reader::<R, de::IgnoredAny>::new(reader);
    rows.read_headers()?;
    if rows.headers.is_empty() {
        return T::deserialize(Top { field, table: None });
    }
    let mut records = Vec::new();
    loop {
        let mut record = ::csv::StringRecord::new();
        let more = rows.rdr.read_record(&mut record).map_err(csv_error)?;
        let row = records.len() as u64 + 1;
        rows.check_quoting().map_err(|e| e.at_row(row))?;
        if !more {
            break;
        }
        records.push(record);
    }
    let headers = rows.headers.clone();
    T::deserialize(Top {
        field,
        table: Some((&headers, &records)),
    })
}

/// The header and the rows, read.
type Table<'de> = (&'de ::csv::StringRecord, &'de [::csv::StringRecord]);

/// The object read from rows: the one property holding them (absent without a header).
struct Top<'de> {
    field: &'static str,
    table: Option<Table<'de>>,
}

impl<'de> Deserializer<'de> for Top<'de> {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(TopMap {
            field: self.field,
            table: self.table,
        })
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

struct TopMap<'de> {
    field: &'static str,
    table: Option<Table<'de>>,
}

impl<'de> de::MapAccess<'de> for TopMap<'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.table.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(self.field))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let table = self.table.take().ok_or_else(not_rows)?;
        seed.deserialize(RowsValue { table })
            .map_err(|e| e.within_key(self.field))
    }
}

/// The rows, as the marked list's value.
struct RowsValue<'de> {
    table: Table<'de>,
}

impl<'de> Deserializer<'de> for RowsValue<'de> {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(RowsSeq {
            table: self.table,
            next: 0,
        })
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// The rows as a sequence: each read as the item type asks.
struct RowsSeq<'de> {
    table: Table<'de>,
    next: usize,
}

impl<'de> SeqAccess<'de> for RowsSeq<'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let (headers, records) = self.table;
        let Some(record) = records.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        self.next += 1;
        seed.deserialize(RowDeserializer {
            headers,
            record,
            matches: None,
        })
        .map(Some)
        .map_err(|e| {
            e.within(crate::error::Segment::Index(index))
                .at_row(index as u64 + 1)
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.table.1.len() - self.next)
    }
}

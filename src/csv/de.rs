//! The CSV reader's serde side: a row is a map from header to cell; each cell is read by the
//! type that asks for it (strings as they are, everything else as JSV text).

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::error::Scope;
use crate::jsv::{self, ScalarDeserializer, Segment};

/// Finds the field a header names: exactly, then ignoring ASCII case and surrounding spaces.
/// Columns usually come in declaration order: the field at the column's index is tried first,
/// inline and without a `memcmp` call (this runs per row and column).
#[inline]
fn match_field(header: &str, fields: &'static [&'static str], hint: usize) -> Option<&'static str> {
    // A header far longer than any field name cannot match one: don't scan it (per row).
    if header.len() > 256 {
        return None;
    }
    if let Some(f) = fields.get(hint) {
        if f.len() == header.len() && crate::jsv::eq_short(f.as_bytes(), header.as_bytes()) {
            return Some(f);
        }
    }
    search_field(header, fields)
}

/// [`match_field`] when the column is not the field at its index.
fn search_field(header: &str, fields: &'static [&'static str]) -> Option<&'static str> {
    if let Some(f) = fields.iter().find(|f| **f == header) {
        return Some(f);
    }
    let header = header.trim();
    fields
        .iter()
        .find(|f| f.eq_ignore_ascii_case(header))
        .copied()
}

/// Which struct field each header names ([`match_field`]), for one list of fields: the header
/// line is the same for every row of a reader, so the headers are matched once, not per row.
#[derive(Default)]
pub(crate) struct Matches {
    /// The fields matched against (their address and length), if any yet.
    fields: Option<(usize, usize)>,
    /// The field of each header.
    names: Vec<Option<&'static str>>,
}

impl Matches {
    /// Matches `headers` against `fields` unless that was done already.
    fn update(&mut self, headers: &::csv::StringRecord, fields: &'static [&'static str]) {
        let key = (fields.as_ptr() as usize, fields.len());
        if self.fields == Some(key) && self.names.len() == headers.len() {
            return;
        }
        self.names.clear();
        self.names.extend(
            headers
                .iter()
                .enumerate()
                .map(|(i, header)| match_field(header, fields, i)),
        );
        self.fields = Some(key);
    }
}

/// One data row: the header's names and the row's cells (a short row has fewer cells; the
/// missing columns are absent).
pub(crate) struct RowDeserializer<'de> {
    pub(crate) headers: &'de ::csv::StringRecord,
    pub(crate) record: &'de ::csv::StringRecord,
    /// The reader's matches of its headers, kept from row to row (`None`: match per row).
    pub(crate) matches: Option<&'de mut Matches>,
}

impl<'de> RowDeserializer<'de> {
    fn columns<V: Visitor<'de>>(
        self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> jsv::Result<V::Value> {
        let names = match (fields, self.matches) {
            (Some(fields), Some(matches)) => {
                matches.update(self.headers, fields);
                Some(&*matches.names)
            }
            _ => None,
        };
        visitor.visit_map(Columns {
            headers: self.headers,
            record: self.record,
            len: self.headers.len().min(self.record.len()),
            fields,
            names,
            next: 0,
            field: None,
        })
    }
}

impl<'de> de::Deserializer<'de> for RowDeserializer<'de> {
    type Error = jsv::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        self.columns(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> jsv::Result<V::Value> {
        self.columns(Some(fields), visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> jsv::Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map enum identifier
    }
}

/// The columns of a row, as a serde map.
struct Columns<'de> {
    headers: &'de ::csv::StringRecord,
    record: &'de ::csv::StringRecord,
    /// Columns in the row: those with both a header and a cell.
    len: usize,
    fields: Option<&'static [&'static str]>,
    /// The field each header names, when the reader keeps them.
    names: Option<&'de [Option<&'static str>]>,
    /// The next column to read.
    next: usize,
    /// The field the current column matched (its header names it in error paths otherwise).
    field: Option<&'static str>,
}

impl<'de> de::MapAccess<'de> for Columns<'de> {
    type Error = jsv::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> jsv::Result<Option<K::Value>> {
        let i = self.next;
        if i >= self.len {
            return Ok(None);
        }
        self.field = match (self.names, self.fields) {
            (Some(names), _) => names.get(i).copied().flatten(),
            (None, Some(f)) => match_field(self.headers.get(i).unwrap_or_default(), f, i),
            (None, None) => None,
        };
        let name = match self.field {
            Some(field) => field,
            None => self.headers.get(i).unwrap_or_default(),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::<jsv::Error>::new(name))
            .map(Some)
    }

    // Both inlined into the row type's `visit_map`, so that every cell is read there and not
    // through a call per cell (callgrind, the `codec` bench's CSV rows: 8,592 → 8,453
    // instructions a row; `next_value_seed` left to the compiler: 8,771).
    #[inline(always)]
    fn next_value<V: de::Deserialize<'de>>(&mut self) -> jsv::Result<V> {
        self.next_value_seed(std::marker::PhantomData)
    }

    #[inline(always)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> jsv::Result<V::Value> {
        let i = self.next;
        self.next += 1;
        let cell = self.record.get(i).unwrap_or_default();
        seed.deserialize(CellDeserializer { text: cell })
            .map_err(|e| {
                // Named only when needed: the matched field, else the header (shortened).
                let name = match self.field {
                    Some(field) => field.to_owned(),
                    None => {
                        let header = self.headers.get(i).unwrap_or_default();
                        header.chars().take(64).collect()
                    }
                };
                e.within(Segment::Key(name)).at_field(i)
            })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.next))
    }
}

/// One cell's text (already unquoted from CSV).
///
/// An empty cell is null (`None`), or the empty string for a string. A string is the cell's
/// text as it is. Numbers, bools, enums and dates parse the text as JSV scalars do; lists,
/// objects and anything untyped that starts with `[` or `{` are read as JSV.
pub(crate) struct CellDeserializer<'de> {
    pub(crate) text: &'de str,
}

fn empty_cell(expected: &str) -> jsv::Error {
    de::Error::custom(format_args!("expected {expected}, found an empty cell"))
}

impl<'de> CellDeserializer<'de> {
    fn scalar(&self) -> ScalarDeserializer<'de> {
        ScalarDeserializer::new(Cow::Borrowed(self.text))
    }

    /// Reads the whole cell as JSV with `f`.
    fn jsv<V>(
        self,
        f: impl FnOnce(&mut jsv::Deserializer<'de>) -> jsv::Result<V>,
    ) -> jsv::Result<V> {
        let mut de = jsv::Deserializer::from_str(self.text);
        let value = f(&mut de).map_err(|e| de.fix(e).in_scope(Scope::Cell))?;
        de.end().map_err(|e| e.in_scope(Scope::Cell))?;
        Ok(value)
    }

    fn structured(&self) -> bool {
        self.text.starts_with(['[', '{'])
    }
}

/// Scalars: an empty cell is an error; otherwise the JSV scalar parser for the type.
macro_rules! scalar {
    ($($method:ident => $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
            if self.text.is_empty() {
                return Err(empty_cell($what));
            }
            de::Deserializer::$method(self.scalar(), visitor)
        }
    )*};
}

/// Lists and objects: JSV.
macro_rules! structured {
    ($($method:ident($($arg:ident: $ty:ty),*) => $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> jsv::Result<V::Value> {
            if self.text.is_empty() {
                return Err(empty_cell($what));
            }
            self.jsv(|de| de::Deserializer::$method(de, $($arg,)* visitor))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for CellDeserializer<'de> {
    type Error = jsv::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        if self.text.is_empty() {
            visitor.visit_none()
        } else if self.structured() {
            self.jsv(|de| de::Deserializer::deserialize_any(de, visitor))
        } else {
            visitor.visit_borrowed_str(self.text)
        }
    }

    scalar! {
        deserialize_bool => "a bool";
        deserialize_i8 => "an integer";
        deserialize_i16 => "an integer";
        deserialize_i32 => "an integer";
        deserialize_i64 => "an integer";
        deserialize_i128 => "an integer";
        deserialize_u8 => "an integer";
        deserialize_u16 => "an integer";
        deserialize_u32 => "an integer";
        deserialize_u64 => "an integer";
        deserialize_u128 => "an integer";
        deserialize_f32 => "a number";
        deserialize_f64 => "a number";
        deserialize_char => "a character";
    }

    structured! {
        deserialize_bytes() => "bytes";
        deserialize_byte_buf() => "bytes";
        deserialize_seq() => "a list";
        deserialize_tuple(len: usize) => "a list";
        deserialize_tuple_struct(name: &'static str, len: usize) => "a list";
        deserialize_map() => "an object";
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) => "an object";
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        if self.text.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        if self.text.is_empty() {
            visitor.visit_unit()
        } else {
            Err(de::Error::custom(format_args!(
                "expected an empty cell, found text"
            )))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> jsv::Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> jsv::Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> jsv::Result<V::Value> {
        if self.text.is_empty() {
            Err(empty_cell("an enum variant"))
        } else if self.text.starts_with('{') {
            self.jsv(|de| de::Deserializer::deserialize_enum(de, name, variants, visitor))
        } else {
            de::Deserializer::deserialize_enum(self.scalar(), name, variants, visitor)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
        visitor.visit_unit()
    }
}

/// The row of a text with no columns at all (`\r\n`, what an object without properties is
/// written as): only a struct without fields reads from it.
pub(crate) struct NoColumns;

impl<'de> de::Deserializer<'de> for NoColumns {
    type Error = jsv::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> jsv::Result<V::Value> {
        Err(de::Error::custom("expected one data row, found none"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> jsv::Result<V::Value> {
        if fields.is_empty() {
            let empty = std::iter::empty::<(&str, &str)>();
            visitor.visit_map(de::value::MapDeserializer::new(
                empty.map(|(k, v)| (k.into_deserializer(), v.into_deserializer())),
            ))
        } else {
            self.deserialize_any(visitor)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

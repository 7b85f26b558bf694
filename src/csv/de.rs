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

/// Integers: a cell that is only an optional `-` and digits is read here, inline (the scalar
/// parser's own fast path, without building one); otherwise as [`scalar!`] reads them.
macro_rules! int {
    ($($method:ident => $visit:ident: $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> jsv::Result<V::Value> {
            if let Some(v) = jsv::plain_int_as::<$ty>(self.text) {
                return visitor.$visit(v);
            }
            if self.text.is_empty() {
                return Err(empty_cell("an integer"));
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
        deserialize_f32 => "a number";
        deserialize_f64 => "a number";
        deserialize_char => "a character";
    }

    jsv::int_methods!(int);

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fmt::Debug;

    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    use super::*;

    /// An integer cell read by the inline fast path and by the general one (the empty check,
    /// then the scalar parser): the same value or the same error text.
    fn int_both_ways<T: DeserializeOwned + PartialEq + Debug>(text: &str) {
        let fast = T::deserialize(CellDeserializer { text }).map_err(|e| e.to_string());
        let general = if text.is_empty() {
            Err(empty_cell("an integer").to_string())
        } else {
            T::deserialize(ScalarDeserializer::new(Cow::Borrowed(text))).map_err(|e| e.to_string())
        };
        assert_eq!(fast, general, "{text:?}");
        // An optional integer: an empty cell is `None`, anything else the integer's reading.
        let fast = Option::<T>::deserialize(CellDeserializer { text }).map_err(|e| e.to_string());
        let general = match general {
            _ if text.is_empty() => Ok(None),
            g => g.map(Some),
        };
        assert_eq!(fast, general, "{text:?}");
    }

    /// `every_width(text)`: [`int_both_ways`] for every integer type.
    macro_rules! every_width {
        ($($method:ident => $visit:ident: $ty:ty;)*) => {
            fn every_width(text: &str) {
                $(int_both_ways::<$ty>(text);)*
            }
        };
    }
    jsv::int_methods!(every_width);

    #[test]
    fn integer_cells_read_as_the_scalar_parser_reads_them() {
        for text in jsv::TRICKY_INTS {
            every_width(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_short_integer_cell_reads_as_the_scalar_parser_reads_it(text in "[-+ 0-9a]{0,21}") {
            every_width(&text);
        }
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Row {
        #[serde(default)]
        id: i32,
        small: Option<u8>,
        #[serde(default)]
        name: String,
        note: Option<String>,
        #[serde(default)]
        flag: bool,
        #[serde(default)]
        kind: i16,
    }

    /// Every data row of `text` read with the matches a reader keeps from row to row, and with
    /// matches worked out for the row alone: the same value or the same error text.
    fn rows_both_ways<T: DeserializeOwned + PartialEq + Debug>(
        text: &str,
    ) -> Vec<Result<T, String>> {
        let mut rdr = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = rdr.records();
        let headers = records.next().expect("a header").expect("a CSV header");
        let mut matches = Matches::default();
        let mut rows = Vec::new();
        for record in records {
            let record = record.expect("a CSV record");
            let kept = T::deserialize(RowDeserializer {
                headers: &headers,
                record: &record,
                matches: Some(&mut matches),
            })
            .map_err(|e| e.to_string());
            let alone = T::deserialize(RowDeserializer {
                headers: &headers,
                record: &record,
                matches: None,
            })
            .map_err(|e| e.to_string());
            assert_eq!(kept, alone, "{text:?} {record:?}");
            rows.push(kept);
        }
        rows
    }

    #[test]
    fn kept_header_matches_read_rows_as_matching_per_row_does() {
        for text in [
            "Id,Small,Name,Note,Flag,Kind\r\n1,2,a,b,true,3\r\n,,,,,\r\n-1,255,x,,False,-4\r\n",
            // Short rows, extra cells, unmatched and repeated headers, other order and case.
            "Id,Small,Name,Note,Flag,Kind\r\n1\r\n1,2\r\n1,2,a,b,true,3,extra\r\n",
            " kind ,FLAG,note,Unknown,name,small,id\r\n3,1,n,u,nm,9,7\r\n3,0\r\n",
            "Id,Id,Other,Small\r\n1,2,3,4\r\n",
            "Unknown\r\nvalue\r\n",
            // Bad cells: their error names the field, or the header of an unmatched column.
            "Id,Small,Name,Note,Flag,Kind\r\nx,2,a,b,true,3\r\n1,256,a,b,true,3\r\n",
            "Id,Small,Flag\r\n1,,yes\r\n1, 2,true\r\n+1,-1,1\r\n2147483648,1,0\r\n",
            "id,kind\r\n1,\r\n,1\r\n",
        ] {
            rows_both_ways::<Row>(text);
            rows_both_ways::<BTreeMap<String, String>>(text);
            rows_both_ways::<BTreeMap<String, Option<i64>>>(text);
        }
        // What the rows above read (the two ways agreeing on nothing but errors would pass).
        let rows = rows_both_ways::<Row>("small,ID,Other\r\n,7\r\n1,x\r\n1,2,3\r\n");
        let row = |id, small| Row {
            id,
            small,
            name: String::new(),
            note: None,
            flag: false,
            kind: 0,
        };
        assert_eq!(
            rows,
            [
                Ok(row(7, None)),
                Err("Id: expected an integer in the range of i32, found `x`".to_owned()),
                Ok(row(2, Some(1))),
            ]
        );
        let rows = rows_both_ways::<BTreeMap<String, Option<i64>>>("A,B\r\n1,\r\nx\r\n");
        assert_eq!(
            rows[0],
            Ok(BTreeMap::from([("A".into(), Some(1)), ("B".into(), None)]))
        );
        assert_eq!(
            rows[1],
            Err("A: expected an integer in the range of i64, found `x`".to_owned())
        );
    }
}

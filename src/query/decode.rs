//! Decoding: a query string or form body bound to a DTO the way ServiceStack's server binds one.
//!
//! The pairs are read straight from the input, decoded without copying where they hold no
//! escape. A struct (whose fields a probe asks for first) keeps only the pairs that name one of
//! its fields (at most one each: a repeated name is an error) and counts the others, so memory
//! does not grow with the number of pairs; a map keeps what it binds.

use std::borrow::Cow;

use percent_encoding::{percent_decode, percent_decode_str};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

use super::Options;
use crate::dotnet::VALUETUPLE_TOKEN;
use crate::error::{Error, Result, Scope};
use crate::jsv;

/// One `name=value` pair, decoded.
struct Pair<'a> {
    name: Cow<'a, str>,
    value: Cow<'a, str>,
}

/// Percent-decodes `s` (and `+` as a space when asked), borrowing when there is nothing to
/// decode. Invalid `%` escapes are kept as they are, as .NET's `UrlDecode` does; `%uXXXX` is a
/// UTF-16 code unit, as System.Web's `UrlDecode` reads it. `Err` when the decoded bytes are not
/// UTF-8 (or a `%u` escape is a lone surrogate, which no Rust string holds).
fn url_decode(s: &str, plus_as_space: bool) -> std::result::Result<Cow<'_, str>, ()> {
    let plus = plus_as_space && s.contains('+');
    if !plus && !s.contains('%') {
        return Ok(Cow::Borrowed(s));
    }
    let spaced: Cow<'_, str> = if plus {
        Cow::Owned(s.replace('+', " "))
    } else {
        Cow::Borrowed(s)
    };
    if !spaced.contains("%u") {
        let decoded: Vec<u8> = percent_decode_str(&spaced).collect();
        return String::from_utf8(decoded).map(Cow::Owned).map_err(drop);
    }
    let bytes = spaced.as_bytes();
    let mut out = String::new();
    let (mut pending, mut units) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < bytes.len() {
        let unit = bytes
            .get(i..i + 6)
            .filter(|e| e.starts_with(b"%u") && e[2..].iter().all(u8::is_ascii_hexdigit))
            .and_then(|e| u16::from_str_radix(std::str::from_utf8(&e[2..]).ok()?, 16).ok());
        if let Some(unit) = unit {
            flush_bytes(&mut pending, &mut out)?;
            units.push(unit);
            i += 6;
        } else {
            flush_units(&mut units, &mut out)?;
            pending.push(bytes[i]);
            i += 1;
        }
    }
    flush_bytes(&mut pending, &mut out)?;
    flush_units(&mut units, &mut out)?;
    Ok(Cow::Owned(out))
}

/// Appends the percent-decoded `pending` bytes (UTF-8) to `out`.
fn flush_bytes(pending: &mut Vec<u8>, out: &mut String) -> std::result::Result<(), ()> {
    let decoded: Vec<u8> = percent_decode(pending).collect();
    pending.clear();
    out.push_str(&String::from_utf8(decoded).map_err(drop)?);
    Ok(())
}

/// Appends the UTF-16 code units of `%uXXXX` escapes to `out`.
fn flush_units(units: &mut Vec<u16>, out: &mut String) -> std::result::Result<(), ()> {
    for c in char::decode_utf16(units.drain(..)) {
        out.push(c.map_err(drop)?);
    }
    Ok(())
}

/// The pairs of `input` (its leading `?` dropped), in order. Parts without `=` (`a=1&&b=2`,
/// `ApiKey&StoreId=5`, the tail of a value cut by a raw `&`) are skipped, as the server skips
/// them: ASP.NET gives them a null name, which binds nothing (vector c010).
fn pairs<'a>(input: &'a str, options: &Options) -> impl Iterator<Item = Result<Pair<'a>>> {
    let plus_as_space = options.plus_as_space;
    input
        .strip_prefix('?')
        .unwrap_or(input)
        .split('&')
        .filter_map(|part| part.split_once('='))
        .map(move |(name, value)| {
            let name = url_decode(name, plus_as_space)
                .map_err(|()| not_utf8().within_key(String::from_utf8_lossy(name.as_bytes())))?;
            let value =
                url_decode(value, plus_as_space).map_err(|()| not_utf8().within_key(&*name))?;
            Ok(Pair { name, value })
        })
}

pub(crate) fn from_str<T: DeserializeOwned>(input: &str, options: &Options) -> Result<T> {
    let mut entries: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    match shape::<T>() {
        Shape::Struct(fields) => {
            let fields = Fields::new(fields);
            // At most one entry per field. An empty value counts as given for the duplicate
            // check (`ApiKey=&apiKey=b` binds `,b` on the server) but binds nothing.
            let mut given = vec![false; fields.names.len()];
            let mut unknown = Vec::new();
            let mut unknown_count = 0;
            for pair in pairs(input, options) {
                let pair = pair?;
                match fields.find(&pair.name) {
                    Some(i) => {
                        let name = fields.names[i];
                        if std::mem::replace(&mut given[i], true) {
                            return Err(duplicate(name));
                        }
                        if !pair.value.is_empty() {
                            entries.push((Cow::Borrowed(name), pair.value));
                        }
                    }
                    None if options.ignore_unknown => {}
                    None => {
                        // The first few different names are shown, all are counted.
                        if unknown.len() < crate::error::MAX_NAMES
                            && !unknown.iter().any(|u: &String| *u == pair.name)
                        {
                            unknown.push(pair.name.into_owned());
                        }
                        unknown_count += 1;
                    }
                }
            }
            if unknown_count > 0 {
                return Err(Error::unknown_names_counted(unknown, unknown_count));
            }
        }
        Shape::Value => {
            // A list: the whole text (decoded) is its value, brackets optional.
            let input = input.strip_prefix('?').unwrap_or(input);
            let text = url_decode(input, options.plus_as_space).map_err(|()| not_utf8())?;
            return T::deserialize(Value { text: &text });
        }
        Shape::Map => {
            let mut seen = std::collections::HashSet::new();
            for pair in pairs(input, options) {
                let pair = pair?;
                if !seen.insert(pair.name.to_ascii_lowercase()) {
                    return Err(duplicate(&pair.name));
                }
                if !pair.value.is_empty() {
                    entries.push((pair.name, pair.value));
                }
            }
        }
    }
    // No parameters at all bind a DTO with nothing set, as on the server: it is the only text a
    // query string has for one (the writers write it for a DTO whose properties are all null).
    T::deserialize(Top { entries: &entries })
}

fn not_utf8() -> Error {
    Error::fixed("its percent-decoded text is not UTF-8")
}

/// A name given twice, in any case (ASP.NET would join the values with `,`).
fn duplicate(name: &str) -> Error {
    Error::fixed("given more than once").within_key(name)
}

/// A struct's field names, indexed by length: a name is compared only with the fields as long
/// as it is (a query of millions of pairs costs a few comparisons each).
struct Fields {
    names: &'static [&'static str],
    /// `by_len[n]`: the fields of `n` bytes.
    by_len: Vec<Vec<usize>>,
}

impl Fields {
    fn new(names: &'static [&'static str]) -> Self {
        let mut by_len: Vec<Vec<usize>> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if by_len.len() <= name.len() {
                by_len.resize(name.len() + 1, Vec::new());
            }
            by_len[name.len()].push(i);
        }
        Fields { names, by_len }
    }

    /// The field a name stands for: exactly, else ignoring ASCII case and surrounding spaces.
    fn find(&self, name: &str) -> Option<usize> {
        let key = name.trim();
        let candidates = self.by_len.get(key.len())?;
        let exact = candidates.iter().find(|&&i| self.names[i] == name);
        exact
            .or_else(|| {
                candidates
                    .iter()
                    .find(|&&i| self.names[i].eq_ignore_ascii_case(key))
            })
            .copied()
    }
}

/// What a type binds from: a struct's fields (their names), a map of any names, or (a list) the
/// whole text as one value.
enum Shape {
    Struct(&'static [&'static str]),
    Map,
    Value,
}

/// Asks `T` what it deserializes from, without reading anything: a derived struct names its
/// fields to `deserialize_struct` (through `Option` and newtypes too); anything else binds as a
/// map (and its own `Deserialize` decides what it accepts).
fn shape<T: DeserializeOwned>() -> Shape {
    match T::deserialize(ShapeProbe) {
        Err(ProbeResult::Struct(fields)) => Shape::Struct(fields),
        Err(ProbeResult::List) => Shape::Value,
        _ => Shape::Map,
    }
}

/// The probe's "error": what `T` asked for.
#[derive(Debug)]
enum ProbeResult {
    Struct(&'static [&'static str]),
    List,
    Other,
}

impl std::fmt::Display for ProbeResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("shape probe")
    }
}

impl std::error::Error for ProbeResult {}

impl de::Error for ProbeResult {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        ProbeResult::Other
    }
}

struct ShapeProbe;

impl<'de> de::Deserializer<'de> for ShapeProbe {
    type Error = ProbeResult;

    fn deserialize_any<V: Visitor<'de>>(
        self,
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        Err(ProbeResult::Other)
    }
    fn deserialize_seq<V: Visitor<'de>>(
        self,
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        Err(ProbeResult::List)
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        Err(ProbeResult::List)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        Err(ProbeResult::Struct(fields))
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        Err(ProbeResult::Struct(&[]))
    }
    fn deserialize_option<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        visitor.visit_some(self)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, ProbeResult> {
        visitor.visit_newtype_struct(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit tuple_struct map enum identifier ignored_any
    }
}

/// The bound parameters, as the top-level value: a map of name to value.
struct Top<'a, 'p> {
    entries: &'a [(Cow<'p, str>, Cow<'p, str>)],
}

impl<'de, 'p> de::Deserializer<'de> for Top<'de, 'p> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(Params {
            entries: self.entries,
            next: 0,
        })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// The bound parameters as a map: the field name (or the name as given) and the value.
struct Params<'a, 'p> {
    entries: &'a [(Cow<'p, str>, Cow<'p, str>)],
    next: usize,
}

impl<'a> de::MapAccess<'a> for Params<'a, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((name, _)) = self.entries.get(self.next) else {
            return Ok(None);
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name.as_ref()))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value> {
        let (name, value) = &self.entries[self.next];
        self.next += 1;
        seed.deserialize(Value {
            text: value.as_ref(),
        })
        .map_err(|e| e.within_key(name.as_ref()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.next)
    }
}

/// One parameter's value: raw text for strings, JSV for everything else.
struct Value<'de> {
    text: &'de str,
}

impl<'de> Value<'de> {
    /// Reads the text as top-level JSV with `f`, requiring that all of it is used. Positions in
    /// errors count in the value. (At the top level a list's brackets are optional: `a,b,c` and
    /// `{..},{..}` are lists.)
    fn jsv<T>(self, f: impl FnOnce(&mut jsv::Deserializer<'de>) -> Result<T>) -> Result<T> {
        if let Some(at) = json_key(self.text) {
            // The JSV reader reads JSON text as the JSON means; the server's JSV reader takes
            // `"Name"` for a name that matches no property and binds every property null.
            return Err(Error::fixed(
                "a quoted property name (JSON inside a JSV value) binds as nothing on the server",
            )
            .at(self.text.as_bytes(), at)
            .in_scope(Scope::Value));
        }
        let mut de = jsv::Deserializer::of_value(self.text);
        let value = f(&mut de)
            .map_err(|e| de.fix(e))
            .and_then(|value| de.end().map(|()| value));
        value.map_err(|e| e.in_scope(Scope::Value))
    }
}

macro_rules! via_jsv {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value> {
            self.jsv(|de| de::Deserializer::$method(de, $($arg,)* visitor))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Error;

    via_jsv! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_char(
            jsv::ScalarDeserializer::new(Cow::Borrowed(self.text)),
            visitor,
        )
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_bytes(self.text.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Empty values were skipped: whatever is here is a value.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == VALUETUPLE_TOKEN {
            // The server binds a ValueTuple from `{Item1:5,Item2:User}` only: `(5, User)`,
            // `"(5, User)"`, `[5,User]` and an object with other properties are a 400.
            let only_items = || {
                jsv::from_str::<std::collections::HashMap<String, de::IgnoredAny>>(self.text)
                    .is_ok_and(|object| {
                        object.keys().all(|k| {
                            k.eq_ignore_ascii_case("Item1") || k.eq_ignore_ascii_case("Item2")
                        })
                    })
            };
            if !self.text.starts_with('{') || !only_items() {
                return Err(Error::fixed(
                    "a ValueTuple binds only as the object `{Item1:…,Item2:…}` (the server \
                     refuses its text `(item1, item2)`, a list, and other properties)",
                ));
            }
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

/// The offset of the first needlessly quoted property name (`{"Name":…`, JSON's way) in JSV
/// text, if any. JSV quotes a name only when it must (`{"a,b":1}` in a dictionary); such names
/// and quoted values (`{Name:"a,b"}`, `["x"]`) are skipped as JSV quotes them (`""` inside is
/// one quote); a `"` inside a bare value is data.
fn json_key(text: &str) -> Option<usize> {
    #[derive(PartialEq)]
    enum At {
        Key,
        Value,
        Inside,
    }
    let b = text.as_bytes();
    let mut objects = Vec::new();
    let mut at = At::Value;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' if at != At::Inside => {
                // A quoted name or value runs to the quote that is not doubled.
                let start = i;
                i += 1;
                while i < b.len() {
                    if b[i] == b'"' {
                        if b.get(i + 1) == Some(&b'"') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
                let inner = text.get(start + 1..i.min(b.len())).unwrap_or_default();
                if at == At::Key && !jsv::needs_quotes(&inner.replace("\"\"", "\"")) {
                    return Some(start);
                }
                at = At::Inside;
            }
            b'{' if at != At::Inside => {
                objects.push(true);
                at = At::Key;
            }
            b'[' if at != At::Inside => {
                objects.push(false);
                at = At::Value;
            }
            b'}' | b']' => {
                objects.pop();
                at = At::Inside;
            }
            b',' => {
                at = if objects.last() == Some(&true) {
                    At::Key
                } else {
                    At::Value
                };
            }
            b':' if at != At::Value => at = At::Value,
            c if c.is_ascii_whitespace() && at != At::Inside => {}
            _ => at = At::Inside,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::json_key;

    #[test]
    fn json_keys_are_found_and_jsv_quotes_are_not() {
        assert_eq!(json_key(r#"[{"PaymentAmount":"1.00"}]"#), Some(2));
        assert_eq!(json_key(r#"{A:1, "B":2}"#), Some(6));
        assert_eq!(json_key(r#"[{AcctToken:"a,b"}]"#), None);
        assert_eq!(json_key(r#"[{AcctToken:"a""b"},{C:"x"}]"#), None);
        assert_eq!(json_key(r#"["a","b"]"#), None);
        assert_eq!(json_key(r#"{A:a"b,C:1}"#), None);
        assert_eq!(json_key(r#""1.00""#), None);
        assert_eq!(json_key(r#"{A:{B:[{C:"}"}]}}"#), None);
        // A name JSV must quote is JSV's own.
        assert_eq!(json_key(r#"{Meta:{"a""b":"(5, User)","":x}}"#), None);
        assert_eq!(json_key(r#"{Meta:{"a,b":1,"c":2}}"#), Some(15));
    }
}

//! Decoding: a query string or form body bound to a DTO the way ServiceStack's server binds one.

use std::borrow::Cow;

use percent_encoding::percent_decode;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

use super::Options;
use crate::dotnet::VALUETUPLE_TOKEN;
use crate::error::{Error, Result, Scope};
use crate::jsv;

/// One `name=value` pair, decoded.
struct Pair {
    name: String,
    /// Empty values are skipped when binding (as the server does), after the name is checked.
    value: String,
    /// `[value]`, for a list given without its brackets.
    bracketed: String,
}

/// Percent-decodes `s` (and `+` as a space when asked). Invalid `%` escapes are kept as they are,
/// as .NET's `UrlDecode` does; `%uXXXX` is a UTF-16 code unit, as System.Web's `UrlDecode` reads
/// it (a lone surrogate, which no Rust string holds, is an error like invalid UTF-8).
fn url_decode(s: &str, plus_as_space: bool) -> Result<String, Vec<u8>> {
    let bytes: Cow<'_, [u8]> = if plus_as_space && s.contains('+') {
        Cow::Owned(s.replace('+', " ").into_bytes())
    } else {
        Cow::Borrowed(s.as_bytes())
    };
    if !s.contains("%u") {
        let decoded: Vec<u8> = percent_decode(&bytes).collect();
        return String::from_utf8(decoded).map_err(|e| e.into_bytes());
    }
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
    Ok(out)
}

/// Appends the percent-decoded `pending` bytes (UTF-8) to `out`.
fn flush_bytes(pending: &mut Vec<u8>, out: &mut String) -> Result<(), Vec<u8>> {
    let decoded: Vec<u8> = percent_decode(pending).collect();
    pending.clear();
    out.push_str(&String::from_utf8(decoded).map_err(|e| e.into_bytes())?);
    Ok(())
}

/// Appends the UTF-16 code units of `%uXXXX` escapes to `out`.
fn flush_units(units: &mut Vec<u16>, out: &mut String) -> Result<(), Vec<u8>> {
    for c in char::decode_utf16(units.drain(..)) {
        out.push(c.map_err(|_| Vec::new())?);
    }
    Ok(())
}

pub(crate) fn from_str<T: DeserializeOwned>(input: &str, options: &Options) -> Result<T> {
    let input = input.strip_prefix('?').unwrap_or(input);
    let mut pairs = Vec::new();
    for part in input.split('&') {
        if part.is_empty() {
            continue;
        }
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = url_decode(name, options.plus_as_space).map_err(|_| {
            not_utf8().within_key(String::from_utf8_lossy(name.as_bytes()).into_owned())
        })?;
        let value = url_decode(value, options.plus_as_space)
            .map_err(|_| not_utf8().within_key(name.clone()))?;
        // ServiceStack skips empty values; the name is still checked (a typo is reported).
        let bracketed = format!("[{value}]");
        pairs.push(Pair {
            name,
            value,
            bracketed,
        });
    }
    T::deserialize(Top {
        pairs: &pairs,
        options: *options,
    })
}

fn not_utf8() -> Error {
    Error::data("its percent-decoded text is not UTF-8")
}

fn duplicate(name: &str) -> Error {
    Error::data("given more than once").within_key(name)
}

struct Top<'p> {
    pairs: &'p [Pair],
    options: Options,
}

/// The field a name stands for: exactly, else ignoring ASCII case.
fn match_field(name: &str, fields: &'static [&'static str]) -> Option<&'static str> {
    fields
        .iter()
        .find(|f| **f == name)
        .or_else(|| fields.iter().find(|f| f.eq_ignore_ascii_case(name.trim())))
        .copied()
}

impl<'de> de::Deserializer<'de> for Top<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let mut seen = std::collections::HashSet::new();
        let mut entries = Vec::new();
        for (i, p) in self.pairs.iter().enumerate() {
            if !seen.insert(p.name.as_str()) {
                return Err(duplicate(&p.name));
            }
            if !p.value.is_empty() {
                entries.push((Cow::Borrowed(p.name.as_str()), i));
            }
        }
        visitor.visit_map(Params {
            top: &self,
            entries,
            next: 0,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let mut entries: Vec<(Cow<'de, str>, usize)> = Vec::new();
        let mut unknown = Vec::new();
        for (i, pair) in self.pairs.iter().enumerate() {
            match match_field(&pair.name, fields) {
                Some(_) if pair.value.is_empty() => {}
                Some(field) => {
                    if entries.iter().any(|(f, _)| f == field) {
                        return Err(duplicate(field));
                    }
                    entries.push((Cow::Borrowed(field), i));
                }
                None if self.options.ignore_unknown => {}
                None => unknown.push(pair.name.clone()),
            }
        }
        if !unknown.is_empty() {
            return Err(Error::unknown_names(unknown));
        }
        visitor.visit_map(Params {
            top: &self,
            entries,
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

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_struct(name, &[], visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit seq tuple tuple_struct enum identifier ignored_any
    }
}

/// The parameters as a map: matched field name (or the name as given) and value.
struct Params<'a, 'p> {
    top: &'a Top<'p>,
    entries: Vec<(Cow<'p, str>, usize)>,
    next: usize,
}

impl<'p> de::MapAccess<'p> for Params<'_, 'p> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'p>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((name, _)) = self.entries.get(self.next) else {
            return Ok(None);
        };
        let key = match name {
            Cow::Borrowed(s) => seed.deserialize(de::value::BorrowedStrDeserializer::new(s)),
            Cow::Owned(s) => seed.deserialize(de::value::StrDeserializer::new(s)),
        };
        key.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'p>>(&mut self, seed: V) -> Result<V::Value> {
        let (name, i) = &self.entries[self.next];
        self.next += 1;
        let pair = &self.top.pairs[*i];
        let value = Value {
            text: &pair.value,
            bracketed: &pair.bracketed,
        };
        seed.deserialize(value)
            .map_err(|e| e.within_key(name.as_ref()))
    }
}

/// One parameter's value: raw text for strings, JSV for everything else.
struct Value<'p> {
    text: &'p str,
    bracketed: &'p str,
}

impl<'p> Value<'p> {
    /// Reads `text` as top-level JSV with `f`, requiring that all of it is used. Positions in
    /// errors count in the value.
    fn jsv<T>(text: &'p str, f: impl FnOnce(&mut jsv::Deserializer<'p>) -> Result<T>) -> Result<T> {
        if let Some(at) = json_key(text) {
            // The JSV reader reads JSON text as the JSON means; the server's JSV reader takes
            // `"Name"` for a name that matches no property and binds every property null.
            return Err(Error::data(
                "a quoted property name (JSON inside a JSV value) binds as nothing on the server",
            )
            .at(text.as_bytes(), at)
            .in_scope(Scope::Value));
        }
        let mut de = jsv::Deserializer::from_str(text);
        let value = f(&mut de)
            .map_err(|e| de.fix(e))
            .and_then(|value| de.end().map(|()| value));
        value.map_err(|e| e.in_scope(Scope::Value))
    }

    /// Reads the value as a list with `f`: as given when it opens with `[`, else with brackets
    /// added (positions in errors still count in the value as given).
    fn list<T>(&self, f: impl FnOnce(&mut jsv::Deserializer<'p>) -> Result<T>) -> Result<T> {
        if self.text.trim_start().starts_with('[') {
            Self::jsv(self.text, f)
        } else {
            Self::jsv(self.bracketed, f).map_err(|e| e.shift_position(1))
        }
    }
}

macro_rules! via_jsv {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'p>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value> {
            Self::jsv(self.text, |de| de::Deserializer::$method(de, $($arg,)* visitor))
        }
    )*};
}

impl<'p> de::Deserializer<'p> for Value<'p> {
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
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }

    fn deserialize_char<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_char(
            jsv::ScalarDeserializer::new(Cow::Borrowed(self.text)),
            visitor,
        )
    }

    fn deserialize_str<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_string<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_identifier<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_bytes<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_bytes(self.text.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        // Empty values were skipped: whatever is here is a value.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'p>>(
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
                return Err(Error::data(
                    "a ValueTuple binds only as the object `{Item1:…,Item2:…}` (the server \
                     refuses its text `(item1, item2)`, a list, and other properties)",
                ));
            }
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
        self.list(|de| de::Deserializer::deserialize_seq(de, visitor))
    }

    fn deserialize_tuple<V: Visitor<'p>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.list(|de| de::Deserializer::deserialize_tuple(de, len, visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'p>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.list(|de| de::Deserializer::deserialize_tuple_struct(de, name, len, visitor))
    }

    fn deserialize_ignored_any<V: Visitor<'p>>(self, visitor: V) -> Result<V::Value> {
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

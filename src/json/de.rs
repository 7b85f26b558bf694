//! Reading ServiceStack JSON: serde_json parses; property names match ServiceStack-style, in any
//! case (`apikey`, `APIKEY` → `ApiKey`; `Success` → `success`); errors carry the path
//! (`serde_path_to_error`), line and column, and never show values under credential keys.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::is_sensitive_key;

/// A JSON decode error: what, where (path, line, column). (Transitional: turned into the crate's
/// error by its text.)
struct LegacyError {
    path: String,
    inner: serde_json::Error,
    sensitive: bool,
}

impl LegacyError {
    /// The path to the failing value (`PaymentMethods[1].PaymentAmount`), `.` at the top.
    #[allow(dead_code)]
    pub fn path(&self) -> &str {
        &self.path
    }
    /// 1-based line.
    pub fn line(&self) -> usize {
        self.inner.line()
    }
    /// 1-based column.
    pub fn column(&self) -> usize {
        self.inner.column()
    }
}

impl fmt::Display for LegacyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path != "." {
            write!(f, "{}: ", self.path)?;
        }
        if self.sensitive {
            write!(
                f,
                "invalid value (not shown: secret) at line {} column {}",
                self.line(),
                self.column()
            )
        } else {
            fmt::Display::fmt(&self.inner, f)
        }
    }
}

/// Deserializes a `T` from ServiceStack JSON.
pub fn from_str<'a, T: de::Deserialize<'a>>(s: &'a str) -> crate::Result<T> {
    legacy_from_str(s).map_err(|e| crate::Error::data(e))
}

fn legacy_from_str<'a, T: de::Deserialize<'a>>(s: &'a str) -> Result<T, LegacyError> {
    // Fast path without path tracking; only a failed read is read again to find the path.
    let mut json = serde_json::Deserializer::from_str(s);
    if let Ok(value) =
        T::deserialize(CaseInsensitive(&mut json)).and_then(|v| json.end().map(|()| v))
    {
        return Ok(value);
    }
    let mut json = serde_json::Deserializer::from_str(s);
    let mut track = serde_path_to_error::Track::new();
    let result = T::deserialize(serde_path_to_error::Deserializer::new(
        CaseInsensitive(&mut json),
        &mut track,
    ))
    .and_then(|v| json.end().map(|()| v));
    result.map_err(|inner| {
        let path = track.path();
        let sensitive = path.iter().any(|seg| match seg {
            serde_path_to_error::Segment::Map { key } => is_sensitive_key(key),
            serde_path_to_error::Segment::Enum { variant } => is_sensitive_key(variant),
            _ => false,
        });
        LegacyError {
            path: path.to_string(),
            inner,
            sensitive,
        }
    })
}

/// Deserializes a `T` from ServiceStack JSON bytes.
pub fn from_slice<'a, T: de::Deserialize<'a>>(v: &'a [u8]) -> crate::Result<T> {
    match std::str::from_utf8(v) {
        Ok(s) => from_str(s),
        Err(_) => {
            // Let serde_json report the position of the bad byte.
            let inner = serde_json::from_slice::<de::IgnoredAny>(v)
                .err()
                .unwrap_or_else(|| <serde_json::Error as de::Error>::custom("invalid UTF-8"));
            Err(crate::Error::data(LegacyError {
                path: ".".into(),
                inner,
                sensitive: false,
            }))
        }
    }
}

/// Wraps a deserializer so that struct property names match in any case, and numbers and
/// bools are also read from strings (`"StoreId":"12"`, `"Success":"true"`), as ServiceStack does.
struct CaseInsensitive<D>(D);

/// The scalar a lenient read was asked for.
#[derive(Copy, Clone)]
enum Want {
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
}

macro_rules! lenient {
    ($($method:ident => $want:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.deserialize_any(Lenient { inner: visitor, want: Want::$want })
        }
    )*};
}

/// Reads a number or bool from its JSON form, a numeric/boolean string, or serde_json's
/// exact-number token, and hands it to `inner` as the type asked for.
struct Lenient<V> {
    inner: V,
    want: Want,
}

impl<V> Lenient<V> {
    fn text<'de, E: de::Error>(self, text: &str) -> Result<V::Value, E>
    where
        V: Visitor<'de>,
    {
        let t = text.trim();
        let bad = || E::invalid_value(de::Unexpected::Str(text), &self.inner);
        macro_rules! num {
            ($ty:ty, $visit:ident) => {
                match t.parse::<$ty>() {
                    Ok(v) => self.inner.$visit(v),
                    Err(_) => Err(bad()),
                }
            };
        }
        match self.want {
            Want::Bool => match crate::jsv::parse_bool(t) {
                Some(b) => self.inner.visit_bool(b),
                None => Err(bad()),
            },
            Want::I8 => num!(i8, visit_i8),
            Want::I16 => num!(i16, visit_i16),
            Want::I32 => num!(i32, visit_i32),
            Want::I64 => num!(i64, visit_i64),
            Want::U8 => num!(u8, visit_u8),
            Want::U16 => num!(u16, visit_u16),
            Want::U32 => num!(u32, visit_u32),
            Want::U64 => num!(u64, visit_u64),
            Want::F32 => num!(f32, visit_f32),
            Want::F64 => num!(f64, visit_f64),
        }
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Lenient<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.inner.visit_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.text(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.text(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.inner.visit_f64(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.text(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        // serde_json's exact-number token: one entry holding the number's text.
        match map.next_key::<String>()? {
            Some(key) if key == "$serde_json::private::Number" => {
                let text: String = map.next_value()?;
                self.text(&text)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self.inner)),
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self.inner))
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Wrap(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for CaseInsensitive<D> {
    type Error = D::Error;

    forward! {
        deserialize_any(); deserialize_i128(); deserialize_u128(); deserialize_char(); deserialize_str();
        deserialize_string(); deserialize_bytes(); deserialize_byte_buf(); deserialize_option();
        deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str); deserialize_seq();
        deserialize_tuple(len: usize); deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map(); deserialize_identifier(); deserialize_ignored_any();
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }

    lenient! {
        deserialize_bool => Bool, deserialize_i8 => I8, deserialize_i16 => I16,
        deserialize_i32 => I32, deserialize_i64 => I64, deserialize_u8 => U8,
        deserialize_u16 => U16, deserialize_u32 => U32, deserialize_u64 => U64,
        deserialize_f32 => F32, deserialize_f64 => F64,
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(
            name,
            fields,
            StructVisitor {
                inner: visitor,
                fields,
            },
        )
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose nested values are read case-insensitively too.
struct Wrap<V>(V);

/// A struct's visitor: maps keys to the declared names.
struct StructVisitor<V> {
    inner: V,
    fields: &'static [&'static str],
}

macro_rules! visit_scalars {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    visit_scalars!(
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64,
        visit_i128: i128, visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u64: u64,
        visit_u128: u128, visit_f32: f32, visit_f64: f64, visit_char: char, visit_str: &str,
        visit_borrowed_str: &'de str, visit_string: String, visit_bytes: &[u8],
        visit_borrowed_bytes: &'de [u8], visit_byte_buf: Vec<u8>
    );

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
        self.0.visit_some(CaseInsensitive(d))
    }
    fn visit_newtype_struct<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
        self.0.visit_newtype_struct(CaseInsensitive(d))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Map {
            inner: map,
            fields: None,
        })
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(Map {
            inner: map,
            fields: Some(self.fields),
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_seq(Seq(seq))
    }
}

/// A seed whose value is read case-insensitively.
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;
    fn deserialize<D2: Deserializer<'de>>(self, d: D2) -> Result<S::Value, D2::Error> {
        self.0.deserialize(CaseInsensitive(d))
    }
}

struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Map<A> {
    inner: A,
    fields: Option<&'static [&'static str]>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.fields {
            Some(fields) => self.inner.next_key_seed(FieldSeed { seed, fields }),
            None => self.inner.next_key_seed(Seed(seed)),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(Seed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Reads a property name and hands the declared name that matches it (any case) to `seed`.
struct FieldSeed<K> {
    seed: K,
    fields: &'static [&'static str],
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for FieldSeed<K> {
    type Value = K::Value;
    fn deserialize<D2: Deserializer<'de>>(self, d: D2) -> Result<K::Value, D2::Error> {
        let key = std::borrow::Cow::<'de, str>::deserialize(d)?;
        let matched = self
            .fields
            .iter()
            .find(|f| **f == key)
            .or_else(|| self.fields.iter().find(|f| f.eq_ignore_ascii_case(&key)));
        match matched {
            Some(name) => self
                .seed
                .deserialize(de::value::BorrowedStrDeserializer::new(name)),
            None => self.seed.deserialize(de::value::StrDeserializer::new(&key)),
        }
    }
}

use serde::Deserialize;

struct Enum<A>(A);

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), A::Error> {
        self.0
            .variant_seed(seed)
            .map(|(v, variant)| (v, Variant(variant)))
    }
}

struct Variant<A>(A);

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Variant<A> {
    type Error = A::Error;
    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(
            fields,
            StructVisitor {
                inner: visitor,
                fields,
            },
        )
    }
}

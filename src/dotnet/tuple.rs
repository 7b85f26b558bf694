//! `ValueTuple<T1, T2>` as ServiceStack handles it: it has no support for the type and writes
//! .NET's `ToString()`, `"(5, User)"`, as a string in every format. That string is read back here
//! (ServiceStack itself cannot), and so is the object form `{Item1:5,Item2:User}` it does read.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A .NET `ValueTuple` of two items, e.g. `PaymentProfileImportEndpoint.NewOwner`
/// (`ValueTuple<int, OwnerType>`).
///
/// ```
/// use clubready_wire::dotnet::ValueTuple;
/// let t: ValueTuple<i32, String> = clubready_wire::jsv::from_str(r#""(5, User)""#).unwrap();
/// assert_eq!(t, ValueTuple(5, "User".to_string()));
/// assert_eq!(clubready_wire::jsv::to_string(&t).unwrap(), r#""(5, User)""#);
/// let o: ValueTuple<i32, String> = clubready_wire::jsv::from_str("{Item1:5,item2:User}").unwrap();
/// assert_eq!(o, t);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ValueTuple<A, B>(pub A, pub B);

impl<A: fmt::Display, B: fmt::Display> fmt::Display for ValueTuple<A, B> {
    /// .NET's `ValueTuple.ToString()`: `(item1, item2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.0, self.1)
    }
}

impl<A: FromStr, B: FromStr> FromStr for ValueTuple<A, B> {
    type Err = String;
    /// `(item1, item2)`; the first `, ` separates the items (the second may contain commas).
    fn from_str(text: &str) -> Result<Self, String> {
        let err = || {
            let shown = crate::error::excerpt(text);
            format!(
                "expected `(item1, item2)`, found `{}`",
                shown.escape_debug()
            )
        };
        let inner = text
            .trim()
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .ok_or_else(err)?;
        let (a, b) = inner.split_once(", ").ok_or_else(err)?;
        Ok(ValueTuple(
            a.trim().parse().map_err(|_| err())?,
            b.parse().map_err(|_| err())?,
        ))
    }
}

/// The newtype-struct name under which a [`ValueTuple`] reaches a serializer. The crate's
/// writers write it as .NET's `"(5, User)"` (what ServiceStack writes), or, when asked, as the
/// object `{Item1:5,Item2:User}` (what a ServiceStack server binds); any other human-readable
/// serializer sees the string, any other serializer the pair.
pub(crate) const VALUETUPLE_TOKEN: &str = "$clubready_wire::ValueTuple";

/// What a `ValueTuple` hands a serializer: its text to a human-readable one, the pair to any
/// other (binary formats, and the crate's writers' object form).
struct Wire<'a, A, B>(&'a ValueTuple<A, B>);

impl<A, B> Serialize for Wire<'_, A, B>
where
    A: fmt::Display + Serialize,
    B: fmt::Display + Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self.0)
        } else {
            use serde::ser::SerializeTuple;
            let mut pair = serializer.serialize_tuple(2)?;
            pair.serialize_element(&self.0 .0)?;
            pair.serialize_element(&self.0 .1)?;
            pair.end()
        }
    }
}

impl<A, B> Serialize for ValueTuple<A, B>
where
    A: fmt::Display + Serialize,
    B: fmt::Display + Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(VALUETUPLE_TOKEN, &Wire(self))
    }
}

impl<'de, A, B> Deserialize<'de> for ValueTuple<A, B>
where
    A: FromStr + Deserialize<'de>,
    B: FromStr + Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TupleVisitor<A, B>(std::marker::PhantomData<(A, B)>);
        impl<'de, A, B> Visitor<'de> for TupleVisitor<A, B>
        where
            A: FromStr + Deserialize<'de>,
            B: FromStr + Deserialize<'de>,
        {
            type Value = ValueTuple<A, B>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`(item1, item2)` or an object with Item1 and Item2")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                let a = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let b = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(ValueTuple(a, b))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let (mut a, mut b) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    if key.trim().eq_ignore_ascii_case("Item1") {
                        a = Some(map.next_value()?);
                    } else if key.trim().eq_ignore_ascii_case("Item2") {
                        b = Some(map.next_value()?);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                match (a, b) {
                    (Some(a), Some(b)) => Ok(ValueTuple(a, b)),
                    (None, _) => Err(de::Error::missing_field("Item1")),
                    (_, None) => Err(de::Error::missing_field("Item2")),
                }
            }
        }
        let visitor = TupleVisitor(std::marker::PhantomData);
        if deserializer.is_human_readable() {
            // Named, as when written, so that a reader can tell it is a ValueTuple (the query
            // decoder binds only its object form, as the server does); every other reader
            // hands it on to `visit_newtype_struct`, which reads any form.
            deserializer.deserialize_newtype_struct(VALUETUPLE_TOKEN, visitor)
        } else {
            deserializer.deserialize_tuple(2, visitor)
        }
    }
}

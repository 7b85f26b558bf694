//! `ValueTuple<T1, T2>` as ServiceStack handles it: it has no support for the type and writes
//! .NET's `ToString()`, `"(5, User)"`, as a string in every format. That string is read back here
//! (ServiceStack itself cannot), and so is the object form `{Item1:5,Item2:User}` it does read.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, MapAccess, Visitor};
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
        let err = || format!("expected `(item1, item2)`, found `{}`", text.escape_debug());
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

impl<A: fmt::Display, B: fmt::Display> Serialize for ValueTuple<A, B> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
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
        deserializer.deserialize_any(TupleVisitor(std::marker::PhantomData))
    }
}

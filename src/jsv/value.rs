//! An untyped JSV value.
//!
//! JSV has no typed scalars: `12`, `True` and `abc` are all text until a type reads them. So
//! [`Value`] has text, lists, objects (key order kept) and null, and nothing else. Converting
//! from JSON (with [`json::from_str`](crate::json::from_str)) turns `true` into `"True"` and numbers into their exact text (`25.00` stays
//! `25.00`), which is what ServiceStack would write for them; converting to JSON gives strings.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserialize, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq};

use crate::error::{is_sensitive_key, sensitive_word_start};

/// An object's entries in the order they were read or inserted.
pub type Map = IndexMap<String, Value>;

/// Any JSV value.
///
/// ```
/// use clubready_wire::jsv::{self, Value};
/// let v: Value = jsv::from_str("{PaymentMethods:[{PaymentAmount:1.00,UsePreferred:True}]}").unwrap();
/// assert_eq!(v["PaymentMethods"][0]["PaymentAmount"].as_str(), Some("1.00"));
/// assert_eq!(jsv::to_string(&v).unwrap(), "{PaymentMethods:[{PaymentAmount:1.00,UsePreferred:True}]}");
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// An empty value (`{Key:}`), or an omitted one.
    #[default]
    Null,
    /// Text: a bare or quoted scalar.
    String(String),
    /// `[a,b,c]`
    List(Vec<Value>),
    /// `{Key:value,...}`
    Map(Map),
}

static NULL: Value = Value::Null;

impl Value {
    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_list(&self) -> Option<&Vec<Value>> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// The entries, if this is an object.
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// True for [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The entry under `key` (exact match, then ASCII case-insensitive as ServiceStack matches
    /// property names) if this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let map = self.as_map()?;
        map.get(key).or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    }
}

impl std::ops::Index<&str> for Value {
    type Output = Value;
    /// The entry under the key, or `Null` (never panics).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::Index<usize> for Value {
    type Output = Value;
    /// The list item at the index, or `Null` (never panics).
    fn index(&self, index: usize) -> &Value {
        self.as_list().and_then(|l| l.get(index)).unwrap_or(&NULL)
    }
}

impl fmt::Debug for Value {
    /// Like a derived `Debug`, but all text under credential-like keys (`ApiKey`, `AcctToken`,
    /// `ProfileToken`, ...; see [`is_sensitive_key`](crate::is_sensitive_key)), at any depth below
    /// them, is replaced by `<redacted>`, and text is cut before any word that names a
    /// credential. (`Display` prints the JSV text in full.)
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Redacting {
            value: self,
            redact: false,
        }
        .fmt(f)
    }
}

/// `Debug` of a value, redacting every string when `redact` is set.
struct Redacting<'a> {
    value: &'a Value,
    redact: bool,
}

impl fmt::Debug for Redacting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let child = |value, redact| Redacting { value, redact };
        match self.value {
            Value::Null => f.write_str("Null"),
            Value::String(_) if self.redact => f.write_str("<redacted>"),
            // Text that names a credential may hold its value (`1 ApiKey:…` read as one
            // string from malformed input): shown up to that word.
            Value::String(s) => match sensitive_word_start(s) {
                Some(at) => f
                    .debug_tuple("String")
                    .field(&format_args!("{:?}<redacted>", &s[..at]))
                    .finish(),
                None => f.debug_tuple("String").field(s).finish(),
            },
            Value::List(l) => f
                .debug_list()
                .entries(l.iter().map(|v| child(v, self.redact)))
                .finish(),
            // Below a credential, keys are redacted too (they may be the secret).
            Value::Map(m) if self.redact => f
                .debug_map()
                .entries(
                    m.values()
                        .map(|v| (format_args!("<redacted>"), child(v, true))),
                )
                .finish(),
            Value::Map(m) => f
                .debug_map()
                .entries(m.iter().map(|(k, v)| (k, child(v, is_sensitive_key(k)))))
                .finish(),
        }
    }
}

impl fmt::Display for Value {
    /// Compact JSV text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = super::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::String(s) => serializer.serialize_str(s),
            Value::List(l) => {
                let mut seq = serializer.serialize_seq(Some(l.len()))?;
                for item in l {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Map(m) => {
                let mut map = serializer.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// serde_json (with `arbitrary_precision`) hands numbers to `deserialize_any` as a one-entry
/// map under this key, holding the number's exact text.
const JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The newtype-struct name under which a [`Value`] asks to be read: the crate's JSON reader
/// then hands a number over as its exact text (`visit_str("1.50")`, `1e2` stays `1e2`) instead
/// of an `f64`. Any other deserializer sees an ordinary newtype and calls
/// `visit_newtype_struct`, which reads the value with `deserialize_any`.
pub(crate) const NUMBER_TEXT_TOKEN: &str = "$clubready_wire::NumberText";

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        struct ValueVisitor;

        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSV value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::String(if v { "True" } else { "False" }.to_owned()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::String(itoa::Buffer::new().format(v).to_owned()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::String(itoa::Buffer::new().format(v).to_owned()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
                Ok(Value::String(itoa::Buffer::new().format(v).to_owned()))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
                Ok(Value::String(itoa::Buffer::new().format(v).to_owned()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                let mut out = String::new();
                let _ = super::number::write_f64(&mut out, v);
                Ok(Value::String(out))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::String(v))
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Deserialize::deserialize(d)
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                // Capacity from the input is not trusted: grow as items arrive.
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
                let mut map = Map::new();
                while let Some(key) = access.next_key::<String>()? {
                    if map.is_empty() && key == JSON_NUMBER_TOKEN {
                        let text: String = access.next_value()?;
                        if access.next_key::<String>()?.is_some() {
                            return Err(de::Error::custom("malformed JSON number"));
                        }
                        return Ok(Value::String(text));
                    }
                    // The last duplicate wins, as in ServiceStack.
                    let value: Value = access.next_value()?;
                    map.insert(key, value);
                }
                Ok(Value::Map(map))
            }
        }

        deserializer.deserialize_newtype_struct(NUMBER_TEXT_TOKEN, ValueVisitor)
    }
}

impl From<serde_json::Value> for Value {
    /// JSON to JSV's model: `true` becomes `"True"`, numbers their text as `serde_json` keeps it
    /// (`25.00` is `25.0` there; [`json::from_str`](crate::json::from_str) into a `Value` keeps
    /// the exact text).
    fn from(json: serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::String(if b { "True" } else { "False" }.into()),
            serde_json::Value::Number(n) => Value::String(n.to_string()),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::List(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                Value::Map(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

impl From<Value> for serde_json::Value {
    /// JSV to JSON: text becomes JSON strings (JSV cannot tell `1` the number from `"1"`).
    fn from(value: Value) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::String(s) => serde_json::Value::String(s),
            Value::List(l) => {
                serde_json::Value::Array(l.into_iter().map(serde_json::Value::from).collect())
            }
            Value::Map(m) => serde_json::Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k, serde_json::Value::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

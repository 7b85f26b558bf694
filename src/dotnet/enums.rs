//! .NET enums on the wire: written by member name; read by name in any case or by number (also
//! quoted); a number with no member is kept and written back as ServiceStack writes it (JSV `7`,
//! JSON `"7"`), never lost.

/// Defines a .NET enum: the listed members with their numbers, plus `Other(i32)` for numbers
/// that have no member, with `FromStr`, `Display`, `Serialize` and `Deserialize` as ServiceStack
/// writes and reads them.
///
/// ```
/// clubready_wire::dotnet_enum! {
///     /// Where a sale is restricted.
///     pub enum RestrictedResourceType { Store = 0, Chain = 1, User = 2, Undefined = 3 }
/// }
/// use clubready_wire::jsv;
/// assert_eq!(jsv::from_str::<RestrictedResourceType>("chain").unwrap(), RestrictedResourceType::Chain);
/// assert_eq!(jsv::from_str::<RestrictedResourceType>("\"1\"").unwrap(), RestrictedResourceType::Chain);
/// let seven = jsv::from_str::<RestrictedResourceType>("7").unwrap();
/// assert_eq!(seven, RestrictedResourceType::Other(7));
/// assert_eq!(jsv::to_string(&seven).unwrap(), "7");
/// assert_eq!(serde_json::to_string(&seven).unwrap(), "\"7\"");
/// ```
#[macro_export]
macro_rules! dotnet_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $value:expr),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A number that names no member: kept, and written back as that number.
            Other(i32),
        }

        impl $name {
            /// Every member's name and number, in declaration order.
            pub const MEMBERS: &'static [(&'static str, i32)] = &[$((stringify!($variant), $value)),+];

            /// The member's number.
            pub fn value(self) -> i32 {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Other(v) => v,
                }
            }

            /// The member with this number, or `Other`.
            pub fn from_value(v: i32) -> Self {
                $(if v == $value { return Self::$variant; })+
                Self::Other(v)
            }

            /// The member's name; `None` for `Other`.
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some(stringify!($variant)),)+
                    Self::Other(_) => None,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::dotnet::ParseEnumError;
            /// A member name in any case, or a number (surrounding whitespace ignored).
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::dotnet::parse_enum(text, Self::MEMBERS, stringify!($name)).map(Self::from_value)
            }
        }

        impl ::std::fmt::Display for $name {
            /// The member name, or the number for `Other`.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.name() {
                    Some(name) => f.write_str(name),
                    None => ::std::fmt::Display::fmt(&self.value(), f),
                }
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self.name() {
                    Some(name) => serializer.serialize_str(name),
                    None => serializer.serialize_str(&self.value().to_string()),
                }
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::dotnet::enum_value(deserializer, Self::MEMBERS, stringify!($name))
                    .map(Self::from_value)
            }
        }
    };
}

use std::fmt;

use serde::de::{self, Visitor};
use serde::Deserializer;

/// Why a text names no enum member.
///
/// Its message shows an excerpt of the text: at most 40 characters, cut before a word naming a
/// credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEnumError {
    text: String,
    enum_name: &'static str,
    members: Vec<&'static str>,
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a {} ({} or a number), found `{}`",
            self.enum_name,
            self.members.join(", "),
            self.text.escape_debug()
        )
    }
}

impl std::error::Error for ParseEnumError {}

/// The number a member name (any case) or a numeric text stands for.
#[doc(hidden)]
pub fn parse_enum(
    text: &str,
    members: &'static [(&'static str, i32)],
    enum_name: &'static str,
) -> Result<i32, ParseEnumError> {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if let Some((_, v)) = members
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(t))
    {
        return Ok(*v);
    }
    t.parse::<i32>().map_err(|_| ParseEnumError {
        text: crate::error::excerpt(text),
        enum_name,
        members: members.iter().map(|(name, _)| *name).collect(),
    })
}

/// Reads a scalar as text: a string, an integer, or serde_json's exact-number token (ServiceStack's
/// enums and decimals arrive as either). `what` names the expected type in errors.
#[doc(hidden)]
pub fn text_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
) -> Result<String, D::Error> {
    struct TextVisitor(&'static str);
    impl<'de> Visitor<'de> for TextVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} (a name or a number)", self.0)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_any(TextVisitor(what))
}

/// Reads an enum's number from a member name (any case) or a number, as text or an integer
/// (serde_json's exact-number token too): what [`text_or_number`] then [`parse_enum`] give,
/// without building a `String` for a name. A text that names no member is the same error, made
/// with `D::Error::custom` after the value is read.
#[doc(hidden)]
pub fn enum_value<'de, D: Deserializer<'de>>(
    deserializer: D,
    members: &'static [(&'static str, i32)],
    what: &'static str,
) -> Result<i32, D::Error> {
    struct ValueVisitor {
        members: &'static [(&'static str, i32)],
        what: &'static str,
    }
    impl ValueVisitor {
        fn parse(&self, text: &str) -> Result<i32, ParseEnumError> {
            parse_enum(text, self.members, self.what)
        }
    }
    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = Result<i32, ParseEnumError>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} (a name or a number)", self.what)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.parse(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.parse(&v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.parse(&v.to_string()))
        }
    }
    deserializer
        .deserialize_any(ValueVisitor { members, what })?
        .map_err(de::Error::custom)
}

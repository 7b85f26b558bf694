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

impl ParseEnumError {
    /// `text` is the excerpt of the text read.
    fn new(text: String, enum_name: &'static str, members: &[(&'static str, i32)]) -> Self {
        ParseEnumError {
            text,
            enum_name,
            members: members.iter().map(|(name, _)| *name).collect(),
        }
    }
}

/// The number a member name (any case) or a numeric text stands for.
#[doc(hidden)]
pub fn parse_enum(
    text: &str,
    members: &'static [(&'static str, i32)],
    enum_name: &'static str,
) -> Result<i32, ParseEnumError> {
    enum_number(text, members)
        .ok_or_else(|| ParseEnumError::new(crate::error::excerpt(text), enum_name, members))
}

/// What [`parse_enum`] reads, without its error.
fn enum_number(text: &str, members: &[(&str, i32)]) -> Option<i32> {
    // Byte checks (`trim_ascii`), no `char` decoding; then an exact match before ignoring case
    // for each member in turn (the first member that matches either way, as before). Measured:
    // `parse_enum` 223 → 98 instructions a call on the `codec` benchmark's `AcctToken` and
    // `Store` (`eq_ignore_ascii_case` cost about 13 instructions a byte).
    let t = text.trim_ascii();
    if let Some((_, v)) = members
        .iter()
        .find(|(name, _)| name.len() == t.len() && (*name == t || name.eq_ignore_ascii_case(t)))
    {
        return Some(*v);
    }
    t.parse::<i32>().ok()
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
    // The value is the number, or the excerpt of a text that names no member: smaller than a
    // `ParseEnumError`, which is made only for an error.
    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = Result<i32, String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} (a name or a number)", self.what)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(enum_number(v, self.members).ok_or_else(|| crate::error::excerpt(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            // A member name is an identifier, never digits: an integer is its number when it
            // is an `i32`, with no text written (what `parse_enum` of its text gives). Measured:
            // `serde_json::from_str::<PaymentMethodType>("3")` 568 → 217 instructions.
            Ok(i32::try_from(v).map_err(|_| crate::error::excerpt(&v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(i32::try_from(v).map_err(|_| crate::error::excerpt(&v.to_string())))
        }
    }
    deserializer
        .deserialize_any(ValueVisitor { members, what })?
        .map_err(|text| de::Error::custom(ParseEnumError::new(text, what, members)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `parse_enum` as it was before its fast paths, the reference.
    fn reference(
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

    /// Members of the same name but for case: the first that matches wins.
    const CLASH: &[(&str, i32)] = &[("Foo", 1), ("FOO", 2), ("foo", 3), ("Fo", 4), ("X", 5)];
    const PAYMENT: &[(&str, i32)] = crate::dto::PaymentMethodType::MEMBERS;

    fn same_as_reference(text: &str) {
        for (members, name) in [(CLASH, "Clash"), (PAYMENT, "PaymentMethodType")] {
            let ours = parse_enum(text, members, name);
            assert_eq!(ours, reference(text, members, name), "{text:?}");
            if let Err(e) = ours {
                assert_eq!(
                    e.to_string(),
                    reference(text, members, name).unwrap_err().to_string()
                );
            }
        }
    }

    #[test]
    fn names_in_any_case_numbers_and_errors_are_as_before() {
        for text in [
            "Foo",
            "FOO",
            "foo",
            "fOO",
            "fo",
            "FO",
            "x",
            " Foo ",
            "\tFOO\n",
            "\x0cfoo\r",
            "AcctToken",
            "accttoken",
            "ACCTTOKEN",
            " AcctToken",
            "AcctToken\t",
            "Acct Token",
            "AcctTokens",
            "AcctToke",
            "Uninitialized",
            "preferredonfile",
            "0",
            "3",
            " 7 ",
            "+7",
            "-7",
            "007",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "",
            " ",
            "\u{a0}Foo",
            "Foo\u{a0}",
            "Fóo",
            "nope",
            "1.0",
            "0x1",
        ] {
            same_as_reference(text);
        }
        // The first member that matches in any case, even where a later one matches exactly.
        assert_eq!(parse_enum("FOO", CLASH, "Clash"), Ok(1));
        assert_eq!(parse_enum("foo", CLASH, "Clash"), Ok(1));
    }

    #[test]
    fn deserialized_names_and_integers_are_what_parse_enum_gives() {
        use crate::dto::PaymentMethodType as P;
        for text in [
            "0",
            "3",
            "7",
            "-1",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "18446744073709551615",
            "-9223372036854775808",
            "\"AcctToken\"",
            "\"accttoken\"",
            "\" 3 \"",
            "\"nope\"",
        ] {
            let inner = text.trim_matches('"');
            let expected = parse_enum(inner, P::MEMBERS, "PaymentMethodType");
            let readers: [(&str, Result<P, String>); 2] = [
                (
                    "serde_json",
                    serde_json::from_str::<P>(text).map_err(|e| e.to_string()),
                ),
                (
                    "json",
                    crate::json::from_str::<P>(text).map_err(|e| e.to_string()),
                ),
            ];
            for (reader, got) in readers {
                match (&got, &expected) {
                    (Ok(v), Ok(n)) => assert_eq!(v.value(), *n, "{reader} {text}"),
                    (Err(e), Err(x)) => {
                        assert!(e.contains(&x.to_string()), "{reader} {text}: {e}")
                    }
                    _ => panic!("{reader} {text}: {got:?}, parse_enum {expected:?}"),
                }
            }
        }
    }

    fn case_and_space_variants() -> impl Strategy<Value = String> {
        let names: Vec<&str> = CLASH.iter().chain(PAYMENT).map(|(n, _)| *n).collect();
        (
            proptest::sample::select(names),
            proptest::collection::vec(any::<bool>(), 20),
            "[ \t\r\n\x0c]{0,2}",
            "[ \t\r\n\x0c]{0,2}",
            "(|[a-z0-9 ]|[+-]?[0-9]{1,11})",
        )
            .prop_map(|(name, upper, lead, trail, extra)| {
                let cased: String = name
                    .chars()
                    .zip(upper.iter().cycle())
                    .map(|(c, &u)| {
                        if u {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect();
                match extra.as_str() {
                    "" => format!("{lead}{cased}{trail}"),
                    e if e
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'+' || b == b'-') =>
                    {
                        format!("{lead}{e}{trail}")
                    }
                    e => format!("{lead}{cased}{e}{trail}"),
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..Default::default() })]
        #[test]
        fn random_names_and_numbers_read_as_before(text in case_and_space_variants()) {
            same_as_reference(&text);
        }
        #[test]
        fn random_text_reads_as_before(text in "[ -~\t\n\u{a0}é]{0,20}") {
            same_as_reference(&text);
        }
    }
}

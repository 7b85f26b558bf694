//! The JSON reader: drives serde's visitors straight from the input, no intermediate tree, in
//! the style of the JSV reader (`src/jsv/de.rs`).
//!
//! RFC 8259 syntax (strings and numbers are read in `token.rs`), with ServiceStack's reading on
//! top:
//! - struct property names match the declared names exactly, then in any ASCII case (`apikey`,
//!   `APIKEY` → `ApiKey`; `Success` → `success`); unknown properties are skipped (their
//!   structure still checked); dictionaries keep keys as written;
//! - numbers and bools are also read from strings (`"StoreId":"12"`, `"Success":"true"`), bools
//!   also from `1`/`0` and `true`/`false` text in any case;
//! - a [`Decimal`](crate::dotnet::Decimal) gets a number's exact text (`1.50` keeps its scale),
//!   and so does the untyped [`jsv::Value`](crate::jsv::Value);
//! - an array where an object is expected is an error (serde's derive would bind its items to
//!   the fields by position), and so is one value where a list is expected;
//! - a UTF-8 byte order mark at the start is skipped.
//!
//! Errors carry the path, line and column; values under credential-like keys are never shown.

use std::borrow::Cow;
use std::str::FromStr;

use serde::de::{self, DeserializeSeed, IgnoredAny, Visitor};

use super::token;
use crate::dotnet::DECIMAL_TOKEN;
use crate::jsv::error::{Category, Error, ErrorCode, Found, Result, Segment};
use crate::jsv::{
    eq_short, match_name, parse_bool, ScalarDeserializer, DEFAULT_MAX_ITEMS,
    DEFAULT_RECURSION_LIMIT, NUMBER_TEXT_TOKEN,
};

/// What the value at the cursor is, from its first byte.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Object,
    Array,
    Str,
    Number,
    True,
    False,
    Null,
    /// Not the start of a JSON value.
    Invalid,
    Eof,
}

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A JSON deserializer over text held in memory.
///
/// Use [`from_str`](super::from_str) for the common case. Build one by hand to set the
/// recursion limit or to wrap it; call [`end`](Self::end) afterwards to reject trailing input.
///
/// ```
/// use serde::Deserialize;
/// #[derive(Deserialize, Debug, PartialEq)]
/// struct Item { #[serde(rename = "Qty")] qty: u32 }
///
/// let mut de = clubready_wire::json::Deserializer::from_str(r#"{"qty":"3"}"#);
/// let item = Item::deserialize(&mut de).unwrap();
/// de.end().unwrap();
/// assert_eq!(item, Item { qty: 3 });
/// ```
pub struct Deserializer<'de> {
    input: &'de str,
    pos: usize,
    depth: usize,
    limit: usize,
    /// List items and object entries that may still be read.
    items_left: usize,
    max_items: usize,
    /// Start of the value most recently looked at, for error positions.
    value_start: usize,
    /// Start of a key whose value has not been read yet (errors a visitor raises between key
    /// and value, such as a duplicate field, point there).
    pending_key: Option<usize>,
}

impl<'de> Deserializer<'de> {
    /// A deserializer reading `input` (a leading byte order mark is skipped).
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(input: &'de str) -> Self {
        Deserializer {
            input: input.strip_prefix('\u{feff}').unwrap_or(input),
            pos: 0,
            depth: 0,
            limit: DEFAULT_RECURSION_LIMIT,
            items_left: DEFAULT_MAX_ITEMS,
            max_items: DEFAULT_MAX_ITEMS,
            value_start: 0,
            pending_key: None,
        }
    }

    /// A deserializer reading UTF-8 bytes; fails, with the position of the first bad byte, if
    /// they are not UTF-8.
    pub fn from_slice(input: &'de [u8]) -> Result<Self> {
        match std::str::from_utf8(input) {
            Ok(s) => Ok(Self::from_str(s)),
            Err(e) => Err(Error::new(ErrorCode::InvalidUtf8).at(input, e.valid_up_to())),
        }
    }

    /// Sets how deeply objects and arrays may nest (default 128). Deeper input is an error; a limit
    /// above the default must fit the thread's stack (see [`Options::recursion_limit`](crate::json::Options::recursion_limit)).
    pub fn with_recursion_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Sets how many list items and object entries one document may hold in all (default
    /// 1,000,000; see [`DEFAULT_MAX_ITEMS`](crate::jsv::DEFAULT_MAX_ITEMS)). More is an error: the
    /// memory a decode takes stays bounded whatever the input.
    pub fn with_max_items(mut self, max_items: usize) -> Self {
        self.items_left = max_items;
        self.max_items = max_items;
        self
    }

    /// Counts one more list item or object entry against the limit.
    #[inline]
    fn count_item(&mut self) -> Result<()> {
        match self.items_left.checked_sub(1) {
            Some(left) => {
                self.items_left = left;
                Ok(())
            }
            None => Err(self.err(ErrorCode::TooManyItems(self.max_items))),
        }
    }

    /// Checks that only whitespace follows the value just read.
    pub fn end(&mut self) -> Result<()> {
        self.skip_ws();
        if self.pos < self.input.len() {
            let found = token::excerpt(self.input, self.pos);
            return Err(self.err(ErrorCode::TrailingCharacters(found)));
        }
        Ok(())
    }

    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.input.as_bytes()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if !is_ws(b) {
                break;
            }
            self.pos += 1;
        }
    }

    fn err(&self, code: ErrorCode) -> Error {
        Error::new(code).at(self.bytes(), self.pos)
    }

    /// Gives an error without a position the start of the current value (errors a
    /// `Deserialize` impl raises after reading its value have none).
    pub(super) fn fix(&self, err: Error) -> Error {
        if err.has_position() {
            err
        } else {
            err.at(self.bytes(), self.value_start)
        }
    }

    /// A syntax error at the cursor: `expected`, and the few characters found there.
    fn syntax(&self, expected: &'static str) -> Error {
        token::syntax(self.input, self.pos, expected)
    }

    /// Skips whitespace and looks at the value there.
    #[inline]
    fn kind(&mut self) -> Kind {
        self.skip_ws();
        self.value_start = self.pos;
        let rest = &self.bytes()[self.pos..];
        match rest.first() {
            None => Kind::Eof,
            Some(b'"') => Kind::Str,
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b't') if rest.starts_with(b"true") => Kind::True,
            Some(b'f') if rest.starts_with(b"false") => Kind::False,
            Some(b'n') if rest.starts_with(b"null") => Kind::Null,
            Some(_) => Kind::Invalid,
        }
    }

    /// Reads the string at the cursor.
    #[inline]
    fn read_str(&mut self) -> Result<Cow<'de, str>> {
        let (text, end) = token::string(self.input, self.pos)?;
        self.pos = end;
        Ok(text)
    }

    /// Reads the number at the cursor: its exact text, and whether it is an integer.
    #[inline]
    fn read_number(&mut self) -> Result<(&'de str, bool)> {
        let start = self.pos;
        let (end, integral) = token::number(self.input, start)?;
        self.pos = end;
        Ok((&self.input[start..end], integral))
    }

    /// The value at the cursor (of kind `kind`) does not fit the type asked for: `expected`, and
    /// what was found. Not JSON at all is a syntax error instead, and so is a malformed string.
    fn mismatch(&mut self, kind: Kind, expected: &'static str) -> Error {
        let start = self.pos;
        let found = match kind {
            Kind::Eof => Found::Eof,
            Kind::Invalid => return self.syntax("a JSON value"),
            Kind::Object => Found::described("an object", None),
            Kind::Array => Found::described("a list", None),
            Kind::Str => match token::string(self.input, start) {
                Ok((text, _)) => Found::described("a string", Some(&text)),
                Err(e) => return e,
            },
            Kind::Number => match token::number(self.input, start) {
                Ok((end, _)) => Found::text(&self.bytes()[start..end]),
                Err(e) => return e,
            },
            Kind::True => Found::text(b"true"),
            Kind::False => Found::text(b"false"),
            Kind::Null => Found::text(b"null"),
        };
        token::expected(self.bytes(), start, expected, found, Category::Data)
    }

    /// Reads a number of type `T` from a JSON number or a string holding one (ServiceStack's
    /// `"StoreId":"12"`); `expected` names it in errors.
    #[inline]
    fn parse_number<T: FromStr>(&mut self, expected: &'static str) -> Result<T> {
        match self.kind() {
            Kind::Number => {
                let (text, _) = self.read_number()?;
                text.parse()
                    .map_err(|_| self.invalid(expected, Found::text(text.as_bytes())))
            }
            Kind::Str => {
                let text = self.read_str()?;
                text.trim()
                    .parse()
                    .map_err(|_| self.invalid(expected, Found::described("a string", Some(&text))))
            }
            kind => Err(self.mismatch(kind, expected)),
        }
    }

    /// A scalar read at `value_start` does not parse as `expected`.
    fn invalid(&self, expected: &'static str, found: Found) -> Error {
        Error::expected(expected, found, Category::Data).at(self.bytes(), self.value_start)
    }

    /// Steps into the object or array whose opening bracket is under the cursor.
    #[inline]
    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.limit {
            return Err(self.err(ErrorCode::RecursionLimitExceeded(self.limit)));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// Steps out of the current object or array: expects its closing bracket.
    #[inline]
    fn leave(&mut self, close: u8) -> Result<()> {
        self.skip_ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            Ok(())
        } else if close == b'}' {
            Err(self.syntax("`,` or `}` after a value"))
        } else {
            Err(self.syntax("`,` or `]` after a list item"))
        }
    }

    /// After a key whose string starts at `key_start`: whitespace, then `:`. A missing `:` is
    /// reported under that key, so that text after a credential's name is not shown.
    #[inline]
    fn colon(&mut self, key_start: usize) -> Result<()> {
        if self.peek() == Some(b':') {
            self.pos += 1;
            return Ok(());
        }
        self.skip_ws();
        if self.peek() == Some(b':') {
            self.pos += 1;
            Ok(())
        } else {
            let key = self.key_at(key_start);
            Err(self
                .syntax("`:` after the property name")
                .within(Segment::Key(key)))
        }
    }

    /// The key whose string starts at `start`, for an error path.
    fn key_at(&self, start: usize) -> String {
        match token::string(self.input, start) {
            Ok((key, _)) => key.into_owned(),
            Err(_) => String::new(),
        }
    }

    /// `{` entries `}` for a struct (`fields` known) or a dictionary; the cursor is at `{`.
    fn object<V: Visitor<'de>>(
        &mut self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value> {
        self.enter()?;
        let value = visitor.visit_map(MapAccess {
            de: &mut *self,
            fields,
            first: true,
            hint: 0,
            field: None,
            key_start: 0,
        });
        let pending_key = self.pending_key.take();
        // The value is returned in the `Result` `visit_map` gave it in (moved out and into a
        // new one, a struct was copied once more).
        if let Err(e) = value {
            return Err(if e.has_position() {
                e
            } else {
                // A duplicate field points at its key, a missing one at the object's end.
                e.at(self.bytes(), pending_key.unwrap_or(self.pos))
            });
        }
        self.leave(b'}')?;
        value
    }

    /// `[` items `]`; the cursor is at `[`.
    fn array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.enter()?;
        let value = visitor
            .visit_seq(SeqAccess {
                de: &mut *self,
                first: true,
                index: 0,
            })
            .map_err(|e| self.fix(e))?;
        self.leave(b']')?;
        Ok(value)
    }

    /// A number for a visitor that asked through a token for exact text ([`DECIMAL_TOKEN`],
    /// [`NUMBER_TEXT_TOKEN`]): the text, borrowed.
    fn number_text<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let (text, _) = self.read_number()?;
        visitor.visit_borrowed_str(text).map_err(|e| self.fix(e))
    }

    /// A string's text for `visitor`, borrowed when it had no escapes.
    #[inline]
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.read_str()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
        .map_err(|e| self.fix(e))
    }
}

macro_rules! number_methods {
    ($($method:ident => $visit:ident: $ty:ty, $what:literal;)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let v: $ty = self.parse_number($what)?;
            visitor.$visit(v).map_err(|e| self.fix(e))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.kind() {
            Kind::Object => return self.object(None, visitor),
            Kind::Array => return self.array(visitor),
            Kind::Str => return self.visit_string(visitor),
            Kind::Number => {
                // As serde_json reads numbers: integers in range as such, the rest as `f64`.
                let (text, integral) = self.read_number()?;
                if integral {
                    if text.starts_with('-') {
                        if let Ok(v) = text.parse::<i64>() {
                            return visitor.visit_i64(v).map_err(|e| self.fix(e));
                        }
                    } else if let Ok(v) = text.parse::<u64>() {
                        return visitor.visit_u64(v).map_err(|e| self.fix(e));
                    }
                }
                match text.parse::<f64>() {
                    Ok(v) => visitor.visit_f64(v),
                    Err(_) => Err(self.invalid("a number", Found::text(text.as_bytes()))),
                }
            }
            Kind::True => {
                self.pos += 4;
                visitor.visit_bool(true)
            }
            Kind::False => {
                self.pos += 5;
                visitor.visit_bool(false)
            }
            Kind::Null => {
                self.pos += 4;
                visitor.visit_unit()
            }
            // [empty] An empty document is null: the text the writers give a top-level null, as
            // ServiceStack's do (its readers give it back as the default).
            Kind::Eof if self.depth == 0 => visitor.visit_unit(),
            kind => Err(self.mismatch(kind, "a JSON value")),
        }
        .map_err(|e| self.fix(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        const BOOL: &str = "a bool (`true`, `false`, `1` or `0`, also as a string in any case)";
        let b = match self.kind() {
            Kind::True => {
                self.pos += 4;
                true
            }
            Kind::False => {
                self.pos += 5;
                false
            }
            Kind::Number => {
                let (text, _) = self.read_number()?;
                parse_bool(text).ok_or_else(|| self.invalid(BOOL, Found::text(text.as_bytes())))?
            }
            Kind::Str => {
                let text = self.read_str()?;
                parse_bool(text.trim())
                    .ok_or_else(|| self.invalid(BOOL, Found::described("a string", Some(&text))))?
            }
            kind => return Err(self.mismatch(kind, BOOL)),
        };
        visitor.visit_bool(b).map_err(|e| self.fix(e))
    }

    number_methods! {
        deserialize_i8 => visit_i8: i8, "an integer in the range of i8";
        deserialize_i16 => visit_i16: i16, "an integer in the range of i16";
        deserialize_i32 => visit_i32: i32, "an integer in the range of i32";
        deserialize_i64 => visit_i64: i64, "an integer in the range of i64";
        deserialize_i128 => visit_i128: i128, "an integer in the range of i128";
        deserialize_u8 => visit_u8: u8, "an integer in the range of u8";
        deserialize_u16 => visit_u16: u16, "an integer in the range of u16";
        deserialize_u32 => visit_u32: u32, "an integer in the range of u32";
        deserialize_u64 => visit_u64: u64, "an integer in the range of u64";
        deserialize_u128 => visit_u128: u128, "an integer in the range of u128";
        deserialize_f32 => visit_f32: f32, "a number";
        deserialize_f64 => visit_f64: f64, "a number";
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        const CHAR: &str = "a single character";
        match self.kind() {
            Kind::Str => {
                let text = self.read_str()?;
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => visitor.visit_char(c).map_err(|e| self.fix(e)),
                    _ => Err(self.invalid(CHAR, Found::described("a string", Some(&text)))),
                }
            }
            kind => Err(self.mismatch(kind, CHAR)),
        }
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.kind() {
            Kind::Str => self.visit_string(visitor),
            kind => Err(self.mismatch(kind, "a string")),
        }
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // As serde_json: a string's UTF-8 bytes, or a list of numbers.
        match self.kind() {
            Kind::Str => match self.read_str()? {
                Cow::Borrowed(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
                Cow::Owned(s) => visitor.visit_byte_buf(s.into_bytes()),
            }
            .map_err(|e| self.fix(e)),
            Kind::Array => self.array(visitor),
            kind => Err(self.mismatch(kind, "a string or a list of bytes")),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    // Not inlined, as in the JSV reader: inlined into a derived struct visitor's loop (one copy
    // per `Option` field), it made the compiler move the fields' state between registers and
    // the stack on every entry (callgrind, the bench).
    #[inline(never)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.kind() {
            Kind::Null => {
                self.pos += 4;
                visitor.visit_none().map_err(|e| self.fix(e))
            }
            // [empty] An empty document is null.
            Kind::Eof if self.depth == 0 => visitor.visit_none().map_err(|e| self.fix(e)),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.kind() {
            // [empty] An empty document is null.
            Kind::Eof if self.depth == 0 => visitor.visit_unit().map_err(|e| self.fix(e)),
            Kind::Null => {
                self.pos += 4;
                visitor.visit_unit().map_err(|e| self.fix(e))
            }
            kind => Err(self.mismatch(kind, "`null`")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == DECIMAL_TOKEN {
            // A decimal: the exact text of a number (`1.50` keeps its scale) or of a string.
            return match self.kind() {
                Kind::Number => self.number_text(visitor),
                Kind::Str => self.visit_string(visitor),
                kind => Err(self.mismatch(kind, "a decimal number")),
            };
        }
        if name == NUMBER_TEXT_TOKEN && self.kind() == Kind::Number {
            // The untyped value: a number as the text ServiceStack writes for it.
            let (text, _) = self.read_number()?;
            return match dotnet_number_text(text) {
                Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
                Cow::Owned(text) => visitor.visit_string(text),
            }
            .map_err(|e| self.fix(e));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.kind() {
            Kind::Array => self.array(visitor),
            kind => Err(self.mismatch(kind, "`[` (a list)")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.kind() {
            Kind::Object => self.object(None, visitor),
            kind => Err(self.mismatch(kind, "`{` (an object)")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // An array is an error: a derived struct's `visit_seq` would bind its items to the
        // fields by position.
        match self.kind() {
            Kind::Object => self.object(Some(fields), visitor),
            kind => Err(self.mismatch(kind, "`{` (an object)")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.kind() {
            // A unit variant by name, in any case.
            Kind::Str => {
                let text = self.read_str()?;
                ScalarDeserializer::new(text)
                    .deserialize_enum(name, variants, visitor)
                    .map_err(|e| self.fix(e))
            }
            // `{"Variant":value}`
            Kind::Object => {
                self.enter()?;
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(self.syntax("a variant name (a `\"`-quoted string)"));
                }
                let start = self.pos;
                let key = self.read_str()?;
                self.colon(start)?;
                let value = visitor
                    .visit_enum(EnumAccess {
                        de: &mut *self,
                        variants,
                        key,
                        start,
                    })
                    .map_err(|e| self.fix(e))?;
                self.skip_ws();
                if self.peek() != Some(b'}') {
                    let err = self.syntax("`}` after the variant's value (one variant only)");
                    return Err(err.within(Segment::Key(self.key_at(start))));
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(value)
            }
            kind => Err(self.mismatch(kind, "an enum variant (a string or `{\"Variant\":value}`)")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Skipped, but checked: strings without building their text.
        match self.kind() {
            Kind::Object | Kind::Array => {
                self.deserialize_any(IgnoredAny)?;
            }
            Kind::Str => self.pos = token::skip_string(self.input, self.pos)?,
            Kind::Number => self.pos = token::number(self.input, self.pos)?.0,
            Kind::True | Kind::Null => self.pos += 4,
            Kind::False => self.pos += 5,
            kind => return Err(self.mismatch(kind, "a JSON value")),
        }
        visitor.visit_unit()
    }
}

struct MapAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    fields: Option<&'static [&'static str]>,
    first: bool,
    /// Index of the field expected next (fields usually come in declaration order).
    hint: usize,
    /// The struct field the current key matched.
    field: Option<&'static str>,
    /// Where the current key's string starts.
    key_start: usize,
}

impl MapAccess<'_, '_> {
    /// The current entry's name for an error path: the field it matched, else the key as read.
    fn key_name(&self) -> String {
        match self.field {
            Some(f) => f.to_owned(),
            None => self.de.key_at(self.key_start),
        }
    }

    /// The field a key names verbatim. Properties usually come in declaration order (nulls
    /// left out), so the search starts at the field after the last one matched and wraps round;
    /// lengths are compared before bytes.
    #[inline]
    fn exact_field(&self, fields: &'static [&'static str], key: &str) -> Option<usize> {
        let is = |i: &usize| {
            let name = fields[*i];
            name.len() == key.len() && eq_short(name.as_bytes(), key.as_bytes())
        };
        let hint = self.hint.min(fields.len());
        (hint..fields.len()).find(is).or_else(|| (0..hint).find(is))
    }
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let de = &mut *self.de;
        de.skip_ws();
        let expected = if self.first {
            self.first = false;
            if de.peek() == Some(b'}') {
                return Ok(None);
            }
            "a property name (a `\"`-quoted string) or `}`"
        } else {
            match de.peek() {
                Some(b',') => {
                    de.pos += 1;
                    de.skip_ws();
                }
                Some(b'}') => return Ok(None),
                _ => {
                    // Reported under the key whose value it follows.
                    let err = de.syntax("`,` or `}` after a value");
                    return Err(err.within(Segment::Key(self.key_name())));
                }
            }
            "a property name (a `\"`-quoted string)"
        };
        if de.peek() != Some(b'"') {
            return Err(de.syntax(expected));
        }
        de.count_item()?;
        let start = de.pos;
        self.key_start = start;
        de.pending_key = Some(start);
        let key = match token::find_quote_or_backslash(de.bytes(), start + 1) {
            // No escape: the key is borrowed, and usually the field expected next.
            Some(close) if de.bytes()[close] == b'"' => {
                de.pos = close + 1;
                Cow::Borrowed(&de.input[start + 1..close])
            }
            _ => de.read_str()?,
        };
        de.colon(start)?;
        let field = self.fields.and_then(|fields| {
            self.exact_field(fields, &key)
                .or_else(|| match_name(&key, fields, self.hint))
                .map(|i| (fields, i))
        });
        let result = match field {
            Some((fields, i)) => {
                self.hint = i + 1;
                self.field = Some(fields[i]);
                seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(fields[i]))
            }
            None => {
                self.field = None;
                seed.deserialize(ScalarDeserializer::new(key))
            }
        };
        result.map(Some).map_err(|e| {
            let e = e.at(self.de.bytes(), start);
            if self.fields.is_some() {
                e
            } else {
                // A dictionary key that does not parse as the key type.
                e.within(Segment::Key(self.de.key_at(start)))
            }
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.pending_key = None;
        seed.deserialize(&mut *self.de).map_err(|e| {
            let e = self.de.fix(e);
            e.within(Segment::Key(self.key_name()))
        })
    }
}

struct SeqAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let de = &mut *self.de;
        de.skip_ws();
        if self.first {
            self.first = false;
            if de.peek() == Some(b']') {
                return Ok(None);
            }
        } else {
            match de.peek() {
                Some(b',') => de.pos += 1,
                Some(b']') => return Ok(None),
                _ => return Err(de.syntax("`,` or `]` after a list item")),
            }
        }
        de.count_item()?;
        let index = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.de)
            .map(Some)
            .map_err(|e| self.de.fix(e).within(Segment::Index(index)))
    }
}

/// `{"Variant":value}` for enum variants that carry data.
struct EnumAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    variants: &'static [&'static str],
    /// The variant name as read, and where its string starts.
    key: Cow<'de, str>,
    start: usize,
}

impl<'a, 'de> de::EnumAccess<'de> for EnumAccess<'a, 'de> {
    type Error = Error;
    type Variant = VariantAccess<'a, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant)> {
        let (value, name) = match match_name(&self.key, self.variants, 0) {
            Some(i) => (
                seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(
                    self.variants[i],
                )),
                Cow::Borrowed(self.variants[i]),
            ),
            None => (
                seed.deserialize(ScalarDeserializer::new(self.key.clone())),
                self.key,
            ),
        };
        let value = value.map_err(|e| e.at(self.de.bytes(), self.start))?;
        Ok((value, VariantAccess { de: self.de, name }))
    }
}

/// The value of `{"Variant":value}`; errors inside it name the variant in their path.
struct VariantAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    name: Cow<'de, str>,
}

impl VariantAccess<'_, '_> {
    fn segment(&self, e: Error) -> Error {
        self.de.fix(e).within(Segment::Key(self.name.to_string()))
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        let result = de::Deserialize::deserialize(&mut *self.de);
        result.map_err(|e| self.segment(e))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        let result = seed.deserialize(&mut *self.de);
        result.map_err(|e| self.segment(e))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        let result = de::Deserializer::deserialize_seq(&mut *self.de, visitor);
        result.map_err(|e| self.segment(e))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let result = de::Deserializer::deserialize_struct(&mut *self.de, "", fields, visitor);
        result.map_err(|e| self.segment(e))
    }
}

/// The text ServiceStack writes for a JSON number it read untyped: the number as a .NET
/// `decimal` (its scale kept: `1.50`), so an exponent is written out (`1e2` is `100`, `1.5E-3` is
/// `0.0015`) and a negative zero loses its sign; a number beyond `decimal` as a `double`
/// (`1E+300`); beyond a `double` (`1e400`), and any text without an exponent or a negative zero,
/// as it is.
pub(crate) fn dotnet_number_text(text: &str) -> Cow<'_, str> {
    let exponent = text.bytes().any(|b| b == b'e' || b == b'E');
    let negative_zero =
        text.starts_with('-') && text.bytes().all(|b| matches!(b, b'-' | b'0' | b'.'));
    if !exponent && !negative_zero {
        return Cow::Borrowed(text);
    }
    let decimal = if exponent {
        rust_decimal::Decimal::from_scientific(text)
            .ok()
            .map(crate::dotnet::Decimal)
    } else {
        text.parse().ok()
    };
    match decimal {
        Some(d) => Cow::Owned(d.to_string()),
        None => match text.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                let mut out = String::new();
                let _ = crate::jsv::number::write_f64(&mut out, v);
                Cow::Owned(out)
            }
            // Beyond a `double` too: the text as it is.
            _ => Cow::Borrowed(text),
        },
    }
}

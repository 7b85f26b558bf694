//! The JSV reader: drives serde's visitors straight from the input, no intermediate tree.
//!
//! Structure is found with `memchr`; the leaves (quoted strings) are small `nom` parsers in
//! `scalar.rs`. Grammar and every deliberate difference from ServiceStack.Text's reader:
//! `docs/jsv-grammar.md` (rule names are cited below in brackets).
//!
//! Two layouts are read. Compact JSV (what ServiceStack writes) where every byte of a bare value
//! is data; and pretty JSV (`Dump()`, [`to_string_pretty`](super::to_string_pretty)), chosen per
//! object or list when a line break follows its opening bracket, where line breaks, indentation
//! tabs and the one space after `Key:` are layout.

use std::borrow::Cow;

use memchr::memchr3;
use serde::de::{self, DeserializeSeed, IgnoredAny, Visitor};

use super::error::{Category, Error, ErrorCode, Found, Result, Segment};
use super::scalar::{match_name, quoted, ScalarDeserializer};

/// `pending_key` when no key is pending.
const NO_KEY: usize = usize::MAX;

/// `MapAccess::field` when the key matched no field.
const NO_FIELD: usize = usize::MAX;

/// The default nesting limit for objects and lists.
pub const DEFAULT_RECURSION_LIMIT: usize = 128;

/// The default limit on list items and object entries in one document (JSV or JSON): with it,
/// a decode's memory stays bounded (a list of a million empty items, `[,,,…]`, is some 70 MB as
/// a [`Value`](super::Value)) whatever the input. A ClubReady request holds a few dozen.
pub const DEFAULT_MAX_ITEMS: usize = 1_000_000;

/// Where the cursor is: which bytes end a bare value there.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    /// Top level: a bare value runs to the end of the input.
    top: bool,
    /// `}` or `]`.
    close: u8,
    /// Pretty layout: a line break also ends a bare value.
    pretty: bool,
    /// Open containers including this one: the indentation of its items in pretty layout.
    tabs: usize,
    /// A compact object or list (not the top level, not pretty, not a list without brackets):
    /// a bare value ends at the next `,` or `close`, nothing else.
    compact: bool,
}

const TOP: Ctx = Ctx {
    top: true,
    close: 0,
    pretty: false,
    tabs: 0,
    compact: false,
};

/// What the value at the cursor looks like.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `{` or `[` (leading whitespace already skipped).
    Open(u8),
    /// A `"`-quoted string.
    Quoted,
    /// Nothing before the next separator: null.
    Null,
    /// Bare text.
    Bare,
}

/// The `close` of a list without brackets (at the top level, `a,b`): its items end at a `,`
/// (which `is_terminator` then matches twice over) or at the end of the text.
const BARE_LIST: u8 = b',';

/// Terminator sets for `scan`.
const COMMA: u8 = 1;
const CLOSE_MAP: u8 = 2;
const CLOSE_LIST: u8 = 4;
const COLON: u8 = 8;
const LINE: u8 = 16;

/// Bytes of a compact value searched in a register before `memchr2` takes over: two words.
/// The values are mostly shorter; the long ones (credentials of 36 to 190 bytes) are found
/// sooner by `memchr2`'s vector search than eight bytes at a time (callgrind, the bench: 64
/// bytes 20,082 instructions a decode, 32 bytes 20,044, 16 bytes 19,748). The JSON reader's
/// strings keep 64 (16 cost it ~400).
const VALUE_SWAR: usize = 16;

/// Index of the first byte at or after `from` in the set `mask` (`,` `}` `]` `:`, and CR/LF
/// for `LINE`), else `b.len()`. `memchr`'s SIMD search (it measured faster here than a byte
/// table even on short keys), but compact values are searched eight bytes at a time in a
/// register first (`swar::find2`), which measured faster still.
#[inline]
fn scan(b: &[u8], from: usize, mask: u8) -> usize {
    let rest = &b[from..];
    let close = if mask & CLOSE_MAP != 0 { b'}' } else { b']' };
    let found = if mask & COLON != 0 {
        memchr3(b':', b',', b'}', rest)
    } else if mask & LINE != 0 {
        // A pretty value: the separator, the close, or the end of the line.
        let end = memchr3(b',', close, b'\n', rest).unwrap_or(rest.len());
        Some(memchr::memchr(b'\r', &rest[..end]).unwrap_or(end))
    } else {
        // A compact value: mostly short, found eight bytes at a time.
        return crate::swar::find2::<VALUE_SWAR>(b, from, b',', close).unwrap_or(b.len());
    };
    found.map_or(b.len(), |i| from + i)
}

/// A table of 256 entries: `inside` for the bytes of `set`, the opposite for the others.
const fn byte_table(set: &[u8], inside: bool) -> [bool; 256] {
    let mut t = [!inside; 256];
    let mut i = 0;
    while i < set.len() {
        t[set[i] as usize] = inside;
        i += 1;
    }
    t
}

/// Bytes that can only start bare text: not whitespace, not `{ [ "`, not a terminator.
static PLAIN_START: [bool; 256] = byte_table(b" \t\r\n{[\",}]", false);

/// Bytes that end a key as `read_key` reads it (`:` `,` `}`), quote it, or break its line.
static NOT_IN_PLAIN_NAME: [bool; 256] = byte_table(b":,}\"\n\r", true);

/// Equality of two byte strings of the same length, eight bytes at a time (field names are
/// short; this avoids a `memcmp` call per key). The last word overlaps the one before it (a
/// name of 8 to 16 bytes is two loads per side); under eight bytes, two overlapping `u32`s or
/// `u16`s the same way.
#[inline]
pub(crate) fn eq_short(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    #[inline(always)]
    fn w8(s: &[u8], at: usize) -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    }
    #[inline(always)]
    fn w4(s: &[u8], at: usize) -> u32 {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_le_bytes(w)
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if w8(a, i) != w8(b, i) {
                return false;
            }
            i += 8;
        }
        w8(a, n - 8) == w8(b, n - 8)
    } else if n >= 4 {
        w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4)
    } else if n >= 2 {
        let w2 = |s: &[u8], at: usize| u16::from_le_bytes([s[at], s[at + 1]]);
        w2(a, 0) == w2(b, 0) && w2(a, n - 2) == w2(b, n - 2)
    } else {
        n == 0 || a[0] == b[0]
    }
}

/// Whether `read_key` reads `name:` as the key `name`: no byte in it ends a key (`:` `,` `}`),
/// quotes one, or breaks a line.
#[cold]
fn plain_name(name: &str) -> bool {
    !name.bytes().any(|c| NOT_IN_PLAIN_NAME[c as usize])
}

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A JSV deserializer over text held in memory.
///
/// Use [`from_str`](super::from_str) for the common case. Build one by hand to set the
/// recursion limit or to wrap it, e.g. with `serde_path_to_error`; call [`end`](Self::end)
/// afterwards to reject trailing input.
///
/// ```
/// use serde::Deserialize;
/// #[derive(Deserialize, Debug, PartialEq)]
/// struct Item { #[serde(rename = "Qty")] qty: u32 }
///
/// let mut de = clubready_wire::jsv::Deserializer::from_str("{qty:3}");
/// let item: Item = serde_path_to_error::deserialize(&mut de).unwrap();
/// de.end().unwrap();
/// assert_eq!(item, Item { qty: 3 });
/// ```
pub struct Deserializer<'de> {
    input: &'de str,
    pos: usize,
    ctx: Ctx,
    depth: usize,
    limit: usize,
    /// List items and object entries that may still be read.
    items_left: usize,
    max_items: usize,
    /// Start of the value most recently looked at, for error positions.
    value_start: usize,
    /// Start of a key whose value has not been read yet (errors a visitor raises between key
    /// and value, such as a duplicate field, point there).
    /// `NO_KEY` when there is none (one word: it is written twice an entry).
    pending_key: usize,
    /// Where an object was last read as a one-element list.
    one_element_at: Option<usize>,
    /// Where `deserialize_option` last found an ordinary first byte (bare text in every
    /// context): the `bare_text` of its value there need not `classify` it again.
    bare_at: usize,
    /// Tests: whether the scalar fast paths may run, and how many values they have read.
    #[cfg(test)]
    fast: (bool, usize),
    /// Tests: how many times `bare_text` took `bare_at` instead of classifying.
    #[cfg(test)]
    skips: usize,
}

impl<'de> Deserializer<'de> {
    /// A deserializer reading `input`. A UTF-8 byte order mark at the very start is skipped
    /// (positions count from after it).
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(input: &'de str) -> Self {
        Self::of_value(input.strip_prefix('\u{feff}').unwrap_or(input))
    }

    /// A deserializer reading `input` as a value inside another text (a query parameter's):
    /// a byte order mark there is text, not skipped.
    pub(crate) fn of_value(input: &'de str) -> Self {
        Deserializer {
            input,
            pos: 0,
            ctx: TOP,
            depth: 0,
            limit: DEFAULT_RECURSION_LIMIT,
            items_left: DEFAULT_MAX_ITEMS,
            max_items: DEFAULT_MAX_ITEMS,
            value_start: 0,
            pending_key: NO_KEY,
            one_element_at: None,
            bare_at: usize::MAX,
            #[cfg(test)]
            fast: (true, 0),
            #[cfg(test)]
            skips: 0,
        }
    }

    /// A deserializer reading UTF-8 bytes; fails if they are not UTF-8.
    pub fn from_slice(input: &'de [u8]) -> Result<Self> {
        match std::str::from_utf8(input) {
            Ok(s) => Ok(Self::from_str(s)),
            Err(e) => Err(Error::new(ErrorCode::InvalidUtf8).at(input, e.valid_up_to())),
        }
    }

    /// Sets how deeply objects and lists may nest (default 128). Deeper input is an error; a limit
    /// above the default must fit the thread's stack (see [`Options::recursion_limit`](crate::jsv::Options::recursion_limit)).
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
            let found = self.found_raw();
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

    /// The first byte at or after the cursor that is not whitespace.
    #[inline]
    fn peek_past_ws(&self) -> Option<u8> {
        self.bytes()[self.pos..]
            .iter()
            .copied()
            .find(|&b| !is_ws(b))
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

    /// [layout] In a pretty object or list: line breaks, then at most one tab per open container.
    fn skip_layout(&mut self) {
        while matches!(self.peek(), Some(b'\r' | b'\n')) {
            self.pos += 1;
        }
        let mut tabs = self.ctx.tabs;
        while tabs > 0 && self.peek() == Some(b'\t') {
            self.pos += 1;
            tabs -= 1;
        }
    }

    fn err(&self, code: ErrorCode) -> Error {
        Error::new(code).at(self.bytes(), self.pos)
    }

    /// Gives an error without a position the start of the current value (errors a
    /// `Deserialize` impl raises after reading its value have none).
    pub(crate) fn fix(&self, err: Error) -> Error {
        if err.has_position() {
            err
        } else {
            err.at(self.bytes(), self.value_start)
        }
    }

    /// The piece of input at the cursor, for "found ..." in errors.
    fn found_here(&self) -> Found {
        let b = self.bytes();
        if self.pos >= b.len() {
            Found::Eof
        } else if self.at_terminator() {
            Found::Null
        } else {
            let mut end = self.bare_end(self.pos).max(self.pos + 1).min(b.len());
            while !self.input.is_char_boundary(end) {
                end += 1;
            }
            Found::text(&b[self.pos..end])
        }
    }

    /// The next few characters at the cursor, for syntax errors (see
    /// [`found_at`](crate::error::found_at)).
    fn found_raw(&self) -> Found {
        crate::error::found_at(self.input, self.pos)
    }

    fn syntax(&self, expected: &'static str) -> Error {
        let found = self.found_raw();
        let category = if matches!(found, Found::Eof) {
            Category::Eof
        } else {
            Category::Syntax
        };
        self.err(ErrorCode::Expected {
            expected,
            found,
            category,
        })
    }

    fn expected(&self, expected: &'static str, category: Category) -> Error {
        let found = self.found_here();
        let category = if matches!(found, Found::Eof) {
            Category::Eof
        } else {
            category
        };
        self.err(ErrorCode::Expected {
            expected,
            found,
            category,
        })
    }

    #[inline]
    fn is_terminator(&self, b: u8) -> bool {
        !self.ctx.top
            && (b == b',' || b == self.ctx.close || (self.ctx.pretty && (b == b'\n' || b == b'\r')))
    }

    #[inline]
    fn at_terminator(&self) -> bool {
        match self.peek() {
            None => true,
            Some(b) => self.is_terminator(b),
        }
    }

    /// [bare] End of a bare value starting at `from`: the next `,` or closing bracket (and in
    /// pretty layout the end of the line); the end of the input at the top level.
    #[inline]
    fn bare_end(&self, from: usize) -> usize {
        if self.ctx.compact {
            // Nearly every value: compact JSV inside an object or list.
            return crate::swar::find2::<VALUE_SWAR>(self.bytes(), from, b',', self.ctx.close)
                .unwrap_or(self.bytes().len());
        }
        self.bare_end_slow(from)
    }

    fn bare_end_slow(&self, from: usize) -> usize {
        let b = self.bytes();
        if self.ctx.top || self.ctx.close == BARE_LIST {
            // [bare-list] The items of a list without brackets end at a `,`.
            if self.ctx.close == BARE_LIST {
                if let Some(i) = memchr::memchr(b',', &b[from..]) {
                    return from + i;
                }
            }
            // The whole text, less a final line break (files end in one; the writer quotes
            // text that holds CR or LF, so it is never data here).
            let mut end = b.len();
            if end > from && b[end - 1] == b'\n' {
                end -= 1;
                if end > from && b[end - 1] == b'\r' {
                    end -= 1;
                }
            }
            return end;
        }
        let close = if self.ctx.close == b'}' {
            CLOSE_MAP
        } else {
            CLOSE_LIST
        };
        let line = if self.ctx.pretty { LINE } else { 0 };
        scan(self.bytes(), from, COMMA | close | line)
    }

    /// Looks at the value under the cursor. Whitespace before `{` or `[` (and, at the top level,
    /// before `"`) is layout and is skipped; any other whitespace belongs to a bare value.
    #[inline]
    fn classify(&mut self) -> Kind {
        // Nearly every value starts with an ordinary byte: bare text, decided by one lookup.
        if self.plain_here() {
            self.value_start = self.pos;
            return Kind::Bare;
        }
        self.classify_slow()
    }

    /// Whether the byte at the cursor can only start bare text (`classify`'s first test,
    /// which does not depend on the context).
    #[inline]
    fn plain_here(&self) -> bool {
        matches!(self.peek(), Some(c) if PLAIN_START[c as usize])
    }

    fn classify_slow(&mut self) -> Kind {
        let b = self.bytes();
        let mut i = self.pos;
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        if i < b.len() {
            match b[i] {
                c @ (b'{' | b'[') => {
                    self.pos = i;
                    self.value_start = i;
                    return Kind::Open(c);
                }
                b'"' if i == self.pos || self.ctx.top => {
                    self.pos = i;
                    self.value_start = i;
                    return Kind::Quoted;
                }
                _ => {}
            }
        }
        self.value_start = self.pos;
        if self.at_terminator() {
            Kind::Null
        } else {
            Kind::Bare
        }
    }

    /// [scalar] Reads the value under the cursor as text: bare, unquoted, or the raw text of a
    /// bracketed value (a string property given `{x}` or `[1,2]` holds that text, as in
    /// ServiceStack). `None` for an empty (null) value.
    fn read_scalar(&mut self) -> Result<Option<Cow<'de, str>>> {
        match self.classify() {
            Kind::Null => Ok(None),
            Kind::Bare => {
                let end = self.bare_end(self.pos);
                let text = &self.input[self.pos..end];
                self.pos = end;
                Ok(Some(Cow::Borrowed(text)))
            }
            Kind::Quoted => self.read_quoted().map(Some),
            Kind::Open(open) => {
                let start = self.pos;
                let end = self.balanced_end(open)?;
                self.pos = end;
                Ok(Some(Cow::Borrowed(&self.input[start..end])))
            }
        }
    }

    fn read_quoted(&mut self) -> Result<Cow<'de, str>> {
        match quoted(&self.input[self.pos..]) {
            Ok((rest, text)) => {
                self.pos = self.input.len() - rest.len();
                Ok(text)
            }
            Err(_) => {
                // Reported where the quote opens: the end of the input says little.
                Err(Error::new(ErrorCode::Expected {
                    expected: "a closing `\"` for the quote opened here",
                    found: Found::Eof,
                    category: Category::Eof,
                })
                .at(self.bytes(), self.pos))
            }
        }
    }

    /// [raw] ServiceStack's bracket balancing (quote-aware) from an opening bracket at the
    /// cursor; returns the index just past the matching close.
    fn balanced_end(&self, open: u8) -> Result<usize> {
        let close = if open == b'{' { b'}' } else { b']' };
        let b = self.bytes();
        let mut depth = 0usize;
        let mut in_quotes = false;
        let mut i = self.pos;
        while let Some(rel) = memchr3(open, close, b'"', &b[i..]) {
            let at = i + rel;
            match b[at] {
                b'"' => in_quotes = !in_quotes,
                _ if in_quotes => {}
                c if c == open => depth += 1,
                _ => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(at + 1);
                    }
                }
            }
            i = at + 1;
        }
        Err(Error::new(ErrorCode::Expected {
            expected: if open == b'{' {
                "a closing `}`"
            } else {
                "a closing `]`"
            },
            found: Found::Eof,
            category: Category::Eof,
        })
        .at(b, b.len()))
    }

    /// Enters the object or list whose opening bracket is under the cursor.
    #[inline]
    fn open(&mut self, open: u8) -> Result<Ctx> {
        if self.depth >= self.limit {
            return Err(self.err(ErrorCode::RecursionLimitExceeded(self.limit)));
        }
        self.depth += 1;
        self.pos += 1;
        self.one_element_at = None;
        let b = self.bytes();
        let pretty = match b.get(self.pos) {
            Some(b'\n') => true,
            Some(b'\r') => b.get(self.pos + 1) == Some(&b'\n'),
            _ => false,
        };
        let parent = self.ctx;
        self.ctx = Ctx {
            top: false,
            close: if open == b'{' { b'}' } else { b']' },
            pretty,
            tabs: self.depth,
            compact: !pretty,
        };
        Ok(parent)
    }

    /// Leaves the current object or list: expects its closing bracket. The bracket right at
    /// the cursor (compact JSV) is taken inline, anything else out of line.
    #[inline]
    fn close(&mut self, parent: Ctx) -> Result<()> {
        if self.peek() == Some(self.ctx.close) {
            self.pos += 1;
            self.ctx = parent;
            self.depth -= 1;
            return Ok(());
        }
        self.close_after_ws(parent)
    }

    /// [`close`](Self::close) past whitespace.
    fn close_after_ws(&mut self, parent: Ctx) -> Result<()> {
        self.skip_ws();
        if self.peek() == Some(self.ctx.close) {
            self.pos += 1;
            self.ctx = parent;
            self.depth -= 1;
            Ok(())
        } else if self.ctx.close == b'}' {
            Err(self.syntax("`}` to end the object"))
        } else {
            Err(self.syntax("`]` to end the list"))
        }
    }

    /// [entry] Reads `key:` and positions the cursor at the value. Returns the key and the
    /// byte span it came from.
    fn read_key(&mut self) -> Result<(Cow<'de, str>, usize)> {
        // [entry] Whitespace before a quoted key is layout (JSON-style text such as
        // `{"ApiKey": "abc", "StoreId": 5}`, whose values may then follow `: ` too).
        if self.peek() != Some(b'"') && self.peek_past_ws() == Some(b'"') {
            self.skip_ws();
        }
        let start = self.pos;
        let key = if self.peek() == Some(b'"') {
            let key = self.read_quoted()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.syntax("`:` after the key"));
            }
            self.pos += 1;
            if !self.ctx.pretty && self.peek_past_ws() == Some(b'"') {
                self.skip_ws();
            }
            key
        } else {
            let b = self.bytes();
            let rest = &b[start..];
            let colon = match scan(b, start, COLON | COMMA | CLOSE_MAP) - start {
                i if rest.get(i) == Some(&b':') => i,
                _ => {
                    let what = if self.at_terminator() {
                        "a key"
                    } else {
                        "`:` after the key"
                    };
                    return Err(self.syntax(what));
                }
            };
            if self.ctx.pretty && memchr::memchr(b'\n', &rest[..colon]).is_some() {
                return Err(self.syntax("`:` after the key"));
            }
            self.pos = start + colon + 1;
            Cow::Borrowed(&self.input[start..start + colon])
        };
        self.after_colon();
        Ok((key, start))
    }

    /// Positions the cursor at an entry's value, just after its `:`.
    #[inline]
    fn after_colon(&mut self) {
        if self.ctx.pretty {
            // [pretty-entry] Exactly one space after `Key:` is layout; a value on the next
            // line must be an object or list.
            if self.peek() == Some(b' ') {
                self.pos += 1;
            }
            if matches!(self.peek(), Some(b'\r' | b'\n')) {
                let b = self.bytes();
                let mut i = self.pos;
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                if matches!(b.get(i), Some(b'{' | b'[')) {
                    self.pos = i;
                }
            }
        }
    }

    /// The key text at `start`, for an error path.
    fn key_at(&self, start: usize) -> String {
        let rest = &self.input[start..];
        if rest.starts_with('"') {
            if let Ok((_, k)) = quoted(rest) {
                return k.into_owned();
            }
        }
        let end = memchr::memchr(b':', rest.as_bytes()).unwrap_or(rest.len());
        rest[..end].to_owned()
    }

    fn null_error(&self, expected: &'static str) -> Error {
        let (found, category) = if self.ctx.top {
            (Found::Eof, Category::Eof)
        } else {
            (Found::Null, Category::Data)
        };
        Error::new(ErrorCode::Expected {
            expected,
            found,
            category,
        })
        .at(self.bytes(), self.value_start)
    }

    /// Skips one value of any shape (unknown properties), checking its structure.
    fn skip_value(&mut self) -> Result<()> {
        de::Deserializer::deserialize_any(&mut *self, IgnoredAny).map(|_| ())
    }
}

/// The scalar methods: bare text read in place, anything else as `read_scalar` reads it, then
/// parsed by [`ScalarDeserializer`]. A method given `fast(..) => visit` first tries that fast
/// path, which reads only what the general path reads to the same value.
macro_rules! scalar_methods {
    ($($method:ident($($fast:ident($($flag:expr)?) => $visit:ident)?) => $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            $(if let Some(v) = self.$fast($($flag)?) {
                return visitor.$visit(v).map_err(|e| self.fix(e));
            })?
            if let Some(text) = self.bare_text() {
                return ScalarDeserializer::new(Cow::Borrowed(text))
                    .$method(visitor)
                    .map_err(|e| self.fix(e));
            }
            match self.read_scalar()? {
                Some(text) => ScalarDeserializer::new(text)
                    .$method(visitor)
                    .map_err(|e| self.fix(e)),
                None => Err(self.null_error($what)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    // Bare text here (enums and decimals are read this way), anything else out of line: the
    // one method with every shape in it cost each bare value ~120 instructions of set-up
    // (callgrind, the bench); forcing this part inline measured worse than leaving it to the
    // compiler.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if let Some(text) = self.bare_text() {
            return visitor.visit_borrowed_str(text).map_err(|e| self.fix(e));
        }
        self.any_not_bare(visitor)
    }

    scalar_methods! {
        deserialize_bool(compact_bool() => visit_bool) => "a bool";
        deserialize_i8(compact_int(true) => visit_i8) => "an integer";
        deserialize_i16(compact_int(true) => visit_i16) => "an integer";
        deserialize_i32(compact_int(true) => visit_i32) => "an integer";
        deserialize_i64(compact_int(true) => visit_i64) => "an integer";
        deserialize_i128(compact_int(true) => visit_i128) => "an integer";
        deserialize_u8(compact_int(false) => visit_u8) => "an integer";
        deserialize_u16(compact_int(false) => visit_u16) => "an integer";
        deserialize_u32(compact_int(false) => visit_u32) => "an integer";
        deserialize_u64(compact_int(false) => visit_u64) => "an integer";
        deserialize_u128(compact_int(false) => visit_u128) => "an integer";
        deserialize_f32() => "a number";
        deserialize_f64() => "a number";
        deserialize_char() => "a character";
        deserialize_identifier() => "a name";
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.text(visitor)
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.text(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Bytes are written as a list of numbers (`[104,105]`); text reads as its UTF-8 bytes.
        match self.classify() {
            Kind::Open(b'[') => self.deserialize_seq(visitor),
            Kind::Null => Err(self.null_error("bytes")),
            _ => match self.read_scalar()? {
                Some(text) => ScalarDeserializer::new(text)
                    .deserialize_bytes(visitor)
                    .map_err(|e| self.fix(e)),
                None => Err(self.null_error("bytes")),
            },
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    // Not inlined: inlined into a derived struct visitor's loop (one copy per `Option` field),
    // it made the compiler move every field's state between registers and the stack on each
    // entry, ~60 instructions a key (callgrind, the bench).
    #[inline(never)]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // [null] An empty value is null; `""` is the empty string.
        if self.plain_here() {
            // `classify`'s bare text; the value's `bare_text` takes it from `bare_at` (~150
            // instructions a decode of the bench's request, which has 21 `Option` values).
            self.value_start = self.pos;
            #[cfg(test)]
            if !self.fast.0 {
                return visitor.visit_some(self);
            }
            self.bare_at = self.pos;
            return visitor.visit_some(self);
        }
        match self.classify_slow() {
            Kind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.classify() {
            Kind::Null => visitor.visit_unit(),
            _ => Err(self.expected("an empty value", Category::Data)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.classify() {
            // [bare-list] At the top level a list may come without its brackets (`a,b`,
            // `{..},{..}`), as ServiceStack reads it (and a query string's list values).
            Kind::Bare | Kind::Quoted | Kind::Open(b'{') if self.ctx.top => {
                if self.depth >= self.limit {
                    return Err(self.err(ErrorCode::RecursionLimitExceeded(self.limit)));
                }
                self.depth += 1;
                let parent = self.ctx;
                self.ctx = Ctx {
                    top: false,
                    close: BARE_LIST,
                    pretty: false,
                    tabs: 0,
                    compact: false,
                };
                let value = visitor
                    .visit_seq(BareItems {
                        de: &mut *self,
                        index: 0,
                    })
                    .map_err(|e| self.fix(e));
                self.ctx = parent;
                self.depth -= 1;
                value
            }
            Kind::Open(b'[') => {
                let parent = self.open(b'[')?;
                let value = visitor
                    .visit_seq(SeqAccess {
                        de: &mut *self,
                        first: true,
                        objects: false,
                        last_object: false,
                        index: 0,
                    })
                    .map_err(|e| self.fix(e))?;
                self.close(parent)?;
                Ok(value)
            }
            // [single] One object where a list is expected is a one-element list. A type that
            // asks for a list again at the same `{` (`struct Tree(Vec<Tree>)`) gets an error, not
            // an endless descent.
            Kind::Open(_) => {
                if self.one_element_at == Some(self.pos) {
                    return Err(self.expected("`[` (a list)", Category::Data));
                }
                if self.depth >= self.limit {
                    return Err(self.err(ErrorCode::RecursionLimitExceeded(self.limit)));
                }
                self.depth += 1;
                self.one_element_at = Some(self.pos);
                let value = visitor.visit_seq(OneElement {
                    de: &mut *self,
                    done: false,
                });
                self.depth -= 1;
                value
            }
            Kind::Null => Err(self.null_error("`[` (a list)")),
            _ => Err(self.expected("`[` (a list)", Category::Data)),
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
        self.object(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.object(Some(fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.classify() {
            Kind::Open(b'{') => {
                // `{Variant:value}`
                let parent = self.open(b'{')?;
                if self.ctx.pretty {
                    self.skip_layout();
                }
                let value = visitor
                    .visit_enum(EnumAccess {
                        de: &mut *self,
                        variants,
                    })
                    .map_err(|e| self.fix(e))?;
                self.close(parent)?;
                Ok(value)
            }
            Kind::Open(_) => Err(self.expected("an enum variant", Category::Data)),
            Kind::Null => Err(self.null_error("an enum variant")),
            Kind::Quoted | Kind::Bare => match self.read_scalar()? {
                Some(text) => ScalarDeserializer::new(text)
                    .deserialize_enum(name, variants, visitor)
                    .map_err(|e| self.fix(e)),
                None => Err(self.null_error("an enum variant")),
            },
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_value()?;
        visitor.visit_unit()
    }
}

impl<'de> Deserializer<'de> {
    /// `deserialize_any` of a value that is not bare text: an object, a list, null, a quote.
    #[inline(never)]
    fn any_not_bare<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        use de::Deserializer as _;
        match self.classify() {
            Kind::Open(b'{') => (&mut *self).deserialize_map(visitor),
            Kind::Open(_) => (&mut *self).deserialize_seq(visitor),
            Kind::Null => visitor.visit_none(),
            Kind::Quoted | Kind::Bare => match self.read_scalar()? {
                Some(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
                Some(Cow::Owned(s)) => visitor.visit_string(s),
                None => visitor.visit_none(),
            }
            .map_err(|e| self.fix(e)),
        }
    }

    /// Bare text under the cursor (nearly every scalar), read; `None` (nothing read) for any
    /// other kind of value, which [`read_scalar`](Self::read_scalar) then reads.
    ///
    /// Forced inline: left to the compiler, it stayed a function of its own for the scalar
    /// methods and `deserialize_any` (decimals, enums), whose call, register saves and
    /// reloads cost ~20 instructions a value (callgrind, the bench: 18,251 → 18,222).
    #[inline(always)]
    fn bare_text(&mut self) -> Option<&'de str> {
        // Where `deserialize_option` found an ordinary byte, `classify` gives bare text again
        // (and `value_start` is already the cursor).
        let kind = if self.bare_at == self.pos {
            #[cfg(test)]
            {
                self.skips += 1;
            }
            Kind::Bare
        } else {
            self.classify()
        };
        match kind {
            Kind::Bare => {
                let end = self.bare_end(self.pos);
                let text = &self.input[self.pos..end];
                self.pos = end;
                Some(text)
            }
            _ => None,
        }
    }

    /// Whether a compact value that ends at `end` ends there: `,`, the close, or the end of the
    /// input ([`bare_end`](Self::bare_end) in compact layout).
    #[inline]
    fn compact_end(&self, end: usize) -> bool {
        match self.bytes().get(end) {
            None => true,
            Some(&c) => c == b',' || c == self.ctx.close,
        }
    }

    /// Reading done by a fast path: the cursor moves past the value as `bare_text` moves it.
    #[inline]
    fn fast_read(&mut self, end: usize) {
        self.value_start = self.pos;
        self.pos = end;
        #[cfg(test)]
        {
            self.fast.1 += 1;
        }
    }

    /// The integer methods' fast path: in a compact object or list, an optional `-` (`signed`
    /// types only) and 1 to 18 ASCII digits (they fit an `i64`) right before the value's end,
    /// in the range of `T`: read without finding the end with `find2`, slicing, and `FromStr`,
    /// to the value and position the general path gives it. `None`, nothing read, for anything
    /// else (`+5`, whitespace, more digits, out of range, pretty layout, the top level), which
    /// the general path then reads (or rejects) as before. It saved ~100 instructions an
    /// integer field, of ~165 the general way (callgrind, the bench: 23,708 → 23,209 a decode
    /// for its five).
    #[inline]
    fn compact_int<T: TryFrom<i64>>(&mut self, signed: bool) -> Option<T> {
        #[cfg(test)]
        if !self.fast.0 {
            return None;
        }
        if !self.ctx.compact {
            return None;
        }
        let (n, len) = super::scalar::leading_int_in_word(&self.bytes()[self.pos..], signed)?;
        let end = self.pos + len;
        if !self.compact_end(end) {
            return None;
        }
        let v = T::try_from(n).ok()?;
        self.fast_read(end);
        Some(v)
    }

    /// The bool method's fast path: in a compact object or list, `True` or `False` (as
    /// ServiceStack writes them) or `true` or `false` right before the value's end. `None`,
    /// nothing read, for anything else (other cases, `1`, `0`, ...), which the general path
    /// then reads as before. It saved ~117 instructions a bool field, of ~183 the general way
    /// (callgrind, the bench: 23,209 → 22,975 a decode for its two).
    #[inline]
    fn compact_bool(&mut self) -> Option<bool> {
        #[cfg(test)]
        if !self.fast.0 {
            return None;
        }
        if !self.ctx.compact {
            return None;
        }
        let rest = &self.bytes()[self.pos..];
        let (v, n) = match rest.first() {
            Some(b'T' | b't') => (true, 4),
            Some(b'F' | b'f') => (false, 5),
            _ => return None,
        };
        if !matches!(rest.get(..n)?, b"True" | b"true" | b"False" | b"false")
            || !self.compact_end(self.pos + n)
        {
            return None;
        }
        self.fast_read(self.pos + n);
        Some(v)
    }

    /// A string's text for `visitor`: bare text (nearly every string) handed over borrowed
    /// straight away, anything else as [`read_scalar`](Self::read_scalar) reads it.
    #[inline]
    fn text<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.bare_text() {
            Some(text) => visitor.visit_borrowed_str(text).map_err(|e| self.fix(e)),
            None => self.text_not_bare(visitor),
        }
    }

    /// [`text`](Self::text) of a value that is not bare text, out of line.
    #[inline(never)]
    fn text_not_bare<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.read_scalar()? {
            Some(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Some(Cow::Owned(s)) => visitor.visit_string(s),
            None => return Err(self.null_error("a string")),
        }
        .map_err(|e| self.fix(e))
    }

    /// [object] `{` entries `}` for a struct (`fields` known) or a dictionary.
    fn object<V: Visitor<'de>>(
        &mut self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value> {
        // An object's `{` right at the cursor (nearly always) is taken as `classify` takes it,
        // without its out-of-line search past whitespace.
        let kind = if self.peek() == Some(b'{') {
            self.value_start = self.pos;
            Kind::Open(b'{')
        } else {
            self.classify()
        };
        match kind {
            Kind::Open(b'{') => {
                let parent = self.open(b'{')?;
                // The cursor goes back onto the `{`: the first `next_key_seed` steps over it
                // where it would step over a `,`, off the path of every other key (which then
                // tests no `first` flag before its `,`).
                let brace = self.pos - 1;
                self.pos = brace;
                let value = visitor.visit_map(MapAccess {
                    de: &mut *self,
                    fields,
                    first: true,
                    hint: 0,
                    field: NO_FIELD,
                    key_start: 0,
                });
                if self.pos == brace {
                    // No key was asked for.
                    self.pos += 1;
                }
                let pending_key = std::mem::replace(&mut self.pending_key, NO_KEY);
                // The value is returned in the `Result` `visit_map` gave it in (moved out and
                // into a new one, the bench's request, 700 bytes, was copied once more).
                if let Err(e) = value {
                    return Err(if e.has_position() {
                        e
                    } else {
                        // A duplicate field points at its key, a missing one at the object's end.
                        e.at(
                            self.bytes(),
                            if pending_key == NO_KEY {
                                self.pos
                            } else {
                                pending_key
                            },
                        )
                    });
                }
                self.close(parent)?;
                value
            }
            Kind::Null => Err(self.null_error("`{` (an object)")),
            _ => Err(self.expected("`{` (an object)", Category::Data)),
        }
    }
}

struct MapAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    fields: Option<&'static [&'static str]>,
    first: bool,
    /// Index of the field expected next (fields usually come in declaration order).
    hint: usize,
    /// Index in `fields` of the struct field the current key matched, else `NO_FIELD` (one
    /// word: it is written once an entry).
    field: usize,
    key_start: usize,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let de = &mut *self.de;
        if de.peek() == Some(b',') {
            // Compact JSV: the `,` right after the value (never the first key: the cursor is
            // then on the `{`).
            de.pos += 1;
        } else if self.first {
            // The cursor is on the object's `{` (see `object`).
            self.first = false;
            de.pos += 1;
        } else {
            de.skip_ws();
            match de.peek() {
                Some(b',') => de.pos += 1,
                Some(b'}') => return Ok(None),
                _ => {
                    // Reported under the key whose value it follows.
                    let err = de.syntax("`,` or `}` after a value");
                    return Err(err.within(Segment::Key(self.key_name())));
                }
            }
        }
        if de.ctx.pretty {
            // [pretty-entry] Line breaks and indentation tabs are layout; spaces are part of a
            // dictionary key (property names are trimmed when matched anyway).
            de.skip_layout();
        }
        // [entries] `{}` (blank inside) and a trailing comma before `}` end the object.
        let plain = de.plain_here();
        if !plain && de.peek_past_ws() == Some(b'}') {
            de.skip_ws();
            return Ok(None);
        }
        de.count_item()?;
        let start = de.pos;
        self.key_start = start;
        de.pending_key = start;
        if let Some(fields) = self.fields {
            // Fast path: properties usually come in declaration order (nulls left out), so try
            // the next few field names verbatim before scanning for the `:`; then every field
            // name (a property out of order), which costs less than reading the key and
            // matching it. The search yields the name with its index (no second, bounds-checked
            // `fields[i]`).
            let rest = &de.bytes()[start..];
            let (i, name) = 'found: {
                let end = fields.len().min(self.hint + 4);
                // An index loop: iterator adapters here measured slower (callgrind, the bench).
                #[allow(clippy::needless_range_loop)]
                for i in self.hint..end {
                    let name = fields[i];
                    let n = name.len();
                    if rest.get(n) == Some(&b':') && eq_short(&rest[..n], name.as_bytes()) {
                        break 'found (i, name);
                    }
                }
                // Further on: the field whose name is there verbatim, if `read_key` would read
                // that name the same way (no byte that ends or quotes a key); such a name is
                // the key itself, so it is the field `match_name` finds. Searched from past the
                // window on, wrapping round: a run of null properties left out (the bench's
                // last key follows eight) is found without a pass over the fields before it.
                let len = fields.len();
                let mut i = end;
                for _ in 0..len {
                    if i == len {
                        i = 0;
                    }
                    let name = fields[i];
                    let n = name.len();
                    if rest.get(n) == Some(&b':') && eq_short(&rest[..n], name.as_bytes()) {
                        if plain_name(name) {
                            break 'found (i, name);
                        }
                        break;
                    }
                    i += 1;
                }
                return self.key_read(seed);
            };
            de.pos = start + name.len() + 1;
            de.after_colon();
            self.hint = i + 1;
            self.field = i;
            return seed
                .deserialize(de::value::BorrowedStrDeserializer::<Error>::new(name))
                .map(Some)
                .map_err(|e| e.at(self.de.bytes(), start));
        }
        self.key_read(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.de.pending_key = NO_KEY;
        seed.deserialize(&mut *self.de).map_err(|e| {
            let e = self.de.fix(e);
            e.within(Segment::Key(self.key_name()))
        })
    }
}

impl<'de> MapAccess<'_, 'de> {
    /// A key the fast path did not find (a dictionary's, or a property name not there
    /// verbatim): read with `read_key`, then matched with `match_name`.
    #[inline(never)]
    fn key_read<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let de = &mut *self.de;
        let (key, start) = de.read_key()?;
        let result = match self.fields {
            Some(fields) => match match_name(&key, fields, self.hint) {
                Some(i) => {
                    self.hint = i + 1;
                    self.field = i;
                    seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(fields[i]))
                }
                None => {
                    self.field = NO_FIELD;
                    seed.deserialize(ScalarDeserializer::new(key))
                }
            },
            None => {
                self.field = NO_FIELD;
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
}

impl MapAccess<'_, '_> {
    /// The current entry's name for an error path: the field it matched, else the key as read.
    fn key_name(&self) -> String {
        match self.fields.and_then(|f| f.get(self.field)) {
            Some(f) => (*f).to_owned(),
            None => self.de.key_at(self.key_start),
        }
    }
}

struct SeqAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
    /// A list of objects (its first item is one): a trailing comma right after an object adds
    /// no element, as ServiceStack reads it (p076).
    objects: bool,
    /// Whether the item just read was an object.
    last_object: bool,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let de = &mut *self.de;
        if self.first {
            self.first = false;
            if de.ctx.pretty {
                de.skip_layout();
                if matches!(de.peek(), Some(b'\r' | b'\n')) {
                    // An empty pretty list: `[`, a line, `]`.
                    de.skip_ws();
                }
            }
            if de.peek() == Some(b']') {
                return Ok(None);
            }
            self.objects = de.peek_past_ws() == Some(b'{');
        } else {
            if de.peek() != Some(b',') {
                de.skip_ws();
            }
            match de.peek() {
                Some(b',') => de.pos += 1,
                Some(b']') => return Ok(None),
                _ => return Err(de.syntax("`,` or `]` after a list item")),
            }
            if de.ctx.pretty {
                de.skip_layout();
            }
            // [items] `[a,]` is `a` and a null; `[{..},]` is one object; `[{..},,]` is an
            // object and two nulls (so that what is read prints back the same). In pretty
            // layout a comma followed only by blank lines before `]` is a trailing comma too.
            let trailing = match de.peek() {
                Some(b']') => true,
                Some(b'\r' | b'\n') => de.peek_past_ws() == Some(b']'),
                _ => false,
            };
            if trailing && self.objects && self.last_object {
                de.skip_ws();
                return Ok(None);
            }
        }
        self.last_object = de.peek_past_ws() == Some(b'{');
        de.count_item()?;
        let index = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.de)
            .map(Some)
            .map_err(|e| self.de.fix(e).within(Segment::Index(index)))
    }
}

/// [bare-list] The items of a top-level list without brackets: separated by `,`, to the end of
/// the text.
struct BareItems<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for BareItems<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let de = &mut *self.de;
        if self.index > 0 {
            match de.peek() {
                Some(b',') => de.pos += 1,
                None => return Ok(None),
                // After an object, a final line break or spaces are layout.
                Some(_) if de.peek_past_ws().is_none() => {
                    de.skip_ws();
                    return Ok(None);
                }
                Some(_) => return Err(de.syntax("`,` between list items")),
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

/// A single object read as a one-element list.
struct OneElement<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for OneElement<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.done {
            return Ok(None);
        }
        self.done = true;
        self.de.count_item()?;
        seed.deserialize(&mut *self.de)
            .map(Some)
            .map_err(|e| self.de.fix(e).within(Segment::Index(0)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(!self.done))
    }
}

/// `{Variant:value}` for enum variants that carry data.
struct EnumAccess<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    variants: &'static [&'static str],
}

impl<'a, 'de> de::EnumAccess<'de> for EnumAccess<'a, 'de> {
    type Error = Error;
    type Variant = VariantAccess<'a, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant)> {
        let (key, start) = self.de.read_key()?;
        let (value, name) = match match_name(&key, self.variants, 0) {
            Some(i) => (
                seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(
                    self.variants[i],
                )),
                Cow::Borrowed(self.variants[i]),
            ),
            None => (seed.deserialize(ScalarDeserializer::new(key.clone())), key),
        };
        let value = value.map_err(|e| e.at(self.de.bytes(), start))?;
        Ok((value, VariantAccess { de: self.de, name }))
    }
}

/// The value of `{Variant:value}`; errors inside it name the variant in their path.
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
        let result = self.de.object(Some(fields), visitor);
        result.map_err(|e| self.segment(e))
    }
}

#[cfg(test)]
mod tests {
    use super::{eq_short, Deserializer};
    use serde::Deserialize;
    use std::fmt::Debug;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Wide {
        a: Option<u8>,
        b: Option<u8>,
        c: Option<u8>,
        d: Option<u8>,
        e: Option<u8>,
        f: Option<u8>,
        #[serde(rename = "g:h")]
        g: Option<u8>,
    }

    #[test]
    fn keys_out_of_order_match_as_in_order() {
        let w: Wide = crate::jsv::from_str("{f:6,a:1,e:5,b:2,d:4,c:3}").unwrap();
        let all = Wide {
            a: Some(1),
            b: Some(2),
            c: Some(3),
            d: Some(4),
            e: Some(5),
            f: Some(6),
            g: None,
        };
        assert_eq!(w, all);
        let w: Wide = crate::jsv::from_str("{F:6,A:1,e:5,B:2,d:4,C:3}").unwrap();
        assert_eq!(w, all);
        // Past the window of expected names (four from the last match), both ways round.
        let w: Wide = crate::jsv::from_str("{a:1,f:6,b:2,e:5,c:3,d:4}").unwrap();
        assert_eq!(w, all);
        let w: Wide = crate::jsv::from_str("{a:1,f:6}").unwrap();
        assert_eq!((w.a, w.f, w.b), (Some(1), Some(6), None));
        // Out of order, a name holding `:` is read as `read_key` reads it: the key ends at the
        // first `:` (an unknown key `g`), as before the out-of-order fast path.
        let w: Wide = crate::jsv::from_str("{a:1,g:h:7}").unwrap();
        assert_eq!((w.a, w.g), (Some(1), None));
    }

    #[test]
    fn eq_short_compares_every_byte_at_every_length() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n as u8).map(|i| b'A' + i).collect();
            assert!(eq_short(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!eq_short(&a, &b), "{n} {at}");
            }
            assert!(!eq_short(&a, &a[..n.saturating_sub(1)]) || n == 0);
        }
    }

    /// The first key is read from the object's `{` (the cursor is put back on it), the others
    /// from their `,`: what is accepted and rejected at the first key, and where an object
    /// whose visitor asks for no key leaves the cursor, are as when the first key was
    /// flagged (these outcomes were recorded from that reader).
    #[test]
    fn first_key_and_separators_read_as_before() {
        use serde::de::{self, Deserializer as _, MapAccess, Visitor};

        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Named {
            a: Option<String>,
            b: Option<u8>,
        }

        /// A map visitor that asks for no key, then fails or succeeds.
        struct Early(bool);
        impl<'de> Visitor<'de> for Early {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<(), A::Error> {
                if self.0 {
                    Err(de::Error::custom("refused"))
                } else {
                    Ok(())
                }
            }
        }

        let mut seen = Vec::new();
        for text in [
            "{,a:x}",
            "{ ,a:x}",
            "{a:\"x\"{b:2}}",
            "{a:\"x\",,b:2}",
            "{}",
            "{,}",
            "{\n\t,a:x\n}",
            "{a:x,a:y}",
            "{b:300}",
            "{\"a\":\"x\" ,\"b\":2 }",
        ] {
            let r: Result<Named, _> = crate::jsv::from_str(text);
            seen.push(format!("{text:?} => {r:?}"));
            let r: Result<std::collections::BTreeMap<String, String>, _> =
                crate::jsv::from_str(text);
            seen.push(format!("map {text:?} => {r:?}"));
        }
        for early in [true, false] {
            for text in ["{a:x}", "{}", "{\n\ta: x\n}"] {
                let mut d = Deserializer::from_str(text);
                let r = (&mut d).deserialize_map(Early(early)).map_err(|e| d.fix(e));
                seen.push(format!("early {early} {text:?} => {r:?} pos {}", d.pos));
                let mut d = Deserializer::from_str(text);
                let r = (&mut d)
                    .deserialize_struct("N", &["a"], Early(early))
                    .map_err(|e| d.fix(e));
                seen.push(format!(
                    "early struct {early} {text:?} => {r:?} pos {}",
                    d.pos
                ));
            }
        }
        let expected = [
            "\"{,a:x}\" => Err(Error(Syntax, \"expected a key, found `,` at line 1 column 2\"))",
            "map \"{,a:x}\" => Err(Error(Syntax, \"expected a key, found `,` at line 1 column 2\"))",
            "\"{ ,a:x}\" => Err(Error(Syntax, \"expected `:` after the key, found ` ` at line 1 column 2\"))",
            "map \"{ ,a:x}\" => Err(Error(Syntax, \"expected `:` after the key, found ` ` at line 1 column 2\"))",
            "\"{a:\\\"x\\\"{b:2}}\" => Err(Error(Syntax, \"a: expected `,` or `}` after a value, found `{b` at line 1 column 7\"))",
            "map \"{a:\\\"x\\\"{b:2}}\" => Err(Error(Syntax, \"a: expected `,` or `}` after a value, found `{b` at line 1 column 7\"))",
            "\"{a:\\\"x\\\",,b:2}\" => Err(Error(Syntax, \"expected a key, found `,` at line 1 column 8\"))",
            "map \"{a:\\\"x\\\",,b:2}\" => Err(Error(Syntax, \"expected a key, found `,` at line 1 column 8\"))",
            "\"{}\" => Ok(Named { a: None, b: None })",
            "map \"{}\" => Ok({})",
            "\"{,}\" => Err(Error(Syntax, \"expected a key, found `,` at line 1 column 2\"))",
            "map \"{,}\" => Err(Error(Syntax, \"expected a key, found `,` at line 1 column 2\"))",
            "\"{\\n\\t,a:x\\n}\" => Err(Error(Syntax, \"expected a key, found `,` at line 2 column 2\"))",
            "map \"{\\n\\t,a:x\\n}\" => Err(Error(Syntax, \"expected a key, found `,` at line 2 column 2\"))",
            "\"{a:x,a:y}\" => Err(Error(Data, \"duplicate field `a` at line 1 column 6\"))",
            "map \"{a:x,a:y}\" => Ok({\"a\": \"y\"})",
            "\"{b:300}\" => Err(Error(Data, \"b: expected an integer in the range of u8, found `300` at line 1 column 4\"))",
            "map \"{b:300}\" => Ok({\"b\": \"300\"})",
            "\"{\\\"a\\\":\\\"x\\\" ,\\\"b\\\":2 }\" => Ok(Named { a: Some(\"x\"), b: Some(2) })",
            "map \"{\\\"a\\\":\\\"x\\\" ,\\\"b\\\":2 }\" => Ok({\"a\": \"x\", \"b\": \"2 \"})",
            "early true \"{a:x}\" => Err(Error(Data, \"refused at line 1 column 2\")) pos 1",
            "early struct true \"{a:x}\" => Err(Error(Data, \"refused at line 1 column 2\")) pos 1",
            "early true \"{}\" => Err(Error(Data, \"refused at line 1 column 2\")) pos 1",
            "early struct true \"{}\" => Err(Error(Data, \"refused at line 1 column 2\")) pos 1",
            "early true \"{\\n\\ta: x\\n}\" => Err(Error(Data, \"refused at line 1 column 2\")) pos 1",
            "early struct true \"{\\n\\ta: x\\n}\" => Err(Error(Data, \"refused at line 1 column 2\")) pos 1",
            "early false \"{a:x}\" => Err(Error(Syntax, \"expected `}` to end the object, found `a` at line 1 column 2\")) pos 1",
            "early struct false \"{a:x}\" => Err(Error(Syntax, \"expected `}` to end the object, found `a` at line 1 column 2\")) pos 1",
            "early false \"{}\" => Ok(()) pos 2",
            "early struct false \"{}\" => Ok(()) pos 2",
            "early false \"{\\n\\ta: x\\n}\" => Err(Error(Syntax, \"expected `}` to end the object, found `a` at line 2 column 2\")) pos 3",
            "early struct false \"{\\n\\ta: x\\n}\" => Err(Error(Syntax, \"expected `}` to end the object, found `a` at line 2 column 2\")) pos 3",
        ];
        assert_eq!(seen, expected);
    }

    /// Reads `text` as a `T` twice, with the scalar fast paths and without; returns both
    /// outcomes (the value or the error with its text and position, and the cursor and value
    /// start where reading stopped) and how many values the fast paths read.
    fn both_ways<'a, T: Deserialize<'a> + Debug>(text: &'a str) -> [(String, usize); 2] {
        [true, false].map(|fast| {
            let mut de = Deserializer::from_str(text);
            de.fast.0 = fast;
            let value = T::deserialize(&mut de).map_err(|e| de.fix(e));
            let outcome = value.and_then(|v| de.end().map(|()| v));
            let seen = format!("{outcome:?} pos {} value_start {}", de.pos, de.value_start);
            (seen, de.fast.1)
        })
    }

    #[derive(Deserialize, Debug)]
    struct Field<T> {
        #[serde(rename = "A")]
        a: T,
        #[serde(rename = "B")]
        b: Option<T>,
    }

    /// Every layout a scalar `x` may stand in, as a `T`, a `Field<T>` or a `Vec<T>`; asserts
    /// that the fast paths change nothing, and returns how many values they read.
    fn agree<T: for<'a> Deserialize<'a> + Debug>(x: &str) -> usize {
        let mut hits = 0;
        let mut check = |text: &str, outcomes: [(String, usize); 2]| {
            let [(fast, n), (slow, none)] = outcomes;
            assert_eq!(none, 0, "{text:?}");
            assert_eq!(fast, slow, "{text:?} as {}", std::any::type_name::<T>());
            hits += n;
        };
        for text in [
            x.to_owned(),
            format!("{{A:{x}}}"),
            format!("{{A:{x},B:{x}}}"),
            format!("{{B:{x},A:{x}}}"),
            format!("{{A:{x},B:}}"),
            format!("{{A:{x},C:1}}"),
            format!("{{A:{x}"),
            format!("{{A:{x},"),
            format!("{{A:{x} }}"),
            format!("{{\n\tA: {x}\n\tB: {x}\n}}"),
            format!("{{\r\n\tA: {x}\r\n}}"),
        ] {
            check(&text, both_ways::<Field<T>>(&text));
        }
        for text in [
            x.to_owned(),
            format!("{x},{x}"),
            format!("[{x}]"),
            format!("[{x},{x}]"),
            format!("[{x},]"),
            format!("[{x}"),
            format!("[\n\t{x},\n\t{x}\n]"),
        ] {
            check(&text, both_ways::<Vec<T>>(&text));
        }
        for text in [
            x.to_owned(),
            format!("{x},{x}"),
            format!("{x}}}"),
            format!("{x}]"),
        ] {
            check(&text, both_ways::<T>(&text));
            check(&text, both_ways::<Option<T>>(&text));
        }
        hits
    }

    /// Text an integer field may hold: every width's limits and one past them, signs, zeros,
    /// whitespace, digit counts around the fast path's 18, and what is not an integer.
    fn integer_texts(min: i128, max: u128) -> Vec<String> {
        let mut texts: Vec<String> = [
            "0",
            "1",
            "7",
            "-0",
            "-00",
            "007",
            "-007",
            "+5",
            "+0",
            "-+5",
            "--5",
            " 5",
            "5 ",
            "5\t",
            "",
            "-",
            "+",
            "5-",
            "1e3",
            "1.0",
            "0x10",
            "5a",
            "a5",
            "\"5\"",
            "[5]",
            "{5}",
            "٣",
            "123456789012345678",
            "-123456789012345678",
            "999999999999999999",
            "-999999999999999999",
            "1234567890123456789",
            "0000000000000000001",
            "000000000000000000",
            "12345678901234567890123",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "18446744073709551615",
            "18446744073709551616",
            "-18446744073709551616",
        ]
        .map(String::from)
        .into();
        // The limits, one past them (i128's and u128's written out), and each negated.
        let below = min.checked_sub(1).map_or_else(
            || "-170141183460469231731687303715884105729".to_owned(),
            |n| n.to_string(),
        );
        let above = max.checked_add(1).map_or_else(
            || "340282366920938463463374607431768211456".to_owned(),
            |n| n.to_string(),
        );
        for n in [min.to_string(), max.to_string(), below, above] {
            texts.push(format!("-{}", n.trim_start_matches('-')));
            texts.push(n);
        }
        texts
    }

    #[test]
    fn the_integer_fast_path_reads_as_the_general_path_does() {
        macro_rules! widths {
            ($($t:ty),*) => {$({
                let mut hits = 0;
                for x in integer_texts(<$t>::MIN as i128, <$t>::MAX as u128) {
                    hits += agree::<$t>(&x);
                }
                // It did run (in compact objects and lists, on plain digits).
                assert!(hits >= 50, "{}: {hits}", stringify!($t));
            })*};
        }
        widths!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);
        // Where it runs and where not.
        assert!(agree::<i32>("-123") > 0);
        assert_eq!(agree::<i32>("+123"), 0);
        assert_eq!(agree::<u32>("-0"), 0);
        assert_eq!(agree::<i8>("128"), 0);
        assert_eq!(agree::<i64>("1234567890123456789"), 0);
        // And what it gives.
        let f: Field<i32> = crate::jsv::from_str("{A:-0,B:007}").unwrap();
        assert_eq!((f.a, f.b), (0, Some(7)));
        let v: Vec<i64> = crate::jsv::from_str("[-999999999999999999,5]").unwrap();
        assert_eq!(v, [-999_999_999_999_999_999, 5]);
        let f: Field<u8> = crate::jsv::from_str("{A:255,B:0}").unwrap();
        assert_eq!((f.a, f.b), (255, Some(0)));
    }

    #[test]
    fn an_option_s_bare_text_is_not_classified_twice_and_reads_the_same() {
        let texts = [
            "x", "abc", "", " x", "x ", " ", ",", ",a", " ,a", "a,b", "\"q\"", " \"q\"", "{a}",
            "[1]", " [1]", "-5", "5", "True", "1.5", "a}", "a]", "\t", "é", "x\ny",
        ];
        for x in texts {
            agree::<String>(x);
            agree::<i32>(x);
            agree::<bool>(x);
            // At the top level a list may come without brackets: the list's context differs
            // from the `Option`'s at the same place.
            for text in [x.to_owned(), format!("{x},{x}"), format!("[{x}]")] {
                let [(fast, _), (slow, _)] = both_ways::<Option<Vec<String>>>(&text);
                assert_eq!(fast, slow, "{text:?}");
                let [(fast, _), (slow, _)] = both_ways::<Option<Vec<Option<String>>>>(&text);
                assert_eq!(fast, slow, "{text:?}");
                let [(fast, _), (slow, _)] = both_ways::<Vec<Option<i64>>>(&text);
                assert_eq!(fast, slow, "{text:?}");
            }
        }
        // It runs: once for the `Option` field's text, not for the other.
        let mut de = Deserializer::from_str("{A:x,B:y}");
        let f = Field::<String>::deserialize(&mut de).unwrap();
        assert_eq!((f.a.as_str(), f.b.as_deref()), ("x", Some("y")));
        assert_eq!(de.skips, 1);
        // Not where the `Option`'s value starts with something else.
        let mut de = Deserializer::from_str("{A:x,B: y}");
        Field::<String>::deserialize(&mut de).unwrap();
        assert_eq!(de.skips, 0);
    }

    #[test]
    fn the_bool_fast_path_reads_as_the_general_path_does() {
        let mut hits = 0;
        for x in [
            "True", "False", "true", "false", "TRUE", "FALSE", "tRuE", "fAlSe", "TRue", "1", "0",
            "", "T", "F", "Tru", "Fals", "Truex", "Falsey", "True ", " True", "False\t", "yes",
            "\"True\"", "-1", "2", "01",
        ] {
            hits += agree::<bool>(x);
        }
        assert!(hits > 50, "{hits}");
        assert!(agree::<bool>("true") > 0);
        assert_eq!(agree::<bool>("TRUE"), 0);
        assert_eq!(agree::<bool>("1"), 0);
        let f: Field<bool> = crate::jsv::from_str("{A:False,B:true}").unwrap();
        assert_eq!((f.a, f.b), (false, Some(true)));
    }
}

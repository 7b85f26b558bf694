//! The one error type of every format (JSV, JSON, CSV, query strings): what went wrong, its
//! [`Category`], where (a [`Position`] in the text; for CSV the data row and field), and the
//! path to the value (`PaymentMethods[1].PaymentAmount`).
//!
//! Like `serde_json`'s, the error is one boxed allocation, so `Result<T, Error>` stays small on
//! the happy path; positions and paths are worked out only once a read has failed.
//!
//! Every part of a message is bounded and safe to log: text from the input appears only as a
//! short excerpt (at most 40 characters), control characters are escaped, an excerpt stops before
//! any word that names a credential, and nothing read under a credential's name (`ApiKey`,
//! `AcctToken`, `ProfileToken`, ...; see [`is_sensitive_key`]) is ever shown.

use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};
use std::io;

/// Result alias with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error while reading or writing any of the crate's formats.
///
/// ```
/// use clubready_wire::{jsv, Category};
/// use clubready_wire::dto::SaleEndpoint;
///
/// let err = jsv::from_str::<SaleEndpoint>("{PaymentMethods:[{},{UsePreferred:yes}]}").unwrap_err();
/// assert_eq!(err.classify(), Category::Data);
/// assert_eq!(err.path(), "PaymentMethods[1].UsePreferred");
/// assert_eq!((err.line(), err.column()), (1, 35));
/// assert_eq!(
///     err.to_string(),
///     "PaymentMethods[1].UsePreferred: expected a bool (`true`, `false` in any case, `1` or `0`), \
///      found `yes` at line 1 column 35"
/// );
/// ```
pub struct Error {
    inner: Box<ErrorImpl>,
}

struct ErrorImpl {
    code: ErrorCode,
    /// Where in the text, once known.
    position: Option<Position>,
    /// What the position counts in.
    scope: Scope,
    /// CSV: the 1-based data row and the 0-based field (cell) index.
    row: Option<u64>,
    field: Option<usize>,
    /// Path segments, innermost first (pushed while unwinding).
    path: Vec<Segment>,
}

/// A place in the text being read: 1-based line and column (in characters), and the byte
/// offset.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// 0-based byte offset.
    pub offset: usize,
}

/// What a [`Position`] is relative to.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The whole input.
    Document,
    /// The text of one CSV cell (a nested JSV value).
    Cell,
    /// The decoded value of one query-string parameter.
    Value,
}

/// One step of an error path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A property, dictionary key, CSV column or query parameter.
    Key(String),
    /// A list index.
    Index(usize),
}

/// Broad classes of error, as in `serde_json::error::Category`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Category {
    /// Reading or writing the underlying stream failed.
    Io,
    /// The text is not well-formed.
    Syntax,
    /// The text is well-formed but does not fit the type asked for (or a value cannot be
    /// written in the format).
    Data,
    /// The text ended before the value was complete.
    Eof,
}

/// What the reader found where it expected something else.
#[derive(Clone, Debug)]
pub(crate) enum Found {
    /// The end of the input.
    Eof,
    /// An empty (null) value.
    Null,
    /// A piece of the input, already cut to an [`excerpt`].
    Text(String),
    /// A piece of the input that names or holds a credential: not shown.
    Secret,
    /// A value of a named kind (`a string`, `a list`), with its text (already an excerpt) when
    /// that helps.
    Described(&'static str, Option<String>),
}

pub(crate) enum ErrorCode {
    /// A message from serde or a `Serialize`/`Deserialize` impl, already made safe.
    Message(Box<str>),
    /// A message of the crate's own that holds no text from the input (shown even under a
    /// credential's name: it cannot hold its value).
    Fixed(&'static str, Category),
    /// An I/O error of the underlying stream.
    Io(io::Error),
    /// A `Display` implementation failed while a value was written.
    Fmt,
    /// The input is not UTF-8.
    InvalidUtf8,
    /// Something specific was expected.
    Expected {
        expected: &'static str,
        found: Found,
        category: Category,
    },
    /// Nesting deeper than the recursion limit.
    RecursionLimitExceeded(usize),
    /// More list items and object entries than the item limit.
    TooManyItems(usize),
    /// Input left over after the value.
    TrailingCharacters(Found),
    /// A message with a category and an underlying error (the `csv` crate's, a parse error).
    Wrapped {
        message: Box<str>,
        category: Category,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A `\uXXXX` escape of half a UTF-16 surrogate pair (JSON): no Rust string holds one.
    LoneSurrogate(u16),
    /// Names (query parameters) that match no property: at most [`MAX_NAMES`] kept, and the
    /// total.
    UnknownNames { names: Vec<String>, total: usize },
}

/// How many unknown names an error keeps.
pub(crate) const MAX_NAMES: usize = 10;
/// Characters of input shown in an excerpt.
const EXCERPT: usize = 40;
/// Characters of a message from serde or a `Deserialize` impl kept.
const MAX_MESSAGE: usize = 200;
/// Characters of a key from the input shown in a path (longer ones are shortened).
const MAX_KEY: usize = 40;

impl Error {
    pub(crate) fn new(code: ErrorCode) -> Self {
        Error {
            inner: Box::new(ErrorImpl {
                code,
                position: None,
                scope: Scope::Document,
                row: None,
                field: None,
                path: Vec::new(),
            }),
        }
    }

    /// An I/O error of the underlying stream.
    pub(crate) fn io(err: io::Error) -> Self {
        Error::new(ErrorCode::Io(err))
    }

    /// A data error with a message (made safe: bounded, control characters escaped).
    pub(crate) fn data(msg: impl Display) -> Self {
        Error::new(ErrorCode::Message(sanitize_message(&msg.to_string())))
    }

    /// A data error with a message of the crate's own that holds no input text.
    pub(crate) fn fixed(msg: &'static str) -> Self {
        Error::new(ErrorCode::Fixed(msg, Category::Data))
    }

    /// A syntax error with a message of the crate's own that holds no input text.
    pub(crate) fn fixed_syntax(msg: &'static str) -> Self {
        Error::new(ErrorCode::Fixed(msg, Category::Syntax))
    }

    /// Sets where in the text the error is, when it was worked out elsewhere.
    pub(crate) fn with_position(mut self, position: Position) -> Self {
        self.inner.position = Some(position);
        self
    }

    /// Something specific was expected and something else found.
    pub(crate) fn expected(expected: &'static str, found: Found, category: Category) -> Self {
        let category = if matches!(found, Found::Eof) {
            Category::Eof
        } else {
            category
        };
        Error::new(ErrorCode::Expected {
            expected,
            found,
            category,
        })
    }

    /// A message with an underlying error kept as [`source`](std::error::Error::source).
    pub(crate) fn wrap(
        message: impl Display,
        category: Category,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::new(ErrorCode::Wrapped {
            message: sanitize_message(&message.to_string()),
            category,
            source: Box::new(source),
        })
    }

    /// Names that match no property: the first [`MAX_NAMES`] of them, and how many there were.
    pub(crate) fn unknown_names_counted(mut names: Vec<String>, total: usize) -> Self {
        names.truncate(MAX_NAMES);
        Error::new(ErrorCode::UnknownNames { names, total })
    }

    /// The broad class of this error.
    pub fn classify(&self) -> Category {
        match &self.inner.code {
            ErrorCode::Io(_) => Category::Io,
            ErrorCode::InvalidUtf8
            | ErrorCode::TrailingCharacters(_)
            | ErrorCode::RecursionLimitExceeded(_)
            | ErrorCode::TooManyItems(_)
            | ErrorCode::LoneSurrogate(_) => Category::Syntax,
            ErrorCode::Expected { category, .. }
            | ErrorCode::Wrapped { category, .. }
            | ErrorCode::Fixed(_, category) => *category,
            ErrorCode::Message(_) | ErrorCode::Fmt | ErrorCode::UnknownNames { .. } => {
                Category::Data
            }
        }
    }

    /// True when reading or writing the underlying stream failed.
    pub fn is_io(&self) -> bool {
        self.classify() == Category::Io
    }
    /// True when the text is not well-formed.
    pub fn is_syntax(&self) -> bool {
        self.classify() == Category::Syntax
    }
    /// True when well-formed text does not fit the requested type.
    pub fn is_data(&self) -> bool {
        self.classify() == Category::Data
    }
    /// True when the input ended early.
    pub fn is_eof(&self) -> bool {
        self.classify() == Category::Eof
    }

    /// Where in the text the error is: in the document for JSV and JSON, inside the cell for a
    /// CSV cell holding nested JSV, inside the decoded value for a query parameter. `None` when
    /// the error has no position (most write errors).
    pub fn position(&self) -> Option<Position> {
        self.inner.position
    }

    /// 1-based line of [`position`](Self::position), or 0 when there is none.
    pub fn line(&self) -> usize {
        self.inner.position.map_or(0, |p| p.line)
    }

    /// 1-based column (in characters) of [`position`](Self::position), or 0 when there is none.
    pub fn column(&self) -> usize {
        self.inner.position.map_or(0, |p| p.column)
    }

    /// CSV: the 1-based data row the error belongs to (row 1 is the line after the header).
    pub fn row(&self) -> Option<u64> {
        self.inner.row
    }

    /// CSV: the 0-based index of the cell in its row.
    pub fn field(&self) -> Option<usize> {
        self.inner.field
    }

    /// The path to the failing value, as `serde_path_to_error` writes it
    /// (`PaymentMethods[1].PaymentAmount`; for CSV the column comes first, for a query string the
    /// parameter); `.` when the error is about no value in particular. A path longer than 120
    /// characters shows its outer and inner ends around `…`; [`segments`](Error::segments)
    /// gives every segment.
    pub fn path(&self) -> String {
        let mut out = String::new();
        write_path(&mut out, &self.inner.path).unwrap_or_default();
        if out.is_empty() {
            out.push('.');
        }
        out
    }

    /// The path segments from the outermost to the innermost.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.inner.path.iter().rev()
    }

    pub(crate) fn has_position(&self) -> bool {
        self.inner.position.is_some()
    }

    /// Records where in `input` the error happened, unless that is already known.
    pub(crate) fn at(mut self, input: &[u8], offset: usize) -> Self {
        if self.inner.position.is_none() && !matches!(self.inner.code, ErrorCode::Io(_)) {
            self.inner.position = Some(position_of(input, offset));
        }
        self
    }

    /// Says what the position counts in (a CSV cell, a query value).
    pub(crate) fn in_scope(mut self, scope: Scope) -> Self {
        self.inner.scope = scope;
        self
    }

    /// Attaches the CSV data row, unless known.
    pub(crate) fn at_row(mut self, row: u64) -> Self {
        self.inner.row.get_or_insert(row);
        self
    }

    /// Attaches the CSV field index, unless known.
    pub(crate) fn at_field(mut self, field: usize) -> Self {
        self.inner.field.get_or_insert(field);
        self
    }

    /// Prepends a path segment (called while unwinding out of a container).
    pub(crate) fn within(mut self, seg: Segment) -> Self {
        self.inner.path.push(seg);
        self
    }

    /// Prepends a key segment.
    pub(crate) fn within_key(self, key: impl Into<String>) -> Self {
        self.within(Segment::Key(key.into()))
    }

    fn is_sensitive(&self) -> bool {
        self.inner.path.iter().any(|seg| match seg {
            Segment::Key(k) => is_sensitive_key(k),
            Segment::Index(_) => false,
        })
    }
}

/// Line, column (characters) and offset of byte `offset` in `input`.
fn position_of(input: &[u8], offset: usize) -> Position {
    let offset = offset.min(input.len());
    let before = &input[..offset];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    Position {
        line: memchr::memchr_iter(b'\n', before).count() + 1,
        // Characters, not bytes: UTF-8 continuation bytes are not counted.
        column: before[line_start..]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
            + 1,
        offset,
    }
}

/// A path's text longer than this (in bytes) is shown with its middle elided.
const PATH_SHOWN: usize = 120;
/// How much of an elided path's outer end is shown, and of its inner end.
const PATH_HEAD: usize = 40;
const PATH_TAIL: usize = 72;

/// Writes `path` (innermost segment first) as `PaymentMethods[1].PaymentAmount`; a path longer
/// than [`PATH_SHOWN`] keeps its outer and inner ends around `…` (`A.B….Y[3].Z`), so that a
/// deeply nested input cannot make a long message.
fn write_path(out: &mut impl fmt::Write, path: &[Segment]) -> fmt::Result {
    let mut pieces = Vec::with_capacity(path.len());
    for (n, seg) in path.iter().rev().enumerate() {
        pieces.push(match seg {
            Segment::Key(k) if n == 0 => shown_key(k).into_owned(),
            Segment::Key(k) => format!(".{}", shown_key(k)),
            Segment::Index(i) => format!("[{i}]"),
        });
    }
    let total: usize = pieces.iter().map(String::len).sum();
    if total <= PATH_SHOWN {
        return pieces.iter().try_for_each(|p| out.write_str(p));
    }
    let mut head = 0;
    let mut head_len = 0;
    while head < pieces.len() && (head == 0 || head_len + pieces[head].len() <= PATH_HEAD) {
        head_len += pieces[head].len();
        head += 1;
    }
    let mut tail = pieces.len();
    let mut tail_len = 0;
    while tail > head && (tail == pieces.len() || tail_len + pieces[tail - 1].len() <= PATH_TAIL) {
        tail_len += pieces[tail - 1].len();
        tail -= 1;
    }
    pieces[..head].iter().try_for_each(|p| out.write_str(p))?;
    if tail > head {
        out.write_char('…')?;
    }
    pieces[tail..].iter().try_for_each(|p| out.write_str(p))
}

/// Word-sized needles that make a key a credential wherever they appear in it.
const SENSITIVE_SUBSTRINGS: [&str; 6] = ["key", "token", "secret", "password", "passwd", "auth"];
/// Short needles that make a key a credential only as a whole word of it (`Pin`, `CardNumber`
/// and `card_cvv` are; `Shipping` and `Company` are not).
const SENSITIVE_WORDS: [&str; 8] = ["pin", "pwd", "cvv", "cvc", "cvv2", "pan", "card", "ssn"];

/// Whether values under this key are treated as credentials: never shown in errors, redacted
/// by `Debug` of [`jsv::Value`](crate::jsv::Value). True when the key contains `key`, `token`,
/// `secret`, `password`, `passwd` or `auth` in any case (`ApiKey`, `AcctToken`, `ProfileToken`,
/// `AuthToken`), or has `pin`, `pwd`, `cvv`, `cvc`, `pan`, `card` or `ssn` as one of its words
/// (`Pin`, `CardNumber`, `card_cvv`).
pub fn is_sensitive_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    if SENSITIVE_SUBSTRINGS.iter().any(|n| lower.contains(n)) {
        return true;
    }
    has_sensitive_word(key)
}

/// Whether one of the words of `key` is a [`SENSITIVE_WORDS`] entry. Words are runs of ASCII
/// letters and digits, split at anything else and before an upper-case letter that follows a
/// lower-case one (`CardNumber` is `Card`, `Number`).
fn has_sensitive_word(key: &str) -> bool {
    let b = key.as_bytes();
    let mut start = 0;
    for i in 0..=b.len() {
        let boundary = i == b.len()
            || !b[i].is_ascii_alphanumeric()
            || (i > start && b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase());
        if boundary {
            // Bytes, not `&str`: `start` may sit inside a multi-byte character.
            let word = b.get(start..i).unwrap_or_default();
            if SENSITIVE_WORDS
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
            {
                return true;
            }
            start = if i < b.len() && b[i].is_ascii_alphanumeric() {
                i
            } else {
                i + 1
            };
        }
    }
    false
}

/// A short, safe excerpt of input text for an error message: at most 40 characters (then `…`),
/// and cut before the first word that names a credential (`1 ApiKey:SECRET` → `1 …`), so that a
/// malformed input never shows what follows a credential's name. Control characters are escaped
/// when the excerpt is displayed.
pub(crate) fn excerpt(text: &str) -> String {
    excerpt_of(text, EXCERPT)
}

/// [`excerpt`] with room for `max` characters.
fn excerpt_of(text: &str, max: usize) -> String {
    let cut = sensitive_word_start(text).unwrap_or(text.len());
    let mut out: String = text[..cut].chars().take(max).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Text from a server (a body) made safe to display: at most `max` characters, cut before the
/// first word that names a credential (as [`excerpt`] is), control and invisible formatting
/// characters escaped.
pub(crate) fn safe_text(text: &str, max: usize) -> String {
    let mut out = String::new();
    let _ = escape_controls(&excerpt_of(text, max), &mut out);
    out
}

/// Words that may follow a credential's name in a server's message without being its value
/// (`Card declined`, `'Api Key' must not be empty.`, `Profile token expired`).
const MESSAGE_WORDS: &[&str] = &[
    "a",
    "accepted",
    "allowed",
    "an",
    "and",
    "are",
    "be",
    "been",
    "blank",
    "but",
    "can",
    "cannot",
    "could",
    "declined",
    "did",
    "disabled",
    "does",
    "empty",
    "expired",
    "failed",
    "for",
    "given",
    "has",
    "have",
    "in",
    "incorrect",
    "invalid",
    "is",
    "missing",
    "must",
    "needed",
    "not",
    "null",
    "of",
    "on",
    "or",
    "provided",
    "rejected",
    "required",
    "revoked",
    "should",
    "specified",
    "supplied",
    "the",
    "to",
    "unknown",
    "valid",
    "was",
    "were",
    "with",
    "without",
    "wrong",
];

/// A server's message made safe to display: as [`safe_text`], but a word naming a credential
/// ends the text only when its clause goes on with something other than common message words and
/// other credentials' names (its value may: `ApiKey: …`, `ApiKey=…`, `AcctToken eyJ…`, `Invalid
/// ApiKey provided: …`, `ApiKey was k3y`), so that `Card declined`, `Invalid ApiKey` and
/// `'Api Key' must not be empty.` stay readable. A clause ends at the end of the text or at
/// `.`, `;`, `!`, `?` or a line break.
pub(crate) fn safe_message(text: &str, max: usize) -> String {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut cut = text.len();
    let mut i = 0;
    while i < b.len() {
        if !word(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && word(b[i]) {
            i += 1;
        }
        if !is_sensitive_key(&text[start..i]) {
            continue;
        }
        if !clause_is_harmless(&text[i..]) {
            cut = start;
            break;
        }
    }
    let mut shown: String = text[..cut].chars().take(max).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    let mut out = String::new();
    let _ = escape_controls(&shown, &mut out);
    out
}

/// Whether the rest of a clause after a credential's name (`rest`) holds only common message
/// words, other credentials' names, spaces, quotes, brackets and `, ` up to the clause's end.
fn clause_is_harmless(rest: &str) -> bool {
    let b = rest.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() {
            match b[i] {
                b' ' | b'\'' | b'"' | b'`' | b'(' | b')' => i += 1,
                b',' if b.get(i + 1) == Some(&b' ') => i += 2,
                _ => break,
            }
        }
        match b.get(i) {
            None | Some(b'.' | b';' | b'!' | b'?' | b'\n' | b'\r') => return true,
            Some(c) if c.is_ascii_alphanumeric() || *c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let w = &rest[start..i];
                if !(MESSAGE_WORDS.contains(&w) || is_sensitive_key(w)) {
                    return false;
                }
            }
            Some(_) => return false,
        }
    }
}

/// Byte index of the first identifier-like word of `text` that [`is_sensitive_key`].
pub(crate) fn sensitive_word_start(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            if is_sensitive_key(&text[start..i]) {
                return Some(start);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Whether `c` is an invisible formatting character (Unicode category Cf: the byte order mark,
/// zero-width characters, bidirectional overrides that could make a log line read differently).
fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}' | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// Escapes control and invisible formatting characters (and nothing else) as Rust's
/// `escape_debug` does (`\n`, `\u{1b}`, `\u{202e}`).
fn escape_controls(s: &str, out: &mut impl fmt::Write) -> fmt::Result {
    for c in s.chars() {
        if c.is_control() {
            for e in c.escape_debug() {
                out.write_char(e)?;
            }
        } else if is_format_char(c) {
            for e in c.escape_unicode() {
                out.write_char(e)?;
            }
        } else {
            out.write_char(c)?;
        }
    }
    Ok(())
}

/// A key from the input as a path shows it: control characters escaped; a key longer than 40
/// characters (a token pasted where a name goes), or one that names a credential but is not a
/// plain identifier (so may hold a value, `ApiKey=secret`), shown only by its first characters
/// and its length.
pub(crate) fn shown_key(key: &str) -> Cow<'_, str> {
    let len = key.chars().count();
    let plain = key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if len <= MAX_KEY && (plain || !is_sensitive_key(key)) {
        if plain {
            return Cow::Borrowed(key);
        }
        let mut out = String::with_capacity(key.len() + 8);
        let _ = escape_controls(key, &mut out);
        return Cow::Owned(out);
    }
    let start: String = key
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(6)
        .collect();
    Cow::Owned(format!("{start}… ({len} characters)"))
}

/// Makes a message from serde or a `Deserialize` impl safe to show: control characters escaped,
/// at most 200 characters, and every quoted or back-ticked part that is not a plain name cut to
/// an [`excerpt`] (serde quotes the offending value: ``invalid value: string "…"``).
pub(crate) fn sanitize_message(msg: &str) -> Box<str> {
    let mut out = String::with_capacity(msg.len().min(MAX_MESSAGE + 8));
    let mut rest = msg;
    // Text after the first quote may be input whose own quote ended the quoted part early
    // (``found `x`, ProfileToken=tok…` ``): unquoted text there stops before a credential's name.
    let mut quoted_before = false;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open] as char;
        let after = &rest[open + 1..];
        // serde quotes strings as `Debug` does: `\"` inside is not the end.
        let Some(close) = closing_quote(after, quote) else {
            break;
        };
        if !push_unquoted(&rest[..open], quoted_before, &mut out) {
            return finish_message(out);
        }
        quoted_before = true;
        let inner = &after[..close];
        out.push(quote);
        let plain = inner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if plain && inner.len() <= MAX_KEY {
            out.push_str(inner);
        } else {
            let _ = escape_controls(&excerpt(inner), &mut out);
        }
        out.push(quote);
        rest = &after[close + 1..];
    }
    push_unquoted(rest, quoted_before, &mut out);
    finish_message(out)
}

/// Appends a message's unquoted `text`, escaped; after a quoted part, only up to a credential's
/// name (then `…`, and `false`: the rest of the message is not shown).
fn push_unquoted(text: &str, after_quote: bool, out: &mut String) -> bool {
    match sensitive_word_start(text).filter(|_| after_quote) {
        None => {
            let _ = escape_controls(text, out);
            true
        }
        Some(cut) => {
            let _ = escape_controls(&text[..cut], out);
            out.push('…');
            false
        }
    }
}

/// A sanitized message cut to [`MAX_MESSAGE`] characters.
fn finish_message(mut out: String) -> Box<str> {
    if out.chars().count() > MAX_MESSAGE {
        out = out.chars().take(MAX_MESSAGE).collect();
        out.push('…');
    }
    out.into_boxed_str()
}

/// Index of the first `quote` in `s` that no backslash escapes.
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote as u8 => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// What a reader shows at `at` for a syntax error: the next few characters, at most to the end
/// of the entry (the next `,` `}` `]` `:` or line break; at least one character) and 24
/// characters, so that later entries (a credential) are never shown; nothing when that text
/// names a credential, or follows a credential's name and its `:` (a malformed entry such as
/// `{PromoCode:"x,AcctToken:"tok…` puts a token right after a closing quote).
pub(crate) fn found_at(input: &str, at: usize) -> Found {
    let b = input.as_bytes();
    if at >= b.len() {
        return Found::Eof;
    }
    let mut at = at;
    while !input.is_char_boundary(at) {
        at -= 1;
    }
    if follows_credential_name(b, at) {
        return Found::Secret;
    }
    let stop = |c: u8| matches!(c, b',' | b'}' | b']' | b':' | b'\r' | b'\n');
    let mut end = at + 1;
    if !stop(b[at]) {
        while end < b.len() && end < at + 24 && !stop(b[end]) {
            end += 1;
        }
    }
    // Nor what follows a credential's name and separator inside the excerpt (`"ApiKey"="tok`
    // left over after a value shows from the `=`).
    if let Some(cut) = (at + 1..end).find(|&p| {
        matches!(b[p - 1], b':' | b'=' | b'"' | b'\'' | b' ' | b'\t')
            && follows_credential_name(b, p)
    }) {
        end = cut;
    }
    while !input.is_char_boundary(end) {
        end += 1;
    }
    let text = &input[at..end];
    if is_sensitive_key(text) {
        return Found::Secret;
    }
    Found::text(text.as_bytes())
}

/// Whether the text just before `at` is a credential's name and its `:` or `=` (quotes, spaces
/// and more separators around them allowed: `AcctToken::"`): what comes next may be its value.
fn follows_credential_name(b: &[u8], at: usize) -> bool {
    let mut end = at.min(b.len());
    let mut separators = 0;
    let floor = end.saturating_sub(64);
    while end > floor && matches!(b[end - 1], b'"' | b'\'' | b' ' | b'\t' | b':' | b'=') {
        separators += usize::from(matches!(b[end - 1], b':' | b'='));
        end -= 1;
    }
    if separators == 0 {
        return false;
    }
    let mut start = end;
    while start > 0
        && end - start < 64
        && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_')
    {
        start -= 1;
    }
    start < end && is_sensitive_key(std::str::from_utf8(&b[start..end]).unwrap_or_default())
}

impl Found {
    /// A piece of input, as an [`excerpt`]; [`Found::Secret`] when it names a credential right
    /// away.
    pub(crate) fn text(s: &[u8]) -> Found {
        let s = String::from_utf8_lossy(s);
        if sensitive_word_start(&s) == Some(0) {
            return Found::Secret;
        }
        Found::Text(excerpt(&s))
    }

    /// A value of the kind `what` (`a string`), showing `text` as an excerpt.
    pub(crate) fn described(what: &'static str, text: Option<&str>) -> Found {
        match text.map(|t| Found::text(t.as_bytes())) {
            Some(Found::Text(t)) => Found::Described(what, Some(t)),
            Some(secret) => secret,
            None => Found::Described(what, None),
        }
    }

    fn fmt(&self, f: &mut fmt::Formatter<'_>, redact: bool) -> fmt::Result {
        match self {
            Found::Eof => f.write_str("end of input"),
            Found::Null => f.write_str("an empty value"),
            Found::Text(_) | Found::Secret | Found::Described(_, Some(_)) if redact => {
                f.write_str("a value that is not shown (secret)")
            }
            Found::Secret => f.write_str("text that is not shown (it names a credential)"),
            Found::Text(t) => {
                f.write_char('`')?;
                escape_controls(t, f)?;
                f.write_char('`')
            }
            Found::Described(what, None) => f.write_str(what),
            Found::Described(what, Some(t)) => {
                write!(f, "{what} `")?;
                escape_controls(t, f)?;
                f.write_char('`')
            }
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = self.is_sensitive();
        if let Some(row) = self.inner.row {
            write!(f, "row {row}: ")?;
        }
        if !self.inner.path.is_empty() {
            write_path(f, &self.inner.path)?;
            f.write_str(": ")?;
        }
        match &self.inner.code {
            ErrorCode::Message(_) | ErrorCode::Wrapped { .. } if redact => {
                // A `Deserialize` impl may quote the value in its message.
                f.write_str("invalid value (not shown: secret)")?
            }
            ErrorCode::Message(m) => f.write_str(m)?,
            ErrorCode::Fixed(m, _) => f.write_str(m)?,
            ErrorCode::Wrapped { message, .. } => f.write_str(message)?,
            ErrorCode::Io(e) => write!(f, "I/O error: {e}")?,
            ErrorCode::Fmt => f.write_str("a value's `Display` implementation failed")?,
            ErrorCode::InvalidUtf8 => f.write_str("input is not valid UTF-8")?,
            ErrorCode::Expected {
                expected, found, ..
            } => {
                write!(f, "expected {expected}, found ")?;
                found.fmt(f, redact)?;
            }
            ErrorCode::RecursionLimitExceeded(limit) => {
                write!(f, "nesting is deeper than the limit of {limit}")?
            }
            ErrorCode::TooManyItems(limit) => write!(
                f,
                "more than {limit} list items and object entries in one document (the limit \
                 is the reader's `max_items` option)"
            )?,
            ErrorCode::TrailingCharacters(found) => {
                f.write_str("expected end of input, found ")?;
                found.fmt(f, redact)?;
            }
            ErrorCode::LoneSurrogate(unit) => write!(
                f,
                "lone UTF-16 surrogate `\\u{unit:04X}` in a string (no Rust string can hold it)"
            )?,
            ErrorCode::UnknownNames { names, total } => {
                f.write_str(if *total == 1 {
                    "unknown parameter "
                } else {
                    "unknown parameters "
                })?;
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}`", shown_key(name))?;
                }
                if *total > names.len() {
                    write!(f, " and {} more", total - names.len())?;
                }
            }
        }
        if let Some(p) = self.inner.position {
            match self.inner.scope {
                Scope::Document => write!(f, " at line {} column {}", p.line, p.column)?,
                Scope::Cell if p.line == 1 => write!(f, " at column {} of the cell", p.column)?,
                Scope::Cell => write!(f, " at line {} column {} of the cell", p.line, p.column)?,
                Scope::Value => write!(f, " at line {} column {} of its value", p.line, p.column)?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}, {:?})", self.classify(), self.to_string())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.code {
            ErrorCode::Io(e) => Some(e),
            ErrorCode::Wrapped { source, .. } => Some(&**source),
            _ => None,
        }
    }
}

impl serde::de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::data(msg)
    }
}

impl serde::ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::data(msg)
    }
}

impl From<Error> for io::Error {
    /// I/O errors come back as they were; the others are `InvalidData` (or `UnexpectedEof`)
    /// wrapping the error.
    fn from(err: Error) -> io::Error {
        match err.classify() {
            Category::Io => match err.inner.code {
                ErrorCode::Io(e) => e,
                _ => io::Error::other(err),
            },
            Category::Eof => io::Error::new(io::ErrorKind::UnexpectedEof, err),
            _ => io::Error::new(io::ErrorKind::InvalidData, err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_keys_by_substring_and_by_word() {
        for k in [
            "ApiKey",
            "apikey",
            "AcctToken",
            "ProfileToken",
            "AuthToken",
            "Password",
            "client_secret",
            "Pin",
            "CardNumber",
            "card_cvv",
            "CVV",
            "user-pwd",
            "PAN",
        ] {
            assert!(is_sensitive_key(k), "{k}");
        }
        for k in [
            "StoreId", "Shipping", "Company", "Expand", "Last4", "Spinner",
        ] {
            assert!(!is_sensitive_key(k), "{k}");
        }
    }

    #[test]
    fn syntax_excerpts_never_follow_a_credentials_name() {
        let at = |s: &str, needle: &str| found_at(s, s.find(needle).unwrap());
        assert!(matches!(
            at(r#"{PromoCode:"x,AcctToken:"tok_8f3a"}"#, "tok"),
            Found::Secret
        ));
        assert!(matches!(at(r#"{"ApiKey": "k" x}"#, "x"), Found::Text(_)));
        assert!(matches!(at(r#"{"ApiKey":"k"x}"#, "k\""), Found::Secret));
        assert!(matches!(at("ApiKey=k", "k"), Found::Secret));
        // More separators between the name and the value (found by fuzzing a query string).
        assert!(matches!(
            at(r#"{Message:"*cctToken::"tok_8f3a,A:1}"#, "tok"),
            Found::Secret
        ));
        assert!(matches!(
            at("{A:\"AcctToken\" = : tok}", "tok"),
            Found::Secret
        ));
        // The value further inside the excerpt (found by fuzzing JSON): shown up to it.
        match at(r#""ApiKey"="tok_8f3a"#, "=") {
            Found::Text(t) => assert_eq!(t, "="),
            other => panic!("{other:?}"),
        }
        assert!(matches!(at("{StoreId:1}x", "x"), Found::Text(_)));
        assert!(matches!(at("{A:1 x}", "x"), Found::Text(_)));
        assert!(matches!(at("{A:AcctToken}", "AcctToken"), Found::Secret));
        assert!(matches!(found_at("", 0), Found::Eof));
    }

    #[test]
    fn long_paths_keep_their_ends() {
        use crate::jsv;
        let deep = format!("{}\"x{}", "{Abcdefghij:".repeat(100), "}".repeat(100));
        let e = jsv::from_str::<jsv::Value>(&deep).unwrap_err();
        assert_eq!(e.segments().count(), 100);
        let path = e.path();
        assert!(path.len() < 130, "{path}");
        assert!(path.starts_with("Abcdefghij.Abcdefghij"), "{path}");
        assert!(
            path.contains('…') && path.ends_with(".Abcdefghij"),
            "{path}"
        );
        let lists = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let e = jsv::Options::new()
            .recursion_limit(50)
            .from_str::<jsv::Value>(&lists)
            .unwrap_err();
        let shown = e.to_string();
        assert!(shown.len() < 300, "{shown}");
        assert!(
            e.path().starts_with("[0][0]") && e.path().contains("…["),
            "{}",
            e.path()
        );
        // Short paths are whole.
        let e = jsv::from_str::<jsv::Value>("{A:[{B:x}]").unwrap_err();
        assert!(!e.path().contains('…'), "{}", e.path());
    }

    #[test]
    fn excerpts_are_short_and_stop_before_credentials() {
        assert_eq!(excerpt("1 ApiKey:SECRET"), "1 …");
        assert_eq!(excerpt("abc"), "abc");
        assert_eq!(excerpt(&"x".repeat(50)), format!("{}…", "x".repeat(40)));
        assert!(matches!(Found::text(b"AcctToken:abc"), Found::Secret));
    }

    #[test]
    fn server_messages_keep_their_words_but_not_credentials() {
        for kept in [
            "Card declined",
            "'Api Key' must not be empty.",
            "Invalid ApiKey",
            "Invalid ApiKey.",
            "Profile token expired",
            "Profile token expired. Card declined",
            "ApiKey, AcctToken are required",
        ] {
            assert_eq!(safe_message(kept, 200), kept);
        }
        for (text, shown) in [
            ("ApiKey k3y is invalid", "…"),
            ("Invalid ApiKey=k3y", "Invalid …"),
            ("Bad [REQUEST: {ApiKey:k,StoreId:1}]", "Bad [REQUEST: {…"),
            ("AcctToken 'eyJ' declined", "…"),
            ("Card 4111111111111111 declined", "…"),
            (r#"{"ApiKey":"k"}"#, "{\"…"),
            ("ApiKey,k", "…"),
            ("ApiKey, StoreId: required", "…"),
            ("Invalid ApiKey provided: 3f9c2a7e-51b4", "Invalid …"),
            ("AcctToken is eyJhY2N0IjoiNjAx", "…"),
            ("Profile token expired: eyJhbGci", "Profile …"),
            ("ApiKey was 3f9c2a7e-51b4 and is not valid", "…"),
            ("ApiKey is not valid", "ApiKey is not valid"),
            ("The ApiKey (k3y) is not valid", "The …"),
        ] {
            assert_eq!(safe_message(text, 200), shown, "{text}");
        }
        assert_eq!(safe_message("a\nb", 200), "a\\nb");
        assert_eq!(
            safe_message(&"x".repeat(50), 10),
            format!("{}…", "x".repeat(10))
        );
    }

    #[test]
    fn messages_are_bounded_and_escaped() {
        let long = format!("invalid value: string \"{}\", expected x", "y".repeat(500));
        let m = sanitize_message(&long);
        assert!(m.chars().count() < 120, "{m}");
        assert_eq!(
            &*sanitize_message("missing field `ApiKey`"),
            "missing field `ApiKey`"
        );
        assert_eq!(
            &*sanitize_message("bad `1 ApiKey:SECRET` here\n"),
            "bad `1 …` here\\n"
        );
        assert_eq!(&*sanitize_message("a\u{7}b"), "a\\u{7}b");
        assert_eq!(
            &*sanitize_message("a\u{202e}b\u{feff}"),
            "a\\u{202e}b\\u{feff}"
        );
        assert_eq!(
            &*sanitize_message(r#"invalid value: string "{\"AcctToken\":\"x\"}", expected i32"#),
            r#"invalid value: string "{\"…", expected i32"#
        );
        // F4 (fuzzing): a backtick in the input ends the quoted part early; what follows it
        // stops before a credential's name.
        assert_eq!(
            &*sanitize_message("expected a date, found `x`, ProfileToken=tok_8f3a9cQ`"),
            "expected a date, found `x`, …"
        );
        assert_eq!(
            &*sanitize_message("found `x` AcctToken tok_8f3a9cQ"),
            "found `x` …"
        );
        // Before any quote, a message's own words are kept.
        assert_eq!(
            &*sanitize_message("ApiKey is required, found `x`"),
            "ApiKey is required, found `x`"
        );
    }

    #[test]
    fn keys_in_paths_are_escaped_and_bounded() {
        assert_eq!(shown_key("StoreId"), "StoreId");
        assert_eq!(shown_key("a\nb"), "a\\nb");
        assert_eq!(shown_key("ApiKey=SECRET"), "ApiKey… (13 characters)");
        assert_eq!(
            shown_key("DoNotUpdatePaymentTypePreference"),
            "DoNotUpdatePaymentTypePreference"
        );
        let long = "k".repeat(100);
        assert_eq!(shown_key(&long), "kkkkkk… (100 characters)");
    }
}

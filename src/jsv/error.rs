//! The JSV error type: what went wrong, where (line, column) and under which path.
//!
//! Like `serde_json`, the error is one boxed allocation so that `Result<T, Error>` stays a word
//! wide on the happy path. Position and path are filled in on the way out of the deserializer,
//! so nothing is spent on them unless an error actually happens.

use std::fmt::{self, Display};
use std::io;

/// Result alias for JSV operations.
pub type Result<T> = std::result::Result<T, Error>;

/// An error while reading or writing JSV.
///
/// Decode errors carry the 1-based line and column of the offending value, the path to it
/// (`PaymentMethods[1].PaymentAmount`), what was expected and what was found. Text found under a
/// key that looks like a credential (its name contains `key`, `token`, `secret`, `password` or
/// `auth`) is never echoed back.
pub struct Error {
    inner: Box<ErrorImpl>,
}

struct ErrorImpl {
    code: ErrorCode,
    /// Byte offset into the input, once known.
    offset: Option<usize>,
    line: usize,
    column: usize,
    /// Path segments, innermost first (they are pushed while unwinding).
    path: Vec<Segment>,
}

/// One step of an error path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A property or dictionary key.
    Key(String),
    /// A list index.
    Index(usize),
}

/// Broad classes of error, as in `serde_json::error::Category`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Category {
    /// Writing to the underlying `io::Write` failed.
    Io,
    /// The text is not well-formed JSV.
    Syntax,
    /// The text is well-formed but does not fit the type asked for.
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
    /// A piece of the input (already shortened).
    Text(String),
    /// A piece of the input that names or holds a credential: not shown.
    Secret,
    /// A value of a named kind (`a string`, `a list`), with its text (already shortened) when
    /// that helps.
    Described(&'static str, Option<String>),
}

pub(crate) enum ErrorCode {
    /// A message from serde or a `Deserialize`/`Serialize` impl.
    Message(Box<str>),
    /// An I/O error from the writer.
    Io(io::Error),
    /// The input is not UTF-8.
    InvalidUtf8,
    /// Something specific was expected.
    Expected {
        expected: &'static str,
        found: Found,
        category: Category,
    },
    /// A scalar could not be parsed as the type asked for.
    InvalidScalar {
        expected: &'static str,
        found: Found,
    },
    /// Nesting deeper than the recursion limit.
    RecursionLimitExceeded(usize),
    /// Input left over after the value.
    TrailingCharacters(Found),
    /// A `\uXXXX` escape of half a UTF-16 surrogate pair (JSON): no Rust string holds one.
    LoneSurrogate(u16),
}

impl Error {
    pub(crate) fn new(code: ErrorCode) -> Self {
        Error {
            inner: Box::new(ErrorImpl {
                code,
                offset: None,
                line: 0,
                column: 0,
                path: Vec::new(),
            }),
        }
    }

    pub(crate) fn io(err: io::Error) -> Self {
        Error::new(ErrorCode::Io(err))
    }

    /// The broad class of this error.
    pub fn classify(&self) -> Category {
        match &self.inner.code {
            ErrorCode::Io(_) => Category::Io,
            ErrorCode::InvalidUtf8 | ErrorCode::TrailingCharacters(_) => Category::Syntax,
            ErrorCode::RecursionLimitExceeded(_) | ErrorCode::LoneSurrogate(_) => Category::Syntax,
            ErrorCode::Expected { category, .. } => *category,
            ErrorCode::Message(_) | ErrorCode::InvalidScalar { .. } => Category::Data,
        }
    }

    /// True for I/O errors.
    pub fn is_io(&self) -> bool {
        self.classify() == Category::Io
    }
    /// True when the text is not well-formed JSV.
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

    /// 1-based line of the error, or 0 when it has no position (serialization errors).
    pub fn line(&self) -> usize {
        self.inner.line
    }

    /// 1-based column (in characters) of the error, or 0 when it has no position.
    pub fn column(&self) -> usize {
        self.inner.column
    }

    /// The path to the failing value, as `serde_path_to_error` writes it
    /// (`PaymentMethods[1].PaymentAmount`); `.` for the top-level value.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for seg in self.inner.path.iter().rev() {
            match seg {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(itoa::Buffer::new().format(*i));
                    out.push(']');
                }
            }
        }
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
        self.inner.offset.is_some()
    }

    /// Records where in `input` the error happened, unless that is already known.
    pub(crate) fn at(mut self, input: &[u8], offset: usize) -> Self {
        if self.inner.offset.is_none() && !matches!(self.inner.code, ErrorCode::Io(_)) {
            let offset = offset.min(input.len());
            let before = &input[..offset];
            let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
            self.inner.offset = Some(offset);
            self.inner.line = memchr::memchr_iter(b'\n', before).count() + 1;
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            self.inner.column = before[line_start..]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
                + 1;
        }
        self
    }

    /// Prepends a path segment (called while unwinding out of a container).
    pub(crate) fn within(mut self, seg: Segment) -> Self {
        self.inner.path.push(seg);
        self
    }

    fn is_sensitive(&self) -> bool {
        self.inner.path.iter().any(|seg| match seg {
            Segment::Key(k) => is_sensitive_key(k),
            Segment::Index(_) => false,
        })
    }
}

/// Whether values under this key are treated as secrets in error messages: the key names a
/// credential (`ApiKey`, `AcctToken`, `ProfileToken`, `AuthToken`, passwords, secrets).
pub fn is_sensitive_key(key: &str) -> bool {
    const NEEDLES: [&str; 5] = ["key", "token", "secret", "password", "auth"];
    let lower = key.to_ascii_lowercase();
    NEEDLES.iter().any(|n| lower.contains(n))
}

impl Found {
    /// A piece of input, shortened to at most 40 characters.
    pub(crate) fn text(s: &[u8]) -> Found {
        const MAX: usize = 40;
        let s = String::from_utf8_lossy(s);
        let mut out: String = s.chars().take(MAX).collect();
        if s.chars().nth(MAX).is_some() {
            out.push('…');
        }
        Found::Text(out)
    }

    /// A value of the kind `what` (`a string`), showing `text` shortened as [`Found::text`]
    /// does.
    pub(crate) fn described(what: &'static str, text: Option<&str>) -> Found {
        match text.map(|t| Found::text(t.as_bytes())) {
            Some(Found::Text(t)) => Found::Described(what, Some(t)),
            _ => Found::Described(what, None),
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
            Found::Text(t) => write!(f, "`{}`", t.escape_debug()),
            Found::Described(what, None) => f.write_str(what),
            Found::Described(what, Some(t)) => write!(f, "{what} `{}`", t.escape_debug()),
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = self.is_sensitive();
        if !self.inner.path.is_empty() {
            write!(f, "{}: ", self.path())?;
        }
        match &self.inner.code {
            ErrorCode::Message(m) if redact => {
                // A Deserialize impl may quote the value in its message.
                let _ = m;
                f.write_str("invalid value (not shown: secret)")?
            }
            ErrorCode::Message(m) => f.write_str(m)?,
            ErrorCode::Io(e) => write!(f, "I/O error: {e}")?,
            ErrorCode::InvalidUtf8 => f.write_str("input is not valid UTF-8")?,
            ErrorCode::Expected {
                expected, found, ..
            } => {
                write!(f, "expected {expected}, found ")?;
                found.fmt(f, redact)?;
            }
            ErrorCode::InvalidScalar { expected, found } => {
                write!(f, "expected {expected}, found ")?;
                found.fmt(f, redact)?;
            }
            ErrorCode::RecursionLimitExceeded(limit) => {
                write!(f, "nesting is deeper than the limit of {limit}")?
            }
            ErrorCode::TrailingCharacters(found) => {
                f.write_str("expected end of input, found ")?;
                found.fmt(f, redact)?;
            }
            ErrorCode::LoneSurrogate(unit) => write!(
                f,
                "lone UTF-16 surrogate `\\u{unit:04X}` in a string (no Rust string can hold it)"
            )?,
        }
        if self.inner.line != 0 {
            write!(
                f,
                " at line {} column {}",
                self.inner.line, self.inner.column
            )?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?})", self.to_string())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.code {
            ErrorCode::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl serde::de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::new(ErrorCode::Message(msg.to_string().into_boxed_str()))
    }
}

impl serde::ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::new(ErrorCode::Message(msg.to_string().into_boxed_str()))
    }
}

impl From<Error> for io::Error {
    fn from(err: Error) -> io::Error {
        match err.classify() {
            Category::Io => match err.inner.code {
                ErrorCode::Io(e) => e,
                other => io::Error::other(Error::new(other)),
            },
            Category::Eof => io::Error::new(io::ErrorKind::UnexpectedEof, err),
            _ => io::Error::new(io::ErrorKind::InvalidData, err),
        }
    }
}

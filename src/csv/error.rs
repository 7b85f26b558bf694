//! The CSV error type: which data row, which column and where inside its cell, and what was
//! expected and found.

use std::fmt::{self, Display};
use std::io;

use crate::jsv;

/// Result alias for CSV operations.
pub type Result<T> = std::result::Result<T, Error>;

/// An error while reading or writing CSV.
///
/// Read errors name the 1-based data row ([`row`](Self::row): the first line after the header
/// is row 1), the column ([`column`](Self::column), the property it matched) and, inside a cell
/// holding a nested JSV list or object, the path to the failing value
/// (`PaymentMethods[1].UsePreferred`), with what was expected and what was found. Values of
/// credential columns (see [`jsv::is_sensitive_key`]) are never shown.
pub struct Error {
    inner: Box<ErrorImpl>,
}

struct ErrorImpl {
    /// 1-based data row, when the error belongs to one.
    row: Option<u64>,
    code: Code,
}

enum Code {
    /// A cell (or the row as a whole) does not fit the type, or a value could not be written.
    Value(jsv::Error),
    /// The text is not well-formed CSV, or reading it failed.
    Csv(::csv::Error),
    /// Writing failed.
    Io(io::Error),
    /// The rows or cells are not what a read or write needs (counts, shapes).
    Shape(String),
}

impl Error {
    pub(crate) fn value(err: jsv::Error) -> Self {
        Error::new(Code::Value(err))
    }

    pub(crate) fn csv(err: ::csv::Error) -> Self {
        match err.kind() {
            ::csv::ErrorKind::Io(_) => match err.into_kind() {
                ::csv::ErrorKind::Io(e) => Error::new(Code::Io(e)),
                _ => unreachable!("checked above"),
            },
            _ => Error::new(Code::Csv(err)),
        }
    }

    pub(crate) fn io(err: io::Error) -> Self {
        Error::new(Code::Io(err))
    }

    pub(crate) fn shape(msg: impl Into<String>) -> Self {
        Error::new(Code::Shape(msg.into()))
    }

    fn new(code: Code) -> Self {
        Error {
            inner: Box::new(ErrorImpl { row: None, code }),
        }
    }

    /// Attaches the 1-based data row.
    pub(crate) fn at_row(mut self, row: u64) -> Self {
        self.inner.row = Some(row);
        self
    }

    /// The 1-based data row the error belongs to (row 1 is the line after the header), if any.
    pub fn row(&self) -> Option<u64> {
        self.inner.row
    }

    /// The column (the property name it matched, else its header) whose cell failed, if any.
    pub fn column(&self) -> Option<String> {
        match &self.inner.code {
            Code::Value(e) => match e.segments().next() {
                Some(jsv::Segment::Key(k)) => Some(k.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The path to the failing value: the column, then the path inside a nested cell
    /// (`PaymentMethods[1].UsePreferred`); `None` when the error is not about one value.
    pub fn path(&self) -> Option<String> {
        match &self.inner.code {
            Code::Value(e) if e.segments().next().is_some() => Some(e.path()),
            _ => None,
        }
    }

    /// The JSV error behind a cell that does not fit its type, if that is what this is.
    pub fn jsv_error(&self) -> Option<&jsv::Error> {
        match &self.inner.code {
            Code::Value(e) => Some(e),
            _ => None,
        }
    }

    /// True when reading or writing the underlying stream failed.
    pub fn is_io(&self) -> bool {
        matches!(self.inner.code, Code::Io(_))
    }

    /// True when the text is not well-formed CSV (bad UTF-8, for one).
    pub fn is_syntax(&self) -> bool {
        matches!(self.inner.code, Code::Csv(_))
    }

    /// True when well-formed CSV does not fit the type (a cell, or the number of rows or cells).
    pub fn is_data(&self) -> bool {
        matches!(self.inner.code, Code::Value(_) | Code::Shape(_))
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(row) = self.inner.row {
            write!(f, "row {row}: ")?;
        }
        match &self.inner.code {
            Code::Value(e) => {
                let text = e.to_string();
                if e.line() == 0 {
                    return f.write_str(&text);
                }
                // The position is inside the cell's text, not the file's.
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                let text = text.strip_suffix(&suffix).unwrap_or(&text);
                if e.line() == 1 {
                    write!(f, "{text} at column {} of the cell", e.column())
                } else {
                    write!(
                        f,
                        "{text} at line {} column {} of the cell",
                        e.line(),
                        e.column()
                    )
                }
            }
            Code::Csv(e) => write!(f, "malformed CSV: {e}"),
            Code::Io(e) => write!(f, "I/O error: {e}"),
            Code::Shape(m) => f.write_str(m),
        }
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
            Code::Value(e) => Some(e),
            Code::Csv(e) => Some(e),
            Code::Io(e) => Some(e),
            Code::Shape(_) => None,
        }
    }
}

impl From<Error> for io::Error {
    fn from(err: Error) -> io::Error {
        match err.inner.code {
            Code::Io(e) => e,
            _ => io::Error::new(io::ErrorKind::InvalidData, err),
        }
    }
}

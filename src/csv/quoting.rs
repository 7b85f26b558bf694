//! Strict quoting for CSV input. The `csv` crate is lenient where a cell's quoting is broken: it
//! reads `"abc"def` as `abcdef`, and a quote that is never closed as the rest of the text, rows
//! and all. Either way a value is silently changed (ServiceStack's reader is lenient too). This
//! reader sits in front of the `csv` crate's, follows the quoting of the bytes as they pass, and
//! notes the first place where it breaks, which the CSV reader then reports for its row.

use std::io;

use crate::error::Position;

/// How a cell's quoting broke.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Broken {
    /// Text after a quoted cell's closing quote (`"abc"def`).
    AfterClosingQuote,
    /// A quote opened and never closed before the end of the text.
    Unclosed,
}

impl Broken {
    pub(crate) fn message(self) -> &'static str {
        match self {
            Broken::AfterClosingQuote => {
                "malformed CSV: text after the closing quote of a quoted cell (a quote inside a \
                 quoted cell is written twice: `\"\"`)"
            }
            Broken::Unclosed => "malformed CSV: a quoted cell is not closed before the end",
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    CellStart,
    /// Inside a cell that does not start with a quote.
    Unquoted,
    /// Inside a quoted cell.
    Quoted,
    /// Just after a quote inside a quoted cell: the closing one, or the first of a pair.
    QuoteInQuoted,
}

/// An `io::Read` passing bytes through while it follows their CSV quoting.
pub(crate) struct Checked<R> {
    inner: R,
    state: State,
    /// Where the text is: byte offset, line, column (characters).
    offset: u64,
    line: usize,
    column: usize,
    /// Where the current quoted cell opened.
    opened: Position,
    /// The first break, and where it is.
    broken: Option<(Broken, Position, u64)>,
    at_end: bool,
}

impl<R: io::Read> Checked<R> {
    pub(crate) fn new(inner: R) -> Self {
        let start = Position {
            line: 1,
            column: 1,
            offset: 0,
        };
        Checked {
            inner,
            state: State::CellStart,
            offset: 0,
            line: 1,
            column: 1,
            opened: start,
            broken: None,
            at_end: false,
        }
    }

    /// The first break seen so far, with its place in the text and its byte offset.
    pub(crate) fn broken(&self) -> Option<(Broken, Position, u64)> {
        self.broken
    }

    fn here(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
            offset: usize::try_from(self.offset).unwrap_or(usize::MAX),
        }
    }

    fn follow(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.broken.is_none() {
                self.state = match (self.state, b) {
                    (State::CellStart, b'"') => {
                        self.opened = self.here();
                        State::Quoted
                    }
                    (State::CellStart | State::Unquoted, b',' | b'\r' | b'\n') => State::CellStart,
                    (State::CellStart | State::Unquoted, _) => State::Unquoted,
                    (State::Quoted, b'"') => State::QuoteInQuoted,
                    (State::Quoted, _) => State::Quoted,
                    (State::QuoteInQuoted, b'"') => State::Quoted,
                    (State::QuoteInQuoted, b',' | b'\r' | b'\n') => State::CellStart,
                    (State::QuoteInQuoted, _) => {
                        self.broken = Some((Broken::AfterClosingQuote, self.here(), self.offset));
                        State::Unquoted
                    }
                };
            }
            self.offset += 1;
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
    }
}

impl<R: io::Read> io::Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && !self.at_end {
            self.at_end = true;
            if self.state == State::Quoted && self.broken.is_none() {
                let opened = self.opened;
                self.broken = Some((Broken::Unclosed, opened, opened.offset as u64));
            }
        }
        self.follow(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn check(text: &str) -> Option<(Broken, usize, usize)> {
        let mut r = Checked::new(text.as_bytes());
        let mut sink = Vec::new();
        r.read_to_end(&mut sink).unwrap();
        r.broken().map(|(b, p, _)| (b, p.line, p.column))
    }

    #[test]
    fn follows_quoting_across_cells_and_rows() {
        for ok in [
            "a,b\r\n1,2\r\n",
            "\"a,b\",\"c\"\"d\"\r\n\"\"\r\n",
            "\"x\r\ny\",z\n",
            "a\"b,c\r\n",
            "",
            "\"\"\"\"",
        ] {
            assert_eq!(check(ok), None, "{ok:?}");
        }
        assert_eq!(
            check("ApiKey\r\n\"abc\"def\r\n"),
            Some((Broken::AfterClosingQuote, 2, 6))
        );
        assert_eq!(
            check("ApiKey,StoreId\r\n\"abc,1\r\n"),
            Some((Broken::Unclosed, 2, 1))
        );
        assert_eq!(check("a,\"é\"x"), Some((Broken::AfterClosingQuote, 1, 6)));
    }
}

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
    /// Whether any byte has been read.
    started: bool,
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
            started: false,
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

    /// The position of `bytes[at]`: counts lines and columns up to it from where the count
    /// stopped (`counted`, an index into the same `bytes`; positions only move forward, so
    /// each byte is counted once), with `memchr`'s searches for line breaks and a count of the
    /// bytes that start characters (every byte but a UTF-8 continuation byte, 10xxxxxx), which
    /// the compiler vectorizes.
    fn position_at(&mut self, bytes: &[u8], counted: &mut usize, at: usize) -> Position {
        let chars = |s: &[u8]| s.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        let seg = &bytes[*counted..at];
        match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', seg).count();
                self.column = 1 + chars(&seg[last + 1..]);
            }
            None => self.column += chars(seg),
        }
        self.offset += seg.len() as u64;
        *counted = at;
        self.here()
    }

    /// Follows the quoting of `bytes` (the next piece of the text): only a `"` can change the
    /// state, so the text is searched from one `"` to the next.
    fn follow(&mut self, bytes: &[u8]) {
        let mut counted = 0;
        let mut i = 0;
        // Where the last quoted cell opened in `bytes`: its position is worked out only if the
        // cell is still open at the end of `bytes` (an unclosed quote is reported there).
        let mut opened_at = None;
        while self.broken.is_none() && i < bytes.len() {
            match self.state {
                // Outside quotes only a `"` that starts a cell matters: the next `"`, and
                // whether the byte before it ends a cell.
                State::CellStart | State::Unquoted => {
                    let ends_cell = |c: u8| matches!(c, b',' | b'\r' | b'\n');
                    match memchr::memchr(b'"', &bytes[i..]) {
                        Some(rel) => {
                            let quote = i + rel;
                            let starts_cell = if rel == 0 {
                                self.state == State::CellStart
                            } else {
                                ends_cell(bytes[quote - 1])
                            };
                            self.state = if starts_cell {
                                opened_at = Some(quote);
                                State::Quoted
                            } else {
                                State::Unquoted
                            };
                            i = quote + 1;
                        }
                        None => {
                            if let Some(&last) = bytes.last() {
                                self.state = if ends_cell(last) {
                                    State::CellStart
                                } else {
                                    State::Unquoted
                                };
                            }
                            i = bytes.len();
                        }
                    }
                }
                State::Quoted => match memchr::memchr(b'"', &bytes[i..]) {
                    Some(quote) => {
                        self.state = State::QuoteInQuoted;
                        i += quote + 1;
                    }
                    None => i = bytes.len(),
                },
                State::QuoteInQuoted => {
                    self.state = match bytes[i] {
                        b'"' => State::Quoted,
                        b',' | b'\r' | b'\n' => State::CellStart,
                        _ => {
                            let here = self.position_at(bytes, &mut counted, i);
                            self.broken = Some((Broken::AfterClosingQuote, here, self.offset));
                            State::Unquoted
                        }
                    };
                    i += 1;
                }
            }
        }
        if let Some(at) = opened_at {
            if matches!(self.state, State::Quoted | State::QuoteInQuoted) && at >= counted {
                self.opened = self.position_at(bytes, &mut counted, at);
            }
        }
        self.position_at(bytes, &mut counted, bytes.len());
    }
}

impl<R: io::Read> io::Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n = self.inner.read(buf)?;
        // The `csv` crate skips a byte order mark only when its first buffer holds all of it
        // and more (a buffer of just the mark reads as the end of the text): a first read that
        // ends inside one, or right after it, is topped up, so that the rows never depend on
        // how the bytes arrive.
        const BOM: &[u8] = b"\xef\xbb\xbf";
        while !self.started && n > 0 && n <= BOM.len() && n < buf.len() && buf[..n] == BOM[..n] {
            let more = self.inner.read(&mut buf[n..])?;
            if more == 0 {
                break;
            }
            n += more;
        }
        self.started |= n > 0;
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

    /// The rule one byte at a time: the state, the first break and where it is.
    fn naive(text: &[u8]) -> (Option<(Broken, Position, u64)>, Position) {
        let (mut state, mut broken) = (State::CellStart, None);
        let (mut line, mut column, mut offset) = (1, 1, 0u64);
        let mut opened = None;
        for &b in text {
            let here = Position {
                line,
                column,
                offset: offset as usize,
            };
            if broken.is_none() {
                state = match (state, b) {
                    (State::CellStart, b'"') => {
                        opened = Some(here);
                        State::Quoted
                    }
                    (State::CellStart | State::Unquoted, b',' | b'\r' | b'\n') => State::CellStart,
                    (State::CellStart | State::Unquoted, _) => State::Unquoted,
                    (State::Quoted, b'"') => State::QuoteInQuoted,
                    (State::Quoted, _) => State::Quoted,
                    (State::QuoteInQuoted, b'"') => State::Quoted,
                    (State::QuoteInQuoted, b',' | b'\r' | b'\n') => State::CellStart,
                    (State::QuoteInQuoted, _) => {
                        broken = Some((Broken::AfterClosingQuote, here, offset));
                        State::Unquoted
                    }
                };
            }
            offset += 1;
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        if broken.is_none() && state == State::Quoted {
            let opened = opened.unwrap();
            broken = Some((Broken::Unclosed, opened, opened.offset as u64));
        }
        let end = Position {
            line,
            column,
            offset: offset as usize,
        };
        (broken, end)
    }

    /// Hands out its text `chunk` bytes at a time.
    struct Chunks<'a>(&'a [u8], usize);

    impl Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn runs_skipped_whole_agree_with_the_rule_byte_by_byte() {
        let pieces = [
            "a",
            "bcdefghijk",
            ",",
            "\r\n",
            "\n",
            "\"",
            "\"\"",
            "é",
            "€😀",
            "x,y",
            " ",
        ];
        // Every text of up to four pieces, and longer ones made by a simple generator.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.dedup();
        }
        let mut seed = 7u64;
        for _ in 0..500 {
            let mut t = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(t);
        }
        for text in &texts {
            let (broken, end) = naive(text.as_bytes());
            for chunk in [1, 3, 8, 13, 4096] {
                let mut r = Checked::new(Chunks(text.as_bytes(), chunk));
                let mut sink = Vec::new();
                r.read_to_end(&mut sink).unwrap();
                assert_eq!(r.broken(), broken, "{text:?} in pieces of {chunk}");
                assert_eq!(r.here(), end, "{text:?} in pieces of {chunk}");
            }
        }
    }
}

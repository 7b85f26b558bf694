//! The leaves of the JSON reader: strings and numbers (RFC 8259), read straight from the input.
//!
//! A string without escapes is borrowed from the input: one `memchr2` search for its closing
//! quote or a backslash. Raw control characters inside a string are kept as they are (RFC 8259
//! forbids them, ServiceStack reads them verbatim, and rejecting them would lose a value that
//! means exactly what it holds). Escapes are RFC 8259's; a lone UTF-16 surrogate is an error,
//! since no Rust string can hold one.

use std::borrow::Cow;

use crate::jsv::error::{Category, Error, ErrorCode, Found, Result};

/// The first `"` or `\\` at or after `from` (names and most values are short: see
/// [`find2`](crate::swar::find2)).
#[inline]
pub(super) fn find_quote_or_backslash(b: &[u8], from: usize) -> Option<usize> {
    crate::swar::find2::<64>(b, from, b'"', b'\\')
}

/// Reads the string whose opening quote is at `open`: its text (borrowed unless it holds an
/// escape) and the offset just past its closing quote.
#[inline]
pub(super) fn string(input: &str, open: usize) -> Result<(Cow<'_, str>, usize)> {
    let b = input.as_bytes();
    let start = open + 1;
    let at = find_quote_or_backslash(b, start).ok_or_else(|| unclosed(b, open))?;
    if b[at] == b'"' {
        return Ok((Cow::Borrowed(&input[start..at]), at + 1));
    }
    let mut out = String::with_capacity(at - start + 16);
    out.push_str(&input[start..at]);
    let end = unescape(input, open, at, Some(&mut out))?;
    Ok((Cow::Owned(out), end))
}

/// Checks the string whose opening quote is at `open` without building its text; returns the
/// offset just past its closing quote.
pub(super) fn skip_string(input: &str, open: usize) -> Result<usize> {
    let b = input.as_bytes();
    let at = find_quote_or_backslash(b, open + 1).ok_or_else(|| unclosed(b, open))?;
    if b[at] == b'"' {
        return Ok(at + 1);
    }
    unescape(input, open, at, None)
}

/// Decodes from the backslash at `at` to the closing quote, appending to `out` (which holds the
/// text before `at`) when given. Returns the offset just past the closing quote.
fn unescape(
    input: &str,
    open: usize,
    mut at: usize,
    mut out: Option<&mut String>,
) -> Result<usize> {
    let b = input.as_bytes();
    loop {
        let (c, next) = escape(input, open, at)?;
        let stop = find_quote_or_backslash(b, next).ok_or_else(|| unclosed(b, open))?;
        if let Some(out) = &mut out {
            out.push(c);
            out.push_str(&input[next..stop]);
        }
        if b[stop] == b'"' {
            return Ok(stop + 1);
        }
        at = stop;
    }
}

/// The escape whose backslash is at `at`: the character and the offset after the escape.
fn escape(input: &str, open: usize, at: usize) -> Result<(char, usize)> {
    let b = input.as_bytes();
    let c = match b.get(at + 1) {
        None => return Err(unclosed(b, open)),
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode(input, open, at),
        Some(_) => {
            let found = input[at + 1..].chars().next().map(String::from);
            let what =
                "an escape character after `\\` (one of `\"` `\\` `/` `b` `f` `n` `r` `t` `u`)";
            return Err(syntax_found(input, at, what, &found.unwrap_or_default()));
        }
    };
    Ok((c, at + 2))
}

/// `\uXXXX` at `at`, or a surrogate pair `\uD83D\uDE00`.
fn unicode(input: &str, open: usize, at: usize) -> Result<(char, usize)> {
    let b = input.as_bytes();
    let hi = hex4(input, open, at + 2)?;
    let lone = || Error::new(ErrorCode::LoneSurrogate(hi)).at(b, at);
    match hi {
        0xD800..=0xDBFF => {}
        0xDC00..=0xDFFF => return Err(lone()),
        _ => return Ok((char::from_u32(u32::from(hi)).ok_or_else(lone)?, at + 6)),
    }
    match (b.get(at + 6), b.get(at + 7)) {
        (Some(b'\\'), Some(b'u')) => {}
        (None, _) | (Some(b'\\'), None) => return Err(unclosed(b, open)),
        _ => return Err(lone()),
    }
    let lo = hex4(input, open, at + 8)?;
    if !(0xDC00..=0xDFFF).contains(&lo) {
        return Err(lone());
    }
    let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
    Ok((char::from_u32(c).ok_or_else(lone)?, at + 12))
}

/// Four hex digits at `from`.
fn hex4(input: &str, open: usize, from: usize) -> Result<u16> {
    let b = input.as_bytes();
    let mut v = 0u16;
    for i in from..from + 4 {
        let d = match b.get(i) {
            None => return Err(unclosed(b, open)),
            Some(&c) => (c as char).to_digit(16),
        };
        match d {
            Some(d) => v = v << 4 | d as u16,
            None => {
                let found: String = input[from..].chars().take(4).collect();
                let what = "four hex digits after `\\u`";
                return Err(syntax_found(input, from, what, &found));
            }
        }
    }
    Ok(v)
}

/// The end of the input inside the string opened at `open` (reported there: the end of the
/// input says little).
fn unclosed(b: &[u8], open: usize) -> Error {
    let what = "a closing `\"` for the string opened here";
    expected(b, open, what, Found::Eof, Category::Eof)
}

/// Reads the number starting at `at` (`-`, or a digit, is there): the offset just past it, and
/// whether it is an integer (no fraction, no exponent).
#[inline]
pub(super) fn number(input: &str, at: usize) -> Result<(usize, bool)> {
    let b = input.as_bytes();
    let digits = |mut i: usize| {
        while let Some(b'0'..=b'9') = b.get(i) {
            i += 1;
        }
        i
    };
    let mut i = at;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    i = match b.get(i) {
        Some(b'0') if matches!(b.get(i + 1), Some(b'0'..=b'9')) => {
            return Err(syntax(input, at, "a number without leading zeros"))
        }
        Some(b'0') => i + 1,
        Some(b'1'..=b'9') => digits(i + 1),
        _ => return Err(syntax(input, i, "a digit")),
    };
    let mut integral = true;
    if b.get(i) == Some(&b'.') {
        integral = false;
        if !matches!(b.get(i + 1), Some(b'0'..=b'9')) {
            return Err(syntax(input, i + 1, "a digit after the decimal point"));
        }
        i = digits(i + 1);
    }
    if let Some(b'e' | b'E') = b.get(i) {
        integral = false;
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return Err(syntax(input, i, "a digit in the exponent"));
        }
        i = digits(i);
    }
    Ok((i, integral))
}

/// "expected `what`, found `found`" at `at`: an error of the category `otherwise`, or `Eof`
/// when the input ended there.
pub(super) fn expected(
    b: &[u8],
    at: usize,
    what: &'static str,
    found: Found,
    otherwise: Category,
) -> Error {
    let category = if matches!(found, Found::Eof) {
        Category::Eof
    } else {
        otherwise
    };
    Error::new(ErrorCode::Expected {
        expected: what,
        found,
        category,
    })
    .at(b, at)
}

/// `what` was expected; the few characters at `at` were found.
pub(super) fn syntax(input: &str, at: usize, what: &'static str) -> Error {
    expected(
        input.as_bytes(),
        at,
        what,
        excerpt(input, at),
        Category::Syntax,
    )
}

/// `what` was expected; `found` (a piece of the input at `at`) was found.
fn syntax_found(input: &str, at: usize, what: &'static str, found: &str) -> Error {
    let found = Found::text(found.as_bytes());
    expected(input.as_bytes(), at, what, found, Category::Syntax)
}

/// The next few characters at `at`, for syntax errors (see
/// [`found_at`](crate::error::found_at)).
pub(super) fn excerpt(input: &str, at: usize) -> Found {
    crate::error::found_at(input, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(input: &str) -> Result<(Cow<'_, str>, usize)> {
        string(input, 0)
    }

    #[test]
    fn the_first_quote_or_backslash_is_found_at_any_distance() {
        for len in 0..200 {
            for special in [b'"', b'\\'] {
                // High bytes and bytes next to the searched ones must not match.
                let mut b: Vec<u8> = (0..len)
                    .map(|i| [b'a', 0xE9, b'!', b'#', b'[', b']'][i % 6])
                    .collect();
                b.push(special);
                b.push(b'"');
                for from in [0, len / 2, len] {
                    assert_eq!(find_quote_or_backslash(&b, from), Some(len), "{len} {from}");
                }
            }
            assert_eq!(find_quote_or_backslash(&vec![b'x'; len], 0), None);
        }
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        assert!(matches!(s(r#""abc","#).unwrap(), (Cow::Borrowed("abc"), 5)));
        assert!(matches!(s(r#""""#).unwrap(), (Cow::Borrowed(""), 2)));
        let (text, end) = s(r#""a\"b\\c\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00z"x"#).unwrap();
        assert_eq!(text, "a\"b\\c/\u{8}\u{c}\n\r\tA\u{e9}\u{1F600}z");
        assert!(matches!(text, Cow::Owned(_)));
        assert_eq!(end, 46);
        assert_eq!(skip_string(r#""a\"b\u0041"x"#, 0).unwrap(), 12);
        // Raw control characters are kept.
        assert_eq!(s("\"a\tb\u{1}\nc\"").unwrap().0, "a\tb\u{1}\nc");
    }

    #[test]
    fn string_errors() {
        for (input, message) in [
            (r#""abc"#, "expected a closing `\"` for the string opened here, found end of input at line 1 column 1"),
            (r#""a\"#, "expected a closing `\"` for the string opened here, found end of input at line 1 column 1"),
            (r#""a\u00"#, "expected a closing `\"` for the string opened here, found end of input at line 1 column 1"),
            (r#""a\x""#, "expected an escape character after `\\` (one of `\"` `\\` `/` `b` `f` `n` `r` `t` `u`), found `x` at line 1 column 3"),
            (r#""a\u00G0""#, "expected four hex digits after `\\u`, found `00G0` at line 1 column 5"),
            (r#""\ud800""#, "lone UTF-16 surrogate `\\uD800` in a string (no Rust string can hold it) at line 1 column 2"),
            (r#""\udc00\ud800""#, "lone UTF-16 surrogate `\\uDC00` in a string (no Rust string can hold it) at line 1 column 2"),
            (r#""\ud800\u0041""#, "lone UTF-16 surrogate `\\uD800` in a string (no Rust string can hold it) at line 1 column 2"),
            (r#""\ud800x""#, "lone UTF-16 surrogate `\\uD800` in a string (no Rust string can hold it) at line 1 column 2"),
        ] {
            assert_eq!(s(input).unwrap_err().to_string(), message, "{input}");
            assert_eq!(skip_string(input, 0).unwrap_err().to_string(), message, "{input}");
        }
    }

    #[test]
    fn numbers_follow_rfc_8259() {
        for (input, end, integral) in [
            ("0", 1, true),
            ("-0", 2, true),
            ("12,", 2, true),
            ("1.50}", 4, false),
            ("-1e2", 4, false),
            ("1E+20", 5, false),
            ("4.94065645841247E-324", 21, false),
        ] {
            assert_eq!(number(input, 0).unwrap(), (end, integral), "{input}");
        }
        for (input, message) in [
            (
                "-",
                "expected a digit, found end of input at line 1 column 2",
            ),
            ("-x", "expected a digit, found `x` at line 1 column 2"),
            (
                "01",
                "expected a number without leading zeros, found `01` at line 1 column 1",
            ),
            (
                "1.",
                "expected a digit after the decimal point, found end of input at line 1 column 3",
            ),
            (
                "1.e3",
                "expected a digit after the decimal point, found `e3` at line 1 column 3",
            ),
            (
                "1e",
                "expected a digit in the exponent, found end of input at line 1 column 3",
            ),
            (
                "1e+}",
                "expected a digit in the exponent, found `}` at line 1 column 4",
            ),
        ] {
            assert_eq!(
                number(input, 0).unwrap_err().to_string(),
                message,
                "{input}"
            );
        }
    }
}

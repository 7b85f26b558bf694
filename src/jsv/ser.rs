//! JSV's dialect of the crate's writer ([`crate::ser`]): ServiceStack's compact JSV bytes.
//!
//! Rules (`docs/jsv-grammar.md`, ServiceStack's `JsWriter`/`TypeSerializer`): objects
//! `{Name:value,...}` with null properties left out; lists `[a,b]` with a null item written as
//! nothing; strings bare unless they hold `" : , { } [ ] \r \n` (then quoted, inner quotes
//! doubled), `""` for the empty string; `True`/`False`; enum members by name; dates in the
//! shortest XSD form, bare.

use std::fmt::{self, Write};

use crate::ser::{Formatter, Sealed};

/// Bytes that force a string to be quoted (`JsWriter.EscapeChars` plus CR/LF): 1, else 0.
static NEEDS_QUOTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let specials = *b"\":,{}[]\r\n";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = 1;
        i += 1;
    }
    t
};

/// Strings at least this long are checked with SIMD `memchr` passes instead of the table.
const LONG: usize = 48;

/// Whether this string is quoted in JSV: it is empty or holds one of `" : , { } [ ]` CR LF
/// (ServiceStack's rule), or it starts with a byte order mark (U+FEFF), which every reader skips
/// at the start of a document: quoted, a top-level string keeps it (ServiceStack writes it bare).
#[inline]
pub fn needs_quotes(s: &str) -> bool {
    let b = s.as_bytes();
    if b.starts_with("\u{feff}".as_bytes()) {
        return true;
    }
    if b.len() >= LONG {
        // Tokens and other long values: three vectorized scans beat a byte-wise table.
        return memchr::memchr3(b'"', b':', b',', b).is_some()
            || memchr::memchr3(b'{', b'}', b'[', b).is_some()
            || memchr::memchr3(b']', b'\r', b'\n', b).is_some();
    }
    if b.is_empty() {
        return true;
    }
    // Eight table lookups OR-ed together, one branch per chunk.
    let q = |x: u8| NEEDS_QUOTE[x as usize];
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        if q(c[0]) | q(c[1]) | q(c[2]) | q(c[3]) | q(c[4]) | q(c[5]) | q(c[6]) | q(c[7]) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&x| q(x) != 0)
}

/// Writes `s` as a JSV string: bare, or quoted with inner quotes doubled.
#[inline]
pub(crate) fn write_str<W: ?Sized + Write>(out: &mut W, s: &str) -> fmt::Result {
    if !needs_quotes(s) {
        return out.write_str(s);
    }
    write_quoted(out, s)
}

/// Writes `s` in quotes, inner quotes doubled.
pub(crate) fn write_quoted<W: ?Sized + Write>(out: &mut W, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let mut start = 0;
    for i in memchr::memchr_iter(b'"', s.as_bytes()) {
        out.write_str(&s[start..=i])?;
        out.write_char('"')?;
        start = i + 1;
    }
    out.write_str(&s[start..])?;
    out.write_char('"')
}

/// Writes a struct field name: a `&'static str`, so whether it needs quoting can be remembered
/// by its address (the text behind a static address never changes).
#[inline]
pub(crate) fn write_field_name<W: ?Sized + Write>(out: &mut W, key: &'static str) -> fmt::Result {
    /// Sets of two entries in the cache below.
    const SETS: usize = 256;
    thread_local! {
        /// Two-way set-associative: each set holds the address (+ 1, the length in its high
        /// bits) of up to two field names known not to need quotes, the newer first.
        static PLAIN_KEYS: [std::cell::Cell<usize>; 2 * SETS] =
            const { [const { std::cell::Cell::new(0) }; 2 * SETS] };
    }
    let tag = (key.as_ptr() as usize ^ key.len().rotate_left(32)).wrapping_add(1);
    // The set from all the address's bits (Fibonacci hashing): names are packed side by side
    // in the binary, so their low bits alone put neighbours together, where they kept evicting
    // each other (with 64 direct-mapped slots by the low bits, 13 of the bench's 38 names an
    // encode, as the binary's layout fell).
    let set = 2 * (tag.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SETS.trailing_zeros()));
    // One access to the thread-local (with two, `LocalKey::with` was outlined in some builds).
    let plain = PLAIN_KEYS.with(|keys| {
        let (first, second) = (&keys[set], &keys[set + 1]);
        if first.get() == tag || second.get() == tag {
            true
        } else if needs_quotes(key) {
            false
        } else {
            second.set(first.get());
            first.set(tag);
            true
        }
    });
    if plain {
        out.write_str(key)
    } else {
        write_quoted(out, key)
    }
}

/// Compact JSV, byte for byte as ServiceStack writes it.
#[derive(Copy, Clone, Debug, Default)]
pub struct CompactFormatter;

impl Sealed for CompactFormatter {}

impl Formatter for CompactFormatter {
    // Every other method's default is compact JSV.
    #[inline]
    fn write_field_name<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        name: &'static str,
    ) -> fmt::Result {
        write_field_name(w, name)
    }
}

/// A serde `Serializer` writing JSV to a [`fmt::Write`] (a `String`), compact by default,
/// pretty with `Serializer::pretty`.
///
/// ```
/// use serde::Serialize;
/// let mut out = String::new();
/// vec!["a,b", "c"].serialize(&mut clubready_wire::jsv::Serializer::new(&mut out)).unwrap();
/// assert_eq!(out, r#"["a,b",c]"#);
/// ```
pub type Serializer<W> = crate::ser::Serializer<W, CompactFormatter>;

impl<W: Write> crate::ser::Serializer<W, CompactFormatter> {
    /// A serializer writing compact JSV to `out`, unspecified dates at UTC.
    pub fn new(out: W) -> Self {
        crate::ser::Serializer::with_formatter(out, CompactFormatter)
    }

    /// A serializer writing JSV in the pretty layout of ServiceStack's `Dump()` to `out`.
    pub fn pretty(out: W) -> crate::ser::Serializer<W, super::pretty::PrettyFormatter> {
        crate::ser::Serializer::with_formatter(out, super::pretty::PrettyFormatter::default())
    }
}

#[cfg(test)]
mod tests {
    use super::{needs_quotes, write_field_name, write_str};

    #[test]
    fn field_names_are_written_as_strings_are_whatever_the_cache_holds() {
        // A name and its own prefix at the same address: the cache tells them apart by length.
        let text: &'static str = Box::leak("Name:x".to_owned().into_boxed_str());
        let names = [&text[..4], text, &text[..4], &text[..5], text];
        // Far more names than the cache holds, plain and needing quotes, each written three
        // times (sets overflow and evict; a name once known plain is read from the cache).
        let many: Vec<&'static str> = (0..3000)
            .map(|i| {
                let name = if i % 7 == 0 {
                    format!("F{i},")
                } else {
                    format!("F{i}")
                };
                &*Box::leak(name.into_boxed_str())
            })
            .collect();
        for name in names
            .into_iter()
            .chain(many.iter().chain(&many).chain(&many).copied())
        {
            let (mut cached, mut plain) = (String::new(), String::new());
            write_field_name(&mut cached, name).unwrap();
            write_str(&mut plain, name).unwrap();
            assert_eq!(cached, plain, "{name:?}");
        }
    }

    #[test]
    fn needs_quotes_agrees_with_the_rule_at_every_length_and_position() {
        let naive = |s: &str| s.is_empty() || s.bytes().any(|b| b"\":,{}[]\r\n".contains(&b));
        for len in 0..100 {
            let plain = "a".repeat(len);
            assert_eq!(needs_quotes(&plain), naive(&plain), "len {len}");
            for pos in 0..len {
                for special in [
                    "\"", ":", ",", "{", "}", "[", "]", "\r", "\n", "\t", " ", "é",
                ] {
                    let s = format!("{}{special}{}", &plain[..pos], &plain[pos + 1..]);
                    assert_eq!(needs_quotes(&s), naive(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn a_leading_byte_order_mark_is_kept_by_quoting() {
        use crate::jsv;
        let s = "\u{feff}TempStUser".to_owned();
        assert!(needs_quotes(&s));
        assert!(!needs_quotes("a\u{feff}"));
        let text = jsv::to_string(&s).unwrap();
        assert_eq!(text, "\"\u{feff}TempStUser\"");
        assert_eq!(jsv::from_str::<String>(&text).unwrap(), s);
        let v: jsv::Value = jsv::from_str(&text).unwrap();
        assert_eq!(jsv::to_string(&v).unwrap(), text);
    }
}

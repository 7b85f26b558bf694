//! Byte searches eight bytes at a time in a `u64` ("SIMD within a register"), for the short
//! spans the readers and writers scan (names, most values): `memchr`'s vector searches have a
//! set-up cost that dominates there. Safe Rust only.

/// `0x01` in every byte.
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `at` as a little-endian word, if there are eight.
#[inline]
pub(crate) fn word_at(b: &[u8], at: usize) -> Option<u64> {
    let chunk = b.get(at..at.checked_add(8)?)?;
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(chunk);
    Some(u64::from_le_bytes(bytes))
}

/// Bytes of `word` equal to `c`: the high bit of each such byte set (the lowest one exact;
/// bytes above a match may be flagged falsely).
#[inline]
pub(crate) fn has_byte(word: u64, c: u8) -> u64 {
    let x = word ^ (LO * u64::from(c));
    x.wrapping_sub(LO) & !x & HI
}

/// The first `x` or `y` at or after `from`: the first `SHORT` bytes (a multiple of 8) eight at
/// a time in a register, the rest with `memchr2`. The two byte tests share their final mask (the lowest flagged byte
/// of either is still exact: a false flag of one sits above a true match of the same one).
/// The words are a loop of constant count (unrolled: no induction variables kept across
/// words, no registers spilled around them); fewer than eight bytes left (the end of the
/// input) are looked at one by one.
#[inline]
pub(crate) fn find2<const SHORT: usize>(b: &[u8], from: usize, x: u8, y: u8) -> Option<usize> {
    let (xs, ys) = (LO * u64::from(x), LO * u64::from(y));
    let mut i = from;
    for _ in 0..SHORT / 8 {
        let Some(word) = word_at(b, i) else {
            return b[i..].iter().position(|&c| c == x || c == y).map(|p| i + p);
        };
        let (a, c) = (word ^ xs, word ^ ys);
        let found = ((a.wrapping_sub(LO) & !a) | (c.wrapping_sub(LO) & !c)) & HI;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    memchr::memchr2(x, y, &b[i..]).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::find2;

    #[test]
    fn find2_finds_the_first_of_either_byte_at_every_length_and_offset() {
        every_length_and_offset::<16>();
        every_length_and_offset::<64>();
    }

    fn every_length_and_offset<const SHORT: usize>() {
        for len in 0..150 {
            for from in 0..=len.min(20) {
                let mut b = vec![b'a'; len];
                assert_eq!(find2::<SHORT>(&b, from, b',', b'}'), None, "{len} {from}");
                for at in (from..len).rev() {
                    b[at] = if at % 2 == 0 { b',' } else { b'}' };
                    assert_eq!(
                        find2::<SHORT>(&b, from, b',', b'}'),
                        Some(at),
                        "{len} {from} {at}"
                    );
                }
                // A match before `from` is not found; bytes just below a match do not
                // confuse the search.
                let mut b = vec![0x2Cu8 ^ 1; len];
                if from > 0 {
                    b[from - 1] = b',';
                }
                assert_eq!(find2::<SHORT>(&b, from, b',', b'}'), None, "{len} {from}");
            }
        }
    }
}

//! Short byte strings as whole little-endian words, for cache and table keys. Built from
//! fixed 8-byte loads: a copy of a variable length, such as `copy_from_slice` into a padded
//! buffer, is a call in WASM, and on the import's hot path it cost more than the lookup.

/// Bytes `at..at + 8` of `raw`, which must hold them.
#[inline]
pub fn word(raw: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&raw[at..at + 8]);
    u64::from_le_bytes(w)
}

/// The bytes of `raw` from `from` on (at most 8 of them, and `raw` at least 8 long) in the
/// low bytes of a word, zero above: the last 8 bytes, shifted.
#[inline]
pub fn tail(raw: &[u8], from: usize) -> u64 {
    match raw.len() - from {
        0 => 0,
        k => word(raw, raw.len() - 8) >> (8 * (8 - k)),
    }
}

/// Up to 16 bytes, zero-padded: the same words as loading `raw` padded with zeros to 16 bytes.
/// `None` when longer.
#[inline]
pub fn pack16(raw: &[u8]) -> Option<[u64; 2]> {
    Some(match raw.len() {
        0..=7 => {
            let x = raw
                .iter()
                .enumerate()
                .fold(0u64, |x, (i, &b)| x | u64::from(b) << (8 * i));
            [x, 0]
        }
        8..=16 => [word(raw, 0), tail(raw, 8)],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_the_zero_padded_bytes() {
        let text = b"0123456789abcdefXYZ";
        for n in 0..=17 {
            let raw = &text[..n];
            let mut padded = [0u8; 16];
            let got = pack16(raw);
            if n > 16 {
                assert_eq!(got, None);
                continue;
            }
            padded[..n].copy_from_slice(raw);
            let want = [word(&padded, 0), word(&padded, 8)];
            assert_eq!(got, Some(want), "{n} bytes");
        }
    }
}

//! Sorting by `f64` keys without comparisons: figures are mapped to `u64`s in
//! [`f64::total_cmp`]'s order and sorted by an LSD radix sort, which for 100k customers is a
//! few linear passes instead of about 1.7M comparisons.

/// A `u64` whose unsigned order is [`f64::total_cmp`]'s order.
#[inline]
pub fn key_asc(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// The inverse of [`key_asc`] (the tests' check of it).
#[cfg(test)]
fn f64_of_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Sorts by key, stably (equal keys keep their order): least significant digit first, 11
/// bits a pass, and a pass where every key has the same digit is skipped. For 100k
/// customers this is a few passes over 1.6 MB instead of a comparison sort.
pub fn radix_sort(v: &mut Vec<(u64, u32)>) {
    const BITS: usize = 11;
    const PASSES: usize = 64usize.div_ceil(BITS);
    const R: usize = 1 << BITS;
    if v.len() <= 64 {
        v.sort_by_key(|t| t.0);
        return;
    }
    if few_keys(v) {
        return;
    }
    let mut counts = vec![[0usize; R]; PASSES];
    for &(k, _) in v.iter() {
        for (p, c) in counts.iter_mut().enumerate() {
            c[((k >> (p * BITS)) as usize) & (R - 1)] += 1;
        }
    }
    let mut buf = vec![(0u64, 0u32); v.len()];
    for (p, c) in counts.iter_mut().enumerate() {
        if c.contains(&v.len()) {
            continue;
        }
        let mut at = 0;
        for x in c.iter_mut() {
            let k = *x;
            *x = at;
            at += k;
        }
        for &t in v.iter() {
            let d = ((t.0 >> (p * BITS)) as usize) & (R - 1);
            buf[c[d]] = t;
            c[d] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

/// At most this many distinct keys take [`few_keys`]' one counting pass.
const FEW: usize = 256;

/// The distinct keys of a column that has few: an open-addressed table of twice [`FEW`]
/// slots, each key with a count and then an offset.
struct FewKeys {
    keys: [u64; 2 * FEW],
    used: [bool; 2 * FEW],
    counts: [usize; 2 * FEW],
    len: usize,
}

impl FewKeys {
    /// The slot of `k`, or the empty slot where it goes.
    #[inline]
    fn slot(&self, k: u64) -> usize {
        // A multiplicative mix: f64 keys differ in their high bits, codes in their low ones.
        let mut h = ((k ^ (k >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize;
        loop {
            h &= 2 * FEW - 1;
            if !self.used[h] || self.keys[h] == k {
                return h;
            }
            h += 1;
        }
    }
}

/// Sorts `v` stably with one counting pass when it holds at most [`FEW`] distinct keys (a
/// rating column, whole days late, a rank): returns false, `v` untouched, otherwise. Telling
/// costs a lookup in a small table per element, and ends within the first few hundred
/// elements of a column of figures.
fn few_keys(v: &mut Vec<(u64, u32)>) -> bool {
    let mut t = FewKeys {
        keys: [0; 2 * FEW],
        used: [false; 2 * FEW],
        counts: [0; 2 * FEW],
        len: 0,
    };
    for &(k, _) in v.iter() {
        let h = t.slot(k);
        if !t.used[h] {
            if t.len == FEW {
                return false;
            }
            t.used[h] = true;
            t.keys[h] = k;
            t.len += 1;
        }
        t.counts[h] += 1;
    }
    let mut slots: Vec<usize> = (0..2 * FEW).filter(|&h| t.used[h]).collect();
    slots.sort_unstable_by_key(|&h| t.keys[h]);
    let mut at = 0;
    for h in slots {
        let n = t.counts[h];
        t.counts[h] = at;
        at += n;
    }
    let mut buf = vec![(0u64, 0u32); v.len()];
    for &x in v.iter() {
        let h = t.slot(x.0);
        if let Some(to) = buf.get_mut(t.counts[h]) {
            *to = x;
        }
        t.counts[h] += 1;
    }
    *v = buf;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_matches_a_stable_comparison_sort() {
        let mut next = crate::test_rng::xorshift(0x1234_5678_9ABC_DEF1);
        let specials = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e-300,
        ];
        for n in [0usize, 1, 5, 64, 65, 1000, 20_000] {
            let values: Vec<f64> = (0..n)
                .map(|i| match next() % 4 {
                    0 => specials[i % specials.len()],
                    1 => (next() % 50) as f64 - 25.0,
                    // Values closer than the high bits tell apart.
                    2 => 1000.0 + (next() % 5000) as f64 * 1e-9,
                    _ => f64::from_bits(next()) % 1e12,
                })
                .filter(|v| !v.is_nan())
                .collect();
            let mut want: Vec<(f64, u32)> = values
                .iter()
                .enumerate()
                .map(|(i, &v)| (v, i as u32))
                .collect();
            want.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut got: Vec<(u64, u32)> = values
                .iter()
                .enumerate()
                .map(|(i, &v)| (key_asc(v), i as u32))
                .collect();
            radix_sort(&mut got);
            let got: Vec<(u64, u32)> = got
                .into_iter()
                .map(|(k, i)| (f64_of_key(k).to_bits(), i))
                .collect();
            let want: Vec<(u64, u32)> = want.into_iter().map(|(v, i)| (v.to_bits(), i)).collect();
            assert_eq!(got, want, "n = {n}");
        }
    }

    /// Keys whose differences lie only in the low bits, only in the high bits, or both, in
    /// runs long and short: the same order as a stable comparison sort.
    #[test]
    fn radix_sort_of_raw_keys_matches_a_stable_comparison_sort() {
        let mut next = crate::test_rng::xorshift(0x0DDB_1A5E_5BAD_5EED);
        let masks = [
            (1u64 << 20) - 1,
            !((1u64 << 40) - 1),
            u64::MAX,
            0xF000_0000_0000_000F,
            0,
        ];
        for mask in masks {
            for n in [65usize, 200, 5_000, 40_000] {
                let keys: Vec<(u64, u32)> = (0..n as u32).map(|i| (next() & mask, i)).collect();
                let mut want = keys.clone();
                want.sort_by_key(|t| t.0);
                let mut got = keys;
                radix_sort(&mut got);
                assert_eq!(got, want, "mask {mask:x}, n = {n}");
            }
        }
    }

    /// Columns of a few distinct keys, on either side of what one counting pass takes, in
    /// runs and scattered: the same order as a stable comparison sort.
    #[test]
    fn radix_sort_of_few_distinct_keys_matches_a_stable_comparison_sort() {
        let mut next = crate::test_rng::xorshift(0x5EED_0FFE_7500_0001);
        for distinct in [1u64, 2, 7, FEW as u64 - 1, FEW as u64, FEW as u64 + 1, 1000] {
            let values: Vec<u64> = (0..distinct).map(|_| next()).collect();
            for n in [65usize, 300, 20_000] {
                let keys: Vec<(u64, u32)> = (0..n as u32)
                    .map(|i| {
                        // Runs of one key now and then, as sorted-ish data has.
                        let k = if i % 7 < 3 { i as u64 / 7 } else { next() };
                        (values[(k % distinct) as usize], i)
                    })
                    .collect();
                let mut want = keys.clone();
                want.sort_by_key(|t| t.0);
                let mut got = keys;
                radix_sort(&mut got);
                assert_eq!(got, want, "{distinct} distinct keys, n = {n}");
            }
        }
    }
}

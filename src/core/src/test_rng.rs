//! A deterministic generator for tests (xorshift64): the same numbers on every run and
//! machine, with no dependency.

/// The numbers after `seed` (which must not be 0).
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

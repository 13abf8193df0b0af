//! A money column of the compact transaction log. Amounts as order logs write them have two
//! decimals, so a column is kept as whole cents in an `i32` (4 bytes a row instead of 8) for as
//! long as every value is exactly such an amount; the first value that is not (more decimals,
//! beyond ±21 million) turns the column into `f64` once, so no value ever changes. The one
//! exception is −0 (`-0.00` in a file), kept as 0: every figure is a sum, which it leaves alone.
//! A missing value reads as NaN, as in a plain `Vec<f64>`.

use serde::{Deserialize, Serialize};

/// A figure as read from a cell: whole cents when the text was a plain amount with at most two
/// decimals (no division, no rounding to check), else its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    /// Never [`MISSING`], never from `-0`.
    Cents(i32),
    Value(f64),
}

impl Figure {
    pub fn value(self) -> f64 {
        match self {
            Figure::Cents(c) => f64::from(c) / 100.0,
            Figure::Value(v) => v,
        }
    }
}

/// `-?digits(.d{1,2})?` with at most 7 whole digits and not a negative zero, as whole cents: the
/// common amount of an order log, whose value `cents / 100` is the one
/// [`super::values::read_number`] gives (both are the correctly rounded quotient of the same
/// two exact integers), and which proves a decimal dot when it has one. Other text: `None`.
#[inline]
pub fn plain_cents(raw: &[u8]) -> Option<(i32, bool)> {
    let (neg, digits) = match raw.split_first()? {
        (b'-', rest) => (true, rest),
        _ => (false, raw),
    };
    // At most 7 whole digits, a dot and 2 decimals: 9 digits of cents, below 2^31.
    if digits.len() > 10 {
        return None;
    }
    // Ten digits at most, so a u64 cannot overflow before the checks below.
    let (mut c, mut dot) = (0u64, None);
    for (i, &b) in digits.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d <= 9 {
            c = c * 10 + u64::from(d);
        } else if b == b'.' && dot.is_none() {
            dot = Some(i);
        } else {
            return None;
        }
    }
    let whole = dot.unwrap_or(digits.len());
    let decimals = digits.len() - whole - usize::from(dot.is_some());
    if whole == 0 || whole > 7 || (dot.is_some() && decimals == 0) || decimals > 2 {
        return None;
    }
    let c = match decimals {
        0 => c * 100,
        1 => c * 10,
        _ => c,
    } as i32;
    match (neg, c) {
        (true, 0) => None,
        (true, c) => Some((-c, dot.is_some())),
        (false, c) => Some((c, dot.is_some())),
    }
}

/// The cents stored for a missing value (NaN).
const MISSING: i32 = i32::MIN;

#[derive(Clone, Debug)]
pub enum Money {
    /// Every value is `cents as f64 / 100.0`, bit for bit.
    Cents(Vec<i32>),
    Float(Vec<f64>),
}

/// Equal when the values are (bit for bit, so two missing values are equal), however stored.
impl PartialEq for Money {
    fn eq(&self, other: &Money) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl Default for Money {
    fn default() -> Money {
        Money::Cents(Vec::new())
    }
}

/// `v` as whole cents, when `cents / 100` gives back exactly `v` (the division is correctly
/// rounded, so this holds for every two-decimal amount parsed from text), or −0.
#[inline]
fn cents(v: f64) -> Option<i32> {
    if v.is_nan() {
        return Some(MISSING);
    }
    // Ties to even: one WASM instruction (`f64.nearest`), where `round` is a libm call. The two
    // differ only at an exact half cent, which is no whole number of cents either way.
    let c = (v * 100.0).round_ties_even();
    if c.abs() >= 2_147_483_647.0 {
        return None;
    }
    let c = c as i32;
    (f64::from(c) / 100.0 == v).then_some(c)
}

#[inline]
fn value(c: i32) -> f64 {
    if c == MISSING {
        f64::NAN
    } else {
        f64::from(c) / 100.0
    }
}

impl Money {
    pub fn len(&self) -> usize {
        match self {
            Money::Cents(v) => v.len(),
            Money::Float(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn reserve(&mut self, n: usize) {
        match self {
            Money::Cents(v) => v.reserve(n),
            Money::Float(v) => v.reserve(n),
        }
    }

    /// Value `i` (NaN when missing), `None` past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        match self {
            Money::Cents(v) => v.get(i).map(|&c| value(c)),
            Money::Float(v) => v.get(i).copied(),
        }
    }

    #[inline]
    pub fn push(&mut self, x: f64) {
        if let Money::Cents(v) = self {
            match cents(x) {
                Some(c) => return v.push(c),
                None => self.widen(),
            }
        }
        if let Money::Float(v) = self {
            v.push(x);
        }
    }

    /// Pushes a figure read as whole cents (see [`Figure`]): the value `cents / 100`, as
    /// [`Money::push`] of that value would.
    #[inline]
    pub fn push_figure(&mut self, x: Figure) {
        match (x, &mut *self) {
            (Figure::Cents(c), Money::Cents(v)) => v.push(c),
            (Figure::Cents(c), Money::Float(v)) => v.push(f64::from(c) / 100.0),
            (Figure::Value(x), _) => self.push(x),
        }
    }

    /// Sets value `i`, if there is one.
    pub fn set(&mut self, i: usize, x: f64) {
        if i >= self.len() {
            return;
        }
        if let Money::Cents(v) = self {
            match cents(x) {
                Some(c) => return v[i] = c,
                None => self.widen(),
            }
        }
        if let Money::Float(v) = self {
            v[i] = x;
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or(f64::NAN))
    }

    /// Appends `later`'s values: cents while both sides are, else `f64` (as pushing them one by
    /// one would have widened the column).
    pub fn append(&mut self, later: Money) {
        match (&mut *self, later) {
            (Money::Cents(a), Money::Cents(b)) => a.extend(b),
            (_, later) => {
                self.widen();
                if let Money::Float(a) = self {
                    a.extend(later.iter());
                }
            }
        }
    }

    fn widen(&mut self) {
        if let Money::Cents(v) = self {
            let mut f = Vec::with_capacity(v.capacity());
            f.extend(v.iter().map(|&c| value(c)));
            *self = Money::Float(f);
        }
    }
}

impl From<Vec<f64>> for Money {
    /// Cents when every value allows it (the vector is then freed), else the vector itself.
    fn from(v: Vec<f64>) -> Money {
        let mut c = Vec::with_capacity(v.len());
        for &x in &v {
            match cents(x) {
                Some(k) => c.push(k),
                None => return Money::Float(v),
            }
        }
        Money::Cents(c)
    }
}

impl FromIterator<f64> for Money {
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Money {
        let mut m = Money::default();
        for x in iter {
            m.push(x);
        }
        m
    }
}

/// Serialised as the plain `f64` sequence it stands for.
impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        Vec::<f64>::deserialize(d).map(Money::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_amount_in_cents_is_what_reading_and_pushing_its_value_give() {
        use crate::import::values::{read_number, DecimalSep};
        for (text, want) in [
            ("12.34", Some((1234, true))),
            ("-5", Some((-500, false))),
            ("007.5", Some((750, true))),
            ("9999999.99", Some((999_999_999, true))),
            ("-0.01", Some((-1, true))),
            ("0", Some((0, false))),
            ("-0", None),
            ("-0.00", None),
            ("12345678", None),
            ("9999999999", None),
            ("99999999.99", None),
            (".5", None),
            ("1.", None),
            ("1.234", None),
            ("1,5", None),
            ("+5", None),
            ("5-", None),
            ("", None),
        ] {
            assert_eq!(plain_cents(text.as_bytes()), want, "{text:?}");
        }
        // Every text the fast path takes, against the general reader and `Money::push`.
        let mut next = crate::test_rng::xorshift(5);
        let alphabet = b"0123456789.-";
        let mut taken = 0;
        for _ in 0..200_000 {
            let len = 1 + next() % 11;
            let text: Vec<u8> = (0..len).map(|_| alphabet[(next() % 12) as usize]).collect();
            let Some((c, dot)) = plain_cents(&text) else {
                continue;
            };
            taken += 1;
            for hint in [DecimalSep::Dot, DecimalSep::Comma] {
                let n = read_number(&text, hint).expect("a plain amount reads");
                assert_eq!(n.value.to_bits(), Figure::Cents(c).value().to_bits());
                assert_eq!((n.alt, n.evidence), (None, dot.then_some(DecimalSep::Dot)));
            }
            for start in [Money::Cents(Vec::new()), Money::Float(Vec::new())] {
                let (mut a, mut b) = (start.clone(), start);
                a.push(Figure::Cents(c).value());
                b.push_figure(Figure::Cents(c));
                assert_eq!(
                    (&a, a.get(0).map(f64::to_bits)),
                    (&b, b.get(0).map(f64::to_bits))
                );
                assert_eq!(matches!(a, Money::Cents(_)), matches!(b, Money::Cents(_)));
            }
        }
        assert!(taken > 10_000, "{taken}");
    }

    #[test]
    fn two_decimal_amounts_are_kept_as_cents_and_read_back_exactly() {
        let texts = [
            "0.01",
            "1234.56",
            "-99.99",
            "0.1",
            "0.3",
            "20000000.00",
            "5",
        ];
        let vals: Vec<f64> = texts.iter().map(|t| t.parse().unwrap()).collect();
        let mut m = Money::default();
        for &v in &vals {
            m.push(v);
        }
        m.push(f64::NAN);
        assert!(matches!(m, Money::Cents(_)));
        for (i, &v) in vals.iter().enumerate() {
            assert_eq!(m.get(i).unwrap().to_bits(), v.to_bits(), "{}", texts[i]);
        }
        assert!(m.get(vals.len()).unwrap().is_nan());
        assert_eq!(m.get(vals.len() + 1), None);
    }

    #[test]
    fn the_first_value_that_is_not_whole_cents_turns_the_column_to_f64() {
        for odd in [0.125, 1e12, 21_474_836.48, f64::INFINITY] {
            let mut m: Money = [1.5, f64::NAN].into_iter().collect();
            m.push(odd);
            m.push(2.25);
            assert!(matches!(m, Money::Float(_)), "{odd}");
            let got: Vec<u64> = m.iter().map(f64::to_bits).collect();
            let want: Vec<u64> = [1.5, f64::NAN, odd, 2.25].map(f64::to_bits).to_vec();
            assert_eq!(got, want, "{odd}");
        }
        let mut m: Money = [1.5, 2.0].into_iter().collect();
        m.set(1, 0.001);
        assert_eq!(m.iter().collect::<Vec<_>>(), [1.5, 0.001]);
        m.set(9, 1.0);
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn minus_zero_is_kept_as_zero_cents() {
        let m: Money = [-0.0, 1.0].into_iter().collect();
        assert!(matches!(m, Money::Cents(_)));
        assert_eq!(m.get(0).map(f64::to_bits), Some(0.0f64.to_bits()));
    }

    #[test]
    fn serialises_as_the_f64_sequence() {
        let vals = vec![1.25, -3.0, f64::NAN, 0.07];
        let m = Money::from(vals.clone());
        assert!(matches!(m, Money::Cents(_)));
        let a = postcard::to_allocvec(&m).unwrap();
        let b = postcard::to_allocvec(&vals).unwrap();
        assert_eq!(a, b);
        let back: Money = postcard::from_bytes(&a).unwrap();
        assert_eq!(
            back.iter().map(f64::to_bits).collect::<Vec<_>>(),
            vals.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_cent_amount_up_to_a_million_round_trips() {
        // Each cent value's decimal text, parsed, stays cents and reads back bit for bit.
        for c in (-100_000_000i64..=100_000_000).step_by(9_973) {
            let text = format!(
                "{}{}.{:02}",
                if c < 0 { "-" } else { "" },
                c.abs() / 100,
                c.abs() % 100
            );
            let v: f64 = text.parse().unwrap();
            assert_eq!(
                cents(v).map(value).map(f64::to_bits),
                Some(v.to_bits()),
                "{text}"
            );
        }
    }
}

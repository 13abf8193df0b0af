//! Per-column conventions decided from the data: the decimal separator of a number column
//! and the day/month order of a date column.
//!
//! A column starts undecided. The first cell that proves a convention (`5,5` proves a decimal
//! comma, `25/12/2024` proves day first) decides it. Cells read before that which were
//! ambiguous (`1.234`, `05/03/2024`) were read under a default; the column remembers their
//! other reading, so the caller can patch them once the whole column has been seen
//! ([`NumColumn::patches`]). Memory for that is spent only while the column is undecided.

use super::values::{read_date, read_number, DateOrder, DecimalSep};
use super::words::{pack16, tail, word};
use serde::{Deserialize, Serialize};

/// The decimal separator of one number column.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NumColumn {
    /// Set by the user: no guessing at all.
    pub forced: Option<DecimalSep>,
    /// Proven by a cell.
    pub decided: Option<DecimalSep>,
    /// Used while undecided.
    pub default: DecimalSep,
    pending: Vec<(u32, f64)>,
    /// Ambiguous cells read while undecided.
    pub ambiguous: usize,
    /// Ambiguous cells whose default reading is worth a question (see [`NumColumn::read`]).
    pub doubtful: usize,
    /// Ambiguous cells read at all, decided or not.
    #[serde(default)]
    pub seen_ambiguous: usize,
    /// Cells proved both conventions (`12.50` a decimal dot, `1.234,56` a decimal comma):
    /// the column mixes them, so its ambiguous cells cannot be settled.
    #[serde(default)]
    pub conflict: bool,
}

impl NumColumn {
    pub fn new(forced: Option<DecimalSep>, default: DecimalSep) -> Self {
        NumColumn {
            forced,
            decided: None,
            default,
            pending: Vec::new(),
            ambiguous: 0,
            doubtful: 0,
            seen_ambiguous: 0,
            conflict: false,
        }
    }

    /// The separator in force now.
    pub fn current(&self) -> DecimalSep {
        self.forced.or(self.decided).unwrap_or(self.default)
    }

    /// Reads a cell. Returns the value and, when the cell was ambiguous and the column is still
    /// undecided, the other reading to hand to [`NumColumn::remember`] once the row is kept.
    pub fn read(&mut self, raw: &[u8]) -> Option<(f64, Option<f64>)> {
        let (value, alt, undecided) = self.take(raw)?;
        Some((value, alt.filter(|_| undecided)))
    }

    /// Reads a cell as [`NumColumn::read`] does, and returns its value when no decimal
    /// separator could read it otherwise (it is not `1.234` or `1,234`), so that it need not be
    /// read again once the column has settled.
    pub fn settled_value(&mut self, raw: &[u8]) -> Option<f64> {
        let (value, alt, _) = self.take(raw)?;
        alt.is_none().then_some(value)
    }

    /// The value, the other reading whatever the column's state, and whether the column is
    /// still undecided.
    fn take(&mut self, raw: &[u8]) -> Option<(f64, Option<f64>, bool)> {
        let n = read_number(raw, self.current())?;
        match (self.decided, n.evidence) {
            (None, e) => self.decided = e,
            (Some(d), Some(e)) if d != e => self.conflict = true,
            _ => {}
        }
        let undecided = self.forced.is_none() && self.decided.is_none();
        // `1,234` read as a thousand in a comma-separated file is the natural reading;
        // `1.234` is a thousand or one point two three four, whatever the file: worth a
        // question when nothing in the column settles it.
        if n.alt.is_some() {
            self.seen_ambiguous += 1;
            if undecided && raw.contains(&b'.') {
                self.doubtful += 1;
            }
        }
        Some((n.value, n.alt, undecided))
    }

    /// What [`NumColumn::read`] notes of a plain amount ([`super::money::plain_cents`]),
    /// which is never ambiguous: a decimal dot, if it has one, decides the column.
    #[inline]
    pub fn saw_plain(&mut self, dot: bool) {
        if dot {
            match self.decided {
                None => self.decided = Some(DecimalSep::Dot),
                Some(DecimalSep::Comma) => self.conflict = true,
                _ => {}
            }
        }
    }

    /// Keeps the other reading of an ambiguous cell stored at `index`.
    pub fn remember(&mut self, index: u32, alt: f64) {
        self.ambiguous += 1;
        self.pending.push((index, alt));
    }

    /// Once every cell is read: the stored values to replace, when the column turned out to use
    /// the other separator than the default its ambiguous cells were read with.
    pub fn patches(&mut self) -> Vec<(u32, f64)> {
        let pending = std::mem::take(&mut self.pending);
        match self.decided {
            Some(d) if self.forced.is_none() && d != self.default => pending,
            _ => Vec::new(),
        }
    }

    /// True when doubtful ambiguous cells were read and nothing in the column settled them,
    /// or ambiguous cells were read in a column that proved both conventions.
    pub fn unresolved(&self) -> bool {
        self.forced.is_none()
            && ((self.decided.is_none() && self.doubtful > 0)
                || (self.conflict && self.seen_ambiguous > 0))
    }

    /// The same conventions with nothing read yet: where a second reader of the same column
    /// starts (see [`super::part`]).
    pub fn fresh(&self) -> Self {
        NumColumn {
            decided: self.decided,
            ..NumColumn::new(self.forced, self.default)
        }
    }

    /// Takes in what a reader of the cells after this column's ones saw, the first of them
    /// stored at `base`. That reader started from [`NumColumn::fresh`] of this column, so its
    /// decision is the one this column would have reached reading on.
    pub fn absorb(&mut self, later: NumColumn, base: u32) {
        self.decided = later.decided;
        self.pending
            .extend(later.pending.into_iter().map(|(i, v)| (i + base, v)));
        self.ambiguous += later.ambiguous;
        self.doubtful += later.doubtful;
        self.seen_ambiguous += later.seen_ambiguous;
        self.conflict |= later.conflict;
    }
}

/// The day/month order of one date column.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DateColumn {
    pub forced: Option<DateOrder>,
    pub decided: Option<DateOrder>,
    pending: Vec<(u32, i32)>,
    pub ambiguous: usize,
    /// Readings of recent cells: a log repeats a few hundred dates over and over.
    #[serde(skip)]
    recent: Recent,
}

impl DateColumn {
    pub fn new(forced: Option<DateOrder>) -> Self {
        DateColumn {
            forced,
            decided: None,
            pending: Vec::new(),
            ambiguous: 0,
            recent: Recent::default(),
        }
    }

    pub fn current(&self) -> DateOrder {
        self.forced.or(self.decided).unwrap_or(DateOrder::DayFirst)
    }

    /// Reads a cell: days from the common era and, while undecided, the other reading.
    pub fn read(&mut self, raw: &[u8]) -> Option<(i32, Option<i32>)> {
        let key = Recent::key(raw);
        if let Some(hit) = key.and_then(|k| self.recent.get(k)) {
            return Some(hit);
        }
        let r = read_date(raw, self.current())?;
        if self.decided.is_none() && r.evidence.is_some() {
            self.decided = r.evidence;
            // The cached readings were made under the default order.
            self.recent.clear();
        }
        let undecided = self.forced.is_none() && self.decided.is_none();
        let alt = r.alt.filter(|_| undecided);
        if let Some(k) = key {
            self.recent.put(k, (r.days, alt));
        }
        Some((r.days, alt))
    }

    pub fn remember(&mut self, index: u32, alt: i32) {
        self.ambiguous += 1;
        self.pending.push((index, alt));
    }

    /// Values to replace once every cell is read (the column turned out month-first).
    pub fn patches(&mut self) -> Vec<(u32, i32)> {
        let pending = std::mem::take(&mut self.pending);
        match self.decided {
            Some(DateOrder::MonthFirst) if self.forced.is_none() => pending,
            _ => Vec::new(),
        }
    }

    pub fn unresolved(&self) -> bool {
        self.forced.is_none() && self.decided.is_none() && self.ambiguous > 0
    }

    /// As [`NumColumn::fresh`].
    pub fn fresh(&self) -> Self {
        DateColumn {
            decided: self.decided,
            ..DateColumn::new(self.forced)
        }
    }

    /// As [`NumColumn::absorb`].
    pub fn absorb(&mut self, later: DateColumn, base: u32) {
        self.decided = later.decided;
        self.pending
            .extend(later.pending.into_iter().map(|(i, v)| (i + base, v)));
        self.ambiguous += later.ambiguous;
    }
}

/// A direct-mapped cache of date readings by the cell's bytes (up to [`Recent::MAX_LEN`]):
/// a hit costs a hash and three compares instead of a parse and a calendar check. Only
/// readings under the column's current order are kept; it is emptied when the order changes.
#[derive(Clone, Default)]
struct Recent {
    /// Empty until the first reading; then [`Recent::SLOTS`] entries.
    slots: Vec<RecentEntry>,
}

/// A cell's bytes and its length, packed into three words (all zero: an empty slot). See
/// [`Recent::key`].
type RecentKey = [u64; 3];

#[derive(Clone, Copy, Default)]
struct RecentEntry {
    key: RecentKey,
    days: i32,
    alt: Option<i32>,
}

impl Recent {
    const MAX_LEN: usize = 23;
    /// Ten years of distinct days fit (a log of two years has some 730), in 160 KB.
    const BITS: u32 = 12;
    const SLOTS: usize = 1 << Self::BITS;

    /// Built from whole 8-byte loads (see [`super::words`]).
    #[inline]
    fn key(raw: &[u8]) -> Option<RecentKey> {
        let n = raw.len();
        let len = n as u64;
        match n {
            0 => None,
            1..=16 => pack16(raw).map(|[a, b]| [a, b, len]),
            // At most 7 bytes past 16, so the length fits in the top byte.
            17..=Self::MAX_LEN => Some([word(raw, 0), word(raw, 8), tail(raw, 16) | len << 56]),
            _ => None,
        }
    }

    fn slot(key: &RecentKey) -> usize {
        let h = (key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - Self::BITS)) as usize
    }

    fn get(&self, key: RecentKey) -> Option<(i32, Option<i32>)> {
        let e = self.slots.get(Self::slot(&key))?;
        (e.key[0] == key[0] && e.key[1] == key[1] && e.key[2] == key[2]).then_some((e.days, e.alt))
    }

    fn put(&mut self, key: RecentKey, (days, alt): (i32, Option<i32>)) {
        if self.slots.is_empty() {
            self.slots = vec![RecentEntry::default(); Self::SLOTS];
        }
        self.slots[Self::slot(&key)] = RecentEntry { key, days, alt };
    }

    fn clear(&mut self) {
        self.slots.clear();
    }
}

impl std::fmt::Debug for Recent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Recent")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spanish_column_reads_its_early_thousands_once_a_decimal_comma_shows() {
        let mut col = NumColumn::new(None, DecimalSep::Dot);
        let mut stored = Vec::new();
        for (i, raw) in ["1.234", "2.500", "5,5", "1.000"].iter().enumerate() {
            let (v, alt) = col.read(raw.as_bytes()).unwrap();
            if let Some(a) = alt {
                col.remember(i as u32, a);
            }
            stored.push(v);
        }
        // Read before "5,5" under the dot default, then with the comma proven.
        assert_eq!(stored, [1.234, 2.5, 5.5, 1000.0]);
        for (i, v) in col.patches() {
            stored[i as usize] = v;
        }
        assert_eq!(stored, [1234.0, 2500.0, 5.5, 1000.0]);
        assert!(!col.unresolved());
    }

    #[test]
    fn an_english_column_keeps_its_readings() {
        let mut col = NumColumn::new(None, DecimalSep::Dot);
        for raw in ["1,234", "12.50"] {
            if let (_, Some(a)) = col.read(raw.as_bytes()).unwrap() {
                col.remember(0, a);
            }
        }
        assert_eq!(col.decided, Some(DecimalSep::Dot));
        assert!(col.patches().is_empty());
    }

    #[test]
    fn a_column_of_only_ambiguous_values_asks_only_when_the_reading_is_doubtful() {
        let mut col = NumColumn::new(None, DecimalSep::Comma);
        let (v, alt) = col.read(b"1.234").unwrap();
        assert_eq!((v, alt), (1234.0, Some(1.234)));
        col.remember(0, 1.234);
        assert!(
            col.unresolved(),
            "a thousands dot in a European file, or a decimal one: asked"
        );
        assert!(col.patches().is_empty());
        let mut col = NumColumn::new(None, DecimalSep::Dot);
        assert_eq!(col.read(b"1,234"), Some((1234.0, Some(1.234))));
        assert!(!col.unresolved(), "a thousands comma in an English file");
        assert_eq!(col.read(b"2.500"), Some((2.5, Some(2500.0))));
        assert!(col.unresolved(), "2.500 might be two thousand five hundred");
    }

    #[test]
    fn a_column_proving_both_conventions_asks_about_its_ambiguous_cells() {
        let mut col = NumColumn::new(None, DecimalSep::Dot);
        col.saw_plain(true);
        assert_eq!(col.read(b"1.234,56"), Some((1234.56, None)));
        assert!(!col.unresolved(), "no ambiguous cell yet");
        assert_eq!(col.read(b"1.234"), Some((1.234, None)));
        assert!(col.unresolved());
        let mut forced = NumColumn::new(Some(DecimalSep::Comma), DecimalSep::Dot);
        forced.saw_plain(true);
        let _ = forced.read(b"1.234");
        assert!(!forced.unresolved(), "answered");
    }

    #[test]
    fn a_us_date_column_is_patched_when_a_month_first_date_shows() {
        let mut col = DateColumn::new(None);
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let mut stored = Vec::new();
        for (i, raw) in ["03/05/2024", "03/05/2024", "12/25/2024"]
            .iter()
            .enumerate()
        {
            let (v, alt) = col.read(raw.as_bytes()).unwrap();
            if let Some(a) = alt {
                col.remember(i as u32, a);
            }
            stored.push(v);
        }
        for (i, v) in col.patches() {
            stored[i as usize] = v;
        }
        let days = |x: chrono::NaiveDate| super::super::values::date_to_days(x);
        assert_eq!(
            stored,
            [
                days(d(2024, 3, 5)),
                days(d(2024, 3, 5)),
                days(d(2024, 12, 25))
            ]
        );
    }

    /// The cache of recent readings changes nothing: every reading equals one made afresh
    /// under the column's order at that moment, through repeats, a deciding cell, cells too
    /// long to cache, and cells that are not dates.
    #[test]
    fn cache_keys_tell_every_cell_apart() {
        // Few distinct bytes and every length, so strings that differ only by a repeated byte
        // at their end (where the key's loads overlap) are many.
        let mut next = crate::test_rng::xorshift(3);
        let mut seen: std::collections::HashMap<RecentKey, Vec<u8>> = Default::default();
        for _ in 0..100_000 {
            let n = 1 + (next() % 23) as usize;
            let s: Vec<u8> = (0..n).map(|_| b"0-1"[(next() % 3) as usize]).collect();
            let key = Recent::key(&s).expect("1 to 23 bytes have a key");
            assert_ne!(key, [0; 3]);
            let old = seen.entry(key).or_insert_with(|| s.clone());
            assert_eq!(*old, s, "two cells, one key");
        }
        assert!(seen.len() > 50_000);
        assert_eq!(Recent::key(b""), None);
        assert_eq!(Recent::key(&[b'1'; 24]), None);
    }

    #[test]
    fn cached_date_readings_equal_fresh_ones() {
        let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut pool: Vec<String> = Vec::new();
        for k in 0..700u64 {
            let (d, m) = (1 + k % 12, 1 + (k / 12) % 12);
            pool.push(match k % 4 {
                0 => format!("{d:02}/{m:02}/2024"),
                1 => format!("2024-{m:02}-{d:02}"),
                2 => format!("{d}/{m}/2025 00:00:00.000000"),
                _ => format!("x{k}"),
            });
        }
        for decisive in ["25/12/2024", "12/25/2024", "2024-12-25"] {
            let mut col = DateColumn::new(None);
            let mut decided = None;
            for step in 0..6_000 {
                let raw = if step == 3_000 {
                    decisive.to_string()
                } else {
                    pool[(next() % pool.len() as u64) as usize].clone()
                };
                let order = decided.unwrap_or(DateOrder::DayFirst);
                let want = read_date(raw.as_bytes(), order).map(|r| {
                    if decided.is_none() && r.evidence.is_some() {
                        decided = r.evidence;
                    }
                    (r.days, r.alt.filter(|_| decided.is_none()))
                });
                assert_eq!(col.read(raw.as_bytes()), want, "{raw} at {step}");
                assert_eq!(col.decided, decided);
            }
        }
    }

    #[test]
    fn an_undecidable_date_column_reads_day_first_and_says_so() {
        let mut col = DateColumn::new(None);
        let (v, alt) = col.read(b"03/05/2024").unwrap();
        col.remember(0, alt.unwrap());
        assert_eq!(
            super::super::values::days_to_date(v),
            chrono::NaiveDate::from_ymd_opt(2024, 5, 3)
        );
        assert!(col.unresolved());
        assert!(col.patches().is_empty());
        let mut forced = DateColumn::new(Some(DateOrder::MonthFirst));
        let (v, alt) = forced.read(b"03/05/2024").unwrap();
        assert_eq!(alt, None);
        assert_eq!(
            super::super::values::days_to_date(v),
            chrono::NaiveDate::from_ymd_opt(2024, 3, 5)
        );
    }
}

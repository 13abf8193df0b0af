//! A transaction log rolled up per customer.
//!
//! Rows are read one at a time into a [`CompactLog`]: one interned customer index, the date as
//! days, the amount, profit, cost, product index, due and paid dates — about 30 bytes a row and
//! no string per row. Number and date columns settle their conventions as they go (see
//! [`super::columns`]); when the last row is in, the few ambiguous cells read before a column
//! was settled are patched, and the log is rolled up in one pass ([`CompactLog::roll_up`]).
//! The compact log is kept on the import so the UI can roll up again without re-reading.
//!
//! Per customer: net sales (returns, i.e. negative amounts, netted), profit (the profit column,
//! else amount − cost), orders (rows with a positive amount), first and last order date,
//! recency, frequency (orders per month over the active span), average order value, sales in
//! the 12 months up to the newest date of the file and in the 12 before, growth between them,
//! average days late and on-time share (rows with a due and a paid date), overdue amount and
//! days (unpaid rows past due), and the set of products.

use super::cells::{code_points, shows_nothing, Cell, Row};
use super::columns::{DateColumn, NumColumn};
use super::diagnostics::{
    ImportError, ImportReport, Question, Reason, Rejection, MAX_KEPT_REJECTIONS,
};
use super::fields::Field;
use super::money::{plain_cents, Figure, Money};
use super::values::{date_to_days, days_to_date, excel_serial, DateOrder, DecimalSep};
use super::words::pack16;
use super::Mapping;
use crate::model::Customer;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// No date in a date column of [`CompactLog`].
pub const NO_DATE: i32 = i32::MIN;
/// No product in [`CompactLog::product`].
pub const NO_PRODUCT: u32 = u32::MAX;

/// The used rows of a transaction log, column by column. An optional column is either empty
/// (the file has no such column) or as long as [`CompactLog::customer`]. Missing numbers are
/// NaN, missing dates [`NO_DATE`], missing products [`NO_PRODUCT`]. Dates are days from the
/// common era (`NaiveDate::num_days_from_ce`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompactLog {
    /// Customer ids (or names when the log has no id column), indexed by `customer`.
    pub customer_ids: Vec<String>,
    /// The name on each customer's first row; empty when the log has no name column.
    pub customer_names: Vec<String>,
    pub products: Vec<String>,
    pub customer: Vec<u32>,
    pub date: Vec<i32>,
    /// Money columns: whole cents while every value is (see [`Money`]), else `f64`.
    pub amount: Money,
    pub profit: Money,
    pub cost: Money,
    pub product: Vec<u32>,
    pub due: Vec<i32>,
    pub paid: Vec<i32>,
}

impl CompactLog {
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// The newest order or payment date: the reference for recency and growth.
    pub fn newest_date(&self) -> Option<NaiveDate> {
        let newest = self
            .date
            .iter()
            .chain(&self.paid)
            .copied()
            .filter(|&d| d != NO_DATE)
            .max()?;
        days_to_date(newest)
    }

    /// The rows dated on or before `as_of` (an "as of" date the user set: the analysis as it
    /// would have been made that day), and how many rows were left out for being later. A
    /// row with no date is kept. The customers keep their indices (one with no row left is
    /// dropped by the roll-up's caller, [`super::join::join_as_of`]).
    pub fn until(&self, as_of: NaiveDate) -> (CompactLog, usize) {
        let rows = self.len();
        let cut = date_to_days(as_of);
        let keep: Vec<usize> = (0..rows).filter(|&i| !self.after(i, cut)).collect();
        let left_out = rows - keep.len();
        let pick_i32 = |v: &[i32]| -> Vec<i32> {
            if v.len() == rows {
                keep.iter().map(|&i| v[i]).collect()
            } else {
                Vec::new()
            }
        };
        let pick_u32 = |v: &[u32]| -> Vec<u32> {
            if v.len() == rows {
                keep.iter().map(|&i| v[i]).collect()
            } else {
                Vec::new()
            }
        };
        let pick_money = |m: &Money| -> Money {
            let mut out = Money::default();
            if m.len() == rows {
                for &i in &keep {
                    out.push(m.get(i).unwrap_or(f64::NAN));
                }
            }
            out
        };
        let log = CompactLog {
            customer_ids: self.customer_ids.clone(),
            customer_names: self.customer_names.clone(),
            products: self.products.clone(),
            customer: pick_u32(&self.customer),
            date: pick_i32(&self.date),
            amount: pick_money(&self.amount),
            profit: pick_money(&self.profit),
            cost: pick_money(&self.cost),
            product: pick_u32(&self.product),
            due: pick_i32(&self.due),
            paid: pick_i32(&self.paid),
        };
        (log, left_out)
    }

    /// How many rows are dated after `as_of` (those [`CompactLog::until`] leaves out).
    pub fn rows_after(&self, as_of: NaiveDate) -> usize {
        let cut = date_to_days(as_of);
        (0..self.len()).filter(|&i| self.after(i, cut)).count()
    }

    /// Row `i` is dated after the day `cut` (a row with no date never is).
    fn after(&self, i: usize, cut: i32) -> bool {
        self.date.get(i).is_some_and(|&d| d != NO_DATE && d > cut)
    }

    /// Rolls every customer up relative to the newest date in the log.
    pub fn roll_up(&self) -> (Vec<Customer>, Option<NaiveDate>) {
        let as_of = self.newest_date();
        (self.roll_up_as_of(as_of), as_of)
    }

    /// Rolls every customer up relative to `as_of` (recency, the two 12-month windows, overdue).
    pub fn roll_up_as_of(&self, as_of: Option<NaiveDate>) -> Vec<Customer> {
        let n = self.customer_ids.len();
        let rows = self.customer.len();
        let as_of_days = as_of.map(date_to_days);
        let window = |m: u32| {
            as_of
                .and_then(|d| d.checked_sub_months(Months::new(m)))
                .map(date_to_days)
        };
        let (y1, y2) = match (window(12), window(24)) {
            (Some(a), Some(b)) => (a, b),
            _ => (i32::MAX, i32::MAX),
        };
        let windows = as_of.is_some() && y1 != i32::MAX;
        let has = |v: usize| v == rows;
        // Hot figures: one 48-byte entry per customer, touched once per row.
        let mut hot: Vec<Hot> = vec![Hot::new(); n];
        let with_profit = has(self.profit.len()) || has(self.cost.len());
        let dates: &[i32] = if has(self.date.len()) {
            &self.date
        } else {
            &[]
        };
        for (i, &c) in self.customer.iter().enumerate() {
            let Some(h) = hot.get_mut(c as usize) else {
                continue;
            };
            let amount = self.amount.get(i).unwrap_or(0.0);
            h.sales += amount;
            // An order row is an order, a zero-value one too (a free item, a sample): its
            // customer bought, so it is an existing customer, not a prospect. A negative
            // row is a return: netted from the sales, not counted as an order.
            h.orders += u32::from(amount >= 0.0);
            if with_profit {
                match self.profit_at(i, amount) {
                    Some(p) => h.profit += p,
                    None => h.profit_missing = true,
                }
            }
            if let Some(&d) = dates.get(i) {
                if d != NO_DATE {
                    h.first = h.first.min(d);
                    h.last = h.last.max(d);
                    if d > y1 {
                        h.last12 += amount;
                    } else if d > y2 {
                        h.prev12 += amount;
                    }
                }
            }
        }
        // Payment figures, only when the log has due dates.
        let mut pay: Vec<Pay> = Vec::new();
        if has(self.due.len()) {
            pay = vec![Pay::default(); n];
            for (i, &c) in self.customer.iter().enumerate() {
                let (Some(p), due) = (pay.get_mut(c as usize), self.due[i]) else {
                    continue;
                };
                if due == NO_DATE {
                    continue;
                }
                p.has_due = true;
                let paid = self.paid.get(i).copied().unwrap_or(NO_DATE);
                if paid != NO_DATE {
                    let late = paid - due;
                    p.settled += 1;
                    p.late_sum += f64::from(late.max(0));
                    p.on_time += u32::from(late <= 0);
                } else if let Some(t) = as_of_days.filter(|&t| due < t) {
                    p.overdue_amount += self.amount.get(i).unwrap_or(0.0);
                    p.overdue_days = p.overdue_days.max(t - due);
                }
            }
        }
        // Product sets, only when the log has products.
        let mut bought = if has(self.product.len()) {
            Bought::collect(self, n)
        } else {
            Bought::None
        };
        hot.into_iter()
            .enumerate()
            .map(|(k, h)| {
                let id = self.customer_ids[k].clone();
                let name = match self.customer_names.get(k) {
                    Some(n) if !n.is_empty() => n.clone(),
                    _ => id.clone(),
                };
                let mut c = h.finish(id, name, with_profit, as_of_days, windows);
                if let Some(p) = pay.get(k) {
                    p.finish(&mut c, as_of_days.is_some());
                }
                c.products = bought.take(k);
                c
            })
            .collect()
    }

    /// The profit of row `i`: the profit column, else amount − cost.
    fn profit_at(&self, i: usize, amount: f64) -> Option<f64> {
        match self.profit.get(i) {
            Some(p) if !p.is_nan() => Some(p),
            _ => match self.cost.get(i) {
                Some(c) if !c.is_nan() => Some(amount - c),
                _ => None,
            },
        }
    }
}

/// The products each customer bought.
enum Bought {
    None,
    /// A bitset of `words` u64 per customer, when that fits in [`Bought::BITSET_BYTES`]: one
    /// flat array, no allocation per customer, and the set comes out sorted.
    Bits {
        words: usize,
        bits: Vec<u64>,
    },
    /// Otherwise one list per customer, sorted and deduplicated at the end.
    Lists(Vec<Vec<u32>>),
}

impl Bought {
    const BITSET_BYTES: usize = 8 << 20;

    fn collect(log: &CompactLog, n: usize) -> Bought {
        let words = log.products.len().div_ceil(64).max(1);
        let pairs = log.customer.iter().zip(&log.product);
        if words.saturating_mul(n).saturating_mul(8) <= Bought::BITSET_BYTES {
            let mut bits = vec![0u64; words * n];
            for (&c, &p) in pairs {
                let (w, b) = (p as usize / 64, p % 64);
                if p != NO_PRODUCT && w < words {
                    if let Some(x) = bits.get_mut(c as usize * words + w) {
                        *x |= 1 << b;
                    }
                }
            }
            return Bought::Bits { words, bits };
        }
        let mut lists = vec![Vec::new(); n];
        for (&c, &p) in pairs {
            if p == NO_PRODUCT {
                continue;
            }
            if let Some(l) = lists.get_mut(c as usize) {
                if l.last() != Some(&p) {
                    l.push(p);
                }
            }
        }
        Bought::Lists(lists)
    }

    /// Customer `k`'s products, sorted and unique.
    fn take(&mut self, k: usize) -> Vec<u32> {
        match self {
            Bought::None => Vec::new(),
            Bought::Bits { words, bits } => {
                let row = bits.get(k * *words..(k + 1) * *words).unwrap_or(&[]);
                let mut out = Vec::with_capacity(row.iter().map(|w| w.count_ones() as usize).sum());
                for (w, &word) in row.iter().enumerate() {
                    let mut x = word;
                    while x != 0 {
                        out.push((w * 64) as u32 + x.trailing_zeros());
                        x &= x - 1;
                    }
                }
                out
            }
            Bought::Lists(lists) => {
                let mut l = lists.get_mut(k).map(std::mem::take).unwrap_or_default();
                l.sort_unstable();
                l.dedup();
                l
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Hot {
    sales: f64,
    profit: f64,
    last12: f64,
    prev12: f64,
    first: i32,
    last: i32,
    orders: u32,
    profit_missing: bool,
}

impl Hot {
    fn new() -> Hot {
        Hot {
            sales: 0.0,
            profit: 0.0,
            last12: 0.0,
            prev12: 0.0,
            first: i32::MAX,
            last: i32::MIN,
            orders: 0,
            profit_missing: false,
        }
    }

    fn finish(
        self,
        id: String,
        name: String,
        with_profit: bool,
        as_of: Option<i32>,
        windows: bool,
    ) -> Customer {
        let mut c = Customer {
            id,
            name,
            sales: self.sales,
            profit: (with_profit && !self.profit_missing).then_some(self.profit),
            orders: Some(self.orders),
            ..Default::default()
        };
        if self.last != i32::MIN {
            c.first_order = days_to_date(self.first);
            c.last_order = days_to_date(self.last);
            if let Some(t) = as_of {
                c.recency_days = Some(i64::from(t) - i64::from(self.last));
            }
            if windows {
                c.sales_last12 = Some(self.last12);
                c.sales_prev12 = Some(self.prev12);
                c.growth = (self.prev12 > 0.0).then(|| self.last12 / self.prev12 - 1.0);
            }
            let span = i64::from(self.last) - i64::from(self.first) + 1;
            let months = (span as f64 / 30.4375).max(1.0);
            c.frequency = Some(f64::from(self.orders) / months);
        }
        if self.orders > 0 {
            c.avg_order_value = Some(self.sales / f64::from(self.orders));
        }
        c
    }
}

#[derive(Clone, Copy, Default)]
struct Pay {
    late_sum: f64,
    overdue_amount: f64,
    settled: u32,
    on_time: u32,
    overdue_days: i32,
    has_due: bool,
}

impl Pay {
    fn finish(&self, c: &mut Customer, dated: bool) {
        if self.settled > 0 {
            c.attrs_mut().avg_days_late = Some(self.late_sum / f64::from(self.settled));
            c.attrs_mut().on_time_share = Some(f64::from(self.on_time) / f64::from(self.settled));
        }
        if self.has_due && dated {
            c.attrs_mut().overdue_amount = Some(self.overdue_amount);
            c.attrs_mut().overdue_days = Some(f64::from(self.overdue_days));
        }
    }
}

/// Customer ids or product names → index, for one lookup per row in random order.
///
/// The table holds 16-byte entries: the key inline when it has at most [`INLINE`] bytes (short
/// codes such as `C000123` or `CUST-000123`), so a lookup touches one small place in memory;
/// longer keys (names) live in one side buffer, one more access away. 100k customers take
/// about 2 MB; on the 1M-row bench (7-byte ids) this measured faster than 24-byte entries.
///
/// Codes made of a fixed prefix and a fixed number of digits (`C000123`), the form of the
/// first key interned, skip the table: their value indexes a flat array ([`Coded`]). In a
/// random-order log of 100k customers this saves a cache miss or two per row.
#[derive(Default)]
pub(super) struct Interner {
    table: hashbrown::HashTable<Entry>,
    long: Vec<u8>,
    hasher: rustc_hash::FxBuildHasher,
    /// Set by the first insert when that key is a code; never changed afterwards, so a key
    /// always takes the same path.
    coded: Option<Coded>,
    /// The first insert has happened.
    started: bool,
}

/// Keys `prefix + digits` of one prefix and one digit count: `slots[value]` is index + 1
/// (0 = absent). Values from [`Coded::MAX`] up go through the table.
struct Coded {
    prefix: [u8; 8],
    prefix_len: usize,
    digits: usize,
    slots: Vec<u32>,
}

impl Coded {
    /// At most 4 MB of slots.
    const MAX: usize = 1 << 20;

    fn of_first(key: &[u8]) -> Option<Coded> {
        let prefix_len = key.iter().position(u8::is_ascii_digit)?;
        let digits = key.len() - prefix_len;
        if prefix_len > 8 || !(1..=9).contains(&digits) {
            return None;
        }
        if !key[prefix_len..].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut prefix = [0u8; 8];
        prefix[..prefix_len].copy_from_slice(&key[..prefix_len]);
        Some(Coded {
            prefix,
            prefix_len,
            digits,
            slots: Vec::new(),
        })
    }

    /// The value of a key of this form, below [`Coded::MAX`].
    #[inline]
    fn value(&self, key: &[u8]) -> Option<usize> {
        let p = self.prefix_len;
        if key.len() != p + self.digits {
            return None;
        }
        // Byte by byte: the prefix is a few bytes, and a slice compare would be a call.
        for (a, b) in key.iter().zip(&self.prefix[..p]) {
            if a != b {
                return None;
            }
        }
        let mut v = 0usize;
        for &b in &key[p..] {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            v = v * 10 + usize::from(d);
        }
        (v < Coded::MAX).then_some(v)
    }
}

const INLINE: usize = 11;
/// `Entry::len` of a key kept in `Interner::long` (its offset and length in the first 8 bytes).
const LONG: u8 = u8::MAX;

#[derive(Clone, Copy)]
struct Entry {
    len: u8,
    bytes: [u8; INLINE],
    index: u32,
}

impl Entry {
    fn key<'a>(&'a self, long: &'a [u8]) -> &'a [u8] {
        if self.len == LONG {
            let b = &self.bytes;
            let at = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            let len = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
            long.get(at..at.saturating_add(len)).unwrap_or(&[])
        } else {
            &self.bytes[..usize::from(self.len).min(INLINE)]
        }
    }
}

impl Interner {
    /// Keys are looked up by their value as codes (see [`Coded`]).
    fn is_coded(&self) -> bool {
        self.coded.is_some()
    }

    #[inline]
    fn hash(&self, key: &[u8]) -> u64 {
        hash_key(&self.hasher, key)
    }

    pub(super) fn get(&self, key: &[u8]) -> Option<u32> {
        if let Some(c) = &self.coded {
            if let Some(v) = c.value(key) {
                return c.slots.get(v).and_then(|&s| s.checked_sub(1));
            }
        }
        let hash = self.hash(key);
        if key.len() <= INLINE {
            // Fixed-size compare of the padded key: a few loads, no call to memcmp.
            let padded = padded(key);
            let len = key.len() as u8;
            return self
                .table
                .find(hash, |e| e.len == len && e.bytes == padded)
                .map(|e| e.index);
        }
        let long = &self.long;
        self.table
            .find(hash, |e| e.len == LONG && e.key(long) == key)
            .map(|e| e.index)
    }

    pub(super) fn insert(&mut self, key: &[u8], index: u32) {
        if !self.started {
            self.started = true;
            self.coded = Coded::of_first(key);
        }
        if let Some(c) = &mut self.coded {
            if let Some(v) = c.value(key) {
                if v >= c.slots.len() {
                    let len = (v + 1).next_power_of_two().clamp(1024, Coded::MAX);
                    c.slots.resize(len, 0);
                }
                c.slots[v] = index + 1;
                return;
            }
        }
        let hash = self.hash(key);
        let mut bytes = [0u8; INLINE];
        let len = if key.len() <= INLINE {
            bytes = padded(key);
            key.len() as u8
        } else {
            bytes[..4].copy_from_slice(&(self.long.len() as u32).to_le_bytes());
            bytes[4..8].copy_from_slice(&(key.len() as u32).to_le_bytes());
            self.long.extend_from_slice(key);
            LONG
        };
        let (long, hasher) = (&self.long, &self.hasher);
        self.table
            .insert_unique(hash, Entry { len, bytes, index }, |e| {
                hash_key(hasher, e.key(long))
            });
    }
}

/// The hash of an interned key: a key of up to 16 bytes (a code, a product) from its two
/// padded words and its length, with no call; a longer one through `hasher`.
#[inline]
fn hash_key(hasher: &rustc_hash::FxBuildHasher, key: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    match pack16(key) {
        Some([a, b]) => (a ^ b.rotate_left(29) ^ (key.len() as u64).rotate_left(58))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26),
        None => hasher.hash_one(key),
    }
}

/// A key of at most [`INLINE`] bytes, zero-padded, built from whole words (see
/// [`super::words`]).
#[inline]
fn padded(key: &[u8]) -> [u8; INLINE] {
    let [a, b] = pack16(key).unwrap_or_default();
    let mut out = [0u8; INLINE];
    out[..8].copy_from_slice(&a.to_le_bytes());
    out[8..].copy_from_slice(&b.to_le_bytes()[..INLINE - 8]);
    out
}

/// Words in a status column that mark an order as not counting.
pub fn is_cancelled(status: &str) -> bool {
    const WORDS: [&str; 7] = [
        "cancel", "void", "取消", "作废", "撤销", "anulad", "cancelad",
    ];
    let b = status.as_bytes();
    WORDS.iter().any(|w| {
        let w = w.as_bytes();
        b.len() >= w.len() && b.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w))
    })
}

/// Column positions of a log.
struct Cols {
    id: usize,
    name: Option<usize>,
    date: Option<usize>,
    amount: usize,
    profit: Option<usize>,
    cost: Option<usize>,
    product: Option<usize>,
    due: Option<usize>,
    paid: Option<usize>,
    status: Option<usize>,
}

/// Reads a log row by row into a [`CompactLog`].
pub struct LogBuilder {
    cols: Cols,
    headers: Vec<String>,
    log: CompactLog,
    ids: Interner,
    products: Interner,
    last_id: String,
    last_index: u32,
    amount: NumColumn,
    profit: NumColumn,
    cost: NumColumn,
    date: DateColumn,
    due: DateColumn,
    paid: DateColumn,
    status_cache: (String, bool),
    pub report: ImportReport,
}

/// What went wrong with one cell of a row.
type Bad = (usize, Reason);

impl LogBuilder {
    /// `decimal` and `date_order` force the conventions; `default_decimal` is used for
    /// ambiguous cells while a column is undecided.
    pub fn new(
        file: &str,
        mapping: &Mapping,
        decimal: Option<DecimalSep>,
        default_decimal: DecimalSep,
        date_order: Option<DateOrder>,
    ) -> Result<LogBuilder, ImportError> {
        let missing = |field: &'static str| ImportError::MissingField {
            file: file.into(),
            field: field.into(),
        };
        let cols = Cols {
            id: mapping
                .customer_column()
                .ok_or_else(|| missing("customer"))?,
            name: mapping.column(Field::CustomerName),
            date: mapping.column(Field::Date),
            amount: mapping
                .column(Field::Amount)
                .ok_or_else(|| missing("amount"))?,
            profit: mapping.column(Field::Profit),
            cost: mapping.column(Field::Cost),
            product: mapping.column(Field::Product),
            due: mapping.column(Field::DueDate),
            paid: mapping.column(Field::PaidDate),
            status: mapping.column(Field::Status),
        };
        let num = || NumColumn::new(decimal, default_decimal);
        Ok(LogBuilder {
            cols,
            headers: mapping.headers.clone(),
            log: CompactLog::default(),
            ids: Interner::default(),
            products: Interner::default(),
            last_id: String::new(),
            last_index: u32::MAX,
            amount: num(),
            profit: num(),
            cost: num(),
            date: DateColumn::new(date_order),
            due: DateColumn::new(date_order),
            paid: DateColumn::new(date_order),
            status_cache: (String::new(), false),
            report: ImportReport {
                file: file.into(),
                ..Default::default()
            },
        })
    }

    /// Reads one data row; `row` is its spreadsheet row number.
    pub fn push<R: Row + ?Sized>(&mut self, row: usize, r: &R) {
        self.report.rows_read += 1;
        if let Err((col, reason)) = self.read(r) {
            let rejection = Rejection {
                row,
                column: self.headers.get(col).cloned(),
                value: shown(r.cell(col), &reason),
                reason,
            };
            self.report.reject(rejection);
        } else {
            self.report.rows_used += 1;
        }
    }

    fn read<R: Row + ?Sized>(&mut self, r: &R) -> Result<(), Bad> {
        let c = &self.cols;
        let id_col = c.id;
        let id: Cow<'_, str> = match r.cell(id_col) {
            Cell::Text(s) if shows_nothing(s) => return Err((id_col, Reason::InvisibleId)),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Empty => return Err((id_col, Reason::MissingCustomer)),
            other => Cow::Owned(other.display()),
        };
        if let Some(sc) = c.status {
            if let Cell::Text(s) = r.cell(sc) {
                if self.status_cache.0 != s {
                    self.status_cache = (s.to_string(), is_cancelled(s));
                }
                if self.status_cache.1 {
                    return Err((sc, Reason::Cancelled));
                }
            }
        }
        let (date, date_alt) = match c.date {
            Some(dc) => match read_date_cell(&mut self.date, r.cell(dc)) {
                Some(d) => d,
                None => return Err((dc, Reason::BadDate)),
            },
            None => (NO_DATE, None),
        };
        let Some((amount, amount_alt)) = read_figure(&mut self.amount, r.cell(c.amount)) else {
            return Err((c.amount, Reason::BadNumber));
        };
        let (profit, profit_alt) = optional_num(&mut self.profit, c.profit, r)?;
        let (cost, cost_alt) = optional_num(&mut self.cost, c.cost, r)?;
        let (due, due_alt) = optional_date(&mut self.due, c.due, r)?;
        let (paid, paid_alt) = optional_date(&mut self.paid, c.paid, r)?;
        let product = match c.product.map(|pc| r.cell(pc)) {
            Some(Cell::Empty) | None => NO_PRODUCT,
            Some(Cell::Text(p)) => intern(&mut self.products, &mut self.log.products, p),
            Some(other) => intern(&mut self.products, &mut self.log.products, &other.display()),
        };
        // The previous row's customer again (a log sorted by customer) costs no lookup; codes
        // cost next to nothing to look up, so for them the previous id is not kept at all.
        let coded = self.ids.is_coded();
        let customer = if !coded && self.last_index != u32::MAX && self.last_id == id {
            self.last_index
        } else {
            let k = match self.ids.get(id.as_bytes()) {
                Some(k) => k,
                None => {
                    let k = self.log.customer_ids.len() as u32;
                    self.ids.insert(id.as_bytes(), k);
                    self.log.customer_ids.push(id.to_string());
                    // Names only when the log has a name column (else ids stand for them).
                    if let Some(nc) = c.name {
                        let name = match r.cell(nc) {
                            Cell::Text(n) => n.to_string(),
                            Cell::Empty => String::new(),
                            other => other.display(),
                        };
                        self.log.customer_names.push(name);
                    }
                    k
                }
            };
            if !coded {
                self.last_id.clear();
                self.last_id.push_str(&id);
                self.last_index = k;
            }
            k
        };
        let at = self.log.customer.len() as u32;
        let log = &mut self.log;
        log.customer.push(customer);
        log.amount.push_figure(amount);
        if c.date.is_some() {
            log.date.push(date);
        }
        if c.profit.is_some() {
            log.profit.push_figure(profit);
        }
        if c.cost.is_some() {
            log.cost.push_figure(cost);
        }
        if c.product.is_some() {
            log.product.push(product);
        }
        if c.due.is_some() {
            log.due.push(due);
        }
        if c.paid.is_some() {
            log.paid.push(paid);
        }
        if let Some(a) = date_alt {
            self.date.remember(at, a);
        }
        if let Some(a) = amount_alt {
            self.amount.remember(at, a);
        }
        if let Some(a) = profit_alt {
            self.profit.remember(at, a);
        }
        if let Some(a) = cost_alt {
            self.cost.remember(at, a);
        }
        if let Some(a) = due_alt {
            self.due.remember(at, a);
        }
        if let Some(a) = paid_alt {
            self.paid.remember(at, a);
        }
        Ok(())
    }

    /// Room for about `rows` more rows in the columns this log uses.
    pub fn reserve(&mut self, rows: usize) {
        let c = &self.cols;
        let log = &mut self.log;
        log.customer.reserve(rows);
        log.amount.reserve(rows);
        if c.date.is_some() {
            log.date.reserve(rows);
        }
        if c.profit.is_some() {
            log.profit.reserve(rows);
        }
        if c.cost.is_some() {
            log.cost.reserve(rows);
        }
        if c.product.is_some() {
            log.product.reserve(rows);
        }
        if c.due.is_some() {
            log.due.reserve(rows);
        }
        if c.paid.is_some() {
            log.paid.reserve(rows);
        }
    }

    /// Rows read so far.
    pub fn rows(&self) -> usize {
        self.report.rows_read
    }

    /// The header of a column, if the file has one there.
    pub fn header(&self, column: usize) -> Option<String> {
        self.headers.get(column).cloned()
    }

    /// Settles the ambiguous cells, notes what stayed ambiguous and returns the log with its
    /// report.
    pub fn finish(mut self) -> (CompactLog, ImportReport) {
        let log = &mut self.log;
        for (i, v) in self.amount.patches() {
            log.amount.set(i as usize, v);
        }
        for (i, v) in self.profit.patches() {
            log.profit.set(i as usize, v);
        }
        for (i, v) in self.cost.patches() {
            log.cost.set(i as usize, v);
        }
        patch(&mut log.date, self.date.patches());
        patch(&mut log.due, self.due.patches());
        patch(&mut log.paid, self.paid.patches());
        let header = |c: Option<usize>| c.and_then(|c| self.headers.get(c)).cloned();
        let dates: Vec<String> = [
            (&self.date, self.cols.date),
            (&self.due, self.cols.due),
            (&self.paid, self.cols.paid),
        ]
        .into_iter()
        .filter(|(col, _)| col.unresolved())
        .filter_map(|(_, c)| header(c))
        .collect();
        let nums: Vec<String> = [
            (&self.amount, Some(self.cols.amount)),
            (&self.profit, self.cols.profit),
            (&self.cost, self.cols.cost),
        ]
        .into_iter()
        .filter(|(col, _)| col.unresolved())
        .filter_map(|(_, c)| header(c))
        .collect();
        push_questions(&mut self.report, dates, nums, self.amount.default);
        (self.log, self.report)
    }
}

/// The conventions of a log's value columns (see [`super::columns`]).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LogColumns {
    pub amount: NumColumn,
    pub profit: NumColumn,
    pub cost: NumColumn,
    pub date: DateColumn,
    pub due: DateColumn,
    pub paid: DateColumn,
}

/// The rows of a log after some point, read by a second [`LogBuilder`] (in a Web Worker) and
/// not yet settled: customer and product indices are the part's own, and ambiguous cells are
/// still pending. [`LogBuilder::absorb`] takes it in.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LogPart {
    pub log: CompactLog,
    pub report: ImportReport,
    pub columns: LogColumns,
}

impl LogPart {
    /// True when every index points into the part's own tables and every column present is
    /// as long as the customer column: what [`LogBuilder::absorb`] relies on.
    pub fn is_consistent(&self) -> bool {
        let l = &self.log;
        let n = l.customer.len();
        let fits = |len: usize| len == 0 || len == n;
        l.customer
            .iter()
            .all(|&c| (c as usize) < l.customer_ids.len())
            && l.product
                .iter()
                .all(|&p| p == NO_PRODUCT || (p as usize) < l.products.len())
            && (l.customer_names.is_empty() || l.customer_names.len() == l.customer_ids.len())
            && l.amount.len() == n
            && [l.date.len(), l.profit.len(), l.cost.len(), l.product.len()]
                .into_iter()
                .chain([l.due.len(), l.paid.len()])
                .all(fits)
    }
}

impl LogBuilder {
    /// Where a reader of the rows after the ones read so far starts: the same conventions,
    /// nothing read.
    pub fn fresh_columns(&self) -> LogColumns {
        LogColumns {
            amount: self.amount.fresh(),
            profit: self.profit.fresh(),
            cost: self.cost.fresh(),
            date: self.date.fresh(),
            due: self.due.fresh(),
            paid: self.paid.fresh(),
        }
    }

    /// True when the conventions are still those of `c`: nothing was decided since it was
    /// taken, so a reader that started from it read its rows as this one would have.
    pub fn same_conventions(&self, c: &LogColumns) -> bool {
        self.amount.decided == c.amount.decided
            && self.profit.decided == c.profit.decided
            && self.cost.decided == c.cost.decided
            && self.date.decided == c.date.decided
            && self.due.decided == c.due.decided
            && self.paid.decided == c.paid.decided
    }

    /// A builder for the rows after another's, starting from its [`LogBuilder::fresh_columns`].
    pub fn continuing(
        file: &str,
        mapping: &Mapping,
        columns: LogColumns,
    ) -> Result<LogBuilder, ImportError> {
        let mut b = LogBuilder::new(
            file,
            mapping,
            columns.amount.forced,
            columns.amount.default,
            columns.date.forced,
        )?;
        b.amount = columns.amount;
        b.profit = columns.profit;
        b.cost = columns.cost;
        b.date = columns.date;
        b.due = columns.due;
        b.paid = columns.paid;
        Ok(b)
    }

    /// The rows read, unsettled, for [`LogBuilder::absorb`].
    pub fn into_part(self) -> LogPart {
        LogPart {
            log: self.log,
            report: self.report,
            columns: LogColumns {
                amount: self.amount,
                profit: self.profit,
                cost: self.cost,
                date: self.date,
                due: self.due,
                paid: self.paid,
            },
        }
    }

    /// Takes in the rows that follow the ones read so far, read by a [`LogBuilder::continuing`]
    /// this one's conventions. The result is what reading them here would have given: customers
    /// and products new in the part are numbered after these, in the order the part met them;
    /// rejected rows keep the first [`MAX_KEPT_REJECTIONS`]; the part's row numbers, counted
    /// from its own first line, move down by `line_offset`. Call only when
    /// [`LogBuilder::same_conventions`] holds and [`LogPart::is_consistent`].
    pub fn absorb(&mut self, part: LogPart, line_offset: usize) {
        let LogPart {
            log: later,
            report,
            columns,
        } = part;
        let base = self.log.customer.len() as u32;
        let log = &mut self.log;
        let mut names = later.customer_names.into_iter();
        let with_names = self.cols.name.is_some();
        let customers: Vec<u32> = later
            .customer_ids
            .into_iter()
            .map(|id| {
                let name = names.next();
                if let Some(k) = self.ids.get(id.as_bytes()) {
                    return k;
                }
                let k = log.customer_ids.len() as u32;
                self.ids.insert(id.as_bytes(), k);
                log.customer_ids.push(id);
                if with_names {
                    log.customer_names.push(name.unwrap_or_default());
                }
                k
            })
            .collect();
        let products: Vec<u32> = later
            .products
            .iter()
            .map(|p| intern(&mut self.products, &mut log.products, p))
            .collect();
        let at = |map: &[u32], k: u32| map.get(k as usize).copied().unwrap_or(NO_PRODUCT);
        log.customer
            .extend(later.customer.iter().map(|&c| at(&customers, c)));
        log.product.extend(later.product.iter().map(|&p| {
            if p == NO_PRODUCT {
                p
            } else {
                at(&products, p)
            }
        }));
        log.date.extend(later.date);
        log.due.extend(later.due);
        log.paid.extend(later.paid);
        log.amount.append(later.amount);
        log.profit.append(later.profit);
        log.cost.append(later.cost);
        self.amount.absorb(columns.amount, base);
        self.profit.absorb(columns.profit, base);
        self.cost.absorb(columns.cost, base);
        self.date.absorb(columns.date, base);
        self.due.absorb(columns.due, base);
        self.paid.absorb(columns.paid, base);
        let r = &mut self.report;
        r.rows_read += report.rows_read;
        r.rows_used += report.rows_used;
        r.cancelled += report.cancelled;
        r.duplicate_ids += report.duplicate_ids;
        for mut x in report.rejected {
            x.row += line_offset;
            if r.rejected.len() < MAX_KEPT_REJECTIONS {
                r.rejected.push(x);
            } else {
                r.rejected_not_kept += 1;
            }
        }
        r.rejected_not_kept += report.rejected_not_kept;
        r.notes.extend(report.notes);
        r.questions.extend(report.questions);
        r.undecodable += report.undecodable;
        r.undecodable_rows.extend(
            report
                .undecodable_rows
                .into_iter()
                .map(|row| row + line_offset),
        );
        self.last_index = u32::MAX;
    }
}

/// A rejected cell as the rejection shows it: as the user would read it, or by its code
/// points when it is invisible.
pub fn shown(cell: Cell<'_>, reason: &Reason) -> String {
    match (reason, cell) {
        (Reason::InvisibleId, Cell::Text(s)) => code_points(s),
        _ => cell.display(),
    }
}

/// Adds the questions (and matching notes) for columns whose convention stayed ambiguous.
pub fn push_questions(
    report: &mut ImportReport,
    date_columns: Vec<String>,
    number_columns: Vec<String>,
    read_as: DecimalSep,
) {
    if !date_columns.is_empty() {
        report.notes.push(format!(
            "ambiguous date order in {}: dates such as 05/03/2024 were read day first (5 March); \
             import again with month first if they are US dates",
            date_columns.join(", ")
        ));
        report.questions.push(Question::DateOrder {
            columns: date_columns,
        });
    }
    if !number_columns.is_empty() {
        let (read, other) = match read_as {
            DecimalSep::Dot => (
                "1.234 (a decimal dot)",
                "a decimal comma if they are thousands",
            ),
            DecimalSep::Comma => (
                "1234 (a thousands dot, a decimal comma)",
                "a decimal dot if they are decimals",
            ),
        };
        report.notes.push(format!(
            "ambiguous decimal separator in {}: numbers such as 1.234 were read as {read}; \
             import again with {other}",
            number_columns.join(", ")
        ));
        report.questions.push(Question::DecimalSeparator {
            columns: number_columns,
            read_as,
        });
    }
}

fn patch<T: Copy>(values: &mut [T], patches: Vec<(u32, T)>) {
    for (i, v) in patches {
        if let Some(slot) = values.get_mut(i as usize) {
            *slot = v;
        }
    }
}

fn intern(map: &mut Interner, names: &mut Vec<String>, s: &str) -> u32 {
    if let Some(k) = map.get(s.as_bytes()) {
        return k;
    }
    let k = names.len() as u32;
    map.insert(s.as_bytes(), k);
    names.push(s.to_string());
    k
}

/// A number cell: workbook numbers as they are (but NaN and the infinities, which are no
/// number a text cell can give either), text through the column's convention.
pub fn read_num_cell(col: &mut NumColumn, cell: Cell<'_>) -> Option<(f64, Option<f64>)> {
    match cell {
        Cell::Number(v) if v.is_finite() => Some((v, None)),
        Cell::Text(s) => col.read(s.as_bytes()),
        _ => None,
    }
}

/// A date cell: workbook dates as they are, numbers as Excel serials, text through the column.
pub fn read_date_cell(col: &mut DateColumn, cell: Cell<'_>) -> Option<(i32, Option<i32>)> {
    match cell {
        Cell::Date(d) => Some((d, None)),
        Cell::Number(v) => excel_serial(v).map(|d| (d, None)),
        Cell::Text(s) => col.read(s.as_bytes()),
        _ => None,
    }
}

/// A money cell of a log: a plain amount as whole cents, anything else through the column.
#[inline(always)]
fn read_figure(col: &mut NumColumn, cell: Cell<'_>) -> Option<(Figure, Option<f64>)> {
    if let Cell::Text(s) = cell {
        if let Some((cents, dot)) = plain_cents(s.as_bytes()) {
            col.saw_plain(dot);
            return Some((Figure::Cents(cents), None));
        }
    }
    read_num_cell(col, cell).map(|(v, alt)| (Figure::Value(v), alt))
}

fn optional_num<R: Row + ?Sized>(
    col: &mut NumColumn,
    at: Option<usize>,
    r: &R,
) -> Result<(Figure, Option<f64>), Bad> {
    const MISSING: Figure = Figure::Value(f64::NAN);
    match at {
        Some(c) => match r.cell(c) {
            Cell::Empty => Ok((MISSING, None)),
            // An optional figure Excel could not compute (#N/A, #DIV/0! …) is missing.
            Cell::Text(s) if is_excel_error(s) => Ok((MISSING, None)),
            cell => match read_figure(col, cell) {
                Some(v) => Ok(v),
                None => Err((c, Reason::BadNumber)),
            },
        },
        None => Ok((MISSING, None)),
    }
}

/// Excel's error values as they appear in a CSV export.
pub fn is_excel_error(s: &str) -> bool {
    s.starts_with('#')
        && matches!(
            s,
            "#N/A" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#NULL!" | "#N/D"
        )
}

fn optional_date<R: Row + ?Sized>(
    col: &mut DateColumn,
    at: Option<usize>,
    r: &R,
) -> Result<(i32, Option<i32>), Bad> {
    match at {
        Some(c) => match r.cell(c) {
            Cell::Empty => Ok((NO_DATE, None)),
            cell => match read_date_cell(col, cell) {
                Some(v) => Ok(v),
                None => Err((c, Reason::BadDate)),
            },
        },
        None => Ok((NO_DATE, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{import_csv, Reason, Shape};
    use super::*;

    const LOG: &str = "\
Customer,Date,Amount,Profit,Product,Due date,Paid date
Acme,2024-01-10,100,20,bolts,2024-02-10,2024-02-10
Acme,2025-01-10,300,60,nuts,2025-02-10,2025-03-12
Beta,2024-06-01,50,-5,bolts,2024-07-01,
Beta,2025-06-01,oops,1,bolts,,
,2025-06-01,10,1,bolts,,
Acme,2025-05-31,-40,-8,nuts,,
";

    /// A customer whose orders are all worth 0 bought: an existing customer, in ABC's C
    /// (as pandas and DuckDB put CDNOW's 68 such customers), not a prospect.
    #[test]
    fn zero_value_orders_make_an_existing_customer_in_c() {
        use crate::classify::{Engine, Prepared};
        let text = "customer,date,amount\nA,2025-01-01,100\nB,2025-01-02,50\nZ,2025-01-03,0\nZ,2025-02-03,0.00\n";
        let imp = import_csv("zero.csv", text.as_bytes()).unwrap();
        let z = imp.customers.iter().position(|c| c.id == "Z").unwrap();
        assert_eq!(imp.customers[z].orders, Some(2));
        assert!(imp.customers[z].is_existing());
        let (ds, _) = crate::import::join::join(None, Some(&imp));
        let e = Engine::new(Prepared::new(ds), &crate::settings::Settings::default());
        assert_eq!(
            e.results().abc.class[z],
            Some(crate::classify::methods::abc::AbcClass::C)
        );
    }

    #[test]
    fn hand_computed_rollup() {
        let imp = import_csv("log.csv", LOG.as_bytes()).unwrap();
        assert_eq!(imp.shape, Shape::Transactions);
        let r = &imp.report;
        assert_eq!((r.rows_read, r.rows_used, r.rows_rejected()), (6, 4, 2));
        assert!(r.balanced());
        assert_eq!(
            r.rejected[0].to_string(),
            "row 5, column \"Amount\", value \"oops\": not a number"
        );
        assert_eq!(r.rejected[1].row, 6);
        assert_eq!(r.rejected[1].reason, Reason::MissingCustomer);

        // as_of is the newest date: 2025-05-31 (order) — paid dates are earlier.
        assert_eq!(imp.as_of, NaiveDate::from_ymd_opt(2025, 5, 31));
        let acme = &imp.customers[0];
        assert_eq!(acme.sales, 360.0);
        assert_eq!(acme.profit, Some(72.0));
        assert_eq!(
            acme.orders,
            Some(2),
            "the return is netted, not counted as an order"
        );
        assert_eq!(acme.recency_days, Some(0));
        // Last 12 months: (2024-05-31, 2025-05-31] → 300 − 40 = 260; before: 100.
        assert_eq!(acme.sales_last12, Some(260.0));
        assert_eq!(acme.sales_prev12, Some(100.0));
        assert!((acme.growth.unwrap() - 1.6).abs() < 1e-12);
        // Settled: 0 and 30 days late → 15 on average, half on time.
        assert_eq!(acme.attrs().avg_days_late, Some(15.0));
        assert_eq!(acme.attrs().on_time_share, Some(0.5));
        assert_eq!(acme.attrs().overdue_amount, Some(0.0));
        // 2 orders over 2024-01-10..=2025-05-31: 508 days = 16.69 months.
        let freq = acme.frequency.unwrap();
        assert!((freq - 2.0 / (508.0 / 30.4375)).abs() < 1e-12, "{freq}");
        assert_eq!(acme.avg_order_value, Some(180.0));
        assert_eq!(imp.products, ["bolts", "nuts"]);
        assert_eq!(acme.products, [0, 1]);

        let beta = &imp.customers[1];
        assert_eq!(beta.sales, 50.0);
        assert_eq!(beta.profit, Some(-5.0));
        assert_eq!(
            beta.growth, None,
            "nothing in the 12 months before the last 12"
        );
        assert_eq!(beta.frequency, Some(1.0), "one order in under a month");
        // Due 2024-07-01, unpaid on 2025-05-31: 334 days overdue.
        assert_eq!(beta.attrs().overdue_amount, Some(50.0));
        assert_eq!(beta.attrs().overdue_days, Some(334.0));

        let log = imp.log.as_ref().unwrap();
        assert_eq!(log.len(), 4);
        assert_eq!(log.customer, [0, 0, 1, 0]);
        // Re-rolling from the compact log gives the same customers.
        assert_eq!(log.roll_up().0, imp.customers);
    }

    #[test]
    fn cost_column_gives_profit_and_cancelled_rows_are_counted() {
        let log = "cliente;fecha;importe;coste;estado\nA;01/02/2025;1.000,50;800,50;ok\nA;02/02/2025;10;5;Anulado\n";
        let imp = import_csv("es.csv", log.as_bytes()).unwrap();
        assert_eq!(imp.customers.len(), 1);
        assert_eq!(imp.customers[0].sales, 1000.5);
        assert_eq!(imp.customers[0].profit, Some(200.0));
        assert_eq!(imp.report.rejected[0].reason, Reason::Cancelled);
        assert_eq!(imp.report.cancelled, 1);
        assert!(imp.report.balanced());
    }

    #[test]
    fn a_log_without_an_amount_column_is_refused_by_name() {
        let m = Mapping::auto(vec!["Customer".into(), "Date".into()]);
        assert_eq!(
            LogBuilder::new("x.csv", &m, None, DecimalSep::Dot, None)
                .err()
                .unwrap()
                .to_string(),
            "x.csv has no column for \"amount\"; map one by hand."
        );
    }

    #[test]
    fn product_sets_are_sorted_and_unique_with_few_or_many_products() {
        for (customers, products) in [(3usize, 200usize), (1100, 64_000)] {
            let log = CompactLog {
                customer_ids: (0..customers).map(|i| format!("C{i}")).collect(),
                products: (0..products).map(|i| format!("P{i}")).collect(),
                customer: vec![0, 1, 0, 0, 2, 0],
                amount: vec![1.0; 6].into(),
                product: vec![
                    (products - 1) as u32,
                    5,
                    3,
                    (products - 1) as u32,
                    NO_PRODUCT,
                    64,
                ],
                ..Default::default()
            };
            let bought = log.roll_up().0;
            let last = (products - 1) as u32;
            assert_eq!(bought[0].products, [3, 64, last], "{products} products");
            assert_eq!(bought[1].products, [5]);
            assert!(bought[2].products.is_empty());
            assert_eq!(bought[0].sales, 4.0);
        }
    }

    #[test]
    fn short_and_long_customer_keys_intern_through_table_growth() {
        let mut text = String::from("Customer,Date,Amount\n");
        for round in 0..3 {
            for i in 0..1500 {
                let name = if i % 2 == 0 {
                    format!("C{i}")
                } else {
                    format!("A rather long customer name, number {i}")
                };
                text.push_str(&format!("\"{name}\",2024-01-{:02},{}\n", round + 1, i));
            }
        }
        let imp = import_csv("keys.csv", text.as_bytes()).unwrap();
        assert_eq!(imp.customers.len(), 1500);
        for (i, c) in imp.customers.iter().enumerate() {
            assert_eq!(c.sales, 3.0 * i as f64, "{}", c.id);
            // Customer 0's orders are worth 0: still three orders.
            assert_eq!(c.orders, Some(3));
        }
        assert_eq!(imp.customers[1].id, "A rather long customer name, number 1");
    }

    #[test]
    fn coded_keys_and_others_intern_to_distinct_indices() {
        // The first key fixes the form C + 6 digits; the others differ in prefix, digit
        // count, characters or value range, and must still be told apart.
        let mut keys: Vec<String> = (0..3000)
            .map(|i| format!("C{:06}", (i * 7919) % 100_000))
            .collect();
        keys.extend(
            [
                "C12345",
                "C0012345",
                "D000001",
                "c000001",
                "C00000A",
                "C999999",
                "C",
                "000001",
                "C000001 ",
                "CC00001",
                "C-00001",
                "Customer 1",
                "",
            ]
            .map(String::from),
        );
        keys.extend((0..50).map(|i| format!("C{:06}", 999_950 + i)));
        keys.extend((0..50).map(|i| format!("X{i}")));
        let mut map = Interner::default();
        let mut names = Vec::new();
        let mut want: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for round in 0..2 {
            for k in &keys {
                let got = intern(&mut map, &mut names, k);
                let expect = *want.entry(k.as_str()).or_insert(got);
                assert_eq!(got, expect, "{k:?} in round {round}");
                assert_eq!(names[got as usize], *k);
            }
        }
        assert_eq!(names.len(), want.len());
        // Values past the array's range go through the table.
        let mut big = Interner::default();
        let mut names = Vec::new();
        let a = intern(&mut big, &mut names, "C0000001");
        let b = intern(&mut big, &mut names, "C9999999");
        let c = intern(&mut big, &mut names, "C1048576");
        assert_eq!((a, b, c), (0, 1, 2));
        assert_eq!(intern(&mut big, &mut names, "C9999999"), 1);
        assert_eq!(intern(&mut big, &mut names, "C1048576"), 2);
    }

    #[test]
    fn many_keys_of_every_length_intern_once_through_table_growth() {
        // Not codes, so every key goes through the table, which grows (and rehashes) many
        // times: keys of 1 to 29 bytes, padded words and side buffer alike.
        let mut next = crate::test_rng::xorshift(9);
        let keys: Vec<String> = (0..60_000)
            .map(|i| {
                let len = 1 + (next() % 29) as usize;
                let body: String = (0..len)
                    .map(|k| char::from(b'a' + ((i >> (k % 16)) % 7) as u8))
                    .collect();
                format!("{body}{i}")
            })
            .collect();
        let mut map = Interner::default();
        let mut names = Vec::new();
        for round in 0..2 {
            for (i, k) in keys.iter().enumerate() {
                assert_eq!(
                    intern(&mut map, &mut names, k),
                    i as u32,
                    "{k:?} in round {round}"
                );
            }
        }
        assert_eq!(names, keys);
    }

    #[test]
    fn cancelled_words() {
        assert!(is_cancelled("CANCELLED"));
        assert!(is_cancelled("已取消"));
        assert!(is_cancelled("Pedido anulado"));
        assert!(!is_cancelled("paid"));
        assert!(!is_cancelled(""));
    }
}

//! Everything a method needs that does not depend on the settings, computed once per dataset:
//! orderings, percentile ranks, normalised score criteria, category ids and column presence.
//! A settings change then costs O(n) per method.

use crate::import::Field;
use crate::model::{Customer, Dataset};
use crate::sort::{key_asc, radix_sort};
use rustc_hash::FxHashMap;
use std::any::Any;
use std::cmp::Ordering;

/// A dataset with its precomputed index. Build it once when the data changes (or the owner
/// filter changes); pass it to [`crate::classify::run_all`] on every settings change.
/// `Prepared::new` is in the registry, which knows each method's own preparation.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub ds: Dataset,
    pub index: Index,
    /// Each method's settings-independent figures (`MethodDef::Prep`), by method key.
    pub(crate) preps: Preps,
}

/// Each method's settings-independent figures (`MethodDef::Prep`), kept by key, so that
/// this file names no method. `Prepared::prep` (in `method.rs`) reads one.
#[derive(Clone, Default)]
pub(crate) struct Preps(pub(crate) Vec<(&'static str, std::sync::Arc<dyn Any + Send + Sync>)>);

impl std::fmt::Debug for Preps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, _)| k))
            .finish()
    }
}

impl Prepared {
    /// One rep's customers (method 14), prepared on their own.
    pub fn for_owner(&self, owner: &str) -> Prepared {
        Prepared::new(self.ds.filter_owner(owner))
    }

    pub fn has(&self, f: Field) -> bool {
        self.index.has(f)
    }
}

/// Distinct values of a text column, with each customer's value as an id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Categories {
    /// Sorted labels.
    pub labels: Vec<String>,
    /// Per customer: index into `labels`, or [`Categories::NONE`]; empty when no customer
    /// has a value (a bare order log has no owner, region or industry).
    ids: Vec<u32>,
}

impl Categories {
    /// The id of a customer without a value.
    pub const NONE: u32 = u32::MAX;

    #[cfg(test)]
    fn new(ds: &Dataset, get: impl Fn(&Customer) -> Option<&String>) -> Categories {
        let mut labels = Labels::default();
        for c in ds.customers.iter() {
            labels.push(get(c).map(String::as_str));
        }
        labels.finish()
    }

    /// The region, industry and owner columns, in one pass over the customers (each one's
    /// attributes are read once, not three times). A column no customer has costs nothing.
    fn region_industry_owner(ds: &Dataset, present: u64) -> [Categories; 3] {
        let has = |f: Field| present & (1 << (f as u32)) != 0;
        let wanted = [has(Field::Region), has(Field::Industry), has(Field::Owner)];
        if wanted == [false; 3] {
            return Default::default();
        }
        let mut cols: [Labels<'_>; 3] = Default::default();
        for c in ds.customers.iter() {
            let a = c.attrs();
            let values = [&a.region, &a.industry, &a.owner];
            for ((col, v), &want) in cols.iter_mut().zip(values).zip(&wanted) {
                if want {
                    col.push(v.as_deref());
                }
            }
        }
        cols.map(Labels::finish)
    }

    /// Customer `i`'s label index, `None` when it has no value.
    #[inline]
    pub fn id(&self, i: usize) -> Option<u32> {
        self.ids.get(i).copied().filter(|&k| k != Self::NONE)
    }
}

/// A text column's labels as met, customer by customer, for [`Categories`]. Each distinct
/// label is kept once, in the order met (a table has few: regions, industries, owners), so a
/// million customers cost a hash lookup each, not a copy of their label and a sort of a
/// million strings.
#[derive(Default)]
struct Labels<'a> {
    seen: FxHashMap<&'a str, u32>,
    met: Vec<&'a str>,
    first: Vec<u32>,
}

impl<'a> Labels<'a> {
    fn push(&mut self, v: Option<&'a str>) {
        let id = match v {
            Some(v) => *self.seen.entry(v).or_insert_with(|| {
                self.met.push(v);
                (self.met.len() - 1) as u32
            }),
            None => Categories::NONE,
        };
        self.first.push(id);
    }

    fn finish(self) -> Categories {
        let Labels { met, first, .. } = self;
        if met.is_empty() {
            return Categories::default();
        }
        // The labels sorted; a customer's id is its label's place among them.
        let mut order: Vec<u32> = (0..met.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| met[a as usize].cmp(met[b as usize]));
        let mut place = vec![0u32; met.len()];
        for (k, &m) in order.iter().enumerate() {
            place[m as usize] = k as u32;
        }
        let labels = order.iter().map(|&m| met[m as usize].to_string()).collect();
        let ids = first
            .into_iter()
            .map(|m| {
                if m == Categories::NONE {
                    m
                } else {
                    place[m as usize]
                }
            })
            .collect();
        Categories { labels, ids }
    }
}

/// One dense figure column (NaN = missing). A column no customer has is not built, or is
/// dropped before the rest of the index ([`Columns::drop_absent`]): it is then empty, and
/// indexing it gives NaN, as every value of it would have been. It reads as a `Vec<f64>`
/// otherwise (an empty one when dropped: read it by index, not as a slice).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Col(Vec<f64>);

static MISSING: f64 = f64::NAN;

impl Col {
    /// The column, or an empty one (all NaN) when no value is finite.
    fn unless_all_missing(v: Vec<f64>) -> Col {
        if v.iter().any(|x| x.is_finite()) {
            Col(v)
        } else {
            Col::default()
        }
    }
}

impl std::ops::Index<usize> for Col {
    type Output = f64;
    #[inline]
    fn index(&self, i: usize) -> &f64 {
        self.0.get(i).unwrap_or(&MISSING)
    }
}

impl std::ops::Deref for Col {
    type Target = Vec<f64>;
    fn deref(&self) -> &Vec<f64> {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Col {
    type Item = &'a f64;
    type IntoIter = std::slice::Iter<'a, f64>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl std::ops::DerefMut for Col {
    fn deref_mut(&mut self) -> &mut Vec<f64> {
        &mut self.0
    }
}

/// The customer figures the methods read, one dense column each (NaN = missing), so that a
/// settings change streams through a few megabytes instead of the whole customer records.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub existing: Vec<bool>,
    pub sales: Vec<f64>,
    pub profit: Vec<f64>,
    pub growth: Col,
    pub days_late: Col,
    pub on_time: Col,
    pub overdue_amount: Col,
    pub overdue_days: Col,
    pub credit: Col,
    pub financial: Col,
    pub difficulty: Col,
    pub share: Col,
    pub volume: Col,
    pub probability: Col,
    /// 0–100 ratings.
    pub prospects: Col,
    pub loyalty: Col,
    pub attitude: Col,
    pub expected_close: Vec<Option<chrono::NaiveDate>>,
    /// Products bought, in compressed rows: customer `i`'s are
    /// `product_ids[product_offsets[i]..product_offsets[i + 1]]`.
    pub product_offsets: Vec<u32>,
    pub product_ids: Vec<u32>,
}

impl Columns {
    /// One pass over the customer records (about 500 bytes each: a pass per column would
    /// stream the whole table again every time), and the fields present.
    fn extract(cs: &[Customer]) -> (Columns, u64) {
        let n = cs.len();
        let f64s = || Vec::<f64>::with_capacity(n);
        let cols = || Col(f64s());
        // The master's attribute columns only when some customer has attributes: for a bare
        // order log they would be 14 columns of NaN (about 11 MB for 100k customers).
        let with_attrs = cs.iter().any(Customer::has_attributes);
        let attr_col = || if with_attrs { cols() } else { Col::default() };
        let mut col = Columns {
            existing: Vec::with_capacity(n),
            sales: f64s(),
            profit: f64s(),
            growth: cols(),
            days_late: attr_col(),
            on_time: attr_col(),
            overdue_amount: attr_col(),
            overdue_days: attr_col(),
            credit: attr_col(),
            financial: attr_col(),
            difficulty: attr_col(),
            share: attr_col(),
            volume: attr_col(),
            probability: attr_col(),
            prospects: attr_col(),
            loyalty: attr_col(),
            attitude: attr_col(),
            expected_close: if with_attrs {
                Vec::with_capacity(n)
            } else {
                Vec::new()
            },
            product_offsets: Vec::with_capacity(n + 1),
            product_ids: Vec::with_capacity(cs.iter().map(|c| c.products.len()).sum()),
        };
        let mut present = 0u64;
        col.product_offsets.push(0);
        // Fields not seen yet; a customer is checked only for those.
        let mut todo: Vec<Field> = TRACKED.to_vec();
        for c in cs {
            col.existing.push(c.is_existing());
            col.sales.push(c.sales);
            col.profit.push(finite(c.profit));
            col.growth.push(finite(c.growth));
            if with_attrs {
                let a = c.attrs();
                col.days_late.push(finite(a.avg_days_late));
                col.on_time.push(finite(a.on_time_share));
                col.overdue_amount.push(finite(a.overdue_amount));
                col.overdue_days.push(finite(a.overdue_days));
                col.credit.push(finite(a.credit_rating));
                col.financial.push(finite(a.financial_status));
                col.difficulty.push(finite(a.difficulty));
                col.share.push(finite(a.share_of_wallet));
                col.volume.push(finite(a.upcoming_volume));
                col.probability.push(finite(a.close_probability));
                col.expected_close.push(a.expected_close);
                col.prospects.push(finite(a.prospects_rating));
                col.loyalty.push(finite(a.loyalty));
                col.attitude.push(finite(a.attitude));
            }
            col.product_ids.extend_from_slice(&c.products);
            col.product_offsets.push(col.product_ids.len() as u32);
            if !todo.is_empty() {
                // Most customers of a bare log have no attributes: a check per field less.
                let attrs = c.has_attributes();
                todo.retain(|&f| {
                    let has = (attrs || !is_attribute(f)) && has_field(c, f);
                    if has {
                        present |= 1 << (f as u32);
                    }
                    !has
                });
            }
        }
        (col, present)
    }

    /// Empties the columns of the fields no customer has (bit `f as u32` of `present` clear):
    /// for 100k customers each is 0.8 MB of NaN. Indexing them still gives NaN.
    fn drop_absent(&mut self, present: u64) {
        let has = |f: Field| present & (1 << (f as u32)) != 0;
        for (f, c) in [
            (Field::Growth, &mut self.growth),
            (Field::AvgDaysLate, &mut self.days_late),
            (Field::OnTimeShare, &mut self.on_time),
            (Field::OverdueAmount, &mut self.overdue_amount),
            (Field::OverdueDays, &mut self.overdue_days),
            (Field::CreditRating, &mut self.credit),
            (Field::FinancialStatus, &mut self.financial),
            (Field::Difficulty, &mut self.difficulty),
            (Field::ShareOfWallet, &mut self.share),
            (Field::UpcomingVolume, &mut self.volume),
            (Field::CloseProbability, &mut self.probability),
            (Field::Prospects, &mut self.prospects),
            (Field::Loyalty, &mut self.loyalty),
            (Field::Attitude, &mut self.attitude),
        ] {
            if !has(f) {
                *c = Col::default();
            }
        }
        if !has(Field::ExpectedClose) {
            self.expected_close = Vec::new();
        }
    }

    pub fn products(&self, i: usize) -> &[u32] {
        match (self.product_offsets.get(i), self.product_offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.product_ids[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Running sums of (sales, profit) along an order, so that the sums of a contiguous run of
/// ranks cost O(1). Missing profit counts as nothing.
#[derive(Clone, Debug, Default)]
pub struct Prefix {
    sales: Vec<f64>,
    profit: Vec<f64>,
}

impl Prefix {
    pub fn new(figs: impl Iterator<Item = (f64, f64)>) -> Prefix {
        let (mut sales, mut profit) = (vec![0.0], vec![0.0]);
        let (mut s, mut p) = (0.0, 0.0);
        for (x, y) in figs {
            s += x;
            if y.is_finite() {
                p += y;
            }
            sales.push(s);
            profit.push(p);
        }
        Prefix { sales, profit }
    }

    /// Sums of sales and profit over ranks `a..b`.
    pub fn range(&self, a: usize, b: usize) -> (f64, f64) {
        (
            self.sales[b] - self.sales[a],
            self.profit[b] - self.profit[a],
        )
    }
}

/// The customers that have a figure, in ascending order of it: "who is below t" is then a
/// prefix and "who is above t" a suffix, found by binary search through the figures' own
/// column ([`SortedBy`]). Only the order is kept (4 bytes a customer), not a sorted copy of
/// the figures (8 more: 80 MB over the ten flag columns of a million customers).
#[derive(Clone, Debug, Default)]
pub struct Sorted {
    idx: Vec<u32>,
}

impl Sorted {
    /// `values[i]` per customer; NaN (missing) left out.
    pub fn new(values: impl Iterator<Item = f64>) -> Sorted {
        // Built in index order and sorted stably: ties stay by index.
        let mut v: Vec<(u64, u32)> = values
            .enumerate()
            .filter(|(_, x)| x.is_finite())
            .map(|(i, x)| (key_asc(x), i as u32))
            .collect();
        radix_sort(&mut v);
        Sorted {
            idx: v.iter().map(|t| t.1).collect(),
        }
    }

    /// The order [`Sorted::new`] gives `values`, from an ascending order of them that may
    /// hold equal figures in another order: each run of equal figures is put in index order.
    fn from_ascending(mut idx: Vec<u32>, values: &[f64]) -> Sorted {
        let mut lo = 0;
        while lo < idx.len() {
            let k = key_asc(values[idx[lo] as usize]);
            let mut hi = lo + 1;
            while hi < idx.len() && key_asc(values[idx[hi] as usize]) == k {
                hi += 1;
            }
            if hi - lo > 1 {
                idx[lo..hi].sort_unstable();
            }
            lo = hi;
        }
        Sorted { idx }
    }

    /// This order read with its figures: customer `i`'s is `values[i] * scale`, the figure
    /// it was sorted by.
    pub fn by<'a>(&'a self, values: &'a [f64], scale: f64) -> SortedBy<'a> {
        SortedBy {
            idx: &self.idx,
            values,
            scale,
        }
    }
}

/// A [`Sorted`] order with the figures it was sorted by.
#[derive(Clone, Copy, Debug)]
pub struct SortedBy<'a> {
    idx: &'a [u32],
    values: &'a [f64],
    scale: f64,
}

impl SortedBy<'_> {
    /// The length of the prefix whose figures satisfy `below` (a predicate that holds for
    /// a prefix of the ascending figures).
    #[inline]
    fn prefix(&self, below: impl Fn(f64) -> bool) -> usize {
        self.idx
            .partition_point(|&i| below(self.values[i as usize] * self.scale))
    }

    /// Customers whose value is `< t`.
    pub fn lt(&self, t: f64) -> &[u32] {
        &self.idx[..self.prefix(|v| v < t)]
    }

    /// Customers whose value is `<= t`.
    pub fn le(&self, t: f64) -> &[u32] {
        &self.idx[..self.prefix(|v| v <= t)]
    }

    /// Customers whose value is `> t`.
    pub fn gt(&self, t: f64) -> &[u32] {
        &self.idx[self.prefix(|v| v <= t)..]
    }

    /// Customers whose value is `>= t`.
    pub fn ge(&self, t: f64) -> &[u32] {
        &self.idx[self.prefix(|v| v < t)..]
    }
}

/// Counts and sums per class, accumulated in four interleaved lanes so that consecutive
/// customers of one class do not wait on each other's additions.
pub(crate) struct Tally<const K: usize> {
    counts: [[usize; K]; 4],
    sales: [[f64; K]; 4],
    profit: [[f64; K]; 4],
}

impl<const K: usize> Tally<K> {
    pub(crate) fn new() -> Self {
        Tally {
            counts: [[0; K]; 4],
            sales: [[0.0; K]; 4],
            profit: [[0.0; K]; 4],
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, i: usize, k: usize, sales: f64, profit: f64) {
        let l = i & 3;
        self.counts[l][k] += 1;
        self.sales[l][k] += sales;
        // A select rather than a branch: missing profit is scattered at random.
        self.profit[l][k] += if profit.is_finite() { profit } else { 0.0 };
    }

    /// (counts, sales, profit) per class.
    pub(crate) fn finish(&self) -> ([usize; K], [f64; K], [f64; K]) {
        let mut out = ([0; K], [0.0; K], [0.0; K]);
        for l in 0..4 {
            for k in 0..K {
                out.0[k] += self.counts[l][k];
                out.1[k] += self.sales[l][k];
                out.2[k] += self.profit[l][k];
            }
        }
        out
    }
}

/// Product purchase counts along a ranked order, cumulated every [`BlockCounts::BLOCK`]
/// ranks: the counts of any run of ranks then cost two block lookups and at most two partial
/// blocks, however long the run.
#[derive(Clone, Debug, Default)]
pub struct BlockCounts {
    m: usize,
    /// `cum[b * m + j]`: buyers of product `j` among ranks `0..b * BLOCK`.
    cum: Vec<u32>,
    /// Customers with a product history among ranks `0..b * BLOCK`.
    cum_buyers: Vec<u32>,
}

impl BlockCounts {
    pub const BLOCK: usize = 256;

    fn new(order: &[u32], col: &Columns, m: usize) -> BlockCounts {
        let blocks = order.len() / Self::BLOCK + 1;
        let mut cum = vec![0u32; blocks * m];
        let mut cum_buyers = vec![0u32; blocks];
        let mut run = vec![0u32; m];
        let mut buyers = 0u32;
        for (r, &i) in order.iter().enumerate() {
            if r.is_multiple_of(Self::BLOCK) {
                let b = r / Self::BLOCK;
                cum[b * m..(b + 1) * m].copy_from_slice(&run);
                cum_buyers[b] = buyers;
            }
            let bought = col.products(i as usize);
            buyers += u32::from(!bought.is_empty());
            for &j in bought {
                if let Some(c) = run.get_mut(j as usize) {
                    *c += 1;
                }
            }
        }
        if order.len().is_multiple_of(Self::BLOCK) {
            let b = order.len() / Self::BLOCK;
            cum[b * m..(b + 1) * m].copy_from_slice(&run);
            cum_buyers[b] = buyers;
        }
        BlockCounts { m, cum, cum_buyers }
    }

    /// Adds `sign` × the counts of ranks `0..x` to `out` and `buyers`.
    fn upto(
        &self,
        order: &[u32],
        col: &Columns,
        x: usize,
        sign: i64,
        out: &mut [i64],
        buyers: &mut i64,
    ) {
        let b = x / Self::BLOCK;
        for (o, &c) in out.iter_mut().zip(&self.cum[b * self.m..(b + 1) * self.m]) {
            *o += sign * i64::from(c);
        }
        *buyers += sign * i64::from(self.cum_buyers[b]);
        for &i in &order[b * Self::BLOCK..x] {
            let bought = col.products(i as usize);
            *buyers += sign * i64::from(!bought.is_empty());
            for &j in bought {
                if let Some(o) = out.get_mut(j as usize) {
                    *o += sign;
                }
            }
        }
    }

    /// Buyers per product, and customers with a product history, among ranks `a..b`.
    pub fn range(&self, order: &[u32], col: &Columns, a: usize, b: usize) -> (Vec<usize>, usize) {
        let mut out = vec![0i64; self.m];
        let mut buyers = 0i64;
        self.upto(order, col, b, 1, &mut out, &mut buyers);
        self.upto(order, col, a, -1, &mut out, &mut buyers);
        (
            out.into_iter().map(|v| v.max(0) as usize).collect(),
            buyers.max(0) as usize,
        )
    }
}

/// The orders behind the threshold flags of 5S and the risk watch, read through
/// [`Index::flags`] with their figures.
#[derive(Clone, Debug, Default)]
pub struct FlagColumns {
    sales_pct: Sorted,
    forecast_pct: Sorted,
    days_late: Sorted,
    on_time_pct: Sorted,
    growth_pct: Sorted,
    difficulty: Sorted,
    financial: Sorted,
    overdue_amount: Sorted,
    overdue_days: Sorted,
    credit: Sorted,
}

/// The sorted columns behind the threshold flags of 5S and the risk watch (see
/// [`Index::flags`]).
#[derive(Clone, Copy, Debug)]
pub struct Flags<'a> {
    pub sales_pct: SortedBy<'a>,
    pub forecast_pct: SortedBy<'a>,
    pub days_late: SortedBy<'a>,
    /// On-time share × 100.
    pub on_time_pct: SortedBy<'a>,
    /// Growth × 100.
    pub growth_pct: SortedBy<'a>,
    pub difficulty: SortedBy<'a>,
    pub financial: SortedBy<'a>,
    pub overdue_amount: SortedBy<'a>,
    pub overdue_days: SortedBy<'a>,
    pub credit: SortedBy<'a>,
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Bit `f as u32` set when at least one customer has field `f`.
    present: u64,
    pub col: Columns,
    /// Customer index by id, sorted by id (for pinned and kept lists).
    pub by_id: Vec<u32>,
    /// Per customer: its position when customers are sorted by id (the universal tie-break).
    pub id_rank: Vec<u32>,
    /// Existing customers with a profit figure, by profit descending, then id.
    pub existing_by_profit: Vec<u32>,
    pub sales_prefix: Prefix,
    pub profit_prefix: Prefix,
    /// Potential customers, in dataset order.
    pub prospects: Vec<u32>,
    flags: FlagColumns,
    /// Product counts along `Dataset::existing_by_sales` and along `existing_by_profit`.
    pub products_by_sales: BlockCounts,
    pub products_by_profit: BlockCounts,
    /// Per customer, percentile rank (0–100) of sales among existing customers; NaN otherwise.
    pub sales_pct: Vec<f64>,
    /// Per customer, percentile rank (0–100) of upcoming volume among potential customers
    /// (empty, all NaN, when there are none).
    pub forecast_pct: Col,
    pub region: Categories,
    pub industry: Categories,
    pub owner: Categories,
}

const TRACKED: [Field; 22] = [
    Field::Profit,
    Field::Orders,
    Field::AvgDaysLate,
    Field::OnTimeShare,
    Field::OverdueAmount,
    Field::OverdueDays,
    Field::CreditRating,
    Field::ShareOfWallet,
    Field::UpcomingVolume,
    Field::CloseProbability,
    Field::ExpectedClose,
    Field::Prospects,
    Field::Difficulty,
    Field::FinancialStatus,
    Field::Growth,
    Field::Attitude,
    Field::Loyalty,
    Field::Owner,
    Field::Region,
    Field::Industry,
    Field::Product,
    Field::Amount,
];

/// Does this customer carry a value for `f`? Fields the model does not hold are `false`.
pub fn has_field(c: &Customer, f: Field) -> bool {
    match f {
        Field::CustomerId => !c.id.is_empty(),
        Field::CustomerName => !c.name.is_empty(),
        Field::Amount => c.is_existing(),
        Field::Profit => c.profit.is_some(),
        Field::Orders => c.orders.is_some(),
        Field::FirstOrder => c.first_order.is_some(),
        Field::LastOrder => c.last_order.is_some(),
        Field::AvgDaysLate => c.attrs().avg_days_late.is_some(),
        Field::OnTimeShare => c.attrs().on_time_share.is_some(),
        Field::OverdueAmount => c.attrs().overdue_amount.is_some(),
        Field::OverdueDays => c.attrs().overdue_days.is_some(),
        Field::CreditRating => c.attrs().credit_rating.is_some(),
        Field::ShareOfWallet => c.attrs().share_of_wallet.is_some(),
        Field::UpcomingVolume => c.attrs().upcoming_volume.is_some(),
        Field::CloseProbability => c.attrs().close_probability.is_some(),
        Field::ExpectedClose => c.attrs().expected_close.is_some(),
        Field::Prospects => c.attrs().prospects_rating.is_some(),
        Field::Difficulty => c.attrs().difficulty.is_some(),
        Field::FinancialStatus => c.attrs().financial_status.is_some(),
        Field::Growth => c.growth.is_some(),
        Field::Attitude => c.attrs().attitude.is_some(),
        Field::Loyalty => c.attrs().loyalty.is_some(),
        Field::Owner => c.attrs().owner.is_some(),
        Field::Region => c.attrs().region.is_some(),
        Field::Industry => c.attrs().industry.is_some(),
        Field::Product => !c.products.is_empty(),
        Field::Date | Field::Cost | Field::DueDate | Field::PaidDate | Field::Status => false,
    }
}

/// Fields read from [`Customer::attrs`]: a customer without attributes has none of them.
fn is_attribute(f: Field) -> bool {
    matches!(
        f,
        Field::AvgDaysLate
            | Field::OnTimeShare
            | Field::OverdueAmount
            | Field::OverdueDays
            | Field::CreditRating
            | Field::ShareOfWallet
            | Field::UpcomingVolume
            | Field::CloseProbability
            | Field::ExpectedClose
            | Field::Prospects
            | Field::Difficulty
            | Field::FinancialStatus
            | Field::Attitude
            | Field::Loyalty
            | Field::Owner
            | Field::Region
            | Field::Industry
    )
}

/// Each customer's position in `order` (customer indices, each at most once), among `n`
/// customers; [`NOT_PLACED`] for one that is not in it.
pub fn positions(order: &[u32], n: usize) -> Vec<u32> {
    let mut at = vec![NOT_PLACED; n];
    for (k, &i) in order.iter().enumerate() {
        if let Some(slot) = at.get_mut(i as usize) {
            *slot = k as u32;
        }
    }
    at
}

/// The customers in id order (equal ids in index order): a radix sort on each id's first 8
/// bytes, then a comparison sort within each run of equal first bytes only (a comparison sort
/// of a million ids took about 0.2 s natively).
fn ids_in_order(cs: &[Customer]) -> Vec<u32> {
    let prefix = |id: &str| {
        let mut b = [0u8; 8];
        let head = &id.as_bytes()[..id.len().min(8)];
        b[..head.len()].copy_from_slice(head);
        u64::from_be_bytes(b)
    };
    let mut keyed: Vec<(u64, u32)> = cs
        .iter()
        .enumerate()
        .map(|(i, c)| (prefix(&c.id), i as u32))
        .collect();
    radix_sort(&mut keyed);
    let mut by_id: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
    let mut start = 0;
    while start < keyed.len() {
        let end = start + keyed[start..].partition_point(|t| t.0 == keyed[start].0);
        if end - start > 1 {
            by_id[start..end].sort_by(|&a, &b| cs[a as usize].id.cmp(&cs[b as usize].id));
        }
        start = end;
    }
    by_id
}

/// A customer [`positions`] did not find.
pub const NOT_PLACED: u32 = u32::MAX;

fn finite(v: Option<f64>) -> f64 {
    match v {
        Some(x) if x.is_finite() => x,
        _ => f64::NAN,
    }
}

impl Index {
    /// The flag columns, each order with the figures it was sorted by (as
    /// [`Index::new`] built it).
    pub fn flags(&self) -> Flags<'_> {
        let (f, col) = (&self.flags, &self.col);
        Flags {
            sales_pct: f.sales_pct.by(&self.sales_pct, 1.0),
            forecast_pct: f.forecast_pct.by(&self.forecast_pct, 1.0),
            days_late: f.days_late.by(&col.days_late, 1.0),
            on_time_pct: f.on_time_pct.by(&col.on_time, 100.0),
            growth_pct: f.growth_pct.by(&col.growth, 100.0),
            difficulty: f.difficulty.by(&col.difficulty, 1.0),
            financial: f.financial.by(&col.financial, 1.0),
            overdue_amount: f.overdue_amount.by(&col.overdue_amount, 1.0),
            overdue_days: f.overdue_days.by(&col.overdue_days, 1.0),
            credit: f.credit.by(&col.credit, 1.0),
        }
    }

    pub fn new(ds: &Dataset) -> Index {
        let cs = &ds.customers;
        let n = cs.len();
        // Every figure comes out of the records once; the rest reads dense columns.
        let (mut col, present) = Columns::extract(cs);
        // Columns of fields no customer has are freed at once (they index as NaN), before
        // the index allocates the rest.
        col.drop_absent(present);

        let by_id = ids_in_order(cs);
        let mut id_rank = vec![0u32; n];
        for (r, &i) in by_id.iter().enumerate() {
            id_rank[i as usize] = r as u32;
        }

        let existing = &ds.existing_by_sales;
        let mut is_candidate = vec![false; n];
        for &i in existing {
            is_candidate[i as usize] = true;
        }
        let existing_by_profit = order_desc(&is_candidate, &by_id, |i| col.profit[i]);
        drop(is_candidate);
        let sales_raw: Vec<f64> = (0..n)
            .map(|i| {
                if col.existing[i] && col.sales[i].is_finite() {
                    col.sales[i]
                } else {
                    f64::NAN
                }
            })
            .collect();
        // The ranks' orders are the sorted percentile columns' (no second sort).
        let (sales_pct, sales_asc) = pct_rank_ordered(&sales_raw);
        drop(sales_raw);
        let sales_pct_sorted = Sorted::from_ascending(sales_asc, &sales_pct);
        let forecast_raw: Vec<f64> = (0..n)
            .map(|i| {
                if col.existing[i] {
                    f64::NAN
                } else {
                    col.volume[i]
                }
            })
            .collect();
        let (forecast_pct, forecast_asc) = pct_rank_ordered(&forecast_raw);
        drop(forecast_raw);
        let forecast_pct = Col::unless_all_missing(forecast_pct);
        let forecast_pct_sorted = Sorted::from_ascending(forecast_asc, &forecast_pct);

        let flags = FlagColumns {
            sales_pct: sales_pct_sorted,
            forecast_pct: forecast_pct_sorted,
            days_late: Sorted::new(col.days_late.iter().copied()),
            // By the share and the growth themselves (× 100 keeps their order): the order
            // [`pct_rank_along`] ranks them by.
            on_time_pct: Sorted::new(col.on_time.iter().copied()),
            growth_pct: Sorted::new(col.growth.iter().copied()),
            difficulty: Sorted::new(col.difficulty.iter().copied()),
            financial: Sorted::new(col.financial.iter().copied()),
            overdue_amount: Sorted::new(col.overdue_amount.iter().copied()),
            overdue_days: Sorted::new(col.overdue_days.iter().copied()),
            credit: Sorted::new(col.credit.iter().copied()),
        };
        let [region, industry, owner] = Categories::region_industry_owner(ds, present);
        let m = ds.products.len();
        let products_by_sales = BlockCounts::new(&ds.existing_by_sales, &col, m);
        let products_by_profit = BlockCounts::new(&existing_by_profit, &col, m);
        Index {
            present,
            products_by_sales,
            products_by_profit,
            sales_prefix: Prefix::new(rank_figures_of(&col, &ds.existing_by_sales)),
            profit_prefix: Prefix::new(rank_figures_of(&col, &existing_by_profit)),
            prospects: (0..n as u32)
                .filter(|&i| !col.existing[i as usize])
                .collect(),
            flags,
            col,
            by_id,
            id_rank,
            existing_by_profit,
            sales_pct,
            forecast_pct,
            region,
            industry,
            owner,
        }
    }

    /// Does any customer carry field `f`?
    pub fn has(&self, f: Field) -> bool {
        TRACKED.contains(&f) && self.present & (1 << (f as u32)) != 0
    }

    /// The index of the (first) customer with this id, by binary search.
    pub fn index_of(&self, ds: &Dataset, id: &str) -> Option<u32> {
        let k = self
            .by_id
            .partition_point(|&j| ds.customers[j as usize].id.as_str() < id);
        self.by_id[k..]
            .iter()
            .take_while(|&&j| ds.customers[j as usize].id == id)
            .copied()
            .next()
    }

    /// Customer indices of the given ids (unknown ids skipped), sorted.
    pub fn indices_of(&self, ds: &Dataset, ids: &[String]) -> Vec<u32> {
        let mut out: Vec<u32> = ids.iter().filter_map(|id| self.index_of(ds, id)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// [`rank_figures`] from the dense columns.
fn rank_figures_of<'a>(
    col: &'a Columns,
    order: &'a [u32],
) -> impl Iterator<Item = (f64, f64)> + 'a {
    order
        .iter()
        .map(|&i| (col.sales[i as usize], col.profit[i as usize]))
}

/// (sales, profit) of the customers of `order`, in that order; NaN profit when missing.
pub(crate) fn rank_figures(cs: &[Customer], order: &[u32]) -> Vec<(f64, f64)> {
    order
        .iter()
        .map(|&i| {
            let c = &cs[i as usize];
            (c.sales, finite(c.profit))
        })
        .collect()
}

pub(crate) fn mean_finite(xs: &[f64]) -> f64 {
    let (sum, k) = xs
        .iter()
        .filter(|x| x.is_finite())
        .fold((0.0, 0usize), |(s, k), &x| (s + x, k + 1));
    if k == 0 {
        f64::NAN
    } else {
        sum / k as f64
    }
}

/// `candidates` that have a finite key, by key descending, ties by id.
pub(crate) fn order_desc(
    candidate: &[bool],
    by_id: &[u32],
    key: impl Fn(usize) -> f64,
) -> Vec<u32> {
    // Stable sort of the candidates taken in id order: ties stay by id.
    let mut v: Vec<(u64, u32)> = by_id
        .iter()
        .filter(|&&i| candidate[i as usize])
        .filter_map(|&i| {
            let k = key(i as usize);
            k.is_finite().then(|| (!key_asc(k), i))
        })
        .collect();
    radix_sort(&mut v);
    v.into_iter().map(|t| t.1).collect()
}

/// Min-max to 0–100 over the finite values; NaN stays NaN. All equal → 50.
pub fn min_max(values: &[f64]) -> Vec<f64> {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                f64::NAN
            } else if hi > lo {
                (v - lo) / (hi - lo) * 100.0
            } else {
                50.0
            }
        })
        .collect()
}

/// Mid-rank percentile to 0–100 over the finite values: the lowest 0, the highest 100, ties
/// share the mean of their ranks; a single value is 50. NaN stays NaN.
pub fn pct_rank(values: &[f64]) -> Vec<f64> {
    pct_rank_ordered(values).0
}

/// [`pct_rank`] and the order it ranked by: the customers with a finite value, ascending,
/// equal keys by index (as [`Sorted::new`] orders them).
fn pct_rank_ordered(values: &[f64]) -> (Vec<f64>, Vec<u32>) {
    let mut keyed: Vec<(u64, u32)> = (0..values.len())
        .filter(|&i| values[i].is_finite())
        .map(|i| (key_asc(values[i]), i as u32))
        .collect();
    radix_sort(&mut keyed);
    let idx: Vec<u32> = keyed.into_iter().map(|t| t.1).collect();
    (mid_ranks(&idx, |i| values[i], values.len()), idx)
}

/// [`pct_rank`] of the figures a sorted column was sorted by, among the customers `keep`
/// selects (NaN for the others), ranked ascending or (`descending`) as if negated: one pass
/// along the order, no sort. Equal figures are next to each other in the order and stay so
/// in any part of it, so the ranks are exactly those of `pct_rank`. `n`: the result's length.
pub fn pct_rank_along(
    s: SortedBy<'_>,
    keep: impl Fn(usize) -> bool,
    descending: bool,
    n: usize,
) -> Vec<f64> {
    let mut idx: Vec<u32> = s
        .idx
        .iter()
        .copied()
        .filter(|&i| keep(i as usize))
        .collect();
    if descending {
        idx.reverse();
    }
    mid_ranks(&idx, |i| s.values[i], n)
}

/// Mid-rank percentiles of `n` customers, given those with a figure in ascending order of
/// it (`asc`; ties next to each other, in any order) and each one's figure (for the ties).
fn mid_ranks(asc: &[u32], value: impl Fn(usize) -> f64, n: usize) -> Vec<f64> {
    let m = asc.len();
    let mut out = vec![f64::NAN; n];
    let mut lo = 0;
    while lo < m {
        let v = value(asc[lo] as usize);
        let mut hi = lo;
        while hi + 1 < m && value(asc[hi + 1] as usize) == v {
            hi += 1;
        }
        let p = if m == 1 {
            50.0
        } else {
            (lo + hi) as f64 / 2.0 / (m - 1) as f64 * 100.0
        };
        for &i in &asc[lo..=hi] {
            out[i as usize] = p;
        }
        lo = hi + 1;
    }
    out
}

/// Band of the customer at `rank` (0-based) of `n` ranked customers, given cumulative cut
/// percentages: band `k` while `rank < cum[k] % × n`; the last band otherwise. A fractional
/// cut rounds up (250 × 5% = 12.5 → ranks 0..=12).
#[cfg(test)]
pub(crate) fn band_of_rank(rank: usize, n: usize, cum_pct: &[f64]) -> usize {
    const EPS: f64 = 1e-9;
    let r = rank as f64;
    cum_pct
        .iter()
        .position(|&c| r < c / 100.0 * n as f64 - EPS)
        .unwrap_or(cum_pct.len())
}

/// How many ranks fall before cumulative cut `cum_pct` (the rank of the first customer past it).
#[cfg(test)]
pub(crate) fn ranks_before(n: usize, cum_pct: f64) -> usize {
    (0..=n)
        .find(|&r| band_of_rank(r, n, &[cum_pct]) == 1)
        .unwrap_or(n)
        .min(n)
}

/// Bands of keyed items in O(n): `keys[j] = (key, tie, item)`, ranked by key descending then
/// tie ascending. Returns each item's band as [`band_of_rank`] would give for its rank.
pub(crate) fn bands_by_select(keys: &mut [(f64, u32, u32)], cum_pct: &[f64]) -> Vec<(u32, usize)> {
    let n = keys.len();
    let cmp = |a: &(f64, u32, u32), b: &(f64, u32, u32)| -> Ordering {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
    };
    // Boundary positions: the first rank of each following band.
    let mut bounds: Vec<Option<(f64, u32, u32)>> = Vec::with_capacity(cum_pct.len());
    let mut from = 0;
    for &c in cum_pct {
        let k = ranks_before_fast(n, c).max(from);
        if k >= n {
            bounds.push(None);
            continue;
        }
        keys[from..].select_nth_unstable_by(k - from, cmp);
        bounds.push(Some(keys[k]));
        from = k;
    }
    keys.iter()
        .map(|t| {
            let band = bounds
                .iter()
                .position(|b| match b {
                    Some(b) => cmp(t, b) == Ordering::Less,
                    None => true,
                })
                .unwrap_or(bounds.len());
            (t.2, band)
        })
        .collect()
}

/// How many of `n` ranked customers fall before cumulative cut `cum_pct` (fractions round up).
pub(crate) fn band_of_rank_count(n: usize, cum_pct: f64) -> usize {
    ranks_before_fast(n, cum_pct)
}

/// [`ranks_before`] in O(1): the smallest rank not below the cut.
fn ranks_before_fast(n: usize, cum_pct: f64) -> usize {
    const EPS: f64 = 1e-9;
    let x = cum_pct / 100.0 * n as f64 - EPS;
    if x <= 0.0 {
        0
    } else {
        (x.ceil() as usize).min(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The radix-then-runs order of ids is the stable comparison sort's: ids that share their
    /// first 8 bytes or more, are prefixes of each other, repeat, are empty or not ASCII.
    #[test]
    fn ids_in_order_is_the_comparison_sort() {
        let stems = [
            "CUST-000",
            "CUST-0001",
            "C",
            "",
            "客户",
            "customer",
            "CUST-00",
            "Z\u{0}",
        ];
        let mut next = crate::test_rng::xorshift(99);
        let customers: Vec<Customer> = (0..3000)
            .map(|_| Customer {
                id: format!(
                    "{}{}",
                    stems[(next() % stems.len() as u64) as usize],
                    if next().is_multiple_of(4) {
                        String::new()
                    } else {
                        (next() % 50).to_string()
                    }
                ),
                ..Default::default()
            })
            .collect();
        let mut want: Vec<u32> = (0..customers.len() as u32).collect();
        want.sort_by(|&a, &b| customers[a as usize].id.cmp(&customers[b as usize].id));
        assert_eq!(ids_in_order(&customers), want);
    }

    #[test]
    fn categories_are_the_sorted_distinct_labels_and_each_customers_place() {
        // Labels met out of order, repeated, missing, differing only in case or by a prefix.
        let words = [
            "West", "east", "East", "", "Eas", "Nord", "west", "Öst", "北", "East",
        ];
        let customers: Vec<Customer> = (0..500usize)
            .map(|i| {
                let mut c = Customer {
                    id: format!("C{i}"),
                    sales: 1.0,
                    ..Default::default()
                };
                if i % 7 != 3 {
                    c.attrs_mut().region = Some(words[(i * 13 + i / 5) % words.len()].into());
                }
                c
            })
            .collect();
        let ds = Dataset::new(customers, Vec::new(), None);
        fn get(c: &Customer) -> Option<&String> {
            c.attrs().region.as_ref()
        }
        let got = Categories::new(&ds, get);
        // What it computes: every label copied, sorted and deduplicated, then searched.
        let mut labels: Vec<String> = ds
            .customers
            .iter()
            .filter_map(|c| get(c).cloned())
            .collect();
        labels.sort();
        labels.dedup();
        let ids: Vec<u32> = ds
            .customers
            .iter()
            .map(|c| {
                get(c).map_or(Categories::NONE, |v| {
                    labels.binary_search(v).unwrap() as u32
                })
            })
            .collect();
        assert_eq!(got.labels, labels);
        assert_eq!(got.ids, ids);
        let none = Dataset::new(vec![Customer::default(); 3], Vec::new(), None);
        let empty = Categories::new(&none, get);
        assert!(empty.labels.is_empty() && empty.ids.is_empty());
    }

    #[test]
    fn attribute_fields_are_exactly_the_ones_read_from_the_attributes() {
        let mut c = Customer::default();
        let a = c.attrs_mut();
        (a.avg_days_late, a.on_time_share, a.overdue_amount) = (Some(1.0), Some(1.0), Some(1.0));
        (a.overdue_days, a.credit_rating, a.share_of_wallet) = (Some(1.0), Some(1.0), Some(1.0));
        (a.upcoming_volume, a.close_probability) = (Some(1.0), Some(1.0));
        a.expected_close = chrono::NaiveDate::from_ymd_opt(2025, 1, 1);
        (a.prospects_rating, a.difficulty, a.financial_status) = (Some(1.0), Some(1.0), Some(1.0));
        (a.attitude, a.loyalty) = (Some(1.0), Some(1.0));
        (a.owner, a.region, a.industry) = (Some("o".into()), Some("r".into()), Some("i".into()));
        c.sales = 0.0;
        for f in TRACKED {
            assert_eq!(has_field(&c, f), is_attribute(f), "{f:?}");
        }
    }

    #[test]
    fn a_log_without_attributes_gives_the_results_of_one_with_empty_attributes() {
        // Customers of a bare log carry no attributes, so the index never builds the 14
        // attribute columns; boxing empty attributes on every customer takes the other path.
        let mut text = String::from("Customer,Date,Amount,Profit,Product\n");
        for i in 0..600u32 {
            let (c, day, amount) = (i * 7 % 97, i % 28 + 1, (i * 37 % 500) as f64 + 0.25);
            let month = if i % 3 == 0 { 2024 } else { 2025 };
            let profit = amount * f64::from(i % 9) / 20.0 - 5.0;
            text.push_str(&format!(
                "C{c},{month}-0{}-{day:02},{amount},{profit:.2},P{}\n",
                i % 9 + 1,
                i % 5
            ));
        }
        let log = crate::import::import_csv("log.csv", text.as_bytes()).expect("import");
        assert_eq!(log.customers.len(), 97);
        assert!(log.customers.iter().all(|c| !c.has_attributes()));
        let (bare, _) = crate::import::join::join(None, Some(&log));
        let mut boxed = bare.clone();
        for c in boxed.customers.make_mut() {
            c.attrs_mut();
        }
        assert!(boxed.customers.iter().all(Customer::has_attributes));
        let s = crate::Settings::default();
        let a = format!("{:?}", crate::classify::run_all(&Prepared::new(bare), &s));
        let b = format!("{:?}", crate::classify::run_all(&Prepared::new(boxed), &s));
        assert!(a == b, "results differ");
    }

    #[test]
    fn dropping_the_columns_no_customer_has_changes_no_result() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/sample/");
        for (file, other) in [
            ("orders.csv", "customers.csv"),
            ("customers.csv", "orders.csv"),
        ] {
            let read = |f: &str| std::fs::read(format!("{root}{f}")).expect("sample");
            let one = crate::import::import_csv(file, &read(file)).expect("import");
            let both = crate::import::import_csv(other, &read(other)).expect("import");
            for (master, log) in [
                (None, Some(&one)),
                (Some(&one), None),
                (Some(&both), Some(&one)),
            ] {
                let (ds, _) = crate::import::join::join(master, log);
                let dropped = Prepared::new(ds);
                let mut full = dropped.clone();
                full.index.col = Columns::extract(&full.ds.customers).0;
                let s = crate::Settings::default();
                let a = format!("{:?}", crate::classify::run_all(&dropped, &s));
                let b = format!("{:?}", crate::classify::run_all(&full, &s));
                assert!(
                    a == b,
                    "{file}: results differ with the absent columns dropped"
                );
            }
        }
        // The order log alone has no credit rating, share of wallet or close probability.
        let log = crate::import::import_csv(
            "orders.csv",
            &std::fs::read(format!("{root}orders.csv")).expect("sample"),
        )
        .expect("import");
        let (ds, _) = crate::import::join::join(None, Some(&log));
        let p = Prepared::new(ds);
        let c = &p.index.col;
        assert!(c.credit.is_empty() && c.share.is_empty() && c.probability.is_empty());
        assert!(c.credit[3].is_nan() && c.sales.len() == p.ds.len());
    }

    /// Ranks along a sorted column are `pct_rank`'s of the figures (or of their negation),
    /// bit for bit, for any part of the customers: ties, -0.0 beside 0.0, missing values;
    /// and the order a rank was computed in is the order `Sorted::new` gives the ranks.
    #[test]
    fn ranks_along_a_sorted_column_are_pct_rank() {
        let mut next = crate::test_rng::xorshift(0x0123_4567_89AB_CDEF);
        for n in [0usize, 1, 2, 7, 300, 5_000] {
            let values: Vec<f64> = (0..n)
                .map(|_| match next() % 6 {
                    0 => f64::NAN,
                    1 => 0.0,
                    2 => -0.0,
                    3 => (next() % 9) as f64 - 4.0,
                    _ => (next() % 1_000_000) as f64 / 100.0 - 2_000.0,
                })
                .collect();
            let keep: Vec<bool> = (0..n).map(|_| !next().is_multiple_of(3)).collect();
            let sorted = Sorted::new(values.iter().copied());
            for descending in [false, true] {
                for filtered in [false, true] {
                    let sign = if descending { -1.0 } else { 1.0 };
                    let want = pct_rank(
                        &(0..n)
                            .map(|i| {
                                if filtered && !keep[i] {
                                    f64::NAN
                                } else {
                                    sign * values[i]
                                }
                            })
                            .collect::<Vec<f64>>(),
                    );
                    let got = pct_rank_along(
                        sorted.by(&values, 1.0),
                        |i| !filtered || keep[i],
                        descending,
                        n,
                    );
                    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
                    assert_eq!(
                        bits(&got),
                        bits(&want),
                        "n {n} desc {descending} part {filtered}"
                    );
                }
            }
            let (ranks, asc) = pct_rank_ordered(&values);
            assert_eq!(
                Sorted::from_ascending(asc, &ranks).idx,
                Sorted::new(ranks.iter().copied()).idx,
                "n {n}"
            );
        }
    }

    #[test]
    fn pct_rank_mid_ranks_ties() {
        let v = [10.0, f64::NAN, 30.0, 20.0, 20.0, 40.0];
        // Sorted: 10 (0), 20 20 (1,2 → 1.5), 30 (3), 40 (4); m − 1 = 4.
        let p = pct_rank(&v);
        assert_eq!(p[0], 0.0);
        assert!(p[1].is_nan());
        assert_eq!(p[2], 75.0);
        assert_eq!(p[3], 37.5);
        assert_eq!(p[4], 37.5);
        assert_eq!(p[5], 100.0);
        assert_eq!(pct_rank(&[7.0]), vec![50.0]);
    }

    #[test]
    fn min_max_scales_and_handles_constant() {
        assert_eq!(min_max(&[2.0, 4.0, 6.0]), vec![0.0, 50.0, 100.0]);
        assert_eq!(min_max(&[3.0, 3.0]), vec![50.0, 50.0]);
    }

    #[test]
    fn band_of_rank_rounds_fractional_cuts_up() {
        // 250 × 5% = 12.5 → ranks 0..=12 in band 0.
        assert_eq!(band_of_rank(12, 250, &[5.0, 20.0]), 0);
        assert_eq!(band_of_rank(13, 250, &[5.0, 20.0]), 1);
        assert_eq!(band_of_rank(50, 250, &[5.0, 20.0]), 2);
        assert_eq!(ranks_before(250, 5.0), 13);
        assert_eq!(ranks_before_fast(250, 5.0), 13);
        assert_eq!(ranks_before_fast(100, 5.0), 5);
        assert_eq!(ranks_before(100, 5.0), 5);
    }

    #[test]
    fn select_bands_match_a_sort() {
        let raw = [5.0, 9.0, 9.0, 1.0, 7.0, 3.0, 8.0, 2.0, 6.0, 4.0];
        let mut keys: Vec<(f64, u32, u32)> = raw
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32, i as u32))
            .collect();
        let cuts = [10.0, 35.0, 70.0];
        let mut got = bands_by_select(&mut keys, &cuts);
        got.sort();
        // Ranked: 9(1) 9(2) 8 7 6 5 4 3 2 1; bands: rank 0 → 0; 1..=3 → 1; 4..=6 → 2; 7.. → 3.
        let expected = [2, 0, 1, 3, 1, 3, 1, 3, 2, 2];
        for (item, band) in got {
            assert_eq!(band, expected[item as usize], "item {item}");
        }
    }
}

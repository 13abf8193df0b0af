//! Everything a method needs that does not depend on the settings, computed once per dataset:
//! orderings, percentile ranks, normalised score criteria, category ids and column presence.
//! A settings change then costs O(n) per method.

use crate::import::Field;
use crate::model::{Customer, Dataset};
use std::cmp::Ordering;

/// A dataset with its precomputed index. Build it once when the data changes (or the owner
/// filter changes); pass it to [`crate::classify::run_all`] on every settings change.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub ds: Dataset,
    pub index: Index,
}

impl Prepared {
    pub fn new(ds: Dataset) -> Prepared {
        let index = Index::new(&ds);
        Prepared { ds, index }
    }

    /// One rep's customers (method 14), prepared on their own.
    pub fn for_owner(&self, owner: &str) -> Prepared {
        Prepared::new(self.ds.filter_owner(owner))
    }

    pub fn has(&self, f: Field) -> bool {
        self.index.has(f)
    }
}

/// Score criteria sources that are normalised individually (see [`crate::classify::score`]).
pub(crate) const SUBS: usize = 9;
pub(crate) const SUB_DAYS_LATE: usize = 0;
pub(crate) const SUB_ON_TIME: usize = 1;
pub(crate) const SUB_RATING: usize = 2;
pub(crate) const SUB_SALES: usize = 3;
pub(crate) const SUB_PROSPECTS: usize = 4;
pub(crate) const SUB_PROFIT: usize = 5;
pub(crate) const SUB_LOYALTY: usize = 6;
pub(crate) const SUB_ATTITUDE: usize = 7;
pub(crate) const SUB_GROWTH: usize = 8;

/// Distinct values of a text column, with each customer's value as an id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Categories {
    /// Sorted labels.
    pub labels: Vec<String>,
    /// Per customer: index into `labels`, or `None`.
    pub ids: Vec<Option<u32>>,
}

impl Categories {
    fn new(ds: &Dataset, get: impl Fn(&Customer) -> Option<&String>) -> Categories {
        let mut labels: Vec<String> = ds
            .customers
            .iter()
            .filter_map(|c| get(c).cloned())
            .collect();
        labels.sort();
        labels.dedup();
        let ids = ds
            .customers
            .iter()
            .map(|c| get(c).and_then(|v| labels.binary_search(v).ok().map(|k| k as u32)))
            .collect();
        Categories { labels, ids }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Bit `f as u32` set when at least one customer has field `f`.
    present: u64,
    /// Per customer: its position when customers are sorted by id (the universal tie-break).
    pub id_rank: Vec<u32>,
    /// Existing customers with a profit figure, by profit descending, then id.
    pub existing_by_profit: Vec<u32>,
    /// Existing customers with a growth rate, by growth descending, then id.
    pub by_growth: Vec<u32>,
    /// Existing customers with share of wallet and upcoming volume, by wallet gap
    /// ((1 − share) × volume) descending, then id.
    pub by_wallet_gap: Vec<u32>,
    /// Upcoming volumes of the customers that have both share of wallet and a volume, ascending.
    pub wallet_volumes: Vec<f64>,
    /// Per customer, percentile rank (0–100) of sales among existing customers; NaN otherwise.
    pub sales_pct: Vec<f64>,
    /// Per customer, percentile rank (0–100) of upcoming volume among potential customers.
    pub forecast_pct: Vec<f64>,
    /// `criteria[mode][criterion][customer]`: the score criteria, 0–100 (mode 0 min-max, mode 1
    /// percentile rank), inverted criteria already flipped, NaN when missing.
    pub(crate) criteria: [[Vec<f64>; super::score::CRITERIA]; 2],
    /// 5S: per customer, the composite (mean percentile rank of its group's criteria).
    pub five_s_composite: Vec<f64>,
    /// 5S: customers with a composite, by group (mature first), composite descending, then id.
    pub five_s_order: Vec<u32>,
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
        Field::AvgDaysLate => c.avg_days_late.is_some(),
        Field::OnTimeShare => c.on_time_share.is_some(),
        Field::OverdueAmount => c.overdue_amount.is_some(),
        Field::OverdueDays => c.overdue_days.is_some(),
        Field::CreditRating => c.credit_rating.is_some(),
        Field::ShareOfWallet => c.share_of_wallet.is_some(),
        Field::UpcomingVolume => c.upcoming_volume.is_some(),
        Field::CloseProbability => c.close_probability.is_some(),
        Field::ExpectedClose => c.expected_close.is_some(),
        Field::Prospects => c.prospects_rating.is_some(),
        Field::Difficulty => c.difficulty.is_some(),
        Field::FinancialStatus => c.financial_status.is_some(),
        Field::Growth => c.growth.is_some(),
        Field::Attitude => c.attitude.is_some(),
        Field::Loyalty => c.loyalty.is_some(),
        Field::Owner => c.owner.is_some(),
        Field::Region => c.region.is_some(),
        Field::Industry => c.industry.is_some(),
        Field::Product => !c.products.is_empty(),
        Field::Date | Field::Cost | Field::DueDate | Field::PaidDate | Field::Status => false,
    }
}

fn finite(v: Option<f64>) -> f64 {
    match v {
        Some(x) if x.is_finite() => x,
        _ => f64::NAN,
    }
}

impl Index {
    pub fn new(ds: &Dataset) -> Index {
        let cs = &ds.customers;
        let n = cs.len();
        let mut present = 0u64;
        for f in TRACKED {
            if cs.iter().any(|c| has_field(c, f)) {
                present |= 1 << (f as u32);
            }
        }

        let mut by_id: Vec<u32> = (0..n as u32).collect();
        by_id.sort_by(|&a, &b| cs[a as usize].id.cmp(&cs[b as usize].id));
        let mut id_rank = vec![0u32; n];
        for (r, &i) in by_id.iter().enumerate() {
            id_rank[i as usize] = r as u32;
        }

        let existing: Vec<u32> = ds.existing_by_sales.clone();
        let existing_by_profit = order_desc(&existing, &id_rank, |i| finite(cs[i].profit));
        let by_growth = order_desc(&existing, &id_rank, |i| finite(cs[i].growth));
        let by_wallet_gap = order_desc(&existing, &id_rank, |i| wallet_gap(&cs[i]));
        let mut wallet_volumes: Vec<f64> = cs
            .iter()
            .filter(|c| finite(c.share_of_wallet).is_finite())
            .map(|c| finite(c.upcoming_volume))
            .filter(|v| v.is_finite())
            .collect();
        wallet_volumes.sort_by(f64::total_cmp);

        let sales_raw: Vec<f64> = cs
            .iter()
            .map(|c| {
                if c.is_existing() && c.sales.is_finite() {
                    c.sales
                } else {
                    f64::NAN
                }
            })
            .collect();
        let sales_pct = pct_rank(&sales_raw);
        let forecast_raw: Vec<f64> = cs
            .iter()
            .map(|c| {
                if c.is_existing() {
                    f64::NAN
                } else {
                    finite(c.upcoming_volume)
                }
            })
            .collect();
        let forecast_pct = pct_rank(&forecast_raw);

        let raw: [Vec<f64>; SUBS] = [
            cs.iter().map(|c| finite(c.avg_days_late)).collect(),
            cs.iter().map(|c| finite(c.on_time_share)).collect(),
            cs.iter().map(|c| finite(c.credit_rating)).collect(),
            sales_raw.clone(),
            cs.iter().map(|c| finite(c.prospects_rating)).collect(),
            cs.iter().map(|c| finite(c.profit)).collect(),
            cs.iter().map(|c| finite(c.loyalty)).collect(),
            cs.iter().map(|c| finite(c.attitude)).collect(),
            cs.iter().map(|c| finite(c.growth)).collect(),
        ];
        // `subs[mode][source][customer]`: each score source normalised on its own.
        let mut subs: [[Vec<f64>; SUBS]; 2] = Default::default();
        for (k, values) in raw.iter().enumerate() {
            let mut mm = min_max(values);
            let mut pr = pct_rank(values);
            if k == SUB_DAYS_LATE {
                // Fewer days late is better.
                for v in mm.iter_mut().chain(pr.iter_mut()) {
                    *v = 100.0 - *v;
                }
            }
            subs[0][k] = mm;
            subs[1][k] = pr;
        }

        let criteria = super::score::criteria_columns(&subs);
        let (five_s_composite, five_s_order) =
            five_s_composite(ds, &id_rank, &sales_pct, &forecast_pct);

        Index {
            present,
            id_rank,
            existing_by_profit,
            by_growth,
            by_wallet_gap,
            wallet_volumes,
            sales_pct,
            forecast_pct,
            criteria,
            five_s_composite,
            five_s_order,
            region: Categories::new(ds, |c| c.region.as_ref()),
            industry: Categories::new(ds, |c| c.industry.as_ref()),
            owner: Categories::new(ds, |c| c.owner.as_ref()),
        }
    }

    /// Does any customer carry field `f`?
    pub fn has(&self, f: Field) -> bool {
        TRACKED.contains(&f) && self.present & (1 << (f as u32)) != 0
    }
}

pub(crate) fn wallet_gap(c: &Customer) -> f64 {
    let (s, v) = (finite(c.share_of_wallet), finite(c.upcoming_volume));
    (1.0 - s.clamp(0.0, 1.0)) * v
}

/// The 5S sort composite. Mature (existing) customers: sales, payment speed (days late
/// inverted, else on-time share) and growth space, as percentile ranks among existing
/// customers. Potential customers: forecast volume, ease (difficulty inverted) and financial
/// status. The composite is the mean of the criteria the customer has.
fn five_s_composite(
    ds: &Dataset,
    id_rank: &[u32],
    sales_pct: &[f64],
    forecast_pct: &[f64],
) -> (Vec<f64>, Vec<u32>) {
    let cs = &ds.customers;
    let only = |mature: bool, v: Option<f64>, c: &Customer| {
        if c.is_existing() == mature {
            finite(v)
        } else {
            f64::NAN
        }
    };
    let late: Vec<f64> = cs
        .iter()
        .map(|c| only(true, c.avg_days_late.map(|d| -d), c))
        .collect();
    let on_time: Vec<f64> = cs.iter().map(|c| only(true, c.on_time_share, c)).collect();
    let growth: Vec<f64> = cs.iter().map(|c| only(true, c.growth, c)).collect();
    let ease: Vec<f64> = cs
        .iter()
        .map(|c| only(false, c.difficulty.map(|d| -d), c))
        .collect();
    let fin: Vec<f64> = cs
        .iter()
        .map(|c| only(false, c.financial_status, c))
        .collect();
    let (late, on_time, growth, ease, fin) = (
        pct_rank(&late),
        pct_rank(&on_time),
        pct_rank(&growth),
        pct_rank(&ease),
        pct_rank(&fin),
    );
    let composite: Vec<f64> = (0..cs.len())
        .map(|i| {
            let speed = if late[i].is_finite() {
                late[i]
            } else {
                on_time[i]
            };
            let parts = if cs[i].is_existing() {
                [sales_pct[i], speed, growth[i]]
            } else {
                [forecast_pct[i], ease[i], fin[i]]
            };
            mean_finite(&parts)
        })
        .collect();
    let mut order: Vec<u32> = (0..cs.len() as u32)
        .filter(|&i| composite[i as usize].is_finite())
        .collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&cs[a as usize], &cs[b as usize]);
        cb.is_existing()
            .cmp(&ca.is_existing())
            .then(composite[b as usize].total_cmp(&composite[a as usize]))
            .then(id_rank[a as usize].cmp(&id_rank[b as usize]))
    });
    (composite, order)
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
    candidates: &[u32],
    id_rank: &[u32],
    key: impl Fn(usize) -> f64,
) -> Vec<u32> {
    let mut v: Vec<(f64, u32, u32)> = candidates
        .iter()
        .map(|&i| (key(i as usize), id_rank[i as usize], i))
        .filter(|t| t.0.is_finite())
        .collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().map(|t| t.2).collect()
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
    let mut idx: Vec<usize> = (0..values.len())
        .filter(|&i| values[i].is_finite())
        .collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let m = idx.len();
    let mut out = vec![f64::NAN; values.len()];
    let mut lo = 0;
    while lo < m {
        let mut hi = lo;
        while hi + 1 < m && values[idx[hi + 1]] == values[idx[lo]] {
            hi += 1;
        }
        let p = if m == 1 {
            50.0
        } else {
            (lo + hi) as f64 / 2.0 / (m - 1) as f64 * 100.0
        };
        for &i in &idx[lo..=hi] {
            out[i] = p;
        }
        lo = hi + 1;
    }
    out
}

/// Band of the customer at `rank` (0-based) of `n` ranked customers, given cumulative cut
/// percentages: band `k` while `rank < cum[k] % × n`; the last band otherwise. A fractional
/// cut rounds up (250 × 5% = 12.5 → ranks 0..=12).
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

//! Properties over generated datasets, and ABC and value tiers on 100 000 customers checked
//! against a straightforward independent computation.

use super::prepared::Prepared;
use super::{abc, potential, run_all, score, staffing, tiers, wallet, Class};
use crate::model::{Customer, Dataset};
use crate::settings::{
    AbcSettings, CutMode, PotentialSettings, ScoreSettings, Settings, StaffingSettings,
    TierSettings, WalletSettings,
};
use proptest::prelude::*;

type Row = (
    i32,
    Option<i16>,
    Option<i8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u16>,
    Option<u8>,
    Option<u8>,
    Option<u16>,
    Option<u8>,
    Option<u8>,
);

fn customer(k: usize, r: &Row) -> Customer {
    let &(sales, profit, growth, late, prob, share, volume, prospects, owner, overdue, credit, fin) =
        r;
    Customer {
        id: format!("c{k:05}"),
        sales: f64::from(sales),
        orders: Some(u32::from(sales != 0) * (1 + (sales.unsigned_abs() % 7))),
        // Days since the last order from the days-late figure, so RFM has a recency.
        last_order: late.and_then(|d| {
            chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
                .map(|t| t - chrono::Duration::days(i64::from(d) * 3))
        }),
        profit: profit.map(f64::from),
        growth: growth.map(|g| f64::from(g) / 100.0),
        attrs: crate::model::Attributes {
            avg_days_late: late.map(f64::from),
            close_probability: prob.map(|p| f64::from(p.min(100)) / 100.0),
            share_of_wallet: share.map(|s| f64::from(s.min(100)) / 100.0),
            upcoming_volume: volume.map(f64::from),
            prospects_rating: prospects.map(|p| f64::from(p.min(100))),
            owner: owner.map(|o| format!("rep{}", o % 4)),
            overdue_amount: overdue.map(|o| f64::from(o % 300)),
            credit_rating: credit.map(|c| f64::from(c.min(100))),
            financial_status: fin.map(|f| f64::from(f.min(100))),
            on_time_share: share.map(|s| 1.0 - f64::from(s.min(100)) / 100.0),
            difficulty: prospects.map(|p| f64::from(100 - p.min(100))),
            ..Default::default()
        }
        .into(),
        // Correlated with other columns, but enough to exercise the rules.
        products: match owner {
            Some(o) => (0..u32::from(o % 5))
                .map(|k| (k * 7 + u32::from(o)) % 6)
                .collect::<std::collections::BTreeSet<u32>>()
                .into_iter()
                .collect(),
            None => Vec::new(),
        },
        ..Default::default()
    }
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let sales = prop_oneof![Just(0), -50..0i32, 1..2000i32, Just(100)];
    prop::collection::vec(
        (
            sales,
            proptest::option::of(-300..800i16),
            proptest::option::of(-50..100i8),
            proptest::option::of(0..120u8),
            proptest::option::of(0..=100u8),
            proptest::option::of(0..=100u8),
            proptest::option::of(0..5000u16),
            proptest::option::of(0..=100u8),
            proptest::option::of(any::<u8>()),
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u8>()),
            proptest::option::of(any::<u8>()),
        ),
        0..60,
    )
}

fn prepared(rows: &[Row]) -> Prepared {
    let cs = rows
        .iter()
        .enumerate()
        .map(|(k, r)| customer(k, r))
        .collect();
    let products = (0..6).map(|k| format!("p{k}")).collect();
    Prepared::new(Dataset::new(cs, products, None))
}

/// Counts per class match the per-customer classes, and no class is outside the list.
fn partitions<C: Class>(class: &[Option<C>], counts: &[usize]) -> bool {
    let mut seen = vec![0; C::ALL.len()];
    for c in class.iter().flatten() {
        seen[c.index()] += 1;
    }
    seen == counts
}

/// `after` is never a better class (lower index) than `before`.
fn never_up<C: Class>(before: &[Option<C>], after: &[Option<C>]) -> bool {
    before.iter().zip(after).all(|(b, a)| match (b, a) {
        (Some(b), Some(a)) => a.index() >= b.index(),
        _ => true,
    })
}

proptest! {
    #[test]
    fn classes_partition_the_customers(rows in rows()) {
        let p = prepared(&rows);
        let all = run_all(&p, &Settings::default());
        let n = p.ds.len();
        prop_assert!(partitions(&all.deal.class, &all.deal.counts));
        prop_assert_eq!(all.deal.counts.iter().sum::<usize>(), n);
        prop_assert!(partitions(&all.abc.class, &all.abc.counts));
        prop_assert_eq!(all.abc.counts.iter().sum::<usize>(), p.ds.existing_count());
        let t = all.tiers.as_ref().unwrap();
        prop_assert!(partitions(&t.tier, &t.counts));
        prop_assert_eq!(t.counts.iter().sum::<usize>(), p.ds.existing_count());
        if let Ok(v) = &all.value {
            prop_assert!(partitions(&v.class, &v.counts));
            prop_assert_eq!(v.counts.iter().sum::<usize>() + v.unclassed, p.ds.existing_count());
        }
        if let Ok(w) = &all.wallet {
            prop_assert!(partitions(&w.class, &w.counts));
            prop_assert_eq!(w.counts.iter().sum::<usize>() + w.unclassed, n);
        }
        if let Ok(s) = &all.score {
            prop_assert!(partitions(&s.band, &s.counts));
            prop_assert_eq!(s.counts.iter().sum::<usize>() + s.unclassed, n);
        }
        if let Ok(py) = &all.pyramid {
            prop_assert!(partitions(&py.class, &py.counts));
        }
        if let Ok(pt) = &all.potential {
            prop_assert!(partitions(&pt.class, &pt.counts));
            prop_assert_eq!(pt.counts.iter().sum::<usize>() + pt.unclassed, p.ds.potential_count());
        }
        let f = &all.five_s;
        prop_assert!(partitions(&f.class, &f.counts));
        prop_assert_eq!(f.counts.iter().sum::<usize>() + f.unclassed, n);
        // Released never exceeds the share asked for, per class.
        for k in 0..6 {
            prop_assert!(f.released_counts[k] as f64 <= f.counts[k] as f64 * 0.2 + 1e-9);
        }
        if let Ok(t) = &all.crosstab {
            prop_assert_eq!(t.counts.iter().flatten().sum::<usize>(), n);
        }
    }

    #[test]
    fn raising_a_threshold_never_moves_a_customer_up(rows in rows(), bump in 0.0..40.0f64, base in 0.0..60.0f64) {
        let p = prepared(&rows);
        // ABC: a smaller A share (a higher bar for A) and a smaller B share.
        let lo = abc::classify(&p.ds, &AbcSettings { a_pct: 90.0 - bump, b_pct: 8.0 });
        let hi = abc::classify(&p.ds, &AbcSettings { a_pct: 60.0 - bump, b_pct: 5.0 });
        prop_assert!(never_up(&lo.class, &hi.class));
        // Tiers on absolute amounts.
        let t = |m: f64| TierSettings { cut: CutMode::Absolute, vip_min: 1500.0 + m, large_min: 800.0 + m, medium_min: 200.0 + m, ..Default::default() };
        let a = tiers::classify_prepared(&p, &t(base), None).unwrap();
        let b = tiers::classify_prepared(&p, &t(base + bump), None).unwrap();
        prop_assert!(never_up(&a.tier, &b.tier));
        // Tiers on percentiles: smaller shares.
        let t = |d: f64| TierSettings { vip_pct: (10.0 - d / 4.0).max(0.0), large_pct: 20.0 - d / 4.0, medium_pct: 30.0 - d / 4.0, ..Default::default() };
        let a = tiers::classify_prepared(&p, &t(0.0), None).unwrap();
        let b = tiers::classify_prepared(&p, &t(bump), None).unwrap();
        prop_assert!(never_up(&a.tier, &b.tier));
        // Potential: higher probability cut-offs.
        let ps = |m: f64| PotentialSettings { a_pct: 60.0 + m, b_pct: 40.0 + m / 2.0, c_pct: 20.0 + m / 4.0, ..Default::default() };
        if let (Ok(a), Ok(b)) = (potential::classify(&p, &ps(0.0)), potential::classify(&p, &ps(bump))) {
            prop_assert!(never_up(&a.class, &b.class));
        }
        // Score bands: higher band lines.
        let ss = |m: f64| ScoreSettings { a_min: 60.0 + m, b_min: 40.0 + m, c_min: 20.0 + m, ..Default::default() };
        if let (Ok(a), Ok(b)) = (score::classify(&p, &ss(0.0)), score::classify(&p, &ss(bump))) {
            prop_assert!(never_up(&a.band, &b.band));
        }
        // Wallet: higher split lines never make a customer "high share" or "big volume".
        let ws = |m: f64| WalletSettings { share_split_pct: 30.0 + m, volume_cut: CutMode::Absolute, volume_amount: 1000.0 + 50.0 * m, ..Default::default() };
        if let (Ok(a), Ok(b)) = (wallet::classify(&p, &ws(0.0)), wallet::classify(&p, &ws(bump))) {
            use wallet::Quadrant::*;
            for (x, y) in a.class.iter().zip(&b.class) {
                if let (Some(x), Some(y)) = (x, y) {
                    let high = |q: &wallet::Quadrant| matches!(q, KeepClose | Maintain);
                    let big = |q: &wallet::Quadrant| matches!(q, KeepClose | Develop);
                    // Whoever is high or big after the lines rose was so before.
                    prop_assert!((high(x) || !high(y)) && (big(x) || !big(y)));
                }
            }
        }
    }

    #[test]
    fn sorted_flags_equal_the_per_customer_rules(rows in rows(), t in 0.0..80.0f64, k in 1u8..=3) {
        use crate::settings::{FiveSSettings, RiskSettings};
        let p = prepared(&rows);
        let fs = FiveSSettings { tiny_sales_pct: t / 2.0, slow_days_late: t, low_growth_pct: t - 40.0, potential_suspend_signals: k, hard_difficulty: t, ..Default::default() }.normalized();
        let r = super::five_s::classify(&p, &fs);
        for i in 0..p.ds.len() {
            prop_assert_eq!(r.flags[i], super::five_s::flags_of(&p, &fs, i));
        }
        let tr = tiers::classify_prepared(&p, &TierSettings::default(), None).unwrap();
        let rs = RiskSettings { late_days: t, decline_pct: t - 50.0, credit_min: t, overdue_days: t, top_n: 5, ..Default::default() }.normalized();
        let r = super::risk::classify(&p, &rs, Some(&tr), 0.0, None);
        for i in 0..p.ds.len() {
            prop_assert_eq!(r.flags[i], super::risk::flags(&p, &rs, Some(&tr), 0.0, i));
        }
        // The riskiest are the flagged customers with the most flags, by a full sort.
        let mut all: Vec<usize> = (0..p.ds.len()).filter(|&i| r.flags[i] != 0).collect();
        all.sort_by(|&a, &b| {
            let key = |i: usize| (r.flags[i].count_ones(), p.ds.customers[i].attrs().overdue_amount.unwrap_or(0.0), p.ds.customers[i].sales);
            let (ka, kb) = (key(a), key(b));
            kb.0.cmp(&ka.0).then(kb.1.total_cmp(&ka.1)).then(kb.2.total_cmp(&ka.2)).then(p.ds.customers[a].id.cmp(&p.ds.customers[b].id))
        });
        all.truncate(5);
        prop_assert_eq!(r.riskiest.iter().map(|&i| i as usize).collect::<Vec<_>>(), all);
    }

    #[test]
    fn weights_always_sum_to_100(raw in prop::array::uniform7(-50.0..200.0f64), present in prop::array::uniform7(any::<bool>())) {
        let w = score::effective_weights(raw, present);
        let sum: f64 = w.iter().sum();
        if present.iter().any(|&p| p) {
            prop_assert!((sum - 100.0).abs() < 1e-9, "sum {}", sum);
        } else {
            prop_assert_eq!(sum, 0.0);
        }
        for k in 0..7 {
            prop_assert!(w[k] >= 0.0);
            prop_assert!(present[k] || w[k] == 0.0);
        }
    }

    #[test]
    fn per_customer_breakdown_weights_sum_to_100(rows in rows()) {
        let p = prepared(&rows);
        if let Ok(r) = score::classify(&p, &ScoreSettings::default()) {
            for i in 0..p.ds.len() {
                let b = score::breakdown(&p, &ScoreSettings::default(), &r, i);
                let w: f64 = b.iter().map(|c| c.weight).sum();
                let pts: f64 = b.iter().map(|c| c.points).sum();
                if r.score[i].is_finite() {
                    prop_assert!((w - 100.0).abs() < 1e-9);
                    prop_assert!((pts - r.score[i]).abs() < 1e-9);
                } else {
                    // Not scored: no criterion known (no weight), or known criteria carrying
                    // less than the minimum coverage (their weights, renormalised, still 100).
                    prop_assert!(w == 0.0 || (w - 100.0).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn staffing_total_is_the_sum_over_classes(rows in rows(), a in 0.1..5.0f64, b in 0.1..10.0f64, c in 0.1..20.0f64) {
        let p = prepared(&rows);
        let r = abc::classify(&p.ds, &AbcSettings::default());
        let plan = staffing::plan(&p, &r, &StaffingSettings { a_per_rep: a, b_per_rep: b, c_per_rep: c, ..Default::default() });
        prop_assert_eq!(plan.total_needed, plan.needed.iter().sum::<u32>());
        for (k, ratio) in [a, b, c].into_iter().enumerate() {
            let need = plan.needed[k] as f64;
            let count = r.counts[k] as f64;
            // The smallest whole number of reps covering the class.
            prop_assert!(need * ratio >= count - 1e-6);
            prop_assert!(count == 0.0 || (need - 1.0) * ratio < count);
        }
        let by_owner: usize = plan.owners.iter().map(|o| o.counts.iter().sum::<usize>()).sum();
        prop_assert_eq!(by_owner + plan.unowned.iter().sum::<usize>(), r.counts.iter().sum::<usize>());
    }

    #[test]
    fn owner_filter_runs_every_method_on_one_reps_customers(rows in rows()) {
        let p = prepared(&rows);
        for owner in p.ds.owners() {
            let q = p.for_owner(&owner);
            prop_assert!(q.ds.customers.iter().all(|c| c.attrs().owner.as_deref() == Some(owner.as_str())));
            let all = run_all(&q, &Settings::default());
            prop_assert_eq!(all.deal.class.len(), q.ds.len());
            prop_assert_eq!(all.abc.counts.iter().sum::<usize>(), q.ds.existing_count());
        }
    }
}

/// A deterministic generator: 100 000 customers, integer sales with ties, some returns
/// (negative), some prospects.
fn big() -> Dataset {
    let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    let cs = (0..100_000)
        .map(|k| {
            let r = next();
            let sales = match r % 20 {
                0 => 0,                           // prospect
                1 => -(((r >> 8) % 500) as i64),  // net returns
                2..=5 => ((r >> 8) % 50) as i64,  // many small, many ties
                _ => ((r >> 8) % 100_000) as i64, // long tail
            };
            Customer {
                // A random prefix, so that id order differs from generation order.
                id: format!("k{:06}-{k:06}", (r >> 20) % 1_000_000),
                sales: sales as f64,
                orders: Some(u32::from(sales != 0)),
                ..Default::default()
            }
        })
        .collect();
    Dataset::new(cs, vec![], None)
}

#[test]
fn abc_and_tiers_on_100k_match_a_naive_computation() {
    let ds = big();
    // Naive: existing customers sorted by sales descending, id ascending.
    let mut order: Vec<usize> = (0..ds.len())
        .filter(|&i| ds.customers[i].sales != 0.0)
        .collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&ds.customers[a], &ds.customers[b]);
        cb.sales
            .partial_cmp(&ca.sales)
            .unwrap()
            .then(ca.id.cmp(&cb.id))
    });
    let n = order.len() as i64;
    assert!(n > 90_000);

    // ABC in integers: A while 100 × (sales before) < 80 × total, B while < 95 × total.
    let total: i64 = order
        .iter()
        .map(|&i| (ds.customers[i].sales as i64).max(0))
        .sum();
    let mut expected = vec![None; ds.len()];
    let mut before = 0i64;
    for &i in &order {
        let s = ds.customers[i].sales as i64;
        expected[i] = Some(if s <= 0 {
            abc::AbcClass::C
        } else if 100 * before < 80 * total {
            abc::AbcClass::A
        } else if 100 * before < 95 * total {
            abc::AbcClass::B
        } else {
            abc::AbcClass::C
        });
        before += s.max(0);
    }
    let got = abc::classify(&ds, &AbcSettings::default());
    assert_eq!(got.class, expected);

    // Tiers in integers: rank r is VIP while 100 r < 5 n, Large while 100 r < 20 n, Medium
    // while 100 r < 50 n.
    let mut expected = vec![None; ds.len()];
    for (r, &i) in order.iter().enumerate() {
        let r = r as i64 * 100;
        expected[i] = Some(if r < 5 * n {
            tiers::Tier::Vip
        } else if r < 20 * n {
            tiers::Tier::Large
        } else if r < 50 * n {
            tiers::Tier::Medium
        } else {
            tiers::Tier::Small
        });
    }
    let got = tiers::classify(&ds, &TierSettings::default());
    assert_eq!(got.tier, expected);
    let p = Prepared::new(ds);
    let via_all = run_all(&p, &Settings::default());
    assert_eq!(via_all.tiers.unwrap().tier, expected);
}

proptest! {
    /// RFM: scores within 1..=bins, equal figures get equal scores, and the segments (with
    /// "others") partition the scored customers.
    #[test]
    fn rfm_scores_are_in_range_and_ties_score_alike(rows in rows(), bins in 3u8..=5, last in any::<bool>()) {
        let p = prepared(&rows);
        let mut s = Settings::default();
        s.rfm.bins = bins;
        s.rfm.last_match_wins = last;
        let all = run_all(&p, &s);
        let Ok(r) = all.rfm.as_ref() else { return Ok(()) };
        prop_assert!(partitions(&r.class, &r.counts));
        let prep = p.prep::<super::methods::rfm::Rfm>();
        let scored: Vec<usize> = (0..p.ds.len()).filter(|&i| r.scores[i].is_some()).collect();
        prop_assert_eq!(scored.len(), r.counts.iter().sum::<usize>());
        for &i in &scored {
            let (a, b, c) = r.scores[i].unwrap();
            prop_assert!((1..=bins).contains(&a) && (1..=bins).contains(&b) && (1..=bins).contains(&c));
            for &j in &scored {
                let (x, y, z) = r.scores[j].unwrap();
                if prep.days[i] == prep.days[j] { prop_assert_eq!(a, x); }
                if prep.orders[i] == prep.orders[j] { prop_assert_eq!(b, y); }
                if prep.sales[i] == prep.sales[j] { prop_assert_eq!(c, z); }
                // Fewer days since the last order never scores lower.
                if prep.days[i] < prep.days[j] { prop_assert!(a >= x); }
            }
        }
    }
}

/// The methods whose results differ (each method's own [`super::MethodDef::same`]).
fn same_results(a: &super::AllResults, b: &super::AllResults) -> bool {
    a.differences(b).is_empty()
}

/// The class column cross-selling looks inside, read as the registry hands it over.
fn class_column(
    all: &super::AllResults,
    source: crate::settings::ClassSource,
) -> Result<(Vec<&'static str>, Vec<Option<u8>>), super::Missing> {
    use super::method::Slots;
    let c = all.class_column(source.method_key()).unwrap()?;
    Ok((c.keys, c.class))
}

fn settings() -> impl Strategy<Value = Settings> {
    use crate::settings::{ClassSource, Dimension, ValueMeasure};
    (
        (60.0..95.0f64, 0.0..20.0f64),
        (
            0.0..20.0f64,
            prop_oneof![
                Just(ValueMeasure::Sales),
                Just(ValueMeasure::Profit),
                Just(ValueMeasure::Score)
            ],
        ),
        (0.0..100.0f64, 0.0..50.0f64),
        (
            0.0..40.0f64,
            prop_oneof![Just(ValueMeasure::Profit), Just(ValueMeasure::Score)],
        ),
        (0.0..60.0f64, 0.0..50.0f64),
        prop_oneof![
            Just(Dimension::Tier),
            Just(Dimension::ScoreBand),
            Just(Dimension::Pyramid),
            Just(Dimension::Region)
        ],
        prop_oneof![
            Just(ClassSource::Tier),
            Just(ClassSource::Pyramid),
            Just(ClassSource::ScoreBand)
        ],
    )
        .prop_map(
            |(
                (a, b),
                (vip, measure),
                (credit, mvc),
                (key, pmeasure),
                (five, risk),
                dim,
                source,
            )| {
                let mut s = Settings::default();
                s.abc.a_pct = a;
                s.abc.b_pct = b;
                s.tiers.vip_pct = vip;
                s.tiers.measure = measure;
                s.score.weights.credit = credit;
                s.value.mvc_pct = mvc;
                s.pyramid.key_pct = key;
                s.pyramid.measure = pmeasure;
                s.five_s.release_pct = five;
                s.risk.late_days = risk;
                s.crosstab.cols = dim;
                s.cross_sell.source = source;
                s
            },
        )
}

proptest! {
    #[test]
    fn cross_selling_by_runs_equals_counting_every_purchase(rows in rows(), a in settings()) {
        use crate::settings::ClassSource;
        let p = prepared(&rows);
        for source in [ClassSource::Abc, ClassSource::Tier] {
            let mut s = a.clone();
            s.cross_sell.source = source;
            s.tiers.measure = crate::settings::ValueMeasure::Profit;
            for measure in [crate::settings::ValueMeasure::Sales, crate::settings::ValueMeasure::Profit] {
                s.tiers.measure = measure;
                let all = run_all(&p, &s);
                match class_column(&all, source) {
                    Ok((keys, class_of)) => {
                        let flat = super::cross_sell::classify(&p, &keys, class_of);
                        prop_assert_eq!(&all.cross_sell, &flat);
                    }
                    Err(m) => prop_assert_eq!(&all.cross_sell, &Err(m)),
                }
            }
        }
    }

    /// Over every registered method (`AllResults::differences` compares each with its own
    /// `same`) and every number and flag of the settings (`perturbed`): a new method and its
    /// settings section are covered without touching this test.
    #[test]
    fn engine_update_equals_a_full_run(
        rows in rows(),
        a in perturbed(),
        b in perturbed(),
        moves in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, 0.0..1.0f64), 1..4),
        nudge_a in any::<bool>(),
    ) {
        // Half the time `b` is `a` with one to three numbers or flags moved, as a slider
        // does: then most methods must be left alone, and those that read the moved
        // setting (or a recomputed method) must not.
        let b = if nudge_a { nudged(&a, &moves) } else { b };
        let p = prepared(&rows);
        let mut e = super::Engine::new(p.clone(), &a);
        e.update(&b);
        let full = run_all(&p, &b);
        prop_assert!(same_results(e.results(), &full), "{:?}", e.results().differences(&full));
    }
}

proptest! {
    /// Explaining customers together gives, for every registered method, what explaining
    /// each alone gives (the methods that override `MethodDef::explain_many` place every
    /// customer at once). Rows in any order, repeated or out of range.
    #[test]
    fn explaining_many_equals_explaining_each(
        rows in rows(),
        s in settings(),
        pins in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        absolute in any::<bool>(),
    ) {
        let p = prepared(&rows);
        let mut s = s;
        s.five_s.pinned = pins
            .iter()
            .filter(|_| !p.ds.is_empty())
            .map(|k| p.ds.customers[k.index(p.ds.len())].id.clone())
            .collect();
        if absolute {
            s.tiers.cut = CutMode::Absolute;
        }
        let engine = super::Engine::new(p.clone(), &s);
        let n = p.ds.len();
        let mut order: Vec<usize> = (0..n).rev().collect();
        order.extend([n, 0, n + 3]);
        let together = engine.explain_rows(&order);
        for (k, &i) in order.iter().enumerate() {
            prop_assert_eq!(&together[k], &engine.explain(i), "customer {}", i);
        }
    }
}

/// Zero and minus zero are the same measure to the tiers' explanation (an equal measure, so
/// the id decides), though the prepared orders tell them apart: explaining together still
/// gives what explaining each gives.
#[test]
fn explaining_many_treats_minus_zero_as_zero() {
    use crate::model::DealStatus;
    use crate::settings::ValueMeasure;
    let figures = [0.0, -0.0, 5.0, 0.0, -0.0, 3.0, -0.0];
    let customers: Vec<Customer> = figures
        .iter()
        .enumerate()
        .map(|(k, &v)| Customer {
            id: format!("c{}", 9 - k),
            status: Some(DealStatus::Closed),
            sales: v,
            profit: Some(-v),
            ..Default::default()
        })
        .collect();
    let p = Prepared::new(Dataset::new(customers, vec![], None));
    for measure in [ValueMeasure::Sales, ValueMeasure::Profit] {
        let mut s = Settings::default();
        s.tiers.measure = measure;
        s.pyramid.measure = measure;
        let engine = super::Engine::new(p.clone(), &s);
        let rows: Vec<usize> = (0..figures.len()).collect();
        let together = engine.explain_rows(&rows);
        for &i in &rows {
            assert_eq!(together[i], engine.explain(i), "{measure:?}, customer {i}");
        }
    }
}

/// The JSON leaves of `v` that [`perturb`] may change.
fn leaves(v: &serde_json::Value) -> usize {
    use serde_json::Value;
    match v {
        Value::Number(_) | Value::Bool(_) => 1,
        Value::Array(a) => a.iter().map(leaves).sum(),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| *k != "version")
            .map(|(_, v)| leaves(v))
            .sum(),
        _ => 0,
    }
}

/// Replaces the numbers and flags of `v` whose pick is 0 (a third of them): a number by one
/// from 0 to about twice its value, a flag by its opposite.
fn perturb(v: &mut serde_json::Value, picks: &[(u8, f64)], k: &mut usize) {
    use serde_json::Value;
    match v {
        Value::Number(n) => {
            let (pick, x) = picks[*k % picks.len()];
            *k += 1;
            if pick == 0 {
                let d = n.as_f64().unwrap_or(0.0);
                let new = x * (d.abs() * 2.0 + 10.0);
                *v = if n.is_f64() {
                    serde_json::json!(new)
                } else {
                    serde_json::json!((x * (d.abs() * 2.0 + 3.0)) as u64)
                };
            }
        }
        Value::Bool(b) => {
            let (pick, _) = picks[*k % picks.len()];
            *k += 1;
            if pick == 0 {
                *b = !*b;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| perturb(x, picks, k)),
        Value::Object(o) => o
            .iter_mut()
            .filter(|(key, _)| *key != "version")
            .for_each(|(_, x)| perturb(x, picks, k)),
        _ => {}
    }
}

/// `s` with the leaves picked by `moves` changed: to a value near the old one, to one from
/// −1000 to 1000 (the scale of the generated figures), or a flag flipped.
fn nudged(s: &Settings, moves: &[(prop::sample::Index, u8, f64)]) -> Settings {
    use serde_json::Value;
    fn walk<'a>(v: &'a mut Value, out: &mut Vec<&'a mut Value>) {
        match v {
            Value::Number(_) | Value::Bool(_) => out.push(v),
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, out)),
            Value::Object(o) => o
                .iter_mut()
                .filter(|(key, _)| *key != "version")
                .for_each(|(_, x)| walk(x, out)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(s).unwrap();
    {
        let mut leaves = Vec::new();
        walk(&mut v, &mut leaves);
        let n = leaves.len();
        for (at, kind, x) in moves {
            let leaf = &mut *leaves[at.index(n)];
            *leaf = match &*leaf {
                Value::Bool(b) => Value::Bool(!b),
                Value::Number(n) if n.is_f64() => {
                    let d = n.as_f64().unwrap_or(0.0);
                    match kind {
                        0 => serde_json::json!(d + (x - 0.5) * (d.abs() + 10.0)),
                        _ => serde_json::json!((x * 2.0 - 1.0) * 1000.0),
                    }
                }
                Value::Number(n) => {
                    serde_json::json!((x * (n.as_f64().unwrap_or(0.0) * 2.0 + 3.0)) as u64)
                }
                other => other.clone(),
            };
        }
    }
    serde_json::from_value::<Settings>(v)
        .unwrap_or_else(|_| s.clone())
        .normalized()
}

/// [`settings`] (which switches the measures, dimensions and class source), with every
/// number and flag of every section perturbed on top.
fn perturbed() -> impl Strategy<Value = Settings> {
    let n = leaves(&serde_json::to_value(Settings::default()).unwrap());
    (settings(), prop::collection::vec((0..3u8, 0.0..1.0f64), n)).prop_map(|(base, picks)| {
        let mut v = serde_json::to_value(&base).unwrap();
        perturb(&mut v, &picks, &mut 0);
        serde_json::from_value::<Settings>(v)
            .unwrap_or(base)
            .normalized()
    })
}

#[test]
fn odd_figures_never_panic() {
    let odd = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1e300,
        -1e300,
        2.5,
    ];
    let customers: Vec<Customer> = (0..64)
        .map(|k| {
            let v = |j: usize| odd[(k + j) % odd.len()];
            Customer {
                id: format!("x{}", k % 7), // duplicate ids on purpose
                sales: v(0),
                profit: Some(v(1)),
                orders: Some(k as u32 % 3),
                growth: Some(v(2)),
                attrs: crate::model::Attributes {
                    avg_days_late: Some(v(3)),
                    on_time_share: Some(v(4)),
                    overdue_amount: Some(v(5)),
                    overdue_days: Some(v(6)),
                    credit_rating: Some(v(7)),
                    share_of_wallet: Some(v(1)),
                    upcoming_volume: Some(v(2)),
                    close_probability: Some(v(3)),
                    prospects_rating: Some(v(4)),
                    difficulty: Some(v(5)),
                    financial_status: Some(v(6)),
                    attitude: Some(v(7)),
                    loyalty: Some(v(0)),
                    owner: Some(format!("r{}", k % 3)),
                    ..Default::default()
                }
                .into(),
                products: vec![0, 3, 99],
                ..Default::default()
            }
        })
        .collect();
    let p = Prepared::new(Dataset::new(customers, vec!["a".into(), "b".into()], None));
    let mut s = Settings::default();
    s.value.kept_bzc = vec!["x1".into(), "nobody".into()];
    s.five_s.pinned = vec!["x2".into()];
    for measure in [
        crate::settings::ValueMeasure::Sales,
        crate::settings::ValueMeasure::Profit,
        crate::settings::ValueMeasure::Score,
    ] {
        s.tiers.measure = measure;
        s.pyramid.measure = measure;
        let all = run_all(&p, &s);
        for i in 0..p.ds.len() {
            let e = super::explain_all(&p, &s, &all, i);
            let explained = super::Method::ALL.iter().filter(|m| m.explained()).count();
            assert_eq!(e.len(), explained);
        }
        let mut engine = super::Engine::new(p.clone(), &Settings::default());
        engine.update(&s);
    }
    let empty = Prepared::new(Dataset::default());
    let all = run_all(&empty, &Settings::default());
    assert_eq!(all.abc.counts, [0, 0, 0]);
    assert!(super::explain_all(&empty, &Settings::default(), &all, 0).is_empty());
}

#[test]
fn cross_selling_by_block_sums_on_a_few_thousand_customers() {
    // Long runs cross several 256-rank blocks.
    let customers: Vec<Customer> = (0..3000u32)
        .map(|k| Customer {
            id: format!("c{k:05}"),
            sales: f64::from((k * 7919) % 5000),
            profit: Some(f64::from((k * 104_729) % 900) - 100.0),
            orders: Some(2),
            products: (0..k % 6)
                .map(|j| (k + 3 * j) % 12)
                .collect::<std::collections::BTreeSet<u32>>()
                .into_iter()
                .collect(),
            ..Default::default()
        })
        .collect();
    let products = (0..12).map(|j| format!("p{j}")).collect();
    let p = Prepared::new(Dataset::new(customers, products, None));
    for (source, measure, vip) in [
        (
            crate::settings::ClassSource::Tier,
            crate::settings::ValueMeasure::Sales,
            5.0,
        ),
        (
            crate::settings::ClassSource::Tier,
            crate::settings::ValueMeasure::Profit,
            13.0,
        ),
        (
            crate::settings::ClassSource::Abc,
            crate::settings::ValueMeasure::Sales,
            5.0,
        ),
    ] {
        let mut s = Settings::default();
        s.cross_sell.source = source;
        s.tiers.measure = measure;
        s.tiers.vip_pct = vip;
        let all = run_all(&p, &s);
        let (keys, class_of) = class_column(&all, source).unwrap();
        assert_eq!(
            all.cross_sell,
            super::cross_sell::classify(&p, &keys, class_of)
        );
        assert!(all
            .cross_sell
            .as_ref()
            .unwrap()
            .classes
            .iter()
            .all(|c| c.buyers > 0));
    }
}

#[test]
fn explain_all_gives_every_method_its_class_reasons_and_strategy() {
    use super::{Cmp, Method};
    use crate::import::Field;
    // Sales 60 30 10, profit known, no share of wallet anywhere.
    let customers: Vec<Customer> = [("a", 60.0, 20.0), ("b", 30.0, -5.0), ("c", 10.0, 1.0)]
        .iter()
        .map(|&(id, sales, profit)| Customer {
            id: id.into(),
            sales,
            profit: Some(profit),
            orders: Some(3),
            ..Default::default()
        })
        .collect();
    let p = Prepared::new(Dataset::new(customers, vec![], None));
    let mut s = Settings::default();
    s.abc.a_pct = 50.0;
    s.abc.b_pct = 30.0;
    let engine = super::Engine::new(p, &s);
    let e = engine.explain(1);
    let methods: Vec<Method> = e.iter().map(|x| x.method).collect();
    // Every method that declares EXPLAINED, in the domain's order.
    let explained: Vec<Method> = Method::ALL.into_iter().filter(|m| m.explained()).collect();
    assert_eq!(methods, explained);
    assert_eq!(
        &methods[..5],
        [
            Method::Deal,
            Method::Tiers,
            Method::Potential,
            Method::Value,
            Method::Abc
        ]
    );
    // ABC: b has 60% before it: B, ≥ 50 and < 80.
    let abc = &e[4];
    assert_eq!(abc.class_key, Some("B"));
    assert_eq!(abc.strategy.map(|s| s.key), Some("abc.b"));
    assert_eq!(
        (abc.reasons[1].cmp, abc.reasons[1].threshold),
        (Cmp::Ge, Some(50.0))
    );
    // Value: profit −5 ≤ 0 → BZC.
    assert_eq!(e[3].class_key, Some("bzc"));
    // Wallet and potential say which column they need.
    assert_eq!(
        e[5].missing.map(|m| m.any_of),
        Some(&[Field::ShareOfWallet][..])
    );
    assert_eq!(
        e[2].missing.map(|m| m.any_of),
        Some(&[Field::CloseProbability, Field::ExpectedClose][..])
    );
    assert!(e[5].class_key.is_none() && e[5].strategy.is_none());
}

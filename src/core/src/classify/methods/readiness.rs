//! Method 11: Is tiering worth it? (readiness check)
//!
//! Three conditions, each with its figures:
//! - enough customers: more than the management span (`span`, default 100) is clearly worth
//!   it; at least `few_dozen` is borderline; fewer fails;
//! - repeat buying: the share of existing customers with 2 or more orders reaches
//!   `repeat_min_pct` (if customers buy once, grade the sales opportunity instead);
//! - values differ: the largest customer has at least `largest_min_pct` of sales, or the top
//!   20% of customers (rounded up) have at least `top20_min_pct`, or the Gini coefficient of
//!   sales is at least `gini_min`.

use crate::classify::explain::{what, Reason, Unit};
use crate::classify::method::{Inputs, MethodDef, NoClass};
use crate::classify::prepared::{Index, Prepared};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::ReadinessSettings;
use crate::settings::Settings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Check {
    Pass,
    Borderline,
    Fail,
    /// The data lacks the column this check needs.
    Unknown(Field),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// All three conditions hold.
    Worthwhile,
    /// None fails, but one is borderline or unknown.
    Borderline,
    /// Customers buy once: grade the sales opportunities instead.
    GradeOpportunities,
    /// Too few customers, or values do not differ enough.
    NotYet,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Worthwhile => "worthwhile",
            Verdict::Borderline => "borderline",
            Verdict::GradeOpportunities => "grade_opportunities",
            Verdict::NotYet => "not_yet",
        }
    }

    pub fn text(self) -> Tr {
        match self {
            Verdict::Worthwhile => Tr::new(
                "Tiering is worth it: many customers, repeat buying, and values that differ markedly.",
                "值得分级：客户多、重复购买、价值差异明显。",
                "Merece la pena segmentar: muchos clientes, compras repetidas y valores muy distintos.",
            ),
            Verdict::Borderline => Tr::new(
                "Tiering may pay off: one condition is borderline or unknown.",
                "分级可能有益：有一项条件处于临界或未知。",
                "La segmentación puede compensar: una condición está en el límite o se desconoce.",
            ),
            Verdict::GradeOpportunities => Tr::new(
                "Customers mostly buy once: grade the sales opportunities instead.",
                "客户大多只购买一次：应对销售机会分级。",
                "Los clientes compran casi siempre una vez: clasifique mejor las oportunidades de venta.",
            ),
            Verdict::NotYet => Tr::new(
                "Tiering is not worth it yet: too few customers or too little difference in value.",
                "暂不值得分级：客户太少或价值差异不大。",
                "Aún no merece la pena: pocos clientes o poca diferencia de valor.",
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Readiness {
    pub customers: usize,
    pub span: u32,
    pub count_check: Check,
    /// Share of existing customers (with an order count) that ordered at least twice, in %.
    pub repeat_share: Option<f64>,
    pub repeat_check: Check,
    /// Largest customer's share of sales, in %.
    pub largest_share: Option<f64>,
    /// The top 20% of existing customers' share of sales, in %.
    pub top20_share: Option<f64>,
    pub gini: Option<f64>,
    pub concentration_check: Check,
    pub verdict: Verdict,
}

/// Settings-independent figures of the readiness check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadinessStats {
    pub customers: usize,
    pub repeat_share: Option<f64>,
    pub largest_share: Option<f64>,
    pub top20_share: Option<f64>,
    pub gini: Option<f64>,
}

/// Gini of non-negative values sorted ascending: (2 Σ i·x_i) / (n Σ x) − (n + 1) / n, i from 1.
pub fn gini_sorted_ascending(xs: impl ExactSizeIterator<Item = f64>) -> Option<f64> {
    let n = xs.len();
    let (mut weighted, mut total) = (0.0, 0.0);
    for (k, x) in xs.enumerate() {
        let x = x.max(0.0);
        weighted += (k + 1) as f64 * x;
        total += x;
    }
    if n == 0 || total <= 0.0 {
        return None;
    }
    let n = n as f64;
    Some(2.0 * weighted / (n * total) - (n + 1.0) / n)
}

/// The settings-independent figures: computed once per dataset (see [`Prepared`]).
pub fn stats(ds: &Dataset) -> ReadinessStats {
    let sales: Vec<f64> = ds.customers.iter().map(|c| c.sales).collect();
    stats_of(ds, &sales)
}

/// [`stats`] with every customer's sales as a dense column (the index has one): the passes in
/// sales order then read 8 bytes a customer, not its record.
pub(crate) fn stats_of(ds: &Dataset, sales_col: &[f64]) -> ReadinessStats {
    let (mut known, mut repeat) = (0usize, 0usize);
    for c in ds.customers.iter().filter(|c| c.is_existing()) {
        if let Some(o) = c.orders {
            known += 1;
            repeat += usize::from(o >= 2);
        }
    }
    let repeat_share = (known > 0).then(|| repeat as f64 / known as f64 * 100.0);
    let sales = |i: &u32| sales_col[*i as usize].max(0.0);
    let order = &ds.existing_by_sales;
    let total: f64 = order.iter().map(sales).sum();
    let n = order.len();
    let (largest_share, top20_share) = if total > 0.0 {
        let top_n = crate::classify::prepared::band_of_rank_count(n, 20.0);
        let top: f64 = order[..top_n].iter().map(sales).sum();
        (
            Some(sales(&order[0]) / total * 100.0),
            Some(top / total * 100.0),
        )
    } else {
        (None, None)
    };
    ReadinessStats {
        customers: ds.len(),
        repeat_share,
        largest_share,
        top20_share,
        gini: gini_sorted_ascending(order.iter().rev().map(sales)),
    }
}

pub fn check(ds: &Dataset, s: &ReadinessSettings) -> Readiness {
    verdict(&stats(ds), s)
}

/// [`check`] from the figures prepared once per dataset.
pub fn check_prepared(p: &Prepared, s: &ReadinessSettings) -> Readiness {
    verdict(p.prep::<ReadinessCheck>(), s)
}

fn verdict(st: &ReadinessStats, s: &ReadinessSettings) -> Readiness {
    let s = s.clone().normalized();
    let customers = st.customers;
    let count_check = if customers > s.span as usize {
        Check::Pass
    } else if customers >= s.few_dozen as usize {
        Check::Borderline
    } else {
        Check::Fail
    };
    let repeat_check = match st.repeat_share {
        None => Check::Unknown(Field::Orders),
        Some(r) if r >= s.repeat_min_pct => Check::Pass,
        Some(_) => Check::Fail,
    };
    let concentration_check = match (st.largest_share, st.top20_share, st.gini) {
        (Some(l), Some(t), Some(g))
            if l >= s.largest_min_pct || t >= s.top20_min_pct || g >= s.gini_min =>
        {
            Check::Pass
        }
        (Some(_), _, _) => Check::Fail,
        _ => Check::Unknown(Field::Amount),
    };
    let checks = [count_check, repeat_check, concentration_check];
    let verdict = if repeat_check == Check::Fail {
        Verdict::GradeOpportunities
    } else if checks.contains(&Check::Fail) {
        Verdict::NotYet
    } else if checks.iter().all(|&c| c == Check::Pass) {
        Verdict::Worthwhile
    } else {
        Verdict::Borderline
    };
    Readiness {
        customers,
        span: s.span,
        count_check,
        repeat_share: st.repeat_share,
        repeat_check,
        largest_share: st.largest_share,
        top20_share: st.top20_share,
        gini: st.gini,
        concentration_check,
        verdict,
    }
}

/// The figures behind the verdict, as explanation lines.
pub fn explain(r: &Readiness, s: &ReadinessSettings) -> Vec<Reason> {
    let mut out = vec![Reason::cmp(
        Tr::new("Customers", "客户数", "Clientes"),
        r.customers as f64,
        f64::from(s.span) + 1.0,
        Unit::Count,
    )];
    match r.repeat_share {
        Some(v) => out.push(Reason::cmp(
            Tr::new("Repeat buyers", "重复购买客户", "Clientes recurrentes"),
            v,
            s.repeat_min_pct,
            Unit::Percent,
        )),
        None => out.push(Reason::missing(what::ORDERS, Unit::Percent)),
    }
    if let Some(v) = r.largest_share {
        out.push(Reason::cmp(
            Tr::new(
                "Largest customer's share",
                "最大客户占比",
                "Cuota del mayor cliente",
            ),
            v,
            s.largest_min_pct,
            Unit::Percent,
        ));
    }
    if let Some(v) = r.top20_share {
        out.push(Reason::cmp(
            Tr::new(
                "Top 20% customers' share",
                "前 20% 客户占比",
                "Cuota del 20% superior",
            ),
            v,
            s.top20_min_pct,
            Unit::Percent,
        ));
    }
    if let Some(v) = r.gini {
        out.push(Reason::cmp(
            Tr::new("Gini coefficient", "基尼系数", "Coeficiente de Gini"),
            v,
            s.gini_min,
            Unit::Number,
        ));
    }
    out
}

/// The readiness check in the registry.
pub struct ReadinessCheck;

impl MethodDef for ReadinessCheck {
    const KEY: &'static str = "readiness";
    const NAME: Tr = Tr::new(
        "Is tiering worth it?",
        "是否值得分级",
        "¿Merece la pena segmentar?",
    );
    const PURPOSE: Tr = Tr::new(
        "Whether tiering is worth it for this customer base.",
        "这个客户群是否值得分级。",
        "Si merece la pena segmentar esta base de clientes.",
    );
    const PAGE: bool = false;
    type Class = NoClass;
    type Output = Readiness;
    type Prep = ReadinessStats;

    fn prepare(ds: &Dataset, ix: &Index) -> ReadinessStats {
        stats_of(ds, &ix.col.sales)
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.readiness != new.readiness
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Readiness {
        check_prepared(p, &s.readiness)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;

    fn ds(rows: &[(f64, u32)]) -> Dataset {
        let cs = rows
            .iter()
            .enumerate()
            .map(|(k, &(sales, orders))| Customer {
                id: format!("c{k:03}"),
                sales,
                orders: Some(orders),
                ..Default::default()
            })
            .collect();
        Dataset::new(cs, vec![], None)
    }

    #[test]
    fn the_prepared_figures_are_the_ones_read_from_the_records() {
        // Prospects (no sales) and a zero-order customer among them, in no particular order.
        let rows: Vec<(f64, u32)> = (0..300)
            .map(|k| (((k * 37) % 101) as f64 * 1.5 - 20.0, (k % 4) as u32))
            .collect();
        let d = ds(&rows);
        let s = ReadinessSettings::default();
        let prepared = crate::classify::Prepared::new(d.clone());
        assert_eq!(check_prepared(&prepared, &s), check(&d, &s));
        assert!(check(&d, &s).repeat_share.is_some());
    }

    #[test]
    fn gini_by_hand() {
        // 1 2 3 4: Σ i·x = 30, n Σ x = 40 → 60/40 − 5/4 = 0.25.
        assert_eq!(
            gini_sorted_ascending([1.0, 2.0, 3.0, 4.0].into_iter()),
            Some(0.25)
        );
        assert_eq!(gini_sorted_ascending([5.0, 5.0].into_iter()), Some(0.0));
        assert_eq!(gini_sorted_ascending(std::iter::empty()), None);
    }

    #[test]
    fn fixture_small_flat_base_is_not_ready() {
        // 4 customers, sales 1 2 3 4 → largest 40% ≥ 5% passes concentration; 4 < 36 fails.
        let r = check(
            &ds(&[(1.0, 2), (2.0, 3), (3.0, 1), (4.0, 5)]),
            &ReadinessSettings::default(),
        );
        assert_eq!(r.count_check, Check::Fail);
        assert_eq!(r.repeat_share, Some(75.0));
        assert_eq!(r.largest_share, Some(40.0));
        // Top 20% of 4 = 0.8 → 1 customer: 4 / 10.
        assert_eq!(r.top20_share, Some(40.0));
        assert_eq!(r.verdict, Verdict::NotYet);
    }

    #[test]
    fn fixture_large_concentrated_repeat_base_is_ready() {
        // 120 customers: one with 1000, 119 with 10 each (all ordered twice).
        let mut rows = vec![(1000.0, 2)];
        rows.extend(std::iter::repeat_n((10.0, 2), 119));
        let r = check(&ds(&rows), &ReadinessSettings::default());
        assert_eq!(r.count_check, Check::Pass);
        // Largest 1000 / 2190 = 45.66%.
        assert!((r.largest_share.unwrap() - 100_000.0 / 2190.0).abs() < 1e-9);
        assert_eq!(r.verdict, Verdict::Worthwhile);
    }

    #[test]
    fn one_time_buyers_mean_grade_opportunities() {
        let rows: Vec<(f64, u32)> = (0..200).map(|k| (k as f64 + 1.0, 1)).collect();
        let r = check(&ds(&rows), &ReadinessSettings::default());
        assert_eq!(r.repeat_share, Some(0.0));
        assert_eq!(r.verdict, Verdict::GradeOpportunities);
    }
}

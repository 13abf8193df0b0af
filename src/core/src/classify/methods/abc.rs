//! ABC / Pareto by transaction amount.
//!
//! Existing customers sorted by sales (descending). A customer is **A** while the cumulative
//! sales share of the customers *before* it is below the A cut-off, **B** while it is below
//! A + B, and **C** otherwise. The top customer is therefore always A. Customers with no
//! positive sales contribute nothing and are C. Prospects are not classed.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{Explained, Inputs, MethodDef};
use crate::classify::prepared::{positions, Index, Prepared, NOT_PLACED};
use crate::classify::Class;
use crate::i18n::Tr;
use crate::model::Dataset;
use crate::settings::AbcSettings;
use crate::settings::Settings;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

// The strategies of its classes.
strategy!(
    ABC_A,
    "abc.a",
    Tr::new(
        "A: one rep per customer (1:1)",
        "A 类：一对一服务（1:1）",
        "A: un comercial por cliente (1:1)"
    ),
    [
        Tr::new(
            "A rep or a team per customer",
            "每个客户配一名销售或一个团队",
            "Un comercial o un equipo por cliente"
        ),
        Tr::new(
            "Dedicated customer file",
            "建立专门客户档案",
            "Expediente dedicado del cliente"
        ),
        Tr::new(
            "Discounts and regular visits",
            "给予折扣，定期拜访",
            "Descuentos y visitas periódicas"
        ),
        Tr::new("Direct channel", "直销渠道", "Canal directo"),
    ]
);
strategy!(
    ABC_B,
    "abc.b",
    Tr::new(
        "B: one rep serves a few (1:2)",
        "B 类：一名销售服务少数客户（1:2）",
        "B: un comercial atiende a pocos (1:2)"
    ),
    [
        Tr::new(
            "Regular contact by a shared rep",
            "由共享销售定期联系",
            "Contacto periódico con un comercial compartido"
        ),
        Tr::new(
            "Look for customers that can move to A",
            "寻找可升为 A 类的客户",
            "Buscar clientes que puedan pasar a A"
        ),
    ]
);
strategy!(
    ABC_C,
    "abc.c",
    Tr::new(
        "C: one rep serves many (1:3–5)",
        "C 类：一名销售服务多个客户（1:3–5）",
        "C: un comercial atiende a muchos (1:3–5)"
    ),
    [
        Tr::new(
            "Indirect channel through distributors",
            "通过经销商的间接渠道",
            "Canal indirecto a través de distribuidores"
        ),
        Tr::new(
            "Standardised, low-cost service",
            "标准化、低成本服务",
            "Servicio estandarizado y de bajo coste"
        ),
    ]
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AbcClass {
    A,
    B,
    C,
}

impl AbcClass {
    pub const ALL: [AbcClass; 3] = [AbcClass::A, AbcClass::B, AbcClass::C];

    pub fn label(self) -> &'static str {
        match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl Class for AbcClass {
    const ALL: &'static [AbcClass] = &AbcClass::ALL;
    fn index(self) -> usize {
        self as usize
    }
    fn key(self) -> &'static str {
        self.label()
    }
    fn name(self) -> Tr {
        match self {
            AbcClass::A => Tr::new("A", "A 类", "A"),
            AbcClass::B => Tr::new("B", "B 类", "B"),
            AbcClass::C => Tr::new("C", "C 类", "C"),
        }
    }
    fn strategy(self) -> &'static crate::classify::Strategy {
        match self {
            AbcClass::A => &ABC_A,
            AbcClass::B => &ABC_B,
            AbcClass::C => &ABC_C,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AbcResult {
    /// Per customer (dataset order); `None` for prospects.
    pub class: Vec<Option<AbcClass>>,
    /// Customers per class, indexed by [`AbcClass::index`].
    pub counts: [usize; 3],
    /// Sales per class.
    pub sales: [f64; 3],
    /// The Pareto curve. Shared with the prepared index: it does not depend on the settings.
    pub curve: Pareto,
    /// Profit per class, over the customers that have a profit figure.
    pub profit: [f64; 3],
}

pub fn classify(ds: &Dataset, s: &AbcSettings) -> AbcResult {
    let curve = Pareto::of(&ds.existing_by_sales, |i| ds.customers[i].sales);
    let figs = crate::classify::prepared::rank_figures(&ds.customers, &ds.existing_by_sales);
    classify_with(ds.len(), &ds.existing_by_sales, &figs, curve, s)
}

/// ABC from the prepared shares. Ranked by sales, each class is a run of consecutive ranks
/// (the cumulative share only grows, and customers without positive sales come last), so a
/// settings change costs two binary searches, the class labels, and O(1) sums.
pub fn classify_prepared(p: &Prepared, s: &AbcSettings) -> AbcResult {
    let ix = &p.index;
    let order = &p.ds.existing_by_sales;
    let bounds = runs(p, s);
    let mut out = AbcResult {
        class: vec![None; p.ds.len()],
        curve: p.prep::<Abc>().curve.clone(),
        ..Default::default()
    };
    for (k, class) in AbcClass::ALL.into_iter().enumerate() {
        let (a, b) = (bounds[k], bounds[k + 1].max(bounds[k]));
        for &i in &order[a..b] {
            out.class[i as usize] = Some(class);
        }
        let (sales, profit) = ix.sales_prefix.range(a, b);
        out.counts[k] = b - a;
        out.sales[k] = sales;
        out.profit[k] = profit;
    }
    out
}

/// Where the classes start and end along `Dataset::existing_by_sales`: A is ranks
/// `runs[0]..runs[1]`, B `runs[1]..runs[2]`, C `runs[2]..runs[3]`.
pub fn runs(p: &Prepared, s: &AbcSettings) -> [usize; 4] {
    let s = s.clone().normalized();
    let ix = &p.index;
    const EPS: f64 = 1e-12;
    let positive =
        p.ds.existing_by_sales
            .partition_point(|&i| ix.col.sales[i as usize] > 0.0);
    let cut = |pct: f64| {
        let c = pct / 100.0 - EPS;
        p.prep::<Abc>().curve.ranks_before_below(c).min(positive)
    };
    let a = cut(s.a_pct);
    let b = cut(s.a_pct + s.b_pct).max(a);
    [0, a, b, p.ds.existing_by_sales.len()]
}

/// `figs` is aligned with `order`, `curve` its Pareto curve.
fn classify_with(
    n: usize,
    order: &[u32],
    figs: &[(f64, f64)],
    curve: Pareto,
    s: &AbcSettings,
) -> AbcResult {
    let s = s.clone().normalized();
    let a_cut = s.a_pct / 100.0;
    let b_cut = (s.a_pct + s.b_pct) / 100.0;
    // Cut-offs are compared with a small tolerance so that 0.8 behaves as 80% exactly.
    const EPS: f64 = 1e-12;

    let mut out = AbcResult {
        class: vec![None; n],
        curve,
        ..Default::default()
    };
    for ((r, &i), &(sales, profit)) in order.iter().enumerate().zip(figs) {
        let before = out.curve.before(r);
        let class = if sales <= 0.0 {
            AbcClass::C
        } else if before < a_cut - EPS {
            AbcClass::A
        } else if before < b_cut - EPS {
            AbcClass::B
        } else {
            AbcClass::C
        };
        out.class[i as usize] = Some(class);
        out.counts[class.index()] += 1;
        out.sales[class.index()] += sales;
        if profit.is_finite() {
            out.profit[class.index()] += profit;
        }
    }
    out
}

/// Why customer `i` is in its ABC class: its sales and the cumulative share before it,
/// against the A and A + B cut-offs.
pub fn explain(ds: &Dataset, s: &AbcSettings, r: &AbcResult, i: usize) -> Vec<Reason> {
    explain_ranked(ds, s, r, i, || {
        ds.existing_by_sales.iter().position(|&j| j as usize == i)
    })
}

/// [`explain`], with the customer's rank in `Dataset::existing_by_sales` from `rank`.
fn explain_ranked(
    ds: &Dataset,
    s: &AbcSettings,
    r: &AbcResult,
    i: usize,
    rank: impl FnOnce() -> Option<usize>,
) -> Vec<Reason> {
    let s = s.clone().normalized();
    let Some(class) = r.class.get(i).copied().flatten() else {
        return Vec::new();
    };
    let c = &ds.customers[i];
    let mut out = vec![Reason::info(what::SALES, c.sales, Unit::Money)];
    if c.sales <= 0.0 {
        out.push(Reason::with(
            what::SALES,
            c.sales,
            Cmp::Le,
            0.0,
            Unit::Money,
        ));
        return out;
    }
    // The curve holds the cumulative share after each rank; find this customer's rank.
    let Some(rank) = rank() else {
        return out;
    };
    let before = r.curve.point(rank).map_or(0.0, |p| p.1) * 100.0;
    let (a, ab) = (s.a_pct, s.a_pct + s.b_pct);
    match class {
        AbcClass::A => out.push(Reason::with(
            what::CUM_SHARE_BEFORE,
            before,
            Cmp::Lt,
            a,
            Unit::Percent,
        )),
        AbcClass::B => {
            out.push(Reason::with(
                what::CUM_SHARE_BEFORE,
                before,
                Cmp::Ge,
                a,
                Unit::Percent,
            ));
            out.push(Reason::with(
                what::CUM_SHARE_BEFORE,
                before,
                Cmp::Lt,
                ab,
                Unit::Percent,
            ));
        }
        AbcClass::C => out.push(Reason::with(
            what::CUM_SHARE_BEFORE,
            before,
            Cmp::Ge,
            ab,
            Unit::Percent,
        )),
    }
    out
}

/// ABC's shares, computed once per dataset.
#[derive(Clone, Debug, Default)]
pub struct AbcPrep {
    /// The Pareto curve along `Dataset::existing_by_sales`; the share before each rank is
    /// read from it too.
    pub curve: Pareto,
}

/// The Pareto curve of the customers ranked by sales: after each of the `n` ranks, the share
/// of customers so far (rank / n) and the cumulative share of positive sales, from (0, 0).
/// Only the sales shares are stored (8 bytes a rank, not 16 for the pair and 8 more for a
/// separate "share before" column: 16 MB less at a million customers); shared when cloned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pareto {
    /// `share[k]`: the share of positive sales of the first `k` ranks (`share[0]` = 0);
    /// all 0 when no sales are positive.
    share: Arc<[f64]>,
    /// Whether any sales are positive.
    positive: bool,
}

impl Pareto {
    /// The curve of `order` (ranked by sales, descending), `sales(i)` customer `i`'s sales.
    pub fn of(order: &[u32], sales: impl Fn(usize) -> f64) -> Pareto {
        let total: f64 = order.iter().map(|&i| sales(i as usize).max(0.0)).sum();
        let mut share = Vec::with_capacity(order.len() + 1);
        share.push(0.0);
        let mut cum = 0.0;
        for &i in order {
            cum += sales(i as usize).max(0.0);
            share.push(if total > 0.0 { cum / total } else { 0.0 });
        }
        Pareto {
            share: share.into(),
            positive: total > 0.0,
        }
    }

    /// The curve of sales already in descending order (a chart's test data).
    pub fn of_sorted(sales: &[f64]) -> Pareto {
        let order: Vec<u32> = (0..sales.len() as u32).collect();
        Pareto::of(&order, |i| sales[i])
    }

    /// The number of points: the ranks and the origin.
    pub fn len(&self) -> usize {
        self.share.len()
    }

    pub fn is_empty(&self) -> bool {
        self.share.is_empty()
    }

    /// Point `k`: (share of customers, cumulative share of sales) after the first `k` ranks.
    pub fn point(&self, k: usize) -> Option<(f64, f64)> {
        let n = self.share.len().saturating_sub(1);
        let y = *self.share.get(k)?;
        Some((if k == 0 { 0.0 } else { k as f64 / n as f64 }, y))
    }

    /// Every point, from the origin.
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        (0..self.len()).filter_map(|k| self.point(k))
    }

    /// The share of positive sales before rank `r`; 1 when no sales are positive (every
    /// customer is then past every cut-off).
    pub fn before(&self, r: usize) -> f64 {
        if self.positive {
            self.share.get(r).copied().unwrap_or(1.0)
        } else {
            1.0
        }
    }

    /// How many leading ranks have a share before them below `c` (the shares only grow).
    fn ranks_before_below(&self, c: f64) -> usize {
        let n = self.share.len().saturating_sub(1);
        if self.positive {
            self.share[..n].partition_point(|&b| b < c)
        } else if 1.0 < c {
            n
        } else {
            0
        }
    }
}

/// ABC / Pareto in the registry.
pub struct Abc;

impl MethodDef for Abc {
    const KEY: &'static str = "abc";
    const NAME: Tr = Tr::new("ABC / Pareto", "ABC 分类", "ABC / Pareto");
    const PURPOSE: Tr = Tr::new(
        "The few customers that make most of the sales, and the many that make the rest.",
        "贡献大部分销售额的少数客户，和贡献其余部分的多数客户。",
        "Los pocos clientes que hacen la mayoría de las ventas y los muchos que hacen el resto.",
    );
    const DIMENSION: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("ABC", "ABC", "ABC"));
    const EXPLAINED: bool = true;
    type Class = AbcClass;
    type Output = AbcResult;
    type Prep = AbcPrep;

    fn prepare(ds: &Dataset, ix: &Index) -> AbcPrep {
        AbcPrep {
            curve: Pareto::of(&ds.existing_by_sales, |i| ix.col.sales[i]),
        }
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.abc != new.abc
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> AbcResult {
        classify_prepared(p, &s.abc)
    }

    fn classes(out: &AbcResult) -> Option<&[Option<Self::Class>]> {
        Some(&out.class)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &AbcResult,
        i: usize,
    ) -> Option<Explained> {
        Some(Explained::new(
            Self::class_of(out, i),
            explain(&p.ds, &s.abc, out, i),
        ))
    }

    /// Every customer's rank at once, rather than a search per customer.
    fn explain_many(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &AbcResult,
        rows: &[usize],
    ) -> Vec<Option<Explained>> {
        let rank = positions(&p.ds.existing_by_sales, p.ds.len());
        let rank_of = |i: usize| {
            rank.get(i)
                .filter(|&&k| k != NOT_PLACED)
                .map(|&k| k as usize)
        };
        rows.iter()
            .map(|&i| {
                let reasons = explain_ranked(&p.ds, &s.abc, out, i, || rank_of(i));
                Some(Explained::new(Self::class_of(out, i), reasons))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;

    fn ds(sales: &[f64]) -> Dataset {
        let customers = sales
            .iter()
            .enumerate()
            .map(|(k, &s)| Customer {
                id: format!("c{k:02}"),
                sales: s,
                orders: Some(u32::from(s != 0.0)),
                ..Default::default()
            })
            .collect();
        Dataset::new(customers, vec![], None)
    }

    #[test]
    fn returns_only_customer_is_c_and_curve_ends_at_one() {
        let d = ds(&[60.0, 40.0, -5.0]);
        let r = classify(&d, &AbcSettings::default());
        assert_eq!(r.class[2], Some(AbcClass::C));
        assert_eq!(r.curve.point(0), Some((0.0, 0.0)));
        let last = r.curve.point(r.curve.len() - 1).unwrap();
        assert!((last.0 - 1.0).abs() < 1e-12 && (last.1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn empty_dataset() {
        let r = classify(&ds(&[]), &AbcSettings::default());
        assert_eq!(r.counts, [0, 0, 0]);
        assert_eq!(r.curve.points().collect::<Vec<_>>(), [(0.0, 0.0)]);
    }
}

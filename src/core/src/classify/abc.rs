//! ABC / Pareto by transaction amount.
//!
//! Existing customers sorted by sales (descending). A customer is **A** while the cumulative
//! sales share of the customers *before* it is below the A cut-off, **B** while it is below
//! A + B, and **C** otherwise. The top customer is therefore always A. Customers with no
//! positive sales contribute nothing and are C. Prospects are not classed.

use crate::model::Dataset;
use crate::settings::AbcSettings;
use serde::{Deserialize, Serialize};

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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AbcResult {
    /// Per customer (dataset order); `None` for prospects.
    pub class: Vec<Option<AbcClass>>,
    /// Customers per class, indexed by [`AbcClass::index`].
    pub counts: [usize; 3],
    /// Sales per class.
    pub sales: [f64; 3],
    /// The Pareto curve: (share of customers, cumulative share of sales) after each customer,
    /// starting at (0, 0).
    pub curve: Vec<(f64, f64)>,
}

pub fn classify(ds: &Dataset, s: &AbcSettings) -> AbcResult {
    let s = s.clone().normalized();
    let n = ds.existing_by_sales.len();
    let total: f64 = ds
        .existing_by_sales
        .iter()
        .map(|&i| ds.customers[i as usize].sales.max(0.0))
        .sum();
    let a_cut = s.a_pct / 100.0;
    let b_cut = (s.a_pct + s.b_pct) / 100.0;
    // Cut-offs are compared with a small tolerance so that 0.8 behaves as 80% exactly.
    const EPS: f64 = 1e-12;

    let mut out = AbcResult {
        class: vec![None; ds.customers.len()],
        curve: Vec::with_capacity(n + 1),
        ..Default::default()
    };
    out.curve.push((0.0, 0.0));
    let mut cum = 0.0;
    for (rank, &i) in ds.existing_by_sales.iter().enumerate() {
        let sales = ds.customers[i as usize].sales;
        let before = if total > 0.0 { cum / total } else { 1.0 };
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
        cum += sales.max(0.0);
        let after = if total > 0.0 { cum / total } else { 0.0 };
        out.curve.push(((rank + 1) as f64 / n as f64, after));
    }
    out
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
    fn hand_computed_ten_customers() {
        // Total 1000. Shares before each: 0, 40, 60, 75, 85, 90, 94, 97, 99, 99.5 (%).
        let d = ds(&[400.0, 200.0, 150.0, 100.0, 50.0, 40.0, 30.0, 20.0, 5.0, 5.0]);
        let r = classify(&d, &AbcSettings::default());
        // A: before < 80 → first four (0, 40, 60, 75). B: before < 95 → 85, 90, 94. C: 97, 99, 99.5.
        assert_eq!(r.counts, [4, 3, 3]);
        assert_eq!(r.sales, [850.0, 120.0, 30.0]);
        let labels: String = r.class.iter().map(|c| c.unwrap().label()).collect();
        assert_eq!(labels, "AAAABBBCCC");
    }

    #[test]
    fn the_boundary_is_exclusive() {
        // Before the 2nd customer the share is exactly 50%: with A = 50% it is B.
        let d = ds(&[50.0, 30.0, 20.0]);
        let r = classify(
            &d,
            &AbcSettings {
                a_pct: 50.0,
                b_pct: 30.0,
            },
        );
        assert_eq!(r.counts, [1, 1, 1]);
    }

    #[test]
    fn top_customer_is_always_a_and_prospects_unclassed() {
        let d = ds(&[0.0, 99.0, 1.0]);
        let r = classify(
            &d,
            &AbcSettings {
                a_pct: 1.0,
                b_pct: 0.0,
            },
        );
        assert_eq!(r.class, vec![None, Some(AbcClass::A), Some(AbcClass::C)]);
    }

    #[test]
    fn returns_only_customer_is_c_and_curve_ends_at_one() {
        let d = ds(&[60.0, 40.0, -5.0]);
        let r = classify(&d, &AbcSettings::default());
        assert_eq!(r.class[2], Some(AbcClass::C));
        assert_eq!(r.curve.first(), Some(&(0.0, 0.0)));
        let last = r.curve.last().unwrap();
        assert!((last.0 - 1.0).abs() < 1e-12 && (last.1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn empty_dataset() {
        let r = classify(&ds(&[]), &AbcSettings::default());
        assert_eq!(r.counts, [0, 0, 0]);
        assert_eq!(r.curve, vec![(0.0, 0.0)]);
    }
}

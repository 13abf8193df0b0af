//! Existing customers by value: VIP / Large / Medium / Small (大/中/小/VIP).
//!
//! Existing customers sorted by sales (descending, ties by id). The customer at rank `r`
//! (0-based) of `n` is VIP while `r / n` is below the VIP share, Large while below
//! VIP + Large, Medium while below VIP + Large + Medium, and Small otherwise. So with 250
//! customers and VIP = 5%, ranks 0..=12 (13 customers, 12.5 rounded up) are VIP.

use crate::model::Dataset;
use crate::settings::TierSettings;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    Vip,
    Large,
    Medium,
    Small,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Vip, Tier::Large, Tier::Medium, Tier::Small];

    /// Stable name, used in `data-testid`s and exports.
    pub fn label(self) -> &'static str {
        match self {
            Tier::Vip => "VIP",
            Tier::Large => "Large",
            Tier::Medium => "Medium",
            Tier::Small => "Small",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TierResult {
    /// Per customer (dataset order); `None` for prospects.
    pub tier: Vec<Option<Tier>>,
    pub counts: [usize; 4],
    pub sales: [f64; 4],
}

pub fn classify(ds: &Dataset, s: &TierSettings) -> TierResult {
    let s = s.clone().normalized();
    let n = ds.existing_by_sales.len() as f64;
    let cuts = [
        s.vip_pct,
        s.vip_pct + s.large_pct,
        s.vip_pct + s.large_pct + s.medium_pct,
    ];
    const EPS: f64 = 1e-9;
    let mut out = TierResult {
        tier: vec![None; ds.customers.len()],
        ..Default::default()
    };
    for (rank, &i) in ds.existing_by_sales.iter().enumerate() {
        // Compare r < p·n in integers-as-floats, with a tolerance for 0.05·n style products.
        let r = rank as f64;
        let tier = if r < cuts[0] / 100.0 * n - EPS {
            Tier::Vip
        } else if r < cuts[1] / 100.0 * n - EPS {
            Tier::Large
        } else if r < cuts[2] / 100.0 * n - EPS {
            Tier::Medium
        } else {
            Tier::Small
        };
        out.tier[i as usize] = Some(tier);
        out.counts[tier.index()] += 1;
        out.sales[tier.index()] += ds.customers[i as usize].sales;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;

    fn ds(n: usize) -> Dataset {
        let customers = (0..n)
            .map(|k| Customer {
                id: format!("c{k:04}"),
                sales: (n - k) as f64 * 10.0,
                orders: Some(1),
                ..Default::default()
            })
            .collect();
        Dataset::new(customers, vec![], None)
    }

    #[test]
    fn hundred_customers_split_exactly() {
        let r = classify(&ds(100), &TierSettings::default());
        assert_eq!(r.counts, [5, 15, 30, 50]);
        assert_eq!(r.tier[0], Some(Tier::Vip));
        assert_eq!(r.tier[4], Some(Tier::Vip));
        assert_eq!(r.tier[5], Some(Tier::Large));
        assert_eq!(r.tier[99], Some(Tier::Small));
    }

    #[test]
    fn fractional_cut_rounds_up() {
        // 250 × 5% = 12.5 → ranks 0..=12 are VIP (13); 250 × 20% = 50 → Large 37;
        // 250 × 50% = 125 → Medium 75; Small 125.
        let r = classify(&ds(250), &TierSettings::default());
        assert_eq!(r.counts, [13, 37, 75, 125]);
    }

    #[test]
    fn tiny_dataset_still_has_a_top_customer() {
        let r = classify(&ds(3), &TierSettings::default());
        assert_eq!(r.counts, [1, 0, 1, 1]);
    }

    #[test]
    fn sales_per_tier_add_up() {
        let d = ds(40);
        let r = classify(
            &d,
            &TierSettings {
                vip_pct: 10.0,
                large_pct: 20.0,
                medium_pct: 30.0,
            },
        );
        assert_eq!(r.counts, [4, 8, 12, 16]);
        assert_eq!(r.sales.iter().sum::<f64>(), d.total_sales());
        // VIP are the 4 largest: (40 + 39 + 38 + 37) × 10.
        assert_eq!(r.sales[0], 1540.0);
    }
}

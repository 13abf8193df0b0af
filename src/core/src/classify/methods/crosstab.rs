//! Method 9: Other dimensions: any two dimensions crossed into a grid of counts, sales and profit.
//! A dimension is a categorical column (region, industry, owner, deal status), a 0–100
//! rating cut into thirds (attitude, loyalty, credit, prospects), or any method's class.
//! Customers without a value fall in a "none" row or column, shown only when not empty.

use crate::classify::prepared::{Categories, Prepared};
use crate::classify::AllResults;
use crate::classify::{Class, Missing};
use crate::import::Field;
use crate::model::Customer;
use crate::settings::{CrossTabSettings, Dimension};

pub const NONE_LABEL: &str = "none";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossTab {
    pub rows: Vec<String>,
    pub cols: Vec<String>,
    /// `counts[r][c]`.
    pub counts: Vec<Vec<usize>>,
    pub sales: Vec<Vec<f64>>,
    /// Profit over the customers of the cell that have a profit figure.
    pub profit: Vec<Vec<f64>>,
}

/// Per customer, its row or column; [`NONE`] when it has no value.
struct Axis {
    labels: Vec<String>,
    ids: Vec<u32>,
}

const NONE: u32 = Categories::NONE;

fn from_categories(c: &Categories, n: usize) -> Axis {
    Axis {
        labels: c.labels.clone(),
        ids: (0..n).map(|i| c.id(i).unwrap_or(NONE)).collect(),
    }
}

fn from_classes<C: Class>(class: &[Option<C>]) -> Axis {
    Axis {
        labels: C::ALL.iter().map(|c| c.key().to_string()).collect(),
        ids: class
            .iter()
            .map(|c| c.map_or(NONE, |c| c.index() as u32))
            .collect(),
    }
}

fn from_rating(
    p: &Prepared,
    field: Field,
    get: impl Fn(&Customer) -> Option<f64>,
) -> Result<Axis, Missing> {
    if !p.has(field) {
        return Err(Missing {
            any_of: match field {
                Field::Attitude => &[Field::Attitude],
                Field::Loyalty => &[Field::Loyalty],
                Field::CreditRating => &[Field::CreditRating],
                _ => &[Field::Prospects],
            },
        });
    }
    let ids =
        p.ds.customers
            .iter()
            .map(|c| match get(c).filter(|v| v.is_finite()) {
                Some(v) if v >= 200.0 / 3.0 => 2,
                Some(v) if v >= 100.0 / 3.0 => 1,
                Some(_) => 0,
                None => NONE,
            })
            .collect();
    Ok(Axis {
        labels: ["low", "medium", "high"].map(String::from).to_vec(),
        ids,
    })
}

fn need<T>(r: &Result<T, Missing>) -> Result<&T, Missing> {
    r.as_ref().map_err(|e| *e)
}

fn axis(p: &Prepared, all: &AllResults, d: Dimension) -> Result<Axis, Missing> {
    let ix = &p.index;
    Ok(match d {
        Dimension::DealStatus => from_classes(&all.deal.class),
        Dimension::Region => from_categories(&ix.region, p.ds.len()),
        Dimension::Industry => from_categories(&ix.industry, p.ds.len()),
        Dimension::Owner => from_categories(&ix.owner, p.ds.len()),
        Dimension::Abc => from_classes(&all.abc.class),
        Dimension::Tier => from_classes(&need(&all.tiers)?.tier),
        Dimension::Potential => from_classes(&need(&all.potential)?.class),
        Dimension::Value => from_classes(&need(&all.value)?.class),
        Dimension::Wallet => from_classes(&need(&all.wallet)?.class),
        Dimension::ScoreBand => from_classes(&need(&all.score)?.band),
        Dimension::Pyramid => from_classes(&need(&all.pyramid)?.class),
        Dimension::FiveS => from_classes(&all.five_s.class),
        Dimension::Attitude => from_rating(p, Field::Attitude, |c| c.attrs().attitude)?,
        Dimension::Loyalty => from_rating(p, Field::Loyalty, |c| c.attrs().loyalty)?,
        Dimension::Credit => from_rating(p, Field::CreditRating, |c| c.attrs().credit_rating)?,
        Dimension::Prospects => from_rating(p, Field::Prospects, |c| c.attrs().prospects_rating)?,
    })
}

pub fn crosstab(p: &Prepared, all: &AllResults, s: &CrossTabSettings) -> Result<CrossTab, Missing> {
    let (r, c) = (axis(p, all, s.rows)?, axis(p, all, s.cols)?);
    let (nr, nc) = (r.labels.len() + 1, c.labels.len() + 1);
    let cells = nr * nc;
    // Four interleaved lanes, so that consecutive customers of one cell do not wait on
    // each other's additions.
    let mut counts = vec![0usize; 4 * cells];
    let mut sales = vec![0.0; 4 * cells];
    let mut profit = vec![0.0; 4 * cells];
    let col = &p.index.col;
    for (k, (&ri, &ci)) in r.ids.iter().zip(&c.ids).enumerate() {
        let i = if ri == NONE { nr - 1 } else { ri as usize };
        let j = if ci == NONE { nc - 1 } else { ci as usize };
        let cell = (k & 3) * cells + i * nc + j;
        counts[cell] += 1;
        sales[cell] += col.sales[k];
        if col.profit[k].is_finite() {
            profit[cell] += col.profit[k];
        }
    }
    let grid = |v: &[f64]| -> Vec<Vec<f64>> {
        (0..nr)
            .map(|i| {
                (0..nc)
                    .map(|j| (0..4).map(|l| v[l * cells + i * nc + j]).sum())
                    .collect()
            })
            .collect()
    };
    let mut rows = r.labels;
    rows.push(NONE_LABEL.to_string());
    let mut cols = c.labels;
    cols.push(NONE_LABEL.to_string());
    let mut t = CrossTab {
        rows,
        cols,
        counts: (0..nr)
            .map(|i| {
                (0..nc)
                    .map(|j| (0..4).map(|l| counts[l * cells + i * nc + j]).sum())
                    .collect()
            })
            .collect(),
        sales: grid(&sales),
        profit: grid(&profit),
    };
    if t.counts[nr - 1].iter().all(|&x| x == 0) {
        t.rows.pop();
        t.counts.pop();
        t.sales.pop();
        t.profit.pop();
    }
    if t.counts.iter().all(|row| row[nc - 1] == 0) {
        t.cols.pop();
        for v in &mut t.counts {
            v.pop();
        }
        for v in t.sales.iter_mut().chain(t.profit.iter_mut()) {
            v.pop();
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::run_all;
    use crate::model::Dataset;
    use crate::settings::Settings;

    #[test]
    fn fixture_abc_by_region_and_attitude() {
        // Sales 60 30 10 → ABC at 50/30: A, B, C. Regions N, S, N; prospect p has none.
        let rows = [
            ("a", 60.0, Some("N"), Some(80.0)),
            ("b", 30.0, Some("S"), Some(50.0)),
            ("c", 10.0, Some("N"), Some(10.0)),
            ("p", 0.0, None, Some(90.0)),
        ];
        let customers = rows
            .iter()
            .map(|&(id, sales, region, attitude)| Customer {
                id: id.into(),
                sales,
                profit: Some(sales / 10.0),
                attrs: crate::model::Attributes {
                    region: region.map(String::from),
                    attitude,
                    ..Default::default()
                }
                .into(),
                ..Default::default()
            })
            .collect();
        let p = Prepared::new(Dataset::new(customers, vec![], None));
        let mut s = Settings::default();
        s.abc.a_pct = 50.0;
        s.abc.b_pct = 30.0;
        let all = run_all(&p, &s);
        let t = crosstab(
            &p,
            &all,
            &CrossTabSettings {
                rows: Dimension::Abc,
                cols: Dimension::Region,
            },
        )
        .unwrap();
        assert_eq!(t.rows, ["A", "B", "C", "none"]);
        assert_eq!(t.cols, ["N", "S", "none"]);
        assert_eq!(
            t.counts,
            vec![vec![1, 0, 0], vec![0, 1, 0], vec![1, 0, 0], vec![0, 0, 1]]
        );
        assert_eq!(t.sales[0][0], 60.0);
        assert_eq!(t.profit[2][0], 1.0);
        let t = crosstab(
            &p,
            &all,
            &CrossTabSettings {
                rows: Dimension::DealStatus,
                cols: Dimension::Attitude,
            },
        )
        .unwrap();
        assert_eq!(t.rows, ["closed", "potential"]);
        assert_eq!(t.cols, ["low", "medium", "high"]);
        assert_eq!(t.counts, vec![vec![1, 1, 1], vec![0, 0, 1]]);
        let e = crosstab(
            &p,
            &all,
            &CrossTabSettings {
                rows: Dimension::Loyalty,
                cols: Dimension::Abc,
            },
        )
        .unwrap_err();
        assert_eq!(e.any_of, [Field::Loyalty]);
    }
}

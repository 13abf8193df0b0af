//! Method 9: Other dimensions: any two dimensions crossed into a grid of counts, sales and profit.
//! A dimension is a categorical column (region, industry, owner, deal status), a 0–100
//! rating cut into thirds (attitude, loyalty, credit, prospects), or any method's class.
//! Customers without a value fall in a "none" row or column, shown only when not empty.

use crate::classify::method::ClassColumn;
use crate::classify::method::{ran, Inputs, MethodDef, NoClass};
use crate::classify::prepared::{Categories, Prepared};
use crate::classify::Missing;
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Customer;
use crate::settings::Settings;
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

fn from_column(c: ClassColumn) -> Axis {
    Axis {
        labels: c.keys.iter().map(|k| k.to_string()).collect(),
        ids: c.class.iter().map(|c| c.map_or(NONE, u32::from)).collect(),
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

fn axis(p: &Prepared, inputs: &Inputs, d: Dimension) -> Result<Axis, Missing> {
    let ix = &p.index;
    if let Some(key) = d.method_key() {
        let column = inputs
            .class_column(key)
            .expect("a method dimension has a class column")?;
        return Ok(from_column(column));
    }
    Ok(match d {
        Dimension::Region => from_categories(&ix.region, p.ds.len()),
        Dimension::Industry => from_categories(&ix.industry, p.ds.len()),
        Dimension::Owner => from_categories(&ix.owner, p.ds.len()),
        Dimension::Attitude => from_rating(p, Field::Attitude, |c| c.attrs().attitude)?,
        Dimension::Loyalty => from_rating(p, Field::Loyalty, |c| c.attrs().loyalty)?,
        Dimension::Credit => from_rating(p, Field::CreditRating, |c| c.attrs().credit_rating)?,
        Dimension::Prospects => from_rating(p, Field::Prospects, |c| c.attrs().prospects_rating)?,
        _ => unreachable!("method dimensions are read above"),
    })
}

pub fn crosstab(p: &Prepared, inputs: &Inputs, s: &CrossTabSettings) -> Result<CrossTab, Missing> {
    let (r, c) = (axis(p, inputs, s.rows)?, axis(p, inputs, s.cols)?);
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

/// The cross-tab in the registry.
pub struct CrossTabMethod;

impl MethodDef for CrossTabMethod {
    const KEY: &'static str = "crosstab";
    const NAME: Tr = Tr::new("Other dimensions", "其他维度", "Otras dimensiones");
    const PURPOSE: Tr = Tr::new(
        "Any two dimensions against each other.",
        "任意两个维度交叉分析。",
        "Dos dimensiones cualesquiera cruzadas.",
    );
    type Class = NoClass;
    type Output = Result<CrossTab, Missing>;
    type Prep = ();

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.crosstab != new.crosstab
    }

    /// The methods whose classes are its rows or columns.
    fn inputs(s: &Settings) -> Vec<&'static str> {
        [s.crosstab.rows, s.crosstab.cols]
            .into_iter()
            .filter_map(|d| d.method_key())
            .collect()
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> Self::Output {
        crosstab(p, inputs, &s.crosstab)
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }
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
        let tab = |rows, cols| {
            let mut s = s.clone();
            s.crosstab = CrossTabSettings { rows, cols };
            run_all(&p, &s).crosstab
        };
        let t = tab(Dimension::Abc, Dimension::Region).unwrap();
        assert_eq!(t.rows, ["A", "B", "C", "none"]);
        assert_eq!(t.cols, ["N", "S", "none"]);
        assert_eq!(
            t.counts,
            vec![vec![1, 0, 0], vec![0, 1, 0], vec![1, 0, 0], vec![0, 0, 1]]
        );
        assert_eq!(t.sales[0][0], 60.0);
        assert_eq!(t.profit[2][0], 1.0);
        let t = tab(Dimension::DealStatus, Dimension::Attitude).unwrap();
        assert_eq!(t.rows, ["closed", "potential"]);
        assert_eq!(t.cols, ["low", "medium", "high"]);
        assert_eq!(t.counts, vec![vec![1, 1, 1], vec![0, 0, 1]]);
        let e = tab(Dimension::Loyalty, Dimension::Abc).unwrap_err();
        assert_eq!(e.any_of, [Field::Loyalty]);
    }
}

//! One method's classes seen uniformly: the class list, each customer's class, and a class
//! table (count, sales, profit). The views and the customer table use this instead of
//! matching on every method's result type.

use super::{AllResults, Method, Missing, Prepared};

pub use super::method::ClassInfo;

/// The classes of `m`; empty for the methods that do not class customers one by one (the
/// cross-tab, the readiness check and cross-selling). For the risk watch the "classes" are
/// its flags, and a customer may carry several.
pub fn classes(m: Method) -> Vec<ClassInfo> {
    m.classes()
}

/// Looks a class up by key.
pub fn class_by_key(m: Method, key: &str) -> Option<ClassInfo> {
    classes(m).into_iter().find(|c| c.key == key)
}

/// Whether `m` could run on this dataset (`Err` names the column it lacks).
pub fn available(all: &AllResults, m: Method) -> Result<(), Missing> {
    all.available(m)
}

/// Customer `i`'s class under `m` (its index in [`classes`]), for the single-class methods.
/// For the risk watch: its first flag.
pub fn class_of(all: &AllResults, m: Method, i: usize) -> Option<u8> {
    all.class_of(m, i)
}

/// Is customer `i` in class `class` of `m`? (For the risk watch: does it carry that flag?)
pub fn in_class(all: &AllResults, m: Method, class: u8, i: usize) -> bool {
    all.bits(m, i) & (1 << class) != 0
}

/// One row of a method's class table.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassRow {
    pub class: ClassInfo,
    pub count: usize,
    pub sales: f64,
    /// Sum of the profit of the customers that have one; `None` when none has.
    pub profit: Option<f64>,
}

/// A method's class table, with the totals the shares are taken of.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub rows: Vec<ClassRow>,
    /// Customers in at least one class.
    pub classed: usize,
    pub classed_sales: f64,
    pub classed_profit: Option<f64>,
    /// Customers the method leaves out (prospects for a value method, gaps in a column).
    pub unclassed: usize,
}

impl Summary {
    pub fn share_of_customers(&self, row: &ClassRow) -> f64 {
        ratio(row.count as f64, self.classed as f64)
    }

    pub fn share_of_sales(&self, row: &ClassRow) -> f64 {
        ratio(row.sales, self.classed_sales)
    }

    pub fn share_of_profit(&self, row: &ClassRow) -> Option<f64> {
        Some(ratio(row.profit?, self.classed_profit?))
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// A customer's sales and profit, as [`summary`] adds them up.
struct Figures {
    sales: f64,
    profit: Option<f64>,
}

/// The class table of `m`: per class, the count and the customers' sales and profit. Shares
/// are of the classed customers. For the risk watch a customer counts under each of its
/// flags, so the rows may add up to more than `classed`.
pub fn summary(p: &Prepared, all: &AllResults, m: Method) -> Result<Summary, Missing> {
    available(all, m)?;
    let infos = classes(m);
    let mut rows: Vec<ClassRow> = infos
        .iter()
        .map(|&class| ClassRow {
            class,
            count: 0,
            sales: 0.0,
            profit: None,
        })
        .collect();
    let mut out = Summary {
        rows: Vec::new(),
        classed: 0,
        classed_sales: 0.0,
        classed_profit: None,
        unclassed: 0,
    };
    let add = |acc: &mut Option<f64>, v: Option<f64>| {
        if let Some(v) = v {
            *acc = Some(acc.unwrap_or(0.0) + v);
        }
    };
    // Class k's row: bit k of a customer's bits.
    let mut row_of = [usize::MAX; 32];
    for (r, row) in rows.iter().enumerate() {
        if let Some(slot) = row_of.get_mut(usize::from(row.class.index)) {
            *slot = r;
        }
    }
    // The figures from the index's dense columns: reading them from the customer records
    // would stream the whole table (hundreds of bytes a customer) once per method.
    let col = &p.index.col;
    let figures = |i: usize| Figures {
        sales: col.sales.get(i).copied().unwrap_or(0.0),
        profit: col.profit.get(i).copied().filter(|v| !v.is_nan()),
    };
    all.for_each_bits(m, |i, bits| {
        if bits == 0 {
            out.unclassed += 1;
            return;
        }
        let c = figures(i);
        // Each class the customer is in (one, but for the risk watch's flags).
        let mut rest = bits;
        while rest != 0 {
            let k = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if let Some(row) = row_of.get(k).and_then(|&r| rows.get_mut(r)) {
                row.count += 1;
                row.sales += c.sales;
                add(&mut row.profit, c.profit);
            }
        }
        out.classed += 1;
        out.classed_sales += c.sales;
        add(&mut out.classed_profit, c.profit);
    });
    out.rows = rows;
    Ok(out)
}

/// What one settings change did to one method: the net change of each class's count, how
/// many customers changed class and the sales they carry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    /// Per class (in [`classes`] order): count after − count before.
    pub net: Vec<i64>,
    /// Customers whose class (or, for the risk watch, whose set of flags) changed.
    pub moved: usize,
    /// Their sales.
    pub sales_moved: f64,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.moved == 0
    }
}

/// How the classes of `m` moved from `before` to `after` (the same dataset, two settings).
pub fn change(p: &Prepared, before: &AllResults, after: &AllResults, m: Method) -> Change {
    let k = classes(m).len();
    let mut out = Change {
        net: vec![0; k],
        ..Change::default()
    };
    if k == 0 {
        return out;
    }
    // Sales from the index's dense column, as in `summary`: the customer records would
    // stream the whole table (hundreds of bytes a customer) on every settings change.
    let sales = &p.index.col.sales;
    before.for_each_bits_beside(after, m, |i, a, b| {
        if a == b {
            return;
        }
        out.moved += 1;
        out.sales_moved += sales.get(i).copied().unwrap_or(0.0);
        for (j, net) in out.net.iter_mut().enumerate() {
            *net += ((b >> j) & 1) as i64 - ((a >> j) & 1) as i64;
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::run_all;
    use crate::model::{Customer, Dataset};
    use crate::Settings;

    fn cust(id: &str, sales: f64, profit: Option<f64>) -> Customer {
        Customer {
            id: id.into(),
            name: id.into(),
            sales,
            profit,
            orders: Some(if sales > 0.0 { 3 } else { 0 }),
            ..Customer::default()
        }
    }

    fn ds_of(customers: Vec<Customer>) -> Dataset {
        Dataset::new(customers, Vec::new(), None)
    }

    /// [`summary`] and [`change`] (one pass each through `for_each_bits`) against the plain
    /// per-customer reading of `AllResults::bits`, on the sample's order log: every method's
    /// table and move, to the last bit of every sum.
    #[test]
    fn tables_and_moves_equal_a_customer_by_customer_count() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/sample/");
        let read = |f: &str| std::fs::read(format!("{root}{f}")).expect("sample");
        let log = crate::import::import_csv("orders.csv", &read("orders.csv")).expect("import");
        let master =
            crate::import::import_csv("customers.csv", &read("customers.csv")).expect("import");
        let (ds, _) = crate::import::join::join(Some(&master), Some(&log));
        let p = Prepared::new(ds);
        let before = run_all(&p, &Settings::default());
        let mut moved = Settings::default();
        moved.abc.a_pct = 60.0;
        moved.tiers.vip_min *= 0.5;
        moved.pyramid.ordinary_pct = 50.0;
        let after = run_all(&p, &moved);
        let col = &p.index.col;
        let mut any_multi = false;
        for m in Method::ALL {
            let Ok(got) = summary(&p, &after, m) else {
                continue;
            };
            let infos = classes(m);
            let (mut count, mut sales, mut profit) = (
                vec![0; infos.len()],
                vec![0.0; infos.len()],
                vec![None; infos.len()],
            );
            let (mut classed, mut unclassed, mut classed_sales) = (0, 0, 0.0);
            let mut net = vec![0i64; infos.len()];
            let (mut n_moved, mut sales_moved) = (0, 0.0);
            for i in 0..p.ds.len() {
                let bits = after.bits(m, i);
                any_multi |= bits.count_ones() > 1;
                for (r, info) in infos.iter().enumerate() {
                    if bits & (1 << info.index) != 0 {
                        count[r] += 1;
                        sales[r] += col.sales[i];
                        if !col.profit[i].is_nan() {
                            profit[r] = Some(profit[r].unwrap_or(0.0) + col.profit[i]);
                        }
                    }
                }
                if bits != 0 {
                    classed += 1;
                    classed_sales += col.sales[i];
                } else {
                    unclassed += 1;
                }
                let a = before.bits(m, i);
                if a != bits {
                    n_moved += 1;
                    sales_moved += col.sales[i];
                    for (j, x) in net.iter_mut().enumerate() {
                        *x += ((bits >> j) & 1) as i64 - ((a >> j) & 1) as i64;
                    }
                }
            }
            assert_eq!((got.classed, got.unclassed), (classed, unclassed), "{m:?}");
            assert_eq!(
                got.classed_sales.to_bits(),
                classed_sales.to_bits(),
                "{m:?}"
            );
            for (r, row) in got.rows.iter().enumerate() {
                assert_eq!(row.count, count[r], "{m:?} {}", row.class.key);
                assert_eq!(row.sales.to_bits(), sales[r].to_bits(), "{m:?}");
                assert_eq!(
                    row.profit.map(f64::to_bits),
                    profit[r].map(f64::to_bits),
                    "{m:?}"
                );
            }
            let c = change(&p, &before, &after, m);
            assert_eq!((c.moved, c.net.clone()), (n_moved, net), "{m:?}");
            assert_eq!(c.sales_moved.to_bits(), sales_moved.to_bits(), "{m:?}");
        }
        assert!(any_multi, "a customer with several risk flags");
        let moved_somewhere = Method::ALL
            .into_iter()
            .any(|m| !change(&p, &before, &after, m).is_empty());
        assert!(moved_somewhere);
    }

    /// Every single-class method's table adds up to its classed customers, and the classed
    /// and unclassed customers make up the dataset.
    #[test]
    fn tables_partition_the_sample_like_dataset() {
        let ds = ds_of(
            (0..40)
                .map(|k| {
                    let mut c = cust(&format!("c{k}"), (k * k % 17) as f64 * 10.0, Some(k as f64));
                    c.attrs_mut().share_of_wallet = Some((k % 10) as f64 / 10.0);
                    c.attrs_mut().upcoming_volume = Some((k % 7) as f64 * 100.0);
                    c
                })
                .collect(),
        );
        let p = Prepared::new(ds);
        let all = run_all(&p, &Settings::default());
        for m in Method::ALL {
            let Ok(s) = summary(&p, &all, m) else {
                continue;
            };
            assert_eq!(s.classed + s.unclassed, 40, "{m:?}");
            if m != Method::Risk && !classes(m).is_empty() {
                assert_eq!(
                    s.rows.iter().map(|r| r.count).sum::<usize>(),
                    s.classed,
                    "{m:?}"
                );
            }
        }
    }
}

//! A transaction log rolled up per customer: sales, profit, orders, first and last date,
//! recency, growth (last 12 months against the 12 before), days late, overdue, products.

use super::diagnostics::{ImportError, ImportReport, Reason, Rejection};
use super::fields::Field;
use super::table::Table;
use super::values::{parse_date, parse_number};
use super::{Imported, Mapping, Shape};
use crate::model::Customer;
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// One order as the roll-up sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    pub date: NaiveDate,
    pub amount: f64,
    pub profit: Option<f64>,
    pub product: Option<u32>,
    pub due: Option<NaiveDate>,
    pub paid: Option<NaiveDate>,
}

/// Per-customer accumulator. Orders are kept only until [`Rollup::finish`].
#[derive(Default)]
pub struct Rollup {
    index: HashMap<String, usize>,
    ids: Vec<(String, String)>,
    orders: Vec<Vec<Order>>,
    products: Vec<String>,
    product_index: HashMap<String, u32>,
}

impl Rollup {
    pub fn product_id(&mut self, name: &str) -> u32 {
        if let Some(&p) = self.product_index.get(name) {
            return p;
        }
        let p = self.products.len() as u32;
        self.products.push(name.to_string());
        self.product_index.insert(name.to_string(), p);
        p
    }

    pub fn add(&mut self, id: &str, name: &str, order: Order) {
        let k = match self.index.get(id) {
            Some(&k) => k,
            None => {
                let k = self.ids.len();
                self.index.insert(id.to_string(), k);
                self.ids.push((id.to_string(), name.to_string()));
                self.orders.push(Vec::new());
                k
            }
        };
        self.orders[k].push(order);
    }

    /// Rolls up every customer relative to the newest date in the log.
    pub fn finish(self) -> (Vec<Customer>, Vec<String>, Option<NaiveDate>) {
        let as_of = self
            .orders
            .iter()
            .flatten()
            .flat_map(|o| [Some(o.date), o.paid])
            .flatten()
            .max();
        let customers = self
            .ids
            .into_iter()
            .zip(self.orders)
            .map(|((id, name), orders)| roll(id, name, &orders, as_of))
            .collect();
        (customers, self.products, as_of)
    }
}

fn roll(id: String, name: String, orders: &[Order], as_of: Option<NaiveDate>) -> Customer {
    let sales: f64 = orders.iter().map(|o| o.amount).sum();
    let profit = if orders.iter().all(|o| o.profit.is_some()) {
        Some(orders.iter().filter_map(|o| o.profit).sum())
    } else {
        None
    };
    let first = orders.iter().map(|o| o.date).min();
    let last = orders.iter().map(|o| o.date).max();
    let mut c = Customer {
        name: if name.is_empty() { id.clone() } else { name },
        id,
        sales,
        profit,
        orders: Some(orders.iter().filter(|o| o.amount > 0.0).count() as u32),
        first_order: first,
        last_order: last,
        ..Default::default()
    };
    if let (Some(as_of), Some(last)) = (as_of, last) {
        c.recency_days = Some((as_of - last).num_days());
        let y1 = as_of.checked_sub_months(Months::new(12));
        let y2 = as_of.checked_sub_months(Months::new(24));
        if let (Some(y1), Some(y2)) = (y1, y2) {
            let last12: f64 = orders
                .iter()
                .filter(|o| o.date > y1)
                .map(|o| o.amount)
                .sum();
            let prev12: f64 = orders
                .iter()
                .filter(|o| o.date > y2 && o.date <= y1)
                .map(|o| o.amount)
                .sum();
            c.sales_last12 = Some(last12);
            c.sales_prev12 = Some(prev12);
            c.growth = (prev12 > 0.0).then(|| last12 / prev12 - 1.0);
        }
    }
    let settled: Vec<i64> = orders
        .iter()
        .filter_map(|o| Some((o.paid? - o.due?).num_days()))
        .collect();
    if !settled.is_empty() {
        c.avg_days_late =
            Some(settled.iter().map(|&d| d.max(0) as f64).sum::<f64>() / settled.len() as f64);
        c.on_time_share =
            Some(settled.iter().filter(|&&d| d <= 0).count() as f64 / settled.len() as f64);
    }
    if let Some(as_of) = as_of {
        let open: Vec<&Order> = orders
            .iter()
            .filter(|o| o.paid.is_none() && o.due.is_some_and(|d| d < as_of))
            .collect();
        if orders.iter().any(|o| o.due.is_some()) {
            c.overdue_amount = Some(open.iter().map(|o| o.amount).sum());
            c.overdue_days = Some(
                open.iter()
                    .filter_map(|o| o.due)
                    .map(|d| (as_of - d).num_days() as f64)
                    .fold(0.0, f64::max),
            );
        }
    }
    let mut products: Vec<u32> = orders.iter().filter_map(|o| o.product).collect();
    products.sort_unstable();
    products.dedup();
    c.products = products;
    c
}

/// Words in a status column that mark an order as not counting.
fn is_cancelled(status: &str) -> bool {
    let s = status.trim().to_lowercase();
    [
        "cancel", "void", "取消", "作废", "撤销", "anulad", "cancelad",
    ]
    .iter()
    .any(|w| s.contains(w))
}

pub fn from_table(file: &str, t: &Table, mapping: Mapping) -> Result<Imported, ImportError> {
    let missing = |field: &'static str| ImportError::MissingField {
        file: file.into(),
        field,
    };
    let id_col = mapping
        .customer_column()
        .ok_or_else(|| missing("customer"))?;
    let name_col = mapping.column(Field::CustomerName);
    let date_col = mapping.column(Field::Date).ok_or_else(|| missing("date"))?;
    let amount_col = mapping
        .column(Field::Amount)
        .ok_or_else(|| missing("amount"))?;
    let profit_col = mapping.column(Field::Profit);
    let cost_col = mapping.column(Field::Cost);
    let product_col = mapping.column(Field::Product);
    let due_col = mapping.column(Field::DueDate);
    let paid_col = mapping.column(Field::PaidDate);
    let status_col = mapping.column(Field::Status);

    let mut report = ImportReport {
        file: file.into(),
        ..Default::default()
    };
    let mut rollup = Rollup::default();
    for (row, rec) in &t.records {
        report.rows_read += 1;
        let cells = match rec {
            Ok(c) => c,
            Err(e) => {
                report.rejected.push(Rejection {
                    row: *row,
                    column: None,
                    value: String::new(),
                    reason: Reason::Unreadable(e.clone()),
                });
                continue;
            }
        };
        let cell = |col: usize| cells.get(col).map(|s| s.trim()).unwrap_or("");
        let reject = |col: usize, reason: Reason| Rejection {
            row: *row,
            column: Some(mapping.headers[col].clone()),
            value: cell(col).to_string(),
            reason,
        };
        let id = cell(id_col);
        if id.is_empty() {
            report
                .rejected
                .push(reject(id_col, Reason::MissingCustomer));
            continue;
        }
        if let Some(sc) = status_col.filter(|&sc| is_cancelled(cell(sc))) {
            report.rejected.push(reject(sc, Reason::Cancelled));
            continue;
        }
        let Some(date) = parse_date(cell(date_col)) else {
            report.rejected.push(reject(date_col, Reason::BadDate));
            continue;
        };
        let Some(amount) = parse_number(cell(amount_col)) else {
            report.rejected.push(reject(amount_col, Reason::BadNumber));
            continue;
        };
        let profit = match (profit_col, cost_col) {
            (Some(pc), _) if !cell(pc).is_empty() => match parse_number(cell(pc)) {
                Some(p) => Some(p),
                None => {
                    report.rejected.push(reject(pc, Reason::BadNumber));
                    continue;
                }
            },
            (_, Some(cc)) if !cell(cc).is_empty() => match parse_number(cell(cc)) {
                Some(cost) => Some(amount - cost),
                None => {
                    report.rejected.push(reject(cc, Reason::BadNumber));
                    continue;
                }
            },
            _ => None,
        };
        let optional_date = |col: Option<usize>| -> Result<Option<NaiveDate>, Rejection> {
            match col {
                Some(c) if !cell(c).is_empty() => parse_date(cell(c))
                    .map(Some)
                    .ok_or_else(|| reject(c, Reason::BadDate)),
                _ => Ok(None),
            }
        };
        let (due, paid) = match (optional_date(due_col), optional_date(paid_col)) {
            (Ok(d), Ok(p)) => (d, p),
            (Err(e), _) | (_, Err(e)) => {
                report.rejected.push(e);
                continue;
            }
        };
        let product = product_col
            .map(&cell)
            .filter(|p| !p.is_empty())
            .map(|p| rollup.product_id(p));
        let name = name_col.map(cell).unwrap_or("");
        rollup.add(
            id,
            name,
            Order {
                date,
                amount,
                profit,
                product,
                due,
                paid,
            },
        );
        report.rows_used += 1;
    }
    let (customers, products, as_of) = rollup.finish();
    Ok(Imported {
        shape: Shape::Transactions,
        mapping,
        customers,
        products,
        as_of,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::super::import_csv;
    use super::*;

    const LOG: &str = "\
Customer,Date,Amount,Profit,Product,Due date,Paid date
Acme,2024-01-10,100,20,bolts,2024-02-10,2024-02-10
Acme,2025-01-10,300,60,nuts,2025-02-10,2025-03-12
Beta,2024-06-01,50,-5,bolts,2024-07-01,
Beta,2025-06-01,oops,1,bolts,,
,2025-06-01,10,1,bolts,,
Acme,2025-05-31,-40,-8,nuts,,
";

    #[test]
    fn hand_computed_rollup() {
        let imp = import_csv("log.csv", LOG.as_bytes()).unwrap();
        assert_eq!(imp.shape, Shape::Transactions);
        let r = &imp.report;
        assert_eq!((r.rows_read, r.rows_used, r.rows_rejected()), (6, 4, 2));
        assert!(r.balanced());
        assert_eq!(
            r.rejected[0].to_string(),
            "row 5, column \"Amount\", value \"oops\": not a number"
        );
        assert_eq!(r.rejected[1].row, 6);
        assert_eq!(r.rejected[1].reason, Reason::MissingCustomer);

        // as_of is the newest date: 2025-05-31 (order) — paid dates are earlier.
        assert_eq!(imp.as_of, NaiveDate::from_ymd_opt(2025, 5, 31));
        let acme = &imp.customers[0];
        assert_eq!(acme.sales, 360.0);
        assert_eq!(acme.profit, Some(72.0));
        assert_eq!(
            acme.orders,
            Some(2),
            "the return is netted, not counted as an order"
        );
        assert_eq!(acme.recency_days, Some(0));
        // Last 12 months: (2024-05-31, 2025-05-31] → 300 − 40 = 260; before: 100.
        assert_eq!(acme.sales_last12, Some(260.0));
        assert_eq!(acme.sales_prev12, Some(100.0));
        assert!((acme.growth.unwrap() - 1.6).abs() < 1e-12);
        // Settled: 0 and 30 days late → 15 on average, half on time.
        assert_eq!(acme.avg_days_late, Some(15.0));
        assert_eq!(acme.on_time_share, Some(0.5));
        assert_eq!(acme.overdue_amount, Some(0.0));
        assert_eq!(imp.products, ["bolts", "nuts"]);
        assert_eq!(acme.products, [0, 1]);

        let beta = &imp.customers[1];
        assert_eq!(beta.sales, 50.0);
        assert_eq!(beta.profit, Some(-5.0));
        assert_eq!(
            beta.growth, None,
            "nothing in the 12 months before the last 12"
        );
        // Due 2024-07-01, unpaid on 2025-05-31: 334 days overdue.
        assert_eq!(beta.overdue_amount, Some(50.0));
        assert_eq!(beta.overdue_days, Some(334.0));
    }

    #[test]
    fn cost_column_gives_profit_and_cancelled_rows_are_counted() {
        let log = "cliente;fecha;importe;coste;estado\nA;01/02/2025;1.000,50;800,50;ok\nA;02/02/2025;10;5;Anulado\n";
        let imp = import_csv("es.csv", log.as_bytes()).unwrap();
        assert_eq!(imp.customers.len(), 1);
        assert_eq!(imp.customers[0].sales, 1000.5);
        assert_eq!(imp.customers[0].profit, Some(200.0));
        assert_eq!(imp.report.rejected[0].reason, Reason::Cancelled);
        assert!(imp.report.balanced());
    }

    #[test]
    fn a_log_without_an_amount_column_is_refused_by_name() {
        let t = super::super::table::read("x.csv", "Customer,Date\nA,2024-01-01\n").unwrap();
        let m = Mapping::auto(t.headers.clone());
        assert_eq!(
            from_table("x.csv", &t, m).unwrap_err().to_string(),
            "x.csv: no column for \"amount\"; map one by hand"
        );
    }
}

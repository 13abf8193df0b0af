//! A customer master (CRM export) and an order log (ERP export) joined by customer id.
//! The log supplies the figures; the master supplies the attributes. Ids present on one side
//! only are reported.

use super::Imported;
use crate::model::{Customer, Dataset, Orders};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Ids found in only one of the two sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JoinReport {
    /// In the log, not in the master: added as customers with figures only.
    pub log_only: Vec<String>,
    /// In the master, not in the log: kept with the master's own figures (prospects, mostly).
    pub master_only: Vec<String>,
    /// Log rows dated after the "as of" date, left out ([`join_as_of`]).
    pub after_as_of: usize,
}

/// Joins the sources into one dataset. Either may be absent. The dataset keeps the log's
/// rows ([`Orders`]) for the methods that read orders.
pub fn join(master: Option<&Imported>, log: Option<&Imported>) -> (Dataset, JoinReport) {
    let (mut ds, report, positions) = join_indexed(master, log);
    if let Some(rows) = log.and_then(|l| l.log.clone()) {
        // The log's customers are rolled up in its customer order: position k is customer k.
        ds.orders = Some(Orders {
            log: rows,
            index: positions.into(),
        });
    }
    (ds, report)
}

/// [`join`] as of a date: the log's rows after `as_of` are left out (and counted in
/// [`JoinReport::after_as_of`]), every customer is rolled up relative to `as_of` (recency,
/// the two 12-month windows, overdue), and a customer with no order by then is not in the
/// dataset. `None`, or a source with no log, is [`join`].
pub fn join_as_of(
    master: Option<&Imported>,
    log: Option<&Imported>,
    as_of: Option<NaiveDate>,
) -> (Dataset, JoinReport) {
    let (Some(as_of), Some(l)) = (as_of, log) else {
        return join(master, log);
    };
    let Some(rows) = &l.log else {
        return join(master, log);
    };
    let (kept, after) = rows.until(as_of);
    let mut has_rows = vec![false; kept.customer_ids.len()];
    for &c in &kept.customer {
        if let Some(h) = has_rows.get_mut(c as usize) {
            *h = true;
        }
    }
    let rolled = kept.roll_up_as_of(Some(as_of));
    // Log customer k → its position among the customers kept.
    let mut position = vec![u32::MAX; has_rows.len()];
    let mut customers = Vec::with_capacity(rolled.len());
    for (k, c) in rolled.into_iter().enumerate() {
        if has_rows.get(k).copied().unwrap_or(false) {
            position[k] = customers.len() as u32;
            customers.push(c);
        }
    }
    let moved = Imported {
        customers: customers.into(),
        as_of: Some(as_of),
        log: None,
        ..l.clone_without_rows()
    };
    let (mut ds, mut report, positions) = join_indexed(master, Some(&moved));
    report.after_as_of = after;
    let index: Vec<u32> = position
        .iter()
        .map(|&p| positions.get(p as usize).copied().unwrap_or(u32::MAX))
        .collect();
    ds.orders = Some(Orders {
        log: kept.into(),
        index: index.into(),
    });
    (ds, report)
}

/// The join, and per customer of `log` (by position) its index in the dataset.
fn join_indexed(
    master: Option<&Imported>,
    log: Option<&Imported>,
) -> (Dataset, JoinReport, Vec<u32>) {
    let mut report = JoinReport::default();
    let (Some(master), Some(log)) = (master, log) else {
        let one = master.or(log);
        let ds = one
            .map(|i| Dataset::shared(i.customers.clone(), i.products.clone(), i.as_of)) // not copied
            .unwrap_or_default();
        let positions = log.map_or(Vec::new(), |l| (0..l.customers.len() as u32).collect());
        return (ds, report, positions);
    };
    let by_id: HashMap<&str, usize> = log
        .customers
        .iter()
        .enumerate()
        .map(|(k, c)| (c.id.as_str(), k))
        .collect();
    let mut positions = vec![u32::MAX; log.customers.len()];
    // A log keyed by customer name joins on the master's name when ids do not match.
    let mut customers: Vec<Customer> = Vec::with_capacity(master.customers.len());
    for m in &master.customers {
        let hit = by_id
            .get(m.id.as_str())
            .or_else(|| by_id.get(m.name.as_str()))
            .copied()
            .filter(|&k| positions[k] == u32::MAX);
        match hit {
            Some(k) => {
                positions[k] = customers.len() as u32;
                customers.push(merge(m, &log.customers[k]));
            }
            None => {
                report.master_only.push(m.id.clone());
                customers.push(m.clone());
            }
        }
    }
    for (k, l) in log.customers.iter().enumerate() {
        if positions[k] == u32::MAX {
            report.log_only.push(l.id.clone());
            positions[k] = customers.len() as u32;
            customers.push(l.clone());
        }
    }
    (
        Dataset::new(customers, log.products.clone(), log.as_of),
        report,
        positions,
    )
}

/// Figures from the log, attributes from the master; a figure the log lacks comes from the master.
fn merge(m: &Customer, l: &Customer) -> Customer {
    Customer {
        id: m.id.clone(),
        name: m.name.clone(),
        status: m.status,
        sales: l.sales,
        profit: l.profit.or(m.profit),
        orders: l.orders.or(m.orders),
        first_order: l.first_order.or(m.first_order),
        last_order: l.last_order.or(m.last_order),
        recency_days: l.recency_days.or(m.recency_days),
        sales_last12: l.sales_last12,
        sales_prev12: l.sales_prev12,
        growth: l.growth.or(m.growth),
        attrs: {
            let (la, ma) = (l.attrs(), m.attrs());
            crate::model::Attributes {
                avg_days_late: la.avg_days_late.or(ma.avg_days_late),
                on_time_share: la.on_time_share.or(ma.on_time_share),
                overdue_amount: la.overdue_amount.or(ma.overdue_amount),
                overdue_days: la.overdue_days.or(ma.overdue_days),
                ..ma.clone()
            }
            .into()
        },
        products: l.products.clone(),
        ..m.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::super::import_csv;
    use super::*;

    #[test]
    fn master_and_log_join_and_report_both_sides() {
        let master = import_csv(
            "m.csv",
            "Customer ID,Customer name,Owner,Share of wallet\nC1,Acme,Ann,30%\nC2,Beta,Bob,\nP1,Prospect Ltd,Ann,\n".as_bytes(),
        )
        .unwrap();
        let log = import_csv(
            "o.csv",
            "Customer ID,Date,Amount\nC1,2025-01-01,100\nC1,2025-02-01,50\nC2,2025-01-05,70\nX9,2025-03-01,5\n".as_bytes(),
        )
        .unwrap();
        let (ds, rep) = join(Some(&master), Some(&log));
        assert_eq!(rep.master_only, ["P1"]);
        assert_eq!(rep.log_only, ["X9"]);
        assert_eq!(ds.len(), 4);
        let c1 = &ds.customers[0];
        assert_eq!(
            (c1.name.as_str(), c1.sales, c1.orders),
            ("Acme", 150.0, Some(2))
        );
        assert_eq!(c1.attrs().owner.as_deref(), Some("Ann"));
        assert_eq!(c1.attrs().share_of_wallet, Some(0.3));
        assert_eq!(ds.existing_count(), 3);
        assert_eq!(ds.potential_count(), 1);
    }
}

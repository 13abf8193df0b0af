//! A customer master (CRM export) and an order log (ERP export) joined by customer id.
//! The log supplies the figures; the master supplies the attributes. Ids present on one side
//! only are reported.

use super::Imported;
use crate::model::{Customer, Dataset};
use std::collections::HashMap;

/// Ids found in only one of the two sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JoinReport {
    /// In the log, not in the master: added as customers with figures only.
    pub log_only: Vec<String>,
    /// In the master, not in the log: kept with the master's own figures (prospects, mostly).
    pub master_only: Vec<String>,
}

/// Joins the sources into one dataset. Either may be absent.
pub fn join(master: Option<&Imported>, log: Option<&Imported>) -> (Dataset, JoinReport) {
    let mut report = JoinReport::default();
    let (Some(master), Some(log)) = (master, log) else {
        let one = master.or(log);
        let ds = one
            .map(|i| Dataset::shared(i.customers.clone(), i.products.clone(), i.as_of)) // not copied
            .unwrap_or_default();
        return (ds, report);
    };
    let by_id: HashMap<&str, &Customer> =
        log.customers.iter().map(|c| (c.id.as_str(), c)).collect();
    // A log keyed by customer name joins on the master's name when ids do not match.
    let mut customers: Vec<Customer> = Vec::with_capacity(master.customers.len());
    let mut used: HashMap<&str, ()> = HashMap::new();
    for m in &master.customers {
        let hit = by_id
            .get(m.id.as_str())
            .or_else(|| by_id.get(m.name.as_str()));
        match hit {
            Some(l) => {
                used.insert(l.id.as_str(), ());
                customers.push(merge(m, l));
            }
            None => {
                report.master_only.push(m.id.clone());
                customers.push(m.clone());
            }
        }
    }
    for l in &log.customers {
        if !used.contains_key(l.id.as_str()) {
            report.log_only.push(l.id.clone());
            customers.push(l.clone());
        }
    }
    (
        Dataset::new(customers, log.products.clone(), log.as_of),
        report,
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

//! A customer table (one row per customer) read into [`Customer`]s.

use super::diagnostics::{ImportError, ImportReport, Reason, Rejection};
use super::fields::Field;
use super::table::Table;
use super::values::{parse_date, parse_fraction, parse_number, parse_rating};
use super::{Imported, Mapping, Shape};
use crate::model::{Customer, DealStatus};
use std::collections::HashMap;

/// Deal status words in en, zh-CN and es.
pub fn parse_status(raw: &str) -> Option<DealStatus> {
    let s = raw.trim().to_lowercase();
    const POTENTIAL: &[&str] = &[
        "potential",
        "prospect",
        "lead",
        "潜在",
        "意向",
        "未成交",
        "potencial",
        "prospecto",
    ];
    const CLOSED: &[&str] = &[
        "closed",
        "existing",
        "customer",
        "active",
        "won",
        "已成交",
        "成交",
        "老客户",
        "现有",
        "activo",
        "cerrado",
        "existente",
    ];
    if POTENTIAL.iter().any(|w| s.contains(w)) {
        Some(DealStatus::Potential)
    } else if CLOSED.iter().any(|w| s.contains(w)) {
        Some(DealStatus::Closed)
    } else {
        None
    }
}

pub fn from_table(file: &str, t: &Table, mapping: Mapping) -> Result<Imported, ImportError> {
    let id_col = mapping
        .customer_column()
        .ok_or_else(|| ImportError::MissingField {
            file: file.into(),
            field: "customer",
        })?;
    let mut report = ImportReport {
        file: file.into(),
        ..Default::default()
    };
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut customers = Vec::new();
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
        match read_row(&mapping, cells, id_col) {
            Ok(c) => {
                if let Some(&first) = first_row.get(&c.id) {
                    report.rejected.push(Rejection {
                        row: *row,
                        column: Some(mapping.headers[id_col].clone()),
                        value: c.id.clone(),
                        reason: Reason::DuplicateId { first_row: first },
                    });
                    continue;
                }
                first_row.insert(c.id.clone(), *row);
                customers.push(c);
                report.rows_used += 1;
            }
            Err((col, reason)) => report.rejected.push(Rejection {
                row: *row,
                column: Some(mapping.headers[col].clone()),
                value: cells
                    .get(col)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default(),
                reason,
            }),
        }
    }
    Ok(Imported {
        shape: Shape::Customers,
        mapping,
        customers,
        products: vec![],
        as_of: None,
        report,
    })
}

/// Reads one row. An empty optional cell is `None`; a filled one that cannot be read rejects
/// the row, naming the column.
fn read_row(m: &Mapping, cells: &[String], id_col: usize) -> Result<Customer, (usize, Reason)> {
    let cell = |col: usize| cells.get(col).map(|s| s.trim()).unwrap_or("");
    let id = cell(id_col);
    if id.is_empty() {
        return Err((id_col, Reason::MissingCustomer));
    }
    let text = |f: Field| {
        m.column(f)
            .map(cell)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let get = |f: Field, parse: fn(&str) -> Option<f64>| -> Result<Option<f64>, (usize, Reason)> {
        match m.column(f) {
            Some(col) if !cell(col).is_empty() => {
                parse(cell(col)).map(Some).ok_or((col, Reason::BadNumber))
            }
            _ => Ok(None),
        }
    };
    let date = |f: Field| -> Result<_, (usize, Reason)> {
        match m.column(f) {
            Some(col) if !cell(col).is_empty() => parse_date(cell(col))
                .map(Some)
                .ok_or((col, Reason::BadDate)),
            _ => Ok(None),
        }
    };
    let mut c = Customer {
        id: id.to_string(),
        name: text(Field::CustomerName).unwrap_or_else(|| id.to_string()),
        status: text(Field::Status).as_deref().and_then(parse_status),
        sales: get(Field::Amount, parse_number)?.unwrap_or(0.0),
        profit: get(Field::Profit, parse_number)?,
        orders: get(Field::Orders, parse_number)?.map(|v| v.max(0.0).round() as u32),
        first_order: date(Field::FirstOrder)?,
        last_order: date(Field::LastOrder)?,
        growth: get(Field::Growth, parse_number)?,
        avg_days_late: get(Field::AvgDaysLate, parse_number)?,
        on_time_share: get(Field::OnTimeShare, parse_fraction)?,
        overdue_amount: get(Field::OverdueAmount, parse_number)?,
        overdue_days: get(Field::OverdueDays, parse_number)?,
        credit_rating: get(Field::CreditRating, parse_rating)?,
        share_of_wallet: get(Field::ShareOfWallet, parse_fraction)?,
        upcoming_volume: get(Field::UpcomingVolume, parse_number)?,
        close_probability: get(Field::CloseProbability, parse_fraction)?,
        expected_close: date(Field::ExpectedClose)?,
        prospects_rating: get(Field::Prospects, parse_rating)?,
        difficulty: get(Field::Difficulty, parse_rating)?,
        financial_status: get(Field::FinancialStatus, parse_rating)?,
        attitude: get(Field::Attitude, parse_rating)?,
        loyalty: get(Field::Loyalty, parse_rating)?,
        owner: text(Field::Owner),
        region: text(Field::Region),
        industry: text(Field::Industry),
        ..Default::default()
    };
    // A growth column in percent ("12%" or 12) becomes a fraction.
    if let (Some(g), Some(col)) = (c.growth, m.column(Field::Growth)) {
        if cell(col).contains('%') || g.abs() > 5.0 {
            c.growth = Some(g / 100.0);
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::super::import_csv;
    use super::*;

    #[test]
    fn customer_table_with_status_duplicates_and_bad_cells() {
        let csv = "\
客户编号,客户名称,状态,销售额,毛利,钱包份额,成交概率,负责人
C1,甲公司,已成交,\"1,200\",300,40%,,王
C2,乙公司,潜在,,,,75%,李
C1,甲公司,已成交,5,1,,,王
C3,丙公司,已成交,abc,1,,,王
";
        let imp = import_csv("客户.csv", csv.as_bytes()).unwrap();
        assert_eq!(imp.shape, Shape::Customers);
        let r = &imp.report;
        assert_eq!((r.rows_read, r.rows_used, r.rows_rejected()), (4, 2, 2));
        assert_eq!(r.rejected[0].reason, Reason::DuplicateId { first_row: 2 });
        assert_eq!(
            r.rejected[1].to_string(),
            "row 5, column \"销售额\", value \"abc\": not a number"
        );
        let c1 = &imp.customers[0];
        assert_eq!(
            (c1.id.as_str(), c1.name.as_str(), c1.sales),
            ("C1", "甲公司", 1200.0)
        );
        assert_eq!(c1.share_of_wallet, Some(0.4));
        assert_eq!(c1.owner.as_deref(), Some("王"));
        assert_eq!(c1.deal_status(), DealStatus::Closed);
        let c2 = &imp.customers[1];
        assert_eq!(c2.deal_status(), DealStatus::Potential);
        assert_eq!(c2.close_probability, Some(0.75));
        assert_eq!(c2.profit, None, "an empty cell is missing, not zero");
    }

    #[test]
    fn status_words() {
        assert_eq!(parse_status("Prospect"), Some(DealStatus::Potential));
        assert_eq!(parse_status("潜在客户"), Some(DealStatus::Potential));
        assert_eq!(parse_status("Cliente activo"), Some(DealStatus::Closed));
        assert_eq!(parse_status("???"), None);
    }
}

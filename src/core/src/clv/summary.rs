//! From order rows to the per-customer summary the models read: frequency x, recency tₓ and
//! age T in the calibration period, the mean spend per repeat purchase, and the repeat
//! purchases in the holdout period.
//!
//! As the papers and `lifetimes` (`calibration_and_holdout_data` with `freq="D"`) count them:
//! - purchases are counted on **distinct days**: several orders on one day are one purchase,
//!   whose value is the day's total;
//! - x = the purchase days in the calibration period after the first purchase day;
//! - tₓ = last purchase day − first purchase day, T = calibration end − first purchase day,
//!   both in the time unit (`unit_days` days; 7 by default, so weeks are days/7);
//! - the monetary value is the mean of the repeat days' daily totals (0 when x = 0);
//! - the holdout count is the purchase days after the calibration end up to the observation
//!   end (both ends included in their periods).
//!
//! Customers whose first purchase is after the calibration end are left out of the summary
//! and counted. Every row counts as an order whatever its amount (as in `lifetimes`); a day
//! whose total is zero or negative still counts as a purchase day, and the Gamma-Gamma fit
//! excludes the customers whose mean repeat spend is not positive (and says how many).

use super::ClvError;
use chrono::NaiveDate;

/// One order row: a customer (an index, dense as in the project's customer table), its day and
/// its amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Order {
    pub customer: usize,
    pub date: NaiveDate,
    pub amount: f64,
}

/// The periods and the time unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SummaryOptions {
    /// The last day of the calibration period (included).
    pub calibration_end: NaiveDate,
    /// The last day of the holdout period (included); equal to `calibration_end` for no holdout.
    pub observation_end: NaiveDate,
    /// Days per time unit: 7.0 for weeks (the default), 1.0 for days.
    pub unit_days: f64,
}

impl SummaryOptions {
    /// Weeks (days/7), as the papers use.
    pub fn weeks(calibration_end: NaiveDate, observation_end: NaiveDate) -> Self {
        SummaryOptions {
            calibration_end,
            observation_end,
            unit_days: 7.0,
        }
    }
}

/// One customer's summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerSummary {
    /// The customer's index, as in the orders.
    pub customer: usize,
    /// The first purchase day.
    pub first: NaiveDate,
    /// x: repeat purchase days in the calibration period.
    pub x: u32,
    /// tₓ in days (an integer, so that triples compare exactly).
    pub t_x_days: u32,
    /// T in days.
    pub t_days: u32,
    /// tₓ in the time unit.
    pub t_x: f64,
    /// T in the time unit.
    pub t: f64,
    /// Mean of the repeat days' daily totals; 0 when x = 0.
    pub monetary_value: f64,
    /// Repeat purchase days in the holdout period.
    pub holdout: u32,
}

/// The summary of an order log.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// One entry per customer with a purchase in the calibration period, by customer index.
    pub customers: Vec<CustomerSummary>,
    /// Customers whose first purchase is after the calibration end (left out).
    pub left_out: usize,
    /// Rows dated after the observation end (ignored).
    pub rows_after_observation: usize,
    /// Rows with an amount of zero or less (counted as orders; see the module doc).
    pub non_positive_rows: usize,
    /// The holdout period's length in the time unit.
    pub holdout_length: f64,
    pub options: SummaryOptions,
}

/// Builds the summary. O(rows + largest customer index) time and memory, plus a sort of each
/// customer's own days (indices much larger than the number of rows are ranked first, in
/// O(rows log rows)).
///
/// Errors: [`ClvError::InvalidPeriod`] (observation end before calibration end, or a unit that
/// is not a positive number), [`ClvError::NonFiniteAmount`], [`ClvError::NoCustomers`] (no row
/// at all in the calibration period), [`ClvError::SingleDay`] (every calibration row on one
/// day).
pub fn summarize(orders: &[Order], options: &SummaryOptions) -> Result<Summary, ClvError> {
    if options.observation_end < options.calibration_end {
        return Err(ClvError::InvalidPeriod {
            calibration_end: options.calibration_end,
            observation_end: options.observation_end,
        });
    }
    if !(options.unit_days.is_finite() && options.unit_days > 0.0) {
        return Err(ClvError::InvalidArgument {
            name: "unit_days",
            value: options.unit_days,
        });
    }
    if let Some(row) = orders.iter().position(|o| !o.amount.is_finite()) {
        return Err(ClvError::NonFiniteAmount { row });
    }
    let cal = options.calibration_end;
    let obs = options.observation_end;
    // Day numbers relative to the calibration end (negative or zero: calibration).
    let day = |d: NaiveDate| (d - cal).num_days();

    // Counting sort of the rows by customer slot: the index itself when the indices are dense
    // (as the project's are), else the rank among the distinct indices.
    let max_index = orders.iter().map(|o| o.customer).max();
    let sparse: Option<Vec<usize>> = match max_index {
        Some(m) if m > 2 * orders.len() + 1024 => {
            let mut ids: Vec<usize> = orders.iter().map(|o| o.customer).collect();
            ids.sort_unstable();
            ids.dedup();
            Some(ids)
        }
        _ => None,
    };
    let slot_of = |customer: usize| match &sparse {
        Some(ids) => ids.binary_search(&customer).unwrap_or(0),
        None => customer,
    };
    let slots = match &sparse {
        Some(ids) => ids.len(),
        None => max_index.map_or(0, |m| m + 1),
    };
    let mut start = vec![0u32; slots + 1];
    let mut rows_after_observation = 0;
    for o in orders {
        if o.date > obs {
            rows_after_observation += 1;
        } else {
            start[slot_of(o.customer) + 1] += 1;
        }
    }
    for k in 0..slots {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut rows: Vec<(i64, f64)> = vec![(0, 0.0); start[slots] as usize];
    for o in orders.iter().filter(|o| o.date <= obs) {
        let at = &mut fill[slot_of(o.customer)];
        rows[*at as usize] = (day(o.date), o.amount);
        *at += 1;
    }

    let non_positive_rows = orders.iter().filter(|o| o.amount <= 0.0).count();
    let unit = options.unit_days;
    let mut customers = Vec::new();
    let mut left_out = 0;
    let mut calibration_days = (i64::MAX, i64::MIN);
    for c in 0..slots {
        let own = &mut rows[start[c] as usize..start[c + 1] as usize];
        if own.is_empty() {
            continue;
        }
        own.sort_unstable_by_key(|r| r.0);
        let first_day = own[0].0;
        if first_day > 0 {
            left_out += 1;
            continue;
        }
        // Walk the distinct days.
        let (mut x, mut last_day, mut repeat_total) = (0u32, first_day, 0.0);
        let mut holdout = 0u32;
        let mut k = 0;
        while k < own.len() {
            let d = own[k].0;
            let mut total = 0.0;
            while k < own.len() && own[k].0 == d {
                total += own[k].1;
                k += 1;
            }
            if d <= 0 {
                calibration_days = (calibration_days.0.min(d), calibration_days.1.max(d));
                if d != first_day {
                    x += 1;
                    last_day = d;
                    repeat_total += total;
                }
            } else {
                holdout += 1;
            }
        }
        let t_x_days = (last_day - first_day) as u32;
        let t_days = (-first_day) as u32;
        customers.push(CustomerSummary {
            customer: sparse.as_ref().map_or(c, |ids| ids[c]),
            first: cal - chrono::Duration::days(-first_day),
            x,
            t_x_days,
            t_days,
            t_x: t_x_days as f64 / unit,
            t: t_days as f64 / unit,
            monetary_value: if x > 0 { repeat_total / x as f64 } else { 0.0 },
            holdout,
        });
    }
    if customers.is_empty() {
        return Err(ClvError::NoCustomers);
    }
    if calibration_days.0 == calibration_days.1 {
        return Err(ClvError::SingleDay);
    }
    Ok(Summary {
        customers,
        left_out,
        rows_after_observation,
        non_positive_rows,
        holdout_length: (obs - cal).num_days() as f64 / unit,
        options: *options,
    })
}

/// The (x, tₓ, T) triple of a summary entry, as the BG/NBD model reads it.
impl From<&CustomerSummary> for super::bgnbd::Triple {
    fn from(c: &CustomerSummary) -> Self {
        super::bgnbd::Triple {
            x: c.x,
            t_x: c.t_x,
            t: c.t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn o(customer: usize, date: &str, amount: f64) -> Order {
        Order {
            customer,
            date: d(date),
            amount,
        }
    }

    #[test]
    fn counts_distinct_days_and_splits_periods() {
        let orders = [
            o(0, "2024-01-01", 10.0),
            o(0, "2024-01-01", 5.0), // same day: one purchase
            o(0, "2024-01-15", 20.0),
            o(0, "2024-01-15", 4.0),
            o(0, "2024-01-29", 30.0),
            o(0, "2024-02-10", 1.0), // holdout
            o(0, "2024-02-10", 1.0),
            o(0, "2024-02-20", 1.0), // holdout
            o(0, "2024-03-20", 1.0), // after the observation end
            o(2, "2024-01-22", 7.0),
            o(3, "2024-02-05", 9.0), // first purchase after the calibration end
        ];
        let s = summarize(
            &orders,
            &SummaryOptions::weeks(d("2024-01-31"), d("2024-02-29")),
        )
        .unwrap();
        assert_eq!(s.left_out, 1);
        assert_eq!(s.rows_after_observation, 1);
        assert_eq!(s.customers.len(), 2);
        let a = s.customers[0];
        assert_eq!(
            (a.customer, a.x, a.t_x_days, a.t_days, a.holdout),
            (0, 2, 28, 30, 2)
        );
        assert_eq!(a.t_x, 4.0);
        assert_eq!(a.t, 30.0 / 7.0);
        assert_eq!(a.monetary_value, (24.0 + 30.0) / 2.0);
        assert_eq!(a.first, d("2024-01-01"));
        let b = s.customers[1];
        assert_eq!(
            (b.customer, b.x, b.t_x_days, b.t_days, b.holdout),
            (2, 0, 0, 9, 0)
        );
        assert_eq!(b.monetary_value, 0.0);
        assert_eq!(s.holdout_length, 29.0 / 7.0);
    }

    #[test]
    fn degenerate_logs() {
        let opts = SummaryOptions::weeks(d("2024-01-31"), d("2024-02-29"));
        assert_eq!(summarize(&[], &opts), Err(ClvError::NoCustomers));
        let late = [o(0, "2024-02-02", 1.0)];
        assert_eq!(summarize(&late, &opts), Err(ClvError::NoCustomers));
        let one_day = [
            o(0, "2024-01-05", 1.0),
            o(1, "2024-01-05", 2.0),
            o(1, "2024-02-05", 2.0),
        ];
        assert_eq!(summarize(&one_day, &opts), Err(ClvError::SingleDay));
        let nan = [o(0, "2024-01-05", f64::NAN)];
        assert_eq!(
            summarize(&nan, &opts),
            Err(ClvError::NonFiniteAmount { row: 0 })
        );
        let back = SummaryOptions::weeks(d("2024-01-31"), d("2024-01-01"));
        assert!(matches!(
            summarize(&late, &back),
            Err(ClvError::InvalidPeriod { .. })
        ));
    }
}

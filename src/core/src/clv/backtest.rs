//! Backtest: with the model fitted on the calibration period, the predicted repeat purchases in
//! the holdout period against the actual ones, per customer (as Fader, Hardie & Lee's figure of
//! "conditional expectations" and `lifetimes`' `plot_calibration_purchases_vs_holdout_purchases`).

use super::bgnbd::BgNbd;
use super::summary::Summary;
use super::ClvError;

/// Customers with `x` calibration repeat purchases (the last row: `x` or more).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestRow {
    pub x: u32,
    /// Whether this row gathers `x` or more.
    pub or_more: bool,
    pub customers: usize,
    /// Mean actual repeat purchases in the holdout.
    pub actual: f64,
    /// Mean predicted (conditional expected) repeat purchases in the holdout.
    pub predicted: f64,
}

/// The three things a backtest shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// Actual against predicted by number of calibration purchases.
    pub rows: Vec<BacktestRow>,
    pub total_actual: f64,
    pub total_predicted: f64,
    /// Mean over customers of |actual − predicted|.
    pub mean_absolute_error: f64,
    /// The holdout length the predictions are for (time unit of the summary).
    pub horizon: f64,
}

/// Backtests `model` on the summary's holdout period; rows for x = 0 … `last_row − 1`, then
/// one for `last_row` or more (the paper's figure uses 7).
pub fn backtest(summary: &Summary, model: &BgNbd, last_row: u32) -> Result<Backtest, ClvError> {
    let horizon = summary.holdout_length;
    if horizon.is_nan() || horizon <= 0.0 {
        return Err(ClvError::NoHoldout);
    }
    if summary.customers.is_empty() {
        return Err(ClvError::NoCustomers);
    }
    let mut rows: Vec<BacktestRow> = (0..=last_row)
        .map(|x| BacktestRow {
            x,
            or_more: x == last_row,
            customers: 0,
            actual: 0.0,
            predicted: 0.0,
        })
        .collect();
    let (mut total_actual, mut total_predicted, mut abs_error) = (0.0, 0.0, 0.0);
    for c in &summary.customers {
        let predicted = model.expected_purchases(horizon, c.x, c.t_x, c.t);
        let actual = c.holdout as f64;
        let row = &mut rows[c.x.min(last_row) as usize];
        row.customers += 1;
        row.actual += actual;
        row.predicted += predicted;
        total_actual += actual;
        total_predicted += predicted;
        abs_error += (actual - predicted).abs();
    }
    for row in &mut rows {
        if row.customers > 0 {
            row.actual /= row.customers as f64;
            row.predicted /= row.customers as f64;
        }
    }
    Ok(Backtest {
        rows,
        total_actual,
        total_predicted,
        mean_absolute_error: abs_error / summary.customers.len() as f64,
        horizon,
    })
}

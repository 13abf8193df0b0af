//! Customer-lifetime-value models: BG/NBD for the number of repeat purchases and Gamma-Gamma
//! for the spend per purchase, fitted by maximum likelihood from an order log. Pure math: no
//! UI, no I/O.
//!
//! - [`summary`]: order rows → per customer (x, tₓ, T), mean repeat spend and holdout count.
//! - [`bgnbd`]: Fader, Hardie & Lee (2005), "Counting your customers the easy way": the
//!   likelihood on customers compressed by their (x, tₓ, T) triple, the fit, P(alive), the
//!   conditional expected purchases over a horizon, and the population's E[X(t)].
//! - [`gamma_gamma`]: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves": the
//!   fit on repeat buyers, the conditional expected spend per purchase, and CLV as the spend
//!   times the discounted expected purchases month by month.
//! - [`backtest`]: predicted against actual repeat purchases in a holdout period.
//! - [`job`]: the fits as jobs to run elsewhere (the page's fit worker), and their answers as
//!   bytes.
//! - [`special`]: log-gamma (the `libm` crate), digamma and ₂F₁ (written here).
//! - [`optimize`]: BFGS with restarts and a Nelder–Mead fallback (written here: `argmin`
//!   would bring `wasm-bindgen` into the core on wasm32; see the module).
//!
//! Nothing here returns NaN for data that passed the fits' checks: degenerate data is a
//! [`ClvError`] saying what is wrong. Checked against the `lifetimes` package on the CDNOW
//! sample in `tests/clv.rs` (reference written by `tests/data/gen_clv_reference.py`).

pub mod backtest;
pub mod bgnbd;
pub mod gamma_gamma;
pub mod job;
pub mod optimize;
pub mod special;
pub mod summary;

pub use backtest::{backtest, Backtest, BacktestRow};
pub use bgnbd::{BgNbd, BgNbdFit, Triple};
pub use gamma_gamma::{clv, ClvOptions, GammaGamma, GammaGammaFit};
pub use summary::{summarize, CustomerSummary, Order, Summary, SummaryOptions};

use chrono::NaiveDate;
use std::fmt;

/// Fewer repeat buyers than this and a model is not fitted
/// ([`ClvError::TooFewRepeatBuyers`]): four (BG/NBD) or three (Gamma-Gamma) parameters need
/// more than a handful of customers who bought again.
pub const MIN_REPEAT_BUYERS: usize = 10;

/// Which model an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    BgNbd,
    GammaGamma,
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Model::BgNbd => "BG/NBD",
            Model::GammaGamma => "Gamma-Gamma",
        })
    }
}

/// Why the models cannot be built from the data; one variant per failure mode.
#[derive(Debug, Clone, PartialEq)]
pub enum ClvError {
    /// No customer with a purchase in the calibration period (or no rows at all).
    NoCustomers,
    /// The observation end is before the calibration end.
    InvalidPeriod {
        calibration_end: NaiveDate,
        observation_end: NaiveDate,
    },
    /// An order amount is NaN or infinite (row index in the input).
    NonFiniteAmount { row: usize },
    /// Every calibration purchase is on a single day: no time has passed to learn from.
    SingleDay,
    /// Nobody bought twice: nothing to learn purchase rates or dropout from.
    AllOneTimeBuyers { customers: usize },
    /// Too few repeat buyers to fit `model` (`excluded_non_positive`: repeat buyers left out of
    /// the Gamma-Gamma fit for a mean spend of zero or less, i.e. refunds).
    TooFewRepeatBuyers {
        model: Model,
        found: usize,
        needed: usize,
        excluded_non_positive: usize,
    },
    /// A (x, tₓ, T) triple that cannot be: non-finite, negative, tₓ > T, or tₓ > 0 with x = 0.
    InvalidTriple { index: usize },
    /// The optimiser did not reach a maximum of the likelihood.
    NotConverged {
        model: Model,
        iterations: usize,
        gradient: f64,
    },
    /// The likelihood keeps rising as a parameter runs to 0 or infinity: the data cannot
    /// identify the model (e.g. no sign of customers dropping out).
    Degenerate {
        model: Model,
        parameter: &'static str,
        value: f64,
    },
    /// Gamma-Gamma fitted q ≤ 1: the population's mean spend per purchase is infinite.
    InfiniteMeanSpend { q: f64 },
    /// The holdout period is empty, so there is nothing to backtest against.
    NoHoldout,
    /// An argument out of its range (a horizon, a discount rate, a time unit).
    InvalidArgument { name: &'static str, value: f64 },
}

impl fmt::Display for ClvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClvError::NoCustomers => write!(f, "no customer bought in the calibration period"),
            ClvError::InvalidPeriod {
                calibration_end,
                observation_end,
            } => write!(
                f,
                "the observation end {observation_end} is before the calibration end {calibration_end}"
            ),
            ClvError::NonFiniteAmount { row } => write!(f, "order row {row} has no valid amount"),
            ClvError::SingleDay => write!(
                f,
                "all purchases in the calibration period are on a single day: there is no history to fit"
            ),
            ClvError::AllOneTimeBuyers { customers } => write!(
                f,
                "all {customers} customers bought only once: repeat purchases are needed to fit the models"
            ),
            ClvError::TooFewRepeatBuyers {
                model,
                found,
                needed,
                excluded_non_positive,
            } => {
                write!(
                    f,
                    "too few repeat buyers to fit {model}: {found} (at least {needed} needed)"
                )?;
                if *excluded_non_positive > 0 {
                    write!(
                        f,
                        "; {excluded_non_positive} left out for a mean spend of zero or less (refunds)"
                    )?;
                }
                Ok(())
            }
            ClvError::InvalidTriple { index } => {
                write!(f, "customer {index} has an impossible frequency, recency or age")
            }
            ClvError::NotConverged {
                model,
                iterations,
                gradient,
            } => write!(
                f,
                "the {model} fit did not converge ({iterations} iterations, gradient {gradient:.2e})"
            ),
            ClvError::Degenerate {
                model,
                parameter,
                value,
            } => write!(
                f,
                "the {model} fit runs off to {parameter} = {value:.3e}: the data cannot identify the model"
            ),
            ClvError::InfiniteMeanSpend { q } => write!(
                f,
                "Gamma-Gamma fitted q = {q:.4} ≤ 1: the average spend per purchase is unbounded"
            ),
            ClvError::NoHoldout => write!(f, "the holdout period is empty"),
            ClvError::InvalidArgument { name, value } => write!(f, "{name} = {value} is out of range"),
        }
    }
}

impl std::error::Error for ClvError {}

/// For a fit that did not converge: [`ClvError::Degenerate`] naming the parameter whose
/// logarithm ran furthest, if one ran beyond e^±9 (the likelihood still rising towards a
/// boundary); `None` if the fit just failed.
fn runaway(model: Model, log_params: &[f64], names: &[&'static str]) -> Option<ClvError> {
    let (k, th) = log_params
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))?;
    (th.abs() > 9.0).then(|| ClvError::Degenerate {
        model,
        parameter: names[k],
        value: th.exp(),
    })
}

//! The fits as jobs that can run somewhere else: the page hands a large one to a Web Worker
//! (`src/fit_worker.rs`) so that no slider waits for it, and runs a small one in place. A job
//! is the order rows and the dates; its answer ([`Done`]) the fitted models with each
//! customer's (x, tₓ, T), or the backtest. Both cross to the worker as bytes
//! ([`Job::to_bytes`], [`Done::to_bytes`]): little-endian `f64`s, in which every count, index
//! and date (days since 0001-01-01) is exact.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::{
    backtest, bgnbd, gamma_gamma, summarize, Backtest, BacktestRow, BgNbd, BgNbdFit, ClvError,
    GammaGamma, GammaGammaFit, Model, Order, Summary, SummaryOptions, Triple,
};

/// Days per time unit: weeks, as the papers count.
pub const UNIT_DAYS: f64 = 7.0;
/// The backtest chart's last row gathers this many calibration purchases or more.
pub const BACKTEST_ROWS: u32 = 7;

/// Both models fitted on the orders up to the analysis date.
#[derive(Clone, Debug, PartialEq)]
pub struct Models {
    pub bg: BgNbdFit,
    /// `Err` when the spend model cannot be fitted (too few repeat buyers with a positive
    /// spend, …): the purchases are predicted, the value is not.
    pub gg: Result<GammaGammaFit, ClvError>,
    /// The Gamma-Gamma log-likelihood at its estimate.
    pub gg_log_likelihood: Option<f64>,
    /// The analysis date they were fitted as of.
    pub as_of: NaiveDate,
    /// Set when the fit on this data did not converge and these are the models of the last
    /// fit that did (as of `as_of`), kept: why the new fit failed.
    pub kept: Option<ClvError>,
}

/// One customer of the fit: its index in the orders, (x, tₓ, T) and mean repeat spend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitCustomer {
    pub customer: usize,
    pub triple: Triple,
    pub monetary: f64,
}

/// The fitted models and the customers they were fitted on.
pub type FittedModels = Result<(Vec<FitCustomer>, Models), ClvError>;

/// A fit to run.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// Both models on the orders up to `end`; if that fit does not converge, `previous` (the
    /// last models that did, for another analysis date of the same data) are kept.
    Models {
        orders: Arc<Vec<Order>>,
        end: NaiveDate,
        previous: Option<Box<Models>>,
    },
    /// BG/NBD on the orders up to `split`, against the repeat purchases from then to `end`.
    Backtest {
        orders: Arc<Vec<Order>>,
        split: NaiveDate,
        end: NaiveDate,
    },
}

/// What a job found.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    Models(FittedModels),
    Backtest(Result<Backtest, ClvError>),
}

impl Job {
    /// The order rows it reads: what its cost grows with.
    pub fn rows(&self) -> usize {
        match self {
            Job::Models { orders, .. } | Job::Backtest { orders, .. } => orders.len(),
        }
    }

    pub fn run(&self) -> Done {
        match self {
            Job::Models {
                orders,
                end,
                previous,
            } => Done::Models(fit_models(orders, *end, previous.as_deref())),
            Job::Backtest { orders, split, end } => {
                Done::Backtest(run_backtest(orders, *split, *end))
            }
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        let (orders, dates) = match self {
            Job::Models {
                orders,
                end,
                previous,
            } => {
                w.put(0.0);
                match previous {
                    Some(m) => {
                        w.put(1.0);
                        w.models(m);
                    }
                    None => w.put(0.0),
                }
                (orders, vec![*end])
            }
            Job::Backtest { orders, split, end } => {
                w.put(1.0);
                (orders, vec![*split, *end])
            }
        };
        for d in dates {
            w.date(d);
        }
        w.len(orders.len());
        for o in orders.iter() {
            w.len(o.customer);
            w.date(o.date);
            w.put(o.amount);
        }
        w.0
    }

    /// `None` for bytes [`Job::to_bytes`] did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Job> {
        let mut r = Reader::new(bytes)?;
        let tag = r.len()?;
        let previous = match tag {
            0 => match r.len()? {
                0 => None,
                1 => Some(Box::new(r.models()?)),
                _ => return None,
            },
            _ => None,
        };
        let first = r.date()?;
        let second = if tag == 1 { Some(r.date()?) } else { None };
        let n = r.len()?;
        let mut orders = Vec::with_capacity(n.min(bytes.len() / 24));
        for _ in 0..n {
            orders.push(Order {
                customer: r.len()?,
                date: r.date()?,
                amount: r.get()?,
            });
        }
        let orders = Arc::new(orders);
        let job = match (tag, second) {
            (0, None) => Job::Models {
                orders,
                end: first,
                previous,
            },
            (1, Some(end)) => Job::Backtest {
                orders,
                split: first,
                end,
            },
            _ => return None,
        };
        r.done().then_some(job)
    }
}

impl Done {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        match self {
            Done::Models(Ok((customers, m))) => {
                w.put(0.0);
                w.models(m);
                w.len(customers.len());
                for c in customers {
                    w.len(c.customer);
                    w.len(c.triple.x as usize);
                    w.put(c.triple.t_x);
                    w.put(c.triple.t);
                    w.put(c.monetary);
                }
            }
            Done::Models(Err(e)) => {
                w.put(1.0);
                w.error(e);
            }
            Done::Backtest(Ok(b)) => {
                w.put(2.0);
                for v in [
                    b.total_actual,
                    b.total_predicted,
                    b.mean_absolute_error,
                    b.horizon,
                ] {
                    w.put(v);
                }
                w.len(b.rows.len());
                for row in &b.rows {
                    w.len(row.x as usize);
                    w.put(if row.or_more { 1.0 } else { 0.0 });
                    w.len(row.customers);
                    w.put(row.actual);
                    w.put(row.predicted);
                }
            }
            Done::Backtest(Err(e)) => {
                w.put(3.0);
                w.error(e);
            }
        }
        w.0
    }

    /// `None` for bytes [`Done::to_bytes`] did not write.
    pub fn from_bytes(bytes: &[u8]) -> Option<Done> {
        let mut r = Reader::new(bytes)?;
        let done = match r.len()? {
            0 => {
                let models = r.models()?;
                let n = r.len()?;
                let mut customers = Vec::with_capacity(n.min(bytes.len() / 40));
                for _ in 0..n {
                    customers.push(FitCustomer {
                        customer: r.len()?,
                        triple: Triple {
                            x: r.u32()?,
                            t_x: r.get()?,
                            t: r.get()?,
                        },
                        monetary: r.get()?,
                    });
                }
                Done::Models(Ok((customers, models)))
            }
            1 => Done::Models(Err(r.error()?)),
            2 => {
                let (total_actual, total_predicted) = (r.get()?, r.get()?);
                let (mean_absolute_error, horizon) = (r.get()?, r.get()?);
                let n = r.len()?;
                let mut rows = Vec::with_capacity(n.min(bytes.len() / 40));
                for _ in 0..n {
                    rows.push(BacktestRow {
                        x: r.u32()?,
                        or_more: r.len()? == 1,
                        customers: r.len()?,
                        actual: r.get()?,
                        predicted: r.get()?,
                    });
                }
                Done::Backtest(Ok(Backtest {
                    rows,
                    total_actual,
                    total_predicted,
                    mean_absolute_error,
                    horizon,
                }))
            }
            3 => Done::Backtest(Err(r.error()?)),
            _ => return None,
        };
        r.done().then_some(done)
    }
}

/// Both models on the orders up to `end`, in weeks; with the customers they were fitted on.
/// If BG/NBD does not converge and `previous` models are given (the last fit that did, for
/// another analysis date of the same data), those are kept, saying why ([`Models::kept`]).
pub fn fit_models(rows: &[Order], end: NaiveDate, previous: Option<&Models>) -> FittedModels {
    let summary = summarize(
        rows,
        &SummaryOptions {
            calibration_end: end,
            observation_end: end,
            unit_days: UNIT_DAYS,
        },
    )?;
    let customers = summary
        .customers
        .iter()
        .map(|c| FitCustomer {
            customer: c.customer,
            triple: Triple {
                x: c.x,
                t_x: c.t_x,
                t: c.t,
            },
            monetary: c.monetary_value,
        })
        .collect();
    let models = fit_both(&summary, end);
    Ok((customers, keep_previous(models, previous)?))
}

/// `fitted`, or, when it did not converge, the `previous` models marked as kept.
pub fn keep_previous(
    fitted: Result<Models, ClvError>,
    previous: Option<&Models>,
) -> Result<Models, ClvError> {
    match (fitted, previous) {
        (Err(e @ ClvError::NotConverged { .. }), Some(p)) => Ok(Models {
            kept: Some(e),
            ..p.clone()
        }),
        (fitted, _) => fitted,
    }
}

fn fit_both(summary: &Summary, end: NaiveDate) -> Result<Models, ClvError> {
    let bg = bgnbd::fit(&triples(summary))?;
    let spend: Vec<(u32, f64)> = summary
        .customers
        .iter()
        .map(|c| (c.x, c.monetary_value))
        .collect();
    let gg = gamma_gamma::fit(&spend);
    let gg_log_likelihood = gg.as_ref().ok().map(|g| g.params.log_likelihood(&spend));
    Ok(Models {
        bg,
        gg,
        gg_log_likelihood,
        as_of: end,
        kept: None,
    })
}

/// Each summarized customer's (x, tₓ, T).
fn triples(summary: &Summary) -> Vec<Triple> {
    summary
        .customers
        .iter()
        .map(|c| Triple {
            x: c.x,
            t_x: c.t_x,
            t: c.t,
        })
        .collect()
}

/// The backtest at `split`: the model fitted on the orders up to it, its predicted repeat
/// purchases against the actual ones up to `end`.
pub fn run_backtest(
    rows: &[Order],
    split: NaiveDate,
    end: NaiveDate,
) -> Result<Backtest, ClvError> {
    let summary = summarize(rows, &SummaryOptions::weeks(split, end))?;
    let bg = bgnbd::fit(&triples(&summary))?;
    backtest(&summary, &bg.params, BACKTEST_ROWS)
}

/// Parameter names a [`ClvError::Degenerate`] can carry (the fits' own).
const PARAMETERS: [&str; 7] = ["r", "alpha", "a", "b", "p", "q", "gamma"];
const ARGUMENTS: [&str; 4] = [
    "monetary_value",
    "monthly_discount",
    "periods_per_month",
    "unit_days",
];

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn put(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.put(n as f64);
    }

    fn date(&mut self, d: NaiveDate) {
        self.put(f64::from(d.num_days_from_ce()));
    }

    fn model(&mut self, m: Model) {
        self.put(match m {
            Model::BgNbd => 0.0,
            Model::GammaGamma => 1.0,
        });
    }

    fn name(&mut self, names: &[&str], name: &str) {
        self.len(names.iter().position(|n| *n == name).unwrap_or(names.len()));
    }

    fn models(&mut self, m: &Models) {
        self.bg_fit(&m.bg);
        match &m.gg {
            Ok(g) => {
                self.put(0.0);
                self.gg_fit(g);
            }
            Err(e) => {
                self.put(1.0);
                self.error(e);
            }
        }
        self.put(m.gg_log_likelihood.unwrap_or(f64::NAN));
        self.date(m.as_of);
        match &m.kept {
            Some(e) => {
                self.put(1.0);
                self.error(e);
            }
            None => self.put(0.0),
        }
    }

    fn bg_fit(&mut self, f: &BgNbdFit) {
        let BgNbd { r, alpha, a, b } = f.params;
        for v in [r, alpha, a, b, f.log_likelihood] {
            self.put(v);
        }
        for n in [
            f.customers,
            f.repeat_buyers,
            f.distinct_triples,
            f.iterations,
            f.evaluations,
        ] {
            self.len(n);
        }
        self.put(f.gradient);
    }

    fn gg_fit(&mut self, f: &GammaGammaFit) {
        let GammaGamma { p, q, gamma } = f.params;
        for v in [p, q, gamma, f.log_likelihood] {
            self.put(v);
        }
        for n in [
            f.customers,
            f.excluded_non_positive,
            f.iterations,
            f.evaluations,
        ] {
            self.len(n);
        }
        self.put(f.gradient);
    }

    fn error(&mut self, e: &ClvError) {
        match e {
            ClvError::NoCustomers => self.put(0.0),
            ClvError::InvalidPeriod {
                calibration_end,
                observation_end,
            } => {
                self.put(1.0);
                self.date(*calibration_end);
                self.date(*observation_end);
            }
            ClvError::NonFiniteAmount { row } => {
                self.put(2.0);
                self.len(*row);
            }
            ClvError::SingleDay => self.put(3.0),
            ClvError::AllOneTimeBuyers { customers } => {
                self.put(4.0);
                self.len(*customers);
            }
            ClvError::TooFewRepeatBuyers {
                model,
                found,
                needed,
                excluded_non_positive,
            } => {
                self.put(5.0);
                self.model(*model);
                self.len(*found);
                self.len(*needed);
                self.len(*excluded_non_positive);
            }
            ClvError::InvalidTriple { index } => {
                self.put(6.0);
                self.len(*index);
            }
            ClvError::NotConverged {
                model,
                iterations,
                gradient,
            } => {
                self.put(7.0);
                self.model(*model);
                self.len(*iterations);
                self.put(*gradient);
            }
            ClvError::Degenerate {
                model,
                parameter,
                value,
            } => {
                self.put(8.0);
                self.model(*model);
                self.name(&PARAMETERS, parameter);
                self.put(*value);
            }
            ClvError::InfiniteMeanSpend { q } => {
                self.put(9.0);
                self.put(*q);
            }
            ClvError::NoHoldout => self.put(10.0),
            ClvError::InvalidArgument { name, value } => {
                self.put(11.0);
                self.name(&ARGUMENTS, name);
                self.put(*value);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Option<Reader<'a>> {
        bytes.len().is_multiple_of(8).then_some(Reader { bytes })
    }

    fn get(&mut self) -> Option<f64> {
        let (head, rest) = self.bytes.split_first_chunk::<8>()?;
        self.bytes = rest;
        Some(f64::from_le_bytes(*head))
    }

    /// A count or index: a whole number from 0 to 2⁵³.
    fn len(&mut self) -> Option<usize> {
        let v = self.get()?;
        (v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0).then_some(v as usize)
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.len()?).ok()
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let v = self.get()?;
        if v.fract() != 0.0 || v.abs() > 1e9 {
            return None;
        }
        NaiveDate::from_num_days_from_ce_opt(v as i32)
    }

    fn model(&mut self) -> Option<Model> {
        match self.len()? {
            0 => Some(Model::BgNbd),
            1 => Some(Model::GammaGamma),
            _ => None,
        }
    }

    fn name(&mut self, names: &[&'static str]) -> Option<&'static str> {
        Some(names.get(self.len()?).copied().unwrap_or("?"))
    }

    fn models(&mut self) -> Option<Models> {
        let bg = self.bg_fit()?;
        let gg = match self.len()? {
            0 => Ok(self.gg_fit()?),
            1 => Err(self.error()?),
            _ => return None,
        };
        let gg_log_likelihood = Some(self.get()?).filter(|v| !v.is_nan());
        let as_of = self.date()?;
        let kept = match self.len()? {
            0 => None,
            1 => Some(self.error()?),
            _ => return None,
        };
        Some(Models {
            bg,
            gg,
            gg_log_likelihood,
            as_of,
            kept,
        })
    }

    fn bg_fit(&mut self) -> Option<BgNbdFit> {
        let params = BgNbd {
            r: self.get()?,
            alpha: self.get()?,
            a: self.get()?,
            b: self.get()?,
        };
        Some(BgNbdFit {
            params,
            log_likelihood: self.get()?,
            customers: self.len()?,
            repeat_buyers: self.len()?,
            distinct_triples: self.len()?,
            iterations: self.len()?,
            evaluations: self.len()?,
            gradient: self.get()?,
        })
    }

    fn gg_fit(&mut self) -> Option<GammaGammaFit> {
        let params = GammaGamma {
            p: self.get()?,
            q: self.get()?,
            gamma: self.get()?,
        };
        Some(GammaGammaFit {
            params,
            log_likelihood: self.get()?,
            customers: self.len()?,
            excluded_non_positive: self.len()?,
            iterations: self.len()?,
            evaluations: self.len()?,
            gradient: self.get()?,
        })
    }

    fn error(&mut self) -> Option<ClvError> {
        Some(match self.len()? {
            0 => ClvError::NoCustomers,
            1 => ClvError::InvalidPeriod {
                calibration_end: self.date()?,
                observation_end: self.date()?,
            },
            2 => ClvError::NonFiniteAmount { row: self.len()? },
            3 => ClvError::SingleDay,
            4 => ClvError::AllOneTimeBuyers {
                customers: self.len()?,
            },
            5 => ClvError::TooFewRepeatBuyers {
                model: self.model()?,
                found: self.len()?,
                needed: self.len()?,
                excluded_non_positive: self.len()?,
            },
            6 => ClvError::InvalidTriple { index: self.len()? },
            7 => ClvError::NotConverged {
                model: self.model()?,
                iterations: self.len()?,
                gradient: self.get()?,
            },
            8 => ClvError::Degenerate {
                model: self.model()?,
                parameter: self.name(&PARAMETERS)?,
                value: self.get()?,
            },
            9 => ClvError::InfiniteMeanSpend { q: self.get()? },
            10 => ClvError::NoHoldout,
            11 => ClvError::InvalidArgument {
                name: self.name(&ARGUMENTS)?,
                value: self.get()?,
            },
            _ => return None,
        })
    }

    fn done(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn every_error() -> Vec<ClvError> {
        vec![
            ClvError::NoCustomers,
            ClvError::InvalidPeriod {
                calibration_end: day(2024, 3, 1),
                observation_end: day(2023, 1, 31),
            },
            ClvError::NonFiniteAmount { row: 12 },
            ClvError::SingleDay,
            ClvError::AllOneTimeBuyers { customers: 7 },
            ClvError::TooFewRepeatBuyers {
                model: Model::GammaGamma,
                found: 3,
                needed: 10,
                excluded_non_positive: 2,
            },
            ClvError::InvalidTriple { index: 5 },
            ClvError::NotConverged {
                model: Model::BgNbd,
                iterations: 400,
                gradient: 1.5e-3,
            },
            ClvError::Degenerate {
                model: Model::GammaGamma,
                parameter: "gamma",
                value: 3.2e9,
            },
            ClvError::InfiniteMeanSpend { q: 0.75 },
            ClvError::NoHoldout,
            ClvError::InvalidArgument {
                name: "monthly_discount",
                value: -1.0,
            },
        ]
    }

    #[test]
    fn every_answer_crosses_as_bytes_unchanged() {
        for e in every_error() {
            for done in [Done::Models(Err(e.clone())), Done::Backtest(Err(e.clone()))] {
                assert_eq!(Done::from_bytes(&done.to_bytes()), Some(done));
            }
        }
        let mut orders = Vec::new();
        for c in 0..40usize {
            for k in 0..(1 + c % 4) {
                orders.push(Order {
                    customer: c,
                    date: day(2024, 1, 1) + chrono::Duration::days((c * 3 + k * (11 + c)) as i64),
                    amount: 10.0 + (c * k) as f64,
                });
            }
        }
        let orders = Arc::new(orders);
        for job in [
            Job::Models {
                orders: orders.clone(),
                end: day(2024, 12, 31),
                previous: None,
            },
            Job::Backtest {
                orders: orders.clone(),
                split: day(2024, 6, 30),
                end: day(2024, 12, 31),
            },
        ] {
            assert_eq!(Job::from_bytes(&job.to_bytes()).as_ref(), Some(&job));
            // (Fitted or not: `tests/clv_method.rs` crosses the CDNOW sample's fitted models.)
            let done = job.run();
            let bytes = done.to_bytes();
            assert_eq!(Done::from_bytes(&bytes).as_ref(), Some(&done));
            // Cut short, or with a byte more, it is not an answer.
            assert_eq!(Done::from_bytes(&bytes[..bytes.len() - 8]), None);
            assert_eq!(Done::from_bytes(&bytes[..bytes.len() - 1]), None);
            let mut longer = bytes.clone();
            longer.extend_from_slice(&0f64.to_le_bytes());
            assert_eq!(Done::from_bytes(&longer), None);
        }
    }

    fn models(as_of: NaiveDate) -> Models {
        let bg = BgNbdFit {
            params: BgNbd {
                r: 0.24,
                alpha: 4.4,
                a: 0.79,
                b: 2.4,
            },
            log_likelihood: -9582.4,
            customers: 2357,
            repeat_buyers: 946,
            distinct_triples: 1200,
            iterations: 30,
            evaluations: 60,
            gradient: 1e-9,
        };
        Models {
            bg,
            gg: Err(ClvError::InfiniteMeanSpend { q: 0.9 }),
            gg_log_likelihood: None,
            as_of,
            kept: None,
        }
    }

    /// A fit that does not converge keeps the last models that did, saying why; any other
    /// failure, or no earlier models, is the failure; a fit that converges is itself.
    #[test]
    fn a_fit_that_does_not_converge_keeps_the_previous_models() {
        let earlier = models(day(2024, 6, 30));
        let stuck = ClvError::NotConverged {
            model: Model::BgNbd,
            iterations: 500,
            gradient: 0.3,
        };
        let kept = keep_previous(Err(stuck.clone()), Some(&earlier)).unwrap();
        assert_eq!(kept.kept, Some(stuck.clone()));
        assert_eq!(kept.as_of, day(2024, 6, 30));
        assert_eq!(kept.bg, earlier.bg);
        assert_eq!(keep_previous(Err(stuck.clone()), None), Err(stuck));
        let degenerate = ClvError::Degenerate {
            model: Model::BgNbd,
            parameter: "a",
            value: 1e12,
        };
        assert_eq!(
            keep_previous(Err(degenerate.clone()), Some(&earlier)),
            Err(degenerate)
        );
        let fresh = models(day(2024, 12, 31));
        assert_eq!(keep_previous(Ok(fresh.clone()), Some(&earlier)), Ok(fresh));

        // Both cross to the worker: the job with the models to keep, the answer with them.
        let job = Job::Models {
            orders: Arc::new(vec![Order {
                customer: 3,
                date: day(2024, 2, 29),
                amount: -12.5,
            }]),
            end: day(2024, 12, 31),
            previous: Some(Box::new(earlier.clone())),
        };
        assert_eq!(Job::from_bytes(&job.to_bytes()), Some(job));
        let customer = FitCustomer {
            customer: 3,
            triple: Triple {
                x: 2,
                t_x: 10.0,
                t: 30.5,
            },
            monetary: 41.25,
        };
        let done = Done::Models(Ok((vec![customer], kept)));
        assert_eq!(Done::from_bytes(&done.to_bytes()), Some(done));
    }

    /// Bytes that no job wrote give `None`, never a panic or a huge allocation.
    #[test]
    fn garbage_is_no_job_and_no_answer() {
        let mut next = crate::test_rng::xorshift(7);
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len * 8).map(|_| (next() % 7) as u8).collect();
            let _ = Job::from_bytes(&bytes);
            let _ = Done::from_bytes(&bytes);
        }
        let mut huge = Vec::new();
        for v in [0.0, 738_000.0, 1e15] {
            huge.extend_from_slice(&f64::to_le_bytes(v));
        }
        assert_eq!(Job::from_bytes(&huge), None);
    }
}

//! Customer lifetime value: BG/NBD (Fader, Hardie & Lee 2005) for the repeat purchases and
//! Gamma-Gamma for the spend per purchase (`crate::clv`), fitted on the order log up to the
//! analysis date, in weeks as the papers count them.
//!
//! Per customer of the log: the probability it is still active (P(alive)), the purchases it
//! is expected to make over the horizon, its expected spend per purchase and its predicted
//! value (the spend times the purchases, month by month, discounted). Classes:
//! - **one-time buyers**: no repeat purchase yet; BG/NBD gives them P(alive) = 1 by
//!   construction, so the model cannot judge them;
//! - **lost**: P(alive) below the lost threshold; **lapsing**: below the lapsing threshold;
//! - among the rest, **high future value**: the top share by predicted value; **steady**.
//!
//! Customers with no order (prospects) are unclassed. The fit runs once per dataset (so once
//! per analysis date: a new date is a new dataset); the backtest once per split, and the
//! predicted values once per horizon and discount (both kept in the prep's cache), so the
//! threshold sliders only re-class.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::classify::explain::{Cmp, Reason, Unit};
use crate::classify::method::{Explained, Inputs, MethodDef};
use crate::classify::prepared::{Index, Prepared};
use crate::classify::{Class, Missing};
pub use crate::clv::job::Models;
use crate::clv::job::{self, FittedModels, Job};
use crate::clv::{self, gamma_gamma, Backtest, ClvError, Order, Triple};
use crate::i18n::Tr;
use crate::import::rollup::NO_DATE;
use crate::import::values::days_to_date;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::{ClvSettings, Settings};

strategy!(
    CLV_HIGH,
    "clv.high_value",
    Tr::new(
        "High future value: invest in keeping them",
        "高未来价值：投入资源保留",
        "Alto valor futuro: invierta en conservarlos"
    ),
    [
        Tr::new(
            "A named contact and priority service",
            "指定专人联系，优先服务",
            "Un contacto asignado y servicio prioritario"
        ),
        Tr::new(
            "Offer loyalty terms before a competitor does",
            "抢在竞争对手之前提供忠诚度条款",
            "Ofrezca condiciones de fidelidad antes que la competencia"
        ),
    ]
);
strategy!(
    CLV_STEADY,
    "clv.steady",
    Tr::new(
        "Steady: grow the basket",
        "稳定客户：提升客单",
        "Estables: amplíe la cesta"
    ),
    [
        Tr::new(
            "Cross-sell and bundles at the usual cadence",
            "按常规节奏交叉销售和组合推荐",
            "Venta cruzada y paquetes al ritmo habitual"
        ),
        Tr::new(
            "Automated reminders when a repurchase is due",
            "到复购时间时自动提醒",
            "Recordatorios automáticos cuando toque recomprar"
        ),
    ]
);
strategy!(
    CLV_LAPSING,
    "clv.lapsing",
    Tr::new(
        "Lapsing: win them back now",
        "正在流失：立即挽回",
        "Alejándose: recupérelos ya"
    ),
    [
        Tr::new(
            "A personal call or a win-back offer",
            "亲自致电或提供挽回优惠",
            "Una llamada personal o una oferta de recuperación"
        ),
        Tr::new(
            "Ask what changed: service, price, a competitor",
            "了解变化原因：服务、价格还是竞争对手",
            "Pregunte qué cambió: servicio, precio, competencia"
        ),
    ]
);
strategy!(
    CLV_LOST,
    "clv.lost",
    Tr::new(
        "Lost: low-cost reactivation only",
        "已流失：仅做低成本唤醒",
        "Perdidos: solo reactivación de bajo coste"
    ),
    [
        Tr::new(
            "Keep them on low-cost campaigns",
            "只纳入低成本营销活动",
            "Manténgalos solo en campañas de bajo coste"
        ),
        Tr::new(
            "Stop costly service until they buy again",
            "在其再次购买前停止高成本服务",
            "Detenga el servicio costoso hasta que vuelvan a comprar"
        ),
    ]
);
strategy!(
    CLV_ONE_TIME,
    "clv.one_time",
    Tr::new(
        "One-time buyers: earn the second order",
        "一次性买家：争取第二单",
        "Compradores de una vez: consiga el segundo pedido"
    ),
    [
        Tr::new(
            "A welcome series and a second-order incentive",
            "欢迎系列沟通和第二单激励",
            "Una serie de bienvenida y un incentivo al segundo pedido"
        ),
        Tr::new(
            "The model cannot judge them until they buy again",
            "在其再次购买前模型无法判断",
            "El modelo no puede juzgarlos hasta que vuelvan a comprar"
        ),
    ]
);

class_enum! {
    /// The CLV classes, best first.
    ClvClass {
        HighValue => "high_value", Tr::new("High future value", "高未来价值", "Alto valor futuro"), CLV_HIGH;
        Steady => "steady", Tr::new("Steady", "稳定", "Estables"), CLV_STEADY;
        Lapsing => "lapsing", Tr::new("Lapsing", "正在流失", "Alejándose"), CLV_LAPSING;
        Lost => "lost", Tr::new("Lost", "已流失", "Perdidos"), CLV_LOST;
        OneTime => "one_time", Tr::new("One-time buyers", "一次性买家", "Compradores de una vez"), CLV_ONE_TIME;
    }
}

/// One customer of the fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fitted {
    pub triple: Triple,
    /// Mean spend per repeat purchase day (0 with no repeat).
    pub monetary: f64,
    pub p_alive: f64,
}

/// The settings-independent part, computed once per dataset.
#[derive(Clone, Debug, Default)]
pub struct ClvPrep {
    /// The order rows (dataset customer index, day, amount); empty without a log.
    pub orders: Arc<Vec<Order>>,
    pub has_log: bool,
    /// The analysis date (the calibration end).
    pub as_of: Option<NaiveDate>,
    pub first_date: Option<NaiveDate>,
    /// Per dataset customer: its figures, `None` with no order.
    pub fitted: Vec<Option<Fitted>>,
    pub models: Option<Result<Models, ClvError>>,
    /// Rows with a zero or negative amount (refunds), counted as purchase days.
    pub non_positive_rows: usize,
    /// The fit is still to run ([`ClvPrep::fit_job`], then [`ClvPrep::install`]): `fitted`
    /// and `models` are empty until then.
    pub pending: bool,
    /// The models of the last fit that converged on the same data (for another analysis
    /// date), kept if this fit does not converge.
    pub previous: Option<Box<Models>>,
    /// The last predicted values (per horizon and discount) and backtest (per split date).
    cache: Arc<Mutex<Cache>>,
}

/// Months and the discount rate's bits: what the predictions depend on.
type ValueKey = (u32, u64);

/// Per customer, the predicted value and the expected purchases over the horizon (NaN when
/// not predicted), and the customers in the order the high-value class takes them.
#[derive(Debug)]
struct Predictions {
    value: Arc<Vec<f64>>,
    expected: Arc<Vec<f64>>,
    /// Customers with a finite measure (the value, else the expected purchases), highest
    /// first, ties by id: a threshold slider filters it instead of sorting again.
    order: Vec<u32>,
}

#[derive(Debug, Default)]
struct Cache {
    predictions: Option<(ValueKey, Arc<Predictions>)>,
    curves: Option<Arc<Curves>>,
    backtest: Option<(NaiveDate, Arc<Result<Backtest, ClvError>>)>,
    /// The last backtest fitted, at its split: shown when a new split's fit does not converge.
    last_backtest: Option<(NaiveDate, Arc<Result<Backtest, ClvError>>)>,
}

/// The longest horizon, in months (the slider's end).
const MAX_MONTHS: usize = 24;

/// E[Y(k months) | alive] for k = 1..=`months`, per distinct (x, T) (see [`ages`]), computed
/// once per dataset and extended when a longer horizon is asked for: a horizon or discount
/// slider then sums these instead of evaluating ₂F₁ again.
#[derive(Clone, Debug, Default)]
struct Curves {
    /// Per customer, its (x, T) pair's index (`u32::MAX`: not fitted).
    pair_of: Vec<u32>,
    pairs: Vec<(u32, f64)>,
    /// Months computed for every pair.
    months: usize,
    /// Pair-major, [`MAX_MONTHS`] per pair.
    values: Vec<f64>,
}

impl Curves {
    fn new(fitted: &[Option<Fitted>]) -> Curves {
        let bucket = ages(fitted);
        let mut index: HashMap<(u32, u64), u32> = HashMap::new();
        let mut pairs = Vec::new();
        let pair_of = fitted
            .iter()
            .map(|f| {
                let Some(f) = f else { return u32::MAX };
                let (x, age) = (f.triple.x, bucket(f.triple.t));
                *index.entry((x, age.to_bits())).or_insert_with(|| {
                    pairs.push((x, age));
                    (pairs.len() - 1) as u32
                })
            })
            .collect();
        let values = vec![0.0; pairs.len() * MAX_MONTHS];
        Curves {
            pair_of,
            pairs,
            months: 0,
            values,
        }
    }

    /// Fills months up to `months` for every pair.
    fn extend(&mut self, bg: &clv::BgNbd, months: usize) {
        let months = months.min(MAX_MONTHS);
        if months <= self.months {
            return;
        }
        let period = gamma_gamma::WEEKS_PER_MONTH;
        for (i, &(x, age)) in self.pairs.iter().enumerate() {
            let row = &mut self.values[i * MAX_MONTHS..(i + 1) * MAX_MONTHS];
            for (k, v) in row.iter_mut().enumerate().take(months).skip(self.months) {
                *v = bg.expected_if_alive((k + 1) as f64 * period, x, age);
            }
        }
        self.months = months;
    }

    fn curve(&self, pair: u32) -> &[f64] {
        let i = pair as usize * MAX_MONTHS;
        &self.values[i..i + self.months]
    }
}

/// The backtest: where the log was split and how the model fitted on the first part
/// predicted the second. The fit on the first part is made on the first call of
/// [`BacktestRun::result`] (only the lifetime-value page shows it), not in every import:
/// it took about 200 ms of a 1M-row log's import natively. Kept per split date.
#[derive(Clone)]
pub struct BacktestRun {
    pub split: NaiveDate,
    orders: Arc<Vec<Order>>,
    end: Option<NaiveDate>,
    cache: Arc<Mutex<Cache>>,
}

impl BacktestRun {
    /// The backtest at this split, fitted now if it was not yet.
    pub fn result(&self) -> Arc<Result<Backtest, ClvError>> {
        if let Some(b) = self.cached() {
            return b;
        }
        match self.job() {
            Some(job) => match job.run() {
                job::Done::Backtest(b) => self.store(b),
                job::Done::Models(_) => Arc::new(Err(ClvError::NoHoldout)),
            },
            None => Arc::new(Err(ClvError::NoHoldout)),
        }
    }

    /// The backtest at this split if it was fitted.
    pub fn cached(&self) -> Option<Arc<Result<Backtest, ClvError>>> {
        let cache = self.cache.lock().ok()?;
        let (d, b) = cache.backtest.as_ref()?;
        (*d == self.split).then(|| b.clone())
    }

    /// The fit to run for it somewhere else (`None` without an analysis date).
    pub fn job(&self) -> Option<Job> {
        Some(Job::Backtest {
            orders: self.orders.clone(),
            split: self.split,
            end: self.end?,
        })
    }

    /// Keeps what [`BacktestRun::job`] found, for [`BacktestRun::cached`].
    pub fn store(&self, b: Result<Backtest, ClvError>) -> Arc<Result<Backtest, ClvError>> {
        let b = Arc::new(b);
        if let Ok(mut cache) = self.cache.lock() {
            cache.backtest = Some((self.split, b.clone()));
            if b.is_ok() {
                cache.last_backtest = Some((self.split, b.clone()));
            }
        }
        b
    }

    /// What to show for this split once fitted: its backtest, or, when its fit did not
    /// converge, the last backtest that did, at its own split, with why this one failed.
    pub fn shown(&self) -> Option<ShownBacktest> {
        let result = self.cached()?;
        if let Err(e @ ClvError::NotConverged { .. }) = result.as_ref() {
            let last = self.cache.lock().ok()?.last_backtest.clone();
            if let Some((split, kept)) = last {
                return Some(ShownBacktest {
                    split,
                    result: kept,
                    kept: Some(e.clone()),
                });
            }
        }
        Some(ShownBacktest {
            split: self.split,
            result,
            kept: None,
        })
    }
}

/// A backtest to show ([`BacktestRun::shown`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ShownBacktest {
    /// The split it was fitted at.
    pub split: NaiveDate,
    pub result: Arc<Result<Backtest, ClvError>>,
    /// Set when the split asked for did not converge and this is the last that did: why.
    pub kept: Option<ClvError>,
}

/// Two runs are the same backtest when they split the same orders at the same date.
impl PartialEq for BacktestRun {
    fn eq(&self, other: &Self) -> bool {
        self.split == other.split
            && self.end == other.end
            && Arc::ptr_eq(&self.orders, &other.orders)
    }
}

impl std::fmt::Debug for BacktestRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BacktestRun")
            .field("split", &self.split)
            .field("end", &self.end)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClvResult {
    pub class: Vec<Option<ClvClass>>,
    pub counts: Vec<usize>,
    /// Per customer: predicted value over the horizon (NaN when not predicted).
    pub value: Arc<Vec<f64>>,
    /// Per customer: expected purchases over the horizon (NaN when not predicted).
    pub expected: Arc<Vec<f64>>,
    /// The lowest predicted value in the high-value class (NaN when empty).
    pub high_cut: f64,
    /// Why the models could not be fitted (then every customer is unclassed).
    pub error: Option<ClvError>,
    /// The models are being fitted elsewhere (then every customer is unclassed, for now).
    pub fitting: bool,
    pub backtest: Option<BacktestRun>,
}

/// The order rows and dates, with the fit left for [`ClvPrep::fit_job`] (`pending`).
fn prepare_quick(ds: &Dataset) -> ClvPrep {
    let Some(orders) = &ds.orders else {
        return ClvPrep::default();
    };
    let log = &orders.log;
    let mut rows = Vec::with_capacity(log.len());
    for k in 0..log.len() {
        let (Some(&c), Some(&d)) = (log.customer.get(k), log.date.get(k)) else {
            continue;
        };
        let Some(&ix) = orders.index.get(c as usize) else {
            continue;
        };
        let amount = log.amount.get(k).unwrap_or(f64::NAN);
        if ix == u32::MAX || d == NO_DATE || !amount.is_finite() {
            continue;
        }
        let Some(date) = days_to_date(d) else {
            continue;
        };
        rows.push(Order {
            customer: ix as usize,
            date,
            amount,
        });
    }
    let as_of = ds
        .as_of
        .or_else(|| rows.iter().map(|o| o.date).max())
        .filter(|_| !rows.is_empty());
    let first_date = rows.iter().map(|o| o.date).min();
    let mut prep = ClvPrep {
        has_log: true,
        as_of,
        first_date,
        fitted: vec![None; ds.len()],
        non_positive_rows: rows.iter().filter(|o| o.amount <= 0.0).count(),
        pending: true,
        orders: Arc::new(rows),
        ..ClvPrep::default()
    };
    if as_of.is_none() {
        prep.models = Some(Err(ClvError::NoCustomers));
        prep.pending = false;
    }
    prep
}

/// The preparation with its fit, here and now.
fn prepare(ds: &Dataset) -> ClvPrep {
    let mut prep = prepare_quick(ds);
    if let Some(job) = prep.fit_job() {
        if let job::Done::Models(done) = job.run() {
            prep.install(done);
        }
    }
    prep
}

impl ClvPrep {
    /// The fit still to run, while `pending`.
    pub fn fit_job(&self) -> Option<Job> {
        Some(Job::Models {
            orders: self.orders.clone(),
            end: self.as_of.filter(|_| self.pending)?,
            previous: self.previous.clone(),
        })
    }

    /// Takes the fit's answer: every fitted customer's figures and P(alive), and the models.
    pub fn install(&mut self, done: FittedModels) {
        self.pending = false;
        self.fitted.iter_mut().for_each(|f| *f = None);
        self.models = Some(done.map(|(customers, models)| {
            for c in &customers {
                if let Some(slot) = self.fitted.get_mut(c.customer) {
                    *slot = Some(Fitted {
                        triple: c.triple,
                        monetary: c.monetary,
                        p_alive: models
                            .bg
                            .params
                            .p_alive(c.triple.x, c.triple.t_x, c.triple.t),
                    });
                }
            }
            models
        }));
        // Predictions of an earlier fit are not these (a clone of the prep shares the cache).
        self.cache = Arc::default();
    }

    /// The backtest's split date for `share` percent of the span.
    pub fn split_date(&self, share: f64) -> Option<NaiveDate> {
        let (first, end) = (self.first_date?, self.as_of?);
        let span = (end - first).num_days();
        if span < 2 {
            return None;
        }
        let days = ((span as f64) * share / 100.0).round() as i64;
        Some(first + chrono::Duration::days(days.clamp(1, span - 1)))
    }

    /// The predictions for the horizon and discount in `s`, computed once per pair of them
    /// (a threshold slider reuses them).
    fn predictions(&self, s: &ClvSettings, models: &Models, by_id: &[u32]) -> Arc<Predictions> {
        let key = (s.horizon_months as u32, s.monthly_discount.to_bits());
        let Ok(mut cache) = self.cache.lock() else {
            // A poisoned lock (a panic elsewhere): compute without the cache.
            let mut curves = Curves::new(&self.fitted);
            curves.extend(&models.bg.params, key.0 as usize);
            let gg = models.gg.as_ref().ok().map(|g| &g.params);
            return Arc::new(predict(&self.fitted, &curves, gg, key.0, s, by_id));
        };
        if let Some((k, v)) = &cache.predictions {
            if *k == key {
                return v.clone();
            }
        }
        let curves = cache
            .curves
            .get_or_insert_with(|| Arc::new(Curves::new(&self.fitted)));
        if curves.months < key.0 as usize {
            Arc::make_mut(curves).extend(&models.bg.params, key.0 as usize);
        }
        let gg = models.gg.as_ref().ok().map(|g| &g.params);
        let p = Arc::new(predict(&self.fitted, curves, gg, key.0, s, by_id));
        cache.predictions = Some((key, p.clone()));
        p
    }

    fn backtest(&self, split: NaiveDate) -> BacktestRun {
        BacktestRun {
            split,
            orders: self.orders.clone(),
            end: self.as_of,
            cache: self.cache.clone(),
        }
    }
}

/// Distinct (x, T) pairs beyond which T is taken to the nearest whole week for the shared
/// ₂F₁ part of the predictions (P(alive) stays each customer's own). Below it (CDNOW's 2,357
/// customers have far fewer) every T is exact. Each ₂F₁ costs tens of microseconds for some
/// fitted parameters: a log of 100k customers with T in days has thousands of pairs, times
/// the horizon's months.
const EXACT_PAIRS: usize = 2048;

/// The age T at which a customer's shared prediction is computed: its own, or, when the
/// customers have more than [`EXACT_PAIRS`] distinct (x, T), T rounded to a whole week.
fn ages(fitted: &[Option<Fitted>]) -> impl Fn(f64) -> f64 {
    let mut pairs: std::collections::HashSet<(u32, u64)> = std::collections::HashSet::new();
    for f in fitted.iter().flatten() {
        pairs.insert((f.triple.x, f.triple.t.to_bits()));
        if pairs.len() > EXACT_PAIRS {
            break;
        }
    }
    let round = pairs.len() > EXACT_PAIRS;
    move |t: f64| if round { t.round() } else { t }
}

/// Every customer's predicted value, as `gamma_gamma::clv` computes it (the expected spend
/// times the discounted expected purchases month by month; NaN without a spend model), and
/// its expected purchases over the horizon. E[Y(t) | x, tₓ, T] is P(alive) times a ₂F₁ part
/// that depends on x and T only ([`clv::BgNbd::expected_if_alive`]), kept month by month in
/// [`Curves`]: the discounted sum is taken once per distinct (x, T) and scaled by each
/// customer's P(alive) (and expected spend).
fn predict(
    fitted: &[Option<Fitted>],
    curves: &Curves,
    gg: Option<&clv::GammaGamma>,
    months: u32,
    s: &ClvSettings,
    by_id: &[u32],
) -> Predictions {
    let d = s.monthly_discount / 100.0;
    let months = (months as usize).min(curves.months);
    // Per pair: the discounted sum, and E[Y] at the horizon if alive.
    let shared: Vec<(f64, f64)> = (0..curves.pairs.len() as u32)
        .map(|pair| {
            let (mut total, mut before, mut discount) = (0.0, 0.0, 1.0);
            for &now in &curves.curve(pair)[..months] {
                discount *= 1.0 + d;
                total += (now - before) / discount;
                before = now;
            }
            (total, before)
        })
        .collect();
    let mut value = Vec::with_capacity(fitted.len());
    let mut expected = Vec::with_capacity(fitted.len());
    for (f, &pair) in fitted.iter().zip(&curves.pair_of) {
        let Some(f) = f else {
            value.push(f64::NAN);
            expected.push(f64::NAN);
            continue;
        };
        let (sum, last) = shared[pair as usize];
        value.push(gg.map_or(f64::NAN, |g| {
            g.expected_spend(f.triple.x, f.monetary) * f.p_alive * sum
        }));
        expected.push(last * f.p_alive);
    }
    let measure = |i: usize| {
        if value[i].is_finite() {
            value[i]
        } else {
            expected[i]
        }
    };
    // Highest first (the complement of the ascending key), ties in id order: a stable radix
    // sort of the customers taken in id order (a comparison sort took about 8 ms of a 10 ms
    // slider step for 100k customers in the browser).
    let mut keyed: Vec<(u64, u32)> = by_id
        .iter()
        .filter(|&&i| measure(i as usize).is_finite())
        .map(|&i| (!crate::sort::key_asc(measure(i as usize)), i))
        .collect();
    crate::sort::radix_sort(&mut keyed);
    let order = keyed.into_iter().map(|(_, i)| i).collect();
    Predictions {
        value: Arc::new(value),
        expected: Arc::new(expected),
        order,
    }
}

pub fn classify(p: &Prepared, s: &ClvSettings) -> Result<ClvResult, Missing> {
    let s = s.clone().normalized();
    let prep = p.prep::<Clv>();
    if !prep.has_log {
        return Err(Missing {
            any_of: &[Field::Date],
        });
    }
    let n = p.ds.len();
    let backtest = prep
        .split_date(s.backtest_split)
        .map(|split| prep.backtest(split));
    let unclassed = |error: Option<ClvError>, backtest| ClvResult {
        class: vec![None; n],
        counts: vec![0; ClvClass::ALL.len()],
        value: Arc::new(vec![f64::NAN; n]),
        expected: Arc::new(vec![f64::NAN; n]),
        high_cut: f64::NAN,
        fitting: error.is_none(),
        error,
        backtest,
    };
    let models = match prep.models.as_ref() {
        Some(Ok(m)) => m,
        Some(Err(e)) => return Ok(unclassed(Some(e.clone()), backtest)),
        None if prep.pending => return Ok(unclassed(None, backtest)),
        None => {
            return Err(Missing {
                any_of: &[Field::Date],
            })
        }
    };
    let predicted = prep.predictions(&s, models, &p.index.by_id);
    let (value, expected) = (predicted.value.clone(), predicted.expected.clone());
    let (lapsing, lost) = (s.lapsing_below / 100.0, s.lost_below / 100.0);
    let mut class: Vec<Option<ClvClass>> = prep
        .fitted
        .iter()
        .map(|f| {
            let f = f.as_ref()?;
            Some(if f.triple.x == 0 {
                ClvClass::OneTime
            } else if f.p_alive < lost {
                ClvClass::Lost
            } else if f.p_alive < lapsing {
                ClvClass::Lapsing
            } else {
                ClvClass::Steady
            })
        })
        .collect();
    // The top share of the active repeat buyers by predicted value (by purchases when the
    // spend model is missing), ties by id: the cached order, filtered.
    let measure = |i: usize| {
        if value[i].is_finite() {
            value[i]
        } else {
            expected[i]
        }
    };
    let steady = |i: &&u32| class[**i as usize] == Some(ClvClass::Steady);
    let active = predicted.order.iter().filter(steady).count();
    let top = ((active as f64) * s.high_share / 100.0).round() as usize;
    let mut high_cut = f64::NAN;
    let chosen: Vec<usize> = predicted
        .order
        .iter()
        .filter(steady)
        .take(top)
        .map(|&i| i as usize)
        .collect();
    for i in chosen {
        class[i] = Some(ClvClass::HighValue);
        high_cut = measure(i);
    }
    let mut counts = vec![0; ClvClass::ALL.len()];
    for c in class.iter().flatten() {
        counts[c.index()] += 1;
    }
    Ok(ClvResult {
        class,
        counts,
        value,
        expected,
        high_cut,
        error: None,
        fitting: false,
        backtest,
    })
}

const P_ALIVE: Tr = Tr::new(
    "Probability still active",
    "仍活跃的概率",
    "Probabilidad de seguir activo",
);
const REPEAT: Tr = Tr::new(
    "Repeat purchase days",
    "重复购买天数",
    "Días de compra repetida",
);
const WEEKS_OBSERVED: Tr = Tr::new(
    "Weeks since the first purchase",
    "首次购买至今的周数",
    "Semanas desde la primera compra",
);
const WEEKS_LAST: Tr = Tr::new(
    "Weeks from the first to the last purchase",
    "首次到最后一次购买的周数",
    "Semanas de la primera a la última compra",
);
const EXPECTED: Tr = Tr::new(
    "Expected purchases over the horizon",
    "预测期内预计购买次数",
    "Compras esperadas en el horizonte",
);
const SPEND: Tr = Tr::new(
    "Expected spend per purchase",
    "预计每次购买金额",
    "Gasto esperado por compra",
);
const VALUE: Tr = Tr::new(
    "Predicted lifetime value",
    "预测客户终身价值",
    "Valor de vida previsto",
);

fn explain(p: &Prepared, s: &ClvSettings, r: &ClvResult, i: usize) -> Vec<Reason> {
    let s = s.clone().normalized();
    let prep = p.prep::<Clv>();
    let Some(Some(f)) = prep.fitted.get(i) else {
        return vec![Reason::missing(REPEAT, Unit::Count)];
    };
    let mut out = vec![
        Reason::info(REPEAT, f64::from(f.triple.x), Unit::Count),
        Reason::info(WEEKS_LAST, f.triple.t_x, Unit::Number),
        Reason::info(WEEKS_OBSERVED, f.triple.t, Unit::Number),
    ];
    if f.triple.x > 0 {
        let p_alive = f.p_alive * 100.0;
        let cut = if p_alive < s.lost_below {
            s.lost_below
        } else {
            s.lapsing_below
        };
        out.push(Reason::cmp(P_ALIVE, p_alive, cut, Unit::Percent));
    }
    if let Some(e) = r.expected.get(i).filter(|e| e.is_finite()) {
        out.push(Reason::info(EXPECTED, *e, Unit::Number));
    }
    if let Some(Ok(m)) = &prep.models {
        if let Ok(gg) = &m.gg {
            out.push(Reason::info(
                SPEND,
                gg.params.expected_spend(f.triple.x, f.monetary),
                Unit::Money,
            ));
        }
    }
    if let Some(v) = r.value.get(i).filter(|v| v.is_finite()) {
        if r.class.get(i) == Some(&Some(ClvClass::HighValue))
            || r.class.get(i) == Some(&Some(ClvClass::Steady))
        {
            out.push(Reason::with(VALUE, *v, Cmp::Ge, r.high_cut, Unit::Money));
        } else {
            out.push(Reason::info(VALUE, *v, Unit::Money));
        }
    }
    out
}

pub struct Clv;

impl MethodDef for Clv {
    const KEY: &'static str = "clv";
    const NAME: Tr = Tr::new(
        "Customer lifetime value",
        "客户终身价值",
        "Valor de vida del cliente",
    );
    const PURPOSE: Tr = Tr::new(
        "Who will still buy, how often and for how much: BG/NBD and Gamma-Gamma fitted on the order log, checked by a backtest.",
        "谁还会购买、多久买一次、买多少：基于订单记录拟合 BG/NBD 和 Gamma-Gamma 模型，并以回测检验。",
        "Quién seguirá comprando, con qué frecuencia y por cuánto: BG/NBD y Gamma-Gamma ajustados al registro de pedidos y comprobados con un backtest.",
    );
    const DIMENSION: bool = true;
    const EXPLAINED: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("CLV class", "CLV 类别", "Clase CLV"));
    type Class = ClvClass;
    type Output = Result<ClvResult, Missing>;
    type Prep = ClvPrep;

    fn prepare(ds: &Dataset, _ix: &Index) -> ClvPrep {
        prepare(ds)
    }

    /// Without the fit: the page runs it in its fit worker ([`Prepared::clv_fit_job`]).
    fn prepare_quick(ds: &Dataset, _ix: &Index) -> ClvPrep {
        prepare_quick(ds)
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.clv != new.clv
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Self::Output {
        classify(p, &s.clv)
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        out.as_ref().map(|_| ()).map_err(|m| *m)
    }

    fn classes(out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        Some(&out.as_ref().ok()?.class)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        Some(Explained::new(
            Self::class_of(out, i),
            explain(p, &s.clv, r, i),
        ))
    }

    /// NaN values (customers not predicted) compare by their bits.
    fn same(a: &Self::Output, b: &Self::Output) -> bool {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                a.class == b.class
                    && a.counts == b.counts
                    && a.error == b.error
                    && a.fitting == b.fitting
                    && bits(&a.value) == bits(&b.value)
                    && bits(&a.expected) == bits(&b.expected)
            }
            (a, b) => a.as_ref().err() == b.as_ref().err(),
        }
    }
}

impl Prepared {
    /// Models to keep if the fit still to run does not converge: those of `earlier`, the same
    /// sources prepared for another analysis date (the caller's word), or the ones it kept.
    /// Only their parameters are kept: each customer's figures are this date's.
    pub fn keep_clv_models_of(&mut self, earlier: &Prepared) {
        let (mine, theirs) = (self.prep::<Clv>(), earlier.prep::<Clv>());
        if !mine.pending {
            return;
        }
        let previous = match &theirs.models {
            Some(Ok(m)) => Some(Box::new(m.clone())),
            _ => theirs.previous.clone(),
        };
        if previous.is_some() {
            let mut prep = mine.clone();
            prep.previous = previous;
            self.set_prep::<Clv>(prep);
        }
    }

    /// The lifetime-value fit still to run, when the data was prepared with
    /// [`Prepared::new_quick`] and it has a log.
    pub fn clv_fit_job(&self) -> Option<Job> {
        self.prep::<Clv>().fit_job()
    }

    /// Takes the fit's answer (`Job::run` of [`Prepared::clv_fit_job`]); then the lifetime
    /// value and the methods that read it are to be classed again (`Engine::refresh`).
    pub fn install_clv_fit(&mut self, done: FittedModels) {
        let mut prep = self.prep::<Clv>().clone();
        prep.install(done);
        self.set_prep::<Clv>(prep);
    }
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_csv, join};

    fn log(rows: &str) -> Prepared {
        let imp = import_csv("o.csv", format!("customer,date,amount\n{rows}").as_bytes()).unwrap();
        let (ds, _) = join::join(None, Some(&imp));
        Prepared::new(ds)
    }

    /// A split whose fit does not converge shows the last backtest that did, at its split,
    /// saying why; a split that fits shows its own.
    #[test]
    fn a_backtest_that_does_not_converge_shows_the_last_that_did() {
        let rows: String = (0..40)
            .flat_map(|k| {
                (0..(1 + k % 4)).map(move |j| {
                    format!("C{k},2025-{:02}-{:02},{}\n", 1 + j * 3, k % 28 + 1, 10 + k)
                })
            })
            .collect();
        let p = log(&rows);
        let prep = p.prep::<Clv>();
        let (a, b) = (
            prep.split_date(50.0).unwrap(),
            prep.split_date(70.0).unwrap(),
        );
        let (first, second) = (prep.backtest(a), prep.backtest(b));
        assert_eq!(first.shown(), None, "not fitted yet");
        let fitted = Backtest {
            rows: Vec::new(),
            total_actual: 12.0,
            total_predicted: 11.5,
            mean_absolute_error: 0.4,
            horizon: 20.0,
        };
        first.store(Ok(fitted.clone()));
        let stuck = ClvError::NotConverged {
            model: clv::Model::BgNbd,
            iterations: 500,
            gradient: 0.2,
        };
        second.store(Err(stuck.clone()));
        let shown = second.shown().unwrap();
        assert_eq!(shown.split, a);
        assert_eq!(*shown.result, Ok(fitted.clone()));
        assert_eq!(shown.kept, Some(stuck));
        // Another failure is shown as it is.
        second.store(Err(ClvError::NoHoldout));
        let shown = second.shown().unwrap();
        assert_eq!((shown.split, shown.kept), (b, None));
        assert_eq!(*shown.result, Err(ClvError::NoHoldout));
    }

    /// Everyone bought once: the models cannot be fitted, and the page says why; no NaN
    /// reaches a class.
    #[test]
    fn one_time_buyers_only_is_a_clear_error() {
        let rows: String = (0..30)
            .map(|k| format!("C{k},2025-01-{:02},{}\n", k % 28 + 1, 10 + k))
            .collect();
        let p = log(&rows);
        let r = classify(&p, &ClvSettings::default()).unwrap();
        assert!(
            matches!(r.error, Some(ClvError::AllOneTimeBuyers { .. })),
            "{:?}",
            r.error
        );
        assert!(r.class.iter().all(Option::is_none));
    }

    /// No log: the method needs the order dates.
    #[test]
    fn a_customer_table_has_no_model() {
        let imp = import_csv("c.csv", "customer,sales\nA,10\nB,20\n".as_bytes()).unwrap();
        let (ds, _) = join::join(Some(&imp), None);
        let p = Prepared::new(ds);
        assert!(classify(&p, &ClvSettings::default()).is_err());
    }
}

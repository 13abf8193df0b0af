//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an
//! alternative to the Pareto/NBD model", Marketing Science 24(2)); equation numbers below are
//! the paper's.
//!
//! While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop
//! out with probability p ~ Beta(a, b). A customer is seen as (x, tₓ, T): x repeat purchases,
//! the last at tₓ, observed for T since the first.
//!
//! - The likelihood (eq. 6, in logs as in section 7 of the paper) depends on a customer only
//!   through the triple, so the fit runs on the distinct triples with their counts
//!   ([`Compressed`]). Its Gamma-function ratios are products for integer x, so an evaluation
//!   needs logarithms per distinct x, per distinct T and per distinct tₓ, and one `exp` and
//!   one `ln_1p` per distinct triple. The gradient is analytic.
//! - The fit maximises it over the logarithms of (r, α, a, b) with time scaled so that the
//!   largest T is 1 (as `lifetimes` does; α is scaled back), by BFGS with restarts
//!   ([`super::optimize`]).
//! - P(alive | x, tₓ, T) (Fader, Hardie & Lee, note 021), as a logistic of a log-ratio.
//! - The conditional expected purchases in the next t (eq. 10) and the population's E[X(t)]
//!   (eq. 9). Both are Φ · P(alive) with Φ = (c/(a−1)) [1 − (1−z)^s ₂F₁(s, β; c; z)], which is
//!   also E_p[(1 − (1 + p·u)^(−s)) / p] for p ~ Beta(a, β) (u = z/(1−z)): finite and ≥ 0 for
//!   every parameter, a = 1 included. It is evaluated in a form without the 1/(a−1) pole:
//!   Euler's transformation gives (1−z)^s ₂F₁(s, β; c; z) = (1−z)^(a−1) ₂F₁(c−s, a−1; c; z),
//!   and factoring (a−1) out of that series leaves Φ = −c·expm1((a−1)·ln(1−z))/(a−1) −
//!   (1−z)^(a−1) Σₙ (c−s)ₙ (a)ₙ₋₁ zⁿ / ((c+1)ₙ₋₁ n!), whose terms have no pole (c + 1 = a + β
//!   \> 0). Near z = 1, where that series is slow, the connection formula to 1 − z is used
//!   (with the interpolation of [`super::special`] across its removable poles).

use super::optimize::{self, Options};
use super::special::{self, integer_distance, ln_gamma_signed, NEAR};
use super::{runaway, ClvError, Model, MIN_REPEAT_BUYERS};

/// One customer as the model sees them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triple {
    /// Repeat purchases.
    pub x: u32,
    /// Time of the last purchase after the first (0 when x = 0).
    pub t_x: f64,
    /// Time observed since the first purchase.
    pub t: f64,
}

impl Triple {
    fn is_valid(&self) -> bool {
        self.t_x.is_finite()
            && self.t.is_finite()
            && self.t_x >= 0.0
            && self.t_x <= self.t
            && (self.x > 0 || self.t_x == 0.0)
    }
}

/// The BG/NBD parameters (time in the data's unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fitted model and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbdFit {
    pub params: BgNbd,
    /// The log-likelihood at the estimate (time in the data's unit; as `lifetimes` and the
    /// paper report it).
    pub log_likelihood: f64,
    pub customers: usize,
    pub repeat_buyers: usize,
    /// Distinct (x, tₓ, T) triples the likelihood was evaluated on.
    pub distinct_triples: usize,
    pub iterations: usize,
    pub evaluations: usize,
    /// max |∂(mean log-likelihood)/∂ log θ| at the estimate.
    pub gradient: f64,
}

/// Customers grouped by their (x, tₓ, T) triple, sorted by x; tₓ and T are indices into
/// tables of their distinct values.
#[derive(Debug, Clone, PartialEq)]
pub struct Compressed {
    x: Vec<u32>,
    t_x: Vec<u32>,
    t: Vec<u32>,
    count: Vec<f64>,
    t_x_values: Vec<f64>,
    t_values: Vec<f64>,
    customers: usize,
    repeat_buyers: usize,
}

impl Compressed {
    /// Groups the customers; [`ClvError::InvalidTriple`] names the first impossible one.
    pub fn new(triples: &[Triple]) -> Result<Compressed, ClvError> {
        if let Some(index) = triples.iter().position(|t| !t.is_valid()) {
            return Err(ClvError::InvalidTriple { index });
        }
        // +0.0 for −0.0, so that equal values have equal bits.
        let key = |v: f64| (v + 0.0).to_bits();
        let mut keys: Vec<(u32, u64, u64)> = triples
            .iter()
            .map(|t| (t.x, key(t.t_x), key(t.t)))
            .collect();
        keys.sort_unstable();
        let table = |mut v: Vec<u64>| {
            v.sort_unstable_by(|a, b| f64::from_bits(*a).total_cmp(&f64::from_bits(*b)));
            v.dedup();
            v
        };
        let t_x_bits = table(keys.iter().map(|k| k.1).collect());
        let t_bits = table(keys.iter().map(|k| k.2).collect());
        let find = |bits: &[u64], v: u64| {
            bits.binary_search_by(|p| f64::from_bits(*p).total_cmp(&f64::from_bits(v)))
                .unwrap_or(0) as u32
        };
        let mut c = Compressed {
            x: Vec::new(),
            t_x: Vec::new(),
            t: Vec::new(),
            count: Vec::new(),
            t_x_values: t_x_bits.iter().map(|b| f64::from_bits(*b)).collect(),
            t_values: t_bits.iter().map(|b| f64::from_bits(*b)).collect(),
            customers: triples.len(),
            repeat_buyers: triples.iter().filter(|t| t.x > 0).count(),
        };
        let mut k = 0;
        while k < keys.len() {
            let mut n = 0;
            while k + n < keys.len() && keys[k + n] == keys[k] {
                n += 1;
            }
            c.x.push(keys[k].0);
            c.t_x.push(find(&t_x_bits, keys[k].1));
            c.t.push(find(&t_bits, keys[k].2));
            c.count.push(n as f64);
            k += n;
        }
        Ok(c)
    }

    /// Distinct triples.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    pub fn customers(&self) -> usize {
        self.customers
    }
}

/// The mean log-likelihood over the compressed customers at (r, α, a, b), with time multiplied
/// by `scale`, and its gradient with respect to (ln r, ln α, ln a, ln b) when `grad` is given.
fn mean_log_likelihood(c: &Compressed, p: &BgNbd, scale: f64, grad: Option<&mut [f64; 4]>) -> f64 {
    let BgNbd { r, alpha, a, b } = *p;
    let max_x = c.x.last().copied().unwrap_or(0) as usize;
    // Per x: ln Γ(r+x)/Γ(r) + ln Γ(b+x)/Γ(b) − ln Γ(a+b+x)/Γ(a+b) as finite sums, and the
    // matching digamma differences for the gradient.
    let mut lg = vec![0.0; max_x + 1];
    let mut dr = vec![0.0; max_x + 1];
    let mut db = vec![0.0; max_x + 1];
    let mut dab = vec![0.0; max_x + 1];
    for k in 0..max_x {
        let (rk, bk, abk) = (r + k as f64, b + k as f64, a + b + k as f64);
        lg[k + 1] = lg[k] + (rk * bk / abk).ln();
        dr[k + 1] = dr[k] + 1.0 / rk;
        db[k + 1] = db[k] + 1.0 / bk;
        dab[k + 1] = dab[k] + 1.0 / abk;
    }
    let ln_alpha = alpha.ln();
    let ln_a = a.ln();
    let ln_t: Vec<f64> = c
        .t_values
        .iter()
        .map(|t| (alpha + t * scale).ln())
        .collect();
    let ln_tx: Vec<f64> = c
        .t_x_values
        .iter()
        .map(|t| (alpha + t * scale).ln())
        .collect();
    let want_grad = grad.is_some();
    let (inv_t, inv_tx): (Vec<f64>, Vec<f64>) = if want_grad {
        (
            c.t_values
                .iter()
                .map(|t| 1.0 / (alpha + t * scale))
                .collect(),
            c.t_x_values
                .iter()
                .map(|t| 1.0 / (alpha + t * scale))
                .collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let mut total = 0.0;
    let mut weight = 0.0;
    let (mut gr, mut ga_lpha, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..c.len() {
        let x = c.x[i] as usize;
        let xf = x as f64;
        let w = c.count[i];
        let (ti, txi) = (c.t[i] as usize, c.t_x[i] as usize);
        let a3 = -(r + xf) * ln_t[ti];
        let (lse, pi) = if x == 0 {
            (a3, 0.0)
        } else {
            let a4 = ln_a - (b + xf - 1.0).ln() - (r + xf) * ln_tx[txi];
            let d = a4 - a3;
            let e = (-d.abs()).exp();
            if d > 0.0 {
                (a4 + e.ln_1p(), 1.0 / (1.0 + e))
            } else {
                (a3 + e.ln_1p(), e / (1.0 + e))
            }
        };
        total += w * (lg[x] + r * ln_alpha + lse);
        weight += w;
        if want_grad {
            gr += w * (dr[x] + ln_alpha - (1.0 - pi) * ln_t[ti] - pi * ln_tx[txi]);
            ga_lpha += w * (r / alpha - (r + xf) * ((1.0 - pi) * inv_t[ti] + pi * inv_tx[txi]));
            ga += w * (-dab[x] + if x > 0 { pi / a } else { 0.0 });
            gb += w * (db[x] - dab[x] - if x > 0 { pi / (b + xf - 1.0) } else { 0.0 });
        }
    }
    if let Some(g) = grad {
        *g = [
            gr * r / weight,
            ga_lpha * alpha / weight,
            ga * a / weight,
            gb * b / weight,
        ];
    }
    total / weight
}

/// Fits the model by maximum likelihood.
///
/// Errors: [`ClvError::NoCustomers`], [`ClvError::InvalidTriple`], [`ClvError::SingleDay`]
/// (every T is 0), [`ClvError::AllOneTimeBuyers`], [`ClvError::TooFewRepeatBuyers`] (fewer
/// than [`MIN_REPEAT_BUYERS`]), [`ClvError::NotConverged`], [`ClvError::Degenerate`].
pub fn fit(triples: &[Triple]) -> Result<BgNbdFit, ClvError> {
    fit_compressed(&Compressed::new(triples)?)
}

/// [`fit`] on customers already compressed.
pub fn fit_compressed(c: &Compressed) -> Result<BgNbdFit, ClvError> {
    if c.is_empty() {
        return Err(ClvError::NoCustomers);
    }
    let max_t = c.t_values.last().copied().unwrap_or(0.0);
    if max_t <= 0.0 {
        return Err(ClvError::SingleDay);
    }
    if c.repeat_buyers == 0 {
        return Err(ClvError::AllOneTimeBuyers {
            customers: c.customers,
        });
    }
    if c.repeat_buyers < MIN_REPEAT_BUYERS {
        return Err(ClvError::TooFewRepeatBuyers {
            model: Model::BgNbd,
            found: c.repeat_buyers,
            needed: MIN_REPEAT_BUYERS,
            excluded_non_positive: 0,
        });
    }
    let scale = 1.0 / max_t;
    let objective = |th: &[f64; 4], g: &mut [f64; 4]| {
        let p = BgNbd {
            r: th[0].exp(),
            alpha: th[1].exp(),
            a: th[2].exp(),
            b: th[3].exp(),
        };
        let ll = mean_log_likelihood(c, &p, scale, Some(g));
        for v in g.iter_mut() {
            *v = -*v;
        }
        -ll
    };
    // Starts: lifetimes' (every log-parameter 0.1), then one from the mean purchase rate.
    let (mut sx, mut st) = (0.0, 0.0);
    for i in 0..c.len() {
        sx += c.count[i] * c.x[i] as f64;
        st += c.count[i] * c.t_values[c.t[i] as usize] * scale;
    }
    let rate_alpha = (st / sx.max(1.0)).ln();
    let starts = [
        [0.1; 4],
        [0.0, rate_alpha, 0.0, 1.0f64.ln_1p()],
        [(0.5f64).ln(), rate_alpha, (0.5f64).ln(), 5f64.ln()],
    ];
    let o = optimize::minimize(objective, &starts, &Options::default());
    let names = ["r", "alpha", "a", "b"];
    if !o.converged {
        if let Some(e) = runaway(Model::BgNbd, &o.x, &names) {
            return Err(e);
        }
        return Err(ClvError::NotConverged {
            model: Model::BgNbd,
            iterations: o.iterations,
            gradient: o.gradient,
        });
    }
    for (k, th) in o.x.iter().enumerate() {
        // Beyond e^±18 (1.5e-8, 6.6e7) the estimate is running off to a boundary.
        if th.abs() > 18.0 {
            return Err(ClvError::Degenerate {
                model: Model::BgNbd,
                parameter: names[k],
                value: th.exp(),
            });
        }
    }
    let params = BgNbd {
        r: o.x[0].exp(),
        alpha: o.x[1].exp() / scale,
        a: o.x[2].exp(),
        b: o.x[3].exp(),
    };
    let ll = mean_log_likelihood(c, &params, 1.0, None) * c.customers as f64;
    Ok(BgNbdFit {
        params,
        log_likelihood: ll,
        customers: c.customers,
        repeat_buyers: c.repeat_buyers,
        distinct_triples: c.len(),
        iterations: o.iterations,
        evaluations: o.evaluations,
        gradient: o.gradient,
    })
}

impl BgNbd {
    /// The log-likelihood of the customers (eq. 6, summed), time in the data's unit.
    pub fn log_likelihood(&self, triples: &[Triple]) -> Result<f64, ClvError> {
        let c = Compressed::new(triples)?;
        if c.is_empty() {
            return Ok(0.0);
        }
        Ok(mean_log_likelihood(&c, self, 1.0, None) * c.customers as f64)
    }

    /// P(alive | x, tₓ, T): 1 for x = 0, else 1 / (1 + a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)).
    pub fn p_alive(&self, x: u32, t_x: f64, t: f64) -> f64 {
        if x == 0 {
            return 1.0;
        }
        let xf = x as f64;
        let t_x = t_x.clamp(0.0, t.max(0.0));
        let log_ratio = (self.r + xf) * ((t - t_x) / (self.alpha + t_x)).ln_1p() + self.a.ln()
            - (self.b + xf - 1.0).ln();
        logistic(-log_ratio)
    }

    /// E[Y(t) | x, tₓ, T]: the expected repeat purchases in the next `t` (eq. 10).
    /// 0 for t ≤ 0 (or NaN t).
    pub fn expected_purchases(&self, t: f64, x: u32, t_x: f64, age: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let xf = x as f64;
        let h = self.alpha + age.max(0.0);
        let (z, w) = unit_interval(t, h);
        phi(self.r + xf, self.b + xf, self.a, z, w) * self.p_alive(x, t_x, age)
    }

    /// E[Y(t) | x, tₓ, T] without its P(alive) factor: the purchases expected of a customer
    /// still active. It depends on x and T only, not on tₓ, so customers sharing (x, T)
    /// share it: [`BgNbd::expected_purchases`] is this times [`BgNbd::p_alive`].
    pub fn expected_if_alive(&self, t: f64, x: u32, age: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let xf = x as f64;
        let h = self.alpha + age.max(0.0);
        let (z, w) = unit_interval(t, h);
        phi(self.r + xf, self.b + xf, self.a, z, w)
    }

    /// E[X(t)]: the expected repeat purchases in a new customer's first `t` after their first
    /// purchase (eq. 9), for the tracking chart.
    pub fn population_expected(&self, t: f64) -> f64 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        let (z, w) = unit_interval(t, self.alpha);
        phi(self.r, self.b, self.a, z, w)
    }
}

/// (z, 1 − z) for z = t/(h + t), each computed directly (1 − z keeps its precision near 1);
/// an infinite t gives (1, 0).
fn unit_interval(t: f64, h: f64) -> (f64, f64) {
    if !t.is_finite() {
        return (1.0, 0.0);
    }
    let s = h + t;
    (t / s, h / s)
}

/// 1 / (1 + e^(−v)) without overflow.
fn logistic(v: f64) -> f64 {
    if v >= 0.0 {
        1.0 / (1.0 + (-v).exp())
    } else {
        let e = v.exp();
        e / (1.0 + e)
    }
}

/// Φ(s, β, a; z) = E_p[(1 − (1 + p·u)^(−s)) / p], p ~ Beta(a, β), u = z/w, w = 1 − z: the
/// expected purchases of an alive customer whose posterior is λ ~ Gamma(s, ·), p ~ Beta(a, β)
/// (see the module doc). Finite and ≥ 0 for s, β, a > 0 and 0 ≤ z ≤ 1.
///
/// Three exact forms, each with an estimate of its rounding error; the first whose estimate is
/// below 10⁻¹³ of its value is taken, else the best: (1) the series without the 1/(a−1) pole
/// (cancels when c − s ≪ 0, i.e. a large r); (2) the Gauss series of the paper's form, for
/// z ≤ 0.9 (its terms do not cancel, but 1 − w^s ₂F₁ does for a ≈ 1); (3) the connection
/// formula to 1 − z. Up to z = 0.8 in that order; beyond, where the series are slow, (3) first.
pub(crate) fn phi(s: f64, beta: f64, a: f64, z: f64, w: f64) -> f64 {
    if z.is_nan() || z <= 0.0 {
        return 0.0;
    }
    if w.is_nan() || w <= 0.0 {
        // t = ∞: the expected purchases of an alive customer over all time, E[1/p], which is
        // unbounded for a ≤ 1 (f64::MAX then, so that a product with P(alive) stays a number).
        return if a > 1.0 {
            (a + beta - 1.0) / (a - 1.0)
        } else {
            f64::MAX
        };
    }
    let good = |e: &Estimate| e.error <= 1e-13 * e.value.abs();
    let mut best: Option<Estimate> = None;
    let mut consider = |e: Option<Estimate>| {
        if let Some(e) = e.filter(|e| e.value.is_finite() && e.error.is_finite()) {
            if best.is_none_or(|b| e.error < b.error) {
                best = Some(e);
            }
        }
        best.filter(good).is_some()
    };
    // A Beta(a, β) concentrated near p = 0 (β large: a fit where customers hardly drop
    // out): the moment series is exact and quick, where the others cancel or crawl.
    if consider(phi_moments(s, beta, a, z, w)) {
        return best.map_or(0.0, |e| e.value.max(0.0));
    }
    // Near z = 1 the series need hundreds of terms: the connection formula goes first there.
    let found = if z <= 0.8 {
        consider(phi_series(s, beta, a, z, w, 1_000_000))
            || consider(phi_gauss(s, beta, a, z, w))
            || consider(phi_connection(s, beta, a, z, w))
    } else {
        consider(phi_connection(s, beta, a, z, w))
            || consider(phi_series(s, beta, a, z, w, 400))
            || (z <= 0.9 && consider(phi_gauss(s, beta, a, z, w)))
    };
    if found {
        return best.map_or(0.0, |e| e.value.max(0.0));
    }
    match best {
        Some(e) => e.value.max(0.0),
        // Last resort (not reached in the tests): the series however long it takes.
        None => phi_series(s, beta, a, z, w, usize::MAX).map_or(0.0, |e| e.value.max(0.0)),
    }
}

/// ln w = ln(1 − z), from whichever of z and w keeps its precision.
fn ln_w(z: f64, w: f64) -> f64 {
    if z < 0.5 {
        (-z).ln_1p()
    } else {
        w.ln()
    }
}

/// A value and a bound on its rounding error.
#[derive(Debug, Clone, Copy)]
struct Estimate {
    value: f64,
    error: f64,
}

const ULP: f64 = f64::EPSILON;

/// (1) Φ = −c·expm1(ε ln w)/ε − w^ε Σₙ≥₁ tₙ with c = a + β − 1, ε = a − 1, A = c − s and
/// tₙ = (A)ₙ (a)ₙ₋₁ zⁿ / ((c+1)ₙ₋₁ n!); `None` if `max_terms` are not enough.
fn phi_series(s: f64, beta: f64, a: f64, z: f64, w: f64, max_terms: usize) -> Option<Estimate> {
    let c = a + beta - 1.0;
    let eps = a - 1.0;
    let big_a = c - s;
    let ln_w = ln_w(z, w);
    let em = if eps == 0.0 {
        ln_w
    } else {
        (eps * ln_w).exp_m1() / eps
    };
    let mut term = big_a * z;
    let mut sum = term;
    let mut abs_sum = term.abs();
    // Ratios keep their sign and tend to z once n > −A and n > 1 − a.
    let settled = (-big_a).max(1.0 - a).max(0.0) + 2.0;
    let mut n = 1usize;
    loop {
        if term == 0.0 {
            break;
        }
        if n >= max_terms {
            return None;
        }
        let nf = n as f64;
        let ratio = (big_a + nf) * (a + nf - 1.0) * z / ((c + nf) * (nf + 1.0));
        term *= ratio;
        sum += term;
        abs_sum += term.abs();
        n += 1;
        if nf >= settled {
            let q = ratio.abs().max(z);
            if q < 1.0 && term.abs() * q / (1.0 - q) <= 1e-17 * sum.abs().max(1e-300) {
                break;
            }
        }
    }
    let scale = (eps * ln_w).exp();
    Some(Estimate {
        value: -c * em - scale * sum,
        error: 4.0 * ULP * ((c * em).abs() + scale * abs_sum * (1.0 + (n as f64).sqrt())),
    })
}

/// (0) Φ from the moments of p: expanding (1 − (1 + pu)^(−s))/p in powers of p and taking
/// E[pᵏ] = (a)ₖ/(a+β)ₖ, Φ = Σⱼ≥₁ (−1)ʲ⁺¹ (s)ⱼ uʲ/j! · (a)ⱼ₋₁/(a+β)ⱼ₋₁, u = z/w. The ratio of
/// successive terms is −u (s+j)(a+j−1)/((j+1)(a+β+j−1)): the terms alternate and, while
/// j < k* = β/(2u) − s − 1, shrink at least twofold. Taken only when the sum settles (a term
/// below 10⁻¹⁷ of it) at least 60 terms before k*, so that the rest is below 2⁻⁶⁰ of the last
/// term even where u > 1 makes the series only asymptotic (the Beta's mass beyond p = 1/u is
/// then of order e^(−β/u)). `None` otherwise.
fn phi_moments(s: f64, beta: f64, a: f64, z: f64, w: f64) -> Option<Estimate> {
    let u = z / w;
    if !(u.is_finite() && u > 0.0 && a <= 2.0) {
        return None;
    }
    let k_star = beta / (2.0 * u) - s - 1.0;
    if k_star < 61.0 {
        return None;
    }
    let mut term = s * u;
    let (mut sum, mut abs_sum) = (term, term.abs());
    let mut j = 1.0f64;
    loop {
        let ratio = -u * (s + j) * (a + j - 1.0) / ((j + 1.0) * (a + beta + j - 1.0));
        term *= ratio;
        sum += term;
        abs_sum += term.abs();
        j += 1.0;
        if term.abs() <= 1e-17 * sum.abs() || term == 0.0 {
            break;
        }
        if j + 60.0 > k_star {
            return None;
        }
    }
    Some(Estimate {
        value: sum,
        error: 4.0 * ULP * abs_sum * (1.0 + j.sqrt()) + term.abs(),
    })
}

/// (2) Φ = (c/ε)(1 − w^s ₂F₁(s, β; c; z)) by the Gauss series, scaled by w^s from the start
/// (z ≤ 0.9, so w ≥ 0.1).
fn phi_gauss(s: f64, beta: f64, a: f64, z: f64, w: f64) -> Option<Estimate> {
    let c = a + beta - 1.0;
    let eps = a - 1.0;
    if eps == 0.0 || c == 0.0 {
        return None;
    }
    let mut term = (s * ln_w(z, w)).exp();
    let (mut sum, mut abs_sum) = (term, term.abs());
    let mut n = 0usize;
    loop {
        if n >= 1_000_000 || term == 0.0 && n > 0 {
            break;
        }
        let nf = n as f64;
        let ratio = (s + nf) * (beta + nf) * z / ((c + nf) * (nf + 1.0));
        term *= ratio;
        sum += term;
        abs_sum += term.abs();
        n += 1;
        if nf >= (-c).max(0.0) + 2.0 {
            let q = ratio.abs().max(z);
            if q < 1.0 && term.abs() * q / (1.0 - q) <= 1e-17 * sum.abs().max(1e-300) {
                break;
            }
        }
    }
    let k = c / eps;
    Some(Estimate {
        value: k * (1.0 - sum),
        error: 4.0 * ULP * k.abs() * (1.0 + abs_sum * (1.0 + (n as f64).sqrt())),
    })
}

/// (3) Φ near z = 1 through A&S 15.3.6 applied to ₂F₁(s, β; c; z): with m = ε − s,
/// Φ = (c − cK₂ w^ε F₂)/ε − cK₁ w^s F₁, where cK₂ = Γ(c+1)Γ(−m)/(Γ(s)Γ(β)),
/// F₂ = ₂F₁(c−s, ε; 1+m; w), cK₁ = Γ(c+1)Γ(m)/(Γ(c−s)Γ(a)), F₁ = ₂F₁(s, β; 1−m; w).
/// Where ε or m is within [`NEAR`] of an integer (removable poles), interpolated in a.
fn phi_connection(s: f64, beta: f64, a: f64, z: f64, w: f64) -> Option<Estimate> {
    let bad = |a: f64| {
        let eps = a - 1.0;
        eps.abs() < NEAR || integer_distance(eps - s) < NEAR
    };
    if !bad(a) {
        return phi_connection_direct(s, beta, a, z, w);
    }
    let mut h = 2.5 * NEAR;
    for _ in 0..64 {
        let h_eff = h.min(a / 6.0);
        if special::STENCIL.iter().all(|j| !bad(a + j * h_eff)) {
            let error = std::cell::Cell::new(0.0f64);
            let f = |d: f64| match phi_connection_direct(s, beta, a + d, z, w) {
                Some(e) => {
                    error.set(error.get().max(e.error));
                    e.value
                }
                None => f64::NAN,
            };
            let value = special::interpolate_at_zero(f, h_eff);
            return value.is_finite().then(|| Estimate {
                value,
                error: 2.2 * error.get(),
            });
        }
        h *= 1.37;
    }
    None
}

fn phi_connection_direct(s: f64, beta: f64, a: f64, z: f64, w: f64) -> Option<Estimate> {
    let c = a + beta - 1.0;
    let eps = a - 1.0;
    let m = eps - s;
    let ln_w = ln_w(z, w);
    let (lc1, sc1) = ln_gamma_signed(c + 1.0);
    let (lmm, smm) = ln_gamma_signed(-m);
    let (ls, _) = ln_gamma_signed(s);
    let (lb, _) = ln_gamma_signed(beta);
    let (lm, sm) = ln_gamma_signed(m);
    let (lcs, scs) = ln_gamma_signed(c - s);
    let (la, _) = ln_gamma_signed(a);
    let f2 = special::unit(c - s, eps, 1.0 + m, w, 1.0 - w);
    let f1 = special::unit(s, beta, 1.0 - m, w, 1.0 - w);
    let k2 = sc1 * smm * (lc1 + lmm - ls - lb + eps * ln_w).exp() * f2;
    let k1 = if scs == 0.0 {
        0.0
    } else {
        sc1 * sm * scs * (lc1 + lm - lcs - la + s * ln_w).exp() * f1
    };
    let value = (c - k2) / eps - k1;
    // Exponents of sums of log-gammas carry their absolute error into the terms.
    let logs = lc1.abs() + lmm.abs() + ls.abs() + lb.abs() + lm.abs() + lcs.abs() + la.abs();
    let error = 8.0 * ULP * ((c / eps).abs() + ((k2 / eps).abs() + k1.abs()) * (4.0 + logs));
    (value.is_finite() && error.is_finite()).then_some(Estimate { value, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Φ by quadrature of E_p[(1 − (1 + p u)^(−s)) / p] (Gauss–Legendre after substitutions
    /// that remove the Beta density's end-point singularities): an independent check.
    fn phi_quadrature(s: f64, beta: f64, a: f64, u: f64) -> f64 {
        let g = |p: f64| {
            if p == 0.0 {
                s * u
            } else {
                -(-s * (p * u).ln_1p()).exp_m1() / p
            }
        };
        let ln_beta = special::ln_gamma(a) + special::ln_gamma(beta) - special::ln_gamma(a + beta);
        // [0, ½]: p = v^(1/a), p^(a−1) dp = dv/a. [½, 1]: 1 − p = y^(1/β).
        let lo = |v: f64| {
            let p = v.powf(1.0 / a);
            (1.0 - p).powf(beta - 1.0) * g(p) / a
        };
        let hi = |y: f64| {
            let q = y.powf(1.0 / beta);
            (1.0 - q).powf(a - 1.0) * g(1.0 - q) / beta
        };
        let (v_end, y_end) = (0.5f64.powf(a), 0.5f64.powf(beta));
        (composite_gauss(lo, 0.0, v_end) + composite_gauss(hi, 0.0, y_end)) / ln_beta.exp()
    }

    fn composite_gauss(f: impl Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
        // 5-point Gauss–Legendre on 4000 panels, geometric towards lo (where u's scale sits).
        let nodes = [
            (0.0, 128.0 / 225.0),
            (0.538_469_310_105_683, 0.478_628_670_499_366_5),
            (-0.538_469_310_105_683, 0.478_628_670_499_366_5),
            (0.906_179_845_938_664, 0.236_926_885_056_189_1),
            (-0.906_179_845_938_664, 0.236_926_885_056_189_1),
        ];
        let panels = 4000;
        let mut edges = vec![lo];
        let ratio = 1e-12f64.powf(1.0 / panels as f64);
        for k in (0..panels).rev() {
            edges.push(lo + (hi - lo) * ratio.powi(k));
        }
        let mut sum = 0.0;
        for e in edges.windows(2) {
            let (m, h) = (0.5 * (e[0] + e[1]), 0.5 * (e[1] - e[0]));
            for (x, wt) in nodes {
                sum += wt * h * f(m + h * x);
            }
        }
        sum
    }

    #[test]
    fn phi_matches_quadrature_in_both_regimes() {
        let cases = [
            // (s, β, a, u)
            (0.2426, 2.4259, 0.7929, 0.5),
            (0.2426, 2.4259, 0.7929, 3.0),
            (0.2426, 2.4259, 0.7929, 30.0),
            (0.2426, 2.4259, 0.7929, 300.0),
            (3.2426, 5.4259, 0.7929, 20.0),
            (1.0, 1.0, 1.0, 10.0),    // a = 1 exactly
            (1.0, 1.0, 1.0004, 10.0), // near a = 1
            (2.3, 0.4, 0.3, 15.0),    // c < 0
            (0.5, 0.5, 1.5, 40.0),    // m = ε − s = 0: a removable pole
            (30.5, 32.4, 2.5, 8.0),
            (0.05, 0.2, 3.0, 50.0),
        ];
        for (s, beta, a, u) in cases {
            let (z, w) = (u / (1.0 + u), 1.0 / (1.0 + u));
            let got = phi(s, beta, a, z, w);
            let want = phi_quadrature(s, beta, a, u);
            assert!(
                (got - want).abs() <= 1e-8 * want.abs().max(1e-3),
                "s={s} β={beta} a={a} u={u}: {got} vs quadrature {want}"
            );
        }
    }

    /// A fit where customers hardly drop out (a → 0, β huge, as on a log without churn) made
    /// every Φ cancel in the series and fall to the connection formula: 2.6 s for the 1M-row
    /// log. The moment series takes those; it agrees with quadrature and with the other forms.
    #[test]
    fn the_moment_series_agrees_where_p_is_near_zero() {
        for (s, beta, a, u) in [
            (3.0, 5000.0, 0.5, 2.0),
            (40.9, 20_000.0, 1.2, 0.6),
            (0.9, 1.0e4, 0.05, 12.0),
            (2.9, 151_880.0, 0.3, 4.0),
        ] {
            let (z, w) = (u / (1.0 + u), 1.0 / (1.0 + u));
            let got = phi_moments(s, beta, a, z, w).expect("applies").value;
            let want = phi_quadrature(s, beta, a, u);
            assert!(
                (got - want).abs() <= 1e-8 * want.abs(),
                "s={s} β={beta} a={a} u={u}: {got} vs quadrature {want}"
            );
            let other = phi_series(s, beta, a, z, w, 10_000_000)
                .into_iter()
                .chain(phi_connection(s, beta, a, z, w))
                .min_by(|x, y| x.error.total_cmp(&y.error))
                .unwrap()
                .value;
            assert!((got - other).abs() <= 1e-8 * got, "{got} vs {other}");
        }
        // The fitted 1M-row log: a = 2.2e-8, β = b + x ≈ 151,880; Φ is s·u to 10 digits.
        let (s, beta, a, u) = (716.9, 152_594.7, 2.2e-8, 0.0323);
        let (z, w) = (u / (1.0 + u), 1.0 / (1.0 + u));
        let got = phi(s, beta, a, z, w);
        assert!((got / (s * u) - 1.0).abs() < 1e-9, "{got}");
        // Where p is not near zero it does not apply.
        assert!(phi_moments(0.2426, 2.4259, 0.7929, 0.75, 0.25).is_none());
    }

    #[test]
    fn the_two_forms_agree_where_both_converge() {
        for (s, beta, a, z) in [
            (0.2426, 2.4259, 0.7929, 0.85),
            (5.3, 7.1, 1.8, 0.9),
            (0.7, 0.6, 0.2, 0.83),
            (2.0, 3.0, 0.6, 0.95),
        ] {
            let w = 1.0 - z;
            let series = phi_series(s, beta, a, z, w, 10_000_000).unwrap().value;
            let conn = phi_connection(s, beta, a, z, w).unwrap().value;
            assert!(
                (series - conn).abs() <= 1e-10 * series.abs(),
                "{s} {beta} {a} {z}: {series} {conn}"
            );
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let triples: Vec<Triple> = (0..200)
            .map(|k| {
                let x = (k % 7) as u32;
                let t = 5.0 + (k % 13) as f64 * 2.5;
                let t_x = if x == 0 {
                    0.0
                } else {
                    t * ((k % 5) as f64 + 1.0) / 6.0
                };
                Triple { x, t_x, t }
            })
            .collect();
        let c = Compressed::new(&triples).unwrap();
        let p = BgNbd {
            r: 0.7,
            alpha: 3.1,
            a: 0.8,
            b: 2.2,
        };
        let mut g = [0.0; 4];
        mean_log_likelihood(&c, &p, 0.5, Some(&mut g));
        let th = [p.r.ln(), p.alpha.ln(), p.a.ln(), p.b.ln()];
        for k in 0..4 {
            let at = |d: f64| {
                let mut t = th;
                t[k] += d;
                let q = BgNbd {
                    r: t[0].exp(),
                    alpha: t[1].exp(),
                    a: t[2].exp(),
                    b: t[3].exp(),
                };
                mean_log_likelihood(&c, &q, 0.5, None)
            };
            let h = 1e-5;
            let fd = (at(h) - at(-h)) / (2.0 * h);
            assert!((fd - g[k]).abs() < 1e-8, "parameter {k}: {fd} vs {}", g[k]);
        }
    }

    #[test]
    fn p_alive_of_a_one_time_buyer_is_one_and_large_histories_stay_finite() {
        let p = BgNbd {
            r: 0.2426,
            alpha: 4.4136,
            a: 0.7929,
            b: 2.4259,
        };
        assert_eq!(p.p_alive(0, 0.0, 30.0), 1.0);
        let v = p.p_alive(5000, 100.0, 1e6);
        assert!((0.0..1e-10).contains(&v));
        let e = p.expected_purchases(52.0, 5000, 999.0, 1000.0);
        assert!(e.is_finite() && e > 0.0, "{e}");
        assert_eq!(p.population_expected(f64::INFINITY), f64::MAX);
        assert!(p
            .expected_purchases(f64::INFINITY, 3, 10.0, 20.0)
            .is_finite());
    }
}

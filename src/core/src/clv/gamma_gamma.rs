//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
//! iso-value curves for customer base analysis", Journal of Marketing Research 42(4); the
//! formulation of Fader & Hardie's note 025 as `lifetimes` implements it).
//!
//! A customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; given
//! x repeat purchases with mean m̄, the likelihood and the conditional expected spend per
//! purchase E[Z | x, m̄] = p(γ + x m̄) / (p x + q − 1) follow. It is fitted on the repeat buyers
//! (x > 0) with a positive mean spend; those with a mean of zero or less (refunds) are left out
//! and counted. CLV ([`clv`]) multiplies the expected spend by the BG/NBD expected purchases,
//! month by month, discounted.

use super::bgnbd::{BgNbd, Triple};
use super::optimize::{self, Options};
use super::special::{digamma, ln_gamma};
use super::{runaway, ClvError, Model, MIN_REPEAT_BUYERS};

/// The Gamma-Gamma parameters p, q and γ (`v` in `lifetimes`), γ in money.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// A fitted model and how the fit went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGammaFit {
    pub params: GammaGamma,
    /// The log-likelihood at the estimate (money in the data's unit).
    pub log_likelihood: f64,
    /// Repeat buyers the model was fitted on.
    pub customers: usize,
    /// Repeat buyers left out for a mean spend of zero or less (refunds).
    pub excluded_non_positive: usize,
    pub iterations: usize,
    pub evaluations: usize,
    pub gradient: f64,
}

/// The fit's data: repeat buyers grouped by x.
struct Groups {
    /// (x, ln x, count, Σ ln m̄, first index into `m`, end).
    by_x: Vec<(f64, f64, f64, f64, usize, usize)>,
    /// The mean spends, divided by `scale`, grouped by x.
    m: Vec<f64>,
    n: f64,
}

/// The mean log-likelihood and its gradient in (ln p, ln q, ln γ).
fn mean_log_likelihood(d: &Groups, p: f64, q: f64, v: f64, grad: Option<&mut [f64; 3]>) -> f64 {
    let (ln_v, lg_q, dg_q) = (v.ln(), ln_gamma(q), digamma(q));
    let want = grad.is_some();
    let mut total = 0.0;
    let (mut gp, mut gq, mut gv) = (0.0, 0.0, 0.0);
    for &(x, ln_x, count, sum_ln_m, lo, hi) in &d.by_x {
        let px = p * x;
        let mut sum_ln = 0.0;
        let mut sum_inv = 0.0;
        for &m in &d.m[lo..hi] {
            let s = x * m + v;
            sum_ln += s.ln();
            if want {
                sum_inv += 1.0 / s;
            }
        }
        total += count * (ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + px * ln_x)
            + (px - 1.0) * sum_ln_m
            - (px + q) * sum_ln;
        if want {
            let (dg_pxq, dg_px) = (digamma(px + q), digamma(px));
            gp += x * (count * (dg_pxq - dg_px + ln_x) + sum_ln_m - sum_ln);
            gq += count * (dg_pxq - dg_q + ln_v) - sum_ln;
            gv += count * q / v - (px + q) * sum_inv;
        }
    }
    if let Some(g) = grad {
        *g = [gp * p / d.n, gq * q / d.n, gv * v / d.n];
    }
    total / d.n
}

/// Fits the model on (x, mean repeat spend) pairs. Customers with x = 0 are not repeat buyers
/// and are skipped; those with a mean spend of zero or less are left out and counted.
///
/// Errors: [`ClvError::InvalidArgument`] (a non-finite spend), [`ClvError::AllOneTimeBuyers`],
/// [`ClvError::TooFewRepeatBuyers`] (fewer than [`MIN_REPEAT_BUYERS`] usable),
/// [`ClvError::NotConverged`], [`ClvError::Degenerate`], [`ClvError::InfiniteMeanSpend`].
pub fn fit(customers: &[(u32, f64)]) -> Result<GammaGammaFit, ClvError> {
    if customers.is_empty() {
        return Err(ClvError::NoCustomers);
    }
    if let Some(&(_, m)) = customers.iter().find(|c| !c.1.is_finite()) {
        return Err(ClvError::InvalidArgument {
            name: "monetary_value",
            value: m,
        });
    }
    let repeat: Vec<(u32, f64)> = customers.iter().copied().filter(|c| c.0 > 0).collect();
    if repeat.is_empty() {
        return Err(ClvError::AllOneTimeBuyers {
            customers: customers.len(),
        });
    }
    let mut usable: Vec<(u32, f64)> = repeat.iter().copied().filter(|c| c.1 > 0.0).collect();
    let excluded_non_positive = repeat.len() - usable.len();
    if usable.len() < MIN_REPEAT_BUYERS {
        return Err(ClvError::TooFewRepeatBuyers {
            model: Model::GammaGamma,
            found: usable.len(),
            needed: MIN_REPEAT_BUYERS,
            excluded_non_positive,
        });
    }
    // Money scaled to a mean of 1 (γ scales with it; p and q do not).
    let scale = usable.iter().map(|c| c.1).sum::<f64>() / usable.len() as f64;
    usable.sort_unstable_by_key(|c| c.0);
    let mut groups = Groups {
        by_x: Vec::new(),
        m: usable.iter().map(|c| c.1 / scale).collect(),
        n: usable.len() as f64,
    };
    let mut k = 0;
    while k < usable.len() {
        let x = usable[k].0;
        let mut end = k;
        while end < usable.len() && usable[end].0 == x {
            end += 1;
        }
        let xf = x as f64;
        let sum_ln_m = groups.m[k..end].iter().map(|m| m.ln()).sum();
        groups
            .by_x
            .push((xf, xf.ln(), (end - k) as f64, sum_ln_m, k, end));
        k = end;
    }
    let objective = |th: &[f64; 3], g: &mut [f64; 3]| {
        let ll = mean_log_likelihood(&groups, th[0].exp(), th[1].exp(), th[2].exp(), Some(g));
        for v in g.iter_mut() {
            *v = -*v;
        }
        -ll
    };
    let starts = [
        [0.1; 3],
        [1f64.ln(), 3f64.ln(), 2f64.ln()],
        [5f64.ln(), 2f64.ln(), 0.0],
    ];
    let o = optimize::minimize(objective, &starts, &Options::default());
    let names = ["p", "q", "gamma"];
    if !o.converged {
        if let Some(e) = runaway(Model::GammaGamma, &o.x, &names) {
            return Err(e);
        }
        return Err(ClvError::NotConverged {
            model: Model::GammaGamma,
            iterations: o.iterations,
            gradient: o.gradient,
        });
    }
    for (k, th) in o.x.iter().enumerate() {
        if th.abs() > 18.0 {
            return Err(ClvError::Degenerate {
                model: Model::GammaGamma,
                parameter: names[k],
                value: th.exp(),
            });
        }
    }
    let params = GammaGamma {
        p: o.x[0].exp(),
        q: o.x[1].exp(),
        gamma: o.x[2].exp() * scale,
    };
    if params.q <= 1.0 {
        return Err(ClvError::InfiniteMeanSpend { q: params.q });
    }
    // Back to money: each customer's density in m̄ gains −ln(scale).
    let log_likelihood =
        (mean_log_likelihood(&groups, params.p, params.q, params.gamma / scale, None) - scale.ln())
            * groups.n;
    Ok(GammaGammaFit {
        params,
        log_likelihood,
        customers: usable.len(),
        excluded_non_positive,
        iterations: o.iterations,
        evaluations: o.evaluations,
        gradient: o.gradient,
    })
}

impl GammaGamma {
    /// The population's mean spend per purchase, p γ / (q − 1) (f64::MAX for q ≤ 1).
    pub fn population_mean(&self) -> f64 {
        if self.q > 1.0 {
            self.p * self.gamma / (self.q - 1.0)
        } else {
            f64::MAX
        }
    }

    /// E[Z | x, m̄] = p (γ + x m̄) / (p x + q − 1): the expected spend per purchase of a customer
    /// with x repeat purchases of mean m̄. A customer with no repeat purchase, or a mean of zero
    /// or less (outside the model: refunds), gets the population's mean.
    pub fn expected_spend(&self, x: u32, monetary_value: f64) -> f64 {
        if x == 0
            || monetary_value.is_nan()
            || monetary_value <= 0.0
            || monetary_value.is_infinite()
            || self.q <= 1.0
        {
            return self.population_mean();
        }
        let px = self.p * x as f64;
        self.p * (self.gamma + x as f64 * monetary_value) / (px + self.q - 1.0)
    }

    /// The log-likelihood of (x, m̄) pairs with x > 0 and m̄ > 0 (others are skipped).
    pub fn log_likelihood(&self, customers: &[(u32, f64)]) -> f64 {
        let (p, q, v) = (self.p, self.q, self.gamma);
        customers
            .iter()
            .filter(|c| c.0 > 0 && c.1 > 0.0 && c.1.is_finite())
            .map(|&(x, m)| {
                let (x, px) = (x as f64, p * x as f64);
                ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q)
                    + q * v.ln()
                    + (px - 1.0) * m.ln()
                    + px * x.ln()
                    - (px + q) * (x * m + v).ln()
            })
            .sum()
    }
}

/// How CLV is summed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClvOptions {
    /// The horizon in months (the UI offers 1–24).
    pub months: u32,
    /// The monthly discount rate (0.01 for 1% a month); greater than −1.
    pub monthly_discount: f64,
    /// Time units per month: [`WEEKS_PER_MONTH`] for weeks.
    pub periods_per_month: f64,
}

/// `lifetimes`' month in weeks (its `freq="W"` factor).
pub const WEEKS_PER_MONTH: f64 = 4.345;

impl Default for ClvOptions {
    fn default() -> Self {
        ClvOptions {
            months: 12,
            monthly_discount: 0.01,
            periods_per_month: WEEKS_PER_MONTH,
        }
    }
}

/// CLV = Σₖ₌₁..months E[Z] · (E[Y(k·P)] − E[Y((k−1)·P)]) / (1 + d)ᵏ, with P the month in time
/// units, E[Y] the BG/NBD conditional expected purchases and E[Z] the Gamma-Gamma expected
/// spend (as `lifetimes`' `customer_lifetime_value`).
pub fn clv(
    bg: &BgNbd,
    gg: &GammaGamma,
    customer: Triple,
    monetary_value: f64,
    options: &ClvOptions,
) -> Result<f64, ClvError> {
    if !(options.monthly_discount > -1.0 && options.monthly_discount.is_finite()) {
        return Err(ClvError::InvalidArgument {
            name: "monthly_discount",
            value: options.monthly_discount,
        });
    }
    if !(options.periods_per_month > 0.0 && options.periods_per_month.is_finite()) {
        return Err(ClvError::InvalidArgument {
            name: "periods_per_month",
            value: options.periods_per_month,
        });
    }
    let spend = gg.expected_spend(customer.x, monetary_value);
    let expected = |k: u32| {
        bg.expected_purchases(
            k as f64 * options.periods_per_month,
            customer.x,
            customer.t_x,
            customer.t,
        )
    };
    let mut total = 0.0;
    let mut before = 0.0;
    let mut discount = 1.0;
    for k in 1..=options.months {
        let now = expected(k);
        discount *= 1.0 + options.monthly_discount;
        total += spend * (now - before) / discount;
        before = now;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        let data: Vec<(u32, f64)> = (0..120)
            .map(|k| (1 + k % 6, 5.0 + (k * 37 % 50) as f64))
            .collect();
        let mut groups = Groups {
            by_x: Vec::new(),
            m: Vec::new(),
            n: data.len() as f64,
        };
        let mut sorted = data.clone();
        sorted.sort_unstable_by_key(|c| c.0);
        for x in 1..=6u32 {
            let lo = groups.m.len();
            groups
                .m
                .extend(sorted.iter().filter(|c| c.0 == x).map(|c| c.1));
            let hi = groups.m.len();
            let s = groups.m[lo..hi].iter().map(|m| m.ln()).sum();
            groups
                .by_x
                .push((x as f64, (x as f64).ln(), (hi - lo) as f64, s, lo, hi));
        }
        let th = [1.3f64.ln(), 2.7f64.ln(), 9.0f64.ln()];
        let mut g = [0.0; 3];
        mean_log_likelihood(&groups, th[0].exp(), th[1].exp(), th[2].exp(), Some(&mut g));
        for k in 0..3 {
            let at = |d: f64| {
                let mut t = th;
                t[k] += d;
                mean_log_likelihood(&groups, t[0].exp(), t[1].exp(), t[2].exp(), None)
            };
            let fd = (at(1e-5) - at(-1e-5)) / 2e-5;
            assert!((fd - g[k]).abs() < 1e-8, "{k}: {fd} {}", g[k]);
        }
        // The grouped likelihood is the public one's.
        let params = GammaGamma {
            p: th[0].exp(),
            q: th[1].exp(),
            gamma: th[2].exp(),
        };
        let ll = params.log_likelihood(&data);
        let grouped =
            mean_log_likelihood(&groups, params.p, params.q, params.gamma, None) * groups.n;
        assert!((ll - grouped).abs() < 1e-9 * ll.abs(), "{ll} {grouped}");
    }
}

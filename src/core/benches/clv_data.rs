//! A transaction log drawn from the BG/NBD and Gamma-Gamma models themselves, deterministic:
//! `customers` customers first buying in the first year, observed for two years, about ten
//! order rows each (several rows on some purchase days). Shared by `benches/clv.rs` and
//! `examples/clv_wasm.rs` (the same pipeline timed in WebAssembly under node).

#![allow(dead_code)]

use chrono::NaiveDate;
use tierwise_core::clv::Order;

/// The parameters the log is drawn with, time in days.
pub const R: f64 = 0.9;
pub const ALPHA_DAYS: f64 = 25.0;
pub const A: f64 = 1.2;
pub const B: f64 = 6.0;
pub const P: f64 = 6.0;
pub const Q: f64 = 4.0;
pub const GAMMA: f64 = 15.0;

pub fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
}

/// Calibration end (day 546, 18 months) and observation end (day 729).
pub fn periods() -> (NaiveDate, NaiveDate) {
    (
        start() + chrono::Duration::days(546),
        start() + chrono::Duration::days(729),
    )
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Uniform in (0, 1).
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
    /// Gamma(shape, 1): Marsaglia & Tsang (2000), boosted for shape < 1.
    fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            return self.gamma(shape + 1.0) * self.unit().powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.unit();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        x / (x + self.gamma(b))
    }
}

/// The order rows, customer by customer (customer indices 0..customers).
pub fn orders(customers: usize) -> Vec<Order> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let horizon = 730.0;
    let mut out = Vec::with_capacity(customers * 11);
    for c in 0..customers {
        let first = (rng.unit() * 365.0).floor();
        let lambda = rng.gamma(R) / ALPHA_DAYS;
        let p = rng.beta(A, B);
        let nu = rng.gamma(Q) / GAMMA;
        let mut day = first;
        loop {
            // 1–3 rows on a purchase day, the day's value Gamma(P, ν) split between them.
            let rows = 1 + (rng.unit() < 0.3) as usize + (rng.unit() < 0.1) as usize;
            let value = rng.gamma(P) / nu;
            for _ in 0..rows {
                out.push(Order {
                    customer: c,
                    date: start() + chrono::Duration::days(day as i64),
                    amount: (value / rows as f64 * 100.0).round() / 100.0,
                });
            }
            // The model drops customers out only after repeat purchases (P(alive | x = 0) = 1).
            if day > first && rng.unit() < p {
                break;
            }
            day += -rng.unit().ln() / lambda;
            if day >= horizon {
                break;
            }
        }
    }
    out
}

/// (x, tₓ, T) in weeks drawn in continuous time (no day rounding): for checking that the fit
/// recovers the parameters it was drawn with.
pub fn continuous_triples(customers: usize, seed: u64) -> Vec<tierwise_core::clv::Triple> {
    let mut rng = Rng(seed);
    let (alpha, observed) = (ALPHA_DAYS / 7.0, 78.0);
    (0..customers)
        .map(|_| {
            let t = observed - rng.unit() * 52.0;
            let lambda = rng.gamma(R) / alpha;
            let p = rng.beta(A, B);
            let (mut x, mut t_x, mut now) = (0u32, 0.0, 0.0);
            loop {
                now += -rng.unit().ln() / lambda;
                if now > t {
                    break;
                }
                x += 1;
                t_x = now;
                // Dropout after each repeat purchase.
                if rng.unit() < p {
                    break;
                }
            }
            tierwise_core::clv::Triple { x, t_x, t }
        })
        .collect()
}

//! Special functions the CLV models need: log-gamma, digamma and the Gaussian hypergeometric
//! function ₂F₁.
//!
//! - **log-gamma** is `libm::lgamma_r`, from the `libm` crate (maintained by the Rust project,
//!   pure Rust, builds for `wasm32-unknown-unknown` with no JS bindings, and already in the
//!   dependency tree through `num-traits`). `statrs` was not taken: it has log-gamma and
//!   digamma but no ₂F₁, its 0.19 release needs Rust 1.89 (the project is on 1.88) and its
//!   default features bring `nalgebra` and `rand`.
//! - **digamma** is written here (recurrence up to x ≥ 10, then the asymptotic series), since
//!   `libm` has none; only the fits' gradients use it.
//! - **₂F₁** is written here, since no maintained pure-Rust crate has it: the Gauss series
//!   where it converges fast (|z| small, or large c), the linear transformation to 1 − z
//!   (Abramowitz & Stegun 15.3.6) near z = 1, Pfaff's transformation for z < 0, and, where
//!   c − a − b is within 4·10⁻⁴ of an integer (where 15.3.6 has poles that cancel), a six-point
//!   interpolation in c over points at a safe distance (error about 10⁻¹²).
//!
//! All three are checked in `tests/clv.rs` against reference values (mpmath at 30 digits, scipy
//! beside them) written by `tests/data/gen_clv_reference.py`.

use std::f64::consts::PI;

/// ln |Γ(x)| (`libm::lgamma_r`); +∞ at the poles 0, −1, −2, ….
#[inline]
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma_r(x).0
}

/// (ln |Γ(x)|, sign of Γ(x)); the sign is 0 at a pole (so 1/Γ is 0 there).
pub fn ln_gamma_signed(x: f64) -> (f64, f64) {
    if x <= 0.0 && x == x.floor() {
        return (f64::INFINITY, 0.0);
    }
    let (l, s) = libm::lgamma_r(x);
    (l, if s < 0 { -1.0 } else { 1.0 })
}

/// The digamma function ψ(x) = d/dx ln Γ(x); NaN at the poles 0, −1, −2, ….
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    if x <= 0.0 {
        if x == x.floor() {
            return f64::NAN;
        }
        // Reflection: ψ(x) = ψ(1 − x) − π / tan(πx), with πx reduced to (−π/2, π/2].
        let frac = x - x.round();
        return digamma(1.0 - x) - PI / (PI * frac).tan();
    }
    let mut x = x;
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let inv2 = 1.0 / (x * x);
    // ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ), k = 1..7.
    let series = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2
                                * (1.0 / 240.0
                                    - inv2
                                        * (1.0 / 132.0
                                            - inv2 * (691.0 / 32760.0 - inv2 / 12.0))))));
    acc + x.ln() - 0.5 / x - series
}

/// The Gauss series of ₂F₁(a, b; c; z) for |z| < 1, stopped when the tail is below 10⁻¹⁶ of
/// the sum; `None` if `max_terms` are not enough. Also returns the largest |term| (to judge
/// cancellation).
pub(crate) fn series(a: f64, b: f64, c: f64, z: f64, max_terms: usize) -> Option<(f64, f64)> {
    let mut sum = 1.0;
    let mut term = 1.0f64;
    let mut biggest = 1.0f64;
    // From this n on, the ratio (a+n)(b+n)/((c+n)(n+1)) keeps its sign and tends to 1 monotonely
    // enough for the tail bound below.
    let settled = (-a).max(-b).max(-c).max(0.0) + 2.0;
    for n in 0..max_terms {
        let nf = n as f64;
        let ratio = (a + nf) * (b + nf) / ((c + nf) * (nf + 1.0)) * z;
        term *= ratio;
        sum += term;
        biggest = biggest.max(term.abs());
        if term == 0.0 {
            return Some((sum, biggest));
        }
        if !sum.is_finite() {
            return None;
        }
        if nf >= settled {
            // Later ratios are at most q = max(|ratio|, |z|) when they tend to z from above or
            // below; the tail is then at most |term| q / (1 − q).
            let q = ratio.abs().max(z.abs());
            if q < 1.0 && term.abs() * q / (1.0 - q) <= 1e-17 * sum.abs() {
                return Some((sum, biggest));
            }
        }
    }
    None
}

/// Distance from `x` to the nearest integer.
#[inline]
pub(crate) fn integer_distance(x: f64) -> f64 {
    (x - x.round()).abs()
}

/// Where an analytic formula has removable poles (a parameter within `NEAR` of an integer),
/// the function is interpolated over points at least `0.9 · NEAR` away.
pub(crate) const NEAR: f64 = 4e-4;

/// The stencil's offsets, in steps.
pub(crate) const STENCIL: [f64; 6] = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0];

/// f(0) from f at ±h, ±2h, ±3h (Lagrange; error h⁶ f⁽⁶⁾/20 and a cancellation of about
/// 10⁻¹⁶/NEAR: both near 10⁻¹² for the functions here).
#[inline]
pub(crate) fn interpolate_at_zero(f: impl Fn(f64) -> f64, h: f64) -> f64 {
    0.75 * (f(-h) + f(h)) - 0.3 * (f(-2.0 * h) + f(2.0 * h)) + 0.05 * (f(-3.0 * h) + f(3.0 * h))
}

/// A step h (≤ `limit`) such that every x + j·h of the stencil is at least 0.9 · `NEAR` from
/// the integers, where `x` is the quantity whose integer values are the poles.
pub(crate) fn safe_step(x: f64, limit: f64) -> f64 {
    let mut h = 2.5 * NEAR;
    for _ in 0..64 {
        let h_eff = h.min(limit);
        if STENCIL
            .iter()
            .all(|j| integer_distance(x + j * h_eff) >= 0.9 * NEAR)
        {
            return h_eff;
        }
        h *= 1.37;
    }
    h.min(limit)
}

/// The Gaussian hypergeometric function ₂F₁(a, b; c; z) for real parameters and z < 1.
///
/// NaN outside the domain (z ≥ 1, a non-finite argument, or c a non-positive integer when the
/// series does not terminate first).
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(a.is_finite() && b.is_finite() && c.is_finite() && z.is_finite()) || z >= 1.0 {
        return f64::NAN;
    }
    if z == 0.0 || a == 0.0 || b == 0.0 {
        return 1.0;
    }
    if z < 0.0 {
        // Pfaff: ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)), z/(z − 1) ∈ (0, 1).
        // Either parameter may play a's part; take the one that leaves the smaller prefactor.
        let (p, q) = if a.abs() <= b.abs() { (a, b) } else { (b, a) };
        let w = 1.0 - z;
        return w.powf(-p) * unit(p, c - q, c, -z / w, w.recip());
    }
    unit(a, b, c, z, 1.0 - z)
}

/// ₂F₁ for 0 < z < 1, with w = 1 − z given (so that it keeps its precision near z = 1).
pub(crate) fn unit(a: f64, b: f64, c: f64, z: f64, w: f64) -> f64 {
    if c <= 0.0 && c == c.floor() {
        // Defined only if the series terminates before the pole.
        let terminates = |p: f64| p <= 0.0 && p == p.floor() && p > c;
        if !(terminates(a) || terminates(b)) {
            return f64::NAN;
        }
        return series(a, b, c, z, usize::MAX).map_or(f64::NAN, |s| s.0);
    }
    if z <= 0.75 {
        if let Some((s, _)) = series(a, b, c, z, 200_000) {
            return s;
        }
    } else if let Some((s, biggest)) = series(a, b, c, z, 3000) {
        if biggest <= 1e6 * s.abs() {
            return s;
        }
    }
    connection(a, b, c, z, w)
}

/// A&S 15.3.6: ₂F₁(a,b;c;z) = A₁ ₂F₁(a, b; a+b−c+1; w) + A₂ w^(c−a−b) ₂F₁(c−a, c−b; c−a−b+1; w)
/// with w = 1 − z; interpolated in c where c − a − b is near an integer.
fn connection(a: f64, b: f64, c: f64, z: f64, w: f64) -> f64 {
    let m = c - a - b;
    if integer_distance(m) < NEAR {
        let h = safe_step(m, f64::INFINITY);
        return interpolate_at_zero(|d| connection_direct(a, b, c + d, z, w), h);
    }
    connection_direct(a, b, c, z, w)
}

fn connection_direct(a: f64, b: f64, c: f64, _z: f64, w: f64) -> f64 {
    let m = c - a - b;
    let (lc, sc) = ln_gamma_signed(c);
    let (lm, sm) = ln_gamma_signed(m);
    let (lmm, smm) = ln_gamma_signed(-m);
    let (lca, sca) = ln_gamma_signed(c - a);
    let (lcb, scb) = ln_gamma_signed(c - b);
    let (la, sa) = ln_gamma_signed(a);
    let (lb, sb) = ln_gamma_signed(b);
    let f1 = unit_small(a, b, 1.0 - m, w);
    let f2 = unit_small(c - a, c - b, 1.0 + m, w);
    // A reciprocal gamma at a pole is 0 (sign 0): that term vanishes.
    let t1 = if sca * scb == 0.0 {
        0.0
    } else {
        sc * sm * sca * scb * (lc + lm - lca - lcb).exp() * f1
    };
    let t2 = if sa * sb == 0.0 {
        0.0
    } else {
        sc * smm * sa * sb * (lc + lmm - la - lb + m * w.ln()).exp() * f2
    };
    t1 + t2
}

/// ₂F₁ at a small argument (w ≤ 1/4 here): the series, whatever its c.
fn unit_small(a: f64, b: f64, c: f64, w: f64) -> f64 {
    if w == 0.0 {
        return 1.0;
    }
    series(a, b, c, w, 200_000).map_or(f64::NAN, |s| s.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z.
        for z in [0.1, 0.5, 0.76, 0.9, 0.99, 0.999_999, -0.5, -3.0] {
            let want = -(1.0f64 - z).ln() / z;
            let got = hyp2f1(1.0, 1.0, 2.0, z);
            assert!(
                (got - want).abs() <= 1e-12 * want.abs(),
                "z={z} {got} {want}"
            );
        }
        // ₂F₁(a, b; b; z) = (1 − z)^(−a).
        for (a, z) in [(0.3, 0.9), (2.5, 0.95), (-0.7, 0.99), (1.5, -2.0)] {
            let want = (1.0f64 - z).powf(-a);
            let got = hyp2f1(a, 1.7, 1.7, z);
            assert!(
                (got - want).abs() <= 1e-11 * want.abs(),
                "a={a} z={z} {got} {want}"
            );
        }
        // A terminating series: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
        let (b, c, z) = (1.5, 2.5, 0.9);
        let want = 1.0 - 2.0 * b * z / c + b * (b + 1.0) * z * z / (c * (c + 1.0));
        assert!((hyp2f1(-2.0, b, c, z) - want).abs() < 1e-14);
        assert!(hyp2f1(1.0, 1.0, -2.0, 0.5).is_nan());
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
    }

    #[test]
    fn digamma_values() {
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-15);
        assert!((digamma(0.5) + euler + 2.0 * 2f64.ln()).abs() < 1e-14);
        // ψ(x + 1) = ψ(x) + 1/x, also through the reflection.
        for x in [0.01, 0.3, 2.2, 7.9, 55.5, -0.4, -2.7] {
            assert!(
                (digamma(x + 1.0) - digamma(x) - 1.0 / x).abs() < 1e-11 * (1.0 + 1.0 / x.abs())
            );
        }
        assert!(digamma(0.0).is_nan() && digamma(-3.0).is_nan());
    }

    #[test]
    fn ln_gamma_signs() {
        assert_eq!(ln_gamma_signed(-2.0).1, 0.0);
        assert_eq!(ln_gamma_signed(-0.5).1, -1.0);
        assert_eq!(ln_gamma_signed(-1.5).1, 1.0);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-14);
    }
}

//! Unconstrained minimisation for the maximum-likelihood fits: BFGS with analytic gradients,
//! restarts, and a Nelder–Mead fallback. The models minimise the mean negative log-likelihood
//! over the logarithms of their parameters, so every point of ℝⁿ is a valid parameter vector.
//!
//! **Why hand-written.** The maintained optimiser crate, `argmin` (0.11), was tried first: its
//! solvers would do, but on `wasm32-unknown-unknown` it depends on `web-time`, which brings
//! `js-sys` and `wasm-bindgen` into the core even with its default features off (`cargo tree
//! --target wasm32-unknown-unknown` on a probe crate), and the core must have no JS bindings.
//! Nothing else maintained and pure Rust fitted. So this module is ~200 lines of textbook
//! numerics (Nocedal & Wright, *Numerical Optimization*, 2nd ed.: BFGS §6.1, backtracking
//! line search §3.5 with the Armijo condition; Nelder & Mead 1965 with the standard
//! coefficients), tested on Rosenbrock's function here and on the models in `tests/clv.rs`.
//!
//! **Why BFGS rather than only Nelder–Mead.** Speed: with the customers compressed by their
//! (x, tₓ, T) triple one evaluation of the BG/NBD likelihood is still one `exp` and one `ln`
//! per distinct triple (tens of thousands for 100 000 customers), and Nelder–Mead needs several
//! hundred evaluations to reach the precision the reference asks for, BFGS with the analytic
//! gradient a few dozen. Nelder–Mead remains the fallback when BFGS does not converge.

/// What a minimisation returned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome<const N: usize> {
    /// The best point found.
    pub x: [f64; N],
    /// The objective there.
    pub f: f64,
    /// max |∂f/∂xᵢ| there (NaN when the method used no gradient).
    pub gradient: f64,
    pub iterations: usize,
    pub evaluations: usize,
    /// Whether the gradient tolerance was met.
    pub converged: bool,
}

/// Stopping rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Converged when max |∂f/∂xᵢ| ≤ this.
    pub gradient_tolerance: f64,
    /// A stalled line search still counts as converged when the gradient is below this.
    pub stalled_tolerance: f64,
    pub max_iterations: usize,
    /// The largest change of one coordinate in one step (the coordinates are logarithms).
    pub max_step: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            gradient_tolerance: 1e-9,
            stalled_tolerance: 1e-6,
            max_iterations: 500,
            max_step: 4.0,
        }
    }
}

fn dot<const N: usize>(a: &[f64; N], b: &[f64; N]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs<const N: usize>(a: &[f64; N]) -> f64 {
    a.iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

/// Evaluates f and its gradient, mapping any non-finite value to +∞ (so that a line search
/// backs away from it).
fn eval<const N: usize>(
    f: &mut impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
    x: &[f64; N],
    g: &mut [f64; N],
) -> f64 {
    let v = f(x, g);
    if v.is_finite() && g.iter().all(|d| d.is_finite()) {
        v
    } else {
        f64::INFINITY
    }
}

/// BFGS on the inverse Hessian, with a backtracking (quadratic/cubic) Armijo line search.
/// `f` returns the objective and writes the gradient.
pub fn bfgs<const N: usize>(
    mut f: impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
    x0: [f64; N],
    options: &Options,
) -> Outcome<N> {
    let identity = || {
        let mut h = [[0.0; N]; N];
        for (i, row) in h.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        h
    };
    let mut x = x0;
    let mut g = [0.0; N];
    let mut fx = eval(&mut f, &x, &mut g);
    let mut evaluations = 1;
    let mut h = identity();
    let mut first = true;
    let outcome = |x: [f64; N], fx: f64, g: &[f64; N], it: usize, ev: usize, ok: bool| Outcome {
        x,
        f: fx,
        gradient: max_abs(g),
        iterations: it,
        evaluations: ev,
        converged: ok,
    };
    if !fx.is_finite() {
        return outcome(x, fx, &g, 0, evaluations, false);
    }
    for it in 0..options.max_iterations {
        if max_abs(&g) <= options.gradient_tolerance {
            return outcome(x, fx, &g, it, evaluations, true);
        }
        // Direction d = −H g; fall back to steepest descent if it does not descend.
        let mut d = [0.0; N];
        for i in 0..N {
            d[i] = -dot(&h[i], &g);
        }
        let mut slope = dot(&g, &d);
        if slope.is_nan() || slope >= 0.0 {
            h = identity();
            d = g.map(|v| -v);
            slope = dot(&g, &d);
        }
        // First step: a unit move of the largest coordinate; later: the full quasi-Newton step.
        let longest = max_abs(&d);
        let mut step = if first { 1.0 / longest.max(1.0) } else { 1.0 };
        if step * longest > options.max_step {
            step = options.max_step / longest;
        }
        let mut accepted = None;
        let mut prev: Option<(f64, f64)> = None;
        for _ in 0..60 {
            let mut xn = x;
            for i in 0..N {
                xn[i] += step * d[i];
            }
            let mut gn = [0.0; N];
            let fxn = eval(&mut f, &xn, &mut gn);
            evaluations += 1;
            if fxn <= fx + 1e-4 * step * slope {
                accepted = Some((xn, fxn, gn, step));
                break;
            }
            // Backtrack: minimiser of the quadratic (first try) or cubic through the last two
            // trial points, kept within [0.1, 0.5] of the current step.
            let next = if !fxn.is_finite() {
                0.1 * step
            } else if let Some((s0, f0)) = prev {
                cubic_step(fx, slope, step, fxn, s0, f0)
            } else {
                -slope * step * step / (2.0 * (fxn - fx - slope * step))
            };
            prev = if fxn.is_finite() {
                Some((step, fxn))
            } else {
                None
            };
            // `max`/`min`, not `clamp`: a NaN trial (a likelihood that went NaN off the
            // data's range) must not panic; it takes the shortest step, and a step that is
            // not a number ends the search.
            step = next.max(0.1 * step).min(0.5 * step);
            if !step.is_finite() || step * longest < 1e-16 {
                break;
            }
        }
        let Some((xn, fxn, gn, step)) = accepted else {
            // The line search stalled: converged at the numerical floor, or failed.
            let ok = max_abs(&g) <= options.stalled_tolerance;
            return outcome(x, fx, &g, it, evaluations, ok);
        };
        let mut s = [0.0; N];
        let mut y = [0.0; N];
        for i in 0..N {
            s[i] = step * d[i];
            y[i] = gn[i] - g[i];
        }
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            if first {
                // Scale the initial inverse Hessian (Nocedal & Wright 6.20).
                let scale = sy / dot(&y, &y);
                h = identity();
                for (i, row) in h.iter_mut().enumerate() {
                    row[i] = scale;
                }
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ.
            let rho = 1.0 / sy;
            let mut hy = [0.0; N];
            for i in 0..N {
                hy[i] = dot(&h[i], &y);
            }
            let yhy = dot(&y, &hy);
            for i in 0..N {
                for j in 0..N {
                    h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
            first = false;
        }
        let change = (fx - fxn).abs();
        x = xn;
        fx = fxn;
        g = gn;
        if change <= 1e-16 * fx.abs().max(1.0) && max_abs(&g) <= options.stalled_tolerance {
            return outcome(x, fx, &g, it + 1, evaluations, true);
        }
    }
    let ok = max_abs(&g) <= options.gradient_tolerance;
    outcome(x, fx, &g, options.max_iterations, evaluations, ok)
}

/// The minimiser of the cubic through (0, f0, slope), (s1, f1), (s2, f2).
fn cubic_step(f0: f64, slope: f64, s1: f64, f1: f64, s2: f64, f2: f64) -> f64 {
    let r1 = f1 - f0 - slope * s1;
    let r2 = f2 - f0 - slope * s2;
    let den = s1 * s1 * s2 * s2 * (s1 - s2);
    if den == 0.0 {
        return 0.5 * s1;
    }
    let a = (s2 * s2 * r1 - s1 * s1 * r2) / den;
    let b = (-s2 * s2 * s2 * r1 + s1 * s1 * s1 * r2) / den;
    if a == 0.0 {
        return -slope / (2.0 * b);
    }
    let disc = b * b - 3.0 * a * slope;
    if disc < 0.0 {
        return 0.5 * s1;
    }
    (-b + disc.sqrt()) / (3.0 * a)
}

/// Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) from a simplex of `x0` and
/// `x0 + step·eᵢ`; stops when the simplex's values agree within `f_tolerance` and its points
/// within `x_tolerance`.
pub fn nelder_mead<const N: usize>(
    mut f: impl FnMut(&[f64; N]) -> f64,
    x0: [f64; N],
    step: f64,
    x_tolerance: f64,
    f_tolerance: f64,
    max_evaluations: usize,
) -> Outcome<N> {
    let mut value = |x: &[f64; N]| {
        let v = f(x);
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut pts: Vec<([f64; N], f64)> = Vec::with_capacity(N + 1);
    pts.push((x0, value(&x0)));
    for i in 0..N {
        let mut p = x0;
        p[i] += step;
        let v = value(&p);
        pts.push((p, v));
    }
    let mut evaluations = N + 1;
    let mut iterations = 0;
    let mut converged = false;
    while evaluations < max_evaluations {
        iterations += 1;
        pts.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (pts[0].1, pts[N].1);
        let spread = pts
            .iter()
            .skip(1)
            .map(|(p, _)| {
                p.iter()
                    .zip(&pts[0].0)
                    .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
            })
            .fold(0.0f64, f64::max);
        if (worst - best).abs() <= f_tolerance * best.abs().max(1.0) && spread <= x_tolerance {
            converged = true;
            break;
        }
        let mut centroid = [0.0; N];
        for (p, _) in &pts[..N] {
            for i in 0..N {
                centroid[i] += p[i] / N as f64;
            }
        }
        let along = |t: f64| {
            let mut q = [0.0; N];
            for i in 0..N {
                q[i] = centroid[i] + t * (pts[N].0[i] - centroid[i]);
            }
            q
        };
        let reflected = along(-1.0);
        let fr = value(&reflected);
        evaluations += 1;
        if fr < pts[0].1 {
            let expanded = along(-2.0);
            let fe = value(&expanded);
            evaluations += 1;
            pts[N] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < pts[N - 1].1 {
            pts[N] = (reflected, fr);
        } else {
            let (contracted, fc) = if fr < pts[N].1 {
                let c = along(-0.5);
                (c, value(&c))
            } else {
                let c = along(0.5);
                (c, value(&c))
            };
            evaluations += 1;
            if fc < pts[N].1.min(fr) {
                pts[N] = (contracted, fc);
            } else {
                let b = pts[0].0;
                for (p, v) in pts.iter_mut().skip(1) {
                    for i in 0..N {
                        p[i] = b[i] + 0.5 * (p[i] - b[i]);
                    }
                    *v = value(p);
                }
                evaluations += N;
            }
        }
    }
    pts.sort_by(|a, b| a.1.total_cmp(&b.1));
    Outcome {
        x: pts[0].0,
        f: pts[0].1,
        gradient: f64::NAN,
        iterations,
        evaluations,
        converged,
    }
}

/// Minimises from each start in turn until one converges (BFGS), then restarts BFGS once from
/// that point with a fresh Hessian to confirm it. If no start converges, Nelder–Mead from the
/// best point reached, then BFGS again. Returns the best outcome; `converged` says whether it
/// met the tolerance.
pub fn minimize<const N: usize>(
    mut f: impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
    starts: &[[f64; N]],
    options: &Options,
) -> Outcome<N> {
    let mut best: Option<Outcome<N>> = None;
    let mut total_evaluations = 0;
    let mut total_iterations = 0;
    let better = |a: &Outcome<N>, b: &Option<Outcome<N>>| match b {
        None => true,
        Some(b) => (a.converged && !b.converged) || (a.converged == b.converged && a.f < b.f),
    };
    for start in starts {
        let o = bfgs(&mut f, *start, options);
        total_evaluations += o.evaluations;
        total_iterations += o.iterations;
        if better(&o, &best) {
            best = Some(o);
        }
        if o.converged {
            break;
        }
    }
    let mut best = best.unwrap_or(Outcome {
        x: [0.0; N],
        f: f64::INFINITY,
        gradient: f64::NAN,
        iterations: 0,
        evaluations: 0,
        converged: false,
    });
    if !best.converged {
        let mut g = [0.0; N];
        let nm = nelder_mead(|x| f(x, &mut g), best.x, 0.5, 1e-10, 1e-14, 20_000);
        total_evaluations += nm.evaluations;
        total_iterations += nm.iterations;
        let o = bfgs(&mut f, nm.x, options);
        total_evaluations += o.evaluations;
        total_iterations += o.iterations;
        if better(&o, &Some(best)) {
            best = o;
        }
    }
    if best.converged {
        // The restart: a fresh Hessian from the solution; keep whichever is lower.
        let o = bfgs(&mut f, best.x, options);
        total_evaluations += o.evaluations;
        total_iterations += o.iterations;
        if o.converged && o.f <= best.f {
            best = o;
        }
    }
    best.evaluations = total_evaluations;
    best.iterations = total_iterations;
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rosenbrock(x: &[f64; 2], g: &mut [f64; 2]) -> f64 {
        let (a, b) = (x[0], x[1]);
        g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
        g[1] = 200.0 * (b - a * a);
        (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
    }

    /// A likelihood that is NaN away from the data, and a gradient that goes NaN with it:
    /// the line search must not panic (it did: `clamp` with a NaN step, on a generated log of
    /// 100k customers), and the outcome is a value, converged or not.
    #[test]
    fn a_nan_objective_or_gradient_does_not_panic() {
        let f = |x: &[f64; 1], g: &mut [f64; 1]| {
            if x[0] > 1.0 {
                g[0] = f64::NAN;
                return f64::NAN;
            }
            g[0] = 2.0 * (x[0] - 0.9);
            (x[0] - 0.9).powi(2)
        };
        let out = bfgs(f, [0.0], &Options::default());
        assert!(out.x[0].is_finite() || out.x[0].is_nan());
        let g = |_: &[f64; 1], g: &mut [f64; 1]| {
            g[0] = f64::NAN;
            f64::NAN
        };
        let _ = bfgs(g, [0.0], &Options::default());
    }

    #[test]
    fn bfgs_finds_rosenbrock_minimum() {
        let o = bfgs(rosenbrock, [-1.2, 1.0], &Options::default());
        assert!(o.converged, "{o:?}");
        assert!(
            (o.x[0] - 1.0).abs() < 1e-8 && (o.x[1] - 1.0).abs() < 1e-8,
            "{o:?}"
        );
    }

    #[test]
    fn nelder_mead_finds_rosenbrock_minimum() {
        let mut g = [0.0; 2];
        let o = nelder_mead(
            |x| rosenbrock(x, &mut g),
            [-1.2, 1.0],
            0.5,
            1e-10,
            1e-15,
            10_000,
        );
        assert!(o.converged, "{o:?}");
        assert!(
            (o.x[0] - 1.0).abs() < 1e-6 && (o.x[1] - 1.0).abs() < 1e-6,
            "{o:?}"
        );
    }

    #[test]
    fn minimize_survives_a_nan_region() {
        // Undefined (NaN) for x < −1: the line search must back away, never return NaN.
        let f = |x: &[f64; 1], g: &mut [f64; 1]| {
            g[0] = 2.0 * (x[0] - 3.0);
            if x[0] < -1.0 {
                f64::NAN
            } else {
                (x[0] - 3.0).powi(2)
            }
        };
        let o = minimize(f, &[[0.0]], &Options::default());
        assert!(o.converged && (o.x[0] - 3.0).abs() < 1e-9, "{o:?}");
    }

    #[test]
    fn a_function_without_minimum_does_not_converge() {
        let f = |x: &[f64; 1], g: &mut [f64; 1]| {
            g[0] = -1.0;
            -x[0]
        };
        let o = minimize(f, &[[0.0]], &Options::default());
        assert!(!o.converged);
        assert!(o.f.is_finite());
    }
}

//! The CLV pipeline on 100 000 customers from a ~1M-row log (drawn from the models themselves,
//! `clv_data.rs`): summary, compression by (x, tₓ, T), the BG/NBD and Gamma-Gamma fits, and
//! every customer's P(alive), expected purchases, expected spend and 12-month CLV. Plain
//! timings (the browser target: fit of 100k customers from the 1M-row log ≤ 1 s in WASM; the
//! same steps run under node by `examples/clv_wasm.rs`).
//!
//! `cargo bench -p tierwise-core --bench clv`

use std::hint::black_box;
use std::time::{Duration, Instant};
use tierwise_core::clv::bgnbd::{self, Compressed, Triple};
use tierwise_core::clv::{clv, gamma_gamma, summarize, ClvOptions, SummaryOptions};

mod clv_data;

/// Nanoseconds this thread has spent on a CPU (Linux); `None` elsewhere.
fn on_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `f` once; prints wall and on-CPU time; returns its result.
fn timed<R>(label: &str, f: impl FnOnce() -> R) -> R {
    let (t, cpu) = (Instant::now(), on_cpu_ns());
    let r = black_box(f());
    let wall = t.elapsed();
    match (cpu, on_cpu_ns()) {
        (Some(a), Some(b)) => println!(
            "{label:<52} wall {wall:>10.3?}   on-CPU {:>10.3?}",
            Duration::from_nanos(b - a)
        ),
        _ => println!("{label:<52} wall {wall:>10.3?}"),
    }
    r
}

fn main() {
    let customers = 100_000;
    let orders = timed("generate the log (not part of the pipeline)", || {
        clv_data::orders(customers)
    });
    println!("{} order rows, {customers} customers", orders.len());
    let (cal, obs) = clv_data::periods();
    let options = SummaryOptions::weeks(cal, obs);
    let summary = timed("summary (1M rows → 100k customers)", || {
        summarize(&orders, &options).unwrap()
    });
    let triples: Vec<Triple> = summary.customers.iter().map(Triple::from).collect();
    let compressed = timed("compress by (x, t_x, T)", || {
        Compressed::new(&triples).unwrap()
    });
    println!(
        "{} customers in calibration, {} left out, {} distinct triples",
        summary.customers.len(),
        summary.left_out,
        compressed.len()
    );
    let bg = timed("BG/NBD fit", || bgnbd::fit_compressed(&compressed).unwrap());
    println!(
        "  r {:.4} (drawn with {}), α {:.4} weeks ({:.4}), a {:.4} ({}), b {:.4} ({}); LL {:.2}; {} iterations, {} evaluations",
        bg.params.r,
        clv_data::R,
        bg.params.alpha,
        clv_data::ALPHA_DAYS / 7.0,
        bg.params.a,
        clv_data::A,
        bg.params.b,
        clv_data::B,
        bg.log_likelihood,
        bg.iterations,
        bg.evaluations
    );
    let drawn = clv_data::continuous_triples(customers, 77);
    let check = timed("BG/NBD fit on continuous-time draws", || {
        bgnbd::fit(&drawn).unwrap()
    });
    println!(
        "  r {:.4}, α {:.4}, a {:.4}, b {:.4} ({} triples)",
        check.params.r, check.params.alpha, check.params.a, check.params.b, check.distinct_triples
    );
    let spend: Vec<(u32, f64)> = summary
        .customers
        .iter()
        .map(|c| (c.x, c.monetary_value))
        .collect();
    let gg = timed("Gamma-Gamma fit", || gamma_gamma::fit(&spend).unwrap());
    println!(
        "  p {:.4} ({}), q {:.4} ({}), γ {:.4} ({}); {} repeat buyers; {} iterations, {} evaluations",
        gg.params.p,
        clv_data::P,
        gg.params.q,
        clv_data::Q,
        gg.params.gamma,
        clv_data::GAMMA,
        gg.customers,
        gg.iterations,
        gg.evaluations
    );
    let horizon = 52.0;
    timed("P(alive) + expected purchases (52 weeks), all", || {
        summary
            .customers
            .iter()
            .map(|c| {
                bg.params.p_alive(c.x, c.t_x, c.t)
                    + bg.params.expected_purchases(horizon, c.x, c.t_x, c.t)
            })
            .sum::<f64>()
    });
    let clv_options = ClvOptions::default();
    let total = timed("expected spend + 12-month CLV, all", || {
        summary
            .customers
            .iter()
            .map(|c| {
                clv(
                    &bg.params,
                    &gg.params,
                    c.into(),
                    c.monetary_value,
                    &clv_options,
                )
                .unwrap()
            })
            .sum::<f64>()
    });
    println!("  total 12-month CLV {total:.0}");
    timed("whole pipeline (summary → fits → CLV)", || {
        let s = summarize(&orders, &options).unwrap();
        let t: Vec<Triple> = s.customers.iter().map(Triple::from).collect();
        let bg = bgnbd::fit(&t).unwrap().params;
        let sp: Vec<(u32, f64)> = s
            .customers
            .iter()
            .map(|c| (c.x, c.monetary_value))
            .collect();
        let gg = gamma_gamma::fit(&sp).unwrap().params;
        s.customers
            .iter()
            .map(|c| clv(&bg, &gg, c.into(), c.monetary_value, &clv_options).unwrap())
            .sum::<f64>()
    });
}

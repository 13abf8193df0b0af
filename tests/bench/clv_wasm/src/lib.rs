//! The CLV pipeline of `src/core/benches/clv.rs` compiled to WebAssembly, step by step, for
//! timing in node (no wasm-bindgen: plain exported functions, no imports). A crate of its own,
//! outside the workspace, because an example of the core would link the core's
//! dev-dependencies, which do not build for wasm32. From the repository root:
//!
//! ```text
//! cargo build --release --target wasm32-unknown-unknown --manifest-path tests/bench/clv_wasm/Cargo.toml
//! node tests/bench/clv_wasm.mjs tests/bench/clv_wasm/target/wasm32-unknown-unknown/release/clv_wasm.wasm
//! ```

#[path = "../../../../src/core/benches/clv_data.rs"]
mod clv_data;

use std::sync::Mutex;
use tierwise_core::clv::bgnbd::{self, BgNbd, Compressed, Triple};
use tierwise_core::clv::{
    clv, gamma_gamma, summarize, ClvOptions, GammaGamma, Order, Summary, SummaryOptions,
};

#[derive(Default)]
struct State {
    orders: Vec<Order>,
    summary: Option<Summary>,
    compressed: Option<Compressed>,
    bg: Option<BgNbd>,
    gg: Option<GammaGamma>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    let mut guard = STATE.lock().unwrap();
    f(guard.get_or_insert_with(State::default))
}

/// Draws the log; returns its rows.
#[no_mangle]
pub extern "C" fn generate(customers: u32) -> u32 {
    with(|s| {
        s.orders = clv_data::orders(customers as usize);
        s.orders.len() as u32
    })
}

/// The summary; returns its customers.
#[no_mangle]
pub extern "C" fn step_summary() -> u32 {
    with(|s| {
        let (cal, obs) = clv_data::periods();
        let summary = summarize(&s.orders, &SummaryOptions::weeks(cal, obs)).unwrap();
        let n = summary.customers.len() as u32;
        s.summary = Some(summary);
        n
    })
}

/// The compression; returns the distinct triples.
#[no_mangle]
pub extern "C" fn step_compress() -> u32 {
    with(|s| {
        let triples: Vec<Triple> = s
            .summary
            .as_ref()
            .unwrap()
            .customers
            .iter()
            .map(Triple::from)
            .collect();
        let c = Compressed::new(&triples).unwrap();
        let n = c.len() as u32;
        s.compressed = Some(c);
        n
    })
}

/// The BG/NBD fit; returns the log-likelihood.
#[no_mangle]
pub extern "C" fn step_fit_bgnbd() -> f64 {
    with(|s| {
        let fit = bgnbd::fit_compressed(s.compressed.as_ref().unwrap()).unwrap();
        s.bg = Some(fit.params);
        fit.log_likelihood
    })
}

/// The Gamma-Gamma fit; returns the log-likelihood.
#[no_mangle]
pub extern "C" fn step_fit_gamma_gamma() -> f64 {
    with(|s| {
        let spend: Vec<(u32, f64)> = s
            .summary
            .as_ref()
            .unwrap()
            .customers
            .iter()
            .map(|c| (c.x, c.monetary_value))
            .collect();
        let fit = gamma_gamma::fit(&spend).unwrap();
        s.gg = Some(fit.params);
        fit.log_likelihood
    })
}

/// P(alive) and the expected purchases over 52 weeks for every customer; returns their sum.
#[no_mangle]
pub extern "C" fn step_predict() -> f64 {
    with(|s| {
        let bg = s.bg.unwrap();
        s.summary
            .as_ref()
            .unwrap()
            .customers
            .iter()
            .map(|c| bg.p_alive(c.x, c.t_x, c.t) + bg.expected_purchases(52.0, c.x, c.t_x, c.t))
            .sum()
    })
}

/// The 12-month CLV of every customer; returns the total.
#[no_mangle]
pub extern "C" fn step_clv() -> f64 {
    with(|s| {
        let (bg, gg) = (s.bg.unwrap(), s.gg.unwrap());
        let options = ClvOptions::default();
        s.summary
            .as_ref()
            .unwrap()
            .customers
            .iter()
            .map(|c| clv(&bg, &gg, c.into(), c.monetary_value, &options).unwrap())
            .sum()
    })
}

/// The fitted parameters: 0–3 r, α, a, b; 4–6 p, q, γ.
#[no_mangle]
pub extern "C" fn param(k: u32) -> f64 {
    with(|s| {
        let (bg, gg) = (s.bg.unwrap(), s.gg.unwrap());
        [bg.r, bg.alpha, bg.a, bg.b, gg.p, gg.q, gg.gamma][k as usize]
    })
}

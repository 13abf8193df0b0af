//! The classification methods checked end to end from CSV text: each test is
//! `check(csv, settings patch, method key, expected text)` (see `common/mod.rs` for the
//! format). The CSV goes through the project's own importer, the settings patch is merged
//! onto the defaults, and the expected text lists the class table and, per customer, its
//! class and reasons, as `Engine::explain` and `lookup::summary` give them. No test here
//! reads a method's own result struct, so they hold while the method internals move.
//! `UPDATE_EXPECT=1 cargo test -p tierwise-core --test methods` rewrites the expectations.
//!
//! These are the hand-computed method fixtures that used to be unit tests inside each
//! method file (moved here in the registry change; the method files keep only tests of
//! their internal helpers and the partial checks those fixtures made of internal figures:
//! the Pareto curve, per-quadrant volumes, score weights, the risk watch's lists).

mod common;

#[path = "methods/abc.rs"]
mod abc;
#[path = "methods/cross_sell.rs"]
mod cross_sell;
#[path = "methods/crosstab.rs"]
mod crosstab;
#[path = "methods/deal.rs"]
mod deal;
#[path = "methods/five_s.rs"]
mod five_s;
#[path = "methods/lookup.rs"]
mod lookup;
#[path = "methods/potential.rs"]
mod potential;
#[path = "methods/pyramid.rs"]
mod pyramid;
#[path = "methods/rfm.rs"]
mod rfm;
#[path = "methods/risk.rs"]
mod risk;
#[path = "methods/score.rs"]
mod score;
#[path = "methods/tiers.rs"]
mod tiers;
#[path = "methods/value.rs"]
mod value;
#[path = "methods/wallet.rs"]
mod wallet;

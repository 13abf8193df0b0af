//! Tierwise: a customer tiering workbench that runs entirely in the browser.
//!
//! - [`core`] (the `tierwise-core` crate): pure Rust, no browser, tested natively.
//! - [`ui`]: Leptos components, thin; state lives in context behind newtypes.
//! - [`storage`]: the browser storage adapters (localStorage now, IndexedDB later).

pub use tierwise_core as core;

#[cfg(feature = "heap-stats")]
pub mod heap_stats;
pub mod storage;
pub mod ui;

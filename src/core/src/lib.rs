//! Tierwise core: everything that can be decided without a browser.
//!
//! The crate knows neither leptos nor web-sys nor gloo, performs no I/O and never
//! panics on user data. Import functions return results *and* diagnostics.
//!
//! Layout:
//! - [`model`]: the normalised customer table ([`model::Dataset`]).
//! - [`settings`]: every threshold and weight, one versioned serde struct.
//! - [`import`]: text → rows → customers, with diagnostics (header mapping, numbers, dates, roll-up).
//! - [`classify`]: one module per classification method.
//! - [`clv`]: the customer-lifetime-value models (BG/NBD, Gamma-Gamma), fitted by maximum likelihood.
//! - [`csv_safe`]: cells of a CSV the app writes, neutralised so no spreadsheet runs them.
//! - [`workspace`]: the versioned workspace format, saved reviews and their comparison.
//! - [`export`]: the results as CSV and XLSX bytes, built in slices.
//! - [`format`]: numbers and explanation lines as text in each language.

pub mod classify;
pub mod clv;
pub mod csv_safe;
pub mod export;
pub mod format;
pub mod glossary;
pub mod heap;
pub mod i18n;
pub mod import;
pub mod model;
pub mod settings;
pub mod sort;
#[cfg(test)]
mod test_rng;
pub mod workspace;

pub use classify::{run_all, AllResults, Engine, Prepared};
pub use model::{Attributes, Customer, Customers, Dataset, DealStatus};
pub use settings::Settings;

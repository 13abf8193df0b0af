//! One module per classification method. Each is a pure function of a [`Dataset`] and its
//! settings section; orderings come precomputed from the dataset, so a settings change costs O(n).
//!
//! [`Dataset`]: crate::model::Dataset

pub mod abc;
pub mod tiers;

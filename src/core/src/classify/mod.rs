//! One module per classification method (domain.md, "The classifications", 1–14). Each has
//! the same shape: a settings section in [`crate::Settings`], a pure `classify`, an `explain`
//! giving the figures and thresholds behind a customer's class, and a [`Strategy`] per class.
//!
//! Orderings and normalisations that do not depend on the settings live in [`Prepared`],
//! built once per dataset; [`run_all`] then recomputes every method in O(n) per settings change.

use crate::i18n::Tr;
use crate::import::Field;
use std::fmt;

/// The shape every class enum shares.
pub trait Class: Copy + Eq + fmt::Debug + 'static {
    /// Every class, best first (so a lower index is a higher class).
    const ALL: &'static [Self];
    fn index(self) -> usize;
    /// Stable key, used in `data-testid`s, exports and i18n keys.
    fn key(self) -> &'static str;
    fn name(self) -> Tr;
    fn strategy(self) -> &'static Strategy;
}

macro_rules! class_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident => $key:literal, $tr:expr, $strat:path;)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $crate::classify::Class for $name {
            const ALL: &'static [Self] = &[$($name::$var),+];
            fn index(self) -> usize {
                self as usize
            }
            fn key(self) -> &'static str {
                match self { $($name::$var => $key),+ }
            }
            fn name(self) -> $crate::i18n::Tr {
                match self { $($name::$var => $tr),+ }
            }
            fn strategy(self) -> &'static $crate::classify::strategy::Strategy {
                match self { $($name::$var => &$strat),+ }
            }
        }
    };
}

pub mod abc;
mod all;
pub mod compare;
pub mod cross_sell;
pub mod crosstab;
pub mod deal;
pub mod explain;
pub mod five_s;
pub mod potential;
pub mod prepared;
pub mod pyramid;
pub mod readiness;
pub mod risk;
pub mod score;
pub mod staffing;
pub mod strategy;
pub mod tiers;
pub mod value;
pub mod wallet;

#[cfg(test)]
mod props;

pub use all::{explain_all, run_all, AllResults, Engine, Explanation, Method};
pub use compare::{compare, Movement};
pub use explain::{Cmp, Reason, Unit};
pub use prepared::{Index, Prepared};
pub use strategy::Strategy;

/// A method cannot run: the dataset has none of these columns. Gaps are never read as zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The method needs at least one of these fields.
    pub any_of: &'static [Field],
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("needs column ")?;
        for (k, field) in self.any_of.iter().enumerate() {
            if k > 0 {
                f.write_str(" or ")?;
            }
            f.write_str(field.key())?;
        }
        Ok(())
    }
}

/// Counts and sales per class from a per-customer class list.
pub fn tally<C: Class>(
    class: &[Option<C>],
    sales: impl Iterator<Item = f64>,
) -> (Vec<usize>, Vec<f64>) {
    let mut counts = vec![0; C::ALL.len()];
    let mut sums = vec![0.0; C::ALL.len()];
    for (c, s) in class.iter().zip(sales) {
        if let Some(c) = c {
            counts[c.index()] += 1;
            sums[c.index()] += s;
        }
    }
    (counts, sums)
}

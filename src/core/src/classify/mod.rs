//! One module per classification method (domain.md, "The classifications", 1–14). Each has
//! the same shape: a settings section in [`crate::Settings`], a pure `classify`, an `explain`
//! giving the figures and thresholds behind a customer's class, and a [`Strategy`] per class.
//!
//! | # | method | module | class |
//! |---|--------|--------|-------|
//! | 1 | deal status | [`deal`] | [`deal::DealClass`] |
//! | 2 | value tiers | [`tiers`] | [`tiers::Tier`] |
//! | 3 | likelihood of closing | [`potential`] | [`potential::PotentialClass`] |
//! | 4 | MVC / MGC / BZC | [`value`] | [`value::ValueClass`] |
//! | 5 | ABC and staffing plan | [`abc`], [`staffing`] | [`abc::AbcClass`] |
//! | 6 | share of wallet × volume | [`wallet`] | [`wallet::Quadrant`] |
//! | 7 | weighted score | [`score`] | [`score::ScoreBand`] |
//! | 8 | customer pyramid | [`pyramid`] | [`pyramid::PyramidClass`] |
//! | 9 | cross-tab of two dimensions | [`crosstab`] | — |
//! | 10 | 5S review, snapshots | [`five_s`] | [`five_s::FiveSClass`], [`five_s::Flag`] |
//! | 11 | readiness check | [`readiness`] | [`readiness::Verdict`] |
//! | 12 | risk watch | [`risk`] | [`risk::RiskFlag`] |
//! | 13 | cross-selling | [`cross_sell`] | — |
//! | 14 | owner filter | [`Prepared::for_owner`] | — |
//!
//! Use: build a [`Prepared`] once per dataset (and per owner filter): it sorts and normalises
//! everything that does not depend on the settings. Then either call [`run_all`] on every
//! settings change, or keep an [`Engine`], whose [`Engine::update`] recomputes only the
//! methods a change affects. [`explain_all`] gives one customer's classes, reasons and
//! strategies; [`compare`] gives the what-if movement between two classifications. A method
//! that lacks its column holds `Err(Missing)` naming the column; gaps are never read as zero.

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

// Before `methods`: each method file declares its strategies with its `strategy!` macro.
#[macro_use]
pub mod strategy;

pub mod compare;
pub mod explain;
pub mod lookup;
pub mod method;
pub mod methods;
pub mod prepared;
mod registry;
pub mod select;

pub use methods::{
    abc, cross_sell, crosstab, deal, five_s, potential, pyramid, readiness, rfm, risk, score,
    staffing, tiers, value, wallet,
};

#[cfg(test)]
mod props;

pub use compare::{compare, Movement};
pub use explain::{field_name, Cmp, Reason, Unit};
pub use method::MethodDef;
pub use prepared::{Index, Prepared};
pub use registry::{
    explain_all, explain_by_method, explain_rows, order, run_all, AllResults, Engine, Explanation,
    Method,
};
pub use strategy::Strategy;

/// A method cannot run: the dataset has none of these columns. Gaps are never read as zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The method needs at least one of these fields.
    pub any_of: &'static [Field],
}

impl Missing {
    /// "Needs the column: profit" (or "… growth or share of wallet") in one language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let (lead, or) = match lang {
            crate::i18n::Lang::En => ("Needs the column: ", " or "),
            crate::i18n::Lang::ZhCn => ("需要以下列：", "或"),
            crate::i18n::Lang::Es => ("Necesita la columna: ", " o "),
        };
        let names: Vec<&str> = self
            .any_of
            .iter()
            .map(|&f| explain::field_name(f).get(lang))
            .collect();
        format!("{lead}{}", names.join(or))
    }
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

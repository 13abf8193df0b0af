//! The classification methods, one file each (domain.md, "The classifications").

pub mod abc;
pub mod clv;
pub mod cross_sell;
pub mod crosstab;
pub mod deal;
pub mod five_s;
pub mod potential;
pub mod pyramid;
pub mod readiness;
pub mod rfm;
pub mod risk;
pub mod score;
pub mod staffing;
pub mod tiers;
pub mod value;
pub mod wallet;

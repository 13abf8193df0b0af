//! One file per classification method, holding everything UI-specific about it: the controls
//! in its page's side panel, its chart, and the sections it shows besides the class table.
//! Every file has the same shape, a `pub const UI: MethodUi`; [`ui`] picks one per method.
//! What several methods share (the measure and cut choices, the class bars, the dimension
//! names) is in [`shared`].

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
pub mod shared;
pub mod staffing;
pub mod tiers;
pub mod value;
pub mod wallet;

use leptos::prelude::AnyView;
use tierwise_core::classify::Method;

/// What a method page shows of its own. Each is called where the page shows it, and
/// `().into_any()` stands for nothing.
#[derive(Clone, Copy)]
pub struct MethodUi {
    /// The controls over the method's settings section, in the side panel.
    pub controls: fn() -> AnyView,
    /// The chart, shown when the method has its data.
    pub chart: fn() -> AnyView,
    /// Sections after the chart, before the class table, shown when the method has its data.
    pub extra: fn() -> AnyView,
}

/// The UI of `m`. A method without a file here does not compile.
pub fn ui(m: Method) -> MethodUi {
    match m {
        Method::Deal => deal::UI,
        Method::Tiers => tiers::UI,
        Method::Potential => potential::UI,
        Method::Value => value::UI,
        Method::Abc => abc::UI,
        Method::Wallet => wallet::UI,
        Method::Score => score::UI,
        Method::Pyramid => pyramid::UI,
        Method::CrossTab => crosstab::UI,
        Method::FiveS => five_s::UI,
        Method::Readiness => readiness::UI,
        Method::Risk => risk::UI,
        Method::CrossSell => cross_sell::UI,
        Method::Staffing => staffing::UI,
        Method::Rfm => rfm::UI,
        Method::Clv => clv::UI,
    }
}

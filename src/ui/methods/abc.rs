//! ABC analysis: the A and B shares of sales (C is the rest); the Pareto chart.

use leptos::prelude::*;

use super::shared::t;
use super::MethodUi;
use crate::ui::charts::pareto::ParetoChart;
use crate::ui::controls::PercentSlider;
use crate::ui::text;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

fn controls() -> AnyView {
    view! {
        <PercentSlider testid="slider-abc-a" label=text::SLIDER_ABC_A get=|s| s.abc.a_pct set=|s, v| s.abc.a_pct = v min=1.0 max=99.0/>
        <PercentSlider testid="slider-abc-b" label=text::SLIDER_ABC_B get=|s| s.abc.b_pct set=|s, v| s.abc.b_pct = v max=99.0/>
        <p class="hint">{t(text::C_IS_REST)}</p>
    }
    .into_any()
}

fn chart() -> AnyView {
    view! { <ParetoChart/> }.into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

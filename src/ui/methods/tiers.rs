//! Value tiers: the measure, the cut (rank shares or amount thresholds) and its sliders; the
//! class bars.

use leptos::prelude::*;
use tierwise_core::classify::Method;
use tierwise_core::settings::CutMode;

use super::shared::{class_bars, cut_key, cut_of, cuts, measure_key, measure_of, measures, t};
use super::shared::{CUT, MEASURE};
use super::MethodUi;
use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::state::use_settings;
use crate::ui::text;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

fn controls() -> AnyView {
    let settings = use_settings();
    let pct = move || settings.with(|s| s.tiers.cut == CutMode::Percentile);
    view! {
        <Choice
            testid="choice-tier-measure"
            label=MEASURE
            options=measures()
            get=|s| measure_key(s.tiers.measure)
            set=|s, v| s.tiers.measure = measure_of(v)
        />
        <Choice
            testid="choice-tier-cut"
            label=CUT
            options=cuts()
            get=|s| cut_key(s.tiers.cut)
            set=|s, v| s.tiers.cut = cut_of(v)
        />
        <Show
            when=pct
            fallback=|| {
                view! {
                    <NumSlider testid="slider-tier-vip-min" label=text::SLIDER_VIP_MIN get=|s| s.tiers.vip_min set=|s, v| s.tiers.vip_min = v min=0.0 max=2_000_000.0 step=5_000.0 unit=Unit::Money/>
                    <NumSlider testid="slider-tier-large-min" label=text::SLIDER_LARGE_MIN get=|s| s.tiers.large_min set=|s, v| s.tiers.large_min = v min=0.0 max=1_000_000.0 step=1_000.0 unit=Unit::Money/>
                    <NumSlider testid="slider-tier-medium-min" label=text::SLIDER_MEDIUM_MIN get=|s| s.tiers.medium_min set=|s, v| s.tiers.medium_min = v min=0.0 max=500_000.0 step=500.0 unit=Unit::Money/>
                }
            }
        >
            <PercentSlider testid="slider-tier-vip" label=text::SLIDER_VIP get=|s| s.tiers.vip_pct set=|s, v| s.tiers.vip_pct = v max=50.0/>
            <PercentSlider testid="slider-tier-large" label=text::SLIDER_LARGE get=|s| s.tiers.large_pct set=|s, v| s.tiers.large_pct = v max=60.0/>
            <PercentSlider testid="slider-tier-medium" label=text::SLIDER_MEDIUM get=|s| s.tiers.medium_pct set=|s, v| s.tiers.medium_pct = v max=80.0/>
            <p class="hint">{t(text::SMALL_IS_REST)}</p>
        </Show>
    }
    .into_any()
}

fn chart() -> AnyView {
    class_bars(Method::Tiers).into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

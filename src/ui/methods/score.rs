//! The weighted score: a weight per criterion (always 100% in total), the scaling, the band
//! lines; the histogram of the score with those lines.

use leptos::prelude::*;
use tierwise_core::settings::Normalization;

use super::shared::t;
use super::MethodUi;
use crate::ui::charts::{histogram, use_chart, ChartCanvas};
use crate::ui::controls::{Choice, NumSlider, Unit};
use crate::ui::state::{commit_settings, preview_settings, use_lang, use_settings, use_workbench};
use crate::ui::text::{self, Tr};

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const WEIGHTS: Tr = Tr::new(
    "Weights (always 100% in total)",
    "权重（合计始终为 100%）",
    "Pesos (siempre suman 100 %)",
);
const NORM: Tr = Tr::new(
    "Scale each criterion by",
    "各指标标准化方式",
    "Escalar cada criterio por",
);
const NORM_MINMAX: Tr = Tr::new("Min–max", "最小–最大", "Mín–máx");
const NORM_RANK: Tr = Tr::new("Percentile rank", "百分位排名", "Rango percentil");
const BAND_A: Tr = Tr::new("Band A from", "A 档下限", "Banda A desde");
const BAND_B: Tr = Tr::new("Band B from", "B 档下限", "Banda B desde");
const BAND_C: Tr = Tr::new("Band C from", "C 档下限", "Banda C desde");
pub const CRITERIA: [Tr; 7] = [
    tierwise_core::glossary::CREDIT.title,
    Tr::new("Order amount", "订单金额", "Importe de pedidos"),
    Tr::new("Prospects", "发展前景", "Perspectivas"),
    tierwise_core::glossary::PROFIT.title,
    tierwise_core::glossary::LOYALTY.title,
    tierwise_core::glossary::ATTITUDE.title,
    tierwise_core::glossary::GROWTH.title,
];
const WEIGHT_IDS: [&str; 7] = [
    "weight-credit",
    "weight-order-amount",
    "weight-prospects",
    "weight-profit",
    "weight-loyalty",
    "weight-attitude",
    "weight-growth",
];

fn controls() -> AnyView {
    let lang = use_lang();
    let settings = use_settings();
    view! {
        <fieldset class="weights">
            <legend>{t(WEIGHTS)}</legend>
            {(0..7)
                .map(|k| {
                    let id = WEIGHT_IDS[k];
                    let value = Memo::new(move |_| settings.with(|s| s.score.weights.to_array()[k]));
                    let shown = move || crate::ui::format::percent(value.get(), 0, lang.get());
                    view! {
                        <div class="slider">
                            <label for=id>
                                <span class="label">{move || CRITERIA[k].get(lang.get())}</span>
                                <output for=id data-testid=format!("{id}-value")>{shown}</output>
                            </label>
                            <input
                                type="range"
                                id=id
                                data-testid=id
                                min="0"
                                max="100"
                                step="1"
                                prop:value=move || value.get().to_string()
                                aria-valuetext=shown
                                on:input=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                        preview_settings(id, |s| s.score.weights = s.score.weights.set_keeping_total(k, v));
                                    }
                                }
                                on:change=move |_| commit_settings(id)
                            />
                        </div>
                    }
                })
                .collect_view()}
            <p class="hint" data-testid="weights-total">
                {move || format!("Σ = {}", crate::ui::format::percent(settings.with(|s| s.score.weights.to_array().iter().sum::<f64>()), 0, lang.get()))}
            </p>
        </fieldset>
        <Choice
            testid="choice-score-normalization"
            label=NORM
            options=vec![("minmax", NORM_MINMAX), ("rank", NORM_RANK)]
            get=|s| match s.score.normalization {
                Normalization::MinMax => "minmax",
                Normalization::PercentRank => "rank",
            }
            set=|s, v| s.score.normalization = if v == "rank" { Normalization::PercentRank } else { Normalization::MinMax }
        />
        <NumSlider testid="slider-score-a" label=BAND_A get=|s| s.score.a_min set=|s, v| s.score.a_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-score-b" label=BAND_B get=|s| s.score.b_min set=|s, v| s.score.b_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-score-c" label=BAND_C get=|s| s.score.c_min set=|s, v| s.score.c_min = v min=0.0 max=100.0 unit=Unit::Points/>
    }
    .into_any()
}

const SCORE_ALT: Tr = Tr::new(
    "Histogram of the weighted score with the band lines.",
    "加权评分分布直方图及分档线。",
    "Histograma de la puntuación ponderada con las líneas de banda.",
);
const SCORE: Tr = Tr::new("Score", "评分", "Puntuación");

fn chart() -> AnyView {
    let workbench = use_workbench();
    let canvas = use_chart("score", move |el, l| {
        workbench.with(|w| {
            let Ok(r) = w.results().score.as_ref() else {
                return Ok(());
            };
            let s = &w.engine.settings().score;
            let b = histogram::bins(&r.score);
            histogram::draw(
                el,
                &b,
                &[s.a_min, s.b_min, s.c_min],
                SCORE.get(l),
                text::CUSTOMERS.get(l),
            )
        })
    });
    view! { <ChartCanvas canvas testid="score-chart" alt=SCORE_ALT/> }.into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

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
        <NumSlider
            testid="slider-score-min-coverage"
            label=MIN_COVERAGE
            get=|s| s.score.min_coverage_pct
            set=|s, v| s.score.min_coverage_pct = v
            min=0.0
            max=100.0
            step=5.0
        />
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

const MIN_COVERAGE: Tr = Tr::new(
    "Score a customer when its known criteria carry at least",
    "已知指标权重合计至少达到此值才评分",
    "Puntuar a un cliente si sus criterios conocidos pesan al menos",
);
const SCORED_ON: Tr = Tr::new(
    "Scored on the criteria this data has: {list}.",
    "按数据中已有的指标评分：{list}。",
    "Puntuado con los criterios que tienen estos datos: {list}.",
);
const ONE_CRITERION: Tr = Tr::new(
    "Only one criterion has data here ({name}), so this score is that figure alone, not a view from several angles. ABC or the value tiers say the same more plainly; map credit, profit or rating columns for a real multi-criteria score.",
    "此数据只有一个指标（{name}），评分只是这一个数字，而非多角度衡量。ABC 分类或客户价值分级更直观；映射信用、利润或评级列才能得到真正的多指标评分。",
    "Aquí solo un criterio tiene datos ({name}): la puntuación es esa cifra sola, no una vista desde varios ángulos. El ABC o los niveles de valor lo dicen más claro; asigne columnas de crédito, beneficio o valoraciones para una puntuación multicriterio real.",
);
const NOT_ENOUGH: Tr = Tr::new(
    "{n} customers are not scored: not enough data (their known criteria carry less than {pct} of the weight).",
    "{n} 个客户数据不足，未评分（已知指标的权重合计低于 {pct}）。",
    "{n} clientes sin puntuar: datos insuficientes (sus criterios conocidos pesan menos del {pct}).",
);
const NOT_ENOUGH_PROSPECTS: Tr = Tr::new(
    "{p} of them are prospects: development prospects are the only evidence for a new customer, so the likelihood of closing ranks them, not this score.",
    "其中 {p} 个是潜在客户：对新客户而言，发展前景是唯一依据，应看成交可能性分级，而非本评分。",
    "{p} de ellos son potenciales: para un cliente nuevo la única evidencia son sus perspectivas de desarrollo, así que los ordena la probabilidad de cierre, no esta puntuación.",
);

/// What the score is computed from, and whom it leaves out and why.
fn extra() -> AnyView {
    use tierwise_core::classify::deal::DealClass;
    use tierwise_core::classify::score::Criterion;
    let workbench = use_workbench();
    let settings = use_settings();
    let lang = use_lang();
    let facts = Memo::new(move |_| {
        workbench.with(|w| {
            let r = w.results().score.as_ref().ok()?;
            let deal = &w.results().deal.class;
            let prospects = r
                .band
                .iter()
                .zip(deal)
                .filter(|(b, d)| b.is_none() && **d == Some(DealClass::Potential))
                .count();
            let present: Vec<Criterion> = Criterion::ALL
                .into_iter()
                .zip(r.present)
                .filter_map(|(c, p)| p.then_some(c))
                .collect();
            Some((r.unclassed, prospects, present))
        })
    });
    let fmt = crate::ui::format::int;
    view! {
        {move || {
            let l = lang.get();
            facts
                .get()
                .map(|(unclassed, prospects, present)| {
                    let names: Vec<&str> = present.iter().map(|c| c.name().get(l)).collect();
                    let sep = if l == tierwise_core::i18n::Lang::ZhCn { "、" } else { ", " };
                    let pct = crate::ui::format::percent(
                        settings.with(|s| s.score.min_coverage_pct),
                        0,
                        l,
                    );
                    view! {
                        <p class="hint" data-testid="score-criteria">
                            {text::fill(SCORED_ON.get(l), &[("list", names.join(sep))])}
                        </p>
                        <Show when={
                            let one = present.len() == 1;
                            move || one
                        }>
                            <p class="notice" data-testid="score-one-criterion">
                                {text::fill(
                                    ONE_CRITERION.get(l),
                                    &[("name", names.first().copied().unwrap_or_default().to_string())],
                                )}
                            </p>
                        </Show>
                        <Show when=move || { unclassed > 0 }>
                            <p class="notice" data-testid="score-not-enough" data-count=unclassed data-prospects=prospects>
                                {text::fill(NOT_ENOUGH.get(l), &[("n", fmt(unclassed, l)), ("pct", pct.clone())])}
                                {(prospects > 0)
                                    .then(|| {
                                        format!(
                                            " {}",
                                            text::fill(NOT_ENOUGH_PROSPECTS.get(l), &[("p", fmt(prospects, l))]),
                                        )
                                    })}
                            </p>
                        </Show>
                    }
                })
        }}
    }
    .into_any()
}

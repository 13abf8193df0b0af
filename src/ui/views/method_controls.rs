//! Each method's controls: sliders, choices and weights over its settings section. Every
//! control is labelled, shows its value and works from the keyboard (see `ui::controls`).

use leptos::prelude::*;
use tierwise_core::classify::Method;
use tierwise_core::settings::{
    ClassSource, CutMode, Dimension, MgcMeasure, Normalization, PotentialMode, RankBy, ValueMeasure,
};

use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::state::{commit_settings, preview_settings, use_lang, use_settings};
use crate::ui::text::{self, Tr};

const MEASURE: Tr = Tr::new("Measured on", "衡量指标", "Medido sobre");
const M_SALES: Tr = Tr::new("Sales", "销售额", "Ventas");
const M_PROFIT: Tr = Tr::new("Profit", "利润", "Beneficio");
const M_SCORE: Tr = Tr::new("Weighted score", "加权评分", "Puntuación ponderada");
const CUT: Tr = Tr::new("Cut by", "划分方式", "Cortar por");
const CUT_PCT: Tr = Tr::new(
    "Rank share (top %)",
    "排名比例（前 %）",
    "Cuota de ranking (primeros %)",
);
const CUT_ABS: Tr = Tr::new("Amount thresholds", "金额门槛", "Umbrales de importe");

fn measure_key(m: ValueMeasure) -> &'static str {
    match m {
        ValueMeasure::Sales => "sales",
        ValueMeasure::Profit => "profit",
        ValueMeasure::Score => "score",
    }
}
fn measure_of(k: &str) -> ValueMeasure {
    match k {
        "profit" => ValueMeasure::Profit,
        "score" => ValueMeasure::Score,
        _ => ValueMeasure::Sales,
    }
}
fn measures() -> Vec<(&'static str, Tr)> {
    vec![("sales", M_SALES), ("profit", M_PROFIT), ("score", M_SCORE)]
}
fn cut_key(c: CutMode) -> &'static str {
    match c {
        CutMode::Percentile => "percentile",
        CutMode::Absolute => "absolute",
    }
}
fn cut_of(k: &str) -> CutMode {
    if k == "absolute" {
        CutMode::Absolute
    } else {
        CutMode::Percentile
    }
}
fn cuts() -> Vec<(&'static str, Tr)> {
    vec![("percentile", CUT_PCT), ("absolute", CUT_ABS)]
}

/// The controls of `method`, or nothing for a method without settings.
pub fn controls(method: Method) -> AnyView {
    match method {
        Method::Deal => view! { <p class="hint">{t(DEAL_HINT)}</p> }.into_any(),
        Method::Tiers => tiers().into_any(),
        Method::Potential => potential().into_any(),
        Method::Value => value().into_any(),
        Method::Abc => abc().into_any(),
        Method::Wallet => wallet().into_any(),
        Method::Score => score().into_any(),
        Method::Pyramid => pyramid().into_any(),
        Method::CrossTab => crosstab().into_any(),
        Method::FiveS => five_s().into_any(),
        Method::Readiness => ().into_any(),
        Method::Risk => risk().into_any(),
        Method::CrossSell => cross_sell().into_any(),
    }
}

fn t(tr: Tr) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || tr.get(lang.get())
}

const DEAL_HINT: Tr = Tr::new(
    "Existing customers have at least one closed deal; potential customers have none yet. There is nothing to tune.",
    "已成交客户至少有一笔成交；潜在客户尚未成交。本方法无需调参。",
    "Los clientes actuales tienen al menos una operación cerrada; los potenciales, ninguna. No hay nada que ajustar.",
);

fn tiers() -> impl IntoView {
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
}

const POT_MODE: Tr = Tr::new("Judge by", "判断依据", "Juzgar por");
const POT_AUTO: Tr = Tr::new(
    "Probability, else close date",
    "成交概率，否则预计成交日期",
    "Probabilidad, si no fecha de cierre",
);
const POT_PROB: Tr = Tr::new("Close probability", "成交概率", "Probabilidad de cierre");
const POT_DATE: Tr = Tr::new(
    "Expected close date",
    "预计成交日期",
    "Fecha prevista de cierre",
);
const POT_A: Tr = Tr::new("A from probability", "A 类概率下限", "A desde probabilidad");
const POT_B: Tr = Tr::new("B from probability", "B 类概率下限", "B desde probabilidad");
const POT_C: Tr = Tr::new("C from probability", "C 类概率下限", "C desde probabilidad");
const POT_AM: Tr = Tr::new("A: closes within", "A 类：预计成交于", "A: cierra en");
const POT_BM: Tr = Tr::new("B: closes within", "B 类：预计成交于", "B: cierra en");
const POT_CM: Tr = Tr::new("C: closes within", "C 类：预计成交于", "C: cierra en");

fn potential() -> impl IntoView {
    view! {
        <Choice
            testid="choice-potential-mode"
            label=POT_MODE
            options=vec![("auto", POT_AUTO), ("probability", POT_PROB), ("date", POT_DATE)]
            get=|s| match s.potential.mode {
                PotentialMode::Auto => "auto",
                PotentialMode::Probability => "probability",
                PotentialMode::CloseDate => "date",
            }
            set=|s, v| {
                s.potential.mode = match v {
                    "probability" => PotentialMode::Probability,
                    "date" => PotentialMode::CloseDate,
                    _ => PotentialMode::Auto,
                }
            }
        />
        <PercentSlider testid="slider-potential-a" label=POT_A get=|s| s.potential.a_pct set=|s, v| s.potential.a_pct = v/>
        <PercentSlider testid="slider-potential-b" label=POT_B get=|s| s.potential.b_pct set=|s, v| s.potential.b_pct = v/>
        <PercentSlider testid="slider-potential-c" label=POT_C get=|s| s.potential.c_pct set=|s, v| s.potential.c_pct = v/>
        <NumSlider testid="slider-potential-a-months" label=POT_AM get=|s| s.potential.a_months as f64 set=|s, v| s.potential.a_months = v as u32 min=1.0 max=24.0 unit=Unit::Months/>
        <NumSlider testid="slider-potential-b-months" label=POT_BM get=|s| s.potential.b_months as f64 set=|s, v| s.potential.b_months = v as u32 min=1.0 max=24.0 unit=Unit::Months/>
        <NumSlider testid="slider-potential-c-months" label=POT_CM get=|s| s.potential.c_months as f64 set=|s, v| s.potential.c_months = v as u32 min=1.0 max=36.0 unit=Unit::Months/>
    }
}

const MVC: Tr = Tr::new(
    "MVC: top share by profit",
    "MVC：利润排名前",
    "MVC: primeros por beneficio",
);
const MGC: Tr = Tr::new(
    "MGC: top share by growth",
    "MGC：增长排名前",
    "MGC: primeros por crecimiento",
);
const MGC_BY: Tr = Tr::new("Growth measured by", "增长性衡量", "Crecimiento medido por");
const MGC_AUTO: Tr = Tr::new(
    "Growth rate, else wallet gap",
    "增长率，否则钱包空间",
    "Tasa de crecimiento, si no hueco de cartera",
);
const MGC_GROWTH: Tr = Tr::new("Growth rate", "增长率", "Tasa de crecimiento");
const MGC_GAP: Tr = Tr::new(
    "Wallet gap (volume × (1 − share))",
    "钱包空间（采购量 ×（1 − 份额））",
    "Hueco de cartera (volumen × (1 − cuota))",
);
const BZC: Tr = Tr::new(
    "BZC: profit at or below",
    "BZC：利润不高于",
    "BZC: beneficio igual o menor que",
);

fn value() -> impl IntoView {
    view! {
        <PercentSlider testid="slider-value-mvc" label=MVC get=|s| s.value.mvc_pct set=|s, v| s.value.mvc_pct = v max=60.0/>
        <PercentSlider testid="slider-value-mgc" label=MGC get=|s| s.value.mgc_pct set=|s, v| s.value.mgc_pct = v max=60.0/>
        <Choice
            testid="choice-value-mgc"
            label=MGC_BY
            options=vec![("auto", MGC_AUTO), ("growth", MGC_GROWTH), ("gap", MGC_GAP)]
            get=|s| match s.value.mgc_measure {
                MgcMeasure::Auto => "auto",
                MgcMeasure::GrowthRate => "growth",
                MgcMeasure::WalletGap => "gap",
            }
            set=|s, v| {
                s.value.mgc_measure = match v {
                    "growth" => MgcMeasure::GrowthRate,
                    "gap" => MgcMeasure::WalletGap,
                    _ => MgcMeasure::Auto,
                }
            }
        />
        <NumSlider testid="slider-value-bzc" label=BZC get=|s| s.value.bzc_max_profit set=|s, v| s.value.bzc_max_profit = v min=-50_000.0 max=50_000.0 step=500.0 unit=Unit::Money/>
    }
}

fn abc() -> impl IntoView {
    view! {
        <PercentSlider testid="slider-abc-a" label=text::SLIDER_ABC_A get=|s| s.abc.a_pct set=|s, v| s.abc.a_pct = v min=1.0 max=99.0/>
        <PercentSlider testid="slider-abc-b" label=text::SLIDER_ABC_B get=|s| s.abc.b_pct set=|s, v| s.abc.b_pct = v max=99.0/>
        <p class="hint">{t(text::C_IS_REST)}</p>
    }
}

const SHARE_SPLIT: Tr = Tr::new("High share from", "高份额下限", "Cuota alta desde");
const VOL_CUT: Tr = Tr::new("Big volume by", "大采购量划分", "Volumen grande por");
const VOL_PCT: Tr = Tr::new(
    "Big volume: top share",
    "大采购量：排名前",
    "Volumen grande: primeros",
);
const VOL_AMT: Tr = Tr::new("Big volume from", "大采购量下限", "Volumen grande desde");

fn wallet() -> impl IntoView {
    let settings = use_settings();
    view! {
        <PercentSlider testid="slider-wallet-share" label=SHARE_SPLIT get=|s| s.wallet.share_split_pct set=|s, v| s.wallet.share_split_pct = v/>
        <Choice
            testid="choice-wallet-cut"
            label=VOL_CUT
            options=cuts()
            get=|s| cut_key(s.wallet.volume_cut)
            set=|s, v| s.wallet.volume_cut = cut_of(v)
        />
        <Show
            when=move || settings.with(|s| s.wallet.volume_cut == CutMode::Percentile)
            fallback=|| view! {
                <NumSlider testid="slider-wallet-volume-amount" label=VOL_AMT get=|s| s.wallet.volume_amount set=|s, v| s.wallet.volume_amount = v min=0.0 max=2_000_000.0 step=5_000.0 unit=Unit::Money/>
            }
        >
            <PercentSlider testid="slider-wallet-volume" label=VOL_PCT get=|s| s.wallet.volume_pct set=|s, v| s.wallet.volume_pct = v min=1.0 max=99.0/>
        </Show>
    }
}

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
    Tr::new("Credit", "信用状况", "Crédito"),
    Tr::new("Order amount", "订单金额", "Importe de pedidos"),
    Tr::new("Prospects", "发展前景", "Perspectivas"),
    Tr::new("Profit", "利润贡献", "Beneficio"),
    Tr::new("Loyalty", "忠诚度", "Lealtad"),
    Tr::new("Attitude", "合作态度", "Actitud"),
    Tr::new("Growth", "增长", "Crecimiento"),
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

fn score() -> impl IntoView {
    let lang = use_lang();
    let settings = use_settings();
    view! {
        <fieldset class="weights">
            <legend>{t(WEIGHTS)}</legend>
            {(0..7)
                .map(|k| {
                    let id = WEIGHT_IDS[k];
                    let value = Memo::new(move |_| settings.with(|s| s.score.weights.to_array()[k]));
                    let shown = move || format!("{:.0}%", value.get());
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
                                        preview_settings(|s| s.score.weights = s.score.weights.set_keeping_total(k, v));
                                    }
                                }
                                on:change=move |_| commit_settings(id)
                            />
                        </div>
                    }
                })
                .collect_view()}
            <p class="hint" data-testid="weights-total">
                {move || format!("Σ = {:.0}%", settings.with(|s| s.score.weights.to_array().iter().sum::<f64>()))}
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
}

const KEY: Tr = Tr::new("Key: top share", "关键客户：排名前", "Clave: primeros");
const MAJOR: Tr = Tr::new(
    "Major: next share",
    "主要客户：其后",
    "Principales: siguientes",
);
const ORDINARY: Tr = Tr::new(
    "Ordinary: next share",
    "普通客户：其后",
    "Ordinarios: siguientes",
);
const UPGRADE: Tr = Tr::new(
    "Can upgrade: growth from",
    "有升级潜力：增长率不低于",
    "Con potencial: crecimiento desde",
);
const BAD_LATE: Tr = Tr::new(
    "Bad: average days late from",
    "劣质：平均逾期天数不低于",
    "Malo: días de retraso medios desde",
);

fn pyramid() -> impl IntoView {
    view! {
        <Choice
            testid="choice-pyramid-measure"
            label=MEASURE
            options=measures()
            get=|s| measure_key(s.pyramid.measure)
            set=|s, v| s.pyramid.measure = measure_of(v)
        />
        <PercentSlider testid="slider-pyramid-key" label=KEY get=|s| s.pyramid.key_pct set=|s, v| s.pyramid.key_pct = v max=20.0 step=0.5/>
        <PercentSlider testid="slider-pyramid-major" label=MAJOR get=|s| s.pyramid.major_pct set=|s, v| s.pyramid.major_pct = v max=40.0 step=0.5/>
        <PercentSlider testid="slider-pyramid-ordinary" label=ORDINARY get=|s| s.pyramid.ordinary_pct set=|s, v| s.pyramid.ordinary_pct = v max=60.0/>
        <NumSlider testid="slider-pyramid-upgrade" label=UPGRADE get=|s| s.pyramid.upgrade_growth_pct set=|s, v| s.pyramid.upgrade_growth_pct = v min=-50.0 max=100.0/>
        <NumSlider testid="slider-pyramid-bad-late" label=BAD_LATE get=|s| s.pyramid.bad_days_late set=|s, v| s.pyramid.bad_days_late = v min=0.0 max=365.0 unit=Unit::Days/>
    }
}

const ROWS: Tr = Tr::new("Rows", "行", "Filas");
const COLS: Tr = Tr::new("Columns", "列", "Columnas");

pub fn dimension_key(d: Dimension) -> &'static str {
    match d {
        Dimension::DealStatus => "deal",
        Dimension::Region => "region",
        Dimension::Industry => "industry",
        Dimension::Owner => "owner",
        Dimension::Abc => "abc",
        Dimension::Tier => "tier",
        Dimension::Potential => "potential",
        Dimension::Value => "value",
        Dimension::Wallet => "wallet",
        Dimension::ScoreBand => "score",
        Dimension::Pyramid => "pyramid",
        Dimension::FiveS => "five_s",
        Dimension::Attitude => "attitude",
        Dimension::Loyalty => "loyalty",
        Dimension::Credit => "credit",
        Dimension::Prospects => "prospects",
    }
}

const DIMENSIONS: [(Dimension, Tr); 16] = [
    (
        Dimension::DealStatus,
        Tr::new("Deal status", "成交状态", "Estado de la operación"),
    ),
    (Dimension::Region, Tr::new("Region", "地区", "Región")),
    (Dimension::Industry, Tr::new("Industry", "行业", "Sector")),
    (Dimension::Owner, Tr::new("Owner", "负责人", "Responsable")),
    (Dimension::Abc, Tr::new("ABC class", "ABC 类", "Clase ABC")),
    (
        Dimension::Tier,
        Tr::new("Value tier", "价值等级", "Nivel de valor"),
    ),
    (
        Dimension::Potential,
        Tr::new(
            "Likelihood of closing",
            "成交可能性",
            "Probabilidad de cierre",
        ),
    ),
    (
        Dimension::Value,
        Tr::new("Value class", "价值类别", "Clase de valor"),
    ),
    (
        Dimension::Wallet,
        Tr::new("Wallet quadrant", "钱包象限", "Cuadrante de cartera"),
    ),
    (
        Dimension::ScoreBand,
        Tr::new("Score band", "评分档", "Banda de puntuación"),
    ),
    (
        Dimension::Pyramid,
        Tr::new("Pyramid level", "金字塔层级", "Nivel de pirámide"),
    ),
    (Dimension::FiveS, Tr::new("5S class", "5S 类别", "Clase 5S")),
    (
        Dimension::Attitude,
        Tr::new("Attitude", "合作态度", "Actitud"),
    ),
    (Dimension::Loyalty, Tr::new("Loyalty", "忠诚度", "Lealtad")),
    (Dimension::Credit, Tr::new("Credit", "信用", "Crédito")),
    (
        Dimension::Prospects,
        Tr::new("Prospects", "发展前景", "Perspectivas"),
    ),
];

fn dimension_of(k: &str) -> Dimension {
    DIMENSIONS
        .iter()
        .find(|(d, _)| dimension_key(*d) == k)
        .map_or(Dimension::Abc, |(d, _)| *d)
}

fn dimension_options() -> Vec<(&'static str, Tr)> {
    DIMENSIONS
        .iter()
        .map(|(d, tr)| (dimension_key(*d), *tr))
        .collect()
}

fn crosstab() -> impl IntoView {
    view! {
        <Choice testid="choice-crosstab-rows" label=ROWS options=dimension_options() get=|s| dimension_key(s.crosstab.rows) set=|s, v| s.crosstab.rows = dimension_of(v)/>
        <Choice testid="choice-crosstab-cols" label=COLS options=dimension_options() get=|s| dimension_key(s.crosstab.cols) set=|s, v| s.crosstab.cols = dimension_of(v)/>
    }
}

const FIRST: Tr = Tr::new(
    "Class I from (composite)",
    "一类下限（综合分）",
    "Clase I desde (compuesto)",
);
const SECOND: Tr = Tr::new(
    "Class II from (composite)",
    "二类下限（综合分）",
    "Clase II desde (compuesto)",
);
const RELEASE: Tr = Tr::new(
    "Release the bottom of each class",
    "每类释放末尾",
    "Liberar el final de cada clase",
);
const TINY: Tr = Tr::new(
    "Suspend: sales rank below",
    "暂停：销售额排名低于",
    "Suspender: ranking de ventas bajo",
);
const SLOW: Tr = Tr::new(
    "Eliminate: average days late above",
    "淘汰：平均逾期天数高于",
    "Eliminar: días de retraso medios sobre",
);
const VIOLATION: Tr = Tr::new(
    "Eliminate: on-time share below",
    "淘汰：按时付款比例低于",
    "Eliminar: pagos puntuales bajo",
);
const LOW_GROWTH: Tr = Tr::new(
    "Custodial: growth below",
    "托管：增长率低于",
    "Custodia: crecimiento bajo",
);

fn five_s() -> impl IntoView {
    view! {
        <NumSlider testid="slider-five-s-first" label=FIRST get=|s| s.five_s.first_min set=|s, v| s.five_s.first_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-five-s-second" label=SECOND get=|s| s.five_s.second_min set=|s, v| s.five_s.second_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <PercentSlider testid="slider-five-s-release" label=RELEASE get=|s| s.five_s.release_pct set=|s, v| s.five_s.release_pct = v max=50.0/>
        <PercentSlider testid="slider-five-s-tiny" label=TINY get=|s| s.five_s.tiny_sales_pct set=|s, v| s.five_s.tiny_sales_pct = v max=50.0/>
        <NumSlider testid="slider-five-s-slow" label=SLOW get=|s| s.five_s.slow_days_late set=|s, v| s.five_s.slow_days_late = v min=0.0 max=365.0 unit=Unit::Days/>
        <PercentSlider testid="slider-five-s-violation" label=VIOLATION get=|s| s.five_s.violation_on_time_pct set=|s, v| s.five_s.violation_on_time_pct = v/>
        <NumSlider testid="slider-five-s-growth" label=LOW_GROWTH get=|s| s.five_s.low_growth_pct set=|s, v| s.five_s.low_growth_pct = v min=-50.0 max=50.0/>
    }
}

const OVERDUE_DAYS: Tr = Tr::new(
    "Overdue: days above",
    "逾期：天数超过",
    "Vencido: días sobre",
);
const OVERDUE_AMT: Tr = Tr::new(
    "Overdue: amount above",
    "逾期：金额超过",
    "Vencido: importe sobre",
);
const LATE: Tr = Tr::new(
    "Slow payment: average days late above",
    "回款慢：平均逾期天数超过",
    "Pago lento: días de retraso medios sobre",
);
const ON_TIME: Tr = Tr::new(
    "Slow payment: on-time share below",
    "回款慢：按时付款比例低于",
    "Pago lento: pagos puntuales bajo",
);
const DECLINE: Tr = Tr::new(
    "Declining: growth below",
    "采购下降：增长率低于",
    "En descenso: crecimiento bajo",
);
const CREDIT: Tr = Tr::new(
    "Weak credit: rating below",
    "信用弱：评分低于",
    "Crédito débil: calificación bajo",
);
const FAILING: Tr = Tr::new(
    "Failing business: financial status below",
    "经营不善：财务状况低于",
    "Negocio en dificultades: situación financiera bajo",
);
const TOP_N: Tr = Tr::new(
    "Watch lists: how many",
    "监控名单人数",
    "Listas de vigilancia: cuántos",
);

fn risk() -> impl IntoView {
    view! {
        <NumSlider testid="slider-risk-overdue-days" label=OVERDUE_DAYS get=|s| s.risk.overdue_days set=|s, v| s.risk.overdue_days = v min=0.0 max=365.0 unit=Unit::Days/>
        <NumSlider testid="slider-risk-overdue-amount" label=OVERDUE_AMT get=|s| s.risk.overdue_amount set=|s, v| s.risk.overdue_amount = v min=0.0 max=200_000.0 step=500.0 unit=Unit::Money/>
        <NumSlider testid="slider-risk-late" label=LATE get=|s| s.risk.late_days set=|s, v| s.risk.late_days = v min=0.0 max=180.0 unit=Unit::Days/>
        <PercentSlider testid="slider-risk-on-time" label=ON_TIME get=|s| s.risk.on_time_min_pct set=|s, v| s.risk.on_time_min_pct = v/>
        <NumSlider testid="slider-risk-decline" label=DECLINE get=|s| s.risk.decline_pct set=|s, v| s.risk.decline_pct = v min=-100.0 max=50.0/>
        <NumSlider testid="slider-risk-credit" label=CREDIT get=|s| s.risk.credit_min set=|s, v| s.risk.credit_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-risk-financial" label=FAILING get=|s| s.risk.financial_min set=|s, v| s.risk.financial_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-risk-top-n" label=TOP_N get=|s| s.risk.top_n as f64 set=|s, v| s.risk.top_n = v as u32 min=5.0 max=100.0 unit=Unit::Count/>
    }
}

const SOURCE: Tr = Tr::new(
    "Within the classes of",
    "在以下分类内",
    "Dentro de las clases de",
);
const RANK: Tr = Tr::new("Rank products by", "产品排序依据", "Ordenar productos por");
const LIFT: Tr = Tr::new(
    "Lift over all customers",
    "相对全体客户的提升度",
    "Lift sobre todos los clientes",
);
const SUPPORT: Tr = Tr::new(
    "Share of the class buying",
    "本类购买比例",
    "Cuota de la clase que compra",
);
const MIN_SUPPORT: Tr = Tr::new(
    "Suggest from a class share of",
    "本类购买比例不低于",
    "Sugerir desde una cuota de clase de",
);
const PER_CLASS: Tr = Tr::new(
    "Products per class",
    "每类推荐产品数",
    "Productos por clase",
);

fn cross_sell() -> impl IntoView {
    view! {
        <Choice
            testid="choice-cross-sell-source"
            label=SOURCE
            options=vec![
                ("abc", DIMENSIONS[4].1),
                ("tier", DIMENSIONS[5].1),
                ("value", DIMENSIONS[7].1),
                ("pyramid", DIMENSIONS[10].1),
                ("score", DIMENSIONS[9].1),
            ]
            get=|s| match s.cross_sell.source {
                ClassSource::Abc => "abc",
                ClassSource::Tier => "tier",
                ClassSource::Value => "value",
                ClassSource::Pyramid => "pyramid",
                ClassSource::ScoreBand => "score",
            }
            set=|s, v| {
                s.cross_sell.source = match v {
                    "tier" => ClassSource::Tier,
                    "value" => ClassSource::Value,
                    "pyramid" => ClassSource::Pyramid,
                    "score" => ClassSource::ScoreBand,
                    _ => ClassSource::Abc,
                }
            }
        />
        <Choice
            testid="choice-cross-sell-rank"
            label=RANK
            options=vec![("lift", LIFT), ("support", SUPPORT)]
            get=|s| match s.cross_sell.rank_by {
                RankBy::Lift => "lift",
                RankBy::Support => "support",
            }
            set=|s, v| s.cross_sell.rank_by = if v == "support" { RankBy::Support } else { RankBy::Lift }
        />
        <PercentSlider testid="slider-cross-sell-support" label=MIN_SUPPORT get=|s| s.cross_sell.min_support_pct set=|s, v| s.cross_sell.min_support_pct = v max=80.0/>
        <NumSlider testid="slider-cross-sell-top" label=PER_CLASS get=|s| s.cross_sell.top_n as f64 set=|s, v| s.cross_sell.top_n = v as u32 min=1.0 max=20.0 unit=Unit::Count/>
    }
}

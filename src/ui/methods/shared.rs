//! What several methods' UIs share: the "measured on" and "cut by" choices, the text helper
//! of the controls, the class bars chart, and the names of the dimensions a cross-tab or a
//! cross-selling source can use.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};
use tierwise_core::i18n::Lang;
use tierwise_core::settings::{CutMode, Dimension, Settings, ValueMeasure};

use crate::ui::charts::{bars, class_color, use_chart, ChartCanvas};
use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::Tr;

pub const MEASURE: Tr = Tr::new("Measured on", "衡量指标", "Medido sobre");
const M_SALES: Tr = tierwise_core::glossary::SALES.title;
const M_PROFIT: Tr = tierwise_core::glossary::PROFIT.title;
const M_SCORE: Tr = Tr::new("Weighted score", "加权评分", "Puntuación ponderada");
const M_CLV: Tr = Tr::new(
    "Predicted lifetime value",
    "预测客户终身价值",
    "Valor de vida previsto",
);
pub const CUT: Tr = Tr::new("Cut by", "划分方式", "Cortar por");
const CUT_PCT: Tr = Tr::new(
    "Rank share (top %)",
    "排名比例（前 %）",
    "Cuota de ranking (primeros %)",
);
const CUT_ABS: Tr = Tr::new("Amount thresholds", "金额门槛", "Umbrales de importe");

pub fn measure_key(m: ValueMeasure) -> &'static str {
    match m {
        ValueMeasure::Sales => "sales",
        ValueMeasure::Profit => "profit",
        ValueMeasure::Score => "score",
        ValueMeasure::Clv => "clv",
    }
}
pub fn measure_of(k: &str) -> ValueMeasure {
    match k {
        "profit" => ValueMeasure::Profit,
        "score" => ValueMeasure::Score,
        "clv" => ValueMeasure::Clv,
        _ => ValueMeasure::Sales,
    }
}
pub fn measures() -> Vec<(&'static str, Tr)> {
    vec![
        ("sales", M_SALES),
        ("profit", M_PROFIT),
        ("score", M_SCORE),
        ("clv", M_CLV),
    ]
}
pub fn cut_key(c: CutMode) -> &'static str {
    match c {
        CutMode::Percentile => "percentile",
        CutMode::Absolute => "absolute",
    }
}
pub fn cut_of(k: &str) -> CutMode {
    if k == "absolute" {
        CutMode::Absolute
    } else {
        CutMode::Percentile
    }
}
pub fn cuts() -> Vec<(&'static str, Tr)> {
    vec![("percentile", CUT_PCT), ("absolute", CUT_ABS)]
}

/// `tr` in the current language, as a closure for a view.
pub fn t(tr: Tr) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || tr.get(lang.get())
}

const CLASS_BARS_ALT: Tr = Tr::new(
    "Bar chart of customers per class; the table below has the figures.",
    "各类客户数量柱状图；下表列出具体数字。",
    "Gráfico de barras de clientes por clase; la tabla de abajo tiene las cifras.",
);

/// Bars of the customers per class, labelled with the count and the share of sales.
pub fn class_bars(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let canvas = use_chart(method.key(), move |el, l| {
        let bars = workbench.with(|w| {
            let s = lookup::summary(w.engine.prepared(), w.results(), method).ok()?;
            let bars: Vec<bars::Bar> = s
                .rows
                .iter()
                .filter(|r| method.class_shown(w.engine.settings(), r.class.key))
                .map(|r| bars::Bar {
                    label: method
                        .class_name(w.engine.settings(), &r.class, l)
                        .to_string(),
                    value: r.count as f64,
                    color: class_color(r.class.index as usize),
                    note: format!(
                        "{} · {}",
                        format::int(r.count, l),
                        format::pct(s.share_of_sales(r), l)
                    ),
                    marker: None,
                })
                .collect();
            Some(bars)
        });
        let Some(bars) = bars else { return Ok(()) };
        bars::draw(el, &bars)
    });
    view! { <ChartCanvas canvas testid="class-bars" alt=CLASS_BARS_ALT/> }
}

pub fn dimension_key(d: Dimension) -> &'static str {
    d.key()
}

pub fn dimension_of(k: &str) -> Dimension {
    Dimension::from_key(k).unwrap_or(Dimension::Abc)
}

/// The dimensions as choice options, with their names from the core.
pub fn dimension_options() -> Vec<(&'static str, Tr)> {
    Dimension::all()
        .into_iter()
        .map(|d| (d.key(), d.name()))
        .collect()
}

const LOW: Tr = Tr::new("low", "低", "bajo");
const MEDIUM: Tr = Tr::new("medium", "中", "medio");
const HIGH: Tr = Tr::new("high", "高", "alto");

/// The display name of a cross-tab label: a class name (the user's, for a renamed class), a
/// rating band, or the value itself.
pub fn label_name(s: &Settings, d: Dimension, key: &str, lang: Lang) -> String {
    if key == tierwise_core::classify::crosstab::NONE_LABEL {
        return "—".into();
    }
    if let Some((m, c)) = d
        .method_key()
        .and_then(Method::from_key)
        .and_then(|m| Some((m, lookup::class_by_key(m, key)?)))
    {
        return m.class_name(s, &c, lang).to_string();
    }
    match key {
        "low" => LOW.get(lang).into(),
        "medium" => MEDIUM.get(lang).into(),
        "high" => HIGH.get(lang).into(),
        k => k.to_string(),
    }
}

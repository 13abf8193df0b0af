//! The customer pyramid: the measure, the key, major and ordinary shares, the upgrade and bad
//! lines; the pyramid chart, bad customers apart.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use super::shared::{measure_key, measure_of, measures, MEASURE};
use super::MethodUi;
use crate::ui::charts::{class_color, pyramid, use_chart, ChartCanvas};
use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::format;
use crate::ui::state::use_workbench;
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

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

fn controls() -> AnyView {
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
    .into_any()
}

const PYRAMID_ALT: Tr = Tr::new(
    "The customer pyramid, key customers at the top.",
    "客户金字塔，关键客户在顶端。",
    "La pirámide de clientes, los clave arriba.",
);

fn chart() -> AnyView {
    let workbench = use_workbench();
    let canvas = use_chart("pyramid", move |el, l| {
        let Some(s) = workbench
            .with(|w| lookup::summary(w.engine.prepared(), w.results(), Method::Pyramid).ok())
        else {
            return Ok(());
        };
        let level = |r: &lookup::ClassRow| pyramid::Level {
            label: r.class.name.get(l).to_string(),
            color: class_color(r.class.index as usize),
            note: format::int(r.count, l),
        };
        let (top, bad) = s.rows.split_at(s.rows.len() - 1);
        let levels: Vec<_> = top.iter().map(level).collect();
        pyramid::draw(el, &levels, bad.first().map(level).as_ref())
    });
    view! { <ChartCanvas canvas testid="pyramid-chart" alt=PYRAMID_ALT tall=true/> }.into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

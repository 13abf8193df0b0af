//! The chart of each method page, fed from the engine's current results.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Class, Method};
use tierwise_core::i18n::Lang;

use crate::ui::charts::{
    bars, class_color, heatmap, histogram, pareto::ParetoChart, pyramid, scatter, use_chart,
    ChartCanvas,
};
use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::{self, Tr};

const CLASS_BARS_ALT: Tr = Tr::new(
    "Bar chart of customers per class; the table below has the figures.",
    "各类客户数量柱状图；下表列出具体数字。",
    "Gráfico de barras de clientes por clase; la tabla de abajo tiene las cifras.",
);
const WALLET_ALT: Tr = Tr::new(
    "Scatter of share of wallet against purchase volume, one dot per customer, with the two split lines.",
    "钱包份额与采购量散点图，每点一个客户，并有两条分界线。",
    "Dispersión de cuota de cartera frente a volumen de compra, un punto por cliente, con las dos líneas de corte.",
);
const SCORE_ALT: Tr = Tr::new(
    "Histogram of the weighted score with the band lines.",
    "加权评分分布直方图及分档线。",
    "Histograma de la puntuación ponderada con las líneas de banda.",
);
const PYRAMID_ALT: Tr = Tr::new(
    "The customer pyramid, key customers at the top.",
    "客户金字塔，关键客户在顶端。",
    "La pirámide de clientes, los clave arriba.",
);
const HEAT_ALT: Tr = Tr::new(
    "Heat map of customers per cell; the table below has the figures.",
    "各单元格客户数热力图；下表列出具体数字。",
    "Mapa de calor de clientes por celda; la tabla de abajo tiene las cifras.",
);
const MIGRATION_ALT: Tr = Tr::new(
    "Heat map of how the last change moved customers between 5S classes: before in rows, after in columns.",
    "热力图：上一次调整使客户在 5S 类别之间如何移动，行为调整前，列为调整后。",
    "Mapa de calor de cómo el último cambio movió clientes entre clases 5S: antes en filas, después en columnas.",
);
const LOG_SCALE: Tr = Tr::new(
    "Log scale for volume",
    "采购量用对数刻度",
    "Escala logarítmica para el volumen",
);
const SHARE_OF_WALLET: Tr = Tr::new("Share of wallet", "钱包份额", "Cuota de cartera");
const VOLUME: Tr = Tr::new(
    "Upcoming purchase volume",
    "预计采购量",
    "Volumen de compra previsto",
);
const SCORE: Tr = Tr::new("Score", "评分", "Puntuación");
const BEFORE_AFTER: Tr = Tr::new(
    "before ↓ / after →",
    "调整前 ↓ / 调整后 →",
    "antes ↓ / después →",
);
const MIGRATION_TITLE: Tr = Tr::new(
    "Moves of the last change",
    "上一次调整的迁移",
    "Movimientos del último cambio",
);

pub fn chart(method: Method) -> AnyView {
    match method {
        Method::Abc => view! { <ParetoChart/> }.into_any(),
        Method::Wallet => wallet().into_any(),
        Method::Score => score().into_any(),
        Method::Pyramid => pyramid_chart().into_any(),
        Method::CrossTab => crosstab().into_any(),
        Method::FiveS => view! { {class_bars(method)} {five_s_migration()} }.into_any(),
        Method::Readiness => ().into_any(),
        _ => class_bars(method).into_any(),
    }
}

/// Bars of the customers per class, labelled with the count and the share of sales.
fn class_bars(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let canvas = use_chart(method.key(), move |el, l| {
        let rows =
            workbench.with(|w| lookup::summary(w.engine.prepared(), w.results(), method).ok());
        let Some(s) = rows else { return Ok(()) };
        let bars: Vec<bars::Bar> = s
            .rows
            .iter()
            .map(|r| bars::Bar {
                label: r.class.name.get(l).to_string(),
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
        bars::draw(el, &bars)
    });
    view! { <ChartCanvas canvas testid="class-bars" alt=CLASS_BARS_ALT/> }
}

fn wallet() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let log = RwSignal::new(false);
    let canvas = use_chart("wallet", move |el, l| {
        let log_y = log.get();
        workbench.with(|w| {
            let Ok(r) = w.results().wallet.as_ref() else {
                return Ok(());
            };
            let points = w
                .dataset()
                .customers
                .iter()
                .zip(&r.class)
                .filter_map(|(c, k)| {
                    Some((
                        c.attrs().share_of_wallet? * 100.0,
                        c.attrs().upcoming_volume?,
                        k.map_or(7, |k| k.index() as u8),
                    ))
                })
                .collect();
            let spec = scatter::Scatter {
                points,
                x_split: r.share_split_pct,
                y_split: r.volume_split,
                log_y,
                x_desc: SHARE_OF_WALLET.get(l).to_string(),
                y_desc: VOLUME.get(l).to_string(),
                y_fmt: match l {
                    Lang::En => |v| format::money(v, Lang::En),
                    Lang::ZhCn => |v| format::money(v, Lang::ZhCn),
                    Lang::Es => |v| format::money(v, Lang::Es),
                },
            };
            scatter::draw(el, &spec)
        })
    });
    view! {
        <label class="toggle">
            <input type="checkbox" data-testid="wallet-log" prop:checked=move || log.get() on:change=move |ev| log.set(event_target_checked(&ev))/>
            <span>{move || LOG_SCALE.get(lang.get())}</span>
        </label>
        <ChartCanvas canvas testid="wallet-chart" alt=WALLET_ALT tall=true/>
    }
}

fn score() -> impl IntoView {
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
    view! { <ChartCanvas canvas testid="score-chart" alt=SCORE_ALT/> }
}

fn pyramid_chart() -> impl IntoView {
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
    view! { <ChartCanvas canvas testid="pyramid-chart" alt=PYRAMID_ALT tall=true/> }
}

fn crosstab() -> impl IntoView {
    let workbench = use_workbench();
    let canvas = use_chart("crosstab", move |el, l| {
        workbench.with(|w| {
            let Ok(t) = w.results().crosstab.as_ref() else {
                return Ok(());
            };
            let st = &w.engine.settings().crosstab;
            let rows: Vec<String> = t
                .rows
                .iter()
                .map(|k| super::sections::label_name(st.rows, k, l))
                .collect();
            let cols: Vec<String> = t
                .cols
                .iter()
                .map(|k| super::sections::label_name(st.cols, k, l))
                .collect();
            heatmap::draw(el, &rows, &cols, &t.counts, "")
        })
    });
    view! { <ChartCanvas canvas testid="crosstab-chart" alt=HEAT_ALT tall=true/> }
}

/// 5S classes before the last change (rows) against after it (columns).
fn five_s_migration() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let canvas = use_chart("five_s_migration", move |el, l| {
        workbench.with(|w| {
            // Before any change, everyone sits on the diagonal: the current classes.
            let before = w.baseline.as_ref().map_or(w.results(), |(_, b)| &**b);
            let classes = lookup::classes(Method::FiveS);
            let k = classes.len();
            let mut counts = vec![vec![0usize; k + 1]; k + 1];
            for i in 0..w.dataset().len() {
                let a = lookup::class_of(before, Method::FiveS, i).map_or(k, usize::from);
                let b = lookup::class_of(w.results(), Method::FiveS, i).map_or(k, usize::from);
                counts[a][b] += 1;
            }
            let mut names: Vec<String> =
                classes.iter().map(|c| c.name.get(l).to_string()).collect();
            names.push(text::UNCLASSED.get(l).to_string());
            heatmap::draw(el, &names, &names, &counts, BEFORE_AFTER.get(l))
        })
    });
    view! {
        <div class="migration">
            <h3>{move || MIGRATION_TITLE.get(lang.get())}</h3>
            <ChartCanvas canvas testid="five-s-migration" alt=MIGRATION_ALT tall=true/>
        </div>
    }
}

//! RFM segments: the number of score bins and which matching segment wins; the R × F grid
//! and the segment bars; the segment table and the mean sales per grid cell.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use super::shared::{class_bars, t};
use super::MethodUi;
use crate::ui::charts::{heatmap, use_chart, ChartCanvas};
use crate::ui::controls::Choice;
use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const BINS: Tr = Tr::new("Score bins", "评分档数", "Tramos de puntuación");
const MATCH: Tr = Tr::new(
    "When segments overlap",
    "细分规则重叠时",
    "Cuando los segmentos se solapan",
);
const FIRST: Tr = Tr::new(
    "The first match in the table wins",
    "表中第一个匹配的规则优先",
    "Gana la primera coincidencia de la tabla",
);
const LAST: Tr = Tr::new(
    "The last match wins (as the R rfm package)",
    "最后一个匹配的规则优先（同 R rfm 包）",
    "Gana la última coincidencia (como el paquete rfm de R)",
);
const RULE: Tr = Tr::new(
    "Scores: with n customers and k bins, F = 1 + ⌊k × (customers with fewer orders) ÷ n⌋, M the same with sales, R the same counting customers whose last order is older. Equal figures get equal scores.",
    "评分：n 个客户、k 档时，F = 1 + ⌊k ×（订单数更少的客户数）÷ n⌋，M 按销售额同理，R 统计上次下单更早的客户数。数值相同，评分相同。",
    "Puntuaciones: con n clientes y k tramos, F = 1 + ⌊k × (clientes con menos pedidos) ÷ n⌋, M igual con las ventas, R contando los clientes cuyo último pedido es más antiguo. Cifras iguales, puntuación igual.",
);

fn controls() -> AnyView {
    view! {
        <Choice
            testid="choice-rfm-bins"
            label=BINS
            options=vec![("5", Tr::new("5", "5", "5")), ("4", Tr::new("4", "4", "4")), ("3", Tr::new("3", "3", "3"))]
            get=|s| match s.rfm.bins {
                3 => "3",
                4 => "4",
                _ => "5",
            }
            set=|s, v| s.rfm.bins = v.parse().unwrap_or(5)
        />
        <Choice
            testid="choice-rfm-match"
            label=MATCH
            options=vec![("first", FIRST), ("last", LAST)]
            get=|s| if s.rfm.last_match_wins { "last" } else { "first" }
            set=|s, v| s.rfm.last_match_wins = v == "last"
        />
        <p class="hint" data-testid="rfm-rule">{t(RULE)}</p>
    }
    .into_any()
}

const GRID_ALT: Tr = Tr::new(
    "Customers per recency (rows) and frequency (columns) score; the table below has the mean sales per cell.",
    "按最近购买评分（行）和频率评分（列）的客户数；下表列出每格平均销售额。",
    "Clientes por puntuación de recencia (filas) y frecuencia (columnas); la tabla de abajo tiene las ventas medias por celda.",
);

/// Rows R = k … 1 (best first), columns F = 1 … k.
fn grid_labels(k: usize) -> (Vec<String>, Vec<String>) {
    (
        (1..=k).rev().map(|r| format!("R{r}")).collect(),
        (1..=k).map(|f| format!("F{f}")).collect(),
    )
}

fn chart() -> AnyView {
    let workbench = use_workbench();
    let canvas = use_chart("rfm_grid", move |el, _l| {
        workbench.with(|w| {
            let Ok(r) = w.results().rfm.as_ref() else {
                return Ok(());
            };
            let k = r.grid.len();
            let (rows, cols) = grid_labels(k);
            let counts: Vec<Vec<usize>> = r.grid.iter().rev().cloned().collect();
            heatmap::draw(el, &rows, &cols, &counts, "R \\ F")
        })
    });
    view! {
        <ChartCanvas canvas testid="rfm-grid" alt=GRID_ALT tall=true/>
        {class_bars(Method::Rfm)}
    }
    .into_any()
}

const SEGMENT_TABLE: Tr = Tr::new("Segment table", "细分规则表", "Tabla de segmentos");
const MEAN_SALES: Tr = Tr::new(
    "Mean sales per R × F cell",
    "各 R × F 单元格平均销售额",
    "Ventas medias por celda R × F",
);
const SEGMENT: Tr = Tr::new("Segment", "细分", "Segmento");

fn extra() -> AnyView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <h3>{t(SEGMENT_TABLE)}</h3>
        <table class="classes" data-testid="rfm-segments">
            <thead>
                <tr>
                    <th scope="col">{t(SEGMENT)}</th>
                    <th scope="col">"R"</th>
                    <th scope="col">"F"</th>
                    <th scope="col">"M"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let l = lang.get();
                    workbench.with(|w| {
                        w.engine
                            .settings()
                            .rfm
                            .segments
                            .iter()
                            .map(|rule| {
                                let name = lookup::class_by_key(Method::Rfm, &rule.segment)
                                    .map_or(rule.segment.clone(), |c| c.name.get(l).to_string());
                                let range = |[lo, hi]: [u8; 2]| format!("{lo}–{hi}");
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td>{range(rule.r)}</td>
                                        <td>{range(rule.f)}</td>
                                        <td>{range(rule.m)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    })
                }}
            </tbody>
        </table>
        <h3>{t(MEAN_SALES)}</h3>
        <table class="classes" data-testid="rfm-grid-table">
            {move || {
                let l = lang.get();
                workbench.with(|w| {
                    let Ok(r) = w.results().rfm.as_ref() else { return ().into_any() };
                    let k = r.grid.len();
                    let (rows, cols) = grid_labels(k);
                    view! {
                        <thead>
                            <tr>
                                <th scope="col">"R \\ F"</th>
                                {cols.into_iter().map(|c| view! { <th scope="col" class="num">{c}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .enumerate()
                                .map(|(j, label)| {
                                    let means = r.grid_mean_m[k - 1 - j].clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{label}</th>
                                            {means
                                                .into_iter()
                                                .map(|m| {
                                                    let v = if m.is_finite() { format::money(m, l) } else { "—".to_string() };
                                                    view! { <td class="num">{v}</td> }
                                                })
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    }
                    .into_any()
                })
            }}
        </table>
    }
    .into_any()
}

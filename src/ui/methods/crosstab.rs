//! The cross-tab: the row and column dimensions; a heat map of the counts, and the same
//! counts as a table with totals.

use leptos::prelude::*;

use super::shared::{dimension_key, dimension_of, dimension_options, label_name};
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

const ROWS: Tr = Tr::new("Rows", "行", "Filas");
const COLS: Tr = Tr::new("Columns", "列", "Columnas");

fn controls() -> AnyView {
    view! {
        <Choice testid="choice-crosstab-rows" label=ROWS options=dimension_options() get=|s| dimension_key(s.crosstab.rows) set=|s, v| s.crosstab.rows = dimension_of(v)/>
        <Choice testid="choice-crosstab-cols" label=COLS options=dimension_options() get=|s| dimension_key(s.crosstab.cols) set=|s, v| s.crosstab.cols = dimension_of(v)/>
    }
    .into_any()
}

const HEAT_ALT: Tr = Tr::new(
    "Heat map of customers per cell; the table below has the figures.",
    "各单元格客户数热力图；下表列出具体数字。",
    "Mapa de calor de clientes por celda; la tabla de abajo tiene las cifras.",
);

fn chart() -> AnyView {
    let workbench = use_workbench();
    let canvas = use_chart("crosstab", move |el, l| {
        workbench.with(|w| {
            let Ok(t) = w.results().crosstab.as_ref() else {
                return Ok(());
            };
            let all = w.engine.settings();
            let st = &all.crosstab;
            let rows: Vec<String> = t
                .rows
                .iter()
                .map(|k| label_name(all, st.rows, k, l))
                .collect();
            let cols: Vec<String> = t
                .cols
                .iter()
                .map(|k| label_name(all, st.cols, k, l))
                .collect();
            heatmap::draw(el, &rows, &cols, &t.counts, "", false)
        })
    });
    view! { <ChartCanvas canvas testid="crosstab-chart" alt=HEAT_ALT tall=true/> }.into_any()
}

const TOTAL: Tr = Tr::new("Total", "合计", "Total");

/// The cross-tab as a table, with row and column totals.
fn extra() -> AnyView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <table class="classes crosstab" tabindex="0" data-testid="crosstab-table">
            {move || {
                let l = lang.get();
                workbench.with(|w| {
                    let Ok(t) = w.results().crosstab.as_ref() else { return ().into_any() };
                    let all = w.engine.settings();
                    let st = &all.crosstab;
                    let col_total: Vec<usize> = (0..t.cols.len()).map(|j| t.counts.iter().map(|r| r[j]).sum()).collect();
                    view! {
                        <thead>
                            <tr>
                                <th scope="col"></th>
                                {t.cols.iter().map(|c| view! { <th scope="col" class="num">{label_name(all, st.cols, c, l)}</th> }).collect_view()}
                                <th scope="col" class="num">{TOTAL.get(l)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {t.rows.iter().enumerate().map(|(i, r)| {
                                let total: usize = t.counts[i].iter().sum();
                                view! {
                                    <tr>
                                        <th scope="row">{label_name(all, st.rows, r, l)}</th>
                                        {t.counts[i].iter().enumerate().map(|(j, n)| view! {
                                            <td class="num" data-testid=format!("crosstab-cell-{i}-{j}")>{format::int(*n, l)}</td>
                                        }).collect_view()}
                                        <td class="num">{format::int(total, l)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{TOTAL.get(l)}</th>
                                {col_total.iter().map(|n| view! { <td class="num">{format::int(*n, l)}</td> }).collect_view()}
                                <td class="num">{format::int(col_total.iter().sum(), l)}</td>
                            </tr>
                        </tfoot>
                    }
                        .into_any()
                })
            }}
        </table>
    }
    .into_any()
}

//! RFM segments: the number of score bins and which matching segment wins; the R × F grid
//! and the segment bars; the segment table and the mean sales per grid cell.

use leptos::prelude::*;
use tierwise_core::classify::rfm::OWN_KEYS;
use tierwise_core::classify::{lookup, Method};

use super::shared::{class_bars, t};
use super::MethodUi;
use crate::ui::charts::{heatmap, use_chart, ChartCanvas};
use crate::ui::controls::Choice;
use crate::ui::format;
use crate::ui::state::{update_settings, use_lang, use_settings, use_workbench};
use crate::ui::text::Tr;
use tierwise_core::i18n::Lang;
use tierwise_core::settings::{
    clean_segment_name, default_rfm_segments, SegmentRule, Settings, OTHERS_KEY, SEGMENT_NAME_MAX,
};

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
            heatmap::draw(el, &rows, &cols, &counts, "R \\ F", false)
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

const TABLE_HINT: Tr = Tr::new(
    "Rename segments, edit the score ranges, reorder, remove or add segments: the customers follow at once. Ranges are written for five bins. A name you give shows in every language; an empty name brings back the segment's own.",
    "可重命名细分、修改评分范围、调整顺序、删除或添加细分，客户即时随之变化。范围按五档编写。自定义名称在所有语言中显示；名称留空则恢复默认名称。",
    "Renombre segmentos, edite los rangos, reordene, quite o añada segmentos: los clientes se recalculan al momento. Los rangos son para cinco tramos. Un nombre propio se muestra en todos los idiomas; un nombre vacío devuelve el del segmento.",
);
const OWN_HINT: Tr = Tr::new(
    "A segment of your own starts with every score (1–5) where it is matched last, so it takes the customers no other segment takes until you narrow its ranges. Up to five.",
    "自定义细分初始包含全部评分（1–5），并放在最后匹配的位置，因此先接收其他细分都未匹配的客户，缩小范围后随之变化。最多五个。",
    "Un segmento propio empieza con todas las puntuaciones (1–5) en el lugar que se evalúa el último, así que recoge los clientes que ningún otro segmento recoge hasta que acote sus rangos. Hasta cinco.",
);
const ADD_OWN: Tr = Tr::new(
    "A segment of your own…",
    "自定义细分…",
    "Un segmento propio…",
);
const ALL_OWN_USED: Tr = Tr::new(
    "A segment of your own… (all five are in the table)",
    "自定义细分…（五个都已在表中）",
    "Un segmento propio… (los cinco ya están en la tabla)",
);
const OTHERS_ROW: Tr = Tr::new(
    "The customers no segment takes",
    "未被任何细分匹配的客户",
    "Los clientes que ningún segmento recoge",
);
const NAME: Tr = Tr::new("Segment name", "细分名称", "Nombre del segmento");
const RESET_NAME: Tr = Tr::new("Restore the name", "恢复默认名称", "Restaurar el nombre");
const ACTIONS: Tr = Tr::new("Actions", "操作", "Acciones");
const UP: Tr = Tr::new("Move up", "上移", "Subir");
const DOWN: Tr = Tr::new("Move down", "下移", "Bajar");
const REMOVE: Tr = Tr::new("Remove", "删除", "Quitar");
const ADD: Tr = Tr::new("Add a segment", "添加细分", "Añadir un segmento");
const RESET_TABLE: Tr = Tr::new(
    "Reset the segment table",
    "恢复默认细分表",
    "Restablecer la tabla de segmentos",
);
const LOW: Tr = Tr::new("lowest", "最低", "mínimo");
const HIGH: Tr = Tr::new("highest", "最高", "máximo");

/// The segment's own (translated) name.
fn segment_name(key: &str, l: Lang) -> String {
    lookup::class_by_key(Method::Rfm, key).map_or(key.to_string(), |c| c.name.get(l).to_string())
}

/// Whose name a name field sets: row `k` of the segment table, or "others".
#[derive(Clone, Copy)]
enum NameOf {
    Rule(usize),
    Others,
}

/// The name field of rule `k` (or of "others"): the user's name for the segment, else its
/// own; a new value is one undoable settings change, and an empty one (or the segment's own
/// name typed back) takes the user's name away. With a reset button while the segment has a
/// name of the user's.
fn name_input(
    of: NameOf,
    key: &str,
    shown: &str,
    own: &str,
    named: bool,
    l: Lang,
) -> impl IntoView {
    let own_name = own.to_string();
    let set = move |v: Option<String>| {
        update_settings(move |s| match of {
            NameOf::Rule(k) => {
                if let Some(rule) = s.rfm.segments.get_mut(k) {
                    rule.name = v;
                }
            }
            NameOf::Others => s.rfm.others_name = v,
        })
    };
    view! {
        <input
            type="text"
            class="segment-name"
            maxlength=SEGMENT_NAME_MAX.to_string()
            data-testid=format!("rfm-name-{key}")
            aria-label=format!("{}: {own}", NAME.get(l))
            placeholder=own.to_string()
            prop:value=shown.to_string()
            on:change=move |ev| {
                let v = clean_segment_name(Some(&event_target_value(&ev)));
                set(v.filter(|v| *v != own_name));
            }
        />
        {named
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="reset-name"
                        data-testid=format!("rfm-name-{key}-reset")
                        aria-label=format!("{}: {own}", RESET_NAME.get(l))
                        title=RESET_NAME.get(l)
                        on:click=move |_| set(None)
                    >
                        "↺"
                    </button>
                }
            })}
    }
}

/// The low and high score of one of a rule's ranges (`which`: 0 R, 1 F, 2 M).
fn range_inputs(
    k: usize,
    which: usize,
    [lo, hi]: [u8; 2],
    key: &str,
    name: &str,
    l: Lang,
) -> impl IntoView {
    let letter = ["r", "f", "m"][which];
    let set = move |s: &mut Settings, end: usize, v: u8| {
        if let Some(rule) = s.rfm.segments.get_mut(k) {
            let range = match which {
                0 => &mut rule.r,
                1 => &mut rule.f,
                _ => &mut rule.m,
            };
            range[end] = v.clamp(1, 5);
            if range[0] > range[1] {
                range[1 - end] = range[end];
            }
        }
    };
    let input = move |end: usize, value: u8, label: String, testid: String| {
        view! {
            <input
                type="number"
                min="1"
                max="5"
                step="1"
                class="score"
                data-testid=testid
                aria-label=label
                prop:value=value.to_string()
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u8>() {
                        update_settings(|s| set(s, end, v));
                    }
                }
            />
        }
    };
    let upper = letter.to_uppercase();
    view! {
        {input(0, lo, format!("{name}: {upper} {}", LOW.get(l)), format!("rfm-rule-{key}-{letter}-lo"))}
        "–"
        {input(1, hi, format!("{name}: {upper} {}", HIGH.get(l)), format!("rfm-rule-{key}-{letter}-hi"))}
    }
}

/// Adds a segment of the user's own: the first free slot (`own_1` …), every score 1–5, where
/// it is matched last (the end of the table, or its start when the last match wins), so it
/// takes the customers no other row takes; then puts the cursor in its name.
fn add_own() {
    let mut added = None;
    update_settings(|s| {
        let Some(key) = OWN_KEYS
            .iter()
            .find(|k| !s.rfm.segments.iter().any(|r| r.segment == **k))
        else {
            return;
        };
        let rule = SegmentRule {
            segment: key.to_string(),
            name: None,
            r: [1, 5],
            f: [1, 5],
            m: [1, 5],
        };
        if s.rfm.last_match_wins {
            s.rfm.segments.insert(0, rule);
        } else {
            s.rfm.segments.push(rule);
        }
        added = Some(*key);
    });
    let Some(key) = added else { return };
    // After the table has rendered the new row.
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let input = document()
            .query_selector(&format!("[data-testid=rfm-name-{key}]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
            input.select();
        }
    });
}

fn extra() -> AnyView {
    let workbench = use_workbench();
    let settings = use_settings();
    let lang = use_lang();
    view! {
        <h3>{t(SEGMENT_TABLE)}</h3>
        <p class="hint">{t(TABLE_HINT)}</p>
        <table class="classes rfm-rules" tabindex="0" data-testid="rfm-segments">
            <thead>
                <tr>
                    <th scope="col">{t(SEGMENT)}</th>
                    <th scope="col">"R"</th>
                    <th scope="col">"F"</th>
                    <th scope="col">"M"</th>
                    <th scope="col"><span class="visually-hidden">{t(ACTIONS)}</span></th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let l = lang.get();
                    let rules = settings.with(|s| s.rfm.segments.clone());
                    let n = rules.len();
                    rules
                        .into_iter()
                        .enumerate()
                        .map(|(k, rule)| {
                            let own = segment_name(&rule.segment, l);
                            let named = rule.name.is_some();
                            let name = rule.name.clone().unwrap_or_else(|| own.clone());
                            let key = rule.segment.clone();
                            view! {
                                <tr data-testid=format!("rfm-rule-{key}")>
                                    <th scope="row">{name_input(NameOf::Rule(k), &key, &name, &own, named, l)}</th>
                                    <td>{range_inputs(k, 0, rule.r, &key, &name, l)}</td>
                                    <td>{range_inputs(k, 1, rule.f, &key, &name, l)}</td>
                                    <td>{range_inputs(k, 2, rule.m, &key, &name, l)}</td>
                                    <td class="row-actions">
                                        <button
                                            type="button"
                                            data-testid=format!("rfm-rule-{key}-up")
                                            disabled=k == 0
                                            aria-label=format!("{} {name}", UP.get(l))
                                            on:click=move |_| update_settings(|s| s.rfm.segments.swap(k, k - 1))
                                        >
                                            "↑"
                                        </button>
                                        <button
                                            type="button"
                                            data-testid=format!("rfm-rule-{key}-down")
                                            disabled=k + 1 == n
                                            aria-label=format!("{} {name}", DOWN.get(l))
                                            on:click=move |_| update_settings(|s| s.rfm.segments.swap(k, k + 1))
                                        >
                                            "↓"
                                        </button>
                                        <button
                                            type="button"
                                            data-testid=format!("rfm-rule-{key}-remove")
                                            aria-label=format!("{} {name}", REMOVE.get(l))
                                            on:click=move |_| update_settings(|s| {
                                                s.rfm.segments.remove(k);
                                            })
                                        >
                                            "✕"
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
            <tfoot>
                {move || {
                    let l = lang.get();
                    let own = segment_name(OTHERS_KEY, l);
                    let named = settings.with(|s| s.rfm.others_name.clone());
                    let name = named.clone().unwrap_or_else(|| own.clone());
                    view! {
                        <tr data-testid="rfm-rule-others">
                            <th scope="row">{name_input(NameOf::Others, OTHERS_KEY, &name, &own, named.is_some(), l)}</th>
                            <td colspan="4" class="hint">{OTHERS_ROW.get(l)}</td>
                        </tr>
                    }
                }}
            </tfoot>
        </table>
        <p class="hint">{t(OWN_HINT)}</p>
        <div class="row-actions">
            <label class="choice">
                <span class="label">{t(ADD)}</span>
                <select
                    data-testid="rfm-add-segment"
                    on:change=move |ev| {
                        let key = event_target_value(&ev);
                        // Back to "—", so that the same choice can be made again.
                        if let Some(el) = ev.target() {
                            let _ = js_sys::Reflect::set(&el, &"value".into(), &"".into());
                        }
                        if key == "own" {
                            add_own();
                            return;
                        }
                        let rule = default_rfm_segments().into_iter().find(|r| r.segment == key);
                        if let Some(rule) = rule {
                            update_settings(|s| s.rfm.segments.push(rule));
                        }
                    }
                >
                    <option value="" selected=true>"—"</option>
                    {move || {
                        let l = lang.get();
                        let present = settings.with(|s| {
                            s.rfm.segments.iter().map(|r| r.segment.clone()).collect::<Vec<_>>()
                        });
                        let full = OWN_KEYS.iter().all(|k| present.iter().any(|p| p == k));
                        let own = if full { ALL_OWN_USED } else { ADD_OWN };
                        let builtin = default_rfm_segments()
                            .into_iter()
                            .filter(|r| !present.contains(&r.segment))
                            .map(|r| {
                                let name = segment_name(&r.segment, l);
                                view! { <option value=r.segment>{name}</option> }
                            })
                            .collect_view();
                        view! {
                            {builtin}
                            <option value="own" disabled=full>{own.get(l)}</option>
                        }
                    }}
                </select>
            </label>
            <button
                type="button"
                data-testid="rfm-reset-table"
                on:click=move |_| update_settings(|s| s.rfm.segments = default_rfm_segments())
            >
                {t(RESET_TABLE)}
            </button>
        </div>
        <h3>{t(MEAN_SALES)}</h3>
        <table class="classes" tabindex="0" data-testid="rfm-grid-table">
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

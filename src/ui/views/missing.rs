//! The page of a method whose column is missing: what is missing, why the method needs it,
//! and the ways out. Switch the measure when another one has data (the pyramid and the tiers
//! can rank on sales), map one of the file's unused columns (the mapping opened at it), add
//! the column to the file, or see the method on the sample. The controls that could not act
//! are not shown (see `MethodPage`).

use leptos::prelude::*;
use tierwise_core::classify::{Method, Missing};
use tierwise_core::import::Field;
use tierwise_core::settings::ValueMeasure;

use crate::ui::state::{update_settings, use_lang, use_settings, use_sources};
use crate::ui::text::{self, Tr};

const WHY: Tr = Tr::new(
    "What this method does: {purpose}",
    "此方法的作用：{purpose}",
    "Qué hace este método: {purpose}",
);
const WAYS_OUT: Tr = Tr::new("What you can do", "可以这样做", "Qué puede hacer");
const SWITCH_MEASURE: Tr = Tr::new(
    "Rank on sales instead",
    "改按销售额排名",
    "Ordenar por ventas en su lugar",
);
const MAP_COLUMN: Tr = Tr::new(
    "Map one of your unused columns ({columns}) to {field}",
    "把未使用的列（{columns}）之一映射为{field}",
    "Asignar una de sus columnas sin usar ({columns}) a {field}",
);
const ADD_COLUMN: Tr = Tr::new(
    "Your file has no unused column to map. Add a {field} column to it (profit can also come from a cost column) and open it again.",
    "文件中没有可映射的未使用列。请在文件中加入{field}列（利润也可由成本列算出），再重新打开。",
    "Su archivo no tiene columnas sin usar. Añada una columna de {field} (el beneficio también puede salir de una columna de coste) y vuelva a abrirlo.",
);
const TRY_SAMPLE: Tr = Tr::new(
    "See this page on the sample data",
    "用示例数据查看此页",
    "Ver esta página con los datos de ejemplo",
);

/// The unused columns of the loaded files, by header.
fn unused_columns(sources: &crate::ui::state::Sources) -> Vec<String> {
    sources
        .loaded()
        .flat_map(|(_, l)| {
            let m = &l.imported.mapping;
            m.headers
                .iter()
                .zip(&m.fields)
                .filter(|(h, f)| f.is_none() && !h.trim().is_empty())
                .map(|(h, _)| h.clone())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether ranking on sales instead would let the method run: it ranks on a measure other
/// than sales (profit, the score, the lifetime value), and sales are not what is missing.
fn can_switch(method: Method, missing: &Missing, s: &tierwise_core::Settings) -> bool {
    let measure = match method {
        Method::Tiers => s.tiers.measure,
        Method::Pyramid => s.pyramid.measure,
        _ => return false,
    };
    measure != ValueMeasure::Sales && !missing.any_of.contains(&Field::Amount)
}

#[component]
pub fn MissingState(method: Method, missing: Missing) -> impl IntoView {
    let lang = use_lang();
    let sources = use_sources();
    let settings = use_settings();
    let unused = Memo::new(move |_| sources.with(unused_columns));
    let field = missing.any_of.first().copied();
    let wanted = missing.any_of;
    // The mapping opens over this page, at a column held back as the missing field if there
    // is one, else at the first unused column.
    let on_map = move |_| {
        let (slot, col) = crate::ui::import::column_for(wanted).unzip();
        crate::ui::import::open_mapping(slot, col);
    };
    let field_name = move |l| {
        field.map_or(String::new(), |f| {
            tierwise_core::glossary::field(f).lower.get(l).to_string()
        })
    };
    let switch = Memo::new(move |_| settings.with(|s| can_switch(method, &missing, s)));
    let message = missing;
    let on_sample = move |_| {
        let own = sources.with_untracked(|s| !s.is_sample && s.loaded().next().is_some());
        if own {
            crate::ui::workspace::create();
        } else {
            crate::ui::import::load_sample();
        }
    };
    view! {
        <div class="missing-state" data-testid="method-missing">
            <p class="missing">{move || message.message(lang.get())}</p>
            <p class="hint">
                {move || {
                    let l = lang.get();
                    text::fill(WHY.get(l), &[("purpose", method.purpose().get(l).to_string())])
                }}
            </p>
            <h3>{move || WAYS_OUT.get(lang.get())}</h3>
            <ul class="ways-out">
                <Show when=move || switch.get()>
                    <li>
                        <button
                            type="button"
                            class="button primary"
                            data-testid="missing-switch-measure"
                            on:click=move |_| {
                                update_settings(|s| match method {
                                    Method::Tiers => s.tiers.measure = ValueMeasure::Sales,
                                    _ => s.pyramid.measure = ValueMeasure::Sales,
                                })
                            }
                        >
                            {move || SWITCH_MEASURE.get(lang.get())}
                        </button>
                    </li>
                </Show>
                <Show
                    when=move || unused.with(|u| !u.is_empty())
                    fallback=move || {
                        view! {
                            <li data-testid="missing-add-column">
                                {move || {
                                    let l = lang.get();
                                    text::fill(ADD_COLUMN.get(l), &[("field", field_name(l))])
                                }}
                            </li>
                        }
                    }
                >
                    <li>
                        <button
                            type="button"
                            class="button"
                            data-testid="missing-map-column"
                            on:click=on_map
                        >
                            {move || {
                                let l = lang.get();
                                let cols = unused.with(|u| {
                                    let mut c: Vec<String> = u.iter().take(4).cloned().collect();
                                    if u.len() > 4 {
                                        c.push("…".into());
                                    }
                                    c.join(", ")
                                });
                                text::fill(MAP_COLUMN.get(l), &[("columns", cols), ("field", field_name(l))])
                            }}
                        </button>
                    </li>
                </Show>
                <Show when=move || sources.with(|s| !s.is_sample)>
                    <li>
                        <button type="button" class="button subtle" data-testid="missing-try-sample" on:click=on_sample>
                            {move || TRY_SAMPLE.get(lang.get())}
                        </button>
                    </li>
                </Show>
            </ul>
        </div>
    }
}

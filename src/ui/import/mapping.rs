//! The column mapping: a summary in each source's report (how many columns are used, which
//! wait for a confirmation) and one wide dialog with every column's values, the field it maps
//! to and how sure the guess is (`core::import::guess`). A guess its values contradict (a 1–5
//! review score under "Rating" taken as the credit rating) is not used until confirmed here.
//!
//! A change is remembered for files with the same headers and the file is read again; the
//! dialog is mounted once at the root (`MappingDialog`), so it stays open across the re-read
//! and keeps the focus on the menu that changed. Anything can open it at a column
//! ([`open_mapping`]).

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use tierwise_core::classify::explain::field_name;
use tierwise_core::import::guess::{ColumnGuess, How, Sure};
use tierwise_core::import::{Field, Imported, Mapping};

use super::controller::reimport;
use crate::storage::prefs;
use crate::ui::format;
use crate::ui::state::{use_lang, use_sources, Slot};
use crate::ui::text::{self, Tr};

const REVIEW: Tr = Tr::new("Review columns…", "核对列映射…", "Revisar columnas…");
const TITLE: Tr = Tr::new("Columns of {file}", "{file} 的列", "Columnas de {file}");
const INTRO: Tr = Tr::new(
    "What each column means was guessed from its header and its first values. Check the columns marked “Check”: they are not used until you confirm them.",
    "每列的含义是根据列名和前几行的值推测的。请核对标为“请核对”的列：确认之前不会使用。",
    "El significado de cada columna se dedujo de su encabezado y sus primeros valores. Revise las marcadas «Revisar»: no se usan hasta que las confirme.",
);
const HOW_SURE: Tr = Tr::new("How sure", "把握", "Seguridad");
const USED: Tr = Tr::new(
    "{used} of {n} columns used",
    "已使用 {used} 列，共 {n} 列",
    "{used} de {n} columnas en uso",
);
const HELD: Tr = Tr::new(
    "Not used until you confirm them: {columns}.",
    "确认之前不会使用：{columns}。",
    "No se usan hasta que las confirme: {columns}.",
);
const HELD_ONE: Tr = Tr::new(
    "Could be the {field} field. Not used until you confirm it.",
    "可能是{field}。确认之前不会使用。",
    "Podría ser el campo «{field}». No se usa hasta que lo confirme.",
);
const ACCEPT: Tr = Tr::new("Use as {field}", "用作{field}", "Usar como {field}");
const REMEMBERED_HINT: Tr = Tr::new(
    "A change reads the file again, and is remembered for files with the same headers.",
    "修改后会重新读取文件，并对表头相同的文件沿用。",
    "Un cambio vuelve a leer el archivo y se recuerda para los archivos con los mismos encabezados.",
);

/// Which source's dialog is open, and the column whose menu has the focus.
#[derive(Clone, Copy)]
pub struct MappingCtx {
    open: RwSignal<Option<Slot>>,
    focus: RwSignal<Option<usize>>,
}

pub fn provide_mapping() {
    provide_context(MappingCtx {
        open: RwSignal::new(None),
        focus: RwSignal::new(None),
    });
}

fn use_mapping() -> MappingCtx {
    expect_context::<MappingCtx>()
}

/// Opens the mapping of `slot` (the first loaded source when `None`) with the focus on the
/// menu of `col` (the first column when `None`).
pub fn open_mapping(slot: Option<Slot>, col: Option<usize>) {
    let c = use_mapping();
    let slot =
        slot.or_else(|| use_sources().with_untracked(|s| s.loaded().next().map(|(slot, _)| slot)));
    c.focus.set(Some(col.unwrap_or(0)));
    c.open.set(slot);
}

/// The first column to offer for `wanted`: one held back as one of those fields, else one
/// not used at all. With its source.
pub fn column_for(wanted: &[Field]) -> Option<(Slot, usize)> {
    use_sources().with_untracked(|s| {
        let held = s.loaded().find_map(|(slot, l)| {
            l.imported
                .report
                .columns
                .iter()
                .position(|g| g.held.is_some_and(|f| wanted.contains(&f)))
                .map(|c| (slot, c))
        });
        held.or_else(|| {
            s.loaded().find_map(|(slot, l)| {
                let m = &l.imported.mapping;
                (0..m.headers.len())
                    .find(|&c| m.fields[c].is_none() && !m.headers[c].trim().is_empty())
                    .map(|c| (slot, c))
            })
        })
    })
}

/// The headers held back for a confirmation.
fn held(imported: &Imported) -> Vec<(usize, Field)> {
    imported
        .report
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, g)| g.held.map(|f| (c, f)))
        .collect()
}

/// In a source's report: how many columns are used, which wait for a confirmation, and the
/// button to the dialog.
#[component]
pub(super) fn MappingSummary(which: Slot, imported: Arc<Imported>) -> impl IntoView {
    let lang = use_lang();
    let m = &imported.mapping;
    let n = m.headers.iter().filter(|h| !h.trim().is_empty()).count();
    let used = m.fields.iter().filter(|f| f.is_some()).count();
    let waiting = held(&imported);
    let names: Vec<(String, Field)> = waiting
        .iter()
        .map(|&(c, f)| (m.headers[c].clone(), f))
        .collect();
    let any_held = !names.is_empty();
    view! {
        <div class="mapping-summary" data-testid="mapping-summary">
            <span data-testid="mapping-used">
                {move || {
                    let l = lang.get();
                    text::fill(USED.get(l), &[("used", format::int(used, l)), ("n", format::int(n, l))])
                }}
            </span>
            <button
                type="button"
                class="button"
                class:primary=any_held
                data-testid="mapping-open"
                on:click=move |_| open_mapping(Some(which), waiting.first().map(|&(c, _)| c))
            >
                {move || REVIEW.get(lang.get())}
            </button>
            <Show when=move || any_held>
                <p class="note warn" data-testid="mapping-held">
                    {
                        let names = names.clone();
                        move || {
                            let l = lang.get();
                            let list: Vec<String> = names
                                .iter()
                                .map(|(h, f)| match l {
                                    tierwise_core::i18n::Lang::ZhCn => format!("“{h}”（{}？）", field_name(*f).get(l)),
                                    tierwise_core::i18n::Lang::Es => format!("{h} (¿{}?)", field_name(*f).get(l)),
                                    _ => format!("{h} ({}?)", field_name(*f).get(l)),
                                })
                                .collect();
                            text::fill(HELD.get(l), &[("columns", list.join(tierwise_core::format::list_separator(l)))])
                        }
                    }
                </p>
            </Show>
        </div>
    }
}

/// The dialog, mounted once at the root.
#[component]
pub fn MappingDialog() -> impl IntoView {
    let c = use_mapping();
    let lang = use_lang();
    let sources = use_sources();
    let dialog = NodeRef::<html::Dialog>::new();
    // Open and close the native modal with the signal (Escape and the close button set it).
    Effect::new(move |_| {
        let want = c.open.get().is_some();
        let Some(d) = dialog.get() else { return };
        if want && !d.open() {
            let _ = d.show_modal();
        } else if !want && d.open() {
            d.close();
        }
    });
    // A source that went away (cleared, or moved to the other slot) closes the dialog.
    Effect::new(move |_| {
        if let Some(slot) = c.open.get() {
            if sources.with(|s| s.get(slot).is_none()) {
                c.open.set(None);
            }
        }
    });
    // After each render of the table (the file read again), the focus goes back to the menu.
    Effect::new(move |_| {
        sources.track();
        let (Some(_), Some(col)) = (c.open.get(), c.focus.get()) else {
            return;
        };
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let sel = format!("dialog[data-testid=mapping] [data-testid=map-{col}]");
            if let Ok(Some(el)) = document().query_selector(&sel) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    });
    let body = move || {
        let slot = c.open.get()?;
        let imported = sources.with(|s| s.get(slot).map(|l| l.imported.clone()))?;
        Some(view! { <MappingBody which=slot imported/> })
    };
    view! {
        <dialog
            node_ref=dialog
            class="mapping-dialog"
            data-testid="mapping"
            aria-labelledby="mapping-title"
            on:close=move |_| c.open.set(None)
        >
            <div class="dialog-head">
                <h2 id="mapping-title">
                    {move || {
                        let file = c
                            .open
                            .get()
                            .and_then(|slot| sources.with(|s| s.get(slot).map(|l| l.imported.report.file.clone())))
                            .unwrap_or_default();
                        text::fill(TITLE.get(lang.get()), &[("file", file)])
                    }}
                </h2>
                <button type="button" class="button" data-testid="mapping-close" on:click=move |_| c.open.set(None)>
                    {move || text::CLOSE.get(lang.get())}
                </button>
            </div>
            <p class="hint">{move || INTRO.get(lang.get())}</p>
            {body}
            <p class="hint">{move || REMEMBERED_HINT.get(lang.get())}</p>
        </dialog>
    }
}

/// Maps column `col` to `field` (a field belongs to one column: the column that had it gives
/// it up), remembers it for these headers and reads the file again.
fn remap(which: Slot, signature: &str, mapping: &Mapping, col: usize, field: Option<Field>) {
    let mut next = mapping.clone();
    if let Some(f) = field {
        for slot_field in next.fields.iter_mut() {
            if *slot_field == Some(f) {
                *slot_field = None;
            }
        }
    }
    if let Some(x) = next.fields.get_mut(col) {
        *x = field;
    }
    if let Err(e) = prefs::save_mapping(signature, &next) {
        leptos::logging::warn!("{e}");
    }
    use_mapping().focus.set(Some(col));
    reimport(which, |o| o.mapping = Some(next));
}

fn sure_key(g: &ColumnGuess, mapped: bool) -> &'static str {
    match (g.held.is_some(), mapped, g.how, g.sure) {
        (true, _, _, _) => "held",
        (false, false, _, _) => "none",
        (_, _, How::Yours, _) => "yours",
        (_, _, _, Sure::High) => "high",
        (_, _, _, Sure::Medium) => "medium",
        (_, _, _, Sure::Low) => "low",
    }
}

#[component]
fn MappingBody(which: Slot, imported: Arc<Imported>) -> impl IntoView {
    let lang = use_lang();
    let mapping = imported.mapping.clone();
    let signature = imported.header_signature.clone();
    let rows = (0..mapping.headers.len())
        .map(|col| {
            let header = mapping.headers[col].clone();
            let current = mapping.fields.get(col).copied().flatten();
            let guess = imported.report.columns.get(col).cloned().unwrap_or(ColumnGuess {
                how: How::None,
                sure: Sure::High,
                doubts: Vec::new(),
                held: None,
            });
            let key = sure_key(&guess, current.is_some());
            let chips = imported
                .samples
                .get(col)
                .map(|s| {
                    s.iter()
                        .map(|v| view! { <span class="chip">{v.clone()}</span> })
                        .collect_view()
                })
                .into_iter()
                .collect_view();
            let on_change = {
                let (mapping, signature) = (mapping.clone(), signature.clone());
                move |ev: leptos::ev::Event| {
                    let key = event_target_value(&ev);
                    let field = Field::ALL.iter().copied().find(|f| f.key() == key);
                    remap(which, &signature, &mapping, col, field);
                }
            };
            let accept = guess.held.map(|f| {
                let (mapping, signature) = (mapping.clone(), signature.clone());
                view! {
                    <p class="held-note">{move || text::fill(HELD_ONE.get(lang.get()), &[("field", field_name(f).get(lang.get()).to_string())])}</p>
                    <button
                        type="button"
                        class="button"
                        data-testid=format!("map-accept-{col}")
                        on:click=move |_| remap(which, &signature, &mapping, col, Some(f))
                    >
                        {move || text::fill(ACCEPT.get(lang.get()), &[("field", field_name(f).get(lang.get()).to_string())])}
                    </button>
                }
            });
            // Doubts are about the field used, or the one held back.
            let about = current.or(guess.held);
            let why = about.map(|f| {
                let (header, guess) = (header.clone(), guess.clone());
                move || {
                    let l = lang.get();
                    let mut lines: Vec<String> = guess.how.describe().map(|t| t.get(l).to_string()).into_iter().collect();
                    lines.extend(guess.doubts.iter().map(|d| d.describe(&header, f, l)));
                    lines.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()
                }
            });
            let badge = about.map(|_| {
                let (how, sure) = (guess.how, if guess.held.is_some() { Sure::Low } else { guess.sure });
                view! {
                    <span class=format!("sure sure-{key}") data-testid=format!("map-sure-{col}")>
                        {move || sure.label(how).get(lang.get())}
                    </span>
                }
            });
            view! {
                <tr data-testid="map-row" data-col=col data-sure=key data-held=guess.held.map(|f| f.key())>
                    <th scope="row">{header.clone()}</th>
                    <td class="samples">{chips}</td>
                    <td>
                        <select data-testid=format!("map-{col}") aria-label=header.clone() on:change=on_change>
                            <option value="" selected=current.is_none()>{move || text::IGNORED.get(lang.get())}</option>
                            {Field::ALL.iter().map(|&f| view! {
                                <option value=f.key() selected=current == Some(f)>
                                    {move || field_name(f).get(lang.get())}
                                </option>
                            }).collect_view()}
                        </select>
                    </td>
                    <td class="sure-cell">
                        {badge}
                        <ul class="why">{why}</ul>
                        {accept}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="mapping-scroll">
            <table class="mapping-table">
                <thead>
                    <tr>
                        <th scope="col">{move || text::COLUMN.get(lang.get())}</th>
                        <th scope="col">{move || text::SAMPLES.get(lang.get())}</th>
                        <th scope="col">{move || text::MEANS.get(lang.get())}</th>
                        <th scope="col">{move || HOW_SURE.get(lang.get())}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

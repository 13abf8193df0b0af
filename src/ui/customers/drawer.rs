//! The explain drawer: why a customer is where it is. Its figures, then per method its class,
//! the reasons (figures and thresholds, `Reason::text` with `format::in_unit`) and
//! the strategy with its actions. A method that cannot run says which column it lacks.
//! A non-modal dialog: Escape or the close button closes it, and focus goes back to the row.
//! Between the figures and the methods, the customer's pinned exceptions and the pin form
//! (`ui::pins::PinEditor`).

use leptos::html;
use leptos::prelude::*;
use tierwise_core::classify::{Explanation, Method, Strategy};
use tierwise_core::i18n::Lang;

use crate::ui::format;
use crate::ui::pins::PinEditor;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::{self, Tr};

/// Focus the row of customer `id`, if it is in the DOM, else the table's scroll container.
fn focus_row(id: &str) {
    use wasm_bindgen::JsCast;
    let doc = document();
    let sel = format!(
        "[data-testid=customer-row][data-id=\"{}\"]",
        id.replace('"', "\\\"")
    );
    let el = doc
        .query_selector(&sel)
        .ok()
        .flatten()
        .or_else(|| doc.query_selector(".table-scroll").ok().flatten());
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A strategy with its actions; `class`, the method and key of the class it is for, titles it
/// with the user's name for that class, if any.
fn strategy_view(
    s: &'static Strategy,
    lang: RwSignal<Lang>,
    class: Option<(Method, &'static str)>,
) -> impl IntoView {
    let wb = use_workbench();
    let title = move || {
        let l = lang.get();
        match class {
            Some((m, key)) => wb.with(|w| {
                s.title_named(m.custom_class_name(w.engine.settings(), key), l)
                    .into_owned()
            }),
            None => s.title.get(l).to_string(),
        }
    };
    view! {
        <div class="strategy" data-strategy=s.key>
            <p class="strategy-title">
                <strong>{move || text::STRATEGY.get(lang.get())}": "</strong>
                {title}
            </p>
            <ul>
                {s.actions
                    .iter()
                    .map(|a| view! { <li>{move || a.get(lang.get())}</li> })
                    .collect_view()}
            </ul>
        </div>
    }
}

fn method_section(e: Explanation, lang: RwSignal<Lang>) -> impl IntoView {
    let wb = use_workbench();
    let m = e.method;
    let heading_id = format!("explain-{}-title", m.key());
    let labelled_by = heading_id.clone();
    let class_line = {
        let e = e.clone();
        move || {
            let l = lang.get();
            if let Some(missing) = e.missing {
                missing.message(l)
            } else if let Some(name) = e.class_name {
                // The user's name for the class, if they renamed it.
                let key = e.class_key.unwrap_or("");
                wb.with(|w| {
                    m.custom_class_name(w.engine.settings(), key)
                        .unwrap_or(name.get(l))
                        .to_string()
                })
            } else if m.is_multi() {
                if e.also.is_empty() {
                    text::NO_FLAGS.get(l).to_string()
                } else {
                    String::new()
                }
            } else {
                text::NOT_CLASSED.get(l).to_string()
            }
        }
    };
    let reasons = e.reasons.clone();
    view! {
        <section
            class="explain-method"
            class:missing=e.missing.is_some()
            data-testid=format!("explain-{}", m.key())
            data-class=e.class_key.unwrap_or("")
            aria-labelledby=labelled_by
        >
            <h3 id=heading_id>{move || m.name().get(lang.get())}</h3>
            <p class="explain-class">{class_line}</p>
            <Show when={
                let empty = reasons.is_empty();
                move || !empty
            }>
                <ul class="reasons">
                    {reasons
                        .iter()
                        .cloned()
                        .map(|r| {
                            view! {
                                <li>{move || {
                                    let l = lang.get();
                                    r.text(l, |v, u| format::in_unit(v, u, l))
                                }}</li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
            {e.strategy.map(|s| strategy_view(s, lang, e.class_key.map(|k| (m, k))))}
            {(!e.also.is_empty())
                .then(|| {
                    view! {
                        <div class="also">
                            {e.also.iter().map(|&s| strategy_view(s, lang, None)).collect_view()}
                        </div>
                    }
                })}
        </section>
    }
}

#[component]
pub fn ExplainDrawer(open: RwSignal<Option<u32>>, pin_form: RwSignal<bool>) -> impl IntoView {
    let wb = use_workbench();
    let lang = use_lang();
    let close_btn = NodeRef::<html::Button>::new();
    let t = move |tr: Tr| move || tr.get(lang.get());

    let customer = Memo::new(move |_| {
        open.get()
            .and_then(|i| wb.with_untracked(|w| w.dataset().customers.get(i as usize).cloned()))
    });
    // Re-explained on a settings change too: the classes may have moved.
    let explained = Memo::new(move |_| {
        open.get()
            .map(|i| wb.with(|w| w.engine.explain(i as usize)))
            .unwrap_or_default()
    });
    let close = move || {
        let id = customer.get_untracked().map(|c| c.id);
        pin_form.set(false);
        open.set(None);
        if let Some(id) = id {
            focus_row(&id);
        }
    };
    // Focus moves into the drawer when it opens (to the pin form's reason when a row's pin
    // button opened it: the pin editor focuses that).
    Effect::new(move |_| {
        if open.get().is_some() && !pin_form.get_untracked() {
            if let Some(b) = close_btn.get() {
                let _ = b.focus();
            }
        }
    });
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked().is_some() {
            ev.prevent_default();
            close();
        }
    });
    on_cleanup(move || esc.remove());

    let figure = move |label: Tr, value: String| {
        view! {
            <dt>{move || label.get(lang.get())}</dt>
            <dd>{value}</dd>
        }
    };
    view! {
        <Show when=move || customer.with(|c| c.is_some())>
            <div
                class="drawer"
                role="dialog"
                aria-modal="false"
                aria-labelledby="explain-title"
                data-testid="explain-drawer"
            >
                <div class="drawer-head">
                    <h2 id="explain-title">
                        {t(text::EXPLAIN_TITLE)}
                        " — "
                        {move || customer.with(|c| c.as_ref().map(|c| format!("{} ({})", c.name, c.id)))}
                    </h2>
                    <button
                        type="button"
                        class="button"
                        data-testid="explain-close"
                        node_ref=close_btn
                        on:click=move |_| close()
                    >
                        {t(text::CLOSE)}
                    </button>
                </div>
                <section class="explain-figures" aria-labelledby="explain-figures-title">
                    <h3 id="explain-figures-title">{t(text::FIGURES)}</h3>
                    {move || {
                        let l = lang.get();
                        customer
                            .get()
                            .map(|c| {
                                let dash = || "—".to_string();
                                view! {
                                    <dl>
                                        {figure(text::COL_OWNER, c.attrs().owner.clone().unwrap_or_else(dash))}
                                        {figure(text::COL_REGION, c.attrs().region.clone().unwrap_or_else(dash))}
                                        {figure(text::COL_SALES, format::money(c.sales, l))}
                                        {figure(text::COL_PROFIT, c.profit.map_or_else(dash, |p| format::money(p, l)))}
                                        {figure(
                                            text::COL_ORDERS,
                                            c.orders.map_or_else(dash, |o| format::int(o as usize, l)),
                                        )}
                                        {figure(
                                            text::COL_LAST_ORDER,
                                            c.last_order.map_or_else(dash, |d| format::date(d, l)),
                                        )}
                                        {figure(
                                            text::COL_GROWTH,
                                            c.growth.map_or_else(dash, |g| format::signed_pct(g, l)),
                                        )}
                                    </dl>
                                }
                            })
                    }}
                </section>
                // Keyed by customer: another customer gets a fresh form.
                {move || open.get().map(|i| view! { <PinEditor index=i form_open=pin_form/> })}
                {move || customer.get().map(|c| view! { <super::note::DrawerNote id=c.id/> })}
                {move || explained.get().into_iter().map(|e| method_section(e, lang)).collect_view()}
            </div>
        </Show>
    }
}

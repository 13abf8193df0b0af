//! The virtualised customer table: a real `<table>` in a scroll container, rows of a fixed
//! height, a spacer row above and below, and only the rows in view plus a small overscan in
//! the DOM. Rows are keyed by customer, so scrolling one row adds one row and removes one,
//! and a settings change re-reads only the class cells of the rows in the DOM.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use tierwise_core::classify::select::Column;
use tierwise_core::classify::{lookup, Method};
use tierwise_core::i18n::Lang;
use tierwise_core::settings::{PinKind, Settings};

use super::Rows;
use crate::ui::format;
use crate::ui::nav::use_customer_filter;
use crate::ui::pins::{Marker, PinButton};
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::{self, Tr};

/// Height of a row in CSS pixels; `style/main.css` sets the same on `.customer-row`.
pub const ROW_HEIGHT: f64 = 36.0;
/// Rows rendered beyond the viewport on each side.
pub const OVERSCAN: usize = 6;

pub fn column_label(c: Column) -> Tr {
    match c {
        Column::Id => text::COL_ID,
        Column::Name => text::COL_NAME,
        Column::Owner => text::COL_OWNER,
        Column::Region => text::COL_REGION,
        Column::Sales => text::COL_SALES,
        Column::Profit => text::COL_PROFIT,
        Column::Orders => text::COL_ORDERS,
        Column::LastOrder => text::COL_LAST_ORDER,
        Column::Growth => text::COL_GROWTH,
        Column::Class(m) => m.column().unwrap_or(m.name()),
        Column::Flags => text::COL_FLAGS,
    }
}

fn is_num(c: Column) -> bool {
    matches!(
        c,
        Column::Sales | Column::Profit | Column::Orders | Column::Growth
    )
}

/// The rows `[first, last)` of `n` to render for a scroll offset and a viewport height.
pub fn window(n: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    let top = (scroll_top.max(0.0) / ROW_HEIGHT) as usize;
    let first = top.saturating_sub(OVERSCAN).min(n);
    let count = (viewport.max(0.0) / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    (first, (first + count).min(n))
}

#[component]
pub fn CustomerTable(
    rows: Memo<Rows>,
    generation: Memo<usize>,
    open: RwSignal<Option<u32>>,
    pin_form: RwSignal<bool>,
) -> impl IntoView {
    let filter = use_customer_filter();
    let lang = use_lang();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(640.0);
    let container = NodeRef::<html::Div>::new();

    let measure = move || {
        if let Some(el) = container.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
            let h = el.client_height() as f64;
            if h > 0.0 && h != viewport.get_untracked() {
                viewport.set(h);
            }
        }
    };
    // A scroll only moves the window; reading the height too could force a layout.
    let on_scroll = move |_| {
        if let Some(el) = container.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
        }
    };
    // Measure once mounted, and after a resize.
    Effect::new(move |_| {
        if container.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A new filter or sort starts at the top.
    Effect::new(move |prev: Option<()>| {
        filter.with(|f| (f.to_query(), f.sort));
        if prev.is_some() {
            if let Some(el) = container.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
    });

    let range = Memo::new(move |_| {
        let n = rows.with(|r| r.0.len());
        window(n, scroll_top.get(), viewport.get())
    });
    let visible = Memo::new(move |_| {
        let (a, b) = range.get();
        rows.with(|r| r.0[a..b].to_vec())
    });
    let n = move || rows.with(|r| r.0.len());
    let above = move || format!("{}px", range.get().0 as f64 * ROW_HEIGHT);
    let below = move || format!("{}px", (n() - range.get().1) as f64 * ROW_HEIGHT);
    let cols = Column::TABLE.len();
    let names = Arc::new(ClassNames::new());

    view! {
        <div
            class="table-scroll"
            node_ref=container
            on:scroll=on_scroll
        >
            <table
                class="customer-table"
                data-testid="customer-table"
                aria-labelledby="customers-title"
                aria-rowcount=move || n() + 1
            >
                <colgroup>
                    {Column::TABLE
                        .into_iter()
                        .map(|c| view! { <col class=format!("col-{}", c.key())/> })
                        .collect_view()}
                </colgroup>
                <thead>
                    <tr aria-rowindex="1">
                        {Column::TABLE.into_iter().map(|c| view! { <SortHeader column=c/> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true">
                        <td colspan=cols style:height=above></td>
                    </tr>
                    // Keyed by dataset, language and customer: a row's figures are static text,
                    // and only its class cells follow the settings.
                    <For
                        each=move || {
                            // A new dataset may bring the same indices into view: re-key.
                            generation.track();
                            lang.track();
                            visible.get()
                        }
                        key=move |&i| (generation.get_untracked(), lang.get_untracked(), i)
                        children=move |i| {
                            view! { <CustomerRow index=i visible=visible range=range open=open pin_form=pin_form names=names.clone()/> }
                        }
                    />
                    <tr class="spacer" aria-hidden="true">
                        <td colspan=cols style:height=below></td>
                    </tr>
                </tbody>
            </table>
            <Show when=move || n() == 0>
                <p class="empty">{move || text::NO_MATCH.get(lang.get())}</p>
            </Show>
        </div>
    }
}

#[component]
fn SortHeader(column: Column) -> impl IntoView {
    let filter = use_customer_filter();
    let lang = use_lang();
    let sort = move || filter.with(|f| f.sort);
    let aria_sort = move || {
        let s = sort();
        (s.column == column).then_some(if s.descending {
            "descending"
        } else {
            "ascending"
        })
    };
    let indicator = move || {
        let s = sort();
        match (s.column == column, s.descending) {
            (false, _) => "",
            (true, true) => "▼",
            (true, false) => "▲",
        }
    };
    view! {
        <th scope="col" class:num=is_num(column) aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                data-testid=format!("sort-{}", column.key())
                on:click=move |_| filter.update(|f| f.sort = f.sort.toggle(column))
            >
                {move || column_label(column).get(lang.get())}
                <span class="sort-ind" aria-hidden="true">{indicator}</span>
            </button>
        </th>
    }
}

/// The classes of the methods shown as columns, looked up once per table.
pub struct ClassNames(Vec<(Method, Vec<lookup::ClassInfo>)>);

impl ClassNames {
    fn new() -> ClassNames {
        ClassNames(
            Column::TABLE
                .into_iter()
                .filter_map(|c| match c {
                    Column::Class(m) => Some((m, lookup::classes(m))),
                    _ => None,
                })
                .collect(),
        )
    }

    /// Class `k` of `m` as named under `s` (the user's name for a renamed class).
    fn name(&self, s: &Settings, m: Method, k: Option<u8>, l: Lang) -> Option<String> {
        let (_, classes) = self.0.iter().find(|(x, _)| *x == m)?;
        let c = classes.get(k? as usize)?;
        Some(m.class_name(s, c, l).to_string())
    }
}

/// Moves focus to the row before or after `row`, if it is a customer row.
fn focus_sibling(row: &web_sys::Element, next: bool) {
    use wasm_bindgen::JsCast;
    let sib = if next {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    if let Some(el) = sib.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        if el.class_list().contains("customer-row") {
            let _ = el.focus();
        }
    }
}

#[component]
fn CustomerRow(
    index: u32,
    visible: Memo<Vec<u32>>,
    range: Memo<(usize, usize)>,
    open: RwSignal<Option<u32>>,
    pin_form: RwSignal<bool>,
    names: Arc<ClassNames>,
) -> impl IntoView {
    let wb = use_workbench();
    let l = use_lang().get_untracked();
    let i = index as usize;
    let dash = || "—".to_string();
    // Static text: the figures change only with a new dataset, the formatting only with the
    // language, and either re-keys the row.
    let cells = wb.with_untracked(|w| {
        let c = &w.dataset().customers[i];
        [
            c.id.clone(),
            c.name.clone(),
            c.attrs().owner.clone().unwrap_or_else(dash),
            c.attrs().region.clone().unwrap_or_else(dash),
            format::money(c.sales, l),
            c.profit.map_or_else(dash, |p| format::money(p, l)),
            c.orders.map_or_else(dash, |o| format::int(o as usize, l)),
            c.last_order.map_or_else(dash, |d| format::date(d, l)),
            c.growth.map_or_else(dash, |g| format::signed_pct(g, l)),
        ]
    });
    let [id, name, owner, region, sales, profit, orders, last, growth] = cells;
    let data_id = id.clone();
    let title = name.clone();
    let pin_button = view! {
        <PinButton index=index id=id.clone() name=name.clone() open=open form_open=pin_form/>
    };
    // A pin shows next to the class it keeps.
    let marker_id = id.clone();
    let marker = |m: Method| {
        let kind = match m {
            Method::Value => Some(PinKind::KeepBzc),
            Method::FiveS => Some(PinKind::KeepFiveS),
            _ => None,
        };
        kind.map(|kind| view! { <Marker kind=kind id=marker_id.clone()/> })
    };
    let row_index = move || {
        let k = visible.with(|v| v.iter().position(|&x| x == index).unwrap_or(0));
        range.get().0 + k + 2
    };
    // The class cells follow the settings: these rows, and only these, re-read them.
    let class_cell = move |m: Method| {
        let names = names.clone();
        move || {
            wb.with(|w| {
                names.name(
                    w.engine.settings(),
                    m,
                    lookup::class_of(w.results(), m, i),
                    l,
                )
            })
            .unwrap_or_else(dash)
        }
    };
    let flags = move || {
        wb.with(|w| {
            let names: Vec<&str> = w
                .results()
                .risk
                .flags_of(i)
                .iter()
                .map(|f| <_ as tierwise_core::classify::Class>::name(*f).get(l))
                .collect();
            if names.is_empty() {
                dash()
            } else {
                names.join(", ")
            }
        })
    };
    view! {
        <tr
            class="customer-row"
            class:selected=move || open.get() == Some(index)
            data-testid="customer-row"
            data-id=data_id
            tabindex="0"
            aria-rowindex=row_index
            on:click=move |_| {
                pin_form.set(false);
                open.set(Some(index));
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                let row = event_target::<web_sys::Element>(&ev);
                match ev.key().as_str() {
                    "Enter" | " " => {
                        ev.prevent_default();
                        pin_form.set(false);
                        open.set(Some(index));
                    }
                    "ArrowDown" => {
                        ev.prevent_default();
                        focus_sibling(&row, true);
                    }
                    "ArrowUp" => {
                        ev.prevent_default();
                        focus_sibling(&row, false);
                    }
                    _ => {}
                }
            }
        >
            <th scope="row">
                <span class="row-id">{id}</span>
                {pin_button}
            </th>
            <td title=title>{name}</td>
            <td>{owner}</td>
            <td>{region}</td>
            <td class="num">{sales}</td>
            <td class="num">{profit}</td>
            <td class="num">{orders}</td>
            <td>{last}</td>
            <td class="num">{growth}</td>
            {Column::TABLE
                .into_iter()
                .filter_map(|c| match c {
                    Column::Class(m) => Some(view! { <td data-col=m.key()>{class_cell(m)}{marker(m)}</td> }),
                    _ => None,
                })
                .collect_view()}
            <td data-col="flags">{flags}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_covers_the_viewport_and_the_overscan() {
        // 600 px of 36 px rows: 17 rows in view, 6 more on each side.
        assert_eq!(window(100_000, 0.0, 600.0), (0, 17 + 12));
        let (a, b) = window(100_000, 36.0 * 50_000.0, 600.0);
        assert_eq!((a, b), (50_000 - 6, 50_000 - 6 + 29));
        assert_eq!(window(10, 36.0 * 50_000.0, 600.0), (10, 10));
        assert_eq!(window(10, 0.0, 600.0), (0, 10));
        // A 1080 px viewport keeps the DOM under 60 rows.
        let (a, b) = window(100_000, 36.0 * 1000.0, 1080.0);
        assert!(b - a <= 60, "{a}..{b}");
    }

    #[test]
    fn every_column_has_a_label() {
        for c in Column::TABLE {
            assert!(!column_label(c).en.is_empty());
        }
    }
}

//! The virtualised customer table: a real `<table>` in a scroll container, rows of a fixed
//! height, a spacer row above and below, and only the rows in view plus a small overscan in
//! the DOM. Rows are keyed by customer, so scrolling one row adds one row and removes one,
//! and a settings change re-reads only the class cells of the rows in the DOM.

use leptos::html;
use leptos::prelude::*;
use tierwise_core::classify::select::Column;
use tierwise_core::classify::{lookup, Method};

use super::Rows;
use crate::ui::format;
use crate::ui::nav::use_customer_filter;
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
        Column::Class(Method::Abc) => text::COL_ABC,
        Column::Class(Method::Tiers) => text::COL_TIER,
        Column::Class(Method::Value) => text::COL_VALUE,
        Column::Class(Method::Score) => text::COL_SCORE,
        Column::Class(Method::FiveS) => text::COL_FIVE_S,
        Column::Class(m) => m.name(),
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
pub fn CustomerTable(rows: Memo<Rows>, generation: Memo<usize>, open: RwSignal<Option<u32>>) -> impl IntoView {
    let filter = use_customer_filter();
    let lang = use_lang();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(640.0);
    let container = NodeRef::<html::Div>::new();

    let measure = move || {
        if let Some(el) = container.get_untracked() {
            scroll_top.set(el.scroll_top() as f64);
            let h = el.client_height() as f64;
            if h > 0.0 {
                viewport.set(h);
            }
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

    view! {
        <div
            class="table-scroll"
            node_ref=container
            on:scroll=move |_| measure()
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
                    <For
                        each=move || visible.get()
                        key=move |&i| (generation.get_untracked(), i)
                        children=move |i| view! { <CustomerRow index=i visible=visible range=range open=open/> }
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
        (s.column == column).then_some(if s.descending { "descending" } else { "ascending" })
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
) -> impl IntoView {
    let wb = use_workbench();
    let lang = use_lang();
    let i = index as usize;
    // The figures do not change until a new dataset, which re-keys every row.
    let c = wb.with_untracked(|w| w.dataset().customers[i].clone());
    let id = c.id.clone();
    let data_id = c.id.clone();
    let row_index = move || {
        let k = visible.with(|v| v.iter().position(|&x| x == index).unwrap_or(0));
        range.get().0 + k + 2
    };
    let opt = |s: Option<String>| s.unwrap_or_else(|| "—".into());
    let sales = c.sales;
    let (profit, orders, last, growth) = (c.profit, c.orders, c.last_order, c.growth);
    let class_cell = move |m: Method| {
        move || {
            let l = lang.get();
            wb.with(|w| {
                lookup::class_of(w.results(), m, i)
                    .and_then(|k| lookup::classes(m).get(k as usize).map(|ci| ci.name.get(l)))
                    .unwrap_or("—")
            })
        }
    };
    let flags = move || {
        let l = lang.get();
        wb.with(|w| {
            let names: Vec<&str> = w
                .results()
                .risk
                .flags_of(i)
                .iter()
                .map(|f| <_ as tierwise_core::classify::Class>::name(*f).get(l))
                .collect();
            if names.is_empty() {
                "—".to_string()
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
            on:click=move |_| open.set(Some(index))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                let row = event_target::<web_sys::Element>(&ev);
                match ev.key().as_str() {
                    "Enter" | " " => {
                        ev.prevent_default();
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
            <th scope="row">{id}</th>
            <td title=c.name.clone()>{c.name.clone()}</td>
            <td>{opt(c.owner.clone())}</td>
            <td>{opt(c.region.clone())}</td>
            <td class="num">{move || format::money(sales, lang.get())}</td>
            <td class="num">{move || profit.map_or("—".into(), |p| format::money(p, lang.get()))}</td>
            <td class="num">{move || orders.map_or("—".into(), |o| format::int(o as usize, lang.get()))}</td>
            <td>{move || last.map_or("—".into(), |d| format::date(d, lang.get()))}</td>
            <td class="num">{move || growth.map_or("—".into(), |g| format::signed_pct(g, lang.get()))}</td>
            <td data-col="abc">{class_cell(Method::Abc)}</td>
            <td data-col="tiers">{class_cell(Method::Tiers)}</td>
            <td data-col="value">{class_cell(Method::Value)}</td>
            <td data-col="score">{class_cell(Method::Score)}</td>
            <td data-col="five_s">{class_cell(Method::FiveS)}</td>
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

//! The customer page: a filter bar, the virtualised customer table and the explain drawer.
//! Row selection (filter and sort) is `tierwise_core::classify::select`; this module only
//! keeps its results in memos so that a slider move re-reads the classes of the visible
//! rows and nothing else.
//!
//! - [`filters`]: the filter bar bound to `use_customer_filter()`.
//! - [`table`]: the table, with only the rows in view (plus an overscan) in the DOM.
//! - [`drawer`]: one customer's figures, classes, reasons and strategies.
//! - [`note`]: the drawer's note on that customer, added or edited in place.

mod drawer;
mod filters;
mod note;
mod table;

use std::sync::Arc;

use leptos::prelude::*;
use tierwise_core::classify::select;

use super::format;
use super::nav::use_customer_filter;
use super::state::{use_lang, use_workbench};
use super::text;

/// An ordered list of customer indices, shared without copying. Equal when it holds the same
/// rows, so a recompute that changes nothing does not touch the DOM.
#[derive(Clone, Debug, Default)]
pub struct Rows(pub Arc<Vec<u32>>);

impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

/// Changes whenever a new dataset replaces the old one (a new import), never on a settings
/// change. The old dataset is still alive while the new one is built, so their buffers differ.
fn dataset_generation() -> Memo<usize> {
    let wb = use_workbench();
    Memo::new(move |_| wb.with(|w| w.dataset().customers.as_ptr() as usize))
}

#[component]
pub fn CustomersView() -> impl IntoView {
    let wb = use_workbench();
    let filter = use_customer_filter();
    let lang = use_lang();
    let generation = dataset_generation();

    // Once per dataset: the customers by id, the base of every stable sort.
    let by_id = Memo::new(move |_| {
        generation.track();
        wb.with_untracked(|w| Rows(Arc::new(select::by_id(w.dataset()))))
    });
    // Once per dataset and sort, and per settings change only when sorting by a class.
    let sort = Memo::new(move |_| filter.with(|f| f.sort));
    let sorted = Memo::new(move |_| {
        let s = sort.get();
        let ids = by_id.get();
        let run = |w: &super::state::Workbench| {
            Rows(Arc::new(select::sort(w.dataset(), w.results(), &ids.0, s)))
        };
        if s.column.depends_on_settings() {
            wb.with(run)
        } else {
            wb.with_untracked(run)
        }
    });
    // O(n) per filter change, and per settings change only when filtering by a class.
    let query = Memo::new(move |_| filter.with(|f| f.to_query()));
    let rows = Memo::new(move |_| {
        let q = query.get();
        let order = sorted.get();
        if q.is_empty() {
            return order;
        }
        let run = |w: &super::state::Workbench| {
            Rows(Arc::new(select::filter(
                w.dataset(),
                w.results(),
                &order.0,
                &q,
            )))
        };
        if q.class.is_some() || q.flag.is_some() {
            wb.with(run)
        } else {
            wb.with_untracked(run)
        }
    });

    // The customer shown in the drawer (an index into the dataset).
    let open: RwSignal<Option<u32>> = RwSignal::new(None);
    // Whether the drawer shows its pin form (a row's pin button opens it at once).
    let pin_form = RwSignal::new(false);
    Effect::new(move |prev: Option<usize>| {
        let g = generation.get();
        if prev.is_some_and(|p| p != g) {
            open.set(None);
        }
        g
    });

    let total = move || wb.with(|w| w.dataset().len());
    let shown = move || rows.with(|r| r.0.len());
    let t = move |tr: text::Tr| move || tr.get(lang.get());
    view! {
        <section class="panel customers" data-testid="customers-view" aria-labelledby="customers-title">
            <h2 id="customers-title">{t(text::CUSTOMER_TABLE)}</h2>
            <filters::FilterBar/>
            <p class="counts" role="status">
                <span data-testid="customers-shown">{move || format::int(shown(), lang.get())}</span>
                " "
                {t(text::SHOWN_OF)}
                " "
                <span data-testid="customers-total">{move || format::int(total(), lang.get())}</span>
                " "
                {t(text::CUSTOMERS_UNIT)}
            </p>
            <super::export::ExportBar shown=rows/>
            <p class="hint">{t(text::TABLE_HINT)}</p>
            <table::CustomerTable rows=rows generation=generation open=open pin_form=pin_form/>
            <drawer::ExplainDrawer open=open pin_form=pin_form/>
        </section>
    }
}

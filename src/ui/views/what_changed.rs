//! After a control moves: how many customers each class gained or lost, and the sales that
//! changed class ("+12 VIP, −12 Large, 1.2M of sales re-classed"). Measured against the
//! results before the last undoable step, so it always says what Undo would bring back.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text;

#[component]
pub fn WhatChanged(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let change = Memo::new(move |_| {
        workbench.with(|w| {
            w.baseline
                .as_ref()
                .map(|(_, before)| lookup::change(w.engine.prepared(), before, w.results(), method))
        })
    });
    let classes = lookup::classes(method);
    view! {
        <div class="what-changed" role="status" aria-live="polite" data-testid="what-changed">
            <strong>{move || text::WHAT_CHANGED.get(lang.get())}": "</strong>
            {move || {
                let l = lang.get();
                let names: Vec<String> = workbench
                    .with(|w| classes.iter().map(|c| method.class_name(w.engine.settings(), c, l).to_string()).collect());
                match change.get() {
                    None => text::NOTHING_MOVED.get(l).to_string(),
                    Some(c) if c.is_empty() => text::NO_MOVE.get(l).to_string(),
                    Some(c) => {
                        let mut parts: Vec<String> = c
                            .net
                            .iter()
                            .zip(&names)
                            .filter(|(n, _)| **n != 0)
                            .map(|(n, name)| {
                                let sign = if *n > 0 { "+" } else { "−" };
                                format!("{sign}{} {name}", format::int(n.unsigned_abs() as usize, l))
                            })
                            .collect();
                        parts.push(format!("{} {}", format::int(c.moved, l), text::CUSTOMERS_MOVED.get(l)));
                        parts.push(format!("{} {}", format::money(c.sales_moved, l), text::SALES_MOVED.get(l)));
                        parts.join(" · ")
                    }
                }
            }}
        </div>
    }
}

//! One page per method: its controls in a side panel, its chart, what the last change
//! moved, and its class table with the strategy per class. Plus the staffing plan. What is
//! particular to each method (controls, chart, extra sections) is in `ui::methods`.

pub mod class_table;
pub mod missing;
pub mod staffing;
pub mod what_changed;

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use crate::ui::controls::SettingsActions;
use crate::ui::methods;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text;
use class_table::ClassTable;
use what_changed::WhatChanged;

/// The prefix of a method's class-table test ids (`abc-count-A`, `tier-count-VIP`,
/// `value-count-mvc`).
pub fn count_prefix(m: Method) -> &'static str {
    match m {
        Method::Tiers => "tier",
        m => m.key(),
    }
}

/// What each method is for, one sentence (declared by the method in the core).
pub fn purpose(m: Method) -> text::Tr {
    m.purpose()
}

#[component]
pub fn MethodPage(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let missing =
        Memo::new(move |_| workbench.with(|w| lookup::available(w.results(), method).err()));
    let has_classes = !lookup::classes(method).is_empty();
    let ui = methods::ui(method);
    let title_id = format!("{}-title", method.key());
    let heading_id = title_id.clone();
    view! {
        <section
            class="panel method"
            data-testid=format!("method-{}", method.key())
            aria-labelledby=title_id
        >
            <h2 id=heading_id>{move || method.name().get(lang.get())}</h2>
            <p class="hint">{move || purpose(method).get(lang.get())}</p>
            <div class="method-grid">
                // Controls that cannot act are not shown while the method's column is missing.
                <aside
                    class="controls"
                    aria-label=move || text::CONTROLS.get(lang.get())
                    hidden=move || missing.with(Option::is_some)
                >
                    {(ui.controls)()}
                    <SettingsActions/>
                </aside>
                <div class="method-main">
                    {move || match missing.get() {
                        Some(m) => view! { <missing::MissingState method missing=m/> }.into_any(),
                        None => (ui.chart)(),
                    }}
                    <Show when=move || has_classes && missing.with(Option::is_none)>
                        <WhatChanged method/>
                    </Show>
                </div>
            </div>
            <Show when=move || missing.get().is_none()>
                {(ui.extra)()}
                <Show when=move || has_classes>
                    <ClassTable method/>
                </Show>
            </Show>
            <p class="hint timing no-print" hidden=!crate::ui::format::show_timings()>
                {move || text::RECOMPUTED.get(lang.get())}
                " "
                <span data-testid="recompute-ms">
                    {move || crate::ui::format::decimal(workbench.with(|w| w.elapsed_ms), 1, lang.get())}
                </span>
                " ms"
            </p>
        </section>
    }
}

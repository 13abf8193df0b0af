//! A method's class table: per class the count, the shares of customers, sales and profit,
//! and the strategy with its actions. A class name opens the customer list filtered to it.
//! It is also the text alternative of the method's chart.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use super::count_prefix;
use crate::ui::format;
use crate::ui::nav::show_class;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::{self, Tr};

#[component]
pub fn ClassTable(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let prefix = count_prefix(method);
    let summary = Memo::new(move |_| {
        workbench.with(|w| lookup::summary(w.engine.prepared(), w.results(), method).ok())
    });
    let rows = lookup::classes(method);
    view! {
        <table class="classes" tabindex="0" data-testid=format!("{prefix}-table")>
            <caption class="visually-hidden">{move || method.name().get(lang.get())}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(text::CLASS)}</th>
                    <th scope="col" class="num">{t(text::COUNT)}</th>
                    <th scope="col" class="num">{t(text::SHARE_CUSTOMERS)}</th>
                    <th scope="col" class="num">{t(text::SHARE_SALES)}</th>
                    <th scope="col" class="num">{t(text::SHARE_PROFIT)}</th>
                    <th scope="col">{t(text::POLICY)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|info| {
                        let k = info.index as usize;
                        let row = move || summary.with(|s| s.as_ref().map(|s| (s.rows[k].clone(), s.clone())));
                        let count = move || row().map_or(0, |(r, _)| r.count);
                        let cell = move |f: fn(&lookup::Summary, &lookup::ClassRow, tierwise_core::i18n::Lang) -> String| {
                            move || row().map(|(r, s)| f(&s, &r, lang.get())).unwrap_or_default()
                        };
                        // A class the settings leave out (an RFM segment of the user's own not
                        // in the segment table) has no row.
                        let shown = move || workbench.with(|w| method.class_shown(w.engine.settings(), info.key));
                        view! {
                            <Show when=shown>
                            <tr data-testid=format!("{prefix}-row-{}", info.key)>
                                <th scope="row">
                                    <span class=format!("swatch c{}", k % 8) aria-hidden="true"></span>
                                    <button
                                        type="button"
                                        class="link"
                                        data-testid=format!("{prefix}-open-{}", info.key)
                                        title=move || text::SHOW_CUSTOMERS.get(lang.get())
                                        on:click=move |_| show_class(method, info.index)
                                    >
                                        {move || workbench.with(|w| method.class_name(w.engine.settings(), &info, lang.get()).to_string())}
                                    </button>
                                </th>
                                <td class="num" data-testid=format!("{prefix}-count-{}", info.key)>
                                    {move || format::int(count(), lang.get())}
                                </td>
                                <td class="num">{cell(|s, r, l| format::pct(s.share_of_customers(r), l))}</td>
                                <td class="num">{cell(|s, r, l| format::pct(s.share_of_sales(r), l))}</td>
                                <td class="num">
                                    {cell(|s, r, l| s.share_of_profit(r).map_or("—".into(), |v| format::pct(v, l)))}
                                </td>
                                <td class="policy">
                                    <strong>{move || workbench.with(|w| method.strategy_title(w.engine.settings(), &info, lang.get()).into_owned())}</strong>
                                    <ul>
                                        {info
                                            .strategy
                                            .actions
                                            .iter()
                                            .map(|a| view! { <li>{move || a.get(lang.get())}</li> })
                                            .collect_view()}
                                    </ul>
                                </td>
                            </tr>
                            </Show>
                        }
                    })
                    .collect_view()}
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{t(text::UNCLASSED)}</th>
                    <td class="num" data-testid=format!("{prefix}-unclassed")>
                        {move || format::int(summary.with(|s| s.as_ref().map_or(0, |s| s.unclassed)), lang.get())}
                    </td>
                    <td colspan="4" class="hint">{t(text::UNCLASSED_HINT)}</td>
                </tr>
            </tfoot>
        </table>
    }
}

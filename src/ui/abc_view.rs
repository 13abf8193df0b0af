//! The ABC / Pareto view: the chart, the class table with its service policy, the sliders.

use leptos::prelude::*;
use tierwise_core::classify::abc::AbcClass;
use tierwise_core::classify::Class;

use super::charts::pareto::ParetoChart;
use super::controls::PercentSlider;
use super::format;
use super::state::{use_lang, use_workbench};
use super::text::{self, Tr};

#[component]
pub fn AbcView() -> impl IntoView {
    let results = use_workbench();
    let dataset = use_workbench();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    view! {
        <Show when=move || dataset.with(|d| d.dataset().existing_count() > 0)>
            <section class="panel abc" aria-labelledby="abc-title">
                <h2 id="abc-title">{t(text::ABC_TITLE)}</h2>
                <div class="abc-grid">
                    <ParetoChart/>
                    <div class="controls">
                        <PercentSlider
                            testid="slider-abc-a"
                            label=text::SLIDER_ABC_A
                            get=|s| s.abc.a_pct
                            set=|s, v| s.abc.a_pct = v
                            min=1.0
                            max=99.0
                        />
                        <PercentSlider
                            testid="slider-abc-b"
                            label=text::SLIDER_ABC_B
                            get=|s| s.abc.b_pct
                            set=|s, v| s.abc.b_pct = v
                            max=99.0
                        />
                        <p class="hint">{t(text::C_IS_REST)}</p>
                    </div>
                </div>
                <table class="classes" data-testid="abc-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(text::CLASS)}</th>
                            <th scope="col" class="num">{t(text::COUNT)}</th>
                            <th scope="col" class="num">{t(text::SHARE_CUSTOMERS)}</th>
                            <th scope="col" class="num">{t(text::SHARE_SALES)}</th>
                            <th scope="col">{t(text::POLICY)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {AbcClass::ALL
                            .into_iter()
                            .map(|c| {
                                let k = c.index();
                                let count = move || results.with(|r| r.abc().counts[k]);
                                let customers = move || results.with(|r| r.abc().counts.iter().sum::<usize>());
                                let share_sales = move || {
                                    results.with(|r| {
                                        let all: f64 = r.abc().sales.iter().map(|v| v.max(0.0)).sum();
                                        if all > 0.0 { r.abc().sales[k].max(0.0) / all } else { 0.0 }
                                    })
                                };
                                view! {
                                    <tr class=format!("class-{}", c.label())>
                                        <th scope="row">
                                            <span class=format!("swatch abc-{}", c.label()) aria-hidden="true"></span>
                                            {c.label()}
                                        </th>
                                        <td class="num" data-testid=format!("abc-count-{}", c.label())>
                                            {move || format::int(count(), lang.get())}
                                        </td>
                                        <td class="num">
                                            {move || format::pct(count() as f64 / customers().max(1) as f64, lang.get())}
                                        </td>
                                        <td class="num">{move || format::pct(share_sales(), lang.get())}</td>
                                        <td class="policy">
                                            <strong>{move || c.strategy().title.get(lang.get())}</strong>
                                            <ul>
                                                {c.strategy()
                                                    .actions
                                                    .iter()
                                                    .map(|a| view! { <li>{move || a.get(lang.get())}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}

//! The filter bar: search, a method and one of its classes, owner, region, risk flag, and a
//! button that clears them. Everything lives in `use_customer_filter()`, so `show_class`
//! lands here with its class selected.

use leptos::prelude::*;
use tierwise_core::classify::risk::RiskFlag;
use tierwise_core::classify::{lookup, select, Class, Method};

use crate::ui::nav::{use_customer_filter, CustomerFilter};
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text;

/// The methods whose classes the filter offers.
fn class_methods() -> Vec<Method> {
    Method::ALL
        .into_iter()
        .filter(|&m| !lookup::classes(m).is_empty())
        .collect()
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let filter = use_customer_filter();
    let wb = use_workbench();
    let lang = use_lang();
    let t = move |tr: text::Tr| move || tr.get(lang.get());

    // The method chosen in the first select; its class may still be "any".
    let method = RwSignal::new(filter.with_untracked(|f| f.class.map(|(m, _)| m)));
    Effect::new(move |_| {
        if let Some((m, _)) = filter.with(|f| f.class) {
            method.set(Some(m));
        }
    });
    // Once per dataset, not per settings change.
    let generation = super::dataset_generation();
    let owners = Memo::new(move |_| {
        generation.track();
        wb.with_untracked(|w| w.dataset().owners())
    });
    let regions = Memo::new(move |_| {
        generation.track();
        wb.with_untracked(|w| select::regions(w.dataset()))
    });

    let on_method = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        let m = Method::ALL.into_iter().find(|m| m.key() == key);
        method.set(m);
        filter.update(|f| f.class = None);
    };
    let on_class = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let class = method
            .get_untracked()
            .zip(v.parse::<u8>().ok())
            .filter(|(m, k)| (*k as usize) < lookup::classes(*m).len());
        filter.update(|f| f.class = class);
    };
    let none_or = |v: String| (!v.is_empty()).then_some(v);

    view! {
        <div class="filters" role="search" aria-label=t(text::FILTERS)>
            <label class="field search">
                <span>{t(text::SEARCH)}</span>
                <input
                    type="search"
                    data-testid="customer-search"
                    prop:value=move || filter.with(|f| f.query.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.query = v);
                    }
                />
            </label>
            <label class="field">
                <span>{t(text::FILTER_METHOD)}</span>
                <select data-testid="filter-method" on:change=on_method>
                    <option value="" prop:selected=move || method.get().is_none()>{t(text::ANY)}</option>
                    {class_methods()
                        .into_iter()
                        .map(|m| {
                            let missing = move || wb.with(|w| lookup::available(w.results(), m).is_err());
                            view! {
                                <option value=m.key() prop:selected=move || method.get() == Some(m) disabled=missing>
                                    {move || m.name().get(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t(text::FILTER_CLASS)}</span>
                <select
                    data-testid="filter-class"
                    on:change=on_class
                    disabled=move || method.get().is_none()
                >
                    <option value="" prop:selected=move || filter.with(|f| f.class.is_none())>{t(text::ANY)}</option>
                    {move || {
                        method
                            .get()
                            .map(|m| {
                                let shown = wb.with(|w| {
                                    let s = w.engine.settings();
                                    lookup::classes(m).into_iter().filter(|c| m.class_shown(s, c.key)).collect::<Vec<_>>()
                                });
                                shown
                                    .into_iter()
                                    .map(|c| {
                                        let selected = move || filter.with(|f| f.class == Some((m, c.index)));
                                        view! {
                                            <option value=c.index.to_string() data-key=c.key prop:selected=selected>
                                                {move || wb.with(|w| m.class_name(w.engine.settings(), &c, lang.get()).to_string())}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <label class="field">
                <span>{t(text::FILTER_OWNER)}</span>
                <select
                    data-testid="filter-owner"
                    on:change=move |ev| {
                        let v = none_or(event_target_value(&ev));
                        filter.update(|f| f.owner = v);
                    }
                >
                    <option value="" prop:selected=move || filter.with(|f| f.owner.is_none())>{t(text::ANY)}</option>
                    {move || {
                        owners
                            .get()
                            .into_iter()
                            .map(|o| {
                                let sel = o.clone();
                                let selected = move || filter.with(|f| f.owner.as_ref() == Some(&sel));
                                view! { <option value=o.clone() prop:selected=selected>{o.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="field">
                <span>{t(text::FILTER_REGION)}</span>
                <select
                    data-testid="filter-region"
                    on:change=move |ev| {
                        let v = none_or(event_target_value(&ev));
                        filter.update(|f| f.region = v);
                    }
                >
                    <option value="" prop:selected=move || filter.with(|f| f.region.is_none())>{t(text::ANY)}</option>
                    {move || {
                        regions
                            .get()
                            .into_iter()
                            .map(|r| {
                                let sel = r.clone();
                                let selected = move || filter.with(|f| f.region.as_ref() == Some(&sel));
                                view! { <option value=r.clone() prop:selected=selected>{r.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="field">
                <span>{t(text::FILTER_FLAG)}</span>
                <select
                    data-testid="filter-flag"
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<u8>().ok();
                        filter.update(|f| f.flag = v);
                    }
                >
                    <option value="" prop:selected=move || filter.with(|f| f.flag.is_none())>{t(text::ANY)}</option>
                    {RiskFlag::ALL
                        .iter()
                        .map(|&flag| {
                            let k = flag.index() as u8;
                            view! {
                                <option
                                    value=k.to_string()
                                    data-key=flag.key()
                                    prop:selected=move || filter.with(|f| f.flag == Some(k))
                                >
                                    {move || flag.name().get(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                type="button"
                class="button subtle"
                data-testid="clear-filters"
                on:click=move |_| {
                    method.set(None);
                    filter.update(|f| {
                        *f = CustomerFilter {
                            sort: f.sort,
                            ..CustomerFilter::default()
                        }
                    });
                }
            >
                {t(text::CLEAR_FILTERS)}
            </button>
        </div>
    }
}

//! Key figures: customers, sales, and the value tiers as bars with their sliders.

use leptos::prelude::*;
use tierwise_core::classify::tiers::Tier;
use tierwise_core::classify::Class;

use super::controls::{PercentSlider, SettingsActions};
use super::format;
use super::state::{use_lang, use_workbench};
use super::text::{self, Tr};

#[component]
pub fn Overview() -> impl IntoView {
    let dataset = use_workbench();
    let results = use_workbench();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    view! {
        <section class="panel overview" aria-labelledby="overview-title">
            <h2 id="overview-title">{t(text::OVERVIEW)}</h2>
            <Show
                when=move || dataset.with(|d| !d.dataset().is_empty())
                fallback=move || view! { <p class="empty" data-testid="empty-state">{t(text::EMPTY_STATE)}</p> }
            >
                <div class="kpis">
                    <div class="kpi">
                        <span class="kpi-label">{t(text::CUSTOMERS)}</span>
                        <span class="kpi-value" data-testid="customer-count">
                            {move || format::int(dataset.with(|d| d.dataset().len()), lang.get())}
                        </span>
                        <span class="kpi-sub">
                            {move || {
                                let l = lang.get();
                                dataset.with(|d| {
                                    format!(
                                        "{} {} · {} {}",
                                        format::int(d.dataset().existing_count(), l),
                                        text::EXISTING.get(l),
                                        format::int(d.dataset().potential_count(), l),
                                        text::POTENTIAL.get(l),
                                    )
                                })
                            }}
                        </span>
                    </div>
                    <div class="kpi">
                        <span class="kpi-label">{t(text::SALES)}</span>
                        <span class="kpi-value" data-testid="total-sales">
                            {move || format::money(dataset.with(|d| d.dataset().total_sales()), lang.get())}
                        </span>
                    </div>
                </div>
                <TierPanel/>
                <p class="hint timing">
                    {t(text::RECOMPUTED)}
                    " "
                    <span data-testid="recompute-ms">
                        {move || format::decimal(results.with(|r| r.elapsed_ms), 1, lang.get())}
                    </span>
                    " ms"
                </p>
            </Show>
        </section>
    }
}

#[component]
fn TierPanel() -> impl IntoView {
    let results = use_workbench();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    view! {
        <div class="tiers" role="group" aria-labelledby="tiers-title">
            <h3 id="tiers-title">{t(text::TIERS_TITLE)}</h3>
            <p class="hint">{t(text::TIERS_BY_SALES)}</p>
            <div class="tier-bars">
                {Tier::ALL
                    .into_iter()
                    .map(|tier| {
                        let count = move || results.with(|r| r.tiers().map_or(0, |t| t.counts[tier.index()]));
                        let total = move || {
                            results.with(|r| r.tiers().map_or(0, |t| t.counts.iter().sum::<usize>()).max(1))
                        };
                        let sales_share = move || {
                            results.with(|r| {
                                r.tiers().map_or(0.0, |t| {
                                    let all: f64 = t.sales.iter().sum();
                                    if all > 0.0 { t.sales[tier.index()] / all } else { 0.0 }
                                })
                            })
                        };
                        view! {
                            <div class=format!("tier-row tier-{}", tier.label().to_lowercase())>
                                <span class="tier-name">{move || tier.name().get(lang.get())}</span>
                                <span class="bar" aria-hidden="true">
                                    <span
                                        class="fill"
                                        style:width=move || format!("{:.1}%", 100.0 * count() as f64 / total() as f64)
                                    ></span>
                                </span>
                                <span class="tier-count" data-testid=format!("tier-count-{}", tier.label())>
                                    {move || format::int(count(), lang.get())}
                                </span>
                                <span class="tier-sales">
                                    {move || format!("{} {}", format::pct(sales_share(), lang.get()), text::SHARE_SALES.get(lang.get()))}
                                </span>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="controls">
                <PercentSlider
                    testid="slider-tier-vip"
                    label=text::SLIDER_VIP
                    get=|s| s.tiers.vip_pct
                    set=|s, v| s.tiers.vip_pct = v
                    max=50.0
                />
                <PercentSlider
                    testid="slider-tier-large"
                    label=text::SLIDER_LARGE
                    get=|s| s.tiers.large_pct
                    set=|s, v| s.tiers.large_pct = v
                    max=60.0
                />
                <PercentSlider
                    testid="slider-tier-medium"
                    label=text::SLIDER_MEDIUM
                    get=|s| s.tiers.medium_pct
                    set=|s, v| s.tiers.medium_pct = v
                    max=80.0
                />
                <p class="hint">{t(text::SMALL_IS_REST)}</p>
                <SettingsActions/>
            </div>
        </div>
    }
}

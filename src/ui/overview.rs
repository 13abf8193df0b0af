//! The overview: whether tiering is worth it (the readiness verdict and its reasons), the
//! key figures, and a tile per method with its class counts, linking to the method's page.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, readiness, Method};

use super::format;
use super::nav::Page;
use super::state::{use_lang, use_settings, use_workbench};
use super::text::{self, Tr};
use super::views::purpose;

const READINESS: Tr = Tr::new(
    "Is tiering worth it?",
    "是否值得分级？",
    "¿Merece la pena segmentar?",
);
const PROFIT: Tr = tierwise_core::glossary::PROFIT.title;
const TOP20: Tr = Tr::new(
    "Top 20% of customers hold",
    "前 20% 客户贡献",
    "El 20% superior concentra",
);
const GINI: Tr = Tr::new("Gini of sales", "销售额基尼系数", "Gini de ventas");
const OPEN: Tr = Tr::new("Open", "打开", "Abrir");
const CLASSED: Tr = Tr::new("classed", "已分类", "clasificados");

#[component]
pub fn Overview() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    view! {
        <section class="panel overview" aria-labelledby="overview-title">
            <h2 id="overview-title">{t(text::OVERVIEW)}</h2>
            <Show
                when=move || workbench.with(|w| !w.dataset().is_empty())
                fallback=move || view! { <p class="empty" data-testid="empty-state">{t(text::EMPTY_STATE)}</p> }
            >
                <super::export::ExportBar/>
                <Verdict/>
                <KeyFigures/>
                <ul class="tiles" aria-label=move || text::NAV_LABEL.get(lang.get())>
                    {Page::methods().map(|m| view! { <Tile method=m/> }).collect_view()}
                </ul>
                <p class="hint timing no-print" hidden=!crate::ui::format::show_timings()>
                    {t(text::RECOMPUTED)}
                    " "
                    <span data-testid="recompute-ms">
                        {move || format::decimal(workbench.with(|w| w.elapsed_ms), 1, lang.get())}
                    </span>
                    " ms"
                </p>
            </Show>
        </section>
    }
}

/// The key figures: customers, sales, profit and how concentrated sales are.
#[component]
pub fn KeyFigures() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    view! {
                <div class="kpis">
            <div class="kpi">
                <span class="kpi-label">{t(text::CUSTOMERS)}</span>
                <span class="kpi-value" data-testid="customer-count">
                    {move || format::int(workbench.with(|w| w.dataset().len()), lang.get())}
                </span>
                <span class="kpi-sub">
                    {move || {
                        let l = lang.get();
                        workbench.with(|w| {
                            format!(
                                "{} {} · {} {}",
                                format::int(w.dataset().existing_count(), l),
                                text::EXISTING.get(l),
                                format::int(w.dataset().potential_count(), l),
                                text::POTENTIAL.get(l),
                            )
                        })
                    }}
                </span>
            </div>
            <div class="kpi">
                <span class="kpi-label">{t(text::SALES)}</span>
                <span class="kpi-value" data-testid="total-sales">
                    {move || format::money(workbench.with(|w| w.dataset().total_sales()), lang.get())}
                </span>
            </div>
            <div class="kpi">
                <span class="kpi-label">{t(PROFIT)}</span>
                <span class="kpi-value" data-testid="total-profit">
                    {move || {
                        let l = lang.get();
                        workbench.with(|w| {
                            let mut any = false;
                            let sum: f64 = w.dataset().customers.iter().filter_map(|c| c.profit).inspect(|_| any = true).sum();
                            if any { format::money(sum, l) } else { "—".into() }
                        })
                    }}
                </span>
            </div>
            <div class="kpi">
                <span class="kpi-label">{t(TOP20)}</span>
                <span class="kpi-value" data-testid="top20-share">
                    {move || {
                        let l = lang.get();
                        workbench.with(|w| w.results().readiness.top20_share.map_or("—".into(), |v| format::pct(v / 100.0, l)))
                    }}
                </span>
                <span class="kpi-sub">
                    {move || {
                        let l = lang.get();
                        workbench.with(|w| {
                            w.results().readiness.gini.map_or(String::new(), |g| format!("{} {}", GINI.get(l), format::decimal(g, 2, l)))
                        })
                    }}
                </span>
            </div>
        </div>
    }
}

/// The readiness verdict and its reasons.
#[component]
pub fn Verdict() -> impl IntoView {
    let workbench = use_workbench();
    let settings = use_settings();
    let lang = use_lang();
    let r = Memo::new(move |_| workbench.with(|w| w.results().readiness.clone()));
    view! {
        <div class=move || format!("verdict verdict-{}", r.with(|r| r.verdict.key())) data-testid="readiness" data-verdict=move || r.with(|r| r.verdict.key())>
            <h3>{move || READINESS.get(lang.get())}</h3>
            <p class="verdict-text">{move || r.with(|r| r.verdict.text().get(lang.get()))}</p>
            <ul class="reasons">
                {move || {
                    let l = lang.get();
                    let s = settings.with(|s| s.readiness.clone());
                    r.with(|r| readiness::explain(r, &s).iter().map(|x| view! { <li>{format::reason(x, l)}</li> }).collect_view())
                }}
            </ul>
        </div>
    }
}

/// A method's tile: its name, purpose and class counts as a small stacked bar.
#[component]
fn Tile(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let summary = Memo::new(move |_| {
        workbench.with(|w| lookup::summary(w.engine.prepared(), w.results(), method))
    });
    view! {
        <li class="tile">
            <a href=Page::Method(method).hash() data-testid=format!("tile-{}", method.key())>
                <strong>{move || method.name().get(lang.get())}</strong>
                <span class="hint">{move || purpose(method).get(lang.get())}</span>
                {move || {
                    let l = lang.get();
                    summary.with(|s| match s {
                        Err(m) => view! { <span class="missing">{m.message(l)}</span> }.into_any(),
                        Ok(s) if s.rows.is_empty() => view! { <span class="open">{OPEN.get(l)}" →"</span> }.into_any(),
                        Ok(s) => {
                            let total: usize = s.rows.iter().map(|r| r.count).sum::<usize>().max(1);
                            view! {
                                <span class="stack" aria-hidden="true">
                                    {s.rows.iter().map(|r| view! {
                                        <span class=format!("seg c{}", r.class.index % 8) style:width=format!("{:.2}%", 100.0 * r.count as f64 / total as f64)></span>
                                    }).collect_view()}
                                </span>
                                <span class="counts">
                                    {workbench.with(|w| s.rows.iter().filter(|r| method.class_shown(w.engine.settings(), r.class.key)).map(|r| format!("{} {}", method.class_name(w.engine.settings(), &r.class, l), format::int(r.count, l))).collect::<Vec<_>>().join(" · "))}
                                </span>
                                <span class="hint">{format!("{} {}", format::int(s.classed, l), CLASSED.get(l))}</span>
                            }
                                .into_any()
                        }
                    })
                }}
            </a>
        </li>
    }
}

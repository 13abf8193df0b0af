//! The root component: state, persistence effects, header and layout.

use leptos::prelude::*;
use tierwise_core::i18n::Lang;

use super::import::{provide_import, ImportPanel, MappingDialog};
use super::nav::{provide_nav, use_page, Page};
use super::nav_bar::{NavBar, SkipLink, MAIN_ID};
use super::overview::Overview;
use super::state::{provide_state, use_lang, use_settings, use_sources};
use super::text;
use super::views::{staffing::StaffingPage, MethodPage};
use crate::storage::prefs;

use super::snapshots_view::SnapshotsView;
use super::workspace::{provide_workspace, start};
use super::workspace_panel::WorkspacePanel;

#[component]
pub fn App() -> impl IntoView {
    provide_state(prefs::load_settings(), prefs::load_lang());
    provide_import();
    provide_nav();
    let page = use_page();
    provide_workspace();
    super::export::provide_export();
    super::shortcuts::provide_shortcuts();
    let settings = use_settings();
    let lang = use_lang();

    // Settings and language survive a reload. A failed write (private mode, quota) only
    // means they are not remembered; the app goes on in memory.
    Effect::new(move |_| {
        let s = settings.get();
        if let Err(e) = prefs::save_settings(&s) {
            leptos::logging::warn!("{e}");
        }
    });
    Effect::new(move |_| {
        let l = lang.get();
        if let Err(e) = prefs::save_lang(l) {
            leptos::logging::warn!("{e}");
        }
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", l.tag());
        }
    });

    // The data and workspace panels on a phone: closed until asked for, and opened by an
    // import problem, which must be seen.
    let side_open = RwSignal::new(false);
    provide_context(SideOpen(side_open));
    let problems = super::state::use_import_error();
    Effect::new(move |_| {
        if problems.with(|p| !p.is_empty()) {
            side_open.set(true);
        }
    });

    // A saved workspace is restored; on a first visit, nothing saved, the app opens on the
    // sample, with the banner saying so (see `workspace::start`).
    start();
    // Then, once its figures show, the path an import takes runs once on generated rows.
    super::warm_up::schedule();

    view! {
        <SkipLink/>
        <Header/>
        <SampleBanner/>
        <NavBar/>
        <main id=MAIN_ID tabindex="-1" class="layout" class:wide=move || !with_side(page.get())>
            // On a phone the figures come first; the data and workspace panels wait behind
            // this button (CSS shows it at phone width only).
            <button
                type="button"
                class="button side-toggle"
                data-testid="side-toggle"
                aria-controls="side-panel"
                aria-expanded=move || side_open.get().to_string()
                hidden=move || !with_side(page.get())
                on:click=move |_| side_open.update(|o| *o = !*o)
            >
                {move || text::DATA_AND_WORKSPACE.get(lang.get())}
                <span class="caret" aria-hidden="true">{move || if side_open.get() { " ▴" } else { " ▾" }}</span>
            </button>
            // Kept mounted on every page, so an import in progress and the mapping editor
            // survive navigation; shown beside the overview and the monthly reviews.
            <aside
                id="side-panel"
                class="side"
                class:open=move || side_open.get()
                hidden=move || !with_side(page.get())
            >
                <ImportPanel/>
                <WorkspacePanel/>
            </aside>
            <div class="content" data-testid=move || format!("view-{}", page.get().key())>
                {move || match page.get() {
                    Page::Overview => view! { <Overview/> }.into_any(),
                    Page::Method(method) => view! { <MethodPage method/> }.into_any(),
                    Page::Staffing => view! { <StaffingPage/> }.into_any(),
                    Page::Snapshots => view! { <SnapshotsView/> }.into_any(),
                    Page::Customers => view! { <super::customers::CustomersView/> }.into_any(),
                    Page::Report => view! { <super::report::ReportPage/> }.into_any(),
                }}
            </div>
        </main>
        // At the root, so it shows over any page and outlives a phone's closed side panel.
        <MappingDialog/>
    }
}

/// The currency sign for money. Until the user picks one (then remembered), it follows the
/// data (a sign or code in a money column's header or cells: `import::currency::infer`), else
/// the language (¥ for Chinese, € for Spanish, $ for English). Changing it re-renders every
/// figure (through the language signal, which every text reads).
#[component]
fn CurrencySelect() -> impl IntoView {
    use super::format::{set_currency, Currency};
    let lang = use_lang();
    let sources = use_sources();
    let chosen = RwSignal::new(prefs::load_currency().and_then(|k| Currency::from_key(&k)));
    let current = Memo::new(move |_| {
        chosen.get().unwrap_or_else(|| {
            let from_data = sources.with(|s| {
                tierwise_core::import::currency::infer(s.loaded().map(|(_, l)| &*l.imported))
            });
            from_data
                .and_then(Currency::from_key)
                .unwrap_or(match lang.get() {
                    Lang::ZhCn => Currency::Yuan,
                    Lang::Es => Currency::Euro,
                    Lang::En => Currency::Dollar,
                })
        })
    });
    set_currency(current.get_untracked());
    Effect::new(move |prev: Option<Currency>| {
        let c = current.get();
        set_currency(c);
        if prev.is_some_and(|p| p != c) {
            lang.notify();
        }
        c
    });
    view! {
        <label class="lang">
            <span class="visually-hidden">{move || text::CURRENCY.get(lang.get())}</span>
            <select
                data-testid="currency-select"
                aria-label=move || text::CURRENCY.get(lang.get())
                on:change=move |ev| {
                    if let Some(c) = Currency::from_key(&event_target_value(&ev)) {
                        chosen.set(Some(c));
                        if let Err(e) = prefs::save_currency(c.key()) {
                            leptos::logging::warn!("{e}");
                        }
                    }
                }
            >
                {Currency::ALL
                    .into_iter()
                    .map(|c| {
                        view! {
                            <option value=c.key() selected=move || current.get() == c>
                                {move || {
                                    if c == Currency::None {
                                        text::NO_CURRENCY_SIGN.get(lang.get()).to_string()
                                    } else {
                                        format!("{} {}", c.symbol(), c.key())
                                    }
                                }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Whether the data and workspace panels are open on a phone (beside the page on a wider
/// screen, they are always shown).
#[derive(Clone, Copy)]
pub struct SideOpen(pub RwSignal<bool>);

/// The pages that show the data and workspace panel beside them.
fn with_side(p: Page) -> bool {
    matches!(p, Page::Overview | Page::Snapshots)
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let t = move |tr: text::Tr| move || tr.get(lang.get());
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"▲"</span>
                <span class="name">"Tierwise"</span>
                <span class="tagline">{t(text::APP_TAGLINE)}</span>
            </div>
            <p class="privacy" data-testid="privacy-note">
                <svg class="lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                    <path
                        d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z"
                        fill="currentColor"
                    ></path>
                </svg>
                {t(text::PRIVACY_NOTE)}
            </p>
            <CurrencySelect/>
            <label class="lang">
                <span class="visually-hidden">{t(text::LANGUAGE)}</span>
                <select
                    data-testid="lang-select"
                    aria-label=move || text::LANGUAGE.get(lang.get())
                    on:change=move |ev| {
                        if let Some(l) = Lang::from_tag(&event_target_value(&ev)) {
                            lang.set(l);
                        }
                    }
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option value=l.tag() selected=move || lang.get() == l>
                                    {l.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </header>
    }
}

#[component]
fn SampleBanner() -> impl IntoView {
    let sources = use_sources();
    let lang = use_lang();
    view! {
        <Show when=move || sources.with(|s| s.is_sample)>
            <div class="banner" role="status" data-testid="sample-banner">
                {move || text::SAMPLE_BANNER.get(lang.get())}
            </div>
        </Show>
    }
}

//! The root component: state, persistence effects, header and layout.

use leptos::prelude::*;
use tierwise_core::i18n::Lang;

use super::abc_view::AbcView;
use super::import_panel::{provide_import, ImportPanel};
use super::overview::Overview;
use super::state::{provide_state, use_lang, use_settings, use_sources};
use super::text;
use crate::storage::prefs;

use super::snapshots_view::SnapshotsView;
use super::workspace::{provide_workspace, start};
use super::workspace_panel::WorkspacePanel;

#[component]
pub fn App() -> impl IntoView {
    provide_state(prefs::load_settings(), prefs::load_lang());
    provide_import();
    provide_workspace();
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

    // A saved workspace is restored; on a first visit, nothing saved, the app opens on the
    // sample, with the banner saying so (see `workspace::start`).
    start();

    view! {
        <Header/>
        <SampleBanner/>
        <main class="layout">
            <aside class="side">
                <ImportPanel/>
                <WorkspacePanel/>
            </aside>
            <div class="content">
                <Overview/>
                <AbcView/>
                <SnapshotsView/>
            </div>
        </main>
    }
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

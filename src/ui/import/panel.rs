//! The import panel: the file input, drag and drop, the sample and clear buttons, the
//! progress bar with its cancel button, any import error, then the reports.

use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

use super::controller::{clear_data, import_files, load_sample, undo_clear, use_cleared, use_job};
use super::report::Reports;
use crate::ui::format;
use crate::ui::state::{use_import_error, use_lang, use_sources};
use crate::ui::text::{self, Tr};

fn file_list(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|k| list.get(k)).collect()
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let lang = use_lang();
    let error = use_import_error();
    let dragging = RwSignal::new(false);
    let sources = use_sources();
    let cleared = use_cleared();
    let confirming = RwSignal::new(false);
    let sample_note = RwSignal::new(false);
    // The user's own data is never replaced by the sample: the sample opens in a workspace
    // of its own, and the data stays in its workspace (the workspace menu switches back).
    let on_sample = move |_| {
        let own = sources.with_untracked(|s| !s.is_sample && s.loaded().next().is_some());
        if own {
            crate::ui::workspace::create();
            sample_note.set(true);
        } else {
            load_sample();
        }
    };
    let t = move |tr: Tr| move || tr.get(lang.get());

    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = file_list(input.files());
        // Clear the value so that choosing the same file again still fires `change`.
        input.set_value("");
        import_files(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        import_files(file_list(ev.data_transfer().and_then(|d| d.files())));
    };

    view! {
        <section
            class="panel import"
            class:dragging=move || dragging.get()
            aria-labelledby="import-title"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="import-title">{t(text::IMPORT_TITLE)}</h2>
            <div class="buttons">
                <label class="button primary">
                    {t(text::OPEN_FILE)}
                    <input
                        type="file"
                        accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv"
                        multiple=true
                        class="visually-hidden"
                        data-testid="file-input"
                        on:change=on_change
                    />
                </label>
                <button type="button" class="button" data-testid="load-sample" on:click=on_sample>
                    {t(text::LOAD_SAMPLE)}
                </button>
                <button
                    type="button"
                    class="button subtle"
                    data-testid="clear-data"
                    disabled=move || sources.with(|s| s.loaded().next().is_none())
                    on:click=move |_| confirming.set(true)
                >
                    {t(text::CLEAR_DATA)}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="clear-data-ask" data-testid="clear-data-confirm">
                    <p id="clear-data-ask">{t(text::CLEAR_DATA_ASK)}</p>
                    <button
                        type="button"
                        class="button danger"
                        data-testid="clear-data-yes"
                        on:click=move |_| {
                            confirming.set(false);
                            clear_data();
                        }
                    >
                        {t(text::CLEAR_DATA)}
                    </button>
                    <button type="button" class="button subtle" data-testid="clear-data-no" on:click=move |_| confirming.set(false)>
                        {t(text::CANCEL)}
                    </button>
                </div>
            </Show>
            <Show when=move || sources.with(|s| s.loaded().next().is_none()) && cleared.any()>
                <p class="note" role="status" data-testid="clear-data-done">
                    {t(text::CLEARED)} " "
                    <button type="button" class="button subtle" data-testid="clear-data-undo" on:click=move |_| undo_clear()>
                        {t(text::UNDO_CLEAR)}
                    </button>
                </p>
            </Show>
            <Show when=move || sample_note.get()>
                <p class="note" role="status" data-testid="sample-in-new-workspace">{t(text::SAMPLE_NEW_WORKSPACE)}</p>
            </Show>
            <p class="hint">{t(text::DROP_HINT)}</p>
            <ImportProgress/>
            <Show when=move || error.with(|e| !e.is_empty())>
                <div class="error" role="alert" data-testid="import-error">
                    {move || {
                        let l = lang.get();
                        error
                            .get()
                            .into_iter()
                            .map(|p| {
                                let detail = p.detail();
                                view! {
                                    <p class="message">{p.message(l)}</p>
                                    {detail.map(|d| view! {
                                        <details class="detail" data-testid="import-error-detail">
                                            <summary>{text::DETAILS.get(l)}</summary>
                                            <code>{d}</code>
                                        </details>
                                    })}
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </Show>
            <Reports/>
        </section>
    }
}

/// The progress bar of an import under way, with its cancel button. Built once per import;
/// each chunk then changes only the bar's value and the figures' text, so the browser's
/// turn between chunks restyles and lays out next to nothing.
#[component]
fn ImportProgress() -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let progress = job.progress;
    let fraction = move || {
        progress.with(|p| match p {
            Some((_, done, total, _)) if *total > 0.0 => done / total,
            _ => 1.0,
        })
    };
    let label = move || {
        progress.with(|p| {
            let name = p.as_ref().map_or("", |(name, ..)| name.as_str());
            format!("{} {name}", text::LOADING.get(lang.get()))
        })
    };
    let figures = move || {
        progress.with(|p| {
            let (done, total, rows) = p.as_ref().map_or((0.0, 0.0, 0), |p| (p.1, p.2, p.3));
            let l = lang.get();
            format!(
                "{} / {} MB · {} {}",
                format::decimal(done / 1e6, 1, l),
                format::decimal(total / 1e6, 1, l),
                format::int(rows, l),
                text::ROWS_READ.get(l),
            )
        })
    };
    view! {
        <Show when=move || progress.with(Option::is_some)>
            <div class="progress" role="status">
                <label>
                    {label}
                    <progress data-testid="import-progress" max="1" value=fraction></progress>
                </label>
                <span class="hint">{figures}</span>
                <button
                    type="button"
                    class="button subtle"
                    data-testid="import-cancel"
                    on:click=move |_| job.cancel.set(true)
                >
                    {move || text::CANCEL.get(lang.get())}
                </button>
            </div>
        </Show>
    }
}

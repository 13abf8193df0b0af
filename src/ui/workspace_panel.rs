//! The workspace panel: pick, create, rename and delete workspaces; save a dated review (asking
//! before one replaces another, with undo);
//! export and open a workspace file; storage usage and persistence; clear all data; the last
//! storage error.

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use super::format;
use super::state::{use_lang, use_settings};
use super::text::{self, Tr};
use super::workspace::{self, today, use_workspace, ReviewUndo};
use tierwise_core::i18n::Lang;

/// 1536 → "1.5 KB"; decimal units as the browsers report them.
pub fn bytes(v: f64, lang: Lang) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut v = v.max(0.0);
    let mut k = 0;
    while v >= 1000.0 && k + 1 < units.len() {
        v /= 1000.0;
        k += 1;
    }
    let places = if k == 0 || v >= 100.0 { 0 } else { 1 };
    format!("{} {}", format::decimal(v, places, lang), units[k])
}

/// The `YYYY-MM` a review of date `YYYY-MM-DD` is named after by default.
fn month_of(date: &str) -> String {
    date.chars().take(7).collect()
}

/// A date as the date input gives it, `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[component]
pub fn WorkspacePanel() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let name = RwSignal::new(String::new());
    // The field follows the workspace's name only when that name changes (a rename, another
    // workspace, the language of a default name), not at every change of the workspace: a
    // save finishing while the user types would put the old name back under their fingers.
    let stored = Memo::new(move |_| ws.with(|w| w.name.clone()));
    Effect::new(move |_| name.set(stored.with(|n| workspace::shown_name(n, lang.get()))));
    let label = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let settings = use_settings();
    // The review's date: the analysis date when one is set, else today, until the user picks
    // another (a month may be filled in later).
    let picked = RwSignal::new(None::<String>);
    let default_date = move || {
        settings
            .with(|s| s.as_of)
            .map_or_else(today, |d| d.format("%Y-%m-%d").to_string())
    };
    let date = move || picked.get().unwrap_or_else(default_date);
    // A save that would replace the review of its date waits for an answer: (label, date).
    let replacing = RwSignal::new(None::<(String, String)>);
    // The date of the last review saved here, for the status line.
    let last_saved = RwSignal::new(None::<String>);
    let save_btn = NodeRef::<leptos::html::Button>::new();
    let keep_btn = NodeRef::<leptos::html::Button>::new();
    let do_save = move |l: String, d: String| {
        workspace::save_review(l, d.clone());
        label.set(String::new());
        picked.set(None);
        last_saved.set(Some(d));
    };
    let on_save = move || {
        let d = date();
        let d = if parse_date(&d).is_some() {
            d
        } else {
            default_date()
        };
        let l = label.get_untracked();
        let l = if l.trim().is_empty() { month_of(&d) } else { l };
        if workspace::has_review_on(&d) {
            replacing.set(Some((l, d)));
        } else {
            do_save(l, d);
        }
    };
    let answer = move |replace: bool| {
        if let Some((l, d)) = replacing.get_untracked() {
            replacing.set(None);
            if replace {
                do_save(l, d);
            }
        }
        // Back to the Save button once it is enabled again (after this render).
        request_animation_frame(move || {
            if let Some(b) = save_btn.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    // The question takes the focus, on the answer that loses nothing.
    Effect::new(move |_| {
        if replacing.with(Option::is_some) {
            if let Some(b) = keep_btn.get() {
                let _ = b.focus();
            }
        }
    });
    let shown_date =
        move |d: &str, l| parse_date(d).map_or_else(|| d.to_string(), |d| format::date(d, l));

    let on_import = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            workspace::import_blob(f);
        }
        input.set_value("");
    };

    view! {
        <section class="panel workspace" aria-labelledby="workspace-title">
            <h2 id="workspace-title">{t(text::WORKSPACE_TITLE)}</h2>
            <div class="ws-row">
                <select
                    data-testid="workspace-select"
                    aria-label=move || text::WORKSPACE_TITLE.get(lang.get())
                    on:change=move |ev| workspace::switch(event_target_value(&ev))
                >
                    {move || {
                        ws.with(|w| {
                            let mut items: Vec<(String, String)> = w
                                .list
                                .iter()
                                .map(|m| (m.id.clone(), m.name.clone()))
                                .collect();
                            if !w.list.iter().any(|m| m.id == w.id) {
                                items.push((w.id.clone(), w.name.clone()));
                            }
                            let current = w.id.clone();
                            items
                                .into_iter()
                                .map(|(id, n)| {
                                    let selected = id == current;
                                    view! {
                                        <option value=id selected=selected>
                                            {workspace::shown_name(&n, lang.get())}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </select>
                <button class="button" data-testid="workspace-new" on:click=move |_| workspace::create()>
                    {t(text::WORKSPACE_NEW)}
                </button>
                <button
                    class="button"
                    data-testid="workspace-delete"
                    disabled=move || ws.with(|w| !w.persisted)
                    on:click=move |_| workspace::delete()
                >
                    {t(text::WORKSPACE_DELETE)}
                </button>
            </div>
            <div class="ws-row">
                <input
                    type="text"
                    data-testid="workspace-name"
                    aria-label=move || text::WORKSPACE_NAME.get(lang.get())
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button
                    class="button"
                    data-testid="workspace-rename"
                    on:click=move |_| workspace::rename(name.get_untracked())
                >
                    {t(text::WORKSPACE_RENAME)}
                </button>
            </div>
            <div class="ws-row review-date">
                <label>
                    {t(text::REVIEW_DATE)} " "
                    <input
                        type="date"
                        data-testid="review-date"
                        aria-describedby="review-date-hint"
                        prop:value=date
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            picked.set(parse_date(&v).map(|_| v));
                        }
                    />
                </label>
                <span class="hint" id="review-date-hint">{t(text::REVIEW_DATE_HINT)}</span>
            </div>
            <div class="ws-row">
                <input
                    type="text"
                    data-testid="review-label"
                    aria-label=move || text::REVIEW_LABEL.get(lang.get())
                    placeholder=move || month_of(&date())
                    prop:value=move || label.get()
                    on:input=move |ev| label.set(event_target_value(&ev))
                />
                <button
                    class="button primary"
                    data-testid="save-review"
                    node_ref=save_btn
                    disabled=move || !ws.with(|w| w.ready) || replacing.with(Option::is_some)
                    on:click=move |_| on_save()
                >
                    {t(text::SAVE_REVIEW)}
                </button>
            </div>
            <Show when=move || replacing.with(Option::is_some)>
                <div
                    class="confirm"
                    role="alertdialog"
                    aria-labelledby="review-replace-ask"
                    data-testid="review-replace-confirm"
                >
                    <p id="review-replace-ask">
                        {move || {
                            let l = lang.get();
                            replacing
                                .with(|r| {
                                    r.as_ref()
                                        .map(|(_, d)| {
                                            let old = ws
                                                .with(|w| {
                                                    w.reviews
                                                        .iter()
                                                        .find(|r| &r.date == d)
                                                        .map(|r| r.label.clone())
                                                })
                                                .unwrap_or_default();
                                            text::REVIEW_REPLACE_ASK
                                                .get(l)
                                                .replace("{date}", &shown_date(d, l))
                                                .replace("{label}", &old)
                                        })
                                })
                                .unwrap_or_default()
                        }}
                    </p>
                    <button
                        type="button"
                        class="button danger"
                        data-testid="review-replace-yes"
                        on:click=move |_| answer(true)
                    >
                        {t(text::REVIEW_REPLACE_YES)}
                    </button>
                    <button
                        type="button"
                        class="button"
                        data-testid="review-replace-no"
                        node_ref=keep_btn
                        on:click=move |_| answer(false)
                    >
                        {t(text::REVIEW_REPLACE_NO)}
                    </button>
                </div>
            </Show>
            <p class="hint" role="status" data-testid="review-status">
                {move || {
                    let l = lang.get();
                    let undo = ws.with(|w| w.review_undo.clone());
                    match (last_saved.get(), undo) {
                        (Some(d), Some(ReviewUndo::Replaced(r))) if r.date == d => {
                            text::REVIEW_REPLACED.get(l).replace("{date}", &shown_date(&d, l))
                        }
                        (Some(d), _) => text::REVIEW_SAVED.get(l).replace("{date}", &shown_date(&d, l)),
                        (None, _) => String::new(),
                    }
                }}
                <Show when=move || {
                    ws.with(|w| matches!(& w.review_undo, Some(ReviewUndo::Replaced(_))))
                }>
                    " "
                    <button
                        type="button"
                        class="button subtle"
                        data-testid="review-undo"
                        on:click=move |_| {
                            last_saved.set(None);
                            workspace::undo_review();
                        }
                    >
                        {t(text::UNDO)}
                    </button>
                </Show>
            </p>
            <div class="ws-row">
                <button class="button" data-testid="export-workspace" on:click=move |_| workspace::export()>
                    {t(text::EXPORT_WORKSPACE)}
                </button>
                <label class="button">
                    {t(text::IMPORT_WORKSPACE)}
                    <input
                        type="file"
                        accept=".tierwise,application/octet-stream"
                        class="visually-hidden"
                        data-testid="import-workspace"
                        on:change=on_import
                    />
                </label>
            </div>
            <p
                class="hint"
                data-testid="save-status"
                data-state=move || {
                    ws.with(|w| {
                        if w.saving > 0 || w.pending {
                            "saving"
                        } else if w.persisted {
                            "saved"
                        } else if w.available {
                            "unsaved"
                        } else {
                            "memory"
                        }
                    })
                }
            >
                {move || {
                    let l = lang.get();
                    ws.with(|w| {
                        if w.saving > 0 || w.pending {
                            text::SAVING.get(l).to_string()
                        } else if w.persisted {
                            text::SAVED_HERE.get(l).to_string()
                        } else if w.available {
                            text::NOT_SAVED_YET.get(l).to_string()
                        } else {
                            String::new()
                        }
                    })
                }}
            </p>
            <p class="hint" data-testid="storage-usage">
                {move || {
                    let l = lang.get();
                    ws.with(|w| match w.usage {
                        Some(u) => {
                            format!(
                                "{} {} {} {}",
                                text::STORAGE_USED.get(l),
                                bytes(u.usage, l),
                                text::STORAGE_OF.get(l),
                                bytes(u.quota, l),
                            )
                        }
                        None => String::new(),
                    })
                }}
            </p>
            <p class="hint" data-testid="storage-persistence">
                {move || {
                    let l = lang.get();
                    ws.with(|w| match w.persistent {
                        Some(true) => text::PERSISTENT.get(l),
                        Some(false) => text::NOT_PERSISTENT.get(l),
                        None => "",
                    })
                }}
            </p>
            <Show when=move || ws.with(|w| w.restore_ms.is_some())>
                <p class="hint" data-testid="restore-time">
                    {move || {
                        let l = lang.get();
                        let ms = ws.with(|w| w.restore_ms.unwrap_or(0.0));
                        format!("{} {} ms", text::RESTORED_IN.get(l), format::decimal(ms, 0, l))
                    }}
                </p>
            </Show>
            <Show when=move || ws.with(|w| w.error.is_some())>
                <div class="error" role="alert" data-testid="storage-error">
                    <p class="message">
                        {move || {
                            let l = lang.get();
                            ws.with(|w| w.error.as_ref().map(|e| e.message(l)).unwrap_or_default())
                        }}
                    </p>
                    <details class="detail" data-testid="storage-error-detail">
                        <summary>{move || text::DETAILS.get(lang.get())}</summary>
                        <code>{move || ws.with(|w| w.error.as_ref().map(|e| e.detail()).unwrap_or_default())}</code>
                    </details>
                    <Show when=move || ws.with(|w| w.refused)>
                        <button
                            class="button"
                            data-testid="storage-retry"
                            disabled=move || ws.with(|w| w.saving > 0)
                            on:click=move |_| crate::ui::workspace::retry_save()
                        >
                            {t(text::RETRY_SAVE)}
                        </button>
                    </Show>
                </div>
            </Show>
            <div class="ws-row">
                <button
                    class="button danger"
                    data-testid="clear-all-data"
                    on:click=move |_| confirming.set(true)
                >
                    {t(text::CLEAR_ALL)}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" data-testid="clear-all-dialog">
                    <p>{t(text::CLEAR_ALL_CONFIRM)}</p>
                    <button
                        class="button danger"
                        data-testid="clear-all-confirm"
                        on:click=move |_| {
                            confirming.set(false);
                            workspace::clear_all();
                        }
                    >
                        {t(text::CLEAR_ALL_YES)}
                    </button>
                    <button
                        class="button"
                        data-testid="clear-all-cancel"
                        on:click=move |_| confirming.set(false)
                    >
                        {t(text::CANCEL)}
                    </button>
                </div>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_in_decimal_units() {
        assert_eq!(bytes(0.0, Lang::En), "0 B");
        assert_eq!(bytes(999.0, Lang::En), "999 B");
        assert_eq!(bytes(1536.0, Lang::En), "1.5 KB");
        assert_eq!(bytes(2_500_000.0, Lang::Es), "2,5 MB");
        assert_eq!(bytes(300e9, Lang::En), "300 GB");
    }
}

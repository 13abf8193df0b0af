//! The explain drawer's note (5S "coordinate"): the note kept on the customer the drawer
//! shows, and "Add a note" / "Edit the note", which opens an editor in place for that
//! customer, so no id is typed. The note is the workspace's, as on the Monthly reviews page.

use leptos::html;
use leptos::prelude::*;
use tierwise_core::classify::five_s::CoordinationNote;

use crate::ui::state::use_lang;
use crate::ui::text::{self, Tr};
use crate::ui::workspace::{self, use_workspace};

#[component]
pub fn DrawerNote(id: String) -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let key = StoredValue::new(id);
    let note = Memo::new(move |_| {
        key.with_value(|id| ws.with(|w| w.notes.iter().find(|n| &n.customer_id == id).cloned()))
    });
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let problem = RwSignal::new(String::new());
    let help = RwSignal::new(String::new());
    let open_btn = NodeRef::<html::Button>::new();
    let first_field = NodeRef::<html::Input>::new();
    let open = move || {
        let n = note.get_untracked();
        problem.set(n.as_ref().map(|n| n.problem.clone()).unwrap_or_default());
        help.set(n.map(|n| n.help).unwrap_or_default());
        saved.set(false);
        editing.set(true);
    };
    // Set when the editor closes: the focus goes back to the button that opened it.
    let refocus = RwSignal::new(false);
    let close = move || {
        refocus.set(true);
        editing.set(false);
    };
    // The first field takes the focus when the editor opens, the button when it closes.
    Effect::new(move |_| {
        if editing.get() {
            if let Some(i) = first_field.get() {
                let _ = i.focus();
            }
        } else if refocus.get() {
            if let Some(b) = open_btn.get() {
                let _ = b.focus();
                refocus.set(false);
            }
        }
    });
    let save = move || {
        workspace::set_note(CoordinationNote {
            customer_id: key.get_value(),
            problem: problem.get_untracked().trim().to_string(),
            help: help.get_untracked().trim().to_string(),
        });
        saved.set(true);
        close();
    };
    view! {
        <section class="drawer-note" aria-labelledby="drawer-note-title" data-testid="drawer-note">
            <h3 id="drawer-note-title">{t(text::NOTE_TITLE)}</h3>
            {move || match note.get() {
                Some(n) => {
                    view! {
                        <dl data-testid="drawer-note-text">
                            <dt>{t(text::NOTE_PROBLEM)}</dt>
                            <dd>{n.problem}</dd>
                            <dt>{t(text::NOTE_HELP)}</dt>
                            <dd>{n.help}</dd>
                        </dl>
                    }
                        .into_any()
                }
                None => view! { <p class="hint">{t(text::NOTE_NONE)}</p> }.into_any(),
            }}
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="drawer-add-note"
                            node_ref=open_btn
                            on:click=move |_| open()
                        >
                            {move || {
                                let l = lang.get();
                                if note.with(Option::is_some) { text::NOTE_EDIT.get(l) } else { text::NOTE_ADD.get(l) }
                            }}
                        </button>
                        <Show when=move || saved.get()>
                            <p class="hint" role="status" data-testid="drawer-note-saved">
                                {t(text::NOTE_SAVED)}
                            </p>
                        </Show>
                    }
                }
            >
                // Escape cancels the edit here and does not close the drawer, which would drop
                // what was typed (events are not delegated in this build: the form's own listener runs
                // before the window's, and stops the event there).
                <form
                    class="note-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save();
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            ev.stop_propagation();
                            close();
                        }
                    }
                >
                    <label>
                        {t(text::NOTE_PROBLEM)}
                        <input
                            type="text"
                            data-testid="drawer-note-problem"
                            node_ref=first_field
                            prop:value=move || problem.get()
                            on:input=move |ev| problem.set(event_target_value(&ev))
                        />
                    </label>
                    <label>
                        {t(text::NOTE_HELP)}
                        <input
                            type="text"
                            data-testid="drawer-note-help"
                            prop:value=move || help.get()
                            on:input=move |ev| help.set(event_target_value(&ev))
                        />
                    </label>
                    <div class="ws-row">
                        <button type="submit" class="button primary" data-testid="drawer-note-save">
                            {t(text::NOTE_SAVE)}
                        </button>
                        <button
                            type="button"
                            class="button"
                            data-testid="drawer-note-cancel"
                            on:click=move |_| close()
                        >
                            {t(text::CANCEL)}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

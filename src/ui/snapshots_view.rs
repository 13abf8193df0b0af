//! Saved reviews compared (5S "maintain" and "excellence"): pick two reviews and a
//! classification; see the migration matrix, who moved up or down, who is new, who was lost,
//! and who rose to the top. Also the per-customer notes (5S "coordinate").

use leptos::prelude::*;
use tierwise_core::classify::five_s::CoordinationNote;
use tierwise_core::workspace::{compare, Comparison, Dimension, Moved};

use super::format;
use super::state::use_lang;
use super::text::{self, Tr};
use super::workspace::{self, use_workspace};

/// How many names a list shows before "… and N more".
const LIST_CAP: usize = 50;

#[component]
pub fn SnapshotsView() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let count = move || ws.with(|w| w.reviews.len());
    // Chosen reviews by index; `None` follows the newest two.
    let pick_a = RwSignal::new(None::<usize>);
    let pick_b = RwSignal::new(None::<usize>);
    let dim = RwSignal::new(Dimension::Abc);
    let a = move || {
        let n = count();
        pick_a
            .get()
            .filter(|&i| i < n)
            .unwrap_or(n.saturating_sub(2))
    };
    let b = move || {
        let n = count();
        pick_b
            .get()
            .filter(|&i| i < n)
            .unwrap_or(n.saturating_sub(1))
    };
    let comparison = Memo::new(move |_| {
        let (a, b, d) = (a(), b(), dim.get());
        ws.with(|w| {
            let (ra, rb) = (w.reviews.get(a)?, w.reviews.get(b)?);
            Some(compare(ra, rb, d))
        })
    });
    let options = move |selected: usize| {
        ws.with(|w| {
            w.reviews
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let label = if r.date.is_empty() {
                        r.label.clone()
                    } else {
                        format!("{} ({})", r.label, r.date)
                    };
                    view! {
                        <option value=i.to_string() selected=i == selected>
                            {label}
                        </option>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="panel reviews" aria-labelledby="reviews-title" data-testid="snapshots-view">
            <h2 id="reviews-title">{t(text::REVIEWS_TITLE)}</h2>
            <Show
                when=move || { count() > 0 }
                fallback=move || view! { <p class="hint" data-testid="no-reviews">{t(text::NO_REVIEWS)}</p> }
            >
                <div class="ws-row">
                    <label>
                        {t(text::COMPARE_FROM)} " "
                        <select
                            data-testid="snapshot-a"
                            on:change=move |ev| pick_a.set(event_target_value(&ev).parse().ok())
                        >
                            {move || options(a())}
                        </select>
                    </label>
                    <label>
                        {t(text::COMPARE_TO)} " "
                        <select
                            data-testid="snapshot-b"
                            on:change=move |ev| pick_b.set(event_target_value(&ev).parse().ok())
                        >
                            {move || options(b())}
                        </select>
                    </label>
                    <label>
                        {t(text::COMPARE_ON)} " "
                        <select
                            data-testid="compare-on"
                            on:change=move |ev| {
                                if let Some(d) = Dimension::from_key(&event_target_value(&ev)) {
                                    dim.set(d);
                                }
                            }
                        >
                            {Dimension::ALL
                                .into_iter()
                                .map(|d| {
                                    view! {
                                        <option value=d.key() selected=move || dim.get() == d>
                                            {move || Dimension::name(d).get(lang.get())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                </div>
                {move || comparison.get().map(|c| view! { <ComparisonView c=c/> })}
            </Show>
            <CustomerNotes/>
        </section>
    }
}

#[component]
fn ComparisonView(c: Comparison) -> impl IntoView {
    let lang = use_lang();
    let names = c.dimension.class_names();
    let k = names.len();
    let head = move |i: usize| {
        let l = lang.get();
        if i < k {
            names[i].get(l).to_string()
        } else {
            text::UNCLASSED.get(l).to_string()
        }
    };
    let head = std::sync::Arc::new(head);
    let h1 = head.clone();
    let rows = c.matrix.clone();
    let class_name = {
        let names = c.dimension.class_names();
        move |x: Option<usize>, l| match x {
            Some(i) => names[i].get(l).to_string(),
            None => text::UNCLASSED.get(l).to_string(),
        }
    };
    let list = move |testid: &'static str, title: Tr, items: Vec<Moved>, show_move: bool| {
        let class_name = class_name.clone();
        let n = items.len();
        view! {
            <div class="moves" data-testid=testid>
                <h3>
                    {move || title.get(lang.get())} " "
                    <span class="count" data-testid=format!("{testid}-count")>{n}</span>
                </h3>
                {if n == 0 {
                    view! { <p class="hint">{move || text::NOBODY.get(lang.get())}</p> }.into_any()
                } else {
                    let more = n.saturating_sub(LIST_CAP);
                    view! {
                        <ul>
                            {items
                                .into_iter()
                                .take(LIST_CAP)
                                .map(|m| {
                                    let class_name = class_name.clone();
                                    let who = if m.name.is_empty() || m.name == m.id {
                                        m.id.clone()
                                    } else {
                                        format!("{} · {}", m.id, m.name)
                                    };
                                    let (from, to) = (m.from, m.to);
                                    view! {
                                        <li data-id=m.id.clone()>
                                            {who}
                                            {show_move
                                                .then_some(move || {
                                                    let l = lang.get();
                                                    format!(" ({} → {})", class_name(from, l), class_name(to, l))
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                            {(more > 0).then(|| view! { <li class="hint">{format!("… +{more}")}</li> })}
                        </ul>
                    }
                        .into_any()
                }}
            </div>
        }
    };
    view! {
        <table class="classes matrix" data-testid="migration-matrix">
            <caption>{move || text::MIGRATION_MATRIX.get(lang.get())}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || text::FROM_TO.get(lang.get())}</th>
                    {(0..=k)
                        .map(|j| {
                            let h = h1.clone();
                            view! { <th scope="col" class="num">{move || h(j)}</th> }
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let h = head.clone();
                        view! {
                            <tr>
                                <th scope="row">{move || h(i)}</th>
                                {row
                                    .into_iter()
                                    .enumerate()
                                    .map(|(j, v)| {
                                        view! {
                                            <td class="num" class:diag=i == j data-testid=format!("matrix-{i}-{j}")>
                                                {move || format::int(v, lang.get())}
                                            </td>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <div class="moves-grid">
            {list("moved-up", text::MOVED_UP, c.moved_up, true)}
            {list("moved-down", text::MOVED_DOWN, c.moved_down, true)}
            {list("new-customers", text::NEW_CUSTOMERS, c.new, false)}
            {list("lost-customers", text::LOST_CUSTOMERS, c.lost, false)}
            {list("rose-to-top", text::ROSE_TO_TOP, c.rose_to_top, true)}
        </div>
    }
}

/// Per-customer notes (协调): the problem and the help given, one note per customer, saved
/// with the workspace and copied into each review saved afterwards. Given an `id` (e.g. from
/// a row of the customer table), it opens on that customer's note.
/// A labelled text field bound to `value`.
#[component]
fn NoteField(testid: &'static str, label: Tr, value: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <input
            type="text"
            data-testid=testid
            aria-label=move || label.get(lang.get())
            placeholder=move || label.get(lang.get())
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

#[component]
pub fn CustomerNotes(#[prop(optional, into)] id: Option<String>) -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let id = RwSignal::new(id.unwrap_or_default());
    let problem = RwSignal::new(String::new());
    let help = RwSignal::new(String::new());
    // Choosing a customer with a note fills the fields with it.
    Effect::new(move |_| {
        let key = id.get();
        let note = ws.with_untracked(|w| {
            w.notes
                .iter()
                .find(|n| n.customer_id == key.trim())
                .cloned()
        });
        if let Some(n) = note {
            problem.set(n.problem);
            help.set(n.help);
        }
    });
    view! {
        <div class="notes" data-testid="customer-notes">
            <h3>{t(text::NOTES_TITLE)}</h3>
            <div class="ws-row">
                <NoteField testid="note-customer" label=text::NOTE_CUSTOMER value=id />
                <NoteField testid="note-problem" label=text::NOTE_PROBLEM value=problem />
                <NoteField testid="note-help" label=text::NOTE_HELP value=help />
                <button
                    class="button"
                    data-testid="note-save"
                    disabled=move || id.with(|s| s.trim().is_empty())
                    on:click=move |_| {
                        workspace::set_note(CoordinationNote {
                            customer_id: id.get_untracked().trim().to_string(),
                            problem: problem.get_untracked(),
                            help: help.get_untracked(),
                        });
                    }
                >
                    {t(text::NOTE_SAVE)}
                </button>
            </div>
            <ul data-testid="note-list">
                {move || {
                    ws.with(|w| {
                        w.notes
                            .iter()
                            .map(|n| {
                                view! {
                                    <li data-id=n.customer_id.clone()>
                                        <strong>{n.customer_id.clone()}</strong>
                                        {format!(": {} — {}", n.problem, n.help)}
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                }}
            </ul>
        </div>
    }
}

//! Saved reviews compared (5S "maintain" and "excellence"): pick two reviews and a
//! classification; see the migration matrix, who moved up or down, who is new, who was lost,
//! and who rose to the top. Also the saved reviews in date order (delete, with undo) and the
//! per-customer notes (5S "coordinate").

use leptos::prelude::*;
use tierwise_core::classify::five_s::CoordinationNote;
use tierwise_core::workspace::{compare, Comparison, Dimension, Moved};

use super::format;
use super::state::use_lang;
use super::text::{self, Tr};
use super::workspace::{self, use_workspace, ReviewUndo};
use super::workspace_panel::parse_date;

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
                    let label = match parse_date(&r.date) {
                        Some(d) => format!("{} ({})", r.label, format::date(d, lang.get())),
                        None => r.label.clone(),
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
            <SavedReviews/>
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
    // Each kind of cell is shaded on its own scale: the stayed (diagonal) counts are usually
    // far larger than the moves, which would otherwise all look pale.
    let max_of = |kind: MoveKind| {
        rows.iter()
            .enumerate()
            .flat_map(|(i, r)| r.iter().enumerate().map(move |(j, &v)| (i, j, v)))
            .filter(|&(i, j, _)| {
                (MoveKind::of(i, j) == MoveKind::Stayed) == (kind == MoveKind::Stayed)
            })
            .map(|(_, _, v)| v)
            .max()
            .unwrap_or(0)
    };
    let (max_stayed, max_moved) = (max_of(MoveKind::Stayed), max_of(MoveKind::Up));
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
        // Scrolls sideways on its own when a phone is too narrow for it (focusable, so the
        // keyboard can scroll it too).
        <div
            class="matrix-wrap"
            role="region"
            tabindex="0"
            aria-label=move || text::MIGRATION_MATRIX.get(lang.get())
        >
        <table class="classes matrix" data-testid="migration-matrix" aria-describedby="matrix-legend">
            <caption>
                {move || text::MIGRATION_MATRIX.get(lang.get())}
                <span class="hint">" "{move || text::MATRIX_CAPTION.get(lang.get())}</span>
            </caption>
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
                                        let kind = MoveKind::of(i, j);
                                        let max = if kind == MoveKind::Stayed { max_stayed } else { max_moved };
                                        let (fill, ink) = shade(v, max, kind);
                                        view! {
                                            <td
                                                class="num"
                                                class:diag=i == j
                                                data-testid="migration-cell"
                                                data-row=i.to_string()
                                                data-col=j.to_string()
                                                data-count=v.to_string()
                                                data-kind=kind.key()
                                                style:background-color=fill
                                                style:color=ink
                                            >
                                                <span data-testid=format!("matrix-{i}-{j}")>
                                                    {move || format::int(v, lang.get())}
                                                </span>
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
        </div>
        <p class="matrix-legend hint" id="matrix-legend">
            {move || text::MATRIX_LEGEND.get(lang.get())}
            {[(MoveKind::Up, text::MOVED_UP), (MoveKind::Stayed, text::MATRIX_STAYED), (MoveKind::Down, text::MOVED_DOWN)]
                .into_iter()
                .map(|(kind, name)| {
                    view! {
                        " "
                        <span class="legend-item">
                            <span class="swatch" aria-hidden="true" style:background-color=shade(1, 1, kind).0></span>
                            {move || name.get(lang.get())}
                        </span>
                    }
                })
                .collect_view()}
        </p>
        <div class="moves-grid">
            {list("moved-up", text::MOVED_UP, c.moved_up, true)}
            {list("moved-down", text::MOVED_DOWN, c.moved_down, true)}
            {list("new-customers", text::NEW_CUSTOMERS, c.new, false)}
            {list("lost-customers", text::LOST_CUSTOMERS, c.lost, false)}
            {list("rose-to-top", text::ROSE_TO_TOP, c.rose_to_top, true)}
        </div>
    }
}

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

/// Per-customer notes (协调): the problem and the help given, one note per customer, saved
/// with the workspace and copied into each review saved afterwards. Given an `id`, it opens on
/// that customer's note. (The explain drawer has its own editor for the customer it shows:
/// `customers::note`.)
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

/// The saved reviews in date order, each with a Delete button; a deletion can be undone.
#[component]
fn SavedReviews() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let shown_date =
        move |d: &str, l| parse_date(d).map_or_else(|| d.to_string(), |d| format::date(d, l));
    view! {
        <Show when=move || ws.with(|w| !w.reviews.is_empty() || matches!(w.review_undo, Some(ReviewUndo::Deleted(_))))>
            <div class="saved-reviews">
                <h3>{t(text::SAVED_REVIEWS)}</h3>
                <ol data-testid="review-list">
                    {move || {
                        let l = lang.get();
                        ws.with(|w| {
                            w.reviews
                                .iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    let date = shown_date(&r.date, l);
                                    let n = r.entries.len();
                                    view! {
                                        <li data-date=r.date.clone()>
                                            <strong>{date.clone()}</strong>
                                            {format!(" · {} · {} {}", r.label, format::int(n, l), text::CUSTOMERS_WORD.get(n as f64, l))}
                                            " "
                                            <button
                                                type="button"
                                                class="button subtle"
                                                data-testid="review-delete"
                                                aria-label=text::REVIEW_DELETE_LABEL.get(l).replace("{date}", &date)
                                                on:click=move |_| workspace::delete_review(i)
                                            >
                                                {text::REVIEW_DELETE.get(l)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </ol>
                <p class="hint" role="status">
                    {move || {
                        let l = lang.get();
                        ws.with(|w| match &w.review_undo {
                            Some(ReviewUndo::Deleted(r)) => {
                                Some(text::REVIEW_DELETED.get(l).replace("{date}", &shown_date(&r.date, l)))
                            }
                            _ => None,
                        })
                    }}
                    <Show when=move || ws.with(|w| matches!(w.review_undo, Some(ReviewUndo::Deleted(_))))>
                        " "
                        <button
                            type="button"
                            class="button subtle"
                            data-testid="review-delete-undo"
                            on:click=move |_| workspace::undo_review()
                        >
                            {t(text::UNDO)}
                        </button>
                    </Show>
                </p>
            </div>
        </Show>
    }
}

/// A migration-matrix cell: a move up (to a better class), down, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveKind {
    Up,
    Stayed,
    Down,
}

impl MoveKind {
    /// The kind of the cell in row `from`, column `to` (classes best first, unclassed last).
    pub fn of(from: usize, to: usize) -> MoveKind {
        match to.cmp(&from) {
            std::cmp::Ordering::Less => MoveKind::Up,
            std::cmp::Ordering::Equal => MoveKind::Stayed,
            std::cmp::Ordering::Greater => MoveKind::Down,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            MoveKind::Up => "up",
            MoveKind::Stayed => "stayed",
            MoveKind::Down => "down",
        }
    }

    /// Okabe–Ito colours, as the charts use: bluish green, blue, vermillion.
    fn rgb(self) -> [u8; 3] {
        match self {
            MoveKind::Up => [0x00, 0x9e, 0x73],
            MoveKind::Stayed => [0x00, 0x72, 0xb2],
            MoveKind::Down => [0xd5, 0x5e, 0x00],
        }
    }
}

/// WCAG relative luminance of an sRGB colour.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio of two luminances.
fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The fill of a matrix cell holding `count` when the largest of its kind holds `max`, and the
/// text colour on it, as CSS colours. No customer: no fill. Otherwise from a light tint of the
/// kind's colour (15%) to the full colour, in proportion; the text is black or white,
/// whichever contrasts more (at least 4.5:1 on any fill).
pub fn shade(count: usize, max: usize, kind: MoveKind) -> (String, &'static str) {
    if count == 0 || max == 0 {
        return ("transparent".to_string(), "inherit");
    }
    let t = 0.15 + 0.85 * (count.min(max) as f64 / max as f64);
    let rgb = kind
        .rgb()
        .map(|c| (255.0 + (c as f64 - 255.0) * t).round() as u8);
    let l = luminance(rgb);
    let ink = if contrast(l, 0.0) >= contrast(l, 1.0) {
        "#000000"
    } else {
        "#ffffff"
    };
    (format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]), ink)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: &str) -> [u8; 3] {
        let v = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).unwrap();
        [v(1), v(3), v(5)]
    }

    #[test]
    fn cells_are_shaded_by_count_with_readable_text() {
        assert_eq!(
            shade(0, 5, MoveKind::Up),
            ("transparent".to_string(), "inherit")
        );
        assert_eq!(shade(5, 5, MoveKind::Stayed).0, "#0072b2");
        assert_eq!(shade(5, 5, MoveKind::Stayed).1, "#ffffff");
        assert_eq!(shade(5, 5, MoveKind::Up).1, "#000000");
        assert_eq!(MoveKind::of(2, 0), MoveKind::Up);
        assert_eq!(MoveKind::of(0, 3), MoveKind::Down);
        for kind in [MoveKind::Up, MoveKind::Stayed, MoveKind::Down] {
            let mut last = f64::INFINITY;
            for n in 1..=20 {
                let (fill, ink) = shade(n, 20, kind);
                let l = luminance(rgb(&fill));
                assert!(l < last, "darker with more customers");
                last = l;
                let c = contrast(l, luminance(rgb(ink)));
                assert!(c >= 4.5, "{fill} with {ink}: {c}");
            }
        }
    }
}

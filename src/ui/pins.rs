//! Pinned exceptions (`tierwise_core::settings::pins`): a customer kept on purpose against a
//! method's rule, with a reason. [`PinEditor`] is the explain drawer's section (the customer's
//! pins, and the form that makes or changes one), [`PinList`] the list on the value-classes
//! and 5S pages, [`PinButton`] the table row's button that opens the form, and [`Marker`]
//! what a class cell of the customer table shows. Every change is one settings step, so Undo
//! takes it back, and it is saved with the workspace's settings.

use chrono::NaiveDate;
use leptos::html;
use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};
use tierwise_core::i18n::Lang;
use tierwise_core::settings::pins::MAX_REASON_CHARS;
use tierwise_core::settings::{Pin, PinKind};

use crate::ui::format;
use crate::ui::nav::show_customer;
use crate::ui::state::{
    can_undo, undo_settings, update_settings, use_lang, use_settings, use_workbench, Workbench,
};
use crate::ui::text::{self, Tr};

const SECTION: Tr = Tr::new("Strategic exception", "战略例外", "Excepción estratégica");
const NOT_PINNED: Tr = Tr::new(
    "Not pinned. Pin a customer to keep it against a rule: a below-zero customer that draws traffic or sells related products, or a customer at the bottom of its 5S class you will not give up.",
    "未设为例外。设为例外的客户不受规则约束而保留：例如能带来客流或带动相关产品的负值客户，或虽在 5S 类别末位但不打算放弃的客户。",
    "Sin fijar. Fije un cliente para conservarlo frente a una regla: un cliente bajo cero que atrae clientela o vende productos relacionados, o uno del final de su clase 5S al que no quiere renunciar.",
);
const PIN_OPEN: Tr = Tr::new("Pin as an exception…", "设为例外…", "Fijar como excepción…");
const PIN_FOR: Tr = Tr::new(
    "Pin as an exception:",
    "设为例外：",
    "Fijar como excepción:",
);
const EDIT_FOR: Tr = Tr::new("Pinned; change:", "已设为例外，修改：", "Fijado; cambiar:");
const KIND: Tr = Tr::new("Exception", "例外类型", "Tipo de excepción");
const REASON: Tr = Tr::new("Reason", "原因", "Motivo");
const REASON_HINT: Tr = Tr::new(
    "e.g. draws traffic to the store",
    "例如：能为门店带来客流",
    "p. ej., atrae clientela a la tienda",
);
const REASON_NEEDED: Tr = Tr::new(
    "Say why, so that the exception still makes sense next month.",
    "请写明原因，下个月回顾时仍能理解这个例外。",
    "Indique el motivo, para que la excepción se entienda también el mes que viene.",
);
const SAVE: Tr = Tr::new("Save pin", "保存例外", "Guardar");
const REMOVE: Tr = Tr::new("Unpin", "取消例外", "Quitar");
const NO_REASON: Tr = Tr::new("no reason given", "未注明原因", "sin motivo indicado");
const PINNED_ON: Tr = Tr::new("pinned on", "设定于", "fijado el");
const SAVED: Tr = Tr::new(
    "Pinned. It is saved with the workspace.",
    "已设为例外，并随工作区保存。",
    "Fijado. Se guarda con el espacio de trabajo.",
);
const REMOVED: Tr = Tr::new("Unpinned.", "已取消例外。", "Fijación quitada.");
const LIST_TITLE: Tr = Tr::new("Pinned exceptions", "设为例外的客户", "Excepciones fijadas");
const LIST_HINT: Tr = Tr::new(
    "Customers kept on purpose against this rule, with the reason. To pin one, use the pin button on its row of the Customers page, or “Pin as an exception…” in its explanation.",
    "因特殊原因不按此规则处理的客户及其原因。要设定例外，请在“客户”页面点击该客户行上的图钉按钮，或在其解释面板中选择“设为例外…”。",
    "Clientes conservados a propósito frente a esta regla, con el motivo. Para fijar uno, use el botón de chincheta de su fila en la página Clientes, o «Fijar como excepción…» en su explicación.",
);
const LIST_EMPTY: Tr = Tr::new(
    "No customer is pinned yet.",
    "还没有设为例外的客户。",
    "Todavía no hay clientes fijados.",
);
const COL_CUSTOMER: Tr = Tr::new("Customer", "客户", "Cliente");
const COL_NOW: Tr = Tr::new("Class now", "当前类别", "Clase actual");
const COL_DATE: Tr = Tr::new("Pinned on", "设定日期", "Fijado el");
const NOT_IN_DATA: Tr = Tr::new("not in the data", "不在当前数据中", "no está en los datos");
const IN_EFFECT: Tr = Tr::new(
    "kept by this pin",
    "因例外而保留",
    "conservado por la fijación",
);
const NO_EFFECT: Tr = Tr::new(
    "the rule does not touch it now",
    "目前规则未影响该客户",
    "la regla no le afecta ahora",
);
const MARKER: Tr = Tr::new("Pinned", "例外", "Fijado");
const SHOW: Tr = Tr::new(
    "Show in the customer table",
    "在客户表中查看",
    "Ver en la tabla de clientes",
);

/// Today in the browser's time zone.
fn today() -> Option<NaiveDate> {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// A pushpin, drawn (an emoji depends on the fonts installed).
pub fn pin_icon() -> impl IntoView {
    view! {
        <svg class="pin-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                d="M10.2 1 15 5.8l-1.3 1.3-.8-.6-2.6 2.6.3 3.3-1.3 1.3-2.9-2.9-3.6 3.6H1.5v-1.3l3.6-3.6-2.9-2.9 1.3-1.3 3.3.3 2.6-2.6-.5-.8z"
            />
        </svg>
    }
}

/// The line a pin reads as: its reason, or "no reason given".
fn reason_text(p: &Pin, l: Lang) -> String {
    if p.reason.is_empty() {
        NO_REASON.get(l).to_string()
    } else {
        p.reason.clone()
    }
}

/// Is customer `i` kept by its pin of `kind` now (a below-zero customer kept, a 5S customer
/// of the bottom of its class not released)?
fn in_effect(w: &Workbench, kind: PinKind, i: usize) -> bool {
    let r = w.results();
    match kind {
        PinKind::KeepBzc => r.value.as_ref().is_ok_and(|v| {
            v.class.get(i).copied().flatten()
                == Some(tierwise_core::classify::value::ValueClass::KeptBzc)
        }),
        PinKind::KeepFiveS => r.five_s.pinned.get(i).copied().unwrap_or(false),
    }
}

/// The kind the form offers first for customer `i`: the rule that acts on it now.
fn likely_kind(w: &Workbench, i: usize, taken: &[PinKind]) -> PinKind {
    let r = w.results();
    let bzc = r.value.as_ref().is_ok_and(|v| {
        v.class.get(i).copied().flatten() == Some(tierwise_core::classify::value::ValueClass::Bzc)
    });
    let released = r.five_s.released.get(i).copied().unwrap_or(false);
    if bzc {
        PinKind::KeepBzc
    } else if released {
        PinKind::KeepFiveS
    } else {
        PinKind::ALL
            .into_iter()
            .find(|k| !taken.contains(k))
            .unwrap_or(PinKind::KeepBzc)
    }
}

/// The explain drawer's section for customer `index`: its pins (each with Unpin), and the
/// form that pins it (`form_open`; the table's row button opens it too).
#[component]
pub fn PinEditor(index: u32, form_open: RwSignal<bool>) -> impl IntoView {
    let wb = use_workbench();
    let settings = use_settings();
    let lang = use_lang();
    let i = index as usize;
    let id = wb.with_untracked(|w| {
        w.dataset()
            .customers
            .get(i)
            .map(|c| c.id.clone())
            .unwrap_or_default()
    });
    let pins = {
        let id = id.clone();
        Memo::new(move |_| {
            settings.with(|s| {
                PinKind::ALL
                    .into_iter()
                    .filter_map(|k| s.exception(k, &id))
                    .collect::<Vec<Pin>>()
            })
        })
    };
    let kind = RwSignal::new(PinKind::KeepBzc);
    let reason = RwSignal::new(String::new());
    let status: RwSignal<Option<Tr>> = RwSignal::new(None);
    let open_btn = NodeRef::<html::Button>::new();
    let reason_input = NodeRef::<html::Input>::new();
    let t = move |tr: Tr| move || tr.get(lang.get());

    // The reason of the chosen kind's pin, when there is one, is the form's text; choosing a
    // kind not pinned yet keeps what the user typed (but not another pin's reason).
    let existing = move |k: PinKind| {
        pins.with_untracked(|ps| ps.iter().find(|p| p.kind == k).map(|p| p.reason.clone()))
    };
    let fill = move |k: PinKind| match existing(k) {
        Some(r) => reason.set(r),
        None => {
            let other = PinKind::ALL
                .into_iter()
                .filter(|&o| o != k)
                .filter_map(existing)
                .any(|r| reason.with_untracked(|t| *t == r));
            if other {
                reason.set(String::new());
            }
        }
    };
    // Opening the form: the likely kind, its reason, and focus in the reason field.
    Effect::new(move |_| {
        if form_open.get() {
            let taken: Vec<PinKind> = pins.with_untracked(|ps| ps.iter().map(|p| p.kind).collect());
            let k = wb.with_untracked(|w| likely_kind(w, i, &taken));
            kind.set(k);
            reason.set(existing(k).unwrap_or_default());
            status.set(None);
        }
    });
    Effect::new(move |_| {
        if form_open.get() {
            if let Some(el) = reason_input.get() {
                let _ = el.focus();
            }
        }
    });
    let focus_open = move || {
        if let Some(b) = open_btn.get_untracked() {
            let _ = b.focus();
        }
    };
    let save = {
        let id = id.clone();
        move || {
            let why = reason.get_untracked();
            if why.trim().is_empty() {
                return;
            }
            let pin = Pin::new(kind.get_untracked(), &id, &why, today());
            update_settings(move |s| s.pin(pin));
            form_open.set(false);
            status.set(Some(SAVED));
            focus_open();
        }
    };
    let remove = {
        let id = id.clone();
        move |k: PinKind| {
            let id = id.clone();
            update_settings(move |s| {
                s.unpin(k, &id);
            });
            status.set(Some(REMOVED));
            focus_open();
        }
    };
    let undo_enabled = can_undo();
    let blank = move || reason.with(|r| r.trim().is_empty());
    let form_id = format!("pin-form-{index}");
    let form_ref = form_id.clone();

    view! {
        <section class="explain-pins" aria-labelledby="explain-pins-title" data-testid="explain-pins">
            <h3 id="explain-pins-title">{t(SECTION)}</h3>
            {move || {
                let l = lang.get();
                let ps = pins.get();
                if ps.is_empty() {
                    view! { <p class="hint">{NOT_PINNED.get(l)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="pins-current">
                            {ps
                                .into_iter()
                                .map(|p| {
                                    let k = p.kind;
                                    let remove = remove.clone();
                                    view! {
                                        <li data-testid="pin-current" data-kind=k.key()>
                                            {pin_icon()}
                                            " "
                                            <strong>{k.name().get(l)}</strong>
                                            ": "
                                            <span class="pin-reason">{reason_text(&p, l)}</span>
                                            {p.date.map(|d| format!(" ({} {})", PINNED_ON.get(l), format::date(d, l)))}
                                            " "
                                            <button
                                                type="button"
                                                class="button subtle"
                                                data-testid="pin-remove"
                                                data-kind=k.key()
                                                aria-label=format!("{} — {}", REMOVE.get(l), k.name().get(l))
                                                on:click=move |_| remove(k)
                                            >
                                                {REMOVE.get(l)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <button
                type="button"
                class="button"
                data-testid="pin-open"
                node_ref=open_btn
                aria-expanded=move || if form_open.get() { "true" } else { "false" }
                aria-controls=form_ref
                on:click=move |_| form_open.update(|o| *o = !*o)
            >
                {pin_icon()}
                " "
                {t(PIN_OPEN)}
            </button>
            <Show when=move || form_open.get()>
                <form
                    class="pin-form"
                    id=form_id.clone()
                    on:submit={
                        let save = save.clone();
                        move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            save();
                        }
                    }
                >
                    <label for="pin-kind">{t(KIND)}</label>
                    <select
                        id="pin-kind"
                        data-testid="pin-kind"
                        on:change=move |ev| {
                            let k = PinKind::from_key(&event_target_value(&ev)).unwrap_or(PinKind::KeepBzc);
                            kind.set(k);
                            fill(k);
                        }
                    >
                        {PinKind::ALL
                            .into_iter()
                            .map(|k| {
                                view! {
                                    <option value=k.key() selected=move || kind.get() == k>
                                        {move || k.name().get(lang.get())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <label for="pin-reason">{t(REASON)}</label>
                    <input
                        id="pin-reason"
                        type="text"
                        data-testid="pin-reason"
                        node_ref=reason_input
                        maxlength=MAX_REASON_CHARS.to_string()
                        autocomplete="off"
                        aria-describedby="pin-reason-hint"
                        placeholder=move || REASON_HINT.get(lang.get())
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    />
                    <p class="hint" id="pin-reason-hint">{t(REASON_NEEDED)}</p>
                    <div class="actions">
                        <button type="submit" class="button" data-testid="pin-save" disabled=blank>
                            {t(SAVE)}
                        </button>
                        <button
                            type="button"
                            class="button subtle"
                            data-testid="pin-cancel"
                            on:click=move |_| {
                                form_open.set(false);
                                focus_open();
                            }
                        >
                            {t(text::CANCEL)}
                        </button>
                    </div>
                </form>
            </Show>
            <p class="pin-status" role="status" data-testid="pin-status">
                {move || status.get().map(|s| s.get(lang.get()))}
                <Show when=move || status.get().is_some() && undo_enabled.get()>
                    " "
                    <button
                        type="button"
                        class="link"
                        data-testid="pin-undo"
                        on:click=move |_| {
                            undo_settings();
                            status.set(None);
                        }
                    >
                        {t(text::UNDO)}
                    </button>
                </Show>
            </p>
        </section>
    }
}

/// The table row's button: opens the explain drawer of customer `index` with the pin form.
#[component]
pub fn PinButton(
    index: u32,
    id: String,
    name: String,
    open: RwSignal<Option<u32>>,
    form_open: RwSignal<bool>,
) -> impl IntoView {
    let settings = use_settings();
    let l = use_lang().get_untracked();
    let pinned = {
        let id = id.clone();
        move || settings.with(|s| PinKind::ALL.into_iter().any(|k| s.is_pinned(k, &id)))
    };
    let label = {
        let pinned = pinned.clone();
        move || {
            let lead = if pinned() { EDIT_FOR } else { PIN_FOR };
            format!("{} {name} ({id})", lead.get(l))
        }
    };
    view! {
        <button
            type="button"
            class="pin-button"
            class:pinned=pinned
            data-testid="pin-open"
            aria-label=label.clone()
            title=label
            on:click=move |ev| {
                ev.stop_propagation();
                form_open.set(true);
                open.set(Some(index));
            }
            // Enter and Space act on the button, not on the row around it.
            on:keydown=move |ev| ev.stop_propagation()
        >
            {pin_icon()}
        </button>
    }
}

/// Customer `id`'s pin of `kind` as a class cell shows it: the icon, and "Pinned: reason"
/// for screen readers and as a tooltip. Nothing when not pinned so.
#[component]
pub fn Marker(kind: PinKind, id: String) -> impl IntoView {
    let settings = use_settings();
    let l = use_lang().get_untracked();
    move || {
        settings
            .with(|s| s.exception(kind, &id))
            .map(|p| {
                let why = format!("{}: {}", MARKER.get(l), reason_text(&p, l));
                view! {
                    <span class="pin-marker" data-testid="pin-marker" data-kind=kind.key() title=why.clone()>
                        " "
                        {pin_icon()}
                        <span class="visually-hidden">{format!(" ({why})")}</span>
                    </span>
                }
            })
    }
}

/// The pins of `kind`: customer (a link to it in the customer table), its class now and
/// whether the pin keeps it there, reason, date, and Unpin.
#[component]
pub fn PinList(kind: PinKind) -> impl IntoView {
    let wb = use_workbench();
    let settings = use_settings();
    let lang = use_lang();
    let method = if kind == PinKind::KeepBzc {
        Method::Value
    } else {
        Method::FiveS
    };
    let classes = lookup::classes(method);
    let rows = Memo::new(move |_| {
        let pins: Vec<Pin> = settings.with(|s| {
            s.exceptions()
                .into_iter()
                .filter(|p| p.kind == kind)
                .collect()
        });
        wb.with(|w| {
            let p = w.engine.prepared();
            pins.into_iter()
                .map(|pin| {
                    let at = p.index.index_of(&p.ds, &pin.id).map(|i| i as usize);
                    let name = at.map(|i| p.ds.customers[i].name.clone());
                    let class = at.and_then(|i| lookup::class_of(w.results(), method, i));
                    let effect = at.is_some_and(|i| in_effect(w, kind, i));
                    (pin, name, class, effect)
                })
                .collect::<Vec<_>>()
        })
    });
    let title_id = format!("pins-{}-title", kind.key());
    let labelled = title_id.clone();
    let t = move |tr: Tr| move || tr.get(lang.get());
    view! {
        <section class="pins" aria-labelledby=labelled data-testid="pins-list" data-kind=kind.key()>
            <h3 id=title_id>{t(LIST_TITLE)}</h3>
            <p class="hint">{t(LIST_HINT)}</p>
            {move || {
                let l = lang.get();
                let rs = rows.get();
                if rs.is_empty() {
                    return view! { <p class="empty" data-testid="pins-empty">{LIST_EMPTY.get(l)}</p> }.into_any();
                }
                let classes = classes.clone();
                view! {
                    <table class="classes pin-table" tabindex="0">
                        <caption class="visually-hidden">{LIST_TITLE.get(l)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{COL_CUSTOMER.get(l)}</th>
                                <th scope="col">{COL_NOW.get(l)}</th>
                                <th scope="col">{REASON.get(l)}</th>
                                <th scope="col">{COL_DATE.get(l)}</th>
                                <th scope="col"><span class="visually-hidden">{REMOVE.get(l)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {rs
                                .into_iter()
                                .map(|(pin, name, class, effect)| {
                                    let id = pin.id.clone();
                                    let show_id = id.clone();
                                    let remove_id = id.clone();
                                    let label = match &name {
                                        Some(n) => format!("{n} ({id})"),
                                        None => id.clone(),
                                    };
                                    let now = match (&name, class.and_then(|k| classes.get(usize::from(k)))) {
                                        (None, _) => NOT_IN_DATA.get(l).to_string(),
                                        (Some(_), c) => {
                                            let c = c.map_or("—", |c| c.name.get(l));
                                            let e = if effect { IN_EFFECT } else { NO_EFFECT };
                                            format!("{c} · {}", e.get(l))
                                        }
                                    };
                                    view! {
                                        <tr data-testid="pin-row" data-id=id.clone() data-effect=if effect { "yes" } else { "no" }>
                                            <th scope="row">
                                                {if name.is_some() {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="link"
                                                            title=SHOW.get(l)
                                                            on:click=move |_| show_customer(&show_id)
                                                        >
                                                            {label}
                                                        </button>
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! { <span>{label}</span> }.into_any()
                                                }}
                                            </th>
                                            <td>{now}</td>
                                            <td class="pin-reason">{reason_text(&pin, l)}</td>
                                            <td>{pin.date.map_or("—".to_string(), |d| format::date(d, l))}</td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="button subtle"
                                                    data-testid="pin-remove"
                                                    data-id=id.clone()
                                                    aria-label=format!("{}: {id}", REMOVE.get(l))
                                                    on:click=move |_| {
                                                        let id = remove_id.clone();
                                                        update_settings(move |s| {
                                                            s.unpin(kind, &id);
                                                        });
                                                    }
                                                >
                                                    {REMOVE.get(l)}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

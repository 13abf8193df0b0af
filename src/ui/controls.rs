//! Sliders bound to the settings: labelled, showing their value, stepping with the keyboard
//! (native range inputs), live while dragged, one undo step per drag.

use leptos::prelude::*;
use tierwise_core::Settings;

use super::state::{
    can_redo, can_undo, commit_settings, preview_settings, redo_settings, undo_settings,
    update_settings, use_lang, use_settings,
};
use super::text::{self, Tr};

/// A percentage slider over one settings field (a [`NumSlider`] in percent).
#[component]
pub fn PercentSlider(
    /// `data-testid` and element id.
    testid: &'static str,
    label: Tr,
    get: fn(&Settings) -> f64,
    set: fn(&mut Settings, f64),
    #[prop(default = 0.0)] min: f64,
    #[prop(default = 100.0)] max: f64,
    #[prop(default = 1.0)] step: f64,
    /// Apply the value only once the slider rests (see [`NumSlider`]).
    #[prop(optional)]
    settle: bool,
) -> impl IntoView {
    view! { <NumSlider testid label get set min max step unit=Unit::Percent settle/> }
}

/// How long a `settle` slider must rest before its value is applied.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// Undo and reset for the settings.
#[component]
pub fn SettingsActions() -> impl IntoView {
    let lang = use_lang();
    let undo_enabled = can_undo();
    let redo_enabled = can_redo();
    view! {
        <div class="actions">
            <button
                type="button"
                class="button subtle"
                data-testid="undo"
                title=move || text::UNDO_KEYS.get(lang.get())
                aria-keyshortcuts="Control+Z"
                disabled=move || !undo_enabled.get()
                on:click=move |_| undo_settings()
            >
                {move || text::UNDO.get(lang.get())}
            </button>
            <button
                type="button"
                class="button subtle"
                data-testid="redo"
                title=move || text::REDO_KEYS.get(lang.get())
                aria-keyshortcuts="Control+Shift+Z Control+Y"
                disabled=move || !redo_enabled.get()
                on:click=move |_| redo_settings()
            >
                {move || text::REDO.get(lang.get())}
            </button>
            <button
                type="button"
                class="button subtle"
                data-testid="reset-settings"
                on:click=move |_| update_settings(|s| *s = s.defaults_keeping_pins())
            >
                {move || text::RESET_DEFAULTS.get(lang.get())}
            </button>
        </div>
    }
}

/// What a slider's number means, for how its value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Points,
    Days,
    Months,
    Money,
    Count,
}

impl Unit {
    pub fn show(self, v: f64, lang: tierwise_core::i18n::Lang) -> String {
        use super::format;
        match self {
            Unit::Percent => format::percent(v, if v.fract() == 0.0 { 0 } else { 1 }, lang),
            Unit::Points => format::decimal(v, if v.fract() == 0.0 { 0 } else { 1 }, lang),
            Unit::Days => format!(
                "{} {}",
                format::decimal(v, 0, lang),
                text::DAYS.get(v, lang)
            ),
            Unit::Months => format!(
                "{} {}",
                format::decimal(v, 0, lang),
                text::MONTHS.get(v, lang)
            ),
            Unit::Money => format::money(v, lang),
            Unit::Count => format::decimal(v, 0, lang),
        }
    }
}

/// A slider over any number in the settings, its value shown in `unit`.
#[component]
pub fn NumSlider(
    testid: &'static str,
    label: Tr,
    get: fn(&Settings) -> f64,
    set: fn(&mut Settings, f64),
    min: f64,
    max: f64,
    #[prop(default = 1.0)] step: f64,
    #[prop(default = Unit::Percent)] unit: Unit,
    /// Apply the value only once the slider rests (300 ms without a move, or released), for a
    /// setting whose every value costs a model fit (the backtest's split date): the slider and
    /// its value follow the hand at once, the figures when it stops.
    #[prop(optional)]
    settle: bool,
) -> impl IntoView {
    let settings = use_settings();
    let lang = use_lang();
    let applied = Memo::new(move |_| settings.with(get));
    // The value under the hand, ahead of the settings while a settle slider moves.
    let draft = RwSignal::new(None::<f64>);
    let value = move || draft.get().unwrap_or_else(|| applied.get());
    let shown = move || unit.show(value(), lang.get());
    let generation = StoredValue::new(0u64);
    // The timer runs outside the component: the settings and history are found through the
    // component's owner.
    let owner = StoredValue::new_local(Owner::current());
    let apply_draft = move || {
        if let Some(v) = draft.get_untracked() {
            let apply = move || {
                preview_settings(testid, |s| set(s, v));
                commit_settings(testid);
            };
            match owner.get_value() {
                Some(o) => o.with(apply),
                None => apply(),
            }
            draft.set(None);
        }
    };
    view! {
        <div class="slider">
            <label for=testid>
                <span class="label">{move || label.get(lang.get())}</span>
                <output for=testid data-testid=format!("{testid}-value")>{shown}</output>
            </label>
            <input
                type="range"
                id=testid
                data-testid=testid
                min=min
                max=max
                step=step
                prop:value=move || value().to_string()
                aria-valuetext=shown
                aria-busy=move || draft.get().is_some().then_some("true")
                on:input=move |ev| {
                    let Ok(v) = event_target_value(&ev).parse::<f64>() else { return };
                    if !settle {
                        preview_settings(testid, |s| set(s, v));
                        return;
                    }
                    draft.set(Some(v));
                    generation.update_value(|g| *g += 1);
                    let at = generation.get_value();
                    set_timeout(
                        move || {
                            if generation.get_value() == at {
                                apply_draft();
                            }
                        },
                        SETTLE,
                    );
                }
                on:change=move |_| {
                    // A settle slider's value is applied (and committed) by its timer.
                    if !settle {
                        commit_settings(testid);
                    }
                }
            />
        </div>
    }
}

/// A choice among a few named options of the settings (a measure, a mode, a dimension).
#[component]
pub fn Choice(
    testid: &'static str,
    label: Tr,
    /// (value, label) per option.
    options: Vec<(&'static str, Tr)>,
    get: fn(&Settings) -> &'static str,
    set: fn(&mut Settings, &str),
) -> impl IntoView {
    let settings = use_settings();
    let lang = use_lang();
    let current = Memo::new(move |_| settings.with(get));
    view! {
        <label class="choice">
            <span class="label">{move || label.get(lang.get())}</span>
            <select
                data-testid=testid
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    update_settings(|s| set(s, &v));
                }
            >
                {options
                    .into_iter()
                    .map(|(value, name)| {
                        view! {
                            <option value=value selected=move || current.get() == value>
                                {move || name.get(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// An on/off setting.
#[component]
pub fn Toggle(
    testid: &'static str,
    label: Tr,
    get: fn(&Settings) -> bool,
    set: fn(&mut Settings, bool),
) -> impl IntoView {
    let settings = use_settings();
    let lang = use_lang();
    view! {
        <label class="toggle">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || settings.with(get)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    update_settings(|s| set(s, on));
                }
            />
            <span>{move || label.get(lang.get())}</span>
        </label>
    }
}

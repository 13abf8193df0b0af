//! Sliders bound to the settings: labelled, showing their value, stepping with the keyboard
//! (native range inputs), live while dragged, one undo step per drag.

use leptos::prelude::*;
use tierwise_core::Settings;

use super::state::{
    can_undo, commit_settings, preview_settings, undo_settings, update_settings, use_lang,
    use_settings,
};
use super::text::{self, Tr};

/// A percentage slider over one settings field.
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
) -> impl IntoView {
    let settings = use_settings();
    let lang = use_lang();
    let value = Memo::new(move |_| settings.with(get));
    let shown = move || format!("{}%", value.get());
    let on_input = move |ev: leptos::ev::Event| {
        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
            preview_settings(|s| set(s, v));
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
                prop:value=move || value.get().to_string()
                aria-valuetext=shown
                on:input=on_input
                on:change=move |_| commit_settings(testid)
            />
        </div>
    }
}

/// Undo and reset for the settings.
#[component]
pub fn SettingsActions() -> impl IntoView {
    let lang = use_lang();
    let undo_enabled = can_undo();
    view! {
        <div class="actions">
            <button
                type="button"
                class="button subtle"
                data-testid="undo"
                disabled=move || !undo_enabled.get()
                on:click=move |_| undo_settings()
            >
                {move || text::UNDO.get(lang.get())}
            </button>
            <button
                type="button"
                class="button subtle"
                data-testid="reset-settings"
                on:click=move |_| update_settings(|s| *s = Settings::default())
            >
                {move || text::RESET_DEFAULTS.get(lang.get())}
            </button>
        </div>
    }
}

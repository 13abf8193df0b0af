//! Keyboard shortcuts for the whole page: Ctrl+Z undoes the last settings change, Ctrl+Shift+Z
//! and Ctrl+Y redo it (⌘ on a Mac). Not while typing in a text field, where the browser's own
//! text undo belongs; a slider, a menu, a checkbox or a button keeps the shortcut.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{redo_in, undo_in, use_history, use_settings};

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Undo,
    Redo,
}

/// The shortcut of a key press: `key` as `KeyboardEvent.key` gives it, `ctrl` for Ctrl or ⌘.
pub fn shortcut(key: &str, ctrl: bool, shift: bool, alt: bool) -> Option<Shortcut> {
    if !ctrl || alt {
        return None;
    }
    match (key.to_ascii_lowercase().as_str(), shift) {
        ("z", false) => Some(Shortcut::Undo),
        ("z", true) | ("y", false) => Some(Shortcut::Redo),
        _ => None,
    }
}

/// Whether a key press in `el` edits text (an `<input>` other than a slider, checkbox, radio
/// or button; a `<textarea>`, anything editable). A `<select>` does not: Ctrl+Z right after
/// choosing a measure undoes the choice.
fn edits_text(el: &web_sys::Element) -> bool {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "range" | "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "color"
        );
    }
    if el.is_instance_of::<web_sys::HtmlTextAreaElement>() {
        return true;
    }
    el.dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|h| h.is_content_editable())
}

/// Listens for the shortcuts on the window for the app's lifetime.
pub fn provide_shortcuts() {
    // The listener runs outside the component tree: it holds the signals, not the context.
    let (history, settings) = (use_history(), use_settings());
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() {
            return;
        }
        let Some(s) = shortcut(
            &ev.key(),
            ev.ctrl_key() || ev.meta_key(),
            ev.shift_key(),
            ev.alt_key(),
        ) else {
            return;
        };
        let in_text = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| edits_text(&el));
        if in_text {
            return;
        }
        ev.prevent_default();
        match s {
            Shortcut::Undo => undo_in(history, settings),
            Shortcut::Redo => redo_in(history, settings),
        }
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_undo_and_redo() {
        assert_eq!(shortcut("z", true, false, false), Some(Shortcut::Undo));
        assert_eq!(shortcut("Z", true, true, false), Some(Shortcut::Redo));
        assert_eq!(shortcut("y", true, false, false), Some(Shortcut::Redo));
        assert_eq!(shortcut("z", false, false, false), None);
        assert_eq!(shortcut("z", true, false, true), None);
        assert_eq!(shortcut("x", true, false, false), None);
    }
}

//! Small preferences in localStorage: the settings and the language.

use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::BTreeMap;
use tierwise_core::i18n::Lang;
use tierwise_core::import::Mapping;
use tierwise_core::Settings;

pub const SETTINGS_KEY: &str = "tierwise.settings";
pub const LANG_KEY: &str = "tierwise.lang";
pub const MAPPINGS_KEY: &str = "tierwise.mappings";

/// Why a preference could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrefsError {
    /// localStorage is missing, full, or refused (private mode).
    Unavailable(String),
}

impl std::fmt::Display for PrefsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrefsError::Unavailable(e) => write!(f, "preferences could not be saved: {e}"),
        }
    }
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(key).ok()
}

fn save<T: Serialize>(key: &str, value: &T) -> Result<(), PrefsError> {
    LocalStorage::set(key, value).map_err(|e| PrefsError::Unavailable(e.to_string()))
}

/// The saved settings, clamped into range; defaults when nothing (or garbage) is saved.
pub fn load_settings() -> Settings {
    load::<Settings>(SETTINGS_KEY)
        .unwrap_or_default()
        .normalized()
}

pub fn save_settings(s: &Settings) -> Result<(), PrefsError> {
    save(SETTINGS_KEY, s)
}

/// The saved language, else the browser's, else English.
pub fn load_lang() -> Lang {
    load::<Lang>(LANG_KEY)
        .or_else(|| {
            web_sys::window()?
                .navigator()
                .language()
                .as_deref()
                .and_then(Lang::from_tag)
        })
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) -> Result<(), PrefsError> {
    save(LANG_KEY, &lang)
}

pub const CURRENCY_KEY: &str = "tierwise.currency";

/// The currency sign money is shown with (a key such as `EUR`), if one was chosen.
pub fn load_currency() -> Option<String> {
    load::<String>(CURRENCY_KEY)
}

pub fn save_currency(key: &str) -> Result<(), PrefsError> {
    save(CURRENCY_KEY, &key)
}

/// Column mappings fixed by hand, by header signature (see `Imported::header_signature`).
pub fn load_mapping(signature: &str) -> Option<Mapping> {
    load::<BTreeMap<String, Mapping>>(MAPPINGS_KEY)?.remove(signature)
}

pub fn save_mapping(signature: &str, mapping: &Mapping) -> Result<(), PrefsError> {
    let mut all = load::<BTreeMap<String, Mapping>>(MAPPINGS_KEY).unwrap_or_default();
    all.insert(signature.to_string(), mapping.clone());
    save(MAPPINGS_KEY, &all)
}

pub const EXPORT_WHY_KEY: &str = "tierwise.export.why";

/// Whether the customer exports carry each method's "why" column (yes unless turned off).
pub fn load_export_why() -> bool {
    load::<bool>(EXPORT_WHY_KEY).unwrap_or(true)
}

pub fn save_export_why(why: bool) -> Result<(), PrefsError> {
    save(EXPORT_WHY_KEY, &why)
}

pub const WORKSPACE_KEY: &str = "tierwise.workspace";

/// The workspace open last (its id), to reopen on the next visit.
pub fn load_workspace_id() -> Option<String> {
    load::<String>(WORKSPACE_KEY)
}

pub fn save_workspace_id(id: &str) -> Result<(), PrefsError> {
    save(WORKSPACE_KEY, &id)
}

/// Forgets every preference ("clear all data").
pub fn clear_all() {
    LocalStorage::clear();
}

pub const VIEW_KEY: &str = "tierwise.view";

/// The view shown last (a key chosen by the navigation), to reopen on it.
pub fn load_last_view() -> Option<String> {
    load::<String>(VIEW_KEY)
}

pub fn save_last_view(view: &str) -> Result<(), PrefsError> {
    save(VIEW_KEY, &view)
}

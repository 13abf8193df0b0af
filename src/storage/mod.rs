//! Browser storage adapters. Small preferences go to localStorage through gloo-storage; each
//! adapter owns one key and one failure mode, and never panics when storage is unavailable
//! (private mode, quota): the app keeps working in memory.
//!
//! - [`prefs`]: settings, language, remembered mappings, last workspace (localStorage).
//! - [`db`]: IndexedDB (the `idb` crate), one transaction per save.
//! - [`workspaces`]: the workspace list and each workspace's encoded parts.
//! - [`quota`]: `navigator.storage` estimate and persist.
//! - [`sync`]: BroadcastChannel between tabs.

pub mod db;
pub mod prefs;
pub mod quota;
pub mod sync;
pub mod workspaces;

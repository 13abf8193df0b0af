//! Browser storage adapters. Small preferences go to localStorage through gloo-storage; each
//! adapter owns one key and one failure mode, and never panics when storage is unavailable
//! (private mode, quota): the app keeps working in memory.

pub mod prefs;

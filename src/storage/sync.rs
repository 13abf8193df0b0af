//! Tabs on one workspace stay in step through a BroadcastChannel: after each save a tab
//! announces the workspace and its revision, and the others reload it. Saves are whole-part
//! transactions, so two tabs writing at once cannot corrupt anything: the last write wins,
//! and the other tab then shows it.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const CHANNEL: &str = "tierwise-sync";

/// What a tab announces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// A workspace was saved at this revision; the flags say which parts were written.
    Saved {
        id: String,
        rev: u64,
        tab: String,
        data: bool,
        state: bool,
        reviews: bool,
    },
    /// The workspace list changed (create, rename, delete).
    ListChanged { tab: String },
    /// Every workspace was deleted.
    Cleared { tab: String },
}

/// Why the channel could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// No BroadcastChannel in this browser: tabs are not kept in step (last write wins).
    Unsupported(String),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::Unsupported(e) => write!(f, "tabs cannot be kept in step: {e}"),
        }
    }
}

/// An open channel with its listener. Dropping it closes the channel.
pub struct Channel {
    inner: web_sys::BroadcastChannel,
    _listener: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

impl Channel {
    /// Opens the channel; `on_message` gets every message from the other tabs.
    pub fn open(mut on_message: impl FnMut(Message) + 'static) -> Result<Channel, SyncError> {
        let inner = web_sys::BroadcastChannel::new(CHANNEL)
            .map_err(|e| SyncError::Unsupported(format!("{e:?}")))?;
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(m) = ev
                    .data()
                    .as_string()
                    .and_then(|s| serde_json::from_str::<Message>(&s).ok())
                {
                    on_message(m);
                }
            });
        inner.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Ok(Channel {
            inner,
            _listener: Some(listener),
        })
    }

    pub fn post(&self, m: &Message) {
        if let Ok(s) = serde_json::to_string(m) {
            let _ = self.inner.post_message(&JsValue::from_str(&s));
        }
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.inner.set_onmessage(None);
        self.inner.close();
    }
}

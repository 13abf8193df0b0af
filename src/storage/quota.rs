//! Storage usage and persistence (`navigator.storage`): how much this origin uses, and whether
//! the browser may evict it under pressure.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why the storage manager could not answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuotaError {
    /// No `navigator.storage` (an insecure context or an old browser).
    Unsupported,
    Failed(String),
}

impl std::fmt::Display for QuotaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuotaError::Unsupported => f.write_str("storage estimates are not supported"),
            QuotaError::Failed(e) => write!(f, "storage estimate failed: {e}"),
        }
    }
}

fn manager() -> Result<web_sys::StorageManager, QuotaError> {
    let nav = web_sys::window()
        .ok_or(QuotaError::Unsupported)?
        .navigator();
    // `storage` is missing outside secure contexts; check before calling.
    let has = js_sys::Reflect::has(&nav, &"storage".into()).unwrap_or(false);
    if !has {
        return Err(QuotaError::Unsupported);
    }
    Ok(nav.storage())
}

fn failed(e: wasm_bindgen::JsValue) -> QuotaError {
    QuotaError::Failed(format!("{e:?}"))
}

/// Bytes used and the quota, as the browser estimates them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub usage: f64,
    pub quota: f64,
}

pub async fn estimate() -> Result<Usage, QuotaError> {
    let p = manager()?.estimate().map_err(failed)?;
    let v = JsFuture::from(p).await.map_err(failed)?;
    let e: web_sys::StorageEstimate = v.unchecked_into();
    Ok(Usage {
        usage: e.get_usage().unwrap_or(0.0),
        quota: e.get_quota().unwrap_or(0.0),
    })
}

/// Asks the browser not to evict this origin's storage; true when granted.
pub async fn persist() -> Result<bool, QuotaError> {
    let p = manager()?.persist().map_err(failed)?;
    Ok(JsFuture::from(p).await.map_err(failed)?.as_bool() == Some(true))
}

/// Whether storage is already persistent.
pub async fn persisted() -> Result<bool, QuotaError> {
    let p = manager()?.persisted().map_err(failed)?;
    Ok(JsFuture::from(p).await.map_err(failed)?.as_bool() == Some(true))
}

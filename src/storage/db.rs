//! IndexedDB through the `idb` crate: one database, four object stores keyed by workspace id.
//! Every save is one read-write transaction over all the stores it touches, so it lands whole
//! or not at all: a quota error, a crash or a closed tab in the middle leaves the last
//! complete state.

use idb::{
    Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult,
};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

pub const DB_NAME: &str = "tierwise";
pub const DB_VERSION: u32 = 1;
/// Workspace list entries (JSON text of [`super::workspaces::Meta`]).
pub const META: &str = "meta";
/// The encoded parts of a workspace (`tierwise_core::workspace`), as bytes.
pub const DATA: &str = "data";
pub const STATE: &str = "state";
pub const REVIEWS: &str = "reviews";
pub const STORES: [&str; 4] = [META, DATA, STATE, REVIEWS];

/// Why IndexedDB could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No IndexedDB (private mode in some browsers, disabled storage, an old browser).
    Unavailable(String),
    /// The browser refused to store more (quota exceeded).
    Quota(String),
    /// The transaction was aborted; nothing of it was written.
    Aborted(String),
    /// A stored part does not decode (damaged storage). It is left as it is.
    Damaged(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(e) => write!(f, "browser storage is unavailable: {e}"),
            StoreError::Quota(e) => write!(f, "browser storage is full: {e}"),
            StoreError::Aborted(e) => write!(f, "the save was cancelled: {e}"),
            StoreError::Damaged(e) => write!(f, "saved data is damaged: {e}"),
        }
    }
}

impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        match &e {
            idb::Error::DomException(d) if d.name() == "QuotaExceededError" => {
                StoreError::Quota(d.message())
            }
            idb::Error::DomException(d) => {
                StoreError::Aborted(format!("{}: {}", d.name(), d.message()))
            }
            // A request refused at once carries the exception as a plain JsValue.
            idb::Error::UpdateFailed(v) | idb::Error::AddFailed(v) => {
                match v.dyn_ref::<web_sys::DomException>() {
                    Some(d) if d.name() == "QuotaExceededError" => StoreError::Quota(d.message()),
                    Some(d) => StoreError::Aborted(format!("{}: {}", d.name(), d.message())),
                    None => StoreError::Aborted(e.to_string()),
                }
            }
            _ => StoreError::Aborted(e.to_string()),
        }
    }
}

/// Opens (creating on first use) the database.
pub async fn open() -> Result<Database, StoreError> {
    let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let mut req = factory
        .open(DB_NAME, Some(DB_VERSION))
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    req.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else { return };
        let existing = db.store_names();
        for name in STORES {
            if !existing.iter().any(|s| s == name) {
                let _ = db.create_object_store(name, ObjectStoreParams::new());
            }
        }
    });
    let mut db = req
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    // Another tab deleting or upgrading the database must not wait on this connection.
    db.on_version_change(|event| {
        if let Ok(db) = event.database() {
            db.close();
        }
    });
    Ok(db)
}

/// One write of a transaction: a value under a key, or `None` to delete the key.
pub struct Write {
    pub store: &'static str,
    pub key: String,
    pub value: Option<JsValue>,
}

/// Bytes already in JavaScript memory, ready to store. Built from a slice (one copy) or
/// written in pieces by `tierwise_core::workspace::pack_in_pieces` (it is a
/// [`Sink`](tierwise_core::workspace::Sink)), so that a large save never sits whole in WASM
/// memory.
#[derive(Clone, Debug, Default)]
pub struct JsBytes(Option<Uint8Array>);

impl JsBytes {
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |a| a.length() as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A copy of bytes `from..to` in a buffer of their own.
    pub fn slice(&self, from: usize, to: usize) -> Uint8Array {
        match &self.0 {
            Some(a) => a.slice(from as u32, to as u32),
            None => Uint8Array::new_with_length(0),
        }
    }

    /// A copy back into WASM memory (for tests and checks).
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.as_ref().map_or_else(Vec::new, Uint8Array::to_vec)
    }

    fn value(&self) -> JsValue {
        self.0
            .clone()
            .unwrap_or_else(|| Uint8Array::new_with_length(0))
            .into()
    }
}

impl From<&[u8]> for JsBytes {
    fn from(b: &[u8]) -> JsBytes {
        JsBytes(Some(Uint8Array::from(b)))
    }
}

impl From<Vec<u8>> for JsBytes {
    fn from(b: Vec<u8>) -> JsBytes {
        JsBytes::from(&b[..])
    }
}

impl tierwise_core::workspace::Sink for JsBytes {
    fn alloc(&mut self, len: usize) {
        self.0 = Some(Uint8Array::new_with_length(len as u32));
    }

    fn put(&mut self, at: usize, bytes: &[u8]) {
        if let Some(a) = &self.0 {
            let end = (at + bytes.len()).min(a.length() as usize);
            if at < end {
                a.subarray(at as u32, end as u32)
                    .copy_from(&bytes[..end - at]);
            }
        }
    }
}

impl Write {
    pub fn js(store: &'static str, key: &str, bytes: &JsBytes) -> Write {
        Write {
            store,
            key: key.to_string(),
            value: Some(bytes.value()),
        }
    }

    pub fn bytes(store: &'static str, key: &str, bytes: &[u8]) -> Write {
        Write {
            store,
            key: key.to_string(),
            value: Some(Uint8Array::from(bytes).into()),
        }
    }

    pub fn delete(store: &'static str, key: &str) -> Write {
        Write {
            store,
            key: key.to_string(),
            value: None,
        }
    }
}

/// Applies every write in one transaction: all of them or none.
pub async fn write(db: &Database, writes: Vec<Write>) -> Result<(), StoreError> {
    let mut stores: Vec<&str> = writes.iter().map(|w| w.store).collect();
    stores.sort_unstable();
    stores.dedup();
    if stores.is_empty() {
        return Ok(());
    }
    let tx = db.transaction(&stores, TransactionMode::ReadWrite)?;
    let mut failed = None;
    for w in &writes {
        let store = tx.object_store(w.store)?;
        let key = JsValue::from_str(&w.key);
        let r = match &w.value {
            Some(v) => store.put(v, Some(&key)).map(drop),
            None => store.delete(key).map(drop),
        };
        if let Err(e) = r {
            failed = Some(StoreError::from(e));
            break;
        }
    }
    if let Some(e) = failed {
        let _ = tx.abort();
        return Err(e);
    }
    match tx.commit()?.await? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(StoreError::Aborted("transaction aborted".into())),
    }
}

/// The value under `key`, if any.
pub async fn read(db: &Database, store: &str, key: &str) -> Result<Option<JsValue>, StoreError> {
    let tx = db.transaction(&[store], TransactionMode::ReadOnly)?;
    let v = tx.object_store(store)?.get(JsValue::from_str(key))?.await?;
    Ok(v)
}

/// The bytes under `key`, if any.
pub async fn read_bytes(
    db: &Database,
    store: &str,
    key: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(read(db, store, key)
        .await?
        .map(|v| Uint8Array::new(&v).to_vec()))
}

/// Every value of a store.
pub async fn read_all(db: &Database, store: &str) -> Result<Vec<JsValue>, StoreError> {
    let tx = db.transaction(&[store], TransactionMode::ReadOnly)?;
    let v = tx.object_store(store)?.get_all(None, None)?.await?;
    Ok(v)
}

/// Deletes the whole database ("clear all data").
pub async fn delete_database() -> Result<(), StoreError> {
    let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
    factory
        .delete(DB_NAME)
        .map_err(StoreError::from)?
        .await
        .map_err(StoreError::from)
}

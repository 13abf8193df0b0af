//! Named workspaces in IndexedDB: the list, and each workspace's three parts (data, state,
//! reviews) encoded by `tierwise_core::workspace`. A save writes the parts given and the list
//! entry in one transaction.

use super::db::{self, JsBytes, StoreError, Write, DATA, META, REVIEWS, STATE};
use serde::{Deserialize, Serialize};
use tierwise_core::workspace::{self as ws, Data, Review, State};
use wasm_bindgen::JsValue;

/// A workspace in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub name: String,
    /// `Date.now()` of the last save.
    pub updated_ms: f64,
    /// Bumped by every save, so another tab can tell that it is behind.
    pub rev: u64,
}

/// The encoded parts to write; `None` leaves a part as stored.
#[derive(Clone, Debug, Default)]
pub struct Parts {
    pub data: Option<JsBytes>,
    pub state: Option<JsBytes>,
    pub reviews: Option<JsBytes>,
}

/// Every workspace, by name.
pub async fn list() -> Result<Vec<Meta>, StoreError> {
    let db = db::open().await?;
    let all = db::read_all(&db, META).await;
    db.close();
    let mut out: Vec<Meta> = all?
        .into_iter()
        .filter_map(|v| serde_json::from_str(&v.as_string()?).ok())
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Writes the list entry and the given parts, all or nothing.
pub async fn save(meta: &Meta, parts: &Parts) -> Result<(), StoreError> {
    let db = db::open().await?;
    let mut writes = vec![Write {
        store: META,
        key: meta.id.clone(),
        value: Some(JsValue::from_str(
            &serde_json::to_string(meta).unwrap_or_default(),
        )),
    }];
    for (store, part) in [
        (DATA, &parts.data),
        (STATE, &parts.state),
        (REVIEWS, &parts.reviews),
    ] {
        if let Some(bytes) = part {
            writes.push(Write::js(store, &meta.id, bytes));
        }
    }
    let r = db::write(&db, writes).await;
    db.close();
    r
}

/// A workspace as stored. A part never saved (or not asked for) is `None`.
#[derive(Clone, Debug, Default)]
pub struct Stored {
    pub data: Option<Data>,
    pub state: Option<State>,
    pub reviews: Option<Vec<Review>>,
}

fn damaged(e: ws::FormatError) -> StoreError {
    StoreError::Damaged(e.to_string())
}

/// Which parts to read or write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Which {
    pub data: bool,
    pub state: bool,
    pub reviews: bool,
}

impl Which {
    pub const ALL: Which = Which {
        data: true,
        state: true,
        reviews: true,
    };
    pub const DATA: Which = Which {
        data: true,
        state: false,
        reviews: false,
    };
    pub const STATE: Which = Which {
        data: false,
        state: true,
        reviews: false,
    };
    pub const REVIEWS: Which = Which {
        data: false,
        state: false,
        reviews: true,
    };
}

async fn read_if(
    db: &idb::Database,
    want: bool,
    store: &str,
    id: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    if want {
        db::read_bytes(db, store, id).await
    } else {
        Ok(None)
    }
}

/// Reads and decodes the wanted parts of a workspace. A damaged part is an error; the stored
/// bytes stay as they are.
pub async fn load(id: &str, which: Which) -> Result<Stored, StoreError> {
    let db = db::open().await?;
    let r = async {
        let data = read_if(&db, which.data, DATA, id).await?;
        let state = read_if(&db, which.state, STATE, id).await?;
        let reviews = read_if(&db, which.reviews, REVIEWS, id).await?;
        Ok::<_, StoreError>((data, state, reviews))
    }
    .await;
    db.close();
    let (data, state, reviews) = r?;
    Ok(Stored {
        data: data
            .map(|b| ws::decode_data(&b))
            .transpose()
            .map_err(damaged)?,
        state: state
            .map(|b| ws::decode_state(&b))
            .transpose()
            .map_err(damaged)?,
        reviews: reviews
            .map(|b| ws::decode_reviews(&b))
            .transpose()
            .map_err(damaged)?,
    })
}

/// Deletes one workspace, all its parts in one transaction.
pub async fn delete(id: &str) -> Result<(), StoreError> {
    let db = db::open().await?;
    let writes = [META, DATA, STATE, REVIEWS]
        .into_iter()
        .map(|s| Write::delete(s, id))
        .collect();
    let r = db::write(&db, writes).await;
    db.close();
    r
}

/// A new workspace id: time and randomness, unique enough for one browser.
pub fn new_id() -> String {
    format!(
        "ws-{:x}-{:06x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 16_777_216.0) as u32
    )
}

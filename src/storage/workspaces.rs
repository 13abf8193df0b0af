//! Named workspaces in IndexedDB: the list, and each workspace's three parts (data, state,
//! reviews) encoded by `tierwise_core::workspace`. A save writes the parts given and the list
//! entry in one transaction.
//!
//! A data part larger than [`DATA_PIECE`] is stored in pieces (`<id>#0`, `<id>#1`, …) under
//! a record `{pieces, len}` at `<id>`: Chromium refuses a single IndexedDB value over about
//! 133 MB (measured: 120 MB stored, 140 MB aborted the transaction), which a table of a
//! million customers passes (213 MB). A part written whole, as before, reads as it did.

use super::db::{self, JsBytes, StoreError, Write, DATA, META, REVIEWS, STATE};
use serde::{Deserialize, Serialize};
use tierwise_core::workspace::{self as ws, Data, Review, State};
use wasm_bindgen::{JsCast, JsValue};

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

/// The largest data piece stored as one IndexedDB value.
pub const DATA_PIECE: usize = 64 << 20;
/// Pieces a data part may have (2 GiB): the keys cleared when a part is rewritten.
const MAX_PIECES: usize = 32;

fn piece_key(id: &str, k: usize) -> String {
    format!("{id}#{k}")
}

/// The writes of a data part: whole, or in pieces under a record of how many, and the
/// deletion of the pieces an earlier, larger part left.
fn data_writes(id: &str, bytes: &JsBytes, piece: usize) -> Result<Vec<Write>, StoreError> {
    let len = bytes.len();
    let pieces = if len > piece { len.div_ceil(piece) } else { 0 };
    if pieces > MAX_PIECES {
        return Err(StoreError::Aborted(format!(
            "the data is {len} bytes, more than {} can be stored",
            MAX_PIECES * piece
        )));
    }
    let mut writes = Vec::with_capacity(MAX_PIECES + 1);
    if pieces == 0 {
        writes.push(Write::js(DATA, id, bytes));
    } else {
        let head = js_sys::Object::new();
        for (k, v) in [("pieces", pieces as f64), ("len", len as f64)] {
            js_sys::Reflect::set(&head, &k.into(), &v.into())
                .map_err(|e| StoreError::Aborted(format!("{e:?}")))?;
        }
        writes.push(Write {
            store: DATA,
            key: id.to_string(),
            value: Some(head.into()),
        });
        for k in 0..pieces {
            let (from, to) = (k * piece, ((k + 1) * piece).min(len));
            writes.push(Write {
                store: DATA,
                key: piece_key(id, k),
                // A copy of the range: a view would be stored with its whole buffer.
                value: Some(bytes.slice(from, to).into()),
            });
        }
    }
    writes.extend((pieces..MAX_PIECES).map(|k| Write::delete(DATA, &piece_key(id, k))));
    Ok(writes)
}

/// A data part as stored: whole, or in pieces (see [`data_writes`]).
async fn read_data(db: &idb::Database, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(v) = db::read(db, DATA, id).await? else {
        return Ok(None);
    };
    if v.is_instance_of::<js_sys::Uint8Array>() {
        return Ok(Some(js_sys::Uint8Array::new(&v).to_vec()));
    }
    let num = |k: &str| {
        js_sys::Reflect::get(&v, &k.into())
            .ok()
            .and_then(|x| x.as_f64())
    };
    let (Some(pieces), Some(len)) = (num("pieces"), num("len")) else {
        return Err(StoreError::Damaged(
            "the data record is neither bytes nor pieces".into(),
        ));
    };
    let mut out = Vec::with_capacity(len as usize);
    for k in 0..pieces as usize {
        match db::read(db, DATA, &piece_key(id, k)).await? {
            Some(p) if p.is_instance_of::<js_sys::Uint8Array>() => {
                let p = js_sys::Uint8Array::new(&p);
                let at = out.len();
                out.resize(at + p.length() as usize, 0);
                p.copy_to(&mut out[at..]);
            }
            _ => return Err(StoreError::Damaged(format!("data piece {k} is missing"))),
        }
    }
    if out.len() != len as usize {
        return Err(StoreError::Damaged(format!(
            "the data pieces hold {} bytes, not {len}",
            out.len()
        )));
    }
    Ok(Some(out))
}

/// Writes the list entry and the given parts, all or nothing.
pub async fn save(meta: &Meta, parts: &Parts) -> Result<(), StoreError> {
    save_in_pieces_of(meta, parts, DATA_PIECE).await
}

/// [`save`] with data pieces of `piece` bytes (the tests store small data in pieces).
pub async fn save_in_pieces_of(meta: &Meta, parts: &Parts, piece: usize) -> Result<(), StoreError> {
    let db = db::open().await?;
    let mut writes = vec![Write {
        store: META,
        key: meta.id.clone(),
        value: Some(JsValue::from_str(
            &serde_json::to_string(meta).unwrap_or_default(),
        )),
    }];
    if let Some(bytes) = &parts.data {
        match data_writes(&meta.id, bytes, piece.max(1)) {
            Ok(w) => writes.extend(w),
            Err(e) => {
                db.close();
                return Err(e);
            }
        }
    }
    for (store, part) in [(STATE, &parts.state), (REVIEWS, &parts.reviews)] {
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
        let data = if which.data {
            read_data(&db, id).await?
        } else {
            None
        };
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
        .chain((0..MAX_PIECES).map(|k| Write::delete(DATA, &piece_key(id, k))))
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

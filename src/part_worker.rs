//! The second parser of a large log import, run in a Web Worker (a trunk `data-type="worker"`
//! binary: tierwise-core and the message plumbing, no UI). See `ui/part_worker.rs` for the
//! page's side and `tierwise_core::import::stream::part` for what is split and why the result
//! is the same as reading the file alone.
//!
//! Loaded by `public/part-worker.js`, which holds messages until this has started. It takes a
//! job: `{file, start, end, handoff}` (a `File`, the byte range to read, the handoff's bytes). It
//! reads the range in `Blob.slice` chunks, two reads ahead, posts `{bytes, rows}` after each
//! chunk, and ends with `{part, memory, times}` (the part's bytes, transferred; its WASM memory
//! in bytes; when it started, finished reading and was done, in ms since 1970) or `{error}`.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

/// Nothing to run outside the browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

/// The plumbing both workers share, compiled into each (linking the app's library would
/// bring some of its code along).
#[cfg(target_arch = "wasm32")]
#[path = "worker.rs"]
mod glue;

#[cfg(target_arch = "wasm32")]
mod worker {
    use super::glue::{get, memory, now, object, scope, serve};
    use js_sys::{Array, Uint8Array};
    use std::collections::VecDeque;
    use tierwise_core::import::stream::wire;
    use tierwise_core::import::{Handoff, PartReader};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::File;

    /// Bytes read at a time, and reads under way while one is parsed.
    const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
    const READ_AHEAD: usize = 2;

    pub fn start() {
        serve(|job| async move { run(&job).await });
    }

    async fn run(job: &JsValue) -> Result<(), JsValue> {
        let started = now();
        let file: File = get(job, "file")?.dyn_into()?;
        let start = get(job, "start")?.as_f64().unwrap_or(0.0);
        let end = get(job, "end")?.as_f64().unwrap_or(0.0);
        let handoff = Uint8Array::new(&get(job, "handoff")?).to_vec();
        let handoff = Handoff::from_bytes(&handoff).ok_or("unreadable handoff")?;
        let mut part = PartReader::new(&handoff, (end - start).max(0.0) as u64)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        let mut ahead = VecDeque::new();
        let mut requested = start;
        let mut buf = Vec::new();
        loop {
            while requested < end && ahead.len() < READ_AHEAD {
                let to = (requested + CHUNK).min(end);
                let blob = file.slice_with_f64_and_f64(requested, to)?;
                ahead.push_back((JsFuture::from(blob.array_buffer()), to));
                requested = to;
            }
            let Some((read, to)) = ahead.pop_front() else {
                break;
            };
            let chunk = Uint8Array::new(&read.await?);
            buf.resize(chunk.length() as usize, 0);
            chunk.copy_to(&mut buf);
            part.push(&buf);
            let _ = scope().post_message(&object(&[
                ("bytes", (to - start).into()),
                ("rows", (part.rows() as f64).into()),
            ]));
        }
        drop(buf);
        let read = now();
        let part = part
            .finish()
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        // Straight into a JS buffer, piece by piece: no second copy in this worker's memory.
        let meta = wire::Meta::of(&part);
        let out = Uint8Array::new_with_length(wire::encoded_len(&part, &meta) as u32);
        let mut at = 0u32;
        wire::encode(&part, &meta, |piece| {
            let n = piece.len() as u32;
            out.subarray(at, at + n).copy_from(piece);
            at += n;
        });
        drop(part);
        let memory = memory();
        let times = Array::of3(&started.into(), &read.into(), &now().into());
        let reply = object(&[
            ("part", out.clone().into()),
            ("memory", memory.into()),
            ("times", times.into()),
        ]);
        scope().post_message_with_transfer(&reply, &Array::of1(&out.buffer()))
    }
}

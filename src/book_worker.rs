//! The workbook reader, run in a Web Worker (a trunk `data-type="worker"` binary: tierwise-core's
//! full importer with calamine and the legacy text decoders, and the message plumbing). The
//! page's own WebAssembly has neither (`StreamImporter::text_only`): a first visit does not
//! download calamine and the zip inflater (about 150 KB gzipped), nor chardetng and
//! encoding_rs's tables (about 145 KB), that only workbooks and text in a legacy encoding
//! (GB18030, windows-1252, Shift_JIS, …) need. See `ui/book_worker.rs` for the page's side.
//!
//! Loaded by `public/book-worker.js`, which holds messages until this has started. It takes a
//! job `{file, options}` (a `File`, and the `ImportOptions` as JSON), reads the whole file,
//! imports it, and ends with `{result, memory, times}` (what
//! `tierwise_core::workspace::encode_import` writes, transferred; its WASM memory in bytes;
//! when it started, finished reading, finished importing and was done, in ms since 1970) or
//! `{error}` when the job itself could not be run.

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
    use tierwise_core::import::{import_bytes, ImportOptions};
    use tierwise_core::workspace::encode_import;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::File;

    pub fn start() {
        serve(|job| async move { run(&job).await });
    }

    async fn run(job: &JsValue) -> Result<(), JsValue> {
        let started = now();
        let file: File = get(job, "file")?.dyn_into()?;
        let options = get(job, "options")?.as_string().unwrap_or_default();
        let options: ImportOptions = serde_json::from_str(&options)
            .map_err(|e| JsValue::from_str(&format!("unreadable import options: {e}")))?;
        let bytes = Uint8Array::new(&JsFuture::from(file.array_buffer()).await?).to_vec();
        let read = now();
        let imported = import_bytes(&file.name(), &bytes, &options);
        let parsed = now();
        drop(bytes);
        let encoded = encode_import(&imported, &options);
        drop(imported);
        let out = Uint8Array::from(&encoded[..]);
        drop(encoded);
        let memory = memory();
        let times = Array::of4(&started.into(), &read.into(), &parsed.into(), &now().into());
        let reply = object(&[
            ("result", out.clone().into()),
            ("memory", memory.into()),
            ("times", times.into()),
        ]);
        scope().post_message_with_transfer(&reply, &Array::of1(&out.buffer()))
    }
}

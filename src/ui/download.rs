//! Saving a file the page made: a `Blob` (of parts, so a large file is never copied into one
//! buffer), an object URL and a clicked `<a download>`. Nothing goes over the network.

use wasm_bindgen::JsCast;

/// Today as `YYYY-MM-DD` in local time, for file names (the core has no clock).
pub fn today() -> String {
    crate::ui::workspace::today()
}

/// `tierwise-<what>-<today>.<ext>`.
pub fn file_name(what: &str, ext: &str) -> String {
    format!("tierwise-{what}-{}.{ext}", today())
}

/// A file built in pieces into the browser's Blob storage: each piece is copied out of the
/// WebAssembly memory into a Blob of its own as soon as it is written (and then freed there),
/// and the file is the Blob of those Blobs, which the browser joins without copying.
#[derive(Default)]
pub struct BlobParts {
    parts: Option<js_sys::Array>,
    bytes: usize,
}

impl BlobParts {
    /// Moves `pieces` into Blobs, in order.
    pub fn append(&mut self, pieces: Vec<Vec<u8>>) -> Result<(), String> {
        let parts = self.parts.get_or_insert_with(js_sys::Array::new);
        for p in pieces {
            self.bytes += p.len();
            // The Blob copies the bytes straight out of the WebAssembly memory: no copy of
            // the piece in a JS array first (about a fifth of an export's time in Chromium
            // went to the two copies).
            // SAFETY: the view is read only by the Blob's constructor, which copies the bytes
            // before it returns; nothing between the view and that call allocates in the
            // WebAssembly memory (which could grow it and detach the view), and the memory is
            // not shared, as a Blob requires.
            let blob = unsafe {
                let one = js_sys::Array::of1(&js_sys::Uint8Array::view(&p[..]));
                web_sys::Blob::new_with_u8_array_sequence(&one)
            }
            .map_err(js_err)?;
            drop(p);
            parts.push(&blob);
        }
        Ok(())
    }

    /// Bytes appended.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Saves the file as `name`.
    pub fn save(&self, name: &str) -> Result<(), String> {
        let empty = js_sys::Array::new();
        let parts = self.parts.as_ref().unwrap_or(&empty);
        let blob = web_sys::Blob::new_with_blob_sequence(parts).map_err(js_err)?;
        save_blob(&blob, name)
    }
}

/// Saves `blob` as a file named `name`.
pub fn save_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_err)?;
    let a = leptos::prelude::document()
        .create_element("a")
        .map_err(js_err)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor element".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started from the URL by now; the blob is released a little later in
    // case the browser reads it lazily.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

fn js_err(e: wasm_bindgen::JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

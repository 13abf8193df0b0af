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

/// Saves `parts`, in order, as one file named `name`.
pub fn save_parts(parts: &[Vec<u8>], name: &str) -> Result<(), String> {
    let array = js_sys::Array::new();
    for p in parts {
        array.push(&js_sys::Uint8Array::from(&p[..]));
    }
    let blob = web_sys::Blob::new_with_u8_array_sequence(&array).map_err(js_err)?;
    save_blob(&blob, name)
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

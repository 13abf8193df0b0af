//! The page's side of a workbook import (or of text in a legacy encoding): starts the workbook
//! reader's worker (`src/book_worker.rs`, loaded only now), hands it the file and the
//! options, and waits for its import. The page's own WebAssembly has no workbook reader and
//! no legacy decoders: see `tierwise_core::import::StreamImporter::text_only`.
//!
//! The worker is kept between imports: a new one would start its code on the browser's
//! baseline compiler again (measured: the 2nd and 3rd import of a 100k-row XLSX took 856–929
//! ms with a worker per import, against 358–391 ms when the reader was in the page). It is
//! stopped on Cancel and when it fails.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, File, MessageEvent, Worker};

use tierwise_core::import::{ImportError, ImportOptions, Imported};

/// The worker's loader, `public/book-worker.js`, copied next to index.html (relative, so it
/// works under a sub-path too).
const SCRIPT: &str = "./book-worker.js";

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Why the worker gave no import.
pub enum Failed {
    /// `stop()` said so (the user pressed Cancel).
    Stopped,
    /// The worker could not be started, crashed, or sent what is not an import.
    Broken(String),
}

thread_local! {
    /// The worker kept from the last import, idle.
    static KEPT: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads `file` in the workbook reader's worker (the one kept from the last import, or a new
/// one) with `options`; `stop()` is asked every 100 ms while it works, and ends the wait (and
/// the worker) when true.
pub async fn import(
    file: &File,
    options: &ImportOptions,
    stop: impl Fn() -> bool + 'static,
) -> Result<Result<Imported, ImportError>, Failed> {
    let broken = |e: JsValue| Failed::Broken(e.as_string().unwrap_or_else(|| format!("{e:?}")));
    let worker = match KEPT.with(|k| k.borrow_mut().take()) {
        Some(w) => w,
        None => Worker::new(SCRIPT).map_err(broken)?,
    };
    let mut settle: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.ok_or_else(|| Failed::Broken("no promise".into()))?;
    let on_error = {
        let reject = reject.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            let _ = reject.call1(
                &JsValue::NULL,
                &"the workbook reader failed to start".into(),
            );
        })
    };
    let on_message = {
        let reject = reject.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            if !get(&data, "result").is_undefined() {
                let _ = resolve.call1(&JsValue::NULL, &data);
            } else if let Some(err) = get(&data, "error").as_string() {
                let _ = reject.call1(&JsValue::NULL, &err.into());
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let job = Object::new();
    let options = serde_json::to_string(options).map_err(|e| Failed::Broken(e.to_string()))?;
    Reflect::set(&job, &"file".into(), file).map_err(broken)?;
    Reflect::set(&job, &"options".into(), &options.into()).map_err(broken)?;
    worker.post_message(&job).map_err(broken)?;
    // Cancel: a watcher rejects the wait when `stop()` turns true, until the wait is over.
    let over = Rc::new(Cell::new(false));
    let stopped = Rc::new(Cell::new(false));
    {
        let (over, stopped) = (over.clone(), stopped.clone());
        wasm_bindgen_futures::spawn_local(async move {
            while !over.get() {
                if stop() {
                    stopped.set(true);
                    let _ = reject.call1(&JsValue::NULL, &"stopped".into());
                    return;
                }
                sleep(100).await;
            }
        });
    }
    let outcome = JsFuture::from(promise).await;
    over.set(true);
    worker.set_onmessage(None);
    worker.set_onerror(None);
    drop((on_message, on_error));
    if outcome.is_ok() {
        KEPT.with(|k| *k.borrow_mut() = Some(worker));
    } else {
        worker.terminate();
    }
    let data = match outcome {
        Ok(data) => data,
        Err(_) if stopped.get() => return Err(Failed::Stopped),
        Err(e) => return Err(broken(e)),
    };
    let global = js_sys::global();
    for (key, name) in [
        ("memory", "__tierwise_book_memory"),
        ("times", "__tierwise_book_times"),
    ] {
        let _ = Reflect::set(&global, &name.into(), &get(&data, key));
    }
    let bytes = Uint8Array::new(&get(&data, "result")).to_vec();
    tierwise_core::workspace::decode_import(&bytes)
        .map_err(|e| Failed::Broken(format!("the workbook reader's answer: {e}")))
}

//! The page's side of a split log import: starts the worker (`src/part_worker.rs`), hands it
//! the rest of a file, relays its progress and waits for its part. What is split, and why the result is the same, is
//! `tierwise_core::import::stream::part`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, File, MessageEvent, Worker};

/// The worker's loader, `public/part-worker.js`, copied next to index.html (relative, so it
/// works under a sub-path too).
const SCRIPT: &str = "./part-worker.js";

type Progress = Box<dyn Fn(f64, usize)>;

/// Hears how far the worker got: (bytes, rows).
type Shared = Option<Progress>;

/// A started worker. Dropping it stops the worker.
pub struct PartWorker {
    worker: Worker,
    shared: Rc<RefCell<Shared>>,
    result: JsFuture,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

/// What the worker sent back.
pub struct Part {
    /// The part's bytes (see `tierwise_core::import::stream::wire`), in JS memory.
    pub bytes: Uint8Array,
    /// The worker's WASM memory when it finished, in bytes.
    pub memory: f64,
    /// When the worker started, finished reading and was done, in ms since 1970.
    pub times: JsValue,
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

impl PartWorker {
    /// Starts a worker; it loads on its own thread.
    pub fn spawn() -> Result<PartWorker, JsValue> {
        let worker = Worker::new(SCRIPT)?;
        let shared: Rc<RefCell<Shared>> = Rc::default();
        let mut settle = None;
        let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
        let (resolve, reject) = settle.ok_or("no promise")?;
        let on_error = {
            let reject = reject.clone();
            Closure::<dyn FnMut(Event)>::new(move |e: Event| {
                e.prevent_default();
                let _ = reject.call1(&JsValue::NULL, &"the import worker failed".into());
            })
        };
        let on_message = {
            let shared = shared.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                if !get(&data, "part").is_undefined() {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                } else if let Some(err) = get(&data, "error").as_string() {
                    let _ = reject.call1(&JsValue::NULL, &err.into());
                } else if let Some(bytes) = get(&data, "bytes").as_f64() {
                    if let Some(f) = &*shared.borrow() {
                        f(bytes, get(&data, "rows").as_f64().unwrap_or(0.0) as usize);
                    }
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(PartWorker {
            worker,
            shared,
            result: JsFuture::from(promise),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Hands the worker `file[start..end]`; `on_progress(bytes, rows)` hears how far it got.
    pub fn start(
        &self,
        file: &File,
        start: f64,
        end: f64,
        handoff: &[u8],
        on_progress: impl Fn(f64, usize) + 'static,
    ) -> Result<(), JsValue> {
        let job = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&job, &JsValue::from_str(k), v);
        set("file", file)?;
        set("start", &start.into())?;
        set("end", &end.into())?;
        set("handoff", &Uint8Array::from(handoff))?;
        *self.shared.borrow_mut() = Some(Box::new(on_progress));
        self.worker.post_message(&job)
    }

    /// Waits for the part; `Err` says why there is none. The worker stops when this returns.
    pub async fn part(mut self) -> Result<Part, String> {
        let data = (&mut self.result)
            .await
            .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
        Ok(Part {
            bytes: Uint8Array::new(&get(&data, "part")),
            memory: get(&data, "memory").as_f64().unwrap_or(0.0),
            times: get(&data, "times"),
        })
    }
}

impl Drop for PartWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

//! What the Web Worker binaries share (`part_worker.rs`, `book_worker.rs`, each of which
//! includes this file as its module `glue`): taking jobs from the page, answering with plain
//! objects, and the worker's clock. No UI: a worker links only this and the core.

use js_sys::{Function, Object, Reflect};
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

pub fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Runs `run` on every job the page posts; a job that fails is answered `{error}`.
pub fn serve<F, R>(run: R)
where
    F: Future<Output = Result<(), JsValue>> + 'static,
    R: Fn(JsValue) -> F + 'static,
{
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let job = run(e.data());
        spawn_local(async move {
            if let Err(e) = job.await {
                let text = e.as_string().unwrap_or_else(|| format!("{e:?}"));
                let _ = scope().post_message(&object(&[("error", text.into())]));
            }
        });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

pub fn get(o: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(o, &JsValue::from_str(key))
}

pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Milliseconds since 1970 (a worker's `performance.now()` has its own origin).
pub fn now() -> f64 {
    let p = get(&scope(), "performance").unwrap_or(JsValue::UNDEFINED);
    let origin = get(&p, "timeOrigin").ok().and_then(|v| v.as_f64());
    let now = get(&p, "now")
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&p).ok())
        .and_then(|v| v.as_f64());
    origin.unwrap_or(0.0) + now.unwrap_or(0.0)
}

/// This worker's WebAssembly memory, in bytes.
pub fn memory() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

//! The page's side of the lifetime-value fits: a small log is fitted right here, a large one
//! in the fit worker (`src/fit_worker.rs`, started at the first large fit and kept), so that
//! the page keeps responding while BG/NBD and Gamma-Gamma are fitted. A worker that cannot be
//! started or fails leaves the fit to the page: slower to answer, never without an answer.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker};

use tierwise_core::clv::job::{Done, Job};

/// The worker's loader, `public/fit-worker.js`, copied next to index.html (relative, so it
/// works under a sub-path too).
const SCRIPT: &str = "./fit-worker.js";

/// Logs of up to this many order rows are fitted on the page: the fits take a few tens of
/// milliseconds there (the CDNOW sample's 6,919 rows: about 10 ms), less than starting the
/// worker and compiling its code.
pub const IN_PAGE_ROWS: usize = 50_000;

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Each job's `(resolve, reject)`, by id.
type Waiting = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

/// A started worker with its handlers. Dropping it stops the worker.
struct Kept {
    worker: Worker,
    waiting: Waiting,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Drop for Kept {
    fn drop(&mut self) {
        self.worker.terminate();
        for (_, (_, reject)) in self.waiting.borrow_mut().drain() {
            let _ = reject.call1(&JsValue::NULL, &"the fit worker stopped".into());
        }
    }
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

fn spawn() -> Result<Kept, JsValue> {
    let worker = Worker::new(SCRIPT)?;
    let waiting: Waiting = Rc::default();
    let on_message = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let id = get(&data, "id").as_f64().map(|v| v as u32);
            if let Some(err) = get(&data, "error").as_string() {
                // Not a job's answer: every job waiting fails over to the page.
                for (_, (_, reject)) in waiting.borrow_mut().drain() {
                    let _ = reject.call1(&JsValue::NULL, &err.clone().into());
                }
            } else if let Some((resolve, _)) = id.and_then(|id| waiting.borrow_mut().remove(&id)) {
                let _ = Reflect::set(
                    &js_sys::global(),
                    &"__tierwise_fit_times".into(),
                    &get(&data, "times"),
                );
                let _ = resolve.call1(&JsValue::NULL, &get(&data, "done"));
            }
        })
    };
    let on_error = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            for (_, (_, reject)) in waiting.borrow_mut().drain() {
                let _ = reject.call1(&JsValue::NULL, &"the fit worker failed".into());
            }
            // The next fit starts a new worker.
            KEPT.with(|k| {
                if let Ok(mut k) = k.try_borrow_mut() {
                    k.take();
                }
            });
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Kept {
        worker,
        waiting,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Posts `job` to the kept worker (started now if there is none) and waits for its answer.
async fn in_worker(job: &Job) -> Result<Done, JsValue> {
    let id = NEXT_ID.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let mut settle = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let settle = settle.ok_or("no promise")?;
    let bytes = Uint8Array::from(&job.to_bytes()[..]);
    KEPT.with(|k| -> Result<(), JsValue> {
        let mut k = k.borrow_mut();
        if k.is_none() {
            *k = Some(spawn()?);
        }
        let kept = k.as_ref().ok_or("no worker")?;
        kept.waiting.borrow_mut().insert(id, settle);
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &id.into())?;
        Reflect::set(&message, &"job".into(), &bytes)?;
        kept.worker
            .post_message_with_transfer(&message, &Array::of1(&bytes.buffer()))
    })?;
    let answer = JsFuture::from(promise).await?;
    let bytes = Uint8Array::new(&answer).to_vec();
    Done::from_bytes(&bytes).ok_or_else(|| "the fit worker's answer is not a fit".into())
}

/// Runs `job`: on the page when it is small ([`IN_PAGE_ROWS`]), else in the fit worker,
/// and on the page if the worker fails.
pub async fn run(job: Job) -> Done {
    crate::ui::state::mark("tierwise:fit-start");
    let done = if job.rows() <= IN_PAGE_ROWS {
        job.run()
    } else {
        match in_worker(&job).await {
            Ok(done) => done,
            Err(e) => {
                web_sys::console::warn_1(&format!("fitting on the page: {e:?}").into());
                job.run()
            }
        }
    };
    crate::ui::state::mark("tierwise:fitted");
    done
}

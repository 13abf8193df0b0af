//! The page's side of `public/read-worker.js`: a worker that reads a file's slices on its own
//! thread and hands them over as they are ready. A read started on the page itself only makes
//! progress while the page is idle, so it would wait between chunks for reads that could have
//! happened while the previous chunk was parsed.
//!
//! One worker is kept spare between imports (it costs a thread, no WASM); an import takes it,
//! or starts one when another import holds it, and gives it back when done.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, File, MessageEvent, Worker};

/// Copied next to index.html by trunk; relative, so it works under a sub-path too.
const SCRIPT: &str = "./read-worker.js";

/// A slice of the file: where it starts and ends, and its bytes (in JS memory).
pub struct Slice {
    pub at: f64,
    pub end: f64,
    pub bytes: Uint8Array,
}

/// Why the worker gave no slice. The caller reads on by itself in either case.
#[derive(Debug)]
pub enum ReadWorkerError {
    /// The worker did not start (its script could not be loaded) or stopped.
    Failed,
    /// The worker could not read the file.
    Read(String),
}

#[derive(Default)]
struct Inbox {
    /// The job whose slices are wanted; messages of earlier ones are dropped.
    job: u32,
    slices: VecDeque<Result<Slice, ReadWorkerError>>,
    failed: bool,
    /// Resolves the promise `next` waits on.
    wake: Option<Function>,
}

impl Inbox {
    fn wake(&mut self) {
        if let Some(f) = self.wake.take() {
            let _ = f.call0(&JsValue::NULL);
        }
    }
}

pub struct ReadWorker {
    worker: Worker,
    inbox: Rc<RefCell<Inbox>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

impl ReadWorker {
    /// Starts a worker; its script loads on its own thread.
    pub fn spawn() -> Result<ReadWorker, JsValue> {
        ReadWorker::spawn_script(SCRIPT)
    }

    /// Starts a worker from the script at `url` (a test loads `public/read-worker.js` from a
    /// blob URL).
    pub fn spawn_script(url: &str) -> Result<ReadWorker, JsValue> {
        let worker = Worker::new(url)?;
        let inbox: Rc<RefCell<Inbox>> = Rc::default();
        let on_message = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                let mut inbox = inbox.borrow_mut();
                if get(&data, "job").as_f64() != Some(inbox.job as f64) {
                    return;
                }
                let slice = match get(&data, "error").as_string() {
                    Some(err) => Err(ReadWorkerError::Read(err)),
                    None => Ok(Slice {
                        at: get(&data, "at").as_f64().unwrap_or(f64::NAN),
                        end: get(&data, "end").as_f64().unwrap_or(f64::NAN),
                        bytes: Uint8Array::new(&get(&data, "buf")),
                    }),
                };
                inbox.slices.push_back(slice);
                inbox.wake();
            })
        };
        let on_error = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(Event)>::new(move |e: Event| {
                e.prevent_default();
                let mut inbox = inbox.borrow_mut();
                inbox.failed = true;
                inbox.wake();
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ReadWorker {
            worker,
            inbox,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Whether the worker failed to load or stopped.
    pub fn failed(&self) -> bool {
        self.inbox.borrow().failed
    }

    fn post(&self, fields: &[(&str, JsValue)]) -> Result<(), JsValue> {
        let message = Object::new();
        Reflect::set(
            &message,
            &"job".into(),
            &(self.inbox.borrow().job as f64).into(),
        )?;
        for (k, v) in fields {
            Reflect::set(&message, &JsValue::from_str(k), v)?;
        }
        self.worker.post_message(&message)
    }

    /// Reads `file[from..stop]`: a first slice of `first` bytes, each next one twice as long
    /// up to `chunk`, keeping at most `ahead` that [`ReadWorker::next`] has not given out.
    /// Replaces any earlier reading.
    pub fn start(
        &self,
        file: &File,
        from: f64,
        stop: f64,
        (first, chunk): (f64, f64),
        ahead: usize,
    ) -> Result<(), JsValue> {
        {
            let mut inbox = self.inbox.borrow_mut();
            inbox.job = inbox.job.wrapping_add(1);
            inbox.slices.clear();
        }
        self.post(&[
            ("file", file.into()),
            ("from", from.into()),
            ("stop", stop.into()),
            ("first", first.into()),
            ("chunk", chunk.into()),
            ("ahead", (ahead as f64).into()),
        ])
    }

    /// Reads no further than `stop`.
    pub fn stop_at(&self, stop: f64) -> Result<(), JsValue> {
        self.post(&[("stop", stop.into())])
    }

    /// Stops reading; slices still on their way are dropped.
    pub fn cancel(&self) {
        let _ = self.post(&[("cancel", true.into())]);
        let mut inbox = self.inbox.borrow_mut();
        inbox.job = inbox.job.wrapping_add(1);
        inbox.slices.clear();
    }

    /// The next slice, in file order from `from`. Taking it lets the worker read one more.
    pub async fn next(&self) -> Result<Slice, ReadWorkerError> {
        loop {
            let waiting = {
                let mut inbox = self.inbox.borrow_mut();
                if let Some(slice) = inbox.slices.pop_front() {
                    drop(inbox);
                    if slice.is_ok() {
                        self.post(&[("ack", true.into())])
                            .map_err(|_| ReadWorkerError::Failed)?;
                    }
                    return slice;
                }
                if inbox.failed {
                    return Err(ReadWorkerError::Failed);
                }
                let mut wake = None;
                let promise = Promise::new(&mut |resolve, _| wake = Some(resolve));
                inbox.wake = wake;
                JsFuture::from(promise)
            };
            let _ = waiting.await;
        }
    }
}

impl Drop for ReadWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

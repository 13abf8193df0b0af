//! The lifetime-value fits, run in a Web Worker (a trunk `data-type="worker"` binary:
//! tierwise-core's models and the message plumbing, no UI), so that the page keeps
//! responding while BG/NBD and Gamma-Gamma are fitted on a large log. See `ui/fit_worker.rs`
//! for the page's side and `tierwise_core::clv::job` for the job and its answer.
//!
//! Loaded by `public/fit-worker.js`, which holds messages until this has started. It takes a
//! job `{id, job}` (`Job::to_bytes`, transferred) and answers `{id, done, times, memory}`
//! (`Done::to_bytes`, transferred; when it started and was done, in ms since 1970; its WASM
//! memory in bytes) or
//! `{error}` when the bytes are not a job.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

/// Nothing to run outside the browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

/// The plumbing the workers share, compiled into each (linking the app's library would
/// bring some of its code along).
#[cfg(target_arch = "wasm32")]
#[path = "worker.rs"]
mod glue;

#[cfg(target_arch = "wasm32")]
mod worker {
    use super::glue::{get, memory, now, object, scope, serve};
    use js_sys::{Array, Uint8Array};
    use tierwise_core::clv::job::Job;
    use wasm_bindgen::prelude::*;

    pub fn start() {
        serve(|job| async move { run(&job) });
    }

    fn run(message: &JsValue) -> Result<(), JsValue> {
        let started = now();
        let id = get(message, "id")?;
        let bytes = Uint8Array::new(&get(message, "job")?).to_vec();
        let job = Job::from_bytes(&bytes).ok_or("not a fit job")?;
        drop(bytes);
        let done = job.run().to_bytes();
        drop(job);
        let out = Uint8Array::from(&done[..]);
        let times = Array::of2(&started.into(), &now().into());
        let reply = object(&[
            ("id", id),
            ("done", out.clone().into()),
            ("times", times.into()),
            ("memory", memory().into()),
        ]);
        scope().post_message_with_transfer(&reply, &Array::of1(&out.buffer()))
    }
}

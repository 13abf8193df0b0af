//! Heap accounting for the browser benchmark, compiled only with the `heap-stats` feature
//! (`trunk build --release --features heap-stats`): the allocator counts the bytes live and
//! the most live at once, and each `ui::state::mark` records both next to its name in
//! `window.__tierwise_heap`, so the benchmark can say which stage of an import holds what.
//! The WASM memory itself never shrinks; the difference between its size and the peak here is
//! what the allocator could not reuse (fragmentation).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(live, Relaxed);
        // SAFETY: the caller's contract, passed on unchanged.
        unsafe { System.alloc(l) }
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(p, l) }
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new >= l.size() {
            let live = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
            // A realloc may copy: the old and new blocks are both live for a moment.
            PEAK.fetch_max(live + l.size(), Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Relaxed);
        }
        // SAFETY: as above.
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Appends `[name, live bytes, peak bytes since the previous record]` to
/// `window.__tierwise_heap`, then starts the next peak from the live figure.
pub fn record(name: &str) {
    use wasm_bindgen::{JsCast, JsValue};
    let (live, peak) = (LIVE.load(Relaxed), PEAK.load(Relaxed));
    PEAK.store(live, Relaxed);
    let global = js_sys::global();
    let key = JsValue::from_str("__tierwise_heap");
    let list = match js_sys::Reflect::get(&global, &key) {
        Ok(v) if v.is_object() => v.unchecked_into::<js_sys::Array>(),
        _ => {
            let a = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&global, &key, &a);
            a
        }
    };
    let entry = js_sys::Array::of3(
        &JsValue::from_str(name),
        &JsValue::from_f64(live as f64),
        &JsValue::from_f64(peak as f64),
    );
    list.push(&entry);
}

//! Heap accounting for the browser benchmark, compiled only with the `heap-stats` feature
//! (`trunk build --release --features heap-stats`): the allocator counts the bytes live and
//! the most live at once, and each `ui::state::mark` records both next to its name in
//! `window.__tierwise_heap`, so the benchmark can say which stage of an import holds what.
//! The WASM memory itself never shrinks; the difference between its size and the peak here is
//! what the allocator could not reuse (fragmentation).

use tierwise_core::heap::{self, Counting};

#[global_allocator]
static A: Counting = Counting;

/// Appends `[name, live bytes, peak bytes since the previous record, WASM memory bytes]` to
/// `window.__tierwise_heap`, then starts the next peak from the live figure.
pub fn record(name: &str) {
    use wasm_bindgen::{JsCast, JsValue};
    let (live, peak) = (heap::live(), heap::peak());
    heap::reset_peak();
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
    // 64 KiB pages.
    let memory = core::arch::wasm32::memory_size(0) as f64 * 65536.0;
    let entry = js_sys::Array::of4(
        &JsValue::from_str(name),
        &JsValue::from_f64(live as f64),
        &JsValue::from_f64(peak as f64),
        &JsValue::from_f64(memory),
    );
    list.push(&entry);
}

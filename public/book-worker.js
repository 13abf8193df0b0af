// Loads the workbook reader (src/book_worker.rs, built by trunk as tierwise-book.js and
// tierwise-book_bg.wasm), only when a workbook is imported. A job posted while the WASM module
// still loads would find no handler and be lost, so messages wait here until the module's
// start function has set its own handler, then go to it in order.
importScripts('./tierwise-book.js');
const waiting = [];
self.onmessage = (e) => waiting.push(e);
wasm_bindgen({ module_or_path: './tierwise-book_bg.wasm' }).then(() => {
  for (const e of waiting.splice(0)) self.onmessage(e);
});

// Loads the import worker (src/part_worker.rs, built by trunk as tierwise-part.js and
// tierwise-part_bg.wasm). A job posted while the WASM module still loads would find no
// handler and be lost, so messages wait here until the module's start function has set its
// own handler, then go to it in order.
importScripts('./tierwise-part.js');
const waiting = [];
self.onmessage = (e) => waiting.push(e);
wasm_bindgen({ module_or_path: './tierwise-part_bg.wasm' }).then(() => {
  for (const e of waiting.splice(0)) self.onmessage(e);
});

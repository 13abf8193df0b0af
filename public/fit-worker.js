// Loads the lifetime-value fits (src/fit_worker.rs, built by trunk as tierwise-fit.js and
// tierwise-fit_bg.wasm), only when a log too large to fit on the page is analysed. A job
// posted while the WASM module still loads would find no handler and be lost, so messages
// wait here until the module's start function has set its own handler, then go to it in
// order.
importScripts('./tierwise-fit.js');
const waiting = [];
self.onmessage = (e) => waiting.push(e);
wasm_bindgen({ module_or_path: './tierwise-fit_bg.wasm' }).then(() => {
  for (const e of waiting.splice(0)) self.onmessage(e);
});

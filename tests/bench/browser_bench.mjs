// Browser benchmark: prints figures, asserts nothing about time. Run after `trunk build
// --release` (make bench does both). Measures, in Debian's headless Chromium:
// - import: from the file input's `change` event until the customer count shows, for a
//   1M-row transaction log (~37 MB, 100k customers), and the WASM linear memory after it
//   (memory never shrinks, so this is the peak);
// - recompute: every method on 100k customers with all columns, in full (run_all, on new data)
//   and after a slider step (Engine::update, only what the change touches), as the page
//   reports it in [data-testid=recompute-ms];
// - slider: keyboard steps on the ABC slider with 100k customers, time from key press to the
//   updated count in the DOM.
import { mkdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { genLog, genMaster } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const file = join(dir, `log_${rows}.csv`);
if (!existsSync(file)) await genLog(file, rows, customers);
const mb = statSync(file).size / 1e6;

const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
});
await page.goto(server.url);
await page.waitForSelector('[data-testid=customer-count]');
const memBefore = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);

const want = customers.toLocaleString('en-US');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const times = [];
for (let run = 0; run < runs; run++) {
  await page.click('[data-testid=load-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]').textContent.trim() === '300');
  await page.evaluate((want) => {
    window.__t = {};
    document.querySelector('[data-testid=file-input]').addEventListener('change', () => { window.__t.start = performance.now(); }, { capture: true, once: true });
    const check = () => {
      const el = document.querySelector('[data-testid=customer-count]');
      if (el && el.textContent.trim() === want) { window.__t.end = performance.now(); return true; }
      return false;
    };
    new MutationObserver((_, obs) => { if (check()) obs.disconnect(); }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, want);
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => window.__t.end, null, { timeout: 120_000, polling: 50 });
  times.push(await page.evaluate(() => window.__t.end - window.__t.start));
}
const memAfter = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
times.sort((a, b) => a - b);
console.log(`import ${rows.toLocaleString('en-US')} rows (${mb.toFixed(1)} MB, ${customers.toLocaleString('en-US')} customers): ` +
  `median ${(times[Math.floor(times.length / 2)] / 1000).toFixed(3)} s, best ${(times[0] / 1000).toFixed(3)} s over ${runs} runs`);
console.log(`wasm memory: ${(memBefore / 1e6).toFixed(1)} MB before, ${(memAfter / 1e6).toFixed(1)} MB peak after ${runs} imports ` +
  `(${(memAfter / 1e6 / mb).toFixed(2)}× the file size)`);

// Add a customer master with every attribute, so that every method runs (a bare log leaves
// the share-of-wallet, score and pyramid methods without their columns).
const master = join(dir, `master_${customers}.csv`);
if (!existsSync(master)) await genMaster(master, customers);
await page.setInputFiles('[data-testid=file-input]', master);
await page.waitForFunction(() => document.querySelectorAll('[data-testid=source-report]').length === 2, null, { timeout: 120_000 });
// New data runs every method once (Engine::new = run_all); the page shows how long it took.
const fullRun = Number((await page.textContent('[data-testid=recompute-ms]')).replace(',', '.'));
console.log(`every method computed (run_all) for ${customers.toLocaleString('en-US')} customers with all columns: ${fullRun.toFixed(1)} ms`);

// Slider steps with 100k customers: key press → updated count in the DOM.
const steps = [];
const recompute = [];
await page.focus('[data-testid=slider-abc-a]');
for (let k = 0; k < 20; k++) {
  const before = await page.textContent('[data-testid=abc-count-A]');
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press(k % 2 ? 'ArrowRight' : 'ArrowLeft');
  await page.waitForFunction((b) => document.querySelector('[data-testid=abc-count-A]').textContent !== b, before, { polling: 'raf' });
  steps.push(await page.evaluate((t0) => performance.now() - t0, t0));
  recompute.push(Number((await page.textContent('[data-testid=recompute-ms]')).replace(',', '.')));
}
recompute.sort((a, b) => a - b);
console.log(`settings change → every method up to date (Engine::update) for ${customers.toLocaleString('en-US')} customers: ` +
  `median ${recompute[10].toFixed(1)} ms, p90 ${recompute[18].toFixed(1)} ms`);
steps.sort((a, b) => a - b);
console.log(`slider step with ${customers.toLocaleString('en-US')} customers (key → DOM, incl. Playwright round trip): ` +
  `median ${steps[10].toFixed(1)} ms, p90 ${steps[18].toFixed(1)} ms`);
await browser.close();
await server.close();

// Customer table benchmark: prints figures, asserts nothing about time. Run after `trunk
// build --release`. Loads 100k customers (a generated log and customer master, every
// column), opens the customer table, then measures in Debian's headless Chromium:
// - scrolling: the table scrolled by a script on every animation frame, at a reading pace
//   (5 rows a frame) and as a fling (500 rows a frame); frame times are the deltas between
//   requestAnimationFrame callbacks (median, p95, share of frames over 20 ms);
// - sort: a header click until the first row changes; search: typing an id until the
//   count shows one customer (each includes the Playwright round trip);
// - rows in the DOM while scrolled.
// Usage: node tests/bench/table_bench.mjs  (BENCH_CUSTOMERS, BENCH_ROWS to change the size)
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { genLog, genMaster } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const rows = Number(process.env.BENCH_ROWS ?? 300_000);
const log = join(dir, `log_${rows}_${customers}.csv`);
const master = join(dir, `master_${customers}.csv`);
if (!existsSync(log)) await genLog(log, rows, customers);
if (!existsSync(master)) await genMaster(master, customers);

const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.goto(server.url);
await page.waitForSelector('[data-testid=customer-count]');
await page.setInputFiles('[data-testid=file-input]', log);
const want = customers.toLocaleString('en-US');
await page.waitForFunction((w) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === w, want, { timeout: 180_000 });
await page.setInputFiles('[data-testid=file-input]', master);
await page.waitForFunction(() => document.querySelectorAll('[data-testid=source-report]').length === 2, null, { timeout: 180_000 });
await page.click('[data-testid=nav-customers]');
await page.waitForSelector('[data-testid=customer-row]');

const fmt = (v) => v.toFixed(1);
function stats(deltas) {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), over20: deltas.filter((d) => d > 20).length / deltas.length, n: deltas.length };
}

/** Scrolls `step` px per frame for `frames` frames; returns the rAF deltas and DOM row counts. */
async function scrollRun(step, frames) {
  return page.evaluate(({ step, frames }) => new Promise((done) => {
    const el = document.querySelector('.table-scroll');
    el.scrollTop = 0;
    const deltas = [];
    const domRows = [];
    let last = null;
    let k = 0;
    let dir = 1;
    const tick = (t) => {
      if (last !== null) deltas.push(t - last);
      last = t;
      domRows.push(document.querySelectorAll('[data-testid=customer-row]').length);
      if (k++ >= frames) return done({ deltas, domRows });
      const next = el.scrollTop + dir * step;
      if (next >= el.scrollHeight - el.clientHeight || next <= 0) dir = -dir;
      el.scrollTop = next;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), { step, frames });
}

// Where the time goes: Chromium's own counters (CDP Performance.getMetrics) around a run.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

// Warm up, then measure.
await scrollRun(180, 30);
for (const [label, step] of [['idle (no scrolling)', 0], ['reading pace, 5 rows/frame', 180], ['fling, 500 rows/frame', 18_000]]) {
  const m0 = await metrics();
  const { deltas, domRows } = await scrollRun(step, 300);
  const m1 = await metrics();
  const per = (k) => ((m1[k] - m0[k]) * 1000 / deltas.length).toFixed(2);
  const s = stats(deltas);
  console.log(`scroll ${label}, ${want} customers: frame median ${fmt(s.median)} ms, p95 ${fmt(s.p95)} ms, ` +
    `${(s.over20 * 100).toFixed(1)}% of ${s.n} frames over 20 ms; rows in the DOM ≤ ${Math.max(...domRows)}; ` +
    `per frame: script ${per('ScriptDuration')} ms, layout ${per('LayoutDuration')} ms, style ${per('RecalcStyleDuration')} ms, ` +
    `all tasks ${per('TaskDuration')} ms`);
}

// Sort clicks: header click → the header's aria-sort changes (the rows are updated in the
// same reactive flush) → two animation frames, so the new rows are laid out and painted.
const sortTimes = [];
for (const key of ['name', 'sales', 'abc', 'profit', 'last_order', 'flags', 'sales']) {
  const th = `th:has([data-testid=sort-${key}])`;
  const before = await page.getAttribute(th, 'aria-sort');
  const t0 = await page.evaluate(() => performance.now());
  await page.click(`[data-testid=sort-${key}]`);
  await page.waitForFunction(({ th, before }) => document.querySelector(th).getAttribute('aria-sort') !== before, { th, before }, { polling: 'raf' });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  sortTimes.push([key, await page.evaluate((t0) => performance.now() - t0, t0)]);
}
console.log(`sort by a column (click → rows painted, incl. Playwright round trip): ` +
  sortTimes.map(([k, t]) => `${k} ${fmt(t)} ms`).join(', '));

// Search: type an id, wait for "1" shown.
const id = 'C050000';
const t0 = await page.evaluate(() => performance.now());
await page.fill('[data-testid=customer-search]', id);
await page.waitForFunction(() => document.querySelector('[data-testid=customers-shown]').textContent.trim() === '1', null, { polling: 'raf' });
console.log(`search an id among ${want} customers (fill → count, incl. round trip): ${fmt(await page.evaluate((t0) => performance.now() - t0, t0))} ms`);

await browser.close();
await server.close();

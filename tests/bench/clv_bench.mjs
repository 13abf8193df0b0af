// The lifetime-value page with 100k customers (issue 18's speed targets: the fit of 100k
// customers ≤ 1 s in the browser, a horizon, discount or threshold slider ≤ 10 ms). Prints
// figures; asserts nothing about time. Run after `trunk build --release`:
//   node tests/bench/clv_bench.mjs            (BENCH_CUSTOMERS to change the size)
//
// The log is genChurnLog's (customers who buy and leave as BG/NBD assumes). Timed:
// - the fit: in the fit worker (its own start and end), from the page's asking to its answer,
//   and the reclassing once it lands; with the page's longest task while it ran (the page
//   keeps responding if that stays short); natively by the CLI for comparison;
// - each slider step: the key press on the slider (one step) until the engine has run,
//   read from `recompute-ms` (the engine update, every method whose input changed), and the
//   wall time to the next frame.
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { genChurnLog } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
// BENCH_LOG: another log to measure (the 1M-row log: target/bench/log_1000000.csv,
// written by `node tests/bench/gen_log.mjs`), of BENCH_CUSTOMERS customers.
const log = process.env.BENCH_LOG ?? join(dir, `churn_${customers}.csv`);
if (!existsSync(log)) console.log(`generated ${await genChurnLog(log, customers)} rows`);

// BENCH_DIST: another build to measure (a directory under the repository), e.g. one made
// before a change.
const server = await serve(join(ROOT, process.env.BENCH_DIST ?? 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
// The page's long tasks (over 50 ms), kept from the start.
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
});
await page.goto(`${server.url}?timings`);
await page.waitForSelector('[data-testid=customer-count]');
const chosenAt = await page.evaluate(() => performance.now());
const t0 = Date.now();
await page.setInputFiles('[data-testid=file-input]', log);
const want = customers.toLocaleString('en-US');
await page.waitForFunction((w) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === w, want, { timeout: 300_000 });
const importMs = Date.now() - t0;
await page.evaluate(() => { location.hash = '#/clv'; });
await page.waitForSelector('[data-testid=clv-param-r], [data-testid=clv-error]', { timeout: 120_000 });
const failed = await page.$('[data-testid=clv-error]');
if (failed) console.log(`the models cannot be fitted: ${await failed.textContent()}`);
const fittedMs = Date.now() - t0;
const stages = await page.evaluate((chosenAt) => {
  const m = performance.getEntriesByType('mark').filter((x) => x.name.startsWith('tierwise:'));
  const at = (n) => m.filter((x) => x.name === n).at(-1)?.startTime;
  const s = { joined: at('tierwise:joined'), prepared: at('tierwise:prepared'), engine: at('tierwise:engine'),
    fitStart: at('tierwise:fit-start'), fitted: at('tierwise:fitted'), installed: at('tierwise:fit-installed') };
  const times = window.__tierwise_fit_times;
  s.worker = times ? times[1] - times[0] : null;
  // The longest task of the page while the fit ran (from its start to its answer).
  s.longest = Math.max(0, ...window.__long.filter(([t, d]) => t + d > s.fitStart && t < s.fitted).map(([, d]) => d));
  s.longestAll = Math.max(0, ...window.__long.filter(([t, d]) => t + d > chosenAt).map(([, d]) => d));
  return s;
}, chosenAt);
const params = await page.$$eval('[data-testid^=clv-param-]', (els) => els.map((e) => `${e.dataset.testid.replace('clv-param-', '')} ${Number(e.dataset.value).toFixed(4)}`).join(', '));
console.log(`${customers.toLocaleString('en-US')} customers; import to figures ${importMs} ms; prepare (roll-up, the fit left out) ${(stages.prepared - stages.joined).toFixed(0)} ms, first engine run ${(stages.engine - stages.prepared).toFixed(0)} ms`);
if (stages.worker != null) {
  console.log(`fit: in the worker ${stages.worker.toFixed(0)} ms, asked to answered on the page ${(stages.fitted - stages.fitStart).toFixed(0)} ms, installed (the lifetime value and what reads it classed again) ${(stages.installed - stages.fitted).toFixed(0)} ms; the page's longest task meanwhile ${stages.longest.toFixed(0)} ms; file chosen to the models shown ${fittedMs} ms`);
} else {
  console.log(`fit: not in a worker (on the page, inside prepare); file chosen to the models shown ${fittedMs} ms`);
}
console.log(`the page's longest task from the file chosen to the models shown: ${stages.longestAll.toFixed(0)} ms`);
if (!failed) console.log(`fitted: ${params}`);

const recompute = () => page.textContent('[data-testid=recompute-ms]').then((s) => Number(s.replace(/,/g, '')));
async function steps(testid, key, n) {
  const figures = [];
  for (let i = 0; i < n; i++) {
    const before = await page.textContent('[data-testid=recompute-ms]');
    await page.focus(`[data-testid=${testid}]`);
    const t = Date.now();
    await page.keyboard.press(key);
    // The engine figure changes (or stays if it ran in the same time: then a frame later).
    await page.waitForFunction((b) => document.querySelector('[data-testid=recompute-ms]')?.textContent !== b, before, { timeout: 10_000 }).catch(() => {});
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
    figures.push({ engine: await recompute(), wall: Date.now() - t });
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${testid.padEnd(16)} ${key.padEnd(10)} engine median ${med(figures.map((f) => f.engine)).toFixed(1)} ms (${figures.map((f) => f.engine.toFixed(1)).join(', ')}), to the next frame ${med(figures.map((f) => f.wall))} ms`);
}
if (failed) {
  await browser.close();
  await server.close();
  process.exit(0);
}
await steps('clv-horizon', 'ArrowRight', 6); // 12 → 18 months: each step extends the curves once
await steps('clv-horizon', 'ArrowLeft', 6); // back: the curves are there
await steps('clv-discount', 'ArrowRight', 5);
await steps('clv-lapsing', 'ArrowRight', 5);
await steps('clv-high-share', 'ArrowRight', 5);
await steps('backtest-split', 'ArrowRight', 3); // each split date refits on the part before it
// A new split: from the key to the backtest's figures (the slider rests 300 ms first), and the
// page's longest task meanwhile.
for (let i = 0; i < 3; i++) {
  const before = await page.getAttribute('[data-testid=backtest-mae]', 'data-value');
  await page.focus('[data-testid=backtest-split]');
  const at = await page.evaluate(() => performance.now());
  const t = Date.now();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((b) => { const e = document.querySelector('[data-testid=backtest-mae]'); return e && e.dataset.value !== b; }, before, { timeout: 60_000 });
  const wall = Date.now() - t;
  const longest = await page.evaluate((a) => Math.max(0, ...window.__long.filter(([s, d]) => s + d > a).map(([, d]) => d)), at);
  console.log(`backtest split  key to figures ${wall} ms (of which 300 ms the slider resting), the page's longest task meanwhile ${longest.toFixed(0)} ms`);
}
console.log('targets: fit ≤ 1,000 ms, slider ≤ 10 ms (engine)');
await browser.close();
await server.close();

// The same log natively, for comparison.
const cli = join(ROOT, 'target', 'release', 'tierwise');
if (existsSync(cli)) {
  const { stderr } = spawnSync(cli, ['summary', log, '--times'], { encoding: 'utf8' });
  console.log(`native CLI: ${stderr.split('\n').find((l) => l.startsWith('times:')) ?? '(no times)'}`);
}

// The lifetime-value page with 100k customers (issue 18's speed targets: the fit of 100k
// customers ≤ 1 s in the browser, a horizon, discount or threshold slider ≤ 10 ms). Prints
// figures; asserts nothing about time. Run after `trunk build --release`:
//   node tests/bench/clv_bench.mjs            (BENCH_CUSTOMERS to change the size)
//
// The log is genChurnLog's (customers who buy and leave as BG/NBD assumes). Timed:
// - the fit: the `tierwise:prepared` stage of the import minus the same stage with the CLV
//   left out is not separable in the page, so the fit is timed by the engine's own figure
//   (`recompute-ms` after the import, every method) and natively by the CLI for comparison;
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
const log = join(dir, `churn_${customers}.csv`);
if (!existsSync(log)) console.log(`generated ${await genChurnLog(log, customers)} rows`);

const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.goto(`${server.url}?timings`);
await page.waitForSelector('[data-testid=customer-count]');
const t0 = Date.now();
await page.setInputFiles('[data-testid=file-input]', log);
const want = customers.toLocaleString('en-US');
await page.waitForFunction((w) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === w, want, { timeout: 300_000 });
const importMs = Date.now() - t0;
const stages = await page.evaluate(() => {
  const m = performance.getEntriesByType('mark').filter((x) => x.name.startsWith('tierwise:'));
  const at = (n) => m.filter((x) => x.name === n).at(-1)?.startTime;
  return { joined: at('tierwise:joined'), prepared: at('tierwise:prepared'), engine: at('tierwise:engine') };
});
await page.evaluate(() => { location.hash = '#/clv'; });
await page.waitForSelector('[data-testid=clv-param-r]', { timeout: 120_000 });
const params = await page.$$eval('[data-testid^=clv-param-]', (els) => els.map((e) => `${e.dataset.testid.replace('clv-param-', '')} ${Number(e.dataset.value).toFixed(4)}`).join(', '));
console.log(`${customers.toLocaleString('en-US')} customers; import to figures ${importMs} ms; prepare (roll-up to models fitted) ${(stages.prepared - stages.joined).toFixed(0)} ms, first engine run ${(stages.engine - stages.prepared).toFixed(0)} ms`);
console.log(`fitted: ${params}`);

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
await steps('clv-horizon', 'ArrowRight', 6); // 12 → 18 months: each step extends the curves once
await steps('clv-horizon', 'ArrowLeft', 6); // back: the curves are there
await steps('clv-discount', 'ArrowRight', 5);
await steps('clv-lapsing', 'ArrowRight', 5);
await steps('clv-high-share', 'ArrowRight', 5);
await steps('backtest-split', 'ArrowRight', 3); // each split date refits on the part before it
console.log('targets: fit ≤ 1,000 ms, slider ≤ 10 ms (engine)');
await browser.close();
await server.close();

// The same log natively, for comparison.
const cli = join(ROOT, 'target', 'release', 'tierwise');
if (existsSync(cli)) {
  const { stderr } = spawnSync(cli, ['summary', log, '--times'], { encoding: 'utf8' });
  console.log(`native CLI: ${stderr.split('\n').find((l) => l.startsWith('times:')) ?? '(no times)'}`);
}

// Browser benchmark: prints figures, asserts nothing about time. Run after `trunk build
// --release` (make bench does both). Measures, in Debian's headless Chromium:
// - import: from the file input's `change` event until the customer count shows, for a
//   1M-row transaction log (~42 MB, 100k customers), with the stages the page marks
//   (`performance.mark("tierwise:…")`: reading and parsing the chunks, roll-up, join,
//   Prepared::new, every method), the longest task while importing (responsiveness: the page
//   cannot handle input during a task), and the WASM linear memory after it (memory never
//   shrinks, so this is the peak);
// - a 100k-row XLSX log (10k customers), written by `cargo run -p tierwise-core --example
//   gen_xlsx`;
// - recompute: every method on 100k customers with all columns, in full (run_all, on new data)
//   and after a slider step (Engine::update, only what the change touches), as the page
//   reports it in [data-testid=recompute-ms];
// - slider: keyboard steps on the ABC slider with 100k customers, time from key press to the
//   updated count in the DOM;
// - with a build made with `trunk build --release --features heap-stats -d target/heap-dist`
//   and `BENCH_DIST=target/heap-dist`: what the allocator held at each stage of the import;
// - with `--big`: a 10M-row log (~420 MB, the same 100k customers) in a fresh tab, time and memory;
// - with `--import-only`: only the log imports (1M rows, and 10M with `--big`).
import { mkdirSync, existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { genLog, genMaster } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';
import { armImportTimer, importStages, heapByStage } from './import_timer.mjs';

const big = process.argv.includes('--big');
const importOnly = process.argv.includes('--import-only');
const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const fmt = (n) => n.toLocaleString('en-US');
const s = (ms) => (ms / 1000).toFixed(3);

async function logFile(r, c) {
  const file = join(dir, `log_${r}.csv`);
  if (!existsSync(file)) await genLog(file, r, c);
  return file;
}

function xlsxFile(r, c) {
  const file = join(dir, `log_${r}.xlsx`);
  if (!existsSync(file)) {
    execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'tierwise-core', '--example', 'gen_xlsx', '--', file, String(r), String(c)],
      { cwd: ROOT, stdio: 'inherit' });
  }
  return file;
}

const server = await serve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));
const browser = await launch();

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    // Long tasks (≥ 50 ms) while importing: the page cannot respond to input during one.
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=customer-count]');
  return page;
}

const memory = (page) => page.evaluate(() => window.__wasm.memory.buffer.byteLength);

/** Imports `file` `n` times (the sample in between); returns times and stage marks (ms from the change event). */
async function importTimed(page, file, want, n) {
  const out = [];
  for (let run = 0; run < n; run++) {
    await page.click('[data-testid=load-sample]');
    await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]').textContent.trim() === '300');
    await armImportTimer(page, want);
    await page.setInputFiles('[data-testid=file-input]', file);
    await page.waitForFunction(() => window.__t.end, null, { timeout: 300_000, polling: 50 });
    out.push(await importStages(page));
  }
  out.sort((a, b) => a.total - b.total);
  return out;
}

function report(label, mb, res, target) {
  const med = res[Math.floor(res.length / 2)];
  console.log(`${label} (${mb.toFixed(1)} MB): median ${s(med.total)} s, best ${s(res[0].total)} s over ${res.length} runs` +
    (target ? ` (target ${target} s: ${(med.total / 1000 / target).toFixed(2)}× the target)` : ''));
  console.log(`  median run, ms from the change event: chunks read and parsed ${med.read.toFixed(0)} (of which parsing ${med.push.toFixed(0)}, ` +
    `waiting for the first chunk ${med.first.toFixed(0)}, between chunks ${med.between.toFixed(0)}), ` +
    `roll-up ${(med.parsed - med.read).toFixed(0)}, join ${(med.joined - med.parsed).toFixed(0)}, ` +
    `Prepared::new ${(med.prepared - med.joined).toFixed(0)}, every method ${(med.engine - med.prepared).toFixed(0)}, ` +
    `render ${(med.total - med.engine).toFixed(0)}; longest task ${med.longest.toFixed(0)} ms`);
}

// 1M-row log, in a fresh tab so that the memory figure is this import's.
const file = await logFile(rows, customers);
const mb = statSync(file).size / 1e6;
let page = await openPage();
const memBefore = await memory(page);
// One import in the fresh tab, then the workspace save it triggers, for the peak memory.
const first = await importTimed(page, file, fmt(customers), 1);
await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.trim() === 'Saved in this browser.', null, { timeout: 120_000 })
  .catch(() => console.log('  (the save did not report "saved"; memory read anyway)'));
const memOne = await memory(page);
console.log(`  wasm memory: ${(memBefore / 1e6).toFixed(1)} MB with the sample, ${(memOne / 1e6).toFixed(1)} MB peak after one import and its save ` +
  `(${(memOne / 1e6 / mb).toFixed(2)}× the file size; target 2×)`);
// With a `heap-stats` build (see src/heap_stats.rs), what the allocator held at each stage.
const heap = await page.evaluate(() => window.__tierwise_heap ?? null);
if (process.env.BENCH_HEAP_RAW) console.log(JSON.stringify(heap));
if (heap) {
  console.log('  heap by stage (live after it / most live during it / WASM memory after it, MB): ' + heapByStage(heap));
}
const more = await importTimed(page, file, fmt(customers), runs - 1);
report(`import ${fmt(rows)}-row log, ${fmt(customers)} customers`, mb, [...first, ...more].sort((a, b) => a.total - b.total), 0.4);
const memAfter = await memory(page);
console.log(`  wasm memory after ${runs} imports: ${(memAfter / 1e6).toFixed(1)} MB (${(memAfter / 1e6 / mb).toFixed(2)}× the file size)`);

if (!importOnly) {
  // 100k-row XLSX.
  const xlsx = xlsxFile(100_000, 10_000);
  report('import 100,000-row XLSX log, 10,000 customers', statSync(xlsx).size / 1e6, await importTimed(page, xlsx, fmt(10_000), runs), 0.6);

  // Add a customer master with every attribute, so that every method runs (a bare log leaves
  // the share-of-wallet, score and pyramid methods without their columns).
  await page.click('[data-testid=load-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]').textContent.trim() === '300');
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction((want) => document.querySelector('[data-testid=customer-count]').textContent.trim() === want, fmt(customers), { timeout: 120_000 });
  const master = join(dir, `master_${customers}.csv`);
  if (!existsSync(master)) await genMaster(master, customers);
  await page.setInputFiles('[data-testid=file-input]', master);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=source-report]').length === 2, null, { timeout: 120_000 });
  // New data runs every method once (Engine::new = run_all); the page shows how long it took.
  const fullRun = Number((await page.textContent('[data-testid=recompute-ms]')).replace(/,/g, ''));
  console.log(`every method computed (run_all) for ${fmt(customers)} customers with all columns: ${fullRun.toFixed(1)} ms`);

  // Slider steps with 100k customers: key press → updated count in the DOM.
  const steps = [];
  const recompute = [];
  await page.click('[data-testid=nav-methods]');
  await page.click('[data-testid=nav-abc]');
  await page.waitForSelector('[data-testid=slider-abc-a]');
  await page.focus('[data-testid=slider-abc-a]');
  for (let k = 0; k < 20; k++) {
    const before = await page.textContent('[data-testid=abc-count-A]');
    const t0 = await page.evaluate(() => performance.now());
    await page.keyboard.press(k % 2 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForFunction((b) => document.querySelector('[data-testid=abc-count-A]').textContent !== b, before, { polling: 'raf' });
    steps.push(await page.evaluate((t0) => performance.now() - t0, t0));
    recompute.push(Number((await page.textContent('[data-testid=recompute-ms]')).replace(/,/g, '')));
  }
  recompute.sort((a, b) => a - b);
  console.log(`settings change → every method up to date (Engine::update) for ${fmt(customers)} customers: ` +
    `median ${recompute[10].toFixed(1)} ms, p90 ${recompute[18].toFixed(1)} ms`);
  steps.sort((a, b) => a - b);
  console.log(`slider step with ${fmt(customers)} customers (key → DOM, incl. Playwright round trip): ` +
    `median ${steps[10].toFixed(1)} ms, p90 ${steps[18].toFixed(1)} ms`);
}
await page.close();

if (big) {
  const bigRows = 10_000_000;
  const bigCustomers = 100_000;
  const bigFile = await logFile(bigRows, bigCustomers);
  const bigMb = statSync(bigFile).size / 1e6;
  page = await openPage();
  const [bigRun] = await importTimed(page, bigFile, fmt(bigCustomers), 1);
  report(`import ${fmt(bigRows)}-row log, ${fmt(bigCustomers)} customers`, bigMb, [bigRun], 4);
  console.log(`  wasm memory after it: ${((await memory(page)) / 1e6).toFixed(1)} MB (${((await memory(page)) / 1e6 / bigMb).toFixed(2)}× the file size)`);
  // A log this large is split: a worker reads the second part (src/part_worker.rs).
  const part = await page.evaluate(() => window.__tierwise_part_memory === undefined ? null : {
    memory: window.__tierwise_part_memory,
    times: window.__tierwise_part_times.map((t) => t - performance.timeOrigin - window.__t.start),
  });
  if (part) {
    const [started, read, done] = part.times;
    console.log(`  worker: ${(part.memory / 1e6).toFixed(1)} MB of wasm memory; started ${started.toFixed(0)} ms after the change event, ` +
      `read its part by ${read.toFixed(0)} ms, sent it at ${done.toFixed(0)} ms; the page read its own part by ${bigRun.pageRead.toFixed(0)} ms ` +
      `and had the worker's in by ${bigRun.part.toFixed(0)} ms`);
  } else {
    console.log('  (not split: no worker part)');
  }
  await page.close();
}
await browser.close();
await server.close();

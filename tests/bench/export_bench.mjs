// Exporting 100k customers in the browser as a user does (issue 16): a log of 200k rows and
// 100k customers imported in a fresh page, then *Export CSV* and *Export XLSX* clicked in turn
// (interleaved, EXPORT_RUNS times each; with the "why" columns and without), timed from the click to the browser's download, with
// the page's own figure (its status line) beside it, and the WebAssembly memory before and
// after (it never shrinks, so its growth is the export's peak in it). The file goes out of
// the WebAssembly memory piece by piece as it is written (ui/download.rs `BlobParts`).
// Targets (printed, never asserted): CSV ≤ 0.5 s, XLSX ≤ 3 s, peak memory below twice the
// file. Run after `trunk build --release`: node tests/bench/export_bench.mjs (BENCH_DIST: see below)
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genLog } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launchPersistent } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const runs = Number(process.env.EXPORT_RUNS ?? 3);
const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const log = join(dir, 'log_200k_100k.csv');
if (!existsSync(log)) await genLog(log, 200_000, 100_000);

// BENCH_DIST=<dir, relative to the repository> measures another build.
const server = await serve(join(ROOT, process.env.BENCH_DIST ?? 'dist'));
// A profile on disk, as a person's browser has: an off-the-record context keeps every Blob in
// memory, and with this many large files in a row it cancels a download once its Blob
// storage is full (the page releases each file's Blob 30 s after its download starts).
const profile = mkdtempSync(join(tmpdir(), 'tierwise-export-bench-'));
const context = await launchPersistent(profile, { acceptDownloads: true, serviceWorkers: 'block', viewport: { width: 1366, height: 900 } });
const page = await context.newPage();
await page.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
});
await page.goto(server.url);
await page.waitForSelector('[data-testid=customer-count]');
await page.setInputFiles('[data-testid=file-input]', log);
await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '100,000', null, { timeout: 180_000 });
const memory = () => page.evaluate(() => window.__wasm.memory.buffer.byteLength);
console.log(`100k customers (${(statSync(log).size / 1e6).toFixed(1)} MB log); wasm memory after the import ${(await memory() / 1e6).toFixed(1)} MB`);

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// With the "why" columns (the default), and without them (the export-why box unticked).
const CASES = [['export-csv', true], ['export-xlsx', true], ['export-csv', false], ['export-xlsx', false]];
const figures = Object.fromEntries(CASES.map(([id, why]) => [`${id}${why ? '' : ' (no why)'}`, []]));
for (let r = 0; r < runs; r++) {
  for (const [id, why] of CASES) {
    if ((await page.isChecked('[data-testid=export-why]')) !== why) await page.click('[data-testid=export-why]');
    const label = `${id}${why ? '' : ' (no why)'}`;
    const before = await memory();
    const t0 = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click(`[data-testid=${id}]`)]);
    const ms = Date.now() - t0;
    await page.waitForSelector('[data-testid=export-status][data-state=done]');
    const status = (await page.textContent('[data-testid=export-status]')).trim();
    const path = join(dir, `export-${r}-${dl.suggestedFilename()}`);
    await dl.saveAs(path);
    const bytes = statSync(path).size;
    const grew = (await memory()) - before;
    figures[label].push({ ms, bytes, grew });
    console.log(`run ${r + 1} ${label.padEnd(21)} ${ms} ms to the download, ${(bytes / 1e6).toFixed(1)} MB, wasm memory +${(grew / 1e6).toFixed(1)} MB; page: "${status}"`);
    await page.waitForTimeout(500);
  }
}
for (const [id, fs] of Object.entries(figures)) {
  const bytes = fs[0].bytes;
  const grew = Math.max(...fs.map((f) => f.grew));
  console.log(`${id.padEnd(21)} median ${med(fs.map((f) => f.ms))} ms (${fs.map((f) => f.ms).join(', ')}); ` +
    `wasm memory grew by at most ${(grew / 1e6).toFixed(1)} MB (${(grew / bytes).toFixed(2)}× the ${(bytes / 1e6).toFixed(1)} MB file)`);
}
console.log('targets: CSV ≤ 500 ms, XLSX ≤ 3,000 ms, peak memory below twice the file');
await context.close();
rmSync(profile, { recursive: true, force: true });
await server.close();

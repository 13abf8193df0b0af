// Restore benchmark: prints figures, asserts nothing about time. Run after `trunk build
// --release`. For a 100k-customer workspace, in Debian's headless Chromium:
// - save: from the customer count showing after an import until the page says it is saved
//   (encode every part, one IndexedDB transaction);
// - restore: on reload, the page's own figure ([data-testid=restore-time]: read IndexedDB,
//   check and decode every part, put it in place) and the wall time from navigation until the
//   customer count shows (adds loading the WASM and running every method);
// - the storage used, as navigator.storage.estimate reports it.
// Cases: a 1M-row transaction log (stored by column, 100k customers rolled up), and a 100k-row
// customer table.
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { genLog, genMaster } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const log = join(dir, `log_${rows}.csv`);
if (!existsSync(log)) await genLog(log, rows, customers);
const master = join(dir, `master_${customers}.csv`);
if (!existsSync(master)) await genMaster(master, customers);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const want = customers.toLocaleString('en-US');

const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(label, file) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=customer-count]');
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction((w) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === w, want, { timeout: 180_000 });
  const t0 = Date.now();
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.trim() === 'Saved in this browser.', null, { timeout: 180_000, polling: 20 });
  const save = Date.now() - t0;
  await page.waitForFunction(() => /Storage used/.test(document.querySelector('[data-testid=storage-usage]')?.textContent), null, { timeout: 30_000 });
  const usage = (await page.textContent('[data-testid=storage-usage]')).trim();
  const restore = [];
  const wall = [];
  for (let k = 0; k < runs; k++) {
    const start = Date.now();
    await page.reload();
    await page.waitForFunction((w) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === w, want, { timeout: 180_000, polling: 20 });
    wall.push(Date.now() - start);
    const t = (await page.textContent('[data-testid=restore-time]')).trim();
    restore.push(Number(t.replace(/[^0-9]/g, '')));
  }
  console.log(`${label}: save ${save} ms; restore (read + decode + apply) median ${median(restore)} ms ` +
    `[${restore.join(', ')}]; reload to figures shown median ${median(wall)} ms [${wall.join(', ')}]; ${usage}`);
  await context.close();
}

await bench(`${rows.toLocaleString('en-US')}-row log, ${want} customers`, log);
await bench(`${want}-row customer table`, master);
await browser.close();
await server.close();

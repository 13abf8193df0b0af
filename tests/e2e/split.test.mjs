// A log over 64 MiB is split: a Web Worker reads its second part while the page reads the
// first, and the page takes the worker's part in. The result must be the one reading alone
// gives: every row counted, customers first seen in either part, rejected rows with their
// file row numbers. If the worker cannot start, the page reads the whole file itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { start, openApp, count, assertClean, ROOT } from './helpers.mjs';

const dir = join(ROOT, 'target', 'e2e');
const file = join(dir, 'split_log.csv');
const ROWS = 2_400_000;
const CUSTOMERS = 50_000;
// Data rows (0-based) with an amount that is not a number: early, in the middle (near where
// the file is split) and at the end. Their file rows are one more (the header) plus one.
const BAD = [5, 1_320_000, 2_399_990];
// A customer met only on the last row, so only in the worker's part.
const LATE = 'LATE-CUSTOMER';

async function generate() {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  await write('customer_id,order_date,amount,product\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const id = i === ROWS - 1 ? LATE : `C${String((i * 7919) % CUSTOMERS).padStart(6, '0')}`;
    const amount = BAD.includes(i) ? 'n/a' : `${(i % 5000) + 10}.${String(i % 100).padStart(2, '0')}`;
    buf += `${id},2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${amount},P${i % 9}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((ok) => out.end(ok));
}

let env;
before(async () => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) await generate();
  assert.ok(statSync(file).size > 64 * 1024 * 1024, 'large enough to be split');
  env = await start();
});
after(async () => { await env?.stop(); });

async function importLog(page) {
  await page.evaluate(() => performance.clearMarks());
  await page.setInputFiles('[data-testid=file-input]', file);
  // Customers: every id C000000..C049999 (i·7919 mod 50,000 runs through them all, as 7919
  // is prime to 50,000) and the late one; the rows with a bad amount still leave every id.
  await page.waitForFunction((want) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === want,
    (CUSTOMERS + 1).toLocaleString('en-US'), { timeout: 120_000 });
  assert.equal(await count(page, 'rows-read'), ROWS);
  assert.equal(await count(page, 'rows-used'), ROWS - BAD.length);
  assert.equal(await count(page, 'rows-rejected'), BAD.length);
  const listed = await page.$$eval('[data-testid=source-report] .rejections li', (li) => li.map((x) => x.textContent));
  assert.deepEqual(listed.map((t) => Number(/row ([\d,]+)/.exec(t)[1].replaceAll(',', ''))), BAD.map((i) => i + 2), listed.join('\n'));
  return page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
}

test('a 71 MB log is read by the page and a worker, and counts as if read alone', async () => {
  const page = await env.page();
  await openApp(env, page);
  const marks = await importLog(page);
  assert.ok(marks.includes('tierwise:split'), 'split');
  assert.ok(marks.includes('tierwise:part'), "the worker's part was taken in");
  assertClean(page, env.server);
});

test('when the worker cannot start, the page reads the whole log itself', async () => {
  const page = await env.page({ serviceWorkers: 'block' });
  // (No service worker: it would serve the script from its cache, past the route below.)
  await page.route('**/part-worker.js', (route) => route.abort());
  await openApp(env, page);
  const marks = await importLog(page);
  assert.ok(!marks.includes('tierwise:part'), 'no part');
});

test('under a sub-path (GitHub Pages), the worker loads from it too', async () => {
  const sub = await start({ dist: join(ROOT, 'target', 'dist-subpath'), base: '/tierwise/' });
  try {
    const page = await sub.page();
    await openApp(sub, page);
    const marks = await importLog(page);
    assert.ok(marks.includes('tierwise:part'), "the worker's part was taken in");
    const paths = page.requests.map((u) => new URL(u).pathname);
    for (const p of ['/tierwise/part-worker.js', '/tierwise/tierwise-part_bg.wasm', '/tierwise/read-worker.js']) {
      assert.ok(paths.includes(p), `${p} not among ${paths.join(' ')}`);
    }
    for (const p of paths) assert.ok(p.startsWith('/tierwise/'), `request outside the sub-path: ${p}`);
    assertClean(page, sub.server);
  } finally {
    await sub.stop();
  }
});

// A large file shows a progress bar while it is read in chunks, and can be cancelled, leaving
// the workspace as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { start, openApp, count, assertClean, ROOT } from './helpers.mjs';
import { genLog } from '../bench/gen_log.mjs';

const dir = join(ROOT, 'target', 'e2e');
const big = join(dir, 'log_400000.csv');

/** The `performance.mark`s the page made (the import path leaves `tierwise:…` ones). */
const marks = (page) => page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));

let env;
before(async () => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(big)) await genLog(big, 400_000, 40_000);
  env = await start();
});
after(async () => { await env.stop(); });

test('progress shows while a 17 MB log is read, and cancel leaves the sample in place', async () => {
  const page = await env.page();
  await openApp(env, page);
  // The import is fast, so the page itself presses cancel the moment the bar shows, recording
  // the bar's value then (a Playwright round trip could come after the last chunk).
  await page.evaluate(() => {
    window.__seen = [];
    new MutationObserver((_, obs) => {
      const bar = document.querySelector('[data-testid=import-progress]');
      if (!bar) return;
      window.__seen.push(Number(bar.getAttribute('value')));
      document.querySelector('[data-testid=import-cancel]').click();
      obs.disconnect();
    }).observe(document.body, { subtree: true, childList: true });
  });
  await page.setInputFiles('[data-testid=file-input]', big);
  await page.waitForFunction(() => window.__seen.length > 0);
  await page.waitForSelector('[data-testid=import-progress]', { state: 'detached' });
  const [value] = await page.evaluate(() => window.__seen);
  assert.ok(value >= 0 && value < 1, `progress ${value}`);
  assert.equal(await count(page, 'customer-count'), 300, 'still the sample');
  // The file reader worker was given back after the cancelled import; the next one uses it,
  // and nothing of the cancelled reading leaks into it.
  await page.evaluate(() => performance.clearMarks());
  await page.setInputFiles('[data-testid=file-input]', big);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '40,000', null, { timeout: 60_000 });
  assert.equal(await count(page, 'rows-read'), 400_000);
  assert.equal(await count(page, 'rows-rejected'), 0);
  assert.ok(!(await marks(page)).includes('tierwise:read-by-page'), 'read by the worker');
  assertClean(page, env.server);
});

test('the same log, not cancelled, imports all 400,000 rows for 40,000 customers', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', big);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '40,000', null, { timeout: 60_000 });
  assert.equal(await count(page, 'rows-read'), 400_000);
  assert.equal(await count(page, 'rows-used'), 400_000);
  assert.equal(await count(page, 'rows-rejected'), 0);
  // Its chunks were read by the worker (public/read-worker.js), not by the page.
  assert.ok(!(await marks(page)).includes('tierwise:read-by-page'), 'read by the worker');
  assertClean(page, env.server);
});

test('when the file reader worker cannot start, the page reads the chunks itself', async () => {
  const page = await env.page({ serviceWorkers: 'block' });
  // (No service worker: it would serve the script from its cache, past the route below.)
  await page.route('**/read-worker.js', (route) => route.abort());
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', big);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '40,000', null, { timeout: 60_000 });
  assert.equal(await count(page, 'rows-read'), 400_000);
  assert.equal(await count(page, 'rows-used'), 400_000);
  assert.ok((await marks(page)).includes('tierwise:read-by-page'), 'read by the page');
});

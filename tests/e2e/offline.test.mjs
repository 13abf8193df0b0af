// Offline after one visit (a consultant in a meeting room without Wi-Fi): the service worker
// (tools/offline.mjs, public/register-sw.js) caches the app's files; with the network gone,
// a reload brings back the app and the saved workspace, and a file still imports. At / and
// under /tierwise/. Nothing leaves loopback, and the page is installable (its manifest).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { start, openApp, count, abcCounts, assertClean, ROOT, FIXTURES } from './helpers.mjs';

async function offlineRound(env) {
  const page = await env.page();
  await openApp(env, page);
  // The worker installs and takes the page over (clients.claim).
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 });
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.trim() === 'Saved in this browser.');
  const served = env.server.requests.length;
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 }, 'the saved workspace, offline');
  // Import offline: the parser is in the page (and its workers in the cache).
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'customers_zh.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '5');
  // A workbook too: its reader (a worker the page loads only for workbooks) is in the cache.
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await page.setInputFiles('[data-testid=file-input]', join(ROOT, 'tests', 'fixtures', 'import', 'office_log.ods'));
  await page.waitForFunction(() => document.querySelector('[data-testid=source-report] .file')?.textContent === 'office_log.ods');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '2');
  assert.equal(env.server.requests.length, served, 'nothing reached the server while offline');
  // The manifest makes it installable.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.short_name, 'Tierwise');
  assert.equal(manifest.start_url, './');
  await page.context().setOffline(false);
  assertClean(page, env.server);
  await page.context().close();
}

test('offline after one visit, at /', async () => {
  const env = await start();
  try {
    await offlineRound(env);
  } finally {
    await env.stop();
  }
});

test('offline after one visit, under /tierwise/', async () => {
  const env = await start({ dist: join(ROOT, 'target', 'dist-subpath'), base: '/tierwise/' });
  try {
    await offlineRound(env);
    for (const u of env.server.requests) assert.ok(u.startsWith('/tierwise/'), u);
  } finally {
    await env.stop();
  }
});

test('a new deployment is offered as a reload, and replaces the cache cleanly', async () => {
  // A copy of the build, so that a new deployment can be written over it.
  const site = mkdtempSync(join(tmpdir(), 'tierwise-deploy-'));
  cpSync(join(ROOT, 'dist'), site, { recursive: true });
  const env = await start({ dist: site });
  try {
    const page = await env.page();
    await openApp(env, page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 });
    const before = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('tierwise-')));
    assert.equal(before.length, 1);
    // Deploy: a new sw.js (what a new build writes), found by the browser's update check.
    const sw = join(site, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('[data-testid=update-ready]', { timeout: 30000 });
    // Until the user agrees, the old version serves; then the page reloads on the new one.
    await Promise.all([page.waitForEvent('load', { timeout: 30000 }), page.click('[data-testid=update-reload]')]);
    await page.waitForFunction(async () => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('tierwise-'));
      return keys.length === 1 && keys[0].endsWith('-next');
    }, null, { timeout: 30000 });
    await page.waitForSelector('[data-testid=customer-count]');
    assert.equal(await count(page, 'customer-count'), 300);
    assert.equal(await page.isVisible('[data-testid=update-ready]'), false);
    assertClean(page, env.server);
  } finally {
    await env.stop();
    rmSync(site, { recursive: true, force: true });
  }
});

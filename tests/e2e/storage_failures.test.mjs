// Storage failures: IndexedDB missing (private mode in some browsers, storage disabled) and
// the quota exceeded. A clear message, the app keeps working in memory, and what was saved
// before stays whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, ensure, goto, count, text, nudge, abcCounts, assertClean, FIXTURES } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

async function waitCount(page, n) {
  await ensure(page, 'customer-count');
  await page.waitForFunction((n) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === String(n), n);
}

test('without IndexedDB the app says so and works in memory', async () => {
  const page = await env.page();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await openApp(env, page);
  await page.waitForSelector('[data-testid=storage-error]');
  assert.match(await text(page, 'storage-error'), /^Browser storage is unavailable \(private mode\?\): your work is kept in memory/);
  assert.equal(await count(page, 'customer-count'), 300);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await waitCount(page, 10);
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  // Reviews still work in memory.
  await goto(page, 'snapshots');
  await page.click('[data-testid=save-review]');
  await page.waitForSelector('[data-testid=migration-matrix]');
  assert.equal(await text(page, 'matrix-0-0'), '4');
  assertClean(page, env.server);
  await page.context().close();
});

test('quota exceeded: a message, work goes on in memory, the saved state stays whole', async () => {
  const page = await env.page();
  // Stands in for a full disk: once switched on, IndexedDB refuses every write as the browser
  // does when the quota is exceeded.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (sessionStorage.getItem('full') === '1') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await waitCount(page, 10);
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.trim() === 'Saved in this browser.');
  await page.evaluate(() => sessionStorage.setItem('full', '1'));
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'customers_zh.csv'));
  await waitCount(page, 5);
  await page.waitForSelector('[data-testid=storage-error]');
  assert.match(await text(page, 'storage-error'), /^Browser storage is full: the last change is kept in memory only; what was saved before is intact\./);
  assert.deepEqual(await abcCounts(page), { A: 2, B: 2, C: 1 }, 'in memory, the app goes on');
  // Reopened: the last state that was saved, whole.
  await page.reload();
  await waitCount(page, 10);
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  assert.equal(await page.isVisible('[data-testid=storage-error]'), false);
  assertClean(page, env.server);
  await page.context().close();
});

// A workspace never saved whose data the storage refuses: no later change offers the data
// again (each would encode all of it anew, seconds for a million customers), the message
// stays, and "Try saving again" does, once there is room.
test('quota exceeded before the first save: the data is not offered again until asked', async () => {
  const page = await env.page();
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (sessionStorage.getItem('full') !== '0') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await waitCount(page, 10);
  await page.waitForSelector('[data-testid=storage-error]');
  assert.match(await text(page, 'storage-error'), /^Browser storage is full/);
  const encoded = () => page.evaluate(() => performance.getEntriesByName('tierwise:encoded').length);
  assert.equal(await encoded(), 1);
  for (let k = 0; k < 3; k++) {
    await nudge(page, 'slider-abc-a', -1);
    await page.waitForTimeout(400); // past the 250 ms a settings save waits for the control to rest
  }
  assert.equal(await encoded(), 1, 'the data was not encoded again for the settings changes');
  await goto(page, 'overview');
  assert.equal(await page.isVisible('[data-testid=storage-error]'), true);
  // Room again: the user asks, and the whole workspace is saved.
  await page.evaluate(() => sessionStorage.setItem('full', '0'));
  await page.click('[data-testid=storage-retry]');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.dataset.state === 'saved');
  assert.equal(await encoded(), 2);
  assert.equal(await page.isVisible('[data-testid=storage-error]'), false);
  const abc = await abcCounts(page);
  await page.reload();
  await waitCount(page, 10);
  assert.deepEqual(await abcCounts(page), abc, 'the data and the moved slider were saved');
  assertClean(page, env.server);
  await page.context().close();
});

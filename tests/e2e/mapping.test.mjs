// The column mapping can be fixed by hand, the file is read again with it, and the mapping is
// remembered for the next file with the same headers. Figures hand-computed below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, count, abcCounts, assertClean, FIXTURES } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

// orders_small.csv with its "profit" column read as the sales amount (and "amount" ignored):
// Acme 50+30+0 = 80, Borealis 40, Cobalt 30, Dune 15, Ember 5, Fjord 4, Garnet 3, Helix 2,
// Iris 1, Juno 1+0 = 1; total 181. The "n/a" row now has a valid amount (its profit, 0), so
// 14 rows are used and none rejected. Shares before each customer: 0, 44.2, 66.3 → A (3);
// 82.9, 91.2, 93.9 → B (3); 96.1, 97.8, 98.9, 99.4 → C (4).
const REMAPPED = { A: 3, B: 3, C: 4 };

test('mapping a column by hand reads the file again, and is remembered', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });

  await page.click('[data-testid=mapping-open]');
  await page.waitForSelector('dialog[data-testid=mapping][open]');
  assert.equal(await page.inputValue('[data-testid=map-2]'), 'amount');
  await page.selectOption('[data-testid=map-3]', 'amount');
  await page.waitForFunction(() => document.querySelector('[data-testid=rows-rejected]')?.textContent.trim() === '0');
  assert.equal(await count(page, 'rows-used'), 14);
  assert.equal(await page.inputValue('[data-testid=map-2]'), '', 'the old amount column is now ignored');
  await page.click('[data-testid=mapping-close]');
  assert.deepEqual(await abcCounts(page), REMAPPED);

  // Same headers again, in a new page of the same browser profile: the mapping comes back.
  await page.reload();
  await page.waitForSelector('[data-testid=customer-count]');
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForSelector('[data-testid=mapping-remembered]');
  assert.deepEqual(await abcCounts(page), REMAPPED);
  assertClean(page, env.server);
});

test('a file read with the other shape moves to the other slot', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'customers_zh.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '5');
  assert.equal(await page.getAttribute('[data-testid=source-report]', 'data-slot'), 'master');
  await page.selectOption('[data-testid=shape-select]', 'log');
  // Read as a log (one row per order, no dates), it moves to the log slot; each row is one
  // order, so the customers and their sales are unchanged: 甲 500, 乙 300, 丙 100, 丁 60, 戊 40.
  await page.waitForFunction(() => document.querySelector('[data-testid=source-report]')?.dataset.slot === 'log');
  assert.equal(await page.$$eval('[data-testid=source-report]', (els) => els.length), 1, 'not loaded twice');
  assert.equal(await count(page, 'customer-count'), 5);
  assert.deepEqual(await abcCounts(page), { A: 2, B: 2, C: 1 });
  assertClean(page, env.server);
});

// Uploading the user's own CSV files through the file input, with hand-computed figures
// (tests/fixtures/e2e/README.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { start, openApp, count, text, abcCounts, tierCounts, nudge, assertClean, FIXTURES } from './helpers.mjs';
const HOSTILE = join(FIXTURES, '..', 'hostile');

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('a transaction log replaces the sample and rolls up per customer', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), false, 'banner gone with own data');
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  assert.deepEqual(await tierCounts(page), { VIP: 1, Large: 1, Medium: 3, Small: 5 });
  assert.equal(await count(page, 'rows-read'), 14);
  assert.equal(await count(page, 'rows-used'), 13);
  assert.equal(await count(page, 'rows-rejected'), 1);
  await page.click('[data-testid=source-report] summary');
  const listed = await page.textContent('.rejections');
  assert.match(listed, /row 15, column "amount", value "n\/a": not a number/);

  // A = 80 → 60: hand-computed A 2, B 1, C 7.
  await nudge(page, 'slider-abc-a', -20);
  assert.equal(await text(page, 'slider-abc-a-value'), '60%');
  assert.deepEqual(await abcCounts(page), { A: 2, B: 1, C: 7 });
  assertClean(page, env.server);
});

test('a customer table with Chinese headers and a BOM', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'customers_zh.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '5');
  assert.deepEqual(await abcCounts(page), { A: 2, B: 2, C: 1 });
  assert.deepEqual(await tierCounts(page), { VIP: 1, Large: 0, Medium: 2, Small: 2 });
  assert.equal(await count(page, 'rows-rejected'), 0);
  assertClean(page, env.server);
});

test('a file that is not a CSV gets a clear message naming it', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
  });
  await page.waitForSelector('[data-testid=import-error]');
  // Named first, and said in words: it is no table (binary data).
  assert.match(await text(page, 'import-error'), /^photo\.png is not a table: it holds binary data/);
  assert.equal(await count(page, 'customer-count'), 300, 'the sample is still there');
  assertClean(page, env.server);
});

test('dropping a file on the data panel imports it', async () => {
  const page = await env.page();
  await openApp(env, page);
  const csv = readFileSync(join(FIXTURES, 'orders_small.csv'), 'utf8');
  await page.evaluate((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    const panel = document.querySelector('section.import');
    panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    panel.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  assert.match(await page.textContent('[data-testid=source-report]'), /dropped\.csv/);
  assertClean(page, env.server);
});

test('a file with no usable row never replaces the data: it is refused by name, and a reload still has the import', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  // A header with nothing under it, then a log whose every row is rejected.
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'header_only.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\n'),
  });
  await page.waitForSelector('[data-testid=import-error]');
  assert.match(await text(page, 'import-error'), /header_only\.csv has a header but no rows/);
  assert.equal(await count(page, 'customer-count'), 10, 'the import is kept');
  await page.setInputFiles('[data-testid=file-input]', {
    name: 'all_rejected.csv', mimeType: 'text/csv',
    buffer: Buffer.from('customer,date,amount\nC1,2024-01-05,n/a\nC2,not a date,10\n'),
  });
  await page.waitForFunction(() => /all_rejected\.csv/.test(document.querySelector('[data-testid=import-error]')?.textContent ?? ''));
  const message = await text(page, 'import-error');
  assert.match(message, /None of the 2 rows of all_rejected\.csv could be used/);
  assert.match(message, /row 2/);
  assert.equal(await count(page, 'customer-count'), 10);
  assert.equal(await count(page, 'rows-used'), 13, 'the kept source still accounts for its rows');
  // The saved workspace is the import, not nothing.
  await page.waitForFunction(() => /saved|已保存|guardad/i.test(document.querySelector('[data-testid=save-status]')?.textContent ?? ''), null, { timeout: 10_000 }).catch(() => {});
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), false);
  assertClean(page, env.server);
});

test('a damaged workbook: the message is in the chosen language, the parser\'s words behind "Details"', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.selectOption('[data-testid=lang-select]', 'es');
  await page.setInputFiles('[data-testid=file-input]', join(HOSTILE, 'xlsx_truncated.xlsx'));
  await page.waitForSelector('[data-testid=import-error]');
  const message = (await page.textContent('[data-testid=import-error] .message')).trim();
  assert.equal(message, 'xlsx_truncated.xlsx no es un libro legible (puede estar dañado o no ser del tipo que indica su extensión).');
  // The detail is there, folded; opening it shows the zip reader's own words.
  assert.equal(await page.isVisible('[data-testid=import-error-detail] code'), false);
  await page.click('[data-testid=import-error-detail] summary');
  assert.match(await page.textContent('[data-testid=import-error-detail] code'), /zip|Zip|EOCD|archive/);
  // The language switch re-says it.
  await page.selectOption('[data-testid=lang-select]', 'zh-CN');
  assert.match(await page.textContent('[data-testid=import-error] .message'), /^xlsx_truncated\.xlsx 不是可读取的工作簿/);
  assert.equal(await count(page, 'customer-count'), 300, 'the sample is still there');
  assertClean(page, env.server);
});

test('a panic during an import: a message over the page, and a reload brings the previous data back', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  // Let the workspace save, then ask the next import to panic (ui/crash.rs's test hook).
  await page.waitForTimeout(400);
  await page.waitForFunction(() => /^Saved/.test(document.querySelector('[data-testid=save-status]')?.textContent.trim() ?? ''));
  await page.evaluate(() => { window.__tierwisePanicOnImport = true; });
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'customers_zh.csv'));
  await page.waitForSelector('[data-testid=crash-message]');
  assert.match(await page.textContent('[data-testid=crash-message] h2'), /^Something went wrong$/);
  assert.match(await page.textContent('[data-testid=crash-message] p'), /Your saved data is unchanged/);
  assert.match(await page.textContent('[data-testid=crash-detail] code'), /test panic on import/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'crash-reload');
  await page.click('[data-testid=crash-reload]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.equal(await page.isVisible('[data-testid=crash-message]'), false);
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  // The panic is in the console, as it should be; nothing left the machine.
  assert.ok(page.errors.some((e) => /test panic on import/.test(e)), 'the panic is logged');
  const origin = new URL(env.server.url).origin;
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
});

// The customer table: counts, search, sort, class filter, explain drawer, and a 100k-customer
// upload that keeps only the visible rows in the DOM. Expected ids come from the independent
// Python computation (tests/data/sample_expected.py --ids) or, for the generated log, from
// summing the CSV here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, count, expected, assertClean, goto, FIXTURES } from './helpers.mjs';
import { genLog } from '../bench/gen_log.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const rowIds = (page) => page.$$eval('[data-testid=customer-row]', (rows) => rows.map((r) => r.dataset.id));

async function openCustomers(page) {
  await page.click('[data-testid=nav-customers]');
  await page.waitForSelector('[data-testid=customers-view] [data-testid=customer-row]');
}

test('the sample in the table: total, search, sort by sales, class A filter, explain drawer', async () => {
  const want = expected(['--ids']);
  const page = await env.page();
  await openApp(env, page);
  await openCustomers(page);
  assert.equal(await count(page, 'customers-total'), want.customers);
  assert.equal(await count(page, 'customers-shown'), 300);
  assert.ok((await rowIds(page)).length < 60, 'only the rows in view are in the DOM');

  // Sorted by sales, biggest first, by default; a click reverses, a second click restores.
  const salesHeader = page.locator('th:has([data-testid=sort-sales])');
  assert.equal(await salesHeader.getAttribute('aria-sort'), 'descending');
  let ids = await rowIds(page);
  assert.deepEqual(ids.slice(0, 10), want.by_sales.slice(0, 10));
  await page.click('[data-testid=sort-sales]');
  assert.equal(await salesHeader.getAttribute('aria-sort'), 'ascending');
  await page.click('[data-testid=sort-sales]');
  assert.equal(await salesHeader.getAttribute('aria-sort'), 'descending');
  assert.equal((await rowIds(page))[0], want.by_sales[0], 'the top customer by sales first');
  // Sorting by id, with the keyboard.
  await page.focus('[data-testid=sort-id]');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('th:has([data-testid=sort-id])').getAttribute('aria-sort'), 'ascending');
  assert.deepEqual((await rowIds(page)).slice(0, 3), ['C0001', 'C0002', 'C0003']);
  await page.click('[data-testid=sort-sales]');

  // Search a known id.
  await page.fill('[data-testid=customer-search]', 'c0123');
  await page.waitForFunction(() => document.querySelector('[data-testid=customers-shown]').textContent.trim() === '1');
  assert.deepEqual(await rowIds(page), ['C0123']);
  await page.click('[data-testid=clear-filters]');
  assert.equal(await count(page, 'customers-shown'), 300);
  assert.equal(await page.inputValue('[data-testid=customer-search]'), '');

  // ABC class A: the independent count and, in sales order, the same customers.
  await page.selectOption('[data-testid=filter-method]', 'abc');
  await page.selectOption('[data-testid=filter-class]', { label: 'A' });
  await page.waitForFunction((n) => document.querySelector('[data-testid=customers-shown]').textContent.trim() === String(n), want.abc.A);
  ids = await rowIds(page);
  assert.deepEqual(ids, want.abc_ids.A.slice(0, ids.length));
  assert.ok(ids.length >= 10);

  // The drawer explains an A customer; Escape closes it and focus returns to the row.
  const first = ids[0];
  await page.click(`[data-testid=customer-row][data-id="${first}"]`);
  await page.waitForSelector('[data-testid=explain-drawer]');
  assert.equal(await page.getAttribute('[data-testid=explain-drawer]', 'role'), 'dialog');
  assert.equal(await page.getAttribute('[data-testid=explain-abc]', 'data-class'), 'A');
  const abcText = await page.textContent('[data-testid=explain-abc]');
  assert.match(abcText, /Cumulative sales share before this customer: 0\.0% < 80\.0%/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'explain-close');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=explain-drawer]', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), first);

  // Enter on a focused row opens it too; the close button closes it; other languages.
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.dataset.id);
  assert.equal(second, ids[1]);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=explain-drawer]');
  assert.equal(await page.getAttribute('[data-testid=explain-abc]', 'data-class'), 'A');
  await page.selectOption('[data-testid=lang-select]', 'zh-CN');
  assert.match(await page.textContent('[data-testid=explain-abc]'), /此前客户的累计销售占比：/);
  assert.match(await page.textContent('[data-testid=customers-view] thead'), /销售额/);
  await page.click('[data-testid=explain-close]');
  await page.waitForSelector('[data-testid=explain-drawer]', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), second);
  assertClean(page, env.server);
});

test('a class name on a method page opens the table filtered to that class', async () => {
  const want = expected(['--ids']);
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'abc');
  await page.click('[data-testid=abc-open-B]');
  await page.waitForSelector('[data-testid=customers-view] [data-testid=customer-row]');
  assert.equal(await page.inputValue('[data-testid=filter-method]'), 'abc');
  assert.equal(await page.$eval('[data-testid=filter-class]', (s) => s.selectedOptions[0].dataset.key), 'B');
  assert.equal(await count(page, 'customers-shown'), want.abc.B);
  const ids = await rowIds(page);
  assert.deepEqual(ids, want.abc_ids.B.slice(0, ids.length));
  assertClean(page, env.server);
});

test('new data while the table is open: the rows follow, with hand-computed classes', async () => {
  // tests/fixtures/e2e/README.md: sales Acme 400, Borealis 200, Cobalt 150, Dune 100,
  // Ember 50, Fjord 40, Garnet 30, Helix 20, Iris 5, Juno 5; ABC A = the first four,
  // B = Ember, Fjord, Garnet, C = Helix, Iris, Juno.
  const page = await env.page();
  await openApp(env, page);
  await openCustomers(page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customers-total]')?.textContent.trim() === '10');
  assert.deepEqual(await rowIds(page), ['Acme', 'Borealis', 'Cobalt', 'Dune', 'Ember', 'Fjord', 'Garnet', 'Helix', 'Iris', 'Juno']);
  const abc = await page.$$eval('[data-testid=customer-row] [data-col=abc]', (cells) => cells.map((c) => c.textContent.trim()));
  assert.deepEqual(abc, ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C']);
  await page.selectOption('[data-testid=filter-method]', 'abc');
  await page.selectOption('[data-testid=filter-class]', { label: 'B' });
  assert.deepEqual(await rowIds(page), ['Ember', 'Fjord', 'Garnet']);
  assert.equal(await count(page, 'customers-shown'), 3);
  assertClean(page, env.server);
});

test('100k customers: the DOM holds only the rows in view, and they are the right ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-table-'));
  try {
    const csv = join(dir, 'log_100k.csv');
    await genLog(csv, 100_000, 100_000);
    // Independent: each customer's sales, summed in file order; biggest first, ties by id.
    const sales = new Map();
    for (const line of readFileSync(csv, 'utf8').split('\n').slice(1)) {
      if (!line) continue;
      const [id, , amount] = line.split(',');
      sales.set(id, (sales.get(id) ?? 0) + Number(amount));
    }
    const bySales = [...sales.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);

    const page = await env.page({ viewport: { width: 1920, height: 1080 } });
    await openApp(env, page);
    await page.setInputFiles('[data-testid=file-input]', csv);
    await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '100,000', null, { timeout: 120_000 });
    await openCustomers(page);
    assert.equal(await count(page, 'customers-total'), 100_000);
    assert.equal(await count(page, 'customers-shown'), 100_000);

    // Scroll to the middle.
    const rowH = await page.$eval('[data-testid=customer-row]', (r) => r.getBoundingClientRect().height);
    assert.equal(rowH, 36);
    await page.$eval('.table-scroll', (el) => { el.scrollTop = el.scrollHeight / 2; });
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid=customer-row]');
      return r && Number(r.getAttribute('aria-rowindex')) > 40_000;
    });
    const rows = await page.$$eval('[data-testid=customer-row]', (rs) => rs.map((r) => ({ id: r.dataset.id, index: Number(r.getAttribute('aria-rowindex')) })));
    assert.ok(rows.length <= 100 && rows.length >= 20, `${rows.length} rows in the DOM`);
    // aria-rowindex counts the header row as 1: row k (0-based) has index k + 2.
    for (const [k, r] of rows.entries()) {
      assert.equal(r.index, rows[0].index + k, 'consecutive rows');
      assert.equal(r.id, bySales[r.index - 2], `row ${r.index}`);
    }
    // The rows in the viewport are among them.
    const inView = await page.$eval('.table-scroll', (el) => {
      const box = el.getBoundingClientRect();
      const mid = document.elementFromPoint(box.left + 40, box.top + box.height / 2);
      return mid?.closest('tr')?.dataset.id;
    });
    assert.ok(rows.some((r) => r.id === inView), `the row in the middle of the viewport (${inView}) is rendered`);
    assertClean(page, env.server);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

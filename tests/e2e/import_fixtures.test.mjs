// Every import fixture (tests/fixtures/import/, written by tests/data/gen_import_fixtures.py)
// uploaded through the file input, one fresh page each, with the figures worked out by hand in
// the generator's comments and in the native tests (src/core/tests/import_fixtures.rs).
// Never derived from running the app.
//
// Each page is fresh because a second file of the other shape (customer table vs transaction
// log) would be joined with the first, and the row totals are sums over the loaded sources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, count, text, assertClean, ROOT } from './helpers.mjs';

const IMPORT = join(ROOT, 'tests', 'fixtures', 'import');
// In the comments below, GEN is tests/data/gen_import_fixtures.py (fixture number as in its
// comments) and RS is the named test in src/core/tests/import_fixtures.rs.

/** An English integer with thousands separators, as format::int shows it. */
const grouped = (n) => n.toLocaleString('en-US');

// customers: [data-testid=customer-count]; rows: [read, used, rejected] (the page totals);
// sales: [data-testid=total-sales], the hand total in format::money's English compact form,
// after the currency sign the page infers (currency: from a sign in the file's amounts, € or ¥;
// else $ for the English page)
// (< 1000: no decimals; ≥ 1000: thousands with one decimal and "k"), only where the
// rounding is not a tie; noQuestions: only where the native test asserts no questions;
// detected: parts of "Detected: CSV · UTF-8 · “,”" that must be present (format, encoding,
// delimiter); rejections: one pattern per listed rejected row, in order.
const FIXTURES = [
  {
    // GEN #1: Acme 1,234.56 + 100 − 34.56 = 1300; Beta 2,000.00 → total 3300; 4 data rows.
    // RS english_utf8_comma: ("UTF-8", ','), rows_read 4, rows_used 4; customers Acme, Beta.
    file: 'en_utf8_comma.csv', customers: 2, rows: [4, 4, 0], sales: '3.3k',
    detected: ['CSV', 'UTF-8', '“,”'], noQuestions: true,
  },
  {
    // GEN #2: Compañía Sur 1239,5; Norte 2.500,75 → total 3740,25; the Anulado row cancelled.
    // RS spanish_utf8_bom…: ("UTF-8 (BOM)", ';'), (read, used, rejected, cancelled) =
    // (4, 3, 1, 1), rejected[0] is row 5, Reason::Cancelled.
    file: 'es_utf8bom_semicolon.csv', customers: 2, rows: [4, 3, 1], sales: '3.7k', currency: '€',
    detected: ['CSV', 'UTF-8 (BOM)', '“;”'], noQuestions: true,
    rejections: [/^row 5\b.*cancelled/i],
  },
  {
    // GEN #3: 甲公司 1200 + 800 = 2000; 乙公司 3000 → total 5000; 3 data rows, comma.
    // RS chinese_gbk: encoding "gb18030", rows_read 3, rows_used 3.
    file: 'zh_gbk_comma.csv', customers: 2, rows: [3, 3, 0], sales: '5.0k', currency: '¥',
    detected: ['gb18030', '“,”'], noQuestions: true,
  },
  {
    // GEN #4: Acme 10.5 + 20 = 30.5; 乙 4.5 → total 35 (all 3 rows summed, so all used).
    // RS utf16_le_with_bom_and_tabs: ("UTF-16LE (BOM)", '\t'); Acme 30.5, 乙公司 4.5.
    file: 'utf16le_bom_tab.csv', customers: 2, rows: [3, 3, 0], sales: '35',
    detected: ['UTF-16LE (BOM)', 'tab'],
  },
  {
    // GEN #5: A 1 + 2 = 3; B 4 → total 7 (all 3 rows summed).
    // RS utf16_be_without_bom: encoding "UTF-16BE"; A 3, B 4.
    file: 'utf16be_nobom.csv', customers: 2, rows: [3, 3, 0], sales: '7',
    detected: ['UTF-16BE', '“,”'],
  },
  {
    // GEN #6: Peña 1.000,50 + 499,50 = 1500; Ibáñez 250 → total 1750 (all 3 rows summed).
    // 1750 → 1.75k is a rounding tie, so total-sales is not checked.
    // RS windows_1252_spanish: encoding "windows-1252"; total 1750.
    file: 'es_cp1252_semicolon.csv', customers: 2, rows: [3, 3, 0],
    detected: ['windows-1252', '“;”'],
  },
  {
    // GEN #7: Smith 1,500.00 − 500.00 = 1000; Jones 250.25 → total 1250.25 (all 3 rows).
    // RS us_dates_settled_by_a_day_above_twelve: delimiter '|', no questions.
    file: 'us_pipe_dates.csv', customers: 2, rows: [3, 3, 0], sales: '1.3k',
    detected: ['“|”'], noQuestions: true,
  },
  {
    // GEN #8: A (two orders) and B (one order), dates all ambiguous → day-first + a question.
    // RS ambiguous_dates_are_read_day_first_and_asked_about: one DateOrder question on
    // column "Date"; answered month-first, the re-import has no questions.
    file: 'ambiguous_dates.csv', customers: 2, rows: [3, 3, 0],
    detected: ['“,”'], dateQuestion: true,
  },
  {
    // GEN #9: rows 4..8 are data; C2 repeats (rejected), C4 "n/a" (rejected);
    // used C1 500, C2 1500, C3 0 (prospect) → total 2000.
    // RS customer_table_under_title_rows…: (read, used, rejected, duplicate_ids) =
    // (5, 3, 2, 1); rejected[0] row 7 DuplicateId { first_row: 5 };
    // rejected[1] = row 8, column "销售额", value "n/a": not a number; C3 not existing.
    file: 'customers_title_rows.csv', customers: 3, rows: [5, 3, 2], sales: '2.0k',
    detected: ['“,”'], existingPotential: [2, 1],
    rejections: [/^row 7\b.*\brow 5\b/, /^row 8, column "销售额", value "n\/a": not a number$/],
  },
  {
    // GEN #10: X 1 234,50 + 765,50 = 2000 (2 data rows, semicolon).
    // RS excel_serial_dates_and_space_thousands: X 2000.
    file: 'serial_dates_spaces.csv', customers: 1, rows: [2, 2, 0], sales: '2.0k',
    detected: ['“;”'],
  },
  {
    // GEN #11: blank line skipped, not counted; used A 100 (row 2), B 50 (row 7) → 150.
    // RS bad_rows_are_each_reported…: (read, used, rejected) = (5, 2, 3) and these lines.
    file: 'bad_rows.csv', customers: 2, rows: [5, 2, 3], sales: '150',
    detected: ['“,”'],
    rejections: [
      /^row 3, column "Customer": no customer id or name$/,
      /^row 5, column "Date", value "not a date": not a date$/,
      /^row 6, column "Amount", value "abc": not a number$/,
    ],
  },
  {
    // GEN office(): the log of #1 as numbers: Acme 1300, Beta 2000, total 3300.
    // RS ods_written_by_libreoffice / check_office: format "ODS", rows (4, 4).
    file: 'office_log.ods', customers: 2, rows: [4, 4, 0], sales: '3.3k',
    detected: ['ODS'],
  },
  {
    // GEN office(): as above. RS xls_written_by_libreoffice: format "XLS", rows (4, 4).
    file: 'office_log.xls', customers: 2, rows: [4, 4, 0], sales: '3.3k',
    detected: ['XLS'],
  },
];

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/** Uploads one fixture on a fresh page and waits until the overview shows `customers`. */
async function upload(fx) {
  const page = await env.page({ locale: 'en-US' });
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(IMPORT, fx.file));
  const want = grouped(fx.customers);
  try {
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === want,
      want, { timeout: 15000 });
  } catch {
    // Report what the page shows instead of a bare timeout.
    const shown = await text(page, 'customer-count');
    const err = (await page.$('[data-testid=import-error]')) ? await text(page, 'import-error') : '';
    assert.fail(`${fx.file}: customer-count shows "${shown}", hand-computed ${want}${err ? `; import error: ${err}` : ''}`);
  }
  return page;
}

async function rows(page) {
  return [await count(page, 'rows-read'), await count(page, 'rows-used'), await count(page, 'rows-rejected')];
}

async function detectedParts(page) {
  const d = await text(page, 'detected');
  return d.slice(d.indexOf(': ') + 2).split(' · ');
}

for (const fx of FIXTURES) {
  test(`${fx.file}: figures match the hand-computed ones`, async () => {
    const page = await upload(fx);
    assert.equal(await page.isVisible('[data-testid=sample-banner]'), false, 'sample replaced');
    assert.equal(await page.locator('[data-testid=source-report]').count(), 1, 'only this file is loaded');
    assert.equal(await page.textContent('[data-testid=source-report] .file'), fx.file);

    const [read, used, rejected] = await rows(page);
    assert.deepEqual([read, used, rejected], fx.rows, `${fx.file}: rows read / used / rejected`);
    assert.equal(read, used + rejected, 'rows balance');

    const parts = await detectedParts(page);
    for (const p of fx.detected) assert.ok(parts.includes(p), `${fx.file}: detected ${JSON.stringify(parts)} lacks "${p}"`);

    if (fx.sales !== undefined) assert.equal(await text(page, 'total-sales'), (fx.currency ?? '$') + fx.sales, `${fx.file}: total sales`);

    if (fx.existingPotential) {
      const sub = (await page.textContent('.kpi .kpi-sub')).trim();
      const [existing, potential] = sub.split('·').map((s) => Number(s.replace(/[^0-9]/g, '')));
      assert.deepEqual([existing, potential], fx.existingPotential, `${fx.file}: existing · potential ("${sub}")`);
    }

    if (fx.rejections) {
      await page.click('[data-testid=source-report] summary');
      const items = (await page.locator('.rejections li').allTextContents()).map((s) => s.trim());
      assert.equal(items.length, fx.rejections.length, `${fx.file}: listed rejections ${JSON.stringify(items)}`);
      fx.rejections.forEach((re, k) => assert.match(items[k], re));
    } else {
      assert.equal(await page.locator('.rejections').count(), 0, 'no rejected-rows list');
    }

    if (fx.noQuestions) {
      // Only where the native test asserts `questions.is_empty()`.
      assert.equal(await page.locator('fieldset.question').count(), 0, `${fx.file}: no questions`);
    }

    if (fx.dateQuestion) {
      const q = page.locator('[data-testid=question-date-order]');
      assert.equal(await q.count(), 1, 'the date-order question is asked');
      assert.match(await q.locator('legend').textContent(), /\(Date\)/, 'about the "Date" column');
      await page.click('[data-testid=date-month-first]');
      await page.waitForSelector('[data-testid=question-date-order]', { state: 'detached', timeout: 15000 });
      // Re-imported month-first: same customers and rows, still balanced, still one source.
      assert.equal(await text(page, 'customer-count'), grouped(fx.customers));
      const again = await rows(page);
      assert.deepEqual(again, fx.rows, 'rows after answering month-first');
      assert.equal(again[0], again[1] + again[2], 'rows balance after answering');
      assert.equal(await page.locator('[data-testid=source-report]').count(), 1);
      assert.equal(await page.locator('[data-testid=question-decimal]').count(), 0);
    }

    assertClean(page, env.server);
  });
}

// The page's own WebAssembly has no workbook reader: a first visit never loads it, and a
// workbook is read by a worker (src/book_worker.rs) loaded when one is imported. Service
// workers are blocked here so that their precaching (offline.test.mjs) is not counted as the
// page's.
test('a workbook is read by a worker that only a workbook import loads', async () => {
  const page = await env.page({ locale: 'en-US', serviceWorkers: 'block' });
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await openApp(env, page);
  await page.click('[data-testid=load-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300');
  assert.deepEqual(asked.filter((u) => u.includes('tierwise-book') || u.includes('book-worker')), [],
    'no workbook reader on a first visit with the sample');
  await page.setInputFiles('[data-testid=file-input]', join(IMPORT, 'office_log.ods'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '2');
  assert.deepEqual(await rows(page), [4, 4, 0]);
  assert.ok(asked.some((u) => u.endsWith('/tierwise-book_bg.wasm')), `the reader was loaded: ${asked.join(' ')}`);
  const times = await page.evaluate(() => window.__tierwise_book_times);
  assert.equal(times.length, 4, 'the worker reported when it started, read, imported and finished');
  assert.ok(times.every((t, k) => k === 0 || times[k - 1] <= t), `in order: ${times}`);
  // Text in a legacy encoding goes to the same worker (the page reads UTF-8 and UTF-16 only:
  // chardetng and encoding_rs's tables are not in its WebAssembly); UTF-16 stays on the page.
  const booked = () => asked.filter((u) => u.endsWith('/tierwise-book_bg.wasm')).length;
  const workerTimes = () => page.evaluate(() => window.__tierwise_book_times?.join());
  const ods = await workerTimes();
  await page.setInputFiles('[data-testid=file-input]', join(IMPORT, 'utf16le_bom_tab.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=source-report] .file')?.textContent === 'utf16le_bom_tab.csv');
  assert.match(await text(page, 'detected'), /UTF-16LE/);
  assert.equal(await workerTimes(), ods, 'UTF-16 is read on the page');
  const before = { book: booked(), times: ods };
  await page.setInputFiles('[data-testid=file-input]', join(IMPORT, 'zh_gbk_comma.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=source-report] .file')?.textContent === 'zh_gbk_comma.csv');
  assert.match(await text(page, 'detected'), /gb18030/i);
  assert.deepEqual(await rows(page), [3, 3, 0]);
  assert.notEqual(await workerTimes(), before.times, 'the GBK file was read by the worker');
  assert.equal(booked(), before.book, 'by the worker already loaded');
  // A second workbook in the same page: the worker kept from the first, the same figures.
  await page.setInputFiles('[data-testid=file-input]', join(IMPORT, 'office_log.xls'));
  await page.waitForFunction(() => document.querySelector('[data-testid=source-report] .file')?.textContent === 'office_log.xls');
  assert.equal(await text(page, 'customer-count'), '2');
  assertClean(page, env.server);
  await page.context().close();
});

// Issue 17, finding 6: the mapping guessed silently. An electronics-shop export has "Rating"
// (a 1–5 product review) and "Loyalty Member" (Yes/No): both looked like rating fields and fed
// the credit and loyalty checks; "SKU" became the product instead of "Product Type". Now the
// guesses are weighed against the values (core import/guess.rs): the two ratings are held back
// until confirmed, the product is the type, and a wide dialog shows every column's values,
// field and how sure the guess is. The fixture and its figures: tests/data/gen_import_fixtures.py (12).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, count, assertClean, ROOT, seriousViolations, AUDIT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const FILE = join(ROOT, 'tests', 'fixtures', 'import', 'electronics_like.csv');
const COL = { loyalty: 2, type: 3, sku: 4, rating: 5, status: 6, total: 7, date: 10 };

async function load(page) {
  await page.setInputFiles('[data-testid=file-input]', FILE);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '3');
}

test('guesses the values contradict are held back and shown for review in a wide dialog', async () => {
  const page = await env.page({ ...AUDIT, viewport: { width: 1366, height: 768 } });
  await openApp(env, page);
  await load(page);
  // rows read 8 = used 7 + rejected 1 (the cancelled order).
  assert.equal(await count(page, 'rows-read'), 8);
  assert.equal(await count(page, 'rows-used'), 7);
  const held = await page.textContent('[data-testid=mapping-held]');
  assert.match(held, /Loyalty Member \(loyalty\?\)/);
  assert.match(held, /Rating \(credit rating\?\)/);
  assert.match(await page.textContent('[data-testid=mapping-used]'), /^5 of 11 columns used$/);

  await page.click('[data-testid=mapping-open]');
  await page.waitForSelector('dialog[data-testid=mapping][open]');
  // Wide: most of the screen, not the 318 px side panel.
  const box = await page.locator('dialog[data-testid=mapping]').boundingBox();
  assert.ok(box.width > 1000, `dialog ${box.width} px wide`);
  // The focus is on the first held column's menu.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Loyalty Member');
  const row = (c) => page.locator(`dialog [data-testid=map-row][data-col="${c}"]`);
  assert.equal(await row(COL.rating).getAttribute('data-sure'), 'held');
  assert.equal(await row(COL.rating).getAttribute('data-held'), 'credit_rating');
  assert.equal(await page.inputValue(`[data-testid=map-${COL.rating}]`), '');
  assert.equal(await page.textContent(`[data-testid=map-sure-${COL.rating}]`), 'Check');
  const why = await row(COL.rating).textContent();
  assert.match(why, /Its values run from 1 to 5, like a review score/);
  assert.match(why, /“Rating” can mean many things/);
  // The product is the type (3 kinds), not the SKU (6 different values).
  assert.equal(await page.inputValue(`[data-testid=map-${COL.type}]`), 'product');
  assert.equal(await page.inputValue(`[data-testid=map-${COL.sku}]`), '');
  assert.match(await row(COL.type).textContent(), /Chosen over “SKU”: 3 kinds against 6 different values/);
  assert.equal(await page.textContent(`[data-testid=map-sure-${COL.type}]`), 'Likely');
  assert.equal(await page.textContent('[data-testid=map-sure-0]'), 'Sure');
  // Sample values are whole chips on one line each, never broken mid-word.
  const chips = await page.$$eval(`dialog [data-testid=map-row][data-col="${COL.type}"] .chip`, (els) =>
    els.map((e) => ({ text: e.textContent, one: e.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(e).fontSize) })));
  assert.deepEqual(chips.map((c) => c.text), ['Laptop', 'Smartphone', 'Headphones', 'Laptop', 'Smartphone']);
  assert.ok(chips.every((c) => c.one));
  assert.deepEqual(await seriousViolations(page), []);

  // Confirm the rating: the file is read again, the dialog stays open, the focus stays.
  await page.click(`[data-testid=map-accept-${COL.rating}]`);
  await page.waitForFunction((c) => document.querySelector(`[data-testid=map-${c}]`)?.value === 'credit_rating', COL.rating);
  assert.ok(await page.isVisible('dialog[data-testid=mapping][open]'));
  assert.equal(await row(COL.rating).getAttribute('data-sure'), 'yours');
  assert.equal(await page.textContent(`[data-testid=map-sure-${COL.rating}]`), 'Your choice');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Rating');
  // The other guesses are kept as they were: loyalty still held, the product still the type.
  assert.equal(await row(COL.loyalty).getAttribute('data-sure'), 'held');
  assert.equal(await page.inputValue(`[data-testid=map-${COL.type}]`), 'product');
  assert.equal(await page.textContent(`[data-testid=map-sure-${COL.type}]`), 'Likely');
  // Escape closes it; the summary now holds only the loyalty column.
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog[data-testid=mapping]:not([open])', { state: 'attached' });
  assert.match(await page.textContent('[data-testid=mapping-used]'), /^6 of 11 columns used$/);
  const left = await page.textContent('[data-testid=mapping-held]');
  assert.match(left, /Loyalty Member/);
  assert.doesNotMatch(left, /Rating/);
  // The choice is remembered for the next file with these headers.
  await page.reload();
  await page.waitForSelector('[data-testid=customer-count]');
  await load(page);
  await page.waitForSelector('[data-testid=mapping-remembered]');
  await page.click('[data-testid=mapping-open]');
  assert.equal(await page.inputValue(`[data-testid=map-${COL.rating}]`), 'credit_rating');
  assertClean(page, env.server);
});

test('the held columns and the reasons read naturally in Chinese and Spanish, and on a phone', async () => {
  const page = await env.page({ viewport: { width: 390, height: 844 } });
  await openApp(env, page);
  await page.selectOption('[data-testid=lang-select]', 'zh-CN');
  await page.click('[data-testid=side-toggle]');
  await load(page);
  assert.match(await page.textContent('[data-testid=mapping-held]'), /确认之前不会使用：“Loyalty Member”（忠诚度？）；“Rating”（信用等级？）。/);
  await page.click('[data-testid=mapping-open]');
  await page.waitForSelector('dialog[data-testid=mapping][open]');
  assert.equal(await page.textContent(`[data-testid=map-sure-${COL.rating}]`), '请核对');
  assert.match(await page.textContent(`dialog [data-testid=map-row][data-col="${COL.rating}"]`), /取值为 1–5，像是评价打分/);
  // Nothing wider than the phone.
  const wide = await page.evaluate(() => document.querySelector('dialog[data-testid=mapping]').scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `dialog ${wide} px too wide`);
  await page.click('[data-testid=mapping-close]');
  await page.selectOption('[data-testid=lang-select]', 'es');
  assert.match(await page.textContent('[data-testid=mapping-held]'), /No se usan hasta que las confirme: Loyalty Member \(¿lealtad\?\); Rating \(¿calificación crediticia\?\)\./);
  await page.click('[data-testid=mapping-open]');
  assert.match(await page.textContent(`dialog [data-testid=map-row][data-col="${COL.rating}"]`), /el campo «calificación crediticia» se lee en 0–100 o AAA–D/);
  assert.equal(await page.textContent(`[data-testid=map-accept-${COL.rating}]`), 'Usar como calificación crediticia');
  assertClean(page, env.server);
});

// Renaming RFM segments (issue 18): a segment renamed in the RFM page's segment table shows by
// its new name in the class table, the customer table (its column and its filter), the explain
// drawer, the printable report and the CSV export, in all three languages; the counts and the
// stable keys (`rfm-count-<key>`, the `rfm.class` column) do not change; Ctrl+Z and Ctrl+Y undo
// and redo it, and it is kept in the workspace across a reload. An empty name brings the
// segment's own name back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openApp, goto, count, assertClean, waitSaved, ROOT, ARTIFACTS } from './helpers.mjs';


let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/** RFC 4180 rows of a CSV text (BOM dropped). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const keyOf = (h) => /\[([^\]]+)\]$/.exec(h)?.[1];

/** The text of the champions' name in the class table (its button opens the customers). */
const tableName = (page) => page.textContent('[data-testid=rfm-open-champions]').then((t) => t.trim());

/** Waits until the class table names the champions `name`. */
async function expectName(page, name) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=rfm-open-champions]')?.textContent.trim() === n,
    name,
  );
  assert.equal(await tableName(page), name);
}

async function setLang(page, lang) {
  await page.selectOption('[data-testid=lang-select]', lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

test('a renamed RFM segment shows by its name everywhere, undoes, and is kept in the workspace', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'rfm');
  const name = page.locator('[data-testid=rfm-name-champions]');
  assert.equal(await name.inputValue(), 'Champions');
  await expectName(page, 'Champions');
  const champions = await count(page, 'rfm-count-champions');
  assert.ok(champions > 0, 'the sample has champions');

  // Rename: the class table and its strategy follow; the count does not move.
  await name.fill('Top buyers');
  await name.blur();
  await expectName(page, 'Top buyers');
  assert.equal(await count(page, 'rfm-count-champions'), champions);
  assert.match(await page.textContent('[data-testid=rfm-row-champions]'), /Top buyers: reward them/);
  assert.equal(await page.locator('[data-testid=rfm-name-champions]').inputValue(), 'Top buyers');
  assert.equal(await page.locator('[data-testid=rfm-name-loyal]').inputValue(), 'Loyal customers');

  // Ctrl+Z (outside a text field) brings "Champions" back; Ctrl+Y the new name again.
  await page.locator('[data-testid=rfm-segments]').focus();
  await page.keyboard.press('Control+z');
  await expectName(page, 'Champions');
  assert.equal(await page.locator('[data-testid=rfm-name-champions]').inputValue(), 'Champions');
  await page.keyboard.press('Control+y');
  await expectName(page, 'Top buyers');

  // The class name opens the customers filtered to it: the filter, the column and the drawer.
  await page.click('[data-testid=rfm-open-champions]');
  await page.waitForSelector('[data-testid=view-customers]');
  await page.waitForFunction((n) => document.querySelector('[data-testid=customers-shown]')?.textContent.trim() === String(n), champions);
  assert.equal(await page.inputValue('[data-testid=filter-method]'), 'rfm');
  assert.equal(await page.$eval('[data-testid=filter-class]', (s) => s.selectedOptions[0].textContent.trim()), 'Top buyers');
  assert.equal(await page.$eval('[data-testid=filter-class]', (s) => s.selectedOptions[0].dataset.key), 'champions');
  const row = page.locator('[data-testid=customer-row]').first();
  assert.match(await row.textContent(), /Top buyers/);
  await row.click();
  await page.waitForSelector('[data-testid=explain-drawer]');
  assert.equal(await page.getAttribute('[data-testid=explain-rfm]', 'data-class'), 'champions');
  const drawer = await page.textContent('[data-testid=explain-rfm]');
  assert.match(drawer, /Top buyers/);
  assert.match(drawer, /Top buyers: reward them/);
  assert.doesNotMatch(drawer, /Champions/);

  // The CSV of what the table shows: the user's name beside the stable key.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
  const path = join(ARTIFACTS, `rfm-names-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  const [header, ...body] = parseCsv(readFileSync(path, 'utf8'));
  const col = (k) => header.findIndex((h) => keyOf(h) === k);
  assert.equal(body.length, champions);
  for (const r of body) {
    assert.equal(r[col('rfm.class')], 'champions');
    assert.equal(r[col('rfm.class_name')], 'Top buyers');
  }

  // Chinese and Spanish: the user's name stays; the other segments are translated.
  await setLang(page, 'zh-CN');
  assert.match(await page.textContent('[data-testid=explain-rfm]'), /Top buyers：回馈/);
  assert.equal(await page.$eval('[data-testid=filter-class]', (s) => s.selectedOptions[0].textContent.trim()), 'Top buyers');
  assert.match(await row.textContent(), /Top buyers/);
  await page.click('[data-testid=explain-close]');
  await goto(page, 'rfm');
  await expectName(page, 'Top buyers');
  assert.equal(await page.textContent('[data-testid=rfm-open-loyal]').then((t) => t.trim()), '忠诚客户');
  assert.equal(await page.locator('[data-testid=rfm-name-loyal]').inputValue(), '忠诚客户');
  await setLang(page, 'es');
  await expectName(page, 'Top buyers');
  assert.equal(await page.textContent('[data-testid=rfm-open-loyal]').then((t) => t.trim()), 'Clientes leales');
  assert.match(await page.textContent('[data-testid=rfm-row-champions]'), /Top buyers: recompénselos/);

  // Kept in the workspace: after a reload the name is back, in the language chosen.
  await setLang(page, 'en');
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector('[data-testid=view-rfm]');
  await expectName(page, 'Top buyers');
  assert.equal(await page.locator('[data-testid=rfm-name-champions]').inputValue(), 'Top buyers');
  assert.equal(await count(page, 'rfm-count-champions'), champions);

  // The printable report's RFM section names it too (its class table and strategy).
  await goto(page, 'report');
  const section = '[data-testid=report-view] [data-section=rfm]';
  await page.waitForSelector(section);
  assert.equal(await page.textContent(`${section} [data-testid=rfm-open-champions]`).then((t) => t.trim()), 'Top buyers');
  assert.match(await page.textContent(section), /Top buyers: reward them/);
  await goto(page, 'rfm');

  // An empty name brings the segment's own back; so does the reset button.
  await page.locator('[data-testid=rfm-name-champions]').fill('');
  await page.locator('[data-testid=rfm-name-champions]').blur();
  await expectName(page, 'Champions');
  assert.equal(await page.$('[data-testid=rfm-name-champions-reset]'), null);
  await page.locator('[data-testid=rfm-name-loyal]').fill('Regulars');
  await page.locator('[data-testid=rfm-name-loyal]').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=rfm-open-loyal]')?.textContent.trim() === 'Regulars');
  await page.click('[data-testid=rfm-name-loyal-reset]');
  await page.waitForFunction(() => document.querySelector('[data-testid=rfm-open-loyal]')?.textContent.trim() === 'Loyal customers');
  assertClean(page, env.server);
});

test('printed, the segment table reads as a table: whole names, ranges as text, no controls', async () => {
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  await goto(page, 'rfm');
  await page.emulateMedia({ media: 'print' });
  const looks = await page.$$eval('[data-testid=rfm-segments] input', (els) => els.map((e) => {
    const s = getComputedStyle(e);
    return { border: s.borderTopStyle, clipped: e.scrollWidth > e.clientWidth + 1, name: e.value };
  }));
  assert.ok(looks.length >= 70, `${looks.length} inputs`);
  for (const l of looks) {
    assert.equal(l.border, 'none', `${l.name} printed as a box`);
    assert.equal(l.clipped, false, `${l.name} cut off`);
  }
  const buttons = await page.$$eval('[data-testid=rfm-segments] button', (els) => els.filter((e) => e.offsetParent !== null).length);
  assert.equal(buttons, 0, 'no row buttons on paper');
  assertClean(page, env.server);
});

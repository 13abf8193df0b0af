// A segment of the user's own in the RFM segment table (issue 18): added from the table's
// "add" control (the cursor lands in its name), named, its ranges set; the class table then
// lists it by that name with the count an independent computation gives (the R, F and M
// scores of tests/data/sample_expected.py, matched here against the same table in JS), the
// customer filter, the explain drawer and the report name it, it is kept in the workspace
// across a reload, and "Others" can be renamed too. In English and Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, goto, count, assertClean, waitSaved, expected } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

// The default table (the R rfm package's example), as in sample_expected.py.
const DEFAULT_TABLE = [
  ['champions', [4, 5], [4, 5], [4, 5]], ['loyal', [2, 5], [3, 5], [3, 5]],
  ['potential_loyalist', [3, 5], [1, 3], [1, 3]], ['new', [4, 5], [1, 1], [1, 1]],
  ['promising', [3, 4], [1, 1], [1, 1]], ['need_attention', [2, 3], [2, 3], [2, 3]],
  ['about_to_sleep', [2, 3], [1, 2], [1, 2]], ['at_risk', [1, 2], [2, 5], [2, 5]],
  ['cant_lose', [1, 1], [4, 5], [4, 5]], ['lost', [1, 2], [1, 2], [1, 2]],
];

/** Every scored customer's R, F, M scores, computed in Python from the sample's files. */
const SCORES = Object.values(expected(['--ids']).rfm_ids);

/** Customers per segment of `table` (rows `[key, r, f, m]`), first or last match, and "others". */
function segmentCounts(table, lastWins = false) {
  const out = Object.fromEntries(table.map(([k]) => [k, 0]));
  out.others = 0;
  const within = (v, [lo, hi]) => lo <= v && v <= hi;
  for (const s of SCORES) {
    const hits = table.filter(([, r, f, m]) => within(s.r, r) && within(s.f, f) && within(s.m, m));
    const hit = lastWins ? hits[hits.length - 1] : hits[0];
    out[hit ? hit[0] : 'others'] += 1;
  }
  return out;
}

/** Waits until the page's RFM class table shows `want` (key → count), then asserts it. */
async function expectCounts(page, want) {
  const keys = Object.keys(want);
  await page
    .waitForFunction(
      ([keys, nums]) => keys.every((k, i) => Number(document.querySelector(`[data-testid="rfm-count-${k}"]`)?.textContent.replace(/[^0-9]/g, '')) === nums[i]),
      [keys, keys.map((k) => want[k])],
      { timeout: 5_000 },
    )
    .catch(() => {});
  const got = {};
  for (const k of keys) got[k] = await count(page, `rfm-count-${k}`);
  assert.deepEqual(got, want);
}

async function setLang(page, lang) {
  await page.selectOption('[data-testid=lang-select]', lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const shownName = (page, key) => page.textContent(`[data-testid=rfm-open-${key}]`).then((t) => t.trim());

async function expectName(page, key, name) {
  await page.waitForFunction(
    ([k, n]) => document.querySelector(`[data-testid=rfm-open-${k}]`)?.textContent.trim() === n,
    [key, name],
  );
  assert.equal(await shownName(page, key), name);
}

const WORDS = {
  en: { add: 'A segment of your own…', full: 'all five are in the table', slot: 'Segment 1', own: 'Big frequent buyers', others: 'Others', renamed: 'Not yet sorted', strategy: /Big frequent buyers: your own segment/ },
  'zh-CN': { add: '自定义细分…', full: '五个都已在表中', slot: '细分 1', own: '高频大客户', others: '其他', renamed: '待归类', strategy: /高频大客户：自定义细分/ },
};

for (const lang of ['en', 'zh-CN']) {
  test(`${lang}: a segment of one's own is added, named, given ranges, counted, kept; Others renamed`, async () => {
    const w = WORDS[lang];
    const page = await env.page();
    await openApp(env, page);
    await setLang(page, lang);
    await goto(page, 'rfm');
    const base = segmentCounts(DEFAULT_TABLE);
    await expectCounts(page, base);
    assert.ok(base.others > 0, 'the sample has customers no default segment takes');
    // No own segment is listed before one is added.
    assert.equal(await page.$('[data-testid=rfm-row-own_1]'), null);
    const option = page.locator('[data-testid=rfm-add-segment] option[value=own]');
    assert.equal((await option.textContent()).trim(), w.add);

    // Added at the end with every score 1–5: it takes exactly the customers Others had.
    await page.selectOption('[data-testid=rfm-add-segment]', 'own');
    const name = page.locator('[data-testid=rfm-name-own_1]');
    await name.waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'rfm-name-own_1');
    assert.equal(await name.inputValue(), w.slot);
    await expectName(page, 'own_1', w.slot);
    const all = [...DEFAULT_TABLE, ['own_1', [1, 5], [1, 5], [1, 5]]];
    assert.deepEqual(segmentCounts(all).own_1, base.others);
    await expectCounts(page, segmentCounts(all));
    assert.equal(await page.inputValue('[data-testid=rfm-add-segment]'), '');

    // The cursor is in its name: typing names it (its default text is selected).
    await page.keyboard.type(w.own);
    await page.keyboard.press('Enter');
    await expectName(page, 'own_1', w.own);
    assert.match(await page.textContent('[data-testid=rfm-row-own_1]'), w.strategy);

    // To the top of the table, then F 4–5 and M 5: it takes those customers first.
    for (let k = 0; k < DEFAULT_TABLE.length; k++) await page.click('[data-testid=rfm-rule-own_1-up]');
    await page.waitForFunction(() => document.querySelector('[data-testid=rfm-segments] tbody tr')?.dataset.testid === 'rfm-rule-own_1');
    for (const [id, v] of [['f-lo', '4'], ['m-lo', '5']]) {
      const input = page.locator(`[data-testid=rfm-rule-own_1-${id}]`);
      await input.fill(v);
      await input.blur();
    }
    const table = [['own_1', [1, 5], [4, 5], [5, 5]], ...DEFAULT_TABLE];
    const want = segmentCounts(table);
    assert.equal(want.own_1, SCORES.filter((s) => s.f >= 4 && s.m === 5).length);
    assert.ok(want.own_1 > 0 && want.own_1 < SCORES.length, 'it takes some customers, not all');
    await expectCounts(page, want);
    await expectName(page, 'own_1', w.own);

    // "Others" renamed.
    assert.equal(await page.locator('[data-testid=rfm-name-others]').inputValue(), w.others);
    assert.equal(await page.$('[data-testid=rfm-name-others-reset]'), null);
    await page.locator('[data-testid=rfm-name-others]').fill(w.renamed);
    await page.locator('[data-testid=rfm-name-others]').blur();
    await expectName(page, 'others', w.renamed);
    assert.ok(await page.isVisible('[data-testid=rfm-name-others-reset]'));
    await expectCounts(page, want);

    // The customer list filtered to it: its name in the filter and in the rows.
    await page.click('[data-testid=rfm-open-own_1]');
    await page.waitForSelector('[data-testid=view-customers]');
    await page.waitForFunction((n) => document.querySelector('[data-testid=customers-shown]')?.textContent.replace(/[^0-9]/g, '') === String(n), want.own_1);
    assert.equal(await page.$eval('[data-testid=filter-class]', (s) => s.selectedOptions[0].textContent.trim()), w.own);
    assert.equal(await page.$eval('[data-testid=filter-class]', (s) => s.selectedOptions[0].dataset.key), 'own_1');
    // The filter lists the own segment in the table, not the four slots that are not.
    const keys = await page.$$eval('[data-testid=filter-class] option', (os) => os.map((o) => o.dataset.key).filter(Boolean));
    assert.ok(keys.includes('own_1') && !keys.includes('own_2'), keys.join());
    const row = page.locator('[data-testid=customer-row]').first();
    assert.match(await row.textContent(), new RegExp(w.own));
    // The explain drawer names it, with its strategy under the user's name.
    await row.click();
    await page.waitForSelector('[data-testid=explain-drawer]');
    assert.equal(await page.getAttribute('[data-testid=explain-rfm]', 'data-class'), 'own_1');
    assert.match(await page.textContent('[data-testid=explain-rfm]'), w.strategy);
    await page.click('[data-testid=explain-close]');

    // Kept in the workspace.
    await goto(page, 'rfm');
    await waitSaved(page);
    await page.reload();
    await page.waitForSelector('[data-testid=view-rfm]');
    await expectName(page, 'own_1', w.own);
    await expectName(page, 'others', w.renamed);
    assert.equal(await page.locator('[data-testid=rfm-name-own_1]').inputValue(), w.own);
    assert.equal(await page.locator('[data-testid=rfm-rule-own_1-f-lo]').inputValue(), '4');
    await expectCounts(page, want);

    // The printable report's RFM section names both.
    await goto(page, 'report');
    const section = '[data-testid=report-view] [data-section=rfm]';
    await page.waitForSelector(section);
    assert.equal(await page.textContent(`${section} [data-testid=rfm-open-own_1]`).then((t) => t.trim()), w.own);
    assert.equal(await page.textContent(`${section} [data-testid=rfm-open-others]`).then((t) => t.trim()), w.renamed);
    assert.equal(await page.$(`${section} [data-testid=rfm-row-own_2]`), null);
    await goto(page, 'rfm');

    // Removed like any row: its customers go back; Others' name stays until reset.
    await page.click('[data-testid=rfm-rule-own_1-remove]');
    await page.waitForSelector('[data-testid=rfm-row-own_1]', { state: 'detached' });
    await expectCounts(page, base);
    await page.click('[data-testid=rfm-name-others-reset]');
    await expectName(page, 'others', w.others);

    // Five at most: then the option says why it is off.
    for (let k = 1; k <= 5; k++) {
      await page.selectOption('[data-testid=rfm-add-segment]', 'own');
      await page.waitForSelector(`[data-testid=rfm-row-own_${k}]`);
    }
    assert.equal(await option.isDisabled(), true);
    assert.match(await option.textContent(), new RegExp(w.full));
    assertClean(page, env.server);
  });
}

test('when the last match wins, a new segment of one\'s own goes first, so it still takes what no other row takes', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'rfm');
  await page.selectOption('[data-testid=choice-rfm-match]', 'last');
  const base = segmentCounts(DEFAULT_TABLE, true);
  await expectCounts(page, base);
  await page.selectOption('[data-testid=rfm-add-segment]', 'own');
  await page.waitForFunction(() => document.querySelector('[data-testid=rfm-segments] tbody tr')?.dataset.testid === 'rfm-rule-own_1');
  const want = segmentCounts([['own_1', [1, 5], [1, 5], [1, 5]], ...DEFAULT_TABLE], true);
  assert.equal(want.own_1, base.others);
  await expectCounts(page, want);
  assertClean(page, env.server);
});

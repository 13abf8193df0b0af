// Every method page, opened as a person would: its class counts equal what the engine
// computes natively on the same sample files (the `engine_counts` example), then one control
// is moved and the counts follow, with a "what changed" summary. A screenshot of each page is
// kept under target/e2e-artifacts/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { start, openApp, goto, count, text, nudge, assertClean, ROOT, ARTIFACTS } from './helpers.mjs';

const SAMPLE = join(ROOT, 'public', 'sample');

/** The engine's figures for the sample under `settings` (a partial Settings object). */
function engine(settings = {}) {
  const out = execFileSync(
    'cargo',
    ['run', '-q', '-p', 'tierwise-core', '--example', 'engine_counts', '--',
      join(SAMPLE, 'customers.csv'), join(SAMPLE, 'orders.csv'), JSON.stringify(settings)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out);
}

const prefix = (key) => (key === 'tiers' ? 'tier' : key);

async function classCounts(page, key, want) {
  const got = {};
  for (const cls of Object.keys(want)) {
    if (cls === '_unclassed') continue;
    got[cls] = await count(page, `${prefix(key)}-count-${cls}`);
  }
  got._unclassed = await count(page, `${prefix(key)}-unclassed`);
  return got;
}

/** Waits until the page's counts equal the engine's, then asserts it (for a clear diff). */
async function expectCounts(page, key, want) {
  const ids = Object.keys(want).map((c) => (c === '_unclassed' ? `${prefix(key)}-unclassed` : `${prefix(key)}-count-${c}`));
  const nums = Object.values(want);
  await page
    .waitForFunction(
      ([ids, nums]) => ids.every((id, k) => Number(document.querySelector(`[data-testid="${id}"]`)?.textContent.replace(/[^0-9-]/g, '')) === nums[k]),
      [ids, nums],
      { timeout: 5_000 },
    )
    .catch(() => {});
  assert.deepEqual(await classCounts(page, key, want), want, `${key} counts`);
}

// One control per page: how to move it, and the settings that should result.
const CASES = [
  { key: 'deal' },
  { key: 'tiers', move: (p) => nudge(p, 'slider-tier-vip', 5), settings: { tiers: { vip_pct: 10 } } },
  { key: 'potential', move: (p) => nudge(p, 'slider-potential-a', -10), settings: { potential: { a_pct: 65 } } },
  { key: 'value', move: (p) => nudge(p, 'slider-value-mvc', 5), settings: { value: { mvc_pct: 25 } } },
  { key: 'abc', move: (p) => nudge(p, 'slider-abc-a', -10), settings: { abc: { a_pct: 70 } } },
  { key: 'wallet', move: (p) => nudge(p, 'slider-wallet-share', 10), settings: { wallet: { share_split_pct: 60 } } },
  {
    key: 'score',
    move: (p) => nudge(p, 'weight-credit', 20),
    // The other weights rescale on each key press; the engine is given what the page shows.
    settings: async (p) => {
      const ids = ['credit', 'order-amount', 'prospects', 'profit', 'loyalty', 'attitude', 'growth'];
      const fields = ['credit', 'order_amount', 'prospects', 'profit', 'loyalty', 'attitude', 'growth'];
      const weights = {};
      for (let k = 0; k < ids.length; k++) weights[fields[k]] = Number((await text(p, `weight-${ids[k]}-value`)).replace('%', ''));
      assert.equal(weights.credit, 40);
      assert.equal(Object.values(weights).reduce((a, b) => a + b, 0), 100, 'weights sum to 100%');
      return { score: { weights } };
    },
  },
  { key: 'pyramid', move: (p) => nudge(p, 'slider-pyramid-key', 8), settings: { pyramid: { key_pct: 5 } } },
  {
    key: 'five_s',
    move: (p) => nudge(p, 'slider-five-s-first', -17),
    // The slider starts at 66.67 (two thirds); a key press moves to the next whole step.
    settings: async (p) => ({ five_s: { first_min: Number(await p.inputValue('[data-testid=slider-five-s-first]')) } }),
  },
  { key: 'risk', move: (p) => nudge(p, 'slider-risk-decline', 10), settings: { risk: { decline_pct: 0 } } },
];

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('every method the engine classes has a page showing its counts (from the registry, not a list)', async () => {
  const all = engine();
  // engine_counts prints one object of class counts per listed method (null when it cannot
  // run), then a few method-specific figures.
  const keys = Object.keys(all).filter((k) => all[k] && typeof all[k] === 'object' && !Array.isArray(all[k]) && k !== 'staffing');
  assert.ok(keys.length >= 9, `methods with classes: ${keys}`);
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  for (const key of keys) {
    await goto(page, key);
    await expectCounts(page, key, all[key]);
  }
  assertClean(page, env.server);
});

for (const c of CASES) {
  test(`${c.key} page: counts equal the engine's, and follow a control`, async () => {
    const page = await env.page({ viewport: { width: 1366, height: 900 } });
    await openApp(env, page);
    await goto(page, c.key);
    await expectCounts(page, c.key, engine()[c.key]);
    await page.screenshot({ path: join(ARTIFACTS, `${c.key}.png`), fullPage: true });
    if (!c.move) return assertClean(page, env.server);
    await c.move(page);
    const settings = typeof c.settings === 'function' ? await c.settings(page) : c.settings;
    const want = engine(settings)[c.key];
    assert.notDeepEqual(want, engine()[c.key], 'the control changes the classes (else the test proves nothing)');
    await expectCounts(page, c.key, want);
    if (c.key === 'five_s') {
      const e = engine(settings);
      assert.equal(await count(page, 'five-s-released'), e.five_s_released, 'released');
      assert.equal(await count(page, 'five-s-flag-suspended'), e.five_s_flags[0], 'suspended');
    }
    const changed = await text(page, 'what-changed');
    assert.match(changed, /customers changed class/, changed);
    assertClean(page, env.server);
  });
}

test('cross-tab page: each cell equals the engine, and the columns follow the selector', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'crosstab');
  const cells = async (m) => {
    for (let i = 0; i < m.length; i++) for (let j = 0; j < m[i].length; j++) {
      assert.equal(await count(page, `crosstab-cell-${i}-${j}`), m[i][j], `cell ${i},${j}`);
    }
  };
  await cells(engine().crosstab);
  await page.selectOption('[data-testid=choice-crosstab-cols]', 'abc');
  await page.waitForSelector('[data-testid="crosstab-cell-0-2"]');
  const want = engine({ crosstab: { cols: 'Abc' } }).crosstab;
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=crosstab-table] tbody tr:first-child td').length === n, want[0].length + 1);
  await cells(want);
  await page.screenshot({ path: join(ARTIFACTS, 'crosstab.png'), fullPage: true });
  assertClean(page, env.server);
});

test('staffing page: reps needed equal the engine, and follow the customers-per-rep slider', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'staffing');
  const read = async () => ({
    A: await count(page, 'staffing-needed-A'),
    B: await count(page, 'staffing-needed-B'),
    C: await count(page, 'staffing-needed-C'),
    total: await count(page, 'staffing-needed-total'),
  });
  assert.deepEqual(await read(), engine().staffing);
  const base = Number((await text(page, 'slider-staffing-a-value')).replace(/[^0-9]/g, ''));
  await nudge(page, 'slider-staffing-a', 3);
  const want = engine({ staffing: { a_per_rep: base + 3 } }).staffing;
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=staffing-needed-A]').textContent) === n, want.A);
  assert.deepEqual(await read(), want);
  await page.fill('[data-testid=reps-available]', String(want.total - 5));
  await page.press('[data-testid=reps-available]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=staffing-surplus]').textContent.trim() === '−5');
  await page.screenshot({ path: join(ARTIFACTS, 'staffing.png'), fullPage: true });
  assertClean(page, env.server);
});

test('overview: the readiness verdict and a tile per method, each opening its page', async () => {
  const page = await env.page({ viewport: { width: 1920, height: 1080 } });
  await openApp(env, page);
  assert.equal(await page.getAttribute('[data-testid=readiness]', 'data-verdict'), engine().readiness);
  await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
  await page.click('[data-testid=tile-pyramid]');
  await page.waitForSelector('[data-testid=view-pyramid]');
  assert.ok(page.url().endsWith('#/pyramid'));
  await page.goBack();
  await page.waitForSelector('[data-testid=view-overview]');
  assertClean(page, env.server);
});

test('printing a page keeps the figures and drops the controls', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'abc');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['lang-select', 'slider-abc-a', 'nav-tiers', 'what-changed']) {
    assert.equal(await page.isVisible(`[data-testid=${hidden}]`), false, `${hidden} is not printed`);
  }
  assert.ok(await page.isVisible('[data-testid=abc-table]'));
  assert.ok(await page.isVisible('[data-testid=pareto-chart]'));
  await page.pdf({ path: join(ARTIFACTS, 'abc-print.pdf') }).catch(() => {});
  assertClean(page, env.server);
});

test('money shows the currency of the data, else of the language, until one is chosen; the choice is remembered', async () => {
  const page = await env.page();
  await openApp(env, page);
  const sales = (want) => page.waitForFunction((w) => document.querySelector('[data-testid=total-sales]').textContent.trim() === w, want);
  // The sample's amounts carry no sign: the page's language decides, as each language writes it.
  assert.equal(await text(page, 'total-sales'), '$28.7M');
  await page.selectOption('[data-testid=lang-select]', 'es');
  await sales('28,7 M €');
  await page.selectOption('[data-testid=lang-select]', 'zh-CN');
  await sales('¥2871.9万');
  // A choice holds across languages and reloads.
  await page.selectOption('[data-testid=currency-select]', 'EUR');
  await page.selectOption('[data-testid=lang-select]', 'en');
  await sales('€28.7M');
  await page.selectOption('[data-testid=currency-select]', 'none');
  await sales('28.7M');
  await page.reload();
  await page.waitForSelector('[data-testid=customer-count]');
  assert.equal(await text(page, 'total-sales'), '28.7M');
  assert.equal(await page.inputValue('[data-testid=currency-select]'), 'none');
  assertClean(page, env.server);
});

test('RFM segment table: editing a range, moving and removing segments follow the engine, and undo restores', async () => {
  // The default table (the R rfm package's example), as Settings serialises it.
  const table = () => [
    ['champions', [4, 5], [4, 5], [4, 5]], ['loyal', [2, 5], [3, 5], [3, 5]],
    ['potential_loyalist', [3, 5], [1, 3], [1, 3]], ['new', [4, 5], [1, 1], [1, 1]],
    ['promising', [3, 4], [1, 1], [1, 1]], ['need_attention', [2, 3], [2, 3], [2, 3]],
    ['about_to_sleep', [2, 3], [1, 2], [1, 2]], ['at_risk', [1, 2], [2, 5], [2, 5]],
    ['cant_lose', [1, 1], [4, 5], [4, 5]], ['lost', [1, 2], [1, 2], [1, 2]],
  ].map(([segment, r, f, m]) => ({ segment, r, f, m }));
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  await goto(page, 'rfm');
  await expectCounts(page, 'rfm', engine().rfm);
  // Champions only at R 5.
  const edited = table();
  edited[0].r = [5, 5];
  await page.locator('[data-testid=rfm-rule-champions-r-lo]').fill('5');
  await page.locator('[data-testid=rfm-rule-champions-r-lo]').blur();
  const want = engine({ rfm: { segments: edited } }).rfm;
  assert.notDeepEqual(want, engine().rfm, 'the edit changes the segments');
  await expectCounts(page, 'rfm', want);
  // Loyal removed: its customers fall to the later rules or to others.
  await page.click('[data-testid=rfm-rule-loyal-remove]');
  const removed = edited.filter((r) => r.segment !== 'loyal');
  await expectCounts(page, 'rfm', engine({ rfm: { segments: removed } }).rfm);
  assert.equal(await count(page, 'rfm-count-loyal'), 0);
  // Undo brings Loyal back; remove it again.
  await page.click('[data-testid=undo]');
  await expectCounts(page, 'rfm', want);
  await page.click('[data-testid=rfm-rule-loyal-remove]');
  await expectCounts(page, 'rfm', engine({ rfm: { segments: removed } }).rfm);
  // Lost moved up twice: from last, above Can't lose them, then above At risk.
  await page.click('[data-testid=rfm-rule-lost-up]');
  await page.click('[data-testid=rfm-rule-lost-up]');
  const moved = [...removed];
  const lost = moved.splice(moved.findIndex((r) => r.segment === 'lost'), 1)[0];
  moved.splice(moved.findIndex((r) => r.segment === 'at_risk'), 0, lost);
  await expectCounts(page, 'rfm', engine({ rfm: { segments: moved } }).rfm);
  // Reset brings the default table back.
  await page.click('[data-testid=rfm-reset-table]');
  await expectCounts(page, 'rfm', engine().rfm);
  assertClean(page, env.server);
});

// Issue 17, finding 2: a weighted score that means what it says. A customer is banded only when
// its known criteria carry at least a set share of the weights (a slider, 50% by default);
// below it, "not enough data", and the page says how many and that prospects are ranked by the
// likelihood of closing. Percentile ranks by default (sales and profit are skewed). A dataset
// with one criterion says so. Counts come from the engine run natively (engine_counts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { start, openApp, goto, count, nudge, assertClean, ROOT } from './helpers.mjs';

const SAMPLE = join(ROOT, 'public', 'sample');
function engine(settings = {}) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'tierwise-core', '--example', 'engine_counts', '--',
    join(SAMPLE, 'customers.csv'), join(SAMPLE, 'orders.csv'), JSON.stringify(settings)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}
/** The sample's prospects: customers.csv rows whose status is not closed (read here, not by the app). */
function prospects() {
  const [head, ...rows] = readFileSync(join(SAMPLE, 'customers.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const id = head.indexOf('Customer ID');
  const status = head.indexOf('Status');
  return new Set(rows.filter((r) => !/closed|won|customer/i.test(r[status])).map((r) => r[id]));
}

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('prospects known by a fifth of the weights are not ranked above customers; the page says why', async () => {
  const want = engine().score;
  const pros = prospects();
  assert.equal(pros.size, engine().deal.potential, 'the prospects read from the file are the engine\'s');
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  await goto(page, 'score');
  for (const band of ['A', 'B', 'C', 'D']) assert.equal(await count(page, `score-count-${band}`), want[band], `band ${band}`);
  assert.ok(want.A > 0, 'band A has customers');
  const note = page.locator('[data-testid=score-not-enough]');
  assert.equal(Number(await note.getAttribute('data-count')), want._unclassed);
  assert.equal(Number(await note.getAttribute('data-prospects')), pros.size, 'every prospect is left out');
  assert.match(await note.textContent(), /not enough data .*less than 50% of the weight.*likelihood of closing/s);
  assert.match(await page.textContent('[data-testid=score-criteria]'), /Credit.*Order amount.*Development prospects.*Profit/);

  // Band A's customers: none is a prospect.
  await page.click('[data-testid=score-open-A]');
  await page.waitForSelector('[data-testid=view-customers]');
  await page.waitForFunction((n) => document.querySelector('[data-testid=customers-shown]').textContent.trim() === String(n), want.A);
  const ids = await page.$$eval('[data-testid=customer-row]', (rows) => rows.map((r) => r.dataset.id));
  assert.equal(ids.length, want.A);
  for (const id of ids) assert.ok(!pros.has(id), `${id} in band A is a prospect`);

  // The slider lets everyone with a criterion in, as before: then prospects fill band A.
  await goto(page, 'score');
  await page.locator('[data-testid=slider-score-min-coverage]').focus();
  await page.keyboard.press('Home');
  const all = engine({ score: { min_coverage_pct: 0 } }).score;
  assert.ok(all.A > want.A, `with no minimum, band A grows (${all.A} > ${want.A})`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=score-count-A]').textContent.trim() === String(n), all.A);
  assert.equal(await page.isVisible('[data-testid=score-not-enough]'), all._unclassed > 0);
  assertClean(page, env.server);
});

test('a dataset with one criterion says the score is that figure alone', async () => {
  const page = await env.page();
  await openApp(env, page);
  const csv = 'customer,date,amount\n' + Array.from({ length: 12 }, (_, k) => `C${k},2024-0${1 + (k % 9)}-01,${(k + 1) * 100}`).join('\n') + '\n';
  await page.setInputFiles('[data-testid=file-input]', { name: 'amounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '12');
  await goto(page, 'score');
  const one = await page.textContent('[data-testid=score-one-criterion]');
  assert.match(one, /Only one criterion has data here \(Order amount\)/, one);
  assertClean(page, env.server);
});

// Customer lifetime value through the UI: the CDNOW sample (the lifetimes package's
// CDNOW_sample.txt as a CSV) through the file input, the analysis date set to the papers'
// calibration end, the fitted parameters against the published ones and lifetimes'
// log-likelihood (tests/fixtures/clv/cdnow_reference.json), the class counts against the
// engine's own (the engine_counts example), and the sliders: horizon, discount, thresholds,
// backtest split.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openApp, goto, count, text, nudge, assertClean, ROOT } from './helpers.mjs';

const CLV = join(ROOT, 'tests', 'fixtures', 'clv');
const CSV = join(CLV, 'cdnow_sample.csv');
const REFERENCE = JSON.parse(readFileSync(join(CLV, 'cdnow_reference.json'), 'utf8'));
const CLASSES = ['high_value', 'steady', 'lapsing', 'lost', 'one_time'];

function engine(settings, master = '-', method = 'clv') {
  const out = execFileSync('cargo',
    ['run', '-q', '-p', 'tierwise-core', '--example', 'engine_counts', '--', master, CSV, JSON.stringify(settings)],
    { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out)[method];
}

async function clvCounts(page) {
  const out = {};
  for (const k of CLASSES) out[k] = await count(page, `clv-count-${k}`);
  return out;
}

const value = async (page, testid) => Number(await page.getAttribute(`[data-testid="${testid}"]`, 'data-value'));

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('CDNOW as of 1997-09-30: the published BG/NBD and Gamma-Gamma parameters, and the engine\'s classes', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', CSV);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '2,357');
  // The analysis date defaults to the last order, 1998-06-30.
  assert.equal(await page.inputValue('[data-testid=as-of-date]'), '1998-06-30');
  await page.fill('[data-testid=as-of-date]', '1997-09-30');
  await page.waitForSelector('[data-testid=as-of-left-out]');
  assert.match(await text(page, 'as-of-left-out'), /^[\d,]+ orders after this date are left out\.$/);
  await goto(page, 'clv');
  const published = REFERENCE.bgnbd.published;
  for (const [id, key] of [['r', 'r'], ['alpha', 'alpha'], ['a', 'a'], ['b', 'b']]) {
    const got = await value(page, `clv-param-${id}`);
    assert.ok(Math.abs(got / published[key] - 1) < 0.005, `${key}: ${got} against ${published[key]}`);
  }
  const ll = await value(page, 'clv-loglik');
  assert.ok(Math.abs(ll - REFERENCE.bgnbd.log_likelihood) < 0.1, `log-likelihood ${ll}`);
  const gg = REFERENCE.gamma_gamma.published;
  for (const [id, key] of [['p', 'p'], ['q', 'q'], ['gamma', 'v']]) {
    const got = await value(page, `clv-param-${id}`);
    assert.ok(Math.abs(got / gg[key] - 1) < 0.005, `${key}: ${got} against ${gg[key]}`);
  }
  const want = engine({ as_of: '1997-09-30' });
  const got = await clvCounts(page);
  for (const k of CLASSES) assert.equal(got[k], want[k], k);
  // One-time buyers: everyone but lifetimes' 1,411 repeat buyers.
  assert.equal(got.one_time, 2357 - REFERENCE.data.repeat_buyers);

  // The thresholds re-class; the engine agrees at the new setting.
  await nudge(page, 'clv-lapsing', 10);
  await page.waitForFunction(() => /60%/.test(document.querySelector('[data-testid="clv-lapsing-value"]')?.textContent ?? ''));
  const moved = engine({ as_of: '1997-09-30', clv: { lapsing_below: 60 } });
  assert.deepEqual(await clvCounts(page), Object.fromEntries(CLASSES.map((k) => [k, moved[k]])));
  assertClean(page, env.server);
});

test('the horizon and discount sliders, and a backtest a user can read', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', CSV);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '2,357');
  await goto(page, 'clv');
  // Over the whole log (to 1998-06-30), split at two thirds by default.
  const mae = await value(page, 'backtest-mae');
  assert.ok(mae > 0 && mae < 2, `MAE ${mae}`);
  const predicted = await value(page, 'backtest-predicted');
  const actual = await value(page, 'backtest-actual');
  assert.ok(Math.abs(predicted / actual - 1) < 0.3, `predicted ${predicted}, actual ${actual}`);
  const before = await clvCounts(page);
  await nudge(page, 'clv-horizon', 6);
  await page.waitForFunction(() => /18/.test(document.querySelector('[data-testid="clv-horizon-value"]')?.textContent ?? ''));
  // A longer horizon raises every predicted value; the classes by P(alive) stay.
  const after = await clvCounts(page);
  assert.equal(after.lost, before.lost);
  assert.equal(after.lapsing, before.lapsing);
  assert.equal(after.one_time, before.one_time);
  // Each split date refits the model: the slider's value follows the keys at once, the
  // backtest follows once the slider rests (one refit for twenty steps), as one undo step.
  const period = await text(page, 'backtest-period');
  const split = await text(page, 'backtest-split-value');
  await nudge(page, 'backtest-split', -20);
  assert.notEqual(await text(page, 'backtest-split-value'), split);
  assert.equal(await text(page, 'backtest-period'), period, 'not refitted while the keys run');
  await page.waitForFunction((m) => Number(document.querySelector('[data-testid="backtest-mae"]')?.dataset.value) !== m, mae);
  assert.notEqual(await text(page, 'backtest-period'), period);
  assert.match(await text(page, 'backtest-period'), /^Fitted on the orders up to .+, compared with the repeat purchases from then to .+\.$/);
  await page.click('[data-testid=undo]');
  await page.waitForFunction((p) => document.querySelector('[data-testid="backtest-period"]')?.textContent.trim() === p, period);
  assert.equal(await text(page, 'backtest-split-value'), split);
  assertClean(page, env.server);
});

test('MVC ranks on the predicted value and MGC on the predicted growth, as the engine does', async () => {
  // A customer table giving each CDNOW customer a profit, some below zero (BZC stays by profit).
  const master = join(mkdtempSync(join(tmpdir(), 'tierwise-clv-')), 'profit.csv');
  let rows = 'customer_id,profit\n';
  for (let k = 1; k <= 2357; k++) rows += `${String(k).padStart(4, '0')},${(k % 7) * 10 - 5}\n`;
  writeFileSync(master, rows);
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', master);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '2,357');
  await page.setInputFiles('[data-testid=file-input]', CSV);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=source-report]').length === 2);
  await goto(page, 'value');
  const KEYS = ['mvc', 'mgc', 'ordinary', 'bzc'];
  const counts = async () => Object.fromEntries(await Promise.all(KEYS.map(async (k) => [k, await count(page, `value-count-${k}`)])));
  const want = (settings) => {
    const e = engine(settings, master, 'value');
    return Object.fromEntries(KEYS.map((k) => [k, e[k]]));
  };
  const byProfit = await counts();
  assert.deepEqual(byProfit, want({}));
  await page.selectOption('[data-testid=choice-value-mvc]', 'clv');
  await page.selectOption('[data-testid=choice-value-mgc]', 'predicted');
  const forward = want({ value: { mvc_measure: 'Clv', mgc_measure: 'PredictedGrowth' } });
  await page.waitForFunction((m) => Number(document.querySelector('[data-testid=value-count-mgc]')?.textContent.replace(/,/g, '')) === m, forward.mgc);
  assert.deepEqual(await counts(), forward);
  assert.ok(forward.mgc > 0 && forward.mvc === byProfit.mvc, `${JSON.stringify(forward)} against ${JSON.stringify(byProfit)}`);
  assertClean(page, env.server);
});

// A log too large to fit on the page (more than 50,000 orders) is fitted in the fit worker
// (src/fit_worker.rs), loaded then and not before. The log is the CDNOW sample eight times,
// each copy under its own customer ids: its likelihood is eight times CDNOW's, so the
// estimates are the published ones and the log-likelihood is eight times lifetimes'. Its
// backtest, fitted in the worker too, counts eight times the repeat purchases the page's own
// fit of one copy counts, and predicts eight times as many.
test('a large log is fitted in a worker, with the published figures', async () => {
  const COPIES = 8;
  const [head, ...rows] = readFileSync(CSV, 'utf8').trim().split('\n');
  const lines = [head];
  for (let k = 0; k < COPIES; k++) for (const r of rows) lines.push(`c${k}-${r}`);
  const file = join(mkdtempSync(join(tmpdir(), 'tierwise-clv-')), 'cdnow_x8.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  assert.ok(lines.length - 1 > 50000);

  const page = await env.page({ serviceWorkers: 'block' });
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', CSV);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '2,357');
  await goto(page, 'clv');
  const one = { actual: await value(page, 'backtest-actual'), predicted: await value(page, 'backtest-predicted') };
  assert.deepEqual(asked.filter((u) => u.includes('fit')), [], 'CDNOW alone is fitted on the page');

  await goto(page, 'overview');
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction((n) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === n,
    (2357 * COPIES).toLocaleString('en-US'));
  await goto(page, 'clv');
  await page.waitForFunction((a) => Number(document.querySelector('[data-testid="backtest-actual"]')?.dataset.value) === a,
    COPIES * one.actual);
  const predicted = await value(page, 'backtest-predicted');
  assert.ok(Math.abs(predicted / (COPIES * one.predicted) - 1) < 1e-3, `predicted ${predicted} against ${COPIES} × ${one.predicted}`);
  assert.ok(asked.some((u) => u.endsWith('/tierwise-fit_bg.wasm')), `the fit worker was loaded: ${asked.join(' ')}`);
  const times = await page.evaluate(() => window.__tierwise_fit_times);
  assert.ok(times?.length === 2 && times[0] <= times[1], `the worker reported its fit: ${times}`);

  await goto(page, 'overview');
  await page.fill('[data-testid=as-of-date]', '1997-09-30');
  await goto(page, 'clv');
  const published = REFERENCE.bgnbd.published;
  for (const id of ['r', 'alpha', 'a', 'b']) {
    const got = await value(page, `clv-param-${id}`);
    assert.ok(Math.abs(got / published[id] - 1) < 0.005, `${id}: ${got} against ${published[id]}`);
  }
  const ll = await value(page, 'clv-loglik');
  assert.ok(Math.abs(ll - COPIES * REFERENCE.bgnbd.log_likelihood) < 0.1 * COPIES, `log-likelihood ${ll}`);
  // Every copy of a customer has the same P(alive): the counts by P(alive) are multiples of
  // eight (the high-value share may cut between copies), and one-time buyers are eight
  // times CDNOW's.
  const got = await clvCounts(page);
  for (const k of ['lapsing', 'lost', 'one_time']) assert.equal(got[k] % COPIES, 0, `${k}: ${got[k]}`);
  assert.equal((got.high_value + got.steady) % COPIES, 0, `active: ${got.high_value} + ${got.steady}`);
  assert.equal(got.one_time, COPIES * (2357 - REFERENCE.data.repeat_buyers));
  assertClean(page, env.server);
});

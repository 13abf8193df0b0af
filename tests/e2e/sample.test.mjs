// First visit: the app opens on the built-in sample, says so, and shows the figures that an
// independent computation (tests/data/sample_expected.py) gives for the sample's CSV files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, goto, count, text, abcCounts, tierCounts, expected, assertClean, FIXTURES } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('first visit opens on the sample with a banner and the right counts', async () => {
  const page = await env.page();
  await openApp(env, page);
  const want = expected();
  assert.ok(await page.isVisible('[data-testid=sample-banner]'), 'sample banner shown');
  assert.equal(await count(page, 'customer-count'), want.customers);
  assert.deepEqual(await abcCounts(page), want.abc);
  assert.deepEqual(await tierCounts(page), want.tiers);
  assert.equal(await count(page, 'rows-read'), want.rows.read + want.customers, 'log rows + master rows');
  assert.equal(await count(page, 'rows-used') + await count(page, 'rows-rejected'), await count(page, 'rows-read'));
  await goto(page, 'abc');
  assert.ok(await page.isVisible('[data-testid=pareto-chart]'));
  assertClean(page, env.server);
});

test('clear, then load the sample with one click', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await page.waitForSelector('[data-testid=empty-state]');
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), false);
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector('[data-testid=customer-count]');
  assert.equal(await count(page, 'customer-count'), expected().customers);
  assertClean(page, env.server);
});

/** The RFM page's segment counts, by key. */
async function rfmCounts(page, keys) {
  const out = {};
  for (const k of keys) out[k] = await count(page, `rfm-count-${k}`);
  return out;
}

test('RFM segments of the sample equal the independent computation, with 5 and 4 bins and either match rule', async () => {
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  await goto(page, 'rfm');
  const want = expected().rfm;
  const keys = Object.keys(want);
  assert.ok(keys.includes('champions') && keys.includes('others') && keys.length === 11);
  assert.deepEqual(await rfmCounts(page, keys), want);
  assert.match(await page.textContent('[data-testid=rfm-rule]'), /⌊k/);
  await page.selectOption('[data-testid=choice-rfm-bins]', '4');
  const four = expected(['--rfm-bins', '4']).rfm;
  assert.notDeepEqual(four, want, 'four bins change the segments (else the test proves nothing)');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="rfm-count-champions"]')?.textContent.replace(/[^0-9]/g, '')) === n, four.champions);
  assert.deepEqual(await rfmCounts(page, keys), four);
  await page.selectOption('[data-testid=choice-rfm-match]', 'last');
  const last = expected(['--rfm-bins', '4', '--rfm-last-wins']).rfm;
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="rfm-count-loyal"]')?.textContent.replace(/[^0-9]/g, '')) === n, last.loyal);
  assert.deepEqual(await rfmCounts(page, keys), last);
  assert.ok(await page.isVisible('[data-testid=rfm-grid]'));
  assertClean(page, env.server);
});

test('no click loses the user\'s data: the sample opens in its own workspace, clearing asks and undoes', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'orders_small.csv'));
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.textContent.trim() === 'Saved in this browser.');
  const mine = await page.inputValue('[data-testid=workspace-select]');
  // The sample: a new workspace, the import untouched in its own.
  await page.click('[data-testid=load-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300');
  assert.match(await text(page, 'sample-in-new-workspace'), /your data is unchanged/);
  assert.notEqual(await page.inputValue('[data-testid=workspace-select]'), mine);
  // Clear asks first; Cancel keeps everything.
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-no]');
  assert.equal(await count(page, 'customer-count'), 300);
  // Clear, then undo.
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await page.waitForSelector('[data-testid=empty-state]');
  await page.click('[data-testid=clear-data-undo]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300');
  // Clear again and reload: the import is still there, in its workspace.
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await page.waitForSelector('[data-testid=empty-state]');
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForSelector('[data-testid=workspace-select]');
  await page.selectOption('[data-testid=workspace-select]', mine);
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '10');
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  assertClean(page, env.server);
});

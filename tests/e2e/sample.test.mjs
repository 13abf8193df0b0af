// First visit: the app opens on the built-in sample, says so, and shows the figures that an
// independent computation (tests/data/sample_expected.py) gives for the sample's CSV files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, goto, count, abcCounts, tierCounts, expected, assertClean } from './helpers.mjs';

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
  await page.waitForSelector('[data-testid=empty-state]');
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), false);
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector('[data-testid=customer-count]');
  assert.equal(await count(page, 'customer-count'), expected().customers);
  assertClean(page, env.server);
});

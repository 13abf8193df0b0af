// Sliders retune the classes live, with no re-parse; the values survive a reload; undo and
// reset work. Expected counts come from the independent Python computation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, text, abcCounts, tierCounts, nudge, expected, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('moving the A and B sliders moves the ABC counts as computed, and undo steps back', async () => {
  const page = await env.page();
  await openApp(env, page);
  await nudge(page, 'slider-abc-a', -10);
  assert.equal(await text(page, 'slider-abc-a-value'), '70%');
  assert.deepEqual(await abcCounts(page), expected(['--a', '70']).abc);

  await nudge(page, 'slider-abc-b', 5);
  assert.equal(await text(page, 'slider-abc-b-value'), '20%');
  assert.deepEqual(await abcCounts(page), expected(['--a', '70', '--b', '20']).abc);

  await page.click('[data-testid=undo]');
  assert.equal(await text(page, 'slider-abc-b-value'), '15%');
  assert.deepEqual(await abcCounts(page), expected(['--a', '70']).abc);
  assertClean(page, env.server);
});

test('tier sliders move the tier counts', async () => {
  const page = await env.page();
  await openApp(env, page);
  await nudge(page, 'slider-tier-vip', 5);
  assert.equal(await text(page, 'slider-tier-vip-value'), '10%');
  assert.deepEqual(await tierCounts(page), expected(['--vip', '10']).tiers);
  await page.click('[data-testid=reset-settings]');
  assert.deepEqual(await tierCounts(page), expected().tiers);
  assertClean(page, env.server);
});

test('slider values survive a reload', async () => {
  const page = await env.page();
  await openApp(env, page);
  await nudge(page, 'slider-abc-a', -10);
  assert.equal(await text(page, 'slider-abc-a-value'), '70%');
  await page.reload();
  // The page is kept in the URL hash, so the reload lands on the ABC view again.
  await page.waitForSelector('[data-testid=view-abc]');
  assert.equal(await text(page, 'slider-abc-a-value'), '70%');
  assert.equal(await page.inputValue('[data-testid=slider-abc-a]'), '70');
  assert.deepEqual(await abcCounts(page), expected(['--a', '70']).abc);
  assertClean(page, env.server);
});

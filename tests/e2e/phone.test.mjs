// Issue 17, finding 8: at phone width the figures come first, the data and workspace panels
// wait behind a button, and the customer table shows its key columns (id, name, sales, ABC),
// the rest one tap away in the explain drawer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, goto, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const PHONE = { width: 390, height: 844 };

test('on a phone the first figure is on the first screen, and the panels open from a button', async () => {
  const page = await env.page({ viewport: PHONE });
  await openApp(env, page);
  const kpi = await page.locator('[data-testid=customer-count]').boundingBox();
  assert.ok(kpi.y + kpi.height < PHONE.height, `the customer count is at y = ${kpi.y} (before: about 1,900)`);
  assert.equal(await page.isVisible('[data-testid=load-sample]'), false, 'the data panel waits');
  const toggle = page.locator('[data-testid=side-toggle]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.isVisible('[data-testid=load-sample]'), true);
  assert.equal(await page.isVisible('[data-testid=workspace-select]'), true);
  // The figures stay above the panels.
  const panel = await page.locator('[data-testid=load-sample]').boundingBox();
  assert.ok(panel.y > kpi.y, 'the panels come after the figures');
  assertClean(page, env.server);
});

test('a wide screen shows the panels beside the page, with no button', async () => {
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  assert.equal(await page.isVisible('[data-testid=side-toggle]'), false);
  assert.equal(await page.isVisible('[data-testid=load-sample]'), true);
  assertClean(page, env.server);
});

test('on a phone the customer table fits: key columns, the rest on tap', async () => {
  const page = await env.page({ viewport: PHONE });
  await openApp(env, page);
  await goto(page, 'customers');
  await page.waitForSelector('[data-testid=customer-row]');
  const fit = await page.$eval('.table-scroll', (s) => s.scrollWidth - s.clientWidth);
  assert.ok(fit <= 1, `the table scrolls sideways by ${fit}px`);
  const shown = await page.$$eval('.customer-table thead th', (ths) => ths.filter((t) => t.getBoundingClientRect().width > 0).map((t) => t.textContent.trim()));
  assert.equal(shown.length, 4, `columns shown: ${shown}`);
  assert.match(shown.join('|'), /Id.*Name.*Sales.*ABC/i);
  // A tap opens the rest.
  await page.click('[data-testid=customer-row] >> nth=0');
  await page.waitForSelector('[data-testid=explain-drawer]');
  assert.match(await page.textContent('[data-testid=explain-drawer]'), /Owner|Region/);
  assertClean(page, env.server);
});

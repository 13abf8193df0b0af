// axe-core (the npm package, injected from node_modules: no network) on every page of the app,
// in each language and at three screen sizes: zero serious or critical violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, goto, assertClean, ROOT, seriousViolations, AUDIT, ARTIFACTS } from './helpers.mjs';

// Every page the navigation offers (it lists the method registry's pages): a new method's
// page is checked without being named here.
async function pages(page) {
  const keys = await page.$$eval('nav.pages a[data-testid^="nav-"]', (els) => els.map((e) => e.dataset.testid.slice(4)));
  assert.ok(keys.includes('abc') && keys.includes('customers') && keys.length >= 15, `nav pages: ${keys}`);
  return keys;
}

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const serious = seriousViolations;

test('no serious accessibility violation on any page (English, 1366×768)', async () => {
  const page = await env.page({ ...AUDIT, viewport: { width: 1366, height: 768 } });
  await openApp(env, page);
  for (const key of await pages(page)) {
    await goto(page, key);
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], `page ${key}`);
  }
  assertClean(page, env.server);
});

for (const [lang, size] of [['zh-CN', { width: 1920, height: 1080 }], ['es', { width: 390, height: 844 }]]) {
  test(`no serious violation in ${lang} at ${size.width}×${size.height}, and nothing overflows sideways`, async () => {
    const page = await env.page({ ...AUDIT, viewport: size });
    await openApp(env, page);
    await page.selectOption('[data-testid=lang-select]', lang);
    for (const key of ['overview', 'tiers', 'wallet', 'customers', 'staffing', 'report']) {
      await goto(page, key);
      await page.waitForTimeout(100);
      assert.deepEqual(await serious(page), [], `page ${key}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${key} scrolls sideways by ${overflow}px at ${size.width}px`);
      await page.screenshot({ path: join(ARTIFACTS, `${key}-${lang}-${size.width}.png`), fullPage: true });
    }
    assertClean(page, env.server);
  });
}

test('no serious violation with the pin form open, a pin made, and the pins listed', async () => {
  const page = await env.page({ ...AUDIT, viewport: { width: 1366, height: 768 } });
  await openApp(env, page);
  await goto(page, 'customers');
  await page.click('[data-testid=customer-row] [data-testid=pin-open]');
  await page.waitForSelector('[data-testid=explain-drawer] [data-testid=pin-reason]');
  assert.deepEqual(await serious(page), [], 'drawer with the pin form');
  await page.fill('[data-testid=pin-reason]', 'Strategic account');
  await page.selectOption('[data-testid=pin-kind]', 'five_s');
  await page.click('[data-testid=pin-save]');
  await page.waitForSelector('[data-testid=explain-drawer] [data-testid=pin-current]');
  assert.deepEqual(await serious(page), [], 'drawer with a pin and the status');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=customer-row] [data-testid=pin-marker]');
  assert.deepEqual(await serious(page), [], 'table with a pin marker');
  for (const key of ['value', 'five_s']) {
    await goto(page, key);
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], `page ${key} with its pins list`);
  }
  assert.equal(await page.locator('[data-testid=pins-list] [data-testid=pin-row]').count(), 1);
  assertClean(page, env.server);
});

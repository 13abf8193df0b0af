// Issue 20: a light first paint before the WebAssembly arrives. The page's shell (the bar and
// a loading line in the three languages) is in index.html itself, so it paints as soon as the
// HTML and CSS are in, and the app replaces it once it mounts. The WASM is held back here for
// 1.5 s, as on a slow connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

test('the loading shell paints before the WebAssembly, and the app replaces it', async () => {
  const page = await env.page();
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.server.url);
  const boot = page.locator('[data-testid=boot]');
  await boot.waitFor({ state: 'visible' });
  assert.match(await boot.textContent(), /Loading… · 正在加载… · Cargando…/);
  assert.equal(await page.getAttribute('[data-testid=boot]', 'role'), 'status');
  assert.equal(await page.$('[data-testid=customer-count]'), null, 'no app yet');
  await page.waitForTimeout(1500);
  assert.ok(await boot.isVisible(), 'still shown while the WASM is on its way');
  release();
  await page.waitForSelector('[data-testid=customer-count]');
  assert.equal(await page.$('[data-testid=boot]'), null, 'the shell is gone');
  assert.equal(await page.$$eval('header, .topbar', (els) => els.length), 1, 'one bar, the app\'s');
  assertClean(page, env.server);
});

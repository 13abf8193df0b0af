// Issue 17's tests: a screenshot of every page at the three widths in the three languages, as
// artefacts (target/e2e-artifacts/pages/, not committed), each page also checked for sideways
// overflow: nothing wider than the screen (it found the RFM controls 20 px too wide on a
// phone, and the Spanish cross-selling tables 93 px too wide at 1366 px).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, openApp, assertClean, ROOT } from './helpers.mjs';

const OUT = join(ROOT, 'target', 'e2e-artifacts', 'pages');
const WIDTHS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

let env;
before(async () => {
  env = await start();
  mkdirSync(OUT, { recursive: true });
});
after(async () => { await env.stop(); });

for (const lang of ['en', 'zh-CN', 'es']) {
  test(`every page at three widths in ${lang}: a screenshot, and nothing wider than the screen`, async () => {
    for (const vp of WIDTHS) {
      const page = await env.page({ viewport: vp });
      await openApp(env, page);
      await page.selectOption('[data-testid=lang-select]', lang);
      const keys = await page.$$eval('nav.pages a[data-testid^="nav-"]', (els) => els.map((e) => e.dataset.testid.slice(4)));
      assert.ok(keys.length >= 17, `pages: ${keys}`);
      for (const key of keys) {
        await page.evaluate((k) => { location.hash = `#/${k}`; }, key);
        await page.waitForSelector(`[data-testid=view-${key}]`);
        await page.waitForTimeout(50);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(over <= 0, `${key} at ${vp.width}px in ${lang} is ${over}px too wide`);
        await page.screenshot({ path: join(OUT, `${key}-${vp.width}-${lang}.png`), fullPage: true });
      }
      assertClean(page, env.server);
      await page.context().close();
    }
  });
}

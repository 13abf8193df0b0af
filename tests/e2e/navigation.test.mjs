// Issue 17, findings 3 and 12: every page one or two clicks away at any width, a sticky bar,
// a skip link, slider values announced with their units, "what changed" summing up a whole
// key run, and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y for undo and redo outside text fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, goto, text, abcCounts, nudge, expected, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const WIDTHS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

/** The box of a test id, or null when it is not shown. */
async function box(page, sel) {
  const l = page.locator(sel);
  return (await l.isVisible()) ? l.boundingBox() : null;
}

function inside(b, vp, what) {
  assert.ok(b, `${what} is shown`);
  assert.ok(b.x >= 0 && b.x + b.width <= vp.width + 0.5, `${what} fits across (${b.x}..${b.x + b.width} of ${vp.width})`);
}

for (const vp of WIDTHS) {
  for (const lang of ['en', 'es']) {
    test(`every page is reachable from the bar at ${vp.width}px (${lang})`, async () => {
      const page = await env.page({ viewport: vp });
      await openApp(env, page);
      await page.selectOption('[data-testid=lang-select]', lang);
      // Nothing scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      const top = ['overview', 'methods', 'customers', 'staffing', 'snapshots', 'report'];
      for (const k of top) inside(await box(page, `[data-testid=nav-${k}]`), vp, `nav-${k}`);
      // The method pages: one click opens the menu, every link in it is on screen.
      const methods = await page.$$eval('#nav-methods-list a', (els) => els.map((e) => e.dataset.testid.slice(4)));
      assert.ok(methods.length >= 11 && methods.includes('abc') && methods.includes('rfm'), `methods: ${methods}`);
      assert.equal(await page.getAttribute('[data-testid=nav-methods]', 'aria-expanded'), 'false');
      for (const k of methods) assert.equal(await box(page, `[data-testid=nav-${k}]`), null, `nav-${k} waits in the menu`);
      await page.click('[data-testid=nav-methods]');
      assert.equal(await page.getAttribute('[data-testid=nav-methods]', 'aria-expanded'), 'true');
      for (const k of methods) {
        const b = await box(page, `[data-testid=nav-${k}]`);
        inside(b, vp, `nav-${k}`);
        assert.ok(b.y + b.height <= vp.height, `nav-${k} is above the fold`);
      }
      // A click outside closes the menu.
      await page.mouse.click(vp.width / 2, vp.height - 5);
      assert.equal(await page.getAttribute('[data-testid=nav-methods]', 'aria-expanded'), 'false');
      // Two clicks to a method page; the button then names it.
      await goto(page, 'pyramid');
      assert.equal(await page.getAttribute('[data-testid=nav-methods]', 'aria-expanded'), 'false', 'the menu closes on a pick');
      if (vp.width > 600) {
        const name = await text(page, 'nav-current-method');
        assert.ok(name.length > 2, `the button names the method: ${name}`);
      }
      // The bar stays at the top of a long page.
      await goto(page, 'report');
      await page.waitForSelector('[data-testid=report-view]');
      const y0 = (await box(page, 'nav.pages')).y;
      await page.mouse.wheel(0, 3000);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(100);
      const scrolled = await page.evaluate(() => window.scrollY);
      const bar = await box(page, 'nav.pages');
      const want = Math.max(0, y0 - scrolled);
      assert.ok(bar && Math.abs(bar.y - want) < 1, `the bar is at ${want} after scrolling ${scrolled}px (y = ${bar?.y})`);
      assert.ok(scrolled > y0, `the page scrolled past the header (${scrolled} > ${y0})`);
      assertClean(page, env.server);
    });
  }
}

test('the methods menu works from the keyboard', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.focus('[data-testid=nav-methods]');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.closest('#nav-methods-list'));
  const first = await page.evaluate(() => document.activeElement.dataset.testid);
  const firstListed = await page.$eval('#nav-methods-list a', (a) => a.dataset.testid);
  assert.equal(first, firstListed, 'ArrowDown opens the menu on its first link');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const last = await page.$$eval('#nav-methods-list a', (as) => as[as.length - 1].dataset.testid);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), last, 'ArrowUp wraps to the last');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('[data-testid=nav-methods]', 'aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'nav-methods', 'Escape returns focus to the button');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-testid=view-${firstListed.slice(4)}]`);
  assertClean(page, env.server);
});

test('the skip link is the first tab stop and lands on the page', async () => {
  const page = await env.page();
  await openApp(env, page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'skip-link');
  assert.ok(await page.isVisible('[data-testid=skip-link]'), 'shown when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-content');
  assert.ok(page.url().endsWith('#/overview') || !page.url().includes('#main'), `the page stays: ${page.url()}`);
  await page.waitForSelector('[data-testid=view-overview]');
  // The next stop is inside the page, not the header or the bar.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement.closest('main') && !document.activeElement.closest('nav'));
  assert.ok(inMain, 'Tab after the skip link stays in the page');
  assertClean(page, env.server);
});

test('a key run on a slider is one step: announced with its unit, summed up, undone and redone with the keyboard', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'abc');
  assert.equal(await page.getAttribute('[data-testid=slider-abc-a]', 'aria-valuetext'), '80%');
  await nudge(page, 'slider-abc-a', -3);
  assert.equal(await page.getAttribute('[data-testid=slider-abc-a]', 'aria-valuetext'), '77%');
  const [d80, d78, d77] = [expected().abc, expected(['--a', '78']).abc, expected(['--a', '77']).abc];
  assert.deepEqual(await abcCounts(page), d77);
  // Both cuts move down (A's end, and B's end with it): the customers between them move.
  const moved = (from, to) => (from.A - to.A) + ((from.A + from.B) - (to.A + to.B));
  assert.notEqual(moved(d80, d77), moved(d78, d77), 'the whole run moves more than its last press');
  const changed = await text(page, 'what-changed');
  const n = Number(changed.match(/([\d,]+) customers changed class/)?.[1].replace(/,/g, ''));
  assert.equal(n, moved(d80, d77), `what changed sums up the three presses: ${changed}`);
  assert.ok(changed.includes(`−${d80.A - d77.A} `), changed);

  // Ctrl+Z in a text field is the field's own; it leaves the settings alone.
  await page.keyboard.press('Tab');
  await goto(page, 'customers');
  await page.fill('[data-testid=customer-search]', 'abc');
  await page.keyboard.press('Control+z');
  await goto(page, 'abc');
  assert.equal(await text(page, 'slider-abc-a-value'), '77%', 'Ctrl+Z in the search box did not undo the slider');

  await page.locator('[data-testid=slider-abc-a]').focus();
  await page.keyboard.press('Control+z');
  assert.equal(await text(page, 'slider-abc-a-value'), '80%', 'Ctrl+Z undoes the whole run');
  assert.deepEqual(await abcCounts(page), d80);
  assert.equal(await page.isEnabled('[data-testid=redo]'), true);
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await text(page, 'slider-abc-a-value'), '77%', 'Ctrl+Shift+Z redoes it');
  await page.keyboard.press('Control+z');
  await page.click('body', { position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+y');
  assert.equal(await text(page, 'slider-abc-a-value'), '77%', 'Ctrl+Y redoes too');
  assert.deepEqual(await abcCounts(page), d77);
  // A new change clears what could be redone.
  await page.keyboard.press('Control+z');
  await nudge(page, 'slider-abc-b', 1);
  assert.equal(await page.isEnabled('[data-testid=redo]'), false);
  assertClean(page, env.server);
});

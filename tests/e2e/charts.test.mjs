// Issue 17, finding 9: charts a client would put on a slide. The value under the pointer, and
// under the focus with the arrow keys (a tooltip layer over the canvas); the ABC bands in the
// colours of their legend; a log volume axis when the volumes are skewed, with the quadrants
// named; no 5S moves matrix before anything moved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openApp, goto, nudge, assertClean, ROOT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/** The row of a class table as text cells. */
async function row(page, testid) {
  return page.$$eval(`[data-testid=${testid}] td`, (tds) => tds.map((t) => t.textContent.trim()));
}

test('the Pareto chart tells a band\'s figures on hover and on focus, in the table\'s words and colours', async () => {
  const page = await env.page({ viewport: { width: 1366, height: 900 } });
  await openApp(env, page);
  await goto(page, 'abc');
  const chart = page.locator('[data-testid=pareto-chart]');
  const box = await chart.boundingBox();
  const [count, customers, sales] = await row(page, 'abc-row-A');
  // Band A is the left part of the plot: hover a little right of the y axis.
  await page.mouse.move(box.x + 90, box.y + box.height / 2);
  await page.waitForSelector('[data-testid=chart-tip]');
  const tip = (await page.textContent('[data-testid=chart-tip]')).trim();
  assert.equal(tip, `A: ${count} customers (${customers}) · ${sales} of sales`);
  await page.mouse.move(box.x + box.width + 50, box.y - 50);
  await page.waitForSelector('[data-testid=chart-tip]', { state: 'detached' });

  // From the keyboard: focus the chart, arrows step through the bands.
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('[data-testid=chart-tip]'), /^A: /);
  await page.keyboard.press('ArrowRight');
  const [countB] = await row(page, 'abc-row-B');
  assert.match(await page.textContent('[data-testid=chart-tip]'), new RegExp(`^B: ${countB} customers`));
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=chart-tip]', { state: 'detached' });

  // The C band is drawn in the colour of C's swatch in the table (it was grey, the swatch green).
  const swatch = await page.$eval('[data-testid=abc-row-C] .swatch', (s) => getComputedStyle(s).backgroundColor.match(/\d+/g).map(Number));
  const pixel = await chart.evaluate((c) => {
    const ctx = c.getContext('2d');
    return Array.from(ctx.getImageData(c.width * 0.9, c.height * 0.3, 1, 1).data).slice(0, 3);
  });
  // The band is the swatch at 12% over white.
  const tint = swatch.map((v) => Math.round(255 + (v - 255) * 0.12));
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(pixel[k] - tint[k]) <= 3, `C band ${pixel} is the swatch ${swatch} tinted (${tint})`);
  assertClean(page, env.server);
});

test('the wallet scatter takes a log axis when volumes are skewed, and names its quadrants\' moves', async () => {
  // Skew computed here from the sample's own column: the largest volume against the median.
  const [head, ...lines] = readFileSync(join(ROOT, 'public', 'sample', 'customers.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const col = head.indexOf('Upcoming volume');
  const vols = lines.map((r) => Number(r[col])).filter((v) => v > 0).sort((a, b) => a - b);
  const skewed = vols[vols.length - 1] > 20 * vols[Math.floor(vols.length / 2)];
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'wallet');
  assert.equal(await page.isChecked('[data-testid=wallet-log]'), skewed, `skewed: ${skewed}`);
  // A dot under the pointer says its figures.
  const chart = page.locator('[data-testid=wallet-chart]');
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('[data-testid=chart-tip]'), /Share of wallet: [\d.]+% · Upcoming purchase volume: /);
  await page.keyboard.press('Escape');
  // The user's choice wins over the default.
  await page.click('[data-testid=wallet-log]');
  assert.equal(await page.isChecked('[data-testid=wallet-log]'), !skewed);
  assertClean(page, env.server);
});

test('the 5S page shows no moves matrix before anything moved', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'five_s');
  assert.equal(await page.isVisible('[data-testid=five-s-migration-empty]'), true);
  assert.equal(await page.$('[data-testid=five-s-migration]'), null);
  await nudge(page, 'slider-five-s-first', -5);
  await page.waitForSelector('[data-testid=five-s-migration]');
  assert.equal(await page.isVisible('[data-testid=five-s-migration-empty]'), false);
  const c = page.locator('[data-testid=five-s-migration]');
  await c.focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('[data-testid=chart-tip]'), / → .*: [\d,]+$/);
  assertClean(page, env.server);
});

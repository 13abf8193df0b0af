// Issue 17, finding 10: words a client trusts, in the three languages. Plural forms, one way to
// write a percentage per language, the row balance as a sentence, one name per field (the
// glossary), default workspace names in the language shown, no developer timings by default,
// and a deal status explained in words rather than "Closed deals: 1".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, goto, text, nudge, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const lang = (page, l) => page.selectOption('[data-testid=lang-select]', l);

test('a month, two months; un mes, dos meses', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'potential');
  assert.equal(await text(page, 'slider-potential-a-months-value'), '1 month');
  await lang(page, 'es');
  assert.equal(await text(page, 'slider-potential-a-months-value'), '1 mes');
  await nudge(page, 'slider-potential-a-months', 1);
  assert.equal(await text(page, 'slider-potential-a-months-value'), '2 meses');
  assert.equal(await page.getAttribute('[data-testid=slider-potential-a-months]', 'aria-valuetext'), '2 meses');
  await lang(page, 'zh-CN');
  assert.equal(await text(page, 'slider-potential-a-months-value'), '2 个月');
  assertClean(page, env.server);
});

test('a percentage is written one way per language, on sliders and in tables', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'abc');
  await lang(page, 'es');
  assert.equal(await text(page, 'slider-abc-a-value'), '80 %');
  const cells = await page.$$eval('[data-testid=abc-table] td.num', (tds) => tds.map((t) => t.textContent.trim()).filter((t) => t.includes('%')));
  assert.ok(cells.length >= 6, `shares in the table: ${cells}`);
  for (const c of cells) assert.match(c, /^\d+(,\d)? %$/, c);
  await lang(page, 'en');
  assert.equal(await text(page, 'slider-abc-a-value'), '80%');
  assertClean(page, env.server);
});

test('the row balance reads as a sentence in each language', async () => {
  const page = await env.page();
  await openApp(env, page);
  const totals = async () => (await page.textContent('.totals')).replace(/\s+/g, ' ').trim();
  assert.match(await totals(), /^[\d,]+ rows read = [\d,]+ used \+ \d+ not used$/);
  await lang(page, 'zh-CN');
  assert.match(await totals(), /^共读取 [\d,]+ 行 = 使用 [\d,]+ 行 \+ 未使用 \d+ 行$/);
  await lang(page, 'es');
  assert.match(await totals(), /^[\d.]+ filas leídas = [\d.]+ usadas \+ \d+ sin usar$/);
  assertClean(page, env.server);
});

test('one name per field: profit is 利润 everywhere, owner is responsable everywhere', async () => {
  const page = await env.page();
  await openApp(env, page);
  const seen = [];
  for (const [l, banned] of [['zh-CN', /毛利/], ['es', /[Vv]endedor|Margen\b/]]) {
    await lang(page, l);
    for (const key of ['overview', 'value', 'staffing', 'customers']) {
      await goto(page, key);
      const body = await page.evaluate(() => document.body.innerText);
      assert.doesNotMatch(body, banned, `${l} ${key}`);
      seen.push(body);
    }
    // The drawer too.
    await page.click('[data-testid=customer-row] >> nth=0');
    await page.waitForSelector('[data-testid=explain-drawer]');
    assert.doesNotMatch(await page.textContent('[data-testid=explain-drawer]'), banned, `${l} drawer`);
    await page.keyboard.press('Escape');
  }
  assert.ok(seen.slice(0, 4).some((b) => b.includes('利润')), 'the Chinese pages name profit 利润');
  assert.ok(seen.slice(4).some((b) => b.includes('Responsable')), 'the Spanish pages name the owner Responsable');
  assertClean(page, env.server);
});

test('a deal status from the file is said in words', async () => {
  const page = await env.page();
  await openApp(env, page);
  await goto(page, 'customers');
  await page.click('[data-testid=customer-row] >> nth=0');
  await page.waitForSelector('[data-testid=explain-deal]');
  const deal = await page.textContent('[data-testid=explain-deal]');
  assert.match(deal, /status column marks this customer as a closed deal/, deal);
  assert.doesNotMatch(deal, /Closed deals/);
  assertClean(page, env.server);
});

test('a default workspace name follows the language; developer timings stay out of view', async () => {
  const page = await env.page();
  await openApp(env, page);
  const name = await page.inputValue('[data-testid=workspace-name]');
  assert.match(name, /^Workspace \d+$/, name);
  await lang(page, 'es');
  await page.waitForFunction(() => /^Espacio \d+$/.test(document.querySelector('[data-testid=workspace-name]').value));
  const option = await page.$eval('[data-testid=workspace-select] option:checked', (o) => o.textContent.trim());
  assert.match(option, /^Espacio \d+$/, option);
  assert.equal(await page.isVisible('[data-testid=recompute-ms]'), false, 'no timing by default');
  await page.goto(env.server.url + '?timings#/abc');
  await page.waitForSelector('[data-testid=view-abc]');
  assert.equal(await page.isVisible('[data-testid=recompute-ms]'), true, '?timings shows it');
  assertClean(page, env.server);
});

// Issue 17, finding 4: a page whose column is missing says what is missing, why, and the way
// out (rank on sales instead, map an unused column with the mapping opened at it, add the
// column, or see the page on the sample), with no sliders or "what changed" around nothing.
// The staffing plan without owners says what it assumes, and where the readiness check says
// tiering does not pay, says its figures are not a recommendation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openApp, goto, assertClean } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

/** A small order log with no profit column: 12 customers, one order each. */
function log(extraHeader = '') {
  const head = 'customer,date,amount' + (extraHeader ? `,${extraHeader}` : '');
  const rows = Array.from({ length: 12 }, (_, k) => `C${k},2024-0${1 + (k % 9)}-01,${(k + 1) * 100}` + (extraHeader ? `,x${k}` : ''));
  return Buffer.from([head, ...rows].join('\n') + '\n');
}

async function open(page, name, buffer) {
  await openApp(env, page);
  await page.setInputFiles('[data-testid=file-input]', { name, mimeType: 'text/csv', buffer });
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '12');
}

test('the pyramid without profit offers to rank on sales, and undo brings the question back', async () => {
  const page = await env.page();
  await open(page, 'no_profit.csv', log());
  await goto(page, 'pyramid');
  await page.waitForSelector('[data-testid=method-missing]');
  assert.match(await page.textContent('[data-testid=method-missing]'), /profit/);
  for (const hidden of ['choice-pyramid-measure', 'undo', 'what-changed']) {
    assert.equal(await page.isVisible(`[data-testid=${hidden}]`), false, `${hidden} is not shown while nothing can move`);
  }
  assert.equal(await page.isVisible('[data-testid=missing-add-column]'), true, 'no unused column: add one');
  await page.click('[data-testid=missing-switch-measure]');
  await page.waitForSelector('[data-testid=method-missing]', { state: 'detached' });
  assert.equal(await page.isVisible('[data-testid=pyramid-table]'), true);
  assert.equal(await page.inputValue('[data-testid=choice-pyramid-measure]'), 'sales');
  await page.click('[data-testid=undo]');
  await page.waitForSelector('[data-testid=method-missing]');
  assertClean(page, env.server);
});

test('an unused column is offered for mapping, and the mapping opens at it', async () => {
  const page = await env.page();
  await open(page, 'with_notes.csv', log('Remarks'));
  await goto(page, 'value');
  await page.waitForSelector('[data-testid=method-missing]');
  assert.equal(await page.isVisible('[data-testid=missing-switch-measure]'), false, 'value classes have no other measure');
  const map = await page.textContent('[data-testid=missing-map-column]');
  assert.match(map, /Remarks/, map);
  await page.click('[data-testid=missing-map-column]');
  // The mapping opens over the page, which stays where it was.
  await page.waitForSelector('dialog[data-testid=mapping][open]');
  assert.ok(await page.isVisible('[data-testid=view-value]'));
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  assert.equal(focused, 'Remarks', 'the unused column\'s menu has the focus');
  assertClean(page, env.server);
});

test('the staffing plan without owners says it plans one team, and not where tiering does not pay', async () => {
  const page = await env.page();
  await open(page, 'no_owner.csv', log());
  assert.notEqual(await page.getAttribute('[data-testid=readiness]', 'data-verdict'), 'worthwhile');
  await goto(page, 'staffing');
  assert.match(await page.textContent('[data-testid=staffing-no-owner]'), /no owner column.*one shared team/);
  assert.equal(await page.isVisible('[data-testid=staffing-owners]'), false);
  assert.match(await page.textContent('[data-testid=staffing-not-advised]'), /does not pay.*not a staffing recommendation/);
  // The sample: owners, and tiering pays.
  await page.click('[data-testid=nav-overview]');
  await page.click('[data-testid=load-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300');
  assert.equal(await page.getAttribute('[data-testid=readiness]', 'data-verdict'), 'worthwhile');
  await goto(page, 'staffing');
  assert.equal(await page.isVisible('[data-testid=staffing-owners]'), true);
  assert.equal(await page.isVisible('[data-testid=staffing-no-owner]'), false);
  assert.equal(await page.isVisible('[data-testid=staffing-not-advised]'), false);
  assert.match(await page.textContent('[data-testid=staffing-unowned]'), /A \d+ · B \d+ · C \d+/);
  assertClean(page, env.server);
});

test('"see this page on the sample" keeps the import in its own workspace', async () => {
  const page = await env.page();
  await open(page, 'mine.csv', log());
  await goto(page, 'value');
  await page.click('[data-testid=missing-try-sample]');
  await page.waitForSelector('[data-testid=value-table]');
  await page.click('[data-testid=nav-overview]');
  const options = await page.$$eval('[data-testid=workspace-select] option', (os) => os.length);
  assert.equal(options, 2, 'the import stays in its workspace, the sample opened in a new one');
  assertClean(page, env.server);
});

// Workspaces in IndexedDB: reload with no re-upload, saved reviews compared, two tabs, a tab
// closed in the middle of a save, export and import in a fresh browser, a tampered file,
// several workspaces, and "clear all data". Figures from tests/fixtures/e2e/README.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { start, openApp, ensure, goto, count, text, abcCounts, nudge, assertClean, FIXTURES, ROOT } from './helpers.mjs';
import { genLog } from '../bench/gen_log.mjs';

const big = join(ROOT, 'target', 'e2e', 'log_400000.csv');

let env;
before(async () => {
  mkdirSync(join(ROOT, 'target', 'e2e'), { recursive: true });
  if (!existsSync(big)) await genLog(big, 400_000, 40_000);
  env = await start();
});
after(async () => { await env.stop(); });

const SAVED = 'Saved in this browser.';

async function waitCount(page, n) {
  await ensure(page, 'customer-count');
  await page.waitForFunction((n) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === String(n), n);
}

/** Waits until the last change is written (settings are saved once a control rests). */
async function waitSaved(page) {
  await page.waitForTimeout(400);
  await page.waitForFunction((s) => document.querySelector('[data-testid=save-status]')?.textContent.trim() === s, SAVED);
}

async function upload(page, file, customers) {
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, file));
  await waitCount(page, customers);
}

// Each review has its own date (a second review of one date would ask to replace the first).
const DATES = { January: '2026-01-31', February: '2026-02-28', March: '2026-03-31' };

async function saveReview(page, label) {
  await ensure(page, 'snapshot-b');
  const before = await page.locator('[data-testid=snapshot-b] option').count();
  await page.fill('[data-testid=review-date]', DATES[label]);
  await page.fill('[data-testid=review-label]', label);
  await page.click('[data-testid=save-review]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=snapshot-b] option').length === n, before + 1);
}

async function ids(page, testid) {
  return page.$$eval(`[data-testid=${testid}] li[data-id]`, (els) => els.map((e) => e.dataset.id));
}

test('a reload brings the workspace back with no re-upload', async () => {
  const page = await env.page();
  await openApp(env, page);
  assert.equal(await text(page, 'save-status'), 'Sample data is not saved until you change something or import your own.');
  await upload(page, 'orders_small.csv', 10);
  await nudge(page, 'slider-abc-a', -20);
  assert.deepEqual(await abcCounts(page), { A: 2, B: 1, C: 7 });
  await waitSaved(page);
  await page.reload();
  await waitCount(page, 10);
  assert.deepEqual(await abcCounts(page), { A: 2, B: 1, C: 7 }, 'settings restored');
  assert.equal(await text(page, 'slider-abc-a-value'), '60%');
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), false, 'no sample banner');
  assert.equal(await count(page, 'rows-read'), 14, 'the import report is restored');
  assert.equal(await count(page, 'rows-rejected'), 1);
  assert.match(await text(page, 'restore-time'), /^Restored in \d+ ms$/);
  assert.match(await text(page, 'storage-usage'), /^Storage used: .+ of .+$/);
  assert.equal(await page.isVisible('[data-testid=storage-error]'), false);
  assertClean(page, env.server);
  await page.context().close();
});

test('saved reviews compare: matrix, up, down, new, lost, rose to the top', async () => {
  const page = await env.page();
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  assert.equal(await text(page, 'no-reviews').then(Boolean), true);
  // January with A = 60%: A Acme, Borealis; B Cobalt; C the other seven.
  await nudge(page, 'slider-abc-a', -20);
  assert.deepEqual(await abcCounts(page), { A: 2, B: 1, C: 7 });
  await saveReview(page, 'January');
  // February with A = 80%: A Acme … Dune; B Ember, Fjord, Garnet; C Helix, Iris, Juno.
  await nudge(page, 'slider-abc-a', 20);
  assert.deepEqual(await abcCounts(page), { A: 4, B: 3, C: 3 });
  await saveReview(page, 'February');
  // Rows: January's class (A, B, C, unclassed); columns: February's.
  const m = async (i, j) => Number(await text(page, `matrix-${i}-${j}`));
  assert.equal(await m(0, 0), 2);
  assert.equal(await m(1, 0), 1);
  assert.equal(await m(2, 0), 1);
  assert.equal(await m(2, 1), 3);
  assert.equal(await m(2, 2), 3);
  assert.equal(await m(0, 1) + await m(1, 1) + await m(1, 2) + await m(0, 2), 0);
  assert.deepEqual(await ids(page, 'moved-up'), ['Cobalt', 'Dune', 'Ember', 'Fjord', 'Garnet']);
  assert.deepEqual(await ids(page, 'rose-to-top'), ['Cobalt', 'Dune']);
  assert.equal(await text(page, 'moved-down-count'), '0');
  assert.equal(await text(page, 'new-customers-count'), '0');
  assert.equal(await text(page, 'lost-customers-count'), '0');
  // Reversed: February → January, the same five moved down.
  await page.selectOption('[data-testid=snapshot-a]', '1');
  await page.selectOption('[data-testid=snapshot-b]', '0');
  assert.deepEqual(await ids(page, 'moved-down'), ['Cobalt', 'Dune', 'Ember', 'Fjord', 'Garnet']);
  // March on other customers: the ten are lost, the five are new.
  await page.click('[data-testid=clear-data]');
  await page.click('[data-testid=clear-data-yes]');
  await upload(page, 'customers_zh.csv', 5);
  await saveReview(page, 'March');
  await page.selectOption('[data-testid=snapshot-a]', '1');
  await page.selectOption('[data-testid=snapshot-b]', '2');
  assert.equal(await text(page, 'lost-customers-count'), '10');
  assert.equal(await text(page, 'new-customers-count'), '5');
  assert.equal(await text(page, 'moved-up-count'), '0');
  // A note on a customer, then everything survives a reload.
  await page.fill('[data-testid=note-customer]', '甲');
  await page.fill('[data-testid=note-problem]', 'late payment');
  await page.fill('[data-testid=note-help]', 'monthly statement');
  await page.click('[data-testid=note-save]');
  await waitSaved(page);
  await page.reload();
  await waitCount(page, 5);
  await ensure(page, 'snapshot-b');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=snapshot-b] option').length === 3);
  assert.match(await text(page, 'note-list'), /甲: late payment — monthly statement/);
  assertClean(page, env.server);
  await page.context().close();
});

test('two tabs on one workspace stay in step', async () => {
  const one = await env.page();
  await openApp(env, one);
  await upload(one, 'orders_small.csv', 10);
  await waitSaved(one);
  const two = await one.context().newPage();
  two.requests = []; two.errors = [];
  two.on('request', (r) => two.requests.push(r.url()));
  two.on('console', (m) => { if (m.type() === 'error') two.errors.push(m.text()); });
  await two.goto(env.server.url);
  await waitCount(two, 10);
  // A change in one tab shows in the other.
  await nudge(one, 'slider-abc-a', -20);
  await waitSaved(one);
  await ensure(two, 'slider-abc-a-value');
  await two.waitForFunction(() => document.querySelector('[data-testid=slider-abc-a-value]')?.textContent.trim() === '60%');
  assert.deepEqual(await abcCounts(two), { A: 2, B: 1, C: 7 });
  // And back the other way, with new data.
  await goto(two, 'overview');
  await two.click('[data-testid=clear-data]');
  await two.click('[data-testid=clear-data-yes]');
  await upload(two, 'customers_zh.csv', 5);
  await waitSaved(two);
  await waitCount(one, 5);
  assert.equal(await one.isVisible('[data-testid=storage-error]'), false);
  assert.equal(await two.isVisible('[data-testid=storage-error]'), false);
  // A third tab opened now sees the last write.
  const three = await one.context().newPage();
  await three.goto(env.server.url);
  await waitCount(three, 5);
  assertClean(one, env.server);
  assertClean(two, env.server);
  await one.context().close();
});

test('a tab closed in the middle of a save reopens on the last complete state', async () => {
  const page = await env.page();
  const context = page.context();
  // Notes the moment a large data part is handed to IndexedDB (the save's transaction is
  // then open, not yet committed).
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, ...rest) {
      if (this.name === 'data' && value && value.byteLength > 1_000_000) window.__bigPut = true;
      return put.call(this, value, ...rest);
    };
  });
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  await waitSaved(page);
  // A 400,000-row log (40,000 customers): its save writes megabytes. Close the tab as soon as
  // the write starts.
  await page.setInputFiles('[data-testid=file-input]', big);
  await page.waitForFunction(() => window.__bigPut === true, null, { timeout: 60_000, polling: 'raf' });
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  again.errors = [];
  again.on('console', (m) => { if (m.type() === 'error') again.errors.push(m.text()); });
  await again.goto(env.server.url);
  await again.waitForSelector('[data-testid=restore-time]', { timeout: 60_000 });
  const n = await count(again, 'customer-count');
  // Either the old workspace or the new one, whole: never a mix, never an error.
  if (n === 10) assert.deepEqual(await abcCounts(again), { A: 4, B: 3, C: 3 });
  else {
    assert.equal(n, 40_000);
    const abc = await abcCounts(again);
    assert.equal(abc.A + abc.B + abc.C, 40_000);
  }
  console.log(`reopened on the ${n === 10 ? 'last complete (older)' : 'newer, completed'} state`);
  assert.equal(await again.isVisible('[data-testid=storage-error]'), false);
  assert.deepEqual(again.errors, []);
  await context.close();
});

test('export, then import in a fresh browser; a tampered file is refused and changes nothing', async () => {
  const page = await env.page();
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  await page.fill('[data-testid=workspace-name]', 'Distributor');
  await page.click('[data-testid=workspace-rename]');
  await saveReview(page, 'January');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=export-workspace]'),
  ]);
  assert.equal(download.suggestedFilename(), 'Distributor.tierwise');
  const dir = mkdtempSync(join(tmpdir(), 'tierwise-'));
  const file = join(dir, 'Distributor.tierwise');
  await download.saveAs(file);
  assertClean(page, env.server);
  await page.context().close();

  // A fresh context: another browser profile, nothing stored.
  const fresh = await env.page();
  await openApp(env, fresh);
  assert.equal(await count(fresh, 'customer-count'), 300);
  // Tampered: one byte of the content changed.
  const bytes = readFileSync(file);
  const bad = Buffer.from(bytes);
  bad[bad.length - 5] ^= 0x01;
  const badFile = join(dir, 'tampered.tierwise');
  writeFileSync(badFile, bad);
  await fresh.setInputFiles('[data-testid=import-workspace]', badFile);
  await fresh.waitForSelector('[data-testid=storage-error]');
  // The message names the file; the decoder's words are behind the "Details" toggle.
  assert.equal((await fresh.textContent('[data-testid=storage-error] .message')).trim(), 'tampered.tierwise cannot be opened as a workspace; nothing was changed.');
  assert.equal(await fresh.isVisible('[data-testid=storage-error-detail] code'), false);
  await fresh.click('[data-testid=storage-error-detail] summary');
  assert.match(await fresh.textContent('[data-testid=storage-error-detail] code'), /the file was modified or damaged \(checksum mismatch\)/);
  assert.equal(await count(fresh, 'customer-count'), 300, 'nothing changed');
  assert.equal(await fresh.isVisible('[data-testid=sample-banner]'), true);
  // Not a workspace file at all.
  await fresh.setInputFiles('[data-testid=import-workspace]', join(FIXTURES, 'orders_small.csv'));
  await fresh.waitForFunction(() => /not a Tierwise workspace file/.test(document.querySelector('[data-testid=storage-error]')?.textContent));
  assert.equal(await count(fresh, 'customer-count'), 300);
  // The real file.
  await fresh.setInputFiles('[data-testid=import-workspace]', file);
  await waitCount(fresh, 10);
  assert.deepEqual(await abcCounts(fresh), { A: 4, B: 3, C: 3 });
  assert.equal(await fresh.isVisible('[data-testid=storage-error]'), false);
  assert.equal(await fresh.inputValue('[data-testid=workspace-name]'), 'Distributor');
  await ensure(fresh, 'snapshot-b');
  assert.equal(await fresh.locator('[data-testid=snapshot-b] option').count(), 1);
  await waitSaved(fresh);
  await fresh.reload();
  await waitCount(fresh, 10);
  assertClean(fresh, env.server);
  await fresh.context().close();
});

test('several workspaces: create, rename, switch, delete', async () => {
  const page = await env.page();
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  await waitSaved(page);
  const firstId = await page.inputValue('[data-testid=workspace-select]');
  await page.click('[data-testid=workspace-new]');
  await waitCount(page, 300);
  await waitSaved(page);
  assert.equal(await page.locator('[data-testid=workspace-select] option').count(), 2);
  await page.fill('[data-testid=workspace-name]', 'Second');
  await page.click('[data-testid=workspace-rename]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=workspace-select] option')].some((o) => o.textContent.trim() === 'Second'));
  const secondId = await page.inputValue('[data-testid=workspace-select]');
  assert.notEqual(secondId, firstId);
  await page.selectOption('[data-testid=workspace-select]', firstId);
  await waitCount(page, 10);
  await page.selectOption('[data-testid=workspace-select]', secondId);
  await waitCount(page, 300);
  // The open workspace is remembered across a reload.
  await page.reload();
  await waitCount(page, 300);
  assert.equal(await page.inputValue('[data-testid=workspace-name]'), 'Second');
  await page.click('[data-testid=workspace-delete]');
  await waitCount(page, 10);
  assert.equal(await page.locator('[data-testid=workspace-select] option').count(), 1);
  assertClean(page, env.server);
  await page.context().close();
});

test('clear all data asks first, then forgets everything', async () => {
  const page = await env.page();
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  await waitSaved(page);
  await page.click('[data-testid=clear-all-data]');
  await page.click('[data-testid=clear-all-cancel]');
  assert.equal(await count(page, 'customer-count'), 10, 'cancel keeps everything');
  await page.click('[data-testid=clear-all-data]');
  assert.match(await text(page, 'clear-all-dialog'), /Delete every workspace/);
  await page.click('[data-testid=clear-all-confirm]');
  await waitCount(page, 300);
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), true);
  await page.reload();
  await waitCount(page, 300);
  assert.equal(await page.isVisible('[data-testid=sample-banner]'), true, 'nothing was left to restore');
  assert.equal(await page.locator('[data-testid=workspace-select] option').count(), 1);
  assertClean(page, env.server);
  await page.context().close();
});

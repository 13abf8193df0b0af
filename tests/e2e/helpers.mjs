// Shared set-up for the end-to-end tests: serve dist/ on loopback, open a page, and record
// every request and every console error, so each test can assert that nothing left
// 127.0.0.1 and nothing went wrong.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'e2e');
/** Where tests leave files to look at (screenshots, downloads, PDFs); made by `start`. */
export const ARTIFACTS = join(ROOT, 'target', 'e2e-artifacts');

/** Starts the server and the browser once per test file. */
export async function start({ dist = DIST, base = '/' } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(dist, { base });
  const browser = await launch();
  return {
    server,
    browser,
    async page(opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...opts });
      const page = await context.newPage();
      page.requests = [];
      page.errors = [];
      page.on('request', (r) => page.requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') page.errors.push(m.text());
      });
      page.on('pageerror', (e) => page.errors.push(String(e)));
      return page;
    },
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the app and waits until the overview shows a customer count. */
export async function openApp(env, page) {
  await page.goto(env.server.url);
  await page.waitForSelector('[data-testid=customer-count]');
}

/** The page that shows a test id, for the ids the tests read across pages. */
function pageOf(testid) {
  if (/^(customer-count|total-sales|total-profit|top20-share|recompute-ms|readiness|tile-)/.test(testid)) return 'overview';
  if (/^(abc-|slider-abc-|pareto-chart)/.test(testid)) return 'abc';
  if (/^(tier-|slider-tier-)/.test(testid)) return 'tiers';
  if (/^(undo|reset-settings)$/.test(testid)) return 'abc';
  if (/^(snapshot-|migration-matrix|matrix-|moved-|new-customers|lost-customers|rose-to-top|no-reviews|note-|customer-notes|compare-on)/.test(testid)) return 'snapshots';
  return null;
}

/** Goes to the page that shows `testid` when it is not on the current one. */
export async function ensure(page, testid) {
  if (await page.$(`[data-testid="${testid}"]`)) return;
  const key = pageOf(testid);
  if (key) await goto(page, key);
}

export async function text(page, testid) {
  await ensure(page, testid);
  return (await page.textContent(`[data-testid="${testid}"]`)).trim();
}

/** Reads a grouped integer such as "2,257" or "2.257". */
export async function count(page, testid) {
  return Number((await text(page, testid)).replace(/[^0-9-]/g, ''));
}

/** Opens a page by its nav link (`overview`, `abc`, `tiers`, `customers`, …), as a person would. */
export async function goto(page, key) {
  const link = page.locator(`[data-testid="nav-${key}"]`);
  // A method page's link sits in the Methods menu: open it first, as a person would.
  if (!(await link.isVisible())) await page.click('[data-testid=nav-methods]');
  await link.click();
  await page.waitForSelector(`[data-testid="view-${key}"]`);
}

/** Reads counts on another page, then comes back, as a person glancing at a view would. */
async function visiting(page, key, probe, read) {
  const away = !(await page.$(`[data-testid="${probe}"]`));
  const from = away ? await page.getAttribute('.content', 'data-testid') : null;
  if (away) await goto(page, key);
  const out = await read();
  if (away && from) await goto(page, from.replace(/^view-/, ''));
  return out;
}

export async function abcCounts(page) {
  return visiting(page, 'abc', 'abc-count-A', async () => ({
    A: await count(page, 'abc-count-A'),
    B: await count(page, 'abc-count-B'),
    C: await count(page, 'abc-count-C'),
  }));
}

export async function tierCounts(page) {
  return visiting(page, 'tiers', 'tier-count-VIP', async () => {
    const out = {};
    for (const t of ['VIP', 'Large', 'Medium', 'Small']) out[t] = await count(page, `tier-count-${t}`);
    return out;
  });
}

/** The independent Python computation of the same figures (tests/data/sample_expected.py). */
export function expected(args = []) {
  const out = execFileSync('python3', [join(ROOT, 'tests', 'data', 'sample_expected.py'), ...args], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** Moves a range slider with the keyboard, as a person would: focus, then arrow keys. */
export async function nudge(page, testid, steps) {
  await ensure(page, testid);
  const el = page.locator(`[data-testid="${testid}"]`);
  await el.focus();
  const key = steps < 0 ? 'ArrowLeft' : 'ArrowRight';
  for (let k = 0; k < Math.abs(steps); k++) await page.keyboard.press(key);
}

/** Nothing left loopback, and the console stayed clean. */
/// Waits until every change is written to IndexedDB: the status reads "saving" from a change
/// (a slider's 250 ms rest included) until the write completes.
export async function waitSaved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.dataset.state === 'saved');
}

export function assertClean(page, server) {
  const origin = new URL(server.url).origin;
  const outside = page.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, [], 'requests that left 127.0.0.1');
  assert.deepEqual(page.errors, [], 'console errors');
}

/** axe-core (the npm package, injected from node_modules: no network). It is an inline
 * script, which the app's own policy forbids, so an audited page is opened with
 * `env.page({ ...AUDIT })`, which bypasses the CSP for the audit only. */
export const AUDIT = { bypassCSP: true };
let axeSource;

/** The serious and critical axe-core violations on the page as it is. */
export async function seriousViolations(page) {
  axeSource ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return r.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// Monthly reviews (issue 17, finding 11): a review takes the date the user sets (last month can
// be filled in), the reviews are listed in date order, a second review of one date asks before
// it replaces the first and can be undone, as can a deletion; the migration matrix is shaded by
// count with readable text; the explain drawer starts a note on its own customer. axe-core finds
// nothing serious on the page with a matrix, nor on the drawer with its note editor open.
// Figures from tests/fixtures/e2e/README.md (orders_small.csv, as in workspace.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, ensure, goto, text, nudge, assertClean, waitSaved, FIXTURES, seriousViolations, AUDIT } from './helpers.mjs';


let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

async function upload(page, file, customers) {
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, file));
  await page.waitForFunction((n) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === String(n), customers);
}

/** Sets the review's date and name on the workspace panel and presses Save. */
async function saveReviewOn(page, date, label) {
  await ensure(page, 'customer-count');
  await page.fill('[data-testid=review-date]', date);
  await page.fill('[data-testid=review-label]', label);
  await page.click('[data-testid=save-review]');
}

/** The saved reviews as listed on the Monthly reviews page: [date, label] in list order. */
async function listed(page) {
  await ensure(page, 'snapshot-a');
  return page.$$eval('[data-testid=review-list] li', (lis) => lis.map((li) => [li.dataset.date, li.textContent.split(' · ')[1]]));
}

async function waitListed(page, n) {
  await ensure(page, 'snapshot-a');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=review-list] li').length === n, n);
}

const serious = seriousViolations;

/** WCAG contrast of two CSS `rgb(…)` colours. */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('a review takes the date set; reviews in date order; replacing asks first and can be undone', async () => {
  const page = await env.page({ ...AUDIT });
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  // The date defaults to today (no analysis date is set).
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  assert.equal(await page.inputValue('[data-testid=review-date]'), today);
  assert.equal(await page.getAttribute('[data-testid=review-label]', 'placeholder'), today.slice(0, 7));

  // February first, with A = 80% (A Acme … Dune; B Ember, Fjord, Garnet; C the other three).
  await saveReviewOn(page, '2026-02-28', 'February');
  await page.waitForFunction(() => document.querySelector('[data-testid=review-status]')?.textContent.includes('Review for Feb 28, 2026 saved.'));
  assert.equal(await page.inputValue('[data-testid=review-date]'), today, 'the date goes back to its default');
  // Then January, filled in afterwards, with A = 60% (A Acme, Borealis; B Cobalt; C seven).
  await nudge(page, 'slider-abc-a', -20);
  await saveReviewOn(page, '2026-01-31', 'January');
  await waitListed(page, 2);
  assert.deepEqual(await listed(page), [['2026-01-31', 'January'], ['2026-02-28', 'February']], 'in date order');
  // The comparison follows the dates: the earlier review is January.
  const picked = (id) => page.$eval(`[data-testid=${id}]`, (s) => s.options[s.selectedIndex].textContent.trim());
  assert.equal(await picked('snapshot-a'), 'January (Jan 31, 2026)');
  assert.equal(await picked('snapshot-b'), 'February (Feb 28, 2026)');

  // The matrix (rows January, columns February): A→A 2, B→A 1, C→A 1, C→B 3, C→C 3.
  const cells = await page.$$eval('[data-testid=migration-cell]', (tds) => tds.map((td) => {
    const s = getComputedStyle(td);
    return { row: +td.dataset.row, col: +td.dataset.col, count: +td.dataset.count, kind: td.dataset.kind, text: td.textContent.trim(), bg: s.backgroundColor, fg: s.color };
  }));
  assert.equal(cells.length, 16, 'A, B, C and not classed, both ways');
  const at = (i, j) => cells.find((c) => c.row === i && c.col === j);
  assert.deepEqual([at(0, 0).count, at(1, 0).count, at(2, 0).count, at(2, 1).count, at(2, 2).count], [2, 1, 1, 3, 3]);
  assert.equal(cells.reduce((s, c) => s + c.count, 0), 10);
  for (const c of cells) {
    assert.equal(c.text, String(c.count));
    assert.equal(c.kind, c.row === c.col ? 'stayed' : c.col < c.row ? 'up' : 'down');
    if (c.count === 0) {
      assert.equal(c.bg, 'rgba(0, 0, 0, 0)', `empty cell ${c.row},${c.col} is not shaded`);
    } else {
      assert.notEqual(c.bg, 'rgba(0, 0, 0, 0)', `cell ${c.row},${c.col} is shaded`);
      assert.ok(contrast(c.bg, c.fg) >= 4.5, `cell ${c.row},${c.col}: ${c.fg} on ${c.bg}`);
    }
  }
  const rgb = (css) => css.match(/\d+/g).slice(0, 3).map(Number);
  const sum = (css) => rgb(css).reduce((a, b) => a + b, 0);
  assert.ok(sum(at(2, 1).bg) < sum(at(1, 0).bg), 'three moves are darker than one');
  assert.ok(sum(at(2, 2).bg) < sum(at(0, 0).bg), 'three stayed are darker than two');
  const [, g, b] = rgb(at(2, 1).bg);
  const [, g2, b2] = rgb(at(2, 2).bg);
  assert.ok(g > b && b2 > g2, 'moves up (green) and stayed (blue) differ in hue');
  assert.match(await text(page, 'matrix-2-1'), /^3$/);
  assert.deepEqual(await serious(page), [], 'axe on the reviews page with a matrix');

  // The same date again asks first; the question has the focus on "keep", and Enter keeps it.
  await goto(page, 'overview');
  await saveReviewOn(page, '2026-01-31', 'January again');
  await page.waitForSelector('[data-testid=review-replace-confirm]');
  assert.equal(await text(page, 'review-replace-confirm').then((t) => t.startsWith('There is already a review for Jan 31, 2026 (“January”). Replace it')), true);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'review-replace-no');
  assert.equal(await page.isDisabled('[data-testid=save-review]'), true, 'one question at a time');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=review-replace-confirm]', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'save-review', null, { timeout: 2000 });
  assert.deepEqual(await listed(page), [['2026-01-31', 'January'], ['2026-02-28', 'February']], 'kept');
  // Asked again, and replaced this time; Undo puts January back.
  await goto(page, 'overview');
  await saveReviewOn(page, '2026-01-31', 'January again');
  await page.click('[data-testid=review-replace-no]');
  await saveReviewOn(page, '2026-01-31', 'January again');
  await page.click('[data-testid=review-replace-yes]');
  await page.waitForFunction(() => document.querySelector('[data-testid=review-status]')?.textContent.includes('The review for Jan 31, 2026 was replaced.'));
  assert.deepEqual(await listed(page), [['2026-01-31', 'January again'], ['2026-02-28', 'February']]);
  await goto(page, 'overview');
  await page.click('[data-testid=review-undo]');
  assert.deepEqual(await listed(page), [['2026-01-31', 'January'], ['2026-02-28', 'February']], 'undone');

  // A deletion can be undone too.
  await page.click('[data-testid=review-list] li:first-child [data-testid=review-delete]');
  await waitListed(page, 1);
  assert.match(await page.textContent('.saved-reviews [role=status]'), /The review for Jan 31, 2026 was deleted\./);
  await page.click('[data-testid=review-delete-undo]');
  await waitListed(page, 2);
  assert.deepEqual(await listed(page), [['2026-01-31', 'January'], ['2026-02-28', 'February']]);

  // Dates in the other languages; everything is back after a reload.
  await page.selectOption('[data-testid=lang-select]', 'zh-CN');
  assert.equal(await page.textContent('[data-testid=review-list] li:first-child strong'), '2026年1月31日');
  await page.selectOption('[data-testid=lang-select]', 'es');
  assert.equal(await page.textContent('[data-testid=review-list] li:first-child strong'), '31 ene 2026');
  await page.selectOption('[data-testid=lang-select]', 'en');
  await waitSaved(page);
  await page.reload();
  await waitListed(page, 2);
  assert.deepEqual(await listed(page), [['2026-01-31', 'January'], ['2026-02-28', 'February']]);
  assertClean(page, env.server);
  await page.context().close();
});

test('the review date defaults to the analysis date when one is set', async () => {
  const page = await env.page();
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  await page.fill('[data-testid=as-of-date]', '2025-06-30');
  await page.dispatchEvent('[data-testid=as-of-date]', 'change');
  await page.waitForFunction(() => document.querySelector('[data-testid=review-date]')?.value === '2025-06-30');
  assert.equal(await page.getAttribute('[data-testid=review-label]', 'placeholder'), '2025-06');
  assertClean(page, env.server);
  await page.context().close();
});

test('the explain drawer starts a note on its own customer', async () => {
  const page = await env.page({ ...AUDIT });
  await openApp(env, page);
  await upload(page, 'orders_small.csv', 10);
  await goto(page, 'customers');
  await page.click('[data-testid=customer-row][data-id="Cobalt"]');
  await page.waitForSelector('[data-testid=explain-drawer]');
  assert.equal(await text(page, 'drawer-add-note'), 'Add a note');
  await page.click('[data-testid=drawer-add-note]');
  // The editor opens in place, on this customer, with the focus in its first field.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'drawer-note-problem');
  await page.keyboard.type('late payment');
  assert.deepEqual(await serious(page), [], 'axe on the drawer with the note editor open');
  // Escape leaves the editor, not the drawer, and nothing is saved.
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=drawer-note-problem]', { state: 'detached' });
  assert.equal(await page.isVisible('[data-testid=explain-drawer]'), true);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'drawer-add-note');
  // Written with the keyboard alone: the button, two fields, Enter.
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=drawer-note-problem]');
  await page.keyboard.type('late payment');
  await page.keyboard.press('Tab');
  await page.keyboard.type('monthly statement');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=drawer-note-text]');
  assert.match(await text(page, 'drawer-note-text'), /late payment.*monthly statement/);
  assert.equal(await text(page, 'drawer-add-note'), 'Edit the note');
  // It is the workspace's note, as the Monthly reviews page lists it.
  await page.click('[data-testid=explain-close]');
  await goto(page, 'snapshots');
  assert.match(await text(page, 'note-list'), /Cobalt: late payment — monthly statement/);
  // Editing from the drawer starts from the saved text.
  await goto(page, 'customers');
  await page.click('[data-testid=customer-row][data-id="Cobalt"]');
  await page.click('[data-testid=drawer-add-note]');
  assert.equal(await page.inputValue('[data-testid=drawer-note-problem]'), 'late payment');
  assert.equal(await page.inputValue('[data-testid=drawer-note-help]'), 'monthly statement');
  assertClean(page, env.server);
  await page.context().close();
});

// Frame-time benchmark: dragging a slider with 100k customers loaded, on the pages whose
// charts and tables redraw on every move. Prints figures; asserts nothing about time.
// Run after `trunk build --release` (make bench does both).
//
// How: a requestAnimationFrame loop in the page records every frame's timestamp while
// Playwright drags the slider thumb with the mouse across its track in small steps (each
// step is an `input` event: the engine updates, the counts, the class table, the chart and
// "what changed" redraw). Reported per page: frames, median and p95 frame time, the share
// of frames over 20 ms (i.e. under 50 fps), and the resulting fps.
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { genMaster } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const master = join(dir, `master_${customers}.csv`);
if (!existsSync(master)) await genMaster(master, customers);

const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.goto(server.url);
await page.waitForSelector('[data-testid=customer-count]');
await page.setInputFiles('[data-testid=file-input]', master);
const want = customers.toLocaleString('en-US');
await page.waitForFunction((w) => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === w, want, { timeout: 120_000 });

const CASES = [
  ['tiers', 'slider-tier-vip'],
  ['abc', 'slider-abc-a'],
  ['wallet', 'slider-wallet-share'],
  ['score', 'weight-credit'],
  ['pyramid', 'slider-pyramid-ordinary'],
  ['five_s', 'slider-five-s-release'],
];
const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
console.log(`slider drag with ${want} customers, 1366×900, headless Chromium:`);
for (const [key, slider] of CASES) {
  if (!(await page.isVisible(`[data-testid=nav-${key}]`))) await page.click('[data-testid=nav-methods]');
  await page.click(`[data-testid=nav-${key}]`);
  await page.waitForSelector(`[data-testid=view-${key}]`);
  await page.waitForTimeout(300);
  const box = await page.locator(`[data-testid=${slider}]`).boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    window.__on = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  const steps = 120;
  for (let k = 0; k <= steps; k++) {
    // There and back, so the classes move both ways.
    const f = k <= steps / 2 ? (2 * k) / steps : 2 - (2 * k) / steps;
    await page.mouse.move(box.x + 4 + f * (box.width - 8), y);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    window.__on = false;
    return window.__frames;
  });
  const d = frames.slice(1).map((t, k) => t - frames[k]).sort((a, b) => a - b);
  const med = q(d, 0.5);
  const slow = d.filter((x) => x > 20).length / d.length;
  console.log(
    `  ${key.padEnd(8)} ${String(d.length).padStart(4)} frames · median ${med.toFixed(1)} ms (${(1000 / med).toFixed(0)} fps)` +
      ` · p95 ${q(d, 0.95).toFixed(1)} ms · ${(100 * slow).toFixed(1)}% of frames over 20 ms`,
  );
}
await browser.close();
await server.close();

// A/B benchmark of the log import: two builds (or one build twice, with a script blocked in
// one of them) in one headless Chromium, imports alternating A, B, B, A, … so that the
// machine's drifting load falls on both alike. Prints each side's median and best time (change
// event → customer count), the median time spent parsing, and the median of the paired
// differences B − A. Figures only; nothing passes or fails.
//
//   node tests/bench/ab_import.mjs <dist A> <dist B> [runs per side, default 16]
// Environment: BENCH_FILE (default the 1M-row log of browser_bench.mjs), BENCH_WANT (the
// customer count shown when done, default "100,000"), BLOCK_A / BLOCK_B (a URL pattern to
// abort in that side's page, e.g. '**/read-worker.js').
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { genLog } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const [distA, distB, runsArg] = process.argv.slice(2);
if (!distA || !distB) {
  console.error('usage: node tests/bench/ab_import.mjs <dist A> <dist B> [runs per side]');
  process.exit(2);
}
const runs = Number(runsArg ?? 16);
const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const file = process.env.BENCH_FILE ?? join(dir, 'log_1000000.csv');
if (!process.env.BENCH_FILE && !existsSync(file)) await genLog(file, 1_000_000, 100_000);
const want = process.env.BENCH_WANT ?? '100,000';

const browser = await launch();
async function open(dist, block) {
  const server = await serve(dist);
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  if (block) await page.route(block, (route) => route.abort());
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=customer-count]');
  return { server, page };
}

/** One import after the sample: total ms and ms spent in the parser's chunks. */
async function importOnce(page) {
  await page.click('[data-testid=load-sample]');
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]').textContent.trim() === '300');
  await page.evaluate((want) => {
    window.__ab = {};
    performance.clearMarks();
    document.querySelector('[data-testid=file-input]').addEventListener('change', () => { window.__ab.start = performance.now(); }, { capture: true, once: true });
    new MutationObserver((_, obs) => {
      const el = document.querySelector('[data-testid=customer-count]');
      if (el && el.textContent.trim() === want) { window.__ab.end = performance.now(); obs.disconnect(); }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, want);
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => window.__ab.end, null, { timeout: 300_000, polling: 50 });
  return page.evaluate(() => {
    const marks = performance.getEntriesByType('mark');
    const push = marks.filter((m) => m.name === 'tierwise:push');
    const pushed = marks.filter((m) => m.name === 'tierwise:pushed');
    let parse = 0;
    push.forEach((m, k) => { parse += pushed[k].startTime - m.startTime; });
    return { total: window.__ab.end - window.__ab.start, parse };
  });
}

const sides = { A: await open(distA, process.env.BLOCK_A), B: await open(distB, process.env.BLOCK_B) };
const res = { A: [], B: [] };
for (let k = 0; k < runs; k++) {
  for (const s of k % 2 ? ['B', 'A'] : ['A', 'B']) res[s].push(await importOnce(sides[s].page));
}
const median = (v) => { const s = [...v].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const s of ['A', 'B']) {
  const r = res[s];
  console.log(`${s} (${s === 'A' ? distA : distB}${process.env[`BLOCK_${s}`] ? `, ${process.env[`BLOCK_${s}`]} blocked` : ''}): ` +
    `median ${median(r.map((x) => x.total)).toFixed(0)} ms, best ${Math.min(...r.map((x) => x.total)).toFixed(0)} ms, ` +
    `parsing ${median(r.map((x) => x.parse)).toFixed(0)} ms`);
}
const diffs = res.A.map((a, k) => res.B[k].total - a.total);
console.log(`paired B − A: median ${median(diffs).toFixed(0)} ms; B faster in ${diffs.filter((d) => d < 0).length} of ${runs}`);
await browser.close();
await sides.A.server.close();
await sides.B.server.close();

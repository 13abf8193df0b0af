// A first visit as a person makes it (issue 20): a fresh browser profile opens the app, served
// gzip-compressed as GitHub Pages serves it, and waits for the sample's figures (the customer
// count). Unthrottled, and on Chromium's network emulation of a slow connection (1.6 Mbps
// down, 750 kbps up, 150 ms latency). Prints the first paint (the loading shell), the figures,
// and the bytes that crossed the wire; the targets are printed, never asserted.
// Run after `trunk build --release`: node tests/bench/first_visit.mjs (FIRST_VISIT_RUNS=n).
import { join } from 'node:path';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const runs = Number(process.env.FIRST_VISIT_RUNS ?? 3);
const server = await serve(join(ROOT, 'dist'), { gzip: true });
const browser = await launch();
const SLOW = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

async function visit(throttled) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) await cdp.send('Network.emulateNetworkConditions', SLOW);
  let wire = 0;
  cdp.on('Network.loadingFinished', (e) => { wire += e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(server.url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300', null, { timeout: 120_000 });
  const figures = Date.now() - t0;
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await context.close();
  return { figures, paint, wire };
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const throttled of [false, true]) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await visit(throttled));
  const label = throttled ? 'throttled (1.6 Mbps, 150 ms)' : 'unthrottled';
  console.log(`${label.padEnd(30)} figures ${med(rs.map((r) => r.figures))} ms (${rs.map((r) => r.figures).join(', ')}), ` +
    `first paint ${med(rs.map((r) => r.paint)).toFixed(0)} ms, on the wire ${(med(rs.map((r) => r.wire)) / 1024).toFixed(0)} KiB`);
}
console.log('targets: ≤ 800 ms unthrottled, ≤ 4,500 ms throttled (gzip), first load ≤ 700 KB gzipped');
await browser.close();
await server.close();

// A first visit as a person makes it (issue 20): a fresh browser profile opens the app, served
// gzip-compressed with GitHub Pages' caching, and waits for the sample's figures (the customer
// count). Unthrottled, and on a slow connection (1.6 Mbps down, 150 ms latency) that the
// server itself paces, so that the page and its service worker share it as they would (the
// worker's install downloads the app's files for offline use; Chromium's network emulation
// throttles only the page's own requests). Prints the first paint (the loading shell), the
// figures, when the app was ready offline, the bytes the page fetched and all the server sent.
// The targets are printed, never asserted.
// Run after `trunk build --release`: node tests/bench/first_visit.mjs (FIRST_VISIT_RUNS=n;
// FIRST_VISIT_SW=block to leave the service worker out).
import { join } from 'node:path';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';

const runs = Number(process.env.FIRST_VISIT_RUNS ?? 3);
const serviceWorkers = process.env.FIRST_VISIT_SW === 'block' ? 'block' : 'allow';
// BENCH_DIST: another build to measure (a directory under the repository), e.g. one made
// before a change.
const dist = join(ROOT, process.env.BENCH_DIST ?? 'dist');
const fast = await serve(dist, { gzip: true });
const slow = await serve(dist, { gzip: true, link: { bitsPerSecond: 1.6e6, latencyMs: 150 } });
const browser = await launch();

async function visit(server) {
  const context = await browser.newContext({ serviceWorkers });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let wire = 0;
  cdp.on('Network.loadingFinished', (e) => { wire += e.encodedDataLength; });
  const before = server.sent.bytes;
  const t0 = Date.now();
  await page.goto(server.url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300', null, { timeout: 120_000 });
  const figures = Date.now() - t0;
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  let offline = NaN;
  if (serviceWorkers === 'allow') {
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 120_000 });
    offline = Date.now() - t0;
  }
  const total = server.sent.bytes - before;
  await context.close();
  return { figures, paint, wire, offline, total };
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`service worker: ${serviceWorkers}`);
for (const [label, server] of [['unthrottled', fast], ['slow link (1.6 Mbps, 150 ms)', slow]]) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await visit(server));
  const kib = (b) => (b / 1024).toFixed(0);
  console.log(`${label.padEnd(30)} figures ${med(rs.map((r) => r.figures))} ms (${rs.map((r) => r.figures).join(', ')}), ` +
    `first paint ${med(rs.map((r) => r.paint)).toFixed(0)} ms, ready offline ${med(rs.map((r) => r.offline))} ms, ` +
    `page fetched ${kib(med(rs.map((r) => r.wire)))} KiB, server sent ${kib(med(rs.map((r) => r.total)))} KiB`);
}
console.log('targets: ≤ 800 ms unthrottled, ≤ 4,500 ms throttled (gzip), first load ≤ 700 KB gzipped');
await browser.close();
await fast.close();
await slow.close();

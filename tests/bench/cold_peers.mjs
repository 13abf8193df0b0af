// What a user sees: the app's first import in a fresh browser profile, beside DuckDB-WASM,
// PapaParse and SheetJS doing the same job in pages of their own (make bench-peers). Prints
// figures and the targets of issue 20; nothing passes or fails on time. Run after
// `trunk build --release`, with the peers installed into target/bench-peers (make bench-peers
// does both). In Debian's headless Chromium, on 127.0.0.1 only:
// - Tierwise, cold: each run a fresh browser context (a fresh profile: no HTTP cache, no
//   compiled code, no service worker, no workspace), the app opened, the file handed to
//   [data-testid=file-input] 0.3 s after the customer count shows, timed from the input's
//   change event until the customer count shows the expected number. One import per page.
// - Tierwise, returning: a new page in one persistent profile that has opened the app before
//   (its caches, compiled code and service worker kept); the workspace the previous run saved
//   is cleared first (IndexedDB, localStorage), so the page opens at the sample as a first
//   visit does and only the caches differ.
// - Tierwise, warm: the 2nd and 3rd import in one page (the sample loaded in between), as
//   browser_bench.mjs measures imports; this page also gives the app's ABC counts.
// - The peers (tests/bench/peers/*.html, served by the same loopback server from
//   target/bench-peers/node_modules, no network): read the file from an <input type=file>,
//   roll up per customer (sales = sum of amount, orders = rows with amount ≥ 0), ABC counts by
//   the app's rule (tests/bench/peers/abc.js), each in a fresh context, timed the same way,
//   after the page says it is ready (DuckDB instantiated and connected). DuckDB-WASM (EH
//   bundle, one query) and PapaParse (streamed, Map roll-up) on the CSV logs, SheetJS on the
//   XLSX log. Every peer must give the app's customer and ABC counts (a mismatch is printed
//   and the exit code is 1).
// Within a run the tools go one after another, in an order that rotates from run to run, so
// the machine's drifting load falls on all alike; ratios are per run, then their median.
//
// Environment: PEERS_RUNS_1M (default 5), PEERS_RUNS_100K (7), PEERS_RUNS_XLSX (5),
// PEERS_WARM (imports in the warm page, default 3: the 2nd and later count), PEERS_CASES
// (a comma list of 1m, 100k, xlsx; default all), PEERS_DUCKDB_BUNDLE (eh or mvp),
// BENCH_DIST (the app's build, default dist/), PEERS_MODULES (default
// target/bench-peers/node_modules).
import { mkdirSync, existsSync, statSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { genLog } from './gen_log.mjs';
import { serve } from '../e2e/server.mjs';
import { launch, launchPersistent, CHROMIUM } from '../e2e/browser.mjs';
import { ROOT, abcCounts } from '../e2e/helpers.mjs';

const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const dist = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const modules = process.env.PEERS_MODULES ?? join(ROOT, 'target', 'bench-peers', 'node_modules');
const bundle = process.env.PEERS_DUCKDB_BUNDLE ?? 'eh';
const warmImports = Math.max(2, Number(process.env.PEERS_WARM ?? 3));
const only = (process.env.PEERS_CASES ?? '1m,100k,xlsx').split(',').map((s) => s.trim().toLowerCase());
const viewport = { width: 1366, height: 900 };
const PAUSE_MS = 300;
const TIMEOUT = 300_000;

for (const [what, path, fix] of [
  ['the app build', join(dist, 'index.html'), 'trunk build --release'],
  ['the peers', join(modules, '@duckdb', 'duckdb-wasm', 'dist', `duckdb-${bundle}.wasm`), 'make bench-peers'],
  ['the peers', join(modules, 'papaparse', 'papaparse.min.js'), 'make bench-peers'],
  ['the peers', join(modules, 'xlsx', 'xlsx.mjs'), 'make bench-peers'],
]) {
  if (!existsSync(path)) {
    console.error(`cold_peers: ${what} missing (${path}); run \`${fix}\` first`);
    process.exit(2);
  }
}

const fmt = (n) => n.toLocaleString('en-US');
const ms = (x) => `${fmt(Math.round(x))} ms`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const range = (xs) => `${fmt(Math.round(Math.min(...xs)))}–${fmt(Math.round(Math.max(...xs)))}`;
const ratio = (x) => `${x.toFixed(2)}×`;

async function logFile(rows, customers) {
  const file = join(dir, `log_${rows}.csv`);
  if (!existsSync(file)) await genLog(file, rows, customers);
  return file;
}

/** The XLSX log of browser_bench.mjs (src/core/benches/gen_xlsx.rs, through its example). */
function xlsxFile(rows, customers) {
  const file = join(dir, `log_${rows}.xlsx`);
  if (!existsSync(file)) {
    execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'tierwise-core', '--example', 'gen_xlsx', '--', file, String(rows), String(customers)],
      { cwd: ROOT, stdio: 'inherit' });
  }
  return file;
}

const TOOLS = {
  tierwise: 'Tierwise',
  returning: 'Tierwise returning',
  duckdb: 'DuckDB-WASM',
  papaparse: 'PapaParse',
  sheetjs: 'SheetJS',
};
const CASES = [
  { key: '1m', label: '1M-row CSV log', rows: 1_000_000, customers: 100_000, runs: Number(process.env.PEERS_RUNS_1M ?? 5),
    file: () => logFile(1_000_000, 100_000), tools: ['tierwise', 'returning', 'duckdb', 'papaparse'] },
  { key: '100k', label: '100k-row CSV log', rows: 100_000, customers: 10_000, runs: Number(process.env.PEERS_RUNS_100K ?? 7),
    file: () => logFile(100_000, 10_000), tools: ['tierwise', 'returning', 'duckdb', 'papaparse'] },
  { key: 'xlsx', label: '100k-row XLSX log', rows: 100_000, customers: 10_000, runs: Number(process.env.PEERS_RUNS_XLSX ?? 5),
    file: async () => xlsxFile(100_000, 10_000), tools: ['tierwise', 'returning', 'sheetjs'] },
].filter((c) => only.includes(c.key));

const server = await serve(dist, {
  mounts: { 'peers/node_modules/': modules, 'peers/': join(ROOT, 'tests', 'bench', 'peers') },
});
const origin = new URL(server.url).origin;
const browser = await launch();
// The returning visitor's profile: made afresh for each run of this script.
const profile = join(ROOT, 'target', 'bench-peers', 'profile');
rmSync(profile, { recursive: true, force: true });
const returning = await launchPersistent(profile, { viewport });

const offsite = [];
const problems = [];
function watch(page, label) {
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) offsite.push(`${label}: ${url}`);
  });
  page.on('pageerror', (e) => console.log(`  (${label}: page error ${e})`));
}

/**
 * Hands `file` to the page's file input and times it in the page: from the change event (seen
 * first, in the capture phase at the document) until [data-testid=customer-count] shows `want`.
 */
async function timed(page, file, want) {
  await page.evaluate((want) => {
    window.__t = {};
    performance.clearMarks();
    document.addEventListener('change', () => { window.__t.start = performance.now(); }, { capture: true, once: true });
    const check = () => {
      const el = document.querySelector('[data-testid=customer-count]');
      if (window.__t.start !== undefined && el && el.textContent.trim() === want) {
        window.__t.end = performance.now();
        return true;
      }
      const err = document.querySelector('[data-testid=error]:not(:empty), [data-testid=import-error]');
      if (err) {
        window.__t.error = err.textContent.trim() || 'an error';
        return true;
      }
      return false;
    };
    new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
      .observe(document.body, { subtree: true, childList: true, characterData: true });
  }, want);
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => window.__t.end !== undefined || window.__t.error !== undefined, null, { timeout: TIMEOUT, polling: 50 });
  const t = await page.evaluate(() => {
    // The app's stages (performance.mark("tierwise:…"), as browser_bench.mjs reads them), in ms
    // from the change event: chunks read, importer finished, joined, Prepared::new, every method.
    const marks = performance.getEntriesByType('mark');
    const at = (name) => marks.find((m) => m.name === `tierwise:${name}`)?.startTime - window.__t.start;
    return { ...window.__t, stages: ['read', 'parsed', 'joined', 'prepared', 'engine'].map(at) };
  });
  if (t.error !== undefined) throw new Error(`the page reported: ${t.error}`);
  return { ms: t.end - t.start, stages: [...t.stages, t.end - t.start] };
}

/** The app's stages of the median run, as durations. */
function stageLine(runs) {
  const mid = [...runs].sort((a, b) => a.ms - b.ms)[(runs.length - 1) >> 1];
  // For an XLSX file the chunks are only collected; the sheet is parsed in `finish`.
  const names = ['chunks read and parsed', 'finish (roll-up; XLSX: the sheet)', 'join', 'Prepared::new', 'every method', 'render'];
  const at = [0, ...mid.stages];
  if (at.some((x) => !Number.isFinite(x))) return '(no stage marks)';
  return names.map((n, k) => `${n} ${Math.round(at[k + 1] - at[k])}`).join(', ') + ' ms';
}

/** Opens the app in `page` and waits until it is ready (the customer count shows), then the pause. */
async function openApp(page, want) {
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=customer-count]', { timeout: TIMEOUT });
  await page.waitForTimeout(PAUSE_MS);
  const shown = (await page.textContent('[data-testid=customer-count]')).trim();
  if (shown === want) throw new Error(`the app opened showing ${shown} customers already (a restored workspace?)`);
  return page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
}

/** The app's first import in a fresh browser context. */
async function appCold(file, want) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    watch(page, 'Tierwise');
    await openApp(page, want);
    return await timed(page, file, want);
  } finally {
    await context.close();
  }
}

/** The app's first import in a new page of the returning visitor's profile. */
async function appReturning(file, want) {
  const page = await returning.newPage();
  try {
    watch(page, 'Tierwise returning');
    // What the previous run saved goes; the caches and the service worker stay.
    const cdp = await returning.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb,local_storage' });
    await cdp.detach();
    const controlled = await openApp(page, want);
    return { ...(await timed(page, file, want)), controlled };
  } finally {
    await page.close();
  }
}

/** A peer's import in a fresh browser context: time, counts and orders as its page shows them. */
async function peer(tool, file, want) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    watch(page, TOOLS[tool]);
    await page.goto(`${server.url}peers/${tool}.html${tool === 'duckdb' ? `?bundle=${bundle}` : ''}`);
    await page.waitForSelector('body[data-ready], [data-testid=error]:not(:empty)', { timeout: TIMEOUT });
    const error = await page.textContent('[data-testid=error]');
    if (error) throw new Error(`${TOOLS[tool]} did not start: ${error}`);
    await page.waitForTimeout(PAUSE_MS);
    const { ms: t } = await timed(page, file, want);
    const out = await page.evaluate(() => ({
      customers: Number(document.querySelector('[data-testid=customer-count]').textContent.replace(/,/g, '')),
      abc: document.querySelector('[data-testid=abc-counts]').textContent.split(',').map(Number),
      orders: Number(document.querySelector('[data-testid=orders]').textContent),
    }));
    return { ms: t, ...out };
  } finally {
    await context.close();
  }
}

/** The warm figure: imports 2.. in one page (the sample in between), and the app's ABC counts. */
async function appWarm(file, want) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    watch(page, 'Tierwise warm');
    await openApp(page, want);
    const times = [(await timed(page, file, want)).ms];
    while (times.length < warmImports) {
      await page.click('[data-testid=load-sample]');
      await page.waitForFunction(() => document.querySelector('[data-testid=customer-count]')?.textContent.trim() === '300', null, { timeout: TIMEOUT });
      await page.waitForTimeout(PAUSE_MS);
      times.push((await timed(page, file, want)).ms);
    }
    const abc = await abcCounts(page);
    return { first: times[0], warm: times.slice(1), abc: [abc.A, abc.B, abc.C] };
  } finally {
    await context.close();
  }
}

// The returning visitor has opened the app once: its service worker installed (the build in
// its cache), the HTTP cache and compiled code kept in the profile.
{
  const page = await returning.newPage();
  watch(page, 'Tierwise returning');
  await openApp(page, null);
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.close();
}

const started = Date.now();
console.log(`cold_peers: ${execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()}; DuckDB-WASM ${bundle.toUpperCase()} bundle; ` +
  `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const results = {};
for (const c of CASES) {
  const file = await c.file();
  const mb = statSync(file).size / 1e6;
  const want = fmt(c.customers);
  console.log(`\n${c.label} (${mb.toFixed(1)} MB, ${fmt(c.rows)} rows, ${fmt(c.customers)} customers), ${c.runs} runs, tools in rotating order`);

  // The warm page first: it gives the app's ABC counts, which every peer must match.
  const warm = await appWarm(file, want);
  const expect = { customers: c.customers, abc: warm.abc, orders: c.rows };
  console.log(`  Tierwise warm page: first import ${ms(warm.first)}, then ${warm.warm.map(ms).join(', ')}; ` +
    `app's ABC counts ${warm.abc.map(fmt).join(' / ')}`);

  const times = Object.fromEntries(c.tools.map((t) => [t, []]));
  const appRuns = { tierwise: [], returning: [] };
  const ratios = Object.fromEntries(c.tools.filter((t) => t !== 'tierwise' && t !== 'returning').map((t) => [t, []]));
  const retRatios = Object.fromEntries(Object.keys(ratios).map((t) => [t, []]));
  for (let run = 0; run < c.runs; run++) {
    const k = run % c.tools.length;
    const order = [...c.tools.slice(k), ...c.tools.slice(0, k)];
    const got = {};
    for (const tool of order) {
      if (tool === 'tierwise') got[tool] = await appCold(file, want);
      else if (tool === 'returning') got[tool] = await appReturning(file, want);
      else {
        got[tool] = await peer(tool, file, want);
        const r = got[tool];
        const same = r.customers === expect.customers && r.abc.join() === expect.abc.join() && r.orders === expect.orders;
        if (!same) {
          const msg = `MISMATCH (${c.label}, run ${run + 1}): ${TOOLS[tool]} gave ${fmt(r.customers)} customers, ABC ${r.abc.map(fmt).join(' / ')}, ` +
            `${fmt(r.orders)} orders; Tierwise ${fmt(expect.customers)} customers, ABC ${expect.abc.map(fmt).join(' / ')}, ${fmt(expect.orders)} rows`;
          console.log(`  ${msg}`);
          problems.push(msg);
        }
      }
      times[tool].push(got[tool].ms);
      appRuns[tool]?.push(got[tool]);
    }
    for (const t of Object.keys(ratios)) {
      ratios[t].push(got.tierwise.ms / got[t].ms);
      retRatios[t].push(got.returning.ms / got[t].ms);
    }
    console.log(`  run ${run + 1} [${order.join(', ')}]: ` +
      c.tools.map((t) => `${TOOLS[t]} ${ms(got[t].ms)}`).join(', ') + '; ' +
      Object.keys(ratios).map((t) => `Tierwise/${TOOLS[t]} ${(got.tierwise.ms / got[t].ms).toFixed(3)}`).join(', '));
  }
  for (const t of c.tools) {
    const what = t === 'tierwise' ? 'Tierwise, first import in a fresh profile' : t === 'returning' ? 'Tierwise, returning profile, new page' : TOOLS[t];
    console.log(`  ${what}: median ${ms(median(times[t]))} (range ${range(times[t])} ms)`);
  }
  console.log(`  Tierwise, warm (imports 2–${warmImports} in one page): ${warm.warm.map(ms).join(', ')}`);
  console.log(`  Tierwise stages, median first import: ${stageLine(appRuns.tierwise)}; returning: ${stageLine(appRuns.returning)}`);
  const controlled = appRuns.returning.filter((r) => r.controlled).length;
  console.log(`  returning pages served by the app's service worker: ${controlled} of ${appRuns.returning.length}`);
  console.log('  median of per-run ratios: ' + Object.keys(ratios).map((t) =>
    `Tierwise/${TOOLS[t]} ${ratio(median(ratios[t]))} (returning ${ratio(median(retRatios[t]))})`).join(', '));
  console.log(`  counts: ${fmt(expect.customers)} customers, ABC ${expect.abc.map(fmt).join(' / ')}` +
    (problems.some((p) => p.includes(c.label)) ? ' — the peers DISAGREE, see above' : ` — ${Object.keys(ratios).map((t) => TOOLS[t]).join(' and ')} gave the same in every run`));
  results[c.key] = { c, mb, times, ratios, retRatios, warm };
}
await returning.close();
await browser.close();
await server.close();

// The summary table (markdown), then the targets of issue 20.
console.log('\n| log | Tierwise first import (fresh profile) | returning | warm (2nd, 3rd…) | peer | peer median | Tierwise/peer (median of runs) |');
console.log('|---|---|---|---|---|---|---|');
for (const { c, mb, times, ratios, warm } of Object.values(results)) {
  for (const t of Object.keys(ratios)) {
    console.log(`| ${c.label}, ${mb.toFixed(1)} MB | ${ms(median(times.tierwise))} (${range(times.tierwise)}) | ${ms(median(times.returning))} (${range(times.returning)}) | ` +
      `${warm.warm.map((x) => fmt(Math.round(x))).join(', ')} ms | ${TOOLS[t]} | ${ms(median(times[t]))} (${range(times[t])}) | ${ratio(median(ratios[t]))} |`);
  }
}
console.log('\nTargets (issue 20; figures, not pass/fail):');
const target = (text, value, met) => console.log(`  target: ${text}: ${value} — ${met ? 'met' : 'NOT met'}`);
if (results['1m']) {
  const r = results['1m'];
  const d = median(r.ratios.duckdb);
  const p = median(r.ratios.papaparse);
  target('≤ 0.4× DuckDB-WASM for the 1M-row first import', `${ratio(d)} (median of per-run ratios)`, d <= 0.4);
  target('≤ 0.15× PapaParse for the 1M-row first import', `${ratio(p)} (median of per-run ratios)`, p <= 0.15);
}
if (results['100k']) {
  const r = results['100k'];
  const m = median(r.times.tierwise);
  target('100k-row log ≤ 100 ms (first import)', `median ${ms(m)}, returning ${ms(median(r.times.returning))}, warm ${r.warm.warm.map(ms).join(', ')}`, m <= 100);
}
if (results.xlsx) {
  const s = median(results.xlsx.ratios.sheetjs);
  target('XLSX ≤ 0.25× SheetJS (100k rows, first import)', `${ratio(s)} (median of per-run ratios)`, s <= 0.25);
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (offsite.length) {
  console.log(`REQUESTS OFF 127.0.0.1 (there should be none):\n  ${[...new Set(offsite)].join('\n  ')}`);
  process.exitCode = 1;
}
if (problems.length) {
  console.log(`\nThe peers and the app DISAGREE (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
}

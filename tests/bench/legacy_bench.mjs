// A CSV in a legacy encoding (GB18030, as Chinese Excel saves "CSV"), imported as a person
// would: since the page reads UTF-8 and UTF-16 only, such a file goes to the workbook
// reader's worker (loaded at its first use), and the same file saved as UTF-8 is read on the
// page. Times from the file input's change to the customer count, in a fresh tab (cold: the
// worker is loaded and compiled) and again in the same tab (warm), for two builds side by side,
// interleaved. Prints figures; asserts nothing about time. Run after `trunk build --release`:
//   node tests/bench/legacy_bench.mjs [BEFORE_DIST]   (BENCH_ROWS: 200,000 rows by default)
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';
import { ROOT } from '../e2e/helpers.mjs';
import { armImportTimer } from './import_timer.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 200_000);
const customers = 20_000;
const dir = join(ROOT, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const utf8 = join(dir, `zh_log_${rows}.utf8.csv`);
const gbk = join(dir, `zh_log_${rows}.gbk.csv`);
if (!existsSync(gbk)) {
  const products = ['螺栓', '螺母', '垫圈', '轴承', '液压软管', '焊丝'];
  const lines = ['客户名称,下单日期,销售额,产品'];
  let x = 7;
  for (let i = 0; i < rows; i++) {
    x = (x * 48271) % 2147483647;
    const d = 1 + (x % 28);
    const m = 1 + (x % 12);
    lines.push(`客户${String(x % customers).padStart(5, '0')}有限公司,2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')},${(x % 90000) / 100 + 10},${products[x % products.length]}`);
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(utf8, text);
  // GB18030 through Python (Node's TextEncoder writes UTF-8 only).
  const { execFileSync } = await import('node:child_process');
  execFileSync('python3', ['-c', `import sys; open(sys.argv[2], 'wb').write(open(sys.argv[1], encoding='utf-8').read().encode('gb18030'))`, utf8, gbk]);
}

const builds = [['this build', join(ROOT, 'dist')]];
if (process.argv[2]) builds.unshift(['before', join(ROOT, process.argv[2])]);
const servers = await Promise.all(builds.map(([, d]) => serve(d)));
const browser = await launch();
// The customers the log has (a few of the 20,000 ids may never be drawn).
const names = new Set((await import('node:fs')).readFileSync(utf8, 'utf8').split('\n').slice(1, -1).map((l) => l.split(',')[0]));
const want = names.size.toLocaleString('en-US');
const results = {};
const tiny = join(dir, 'tiny_log.csv');
writeFileSync(tiny, 'customer,date,amount\nA,2025-01-02,5\nB,2025-01-03,7\n');
async function importOnce(page, file, count = want) {
  await armImportTimer(page, count);
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => window.__t.end, null, { timeout: 120_000 });
  return page.evaluate(() => window.__t.end - window.__t.start);
}
for (let run = 0; run < 3; run++) {
  for (const [k, [name]] of builds.entries()) {
    for (const [label, file] of [['GB18030', gbk], ['UTF-8', utf8]]) {
      const ctx = await browser.newContext({ serviceWorkers: 'block' });
      const page = await ctx.newPage();
      await page.goto(servers[k].url);
      await page.waitForSelector('[data-testid=customer-count]');
      const cold = await importOnce(page, file);
      // Again in the same tab, after a small file (so that the count changes back).
      await importOnce(page, tiny, '2');
      const warm = await importOnce(page, file);
      await ctx.close();
      const key = `${name} ${label}`;
      (results[key] ??= { cold: [], warm: [] });
      results[key].cold.push(cold);
      results[key].warm.push(warm);
    }
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${rows.toLocaleString('en-US')} rows, ${want} customers, medians of 3 (ms):`);
for (const [key, r] of Object.entries(results)) {
  console.log(`${key.padEnd(22)} cold ${med(r.cold).toFixed(0).padStart(6)}   warm ${med(r.warm).toFixed(0).padStart(6)}   (cold ${r.cold.map((v) => v.toFixed(0)).join(', ')})`);
}
await browser.close();
await Promise.all(servers.map((s) => s.close()));

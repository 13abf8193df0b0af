// The README's GitHub Pages build (`trunk build --release --public-url /tierwise/`), served
// under that sub-path, loads and works, and asks for nothing outside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, count, expected, assertClean, ROOT } from './helpers.mjs';

let env;
before(async () => { env = await start({ dist: join(ROOT, 'target', 'dist-subpath'), base: '/tierwise/' }); });
after(async () => { await env.stop(); });

test('a build for /tierwise/ works when served under /tierwise/', async () => {
  const page = await env.page();
  await openApp(env, page);
  assert.equal(await count(page, 'customer-count'), expected().customers);
  assert.ok(page.requests.length >= 3);
  for (const u of page.requests) {
    assert.ok(new URL(u).pathname.startsWith('/tierwise/'), `request outside the sub-path: ${u}`);
  }
  assertClean(page, env.server);
});

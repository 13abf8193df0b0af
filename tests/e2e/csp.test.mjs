// The built page's Content-Security-Policy allows no inline script: trunk's loader is moved
// into a file by tools/csp_loader.mjs (a trunk post-build hook), at / and under a sub-path,
// and the app starts under that policy with no violation reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, openApp, count, expected, assertClean, ROOT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

function policyOf(html) {
  const m = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
  assert.ok(m, 'the page has a Content-Security-Policy');
  return m[1];
}

for (const dist of ['dist', join('target', 'dist-subpath')]) {
  test(`${dist}: script-src has no 'unsafe-inline' and no script is inline`, () => {
    const html = readFileSync(join(ROOT, dist, 'index.html'), 'utf8');
    const scriptSrc = policyOf(html).split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    assert.ok(scriptSrc, 'a script-src directive');
    assert.ok(!scriptSrc.includes("'unsafe-inline'"), scriptSrc);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 1, 'the loader is a script');
    for (const [, attrs, body] of scripts) {
      // The loader, and the service worker's registration (public/register-sw.js).
      assert.match(attrs, /\bsrc="(\.\/loader-[0-9a-f]{16}\.js|register-sw\.js)"/, `a script with a src: ${attrs}`);
      assert.equal(body.trim(), '', 'no inline code');
    }
  });
}

test('the app starts under the strict policy, with no violation', async () => {
  const page = await env.page();
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await openApp(env, page);
  assert.equal(await count(page, 'customer-count'), expected().customers);
  assert.deepEqual(violations, []);
  assertClean(page, env.server);
});

// Trunk post-build hook: moves trunk's inline module loader out of index.html into a file of
// its own, named by a hash of its content, so the page's Content-Security-Policy needs no
// 'unsafe-inline' in script-src. The loader's imports are relative ('./tierwise-….js'), so
// the file works from any sub-path, as the page does. Run by trunk with TRUNK_STAGING_DIR set
// (Trunk.toml, [[hooks]]); `node tools/csp_loader.mjs DIR` runs it on a built directory.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('csp_loader: no TRUNK_STAGING_DIR and no directory given');
  process.exit(2);
}
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) {
  console.error(`csp_loader: expected one inline module script in ${page}, found ${found.length}`);
  process.exit(1);
}
const code = found[0][1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `loader-${hash}.js`;
writeFileSync(join(dir, name), code);
html = html.replace(found[0][0], `<script type="module" src="./${name}"></script>`);
// script-src without 'unsafe-inline': nothing inline runs any more.
const before = html;
html = html.replace(/(script-src[^;"]*?)\s+'unsafe-inline'/, '$1');
if (html === before) {
  console.error("csp_loader: no 'unsafe-inline' in script-src to remove");
  process.exit(1);
}
writeFileSync(page, html);
console.log(`csp_loader: loader moved to ${name}; script-src has no 'unsafe-inline'`);
// Then the service worker, which lists the files as they are now (the loader included).
await import('./offline.mjs');

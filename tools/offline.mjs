// Trunk post-build step, run by csp_loader.mjs once the loader is in place: writes the service worker that makes the app
// work offline after one visit. It lists every file of the build (hashed WASM and JS, CSS,
// workers, the sample, the manifest, the icon) and names its cache after a hash of all their
// bytes, so a new deployment is a new cache, installed whole beside the old one and switched
// to when the page reloads (the page offers it: public/register-sw.js). Every URL is relative
// to sw.js, so the build works at / and under a sub-path (GitHub Pages).
// Run by trunk with TRUNK_STAGING_DIR set; `node tools/offline.mjs DIR` runs it on a build.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('offline: no TRUNK_STAGING_DIR and no directory given');
  process.exit(2);
}
const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name !== 'sw.js') files.push(path);
  }
})(dir);
const hash = createHash('sha256');
const urls = [];
for (const path of files) {
  const rel = relative(dir, path).split(sep).join('/');
  hash.update(rel).update('\0').update(readFileSync(path)).update('\0');
  urls.push(`./${rel}`);
}
const version = hash.digest('hex').slice(0, 16);
const template = readFileSync(join(fileURLToPath(new URL('.', import.meta.url)), 'sw.template.js'), 'utf8');
const sw = template
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('[/* __FILES__ */]', JSON.stringify(['./', ...urls], null, 2));
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`offline: sw.js caches ${urls.length} files as tierwise-${version}`);

// A static file server for dist/ on loopback, optionally under a sub-path (as on GitHub
// Pages). Used by the end-to-end tests and the browser benchmark. Every request is logged so
// tests can check what the page asked for.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `root` at http://127.0.0.1:<port><base>. Resolves to { url, requests, close }.
 * `base` is '/' or a sub-path such as '/tierwise/'. `mounts` serves other directories under
 * sub-paths of `base`, e.g. { 'peers/': 'tests/bench/peers' } (the longest prefix wins; used
 * by tests/bench/cold_peers.mjs for its peers' pages beside the app). `gzip`: compress the
 * responses for a client that accepts it, as GitHub Pages does (tests/bench/first_visit.mjs),
 * with its caching (`max-age=600`) instead of `no-store`. `link`: { bitsPerSecond, latencyMs }
 * makes every response wait `latencyMs`, then share one link of that speed with every other
 * response under way (a slow connection that the page and its service worker share, which
 * Chromium's per-page network emulation does not model).
 */
export async function serve(root, { base = '/', port = 0, mounts = {}, gzip = false, link = null } = {}) {
  const zipped = new Map();
  // When the shared link is next free (ms since 1970).
  let free = 0;
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, Math.max(0, ms)));
  async function send(res, body) {
    if (!link) return res.end(body);
    await sleep(link.latencyMs);
    const PIECE = 16 * 1024;
    for (let at = 0; at < body.length; at += PIECE) {
      const piece = body.subarray(at, at + PIECE);
      free = Math.max(Date.now(), free) + (piece.length * 8 * 1000) / link.bitsPerSecond;
      await sleep(free - Date.now());
      res.write(piece);
    }
    res.end();
  }
  const rootDir = resolve(root);
  const mounted = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const requests = [];
  // Bytes of response bodies sent (after compression).
  const sent = { bytes: 0 };
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('outside base path');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    let dir = rootDir;
    const mount = mounted.find(([prefix]) => rel.startsWith(prefix));
    if (mount) {
      rel = rel.slice(mount[0].length) || 'index.html';
      dir = mount[1];
    }
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const s = await stat(file);
      const path = s.isDirectory() ? join(file, 'index.html') : file;
      let body = await readFile(path);
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': gzip ? 'max-age=600' : 'no-store',
      };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!zipped.has(path)) zipped.set(path, gzipSync(body, { level: 6 }));
        body = zipped.get(path);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      sent.bytes += body.length;
      await send(res, body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    requests,
    sent,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// `node tests/e2e/server.mjs [dir] [port] [base]` serves by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const s = await serve(dir, { port: Number(port), base });
  console.log(`serving ${dir} at ${s.url}`);
}

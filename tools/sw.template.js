// Tierwise's service worker, written by tools/offline.mjs at build time (do not edit sw.js).
// After one visit the app's own files come from this cache, so it opens and works with no
// network. Only the app's files are cached; the user's data is in IndexedDB, untouched here.
// A new build is a new VERSION: it is cached whole while the old one still serves, then takes
// over when the page asks (after the user agrees to reload), and the old cache is deleted.
const VERSION = '__VERSION__';
const CACHE = `tierwise-${VERSION}`;
const FILES = [/* __FILES__ */];

self.addEventListener('install', (event) => {
  // A file whose name carries its content's hash (trunk's `-<16 hex>` on the app's WASM, JS
  // and CSS) is the same file wherever it comes from: the copy the page just loaded, in the
  // browser's HTTP cache, is taken rather than downloaded twice. Any other file is fetched
  // anew, so that a new deployment never caches an old one under its name.
  const hashed = /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/;
  const request = (f) => new Request(f, { cache: hashed.test(f) ? 'default' : 'reload' });
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map(request))));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('tierwise-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page (any hash route) is the app's one page.
    const key = req.mode === 'navigate' ? './index.html' : req;
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
    return fetch(req);
  })());
});

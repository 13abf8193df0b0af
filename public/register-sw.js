// Registers the service worker (sw.js, written at build time by tools/offline.mjs) so that
// the app works offline after one visit, and offers to reload when a new version is ready.
// Plain DOM, no framework: it runs beside the app, whatever state the app is in.
const TEXT = {
  en: ['A new version of Tierwise is ready.', 'Reload'],
  zh: ['Tierwise 新版本已就绪。', '重新加载'],
  es: ['Hay una versión nueva de Tierwise.', 'Recargar'],
};

// The user asked for the new version: reload once it has taken over.
let asked = false;

function offerReload(worker) {
  if (document.querySelector('[data-testid=update-ready]')) return;
  const lang = (document.documentElement.lang || 'en').slice(0, 2);
  const [say, act] = TEXT[lang] ?? TEXT.en;
  const bar = document.createElement('div');
  bar.className = 'update-ready';
  bar.setAttribute('role', 'status');
  bar.dataset.testid = 'update-ready';
  const p = document.createElement('span');
  p.textContent = say + ' ';
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'button';
  b.dataset.testid = 'update-reload';
  b.textContent = act;
  b.addEventListener('click', () => {
    asked = true;
    worker.postMessage('skip-waiting');
  });
  bar.append(p, b);
  document.body.append(bar);
}

/** Runs `go` once the app's loading shell is gone. */
function whenShown(go) {
  if (!document.getElementById('boot')) return go();
  const watch = new MutationObserver(() => {
    if (document.getElementById('boot')) return;
    watch.disconnect();
    go();
  });
  watch.observe(document.body, { childList: true });
}

if ('serviceWorker' in navigator && window.isSecureContext) {
  let reloading = false;
  // The page was already served by a worker: a new one taking over means a new version.
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if ((hadController || asked) && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  // Registered once the app has shown (`ui::mount` removes the loading shell, #boot): the
  // worker's install fetches every file of the app, which on a slow first visit would share
  // the line with the page's own WebAssembly and delay the figures.
  whenShown(() => navigator.serviceWorker.register('./sw.js').then((reg) => {
    const watch = (worker) => {
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerReload(worker);
      });
    };
    if (reg.waiting && navigator.serviceWorker.controller) offerReload(reg.waiting);
    if (reg.installing) watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  }).catch((e) => console.warn('Tierwise: offline use is not available', e)));
}

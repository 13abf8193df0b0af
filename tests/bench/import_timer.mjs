// What the browser benchmarks share to time an import as a person sees it.

/**
 * Arms `page` to time the next import: `window.__t.start` at the file input's change event,
 * `window.__t.end` when the customer count shows `want`; the page's marks and the long tasks
 * (`window.__long`, filled by the benchmark's PerformanceObserver) start afresh.
 */
export function armImportTimer(page, want) {
  return page.evaluate((want) => {
    window.__t = {};
    performance.clearMarks();
    window.__long = [];
    document.querySelector('[data-testid=file-input]').addEventListener('change', () => { window.__t.start = performance.now(); }, { capture: true, once: true });
    const check = () => {
      const el = document.querySelector('[data-testid=customer-count]');
      if (el && el.textContent.trim() === want) { window.__t.end = performance.now(); return true; }
      return false;
    };
    new MutationObserver((_, obs) => { if (check()) obs.disconnect(); }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, want);
}

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

/**
 * The import just timed, in ms from the change event: the total, the chunks parsed (`push`:
 * time inside the parser; `between`: from one chunk parsed to the next arriving, reads and
 * repaints; `first`: until the first chunk), each stage mark, a split import's page read and
 * worker part, the engine's own recompute figure, and the longest task.
 */
export function importStages(page) {
  return page.evaluate(() => {
    const t0 = window.__t.start;
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tierwise:'));
    const at = (name) => { const m = marks.find((m) => m.name === name); return m ? m.startTime - t0 : NaN; };
    let push = 0;
    const pushes = marks.filter((m) => m.name === 'tierwise:push');
    const pushed = marks.filter((m) => m.name === 'tierwise:pushed');
    pushes.forEach((m, k) => { push += pushed[k].startTime - m.startTime; });
    let between = 0;
    pushes.slice(1).forEach((m, k) => { between += m.startTime - pushed[k].startTime; });
    const long = window.__long.filter((e) => e.startTime >= t0 && e.startTime <= window.__t.end);
    return {
      total: window.__t.end - t0,
      chunks: pushes.length, first: pushes.length ? pushes[0].startTime - t0 : NaN, push, between,
      read: at('tierwise:read'), parsed: at('tierwise:parsed'), joined: at('tierwise:joined'),
      prepared: at('tierwise:prepared'), engine: at('tierwise:engine'),
      pageRead: at('tierwise:page-read'), part: at('tierwise:part'),
      recompute: Number(document.querySelector('[data-testid=recompute-ms]')?.textContent.replace(/,/g, '') ?? NaN),
      longest: Math.max(0, ...long.map((e) => e.duration)),
    };
  });
}

/**
 * A `heap-stats` build's record (`[stage mark, live, peak]` per mark) as one line: per stage
 * (the chunk marks as one), the bytes live after it and the most live during it, in MB.
 */
export function heapByStage(heap) {
  const stages = [];
  for (const [name, live, peak, memory = 0] of heap) {
    const stage = name === 'tierwise:push' || name === 'tierwise:pushed' ? 'tierwise:chunks' : name;
    const last = stages[stages.length - 1];
    if (last && last.stage === stage) {
      last.live = live;
      last.peak = Math.max(last.peak, peak);
      last.memory = memory;
    } else stages.push({ stage, live, peak, memory });
  }
  const mb = (b) => (b / 1e6).toFixed(1);
  return stages.map((x) => `${x.stage.replace('tierwise:', '')} ${mb(x.live)}/${mb(x.peak)}/${mb(x.memory)}`).join(', ');
}

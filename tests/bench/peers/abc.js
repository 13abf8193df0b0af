// The app's ABC rule, for the JavaScript peers of tests/bench/cold_peers.mjs (see
// src/core/src/classify/methods/abc.rs, classify_with and abc_shares, default settings 80/15):
// customers by sales, highest first; the share of positive sales *before* each customer
// (cumulated in that order, over the total of positive sales in that order); A while that share
// is below 80 % (less 1e-12), B while below 95 % (less 1e-12), C otherwise; a customer with no
// positive sales is C. Ties do not change the counts (equal sales add up the same in any order).

/** ABC counts [A, B, C] of the customers' sales (any iterable of numbers). */
export function abcCounts(sales, aPct = 80, bPct = 15) {
  const s = Float64Array.from(sales).sort().reverse();
  let total = 0;
  for (const v of s) total += Math.max(v, 0);
  const EPS = 1e-12;
  const aCut = aPct / 100 - EPS;
  const bCut = (aPct + bPct) / 100 - EPS;
  const counts = [0, 0, 0];
  let cum = 0;
  for (const v of s) {
    const before = total > 0 ? cum / total : 1;
    counts[v <= 0 ? 2 : before < aCut ? 0 : before < bCut ? 1 : 2]++;
    cum += Math.max(v, 0);
  }
  return counts;
}

/**
 * The JavaScript peers' roll-up: per customer id, the sum of the amounts and the orders (rows
 * with an amount ≥ 0), in a Map; `result()` gives what `show` takes, with the ABC counts.
 */
export class Rollup {
  constructor() {
    this.byId = new Map();
  }

  add(id, amount) {
    const a = Number(amount) || 0;
    const c = this.byId.get(id);
    if (c) {
      c.sales += a;
      c.orders += a >= 0;
    } else {
      this.byId.set(id, { sales: a, orders: +(a >= 0) });
    }
  }

  result() {
    const sales = [];
    let orders = 0;
    for (const c of this.byId.values()) {
      sales.push(c.sales);
      orders += c.orders;
    }
    return { customers: this.byId.size, abc: abcCounts(sales), orders };
  }
}

/** Shows a peer's result the way the harness reads it: counts first, the customer count last. */
export function show({ customers, abc, orders }) {
  document.querySelector('[data-testid=abc-counts]').textContent = abc.join(',');
  document.querySelector('[data-testid=orders]').textContent = String(orders);
  document.querySelector('[data-testid=customer-count]').textContent = customers.toLocaleString('en-US');
}

export function fail(e) {
  document.querySelector('[data-testid=error]').textContent = String(e?.stack ?? e);
}

/** Marks the page ready for a file (the harness waits for it, as for the app's customer count). */
export function ready() {
  document.body.dataset.ready = '1';
}

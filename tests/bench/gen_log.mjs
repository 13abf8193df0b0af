// Writes a deterministic transaction log for benchmarks: `rows` orders spread over `customers`
// customers (every customer appears), two years of dates, amounts and profits.
// Usage: node tests/bench/gen_log.mjs <out.csv> [rows=1000000] [customers=100000]
import { createWriteStream } from 'node:fs';

export async function genLog(path, rows = 1_000_000, customers = 100_000) {
  let seed = 20261123 >>> 0;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  await write('customer_id,order_date,amount,profit,product\n');
  const start = Date.UTC(2024, 10, 1);
  const products = ['Bearings', 'Fasteners', 'Hoses', 'Gloves', 'Tools', 'Lubricants', 'Fittings', 'Wire'];
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const c = i < customers ? i : Math.floor(customers * rand() ** 2);
    const d = new Date(start + Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
    const amount = (50 + rand() * 5000).toFixed(2);
    const profit = (amount * (rand() * 0.4 - 0.05)).toFixed(2);
    buf += `C${String(c).padStart(6, '0')},${d},${amount},${profit},${products[i % products.length]}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((ok) => out.end(ok));
}

/**
 * A log whose customers buy and drop out as BG/NBD assumes (so that the lifetime-value model
 * has something to fit, unlike `genLog`'s customers, who never leave): each customer's first
 * order falls in the first year of two; then orders come at a rate λ ~ Gamma(0.9, 1/4) per
 * week, and after each order the customer leaves with probability p ~ Beta(1.2, 6). Amounts
 * are Gamma-distributed around a per-customer mean. Returns the number of rows.
 */
export async function genChurnLog(path, customers = 100_000) {
  let seed = 424242 >>> 0;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 || 1e-12);
  const normal = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
  // Marsaglia–Tsang, with the boost for shape < 1.
  const gamma = (shape) => {
    if (shape < 1) return gamma(shape + 1) * rand() ** (1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x, v;
      do { x = normal(); v = 1 + c * x; } while (v <= 0);
      v = v * v * v;
      if (Math.log(rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const beta = (a, b) => { const x = gamma(a); return x / (x + gamma(b)); };
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  await write('customer_id,order_date,amount\n');
  const start = Date.UTC(2024, 0, 1);
  const weeks = 104;
  let buf = '', rows = 0;
  for (let c = 0; c < customers; c++) {
    const lambda = gamma(0.9) / 4, p = beta(1.2, 6), mean = 20 + gamma(2) * 60;
    let t = rand() * 52;
    for (;;) {
      const day = Math.floor(t * 7);
      buf += `C${String(c).padStart(6, '0')},${new Date(start + day * 86_400_000).toISOString().slice(0, 10)},${(mean * gamma(4) / 4).toFixed(2)}\n`;
      rows++;
      if (rand() < p) break;
      t += -Math.log(rand()) / lambda;
      if (t >= weeks) break;
    }
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((ok) => out.end(ok));
  return rows;
}

/** A customer master for the same ids, with every attribute the methods use. */
export async function genMaster(path, customers = 100_000) {
  let seed = 7 >>> 0;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  await write('customer_id,owner,region,industry,credit_rating,share_of_wallet,upcoming_volume,' +
    'development_prospects,loyalty,attitude,financial_status\n');
  const owners = Array.from({ length: 40 }, (_, k) => `Rep ${k + 1}`);
  let buf = '';
  for (let c = 0; c < customers; c++) {
    buf += `C${String(c).padStart(6, '0')},${pick(owners)},${pick(['East', 'North', 'South', 'West'])},` +
      `${pick(['Retail', 'Logistics', 'Construction'])},${pick(['AAA', 'AA', 'A', 'BBB', 'BB', 'B'])},` +
      `${Math.floor(rand() * 100)}%,${Math.floor(rand() * 100000)},${Math.floor(rand() * 100)},` +
      `${Math.floor(rand() * 100)},${pick(['Good', 'Average', 'Poor'])},${Math.floor(rand() * 100)}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((ok) => out.end(ok));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, rows, customers] = process.argv.slice(2);
  await genLog(out, Number(rows ?? 1_000_000), Number(customers ?? 100_000));
}

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

/**
 * A customer table as a roll-up done elsewhere would hand it over (one row per customer), with
 * every column the app reads from a customer table: id, name, deal status, sales, profit,
 * orders, first and last order dates, growth, average days late, on-time share, overdue amount
 * and days, credit rating, share of wallet, upcoming volume, close probability and expected
 * close date (prospects only), development prospects, difficulty, financial status, attitude,
 * loyalty, owner, region and industry. Values are varied and correlated as in a real book of
 * business: sales heavy-tailed (log-normal), profit a margin of them (some below zero), orders
 * growing with sales, about 8% prospects without sales or orders, ratings as numbers, letters
 * or words, some names quoted (they hold a comma). Deterministic (seeded). A customer table
 * cannot carry products (cross-selling reads them from a log) nor order rows (the lifetime
 * value reads those), so those two methods need a log beside it.
 */
export async function genFullMaster(path, customers = 1_000_000) {
  let seed = 19190901 >>> 0;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 || 1e-12);
  const normal = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
  const day = 86_400_000;
  const asOf = Date.UTC(2026, 9, 31);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? null : new Promise((ok) => out.once('drain', ok)));
  await write('customer_id,customer_name,deal_status,sales,profit,orders,first_order_date,last_order_date,growth,' +
    'avg_days_late,on_time_share,overdue_amount,overdue_days,credit_rating,share_of_wallet,upcoming_volume,' +
    'close_probability,expected_close_date,development_prospects,development_difficulty,financial_status,' +
    'attitude,loyalty,owner,region,industry\n');
  const first = ['Golden', 'Northern', 'Pacific', 'United', 'Eastern', 'Summit', 'Blue River', 'Great Wall', 'Sierra', 'Harbor',
    'Pioneer', 'Evergreen', 'Red Rock', 'Silver Lake', 'Atlas', 'Orion', 'Delta', 'Crown', 'Prairie', 'Lotus'];
  const second = ['Machinery', 'Logistics', 'Foods', 'Plastics', 'Textiles', 'Electric', 'Builders', 'Motors', 'Chemicals',
    'Paper', 'Steel', 'Pharma', 'Farms', 'Hardware', 'Packaging', 'Optics'];
  const suffix = ['Ltd', 'Inc', 'Co', 'GmbH', 'S.A.', 'LLC', 'Group', 'Trading'];
  const owners = Array.from({ length: 250 }, (_, k) => `Rep ${String(k + 1).padStart(3, '0')}`);
  const regions = ['North', 'South', 'East', 'West', 'Central', 'Northeast', 'Northwest', 'Southeast', 'Southwest', 'Coastal', 'Inland', 'Export'];
  const industries = ['Retail', 'Logistics', 'Construction', 'Manufacturing', 'Food & Beverage', 'Healthcare', 'Energy', 'Automotive',
    'Agriculture', 'Textiles', 'Electronics', 'Chemicals', 'Hospitality', 'Education', 'Public sector'];
  const letters = ['AAA', 'AA', 'AA', 'A', 'A', 'A', 'BBB', 'BBB', 'BBB', 'BB', 'BB', 'B', 'CCC', 'C', 'D'];
  const words = ['Very high', 'High', 'High', 'Medium', 'Medium', 'Medium', 'Low', 'Very low'];
  const attitudes = ['Excellent', 'Good', 'Good', 'Average', 'Average', 'Fair', 'Poor'];
  let buf = '';
  for (let c = 0; c < customers; c++) {
    const id = `C${String(c).padStart(7, '0')}`;
    let name = `${pick(first)} ${pick(second)} ${pick(suffix)} ${c % 9973}`;
    // Some names hold a comma ("Atlas Steel, Inc"), so the row is quoted.
    if (rand() < 0.05) name = `"${name}, ${pick(['Branch', 'Holdings', 'Division'])}"`;
    const prospect = rand() < 0.08;
    const owner = pick(owners), region = pick(regions), industry = pick(industries);
    const rating = () => String(Math.round(clamp(55 + 22 * normal(), 0, 100)));
    const credit = rand() < 0.6 ? pick(letters) : rating();
    const prospects = rating(), difficulty = rating();
    const financial = rand() < 0.7 ? rating() : pick(words);
    const attitude = pick(attitudes);
    const loyalty = rand() < 0.5 ? rating() : pick(words);
    if (prospect) {
      // A prospect: no sales, no orders, a forecast, a chance and a date to close.
      const volume = Math.round(Math.exp(8.5 + 1.3 * normal()));
      const close = `${Math.round(clamp(50 + 25 * normal(), 1, 99))}%`;
      const expected = iso(asOf + Math.floor(rand() * 270) * day);
      buf += `${id},${name},Potential,,,,,,,,,,,${credit},,${volume},${close},${expected},${prospects},${difficulty},` +
        `${financial},${attitude},,${owner},${region},${industry}\n`;
    } else {
      const sales = Math.exp(9 + 1.6 * normal());
      const margin = 0.12 + 0.1 * normal();
      const profit = sales * margin;
      const orders = Math.max(1, Math.round((sales / 2500) * (0.5 + rand()) + rand() * 3));
      const firstT = asOf - Math.floor(30 + rand() * 3600) * day;
      const lastT = Math.min(asOf, firstT + Math.floor(rand() ** 0.5 * ((asOf - firstT) / day)) * day);
      const growth = `${(100 * (0.04 + 0.25 * normal())).toFixed(1)}%`;
      const late = Math.max(0, Math.round(-12 * Math.log(rand()) - 4));
      const onTime = `${Math.round(clamp(100 - late * 2.2 + 6 * normal(), 0, 100))}%`;
      const overdue = rand() < 0.18 ? (sales * rand() * 0.3).toFixed(2) : '0';
      const overdueDays = overdue === '0' ? '0' : String(1 + Math.floor(-40 * Math.log(rand())));
      const wallet = `${Math.round(clamp(45 + 25 * normal(), 1, 100))}%`;
      const volume = Math.round(sales * (0.4 + 1.4 * rand()));
      buf += `${id},${name},Existing,${sales.toFixed(2)},${profit.toFixed(2)},${orders},${iso(firstT)},${iso(lastT)},${growth},` +
        `${late},${onTime},${overdue},${overdueDays},${credit},${wallet},${volume},,,${prospects},${difficulty},` +
        `${financial},${attitude},${loyalty},${owner},${region},${industry}\n`;
    }
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

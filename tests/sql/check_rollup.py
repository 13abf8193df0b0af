"""The SQL roll-up gives the app's figures and classes.

Runs sql/rollup.<engine>.sql (DuckDB, or Spark with --spark) on a log, writes its result as a
CSV customer table, and has the tierwise CLI classify both that table and the log itself.
Every customer's figures must match (money to 1e-9 relative: SQL sums DECIMAL exactly, the
app adds floating-point cents), and every method's class too, except where a customer table
cannot carry what the log gives (see KNOWN below, and the README).

Usage: check_rollup.py [--spark] [--rows N] LOG...  (the sample log and generated logs)
"""
import csv, json, math, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get('TIERWISE', os.path.join(ROOT, 'target', 'release', 'tierwise'))

# Columns of a log file, by the names the sample and the generated logs use.
SYNONYMS = {
    'customer_id': ['Customer ID', 'customer_id'],
    'order_date': ['Order date', 'order_date'],
    'amount': ['Amount', 'amount'],
    'profit': ['Profit', 'profit'],
    'cost': ['Cost', 'cost'],
    'product': ['Product', 'product'],
    'due_date': ['Due date', 'due_date'],
    'paid_date': ['Paid date', 'paid_date'],
    'status': ['Status', 'status'],
}
TYPES = {'order_date': 'DATE', 'due_date': 'DATE', 'paid_date': 'DATE',
         'amount': 'DECIMAL(18,2)', 'profit': 'DECIMAL(18,2)', 'cost': 'DECIMAL(18,2)'}

FIGURES = ['sales', 'profit', 'orders', 'first_order', 'last_order', 'avg_days_late',
           'on_time_share', 'overdue_amount', 'overdue_days', 'growth']


def columns_of(log):
    with open(log, newline='', encoding='utf-8-sig') as f:
        header = next(csv.reader(f))
    out = {}
    for col, names in SYNONYMS.items():
        out[col] = next((h for h in header if h in names), None)
    return out


def view_select(log, cols, quote, cast):
    """SELECT list turning the file's columns into `orders`' (NULL for a missing one)."""
    items = []
    for col in SYNONYMS:
        t = TYPES.get(col, 'STRING' if quote == '`' else 'VARCHAR')
        src = cols[col]
        if src is None:
            items.append(f'CAST(NULL AS {t}) AS {col}')
        else:
            items.append(f'{cast}({quote}{src}{quote} AS {t}) AS {col}')
    return ', '.join(items)


def run_duckdb(log, out_csv, as_of=None):
    import duckdb
    con = duckdb.connect()
    cols = columns_of(log)
    sel = view_select(log, cols, '"', 'CAST')
    con.execute(f"CREATE VIEW orders AS SELECT {sel} FROM read_csv('{log}', all_varchar=true, header=true)")
    if as_of:
        con.execute(f"SET VARIABLE as_of = DATE '{as_of}'")
    sql = open(os.path.join(ROOT, 'sql', 'rollup.duckdb.sql'), encoding='utf-8').read()
    t = time.perf_counter()
    con.execute(f"COPY ({sql}) TO '{out_csv}' (HEADER, DELIMITER ',')")
    return time.perf_counter() - t


def run_spark(log, out_csv, as_of=None):
    from pyspark.sql import SparkSession
    spark = SPARK[0]
    if spark is None:
        spark = (SparkSession.builder.master('local[2]').appName('tierwise-rollup')
                 .config('spark.ui.enabled', 'false')
                 .config('spark.ui.showConsoleProgress', 'false')
                 .config('spark.sql.shuffle.partitions', '4')
                 .config('spark.sql.session.timeZone', 'UTC')
                 .getOrCreate())
        spark.sparkContext.setLogLevel('ERROR')
        SPARK[0] = spark
    cols = columns_of(log)
    raw = spark.read.option('header', True).csv(log)
    raw.createOrReplaceTempView('orders_raw')
    sel = view_select(log, cols, '`', 'CAST')
    spark.sql(f'CREATE OR REPLACE TEMP VIEW orders AS SELECT {sel} FROM orders_raw')
    spark.conf.set('as_of', f"DATE'{as_of}'" if as_of else 'NULL')
    sql = open(os.path.join(ROOT, 'sql', 'rollup.spark.sql'), encoding='utf-8').read()
    t = time.perf_counter()
    rows = spark.sql(sql).collect()
    elapsed = time.perf_counter() - t
    names = rows[0].__fields__ if rows else []
    with open(out_csv, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(names)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])
    return elapsed


SPARK = [None]


def classify(path, out_json, extra=()):
    subprocess.run([CLI, 'classify', path, '--out', out_json, '--no-why', '-q', *extra], check=True)
    with open(out_json, encoding='utf-8') as f:
        return {r['id']: r for r in json.load(f)}


def same(key, a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


# What a customer table cannot carry, so methods that read it differ (see the README):
# products (cross-selling), frequency and the as-of date (RFM: recency counts from the newest
# last order in a customer table), recency as such; the order rows themselves, which the
# lifetime-value models fit (clv) and the risk watch's "lapsing" flag reads from them.
KNOWN = {'cross_sell', 'rfm', 'clv'}


def without_log_flags(k, v):
    """The risk flags but "lapsing", which only a log's orders give."""
    if k.startswith('risk.'):
        return ';'.join(f for f in (v or '').split(';') if f and f != 'lapsing')
    return v


def check(log, engine, as_of=None):
    with tempfile.TemporaryDirectory() as d:
        table = os.path.join(d, 'customers.csv')
        run = run_spark if engine == 'spark' else run_duckdb
        elapsed = run(log, table, as_of)
        extra = ['--as-of', as_of] if as_of else []
        direct = classify(log, os.path.join(d, 'direct.json'), extra)
        via = classify(table, os.path.join(d, 'via.json'))
    problems = []
    if set(direct) != set(via):
        problems.append(f'customers differ: {len(direct)} from the log, {len(via)} via SQL; '
                        f'e.g. {sorted(set(direct) ^ set(via))[:5]}')
    keys = sorted(k for k in next(iter(direct.values())) if k.endswith('.class') or k.endswith('.flags'))
    differing = {}
    for cid in sorted(set(direct) & set(via)):
        a, b = direct[cid], via[cid]
        for f in FIGURES:
            if not same(f, a.get(f), b.get(f)):
                problems.append(f'{cid} {f}: log {a.get(f)!r}, SQL {b.get(f)!r}')
        for k in keys:
            if without_log_flags(k, a.get(k)) != without_log_flags(k, b.get(k)):
                differing.setdefault(k.split('.')[0], []).append(cid)
    unexplained = {m: ids for m, ids in differing.items() if m not in KNOWN}
    for m, ids in unexplained.items():
        problems.append(f'{m}: {len(ids)} customers in another class, e.g. {ids[:5]}')
    name = os.path.basename(log) + (f' as of {as_of}' if as_of else '')
    print(f'{engine} {name}: {len(direct)} customers, SQL {elapsed:.2f} s; figures '
          f'{"differ" if problems else "identical"}; classes identical in every method but '
          + (', '.join(f'{m} ({len(ids)})' for m, ids in sorted(differing.items())) or 'none'))
    for p in problems[:20]:
        print('  ' + p)
    return not problems


def main():
    args = sys.argv[1:]
    engine = 'duckdb'
    if args and args[0] == '--spark':
        engine = 'spark'
        args = args[1:]
    ok = True
    for log in args:
        log, _, as_of = log.partition('@')
        ok &= check(log, engine, as_of or None)
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()

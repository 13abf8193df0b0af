"""`make bench-cli`: the tierwise CLI against DuckDB on the generated 1M- and 10M-row logs.

Both do the same work from the same CSV file: read it, roll the orders up per customer (the
app's definitions: sql/rollup.duckdb.sql for DuckDB) and classify ABC (80/15/5 by sales).
The CLI also runs every other method (its summary). Prints each run's wall time, the CLI's
peak memory, DuckDB's over the CLI's time (above 1: the CLI is faster), and checks that both
put the same number of customers in A, B and C. Figures, not pass/fail.
"""
import json, os, resource, statistics, subprocess, sys, time

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, 'target', 'release', 'tierwise')
ROLLUP = open(os.path.join(ROOT, 'sql', 'rollup.duckdb.sql'), encoding='utf-8').read()

ABC = """
WITH r AS ({rollup}),
existing AS (SELECT customer_id, CAST(sales AS DOUBLE) AS sales FROM r
             WHERE orders > 0 OR sales <> 0),
ranked AS (
    SELECT sales,
           coalesce(sum(greatest(sales, 0)) OVER (ORDER BY sales DESC, customer_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
             / sum(greatest(sales, 0)) OVER () AS before
    FROM existing)
SELECT CASE WHEN sales <= 0 THEN 'C' WHEN before < 0.80 - 1e-12 THEN 'A'
            WHEN before < 0.95 - 1e-12 THEN 'B' ELSE 'C' END AS class, count(*) AS n
FROM ranked GROUP BY 1 ORDER BY 1
"""


def run_cli(log, *extra):
    """Wall time, peak RSS in MB (GNU time's: a forked Python's own would count otherwise),
    the ABC counts and the CPU time."""
    t = time.perf_counter()
    p = subprocess.run(['/usr/bin/time', '-f', '%M %U %S', CLI, 'summary', log, '--json', '-q',
                        *extra], capture_output=True, check=True)
    elapsed = time.perf_counter() - t
    rss, user, system = p.stderr.decode().strip().splitlines()[-1].split()
    s = json.loads(p.stdout)
    counts = {c['key']: c['count'] for c in s['methods']['abc']['classes']}
    return elapsed, int(rss) / 1024, counts, float(user) + float(system)


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_duckdb(log):
    t, c = time.perf_counter(), cpu()
    con = duckdb.connect()
    con.execute(f"""CREATE VIEW orders AS
        SELECT customer_id, order_date, amount, profit, CAST(NULL AS DECIMAL(18,2)) AS cost,
               product, CAST(NULL AS DATE) AS due_date, CAST(NULL AS DATE) AS paid_date,
               CAST(NULL AS VARCHAR) AS status
        FROM read_csv('{log}', header = true, columns = {{'customer_id': 'VARCHAR',
             'order_date': 'DATE', 'amount': 'DECIMAL(18,2)', 'profit': 'DECIMAL(18,2)',
             'product': 'VARCHAR'}})""")
    rows = con.execute(ABC.format(rollup=ROLLUP)).fetchall()
    elapsed = time.perf_counter() - t
    used = cpu() - c
    con.close()
    return elapsed, dict(rows), used


def bench(rows, runs):
    log = os.path.join(ROOT, 'target', 'bench', f'log_{rows}.csv')
    if not os.path.exists(log):
        print(f'generating {log} …', flush=True)
        subprocess.run(['node', os.path.join(ROOT, 'tests', 'bench', 'gen_log.mjs'), log,
                        str(rows), '100000'], check=True)
    size = os.path.getsize(log) / 1e6
    cli, one, duck, cli_cpu, duck_cpu = [], [], [], [], []
    for _ in range(runs):
        # Alternating, as this machine's load drifts.
        t, mem, counts, c = run_cli(log)
        cli.append(t)
        cli_cpu.append(c)
        one.append(run_cli(log, '--one-thread')[0])
        d, dcounts, c = run_duckdb(log)
        duck.append(d)
        duck_cpu.append(c)
    same = counts == dcounts
    c, o, d = statistics.median(cli), statistics.median(one), statistics.median(duck)
    print(f'{rows:>10,} rows ({size:.0f} MB), median of {runs}: tierwise {c:.2f} s '
          f'(one thread {o:.2f} s, peak RSS {mem:.0f} MB), DuckDB {d:.2f} s '
          f'({duckdb.__version__}, {os.cpu_count()} threads): DuckDB / tierwise = {d / c:.2f}; '
          f'ABC counts {"equal" if same else "DIFFER"} {counts}' + ('' if same else f' vs {dcounts}'),
          flush=True)
    cc, dc = statistics.median(cli_cpu), statistics.median(duck_cpu)
    print(f'{"":>10}  CPU time (user + system): tierwise {cc:.2f} s, DuckDB {dc:.2f} s: '
          f'DuckDB / tierwise = {dc / cc:.2f}; load average {os.getloadavg()[0]:.1f} '
          f'on {os.cpu_count()} cores', flush=True)
    print(f'{"":>10}  runs: tierwise {[round(x, 2) for x in cli]}, one thread '
          f'{[round(x, 2) for x in one]}, DuckDB {[round(x, 2) for x in duck]}', flush=True)


if __name__ == '__main__':
    sizes = [int(a) for a in sys.argv[1:]] or [1_000_000, 10_000_000]
    for n in sizes:
        bench(n, 5 if n <= 1_000_000 else 3)

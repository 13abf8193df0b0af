#!/usr/bin/env python3
"""Independent computation of the figures Tierwise shows, for end-to-end tests.

Written from the rules in the README and domain.md, without looking at the Rust code paths:
roll the order log up per customer (cancelled orders excluded), join the master, then ABC by
cumulative sales share *before* each customer and value tiers by rank share.

Usage: sample_expected.py [--orders F] [--customers F] [--a 80] [--b 15]
                          [--vip 5] [--large 15] [--medium 30] [--ids]
Prints JSON. With --ids it adds, for the customer table, the customer ids by sales (highest
first, ties by id; prospects with no sales last, by id) and the ids of each ABC class.
"""
import argparse
import csv
from datetime import date
import json
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "public" / "sample"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", default=str(SAMPLE / "orders.csv"))
    ap.add_argument("--customers", default=str(SAMPLE / "customers.csv"))
    ap.add_argument("--no-customers", action="store_true")
    ap.add_argument("--a", type=float, default=80)
    ap.add_argument("--b", type=float, default=15)
    ap.add_argument("--vip", type=float, default=5)
    ap.add_argument("--large", type=float, default=15)
    ap.add_argument("--medium", type=float, default=30)
    ap.add_argument("--ids", action="store_true")
    ap.add_argument("--rfm-bins", type=int, default=5)
    ap.add_argument("--rfm-last-wins", action="store_true")
    args = ap.parse_args()

    sales, read, cancelled = {}, 0, 0
    orders, last, newest = {}, {}, None
    with open(args.orders, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            read += 1
            if row.get("Status", "").strip().lower() == "cancelled":
                cancelled += 1
                continue
            cid = row["Customer ID"]
            sales[cid] = sales.get(cid, 0.0) + float(row["Amount"])
            day = date.fromisoformat(row["Order date"])
            orders[cid] = orders.get(cid, 0) + 1
            last[cid] = max(last.get(cid, day), day)
            newest = max(newest or day, day)
    ids = set(sales)
    prospects = 0
    if not args.no_customers:
        with open(args.customers, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                ids.add(row["Customer ID"])
                if row["Status"] == "Potential" and row["Customer ID"] not in sales:
                    prospects += 1

    existing = sorted(sales.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(max(v, 0) for _, v in existing)
    abc = {"A": 0, "B": 0, "C": 0}
    abc_ids = {"A": [], "B": [], "C": []}
    cum = 0.0
    for cid, v in existing:
        before = cum / total
        if v > 0 and before < args.a / 100 - 1e-12:
            k = "A"
        elif v > 0 and before < (args.a + args.b) / 100 - 1e-12:
            k = "B"
        else:
            k = "C"
        abc[k] += 1
        abc_ids[k].append(cid)
        cum += max(v, 0)

    n = len(existing)
    cuts = [args.vip, args.vip + args.large, args.vip + args.large + args.medium]
    tiers = {"VIP": 0, "Large": 0, "Medium": 0, "Small": 0}
    for r in range(n):
        if r < cuts[0] / 100 * n - 1e-9:
            tiers["VIP"] += 1
        elif r < cuts[1] / 100 * n - 1e-9:
            tiers["Large"] += 1
        elif r < cuts[2] / 100 * n - 1e-9:
            tiers["Medium"] += 1
        else:
            tiers["Small"] += 1

    rfm, rfm_ids = rfm_segments(orders, last, sales, newest, args.rfm_bins, args.rfm_last_wins)

    out = {
        "rfm": rfm,
        "customers": len(ids), "existing": n, "prospects": prospects, "total_sales": round(total, 2),
        "abc": abc, "tiers": tiers,
        "rows": {"read": read, "used": read - cancelled, "rejected": cancelled},
    }
    if args.ids:
        out["by_sales"] = [cid for cid, _ in existing] + sorted(ids - set(sales))
        out["abc_ids"] = abc_ids
        out["rfm_ids"] = rfm_ids
    print(json.dumps(out))


# The R rfm package's documentation example: segment, (R low, high), (F ...), (M ...).
RFM_TABLE = [
    ("champions", (4, 5), (4, 5), (4, 5)),
    ("loyal", (2, 5), (3, 5), (3, 5)),
    ("potential_loyalist", (3, 5), (1, 3), (1, 3)),
    ("new", (4, 5), (1, 1), (1, 1)),
    ("promising", (3, 4), (1, 1), (1, 1)),
    ("need_attention", (2, 3), (2, 3), (2, 3)),
    ("about_to_sleep", (2, 3), (1, 2), (1, 2)),
    ("at_risk", (1, 2), (2, 5), (2, 5)),
    ("cant_lose", (1, 1), (4, 5), (4, 5)),
    ("lost", (1, 2), (1, 2), (1, 2)),
]


def rfm_segments(orders, last, sales, newest, k, last_wins):
    """RFM by the rule the README states: with n customers and k bins, a score is
    1 + floor(k * (customers strictly worse) / n); worse is fewer orders, lower sales, or more
    days since the last order. Then the first matching row of the table (or the last)."""
    ids = sorted(orders)
    n = len(ids)
    days = {c: (newest - last[c]).days for c in ids}

    def score(value, worse):
        return {c: 1 + (k * sum(1 for d in ids if worse(value[d], value[c]))) // n for c in ids}

    r = score(days, lambda other, mine: other > mine)
    f = score(orders, lambda other, mine: other < mine)
    m = score(sales, lambda other, mine: other < mine)
    counts = {seg: 0 for seg, *_ in RFM_TABLE}
    counts["others"] = 0
    members = {}
    for c in ids:
        hits = [seg for seg, rr, ff, mm in RFM_TABLE
                if rr[0] <= r[c] <= rr[1] and ff[0] <= f[c] <= ff[1] and mm[0] <= m[c] <= mm[1]]
        seg = (hits[-1] if last_wins else hits[0]) if hits else "others"
        counts[seg] += 1
        members[c] = {"segment": seg, "r": r[c], "f": f[c], "m": m[c]}
    return counts, members


if __name__ == "__main__":
    main()

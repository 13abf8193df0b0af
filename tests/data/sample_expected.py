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
    args = ap.parse_args()

    sales, read, cancelled = {}, 0, 0
    with open(args.orders, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            read += 1
            if row.get("Status", "").strip().lower() == "cancelled":
                cancelled += 1
                continue
            cid = row["Customer ID"]
            sales[cid] = sales.get(cid, 0.0) + float(row["Amount"])
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

    out = {
        "customers": len(ids), "existing": n, "prospects": prospects, "total_sales": round(total, 2),
        "abc": abc, "tiers": tiers,
        "rows": {"read": read, "used": read - cancelled, "rejected": cancelled},
    }
    if args.ids:
        out["by_sales"] = [cid for cid, _ in existing] + sorted(ids - set(sales))
        out["abc_ids"] = abc_ids
    print(json.dumps(out))


if __name__ == "__main__":
    main()

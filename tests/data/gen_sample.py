#!/usr/bin/env python3
"""Generates Tierwise's built-in sample: a fictional B2B industrial distributor.

Writes public/sample/customers.csv (the CRM customer master) and public/sample/orders.csv
(two years of ERP invoices, 2024-11-01 .. 2026-10-31). Deterministic: the same seed gives
byte-identical files, so the figures in tests can be checked by hand or by
tests/data/sample_expected.py.

Usage: python3 tests/data/gen_sample.py [--check]   (--check: fail if the files differ)
"""
import csv
import datetime as dt
import io
import math
import random
import sys
from pathlib import Path

SEED = 20261123
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "public" / "sample"
START = dt.date(2024, 11, 1)
END = dt.date(2026, 10, 31)

OWNERS = ["Wang Lei", "Li Na", "Zhang Wei", "Chen Jing", "Carlos Ruiz", "María López"]
REGIONS = ["East", "North", "South", "West", "Central"]
INDUSTRIES = ["Manufacturing", "Construction", "Retail", "Logistics", "Food processing", "Healthcare"]
PRODUCTS = [
    "Bearings", "Fasteners", "Hydraulic hoses", "Safety gloves", "Cutting tools", "Lubricants",
    "Pneumatic fittings", "Welding wire", "Packaging film", "Electrical cable", "Pumps", "Filters",
]
NAME_A = ["Apex", "Bluefin", "Cedar", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Ironwood",
          "Jade", "Keystone", "Lotus", "Meridian", "Northstar", "Orchid", "Pinnacle", "Quarry", "Redwood",
          "Summit", "Tidewater"]
NAME_B = ["Machinery", "Builders", "Foods", "Logistics", "Plastics", "Metalworks", "Medical", "Packaging",
          "Motors", "Textiles", "Electric", "Supply"]
NAME_C = ["Co.", "Ltd.", "Group", "Industries", "S.A.", "Inc."]
CREDIT = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC"]
ATTITUDE = ["Good", "Average", "Poor"]

N_EXISTING = 240
N_PROSPECTS = 60


def iso(d):
    return d.isoformat()


def generate():
    rng = random.Random(SEED)
    names = rng.sample([f"{a} {b} {c}" for a in NAME_A for b in NAME_B for c in NAME_C], N_EXISTING + N_PROSPECTS)
    customers, orders = [], []
    loss_makers = set(rng.sample(range(N_EXISTING), 6))
    late_payers = set(rng.sample(range(N_EXISTING), 25))
    defaulters = set(rng.sample(sorted(late_payers), 6))
    days = (END - START).days + 1
    order_no = 0
    for i in range(N_EXISTING + N_PROSPECTS):
        cid = f"C{i + 1:04d}"
        owner = OWNERS[rng.randrange(len(OWNERS))]
        region = REGIONS[rng.randrange(len(REGIONS))]
        industry = INDUSTRIES[rng.randrange(len(INDUSTRIES))]
        row = {
            "Customer ID": cid, "Customer name": names[i], "Owner": owner, "Region": region,
            "Industry": industry,
        }
        if i < N_EXISTING:
            # Annual value: Pareto-distributed, so about 20% of customers make most of the sales.
            annual = min(8000 * (1 / (1 - rng.random())) ** (1 / 1.0), 2_500_000)
            trend = rng.uniform(-0.6, 0.9)  # year-2 intensity relative to year 1
            margin = rng.uniform(-0.08, -0.01) if i in loss_makers else min(max(rng.gauss(0.19, 0.06), 0.03), 0.4)
            n_orders = max(1, min(60, int(round(2 + math.log(annual / 4000 + 1) * 4 * rng.uniform(0.6, 1.4)))))
            my_products = rng.sample(PRODUCTS, rng.randint(1, 5))
            for _ in range(n_orders):
                # Year 2 gets (1 + trend) times the density of year 1.
                second = rng.random() < (1 + trend) / (2 + trend)
                offset = rng.randrange(days // 2) + (days // 2 if second else 0)
                date = START + dt.timedelta(days=offset)
                amount = round(2 * annual / n_orders * rng.uniform(0.5, 1.5), 2)
                order_no += 1
                status = "Cancelled" if rng.random() < 0.006 else "Invoiced"
                due = date + dt.timedelta(days=30)
                if i in defaulters and date > END - dt.timedelta(days=200):
                    paid = None
                elif i in late_payers:
                    paid = due + dt.timedelta(days=max(0, int(rng.gauss(38, 15))))
                else:
                    paid = due + dt.timedelta(days=max(-10, min(4, int(rng.gauss(-3, 4)))))
                if paid is not None and paid > END:
                    paid = None  # not paid yet on the last day of the log
                orders.append({
                    "Order ID": f"SO-{order_no:06d}", "Customer ID": cid, "Order date": iso(date),
                    "Amount": f"{amount:.2f}", "Profit": f"{amount * (margin + rng.uniform(-0.02, 0.02)):.2f}",
                    "Product": rng.choice(my_products), "Due date": iso(due),
                    "Paid date": iso(paid) if paid else "", "Status": status,
                })
            row.update({
                "Status": "Closed",
                "Credit rating": CREDIT[min(6, max(0, int(rng.gauss(2.2, 1.2)) + (2 if i in late_payers else 0)))],
                "Share of wallet": f"{rng.randint(5, 95)}%",
                "Upcoming volume": f"{annual * rng.uniform(0.6, 3.0):.0f}",
                "Close probability": "", "Expected close date": "",
                "Development difficulty": "", "Financial status": str(rng.randint(30, 95)),
                "Development prospects": str(rng.randint(20, 95)),
                "Attitude": ATTITUDE[rng.choices([0, 1, 2], [5, 4, 1])[0]],
                "Loyalty": str(rng.randint(20, 98)),
            })
        else:
            row.update({
                "Status": "Potential", "Credit rating": "", "Share of wallet": "",
                "Upcoming volume": f"{rng.choice([20, 50, 80, 150, 300, 600]) * 1000}",
                "Close probability": f"{rng.randint(1, 19) * 5}%",
                "Expected close date": iso(END + dt.timedelta(days=rng.randint(10, 300))),
                "Development difficulty": str(rng.randint(10, 95)),
                "Financial status": str(rng.randint(15, 95)),
                "Development prospects": str(rng.randint(10, 95)),
                "Attitude": ATTITUDE[rng.choices([0, 1, 2], [4, 5, 1])[0]], "Loyalty": "",
            })
        customers.append(row)
    orders.sort(key=lambda o: (o["Order date"], o["Order ID"]))
    return customers, orders


CUSTOMER_COLUMNS = ["Customer ID", "Customer name", "Status", "Owner", "Region", "Industry", "Credit rating",
                    "Share of wallet", "Upcoming volume", "Close probability", "Expected close date",
                    "Development difficulty", "Financial status", "Development prospects", "Attitude", "Loyalty"]
ORDER_COLUMNS = ["Order ID", "Customer ID", "Order date", "Amount", "Profit", "Product", "Due date",
                 "Paid date", "Status"]


def to_csv(rows, columns):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def main():
    customers, orders = generate()
    files = {OUT / "customers.csv": to_csv(customers, CUSTOMER_COLUMNS), OUT / "orders.csv": to_csv(orders, ORDER_COLUMNS)}
    if "--check" in sys.argv:
        stale = [str(p) for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            sys.exit(f"sample is stale, run tests/data/gen_sample.py: {stale}")
        print("sample up to date")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for p, text in files.items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)} ({len(text.splitlines()) - 1} rows)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes tests/fixtures/clv/cdnow_reference.json: the CLV models of the `lifetimes` package on
the CDNOW sample, and reference values of the special functions, for src/core/tests/clv.rs.

The virtual environment lives OUTSIDE the repository (nothing here is a project dependency):

    python3 -m venv /tmp/clvvenv
    /tmp/clvvenv/bin/pip install lifetimes mpmath
    /tmp/clvvenv/bin/python tests/data/gen_clv_reference.py      # from the repository root

Last written with Python 3.11.7, Lifetimes 0.11.3, numpy 2.4.6, pandas 3.1.1, scipy 1.17.1,
autograd 1.9.1, mpmath 1.4.1 (the versions are also recorded in the JSON).

What it does:
- Loads CDNOW_sample.txt from the lifetimes package (`lifetimes.datasets.load_dataset`; 6,919
  rows, 2,357 customers, columns: master id, customer id 1..2357, date yyyymmdd, CDs, dollars)
  and checks that the committed copy tests/fixtures/clv/CDNOW_sample.txt is byte-identical.
- Calibration/holdout summary with lifetimes' `calibration_and_holdout_data`: calibration end
  1997-09-30, observation end 1998-06-30 (the last day in the file: the holdout is the papers'
  39 weeks). Time in weeks as days/7: freq="D" with freq_multiplier=7. (freq="W" would instead
  bucket the dates into calendar weeks and count distinct weeks, which is not what the papers
  do.) Purchases are counted on distinct days; monetary_value is the mean of the repeat days'
  daily totals.
- Fits BetaGeoFitter(penalizer_coef=0) on all customers and GammaGammaFitter(penalizer_coef=0)
  on the repeat buyers with a positive mean spend (946 customers).
- Per customer: x, t_x, T (weeks, and the integer days they come from), monetary value,
  P(alive), conditional expected purchases over the 39-week holdout, the actual holdout
  repeat purchases (distinct days), the Gamma-Gamma expected average spend, and the 12-month
  CLV at 1% a month (lifetimes' customer_lifetime_value with freq="W": 4.345 weeks a month).
- The log-likelihoods are the sums over customers in the time unit of the data (weeks; the
  BG/NBD one in the paper's units, -9582.4). lifetimes fits on time scaled to max(T) = 1 and
  keeps only the mean negative log-likelihood, so the script evaluates its likelihood function
  at the fitted parameters on the unscaled data.
- The special functions at a handful of points: scipy.special.gammaln, digamma and hyp2f1,
  with mpmath at 30 digits as the reference (scipy's value is kept beside it for information);
  and the BG/NBD expectation Phi at 400 random points over wide parameter ranges (mpmath).
"""
import filecmp
import json
import sys
from pathlib import Path

import autograd
import lifetimes
import mpmath
import numpy as np
import pandas as pd
import scipy
import scipy.special as sc
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.datasets import load_dataset
from lifetimes.utils import calibration_and_holdout_data
from pkg_resources import resource_filename

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "clv"
CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"
HOLDOUT_WEEKS = 39.0
CLV_MONTHS = 12
CLV_DISCOUNT = 0.01
WEEKS_PER_MONTH = 4.345  # lifetimes' factor for freq="W"

# The values lifetimes' documentation prints for CDNOW (from its bundled, rounded summaries).
PUBLISHED_BGNBD = {"r": 0.2426, "alpha": 4.4136, "a": 0.7929, "b": 2.4259}
PUBLISHED_GG = {"p": 6.2488, "q": 3.7446, "v": 15.4477}


def load_transactions() -> pd.DataFrame:
    packaged = resource_filename("lifetimes", "datasets/CDNOW_sample.txt")
    committed = OUT / "CDNOW_sample.txt"
    if not committed.exists():
        sys.exit(f"{committed} is missing: copy it from {packaged}")
    if not filecmp.cmp(packaged, committed, shallow=False):
        sys.exit(f"{committed} differs from lifetimes' {packaged}")
    tx = load_dataset(
        "CDNOW_sample.txt",
        header=None,
        sep=r"\s+",
        names=["master_id", "id", "date", "cds", "amount"],
        dtype={"date": str},
    )
    tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d")
    assert tx["date"].max() == pd.Timestamp(OBSERVATION_END), tx["date"].max()
    assert tx["id"].nunique() == 2357
    return tx


def special_values() -> dict:
    mpmath.mp.dps = 30
    gammaln_x = [1e-8, 1e-3, 0.2425945, 0.5, 1.0, 1.5, 2.0, 2.5, 3.7, 10.0, 33.3, 100.5,
                 1000.25, 1e5, 1e7]
    digamma_x = [1e-6, 0.01, 0.2425945, 0.5, 1.0, 1.5, 2.4259, 6.2, 10.0, 100.5, 1e4]
    r, alpha, a, b = 0.2425945, 4.413602, 0.7929220, 2.4259066
    hyp = [
        (1.0, 1.0, 2.0, 0.5),
        (0.5, 0.5, 1.5, 0.25),
        (1.0, 1.0, 2.0, 0.999),
        (0.3, 0.7, 2.0, 0.9),        # c - a - b = 1 exactly
        (0.3, 0.7, 2.00001, 0.95),   # c - a - b = 1 + 1e-5
        (1.5, 2.5, 4.0, 0.97),       # c - a - b = 0
        (0.2, 0.3, 0.5, 0.99),       # c - a - b = 0
        (0.2, 0.3, 0.5001, 0.99),
        (2.0, 3.0, 4.5, 0.85),       # c - a - b = -0.5
        (2.0, 3.0, 3.0, 0.85),       # c - a - b = -2
        (-0.3, 0.5, 1.2, 0.95),
        (0.4, 0.6, -0.3, 0.5),
        (0.4, 0.6, -0.3, 0.9),
        (50.2, 30.1, 60.5, 0.6),
        (50.2, 30.1, 60.5, 0.9),
        (0.5, 1.5, 2.5, -0.8),
        (1.2, 2.3, 3.4, -5.0),
        (1.2, 2.3, 3.4, -500.0),
    ]
    # As BG/NBD uses it: E[X(t)] (x = 0) and the conditional expectation (x = 29, T = 30.4).
    for z in [0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]:
        hyp.append((r, b, a + b - 1, z))
    for z in [0.47, 0.9, 0.99]:
        hyp.append((r + 29, b + 29, a + b + 28, z))
        hyp.append((a + b - 1 - r, a - 1, a + b + 28, z))
    return {
        "gammaln": [[x, float(mpmath.loggamma(x)), float(sc.gammaln(x))] for x in gammaln_x],
        "digamma": [[x, float(mpmath.digamma(x)), float(sc.digamma(x))] for x in digamma_x],
        "hyp2f1": [
            [a_, b_, c_, z_, float(mpmath.hyp2f1(a_, b_, c_, z_)), float(sc.hyp2f1(a_, b_, c_, z_))]
            for (a_, b_, c_, z_) in hyp
        ],
        "phi": phi_values(),
    }


def phi_values() -> list:
    """Phi(s, beta, a; u) = (c/(a-1)) [1 - (1-z)^s 2F1(s, beta; c; z)], c = a + beta - 1,
    z = u/(1+u): the BG/NBD expected purchases of an alive customer (x repeat purchases:
    s = r + x, beta = b + x, u = t/(alpha + T)), at random parameters over wide ranges
    (log-uniform), with mpmath at 50 digits."""
    mpmath.mp.dps = 50
    rng = np.random.RandomState(20050301)
    out = []
    for _ in range(400):
        r, a, b = np.exp(rng.uniform(np.log(0.01), np.log(100.0), 3))
        x = int(rng.choice([0, 0, 1, 2, 5, 20, 100, 1000]))
        u = float(np.exp(rng.uniform(np.log(1e-4), np.log(1e4))))
        r, a, b = (float(v) for v in (r, a, b))
        s, beta = mpmath.mpf(r) + x, mpmath.mpf(b) + x
        am = mpmath.mpf(a)
        c = am + beta - 1
        z = mpmath.mpf(u) / (1 + mpmath.mpf(u))
        w = 1 / (1 + mpmath.mpf(u))
        phi = c / (am - 1) * (1 - w**s * mpmath.hyp2f1(s, beta, c, z))
        out.append([r + x, b + x, a, u, float(phi)])
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    tx = load_transactions()
    s = calibration_and_holdout_data(
        tx,
        "id",
        "date",
        calibration_period_end=CALIBRATION_END,
        observation_period_end=OBSERVATION_END,
        freq="D",
        freq_multiplier=7,
        monetary_value_col="amount",
    )
    assert len(s) == 2357
    assert float(s["duration_holdout"].iloc[0]) == HOLDOUT_WEEKS

    x = s["frequency_cal"].values
    tx_w = s["recency_cal"].values
    t_w = s["T_cal"].values

    bg = BetaGeoFitter(penalizer_coef=0.0).fit(x, tx_w, t_w)
    r, alpha, a, b = (float(bg.params_[k]) for k in ["r", "alpha", "a", "b"])
    bg_ll = -len(s) * float(
        BetaGeoFitter._negative_log_likelihood(
            np.log([r, alpha, a, b]), x.astype(int), tx_w, t_w, np.ones(len(s)), 0.0
        )
    )

    repeat = s[(s["frequency_cal"] > 0) & (s["monetary_value_cal"] > 0)]
    gg = GammaGammaFitter(penalizer_coef=0.0).fit(
        repeat["frequency_cal"], repeat["monetary_value_cal"]
    )
    p, q, v = (float(gg.params_[k]) for k in ["p", "q", "v"])
    gg_ll = -len(repeat) * float(
        GammaGammaFitter._negative_log_likelihood(
            np.log([p, q, v]),
            repeat["frequency_cal"].values,
            repeat["monetary_value_cal"].values,
            np.ones(len(repeat)),
            0.0,
        )
    )

    p_alive = bg.conditional_probability_alive(x, tx_w, t_w)
    expected = bg.conditional_expected_number_of_purchases_up_to_time(HOLDOUT_WEEKS, x, tx_w, t_w)
    spend = gg.conditional_expected_average_profit(s["frequency_cal"], s["monetary_value_cal"])
    clv = gg.customer_lifetime_value(
        bg,
        s["frequency_cal"],
        s["recency_cal"],
        s["T_cal"],
        s["monetary_value_cal"],
        time=CLV_MONTHS,
        discount_rate=CLV_DISCOUNT,
        freq="W",
    )
    population_t = [1.0, 10.0, 39.0, 52.0, 78.0, 104.0, 260.0]
    population = bg.expected_number_of_purchases_up_to_time(np.array(population_t))

    customers = []
    for k, cid in enumerate(s.index):
        tx_days = round(tx_w[k] * 7)
        t_days = round(t_w[k] * 7)
        assert tx_days / 7 == tx_w[k] and t_days / 7 == t_w[k]
        customers.append(
            {
                "id": int(cid),
                "x": int(x[k]),
                "t_x_days": int(tx_days),
                "T_days": int(t_days),
                "t_x": float(tx_w[k]),
                "T": float(t_w[k]),
                "monetary_value": float(s["monetary_value_cal"].iloc[k]),
                "p_alive": float(p_alive[k]),
                "expected_holdout": float(expected[k]),
                "actual_holdout": int(s["frequency_holdout"].iloc[k]),
                "expected_spend": float(spend.iloc[k]),
                "clv": float(clv.iloc[k]),
            }
        )

    doc = {
        "generated_by": "tests/data/gen_clv_reference.py",
        "versions": {
            "python": sys.version.split()[0],
            "lifetimes": lifetimes.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "scipy": scipy.__version__,
            "autograd": getattr(autograd, "__version__", "unknown"),
            "mpmath": mpmath.__version__,
        },
        "data": {
            "file": "CDNOW_sample.txt",
            "rows": int(len(tx)),
            "customers": int(tx["id"].nunique()),
            "calibration_end": CALIBRATION_END,
            "observation_end": OBSERVATION_END,
            "unit_days": 7.0,
            "holdout_length": HOLDOUT_WEEKS,
            "repeat_buyers": int((x > 0).sum()),
            "holdout_total": int(s["frequency_holdout"].sum()),
        },
        "bgnbd": {
            "r": r,
            "alpha": alpha,
            "a": a,
            "b": b,
            "log_likelihood": bg_ll,
            "published": PUBLISHED_BGNBD,
            "published_log_likelihood": -9582.4,
            "population_expected": [[t, float(e)] for t, e in zip(population_t, population)],
        },
        "gamma_gamma": {
            "p": p,
            "q": q,
            "v": v,
            "customers": int(len(repeat)),
            "log_likelihood": gg_ll,
            "published": PUBLISHED_GG,
        },
        "clv": {
            "months": CLV_MONTHS,
            "monthly_discount": CLV_DISCOUNT,
            "periods_per_month": WEEKS_PER_MONTH,
        },
        "special": special_values(),
        "customers": customers,
    }
    path = OUT / "cdnow_reference.json"
    path.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {path}")
    print(f"BG/NBD r={r:.6f} alpha={alpha:.6f} a={a:.6f} b={b:.6f} LL={bg_ll:.4f}")
    print(f"Gamma-Gamma ({len(repeat)} customers) p={p:.6f} q={q:.6f} v={v:.6f} LL={gg_ll:.4f}")


if __name__ == "__main__":
    main()

//! The CLV models against `lifetimes` on the CDNOW sample (tests/fixtures/clv, written by
//! tests/data/gen_clv_reference.py), the special functions against mpmath, the degenerate
//! data the models refuse, and properties that hold for any input.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;
use tierwise_core::clv::bgnbd::{self, BgNbd, Triple};
use tierwise_core::clv::gamma_gamma::{self, ClvOptions, GammaGamma};
use tierwise_core::clv::special::{digamma, hyp2f1, ln_gamma};
use tierwise_core::clv::{
    backtest, clv, summarize, ClvError, Model, Order, Summary, SummaryOptions, MIN_REPEAT_BUYERS,
};

#[path = "../benches/clv_data.rs"]
mod clv_data;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/clv/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn reference() -> &'static Value {
    static REF: OnceLock<Value> = OnceLock::new();
    REF.get_or_init(|| serde_json::from_str(&fixture("cdnow_reference.json")).unwrap())
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// CDNOW_sample.txt: master id, customer id (1-based), yyyymmdd, CDs, dollars.
fn cdnow_orders() -> Vec<Order> {
    fixture("CDNOW_sample.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            Order {
                customer: cols[1].parse::<usize>().unwrap() - 1,
                date: NaiveDate::parse_from_str(cols[2], "%Y%m%d").unwrap(),
                amount: cols[4].parse().unwrap(),
            }
        })
        .collect()
}

fn cdnow_summary() -> &'static Summary {
    static S: OnceLock<Summary> = OnceLock::new();
    S.get_or_init(|| {
        let data = &reference()["data"];
        let options = SummaryOptions::weeks(
            date(data["calibration_end"].as_str().unwrap()),
            date(data["observation_end"].as_str().unwrap()),
        );
        summarize(&cdnow_orders(), &options).unwrap()
    })
}

fn triples(s: &Summary) -> Vec<Triple> {
    s.customers.iter().map(Triple::from).collect()
}

fn reference_bgnbd() -> BgNbd {
    let b = &reference()["bgnbd"];
    BgNbd {
        r: f(&b["r"]),
        alpha: f(&b["alpha"]),
        a: f(&b["a"]),
        b: f(&b["b"]),
    }
}

fn reference_gg() -> GammaGamma {
    let g = &reference()["gamma_gamma"];
    GammaGamma {
        p: f(&g["p"]),
        q: f(&g["q"]),
        gamma: f(&g["v"]),
    }
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn cdnow_summary_matches_lifetimes_customer_by_customer() {
    let s = cdnow_summary();
    let want = reference()["customers"].as_array().unwrap();
    assert_eq!(s.customers.len(), want.len());
    assert_eq!(s.customers.len(), 2357);
    assert_eq!(s.left_out, 0);
    assert_eq!(s.holdout_length, 39.0);
    for (c, w) in s.customers.iter().zip(want) {
        let id = w["id"].as_u64().unwrap() as usize;
        assert_eq!(c.customer + 1, id);
        assert_eq!(u64::from(c.x), w["x"].as_u64().unwrap(), "x of {id}");
        assert_eq!(
            u64::from(c.t_x_days),
            w["t_x_days"].as_u64().unwrap(),
            "t_x of {id}"
        );
        assert_eq!(
            u64::from(c.t_days),
            w["T_days"].as_u64().unwrap(),
            "T of {id}"
        );
        assert!((c.t_x - f(&w["t_x"])).abs() <= 1e-12, "t_x of {id}");
        assert!((c.t - f(&w["T"])).abs() <= 1e-12, "T of {id}");
        assert!(
            (c.monetary_value - f(&w["monetary_value"])).abs() <= 1e-9,
            "m of {id}"
        );
        assert_eq!(
            u64::from(c.holdout),
            w["actual_holdout"].as_u64().unwrap(),
            "holdout of {id}"
        );
    }
    let repeat = s.customers.iter().filter(|c| c.x > 0).count();
    assert_eq!(
        repeat as u64,
        reference()["data"]["repeat_buyers"].as_u64().unwrap()
    );
    let holdout: u32 = s.customers.iter().map(|c| c.holdout).sum();
    assert_eq!(
        u64::from(holdout),
        reference()["data"]["holdout_total"].as_u64().unwrap()
    );
}

#[test]
fn cdnow_bgnbd_fit_matches_lifetimes_and_the_paper() {
    let s = cdnow_summary();
    let fit = bgnbd::fit(&triples(s)).unwrap();
    let r = &reference()["bgnbd"];
    let got = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    for (k, name) in ["r", "alpha", "a", "b"].iter().enumerate() {
        let want = f(&r[name]);
        let published = f(&r["published"][name]);
        println!(
            "BG/NBD {name}: {:.6} reference {want:.6} ({:+.4}%) published {published} ({:+.4}%)",
            got[k],
            100.0 * (got[k] - want) / want,
            100.0 * (got[k] - published) / published
        );
        assert!(rel(got[k], want) < 0.005, "{name}");
        assert!(
            rel(got[k], published) < 0.005,
            "{name} against the published figure"
        );
    }
    let ll = f(&r["log_likelihood"]);
    println!(
        "BG/NBD log-likelihood {:.4} reference {ll:.4}; {} customers in {} triples, {} iterations, {} evaluations",
        fit.log_likelihood, fit.customers, fit.distinct_triples, fit.iterations, fit.evaluations
    );
    assert!((fit.log_likelihood - ll).abs() < 0.1);
    assert!((fit.log_likelihood - f(&r["published_log_likelihood"])).abs() < 0.05);
    // The public likelihood agrees with the one the fit maximised.
    let at_ref = reference_bgnbd().log_likelihood(&triples(s)).unwrap();
    assert!((at_ref - ll).abs() < 1e-8, "{at_ref} {ll}");
    assert_eq!(fit.customers, 2357);
    assert_eq!(fit.repeat_buyers, 946);
}

/// P(alive) and the expected holdout purchases of every customer, within 1e-4 of lifetimes,
/// both with the parameters fitted here and with lifetimes' own.
#[test]
fn cdnow_per_customer_predictions_match_lifetimes() {
    let s = cdnow_summary();
    let fitted = bgnbd::fit(&triples(s)).unwrap().params;
    let horizon = f(&reference()["data"]["holdout_length"]);
    for (label, model) in [("fitted", fitted), ("reference", reference_bgnbd())] {
        let (mut worst_alive, mut worst_expected) = (0.0f64, 0.0f64);
        for (c, w) in s
            .customers
            .iter()
            .zip(reference()["customers"].as_array().unwrap())
        {
            let alive = model.p_alive(c.x, c.t_x, c.t);
            let expected = model.expected_purchases(horizon, c.x, c.t_x, c.t);
            worst_alive = worst_alive.max((alive - f(&w["p_alive"])).abs());
            worst_expected = worst_expected.max((expected - f(&w["expected_holdout"])).abs());
        }
        println!("{label} parameters: max |ΔP(alive)| {worst_alive:.2e}, max |Δexpected| {worst_expected:.2e}");
        assert!(worst_alive <= 1e-4 && worst_expected <= 1e-4, "{label}");
        if label == "reference" {
            // The same parameters give the same numbers to rounding.
            assert!(worst_alive <= 1e-12 && worst_expected <= 1e-10, "{label}");
        }
    }
    // The population curve E[X(t)] (eq. 9).
    let model = reference_bgnbd();
    for pair in reference()["bgnbd"]["population_expected"]
        .as_array()
        .unwrap()
    {
        let (t, want) = (f(&pair[0]), f(&pair[1]));
        let got = model.population_expected(t);
        assert!(rel(got, want) < 1e-10, "E[X({t})] {got} {want}");
    }
}

#[test]
fn cdnow_gamma_gamma_matches_lifetimes() {
    let s = cdnow_summary();
    let data: Vec<(u32, f64)> = s
        .customers
        .iter()
        .map(|c| (c.x, c.monetary_value))
        .collect();
    let fit = gamma_gamma::fit(&data).unwrap();
    let g = &reference()["gamma_gamma"];
    assert_eq!(fit.customers as u64, g["customers"].as_u64().unwrap());
    assert_eq!(fit.customers, 946);
    assert_eq!(fit.excluded_non_positive, 0);
    let got = [fit.params.p, fit.params.q, fit.params.gamma];
    for (k, name) in ["p", "q", "v"].iter().enumerate() {
        let want = f(&g[name]);
        let published = f(&g["published"][name]);
        println!(
            "Gamma-Gamma {name}: {:.6} reference {want:.6} ({:+.4}%) published {published} ({:+.4}%)",
            got[k],
            100.0 * (got[k] - want) / want,
            100.0 * (got[k] - published) / published
        );
        assert!(rel(got[k], want) < 0.005, "{name}");
        assert!(
            rel(got[k], published) < 0.005,
            "{name} against the published figure"
        );
    }
    println!(
        "Gamma-Gamma log-likelihood {:.4} reference {:.4}",
        fit.log_likelihood,
        f(&g["log_likelihood"])
    );
    assert!((fit.log_likelihood - f(&g["log_likelihood"])).abs() < 0.1);
    let at_ref = reference_gg().log_likelihood(&data);
    assert!((at_ref - f(&g["log_likelihood"])).abs() < 1e-8);

    // Expected spend and CLV per customer, with lifetimes' parameters (equal to rounding) and
    // with the ones fitted here (within 0.1%).
    let c = &reference()["clv"];
    let options = ClvOptions {
        months: c["months"].as_u64().unwrap() as u32,
        monthly_discount: f(&c["monthly_discount"]),
        periods_per_month: f(&c["periods_per_month"]),
    };
    let bg_fit = bgnbd::fit(&triples(s)).unwrap().params;
    for (cs, w) in s
        .customers
        .iter()
        .zip(reference()["customers"].as_array().unwrap())
    {
        let spend = reference_gg().expected_spend(cs.x, cs.monetary_value);
        assert!(
            rel(spend, f(&w["expected_spend"])) < 1e-12,
            "spend of {}",
            cs.customer
        );
        let value = clv(
            &reference_bgnbd(),
            &reference_gg(),
            cs.into(),
            cs.monetary_value,
            &options,
        )
        .unwrap();
        assert!(
            rel(value, f(&w["clv"])) < 1e-9,
            "CLV of {}: {value} {}",
            cs.customer,
            f(&w["clv"])
        );
        let mine = clv(&bg_fit, &fit.params, cs.into(), cs.monetary_value, &options).unwrap();
        assert!(
            rel(mine, f(&w["clv"])) < 1e-3,
            "CLV of {} with fitted parameters",
            cs.customer
        );
    }
}

#[test]
fn cdnow_backtest() {
    let s = cdnow_summary();
    let model = reference_bgnbd();
    let bt = backtest(s, &model, 7).unwrap();
    let customers = reference()["customers"].as_array().unwrap();
    let want_predicted: f64 = customers.iter().map(|w| f(&w["expected_holdout"])).sum();
    assert_eq!(bt.total_actual, 1882.0);
    assert!((bt.total_predicted - want_predicted).abs() < 1e-8);
    let mae = customers
        .iter()
        .map(|w| (f(&w["expected_holdout"]) - f(&w["actual_holdout"])).abs())
        .sum::<f64>()
        / customers.len() as f64;
    assert!((bt.mean_absolute_error - mae).abs() < 1e-12);
    assert_eq!(bt.rows.iter().map(|r| r.customers).sum::<usize>(), 2357);
    assert_eq!(bt.rows[0].customers, 1411);
    assert!(bt.rows[7].or_more);
    println!(
        "backtest: predicted {:.1} actual {} MAE {:.4}",
        bt.total_predicted, bt.total_actual, bt.mean_absolute_error
    );
    for r in &bt.rows {
        println!(
            "  x={}{} n={} actual {:.3} predicted {:.3}",
            r.x,
            if r.or_more { "+" } else { "" },
            r.customers,
            r.actual,
            r.predicted
        );
    }
}

#[test]
fn special_functions_match_mpmath() {
    let sp = &reference()["special"];
    for row in sp["gammaln"].as_array().unwrap() {
        let (x, want) = (f(&row[0]), f(&row[1]));
        let got = ln_gamma(x);
        assert!(
            (got - want).abs() <= 1e-14 * want.abs().max(1.0),
            "lnΓ({x}) {got} {want}"
        );
    }
    for row in sp["digamma"].as_array().unwrap() {
        let (x, want) = (f(&row[0]), f(&row[1]));
        let got = digamma(x);
        assert!(
            (got - want).abs() <= 1e-14 * want.abs().max(1.0),
            "ψ({x}) {got} {want}"
        );
    }
    for row in sp["hyp2f1"].as_array().unwrap() {
        let (a, b, c, z, want) = (f(&row[0]), f(&row[1]), f(&row[2]), f(&row[3]), f(&row[4]));
        let got = hyp2f1(a, b, c, z);
        assert!(
            rel(got, want) <= 1e-11,
            "2F1({a}, {b}; {c}; {z}) = {got}, mpmath {want}"
        );
    }
}

/// The BG/NBD expectation of an alive customer, Φ(s, β, a; u), against mpmath at 400 random
/// points over wide ranges (r, a, b from 0.01 to 100, x up to 1000, u = t/(α+T) from 1e-4 to
/// 1e4): through `population_expected` with r = s, b = β, α = 1 (x = 0, T = 0, so u = t).
#[test]
fn expected_purchases_match_mpmath_over_wide_parameter_ranges() {
    let mut worst = (0.0f64, Vec::new());
    for row in reference()["special"]["phi"].as_array().unwrap() {
        let (s, beta, a, u, want) = (f(&row[0]), f(&row[1]), f(&row[2]), f(&row[3]), f(&row[4]));
        let model = BgNbd {
            r: s,
            alpha: 1.0,
            a,
            b: beta,
        };
        let got = model.population_expected(u);
        let err = (got - want).abs() / want.abs().max(1e-300);
        if err > worst.0 {
            worst = (err, vec![s, beta, a, u, got, want]);
        }
    }
    println!(
        "Φ: worst relative error {:.2e} at (s, β, a, u, got, want) = {:?}",
        worst.0, worst.1
    );
    assert!(worst.0 <= 1e-11, "{worst:?}");
}

/// Found by the property test below: a large r (heavy buyers, little heterogeneity) makes the
/// pole-free series cancel; Φ must pick a form that does not (values from mpmath).
#[test]
fn large_r_does_not_lose_precision() {
    let model = BgNbd {
        r: 51.49089671895283,
        alpha: 0.05581160029911372,
        a: 2.2329785315396746,
        b: 0.08441254269080585,
    };
    for (t, want) in [
        (0.1, 1.0681309442025764),
        (1.0, 1.068443145482725),
        (10.0, 1.0684611784802353),
        (543.3549242094251, 1.0684622891027012),
        (2831.222857782025, 1.068462296158579),
    ] {
        let got = model.population_expected(t);
        assert!(rel(got, want) < 1e-12, "E[X({t})] = {got}, mpmath {want}");
    }
}

/// Data drawn from the models themselves (`benches/clv_data.rs`, deterministic): the fits
/// recover the parameters they were drawn with, to sampling error.
#[test]
fn fits_recover_the_parameters_of_simulated_data() {
    let fit = bgnbd::fit(&clv_data::continuous_triples(50_000, 77)).unwrap();
    let p = fit.params;
    let drawn = [
        clv_data::R,
        clv_data::ALPHA_DAYS / 7.0,
        clv_data::A,
        clv_data::B,
    ];
    println!("BG/NBD from 50 000 draws: {p:?} (drawn with {drawn:?})");
    for (got, want) in [p.r, p.alpha, p.a, p.b].into_iter().zip(drawn) {
        assert!(rel(got, want) < 0.15, "{got} vs {want}");
    }
    // Through the whole pipeline: a day-level log, summarised, both models fitted.
    let (cal, obs) = clv_data::periods();
    let s = summarize(&clv_data::orders(20_000), &SummaryOptions::weeks(cal, obs)).unwrap();
    let bg = bgnbd::fit(&triples(&s)).unwrap().params;
    println!("BG/NBD from a 20 000-customer log: {bg:?}");
    for (got, want) in [bg.r, bg.alpha, bg.a, bg.b].into_iter().zip(drawn) {
        assert!(rel(got, want) < 0.2, "{got} vs {want}");
    }
    let spend: Vec<(u32, f64)> = s
        .customers
        .iter()
        .map(|c| (c.x, c.monetary_value))
        .collect();
    let gg = gamma_gamma::fit(&spend).unwrap().params;
    println!("Gamma-Gamma from the log: {gg:?}");
    for (got, want) in
        [gg.p, gg.q, gg.gamma]
            .into_iter()
            .zip([clv_data::P, clv_data::Q, clv_data::GAMMA])
    {
        assert!(rel(got, want) < 0.15, "{got} vs {want}");
    }
}

// ---- degenerate data -------------------------------------------------------------------

fn order(customer: usize, day: i64, amount: f64) -> Order {
    Order {
        customer,
        date: date("2024-01-01") + chrono::Duration::days(day),
        amount,
    }
}

fn weeks(cal: i64, obs: i64) -> SummaryOptions {
    let d0 = date("2024-01-01");
    SummaryOptions::weeks(
        d0 + chrono::Duration::days(cal),
        d0 + chrono::Duration::days(obs),
    )
}

#[test]
fn no_customers() {
    assert_eq!(summarize(&[], &weeks(100, 200)), Err(ClvError::NoCustomers));
    assert_eq!(bgnbd::fit(&[]), Err(ClvError::NoCustomers));
    assert_eq!(gamma_gamma::fit(&[]), Err(ClvError::NoCustomers));
}

#[test]
fn a_single_day_of_data() {
    let orders: Vec<Order> = (0..50).map(|c| order(c, 10, 5.0)).collect();
    assert_eq!(summarize(&orders, &weeks(10, 20)), Err(ClvError::SingleDay));
    let zero_age: Vec<Triple> = (0..50)
        .map(|_| Triple {
            x: 0,
            t_x: 0.0,
            t: 0.0,
        })
        .collect();
    assert_eq!(bgnbd::fit(&zero_age), Err(ClvError::SingleDay));
}

#[test]
fn every_customer_bought_once() {
    let orders: Vec<Order> = (0..50).map(|c| order(c, c as i64, 5.0)).collect();
    let s = summarize(&orders, &weeks(100, 200)).unwrap();
    let e = bgnbd::fit(&triples(&s)).unwrap_err();
    assert_eq!(e, ClvError::AllOneTimeBuyers { customers: 50 });
    assert!(
        e.to_string().contains("all 50 customers bought only once"),
        "{e}"
    );
    let spend: Vec<(u32, f64)> = s
        .customers
        .iter()
        .map(|c| (c.x, c.monetary_value))
        .collect();
    assert_eq!(
        gamma_gamma::fit(&spend),
        Err(ClvError::AllOneTimeBuyers { customers: 50 })
    );
}

#[test]
fn too_few_repeat_buyers() {
    let mut orders: Vec<Order> = (0..50).map(|c| order(c, c as i64, 5.0)).collect();
    orders.extend((0..3).map(|c| order(c, 60, 7.0)));
    let s = summarize(&orders, &weeks(100, 200)).unwrap();
    let e = bgnbd::fit(&triples(&s)).unwrap_err();
    assert_eq!(
        e,
        ClvError::TooFewRepeatBuyers {
            model: Model::BgNbd,
            found: 3,
            needed: MIN_REPEAT_BUYERS,
            excluded_non_positive: 0
        }
    );
    assert!(e.to_string().contains(": 3 (at least 10 needed)"), "{e}");
}

#[test]
fn refunds_are_left_out_of_gamma_gamma_and_counted() {
    // 12 repeat buyers, 4 of them with a non-positive mean repeat spend (refund days).
    let mut spend: Vec<(u32, f64)> = (0..8).map(|k| (1 + k % 3, 10.0 + 3.0 * k as f64)).collect();
    spend.extend([(1, 0.0), (2, -5.0), (1, -20.0), (3, 0.0)]);
    spend.extend((0..20).map(|_| (0, 0.0)));
    let e = gamma_gamma::fit(&spend).unwrap_err();
    assert_eq!(
        e,
        ClvError::TooFewRepeatBuyers {
            model: Model::GammaGamma,
            found: 8,
            needed: MIN_REPEAT_BUYERS,
            excluded_non_positive: 4
        }
    );
    assert!(
        e.to_string()
            .contains("4 left out for a mean spend of zero or less (refunds)"),
        "{e}"
    );

    // With enough positive ones the fit runs and reports the exclusions.
    let s = cdnow_summary();
    let mut data: Vec<(u32, f64)> = s
        .customers
        .iter()
        .map(|c| (c.x, c.monetary_value))
        .collect();
    data.extend([(2, -10.0), (1, 0.0), (4, -0.5)]);
    let fit = gamma_gamma::fit(&data).unwrap();
    assert_eq!((fit.customers, fit.excluded_non_positive), (946, 3));
    // A refund customer's expected spend is the population's mean, not a negative number.
    assert_eq!(
        fit.params.expected_spend(2, -10.0),
        fit.params.population_mean()
    );

    // Refund rows in a log: counted by the summary, netted into their day's total.
    let orders = [
        order(0, 0, 10.0),
        order(0, 5, 30.0),
        order(0, 5, -30.0),
        order(0, 9, 4.0),
    ];
    let s = summarize(&orders, &weeks(20, 30)).unwrap();
    assert_eq!(s.non_positive_rows, 1);
    assert_eq!((s.customers[0].x, s.customers[0].monetary_value), (2, 2.0));
}

#[test]
fn a_fit_that_cannot_converge_says_so() {
    // Every customer bought on their last observed day, at a steady rate: no sign of anyone
    // dropping out, so the likelihood rises as the dropout probability goes to 0.
    let triples: Vec<Triple> = (0..200)
        .map(|k| {
            let t = 10.0 + (k % 20) as f64;
            Triple {
                x: 1 + (t as u32) / 2,
                t_x: t,
                t,
            }
        })
        .collect();
    let e = bgnbd::fit(&triples).unwrap_err();
    assert!(
        matches!(
            e,
            ClvError::Degenerate {
                model: Model::BgNbd,
                ..
            } | ClvError::NotConverged {
                model: Model::BgNbd,
                ..
            }
        ),
        "{e:?}"
    );
    println!("{e}");
    // No variation in spend across customers: Gamma-Gamma cannot separate p, q and γ.
    let same: Vec<(u32, f64)> = (0..100).map(|k| (1 + k % 4, 25.0)).collect();
    let e = gamma_gamma::fit(&same).unwrap_err();
    assert!(
        matches!(
            e,
            ClvError::Degenerate {
                model: Model::GammaGamma,
                ..
            } | ClvError::NotConverged {
                model: Model::GammaGamma,
                ..
            } | ClvError::InfiniteMeanSpend { .. }
        ),
        "{e:?}"
    );
    println!("{e}");
}

#[test]
fn impossible_triples_and_arguments_are_refused() {
    let bad = [Triple {
        x: 1,
        t_x: 5.0,
        t: 4.0,
    }];
    assert_eq!(bgnbd::fit(&bad), Err(ClvError::InvalidTriple { index: 0 }));
    let bad = [Triple {
        x: 0,
        t_x: 1.0,
        t: 4.0,
    }];
    assert_eq!(bgnbd::fit(&bad), Err(ClvError::InvalidTriple { index: 0 }));
    let bad = [Triple {
        x: 2,
        t_x: f64::NAN,
        t: 4.0,
    }];
    assert_eq!(bgnbd::fit(&bad), Err(ClvError::InvalidTriple { index: 0 }));
    let options = ClvOptions {
        monthly_discount: -1.0,
        ..ClvOptions::default()
    };
    let t = Triple {
        x: 1,
        t_x: 1.0,
        t: 2.0,
    };
    assert!(matches!(
        clv(&reference_bgnbd(), &reference_gg(), t, 10.0, &options),
        Err(ClvError::InvalidArgument {
            name: "monthly_discount",
            ..
        })
    ));
    let s = summarize(&[order(0, 0, 1.0), order(0, 3, 1.0)], &weeks(10, 10)).unwrap();
    assert_eq!(
        backtest(&s, &reference_bgnbd(), 7),
        Err(ClvError::NoHoldout)
    );
}

// ---- properties ------------------------------------------------------------------------

fn params() -> impl Strategy<Value = BgNbd> {
    (-4.0f64..4.0, -4.0f64..6.0, -4.0f64..4.0, -4.0f64..4.0).prop_map(|(r, al, a, b)| BgNbd {
        r: r.exp(),
        alpha: al.exp(),
        a: a.exp(),
        b: b.exp(),
    })
}

fn triple() -> impl Strategy<Value = Triple> {
    (0u32..3000, 0.0f64..1.0, 0.0f64..2000.0).prop_map(|(x, frac, t)| Triple {
        x,
        t_x: if x == 0 { 0.0 } else { frac * t },
        t,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn predictions_are_numbers_in_range(p in params(), c in triple(), t1 in 0.0f64..3000.0, dt in 0.0f64..3000.0) {
        let alive = p.p_alive(c.x, c.t_x, c.t);
        prop_assert!((0.0..=1.0).contains(&alive), "P(alive) {}", alive);
        let e1 = p.expected_purchases(t1, c.x, c.t_x, c.t);
        let e2 = p.expected_purchases(t1 + dt, c.x, c.t_x, c.t);
        prop_assert!(e1.is_finite() && e1 >= 0.0, "E {}", e1);
        prop_assert!(e2.is_finite() && e2 >= 0.0, "E {}", e2);
        // Non-decreasing in the horizon (to rounding).
        prop_assert!(e2 >= e1 * (1.0 - 1e-9) - 1e-12, "E({}) = {} > E({}) = {}", t1, e1, t1 + dt, e2);
        let u1 = p.population_expected(t1);
        let u2 = p.population_expected(t1 + dt);
        prop_assert!(u1.is_finite() && u1 >= 0.0 && u2 >= u1 * (1.0 - 1e-9) - 1e-12, "{} {}", u1, u2);
        let ll = p.log_likelihood(&[c]).unwrap();
        prop_assert!(!ll.is_nan(), "log-likelihood {}", ll);
    }

    #[test]
    fn clv_is_a_number(p in params(), c in triple(), m in 0.01f64..1e4, months in 1u32..25) {
        let gg = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };
        let options = ClvOptions { months, ..ClvOptions::default() };
        let v = clv(&p, &gg, c, m, &options).unwrap();
        prop_assert!(v.is_finite() && v >= -1e-9 * (1.0 + v.abs()), "CLV {}", v);
    }
}

//! The CLV method (classify::methods::clv) end to end in the core: the CDNOW sample imported
//! as the app imports a file (tests/fixtures/clv/cdnow_sample.csv, the lifetimes package's
//! CDNOW_sample.txt as CSV), analysed as of 1997-09-30 (the papers' calibration end), against
//! what `lifetimes` computes (cdnow_reference.json) and the published parameters.

use chrono::NaiveDate;
use serde_json::Value;
use tierwise_core::classify::methods::clv::ClvClass;
use tierwise_core::classify::{Class, Engine, Prepared};
use tierwise_core::import::{import_csv, join};
use tierwise_core::settings::Settings;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/clv/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn within(got: f64, want: f64, rel: f64, what: &str) {
    assert!(
        ((got - want) / want).abs() <= rel,
        "{what}: {got} against {want} (more than {}%)",
        rel * 100.0
    );
}

#[test]
fn cdnow_as_of_the_calibration_end_gives_the_published_models() {
    let reference: Value = serde_json::from_slice(&fixture("cdnow_reference.json")).unwrap();
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    assert_eq!(imp.report.rows_used, 6919);
    let as_of = NaiveDate::from_ymd_opt(1997, 9, 30);
    let (ds, report) = join::join_as_of(None, Some(&imp), as_of);
    // 6,919 orders, of which those after 1997-09-30 are left out of the analysis.
    let after = 6919 - report.after_as_of;
    assert!(report.after_as_of > 0 && after > 2357);
    assert_eq!(ds.len(), 2357, "every customer first bought in 1997 Q1");
    let settings = Settings {
        as_of,
        ..Settings::default()
    };
    let engine = Engine::new(Prepared::new(ds), &settings);
    let prep = engine
        .prepared()
        .prep::<tierwise_core::classify::methods::clv::Clv>();
    let models = prep.models.as_ref().unwrap().as_ref().unwrap();
    let bg = &models.bg;
    let published = &reference["bgnbd"]["published"];
    for (got, key) in [
        (bg.params.r, "r"),
        (bg.params.alpha, "alpha"),
        (bg.params.a, "a"),
        (bg.params.b, "b"),
    ] {
        within(got, published[key].as_f64().unwrap(), 0.005, key);
    }
    let ll = reference["bgnbd"]["log_likelihood"].as_f64().unwrap();
    assert!(
        (bg.log_likelihood - ll).abs() < 0.1,
        "{} vs {ll}",
        bg.log_likelihood
    );
    let gg = models.gg.as_ref().unwrap();
    assert_eq!(gg.customers, 946);
    let published = &reference["gamma_gamma"]["published"];
    for (got, key) in [
        (gg.params.p, "p"),
        (gg.params.q, "q"),
        (gg.params.gamma, "v"),
    ] {
        within(got, published[key].as_f64().unwrap(), 0.005, key);
    }

    // Per customer: P(alive) within 1e-4 of lifetimes', and the 12-month CLV at 1% a month
    // (the method's defaults) within 0.1%.
    let r = engine.results().clv.as_ref().unwrap();
    let ids: Vec<String> = engine
        .prepared()
        .ds
        .customers
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let mut checked = 0;
    for c in reference["customers"].as_array().unwrap() {
        let id = format!("{:04}", c["id"].as_u64().unwrap());
        let i = ids.iter().position(|x| *x == id).unwrap();
        let f = prep.fitted[i].unwrap();
        assert_eq!(u64::from(f.triple.x), c["x"].as_u64().unwrap(), "{id}");
        let p_alive = c["p_alive"].as_f64().unwrap();
        assert!(
            (f.p_alive - p_alive).abs() < 1e-4,
            "{id}: {} vs {p_alive}",
            f.p_alive
        );
        let clv = c["clv"].as_f64().unwrap();
        if clv > 0.01 {
            within(r.value[i], clv, 1e-3, &format!("CLV of {id}"));
        }
        let class = r.class[i].unwrap();
        if f.triple.x == 0 {
            assert_eq!(class, ClvClass::OneTime);
        } else if f.p_alive < 0.2 {
            assert_eq!(class, ClvClass::Lost);
        } else if f.p_alive < 0.5 {
            assert_eq!(class, ClvClass::Lapsing);
        }
        checked += 1;
    }
    assert_eq!(checked, 2357);
    // The classes partition the customers, and a fifth of the active repeat buyers are high
    // value.
    assert_eq!(r.counts.iter().sum::<usize>(), 2357);
    let active = r.counts[ClvClass::HighValue.index()] + r.counts[ClvClass::Steady.index()];
    assert_eq!(
        r.counts[ClvClass::HighValue.index()],
        ((active as f64) * 0.2).round() as usize
    );
    assert_eq!(
        r.counts[ClvClass::OneTime.index()],
        2357 - reference["data"]["repeat_buyers"].as_u64().unwrap() as usize
    );
}

/// The backtest of the whole log split at 1997-09-30 is lifetimes' calibration/holdout split:
/// its total predicted holdout purchases match the reference's sum.
#[test]
fn the_backtest_at_the_papers_split_matches_the_reference() {
    let reference: Value = serde_json::from_slice(&fixture("cdnow_reference.json")).unwrap();
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    assert_eq!(ds.as_of, NaiveDate::from_ymd_opt(1998, 6, 30));
    // 1997-01-01 … 1998-06-30 is 545 days; 272 days in is 1997-09-30.
    let mut settings = Settings::default();
    settings.clv.backtest_split = 272.0 / 545.0 * 100.0;
    let engine = Engine::new(Prepared::new(ds), &settings);
    let r = engine.results().clv.as_ref().unwrap();
    let run = r.backtest.as_ref().unwrap();
    assert_eq!(run.split, NaiveDate::from_ymd_opt(1997, 9, 30).unwrap());
    let result = run.result();
    let b = result.as_ref().as_ref().unwrap();
    let customers = reference["customers"].as_array().unwrap();
    let predicted: f64 = customers
        .iter()
        .map(|c| c["expected_holdout"].as_f64().unwrap())
        .sum();
    let actual: f64 = customers
        .iter()
        .map(|c| c["actual_holdout"].as_f64().unwrap())
        .sum();
    assert!(
        (b.total_predicted - predicted).abs() < 1e-3 * predicted,
        "{} vs {predicted}",
        b.total_predicted
    );
    assert_eq!(b.total_actual, actual);
    assert!(b.mean_absolute_error > 0.0 && b.mean_absolute_error.is_finite());
}

/// Predicted CLV as the value tiers' and the pyramid's measure: the tiers follow the CLV
/// order (every VIP's predicted value at least every Large's, and so on), the same count of
/// customers as the sales measure ranks (everyone fitted), and a data set without a log says
/// which column it lacks.
#[test]
fn predicted_value_feeds_the_value_tiers_and_the_pyramid() {
    use tierwise_core::settings::ValueMeasure;
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    let mut settings = Settings::default();
    settings.tiers.measure = ValueMeasure::Clv;
    settings.pyramid.measure = ValueMeasure::Clv;
    let engine = Engine::new(Prepared::new(ds), &settings);
    let values = &engine.results().clv.as_ref().unwrap().value;
    let tiers = engine.results().tiers.as_ref().unwrap();
    let ranked: usize = tiers.counts.iter().sum();
    assert_eq!(ranked, 2357);
    let band = |k: usize| {
        (0..values.len())
            .filter(|&i| tiers.tier[i].map(|t| t.index()) == Some(k))
            .map(|i| values[i])
            .collect::<Vec<f64>>()
    };
    for k in 0..3 {
        let (upper, lower) = (band(k), band(k + 1));
        let min_upper = upper.iter().copied().fold(f64::INFINITY, f64::min);
        let max_lower = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(
            min_upper >= max_lower,
            "band {k}: {min_upper} < {max_lower}"
        );
    }
    assert!(engine.results().pyramid.is_ok());

    // A customer table has no orders: the measure needs the order dates.
    let table = import_csv("c.csv", "customer,sales\nA,10\nB,20\n".as_bytes()).unwrap();
    let (ds, _) = join::join(Some(&table), None);
    let engine = Engine::new(Prepared::new(ds), &settings);
    assert!(engine.results().tiers.is_err());
}

/// The risk watch flags the customers the CLV model calls lapsing or lost, follows the
/// lapsing threshold, and explains the flag with P(alive) against it.
#[test]
fn the_risk_watch_flags_lapsing_customers() {
    use tierwise_core::classify::risk::RiskFlag;
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    let mut settings = Settings::default();
    let mut engine = Engine::new(Prepared::new(ds), &settings);
    let count = |e: &Engine| {
        let clv = e.results().clv.as_ref().unwrap();
        let lapsing = clv.counts[ClvClass::Lapsing.index()] + clv.counts[ClvClass::Lost.index()];
        (
            lapsing,
            e.results().risk.flag_counts[RiskFlag::Lapsing.index()],
        )
    };
    let (want, got) = count(&engine);
    assert!(want > 0);
    assert_eq!(got, want);
    assert!(engine.results().risk.watched.contains(&RiskFlag::Lapsing));
    settings.clv.lapsing_below = 80.0;
    engine.update(&settings);
    let (want2, got2) = count(&engine);
    assert!(want2 > want);
    assert_eq!(got2, want2);
    let i = (0..engine.prepared().ds.len())
        .find(|&i| engine.results().risk.has(i, RiskFlag::Lapsing))
        .unwrap();
    let e = engine.explain_rows(&[i]);
    let text = format!("{e:?}");
    assert!(text.contains("Probability still active"), "{text}");
}

/// The horizon and discount sliders reuse the month-by-month curves computed for an earlier
/// horizon (extended when a longer one is asked for) and the cached order for the high-value
/// share: after 6, 18 and back to 12 months, then a discount and a share move, the classes and
/// values are those of an engine built fresh with the final settings.
#[test]
fn slider_moves_give_what_a_fresh_engine_gives() {
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    let mut settings = Settings::default();
    settings.clv.horizon_months = 6.0;
    let mut engine = Engine::new(Prepared::new(ds.clone()), &settings);
    for (months, discount, share) in [(18.0, 1.0, 20.0), (12.0, 1.0, 20.0), (12.0, 2.5, 35.0)] {
        settings.clv.horizon_months = months;
        settings.clv.monthly_discount = discount;
        settings.clv.high_share = share;
        engine.update(&settings);
        let fresh = Engine::new(Prepared::new(ds.clone()), &settings);
        let (a, b) = (
            engine.results().clv.as_ref().unwrap(),
            fresh.results().clv.as_ref().unwrap(),
        );
        assert_eq!(
            a.class, b.class,
            "{months} months, {discount}%, top {share}%"
        );
        assert_eq!(a.counts, b.counts);
        for (x, y) in a.value.iter().zip(b.value.iter()) {
            assert!(
                x.to_bits() == y.to_bits() || (x - y).abs() <= 1e-12 * y.abs(),
                "{x} {y}"
            );
        }
    }
}

/// MVC ranked on the predicted lifetime value, and MGC on the predicted growth (value per
/// month ahead against sales per month so far), checked against an independent computation
/// from the CLV method's values. The CDNOW log with a customer table giving each customer a
/// profit (some below zero, so BZC stays by profit).
#[test]
fn value_classes_look_forward_with_the_lifetime_value() {
    use tierwise_core::classify::methods::value::ValueClass;
    use tierwise_core::settings::{MgcMeasure, MvcMeasure};
    let log = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let mut master = String::from("customer_id,profit\n");
    for k in 1..=2357 {
        master.push_str(&format!("{k:04},{}\n", (k % 7) * 10 - 5));
    }
    let table = import_csv("profit.csv", master.as_bytes()).unwrap();
    let (ds, _) = join::join(Some(&table), Some(&log));
    let mut settings = Settings::default();
    settings.value.mvc_measure = MvcMeasure::Clv;
    settings.value.mgc_measure = MgcMeasure::PredictedGrowth;
    let engine = Engine::new(Prepared::new(ds), &settings);
    let r = engine.results();
    let values = &r.clv.as_ref().unwrap().value;
    let v = r.value.as_ref().unwrap();
    let ds = &engine.prepared().ds;
    let ids: Vec<&str> = ds.customers.iter().map(|c| c.id.as_str()).collect();
    let band = |n: usize, pct: f64| ((pct / 100.0 * n as f64) - 1e-9).ceil().max(0.0) as usize;

    // MVC: among customers with profit above zero (the BZC line), the top 20% of all those
    // with a profit figure, by predicted value, ties by id.
    let with_profit: Vec<usize> = (0..ds.len())
        .filter(|&i| ds.customers[i].profit.is_some())
        .collect();
    let mut above: Vec<usize> = with_profit
        .iter()
        .copied()
        .filter(|&i| ds.customers[i].profit.unwrap() > 0.0 && values[i].is_finite())
        .collect();
    above.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(ids[a].cmp(ids[b])));
    let mut want: Vec<usize> = above[..band(with_profit.len(), 20.0)].to_vec();
    want.sort();
    let got: Vec<usize> = (0..ds.len())
        .filter(|&i| v.class[i] == Some(ValueClass::Mvc))
        .collect();
    assert_eq!(got, want);
    let bzc = (0..ds.len())
        .filter(|&i| v.class[i] == Some(ValueClass::Bzc))
        .count();
    assert_eq!(
        bzc,
        with_profit
            .iter()
            .filter(|&&i| ds.customers[i].profit.unwrap() <= 0.0)
            .count()
    );

    // MGC: the top 20% of existing customers by predicted growth, positive, not MVC or BZC.
    let as_of = ds.as_of.unwrap();
    let horizon = settings.clv.horizon_months;
    let growth = |i: usize| {
        let c = &ds.customers[i];
        let months = ((as_of - c.first_order?).num_days() as f64 / (365.25 / 12.0)).max(1.0);
        let g = (values[i] / horizon) / (c.sales / months) - 1.0;
        g.is_finite().then_some(g)
    };
    let mut ranked: Vec<(usize, f64)> = (0..ds.len())
        .filter(|&i| ds.customers[i].is_existing())
        .filter_map(|i| growth(i).map(|g| (i, g)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(ids[a.0].cmp(ids[b.0])));
    let top = band(ranked.len(), 20.0);
    let mut want: Vec<usize> = ranked[..top]
        .iter()
        .filter(|&&(i, g)| {
            g > 0.0
                && v.class[i] != Some(ValueClass::Mvc)
                && v.class[i] != Some(ValueClass::Bzc)
                && v.class[i].is_some()
        })
        .map(|&(i, _)| i)
        .collect();
    want.sort();
    let got: Vec<usize> = (0..ds.len())
        .filter(|&i| v.class[i] == Some(ValueClass::Mgc))
        .collect();
    assert!(!got.is_empty());
    assert_eq!(got, want);
    // The drawer says what MVC ranked on.
    let i = got[0];
    let why = tierwise_core::classify::methods::value::explain(engine.prepared(), &settings, v, i);
    assert!(
        why.iter().any(|r| r
            .what
            .get(tierwise_core::i18n::Lang::En)
            .starts_with("Predicted growth")),
        "{why:?}"
    );
}

/// The page's way: prepared without the fit (`Prepared::new_quick`), the fit run as a job
/// whose question and answer cross to the worker as bytes, handed back and refreshed. Until
/// then the lifetime value says it is fitting and classes no one; after, every method's
/// results equal those of the fit made in place, with the CLV measure feeding the tiers, the
/// pyramid, MVC, MGC and the risk watch. The backtest's job, run the same way, gives what
/// `BacktestRun::result` gives.
#[test]
fn a_fit_run_elsewhere_and_handed_back_gives_the_same_results() {
    use tierwise_core::classify::methods::clv::Clv;
    use tierwise_core::classify::Method;
    use tierwise_core::clv::job::{Done, Job};
    use tierwise_core::settings::{MgcMeasure, MvcMeasure, ValueMeasure};
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    let mut settings = Settings::default();
    settings.tiers.measure = ValueMeasure::Clv;
    settings.pyramid.measure = ValueMeasure::Clv;
    settings.value.mvc_measure = MvcMeasure::Clv;
    settings.value.mgc_measure = MgcMeasure::PredictedGrowth;
    let in_place = Engine::new(Prepared::new(ds.clone()), &settings);

    let mut engine = Engine::new(Prepared::new_quick(ds), &settings);
    let waiting = engine.results().clv.as_ref().unwrap();
    assert!(waiting.fitting && waiting.error.is_none());
    assert!(waiting.class.iter().all(Option::is_none));
    assert!(engine.prepared().prep::<Clv>().models.is_none());
    assert!(engine
        .results()
        .differences(in_place.results())
        .contains(&Method::Clv));

    let job = engine.prepared().clv_fit_job().unwrap();
    let wired = Job::from_bytes(&job.to_bytes()).unwrap();
    assert_eq!(wired, job);
    let answer = Done::from_bytes(&wired.run().to_bytes()).unwrap();
    let Done::Models(done) = answer else {
        panic!("a models job answers with models")
    };
    let redone = engine.refresh(Method::Clv, |p| p.install_clv_fit(done));
    for m in [
        Method::Clv,
        Method::Tiers,
        Method::Pyramid,
        Method::Value,
        Method::Risk,
    ] {
        assert!(redone.contains(&m), "{m:?} not classed again: {redone:?}");
    }
    assert!(!redone.contains(&Method::Abc));
    assert!(engine.prepared().clv_fit_job().is_none());
    let r = engine.results().clv.as_ref().unwrap();
    assert!(!r.fitting);
    assert_eq!(engine.results().differences(in_place.results()), vec![]);

    let run = r.backtest.as_ref().unwrap();
    assert!(run.cached().is_none());
    let job = run.job().unwrap();
    let Done::Backtest(b) = Done::from_bytes(&job.run().to_bytes()).unwrap() else {
        panic!("a backtest job answers with a backtest")
    };
    run.store(b.clone());
    let fresh = in_place.results().clv.as_ref().unwrap();
    assert_eq!(*run.cached().unwrap(), b);
    assert_eq!(*fresh.backtest.as_ref().unwrap().result(), b);
}

/// Another analysis date of the same log: the new fit's job carries the models fitted for the
/// earlier date, to keep if it does not converge (`clv::job::keep_previous`). CDNOW's fit
/// converges, so the figures are the new date's own.
#[test]
fn a_new_analysis_date_can_keep_the_models_of_the_last() {
    use tierwise_core::clv::job::Job;
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    let earlier = Prepared::new(ds);
    let (ds, _) = join::join_as_of(None, Some(&imp), NaiveDate::from_ymd_opt(1997, 9, 30));
    let mut later = Prepared::new_quick(ds);
    later.keep_clv_models_of(&earlier);
    let Some(Job::Models { previous, end, .. }) = later.clv_fit_job() else {
        panic!("the fit is still to run")
    };
    assert_eq!(end, NaiveDate::from_ymd_opt(1997, 9, 30).unwrap());
    let kept = previous.expect("the earlier models");
    let prep = earlier.prep::<tierwise_core::classify::methods::clv::Clv>();
    assert_eq!(Some(Ok(&*kept)), prep.models.as_ref().map(|m| m.as_ref()));
    assert_eq!(kept.as_of, NaiveDate::from_ymd_opt(1998, 6, 30).unwrap());
    let tierwise_core::clv::job::Done::Models(Ok((_, models))) = later.clv_fit_job().unwrap().run()
    else {
        panic!("CDNOW fits")
    };
    assert_eq!(models.kept, None);
    assert_eq!(models.as_of, NaiveDate::from_ymd_opt(1997, 9, 30).unwrap());
}

/// An export started while the fit runs elsewhere is refused once the fit is handed back (its
/// first rows would have no lifetime-value class, its last ones would), and one started after
/// has every fitted customer's class.
#[test]
fn an_export_does_not_mix_rows_from_before_and_after_the_fit() {
    use tierwise_core::classify::Method;
    use tierwise_core::clv::job::Done;
    use tierwise_core::export::{CsvExport, ExportError, Options};
    let imp = import_csv("cdnow_sample.csv", &fixture("cdnow_sample.csv")).unwrap();
    let (ds, _) = join::join(None, Some(&imp));
    let mut engine = Engine::new(Prepared::new_quick(ds), &Settings::default());
    let options = Options::default();
    let mut e = CsvExport::new(&engine, &options).unwrap();
    e.step(&engine, 100).unwrap();
    let Done::Models(done) = engine.prepared().clv_fit_job().unwrap().run() else {
        panic!("a models job")
    };
    engine.refresh(Method::Clv, |p| p.install_clv_fit(done));
    assert_eq!(e.step(&engine, 100), Err(ExportError::Changed));
    let mut e = CsvExport::new(&engine, &options).unwrap();
    while !e.step(&engine, 500).unwrap().is_done() {}
    let bytes = e.finish().unwrap();
    let body = bytes.strip_prefix(tierwise_core::export::csv::BOM).unwrap();
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .into_records()
        .map(Result::unwrap);
    let header = records.next().unwrap();
    let col = header
        .iter()
        .position(|h| tierwise_core::export::key_of_header(h) == Some("clv.class"))
        .expect("a clv.class column");
    let keys: Vec<String> = records.map(|r| r[col].to_string()).collect();
    assert_eq!(keys.len(), 2357);
    let r = engine.results().clv.as_ref().unwrap();
    for (i, c) in r.class.iter().enumerate() {
        assert_eq!(
            keys[i],
            c.expect("every customer fitted").key(),
            "customer {i}"
        );
    }
}

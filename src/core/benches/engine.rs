//! Recomputing every method for 100 000 customers after a settings change (target ≤ 2 ms
//! natively), and the once-per-dataset preparation it relies on.
//!
//! `cargo bench -p tierwise-core --bench engine`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;
use tierwise_core::classify::method::{Inputs, MethodDef};
use tierwise_core::classify::{
    abc, cross_sell, crosstab, deal, five_s, potential, pyramid, readiness, risk, run_all, score,
    staffing, tiers, value, wallet, Engine, Prepared,
};
use tierwise_core::model::{Customer, Dataset};
use tierwise_core::Settings;

/// Nanoseconds this thread has spent on a CPU (Linux), so that the figures are not inflated
/// when the machine is shared; `None` elsewhere.
fn on_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `f` `runs` times; prints the mean wall time and the mean on-CPU time.
fn timed<R>(label: &str, runs: u32, mut f: impl FnMut(u32) -> R) {
    let (t, cpu) = (Instant::now(), on_cpu_ns());
    for k in 0..runs {
        black_box(f(k));
    }
    let wall = t.elapsed() / runs;
    match (cpu, on_cpu_ns()) {
        (Some(a), Some(b)) => println!(
            "{label:<48} wall {wall:>10.3?}   on-CPU {:>10.3?}",
            std::time::Duration::from_nanos((b - a) / u64::from(runs))
        ),
        _ => println!("{label:<48} wall {wall:>10.3?}"),
    }
}

/// 100 000 customers with every column the methods read: 90% existing, 10% prospects.
fn dataset(n: usize) -> Dataset {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut unit = move || (next() >> 11) as f64 / (1u64 << 53) as f64;
    let regions = ["North", "South", "East", "West", "Centre"];
    let products: Vec<String> = (0..40).map(|k| format!("P{k:02}")).collect();
    let customers = (0..n)
        .map(|k| {
            let existing = unit() > 0.1;
            // Pareto-like sales.
            let sales = if existing {
                (1000.0 / (unit() + 0.001)).round()
            } else {
                0.0
            };
            let mut prods: Vec<u32> = (0..(unit() * 6.0) as u32)
                .map(|_| (unit() * 40.0) as u32)
                .collect();
            prods.sort_unstable();
            prods.dedup();
            Customer {
                id: format!("C{k:06}"),
                name: format!("Customer {k}"),
                sales,
                profit: existing.then(|| sales * (unit() * 0.5 - 0.1)),
                orders: Some(if existing {
                    1 + (unit() * 20.0) as u32
                } else {
                    0
                }),
                growth: Some(unit() - 0.3),
                attrs: tierwise_core::Attributes {
                    avg_days_late: existing.then(|| unit() * 90.0),
                    on_time_share: existing.then(&mut unit),
                    overdue_amount: Some(if unit() < 0.1 { unit() * 5000.0 } else { 0.0 }),
                    credit_rating: Some(unit() * 100.0),
                    share_of_wallet: Some(unit()),
                    upcoming_volume: Some(unit() * 50_000.0),
                    close_probability: (!existing).then(&mut unit),
                    prospects_rating: Some(unit() * 100.0),
                    difficulty: Some(unit() * 100.0),
                    financial_status: Some(unit() * 100.0),
                    attitude: Some(unit() * 100.0),
                    loyalty: Some(unit() * 100.0),
                    owner: Some(format!("rep{:02}", (unit() * 25.0) as u32)),
                    region: Some(regions[(unit() * 5.0) as usize % 5].to_string()),
                    ..Default::default()
                }
                .into(),
                products: prods,
                ..Default::default()
            }
        })
        .collect();
    Dataset::new(customers, products, None)
}

fn engine(c: &mut Criterion) {
    let ds = dataset(100_000);
    let t = Instant::now();
    let p = Prepared::new(ds.clone());
    println!(
        "Prepared::new, 100k customers (once per dataset): {:?}",
        t.elapsed()
    );

    let base = Settings::default();
    let mut moved = base.clone();
    moved.abc.a_pct = 70.0;
    moved.tiers.vip_pct = 8.0;
    moved.score.weights.credit = 40.0;
    moved.wallet.share_split_pct = 40.0;

    // A reference point for this machine: one pass over one 100k column of f64.
    let column: Vec<f64> = ds.customers.iter().map(|c| c.sales).collect();
    timed("reference: sum of one 100k f64 column", 50, |_| {
        column.iter().sum::<f64>()
    });
    let mut out = vec![0u8; column.len()];
    timed(
        "reference: one 100k pass, compare and write a byte",
        50,
        |_| {
            for (o, &v) in out.iter_mut().zip(&column) {
                *o = u8::from(v > 5000.0);
            }
            out[7]
        },
    );

    // Plain timings as well, so the figures show without criterion's report.
    timed("run_all, 100k customers, every method", 100, |k| {
        black_box(run_all(&p, if k % 2 == 0 { &base } else { &moved }));
    });

    // Each method on its own, for the record.
    let s = &base;
    let sc = score::classify(&p, &s.score).expect("score");
    let tr = tiers::classify_prepared(&p, &s.tiers, Some(&sc.score)).expect("tiers");
    let va = value::classify(&p, &s.value, None).expect("value");
    let ab = abc::classify_prepared(&p, &s.abc);
    let keys: Vec<&'static str> = ["VIP", "Large", "Medium", "Small"].to_vec();
    let classes: Vec<Option<u8>> = tr.tier.iter().map(|t| t.map(|t| t as u8)).collect();
    let all = run_all(&p, s);
    timed("  deal", 200, |_| black_box(deal::classify_prepared(&p)));
    timed("  abc", 200, |_| {
        black_box(abc::classify_prepared(&p, &s.abc))
    });
    timed("  staffing", 200, |_| {
        black_box(staffing::plan(&p, &ab, &s.staffing))
    });
    timed("  score", 200, |_| black_box(score::classify(&p, &s.score)));
    timed("  tiers", 200, |_| {
        black_box(tiers::classify_prepared(&p, &s.tiers, Some(&sc.score)))
    });
    timed("  potential", 200, |_| {
        black_box(potential::classify(&p, &s.potential))
    });
    timed("  value", 200, |_| {
        black_box(value::classify(&p, &s.value, None))
    });
    timed("  wallet", 200, |_| {
        black_box(wallet::classify(&p, &s.wallet))
    });
    timed("  pyramid", 200, |_| {
        black_box(pyramid::classify(
            &p,
            &s.pyramid,
            Some(&va),
            Some(&sc.score),
        ))
    });
    let crosstab_inputs = <crosstab::CrossTabMethod as MethodDef>::inputs(s);
    let inputs = Inputs::new(&all, &crosstab_inputs, "bench");
    timed("  crosstab", 200, |_| {
        black_box(crosstab::crosstab(&p, &inputs, &s.crosstab))
    });
    timed("  five_s", 200, |_| {
        black_box(five_s::classify(&p, &s.five_s))
    });
    timed("  readiness", 200, |_| {
        black_box(readiness::check_prepared(&p, &s.readiness))
    });
    timed("  risk", 200, |_| {
        black_box(risk::classify(&p, &s.risk, Some(&tr), 0.0, None))
    });
    let runs = tiers::percentile_runs(p.ds.existing_by_sales.len(), &s.tiers);
    timed("  cross_sell (tier runs, as run_all does)", 200, |_| {
        let by_sales = &p.ds.existing_by_sales;
        let blocks = &p.index.products_by_sales;
        cross_sell::classify_runs(&p, &keys, classes.clone(), by_sales, blocks, &runs)
    });
    timed("  cross_sell (counting every purchase)", 200, |_| {
        cross_sell::classify(&p, &keys, classes.clone())
    });

    // One slider at a time, through the engine that keeps the last results.
    type Slider = (&'static str, fn(&mut Settings, bool));
    let sliders: [Slider; 7] = [
        ("abc.a_pct", |s, f| {
            s.abc.a_pct = if f { 70.0 } else { 80.0 }
        }),
        ("tiers.vip_pct", |s, f| {
            s.tiers.vip_pct = if f { 8.0 } else { 5.0 }
        }),
        ("score.weights.credit", |s, f| {
            s.score.weights.credit = if f { 40.0 } else { 20.0 }
        }),
        ("value.mvc_pct", |s, f| {
            s.value.mvc_pct = if f { 30.0 } else { 20.0 }
        }),
        ("wallet.share_split_pct", |s, f| {
            s.wallet.share_split_pct = if f { 40.0 } else { 50.0 }
        }),
        ("five_s.release_pct", |s, f| {
            s.five_s.release_pct = if f { 30.0 } else { 20.0 }
        }),
        ("risk.late_days", |s, f| {
            s.risk.late_days = if f { 45.0 } else { 30.0 }
        }),
    ];
    let mut engine = Engine::new(p.clone(), &base);
    for (name, set) in sliders {
        let mut s = base.clone();
        timed(&format!("Engine::update, one slider: {name}"), 200, |k| {
            set(&mut s, k % 2 == 0);
            black_box(engine.update(&s));
        });
    }

    c.bench_function("run_all 100k (settings change)", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            black_box(run_all(&p, if flip { &base } else { &moved }))
        })
    });
    c.bench_function("Engine::update 100k (tiers slider)", |b| {
        let mut s = base.clone();
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            s.tiers.vip_pct = if flip { 8.0 } else { 5.0 };
            black_box(engine.update(&s))
        })
    });
    c.bench_function("Prepared::new 100k (once per dataset)", |b| {
        b.iter(|| black_box(Prepared::new(ds.clone())))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = engine
}
criterion_main!(benches);

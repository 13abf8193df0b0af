//! Generated customers with every figure the model holds, for the export benchmark and the
//! export round-trip tests (`tests/export.rs` includes this file): 90% existing customers
//! with Pareto-like sales and some negative profits, 10% prospects, owners, regions,
//! industries, dates, and names with commas, quotes and non-ASCII letters.

use chrono::NaiveDate;
use tierwise_core::model::{Customer, Dataset};
use tierwise_core::Attributes;

pub fn dataset(n: usize) -> Dataset {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut unit = move || (next() >> 11) as f64 / (1u64 << 53) as f64;
    let regions = ["North", "South", "East", "West", "Centre"];
    let industries = [
        "Retail",
        "Manufacturing",
        "Food, drink",
        "零售",
        "Logística",
    ];
    let names = [
        "Acme",
        "Zhōu & Sons",
        "\"Quoted\" Ltd",
        "Comma, Inc",
        "北京贸易",
    ];
    let base = NaiveDate::from_ymd_opt(2022, 1, 1).expect("date");
    let customers = (0..n)
        .map(|k| {
            let existing = unit() > 0.1;
            let sales = if existing {
                ((1000.0 / (unit() + 0.001)) * 100.0).round() / 100.0
            } else {
                0.0
            };
            let orders = if existing {
                1 + (unit() * 20.0) as u32
            } else {
                0
            };
            let first = base + chrono::Days::new((unit() * 700.0) as u64);
            let last = first + chrono::Days::new((unit() * 400.0) as u64);
            Customer {
                id: format!("C{k:06}"),
                name: format!("{} {k}", names[k % names.len()]),
                sales,
                profit: existing.then(|| (sales * (unit() * 0.5 - 0.1) * 100.0).round() / 100.0),
                orders: Some(orders),
                first_order: existing.then_some(first),
                last_order: existing.then_some(last),
                recency_days: existing.then(|| (unit() * 400.0) as i64),
                growth: Some(unit() - 0.3),
                attrs: Attributes {
                    avg_days_late: existing.then(|| (unit() * 90.0).round()),
                    on_time_share: existing.then(&mut unit),
                    overdue_amount: Some(if unit() < 0.1 {
                        (unit() * 5000.0).round()
                    } else {
                        0.0
                    }),
                    overdue_days: Some((unit() * 120.0).round()),
                    credit_rating: Some((unit() * 100.0).round()),
                    share_of_wallet: Some(unit()),
                    upcoming_volume: Some((unit() * 50_000.0).round()),
                    close_probability: (!existing).then(&mut unit),
                    expected_close: (!existing).then(|| base + chrono::Days::new(800)),
                    prospects_rating: Some((unit() * 100.0).round()),
                    difficulty: Some((unit() * 100.0).round()),
                    financial_status: Some((unit() * 100.0).round()),
                    attitude: Some((unit() * 100.0).round()),
                    loyalty: Some((unit() * 100.0).round()),
                    owner: Some(format!("rep{:02}", (unit() * 25.0) as u32)),
                    region: Some(regions[(unit() * 5.0) as usize % 5].to_string()),
                    industry: Some(industries[(unit() * 5.0) as usize % 5].to_string()),
                }
                .into(),
                ..Default::default()
            }
        })
        .collect();
    Dataset::new(customers, Vec::new(), NaiveDate::from_ymd_opt(2024, 12, 31))
}

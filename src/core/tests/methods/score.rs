//! Weighted score (domain 7): fixtures from `classify/score.rs`.

use crate::common::check;

/// Three existing customers and one prospect.
///
/// | id | sales | profit | days late | prospects |
/// |----|-------|--------|-----------|-----------|
/// | a  | 1000  | 200    | 0         | 80        |
/// | b  | 500   | 50     | 30        | 40        |
/// | c  | 0→prospect | –  | –         | 100       |
/// | d  | 250   | 100    | 60        | –         |
const FIXTURE: &str = r#"
    id,sales,orders,profit,avg days late,prospects
    a,1000,1,200,0,80
    b,500,1,50,30,40
    c,0,0,,,100
    d,250,1,100,60,
    "#;

/// Weights: credit 40, order amount 30, prospects 10, profit 20 (others absent).
/// Min-max: credit (days late inverted): a 100, b 50, d 0.
///   order amount: a 100, b (500−250)/750 = 33.33, d 0.
///   prospects: a (80−40)/60 = 66.67, b 0, c 100.
///   profit: a 100, b 0, d (100−50)/150 = 33.33.
/// a = (40·100 + 30·100 + 10·66.67 + 20·100) / 100 = 96.67 → A
/// b = (40·50 + 30·33.33 + 0 + 0) / 100 = 30 → D
/// c = prospects only: 100 → A (its known criteria carry 10% of the weight; scored because
/// the minimum coverage is set to 0 here, below the default 50%)
/// d = (0 + 0 + 20·33.33) / 90 = 7.41 → D; prospects missing, so its known criteria carry 90%.
#[test]
fn fixture_min_max_by_hand() {
    check(
        FIXTURE,
        r#"{"score":{"weights":{"credit":40,"order_amount":30,"prospects":10,"profit":20,
                                "loyalty":0,"attitude":0,"growth":0},
                     "normalization":"MinMax", "min_coverage_pct":0}}"#,
        "score",
        r#"
        counts: A=2 B=0 C=0 D=2 unclassed=0
        sales: A=1000 B=0 C=0 D=750 classed=1750
        profit: A=200 B=- C=- D=150 classed=350
        a: A | Score 96.6667 >= 80; Weight of the known criteria = 100%; Credit = 100; Order amount = 100; Development prospects = 66.6667; Profit = 100
        b: D | Score 30 < 40; Weight of the known criteria = 100%; Credit = 50; Order amount = 33.3333; Development prospects = 0; Profit = 0
        c: A | Score 100 >= 80; Weight of the known criteria = 10%; Credit missing; Order amount missing; Development prospects = 100; Profit missing
        d: D | Score 7.4074 < 40; Weight of the known criteria = 90%; Credit = 0; Order amount = 0; Development prospects missing; Profit = 33.3333
        "#,
    );
}

/// Percentile ranks (3 values → 0, 50, 100): credit a 100, b 50, d 0; amount a 100,
/// b 50, d 0; prospects a 50, b 0, c 100; profit a 100, b 0, d 50.
/// Equal weights 25 each over the four present criteria (raw weights all zero).
/// a = (100 + 100 + 50 + 100) / 4 = 87.5 → A; b = (50 + 50 + 0 + 0) / 4 = 25 → D;
/// c = 100 → A; d = (0 + 0 + 50) / 3 = 16.67 → D.
#[test]
fn fixture_percent_rank() {
    check(
        FIXTURE,
        r#"{"score":{"normalization":"PercentRank", "min_coverage_pct":0,
                     "weights":{"credit":0,"order_amount":0,"prospects":0,"profit":0,
                                "loyalty":0,"attitude":0,"growth":0}}}"#,
        "score",
        r#"
        counts: A=2 B=0 C=0 D=2 unclassed=0
        sales: A=1000 B=0 C=0 D=750 classed=1750
        profit: A=200 B=- C=- D=150 classed=350
        a: A | Score 87.5 >= 80; Weight of the known criteria = 100%; Credit = 100; Order amount = 100; Development prospects = 50; Profit = 100
        b: D | Score 25 < 40; Weight of the known criteria = 100%; Credit = 50; Order amount = 50; Development prospects = 0; Profit = 0
        c: A | Score 100 >= 80; Weight of the known criteria = 25%; Credit missing; Order amount missing; Development prospects = 100; Profit missing
        d: D | Score 16.6667 < 40; Weight of the known criteria = 75%; Credit = 0; Order amount = 0; Development prospects missing; Profit = 50
        "#,
    );
}

/// Default weights over the present criteria: credit 20, amount 25, prospects 15, profit 25
/// → total 85; c only has prospects: 15/85 = 17.6% < 50% → unclassed.
#[test]
fn min_coverage_unclasses_thin_customers() {
    check(
        FIXTURE,
        r#"{"score":{"min_coverage_pct":50, "normalization":"MinMax"}}"#,
        "score",
        r#"
        counts: A=1 B=0 C=0 D=2 unclassed=1
        sales: A=1000 B=0 C=0 D=750 classed=1750
        profit: A=200 B=- C=- D=150 classed=350
        a: A | Score 94.1176 >= 80; Weight of the known criteria = 100%; Credit = 100; Order amount = 100; Development prospects = 66.6667; Profit = 100
        b: D | Score 21.5686 < 40; Weight of the known criteria = 100%; Credit = 50; Order amount = 33.3333; Development prospects = 0; Profit = 0
        c: - | Weight of the known criteria 17.6471% < 50%; Weight of the known criteria = 17.6471%; Credit missing; Order amount missing; Development prospects = 100; Profit missing
        d: D | Score 11.9048 < 40; Weight of the known criteria = 82.3529%; Credit = 0; Order amount = 0; Development prospects missing; Profit = 33.3333
        "#,
    );
}

/// A prospect with no figure at all: no criterion, no score.
#[test]
fn no_criteria_at_all_is_missing() {
    check(
        r#"
        id,orders
        p,0
        "#,
        "{}",
        "score",
        r#"
        needs column avg_days_late or on_time_share or credit_rating or amount or prospects or profit or loyalty or attitude or growth
        "#,
    );
}

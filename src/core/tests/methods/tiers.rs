//! Value tiers (domain 2): fixtures from `classify/tiers.rs`.

use crate::common::{check, check_ids};

/// `n` existing customers c0000, c0001, … with sales n × 10, (n − 1) × 10, …, 10: ranked in
/// file order. Too many to list, so these tests show a few customers and the class table.
fn ranked(n: usize) -> String {
    let mut csv = String::from("id,sales,orders\n");
    for k in 0..n {
        csv.push_str(&format!("c{k:04},{},1\n", (n - k) * 10));
    }
    csv
}

/// 100 customers, 5/15/30/50: ranks 0..=4 VIP, 5..=19 Large, 20..=49 Medium, 50..=99 Small.
#[test]
fn hundred_customers_split_exactly() {
    check_ids(
        &ranked(100),
        "{}",
        "tiers",
        &["c0000", "c0004", "c0005", "c0099"],
        r#"
        counts: VIP=5 Large=15 Medium=30 Small=50 unclassed=0
        sales: VIP=4900 Large=13200 Medium=19650 Small=12750 classed=50500
        c0000: VIP | Sales = 1000; Customers ranked above (share) 0% < 5%
        c0004: VIP | Sales = 960; Customers ranked above (share) 4% < 5%
        c0005: Large | Sales = 950; Customers ranked above (share) 5% < 20% and >= 5%
        c0099: Small | Sales = 10; Customers ranked above (share) 99% >= 50%
        "#,
    );
}

/// 250 × 5% = 12.5 → ranks 0..=12 are VIP (13); 250 × 20% = 50 → Large 37;
/// 250 × 50% = 125 → Medium 75; Small 125.
#[test]
fn fractional_cut_rounds_up() {
    check_ids(
        &ranked(250),
        "{}",
        "tiers",
        &["c0012", "c0013"],
        r#"
        counts: VIP=13 Large=37 Medium=75 Small=125 unclassed=0
        sales: VIP=31720 Large=81030 Medium=122250 Small=78750 classed=313750
        c0012: VIP | Sales = 2380; Customers ranked above (share) 4.8% < 5%
        c0013: Large | Sales = 2370; Customers ranked above (share) 5.2% < 20% and >= 5%
        "#,
    );
}

/// 3 customers: 3 × 5% = 0.15 → rank 0 VIP; 3 × 20% = 0.6 → no Large (ranks 0..1 taken);
/// 3 × 50% = 1.5 → rank 1 Medium; rank 2 Small.
#[test]
fn tiny_dataset_still_has_a_top_customer() {
    check(
        &ranked(3),
        "{}",
        "tiers",
        r#"
        counts: VIP=1 Large=0 Medium=1 Small=1 unclassed=0
        sales: VIP=30 Large=0 Medium=20 Small=10 classed=60
        c0000: VIP | Sales = 30; Customers ranked above (share) 0% < 5%
        c0001: Medium | Sales = 20; Customers ranked above (share) 33.3333% < 50% and >= 20%
        c0002: Small | Sales = 10; Customers ranked above (share) 66.6667% >= 50%
        "#,
    );
}

/// 40 customers, 10/20/30: VIP 4, Large 8, Medium 12, Small 16. VIP are the 4 largest:
/// (40 + 39 + 38 + 37) × 10 = 1540; the tiers' sales add up to the total, 8200.
#[test]
fn sales_per_tier_add_up() {
    check_ids(
        &ranked(40),
        r#"{"tiers":{"vip_pct":10,"large_pct":20,"medium_pct":30}}"#,
        "tiers",
        &["c0003", "c0004"],
        r#"
        counts: VIP=4 Large=8 Medium=12 Small=16 unclassed=0
        sales: VIP=1540 Large=2600 Medium=2700 Small=1360 classed=8200
        c0003: VIP | Sales = 370; Customers ranked above (share) 7.5% < 10%
        c0004: Large | Sales = 360; Customers ranked above (share) 10% < 30% and >= 10%
        "#,
    );
}

/// (id, sales, profit): a 900 10, b 600 300, c 300 120, d 200 –, e 150 −20, f 50 80.
const ROWS: &str = r#"
    id,sales,profit,orders
    a,900,10,2
    b,600,300,2
    c,300,120,2
    d,200,,2
    e,150,-20,2
    f,50,80,2
    "#;

/// Profit ranks (5 with profit): b 300, c 120, f 80, a 10, e −20.
/// Cuts 20/50/80 % of 5 = 1, 2.5, 4 → VIP rank 0; Large 1..=2; Medium 3; Small 4.
/// So a Medium, b VIP, c Large, d unclassed (no profit), e Small, f Large; profit per tier
/// 300, 200, 10, −20. a: 3 customers above out of 5 → 60%, ≥ 50 and < 80.
#[test]
fn fixture_by_profit_percentile() {
    check(
        ROWS,
        r#"{"tiers":{"vip_pct":20,"large_pct":30,"medium_pct":30,"measure":"Profit"}}"#,
        "tiers",
        r#"
        counts: VIP=1 Large=2 Medium=1 Small=1 unclassed=1
        sales: VIP=600 Large=350 Medium=900 Small=150 classed=2000
        profit: VIP=300 Large=200 Medium=10 Small=-20 classed=490
        a: Medium | Profit = 10; Customers ranked above (share) 60% < 80% and >= 50%
        b: VIP | Profit = 300; Customers ranked above (share) 0% < 20%
        c: Large | Profit = 120; Customers ranked above (share) 20% < 50% and >= 20%
        d: - | Profit missing
        e: Small | Profit = -20; Customers ranked above (share) 80% >= 80%
        f: Large | Profit = 80; Customers ranked above (share) 40% < 50% and >= 20%
        "#,
    );
}

/// Sales with absolute cuts 500/200/100: a 900 and b 600 VIP, c 300 and d 200 Large,
/// e 150 Medium, f 50 Small.
#[test]
fn fixture_by_sales_absolute() {
    check(
        ROWS,
        r#"{"tiers":{"cut":"Absolute","vip_min":500,"large_min":200,"medium_min":100}}"#,
        "tiers",
        r#"
        counts: VIP=2 Large=2 Medium=1 Small=1 unclassed=0
        sales: VIP=1500 Large=500 Medium=150 Small=50 classed=2200
        profit: VIP=310 Large=120 Medium=-20 Small=80 classed=490
        a: VIP | Sales = 900; Sales 900 >= 500
        b: VIP | Sales = 600; Sales 600 >= 500
        c: Large | Sales = 300; Sales 300 >= 200 and < 500
        d: Large | Sales = 200; Sales 200 >= 200 and < 500
        e: Medium | Sales = 150; Sales 150 >= 100 and < 200
        f: Small | Sales = 50; Sales 50 < 100
        "#,
    );
}

/// The original gives the scores directly: a 90, b 70, c none, d 70, e 10, f 50. Here they
/// come from the score itself, on a loyalty rating alone (every other weight 0): loyalty
/// 90, 70, –, 70, 10, 50 normalised min-max → 100, 75, –, 75, 0, 50, the same order.
/// Ranked a, b, d (tie by id), f, e; 20/30/30 of 5 scored → a VIP, b and d Large, f Medium,
/// e Small; c has no score and is unclassed.
#[test]
fn score_measure_uses_the_score() {
    check(
        r#"
        id,sales,profit,orders,loyalty
        a,900,10,2,90
        b,600,300,2,70
        c,300,120,2,
        d,200,,2,70
        e,150,-20,2,10
        f,50,80,2,50
        "#,
        r#"{
            "tiers":{"vip_pct":20,"large_pct":30,"medium_pct":30,"measure":"Score"},
            "score":{"weights":{"credit":0,"order_amount":0,"prospects":0,"profit":0,
                                "loyalty":100,"attitude":0,"growth":0},
                     "normalization":"MinMax"}
        }"#,
        "tiers",
        r#"
        counts: VIP=1 Large=2 Medium=1 Small=1 unclassed=1
        sales: VIP=900 Large=800 Medium=50 Small=150 classed=1900
        profit: VIP=10 Large=300 Medium=80 Small=-20 classed=370
        a: VIP | Score = 100; Customers ranked above (share) 0% < 20%
        b: Large | Score = 75; Customers ranked above (share) 20% < 50% and >= 20%
        c: - | Score missing
        d: Large | Score = 75; Customers ranked above (share) 40% < 50% and >= 20%
        e: Small | Score = 0; Customers ranked above (share) 80% >= 80%
        f: Medium | Score = 50; Customers ranked above (share) 60% < 80% and >= 50%
        "#,
    );
}

/// Tiers on the score need the score, which needs at least one criterion: a table of
/// prospects has none.
#[test]
fn score_measure_needs_the_score() {
    check(
        r#"
        id,orders
        p0,0
        p1,0
        "#,
        r#"{"tiers":{"measure":"Score"}}"#,
        "tiers",
        r#"
        needs column avg_days_late or on_time_share or credit_rating or amount or prospects or profit or loyalty or attitude or growth
        "#,
    );
}

#[test]
fn profit_measure_without_profit_column_says_so() {
    check(
        &ranked(5),
        r#"{"tiers":{"measure":"Profit"}}"#,
        "tiers",
        r#"
        needs column profit
        "#,
    );
}

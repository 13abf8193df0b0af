//! Customer 5S review (domain 10): fixtures from `classify/five_s.rs`.

use crate::common::check;

/// Mature m0..m4 (3 orders each): sales 500 400 300 200 100 → pct 100 75 50 25 0;
/// days late 0 10 20 90 40 → speed pct (fewer better) 100 75 50 0 25;
/// growth .30 .20 −.05 .10 .00 → pct 100 75 0 50 25.
/// Composite: m0 100, m1 75, m2 33.33, m3 25, m4 16.67.
/// Prospects p0..p2: forecast 900 100 500 → pct 100 0 50; ease (difficulty 10 80 50
/// inverted) → 100 0 50; financial 90 20 50 → 100 0 50. Composite 100, 0, 50.
const FIXTURE: &str = r#"
    id,sales,orders,avg days late,growth,upcoming volume,difficulty,financial status
    m0,500,3,0,0.30,,,
    m1,400,3,10,0.20,,,
    m2,300,3,20,-0.05,,,
    m3,200,3,90,0.10,,,
    m4,100,3,40,0.00,,,
    p0,,,,,900,10,90
    p1,,,,,100,80,20
    p2,,,,,500,50,50
    "#;

/// Classes at 66.67 / 33.33: m0 I, m1 I, m2 II (33.33 ≥ 33.33), m3 III, m4 III;
/// p0 I, p1 III, p2 II.
/// Flags: m4 sales pct 0 < 10 → suspended; m3 90 days late > 60 → eliminate;
/// m2 growth −5% < 0 → custodial; p1 small forecast (0 < 33.3), hard (80), weak
/// (20) → suspended. Flag counts: suspended 2, eliminate 1, custodial 1.
/// Straighten 50%, rounded down: Mature I (2) → 1 released: m1; Mature III (2) → m4;
/// classes of one release nobody. m3: composite 25 < 33.33, then its 90 days late.
#[test]
fn fixture_sort_flags_and_straighten() {
    check(
        FIXTURE,
        r#"{"five_s":{"release_pct":50}}"#,
        "five_s",
        r#"
        counts: mature_1=2 mature_2=1 mature_3=2 potential_1=1 potential_2=1 potential_3=1 unclassed=0
        sales: mature_1=900 mature_2=300 mature_3=300 potential_1=0 potential_2=0 potential_3=0 classed=1500
        m0: mature_1 | 5S composite 100 >= 66.6667
        m1: mature_1 +released | 5S composite 75 >= 66.6667; Position in class from the bottom (share) 0% < 50%
        m2: mature_2 +custodial | 5S composite 33.3333 >= 33.3333 and < 66.6667; Growth -5% < 0%
        m3: mature_3 +eliminate | 5S composite 25 < 33.3333; Average days late 90d > 60d
        m4: mature_3 +suspended +released | 5S composite 16.6667 < 33.3333; Sales percentile rank 0 < 10; Position in class from the bottom (share) 0% < 50%
        p0: potential_1 | 5S composite 100 >= 66.6667
        p1: potential_3 +suspended | 5S composite 0 < 33.3333; Forecast volume percentile rank 0 < 33.3333; Development difficulty 80 >= 66.6667; Financial status 20 <= 33.3333
        p2: potential_2 | 5S composite 50 >= 33.3333 and < 66.6667
        "#,
    );
}

/// Pinning m1 keeps it: in the bottom half of Mature I, but not released; its explanation
/// gives the pin's reason.
#[test]
fn fixture_pinned_customer_is_kept() {
    check(
        FIXTURE,
        r#"{"five_s":{"release_pct":50,"pinned":["m1"]},"pins":[{"id":"m1","kind":"five_s","reason":"opens a branch in June","date":"2026-05-01"}]}"#,
        "five_s",
        r#"
        counts: mature_1=2 mature_2=1 mature_3=2 potential_1=1 potential_2=1 potential_3=1 unclassed=0
        sales: mature_1=900 mature_2=300 mature_3=300 potential_1=0 potential_2=0 potential_3=0 classed=1500
        m0: mature_1 | 5S composite 100 >= 66.6667
        m1: mature_1 | 5S composite 75 >= 66.6667; Position in class from the bottom (share) 0% < 50%; Pinned as an exception, not given up: "opens a branch in June"
        m2: mature_2 +custodial | 5S composite 33.3333 >= 33.3333 and < 66.6667; Growth -5% < 0%
        m3: mature_3 +eliminate | 5S composite 25 < 33.3333; Average days late 90d > 60d
        m4: mature_3 +suspended +released | 5S composite 16.6667 < 33.3333; Sales percentile rank 0 < 10; Position in class from the bottom (share) 0% < 50%
        p0: potential_1 | 5S composite 100 >= 66.6667
        p1: potential_3 +suspended | 5S composite 0 < 33.3333; Forecast volume percentile rank 0 < 33.3333; Development difficulty 80 >= 66.6667; Financial status 20 <= 33.3333
        p2: potential_2 | 5S composite 50 >= 33.3333 and < 66.6667
        "#,
    );
}

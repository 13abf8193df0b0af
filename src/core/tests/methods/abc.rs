//! ABC / Pareto (domain 5): fixtures from `classify/abc.rs`.

use crate::common::check;

/// Total 1000. Shares before each: 0, 40, 60, 75, 85, 90, 94, 97, 99, 99.5 (%).
/// A: before < 80 → first four (0, 40, 60, 75). B: before < 95 → 85, 90, 94. C: 97, 99, 99.5.
/// Sales per class 850, 120, 30. The 5th customer (50) has 85% before it: B, ≥ 80 and < 95.
#[test]
fn hand_computed_ten_customers() {
    check(
        r#"
        id,sales,orders
        c00,400,1
        c01,200,1
        c02,150,1
        c03,100,1
        c04,50,1
        c05,40,1
        c06,30,1
        c07,20,1
        c08,5,1
        c09,5,1
        "#,
        "{}",
        "abc",
        r#"
        counts: A=4 B=3 C=3 unclassed=0
        sales: A=850 B=120 C=30 classed=1000
        c00: A | Sales = 400; Cumulative sales share before this customer 0% < 80%
        c01: A | Sales = 200; Cumulative sales share before this customer 40% < 80%
        c02: A | Sales = 150; Cumulative sales share before this customer 60% < 80%
        c03: A | Sales = 100; Cumulative sales share before this customer 75% < 80%
        c04: B | Sales = 50; Cumulative sales share before this customer 85% >= 80% and < 95%
        c05: B | Sales = 40; Cumulative sales share before this customer 90% >= 80% and < 95%
        c06: B | Sales = 30; Cumulative sales share before this customer 94% >= 80% and < 95%
        c07: C | Sales = 20; Cumulative sales share before this customer 97% >= 95%
        c08: C | Sales = 5; Cumulative sales share before this customer 99% >= 95%
        c09: C | Sales = 5; Cumulative sales share before this customer 99.5% >= 95%
        "#,
    );
}

/// Before the 2nd customer the share is exactly 50%: with A = 50% it is B.
#[test]
fn the_boundary_is_exclusive() {
    check(
        r#"
        id,sales,orders
        c00,50,1
        c01,30,1
        c02,20,1
        "#,
        r#"{"abc":{"a_pct":50,"b_pct":30}}"#,
        "abc",
        r#"
        counts: A=1 B=1 C=1 unclassed=0
        sales: A=50 B=30 C=20 classed=100
        c00: A | Sales = 50; Cumulative sales share before this customer 0% < 50%
        c01: B | Sales = 30; Cumulative sales share before this customer 50% >= 50% and < 80%
        c02: C | Sales = 20; Cumulative sales share before this customer 80% >= 80%
        "#,
    );
}

/// With A = 1% and B = 0%, the top customer (99) is still A: nothing is before it. The
/// prospect (no sales, no orders) is not classed.
#[test]
fn top_customer_is_always_a_and_prospects_unclassed() {
    check(
        r#"
        id,sales,orders
        c00,0,0
        c01,99,1
        c02,1,1
        "#,
        r#"{"abc":{"a_pct":1,"b_pct":0}}"#,
        "abc",
        r#"
        counts: A=1 B=0 C=1 unclassed=1
        sales: A=99 B=0 C=1 classed=100
        c00: -
        c01: A | Sales = 99; Cumulative sales share before this customer 0% < 1%
        c02: C | Sales = 1; Cumulative sales share before this customer 99% >= 1%
        "#,
    );
}

/// A customer whose returns exceed its purchases (sales −5) is C, whatever the cuts.
#[test]
fn returns_only_customer_is_c() {
    check(
        r#"
        id,sales,orders
        c00,60,1
        c01,40,1
        c02,-5,1
        "#,
        "{}",
        "abc",
        r#"
        counts: A=2 B=0 C=1 unclassed=0
        sales: A=100 B=0 C=-5 classed=95
        c00: A | Sales = 60; Cumulative sales share before this customer 0% < 80%
        c01: A | Sales = 40; Cumulative sales share before this customer 60% < 80%
        c02: C | Sales = -5; Sales -5 <= 0
        "#,
    );
}

/// No customers: every class is empty.
#[test]
fn empty_dataset() {
    check(
        r#"
        id,sales,orders
        "#,
        "{}",
        "abc",
        r#"
        counts: A=0 B=0 C=0 unclassed=0
        sales: A=0 B=0 C=0 classed=0
        "#,
    );
}

/// The ten customers of `hand_computed_ten_customers` as an order log (c00's 400 in two
/// orders), joined with a customer master that adds a prospect: the log's roll-up gives the
/// same classes, and the prospect from the master is not classed.
#[test]
fn joined_master_and_log_give_the_same_classes() {
    check(
        (
            r#"
            Customer ID,Owner,Status
            c00,Li,closed
            c01,Li,closed
            p00,Ana,potential
            "#,
            r#"
            Customer ID,Date,Amount
            c00,2026-01-05,300
            c00,2026-02-05,100
            c01,2026-01-06,200
            c02,2026-01-07,150
            c03,2026-01-08,100
            c04,2026-01-09,50
            c05,2026-01-10,40
            c06,2026-01-11,30
            c07,2026-01-12,20
            c08,2026-01-13,5
            c09,2026-01-14,5
            "#,
        ),
        "{}",
        "abc",
        r#"
        counts: A=4 B=3 C=3 unclassed=1
        sales: A=850 B=120 C=30 classed=1000
        c00: A | Sales = 400; Cumulative sales share before this customer 0% < 80%
        c01: A | Sales = 200; Cumulative sales share before this customer 40% < 80%
        p00: -
        c02: A | Sales = 150; Cumulative sales share before this customer 60% < 80%
        c03: A | Sales = 100; Cumulative sales share before this customer 75% < 80%
        c04: B | Sales = 50; Cumulative sales share before this customer 85% >= 80% and < 95%
        c05: B | Sales = 40; Cumulative sales share before this customer 90% >= 80% and < 95%
        c06: B | Sales = 30; Cumulative sales share before this customer 94% >= 80% and < 95%
        c07: C | Sales = 20; Cumulative sales share before this customer 97% >= 95%
        c08: C | Sales = 5; Cumulative sales share before this customer 99% >= 95%
        c09: C | Sales = 5; Cumulative sales share before this customer 99.5% >= 95%
        "#,
    );
}

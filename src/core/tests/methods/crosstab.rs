//! Cross-tab of two dimensions (domain 9): the part of the `classify/crosstab.rs` fixture
//! that `check` can show. The grid itself (counts, sales and profit per cell) is not a
//! per-customer class, so it stays in `crosstab.rs`.

use crate::common::check;

/// Sales 60 30 10 (profit a tenth of sales), regions N, S, N, attitude 80, 50, 10; the
/// prospect p has no region and attitude 90.
const FIXTURE: &str = r#"
    id,sales,profit,region,attitude
    a,60,6,N,80
    b,30,3,S,50
    c,10,1,N,10
    p,0,,,90
    "#;

/// The rows of the original's first grid: ABC at 50/30 → A, B, C, and the prospect
/// unclassed ("none").
#[test]
fn fixture_abc_rows() {
    check(
        FIXTURE,
        r#"{"abc":{"a_pct":50,"b_pct":30}}"#,
        "abc",
        r#"
        counts: A=1 B=1 C=1 unclassed=1
        sales: A=60 B=30 C=10 classed=100
        profit: A=6 B=3 C=1 classed=10
        a: A | Sales = 60; Cumulative sales share before this customer 0% < 50%
        b: B | Sales = 30; Cumulative sales share before this customer 60% >= 50% and < 80%
        c: C | Sales = 10; Cumulative sales share before this customer 90% >= 80%
        p: -
        "#,
    );
}

/// A loyalty dimension with no loyalty column: the cross-tab names it.
#[test]
fn fixture_missing_dimension_is_named() {
    check(
        FIXTURE,
        r#"{"abc":{"a_pct":50,"b_pct":30},"crosstab":{"rows":"Loyalty","cols":"Abc"}}"#,
        "crosstab",
        r#"
        needs column loyalty
        "#,
    );
}

//! Class tables and what-if movement (`classify/lookup.rs`), through `check`'s header lines
//! (counts, sales, profit per class) and `check_change`.

use crate::common::{check, check_change};

/// Sales 50, 30, 10, 6, 4 (total 100); profits 10, 6, −1, none, 1; 3 orders each.
const FIVE: &str = r#"
    id,sales,profit,orders
    c1,50,10,3
    c2,30,6,3
    c3,10,-1,3
    c4,6,,3
    c5,4,1,3
    "#;

/// The same and one prospect (no sales, no orders).
const FIVE_AND_A_PROSPECT: &str = r#"
    id,sales,profit,orders
    c1,50,10,3
    c2,30,6,3
    c3,10,-1,3
    c4,6,,3
    c5,4,1,3
    p1,0,,0
    "#;

/// With the default ABC cuts (A to 80% of sales, B to 95%): A = {c1, c2} (50 + 30 = 80),
/// B = {c3, c4} (cumulative 90, 96 — c4 is the customer that crosses 95%), C = {c5}. The
/// prospect is unclassed by ABC. Per class: A 2 customers, sales 80, profit 16; B 2, 16, −1
/// (c4 has no profit); C 1, 4, 1. Classed 5, sales 100, profit 16; unclassed 1. (Shares:
/// A has 80/100 of sales and 2/5 of customers, B −1/16 of profit.)
#[test]
fn abc_table_by_hand() {
    check(
        FIVE_AND_A_PROSPECT,
        "{}",
        "abc",
        r#"
        counts: A=2 B=2 C=1 unclassed=1
        sales: A=80 B=16 C=4 classed=100
        profit: A=16 B=-1 C=1 classed=16
        c1: A | Sales = 50; Cumulative sales share before this customer 0% < 80%
        c2: A | Sales = 30; Cumulative sales share before this customer 50% < 80%
        c3: B | Sales = 10; Cumulative sales share before this customer 80% >= 80% and < 95%
        c4: B | Sales = 6; Cumulative sales share before this customer 90% >= 80% and < 95%
        c5: C | Sales = 4; Cumulative sales share before this customer 96% >= 95%
        p1: -
        "#,
    );
}

/// The prospect is classed "potential" by deal status: all six are classed.
#[test]
fn deal_table_by_hand() {
    check(
        FIVE_AND_A_PROSPECT,
        "{}",
        "deal",
        r#"
        counts: closed=5 potential=1 unclassed=0
        sales: closed=100 potential=0 classed=100
        profit: closed=16 potential=- classed=16
        c1: closed | Orders 3 >= 1; Sales = 50
        c2: closed | Orders 3 >= 1; Sales = 30
        c3: closed | Orders 3 >= 1; Sales = 10
        c4: closed | Orders 3 >= 1; Sales = 6
        c5: closed | Orders 3 >= 1; Sales = 4
        p1: potential | Orders 0 < 1; Sales = 0
        "#,
    );
}

/// No share of wallet or upcoming volume: the wallet matrix cannot run.
#[test]
fn missing_columns_are_reported() {
    check(
        r#"
        id,sales
        c1,5
        c2,3
        "#,
        "{}",
        "wallet",
        r#"
        needs column share_of_wallet
        "#,
    );
}

/// No profit anywhere: the table adds up sales and leaves profit missing, not 0 (no profit
/// line at all).
#[test]
fn missing_profit_is_not_zero() {
    check(
        r#"
        id,sales
        c1,5
        c2,3
        "#,
        "{}",
        "abc",
        r#"
        counts: A=2 B=0 C=0 unclassed=0
        sales: A=8 B=0 C=0 classed=8
        c1: A | Sales = 5; Cumulative sales share before this customer 0% < 80%
        c2: A | Sales = 3; Cumulative sales share before this customer 62.5% < 80%
        "#,
    );
}

/// Moving the A cut from 80% to 50% of sales. A customer is in A while the sales of the
/// customers before it are under the A cut, and B's width stays 15 points, so B now ends at
/// 65%. Sales before each: c1 0, c2 50, c3 80, c4 90, c5 96. So c2 goes A → B, c3 and c4 go
/// B → C: net A −1, B −1, C +2; three customers moved, with sales 30 + 10 + 6 = 46.
#[test]
fn change_counts_the_customers_that_moved() {
    check_change(
        FIVE,
        "{}",
        r#"{"abc":{"a_pct":50}}"#,
        "abc",
        r#"
        net: A=-1 B=-1 C=+2
        moved: 3 (sales 46)
        c2: A -> B
        c3: B -> C
        c4: B -> C
        "#,
    );
}

/// The same settings on both sides: nothing moves.
#[test]
fn no_change_moves_nobody() {
    check_change(
        FIVE,
        "{}",
        "{}",
        "abc",
        r#"
        net: A=+0 B=+0 C=+0
        moved: 0 (sales 0)
        "#,
    );
}

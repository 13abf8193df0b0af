//! Deal status (domain 1): fixtures from `classify/deal.rs`.

use crate::common::check;

/// (status column, sales, orders) → expected:
/// - c0: no status, 120, 3 orders → closed (orders ≥ 1);
/// - c1: no status, 0, 0 orders → potential;
/// - c2: no status, 0, no order count → potential;
/// - c3: "potential" with 50 and 1 order → potential (the column wins);
/// - c4: "closed" with no sales → closed (the column wins).
///
/// Counts closed 2, potential 3; sales closed 120, potential 50.
#[test]
fn fixture_status_from_column_or_figures() {
    check(
        r#"
        id,status,sales,orders
        c0,,120,3
        c1,,0,0
        c2,,0,
        c3,potential,50,1
        c4,closed,0,
        "#,
        "{}",
        "deal",
        r#"
        counts: closed=2 potential=3 unclassed=0
        sales: closed=120 potential=50 classed=170
        c0: closed | Orders 3 >= 1; Sales = 120
        c1: potential | Orders 0 < 1; Sales = 0
        c2: potential | Orders missing; Sales = 0
        c3: potential | The file's status column marks this customer as a potential customer; Orders = 1; Sales = 50
        c4: closed | The file's status column marks this customer as a closed deal; Sales = 0
        "#,
    );
}

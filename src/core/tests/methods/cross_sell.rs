//! Cross-selling (domain 13): fixtures from `classify/cross_sell.rs`.

use crate::common::check;

/// A customer table has no product column: cross-selling says so.
#[test]
fn needs_a_product_column() {
    check(
        r#"
        id,sales
        a,1
        "#,
        "{}",
        "cross_sell",
        r#"
        needs column product
        "#,
    );
}

//! RFM segments: fixtures computed by hand from the rule the method states.

use crate::common::check;

/// Five customers; the newest last order (2024-12-31) is the reference day.
/// Days since the last order 0, 30, 60, 213, 365; orders 10, 5, 5, 2, 1; sales 1000, 500,
/// 200, 100, 50. With n = 5 and k = 5 bins a score is 1 + ⌊5 · worse / 5⌋ = 1 + worse, where
/// worse counts the customers with strictly more days (R), fewer orders (F), lower sales (M):
/// c1 (5, 5, 5), c2 (4, 3, 4) (c2 and c3 tie on orders: 2 have fewer), c3 (3, 3, 3),
/// c4 (2, 2, 2), c5 (1, 1, 1).
/// First match in the table: c1 Champions (4–5 ×3); c2 not Champions (F 3) but Loyal
/// (R 2–5, F 3–5, M 3–5); c3 Loyal; c4 fails Loyal (F 2), Potential loyalist (R 3–5), New,
/// Promising, and is Need attention (2–3 ×3); c5 is Lost (1–2 ×3).
const FIVE: &str = r#"
    id,sales,orders,last order date
    c1,1000,10,2024-12-31
    c2,500,5,2024-12-01
    c3,200,5,2024-11-01
    c4,100,2,2024-06-01
    c5,50,1,2024-01-01
    "#;

#[test]
fn first_match_wins_by_hand() {
    check(
        FIVE,
        "{}",
        "rfm",
        r#"
    counts: champions=1 loyal=2 potential_loyalist=0 new=0 promising=0 need_attention=1 about_to_sleep=0 at_risk=0 cant_lose=0 lost=1 others=0 unclassed=0
    sales: champions=1000 loyal=700 potential_loyalist=0 new=0 promising=0 need_attention=100 about_to_sleep=0 at_risk=0 cant_lose=0 lost=50 others=0 classed=1850
    c1: champions | Days since the last order 0d <= 0d; R score = 5; Orders 10 >= 10; F score = 5; Sales 1000 >= 1000; M score = 5; R score 5 >= 4; F score 5 >= 4; M score 5 >= 4
    c2: loyal | Days since the last order 30d <= 30d; R score = 4; Orders 5 >= 5; F score = 3; Sales 500 >= 500; M score = 4; R score 4 >= 2; F score 3 >= 3; M score 4 >= 3
    c3: loyal | Days since the last order 60d <= 60d; R score = 3; Orders 5 >= 5; F score = 3; Sales 200 >= 200; M score = 3; R score 3 >= 2; F score 3 >= 3; M score 3 >= 3
    c4: need_attention | Days since the last order 213d <= 213d; R score = 2; Orders 2 >= 2; F score = 2; Sales 100 >= 100; M score = 2; R score 2 >= 2; F score 2 >= 2; M score 2 >= 2
    c5: lost | Days since the last order 365d <= 365d; R score = 1; Orders 1 >= 1; F score = 1; Sales 50 >= 50; M score = 1; R score 1 >= 1; F score 1 >= 1; M score 1 >= 1
    "#,
    );
}

/// The same scores with the last match winning (the R package's assignment in turn): c1 and
/// c2 end in Loyal (it comes after Champions and also matches), c3 in Need attention (the
/// last of Loyal, Potential loyalist, Need attention), c4 in Lost (the last of Need
/// attention, About to sleep, At risk, Lost), c5 in Lost.
#[test]
fn last_match_wins_by_hand() {
    check(
        FIVE,
        r#"{"rfm":{"last_match_wins":true}}"#,
        "rfm",
        r#"
    counts: champions=0 loyal=2 potential_loyalist=0 new=0 promising=0 need_attention=1 about_to_sleep=0 at_risk=0 cant_lose=0 lost=2 others=0 unclassed=0
    sales: champions=0 loyal=1500 potential_loyalist=0 new=0 promising=0 need_attention=200 about_to_sleep=0 at_risk=0 cant_lose=0 lost=150 others=0 classed=1850
    c1: loyal | Days since the last order 0d <= 0d; R score = 5; Orders 10 >= 10; F score = 5; Sales 1000 >= 1000; M score = 5; R score 5 >= 2; F score 5 >= 3; M score 5 >= 3
    c2: loyal | Days since the last order 30d <= 30d; R score = 4; Orders 5 >= 5; F score = 3; Sales 500 >= 500; M score = 4; R score 4 >= 2; F score 3 >= 3; M score 4 >= 3
    c3: need_attention | Days since the last order 60d <= 60d; R score = 3; Orders 5 >= 5; F score = 3; Sales 200 >= 200; M score = 3; R score 3 >= 2; F score 3 >= 2; M score 3 >= 2
    c4: lost | Days since the last order 213d <= 213d; R score = 2; Orders 2 >= 2; F score = 2; Sales 100 >= 100; M score = 2; R score 2 >= 1; F score 2 >= 1; M score 2 >= 1
    c5: lost | Days since the last order 365d <= 365d; R score = 1; Orders 1 >= 1; F score = 1; Sales 50 >= 50; M score = 1; R score 1 >= 1; F score 1 >= 1; M score 1 >= 1
    "#,
    );
}

/// Three bins: 1 + ⌊3 · worse / 5⌋ for worse 4, 3, 2, 1, 0 gives 3, 2, 2, 1, 1 (F: worse
/// 4, 2, 2, 1, 0 gives 3, 2, 2, 1, 1). The default table is written for five bins, so no one
/// reaches Champions (R 4–5): c1 (3, 3, 3) is Loyal; c2 (2, 2, 2) and c3 (2, 2, 2) Need
/// attention; c4 and c5 (1, 1, 1) Lost.
#[test]
fn three_bins_by_hand() {
    check(
        FIVE,
        r#"{"rfm":{"bins":3}}"#,
        "rfm",
        r#"
    counts: champions=0 loyal=1 potential_loyalist=0 new=0 promising=0 need_attention=2 about_to_sleep=0 at_risk=0 cant_lose=0 lost=2 others=0 unclassed=0
    sales: champions=0 loyal=1000 potential_loyalist=0 new=0 promising=0 need_attention=700 about_to_sleep=0 at_risk=0 cant_lose=0 lost=150 others=0 classed=1850
    c1: loyal | Days since the last order 0d <= 0d; R score = 3; Orders 10 >= 10; F score = 3; Sales 1000 >= 1000; M score = 3; R score 3 >= 2; F score 3 >= 3; M score 3 >= 3
    c2: need_attention | Days since the last order 30d <= 60d; R score = 2; Orders 5 >= 5; F score = 2; Sales 500 >= 200; M score = 2; R score 2 >= 2; F score 2 >= 2; M score 2 >= 2
    c3: need_attention | Days since the last order 60d <= 60d; R score = 2; Orders 5 >= 5; F score = 2; Sales 200 >= 200; M score = 2; R score 2 >= 2; F score 2 >= 2; M score 2 >= 2
    c4: lost | Days since the last order 213d <= 365d; R score = 1; Orders 2 >= 1; F score = 1; Sales 100 >= 50; M score = 1; R score 1 >= 1; F score 1 >= 1; M score 1 >= 1
    c5: lost | Days since the last order 365d <= 365d; R score = 1; Orders 1 >= 1; F score = 1; Sales 50 >= 50; M score = 1; R score 1 >= 1; F score 1 >= 1; M score 1 >= 1
    "#,
    );
}

/// Custom cut points: R cuts [400, 300, 100, 45], sorted to
/// [45, 100, 300, 400]: a customer scores 1 + the cut points its days are below. c1 0 d → 5,
/// c2 30 d → 5, c3 60 d → 4, c4 213 d → 3, c5 365 d → 2. F cuts [2, 5, 8, 10]: 1 + cuts
/// reached: c1 10 → 5, c2 5 → 3, c3 5 → 3, c4 2 → 2, c5 1 → 1. M by the rule (5, 4, 3, 2, 1).
/// Segments: c1 Champions; c2 (5, 3, 4) Loyal; c3 (4, 3, 3) Loyal; c4 (3, 2, 2) Potential
/// loyalist (R 3–5, F 1–3, M 1–3, before Need attention in the table); c5 (2, 1, 1) About to
/// sleep (R 2–3, F 1–2, M 1–2, before Lost).
#[test]
fn custom_cut_points_by_hand() {
    check(
        FIVE,
        r#"{"rfm":{"r_cuts":[400,300,100,45],"f_cuts":[2,5,8,10]}}"#,
        "rfm",
        r#"
        counts: champions=1 loyal=2 potential_loyalist=1 new=0 promising=0 need_attention=0 about_to_sleep=1 at_risk=0 cant_lose=0 lost=0 others=0 unclassed=0
        sales: champions=1000 loyal=700 potential_loyalist=100 new=0 promising=0 need_attention=0 about_to_sleep=50 at_risk=0 cant_lose=0 lost=0 others=0 classed=1850
        c1: champions | Days since the last order 0d < 45d; R score = 5; Orders 10 >= 10; F score = 5; Sales 1000 >= 1000; M score = 5; R score 5 >= 4; F score 5 >= 4; M score 5 >= 4
        c2: loyal | Days since the last order 30d < 45d; R score = 5; Orders 5 >= 5; F score = 3; Sales 500 >= 500; M score = 4; R score 5 >= 2; F score 3 >= 3; M score 4 >= 3
        c3: loyal | Days since the last order 60d < 100d; R score = 4; Orders 5 >= 5; F score = 3; Sales 200 >= 200; M score = 3; R score 4 >= 2; F score 3 >= 3; M score 3 >= 3
        c4: potential_loyalist | Days since the last order 213d < 300d; R score = 3; Orders 2 >= 2; F score = 2; Sales 100 >= 100; M score = 2; R score 3 >= 3; F score 2 >= 1; M score 2 >= 1
        c5: about_to_sleep | Days since the last order 365d < 400d; R score = 2; Orders = 1; F score = 1; Sales 50 >= 50; M score = 1; R score 2 >= 2; F score 1 >= 1; M score 1 >= 1
        "#,
    );
}

/// A table with segments of the user's own (issue 18): `own_1` takes M 4–5 whatever R and
/// F, `lost` stays, `own_2` takes M 1–2 whatever R and F. The scores are those of
/// [`first_match_wins_by_hand`]: c1 (5, 5, 5), c2 (4, 3, 4), c3 (3, 3, 3), c4 (2, 2, 2),
/// c5 (1, 1, 1). First match: c1 and c2 are own_1 (M 5 and 4); c3 (M 3, R 3) matches no
/// row and is in Others; c4 and c5 are Lost (own_2 also matches them, but comes later).
/// Only the own segments in the table are listed (own_1 and own_2, not own_3 … own_5); the
/// built-in ones are, at 0, as a removed built-in segment is.
const OWN_TABLE: &str = r#"[
    {"segment":"own_1","name":"Big baskets","r":[1,5],"f":[1,5],"m":[4,5]},
    {"segment":"lost","r":[1,2],"f":[1,2],"m":[1,2]},
    {"segment":"own_2","r":[1,5],"f":[1,5],"m":[1,2]}]"#;

#[test]
fn own_segments_first_match_by_hand() {
    check(
        FIVE,
        &format!(r#"{{"rfm":{{"segments":{OWN_TABLE}}}}}"#),
        "rfm",
        r#"
        counts: champions=0 loyal=0 potential_loyalist=0 new=0 promising=0 need_attention=0 about_to_sleep=0 at_risk=0 cant_lose=0 lost=2 own_1=2 own_2=0 others=1 unclassed=0
        sales: champions=0 loyal=0 potential_loyalist=0 new=0 promising=0 need_attention=0 about_to_sleep=0 at_risk=0 cant_lose=0 lost=150 own_1=1500 own_2=0 others=200 classed=1850
        c1: own_1 | Days since the last order 0d <= 0d; R score = 5; Orders 10 >= 10; F score = 5; Sales 1000 >= 1000; M score = 5; R score 5 >= 1; F score 5 >= 1; M score 5 >= 4
        c2: own_1 | Days since the last order 30d <= 30d; R score = 4; Orders 5 >= 5; F score = 3; Sales 500 >= 500; M score = 4; R score 4 >= 1; F score 3 >= 1; M score 4 >= 4
        c3: others | Days since the last order 60d <= 60d; R score = 3; Orders 5 >= 5; F score = 3; Sales 200 >= 200; M score = 3
        c4: lost | Days since the last order 213d <= 213d; R score = 2; Orders 2 >= 2; F score = 2; Sales 100 >= 100; M score = 2; R score 2 >= 1; F score 2 >= 1; M score 2 >= 1
        c5: lost | Days since the last order 365d <= 365d; R score = 1; Orders 1 >= 1; F score = 1; Sales 50 >= 50; M score = 1; R score 1 >= 1; F score 1 >= 1; M score 1 >= 1
        "#,
    );
}

/// The same table with the last match winning: c4 and c5 match Lost, then own_2, which
/// stays; c1, c2 (own_1 only) and c3 (no row) are as with the first match.
#[test]
fn own_segments_last_match_by_hand() {
    check(
        FIVE,
        &format!(r#"{{"rfm":{{"last_match_wins":true,"segments":{OWN_TABLE}}}}}"#),
        "rfm",
        r#"
        counts: champions=0 loyal=0 potential_loyalist=0 new=0 promising=0 need_attention=0 about_to_sleep=0 at_risk=0 cant_lose=0 lost=0 own_1=2 own_2=2 others=1 unclassed=0
        sales: champions=0 loyal=0 potential_loyalist=0 new=0 promising=0 need_attention=0 about_to_sleep=0 at_risk=0 cant_lose=0 lost=0 own_1=1500 own_2=150 others=200 classed=1850
        c1: own_1 | Days since the last order 0d <= 0d; R score = 5; Orders 10 >= 10; F score = 5; Sales 1000 >= 1000; M score = 5; R score 5 >= 1; F score 5 >= 1; M score 5 >= 4
        c2: own_1 | Days since the last order 30d <= 30d; R score = 4; Orders 5 >= 5; F score = 3; Sales 500 >= 500; M score = 4; R score 4 >= 1; F score 3 >= 1; M score 4 >= 4
        c3: others | Days since the last order 60d <= 60d; R score = 3; Orders 5 >= 5; F score = 3; Sales 200 >= 200; M score = 3
        c4: own_2 | Days since the last order 213d <= 213d; R score = 2; Orders 2 >= 2; F score = 2; Sales 100 >= 100; M score = 2; R score 2 >= 1; F score 2 >= 1; M score 2 >= 1
        c5: own_2 | Days since the last order 365d <= 365d; R score = 1; Orders 1 >= 1; F score = 1; Sales 50 >= 50; M score = 1; R score 1 >= 1; F score 1 >= 1; M score 1 >= 1
        "#,
    );
}

/// A customer table without order counts cannot be scored: the method names the column.
#[test]
fn needs_order_counts() {
    check(
        r#"
        id,sales,last order date
        a,10,2024-01-01
        "#,
        "{}",
        "rfm",
        r#"
        needs column orders
        "#,
    );
}

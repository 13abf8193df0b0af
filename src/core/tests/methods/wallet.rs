//! Share of wallet × upcoming volume (domain 6): fixtures from `classify/wallet.rs`.

use crate::common::check;

const FIXTURE: &str = r#"
    id,sales,share of wallet,upcoming volume
    c0,10,0.8,500
    c1,10,0.5,300
    c2,10,0.2,400
    c3,10,0.6,100
    c4,10,0.1,200
    c5,10,,9000
    c6,10,0.9,
    "#;

/// (share, volume) → quadrant; sales 10 each. Volumes 100 200 300 400 500 (c5's 9000 has no
/// share, so it is left out): median 300. Share split 50%.
/// c0 80% 500 → keep close; c1 50% 300 → keep close (both lines inclusive); c2 20% 400 →
/// develop; c3 60% 100 → maintain; c4 10% 200 → acquire or abandon; c5 (no share) and c6
/// (no volume) unclassed. Counts 2, 1, 1, 1; unclassed 2.
#[test]
fn fixture_median_split() {
    check(
        FIXTURE,
        "{}",
        "wallet",
        r#"
        counts: keep_close=2 develop=1 maintain=1 acquire_or_abandon=1 unclassed=2
        sales: keep_close=20 develop=10 maintain=10 acquire_or_abandon=10 classed=50
        c0: keep_close | Share of wallet 80% >= 50%; Upcoming volume 500 >= 300
        c1: keep_close | Share of wallet 50% >= 50%; Upcoming volume 300 >= 300
        c2: develop | Share of wallet 20% < 50%; Upcoming volume 400 >= 300
        c3: maintain | Share of wallet 60% >= 50%; Upcoming volume 100 < 300
        c4: acquire_or_abandon | Share of wallet 10% < 50%; Upcoming volume 200 < 300
        c5: - | Share of wallet missing
        c6: - | Upcoming volume missing
        "#,
    );
}

/// Moving the volume line to an absolute 450 leaves only c0 big: keep close 1, develop 0,
/// maintain 2 (c1, c3), acquire or abandon 2 (c2, c4).
#[test]
fn fixture_absolute_volume_line() {
    check(
        FIXTURE,
        r#"{"wallet":{"volume_cut":"Absolute","volume_amount":450}}"#,
        "wallet",
        r#"
        counts: keep_close=1 develop=0 maintain=2 acquire_or_abandon=2 unclassed=2
        sales: keep_close=10 develop=0 maintain=20 acquire_or_abandon=20 classed=50
        c0: keep_close | Share of wallet 80% >= 50%; Upcoming volume 500 >= 450
        c1: maintain | Share of wallet 50% >= 50%; Upcoming volume 300 < 450
        c2: acquire_or_abandon | Share of wallet 20% < 50%; Upcoming volume 400 < 450
        c3: maintain | Share of wallet 60% >= 50%; Upcoming volume 100 < 450
        c4: acquire_or_abandon | Share of wallet 10% < 50%; Upcoming volume 200 < 450
        c5: - | Share of wallet missing
        c6: - | Upcoming volume missing
        "#,
    );
}

#[test]
fn missing_column_is_named() {
    check(
        r#"
        id,upcoming volume
        a,1
        "#,
        "{}",
        "wallet",
        r#"
        needs column share_of_wallet
        "#,
    );
}

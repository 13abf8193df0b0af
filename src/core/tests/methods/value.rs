//! Value classes MVC / MGC / BZC (domain 4): fixtures from `classify/value.rs`.

use crate::common::check;

/// (id, profit, growth), every customer with sales 1000 and 3 orders.
const ROWS: &str = r#"
    id,sales,orders,profit,growth
    a,1000,3,500,0.05
    b,1000,3,400,0.50
    c,1000,3,300,0.40
    d,1000,3,200,0.30
    e,1000,3,100,-0.20
    f,1000,3,50,0.01
    g,1000,3,0,0.90
    k,1000,3,-30,0.00
    m,1000,3,,0.80
    n,1000,3,20,
    "#;

/// MVC 20%, MGC 40%, "k" kept on purpose although below zero (listed in `kept_bzc`, as
/// settings of earlier versions did, with no reason given).
/// Profit ranks (9 with profit): a b c d e f n g k; MVC 20% of 9 = 1.8 → ranks 0, 1: a, b.
/// BZC: profit ≤ 0 → g, and k, kept (class bzc_kept).
/// Growth ranks (9 with growth): g .90, m .80, b .50, c .40, d .30, a .05, f .01, k 0,
/// e −.20; MGC 40% of 9 = 3.6 → ranks 0..=3: g (BZC), m (no profit), b (MVC), c → MGC.
/// d is rank 4, outside: Ordinary at 40%. m has no profit: unclassed.
/// Counts MVC 2, MGC 1, ordinary 4 (d e f n), kept BZC 1, BZC 1; profit 900, 300,
/// 200 + 100 + 50 + 20 = 370, −30, 0. MGC is on the growth rate (the reasons show growth).
#[test]
fn fixture_by_hand_mgc_40() {
    check(
        ROWS,
        r#"{"value":{"mgc_pct":40,"kept_bzc":["k"]}}"#,
        "value",
        r#"
        counts: mvc=2 mgc=1 ordinary=4 bzc_kept=1 bzc=1 unclassed=1
        sales: mvc=2000 mgc=1000 ordinary=4000 bzc_kept=1000 bzc=1000 classed=9000
        profit: mvc=900 mgc=300 ordinary=370 bzc_kept=-30 bzc=0 classed=1540
        a: mvc | Profit 500 > 0; Customers ranked above (share) 0% < 20%
        b: mvc | Profit 400 > 0; Customers ranked above (share) 11.1111% < 20%
        c: mgc | Profit 300 > 0; Customers ranked above (share) 22.2222% >= 20%; Growth = 40%; Customers ranked above (share) 33.3333% < 40%
        d: ordinary | Profit 200 > 0; Customers ranked above (share) 33.3333% >= 20%; Growth = 30%; Customers ranked above (share) 44.4444% >= 40%
        e: ordinary | Profit 100 > 0; Customers ranked above (share) 44.4444% >= 20%; Growth = -20%; Customers ranked above (share) 88.8889% >= 40%
        f: ordinary | Profit 50 > 0; Customers ranked above (share) 55.5556% >= 20%; Growth = 1%; Customers ranked above (share) 66.6667% >= 40%
        g: bzc | Profit 0 <= 0
        k: bzc_kept | Profit -30 <= 0; Pinned as an exception, kept although below zero: ""
        m: - | Profit missing
        n: ordinary | Profit 20 > 0; Customers ranked above (share) 66.6667% >= 20%; Growth missing
        "#,
    );
}

/// With MGC 50%: 4.5 → ranks 0..=4 → c and d. g: profit 0 ≤ 0 → BZC. "k" is pinned by a
/// pin record alone (no `kept_bzc` list, as a hand-written settings file may say it), with a
/// reason, which its explanation gives.
#[test]
fn fixture_by_hand_mgc_50() {
    check(
        ROWS,
        r#"{"value":{"mgc_pct":50},"pins":[{"id":"k","kind":"bzc","reason":"draws traffic to the stand"}]}"#,
        "value",
        r#"
        counts: mvc=2 mgc=2 ordinary=3 bzc_kept=1 bzc=1 unclassed=1
        sales: mvc=2000 mgc=2000 ordinary=3000 bzc_kept=1000 bzc=1000 classed=9000
        profit: mvc=900 mgc=500 ordinary=170 bzc_kept=-30 bzc=0 classed=1540
        a: mvc | Profit 500 > 0; Customers ranked above (share) 0% < 20%
        b: mvc | Profit 400 > 0; Customers ranked above (share) 11.1111% < 20%
        c: mgc | Profit 300 > 0; Customers ranked above (share) 22.2222% >= 20%; Growth = 40%; Customers ranked above (share) 33.3333% < 50%
        d: mgc | Profit 200 > 0; Customers ranked above (share) 33.3333% >= 20%; Growth = 30%; Customers ranked above (share) 44.4444% < 50%
        e: ordinary | Profit 100 > 0; Customers ranked above (share) 44.4444% >= 20%; Growth = -20%; Customers ranked above (share) 88.8889% >= 50%
        f: ordinary | Profit 50 > 0; Customers ranked above (share) 55.5556% >= 20%; Growth = 1%; Customers ranked above (share) 66.6667% >= 50%
        g: bzc | Profit 0 <= 0
        k: bzc_kept | Profit -30 <= 0; Pinned as an exception, kept although below zero: "draws traffic to the stand"
        m: - | Profit missing
        n: ordinary | Profit 20 > 0; Customers ranked above (share) 66.6667% >= 20%; Growth missing
        "#,
    );
}

#[test]
fn needs_profit() {
    check(
        r#"
        id,sales
        x,1
        "#,
        "{}",
        "value",
        r#"
        needs column profit
        "#,
    );
}

/// MGC on the wallet gap, chosen explicitly, needs the share of wallet.
#[test]
fn an_explicit_growth_measure_needs_its_column() {
    check(
        ROWS,
        r#"{"value":{"mgc_measure":"WalletGap"}}"#,
        "value",
        r#"
        needs column share_of_wallet
        "#,
    );
}

/// No growth column: MGC on the wallet gap = (1 − share) × volume: w 0.5 × 10 = 5,
/// x 0.5 × 1000 = 500, y 0.9 × 100 = 90, z 0 × 500 = 0.
/// MVC 25% of 4 = 1 → w. Gap ranks: x 500, y 90, w 5, z 0; MGC 50% → x, y. z ordinary.
#[test]
fn wallet_gap_drives_mgc_when_there_is_no_growth() {
    check(
        r#"
        id,sales,profit,share of wallet,upcoming volume
        w,10,900,0.5,10
        x,10,100,0.5,1000
        y,10,90,0.1,100
        z,10,80,1.0,500
        "#,
        r#"{"value":{"mvc_pct":25,"mgc_pct":50}}"#,
        "value",
        r#"
        counts: mvc=1 mgc=2 ordinary=1 bzc_kept=0 bzc=0 unclassed=0
        sales: mvc=10 mgc=20 ordinary=10 bzc_kept=0 bzc=0 classed=40
        profit: mvc=900 mgc=190 ordinary=80 bzc_kept=- bzc=- classed=1170
        w: mvc | Profit 900 > 0; Customers ranked above (share) 0% < 25%
        x: mgc | Profit 100 > 0; Customers ranked above (share) 25% >= 25%; Wallet gap × upcoming volume = 500; Customers ranked above (share) 0% < 50%
        y: mgc | Profit 90 > 0; Customers ranked above (share) 50% >= 25%; Wallet gap × upcoming volume = 90; Customers ranked above (share) 25% < 50%
        z: ordinary | Profit 80 > 0; Customers ranked above (share) 75% >= 25%; Wallet gap × upcoming volume = 0; Customers ranked above (share) 75% >= 50%
        "#,
    );
}

//! Risk watch (domain 12): fixtures from `classify/risk.rs`.

use crate::common::check;

/// (id, sales, profit, overdue amount, days late, growth, credit), 2 orders each:
/// - a: big (VIP) with profit −50 → big but below zero;
/// - b: overdue 2000 > 0, 45 days late > 30, growth −30% < −10%, credit 35 < 40 → 4 flags;
/// - c: clean;
/// - d: overdue 10 > 0;
/// - e: 31 days late > 30 → slow payment; profit −5 but Small, so not "big but below zero".
///
/// Tiers 20/20/30 of 5: a VIP, b Large, c and d Medium (ranks 2, 3 < 3.5), e Small.
/// Flag counts: overdue 2, slow 2, declining 1, weak credit 1, failing 0, big BZC 1;
/// 4 customers flagged, c unflagged.
#[test]
fn fixture_flags() {
    check(
        r#"
        id,sales,orders,profit,overdue amount,avg days late,growth,credit rating
        a,1000,2,-50,,5,0.10,90
        b,800,2,100,2000,45,-0.30,35
        c,600,2,80,,10,0.00,
        d,400,2,60,10,,,
        e,200,2,-5,,31,-0.05,50
        "#,
        r#"{"tiers":{"vip_pct":20,"large_pct":20,"medium_pct":30},"risk":{"top_n":2}}"#,
        "risk",
        r#"
        counts: overdue=2 slow_payment=2 declining=1 weak_credit=1 failing_business=0 bzc_big=1 lapsing=0 unclassed=1
        sales: overdue=1200 slow_payment=1000 declining=800 weak_credit=800 failing_business=0 bzc_big=1000 lapsing=0 classed=2400
        profit: overdue=160 slow_payment=95 declining=100 weak_credit=100 failing_business=- bzc_big=-50 lapsing=- classed=105
        a: - +bzc_big | Among the biggest customers (VIP or Large) = 1; Profit -50 <= 0
        b: - +overdue +slow_payment +declining +weak_credit | Overdue amount 2000 > 0; Average days late 45d > 30d; Growth -30% < -10%; Credit rating 35 < 40
        c: -
        d: - +overdue | Overdue amount 10 > 0
        e: - +slow_payment | Average days late 31d > 30d
        "#,
    );
}

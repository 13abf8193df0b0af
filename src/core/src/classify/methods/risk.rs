//! Method 12: Risk watch (抓两头, "watch both ends"): the biggest customers and the riskiest.
//!
//! Flags, each raised only from figures the customer has:
//! - overdue: overdue amount above `overdue_amount`, or overdue days above `overdue_days`;
//! - slow payment: average days late above `late_days`, or on-time share below
//!   `on_time_min_pct` (the data holds one payment figure per customer, not a trend, so
//!   "worsening payment" is read as payment that is currently slow);
//! - declining: growth below `decline_pct`;
//! - weak credit: credit rating below `credit_min`;
//! - failing business: financial status below `financial_min`;
//! - BZC among big customers: a VIP or Large customer with profit at or below the BZC line.
//!
//! Both ends: `biggest` is the top `top_n` by sales with their flags; `riskiest` the top
//! `top_n` flagged customers, by number of flags, then overdue amount, then sales.

use super::clv::{Clv, ClvClass, ClvResult};
use super::tiers::Tiers;
use super::tiers::{Tier, TierResult};
use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{Explained, Inputs, MethodDef};
use crate::classify::prepared::Prepared;
use crate::classify::Class;
use crate::i18n::Tr;
use crate::import::Field;
use crate::settings::RiskSettings;
use crate::settings::Settings;
use std::cmp::Ordering;

// The strategies of its flags.
strategy!(
    RISK_OVERDUE,
    "risk.overdue",
    Tr::new("Overdue", "逾期", "Vencido"),
    [Tr::new(
        "Collect now; hold new deliveries until paid",
        "立即催收，回款前暂停发货",
        "Cobrar ya; retener entregas hasta el pago"
    ),]
);
strategy!(
    RISK_SLOW,
    "risk.slow_payment",
    Tr::new("Slow payment", "回款变慢", "Pago lento"),
    [Tr::new(
        "Tighten terms and shorten credit",
        "收紧条款，缩短账期",
        "Endurecer condiciones y acortar el crédito"
    ),]
);
strategy!(
    RISK_DECLINE,
    "risk.declining",
    Tr::new("Declining purchases", "采购下降", "Compras en descenso"),
    [Tr::new(
        "Visit to find the cause; counter competitors",
        "拜访查明原因，应对竞争",
        "Visitar para conocer la causa; responder a la competencia"
    ),]
);
strategy!(
    RISK_CREDIT,
    "risk.weak_credit",
    Tr::new("Weak credit", "信用下降", "Crédito débil"),
    [Tr::new(
        "Lower the credit limit; ask for guarantees",
        "降低信用额度，要求担保",
        "Reducir el límite de crédito; pedir garantías"
    ),]
);
strategy!(
    RISK_FAILING,
    "risk.failing_business",
    Tr::new("Failing business", "经营不善", "Negocio en dificultades"),
    [Tr::new(
        "Prepayment only; watch for insolvency",
        "仅接受预付款，警惕破产",
        "Solo pago anticipado; vigilar la insolvencia"
    ),]
);
strategy!(
    RISK_BZC_BIG,
    "risk.bzc_big",
    Tr::new(
        "Big but below zero",
        "大客户但利润为负",
        "Grande pero con beneficio negativo"
    ),
    [Tr::new(
        "Renegotiate prices and the cost to serve",
        "重新谈判价格与服务成本",
        "Renegociar precios y coste de servicio"
    ),]
);

strategy!(
    RISK_LAPSING,
    "risk.lapsing",
    Tr::new(
        "Lapsing: the model says they are slipping away",
        "正在流失：模型显示其可能已不再购买",
        "Alejándose: el modelo indica que se están yendo"
    ),
    [Tr::new(
        "Call before the next expected order date passes",
        "在下一个预计下单日期前主动联系",
        "Llame antes de que pase la fecha del próximo pedido esperado"
    ),]
);

class_enum! {
    RiskFlag {
        Overdue => "overdue", Tr::new("Overdue", "逾期", "Vencido"), RISK_OVERDUE;
        SlowPayment => "slow_payment", Tr::new("Slow payment", "回款慢", "Pago lento"), RISK_SLOW;
        Declining => "declining", Tr::new("Declining", "采购下降", "En descenso"), RISK_DECLINE;
        WeakCredit => "weak_credit", Tr::new("Weak credit", "信用弱", "Crédito débil"), RISK_CREDIT;
        Failing => "failing_business", Tr::new("Failing business", "经营不善", "Negocio en dificultades"), RISK_FAILING;
        BzcBig => "bzc_big", Tr::new("Big but below zero", "大客户但利润为负", "Grande con beneficio negativo"), RISK_BZC_BIG;
        Lapsing => "lapsing", Tr::new("Lapsing (lifetime value model)", "正在流失（终身价值模型）", "Alejándose (modelo de valor de vida)"), RISK_LAPSING;
    }
}

impl RiskFlag {
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The columns a flag is computed from (any of them).
    pub fn fields(self) -> &'static [Field] {
        match self {
            RiskFlag::Overdue => &[Field::OverdueAmount, Field::OverdueDays],
            RiskFlag::SlowPayment => &[Field::AvgDaysLate, Field::OnTimeShare],
            RiskFlag::Declining => &[Field::Growth],
            RiskFlag::WeakCredit => &[Field::CreditRating],
            RiskFlag::Failing => &[Field::FinancialStatus],
            RiskFlag::BzcBig => &[Field::Profit],
            RiskFlag::Lapsing => &[Field::Date],
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RiskResult {
    /// Per customer, a bit set of [`RiskFlag::bit`].
    pub flags: Vec<u8>,
    pub flag_counts: [usize; 7],
    pub flagged: usize,
    /// Flags the data allows to watch, and those it does not (their columns are missing).
    pub watched: Vec<RiskFlag>,
    pub not_watched: Vec<RiskFlag>,
    /// The top `top_n` existing customers by sales.
    pub biggest: Vec<u32>,
    /// The top `top_n` flagged customers.
    pub riskiest: Vec<u32>,
}

impl RiskResult {
    pub fn has(&self, i: usize, f: RiskFlag) -> bool {
        self.flags.get(i).is_some_and(|b| b & f.bit() != 0)
    }

    pub fn flags_of(&self, i: usize) -> Vec<RiskFlag> {
        <RiskFlag as crate::classify::Class>::ALL
            .iter()
            .copied()
            .filter(|&f| self.has(i, f))
            .collect()
    }
}

/// `tiers` says who is big (VIP or Large); `bzc_line` is the value classes' BZC profit line;
/// `clv` says who is lapsing (P(alive) below the CLV method's lapsing threshold).
pub fn classify(
    p: &Prepared,
    s: &RiskSettings,
    tiers: Option<&TierResult>,
    bzc_line: f64,
    clv: Option<&ClvResult>,
) -> RiskResult {
    let s = s.clone().normalized();
    let n = p.ds.len();
    let mut out = RiskResult {
        flags: Vec::with_capacity(n),
        ..Default::default()
    };
    watched(p, &mut out, tiers.is_some(), clv.is_some());
    let ix = &p.index;
    let (f, col) = (ix.flags(), &ix.col);
    // Each threshold selects a run of a column sorted once per dataset.
    let mut flags = vec![0u8; n];
    let mut mark = |idx: &[u32], flag: RiskFlag| {
        for &i in idx {
            flags[i as usize] |= flag.bit();
        }
    };
    mark(f.overdue_amount.gt(s.overdue_amount), RiskFlag::Overdue);
    mark(f.overdue_days.gt(s.overdue_days), RiskFlag::Overdue);
    mark(f.days_late.gt(s.late_days), RiskFlag::SlowPayment);
    mark(f.on_time_pct.lt(s.on_time_min_pct), RiskFlag::SlowPayment);
    mark(f.growth_pct.lt(s.decline_pct), RiskFlag::Declining);
    mark(f.credit.lt(s.credit_min), RiskFlag::WeakCredit);
    mark(f.financial.lt(s.financial_min), RiskFlag::Failing);
    mark_big(&mut flags, col, tiers, bzc_line);
    mark_lapsing(&mut flags, clv);
    summarize(p, &s, &mut out, flags);
    out
}

/// Sets the "lapsing" flag from the CLV classes (clearing it first): a repeat buyer whose
/// probability of still being active is below the lapsing threshold (lapsing or lost).
fn mark_lapsing(flags: &mut [u8], clv: Option<&ClvResult>) {
    let bit = RiskFlag::Lapsing.bit();
    flags.iter_mut().for_each(|f| *f &= !bit);
    let Some(r) = clv else { return };
    for (f, c) in flags.iter_mut().zip(&r.class) {
        if matches!(c, Some(ClvClass::Lapsing | ClvClass::Lost)) {
            *f |= bit;
        }
    }
}

/// Which flags the data allows to watch.
fn watched(p: &Prepared, out: &mut RiskResult, have_tiers: bool, have_clv: bool) {
    out.watched.clear();
    out.not_watched.clear();
    for flag in <RiskFlag as crate::classify::Class>::ALL {
        let ok = match flag {
            // From the order log, through the CLV models: watched when they are fitted.
            RiskFlag::Lapsing => have_clv,
            RiskFlag::BzcBig => have_tiers && flag.fields().iter().any(|&f| p.has(f)),
            _ => flag.fields().iter().any(|&f| p.has(f)),
        };
        if ok {
            out.watched.push(*flag);
        } else {
            out.not_watched.push(*flag);
        }
    }
}

/// Sets the "big but below zero" flag from the tiers (clearing it first).
fn mark_big(
    flags: &mut [u8],
    col: &crate::classify::prepared::Columns,
    tiers: Option<&TierResult>,
    bzc_line: f64,
) {
    let bit = RiskFlag::BzcBig.bit();
    let Some(t) = tiers else {
        flags.iter_mut().for_each(|f| *f &= !bit);
        return;
    };
    for ((f, tier), &profit) in flags.iter_mut().zip(&t.tier).zip(&col.profit) {
        // `&`, not `&&`: no branch on the random order of tiers.
        let big = matches!(tier, Some(Tier::Vip | Tier::Large));
        *f = (*f & !bit) | (u8::from(big & (profit <= bzc_line)) * bit);
    }
}

/// After the value tiers or the CLV classes changed and nothing else: only the "big but
/// below zero" and "lapsing" flags move.
pub fn refresh_big(
    p: &Prepared,
    s: &RiskSettings,
    r: &mut RiskResult,
    tiers: Option<&TierResult>,
    bzc_line: f64,
    clv: Option<&ClvResult>,
) {
    let s = s.clone().normalized();
    let mut flags = std::mem::take(&mut r.flags);
    watched(p, r, tiers.is_some(), clv.is_some());
    mark_big(&mut flags, &p.index.col, tiers, bzc_line);
    mark_lapsing(&mut flags, clv);
    r.flag_counts = [0; 7];
    summarize(p, &s, r, flags);
}

/// Counts per flag, the riskiest and the biggest, from the flags.
fn summarize(p: &Prepared, s: &RiskSettings, out: &mut RiskResult, flags: Vec<u8>) {
    let n = flags.len();
    let top = s.top_n as usize;
    let ix = &p.index;
    let col = &ix.col;
    // How many customers carry each combination of flags (four lanes), then the counts per
    // flag and per number of flags.
    let mut hist = [[0usize; 128]; 4];
    for (i, &fl) in flags.iter().enumerate() {
        hist[i & 3][usize::from(fl & 127)] += 1;
    }
    let mut by_level = [0usize; 8];
    for combo in 0..128usize {
        let count: usize = hist.iter().map(|h| h[combo]).sum();
        by_level[combo.count_ones() as usize] += count;
        for (k, c) in out.flag_counts.iter_mut().enumerate() {
            if combo & (1 << k) != 0 {
                *c += count;
            }
        }
    }
    out.flagged = n - by_level[0];
    // The riskiest: only customers with at least as many flags as the `top`-th one compete.
    let mut level = 7;
    let mut above = by_level[7];
    while level > 1 && above < top {
        level -= 1;
        above += by_level[level];
    }
    type Key = (u32, f64, f64, u32, u32);
    let cmp = |a: &Key, b: &Key| -> Ordering {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(b.2.total_cmp(&a.2))
            .then(a.3.cmp(&b.3))
    };
    let mut best: Vec<Key> = Vec::with_capacity(top + 1);
    for (i, &fl) in flags.iter().enumerate() {
        let count = fl.count_ones();
        if count < level as u32 || fl == 0 {
            continue;
        }
        let overdue = col.overdue_amount[i];
        let key = (
            count,
            if overdue.is_finite() { overdue } else { 0.0 },
            col.sales[i],
            ix.id_rank[i],
            i as u32,
        );
        if best.len() == top && best.last().is_some_and(|w| cmp(&key, w) != Ordering::Less) {
            continue;
        }
        let at = best.partition_point(|x| cmp(x, &key) == Ordering::Less);
        best.insert(at, key);
        best.truncate(top);
    }
    out.riskiest = best.into_iter().map(|t| t.4).collect();
    out.biggest = p.ds.existing_by_sales.iter().take(top).copied().collect();
    out.flags = flags;
}

/// Each flag of customer `i` with the figure and threshold that raised it.
pub fn explain(
    p: &Prepared,
    s: &RiskSettings,
    r: &RiskResult,
    bzc_line: f64,
    i: usize,
) -> Vec<Reason> {
    let s = s.clone().normalized();
    let Some(c) = p.ds.customers.get(i) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if r.has(i, RiskFlag::Overdue) {
        if let Some(a) = c.attrs().overdue_amount.filter(|&a| a > s.overdue_amount) {
            out.push(Reason::with(
                what::OVERDUE_AMOUNT,
                a,
                Cmp::Gt,
                s.overdue_amount,
                Unit::Money,
            ));
        }
        if let Some(d) = c.attrs().overdue_days.filter(|&d| d > s.overdue_days) {
            out.push(Reason::with(
                what::OVERDUE_DAYS,
                d,
                Cmp::Gt,
                s.overdue_days,
                Unit::Days,
            ));
        }
    }
    if r.has(i, RiskFlag::SlowPayment) {
        if let Some(d) = c.attrs().avg_days_late.filter(|&d| d > s.late_days) {
            out.push(Reason::with(
                what::DAYS_LATE,
                d,
                Cmp::Gt,
                s.late_days,
                Unit::Days,
            ));
        }
        if let Some(o) = c
            .attrs()
            .on_time_share
            .filter(|&o| o * 100.0 < s.on_time_min_pct)
        {
            out.push(Reason::with(
                what::ON_TIME,
                o * 100.0,
                Cmp::Lt,
                s.on_time_min_pct,
                Unit::Percent,
            ));
        }
    }
    if r.has(i, RiskFlag::Declining) {
        out.push(Reason::with(
            what::GROWTH,
            c.growth.unwrap_or(f64::NAN) * 100.0,
            Cmp::Lt,
            s.decline_pct,
            Unit::Percent,
        ));
    }
    if r.has(i, RiskFlag::WeakCredit) {
        out.push(Reason::with(
            what::CREDIT_RATING,
            c.attrs().credit_rating.unwrap_or(f64::NAN),
            Cmp::Lt,
            s.credit_min,
            Unit::Points,
        ));
    }
    if r.has(i, RiskFlag::Failing) {
        out.push(Reason::with(
            what::FINANCIAL,
            c.attrs().financial_status.unwrap_or(f64::NAN),
            Cmp::Lt,
            s.financial_min,
            Unit::Points,
        ));
    }
    if r.has(i, RiskFlag::BzcBig) {
        out.push(Reason::info(what::BIG_CUSTOMER, 1.0, Unit::Count));
        out.push(Reason::with(
            what::PROFIT,
            c.profit.unwrap_or(f64::NAN),
            Cmp::Le,
            bzc_line,
            Unit::Money,
        ));
    }
    out
}

/// The per-customer rules, the reference for the sorted-column version.
/// The CLV classes, when the models could be fitted.
fn clv_of<'a>(inputs: &Inputs<'a>) -> Option<&'a ClvResult> {
    inputs
        .get::<Clv>()
        .as_ref()
        .ok()
        .filter(|r| r.error.is_none())
}

const P_ALIVE: Tr = Tr::new(
    "Probability still active",
    "仍活跃的概率",
    "Probabilidad de seguir activo",
);

/// The risk watch in the registry. Its "classes" are flags: a customer may carry several.
pub struct Risk;

impl MethodDef for Risk {
    const KEY: &'static str = "risk";
    const NAME: Tr = Tr::new("Risk watch", "风险监控（抓两头）", "Vigilancia de riesgos");
    const PURPOSE: Tr = Tr::new(
        "Watch both ends: the biggest customers and the riskiest.",
        "抓两头：最大的客户和风险最高的客户。",
        "Vigilar los dos extremos: los mayores clientes y los de más riesgo.",
    );
    const EXPLAINED: bool = true;
    const MULTI: bool = true;
    type Class = RiskFlag;
    type Output = RiskResult;
    type Prep = ();

    /// Its own settings, and the value classes' BZC profit line.
    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.risk != new.risk || old.value.bzc_max_profit != new.value.bzc_max_profit
    }

    /// The value tiers say who is big.
    fn inputs(_s: &Settings) -> Vec<&'static str> {
        vec![Tiers::KEY, Clv::KEY]
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> RiskResult {
        let tiers = inputs.get::<Tiers>().as_ref().ok();
        classify(p, &s.risk, tiers, s.value.bzc_max_profit, clv_of(inputs))
    }

    /// Only "big but below zero" depends on the tiers.
    fn refresh(p: &Prepared, s: &Settings, inputs: &Inputs, out: &mut RiskResult) {
        let tiers = inputs.get::<Tiers>().as_ref().ok();
        refresh_big(
            p,
            &s.risk,
            out,
            tiers,
            s.value.bzc_max_profit,
            clv_of(inputs),
        );
    }

    /// Its first flag.
    fn class_of(out: &RiskResult, i: usize) -> Option<u8> {
        out.flags_of(i).first().map(|f| f.index() as u8)
    }

    fn bits(out: &RiskResult, i: usize) -> u32 {
        u32::from(out.flags.get(i).copied().unwrap_or(0))
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &RiskResult,
        i: usize,
    ) -> Option<Explained> {
        let mut reasons = explain(p, &s.risk, out, s.value.bzc_max_profit, i);
        if out.has(i, RiskFlag::Lapsing) {
            if let Some(Some(f)) = p.prep::<Clv>().fitted.get(i) {
                reasons.push(Reason::with(
                    P_ALIVE,
                    f.p_alive * 100.0,
                    Cmp::Lt,
                    s.clv.clone().normalized().lapsing_below,
                    Unit::Percent,
                ));
            }
        }
        let mut e = Explained::new(None, reasons);
        e.also = out.flags_of(i).iter().map(|f| f.strategy()).collect();
        Some(e)
    }
}

#[cfg(test)]
pub(crate) fn flags(
    p: &Prepared,
    s: &RiskSettings,
    tiers: Option<&TierResult>,
    bzc_line: f64,
    i: usize,
) -> u8 {
    let c = &p.index.col;
    let mut f = 0;
    let overdue = c.overdue_amount[i] > s.overdue_amount || c.overdue_days[i] > s.overdue_days;
    if overdue {
        f |= RiskFlag::Overdue.bit();
    }
    let slow = c.days_late[i] > s.late_days || c.on_time[i] * 100.0 < s.on_time_min_pct;
    if slow {
        f |= RiskFlag::SlowPayment.bit();
    }
    if c.growth[i] * 100.0 < s.decline_pct {
        f |= RiskFlag::Declining.bit();
    }
    if c.credit[i] < s.credit_min {
        f |= RiskFlag::WeakCredit.bit();
    }
    if c.financial[i] < s.financial_min {
        f |= RiskFlag::Failing.bit();
    }
    let big = tiers.is_some_and(|t| matches!(t.tier.get(i), Some(Some(Tier::Vip | Tier::Large))));
    if big && c.profit[i] <= bzc_line {
        f |= RiskFlag::BzcBig.bit();
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::tiers;
    use crate::model::{Customer, Dataset};
    use crate::settings::TierSettings;
    use RiskFlag::*;

    #[test]
    fn fixture_flags_and_both_ends() {
        // id, sales, profit, overdue amount, days late, growth, credit
        let rows = [
            (
                "a",
                1000.0,
                Some(-50.0),
                None,
                Some(5.0),
                Some(0.10),
                Some(90.0),
            ), // big + BZC
            (
                "b",
                800.0,
                Some(100.0),
                Some(2000.0),
                Some(45.0),
                Some(-0.30),
                Some(35.0),
            ), // 4 flags
            ("c", 600.0, Some(80.0), None, Some(10.0), Some(0.00), None), // clean
            ("d", 400.0, Some(60.0), Some(10.0), None, None, None),       // overdue
            (
                "e",
                200.0,
                Some(-5.0),
                None,
                Some(31.0),
                Some(-0.05),
                Some(50.0),
            ), // slow (small, BZC not flagged)
        ];
        let customers = rows
            .iter()
            .map(
                |&(id, sales, profit, overdue, late, growth, credit)| Customer {
                    id: id.into(),
                    sales,
                    orders: Some(2),
                    profit,
                    attrs: crate::model::Attributes {
                        overdue_amount: overdue,
                        avg_days_late: late,
                        credit_rating: credit,
                        ..Default::default()
                    }
                    .into(),
                    growth,
                    ..Default::default()
                },
            )
            .collect();
        let p = Prepared::new(Dataset::new(customers, vec![], None));
        // Tiers 20/20/30 of 5: a VIP, b Large, c and d Medium (ranks 2, 3 < 3.5), e Small.
        let t = tiers::classify(
            &p.ds,
            &TierSettings {
                vip_pct: 20.0,
                large_pct: 20.0,
                medium_pct: 30.0,
                ..Default::default()
            },
        );
        let s = RiskSettings {
            top_n: 2,
            ..Default::default()
        };
        let r = classify(&p, &s, Some(&t), 0.0, None);
        assert_eq!(r.flags_of(0), [BzcBig]);
        assert_eq!(r.flags_of(1), [Overdue, SlowPayment, Declining, WeakCredit]);
        assert_eq!(r.flags_of(2), []);
        assert_eq!(r.flags_of(3), [Overdue]);
        assert_eq!(r.flags_of(4), [SlowPayment]);
        assert_eq!(r.flag_counts, [2, 2, 1, 1, 0, 1, 0]);
        assert_eq!(r.flagged, 4);
        assert_eq!(r.not_watched, [Failing, Lapsing], "no CLV model given");
        assert_eq!(r.biggest, [0, 1]);
        // Riskiest: b (4 flags); then one flag each: d has overdue 10 > 0 → d.
        assert_eq!(r.riskiest, [1, 3]);
        let naive: Vec<u8> = (0..p.ds.len())
            .map(|i| flags(&p, &s, Some(&t), 0.0, i))
            .collect();
        assert_eq!(r.flags, naive);
        let why = explain(&p, &s, &r, 0.0, 1);
        assert_eq!(why.len(), 4);
        assert_eq!((why[0].value, why[0].threshold), (Some(2000.0), Some(0.0)));
    }
}

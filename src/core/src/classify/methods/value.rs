//! Method 4: Value classes: MVC / MGC / BZC / ordinary.
//!
//! Among existing customers with a profit figure:
//! - BZC (负值客户): profit at or below `bzc_max_profit` (0 by default). Those listed in
//!   `kept_bzc` are deliberate exceptions, class "BZC kept" with their own strategy.
//! - MVC (最有价值客户): the top `mvc_pct` by profit (ranked among customers with a profit
//!   figure, fractional cuts rounding up as in the tiers), unless BZC.
//! - MGC (最具增长性客户): the top `mgc_pct` by growth potential — the growth rate, or the
//!   wallet gap (1 − share of wallet) × upcoming volume — with a positive potential, among
//!   those not MVC or BZC.
//! - Ordinary: the rest. Existing customers without a profit figure are unclassed.
//!
//! The data has no cost-to-serve column, so "cost to serve above margin" is covered only
//! through profit (a profit net of service cost, when the user supplies one).

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::{
    band_of_rank_count, order_desc, positions, Index, Prepared, NOT_PLACED,
};
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::Settings;
use crate::settings::{MgcMeasure, PinKind, ValueSettings};

// The strategies of its classes.
strategy!(
    VAL_MVC,
    "value.mvc",
    Tr::new(
        "MVC: strengthen and keep the relationship",
        "最有价值客户：加强并保持关系",
        "MVC: reforzar y mantener la relación"
    ),
    [
        Tr::new(
            "Dedicated account manager and regular visits",
            "专属客户经理，定期拜访",
            "Gestor de cuenta dedicado y visitas periódicas"
        ),
        Tr::new(
            "Loyalty rewards and priority service",
            "忠诚奖励与优先服务",
            "Recompensas de fidelidad y servicio prioritario"
        ),
    ]
);
strategy!(
    VAL_MGC,
    "value.mgc",
    Tr::new(
        "MGC: promote their development",
        "最具增长性客户：促进其发展",
        "MGC: impulsar su desarrollo"
    ),
    [
        Tr::new(
            "Win a larger share of their purchases",
            "提高在其采购中的份额",
            "Ganar más cuota de sus compras"
        ),
        Tr::new(
            "Offer related products and volume terms",
            "推荐关联产品与批量条件",
            "Ofrecer productos relacionados y condiciones por volumen"
        ),
    ]
);
strategy!(
    VAL_BZC,
    "value.bzc",
    Tr::new(
        "BZC: consider dropping",
        "负值客户：考虑放弃",
        "BZC: considerar abandonarlos"
    ),
    [
        Tr::new(
            "Raise prices or cut the cost to serve",
            "提价或降低服务成本",
            "Subir precios o reducir el coste de servicio"
        ),
        Tr::new(
            "Stop serving if it stays below zero",
            "持续为负则停止服务",
            "Dejar de atenderlo si sigue en negativo"
        ),
    ]
);
strategy!(
    VAL_BZC_KEPT,
    "value.bzc_kept",
    Tr::new(
        "BZC kept on purpose",
        "有意保留的负值客户",
        "BZC conservado a propósito"
    ),
    [
        Tr::new(
            "Keep: it draws traffic or sells related products",
            "保留：带来客流或带动关联产品销售",
            "Conservar: atrae tráfico o vende productos relacionados"
        ),
        Tr::new(
            "Review the reason at every cycle",
            "每个周期复核保留理由",
            "Revisar el motivo en cada ciclo"
        ),
    ]
);
strategy!(
    VAL_ORDINARY,
    "value.ordinary",
    Tr::new(
        "Ordinary: standard service",
        "普通客户：标准服务",
        "Ordinario: servicio estándar"
    ),
    [Tr::new(
        "Standard service at a controlled cost",
        "以可控成本提供标准服务",
        "Servicio estándar con coste controlado"
    ),]
);

class_enum! {
    ValueClass {
        Mvc => "mvc", Tr::new("MVC (most valuable)", "最有价值客户", "MVC (más valiosos)"), VAL_MVC;
        Mgc => "mgc", Tr::new("MGC (most growable)", "最具增长性客户", "MGC (mayor crecimiento)"), VAL_MGC;
        Ordinary => "ordinary", Tr::new("Ordinary", "普通客户", "Ordinario"), VAL_ORDINARY;
        KeptBzc => "bzc_kept", Tr::new("BZC kept (exception)", "保留的负值客户（例外）", "BZC conservado (excepción)"), VAL_BZC_KEPT;
        Bzc => "bzc", Tr::new("BZC (below zero)", "负值客户", "BZC (bajo cero)"), VAL_BZC;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueResult {
    pub class: Vec<Option<ValueClass>>,
    pub counts: [usize; 5],
    pub sales: [f64; 5],
    pub profit: [f64; 5],
    /// The growth measure MGC used; `None` when the data has neither (no MGC then).
    pub mgc_measure: Option<MgcMeasure>,
    /// Existing customers without a profit figure.
    pub unclassed: usize,
}

/// The growth measure in use: `Auto` resolves to the growth rate when the data has it, else
/// the wallet gap. `Err` when an explicitly chosen measure lacks its column.
fn resolve(p: &Prepared, m: MgcMeasure) -> Result<Option<MgcMeasure>, Missing> {
    let growth = p.has(Field::Growth);
    let gap = p.has(Field::ShareOfWallet) && p.has(Field::UpcomingVolume);
    match m {
        MgcMeasure::GrowthRate if !growth => Err(Missing {
            any_of: &[Field::Growth],
        }),
        MgcMeasure::WalletGap if !p.has(Field::ShareOfWallet) => Err(Missing {
            any_of: &[Field::ShareOfWallet],
        }),
        MgcMeasure::WalletGap if !p.has(Field::UpcomingVolume) => Err(Missing {
            any_of: &[Field::UpcomingVolume],
        }),
        MgcMeasure::Auto if growth => Ok(Some(MgcMeasure::GrowthRate)),
        MgcMeasure::Auto if gap => Ok(Some(MgcMeasure::WalletGap)),
        MgcMeasure::Auto => Ok(None),
        m => Ok(Some(m)),
    }
}

fn potential(p: &Prepared, m: MgcMeasure, i: usize) -> f64 {
    let col = &p.index.col;
    match m {
        MgcMeasure::GrowthRate => col.growth[i],
        _ => wallet_gap(col.share[i], col.volume[i]),
    }
}

pub fn classify(p: &Prepared, s: &ValueSettings) -> Result<ValueResult, Missing> {
    let s = s.clone().normalized();
    if !p.has(Field::Profit) {
        return Err(Missing {
            any_of: &[Field::Profit],
        });
    }
    let measure = resolve(p, s.mgc_measure)?;
    let ix = &p.index;
    let col = &ix.col;
    let kept = ix.indices_of(&p.ds, &s.kept_bzc);
    let mut class: Vec<Option<ValueClass>> = vec![None; p.ds.len()];
    // Ranked by profit (descending), MVC is a run of leading ranks and BZC the trailing run
    // with profit at or below the line.
    let order = &ix.existing_by_profit;
    let n = order.len();
    let bzc = order.partition_point(|&i| col.profit[i as usize] > s.bzc_max_profit);
    let mvc = band_of_rank_count(n, s.mvc_pct).min(bzc);
    let mut out = ValueResult {
        mgc_measure: measure,
        ..Default::default()
    };
    let mut put = |k: ValueClass, a: usize, b: usize, class: &mut [Option<ValueClass>]| {
        for &i in &order[a..b] {
            class[i as usize] = Some(k);
        }
        let (sales, profit) = ix.profit_prefix.range(a, b);
        out.counts[k.index()] += b - a;
        out.sales[k.index()] += sales;
        out.profit[k.index()] += profit;
    };
    put(ValueClass::Mvc, 0, mvc, &mut class);
    put(ValueClass::Ordinary, mvc, bzc, &mut class);
    put(ValueClass::Bzc, bzc, n, &mut class);
    for &i in &kept {
        let i = i as usize;
        if class[i] == Some(ValueClass::Bzc) {
            class[i] = Some(ValueClass::KeptBzc);
            move_one(
                &mut out,
                ValueClass::Bzc,
                ValueClass::KeptBzc,
                col.sales[i],
                col.profit[i],
            );
        }
    }
    if let Some(m) = measure {
        let order = match m {
            MgcMeasure::GrowthRate => &p.prep::<Value>().by_growth,
            _ => &p.prep::<Value>().by_wallet_gap,
        };
        for &i in &order[..band_of_rank_count(order.len(), s.mgc_pct)] {
            let i = i as usize;
            if class[i] == Some(ValueClass::Ordinary) && potential(p, m, i) > 0.0 {
                class[i] = Some(ValueClass::Mgc);
                move_one(
                    &mut out,
                    ValueClass::Ordinary,
                    ValueClass::Mgc,
                    col.sales[i],
                    col.profit[i],
                );
            }
        }
    }
    out.unclassed = p.ds.existing_count() - n;
    out.class = class;
    Ok(out)
}

fn move_one(out: &mut ValueResult, from: ValueClass, to: ValueClass, sales: f64, profit: f64) {
    out.counts[from.index()] -= 1;
    out.counts[to.index()] += 1;
    out.sales[from.index()] -= sales;
    out.sales[to.index()] += sales;
    out.profit[from.index()] -= profit;
    out.profit[to.index()] += profit;
}

fn rank_share(order: &[u32], i: usize) -> Option<f64> {
    let pos = order.iter().position(|&j| j as usize == i)?;
    Some(pos as f64 / order.len() as f64 * 100.0)
}

/// Customer `i`'s reasons; a kept BZC customer's pin reason comes from `s`'s pins.
pub fn explain(p: &Prepared, s: &Settings, r: &ValueResult, i: usize) -> Vec<Reason> {
    explain_ranked(p, s, r, i, |order| rank_share(order, i))
}

/// The orderings an explanation places a customer in: by profit, and the MGC measure's.
fn orderings<'a>(p: &'a Prepared, r: &ValueResult) -> Vec<&'a [u32]> {
    let mut v = vec![p.index.existing_by_profit.as_slice()];
    if let Some(m) = r.mgc_measure {
        v.push(mgc_order(p, m));
    }
    v
}

fn mgc_order(p: &Prepared, m: MgcMeasure) -> &[u32] {
    match m {
        MgcMeasure::GrowthRate => &p.prep::<Value>().by_growth,
        _ => &p.prep::<Value>().by_wallet_gap,
    }
}

/// [`explain`], with the customer's rank share in an ordering from `share`.
fn explain_ranked(
    p: &Prepared,
    settings: &Settings,
    r: &ValueResult,
    i: usize,
    share: impl Fn(&[u32]) -> Option<f64>,
) -> Vec<Reason> {
    let s = settings.value.clone().normalized();
    let Some(c) = p.ds.customers.get(i) else {
        return Vec::new();
    };
    if !c.is_existing() {
        return Vec::new();
    }
    let Some(profit) = c.profit else {
        return vec![Reason::missing(what::PROFIT, Unit::Money)];
    };
    let mut out = Vec::new();
    let Some(k) = r.class[i] else {
        return out;
    };
    match k {
        ValueClass::Bzc | ValueClass::KeptBzc => {
            out.push(Reason::with(
                what::PROFIT,
                profit,
                Cmp::Le,
                s.bzc_max_profit,
                Unit::Money,
            ));
            if k == ValueClass::KeptBzc {
                let pin = settings.exception(PinKind::KeepBzc, &c.id);
                let why = pin.as_ref().map_or("", |p| p.reason.as_str());
                out.push(Reason::note_text(what::KEPT, why));
            }
            return out;
        }
        _ => out.push(Reason::with(
            what::PROFIT,
            profit,
            Cmp::Gt,
            s.bzc_max_profit,
            Unit::Money,
        )),
    }
    if let Some(share) = share(&p.index.existing_by_profit) {
        let cmp = if k == ValueClass::Mvc {
            Cmp::Lt
        } else {
            Cmp::Ge
        };
        out.push(Reason::with(
            what::RANK_SHARE,
            share,
            cmp,
            s.mvc_pct,
            Unit::Percent,
        ));
    }
    if k == ValueClass::Mvc {
        return out;
    }
    if let Some(m) = r.mgc_measure {
        let order = mgc_order(p, m);
        let (label, unit, v) = match m {
            MgcMeasure::GrowthRate => (what::GROWTH, Unit::Percent, potential(p, m, i) * 100.0),
            _ => (what::WALLET_GAP, Unit::Money, potential(p, m, i)),
        };
        if v.is_finite() {
            out.push(Reason::info(label, v, unit));
            if let Some(share) = share(order) {
                let cmp = if k == ValueClass::Mgc {
                    Cmp::Lt
                } else {
                    Cmp::Ge
                };
                out.push(Reason::with(
                    what::RANK_SHARE,
                    share,
                    cmp,
                    s.mgc_pct,
                    Unit::Percent,
                ));
            }
        } else {
            out.push(Reason::missing(label, unit));
        }
    }
    out
}

/// The MGC orderings, computed once per dataset.
#[derive(Clone, Debug, Default)]
pub struct ValuePrep {
    /// Existing customers with a growth rate, by growth descending, then id.
    pub by_growth: Vec<u32>,
    /// Existing customers with share of wallet and upcoming volume, by wallet gap
    /// ((1 − share) × volume) descending, then id.
    pub by_wallet_gap: Vec<u32>,
}

fn prepare(ds: &Dataset, ix: &Index) -> ValuePrep {
    let col = &ix.col;
    let mut is_candidate = vec![false; ds.len()];
    for &i in &ds.existing_by_sales {
        is_candidate[i as usize] = true;
    }
    ValuePrep {
        by_growth: order_desc(&is_candidate, &ix.by_id, |i| col.growth[i]),
        by_wallet_gap: order_desc(&is_candidate, &ix.by_id, |i| {
            wallet_gap(col.share[i], col.volume[i])
        }),
    }
}

/// (1 − share of wallet) × upcoming volume; NaN when either is missing.
pub fn wallet_gap(share: f64, volume: f64) -> f64 {
    (1.0 - share.clamp(0.0, 1.0)) * volume
}

/// The value classes in the registry.
pub struct Value;

impl MethodDef for Value {
    const KEY: &'static str = "value";
    const NAME: Tr = Tr::new(
        "Value classes (MVC/MGC/BZC)",
        "价值分类（MVC/MGC/BZC）",
        "Clases de valor (MVC/MGC/BZC)",
    );
    const PURPOSE: Tr = Tr::new(
        "Most valuable, most growable, ordinary and below-zero customers.",
        "最有价值、最具增长性、普通和负值客户。",
        "Clientes más valiosos, de mayor crecimiento, ordinarios y bajo cero.",
    );
    const DIMENSION: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("Value class", "价值类别", "Clase de valor"));
    const EXPLAINED: bool = true;
    type Class = ValueClass;
    type Output = Result<ValueResult, Missing>;
    type Prep = ValuePrep;

    fn prepare(ds: &Dataset, ix: &Index) -> ValuePrep {
        prepare(ds, ix)
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.value != new.value
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Self::Output {
        classify(p, &s.value)
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }

    fn classes(out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        Some(&out.as_ref().ok()?.class)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        Some(Explained::new(Self::class_of(out, i), explain(p, s, r, i)))
    }

    /// Every customer's rank in each ordering at once, rather than a search per customer.
    fn explain_many(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        rows: &[usize],
    ) -> Vec<Option<Explained>> {
        let Ok(r) = out.as_ref() else {
            return vec![None; rows.len()];
        };
        let placed: Vec<(&[u32], Vec<u32>)> = orderings(p, r)
            .into_iter()
            .map(|order| (order, positions(order, p.ds.len())))
            .collect();
        rows.iter()
            .map(|&i| {
                // The orderings are the very slices `orderings` gave; any other is searched.
                let share =
                    |order: &[u32]| match placed.iter().find(|(o, _)| std::ptr::eq(*o, order)) {
                        Some((_, at)) => {
                            let k = *at.get(i).filter(|&&k| k != NOT_PLACED)?;
                            Some(k as f64 / order.len() as f64 * 100.0)
                        }
                        None => rank_share(order, i),
                    };
                let reasons = explain_ranked(p, s, r, i, share);
                Some(Explained::new(Self::class_of(out, i), reasons))
            })
            .collect()
    }
}

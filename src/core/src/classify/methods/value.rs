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
//! Both can look forward: MVC can rank on the predicted lifetime value instead of profit
//! (`mvc_measure`), and MGC's potential can be the predicted growth, the predicted value per
//! month over the CLV horizon against the sales per month since the first order, minus one
//! (`MgcMeasure::PredictedGrowth`). Both take the CLV method's values as an input.
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
use crate::settings::{MgcMeasure, MvcMeasure, PinKind, ValueMeasure, ValueSettings};
use std::sync::Arc;

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
    /// Ranked on the predicted lifetime value: the non-BZC customers with a profit figure
    /// and a predicted value, highest first, ties by id (what MVC took its top from).
    pub mvc_order: Option<Arc<Vec<u32>>>,
    /// The predicted values MVC ranked on, per customer.
    pub mvc_values: Option<Arc<Vec<f64>>>,
    /// Predicted growth: per customer (NaN without one), and the existing customers with
    /// one, highest first, ties by id.
    pub predicted_growth: Option<Arc<Vec<f64>>>,
    pub growth_order: Option<Arc<Vec<u32>>>,
    /// Existing customers without a profit figure.
    pub unclassed: usize,
}

/// The growth measure in use: `Auto` resolves to the growth rate when the data has it, else
/// the wallet gap. `Err` when an explicitly chosen measure lacks its column.
fn resolve(p: &Prepared, m: MgcMeasure, clv: bool) -> Result<Option<MgcMeasure>, Missing> {
    let growth = p.has(Field::Growth);
    let gap = p.has(Field::ShareOfWallet) && p.has(Field::UpcomingVolume);
    match m {
        // The lifetime-value models need the order dates.
        MgcMeasure::PredictedGrowth if !clv => Err(Missing {
            any_of: &[Field::Date],
        }),
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

fn potential(p: &Prepared, r: &ValueResult, m: MgcMeasure, i: usize) -> f64 {
    let col = &p.index.col;
    match m {
        MgcMeasure::GrowthRate => col.growth[i],
        MgcMeasure::PredictedGrowth => r.predicted_growth.as_ref().map_or(f64::NAN, |g| g[i]),
        _ => wallet_gap(col.share[i], col.volume[i]),
    }
}

/// Days in an average month.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Customer `i`'s predicted growth: its predicted value per month over `horizon` months
/// against its sales per month from its first order to the analysis date (at least a
/// month), minus one. NaN without a prediction, a first order or positive sales.
pub fn predicted_growth(p: &Prepared, clv: &[f64], horizon: f64, i: usize) -> f64 {
    let c = &p.ds.customers[i];
    let (Some(first), Some(as_of)) = (c.first_order, p.ds.as_of) else {
        return f64::NAN;
    };
    let months = ((as_of - first).num_days() as f64 / DAYS_PER_MONTH).max(1.0);
    let past = p.index.col.sales[i] / months;
    let future = clv.get(i).copied().unwrap_or(f64::NAN) / horizon.max(1.0);
    if past > 0.0 && future.is_finite() {
        future / past - 1.0
    } else {
        f64::NAN
    }
}

/// `ids` with a finite figure, highest first, ties in id order (a stable radix sort of the
/// customers taken in id order).
fn ranked_desc(
    p: &Prepared,
    keep: impl Fn(usize) -> bool,
    figure: impl Fn(usize) -> f64,
) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = p
        .index
        .by_id
        .iter()
        .filter(|&&i| keep(i as usize) && figure(i as usize).is_finite())
        .map(|&i| (!crate::sort::key_asc(figure(i as usize)), i))
        .collect();
    crate::sort::radix_sort(&mut keyed);
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The predicted lifetime values of the CLV method, and its horizon in months.
pub type ClvFigures<'a> = Option<(&'a [f64], f64)>;

/// MVC or MGC reads the predicted lifetime value (the CLV method is then an input).
fn looks_forward(s: &ValueSettings) -> bool {
    s.mvc_measure == MvcMeasure::Clv || s.mgc_measure == MgcMeasure::PredictedGrowth
}

fn clv_figures<'a>(s: &Settings, inputs: &Inputs<'a>) -> ClvFigures<'a> {
    if !looks_forward(&s.value) {
        return None;
    }
    let values = super::tiers::measure_values(ValueMeasure::Clv, inputs)?;
    let horizon = s.clv.clone().normalized().horizon_months;
    Some((values, horizon))
}

/// The predicted growth, as a label.
pub const PREDICTED_GROWTH: Tr = Tr::new(
    "Predicted growth (value per month ahead against so far)",
    "预测增长（未来每月价值对比以往）",
    "Crecimiento previsto (valor mensual futuro frente al pasado)",
);

pub fn classify(
    p: &Prepared,
    s: &ValueSettings,
    clv: ClvFigures<'_>,
) -> Result<ValueResult, Missing> {
    let s = s.clone().normalized();
    if !p.has(Field::Profit) {
        return Err(Missing {
            any_of: &[Field::Profit],
        });
    }
    if s.mvc_measure == MvcMeasure::Clv && clv.is_none() {
        return Err(Missing {
            any_of: &[Field::Date],
        });
    }
    let measure = resolve(p, s.mgc_measure, clv.is_some())?;
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
    if let (MvcMeasure::Clv, Some((values, _))) = (s.mvc_measure, clv) {
        // The non-BZC customers with a profit figure, by predicted value: the top share of
        // all customers with a profit figure is MVC, the rest ordinary.
        let mut above = vec![false; p.ds.len()];
        for &i in &order[..bzc] {
            above[i as usize] = true;
        }
        let ranked = ranked_desc(p, |i| above[i], |i| values[i]);
        let top = band_of_rank_count(n, s.mvc_pct).min(ranked.len());
        for &i in &order[..bzc] {
            class[i as usize] = Some(ValueClass::Ordinary);
        }
        for &i in &ranked[..top] {
            class[i as usize] = Some(ValueClass::Mvc);
        }
        for &i in &order[..bzc] {
            let k = class[i as usize].unwrap_or(ValueClass::Ordinary);
            out.counts[k.index()] += 1;
            out.sales[k.index()] += col.sales[i as usize];
            out.profit[k.index()] += col.profit[i as usize];
        }
        out.mvc_order = Some(Arc::new(ranked));
        out.mvc_values = Some(Arc::new(values.to_vec()));
    }
    if measure == Some(MgcMeasure::PredictedGrowth) {
        if let Some((values, horizon)) = clv {
            let g: Vec<f64> = (0..p.ds.len())
                .map(|i| predicted_growth(p, values, horizon, i))
                .collect();
            let existing = &col.existing;
            out.growth_order = Some(Arc::new(ranked_desc(p, |i| existing[i], |i| g[i])));
            out.predicted_growth = Some(Arc::new(g));
        }
    }
    let mut put = |k: ValueClass, a: usize, b: usize, class: &mut [Option<ValueClass>]| {
        for &i in &order[a..b] {
            class[i as usize] = Some(k);
        }
        let (sales, profit) = ix.profit_prefix.range(a, b);
        out.counts[k.index()] += b - a;
        out.sales[k.index()] += sales;
        out.profit[k.index()] += profit;
    };
    if s.mvc_measure == MvcMeasure::Profit {
        put(ValueClass::Mvc, 0, mvc, &mut class);
        put(ValueClass::Ordinary, mvc, bzc, &mut class);
    }
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
        let order = mgc_order(p, &out, m).to_vec();
        for &i in &order[..band_of_rank_count(order.len(), s.mgc_pct)] {
            let i = i as usize;
            if class[i] == Some(ValueClass::Ordinary) && potential(p, &out, m, i) > 0.0 {
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

/// The orderings an explanation places a customer in: MVC's, and the MGC measure's.
fn orderings<'a>(p: &'a Prepared, r: &'a ValueResult) -> Vec<&'a [u32]> {
    let mut v = vec![mvc_order(p, r)];
    if let Some(m) = r.mgc_measure {
        v.push(mgc_order(p, r, m));
    }
    v
}

/// What MVC ranked on: profit, or the predicted value.
fn mvc_order<'a>(p: &'a Prepared, r: &'a ValueResult) -> &'a [u32] {
    match &r.mvc_order {
        Some(o) => o.as_slice(),
        None => p.index.existing_by_profit.as_slice(),
    }
}

fn mgc_order<'a>(p: &'a Prepared, r: &'a ValueResult, m: MgcMeasure) -> &'a [u32] {
    match m {
        MgcMeasure::GrowthRate => &p.prep::<Value>().by_growth,
        MgcMeasure::PredictedGrowth => r.growth_order.as_ref().map_or(&[][..], |o| o.as_slice()),
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
    if let Some(values) = &r.mvc_values {
        out.push(Reason::info(
            super::tiers::CLV_MEASURE,
            values.get(i).copied().unwrap_or(f64::NAN),
            Unit::Money,
        ));
    }
    if let Some(share) = share(mvc_order(p, r)) {
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
        let order = mgc_order(p, r, m);
        let (label, unit, v) = match m {
            MgcMeasure::GrowthRate => (what::GROWTH, Unit::Percent, potential(p, r, m, i) * 100.0),
            MgcMeasure::PredictedGrowth => (
                PREDICTED_GROWTH,
                Unit::Percent,
                potential(p, r, m, i) * 100.0,
            ),
            _ => (what::WALLET_GAP, Unit::Money, potential(p, r, m, i)),
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

    /// The lifetime-value method, when MVC or MGC look forward.
    fn inputs(s: &Settings) -> Vec<&'static str> {
        if looks_forward(&s.value) {
            vec![super::clv::Clv::KEY]
        } else {
            Vec::new()
        }
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> Self::Output {
        classify(p, &s.value, clv_figures(s, inputs))
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

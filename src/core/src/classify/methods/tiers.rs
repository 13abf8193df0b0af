//! Method 2: Existing customers by value: VIP / Large / Medium / Small (大/中/小/VIP).
//!
//! The measure is sales (default), profit or the composite score. With percentile cuts,
//! existing customers are ranked by the measure (descending, ties by id). The customer at rank
//! `r` (0-based) of `n` is VIP while `r / n` is below the VIP share, Large while below
//! VIP + Large, Medium while below VIP + Large + Medium, and Small otherwise. So with 250
//! customers and VIP = 5%, ranks 0..=12 (13 customers, 12.5 rounded up) are VIP. With absolute
//! cuts, VIP is a measure at or above `vip_min`, and so on. Customers without the measure
//! (no profit figure, no score) are unclassed; prospects are not classed.

use super::{clv, score};
use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::{
    band_of_rank_count, bands_by_select, positions, Prefix, Prepared, NOT_PLACED,
};
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::Settings;
use crate::settings::{CutMode, TierSettings, ValueMeasure};
use serde::{Deserialize, Serialize};

// The strategies of its classes.
strategy!(
    TIER_VIP,
    "tiers.vip",
    Tr::new(
        "VIP: dedicated service",
        "VIP 客户：专属服务",
        "VIP: servicio dedicado"
    ),
    [
        Tr::new(
            "Assign an account manager",
            "指定客户经理",
            "Asignar un gestor de cuenta"
        ),
        Tr::new(
            "Regular visits and priority service",
            "定期拜访，优先服务",
            "Visitas periódicas y servicio prioritario"
        ),
        Tr::new(
            "Special treatment and preferential terms",
            "特殊礼遇与优惠条件",
            "Trato especial y condiciones preferentes"
        ),
    ]
);
strategy!(
    TIER_LARGE,
    "tiers.large",
    Tr::new(
        "Large: keep and grow",
        "大客户：维系并提升",
        "Grande: mantener y hacer crecer"
    ),
    [
        Tr::new(
            "Regular contact by a named rep",
            "由专人定期联系",
            "Contacto periódico con un comercial asignado"
        ),
        Tr::new(
            "Develop towards VIP",
            "培养成为 VIP 客户",
            "Desarrollar hacia VIP"
        ),
    ]
);
strategy!(
    TIER_MEDIUM,
    "tiers.medium",
    Tr::new(
        "Medium: standard service, look for growth",
        "中客户：标准服务，寻找增长",
        "Mediano: servicio estándar, buscar crecimiento"
    ),
    [
        Tr::new(
            "One rep serves several customers",
            "一名销售服务多个客户",
            "Un comercial atiende a varios clientes"
        ),
        Tr::new(
            "Cultivate those with upgrade potential",
            "培养有升级潜力的客户",
            "Cultivar a los que pueden subir de nivel"
        ),
    ]
);
strategy!(
    TIER_SMALL,
    "tiers.small",
    Tr::new(
        "Small: low-cost service",
        "小客户：低成本服务",
        "Pequeño: servicio de bajo coste"
    ),
    [
        Tr::new(
            "Serve through distributors or self-service",
            "通过经销商或自助渠道服务",
            "Atender mediante distribuidores o autoservicio"
        ),
        Tr::new(
            "Cut cost to serve",
            "降低服务成本",
            "Reducir el coste de servicio"
        ),
    ]
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    Vip,
    Large,
    Medium,
    Small,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Vip, Tier::Large, Tier::Medium, Tier::Small];

    /// Stable name, used in `data-testid`s and exports.
    pub fn label(self) -> &'static str {
        match self {
            Tier::Vip => "VIP",
            Tier::Large => "Large",
            Tier::Medium => "Medium",
            Tier::Small => "Small",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl Class for Tier {
    const ALL: &'static [Tier] = &Tier::ALL;
    fn index(self) -> usize {
        self as usize
    }
    fn key(self) -> &'static str {
        self.label()
    }
    fn name(self) -> Tr {
        match self {
            Tier::Vip => Tr::new("VIP", "VIP", "VIP"),
            Tier::Large => Tr::new("Large", "大客户", "Grande"),
            Tier::Medium => Tr::new("Medium", "中客户", "Mediano"),
            Tier::Small => Tr::new("Small", "小客户", "Pequeño"),
        }
    }
    fn strategy(self) -> &'static crate::classify::Strategy {
        match self {
            Tier::Vip => &TIER_VIP,
            Tier::Large => &TIER_LARGE,
            Tier::Medium => &TIER_MEDIUM,
            Tier::Small => &TIER_SMALL,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TierResult {
    /// Per customer (dataset order); `None` for prospects and customers without the measure.
    pub tier: Vec<Option<Tier>>,
    pub counts: [usize; 4],
    pub sales: [f64; 4],
    /// Profit per tier, over the customers that have a profit figure.
    pub profit: [f64; 4],
    /// Existing customers left unclassed because the measure is missing for them.
    pub unclassed: usize,
}

/// Tiers straight from a dataset. Sales need nothing more; profit builds its ordering here,
/// and the score is computed with default score settings. The UI's hot path is
/// [`classify_prepared`].
pub fn classify(ds: &Dataset, s: &TierSettings) -> TierResult {
    if s.measure == ValueMeasure::Sales && s.cut == CutMode::Percentile {
        let figs = crate::classify::prepared::rank_figures(&ds.customers, &ds.existing_by_sales);
        let prefix = Prefix::new(figs.iter().copied());
        return by_order(
            ds.len(),
            ds.existing_count(),
            &ds.existing_by_sales,
            &prefix,
            s,
        );
    }
    let p = Prepared::new(ds.clone());
    let scores = score::classify(&p, &Default::default()).ok();
    classify_prepared(&p, s, scores.as_ref().map(|r| r.score.as_slice())).unwrap_or_else(|_| {
        TierResult {
            tier: vec![None; ds.len()],
            unclassed: ds.existing_count(),
            ..Default::default()
        }
    })
}

/// Tiers in O(n) from the prepared orderings. `score` is the per-customer score (NaN when
/// missing), required when the measure is the score.
pub fn classify_prepared(
    p: &Prepared,
    s: &TierSettings,
    score: Option<&[f64]>,
) -> Result<TierResult, Missing> {
    let s = s.clone().normalized();
    let ds = &p.ds;
    match s.measure {
        ValueMeasure::Profit if !p.has(Field::Profit) => {
            return Err(Missing {
                any_of: &[Field::Profit],
            })
        }
        ValueMeasure::Score if score.is_none() => {
            return Err(Missing {
                any_of: score::SCORE_FIELDS,
            })
        }
        ValueMeasure::Clv if score.is_none() => {
            return Err(Missing {
                any_of: &[Field::Date],
            })
        }
        _ => {}
    }
    let ix = &p.index;
    let (n, existing) = (ds.len(), ds.existing_count());
    let by_sales = ds
        .existing_by_sales
        .iter()
        .map(|&i| (i, (ix.col.sales[i as usize], ix.col.profit[i as usize])));
    let mut out = match (s.cut, s.measure) {
        (CutMode::Percentile, ValueMeasure::Sales) => {
            by_order(n, existing, &ds.existing_by_sales, &ix.sales_prefix, &s)
        }
        (CutMode::Percentile, ValueMeasure::Profit) => {
            by_order(n, existing, &ix.existing_by_profit, &ix.profit_prefix, &s)
        }
        (CutMode::Percentile, ValueMeasure::Score | ValueMeasure::Clv) => {
            let score = score.unwrap_or(&[]);
            let mut keys: Vec<(f64, u32, u32)> = ds
                .existing_by_sales
                .iter()
                .filter_map(|&i| {
                    let v = score.get(i as usize).copied().unwrap_or(f64::NAN);
                    v.is_finite().then(|| (v, ix.id_rank[i as usize], i))
                })
                .collect();
            let mut out = empty(n);
            for (i, band) in bands_by_select(&mut keys, &cum_pct(&s)) {
                let i = i as usize;
                add(
                    &mut out,
                    i,
                    Tier::ALL[band],
                    (ix.col.sales[i], ix.col.profit[i]),
                );
            }
            out
        }
        (CutMode::Absolute, m) => {
            let mut out = empty(n);
            for (i, fig) in by_sales {
                let v = match m {
                    ValueMeasure::Sales => fig.0,
                    ValueMeasure::Profit => fig.1,
                    ValueMeasure::Score | ValueMeasure::Clv => score
                        .and_then(|s| s.get(i as usize).copied())
                        .unwrap_or(f64::NAN),
                };
                if v.is_finite() {
                    add(&mut out, i as usize, absolute_tier(v, &s), fig);
                }
            }
            out
        }
    };
    out.unclassed = ds.existing_count() - out.counts.iter().sum::<usize>();
    Ok(out)
}

fn measure_value(p: &Prepared, m: ValueMeasure, score: Option<&[f64]>, i: usize) -> f64 {
    let col = &p.index.col;
    match m {
        ValueMeasure::Sales => col.sales[i],
        ValueMeasure::Profit => col.profit[i],
        ValueMeasure::Score | ValueMeasure::Clv => {
            score.and_then(|s| s.get(i).copied()).unwrap_or(f64::NAN)
        }
    }
}

fn cum_pct(s: &TierSettings) -> [f64; 3] {
    [
        s.vip_pct,
        s.vip_pct + s.large_pct,
        s.vip_pct + s.large_pct + s.medium_pct,
    ]
}

fn absolute_tier(v: f64, s: &TierSettings) -> Tier {
    // Branch-free (the minimums are ordered by `normalized`).
    let below =
        usize::from(v < s.vip_min) + usize::from(v < s.large_min) + usize::from(v < s.medium_min);
    Tier::ALL[below]
}

fn empty(n: usize) -> TierResult {
    TierResult {
        tier: vec![None; n],
        ..Default::default()
    }
}

fn add(out: &mut TierResult, i: usize, t: Tier, (sales, profit): (f64, f64)) {
    out.tier[i] = Some(t);
    out.counts[t.index()] += 1;
    out.sales[t.index()] += sales;
    if profit.is_finite() {
        out.profit[t.index()] += profit;
    }
}

/// With percentile cuts, where the tiers start and end along the ranked order of `n`
/// customers: VIP is ranks `runs[0]..runs[1]`, and so on.
pub fn percentile_runs(n: usize, s: &TierSettings) -> [usize; 5] {
    let s = s.clone().normalized();
    let cuts = cum_pct(&s);
    let mut bounds = [0, n, n, n, n];
    for k in 0..3 {
        bounds[k + 1] = band_of_rank_count(n, cuts[k]).max(bounds[k]);
    }
    bounds
}

/// Percentile tiers along a ranked `order`: each tier is a run of consecutive ranks, so the
/// work is the labels plus O(1) sums from `prefix` (aligned with `order`).
fn by_order(
    n_all: usize,
    existing: usize,
    order: &[u32],
    prefix: &Prefix,
    s: &TierSettings,
) -> TierResult {
    let n = order.len();
    let bounds = percentile_runs(n, s);
    let mut out = empty(n_all);
    for (k, tier) in Tier::ALL.into_iter().enumerate() {
        let (a, b) = (bounds[k], bounds[k + 1]);
        for &i in &order[a..b] {
            out.tier[i as usize] = Some(tier);
        }
        let (sales, profit) = prefix.range(a, b);
        out.counts[k] = b - a;
        out.sales[k] = sales;
        out.profit[k] = profit;
    }
    out.unclassed = existing - n;
    out
}

/// Why customer `i` is in its tier: the measure, and its rank share against the cut-offs (or
/// the amount against the thresholds).
pub fn explain(
    p: &Prepared,
    s: &TierSettings,
    score: Option<&[f64]>,
    r: &TierResult,
    i: usize,
) -> Vec<Reason> {
    explain_placed(p, s, score, r, i, |m| standing(p, m, score, i))
}

/// Customer `i`'s standing under measure `m`: how many ranked customers come before it (a
/// higher measure, or the same and a smaller id), and how many are ranked (the existing
/// customers with the measure).
fn standing(p: &Prepared, m: ValueMeasure, score: Option<&[f64]>, i: usize) -> (usize, usize) {
    let id_rank = &p.index.id_rank;
    let key = |j: usize| measure_value(p, m, score, j);
    let v = key(i);
    let ranked: Vec<u32> =
        p.ds.existing_by_sales
            .iter()
            .copied()
            .filter(|&j| key(j as usize).is_finite())
            .collect();
    let above = ranked
        .iter()
        .filter(|&&j| {
            let kj = key(j as usize);
            kj > v || (kj == v && id_rank[j as usize] < id_rank[i])
        })
        .count();
    (above, ranked.len())
}

/// Every customer's [`standing`] under one measure, placed at once by sorting the ranked
/// customers, for explaining many customers.
pub(crate) struct Standings {
    measure: ValueMeasure,
    /// Per customer, the ranked customers before it ([`NOT_PLACED`] when unranked).
    at: Vec<u32>,
    /// How many are ranked.
    n: usize,
}

impl Standings {
    pub(crate) fn new(p: &Prepared, m: ValueMeasure, score: Option<&[f64]>) -> Standings {
        let key = |j: usize| measure_value(p, m, score, j);
        // Sales and profit have their order already (measure descending in total order, then
        // id): it is the one wanted unless both 0 and -0 occur, which it tells apart.
        let prepared = match m {
            ValueMeasure::Sales => Some(&p.ds.existing_by_sales),
            ValueMeasure::Profit => Some(&p.index.existing_by_profit),
            ValueMeasure::Score | ValueMeasure::Clv => None,
        };
        if let Some(order) = prepared {
            let mut at = vec![NOT_PLACED; p.ds.len()];
            let (mut n, mut zeros) = (0u32, [false; 2]);
            for &j in order {
                let v = key(j as usize);
                if v.is_finite() {
                    at[j as usize] = n;
                    n += 1;
                    if v == 0.0 {
                        zeros[usize::from(v.is_sign_negative())] = true;
                    }
                }
            }
            if zeros != [true, true] {
                return Standings {
                    measure: m,
                    at,
                    n: n as usize,
                };
            }
        }
        let id_rank = &p.index.id_rank;
        let mut ranked: Vec<(f64, u32, u32)> =
            p.ds.existing_by_sales
                .iter()
                .map(|&j| (key(j as usize), id_rank[j as usize], j))
                .filter(|t| t.0.is_finite())
                .collect();
        // Measure descending (as numbers: -0 and 0 are the same), then id.
        ranked.sort_unstable_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        let order: Vec<u32> = ranked.iter().map(|t| t.2).collect();
        Standings {
            measure: m,
            at: positions(&order, p.ds.len()),
            n: order.len(),
        }
    }

    /// [`explain`] for customer `i`, its standing looked up.
    pub(crate) fn explain(
        &self,
        p: &Prepared,
        s: &TierSettings,
        score: Option<&[f64]>,
        r: &TierResult,
        i: usize,
    ) -> Vec<Reason> {
        explain_placed(p, s, score, r, i, |m| match self.at.get(i) {
            Some(&k) if m == self.measure && k != NOT_PLACED => (k as usize, self.n),
            _ => standing(p, m, score, i),
        })
    }
}

/// [`explain`], with the customer's standing from `standing` (when the cut is by percentile).
fn explain_placed(
    p: &Prepared,
    s: &TierSettings,
    score: Option<&[f64]>,
    r: &TierResult,
    i: usize,
    standing: impl FnOnce(ValueMeasure) -> (usize, usize),
) -> Vec<Reason> {
    let s = s.clone().normalized();
    let what_measure = match s.measure {
        ValueMeasure::Sales => what::SALES,
        ValueMeasure::Profit => what::PROFIT,
        ValueMeasure::Score => what::SCORE,
        ValueMeasure::Clv => CLV_MEASURE,
    };
    let unit = if s.measure == ValueMeasure::Score {
        Unit::Points
    } else {
        Unit::Money
    };
    let v = measure_value(p, s.measure, score, i);
    if !v.is_finite() {
        return vec![Reason::missing(what_measure, unit)];
    }
    let Some(tier) = r.tier.get(i).copied().flatten() else {
        return vec![Reason::info(what_measure, v, unit)];
    };
    let mut out = vec![Reason::info(what_measure, v, unit)];
    match s.cut {
        CutMode::Absolute => {
            let mins = [s.vip_min, s.large_min, s.medium_min];
            let k = tier.index();
            if k < 3 {
                out.push(Reason::with(what_measure, v, Cmp::Ge, mins[k], unit));
            }
            if k > 0 {
                out.push(Reason::with(what_measure, v, Cmp::Lt, mins[k - 1], unit));
            }
        }
        CutMode::Percentile => {
            let (above, n) = standing(s.measure);
            let share = above as f64 / n as f64 * 100.0;
            let cuts = cum_pct(&s);
            let k = tier.index();
            if k < 3 {
                out.push(Reason::with(
                    what::RANK_SHARE,
                    share,
                    Cmp::Lt,
                    cuts[k],
                    Unit::Percent,
                ));
            }
            if k > 0 {
                out.push(Reason::with(
                    what::RANK_SHARE,
                    share,
                    Cmp::Ge,
                    cuts[k - 1],
                    Unit::Percent,
                ));
            }
        }
    }
    out
}

/// The value tiers in the registry.
pub struct Tiers;

impl MethodDef for Tiers {
    const KEY: &'static str = "tiers";
    const NAME: Tr = Tr::new("Value tiers", "客户价值分级", "Niveles de valor");
    const PURPOSE: Tr = Tr::new(
        "VIP, large, medium and small customers by rank of sales, profit or score.",
        "按销售额、利润或评分排名分为 VIP、大、中、小客户。",
        "Clientes VIP, grandes, medianos y pequeños por ranking de ventas, beneficio o puntuación.",
    );
    const DIMENSION: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("Tier", "价值级别", "Nivel"));
    const EXPLAINED: bool = true;
    type Class = Tier;
    type Output = Result<TierResult, Missing>;
    type Prep = ();

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.tiers != new.tiers
    }

    /// The weighted score, when it is the measure.
    fn inputs(s: &Settings) -> Vec<&'static str> {
        match s.tiers.measure {
            ValueMeasure::Score => vec![score::Score::KEY],
            ValueMeasure::Clv => vec![clv::Clv::KEY],
            _ => Vec::new(),
        }
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> Self::Output {
        classify_prepared(p, &s.tiers, score_values(s, inputs))
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }

    fn classes(out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        Some(&out.as_ref().ok()?.tier)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        let reasons = explain(p, &s.tiers, score_values(s, inputs), r, i);
        Some(Explained::new(Self::class_of(out, i), reasons))
    }

    /// Every customer's standing at once (one sort), rather than a count per customer.
    fn explain_many(
        p: &Prepared,
        s: &Settings,
        inputs: &Inputs,
        out: &Self::Output,
        rows: &[usize],
    ) -> Vec<Option<Explained>> {
        let Ok(r) = out.as_ref() else {
            return vec![None; rows.len()];
        };
        let score = score_values(s, inputs);
        if s.tiers.cut != CutMode::Percentile {
            return rows
                .iter()
                .map(|&i| Self::explain(p, s, inputs, out, i))
                .collect();
        }
        let placed = Standings::new(p, s.tiers.measure, score);
        rows.iter()
            .map(|&i| {
                let reasons = placed.explain(p, &s.tiers, score, r, i);
                Some(Explained::new(Self::class_of(out, i), reasons))
            })
            .collect()
    }
}

/// The weighted scores, when the measure is the score and the score could run.
fn score_values<'a>(s: &Settings, inputs: &Inputs<'a>) -> Option<&'a [f64]> {
    measure_values(s.tiers.measure, inputs)
}

/// The per-customer figures of a measure another method computes: the weighted score, or
/// the predicted lifetime value (`None` when that method cannot run or its models cannot be
/// fitted). `None` for sales and profit, which are the customers' own figures.
pub(crate) fn measure_values<'a>(m: ValueMeasure, inputs: &Inputs<'a>) -> Option<&'a [f64]> {
    match m {
        ValueMeasure::Score => inputs
            .get::<score::Score>()
            .as_ref()
            .ok()
            .map(|r| r.score.as_slice()),
        ValueMeasure::Clv => inputs
            .get::<clv::Clv>()
            .as_ref()
            .ok()
            .filter(|r| r.error.is_none())
            .map(|r| r.value.as_slice()),
        _ => None,
    }
}

/// The predicted lifetime value, as a measure.
pub const CLV_MEASURE: Tr = Tr::new(
    "Predicted lifetime value",
    "预测客户终身价值",
    "Valor de vida previsto",
);

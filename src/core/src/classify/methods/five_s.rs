//! Method 10: Customer 5S review (客户5S管理).
//!
//! Sort (整理): mature (existing) and potential customers are sorted separately. The composite
//! is the mean percentile rank, within the group, of the criteria the customer has — mature:
//! sales, payment speed (days late inverted, else on-time share) and growth space; potential:
//! forecast volume, ease of development (difficulty inverted) and financial status. Class I
//! at or above `first_min`, II at or above `second_min`, III below. Flags:
//! - mature with tiny sales (sales percentile rank below `tiny_sales_pct`) → suspended;
//! - mature paying chronically late (days late above `slow_days_late`) or with repeated
//!   violations (on-time share below `violation_on_time_pct`) → eliminate;
//! - mature with little growth space (growth below `low_growth_pct`) → custodial;
//! - potential with at least `potential_suspend_signals` of: small forecast, hard to develop,
//!   short of cash → suspended.
//!
//! Straighten (整顿): inside each class, the bottom `release_pct` by composite (rounded down:
//! 20% of 7 is 1) is released, except pinned customers, which stay. The rest form the customer
//! dynamic table (客户动态表), rated by the composite. Maintain (维护): [`snapshot`] and
//! [`diff`] compare two monthly reviews: moved up, moved down, new, lost; Excellence (卓越):
//! the customers that rose into mature class I.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{pick, Explained, Inputs, MethodDef};
use crate::classify::prepared::{pct_rank_along, Index, Prefix, Prepared, SortedBy};
use crate::classify::strategy::Strategy;
use crate::classify::Class;
use crate::i18n::Tr;
use crate::model::Dataset;
use crate::settings::FiveSSettings;
use crate::settings::{PinKind, Settings};
use crate::sort::{key_asc, radix_sort};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

// The strategies of its classes, of its flags and of release.
strategy!(
    FIVE_S_MATURE_1,
    "five_s.mature_1",
    Tr::new(
        "Mature, class I: strengthen",
        "成熟客户一类：重点巩固",
        "Maduro, clase I: reforzar"
    ),
    [
        Tr::new(
            "Rate in the dynamic table and track monthly",
            "列入客户动态表，按月跟踪",
            "Valorar en la tabla dinámica y seguir cada mes"
        ),
        Tr::new(
            "Record problems and the help given (coordinate)",
            "记录问题与给予的帮助（协调）",
            "Registrar problemas y la ayuda prestada (coordinar)"
        ),
    ]
);
strategy!(
    FIVE_S_MATURE_2,
    "five_s.mature_2",
    Tr::new(
        "Mature, class II: develop",
        "成熟客户二类：发展",
        "Maduro, clase II: desarrollar"
    ),
    [Tr::new(
        "Improve payment speed and volume",
        "提升回款速度与采购量",
        "Mejorar la velocidad de cobro y el volumen"
    ),]
);
strategy!(
    FIVE_S_MATURE_3,
    "five_s.mature_3",
    Tr::new(
        "Mature, class III: maintain at low cost",
        "成熟客户三类：低成本维护",
        "Maduro, clase III: mantener con bajo coste"
    ),
    [Tr::new(
        "Periodic contact; review next month",
        "定期联系，下月复核",
        "Contacto periódico; revisar el mes próximo"
    ),]
);
strategy!(
    FIVE_S_POTENTIAL_1,
    "five_s.potential_1",
    Tr::new(
        "Potential, class I: develop now",
        "潜在客户一类：立即开发",
        "Potencial, clase I: desarrollar ya"
    ),
    [Tr::new(
        "Assign a rep and a development plan",
        "指派销售并制定开发计划",
        "Asignar un comercial y un plan de desarrollo"
    ),]
);
strategy!(
    FIVE_S_POTENTIAL_2,
    "five_s.potential_2",
    Tr::new(
        "Potential, class II: nurture",
        "潜在客户二类：培育",
        "Potencial, clase II: cultivar"
    ),
    [Tr::new(
        "Regular contact; check finances and difficulty",
        "定期联系，关注财务与开发难度",
        "Contacto regular; revisar finanzas y dificultad"
    ),]
);
strategy!(
    FIVE_S_POTENTIAL_3,
    "five_s.potential_3",
    Tr::new(
        "Potential, class III: low priority",
        "潜在客户三类：低优先级",
        "Potencial, clase III: baja prioridad"
    ),
    [Tr::new(
        "Minimal effort until the picture changes",
        "在情况改变前投入最少精力",
        "Esfuerzo mínimo hasta que cambie la situación"
    ),]
);
strategy!(
    FIVE_S_SUSPENDED,
    "five_s.suspended",
    Tr::new("Suspended", "悬置", "Suspendido"),
    [Tr::new(
        "Put on hold; no active selling this cycle",
        "暂时搁置，本周期不主动销售",
        "En espera; sin venta activa este ciclo"
    ),]
);
strategy!(
    FIVE_S_ELIMINATE,
    "five_s.eliminate",
    Tr::new("Eliminate", "淘汰", "Eliminar"),
    [Tr::new(
        "Stop credit and collect arrears",
        "停止赊销并催收欠款",
        "Cortar el crédito y cobrar los atrasos"
    ),]
);
strategy!(
    FIVE_S_CUSTODIAL,
    "five_s.custodial",
    Tr::new("Custodial", "托管", "Custodia"),
    [Tr::new(
        "Visited periodically by a sales supervisor",
        "由销售主管定期拜访",
        "Visitado periódicamente por un supervisor de ventas"
    ),]
);
strategy!(
    FIVE_S_RELEASED,
    "five_s.released",
    Tr::new(
        "Released (bottom of its class)",
        "放弃（类内末位）",
        "Liberado (último tramo de su clase)"
    ),
    [Tr::new(
        "Give up active management, or pin it as an exception, with a reason, to keep it",
        "放弃主动管理；如需保留，请将其固定为例外并注明原因",
        "Dejar de gestionarlo activamente, o fijarlo como excepción, con un motivo, para conservarlo"
    ),]
);

class_enum! {
    FiveSClass {
        Mature1 => "mature_1", Tr::new("Mature I", "成熟客户一类", "Maduro I"), FIVE_S_MATURE_1;
        Mature2 => "mature_2", Tr::new("Mature II", "成熟客户二类", "Maduro II"), FIVE_S_MATURE_2;
        Mature3 => "mature_3", Tr::new("Mature III", "成熟客户三类", "Maduro III"), FIVE_S_MATURE_3;
        Potential1 => "potential_1", Tr::new("Potential I", "潜在客户一类", "Potencial I"), FIVE_S_POTENTIAL_1;
        Potential2 => "potential_2", Tr::new("Potential II", "潜在客户二类", "Potencial II"), FIVE_S_POTENTIAL_2;
        Potential3 => "potential_3", Tr::new("Potential III", "潜在客户三类", "Potencial III"), FIVE_S_POTENTIAL_3;
    }
}

/// A 5S flag. A customer may carry several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flag {
    Suspended,
    Eliminate,
    Custodial,
}

impl Flag {
    pub const ALL: [Flag; 3] = [Flag::Suspended, Flag::Eliminate, Flag::Custodial];

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    pub fn key(self) -> &'static str {
        match self {
            Flag::Suspended => "suspended",
            Flag::Eliminate => "eliminate",
            Flag::Custodial => "custodial",
        }
    }

    pub fn strategy(self) -> &'static Strategy {
        match self {
            Flag::Suspended => &FIVE_S_SUSPENDED,
            Flag::Eliminate => &FIVE_S_ELIMINATE,
            Flag::Custodial => &FIVE_S_CUSTODIAL,
        }
    }
}

/// The strategy for released customers.
pub fn released_strategy() -> &'static Strategy {
    &FIVE_S_RELEASED
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FiveSResult {
    pub class: Vec<Option<FiveSClass>>,
    /// Per customer, a bit set of [`Flag::bit`].
    pub flags: Vec<u8>,
    /// Per customer: released by straighten.
    pub released: Vec<bool>,
    /// Per customer: in the bottom share but kept because pinned.
    pub pinned: Vec<bool>,
    pub counts: [usize; 6],
    pub sales: [f64; 6],
    pub flag_counts: [usize; 3],
    pub released_counts: [usize; 6],
    /// Customers with none of their group's criteria.
    pub unclassed: usize,
}

impl FiveSResult {
    pub fn has(&self, i: usize, f: Flag) -> bool {
        self.flags.get(i).is_some_and(|b| b & f.bit() != 0)
    }

    /// The customer dynamic table's rating (the composite) of a kept customer; `None` when
    /// the customer is unclassed or released.
    pub fn rating(&self, p: &Prepared, i: usize) -> Option<f64> {
        let kept = self.class.get(i)?.is_some() && !*self.released.get(i)?;
        kept.then(|| p.prep::<FiveS>().composite[i])
    }
}

/// Sets `bit` on the customers of `idx` that pass `keep`.
fn mark(flags: &mut [u8], idx: &[u32], bit: u8, keep: impl Fn(usize) -> bool) {
    for &i in idx {
        if keep(i as usize) {
            flags[i as usize] |= bit;
        }
    }
}

/// The 5S flags of every customer. Each threshold selects a run of a column sorted once per
/// dataset, so the work is proportional to the customers flagged.
fn flags(p: &Prepared, s: &FiveSSettings) -> Vec<u8> {
    let ix = &p.index;
    let (f, existing) = (ix.flags(), &ix.col.existing);
    let n = p.ds.len();
    let mut flags = vec![0u8; n];
    let mature = |i: usize| existing[i];
    // Percentile ranks of sales exist for mature customers only.
    mark(
        &mut flags,
        f.sales_pct.lt(s.tiny_sales_pct),
        Flag::Suspended.bit(),
        |_| true,
    );
    mark(
        &mut flags,
        f.days_late.gt(s.slow_days_late),
        Flag::Eliminate.bit(),
        mature,
    );
    mark(
        &mut flags,
        f.on_time_pct.lt(s.violation_on_time_pct),
        Flag::Eliminate.bit(),
        mature,
    );
    mark(
        &mut flags,
        f.growth_pct.lt(s.low_growth_pct),
        Flag::Custodial.bit(),
        mature,
    );
    // Potential customers: count the signals in the upper bits, then keep the flag only.
    const ONE: u8 = 1 << 4;
    let potential = |i: usize| !existing[i];
    let mut signal = |idx: &[u32]| {
        for &i in idx {
            if potential(i as usize) {
                flags[i as usize] += ONE;
            }
        }
    };
    signal(f.forecast_pct.lt(s.small_forecast_pct));
    signal(f.difficulty.ge(s.hard_difficulty));
    signal(f.financial.le(s.weak_financial));
    for &i in &ix.prospects {
        let v = &mut flags[i as usize];
        let signals = *v >> 4;
        *v &= 0x0f;
        if signals >= s.potential_suspend_signals {
            *v |= Flag::Suspended.bit();
        }
    }
    flags
}

pub fn classify(p: &Prepared, s: &FiveSSettings) -> FiveSResult {
    let s = s.clone().normalized();
    let ix = &p.index;
    let n = p.ds.len();
    let fp = p.prep::<FiveS>();
    let order = &fp.order;
    let comp = |i: &u32| fp.composite[*i as usize];
    // Along the order (mature first, composite descending), each class is a run.
    let runs = |a: usize, b: usize| {
        let first = a + order[a..b].partition_point(|i| comp(i) >= s.first_min);
        let second = a + order[a..b].partition_point(|i| comp(i) >= s.second_min);
        [a, first, second.max(first), b]
    };
    let (m, b) = (runs(0, fp.mature), runs(fp.mature, order.len()));
    let bounds = [
        (m[0], m[1]),
        (m[1], m[2]),
        (m[2], m[3]),
        (b[0], b[1]),
        (b[1], b[2]),
        (b[2], b[3]),
    ];
    let pinned_ids = ix.indices_of(&p.ds, &s.pinned);
    let flags = flags(p, &s);
    let mut out = FiveSResult {
        class: vec![None; n],
        released: vec![false; n],
        pinned: vec![false; n],
        unclassed: n - order.len(),
        ..Default::default()
    };
    for (k, &(a, b)) in bounds.iter().enumerate() {
        let class = Some(<FiveSClass as Class>::ALL[k]);
        for &i in &order[a..b] {
            out.class[i as usize] = class;
        }
        out.counts[k] = b - a;
        out.sales[k] = fp.prefix.range(a, b).0;
        // Straighten: the bottom share of the class, rounded down, except the pinned.
        let quota = ((b - a) as f64 * s.release_pct / 100.0 + 1e-9).floor() as usize;
        for &i in &order[b - quota..b] {
            let i = i as usize;
            if pinned_ids.binary_search(&(i as u32)).is_ok() {
                out.pinned[i] = true;
            } else {
                out.released[i] = true;
                out.released_counts[k] += 1;
            }
        }
    }
    let mut hist = [[0usize; 8]; 4];
    for (i, &f) in flags.iter().enumerate() {
        hist[i & 3][usize::from(f & 7)] += 1;
    }
    for combo in 0..8usize {
        let count: usize = hist.iter().map(|h| h[combo]).sum();
        for flag in Flag::ALL {
            if combo & usize::from(flag.bit()) != 0 {
                out.flag_counts[flag as usize] += count;
            }
        }
    }
    out.flags = flags;
    out
}

/// Customer `i`'s reasons; a pinned customer's reason comes from `s`'s pins.
pub fn explain(p: &Prepared, s: &Settings, r: &FiveSResult, i: usize) -> Vec<Reason> {
    explain_placed(p, s, r, i, |k| {
        p.prep::<FiveS>()
            .order
            .iter()
            .rev()
            .take_while(|&&j| j as usize != i)
            .filter(|&&j| r.class[j as usize] == Some(k))
            .count()
    })
}

/// Per customer, how many of its class come after it in the 5S order (below it), counted in
/// one pass from the end; 0 for an unclassed customer.
fn below_in_class(p: &Prepared, r: &FiveSResult) -> Vec<u32> {
    let mut below = vec![0u32; p.ds.len()];
    let mut seen = [0u32; 6];
    for &j in p.prep::<FiveS>().order.iter().rev() {
        if let Some(k) = r.class[j as usize] {
            below[j as usize] = seen[k.index()];
            seen[k.index()] += 1;
        }
    }
    below
}

/// [`explain`], with how many of its class rank below a released or pinned customer from
/// `below`.
fn explain_placed(
    p: &Prepared,
    settings: &Settings,
    r: &FiveSResult,
    i: usize,
    below: impl FnOnce(FiveSClass) -> usize,
) -> Vec<Reason> {
    let s = settings.five_s.clone().normalized();
    if i >= p.ds.len() {
        return Vec::new();
    }
    let c = &p.ds.customers[i];
    let ix = &p.index;
    let fp = p.prep::<FiveS>();
    let comp = fp.composite[i];
    let mut out = Vec::new();
    match r.class[i] {
        None => out.push(Reason::missing(what::COMPOSITE, Unit::Points)),
        Some(k) => {
            let level = k.index() % 3;
            let cuts = [s.first_min, s.second_min];
            if level < 2 {
                out.push(Reason::with(
                    what::COMPOSITE,
                    comp,
                    Cmp::Ge,
                    cuts[level],
                    Unit::Points,
                ));
            }
            if level > 0 {
                out.push(Reason::with(
                    what::COMPOSITE,
                    comp,
                    Cmp::Lt,
                    cuts[level - 1],
                    Unit::Points,
                ));
            }
        }
    }
    if r.has(i, Flag::Suspended) {
        if c.is_existing() {
            out.push(Reason::with(
                what::SALES_PCT,
                ix.sales_pct[i],
                Cmp::Lt,
                s.tiny_sales_pct,
                Unit::Points,
            ));
        } else {
            if ix.forecast_pct[i] < s.small_forecast_pct {
                out.push(Reason::with(
                    what::FORECAST_PCT,
                    ix.forecast_pct[i],
                    Cmp::Lt,
                    s.small_forecast_pct,
                    Unit::Points,
                ));
            }
            if let Some(d) = c.attrs().difficulty.filter(|&d| d >= s.hard_difficulty) {
                out.push(Reason::with(
                    what::DIFFICULTY,
                    d,
                    Cmp::Ge,
                    s.hard_difficulty,
                    Unit::Points,
                ));
            }
            if let Some(v) = c
                .attrs()
                .financial_status
                .filter(|&v| v <= s.weak_financial)
            {
                out.push(Reason::with(
                    what::FINANCIAL,
                    v,
                    Cmp::Le,
                    s.weak_financial,
                    Unit::Points,
                ));
            }
        }
    }
    if r.has(i, Flag::Eliminate) {
        if let Some(d) = c.attrs().avg_days_late.filter(|&d| d > s.slow_days_late) {
            out.push(Reason::with(
                what::DAYS_LATE,
                d,
                Cmp::Gt,
                s.slow_days_late,
                Unit::Days,
            ));
        }
        if let Some(o) = c
            .attrs()
            .on_time_share
            .filter(|&o| o * 100.0 < s.violation_on_time_pct)
        {
            out.push(Reason::with(
                what::ON_TIME,
                o * 100.0,
                Cmp::Lt,
                s.violation_on_time_pct,
                Unit::Percent,
            ));
        }
    }
    if r.has(i, Flag::Custodial) {
        if let Some(g) = c.growth {
            out.push(Reason::with(
                what::GROWTH,
                g * 100.0,
                Cmp::Lt,
                s.low_growth_pct,
                Unit::Percent,
            ));
        }
    }
    if r.released[i] || r.pinned[i] {
        if let Some(k) = r.class[i] {
            let below = below(k);
            let share = below as f64 / r.counts[k.index()].max(1) as f64 * 100.0;
            out.push(Reason::with(
                what::RANK_IN_CLASS,
                share,
                Cmp::Lt,
                s.release_pct,
                Unit::Percent,
            ));
        }
        if r.pinned[i] {
            let pin = settings.exception(PinKind::KeepFiveS, &c.id);
            let why = pin.as_ref().map_or("", |p| p.reason.as_str());
            out.push(Reason::note_text(what::PINNED, why));
        }
    }
    out
}

/// One customer in a saved review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotEntry {
    pub id: String,
    pub class: FiveSClass,
    pub rating: Option<f64>,
    pub released: bool,
    pub flags: u8,
}

/// Coordinate (协调): a key customer's problem and the help given, recorded with a review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CoordinationNote {
    pub customer_id: String,
    pub problem: String,
    pub help: String,
}

/// A saved monthly review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub label: String,
    pub entries: Vec<SnapshotEntry>,
    /// The coordination log of this review (the user's own words; kept as given).
    #[serde(default)]
    pub notes: Vec<CoordinationNote>,
}

pub fn snapshot(p: &Prepared, r: &FiveSResult, label: &str) -> Snapshot {
    let entries =
        p.ds.customers
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                Some(SnapshotEntry {
                    id: c.id.clone(),
                    class: r.class.get(i).copied().flatten()?,
                    rating: r.rating(p, i),
                    released: r.released.get(i).copied().unwrap_or(false),
                    flags: r.flags.get(i).copied().unwrap_or(0),
                })
            })
            .collect();
    Snapshot {
        label: label.to_string(),
        entries,
        notes: Vec::new(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Move<C> {
    pub id: String,
    pub from: C,
    pub to: C,
}

/// Two reviews compared, customers matched by id. "Up" is towards a better class (a lower
/// index in `Class::ALL`; for 5S a potential customer turning mature moves up).
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotDiff<C> {
    pub moved_up: Vec<Move<C>>,
    pub moved_down: Vec<Move<C>>,
    pub new: Vec<String>,
    pub lost: Vec<String>,
    pub unchanged: usize,
    /// Moved up into the best class (卓越: the customers that rose to the top).
    pub rose_to_top: Vec<String>,
}

/// Diff of two per-customer class lists keyed by customer id. Output lists are sorted by id.
pub fn diff<C: Class>(old: &[(String, C)], new: &[(String, C)]) -> SnapshotDiff<C> {
    let before: HashMap<&str, C> = old.iter().map(|(id, c)| (id.as_str(), *c)).collect();
    let after: HashMap<&str, C> = new.iter().map(|(id, c)| (id.as_str(), *c)).collect();
    let mut d = SnapshotDiff {
        moved_up: Vec::new(),
        moved_down: Vec::new(),
        new: Vec::new(),
        lost: Vec::new(),
        unchanged: 0,
        rose_to_top: Vec::new(),
    };
    for (id, to) in new {
        match before.get(id.as_str()) {
            None => d.new.push(id.clone()),
            Some(&from) if from.index() > to.index() => {
                if to.index() == 0 {
                    d.rose_to_top.push(id.clone());
                }
                d.moved_up.push(Move {
                    id: id.clone(),
                    from,
                    to: *to,
                });
            }
            Some(&from) if from.index() < to.index() => d.moved_down.push(Move {
                id: id.clone(),
                from,
                to: *to,
            }),
            Some(_) => d.unchanged += 1,
        }
    }
    d.lost = old
        .iter()
        .filter(|(id, _)| !after.contains_key(id.as_str()))
        .map(|(id, _)| id.clone())
        .collect();
    d.moved_up.sort_by(|a, b| a.id.cmp(&b.id));
    d.moved_down.sort_by(|a, b| a.id.cmp(&b.id));
    d.new.sort();
    d.lost.sort();
    d.rose_to_top.sort();
    d
}

pub fn diff_snapshots(old: &Snapshot, new: &Snapshot) -> SnapshotDiff<FiveSClass> {
    let pairs = |s: &Snapshot| -> Vec<(String, FiveSClass)> {
        s.entries.iter().map(|e| (e.id.clone(), e.class)).collect()
    };
    diff(&pairs(old), &pairs(new))
}

/// The 5S sort, computed once per dataset.
#[derive(Clone, Debug, Default)]
pub struct FiveSPrep {
    /// Per customer, the composite (mean percentile rank of its group's criteria).
    pub composite: Vec<f64>,
    /// Customers with a composite, by group (mature first), composite descending, then id.
    pub order: Vec<u32>,
    /// How many entries of `order` are mature.
    pub mature: usize,
    pub prefix: Prefix,
}

fn prepare(ix: &Index) -> FiveSPrep {
    let col = &ix.col;
    let (composite, order) = composite(ix);
    FiveSPrep {
        mature: order.iter().filter(|&&i| col.existing[i as usize]).count(),
        prefix: Prefix::new(
            order
                .iter()
                .map(|&i| (col.sales[i as usize], col.profit[i as usize])),
        ),
        composite,
        order,
    }
}

/// The 5S sort composite. Mature (existing) customers: sales, payment speed (days late
/// inverted, else on-time share) and growth space, as percentile ranks among existing
/// customers. Potential customers: forecast volume, ease (difficulty inverted) and financial
/// status. The composite is the mean of the criteria the customer has.
fn composite(ix: &Index) -> (Vec<f64>, Vec<u32>) {
    let (col, by_id, sales_pct, forecast_pct) =
        (&ix.col, &ix.by_id, &ix.sales_pct, &ix.forecast_pct);
    let n = col.existing.len();
    // Each criterion's percentile ranks within the group, along the index's sorted column of
    // its figures (no sort of its own).
    let flags = ix.flags();
    let only = |mature: bool, s: SortedBy<'_>, descending: bool| -> Vec<f64> {
        pct_rank_along(s, |i| col.existing[i] == mature, descending, n)
    };
    // The mean of each customer's finite parts (as `mean_finite`: summed in the same order,
    // from 0), built up one ranked column at a time so that only one is held at once: at a
    // million customers each is 8 MB, and its ranking as much again.
    let mut sum = vec![0.0f64; n];
    let mut count = vec![0u8; n];
    let mut add = |part: &dyn Fn(usize) -> f64| {
        for (i, (s, k)) in sum.iter_mut().zip(count.iter_mut()).enumerate() {
            let x = part(i);
            if x.is_finite() {
                *s += x;
                *k += 1;
            }
        }
    };
    // Mature customers: sales, payment speed (days late, or else the on-time share), growth.
    add(&|i| {
        if col.existing[i] {
            sales_pct[i]
        } else {
            f64::NAN
        }
    });
    let mut speed = only(true, flags.days_late, true);
    {
        let on_time = only(true, flags.on_time_pct, false);
        for (s, &o) in speed.iter_mut().zip(&on_time) {
            if !s.is_finite() {
                *s = o;
            }
        }
    }
    add(&|i| speed[i]);
    drop(speed);
    let growth = only(true, flags.growth_pct, false);
    add(&|i| growth[i]);
    drop(growth);
    // Potential customers: forecast, ease (the inverse of difficulty), financial status.
    add(&|i| {
        if col.existing[i] {
            f64::NAN
        } else {
            forecast_pct[i]
        }
    });
    let ease = only(false, flags.difficulty, true);
    add(&|i| ease[i]);
    drop(ease);
    let fin = only(false, flags.financial, false);
    add(&|i| fin[i]);
    drop(fin);
    let composite: Vec<f64> = sum
        .into_iter()
        .zip(count)
        .map(|(s, k)| if k == 0 { f64::NAN } else { s / f64::from(k) })
        .collect();
    // By group (mature first), composite descending, then id: a stable sort by composite of
    // the customers in id order, then a stable split by group.
    let mut keyed: Vec<(u64, u32)> = by_id
        .iter()
        .filter(|&&i| composite[i as usize].is_finite())
        .map(|&i| (!key_asc(composite[i as usize]), i))
        .collect();
    radix_sort(&mut keyed);
    let (mut order, potential): (Vec<u32>, Vec<u32>) = keyed
        .into_iter()
        .map(|t| t.1)
        .partition(|&i| col.existing[i as usize]);
    order.extend(potential);
    order.shrink_to_fit();
    (composite, order)
}

/// The 5S review in the registry.
pub struct FiveS;

impl MethodDef for FiveS {
    const KEY: &'static str = "five_s";
    const NAME: Tr = Tr::new("5S review", "客户5S管理", "Revisión 5S");
    const PURPOSE: Tr = Tr::new(
        "The monthly review: rate, suspend, straighten, coordinate, maintain.",
        "月度回顾：评级、暂停、整顿、协调、维护。",
        "La revisión mensual: calificar, suspender, ordenar, coordinar, mantener.",
    );
    const DIMENSION: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("5S", "5S", "5S"));
    const EXPLAINED: bool = true;
    type Class = FiveSClass;
    type Output = FiveSResult;
    type Prep = FiveSPrep;

    fn prepare(_ds: &Dataset, ix: &Index) -> FiveSPrep {
        prepare(ix)
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.five_s != new.five_s
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> FiveSResult {
        classify(p, &s.five_s)
    }

    fn classes(out: &FiveSResult) -> Option<&[Option<Self::Class>]> {
        Some(&out.class)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &FiveSResult,
        i: usize,
    ) -> Option<Explained> {
        Some(with_flags(out, i, explain(p, s, out, i)))
    }

    /// Every customer's place in its class at once, rather than a count per customer.
    fn explain_many(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &FiveSResult,
        rows: &[usize],
    ) -> Vec<Option<Explained>> {
        let below = below_in_class(p, out);
        rows.iter()
            .map(|&i| {
                let reasons = explain_placed(p, s, out, i, |_| below[i] as usize);
                Some(with_flags(out, i, reasons))
            })
            .collect()
    }

    /// What the page and the review show: classes, flags and releases.
    fn same(a: &FiveSResult, b: &FiveSResult) -> bool {
        a.class == b.class && a.released == b.released && a.flags == b.flags
    }
}

/// Customer `i`'s 5S explanation: its class and reasons, and the strategies of its flags and
/// of its release.
fn with_flags(out: &FiveSResult, i: usize, reasons: Vec<Reason>) -> Explained {
    let mut e = Explained::new(pick(&out.class, i), reasons);
    e.also = Flag::ALL
        .iter()
        .filter(|&&f| out.has(i, f))
        .map(|f| f.strategy())
        .collect();
    if out.released.get(i).copied().unwrap_or(false) {
        e.also.push(released_strategy());
    }
    e
}

#[cfg(test)]
pub(crate) fn flags_of(p: &Prepared, s: &FiveSSettings, i: usize) -> u8 {
    let ix = &p.index;
    let c = &ix.col;
    let mut f = 0;
    if c.existing[i] {
        if ix.sales_pct[i] < s.tiny_sales_pct {
            f |= Flag::Suspended.bit();
        }
        let slow = c.days_late[i] > s.slow_days_late;
        let violations = c.on_time[i] * 100.0 < s.violation_on_time_pct;
        if slow || violations {
            f |= Flag::Eliminate.bit();
        }
        if c.growth[i] * 100.0 < s.low_growth_pct {
            f |= Flag::Custodial.bit();
        }
    } else {
        let signals = u8::from(ix.forecast_pct[i] < s.small_forecast_pct)
            + u8::from(c.difficulty[i] >= s.hard_difficulty)
            + u8::from(c.financial[i] <= s.weak_financial);
        if signals >= s.potential_suspend_signals {
            f |= Flag::Suspended.bit();
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;
    use crate::model::Dataset;
    use FiveSClass::*;

    fn mature(id: &str, sales: f64, late: f64, growth: f64) -> Customer {
        Customer {
            id: id.into(),
            sales,
            orders: Some(3),
            attrs: crate::model::Attributes {
                avg_days_late: Some(late),
                ..Default::default()
            }
            .into(),
            growth: Some(growth),
            ..Default::default()
        }
    }

    fn prospect(id: &str, forecast: f64, difficulty: f64, financial: f64) -> Customer {
        Customer {
            id: id.into(),
            attrs: crate::model::Attributes {
                upcoming_volume: Some(forecast),
                difficulty: Some(difficulty),
                financial_status: Some(financial),
                ..Default::default()
            }
            .into(),
            ..Default::default()
        }
    }

    fn fixture() -> Prepared {
        // Mature m0..m4: sales 500 400 300 200 100 → pct 100 75 50 25 0;
        // days late 0 10 20 90 40 → speed pct (fewer better) 100 75 50 0 25;
        // growth .30 .20 −.05 .10 .00 → pct 100 75 0 50 25.
        // Composite: m0 100, m1 75, m2 33.33, m3 25, m4 16.67.
        // Prospects p0..p2: forecast 900 100 500 → pct 100 0 50; ease (difficulty 10 80 50
        // inverted) → 100 0 50; financial 90 20 50 → 100 0 50. Composite 100, 0, 50.
        let cs = vec![
            mature("m0", 500.0, 0.0, 0.30),
            mature("m1", 400.0, 10.0, 0.20),
            mature("m2", 300.0, 20.0, -0.05),
            mature("m3", 200.0, 90.0, 0.10),
            mature("m4", 100.0, 40.0, 0.00),
            prospect("p0", 900.0, 10.0, 90.0),
            prospect("p1", 100.0, 80.0, 20.0),
            prospect("p2", 500.0, 50.0, 50.0),
        ];
        Prepared::new(Dataset::new(cs, vec![], None))
    }

    #[test]
    fn sorted_flags_equal_the_per_customer_rules() {
        let p = fixture();
        for s in [
            FiveSSettings::default(),
            FiveSSettings {
                potential_suspend_signals: 1,
                tiny_sales_pct: 30.0,
                low_growth_pct: 15.0,
                ..Default::default()
            },
        ] {
            let r = classify(&p, &s);
            let naive: Vec<u8> = (0..p.ds.len())
                .map(|i| flags_of(&p, &s.clone().normalized(), i))
                .collect();
            assert_eq!(r.flags, naive);
        }
    }

    #[test]
    fn snapshot_diff_by_hand() {
        let p = fixture();
        let r = classify(&p, &FiveSSettings::default());
        let jan = snapshot(&p, &r, "2026-01");
        assert_eq!(jan.entries.len(), 8);
        let old = vec![
            ("a".to_string(), Mature2),
            ("b".into(), Mature1),
            ("c".into(), Potential1),
            ("d".into(), Mature3),
            ("e".into(), Mature3),
        ];
        let new = vec![
            ("a".to_string(), Mature1),
            ("b".into(), Mature2),
            ("c".into(), Mature3),
            ("e".into(), Mature3),
            ("f".into(), Potential2),
        ];
        let d = diff(&old, &new);
        let ups: Vec<_> = d
            .moved_up
            .iter()
            .map(|m| (m.id.as_str(), m.from, m.to))
            .collect();
        assert_eq!(ups, [("a", Mature2, Mature1), ("c", Potential1, Mature3)]);
        assert_eq!(d.moved_down.len(), 1);
        assert_eq!(d.moved_down[0].id, "b");
        assert_eq!(d.new, ["f"]);
        assert_eq!(d.lost, ["d"]);
        assert_eq!(d.unchanged, 1);
        assert_eq!(d.rose_to_top, ["a"]);
        let same = diff_snapshots(&jan, &jan);
        assert_eq!(same.unchanged, 8);
        // A snapshot saved before notes existed still reads.
        let json = r#"{"label":"2025-12","entries":[{"id":"m0","class":"Mature1","rating":100.0,"released":false,"flags":0}]}"#;
        let old: Snapshot = serde_json::from_str(json).unwrap();
        assert!(old.notes.is_empty());
        assert_eq!(diff_snapshots(&old, &jan).new.len(), 7);
    }
}

//! Method 7: Weighted multi-criteria score (多角度衡量, 按比例加权).
//!
//! Criteria: credit (days late inverted, on-time share and credit rating, each normalised,
//! then averaged over those the customer has), order amount (sales of existing customers),
//! development prospects (a rating), profit contribution, and loyalty, attitude and growth
//! when the data has them. Each is normalised to 0–100 over the customers that have it, by
//! min-max or percentile rank (a setting). Criteria absent from the whole dataset drop out and
//! the weights are renormalised to sum to 100%. A customer lacking some criteria is scored
//! over the ones it has (the weights renormalised again for it), never with a gap read as
//! zero; the share of the weight its known criteria carry is its coverage. Bands: A ≥ 80,
//! B ≥ 60, C ≥ 40, D below.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::{min_max, pct_rank, pct_rank_along, Index, Prepared, Tally};
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::Settings;
use crate::settings::{Normalization, ScoreSettings};
use std::sync::OnceLock;

// The strategies of its classes.
strategy!(
    SCORE_A,
    "score.a",
    Tr::new(
        "Score A: best all round",
        "A 级：综合最优",
        "Puntuación A: los mejores en conjunto"
    ),
    [Tr::new(
        "Priority resources, credit and service",
        "优先配置资源、信用额度与服务",
        "Prioridad en recursos, crédito y servicio"
    ),]
);
strategy!(
    SCORE_B,
    "score.b",
    Tr::new(
        "Score B: good, improve the weak criterion",
        "B 级：良好，改进短板",
        "Puntuación B: bueno, mejorar el criterio débil"
    ),
    [Tr::new(
        "Work on the lowest criterion in the breakdown",
        "针对评分明细中最低的指标改进",
        "Trabajar el criterio más bajo del desglose"
    ),]
);
strategy!(
    SCORE_C,
    "score.c",
    Tr::new(
        "Score C: standard terms",
        "C 级：标准条件",
        "Puntuación C: condiciones estándar"
    ),
    [Tr::new(
        "Standard service; watch payment and margin",
        "标准服务，关注回款与利润",
        "Servicio estándar; vigilar cobro y beneficio"
    ),]
);
strategy!(
    SCORE_D,
    "score.d",
    Tr::new(
        "Score D: limit exposure",
        "D 级：控制风险",
        "Puntuación D: limitar la exposición"
    ),
    [Tr::new(
        "Prepayment or tight credit; minimal service",
        "预付款或严格信用，最低限度服务",
        "Pago anticipado o crédito estricto; servicio mínimo"
    ),]
);

pub const CRITERIA: usize = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    Credit,
    OrderAmount,
    Prospects,
    Profit,
    Loyalty,
    Attitude,
    Growth,
}

impl Criterion {
    pub const ALL: [Criterion; CRITERIA] = [
        Criterion::Credit,
        Criterion::OrderAmount,
        Criterion::Prospects,
        Criterion::Profit,
        Criterion::Loyalty,
        Criterion::Attitude,
        Criterion::Growth,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Criterion::Credit => "credit",
            Criterion::OrderAmount => "order_amount",
            Criterion::Prospects => "prospects",
            Criterion::Profit => "profit",
            Criterion::Loyalty => "loyalty",
            Criterion::Attitude => "attitude",
            Criterion::Growth => "growth",
        }
    }

    pub fn name(self) -> Tr {
        match self {
            Criterion::Credit => what::CREDIT,
            Criterion::OrderAmount => what::ORDER_AMOUNT,
            Criterion::Prospects => what::PROSPECTS,
            Criterion::Profit => what::PROFIT,
            Criterion::Loyalty => what::LOYALTY,
            Criterion::Attitude => what::ATTITUDE,
            Criterion::Growth => what::GROWTH,
        }
    }
}

class_enum! {
    ScoreBand {
        A => "A", Tr::new("A (≥ 80)", "A（≥ 80）", "A (≥ 80)"), SCORE_A;
        B => "B", Tr::new("B (60–80)", "B（60–80）", "B (60–80)"), SCORE_B;
        C => "C", Tr::new("C (40–60)", "C（40–60）", "C (40–60)"), SCORE_C;
        D => "D", Tr::new("D (< 40)", "D（< 40）", "D (< 40)"), SCORE_D;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreResult {
    /// Per customer, 0–100; NaN when unscored.
    pub score: Vec<f64>,
    pub band: Vec<Option<ScoreBand>>,
    pub counts: [usize; 4],
    pub sales: [f64; 4],
    pub profit: [f64; 4],
    /// The weights in use, in [`Criterion::ALL`] order, summing to 100 over the criteria the
    /// dataset has (0 for absent criteria).
    pub weights: [f64; CRITERIA],
    /// Which criteria the dataset has.
    pub present: [bool; CRITERIA],
    pub unclassed: usize,
}

/// Fields the score needs at least one of.
pub const SCORE_FIELDS: &[Field] = &[
    Field::AvgDaysLate,
    Field::OnTimeShare,
    Field::CreditRating,
    Field::Amount,
    Field::Prospects,
    Field::Profit,
    Field::Loyalty,
    Field::Attitude,
    Field::Growth,
];

/// Raw weights → weights in percent summing to 100 over the present criteria. Negative or
/// non-finite weights count as 0; all-zero weights become equal weights. No criterion present:
/// all zero.
pub fn effective_weights(raw: [f64; CRITERIA], present: [bool; CRITERIA]) -> [f64; CRITERIA] {
    let clean = |k: usize| {
        if present[k] && raw[k].is_finite() && raw[k] > 0.0 {
            raw[k]
        } else {
            0.0
        }
    };
    let total: f64 = (0..CRITERIA).map(clean).sum();
    let n_present = present.iter().filter(|&&p| p).count();
    let mut out = [0.0; CRITERIA];
    for k in 0..CRITERIA {
        out[k] = if total > 0.0 {
            clean(k) / total * 100.0
        } else if present[k] {
            100.0 / n_present as f64
        } else {
            0.0
        };
    }
    out
}

/// Mode `m`'s per-criterion columns (0 min-max, 1 percentile rank), `[criterion][customer]`,
/// each score source normalised on its own; missing values NaN until [`finish_criteria`]. A
/// source no customer has may be empty (read as missing). The three sources of the credit
/// criterion are dropped once it is built, so that at most four columns are held besides
/// the criteria (at a million customers each is 8 MB).
fn criteria_of(ds: &Dataset, ix: &Index, m: usize) -> [Vec<f64>; CRITERIA] {
    let col = &ix.col;
    let n = ds.len();
    let flags = ix.flags();
    let along = |k: usize| match k {
        SUB_DAYS_LATE => Some(flags.days_late),
        SUB_ON_TIME => Some(flags.on_time_pct),
        SUB_RATING => Some(flags.credit),
        SUB_GROWTH => Some(flags.growth_pct),
        _ => None,
    };
    let norm = |k: usize, values: &[f64]| -> Vec<f64> {
        let mut v = if m == 0 {
            min_max(values)
        } else if k == SUB_SALES {
            // The sales ranks are the index's `sales_pct`, from the same figures.
            ix.sales_pct.clone()
        } else if let Some(sorted) = along(k) {
            // A figure the index keeps sorted: ranked along its order, without a sort.
            pct_rank_along(sorted, |_| true, false, values.len())
        } else {
            pct_rank(values)
        };
        if k == SUB_DAYS_LATE {
            // Fewer days late is better.
            for x in v.iter_mut() {
                *x = 100.0 - *x;
            }
        }
        v
    };
    let credit = {
        let subs = [
            norm(SUB_DAYS_LATE, &col.days_late),
            norm(SUB_ON_TIME, &col.on_time),
            norm(SUB_RATING, &col.credit),
        ];
        let at = |k: usize, i: usize| subs[k].get(i).copied().unwrap_or(f64::NAN);
        (0..n)
            .map(|i| crate::classify::prepared::mean_finite(&[at(0, i), at(1, i), at(2, i)]))
            .collect()
    };
    let sales = if m == 0 {
        let sales_raw: Vec<f64> = (0..n)
            .map(|i| {
                if col.existing[i] && col.sales[i].is_finite() {
                    col.sales[i]
                } else {
                    f64::NAN
                }
            })
            .collect();
        norm(SUB_SALES, &sales_raw)
    } else {
        norm(SUB_SALES, &[])
    };
    [
        credit,
        sales,
        norm(SUB_PROSPECTS, &col.prospects),
        norm(SUB_PROFIT, &col.profit),
        norm(SUB_LOYALTY, &col.loyalty),
        norm(SUB_ATTITUDE, &col.attitude),
        norm(SUB_GROWTH, &col.growth),
    ]
}

/// Per customer, the bit set of the criteria it has (a value is missing in one mode exactly
/// when it is in the other: both normalisations keep NaN and only NaN).
fn criteria_mask(cols: &[Vec<f64>; CRITERIA], n: usize) -> Vec<u8> {
    let mut mask = vec![0u8; n];
    for (k, c) in cols.iter().enumerate() {
        for (m, v) in mask.iter_mut().zip(c) {
            *m |= u8::from(v.is_finite()) << k;
        }
    }
    mask
}

/// 0 for a missing value; a criterion no customer has (bit clear in `present`) is never
/// read (its weight is 0 and it is not shown): its column is left empty rather than n zeros.
fn finish_criteria(cols: &mut [Vec<f64>; CRITERIA], present: u8) {
    for (k, c) in cols.iter_mut().enumerate() {
        if present & (1 << k) == 0 {
            *c = Vec::new();
        }
    }
    for v in cols.iter_mut().flatten() {
        if !v.is_finite() {
            *v = 0.0;
        }
    }
}

fn mode(n: Normalization) -> usize {
    match n {
        Normalization::MinMax => 0,
        Normalization::PercentRank => 1,
    }
}

pub fn band_of(score: f64, s: &ScoreSettings) -> ScoreBand {
    // Branch-free (the lines are ordered a ≥ b ≥ c by `normalized`).
    let below =
        usize::from(score < s.a_min) + usize::from(score < s.b_min) + usize::from(score < s.c_min);
    <ScoreBand as Class>::ALL[below]
}

pub fn classify(p: &Prepared, s: &ScoreSettings) -> Result<ScoreResult, Missing> {
    let s = s.clone().normalized();
    let ix = &p.index;
    let sp = p.prep::<Score>();
    let cols = sp.criteria(p, mode(s.normalization));
    let mask = &sp.criteria_mask;
    let present: [bool; CRITERIA] = std::array::from_fn(|k| sp.criteria_present & (1 << k) != 0);
    if !present.iter().any(|&x| x) {
        return Err(Missing {
            any_of: SCORE_FIELDS,
        });
    }
    let weights = effective_weights(s.weights.to_array(), present);
    let n = p.ds.len();
    // Weighted sums (missing values are stored as 0 and masked), in blocks that stay in the
    // first-level cache while each criterion column streams through once.
    let active: Vec<(&[f64], f64)> = (0..CRITERIA)
        .filter(|&k| weights[k] > 0.0)
        .map(|k| (cols[k].as_slice(), weights[k]))
        .collect();
    let mut score = vec![0.0; n];
    const BLOCK: usize = 512;
    for (b, acc) in score.chunks_mut(BLOCK).enumerate() {
        let (from, len) = (b * BLOCK, acc.len());
        for &(c, w) in &active {
            for (a, v) in acc.iter_mut().zip(&c[from..from + len]) {
                *a += w * v;
            }
        }
    }
    // The weight each combination of known criteria carries.
    let cover: [f64; 1 << CRITERIA] = std::array::from_fn(|m| {
        (0..CRITERIA)
            .filter(|&k| m & (1 << k) != 0)
            .map(|k| weights[k])
            .sum()
    });
    let min_cover = s.min_coverage_pct - 1e-9;
    let col = &ix.col;
    let mut band = vec![None; n];
    let mut tally = Tally::<4>::new();
    let mut unclassed = 0;
    for i in 0..n {
        let co = cover[mask[i] as usize];
        if co > 0.0 && co >= min_cover {
            let sc = score[i] / co;
            let b = band_of(sc, &s);
            score[i] = sc;
            band[i] = Some(b);
            tally.add(i, b.index(), col.sales[i], col.profit[i]);
        } else {
            score[i] = f64::NAN;
            unclassed += 1;
        }
    }
    let (counts, sales, profit) = tally.finish();
    let out = ScoreResult {
        score,
        band,
        counts,
        sales,
        profit,
        weights,
        present,
        unclassed,
    };
    Ok(out)
}

/// One line of the weight × criterion breakdown.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub criterion: Criterion,
    /// The normalised criterion, 0–100; `None` when the customer lacks it.
    pub value: Option<f64>,
    /// The criterion's weight for this customer, in percent (renormalised over the criteria
    /// it has; the weights of its known criteria sum to 100).
    pub weight: f64,
    /// weight × value / 100: the points it adds to the score.
    pub points: f64,
}

pub fn breakdown(p: &Prepared, s: &ScoreSettings, r: &ScoreResult, i: usize) -> Vec<Contribution> {
    let s = s.clone().normalized();
    let sp = p.prep::<Score>();
    let cols = sp.criteria(p, mode(s.normalization));
    if i >= p.ds.len() {
        return Vec::new();
    }
    let mask = &p.prep::<Score>().criteria_mask;
    let known = |k: usize| mask[i] & (1 << k) != 0;
    let cover: f64 = (0..CRITERIA)
        .filter(|&k| known(k))
        .map(|k| r.weights[k])
        .sum();
    Criterion::ALL
        .iter()
        .enumerate()
        .filter(|&(k, _)| r.present[k])
        .map(|(k, &criterion)| {
            let v = cols[k][i];
            let known = known(k) && cover > 0.0;
            let weight = if known {
                r.weights[k] / cover * 100.0
            } else {
                0.0
            };
            Contribution {
                criterion,
                value: known.then_some(v),
                weight,
                points: if known { weight * v / 100.0 } else { 0.0 },
            }
        })
        .collect()
}

pub fn explain(p: &Prepared, s: &ScoreSettings, r: &ScoreResult, i: usize) -> Vec<Reason> {
    let s = s.clone().normalized();
    if i >= p.ds.len() {
        return Vec::new();
    }
    let mask = &p.prep::<Score>().criteria_mask;
    let known = |k: usize| mask[i] & (1 << k) != 0;
    let cover: f64 = (0..CRITERIA)
        .filter(|&k| known(k))
        .map(|k| r.weights[k])
        .sum();
    let mut out = Vec::new();
    match r.band[i] {
        Some(b) => {
            let sc = r.score[i];
            let cuts = [s.a_min, s.b_min, s.c_min];
            let k = b.index();
            if k < 3 {
                out.push(Reason::with(
                    what::SCORE,
                    sc,
                    Cmp::Ge,
                    cuts[k],
                    Unit::Points,
                ));
            }
            if k > 0 {
                out.push(Reason::with(
                    what::SCORE,
                    sc,
                    Cmp::Lt,
                    cuts[k - 1],
                    Unit::Points,
                ));
            }
        }
        None => out.push(Reason::with(
            what::WEIGHT_COVERAGE,
            cover,
            Cmp::Lt,
            s.min_coverage_pct.max(f64::MIN_POSITIVE),
            Unit::Percent,
        )),
    }
    out.push(Reason::info(what::WEIGHT_COVERAGE, cover, Unit::Percent));
    for c in breakdown(p, &s, r, i) {
        match c.value {
            Some(v) => out.push(Reason::info(c.criterion.name(), v, Unit::Points)),
            None => out.push(Reason::missing(c.criterion.name(), Unit::Points)),
        }
    }
    out
}

/// The score criteria, normalised once per dataset.
#[derive(Clone, Debug, Default)]
pub struct ScorePrep {
    /// `criteria[mode]`, once computed: `[criterion][customer]`, the score criteria, 0–100
    /// (mode 0 min-max, mode 1 percentile rank), inverted criteria already flipped, 0 when
    /// missing. The default mode (percentile rank) is computed with the prep, the other on
    /// its first use: a million customers hold 56 MB less until someone switches.
    criteria: [OnceLock<[Vec<f64>; CRITERIA]>; 2],
    /// Per customer, bit `k` set when it has criterion `k`.
    pub(crate) criteria_mask: Vec<u8>,
    /// Bit `k` set when any customer has criterion `k`.
    pub(crate) criteria_present: u8,
}

impl ScorePrep {
    /// Mode `m`'s criteria columns (see [`ScorePrep::criteria`]), computed on first use.
    fn criteria(&self, p: &Prepared, m: usize) -> &[Vec<f64>; CRITERIA] {
        self.criteria[m].get_or_init(|| {
            let mut cols = criteria_of(&p.ds, &p.index, m);
            finish_criteria(&mut cols, self.criteria_present);
            cols
        })
    }
}

/// Score criteria sources that are normalised individually (see [`crate::classify::score`]).
const SUB_DAYS_LATE: usize = 0;
const SUB_ON_TIME: usize = 1;
const SUB_RATING: usize = 2;
const SUB_SALES: usize = 3;
const SUB_PROSPECTS: usize = 4;
const SUB_PROFIT: usize = 5;
const SUB_LOYALTY: usize = 6;
const SUB_ATTITUDE: usize = 7;
const SUB_GROWTH: usize = 8;

fn prepare(ds: &Dataset, ix: &Index) -> ScorePrep {
    let n = ds.len();
    // The settings' default mode (percentile rank), which the first classification reads.
    let m = mode(ScoreSettings::default().normalization);
    let mut cols = criteria_of(ds, ix, m);
    let criteria_mask = criteria_mask(&cols, n);
    let criteria_present = criteria_mask.iter().fold(0, |a, &m| a | m);
    finish_criteria(&mut cols, criteria_present);
    let prep = ScorePrep {
        criteria: Default::default(),
        criteria_mask,
        criteria_present,
    };
    let _ = prep.criteria[m].set(cols);
    prep
}

/// The weighted score in the registry.
pub struct Score;

impl MethodDef for Score {
    const KEY: &'static str = "score";
    const NAME: Tr = Tr::new("Weighted score", "加权评分", "Puntuación ponderada");
    const PURPOSE: Tr = Tr::new(
        "A weighted score over credit, orders, prospects, profit, loyalty, attitude and growth.",
        "按信用、订单、前景、利润、忠诚度、态度和增长加权评分。",
        "Una puntuación ponderada de crédito, pedidos, perspectivas, beneficio, lealtad, actitud y crecimiento.",
    );
    const DIMENSION: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("Score band", "评分档", "Banda de puntuación"));
    const EXPLAINED: bool = true;
    type Class = ScoreBand;
    type Output = Result<ScoreResult, Missing>;
    type Prep = ScorePrep;

    fn prepare(ds: &Dataset, ix: &Index) -> ScorePrep {
        prepare(ds, ix)
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.score != new.score
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Self::Output {
        classify(p, &s.score)
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }

    fn classes(out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        Some(&out.as_ref().ok()?.band)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        Some(Explained::new(
            Self::class_of(out, i),
            explain(p, &s.score, r, i),
        ))
    }

    /// Unscored customers hold NaN: compare the bands and counts.
    fn same(a: &Self::Output, b: &Self::Output) -> bool {
        let band = |r: &Self::Output| r.as_ref().map(|s| (s.band.clone(), s.counts)).ok();
        band(a) == band(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, Dataset};
    use crate::settings::ScoreWeights;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Three existing customers and one prospect.
    ///
    /// | id | sales | profit | days late | prospects |
    /// |----|-------|--------|-----------|-----------|
    /// | a  | 1000  | 200    | 0         | 80        |
    /// | b  | 500   | 50     | 30        | 40        |
    /// | c  | 0→prospect | –  | –         | 100       |
    /// | d  | 250   | 100    | 60        | –         |
    fn fixture() -> Prepared {
        let rows = [
            ("a", 1000.0, Some(200.0), Some(0.0), Some(80.0)),
            ("b", 500.0, Some(50.0), Some(30.0), Some(40.0)),
            ("c", 0.0, None, None, Some(100.0)),
            ("d", 250.0, Some(100.0), Some(60.0), None),
        ];
        let customers = rows
            .iter()
            .map(|&(id, sales, profit, late, prospects)| Customer {
                id: id.into(),
                sales,
                profit,
                attrs: crate::model::Attributes {
                    avg_days_late: late,
                    prospects_rating: prospects,
                    ..Default::default()
                }
                .into(),
                orders: Some(u32::from(sales > 0.0)),
                ..Default::default()
            })
            .collect();
        Prepared::new(Dataset::new(customers, vec![], None))
    }

    #[test]
    fn fixture_min_max_by_hand() {
        // Weights: credit 40, order amount 30, prospects 10, profit 20 (others absent).
        // Min-max: credit (days late inverted): a 100, b 50, d 0.
        //   order amount: a 100, b (500−250)/750 = 33.33, d 0.
        //   prospects: a (80−40)/60 = 66.67, b 0, c 100.
        //   profit: a 100, b 0, d (100−50)/150 = 33.33.
        // a = (40·100 + 30·100 + 10·66.67 + 20·100) / 100 = 96.67 → A
        // b = (40·50 + 30·33.33 + 0 + 0) / 100 = 30 → D
        // c = prospects only: 100 → A
        // d = (0 + 0 + 20·33.33) / 90 = 7.41 → D
        let p = fixture();
        let s = ScoreSettings {
            weights: ScoreWeights {
                credit: 40.0,
                order_amount: 30.0,
                prospects: 10.0,
                profit: 20.0,
                loyalty: 0.0,
                attitude: 0.0,
                growth: 0.0,
            },
            // Every customer with a known criterion is scored (the default asks for half
            // the weight: see below).
            min_coverage_pct: 0.0,
            normalization: Normalization::MinMax,
            ..Default::default()
        };
        let r = classify(&p, &s).unwrap();
        assert!(close(r.score[0], 96.0 + 2.0 / 3.0));
        assert!(close(r.score[1], 30.0));
        assert!(close(r.score[2], 100.0));
        assert!(close(r.score[3], 2000.0 / 3.0 / 90.0));
        use ScoreBand::*;
        assert_eq!(r.band, vec![Some(A), Some(D), Some(A), Some(D)]);
        // With the default minimum coverage of 50%: c is known by prospects alone, 10% of the
        // weight, so it is not scored; b (100%) and d (90%) still are.
        let half = ScoreSettings {
            min_coverage_pct: 50.0,
            ..s.clone()
        };
        let r50 = classify(&p, &half).unwrap();
        assert_eq!(r50.band, vec![Some(A), Some(D), None, Some(D)]);
        assert_eq!(r50.unclassed, 1);
        assert_eq!(ScoreSettings::default().min_coverage_pct, 50.0);
        assert_eq!(r.weights, [40.0, 30.0, 10.0, 20.0, 0.0, 0.0, 0.0]);
        // d's breakdown: prospects missing → weights over 90: credit 44.4, amount 33.3, profit 22.2.
        let b = breakdown(&p, &s, &r, 3);
        assert_eq!(b.len(), 4);
        assert_eq!(b[2].value, None);
        assert!(close(b.iter().map(|c| c.weight).sum::<f64>(), 100.0));
        assert!(close(b.iter().map(|c| c.points).sum::<f64>(), r.score[3]));
        assert!(close(b[3].weight, 200.0 / 9.0));
    }

    #[test]
    fn fixture_percent_rank() {
        // Percentile ranks (3 values → 0, 50, 100): credit a 100, b 50, d 0; amount a 100,
        // b 50, d 0; prospects a 50, b 0, c 100; profit a 100, b 0, d 50.
        // Equal weights 25 each over the four present criteria (raw weights all zero).
        // a = (100 + 100 + 50 + 100) / 4 = 87.5 → A; b = (50 + 50 + 0 + 0) / 4 = 25 → D;
        // d = (0 + 0 + 50) / 3 = 16.67 → D.
        let p = fixture();
        let s = ScoreSettings {
            weights: ScoreWeights {
                credit: 0.0,
                order_amount: 0.0,
                prospects: 0.0,
                profit: 0.0,
                loyalty: 0.0,
                attitude: 0.0,
                growth: 0.0,
            },
            normalization: Normalization::PercentRank,
            ..Default::default()
        };
        let r = classify(&p, &s).unwrap();
        assert_eq!(r.weights, [25.0, 25.0, 25.0, 25.0, 0.0, 0.0, 0.0]);
        assert!(close(r.score[0], 87.5));
        assert!(close(r.score[1], 25.0));
        assert!(close(r.score[3], 50.0 / 3.0));
    }
}

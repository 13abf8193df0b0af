//! Every threshold and weight, in one versioned serde struct. Defaults come from the domain
//! (../shared/domain.md). Percentages are stored as percent (80.0 = 80%), as the sliders show them.

use crate::classify::Method;
use crate::i18n::Tr;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod pins;
pub use pins::{Pin, PinKind};

/// Bumped whenever a field changes meaning; older settings are migrated or reset per section.
pub const SETTINGS_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub version: u32,
    pub abc: AbcSettings,
    pub tiers: TierSettings,
    pub potential: PotentialSettings,
    pub value: ValueSettings,
    pub staffing: StaffingSettings,
    pub wallet: WalletSettings,
    pub score: ScoreSettings,
    pub pyramid: PyramidSettings,
    pub crosstab: CrossTabSettings,
    pub five_s: FiveSSettings,
    pub readiness: ReadinessSettings,
    pub risk: RiskSettings,
    pub cross_sell: CrossSellSettings,
    pub rfm: RfmSettings,
    pub clv: ClvSettings,
    /// The date the analysis is made: recency, RFM and the CLV models count from it, and
    /// the log's orders after it are left out. `None`: the newest date in the log.
    pub as_of: Option<NaiveDate>,
    /// The reason and date of each pinned exception (`value.kept_bzc`, `five_s.pinned`):
    /// see [`pins`].
    pub pins: Vec<Pin>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            abc: AbcSettings::default(),
            tiers: TierSettings::default(),
            potential: PotentialSettings::default(),
            value: ValueSettings::default(),
            staffing: StaffingSettings::default(),
            wallet: WalletSettings::default(),
            score: ScoreSettings::default(),
            pyramid: PyramidSettings::default(),
            crosstab: CrossTabSettings::default(),
            five_s: FiveSSettings::default(),
            readiness: ReadinessSettings::default(),
            risk: RiskSettings::default(),
            cross_sell: CrossSellSettings::default(),
            rfm: RfmSettings::default(),
            clv: ClvSettings::default(),
            as_of: None,
            pins: Vec::new(),
        }
    }
}

impl Settings {
    /// Clamp every field into its valid range, so that any stored or hand-edited value is safe.
    pub fn normalized(mut self) -> Self {
        self.version = SETTINGS_VERSION;
        self.abc = self.abc.normalized();
        self.tiers = self.tiers.normalized();
        self.potential = self.potential.normalized();
        self.value = self.value.normalized();
        self.staffing = self.staffing.normalized();
        self.wallet = self.wallet.normalized();
        self.score = self.score.normalized();
        self.pyramid = self.pyramid.normalized();
        self.five_s = self.five_s.normalized();
        self.readiness = self.readiness.normalized();
        self.risk = self.risk.normalized();
        self.cross_sell = self.cross_sell.normalized();
        self.rfm = self.rfm.normalized();
        self.clv = self.clv.normalized();
        self.normalize_pins();
        self
    }
}

/// Why a settings file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsFileError {
    /// Not the JSON of [`Settings`]: serde's words.
    NotSettings(String),
    /// Written by a newer Tierwise, whose fields may mean something else.
    NewerVersion { found: u32, supported: u32 },
}

impl std::fmt::Display for SettingsFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingsFileError::NotSettings(e) => write!(f, "not Tierwise settings JSON ({e})"),
            SettingsFileError::NewerVersion { found, supported } => write!(
                f,
                "written by a newer Tierwise (settings version {found}); this one reads up to \
                 version {supported}"
            ),
        }
    }
}

impl std::error::Error for SettingsFileError {}

impl Settings {
    /// The settings as a file ("Export settings"): the JSON of [`Settings`], pretty-printed,
    /// whose `version` field is the schema version ([`SETTINGS_VERSION`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a settings file written by [`Settings::to_json`], or by hand: a field left out
    /// keeps its default (so `{"abc":{"a_pct":70}}` is a whole file), every value is clamped
    /// ([`Settings::normalized`]), and a newer version than this one is refused.
    pub fn from_json(text: &str) -> Result<Settings, SettingsFileError> {
        let raw: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| SettingsFileError::NotSettings(e.to_string()))?;
        if !raw.is_object() {
            return Err(SettingsFileError::NotSettings(
                "the file holds no JSON object".into(),
            ));
        }
        if let Some(found) = raw.get("version").and_then(serde_json::Value::as_u64) {
            if found > u64::from(SETTINGS_VERSION) {
                return Err(SettingsFileError::NewerVersion {
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                    supported: SETTINGS_VERSION,
                });
            }
        }
        let s: Settings = serde_json::from_value(raw)
            .map_err(|e| SettingsFileError::NotSettings(e.to_string()))?;
        Ok(s.normalized())
    }
}

/// ABC / Pareto cut-offs on cumulative sales share: A the first 80%, B the next 15%, C the rest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AbcSettings {
    pub a_pct: f64,
    pub b_pct: f64,
}

impl Default for AbcSettings {
    fn default() -> Self {
        AbcSettings {
            a_pct: 80.0,
            b_pct: 15.0,
        }
    }
}

impl AbcSettings {
    pub fn c_pct(&self) -> f64 {
        (100.0 - self.a_pct - self.b_pct).max(0.0)
    }

    pub fn normalized(self) -> Self {
        let a = finite_or(self.a_pct, 80.0).clamp(1.0, 100.0);
        let b = finite_or(self.b_pct, 15.0).clamp(0.0, 100.0 - a);
        AbcSettings { a_pct: a, b_pct: b }
    }
}

/// The value measure a ranking uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValueMeasure {
    #[default]
    Sales,
    Profit,
    /// The weighted multi-criteria score (method 7).
    Score,
    /// The predicted customer lifetime value (the CLV method's BG/NBD and Gamma-Gamma).
    Clv,
}

/// How cut-offs are read: shares of the ranked customers, or absolute amounts of the measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CutMode {
    #[default]
    Percentile,
    Absolute,
}

/// Value tiers. By percentile of the existing customers: VIP top 5%, Large next 15%,
/// Medium next 30%, Small the rest. By absolute amount: VIP at or above `vip_min`, and so on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierSettings {
    pub vip_pct: f64,
    pub large_pct: f64,
    pub medium_pct: f64,
    pub measure: ValueMeasure,
    pub cut: CutMode,
    pub vip_min: f64,
    pub large_min: f64,
    pub medium_min: f64,
}

impl Default for TierSettings {
    fn default() -> Self {
        TierSettings {
            vip_pct: 5.0,
            large_pct: 15.0,
            medium_pct: 30.0,
            measure: ValueMeasure::Sales,
            cut: CutMode::Percentile,
            vip_min: 100_000.0,
            large_min: 20_000.0,
            medium_min: 5_000.0,
        }
    }
}

impl TierSettings {
    pub fn small_pct(&self) -> f64 {
        (100.0 - self.vip_pct - self.large_pct - self.medium_pct).max(0.0)
    }

    pub fn normalized(self) -> Self {
        let vip = finite_or(self.vip_pct, 5.0).clamp(0.0, 100.0);
        let large = finite_or(self.large_pct, 15.0).clamp(0.0, 100.0 - vip);
        let medium = finite_or(self.medium_pct, 30.0).clamp(0.0, 100.0 - vip - large);
        let vip_min = finite_or(self.vip_min, 100_000.0);
        let large_min = finite_or(self.large_min, 20_000.0).min(vip_min);
        let medium_min = finite_or(self.medium_min, 5_000.0).min(large_min);
        TierSettings {
            vip_pct: vip,
            large_pct: large,
            medium_pct: medium,
            vip_min,
            large_min,
            medium_min,
            ..self
        }
    }
}

/// Potential customers by likelihood of closing: A ≥ 75%, B ≥ 50%, C ≥ 25%, D below; or by
/// expected close date: A within 1 month, B 3, C 6, D later.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PotentialSettings {
    pub mode: PotentialMode,
    pub a_pct: f64,
    pub b_pct: f64,
    pub c_pct: f64,
    pub a_months: u32,
    pub b_months: u32,
    pub c_months: u32,
    /// "Today" for close dates; when `None` the dataset's newest log date is used.
    pub reference_date: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PotentialMode {
    /// Per customer: the close probability when it has one, else the expected close date.
    #[default]
    Auto,
    Probability,
    CloseDate,
}

impl Default for PotentialSettings {
    fn default() -> Self {
        PotentialSettings {
            mode: PotentialMode::Auto,
            a_pct: 75.0,
            b_pct: 50.0,
            c_pct: 25.0,
            a_months: 1,
            b_months: 3,
            c_months: 6,
            reference_date: None,
        }
    }
}

impl PotentialSettings {
    pub fn normalized(self) -> Self {
        let a = finite_or(self.a_pct, 75.0).clamp(0.0, 100.0);
        let b = finite_or(self.b_pct, 50.0).clamp(0.0, a);
        let c = finite_or(self.c_pct, 25.0).clamp(0.0, b);
        let am = self.a_months.min(120);
        let bm = self.b_months.clamp(am, 120);
        let cm = self.c_months.clamp(bm, 120);
        PotentialSettings {
            a_pct: a,
            b_pct: b,
            c_pct: c,
            a_months: am,
            b_months: bm,
            c_months: cm,
            ..self
        }
    }
}

/// What "growth potential" means for MGC.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MgcMeasure {
    /// The growth rate when the dataset has one, else the wallet gap × upcoming volume.
    #[default]
    Auto,
    GrowthRate,
    /// (1 − share of wallet) × upcoming volume: the money still to win.
    WalletGap,
    /// The predicted value per month over the lifetime-value horizon against the sales per
    /// month so far (since the first order), minus one: future against past value.
    PredictedGrowth,
}

/// What MVC ranks on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MvcMeasure {
    #[default]
    Profit,
    /// The predicted lifetime value (the CLV method's models).
    Clv,
}

/// MVC / MGC / BZC / ordinary. MVC: the top `mvc_pct` of existing customers by profit.
/// MGC: the top `mgc_pct` by growth potential (positive only), among the rest. BZC: profit at
/// or below `bzc_max_profit`, unless listed in `kept_bzc` (deliberate exceptions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueSettings {
    pub mvc_pct: f64,
    pub mvc_measure: MvcMeasure,
    pub mgc_pct: f64,
    pub mgc_measure: MgcMeasure,
    pub bzc_max_profit: f64,
    /// Customer ids kept on purpose although below zero (they draw traffic, sell related products).
    pub kept_bzc: Vec<String>,
}

impl Default for ValueSettings {
    fn default() -> Self {
        ValueSettings {
            mvc_pct: 20.0,
            mvc_measure: MvcMeasure::Profit,
            mgc_pct: 20.0,
            mgc_measure: MgcMeasure::Auto,
            bzc_max_profit: 0.0,
            kept_bzc: Vec::new(),
        }
    }
}

impl ValueSettings {
    pub fn normalized(self) -> Self {
        let mvc = finite_or(self.mvc_pct, 20.0).clamp(0.0, 100.0);
        let mgc = finite_or(self.mgc_pct, 20.0).clamp(0.0, 100.0);
        ValueSettings {
            mvc_pct: mvc,
            mgc_pct: mgc,
            bzc_max_profit: finite_or(self.bzc_max_profit, 0.0),
            ..self
        }
    }
}

/// Reps one owner has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerReps {
    pub owner: String,
    pub reps: u32,
}

/// ABC service policy turned into a staffing plan: customers one rep serves per class
/// (A 1:1, B 1:2, C 1:4), against the reps available in total and per owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffingSettings {
    pub a_per_rep: f64,
    pub b_per_rep: f64,
    pub c_per_rep: f64,
    pub reps_total: Option<u32>,
    pub reps_by_owner: Vec<OwnerReps>,
}

impl Default for StaffingSettings {
    fn default() -> Self {
        StaffingSettings {
            a_per_rep: 1.0,
            b_per_rep: 2.0,
            c_per_rep: 4.0,
            reps_total: None,
            reps_by_owner: Vec::new(),
        }
    }
}

impl StaffingSettings {
    pub fn per_rep(&self) -> [f64; 3] {
        [self.a_per_rep, self.b_per_rep, self.c_per_rep]
    }

    pub fn normalized(self) -> Self {
        let r = |v: f64, d: f64| finite_or(v, d).clamp(0.1, 10_000.0);
        StaffingSettings {
            a_per_rep: r(self.a_per_rep, 1.0),
            b_per_rep: r(self.b_per_rep, 2.0),
            c_per_rep: r(self.c_per_rep, 4.0),
            ..self
        }
    }
}

/// Share of wallet × upcoming volume. High share at or above `share_split_pct`; big volume at
/// or above the `volume_pct` percentile (median by default) or an absolute amount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WalletSettings {
    pub share_split_pct: f64,
    pub volume_cut: CutMode,
    pub volume_pct: f64,
    pub volume_amount: f64,
}

impl Default for WalletSettings {
    fn default() -> Self {
        WalletSettings {
            share_split_pct: 50.0,
            volume_cut: CutMode::Percentile,
            volume_pct: 50.0,
            volume_amount: 0.0,
        }
    }
}

impl WalletSettings {
    pub fn normalized(self) -> Self {
        WalletSettings {
            share_split_pct: finite_or(self.share_split_pct, 50.0).clamp(0.0, 100.0),
            volume_pct: finite_or(self.volume_pct, 50.0).clamp(0.0, 100.0),
            volume_amount: finite_or(self.volume_amount, 0.0),
            ..self
        }
    }
}

/// How a criterion becomes 0–100.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Normalization {
    /// (x − min) / (max − min) × 100.
    #[default]
    MinMax,
    /// Mid-rank percentile: the lowest value 0, the highest 100, ties share their mean rank.
    PercentRank,
}

/// Raw weights of the score criteria; they are normalised to sum to 100% before use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreWeights {
    pub credit: f64,
    pub order_amount: f64,
    pub prospects: f64,
    pub profit: f64,
    pub loyalty: f64,
    pub attitude: f64,
    pub growth: f64,
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights {
            credit: 20.0,
            order_amount: 25.0,
            prospects: 15.0,
            profit: 25.0,
            loyalty: 5.0,
            attitude: 5.0,
            growth: 5.0,
        }
    }
}

impl ScoreWeights {
    /// In [`crate::classify::score::Criterion`] order.
    pub fn to_array(&self) -> [f64; 7] {
        [
            self.credit,
            self.order_amount,
            self.prospects,
            self.profit,
            self.loyalty,
            self.attitude,
            self.growth,
        ]
    }

    pub fn from_array(a: [f64; 7]) -> ScoreWeights {
        let [credit, order_amount, prospects, profit, loyalty, attitude, growth] = a;
        ScoreWeights {
            credit,
            order_amount,
            prospects,
            profit,
            loyalty,
            attitude,
            growth,
        }
    }

    /// Sets weight `k` to `v` (a whole percentage, 0–100) and rescales the others in
    /// proportion so that all seven are whole numbers summing to exactly 100 (largest
    /// remainder). When the others are all zero they share the rest evenly. What a weight
    /// slider does, so the weights on screen always add up to 100%.
    pub fn set_keeping_total(&self, k: usize, v: f64) -> ScoreWeights {
        let mut a = self.to_array();
        if k >= a.len() {
            return self.clone();
        }
        let v = finite_or(v, 0.0).round().clamp(0.0, 100.0);
        let rest = 100.0 - v;
        let others: f64 = (0..7)
            .filter(|&j| j != k)
            .map(|j| finite_or(a[j], 0.0).max(0.0))
            .sum();
        let mut share: Vec<(usize, f64)> = (0..7)
            .filter(|&j| j != k)
            .map(|j| {
                let w = if others > 0.0 {
                    finite_or(a[j], 0.0).max(0.0) / others
                } else {
                    1.0 / 6.0
                };
                (j, w * rest)
            })
            .collect();
        let mut left = rest as i64;
        for &(j, x) in &share {
            a[j] = x.floor();
            left -= x.floor() as i64;
        }
        // Hand the points lost to rounding to the largest remainders, earliest first on ties.
        share.sort_by(|x, y| {
            (y.1 - y.1.floor())
                .total_cmp(&(x.1 - x.1.floor()))
                .then(x.0.cmp(&y.0))
        });
        for &(j, _) in share.iter().take(left.max(0) as usize) {
            a[j] += 1.0;
        }
        a[k] = v;
        ScoreWeights::from_array(a)
    }
}

/// Weighted multi-criteria score; bands A ≥ 80, B ≥ 60, C ≥ 40, D below.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreSettings {
    pub weights: ScoreWeights,
    pub normalization: Normalization,
    pub a_min: f64,
    pub b_min: f64,
    pub c_min: f64,
    /// A customer is scored only when its known criteria carry at least this share of the
    /// weight (0 = at least one criterion); below it, "not enough data". 50 by default.
    pub min_coverage_pct: f64,
}

impl Default for ScoreSettings {
    fn default() -> Self {
        ScoreSettings {
            weights: ScoreWeights::default(),
            // Sales and profit are skewed: min-max puts all but the few biggest near 0 (on the
            // sample, 210 of 240 customers in band D); a percentile rank spreads them.
            normalization: Normalization::PercentRank,
            a_min: 80.0,
            b_min: 60.0,
            c_min: 40.0,
            // Half the weight: a prospect known only by its development prospects and attitude
            // is not ranked against customers scored on their orders, profit and payments.
            min_coverage_pct: 50.0,
        }
    }
}

impl ScoreSettings {
    pub fn normalized(self) -> Self {
        let w = |v: f64| finite_or(v, 0.0).max(0.0);
        let ws = &self.weights;
        let weights = ScoreWeights {
            credit: w(ws.credit),
            order_amount: w(ws.order_amount),
            prospects: w(ws.prospects),
            profit: w(ws.profit),
            loyalty: w(ws.loyalty),
            attitude: w(ws.attitude),
            growth: w(ws.growth),
        };
        let a = finite_or(self.a_min, 80.0).clamp(0.0, 100.0);
        let b = finite_or(self.b_min, 60.0).clamp(0.0, a);
        let c = finite_or(self.c_min, 40.0).clamp(0.0, b);
        ScoreSettings {
            weights,
            a_min: a,
            b_min: b,
            c_min: c,
            min_coverage_pct: finite_or(self.min_coverage_pct, 0.0).clamp(0.0, 100.0),
            ..self
        }
    }
}

/// Customer pyramid: key top 1%, major next 4%, ordinary next 15%, small the rest, on profit
/// by default. Upgrade potential: growth at or above `upgrade_growth_pct`, or MGC. Bad:
/// BZC (not kept), or average days late at or above `bad_days_late`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PyramidSettings {
    pub measure: ValueMeasure,
    pub key_pct: f64,
    pub major_pct: f64,
    pub ordinary_pct: f64,
    pub upgrade_growth_pct: f64,
    pub mgc_is_upgrade: bool,
    pub bad_days_late: f64,
}

impl Default for PyramidSettings {
    fn default() -> Self {
        PyramidSettings {
            measure: ValueMeasure::Profit,
            key_pct: 1.0,
            major_pct: 4.0,
            ordinary_pct: 15.0,
            upgrade_growth_pct: 10.0,
            mgc_is_upgrade: true,
            bad_days_late: 90.0,
        }
    }
}

impl PyramidSettings {
    pub fn normalized(self) -> Self {
        let k = finite_or(self.key_pct, 1.0).clamp(0.0, 100.0);
        let m = finite_or(self.major_pct, 4.0).clamp(0.0, 100.0 - k);
        let o = finite_or(self.ordinary_pct, 15.0).clamp(0.0, 100.0 - k - m);
        PyramidSettings {
            key_pct: k,
            major_pct: m,
            ordinary_pct: o,
            upgrade_growth_pct: finite_or(self.upgrade_growth_pct, 10.0),
            bad_days_late: finite_or(self.bad_days_late, 90.0).max(0.0),
            ..self
        }
    }
}

/// A dimension of the cross-tab (method 9): a categorical column, a rating in thirds, or the
/// classes of any method that declares `MethodDef::DIMENSION` (so a new method is a
/// dimension without being listed here). Stored as its key; the names of the enum this
/// replaced ("Abc", "ScoreBand", …) are still read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// A method's classes.
    Classes(Method),
    Region,
    Industry,
    Owner,
    /// Ratings on 0–100, cut into low (< 33⅓), medium, high (≥ 66⅔).
    Attitude,
    Loyalty,
    Credit,
    Prospects,
}

#[allow(non_upper_case_globals)]
impl Dimension {
    pub const DealStatus: Dimension = Dimension::Classes(Method::Deal);
    pub const Abc: Dimension = Dimension::Classes(Method::Abc);
    pub const Tier: Dimension = Dimension::Classes(Method::Tiers);
    pub const Potential: Dimension = Dimension::Classes(Method::Potential);
    pub const Value: Dimension = Dimension::Classes(Method::Value);
    pub const Wallet: Dimension = Dimension::Classes(Method::Wallet);
    pub const ScoreBand: Dimension = Dimension::Classes(Method::Score);
    pub const Pyramid: Dimension = Dimension::Classes(Method::Pyramid);
    pub const FiveS: Dimension = Dimension::Classes(Method::FiveS);
}

/// The names of the enum `Dimension` and `ClassSource` replaced, as saved settings hold them.
const LEGACY_DIMENSIONS: [(&str, Dimension); 16] = [
    ("DealStatus", Dimension::DealStatus),
    ("Region", Dimension::Region),
    ("Industry", Dimension::Industry),
    ("Owner", Dimension::Owner),
    ("Abc", Dimension::Abc),
    ("Tier", Dimension::Tier),
    ("Potential", Dimension::Potential),
    ("Value", Dimension::Value),
    ("Wallet", Dimension::Wallet),
    ("ScoreBand", Dimension::ScoreBand),
    ("Pyramid", Dimension::Pyramid),
    ("FiveS", Dimension::FiveS),
    ("Attitude", Dimension::Attitude),
    ("Loyalty", Dimension::Loyalty),
    ("Credit", Dimension::Credit),
    ("Prospects", Dimension::Prospects),
];

impl Dimension {
    /// Every dimension, in the order the cross-tab offers them: deal status and the text
    /// columns, the methods' classes in registry order, then the ratings.
    pub fn all() -> Vec<Dimension> {
        let mut out = vec![
            Dimension::DealStatus,
            Dimension::Region,
            Dimension::Industry,
            Dimension::Owner,
        ];
        out.extend(
            Method::ALL
                .into_iter()
                .filter(|m| m.is_dimension() && *m != Method::Deal)
                .map(Dimension::Classes),
        );
        out.extend([
            Dimension::Attitude,
            Dimension::Loyalty,
            Dimension::Credit,
            Dimension::Prospects,
        ]);
        out
    }

    /// The key of the method whose classes this dimension is, if it is one (a method's
    /// classes are read through the registry by this key).
    pub fn method_key(self) -> Option<&'static str> {
        match self {
            Dimension::Classes(m) => Some(m.key()),
            _ => None,
        }
    }

    /// Stable key (the controls' option values and the stored settings): the method's key.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Classes(m) => m.key(),
            Dimension::Region => "region",
            Dimension::Industry => "industry",
            Dimension::Owner => "owner",
            Dimension::Attitude => "attitude",
            Dimension::Loyalty => "loyalty",
            Dimension::Credit => "credit",
            Dimension::Prospects => "prospects",
        }
    }

    /// By key, or by a name the settings of earlier versions stored.
    pub fn from_key(key: &str) -> Option<Dimension> {
        Dimension::all()
            .into_iter()
            .find(|d| d.key() == key)
            .or_else(|| {
                LEGACY_DIMENSIONS
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, d)| *d)
            })
            .or_else(|| (key == "tier").then_some(Dimension::Tier))
    }

    /// What the dimension is called: a column, a rating, or a method's classes (the name of
    /// its class column when it has one, else the method's).
    pub fn name(self) -> Tr {
        match self {
            Dimension::Classes(m) => m.column().unwrap_or(m.name()),
            Dimension::Region => crate::glossary::REGION.title,
            Dimension::Industry => crate::glossary::INDUSTRY.title,
            Dimension::Owner => crate::glossary::OWNER.title,
            Dimension::Attitude => crate::glossary::ATTITUDE.title,
            Dimension::Loyalty => crate::glossary::LOYALTY.title,
            Dimension::Credit => crate::glossary::CREDIT.title,
            Dimension::Prospects => Tr::new("Prospects", "发展前景", "Perspectivas"),
        }
    }
}

impl Serialize for Dimension {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Dimension {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        Dimension::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown dimension `{key}`")))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrossTabSettings {
    pub rows: Dimension,
    pub cols: Dimension,
}

impl Default for CrossTabSettings {
    fn default() -> Self {
        CrossTabSettings {
            rows: Dimension::Abc,
            cols: Dimension::Region,
        }
    }
}

/// Customer 5S review. Sort: a composite (mean percentile rank of the group's criteria) puts
/// each customer in class I (≥ `first_min`), II (≥ `second_min`) or III. Flags use the other
/// thresholds. Straighten releases the bottom `release_pct` of each class, except `pinned`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FiveSSettings {
    pub first_min: f64,
    pub second_min: f64,
    /// Mature: sales percentile rank below this → "tiny sales" → suspended.
    pub tiny_sales_pct: f64,
    /// Mature: average days late above this → chronically slow payment → eliminate.
    pub slow_days_late: f64,
    /// Mature: on-time share below this (%) → repeated payment violations → eliminate.
    pub violation_on_time_pct: f64,
    /// Mature: growth below this (%) → little growth space → custodial.
    pub low_growth_pct: f64,
    /// Potential: forecast percentile rank below this → small forecast.
    pub small_forecast_pct: f64,
    /// Potential: difficulty at or above this (0–100) → hard to develop.
    pub hard_difficulty: f64,
    /// Potential: financial status at or below this (0–100) → short of cash.
    pub weak_financial: f64,
    /// Potential: suspended when at least this many of the three signals hold.
    pub potential_suspend_signals: u8,
    pub release_pct: f64,
    /// Customer ids exempt from release.
    pub pinned: Vec<String>,
}

impl Default for FiveSSettings {
    fn default() -> Self {
        FiveSSettings {
            first_min: 200.0 / 3.0,
            second_min: 100.0 / 3.0,
            tiny_sales_pct: 10.0,
            slow_days_late: 60.0,
            violation_on_time_pct: 50.0,
            low_growth_pct: 0.0,
            small_forecast_pct: 100.0 / 3.0,
            hard_difficulty: 200.0 / 3.0,
            weak_financial: 100.0 / 3.0,
            potential_suspend_signals: 2,
            release_pct: 20.0,
            pinned: Vec::new(),
        }
    }
}

impl FiveSSettings {
    pub fn normalized(self) -> Self {
        let d = FiveSSettings::default();
        let first = finite_or(self.first_min, d.first_min).clamp(0.0, 100.0);
        let second = finite_or(self.second_min, d.second_min).clamp(0.0, first);
        FiveSSettings {
            first_min: first,
            second_min: second,
            tiny_sales_pct: finite_or(self.tiny_sales_pct, d.tiny_sales_pct).clamp(0.0, 100.0),
            slow_days_late: finite_or(self.slow_days_late, d.slow_days_late).max(0.0),
            violation_on_time_pct: finite_or(self.violation_on_time_pct, 50.0).clamp(0.0, 100.0),
            low_growth_pct: finite_or(self.low_growth_pct, 0.0),
            small_forecast_pct: finite_or(self.small_forecast_pct, d.small_forecast_pct)
                .clamp(0.0, 100.0),
            hard_difficulty: finite_or(self.hard_difficulty, d.hard_difficulty).clamp(0.0, 100.0),
            weak_financial: finite_or(self.weak_financial, d.weak_financial).clamp(0.0, 100.0),
            potential_suspend_signals: self.potential_suspend_signals.clamp(1, 3),
            release_pct: finite_or(self.release_pct, 20.0).clamp(0.0, 100.0),
            pinned: self.pinned,
        }
    }
}

/// Is tiering worth it? More customers than `span` (one manager's span) is clearly worth it,
/// more than `few_dozen` is borderline; repeat buyers (≥ 2 orders) at least `repeat_min_pct`;
/// values differ when the largest customer has ≥ `largest_min_pct` of sales, or the top 20%
/// have ≥ `top20_min_pct`, or the Gini coefficient is ≥ `gini_min`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadinessSettings {
    pub span: u32,
    pub few_dozen: u32,
    pub repeat_min_pct: f64,
    pub largest_min_pct: f64,
    pub top20_min_pct: f64,
    pub gini_min: f64,
}

impl Default for ReadinessSettings {
    fn default() -> Self {
        ReadinessSettings {
            span: 100,
            few_dozen: 36,
            repeat_min_pct: 50.0,
            largest_min_pct: 5.0,
            top20_min_pct: 60.0,
            gini_min: 0.5,
        }
    }
}

impl ReadinessSettings {
    pub fn normalized(self) -> Self {
        let span = self.span.max(1);
        ReadinessSettings {
            span,
            few_dozen: self.few_dozen.min(span),
            repeat_min_pct: finite_or(self.repeat_min_pct, 50.0).clamp(0.0, 100.0),
            largest_min_pct: finite_or(self.largest_min_pct, 5.0).clamp(0.0, 100.0),
            top20_min_pct: finite_or(self.top20_min_pct, 60.0).clamp(0.0, 100.0),
            gini_min: finite_or(self.gini_min, 0.5).clamp(0.0, 1.0),
        }
    }
}

/// Risk watch, both ends: the `top_n` biggest customers and the `top_n` riskiest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskSettings {
    /// Overdue flag: an overdue amount above this, or overdue days above `overdue_days`.
    pub overdue_amount: f64,
    pub overdue_days: f64,
    /// Slow payment: average days late above this, or on-time share below `on_time_min_pct`.
    pub late_days: f64,
    pub on_time_min_pct: f64,
    /// Declining growth: growth below this (%).
    pub decline_pct: f64,
    /// Weak credit: credit rating below this (0–100).
    pub credit_min: f64,
    /// Failing business: financial status below this (0–100).
    pub financial_min: f64,
    pub top_n: u32,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            overdue_amount: 0.0,
            overdue_days: 30.0,
            late_days: 30.0,
            on_time_min_pct: 80.0,
            decline_pct: -10.0,
            credit_min: 40.0,
            financial_min: 30.0,
            top_n: 20,
        }
    }
}

impl RiskSettings {
    pub fn normalized(self) -> Self {
        RiskSettings {
            overdue_amount: finite_or(self.overdue_amount, 0.0).max(0.0),
            overdue_days: finite_or(self.overdue_days, 30.0).max(0.0),
            late_days: finite_or(self.late_days, 30.0).max(0.0),
            on_time_min_pct: finite_or(self.on_time_min_pct, 80.0).clamp(0.0, 100.0),
            decline_pct: finite_or(self.decline_pct, -10.0),
            credit_min: finite_or(self.credit_min, 40.0).clamp(0.0, 100.0),
            financial_min: finite_or(self.financial_min, 30.0).clamp(0.0, 100.0),
            top_n: self.top_n.clamp(1, 1000),
        }
    }
}

/// Which classes cross-selling looks inside: a method that declares `MethodDef::DIMENSION`.
/// Stored as its key (earlier versions' names, "Tier", "ScoreBand", …, are still read).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClassSource(pub Method);

#[allow(non_upper_case_globals)]
impl ClassSource {
    pub const Abc: ClassSource = ClassSource(Method::Abc);
    pub const Tier: ClassSource = ClassSource(Method::Tiers);
    pub const Value: ClassSource = ClassSource(Method::Value);
    pub const Pyramid: ClassSource = ClassSource(Method::Pyramid);
    pub const ScoreBand: ClassSource = ClassSource(Method::Score);
}

impl Default for ClassSource {
    fn default() -> Self {
        ClassSource::Tier
    }
}

impl ClassSource {
    /// Every method whose classes cross-selling can look inside (deal status aside).
    pub fn all() -> Vec<ClassSource> {
        Method::ALL
            .into_iter()
            .filter(|m| m.is_dimension() && *m != Method::Deal)
            .map(ClassSource)
            .collect()
    }

    /// The same classes as a cross-tab dimension (its key and name).
    pub fn dimension(self) -> Dimension {
        Dimension::Classes(self.0)
    }

    /// The key of the method whose classes cross-selling looks inside.
    pub fn method_key(self) -> &'static str {
        self.0.key()
    }

    pub fn key(self) -> &'static str {
        self.0.key()
    }

    pub fn from_key(key: &str) -> Option<ClassSource> {
        match Dimension::from_key(key)? {
            Dimension::Classes(m) if m.is_dimension() => Some(ClassSource(m)),
            _ => None,
        }
    }
}

impl Serialize for ClassSource {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for ClassSource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        ClassSource::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown class source `{key}`")))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RankBy {
    /// Support inside the class ÷ support overall.
    #[default]
    Lift,
    /// Share of the class's customers that buy the product.
    Support,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrossSellSettings {
    pub source: ClassSource,
    pub rank_by: RankBy,
    /// A product is suggested only when at least this share of the class buys it.
    pub min_support_pct: f64,
    pub top_n: u32,
}

impl Default for CrossSellSettings {
    fn default() -> Self {
        CrossSellSettings {
            source: ClassSource::Tier,
            rank_by: RankBy::Lift,
            min_support_pct: 10.0,
            top_n: 5,
        }
    }
}

impl CrossSellSettings {
    pub fn normalized(self) -> Self {
        CrossSellSettings {
            min_support_pct: finite_or(self.min_support_pct, 10.0).clamp(0.0, 100.0),
            top_n: self.top_n.clamp(1, 100),
            ..self
        }
    }
}

fn finite_or(v: f64, default: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn settings_files_round_trip_and_refuse_newer_versions() {
        let mut s = Settings::default();
        s.abc.a_pct = 70.0;
        s.five_s.pinned = vec!["C7".into()];
        let text = s.to_json();
        assert!(text.contains("\"version\": 1"), "{text}");
        assert_eq!(Settings::from_json(&text).unwrap(), s);
        let partial = Settings::from_json(r#"{"abc":{"a_pct":60}}"#).unwrap();
        assert_eq!(partial.abc.a_pct, 60.0);
        assert_eq!(partial.tiers, Settings::default().tiers);
        assert_eq!(
            Settings::from_json(r#"{"version":99}"#),
            Err(SettingsFileError::NewerVersion {
                found: 99,
                supported: SETTINGS_VERSION
            })
        );
        assert!(matches!(
            Settings::from_json("[1]"),
            Err(SettingsFileError::NotSettings(_))
        ));
        assert!(matches!(
            Settings::from_json(r#"{"abc":{"a_pct":"x"}}"#),
            Err(SettingsFileError::NotSettings(_))
        ));
    }

    use super::*;

    /// A segment table saved before segments had names (no `name` field) reads as it did,
    /// and the default table's JSON is what it was (no `name` written while unnamed).
    #[test]
    fn segment_names_are_optional_in_the_json() {
        let old = r#"{"version":1,"rfm":{"bins":5,"segments":[
            {"segment":"champions","r":[4,5],"f":[4,5],"m":[4,5]},
            {"segment":"lost","r":[1,2],"f":[1,2],"m":[1,2]}]}}"#;
        let s = Settings::from_json(old).unwrap();
        assert_eq!(s.rfm.segments.len(), 2);
        assert_eq!(s.rfm.segments[0].name, None);
        assert_eq!(s.rfm.segments[0].m, [4, 5]);
        assert_eq!(s.rfm.segment_name("champions"), None);
        assert!(!Settings::default().to_json().contains("\"name\""));

        let mut named = Settings::default();
        named.rfm.segments[0].name = Some("Top buyers".into());
        let text = named.to_json();
        assert!(text.contains("\"name\": \"Top buyers\""), "{text}");
        let back = Settings::from_json(&text).unwrap();
        assert_eq!(back, named);
        assert_eq!(back.rfm.segment_name("champions"), Some("Top buyers"));
        assert_eq!(back.rfm.segment_name("loyal"), None);
        // The classes do not depend on the names.
        assert_eq!(back.rfm.unnamed(), Settings::default().rfm);
    }

    /// "Others"'s name (issue 18) is optional in the JSON too: a file without it reads as
    /// before, the default settings do not write it, a name round-trips, is cleaned like a
    /// segment's and names the class "others" only; the classes do not depend on it.
    #[test]
    fn the_others_name_is_optional_in_the_json() {
        let old = r#"{"version":1,"rfm":{"bins":4,"last_match_wins":true,"segments":[
            {"segment":"champions","r":[4,5],"f":[4,5],"m":[4,5]}]}}"#;
        let s = Settings::from_json(old).unwrap();
        assert_eq!(s.rfm.others_name, None);
        assert_eq!((s.rfm.bins, s.rfm.last_match_wins), (4, true));
        assert_eq!(s.rfm.segments.len(), 1);
        assert_eq!(s.rfm.class_name(OTHERS_KEY), None);
        assert!(!Settings::default().to_json().contains("others_name"));
        assert_eq!(Settings::from_json(&s.to_json()).unwrap(), s);

        let mut named = Settings::default();
        named.rfm.others_name = Some("  Unsorted ".into());
        named = named.normalized();
        assert_eq!(named.rfm.others_name.as_deref(), Some("Unsorted"));
        let back = Settings::from_json(&named.to_json()).unwrap();
        assert_eq!(back, named);
        assert_eq!(back.rfm.class_name(OTHERS_KEY), Some("Unsorted"));
        assert_eq!(back.rfm.class_name("champions"), None);
        assert_eq!(back.rfm.unnamed(), Settings::default().rfm);
        named.rfm.others_name = Some(" ".into());
        assert_eq!(named.normalized().rfm.others_name, None);
    }

    /// The user's own segments: rows with an own key are kept like any other, several rows
    /// of one key are one segment named by its first row, and a key no class has (a later
    /// version's) is kept as it is.
    #[test]
    fn own_segment_rows_are_kept_and_named_by_their_first_row() {
        let rule = |segment: &str, name: Option<&str>| SegmentRule {
            segment: segment.into(),
            name: name.map(String::from),
            r: [1, 5],
            f: [1, 5],
            m: [6, 2],
        };
        let s = RfmSettings {
            segments: vec![
                rule("own_1", Some(" Key accounts ")),
                rule("champions", None),
                rule("own_1", Some("Ignored")),
                rule("own_9", None),
            ],
            ..RfmSettings::default()
        }
        .normalized();
        let keys: Vec<&str> = s.segments.iter().map(|r| r.segment.as_str()).collect();
        assert_eq!(keys, ["own_1", "champions", "own_1", "own_9"]);
        assert_eq!(s.segments[0].m, [5, 5], "ranges clamped as any row's");
        assert_eq!(s.class_name("own_1"), Some("Key accounts"));
        assert_eq!(s.class_name("own_2"), None);
        assert_eq!(s.clone().normalized(), s);
    }

    /// Names are trimmed and cut to their maximum; a blank one is no name.
    #[test]
    fn segment_names_are_normalized() {
        let mut s = RfmSettings::default();
        s.segments[0].name = Some("  Top buyers ".into());
        s.segments[1].name = Some(" \t ".into());
        s.segments[2].name = Some("é".repeat(SEGMENT_NAME_MAX + 5));
        let n = s.normalized();
        assert_eq!(n.segments[0].name.as_deref(), Some("Top buyers"));
        assert_eq!(n.segments[1].name, None);
        assert_eq!(
            n.segments[2].name.as_ref().map(|x| x.chars().count()),
            Some(SEGMENT_NAME_MAX)
        );
        assert_eq!(n.clone().normalized(), n);
    }

    #[test]
    fn defaults_match_the_domain() {
        let s = Settings::default();
        assert_eq!((s.abc.a_pct, s.abc.b_pct, s.abc.c_pct()), (80.0, 15.0, 5.0));
        let t = &s.tiers;
        assert_eq!(
            (t.vip_pct, t.large_pct, t.medium_pct, t.small_pct()),
            (5.0, 15.0, 30.0, 50.0)
        );
    }

    #[test]
    fn partial_or_foreign_json_falls_back_to_defaults() {
        let s: Settings = serde_json::from_str(r#"{"abc":{"a_pct":70}}"#).unwrap();
        assert_eq!(s.abc.a_pct, 70.0);
        assert_eq!(s.abc.b_pct, 15.0);
        assert_eq!(s.tiers, TierSettings::default());
    }

    #[test]
    fn every_section_round_trips_through_json() {
        let mut s = Settings::default();
        s.tiers.measure = ValueMeasure::Score;
        s.tiers.cut = CutMode::Absolute;
        s.potential.reference_date = NaiveDate::from_ymd_opt(2026, 3, 1);
        s.value.kept_bzc = vec!["C-17".into()];
        s.staffing.reps_by_owner = vec![OwnerReps {
            owner: "Li".into(),
            reps: 3,
        }];
        s.score.normalization = Normalization::PercentRank;
        s.crosstab.cols = Dimension::Loyalty;
        s.five_s.pinned = vec!["C-2".into()];
        s.cross_sell.source = ClassSource::Pyramid;
        let json = serde_json::to_string(&s).unwrap();
        let back: Settings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn new_sections_default_to_the_domain_and_clamp_into_order() {
        let s = Settings::default();
        assert_eq!(
            (s.potential.a_pct, s.potential.b_pct, s.potential.c_pct),
            (75.0, 50.0, 25.0)
        );
        assert_eq!(
            (
                s.potential.a_months,
                s.potential.b_months,
                s.potential.c_months
            ),
            (1, 3, 6)
        );
        assert_eq!(s.staffing.per_rep(), [1.0, 2.0, 4.0]);
        assert_eq!(s.wallet.share_split_pct, 50.0);
        assert_eq!(
            (s.score.a_min, s.score.b_min, s.score.c_min),
            (80.0, 60.0, 40.0)
        );
        assert_eq!(s.five_s.release_pct, 20.0);
        assert_eq!(s.readiness.span, 100);
        let p = PotentialSettings {
            a_pct: 40.0,
            b_pct: 60.0,
            c_pct: f64::NAN,
            a_months: 5,
            b_months: 2,
            c_months: 500,
            ..Default::default()
        }
        .normalized();
        assert_eq!((p.a_pct, p.b_pct, p.c_pct), (40.0, 40.0, 25.0));
        assert_eq!((p.a_months, p.b_months, p.c_months), (5, 5, 120));
        let sc = ScoreSettings {
            weights: ScoreWeights {
                credit: -5.0,
                order_amount: f64::INFINITY,
                ..Default::default()
            },
            ..Default::default()
        }
        .normalized();
        assert_eq!((sc.weights.credit, sc.weights.order_amount), (0.0, 0.0));
        let st = StaffingSettings {
            a_per_rep: 0.0,
            ..Default::default()
        }
        .normalized();
        assert_eq!(st.a_per_rep, 0.1);
    }

    #[test]
    fn normalized_clamps_out_of_range_values() {
        let s = Settings {
            version: 0,
            abc: AbcSettings {
                a_pct: 95.0,
                b_pct: 30.0,
            },
            tiers: TierSettings {
                vip_pct: f64::NAN,
                large_pct: 120.0,
                medium_pct: 10.0,
                ..TierSettings::default()
            },
            ..Settings::default()
        }
        .normalized();
        assert_eq!(s.abc.b_pct, 5.0);
        assert_eq!(s.tiers.vip_pct, 5.0);
        assert_eq!(s.tiers.large_pct, 95.0);
        assert_eq!(s.tiers.medium_pct, 0.0);
        assert_eq!(s.version, SETTINGS_VERSION);
    }
}

#[cfg(test)]
mod weight_tests {
    use super::*;

    fn sum(w: &ScoreWeights) -> f64 {
        w.to_array().iter().sum()
    }

    /// Defaults 20/25/15/25/5/5/5. Setting credit to 40 leaves 60 for the others, which
    /// held 80: each is scaled by 0.75 → 18.75, 11.25, 18.75, 3.75, 3.75, 3.75 (floors
    /// 18+11+18+3+3+3 = 56, 4 points to hand out, all remainders 0.75 or 0.25: the four
    /// 0.75s win, in order: order_amount, profit, loyalty, attitude).
    #[test]
    fn weights_rescale_to_exactly_100_by_hand() {
        let w = ScoreWeights::default().set_keeping_total(0, 40.0);
        assert_eq!(w.to_array(), [40.0, 19.0, 11.0, 19.0, 4.0, 4.0, 3.0]);
        assert_eq!(sum(&w), 100.0);
    }

    #[test]
    fn weights_always_sum_to_100_and_keep_their_order() {
        let mut w = ScoreWeights::default();
        for (k, v) in [
            (3, 90.0),
            (6, 0.0),
            (1, 100.0),
            (2, 7.0),
            (5, 33.3),
            (0, -5.0),
        ] {
            w = w.set_keeping_total(k, v);
            assert_eq!(sum(&w), 100.0, "{w:?}");
            assert!(w.to_array().iter().all(|x| x.fract() == 0.0 && *x >= 0.0));
        }
        // All others zero: they share the rest evenly (largest remainder).
        let z = ScoreWeights::from_array([0.0; 7]).set_keeping_total(0, 40.0);
        assert_eq!(z.to_array(), [40.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]);
    }
}

/// One row of the segment table: inclusive score ranges, `[low, high]` for R, F and M.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SegmentRule {
    /// The segment's key: a class of `classify::rfm::Segment` other than "others", one of
    /// the ten built-in segments or a slot of the user's own (`own_1` … `own_5`). Several
    /// rows may have one key: they are one segment, named by the first. A key that names
    /// no class (a file written by hand or by a later version) is kept as it is: the
    /// customers it matches first are in "others".
    pub segment: String,
    /// The user's name for the segment, shown instead of its translated name in every
    /// language; `None` for the translated name. Absent from the JSON when `None`, so
    /// settings and workspaces written before it existed read as they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub r: [u8; 2],
    pub f: [u8; 2],
    pub m: [u8; 2],
}

/// The key of RFM's "others" (the customers no row of the table matches), which has no row
/// but may have a name ([`RfmSettings::others_name`]).
pub const OTHERS_KEY: &str = "others";

/// The longest name a segment may be given, in characters (longer is cut by
/// [`RfmSettings::normalized`]).
pub const SEGMENT_NAME_MAX: usize = 60;

impl SegmentRule {
    pub fn matches(&self, (r, f, m): (u8, u8, u8)) -> bool {
        let within = |v: u8, [lo, hi]: [u8; 2]| lo <= v && v <= hi;
        within(r, self.r) && within(f, self.f) && within(m, self.m)
    }
}

/// A segment's name as stored: trimmed, at most [`SEGMENT_NAME_MAX`] characters, `None` when
/// blank (the translated name then shows).
pub fn clean_segment_name(name: Option<&str>) -> Option<String> {
    let name = name?.trim();
    let cut: String = name.chars().take(SEGMENT_NAME_MAX).collect();
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_string())
}

/// The default segment table (the R `rfm` package's documentation example).
pub fn default_rules() -> Vec<SegmentRule> {
    default_rfm_segments()
}

/// RFM segments (`classify::rfm`): scores of 1..=`bins` by the quantile rule, or by custom
/// cut points per score (ascending, at most `bins − 1`; empty for the rule), then the segment
/// table, matched in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RfmSettings {
    /// 3, 4 or 5.
    pub bins: u8,
    /// Days since the last order: a customer scores 1 plus the cut points its days are below.
    pub r_cuts: Vec<f64>,
    /// Orders and sales: a customer scores 1 plus the cut points it reaches.
    pub f_cuts: Vec<f64>,
    pub m_cuts: Vec<f64>,
    pub segments: Vec<SegmentRule>,
    /// The R package's rule (each match overwrites the last) instead of the first match.
    pub last_match_wins: bool,
    /// The user's name for "others" (the customers no segment matches), shown instead of
    /// its translated name in every language; `None` for that name. Absent from the JSON
    /// when `None`, so settings and workspaces written before it existed read as they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub others_name: Option<String>,
}

impl Default for RfmSettings {
    fn default() -> Self {
        RfmSettings {
            bins: 5,
            r_cuts: Vec::new(),
            f_cuts: Vec::new(),
            m_cuts: Vec::new(),
            segments: default_rfm_segments(),
            last_match_wins: false,
            others_name: None,
        }
    }
}

/// The default segment table: the R `rfm` package's documentation example.
pub fn default_rfm_segments() -> Vec<SegmentRule> {
    let rule = |segment: &str, r: [u8; 2], f: [u8; 2], m: [u8; 2]| SegmentRule {
        segment: segment.to_string(),
        name: None,
        r,
        f,
        m,
    };
    vec![
        rule("champions", [4, 5], [4, 5], [4, 5]),
        rule("loyal", [2, 5], [3, 5], [3, 5]),
        rule("potential_loyalist", [3, 5], [1, 3], [1, 3]),
        rule("new", [4, 5], [1, 1], [1, 1]),
        rule("promising", [3, 4], [1, 1], [1, 1]),
        rule("need_attention", [2, 3], [2, 3], [2, 3]),
        rule("about_to_sleep", [2, 3], [1, 2], [1, 2]),
        rule("at_risk", [1, 2], [2, 5], [2, 5]),
        rule("cant_lose", [1, 1], [4, 5], [4, 5]),
        rule("lost", [1, 2], [1, 2], [1, 2]),
    ]
}

impl RfmSettings {
    /// The user's name for segment `key` (see [`SegmentRule::name`]): that of its first row
    /// in the table, if named.
    pub fn segment_name(&self, key: &str) -> Option<&str> {
        self.segments
            .iter()
            .find(|r| r.segment == key)
            .and_then(|r| r.name.as_deref())
            .filter(|n| !n.trim().is_empty())
    }

    /// The user's name for class `key`: [`RfmSettings::others_name`] for "others", else
    /// [`RfmSettings::segment_name`].
    pub fn class_name(&self, key: &str) -> Option<&str> {
        if key == OTHERS_KEY {
            self.others_name.as_deref().filter(|n| !n.trim().is_empty())
        } else {
            self.segment_name(key)
        }
    }

    /// The settings with every segment's name (and "others"'s) taken away: what the classes
    /// depend on.
    pub fn unnamed(&self) -> RfmSettings {
        let mut s = self.clone();
        for r in &mut s.segments {
            r.name = None;
        }
        s.others_name = None;
        s
    }

    pub fn normalized(self) -> Self {
        let bins = self.bins.clamp(3, 5);
        let cuts = |mut v: Vec<f64>| {
            v.retain(|x| x.is_finite());
            v.sort_by(f64::total_cmp);
            v.dedup();
            v.truncate(usize::from(bins) - 1);
            v
        };
        // Ranges stay on 1–5 whatever the bins: a table written for five bins is not
        // rescaled (with three, a segment that needs a 4 or 5 is simply never reached).
        let range = |[lo, hi]: [u8; 2]| {
            let lo = lo.clamp(1, 5);
            [lo, hi.clamp(lo, 5)]
        };
        RfmSettings {
            bins,
            r_cuts: cuts(self.r_cuts),
            f_cuts: cuts(self.f_cuts),
            m_cuts: cuts(self.m_cuts),
            segments: self
                .segments
                .into_iter()
                .map(|s| SegmentRule {
                    name: clean_segment_name(s.name.as_deref()),
                    r: range(s.r),
                    f: range(s.f),
                    m: range(s.m),
                    ..s
                })
                .collect(),
            last_match_wins: self.last_match_wins,
            others_name: clean_segment_name(self.others_name.as_deref()),
        }
    }
}

/// Customer lifetime value (`classify::methods::clv`): the horizon and discount of the
/// predicted value, the P(alive) thresholds of the classes, the share called high value,
/// and where the backtest splits the log. Percentages as percent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClvSettings {
    /// Months of future purchases the predicted value sums: 1–24.
    pub horizon_months: f64,
    /// Monthly discount rate, percent: 0–5.
    pub monthly_discount: f64,
    /// Below this probability of being alive (percent) a repeat buyer is lapsing.
    pub lapsing_below: f64,
    /// Below this one it is lost (at most `lapsing_below`).
    pub lost_below: f64,
    /// The share of the active repeat buyers, by predicted value, called high value.
    pub high_share: f64,
    /// Where the backtest splits the log: percent of its span, from the first order to the
    /// analysis date, used to fit; the rest is the holdout.
    pub backtest_split: f64,
}

impl Default for ClvSettings {
    fn default() -> Self {
        ClvSettings {
            horizon_months: 12.0,
            monthly_discount: 1.0,
            lapsing_below: 50.0,
            lost_below: 20.0,
            high_share: 20.0,
            backtest_split: 66.7,
        }
    }
}

impl ClvSettings {
    pub fn normalized(mut self) -> Self {
        let d = ClvSettings::default();
        let fix = |v: f64, lo: f64, hi: f64, dflt: f64| {
            if v.is_finite() {
                v.clamp(lo, hi)
            } else {
                dflt
            }
        };
        self.horizon_months = fix(self.horizon_months, 1.0, 24.0, d.horizon_months).round();
        self.monthly_discount = fix(self.monthly_discount, 0.0, 5.0, d.monthly_discount);
        self.lapsing_below = fix(self.lapsing_below, 0.0, 100.0, d.lapsing_below);
        self.lost_below = fix(self.lost_below, 0.0, self.lapsing_below, d.lost_below);
        self.high_share = fix(self.high_share, 0.0, 100.0, d.high_share);
        self.backtest_split = fix(self.backtest_split, 10.0, 95.0, d.backtest_split);
        self
    }
}

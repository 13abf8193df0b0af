//! Every method at once: [`run_all`] for the UI's settings changes, [`explain_all`] for one
//! customer across every method.

use super::explain::Reason;
use super::{
    abc, cross_sell, crosstab, deal, five_s, potential, pyramid, readiness, risk, score, staffing,
    tiers, value, wallet, Class, Missing, Prepared, Strategy,
};
use crate::i18n::Tr;
use crate::settings::{ClassSource, Settings};

/// The methods, in domain order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Deal,
    Tiers,
    Potential,
    Value,
    Abc,
    Wallet,
    Score,
    Pyramid,
    CrossTab,
    FiveS,
    Readiness,
    Risk,
    CrossSell,
}

impl Method {
    pub const ALL: [Method; 13] = [
        Method::Deal,
        Method::Tiers,
        Method::Potential,
        Method::Value,
        Method::Abc,
        Method::Wallet,
        Method::Score,
        Method::Pyramid,
        Method::CrossTab,
        Method::FiveS,
        Method::Readiness,
        Method::Risk,
        Method::CrossSell,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Method::Deal => "deal",
            Method::Tiers => "tiers",
            Method::Potential => "potential",
            Method::Value => "value",
            Method::Abc => "abc",
            Method::Wallet => "wallet",
            Method::Score => "score",
            Method::Pyramid => "pyramid",
            Method::CrossTab => "crosstab",
            Method::FiveS => "five_s",
            Method::Readiness => "readiness",
            Method::Risk => "risk",
            Method::CrossSell => "cross_sell",
        }
    }

    pub fn name(self) -> Tr {
        match self {
            Method::Deal => Tr::new("Deal status", "成交状态", "Estado de la operación"),
            Method::Tiers => Tr::new("Value tiers", "客户价值分级", "Niveles de valor"),
            Method::Potential => Tr::new(
                "Likelihood of closing",
                "成交可能性",
                "Probabilidad de cierre",
            ),
            Method::Value => Tr::new(
                "Value classes (MVC/MGC/BZC)",
                "价值分类（MVC/MGC/BZC）",
                "Clases de valor (MVC/MGC/BZC)",
            ),
            Method::Abc => Tr::new("ABC / Pareto", "ABC 分类", "ABC / Pareto"),
            Method::Wallet => Tr::new(
                "Share of wallet × volume",
                "钱包份额 × 采购量",
                "Cuota de cartera × volumen",
            ),
            Method::Score => Tr::new("Weighted score", "加权评分", "Puntuación ponderada"),
            Method::Pyramid => Tr::new("Customer pyramid", "客户金字塔", "Pirámide de clientes"),
            Method::CrossTab => Tr::new("Other dimensions", "其他维度", "Otras dimensiones"),
            Method::FiveS => Tr::new("5S review", "客户5S管理", "Revisión 5S"),
            Method::Readiness => Tr::new(
                "Is tiering worth it?",
                "是否值得分级",
                "¿Merece la pena segmentar?",
            ),
            Method::Risk => Tr::new("Risk watch", "风险监控（抓两头）", "Vigilancia de riesgos"),
            Method::CrossSell => Tr::new("Cross-selling", "交叉销售", "Venta cruzada"),
        }
    }
}

/// Every method's result for one prepared dataset and one settings value. A method that
/// cannot run holds `Err(Missing)` naming the column it needs.
#[derive(Clone, Debug)]
pub struct AllResults {
    pub deal: deal::DealResult,
    pub tiers: Result<tiers::TierResult, Missing>,
    pub potential: Result<potential::PotentialResult, Missing>,
    pub value: Result<value::ValueResult, Missing>,
    pub abc: abc::AbcResult,
    pub staffing: staffing::StaffingPlan,
    pub wallet: Result<wallet::WalletResult, Missing>,
    pub score: Result<score::ScoreResult, Missing>,
    pub pyramid: Result<pyramid::PyramidResult, Missing>,
    pub crosstab: Result<crosstab::CrossTab, Missing>,
    pub five_s: five_s::FiveSResult,
    pub readiness: readiness::Readiness,
    pub risk: risk::RiskResult,
    pub cross_sell: Result<cross_sell::CrossSellResult, Missing>,
}

fn as_indices<C: Class>(class: &[Option<C>]) -> Vec<Option<usize>> {
    class.iter().map(|c| c.map(|c| c.index())).collect()
}

fn keys<C: Class>() -> Vec<&'static str> {
    C::ALL.iter().map(|c| c.key()).collect()
}

fn cross_sell_classes(
    all: &AllResults,
    source: ClassSource,
) -> Result<(Vec<&'static str>, Vec<Option<usize>>), Missing> {
    Ok(match source {
        ClassSource::Abc => (keys::<abc::AbcClass>(), as_indices(&all.abc.class)),
        ClassSource::Tier => (
            keys::<tiers::Tier>(),
            as_indices(&all.tiers.as_ref().map_err(|e| *e)?.tier),
        ),
        ClassSource::Value => (
            keys::<value::ValueClass>(),
            as_indices(&all.value.as_ref().map_err(|e| *e)?.class),
        ),
        ClassSource::Pyramid => (
            keys::<pyramid::PyramidClass>(),
            as_indices(&all.pyramid.as_ref().map_err(|e| *e)?.class),
        ),
        ClassSource::ScoreBand => (
            keys::<score::ScoreBand>(),
            as_indices(&all.score.as_ref().map_err(|e| *e)?.band),
        ),
    })
}

/// Recomputes every method: what the UI calls on every settings change. O(n) per method; the
/// orderings come from `p` (built once per dataset).
pub fn run_all(p: &Prepared, s: &Settings) -> AllResults {
    let s = s.clone().normalized();
    let score = score::classify(p, &s.score);
    let score_values = score.as_ref().ok().map(|r| r.score.as_slice());
    let abc = abc::classify_prepared(p, &s.abc);
    let staffing = staffing::plan(p, &abc, &s.staffing);
    let tiers = tiers::classify_prepared(p, &s.tiers, score_values);
    let value = value::classify(p, &s.value);
    let pyramid = pyramid::classify(p, &s.pyramid, value.as_ref().ok(), score_values);
    let risk = risk::classify(p, &s.risk, tiers.as_ref().ok(), s.value.bzc_max_profit);
    let mut all = AllResults {
        deal: deal::classify_prepared(p),
        tiers,
        potential: potential::classify(p, &s.potential),
        value,
        abc,
        staffing,
        wallet: wallet::classify(p, &s.wallet),
        score,
        pyramid,
        crosstab: Ok(crosstab::CrossTab::default()),
        five_s: five_s::classify(p, &s.five_s),
        readiness: readiness::check_prepared(p, &s.readiness),
        risk,
        cross_sell: Err(Missing {
            any_of: &[crate::import::Field::Product],
        }),
    };
    all.cross_sell = if p.ds.products.is_empty() {
        all.cross_sell
    } else {
        cross_sell_classes(&all, s.cross_sell.source)
            .and_then(|(k, c)| cross_sell::classify(p, &k, c))
    };
    all.crosstab = crosstab::crosstab(p, &all, &s.crosstab);
    all
}

/// One method's view of one customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub method: Method,
    /// The class key and name, when the customer is classed.
    pub class_key: Option<&'static str>,
    pub class_name: Option<Tr>,
    pub strategy: Option<&'static Strategy>,
    /// Further strategies that apply: 5S flags and release, risk flags.
    pub also: Vec<&'static Strategy>,
    pub reasons: Vec<Reason>,
    /// The method could not run: the column it needs.
    pub missing: Option<Missing>,
}

fn one<C: Class>(method: Method, class: Option<C>, reasons: Vec<Reason>) -> Explanation {
    Explanation {
        method,
        class_key: class.map(|c| c.key()),
        class_name: class.map(|c| c.name()),
        strategy: class.map(|c| c.strategy()),
        also: Vec::new(),
        reasons,
        missing: None,
    }
}

fn missing(method: Method, m: Missing) -> Explanation {
    Explanation {
        method,
        class_key: None,
        class_name: None,
        strategy: None,
        also: Vec::new(),
        reasons: Vec::new(),
        missing: Some(m),
    }
}

/// For customer `i`: every class it falls into and why, method by method.
pub fn explain_all(p: &Prepared, s: &Settings, all: &AllResults, i: usize) -> Vec<Explanation> {
    let s = s.clone().normalized();
    if i >= p.ds.len() {
        return Vec::new();
    }
    let score_values = all.score.as_ref().ok().map(|r| r.score.as_slice());
    let mut out = vec![one(
        Method::Deal,
        all.deal.class[i],
        deal::explain(&p.ds, i),
    )];
    out.push(match &all.tiers {
        Ok(r) => one(
            Method::Tiers,
            r.tier[i],
            tiers::explain(p, &s.tiers, score_values, r, i),
        ),
        Err(m) => missing(Method::Tiers, *m),
    });
    out.push(match &all.potential {
        Ok(r) => one(
            Method::Potential,
            r.class[i],
            potential::explain(&p.ds, &s.potential, i),
        ),
        Err(m) => missing(Method::Potential, *m),
    });
    out.push(match &all.value {
        Ok(r) => one(Method::Value, r.class[i], value::explain(p, &s.value, r, i)),
        Err(m) => missing(Method::Value, *m),
    });
    out.push(one(
        Method::Abc,
        all.abc.class[i],
        abc::explain(&p.ds, &s.abc, &all.abc, i),
    ));
    out.push(match &all.wallet {
        Ok(r) => one(Method::Wallet, r.class[i], wallet::explain(p, r, i)),
        Err(m) => missing(Method::Wallet, *m),
    });
    out.push(match &all.score {
        Ok(r) => one(Method::Score, r.band[i], score::explain(p, &s.score, r, i)),
        Err(m) => missing(Method::Score, *m),
    });
    out.push(match &all.pyramid {
        Ok(r) => one(
            Method::Pyramid,
            r.class[i],
            pyramid::explain(p, &s.pyramid, all.value.as_ref().ok(), score_values, r, i),
        ),
        Err(m) => missing(Method::Pyramid, *m),
    });
    let fs = &all.five_s;
    let mut e = one(
        Method::FiveS,
        fs.class[i],
        five_s::explain(p, &s.five_s, fs, i),
    );
    e.also = five_s::Flag::ALL
        .iter()
        .filter(|&&f| fs.has(i, f))
        .map(|f| f.strategy())
        .collect();
    if fs.released[i] {
        e.also.push(five_s::released_strategy());
    }
    out.push(e);
    let r = &all.risk;
    out.push(Explanation {
        also: r.flags_of(i).iter().map(|f| f.strategy()).collect(),
        ..one::<risk::RiskFlag>(
            Method::Risk,
            None,
            risk::explain(p, &s.risk, r, s.value.bzc_max_profit, i),
        )
    });
    out
}

/// The results kept between settings changes. [`Engine::update`] recomputes only the methods
/// whose settings section changed, and the methods that depend on them (the value tiers on
/// the score, risk on the tiers, the cross-tab and cross-selling on their class sources).
#[derive(Clone, Debug)]
pub struct Engine {
    prepared: Prepared,
    settings: Settings,
    results: AllResults,
}

impl Engine {
    pub fn new(prepared: Prepared, s: &Settings) -> Engine {
        let settings = s.clone().normalized();
        let results = run_all(&prepared, &settings);
        Engine {
            prepared,
            settings,
            results,
        }
    }

    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn results(&self) -> &AllResults {
        &self.results
    }

    /// Brings the results up to date with `s`; returns the methods it recomputed.
    pub fn update(&mut self, s: &Settings) -> Vec<Method> {
        use crate::settings::{Dimension, ValueMeasure};
        let s = s.clone().normalized();
        let old = &self.settings;
        let p = &self.prepared;
        let r = &mut self.results;
        let mut done = Vec::new();

        let score_ch = s.score != old.score;
        if score_ch {
            r.score = score::classify(p, &s.score);
            done.push(Method::Score);
        }
        let sv = r.score.as_ref().ok().map(|x| x.score.as_slice());
        let tiers_ch = s.tiers != old.tiers || (score_ch && s.tiers.measure == ValueMeasure::Score);
        if tiers_ch {
            r.tiers = tiers::classify_prepared(p, &s.tiers, sv);
            done.push(Method::Tiers);
        }
        let abc_ch = s.abc != old.abc;
        if abc_ch {
            r.abc = abc::classify_prepared(p, &s.abc);
            done.push(Method::Abc);
        }
        if abc_ch || s.staffing != old.staffing {
            r.staffing = staffing::plan(p, &r.abc, &s.staffing);
        }
        let potential_ch = s.potential != old.potential;
        if potential_ch {
            r.potential = potential::classify(p, &s.potential);
            done.push(Method::Potential);
        }
        let value_ch = s.value != old.value;
        if value_ch {
            r.value = value::classify(p, &s.value);
            done.push(Method::Value);
        }
        let wallet_ch = s.wallet != old.wallet;
        if wallet_ch {
            r.wallet = wallet::classify(p, &s.wallet);
            done.push(Method::Wallet);
        }
        let pyramid_ch = s.pyramid != old.pyramid
            || value_ch
            || (score_ch && s.pyramid.measure == ValueMeasure::Score);
        if pyramid_ch {
            r.pyramid = pyramid::classify(p, &s.pyramid, r.value.as_ref().ok(), sv);
            done.push(Method::Pyramid);
        }
        let five_s_ch = s.five_s != old.five_s;
        if five_s_ch {
            r.five_s = five_s::classify(p, &s.five_s);
            done.push(Method::FiveS);
        }
        if s.readiness != old.readiness {
            r.readiness = readiness::check_prepared(p, &s.readiness);
            done.push(Method::Readiness);
        }
        if s.risk != old.risk || tiers_ch || s.value.bzc_max_profit != old.value.bzc_max_profit {
            r.risk = risk::classify(p, &s.risk, r.tiers.as_ref().ok(), s.value.bzc_max_profit);
            done.push(Method::Risk);
        }
        let source_ch = match s.cross_sell.source {
            ClassSource::Abc => abc_ch,
            ClassSource::Tier => tiers_ch,
            ClassSource::Value => value_ch,
            ClassSource::Pyramid => pyramid_ch,
            ClassSource::ScoreBand => score_ch,
        };
        if (s.cross_sell != old.cross_sell || source_ch) && !p.ds.products.is_empty() {
            r.cross_sell = cross_sell_classes(r, s.cross_sell.source)
                .and_then(|(k, c)| cross_sell::classify(p, &k, c));
            done.push(Method::CrossSell);
        }
        let dim_ch = |d: Dimension| match d {
            Dimension::Abc => abc_ch,
            Dimension::Tier => tiers_ch,
            Dimension::Potential => potential_ch,
            Dimension::Value => value_ch,
            Dimension::Wallet => wallet_ch,
            Dimension::ScoreBand => score_ch,
            Dimension::Pyramid => pyramid_ch,
            Dimension::FiveS => five_s_ch,
            _ => false,
        };
        if s.crosstab != old.crosstab || dim_ch(s.crosstab.rows) || dim_ch(s.crosstab.cols) {
            r.crosstab = crosstab::crosstab(p, r, &s.crosstab);
            done.push(Method::CrossTab);
        }
        self.settings = s;
        done
    }
}

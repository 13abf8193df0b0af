//! Method 8: Customer pyramid (客户金字塔): key (关键), major (主要), ordinary (普通), small (小), and
//! bad customers (劣质客户).
//!
//! Levels rank existing customers on the measure (profit by default) exactly as the value
//! tiers do: key the top 1%, major the next 4%, ordinary the next 15%, small the rest. Bad:
//! BZC (not a kept exception) or average days late at or above `bad_days_late`; bad wins over
//! the level. Ordinary and small customers split on upgrade potential: growth at or above
//! `upgrade_growth_pct`, or MGC (when `mgc_is_upgrade`).

use super::score::Score;
use super::tiers::{self, TierResult};
use super::value::Value;
use super::value::{ValueClass, ValueResult};
use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::{Prepared, Tally};
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::settings::{PyramidSettings, TierSettings};
use crate::settings::{Settings, ValueMeasure};

// The strategies of its classes.
strategy!(
    PYR_KEY,
    "pyramid.key",
    Tr::new(
        "Key: concentrate resources",
        "关键客户：集中优势资源",
        "Clave: concentrar recursos"
    ),
    [
        Tr::new(
            "Concentrate the best resources on them",
            "集中优势资源服务",
            "Concentrar en ellos los mejores recursos"
        ),
        Tr::new(
            "Close communication and personal contact",
            "密切沟通与感情交流",
            "Comunicación estrecha y trato personal"
        ),
        Tr::new(
            "An account manager (customer manager system)",
            "客户经理制",
            "Un gestor de cuenta (sistema de gestores)"
        ),
    ]
);
strategy!(
    PYR_MAJOR,
    "pyramid.major",
    Tr::new(
        "Major: keep close, develop towards key",
        "主要客户：保持密切，培养为关键客户",
        "Principal: mantener cerca, desarrollar hacia clave"
    ),
    [
        Tr::new(
            "Regular visits by a named rep",
            "由专人定期拜访",
            "Visitas periódicas de un comercial asignado"
        ),
        Tr::new(
            "Offer the benefits key customers enjoy as a goal",
            "以关键客户待遇为目标激励",
            "Ofrecer como meta las ventajas de los clientes clave"
        ),
    ]
);
strategy!(
    PYR_ORDINARY_UP,
    "pyramid.ordinary_upgrade",
    Tr::new(
        "Ordinary with upgrade potential: cultivate towards key",
        "有升级潜力的普通客户：培养成关键客户",
        "Ordinario con potencial: cultivar hacia clave"
    ),
    [Tr::new(
        "Invest in the relationship and show the key-customer benefits",
        "投入关系经营，展示关键客户待遇",
        "Invertir en la relación y mostrar las ventajas de clave"
    ),]
);
strategy!(
    PYR_ORDINARY_FLAT,
    "pyramid.ordinary_flat",
    Tr::new(
        "Ordinary without upgrade potential: reduce service and cost",
        "无升级潜力的普通客户：减少服务，降低成本",
        "Ordinario sin potencial: reducir servicio y coste"
    ),
    [Tr::new(
        "Reduce service levels and cost",
        "降低服务水平与成本",
        "Reducir niveles de servicio y coste"
    ),]
);
strategy!(
    PYR_SMALL_UP,
    "pyramid.small_upgrade",
    Tr::new(
        "Small with potential: cultivate",
        "有潜力的小客户：努力培养",
        "Pequeño con potencial: cultivar"
    ),
    [Tr::new(
        "Cultivate towards ordinary or even key",
        "培养成为普通客户甚至关键客户",
        "Cultivar hacia ordinario o incluso clave"
    ),]
);
strategy!(
    PYR_SMALL_FLAT,
    "pyramid.small_flat",
    Tr::new(
        "Small without potential: raise service price, cut cost",
        "无潜力的小客户：提高服务价格，降低成本",
        "Pequeño sin potencial: subir el precio del servicio, reducir coste"
    ),
    [
        Tr::new(
            "Raise the price of service",
            "提高服务价格",
            "Subir el precio del servicio"
        ),
        Tr::new(
            "Cut the cost to serve",
            "降低服务成本",
            "Reducir el coste de servicio"
        ),
    ]
);
strategy!(
    PYR_BAD,
    "pyramid.bad",
    Tr::new(
        "Bad customer: eliminate",
        "劣质客户：淘汰",
        "Cliente malo: eliminar"
    ),
    [Tr::new(
        "Stop new business and collect what is owed",
        "停止新业务并催收欠款",
        "Detener nuevos negocios y cobrar lo adeudado"
    ),]
);

class_enum! {
    PyramidClass {
        Key => "key", Tr::new("Key", "关键客户", "Clave"), PYR_KEY;
        Major => "major", Tr::new("Major", "主要客户", "Principal"), PYR_MAJOR;
        OrdinaryUpgrade => "ordinary_upgrade", Tr::new("Ordinary, can upgrade", "普通客户（有升级潜力）", "Ordinario, con potencial"), PYR_ORDINARY_UP;
        Ordinary => "ordinary", Tr::new("Ordinary", "普通客户（无升级潜力）", "Ordinario"), PYR_ORDINARY_FLAT;
        SmallUpgrade => "small_upgrade", Tr::new("Small, can upgrade", "小客户（有升级潜力）", "Pequeño, con potencial"), PYR_SMALL_UP;
        Small => "small", Tr::new("Small", "小客户（无升级潜力）", "Pequeño"), PYR_SMALL_FLAT;
        Bad => "bad", Tr::new("Bad customer", "劣质客户", "Cliente malo"), PYR_BAD;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PyramidResult {
    pub class: Vec<Option<PyramidClass>>,
    pub counts: [usize; 7],
    pub sales: [f64; 7],
    pub profit: [f64; 7],
    /// The levels before bad customers and upgrade potential are applied.
    pub levels: TierResult,
    pub unclassed: usize,
}

fn level_settings(s: &PyramidSettings) -> TierSettings {
    TierSettings {
        vip_pct: s.key_pct,
        large_pct: s.major_pct,
        medium_pct: s.ordinary_pct,
        measure: s.measure,
        ..TierSettings::default()
    }
}

const TABLE: [[[PyramidClass; 2]; 4]; 2] = {
    use PyramidClass::*;
    [
        [
            [Key, Key],
            [Major, Major],
            [Ordinary, OrdinaryUpgrade],
            [Small, SmallUpgrade],
        ],
        [[Bad, Bad], [Bad, Bad], [Bad, Bad], [Bad, Bad]],
    ]
};

/// `value` supplies BZC and MGC (pass `None` when the value classes cannot run); `score` is
/// needed only when the measure is the score.
pub fn classify(
    p: &Prepared,
    s: &PyramidSettings,
    value: Option<&ValueResult>,
    score: Option<&[f64]>,
) -> Result<PyramidResult, Missing> {
    let s = s.clone().normalized();
    let levels = tiers::classify_prepared(p, &level_settings(&s), score)?;
    let n = p.ds.len();
    let col = &p.index.col;
    let vclass = value.map(|v| v.class.as_slice());
    let mut class = vec![None; n];
    let mut tally = Tally::<7>::new();
    for (i, t) in levels.tier.iter().enumerate() {
        let Some(t) = *t else { continue };
        let v = vclass.and_then(|c| c[i]);
        // `|` and `&`, not `||` and `&&`: no branches on random data.
        let bad = (v == Some(ValueClass::Bzc)) | (col.days_late[i] >= s.bad_days_late);
        let up = (col.growth[i] * 100.0 >= s.upgrade_growth_pct)
            | (s.mgc_is_upgrade & (v == Some(ValueClass::Mgc)));
        // Branch-free: a table by (bad, level, upgrade).
        let k = TABLE[usize::from(bad)][t.index()][usize::from(up)];
        class[i] = Some(k);
        tally.add(i, k.index(), col.sales[i], col.profit[i]);
    }
    let (counts, sales, profit) = tally.finish();
    let mut out = PyramidResult {
        class,
        counts,
        sales,
        profit,
        ..Default::default()
    };
    out.unclassed = levels.unclassed;
    out.levels = levels;
    Ok(out)
}

pub fn explain(
    p: &Prepared,
    s: &PyramidSettings,
    value: Option<&ValueResult>,
    score: Option<&[f64]>,
    r: &PyramidResult,
    i: usize,
) -> Vec<Reason> {
    let levels = level_settings(&s.clone().normalized());
    explain_levels(p, s, value, r, i, || {
        tiers::explain(p, &levels, score, &r.levels, i)
    })
}

/// [`explain`], with the reasons of the customer's level (a value tier under the pyramid's
/// cut-offs) from `levels`.
fn explain_levels(
    p: &Prepared,
    s: &PyramidSettings,
    value: Option<&ValueResult>,
    r: &PyramidResult,
    i: usize,
    levels: impl FnOnce() -> Vec<Reason>,
) -> Vec<Reason> {
    let s = s.clone().normalized();
    if i >= p.ds.len() {
        return Vec::new();
    }
    let mut out = levels();
    let Some(k) = r.class[i] else {
        return out;
    };
    let c = &p.ds.customers[i];
    if k == PyramidClass::Bad {
        if let Some(d) = c.attrs().avg_days_late.filter(|&d| d >= s.bad_days_late) {
            out.push(Reason::with(
                what::DAYS_LATE,
                d,
                Cmp::Ge,
                s.bad_days_late,
                Unit::Days,
            ));
        }
        if value.is_some_and(|v| v.class[i] == Some(ValueClass::Bzc)) {
            out.push(Reason::with(
                what::PROFIT,
                c.profit.unwrap_or(f64::NAN),
                Cmp::Le,
                0.0,
                Unit::Money,
            ));
        }
        return out;
    }
    if matches!(k, PyramidClass::Key | PyramidClass::Major) {
        return out;
    }
    match c.growth {
        Some(g) => out.push(Reason::cmp(
            what::GROWTH,
            g * 100.0,
            s.upgrade_growth_pct,
            Unit::Percent,
        )),
        None => out.push(Reason::missing(what::GROWTH, Unit::Percent)),
    }
    out
}

/// The customer pyramid in the registry.
pub struct Pyramid;

impl MethodDef for Pyramid {
    const KEY: &'static str = "pyramid";
    const NAME: Tr = Tr::new("Customer pyramid", "客户金字塔", "Pirámide de clientes");
    const PURPOSE: Tr = Tr::new(
        "Key, major, ordinary and small customers, with upgrade potential and bad customers apart.",
        "关键、主要、普通和小客户，并区分有升级潜力的客户和劣质客户。",
        "Clientes clave, principales, ordinarios y pequeños, con el potencial de mejora y los malos aparte.",
    );
    const DIMENSION: bool = true;
    const EXPLAINED: bool = true;
    type Class = PyramidClass;
    type Output = Result<PyramidResult, Missing>;
    type Prep = ();

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.pyramid != new.pyramid
    }

    /// The value classes (BZC, MGC), and the score when it is the measure.
    fn inputs(s: &Settings) -> Vec<&'static str> {
        let mut v = vec![Value::KEY];
        match s.pyramid.measure {
            ValueMeasure::Score => v.push(Score::KEY),
            ValueMeasure::Clv => v.push(super::clv::Clv::KEY),
            _ => {}
        }
        v
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> Self::Output {
        let (value, score) = read(s, inputs);
        classify(p, &s.pyramid, value, score)
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
        inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        let (value, score) = read(s, inputs);
        let reasons = explain(p, &s.pyramid, value, score, r, i);
        Some(Explained::new(Self::class_of(out, i), reasons))
    }

    /// Every customer's level placed at once (one sort), rather than a count per customer.
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
        let (value, score) = read(s, inputs);
        let levels = level_settings(&s.pyramid);
        let placed = tiers::Standings::new(p, levels.measure, score);
        rows.iter()
            .map(|&i| {
                let reasons = explain_levels(p, &s.pyramid, value, r, i, || {
                    placed.explain(p, &levels, score, &r.levels, i)
                });
                Some(Explained::new(Self::class_of(out, i), reasons))
            })
            .collect()
    }
}

fn read<'a>(s: &Settings, inputs: &Inputs<'a>) -> (Option<&'a ValueResult>, Option<&'a [f64]>) {
    let value = inputs.get::<Value>().as_ref().ok();
    (value, tiers::measure_values(s.pyramid.measure, inputs))
}

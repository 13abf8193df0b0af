//! Method 3: Potential customers by likelihood of closing (A/B/C/D).
//!
//! By close probability: A ≥ 75%, B ≥ 50%, C ≥ 25%, D below. By expected close date, against
//! a reference date (the settings' or the dataset's newest log date): A on or before the
//! reference + 1 month, B + 3, C + 6, D later (calendar months). In `Auto` mode each prospect
//! uses its probability when it has one, else its date. Existing customers are not classed.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::Tally;
use crate::classify::Prepared;
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::Settings;
use crate::settings::{PotentialMode, PotentialSettings};
use chrono::{Months, NaiveDate};

// The strategies of its classes.
strategy!(
    POT_A,
    "potential.a",
    Tr::new("A: close now", "A 类：立即促成", "A: cerrar ya"),
    [
        Tr::new(
            "Senior rep follows up weekly",
            "资深销售每周跟进",
            "Un comercial sénior hace seguimiento semanal"
        ),
        Tr::new(
            "Prepare the offer and contract",
            "准备报价与合同",
            "Preparar la oferta y el contrato"
        ),
    ]
);
strategy!(
    POT_B,
    "potential.b",
    Tr::new(
        "B: follow up actively",
        "B 类：积极跟进",
        "B: seguimiento activo"
    ),
    [
        Tr::new(
            "Follow up every two weeks",
            "每两周跟进一次",
            "Seguimiento cada dos semanas"
        ),
        Tr::new(
            "Remove the obstacles to closing",
            "排除成交障碍",
            "Eliminar los obstáculos al cierre"
        ),
    ]
);
strategy!(
    POT_C,
    "potential.c",
    Tr::new("C: nurture", "C 类：培育", "C: cultivar"),
    [Tr::new(
        "Monthly contact and useful information",
        "每月联系，提供有用信息",
        "Contacto mensual e información útil"
    ),]
);
strategy!(
    POT_D,
    "potential.d",
    Tr::new("D: low priority", "D 类：低优先级", "D: baja prioridad"),
    [Tr::new(
        "Keep in the newsletter; check again next quarter",
        "保持资讯推送，下季度再评估",
        "Mantener en el boletín; revisar el próximo trimestre"
    ),]
);

class_enum! {
    PotentialClass {
        A => "A", Tr::new("A (likely)", "A（很可能成交）", "A (probable)"), POT_A;
        B => "B", Tr::new("B", "B", "B"), POT_B;
        C => "C", Tr::new("C", "C", "C"), POT_C;
        D => "D", Tr::new("D (unlikely)", "D（不太可能）", "D (improbable)"), POT_D;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PotentialResult {
    /// Per customer; `None` for existing customers and prospects without the figure.
    pub class: Vec<Option<PotentialClass>>,
    pub counts: [usize; 4],
    /// Upcoming volume per class (what the prospects may buy), over those that have one.
    pub volume: [f64; 4],
    /// Prospects left unclassed for lack of a probability or date.
    pub unclassed: usize,
}

enum Basis {
    Probability(f64),
    /// Expected close date and reference date.
    Date(NaiveDate, NaiveDate),
    MissingFigure,
    MissingReference,
}

fn basis(
    prob: f64,
    close: Option<NaiveDate>,
    s: &PotentialSettings,
    reference: Option<NaiveDate>,
) -> Basis {
    let by_date = || match (close, reference) {
        (Some(d), Some(r)) => Basis::Date(d, r),
        (Some(_), None) => Basis::MissingReference,
        (None, _) => Basis::MissingFigure,
    };
    let prob = if prob.is_finite() { Some(prob) } else { None };
    match s.mode {
        PotentialMode::Probability => prob.map_or(Basis::MissingFigure, Basis::Probability),
        PotentialMode::CloseDate => by_date(),
        PotentialMode::Auto => prob.map_or_else(by_date, Basis::Probability),
    }
}

/// The last close date of classes A, B and C.
fn limits(reference: NaiveDate, s: &PotentialSettings) -> [Option<NaiveDate>; 3] {
    [s.a_months, s.b_months, s.c_months].map(|m| reference.checked_add_months(Months::new(m)))
}

fn class_of(
    b: &Basis,
    s: &PotentialSettings,
    lims: Option<&[Option<NaiveDate>; 3]>,
) -> Option<PotentialClass> {
    use PotentialClass::*;
    let level = match *b {
        Basis::Probability(p) => {
            let pct = p * 100.0;
            [s.a_pct, s.b_pct, s.c_pct]
                .iter()
                .position(|&cut| pct >= cut)
                .unwrap_or(3)
        }
        Basis::Date(d, r) => {
            let own;
            let lims = match lims {
                Some(l) => l,
                None => {
                    own = limits(r, s);
                    &own
                }
            };
            lims.iter()
                .position(|lim| lim.is_some_and(|lim| d <= lim))
                .unwrap_or(3)
        }
        Basis::MissingFigure | Basis::MissingReference => return None,
    };
    Some([A, B, C, D][level])
}

const NEEDS: &[Field] = &[Field::CloseProbability, Field::ExpectedClose];

pub fn classify(p: &Prepared, s: &PotentialSettings) -> Result<PotentialResult, Missing> {
    let s = s.clone().normalized();
    let ok = match s.mode {
        PotentialMode::Probability => p.has(Field::CloseProbability),
        PotentialMode::CloseDate => p.has(Field::ExpectedClose),
        PotentialMode::Auto => p.has(Field::CloseProbability) || p.has(Field::ExpectedClose),
    };
    if !ok {
        return Err(Missing {
            any_of: match s.mode {
                PotentialMode::Probability => &NEEDS[..1],
                PotentialMode::CloseDate => &NEEDS[1..],
                PotentialMode::Auto => NEEDS,
            },
        });
    }
    let reference = s.reference_date.or(p.ds.as_of);
    let lims = reference.map(|r| limits(r, &s));
    let col = &p.index.col;
    let mut class = vec![None; p.ds.len()];
    // Upcoming volume per class rides in the tally's first sum.
    let mut tally = Tally::<4>::new();
    let mut unclassed = 0;
    for &i in &p.index.prospects {
        let i = i as usize;
        let b = basis(
            col.probability[i],
            col.expected_close.get(i).copied().flatten(),
            &s,
            reference,
        );
        match class_of(&b, &s, lims.as_ref()) {
            Some(k) => {
                class[i] = Some(k);
                let v = col.volume[i];
                tally.add(i, k.index(), if v.is_finite() { v } else { 0.0 }, f64::NAN);
            }
            None => unclassed += 1,
        }
    }
    let (counts, volume, _) = tally.finish();
    let out = PotentialResult {
        class,
        counts,
        volume,
        unclassed,
    };
    Ok(out)
}

pub fn explain(ds: &Dataset, s: &PotentialSettings, i: usize) -> Vec<Reason> {
    let s = s.clone().normalized();
    let Some(c) = ds.customers.get(i) else {
        return Vec::new();
    };
    if c.is_existing() {
        return Vec::new();
    }
    let prob = c.attrs().close_probability.unwrap_or(f64::NAN);
    let b = basis(
        prob,
        c.attrs().expected_close,
        &s,
        s.reference_date.or(ds.as_of),
    );
    let Some(k) = class_of(&b, &s, None) else {
        return match b {
            Basis::MissingReference => vec![Reason::missing(what::REFERENCE_DATE, Unit::Days)],
            _ => vec![Reason::missing(what::CLOSE_PROBABILITY, Unit::Percent)],
        };
    };
    let idx = k.index();
    match b {
        Basis::Probability(p) => {
            let cuts = [s.a_pct, s.b_pct, s.c_pct];
            let v = p * 100.0;
            let mut out = Vec::new();
            if idx < 3 {
                out.push(Reason::with(
                    what::CLOSE_PROBABILITY,
                    v,
                    Cmp::Ge,
                    cuts[idx],
                    Unit::Percent,
                ));
            }
            if idx > 0 {
                out.push(Reason::with(
                    what::CLOSE_PROBABILITY,
                    v,
                    Cmp::Lt,
                    cuts[idx - 1],
                    Unit::Percent,
                ));
            }
            out
        }
        Basis::Date(d, r) => {
            let months = (d - r).num_days() as f64 / (365.25 / 12.0);
            let cuts = [s.a_months, s.b_months, s.c_months].map(f64::from);
            let mut out = Vec::new();
            if idx < 3 {
                out.push(Reason::with(
                    what::MONTHS_TO_CLOSE,
                    months,
                    Cmp::Le,
                    cuts[idx],
                    Unit::Months,
                ));
            }
            if idx > 0 {
                out.push(Reason::with(
                    what::MONTHS_TO_CLOSE,
                    months,
                    Cmp::Gt,
                    cuts[idx - 1],
                    Unit::Months,
                ));
            }
            out
        }
        Basis::MissingFigure | Basis::MissingReference => Vec::new(),
    }
}

/// The likelihood of closing in the registry.
pub struct Potential;

impl MethodDef for Potential {
    const KEY: &'static str = "potential";
    const NAME: Tr = Tr::new(
        "Likelihood of closing",
        "成交可能性",
        "Probabilidad de cierre",
    );
    const PURPOSE: Tr = Tr::new(
        "Prospects A–D by how likely and how soon they close.",
        "按成交可能性和时间把潜在客户分为 A–D。",
        "Potenciales A–D según la probabilidad y la rapidez del cierre.",
    );
    const DIMENSION: bool = true;
    const EXPLAINED: bool = true;
    type Class = PotentialClass;
    type Output = Result<PotentialResult, Missing>;
    type Prep = ();

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.potential != new.potential
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Self::Output {
        classify(p, &s.potential)
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
        let reasons = explain(&p.ds, &s.potential, i);
        Some(Explained::new(Self::class_of(out, i), reasons))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Customer;
    use PotentialClass::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn prospect(id: &str, prob: Option<f64>, close: Option<NaiveDate>) -> Customer {
        Customer {
            id: id.into(),
            attrs: crate::model::Attributes {
                close_probability: prob,
                expected_close: close,
                upcoming_volume: Some(100.0),
                ..Default::default()
            }
            .into(),
            ..Default::default()
        }
    }

    #[test]
    fn fixture_auto_mode() {
        // Reference 2026-01-15. (probability, close date) → class.
        let rows = [
            (Some(0.80), None, Some(A)),
            (Some(0.75), None, Some(A)),
            (Some(0.74), None, Some(B)),
            (Some(0.30), Some(d(2026, 1, 20)), Some(C)), // probability wins in Auto
            (Some(0.10), None, Some(D)),
            (None, Some(d(2026, 2, 15)), Some(A)), // exactly 1 month
            (None, Some(d(2026, 2, 16)), Some(B)),
            (None, Some(d(2026, 7, 15)), Some(C)),
            (None, Some(d(2026, 7, 16)), Some(D)),
            (None, None, None),
        ];
        let mut customers: Vec<Customer> = rows
            .iter()
            .enumerate()
            .map(|(k, &(p, c, _))| prospect(&format!("p{k}"), p, c))
            .collect();
        customers.push(Customer {
            id: "existing".into(),
            sales: 10.0,
            attrs: crate::model::Attributes {
                close_probability: Some(0.9),
                ..Default::default()
            }
            .into(),
            ..Default::default()
        });
        let ds = Dataset::new(customers, vec![], None);
        let s = PotentialSettings {
            reference_date: Some(d(2026, 1, 15)),
            ..Default::default()
        };
        let r = classify(&Prepared::new(ds.clone()), &s).unwrap();
        let mut expected: Vec<_> = rows.iter().map(|r| r.2).collect();
        expected.push(None);
        assert_eq!(r.class, expected);
        assert_eq!(r.counts, [3, 2, 2, 2]);
        assert_eq!(r.unclassed, 1);
        assert_eq!(r.volume, [300.0, 200.0, 200.0, 200.0]);
        let why = explain(&ds, &s, 2);
        assert_eq!((why[0].cmp, why[0].threshold), (Cmp::Ge, Some(50.0)));
        assert_eq!((why[1].cmp, why[1].threshold), (Cmp::Lt, Some(75.0)));
    }

    #[test]
    fn missing_columns_are_named() {
        let ds = Dataset::new(vec![prospect("p", None, None)], vec![], None);
        let p = Prepared::new(ds);
        let e = classify(&p, &PotentialSettings::default()).unwrap_err();
        assert_eq!(e.any_of, [Field::CloseProbability, Field::ExpectedClose]);
        assert_eq!(
            e.message(crate::i18n::Lang::En),
            "Needs the column: close probability or expected close date"
        );
        assert_eq!(
            e.message(crate::i18n::Lang::ZhCn),
            "需要以下列：成交概率或预计成交日期"
        );
        let s = PotentialSettings {
            mode: PotentialMode::Probability,
            ..Default::default()
        };
        assert_eq!(
            classify(&p, &s).unwrap_err().any_of,
            [Field::CloseProbability]
        );
    }
}

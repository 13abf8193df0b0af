//! Method 5b: The ABC staffing plan: customers one rep serves per class (A 1:1, B 1:2, C 1:4 by
//! default) turned into reps needed per class — ⌈customers ÷ customers per rep⌉ — and in total
//! (the sum over classes), against the reps available in total and per owner.

use super::abc::Abc;
use super::abc::AbcResult;
use crate::classify::method::{Inputs, MethodDef, NoClass};
use crate::classify::prepared::Prepared;
use crate::i18n::Tr;
use crate::settings::Settings;
use crate::settings::StaffingSettings;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnerCoverage {
    pub owner: String,
    /// The owner's customers per ABC class.
    pub counts: [usize; 3],
    /// Reps the owner's customers need (sum over classes of the per-class ceilings).
    pub needed: u32,
    pub available: Option<u32>,
    /// available − needed: positive is over-coverage, negative under-coverage.
    pub surplus: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StaffingPlan {
    pub per_rep: [f64; 3],
    pub counts: [usize; 3],
    pub needed: [u32; 3],
    /// Always `needed[0] + needed[1] + needed[2]`.
    pub total_needed: u32,
    pub available: Option<u32>,
    pub surplus: Option<i64>,
    /// One line per owner seen in the data or given reps in the settings, sorted by owner.
    pub owners: Vec<OwnerCoverage>,
    /// Classed customers with no owner.
    pub unowned: [usize; 3],
}

/// ⌈count ÷ per_rep⌉, robust to float noise (6 ÷ 0.3 is 20, not 21).
pub fn reps_for(count: usize, per_rep: f64) -> u32 {
    if count == 0 {
        return 0;
    }
    let x = count as f64 / per_rep.max(0.1);
    (x - 1e-9).ceil().max(1.0) as u32
}

fn needed(counts: &[usize; 3], per_rep: &[f64; 3]) -> [u32; 3] {
    [0, 1, 2].map(|k| reps_for(counts[k], per_rep[k]))
}

pub fn plan(p: &Prepared, abc: &AbcResult, s: &StaffingSettings) -> StaffingPlan {
    let s = s.clone().normalized();
    let per_rep = s.per_rep();
    let owners = &p.index.owner;
    let mut by_owner = vec![[0usize; 3]; owners.labels.len()];
    let mut unowned = [0usize; 3];
    for (i, class) in abc.class.iter().enumerate() {
        if let Some(c) = class {
            match owners.id(i) {
                Some(o) => by_owner[o as usize][c.index()] += 1,
                None => unowned[c.index()] += 1,
            }
        }
    }
    let mut lines: Vec<OwnerCoverage> = owners
        .labels
        .iter()
        .zip(&by_owner)
        .map(|(o, counts)| OwnerCoverage {
            owner: o.clone(),
            counts: *counts,
            needed: needed(counts, &per_rep).iter().sum(),
            available: None,
            surplus: None,
        })
        .collect();
    for r in &s.reps_by_owner {
        let k = match lines.iter().position(|l| l.owner == r.owner) {
            Some(k) => k,
            None => {
                lines.push(OwnerCoverage {
                    owner: r.owner.clone(),
                    ..Default::default()
                });
                lines.len() - 1
            }
        };
        let line = &mut lines[k];
        line.available = Some(line.available.unwrap_or(0) + r.reps);
        line.surplus = line
            .available
            .map(|a| i64::from(a) - i64::from(line.needed));
    }
    lines.sort_by(|a, b| a.owner.cmp(&b.owner));
    let need = needed(&abc.counts, &per_rep);
    let total_needed = need.iter().sum();
    StaffingPlan {
        per_rep,
        counts: abc.counts,
        needed: need,
        total_needed,
        available: s.reps_total,
        surplus: s.reps_total.map(|a| i64::from(a) - i64::from(total_needed)),
        owners: lines,
        unowned,
    }
}

/// The staffing plan in the registry: computed from the ABC classes, shown on a page of its
/// own rather than as a method.
pub struct Staffing;

impl MethodDef for Staffing {
    const KEY: &'static str = "staffing";
    const NAME: Tr = Tr::new("Staffing plan", "人员配置计划", "Plan de personal");
    const PURPOSE: Tr = Tr::new(
        "The reps each ABC class needs against the reps you have.",
        "每个 ABC 类别所需的销售人员与现有人员的对比。",
        "Los comerciales que necesita cada clase ABC frente a los que tiene.",
    );
    const LISTED: bool = false;
    type Class = NoClass;
    type Output = StaffingPlan;
    type Prep = ();

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.staffing != new.staffing
    }

    fn inputs(_s: &Settings) -> Vec<&'static str> {
        vec![Abc::KEY]
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> StaffingPlan {
        plan(p, inputs.get::<Abc>(), &s.staffing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::abc;
    use crate::model::{Customer, Dataset};
    use crate::settings::{AbcSettings, OwnerReps};

    #[test]
    fn fixture_plan_by_hand() {
        // Sales 400 200 150 100 | 50 40 30 | 20 5 5 → A 4, B 3, C 3 (see abc tests).
        // Owners: Li has the A customers 0, 1 and B 4, C 7; Ana has A 2, 3, B 5, 6, C 8;
        // customer 9 (C) has no owner.
        let sales = [400.0, 200.0, 150.0, 100.0, 50.0, 40.0, 30.0, 20.0, 5.0, 5.0];
        let owner = [
            "Li", "Li", "Ana", "Ana", "Li", "Ana", "Ana", "Li", "Ana", "",
        ];
        let customers = sales
            .iter()
            .zip(owner)
            .enumerate()
            .map(|(k, (&s, o))| Customer {
                id: format!("c{k}"),
                sales: s,
                orders: Some(1),
                attrs: crate::model::Attributes {
                    owner: (!o.is_empty()).then(|| o.to_string()),
                    ..Default::default()
                }
                .into(),
                ..Default::default()
            })
            .collect();
        let p = Prepared::new(Dataset::new(customers, vec![], None));
        let a = abc::classify(&p.ds, &AbcSettings::default());
        let s = StaffingSettings {
            reps_total: Some(5),
            reps_by_owner: vec![
                OwnerReps {
                    owner: "Li".into(),
                    reps: 4,
                },
                OwnerReps {
                    owner: "Ana".into(),
                    reps: 3,
                },
                OwnerReps {
                    owner: "Zoe".into(),
                    reps: 1,
                },
            ],
            ..Default::default()
        };
        let plan = plan(&p, &a, &s);
        // A 4 ÷ 1 = 4; B 3 ÷ 2 = 1.5 → 2; C 3 ÷ 4 = 0.75 → 1; total 7; 5 available → −2.
        assert_eq!(plan.needed, [4, 2, 1]);
        assert_eq!(plan.total_needed, 7);
        assert_eq!(plan.surplus, Some(-2));
        assert_eq!(plan.unowned, [0, 0, 1]);
        // Ana: A 2 → 2, B 2 → 1, C 1 → 1 = 4 needed, 3 available → −1.
        // Li: A 2 → 2, B 1 → 1, C 1 → 1 = 4 needed, 4 available → 0. Zoe: none, +1.
        let lines: Vec<_> = plan
            .owners
            .iter()
            .map(|o| (o.owner.as_str(), o.counts, o.needed, o.surplus))
            .collect();
        assert_eq!(
            lines,
            [
                ("Ana", [2, 2, 1], 4, Some(-1)),
                ("Li", [2, 1, 1], 4, Some(0)),
                ("Zoe", [0, 0, 0], 0, Some(1))
            ]
        );
    }

    #[test]
    fn ceiling_is_robust_to_float_noise() {
        assert_eq!(reps_for(6, 0.3), 20);
        assert_eq!(reps_for(0, 4.0), 0);
        assert_eq!(reps_for(9, 4.0), 3);
    }
}

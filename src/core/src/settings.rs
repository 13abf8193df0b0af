//! Every threshold and weight, in one versioned serde struct. Defaults come from the domain
//! (../shared/domain.md). Percentages are stored as percent (80.0 = 80%), as the sliders show them.

use serde::{Deserialize, Serialize};

/// Bumped whenever a field changes meaning; older settings are migrated or reset per section.
pub const SETTINGS_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub version: u32,
    pub abc: AbcSettings,
    pub tiers: TierSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            abc: AbcSettings::default(),
            tiers: TierSettings::default(),
        }
    }
}

impl Settings {
    /// Clamp every field into its valid range, so that any stored or hand-edited value is safe.
    pub fn normalized(mut self) -> Self {
        self.version = SETTINGS_VERSION;
        self.abc = self.abc.normalized();
        self.tiers = self.tiers.normalized();
        self
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

/// Value tiers by percentile of the existing customers: VIP top 5%, Large next 15%,
/// Medium next 30%, Small the rest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierSettings {
    pub vip_pct: f64,
    pub large_pct: f64,
    pub medium_pct: f64,
}

impl Default for TierSettings {
    fn default() -> Self {
        TierSettings {
            vip_pct: 5.0,
            large_pct: 15.0,
            medium_pct: 30.0,
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
        TierSettings {
            vip_pct: vip,
            large_pct: large,
            medium_pct: medium,
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
    use super::*;

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
            },
        }
        .normalized();
        assert_eq!(s.abc.b_pct, 5.0);
        assert_eq!(s.tiers.vip_pct, 5.0);
        assert_eq!(s.tiers.large_pct, 95.0);
        assert_eq!(s.tiers.medium_pct, 0.0);
        assert_eq!(s.version, SETTINGS_VERSION);
    }
}

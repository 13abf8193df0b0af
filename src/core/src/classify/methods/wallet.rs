//! Method 6: Share of wallet × upcoming volume (2×2).
//!
//! x: our share of the customer's purchases, high at or above `share_split_pct` (50%).
//! y: the upcoming purchase volume, big at or above the split: the `volume_pct` percentile
//! (the median by default, linearly interpolated) of the volumes of the customers that have
//! both figures, or an absolute amount. Customers lacking either figure are unclassed.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::{Index, Prepared, Tally};
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
use crate::settings::Settings;
use crate::settings::{CutMode, WalletSettings};

// The strategies of its classes.
strategy!(
    WAL_KEEP,
    "wallet.keep_close",
    Tr::new(
        "High share, big volume: keep in close contact",
        "高份额、大采购量：重点保持良好联系",
        "Cuota alta, volumen grande: mantener contacto estrecho"
    ),
    [
        Tr::new(
            "Frequent contact by a senior rep",
            "资深销售频繁联系",
            "Contacto frecuente de un comercial sénior"
        ),
        Tr::new(
            "Secure the upcoming orders",
            "锁定即将到来的订单",
            "Asegurar los próximos pedidos"
        ),
    ]
);
strategy!(
    WAL_MAINTAIN,
    "wallet.maintain",
    Tr::new(
        "High share, small volume: maintain or acquire",
        "高份额、小采购量：保持或获取",
        "Cuota alta, volumen pequeño: mantener o captar"
    ),
    [
        Tr::new(
            "Maintain at low cost",
            "以低成本维持",
            "Mantener con bajo coste"
        ),
        Tr::new(
            "Acquire the remaining volume when it appears",
            "出现新需求时争取剩余份额",
            "Captar el volumen restante cuando aparezca"
        ),
    ]
);
strategy!(
    WAL_DEVELOP,
    "wallet.develop",
    Tr::new(
        "Low share, big volume: develop",
        "低份额、大采购量：发展",
        "Cuota baja, volumen grande: desarrollar"
    ),
    [
        Tr::new(
            "Invest to win a larger share",
            "投入资源提高份额",
            "Invertir para ganar más cuota"
        ),
        Tr::new(
            "Find out what the competitor supplies and why",
            "了解竞争对手供应的内容与原因",
            "Averiguar qué suministra la competencia y por qué"
        ),
    ]
);
strategy!(
    WAL_ACQUIRE,
    "wallet.acquire_or_abandon",
    Tr::new(
        "Low share, small volume: acquire or abandon",
        "低份额、小采购量：获取或放弃",
        "Cuota baja, volumen pequeño: captar o abandonar"
    ),
    [
        Tr::new(
            "Acquire only at low cost",
            "仅以低成本获取",
            "Captar solo con bajo coste"
        ),
        Tr::new("Otherwise abandon", "否则放弃", "Si no, abandonar"),
    ]
);

class_enum! {
    Quadrant {
        KeepClose => "keep_close", Tr::new("High share, big volume", "高份额、大采购量", "Cuota alta, volumen grande"), WAL_KEEP;
        Develop => "develop", Tr::new("Low share, big volume", "低份额、大采购量", "Cuota baja, volumen grande"), WAL_DEVELOP;
        Maintain => "maintain", Tr::new("High share, small volume", "高份额、小采购量", "Cuota alta, volumen pequeño"), WAL_MAINTAIN;
        AcquireOrAbandon => "acquire_or_abandon", Tr::new("Low share, small volume", "低份额、小采购量", "Cuota baja, volumen pequeño"), WAL_ACQUIRE;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct WalletResult {
    pub class: Vec<Option<Quadrant>>,
    pub counts: [usize; 4],
    pub sales: [f64; 4],
    /// Upcoming volume per quadrant.
    pub volume: [f64; 4],
    /// The split lines in use: share in percent, volume in money.
    pub share_split_pct: f64,
    pub volume_split: f64,
    pub unclassed: usize,
}

/// Linear-interpolated percentile of ascending `sorted` (type 7): the median of 1, 2, 3, 4 is 2.5.
pub fn percentile(sorted: &[f64], pct: f64) -> Option<f64> {
    let m = sorted.len();
    if m == 0 {
        return None;
    }
    let pos = pct.clamp(0.0, 100.0) / 100.0 * (m - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(m - 1);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

fn quadrant(share: f64, volume: f64, share_split: f64, volume_split: f64) -> Quadrant {
    // Branch-free: random data would make a branch a coin toss.
    let low = usize::from(share * 100.0 < share_split);
    let small = usize::from(volume < volume_split);
    <Quadrant as Class>::ALL[small * 2 + low]
}

fn figures(p: &Prepared, i: usize) -> Option<(f64, f64)> {
    let col = &p.index.col;
    let (s, v) = (col.share[i], col.volume[i]);
    (s.is_finite() && v.is_finite()).then_some((s, v))
}

pub fn classify(p: &Prepared, s: &WalletSettings) -> Result<WalletResult, Missing> {
    let s = s.clone().normalized();
    for f in [Field::ShareOfWallet, Field::UpcomingVolume] {
        if !p.has(f) {
            return Err(Missing {
                any_of: if f == Field::ShareOfWallet {
                    &[Field::ShareOfWallet]
                } else {
                    &[Field::UpcomingVolume]
                },
            });
        }
    }
    let volume_split = match s.volume_cut {
        CutMode::Percentile => percentile(p.prep::<Wallet>(), s.volume_pct).unwrap_or(0.0),
        CutMode::Absolute => s.volume_amount,
    };
    let n = p.ds.len();
    let col = &p.index.col;
    let mut class = vec![None; n];
    // Sales and upcoming volume per quadrant (the volume rides in the tally's second sum).
    let mut tally = Tally::<4>::new();
    for (i, (&share, &vol)) in col.share.iter().zip(&col.volume).enumerate() {
        if share.is_finite() && vol.is_finite() {
            let q = quadrant(share, vol, s.share_split_pct, volume_split);
            class[i] = Some(q);
            tally.add(i, q.index(), col.sales[i], vol);
        }
    }
    let (counts, sales, volume) = tally.finish();
    let out = WalletResult {
        class,
        counts,
        sales,
        volume,
        share_split_pct: s.share_split_pct,
        volume_split,
        unclassed: n - counts.iter().sum::<usize>(),
    };
    Ok(out)
}

pub fn explain(p: &Prepared, r: &WalletResult, i: usize) -> Vec<Reason> {
    if i >= p.ds.len() {
        return Vec::new();
    }
    let c = &p.ds.customers[i];
    let Some((share, vol)) = figures(p, i) else {
        let mut out = Vec::new();
        if c.attrs().share_of_wallet.is_none() {
            out.push(Reason::missing(what::SHARE_OF_WALLET, Unit::Percent));
        }
        if c.attrs().upcoming_volume.is_none() {
            out.push(Reason::missing(what::UPCOMING_VOLUME, Unit::Money));
        }
        return out;
    };
    let sh = share * 100.0;
    vec![
        Reason::with(
            what::SHARE_OF_WALLET,
            sh,
            if sh >= r.share_split_pct {
                Cmp::Ge
            } else {
                Cmp::Lt
            },
            r.share_split_pct,
            Unit::Percent,
        ),
        Reason::with(
            what::UPCOMING_VOLUME,
            vol,
            if vol >= r.volume_split {
                Cmp::Ge
            } else {
                Cmp::Lt
            },
            r.volume_split,
            Unit::Money,
        ),
    ]
}

/// Share of wallet × volume in the registry.
pub struct Wallet;

impl MethodDef for Wallet {
    const KEY: &'static str = "wallet";
    const NAME: Tr = Tr::new(
        "Share of wallet × volume",
        "钱包份额 × 采购量",
        "Cuota de cartera × volumen",
    );
    const PURPOSE: Tr = Tr::new(
        "Our share of each customer's purchases against how much it buys.",
        "我们在客户采购中的份额与客户采购量的对照。",
        "Nuestra cuota en las compras de cada cliente frente a cuánto compra.",
    );
    const DIMENSION: bool = true;
    const EXPLAINED: bool = true;
    type Class = Quadrant;
    type Output = Result<WalletResult, Missing>;
    /// The upcoming volumes of the customers that have both figures, ascending.
    type Prep = Vec<f64>;

    fn prepare(ds: &Dataset, ix: &Index) -> Vec<f64> {
        let col = &ix.col;
        let mut v: Vec<f64> = (0..ds.len())
            .filter(|&i| col.share[i].is_finite() && col.volume[i].is_finite())
            .map(|i| col.volume[i])
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }

    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.wallet != new.wallet
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Self::Output {
        classify(p, &s.wallet)
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }

    fn classes(out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        Some(&out.as_ref().ok()?.class)
    }

    fn explain(
        p: &Prepared,
        _s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        Some(Explained::new(Self::class_of(out, i), explain(p, r, i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, Dataset};
    use Quadrant::*;

    #[test]
    fn fixture_median_split() {
        // (share, volume) → quadrant. Volumes 100 200 300 400 500 (and one without share):
        // median 300. Share split 50%.
        let rows = [
            (Some(0.8), Some(500.0), Some(KeepClose)),
            (Some(0.5), Some(300.0), Some(KeepClose)),
            (Some(0.2), Some(400.0), Some(Develop)),
            (Some(0.6), Some(100.0), Some(Maintain)),
            (Some(0.1), Some(200.0), Some(AcquireOrAbandon)),
            (None, Some(9000.0), None),
            (Some(0.9), None, None),
        ];
        let customers = rows
            .iter()
            .enumerate()
            .map(|(k, &(share, vol, _))| Customer {
                id: format!("c{k}"),
                sales: 10.0,
                attrs: crate::model::Attributes {
                    share_of_wallet: share,
                    upcoming_volume: vol,
                    ..Default::default()
                }
                .into(),
                ..Default::default()
            })
            .collect();
        let p = Prepared::new(Dataset::new(customers, vec![], None));
        let r = classify(&p, &WalletSettings::default()).unwrap();
        assert_eq!(r.volume_split, 300.0);
        let expected: Vec<_> = rows.iter().map(|r| r.2).collect();
        assert_eq!(r.class, expected);
        assert_eq!(r.counts, [2, 1, 1, 1]);
        assert_eq!(r.volume, [800.0, 400.0, 100.0, 200.0]);
        assert_eq!(r.unclassed, 2);
        let why = explain(&p, &r, 2);
        assert_eq!((why[0].cmp, why[1].cmp), (Cmp::Lt, Cmp::Ge));
        assert_eq!(explain(&p, &r, 5)[0].cmp, Cmp::Missing);
        // Moving the volume line to an absolute 450 leaves only c0 big.
        let s = WalletSettings {
            volume_cut: CutMode::Absolute,
            volume_amount: 450.0,
            ..Default::default()
        };
        let r = classify(&p, &s).unwrap();
        assert_eq!(r.counts, [1, 0, 2, 2]);
    }

    #[test]
    fn percentile_interpolates() {
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), Some(2.5));
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0, 5.0], 25.0), Some(2.0));
    }
}

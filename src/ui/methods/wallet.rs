//! Share of wallet: the high-share line and the big-volume cut (rank share or amount); the
//! scatter of share against volume, with a log-scale toggle.

use leptos::prelude::*;
use tierwise_core::classify::Class;
use tierwise_core::i18n::Lang;
use tierwise_core::settings::CutMode;

use super::shared::{cut_key, cut_of, cuts};
use super::MethodUi;
use crate::ui::charts::{scatter, use_chart, ChartCanvas};
use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::format;
use crate::ui::state::{use_lang, use_settings, use_workbench};
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const SHARE_SPLIT: Tr = Tr::new("High share from", "高份额下限", "Cuota alta desde");
const VOL_CUT: Tr = Tr::new("Big volume by", "大采购量划分", "Volumen grande por");
const VOL_PCT: Tr = Tr::new(
    "Big volume: top share",
    "大采购量：排名前",
    "Volumen grande: primeros",
);
const VOL_AMT: Tr = Tr::new("Big volume from", "大采购量下限", "Volumen grande desde");

fn controls() -> AnyView {
    let settings = use_settings();
    view! {
        <PercentSlider testid="slider-wallet-share" label=SHARE_SPLIT get=|s| s.wallet.share_split_pct set=|s, v| s.wallet.share_split_pct = v/>
        <Choice
            testid="choice-wallet-cut"
            label=VOL_CUT
            options=cuts()
            get=|s| cut_key(s.wallet.volume_cut)
            set=|s, v| s.wallet.volume_cut = cut_of(v)
        />
        <Show
            when=move || settings.with(|s| s.wallet.volume_cut == CutMode::Percentile)
            fallback=|| view! {
                <NumSlider testid="slider-wallet-volume-amount" label=VOL_AMT get=|s| s.wallet.volume_amount set=|s, v| s.wallet.volume_amount = v min=0.0 max=2_000_000.0 step=5_000.0 unit=Unit::Money/>
            }
        >
            <PercentSlider testid="slider-wallet-volume" label=VOL_PCT get=|s| s.wallet.volume_pct set=|s, v| s.wallet.volume_pct = v min=1.0 max=99.0/>
        </Show>
    }
    .into_any()
}

const WALLET_ALT: Tr = Tr::new(
    "Scatter of share of wallet against purchase volume, one dot per customer, with the two split lines.",
    "钱包份额与采购量散点图，每点一个客户，并有两条分界线。",
    "Dispersión de cuota de cartera frente a volumen de compra, un punto por cliente, con las dos líneas de corte.",
);
const LOG_SCALE: Tr = Tr::new(
    "Log scale for volume",
    "采购量用对数刻度",
    "Escala logarítmica para el volumen",
);
const SHARE_OF_WALLET: Tr = tierwise_core::glossary::SHARE_OF_WALLET.title;
const VOLUME: Tr = Tr::new(
    "Upcoming purchase volume",
    "预计采购量",
    "Volumen de compra previsto",
);

fn chart() -> AnyView {
    let workbench = use_workbench();
    let lang = use_lang();
    // The volume axis: logarithmic when the volumes are skewed (most dots would sit on a
    // linear axis), until the user sets the toggle.
    let chosen = RwSignal::new(None::<bool>);
    // Computed once per dataset (the customers' address names it), not on every slider
    // move, which also updates the workbench: it sorts every volume.
    let skewed = Memo::new(move |prev: Option<&(usize, bool)>| {
        workbench.with(|w| {
            let customers = &w.dataset().customers;
            let key = customers.as_ptr() as usize;
            match prev {
                Some(&(k, s)) if k == key => (k, s),
                _ => (
                    key,
                    scatter::skewed(customers.iter().filter_map(|c| c.attrs().upcoming_volume)),
                ),
            }
        })
    });
    let log = Signal::derive(move || chosen.get().unwrap_or_else(|| skewed.get().1));
    let canvas = use_chart("wallet", move |el, l| {
        let log_y = log.get();
        workbench.with(|w| {
            let Ok(r) = w.results().wallet.as_ref() else {
                return Ok(());
            };
            let points = w
                .dataset()
                .customers
                .iter()
                .zip(&r.class)
                .filter_map(|(c, k)| {
                    Some((
                        c.attrs().share_of_wallet? * 100.0,
                        c.attrs().upcoming_volume?,
                        k.map_or(7, |k| k.index() as u8),
                    ))
                })
                .collect();
            let spec = scatter::Scatter {
                points,
                x_split: r.share_split_pct,
                y_split: r.volume_split,
                log_y,
                x_desc: SHARE_OF_WALLET.get(l).to_string(),
                y_desc: VOLUME.get(l).to_string(),
                quadrants: Some(std::array::from_fn(|k| {
                    let classes = tierwise_core::classify::lookup::classes(
                        tierwise_core::classify::Method::Wallet,
                    );
                    let title = classes.get(k).map_or("", |c| c.strategy.title.get(l));
                    // "High share, big volume: keep in close contact" → "keep in close contact".
                    let action = title
                        .rsplit_once([':', '：'])
                        .map_or(title, |(_, a)| a)
                        .trim();
                    let mut c = action.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                })),
                y_fmt: match l {
                    Lang::En => |v| format::money(v, Lang::En),
                    Lang::ZhCn => |v| format::money(v, Lang::ZhCn),
                    Lang::Es => |v| format::money(v, Lang::Es),
                },
            };
            scatter::draw(el, &spec)
        })
    });
    view! {
        <label class="toggle">
            <input type="checkbox" data-testid="wallet-log" prop:checked=move || log.get() on:change=move |ev| chosen.set(Some(event_target_checked(&ev)))/>
            <span>{move || LOG_SCALE.get(lang.get())}</span>
        </label>
        <ChartCanvas canvas testid="wallet-chart" alt=WALLET_ALT tall=true/>
    }
    .into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

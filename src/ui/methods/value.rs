//! Customer value (MVC, MGC, ordinary, BZC): the shares by profit and by growth, how growth
//! is measured, the below-zero line; the class bars.

use leptos::prelude::*;
use tierwise_core::classify::Method;
use tierwise_core::settings::{MgcMeasure, PinKind};

use super::shared::class_bars;
use super::MethodUi;
use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::pins::PinList;
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const MVC: Tr = Tr::new(
    "MVC: top share by profit",
    "MVC：利润排名前",
    "MVC: primeros por beneficio",
);
const MGC: Tr = Tr::new(
    "MGC: top share by growth",
    "MGC：增长排名前",
    "MGC: primeros por crecimiento",
);
const MGC_BY: Tr = Tr::new("Growth measured by", "增长性衡量", "Crecimiento medido por");
const MGC_AUTO: Tr = Tr::new(
    "Growth rate, else wallet gap",
    "增长率，否则钱包空间",
    "Tasa de crecimiento, si no hueco de cartera",
);
const MGC_GROWTH: Tr = Tr::new("Growth rate", "增长率", "Tasa de crecimiento");
const MGC_GAP: Tr = Tr::new(
    "Wallet gap (volume × (1 − share))",
    "钱包空间（采购量 ×（1 − 份额））",
    "Hueco de cartera (volumen × (1 − cuota))",
);
const BZC: Tr = Tr::new(
    "BZC: profit at or below",
    "BZC：利润不高于",
    "BZC: beneficio igual o menor que",
);

fn controls() -> AnyView {
    view! {
        <PercentSlider testid="slider-value-mvc" label=MVC get=|s| s.value.mvc_pct set=|s, v| s.value.mvc_pct = v max=60.0/>
        <PercentSlider testid="slider-value-mgc" label=MGC get=|s| s.value.mgc_pct set=|s, v| s.value.mgc_pct = v max=60.0/>
        <Choice
            testid="choice-value-mgc"
            label=MGC_BY
            options=vec![("auto", MGC_AUTO), ("growth", MGC_GROWTH), ("gap", MGC_GAP)]
            get=|s| match s.value.mgc_measure {
                MgcMeasure::Auto => "auto",
                MgcMeasure::GrowthRate => "growth",
                MgcMeasure::WalletGap => "gap",
            }
            set=|s, v| {
                s.value.mgc_measure = match v {
                    "growth" => MgcMeasure::GrowthRate,
                    "gap" => MgcMeasure::WalletGap,
                    _ => MgcMeasure::Auto,
                }
            }
        />
        <NumSlider testid="slider-value-bzc" label=BZC get=|s| s.value.bzc_max_profit set=|s, v| s.value.bzc_max_profit = v min=-50_000.0 max=50_000.0 step=500.0 unit=Unit::Money/>
    }
    .into_any()
}

fn chart() -> AnyView {
    class_bars(Method::Value).into_any()
}

/// The pinned below-zero customers.
fn extra() -> AnyView {
    view! { <PinList kind=PinKind::KeepBzc/> }.into_any()
}

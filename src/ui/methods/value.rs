//! Customer value (MVC, MGC, ordinary, BZC): the shares by profit and by growth, how growth
//! is measured, the below-zero line; the class bars.

use leptos::prelude::*;
use tierwise_core::classify::Method;
use tierwise_core::settings::{MgcMeasure, MvcMeasure, PinKind};

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
const MGC_PREDICTED: Tr = Tr::new(
    "Predicted growth (lifetime value model)",
    "预测增长（终身价值模型）",
    "Crecimiento previsto (modelo de valor de vida)",
);
const MVC_BY: Tr = Tr::new("MVC ranked on", "MVC 排名依据", "MVC ordenado por");
const MVC_PROFIT: Tr = tierwise_core::glossary::PROFIT.title;
const MVC_CLV: Tr = tierwise_core::classify::methods::tiers::CLV_MEASURE;
const BZC: Tr = Tr::new(
    "BZC: profit at or below",
    "BZC：利润不高于",
    "BZC: beneficio igual o menor que",
);

fn controls() -> AnyView {
    view! {
        <PercentSlider testid="slider-value-mvc" label=MVC get=|s| s.value.mvc_pct set=|s, v| s.value.mvc_pct = v max=60.0/>
        <Choice
            testid="choice-value-mvc"
            label=MVC_BY
            options=vec![("profit", MVC_PROFIT), ("clv", MVC_CLV)]
            get=|s| match s.value.mvc_measure {
                MvcMeasure::Profit => "profit",
                MvcMeasure::Clv => "clv",
            }
            set=|s, v| {
                s.value.mvc_measure = if v == "clv" { MvcMeasure::Clv } else { MvcMeasure::Profit }
            }
        />
        <PercentSlider testid="slider-value-mgc" label=MGC get=|s| s.value.mgc_pct set=|s, v| s.value.mgc_pct = v max=60.0/>
        <Choice
            testid="choice-value-mgc"
            label=MGC_BY
            options=vec![("auto", MGC_AUTO), ("growth", MGC_GROWTH), ("gap", MGC_GAP), ("predicted", MGC_PREDICTED)]
            get=|s| match s.value.mgc_measure {
                MgcMeasure::Auto => "auto",
                MgcMeasure::GrowthRate => "growth",
                MgcMeasure::WalletGap => "gap",
                MgcMeasure::PredictedGrowth => "predicted",
            }
            set=|s, v| {
                s.value.mgc_measure = match v {
                    "growth" => MgcMeasure::GrowthRate,
                    "gap" => MgcMeasure::WalletGap,
                    "predicted" => MgcMeasure::PredictedGrowth,
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

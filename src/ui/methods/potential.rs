//! Potential customers A–D: judged by close probability or expected close date, with a
//! threshold of each per class; the class bars.

use leptos::prelude::*;
use tierwise_core::classify::Method;
use tierwise_core::settings::PotentialMode;

use super::shared::class_bars;
use super::MethodUi;
use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const POT_MODE: Tr = Tr::new("Judge by", "判断依据", "Juzgar por");
const POT_AUTO: Tr = Tr::new(
    "Probability, else close date",
    "成交概率，否则预计成交日期",
    "Probabilidad, si no fecha de cierre",
);
const POT_PROB: Tr = tierwise_core::glossary::CLOSE_PROBABILITY.title;
const POT_DATE: Tr = tierwise_core::glossary::EXPECTED_CLOSE.title;
const POT_A: Tr = Tr::new("A from probability", "A 类概率下限", "A desde probabilidad");
const POT_B: Tr = Tr::new("B from probability", "B 类概率下限", "B desde probabilidad");
const POT_C: Tr = Tr::new("C from probability", "C 类概率下限", "C desde probabilidad");
const POT_AM: Tr = Tr::new("A: closes within", "A 类：预计成交于", "A: cierra en");
const POT_BM: Tr = Tr::new("B: closes within", "B 类：预计成交于", "B: cierra en");
const POT_CM: Tr = Tr::new("C: closes within", "C 类：预计成交于", "C: cierra en");

fn controls() -> AnyView {
    view! {
        <Choice
            testid="choice-potential-mode"
            label=POT_MODE
            options=vec![("auto", POT_AUTO), ("probability", POT_PROB), ("date", POT_DATE)]
            get=|s| match s.potential.mode {
                PotentialMode::Auto => "auto",
                PotentialMode::Probability => "probability",
                PotentialMode::CloseDate => "date",
            }
            set=|s, v| {
                s.potential.mode = match v {
                    "probability" => PotentialMode::Probability,
                    "date" => PotentialMode::CloseDate,
                    _ => PotentialMode::Auto,
                }
            }
        />
        <PercentSlider testid="slider-potential-a" label=POT_A get=|s| s.potential.a_pct set=|s, v| s.potential.a_pct = v/>
        <PercentSlider testid="slider-potential-b" label=POT_B get=|s| s.potential.b_pct set=|s, v| s.potential.b_pct = v/>
        <PercentSlider testid="slider-potential-c" label=POT_C get=|s| s.potential.c_pct set=|s, v| s.potential.c_pct = v/>
        <NumSlider testid="slider-potential-a-months" label=POT_AM get=|s| s.potential.a_months as f64 set=|s, v| s.potential.a_months = v as u32 min=1.0 max=24.0 unit=Unit::Months/>
        <NumSlider testid="slider-potential-b-months" label=POT_BM get=|s| s.potential.b_months as f64 set=|s, v| s.potential.b_months = v as u32 min=1.0 max=24.0 unit=Unit::Months/>
        <NumSlider testid="slider-potential-c-months" label=POT_CM get=|s| s.potential.c_months as f64 set=|s, v| s.potential.c_months = v as u32 min=1.0 max=36.0 unit=Unit::Months/>
    }
    .into_any()
}

fn chart() -> AnyView {
    class_bars(Method::Potential).into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

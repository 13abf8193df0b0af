//! The risk watch: the overdue, slow-payment, decline, credit and failing-business lines and
//! the length of the watch lists; the class bars, and the two lists (the biggest customers
//! and the riskiest) with what is not watched.

use leptos::prelude::*;
use tierwise_core::classify::{Class, Method};

use super::shared::class_bars;
use super::MethodUi;
use crate::ui::controls::{NumSlider, PercentSlider, Unit};
use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const OVERDUE_DAYS: Tr = Tr::new(
    "Overdue: days above",
    "逾期：天数超过",
    "Vencido: días sobre",
);
const OVERDUE_AMT: Tr = Tr::new(
    "Overdue: amount above",
    "逾期：金额超过",
    "Vencido: importe sobre",
);
const LATE: Tr = Tr::new(
    "Slow payment: average days late above",
    "回款慢：平均逾期天数超过",
    "Pago lento: días de retraso medios sobre",
);
const ON_TIME: Tr = Tr::new(
    "Slow payment: on-time share below",
    "回款慢：按时付款比例低于",
    "Pago lento: pagos puntuales bajo",
);
const DECLINE: Tr = Tr::new(
    "Declining: growth below",
    "采购下降：增长率低于",
    "En descenso: crecimiento bajo",
);
const CREDIT: Tr = Tr::new(
    "Weak credit: rating below",
    "信用弱：评分低于",
    "Crédito débil: calificación bajo",
);
const FAILING: Tr = Tr::new(
    "Failing business: financial status below",
    "经营不善：财务状况低于",
    "Negocio en dificultades: situación financiera bajo",
);
const TOP_N: Tr = Tr::new(
    "Watch lists: how many",
    "监控名单人数",
    "Listas de vigilancia: cuántos",
);

fn controls() -> AnyView {
    view! {
        <NumSlider testid="slider-risk-overdue-days" label=OVERDUE_DAYS get=|s| s.risk.overdue_days set=|s, v| s.risk.overdue_days = v min=0.0 max=365.0 unit=Unit::Days/>
        <NumSlider testid="slider-risk-overdue-amount" label=OVERDUE_AMT get=|s| s.risk.overdue_amount set=|s, v| s.risk.overdue_amount = v min=0.0 max=200_000.0 step=500.0 unit=Unit::Money/>
        <NumSlider testid="slider-risk-late" label=LATE get=|s| s.risk.late_days set=|s, v| s.risk.late_days = v min=0.0 max=180.0 unit=Unit::Days/>
        <PercentSlider testid="slider-risk-on-time" label=ON_TIME get=|s| s.risk.on_time_min_pct set=|s, v| s.risk.on_time_min_pct = v/>
        <NumSlider testid="slider-risk-decline" label=DECLINE get=|s| s.risk.decline_pct set=|s, v| s.risk.decline_pct = v min=-100.0 max=50.0/>
        <NumSlider testid="slider-risk-credit" label=CREDIT get=|s| s.risk.credit_min set=|s, v| s.risk.credit_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-risk-financial" label=FAILING get=|s| s.risk.financial_min set=|s, v| s.risk.financial_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-risk-top-n" label=TOP_N get=|s| s.risk.top_n as f64 set=|s, v| s.risk.top_n = v as u32 min=5.0 max=100.0 unit=Unit::Count/>
    }
    .into_any()
}

fn chart() -> AnyView {
    class_bars(Method::Risk).into_any()
}

const BIGGEST: Tr = Tr::new(
    "The biggest customers",
    "最大的客户",
    "Los mayores clientes",
);
const RISKIEST: Tr = Tr::new(
    "The riskiest customers",
    "风险最高的客户",
    "Los clientes de más riesgo",
);
const NOT_WATCHED: Tr = Tr::new(
    "Not watched (column missing)",
    "无法监控（缺少列）",
    "Sin vigilar (falta la columna)",
);
const NONE_FLAGGED: Tr = Tr::new(
    "No customer is flagged.",
    "没有客户被标记。",
    "Ningún cliente tiene señales.",
);

/// What is not watched, then the two watch lists side by side.
fn extra() -> AnyView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <p class="hint" data-testid="risk-not-watched">
            {move || {
                let l = lang.get();
                workbench.with(|w| {
                    let r = &w.results().risk;
                    if r.flagged == 0 {
                        return NONE_FLAGGED.get(l).to_string();
                    }
                    let not: Vec<&str> = r.not_watched.iter().map(|f| f.name().get(l)).collect();
                    if not.is_empty() { String::new() } else { format!("{}: {}", NOT_WATCHED.get(l), not.join(", ")) }
                })
            }}
        </p>
        <div class="two-lists">
            {customer_list(BIGGEST, "risk-biggest", |r| &r.biggest)}
            {customer_list(RISKIEST, "risk-riskiest", |r| &r.riskiest)}
        </div>
    }
    .into_any()
}

/// One list of the risk watch: rank, customer, sales, flags.
fn customer_list(
    title: Tr,
    testid: &'static str,
    pick: fn(&tierwise_core::classify::risk::RiskResult) -> &Vec<u32>,
) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <div class="watch-list">
            <h3>{move || title.get(lang.get())}</h3>
            <ol data-testid=testid>
                {move || {
                    let l = lang.get();
                    workbench.with(|w| {
                        let r = &w.results().risk;
                        pick(r)
                            .iter()
                            .map(|&i| {
                                let c = &w.dataset().customers[i as usize];
                                let flags: Vec<&str> = r.flags_of(i as usize).iter().map(|f| f.name().get(l)).collect();
                                view! {
                                    <li>
                                        <span class="who">{c.name.clone()}</span>
                                        " "
                                        <span class="num">{format::money(c.sales, l)}</span>
                                        " "
                                        <span class="flags">{if flags.is_empty() { String::new() } else { format!("· {}", flags.join(", ")) }}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                }}
            </ol>
        </div>
    }
}

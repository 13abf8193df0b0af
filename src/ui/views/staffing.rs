//! The staffing plan (domain §5): how many reps each ABC class needs at the customers per rep
//! the sliders set, against the reps available, overall and per owner.

use leptos::prelude::*;
use tierwise_core::classify::abc::AbcClass;
use tierwise_core::classify::Class;
use tierwise_core::settings::OwnerReps;

use crate::ui::charts::{bars, class_color, use_chart, ChartCanvas};
use crate::ui::controls::{NumSlider, SettingsActions, Unit};
use crate::ui::format;
use crate::ui::state::{update_settings, use_lang, use_settings, use_workbench};
use crate::ui::text::{self, Tr};

const TITLE: Tr = Tr::new("Staffing plan", "人员配置计划", "Plan de personal");
const PURPOSE: Tr = Tr::new(
    "Reps needed per ABC class at the customers each rep can serve, against the reps you have.",
    "按每位销售代表可服务的客户数，计算各 ABC 类所需人数，并与现有人数对比。",
    "Comerciales necesarios por clase ABC según los clientes que atiende cada uno, frente a los que tiene.",
);
const PER_REP_A: Tr = Tr::new(
    "A customers per rep",
    "每人负责 A 类客户数",
    "Clientes A por comercial",
);
const PER_REP_B: Tr = Tr::new(
    "B customers per rep",
    "每人负责 B 类客户数",
    "Clientes B por comercial",
);
const PER_REP_C: Tr = Tr::new(
    "C customers per rep",
    "每人负责 C 类客户数",
    "Clientes C por comercial",
);
const AVAILABLE: Tr = Tr::new(
    "Reps available in total",
    "现有销售代表总数",
    "Comerciales disponibles en total",
);
const NEEDED: Tr = Tr::new("Reps needed", "所需人数", "Comerciales necesarios");
const HAVE: Tr = Tr::new("Reps available", "现有人数", "Disponibles");
const SURPLUS: Tr = Tr::new(
    "Over (+) / under (−)",
    "富余（+）/ 不足（−）",
    "Sobran (+) / faltan (−)",
);
const OWNER: Tr = tierwise_core::glossary::OWNER.title;
const BY_OWNER: Tr = Tr::new("Per owner", "按负责人", "Por responsable");
const UNOWNED: Tr = Tr::new(
    "Customers with no owner",
    "无负责人的客户",
    "Clientes sin responsable",
);
const NO_OWNER: Tr = Tr::new(
    "Your data has no owner column, so the plan assumes one shared team: it counts the reps the whole customer base needs, not who should serve whom. Map an owner (sales rep) column to plan per rep.",
    "数据中没有负责人列，因此本计划假定由一个团队共同服务：只计算整个客户群所需人数，不分配谁服务谁。映射负责人列即可按人规划。",
    "Sus datos no tienen columna de responsable, así que el plan supone un único equipo: cuenta los comerciales que necesita toda la cartera, no quién atiende a quién. Asigne una columna de responsable para planificar por persona.",
);
const NOT_ADVISED: Tr = Tr::new(
    "The readiness check on the overview says tiering does not pay for this customer base ({verdict}). These figures are what the ratios give, not a staffing recommendation.",
    "概览中的可行性检查认为，对这批客户分级并不划算（{verdict}）。以下数字只是按比例算出的结果，不是人员配置建议。",
    "La comprobación del resumen dice que segmentar esta cartera no compensa ({verdict}). Estas cifras son lo que dan las proporciones, no una recomendación de plantilla.",
);
const ALT: Tr = Tr::new(
    "Bars of reps needed per class and per owner; a black tick marks the reps available. The tables have the figures.",
    "各类和各负责人所需人数柱状图；黑色刻度为现有人数。表格列出具体数字。",
    "Barras de comerciales necesarios por clase y por responsable; una marca negra indica los disponibles. Las tablas tienen las cifras.",
);

/// The staffing plan page; `report`: as the report shows it, without controls (the reps
/// available as text).
#[component]
pub fn StaffingPage(#[prop(optional)] report: bool) -> impl IntoView {
    let workbench = use_workbench();
    let settings = use_settings();
    let lang = use_lang();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let plan = Memo::new(move |_| workbench.with(|w| w.results().staffing.clone()));
    // Owners in the data at all (else the plan is one team's).
    let has_owners = Memo::new(move |_| plan.with(|p| !p.owners.is_empty()));
    // The readiness verdict when it says tiering does not pay.
    let verdict = Memo::new(move |_| {
        use tierwise_core::classify::readiness::Verdict;
        workbench.with(|w| {
            let v = w.results().readiness.verdict;
            matches!(v, Verdict::NotYet | Verdict::GradeOpportunities).then_some(v)
        })
    });
    let canvas = use_chart("staffing", move |el, l| {
        let p = plan.get();
        let mut rows: Vec<bars::Bar> = AbcClass::ALL
            .iter()
            .enumerate()
            .map(|(k, c)| bars::Bar {
                label: c.name().get(l).to_string(),
                value: p.needed[k] as f64,
                color: class_color(k),
                note: format::int(p.needed[k] as usize, l),
                marker: None,
            })
            .collect();
        rows.push(bars::Bar {
            label: TOTAL_NEEDED.get(l).to_string(),
            value: p.total_needed as f64,
            color: class_color(6),
            note: match p.available {
                Some(a) => format!(
                    "{} / {}",
                    format::int(p.total_needed as usize, l),
                    format::int(a as usize, l)
                ),
                None => format::int(p.total_needed as usize, l),
            },
            marker: p.available.map(f64::from),
        });
        rows.extend(p.owners.iter().take(12).map(|o| bars::Bar {
            label: o.owner.clone(),
            value: o.needed as f64,
            color: class_color(4),
            note: match o.available {
                Some(a) => format!(
                    "{} / {}",
                    format::int(o.needed as usize, l),
                    format::int(a as usize, l)
                ),
                None => format::int(o.needed as usize, l),
            },
            marker: o.available.map(f64::from),
        }));
        bars::draw(el, &rows)
    });
    let surplus_text = move |s: Option<i64>, l| match s {
        Some(v) if v > 0 => format!("+{}", format::int(v as usize, l)),
        Some(v) if v < 0 => format!("−{}", format::int(v.unsigned_abs() as usize, l)),
        Some(_) => "0".into(),
        None => "—".into(),
    };
    let set_owner_reps = move |owner: String, v: Option<u32>| {
        update_settings(|s| {
            s.staffing.reps_by_owner.retain(|o| o.owner != owner);
            if let Some(reps) = v {
                s.staffing.reps_by_owner.push(OwnerReps { owner, reps });
            }
        })
    };
    view! {
        <section class="panel method" class:report-staffing=report data-testid=if report { "report-staffing" } else { "staffing-view" } aria-labelledby="staffing-title">
            <h2 id="staffing-title">{t(TITLE)}</h2>
            <p class="hint">{t(PURPOSE)}</p>
            <div class="method-grid" class:single=report>
                <Show when=move || !report>
                <aside class="controls" aria-label=t(text::CONTROLS)>
                    <NumSlider testid="slider-staffing-a" label=PER_REP_A get=|s| s.staffing.a_per_rep set=|s, v| s.staffing.a_per_rep = v min=1.0 max=50.0 unit=Unit::Count/>
                    <NumSlider testid="slider-staffing-b" label=PER_REP_B get=|s| s.staffing.b_per_rep set=|s, v| s.staffing.b_per_rep = v min=1.0 max=200.0 unit=Unit::Count/>
                    <NumSlider testid="slider-staffing-c" label=PER_REP_C get=|s| s.staffing.c_per_rep set=|s, v| s.staffing.c_per_rep = v min=1.0 max=1000.0 step=5.0 unit=Unit::Count/>
                    <label class="choice">
                        <span class="label">{t(AVAILABLE)}</span>
                        <input
                            type="number"
                            min="0"
                            step="1"
                            data-testid="reps-available"
                            prop:value=move || settings.with(|s| s.staffing.reps_total.map(|v| v.to_string()).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev).trim().parse::<u32>().ok();
                                update_settings(|s| s.staffing.reps_total = v);
                            }
                        />
                    </label>
                    <SettingsActions/>
                </aside>
                </Show>
                <div class="method-main">
                    <ChartCanvas canvas testid="staffing-chart" alt=ALT tall=true/>
                </div>
            </div>
            {move || {
                let l = lang.get();
                verdict
                    .get()
                    .map(|v| {
                        view! {
                            <p class="notice" data-testid="staffing-not-advised">
                                {text::fill(NOT_ADVISED.get(l), &[("verdict", v.text().get(l).to_string())])}
                            </p>
                        }
                    })
            }}
            <table class="classes" class:not-advised=move || verdict.with(Option::is_some) tabindex="0" data-testid="staffing-table">
                <thead>
                    <tr>
                        <th scope="col">{t(text::CLASS)}</th>
                        <th scope="col" class="num">{t(text::CUSTOMERS)}</th>
                        <th scope="col" class="num">{t(NEEDED)}</th>
                    </tr>
                </thead>
                <tbody>
                    {AbcClass::ALL
                        .iter()
                        .enumerate()
                        .map(|(k, c)| view! {
                            <tr>
                                <th scope="row"><span class=format!("swatch c{k}") aria-hidden="true"></span>{move || c.name().get(lang.get())}</th>
                                <td class="num">{move || format::int(plan.with(|p| p.counts[k]), lang.get())}</td>
                                <td class="num" data-testid=format!("staffing-needed-{}", c.key())>{move || format::int(plan.with(|p| p.needed[k]) as usize, lang.get())}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t(TOTAL_NEEDED)}</th>
                        <td class="num">{move || format::int(plan.with(|p| p.counts.iter().sum()), lang.get())}</td>
                        <td class="num" data-testid="staffing-needed-total">{move || format::int(plan.with(|p| p.total_needed) as usize, lang.get())}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t(SURPLUS)}</th>
                        <td></td>
                        <td class="num" data-testid="staffing-surplus">{move || surplus_text(plan.with(|p| p.surplus), lang.get())}</td>
                    </tr>
                </tfoot>
            </table>
            <Show when=move || !has_owners.get()>
                <p class="notice" data-testid="staffing-no-owner">{t(NO_OWNER)}</p>
            </Show>
            <Show when=move || has_owners.get()>
            <h3>{t(BY_OWNER)}</h3>
            <table class="classes" tabindex="0" data-testid="staffing-owners">
                <thead>
                    <tr>
                        <th scope="col">{t(OWNER)}</th>
                        <th scope="col" class="num">"A"</th>
                        <th scope="col" class="num">"B"</th>
                        <th scope="col" class="num">"C"</th>
                        <th scope="col" class="num">{t(NEEDED)}</th>
                        <th scope="col" class="num">{t(HAVE)}</th>
                        <th scope="col" class="num">{t(SURPLUS)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let l = lang.get();
                        plan.with(|p| {
                            p.owners
                                .iter()
                                .map(|o| {
                                    let owner = o.owner.clone();
                                    let label = format!("{} — {}", HAVE.get(l), o.owner);
                                    view! {
                                        <tr>
                                            <th scope="row">{o.owner.clone()}</th>
                                            {o.counts.iter().map(|n| view! { <td class="num">{format::int(*n, l)}</td> }).collect_view()}
                                            <td class="num">{format::int(o.needed as usize, l)}</td>
                                            <td class="num">
                                                {report.then(|| o.available.map_or("—".to_string(), |v| format::int(v as usize, l)))}
                                                <input
                                                    hidden=report
                                                    type="number"
                                                    min="0"
                                                    step="1"
                                                    class="reps"
                                                    aria-label=label
                                                    prop:value=o.available.map(|v| v.to_string()).unwrap_or_default()
                                                    on:change=move |ev| set_owner_reps(owner.clone(), event_target_value(&ev).trim().parse::<u32>().ok())
                                                />
                                            </td>
                                            <td class="num">{surplus_text(o.surplus, l)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
            <p class="hint" data-testid="staffing-unowned">
                {t(UNOWNED)}
                {move || if lang.get() == tierwise_core::i18n::Lang::ZhCn { "：" } else { ": " }}
                {move || {
                    let l = lang.get();
                    plan.with(|p| {
                        ["A", "B", "C"]
                            .iter()
                            .zip(&p.unowned)
                            .map(|(c, n)| format!("{c} {}", format::int(*n, l)))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                }}
            </p>
            </Show>
        </section>
    }
}

const TOTAL_NEEDED: Tr = Tr::new("All classes", "全部类别", "Todas las clases");

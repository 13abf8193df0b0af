//! What some method pages show besides the class table: the cross-tab as a table, the risk
//! watch's two lists, the 5S flags, the cross-selling suggestions.

use leptos::prelude::*;
use tierwise_core::classify::{five_s, lookup, Class, Method};
use tierwise_core::i18n::Lang;
use tierwise_core::settings::Dimension;

use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::{self, Tr};

const LOW: Tr = Tr::new("low", "低", "bajo");
const MEDIUM: Tr = Tr::new("medium", "中", "medio");
const HIGH: Tr = Tr::new("high", "高", "alto");
const TOTAL: Tr = Tr::new("Total", "合计", "Total");
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
const FLAGS: Tr = Tr::new("Flags", "标记", "Señales");
const NONE_FLAGGED: Tr = Tr::new(
    "No customer is flagged.",
    "没有客户被标记。",
    "Ningún cliente tiene señales.",
);
const FIVE_S_FLAGS: Tr = Tr::new("Flags and release", "标记与释放", "Señales y liberación");
const RELEASED: Tr = Tr::new(
    "Released (bottom of their class)",
    "已释放（本类末尾）",
    "Liberados (final de su clase)",
);
const SUGGEST: Tr = Tr::new(
    "What each class buys",
    "各类客户常买的产品",
    "Lo que compra cada clase",
);
const PRODUCT: Tr = Tr::new("Product", "产品", "Producto");
const SUPPORT: Tr = Tr::new("Class buying", "本类购买比例", "Clase que compra");
const LIFT: Tr = Tr::new("Lift", "提升度", "Lift");
const BUYERS: Tr = Tr::new("buyers", "位购买客户", "compradores");

pub fn extra(method: Method) -> AnyView {
    match method {
        Method::CrossTab => crosstab_table().into_any(),
        Method::Risk => risk_lists().into_any(),
        Method::FiveS => five_s_flags().into_any(),
        Method::CrossSell => cross_sell_table().into_any(),
        _ => ().into_any(),
    }
}

fn dimension_method(d: Dimension) -> Option<Method> {
    Some(match d {
        Dimension::DealStatus => Method::Deal,
        Dimension::Abc => Method::Abc,
        Dimension::Tier => Method::Tiers,
        Dimension::Potential => Method::Potential,
        Dimension::Value => Method::Value,
        Dimension::Wallet => Method::Wallet,
        Dimension::ScoreBand => Method::Score,
        Dimension::Pyramid => Method::Pyramid,
        Dimension::FiveS => Method::FiveS,
        _ => return None,
    })
}

/// The display name of a cross-tab label: a class name, a rating band, or the value itself.
pub fn label_name(d: Dimension, key: &str, lang: Lang) -> String {
    if key == tierwise_core::classify::crosstab::NONE_LABEL {
        return "—".into();
    }
    if let Some(c) = dimension_method(d).and_then(|m| lookup::class_by_key(m, key)) {
        return c.name.get(lang).to_string();
    }
    match key {
        "low" => LOW.get(lang).into(),
        "medium" => MEDIUM.get(lang).into(),
        "high" => HIGH.get(lang).into(),
        k => k.to_string(),
    }
}

fn crosstab_table() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <table class="classes crosstab" tabindex="0" data-testid="crosstab-table">
            {move || {
                let l = lang.get();
                workbench.with(|w| {
                    let Ok(t) = w.results().crosstab.as_ref() else { return ().into_any() };
                    let st = &w.engine.settings().crosstab;
                    let col_total: Vec<usize> = (0..t.cols.len()).map(|j| t.counts.iter().map(|r| r[j]).sum()).collect();
                    view! {
                        <thead>
                            <tr>
                                <th scope="col"></th>
                                {t.cols.iter().map(|c| view! { <th scope="col" class="num">{label_name(st.cols, c, l)}</th> }).collect_view()}
                                <th scope="col" class="num">{TOTAL.get(l)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {t.rows.iter().enumerate().map(|(i, r)| {
                                let total: usize = t.counts[i].iter().sum();
                                view! {
                                    <tr>
                                        <th scope="row">{label_name(st.rows, r, l)}</th>
                                        {t.counts[i].iter().enumerate().map(|(j, n)| view! {
                                            <td class="num" data-testid=format!("crosstab-cell-{i}-{j}")>{format::int(*n, l)}</td>
                                        }).collect_view()}
                                        <td class="num">{format::int(total, l)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{TOTAL.get(l)}</th>
                                {col_total.iter().map(|n| view! { <td class="num">{format::int(*n, l)}</td> }).collect_view()}
                                <td class="num">{format::int(col_total.iter().sum(), l)}</td>
                            </tr>
                        </tfoot>
                    }
                        .into_any()
                })
            }}
        </table>
    }
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

fn risk_lists() -> impl IntoView {
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
}

fn five_s_flags() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <h3>{move || FIVE_S_FLAGS.get(lang.get())}</h3>
        <table class="classes" tabindex="0">
            <thead>
                <tr>
                    <th scope="col">{move || FLAGS.get(lang.get())}</th>
                    <th scope="col" class="num">{move || text::COUNT.get(lang.get())}</th>
                    <th scope="col">{move || text::POLICY.get(lang.get())}</th>
                </tr>
            </thead>
            <tbody>
                {five_s::Flag::ALL
                    .iter()
                    .enumerate()
                    .map(|(k, f)| {
                        let st = f.strategy();
                        view! {
                            <tr>
                                <th scope="row">{move || st.title.get(lang.get())}</th>
                                <td class="num" data-testid=format!("five-s-flag-{}", f.key())>
                                    {move || format::int(workbench.with(|w| w.results().five_s.flag_counts[k]), lang.get())}
                                </td>
                                <td class="policy">
                                    <ul>{st.actions.iter().map(|a| view! { <li>{move || a.get(lang.get())}</li> }).collect_view()}</ul>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
                <tr>
                    <th scope="row">{move || RELEASED.get(lang.get())}</th>
                    <td class="num" data-testid="five-s-released">
                        {move || format::int(workbench.with(|w| w.results().five_s.released_counts.iter().sum::<usize>()), lang.get())}
                    </td>
                    <td class="policy">
                        <ul>
                            {five_s::released_strategy().actions.iter().map(|a| view! { <li>{move || a.get(lang.get())}</li> }).collect_view()}
                        </ul>
                    </td>
                </tr>
            </tbody>
        </table>
    }
}

fn cross_sell_table() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    view! {
        <h3>{move || SUGGEST.get(lang.get())}</h3>
        <div class="cross-sell" data-testid="cross-sell-table">
            {move || {
                let l = lang.get();
                workbench.with(|w| {
                    let Ok(r) = w.results().cross_sell.as_ref() else { return ().into_any() };
                    let s = &w.engine.settings().cross_sell;
                    let source = match s.source {
                        tierwise_core::settings::ClassSource::Abc => Method::Abc,
                        tierwise_core::settings::ClassSource::Tier => Method::Tiers,
                        tierwise_core::settings::ClassSource::Value => Method::Value,
                        tierwise_core::settings::ClassSource::Pyramid => Method::Pyramid,
                        tierwise_core::settings::ClassSource::ScoreBand => Method::Score,
                    };
                    let products = &w.dataset().products;
                    r.classes
                        .iter()
                        .filter(|c| c.buyers > 0)
                        .map(|c| {
                            let name = lookup::class_by_key(source, c.class_key).map_or(c.class_key.to_string(), |i| i.name.get(l).to_string());
                            let mut top: Vec<_> = c.products.iter().filter(|p| p.support >= s.min_support_pct).cloned().collect();
                            if s.rank_by == tierwise_core::settings::RankBy::Lift {
                                top.sort_by(|a, b| b.lift.total_cmp(&a.lift).then(b.support.total_cmp(&a.support)));
                            }
                            top.truncate(s.top_n as usize);
                            view! {
                                <table class="classes" tabindex="0" data-testid=format!("cross-sell-{}", c.class_key)>
                                    <caption>{format!("{name} · {} {}", format::int(c.buyers, l), BUYERS.get(l))}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{PRODUCT.get(l)}</th>
                                            <th scope="col" class="num">{SUPPORT.get(l)}</th>
                                            <th scope="col" class="num">{LIFT.get(l)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {top.iter().map(|p| view! {
                                            <tr>
                                                <th scope="row">{products.get(p.product as usize).cloned().unwrap_or_default()}</th>
                                                <td class="num">{format::pct(p.support / 100.0, l)}</td>
                                                <td class="num">{format::decimal(p.lift, 2, l)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }
                        })
                        .collect_view()
                        .into_any()
                })
            }}
        </div>
    }
}

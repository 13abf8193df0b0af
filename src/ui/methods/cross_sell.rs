//! Cross-selling: the classes to look within, how products are ranked, the least class share
//! and how many products per class; the class bars, and per class the products it buys.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};
use tierwise_core::settings::{ClassSource, RankBy};

use super::shared::class_bars;
use super::MethodUi;
use crate::ui::controls::{Choice, NumSlider, PercentSlider, Unit};
use crate::ui::format;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const SOURCE: Tr = Tr::new(
    "Within the classes of",
    "在以下分类内",
    "Dentro de las clases de",
);
const RANK: Tr = Tr::new("Rank products by", "产品排序依据", "Ordenar productos por");
const RANK_LIFT: Tr = Tr::new(
    "Lift over all customers",
    "相对全体客户的提升度",
    "Elevación (lift) sobre todos los clientes",
);
const RANK_SUPPORT: Tr = Tr::new(
    "Share of the class buying",
    "本类购买比例",
    "Cuota de la clase que compra",
);
const MIN_SUPPORT: Tr = Tr::new(
    "Suggest from a class share of",
    "本类购买比例不低于",
    "Sugerir desde una cuota de clase de",
);
const PER_CLASS: Tr = Tr::new(
    "Products per class",
    "每类推荐产品数",
    "Productos por clase",
);

fn controls() -> AnyView {
    view! {
        <Choice
            testid="choice-cross-sell-source"
            label=SOURCE
            options=ClassSource::all().into_iter().map(|c| (c.key(), c.dimension().name())).collect()
            get=|s| s.cross_sell.source.key()
            set=|s, v| s.cross_sell.source = ClassSource::from_key(v).unwrap_or_default()
        />
        <Choice
            testid="choice-cross-sell-rank"
            label=RANK
            options=vec![("lift", RANK_LIFT), ("support", RANK_SUPPORT)]
            get=|s| match s.cross_sell.rank_by {
                RankBy::Lift => "lift",
                RankBy::Support => "support",
            }
            set=|s, v| s.cross_sell.rank_by = if v == "support" { RankBy::Support } else { RankBy::Lift }
        />
        <PercentSlider testid="slider-cross-sell-support" label=MIN_SUPPORT get=|s| s.cross_sell.min_support_pct set=|s, v| s.cross_sell.min_support_pct = v max=80.0/>
        <NumSlider testid="slider-cross-sell-top" label=PER_CLASS get=|s| s.cross_sell.top_n as f64 set=|s, v| s.cross_sell.top_n = v as u32 min=1.0 max=20.0 unit=Unit::Count/>
    }
    .into_any()
}

fn chart() -> AnyView {
    class_bars(Method::CrossSell).into_any()
}

const SUGGEST: Tr = Tr::new(
    "What each class buys",
    "各类客户常买的产品",
    "Lo que compra cada clase",
);
const PRODUCT: Tr = tierwise_core::glossary::PRODUCT.title;
const COL_SUPPORT: Tr = Tr::new("Class buying", "本类购买比例", "Clase que compra");
const COL_LIFT: Tr = Tr::new("Lift", "提升度", "Elevación (lift)");
const BUYERS: Tr = Tr::new("buyers", "位购买客户", "compradores");

/// Per class with buyers, a table of the products suggested to it.
fn extra() -> AnyView {
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
                    let Some(source) = Method::from_key(s.source.method_key()) else {
                        return ().into_any();
                    };
                    let products = &w.dataset().products;
                    r.classes
                        .iter()
                        .filter(|c| c.buyers > 0)
                        .map(|c| {
                            let name = lookup::class_by_key(source, c.class_key).map_or(c.class_key.to_string(), |i| source.class_name(w.engine.settings(), &i, l).to_string());
                            let mut top: Vec<_> = c.products.iter().filter(|p| p.support >= s.min_support_pct).cloned().collect();
                            if s.rank_by == RankBy::Lift {
                                top.sort_by(|a, b| b.lift.total_cmp(&a.lift).then(b.support.total_cmp(&a.support)));
                            }
                            top.truncate(s.top_n as usize);
                            view! {
                                <table class="classes" tabindex="0" data-testid=format!("cross-sell-{}", c.class_key)>
                                    <caption>{format!("{name} · {} {}", format::int(c.buyers, l), BUYERS.get(l))}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{PRODUCT.get(l)}</th>
                                            <th scope="col" class="num">{COL_SUPPORT.get(l)}</th>
                                            <th scope="col" class="num">{COL_LIFT.get(l)}</th>
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
    .into_any()
}

//! One page per method: its controls in a side panel, its chart, what the last change
//! moved, and its class table with the strategy per class. Plus the staffing plan. What is
//! particular to each method (controls, chart, extra sections) is in `ui::methods`.

pub mod class_table;
pub mod staffing;
pub mod what_changed;

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use crate::ui::controls::SettingsActions;
use crate::ui::methods;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text;
use class_table::ClassTable;
use what_changed::WhatChanged;

/// The prefix of a method's class-table test ids (`abc-count-A`, `tier-count-VIP`,
/// `value-count-mvc`).
pub fn count_prefix(m: Method) -> &'static str {
    match m {
        Method::Tiers => "tier",
        m => m.key(),
    }
}

/// What each method is for, one sentence.
pub fn purpose(m: Method) -> text::Tr {
    use text::Tr;
    match m {
        Method::Deal => Tr::new("Who has bought and who has not yet.", "谁已经成交，谁还没有。", "Quién ha comprado y quién todavía no."),
        Method::Tiers => Tr::new("VIP, large, medium and small customers by rank of sales, profit or score.", "按销售额、利润或评分排名分为 VIP、大、中、小客户。", "Clientes VIP, grandes, medianos y pequeños por ranking de ventas, beneficio o puntuación."),
        Method::Potential => Tr::new("Prospects A–D by how likely and how soon they close.", "按成交可能性和时间把潜在客户分为 A–D。", "Potenciales A–D según la probabilidad y la rapidez del cierre."),
        Method::Value => Tr::new("Most valuable, most growable, ordinary and below-zero customers.", "最有价值、最具增长性、普通和负值客户。", "Clientes más valiosos, de mayor crecimiento, ordinarios y bajo cero."),
        Method::Abc => Tr::new("The few customers that make most of the sales, and the many that make the rest.", "贡献大部分销售额的少数客户，和贡献其余部分的多数客户。", "Los pocos clientes que hacen la mayoría de las ventas y los muchos que hacen el resto."),
        Method::Wallet => Tr::new("Our share of each customer's purchases against how much it buys.", "我们在客户采购中的份额与客户采购量的对照。", "Nuestra cuota en las compras de cada cliente frente a cuánto compra."),
        Method::Score => Tr::new("A weighted score over credit, orders, prospects, profit, loyalty, attitude and growth.", "按信用、订单、前景、利润、忠诚度、态度和增长加权评分。", "Una puntuación ponderada de crédito, pedidos, perspectivas, beneficio, lealtad, actitud y crecimiento."),
        Method::Pyramid => Tr::new("Key, major, ordinary and small customers, with upgrade potential and bad customers apart.", "关键、主要、普通和小客户，并区分有升级潜力的客户和劣质客户。", "Clientes clave, principales, ordinarios y pequeños, con el potencial de mejora y los malos aparte."),
        Method::CrossTab => Tr::new("Any two dimensions against each other.", "任意两个维度交叉分析。", "Dos dimensiones cualesquiera cruzadas."),
        Method::FiveS => Tr::new("The monthly review: rate, suspend, straighten, coordinate, maintain.", "月度回顾：评级、暂停、整顿、协调、维护。", "La revisión mensual: calificar, suspender, ordenar, coordinar, mantener."),
        Method::Readiness => Tr::new("Whether tiering is worth it for this customer base.", "这个客户群是否值得分级。", "Si merece la pena segmentar esta base de clientes."),
        Method::Risk => Tr::new("Watch both ends: the biggest customers and the riskiest.", "抓两头：最大的客户和风险最高的客户。", "Vigilar los dos extremos: los mayores clientes y los de más riesgo."),
        Method::CrossSell => Tr::new("What each class buys that its customers do not yet.", "每类客户常买而个别客户尚未购买的产品。", "Lo que compra cada clase y sus clientes aún no."),
    }
}

#[component]
pub fn MethodPage(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let missing =
        Memo::new(move |_| workbench.with(|w| lookup::available(w.results(), method).err()));
    let has_classes = !lookup::classes(method).is_empty();
    let ui = methods::ui(method);
    let title_id = format!("{}-title", method.key());
    let heading_id = title_id.clone();
    view! {
        <section
            class="panel method"
            data-testid=format!("method-{}", method.key())
            aria-labelledby=title_id
        >
            <h2 id=heading_id>{move || method.name().get(lang.get())}</h2>
            <p class="hint">{move || purpose(method).get(lang.get())}</p>
            <div class="method-grid">
                <aside class="controls" aria-label=move || text::CONTROLS.get(lang.get())>
                    {(ui.controls)()}
                    <SettingsActions/>
                </aside>
                <div class="method-main">
                    {move || match missing.get() {
                        Some(m) => {
                            view! {
                                <p class="missing" data-testid="method-missing">
                                    {m.message(lang.get())}
                                </p>
                            }
                                .into_any()
                        }
                        None => (ui.chart)(),
                    }}
                    <Show when=move || has_classes>
                        <WhatChanged method/>
                    </Show>
                </div>
            </div>
            <Show when=move || missing.get().is_none()>
                {(ui.extra)()}
                <Show when=move || has_classes>
                    <ClassTable method/>
                </Show>
            </Show>
            <p class="hint timing">
                {move || text::RECOMPUTED.get(lang.get())}
                " "
                <span data-testid="recompute-ms">
                    {move || crate::ui::format::decimal(workbench.with(|w| w.elapsed_ms), 1, lang.get())}
                </span>
                " ms"
            </p>
        </section>
    }
}

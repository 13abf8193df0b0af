//! The 5S monthly review: the composite lines of classes I and II, the release share and the
//! suspend, eliminate and custodial lines; the class bars with the moves of the last change,
//! and the flags and release table.

use leptos::prelude::*;
use tierwise_core::classify::{five_s, lookup, Method};
use tierwise_core::settings::PinKind;

use super::shared::class_bars;
use super::MethodUi;
use crate::ui::charts::{heatmap, use_chart, ChartCanvas};
use crate::ui::controls::{NumSlider, PercentSlider, Unit};
use crate::ui::format;
use crate::ui::pins::PinList;
use crate::ui::state::{use_lang, use_workbench};
use crate::ui::text::{self, Tr};

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const FIRST: Tr = Tr::new(
    "Class I from (composite)",
    "一类下限（综合分）",
    "Clase I desde (compuesto)",
);
const SECOND: Tr = Tr::new(
    "Class II from (composite)",
    "二类下限（综合分）",
    "Clase II desde (compuesto)",
);
const RELEASE: Tr = Tr::new(
    "Release the bottom of each class",
    "每类释放末尾",
    "Liberar el final de cada clase",
);
const TINY: Tr = Tr::new(
    "Suspend: sales rank below",
    "暂停：销售额排名低于",
    "Suspender: ranking de ventas bajo",
);
const SLOW: Tr = Tr::new(
    "Eliminate: average days late above",
    "淘汰：平均逾期天数高于",
    "Eliminar: días de retraso medios sobre",
);
const VIOLATION: Tr = Tr::new(
    "Eliminate: on-time share below",
    "淘汰：按时付款比例低于",
    "Eliminar: pagos puntuales bajo",
);
const LOW_GROWTH: Tr = Tr::new(
    "Custodial: growth below",
    "托管：增长率低于",
    "Custodia: crecimiento bajo",
);

fn controls() -> AnyView {
    view! {
        <NumSlider testid="slider-five-s-first" label=FIRST get=|s| s.five_s.first_min set=|s, v| s.five_s.first_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <NumSlider testid="slider-five-s-second" label=SECOND get=|s| s.five_s.second_min set=|s, v| s.five_s.second_min = v min=0.0 max=100.0 unit=Unit::Points/>
        <PercentSlider testid="slider-five-s-release" label=RELEASE get=|s| s.five_s.release_pct set=|s, v| s.five_s.release_pct = v max=50.0/>
        <PercentSlider testid="slider-five-s-tiny" label=TINY get=|s| s.five_s.tiny_sales_pct set=|s, v| s.five_s.tiny_sales_pct = v max=50.0/>
        <NumSlider testid="slider-five-s-slow" label=SLOW get=|s| s.five_s.slow_days_late set=|s, v| s.five_s.slow_days_late = v min=0.0 max=365.0 unit=Unit::Days/>
        <PercentSlider testid="slider-five-s-violation" label=VIOLATION get=|s| s.five_s.violation_on_time_pct set=|s, v| s.five_s.violation_on_time_pct = v/>
        <NumSlider testid="slider-five-s-growth" label=LOW_GROWTH get=|s| s.five_s.low_growth_pct set=|s, v| s.five_s.low_growth_pct = v min=-50.0 max=50.0/>
    }
    .into_any()
}

fn chart() -> AnyView {
    view! { {class_bars(Method::FiveS)} {migration()} }.into_any()
}

const MIGRATION_ALT: Tr = Tr::new(
    "Heat map of how the last change moved customers between 5S classes: before in rows, after in columns.",
    "热力图：上一次调整使客户在 5S 类别之间如何移动，行为调整前，列为调整后。",
    "Mapa de calor de cómo el último cambio movió clientes entre clases 5S: antes en filas, después en columnas.",
);
const BEFORE_AFTER: Tr = Tr::new(
    "before ↓ / after →",
    "调整前 ↓ / 调整后 →",
    "antes ↓ / después →",
);
const MIGRATION_TITLE: Tr = Tr::new(
    "Moves of the last change",
    "上一次调整的迁移",
    "Movimientos del último cambio",
);

/// 5S classes before the last change (rows) against after it (columns).
fn migration() -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let canvas = use_chart("five_s_migration", move |el, l| {
        workbench.with(|w| {
            // Before any change, everyone sits on the diagonal: the current classes.
            let before = w.baseline.as_ref().map_or(w.results(), |(_, b)| &**b);
            let classes = lookup::classes(Method::FiveS);
            let k = classes.len();
            let mut counts = vec![vec![0usize; k + 1]; k + 1];
            for i in 0..w.dataset().len() {
                let a = lookup::class_of(before, Method::FiveS, i).map_or(k, usize::from);
                let b = lookup::class_of(w.results(), Method::FiveS, i).map_or(k, usize::from);
                counts[a][b] += 1;
            }
            let mut names: Vec<String> =
                classes.iter().map(|c| c.name.get(l).to_string()).collect();
            names.push(text::UNCLASSED.get(l).to_string());
            heatmap::draw(el, &names, &names, &counts, BEFORE_AFTER.get(l), true)
        })
    });
    // Before any change everyone sits on the diagonal: a full matrix that says nothing.
    let changed = Memo::new(move |_| workbench.with(|w| w.baseline.is_some()));
    view! {
        <div class="migration">
            <h3>{move || MIGRATION_TITLE.get(lang.get())}</h3>
            <p class="hint" data-testid="five-s-migration-empty" hidden=move || changed.get()>
                {move || MIGRATION_EMPTY.get(lang.get())}
            </p>
            <Show when=move || changed.get()>
                <ChartCanvas canvas testid="five-s-migration" alt=MIGRATION_ALT tall=true/>
            </Show>
        </div>
    }
}

const MIGRATION_EMPTY: Tr = Tr::new(
    "Move a control: who moves between the 5S classes shows here, before against after.",
    "调整任一控件后，这里会显示客户在 5S 各类之间的变动（调整前对比调整后）。",
    "Mueva un control: aquí se ve quién cambia de clase 5S, antes frente a después.",
);
const FLAGS: Tr = Tr::new("Flags", "标记", "Señales");
const FIVE_S_FLAGS: Tr = Tr::new("Flags and release", "标记与释放", "Señales y liberación");
const RELEASED: Tr = Tr::new(
    "Released (bottom of their class)",
    "已释放（本类末尾）",
    "Liberados (final de su clase)",
);

const KEPT_BY_PIN: Tr = Tr::new(
    "Kept by a pin (bottom of their class)",
    "因设为例外而保留（本类末尾）",
    "Conservados por una fijación (final de su clase)",
);
const KEPT_BY_PIN_POLICY: Tr = Tr::new(
    "Managed as usual: the reason is in the list below",
    "照常管理：原因见下方列表",
    "Se gestionan como siempre: el motivo figura en la lista de abajo",
);

/// Per flag, for the released customers and for those a pin keeps, how many and the policy;
/// then the pinned customers.
fn extra() -> AnyView {
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
                <tr>
                    <th scope="row">{move || KEPT_BY_PIN.get(lang.get())}</th>
                    <td class="num" data-testid="five-s-pinned">
                        {move || format::int(workbench.with(|w| w.results().five_s.pinned.iter().filter(|&&p| p).count()), lang.get())}
                    </td>
                    <td class="policy">{move || KEPT_BY_PIN_POLICY.get(lang.get())}</td>
                </tr>
            </tbody>
        </table>
        <PinList kind=PinKind::KeepFiveS/>
    }
    .into_any()
}

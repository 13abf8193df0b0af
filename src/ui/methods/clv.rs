//! Customer lifetime value: the horizon, discount, P(alive) thresholds, high-value share and
//! backtest split; the class bars and the backtest chart (actual against predicted repeat
//! purchases by number of earlier purchases, as in the papers); the models' parameters and
//! log-likelihoods, and the backtest's totals and mean absolute error.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use tierwise_core::classify::methods::clv::{BacktestRun, Clv, ClvResult, ShownBacktest};
use tierwise_core::classify::Method;
use tierwise_core::clv::job::Done;
use tierwise_core::clv::ClvError;
use tierwise_core::i18n::Lang;

use super::shared::{class_bars, t};
use super::MethodUi;
use crate::ui::charts::{bars, class_color, use_chart, ChartCanvas};
use crate::ui::controls::{NumSlider, PercentSlider, Unit};
use crate::ui::format;
use crate::ui::state::{use_backtests, use_lang, use_workbench};
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const HORIZON: Tr = Tr::new("Horizon", "预测期", "Horizonte");
const DISCOUNT: Tr = Tr::new(
    "Monthly discount rate",
    "月贴现率",
    "Tasa de descuento mensual",
);
const LAPSING: Tr = Tr::new(
    "Lapsing below P(alive)",
    "P(活跃) 低于此值为正在流失",
    "Alejándose bajo P(activo)",
);
const LOST: Tr = Tr::new(
    "Lost below P(alive)",
    "P(活跃) 低于此值为已流失",
    "Perdidos bajo P(activo)",
);
const HIGH: Tr = Tr::new(
    "High future value: top share of active repeat buyers",
    "高未来价值：活跃复购客户中的前 %",
    "Alto valor futuro: primeros % de los recompradores activos",
);
const SPLIT: Tr = Tr::new(
    "Backtest: share of the history used to fit",
    "回测：用于拟合的历史比例",
    "Backtest: parte del historial usada para ajustar",
);

fn controls() -> AnyView {
    view! {
        <NumSlider
            testid="clv-horizon"
            label=HORIZON
            get=|s| s.clv.horizon_months
            set=|s, v| s.clv.horizon_months = v
            min=1.0
            max=24.0
            unit=Unit::Months
        />
        <PercentSlider
            testid="clv-discount"
            label=DISCOUNT
            get=|s| s.clv.monthly_discount
            set=|s, v| s.clv.monthly_discount = v
            max=5.0
            step=0.1
        />
        <PercentSlider
            testid="clv-lapsing"
            label=LAPSING
            get=|s| s.clv.lapsing_below
            set=|s, v| {
                s.clv.lapsing_below = v;
                s.clv.lost_below = s.clv.lost_below.min(v);
            }
        />
        <PercentSlider
            testid="clv-lost"
            label=LOST
            get=|s| s.clv.lost_below
            set=|s, v| {
                s.clv.lost_below = v;
                s.clv.lapsing_below = s.clv.lapsing_below.max(v);
            }
        />
        <PercentSlider
            testid="clv-high-share"
            label=HIGH
            get=|s| s.clv.high_share
            set=|s, v| s.clv.high_share = v
        />
        <PercentSlider
            testid="backtest-split"
            label=SPLIT
            get=|s| s.clv.backtest_split
            set=|s, v| s.clv.backtest_split = v
            min=10.0
            max=95.0
            settle=true
        />
    }
    .into_any()
}

const BACKTEST_ALT: Tr = Tr::new(
    "Backtest: per number of purchases before the split, the mean actual repeat purchases after it (bars) and the model's prediction (ticks); the table below has the totals.",
    "回测：按拆分点之前的购买次数，拆分点之后实际的平均复购次数（条形）与模型预测（刻度）；下表列出合计。",
    "Backtest: por número de compras antes del corte, la media de recompras reales después (barras) y la predicción del modelo (marcas); la tabla de abajo tiene los totales.",
);
const ACTUAL: Tr = Tr::new("actual", "实际", "real");
const PREDICTED: Tr = Tr::new("predicted", "预测", "previsto");
const PURCHASES: Tr = Tr::new("purchases", "次购买", "compras");
const OR_MORE: Tr = Tr::new("or more", "及以上", "o más");

fn clv_result(w: &crate::ui::state::Workbench) -> Option<&ClvResult> {
    w.results().clv.as_ref().ok()
}

thread_local! {
    /// A backtest is being fitted.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// The split asked for while one was being fitted: the next to fit.
    static QUEUED: RefCell<Option<BacktestRun>> = const { RefCell::new(None) };
}

/// Fits the backtest of `run` (in the fit worker for a large log), one at a time: a split
/// asked for meanwhile waits, and only the last of those is fitted. `landed` counts the
/// backtests fitted.
fn fit_backtest(run: BacktestRun, landed: RwSignal<u64>) {
    if BUSY.with(|b| b.replace(true)) {
        QUEUED.with(|q| *q.borrow_mut() = Some(run));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut next = Some(run);
        while let Some(run) = next.take() {
            if let (None, Some(job)) = (run.cached(), run.job()) {
                if let Done::Backtest(b) = crate::ui::fit_worker::run(job).await {
                    run.store(b);
                    landed.try_update(|n| *n += 1);
                }
            }
            next = QUEUED.with(|q| q.borrow_mut().take());
        }
        BUSY.with(|b| b.set(false));
    });
}

/// The backtest of the current split, if fitted; asks for its fit if not. Reads the count of
/// backtests fitted, so a view that calls it is drawn again when its backtest lands.
fn backtest_of(r: &ClvResult, landed: RwSignal<u64>) -> Option<ShownBacktest> {
    landed.track();
    let run = r.backtest.as_ref()?;
    let shown = run.shown();
    if shown.is_none() {
        fit_backtest(run.clone(), landed);
    }
    shown
}

const FITTING_BACKTEST: Tr = Tr::new(
    "Fitting the model on the orders before the split…",
    "正在基于拆分点之前的订单拟合模型……",
    "Ajustando el modelo con los pedidos anteriores al corte…",
);
const FITTING: Tr = Tr::new(
    "Fitting the models on {rows} orders… The classes appear when they are ready; everything else can be used meanwhile.",
    "正在基于 {rows} 条订单拟合模型……完成后即显示分类；其间其他功能均可正常使用。",
    "Ajustando los modelos con {rows} pedidos… Las clases aparecerán cuando estén listos; mientras tanto, todo lo demás se puede usar.",
);

fn chart() -> AnyView {
    let workbench = use_workbench();
    let landed = use_backtests();
    let canvas = use_chart("clv_backtest", move |el, l| {
        workbench.with(|w| {
            // The backtest is fitted on first use (this chart, on this page).
            let result = clv_result(w)
                .and_then(|r| backtest_of(r, landed))
                .map(|shown| shown.result);
            let rows: Vec<bars::Bar> = result
                .as_ref()
                .and_then(|res| res.as_ref().as_ref().ok())
                .map(|b| {
                    b.rows
                        .iter()
                        .filter(|r| r.customers > 0)
                        .map(|r| bars::Bar {
                            label: format!(
                                "{} {}{}",
                                r.x,
                                PURCHASES.get(l),
                                if r.or_more {
                                    format!(" {}", OR_MORE.get(l))
                                } else {
                                    String::new()
                                }
                            ),
                            value: r.actual,
                            color: class_color(0),
                            note: format!(
                                "{} {} · {} {}",
                                ACTUAL.get(l),
                                format::decimal(r.actual, 2, l),
                                PREDICTED.get(l),
                                format::decimal(r.predicted, 2, l)
                            ),
                            marker: Some(r.predicted),
                        })
                        .collect()
                })
                .unwrap_or_default();
            bars::draw(el, &rows)
        })
    });
    view! {
        {class_bars(Method::Clv)}
        <h3>{t(BACKTEST)}</h3>
        <ChartCanvas canvas testid="clv-backtest-chart" alt=BACKTEST_ALT/>
    }
    .into_any()
}

const MODELS: Tr = Tr::new("The fitted models", "拟合的模型", "Los modelos ajustados");
const BACKTEST: Tr = Tr::new(
    "Backtest: is the model right?",
    "回测：模型准确吗？",
    "Backtest: ¿acierta el modelo?",
);
const PARAM: Tr = Tr::new("Parameter", "参数", "Parámetro");
const VALUE: Tr = Tr::new("Value", "值", "Valor");
const LOGLIK: Tr = Tr::new("Log-likelihood", "对数似然", "Log-verosimilitud");
const FITTED_ON: Tr = Tr::new(
    "Fitted on {n} customers ({repeat} repeat buyers), time in weeks, as of {date}.",
    "基于 {n} 位客户（其中 {repeat} 位复购客户）拟合，时间以周计，截至 {date}。",
    "Ajustado con {n} clientes ({repeat} recompradores), tiempo en semanas, a fecha de {date}.",
);
const KEPT: Tr = Tr::new(
    "The models could not be fitted as of {date}: {why} These are the models fitted as of {then}, applied to the customers as of {date}.",
    "截至 {date} 无法拟合模型：{why}以下为截至 {then} 拟合的模型，应用于截至 {date} 的客户。",
    "No se pudieron ajustar los modelos a fecha de {date}: {why} Estos son los modelos ajustados a fecha de {then}, aplicados a los clientes a fecha de {date}.",
);
const KEPT_BACKTEST: Tr = Tr::new(
    "The model could not be fitted on the orders up to {split}: {why} This is the backtest split at {then}.",
    "无法基于截至 {split} 的订单拟合模型：{why}以下为在 {then} 拆分的回测。",
    "No se pudo ajustar el modelo con los pedidos hasta el {split}: {why} Este es el backtest con corte el {then}.",
);
const NO_SPEND: Tr = Tr::new(
    "The spend model could not be fitted, so values are not predicted; classes use the expected purchases.",
    "消费金额模型无法拟合，因此不预测价值；分类依据预计购买次数。",
    "El modelo de gasto no pudo ajustarse: no se predicen valores y las clases usan las compras esperadas.",
);
const CANNOT_FIT: Tr = Tr::new(
    "The models cannot be fitted on this data:",
    "无法基于这些数据拟合模型：",
    "Los modelos no pueden ajustarse con estos datos:",
);
const SPLIT_AT: Tr = Tr::new(
    "Fitted on the orders up to {split}, compared with the repeat purchases from then to {end}.",
    "基于截至 {split} 的订单拟合，并与此后至 {end} 的实际复购比较。",
    "Ajustado con los pedidos hasta el {split} y comparado con las recompras desde entonces hasta el {end}.",
);
const TOTAL_PREDICTED: Tr = Tr::new(
    "Repeat purchases predicted",
    "预测复购次数",
    "Recompras previstas",
);
const TOTAL_ACTUAL: Tr = Tr::new("Repeat purchases made", "实际复购次数", "Recompras reales");
const MAE: Tr = Tr::new(
    "Mean absolute error per customer",
    "每位客户的平均绝对误差",
    "Error absoluto medio por cliente",
);

/// The models' failure in words.
fn why(e: &ClvError, l: Lang) -> String {
    match (e, l) {
        (ClvError::AllOneTimeBuyers { .. }, Lang::ZhCn) => {
            "所有客户都只购买过一次：需要有复购才能拟合模型。".into()
        }
        (ClvError::AllOneTimeBuyers { .. }, Lang::Es) => {
            "todos los clientes compraron una sola vez: hacen falta recompras para ajustar los modelos.".into()
        }
        (ClvError::SingleDay, Lang::ZhCn) => "所有购买都在同一天：没有可用于拟合的历史。".into(),
        (ClvError::SingleDay, Lang::Es) => {
            "todas las compras son del mismo día: no hay historial que ajustar.".into()
        }
        (ClvError::TooFewRepeatBuyers { found, needed, .. }, Lang::ZhCn) => {
            format!("复购客户太少（{found} 位，至少需要 {needed} 位）。")
        }
        (ClvError::TooFewRepeatBuyers { found, needed, .. }, Lang::Es) => {
            format!("muy pocos recompradores ({found}; hacen falta {needed}).")
        }
        (ClvError::NotConverged { .. }, Lang::ZhCn) => "拟合没有收敛。".into(),
        (ClvError::NotConverged { .. }, Lang::Es) => "el ajuste no convergió.".into(),
        (_, Lang::ZhCn) | (_, Lang::Es) | (_, Lang::En) => e.to_string(),
    }
}

/// `text` ending as a sentence does.
fn sentence(text: String) -> String {
    if text.ends_with('.') || text.ends_with('。') {
        text
    } else {
        text + "."
    }
}

fn param_row(name: &'static str, testid: &'static str, v: f64, l: Lang) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="num" data-testid=testid data-value=v.to_string()>{format::decimal(v, 4, l)}</td>
        </tr>
    }
}

fn extra() -> AnyView {
    let workbench = use_workbench();
    let landed = use_backtests();
    let lang = use_lang();
    view! {
        {move || {
            let l = lang.get();
            workbench.with(|w| {
                let prep = w.engine.prepared().prep::<Clv>();
                let r = clv_result(w)?;
                if r.fitting {
                    let text = FITTING.get(l).replace("{rows}", &format::int(prep.orders.len(), l));
                    return Some(view! {
                        <p class="note" role="status" data-testid="clv-fitting">
                            <span class="boot-spinner" aria-hidden="true"></span>{text}
                        </p>
                    }.into_any());
                }
                if let Some(e) = &r.error {
                    return Some(view! {
                        <p class="note" data-testid="clv-error">{CANNOT_FIT.get(l)} " " {why(e, l)}</p>
                    }.into_any());
                }
                let models = prep.models.as_ref()?.as_ref().ok()?;
                let bg = models.bg;
                let fitted = FITTED_ON
                    .get(l)
                    .replace("{n}", &format::int(bg.customers, l))
                    .replace("{repeat}", &format::int(bg.repeat_buyers, l))
                    .replace("{date}", &format::date(models.as_of, l));
                let kept = models.kept.as_ref().map(|e| {
                    KEPT.get(l)
                        .replace("{date}", &prep.as_of.map(|d| format::date(d, l)).unwrap_or_default())
                        .replace("{why}", &sentence(why(e, l)))
                        .replace("{then}", &format::date(models.as_of, l))
                });
                let gg = models.gg.as_ref().ok().copied();
                let gg_ll = models.gg_log_likelihood;
                let backtest = r.backtest.clone();
                Some(view! {
                    <h3>{MODELS.get(l)}</h3>
                    {kept.map(|k| view! { <p class="note" data-testid="clv-kept">{k}</p> })}
                    <p class="hint" data-testid="clv-fitted">{fitted}</p>
                    <table class="classes clv-params" data-testid="clv-params">
                        <thead><tr><th scope="col">{PARAM.get(l)}</th><th scope="col">{VALUE.get(l)}</th></tr></thead>
                        <tbody>
                            {param_row("BG/NBD r", "clv-param-r", bg.params.r, l)}
                            {param_row("BG/NBD α", "clv-param-alpha", bg.params.alpha, l)}
                            {param_row("BG/NBD a", "clv-param-a", bg.params.a, l)}
                            {param_row("BG/NBD b", "clv-param-b", bg.params.b, l)}
                            <tr>
                                <th scope="row">"BG/NBD " {LOGLIK.get(l)}</th>
                                <td class="num" data-testid="clv-loglik" data-value=bg.log_likelihood.to_string()>
                                    {format::decimal(bg.log_likelihood, 2, l)}
                                </td>
                            </tr>
                            {gg.map(|g| view! {
                                {param_row("Gamma-Gamma p", "clv-param-p", g.params.p, l)}
                                {param_row("Gamma-Gamma q", "clv-param-q", g.params.q, l)}
                                {param_row("Gamma-Gamma γ", "clv-param-gamma", g.params.gamma, l)}
                                <tr>
                                    <th scope="row">"Gamma-Gamma " {LOGLIK.get(l)}</th>
                                    <td class="num" data-testid="clv-gg-loglik">
                                        {gg_ll.map(|v| format::decimal(v, 2, l)).unwrap_or_default()}
                                    </td>
                                </tr>
                            })}
                        </tbody>
                    </table>
                    {gg.is_none().then(|| view! { <p class="note">{NO_SPEND.get(l)}</p> })}
                    {backtest.map(|b| {
                        let end = prep.as_of.map(|d| format::date(d, l)).unwrap_or_default();
                        let head = |split| SPLIT_AT
                            .get(l)
                            .replace("{split}", &format::date(split, l))
                            .replace("{end}", &end);
                        let Some(shown) = backtest_of(r, landed) else {
                            return view! {
                                <p class="hint" data-testid="backtest-period">{head(b.split)}</p>
                                <p class="note" role="status" data-testid="backtest-fitting">
                                    <span class="boot-spinner" aria-hidden="true"></span>{FITTING_BACKTEST.get(l)}
                                </p>
                            }.into_any();
                        };
                        let kept = shown.kept.as_ref().map(|e| {
                            KEPT_BACKTEST
                                .get(l)
                                .replace("{split}", &format::date(b.split, l))
                                .replace("{why}", &sentence(why(e, l)))
                                .replace("{then}", &format::date(shown.split, l))
                        });
                        let head = head(shown.split);
                        match shown.result.as_ref() {
                            Ok(bt) => view! {
                                {kept.map(|k| view! { <p class="note" data-testid="backtest-kept">{k}</p> })}
                                <p class="hint" data-testid="backtest-period">{head}</p>
                                <table class="classes" data-testid="backtest-totals">
                                    <tbody>
                                        <tr><th scope="row">{TOTAL_PREDICTED.get(l)}</th>
                                            <td class="num" data-testid="backtest-predicted" data-value=bt.total_predicted.to_string()>{format::decimal(bt.total_predicted, 1, l)}</td></tr>
                                        <tr><th scope="row">{TOTAL_ACTUAL.get(l)}</th>
                                            <td class="num" data-testid="backtest-actual" data-value=bt.total_actual.to_string()>{format::decimal(bt.total_actual, 0, l)}</td></tr>
                                        <tr><th scope="row">{MAE.get(l)}</th>
                                            <td class="num" data-testid="backtest-mae" data-value=bt.mean_absolute_error.to_string()>{format::decimal(bt.mean_absolute_error, 3, l)}</td></tr>
                                    </tbody>
                                </table>
                            }.into_any(),
                            Err(e) => view! {
                                <p class="hint" data-testid="backtest-period">{head}</p>
                                <p class="note" data-testid="backtest-error">{CANNOT_FIT.get(l)} " " {why(e, l)}</p>
                            }.into_any(),
                        }
                    })}
                }.into_any())
            })
        }}
    }
    .into_any()
}

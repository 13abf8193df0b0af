//! Per loaded source, its import report (rows read = rows used + rows rejected, the rejected
//! rows listed and downloadable), the questions the data left open, its sheet and shape, and
//! the summary of its column mapping (the dialog is `mapping`); then the join notes and the
//! totals. Any change there
//! reads the source again with the new options.

use std::sync::Arc;

use leptos::prelude::*;

use tierwise_core::import::{DateOrder, DecimalSep, Imported, Question, Shape};

use super::controller::reimport;
use crate::ui::format;
use crate::ui::state::{use_lang, use_sources, use_workbench, Loaded, Slot};
use crate::ui::text::{self, Tr};

/// One block per loaded source, the join notes, then the totals.
#[component]
pub(super) fn Reports() -> impl IntoView {
    let sources = use_sources();
    let lang = use_lang();
    view! {
        {move || {
            sources
                .get()
                .loaded()
                .map(|(slot, l)| view! { <SourceReport which=slot loaded=l.clone()/> })
                .collect_view()
        }}
        <JoinNote/>
        <AsOfDate/>
        {move || {
            let s = sources.get();
            let (read, used, rejected) = s.loaded().fold((0, 0, 0), |(r, u, x), (_, l)| {
                let rep = &l.imported.report;
                (r + rep.rows_read, u + rep.rows_used, x + rep.rows_rejected())
            });
            let l = lang.get();
            let pieces = text::slots(text::ROWS_BALANCE.get(l))
                .into_iter()
                .map(|p| match p {
                    text::Piece::Text(t) => t.into_any(),
                    text::Piece::Slot(name) => {
                        let n = match name {
                            "read" => read,
                            "used" => used,
                            _ => rejected,
                        };
                        view! { <span data-testid=format!("rows-{name}")>{format::int(n, l)}</span> }
                            .into_any()
                    }
                })
                .collect_view();
            view! { <p class="totals">{pieces}</p> }
        }}
    }
}

const SHOWN_REJECTIONS: usize = 20;

#[component]
fn SourceReport(which: Slot, loaded: Loaded) -> impl IntoView {
    let lang = use_lang();
    let imported = loaded.imported.clone();
    let r = imported.report.clone();
    let kind = match imported.shape {
        Shape::Customers => text::SOURCE_MASTER,
        Shape::Transactions => text::SOURCE_LOG,
    };
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        js_sys::encode_uri_component(&r.rejected_csv())
    );
    let download = format!(
        "{}-rejected.csv",
        r.file
            .rsplit_once('.')
            .map_or(r.file.as_str(), |(stem, _)| stem)
    );
    let rejected = r.rows_rejected();
    let more = rejected.saturating_sub(SHOWN_REJECTIONS.min(r.rejected.len()));
    let items: Vec<String> = r
        .rejected
        .iter()
        .take(SHOWN_REJECTIONS)
        .map(|x| x.to_string())
        .collect();
    let detected = {
        let mut parts = vec![r.format.clone()];
        if !r.encoding.is_empty() {
            parts.push(r.encoding.clone());
        }
        if let Some(d) = r.delimiter {
            parts.push(match d {
                '\t' => "tab".to_string(),
                d => format!("“{d}”"),
            });
        }
        if let Some(sheet) = &r.sheet {
            parts.push(sheet.clone());
        }
        parts.join(" · ")
    };
    let (cancelled, duplicates) = (r.cancelled, r.duplicate_ids);
    let remembered = loaded.remembered;
    view! {
        <div class="source" data-testid="source-report" data-slot=format!("{which:?}").to_lowercase()>
            <h3>
                {move || kind.get(lang.get())}
                ": "
                <span class="file">{r.file.clone()}</span>
            </h3>
            <p class="hint" data-testid="detected">{move || text::DETECTED.get(lang.get())} ": " {detected}</p>
            <p>
                {move || {
                    let l = lang.get();
                    let balance = text::fill(
                        text::ROWS_BALANCE.get(l),
                        &[
                            ("read", format::int(r.rows_read, l)),
                            ("used", format::int(r.rows_used, l)),
                            ("rejected", format::int(rejected, l)),
                        ],
                    );
                    // Why, in the same sentence: cancelled orders are not errors.
                    let errors = rejected.saturating_sub(cancelled + duplicates);
                    match text::not_used_reasons(cancelled, duplicates, errors, l) {
                        why if why.is_empty() => balance,
                        why if l == tierwise_core::i18n::Lang::ZhCn => format!("{balance}（{why}）"),
                        why => format!("{balance} ({why})"),
                    }
                }}
            </p>
            <Show when=move || { cancelled > 0 }>
                <p class="hint" data-testid="cancelled-note">{move || text::CANCELLED_NOT_ERRORS.get(lang.get())}</p>
            </Show>
            <Show when=move || remembered>
                <p class="note" data-testid="mapping-remembered">{move || text::MAPPING_REMEMBERED.get(lang.get())}</p>
            </Show>
            <Questions which=which imported=imported.clone()/>
            <Show when=move || { rejected > 0 }>
                <details>
                    <summary>{move || text::REJECTED_ROWS.get(lang.get())}</summary>
                    <ul class="rejections">
                        {items.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}
                    </ul>
                    <Show when=move || { more > 0 }>
                        <p>"+" {more} " " {move || text::MORE_REJECTED.get(lang.get())}</p>
                    </Show>
                    <a href=href.clone() download=download.clone() data-testid="download-rejected">
                        {move || text::DOWNLOAD_REJECTED.get(lang.get())}
                    </a>
                </details>
            </Show>
            <super::mapping::MappingSummary which=which imported=imported.clone()/>
        </div>
    }
}

/// What the data could not decide, asked of the user, plus the sheet and the shape.
#[component]
fn Questions(which: Slot, imported: Arc<Imported>) -> impl IntoView {
    let lang = use_lang();
    let sheets = imported.sheets.clone();
    let current_sheet = imported.report.sheet.clone().unwrap_or_default();
    let shape = imported.shape;
    let questions = imported.report.questions.clone();
    view! {
        <div class="questions">
            <label class="inline">
                {move || text::SHAPE.get(lang.get())}
                <select
                    data-testid="shape-select"
                    on:change=move |ev| {
                        let shape = if event_target_value(&ev) == "log" { Shape::Transactions } else { Shape::Customers };
                        reimport(which, |o| o.shape = Some(shape));
                    }
                >
                    <option value="table" selected=shape == Shape::Customers>{move || text::SOURCE_MASTER.get(lang.get())}</option>
                    <option value="log" selected=shape == Shape::Transactions>{move || text::SOURCE_LOG.get(lang.get())}</option>
                </select>
            </label>
            {(sheets.len() > 1).then(|| view! {
                <label class="inline">
                    {move || text::SHEET.get(lang.get())}
                    <select
                        data-testid="sheet-select"
                        on:change=move |ev| {
                            let sheet = event_target_value(&ev);
                            reimport(which, |o| o.sheet = Some(sheet));
                        }
                    >
                        {sheets.iter().map(|s| view! {
                            <option value=s.clone() selected=*s == current_sheet>{s.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            {questions.into_iter().map(|q| match q {
                Question::DateOrder { columns } => view! {
                    <fieldset class="question" data-testid="question-date-order">
                        <legend>{move || text::DATE_ORDER_Q.get(lang.get())} " (" {columns.join(", ")} ")"</legend>
                        <button type="button" class="button" data-testid="date-day-first"
                            on:click=move |_| reimport(which, |o| o.date_order = Some(DateOrder::DayFirst))>
                            {move || text::DAY_FIRST.get(lang.get())}
                        </button>
                        <button type="button" class="button" data-testid="date-month-first"
                            on:click=move |_| reimport(which, |o| o.date_order = Some(DateOrder::MonthFirst))>
                            {move || text::MONTH_FIRST.get(lang.get())}
                        </button>
                    </fieldset>
                }.into_any(),
                Question::DecimalSeparator { columns, .. } => view! {
                    <fieldset class="question" data-testid="question-decimal">
                        <legend>{move || text::DECIMAL_Q.get(lang.get())} " (" {columns.join(", ")} ")"</legend>
                        <button type="button" class="button" data-testid="decimal-dot"
                            on:click=move |_| reimport(which, |o| o.decimal = Some(DecimalSep::Dot))>
                            {move || text::DECIMAL_DOT.get(lang.get())}
                        </button>
                        <button type="button" class="button" data-testid="decimal-comma"
                            on:click=move |_| reimport(which, |o| o.decimal = Some(DecimalSep::Comma))>
                            {move || text::DECIMAL_COMMA.get(lang.get())}
                        </button>
                    </fieldset>
                }.into_any(),
            }).collect_view()}
        </div>
    }
}

#[component]
fn JoinNote() -> impl IntoView {
    let dataset = use_workbench();
    let sources = use_sources();
    let lang = use_lang();
    move || {
        let both = sources.with(|s| s.master.is_some() && s.log.is_some());
        let l = lang.get();
        let (log_only, master_only) =
            dataset.with(|w| (w.report.log_only.len(), w.report.master_only.len()));
        both.then(|| {
            view! {
                <Show when=move || { log_only > 0 }>
                    <p class="note" data-testid="join-log-only">{format::int(log_only, l)} " " {text::JOIN_LOG_ONLY.get(l)}</p>
                </Show>
                <Show when=move || { master_only > 0 }>
                    <p class="note" data-testid="join-master-only">{format::int(master_only, l)} " " {text::JOIN_MASTER_ONLY.get(l)}</p>
                </Show>
            }
        })
    }
}

const AS_OF: Tr = Tr::new("Analysis date", "分析日期", "Fecha del análisis");
const AS_OF_HINT: Tr = Tr::new(
    "Recency, RFM and the lifetime-value models count from this date; later orders are left out. By default, the last order date.",
    "最近购买、RFM 和终身价值模型均从此日期起算；此后的订单不计入。默认为最后一个订单日期。",
    "La recencia, el RFM y los modelos de valor de vida cuentan desde esta fecha; los pedidos posteriores se excluyen. Por defecto, la fecha del último pedido.",
);
const AFTER_AS_OF: Tr = Tr::new(
    "{n} orders after this date are left out.",
    "此日期之后的 {n} 个订单不计入。",
    "Se excluyen {n} pedidos posteriores a esta fecha.",
);
const AS_OF_RESET: Tr = Tr::new(
    "Use the last order date",
    "使用最后一个订单日期",
    "Usar la fecha del último pedido",
);

/// The date the analysis is made (`Settings::as_of`), when a log is loaded: a date input
/// between the log's first and last order, and how many orders it leaves out.
#[component]
fn AsOfDate() -> impl IntoView {
    use crate::ui::state::{update_settings, use_settings};
    let sources = use_sources();
    let settings = use_settings();
    let workbench = use_workbench();
    let lang = use_lang();
    let range = Memo::new(move |_| {
        sources.with(|s| {
            let log = s.log.as_ref()?.imported.log.clone()?;
            let newest = log.newest_date()?;
            let oldest = log
                .date
                .iter()
                .copied()
                .filter(|&d| d != tierwise_core::import::rollup::NO_DATE)
                .min()
                .and_then(tierwise_core::import::values::days_to_date)?;
            Some((oldest, newest))
        })
    });
    view! {
        <Show when=move || range.with(Option::is_some)>
            {move || {
                let l = lang.get();
                let (oldest, newest) = range.get()?;
                let set = settings.with(|s| s.as_of);
                let shown = set.unwrap_or(newest);
                let after = workbench.with(|w| w.report.after_as_of);
                Some(view! {
                    <div class="as-of">
                        <label>
                            {AS_OF.get(l)} " "
                            <input
                                type="date"
                                data-testid="as-of-date"
                                min=oldest.to_string()
                                max=newest.to_string()
                                prop:value=shown.to_string()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    if let Ok(d) = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
                                        let d = d.clamp(oldest, newest);
                                        update_settings(move |s| s.as_of = (d != newest).then_some(d));
                                    }
                                }
                            />
                        </label>
                        <p class="hint">{AS_OF_HINT.get(l)}</p>
                        <Show when=move || { after > 0 }>
                            <p class="note" data-testid="as-of-left-out">
                                {AFTER_AS_OF.get(l).replace("{n}", &format::int(after, l))}
                            </p>
                        </Show>
                        <Show when=move || set.is_some()>
                            <button
                                type="button"
                                class="button subtle"
                                data-testid="as-of-reset"
                                on:click=move |_| update_settings(|s| s.as_of = None)
                            >
                                {AS_OF_RESET.get(l)}
                            </button>
                        </Show>
                    </div>
                })
            }}
        </Show>
    }
}

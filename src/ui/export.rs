//! Export the customers as CSV or XLSX (the core's `export` module), built in the page in
//! slices with a progress bar and Cancel, and saved through a Blob (`download.rs`).
//!
//! **Slices.** Each slice writes [`SLICE_ROWS`] customers, then the page yields to the
//! browser, so input, the progress bar and the sliders stay live between slices. The size is
//! the core's `EXPLAINED_TOGETHER`: explaining customers costs a pass over the whole dataset
//! however few they are, so a smaller slice would cost that pass more often (measured: 50
//! rows a slice took 125 ms each with 100k customers, most of it that pass).
//!
//! **A settings change during an export restarts it.** The core refuses a step given an
//! engine whose data or settings differ from those at the start (`ExportError::Changed`), so
//! a file never mixes two results. The page then starts again from the first row with the
//! settings in force (and, on the customer page, the rows the filter shows then), and says
//! so when it is done; after [`MAX_RESTARTS`] restarts (a slider held in motion) it stops
//! with a message instead. The file therefore always holds one settings state: the one in
//! force when it finished.
//!
//! The job lives in context at the app's root ([`provide_export`]): it goes on while the
//! user opens another page, and the bar on the overview or the customer page shows it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tierwise_core::classify::select;
use tierwise_core::export::{
    CsvExport, ExportError, Options, Progress, RejectedRow, Source, XlsxExport,
};
use tierwise_core::i18n::Lang;

use super::customers::Rows;
use super::download;
use super::format;
use super::import::yield_to_browser;
use super::nav::use_customer_filter;
use super::state::{use_lang, use_sources, use_workbench, Sources};
use super::text::Tr;

/// The customers a slice writes (see the module's doc).
pub const SLICE_ROWS: usize = tierwise_core::export::columns::EXPLAINED_TOGETHER;
/// Restarts after a settings change before the export gives up.
pub const MAX_RESTARTS: u32 = 20;

const EXPORT_CSV: Tr = Tr::new("Export CSV", "导出 CSV", "Exportar CSV");
const EXPORT_XLSX: Tr = Tr::new(
    "Export Excel (XLSX)",
    "导出 Excel (XLSX)",
    "Exportar Excel (XLSX)",
);
const EXPORT_LABEL: Tr = Tr::new(
    "Export each customer's classes, scores and reasons",
    "导出每个客户的分类、评分和原因",
    "Exportar las clases, puntuaciones y motivos de cada cliente",
);
const SCOPE: Tr = Tr::new("Customers to export", "导出范围", "Clientes a exportar");
const SCOPE_SHOWN: Tr = Tr::new(
    "Those shown by the filter",
    "当前筛选显示的客户",
    "Los que muestra el filtro",
);
const SCOPE_ALL: Tr = Tr::new("Everyone", "全部客户", "Todos");
const WHY: Tr = Tr::new(
    "With the reasons (a “why” column per method)",
    "附带理由（每种方法一列“原因”）",
    "Con los motivos (una columna «por qué» por método)",
);
const WHY_HINT: Tr = Tr::new(
    "Without them the file is less than half the size and is written faster: enough to push each customer's classes into a CRM.",
    "不附带理由时，文件不到一半大小，写出更快，足以把每位客户的分级导入 CRM。",
    "Sin ellos el archivo ocupa menos de la mitad y se escribe antes: basta para llevar las clases de cada cliente a un CRM.",
);
const EXPORTING: Tr = Tr::new("Exporting…", "正在导出……", "Exportando…");
const DONE: Tr = Tr::new("Exported", "已导出", "Exportados");
const CUSTOMERS_UNIT: Tr = Tr::new("customers", "个客户", "clientes");
const CANCELLED: Tr = Tr::new(
    "Export cancelled.",
    "导出已取消。",
    "Exportación cancelada.",
);
const RESTARTED: Tr = Tr::new(
    "The settings changed during the export, so it started again: the file holds the settings in force when it finished.",
    "导出过程中设置发生了变化，因此已重新开始：文件采用导出完成时的设置。",
    "La configuración cambió durante la exportación, así que volvió a empezar: el archivo refleja la configuración vigente al terminar.",
);
const GAVE_UP: Tr = Tr::new(
    "The settings kept changing during the export, so it stopped. Export again once the sliders rest.",
    "导出过程中设置不断变化，导出已停止。请在滑块停止后重新导出。",
    "La configuración no dejó de cambiar durante la exportación, así que se detuvo. Vuelva a exportar cuando los controles estén quietos.",
);
const FAILED: Tr = Tr::new("The export failed:", "导出失败：", "La exportación falló:");

/// The two file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// The core's two exporters, behind one face.
enum Exporter {
    Csv(Box<CsvExport>),
    Xlsx(Box<XlsxExport>),
}

impl Exporter {
    fn new(
        format: Format,
        engine: &tierwise_core::classify::Engine,
        o: &Options,
    ) -> Result<Exporter, ExportError> {
        Ok(match format {
            Format::Csv => Exporter::Csv(Box::new(CsvExport::new(engine, o)?)),
            Format::Xlsx => Exporter::Xlsx(Box::new(XlsxExport::new(engine, o)?)),
        })
    }

    fn step(
        &mut self,
        engine: &tierwise_core::classify::Engine,
        budget: usize,
    ) -> Result<Progress, ExportError> {
        match self {
            Exporter::Csv(e) => e.step(engine, budget),
            Exporter::Xlsx(e) => e.step(engine, budget),
        }
    }

    /// The file's full pieces written so far, each once.
    fn take_written(&mut self) -> Result<Vec<Vec<u8>>, ExportError> {
        match self {
            Exporter::Csv(e) => e.take_written(),
            Exporter::Xlsx(e) => Ok(e.take_written()),
        }
    }

    fn finish(self) -> Result<Vec<Vec<u8>>, ExportError> {
        match self {
            Exporter::Csv(e) => e.finish_in_pieces(),
            Exporter::Xlsx(e) => e.finish_in_pieces(),
        }
    }
}

/// The export options for what the page holds: the language, the rows, today's date and
/// time (the XLSX's creation time), the sources with their row accounting, and the rows
/// their imports rejected.
pub fn options(sources: &Sources, lang: Lang, rows: Option<Vec<u32>>) -> Options {
    let mut o = Options {
        lang,
        rows,
        created: now(),
        ..Options::default()
    };
    for (_, l) in sources.loaded() {
        o.sources.push(Source::of(&l.imported));
        o.rejected
            .extend(RejectedRow::of_report(&l.imported.report));
    }
    o
}

/// The local date and time from the browser's clock.
fn now() -> Option<chrono::NaiveDateTime> {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())?
        .and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds())
}

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// What the export bar shows.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Running {
        format: Format,
        done: usize,
        total: usize,
    },
    Done {
        rows: usize,
        ms: f64,
        bytes: usize,
        restarted: bool,
    },
    Cancelled,
    GaveUp,
    Failed(String),
}

/// The export under way or last finished, app-wide, so that it goes on while the user
/// looks at another page (and moves a slider there: it then restarts).
#[derive(Clone, Copy)]
pub struct ExportJob {
    status: RwSignal<Status>,
    cancel: StoredValue<bool>,
}

/// Puts the export job in context. Called once by the app root.
pub fn provide_export() {
    provide_context(ExportJob {
        status: RwSignal::new(Status::Idle),
        cancel: StoredValue::new(false),
    });
}

/// The rows the customer page's filter shows, in its order (the core's `select`, as the
/// page's memos compute them), read afresh at each start so that a restart after a settings
/// change takes the rows the filter shows then.
fn filtered_rows(wb: &super::state::Workbench, f: &super::nav::CustomerFilter) -> Vec<u32> {
    let (ds, all) = (wb.dataset(), wb.results());
    let sorted = select::sort(ds, all, &select::by_id(ds), f.sort);
    let q = f.to_query();
    if q.is_empty() {
        sorted
    } else {
        select::filter(ds, all, &sorted, &q)
    }
}

/// The export buttons, progress bar, Cancel and the outcome. With `shown` (the customer
/// page's filtered rows, for their count), a choice between those and everyone.
#[component]
pub fn ExportBar(#[prop(optional)] shown: Option<Memo<Rows>>) -> impl IntoView {
    let lang = use_lang();
    let ExportJob { status, cancel } = expect_context::<ExportJob>();
    let only_shown = RwSignal::new(shown.is_some());
    let why = RwSignal::new(crate::storage::prefs::load_export_why());
    let running = move || matches!(status.get(), Status::Running { .. });
    let start = move |format: Format| {
        if running() {
            return;
        }
        cancel.set_value(false);
        let filter = use_customer_filter();
        let filtered = shown.is_some() && only_shown.get_untracked();
        let ctx = Ctx {
            wb: use_workbench(),
            sources: use_sources(),
            lang: lang.get_untracked(),
            why: why.get_untracked(),
        };
        let rows = move |w: &super::state::Workbench| {
            filtered.then(|| filter.with_untracked(|f| filtered_rows(w, f)))
        };
        spawn_local(run(ctx, format, rows, status, cancel));
    };
    let t = move |tr: Tr| move || tr.get(lang.get());
    let scope = shown.map(|m| {
        let count = move || format::int(m.with(|r| r.0.len()), lang.get());
        view! {
            <fieldset class="export-scope" data-testid="export-scope">
                <legend class="visually-hidden">{t(SCOPE)}</legend>
                <label>
                    <input
                        type="radio"
                        name="export-scope"
                        value="shown"
                        data-testid="export-scope-shown"
                        prop:checked=move || only_shown.get()
                        on:change=move |_| only_shown.set(true)
                    />
                    {t(SCOPE_SHOWN)}" ("{count}")"
                </label>
                <label>
                    <input
                        type="radio"
                        name="export-scope"
                        value="all"
                        data-testid="export-scope-all"
                        prop:checked=move || !only_shown.get()
                        on:change=move |_| only_shown.set(false)
                    />
                    {t(SCOPE_ALL)}
                </label>
            </fieldset>
        }
    });
    let fraction = move || match status.get() {
        Status::Running { done, total, .. } if total > 0 => done as f64 / total as f64,
        _ => 0.0,
    };
    let figures = move || match status.get() {
        Status::Running { done, total, .. } => {
            let l = lang.get();
            format!("{} / {}", format::int(done, l), format::int(total, l))
        }
        _ => String::new(),
    };
    let outcome = move || {
        let l = lang.get();
        match status.get() {
            Status::Done {
                rows,
                ms,
                bytes,
                restarted,
            } => {
                let mut s = format!(
                    "{} {} {} · {} MB · {} s",
                    DONE.get(l),
                    format::int(rows, l),
                    CUSTOMERS_UNIT.get(l),
                    format::decimal(bytes as f64 / 1e6, 2, l),
                    format::decimal(ms / 1000.0, 2, l),
                );
                if restarted {
                    s = format!("{s}. {}", RESTARTED.get(l));
                }
                s
            }
            Status::Cancelled => CANCELLED.get(l).to_string(),
            Status::GaveUp => GAVE_UP.get(l).to_string(),
            Status::Failed(e) => format!("{} {e}", FAILED.get(l)),
            _ => String::new(),
        }
    };
    view! {
        <div class="export-bar no-print" role="group" aria-label=t(EXPORT_LABEL)>
            {scope}
            <label class="export-why">
                <input
                    type="checkbox"
                    data-testid="export-why"
                    prop:checked=move || why.get()
                    disabled=running
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        why.set(on);
                        let _ = crate::storage::prefs::save_export_why(on);
                    }
                />
                {t(WHY)}
            </label>
            <Show when=move || !why.get()>
                <span class="hint" data-testid="export-why-hint">{t(WHY_HINT)}</span>
            </Show>
            <button
                type="button"
                class="button"
                data-testid="export-csv"
                disabled=running
                on:click=move |_| start(Format::Csv)
            >
                {t(EXPORT_CSV)}
            </button>
            <button
                type="button"
                class="button"
                data-testid="export-xlsx"
                disabled=running
                on:click=move |_| start(Format::Xlsx)
            >
                {t(EXPORT_XLSX)}
            </button>
            <Show when=running>
                <div class="progress" role="status">
                    <label>
                        {t(EXPORTING)}
                        <progress data-testid="export-progress" max="1" value=fraction></progress>
                    </label>
                    <span class="hint">{figures}</span>
                    <button
                        type="button"
                        class="button subtle"
                        data-testid="export-cancel"
                        on:click=move |_| cancel.set_value(true)
                    >
                        {move || super::text::CANCEL.get(lang.get())}
                    </button>
                </div>
            </Show>
            <p class="hint" role="status" data-testid="export-status" data-state=move || match status.get() {
                Status::Idle => "idle",
                Status::Running { .. } => "running",
                Status::Done { restarted: false, .. } => "done",
                Status::Done { restarted: true, .. } => "restarted",
                Status::Cancelled => "cancelled",
                Status::GaveUp => "gave-up",
                Status::Failed(_) => "failed",
            }>
                {outcome}
            </p>
        </div>
    }
}

/// What an export reads, taken from context before it leaves the component.
struct Ctx {
    wb: RwSignal<super::state::Workbench>,
    sources: RwSignal<Sources>,
    lang: Lang,
    /// The "why" columns.
    why: bool,
}

/// Runs one export to the end, a cancel or a failure, restarting on a settings change.
async fn run(
    ctx: Ctx,
    format: Format,
    rows: impl Fn(&super::state::Workbench) -> Option<Vec<u32>>,
    status: RwSignal<Status>,
    cancel: StoredValue<bool>,
) {
    let Ctx {
        wb,
        sources,
        lang,
        why,
    } = ctx;
    let t0 = perf_now();
    let mut restarts = 0u32;
    'again: loop {
        let rows = wb.with_untracked(&rows);
        let o = Options {
            omit_why: !why,
            ..sources.with_untracked(|s| options(s, lang, rows))
        };
        let total = o
            .rows
            .as_ref()
            .map_or_else(|| wb.with_untracked(|w| w.dataset().len()), Vec::len);
        status.set(Status::Running {
            format,
            done: 0,
            total,
        });
        // Let the progress bar show before the first slice.
        yield_to_browser().await;
        let started = wb.with_untracked(|w| Exporter::new(format, &w.engine, &o));
        drop(o);
        let mut e = match started {
            Ok(e) => e,
            Err(err) => {
                status.set(Status::Failed(err.to_string()));
                return;
            }
        };
        // The file so far, moved out of the WebAssembly memory piece by piece as it is
        // written: the page holds it once (in the browser's Blob storage), not twice.
        let mut file = download::BlobParts::default();
        loop {
            if cancel.get_value() {
                status.set(Status::Cancelled);
                return;
            }
            let stepped = wb.with_untracked(|w| e.step(&w.engine, SLICE_ROWS));
            let stepped = stepped.and_then(|p| {
                file.append(e.take_written()?).map_err(ExportError::Write)?;
                Ok(p)
            });
            match stepped {
                Ok(p) => {
                    status.set(Status::Running {
                        format,
                        done: p.done,
                        total: p.total,
                    });
                    if p.is_done() {
                        break;
                    }
                }
                Err(ExportError::Changed) => {
                    restarts += 1;
                    if restarts > MAX_RESTARTS {
                        status.set(Status::GaveUp);
                        return;
                    }
                    continue 'again;
                }
                Err(err) => {
                    status.set(Status::Failed(err.to_string()));
                    return;
                }
            }
            yield_to_browser().await;
        }
        if cancel.get_value() {
            status.set(Status::Cancelled);
            return;
        }
        match e.finish() {
            Ok(parts) => {
                let name = download::file_name("customers", format.ext());
                let written = total;
                if let Err(err) = file.append(parts).and_then(|()| file.save(&name)) {
                    status.set(Status::Failed(err));
                    return;
                }
                let bytes = file.bytes();
                status.set(Status::Done {
                    rows: written,
                    ms: perf_now() - t0,
                    bytes,
                    restarted: restarts > 0,
                });
            }
            Err(err) => status.set(Status::Failed(err.to_string())),
        }
        return;
    }
}

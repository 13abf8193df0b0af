//! The report (`#/report`): a document to hand over or print to PDF. A cover (workspace,
//! data sources with their row accounting, date, language), the readiness verdict, the key
//! figures, then a section per method that has data (its chart, what it shows besides, and
//! its class table with each class's strategy and actions, from the core's registry), and
//! the staffing plan. It is the current state: it follows the sliders. The user picks the
//! sections; the choice is kept in the workspace (`ReportChoice`). Its charts are drawn at
//! twice the screen's resolution at least (`PrintScale`), so that they print sharp; the
//! print stylesheet leaves out the app's chrome and breaks pages between sections.

use leptos::prelude::*;
use tierwise_core::classify::{lookup, Method};

use super::charts::PrintScale;
use super::methods;
use super::nav::Page;
use super::overview::{KeyFigures, Verdict};
use super::state::{use_lang, use_sources, use_workbench, Slot};
use super::text::{self, Tr};
use super::views::class_table::ClassTable;
use super::views::purpose;
use super::views::staffing::StaffingPage;
use super::workspace::{set_report_section, use_workspace};
use super::{download, format};

pub const NAV_REPORT: Tr = Tr::new("Report", "报告", "Informe");
const TITLE: Tr = Tr::new(
    "Customer tiering report",
    "客户分级分类报告",
    "Informe de segmentación de clientes",
);
const PRINT: Tr = Tr::new(
    "Print / Save as PDF",
    "打印 / 另存为 PDF",
    "Imprimir / Guardar como PDF",
);
const SECTIONS: Tr = Tr::new(
    "Sections to include",
    "报告包含的部分",
    "Secciones que incluir",
);
const HINT: Tr = Tr::new(
    "The report shows the current results and follows the sliders. Your choice of sections is kept with the workspace.",
    "报告显示当前结果，并随滑块变化。所选的部分随工作区保存。",
    "El informe muestra los resultados actuales y sigue a los controles. Las secciones elegidas se guardan con el espacio de trabajo.",
);
const COVER: Tr = Tr::new("Cover", "封面", "Portada");
const READINESS: Tr = Tr::new(
    "Is tiering worth it?",
    "是否值得分级？",
    "¿Merece la pena segmentar?",
);
const FIGURES: Tr = Tr::new("Key figures", "关键指标", "Cifras clave");
const WORKSPACE: Tr = Tr::new("Workspace", "工作区", "Espacio de trabajo");
const DATE: Tr = Tr::new("Date", "日期", "Fecha");
const LANGUAGE: Tr = Tr::new("Language", "语言", "Idioma");
const SOURCES: Tr = Tr::new("Data sources", "数据来源", "Fuentes de datos");
const FILE: Tr = Tr::new("File", "文件", "Archivo");
const KIND: Tr = Tr::new("Kind", "类型", "Tipo");
const READ: Tr = Tr::new("Rows read", "读取行数", "Filas leídas");
const USED: Tr = Tr::new("Rows used", "使用行数", "Filas usadas");
const REJECTED: Tr = Tr::new("Rows rejected", "拒绝行数", "Filas rechazadas");
const NO_SOURCE: Tr = Tr::new(
    "No data loaded.",
    "尚未加载数据。",
    "No hay datos cargados.",
);
const SAMPLE: Tr = Tr::new(
    "This is the built-in sample data (a fictional distributor), not a real customer base.",
    "以下为内置示例数据（一家虚构的分销商），并非真实客户数据。",
    "Estos son los datos de ejemplo incorporados (un distribuidor ficticio), no una cartera real.",
);
const NO_DATA: Tr = Tr::new(
    "no data for this method",
    "此方法缺少数据",
    "sin datos para este método",
);
const NOTHING: Tr = Tr::new(
    "No section is selected.",
    "未选择任何部分。",
    "No hay ninguna sección seleccionada.",
);

/// A section of the report: its key (kept in the workspace's choice) and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Cover,
    Readiness,
    Figures,
    Method(Method),
    Staffing,
}

impl Section {
    /// Every section, in the report's order: the methods in the domain's order.
    pub fn all() -> Vec<Section> {
        let mut v = vec![Section::Cover, Section::Readiness, Section::Figures];
        v.extend(Page::methods().map(Section::Method));
        v.push(Section::Staffing);
        v
    }

    pub fn key(self) -> &'static str {
        match self {
            Section::Cover => "cover",
            Section::Readiness => "readiness",
            Section::Figures => "figures",
            Section::Method(m) => m.key(),
            Section::Staffing => "staffing",
        }
    }

    pub fn name(self) -> Tr {
        match self {
            Section::Cover => COVER,
            Section::Readiness => READINESS,
            Section::Figures => FIGURES,
            Section::Method(m) => m.name(),
            Section::Staffing => text::NAV_STAFFING,
        }
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let t = move |tr: Tr| move || tr.get(lang.get());
    // Charts on the report draw at twice the CSS size at least, for print.
    provide_context(PrintScale(2.0));
    let included = move |s: Section| ws.with(|w| w.report.includes(s.key()));
    let print = move |_| {
        if let Err(e) = window().print() {
            leptos::logging::warn!("print: {e:?}");
        }
    };
    view! {
        <section class="panel report-page" aria-labelledby="report-title">
            <div class="report-toolbar no-print">
                <h2 id="report-title">{t(TITLE)}</h2>
                <p class="hint">{t(HINT)}</p>
                <button type="button" class="button" data-testid="report-print" on:click=print>
                    {t(PRINT)}
                </button>
                <fieldset class="report-sections" data-testid="report-sections">
                    <legend>{t(SECTIONS)}</legend>
                    {Section::all()
                        .into_iter()
                        .map(|s| {
                            view! {
                                <label class="toggle">
                                    <input
                                        type="checkbox"
                                        data-testid=format!("report-section-{}", s.key())
                                        prop:checked=move || included(s)
                                        on:change=move |ev| set_report_section(s.key(), event_target_checked(&ev))
                                    />
                                    {move || s.name().get(lang.get())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <article class="report" data-testid="report-view" lang=move || lang.get().tag()>
                {Section::all()
                    .into_iter()
                    .map(|s| view! { <Show when=move || included(s)>{section(s)}</Show> })
                    .collect_view()}
                <Show when=move || ws.with(|w| Section::all().iter().all(|s| !w.report.includes(s.key())))>
                    <p class="hint">{t(NOTHING)}</p>
                </Show>
            </article>
        </section>
    }
}

fn section(s: Section) -> AnyView {
    match s {
        Section::Cover => view! { <Cover/> }.into_any(),
        Section::Readiness => view! {
            <section class="report-section" data-section="readiness">
                <Verdict/>
            </section>
        }
        .into_any(),
        Section::Figures => {
            let lang = use_lang();
            view! {
                <section class="report-section" data-section="figures">
                    <h2>{move || FIGURES.get(lang.get())}</h2>
                    <KeyFigures/>
                </section>
            }
            .into_any()
        }
        Section::Method(m) => view! { <MethodSection method=m/> }.into_any(),
        Section::Staffing => view! {
            <section class="report-section" data-section="staffing">
                <StaffingPage report=true/>
            </section>
        }
        .into_any(),
    }
}

/// The cover: title, workspace, date, language and the data sources with their rows.
#[component]
fn Cover() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let sources = use_sources();
    let t = move |tr: Tr| move || tr.get(lang.get());
    let date = download::today();
    view! {
        <section class="report-section report-cover" data-section="cover">
            <p class="report-brand">"Tierwise"</p>
            <h1>{t(TITLE)}</h1>
            <dl class="report-meta">
                <dt>{t(WORKSPACE)}</dt>
                <dd data-testid="report-workspace">{move || ws.with(|w| crate::ui::workspace::shown_name(&w.name, lang.get()))}</dd>
                <dt>{t(DATE)}</dt>
                <dd data-testid="report-date">{date}</dd>
                <dt>{t(LANGUAGE)}</dt>
                <dd>{move || lang.get().native_name()}</dd>
            </dl>
            <Show when=move || sources.with(|s| s.is_sample)>
                <p class="banner report-sample">{t(SAMPLE)}</p>
            </Show>
            <h2>{t(SOURCES)}</h2>
            {move || {
                let l = lang.get();
                sources.with(|s| {
                    if s.loaded().next().is_none() {
                        return view! { <p class="hint">{NO_SOURCE.get(l)}</p> }.into_any();
                    }
                    view! {
                        <table class="classes report-sources" tabindex="0" data-testid="report-sources">
                            <thead>
                                <tr>
                                    <th scope="col">{FILE.get(l)}</th>
                                    <th scope="col">{KIND.get(l)}</th>
                                    <th scope="col" class="num">{READ.get(l)}</th>
                                    <th scope="col" class="num">{USED.get(l)}</th>
                                    <th scope="col" class="num">{REJECTED.get(l)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {s.loaded()
                                    .map(|(slot, loaded)| {
                                        let r = &loaded.imported.report;
                                        let kind = match slot {
                                            Slot::Master => text::SOURCE_MASTER.get(l),
                                            Slot::Log => text::SOURCE_LOG.get(l),
                                        };
                                        view! {
                                            <tr>
                                                <th scope="row">{format!("{} ({})", r.file, r.format)}</th>
                                                <td>{kind}</td>
                                                <td class="num">{format::int(r.rows_read, l)}</td>
                                                <td class="num">{format::int(r.rows_used, l)}</td>
                                                <td class="num">{format::int(r.rows_rejected(), l)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                })
            }}
        </section>
    }
}

/// A method's section: its name and purpose, then, when it has its data, its chart, what it
/// shows besides (the risk watch lists, the 5S flags, …) and its class table.
#[component]
fn MethodSection(method: Method) -> impl IntoView {
    let workbench = use_workbench();
    let lang = use_lang();
    let missing =
        Memo::new(move |_| workbench.with(|w| lookup::available(w.results(), method).err()));
    let has_classes = !lookup::classes(method).is_empty();
    let ui = methods::ui(method);
    view! {
        <section class="report-section" data-section=method.key() data-testid=format!("report-{}", method.key())>
            <h2>{move || method.name().get(lang.get())}</h2>
            <p class="hint">{move || purpose(method).get(lang.get())}</p>
            <Show
                when=move || missing.get().is_none()
                fallback=move || view! {
                    <p class="missing">
                        {move || NO_DATA.get(lang.get())}
                        ": "
                        {move || missing.get().map(|m| m.message(lang.get())).unwrap_or_default()}
                    </p>
                }
            >
                {(ui.chart)()}
                {(ui.extra)()}
                <Show when=move || has_classes>
                    <ClassTable method/>
                </Show>
            </Show>
        </section>
    }
}

//! Loading data: the file input, drag and drop, the sample, and the import report
//! (rows read = rows used + rows rejected, with the rejected rows listed and downloadable).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

use tierwise_core::import::{ImportOptions, Imported, Shape, StreamImporter};

use super::format;
use super::sample;
use super::state::{use_import_error, use_lang, use_sources, Sources};
use super::text;

/// Replaces the workspace with the built-in sample.
pub fn load_sample() {
    let sources = use_sources();
    let error = use_import_error();
    match sample::load() {
        Ok((master, log)) => {
            error.set(None);
            sources.set(Sources {
                master: Some(master),
                log: Some(log),
                is_sample: true,
            });
        }
        // The sample is generated and committed; failing here is a build defect, but the
        // user still gets a message rather than a blank page.
        Err(e) => error.set(Some(e.to_string())),
    }
}

/// Puts an imported file in its slot: a customer table replaces the table, a log the log.
/// Any file of the user's own replaces the whole sample.
fn place(sources: RwSignal<Sources>, imported: Imported) {
    let imported = Arc::new(imported);
    sources.update(|s| {
        if s.is_sample {
            *s = Sources::default();
        }
        match imported.shape {
            Shape::Customers => s.master = Some(imported),
            Shape::Transactions => s.log = Some(imported),
        }
    });
}

/// Bytes read from a file at a time: large enough to parse fast, small enough that the page
/// repaints the progress bar between chunks.
const CHUNK_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// A file import under way: how far it has got, and whether the user asked to stop.
#[derive(Clone, Copy)]
pub struct ImportJob {
    /// (file name, bytes done, bytes total, rows read); `None` when idle.
    pub progress: RwSignal<Option<(String, f64, f64, usize)>>,
    pub cancel: RwSignal<bool>,
}

impl ImportJob {
    fn new() -> Self {
        ImportJob {
            progress: RwSignal::new(None),
            cancel: RwSignal::new(false),
        }
    }
}

/// Reads `file` in `Blob.slice` chunks into the streaming importer. The whole text is never
/// held; between chunks the browser is free to repaint and handle input. `Ok(None)` when
/// cancelled.
async fn import_file(file: File, job: ImportJob) -> Result<Option<Imported>, String> {
    let name = file.name();
    let size = file.size();
    let mut importer = StreamImporter::new(&name, ImportOptions::default());
    let mut buf = Vec::new();
    let mut at = 0.0;
    job.progress.set(Some((name.clone(), 0.0, size, 0)));
    while at < size {
        if job.cancel.get_untracked() {
            return Ok(None);
        }
        let end = (at + CHUNK_BYTES).min(size);
        let blob = file
            .slice_with_f64_and_f64(at, end)
            .map_err(|e| format!("{name}: {e:?}"))?;
        let chunk = JsFuture::from(blob.array_buffer())
            .await
            .map_err(|e| format!("{name}: the file could not be read ({e:?})"))?;
        let chunk = js_sys::Uint8Array::new(&chunk);
        buf.resize(chunk.length() as usize, 0);
        chunk.copy_to(&mut buf);
        let p = importer.push(&buf);
        at = end;
        job.progress.set(Some((name.clone(), at, size, p.rows)));
    }
    importer.finish().map(Some).map_err(|e| e.to_string())
}

fn import_files(files: Vec<File>, job: ImportJob) {
    let sources = use_sources();
    let error = use_import_error();
    job.cancel.set(false);
    spawn_local(async move {
        let mut messages = Vec::new();
        for file in files {
            match import_file(file, job).await {
                Ok(Some(imported)) => place(sources, imported),
                Ok(None) => break,
                Err(e) => messages.push(e),
            }
        }
        job.progress.set(None);
        error.set((!messages.is_empty()).then(|| messages.join("\n")));
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|k| list.get(k)).collect()
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let lang = use_lang();
    let sources = use_sources();
    let error = use_import_error();
    let job = ImportJob::new();
    let dragging = RwSignal::new(false);
    let t = move |tr: text::Tr| move || tr.get(lang.get());

    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = file_list(input.files());
        // Clear the value so that choosing the same file again still fires `change`.
        input.set_value("");
        import_files(files, job);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = file_list(ev.data_transfer().and_then(|d| d.files()));
        import_files(files, job);
    };

    view! {
        <section
            class="panel import"
            class:dragging=move || dragging.get()
            aria-labelledby="import-title"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="import-title">{t(text::IMPORT_TITLE)}</h2>
            <div class="buttons">
                <label class="button primary">
                    {t(text::OPEN_FILE)}
                    <input
                        type="file"
                        accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv"
                        multiple=true
                        class="visually-hidden"
                        data-testid="file-input"
                        on:change=on_change
                    />
                </label>
                <button type="button" class="button" data-testid="load-sample" on:click=move |_| load_sample()>
                    {t(text::LOAD_SAMPLE)}
                </button>
                <button
                    type="button"
                    class="button subtle"
                    data-testid="clear-data"
                    on:click=move |_| sources.set(Sources::default())
                >
                    {t(text::CLEAR_DATA)}
                </button>
            </div>
            <p class="hint">{t(text::DROP_HINT)}</p>
            <ImportProgress job=job/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert" data-testid="import-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
            <Reports/>
        </section>
    }
}

/// One block per loaded source, then the join notes.
#[component]
fn Reports() -> impl IntoView {
    let sources = use_sources();
    let lang = use_lang();
    view! {
        {move || {
            let s = sources.get();
            [s.master.clone(), s.log.clone()]
                .into_iter()
                .flatten()
                .map(|imp| view! { <SourceReport imported=imp/> })
                .collect_view()
        }}
        <JoinNote/>
        {move || {
            let s = sources.get();
            let (read, used, rejected) = [s.master.as_ref(), s.log.as_ref()]
                .into_iter()
                .flatten()
                .fold((0, 0, 0), |(r, u, x), i| {
                    (r + i.report.rows_read, u + i.report.rows_used, x + i.report.rows_rejected())
                });
            let l = lang.get();
            view! {
                <p class="totals">
                    <span data-testid="rows-read">{format::int(read, l)}</span>
                    " " {text::ROWS_READ.get(l)} " = "
                    <span data-testid="rows-used">{format::int(used, l)}</span>
                    " " {text::ROWS_USED.get(l)} " + "
                    <span data-testid="rows-rejected">{format::int(rejected, l)}</span>
                    " " {text::ROWS_REJECTED.get(l)}
                </p>
            }
        }}
    }
}

const SHOWN_REJECTIONS: usize = 20;

#[component]
fn SourceReport(imported: Arc<Imported>) -> impl IntoView {
    let lang = use_lang();
    let r = imported.report.clone();
    let kind = match imported.shape {
        Shape::Customers => text::SOURCE_MASTER,
        Shape::Transactions => text::SOURCE_LOG,
    };
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        js_sys::encode_uri_component(&r.rejected_csv())
    );
    let download = format!("{}-rejected.csv", r.file.trim_end_matches(".csv"));
    let rejected = r.rejected.len();
    let more = rejected.saturating_sub(SHOWN_REJECTIONS);
    let items = r
        .rejected
        .iter()
        .take(SHOWN_REJECTIONS)
        .map(|x| view! { <li>{x.to_string()}</li> })
        .collect_view();
    view! {
        <div class="source" data-testid="source-report">
            <h3>
                {move || kind.get(lang.get())}
                ": "
                <span class="file">{r.file.clone()}</span>
            </h3>
            <p>
                {move || {
                    let l = lang.get();
                    format!(
                        "{} {} = {} {} + {} {}",
                        format::int(r.rows_read, l),
                        text::ROWS_READ.get(l),
                        format::int(r.rows_used, l),
                        text::ROWS_USED.get(l),
                        format::int(rejected, l),
                        text::ROWS_REJECTED.get(l),
                    )
                }}
            </p>
            <Show when=move || { rejected > 0 }>
                <details>
                    <summary>{move || text::REJECTED_ROWS.get(lang.get())}</summary>
                    <ul class="rejections">{items.clone()}</ul>
                    <Show when=move || { more > 0 }>
                        <p>"+" {more} " " {move || text::MORE_REJECTED.get(lang.get())}</p>
                    </Show>
                    <a href=href.clone() download=download.clone() data-testid="download-rejected">
                        {move || text::DOWNLOAD_REJECTED.get(lang.get())}
                    </a>
                </details>
            </Show>
        </div>
    }
}

#[component]
fn JoinNote() -> impl IntoView {
    let dataset = super::state::use_dataset();
    let lang = use_lang();
    move || {
        let joined = dataset.get();
        let n = joined.report.log_only.len();
        (n > 0).then(|| {
            view! { <p class="note">{format::int(n, lang.get())} " " {text::JOIN_LOG_ONLY.get(lang.get())}</p> }
        })
    }
}

/// The progress bar of an import under way, with its cancel button.
#[component]
fn ImportProgress(job: ImportJob) -> impl IntoView {
    let lang = use_lang();
    move || {
        job.progress.get().map(|(name, done, total, rows)| {
            let l = lang.get();
            let fraction = if total > 0.0 { done / total } else { 1.0 };
            view! {
                <div class="progress" role="status">
                    <label>
                        {format!("{} {name}", text::LOADING.get(l))}
                        <progress data-testid="import-progress" max="1" value=fraction></progress>
                    </label>
                    <span class="hint">
                        {format!(
                            "{} / {} MB · {} {}",
                            format::decimal(done / 1e6, 1, l),
                            format::decimal(total / 1e6, 1, l),
                            format::int(rows, l),
                            text::ROWS_READ.get(l),
                        )}
                    </span>
                    <button
                        type="button"
                        class="button subtle"
                        data-testid="import-cancel"
                        on:click=move |_| job.cancel.set(true)
                    >
                        {text::CANCEL.get(l)}
                    </button>
                </div>
            }
        })
    }
}

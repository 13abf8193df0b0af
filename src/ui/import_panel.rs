//! Loading data: the file input, drag and drop, the sample, and per source its import report
//! (rows read = rows used + rows rejected, the rejected rows listed and downloadable), its
//! column mapping with sample values, its sheet, its shape and the questions the data left
//! open. Any change there reads the file again with the new options.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

use tierwise_core::import::{
    import_bytes, DateOrder, DecimalSep, Field, ImportOptions, Imported, Mapping, Question, Shape,
    StreamImporter,
};

use tierwise_core::classify::explain::field_name;

use super::format;
use super::part_worker;
use super::read_worker::ReadWorker;
use super::sample;
use super::state::{
    mark, use_import_error, use_lang, use_sources, use_workbench, Loaded, Slot, Sources,
};
use super::text::{self, Tr};
use crate::storage::prefs;

/// Where a source's bytes come from, kept so that it can be read again.
#[derive(Clone)]
enum Origin {
    File(File),
    Sample(&'static str, &'static str),
}

/// The origins of the loaded sources. `File` is not `Send`, so this lives in local storage.
#[derive(Clone, Copy)]
pub struct Origins(StoredValue<HashMap<Slot, Origin>, LocalStorage>);

/// A file import under way: how far it has got, and whether the user asked to stop.
#[derive(Clone, Copy)]
pub struct ImportJob {
    /// (file name, bytes done, bytes total, rows read); `None` when idle.
    pub progress: RwSignal<Option<(String, f64, f64, usize)>>,
    pub cancel: RwSignal<bool>,
    /// The spare [`ReadWorker`]: an import takes it and gives it back.
    reader: StoredValue<Option<ReadWorker>, LocalStorage>,
}

/// Puts the import machinery in context. Called once by the app root.
pub fn provide_import() {
    provide_context(Origins(StoredValue::new_local(HashMap::new())));
    provide_context(ImportJob {
        progress: RwSignal::new(None),
        cancel: RwSignal::new(false),
        // Started now, so that its thread is up when the first file comes.
        reader: StoredValue::new_local(ReadWorker::spawn().ok()),
    });
}

fn use_origins() -> Origins {
    expect_context::<Origins>()
}

fn use_job() -> ImportJob {
    expect_context::<ImportJob>()
}

/// Replaces the workspace with the built-in sample.
pub fn load_sample() {
    let sources = use_sources();
    let origins = use_origins();
    let error = use_import_error();
    match sample::load() {
        Ok((master, log)) => {
            error.set(None);
            origins.0.update_value(|o| {
                o.clear();
                o.insert(
                    Slot::Master,
                    Origin::Sample("customers.csv", sample::CUSTOMERS_CSV),
                );
                o.insert(Slot::Log, Origin::Sample("orders.csv", sample::ORDERS_CSV));
            });
            let loaded = |imported| Loaded {
                imported,
                options: ImportOptions::default(),
                remembered: false,
            };
            sources.set(Sources {
                master: Some(loaded(master)),
                log: Some(loaded(log)),
                is_sample: true,
            });
        }
        // The sample is generated and committed; failing here is a build defect, but the
        // user still gets a message rather than a blank page.
        Err(e) => error.set(Some(e.to_string())),
    }
}

/// Forgets where the loaded sources came from (another workspace's data replaces them).
pub fn forget_origins() {
    use_origins().0.update_value(HashMap::clear);
}

pub fn clear_data() {
    use_origins().0.update_value(HashMap::clear);
    use_sources().set(Sources::default());
}

/// Bytes read from a file at a time: large enough to parse fast (each chunk costs a few ms of
/// reading and scheduling; 8 MiB measured faster than 4), small enough that the page repaints
/// the progress bar between chunks (about 60 ms of parsing each).
const CHUNK_BYTES: f64 = 8.0 * 1024.0 * 1024.0;
/// The first chunk: read quickly, so that parsing starts while the larger ones are read. Each
/// next one is twice as long, up to [`CHUNK_BYTES`]: a first 8 MiB read takes longer than
/// parsing 1 MiB, and the parser waited for it.
const FIRST_CHUNK_BYTES: f64 = 1024.0 * 1024.0;
/// Chunk reads under way while one is parsed: the browser reads a slice in about the
/// time one is parsed, so two keep the parser fed.
const READ_AHEAD: usize = 2;

/// Files at least this large are split between this page and a worker (see [`split`]).
/// Measured in headless Chromium on a 2-core machine, the page and a worker parsing at once
/// each ran 1.5–2× slower than one alone, so a split gained nothing on a 42 MB log (the
/// worker also starts about 0.1 s late) but about 1.4 s of 5 on a 416 MB one.
const SPLIT_MIN_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// The share of a split file the page reads itself: a little more than half, as the worker
/// starts about 0.25 s late (it loads and compiles its module) and sends its part when done.
/// On the 10M-row log, at 0.55 the page finished about 0.35 s after the worker.
const PAGE_SHARE: f64 = 0.52;
/// Bytes read at the chosen split point to find the line start after it.
const PROBE_BYTES: f64 = 64.0 * 1024.0;

/// The chunks of `file` up to `stop`, read by a [`ReadWorker`] or, when none runs, by this
/// page with [`READ_AHEAD`] `Blob.slice` reads under way.
struct Reads<'a> {
    file: &'a File,
    name: &'a str,
    /// Where the next chunk starts.
    at: f64,
    stop: f64,
    source: Source,
    /// Where the worker goes when done: kept spare for the next import.
    spare: StoredValue<Option<ReadWorker>, LocalStorage>,
    buf: Vec<u8>,
}

enum Source {
    Worker(ReadWorker),
    /// This page's reads: where the last requested one ends, the length of the next, and
    /// the reads under way (the read, where it starts and ends).
    Page {
        requested: f64,
        size: f64,
        ahead: std::collections::VecDeque<(JsFuture, f64, f64)>,
    },
}

impl<'a> Reads<'a> {
    /// Reads `file` from its start; with the spare worker if it is free and running, else
    /// with a new one, else on this page.
    fn new(
        file: &'a File,
        name: &'a str,
        spare: StoredValue<Option<ReadWorker>, LocalStorage>,
    ) -> Result<Reads<'a>, String> {
        let worker = spare
            .try_update_value(Option::take)
            .flatten()
            .filter(|w| !w.failed())
            .or_else(|| ReadWorker::spawn().ok());
        let mut reads = Reads {
            file,
            name,
            at: 0.0,
            stop: file.size(),
            source: Source::page(0.0),
            spare,
            // Grown once, not chunk by chunk.
            buf: Vec::with_capacity(CHUNK_BYTES as usize),
        };
        if let Some(worker) = worker {
            reads.source = Source::Worker(worker);
        }
        reads.restart(0.0, file.size())?;
        Ok(reads)
    }

    /// Reads from `at` to `stop` (again).
    fn restart(&mut self, at: f64, stop: f64) -> Result<(), String> {
        self.at = at;
        self.stop = stop;
        let chunks = (FIRST_CHUNK_BYTES, CHUNK_BYTES);
        if let Source::Worker(w) = &self.source {
            if w.start(self.file, at, stop, chunks, READ_AHEAD).is_ok() {
                return Ok(());
            }
        }
        self.read_on_page()
    }

    /// Reads on from `self.at` with this page's own reads (no worker, or it failed).
    fn read_on_page(&mut self) -> Result<(), String> {
        mark("tierwise:read-by-page");
        self.source = Source::page(self.at);
        self.fill()
    }

    /// For this page's reads: requests reads up to `stop`, keeping [`READ_AHEAD`] under way.
    fn fill(&mut self) -> Result<(), String> {
        let Source::Page {
            requested,
            size,
            ahead,
        } = &mut self.source
        else {
            return Ok(());
        };
        while *requested < self.stop && ahead.len() < READ_AHEAD {
            let at = *requested;
            let end = (at + *size).min(self.stop);
            ahead.push_back((slice(self.file, self.name, at, end)?, at, end));
            *requested = end;
            *size = (*size * 2.0).min(CHUNK_BYTES);
        }
        Ok(())
    }

    /// Reads no further than `stop` (at or after what was read so far).
    fn stop_at(&mut self, stop: f64) {
        self.stop = stop;
        match &mut self.source {
            Source::Worker(w) => {
                let _ = w.stop_at(stop);
            }
            Source::Page {
                requested, ahead, ..
            } => {
                ahead.retain(|&(_, at, _)| at < stop);
                *requested = requested.min(stop);
            }
        }
    }

    /// The next chunk, in `self.buf`, and where it ends; `None` at `stop`.
    async fn next(&mut self) -> Result<Option<f64>, String> {
        while self.at < self.stop {
            let chunk = match &mut self.source {
                Source::Worker(w) => match w.next().await {
                    Ok(s) if s.at == self.at => (s.bytes, s.end),
                    // The worker failed (or its script did not load): this page reads on.
                    _ => {
                        self.read_on_page()?;
                        continue;
                    }
                },
                Source::Page { ahead, .. } => {
                    let Some((pending, _, end)) = ahead.pop_front() else {
                        self.fill()?;
                        continue;
                    };
                    let chunk = pending.await.map_err(|e| {
                        format!("{}: the file could not be read ({e:?})", self.name)
                    })?;
                    self.fill()?;
                    (js_sys::Uint8Array::new(&chunk), end)
                }
            };
            let (bytes, end) = chunk;
            // A read requested before `stop` moved before its end gives only what is before it.
            let end = end.min(self.stop);
            let len = (bytes.length() as f64).min(end - self.at).max(0.0) as u32;
            self.buf.resize(len as usize, 0);
            bytes.subarray(0, len).copy_to(&mut self.buf);
            self.at = end;
            return Ok(Some(end));
        }
        Ok(None)
    }
}

impl Source {
    /// This page's reads, from `at`.
    fn page(at: f64) -> Source {
        Source::Page {
            requested: at,
            size: FIRST_CHUNK_BYTES,
            ahead: Default::default(),
        }
    }
}

impl Reads<'_> {
    /// Gives the worker back as the spare (unless there is one already); this page reads on
    /// by itself.
    fn give_back(&mut self) {
        if let Source::Worker(w) = std::mem::replace(&mut self.source, Source::page(self.at)) {
            w.cancel();
            self.spare.try_update_value(|spare| {
                if spare.is_none() && !w.failed() {
                    *spare = Some(w);
                }
            });
        }
    }
}

impl Drop for Reads<'_> {
    fn drop(&mut self) {
        self.give_back();
    }
}

fn slice(file: &File, name: &str, at: f64, end: f64) -> Result<JsFuture, String> {
    let blob = file
        .slice_with_f64_and_f64(at, end)
        .map_err(|e| format!("{name}: {e:?}"))?;
    Ok(JsFuture::from(blob.array_buffer()))
}

/// A split import: a worker reads the file from `at` on.
struct Split {
    handoff: tierwise_core::import::Handoff,
    at: f64,
    worker: part_worker::PartWorker,
}

/// The bytes at [`PAGE_SHARE`] of a file large enough to split, requested as the import starts:
/// where they start, and their read.
fn probe(file: &File, name: &str) -> Option<(f64, JsFuture)> {
    let size = file.size();
    if size < SPLIT_MIN_BYTES {
        return None;
    }
    let from = (size * PAGE_SHARE).floor();
    Some((
        from,
        slice(file, name, from, (from + PROBE_BYTES).min(size)).ok()?,
    ))
}

/// Splits a large log once the importer has planned it: at the first line start in `probe`,
/// a worker starts reading to the end. `None` (read on alone) for files the importer cannot
/// split (see `StreamImporter::handoff`), past what was read already, or when no worker starts.
async fn split(
    file: &File,
    importer: &StreamImporter,
    reads: &mut Reads<'_>,
    probe: (f64, JsFuture),
    on_progress: impl Fn(f64, usize) + 'static,
) -> Option<Split> {
    let handoff = importer.handoff()?;
    let (from, read) = probe;
    let bytes = js_sys::Uint8Array::new(&read.await.ok()?).to_vec();
    let at = from + tierwise_core::import::stream::part::line_start(&bytes)? as f64;
    // The page has read up to `reads.at`.
    if at <= reads.at || at >= file.size() {
        return None;
    }
    let worker = part_worker::PartWorker::spawn().ok()?;
    worker
        .start(file, at, file.size(), &handoff.to_bytes(), on_progress)
        .ok()?;
    reads.stop_at(at);
    // With the worker parsing, a third busy thread (the reader) slowed it on two cores more
    // than this page gains from it: the page reads its own part, in its idle moments.
    reads.give_back();
    let _ = reads.fill();
    mark("tierwise:split");
    Some(Split {
        handoff,
        at,
        worker,
    })
}

/// Takes in the worker's part, when the page's own reading ended where the worker began
/// (see `StreamImporter::can_absorb`). False when the page must read on from there itself.
async fn take_part(importer: &mut StreamImporter, split: Split) -> bool {
    if !importer.can_absorb(&split.handoff) {
        return false;
    }
    let Ok(part) = split.worker.part().await else {
        return false;
    };
    mark("tierwise:part");
    // For the benchmark: the worker's WASM memory, beside the page's, and its timeline.
    let global = js_sys::global();
    let _ = js_sys::Reflect::set(
        &global,
        &"__tierwise_part_memory".into(),
        &part.memory.into(),
    );
    let _ = js_sys::Reflect::set(&global, &"__tierwise_part_times".into(), &part.times);
    // Read from the worker's buffer piece by piece: never copied whole into this page's memory.
    let bytes = &part.bytes;
    let len = bytes.length() as usize;
    let Some(log) = tierwise_core::import::stream::wire::decode_from(len, |at, out| {
        bytes
            .subarray(at as u32, (at + out.len()) as u32)
            .copy_to(out)
    }) else {
        return false;
    };
    drop(part);
    // Reading the part and taking it in are each a task (on a 10M-row log, 0.1 s or more).
    yield_to_browser().await;
    let taken = importer.absorb(&split.handoff, log);
    yield_to_browser().await;
    taken
}

/// Reads `file` in `Blob.slice` chunks into the streaming importer. The whole text is never
/// held. The next chunk is requested before the current one is parsed, so the browser reads
/// the file while the importer works; between chunks the browser is given a task's turn to
/// repaint and handle input (Cancel). A large log is split: a worker reads the second part
/// while this page reads the first ([`split`]). `Ok(None)` when cancelled.
async fn import_file(
    file: &File,
    options: ImportOptions,
    job: ImportJob,
) -> Result<Option<Imported>, String> {
    let name = file.name();
    let size = file.size();
    let mut importer = StreamImporter::with_size_hint(&name, options, size as u64);
    job.progress.set(Some((name.clone(), 0.0, size, 0)));
    let mut reads = Reads::new(file, &name, job.reader)?;
    // This page's bytes and rows, and the worker's, for the progress bar.
    let page = std::rc::Rc::new(std::cell::Cell::new((0.0, 0usize)));
    let worker = std::rc::Rc::new(std::cell::Cell::new((0.0, 0usize)));
    let show = {
        let (page, worker, name) = (page.clone(), worker.clone(), name.clone());
        move || {
            let ((a, m), (b, n)) = (page.get(), worker.get());
            job.progress.set(Some((name.clone(), a + b, size, m + n)));
        }
    };
    let on_progress = {
        let (worker, show) = (worker.clone(), show.clone());
        move |bytes, rows| {
            worker.set((bytes, rows));
            show();
        }
    };
    let mut probe = probe(file, &name);
    let mut running: Option<Split> = None;
    loop {
        if job.cancel.get_untracked() {
            return Ok(None);
        }
        let Some(at) = reads.next().await? else {
            // At the split point (or the end): take the worker's part in, or read on alone.
            let Some(s) = running.take() else { break };
            mark("tierwise:page-read");
            let at = s.at;
            let taken = take_part(&mut importer, s).await;
            // Cancel pressed while the worker finished its part.
            if job.cancel.get_untracked() {
                return Ok(None);
            }
            if taken {
                break;
            }
            worker.set((0.0, 0));
            reads.restart(at, size)?;
            continue;
        };
        mark("tierwise:push");
        let p = importer.push(&reads.buf);
        mark("tierwise:pushed");
        page.set((at, p.rows));
        show();
        if let Some(p) = probe.take() {
            running = split(file, &importer, &mut reads, p, on_progress.clone()).await;
        }
        // The next read may have finished already; its promise would then resume us at
        // once, without the browser getting a turn. After the last chunk, the roll-up and
        // then the join and classification each get a task of their own.
        yield_to_browser().await;
    }
    mark("tierwise:read");
    // The chunk buffer (8 MiB) is freed before the roll-up, which can then reuse it.
    drop(reads);
    let imported = importer.finish().map(Some).map_err(|e| e.to_string());
    mark("tierwise:parsed");
    yield_to_browser().await;
    imported
}

/// Resolves in a new task, after the browser has had its turn (rendering, input): a message
/// posted to ourselves through a `MessageChannel`, which, unlike `setTimeout(0)`, is not
/// clamped to 4 ms when repeated. Reached through `Reflect`, so no more web-sys features.
async fn yield_to_browser() {
    use wasm_bindgen::{JsCast, JsValue};
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let post = || -> Result<(), JsValue> {
            let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k));
            let ctor: js_sys::Function = get(&js_sys::global(), "MessageChannel")?.dyn_into()?;
            let channel = js_sys::Reflect::construct(&ctor, &js_sys::Array::new())?;
            let (port1, port2) = (get(&channel, "port1")?, get(&channel, "port2")?);
            js_sys::Reflect::set(&port1, &JsValue::from_str("onmessage"), &resolve)?;
            let post: js_sys::Function = get(&port2, "postMessage")?.dyn_into()?;
            post.call1(&port2, &JsValue::NULL)?;
            Ok(())
        };
        if post().is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

async fn read(
    origin: &Origin,
    options: ImportOptions,
    job: ImportJob,
) -> Result<Option<Imported>, String> {
    match origin {
        Origin::File(f) => import_file(f, options, job).await,
        Origin::Sample(name, text) => import_bytes(name, text.as_bytes(), &options)
            .map(Some)
            .map_err(|e| e.to_string()),
    }
}

/// The handles an import needs after its `.await`s, taken from context before it starts
/// (context is not reachable from inside a spawned future).
#[derive(Clone, Copy)]
struct Ctx {
    sources: RwSignal<Sources>,
    origins: Origins,
    job: ImportJob,
    error: RwSignal<Option<String>>,
}

impl Ctx {
    fn get() -> Ctx {
        Ctx {
            sources: use_sources(),
            origins: use_origins(),
            job: use_job(),
            error: use_import_error(),
        }
    }
}

/// Puts an imported file in the slot of its shape; a source of the same shape is replaced.
/// Any file of the user's own replaces the whole sample.
fn place(ctx: Ctx, origin: Origin, loaded: Loaded, from: Option<Slot>) {
    let Ctx {
        sources, origins, ..
    } = ctx;
    let slot = Slot::of(loaded.imported.shape);
    sources.update(|s| {
        if s.is_sample && matches!(origin, Origin::File(_)) {
            *s = Sources::default();
            origins.0.update_value(HashMap::clear);
        }
        if let Some(from) = from.filter(|&f| f != slot) {
            *s.slot_mut(from) = None;
            origins.0.update_value(|o| {
                o.remove(&from);
            });
        }
        *s.slot_mut(slot) = Some(loaded);
    });
    origins.0.update_value(|o| {
        o.insert(slot, origin);
    });
}

/// Reads `origin` with `options`; for a new file, a mapping fixed by hand for the same
/// headers earlier is applied.
async fn load(
    ctx: Ctx,
    origin: Origin,
    options: ImportOptions,
    from: Option<Slot>,
) -> Result<bool, String> {
    let job = ctx.job;
    let Some(mut imported) = read(&origin, options.clone(), job).await? else {
        return Ok(false);
    };
    let mut options = options;
    let mut remembered = false;
    if from.is_none() && options.mapping.is_none() {
        if let Some(saved) = prefs::load_mapping(&imported.header_signature) {
            let mapping = Mapping::carry_over(&saved, imported.mapping.headers.clone());
            if mapping != imported.mapping {
                options.mapping = Some(mapping);
                match read(&origin, options.clone(), job).await? {
                    Some(again) => {
                        imported = again;
                        remembered = true;
                    }
                    None => return Ok(false),
                }
            }
        }
    }
    place(
        ctx,
        origin,
        Loaded {
            imported: Arc::new(imported),
            options,
            remembered,
        },
        from,
    );
    Ok(true)
}

fn import_files(files: Vec<File>) {
    let ctx = Ctx::get();
    let Ctx { job, error, .. } = ctx;
    job.cancel.set(false);
    spawn_local(async move {
        let mut messages = Vec::new();
        for file in files {
            match load(ctx, Origin::File(file), ImportOptions::default(), None).await {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => messages.push(e),
            }
        }
        job.progress.set(None);
        error.set((!messages.is_empty()).then(|| messages.join("\n")));
    });
}

/// Reads the source in `slot` again with options changed by `f`.
fn reimport(slot: Slot, f: impl FnOnce(&mut ImportOptions)) {
    let ctx = Ctx::get();
    let Ctx {
        sources,
        job,
        error,
        ..
    } = ctx;
    let Some(origin) = ctx.origins.0.with_value(|o| o.get(&slot).cloned()) else {
        return;
    };
    let Some(mut options) = sources.with_untracked(|s| s.get(slot).map(|l| l.options.clone()))
    else {
        return;
    };
    f(&mut options);
    job.cancel.set(false);
    spawn_local(async move {
        let result = load(ctx, origin, options, Some(slot)).await;
        job.progress.set(None);
        error.set(result.err());
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|k| list.get(k)).collect()
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let lang = use_lang();
    let error = use_import_error();
    let dragging = RwSignal::new(false);
    let t = move |tr: Tr| move || tr.get(lang.get());

    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = file_list(input.files());
        // Clear the value so that choosing the same file again still fires `change`.
        input.set_value("");
        import_files(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        import_files(file_list(ev.data_transfer().and_then(|d| d.files())));
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
                <button type="button" class="button subtle" data-testid="clear-data" on:click=move |_| clear_data()>
                    {t(text::CLEAR_DATA)}
                </button>
            </div>
            <p class="hint">{t(text::DROP_HINT)}</p>
            <ImportProgress/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert" data-testid="import-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
            <Reports/>
        </section>
    }
}

/// The progress bar of an import under way, with its cancel button. Built once per import;
/// each chunk then changes only the bar's value and the figures' text, so the browser's
/// turn between chunks restyles and lays out next to nothing.
#[component]
fn ImportProgress() -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let progress = job.progress;
    let fraction = move || {
        progress.with(|p| match p {
            Some((_, done, total, _)) if *total > 0.0 => done / total,
            _ => 1.0,
        })
    };
    let label = move || {
        progress.with(|p| {
            let name = p.as_ref().map_or("", |(name, ..)| name.as_str());
            format!("{} {name}", text::LOADING.get(lang.get()))
        })
    };
    let figures = move || {
        progress.with(|p| {
            let (done, total, rows) = p.as_ref().map_or((0.0, 0.0, 0), |p| (p.1, p.2, p.3));
            let l = lang.get();
            format!(
                "{} / {} MB · {} {}",
                format::decimal(done / 1e6, 1, l),
                format::decimal(total / 1e6, 1, l),
                format::int(rows, l),
                text::ROWS_READ.get(l),
            )
        })
    };
    view! {
        <Show when=move || progress.with(Option::is_some)>
            <div class="progress" role="status">
                <label>
                    {label}
                    <progress data-testid="import-progress" max="1" value=fraction></progress>
                </label>
                <span class="hint">{figures}</span>
                <button
                    type="button"
                    class="button subtle"
                    data-testid="import-cancel"
                    on:click=move |_| job.cancel.set(true)
                >
                    {move || text::CANCEL.get(lang.get())}
                </button>
            </div>
        </Show>
    }
}

/// One block per loaded source, the join notes, then the totals.
#[component]
fn Reports() -> impl IntoView {
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
        {move || {
            let s = sources.get();
            let (read, used, rejected) = s.loaded().fold((0, 0, 0), |(r, u, x), (_, l)| {
                let rep = &l.imported.report;
                (r + rep.rows_read, u + rep.rows_used, x + rep.rows_rejected())
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
    let items = r
        .rejected
        .iter()
        .take(SHOWN_REJECTIONS)
        .map(|x| view! { <li>{x.to_string()}</li> })
        .collect_view();
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
            <Show when=move || { cancelled > 0 }>
                <p class="hint">{move || format!("{} {}", format::int(cancelled, lang.get()), text::CANCELLED_ORDERS.get(lang.get()))}</p>
            </Show>
            <Show when=move || { duplicates > 0 }>
                <p class="hint">{move || format!("{} {}", format::int(duplicates, lang.get()), text::DUPLICATE_IDS.get(lang.get()))}</p>
            </Show>
            <Show when=move || remembered>
                <p class="note" data-testid="mapping-remembered">{move || text::MAPPING_REMEMBERED.get(lang.get())}</p>
            </Show>
            <Questions which=which imported=imported.clone()/>
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
            <MappingEditor which=which imported=imported.clone()/>
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

/// Each column with its sample values and the field it maps to; a change is remembered for
/// files with the same headers and the file is read again.
#[component]
fn MappingEditor(which: Slot, imported: Arc<Imported>) -> impl IntoView {
    let lang = use_lang();
    let mapping = imported.mapping.clone();
    let signature = imported.header_signature.clone();
    let rows = mapping
        .headers
        .iter()
        .enumerate()
        .map(|(col, header)| {
            let current = mapping.fields.get(col).copied().flatten();
            let samples = imported.samples.get(col).map(|s| s.join(" · ")).unwrap_or_default();
            let mapping = mapping.clone();
            let signature = signature.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let key = event_target_value(&ev);
                let field = Field::ALL.iter().copied().find(|f| f.key() == key);
                let mut next = mapping.clone();
                if let Some(f) = field {
                    // A field belongs to one column: the column that had it gives it up.
                    for slot_field in next.fields.iter_mut() {
                        if *slot_field == Some(f) {
                            *slot_field = None;
                        }
                    }
                }
                if let Some(x) = next.fields.get_mut(col) {
                    *x = field;
                }
                if let Err(e) = prefs::save_mapping(&signature, &next) {
                    leptos::logging::warn!("{e}");
                }
                reimport(which, |o| o.mapping = Some(next));
            };
            view! {
                <tr>
                    <th scope="row">{header.clone()}</th>
                    <td>
                        <select data-testid=format!("map-{col}") aria-label=header.clone() on:change=on_change>
                            <option value="" selected=current.is_none()>{move || text::IGNORED.get(lang.get())}</option>
                            {Field::ALL.iter().map(|&f| view! {
                                <option value=f.key() selected=current == Some(f)>
                                    {move || field_name(f).get(lang.get())}
                                </option>
                            }).collect_view()}
                        </select>
                    </td>
                    <td class="samples">{samples}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="mapping" data-testid="mapping">
            <summary>{move || text::COLUMNS.get(lang.get())}</summary>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || text::COLUMN.get(lang.get())}</th>
                        <th scope="col">{move || text::MEANS.get(lang.get())}</th>
                        <th scope="col">{move || text::SAMPLES.get(lang.get())}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
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

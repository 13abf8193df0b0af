//! The import pipeline of one file, with no view: reads the file in chunks (from a
//! [`ReadWorker`], or on this page when none runs) into the streaming importer, and splits a
//! large log with a worker that parses its second part. [`ImportJob`] is what the page sees of
//! it: the progress, and the cancel asked for.

use super::problem::Problem;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use tierwise_core::import::{ImportOptions, Imported, StreamImporter};

use crate::ui::part_worker;
use crate::ui::read_worker::ReadWorker;
use crate::ui::state::mark;

/// A file import under way: how far it has got, and whether the user asked to stop.
#[derive(Clone, Copy)]
pub struct ImportJob {
    /// (file name, bytes done, bytes total, rows read); `None` when idle.
    pub progress: RwSignal<Option<(String, f64, f64, usize)>>,
    pub cancel: RwSignal<bool>,
    /// The spare [`ReadWorker`]: an import takes it and gives it back.
    pub(super) reader: StoredValue<Option<ReadWorker>, LocalStorage>,
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
pub(super) async fn import_file(
    file: &File,
    options: ImportOptions,
    job: ImportJob,
) -> Result<Option<Imported>, Problem> {
    let name = file.name();
    let unreadable = |detail: String| Problem::Unreadable {
        file: file.name(),
        detail,
    };
    let size = file.size();
    // Text in UTF-8 or UTF-16 only: a workbook, or text in a legacy encoding (GB18030,
    // windows-1252, …), goes to the workbook reader's worker (see `read_workbook`).
    let mut importer = StreamImporter::text_only(&name, options.clone(), size as u64);
    job.progress.set(Some((name.clone(), 0.0, size, 0)));
    let mut reads = Reads::new(file, &name, job.reader).map_err(unreadable)?;
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
        let Some(at) = reads.next().await.map_err(unreadable)? else {
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
            reads.restart(at, size).map_err(unreadable)?;
            continue;
        };
        mark("tierwise:push");
        let p = importer.push(&reads.buf);
        mark("tierwise:pushed");
        if importer.read_elsewhere() {
            drop((reads, importer, probe));
            return read_workbook(file, &options, job).await;
        }
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
    // A file under 64 KiB is only now known to be text in a legacy encoding.
    importer.decide();
    if importer.read_elsewhere() {
        drop(importer);
        return read_workbook(file, &options, job).await;
    }
    let imported = importer.finish().map(Some).map_err(Problem::refused);
    mark("tierwise:parsed");
    yield_to_browser().await;
    imported
}

/// A workbook, or text in a legacy encoding, read whole by the workbook reader's worker
/// (`ui::book_worker`, with the full importer), which this page loads only now. The page stays responsive meanwhile, and Cancel stops the worker.
async fn read_workbook(
    file: &File,
    options: &ImportOptions,
    job: ImportJob,
) -> Result<Option<Imported>, Problem> {
    let cancel = job.cancel;
    mark("tierwise:book");
    let outcome =
        crate::ui::book_worker::import(file, options, move || cancel.get_untracked()).await;
    mark("tierwise:parsed");
    match outcome {
        Ok(imported) => imported.map(Some).map_err(Problem::refused),
        Err(crate::ui::book_worker::Failed::Stopped) => Ok(None),
        Err(crate::ui::book_worker::Failed::Broken(detail)) => Err(Problem::Unreadable {
            file: file.name(),
            detail,
        }),
    }
}

/// Resolves in a new task, after the browser has had its turn (rendering, input): a message
/// posted to ourselves through a `MessageChannel`, which, unlike `setTimeout(0)`, is not
/// clamped to 4 ms when repeated. Reached through `Reflect`, so no more web-sys features.
pub async fn yield_to_browser() {
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

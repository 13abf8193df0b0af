//! The import controller, with no view: the import state in context, where each source came
//! from (so it can be read again), the sample, and the loading of files and re-reading of a
//! source with changed options. Reading one file is [`super::pipeline`]'s work.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use tierwise_core::import::{import_text, ImportOptions, Imported, Mapping};

use super::pipeline::{import_file, ImportJob};
use super::problem::Problem;
use crate::storage::prefs;
use crate::ui::read_worker::ReadWorker;
use crate::ui::sample;
use crate::ui::state::{use_import_error, use_sources, Loaded, Slot, Sources};

/// Where a source's bytes come from, kept so that it can be read again.
#[derive(Clone)]
enum Origin {
    File(File),
    Sample(&'static str, &'static str),
}

/// The origins of the loaded sources. `File` is not `Send`, so this lives in local storage.
#[derive(Clone, Copy)]
pub struct Origins(StoredValue<HashMap<Slot, Origin>, LocalStorage>);

/// Puts the import machinery in context. Called once by the app root.
pub fn provide_import() {
    super::mapping::provide_mapping();
    provide_context(Origins(StoredValue::new_local(HashMap::new())));
    provide_context(Cleared(StoredValue::new_local(None)));
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

pub(super) fn use_job() -> ImportJob {
    expect_context::<ImportJob>()
}

/// Replaces the workspace with the built-in sample.
pub fn load_sample() {
    let sources = use_sources();
    let origins = use_origins();
    let error = use_import_error();
    match sample::load() {
        Ok((master, log)) => {
            error.set(Vec::new());
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
        Err(e) => error.set(vec![Problem::refused(e)]),
    }
}

/// Forgets where the loaded sources came from (another workspace's data replaces them).
pub fn forget_origins() {
    use_origins().0.update_value(HashMap::clear);
}

/// What *Clear data* removed, for its undo: the sources and where they came from.
#[derive(Clone, Copy)]
pub struct Cleared(StoredValue<Option<Kept>, LocalStorage>);

/// Sources and their origins, as *Clear data* found them.
type Kept = (Sources, HashMap<Slot, Origin>);

pub fn use_cleared() -> Cleared {
    expect_context::<Cleared>()
}

impl Cleared {
    pub fn any(self) -> bool {
        self.0.with_value(Option::is_some)
    }
}

/// Empties the workspace's data; [`undo_clear`] brings it back.
pub fn clear_data() {
    let origins = use_origins();
    let sources = use_sources();
    let kept = (sources.get_untracked(), origins.0.with_value(|o| o.clone()));
    use_cleared().0.set_value(Some(kept));
    origins.0.update_value(HashMap::clear);
    sources.set(Sources::default());
}

/// Puts back what the last *Clear data* removed.
pub fn undo_clear() {
    let Some((data, from)) = use_cleared().0.try_update_value(Option::take).flatten() else {
        return;
    };
    use_origins().0.set_value(from);
    use_sources().set(data);
}

async fn read(
    origin: &Origin,
    options: ImportOptions,
    job: ImportJob,
) -> Result<Option<Imported>, Problem> {
    match origin {
        Origin::File(f) => import_file(f, options, job).await,
        Origin::Sample(name, text) => import_text(name, text.as_bytes(), &options)
            .map(Some)
            .map_err(Problem::refused),
    }
}

/// The handles an import needs after its `.await`s, taken from context before it starts
/// (context is not reachable from inside a spawned future).
#[derive(Clone, Copy)]
struct Ctx {
    sources: RwSignal<Sources>,
    origins: Origins,
    job: ImportJob,
    error: RwSignal<Vec<Problem>>,
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
) -> Result<bool, Problem> {
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
    // A new file that gave no usable row never replaces the data: it is refused with its
    // reason and its first rejected rows (a re-read with another mapping still lands, so the
    // mapping can be fixed from its report).
    crate::ui::crash::panic_if_asked();
    if from.is_none() {
        if let Err(e) = imported.check_usable() {
            return Err(Problem::refused(e));
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

pub(super) fn import_files(files: Vec<File>) {
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
        error.set(messages);
    });
}

/// Reads the source in `slot` again with options changed by `f`.
pub(super) fn reimport(slot: Slot, f: impl FnOnce(&mut ImportOptions)) {
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
        error.set(result.err().into_iter().collect());
    });
}

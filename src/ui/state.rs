//! Application state, provided through context behind newtypes. Components read what they
//! need with the `use_*` functions and stay thin.

use std::sync::Arc;

use leptos::prelude::*;
use tierwise_core::classify::{abc, run_all, tiers, AllResults, Engine, Method, Prepared};
use tierwise_core::clv::job::{Done, FittedModels};
use tierwise_core::i18n::Lang;
use tierwise_core::import::{join, ImportOptions, Imported, Shape};
use tierwise_core::{Dataset, Settings};

/// Where a source lives: the customer table or the transaction log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    Master,
    Log,
}

impl Slot {
    pub fn of(shape: Shape) -> Slot {
        match shape {
            Shape::Customers => Slot::Master,
            Shape::Transactions => Slot::Log,
        }
    }
}

/// One imported file and the options it was read with (to read it again differently).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub imported: Arc<Imported>,
    pub options: ImportOptions,
    /// The mapping came from an earlier file with the same headers.
    pub remembered: bool,
}

/// The imported files: a customer table and a transaction log, either may be absent.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub master: Option<Loaded>,
    pub log: Option<Loaded>,
    /// True while the built-in sample is shown.
    pub is_sample: bool,
}

impl Sources {
    pub fn get(&self, slot: Slot) -> Option<&Loaded> {
        match slot {
            Slot::Master => self.master.as_ref(),
            Slot::Log => self.log.as_ref(),
        }
    }

    pub fn slot_mut(&mut self, slot: Slot) -> &mut Option<Loaded> {
        match slot {
            Slot::Master => &mut self.master,
            Slot::Log => &mut self.log,
        }
    }

    /// The loaded sources, customer table first.
    pub fn loaded(&self) -> impl Iterator<Item = (Slot, &Loaded)> {
        [
            (Slot::Master, self.master.as_ref()),
            (Slot::Log, self.log.as_ref()),
        ]
        .into_iter()
        .filter_map(|(slot, l)| l.map(|l| (slot, l)))
    }
}

/// The engine over the joined customer table, and what the join and the last recompute did.
pub struct Workbench {
    /// The prepared dataset and every method's current results.
    pub engine: Engine,
    pub report: join::JoinReport,
    /// Milliseconds the last recompute took: `run_all` for new data, `Engine::update` (only
    /// the methods a settings change touches) for a settings change.
    pub elapsed_ms: f64,
    /// The results before the last undoable step (what Undo would bring back), for the
    /// "what changed" summary; `None` before any change to the current data.
    pub baseline: Option<(Settings, Arc<AllResults>)>,
    /// The analysis date the data was rolled up at (`Settings::as_of`); another date means
    /// another dataset.
    pub as_of: Option<chrono::NaiveDate>,
    /// Which data this is (each `Workbench::new` takes the next): a fit that comes back from
    /// the worker for older data is dropped.
    pub generation: u64,
}

thread_local! {
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl Workbench {
    /// The engine over `sources`; `earlier` is the workbench it replaces for another analysis
    /// date of the same sources (its lifetime-value models are kept if the new fit does not
    /// converge).
    fn new(sources: &Sources, settings: &Settings, earlier: Option<&Workbench>) -> Workbench {
        let master = sources.master.as_ref().map(|l| &*l.imported);
        let log = sources.log.as_ref().map(|l| &*l.imported);
        let (dataset, report) = join::join_as_of(master, log, settings.as_of);
        mark("tierwise:joined");
        // The lifetime-value fit is left out: a large log's is made in the fit worker
        // (`start_fit`); a small one's costs less than the trip and is made here.
        let mut prepared = Prepared::new_quick(dataset);
        if let Some(w) = earlier {
            prepared.keep_clv_models_of(w.engine.prepared());
        }
        if let Some(job) = prepared.clv_fit_job() {
            if job.rows() <= crate::ui::fit_worker::IN_PAGE_ROWS {
                if let Done::Models(done) = job.run() {
                    prepared.install_clv_fit(done);
                }
            }
        }
        mark("tierwise:prepared");
        let t0 = now_ms();
        let engine = Engine::new(prepared, settings);
        mark("tierwise:engine");
        Workbench {
            engine,
            report,
            elapsed_ms: now_ms() - t0,
            baseline: None,
            as_of: settings.as_of,
            generation: GENERATION.with(|g| {
                g.set(g.get() + 1);
                g.get()
            }),
        }
    }

    /// Takes the lifetime-value fit made for this data in the worker: the lifetime value and
    /// the methods that read it are classed again, and so is the "what changed" baseline.
    pub fn install_fit(&mut self, done: FittedModels) {
        let t0 = now_ms();
        self.engine
            .refresh(Method::Clv, |p| p.install_clv_fit(done));
        if let Some((b, _)) = self.baseline.take() {
            let r = Arc::new(run_all(self.engine.prepared(), &b));
            self.baseline = Some((b, r));
        }
        self.elapsed_ms = now_ms() - t0;
        mark("tierwise:fit-installed");
    }

    pub fn dataset(&self) -> &Dataset {
        &self.engine.prepared().ds
    }

    pub fn results(&self) -> &AllResults {
        self.engine.results()
    }

    pub fn abc(&self) -> &abc::AbcResult {
        &self.results().abc
    }

    /// The value tiers, or `None` when the chosen measure's column is missing.
    pub fn tiers(&self) -> Option<&tiers::TierResult> {
        self.results().tiers.as_ref().ok()
    }
}

/// A `performance.mark`, for the browser benchmark to time the stages of an import.
/// With the `heap-stats` feature it also records the heap (see `crate::heap_stats`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    #[cfg(feature = "heap-stats")]
    crate::heap_stats::record(name);
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Sends the lifetime-value fit the workbench still lacks to the fit worker; its answer is
/// installed if the data is still the same by then. After the next paint: making the job
/// and handing it over took about 50 ms for 100k customers, and ran before the new figures
/// were drawn (a timeout set in an animation frame runs after it paints).
fn start_fit(workbench: RwSignal<Workbench>) {
    let Some(generation) = workbench.try_with_untracked(|w| w.generation) else {
        return;
    };
    request_animation_frame(move || {
        set_timeout(
            move || {
                let job = workbench.try_with_untracked(|w| {
                    // Newer data is in: its own fit is on its way.
                    (w.generation == generation)
                        .then(|| w.engine.prepared().clv_fit_job())
                        .flatten()
                });
                let Some(Some(job)) = job else {
                    return;
                };
                wasm_bindgen_futures::spawn_local(async move {
                    if let Done::Models(done) = crate::ui::fit_worker::run(job).await {
                        workbench.try_update(|w| {
                            if w.generation == generation {
                                w.install_fit(done);
                            }
                        });
                    }
                });
            },
            std::time::Duration::ZERO,
        )
    });
}

#[derive(Clone, Copy)]
pub struct SourcesState(pub RwSignal<Sources>);
#[derive(Clone, Copy)]
pub struct WorkbenchState(pub RwSignal<Workbench>);
#[derive(Clone, Copy)]
pub struct SettingsState(pub RwSignal<Settings>);
#[derive(Clone, Copy)]
pub struct LangState(pub RwSignal<Lang>);
/// Counts the backtests fitted in the worker (`ui::methods::clv`): what shows one reads it.
#[derive(Clone, Copy)]
pub struct BacktestsState(pub RwSignal<u64>);
/// The last import failure, shown until the next import.
#[derive(Clone, Copy)]
pub struct ImportErrorState(pub RwSignal<Vec<crate::ui::import::Problem>>);
/// Settings before the last changes, for undo.
#[derive(Clone, Copy)]
pub struct HistoryState(pub RwSignal<History>);

/// Creates every signal and memo and puts them in context. Called once by the app root.
pub fn provide_state(settings: Settings, lang: Lang) {
    let sources = RwSignal::new(Sources::default());
    let settings = RwSignal::new(settings);
    let workbench = RwSignal::new(Workbench::new(
        &Sources::default(),
        &settings.get_untracked(),
        None,
    ));
    // New data: join, sort and normalise once, and run every method.
    Effect::new(move |_| {
        let s = sources.get();
        workbench.set(Workbench::new(&s, &settings.get_untracked(), None));
        start_fit(workbench);
    });
    // A settings change recomputes only the methods it touches, over the prepared orderings.
    let history = RwSignal::new(History::default());
    Effect::new(move |_| {
        let s = settings.get();
        let before = history.with_untracked(|h| h.step_base().cloned());
        // Another analysis date: the log is rolled up again as of it (a new dataset).
        if workbench.with_untracked(|w| w.as_of != s.as_of) {
            let data = sources.get_untracked();
            let next = workbench.with_untracked(|w| Workbench::new(&data, &s, Some(w)));
            workbench.set(next);
            start_fit(workbench);
        }
        workbench.update(|w| {
            mark("tierwise:settings");
            // The baseline is taken once per step (a drag is one step), not per move. At the
            // first move of a step the engine usually still holds the results of the step's
            // base: they are kept rather than computed again (`update` equals `run_all`).
            let new_step = before
                .as_ref()
                .is_some_and(|b| w.baseline.as_ref().is_none_or(|(bs, _)| bs != b));
            let kept = match &before {
                Some(b) if new_step && w.engine.settings() == b => {
                    Some(Arc::new(w.engine.results().clone()))
                }
                _ => None,
            };
            mark("tierwise:update");
            let t0 = now_ms();
            w.engine.update(&s);
            w.elapsed_ms = now_ms() - t0;
            mark("tierwise:updated");
            match before {
                Some(b) if new_step => {
                    let r = kept.unwrap_or_else(|| Arc::new(run_all(w.engine.prepared(), &b)));
                    w.baseline = Some((b, r));
                }
                Some(_) => {}
                None => w.baseline = None,
            }
            mark("tierwise:baseline");
        });
    });
    provide_context(SourcesState(sources));
    provide_context(WorkbenchState(workbench));
    provide_context(SettingsState(settings));
    provide_context(LangState(RwSignal::new(lang)));
    provide_context(ImportErrorState(RwSignal::new(Vec::new())));
    provide_context(HistoryState(history));
    provide_context(BacktestsState(RwSignal::new(0)));
}

pub fn use_sources() -> RwSignal<Sources> {
    expect_context::<SourcesState>().0
}

pub fn use_workbench() -> RwSignal<Workbench> {
    expect_context::<WorkbenchState>().0
}

pub fn use_settings() -> RwSignal<Settings> {
    expect_context::<SettingsState>().0
}

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<LangState>().0
}

pub fn use_backtests() -> RwSignal<u64> {
    expect_context::<BacktestsState>().0
}

pub fn use_import_error() -> RwSignal<Vec<crate::ui::import::Problem>> {
    expect_context::<ImportErrorState>().0
}

/// Settings history for undo and redo. Consecutive moves of one control (a drag, or several
/// arrow key presses on one slider) make a single step.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Settings before each step, with the control that made it (`None`: a button).
    pub undo: Vec<(Option<&'static str>, Settings)>,
    /// Settings an undo left, newest last, for redo; any new change clears them.
    pub redo: Vec<Settings>,
    /// The value before the change in progress, while a control is being moved, and the
    /// control.
    pub drag_base: Option<(&'static str, Settings)>,
}

const UNDO_DEPTH: usize = 50;

impl History {
    fn push(&mut self, control: Option<&'static str>, before: Settings) {
        self.redo.clear();
        if control.is_some() && self.undo.last().is_some_and(|(c, _)| *c == control) {
            return; // the same control again: the step already holds the earlier value
        }
        if self.undo.len() >= UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push((control, before));
    }

    /// The settings before the current step: what Undo would bring back. A move in progress
    /// on the control of the last step continues that step (three arrow presses on a slider
    /// are one step, and "what changed" sums them up).
    pub fn step_base(&self) -> Option<&Settings> {
        match (&self.drag_base, self.undo.last()) {
            (Some((c, _)), Some((Some(last), base))) if c == last => Some(base),
            (Some((_, base)), _) => Some(base),
            (None, last) => last.map(|(_, b)| b),
        }
    }
}

fn apply(f: impl FnOnce(&mut Settings)) -> Option<Settings> {
    let settings = use_settings();
    let before = settings.get_untracked();
    let mut next = before.clone();
    f(&mut next);
    let next = next.normalized();
    (next != before).then(|| {
        settings.set(next);
        before
    })
}

/// A finished change from a button: applied, clamped, and one undo step.
pub fn update_settings(f: impl FnOnce(&mut Settings)) {
    let history = use_history();
    if let Some(before) = apply(f) {
        history.update(|h| {
            h.drag_base = None;
            h.push(None, before);
        });
    }
}

/// A change in progress on `control` (a slider being moved): applied live.
pub fn preview_settings(control: &'static str, f: impl FnOnce(&mut Settings)) {
    let history = use_history();
    if let Some(before) = apply(f) {
        history.update(|h| {
            h.redo.clear();
            if h.drag_base.as_ref().is_none_or(|(c, _)| *c != control) {
                h.drag_base = Some((control, before));
            }
        });
    }
}

/// The control was released: its move becomes an undo step, merged with the previous step
/// if that was the same control.
pub fn commit_settings(control: &'static str) {
    use_history().update(|h| {
        if let Some((_, base)) = h.drag_base.take() {
            h.push(Some(control), base);
        }
    });
}

pub fn undo_settings() {
    undo_in(use_history(), use_settings());
}

/// [`undo_settings`] on given signals, for a caller outside the component tree (a window
/// event listener has no reactive owner to find the context in).
pub fn undo_in(history: RwSignal<History>, settings: RwSignal<Settings>) {
    let prev = history
        .try_update(|h| {
            // A move not yet committed is a step of its own.
            if let Some((c, base)) = h.drag_base.take() {
                h.push(Some(c), base);
            }
            let prev = h.undo.pop().map(|(_, b)| b);
            if prev.is_some() {
                h.redo.push(settings.get_untracked());
            }
            prev
        })
        .flatten();
    if let Some(prev) = prev {
        settings.set(prev);
    }
}

pub fn redo_settings() {
    redo_in(use_history(), use_settings());
}

/// [`redo_settings`] on given signals (see [`undo_in`]).
pub fn redo_in(history: RwSignal<History>, settings: RwSignal<Settings>) {
    let next = history
        .try_update(|h| {
            let next = h.redo.pop()?;
            if h.undo.len() >= UNDO_DEPTH {
                h.undo.remove(0);
            }
            h.undo.push((None, settings.get_untracked()));
            Some(next)
        })
        .flatten();
    if let Some(next) = next {
        settings.set(next);
    }
}

pub fn use_history() -> RwSignal<History> {
    expect_context::<HistoryState>().0
}

pub fn can_undo() -> Signal<bool> {
    let history = use_history();
    Signal::derive(move || history.with(|h| !h.undo.is_empty() || h.drag_base.is_some()))
}

pub fn can_redo() -> Signal<bool> {
    let history = use_history();
    Signal::derive(move || history.with(|h| !h.redo.is_empty()))
}

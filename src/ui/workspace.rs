//! The workspace controller: restores the last workspace on start, saves every change to
//! IndexedDB (data when the sources change, state when settings or notes change, reviews
//! when one is saved), keeps tabs in step, and runs the workspace actions (create, rename,
//! switch, delete, save review, export, import, clear all). Components use [`use_workspace`]
//! and the functions here; the storage itself is in `crate::storage`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tierwise_core::classify::five_s::CoordinationNote;
use tierwise_core::i18n::Lang;
use tierwise_core::workspace::{self as core_ws, Data, FormatError, Review, SourceRef, State};
use tierwise_core::Settings;
use wasm_bindgen::JsCast;

use super::import::{forget_origins, load_sample};
use super::state::{
    use_history, use_lang, use_settings, use_sources, use_workbench, Loaded, Sources,
};
use super::text::{self, Tr};
use crate::storage::db::JsBytes;
use crate::storage::db::StoreError;
use crate::storage::quota::{self, Usage};
use crate::storage::sync::{Channel, Message};
use crate::storage::workspaces::{self, Meta, Parts, Stored, Which};
use crate::storage::{db, prefs};

/// What went wrong last, shown until the next success.
#[derive(Clone, Debug, PartialEq)]
pub enum WsError {
    Store(StoreError),
    /// A workspace file (its name) that does not decode.
    File(String, FormatError),
    /// No BroadcastChannel: tabs are not kept in step.
    Sync(String),
}

impl WsError {
    /// The message in one language: what it means for the user. The technical words are
    /// [`WsError::detail`], behind a toggle.
    pub fn message(&self, lang: tierwise_core::i18n::Lang) -> String {
        let lead = self.parts().0.get(lang);
        match self {
            WsError::File(name, _) => lead.replace("{file}", name),
            _ => lead.to_string(),
        }
    }

    /// What the storage or the workspace decoder said.
    pub fn detail(&self) -> String {
        self.parts().1
    }

    fn parts(&self) -> (Tr, String) {
        match self {
            WsError::Store(e @ StoreError::Unavailable(_)) => {
                (text::ERR_UNAVAILABLE, e.to_string())
            }
            WsError::Store(e @ StoreError::Quota(_)) => (text::ERR_FULL, e.to_string()),
            WsError::Store(e @ StoreError::Aborted(_)) => (text::ERR_SAVE, e.to_string()),
            WsError::Store(e @ StoreError::Damaged(_)) => (text::ERR_DAMAGED, e.to_string()),
            WsError::File(_, e) => (text::ERR_FILE, e.to_string()),
            WsError::Sync(e) => (text::ERR_SYNC, e.clone()),
        }
    }
}

/// The open workspace and the storage status.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub id: String,
    pub name: String,
    /// Every stored workspace.
    pub list: Vec<Meta>,
    pub rev: u64,
    /// Saved at least once (the sample alone is not saved until the user changes something).
    pub persisted: bool,
    pub reviews: Vec<Arc<Review>>,
    pub notes: Vec<CoordinationNote>,
    pub strategic: Vec<core_ws::StrategicException>,
    /// The sections the printable report leaves out.
    pub report: core_ws::ReportChoice,
    /// Restore finished (or there was nothing to restore).
    pub ready: bool,
    /// IndexedDB works; when false the app runs in memory.
    pub available: bool,
    pub error: Option<WsError>,
    pub usage: Option<Usage>,
    pub persistent: Option<bool>,
    /// Saves under way.
    pub saving: u32,
    /// A settings change waits for its control to rest before it is saved.
    pub pending: bool,
    /// The storage refused the data's last save (full, or aborted): until new data comes or
    /// the user asks ([`retry_save`]), no save offers it again, so that a workspace never
    /// saved does not encode all its data anew at every settings change.
    pub refused: bool,
    /// Milliseconds the last restore took (read, decode, apply).
    pub restore_ms: Option<f64>,
    /// The last review replaced or deleted, until it is put back or the workspace changes.
    pub review_undo: Option<ReviewUndo>,
}

/// A review that a save replaced or the user deleted, kept so that it can be put back.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewUndo {
    Replaced(Arc<Review>),
    Deleted(Arc<Review>),
}

impl ReviewUndo {
    pub fn review(&self) -> &Review {
        match self {
            ReviewUndo::Replaced(r) | ReviewUndo::Deleted(r) => r,
        }
    }
}

/// Puts `review` in its place by date: over the review of the same date (returned), or
/// inserted after the earlier ones.
fn put_review(reviews: &mut Vec<Arc<Review>>, review: Arc<Review>) -> Option<Arc<Review>> {
    match core_ws::place(reviews.iter().map(|r| r.date.as_str()), &review.date) {
        core_ws::Place::Replace(i) => Some(std::mem::replace(&mut reviews[i], review)),
        core_ws::Place::Insert(i) => {
            reviews.insert(i, review);
            None
        }
    }
}

impl Workspace {
    fn state(&self, settings: Settings) -> State {
        State {
            name: self.name.clone(),
            settings,
            notes: self.notes.clone(),
            strategic: self.strategic.clone(),
            report: self.report.clone(),
        }
    }
}

/// What was last saved or applied, to tell a user change from a restore.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Mark {
    master: usize,
    log: usize,
    sample: bool,
}

fn mark(s: &Sources) -> Mark {
    let ptr = |l: &Option<Loaded>| l.as_ref().map_or(0, |l| Arc::as_ptr(&l.imported) as usize);
    Mark {
        master: ptr(&s.master),
        log: ptr(&s.log),
        sample: s.is_sample,
    }
}

#[derive(Clone, Copy)]
pub struct WorkspaceCtx {
    pub ws: RwSignal<Workspace>,
    sources: RwSignal<Sources>,
    settings: RwSignal<Settings>,
    saved_data: StoredValue<Option<Mark>>,
    saved_settings: StoredValue<Option<Settings>>,
    settings_gen: StoredValue<u64>,
    channel: StoredValue<Option<Channel>, LocalStorage>,
    tab: StoredValue<String>,
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

pub fn use_workspace() -> RwSignal<Workspace> {
    expect_context::<WorkspaceCtx>().ws
}

fn ctx() -> WorkspaceCtx {
    expect_context::<WorkspaceCtx>()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Today as `YYYY-MM-DD` (local time).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Creates the workspace state and the save effects. Called once by the app root, after
/// `provide_state` and `provide_import`.
pub fn provide_workspace() {
    let c = WorkspaceCtx {
        ws: RwSignal::new(Workspace {
            available: true,
            ..Default::default()
        }),
        sources: use_sources(),
        settings: use_settings(),
        saved_data: StoredValue::new(None),
        saved_settings: StoredValue::new(None),
        settings_gen: StoredValue::new(0),
        channel: StoredValue::new_local(None),
        tab: StoredValue::new(workspaces::new_id()),
        owner: StoredValue::new_local(Owner::current()),
    };
    provide_context(c);
    // New data (an import, "load sample", "clear data"): save the data part.
    Effect::new(move |_| {
        let (m, sample) = c.sources.with(|s| (mark(s), s.is_sample));
        let (ready, persisted) = c.ws.with_untracked(|w| (w.ready, w.persisted));
        if !ready || c.saved_data.get_value() == Some(m) {
            return;
        }
        if sample && !persisted {
            // The sample alone is not worth storing; it is saved with the first change.
            c.saved_data.set_value(Some(m));
            return;
        }
        // New data: worth another try, whatever the last one met.
        if c.ws.with_untracked(|w| w.refused) {
            c.ws.update(|w| w.refused = false);
        }
        // After the next paint: encoding 100k customers takes about 100 ms, and the new
        // figures should show first (a timeout set in an animation frame runs after it paints).
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if c.saved_data.get_value() != Some(c.sources.with_untracked(mark)) {
                        save(c, Which::DATA);
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    });
    // A settings change: save the state part, once the control rests.
    Effect::new(move |_| {
        let s = c.settings.get();
        if !c.ws.with_untracked(|w| w.ready) || c.saved_settings.get_value().as_ref() == Some(&s) {
            return;
        }
        c.settings_gen.update_value(|g| *g += 1);
        let gen = c.settings_gen.get_value();
        if !c.ws.with_untracked(|w| w.pending) {
            c.ws.update(|w| w.pending = true);
        }
        set_timeout(
            move || {
                if c.settings_gen.get_value() == gen {
                    c.ws.update(|w| w.pending = false);
                    save(c, Which::STATE);
                }
            },
            std::time::Duration::from_millis(250),
        );
    });
}

fn run_in_owner(c: WorkspaceCtx, f: impl FnOnce()) {
    match c.owner.get_value() {
        Some(o) => o.with(f),
        None => f(),
    }
}

fn set_error(c: WorkspaceCtx, e: Option<WsError>) {
    c.ws.update(|w| w.error = e);
}

/// Saves the given parts (every part when the workspace was never saved) in one transaction.
fn save(c: WorkspaceCtx, which: Which) {
    let w = c.ws.get_untracked();
    if !w.ready || !w.available {
        return;
    }
    let first = !w.persisted;
    if first && w.refused {
        // Never saved, and its data refused: a save would be the data again (see `refused`).
        return;
    }
    let which = Which {
        data: which.data || first,
        state: which.state || first,
        reviews: which.reviews || first,
    };
    let mut parts = Parts::default();
    if which.data {
        // Written in pieces straight into JavaScript memory (see `pack_in_pieces`).
        parts.data = Some(c.sources.with_untracked(|s| {
            c.saved_data.set_value(Some(mark(s)));
            let mut out = JsBytes::default();
            core_ws::encode_data_in_pieces(
                source_ref(&s.master),
                source_ref(&s.log),
                s.is_sample,
                &mut out,
            );
            crate::ui::state::mark("tierwise:encoded");
            out
        }));
    }
    if which.state {
        let settings = c.settings.get_untracked();
        c.saved_settings.set_value(Some(settings.clone()));
        parts.state = Some(core_ws::encode_state(&w.state(settings)).into());
    }
    if which.reviews {
        let reviews: Vec<Review> = w.reviews.iter().map(|r| (**r).clone()).collect();
        parts.reviews = Some(core_ws::encode_reviews(&reviews).into());
    }
    let meta = Meta {
        id: w.id.clone(),
        name: w.name.clone(),
        updated_ms: now(),
        rev: w.rev + 1,
    };
    c.ws.update(|w| {
        w.rev = meta.rev;
        w.saving += 1;
    });
    spawn_local(async move {
        let r = workspaces::save(&meta, &parts).await;
        c.ws.update(|w| w.saving -= 1);
        match r {
            Ok(()) => {
                c.ws.update(|w| {
                    if w.id == meta.id {
                        w.persisted = true;
                        if which.data {
                            w.refused = false;
                        }
                    }
                    if matches!(w.error, Some(WsError::Store(_))) {
                        w.error = None;
                    }
                    match w.list.iter_mut().find(|m| m.id == meta.id) {
                        Some(m) => *m = meta.clone(),
                        None => {
                            w.list.push(meta.clone());
                            w.list.sort_by(|a, b| a.name.cmp(&b.name));
                        }
                    }
                });
                let _ = prefs::save_workspace_id(&meta.id);
                post(
                    c,
                    Message::Saved {
                        id: meta.id.clone(),
                        rev: meta.rev,
                        tab: c.tab.get_value(),
                        data: which.data,
                        state: which.state,
                        reviews: which.reviews,
                    },
                );
                if first {
                    request_persistence(c).await;
                }
                refresh_usage(c).await;
            }
            Err(e) => {
                leptos::logging::warn!("{e}");
                c.ws.update(|w| {
                    if which.data && w.id == meta.id {
                        w.refused = true;
                    }
                    w.error = Some(WsError::Store(e));
                });
            }
        }
    });
}

fn source_ref(l: &Option<Loaded>) -> Option<SourceRef<'_>> {
    l.as_ref().map(|l| SourceRef {
        imported: &l.imported,
        options: &l.options,
    })
}

fn post(c: WorkspaceCtx, m: Message) {
    c.channel.with_value(|ch| {
        if let Some(ch) = ch {
            ch.post(&m);
        }
    });
}

async fn refresh_usage(c: WorkspaceCtx) {
    if let Ok(u) = quota::estimate().await {
        c.ws.update(|w| w.usage = Some(u));
    }
}

async fn request_persistence(c: WorkspaceCtx) {
    let granted = match quota::persisted().await {
        Ok(true) => Ok(true),
        _ => quota::persist().await,
    };
    if let Ok(p) = granted {
        c.ws.update(|w| w.persistent = Some(p));
    }
}

fn to_sources(d: Data) -> Sources {
    let loaded = |s: core_ws::Source| Loaded {
        imported: Arc::new(s.imported),
        options: s.options,
        remembered: false,
    };
    Sources {
        master: d.master.map(loaded),
        log: d.log.map(loaded),
        is_sample: d.is_sample,
    }
}

/// Puts stored parts in place without saving them back.
fn apply(c: WorkspaceCtx, stored: Stored) {
    if let Some(data) = stored.data {
        let sources = to_sources(data);
        c.saved_data.set_value(Some(mark(&sources)));
        run_in_owner(c, forget_origins);
        c.sources.set(sources);
    }
    if let Some(state) = stored.state {
        // Undo steps belong to the settings they were made on.
        run_in_owner(c, || use_history().set(Default::default()));
        c.saved_settings.set_value(Some(state.settings.clone()));
        c.settings.set(state.settings);
        c.ws.update(|w| {
            w.name = state.name;
            w.notes = state.notes;
            w.strategic = state.strategic;
            w.report = state.report;
        });
    }
    if let Some(reviews) = stored.reviews {
        c.ws.update(|w| {
            w.reviews = reviews.into_iter().map(Arc::new).collect();
            // Reviews saved before they could be dated may be out of date order.
            core_ws::sort_by_date(&mut w.reviews);
            w.review_undo = None;
        });
    }
}

/// A fresh, unsaved workspace on the sample.
fn fresh(c: WorkspaceCtx, name: String) {
    c.ws.update(|w| {
        w.id = workspaces::new_id();
        w.name = name;
        w.rev = 0;
        w.persisted = false;
        w.reviews.clear();
        w.review_undo = None;
        w.notes.clear();
        w.strategic.clear();
        w.report = Default::default();
    });
    run_in_owner(c, load_sample);
    c.saved_data.set_value(Some(c.sources.with_untracked(mark)));
    let settings = c.settings.get_untracked();
    c.saved_settings.set_value(Some(settings));
}

/// A workspace's name as shown in `lang`: a default name ("Workspace 2", made in whatever
/// language was on when it was created) in the language shown now ("工作区 2",
/// "Espacio 2"); a name the user gave, as given.
pub fn shown_name(name: &str, lang: Lang) -> String {
    for l in Lang::ALL {
        let word = text::WORKSPACE_DEFAULT_NAME.get(l);
        if let Some(n) = name.strip_prefix(word).and_then(|r| r.strip_prefix(' ')) {
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                return format!("{} {n}", text::WORKSPACE_DEFAULT_NAME.get(lang));
            }
        }
    }
    name.to_string()
}

fn default_name(c: WorkspaceCtx, n: usize) -> String {
    let lang = run_in_owner_get(c, || use_lang().get_untracked());
    format!("{} {n}", text::WORKSPACE_DEFAULT_NAME.get(lang))
}

fn run_in_owner_get<T>(c: WorkspaceCtx, f: impl FnOnce() -> T) -> T {
    match c.owner.get_value() {
        Some(o) => o.with(f),
        None => f(),
    }
}

/// Opens the tab channel and restores the last workspace (or opens the sample). Called once
/// by the app root.
pub fn start() {
    let c = ctx();
    match Channel::open(move |m| on_message(c, m)) {
        Ok(ch) => c.channel.set_value(Some(ch)),
        Err(e) => set_error(c, Some(WsError::Sync(e.to_string()))),
    }
    spawn_local(async move {
        let t0 = perf_now();
        let list = match workspaces::list().await {
            Ok(list) => list,
            Err(e) => {
                c.ws.update(|w| {
                    w.available = false;
                    w.error = Some(WsError::Store(e));
                });
                fresh(c, default_name(c, 1));
                c.ws.update(|w| w.ready = true);
                return;
            }
        };
        let want = prefs::load_workspace_id()
            .filter(|id| list.iter().any(|m| &m.id == id))
            .or_else(|| list.first().map(|m| m.id.clone()));
        let n = list.len();
        c.ws.update(|w| w.list = list.clone());
        match want {
            Some(id) => open_workspace(c, id, t0).await,
            None => fresh(c, default_name(c, n + 1)),
        }
        c.ws.update(|w| w.ready = true);
        if let Ok(p) = quota::persisted().await {
            c.ws.update(|w| w.persistent = Some(p));
        }
        refresh_usage(c).await;
    });
}

/// Loads a stored workspace and makes it the open one.
async fn open_workspace(c: WorkspaceCtx, id: String, t0: f64) {
    match workspaces::load(&id, Which::ALL).await {
        Ok(stored) => {
            let meta =
                c.ws.with_untracked(|w| w.list.iter().find(|m| m.id == id).cloned());
            c.ws.update(|w| {
                w.id = id.clone();
                w.name = meta.as_ref().map(|m| m.name.clone()).unwrap_or_default();
                w.rev = meta.as_ref().map_or(0, |m| m.rev);
                w.persisted = true;
                w.reviews.clear();
                w.review_undo = None;
                w.notes.clear();
                w.strategic.clear();
            });
            let no_data = stored.data.is_none();
            apply(c, stored);
            if no_data {
                run_in_owner(c, || {
                    forget_origins();
                    use_sources().set(Sources::default());
                });
                c.saved_data.set_value(Some(mark(&Sources::default())));
            }
            let _ = prefs::save_workspace_id(&id);
            let ms = perf_now() - t0;
            c.ws.update(|w| w.restore_ms = Some(ms));
        }
        Err(e) => {
            // Leave the damaged workspace as it is and open a fresh one beside it.
            let n = c.ws.with_untracked(|w| w.list.len());
            fresh(c, default_name(c, n + 1));
            set_error(c, Some(WsError::Store(e)));
        }
    }
}

fn on_message(c: WorkspaceCtx, m: Message) {
    match m {
        Message::Saved {
            id,
            tab,
            data,
            state,
            reviews,
            rev,
        } => {
            if tab == c.tab.get_value() {
                return;
            }
            spawn_local(async move {
                refresh_list(c).await;
                if c.ws.with_untracked(|w| w.id != id) {
                    return;
                }
                let which = Which {
                    data,
                    state,
                    reviews,
                };
                match workspaces::load(&id, which).await {
                    Ok(stored) if c.ws.with_untracked(|w| w.id == id) => {
                        apply(c, stored);
                        c.ws.update(|w| {
                            w.rev = w.rev.max(rev);
                            w.persisted = true;
                        });
                    }
                    Ok(_) => {}
                    Err(e) => set_error(c, Some(WsError::Store(e))),
                }
            });
        }
        Message::ListChanged { tab } => {
            if tab != c.tab.get_value() {
                spawn_local(refresh_list(c));
            }
        }
        Message::Cleared { tab } => {
            if tab != c.tab.get_value() {
                // Everything stored is gone: this tab keeps its work in memory, unsaved.
                c.ws.update(|w| {
                    w.list.clear();
                    w.persisted = false;
                    w.rev = 0;
                });
            }
        }
    }
}

async fn refresh_list(c: WorkspaceCtx) {
    if let Ok(list) = workspaces::list().await {
        c.ws.update(|w| w.list = list);
    }
}

/// Saves the whole workspace again after the storage refused its data (the user freed
/// space, or wants to see whether it fits now).
pub fn retry_save() {
    let c = ctx();
    c.ws.update(|w| w.refused = false);
    save(c, Which::ALL);
}

/// A new workspace on the sample, saved at once so that it is listed.
pub fn create() {
    let c = ctx();
    let n = c.ws.with_untracked(|w| w.list.len());
    fresh(c, default_name(c, n + 1));
    save(c, Which::ALL);
}

pub fn rename(name: String) {
    let c = ctx();
    let name = name.trim().to_string();
    if name.is_empty() {
        return;
    }
    c.ws.update(|w| w.name = name);
    save(c, Which::STATE);
    post(
        c,
        Message::ListChanged {
            tab: c.tab.get_value(),
        },
    );
}

pub fn switch(id: String) {
    let c = ctx();
    if c.ws.with_untracked(|w| w.id == id) {
        return;
    }
    spawn_local(async move {
        let t0 = perf_now();
        open_workspace(c, id, t0).await;
    });
}

/// Deletes the open workspace and opens another (or a fresh one on the sample).
pub fn delete() {
    let c = ctx();
    let id = c.ws.with_untracked(|w| w.id.clone());
    spawn_local(async move {
        if let Err(e) = workspaces::delete(&id).await {
            set_error(c, Some(WsError::Store(e)));
            return;
        }
        c.ws.update(|w| w.list.retain(|m| m.id != id));
        post(
            c,
            Message::ListChanged {
                tab: c.tab.get_value(),
            },
        );
        let next =
            c.ws.with_untracked(|w| w.list.first().map(|m| m.id.clone()));
        match next {
            Some(next) => open_workspace(c, next, perf_now()).await,
            None => fresh(c, default_name(c, 1)),
        }
    });
}

/// Whether a review of `date` (`YYYY-MM-DD`) is saved: saving another replaces it.
pub fn has_review_on(date: &str) -> bool {
    use_workspace().with_untracked(|w| w.reviews.iter().any(|r| r.date == date))
}

/// Saves the review of `date` (`YYYY-MM-DD`, chosen by the user: a month may be filled in
/// later): the classes and figures of every customer, now. The reviews stay in date order; a
/// review of the same date is replaced, and can be put back with [`undo_review`].
pub fn save_review(label: String, date: String) {
    let c = ctx();
    let label = label.trim().to_string();
    let label = if label.is_empty() {
        date.clone()
    } else {
        label
    };
    let notes = c.ws.with_untracked(|w| w.notes.clone());
    let review = use_workbench().with_untracked(|wb| {
        Review::build(wb.engine.prepared(), wb.results(), &label, &date, &notes)
    });
    c.ws.update(|w| {
        let replaced = put_review(&mut w.reviews, Arc::new(review));
        w.review_undo = replaced.map(ReviewUndo::Replaced);
    });
    save(c, Which::REVIEWS);
}

/// Deletes the review at `index`; [`undo_review`] puts it back.
pub fn delete_review(index: usize) {
    let c = ctx();
    let mut changed = false;
    c.ws.update(|w| {
        if index < w.reviews.len() {
            let r = w.reviews.remove(index);
            w.review_undo = Some(ReviewUndo::Deleted(r));
            changed = true;
        }
    });
    if changed {
        save(c, Which::REVIEWS);
    }
}

/// Puts back the review last replaced or deleted.
pub fn undo_review() {
    let c = ctx();
    let mut changed = false;
    c.ws.update(|w| {
        if let Some(u) = w.review_undo.take() {
            let r = match u {
                ReviewUndo::Replaced(r) | ReviewUndo::Deleted(r) => r,
            };
            put_review(&mut w.reviews, r);
            changed = true;
        }
    });
    if changed {
        save(c, Which::REVIEWS);
    }
}

/// Sets a customer's note (empty text removes it) and saves.
pub fn set_note(note: CoordinationNote) {
    let c = ctx();
    c.ws.update(|w| {
        let mut s = State {
            notes: std::mem::take(&mut w.notes),
            ..Default::default()
        };
        s.set_note(note);
        w.notes = s.notes;
    });
    save(c, Which::STATE);
}

/// Includes or leaves out a section of the printable report, and saves.
pub fn set_report_section(key: &str, included: bool) {
    let c = ctx();
    c.ws.update(|w| w.report.set(key, included));
    save(c, Which::STATE);
}

/// The whole workspace as one file's bytes.
pub fn export_bytes() -> Vec<u8> {
    let c = ctx();
    let w = c.ws.get_untracked();
    let state = w.state(c.settings.get_untracked());
    let reviews: Vec<Review> = w.reviews.iter().map(|r| (**r).clone()).collect();
    c.sources.with_untracked(|s| {
        core_ws::encode_file(
            &state,
            source_ref(&s.master),
            source_ref(&s.log),
            s.is_sample,
            &reviews,
        )
    })
}

/// Downloads the workspace file.
pub fn export() {
    let bytes = export_bytes();
    let name = use_workspace().with_untracked(|w| w.name.clone());
    let file = format!(
        "{}.tierwise",
        name.chars()
            .map(|ch| if ch.is_alphanumeric() || ch == '-' {
                ch
            } else {
                '_'
            })
            .collect::<String>()
    );
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&parts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(&file);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Opens a workspace file as a new workspace. A file that does not decode changes nothing.
pub fn import_file(file_name: &str, bytes: Vec<u8>) {
    let c = ctx();
    match core_ws::decode_file(&bytes) {
        Err(e) => set_error(c, Some(WsError::File(file_name.to_string(), e))),
        Ok(file) => {
            let name = if file.state.name.trim().is_empty() {
                default_name(c, c.ws.with_untracked(|w| w.list.len()) + 1)
            } else {
                file.state.name.clone()
            };
            c.ws.update(|w| {
                w.id = workspaces::new_id();
                w.name = name.clone();
                w.rev = 0;
                w.persisted = false;
                w.error = None;
                w.reviews.clear();
                w.review_undo = None;
            });
            let mut state = file.state;
            state.name = name;
            apply(
                c,
                Stored {
                    data: Some(file.data),
                    state: Some(state),
                    reviews: Some(file.reviews),
                },
            );
            save(c, Which::ALL);
        }
    }
}

/// Reads a chosen file and imports it as a workspace.
pub fn import_blob(file: web_sys::File) {
    let c = ctx();
    let name = file.name();
    spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buf) => {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                run_in_owner(c, || import_file(&name, bytes));
            }
            Err(e) => set_error(
                c,
                Some(WsError::File(name, FormatError::Corrupt(format!("{e:?}")))),
            ),
        }
    });
}

/// Deletes everything Tierwise stored in this browser and starts over on the sample.
pub fn clear_all() {
    let c = ctx();
    spawn_local(async move {
        let r = db::delete_database().await;
        prefs::clear_all();
        post(
            c,
            Message::Cleared {
                tab: c.tab.get_value(),
            },
        );
        c.ws.update(|w| {
            w.list.clear();
            w.error = r.err().map(WsError::Store);
        });
        run_in_owner(c, || use_settings().set(Settings::default()));
        fresh(c, default_name(c, 1));
        refresh_usage(c).await;
    });
}

//! What a classification method declares: [`MethodDef`]. The registry (`registry.rs`) lists
//! the methods, one line each, and derives everything else from these declarations: the
//! [`Method`](super::Method) enum, the results container, [`run_all`](super::run_all), the
//! update order of [`Engine::update`](super::Engine::update), the uniform class lookup and
//! the explanations.
//!
//! A method reads other methods' results only through [`Inputs`], and only those it declares
//! in [`MethodDef::inputs`]: reading an undeclared one panics (in every test that runs the
//! method), so a wrong declaration cannot go unnoticed. This file knows no method.

use super::explain::Reason;
use super::prepared::{Index, Prepared};
use super::{Class, Missing, Strategy};
use crate::i18n::Tr;
use crate::model::Dataset;
use crate::settings::Settings;
use std::any::Any;
use std::fmt;

impl Prepared {
    /// Method `M`'s own settings-independent figures.
    pub fn prep<M: MethodDef>(&self) -> &M::Prep {
        self.preps
            .0
            .iter()
            .find(|(k, _)| *k == M::KEY)
            .and_then(|(_, v)| v.downcast_ref::<M::Prep>())
            .unwrap_or_else(|| panic!("`{}` is not a registered method", M::KEY))
    }

    /// Replaces a method's settings-independent figures (a fit run somewhere else).
    pub(crate) fn set_prep<M: MethodDef>(&mut self, prep: M::Prep) {
        if let Some((_, v)) = self.preps.0.iter_mut().find(|(k, _)| *k == M::KEY) {
            *v = std::sync::Arc::new(prep);
        }
    }
}

/// One classification method: its identity, its settings, what it reads, and how it classes
/// and explains a customer.
pub trait MethodDef: 'static {
    /// Stable key: the page's address (`#/abc`), test ids and exports.
    const KEY: &'static str;
    const NAME: Tr;
    /// What the method is for, one sentence.
    const PURPOSE: Tr;
    /// Shown as a page, a tile, in the explain drawer and the customer table. A part that is
    /// not listed (the staffing plan, shown on a page of its own) is computed all the same.
    const LISTED: bool = true;
    /// Its classes can be a cross-tab dimension and a filter (single-class methods).
    const DIMENSION: bool = false;
    /// It has a page of its own (the readiness check lives on the overview).
    const PAGE: bool = true;
    /// A customer carries any number of its classes (the risk watch's flags), not one.
    const MULTI: bool = false;
    /// A class column in the customer table (sortable, filterable), with this header.
    const COLUMN: Option<Tr> = None;

    /// Its classes, best first ([`NoClass`] when it does not class customers one by one).
    type Class: Class;
    /// What it keeps between settings changes.
    type Output: Clone + fmt::Debug + PartialEq + Send + Sync + 'static;
    /// Figures that do not depend on the settings, computed once per dataset in
    /// [`Prepared::new`] (`()` when none).
    type Prep: Clone + fmt::Debug + Default + Send + Sync + 'static;

    fn prepare(_ds: &Dataset, _ix: &Index) -> Self::Prep {
        Self::Prep::default()
    }

    /// [`MethodDef::prepare`] without its slow part (a model fit), which the caller runs
    /// somewhere else and hands back through the method's own `Prepared` function
    /// ([`Prepared::new_quick`]). By default the same as `prepare`.
    fn prepare_quick(ds: &Dataset, ix: &Index) -> Self::Prep {
        Self::prepare(ds, ix)
    }

    /// Did a settings change touch what this method reads of the settings?
    fn settings_changed(old: &Settings, new: &Settings) -> bool;

    /// The keys of the other methods whose results it reads under `s` (see [`Inputs`]).
    fn inputs(_s: &Settings) -> Vec<&'static str> {
        Vec::new()
    }

    fn classify(p: &Prepared, s: &Settings, inputs: &Inputs) -> Self::Output;

    /// Brings `out` up to date when only its inputs changed (a hook for a cheaper path, such
    /// as the risk watch's "biggest customers"); by default, classifies again.
    fn refresh(p: &Prepared, s: &Settings, inputs: &Inputs, out: &mut Self::Output) {
        *out = Self::classify(p, s, inputs);
    }

    /// Could it run on this dataset? `Err` names the column it lacks.
    fn available(_out: &Self::Output) -> Result<(), Missing> {
        Ok(())
    }

    /// Every customer's class, for a single-class method that ran: the one place a method
    /// says where its classes are (class lookups, the class column and the tables use it).
    fn classes(_out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        None
    }

    /// Customer `i`'s class (its index in `Self::Class::ALL`); by default from
    /// [`MethodDef::classes`].
    fn class_of(out: &Self::Output, i: usize) -> Option<u8> {
        pick(Self::classes(out)?, i)
    }

    /// Customer `i`'s classes as bits (bit k: class k). One bit for a single-class method;
    /// the risk watch's flags may set several.
    fn bits(out: &Self::Output, i: usize) -> u32 {
        Self::class_of(out, i).map_or(0, |k| 1 << k)
    }

    /// Why customer `i` is where it is; `None` for a method the explain drawer leaves out.
    /// Called only when [`MethodDef::available`] is `Ok`.
    fn explain(
        _p: &Prepared,
        _s: &Settings,
        _inputs: &Inputs,
        _out: &Self::Output,
        _i: usize,
    ) -> Option<Explained> {
        None
    }

    /// [`MethodDef::explain`] for each of `rows`, in order. By default one by one. A method
    /// whose `explain` places the customer among all the others (an O(n) search or count per
    /// customer) overrides it to place them all once, so that explaining every customer (an
    /// export) is not O(n²). It must give what `explain` gives, row by row
    /// (`props::explaining_many_equals_explaining_each` checks every method).
    fn explain_many(
        p: &Prepared,
        s: &Settings,
        inputs: &Inputs,
        out: &Self::Output,
        rows: &[usize],
    ) -> Vec<Option<Explained>> {
        rows.iter()
            .map(|&i| Self::explain(p, s, inputs, out, i))
            .collect()
    }

    /// Whether the method appears in the explain drawer (when it cannot run, it says which
    /// column it lacks there).
    const EXPLAINED: bool = false;

    /// Equal results (the property test `update == run_all` compares with this). By default
    /// `==`; a method whose output holds NaN where nothing is classed compares what it shows.
    fn same(a: &Self::Output, b: &Self::Output) -> bool {
        a == b
    }

    /// The user's own name for its class `key` under `s`, shown instead of the class's
    /// translated name in every language (RFM's renamed segments); `None` for that name.
    fn class_name<'s>(_s: &'s Settings, _key: &str) -> Option<&'s str> {
        None
    }

    /// Whether its class `key` is listed under `s` (the class table, the bars, the filter,
    /// the exports' class tables): every class by default. A class that cannot hold a
    /// customer under these settings may be left out: RFM's slots for the user's own
    /// segments while they are not in the segment table.
    fn class_shown(_s: &Settings, _key: &str) -> bool {
        true
    }
}

/// One class of a method.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassInfo {
    /// Position in the method's class list, best first.
    pub index: u8,
    /// Stable key, used in `data-testid`s.
    pub key: &'static str,
    pub name: Tr,
    pub strategy: &'static Strategy,
}

/// A method's class for one customer, its reasons, and strategies beyond its class's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explained {
    /// The class shown (its index in the method's classes); `None` when unclassed, or for
    /// a method whose customers carry flags rather than one class.
    pub class: Option<u8>,
    pub reasons: Vec<Reason>,
    /// Further strategies that apply: 5S flags and release, risk flags.
    pub also: Vec<&'static Strategy>,
}

impl Explained {
    pub fn new(class: Option<u8>, reasons: Vec<Reason>) -> Explained {
        Explained {
            class,
            reasons,
            also: Vec::new(),
        }
    }
}

/// For methods that do not class customers one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoClass {}

impl Class for NoClass {
    const ALL: &'static [Self] = &[];
    fn index(self) -> usize {
        match self {}
    }
    fn key(self) -> &'static str {
        match self {}
    }
    fn name(self) -> Tr {
        match self {}
    }
    fn strategy(self) -> &'static Strategy {
        match self {}
    }
}

/// The results computed so far, seen by key. The registry implements it.
pub trait Slots {
    fn slot(&self, key: &str) -> Option<&dyn Any>;
    /// Per customer, the class index of method `key` (`None` when unclassed); `Err` when the
    /// method could not run. `None` when `key` has no class column.
    fn class_column(&self, key: &str) -> Option<Result<ClassColumn, Missing>>;
}

/// One method's class column, read through [`Inputs::class_column`].
#[derive(Clone, Debug, PartialEq)]
pub struct ClassColumn {
    /// Class keys, best first.
    pub keys: Vec<&'static str>,
    pub class: Vec<Option<u8>>,
}

/// What a method may read of the others: only the results it declared.
pub struct Inputs<'a> {
    slots: &'a dyn Slots,
    allowed: &'a [&'static str],
    reader: &'static str,
}

impl<'a> Inputs<'a> {
    pub fn new(slots: &'a dyn Slots, allowed: &'a [&'static str], reader: &'static str) -> Self {
        Inputs {
            slots,
            allowed,
            reader,
        }
    }

    fn check(&self, key: &str) {
        assert!(
            self.allowed.contains(&key),
            "method `{}` reads `{key}` without declaring it in `inputs`",
            self.reader
        );
    }

    /// The result of method `M`, which must be a declared input.
    pub fn get<M: MethodDef>(&self) -> &'a M::Output {
        self.check(M::KEY);
        self.slots
            .slot(M::KEY)
            .and_then(|a| a.downcast_ref::<M::Output>())
            .unwrap_or_else(|| panic!("`{}` read before it was computed", M::KEY))
    }

    /// The class column of the method with key `key`, which must be a declared input.
    pub fn class_column(&self, key: &str) -> Option<Result<ClassColumn, Missing>> {
        self.check(key);
        self.slots.class_column(key)
    }
}

/// Customer `i`'s class index in a class column.
pub fn pick<C: Class>(v: &[Option<C>], i: usize) -> Option<u8> {
    v.get(i).copied().flatten().map(|c| c.index() as u8)
}

/// `Ok(())` when a method ran, else the column it lacks.
pub fn ran<T>(r: &Result<T, Missing>) -> Result<(), Missing> {
    r.as_ref().map(|_| ()).map_err(|m| *m)
}

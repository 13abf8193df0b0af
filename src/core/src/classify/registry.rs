//! The method registry: one line per method. Everything that lists the methods is derived
//! from it: the [`Method`] enum and [`Method::ALL`], the results container [`AllResults`],
//! [`run_all`], the update order and change tracking of [`Engine::update`], the uniform class
//! lookup ([`super::lookup`]), [`explain_all`] and each method's own preparation in
//! [`Prepared::new`]. See ARCHITECTURE.md, "Adding a method".

use super::explain::Reason;
use super::method::{ClassColumn, ClassInfo, Explained, Inputs, MethodDef, Slots};
use super::methods;
use super::prepared::{Index, Preps};
use super::{Class, Missing, Prepared, Strategy};
use crate::i18n::{Lang, Tr};
use crate::model::Dataset;
use crate::settings::Settings;
use std::any::Any;
use std::sync::Arc;

fn infos<C: Class>() -> Vec<ClassInfo> {
    C::ALL
        .iter()
        .map(|&c| ClassInfo {
            index: c.index() as u8,
            key: c.key(),
            name: c.name(),
            strategy: c.strategy(),
        })
        .collect()
}

fn column<M: MethodDef>(out: &M::Output, n: usize) -> Result<ClassColumn, Missing> {
    M::available(out)?;
    let class = match M::classes(out) {
        // A pass over the class slice: cross-selling and the cross-tab read 100k at a time.
        Some(v) => v.iter().map(|c| c.map(|c| c.index() as u8)).collect(),
        None => (0..n).map(|i| M::class_of(out, i)).collect(),
    };
    Ok(ClassColumn {
        keys: M::Class::ALL.iter().map(|c| c.key()).collect(),
        class,
    })
}

/// Brings one method's result up to date: classifies when it is new or its settings changed,
/// else refreshes it from its changed inputs.
fn step<M: MethodDef>(
    p: &Prepared,
    s: &Settings,
    slots: &dyn Slots,
    old: Option<M::Output>,
    own_change: bool,
) -> M::Output {
    let allowed = M::inputs(s);
    let inputs = Inputs::new(slots, &allowed, M::KEY);
    match old {
        Some(mut out) if !own_change => {
            M::refresh(p, s, &inputs, &mut out);
            out
        }
        _ => M::classify(p, s, &inputs),
    }
}

fn explain_one<M: MethodDef>(
    p: &Prepared,
    s: &Settings,
    all: &AllResults,
    out: &M::Output,
    i: usize,
) -> Explanation {
    let method = Method::from_key(M::KEY).expect("registered");
    if let Err(m) = M::available(out) {
        return Explanation {
            method,
            class_key: None,
            class_name: None,
            strategy: None,
            also: Vec::new(),
            reasons: Vec::new(),
            missing: Some(m),
        };
    }
    let allowed = M::inputs(s);
    let inputs = Inputs::new(all, &allowed, M::KEY);
    let e = M::explain(p, s, &inputs, out, i).unwrap_or_default();
    explanation::<M>(method, e)
}

fn explanation<M: MethodDef>(method: Method, e: Explained) -> Explanation {
    let class = e
        .class
        .and_then(|k| M::Class::ALL.get(usize::from(k)).copied());
    Explanation {
        method,
        class_key: class.map(|c| c.key()),
        class_name: class.map(|c| c.name()),
        strategy: class.map(|c| c.strategy()),
        also: e.also,
        reasons: e.reasons,
        missing: None,
    }
}

/// [`explain_one`] for each of `rows`, through [`MethodDef::explain_many`].
fn explain_many<M: MethodDef>(
    p: &Prepared,
    s: &Settings,
    all: &AllResults,
    out: &M::Output,
    rows: &[usize],
) -> Vec<Explanation> {
    let method = Method::from_key(M::KEY).expect("registered");
    if let Err(m) = M::available(out) {
        let e = Explanation {
            method,
            class_key: None,
            class_name: None,
            strategy: None,
            also: Vec::new(),
            reasons: Vec::new(),
            missing: Some(m),
        };
        return vec![e; rows.len()];
    }
    let allowed = M::inputs(s);
    let inputs = Inputs::new(all, &allowed, M::KEY);
    M::explain_many(p, s, &inputs, out, rows)
        .into_iter()
        .map(|e| explanation::<M>(method, e.unwrap_or_default()))
        .collect()
}

/// One method's preparation (see [`Prepared::new`]).
type PrepJob = fn(&Dataset, &Index, bool) -> Arc<dyn Any + Send + Sync>;

fn prep_one<M: MethodDef>(ds: &Dataset, ix: &Index, quick: bool) -> Arc<dyn Any + Send + Sync> {
    Arc::new(if quick {
        M::prepare_quick(ds, ix)
    } else {
        M::prepare(ds, ix)
    })
}

/// The preparations that need the most scratch memory beyond what they keep, most first.
/// They run before the others, while less of what the others keep is held: the WASM memory
/// never shrinks, so an import's footprint is its highest point. At a million customers
/// (natively, scratch beyond what is kept): the RFM ranks 34 MB, the value tiers 29 MB, the
/// 5S composite 28 MB, the score's normalisation 23 MB, ABC 15 MB; every other one under
/// 8 MB. In this order the highest point is 7 MB above what the preparations keep; in the
/// registry's it was 34 MB above.
const PREP_FIRST: [&str; 5] = [
    <methods::rfm::Rfm as MethodDef>::KEY,
    <methods::value::Value as MethodDef>::KEY,
    <methods::five_s::FiveS as MethodDef>::KEY,
    <methods::score::Score as MethodDef>::KEY,
    <methods::abc::Abc as MethodDef>::KEY,
];

/// Runs every preparation, [`PREP_FIRST`] first, and returns them in registry order.
fn run_preps(
    jobs: &[(&'static str, PrepJob)],
    ds: &Dataset,
    ix: &Index,
    quick: bool,
) -> Vec<(&'static str, Arc<dyn Any + Send + Sync>)> {
    let rank = |key: &str| {
        PREP_FIRST
            .iter()
            .position(|&k| k == key)
            .unwrap_or(PREP_FIRST.len())
    };
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&k| rank(jobs[k].0));
    let mut done: Vec<Option<Arc<dyn Any + Send + Sync>>> = vec![None; jobs.len()];
    for k in order {
        done[k] = Some((jobs[k].1)(ds, ix, quick));
    }
    jobs.iter()
        .zip(done)
        .filter_map(|(&(key, _), p)| Some((key, p?)))
        .collect()
}

macro_rules! registry {
    ($($field:ident: $variant:ident => $def:ty,)+) => {
        /// The registered methods, in the domain's order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Method {
            $($variant),+
        }

        /// Every registered method, listed or not, in registry order.
        const REGISTERED: &[Method] = &[$(Method::$variant),+];

        const LISTED: usize = {
            let (mut n, mut k) = (0, 0);
            while k < REGISTERED.len() {
                if REGISTERED[k].listed() {
                    n += 1;
                }
                k += 1;
            }
            n
        };

        impl Method {
            /// The listed methods (pages, tiles, the explain drawer), in the domain's order.
            pub const ALL: [Method; LISTED] = {
                let mut out = [REGISTERED[0]; LISTED];
                let (mut n, mut k) = (0, 0);
                while k < REGISTERED.len() {
                    if REGISTERED[k].listed() {
                        out[n] = REGISTERED[k];
                        n += 1;
                    }
                    k += 1;
                }
                out
            };

            /// Every registered method, listed or not.
            pub const REGISTERED: &'static [Method] = REGISTERED;

            pub const fn key(self) -> &'static str {
                match self { $(Method::$variant => <$def as MethodDef>::KEY),+ }
            }

            pub const fn name(self) -> Tr {
                match self { $(Method::$variant => <$def as MethodDef>::NAME),+ }
            }

            /// What the method is for, one sentence.
            pub const fn purpose(self) -> Tr {
                match self { $(Method::$variant => <$def as MethodDef>::PURPOSE),+ }
            }

            pub const fn listed(self) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::LISTED),+ }
            }

            /// Its classes can be a cross-tab dimension (single-class methods).
            pub const fn is_dimension(self) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::DIMENSION),+ }
            }

            /// It has a page of its own.
            pub const fn has_page(self) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::PAGE),+ }
            }

            /// A customer carries any number of its classes (flags), not one.
            pub const fn is_multi(self) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::MULTI),+ }
            }

            /// The header of its class column in the customer table, if it has one.
            pub const fn column(self) -> Option<Tr> {
                match self { $(Method::$variant => <$def as MethodDef>::COLUMN),+ }
            }

            /// It appears in the explain drawer ([`explain_all`]), with its reasons.
            pub const fn explained(self) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::EXPLAINED),+ }
            }

            pub fn from_key(key: &str) -> Option<Method> {
                REGISTERED.iter().copied().find(|m| m.key() == key)
            }

            /// Its classes, best first; empty for the methods that do not class customers
            /// one by one. For the risk watch the "classes" are its flags.
            pub fn classes(self) -> Vec<ClassInfo> {
                match self { $(Method::$variant => infos::<<$def as MethodDef>::Class>()),+ }
            }

            /// The methods whose results it reads under `s`.
            pub fn inputs(self, s: &Settings) -> Vec<Method> {
                let keys = match self { $(Method::$variant => <$def as MethodDef>::inputs(s)),+ };
                keys.into_iter()
                    .map(|k| Method::from_key(k).unwrap_or_else(|| {
                        panic!("`{}` declares an unknown input `{k}`", self.key())
                    }))
                    .collect()
            }

            /// The user's own name for its class `key` under `s`, if the user named it
            /// (see [`MethodDef::class_name`]).
            pub fn custom_class_name<'s>(self, s: &'s Settings, key: &str) -> Option<&'s str> {
                match self { $(Method::$variant => <$def as MethodDef>::class_name(s, key)),+ }
            }

            /// Whether its class `key` is listed under `s` (see [`MethodDef::class_shown`]):
            /// the views and exports that list every class leave the others out.
            pub fn class_shown(self, s: &Settings, key: &str) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::class_shown(s, key)),+ }
            }

            /// The name its class `c` shows under `s` in `lang`: the user's name for it, else
            /// its translated name. Every place that shows a class's name goes through this.
            pub fn class_name<'s>(self, s: &'s Settings, c: &ClassInfo, lang: Lang) -> &'s str {
                self.custom_class_name(s, c.key).unwrap_or(c.name.get(lang))
            }

            /// The title of its class `c`'s strategy under `s` in `lang`, with the user's
            /// name for the class in place of its own (see [`Strategy::title_named`]).
            pub fn strategy_title(self, s: &Settings, c: &ClassInfo, lang: Lang) -> std::borrow::Cow<'static, str> {
                c.strategy.title_named(self.custom_class_name(s, c.key), lang)
            }

            fn settings_changed(self, old: &Settings, new: &Settings) -> bool {
                match self { $(Method::$variant => <$def as MethodDef>::settings_changed(old, new)),+ }
            }
        }

        /// Every method's result for one prepared dataset and one settings value. A method
        /// that cannot run holds `Err(Missing)` naming the column it needs.
        #[derive(Clone, Debug)]
        pub struct AllResults {
            /// Customers in the dataset.
            n: usize,
            $(pub $field: <$def as MethodDef>::Output,)+
        }

        /// The results while they are computed.
        struct Partial {
            n: usize,
            $($field: Option<<$def as MethodDef>::Output>,)+
        }

        impl Slots for Partial {
            fn slot(&self, key: &str) -> Option<&dyn Any> {
                $(if key == <$def as MethodDef>::KEY {
                    return self.$field.as_ref().map(|o| o as &dyn Any);
                })+
                None
            }

            fn class_column(&self, key: &str) -> Option<Result<ClassColumn, Missing>> {
                $(if key == <$def as MethodDef>::KEY {
                    return self.$field.as_ref().map(|o| column::<$def>(o, self.n));
                })+
                None
            }
        }

        impl Partial {
            fn empty(n: usize) -> Partial {
                Partial { n, $($field: None,)+ }
            }

            fn of(n: usize, all: AllResults) -> Partial {
                Partial { n, $($field: Some(all.$field),)+ }
            }

            fn finish(self) -> AllResults {
                AllResults {
                    n: self.n,
                    $($field: self.$field.expect(concat!(stringify!($field), " computed")),)+
                }
            }

            fn step(&mut self, m: Method, p: &Prepared, s: &Settings, own_change: bool) {
                match m {
                    $(Method::$variant => {
                        let old = self.$field.take();
                        let out = step::<$def>(p, s, self, old, own_change);
                        self.$field = Some(out);
                    })+
                }
            }
        }

        impl Slots for AllResults {
            fn slot(&self, key: &str) -> Option<&dyn Any> {
                $(if key == <$def as MethodDef>::KEY {
                    return Some(&self.$field as &dyn Any);
                })+
                None
            }

            fn class_column(&self, key: &str) -> Option<Result<ClassColumn, Missing>> {
                $(if key == <$def as MethodDef>::KEY {
                    return Some(column::<$def>(&self.$field, self.n));
                })+
                None
            }
        }

        impl AllResults {
            /// Whether `m` could run on this dataset (`Err` names the column it lacks).
            pub fn available(&self, m: Method) -> Result<(), Missing> {
                match m { $(Method::$variant => <$def as MethodDef>::available(&self.$field)),+ }
            }

            /// Customer `i`'s class under `m` (its index in [`Method::classes`]). For the
            /// risk watch: its first flag.
            pub fn class_of(&self, m: Method, i: usize) -> Option<u8> {
                match m { $(Method::$variant => <$def as MethodDef>::class_of(&self.$field, i)),+ }
            }

            /// Customer `i`'s classes under `m` as bits (bit k: class k).
            pub fn bits(&self, m: Method, i: usize) -> u32 {
                match m { $(Method::$variant => <$def as MethodDef>::bits(&self.$field, i)),+ }
            }

            /// `f(i, bits)` for every customer `i` in order, `bits` as [`AllResults::bits`]
            /// gives them: the method is looked up once, not once per customer, so that a
            /// pass over a million customers (a class table after each slider step) is a
            /// plain loop.
            pub fn for_each_bits(&self, m: Method, mut f: impl FnMut(usize, u32)) {
                match m {
                    $(Method::$variant => {
                        let o = &self.$field;
                        for i in 0..self.n {
                            f(i, <$def as MethodDef>::bits(o, i));
                        }
                    }),+
                }
            }

            /// [`AllResults::for_each_bits`] of `self` and `other` (results of the same
            /// dataset) side by side: `f(i, bits in self, bits in other)`.
            pub fn for_each_bits_beside(
                &self,
                other: &AllResults,
                m: Method,
                mut f: impl FnMut(usize, u32, u32),
            ) {
                match m {
                    $(Method::$variant => {
                        let (a, b) = (&self.$field, &other.$field);
                        for i in 0..self.n.min(other.n) {
                            f(i, <$def as MethodDef>::bits(a, i), <$def as MethodDef>::bits(b, i));
                        }
                    }),+
                }
            }

            /// The methods whose results differ between `self` and `other`.
            pub fn differences(&self, other: &AllResults) -> Vec<Method> {
                let mut out = Vec::new();
                $(if !<$def as MethodDef>::same(&self.$field, &other.$field) {
                    out.push(Method::$variant);
                })+
                out
            }

            fn explain(&self, m: Method, p: &Prepared, s: &Settings, i: usize) -> Explanation {
                match m { $(Method::$variant => explain_one::<$def>(p, s, self, &self.$field, i)),+ }
            }

            fn explain_many(
                &self,
                m: Method,
                p: &Prepared,
                s: &Settings,
                rows: &[usize],
            ) -> Vec<Explanation> {
                match m { $(Method::$variant => explain_many::<$def>(p, s, self, &self.$field, rows)),+ }
            }
        }

        impl Prepared {
            pub fn new(ds: Dataset) -> Prepared {
                Prepared::build(ds, false)
            }

            /// [`Prepared::new`] with each method's slow part left out
            /// ([`MethodDef::prepare_quick`]): the page runs the lifetime-value fit in a worker
            /// and hands it back (`Prepared::install_clv_fit`, then [`Engine::refresh`]).
            pub fn new_quick(ds: Dataset) -> Prepared {
                Prepared::build(ds, true)
            }

            fn build(ds: Dataset, quick: bool) -> Prepared {
                let index = Index::new(&ds);
                let jobs: Vec<(&'static str, PrepJob)> =
                    vec![$((<$def as MethodDef>::KEY, prep_one::<$def> as PrepJob),)+];
                let preps = Preps(run_preps(&jobs, &ds, &index, quick));
                Prepared { ds, index, preps }
            }
        }
    };
}

// One line per method: results field, `Method` variant, its definition. The order is the
// domain's (pages, tiles, the explain drawer); the order of computation follows the inputs.
registry! {
    deal: Deal => methods::deal::Deal,
    tiers: Tiers => methods::tiers::Tiers,
    potential: Potential => methods::potential::Potential,
    value: Value => methods::value::Value,
    abc: Abc => methods::abc::Abc,
    staffing: Staffing => methods::staffing::Staffing,
    wallet: Wallet => methods::wallet::Wallet,
    score: Score => methods::score::Score,
    pyramid: Pyramid => methods::pyramid::Pyramid,
    crosstab: CrossTab => methods::crosstab::CrossTabMethod,
    five_s: FiveS => methods::five_s::FiveS,
    readiness: Readiness => methods::readiness::ReadinessCheck,
    risk: Risk => methods::risk::Risk,
    cross_sell: CrossSell => methods::cross_sell::CrossSell,
    rfm: Rfm => methods::rfm::Rfm,
    clv: Clv => methods::clv::Clv,
}

/// The methods in an order where each comes after the inputs it reads under `s`.
pub fn order(s: &Settings) -> Vec<Method> {
    fn visit(m: Method, s: &Settings, state: &mut [u8], out: &mut Vec<Method>) {
        let k = REGISTERED.iter().position(|&x| x == m).expect("registered");
        match state[k] {
            2 => return,
            1 => panic!("the inputs of `{}` form a cycle", m.key()),
            _ => {}
        }
        state[k] = 1;
        for input in m.inputs(s) {
            visit(input, s, state, out);
        }
        state[k] = 2;
        out.push(m);
    }
    let mut state = vec![0u8; REGISTERED.len()];
    let mut out = Vec::with_capacity(REGISTERED.len());
    for &m in REGISTERED {
        visit(m, s, &mut state, &mut out);
    }
    out
}

/// Recomputes every method: O(n) per method; the orderings come from `p` (built once per
/// dataset).
pub fn run_all(p: &Prepared, s: &Settings) -> AllResults {
    let s = s.clone().normalized();
    let mut partial = Partial::empty(p.ds.len());
    for m in order(&s) {
        partial.step(m, p, &s, true);
    }
    partial.finish()
}

/// One method's view of one customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub method: Method,
    /// The class key and name, when the customer is classed.
    pub class_key: Option<&'static str>,
    pub class_name: Option<Tr>,
    pub strategy: Option<&'static Strategy>,
    /// Further strategies that apply: 5S flags and release, risk flags.
    pub also: Vec<&'static Strategy>,
    pub reasons: Vec<Reason>,
    /// The method could not run: the column it needs.
    pub missing: Option<Missing>,
}

/// For customer `i`: every class it falls into and why, method by method (the methods that
/// declare [`MethodDef::EXPLAINED`], in the domain's order).
pub fn explain_all(p: &Prepared, s: &Settings, all: &AllResults, i: usize) -> Vec<Explanation> {
    let s = s.clone().normalized();
    if i >= p.ds.len() {
        return Vec::new();
    }
    Method::ALL
        .into_iter()
        .filter(|m| m.explained())
        .map(|m| all.explain(m, p, &s, i))
        .collect()
}

/// [`explain_all`] for each of `rows` (customer indices; one out of range gets an empty
/// list), explaining them together: every customer costs about what one costs in
/// [`explain_all`] once the methods have placed them all (see [`MethodDef::explain_many`]),
/// where one by one a method that ranks the customer among all the others costs O(n) each.
pub fn explain_rows(
    p: &Prepared,
    s: &Settings,
    all: &AllResults,
    rows: &[usize],
) -> Vec<Vec<Explanation>> {
    let n = p.ds.len();
    let valid: Vec<usize> = rows.iter().copied().filter(|&i| i < n).collect();
    let by_method = explain_by_method(p, s, all, &valid);
    let mut per_row: Vec<Vec<Explanation>> = (0..valid.len())
        .map(|_| Vec::with_capacity(by_method.len()))
        .collect();
    for (_, column) in by_method {
        for (row, e) in per_row.iter_mut().zip(column) {
            row.push(e);
        }
    }
    let mut per_row = per_row.into_iter();
    rows.iter()
        .map(|&i| {
            if i < n {
                per_row.next().unwrap_or_default()
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// [`explain_rows`] method by method, without putting them row by row: for each explained
/// method, in the registry's order, the explanations of `rows` in their order (a row past the
/// data is left out). The way to read the explanations of many customers one method at a
/// time (an export's "why" columns).
pub fn explain_by_method(
    p: &Prepared,
    s: &Settings,
    all: &AllResults,
    rows: &[usize],
) -> Vec<(Method, Vec<Explanation>)> {
    let s = s.clone().normalized();
    let n = p.ds.len();
    let valid: Vec<usize> = rows.iter().copied().filter(|&i| i < n).collect();
    Method::ALL
        .into_iter()
        .filter(|m| m.explained())
        .map(|m| (m, all.explain_many(m, p, &s, &valid)))
        .collect()
}

/// The results kept between settings changes. [`Engine::update`] recomputes only the methods
/// whose settings changed, and those that read a recomputed method (as their
/// [`MethodDef::inputs`] declare), in the order of [`order`].
#[derive(Clone, Debug)]
pub struct Engine {
    prepared: Prepared,
    settings: Settings,
    /// Always `Some` between calls.
    results: Option<AllResults>,
    /// Counts the changes of the results ([`Engine::update`], [`Engine::refresh`]).
    revision: u64,
}

impl Engine {
    pub fn new(prepared: Prepared, s: &Settings) -> Engine {
        let settings = s.clone().normalized();
        let results = run_all(&prepared, &settings);
        Engine {
            prepared,
            settings,
            results: Some(results),
            revision: 0,
        }
    }

    /// Changes with every update and refresh: a reader working in slices (an export) knows
    /// the results it started from are still these.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn results(&self) -> &AllResults {
        self.results.as_ref().expect("results between updates")
    }

    /// Every class customer `i` falls into, why, and the strategies (see [`explain_all`]).
    pub fn explain(&self, i: usize) -> Vec<Explanation> {
        explain_all(&self.prepared, &self.settings, self.results(), i)
    }

    /// [`Engine::explain`] for each of `rows`, together (see [`explain_rows`]): the way to
    /// explain many customers.
    pub fn explain_rows(&self, rows: &[usize]) -> Vec<Vec<Explanation>> {
        explain_rows(&self.prepared, &self.settings, self.results(), rows)
    }

    /// [`explain_by_method`] of `rows`.
    pub fn explain_by_method(&self, rows: &[usize]) -> Vec<(Method, Vec<Explanation>)> {
        explain_by_method(&self.prepared, &self.settings, self.results(), rows)
    }

    /// Changes the prepared data with `f` (a fit run somewhere else handed back), then
    /// classes `m` again and every method that reads it; returns the methods recomputed.
    pub fn refresh(&mut self, m: Method, f: impl FnOnce(&mut Prepared)) -> Vec<Method> {
        f(&mut self.prepared);
        self.revision += 1;
        let (p, s) = (&self.prepared, &self.settings);
        let all = self.results.take().expect("results between updates");
        let mut partial = Partial::of(p.ds.len(), all);
        let mut done: Vec<Method> = Vec::new();
        for x in order(s) {
            if x == m || x.inputs(s).iter().any(|i| done.contains(i)) {
                partial.step(x, p, s, x == m);
                done.push(x);
            }
        }
        self.results = Some(partial.finish());
        done.retain(|m| m.listed());
        done
    }

    /// Brings the results up to date with `s`; returns the methods it recomputed.
    pub fn update(&mut self, s: &Settings) -> Vec<Method> {
        let s = s.clone().normalized();
        self.revision += 1;
        let p = &self.prepared;
        let all = self.results.take().expect("results between updates");
        let mut partial = Partial::of(p.ds.len(), all);
        let mut done: Vec<Method> = Vec::new();
        for m in order(&s) {
            let own = m.settings_changed(&self.settings, &s);
            if own || m.inputs(&s).iter().any(|i| done.contains(i)) {
                partial.step(m, p, &s, own);
                done.push(m);
            }
        }
        self.results = Some(partial.finish());
        self.settings = s;
        done.retain(|m| m.listed());
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::method::NoClass;
    use std::collections::{BTreeMap, BTreeSet};

    /// A method file that is not in the registry would never run: every file in
    /// `classify/methods/` must be a registered method's key.
    #[test]
    fn every_method_file_is_registered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/classify/methods");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            if stem == "mod" {
                continue;
            }
            files += 1;
            assert!(
                Method::from_key(stem).is_some(),
                "classify/methods/{name} is not in the registry (registry.rs)"
            );
        }
        assert_eq!(files, REGISTERED.len());
    }

    #[test]
    fn keys_are_unique_and_the_listed_methods_keep_their_order() {
        let keys: BTreeSet<&str> = REGISTERED.iter().map(|m| m.key()).collect();
        assert_eq!(keys.len(), REGISTERED.len());
        assert!(Method::ALL.iter().all(|m| m.listed()));
        assert!(!Method::ALL.contains(&Method::Staffing));
        let listed: Vec<Method> = REGISTERED.iter().copied().filter(|m| m.listed()).collect();
        assert_eq!(Method::ALL.to_vec(), listed);
    }

    /// Each method comes after what it reads, under settings that switch the optional
    /// inputs on (the score as a measure, every dimension and class source).
    #[test]
    fn the_order_puts_inputs_first() {
        use crate::settings::{ClassSource, Dimension, ValueMeasure};
        let mut variants = vec![Settings::default()];
        let mut s = Settings::default();
        s.tiers.measure = ValueMeasure::Score;
        s.pyramid.measure = ValueMeasure::Score;
        s.crosstab.rows = Dimension::Pyramid;
        s.crosstab.cols = Dimension::FiveS;
        s.cross_sell.source = ClassSource::Pyramid;
        variants.push(s);
        for s in variants {
            let order = order(&s);
            assert_eq!(order.len(), REGISTERED.len());
            let pos: BTreeMap<Method, usize> =
                order.iter().enumerate().map(|(k, &m)| (m, k)).collect();
            for &m in REGISTERED {
                for input in m.inputs(&s) {
                    assert!(pos[&input] < pos[&m], "{m:?} before its input {input:?}");
                }
            }
        }
    }

    /// Reading a method that is not a declared input panics, so that a wrong declaration
    /// fails every test that runs the method.
    #[test]
    #[should_panic(expected = "reads `abc` without declaring it")]
    fn an_undeclared_input_panics() {
        let p = Prepared::new(Dataset::default());
        let all = run_all(&p, &Settings::default());
        let inputs = Inputs::new(&all, &[], "test");
        let _ = inputs.get::<methods::abc::Abc>();
    }

    #[test]
    fn methods_without_classes_have_none() {
        assert!(Method::CrossTab.classes().is_empty());
        assert!(NoClass::ALL.is_empty());
        assert_eq!(Method::Abc.classes().len(), 3);
    }
}

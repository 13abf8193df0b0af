//! The Customers table, one row per customer: which columns ([`Plan::new`]) and a customer's
//! cells ([`Plan::fill`]).
//!
//! Columns, in order:
//! - the customer's id, name, owner, region and industry, then its figures, each only when
//!   some customer has it (sales always);
//! - for every listed method with classes ([`Method::ALL`], [`Method::classes`]), in the
//!   registry's order: its class key (`<method>.class`; for a method whose customers carry
//!   flags, `<method>.flags`, the keys joined by `;`, as CRM multi-select fields are), its
//!   class name in the chosen language, or the user's name for the class (a renamed RFM
//!   segment), (`<method>.class_name`), and for a method the explain
//!   drawer shows, the "why" (`<method>.why`): its reasons as the drawer lists them, on one
//!   line ([`crate::format::reasons`]). The weighted score adds its score and each present
//!   criterion's points (`score.value`, `score.points.<criterion>`), the 5S review its flags
//!   (`five_s.flags`, `five_s.flags_name`). A method that cannot run on the data (a column it
//!   needs is missing) has no columns; [`Plan::left_out`] says why, for the Settings sheet.
//! - when some customer of the data is pinned as an exception ([`crate::settings::pins`]),
//!   after the figures: the kinds of its pins (`pin.kind`, `bzc;five_s`), their names
//!   (`pin.kind_name`), the reasons (`pin.reason`) and the newest pin date (`pin.date`).
//!
//! Each header is the column's name in the chosen language followed by its stable key in
//! brackets, `Sales [sales]` (see [`crate::export::csv`] for why).

use super::Options;
use crate::classify::explain::what;
use crate::classify::lookup::ClassInfo;
use crate::classify::{five_s, score, Engine, Explanation, Method, Missing, Reason};
use crate::i18n::{Lang, Tr};
use crate::model::Customer;
use crate::settings::Pin;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;

/// How a number is shown (the XLSX number format; CSV writes every number plainly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Num {
    /// As it is.
    Plain,
    /// `#,##0.00`.
    Money,
    /// `#,##0`.
    Int,
    /// A share 0–1 as a percentage, `0.0%`.
    Share,
    /// `#,##0.0`: ratings, scores, days.
    Decimal,
}

/// One cell. Text is always text (never a formula); a number is always a number.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64, Num),
    Date(NaiveDate),
    /// A "why": the reasons, to be written on one line in the language
    /// ([`crate::format::reasons`]). Kept as the reasons so that a writer can put their text
    /// straight into its output rather than into a string of its own first (the CSV does).
    Reasons(&'a [Reason], Lang),
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    /// A number, or nothing when it is missing or not finite (a gap is never zero).
    pub fn number(v: Option<f64>, num: Num) -> Cell<'a> {
        match v {
            Some(v) if v.is_finite() => Cell::Number(v, num),
            _ => Cell::Empty,
        }
    }
}

/// What a column holds, for its format and width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Short text: ids, names, class keys and names.
    Text,
    /// Long text: reasons.
    Prose,
    Number(Num),
    Date,
}

impl Kind {
    /// A sensible width in characters (the XLSX's column widths).
    pub fn width(self) -> f64 {
        match self {
            Kind::Text => 18.0,
            Kind::Prose => 60.0,
            Kind::Number(Num::Money) => 15.0,
            Kind::Number(_) => 11.0,
            Kind::Date => 12.0,
        }
    }
}

/// One column of the Customers table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Stable across languages and versions: `sales`, `abc.class`, `score.points.credit`.
    pub key: String,
    /// The header: the name in the chosen language, then the key in brackets.
    pub header: String,
    pub kind: Kind,
}

/// A value read from a customer record.
enum Value<'a> {
    None,
    Text(&'a str),
    Num(f64),
    Date(NaiveDate),
}

fn opt(v: Option<f64>) -> Value<'static> {
    v.map_or(Value::None, Value::Num)
}

fn text(v: &Option<String>) -> Value<'_> {
    v.as_deref().map_or(Value::None, Value::Text)
}

fn date(v: Option<NaiveDate>) -> Value<'static> {
    v.map_or(Value::None, Value::Date)
}

/// One figure of the customer record.
struct Figure {
    key: &'static str,
    name: Tr,
    kind: Kind,
    /// Shown even when no customer has it.
    always: bool,
    get: for<'a> fn(&'a Customer) -> Value<'a>,
}

const fn fig(
    key: &'static str,
    name: Tr,
    kind: Kind,
    get: for<'a> fn(&'a Customer) -> Value<'a>,
) -> Figure {
    Figure {
        key,
        name,
        kind,
        always: false,
        get,
    }
}

const MONEY: Kind = Kind::Number(Num::Money);
const INT: Kind = Kind::Number(Num::Int);
const SHARE: Kind = Kind::Number(Num::Share);
const DECIMAL: Kind = Kind::Number(Num::Decimal);

/// The customer record's columns, in order.
static FIGURES: &[Figure] = &[
    Figure {
        always: true,
        ..fig("id", Tr::new("Id", "客户编号", "Id"), Kind::Text, |c| {
            Value::Text(&c.id)
        })
    },
    Figure {
        always: true,
        ..fig(
            "name",
            Tr::new("Name", "客户名称", "Nombre"),
            Kind::Text,
            |c| Value::Text(&c.name),
        )
    },
    fig("owner", crate::glossary::OWNER.title, Kind::Text, |c| {
        text(&c.attrs().owner)
    }),
    fig("region", crate::glossary::REGION.title, Kind::Text, |c| {
        text(&c.attrs().region)
    }),
    fig(
        "industry",
        crate::glossary::INDUSTRY.title,
        Kind::Text,
        |c| text(&c.attrs().industry),
    ),
    Figure {
        always: true,
        ..fig("sales", what::SALES, MONEY, |c| Value::Num(c.sales))
    },
    fig("profit", what::PROFIT, MONEY, |c| opt(c.profit)),
    fig("orders", what::ORDERS, INT, |c| {
        opt(c.orders.map(f64::from))
    }),
    fig(
        "first_order",
        Tr::new("First order", "首次下单", "Primer pedido"),
        Kind::Date,
        |c| date(c.first_order),
    ),
    fig(
        "last_order",
        Tr::new("Last order", "最近下单", "Último pedido"),
        Kind::Date,
        |c| date(c.last_order),
    ),
    fig(
        "recency_days",
        Tr::new(
            "Days since the last order",
            "距最近下单天数",
            "Días desde el último pedido",
        ),
        INT,
        |c| opt(c.recency_days.map(|d| d as f64)),
    ),
    fig(
        "sales_last12",
        Tr::new(
            "Sales, last 12 months",
            "近 12 个月销售额",
            "Ventas, últimos 12 meses",
        ),
        MONEY,
        |c| opt(c.sales_last12),
    ),
    fig(
        "sales_prev12",
        Tr::new(
            "Sales, the 12 months before",
            "前 12 个月销售额",
            "Ventas, 12 meses anteriores",
        ),
        MONEY,
        |c| opt(c.sales_prev12),
    ),
    fig("growth", what::GROWTH, SHARE, |c| opt(c.growth)),
    fig(
        "frequency",
        Tr::new("Orders a month", "月均订单数", "Pedidos al mes"),
        DECIMAL,
        |c| opt(c.frequency),
    ),
    fig(
        "avg_order_value",
        Tr::new("Average order", "平均订单金额", "Pedido medio"),
        MONEY,
        |c| opt(c.avg_order_value),
    ),
    fig("avg_days_late", what::DAYS_LATE, DECIMAL, |c| {
        opt(c.attrs().avg_days_late)
    }),
    fig("on_time_share", what::ON_TIME, SHARE, |c| {
        opt(c.attrs().on_time_share)
    }),
    fig("overdue_amount", what::OVERDUE_AMOUNT, MONEY, |c| {
        opt(c.attrs().overdue_amount)
    }),
    fig("overdue_days", what::OVERDUE_DAYS, DECIMAL, |c| {
        opt(c.attrs().overdue_days)
    }),
    fig("credit_rating", what::CREDIT_RATING, DECIMAL, |c| {
        opt(c.attrs().credit_rating)
    }),
    fig("share_of_wallet", what::SHARE_OF_WALLET, SHARE, |c| {
        opt(c.attrs().share_of_wallet)
    }),
    fig("upcoming_volume", what::UPCOMING_VOLUME, MONEY, |c| {
        opt(c.attrs().upcoming_volume)
    }),
    fig("close_probability", what::CLOSE_PROBABILITY, SHARE, |c| {
        opt(c.attrs().close_probability)
    }),
    fig(
        "expected_close",
        Tr::new("Expected close", "预计成交日期", "Cierre previsto"),
        Kind::Date,
        |c| date(c.attrs().expected_close),
    ),
    fig("prospects", what::PROSPECTS, DECIMAL, |c| {
        opt(c.attrs().prospects_rating)
    }),
    fig("difficulty", what::DIFFICULTY, DECIMAL, |c| {
        opt(c.attrs().difficulty)
    }),
    fig("financial_status", what::FINANCIAL, DECIMAL, |c| {
        opt(c.attrs().financial_status)
    }),
    fig("attitude", what::ATTITUDE, DECIMAL, |c| {
        opt(c.attrs().attitude)
    }),
    fig("loyalty", what::LOYALTY, DECIMAL, |c| {
        opt(c.attrs().loyalty)
    }),
];

/// Customers explained together by [`Plan::for_each_row`]: their explanations are held at
/// once (a few hundred bytes each).
pub const EXPLAINED_TOGETHER: usize = 4096;

const KEY_SUFFIX: Tr = Tr::new(" (key)", "（键）", " (clave)");
const WHY_SUFFIX: Tr = Tr::new(": why", "：原因", ": motivo");
const POINTS_SUFFIX: Tr = Tr::new(": points", "：得分", ": puntos");
const FLAGS: Tr = Tr::new("5S flags", "5S 标记", "Marcas 5S");
const PINNED: Tr = Tr::new("Pinned exception", "例外设定", "Excepción fijada");
const PINNED_ON: Tr = Tr::new("Pinned on", "例外设定日期", "Fijado el");
/// The key of a released 5S customer among its flags.
pub const RELEASED: &str = "released";

/// Where a column's cells come from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Src {
    Figure(usize),
    /// The index of the method in `Plan::methods`.
    ClassKey(usize),
    ClassName(usize),
    Why(Method),
    Score,
    /// The index of the criterion in [`score::Criterion::ALL`].
    Points(usize),
    FiveSFlags,
    FiveSFlagNames,
    PinKinds,
    PinNames,
    PinReasons,
    PinDate,
}

/// The columns of one export, and how to fill a customer's row.
#[derive(Clone, Debug)]
pub struct Plan {
    lang: Lang,
    columns: Vec<Column>,
    src: Vec<Src>,
    /// The methods with columns, with their classes (read once, not per row).
    methods: Vec<(Method, Vec<ClassInfo>)>,
    left_out: Vec<(Method, Missing)>,
    explain: bool,
    points: bool,
    /// The pins of the customers of the data, by customer id.
    pins: HashMap<String, Vec<Pin>>,
}

fn header(name: &str, key: &str) -> String {
    format!("{name} [{key}]")
}

impl Plan {
    /// The columns for this engine's data and results: the figures some customer has, and the
    /// methods that could run (their "why" too, unless [`Options::omit_why`]).
    pub fn new(engine: &Engine, options: &Options) -> Plan {
        let lang = options.lang;
        let customers = &engine.prepared().ds.customers;
        let all = engine.results();
        let mut plan = Plan {
            lang,
            columns: Vec::new(),
            src: Vec::new(),
            methods: Vec::new(),
            left_out: Vec::new(),
            explain: false,
            points: false,
            pins: HashMap::new(),
        };
        let push = |plan: &mut Plan, key: String, name: String, kind: Kind, src: Src| {
            plan.columns.push(Column {
                header: header(&name, &key),
                key,
                kind,
            });
            plan.src.push(src);
        };
        for (k, f) in FIGURES.iter().enumerate() {
            let present = f.always || customers.iter().any(|c| !matches!((f.get)(c), Value::None));
            if present {
                push(
                    &mut plan,
                    f.key.to_string(),
                    f.name.get(lang).to_string(),
                    f.kind,
                    Src::Figure(k),
                );
            }
        }
        for pin in engine.settings().exceptions() {
            plan.pins.entry(pin.id.clone()).or_default().push(pin);
        }
        if !plan.pins.is_empty() && customers.iter().any(|c| plan.pins.contains_key(&c.id)) {
            let name = PINNED.get(lang);
            for (key, name, kind, src) in [
                (
                    "pin.kind",
                    format!("{name}{}", KEY_SUFFIX.get(lang)),
                    Kind::Text,
                    Src::PinKinds,
                ),
                ("pin.kind_name", name.to_string(), Kind::Text, Src::PinNames),
                (
                    "pin.reason",
                    format!("{name}{}", WHY_SUFFIX.get(lang)),
                    Kind::Prose,
                    Src::PinReasons,
                ),
                (
                    "pin.date",
                    PINNED_ON.get(lang).to_string(),
                    Kind::Date,
                    Src::PinDate,
                ),
            ] {
                push(&mut plan, key.to_string(), name, kind, src);
            }
        } else {
            plan.pins.clear();
        }
        for m in Method::ALL {
            let classes = m.classes();
            if classes.is_empty() {
                continue;
            }
            if let Err(missing) = all.available(m) {
                plan.left_out.push((m, missing));
                continue;
            }
            let (key, name) = (m.key(), m.name().get(lang));
            let at = plan.methods.len();
            plan.methods.push((m, classes));
            let class_key = if m.is_multi() { "flags" } else { "class" };
            push(
                &mut plan,
                format!("{key}.{class_key}"),
                format!("{name}{}", KEY_SUFFIX.get(lang)),
                Kind::Text,
                Src::ClassKey(at),
            );
            push(
                &mut plan,
                format!("{key}.class_name"),
                name.to_string(),
                Kind::Text,
                Src::ClassName(at),
            );
            if m == Method::Score {
                if let Ok(r) = &all.score {
                    push(
                        &mut plan,
                        "score.value".into(),
                        what::SCORE.get(lang).into(),
                        DECIMAL,
                        Src::Score,
                    );
                    for (k, c) in score::Criterion::ALL.iter().enumerate() {
                        if r.present[k] {
                            plan.points = true;
                            push(
                                &mut plan,
                                format!("score.points.{}", c.key()),
                                format!("{}{}", c.name().get(lang), POINTS_SUFFIX.get(lang)),
                                DECIMAL,
                                Src::Points(k),
                            );
                        }
                    }
                }
            }
            if m == Method::FiveS {
                push(
                    &mut plan,
                    "five_s.flags".into(),
                    format!("{}{}", FLAGS.get(lang), KEY_SUFFIX.get(lang)),
                    Kind::Text,
                    Src::FiveSFlags,
                );
                push(
                    &mut plan,
                    "five_s.flags_name".into(),
                    FLAGS.get(lang).into(),
                    Kind::Text,
                    Src::FiveSFlagNames,
                );
            }
            if m.explained() && !options.omit_why {
                plan.explain = true;
                push(
                    &mut plan,
                    format!("{key}.why"),
                    format!("{name}{}", WHY_SUFFIX.get(lang)),
                    Kind::Prose,
                    Src::Why(m),
                );
            }
        }
        plan
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The listed methods with classes that could not run on the data, and the column each
    /// lacks: they have no columns.
    pub fn left_out(&self) -> &[(Method, Missing)] {
        &self.left_out
    }

    /// The header row.
    pub fn headers(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.header.as_str())
    }

    /// The cells of each customer of `rows` (indices into the dataset), one per column, handed
    /// to `each` in order. The customers are explained [`EXPLAINED_TOGETHER`] at a time
    /// ([`Engine::explain_by_method`]), which costs a pass over the dataset (and a sort, for tiers
    /// by percentile) however few they are: call it with a few thousand rows, not one.
    pub fn for_each_row<E>(
        &self,
        engine: &Engine,
        rows: &[u32],
        mut each: impl FnMut(&[Cell<'_>]) -> Result<(), E>,
    ) -> Result<(), E> {
        let n = engine.prepared().ds.len();
        for chunk in rows.chunks(EXPLAINED_TOGETHER) {
            // A row past the data has no customer, and no cells (nor a line of its own).
            let idx: Vec<usize> = chunk
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| i < n)
                .collect();
            let explained = if self.explain {
                engine.explain_by_method(&idx)
            } else {
                Vec::new()
            };
            // The cells borrow this chunk's explanations: a buffer per chunk.
            let mut cells = Vec::with_capacity(self.columns.len());
            for (k, &i) in idx.iter().enumerate() {
                self.fill(engine, i, (&explained, k), &mut cells);
                each(&cells)?;
            }
        }
        Ok(())
    }

    /// Customer `i`'s cells into `out` (cleared first), with its explanations: the `k`-th
    /// of each method's in `explained` ([`Engine::explain_by_method`]).
    fn fill<'a>(
        &self,
        engine: &'a Engine,
        i: usize,
        (explained, k): (&'a [(Method, Vec<Explanation>)], usize),
        out: &mut Vec<Cell<'a>>,
    ) {
        out.clear();
        let Some(c) = engine.prepared().ds.customers.get(i) else {
            return;
        };
        let all = engine.results();
        let lang = self.lang;
        let scored = all.score.as_ref().ok();
        let points = match scored {
            Some(r) if self.points => {
                score::breakdown(engine.prepared(), &engine.settings().score, r, i)
            }
            _ => Vec::new(),
        };
        let sep = crate::format::list_separator(lang);
        let pins = self.pins.get(&c.id).map_or(&[][..], Vec::as_slice);
        let joined = |f: &dyn Fn(&Pin) -> &str, by: &str| -> Cell<'a> {
            let mut parts: Vec<&str> = Vec::new();
            for p in pins {
                let s = f(p);
                if !s.is_empty() && !parts.contains(&s) {
                    parts.push(s);
                }
            }
            if parts.is_empty() {
                Cell::Empty
            } else {
                Cell::text(parts.join(by))
            }
        };
        for &src in &self.src {
            out.push(match src {
                Src::Figure(k) => match (FIGURES[k].get)(c) {
                    Value::None => Cell::Empty,
                    Value::Text(s) => Cell::text(s),
                    Value::Num(v) => match FIGURES[k].kind {
                        Kind::Number(num) => Cell::number(Some(v), num),
                        _ => Cell::number(Some(v), Num::Plain),
                    },
                    Value::Date(d) => Cell::Date(d),
                },
                Src::ClassKey(at) | Src::ClassName(at) => {
                    let (m, classes) = &self.methods[at];
                    let key = matches!(src, Src::ClassKey(_));
                    // The key stays the stable one; the name is the user's, if they gave one.
                    let settings = engine.settings();
                    let label = |c: &ClassInfo| {
                        if key {
                            c.key
                        } else {
                            m.class_name(settings, c, lang)
                        }
                    };
                    if m.is_multi() {
                        let bits = all.bits(*m, i);
                        let set: Vec<&str> = classes
                            .iter()
                            .filter(|c| bits & (1 << c.index) != 0)
                            .map(label)
                            .collect();
                        if set.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::text(set.join(if key { ";" } else { sep }))
                        }
                    } else {
                        match all
                            .class_of(*m, i)
                            .and_then(|k| classes.get(usize::from(k)))
                        {
                            Some(c) => Cell::text(label(c)),
                            None => Cell::Empty,
                        }
                    }
                }
                Src::Why(m) => match explained
                    .iter()
                    .find(|(x, _)| *x == m)
                    .and_then(|(_, column)| column.get(k))
                {
                    Some(e) if !e.reasons.is_empty() => Cell::Reasons(&e.reasons, lang),
                    _ => Cell::Empty,
                },
                Src::Score => Cell::number(scored.and_then(|r| r.score.get(i).copied()), DEC),
                Src::Points(k) => Cell::number(
                    points
                        .iter()
                        .find(|p| p.criterion == score::Criterion::ALL[k])
                        .and_then(|p| p.value.map(|_| p.points)),
                    DEC,
                ),
                Src::PinKinds => joined(&|p| p.kind.key(), ";"),
                Src::PinNames => joined(&|p| p.kind.name().get(lang), sep),
                Src::PinReasons => joined(&|p| p.reason.as_str(), sep),
                Src::PinDate => pins
                    .iter()
                    .filter_map(|p| p.date)
                    .max()
                    .map_or(Cell::Empty, Cell::Date),
                Src::FiveSFlags | Src::FiveSFlagNames => {
                    let key = src == Src::FiveSFlags;
                    let r = &all.five_s;
                    let mut set: Vec<&str> = five_s::Flag::ALL
                        .iter()
                        .filter(|&&f| r.has(i, f))
                        .map(|f| {
                            if key {
                                f.key()
                            } else {
                                f.strategy().title.get(lang)
                            }
                        })
                        .collect();
                    if r.released.get(i).copied().unwrap_or(false) {
                        set.push(if key {
                            RELEASED
                        } else {
                            five_s::released_strategy().title.get(lang)
                        });
                    }
                    if set.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::text(set.join(if key { ";" } else { sep }))
                    }
                }
            });
        }
    }
}

const DEC: Num = Num::Decimal;

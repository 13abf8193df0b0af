//! How sure the mapping is of each column, from its header and from its values.
//!
//! [`super::fields::auto_map`] reads headers only. Here each guess is weighed against the first
//! rows of its column: a rating read on the 0–100 (or AAA–D) scale whose values run 1–5, an
//! amount that is not numbers, a date that is not dates. A header that is a bare, many-meaning
//! word ("Rating") lowers the confidence too. An optional field whose values contradict it is
//! *held back*: the column is not used until the user confirms it, so a product review score
//! never feeds the credit checks unseen. A column chosen by the user is never held back.
//!
//! When two columns could be the product ("SKU", "Product Type"), the one with fewer different
//! values is taken: cross-selling works on product lines, not on stock-keeping units.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::fields::{normalize_header, Field};
use super::values::{parse_date, parse_number, parse_rating};
use super::Mapping;
use crate::glossary;
use crate::i18n::{Lang, Tr};

/// Where a column's field came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum How {
    /// The header is one of the field's names.
    Exact,
    /// The header contains one of the field's names ("Total sales 2024").
    Contained,
    /// The user chose it (now or for an earlier file with the same headers).
    Yours,
    /// Not mapped.
    None,
}

/// How sure the guess is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sure {
    Low,
    Medium,
    High,
}

/// Why a guess is less than sure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Doubt {
    /// The header is a bare word with several meanings ("Rating", "Score", "Status").
    GenericHeader,
    /// A rating field (read on 0–100 or AAA–D) whose numbers run from 0 or 1 to `max` (5 or 10):
    /// a review score or a 1–5 scale, which would read as very poor.
    SmallScale { max: u32 },
    /// A number field where only `percent` of the filled cells are numbers.
    NotNumbers { percent: u8 },
    /// A date field where only `percent` of the filled cells are dates.
    NotDates { percent: u8 },
    /// Only `percent` of the first rows fill the column.
    MostlyEmpty { percent: u8 },
    /// Chosen as the product over `other`, which has more different values (`this` against
    /// `theirs` in the first rows).
    ChosenOver {
        other: String,
        this: u32,
        theirs: u32,
    },
}

impl Sure {
    /// The badge: "Sure", "Likely", "Check"; "Your choice" for the user's.
    pub fn label(self, how: How) -> Tr {
        match (how, self) {
            (How::Yours, _) => Tr::new("Your choice", "您的选择", "Elegido por usted"),
            (_, Sure::High) => Tr::new("Sure", "确定", "Seguro"),
            (_, Sure::Medium) => Tr::new("Likely", "很可能", "Probable"),
            (_, Sure::Low) => Tr::new("Check", "请核对", "Revisar"),
        }
    }
}

impl How {
    /// Where the guess came from, in a sentence.
    pub fn describe(self) -> Option<Tr> {
        match self {
            How::Exact => Some(Tr::new(
                "The header is one of this field's names.",
                "列名与该字段的名称一致。",
                "El encabezado es uno de los nombres de este campo.",
            )),
            How::Contained => Some(Tr::new(
                "The header contains one of this field's names.",
                "列名包含该字段的名称。",
                "El encabezado contiene uno de los nombres de este campo.",
            )),
            How::Yours => Some(Tr::new(
                "You chose it; it is remembered for files with these headers.",
                "由您选择；表头相同的文件会沿用。",
                "Lo eligió usted; se recuerda para los archivos con estos encabezados.",
            )),
            How::None => None,
        }
    }
}

fn percent_text(p: u8, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("{p} %"),
        _ => format!("{p}%"),
    }
}

fn fill(t: &str, args: &[(&str, &str)]) -> String {
    let mut out = t.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

fn quoted(s: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("“{s}”"),
        Lang::ZhCn => format!("“{s}”"),
        Lang::Es => format!("«{s}»"),
    }
}

impl Doubt {
    /// The doubt in a sentence, for the column `header` guessed as `field`.
    pub fn describe(&self, header: &str, field: Field, lang: Lang) -> String {
        let name = glossary::field(field).lower.get(lang);
        match self {
            Doubt::GenericHeader => fill(
                Tr::new(
                    "{header} can mean many things.",
                    "{header}一词含义不止一种。",
                    "{header} puede significar varias cosas.",
                )
                .get(lang),
                &[("header", &quoted(header, lang))],
            ),
            Doubt::SmallScale { max } => fill(
                Tr::new(
                    "Its values run from 1 to {max}, like a review score; the {field} is read on 0–100 or AAA–D, where {max} is very poor.",
                    "取值为 1–{max}，像是评价打分；{field}按 0–100 或 AAA–D 读取，{max} 分会被当作很差。",
                    "Sus valores van de 1 a {max}, como una valoración; el campo «{field}» se lee en 0–100 o AAA–D, donde {max} es muy bajo.",
                )
                .get(lang),
                &[("max", &max.to_string()), ("field", name)],
            ),
            Doubt::NotNumbers { percent } => fill(
                if kind(field) == Kind::Rating {
                    Tr::new(
                        "Only {p} of its first values are numbers or grades (AAA–D, high, low).",
                        "前几行中只有 {p} 是数字或等级（AAA–D、高、低）。",
                        "Solo el {p} de sus primeros valores son números o grados (AAA–D, alto, bajo).",
                    )
                } else {
                    Tr::new(
                        "Only {p} of its first values are numbers.",
                        "前几行中只有 {p} 是数字。",
                        "Solo el {p} de sus primeros valores son números.",
                    )
                }
                .get(lang),
                &[("p", &percent_text(*percent, lang))],
            ),
            Doubt::NotDates { percent } => fill(
                Tr::new(
                    "Only {p} of its first values are dates.",
                    "前几行中只有 {p} 是日期。",
                    "Solo el {p} de sus primeros valores son fechas.",
                )
                .get(lang),
                &[("p", &percent_text(*percent, lang))],
            ),
            Doubt::MostlyEmpty { percent } => fill(
                Tr::new(
                    "Only {p} of the first rows fill it.",
                    "前几行中只有 {p} 有值。",
                    "Solo el {p} de las primeras filas lo rellenan.",
                )
                .get(lang),
                &[("p", &percent_text(*percent, lang))],
            ),
            Doubt::ChosenOver {
                other,
                this,
                theirs,
            } => fill(
                Tr::new(
                    "Chosen over {other}: {this} kinds against {theirs} different values. Cross-selling works on product lines.",
                    "选用此列而非{other}：{this} 类，而后者有 {theirs} 个不同值。交叉销售按产品线分析。",
                    "Elegida en lugar de {other}: {this} tipos frente a {theirs} valores distintos. La venta cruzada trabaja por líneas de producto.",
                )
                .get(lang),
                &[
                    ("other", &quoted(other, lang)),
                    ("this", &this.to_string()),
                    ("theirs", &theirs.to_string()),
                ],
            ),
        }
    }
}

/// One column's guess.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnGuess {
    pub how: How,
    pub sure: Sure,
    pub doubts: Vec<Doubt>,
    /// A field guessed but not used until the user confirms it.
    pub held: Option<Field>,
}

/// What the first rows of a column hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub rows: u32,
    pub filled: u32,
    pub numbers: u32,
    /// Numbers that are whole.
    pub whole: u32,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub dates: u32,
    /// Cells read as a rating word or grade ("AAA", "high", "良").
    pub rating_words: u32,
    /// Different values, counted up to the rows looked at.
    pub distinct: u32,
}

impl Profile {
    pub fn of<R: AsRef<[String]>>(rows: &[R], col: usize) -> Profile {
        let mut p = Profile {
            rows: rows.len() as u32,
            ..Profile::default()
        };
        let mut seen: HashSet<&str> = HashSet::new();
        for r in rows {
            let Some(cell) = r.as_ref().get(col).map(|s| s.trim()) else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            p.filled += 1;
            seen.insert(cell);
            if let Some(v) = parse_number(cell).filter(|v| v.is_finite()) {
                p.numbers += 1;
                if v.fract() == 0.0 {
                    p.whole += 1;
                }
                p.min = Some(p.min.map_or(v, |m| m.min(v)));
                p.max = Some(p.max.map_or(v, |m| m.max(v)));
            } else if parse_rating(cell).is_some() {
                p.rating_words += 1;
            }
            if parse_date(cell).is_some() {
                p.dates += 1;
            }
        }
        p.distinct = seen.len() as u32;
        p
    }

    fn percent(part: u32, whole: u32) -> u8 {
        if whole == 0 {
            100
        } else {
            (u64::from(part) * 100 / u64::from(whole)) as u8
        }
    }
}

/// What a field's cells must be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Fraction,
    Rating,
    Date,
}

fn kind(f: Field) -> Kind {
    use Field::*;
    match f {
        CustomerId | CustomerName | Product | Status | Owner | Region | Industry => Kind::Text,
        Amount | Profit | Cost | Orders | Growth | AvgDaysLate | OverdueAmount | OverdueDays
        | UpcomingVolume => Kind::Number,
        OnTimeShare | ShareOfWallet | CloseProbability => Kind::Fraction,
        CreditRating | Prospects | Difficulty | FinancialStatus | Attitude | Loyalty => {
            Kind::Rating
        }
        Date | DueDate | PaidDate | FirstOrder | LastOrder | ExpectedClose => Kind::Date,
    }
}

/// Fields a file cannot do without: never held back (a wrong one shows as rejected rows).
fn essential(f: Field) -> bool {
    matches!(
        f,
        Field::CustomerId | Field::CustomerName | Field::Amount | Field::Date
    )
}

/// Headers (normalised) that name many things; a field taken from one alone is only likely.
const GENERIC: &[&str] = &[
    "rating",
    "score",
    "grade",
    "level",
    "status",
    "type",
    "class",
    "category",
    "value",
    "rate",
    "评级",
    "评分",
    "等级",
    "状态",
    "类型",
    "calificación",
    "calificacion",
    "puntuación",
    "puntuacion",
    "nivel",
    "estado",
    "tipo",
];

/// The share of filled cells below which a value check raises a doubt.
const FIT_PERCENT: u8 = 80;
/// Below this share, the column holds something else: the guess is held back.
const MEANS_ELSE: u8 = 50;

/// Doubts about `field` from the column's values (`None`: nothing to say).
fn value_doubts(field: Field, p: &Profile) -> Vec<Doubt> {
    let mut out = Vec::new();
    if p.filled == 0 {
        return out;
    }
    let filled = Profile::percent(p.filled, p.rows);
    if filled < 20 {
        out.push(Doubt::MostlyEmpty { percent: filled });
    }
    match kind(field) {
        Kind::Text => {}
        Kind::Number | Kind::Fraction => {
            let pc = Profile::percent(p.numbers, p.filled);
            if pc < FIT_PERCENT {
                out.push(Doubt::NotNumbers { percent: pc });
            }
        }
        Kind::Date => {
            let pc = Profile::percent(p.dates, p.filled);
            if pc < FIT_PERCENT {
                out.push(Doubt::NotDates { percent: pc });
            }
        }
        Kind::Rating => {
            let numbers = Profile::percent(p.numbers, p.filled);
            let readable = Profile::percent(p.numbers + p.rating_words, p.filled);
            if readable < FIT_PERCENT {
                out.push(Doubt::NotNumbers { percent: readable });
            } else if numbers >= FIT_PERCENT && p.whole == p.numbers {
                // Whole numbers from 0 or 1 up to 5 (or 10): a small scale, not 0–100.
                if let (Some(lo), Some(hi)) = (p.min, p.max) {
                    if lo >= 0.0 && hi <= 10.0 {
                        let max = if hi <= 5.0 { 5 } else { 10 };
                        out.push(Doubt::SmallScale { max });
                    }
                }
            }
        }
    }
    out
}

fn how_of(header: &str, field: Option<Field>) -> How {
    let Some(f) = field else {
        return How::None;
    };
    let norm = normalize_header(header);
    if f.synonyms().contains(&norm.as_str()) {
        How::Exact
    } else {
        How::Contained
    }
}

/// The mapping of `headers` and the guess for each column, given the first data rows.
/// `saved`: a mapping the user fixed (for these headers or others, see
/// [`Mapping::carry_over`]); a column it leaves as the guess would have it keeps the guess
/// and its doubts, a column it changes is the user's choice, never held back. Held-back
/// fields are out of the returned mapping.
pub fn weigh<R: AsRef<[String]>>(
    headers: Vec<String>,
    saved: Option<&Mapping>,
    rows: &[R],
) -> (Mapping, Vec<ColumnGuess>) {
    let (auto, mut guesses) = weigh_auto(Mapping::auto(headers), rows);
    let Some(saved) = saved else {
        return (auto, guesses);
    };
    let mapping = Mapping::carry_over(saved, auto.headers.clone());
    for (col, g) in guesses.iter_mut().enumerate() {
        let field = mapping.fields[col];
        if field == auto.fields[col] {
            continue;
        }
        let doubts = match field {
            Some(f) => value_doubts(f, &Profile::of(rows, col)),
            None => Vec::new(),
        };
        *g = ColumnGuess {
            how: if field.is_some() {
                How::Yours
            } else {
                How::None
            },
            sure: Sure::High,
            doubts,
            held: None,
        };
    }
    (mapping, guesses)
}

fn weigh_auto<R: AsRef<[String]>>(mut mapping: Mapping, rows: &[R]) -> (Mapping, Vec<ColumnGuess>) {
    let n = mapping.headers.len();
    let chosen_over = prefer_product_group(&mut mapping, rows);
    let mut guesses = Vec::with_capacity(n);
    for col in 0..n {
        let field = mapping.fields.get(col).copied().flatten();
        let header = &mapping.headers[col];
        let how = how_of(header, field);
        let mut doubts = Vec::new();
        if let Some(f) = field {
            if GENERIC.contains(&normalize_header(header).as_str()) {
                doubts.push(Doubt::GenericHeader);
            }
            doubts.extend(value_doubts(f, &Profile::of(rows, col)));
            if let Some((c, d)) = &chosen_over {
                if *c == col {
                    doubts.push(d.clone());
                }
            }
        }
        // Most cells of another kind: the column means something else (a few bad cells
        // are the rows' problem, rejected and listed one by one).
        let contradicted = doubts.iter().any(|d| match d {
            Doubt::SmallScale { .. } => true,
            Doubt::NotNumbers { percent } | Doubt::NotDates { percent } => *percent < MEANS_ELSE,
            _ => false,
        });
        let sure = match how {
            How::None | How::Yours => Sure::High,
            _ if contradicted => Sure::Low,
            How::Exact if doubts.is_empty() => Sure::High,
            _ => Sure::Medium,
        };
        let held = match field {
            Some(f) if sure == Sure::Low && !essential(f) => Some(f),
            _ => None,
        };
        guesses.push(ColumnGuess {
            how,
            sure,
            doubts,
            held,
        });
    }
    for (col, g) in guesses.iter().enumerate() {
        if g.held.is_some() {
            mapping.fields[col] = None;
        }
    }
    (mapping, guesses)
}

/// When the product is mapped and another unmapped column's header also names a product
/// ("SKU" and "Product Type"), takes the one with fewer different values (at least 2).
fn prefer_product_group<R: AsRef<[String]>>(
    mapping: &mut Mapping,
    rows: &[R],
) -> Option<(usize, Doubt)> {
    let current = mapping.column(Field::Product)?;
    let names_product = |h: &str| {
        let norm = normalize_header(h);
        Field::Product
            .synonyms()
            .iter()
            .any(|s| norm == *s || (s.chars().count() >= 4 && norm.contains(s)))
    };
    let distinct = |c: usize| Profile::of(rows, c).distinct;
    let theirs = distinct(current);
    let (best, this) = (0..mapping.headers.len())
        .filter(|&c| c != current && mapping.fields[c].is_none())
        .filter(|&c| names_product(&mapping.headers[c]))
        .map(|c| (c, distinct(c)))
        .filter(|&(_, d)| d >= 2 && d < theirs)
        .min_by_key(|&(c, d)| (d, c))?;
    mapping.fields[current] = None;
    mapping.fields[best] = Some(Field::Product);
    Some((
        best,
        Doubt::ChosenOver {
            other: mapping.headers[current].clone(),
            this,
            theirs,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cols: &[&[&str]]) -> Vec<Vec<String>> {
        let n = cols[0].len();
        (0..n)
            .map(|i| cols.iter().map(|c| c[i].to_string()).collect())
            .collect()
    }

    fn weighed(headers: &[&str], cols: &[&[&str]]) -> (Mapping, Vec<ColumnGuess>) {
        weigh(
            headers.iter().map(|s| s.to_string()).collect(),
            None,
            &rows(cols),
        )
    }

    #[test]
    fn a_review_score_named_rating_is_held_back_from_credit() {
        let (m, g) = weighed(
            &["Customer ID", "Rating", "Total Price"],
            &[
                &["1", "2", "3", "4", "5", "6"],
                &["5", "3", "4", "1", "2", "5"],
                &["10", "20", "30", "40", "50", "60"],
            ],
        );
        assert_eq!(m.fields[1], None, "not used until confirmed");
        assert_eq!(g[1].held, Some(Field::CreditRating));
        assert_eq!(g[1].sure, Sure::Low);
        assert!(g[1].doubts.contains(&Doubt::GenericHeader));
        assert!(g[1].doubts.contains(&Doubt::SmallScale { max: 5 }));
        assert_eq!((g[0].how, g[0].sure), (How::Exact, Sure::High));
        assert_eq!(g[2].how, How::Contained);
        assert_eq!(g[2].sure, Sure::Medium);
    }

    #[test]
    fn a_credit_rating_on_its_scale_is_sure() {
        let (m, g) = weighed(
            &["Customer", "Credit rating"],
            &[&["a", "b", "c"], &["AAA", "B", "72"]],
        );
        assert_eq!(m.fields[1], Some(Field::CreditRating));
        assert_eq!((g[1].how, g[1].sure), (How::Exact, Sure::High));
        // A bare "Rating" on 0–100 is used, but only likely.
        let (m, g) = weighed(&["Customer", "Rating"], &[&["a", "b"], &["80", "65"]]);
        assert_eq!(m.fields[1], Some(Field::CreditRating));
        assert_eq!(g[1].sure, Sure::Medium);
        assert_eq!(g[1].doubts, [Doubt::GenericHeader]);
    }

    #[test]
    fn the_product_group_is_taken_over_the_sku() {
        let (m, g) = weighed(
            &[
                "Customer ID",
                "Product Type",
                "SKU",
                "Total Price",
                "Purchase Date",
            ],
            &[
                &["1", "2", "3", "4"],
                &["Laptop", "Tablet", "Laptop", "Laptop"],
                &["LTP123", "TBL345", "LTP124", "LTP125"],
                &["10", "20", "30", "40"],
                &["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
            ],
        );
        assert_eq!(m.fields[1], Some(Field::Product));
        assert_eq!(m.fields[2], None);
        assert_eq!(g[1].sure, Sure::Medium);
        assert_eq!(
            g[1].doubts,
            [Doubt::ChosenOver {
                other: "SKU".into(),
                this: 2,
                theirs: 4
            }]
        );
    }

    #[test]
    fn values_that_contradict_the_field_lower_it_but_essentials_stay() {
        let (m, g) = weighed(
            &["Customer", "Amount", "Region", "Due date"],
            &[
                &["a", "b", "c"],
                &["x", "y", "10"],
                &["N", "S", "E"],
                &["soon", "later", "2024-01-01"],
            ],
        );
        assert_eq!(g[1].doubts, [Doubt::NotNumbers { percent: 33 }]);
        assert_eq!(
            (g[1].sure, g[1].held),
            (Sure::Low, None),
            "the amount is kept"
        );
        assert_eq!(m.fields[1], Some(Field::Amount));
        assert_eq!(g[3].held, Some(Field::DueDate));
        assert_eq!(m.fields[3], None);
        assert_eq!(g[2].sure, Sure::High);
    }

    #[test]
    fn the_users_choice_is_never_held() {
        let headers = vec!["Customer".to_string(), "Rating".into(), "Region".into()];
        let data = rows(&[&["a", "b"], &["1", "5"], &["N", "S"]]);
        let m = Mapping {
            headers: headers.clone(),
            fields: vec![Some(Field::CustomerId), Some(Field::CreditRating), None],
        };
        let (m, g) = weigh(headers.clone(), Some(&m), &data);
        assert_eq!(m.fields[1], Some(Field::CreditRating));
        assert_eq!(
            (g[1].how, g[1].sure, g[1].held),
            (How::Yours, Sure::High, None)
        );
        assert_eq!(g[1].doubts, [Doubt::SmallScale { max: 5 }], "still said");
        assert_eq!(
            (g[2].how, m.fields[2]),
            (How::None, None),
            "left out by the user"
        );
        // A saved mapping that changed another column keeps this one's guess, held.
        let other = Mapping {
            headers: headers.clone(),
            fields: vec![Some(Field::CustomerId), None, Some(Field::Region)],
        };
        let (m, g) = weigh(headers, Some(&other), &data);
        assert_eq!(g[0].how, How::Yours, "auto takes \"Customer\" as the name");
        assert_eq!((m.fields[1], g[1].held), (None, Some(Field::CreditRating)));
        assert_eq!((g[2].how, g[2].sure), (How::Exact, Sure::High));
    }

    #[test]
    fn doubts_read_in_three_languages() {
        let d = Doubt::SmallScale { max: 5 };
        assert_eq!(
            d.describe("Rating", Field::CreditRating, Lang::En),
            "Its values run from 1 to 5, like a review score; the credit rating is read on 0–100 or AAA–D, where 5 is very poor."
        );
        assert!(d
            .describe("Rating", Field::CreditRating, Lang::ZhCn)
            .contains("信用等级"));
        assert_eq!(
            Doubt::NotNumbers { percent: 0 }.describe("Loyalty Member", Field::Loyalty, Lang::Es),
            "Solo el 0 % de sus primeros valores son números o grados (AAA–D, alto, bajo)."
        );
        assert_eq!(
            Doubt::GenericHeader.describe("Rating", Field::CreditRating, Lang::Es),
            "«Rating» puede significar varias cosas."
        );
    }

    #[test]
    fn mostly_empty_and_empty_columns() {
        let mut region = vec![""; 10];
        region[0] = "North";
        let (_, g) = weighed(&["Customer", "Region"], &[&["a"; 10], &region]);
        assert_eq!(g[1].doubts, [Doubt::MostlyEmpty { percent: 10 }]);
        assert_eq!(g[1].sure, Sure::Medium);
        let (_, g) = weighed(&["Customer", "Region"], &[&["a"; 3], &["", "", ""]]);
        assert_eq!(g[1].sure, Sure::High, "no values, nothing to doubt");
    }
}

//! Bytes → rows → customers, with diagnostics. Nothing here panics on user data, and every row
//! read is either used or rejected with its row number, column, value and reason.
//!
//! Entry points:
//! - [`import_bytes`]: a whole file (CSV/TSV/TXT in any common encoding, XLSX, XLSM, XLSB, XLS,
//!   ODS), dispatched on its content, not its name.
//! - [`StreamImporter`]: the same for a text file fed in chunks (`Blob.slice`), holding only
//!   per-customer state and a compact log, never the whole text. A workbook fed to it is
//!   buffered and read at [`StreamImporter::finish`].
//! - [`sheet::sheets`]: the sheets of a workbook, for a sheet picker
//!   ([`ImportOptions::sheet`]).
//! - [`import_csv`] / [`import_csv_as`]: the first version's API, kept.
//!
//! Modules:
//! - [`decode`]: file kind and text encoding detection (chardetng, encoding_rs).
//! - [`table`]: delimiter sniffing, header row detection, header signature.
//! - [`fields`]: the field vocabulary and the zh-CN / en / es header synonyms.
//! - [`guess`]: how sure each column's field is, from its header and first values; guesses
//!   the values contradict are held back until the user confirms them.
//! - [`values`] and [`columns`]: numbers and dates, conventions decided per column.
//! - [`rollup`]: a transaction log as a [`rollup::CompactLog`], rolled up per customer.
//! - [`customers`]: a customer table read row by row.
//! - [`sheet`]: workbooks through calamine, with zip-bomb and size limits.
//! - [`join`]: a customer master and an order log joined into one [`crate::Dataset`].

pub mod cells;
pub mod columns;
pub mod currency;
pub mod customers;
pub mod decode;
pub mod diagnostics;
pub mod fields;
pub mod guess;
pub mod join;
pub mod limits;
pub mod messages;
pub mod money;
pub mod ole;
pub mod plain;
pub mod rollup;
pub mod sheet;
pub mod stream;
pub mod table;
pub mod unpack;
pub mod values;
pub(crate) mod words;

pub use diagnostics::{ImportError, ImportReport, Question, Reason, Rejection};
pub use fields::Field;
pub use limits::{Limits, Measure, LIMITS};
pub use rollup::CompactLog;
pub use rollup::LogPart;
pub use sheet::{sheets, SheetInfo};
pub use stream::part::{Handoff, PartReader};
pub use stream::{Progress, ReadWorkbook, StreamImporter};
pub use values::{DateOrder, DecimalSep};

use cells::Row;
use chrono::NaiveDate;
use customers::TableBuilder;
use rollup::LogBuilder;
use serde::{Deserialize, Serialize};

/// The two shapes a spreadsheet comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// One row per customer.
    Customers,
    /// One row per order or invoice.
    Transactions,
}

/// Column → field, with the headers it was built from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub fields: Vec<Option<Field>>,
}

impl Mapping {
    pub fn auto(headers: Vec<String>) -> Self {
        let fields = fields::auto_map(&headers);
        Mapping { headers, fields }
    }

    /// A mapping fixed by hand for other headers, carried over to these: the same headers in the
    /// same order take its fields as they are; otherwise each header takes the field of the
    /// saved header with the same normalised name, and the rest stay unmapped.
    pub fn carry_over(saved: &Mapping, headers: Vec<String>) -> Self {
        if saved.headers == headers {
            let mut fields = saved.fields.clone();
            fields.resize(headers.len(), None);
            return Mapping { headers, fields };
        }
        let norm: Vec<String> = saved
            .headers
            .iter()
            .map(|h| fields::normalize_header(h))
            .collect();
        let fields = headers
            .iter()
            .map(|h| {
                let n = fields::normalize_header(h);
                norm.iter()
                    .position(|s| *s == n)
                    .and_then(|i| saved.fields.get(i).copied().flatten())
            })
            .collect();
        Mapping { headers, fields }
    }

    pub fn column(&self, f: Field) -> Option<usize> {
        self.fields.iter().position(|&x| x == Some(f))
    }

    pub fn has(&self, f: Field) -> bool {
        self.column(f).is_some()
    }

    /// The column that identifies a customer: the id if mapped, else the name.
    pub fn customer_column(&self) -> Option<usize> {
        self.column(Field::CustomerId)
            .or_else(|| self.column(Field::CustomerName))
    }

    /// The shape from the headers alone: a log has an order date and an amount.
    pub fn guess_shape(&self) -> Shape {
        if self.has(Field::Date) && self.has(Field::Amount) {
            Shape::Transactions
        } else {
            Shape::Customers
        }
    }

    /// The shape from the headers and the first data rows. A log has an order date and an
    /// amount; without a date, an amount column whose customers repeat a lot (a third of the
    /// rows or more), or repeat at all next to order-level columns (product, cost, due or paid
    /// date), is a log too. Customer-level columns (orders, share of wallet, ratings …) mean a
    /// customer table, whose repeated ids are then reported as duplicates.
    pub fn guess_shape_from<R: AsRef<[String]>>(&self, rows: &[R]) -> Shape {
        if self.guess_shape() == Shape::Transactions {
            return Shape::Transactions;
        }
        const CUSTOMER_LEVEL: [Field; 15] = [
            Field::Orders,
            Field::FirstOrder,
            Field::LastOrder,
            Field::AvgDaysLate,
            Field::OnTimeShare,
            Field::OverdueDays,
            Field::CreditRating,
            Field::ShareOfWallet,
            Field::UpcomingVolume,
            Field::CloseProbability,
            Field::ExpectedClose,
            Field::Prospects,
            Field::Difficulty,
            Field::Growth,
            Field::Loyalty,
        ];
        let (Some(c), true) = (self.customer_column(), self.has(Field::Amount)) else {
            return Shape::Customers;
        };
        if CUSTOMER_LEVEL.iter().any(|&f| self.has(f)) {
            return Shape::Customers;
        }
        let mut ids: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.as_ref().get(c))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        let repeats = n - ids.len();
        let order_level = [Field::Product, Field::Cost, Field::DueDate, Field::PaidDate]
            .iter()
            .any(|&f| self.has(f));
        if (repeats >= 2 && repeats * 3 >= n) || (repeats >= 1 && order_level) {
            Shape::Transactions
        } else {
            Shape::Customers
        }
    }
}

/// How to read a file. Every field left `None` is decided from the data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    pub shape: Option<Shape>,
    /// A mapping fixed by hand (see [`Mapping::carry_over`] and [`Imported::header_signature`]).
    pub mapping: Option<Mapping>,
    /// The answer to [`Question::DateOrder`].
    pub date_order: Option<DateOrder>,
    /// The answer to [`Question::DecimalSeparator`].
    pub decimal: Option<DecimalSep>,
    /// The sheet of a workbook, by name; the first non-empty sheet when `None`.
    pub sheet: Option<String>,
    /// The spreadsheet row of the header (1-based), when detection picked the wrong one.
    pub header_row: Option<usize>,
}

/// One imported file: its customers (rolled up if it was a log) and its accounting.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub shape: Shape,
    pub mapping: Mapping,
    /// Shared with the joined [`Dataset`](crate::model::Dataset) when this is the only source.
    pub customers: crate::model::Customers,
    /// Product names (a log with a product column), indexed by `Customer::products`.
    pub products: Vec<String>,
    /// Newest date in a log.
    pub as_of: Option<NaiveDate>,
    pub report: ImportReport,
    /// The used rows of a log, compact, for rolling up again ([`CompactLog::roll_up_as_of`]).
    pub log: Option<std::sync::Arc<CompactLog>>,
    /// Up to 5 non-empty sample values per column (same order as `mapping.headers`), for the
    /// mapping screen.
    pub samples: Vec<Vec<String>>,
    /// [`table::header_signature`] of the headers: the key to remember a hand-fixed mapping.
    pub header_signature: String,
    /// The sheets of a workbook (empty for a text file).
    pub sheets: Vec<String>,
}

impl Imported {
    /// A copy without its customers and rows (both replaced by the caller).
    pub(crate) fn clone_without_rows(&self) -> Imported {
        Imported {
            shape: self.shape,
            mapping: self.mapping.clone(),
            customers: Vec::new().into(),
            products: self.products.clone(),
            as_of: self.as_of,
            report: self.report.clone(),
            log: None,
            samples: self.samples.clone(),
            header_signature: self.header_signature.clone(),
            sheets: self.sheets.clone(),
        }
    }

    /// `Err(`[`ImportError::NoUsableRows`]`)` when the file gave no usable row (a header
    /// and nothing under it, or every row rejected): a caller holding data should keep it
    /// rather than replace it with nothing, and show the message and the rejected rows.
    pub fn check_usable(&self) -> Result<(), ImportError> {
        if self.report.rows_used > 0 {
            return Ok(());
        }
        Err(ImportError::NoUsableRows {
            file: self.report.file.clone(),
            report: Box::new(self.report.clone()),
        })
    }
}

/// Imports one file given as bytes: a workbook (XLSX, XLSM, XLSB, XLS, ODS) or delimited text,
/// told apart by content.
pub fn import_bytes(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    match decode::sniff_kind(bytes) {
        decode::FileKind::Zip | decode::FileKind::Ole => {
            sheet::import_workbook(file, bytes, options)
        }
        decode::FileKind::Text => {
            let mut s = StreamImporter::with_size_hint(file, options.clone(), bytes.len() as u64);
            s.push(bytes);
            s.finish()
        }
    }
}

/// [`import_bytes`] for delimited text only ([`StreamImporter::text_only`]): a workbook is
/// refused, and no workbook reader is linked into the caller.
pub fn import_text(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut s = StreamImporter::text_only(file, options.clone(), bytes.len() as u64);
    s.push(bytes);
    s.finish()
}

/// Imports one CSV file given as bytes, with the shape guessed from its headers and rows.
pub fn import_csv(file: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    import_csv_as(file, bytes, None)
}

/// Imports one CSV file, forcing the shape when `shape` is given.
pub fn import_csv_as(
    file: &str,
    bytes: &[u8],
    shape: Option<Shape>,
) -> Result<Imported, ImportError> {
    import_bytes(
        file,
        bytes,
        &ImportOptions {
            shape,
            ..Default::default()
        },
    )
}

/// Imports with a mapping fixed by hand.
pub fn import_with_mapping(
    file: &str,
    bytes: &[u8],
    mapping: &Mapping,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let options = ImportOptions {
        mapping: Some(mapping.clone()),
        ..options.clone()
    };
    import_bytes(file, bytes, &options)
}

/// How many non-blank rows are looked at before the header, mapping and shape are decided.
pub(crate) const PREVIEW_ROWS: usize = 200;
/// Fewer when they hold this many cells: a wide file's preview stays a few MB.
pub(crate) const PREVIEW_CELLS: usize = 50_000;

/// The layout decided from the first rows of a sheet.
pub(crate) struct Plan {
    /// Index in the preview of the header row.
    pub header_index: usize,
    pub shape: Shape,
    pub mapping: Mapping,
    pub samples: Vec<Vec<String>>,
    /// How sure each column's field is ([`guess::weigh`]).
    pub guesses: Vec<guess::ColumnGuess>,
    pub header_row: usize,
    pub skipped_titles: usize,
}

/// Where the data rows go.
pub(crate) enum Sink {
    Log(Box<LogBuilder>),
    Table(Box<TableBuilder>),
}

impl Sink {
    pub fn push<R: Row + ?Sized>(&mut self, row: usize, r: &R) {
        match self {
            Sink::Log(b) => b.push(row, r),
            Sink::Table(b) => b.push(row, r),
        }
    }

    pub fn rows(&self) -> usize {
        match self {
            Sink::Log(b) => b.rows(),
            Sink::Table(b) => b.rows(),
        }
    }

    /// Reads a row that is rejected as it stands (a quote never closed): counted as read
    /// and rejected, `column` resolved to its header.
    pub fn reject(&mut self, column: usize, mut rejection: Rejection) {
        match self {
            Sink::Log(b) => {
                rejection.column = b.header(column);
                b.report.rows_read += 1;
                b.report.reject(rejection);
            }
            Sink::Table(b) => b.reject(column, rejection),
        }
    }

    /// Room for about `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        match self {
            Sink::Log(b) => b.reserve(rows),
            Sink::Table(b) => b.reserve(rows),
        }
    }
}

/// Decides header, mapping and shape from the first non-blank rows (with their spreadsheet row
/// numbers), and builds the sink for the data rows.
pub(crate) fn plan(
    file: &str,
    preview: &[(usize, Vec<String>)],
    options: &ImportOptions,
    default_decimal: DecimalSep,
) -> Result<(Plan, Sink), ImportError> {
    let rows: Vec<&[String]> = preview.iter().map(|(_, r)| r.as_slice()).collect();
    let header_index = match options.header_row {
        Some(h) => preview
            .iter()
            .position(|(n, _)| *n == h)
            .ok_or_else(|| ImportError::NoHeader { file: file.into() })?,
        None => table::detect_header(&rows),
    };
    let Some((header_row, header)) = preview.get(header_index) else {
        return Err(ImportError::NoHeader { file: file.into() });
    };
    let headers = table::clean_headers(header);
    if headers.iter().all(|h| h.is_empty()) {
        return Err(ImportError::NoHeader { file: file.into() });
    }
    let data = &rows[header_index + 1..];
    let (mapping, guesses) = guess::weigh(headers, options.mapping.as_ref(), data);
    let shape = options
        .shape
        .unwrap_or_else(|| mapping.guess_shape_from(data));
    let samples = (0..mapping.headers.len())
        .map(|c| {
            data.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .take(5)
                .map(str::to_string)
                .collect()
        })
        .collect();
    let sink = match shape {
        Shape::Transactions => Sink::Log(Box::new(LogBuilder::new(
            file,
            &mapping,
            options.decimal,
            default_decimal,
            options.date_order,
        )?)),
        Shape::Customers => Sink::Table(Box::new(TableBuilder::new(
            file,
            &mapping,
            options.decimal,
            default_decimal,
            options.date_order,
        )?)),
    };
    Ok((
        Plan {
            header_index,
            shape,
            mapping,
            samples,
            guesses,
            header_row: *header_row,
            skipped_titles: header_index,
        },
        sink,
    ))
}

/// Finishes the sink into an [`Imported`], with the layout notes.
pub(crate) fn finish(plan: Plan, sink: Sink, meta: ImportReport) -> Imported {
    let (customers, products, as_of, log, mut report) = match sink {
        Sink::Log(b) => {
            let (log, report) = b.finish();
            let (customers, as_of) = log.roll_up();
            let products = log.products.clone();
            (customers, products, as_of, Some(log.into()), report)
        }
        Sink::Table(b) => {
            let (customers, report) = b.finish();
            (customers, Vec::new(), None, None, report)
        }
    };
    // Rows read before a part taken in come first.
    report.undecodable += meta.undecodable;
    let mut rows = meta.undecodable_rows;
    rows.append(&mut report.undecodable_rows);
    rows.truncate(diagnostics::MAX_KEPT_UNDECODABLE);
    report.undecodable_rows = rows;
    report.format = meta.format;
    report.encoding = meta.encoding;
    report.delimiter = meta.delimiter;
    report.sheet = meta.sheet;
    report.header_row = plan.header_row;
    report.columns = plan.guesses;
    let mut notes = Vec::new();
    if plan.skipped_titles > 0 {
        notes.push(format!(
            "{} title row(s) above the header (row {}) skipped",
            plan.skipped_titles, plan.header_row
        ));
    }
    let unmapped: Vec<&str> = plan
        .mapping
        .headers
        .iter()
        .zip(&plan.mapping.fields)
        .filter(|(h, f)| f.is_none() && !h.is_empty())
        .map(|(h, _)| h.as_str())
        .collect();
    if !unmapped.is_empty() {
        // A wide file's list is cut short: the mapping lists every column.
        const LISTED: usize = 30;
        let mut note = format!(
            "columns not used: {}",
            unmapped[..unmapped.len().min(LISTED)].join(", ")
        );
        if unmapped.len() > LISTED {
            note.push_str(&format!(" and {} more", unmapped.len() - LISTED));
        }
        notes.push(note);
    }
    if report.cancelled > 0 {
        notes.push(format!(
            "{} cancelled order(s) excluded (status column)",
            report.cancelled
        ));
    }
    if report.undecodable > 0 {
        let listed: Vec<String> = report
            .undecodable_rows
            .iter()
            .take(20)
            .map(|r| r.to_string())
            .collect();
        let more = report.undecodable - listed.len();
        let encoding = report.encoding.trim_end_matches(" (BOM)");
        notes.push(format!(
            "{} row{} hold{} bytes that are not {encoding} text, shown as \u{FFFD}: rows {}{}",
            report.undecodable,
            if report.undecodable == 1 { "" } else { "s" },
            if report.undecodable == 1 { "s" } else { "" },
            listed.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if report.rejected_not_kept > 0 {
        notes.push(format!(
            "{} further rejected rows counted but not listed",
            report.rejected_not_kept
        ));
    }
    notes.append(&mut report.notes);
    report.notes = notes;
    let header_signature = table::header_signature(&plan.mapping.headers);
    Imported {
        shape: plan.shape,
        mapping: plan.mapping,
        customers: customers.into(),
        products,
        as_of,
        report,
        log,
        samples: plan.samples,
        header_signature,
        sheets: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_from_repeated_ids_without_a_date() {
        let m = Mapping::auto(vec!["Customer".into(), "Amount".into()]);
        let rows: Vec<Vec<String>> = [["A", "1"], ["A", "2"], ["B", "3"], ["A", "4"]]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        assert_eq!(m.guess_shape_from(&rows), Shape::Transactions);
        assert_eq!(m.guess_shape_from(&rows[..2]), Shape::Customers);
        let with_orders = Mapping::auto(vec!["Customer".into(), "Amount".into(), "Orders".into()]);
        assert_eq!(with_orders.guess_shape_from(&rows), Shape::Customers);
    }

    #[test]
    fn a_saved_mapping_carries_over_by_normalised_header() {
        let saved = Mapping {
            headers: vec!["Kunde".into(), "Umsatz".into()],
            fields: vec![Some(Field::CustomerName), Some(Field::Amount)],
        };
        let m = Mapping::carry_over(
            &saved,
            vec!["umsatz ".into(), "Other".into(), "KUNDE".into()],
        );
        assert_eq!(
            m.fields,
            [Some(Field::Amount), None, Some(Field::CustomerName)]
        );
        let same = Mapping::carry_over(&saved, saved.headers.clone());
        assert_eq!(same, saved);
    }

    #[test]
    fn import_with_an_explicit_mapping() {
        let bytes = "Kunde,Umsatz\nA,10\nB,5\n".as_bytes();
        assert!(matches!(
            import_csv("de.csv", bytes),
            Err(ImportError::MissingField { .. })
        ));
        let m = Mapping {
            headers: vec!["Kunde".into(), "Umsatz".into()],
            fields: vec![Some(Field::CustomerName), Some(Field::Amount)],
        };
        let imp = import_with_mapping("de.csv", bytes, &m, &ImportOptions::default()).unwrap();
        assert_eq!(imp.customers.len(), 2);
        assert_eq!(imp.customers[0].sales, 10.0);
        assert_eq!(imp.samples, [vec!["A", "B"], vec!["10", "5"]]);
        assert_eq!(imp.header_signature, table::header_signature(&m.headers));
    }
}

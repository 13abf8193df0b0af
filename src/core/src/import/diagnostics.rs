//! What an import did: rows read, used and rejected, each rejection with its place and reason.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a row was not used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// The customer id or name cell is empty.
    MissingCustomer,
    /// The customer id or name cell holds only invisible characters (zero-width spaces and
    /// joiners, a byte order mark, a word joiner, soft hyphens): the value shows their code
    /// points.
    InvisibleId,
    /// A required number could not be read.
    BadNumber,
    /// A required date could not be read.
    BadDate,
    /// The row has a different number of cells than the header.
    WrongCellCount { expected: usize, found: usize },
    /// A customer table row repeats an id seen before.
    DuplicateId { first_row: usize },
    /// The status column marks the order as cancelled or void.
    Cancelled,
    /// The CSV reader could not read the record.
    Unreadable(String),
    /// A quote opens in this cell and is never closed: the rest of the file, `lines` more
    /// lines, was read into the cell. The row is where the quote opened.
    UnclosedQuote { lines: usize },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::MissingCustomer => write!(f, "no customer id or name"),
            Reason::InvisibleId => {
                write!(f, "the customer id is made only of invisible characters")
            }
            Reason::BadNumber => write!(f, "not a number"),
            Reason::BadDate => write!(f, "not a date"),
            Reason::WrongCellCount { expected, found } => {
                write!(f, "{found} cells where the header has {expected}")
            }
            Reason::DuplicateId { first_row } => {
                write!(f, "customer id already seen at row {first_row}")
            }
            Reason::Cancelled => write!(f, "cancelled order (status column), excluded"),
            Reason::Unreadable(e) => write!(f, "unreadable record: {e}"),
            Reason::UnclosedQuote { lines } => write!(
                f,
                "a quote opens in this cell and is never closed: the {lines} line{} after it \
                 {} read into it",
                if *lines == 1 { "" } else { "s" },
                if *lines == 1 { "was" } else { "were" }
            ),
        }
    }
}

/// One rejected row. `row` is the spreadsheet row number: the header is row 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub row: usize,
    /// The header of the offending column, if one column is at fault.
    pub column: Option<String>,
    pub value: String,
    pub reason: Reason,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", column \"{c}\"")?;
        }
        if !self.value.is_empty() {
            write!(f, ", value \"{}\"", self.value)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A question the data could not answer, for the UI to put to the user. Answering means
/// importing again with the matching [`super::ImportOptions`] field set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Question {
    /// Every date like `05/03/2024` in these columns could be day-first or month-first; they
    /// were read day-first. Force with `ImportOptions::date_order`.
    DateOrder { columns: Vec<String> },
    /// Every number like `1.234` in these columns could have a decimal dot or a thousands dot;
    /// they were read with `read_as`. Force with `ImportOptions::decimal`.
    DecimalSeparator {
        columns: Vec<String>,
        read_as: super::values::DecimalSep,
    },
}

/// How many rejections are kept in full; past it they are only counted (by reason, in the notes).
pub const MAX_KEPT_REJECTIONS: usize = 50_000;

/// The accounting of one imported file.
/// Invariant: `rows_read == rows_used + rows_rejected()`, cancelled orders included in the
/// rejected rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportReport {
    pub file: String,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rejected: Vec<Rejection>,
    /// Rejected rows beyond [`MAX_KEPT_REJECTIONS`], counted but not kept.
    pub rejected_not_kept: usize,
    /// Notes that do not reject a row: unmapped columns, optional cells left empty, …
    pub notes: Vec<String>,
    /// Questions for the user (ambiguous date order, ambiguous decimal separator).
    pub questions: Vec<Question>,
    /// "CSV", "XLSX", "XLS", "XLSB" or "ODS".
    pub format: String,
    /// The text encoding detected ("UTF-8", "UTF-8 (BOM)", "UTF-16LE", "gb18030",
    /// "windows-1252"); empty for a workbook.
    pub encoding: String,
    /// The delimiter of a text file.
    pub delimiter: Option<char>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// The spreadsheet row of the header (1 unless title rows were skipped).
    pub header_row: usize,
    /// Orders excluded by a status column (cancelled, void). Also among the rejected rows.
    pub cancelled: usize,
    /// Customer-table rows that repeat an id. Also among the rejected rows.
    pub duplicate_ids: usize,
    /// Rows holding bytes that are not text in the file's encoding (decoded as U+FFFD, "�"),
    /// a warning: how many, and the first [`MAX_KEPT_UNDECODABLE`] of them.
    pub undecodable: usize,
    pub undecodable_rows: Vec<usize>,
    /// How sure each column's field is, in header order (empty for a part of a split file).
    pub columns: Vec<super::guess::ColumnGuess>,
}

/// How many rows with undecodable bytes are listed; past it they are only counted.
pub const MAX_KEPT_UNDECODABLE: usize = 1000;

impl ImportReport {
    pub fn rows_rejected(&self) -> usize {
        self.rejected.len() + self.rejected_not_kept
    }

    /// `rows read = rows used + rows rejected`.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.rows_used + self.rows_rejected()
    }

    /// Records a rejected row, keeping it in full up to [`MAX_KEPT_REJECTIONS`].
    pub fn reject(&mut self, r: Rejection) {
        if r.reason == Reason::Cancelled {
            self.cancelled += 1;
        }
        if matches!(r.reason, Reason::DuplicateId { .. }) {
            self.duplicate_ids += 1;
        }
        if self.rejected.len() < MAX_KEPT_REJECTIONS {
            self.rejected.push(r);
        } else {
            self.rejected_not_kept += 1;
        }
    }

    /// The rejected rows as CSV (file, row, column, value, reason), for download. Every cell
    /// goes through [`crate::csv_safe::cell`]: a value like `=HYPERLINK(…)` is written as
    /// text a spreadsheet will not run.
    pub fn rejected_csv(&self) -> String {
        use crate::csv_safe::record;
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["file", "row", "column", "value", "reason"]);
        for r in &self.rejected {
            let row = r.row.to_string();
            let reason = r.reason.to_string();
            let _ = w.write_record(
                record([
                    self.file.as_str(),
                    &row,
                    r.column.as_deref().unwrap_or(""),
                    &r.value,
                    &reason,
                ])
                .iter()
                .map(|c| c.as_ref()),
            );
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Why a whole file was refused. [`fmt::Display`] is the message for the user: a sentence
/// naming the file and saying what is wrong in its terms. What a parser said, when there is
/// more to say, is kept apart in [`ImportError::detail`], for a "details" toggle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportError {
    Empty {
        file: String,
    },
    NotText {
        file: String,
    },
    /// Text, but a document of another kind: `what` is "a PDF document", "a web page
    /// (HTML)", "an XML document" or "a JSON document".
    NotATable {
        file: String,
        what: String,
    },
    NoHeader {
        file: String,
    },
    /// No column maps to a field the shape needs.
    MissingField {
        file: String,
        /// A field's key, or "customer" (the id or name) or "amount" (a figure).
        field: std::borrow::Cow<'static, str>,
    },
    /// Neither text nor a workbook calamine can read (or a damaged workbook). `detail` is
    /// the parser's own words.
    NotSpreadsheet {
        file: String,
        detail: String,
    },
    /// A zip whose declared content is far larger than the file (a "zip bomb").
    ZipBomb {
        file: String,
        detail: String,
    },
    /// A file past one of the [`super::limits`], counted as read: `found` is the figure
    /// reached (`None` when reading stopped at the limit, so only "more than" is known).
    /// `detail` says where (a zip part, a sheet, a row).
    TooLarge {
        file: String,
        what: super::limits::Measure,
        found: Option<u64>,
        limit: u64,
        detail: String,
    },
    /// The requested sheet does not exist.
    NoSuchSheet {
        file: String,
        sheet: String,
    },
    /// Every sheet of the workbook is empty.
    NoData {
        file: String,
    },
    /// The file was read but gave no usable row: a header and nothing under it, or every row
    /// rejected. The report lists what was read and why each row was rejected (and can be
    /// downloaded: [`ImportReport::rejected_csv`]). Returned by
    /// [`super::Imported::check_usable`], for a caller that must not replace its data with
    /// nothing; the import itself succeeds, so that a mapping can still be fixed.
    NoUsableRows {
        file: String,
        report: Box<ImportReport>,
    },
}

impl ImportError {
    /// The file named in the error.
    pub fn file(&self) -> &str {
        match self {
            ImportError::Empty { file }
            | ImportError::NotText { file }
            | ImportError::NotATable { file, .. }
            | ImportError::NoHeader { file }
            | ImportError::MissingField { file, .. }
            | ImportError::NotSpreadsheet { file, .. }
            | ImportError::ZipBomb { file, .. }
            | ImportError::TooLarge { file, .. }
            | ImportError::NoSuchSheet { file, .. }
            | ImportError::NoData { file }
            | ImportError::NoUsableRows { file, .. } => file,
        }
    }

    /// The message for the user (the same as `to_string()`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The technical detail behind the message, for a "details" toggle: what the zip,
    /// XML or workbook parser said, or where a limit was reached. `None` when the message
    /// says it all.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ImportError::NotSpreadsheet { detail, .. }
            | ImportError::ZipBomb { detail, .. }
            | ImportError::TooLarge { detail, .. } => Some(detail).filter(|d| !d.is_empty()),
            _ => None,
        }
        .map(String::as_str)
    }
}

/// "an .xlsx", "a .csv": the file's extension with its article, or "a workbook".
fn kind_of(file: &str) -> String {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()));
    match ext {
        Some(e) => {
            let article = if e.starts_with(['a', 'e', 'i', 'o', 'u', 'x']) {
                "an"
            } else {
                "a"
            };
            format!("{article} .{e}")
        }
        None => "a workbook".into(),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty { file } => write!(f, "{file} is empty."),
            ImportError::NotText { file } => write!(
                f,
                "{file} is not a table: it holds binary data, neither text nor a spreadsheet."
            ),
            ImportError::NotATable { file, what } => {
                write!(f, "{file} is not a table: it is {what}.")
            }
            ImportError::NoHeader { file } => {
                write!(f, "{file} has no header row naming its columns.")
            }
            ImportError::MissingField { file, field } => {
                write!(f, "{file} has no column for \"{field}\"; map one by hand.")
            }
            ImportError::NotSpreadsheet { file, .. } => write!(
                f,
                "{file} is not a readable workbook (it may be damaged or not really {}).",
                kind_of(file)
            ),
            ImportError::ZipBomb { file, .. } => write!(
                f,
                "{file} is refused: the workbook says it unpacks to far more data than it holds \
                 (a \"zip bomb\")."
            ),
            ImportError::TooLarge {
                file,
                what,
                found,
                limit,
                ..
            } => write!(
                f,
                "{file} is too large to open: {}; the limit is {}.",
                what.describe(*found, *limit),
                what.limit(*limit)
            ),
            ImportError::NoSuchSheet { file, sheet } => {
                write!(f, "{file} has no sheet named \"{sheet}\".")
            }
            ImportError::NoData { file } => write!(f, "Every sheet of {file} is empty."),
            ImportError::NoUsableRows { file, report } if report.rows_read == 0 => {
                write!(f, "{file} has a header but no rows under it.")
            }
            ImportError::NoUsableRows { file, report } => write!(
                f,
                "None of the {} row{} of {file} could be used: every one was rejected (see the \
                 rejected rows).",
                report.rows_read,
                if report.rows_read == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejection_message_names_row_column_value_and_reason() {
        let r = Rejection {
            row: 7,
            column: Some("Amount".into()),
            value: "abc".into(),
            reason: Reason::BadNumber,
        };
        assert_eq!(
            r.to_string(),
            "row 7, column \"Amount\", value \"abc\": not a number"
        );
    }

    #[test]
    fn rejected_csv_quotes_values() {
        let rep = ImportReport {
            file: "o.csv".into(),
            rows_read: 1,
            rows_used: 0,
            rejected: vec![Rejection {
                row: 2,
                column: Some("Date".into()),
                value: "1,2".into(),
                reason: Reason::BadDate,
            }],
            ..Default::default()
        };
        assert!(rep.balanced());
        assert_eq!(
            rep.rejected_csv(),
            "file,row,column,value,reason\no.csv,2,Date,\"1,2\",not a date\n"
        );
    }

    #[test]
    fn rejected_csv_neutralizes_formulas() {
        let rep = ImportReport {
            file: "=evil.csv".into(),
            rows_read: 2,
            rows_used: 0,
            rejected: ["=HYPERLINK(\"http://x\",\"y\")", "-5", "@SUM(1)"]
                .iter()
                .enumerate()
                .map(|(k, v)| Rejection {
                    row: k + 2,
                    column: Some("+Amount".into()),
                    value: v.to_string(),
                    reason: Reason::BadNumber,
                })
                .collect(),
            ..Default::default()
        };
        assert_eq!(
            rep.rejected_csv(),
            "file,row,column,value,reason\n\
             '=evil.csv,2,'+Amount,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",not a number\n\
             '=evil.csv,3,'+Amount,-5,not a number\n\
             '=evil.csv,4,'+Amount,'@SUM(1),not a number\n"
        );
    }
}

//! What an import did: rows read, used and rejected, each rejection with its place and reason.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a row was not used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// The customer id or name cell is empty.
    MissingCustomer,
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
    /// The CSV reader could not read the record (e.g. an unterminated quote).
    Unreadable(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::MissingCustomer => write!(f, "no customer id or name"),
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
        }
    }
}

/// One rejected row. `row` is the spreadsheet row number: the header is row 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
}

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

    /// The rejected rows as CSV (file, row, column, value, reason), for download. The text
    /// cells come from the user's file: one that a spreadsheet would read as a formula gets
    /// a leading `'` ([`crate::format::neutralize`], as the exports do); the row number is
    /// ours and stays a number.
    pub fn rejected_csv(&self) -> String {
        use crate::format::neutralize;
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["file", "row", "column", "value", "reason"]);
        for r in &self.rejected {
            let _ = w.write_record([
                &*neutralize(&self.file),
                &r.row.to_string(),
                &neutralize(r.column.as_deref().unwrap_or("")),
                &neutralize(&r.value),
                &neutralize(&r.reason.to_string()),
            ]);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Why a whole file was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportError {
    Empty {
        file: String,
    },
    NotText {
        file: String,
    },
    NoHeader {
        file: String,
    },
    /// No column maps to a field the shape needs.
    MissingField {
        file: String,
        field: &'static str,
    },
    /// Neither text nor a workbook calamine can read (or a damaged workbook).
    NotSpreadsheet {
        file: String,
        detail: String,
    },
    /// A zip whose declared content is far larger than the file (a "zip bomb").
    ZipBomb {
        file: String,
        detail: String,
    },
    /// A sheet or file beyond what the browser can hold.
    TooLarge {
        file: String,
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
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty { file } => write!(f, "{file}: the file is empty"),
            ImportError::NotText { file } => {
                write!(f, "{file}: binary data, not a text or spreadsheet file")
            }
            ImportError::NoHeader { file } => write!(f, "{file}: no header row"),
            ImportError::MissingField { file, field } => {
                write!(f, "{file}: no column for \"{field}\"; map one by hand")
            }
            ImportError::NotSpreadsheet { file, detail } => write!(
                f,
                "{file}: not a spreadsheet this app can read (CSV, XLSX, XLS, XLSB, ODS): {detail}"
            ),
            ImportError::ZipBomb { file, detail } => {
                write!(
                    f,
                    "{file}: refused, the workbook unpacks to too much data ({detail})"
                )
            }
            ImportError::TooLarge { file, detail } => write!(f, "{file}: too large ({detail})"),
            ImportError::NoSuchSheet { file, sheet } => {
                write!(f, "{file}: no sheet named \"{sheet}\"")
            }
            ImportError::NoData { file } => write!(f, "{file}: every sheet is empty"),
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
             '=evil.csv,3,'+Amount,'-5,not a number\n\
             '=evil.csv,4,'+Amount,'@SUM(1),not a number\n"
        );
    }
}

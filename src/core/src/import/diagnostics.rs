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

/// The accounting of one imported file. Invariant: `rows_read == rows_used + rejected.len()`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file: String,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rejected: Vec<Rejection>,
    /// Notes that do not reject a row: unmapped columns, optional cells left empty, …
    pub notes: Vec<String>,
}

impl ImportReport {
    pub fn rows_rejected(&self) -> usize {
        self.rejected.len()
    }

    /// `rows read = rows used + rows rejected`.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.rows_used + self.rejected.len()
    }

    /// The rejected rows as CSV (file, row, column, value, reason), for download.
    pub fn rejected_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["file", "row", "column", "value", "reason"]);
        for r in &self.rejected {
            let _ = w.write_record([
                self.file.as_str(),
                &r.row.to_string(),
                r.column.as_deref().unwrap_or(""),
                &r.value,
                &r.reason.to_string(),
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
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty { file } => write!(f, "{file}: the file is empty"),
            ImportError::NotText { file } => {
                write!(
                    f,
                    "{file}: not a UTF-8 text spreadsheet (save it as CSV UTF-8)"
                )
            }
            ImportError::NoHeader { file } => write!(f, "{file}: no header row"),
            ImportError::MissingField { file, field } => {
                write!(f, "{file}: no column for \"{field}\"; map one by hand")
            }
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
            notes: vec![],
        };
        assert!(rep.balanced());
        assert_eq!(
            rep.rejected_csv(),
            "file,row,column,value,reason\no.csv,2,Date,\"1,2\",not a date\n"
        );
    }
}

//! What a file may expand to. Every limit is counted as the file is read, never taken from
//! what the file declares about itself (a zip's sizes, a sheet's dimension, a repeat count
//! is read as the expansion it causes), and a file past one is refused with
//! [`ImportError::TooLarge`](super::ImportError::TooLarge), naming the figure and the limit.
//!
//! The figures are chosen for the browser: WASM memory ends at 4 GiB, and an import should
//! stay well under half of it with the file itself, its parse and the app's own data.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The limits of one import. [`LIMITS`] is what the app uses; tests may lower them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Cells in one row of a text file, or columns of a sheet: 16,384, the most a spreadsheet
    /// (Excel, LibreOffice) holds.
    pub columns: u64,
    /// Bytes of one row of a text file (a record, quoted newlines included): 16 MiB. A table
    /// has no such row; a 50 MB "line" is not a table.
    pub row_bytes: u64,
    /// Rows of a sheet of a workbook, as read: 5 million (Excel holds 1,048,576).
    pub rows: u64,
    /// Cells of a sheet read cell by cell (XLSX, XLSB), as read: 50 million, a few hundred
    /// MB of cells passed on one row at a time.
    pub cells: u64,
    /// Cells of the dense ranges calamine builds for ODS and XLS, every sheet together:
    /// 5 million. Each costs about 56 bytes in calamine (a value and a formula), and the
    /// range is copied once more when a sheet is read: some 600 MB at the limit.
    pub dense_cells: u64,
    /// Bytes unpacked from a zip (XLSX, XLSB, ODS), all its parts together, counted while
    /// they inflate: 1 GiB. A full Excel sheet of a million rows and ten columns is about
    /// 400 MB of XML.
    pub unpacked_bytes: u64,
    /// Bytes of one XML token (a cell's text, a tag, a comment), counted while it inflates:
    /// 16 MiB. A parser holds a whole token; Excel's own cell holds 32,767 characters.
    pub token_bytes: u64,
    /// Bytes of text an ODS expands to once its repeated rows, cells and spaces are written
    /// out (calamine writes them all): 256 MiB.
    pub expanded_bytes: u64,
}

pub const LIMITS: Limits = Limits {
    columns: 16_384,
    row_bytes: 16 << 20,
    rows: 5_000_000,
    cells: 50_000_000,
    dense_cells: 5_000_000,
    unpacked_bytes: 1 << 30,
    token_bytes: 16 << 20,
    expanded_bytes: 256 << 20,
};

impl Default for Limits {
    fn default() -> Limits {
        LIMITS
    }
}

/// What a limit bounds, for the message of a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// Cells in one row (text) or columns of a sheet.
    Columns,
    /// Bytes of one row of a text file.
    RowBytes,
    /// Rows of a sheet.
    Rows,
    /// Cells of a sheet, or of the ranges a workbook expands to.
    Cells,
    /// Bytes unpacked from a zip.
    UnpackedBytes,
    /// Bytes of one cell (an XML token).
    CellBytes,
    /// Bytes of text once repeats are expanded.
    ExpandedBytes,
}

impl Measure {
    pub fn is_bytes(self) -> bool {
        matches!(
            self,
            Measure::RowBytes
                | Measure::UnpackedBytes
                | Measure::CellBytes
                | Measure::ExpandedBytes
        )
    }

    /// What was too large, with its figure: "a row has 20,000 columns", "it unpacks to more
    /// than 1 GiB".
    pub fn describe(self, found: Option<u64>, limit: u64) -> String {
        let figure = |n: u64| {
            if self.is_bytes() {
                bytes(n)
            } else {
                count(n)
            }
        };
        let amount = match found {
            Some(n) => figure(n),
            None => format!("more than {}", figure(limit)),
        };
        match self {
            Measure::Columns => format!("a row has {amount} columns"),
            Measure::RowBytes => format!("a row is {amount} long"),
            Measure::Rows => format!("a sheet has {amount} rows"),
            Measure::Cells => format!("it expands to {amount} cells"),
            Measure::UnpackedBytes => format!("it unpacks to {amount}"),
            Measure::CellBytes => format!("one cell holds {amount}"),
            Measure::ExpandedBytes => format!("its repeated cells expand to {amount} of text"),
        }
    }

    /// The limit as a figure: "16,384", "1 GiB".
    pub fn limit(self, limit: u64) -> String {
        if self.is_bytes() {
            bytes(limit)
        } else {
            count(limit)
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Measure::Columns => "columns",
            Measure::RowBytes => "bytes in a row",
            Measure::Rows => "rows",
            Measure::Cells => "cells",
            Measure::UnpackedBytes => "bytes unpacked",
            Measure::CellBytes => "bytes in a cell",
            Measure::ExpandedBytes => "bytes of expanded text",
        })
    }
}

/// `1234567` → "1,234,567".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `16 << 20` → "16 MiB", `1_100_000_000` → "1.0 GiB", `512` → "512 bytes".
pub fn bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if n >= size {
            let v = n as f64 / size as f64;
            return if n.is_multiple_of(size) {
                format!("{} {unit}", n / size)
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_a_person_writes_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(16_384), "16,384");
        assert_eq!(count(99_614_720), "99,614,720");
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(bytes(16 << 20), "16 MiB");
        assert_eq!(bytes(1 << 30), "1 GiB");
        assert_eq!(bytes(1_100_000_000), "1.0 GiB");
        assert_eq!(
            Measure::Columns.describe(Some(20_000), 16_384),
            "a row has 20,000 columns"
        );
        assert_eq!(
            Measure::UnpackedBytes.describe(None, 1 << 30),
            "it unpacks to more than 1 GiB"
        );
    }
}

//! The results as files: one row per customer as CSV ([`CsvExport`]) or as an XLSX workbook
//! ([`XlsxExport`]: sheets Customers, Classes, Staffing, Settings and Rejected rows). Pure:
//! an [`Engine`] (the prepared dataset, the settings in force and every method's results), the
//! [`Options`] and what the caller knows of the imports ([`Source`], [`RejectedRow`]) in,
//! bytes out. No I/O and no clock: a date in the file (the XLSX's creation time) comes from
//! the caller.
//!
//! **Slices.** 100k customers take long enough that the page must stay responsive and offer
//! Cancel. Each exporter is built with [`CsvExport::new`] / [`XlsxExport::new`], then
//! [`step`](CsvExport::step) writes at most `budget` rows and says how far it is
//! ([`Progress`]); the caller yields to the browser between steps and drops the exporter to
//! cancel. `finish` gives the bytes. The engine is passed to every step rather than borrowed
//! for the exporter's life, because the UI keeps it in a signal it can only lend inside a
//! closure; a step given an engine with other data or results than at the start (other
//! settings, a model fit handed back) answers [`ExportError::Changed`] (start again: the file would mix two results).
//!
//! **Memory.** The output grows in pieces of [`PIECE`] bytes that are never reallocated
//! (`pieces.rs`), and nothing else grows with the customers: the XLSX is streamed (inline
//! strings, no shared-string table; rows compressed as they are written). `finish` copies the
//! pieces into one `Vec` (the file size plus one piece at the peak); `finish_in_pieces` hands
//! them over as they are, for a `Blob` made of parts.
//!
//! **Spreadsheet injection** (OWASP, "CSV Injection"): a text cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is written with a leading `'` in CSV ([`neutralize`]);
//! in XLSX it is a string cell (never a formula), with Excel's quote prefix so that editing
//! the cell does not turn it into one. A number written by the export is a number: a
//! negative profit is `-950` in CSV and a numeric cell in XLSX, not text.
//!
//! The columns ([`columns`]) come from the registry: every listed method with classes, so a
//! new method is exported without being named here.

pub mod columns;
pub mod csv;
mod pieces;
mod sheets;
mod workbook;
pub mod xlsx;
mod zip_out;

pub use self::csv::CsvExport;
/// Spreadsheet injection: the rule the exports (and the rejected-rows download) apply.
pub use crate::format::{looks_like_formula, neutralize};
pub use columns::{Cell, Column, Kind, Num, Plan};
pub use xlsx::XlsxExport;

use crate::classify::Engine;
use crate::i18n::Lang;
use crate::import::{ImportReport, Imported, Shape};
use std::fmt;

/// The size of the pieces the output grows in.
pub const PIECE: usize = 1 << 20;

/// What to export, and how.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// The language of headers, class names, reasons and sheet names.
    pub lang: Lang,
    /// The customers to export, by index in the dataset, in this order (the customer page's
    /// filter and sort); every customer, in dataset order, when `None`.
    pub rows: Option<Vec<u32>>,
    /// The XLSX's creation time (the document properties and the zip entries' dates), from
    /// the caller's clock; without it the workbook says nothing of when it was made.
    pub created: Option<chrono::NaiveDateTime>,
    /// The data sources and their row accounting (the Settings sheet).
    pub sources: Vec<Source>,
    /// The rows the imports rejected (the Rejected rows sheet).
    pub rejected: Vec<RejectedRow>,
    /// Leave out the "why" columns (each method's reasons as text): they are about half of
    /// the file and of the time it takes.
    pub omit_why: bool,
}

/// One imported file and its row accounting, for the Settings sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub file: String,
    pub shape: Shape,
    /// "CSV", "XLSX", …
    pub format: String,
    /// The text encoding detected; empty for a workbook.
    pub encoding: String,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_rejected: usize,
}

impl Source {
    pub fn of(imported: &Imported) -> Source {
        let r = &imported.report;
        Source {
            file: r.file.clone(),
            shape: imported.shape,
            format: r.format.clone(),
            encoding: r.encoding.clone(),
            sheet: r.sheet.clone(),
            rows_read: r.rows_read,
            rows_used: r.rows_used,
            rows_rejected: r.rows_rejected(),
        }
    }
}

/// One rejected row of an import, for the Rejected rows sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct RejectedRow {
    pub file: String,
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl RejectedRow {
    /// The rejected rows an import kept (see [`ImportReport::rejected`]).
    pub fn of_report(r: &ImportReport) -> Vec<RejectedRow> {
        r.rejected
            .iter()
            .map(|x| RejectedRow {
                file: r.file.clone(),
                row: x.row,
                column: x.column.clone().unwrap_or_default(),
                value: x.value.clone(),
                reason: x.reason.to_string(),
            })
            .collect()
    }
}

/// How far an export is, in rows (customers, then rejected rows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_done(&self) -> bool {
        self.done >= self.total
    }

    /// 0.0 to 1.0, for a progress bar.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Why an export stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// The engine given to a step holds other data or results than at the start.
    Changed,
    /// A row of [`Options::rows`] is not a customer of the dataset.
    NoSuchCustomer(u32),
    /// More rows than a worksheet holds (1,048,576 with the header).
    TooManyRows { rows: usize, limit: usize },
    /// `finish` before every row was written.
    Unfinished(Progress),
    /// Writing failed (to memory, so this is not expected).
    Write(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Changed => {
                f.write_str("the data or the results changed during the export")
            }
            ExportError::NoSuchCustomer(i) => write!(f, "no customer at index {i}"),
            ExportError::TooManyRows { rows, limit } => {
                write!(f, "{rows} rows, more than a worksheet holds ({limit})")
            }
            ExportError::Unfinished(p) => {
                write!(f, "finished after {} of {} rows", p.done, p.total)
            }
            ExportError::Write(e) => write!(f, "writing the file failed: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// A number as the exports write it: the shortest text that reads back as the same `f64`,
/// with a `.` decimal and no grouping; whole numbers without a decimal part (`-950`,
/// `3030.06`, `1e21`). Only for finite numbers.
pub(crate) fn push_plain_number(out: &mut Vec<u8>, v: f64) {
    with_plain_number(v, |text| out.extend_from_slice(text.as_bytes()));
}

/// [`push_plain_number`]'s text, handed to `f`.
///
/// Whole numbers and amounts in cents are written from their integer; any other number by
/// ryu (the shortest text that reads back). For a value that is exactly `c / 100` (as the
/// division rounds) with `|c| < 10^15`, `c` written with two decimals, less their trailing
/// zeros, is the text ryu gives: it reads back as the value, and no shorter decimal lies
/// within the value's rounding interval (under 0.001 wide there, where such decimals are
/// 0.01 apart). A test checks it against ryu.
pub(crate) fn with_plain_number<R>(v: f64, f: impl FnOnce(&str) -> R) -> R {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return f(itoa::Buffer::new().format(v as i64));
    }
    let cents = (v * 100.0).round();
    if cents.abs() < 1e13 && cents / 100.0 == v {
        let c = cents.abs() as u64;
        let mut whole = itoa::Buffer::new();
        let whole = whole.format(c / 100).as_bytes();
        let (tens, units) = (b'0' + (c / 10 % 10) as u8, b'0' + (c % 10) as u8);
        // Not whole (above), so at most one trailing zero: `12.50` → `12.5`.
        let decimals: &[u8] = if units == b'0' {
            &[b'.', tens]
        } else {
            &[b'.', tens, units]
        };
        let mut b = [0u8; 24];
        let mut len = 0;
        for part in [if v < 0.0 { &b"-"[..] } else { &[] }, whole, decimals] {
            b[len..len + part.len()].copy_from_slice(part);
            len += part.len();
        }
        f(std::str::from_utf8(&b[..len]).unwrap_or_default())
    } else {
        let mut b = ryu::Buffer::new();
        let text = b.format_finite(v);
        f(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// The stable key at the end of an export header, `Sales [sales]` → `sales`: the CSV and the
/// Customers sheet have one header row in the chosen language, each ending in its key.
pub fn key_of_header(header: &str) -> Option<&str> {
    let inner = header.strip_suffix(']')?;
    let at = inner.rfind(" [")?;
    Some(&inner[at + 2..])
}

/// The whole CSV at once (see [`CsvExport`] for slices).
pub fn to_csv(engine: &Engine, options: &Options) -> Result<Vec<u8>, ExportError> {
    let mut e = CsvExport::new(engine, options)?;
    e.step(engine, usize::MAX)?;
    e.finish()
}

/// The whole workbook at once (see [`XlsxExport`] for slices).
pub fn to_xlsx(engine: &Engine, options: &Options) -> Result<Vec<u8>, ExportError> {
    let mut e = XlsxExport::new(engine, options)?;
    e.step(engine, usize::MAX)?;
    e.finish()
}

/// What an export checks each step: the same customers and results as at its start. Every
/// change of the results (a settings change, a model fit handed back) moves
/// `Engine::revision`.
#[derive(Clone, Debug)]
pub(crate) struct Guard {
    customers: usize,
    len: usize,
    revision: u64,
}

impl Guard {
    pub(crate) fn new(engine: &Engine) -> Guard {
        let ds = &engine.prepared().ds;
        Guard {
            customers: ds.customers.as_ptr() as usize,
            len: ds.len(),
            revision: engine.revision(),
        }
    }

    pub(crate) fn check(&self, engine: &Engine) -> Result<(), ExportError> {
        let ds = &engine.prepared().ds;
        let same = ds.customers.as_ptr() as usize == self.customers
            && ds.len() == self.len
            && engine.revision() == self.revision;
        if same {
            Ok(())
        } else {
            Err(ExportError::Changed)
        }
    }
}

/// The customers an export writes: `Options::rows`, checked, or all of them.
pub(crate) fn rows_of(engine: &Engine, options: &Options) -> Result<Vec<u32>, ExportError> {
    let n = engine.prepared().ds.len();
    match &options.rows {
        Some(rows) => {
            if let Some(&bad) = rows.iter().find(|&&i| i as usize >= n) {
                return Err(ExportError::NoSuchCustomer(bad));
            }
            Ok(rows.clone())
        }
        None => Ok((0..n as u32).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_in_cents_are_written_as_ryu_writes_them() {
        let ryu = |v: f64| {
            let mut b = ryu::Buffer::new();
            let t = b.format_finite(v).to_string();
            t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
        };
        let mine = |v: f64| with_plain_number(v, str::to_string);
        // A small xorshift: amounts in cents of every size, then numbers with no
        // short decimal form (which take ryu's own path).
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut checked = 0;
        for k in 0..200_000 {
            let digits = 1 + k % 15;
            let c = (next() % 10u64.pow(digits as u32)) as f64;
            for v in [
                c / 100.0,
                -c / 100.0,
                c / 10.0,
                (next() >> 11) as f64 / (1u64 << 40) as f64,
            ] {
                // Whole numbers are itoa's (-0 is written "0"), and checked below.
                if v.fract() != 0.0 {
                    assert_eq!(mine(v), ryu(v), "{v:e}");
                    checked += 1;
                }
            }
        }
        for v in [
            0.01,
            -0.01,
            0.1,
            0.5,
            -0.05,
            1.01,
            99_999_999_999.99,
            1e12 + 0.25,
            0.3,
        ] {
            assert_eq!(mine(v), ryu(v), "{v}");
        }
        assert!(checked > 500_000, "{checked}");
    }

    #[test]
    fn plain_numbers_read_back_exactly() {
        for v in [
            0.0,
            -950.0,
            3030.06,
            0.1 + 0.2,
            -1e-7,
            1e21,
            123456789012345.0,
            2.5e15,
        ] {
            let mut b = Vec::new();
            push_plain_number(&mut b, v);
            let text = String::from_utf8(b).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
            assert!(!text.contains(',') && !text.ends_with(".0"), "{text}");
        }
    }

    #[test]
    fn header_keys() {
        assert_eq!(key_of_header("Sales [sales]"), Some("sales"));
        assert_eq!(
            key_of_header("ABC [x] / Pareto (key) [abc.class]"),
            Some("abc.class")
        );
        assert_eq!(key_of_header("Sales"), None);
    }
}

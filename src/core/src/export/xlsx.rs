//! The results as an XLSX workbook, in the chosen language:
//! - *Customers*: the columns of [`Plan`] (the CSV's), the header bold and frozen with the id
//!   and name columns, an autofilter, money as `#,##0.00`, shares as `0.0%`, dates as dates,
//!   widths by what a column holds;
//! - *Classes*: per method, each class's count, share of customers, sales, share of sales,
//!   profit, strategy and actions;
//! - *Staffing*: the ABC staffing plan, per class and per owner;
//! - *Settings*: every setting in force, the data sources with their row accounting, and the
//!   methods left out of the Customers sheet with the column each lacks;
//! - *Rejected rows*: the rows the imports rejected (file, row, column, value, reason).
//!
//! Text is always a string cell and never a formula (see `workbook.rs`); a text that starts
//! like a formula also carries Excel's quote prefix. Numbers are numeric cells, negative ones
//! included.
//!
//! Written by a streaming writer of our own rather than rust_xlsxwriter, which reads the
//! system clock on wasm32-unknown-unknown, holds every cell in memory and saves in one call
//! (`workbook.rs` has the figures).

use super::columns::{Cell, Plan};
use super::sheets::{self, Table};
use super::workbook::{SheetDecl, SheetLayout, Workbook, MAX_ROWS};
use super::{rows_of, ExportError, Guard, Options, Progress, RejectedRow};
use crate::classify::Engine;

/// Where an export is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Customers,
    Rejected,
    Done,
}

/// An XLSX export in slices: [`XlsxExport::new`], [`XlsxExport::step`] until done, then
/// [`XlsxExport::finish`]. Dropping it cancels.
pub struct XlsxExport {
    plan: Plan,
    rows: Vec<u32>,
    next: usize,
    rejected: Vec<RejectedRow>,
    next_rejected: usize,
    guard: Guard,
    book: Workbook,
    /// Classes, Staffing and Settings, computed at the start (they are small), written when
    /// the customers are.
    small: Vec<Table>,
    stage: Stage,
    lang: crate::i18n::Lang,
}

impl XlsxExport {
    /// The plan of columns, the small sheets, and the workbook up to the Customers sheet's
    /// header.
    pub fn new(engine: &Engine, options: &Options) -> Result<XlsxExport, ExportError> {
        let lang = options.lang;
        let rows = rows_of(engine, options)?;
        for n in [rows.len() + 1, options.rejected.len() + 1] {
            if n > MAX_ROWS {
                return Err(ExportError::TooManyRows {
                    rows: n,
                    limit: MAX_ROWS,
                });
            }
        }
        let plan = Plan::new(engine, options);
        let cols = plan.columns().len();
        let small = vec![
            sheets::classes(engine, lang),
            sheets::staffing(engine, lang),
            sheets::settings(engine, &plan, options, rows.len()),
        ];
        let decl = |name: crate::i18n::Tr, filter| SheetDecl {
            name: name.get(lang).to_string(),
            filter,
        };
        let book = Workbook::new(
            vec![
                decl(sheets::CUSTOMERS, Some((rows.len() + 1, cols))),
                decl(sheets::CLASSES, None),
                decl(sheets::STAFFING, None),
                decl(sheets::SETTINGS, None),
                decl(sheets::REJECTED, Some((options.rejected.len() + 1, 5))),
            ],
            sheets::TITLE.get(lang),
            options.created,
        )?;
        let mut e = XlsxExport {
            plan,
            rows,
            next: 0,
            rejected: options.rejected.clone(),
            next_rejected: 0,
            guard: Guard::new(engine),
            book,
            small,
            stage: Stage::Customers,
            lang,
        };
        let widths: Vec<f64> = e
            .plan
            .columns()
            .iter()
            .map(|c| match (c.key.as_str(), c.kind) {
                ("id", _) => 12.0,
                ("name", _) => 28.0,
                (_, kind) => kind.width(),
            })
            .collect();
        e.book.begin_sheet(&SheetLayout {
            widths,
            rows: e.rows.len() + 1,
            cols,
            freeze: (2.min(cols), 1),
        })?;
        let header: Vec<Cell<'_>> = e.plan.headers().map(Cell::text).collect();
        e.book.row(&header, true)?;
        Ok(e)
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next + self.next_rejected,
            total: self.rows.len() + self.rejected.len(),
        }
    }

    /// Writes up to `budget` more rows: customers, then (once they are all written, with the
    /// small sheets) rejected rows.
    pub fn step(&mut self, engine: &Engine, budget: usize) -> Result<Progress, ExportError> {
        self.guard.check(engine)?;
        let mut budget = budget;
        if self.stage == Stage::Customers {
            let end = self.rows.len().min(self.next.saturating_add(budget));
            let book = &mut self.book;
            self.plan
                .for_each_row(engine, &self.rows[self.next..end], |cells| {
                    book.row(cells, false)
                })?;
            budget -= end - self.next;
            self.next = end;
            if self.next == self.rows.len() {
                self.small_sheets()?;
                self.stage = Stage::Rejected;
            }
        }
        if self.stage == Stage::Rejected {
            let end = self
                .rejected
                .len()
                .min(self.next_rejected.saturating_add(budget));
            for r in &self.rejected[self.next_rejected..end] {
                self.book.row(&sheets::rejected_row(r), false)?;
            }
            self.next_rejected = end;
            if end == self.rejected.len() {
                self.book.end_sheet()?;
                self.stage = Stage::Done;
            }
        }
        Ok(self.progress())
    }

    /// Classes, Staffing and Settings, then the Rejected rows sheet's header.
    fn small_sheets(&mut self) -> Result<(), ExportError> {
        for tb in std::mem::take(&mut self.small) {
            let cols = tb.cols();
            self.book.begin_sheet(&SheetLayout {
                widths: tb.widths.clone(),
                rows: tb.rows.len(),
                cols,
                freeze: (0, 0),
            })?;
            for (cells, bold) in &tb.rows {
                self.book.row(cells, *bold)?;
            }
        }
        self.book.begin_sheet(&SheetLayout {
            widths: sheets::REJECTED_WIDTHS.to_vec(),
            rows: self.rejected.len() + 1,
            cols: 5,
            freeze: (0, 1),
        })?;
        self.book.row(&sheets::rejected_header(self.lang), true)
    }

    /// The workbook. Every row must have been written ([`Progress::is_done`]); else
    /// [`ExportError::Unfinished`].
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        Ok(self.into_pieces()?.into_vec())
    }

    /// The workbook's bytes written so far, in full pieces of [`super::PIECE`] bytes, each
    /// handed out once (see [`super::CsvExport::take_written`]); [`XlsxExport::finish_in_pieces`]
    /// then gives the rest.
    pub fn take_written(&mut self) -> Vec<Vec<u8>> {
        self.book.take_full()
    }

    /// The workbook in pieces of at most [`super::PIECE`] bytes, in order; after
    /// [`XlsxExport::take_written`], the rest of it.
    pub fn finish_in_pieces(self) -> Result<Vec<Vec<u8>>, ExportError> {
        Ok(self.into_pieces()?.into_pieces())
    }

    fn into_pieces(self) -> Result<super::pieces::Pieces, ExportError> {
        if self.stage != Stage::Done {
            return Err(ExportError::Unfinished(self.progress()));
        }
        self.book.finish()
    }

    /// Bytes written so far, compressed (for a size estimate while it runs).
    pub fn bytes_written(&self) -> usize {
        self.book.written()
    }
}

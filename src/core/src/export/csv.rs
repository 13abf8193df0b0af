//! The customers as CSV: UTF-8 with a byte order mark (so Excel reads it as UTF-8), `,` as the
//! separator, CRLF line ends and RFC 4180 quoting (a field is quoted when it holds a `,`, a
//! `"`, CR or LF; a `"` inside is doubled).
//!
//! **One header row, each header the column's name in the chosen language followed by its
//! stable key in brackets** (`Sales [sales]`, `ABC / Pareto (key) [abc.class]`), rather than a
//! second header row of keys or headers that are keys only:
//! - Excel, CRM import wizards, `csv`/pandas readers all take the first row as the header and
//!   every later row as a record. A second header row would be imported as a customer whose
//!   id is `id` (or refused as a bad record), sorted among the customers by an Excel filter,
//!   and have to be skipped by hand.
//! - Headers that are keys only (`sales`, `abc.class`) would be the easiest to map in a CRM,
//!   but the issue wants the header in the user's language, and a Chinese or Spanish user
//!   reads `销售额` / `Ventas`, not `sales`.
//! - With the key inside the header, a program (our round-trip tests, a CRM mapping rule, a
//!   script) finds a column by key in any language ([`super::key_of_header`]), and a person
//!   reads the name. The cost is longer headers, and a CRM mapping saved by header text holds
//!   for one language only.
//!
//! Numbers are written plainly (`-950.5`: a `.` decimal, no grouping, as many digits as the
//! value needs), whatever the language, so that they read back exactly; a share (growth,
//! share of wallet, close probability) as the fraction (`0.25`); dates as `YYYY-MM-DD`; a
//! missing figure as an empty field. Text cells pass through [`super::neutralize`]; numbers
//! do not, so a negative number stays a number.

use super::columns::{Cell, Plan};
use super::pieces::Pieces;
use super::{neutralize, push_plain_number, rows_of, ExportError, Guard, Options, Progress};
use crate::classify::Engine;
use std::cell::RefCell;
use std::io::Write as _;
use std::rc::Rc;

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV export in slices: [`CsvExport::new`], [`CsvExport::step`] until done, then
/// [`CsvExport::finish`]. Dropping it cancels.
pub struct CsvExport {
    plan: Plan,
    rows: Vec<u32>,
    next: usize,
    guard: Guard,
    out: csv::Writer<Shared>,
    /// The file the writer writes into, to hand its full pieces out as it grows.
    file: Shared,
    /// A number's text, reused.
    num: Vec<u8>,
}

impl CsvExport {
    /// The plan of columns and the header row; no customer yet.
    pub fn new(engine: &Engine, options: &Options) -> Result<CsvExport, ExportError> {
        let rows = rows_of(engine, options)?;
        let plan = Plan::new(engine, options);
        let mut file = Shared::default();
        file.write_all(BOM)
            .map_err(|e| ExportError::Write(e.to_string()))?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(file.clone());
        // Our own headers: no user text, nothing to neutralize.
        out.write_record(plan.headers()).map_err(io_error)?;
        Ok(CsvExport {
            plan,
            rows,
            next: 0,
            guard: Guard::new(engine),
            out,
            file,
            num: Vec::new(),
        })
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next,
            total: self.rows.len(),
        }
    }

    /// Writes up to `budget` more customers.
    pub fn step(&mut self, engine: &Engine, budget: usize) -> Result<Progress, ExportError> {
        self.guard.check(engine)?;
        let end = self.rows.len().min(self.next.saturating_add(budget));
        let (out, num) = (&mut self.out, &mut self.num);
        self.plan
            .for_each_row(engine, &self.rows[self.next..end], |cells| {
                for cell in cells {
                    write_cell(out, num, cell)?;
                }
                out.write_record(None::<&[u8]>).map_err(io_error)
            })?;
        self.next = end;
        Ok(self.progress())
    }

    /// The file's bytes written so far, in full pieces of [`super::PIECE`] bytes, each handed
    /// out once: the caller keeps them (the page, in a `Blob`), and the export holds a piece
    /// or two instead of the whole file. [`CsvExport::finish_in_pieces`] then gives the rest.
    pub fn take_written(&mut self) -> Result<Vec<Vec<u8>>, ExportError> {
        self.out
            .flush()
            .map_err(|e| ExportError::Write(e.to_string()))?;
        Ok(self.file.0.borrow_mut().take_full())
    }

    fn into_pieces(mut self) -> Result<Pieces, ExportError> {
        if self.next < self.rows.len() {
            return Err(ExportError::Unfinished(self.progress()));
        }
        self.out
            .flush()
            .map_err(|e| ExportError::Write(e.to_string()))?;
        drop(self.out);
        Ok(std::mem::take(&mut *self.file.0.borrow_mut()))
    }

    /// The file. Every row must have been written ([`Progress::is_done`]); else
    /// [`ExportError::Unfinished`].
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        Ok(self.into_pieces()?.into_vec())
    }

    /// The file in pieces of at most [`super::PIECE`] bytes, in order (for a `Blob` of parts:
    /// never the whole file twice in memory); after [`CsvExport::take_written`], the rest of
    /// it.
    pub fn finish_in_pieces(self) -> Result<Vec<Vec<u8>>, ExportError> {
        Ok(self.into_pieces()?.into_pieces())
    }
}

/// The file, shared between the CSV writer (which writes into it) and the export (which hands
/// its full pieces out).
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Pieces>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn io_error(e: csv::Error) -> ExportError {
    ExportError::Write(e.to_string())
}

fn write_cell(
    out: &mut csv::Writer<Shared>,
    num: &mut Vec<u8>,
    cell: &Cell<'_>,
) -> Result<(), ExportError> {
    let r = match cell {
        Cell::Empty => out.write_field(""),
        Cell::Text(s) => out.write_field(neutralize(s).as_bytes()),
        Cell::Number(v, _) => {
            num.clear();
            push_plain_number(num, *v);
            out.write_field(&num[..])
        }
        Cell::Date(d) => {
            num.clear();
            let _ = write!(num, "{}", d.format("%Y-%m-%d"));
            out.write_field(&num[..])
        }
    };
    r.map_err(io_error)
}

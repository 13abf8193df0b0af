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
use super::{neutralize, rows_of, with_plain_number, ExportError, Guard, Options, Progress};
use crate::classify::Engine;
use chrono::Datelike;
use std::fmt::Write as _;
use std::io::Write as _;

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV export in slices: [`CsvExport::new`], [`CsvExport::step`] until done, then
/// [`CsvExport::finish`]. Dropping it cancels.
///
/// Each row is written into a line of its own (reused) and the line appended to the file,
/// which grows in pieces ([`Pieces`]). A "why" is written straight into the line from its
/// reasons ([`Cell::Reasons`]), then quoted there if it must be: no string of its own, and
/// no writer's buffer between the line and the file.
pub struct CsvExport {
    plan: Plan,
    rows: Vec<u32>,
    next: usize,
    guard: Guard,
    file: Pieces,
    /// The row being written, reused.
    line: String,
}

impl CsvExport {
    /// The plan of columns and the header row; no customer yet.
    pub fn new(engine: &Engine, options: &Options) -> Result<CsvExport, ExportError> {
        let rows = rows_of(engine, options)?;
        let plan = Plan::new(engine, options);
        let mut line = String::new();
        // Our own headers: no user text, nothing to neutralize.
        for (k, h) in plan.headers().enumerate() {
            if k > 0 {
                line.push(',');
            }
            push_field(&mut line, h);
        }
        line.push_str("\r\n");
        let mut file = Pieces::default();
        write(&mut file, BOM)?;
        write(&mut file, line.as_bytes())?;
        Ok(CsvExport {
            plan,
            rows,
            next: 0,
            guard: Guard::new(engine),
            file,
            line,
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
        let (file, line) = (&mut self.file, &mut self.line);
        self.plan
            .for_each_row(engine, &self.rows[self.next..end], |cells| {
                line.clear();
                for (k, cell) in cells.iter().enumerate() {
                    if k > 0 {
                        line.push(',');
                    }
                    push_cell(line, cell);
                }
                line.push_str("\r\n");
                write(file, line.as_bytes())
            })?;
        self.next = end;
        Ok(self.progress())
    }

    /// The file's bytes written so far, in full pieces of [`super::PIECE`] bytes, each handed
    /// out once: the caller keeps them (the page, in a `Blob`), and the export holds a piece
    /// or two instead of the whole file. [`CsvExport::finish_in_pieces`] then gives the rest.
    pub fn take_written(&mut self) -> Result<Vec<Vec<u8>>, ExportError> {
        Ok(self.file.take_full())
    }

    fn into_pieces(self) -> Result<Pieces, ExportError> {
        if self.next < self.rows.len() {
            return Err(ExportError::Unfinished(self.progress()));
        }
        Ok(self.file)
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

fn write(file: &mut Pieces, bytes: &[u8]) -> Result<(), ExportError> {
    file.write_all(bytes)
        .map_err(|e| ExportError::Write(e.to_string()))
}

/// Must a field holding these bytes be quoted (RFC 4180: a `,`, a `"`, CR or LF)? Every
/// byte is looked at, without stopping early, which the compiler turns into a loop over
/// several bytes at once.
fn needs_quotes(b: &[u8]) -> bool {
    b.iter()
        .fold(false, |q, &c| q | matches!(c, b',' | b'"' | b'\r' | b'\n'))
}

/// A field's text, quoted if it must be, with a `"` inside doubled.
fn push_field(line: &mut String, text: &str) {
    if !needs_quotes(text.as_bytes()) {
        line.push_str(text);
        return;
    }
    line.push('"');
    let mut rest = text;
    while let Some(at) = rest.find('"') {
        line.push_str(&rest[..=at]);
        line.push('"');
        rest = &rest[at + 1..];
    }
    line.push_str(rest);
    line.push('"');
}

fn push_cell(line: &mut String, cell: &Cell<'_>) {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => push_field(line, &neutralize(s)),
        // Digits, `.`, `-`, `e`: never quoted.
        Cell::Number(v, _) => with_plain_number(*v, |text| line.push_str(text)),
        Cell::Date(d) => match u32::try_from(d.year()) {
            // `%Y-%m-%d` by hand: four digits of year, two of month and day.
            Ok(y @ 0..=9999) => {
                let mut b = *b"0000-00-00";
                for (at, n, width) in [(0, y, 4), (5, d.month(), 2), (8, d.day(), 2)] {
                    let mut n = n;
                    for k in (at..at + width).rev() {
                        b[k] = b'0' + (n % 10) as u8;
                        n /= 10;
                    }
                }
                line.push_str(std::str::from_utf8(&b).unwrap_or_default());
            }
            _ => {
                let _ = write!(line, "{}", d.format("%Y-%m-%d"));
            }
        },
        Cell::Reasons(rs, lang) => {
            // Written in place; the text is ours but for a pin's note, so it is checked as
            // any text is, and in the rare case it needs more than quotes, written again.
            let at = line.len();
            crate::format::push_reasons(line, rs, *lang);
            let text = &line[at..];
            if text.contains('"') || crate::format::looks_like_formula(text) {
                let text = line.split_off(at);
                push_field(line, &neutralize(&text));
            } else if needs_quotes(text.as_bytes()) {
                line.insert(at, '"');
                line.push('"');
            }
        }
    }
}

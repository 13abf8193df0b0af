//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS) read from bytes through calamine.
//!
//! Before calamine sees a zip, its central directory is checked: a declared uncompressed total
//! over 1 GiB, or an entry over 50 MB unpacking more than 100× its packed size, is refused as
//! a zip bomb. Then, since declared sizes can lie, every part is inflated once through a meter
//! ([`super::unpack`]) that stops past the [`Limits`] on bytes unpacked and on one XML token,
//! and an ODS's repeats are counted as the cells and text calamine will expand them to. Only
//! then is the workbook opened, as the format its parts tell. XLSX and XLSB sheets are read
//! cell by cell in storage order and handed on row by row, so memory follows the cells
//! present, never the sheet's extent; past [`Limits::cells`] cells or [`Limits::rows`] rows,
//! as read, is refused as too large. XLS and ODS go through calamine's dense range, refused
//! above [`Limits::dense_cells`] (for XLS after the fact: calamine builds its range before it
//! can be checked).
//! The sheet read is [`ImportOptions::sheet`] or the first non-empty one; title rows above the
//! header are skipped; cells keep their types (numbers, dates → `NaiveDate`, text).

use super::cells::{Cell, Row};
use super::decode::{sniff_kind, FileKind};
use super::diagnostics::{ImportError, ImportReport};
use super::limits::{Limits, Measure, LIMITS};
use super::unpack::{measure_zip, ZipFormat};
use super::values::workbook_date;
use super::{
    finish, plan, DecimalSep, ImportOptions, Imported, Plan, Sink, PREVIEW_CELLS, PREVIEW_ROWS,
};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use serde::{Deserialize, Serialize};
use std::io::Cursor;
use std::ops::ControlFlow;

/// Refused above this declared uncompressed total.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;
/// An entry above this size must not unpack more than [`MAX_RATIO`]× its packed size.
pub const RATIO_CHECK_BYTES: u64 = 50_000_000;
pub const MAX_RATIO: u64 = 100;
/// The most cells of a sheet read cell by cell ([`Limits::cells`]).
pub const MAX_CELLS: u64 = LIMITS.cells;
/// The most rows of a sheet ([`Limits::rows`]).
pub const MAX_ROWS: u64 = LIMITS.rows;

/// One sheet of a workbook, for the sheet picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetInfo {
    pub name: String,
    /// Rows and columns of the used range (0 × 0 for an empty sheet).
    pub rows: usize,
    pub columns: usize,
}

impl SheetInfo {
    pub fn is_empty(&self) -> bool {
        self.rows == 0 || self.columns == 0
    }
}

impl Row for [Data] {
    fn width(&self) -> usize {
        self.len()
    }

    fn cell(&self, col: usize) -> Cell<'_> {
        match self.get(col) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::String(s)) => Cell::text(s),
            Some(Data::Int(i)) => Cell::Number(*i as f64),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::Bool(b)) => Cell::Bool(*b),
            // A serial in a date format that is no day of 0001..=9999 (NaN, -1e15) stays a
            // number, which a date column rejects ("not a date").
            Some(Data::DateTime(dt)) => match workbook_date(dt.as_f64(), is_1904(dt)) {
                Some(d) => Cell::Date(d),
                None => Cell::Number(dt.as_f64()),
            },
            Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => Cell::text(s),
            Some(Data::Error(_)) => Cell::Empty,
        }
    }
}

/// Whether a date cell counts from 1904. calamine keeps that private, but compares it.
fn is_1904(dt: &ExcelDateTime) -> bool {
    let v = dt.as_f64();
    [ExcelDateTimeType::DateTime, ExcelDateTimeType::TimeDelta]
        .into_iter()
        .any(|t| *dt == ExcelDateTime::new(v, t, true))
}

/// The format name for the report.
fn format_name(s: &Sheets<Cursor<&[u8]>>) -> &'static str {
    match s {
        Sheets::Xls(_) => "XLS",
        Sheets::Xlsx(_) => "XLSX",
        Sheets::Xlsb(_) => "XLSB",
        Sheets::Ods(_) => "ODS",
    }
}

/// Checks the zip's declared sizes before anything is unpacked.
pub fn check_zip(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let bomb = |detail: String| ImportError::ZipBomb {
        file: file.into(),
        detail,
    };
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::NotSpreadsheet {
            file: file.into(),
            detail: e.to_string(),
        })?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > RATIO_CHECK_BYTES && size / packed > MAX_RATIO {
            return Err(bomb(format!(
                "{} declares {size} bytes packed in {packed}",
                entry.name()
            )));
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(bomb(format!("{total} bytes declared in all")));
    }
    Ok(())
}

/// Opens a workbook as the format its signature and parts tell, once its zip (if it is one)
/// has been measured against the limits.
fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<Sheets<Cursor<&'a [u8]>>, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.into() });
    }
    let unreadable = |format: &str, e: &dyn std::fmt::Display| ImportError::NotSpreadsheet {
        file: file.into(),
        detail: format!("{format}: {e}"),
    };
    let rs = Cursor::new(bytes);
    match sniff_kind(bytes) {
        FileKind::Zip => {
            check_zip(file, bytes)?;
            match measure_zip(file, bytes, limits)? {
                ZipFormat::Xlsx => Xlsx::new(rs)
                    .map(Sheets::Xlsx)
                    .map_err(|e| unreadable("XLSX", &e)),
                ZipFormat::Xlsb => Xlsb::new(rs)
                    .map(Sheets::Xlsb)
                    .map_err(|e| unreadable("XLSB", &e)),
                ZipFormat::Ods => Ods::new(rs)
                    .map(Sheets::Ods)
                    .map_err(|e| unreadable("ODS", &e)),
                ZipFormat::Unknown => Err(unreadable(
                    "zip",
                    &"none of the parts of a workbook (xl/workbook.xml, xl/workbook.bin, \
                      content.xml)",
                )),
            }
        }
        FileKind::Ole => {
            super::ole::check_xls(file, bytes, limits)?;
            Xls::new(rs)
                .map(Sheets::Xls)
                .map_err(|e| unreadable("XLS", &e))
        }
        FileKind::Text => Err(unreadable("signature", &"no workbook signature")),
    }
}

fn range(
    file: &str,
    wb: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<calamine::Range<Data>, ImportError> {
    let r = wb
        .worksheet_range(name)
        .map_err(|e| ImportError::NotSpreadsheet {
            file: file.into(),
            detail: e.to_string(),
        })?;
    let (rows, cols) = r.get_size();
    let too_large = |what, found, limit| ImportError::TooLarge {
        file: file.into(),
        what,
        found: Some(found),
        limit,
        detail: format!("sheet \"{name}\": {rows} rows × {cols} columns"),
    };
    let cells = (rows as u64).saturating_mul(cols as u64);
    if rows as u64 > limits.rows {
        return Err(too_large(Measure::Rows, rows as u64, limits.rows));
    }
    if cells > limits.dense_cells {
        return Err(too_large(Measure::Cells, cells, limits.dense_cells));
    }
    Ok(r)
}

/// Calls `on_row(spreadsheet row, cells)` for each non-blank row of a sheet, in order, until it
/// breaks. XLSX and XLSB are read cell by cell as they are stored (no dense range is built, so
/// a stray cell at XFD1048576 costs nothing); XLS and ODS come through calamine's range.
/// Returns whether `on_row` broke.
fn stream_rows(
    file: &str,
    wb: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
    mut on_row: impl FnMut(usize, &[Data]) -> ControlFlow<()>,
) -> Result<bool, ImportError> {
    let unreadable = |e: &dyn std::fmt::Display| ImportError::NotSpreadsheet {
        file: file.into(),
        detail: e.to_string(),
    };
    let too_large = |what, limit| ImportError::TooLarge {
        file: file.into(),
        what,
        found: None,
        limit,
        detail: format!("sheet \"{name}\""),
    };
    let mut rows = Assembler::default();
    let mut cells: u64 = 0;
    macro_rules! stream_cells {
        ($reader:expr) => {{
            let mut reader = $reader.map_err(|e| unreadable(&e))?;
            loop {
                let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? else {
                    break;
                };
                cells += 1;
                if cells > limits.cells {
                    return Err(too_large(Measure::Cells, limits.cells));
                }
                let pos = cell.get_position();
                if rows.at != Some(pos.0) {
                    rows.count += 1;
                    if rows.count > limits.rows {
                        return Err(too_large(Measure::Rows, limits.rows));
                    }
                }
                let value = Data::from(cell.get_value().clone());
                if rows.add(pos, value, &mut on_row).is_break() {
                    return Ok(true);
                }
            }
        }};
    }
    match wb {
        Sheets::Xlsx(x) => stream_cells!(x.worksheet_cells_reader(name)),
        Sheets::Xlsb(x) => stream_cells!(x.worksheet_cells_reader(name)),
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let data = range(file, wb, name, limits)?;
            let first = data.start().map_or(0, |(r, _)| r as usize);
            for (i, r) in data.rows().enumerate() {
                if !r.is_blank() && on_row(first + i + 1, r).is_break() {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    Ok(rows.flush(&mut on_row).is_break())
}

/// Cells in storage order → rows.
#[derive(Default)]
struct Assembler {
    row: Vec<Data>,
    at: Option<u32>,
    /// Rows started so far (as read, blank ones included).
    count: u64,
}

impl Assembler {
    /// Adds one cell, handing the previous row over first when the cell starts another one.
    fn add(
        &mut self,
        (r, c): (u32, u32),
        value: Data,
        on_row: &mut impl FnMut(usize, &[Data]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if self.at != Some(r) {
            self.flush(on_row)?;
            self.at = Some(r);
        }
        let c = c as usize;
        if c < MAX_COLUMNS && !matches!(value, Data::Empty) {
            if self.row.len() <= c {
                self.row.resize(c + 1, Data::Empty);
            }
            self.row[c] = value;
        }
        ControlFlow::Continue(())
    }

    fn flush(
        &mut self,
        on_row: &mut impl FnMut(usize, &[Data]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let result = match self.at {
            Some(r) if !self.row.is_blank() => on_row(r as usize + 1, &self.row),
            _ => ControlFlow::Continue(()),
        };
        self.row.clear();
        result
    }
}

/// The widest row read from a workbook; cells beyond are ignored.
pub const MAX_COLUMNS: usize = 16_384;

/// The sheets of a workbook with their sizes, for a sheet picker.
pub fn sheets(file: &str, bytes: &[u8]) -> Result<Vec<SheetInfo>, ImportError> {
    sheets_within(file, bytes, &LIMITS)
}

/// [`sheets`] under other limits.
pub fn sheets_within(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<SheetInfo>, ImportError> {
    let mut wb = open(file, bytes, limits)?;
    let names = wb.sheet_names();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let (mut first, mut last, mut columns) = (usize::MAX, 0, 0);
        stream_rows(file, &mut wb, &name, limits, |n, r| {
            first = first.min(n);
            last = last.max(n);
            let used = r.iter().rposition(|c| !matches!(c, Data::Empty));
            columns = columns.max(used.map_or(0, |u| u + 1));
            ControlFlow::Continue(())
        })?;
        let rows = if first == usize::MAX {
            0
        } else {
            last - first + 1
        };
        out.push(SheetInfo {
            name,
            rows,
            columns,
        });
    }
    Ok(out)
}

/// Imports one sheet of a workbook.
pub fn import_workbook(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    import_workbook_within(file, bytes, options, &LIMITS)
}

/// [`import_workbook`] under other limits.
pub fn import_workbook_within(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
    limits: &Limits,
) -> Result<Imported, ImportError> {
    let mut wb = open(file, bytes, limits)?;
    let format = format_name(&wb);
    let names = wb.sheet_names();
    let name = match &options.sheet {
        Some(want) => {
            if !names.iter().any(|n| n == want) {
                return Err(ImportError::NoSuchSheet {
                    file: file.into(),
                    sheet: want.clone(),
                });
            }
            want.clone()
        }
        None => {
            let mut found = None;
            for n in &names {
                if stream_rows(file, &mut wb, n, limits, |_, _| ControlFlow::Break(()))? {
                    found = Some(n.clone());
                    break;
                }
            }
            found.ok_or_else(|| ImportError::NoData { file: file.into() })?
        }
    };
    // The first rows, typed, until the layout is planned; then every row straight to the sink.
    let mut preview: Vec<(usize, Vec<Data>)> = Vec::new();
    let mut planned: Option<Result<(Plan, Sink), ImportError>> = None;
    let start_sink = |preview: &[(usize, Vec<Data>)]| {
        let strings: Vec<(usize, Vec<String>)> =
            preview.iter().map(|(n, r)| (*n, r.strings())).collect();
        plan(file, &strings, options, DecimalSep::Dot).map(|(p, mut sink)| {
            for (n, r) in &preview[p.header_index + 1..] {
                sink.push(*n, r.as_slice());
            }
            (p, sink)
        })
    };
    let mut preview_cells = 0;
    stream_rows(file, &mut wb, &name, limits, |n, r| match &mut planned {
        Some(Ok((_, sink))) => {
            sink.push(n, r);
            ControlFlow::Continue(())
        }
        Some(Err(_)) => ControlFlow::Break(()),
        None => {
            preview_cells += r.len();
            preview.push((n, r.to_vec()));
            if preview.len() >= PREVIEW_ROWS || preview_cells >= PREVIEW_CELLS {
                let result = start_sink(&preview);
                let failed = result.is_err();
                planned = Some(result);
                if failed {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        }
    })?;
    let (p, sink) = match planned {
        Some(result) => result?,
        None if preview.is_empty() => return Err(ImportError::NoData { file: file.into() }),
        None => start_sink(&preview)?,
    };
    let meta = ImportReport {
        format: format.into(),
        sheet: Some(name),
        ..Default::default()
    };
    let mut imported = finish(p, sink, meta);
    imported.sheets = names;
    Ok(imported)
}

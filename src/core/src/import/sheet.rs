//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS) read from bytes through calamine.
//!
//! Before calamine sees a zip, its central directory is checked: a declared uncompressed total
//! over 1 GiB, or an entry over 50 MB unpacking more than 100× its packed size, is refused as
//! a zip bomb. A sheet over [`MAX_CELLS`] cells or [`MAX_ROWS`] rows is refused as too large.
//! The sheet read is [`ImportOptions::sheet`] or the first non-empty one; title rows above the
//! header are skipped; cells keep their types (numbers, dates → `NaiveDate`, text).

use super::cells::{Cell, Row};
use super::decode::{sniff_kind, FileKind};
use super::diagnostics::{ImportError, ImportReport};
use super::values::date_to_days;
use super::{finish, plan, DecimalSep, ImportOptions, Imported, PREVIEW_ROWS};
use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// Refused above this declared uncompressed total.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;
/// An entry above this size must not unpack more than [`MAX_RATIO`]× its packed size.
pub const RATIO_CHECK_BYTES: u64 = 50_000_000;
pub const MAX_RATIO: u64 = 100;
/// The largest sheet read: rows × columns.
pub const MAX_CELLS: u64 = 50_000_000;
pub const MAX_ROWS: u64 = 5_000_000;

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
            Some(Data::DateTime(dt)) => match dt.as_datetime() {
                Some(d) => Cell::Date(date_to_days(d.date())),
                None => Cell::Number(dt.as_f64()),
            },
            Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => Cell::text(s),
            Some(Data::Error(_)) => Cell::Empty,
        }
    }
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
                entry.name().unwrap_or_default()
            )));
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(bomb(format!("{total} bytes declared in all")));
    }
    Ok(())
}

fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<Sheets<Cursor<&'a [u8]>>, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty { file: file.into() });
    }
    match sniff_kind(bytes) {
        FileKind::Zip => check_zip(file, bytes)?,
        FileKind::Ole => {}
        FileKind::Text => {
            return Err(ImportError::NotSpreadsheet {
                file: file.into(),
                detail: "no workbook signature".into(),
            })
        }
    }
    open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ImportError::NotSpreadsheet {
        file: file.into(),
        detail: e.to_string(),
    })
}

fn range(
    file: &str,
    wb: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
) -> Result<calamine::Range<Data>, ImportError> {
    let r = wb
        .worksheet_range(name)
        .map_err(|e| ImportError::NotSpreadsheet {
            file: file.into(),
            detail: e.to_string(),
        })?;
    let (rows, cols) = r.get_size();
    if rows as u64 > MAX_ROWS || (rows as u64).saturating_mul(cols as u64) > MAX_CELLS {
        return Err(ImportError::TooLarge {
            file: file.into(),
            detail: format!("sheet \"{name}\" has {rows} rows × {cols} columns"),
        });
    }
    Ok(r)
}

/// The sheets of a workbook with their sizes, for a sheet picker.
pub fn sheets(file: &str, bytes: &[u8]) -> Result<Vec<SheetInfo>, ImportError> {
    let mut wb = open(file, bytes)?;
    let names = wb.sheet_names();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let (rows, columns) = match wb.worksheet_range(&name) {
            Ok(r) if !r.is_empty() => r.get_size(),
            _ => (0, 0),
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
    let mut wb = open(file, bytes)?;
    let format = format_name(&wb);
    let names = wb.sheet_names();
    let (name, data) = match &options.sheet {
        Some(want) => {
            if !names.iter().any(|n| n == want) {
                return Err(ImportError::NoSuchSheet {
                    file: file.into(),
                    sheet: want.clone(),
                });
            }
            let r = range(file, &mut wb, want)?;
            (want.clone(), r)
        }
        None => {
            let mut found = None;
            for n in &names {
                let r = range(file, &mut wb, n)?;
                if r.rows().any(|row| !row.is_blank()) {
                    found = Some((n.clone(), r));
                    break;
                }
            }
            found.ok_or_else(|| ImportError::NoData { file: file.into() })?
        }
    };
    let first_row = data.start().map_or(0, |(r, _)| r as usize);
    let numbered = data
        .rows()
        .enumerate()
        .map(|(i, r)| (first_row + i + 1, r))
        .filter(|(_, r)| !r.is_blank());
    let preview: Vec<(usize, Vec<String>)> = numbered
        .clone()
        .take(PREVIEW_ROWS)
        .map(|(n, r)| (n, r.strings()))
        .collect();
    if preview.is_empty() {
        return Err(ImportError::NoData { file: file.into() });
    }
    let (p, mut sink) = plan(file, &preview, options, DecimalSep::Dot)?;
    let header_row = p.header_row;
    for (n, r) in numbered.filter(|(n, _)| *n > header_row) {
        sink.push(n, r);
    }
    let meta = ImportReport {
        format: format.into(),
        sheet: Some(name),
        ..Default::default()
    };
    let mut imported = finish(p, sink, meta);
    imported.sheets = names;
    Ok(imported)
}

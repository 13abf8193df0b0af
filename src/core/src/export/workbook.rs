//! A small streaming XLSX (SpreadsheetML) writer, written for the export from ECMA-376: the
//! package parts first (content types, relationships, document properties, workbook, styles),
//! then each worksheet as its rows come, deflated into the zip (`zip_out.rs`) as they are written.
//!
//! Why not rust_xlsxwriter (0.90, which writes the import benchmarks' fixtures): on
//! wasm32-unknown-unknown, `Workbook::new`, `DocProperties::new` (where a fixed creation time
//! would be set) and the packager's own `DocProperties::new` at save read the system clock
//! (`SystemTime::now()`, which panics there: a module built with it traps on
//! `Workbook::new()`), unless its `wasm` feature brings js-sys and wasm-bindgen into the core,
//! which then reads the JavaScript clock. And it keeps every cell in memory and writes the
//! file in one call at the end, which cannot be sliced for a progress bar: natively, 100k
//! rows of 60 cells took it 1.4 s to take and 15.6 s to save, at a peak of 1.36 GB for a
//! 34 MB file (a loaded two-core machine).
//!
//! What it writes: strings inline (`t="inlineStr"`, no shared-string table to grow), numbers as
//! numbers, dates as serial numbers with a date format, a bold header, frozen panes, an
//! autofilter, column widths and a handful of number formats. Never a formula: there is no
//! way to write one. Text is escaped for XML, and for Excel: a carriage return as `&#13;` (as
//! is, it would read back as a line feed), another control character as `_xHHHH_` (XML 1.0
//! has no way to write it), a literal `_xHHHH_` as `_x005F_xHHHH_`, the non-characters U+FFFE
//! and U+FFFF as U+FFFD; text longer than a cell holds (32,767 UTF-16 units) is cut there.

use super::columns::{Cell, Num};
use super::pieces::Pieces;
use super::zip_out::ZipOut;
use super::{looks_like_formula, push_plain_number, ExportError};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::io::Write;

/// Rows a worksheet holds.
pub(crate) const MAX_ROWS: usize = 1_048_576;
/// Characters (UTF-16 units) a cell holds.
const MAX_CELL: usize = 32_767;
/// The deflate level: the fastest, as the rows are repetitive and compress well anyway.
const LEVEL: u32 = 1;
/// XML is handed to the compressor in blocks of about this size.
const BLOCK: usize = 64 * 1024;

/// The cell styles of `styles.xml`, by index.
mod style {
    pub const DEFAULT: u32 = 0;
    pub const BOLD: u32 = 1;
    /// Text Excel keeps as text when the cell is edited (`quotePrefix`).
    pub const QUOTED: u32 = 2;
    pub const MONEY: u32 = 3;
    pub const INT: u32 = 4;
    pub const SHARE: u32 = 5;
    pub const DECIMAL: u32 = 6;
    pub const DATE: u32 = 7;
}

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/>"#,
    r##"<numFmt numFmtId="165" formatCode="#,##0.0"/>"##,
    r#"<numFmt numFmtId="166" formatCode="yyyy\-mm\-dd"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill>"#,
    r#"<fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="8">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"<dxfs count="0"/><tableStyles count="0"/></styleSheet>"#,
);

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A worksheet as the workbook declares it.
#[derive(Clone, Debug)]
pub(crate) struct SheetDecl {
    /// At most 31 characters, none of `:\/?*[]`.
    pub name: String,
    /// Rows (the header included) and columns of the autofilter, if it has one.
    pub filter: Option<(usize, usize)>,
}

/// How one worksheet looks.
#[derive(Clone, Debug, Default)]
pub(crate) struct SheetLayout {
    /// Column widths in characters, from the first column.
    pub widths: Vec<f64>,
    /// Rows and columns (with the header), for the sheet's dimension.
    pub rows: usize,
    pub cols: usize,
    /// Columns and rows frozen at the top left.
    pub freeze: (usize, usize),
}

/// A workbook being written: the package parts at once ([`Workbook::new`]), then each sheet
/// in turn.
pub(crate) struct Workbook {
    zip: ZipOut,
    sheets: Vec<SheetDecl>,
    /// Sheets begun so far.
    begun: usize,
    open: Option<Open>,
    xml: Vec<u8>,
}

/// The sheet being written.
struct Open {
    /// The letters of each column.
    letters: Vec<Vec<u8>>,
    /// The next row's number (1-based).
    row: usize,
    filter: Option<(usize, usize)>,
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
pub(crate) fn column_letters(mut col: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    out
}

fn cell_ref(col: usize, row: usize) -> String {
    format!(
        "{}{}",
        String::from_utf8(column_letters(col)).unwrap_or_default(),
        row
    )
}

/// `A1:D10`, or `A1` for an empty range.
fn range(rows: usize, cols: usize) -> String {
    if rows == 0 || cols == 0 {
        "A1".into()
    } else {
        format!("A1:{}", cell_ref(cols - 1, rows))
    }
}

/// `'Name'!$A$1:$D$10`.
fn absolute_range(sheet: &str, rows: usize, cols: usize) -> String {
    let last = String::from_utf8(column_letters(cols.max(1) - 1)).unwrap_or_default();
    format!(
        "'{}'!$A$1:${last}${}",
        sheet.replace('\'', "''"),
        rows.max(1)
    )
}

impl Workbook {
    /// Starts the package and writes every part but the worksheets: `[Content_Types].xml`,
    /// the relationships, the document properties (the creation time only when given: there
    /// is no clock here), `xl/workbook.xml` and `xl/styles.xml`.
    pub(crate) fn new(
        sheets: Vec<SheetDecl>,
        title: &str,
        created: Option<NaiveDateTime>,
    ) -> Result<Workbook, ExportError> {
        let mut wb = Workbook {
            zip: ZipOut::new(LEVEL, created),
            sheets,
            begun: 0,
            open: None,
            xml: Vec::with_capacity(BLOCK + 4096),
        };
        wb.part("[Content_Types].xml", &wb.content_types())?;
        wb.part("_rels/.rels", &rels(&[
            ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"),
            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ]))?;
        wb.part("docProps/core.xml", &core_properties(title, created))?;
        wb.part("xl/workbook.xml", &wb.workbook_xml())?;
        let mut targets: Vec<(&str, String)> = (1..=wb.sheets.len())
            .map(|k| {
                (
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
                    format!("worksheets/sheet{k}.xml"),
                )
            })
            .collect();
        targets.push((
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
            "styles.xml".into(),
        ));
        let targets: Vec<(&str, &str)> = targets.iter().map(|(t, p)| (*t, p.as_str())).collect();
        wb.part("xl/_rels/workbook.xml.rels", &rels(&targets))?;
        wb.part("xl/styles.xml", STYLES)?;
        Ok(wb)
    }

    fn part(&mut self, name: &str, text: &str) -> Result<(), ExportError> {
        self.zip.start(name)?;
        self.zip.write(text.as_bytes())
    }

    fn content_types(&self) -> String {
        let mut s = String::from(XML_HEAD);
        s.push_str(
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        );
        s.push_str(r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#);
        s.push_str(r#"<Default Extension="xml" ContentType="application/xml"/>"#);
        s.push_str(r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#);
        for k in 1..=self.sheets.len() {
            s.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
        }
        s.push_str(r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#);
        s.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#);
        s.push_str("</Types>");
        s
    }

    fn workbook_xml(&self) -> String {
        let mut s = String::from(XML_HEAD);
        s.push_str(&format!(
            r#"<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">"#
        ));
        s.push_str(r#"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#);
        for (k, sh) in self.sheets.iter().enumerate() {
            s.push_str(r#"<sheet name=""#);
            s.push_str(&escape_attr(&sh.name));
            s.push_str(&format!(r#"" sheetId="{}" r:id="rId{}"/>"#, k + 1, k + 1));
        }
        s.push_str("</sheets>");
        let filters: Vec<String> = self
            .sheets
            .iter()
            .enumerate()
            .filter_map(|(k, sh)| {
                let (rows, cols) = sh.filter?;
                Some(format!(
                    r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{k}" hidden="1">{}</definedName>"#,
                    escape_attr(&absolute_range(&sh.name, rows, cols))
                ))
            })
            .collect();
        if !filters.is_empty() {
            s.push_str("<definedNames>");
            s.push_str(&filters.concat());
            s.push_str("</definedNames>");
        }
        s.push_str("</workbook>");
        s
    }

    /// Begins the next declared sheet: everything up to its first row.
    pub(crate) fn begin_sheet(&mut self, layout: &SheetLayout) -> Result<(), ExportError> {
        self.end_sheet()?;
        let k = self.begun;
        let decl = self
            .sheets
            .get(k)
            .ok_or_else(|| ExportError::Write("more sheets than declared".into()))?
            .clone();
        self.begun += 1;
        if layout.rows > MAX_ROWS {
            return Err(ExportError::TooManyRows {
                rows: layout.rows,
                limit: MAX_ROWS,
            });
        }
        self.zip
            .start(&format!("xl/worksheets/sheet{}.xml", k + 1))?;
        let x = &mut self.xml;
        x.clear();
        x.extend_from_slice(XML_HEAD.as_bytes());
        x.extend_from_slice(
            format!(r#"<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">"#).as_bytes(),
        );
        x.extend_from_slice(
            format!(r#"<dimension ref="{}"/>"#, range(layout.rows, layout.cols)).as_bytes(),
        );
        let selected = if k == 0 { r#" tabSelected="1""# } else { "" };
        x.extend_from_slice(
            format!(r#"<sheetViews><sheetView workbookViewId="0"{selected}>"#).as_bytes(),
        );
        let pane = match layout.freeze {
            (0, 0) => String::new(),
            (0, r) => format!(
                r#"<pane ySplit="{r}" topLeftCell="A{}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>"#,
                r + 1
            ),
            (c, 0) => format!(
                r#"<pane xSplit="{c}" topLeftCell="{}" activePane="topRight" state="frozen"/><selection pane="topRight"/>"#,
                cell_ref(c, 1)
            ),
            (c, r) => format!(
                r#"<pane xSplit="{c}" ySplit="{r}" topLeftCell="{}" activePane="bottomRight" state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight"/>"#,
                cell_ref(c, r + 1)
            ),
        };
        x.extend_from_slice(pane.as_bytes());
        x.extend_from_slice(br#"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
        if !layout.widths.is_empty() {
            x.extend_from_slice(b"<cols>");
            for (c, w) in layout.widths.iter().enumerate() {
                x.extend_from_slice(
                    format!(
                        r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
                        c + 1
                    )
                    .as_bytes(),
                );
            }
            x.extend_from_slice(b"</cols>");
        }
        x.extend_from_slice(b"<sheetData>");
        self.open = Some(Open {
            letters: (0..layout.cols.max(1)).map(column_letters).collect(),
            row: 1,
            filter: decl.filter,
        });
        Ok(())
    }

    /// Writes the next row of the open sheet. A bold row is a header or a title.
    pub(crate) fn row(&mut self, cells: &[Cell<'_>], bold: bool) -> Result<(), ExportError> {
        let Some(open) = self.open.as_mut() else {
            return Err(ExportError::Write("no sheet open".into()));
        };
        if open.row > MAX_ROWS {
            return Err(ExportError::TooManyRows {
                rows: open.row,
                limit: MAX_ROWS,
            });
        }
        while open.letters.len() < cells.len() {
            let c = open.letters.len();
            open.letters.push(column_letters(c));
        }
        let x = &mut self.xml;
        let row = open.row;
        open.row += 1;
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(row).as_bytes();
        x.extend_from_slice(b"<row r=\"");
        x.extend_from_slice(digits);
        x.extend_from_slice(b"\">");
        for (c, cell) in cells.iter().enumerate() {
            let written;
            let cell = match cell {
                Cell::Reasons(rs, lang) => {
                    written = Cell::text(crate::format::reasons(rs, *lang));
                    &written
                }
                _ => cell,
            };
            let (style, value) = match cell {
                Cell::Empty | Cell::Reasons(..) => continue,
                Cell::Text(s) => (
                    if looks_like_formula(s) {
                        style::QUOTED
                    } else if bold {
                        style::BOLD
                    } else {
                        style::DEFAULT
                    },
                    None,
                ),
                Cell::Number(v, num) if v.is_finite() => (num_style(*num), Some(*v)),
                Cell::Number(..) => continue,
                Cell::Date(d) => match serial(*d) {
                    Some(v) => (style::DATE, Some(v)),
                    // Before 1 March 1900, where Excel's calendar is off: as text.
                    None => (style::DEFAULT, None),
                },
            };
            x.extend_from_slice(b"<c r=\"");
            x.extend_from_slice(&open.letters[c]);
            x.extend_from_slice(digits);
            x.push(b'"');
            if style != style::DEFAULT {
                x.extend_from_slice(b" s=\"");
                x.push(b'0' + style as u8);
                x.push(b'"');
            }
            match (cell, value) {
                (_, Some(v)) => {
                    x.extend_from_slice(b"><v>");
                    push_plain_number(x, v);
                    x.extend_from_slice(b"</v></c>");
                }
                (Cell::Date(d), None) => {
                    x.extend_from_slice(b" t=\"inlineStr\"><is><t>");
                    let _ = write!(x, "{}", d.format("%Y-%m-%d"));
                    x.extend_from_slice(b"</t></is></c>");
                }
                (Cell::Text(s), None) => {
                    let s = truncate(s);
                    let edge = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t' | b'\n' | b'\r'));
                    if edge(s.as_bytes().first()) || edge(s.as_bytes().last()) {
                        x.extend_from_slice(b" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                    } else {
                        x.extend_from_slice(b" t=\"inlineStr\"><is><t>");
                    }
                    push_text(x, s);
                    x.extend_from_slice(b"</t></is></c>");
                }
                _ => {}
            }
        }
        x.extend_from_slice(b"</row>");
        if x.len() >= BLOCK {
            // Whole blocks only, so that the compressor is fed the same way (and gives the
            // same bytes) however the rows were sliced into steps.
            let whole = x.len() / BLOCK * BLOCK;
            self.zip.write(&self.xml[..whole])?;
            self.xml.drain(..whole);
        }
        Ok(())
    }

    /// Hands all the XML written so far to the compressor.
    fn flush(&mut self) -> Result<(), ExportError> {
        if !self.xml.is_empty() {
            self.zip.write(&self.xml)?;
            self.xml.clear();
        }
        Ok(())
    }

    /// Ends the open sheet, if any: its autofilter and page margins.
    pub(crate) fn end_sheet(&mut self) -> Result<(), ExportError> {
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        self.xml.extend_from_slice(b"</sheetData>");
        if let Some((rows, cols)) = open.filter {
            self.xml.extend_from_slice(
                format!(r#"<autoFilter ref="{}"/>"#, range(rows, cols)).as_bytes(),
            );
        }
        self.xml.extend_from_slice(
            br#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#,
        );
        self.flush()
    }

    /// The full pieces of the file so far, each once ([`ZipOut::take_full`]).
    pub(crate) fn take_full(&mut self) -> Vec<Vec<u8>> {
        self.zip.take_full()
    }

    /// The bytes compressed so far (the file's size, nearly, once finished).
    pub(crate) fn written(&self) -> usize {
        self.zip.len()
    }

    /// Ends the last sheet and the zip.
    pub(crate) fn finish(mut self) -> Result<Pieces, ExportError> {
        self.end_sheet()?;
        if self.begun != self.sheets.len() {
            return Err(ExportError::Write(format!(
                "{} of {} sheets written",
                self.begun,
                self.sheets.len()
            )));
        }
        self.zip.finish()
    }
}

fn num_style(n: Num) -> u32 {
    match n {
        Num::Plain => style::DEFAULT,
        Num::Money => style::MONEY,
        Num::Int => style::INT,
        Num::Share => style::SHARE,
        Num::Decimal => style::DECIMAL,
    }
}

/// Excel's serial day number of a date (1900 date system), from 1 March 1900 on.
pub(crate) fn serial(d: NaiveDate) -> Option<f64> {
    let first = NaiveDate::from_ymd_opt(1900, 3, 1)?;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    (d >= first && d.year() <= 9999).then(|| (d - epoch).num_days() as f64)
}

/// At most [`MAX_CELL`] UTF-16 units, cut at a character boundary.
fn truncate(s: &str) -> &str {
    // A UTF-16 unit takes at least one UTF-8 byte, so a short string fits.
    if s.len() <= MAX_CELL {
        return s;
    }
    let mut units = 0;
    for (at, ch) in s.char_indices() {
        units += ch.len_utf16();
        if units > MAX_CELL {
            return &s[..at];
        }
    }
    s
}

/// Does `b` (the bytes after a `_`) start with `xHHHH_`?
fn excel_escape_follows(b: &[u8]) -> bool {
    b.len() >= 6 && b[0] == b'x' && b[1..5].iter().all(u8::is_ascii_hexdigit) && b[5] == b'_'
}

/// Text content, escaped for XML and for Excel (see the module's documentation).
pub(crate) fn push_text(x: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    let mut k = 0;
    while k < b.len() {
        let c = b[k];
        let special = c < 0x20 || matches!(c, b'&' | b'<' | b'>' | b'_' | 0xEF);
        if !special {
            k += 1;
            continue;
        }
        let rep: Option<&[u8]> = match c {
            b'&' => Some(b"&amp;"),
            b'<' => Some(b"&lt;"),
            b'>' => Some(b"&gt;"),
            b'\t' | b'\n' => None,
            // A reference, as a carriage return written as is would read back as a line feed.
            b'\r' => Some(b"&#13;"),
            b'_' if excel_escape_follows(&b[k + 1..]) => Some(b"_x005F_"),
            b'_' => None,
            0xEF if b.get(k + 1) == Some(&0xBF) && matches!(b.get(k + 2), Some(0xBE | 0xBF)) => {
                x.extend_from_slice(&b[from..k]);
                x.extend_from_slice("\u{FFFD}".as_bytes());
                k += 3;
                from = k;
                continue;
            }
            0xEF => None,
            _ => {
                x.extend_from_slice(&b[from..k]);
                x.extend_from_slice(format!("_x{c:04X}_").as_bytes());
                k += 1;
                from = k;
                continue;
            }
        };
        if let Some(rep) = rep {
            x.extend_from_slice(&b[from..k]);
            x.extend_from_slice(rep);
            from = k + 1;
        }
        k += 1;
    }
    x.extend_from_slice(&b[from..]);
}

/// An attribute value, escaped.
fn escape_attr(s: &str) -> String {
    let mut x = Vec::with_capacity(s.len());
    push_text(&mut x, s);
    String::from_utf8(x)
        .unwrap_or_default()
        .replace('"', "&quot;")
}

fn rels(targets: &[(&str, &str)]) -> String {
    let mut s = String::from(XML_HEAD);
    s.push_str(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (k, (kind, target)) in targets.iter().enumerate() {
        s.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{kind}" Target="{target}"/>"#,
            k + 1
        ));
    }
    s.push_str("</Relationships>");
    s
}

fn core_properties(title: &str, created: Option<NaiveDateTime>) -> String {
    let mut s = String::from(XML_HEAD);
    s.push_str(concat!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    s.push_str("<dc:title>");
    s.push_str(&escape_attr(title));
    s.push_str("</dc:title><dc:creator>Tierwise</dc:creator>");
    if let Some(t) = created {
        let t = t.format("%Y-%m-%dT%H:%M:%SZ");
        s.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{t}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{t}</dcterms:modified>"#
        ));
    }
    s.push_str("</cp:coreProperties>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut x = Vec::new();
        push_text(&mut x, s);
        String::from_utf8(x).unwrap()
    }

    #[test]
    fn text_is_escaped_for_xml_and_excel() {
        assert_eq!(text("a<b & c>d"), "a&lt;b &amp; c&gt;d");
        assert_eq!(text("\tx\r\ny"), "\tx&#13;\ny");
        assert_eq!(text("\u{1}"), "_x0001_");
        assert_eq!(
            text("_x000D_ and _x1234_"),
            "_x005F_x000D_ and _x005F_x1234_"
        );
        assert_eq!(text("_x12_ a_b _"), "_x12_ a_b _");
        assert_eq!(text("a\u{FFFE}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(text("中文 ﻿ñ"), "中文 ﻿ñ");
    }

    #[test]
    fn letters_and_serials() {
        let l = |c| String::from_utf8(column_letters(c)).unwrap();
        assert_eq!(
            [l(0), l(25), l(26), l(51), l(52), l(701), l(702), l(16383)],
            ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(serial(d(1900, 3, 1)), Some(61.0));
        assert_eq!(serial(d(2024, 3, 5)), Some(45356.0));
        assert_eq!(serial(d(1900, 2, 28)), None);
    }

    #[test]
    fn long_text_is_cut_at_a_cell_and_a_character() {
        let s = "中".repeat(MAX_CELL + 5);
        assert_eq!(truncate(&s).chars().count(), MAX_CELL);
        let s = "😀".repeat(MAX_CELL);
        assert_eq!(truncate(&s).chars().count(), MAX_CELL / 2);
        assert_eq!(truncate("abc"), "abc");
    }
}

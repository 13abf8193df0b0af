//! An XLS file (a BIFF workbook stream inside an OLE compound file) checked before calamine
//! reads it. calamine's XLS reader trusts the file: it follows a sector chain that loops back
//! on itself for ever, indexes its allocation table with any sector number (a panic past its
//! end), slices a sheet at any offset a BoundSheet record gives, reads fixed offsets of records
//! too short to hold them, and reserves the cells a DIMENSIONS record declares (4 billion rows
//! × 255 columns is a "capacity overflow" panic, or an allocation the browser cannot make).
//! In WASM a panic aborts the app.
//!
//! So the container is walked here as calamine walks it (its header, its DIFAT chain, its FAT,
//! its directory and mini stream, the workbook stream by the names calamine tries), refusing
//! what would make calamine loop, panic or allocate without bound; then the stream's records
//! are walked as calamine walks them, refusing the records it would misread, and every
//! sheet's declared DIMENSIONS and the extent of its cells (the dense range calamine builds)
//! are counted against [`Limits::dense_cells`]. A file refused here as damaged would at best
//! have been refused by calamine.

use super::diagnostics::ImportError;
use super::limits::{Limits, Measure};

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;

/// Why a file is refused: damaged (what calamine would trip on), or too large.
enum Refusal {
    Damaged(String),
    TooLarge { found: u64, detail: String },
}

type Check<T> = Result<T, Refusal>;

fn damaged<T>(why: impl Into<String>) -> Check<T> {
    Err(Refusal::Damaged(why.into()))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The sectors of the file after its header, as calamine addresses them (or of the mini
/// stream).
struct Sectors<'a> {
    body: &'a [u8],
    size: usize,
    maxid: u32,
    /// Mini sectors: calamine reads one past the mini stream from wherever the file reader
    /// stands (garbage, or a panic at the end of the file), so none may lie past it.
    whole: bool,
}

impl<'a> Sectors<'a> {
    /// Sector `id`, cut short at the end of the file as calamine cuts it. A sector starting
    /// past the end is refused: calamine slices it backwards (a panic).
    fn get(&self, id: u32) -> Check<&'a [u8]> {
        if id > self.maxid {
            return damaged(format!("sector {id} past the end of the file"));
        }
        let start = (id as usize).saturating_mul(self.size);
        let full = start.saturating_add(self.size);
        if start > self.body.len() || (self.whole && full > self.body.len()) {
            return damaged(format!("sector {id} past the end of its stream"));
        }
        Ok(&self.body[start..full.min(self.body.len())])
    }

    /// The chain from `start` through `table`, until its end or `len` bytes, as calamine's
    /// `get_chain` reads it; refused where calamine would index past the table or go round a
    /// loop.
    fn chain(&self, start: u32, table: &[u32], len: usize) -> Check<Vec<u8>> {
        let mut out = Vec::new();
        let mut seen = vec![false; table.len().max(1)];
        let mut id = start;
        while id != ENDOFCHAIN {
            let sector = self.get(id)?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            let Some(&next) = table.get(id as usize) else {
                return damaged(format!("sector {id} past the allocation table"));
            };
            if std::mem::replace(&mut seen[id as usize], true) {
                return damaged("a sector chain loops");
            }
            id = next;
        }
        Ok(out)
    }
}

fn u32s(b: &[u8]) -> Check<Vec<u32>> {
    if !b.len().is_multiple_of(4) {
        return damaged("an allocation sector cut short");
    }
    Ok(b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// The workbook stream, read as calamine's `Cfb` reads it.
fn workbook_stream(bytes: &[u8]) -> Check<Vec<u8>> {
    if bytes.len() < 512 {
        return damaged("shorter than an OLE header");
    }
    let head = &bytes[..512];
    let version = u16_at(head, 26).unwrap_or(0);
    let size = match u16_at(head, 30) {
        Some(9) => 512,
        Some(12) if bytes.len() >= 4096 => 4096,
        _ => return damaged("sector size"),
    };
    if u16_at(head, 32) != Some(6) {
        return damaged("mini sector size");
    }
    let field = |at| u32_at(head, at).unwrap_or(0);
    let (dir_start, mini_fat_start) = (field(48), field(60));
    let (mini_fat_len, difat_start) = (field(64) as usize, field(68));
    let s = Sectors {
        body: &bytes[size..],
        size,
        maxid: (bytes.len() / size) as u32,
        whole: false,
    };
    // The DIFAT: 109 entries in the header, then a chain whose last entry links on.
    let mut difat = u32s(&head[76..512])?;
    let mut id = difat_start;
    let mut hops = 0u32;
    while id < RESERVED {
        hops += 1;
        if hops > s.maxid + 1 {
            return damaged("the DIFAT chain loops");
        }
        difat.extend(u32s(s.get(id)?)?);
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    // The FAT, from distinct sectors (calamine would read a sector as often as it is listed).
    let mut fat = Vec::new();
    let mut listed = vec![false; s.maxid as usize + 1];
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        if id > s.maxid || std::mem::replace(&mut listed[id as usize], true) {
            return damaged("a FAT sector listed twice or past the end");
        }
        fat.extend(u32s(s.get(id)?)?);
    }
    // The directory, 128 bytes an entry; calamine slices each as a whole entry, and on WASM
    // a version 4 size beyond 32 bits does not fit its usize.
    let dirs = s.chain(dir_start, &fat, usize::MAX)?;
    if dirs.is_empty() || !dirs.len().is_multiple_of(128) {
        return damaged("directory cut short");
    }
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(l) = name.find('\0') {
                name.truncate(l);
            }
            let start = u32_at(d, 116).unwrap_or(0);
            let len = if size == 512 {
                Some(u32_at(d, 120).unwrap_or(0) as usize)
            } else {
                let v = u64::from_le_bytes(d[120..128].try_into().unwrap_or([0; 8]));
                u32::try_from(v).ok().map(|v| v as usize)
            };
            (name, start, len.unwrap_or(usize::MAX))
        })
        .collect();
    if entries.iter().any(|e| e.2 == usize::MAX) {
        return damaged("a directory entry's size does not fit 32 bits");
    }
    let (_, root_start, root_len) = entries[0].clone();
    if version != 3 && root_start == ENDOFCHAIN {
        return damaged("empty root directory");
    }
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let stream = s.chain(root_start, &fat, root_len)?;
        let table = s.chain(mini_fat_start, &fat, mini_fat_len.saturating_mul(size))?;
        (u32s(&table)?, stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini = Sectors {
        body: &mini_stream,
        size: 64,
        maxid: s.maxid.saturating_mul(8),
        whole: true,
    };
    for name in ["Workbook", "Book", "WORKBOOK", "BOOK"] {
        let Some((_, start, len)) = entries.iter().find(|e| e.0 == name) else {
            continue;
        };
        let stream = if *len < MINI_CUTOFF {
            mini.chain(*start, &mini_fat, *len)
        } else {
            s.chain(*start, &fat, *len)
        };
        match stream {
            Ok(st) => return Ok(st),
            // calamine tries the next name after an error; what would loop or panic is
            // refused outright.
            Err(Refusal::Damaged(why)) if why.ends_with("past the end of the file") => continue,
            Err(e) => return Err(e),
        }
    }
    damaged("no workbook stream")
}

/// A record as calamine's `RecordIter` gives it: its type and its data (CONTINUE records
/// after it are read past, as calamine appends them).
fn records(stream: &[u8]) -> impl Iterator<Item = Check<(u16, &[u8])>> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (Some(t), Some(len)) = (u16_at(rest, 0), u16_at(rest, 2)) else {
            rest = &[];
            return Some(damaged("a record cut short"));
        };
        let len = len as usize;
        if rest.len() < len + 4 {
            rest = &[];
            return Some(damaged("a record cut short"));
        }
        let data = &rest[4..4 + len];
        rest = &rest[4 + len..];
        while rest.len() > 4 && u16_at(rest, 0) == Some(0x003C) {
            let l = u16_at(rest, 2).unwrap_or(0) as usize;
            if rest.len() < l + 4 {
                rest = &[];
                return Some(damaged("a continue record cut short"));
            }
            rest = &rest[l + 4..];
        }
        Some(Ok((t, data)))
    })
}

/// The smallest data calamine reads from a record without checking its length first.
fn too_short(t: u16, d: &[u8]) -> bool {
    let need = match t {
        0x002F | 0x0042 | 0x0022 | 0x0809 | 0x0017 => 2,
        0x0085 => 6,
        0x0018 => 14,
        0x00E5 => 2 + 8 * usize::from(u16_at(d, 0).unwrap_or(0)),
        0x00BD => 6,
        _ => 0,
    };
    if d.len() < need {
        return true;
    }
    match t {
        // Lbl: the formula's length is taken off the end of the record.
        0x0018 => u16_at(d, 4).unwrap_or(0) as usize > d.len() - 14,
        // MulRk: its last column must not come before its first (a u16 underflow).
        0x00BD => u16_at(d, d.len() - 2) < u16_at(d, 2),
        _ => false,
    }
}

/// The rows and columns (inclusive) of the cells a sheet's records make.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let grow = |e: &mut Option<(u32, u32)>, v: u32| {
            *e = Some(e.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        };
        grow(&mut self.rows, row);
        grow(&mut self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1))
            }
            _ => 0,
        }
    }
}

/// The cells calamine will reserve and build for one sheet, from its records.
fn sheet_cells(stream: &[u8], pos: usize) -> Check<u64> {
    let Some(sheet) = stream.get(pos..) else {
        return damaged("a sheet starts past the end of the workbook stream");
    };
    let (mut values, mut formulas) = (Extent::default(), Extent::default());
    let mut declared = 0u64;
    for r in records(sheet) {
        let (t, d) = match r {
            Ok(r) => r,
            // calamine stops at the same error.
            Err(_) => break,
        };
        if too_short(t, d) {
            return damaged(format!("record {t:#06x} too short"));
        }
        let at = |k| u16_at(d, k).map(u32::from);
        match t {
            0x0200 => {
                // DIMENSIONS, as calamine's parse_dimensions reads it: first row, row after
                // the last, first column, column after the last. calamine reserves
                // (rl - 1 - rf + 1) × (cl - 1 - cf + 1) cells, in u32: rl must pass rf.
                let field = |k| u32_at(d, k).unwrap_or(0);
                let (rf, rl, cf, cl) = match d.len() {
                    10 => (at(0), at(2), at(4), at(6)),
                    14 => (Some(field(0)), Some(field(4)), at(8), at(10)),
                    _ => break,
                };
                let (rf, rl, cf, cl) = (
                    rf.unwrap_or(0),
                    rl.unwrap_or(0),
                    cf.unwrap_or(0),
                    cl.unwrap_or(0),
                );
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                let cells = if rl >= 1 && cl >= 1 {
                    if rl <= rf {
                        return damaged("DIMENSIONS ends before it starts");
                    }
                    u64::from(rl - rf).saturating_mul(u64::from(cl - cf))
                } else {
                    1
                };
                declared = declared.max(cells);
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if d.len() >= 4 => {
                values.add(
                    u32::from(u16_at(d, 0).unwrap_or(0)),
                    u32::from(u16_at(d, 2).unwrap_or(0)),
                );
            }
            0x00BD => {
                let row = u32::from(u16_at(d, 0).unwrap_or(0));
                values.add(row, u32::from(u16_at(d, 2).unwrap_or(0)));
                values.add(row, u32::from(u16_at(d, d.len() - 2).unwrap_or(0)));
            }
            0x0006 if d.len() >= 20 => {
                let (row, col) = (at(0).unwrap_or(0), at(2).unwrap_or(0));
                values.add(row, col);
                formulas.add(row, col);
            }
            0x000A => break,
            _ => {}
        }
    }
    Ok(declared
        .saturating_add(values.cells())
        .saturating_add(formulas.cells()))
}

/// Checks an XLS file against what calamine would trip on and against the limits.
pub fn check_xls(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), ImportError> {
    let result = (|| -> Check<()> {
        let stream = workbook_stream(bytes)?;
        let mut sheets = Vec::new();
        for r in records(&stream) {
            let (t, d) = r?;
            if too_short(t, d) {
                return damaged(format!("record {t:#06x} too short"));
            }
            match t {
                0x0085 => sheets.push(u32_at(d, 0).unwrap_or(0) as usize),
                0x000A => break,
                _ => {}
            }
        }
        let mut cells = 0u64;
        for pos in sheets {
            cells = cells.saturating_add(sheet_cells(&stream, pos)?);
            if cells > limits.dense_cells {
                return Err(Refusal::TooLarge {
                    found: cells,
                    detail: "XLS sheets (declared dimensions and cells)".into(),
                });
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(()),
        Err(Refusal::Damaged(why)) => Err(ImportError::NotSpreadsheet {
            file: file.into(),
            detail: format!("XLS: {why}"),
        }),
        Err(Refusal::TooLarge { found, detail }) => Err(ImportError::TooLarge {
            file: file.into(),
            what: Measure::Cells,
            found: Some(found),
            limit: limits.dense_cells,
            detail,
        }),
    }
}

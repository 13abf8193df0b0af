//! The zip container of an XLSX, written as its parts come: each part deflated (flate2 on
//! zlib-rs) into [`Pieces`], followed by a data descriptor with its CRC and sizes (general
//! purpose flag bit 3, as streaming writers such as Java's `ZipOutputStream` write them), and
//! the central directory at the end (PKWARE's APPNOTE, sections 4.3.7, 4.3.9, 4.3.12 and
//! 4.3.16; no zip64: a part or the file past 4 GiB is refused). Nothing is written twice or
//! sought back to, so every byte is final once written: the export hands full pieces out as
//! it goes ([`ZipOut::take_full`]).
//!
//! Why not the `zip` crate's writer, which the workbook reader's `zip` also has: it brings the
//! zopfli compressor and the rest of its writer into the page's WebAssembly (about 90 KB of
//! code) for the few calls an XLSX needs, while the reader lives in the workbook worker.

use super::pieces::Pieces;
use super::ExportError;
use chrono::{Datelike, NaiveDateTime, Timelike};
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::Write;

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const DESCRIPTOR: u32 = 0x0807_4b50;
/// "Version needed to extract": 2.0, deflate.
const VERSION: u16 = 20;
const DEFLATED: u16 = 8;
/// General purpose flags: bit 3, the CRC and sizes follow the data (in a data descriptor);
/// bit 11, the names are UTF-8.
const FLAGS: u16 = (1 << 3) | (1 << 11);
/// Compressed bytes are moved into the file once this many are pending.
const MOVE: usize = 64 * 1024;

/// One part written, for the central directory.
struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// The part being written.
struct Current {
    name: String,
    offset: u64,
    crc: crc32fast::Hasher,
    size: u64,
    deflate: DeflateEncoder<Vec<u8>>,
}

pub(crate) struct ZipOut {
    out: Pieces,
    level: u32,
    /// MS-DOS time and date of every part.
    time: u16,
    date: u16,
    entries: Vec<Entry>,
    current: Option<Current>,
}

fn too_large(what: &str) -> ExportError {
    ExportError::Write(format!(
        "{what} is past the 4 GiB a zip without zip64 holds"
    ))
}

fn io(e: std::io::Error) -> ExportError {
    ExportError::Write(e.to_string())
}

fn u32_of(v: u64, what: &str) -> Result<u32, ExportError> {
    u32::try_from(v).map_err(|_| too_large(what))
}

/// MS-DOS time and date (2-second resolution, years 1980–2107); 1980-01-01 00:00 when `None`
/// or out of range.
fn dos_stamp(t: Option<NaiveDateTime>) -> (u16, u16) {
    let Some(t) = t.filter(|t| (1980..=2107).contains(&t.year())) else {
        return (0, (1 << 5) | 1);
    };
    let time = (t.hour() << 11) | (t.minute() << 5) | (t.second() / 2);
    let date = ((t.year() as u32 - 1980) << 9) | (t.month() << 5) | t.day();
    (time as u16, date as u16)
}

impl ZipOut {
    pub(crate) fn new(level: u32, created: Option<NaiveDateTime>) -> ZipOut {
        let (time, date) = dos_stamp(created);
        ZipOut {
            out: Pieces::default(),
            level,
            time,
            date,
            entries: Vec::new(),
            current: None,
        }
    }

    /// Bytes in the file so far.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// The full pieces of the file so far ([`Pieces::take_full`]): final, as nothing is
    /// sought back to.
    pub(crate) fn take_full(&mut self) -> Vec<Vec<u8>> {
        self.out.take_full()
    }

    /// Ends the part under way, if any, and starts `name`.
    pub(crate) fn start(&mut self, name: &str) -> Result<(), ExportError> {
        self.end_part()?;
        let offset = self.out.len() as u64;
        self.header(LOCAL, name, 0, 0, 0, None)?;
        self.current = Some(Current {
            name: name.to_string(),
            offset,
            crc: crc32fast::Hasher::new(),
            size: 0,
            deflate: DeflateEncoder::new(Vec::new(), Compression::new(self.level)),
        });
        Ok(())
    }

    /// Adds to the part under way.
    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        let c = self
            .current
            .as_mut()
            .ok_or_else(|| ExportError::Write("zip: bytes before a part".into()))?;
        c.crc.update(bytes);
        c.size += bytes.len() as u64;
        c.deflate.write_all(bytes).map_err(io)?;
        if c.deflate.get_ref().len() >= MOVE {
            let pending = std::mem::take(c.deflate.get_mut());
            self.out.write_all(&pending).map_err(io)?;
        }
        Ok(())
    }

    /// Ends the part under way: the rest of its compressed bytes, then its data descriptor.
    fn end_part(&mut self) -> Result<(), ExportError> {
        let Some(c) = self.current.take() else {
            return Ok(());
        };
        let rest = c.deflate.finish().map_err(io)?;
        self.out.write_all(&rest).map_err(io)?;
        let end = self.out.len() as u64;
        let header = 30 + c.name.len() as u64;
        let entry = Entry {
            crc: c.crc.finalize(),
            compressed: u32_of(end - c.offset - header, &c.name)?,
            size: u32_of(c.size, &c.name)?,
            offset: u32_of(c.offset, "the file")?,
            name: c.name,
        };
        let mut descriptor = [0u8; 16];
        for (k, v) in [DESCRIPTOR, entry.crc, entry.compressed, entry.size]
            .into_iter()
            .enumerate()
        {
            descriptor[4 * k..4 * k + 4].copy_from_slice(&v.to_le_bytes());
        }
        self.out.write_all(&descriptor).map_err(io)?;
        self.entries.push(entry);
        Ok(())
    }

    /// A local header (`offset` `None`, the CRC and sizes zero: they follow the data) or a
    /// central directory one.
    fn header(
        &mut self,
        signature: u32,
        name: &str,
        crc: u32,
        compressed: u32,
        size: u32,
        offset: Option<u32>,
    ) -> Result<(), ExportError> {
        let name_len = u16::try_from(name.len())
            .map_err(|_| ExportError::Write("zip: name too long".into()))?;
        let mut h: Vec<u8> = Vec::with_capacity(46 + name.len());
        h.extend_from_slice(&signature.to_le_bytes());
        if offset.is_some() {
            h.extend_from_slice(&VERSION.to_le_bytes()); // version made by: MS-DOS, 2.0
        }
        for v in [VERSION, FLAGS, DEFLATED, self.time, self.date] {
            h.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, compressed, size] {
            h.extend_from_slice(&v.to_le_bytes());
        }
        h.extend_from_slice(&name_len.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes()); // extra field
        if let Some(offset) = offset {
            // Comment length, disk number, internal and external attributes, offset.
            h.extend_from_slice(&[0; 2 + 2 + 2 + 4]);
            h.extend_from_slice(&offset.to_le_bytes());
        }
        h.extend_from_slice(name.as_bytes());
        self.out.write_all(&h).map_err(io)
    }

    /// Ends the last part and writes the central directory.
    pub(crate) fn finish(mut self) -> Result<Pieces, ExportError> {
        self.end_part()?;
        let start = self.out.len() as u64;
        let entries = std::mem::take(&mut self.entries);
        for e in &entries {
            self.header(
                CENTRAL,
                &e.name,
                e.crc,
                e.compressed,
                e.size,
                Some(e.offset),
            )?;
        }
        let size = u32_of(self.out.len() as u64 - start, "the central directory")?;
        let start = u32_of(start, "the file")?;
        let count = u16::try_from(entries.len())
            .map_err(|_| ExportError::Write("zip: too many parts".into()))?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&END.to_le_bytes());
        for v in [0u16, 0, count, count] {
            end.extend_from_slice(&v.to_le_bytes());
        }
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&start.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.out.write_all(&end).map_err(io)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Read back by the `zip` crate (the reader calamine uses): every part's name, bytes and
    /// date; CRCs are checked by the reader as it reads.
    #[test]
    fn parts_read_back_with_their_bytes_and_date() {
        let created =
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7).and_then(|d| d.and_hms_opt(10, 31, 58));
        let mut z = ZipOut::new(1, created);
        let big: Vec<u8> = (0..300_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        z.start("[Content_Types].xml").unwrap();
        z.write(b"<Types/>").unwrap();
        z.start("xl/worksheets/sheet1.xml").unwrap();
        for piece in big.chunks(7_000) {
            z.write(piece).unwrap();
        }
        z.start("empty.xml").unwrap();
        let bytes = z.finish().unwrap().into_vec();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        let want: [(&str, &[u8]); 3] = [
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/worksheets/sheet1.xml", &big),
            ("empty.xml", b""),
        ];
        for (k, (name, content)) in want.iter().enumerate() {
            let mut f = archive.by_index(k).unwrap();
            assert_eq!(f.name(), *name);
            assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
            let t = f.last_modified().unwrap();
            assert_eq!(
                (
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute(),
                    t.second()
                ),
                (2026, 12, 7, 10, 31, 58)
            );
            let mut got = Vec::new();
            f.read_to_end(&mut got).unwrap();
            assert_eq!(got, *content, "{name}");
        }
    }

    #[test]
    fn no_date_is_the_first_dos_day() {
        assert_eq!(dos_stamp(None), (0, 0x21));
        let old = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        assert_eq!(dos_stamp(old), (0, 0x21));
    }
}

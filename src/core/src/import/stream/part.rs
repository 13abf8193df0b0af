//! A large log read by two parsers at once: this one and a second (in a Web Worker, with its
//! own memory), each reading half of the file.
//!
//! 1. Once the first import has planned the file ([`StreamImporter::handoff`]), a second reader
//!    ([`PartReader`]) starts at a line start in the middle of the file, from the plan and the
//!    column conventions as they stand, and reads to the end.
//! 2. The first import reads up to that point. If it ended there on a record boundary (no
//!    quoted field runs across it) and decided no convention in between
//!    ([`StreamImporter::can_absorb`]), it takes the part in ([`StreamImporter::absorb`]):
//!    the result is what reading the whole file alone would have given, row numbers included.
//!    Otherwise the caller reads on from the split itself.
//!
//! Only UTF-8 text with LF (or CRLF) line ends whose rows go to a log is split: there a line
//! start can be found from any byte, and the row numbers of the part follow from the lines
//! before it.

use super::super::rollup::{LogBuilder, LogColumns, LogPart};
use super::super::{ImportOptions, Mapping, Plan, Shape, Sink};
use super::{Stage, StreamImporter, TextState};
use crate::import::decode::Detected;
use crate::import::ImportError;
use serde::{Deserialize, Serialize};

/// What a [`PartReader`] needs to read the rest of a file as the import that planned it would.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Handoff {
    file: String,
    mapping: Mapping,
    delimiter: u8,
    columns: LogColumns,
    /// Bytes per row so far, to reserve the part's columns once.
    bytes_per_row: f64,
}

impl Handoff {
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Handoff> {
        postcard::from_bytes(bytes).ok()
    }
}

/// Where to split `probe`, the bytes from the chosen point of the file on: just after its
/// first LF. `None` when it holds none.
pub fn line_start(probe: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', probe).map(|i| i + 1)
}

/// Reads the rows of a file from a line start on, for [`StreamImporter::absorb`].
pub struct PartReader {
    t: Box<TextState>,
    file: String,
    failed: Option<ImportError>,
}

impl PartReader {
    /// `size`: the bytes this reader will be given, to reserve its columns.
    pub fn new(h: &Handoff, size: u64) -> Result<PartReader, ImportError> {
        let mut builder = LogBuilder::continuing(&h.file, &h.mapping, h.columns.clone())?;
        builder.reserve((size as f64 / h.bytes_per_row.max(8.0) * 1.05).min(50e6) as usize);
        let plan = Plan {
            header_index: 0,
            shape: Shape::Transactions,
            mapping: h.mapping.clone(),
            samples: Vec::new(),
            guesses: Vec::new(),
            header_row: 0,
            skipped_titles: 0,
        };
        let mut t = TextState::new(
            Detected {
                encoding: encoding_rs::UTF_8,
                bom: false,
            },
            None,
            None,
        );
        t.delimiter = h.delimiter;
        t.csv = csv_core::ReaderBuilder::new()
            .delimiter(h.delimiter)
            .build();
        t.any_text = true;
        t.sink = Some((plan, Sink::Log(Box::new(builder))));
        Ok(PartReader {
            t,
            file: h.file.clone(),
            failed: None,
        })
    }

    pub fn push(&mut self, chunk: &[u8]) {
        let options = ImportOptions::default();
        for piece in chunk.chunks(super::DECODE_SLICE) {
            if self.failed.is_some() {
                break;
            }
            if let Err(e) = self.t.feed(&self.file, &options, piece, false) {
                self.failed = Some(e);
            }
        }
    }

    /// Data rows read so far.
    pub fn rows(&self) -> usize {
        self.t.sink.as_ref().map_or(0, |(_, s)| s.rows())
    }

    /// Reads the last record and returns the rows read.
    pub fn finish(mut self) -> Result<LogPart, ImportError> {
        if self.failed.is_none() {
            let options = ImportOptions::default();
            if let Err(e) = self.t.feed(&self.file, &options, &[], true) {
                self.failed = Some(e);
            }
        }
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.t.sink.take() {
            Some((_, Sink::Log(b))) => {
                let mut part = b.into_part();
                part.report.undecodable = self.t.undecodable;
                part.report.undecodable_rows = std::mem::take(&mut self.t.undecodable_rows);
                Ok(part)
            }
            _ => Err(ImportError::NoHeader { file: self.file }),
        }
    }
}

impl StreamImporter {
    /// What a second reader needs to read the rest of the file, once this import has planned
    /// it: `None` unless the file is UTF-8 text with LF line ends whose rows go to a log.
    pub fn handoff(&self) -> Option<Handoff> {
        let Stage::Text(t) = &self.stage else {
            return None;
        };
        let Some((plan, Sink::Log(b))) = &t.sink else {
            return None;
        };
        if !t.passthrough || t.line_end != b'\n' {
            return None;
        }
        Some(Handoff {
            file: self.file.clone(),
            mapping: plan.mapping.clone(),
            delimiter: t.delimiter,
            columns: b.fresh_columns(),
            bytes_per_row: t.consumed as f64 / b.rows().max(1) as f64,
        })
    }

    /// True when the bytes pushed so far end on a record boundary (nothing of a record read,
    /// at most the LF of a CRLF) and no convention was decided since `h` was taken: a
    /// [`PartReader`] of the rest from `h` then read it as this import would have.
    pub fn can_absorb(&self, h: &Handoff) -> bool {
        let Stage::Text(t) = &self.stage else {
            return false;
        };
        let Some((_, Sink::Log(b))) = &t.sink else {
            return false;
        };
        t.passthrough
            && t.line_end == b'\n'
            && t.out_len == 0
            && t.ends_len == 0
            && t.record_in <= 1
            && b.same_conventions(&h.columns)
    }

    /// Takes in the part read from where the bytes pushed so far end, as if its bytes had been
    /// pushed. Does nothing and returns false unless [`StreamImporter::can_absorb`].
    pub fn absorb(&mut self, h: &Handoff, part: LogPart) -> bool {
        if !self.can_absorb(h) || !part.is_consistent() {
            return false;
        }
        let Stage::Text(t) = &mut self.stage else {
            return false;
        };
        // Lines before the part: csv-core counts from 1.
        let lines = t.csv.line().saturating_sub(1) as usize;
        let Some((_, Sink::Log(b))) = &mut t.sink else {
            return false;
        };
        b.absorb(part, lines);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::wire;
    use super::test_logs::log_with_hard_rows as log;
    use super::*;
    use crate::import::{import_csv, Imported};

    /// Imports `text` as the browser does with a split at `s`: the first `first` bytes, the
    /// handoff, a part read from `s` on, the bytes up to `s`, then the part taken in (or the
    /// rest read on). Returns the import and whether the part was taken in.
    fn split_import(text: &[u8], first: usize, s: usize) -> (Imported, bool) {
        let mut a = StreamImporter::new("log.csv", ImportOptions::default());
        a.push(&text[..first]);
        let h = a.handoff().expect("planned after the first bytes");
        let h = Handoff::from_bytes(&h.to_bytes()).unwrap();
        let mut p = PartReader::new(&h, (text.len() - s) as u64).unwrap();
        for chunk in text[s..].chunks(4093) {
            p.push(chunk);
        }
        let part = wire::decode(&wire::to_bytes(&p.finish().unwrap())).unwrap();
        for chunk in text[first..s].chunks(5000) {
            a.push(chunk);
        }
        let absorbed = a.absorb(&h, part);
        if !absorbed {
            a.push(&text[s..]);
        }
        (a.finish().unwrap(), absorbed)
    }

    #[test]
    fn a_log_split_at_line_starts_imports_as_it_does_whole() {
        for seed in 0..8 {
            let text = log(seed, 4000);
            let whole = import_csv("log.csv", text.as_bytes()).unwrap();
            assert!(whole.report.balanced() && whole.report.rows_rejected() > 0);
            let bytes = text.as_bytes();
            // Past the 64 KiB held to sniff the file, where the browser hands off.
            let first = 66 * 1024;
            let (mut absorbed, mut fell_back) = (0, 0);
            let starts: Vec<usize> = (first..bytes.len())
                .filter(|&i| bytes[i - 1] == b'\n')
                .collect();
            for &s in starts.iter().step_by(29) {
                let (split, took) = split_import(bytes, first, s);
                assert_eq!(split, whole, "seed {seed}, split at byte {s}");
                if took {
                    absorbed += 1;
                } else {
                    fell_back += 1;
                }
            }
            // Most line starts are record starts; those inside a quoted name or after a blank
            // line, and (seed % 4 < 2) those before the cell that settles the dates, fall back.
            assert!(
                absorbed > 0 && fell_back > 0,
                "seed {seed}: {absorbed} taken in, {fell_back} read on"
            );
        }
    }

    #[test]
    fn only_utf8_logs_with_lf_lines_are_split() {
        let rows: String = (0..20_000).map(|i| format!("C{},{i}\n", i % 9)).collect();
        let log = format!("Customer,Amount\n{rows}");
        let table: String = (0..20_000).map(|i| format!("C{i},{i}\n")).collect();
        let table = format!("Customer,Amount\n{table}");
        let handoff = |text: &[u8]| {
            let mut s = StreamImporter::new("f.csv", ImportOptions::default());
            s.push(text);
            s.handoff().is_some()
        };
        assert!(handoff(log.as_bytes()));
        assert!(!handoff(table.as_bytes()), "a customer table");
        assert!(!handoff(log.replace('\n', "\r").as_bytes()), "CR line ends");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(log.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(!handoff(&utf16), "UTF-16");
    }

    #[test]
    fn a_damaged_part_is_refused() {
        let mut s = StreamImporter::new("f.csv", ImportOptions::default());
        let rows: String = (0..20_000).map(|i| format!("C{},{i}\n", i % 9)).collect();
        s.push(format!("Customer,Amount\n{rows}").as_bytes());
        let h = s.handoff().unwrap();
        let mut p = PartReader::new(&h, 10).unwrap();
        p.push(b"C1,5\nC2,6\n");
        let mut part = p.finish().unwrap();
        part.log.customer[1] = 7;
        assert!(!part.is_consistent());
        let bytes = wire::to_bytes(&part);
        assert!(wire::decode(&bytes).is_none());
        assert!(wire::decode(&bytes[..bytes.len() / 2]).is_none());
        assert!(!s.absorb(&h, part));
    }
}

/// Generated logs for the tests of this module and of [`super`].
#[cfg(test)]
pub(crate) mod test_logs {
    /// A log of `rows` rows with what makes splitting hard: quoted newlines, CRLF, blank
    /// lines, rejected and cancelled rows, names, products, and (per `seed`) ambiguous dates
    /// and numbers settled by a cell late in the file.
    pub(crate) fn log_with_hard_rows(seed: u64, rows: usize) -> String {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = |n: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        let semicolon = seed % 2 == 1;
        let d = if semicolon { ';' } else { ',' };
        let eol = if seed.is_multiple_of(3) { "\r\n" } else { "\n" };
        let mut t = format!("Customer{d}Name{d}Date{d}Amount{d}Product{d}Status{eol}");
        // The row (past the first half) whose cell settles the date order and the separator.
        let settle = rows * 3 / 4 + next(rows as u64 / 5) as usize;
        for i in 0..rows {
            let c = next(40);
            let name = match next(20) {
                0 => format!("\"Name {c}\nsecond line\""),
                1 => format!("\"Name {c}{d} quoted\""),
                _ => format!("Name {c}"),
            };
            let day = 1 + next(12);
            let date = if i == settle {
                "25/03/2024".to_string()
            } else if seed % 4 < 2 {
                format!("{day:02}/03/2024")
            } else {
                format!("2024-03-{day:02}")
            };
            let amount = match next(30) {
                0 => "n/a".to_string(),
                _ if i == settle && semicolon => "5,5".to_string(),
                1 if semicolon => "1.234".to_string(),
                n => format!("{}.{:02}", n * 10, next(100)),
            };
            let status = if next(25) == 0 { "cancelled" } else { "ok" };
            t.push_str(&format!(
                "C{c}{d}{name}{d}{date}{d}{amount}{d}P{}{d}{status}{eol}",
                next(7)
            ));
            if next(60) == 0 {
                t.push_str(eol);
            }
        }
        t
    }
}

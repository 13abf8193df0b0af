//! Streaming import of a text file fed in chunks (the browser reads a `File` with
//! `Blob.slice`). Memory grows with the customers, not with the text:
//!
//! 1. The first 64 KiB are held to detect the encoding and the delimiter.
//! 2. The text is decoded chunk by chunk into a small UTF-8 buffer and split by csv-core into
//!    one reusable record buffer: no `String` per row or cell.
//! 3. The first [`PREVIEW_ROWS`] non-blank rows are kept as strings to find the header row,
//!    map the columns and tell the shape; after that each row goes straight to a
//!    [`LogBuilder`](super::rollup::LogBuilder) (compact columns) or a
//!    [`TableBuilder`](super::customers::TableBuilder).
//!
//! A workbook (zip or OLE signature) cannot be read in pieces: it is buffered and read through
//! calamine at [`StreamImporter::finish`]. The page makes its importer with
//! [`StreamImporter::text_only`], which holds no workbook reader, so that calamine is not in
//! the page's WebAssembly: it asks [`StreamImporter::is_workbook`] after the first chunk and
//! hands a workbook to a worker that has the reader (see [`ReadWorkbook`]).
//!
//! Memory stays bounded on any text: a record wider than [`Limits::columns`] is counted to its
//! end (its field ends are not kept past the limit) and refused with its width; the record
//! buffer grows to [`Limits::row_bytes`] and no further; the preview holds at most
//! [`PREVIEW_CELLS`] cells however wide the rows.

use super::cells::{CsvRow, PlainRow, Row};
use super::decode::{self, Detected, FileKind, TextDecoder, Utf16};
use super::diagnostics::{ImportError, ImportReport, Reason, Rejection, MAX_KEPT_UNDECODABLE};
use super::limits::{Limits, Measure, LIMITS};
use super::plain::split_plain_lines;
use super::{finish, plan, ImportOptions, Imported, Plan, Sink, PREVIEW_CELLS, PREVIEW_ROWS};
use super::{sheet, table, DecimalSep};
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

pub mod part;
pub mod wire;

/// How far a streaming import has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes pushed so far.
    pub bytes: u64,
    /// Data rows read so far (header and title rows not counted).
    pub rows: usize,
}

/// Bytes held before the encoding and delimiter are decided.
const SNIFF_BYTES: usize = 64 * 1024;
/// Input slice decoded at a time, so a large push never doubles in memory.
const DECODE_SLICE: usize = 256 * 1024;
/// The decoder writes this much at a time.
const SCRATCH_BYTES: usize = 64 * 1024;

enum Stage {
    /// Before the first 64 KiB.
    Sniffing,
    /// A workbook: every byte is kept for calamine.
    Workbook,
    /// Text in a legacy encoding, in an importer that has no legacy decoders
    /// ([`StreamImporter::text_only`]): read elsewhere.
    Legacy,
    /// Text: decoding and splitting records.
    Text(Box<TextState>),
    Failed(ImportError),
}

struct TextState {
    detected: Detected,
    /// `None` for UTF-8, which is split as it comes (`passthrough`).
    decoder: Option<Box<dyn TextDecoder>>,
    delimiter: u8,
    csv: Reader,
    /// Decoded text not yet split.
    text: Vec<u8>,
    /// The decoder's output buffer, reused.
    scratch: Vec<u8>,
    /// The record being read.
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    preview: Vec<(usize, Vec<String>)>,
    sink: Option<(Plan, Sink)>,
    any_text: bool,
    /// The size of the whole file, when the caller knows it, to reserve the log's columns.
    size_hint: Option<u64>,
    /// Bytes given to the decoder, bytes it produced, decoded bytes split into records.
    raw_in: u64,
    decoded: u64,
    consumed: u64,
    /// Position reached in the input of the `split` call under way.
    pending_pos: usize,
    /// Bytes csv-core has consumed for the record being read (across calls).
    record_in: usize,
    /// What ends a line for row numbers: `\n`, or `\r` in a file with CR line ends only (as
    /// "CSV (Macintosh)" writes), whose lines csv-core does not count.
    line_end: u8,
    /// CRs consumed so far, counted only when they end the lines.
    cr_lines: u64,
    /// UTF-8 input is split as it comes, without a decoding copy; a record that is not valid
    /// UTF-8 is repaired on its own (U+FFFD), as the decoder would have done.
    passthrough: bool,
    /// Plain lines are split by [`super::plain`], not csv-core (see [`TextState::plain_lines`]).
    plain: bool,
    /// Field ends of the plain line being read, reused.
    plain_ends: Vec<u32>,
    /// csv-core has been given bytes (so it no longer looks for a byte order mark).
    csv_fed: bool,
    limits: Limits,
    /// Fields of the record under way beyond those whose ends are kept: a record wider than
    /// [`Limits::columns`] is counted to its end, to be refused with its width.
    extra_fields: u64,
    /// Cells held in the preview.
    preview_cells: usize,
    /// The decoder has replaced a malformed sequence (with U+FFFD) somewhere so far: from
    /// then on, records are checked for it.
    replaced: bool,
    /// Rows with bytes that are not text in the encoding (see [`ImportReport::undecodable`]).
    undecodable: usize,
    undecodable_rows: Vec<usize>,
}

/// Reads a whole workbook: [`sheet::import_workbook`] where it is linked in.
pub type ReadWorkbook = fn(&str, &[u8], &ImportOptions) -> Result<Imported, ImportError>;

/// Text in a legacy encoding: chardetng's detection and encoding_rs's decoders
/// ([`decode::detect_legacy`], [`decode::legacy_decoder`]), where they are linked in.
#[derive(Clone, Copy)]
struct Legacy {
    detect: fn(&[u8], bool) -> Detected,
    decoder: fn(&Detected) -> Box<dyn TextDecoder>,
}

/// Imports a text file pushed in chunks. Never panics; errors come out of
/// [`StreamImporter::finish`].
pub struct StreamImporter {
    file: String,
    /// `None` in an importer made by [`StreamImporter::text_only`]: a workbook is then
    /// refused at [`StreamImporter::finish`], and read elsewhere.
    workbooks: Option<ReadWorkbook>,
    /// `None` in an importer made by [`StreamImporter::text_only`]: text that is neither
    /// UTF-8 nor UTF-16 is then refused at [`StreamImporter::finish`], and read elsewhere.
    legacy: Option<Legacy>,
    options: ImportOptions,
    held: Vec<u8>,
    bytes: u64,
    stage: Stage,
    size_hint: Option<u64>,
    plain: bool,
    limits: Limits,
}

impl StreamImporter {
    /// An importer of text and workbooks.
    pub fn new(file: &str, options: ImportOptions) -> StreamImporter {
        StreamImporter {
            workbooks: Some(sheet::import_workbook),
            legacy: Some(Legacy {
                detect: decode::detect_legacy,
                decoder: decode::legacy_decoder,
            }),
            ..StreamImporter::base(file, options)
        }
    }

    /// An importer of text only, told the file's size (see [`StreamImporter::with_size_hint`]):
    /// the page's, whose code then has no path to the workbook reader (the linker leaves
    /// calamine out). Ask [`StreamImporter::is_workbook`] after the first chunk.
    pub fn text_only(file: &str, options: ImportOptions, size: u64) -> StreamImporter {
        StreamImporter {
            size_hint: Some(size),
            ..StreamImporter::base(file, options)
        }
    }

    /// Is the file for the importer made by [`StreamImporter::new`] (a workbook, or, in a
    /// text-only importer, text in a legacy encoding)? A workbook is known once 8 bytes are
    /// in, the encoding once 64 KiB are, or at [`StreamImporter::decide`].
    pub fn read_elsewhere(&self) -> bool {
        self.is_workbook() || matches!(self.stage, Stage::Legacy)
    }

    /// The whole file has been pushed: decides its kind and encoding now if fewer than 64 KiB
    /// came (else [`StreamImporter::finish`] does), so that [`StreamImporter::read_elsewhere`]
    /// knows.
    pub fn decide(&mut self) {
        if matches!(self.stage, Stage::Sniffing)
            && !(self.held.iter().all(|b| b.is_ascii_whitespace()) || self.held == b"\xEF\xBB\xBF")
        {
            self.start(true);
        }
    }

    /// Has the file a workbook's signature (zip or OLE)? Known once 8 bytes are in.
    pub fn is_workbook(&self) -> bool {
        match self.stage {
            Stage::Workbook => true,
            Stage::Sniffing => {
                self.held.len() >= 8 && decode::sniff_kind(&self.held) != FileKind::Text
            }
            _ => false,
        }
    }

    fn base(file: &str, options: ImportOptions) -> StreamImporter {
        StreamImporter {
            file: file.into(),
            workbooks: None,
            legacy: None,
            options,
            held: Vec::new(),
            bytes: 0,
            stage: Stage::Sniffing,
            size_hint: None,
            plain: true,
            limits: LIMITS,
        }
    }

    /// The same under other [`Limits`] (tests lower them).
    pub fn within(mut self, limits: Limits) -> StreamImporter {
        self.limits = limits;
        self
    }

    /// The same with every record split by csv-core, for tests and benchmarks of the plain
    /// line path, which must give the same import.
    pub fn csv_core_only(mut self) -> StreamImporter {
        self.plain = false;
        self
    }

    /// The same, told the file's size (`File.size`), so the log's columns are reserved once
    /// instead of grown: faster, and no peak from copying them while growing.
    pub fn with_size_hint(file: &str, options: ImportOptions, size: u64) -> StreamImporter {
        StreamImporter {
            size_hint: Some(size),
            ..StreamImporter::new(file, options)
        }
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Progress {
        self.bytes += chunk.len() as u64;
        let mut chunk = chunk;
        if let Stage::Sniffing = self.stage {
            // Hold only the first SNIFF_BYTES; the rest of a large chunk goes on as usual.
            let take = SNIFF_BYTES.saturating_sub(self.held.len()).min(chunk.len());
            self.held.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.held.len() < SNIFF_BYTES {
                return self.progress();
            }
            self.start(false);
        }
        match &mut self.stage {
            Stage::Sniffing | Stage::Legacy | Stage::Failed(_) => {}
            Stage::Workbook => self.held.extend_from_slice(chunk),
            Stage::Text(t) => {
                for piece in chunk.chunks(DECODE_SLICE) {
                    if let Err(e) = t.feed(&self.file, &self.options, piece, false) {
                        self.stage = Stage::Failed(e);
                        break;
                    }
                }
            }
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        let rows = match &self.stage {
            Stage::Text(t) => t.sink.as_ref().map_or(0, |(_, s)| s.rows()),
            _ => 0,
        };
        Progress {
            bytes: self.bytes,
            rows,
        }
    }

    /// Decides the kind, encoding and delimiter from the bytes held so far.
    fn start(&mut self, complete: bool) {
        let held = std::mem::take(&mut self.held);
        if decode::sniff_kind(&held) != FileKind::Text {
            self.held = held;
            self.stage = Stage::Workbook;
            return;
        }
        let (detected, decoder): (Detected, Option<Box<dyn TextDecoder>>) =
            match (decode::detect_unicode(&held, complete), self.legacy) {
                (Some(d), _) if d.encoding == encoding_rs::UTF_8 => (d, None),
                (Some(d), _) if d.is_utf16() => (
                    d,
                    Some(Box::new(Utf16::new(d.encoding == encoding_rs::UTF_16BE))),
                ),
                (Some(d), Some(l)) => (d, Some((l.decoder)(&d))),
                (None, Some(l)) => {
                    let d = (l.detect)(&held, complete);
                    (d, Some((l.decoder)(&d)))
                }
                (_, None) => {
                    self.held = held;
                    self.stage = Stage::Legacy;
                    return;
                }
            };
        let mut t = TextState::new(detected, decoder, self.size_hint);
        t.plain = self.plain;
        t.limits = self.limits;
        let body = if t.passthrough {
            held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&held)
        } else {
            t.decode(&held, complete);
            &t.text[..]
        };
        let prefix = match std::str::from_utf8(body) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or(""),
        };
        if decode::looks_binary(prefix) {
            self.stage = Stage::Failed(ImportError::NotText {
                file: self.file.clone(),
            });
            return;
        }
        if let Some(what) = decode::not_a_table(prefix) {
            self.stage = Stage::Failed(ImportError::NotATable {
                file: self.file.clone(),
                what: what.into(),
            });
            return;
        }
        // Excel's own hint, a first line "sep=;", wins over sniffing.
        let delimiter = match prefix.as_bytes() {
            [b's', b'e', b'p', b'=', d, b'\r' | b'\n', ..] if d.is_ascii() => *d,
            _ => table::sniff_delimiter(prefix),
        };
        t.delimiter = delimiter;
        // Lines end in CR when bare CRs outnumber bare LFs (a quoted field may hold either).
        let b = prefix.as_bytes();
        let bare_cr = memchr::memchr_iter(b'\r', b)
            .filter(|&i| b.get(i + 1) != Some(&b'\n'))
            .count();
        let bare_lf = memchr::memchr_iter(b'\n', b)
            .filter(|&i| i == 0 || b[i - 1] != b'\r')
            .count();
        if bare_cr > bare_lf {
            t.line_end = b'\r';
        }
        t.csv = ReaderBuilder::new().delimiter(delimiter).build();
        let result = if t.passthrough {
            let body = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&held);
            t.feed(&self.file, &self.options, body, complete)
        } else {
            let text = std::mem::take(&mut t.text);
            t.split(&self.file, &self.options, &text, complete)
        };
        self.stage = match result {
            Ok(()) => Stage::Text(t),
            Err(e) => Stage::Failed(e),
        };
    }

    /// Reads the end of the file and returns the import.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        if let Stage::Sniffing = self.stage {
            if self.held.iter().all(|b| b.is_ascii_whitespace()) || self.held == b"\xEF\xBB\xBF" {
                return Err(ImportError::Empty { file: self.file });
            }
            self.start(true);
        } else if let Stage::Text(t) = &mut self.stage {
            if let Err(e) = t.feed(&self.file, &self.options, &[], true) {
                self.stage = Stage::Failed(e);
            }
        }
        match self.stage {
            Stage::Sniffing => Err(ImportError::Empty { file: self.file }),
            Stage::Workbook => match self.workbooks {
                Some(read) => read(&self.file, &self.held, &self.options),
                None => Err(ImportError::NotSpreadsheet {
                    file: self.file,
                    detail: "this importer reads text only; a workbook is read by another".into(),
                }),
            },
            Stage::Legacy => Err(ImportError::NotSpreadsheet {
                file: self.file,
                detail:
                    "this importer reads UTF-8 and UTF-16 text; other encodings are read by another"
                        .into(),
            }),
            Stage::Failed(e) => Err(e),
            Stage::Text(mut t) => {
                if t.sink.is_none() {
                    if t.preview.is_empty() {
                        return Err(if t.any_text {
                            ImportError::NoHeader { file: self.file }
                        } else {
                            ImportError::Empty { file: self.file }
                        });
                    }
                    t.start_sink(&self.file, &self.options)?;
                }
                let (plan, sink) = t
                    .sink
                    .take()
                    .ok_or(ImportError::NoHeader { file: self.file })?;
                let meta = ImportReport {
                    format: "CSV".into(),
                    encoding: t.detected.label(),
                    delimiter: Some(char::from(t.delimiter)),
                    undecodable: t.undecodable,
                    undecodable_rows: std::mem::take(&mut t.undecodable_rows),
                    ..Default::default()
                };
                Ok(finish(plan, sink, meta))
            }
        }
    }
}

impl TextState {
    fn new(
        detected: Detected,
        decoder: Option<Box<dyn TextDecoder>>,
        size_hint: Option<u64>,
    ) -> Box<TextState> {
        Box::new(TextState {
            detected,
            passthrough: decoder.is_none(),
            decoder,
            delimiter: b',',
            csv: Reader::new(),
            text: Vec::new(),
            scratch: Vec::new(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            preview: Vec::new(),
            sink: None,
            any_text: false,
            size_hint,
            raw_in: 0,
            decoded: 0,
            consumed: 0,
            pending_pos: 0,
            record_in: 0,
            line_end: b'\n',
            cr_lines: 0,
            plain: true,
            plain_ends: Vec::new(),
            csv_fed: false,
            limits: LIMITS,
            extra_fields: 0,
            preview_cells: 0,
            replaced: false,
            undecodable: 0,
            undecodable_rows: Vec::new(),
        })
    }

    fn feed(
        &mut self,
        file: &str,
        options: &ImportOptions,
        bytes: &[u8],
        last: bool,
    ) -> Result<(), ImportError> {
        if self.passthrough {
            self.raw_in += bytes.len() as u64;
            self.decoded += bytes.len() as u64;
            if !self.any_text {
                self.any_text = bytes.iter().any(|b| !b.is_ascii_whitespace());
            }
            return self.split(file, options, bytes, last);
        }
        self.decode(bytes, last);
        let text = std::mem::take(&mut self.text);
        let result = self.split(file, options, &text, last);
        // `split` reads all of its input; keep the buffer's room for the next chunk.
        self.text = text;
        self.text.clear();
        result
    }

    /// Decodes into `self.text`, replacing malformed sequences with U+FFFD.
    fn decode(&mut self, bytes: &[u8], last: bool) {
        let mut src = bytes;
        self.raw_in += bytes.len() as u64;
        if self.scratch.is_empty() {
            self.scratch = vec![0; SCRATCH_BYTES];
        }
        let Some(decoder) = self.decoder.as_mut() else {
            return;
        };
        loop {
            let (empty, read, written, replaced) =
                decoder.decode_to_utf8(src, &mut self.scratch, last);
            self.replaced |= replaced;
            self.text.extend_from_slice(&self.scratch[..written]);
            self.decoded += written as u64;
            src = &src[read..];
            if empty {
                break;
            }
        }
        if !self.any_text {
            self.any_text = self.text.iter().any(|b| !b.is_ascii_whitespace());
        }
    }

    /// Splits text into records, all of it (csv-core keeps a record cut at the end of the
    /// input and completes it with the next); at `last`, flushes the final record.
    fn split(
        &mut self,
        file: &str,
        options: &ImportOptions,
        text: &[u8],
        last: bool,
    ) -> Result<(), ImportError> {
        let mut pos = 0;
        loop {
            if pos < text.len() && self.at_plain_start() {
                pos += self.plain_lines(&text[pos..]);
            }
            let input = if pos < text.len() {
                &text[pos..]
            } else if last {
                if self.out_len > 0 || self.ends_len > 0 {
                    self.finish_record(file, options)?;
                }
                &[][..]
            } else {
                break;
            };
            self.csv_fed |= !input.is_empty();
            let (res, nin, nout, nend) = self.csv.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            if self.line_end == b'\r' {
                self.cr_lines += memchr::memchr_iter(b'\r', &input[..nin]).count() as u64;
            }
            pos += nin;
            self.record_in += nin;
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if !last {
                        break;
                    }
                }
                ReadRecordResult::OutputFull => {
                    // The record buffer grows to the limit on one row, not past it.
                    let limit = usize::try_from(self.limits.row_bytes).unwrap_or(usize::MAX);
                    if self.out.len() >= limit {
                        let row = self.record_row();
                        return Err(self.too_large(file, Measure::RowBytes, None, row));
                    }
                    let n = (self.out.len() * 2).min(limit);
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let cap = usize::try_from(self.limits.columns)
                        .unwrap_or(usize::MAX - 1)
                        .saturating_add(1);
                    if self.ends.len() >= cap {
                        // Wider than the limit: count the rest of its fields, keeping no more.
                        let keep = self.ends.len() / 2;
                        self.extra_fields += (self.ends_len - keep) as u64;
                        self.ends_len = keep;
                    } else {
                        let n = (self.ends.len() * 2).min(cap);
                        self.ends.resize(n, 0);
                    }
                }
                ReadRecordResult::Record => {
                    let fields = &self.out[..self.out_len];
                    // A newline inside a field needs quotes around it: 2 bytes of input beyond
                    // the fields and their delimiters, 3 or 4 with the terminator. A record
                    // with at most its terminator beyond them has none to count.
                    let plain = self.out_len + self.ends_len.saturating_sub(1);
                    let crlf = pos >= 2 && &text[pos - 2..pos] == b"\r\n";
                    let end = self.line_end;
                    let newlines_inside = if self.record_in <= plain + 1 + usize::from(crlf) {
                        0
                    } else {
                        fields.iter().filter(|&&b| b == end).count() as u64
                    };
                    self.record_in = 0;
                    let ended_by_newline = nin > 0 && pos > 0 && text[pos - 1] == end;
                    let line = if end == b'\n' {
                        self.csv.line()
                    } else {
                        1 + self.cr_lines
                    };
                    let row = line
                        .saturating_sub(newlines_inside + u64::from(ended_by_newline))
                        .max(1);
                    let width = self.ends_len as u64 + self.extra_fields;
                    if width > self.limits.columns {
                        return Err(self.too_large(file, Measure::Columns, Some(width), row));
                    }
                    self.pending_pos = pos;
                    self.record(file, options, row as usize)?;
                    self.out_len = 0;
                    self.ends_len = 0;
                }
                ReadRecordResult::End => break,
            }
        }
        self.consumed += pos as u64;
        self.pending_pos = 0;
        Ok(())
    }

    /// At the end of the input, with a record under way: if it is inside a quoted field, the
    /// quote opened and never closed, and the record (the rest of the file) is rejected where
    /// it opened; otherwise it is read as the end of the input would end it.
    ///
    /// csv-core says no more than "input empty" either way, and a copy of its reader does not
    /// keep its state (its `Clone` drops the DFA's tables), so the reader itself is given a
    /// line end: inside quotes that only joins the field, anywhere else it ends the record as
    /// the end of input would.
    fn finish_record(&mut self, file: &str, options: &ImportOptions) -> Result<(), ImportError> {
        let rejection = self.unclosed_rejection();
        let end = [self.line_end];
        let in_quotes = loop {
            let (res, _, nout, nend) = self.csv.read_record(
                &end,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                ReadRecordResult::InputEmpty => break true,
                ReadRecordResult::Record => break false,
                ReadRecordResult::End => return Ok(()),
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() + 1;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() + 1;
                    self.ends.resize(n, 0);
                }
            }
        };
        if in_quotes {
            // Let the reader end the record, and drop what it holds.
            let (mut out, mut ends) = ([0u8; 1], [0usize; 1]);
            while let (ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull, ..) =
                self.csv.read_record(&[], &mut out, &mut ends)
            {}
            self.out_len = 0;
            self.ends_len = 0;
            self.record_in = 0;
            let (column, rejection) = rejection;
            return self.reject(file, options, column, rejection);
        }
        // Ended by the line end given: the row as if the file had ended with it.
        let row = self.record_row() - u64::from(self.line_end == b'\n');
        let width = self.ends_len as u64 + self.extra_fields;
        if width > self.limits.columns {
            return Err(self.too_large(file, Measure::Columns, Some(width), row));
        }
        self.record_in = 0;
        self.record(file, options, row.max(1) as usize)?;
        self.out_len = 0;
        self.ends_len = 0;
        Ok(())
    }

    /// The rejection of the record under way if a quote in it never closes: the row where the
    /// quote opened (the record's first row and the line ends before the field), the field's
    /// column, its first line, and the lines it took.
    fn unclosed_rejection(&self) -> (usize, Rejection) {
        let end = self.line_end;
        let start = match self.ends_len {
            0 => 0,
            k => self.ends[k - 1].min(self.out_len),
        };
        let (before, field) = self.out[..self.out_len].split_at(start);
        let opened = self.record_row() + before.iter().filter(|&&b| b == end).count() as u64;
        let newlines = field.iter().filter(|&&b| b == end).count();
        let lines = newlines - usize::from(field.last() == Some(&end));
        let first_line = field.split(|&b| b == end).next().unwrap_or(&[]);
        let shown = String::from_utf8_lossy(&first_line[..first_line.len().min(100)]);
        (
            self.ends_len,
            Rejection {
                row: opened as usize,
                column: None,
                value: format!("{} …", shown.trim_end()),
                reason: Reason::UnclosedQuote { lines },
            },
        )
    }

    /// Hands a rejected record to the sink, planning first if the preview is under way (the
    /// record is the last one). A header that is itself unclosed is read as a row.
    fn reject(
        &mut self,
        file: &str,
        options: &ImportOptions,
        column: usize,
        rejection: Rejection,
    ) -> Result<(), ImportError> {
        if self.sink.is_none() && !self.preview.is_empty() {
            self.start_sink(file, options)?;
        }
        match &mut self.sink {
            Some((_, sink)) => {
                sink.reject(column, rejection);
                Ok(())
            }
            None => self.record(file, options, rejection.row),
        }
    }

    /// The row where the record under way started (its newlines so far taken off the line
    /// csv-core is on).
    fn record_row(&self) -> u64 {
        let end = self.line_end;
        let inside = self.out[..self.out_len]
            .iter()
            .filter(|&&b| b == end)
            .count() as u64;
        let line = if end == b'\n' {
            self.csv.line()
        } else {
            1 + self.cr_lines
        };
        line.saturating_sub(inside).max(1)
    }

    fn too_large(&self, file: &str, what: Measure, found: Option<u64>, row: u64) -> ImportError {
        let limit = match what {
            Measure::Columns => self.limits.columns,
            _ => self.limits.row_bytes,
        };
        ImportError::TooLarge {
            file: file.into(),
            what,
            found,
            limit,
            detail: format!("row {row}"),
        }
    }

    /// True when csv-core is between records (at most the LF of a CRLF unread, which it would
    /// skip as a blank line) and rows go to the sink: [`TextState::plain_lines`] may read on.
    fn at_plain_start(&self) -> bool {
        self.plain
            && self.passthrough
            && self.line_end == b'\n'
            && self.out_len == 0
            && self.ends_len == 0
            && self.record_in == 0
            && self.sink.is_some()
    }

    /// Reads the plain lines at the start of `text` (see [`super::plain`]) as csv-core would
    /// have: the same rows with the same numbers, blank lines skipped. Returns the bytes read;
    /// csv-core reads on from there.
    fn plain_lines(&mut self, text: &[u8]) -> usize {
        let Some((_, sink)) = &mut self.sink else {
            return 0;
        };
        if !self.csv_fed && text.starts_with(b"\xEF\xBB\xBF") {
            // csv-core would drop a byte order mark before its first record.
            return 0;
        }
        let (delimiter, first) = (self.delimiter, self.csv.line());
        // A line wider than the limit is left to csv-core, which refuses it with its width.
        let max_fields = usize::try_from(self.limits.columns).unwrap_or(usize::MAX);
        let ends = &mut self.plain_ends;
        let scanned = split_plain_lines(text, delimiter, max_fields, ends, |k, text, ends| {
            let r = PlainRow {
                text,
                ends,
                delimiter,
            };
            if !r.is_blank() {
                sink.push((first + k) as usize, &r);
            }
        });
        self.csv.set_line(first + scanned.lines);
        scanned.bytes
    }

    fn record(
        &mut self,
        file: &str,
        options: &ImportOptions,
        row: usize,
    ) -> Result<(), ImportError> {
        let (buf, ends) = (&self.out[..self.out_len], &self.ends[..self.ends_len]);
        let repaired: (String, Vec<usize>);
        let mut r = CsvRow::new(buf, ends);
        let mut bad = false;
        if !r.is_utf8() {
            repaired = repair(buf, ends);
            r = CsvRow::new(repaired.0.as_bytes(), &repaired.1);
            bad = true;
        } else if self.replaced {
            bad = memchr::memmem::find(buf, "\u{FFFD}".as_bytes()).is_some();
        }
        if r.is_blank() {
            return Ok(());
        }
        if bad {
            self.undecodable += 1;
            if self.undecodable_rows.len() < MAX_KEPT_UNDECODABLE {
                self.undecodable_rows.push(row);
            }
        }
        match &mut self.sink {
            Some((_, sink)) => sink.push(row, &r),
            None => {
                self.preview_cells += r.width();
                self.preview.push((row, r.strings()));
                if self.preview.len() >= PREVIEW_ROWS || self.preview_cells >= PREVIEW_CELLS {
                    self.start_sink(file, options)?;
                }
            }
        }
        Ok(())
    }

    /// Decoded bytes split into the preview rows so far (including the current `split` call).
    fn consumed_before_sink(&self) -> f64 {
        (self.consumed + self.pending_pos as u64) as f64
    }

    /// Plans from the preview and replays its data rows into the sink.
    fn start_sink(&mut self, file: &str, options: &ImportOptions) -> Result<(), ImportError> {
        let default_decimal = if self.delimiter == b';' {
            DecimalSep::Comma
        } else {
            DecimalSep::Dot
        };
        let preview = std::mem::take(&mut self.preview);
        let (p, mut sink) = plan(file, &preview, options, default_decimal)?;
        // Rows expected = decoded size of the file / decoded bytes per row so far.
        let expected = match (self.size_hint, preview.is_empty()) {
            (Some(size), false) => {
                let decoded_size = size as f64 * self.decoded as f64 / self.raw_in.max(1) as f64;
                let per_row = self.consumed_before_sink() / preview.len() as f64;
                Some((decoded_size / per_row.max(8.0) * 1.05).min(50e6) as usize)
            }
            _ => None,
        };
        for (row, cells) in &preview[p.header_index + 1..] {
            sink.push(*row, cells);
        }
        // After the preview's rows, so that a table can size its cells and text from them.
        if let Some(rows) = expected {
            sink.reserve(rows);
        }
        self.sink = Some((p, sink));
        Ok(())
    }
}

/// A record with invalid UTF-8, field by field with U+FFFD for each bad sequence.
fn repair(buf: &[u8], ends: &[usize]) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(buf.len() + 8);
    let mut out_ends = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in ends {
        let field = buf.get(start..end).unwrap_or(&[]);
        text.push_str(&String::from_utf8_lossy(field));
        out_ends.push(text.len());
        start = end;
    }
    (text, out_ends)
}

#[cfg(test)]
mod tests {
    use super::super::{import_csv, Imported, Shape};
    use super::*;

    #[test]
    fn row_numbers_count_lines_through_blank_lines_crlf_and_quoted_newlines() {
        let text = "Customer,Date,Amount\r\nA,2024-01-01,x\r\n\r\n\"B\nline\",2024-01-02,y\r\nC,2024-01-03,z";
        let imp = import_csv("rows.csv", text.as_bytes()).unwrap();
        let rows: Vec<usize> = imp.report.rejected.iter().map(|r| r.row).collect();
        assert_eq!(rows, [2, 4, 6]);
        // A quoted newline in the last record, with no newline after it, in a record ending
        // in LF, and in a file with CR line ends only (a quoted LF, a quoted CR, a blank line).
        for (text, want) in [
            (
                "Customer,Date,Amount\nA,2024-01-01,x\n\"B\nC\",D,y",
                vec![2, 3],
            ),
            ("Customer,Date,Amount\n\"A\nB\",C,x\nD,E,y\n", vec![2, 4]),
            ("Customer,Date,Amount\r\"A\nB\",C,x\rD,E,y\r", vec![2, 3]),
            ("Customer,Date,Amount\r\"A\rB\",C,x\r\rD,E,y", vec![2, 5]),
        ] {
            let imp = import_csv("rows.csv", text.as_bytes()).unwrap();
            let rows: Vec<usize> = imp.report.rejected.iter().map(|r| r.row).collect();
            assert_eq!(rows, want, "{text:?}");
            // The same a byte at a time.
            assert_eq!(rejected_rows(text, 1).0, want, "{text:?} in 1-byte chunks");
        }
    }

    #[test]
    fn a_large_file_with_cr_line_ends_numbers_its_rows_across_chunks() {
        // Past the 64 KiB held for sniffing, so CRs are counted across many pushes.
        let mut text = String::from("Customer,Date,Amount\r");
        for i in 0..20_000 {
            text.push_str(&format!(
                "C{i},2024-01-01,{}\r",
                if i % 1000 == 7 { "x" } else { "5" }
            ));
        }
        for size in [7, 4096, text.len()] {
            let (rows, read) = rejected_rows(&text, size);
            let want: Vec<usize> = (0..20).map(|k| k * 1000 + 7 + 2).collect();
            assert_eq!(rows, want, "chunks of {size}");
            assert_eq!(read, 20_000);
        }
    }

    /// Streams `text` in chunks of `size`, with or without the plain-line path.
    fn streamed(text: &[u8], size: usize, plain: bool) -> Result<Imported, ImportError> {
        let mut s = StreamImporter::new("log.csv", ImportOptions::default());
        if !plain {
            s = s.csv_core_only();
        }
        for piece in text.chunks(size) {
            s.push(piece);
        }
        s.finish()
    }

    #[test]
    fn plain_lines_give_the_import_csv_core_gives() {
        use super::part::test_logs::log_with_hard_rows;
        let mut texts: Vec<Vec<u8>> = (0..6)
            .map(|seed| log_with_hard_rows(seed, 3000).into_bytes())
            .collect();
        // Names beyond ASCII, a byte order mark, a line of bad UTF-8 and a last line with no
        // LF; a customer table; a tab-separated log with blank and all-space lines.
        let wide = log_with_hard_rows(7, 3000)
            .replace("Name 1", "客户 1")
            .replace("P3", "Ñandú");
        let mut wide = [b"\xEF\xBB\xBF".as_slice(), wide.as_bytes()].concat();
        wide.extend_from_slice(b"C1,Name,2024-03-05,\xff\xfe,P1,ok\nC2,N,2024-03-05,1.5,P2,ok");
        texts.push(wide);
        let table: String = (0..3000)
            .map(|i| format!("C{i},Rep {},{}.5\n", i % 7, i % 100))
            .collect();
        texts.push(format!("Customer,Owner,Sales\n{table}").into_bytes());
        let tabs: String = (0..3000)
            .map(|i| match i % 50 {
                0 => "\t \t\n\n".to_string(),
                _ => format!("C{}\t2024-01-{:02}\t{}\r\n", i % 90, i % 28 + 1, i),
            })
            .collect();
        texts.push(format!("Customer\tDate\tAmount\n{tabs}").into_bytes());
        for (k, text) in texts.iter().enumerate() {
            let want = streamed(text, text.len(), false).unwrap();
            assert!(want.report.rows_read > 2000, "text {k}");
            for size in [1, 7, 4093, 70_000, text.len()] {
                assert_eq!(
                    streamed(text, size, true).unwrap(),
                    want,
                    "text {k}, chunks of {size}"
                );
            }
        }
    }

    /// A customer table sizes its cells and text from the file's size: told the right size,
    /// one far too small or one far too large, it reads what an importer told nothing reads.
    #[test]
    fn a_table_reads_the_same_whatever_size_it_is_told() {
        let mut text = String::from("customer_id,customer_name,sales,share_of_wallet,owner\n");
        for i in 0..5000 {
            text.push_str(&format!(
                "C{i:05},Name {i},{}.5,{}%,Rep {}\n",
                i * 3,
                i % 90,
                i % 7
            ));
        }
        text.push_str("C00001,Repeat,1,1%,Rep 1\nC99999,Bad,abc,1%,Rep 2\n");
        let read = |hint: Option<u64>| {
            let mut s = match hint {
                Some(size) => {
                    StreamImporter::with_size_hint("t.csv", ImportOptions::default(), size)
                }
                None => StreamImporter::new("t.csv", ImportOptions::default()),
            };
            for piece in text.as_bytes().chunks(4096) {
                s.push(piece);
            }
            s.finish().unwrap()
        };
        let want = read(None);
        assert_eq!(want.shape, super::super::Shape::Customers);
        let r = &want.report;
        assert_eq!(
            (r.rows_read, r.rows_used, r.rows_rejected()),
            (5002, 5000, 2)
        );
        let len = text.len() as u64;
        for hint in [len, 100, len * 50] {
            assert_eq!(read(Some(hint)), want, "told {hint} bytes");
        }
    }

    /// Streams `text` in chunks of `size`: the rows of the rejected records, and the rows read.
    fn rejected_rows(text: &str, size: usize) -> (Vec<usize>, usize) {
        let mut s = StreamImporter::new("rows.csv", ImportOptions::default());
        for piece in text.as_bytes().chunks(size) {
            s.push(piece);
        }
        let imp = s.finish().unwrap();
        let rows = imp.report.rejected.iter().map(|r| r.row).collect();
        (rows, imp.report.rows_read)
    }

    #[test]
    fn chunks_of_any_size_give_the_same_import() {
        let mut text = String::from("客户名称;下单日期;销售额\n");
        for i in 0..3000 {
            text.push_str(&format!(
                "客户{};{:02}/03/2024;{},5\n",
                i % 70,
                i % 28 + 1,
                i
            ));
        }
        let whole = import_csv("big.csv", text.as_bytes()).unwrap();
        assert_eq!(whole.shape, Shape::Transactions);
        assert_eq!(whole.report.rows_used, 3000);
        assert_eq!(whole.customers.len(), 70);
        // Sum of i + 0.5 for i in 0..3000.
        let total: f64 = whole.customers.iter().map(|c| c.sales).sum();
        assert_eq!(total, 2999.0 * 3000.0 / 2.0 + 1500.0);
        for size in [1, 7, 4096, 70_000] {
            let mut s = StreamImporter::new("big.csv", ImportOptions::default());
            for piece in text.as_bytes().chunks(size) {
                s.push(piece);
            }
            let imp = s.finish().unwrap();
            assert_eq!(imp.customers, whole.customers, "chunk size {size}");
            assert_eq!(imp.report, whole.report);
        }
    }

    #[test]
    fn invalid_utf8_in_a_utf8_file_is_repaired_per_record() {
        // Valid for the first 64 KiB (so detected as UTF-8), then one bad byte.
        let mut text = b"Customer,Date,Amount\n".to_vec();
        for _ in 0..4000 {
            text.extend_from_slice(b"Acme,2024-01-01,1\n");
        }
        assert!(text.len() > SNIFF_BYTES);
        text.extend_from_slice(b"Bad\xff name,2024-01-02,2\nAcme,2024-01-03,3\n");
        let imp = import_csv("bad-utf8.csv", &text).unwrap();
        assert_eq!(imp.report.encoding, "UTF-8");
        let ids: Vec<&str> = imp.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["Acme", "Bad\u{fffd} name"]);
        assert_eq!(imp.customers[0].sales, 4003.0);
        assert_eq!(imp.customers[1].sales, 2.0);
    }

    #[test]
    fn excel_sep_line_accounting_zero_and_error_values() {
        let text = "sep=;\nCustomer;Date;Amount;Profit\nA;2024-01-01;1,5;#N/A\nA;2024-01-02;-;-\n";
        let imp = import_csv("sep.csv", text.as_bytes()).unwrap();
        assert_eq!(imp.report.delimiter, Some(';'));
        assert_eq!(
            imp.report.header_row, 2,
            "the sep= line is skipped as a title"
        );
        assert_eq!((imp.report.rows_read, imp.report.rows_used), (2, 2));
        let a = &imp.customers[0];
        assert_eq!(a.sales, 1.5);
        assert_eq!(a.orders, Some(2), "a zero amount ('-') is an order");
        assert_eq!(a.profit, None, "one profit missing (#N/A): no total");
    }

    #[test]
    fn utf16_and_gbk_files_larger_than_the_sniffing_window_stream_across_odd_chunks() {
        let mut text = String::from("客户名称\t下单日期\t销售额\n");
        for i in 0..6000 {
            text.push_str(&format!(
                "客户{}\t2024-03-{:02}\t{}.25\n",
                i % 40,
                i % 28 + 1,
                i % 100
            ));
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        for (bytes, label) in [(&utf16[..], "UTF-16LE (BOM)"), (&gbk[..], "gb18030")] {
            assert!(bytes.len() > SNIFF_BYTES);
            let whole = import_csv("big.txt", bytes).unwrap();
            assert_eq!(whole.report.encoding, label);
            assert_eq!(whole.report.rows_used, 6000);
            assert_eq!(whole.customers.len(), 40);
            // Sum over i of (i % 100) + 0.25: 60 full hundreds of 4950, plus 6000 × 0.25.
            let total: f64 = whole.customers.iter().map(|c| c.sales).sum();
            assert!((total - (60.0 * 4950.0 + 1500.0)).abs() < 1e-6, "{total}");
            let mut s = StreamImporter::new("big.txt", ImportOptions::default());
            for piece in bytes.chunks(1001) {
                s.push(piece);
            }
            let streamed = s.finish().unwrap();
            assert_eq!(streamed.customers, whole.customers, "{label}");
            assert_eq!(streamed.report, whole.report, "{label}");
        }
    }

    #[test]
    fn refuses_empty_and_binary_files() {
        for empty in [&b""[..], b"  \n", b"\xEF\xBB\xBF"] {
            assert_eq!(
                import_csv("e.csv", empty).unwrap_err(),
                ImportError::Empty {
                    file: "e.csv".into()
                }
            );
        }
        let binary: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert_eq!(
            import_csv("b.bin", &binary).unwrap_err().to_string(),
            "b.bin is not a table: it holds binary data, neither text nor a spreadsheet."
        );
    }
}

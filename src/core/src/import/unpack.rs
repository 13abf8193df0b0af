//! A zip workbook (XLSX, XLSB, ODS) measured before calamine opens it: every part is inflated
//! once through a [`Meter`], which counts the bytes as they come out and the length of every
//! XML token, and stops past [`Limits::unpacked_bytes`] or [`Limits::token_bytes`]. The sizes
//! the zip declares are not trusted: a part that declares 40 MB and inflates to 1 GB is
//! stopped at the limit, having held 64 KiB at a time. An ODS's `content.xml` is also read
//! as calamine will read it, and its repeated rows, cells and spaces counted as the cells
//! and text they expand to ([`Limits::dense_cells`], [`Limits::expanded_bytes`]), since
//! calamine writes every repeat out.
//!
//! The cost is one more inflate of the file, about a tenth of reading it.

use super::diagnostics::ImportError;
use super::limits::{Limits, Measure};
use quick_xml::events::{BytesStart, Event};
use std::io::{self, Cursor, Read};

/// The workbook format a zip holds, told by its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipFormat {
    Xlsx,
    Xlsb,
    Ods,
    /// None of the parts a workbook has.
    Unknown,
}

/// What stopped the metering: a limit, with the figure reached (when known), or nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Exceeded {
    what: Measure,
    found: Option<u64>,
    limit: u64,
}

/// Counts what a zip's parts inflate to. Shared by the parts of one file.
struct Meter {
    limits: Limits,
    total: u64,
    exceeded: Option<Exceeded>,
}

impl Meter {
    fn over(&mut self, what: Measure, found: Option<u64>, limit: u64) -> io::Error {
        self.exceeded = Some(Exceeded { what, found, limit });
        io::Error::other("limit")
    }
}

/// An inflating part read through the meter: bytes counted as they come out, XML tokens
/// measured when the part is XML, and declared counts watched.
struct Metered<'m, R> {
    inner: R,
    meter: &'m mut Meter,
    tokens: Option<Tokens>,
    /// Nothing read yet: the first byte tells XML from a binary part.
    first: bool,
    /// Bytes of this part.
    bytes: u64,
    counts: Declared,
}

/// A shared-strings table's `uniqueCount`, which calamine reserves as it reads the table's
/// first tag: 99,999,999,999,999 strings declared in a table of one is an allocation of
/// 2.4 PB. Watched in every part (calamine finds the table by a path the file decides), the
/// largest kept, compared with the part's size once it is read: each string takes at least
/// 8 bytes of XML. Read as calamine reads the attribute (the key, blanks, `=`, blanks, a
/// quote, the value parsed whole as digits), by a small state machine, so that no split of
/// the bytes and no run of blanks hides it.
#[derive(Default)]
struct Declared {
    state: Watch,
    largest: u64,
}

#[derive(Clone, Copy, Default)]
enum Watch {
    /// `k` bytes of the key matched.
    #[default]
    Key0,
    Key(u8),
    AfterKey,
    AfterEq,
    Value {
        quote: u8,
        n: u64,
        digits: u8,
    },
}

impl Declared {
    const KEY: &'static [u8] = b"uniqueCount";

    fn feed(&mut self, got: &[u8]) {
        let mut i = 0;
        while i < got.len() {
            if let Watch::Key0 = self.state {
                match memchr::memchr(b'u', &got[i..]) {
                    None => return,
                    Some(k) => {
                        i += k + 1;
                        self.state = Watch::Key(1);
                        continue;
                    }
                }
            }
            let c = got[i];
            i += 1;
            let restart = if c == b'u' {
                Watch::Key(1)
            } else {
                Watch::Key0
            };
            self.state = match self.state {
                Watch::Key0 => restart,
                Watch::Key(k) if Self::KEY.get(usize::from(k)) == Some(&c) => {
                    if usize::from(k) + 1 == Self::KEY.len() {
                        Watch::AfterKey
                    } else {
                        Watch::Key(k + 1)
                    }
                }
                Watch::Key(_) => restart,
                Watch::AfterKey if c.is_ascii_whitespace() => Watch::AfterKey,
                Watch::AfterKey if c == b'=' => Watch::AfterEq,
                Watch::AfterEq if c.is_ascii_whitespace() => Watch::AfterEq,
                Watch::AfterEq if c == b'"' || c == b'\'' => Watch::Value {
                    quote: c,
                    n: 0,
                    digits: 0,
                },
                Watch::Value { quote, n, digits } if c.is_ascii_digit() => Watch::Value {
                    quote,
                    n: n.saturating_mul(10).saturating_add(u64::from(c - b'0')),
                    digits: digits.saturating_add(1),
                },
                Watch::Value { quote, n, digits } if c == quote && digits > 0 => {
                    self.largest = self.largest.max(n);
                    Watch::Key0
                }
                _ => restart,
            };
        }
    }

    /// Strings declared beyond what a part of `bytes` bytes can hold.
    fn beyond(&self, bytes: u64) -> bool {
        self.largest > bytes / 8 + 1024
    }
}

impl<R: Read> Read for Metered<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.meter.exceeded.is_some() {
            return Err(io::Error::other("limit"));
        }
        let n = self.inner.read(buf)?;
        let got = &buf[..n];
        self.meter.total += n as u64;
        self.bytes += n as u64;
        if self.meter.total > self.meter.limits.unpacked_bytes {
            let limit = self.meter.limits.unpacked_bytes;
            return Err(self.meter.over(Measure::UnpackedBytes, None, limit));
        }
        if self.first && n > 0 {
            self.first = false;
            // An XML part starts with '<', after a byte order mark or blanks; anything else
            // (a picture, a binary XLSB part) is only counted.
            let start = got.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(got);
            if start.trim_ascii_start().first() == Some(&b'<') {
                self.tokens = Some(Tokens::new(self.meter.limits.token_bytes));
            }
        }
        if let Some(t) = &mut self.tokens {
            if t.feed(got).is_err() {
                let limit = t.limit;
                return Err(self.meter.over(Measure::CellBytes, None, limit));
            }
            self.counts.feed(got);
        }
        Ok(n)
    }
}

/// Inflates every part of a zip through the meter; returns the workbook format its parts
/// tell. A part that does not inflate (damaged, encrypted) is left to calamine, which will
/// say so if it needs it.
pub fn measure_zip(file: &str, bytes: &[u8], limits: &Limits) -> Result<ZipFormat, ImportError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::NotSpreadsheet {
            file: file.into(),
            detail: format!("zip: {e}"),
        })?;
    let mut meter = Meter {
        limits: *limits,
        total: 0,
        exceeded: None,
    };
    let mut format = ZipFormat::Unknown;
    let mut ods = Ods::default();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        match name.as_str() {
            "xl/workbook.xml" if format == ZipFormat::Unknown => format = ZipFormat::Xlsx,
            "xl/workbook.bin" if format == ZipFormat::Unknown => format = ZipFormat::Xlsb,
            "content.xml" if format == ZipFormat::Unknown => format = ZipFormat::Ods,
            _ => {}
        }
        let mut part = Metered {
            inner: entry,
            meter: &mut meter,
            tokens: None,
            first: true,
            bytes: 0,
            counts: Declared::default(),
        };
        if name == "content.xml" {
            // Read as calamine's ODS reader reads it (which it does whatever the format).
            let _ = ods.read(&mut part);
        } else {
            let mut buf = vec![0u8; 64 << 10];
            while let Ok(n) = part.read(&mut buf) {
                if n == 0 {
                    break;
                }
            }
        }
        if part.counts.beyond(part.bytes) {
            return Err(ImportError::NotSpreadsheet {
                file: file.into(),
                detail: format!(
                    "zip part {name} declares {} shared strings in {} bytes",
                    part.counts.largest, part.bytes
                ),
            });
        }
        if let Some(e) = meter.exceeded.or(ods.exceeded(limits)) {
            return Err(ImportError::TooLarge {
                file: file.into(),
                what: e.what,
                found: e.found,
                limit: e.limit,
                detail: format!("zip part {name}"),
            });
        }
    }
    Ok(format)
}

/// The length of XML tokens as quick-xml will buffer them: a text run, a tag (quotes
/// respected), a comment, a CDATA section, a processing instruction, a declaration (nested
/// `<` `>` counted). Fed any split of the bytes, it measures the same.
struct Tokens {
    state: State,
    /// Bytes of the token under way.
    run: u64,
    limit: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// After `<!`.
    Bang,
    /// After `<!-`.
    BangDash,
    /// After `<!` and the first `k` bytes of `[CDATA[`.
    BangCData {
        k: u8,
    },
    Tag {
        quote: u8,
    },
    /// In a comment; `dashes` is how many `-` just came.
    Comment {
        dashes: u8,
    },
    CData {
        brackets: u8,
    },
    Pi {
        question: bool,
    },
    /// `<!DOCTYPE …>` and the like; `depth` counts nested `<`.
    Decl {
        depth: u32,
    },
}

impl Tokens {
    fn new(limit: u64) -> Tokens {
        Tokens {
            state: State::Text,
            run: 0,
            limit,
        }
    }

    /// Ends the token under way at a boundary.
    #[inline]
    fn end(&mut self) -> Result<(), ()> {
        let run = self.run;
        self.run = 0;
        if run > self.limit {
            Err(())
        } else {
            Ok(())
        }
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), ()> {
        let mut i = 0;
        while i < bytes.len() {
            // The common states skip to their next byte of note: a tag in a tight loop (tags
            // are short, quotes respected), text by a few bytes then memchr (cell text is
            // short, but a long run goes many bytes at a time).
            match self.state {
                State::Text => {
                    let near = &bytes[i..bytes.len().min(i + 16)];
                    let found = match near.iter().position(|&b| b == b'<') {
                        Some(k) => Some(k),
                        None if near.len() < 16 => None,
                        None => memchr::memchr(b'<', &bytes[i + 16..]).map(|k| k + 16),
                    };
                    match found {
                        None => {
                            self.run += (bytes.len() - i) as u64;
                            break;
                        }
                        Some(k) => {
                            self.run += k as u64;
                            self.end()?;
                            self.run = 1;
                            self.state = State::Open;
                            i += k + 1;
                            continue;
                        }
                    }
                }
                State::Tag { quote } => {
                    let (mut q, mut j) = (quote, i);
                    while let Some(&c) = bytes.get(j) {
                        if q == 0 {
                            if c == b'>' {
                                break;
                            }
                            if c == b'"' || c == b'\'' {
                                q = c;
                            }
                        } else if c == q {
                            q = 0;
                        }
                        j += 1;
                    }
                    self.run += (j - i) as u64;
                    if j == bytes.len() {
                        self.state = State::Tag { quote: q };
                        break;
                    }
                    // The '>' that ends the tag.
                    self.run += 1;
                    self.end()?;
                    self.state = State::Text;
                    i = j + 1;
                    continue;
                }
                State::Open if !matches!(bytes[i], b'!' | b'?' | b'>' | b'"' | b'\'') => {
                    self.run += 1;
                    self.state = State::Tag { quote: 0 };
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let c = bytes[i];
            i += 1;
            self.run += 1;
            self.state = match self.state {
                State::Text => State::Text,
                State::Open => match c {
                    b'!' => State::Bang,
                    b'?' => State::Pi { question: false },
                    b'>' => self.close()?,
                    b'"' | b'\'' => State::Tag { quote: c },
                    _ => State::Tag { quote: 0 },
                },
                State::Bang => match c {
                    b'-' => State::BangDash,
                    b'[' => State::BangCData { k: 1 },
                    b'>' => self.close()?,
                    _ => State::Decl {
                        depth: u32::from(c == b'<'),
                    },
                },
                State::BangDash => match c {
                    b'-' => State::Comment { dashes: 0 },
                    b'>' => self.close()?,
                    _ => State::Decl { depth: 0 },
                },
                State::BangCData { k } => {
                    const CDATA: &[u8] = b"[CDATA[";
                    match (CDATA.get(usize::from(k)), c) {
                        (Some(&want), c) if c == want && usize::from(k) + 1 == CDATA.len() => {
                            State::CData { brackets: 0 }
                        }
                        (Some(&want), c) if c == want => State::BangCData { k: k + 1 },
                        (_, b'>') => self.close()?,
                        _ => State::Decl {
                            depth: u32::from(c == b'<'),
                        },
                    }
                }
                State::Tag { quote } => match (quote, c) {
                    (0, b'>') => self.close()?,
                    (0, b'"' | b'\'') => State::Tag { quote: c },
                    (q, c) if q != 0 && c == q => State::Tag { quote: 0 },
                    (q, _) => State::Tag { quote: q },
                },
                State::Comment { dashes } => match c {
                    b'-' => State::Comment {
                        dashes: dashes.saturating_add(1),
                    },
                    b'>' if dashes >= 2 => self.close()?,
                    _ => State::Comment { dashes: 0 },
                },
                State::CData { brackets } => match c {
                    b']' => State::CData {
                        brackets: brackets.saturating_add(1),
                    },
                    b'>' if brackets >= 2 => self.close()?,
                    _ => State::CData { brackets: 0 },
                },
                State::Pi { question } => match c {
                    b'>' if question => self.close()?,
                    _ => State::Pi {
                        question: c == b'?',
                    },
                },
                State::Decl { depth } => match c {
                    b'<' => State::Decl {
                        depth: depth.saturating_add(1),
                    },
                    b'>' if depth == 0 => self.close()?,
                    b'>' => State::Decl { depth: depth - 1 },
                    _ => State::Decl { depth },
                },
            };
        }
        if self.run > self.limit {
            return Err(());
        }
        Ok(())
    }

    /// A `>` ends the markup under way; text follows.
    fn close(&mut self) -> Result<State, ()> {
        self.end()?;
        Ok(State::Text)
    }
}

/// What an ODS's `content.xml` expands to in calamine: per sheet, the dense range from the
/// first to the last non-empty row and column (repeats counted, capped as calamine caps them),
/// and the text every repeat copies.
#[derive(Default)]
struct Ods {
    /// Dense cells of the sheets done.
    cells: u64,
    /// Text bytes written out, all sheets.
    text: u64,
    sheet: Sheet,
    /// Set when content.xml could not be read as XML.
    broken: bool,
}

/// One `table:table` under way.
#[derive(Default)]
struct Sheet {
    /// Rows so far, repeats counted.
    rows: u64,
    first_row: Option<u64>,
    last_row: u64,
    first_col: u64,
    last_col: u64,
    any: bool,
}

/// calamine's own caps on an ODS sheet.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

impl Sheet {
    fn cells(&self) -> u64 {
        match self.first_row {
            Some(first) if self.any => {
                (self.last_row - first + 1).saturating_mul(self.last_col - self.first_col + 1)
            }
            _ => 0,
        }
    }
}

/// One `table:table-row` under way.
#[derive(Default)]
struct RowScan {
    repeats: u64,
    /// Columns so far, repeats counted (capped as calamine caps them).
    cols: u64,
    first: Option<u64>,
    last: u64,
    /// Text bytes of the row's cells, column repeats counted.
    text: u64,
}

/// One `table:table-cell` under way.
struct CellScan {
    repeats: u64,
    filled: bool,
    text: u64,
}

/// The attributes of a start tag as calamine splits them (its own loose reader, which
/// quick-xml's checks would not match): `key = "value"` pairs, keys trimmed, values raw.
/// Stops where calamine would stop with an error.
fn raw_attrs(raw: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        rest = rest.trim_ascii_start();
        let eq = memchr::memchr(b'=', rest)?;
        let key = rest[..eq].trim_ascii_end();
        let after = rest[eq + 1..].trim_ascii_start();
        let (&quote, body) = after.split_first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let end = memchr::memchr(quote, body).unwrap_or(body.len());
        rest = body.get(end + 1..).unwrap_or(&[]);
        Some((key, &body[..end]))
    })
}

/// A count attribute as calamine reads it (unescaped, then parsed); 1 when absent or when
/// calamine could not read it either (it then stops with an error).
fn attr_count(e: &BytesStart<'_>, key: &[u8]) -> u64 {
    raw_attrs(e.attributes_raw())
        .find(|&(k, _)| k == key)
        .and_then(|(_, v)| {
            let v = std::str::from_utf8(v).ok()?;
            quick_xml::escape::unescape(v).ok()?.parse::<u64>().ok()
        })
        .unwrap_or(1)
}

fn is_cell(name: &[u8]) -> bool {
    name == b"table:table-cell" || name == b"table:covered-table-cell"
}

impl Ods {
    fn exceeded(&self, limits: &Limits) -> Option<Exceeded> {
        let cells = self.cells.saturating_add(self.sheet.cells());
        if cells > limits.dense_cells {
            return Some(Exceeded {
                what: Measure::Cells,
                found: Some(cells),
                limit: limits.dense_cells,
            });
        }
        if self.text > limits.expanded_bytes {
            return Some(Exceeded {
                what: Measure::ExpandedBytes,
                found: Some(self.text),
                limit: limits.expanded_bytes,
            });
        }
        None
    }

    /// Reads content.xml as calamine does, counting; stops at the first XML error (calamine
    /// stops there too) or when the meter stops the bytes.
    fn read(&mut self, part: &mut impl Read) -> Result<(), ()> {
        let mut reader = quick_xml::Reader::from_reader(io::BufReader::new(part));
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        config.expand_empty_elements = true;
        let mut buf = Vec::with_capacity(1024);
        let mut row: Option<RowScan> = None;
        let mut cell: Option<CellScan> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(_) => {
                    self.broken = true;
                    return Err(());
                }
            };
            match event {
                Event::Eof => break,
                Event::Start(e) => match e.name().as_ref() {
                    b"table:table" => self.sheet = Sheet::default(),
                    b"table:table-row" => {
                        let wanted = attr_count(&e, b"table:number-rows-repeated");
                        let left = ODS_MAX_ROWS.saturating_sub(self.sheet.rows);
                        row = Some(RowScan {
                            repeats: wanted.min(left),
                            ..RowScan::default()
                        });
                    }
                    name if is_cell(name) => {
                        let mut filled = false;
                        let mut text = 0u64;
                        for (key, value) in raw_attrs(e.attributes_raw()) {
                            match key {
                                b"office:value-type"
                                | b"office:value"
                                | b"office:boolean-value" => filled = true,
                                b"table:formula"
                                | b"office:string-value"
                                | b"office:date-value"
                                | b"office:time-value" => {
                                    filled = true;
                                    text += value.len() as u64;
                                }
                                _ => {}
                            }
                        }
                        cell = Some(CellScan {
                            repeats: attr_count(&e, b"table:number-columns-repeated"),
                            filled,
                            text,
                        });
                    }
                    b"text:s" => {
                        if let Some(c) = &mut cell {
                            let spaces = attr_count(&e, b"text:c");
                            c.text = c.text.saturating_add(spaces);
                            c.filled = true;
                        }
                    }
                    _ => {}
                },
                Event::Text(t) => {
                    if let Some(c) = &mut cell {
                        c.text = c.text.saturating_add(t.len() as u64);
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(c) = &mut cell {
                        c.text = c.text.saturating_add(r.len() as u64 + 2);
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    name if is_cell(name) => {
                        if let (Some(c), Some(r)) = (cell.take(), &mut row) {
                            let left = ODS_MAX_COLUMNS.saturating_sub(r.cols);
                            let n = c.repeats.min(left);
                            if c.filled && n > 0 {
                                r.first.get_or_insert(r.cols);
                                r.last = r.cols + n - 1;
                                r.text = r.text.saturating_add(c.text.saturating_mul(n));
                            }
                            r.cols += n;
                        }
                    }
                    b"table:table-row" => {
                        if let Some(r) = row.take() {
                            let s = &mut self.sheet;
                            if let (Some(first), true) = (r.first, r.repeats > 0) {
                                s.first_row.get_or_insert(s.rows);
                                s.last_row = s.rows + r.repeats - 1;
                                if !s.any {
                                    (s.first_col, s.last_col) = (first, r.last);
                                } else {
                                    s.first_col = s.first_col.min(first);
                                    s.last_col = s.last_col.max(r.last);
                                }
                                s.any = true;
                                self.text =
                                    self.text.saturating_add(r.text.saturating_mul(r.repeats));
                            }
                            s.rows += r.repeats;
                        }
                    }
                    b"table:table" => {
                        self.cells = self.cells.saturating_add(self.sheet.cells());
                        self.sheet = Sheet::default();
                    }
                    _ => {}
                },
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest token `Tokens` saw, fed in pieces of `size`.
    fn longest(xml: &[u8], size: usize) -> u64 {
        let mut lo = 0;
        let mut hi = xml.len() as u64 + 1;
        // The smallest limit that passes is the longest token.
        while lo < hi {
            let mid = (lo + hi) / 2;
            let mut t = Tokens::new(mid);
            let ok = xml.chunks(size.max(1)).all(|c| t.feed(c).is_ok()) && t.end().is_ok();
            if ok {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }

    #[test]
    fn a_declared_count_is_read_across_pieces() {
        let xml =
            b"<?xml version=\"1.0\"?><sst count=\"3\" uniqueCount = '123456'><si><t>a</t></si>";
        for size in [1, 5, 11, 64, xml.len()] {
            let mut d = Declared::default();
            for piece in xml.chunks(size) {
                d.feed(piece);
            }
            assert_eq!(d.largest, 123_456, "pieces of {size}");
        }
        let mut d = Declared::default();
        d.feed(b"<sst uniqueCount=\"12x\"/>");
        assert_eq!(d.largest, 0, "not a number: calamine reserves nothing");
        assert!(!Declared {
            largest: 2000,
            ..Default::default()
        }
        .beyond(8192));
        assert!(Declared {
            largest: 99_999,
            ..Default::default()
        }
        .beyond(8192));
    }

    #[test]
    fn tokens_are_measured_as_a_parser_holds_them() {
        let cases: [(&[u8], u64); 7] = [
            (b"<a>hello</a>", 5),
            (b"<row r=\"1\"><c t=\"s\"><v>1</v></c></row>", 11),
            (b"<a x=\"<<<>>>\"/>", 15),
            (b"<!-- a > b -- c -->xy", 19),
            (b"<![CDATA[<<>>]]]>z", 17),
            (b"<?xml version=\"1.0\"?>", 21),
            (b"<!DOCTYPE d [<!ENTITY e \"x\">]>", 30),
        ];
        for (xml, want) in cases {
            for size in [1, 2, 3, 7, xml.len()] {
                assert_eq!(
                    longest(xml, size),
                    want,
                    "{} in pieces of {size}",
                    String::from_utf8_lossy(xml)
                );
            }
        }
    }
}

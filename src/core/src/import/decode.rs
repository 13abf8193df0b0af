//! Bytes → UTF-8: the encoding of a text file, detected from its first bytes.
//!
//! Order: a byte-order mark (UTF-8, UTF-16 LE/BE); BOM-less UTF-16 from the pattern of zero
//! bytes; valid UTF-8 ([`detect_unicode`]); otherwise chardetng's guess (GBK/GB18030 from
//! Chinese Excel, Windows-1252 from Western Excel, …: [`detect_legacy`]). UTF-16 is decoded
//! here ([`Utf16`]), a legacy encoding by encoding_rs, streaming ([`legacy_decoder`]). The
//! page's importer never names `detect_legacy` or `legacy_decoder`, so chardetng's and
//! encoding_rs's tables (about 150 KB gzipped) are not in its WebAssembly: such a file is
//! read by the worker that reads workbooks.

use super::fields::auto_map;
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// What kind of file the bytes are, from their signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A zip archive: XLSX, XLSB or ODS.
    Zip,
    /// An OLE compound file: XLS (Excel 97–2003).
    Ole,
    /// Anything else is read as delimited text.
    Text,
}

pub fn sniff_kind(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        FileKind::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        FileKind::Ole
    } else {
        FileKind::Text
    }
}

/// The encoding of a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// A byte-order mark was present.
    pub bom: bool,
}

impl Detected {
    /// A label for the report: "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "GB18030", "windows-1252".
    pub fn label(&self) -> String {
        let name = self.encoding.name();
        if self.bom {
            format!("{name} (BOM)")
        } else {
            name.to_string()
        }
    }

    /// UTF-16: decoded by [`Utf16`], not encoding_rs.
    pub fn is_utf16(&self) -> bool {
        self.encoding == UTF_16LE || self.encoding == UTF_16BE
    }
}

/// Bytes of one encoding to UTF-8, streaming; a malformed sequence becomes U+FFFD.
pub trait TextDecoder: Send {
    /// Decodes what of `src` fits in `dst` (`last`: `src` ends the file). Returns whether all
    /// of `src` was read (else `dst` is full: call again with the rest), the bytes read and
    /// written, and whether a malformed sequence was replaced.
    fn decode_to_utf8(
        &mut self,
        src: &[u8],
        dst: &mut [u8],
        last: bool,
    ) -> (bool, usize, usize, bool);
}

impl TextDecoder for encoding_rs::Decoder {
    fn decode_to_utf8(
        &mut self,
        src: &[u8],
        dst: &mut [u8],
        last: bool,
    ) -> (bool, usize, usize, bool) {
        let (result, read, written, replaced) =
            encoding_rs::Decoder::decode_to_utf8(self, src, dst, last);
        (
            matches!(result, encoding_rs::CoderResult::InputEmpty),
            read,
            written,
            replaced,
        )
    }
}

/// The decoder of a legacy encoding (encoding_rs's), dropping a BOM.
pub fn legacy_decoder(d: &Detected) -> Box<dyn TextDecoder> {
    Box::new(d.encoding.new_decoder_with_bom_removal())
}

/// UTF-16 to UTF-8, dropping a BOM at the start: what encoding_rs's UTF-16 decoder does (each
/// unpaired surrogate and an odd last byte become U+FFFD), without its other encodings.
#[derive(Clone, Debug)]
pub struct Utf16 {
    big_endian: bool,
    started: bool,
    /// A byte of a code unit cut at the end of the last input.
    odd: Option<u8>,
    /// A high surrogate waiting for its low one.
    high: Option<u16>,
}

impl Utf16 {
    pub fn new(big_endian: bool) -> Utf16 {
        Utf16 {
            big_endian,
            started: false,
            odd: None,
            high: None,
        }
    }

    fn unit(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }
}

fn put(dst: &mut [u8], at: &mut usize, c: char) {
    *at += c.encode_utf8(&mut dst[*at..]).len();
}

impl TextDecoder for Utf16 {
    fn decode_to_utf8(
        &mut self,
        src: &[u8],
        dst: &mut [u8],
        last: bool,
    ) -> (bool, usize, usize, bool) {
        let (mut read, mut written, mut replaced) = (0, 0, false);
        loop {
            // Room for a replacement and a four-byte character, or the final replacement.
            if dst.len() - written < 8 {
                return (false, read, written, replaced);
            }
            let unit = match self.odd {
                Some(a) if read < src.len() => {
                    self.odd = None;
                    read += 1;
                    self.unit(a, src[read - 1])
                }
                None if read + 1 < src.len() => {
                    read += 2;
                    self.unit(src[read - 2], src[read - 1])
                }
                None if read < src.len() => {
                    self.odd = Some(src[read]);
                    read += 1;
                    continue;
                }
                _ => break,
            };
            if !self.started {
                self.started = true;
                if unit == 0xFEFF {
                    continue;
                }
            }
            if let Some(high) = self.high.take() {
                if (0xDC00..=0xDFFF).contains(&unit) {
                    let c =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    put(dst, &mut written, char::from_u32(c).unwrap_or('\u{fffd}'));
                    continue;
                }
                put(dst, &mut written, '\u{fffd}');
                replaced = true;
            }
            match unit {
                0xD800..=0xDBFF => self.high = Some(unit),
                0xDC00..=0xDFFF => {
                    put(dst, &mut written, '\u{fffd}');
                    replaced = true;
                }
                u => put(
                    dst,
                    &mut written,
                    char::from_u32(u32::from(u)).unwrap_or('\u{fffd}'),
                ),
            }
        }
        // A high surrogate or a lone byte left at the end (or both) is one U+FFFD, as in
        // encoding_rs.
        if last && (self.high.take().is_some() | self.odd.take().is_some()) {
            put(dst, &mut written, '\u{fffd}');
            replaced = true;
        }
        (true, read, written, replaced)
    }
}

/// Detects the encoding from the first bytes of a file (`complete` when that is all of it).
pub fn detect(prefix: &[u8], complete: bool) -> Detected {
    detect_unicode(prefix, complete).unwrap_or_else(|| detect_legacy(prefix, complete))
}

/// A byte-order mark, UTF-16 without one, or UTF-8; `None` for text in another encoding
/// (then [`detect_legacy`] says which).
pub fn detect_unicode(prefix: &[u8], complete: bool) -> Option<Detected> {
    if let Some((enc, _)) = Encoding::for_bom(prefix) {
        return Some(Detected {
            encoding: enc,
            bom: true,
        });
    }
    if let Some(enc) = utf16_without_bom(prefix) {
        return Some(Detected {
            encoding: enc,
            bom: false,
        });
    }
    if is_utf8(prefix, complete) || mostly_utf8(prefix, complete) {
        return Some(Detected {
            encoding: UTF_8,
            bom: false,
        });
    }
    None
}

/// The legacy encoding of text that is not Unicode ([`detect_unicode`] said `None`).
pub fn detect_legacy(prefix: &[u8], complete: bool) -> Detected {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(prefix, complete);
    let guess = det.guess(None, true);
    // chardetng guesses from letter statistics, which repetitive spreadsheet text can fool
    // (a GBK file of "客户12" rows reads as EUC-KR). The headers settle it: the candidate whose
    // decoding maps the most header cells to known fields wins, then the one with fewer
    // malformed sequences, then chardetng's own guess. GB18030 is the superset Chinese Excel
    // writes; GBK text decodes the same.
    let sample = &prefix[..prefix.len().min(4096)];
    let mut best = (guess, header_score(guess, sample));
    for enc in [GB18030, WINDOWS_1252] {
        let score = header_score(enc, sample);
        if score > best.1 {
            best = (enc, score);
        }
    }
    let enc = if best.0 == GBK { GB18030 } else { best.0 };
    Detected {
        encoding: enc,
        bom: false,
    }
}

/// How well `enc` reads the first lines: header cells mapped to known fields, then fewer
/// replacement characters.
fn header_score(enc: &'static Encoding, sample: &[u8]) -> (usize, isize) {
    let (text, _) = enc.decode_without_bom_handling(sample);
    let bad = text.chars().filter(|&c| c == '\u{fffd}').count() as isize;
    let cells: Vec<String> = text
        .lines()
        .take(5)
        .flat_map(|l| l.split([',', ';', '\t', '|']))
        .map(|c| c.trim().trim_matches('"').to_string())
        .collect();
    let mapped = auto_map(&cells).iter().filter(|f| f.is_some()).count();
    (mapped, -bad)
}

/// UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
fn utf16_without_bom(b: &[u8]) -> Option<&'static Encoding> {
    let n = b.len().min(4096) / 2;
    if n < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in b[..n * 2].chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 10 >= n * 3 && even * 20 < n {
        Some(UTF_16LE)
    } else if even * 10 >= n * 3 && odd * 20 < n {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Valid UTF-8, allowing a character cut at the end of an incomplete prefix.
fn is_utf8(b: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none() && b.len() - e.valid_up_to() < 4,
    }
}

/// Most lines beyond ASCII are valid UTF-8 (at least as many as are not): a UTF-8 file with
/// a few lines of another encoding pasted in, or a stray byte. Read as UTF-8, those lines are
/// reported (their bytes become U+FFFD); read as a legacy encoding, every UTF-8 line would be
/// garbled without a trace. A legacy file (GBK, Windows-1252) has next to no valid UTF-8
/// lines beyond ASCII.
fn mostly_utf8(b: &[u8], complete: bool) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut lines = b.split(|&c| c == b'\n').peekable();
    while let Some(line) = lines.next() {
        if line.is_ascii() {
            continue;
        }
        let last = lines.peek().is_none();
        if is_utf8(line, complete || !last) {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    valid > 0 && valid >= invalid
}

/// What a text that is no table is, from its start: a PDF, a web page, an XML or a JSON
/// document (whatever the file is named). `None` for anything that may be a table.
pub fn not_a_table(text: &str) -> Option<&'static str> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = t
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("%pdf-") {
        return Some("a PDF document");
    }
    if head.starts_with('<') {
        let html = [
            "<!doctype html",
            "<html",
            "<table",
            "<head",
            "<body",
            "<meta",
        ];
        if html.iter().any(|h| head.contains(h)) {
            return Some("a web page (HTML)");
        }
        if head.starts_with("<?xml") || head.starts_with("<!--") {
            return Some("an XML document");
        }
    }
    // A JSON object ("{\"", "{}") or an array of values ("[{", "[\"", "[1", "[]"); a CSV
    // header may start with "[Region]" or "{id}", which is no JSON.
    let mut rest = head.chars();
    let first = rest.next();
    let next = rest.find(|c: &char| !c.is_whitespace());
    match (first, next) {
        (Some('{'), Some('"' | '}')) => Some("a JSON document"),
        (Some('['), Some('{' | '[' | '"' | ']' | '0'..='9' | '-')) => Some("a JSON document"),
        _ => None,
    }
}

/// True when the decoded start of a file looks like binary rather than text.
pub fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&c| c == '\0' || c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    bad * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All of `bytes` through `d` in pieces of `size` and a scratch buffer of `room`.
    fn run(d: &mut dyn TextDecoder, bytes: &[u8], size: usize, room: usize) -> (String, bool) {
        let (mut out, mut any) = (Vec::new(), false);
        let mut scratch = vec![0; room];
        let pieces: Vec<&[u8]> = bytes.chunks(size.max(1)).collect();
        for k in 0..pieces.len().max(1) {
            let mut src = pieces.get(k).copied().unwrap_or(&[]);
            let last = k + 1 >= pieces.len();
            loop {
                let (empty, read, written, replaced) = d.decode_to_utf8(src, &mut scratch, last);
                out.extend_from_slice(&scratch[..written]);
                any |= replaced;
                src = &src[read..];
                if empty {
                    break;
                }
            }
        }
        (String::from_utf8(out).unwrap(), any)
    }

    /// The UTF-16 decoder gives what encoding_rs's gives (BOM dropped at the start only,
    /// unpaired surrogates and an odd last byte as U+FFFD, the same "replaced"), for byte
    /// strings heavy in surrogates, BOMs and odd lengths, in pieces of any size.
    #[test]
    fn utf16_decodes_as_encoding_rs_does() {
        let mut next = crate::test_rng::xorshift(0x5eed);
        let units = [
            0x0041u16, 0x00e9, 0x5ba2, 0xd83d, 0xde00, 0xdc00, 0xd800, 0xfeff, 0x000a, 0x0000,
        ];
        for case in 0..400 {
            let n = (next() % 40) as usize;
            let mut bytes = Vec::new();
            for _ in 0..n {
                let u = units[(next() % units.len() as u64) as usize];
                bytes.extend_from_slice(&u.to_le_bytes());
            }
            if next().is_multiple_of(3) {
                bytes.push((next() % 256) as u8);
            }
            for big_endian in [false, true] {
                let bytes: Vec<u8> = if big_endian {
                    bytes
                        .chunks(2)
                        .flat_map(|c| c.iter().rev().copied().collect::<Vec<_>>())
                        .collect()
                } else {
                    bytes.clone()
                };
                let enc = if big_endian { UTF_16BE } else { UTF_16LE };
                let mut want = enc.new_decoder_with_bom_removal();
                let want = run(&mut want, &bytes, bytes.len(), 1024);
                for (size, room) in [(1, 8), (3, 9), (2, 64), (5, 8), (bytes.len(), 1024)] {
                    let got = run(&mut Utf16::new(big_endian), &bytes, size, room);
                    assert_eq!(got, want, "case {case}, big endian {big_endian}, pieces {size}, room {room}: {bytes:?}");
                }
            }
        }
    }

    fn decode_all(bytes: &[u8]) -> (String, String) {
        let det = detect(bytes, true);
        let (text, _, _) = det.encoding.decode(bytes);
        let text = text.trim_start_matches('\u{feff}').to_string();
        (det.label(), text)
    }

    #[test]
    fn boms_and_bomless_utf16_and_legacy_encodings() {
        assert_eq!(
            decode_all(b"a,b\n1,2\n"),
            ("UTF-8".into(), "a,b\n1,2\n".into())
        );
        assert_eq!(
            decode_all(b"\xEF\xBB\xBFa\n").0,
            "UTF-8 (BOM)",
            "the BOM is reported"
        );
        let le: Vec<u8> = "客户,金额\nA,1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        assert_eq!(
            decode_all(&le_bom),
            ("UTF-16LE (BOM)".into(), "客户,金额\nA,1\n".into())
        );
        let ascii_le: Vec<u8> = "Customer,Amount\nAcme,100\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode_all(&ascii_le).0, "UTF-16LE");
        let ascii_be: Vec<u8> = "Customer,Amount\nAcme,100\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode_all(&ascii_be).0, "UTF-16BE");
        // 客户名称,销售额 in GBK.
        let (gbk, _, _) = GBK.encode("客户名称,销售额\n甲公司,1200\n乙公司,800\n");
        assert_eq!(
            decode_all(&gbk),
            (
                "gb18030".into(),
                "客户名称,销售额\n甲公司,1200\n乙公司,800\n".into()
            )
        );
        let latin = b"Cliente;Importe;Regi\xf3n\nCompa\xf1\xeda Espa\xf1ola;1.234,50;Le\xf3n\n";
        let (label, text) = decode_all(latin);
        assert_eq!(label, "windows-1252");
        assert!(text.contains("Compañía Española"));
    }

    #[test]
    fn repetitive_chinese_text_is_read_as_gb18030_by_its_headers() {
        let mut text = String::from("客户名称,下单日期,销售额\n");
        for i in 0..300 {
            text.push_str(&format!("客户{},2024-03-01,{}\n", i % 9, i));
        }
        let (gbk, _, _) = GBK.encode(&text);
        let det = detect(&gbk, true);
        assert_eq!(det.label(), "gb18030");
        assert_eq!(det.encoding.decode(&gbk).0, text);
    }

    #[test]
    fn file_kinds() {
        assert_eq!(sniff_kind(b"PK\x03\x04rest"), FileKind::Zip);
        assert_eq!(
            sniff_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            FileKind::Ole
        );
        assert_eq!(sniff_kind(b"a,b"), FileKind::Text);
        assert!(looks_binary("\0\0\0\u{1}\u{2}abc"));
        assert_eq!(not_a_table("{\"a\": 1}"), Some("a JSON document"));
        assert_eq!(not_a_table("  [ {\"a\": 1} ]"), Some("a JSON document"));
        assert_eq!(
            not_a_table("<?xml version=\"1.0\"?><a/>"),
            Some("an XML document")
        );
        assert_eq!(not_a_table("<HTML><BODY>"), Some("a web page (HTML)"));
        assert_eq!(not_a_table("%PDF-1.7\n"), Some("a PDF document"));
        for table in [
            "[Region],[Sales]\n",
            "{id},{amount}\n",
            "Customer,Amount\n",
            "",
        ] {
            assert_eq!(not_a_table(table), None, "{table}");
        }
        assert!(!looks_binary("a,b\r\n1,2\n"));
    }
}

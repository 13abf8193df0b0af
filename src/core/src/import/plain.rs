//! Splits the plain lines of a delimited text: lines with no quote in them and no CR but the
//! one before their LF. Such a line is exactly one record whose fields lie between the
//! delimiters, so it needs none of csv-core's per-byte state machine or its copy of every
//! field. The stream importer reads the usual rows of a log this way and hands every other
//! line to csv-core (see [`super::stream`]).
//!
//! On WASM with `simd128` (see `.cargo/config.toml`) the text is scanned 16 bytes at a time;
//! elsewhere a byte at a time. Both give the same rows, and the native tests check the byte
//! path against csv-core, the browser tests the vector path.

/// What [`split_plain_lines`] read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scanned {
    /// Bytes of whole lines read, up to just after the last LF read.
    pub bytes: usize,
    /// Lines read, blank ones included.
    pub lines: u64,
}

/// Reads the plain lines at the start of `text` and calls `row(line, body, ends)` for each
/// one that is not empty: `line` counts the lines before it, `body` is the line without its
/// CR LF or LF, and field `k` of it ends at `ends[k]` (and starts just after the delimiter
/// ending field `k - 1`). Stops before the first line that is not plain, not valid UTF-8 or
/// has more than `max_fields` fields, and where no LF is left.
pub fn split_plain_lines(
    text: &[u8],
    delimiter: u8,
    max_fields: usize,
    ends: &mut Vec<u32>,
    mut row: impl FnMut(u64, &str, &[u32]),
) -> Scanned {
    let mut s = Scanner {
        text,
        delimiter,
        start: 0,
        lines: 0,
        wide: false,
        max_fields,
        ends,
    };
    s.ends.clear();
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let mut i = match vector::scan(&mut s, &mut row) {
        Ok(at) => at,
        Err(Stop) => return s.scanned(),
    };
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    let mut i = 0;
    while i < text.len() {
        if s.byte(i, &mut row).is_err() {
            break;
        }
        i += 1;
    }
    s.scanned()
}

/// The line under way is not plain: csv-core reads it.
struct Stop;

struct Scanner<'t, 'e> {
    text: &'t [u8],
    delimiter: u8,
    /// Where the line under way starts.
    start: usize,
    lines: u64,
    /// The line under way has a byte beyond ASCII (so it must be checked as UTF-8).
    wide: bool,
    max_fields: usize,
    /// Field ends of the line under way, from its start.
    ends: &'e mut Vec<u32>,
}

impl Scanner<'_, '_> {
    fn scanned(&self) -> Scanned {
        Scanned {
            bytes: self.start,
            lines: self.lines,
        }
    }

    /// One byte, at `i`.
    #[inline]
    fn byte(&mut self, i: usize, row: &mut impl FnMut(u64, &str, &[u32])) -> Result<(), Stop> {
        match self.text[i] {
            b'\n' => self.line_end(i, row),
            b'"' => Err(Stop),
            // A CR must end the line: csv-core ends a record at a lone CR too.
            b'\r' if self.text.get(i + 1) != Some(&b'\n') => Err(Stop),
            b'\r' => Ok(()),
            b if b == self.delimiter => {
                self.ends.push((i - self.start) as u32);
                Ok(())
            }
            b => {
                self.wide |= b >= 0x80;
                Ok(())
            }
        }
    }

    /// The LF at `i` ends a line: hands it over and starts the next.
    #[inline]
    fn line_end(&mut self, i: usize, row: &mut impl FnMut(u64, &str, &[u32])) -> Result<(), Stop> {
        let line = &self.text[self.start..i];
        let body = line.strip_suffix(b"\r").unwrap_or(line);
        if !body.is_empty() {
            let text = if self.wide {
                std::str::from_utf8(body).map_err(|_| Stop)?
            } else {
                // SAFETY: every byte of `body` was seen and is below 0x80, and ASCII is UTF-8.
                unsafe { std::str::from_utf8_unchecked(body) }
            };
            if body.len() > u32::MAX as usize {
                return Err(Stop);
            }
            self.ends.push(body.len() as u32);
            if self.ends.len() > self.max_fields {
                return Err(Stop);
            }
            row(self.lines, text, self.ends);
        }
        self.ends.clear();
        self.wide = false;
        self.lines += 1;
        self.start = i + 1;
        Ok(())
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod vector {
    use super::{Scanner, Stop};
    use core::arch::wasm32::*;

    /// The text 16 bytes at a time, as far as whole vectors go; a vector holding a quote or a
    /// CR goes a byte at a time. Returns where the byte loop takes over.
    pub(super) fn scan(
        s: &mut Scanner<'_, '_>,
        row: &mut impl FnMut(u64, &str, &[u32]),
    ) -> Result<usize, Stop> {
        let text = s.text;
        let (delimiter, lf) = (u8x16_splat(s.delimiter), u8x16_splat(b'\n'));
        let (quote, cr) = (u8x16_splat(b'"'), u8x16_splat(b'\r'));
        let mut i = 0;
        for chunk in text.chunks_exact(16) {
            // SAFETY: `chunk` is 16 readable bytes; `v128_load` needs no alignment.
            let v = unsafe { v128_load(chunk.as_ptr().cast::<v128>()) };
            if v128_any_true(v128_or(u8x16_eq(v, quote), u8x16_eq(v, cr))) {
                for k in i..i + 16 {
                    s.byte(k, row)?;
                }
                i += 16;
                continue;
            }
            let newlines = u32::from(u8x16_bitmask(u8x16_eq(v, lf)));
            let mut marks = newlines | u32::from(u8x16_bitmask(u8x16_eq(v, delimiter)));
            // Bytes beyond ASCII not yet given to a line.
            let mut wide = u32::from(u8x16_bitmask(v));
            while marks != 0 {
                let b = marks.trailing_zeros();
                marks &= marks - 1;
                let at = i + b as usize;
                if newlines & (1 << b) != 0 {
                    let below = (1u32 << b) - 1;
                    s.wide |= wide & below != 0;
                    wide &= !(below | 1 << b);
                    s.line_end(at, row)?;
                } else {
                    s.ends.push((at - s.start) as u32);
                }
            }
            s.wide |= wide != 0;
            i += 16;
        }
        Ok(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::xorshift;

    /// Every (line, fields) `split_plain_lines` gives, and what it read.
    fn plain(text: &[u8], delimiter: u8) -> (Vec<(u64, Vec<String>)>, Scanned) {
        let mut rows = Vec::new();
        let mut ends = Vec::new();
        let scanned = split_plain_lines(
            text,
            delimiter,
            usize::MAX,
            &mut ends,
            |line, body, ends| {
                let mut fields = Vec::new();
                let mut from = 0;
                for &e in ends {
                    fields.push(body[from..e as usize].to_string());
                    from = e as usize + 1;
                }
                rows.push((line, fields));
            },
        );
        (rows, scanned)
    }

    /// What csv-core gives for the same bytes: (lines before the record, fields) of every
    /// record that ends within `text`.
    fn csv_core(text: &[u8], delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut r = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 1 << 10]);
        let mut rows = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let (res, nin, _, nend) = r.read_record(&text[pos..], &mut out, &mut ends);
            pos += nin;
            if res == csv_core::ReadRecordResult::Record {
                let mut fields = Vec::new();
                let mut from = 0;
                for &e in &ends[..nend] {
                    fields.push(String::from_utf8_lossy(&out[from..e]).into_owned());
                    from = e;
                }
                // csv-core counts the LF of a record once it has read it, and lines from 1.
                let ended_by_lf = text[pos - 1] == b'\n';
                rows.push((r.line() - 1 - u64::from(ended_by_lf), fields));
            }
        }
        rows
    }

    #[test]
    fn plain_lines_split_as_csv_core_splits_them() {
        let text = "a,b,c\n\n  ,, \r\nx,,y\r\n1,2,3\nlast,no,lf";
        let (rows, scanned) = plain(text.as_bytes(), b',');
        let want: Vec<(u64, Vec<String>)> = vec![
            (0, vec!["a".into(), "b".into(), "c".into()]),
            (2, vec!["  ".into(), "".into(), " ".into()]),
            (3, vec!["x".into(), "".into(), "y".into()]),
            (4, vec!["1".into(), "2".into(), "3".into()]),
        ];
        assert_eq!(rows, want);
        assert_eq!(scanned.lines, 5);
        assert_eq!(scanned.bytes, text.rfind('\n').unwrap() + 1);
        assert_eq!(
            &csv_core(&text.as_bytes()[..scanned.bytes], b',')[..],
            &want[..]
        );
    }

    #[test]
    fn a_quote_a_lone_cr_or_bad_utf8_stops_before_its_line() {
        for (text, read) in [
            ("a,b\nc,\"d\"\ne,f\n", 4),
            ("a,b\nc,d\re,f\n", 4),
            ("a,b\nc\r", 4),
            ("a,b\nc,\u{e9}\n", 9),
        ] {
            assert_eq!(plain(text.as_bytes(), b',').1.bytes, read, "{text:?}");
        }
        // A line of more fields than allowed is left to csv-core (which refuses it).
        let mut ends = Vec::new();
        let wide = b"a,b,c\nd,e,f,g\nh\n";
        let scanned = split_plain_lines(wide, b',', 3, &mut ends, |_, _, _| {});
        assert_eq!(scanned.bytes, 6);
        let bad = b"a,b\nc,\xff\ne,f\n";
        assert_eq!(plain(bad, b',').1.bytes, 4);
        assert_eq!(plain(bad, b',').0.len(), 1);
    }

    #[test]
    fn generated_lines_match_csv_core_with_every_delimiter() {
        let mut next = xorshift(11);
        let pieces = [
            "ab", "", " ", "12.5", "é", "客户", "x y", "\r\n", "\n", "\n\n",
        ];
        for delimiter in [b',', b';', b'\t', b'|'] {
            let mut text = Vec::new();
            for _ in 0..3000 {
                match next() % 12 {
                    10 => text.push(delimiter),
                    11 => text.extend_from_slice(b"\n"),
                    k => text.extend_from_slice(pieces[k as usize].as_bytes()),
                }
            }
            text.push(b'\n');
            let (rows, scanned) = plain(&text, delimiter);
            assert_eq!(scanned.bytes, text.len());
            assert_eq!(rows, csv_core(&text, delimiter));
            assert_eq!(
                scanned.lines as usize,
                text.iter().filter(|&&b| b == b'\n').count()
            );
        }
    }
}

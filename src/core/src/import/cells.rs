//! One row of any source (a CSV record, a workbook row, a buffered preview row) seen the same
//! way by the readers, without copying its cells.

use super::values::days_to_date;

/// A cell as the readers see it. Text is trimmed; an all-blank text cell is `Empty`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// Days from the common era (a workbook date cell).
    Date(i32),
    Bool(bool),
}

impl<'a> Cell<'a> {
    #[inline]
    pub fn text(s: &'a str) -> Cell<'a> {
        // Nearly every cell starts and ends with a printable ASCII byte: nothing to trim.
        let printable = |b: u8| b > b' ' && b < 0x7F;
        if let (Some(&f), Some(&l)) = (s.as_bytes().first(), s.as_bytes().last()) {
            if printable(f) && printable(l) {
                return Cell::Text(s);
            }
        }
        Cell::trimmed(s)
    }

    fn trimmed(s: &'a str) -> Cell<'a> {
        // ASCII spaces (nearly always) are trimmed as bytes; other Unicode spaces after that.
        let b = s.as_bytes();
        let lead = b.len() - b.trim_ascii_start().len();
        let trail = b.len() - b.trim_ascii_end().len();
        let t = s
            .get(lead..b.len() - trail.min(b.len() - lead))
            .unwrap_or("");
        let t = match (t.as_bytes().first(), t.as_bytes().last()) {
            (Some(f), Some(l)) if !f.is_ascii() || !l.is_ascii() => t.trim(),
            _ => t,
        };
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t)
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the user would read it, for diagnostics and samples.
    pub fn display(&self) -> String {
        match *self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Number(v) => format_number(v),
            Cell::Date(d) => days_to_date(d).map(|d| d.to_string()).unwrap_or_default(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// Characters that show nothing and are no whitespace: zero-width space, non-joiner and
/// joiner, word joiner, byte order mark (zero-width no-break space), soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// An id that shows nothing: only invisible characters and whitespace.
pub fn is_blank_id(id: &str) -> bool {
    id.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// A text cell that is not empty but shows nothing (a trimmed cell starting with a byte
/// beyond ASCII, so an ASCII id costs one compare).
#[inline]
pub fn shows_nothing(s: &str) -> bool {
    s.as_bytes().first().is_some_and(|&b| b >= 0x80) && is_blank_id(s)
}

/// The code points of a text, "U+200B U+FEFF", to show what cannot be seen.
pub fn code_points(s: &str) -> String {
    s.chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `1200` rather than `1200.0`, whole numbers exactly up to 2^53 (a 16-digit account number
/// stays whole); `1e300` rather than three hundred digits; other values as Rust prints them.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        format!("{}", v as i64)
    } else if v.is_finite() && v.abs() >= 1e21 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// A row of cells.
pub trait Row {
    fn width(&self) -> usize;
    fn cell(&self, col: usize) -> Cell<'_>;

    fn is_blank(&self) -> bool {
        (0..self.width()).all(|c| self.cell(c).is_empty())
    }

    /// The cells as strings (for the preview that header detection works on).
    fn strings(&self) -> Vec<String> {
        (0..self.width()).map(|c| self.cell(c).display()).collect()
    }
}

impl Row for [String] {
    fn width(&self) -> usize {
        self.len()
    }

    fn cell(&self, col: usize) -> Cell<'_> {
        self.get(col).map_or(Cell::Empty, |s| Cell::text(s))
    }
}

impl Row for Vec<String> {
    fn width(&self) -> usize {
        self.len()
    }

    fn cell(&self, col: usize) -> Cell<'_> {
        self.as_slice().cell(col)
    }
}

/// A record as csv-core leaves it: every field's bytes one after the other, and the end of each.
/// The text is UTF-8 (it went through the decoder).
pub struct CsvRow<'a> {
    pub buf: &'a [u8],
    pub ends: &'a [usize],
    /// `buf` as text when the whole record is valid UTF-8 (checked once, not per cell).
    text: Option<&'a str>,
}

impl<'a> CsvRow<'a> {
    pub fn new(buf: &'a [u8], ends: &'a [usize]) -> CsvRow<'a> {
        CsvRow {
            buf,
            ends,
            text: std::str::from_utf8(buf).ok(),
        }
    }

    /// The record is valid UTF-8.
    pub fn is_utf8(&self) -> bool {
        self.text.is_some()
    }
}

impl Row for CsvRow<'_> {
    fn width(&self) -> usize {
        self.ends.len()
    }

    fn is_blank(&self) -> bool {
        self.buf.trim_ascii().is_empty()
    }

    fn cell(&self, col: usize) -> Cell<'_> {
        let Some(&end) = self.ends.get(col) else {
            return Cell::Empty;
        };
        let start = if col == 0 { 0 } else { self.ends[col - 1] };
        let text = match self.text {
            Some(t) => t.get(start..end),
            None => self
                .buf
                .get(start..end)
                .and_then(|b| std::str::from_utf8(b).ok()),
        };
        text.map_or(Cell::Empty, Cell::text)
    }
}

/// A plain line of a delimited file (no quote in it; see [`super::plain`]): field `k` ends at
/// `ends[k]` and starts just after the delimiter ending field `k - 1`. The same cells as the
/// [`CsvRow`] csv-core makes of the line, without copying them.
pub struct PlainRow<'a> {
    pub text: &'a str,
    pub ends: &'a [u32],
    pub delimiter: u8,
}

impl Row for PlainRow<'_> {
    fn width(&self) -> usize {
        self.ends.len()
    }

    /// Nothing but ASCII spaces and delimiters (as [`CsvRow::is_blank`] sees the fields' bytes
    /// with the delimiters left out).
    fn is_blank(&self) -> bool {
        self.text
            .bytes()
            .all(|b| b.is_ascii_whitespace() || b == self.delimiter)
    }

    #[inline]
    fn cell(&self, col: usize) -> Cell<'_> {
        let Some(&end) = self.ends.get(col) else {
            return Cell::Empty;
        };
        let start = match col {
            0 => 0,
            _ => self.ends[col - 1] as usize + 1,
        };
        self.text
            .get(start..end as usize)
            .map_or(Cell::Empty, Cell::text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_row_cells_are_trimmed_and_out_of_range_is_empty() {
        let row = CsvRow::new(b" a b  x", &[4, 6, 7]);
        assert_eq!(row.cell(0), Cell::Text("a b"));
        assert_eq!(row.cell(1), Cell::Empty);
        assert_eq!(row.cell(2), Cell::Text("x"));
        assert_eq!(row.cell(9), Cell::Empty);
        assert!(!row.is_blank());
        assert_eq!(Cell::Number(1200.0).display(), "1200");
        assert_eq!(Cell::Number(-3.25).display(), "-3.25");
        assert_eq!(Cell::Date(739_000).display(), "2024-04-24");
    }
}

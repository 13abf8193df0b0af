//! The layout of a sheet before its rows are read: the delimiter of a text file, the header
//! row (title rows above it are skipped), and the header signature used to remember a mapping.

use super::fields::{auto_map, normalize_header};
use super::values::{parse_number, read_date, DateOrder};

/// The delimiter among `,` `;` tab `|` that splits the first lines most consistently.
///
/// For each candidate, count it per line outside quotes over the first 30 non-blank lines; the
/// winner has the most lines agreeing on the same non-zero count, then the larger count. Title
/// lines without any delimiter do not spoil the vote.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            match tally.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => tally.push((c, 1)),
            }
        }
        let Some(&(count, agree)) = tally.iter().max_by_key(|&&(k, n)| (n, k)) else {
            continue;
        };
        if (agree, count) > (best.2, best.1) {
            best = (d, count, agree);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

/// True for a cell that holds a number or a date rather than a label.
fn is_value(cell: &str) -> bool {
    parse_number(cell).is_some() || read_date(cell.as_bytes(), DateOrder::DayFirst).is_some()
}

/// The index of the header among the first rows: the row where the most cells (at least two)
/// map to known fields, or else the first row whose cells are all labels (no numbers or dates)
/// and fill at least half the table's width. Title rows ("2024 年销售明细", a report name, a
/// blank line) above it are skipped. Row 0 when nothing qualifies.
pub fn detect_header<R: AsRef<[String]>>(rows: &[R]) -> usize {
    let head = &rows[..rows.len().min(30)];
    let width = head
        .iter()
        .map(|r| r.as_ref().iter().filter(|c| !c.trim().is_empty()).count())
        .max()
        .unwrap_or(0);
    // The row mapping the most cells (the first of equals), if it maps at least two: a data
    // row whose values happen to contain a synonym rarely beats the real header.
    let mut best = (0usize, 0usize);
    for (i, r) in head.iter().enumerate() {
        let mapped = auto_map(r.as_ref()).iter().filter(|f| f.is_some()).count();
        if mapped > best.1 {
            best = (i, mapped);
        }
    }
    if best.1 >= 2 {
        return best.0;
    }
    for (i, r) in head.iter().enumerate() {
        let filled: Vec<&str> = r
            .as_ref()
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if filled.len() >= 2 && filled.len() * 2 >= width && !filled.iter().any(|c| is_value(c)) {
            return i;
        }
    }
    0
}

/// Header cells trimmed, with trailing empty columns (merged title cells, stray formatting)
/// dropped.
pub fn clean_headers(row: &[String]) -> Vec<String> {
    let mut h: Vec<String> = row.iter().map(|c| c.trim().to_string()).collect();
    while h.last().is_some_and(|c| c.is_empty()) {
        h.pop();
    }
    h
}

/// A stable signature of a header row, so a mapping fixed by hand can be remembered and offered
/// again for the next file with the same columns: `"h1-"` and 16 hex digits of FNV-1a over the
/// normalised headers (case, spacing and punctuation do not matter).
pub fn header_signature(headers: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, name) in headers.iter().enumerate() {
        if i > 0 {
            h = fnv(h, 0x1f);
        }
        for b in normalize_header(name).bytes() {
            h = fnv(h, b);
        }
    }
    format!("h1-{h:016x}")
}

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn sniffs_over_several_lines() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
        // The header has one comma in a name, the rows agree on two semicolons.
        assert_eq!(
            sniff_delimiter("Cliente, S.A.;fecha;importe\nA;01/02/2025;1,5\nB;02/02/2025;2,5\n"),
            b';'
        );
        // A quoted comma does not count; a title line without delimiters is ignored.
        assert_eq!(
            sniff_delimiter("Report 2024\nname|amount\n\"Smith, J\"|1\nLee|2\n"),
            b'|'
        );
    }

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let r = rows(&[
            &["2024年客户销售明细", "", ""],
            &["", "", ""],
            &["客户名称", "下单日期", "销售额"],
            &["甲", "2024-01-02", "100"],
        ]);
        assert_eq!(detect_header(&r), 2);
        let unmapped = rows(&[&["Report"], &["Foo", "Bar", "Baz"], &["x", "1", "2"]]);
        assert_eq!(detect_header(&unmapped), 1);
        assert_eq!(detect_header(&rows(&[&["1", "2"], &["3", "4"]])), 0);
        let data_with_synonyms = rows(&[
            &["Kunde", "Datum", "Amount", "Profit", "Product"],
            &["Sales office", "2024-01-01", "10", "2", "Cost saver"],
        ]);
        assert_eq!(detect_header(&data_with_synonyms), 0);
    }

    #[test]
    fn signature_ignores_spelling_but_not_order() {
        let a = header_signature(&["Customer ID".into(), "Amount".into()]);
        let b = header_signature(&["customer_id".into(), " AMOUNT ".into()]);
        let c = header_signature(&["Amount".into(), "Customer ID".into()]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 19);
        assert_eq!(header_signature(&[]), "h1-cbf29ce484222325");
        assert_eq!(
            clean_headers(&[" a ".into(), "b".into(), "".into(), " ".into()]),
            ["a", "b"]
        );
    }
}

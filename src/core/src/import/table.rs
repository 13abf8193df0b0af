//! Bytes → text → header + records. Sniffs the delimiter from the header line.

use super::diagnostics::ImportError;

/// A parsed CSV: the header and the records, each with its spreadsheet row number
/// (header = row 1), or the reason the CSV reader gave up on it.
pub struct Table {
    pub headers: Vec<String>,
    pub records: Vec<(usize, Result<Vec<String>, String>)>,
}

/// Decodes UTF-8, with or without a BOM. Other encodings are refused with a clear message.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty { file: file.into() });
    }
    if bytes.contains(&0) {
        return Err(ImportError::NotText { file: file.into() });
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::NotText { file: file.into() })
}

/// The delimiter among `,` `;` tab `|` that occurs most often in the first line.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

pub fn read(file: &str, text: &str) -> Result<Table, ImportError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = rdr.records();
    let headers: Vec<String> = match rows.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
        _ => return Err(ImportError::NoHeader { file: file.into() }),
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(ImportError::NoHeader { file: file.into() });
    }
    let mut records = Vec::new();
    // The reader skips blank lines without counting them, so rows are counted from the byte
    // offsets it gives, walking the text once.
    let bytes = text.as_bytes();
    let (mut at, mut line) = (0usize, 1usize);
    let mut row_of = |pos: Option<&csv::Position>| -> usize {
        let mut to = pos.map_or(at, |p| (p.byte() as usize).min(bytes.len()));
        // A position points at the blank lines skipped before the record: step over them.
        while to < bytes.len() && matches!(bytes[to], b'\n' | b'\r') {
            to += 1;
        }
        if to > at {
            line += bytes[at..to].iter().filter(|&&b| b == b'\n').count();
            at = to;
        }
        line
    };
    for rec in rows {
        match rec {
            Ok(r) => {
                let row = row_of(r.position());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                records.push((row, Ok(r.iter().map(str::to_string).collect())));
            }
            Err(e) => {
                let row = row_of(e.position());
                records.push((row, Err(e.to_string())));
            }
        }
    }
    Ok(Table { headers, records })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_semicolon_and_tab() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("a,b;c,d"), b',');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn bom_is_stripped_and_blank_lines_skipped() {
        let text = decode("f.csv", b"\xEF\xBB\xBFa,b\n1,2\n\n3,4\n").unwrap();
        let t = read("f.csv", &text).unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        let rows: Vec<usize> = t.records.iter().map(|r| r.0).collect();
        assert_eq!(rows, [2, 4]);
    }

    #[test]
    fn refuses_empty_binary_and_non_utf8() {
        assert_eq!(
            decode("e.csv", b"  \n").unwrap_err(),
            ImportError::Empty {
                file: "e.csv".into()
            }
        );
        assert!(matches!(
            decode("x.xlsx", b"PK\x03\x04\0\0"),
            Err(ImportError::NotText { .. })
        ));
        assert!(matches!(
            decode("gbk.csv", b"\xbf\xcd\xbb\xa7"),
            Err(ImportError::NotText { .. })
        ));
    }
}

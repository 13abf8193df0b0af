//! Cells of a CSV the app writes, made safe to open in a spreadsheet. A cell that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a formula by Excel or
//! LibreOffice (`=HYPERLINK(…)`, `+cmd|'/C calc'!A0`: "CSV injection", OWASP). Such a cell
//! gets a leading apostrophe, which a spreadsheet shows as text and does not run; the CSV
//! writer then quotes it as it quotes any cell. A real number (`-12.5`, `+3`, `1e-5`) is no
//! formula and is left as it is, so it stays a number. The full-width forms of the four signs
//! (`＝` `＋` `－` `＠`), which East Asian input methods type and some spreadsheets read as
//! the signs, are treated the same.
//!
//! Every CSV the core writes goes through [`cell`]; an exporter elsewhere should too.

use std::borrow::Cow;

/// The cell as it is safe to write: `'` put before a cell that could start a formula, any
/// other cell unchanged (and not copied).
pub fn cell(value: &str) -> Cow<'_, str> {
    if could_run(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// [`cell`] of each field of a record.
pub fn record<'a, I>(fields: I) -> Vec<Cow<'a, str>>
where
    I: IntoIterator<Item = &'a str>,
{
    fields.into_iter().map(cell).collect()
}

/// True when a spreadsheet could read the cell as a formula: it starts with one of the
/// signs and is not a plain number.
pub fn could_run(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    match first {
        '=' | '@' | '\t' | '\r' | '＝' | '＠' | '＋' | '－' => true,
        '+' | '-' => !is_number(value),
        _ => false,
    }
}

/// `[+-]digits[.digits][e[+-]digits]` (at least one digit before the exponent): a number
/// as a spreadsheet reads it, with no operator after the sign.
fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let cases = [
            ("=1+1", "'=1+1"),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd|'/C calc'!A0", "'+cmd|'/C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("＝1+1", "'＝1+1"),
            ("－2", "'－2"),
            ("-", "'-"),
            ("+", "'+"),
            ("-.", "'-."),
            ("-1e", "'-1e"),
            ("-12.5x", "'-12.5x"),
            ("-1,234.50", "'-1,234.50"),
            // Numbers, and anything not starting with a sign, as they are.
            ("-12.5", "-12.5"),
            ("+3", "+3"),
            ("-.5", "-.5"),
            ("-5.", "-5."),
            ("1e-5", "1e-5"),
            ("-1E+10", "-1E+10"),
            ("12", "12"),
            ("", ""),
            ("a=b", "a=b"),
            (" =1", " =1"),
            ("客户", "客户"),
        ];
        for (value, want) in cases {
            assert_eq!(cell(value), want, "{value:?}");
        }
        assert!(matches!(cell("plain"), Cow::Borrowed(_)));
        assert_eq!(record(["=a", "b"]), ["'=a", "b"]);
    }
}

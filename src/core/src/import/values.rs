//! Cell values: numbers in the conventions of zh-CN, en and es spreadsheets, dates, ratings.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Parses a money or count cell: `1,234.56`, `1.234,56`, `1 234,56`, `¥1,200`, `€ 3,5`,
/// `1200元`, `(250)` for −250, `-7`. A trailing `%` is kept as a plain number (35% → 35);
/// use [`parse_fraction`] for shares. `None` for anything else, including the empty cell.
///
/// A lone `1.234` or `1,234` is ambiguous; read alone it is taken the English way (`1.234` is
/// one point two, `1,234` a thousand). Columns decide it from their other values: see
/// [`super::columns::NumColumn`].
pub fn parse_number(raw: &str) -> Option<f64> {
    read_number(raw.as_bytes(), DecimalSep::Dot).map(|n| n.value)
}

/// The decimal separator of a column: `1,234.56` (dot) or `1.234,56` (comma).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecimalSep {
    Dot,
    Comma,
}

impl DecimalSep {
    pub fn other(self) -> DecimalSep {
        match self {
            DecimalSep::Dot => DecimalSep::Comma,
            DecimalSep::Comma => DecimalSep::Dot,
        }
    }

    pub fn as_char(self) -> char {
        match self {
            DecimalSep::Dot => '.',
            DecimalSep::Comma => ',',
        }
    }
}

/// A number read from a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num {
    /// The value under the decimal separator the caller assumed.
    pub value: f64,
    /// For `1.234` / `1,234`: the value under the other separator.
    pub alt: Option<f64>,
    /// What the cell proves about its column's decimal separator (`12,5` → comma).
    pub evidence: Option<DecimalSep>,
    /// The cell had a `%` sign.
    pub percent: bool,
}

/// Currency codes and words that may stand before or after an amount.
const CURRENCY_WORDS: &[&str] = &[
    "USD", "EUR", "MXN", "CNY", "RMB", "US", "GBP", "ARS", "COP", "CLP", "PEN", "JPY", "HKD",
];

/// Reads a number cell without allocating. `hint` settles `1.234` / `1,234` (see [`Num::alt`]).
pub fn read_number(raw: &[u8], hint: DecimalSep) -> Option<Num> {
    let raw = raw.trim_ascii();
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    if let Some(n) = plain_number(raw) {
        return Some(n);
    }
    // Digits and separators only, in a stack buffer.
    let mut buf = [0u8; 64];
    let mut n = 0usize;
    let (mut neg, mut open, mut close, mut percent) = (false, false, false, false);
    let mut trailing_minus = false;
    // Fast path for the usual `-1234.5`: nothing but digits, separators and a leading minus.
    let simple = raw
        .iter()
        .enumerate()
        .all(|(i, &c)| c.is_ascii_digit() || c == b'.' || c == b',' || (i == 0 && c == b'-'));
    let s = if simple {
        let digits = match raw.split_first() {
            Some((b'-', rest)) => {
                neg = true;
                rest
            }
            _ => raw,
        };
        buf[..digits.len()].copy_from_slice(digits);
        n = digits.len();
        ""
    } else {
        std::str::from_utf8(raw).ok()?
    };
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let seen_digit = n > 0;
        match c {
            '0'..='9' | '.' | ',' => {
                if trailing_minus || close || percent {
                    return None;
                }
                buf[n] = c as u8;
                n += 1;
            }
            '-' | '\u{2212}' => {
                if seen_digit {
                    if trailing_minus {
                        return None;
                    }
                    trailing_minus = true;
                } else if neg {
                    return None;
                } else {
                    neg = true;
                }
            }
            '+' if !seen_digit => {}
            '(' if !seen_digit && !open => open = true,
            ')' if seen_digit && open && !close => close = true,
            '%' if seen_digit => percent = true,
            'e' | 'E' if seen_digit => {
                // Scientific notation, as Excel writes large numbers into CSV.
                let t = s.trim();
                let v: f64 = t.parse().ok()?;
                return v.is_finite().then_some(Num {
                    value: v,
                    alt: None,
                    evidence: None,
                    percent: false,
                });
            }
            '\'' | '\u{2019}' | '¥' | '￥' | '€' | '$' | '£' | '元' | '₱' | '₩' => {}
            c if c.is_whitespace() => {}
            c if c.is_ascii_alphabetic() => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !d.is_ascii_alphabetic() {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                let word = &s[i..end];
                if !CURRENCY_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if open != close {
        return None;
    }
    let negative = neg ^ open ^ trailing_minus;
    let b = &buf[..n];
    if b.is_empty() && neg && !open && !percent {
        // Accounting formats write zero as a dash: "-", "$ -", "- €".
        return Some(Num {
            value: 0.0,
            alt: None,
            evidence: None,
            percent: false,
        });
    }
    if !b.iter().any(u8::is_ascii_digit) {
        return None;
    }
    let commas = b.iter().filter(|&&c| c == b',').count();
    let dots = b.iter().filter(|&&c| c == b'.').count();
    let mut alt = None;
    let mut evidence = None;
    let value = match (commas, dots) {
        (0, 0) => compose(b, &[])?,
        (0, 1) | (1, 0) => {
            let sep = if dots == 1 { b'.' } else { b',' };
            let at = b.iter().position(|&c| c == sep)?;
            let (head, tail) = (&b[..at], &b[at + 1..]);
            let ambiguous = tail.len() == 3 && (1..=3).contains(&head.len()) && head != b"0";
            let as_decimal = compose(head, tail)?;
            if ambiguous {
                let as_group = compose(head, &[])? * 1000.0 + compose(tail, &[])?;
                let sep_kind = if sep == b'.' {
                    DecimalSep::Dot
                } else {
                    DecimalSep::Comma
                };
                if hint == sep_kind {
                    alt = Some(as_group);
                    as_decimal
                } else {
                    alt = Some(as_decimal);
                    as_group
                }
            } else {
                if !tail.is_empty() {
                    evidence = Some(if sep == b'.' {
                        DecimalSep::Dot
                    } else {
                        DecimalSep::Comma
                    });
                }
                as_decimal
            }
        }
        (0, _) => {
            evidence = Some(DecimalSep::Comma);
            grouped(b, b'.')?
        }
        (_, 0) => {
            evidence = Some(DecimalSep::Dot);
            grouped(b, b',')?
        }
        _ => {
            let last_comma = b.iter().rposition(|&c| c == b',')?;
            let last_dot = b.iter().rposition(|&c| c == b'.')?;
            let (dec, group, at) = if last_comma > last_dot {
                (DecimalSep::Comma, b'.', last_comma)
            } else {
                (DecimalSep::Dot, b',', last_dot)
            };
            let (int, frac) = (&b[..at], &b[at + 1..]);
            if frac.iter().any(|c| !c.is_ascii_digit()) {
                return None;
            }
            evidence = Some(dec);
            let int = grouped(int, group)?;
            int + compose(b"0", frac)?
        }
    };
    let sign = if negative { -1.0 } else { 1.0 };
    Some(Num {
        value: sign * value,
        alt: alt.map(|a| sign * a),
        evidence,
        percent,
    })
}

/// The common `1234`, `-1234.5`, `0.125` in one pass; `None` for anything else (including the
/// ambiguous `1.234`), which the general reader then handles.
fn plain_number(raw: &[u8]) -> Option<Num> {
    let (neg, digits) = match raw.split_first()? {
        (b'-', rest) => (true, rest),
        _ => (false, raw),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut m: u64 = 0;
    let mut dot: Option<usize> = None;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => m = m * 10 + u64::from(c - b'0'),
            b'.' if dot.is_none() => dot = Some(i),
            _ => return None,
        }
    }
    let (value, evidence) = match dot {
        None => (m as f64, None),
        Some(at) => {
            let tail = digits.len() - at - 1;
            if at == 0 || tail == 0 || (tail == 3 && at <= 3 && digits[0] != b'0') {
                return None;
            }
            (m as f64 / POW10[tail], Some(DecimalSep::Dot))
        }
    };
    Some(Num {
        value: if neg { -value } else { value },
        alt: None,
        evidence,
        percent: false,
    })
}

/// `head.tail` from ASCII digits, exactly when it fits in 2^53 (else through `str::parse`).
fn compose(head: &[u8], tail: &[u8]) -> Option<f64> {
    if head.is_empty() && tail.is_empty() {
        return None;
    }
    if !head.iter().chain(tail).all(u8::is_ascii_digit) {
        return None;
    }
    if head.len() + tail.len() <= 15 && tail.len() <= 22 {
        let mut m: u64 = 0;
        for &d in head.iter().chain(tail) {
            m = m * 10 + u64::from(d - b'0');
        }
        // Both m and 10^k are exact in f64, so one division rounds correctly.
        return Some(m as f64 / POW10[tail.len()]);
    }
    let mut buf = [0u8; 80];
    let mut n = 0;
    for &d in head {
        buf[n] = d;
        n += 1;
    }
    if head.is_empty() {
        buf[n] = b'0';
        n += 1;
    }
    if !tail.is_empty() {
        buf[n] = b'.';
        n += 1;
        for &d in tail {
            buf[n] = d;
            n += 1;
        }
    }
    let v: f64 = std::str::from_utf8(&buf[..n]).ok()?.parse().ok()?;
    v.is_finite().then_some(v)
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `1.234.567` with `.` as the group separator → 1234567, checking the groups are of three.
fn grouped(s: &[u8], sep: u8) -> Option<f64> {
    let mut parts = s.split(|&c| c == sep);
    let head = parts.next()?;
    if head.is_empty() || head.len() > 3 {
        return None;
    }
    let mut digits: Vec<u8> = head.to_vec();
    for p in parts {
        if p.len() != 3 {
            return None;
        }
        digits.extend_from_slice(p);
    }
    compose(&digits, &[])
}

/// A share or probability as a fraction 0..=1: `35%`, `0.35` and `35` all give 0.35.
pub fn parse_fraction(raw: &str) -> Option<f64> {
    let v = parse_number(raw)?;
    let v = if raw.contains('%') || v > 1.0 {
        v / 100.0
    } else {
        v
    };
    (0.0..=1.0).contains(&v).then_some(v)
}

/// The order of day and month in `05/03/2024`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateOrder {
    /// `05/03/2024` is 5 March (zh-CN and es files, most of the world).
    DayFirst,
    /// `05/03/2024` is 3 May (US files).
    MonthFirst,
}

impl DateOrder {
    pub fn other(self) -> DateOrder {
        match self {
            DateOrder::DayFirst => DateOrder::MonthFirst,
            DateOrder::MonthFirst => DateOrder::DayFirst,
        }
    }
}

/// A date read from a cell, as days from the common era (`NaiveDate::num_days_from_ce`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRead {
    pub days: i32,
    /// For `05/03/2024`: the date under the other order.
    pub alt: Option<i32>,
    /// What the cell proves about its column's order (`25/12/2024` → day first).
    pub evidence: Option<DateOrder>,
}

/// Dates: ISO `2024-03-05`, `2024/3/5`, `2024.03.05`, `2024年3月5日`, `20240305`, day-first
/// `05/03/2024` or `5-3-2024`, an optional time after a space or `T`, in the years a
/// spreadsheet holds (1 to 9999); and Excel serial numbers (1900 system) between 1954 and 2099,
/// as a bare number is more likely an amount outside that span. Read alone, `05/03/2024` is day-first; columns decide
/// the order from their other values (see [`super::columns::DateColumn`]).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    read_date(raw.as_bytes(), DateOrder::DayFirst).and_then(|d| days_to_date(d.days))
}

pub fn days_to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days)
}

pub fn date_to_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// Days from the common era of 1899-12-30, day 0 of Excel's 1900 date system.
pub const EXCEL_EPOCH_DAYS: i32 = 693_594;

/// The first and last day a spreadsheet holds, 0001-01-01 and 9999-12-31, as days from the
/// common era.
pub const FIRST_DAY: i32 = 1;
pub const LAST_DAY: i32 = 3_652_059;

/// The day of a workbook date cell (a serial number in a date format), for every serial
/// whose day lies in 0001-01-01..=9999-12-31; `None` for NaN, the infinities and anything
/// beyond, whatever the cell holds. Total: no conversion here can overflow.
///
/// The 1900 system as Excel counts it (serial 1 is 1900-01-01, and a phantom 29 February 1900
/// is serial 60, so from 61 on a serial is days after 1899-12-30); negative serials, which
/// Excel never writes, as LibreOffice does (days before 1899-12-30). The 1904 system is the
/// 1900 one shifted by 1462 days. The time of day is rounded to the millisecond first, as
/// calamine does.
pub fn workbook_date(serial: f64, is_1904: bool) -> Option<i32> {
    let f = if is_1904 { serial + 1462.0 } else { serial };
    // Beyond these no serial can be a day of 0001..=9999 (and NaN fails both).
    if !(-700_000.0..=3_000_000.0).contains(&f) {
        return None;
    }
    let day = ((f * 86_400_000.0).round() / 86_400_000.0).floor() as i32;
    let phantom = i32::from((0.0..60.0).contains(&f));
    let days = EXCEL_EPOCH_DAYS + day + phantom;
    (FIRST_DAY..=LAST_DAY).contains(&days).then_some(days)
}

/// An Excel serial day number (1900 system) as a date, within 1954..=2099.
pub fn excel_serial(v: f64) -> Option<i32> {
    (20_000.0..=73_000.0)
        .contains(&v)
        .then(|| EXCEL_EPOCH_DAYS + v.trunc() as i32)
}

/// Reads a date cell without allocating; `order` settles `05/03/2024` (see [`DateRead::alt`]).
pub fn read_date(raw: &[u8], order: DateOrder) -> Option<DateRead> {
    let plain = |days| DateRead {
        days,
        alt: None,
        evidence: None,
    };
    // The common case first: ISO `YYYY-MM-DD`, as exported by most systems.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *raw {
        let ds = [y0, y1, y2, y3, m0, m1, d0, d1];
        if ds.iter().all(u8::is_ascii_digit) {
            let n = |a: &[u8]| a.iter().fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
            return ymd(n(&ds[..4]) as i32, n(&ds[4..6]), n(&ds[6..])).map(plain);
        }
    }
    let s = raw.trim_ascii();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let cut = s
        .iter()
        .position(|&c| c == b'T' || c == b' ')
        .unwrap_or(s.len());
    let s = &s[..cut];
    if s.len() > 3 && s.iter().any(|&c| c >= 0x80) {
        return parse_cjk(std::str::from_utf8(s).ok()?).map(plain);
    }
    let mut parts = [&s[..0]; 3];
    let mut count = 0;
    for p in s.split(|&c| matches!(c, b'-' | b'/' | b'.')) {
        if count == 3 {
            count = 4;
            break;
        }
        parts[count] = p;
        count += 1;
    }
    let digits = |p: &[u8]| !p.is_empty() && p.len() <= 4 && p.iter().all(u8::is_ascii_digit);
    if count == 3 && parts.iter().all(|p| digits(p)) {
        let num = |p: &[u8]| p.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
        let (a, b, c) = (num(parts[0]), num(parts[1]), num(parts[2]));
        if parts[0].len() == 4 {
            return ymd(a as i32, b, c).map(plain);
        }
        let y = match parts[2].len() {
            4 => c as i32,
            2 if c < 70 => 2000 + c as i32,
            2 => 1900 + c as i32,
            _ => return None,
        };
        let day_first = ymd(y, b, a);
        let month_first = ymd(y, a, b);
        return match (day_first, month_first) {
            (Some(d), None) => Some(DateRead {
                days: d,
                alt: None,
                evidence: Some(DateOrder::DayFirst),
            }),
            (None, Some(m)) => Some(DateRead {
                days: m,
                alt: None,
                evidence: Some(DateOrder::MonthFirst),
            }),
            (Some(d), Some(m)) if d == m => Some(plain(d)),
            (Some(d), Some(m)) => Some(match order {
                DateOrder::DayFirst => DateRead {
                    days: d,
                    alt: Some(m),
                    evidence: None,
                },
                DateOrder::MonthFirst => DateRead {
                    days: m,
                    alt: Some(d),
                    evidence: None,
                },
            }),
            (None, None) => None,
        };
    }
    if s.len() == 8 && s.iter().all(u8::is_ascii_digit) {
        let n = s.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'));
        return ymd((n / 10000) as i32, n / 100 % 100, n % 100).map(plain);
    }
    let serial: f64 = std::str::from_utf8(s).ok()?.parse().ok()?;
    excel_serial(serial).map(plain)
}

fn parse_cjk(s: &str) -> Option<i32> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.trim_end_matches(['日', '号']);
    ymd(
        y.trim().parse().ok()?,
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    )
}

/// A calendar date in the years a spreadsheet holds, 1 to 9999.
fn ymd(y: i32, m: u32, d: u32) -> Option<i32> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.num_days_from_ce())
}

/// A rating on 0..=100: a number (a 1–5 or 1–10 scale is not guessed here), a letter grade
/// (AAA … D), or high / medium / low in en, zh-CN and es.
pub fn parse_rating(raw: &str) -> Option<f64> {
    let t = raw.trim();
    with_lowercase(t, rating_word).or_else(|| parse_number(t).filter(|v| (0.0..=100.0).contains(v)))
}

/// Calls `f` with `s` in lower case: short ASCII text on the stack, the rest allocated. A
/// customer table reads a few such words per row, a million rows at a time.
pub fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    match buf.get_mut(..s.len()) {
        Some(short) if s.is_ascii() => {
            short.copy_from_slice(s.as_bytes());
            short.make_ascii_lowercase();
            // ASCII stays ASCII in lower case.
            f(std::str::from_utf8(short).unwrap_or_default())
        }
        _ => f(&s.to_lowercase()),
    }
}

fn rating_word(lower: &str) -> Option<f64> {
    match lower {
        "aaa" => Some(100.0),
        "aa" => Some(90.0),
        "a" => Some(80.0),
        "bbb" => Some(70.0),
        "bb" => Some(60.0),
        "b" => Some(50.0),
        "ccc" => Some(40.0),
        "cc" => Some(30.0),
        "c" => Some(20.0),
        "d" => Some(10.0),
        "very high" | "很高" | "极高" | "muy alto" | "muy alta" | "优" | "优秀" | "excelente"
        | "excellent" => Some(95.0),
        "high" | "高" | "好" | "良" | "良好" | "alto" | "alta" | "bueno" | "buena" | "good" => {
            Some(80.0)
        }
        "medium" | "中" | "一般" | "medio" | "media" | "regular" | "average" | "fair" => {
            Some(50.0)
        }
        "low" | "低" | "差" | "较差" | "bajo" | "baja" | "malo" | "mala" | "poor" | "bad" => {
            Some(20.0)
        }
        "very low" | "很低" | "极低" | "muy bajo" | "muy baja" => Some(5.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_three_conventions() {
        let cases = [
            ("1234", Some(1234.0)),
            ("1,234.56", Some(1234.56)),
            ("1.234,56", Some(1234.56)),
            ("1 234,56", Some(1234.56)),
            ("1.234.567", Some(1234567.0)),
            ("1,234,567", Some(1234567.0)),
            ("3,5", Some(3.5)),
            ("1234,56", Some(1234.56)),
            ("¥1,200", Some(1200.0)),
            ("1200元", Some(1200.0)),
            ("€ 3,50", Some(3.5)),
            ("(250)", Some(-250.0)),
            ("-7.5", Some(-7.5)),
            ("35%", Some(35.0)),
            ("", None),
            ("n/a", None),
            ("12a", None),
            ("1,23,4", None),
            ("1.2.3,4,5", None),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_number(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn numbers_say_what_they_prove_about_their_column() {
        let n = |raw: &str, hint| read_number(raw.as_bytes(), hint).unwrap();
        let dot = DecimalSep::Dot;
        let comma = DecimalSep::Comma;
        assert_eq!(n("5,5", dot).evidence, Some(comma));
        assert_eq!(n("12.50", comma).evidence, Some(dot));
        assert_eq!(n("1.234.567", dot).evidence, Some(comma));
        assert_eq!(n("1,234,567", comma).evidence, Some(dot));
        assert_eq!(n("1.234,56", dot).evidence, Some(comma));
        assert_eq!(
            n("0,125", dot).evidence,
            Some(comma),
            "a zero head is never a group"
        );
        assert_eq!(n("1200", dot).evidence, None);
        let amb = n("1.234", comma);
        assert_eq!(
            (amb.value, amb.alt, amb.evidence),
            (1234.0, Some(1.234), None)
        );
        let amb = n("-1,234", dot);
        assert_eq!((amb.value, amb.alt), (-1234.0, Some(-1.234)));
        assert!(n("12%", dot).percent);
        assert_eq!(n("USD 1,200.50", dot).value, 1200.5);
        assert_eq!(n("1 234 567,8 €", dot).value, 1234567.8);
        assert_eq!(n("1'234.5", dot).value, 1234.5);
        assert_eq!(n("100-", dot).value, -100.0);
        assert_eq!(n("1.5E+06", dot).value, 1_500_000.0);
        assert_eq!(n("0.1", dot).value, 0.1);
        assert_eq!(n("123456789012345678901", dot).value, 1.2345678901234568e20);
        assert_eq!(read_number(b"1-2", dot), None);
        assert_eq!(read_number(b"(12", dot), None);
        assert_eq!(read_number(b"--", dot), None);
        assert_eq!(n("-", dot).value, 0.0, "an accounting zero");
        assert_eq!(n("$ -", dot).value, 0.0);
        assert_eq!(read_number(b"abc USD", dot), None);
    }

    #[test]
    fn dates_say_what_they_prove_about_their_column() {
        let days = |y, m, d| date_to_days(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let r = |raw: &str, o| read_date(raw.as_bytes(), o).unwrap();
        let day = DateOrder::DayFirst;
        let month = DateOrder::MonthFirst;
        assert_eq!(r("25/12/2024", month).evidence, Some(day));
        assert_eq!(r("12/25/2024", day).evidence, Some(month));
        let amb = r("03/05/24", month);
        assert_eq!(
            (amb.days, amb.alt, amb.evidence),
            (days(2024, 3, 5), Some(days(2024, 5, 3)), None)
        );
        assert_eq!(r("05/05/2024", day).alt, None, "the same either way");
        assert_eq!(r("2024年3月5日 10:30", day).days, days(2024, 3, 5));
        assert_eq!(r("2024/03/05", month).days, days(2024, 3, 5));
        assert_eq!(r("45356", day).days, days(2024, 3, 5));
        assert_eq!(r("45356.75", day).days, days(2024, 3, 5));
        assert_eq!(r("1/2/99", day).days, days(1999, 2, 1));
        assert_eq!(read_date(b"13/13/2024", day), None);
        assert_eq!(read_date(b"1/2/3/4", day), None);
        assert_eq!(read_date(b"2024-1", day), None);
    }

    #[test]
    fn workbook_dates_cover_the_calendar_and_nothing_beyond() {
        let d = |y, m, dd| date_to_days(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        let cases = [
            (1.0, Some(d(1900, 1, 1))),
            (59.0, Some(d(1900, 2, 28))),
            (61.0, Some(d(1900, 3, 1))),
            (45000.0, Some(d(2023, 3, 15))),
            (45000.75, Some(d(2023, 3, 15))),
            // Rounded to the millisecond first, as calamine does: a hair before midnight.
            (45_000.999_999_999_9, Some(d(2023, 3, 16))),
            (-1.0, Some(d(1899, 12, 29))),
            (-693_593.0, Some(d(1, 1, 1))),
            (2_958_465.0, Some(d(9999, 12, 31))),
            (2_958_465.5, Some(d(9999, 12, 31))),
            (2_958_466.0, None),
            (-693_594.0, None),
            (-1e15, None),
            (1e300, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
            (f64::NEG_INFINITY, None),
        ];
        for (serial, want) in cases {
            assert_eq!(workbook_date(serial, false), want, "{serial}");
        }
        assert_eq!(workbook_date(0.0, true), Some(d(1904, 1, 1)));
        assert_eq!(workbook_date(43_538.0, true), Some(d(2023, 3, 15)));
    }

    #[test]
    fn fractions() {
        assert_eq!(parse_fraction("35%"), Some(0.35));
        assert_eq!(parse_fraction("0.35"), Some(0.35));
        assert_eq!(parse_fraction("35"), Some(0.35));
        assert_eq!(parse_fraction("135%"), None);
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date("2024-03-05"), d(2024, 3, 5));
        assert_eq!(parse_date("2024/3/5"), d(2024, 3, 5));
        assert_eq!(parse_date("2024-03-05T10:00:00"), d(2024, 3, 5));
        assert_eq!(parse_date("2024-03-05 10:00"), d(2024, 3, 5));
        assert_eq!(parse_date("2024年3月5日"), d(2024, 3, 5));
        assert_eq!(parse_date("20240305"), d(2024, 3, 5));
        assert_eq!(parse_date("25/12/2024"), d(2024, 12, 25));
        assert_eq!(parse_date("12/25/2024"), d(2024, 12, 25));
        assert_eq!(parse_date("05.03.2024"), d(2024, 3, 5));
        assert_eq!(parse_date("45356"), d(2024, 3, 5));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("12"), None);
        assert_eq!(parse_date("0001-01-01"), d(1, 1, 1));
        assert_eq!(parse_date("9999-12-31"), d(9999, 12, 31));
        assert_eq!(parse_date("31/12/9999"), d(9999, 12, 31));
        assert_eq!(parse_date("1850年1月2日"), d(1850, 1, 2));
        assert_eq!(parse_date("0000-01-01"), None);
        assert_eq!(parse_date("10000-01-01"), None);
    }

    #[test]
    fn ratings() {
        assert_eq!(parse_rating("AAA"), Some(100.0));
        assert_eq!(parse_rating("高"), Some(80.0));
        assert_eq!(parse_rating("media"), Some(50.0));
        assert_eq!(parse_rating("72"), Some(72.0));
        assert_eq!(parse_rating("720"), None);
        assert_eq!(parse_rating(" Very High "), Some(95.0));
        assert_eq!(parse_rating("MUY BAJA"), Some(5.0));
        assert_eq!(
            parse_rating("Excellent but much longer than thirty-two bytes"),
            None
        );
    }
}

//! Cell values: numbers in the conventions of zh-CN, en and es spreadsheets, dates, ratings.

use chrono::{Datelike, NaiveDate};

/// Parses a money or count cell: `1,234.56`, `1.234,56`, `1 234,56`, `¥1,200`, `€ 3,5`,
/// `1200元`, `(250)` for −250, `-7`. A trailing `%` is kept as a plain number (35% → 35);
/// use [`parse_fraction`] for shares. `None` for anything else, including the empty cell.
pub fn parse_number(raw: &str) -> Option<f64> {
    let mut s: String = raw
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    for sym in [
        "USD", "EUR", "MXN", "CNY", "RMB", "US", "¥", "￥", "€", "$", "元", "£", "%",
    ] {
        s = s.replace(sym, "");
    }
    let mut neg = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() > 2 {
        neg = true;
        s = s[1..s.len() - 1].to_string();
    }
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        neg = !neg;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let normalized = match (commas, dots) {
        (0, 0) | (0, 1) => s,
        (0, _) => grouped(&s, '.')?,
        (1, 0) => {
            // One comma: thousands if exactly three digits follow and the head is 1–3 digits
            // ("1,234"), otherwise a decimal comma ("3,5", "1234,56").
            let (head, tail) = s.split_once(',')?;
            if tail.len() == 3 && (1..=3).contains(&head.len()) {
                format!("{head}{tail}")
            } else {
                format!("{head}.{tail}")
            }
        }
        (_, 0) => grouped(&s, ',')?,
        _ => {
            // Both: the one that comes last is the decimal separator.
            let (dec, group) = if s.rfind(',') > s.rfind('.') {
                (',', '.')
            } else {
                ('.', ',')
            };
            let (int, frac) = s.rsplit_once(dec)?;
            if frac.contains(group) {
                return None;
            }
            format!("{}.{frac}", grouped(int, group)?)
        }
    };
    let v: f64 = normalized.parse().ok()?;
    v.is_finite().then_some(if neg { -v } else { v })
}

/// `1.234.567` with `.` as the group separator → `1234567`, checking the groups are of three.
fn grouped(s: &str, sep: char) -> Option<String> {
    let mut parts = s.split(sep);
    let head = parts.next()?;
    if head.is_empty() || head.len() > 3 {
        return None;
    }
    let mut out = head.to_string();
    for p in parts {
        if p.len() != 3 {
            return None;
        }
        out.push_str(p);
    }
    Some(out)
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

/// Dates: ISO `2024-03-05`, `2024/3/5`, `2024.03.05`, `2024年3月5日`, `20240305`, day-first
/// `05/03/2024` or `5-3-2024` (decided per value here: a first part above 12 means day-first,
/// a second above 12 means month-first, an ambiguous one is read day-first), an optional time
/// after a space or `T`,
/// and Excel serial numbers (1900 system) between 1955 and 2100.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    if let Some(d) = parse_cjk(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let n: Vec<u32> = parts
            .iter()
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        return if parts[0].len() == 4 {
            ymd(n[0] as i32, n[1], n[2])
        } else if parts[2].len() == 4 || parts[2].len() == 2 {
            let y = if parts[2].len() == 2 {
                2000 + n[2] as i32
            } else {
                n[2] as i32
            };
            if n[0] > 12 || n[1] <= 12 {
                ymd(y, n[1], n[0])
            } else {
                ymd(y, n[0], n[1])
            }
        } else {
            None
        };
    }
    if s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()) {
        let n: u32 = s.parse().ok()?;
        return ymd((n / 10000) as i32, n / 100 % 100, n % 100);
    }
    // Excel serial number (days since 1899-12-30).
    let serial: f64 = s.parse().ok()?;
    if (20_000.0..=73_000.0).contains(&serial) {
        return NaiveDate::from_ymd_opt(1899, 12, 30)?
            .checked_add_days(chrono::Days::new(serial.trunc() as u64));
    }
    None
}

fn parse_cjk(s: &str) -> Option<NaiveDate> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.trim_end_matches(['日', '号']);
    ymd(
        y.trim().parse().ok()?,
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    )
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).filter(|d| (1900..=2200).contains(&d.year()))
}

/// A rating on 0..=100: a number (a 1–5 or 1–10 scale is not guessed here), a letter grade
/// (AAA … D), or high / medium / low in en, zh-CN and es.
pub fn parse_rating(raw: &str) -> Option<f64> {
    let t = raw.trim();
    let lower = t.to_lowercase();
    let word = match lower.as_str() {
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
    };
    word.or_else(|| parse_number(t).filter(|v| (0.0..=100.0).contains(v)))
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
    }

    #[test]
    fn ratings() {
        assert_eq!(parse_rating("AAA"), Some(100.0));
        assert_eq!(parse_rating("高"), Some(80.0));
        assert_eq!(parse_rating("media"), Some(50.0));
        assert_eq!(parse_rating("72"), Some(72.0));
        assert_eq!(parse_rating("720"), None);
    }
}

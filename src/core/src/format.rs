//! Text as the exports write it. Numbers and explanation lines in each language, in full:
//! digits grouped the way the language writes them (1,234,567.5 in en and zh-CN, 1.234.567,5
//! in es), no compact units; the exports write the "why" of each method with it, and the UI
//! may use it too (its own `format.rs` shows money compactly, "1.2M", for the screen). And
//! text cells made inert for a spreadsheet ([`neutralize`]).

use crate::classify::explain::MISSING_VALUE;
use crate::classify::{Cmp, Reason, Unit};
use crate::i18n::Lang;

/// What a figure that is not a finite number shows.
pub const NOT_A_NUMBER: &str = "—";

/// `v` with `places` decimals and the language's grouping: `1,234.50` (en, zh-CN),
/// `1.234,50` (es). A value that rounds to zero has no minus sign; a non-finite one is
/// [`NOT_A_NUMBER`].
pub fn number(v: f64, places: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    let mut out = String::new();
    push_number(&mut out, v, places, lang);
    out
}

/// [`number`], appended to `out`.
pub fn push_number(out: &mut String, v: f64, places: usize, lang: Lang) {
    if !v.is_finite() {
        out.push_str(NOT_A_NUMBER);
        return;
    }
    const SCALE: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    let (group, decimal) = separators(lang);
    // The digits of |v| × 10^places, rounded: by integer arithmetic while it is exact enough
    // (far cheaper than formatting the float), else by the float formatter.
    let scaled = SCALE.get(places).map(|s| (v.abs() * s).round());
    let mut buf = [0u8; 24];
    let digits: std::borrow::Cow<'_, [u8]> = match scaled {
        Some(x) if x < 1e15 => {
            let mut n = x as u64;
            let mut at = buf.len();
            loop {
                at -= 1;
                buf[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            // At least one digit before the decimals: 0.05 is "005" here.
            while buf.len() - at <= places {
                at -= 1;
                buf[at] = b'0';
            }
            std::borrow::Cow::Borrowed(&buf[at..])
        }
        _ => std::borrow::Cow::Owned(
            format!("{:.places$}", v.abs())
                .bytes()
                .filter(|&b| b != b'.')
                .collect(),
        ),
    };
    let (int, frac) = digits.split_at(digits.len() - places);
    let negative = v < 0.0 && digits.iter().any(|&b| b != b'0');
    // Every byte is ASCII: gathered on the stack and appended at once, when it fits.
    let mut text = [0u8; 64];
    let mut len = 0;
    let mut put = |b: u8| {
        if let Some(slot) = text.get_mut(len) {
            *slot = b;
        }
        len += 1;
    };
    if negative {
        put(b'-');
    }
    for (k, &d) in int.iter().enumerate() {
        if k > 0 && (int.len() - k).is_multiple_of(3) {
            put(group as u8);
        }
        put(d);
    }
    if !frac.is_empty() {
        put(decimal as u8);
        frac.iter().for_each(|&d| put(d));
    }
    match text.get(..len) {
        Some(t) => out.push_str(std::str::from_utf8(t).unwrap_or_default()),
        // A figure of more than about 45 digits.
        None => {
            if negative {
                out.push('-');
            }
            for (k, &d) in int.iter().enumerate() {
                if k > 0 && (int.len() - k).is_multiple_of(3) {
                    out.push(group);
                }
                out.push(char::from(d));
            }
            if !frac.is_empty() {
                out.push(decimal);
                frac.iter().for_each(|&d| out.push(char::from(d)));
            }
        }
    }
}

/// The grouping and decimal separators of a language.
pub fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Es => ('.', ','),
        Lang::En | Lang::ZhCn => (',', '.'),
    }
}

/// A figure in its unit: money with cents only when it has some, a percentage with one
/// decimal (`12.5%`, es `12,5 %`), days, months and points with one decimal when not whole,
/// counts whole, plain numbers with two decimals.
pub fn in_unit(v: f64, unit: Unit, lang: Lang) -> String {
    let mut out = String::new();
    push_in_unit(&mut out, v, unit, lang);
    out
}

/// [`in_unit`], appended to `out`.
pub fn push_in_unit(out: &mut String, v: f64, unit: Unit, lang: Lang) {
    if !v.is_finite() {
        out.push_str(NOT_A_NUMBER);
        return;
    }
    let whole_or = |p: usize| if v.fract() == 0.0 { 0 } else { p };
    match unit {
        Unit::Money => push_number(out, v, whole_or(2), lang),
        Unit::Percent => {
            push_number(out, v, 1, lang);
            out.push_str(if lang == Lang::Es { " %" } else { "%" });
        }
        Unit::Days | Unit::Months | Unit::Points => push_number(out, v, whole_or(1), lang),
        Unit::Count => push_number(out, v, 0, lang),
        Unit::Number => push_number(out, v, 2, lang),
    }
}

/// One explanation line: "Sales: 1,234,567 ≥ 500,000", "销售额：1,234,567 ≥ 500,000",
/// "Ventas: 1.234.567 ≥ 500.000".
pub fn reason(r: &Reason, lang: Lang) -> String {
    let mut out = String::new();
    push_reason(&mut out, r, lang);
    out
}

/// [`reason`], appended to `out`: the same text as [`Reason::text`] with [`in_unit`].
pub fn push_reason(out: &mut String, r: &Reason, lang: Lang) {
    out.push_str(r.what.get(lang));
    if r.cmp == Cmp::Note {
        if let Some(words) = r.note.as_deref().filter(|w| !w.is_empty()) {
            out.push_str(if lang == Lang::ZhCn { "：" } else { ": " });
            out.push_str(words);
        }
        return;
    }
    out.push_str(if lang == Lang::ZhCn { "：" } else { ": " });
    match (r.cmp, r.value, r.threshold) {
        (Cmp::Missing, _, _) | (_, None, _) => out.push_str(MISSING_VALUE.get(lang)),
        (Cmp::Info, Some(v), _) | (_, Some(v), None) => push_in_unit(out, v, r.unit, lang),
        (c, Some(v), Some(t)) => {
            push_in_unit(out, v, r.unit, lang);
            out.push(' ');
            out.push_str(c.symbol());
            out.push(' ');
            push_in_unit(out, t, r.unit, lang);
        }
    }
}

/// The separator between explanation lines written on one line.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "；",
        Lang::En | Lang::Es => "; ",
    }
}

/// Explanation lines on one line, separated by [`list_separator`]: the text the explain
/// drawer lists, as one cell of an export.
pub fn reasons(rs: &[Reason], lang: Lang) -> String {
    let mut out = String::with_capacity(rs.len() * 48);
    push_reasons(&mut out, rs, lang);
    out
}

/// [`reasons`], appended to `out`.
pub fn push_reasons(out: &mut String, rs: &[Reason], lang: Lang) {
    for (k, r) in rs.iter().enumerate() {
        if k > 0 {
            out.push_str(list_separator(lang));
        }
        push_reason(out, r, lang);
    }
}

/// Would a spreadsheet read this text as a formula? [`crate::csv_safe::could_run`]: it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or a full-width sign) and is
/// not a plain number.
pub use crate::csv_safe::could_run as looks_like_formula;

/// A text cell made inert for a CSV opened in a spreadsheet (OWASP, "CSV Injection"):
/// [`crate::csv_safe::cell`], a leading `'` before a cell that could start a formula. The
/// one implementation the rejected-rows download and the exports share.
pub use crate::csv_safe::cell as neutralize;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::explain::what;
    use crate::classify::Cmp;

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(number(1_234_567.5, 1, Lang::En), "1,234,567.5");
        assert_eq!(number(1_234_567.5, 1, Lang::ZhCn), "1,234,567.5");
        assert_eq!(number(1_234_567.5, 1, Lang::Es), "1.234.567,5");
        assert_eq!(number(-950.0, 0, Lang::En), "-950");
        assert_eq!(number(-1234.0, 2, Lang::Es), "-1.234,00");
        assert_eq!(number(123.0, 0, Lang::En), "123");
        assert_eq!(number(0.0, 0, Lang::En), "0");
        assert_eq!(number(-0.004, 2, Lang::En), "0.00");
        assert_eq!(number(999_999.996, 2, Lang::En), "1,000,000.00");
        assert_eq!(number(f64::NAN, 2, Lang::En), NOT_A_NUMBER);
        assert_eq!(number(-1e50, 0, Lang::En).replace(',', "").len(), 52);
        assert_eq!(&number(1e50, 2, Lang::Es)[..6], "100.00");
    }

    #[test]
    fn units() {
        assert_eq!(in_unit(1234.5, Unit::Money, Lang::En), "1,234.50");
        assert_eq!(in_unit(1234.0, Unit::Money, Lang::Es), "1.234");
        assert_eq!(in_unit(80.651, Unit::Percent, Lang::En), "80.7%");
        assert_eq!(in_unit(80.651, Unit::Percent, Lang::Es), "80,7 %");
        assert_eq!(in_unit(45.0, Unit::Days, Lang::En), "45");
        assert_eq!(in_unit(45.26, Unit::Points, Lang::Es), "45,3");
        assert_eq!(in_unit(3.0, Unit::Count, Lang::ZhCn), "3");
        assert_eq!(in_unit(0.4567, Unit::Number, Lang::En), "0.46");
        assert_eq!(in_unit(f64::INFINITY, Unit::Money, Lang::En), NOT_A_NUMBER);
    }

    #[test]
    fn formula_triggers_are_neutralized_and_nothing_else() {
        for s in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1)",
            "-1+2",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralize(s), format!("'{s}"), "{s:?}");
        }
        for s in [
            "", "Acme", " =1", "'=1", "1-2", "中文", "a=b", "-5", "+3", "-12.5",
        ] {
            assert_eq!(neutralize(s), s, "{s:?}");
        }
    }

    /// The integer path gives the float formatter's digits (but for exact halves, which it
    /// rounds away from zero), and `push_reason` the text of `Reason::text`.
    #[test]
    fn fast_digits_match_the_formatter() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for k in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi(k % 14 - 3);
            let v = if k % 3 == 0 { -v } else { v };
            for places in 0..3 {
                let want = format!("{:.places$}", v.abs());
                let got = number(v.abs(), places, Lang::ZhCn).replace(',', "");
                let halfway = ((v.abs() * 10f64.powi(places as i32)).fract() - 0.5).abs() < 1e-6;
                assert!(got == want || halfway, "{v} {places}: {got} vs {want}");
            }
        }
        for lang in Lang::ALL {
            for r in [
                Reason::with(what::SALES, -1234.5, Cmp::Le, 0.0, Unit::Money),
                Reason::info(what::GROWTH, 12.25, Unit::Percent),
                Reason::missing(what::PROFIT, Unit::Money),
                Reason::note_text(what::KEPT, "draws traffic"),
                Reason::note_text(what::PINNED, ""),
            ] {
                assert_eq!(reason(&r, lang), r.text(lang, |v, u| in_unit(v, u, lang)));
            }
        }
    }

    #[test]
    fn a_pin_reason_is_the_users_words() {
        let r = Reason::note_text(what::PINNED, "new branch opens in June");
        assert_eq!(
            reason(&r, Lang::En),
            "Pinned as an exception, not given up: new branch opens in June"
        );
        assert_eq!(
            reason(&r, Lang::ZhCn),
            "已设为例外，不放弃：new branch opens in June"
        );
        assert_eq!(
            reason(&Reason::note_text(what::KEPT, ""), Lang::Es),
            "Fijado como excepción, se conserva aunque esté bajo cero"
        );
    }

    #[test]
    fn reasons_in_each_language() {
        let r = Reason::cmp(what::SALES, 1_234_567.0, 500_000.0, Unit::Money);
        assert_eq!(reason(&r, Lang::En), "Sales: 1,234,567 ≥ 500,000");
        assert_eq!(reason(&r, Lang::ZhCn), "销售额：1,234,567 ≥ 500,000");
        assert_eq!(reason(&r, Lang::Es), "Ventas: 1.234.567 ≥ 500.000");
        let rs = [
            Reason::with(what::CUM_SHARE_BEFORE, 61.54, Cmp::Lt, 80.0, Unit::Percent),
            Reason::missing(what::CREDIT_RATING, Unit::Points),
        ];
        assert_eq!(
            reasons(&rs, Lang::En),
            "Cumulative sales share before this customer: 61.5% < 80.0%; Credit rating: missing"
        );
        assert_eq!(
            reasons(&rs, Lang::ZhCn),
            "此前客户的累计销售占比：61.5% < 80.0%；信用等级：缺失"
        );
        assert_eq!(
            reasons(&rs, Lang::Es),
            "Cuota acumulada de ventas antes de este cliente: 61,5 % < 80,0 %; \
             Calificación crediticia: sin dato"
        );
        assert_eq!(reasons(&[], Lang::En), "");
    }
}

//! Number formatting for the display language.

use tierwise_core::i18n::Lang;

/// An integer with the language's digit grouping: 12,345 (en, zh-CN) or 12.345 (es).
pub fn int(n: usize, lang: Lang) -> String {
    group(&n.to_string(), if lang == Lang::Es { '.' } else { ',' })
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A decimal number with `places` decimals and the language's grouping: 12,345.5 / 12.345,5.
pub fn decimal(v: f64, places: usize, lang: Lang) -> String {
    let s = format!("{:.places$}", v.abs());
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (group_sep, point) = if lang == Lang::Es {
        ('.', ',')
    } else {
        (',', '.')
    };
    let mut out = String::with_capacity(s.len() + 4);
    // No "-0.0": a figure that rounds to zero has no sign.
    if v < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    out.push_str(&group(whole, group_sep));
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// Whether the page shows how long the last recompute took ("Every method brought up to date
/// in 0.5 ms"): a developer's figure, off the default view and out of print, shown when the
/// address asks for it (`?timings`). The element is always there, hidden, for the benchmarks.
pub fn show_timings() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("timings"))
}

/// A share 0..=1 as a percentage with one decimal: 12.5% / 12,5 %.
pub fn pct(share: f64, lang: Lang) -> String {
    let v = if share.is_finite() {
        share * 100.0
    } else {
        0.0
    };
    percent(v, 1, lang)
}

/// A figure already in percent, as each language writes it: 75% / 75 % (Spanish puts a
/// space before the sign). Sliders, tables and charts all use it, so "75%" on a slider and
/// "21,7 %" in its table no longer differ.
pub fn percent(v: f64, places: usize, lang: Lang) -> String {
    match lang {
        Lang::Es => format!("{} %", decimal(v, places, lang)),
        _ => format!("{}%", decimal(v, places, lang)),
    }
}

/// A money amount, compact: 28.7M, 2,871.9万, 28,7 M.
/// The currency sign money is shown with, a display preference: the file does not say which
/// currency its amounts are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Currency {
    #[default]
    None,
    Yuan,
    Euro,
    Dollar,
    Pound,
}

impl Currency {
    pub const ALL: [Currency; 5] = [
        Currency::None,
        Currency::Yuan,
        Currency::Euro,
        Currency::Dollar,
        Currency::Pound,
    ];

    /// Stable key, stored in localStorage and used as the `<option>` value.
    pub fn key(self) -> &'static str {
        match self {
            Currency::None => "none",
            Currency::Yuan => "CNY",
            Currency::Euro => "EUR",
            Currency::Dollar => "USD",
            Currency::Pound => "GBP",
        }
    }

    pub fn from_key(k: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.key() == k)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::None => "",
            Currency::Yuan => "¥",
            Currency::Euro => "€",
            Currency::Dollar => "$",
            Currency::Pound => "£",
        }
    }
}

thread_local! {
    static CURRENCY: std::cell::Cell<Currency> = const { std::cell::Cell::new(Currency::None) };
}

/// Sets the currency every later [`money`] call shows (the app re-renders on a change).
pub fn set_currency(c: Currency) {
    CURRENCY.with(|x| x.set(c));
}

/// A money amount, compact, with the chosen currency placed as the language writes it:
/// $28.7M, ¥2871.9万, 28,7 M €.
pub fn money(v: f64, lang: Lang) -> String {
    let plain = money_plain(v, lang);
    let c = CURRENCY.with(|x| x.get());
    if c == Currency::None {
        return plain;
    }
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", plain),
    };
    match lang {
        Lang::Es => format!("{sign}{digits} {}", c.symbol()),
        _ => format!("{sign}{}{digits}", c.symbol()),
    }
}

fn money_plain(v: f64, lang: Lang) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    match lang {
        Lang::ZhCn if a >= 1e8 => format!("{sign}{:.2}亿", a / 1e8),
        Lang::ZhCn if a >= 1e4 => format!("{sign}{:.1}万", a / 1e4),
        Lang::ZhCn => format!("{sign}{a:.0}"),
        _ => {
            let (val, unit) = if a >= 1e9 {
                (a / 1e9, "B")
            } else if a >= 1e6 {
                (a / 1e6, "M")
            } else if a >= 1e3 {
                (a / 1e3, "k")
            } else {
                (a, "")
            };
            let num = if unit.is_empty() {
                format!("{val:.0}")
            } else {
                format!("{val:.1}")
            };
            if lang == Lang::Es {
                let space = if unit.is_empty() { "" } else { " " };
                format!("{sign}{}{space}{unit}", num.replace('.', ","))
            } else {
                format!("{sign}{num}{unit}")
            }
        }
    }
}

/// A figure in its unit, formatted for the language.
pub fn in_unit(v: f64, unit: tierwise_core::classify::Unit, lang: Lang) -> String {
    use tierwise_core::classify::Unit;
    let places = |v: f64| if v.fract() == 0.0 { 0 } else { 1 };
    match unit {
        Unit::Money => money(v, lang),
        Unit::Percent => pct(v / 100.0, lang),
        Unit::Days | Unit::Months => decimal(v, places(v), lang),
        Unit::Points => decimal(v, places(v), lang),
        Unit::Count => decimal(v, 0, lang),
        Unit::Number => decimal(v, 2, lang),
    }
}

/// One explanation line with its figures formatted for the language: "Sales: 1.2M ≥ 500.0k"
/// (the core's [`Reason::text`](tierwise_core::classify::Reason::text) with [`in_unit`]).
pub fn reason(r: &tierwise_core::classify::Reason, lang: Lang) -> String {
    r.text(lang, |v, unit| in_unit(v, unit, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_and_shares() {
        assert_eq!(int(1234567, Lang::En), "1,234,567");
        assert_eq!(int(1234, Lang::Es), "1.234");
        assert_eq!(int(12, Lang::ZhCn), "12");
        assert_eq!(pct(0.125, Lang::En), "12.5%");
        assert_eq!(pct(0.125, Lang::Es), "12,5 %");
        assert_eq!(decimal(12345.67, 1, Lang::En), "12,345.7");
        assert_eq!(decimal(12345.67, 1, Lang::Es), "12.345,7");
        assert_eq!(decimal(-1234.0, 0, Lang::ZhCn), "-1,234");
        assert_eq!(decimal(-0.01, 1, Lang::En), "0.0");
        assert_eq!(decimal(999.96, 1, Lang::En), "1,000.0");
        assert_eq!(percent(75.0, 0, Lang::Es), "75 %");
        assert_eq!(percent(75.0, 0, Lang::En), "75%");
    }

    #[test]
    fn compact_money() {
        assert_eq!(money(28_718_624.46, Lang::En), "28.7M");
        assert_eq!(money(28_718_624.46, Lang::ZhCn), "2871.9万");
        assert_eq!(money(28_718_624.46, Lang::Es), "28,7 M");
        assert_eq!(money(-950.0, Lang::En), "-950");
        assert_eq!(money(3.2e8, Lang::ZhCn), "3.20亿");
    }

    #[test]
    fn reasons_are_formatted_per_language() {
        use tierwise_core::classify::{Reason, Unit};
        use tierwise_core::i18n::Tr;
        let r = Reason::cmp(
            Tr::new("Top 20%", "前 20%", "20 % superior"),
            80.651,
            60.0,
            Unit::Percent,
        );
        assert_eq!(reason(&r, Lang::En), "Top 20%: 80.7% ≥ 60.0%");
        assert_eq!(reason(&r, Lang::Es), "20 % superior: 80,7 % ≥ 60,0 %");
        let m = Reason::cmp(
            tierwise_core::glossary::SALES.title,
            1_234_567.0,
            500_000.0,
            Unit::Money,
        );
        assert_eq!(reason(&m, Lang::ZhCn), "销售额：123.5万 ≥ 50.0万");
    }
}

/// A date for the language: Mar 5, 2024 / 2024年3月5日 / 5 mar 2024.
pub fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ES: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    let (y, m, day) = (d.year(), d.month0() as usize, d.day());
    match lang {
        Lang::En => format!("{} {day}, {y}", EN[m]),
        Lang::ZhCn => format!("{y}年{}月{day}日", m + 1),
        Lang::Es => format!("{day} {} {y}", ES[m]),
    }
}

/// A signed share as a percentage: +12.5% / -3.0%.
pub fn signed_pct(share: f64, lang: Lang) -> String {
    let s = pct(share, lang);
    if share > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn dates_and_signed_shares() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(date(d, Lang::En), "Mar 5, 2024");
        assert_eq!(date(d, Lang::ZhCn), "2024年3月5日");
        assert_eq!(date(d, Lang::Es), "5 mar 2024");
        assert_eq!(signed_pct(0.125, Lang::En), "+12.5%");
        assert_eq!(signed_pct(-0.03, Lang::Es), "-3,0 %");
    }

    #[test]
    fn currency_sign_per_language() {
        set_currency(Currency::Euro);
        assert_eq!(money(28_718_624.0, Lang::Es), "28,7 M €");
        assert_eq!(money(-1_500.0, Lang::En), "-€1.5k");
        set_currency(Currency::Yuan);
        assert_eq!(money(28_718_624.0, Lang::ZhCn), "¥2871.9万");
        set_currency(Currency::None);
        assert_eq!(money(28_718_624.0, Lang::En), "28.7M");
        assert_eq!(Currency::from_key("USD"), Some(Currency::Dollar));
    }
}

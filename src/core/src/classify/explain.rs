//! Explanations: the figures and thresholds that put a customer in its class, as data the UI
//! renders in any language ("Sales 1 234 ≥ 1 000").

use crate::i18n::Tr;

/// How a figure compares with its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    /// A figure shown for context, with no threshold.
    Info,
    /// The figure is missing, so the customer is not classed by this rule.
    Missing,
    /// A statement with no figure ("The file marks this customer as a closed deal").
    Note,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Gt => ">",
            Cmp::Le => "≤",
            Cmp::Lt => "<",
            Cmp::Info => "=",
            Cmp::Missing => "?",
            Cmp::Note => "",
        }
    }
}

/// The unit a figure is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Money,
    /// Stored as percent (80.0 = 80%).
    Percent,
    Days,
    Months,
    /// A 0–100 score or rating.
    Points,
    Count,
    /// A plain number (Gini, lift).
    Number,
}

/// One line of an explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub what: Tr,
    pub value: Option<f64>,
    pub cmp: Cmp,
    pub threshold: Option<f64>,
    pub unit: Unit,
    /// The user's own words after a [`Cmp::Note`] statement (a pin's reason): see
    /// [`Reason::note_text`].
    pub note: Option<String>,
}

impl Reason {
    pub fn info(what: Tr, value: f64, unit: Unit) -> Reason {
        Reason {
            what,
            value: Some(value),
            cmp: Cmp::Info,
            threshold: None,
            unit,
            note: None,
        }
    }

    pub fn cmp(what: Tr, value: f64, threshold: f64, unit: Unit) -> Reason {
        let cmp = if value >= threshold { Cmp::Ge } else { Cmp::Lt };
        Reason {
            what,
            value: Some(value),
            cmp,
            threshold: Some(threshold),
            unit,
            note: None,
        }
    }

    pub fn with(what: Tr, value: f64, cmp: Cmp, threshold: f64, unit: Unit) -> Reason {
        Reason {
            what,
            value: Some(value),
            cmp,
            threshold: Some(threshold),
            unit,
            note: None,
        }
    }

    /// A statement followed by the user's own words instead of a figure: "Pinned as an
    /// exception: draws traffic". Empty words show the statement alone, as [`Reason::note`].
    pub fn note_text(what: Tr, words: &str) -> Reason {
        Reason {
            note: Some(words.to_string()),
            ..Reason::note(what)
        }
    }

    /// A statement with no figure: the line is `what` alone.
    pub fn note(what: Tr) -> Reason {
        Reason {
            what,
            value: None,
            cmp: Cmp::Note,
            threshold: None,
            unit: Unit::Count,
            note: None,
        }
    }

    pub fn missing(what: Tr, unit: Unit) -> Reason {
        Reason {
            what,
            value: None,
            cmp: Cmp::Missing,
            threshold: None,
            unit,
            note: None,
        }
    }

    /// Renders the line in one language, numbers plain (the UI formats them properly).
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        let what = self.what.get(lang);
        match (self.value, self.threshold) {
            _ if self.cmp == Cmp::Note => join_note(what, self.note.as_deref(), ": "),
            (None, _) => format!("{what}: ?"),
            (Some(v), None) => format!("{what} = {v}"),
            (Some(v), Some(t)) => format!("{what} {v} {} {t}", self.cmp.symbol()),
        }
    }
}

/// A [`Cmp::Note`] line: "statement: words", or the statement alone without words.
pub fn join_note(what: &str, words: Option<&str>, colon: &str) -> String {
    match words {
        Some(w) if !w.is_empty() => format!("{what}{colon}{w}"),
        _ => what.to_string(),
    }
}

/// "missing" in the three languages, for a reason whose figure is absent.
pub const MISSING_VALUE: Tr = Tr::new("missing", "缺失", "sin dato");

impl Reason {
    /// Renders the line in one language with `num` formatting each figure in its unit (the
    /// UI passes its locale formatting): "Sales: 1,234 ≥ 1,000", "Growth: 12.5%",
    /// "Credit rating: missing".
    pub fn text(&self, lang: crate::i18n::Lang, num: impl Fn(f64, Unit) -> String) -> String {
        let what = self.what.get(lang);
        let colon = if lang == crate::i18n::Lang::ZhCn {
            "："
        } else {
            ": "
        };
        match (self.cmp, self.value, self.threshold) {
            (Cmp::Note, _, _) => join_note(what, self.note.as_deref(), colon),
            (Cmp::Missing, _, _) | (_, None, _) => {
                format!("{what}{colon}{}", MISSING_VALUE.get(lang))
            }
            (Cmp::Info, Some(v), _) | (_, Some(v), None) => {
                format!("{what}{colon}{}", num(v, self.unit))
            }
            (c, Some(v), Some(t)) => format!(
                "{what}{colon}{} {} {}",
                num(v, self.unit),
                c.symbol(),
                num(t, self.unit)
            ),
        }
    }
}

/// Names of the figures explanations refer to.
pub mod what {
    use crate::i18n::Tr;

    pub const SALES: Tr = crate::glossary::SALES.title;
    pub const PROFIT: Tr = crate::glossary::PROFIT.title;
    pub const SCORE: Tr = Tr::new("Score", "综合评分", "Puntuación");
    pub const ORDERS: Tr = crate::glossary::ORDERS.title;
    pub const RANK_SHARE: Tr = Tr::new(
        "Customers ranked above (share)",
        "排名在前的客户占比",
        "Clientes por delante (cuota)",
    );
    pub const CUM_SHARE_BEFORE: Tr = Tr::new(
        "Cumulative sales share before this customer",
        "此前客户的累计销售占比",
        "Cuota acumulada de ventas antes de este cliente",
    );
    pub const CLOSE_PROBABILITY: Tr = crate::glossary::CLOSE_PROBABILITY.title;
    pub const MONTHS_TO_CLOSE: Tr = Tr::new(
        "Months to expected close",
        "距预计成交月数",
        "Meses hasta el cierre previsto",
    );
    pub const GROWTH: Tr = crate::glossary::GROWTH.title;
    pub const WALLET_GAP: Tr = Tr::new(
        "Wallet gap × upcoming volume",
        "未占份额 × 预计采购量",
        "Cuota por ganar × volumen previsto",
    );
    pub const SHARE_OF_WALLET: Tr = crate::glossary::SHARE_OF_WALLET.title;
    pub const UPCOMING_VOLUME: Tr = crate::glossary::UPCOMING_VOLUME.title;
    pub const DAYS_LATE: Tr = crate::glossary::DAYS_LATE.title;
    pub const ON_TIME: Tr = crate::glossary::ON_TIME_SHARE.title;
    pub const CREDIT_RATING: Tr = crate::glossary::CREDIT_RATING.title;
    pub const OVERDUE_AMOUNT: Tr = crate::glossary::OVERDUE_AMOUNT.title;
    pub const OVERDUE_DAYS: Tr = crate::glossary::OVERDUE_DAYS.title;
    pub const FINANCIAL: Tr = crate::glossary::FINANCIAL_STATUS.title;
    pub const DIFFICULTY: Tr = crate::glossary::DIFFICULTY.title;
    pub const PROSPECTS: Tr = crate::glossary::PROSPECTS.title;
    pub const LOYALTY: Tr = crate::glossary::LOYALTY.title;
    pub const ATTITUDE: Tr = crate::glossary::ATTITUDE.title;
    pub const CREDIT: Tr = crate::glossary::CREDIT.title;
    pub const ORDER_AMOUNT: Tr = Tr::new("Order amount", "订单金额", "Importe de pedidos");
    pub const WEIGHT_COVERAGE: Tr = Tr::new(
        "Weight of the known criteria",
        "已知指标的权重",
        "Peso de los criterios conocidos",
    );
    pub const SALES_PCT: Tr = Tr::new(
        "Sales percentile rank",
        "销售额百分位",
        "Percentil de ventas",
    );
    pub const FORECAST_PCT: Tr = Tr::new(
        "Forecast volume percentile rank",
        "预计采购量百分位",
        "Percentil del volumen previsto",
    );
    pub const COMPOSITE: Tr = Tr::new("5S composite", "5S 综合分", "Compuesto 5S");
    pub const RANK_IN_CLASS: Tr = Tr::new(
        "Position in class from the bottom (share)",
        "类内自下而上的位置（占比）",
        "Posición en la clase desde abajo (cuota)",
    );
    /// A 5S customer of the bottom of its class kept by a pin; the note is the reason.
    pub const PINNED: Tr = Tr::new(
        "Pinned as an exception, not given up",
        "已设为例外，不放弃",
        "Fijado como excepción, no se abandona",
    );
    /// A below-zero customer kept by a pin; the note is the reason.
    pub const KEPT: Tr = Tr::new(
        "Pinned as an exception, kept although below zero",
        "已设为例外，虽为负值仍保留",
        "Fijado como excepción, se conserva aunque esté bajo cero",
    );
    pub const BIG_CUSTOMER: Tr = Tr::new(
        "Among the biggest customers (VIP or Large)",
        "属于大客户（VIP 或大）",
        "Entre los mayores clientes (VIP o grande)",
    );
    pub const REFERENCE_DATE: Tr = Tr::new("Reference date", "参考日期", "Fecha de referencia");
}

/// A field's name in the three languages, for messages such as "needs the profit column".
pub fn field_name(f: crate::import::Field) -> Tr {
    crate::glossary::field(f).lower
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn plain(v: f64, u: Unit) -> String {
        match u {
            Unit::Percent => format!("{v:.1}%"),
            Unit::Days => format!("{v} d"),
            _ => format!("{v}"),
        }
    }

    #[test]
    fn reasons_render_in_each_language() {
        let r = Reason::with(what::CUM_SHARE_BEFORE, 61.54, Cmp::Lt, 80.0, Unit::Percent);
        assert_eq!(
            r.text(Lang::En, plain),
            "Cumulative sales share before this customer: 61.5% < 80.0%"
        );
        assert_eq!(
            r.text(Lang::ZhCn, plain),
            "此前客户的累计销售占比：61.5% < 80.0%"
        );
        let r = Reason::info(what::SALES, 1234.0, Unit::Money);
        assert_eq!(r.text(Lang::Es, plain), "Ventas: 1234");
        let r = Reason::missing(what::CREDIT_RATING, Unit::Points);
        assert_eq!(r.text(Lang::En, plain), "Credit rating: missing");
        assert_eq!(r.text(Lang::ZhCn, plain), "信用等级：缺失");
        assert_eq!(r.text(Lang::Es, plain), "Calificación crediticia: sin dato");
        let r = Reason::cmp(what::OVERDUE_DAYS, 45.0, 30.0, Unit::Days);
        assert_eq!(r.text(Lang::En, plain), "Overdue days: 45 d ≥ 30 d");
    }
}

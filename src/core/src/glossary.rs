//! One glossary: the name of each field of the data, and of the few terms built on them, in
//! the three languages, as a heading ("Profit", "利润", "Beneficio") and inside a sentence
//! ("needs the profit column"). Every page, explanation, export header and message takes its
//! field names from here, so one field never has two names (利润 on one tile and 毛利 in the
//! drawer; *Vendedor* in one table and *Responsable* in the next). The header synonyms the
//! importer recognises (毛利, margen, vendedor, …) are another matter: they live in
//! `import::fields` and may be many.
//!
//! A test (`tests/glossary.rs`) fails when a `Tr::new` anywhere in the sources spells a
//! glossary term again instead of naming it here.

use crate::i18n::{Lang, Tr};
use crate::import::Field;

/// A term as a heading and inside a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// For a column header, a label, a tile ("Share of wallet").
    pub title: Tr,
    /// Inside a sentence ("needs the share of wallet column").
    pub lower: Tr,
}

impl Term {
    pub fn get(&self, lang: Lang) -> &'static str {
        self.title.get(lang)
    }
}

macro_rules! terms {
    ($($name:ident: $en:literal / $en_lower:literal, $zh:literal, $es:literal / $es_lower:literal;)*) => {
        $(pub const $name: Term = Term {
            title: Tr::new($en, $zh, $es),
            lower: Tr::new($en_lower, $zh, $es_lower),
        };)*
        /// Every term, for the tests.
        pub const ALL: &[Term] = &[$($name),*];
    };
}

terms! {
    CUSTOMER_ID: "Customer id" / "customer id", "客户编号", "Id de cliente" / "id de cliente";
    CUSTOMER_NAME: "Customer name" / "customer name", "客户名称", "Nombre del cliente" / "nombre del cliente";
    ORDER_DATE: "Order date" / "order date", "下单日期", "Fecha del pedido" / "fecha del pedido";
    SALES: "Sales" / "sales", "销售额", "Ventas" / "ventas";
    SALES_AMOUNT: "Sales amount" / "sales amount", "销售额", "Importe de ventas" / "importe de ventas";
    PROFIT: "Profit" / "profit", "利润", "Beneficio" / "beneficio";
    COST: "Cost" / "cost", "成本", "Coste" / "coste";
    PRODUCT: "Product" / "product", "产品", "Producto" / "producto";
    DUE_DATE: "Due date" / "due date", "到期日", "Fecha de vencimiento" / "fecha de vencimiento";
    PAID_DATE: "Paid date" / "paid date", "付款日期", "Fecha de pago" / "fecha de pago";
    STATUS: "Status" / "status", "状态", "Estado" / "estado";
    ORDERS: "Orders" / "orders", "订单数", "Pedidos" / "pedidos";
    ORDER_COUNT: "Order count" / "order count", "订单数", "Número de pedidos" / "número de pedidos";
    FIRST_ORDER: "First order date" / "first order date", "首次下单日期", "Primer pedido" / "primer pedido";
    LAST_ORDER: "Last order date" / "last order date", "最近下单日期", "Último pedido" / "último pedido";
    DAYS_LATE: "Average days late" / "average days late", "平均逾期天数", "Días medios de retraso" / "días medios de retraso";
    ON_TIME_SHARE: "On-time share" / "on-time share", "按时付款比例", "Pagos puntuales" / "pagos puntuales";
    OVERDUE_AMOUNT: "Overdue amount" / "overdue amount", "逾期金额", "Importe vencido" / "importe vencido";
    OVERDUE_DAYS: "Overdue days" / "overdue days", "逾期天数", "Días vencidos" / "días vencidos";
    CREDIT_RATING: "Credit rating" / "credit rating", "信用等级", "Calificación crediticia" / "calificación crediticia";
    CREDIT: "Credit" / "credit", "信用", "Crédito" / "crédito";
    SHARE_OF_WALLET: "Share of wallet" / "share of wallet", "钱包份额", "Cuota de cartera" / "cuota de cartera";
    UPCOMING_VOLUME: "Upcoming volume" / "upcoming volume", "预计采购量", "Volumen previsto" / "volumen previsto";
    CLOSE_PROBABILITY: "Close probability" / "close probability", "成交概率", "Probabilidad de cierre" / "probabilidad de cierre";
    EXPECTED_CLOSE: "Expected close date" / "expected close date", "预计成交日期", "Fecha prevista de cierre" / "fecha prevista de cierre";
    PROSPECTS: "Development prospects" / "development prospects", "发展前景", "Perspectivas de desarrollo" / "perspectivas de desarrollo";
    DIFFICULTY: "Development difficulty" / "development difficulty", "开发难度", "Dificultad de desarrollo" / "dificultad de desarrollo";
    FINANCIAL_STATUS: "Financial status" / "financial status", "财务状况", "Situación financiera" / "situación financiera";
    GROWTH: "Growth" / "growth", "增长率", "Crecimiento" / "crecimiento";
    ATTITUDE: "Attitude" / "attitude", "合作态度", "Actitud" / "actitud";
    LOYALTY: "Loyalty" / "loyalty", "忠诚度", "Lealtad" / "lealtad";
    OWNER: "Owner" / "owner", "负责人", "Responsable" / "responsable";
    REGION: "Region" / "region", "地区", "Región" / "región";
    INDUSTRY: "Industry" / "industry", "行业", "Sector" / "sector";
}

/// The term a field of the data is called by.
pub fn field(f: Field) -> Term {
    use Field::*;
    match f {
        CustomerId => CUSTOMER_ID,
        CustomerName => CUSTOMER_NAME,
        Date => ORDER_DATE,
        Amount => SALES_AMOUNT,
        Profit => PROFIT,
        Cost => COST,
        Product => PRODUCT,
        DueDate => DUE_DATE,
        PaidDate => PAID_DATE,
        Status => STATUS,
        Orders => ORDER_COUNT,
        FirstOrder => FIRST_ORDER,
        LastOrder => LAST_ORDER,
        AvgDaysLate => DAYS_LATE,
        OnTimeShare => ON_TIME_SHARE,
        OverdueAmount => OVERDUE_AMOUNT,
        OverdueDays => OVERDUE_DAYS,
        CreditRating => CREDIT_RATING,
        ShareOfWallet => SHARE_OF_WALLET,
        UpcomingVolume => UPCOMING_VOLUME,
        CloseProbability => CLOSE_PROBABILITY,
        ExpectedClose => EXPECTED_CLOSE,
        Prospects => PROSPECTS,
        Difficulty => DIFFICULTY,
        FinancialStatus => FINANCIAL_STATUS,
        Growth => GROWTH,
        Attitude => ATTITUDE,
        Loyalty => LOYALTY,
        Owner => OWNER,
        Region => REGION,
        Industry => INDUSTRY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capitalised(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_sentence_form_is_the_heading_in_lower_case() {
        for t in ALL {
            assert_eq!(capitalised(t.lower.en), t.title.en);
            assert_eq!(capitalised(t.lower.es), t.title.es);
            assert_eq!(t.lower.zh, t.title.zh);
        }
    }

    #[test]
    fn every_field_has_its_own_term() {
        let mut seen = std::collections::HashSet::new();
        for f in Field::ALL {
            assert!(seen.insert(field(f).title.en), "{f:?} shares a name");
        }
    }
}

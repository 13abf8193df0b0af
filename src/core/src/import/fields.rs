//! The fields a column can map to, and the zh-CN / en / es header synonym table.

use serde::{Deserialize, Serialize};

/// What a column means. A customer table and a transaction log share this vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    CustomerId,
    CustomerName,
    /// Order or invoice date (transaction log).
    Date,
    /// Sales amount: per order in a log, the total in a customer table.
    Amount,
    Profit,
    Cost,
    Product,
    DueDate,
    PaidDate,
    /// Deal status in a customer table; order status (e.g. cancelled) in a log.
    Status,
    Orders,
    FirstOrder,
    LastOrder,
    AvgDaysLate,
    OnTimeShare,
    OverdueAmount,
    OverdueDays,
    CreditRating,
    ShareOfWallet,
    UpcomingVolume,
    CloseProbability,
    ExpectedClose,
    Prospects,
    Difficulty,
    FinancialStatus,
    Growth,
    Attitude,
    Loyalty,
    Owner,
    Region,
    Industry,
}

impl Field {
    pub const ALL: [Field; 31] = [
        Field::CustomerId,
        Field::CustomerName,
        Field::Date,
        Field::Amount,
        Field::Profit,
        Field::Cost,
        Field::Product,
        Field::DueDate,
        Field::PaidDate,
        Field::Status,
        Field::Orders,
        Field::FirstOrder,
        Field::LastOrder,
        Field::AvgDaysLate,
        Field::OnTimeShare,
        Field::OverdueAmount,
        Field::OverdueDays,
        Field::CreditRating,
        Field::ShareOfWallet,
        Field::UpcomingVolume,
        Field::CloseProbability,
        Field::ExpectedClose,
        Field::Prospects,
        Field::Difficulty,
        Field::FinancialStatus,
        Field::Growth,
        Field::Attitude,
        Field::Loyalty,
        Field::Owner,
        Field::Region,
        Field::Industry,
    ];

    /// Stable English key, used in diagnostics, saved mappings and i18n keys.
    pub fn key(self) -> &'static str {
        match self {
            Field::CustomerId => "customer_id",
            Field::CustomerName => "customer_name",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Profit => "profit",
            Field::Cost => "cost",
            Field::Product => "product",
            Field::DueDate => "due_date",
            Field::PaidDate => "paid_date",
            Field::Status => "status",
            Field::Orders => "orders",
            Field::FirstOrder => "first_order",
            Field::LastOrder => "last_order",
            Field::AvgDaysLate => "avg_days_late",
            Field::OnTimeShare => "on_time_share",
            Field::OverdueAmount => "overdue_amount",
            Field::OverdueDays => "overdue_days",
            Field::CreditRating => "credit_rating",
            Field::ShareOfWallet => "share_of_wallet",
            Field::UpcomingVolume => "upcoming_volume",
            Field::CloseProbability => "close_probability",
            Field::ExpectedClose => "expected_close",
            Field::Prospects => "prospects",
            Field::Difficulty => "difficulty",
            Field::FinancialStatus => "financial_status",
            Field::Growth => "growth",
            Field::Attitude => "attitude",
            Field::Loyalty => "loyalty",
            Field::Owner => "owner",
            Field::Region => "region",
            Field::Industry => "industry",
        }
    }

    /// Header spellings, already normalised by [`normalize_header`], in en, zh-CN and es.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::CustomerId => &[
                "customerid",
                "clientid",
                "accountid",
                "id",
                "customerno",
                "customercode",
                "客户编号",
                "客户代码",
                "客户id",
                "客户编码",
                "编号",
                "idcliente",
                "códigocliente",
                "codigocliente",
                "códigodecliente",
                "codigodecliente",
                "código",
                "codigo",
                "nºcliente",
                "clientcode",
                "customernumber",
                "客户号",
                "客户代码号",
                "idcli",
                "númerodecliente",
                "numerodecliente",
            ],
            Field::CustomerName => &[
                "customer",
                "customername",
                "client",
                "clientname",
                "company",
                "account",
                "accountname",
                "客户",
                "客户名称",
                "客户名",
                "公司名称",
                "单位名称",
                "cliente",
                "nombrecliente",
                "nombredelcliente",
                "nombre",
                "razónsocial",
                "razonsocial",
                "empresa",
                "客户全称",
                "买家",
                "购买方",
                "购货单位",
                "buyer",
                "nombrecomercial",
            ],
            Field::Date => &[
                "date",
                "orderdate",
                "invoicedate",
                "transactiondate",
                "日期",
                "下单日期",
                "订单日期",
                "开票日期",
                "交易日期",
                "发货日期",
                "fecha",
                "fechapedido",
                "fechadepedido",
                "fechafactura",
                "fechadefactura",
                "销售日期",
                "单据日期",
                "业务日期",
                "成交日期",
                "saledate",
                "fechadeventa",
                "fechaventa",
                "fechaemisión",
                "fechaemision",
            ],
            Field::Amount => &[
                "amount",
                "sales",
                "revenue",
                "netsales",
                "salesamount",
                "orderamount",
                "invoiceamount",
                "total",
                "value",
                "金额",
                "销售额",
                "订单金额",
                "销售金额",
                "收入",
                "营业额",
                "成交金额",
                "importe",
                "ventas",
                "monto",
                "facturación",
                "facturacion",
                "valor",
                "importetotal",
                "含税金额",
                "价税合计",
                "实收金额",
                "销售收入",
                "净额",
                "netamount",
                "totalamount",
                "importeneto",
                "totalventas",
                "ventasnetas",
                "montototal",
            ],
            Field::Profit => &[
                "profit",
                "grossprofit",
                "margin",
                "grossmargin",
                "毛利",
                "利润",
                "毛利润",
                "毛利额",
                "margen",
                "margenbruto",
                "beneficio",
                "ganancia",
                "利润额",
                "毛利金额",
                "utilidad",
                "utilidadbruta",
                "netprofit",
            ],
            Field::Cost => &[
                "cost",
                "cogs",
                "costofsales",
                "成本",
                "销售成本",
                "coste",
                "costo",
                "costedeventas",
                "成本金额",
                "成本价",
                "costototal",
                "costodeventas",
                "totalcost",
            ],
            Field::Product => &[
                "product",
                "productname",
                "item",
                "sku",
                "产品",
                "产品名称",
                "商品",
                "商品名称",
                "品名",
                "producto",
                "artículo",
                "articulo",
                "物料",
                "物料名称",
                "存货名称",
                "商品名",
                "productos",
                "descripción",
                "descripcion",
                "productcategory",
                "品类",
            ],
            Field::DueDate => &[
                "duedate",
                "paymentdue",
                "到期日",
                "应收日期",
                "应付日期",
                "到期日期",
                "vencimiento",
                "fechavencimiento",
                "fechadevencimiento",
            ],
            Field::PaidDate => &[
                "paiddate",
                "paymentdate",
                "datepaid",
                "回款日期",
                "付款日期",
                "收款日期",
                "fechapago",
                "fechadepago",
                "fechacobro",
                "fechadecobro",
            ],
            Field::Status => &[
                "status",
                "dealstatus",
                "stage",
                "orderstatus",
                "状态",
                "客户状态",
                "成交状态",
                "订单状态",
                "estado",
                "estadodelcliente",
                "estadodelpedido",
                "单据状态",
                "orderstate",
                "situación",
                "situacion",
            ],
            Field::Orders => &[
                "orders",
                "ordercount",
                "numberoforders",
                "订单数",
                "订单数量",
                "下单次数",
                "pedidos",
                "númerodepedidos",
                "numerodepedidos",
            ],
            Field::FirstOrder => &[
                "firstorder",
                "firstorderdate",
                "首次下单",
                "首单日期",
                "首次下单日期",
                "primerpedido",
                "fechaprimerpedido",
            ],
            Field::LastOrder => &[
                "lastorder",
                "lastorderdate",
                "最近下单",
                "最后下单日期",
                "末次下单",
                "最近下单日期",
                "últimopedido",
                "ultimopedido",
                "fechaúltimopedido",
                "fechaultimopedido",
            ],
            Field::AvgDaysLate => &[
                "dayslate",
                "avgdayslate",
                "averagedayslate",
                "paymentdays",
                "逾期天数",
                "平均逾期天数",
                "回款天数",
                "díasdepago",
                "diasdepago",
                "díasderetraso",
                "diasderetraso",
            ],
            Field::OnTimeShare => &[
                "ontime",
                "ontimeshare",
                "ontimerate",
                "按时回款率",
                "准时付款率",
                "puntualidad",
            ],
            Field::OverdueAmount => &[
                "overdue",
                "overdueamount",
                "arrears",
                "逾期金额",
                "应收逾期",
                "欠款",
                "importevencido",
                "vencido",
                "morosidad",
                "应收",
                "应收账款",
                "应收金额",
                "逾期",
                "逾期款",
                "importependiente",
                "saldovencido",
                "pastdue",
                "outstanding",
            ],
            Field::OverdueDays => &[
                "overduedays",
                "daysoverdue",
                "账龄",
                "díasvencido",
                "diasvencido",
            ],
            Field::CreditRating => &[
                "credit",
                "creditrating",
                "creditscore",
                "信用",
                "信用等级",
                "信用评级",
                "信用评分",
                "calificacióncrediticia",
                "calificacioncrediticia",
                "crédito",
                "credito",
                "rating",
            ],
            Field::ShareOfWallet => &[
                "shareofwallet",
                "walletshare",
                "sow",
                "钱包份额",
                "份额",
                "采购份额",
                "我方份额",
                "cuotadecartera",
                "cuotadebilletera",
                "participación",
                "participacion",
            ],
            Field::UpcomingVolume => &[
                "upcomingvolume",
                "forecast",
                "upcomingpurchases",
                "expectedvolume",
                "forecastvolume",
                "预计采购量",
                "采购预测",
                "预计采购额",
                "未来采购量",
                "volumenprevisto",
                "previsión",
                "prevision",
                "compraprevista",
            ],
            Field::CloseProbability => &[
                "closeprobability",
                "probability",
                "winprobability",
                "成交概率",
                "成交可能性",
                "概率",
                "probabilidad",
                "probabilidaddecierre",
            ],
            Field::ExpectedClose => &[
                "expectedclose",
                "expectedclosedate",
                "closedate",
                "预计成交日期",
                "预计成交时间",
                "fechacierreprevista",
                "fechaprevistadecierre",
            ],
            Field::Prospects => &[
                "prospects",
                "developmentprospects",
                "outlook",
                "发展前景",
                "前景",
                "perspectivas",
                "perspectivasdedesarrollo",
            ],
            Field::Difficulty => &[
                "difficulty",
                "developmentdifficulty",
                "开发难度",
                "难度",
                "dificultad",
            ],
            Field::FinancialStatus => &[
                "financialstatus",
                "financial",
                "财务状况",
                "资金状况",
                "situaciónfinanciera",
                "situacionfinanciera",
                "solvencia",
            ],
            Field::Growth => &[
                "growth",
                "growthrate",
                "增长率",
                "成长性",
                "增长",
                "crecimiento",
            ],
            Field::Attitude => &["attitude", "态度", "合作态度", "actitud"],
            Field::Loyalty => &["loyalty", "忠诚度", "lealtad", "fidelidad"],
            Field::Owner => &[
                "owner",
                "salesrep",
                "rep",
                "accountmanager",
                "salesperson",
                "负责人",
                "销售员",
                "业务员",
                "客户经理",
                "销售代表",
                "vendedor",
                "comercial",
                "responsable",
                "gestor",
                "销售人员",
                "跟进人",
                "业务负责人",
                "agente",
                "ejecutivo",
                "ejecutivodecuenta",
                "accountowner",
            ],
            Field::Region => &[
                "region",
                "area",
                "territory",
                "区域",
                "地区",
                "大区",
                "región",
                "zona",
                "省份",
                "地域",
                "provincia",
                "country",
                "país",
                "pais",
            ],
            Field::Industry => &[
                "industry",
                "sector",
                "segment",
                "行业",
                "行业类别",
                "industria",
                "所属行业",
                "rubro",
                "actividad",
            ],
        }
    }
}

/// Lower-cases and drops spaces, `_ - . / : ( ) % # ？`, full-width brackets and similar, so
/// that "Customer ID", "customer_id" and "客户 ID（编号）" compare cleanly.
pub fn normalize_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-'
                        | '.'
                        | '/'
                        | ':'
                        | '('
                        | ')'
                        | '%'
                        | '#'
                        | '（'
                        | '）'
                        | '：'
                        | '*'
                        | '?'
                        | '？'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Maps each header to a field. Exact synonyms first, then, for the columns still unmapped,
/// the longest synonym the header contains ("销售额（元）" → amount, "Total sales 2024" →
/// amount). A synonym must be at least 4 ASCII letters or 2 other characters to count as
/// contained, so "id" does not match "paid". Every field is used at most once, the leftmost
/// column winning.
pub fn auto_map(headers: &[String]) -> Vec<Option<Field>> {
    let norms: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut out: Vec<Option<Field>> = vec![None; headers.len()];
    let mut taken: Vec<Field> = Vec::new();
    for (col, norm) in norms.iter().enumerate() {
        if norm.is_empty() {
            continue;
        }
        if let Some(f) = Field::ALL
            .iter()
            .copied()
            .find(|f| !taken.contains(f) && f.synonyms().contains(&norm.as_str()))
        {
            out[col] = Some(f);
            taken.push(f);
        }
    }
    for (col, norm) in norms.iter().enumerate() {
        if norm.is_empty() || out[col].is_some() {
            continue;
        }
        if let Some(f) = fuzzy(norm, &taken) {
            out[col] = Some(f);
            taken.push(f);
        }
    }
    out
}

/// The field whose longest synonym the normalised header contains. A header of digits (a
/// value, not a name) or longer than any name contains none worth matching: it is not
/// searched, so a wide or long row costs little.
fn fuzzy(norm: &str, taken: &[Field]) -> Option<Field> {
    if norm.len() > 200
        || norm
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_punctuation())
    {
        return None;
    }
    let long_enough = |s: &str| {
        if s.is_ascii() {
            s.len() >= 4
        } else {
            s.chars().count() >= 2
        }
    };
    Field::ALL
        .iter()
        .filter(|f| !taken.contains(f))
        .flat_map(|&f| f.synonyms().iter().map(move |&s| (f, s)))
        .filter(|&(_, s)| long_enough(s) && norm.contains(s))
        .max_by_key(|&(_, s)| s.chars().count())
        .map(|(f, _)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(headers: &[&str]) -> Vec<Option<Field>> {
        auto_map(&headers.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn three_languages_map_to_the_same_fields() {
        use Field::*;
        assert_eq!(
            map(&["Customer", "Date", "Amount", "Profit"]),
            [Some(CustomerName), Some(Date), Some(Amount), Some(Profit)]
        );
        assert_eq!(
            map(&["客户名称", "下单日期", "销售额", "毛利"]),
            [Some(CustomerName), Some(Date), Some(Amount), Some(Profit)]
        );
        assert_eq!(
            map(&["Cliente", "Fecha", "Importe", "Margen"]),
            [Some(CustomerName), Some(Date), Some(Amount), Some(Profit)]
        );
        assert_eq!(
            map(&["负责人", "vendedor", "Owner"]),
            [Some(Owner), None, None]
        );
    }

    #[test]
    fn the_synonym_table_covers_the_usual_headers_of_three_languages() {
        use Field::*;
        let table: &[(&str, Field)] = &[
            ("客户名称", CustomerName),
            ("cliente", CustomerName),
            ("customer", CustomerName),
            ("客户编号", CustomerId),
            ("Código cliente", CustomerId),
            ("销售额", Amount),
            ("importe", Amount),
            ("ventas", Amount),
            ("Sales", Amount),
            ("毛利", Profit),
            ("margen", Profit),
            ("profit", Profit),
            ("成本", Cost),
            ("coste", Cost),
            ("cost", Cost),
            ("下单日期", Date),
            ("fecha", Date),
            ("date", Date),
            ("应收", OverdueAmount),
            ("逾期", OverdueAmount),
            ("vencido", OverdueAmount),
            ("逾期天数", AvgDaysLate),
            ("días de pago", AvgDaysLate),
            ("负责人", Owner),
            ("vendedor", Owner),
            ("产品", Product),
            ("producto", Product),
            ("状态", Status),
            ("estado", Status),
            ("Due date", DueDate),
            ("Fecha de pago", PaidDate),
        ];
        for &(header, want) in table {
            assert_eq!(map(&[header]), [Some(want)], "{header:?}");
        }
    }

    #[test]
    fn contained_synonyms_map_after_exact_ones() {
        use Field::*;
        assert_eq!(
            map(&["销售额（元）", "客户名称(全称)", "Total sales 2024", "Paid"]),
            [Some(Amount), Some(CustomerName), None, None],
            "amount is taken by the first column; \"paid\" is too short to match"
        );
        assert_eq!(
            map(&["Importe neto €", "Cliente"]),
            [Some(Amount), Some(CustomerName)]
        );
        assert_eq!(
            map(&["Amount", "销售额"]),
            [Some(Amount), None],
            "each field once, leftmost wins"
        );
    }

    #[test]
    fn normalisation_ignores_case_spacing_and_punctuation() {
        assert_eq!(normalize_header("\u{feff} Customer_ID "), "customerid");
        assert_eq!(normalize_header("Share of wallet (%)"), "shareofwallet");
        assert_eq!(
            map(&["Customer ID", "Share of wallet (%)"]),
            [Some(Field::CustomerId), Some(Field::ShareOfWallet)]
        );
    }

    #[test]
    fn synonyms_are_normalised_and_unique_across_fields() {
        let mut seen = std::collections::HashMap::new();
        for f in Field::ALL {
            for s in f.synonyms() {
                assert_eq!(
                    normalize_header(s),
                    *s,
                    "synonym {s:?} of {f:?} is not normalised"
                );
                if let Some(prev) = seen.insert(*s, f) {
                    panic!("synonym {s:?} belongs to both {prev:?} and {f:?}");
                }
            }
        }
    }

    #[test]
    fn all_lists_every_field_once() {
        let mut keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Field::ALL.len());
    }
}

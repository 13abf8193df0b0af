//! The import's messages in the three languages: a refused file ([`ImportError`]), a
//! rejected row ([`Rejection`]) and why ([`Reason`]), a limit reached ([`Measure`]). English
//! is the `Display` of each (what the logs, the CLI and the tests read); the other languages
//! say the same with the same figures. A parser's own words never appear here: they are the
//! error's [`ImportError::detail`], for a "details" toggle.

use super::diagnostics::{ImportError, Reason, Rejection};
use super::limits::{bytes, Measure};
use crate::i18n::Lang;

/// `n` grouped as the language groups thousands: 1,234,567 (en, zh-CN), 1.234.567 (es).
fn count(n: u64, lang: Lang) -> String {
    crate::format::number(n as f64, 0, lang)
}

impl Reason {
    /// Why a row was rejected, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Lang::*;
        match (self, lang) {
            (_, En) => self.to_string(),
            (Reason::MissingCustomer, ZhCn) => "没有客户编号或名称".into(),
            (Reason::MissingCustomer, Es) => "sin id ni nombre de cliente".into(),
            (Reason::InvisibleId, ZhCn) => "客户编号只由不可见字符组成".into(),
            (Reason::InvisibleId, Es) => "el id de cliente solo tiene caracteres invisibles".into(),
            (Reason::BadNumber, ZhCn) => "不是数字".into(),
            (Reason::BadNumber, Es) => "no es un número".into(),
            (Reason::BadDate, ZhCn) => "不是日期".into(),
            (Reason::BadDate, Es) => "no es una fecha".into(),
            (Reason::WrongCellCount { expected, found }, ZhCn) => {
                format!("有 {found} 个单元格，而表头有 {expected} 列")
            }
            (Reason::WrongCellCount { expected, found }, Es) => {
                format!("{found} celdas donde el encabezado tiene {expected}")
            }
            (Reason::DuplicateId { first_row }, ZhCn) => {
                format!("客户编号已在第 {first_row} 行出现")
            }
            (Reason::DuplicateId { first_row }, Es) => {
                format!("id de cliente ya visto en la fila {first_row}")
            }
            (Reason::Cancelled, ZhCn) => "已取消的订单（状态列），不计入".into(),
            (Reason::Cancelled, Es) => "pedido cancelado (columna de estado), excluido".into(),
            // The reader's own words follow: they are the detail, kept as they are.
            (Reason::Unreadable(e), ZhCn) => format!("无法读取的记录：{e}"),
            (Reason::Unreadable(e), Es) => format!("registro ilegible: {e}"),
            (Reason::UnclosedQuote { lines }, ZhCn) => {
                format!("此单元格中的引号没有闭合：其后的 {lines} 行都被读进了这个单元格")
            }
            (Reason::UnclosedQuote { lines }, Es) => format!(
                "en esta celda se abren comillas que nunca se cierran: {} leída{} dentro",
                if *lines == 1 {
                    "la línea siguiente fue".to_string()
                } else {
                    format!("las {lines} líneas siguientes fueron")
                },
                if *lines == 1 { "" } else { "s" }
            ),
        }
    }
}

impl Rejection {
    /// "row 7, column "Amount", value "abc": not a number", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let reason = self.reason.text(lang);
        let (row, column, value, colon) = match lang {
            Lang::En => return self.to_string(),
            Lang::ZhCn => ("第 {} 行", "，列“{}”", "，值“{}”", "："),
            Lang::Es => ("fila {}", ", columna «{}»", ", valor «{}»", ": "),
        };
        let mut out = row.replace("{}", &self.row.to_string());
        if let Some(c) = &self.column {
            out.push_str(&column.replace("{}", c));
        }
        if !self.value.is_empty() {
            out.push_str(&value.replace("{}", &self.value));
        }
        out.push_str(colon);
        out.push_str(&reason);
        out
    }
}

impl Measure {
    /// [`Measure::describe`] in `lang`: "a row has 20,000 columns".
    pub fn describe_in(self, found: Option<u64>, limit: u64, lang: Lang) -> String {
        if lang == Lang::En {
            return self.describe(found, limit);
        }
        let amount = match (found, lang) {
            (Some(n), _) => self.figure(n, lang),
            (None, Lang::ZhCn) => format!("超过 {}", self.figure(limit, lang)),
            (None, _) => format!("más de {}", self.figure(limit, lang)),
        };
        match (self, lang) {
            (Measure::Columns, Lang::ZhCn) => format!("有一行有 {amount} 列"),
            (Measure::Columns, _) => format!("una fila tiene {amount} columnas"),
            (Measure::RowBytes, Lang::ZhCn) => format!("有一行长达 {amount}"),
            (Measure::RowBytes, _) => format!("una fila ocupa {amount}"),
            (Measure::Rows, Lang::ZhCn) => format!("有一个工作表有 {amount} 行"),
            (Measure::Rows, _) => format!("una hoja tiene {amount} filas"),
            (Measure::Cells, Lang::ZhCn) => format!("展开后有 {amount} 个单元格"),
            (Measure::Cells, _) => format!("se expande a {amount} celdas"),
            (Measure::UnpackedBytes, Lang::ZhCn) => format!("解压后有 {amount}"),
            (Measure::UnpackedBytes, _) => format!("descomprimido ocupa {amount}"),
            (Measure::CellBytes, Lang::ZhCn) => format!("有一个单元格长达 {amount}"),
            (Measure::CellBytes, _) => format!("una celda ocupa {amount}"),
            (Measure::ExpandedBytes, Lang::ZhCn) => {
                format!("重复的单元格展开后有 {amount} 文本")
            }
            (Measure::ExpandedBytes, _) => {
                format!("sus celdas repetidas se expanden a {amount} de texto")
            }
        }
    }

    /// The limit as a figure in `lang`: "16,384" / "16.384", "1 GiB".
    pub fn limit_in(self, limit: u64, lang: Lang) -> String {
        self.figure(limit, lang)
    }

    fn figure(self, n: u64, lang: Lang) -> String {
        if self.is_bytes() {
            let b = bytes(n);
            if lang == Lang::Es {
                b.replace('.', ",")
            } else {
                b
            }
        } else {
            count(n, lang)
        }
    }
}

/// The kind of document a text that is no table is ([`super::decode::not_a_table`]), in
/// `lang`.
fn document(what: &str, lang: Lang) -> String {
    let t = match what {
        "a PDF document" => ("PDF 文档", "un documento PDF"),
        "a web page (HTML)" => ("网页（HTML）", "una página web (HTML)"),
        "an XML document" => ("XML 文档", "un documento XML"),
        "a JSON document" => ("JSON 文档", "un documento JSON"),
        other => return other.to_string(),
    };
    match lang {
        Lang::En => what.to_string(),
        Lang::ZhCn => t.0.to_string(),
        Lang::Es => t.1.to_string(),
    }
}

/// A field the shape needs, named as the mapping editor names it.
fn field(key: &str, lang: Lang) -> String {
    use crate::import::Field;
    let f = match key {
        "customer" => Field::CustomerId,
        "amount" => Field::Amount,
        "date" => Field::Date,
        other => return other.to_string(),
    };
    crate::classify::explain::field_name(f)
        .get(lang)
        .to_string()
}

impl ImportError {
    /// What happened, for the user, in `lang`: the file named, what it means, what to do.
    /// The parser's words are not in it ([`ImportError::detail`]).
    pub fn message_in(&self, lang: Lang) -> String {
        use ImportError::*;
        let zh = lang == Lang::ZhCn;
        match self {
            _ if lang == Lang::En => self.to_string(),
            Empty { file } if zh => format!("{file} 是空文件。"),
            Empty { file } => format!("{file} está vacío."),
            NotText { file } if zh => {
                format!("{file} 不是表格：它是二进制数据，既不是文本也不是电子表格。")
            }
            NotText { file } => format!(
                "{file} no es una tabla: contiene datos binarios, ni texto ni una hoja de cálculo."
            ),
            NotATable { file, what } if zh => {
                format!("{file} 不是表格：它是{}。", document(what, lang))
            }
            NotATable { file, what } => {
                format!("{file} no es una tabla: es {}.", document(what, lang))
            }
            NoHeader { file } if zh => format!("{file} 没有给各列命名的表头行。"),
            NoHeader { file } => {
                format!("{file} no tiene una fila de encabezado que nombre sus columnas.")
            }
            MissingField { file, field: f } if zh => {
                format!("{file} 没有“{}”列；请手动指定一列。", field(f, lang))
            }
            MissingField { file, field: f } => format!(
                "{file} no tiene una columna de «{}»; asígnela a mano.",
                field(f, lang)
            ),
            NotSpreadsheet { file, .. } if zh => {
                format!("{file} 不是可读取的工作簿（可能已损坏，或并非其扩展名所示的格式）。")
            }
            NotSpreadsheet { file, .. } => format!(
                "{file} no es un libro legible (puede estar dañado o no ser del tipo que indica \
                 su extensión)."
            ),
            ZipBomb { file, .. } if zh => {
                format!("{file} 被拒绝：该工作簿声称解压后的数据远多于其实际内容（“压缩炸弹”）。")
            }
            ZipBomb { file, .. } => format!(
                "{file} se rechaza: el libro dice descomprimirse en muchos más datos de los que \
                 contiene (una «bomba zip»)."
            ),
            TooLarge {
                file,
                what,
                found,
                limit,
                ..
            } if zh => format!(
                "{file} 太大，无法打开：{}；上限为 {}。",
                what.describe_in(*found, *limit, lang),
                what.limit_in(*limit, lang)
            ),
            TooLarge {
                file,
                what,
                found,
                limit,
                ..
            } => format!(
                "{file} es demasiado grande para abrirlo: {}; el límite es {}.",
                what.describe_in(*found, *limit, lang),
                what.limit_in(*limit, lang)
            ),
            NoSuchSheet { file, sheet } if zh => format!("{file} 中没有名为“{sheet}”的工作表。"),
            NoSuchSheet { file, sheet } => format!("{file} no tiene ninguna hoja «{sheet}»."),
            NoData { file } if zh => format!("{file} 的每个工作表都是空的。"),
            NoData { file } => format!("Todas las hojas de {file} están vacías."),
            NoUsableRows { file, report } if report.rows_read == 0 => {
                if zh {
                    format!("{file} 有表头，但下面没有数据行。")
                } else {
                    format!("{file} tiene encabezado pero ninguna fila debajo.")
                }
            }
            NoUsableRows { file, report } if zh => format!(
                "{file} 的 {} 行都无法使用：每一行都被拒绝了（见被拒绝的行）。",
                count(report.rows_read as u64, lang)
            ),
            NoUsableRows { file, report } => format!(
                "No se pudo usar ninguna de las {} fila{} de {file}: todas se rechazaron (vea \
                 las filas rechazadas).",
                count(report.rows_read as u64, lang),
                if report.rows_read == 1 { "" } else { "s" }
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::diagnostics::ImportReport;

    fn errors() -> Vec<ImportError> {
        let f = || "x.csv".to_string();
        let report = |rows_read| {
            Box::new(ImportReport {
                rows_read,
                ..Default::default()
            })
        };
        vec![
            ImportError::Empty { file: f() },
            ImportError::NotText { file: f() },
            ImportError::NotATable {
                file: f(),
                what: "a JSON document".into(),
            },
            ImportError::NoHeader { file: f() },
            ImportError::MissingField {
                file: f(),
                field: "amount".into(),
            },
            ImportError::NotSpreadsheet {
                file: f(),
                detail: "invalid Zip archive: Could not find EOCD".into(),
            },
            ImportError::ZipBomb {
                file: f(),
                detail: "xl/worksheets/sheet1.xml".into(),
            },
            ImportError::TooLarge {
                file: f(),
                what: Measure::Columns,
                found: Some(20_000),
                limit: 16_384,
                detail: String::new(),
            },
            ImportError::TooLarge {
                file: f(),
                what: Measure::UnpackedBytes,
                found: None,
                limit: 1 << 30,
                detail: String::new(),
            },
            ImportError::NoSuchSheet {
                file: f(),
                sheet: "Q1".into(),
            },
            ImportError::NoData { file: f() },
            ImportError::NoUsableRows {
                file: f(),
                report: report(0),
            },
            ImportError::NoUsableRows {
                file: f(),
                report: report(1234),
            },
        ]
    }

    /// Every refusal names the file in every language, English is the `Display`, and no
    /// parser's words reach the message.
    #[test]
    fn every_refusal_reads_in_three_languages() {
        for e in errors() {
            assert_eq!(e.message_in(Lang::En), e.to_string());
            let zh = e.message_in(Lang::ZhCn);
            let es = e.message_in(Lang::Es);
            for m in [&zh, &es] {
                assert!(m.contains("x.csv"), "{m}");
                assert!(!m.contains("EOCD") && !m.contains("sheet1.xml"), "{m}");
            }
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert_ne!(es, e.to_string(), "{es}");
        }
        let too_many = &errors()[7];
        assert!(too_many.message_in(Lang::Es).contains("20.000"));
        assert!(too_many.message_in(Lang::Es).contains("16.384"));
        assert!(too_many.message_in(Lang::ZhCn).contains("20,000"));
        assert!(errors()[12].message_in(Lang::Es).contains("1.234 filas"));
        assert!(errors()[4].message_in(Lang::ZhCn).contains("销售额"));
        assert!(errors()[2]
            .message_in(Lang::Es)
            .contains("un documento JSON"));
    }

    #[test]
    fn a_rejected_row_reads_in_three_languages() {
        let r = Rejection {
            row: 7,
            column: Some("Amount".into()),
            value: "abc".into(),
            reason: Reason::BadNumber,
        };
        assert_eq!(r.message(Lang::En), r.to_string());
        assert_eq!(
            r.message(Lang::ZhCn),
            "第 7 行，列“Amount”，值“abc”：不是数字"
        );
        assert_eq!(
            r.message(Lang::Es),
            "fila 7, columna «Amount», valor «abc»: no es un número"
        );
        let q = Reason::UnclosedQuote { lines: 1 };
        assert_eq!(
            q.text(Lang::Es),
            "en esta celda se abren comillas que nunca se cierran: la línea siguiente fue \
             leída dentro"
        );
        let q = Reason::UnclosedQuote { lines: 5 };
        assert!(q
            .text(Lang::Es)
            .contains("las 5 líneas siguientes fueron leídas"));
    }
}

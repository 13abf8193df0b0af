//! The workbook's small sheets as rows of cells: Classes, Staffing and Settings, and the
//! headers of Rejected rows. Their texts are in the chosen language; keys stay stable.

use super::columns::{Cell, Num, Plan};
use super::{Options, RejectedRow, Source};
use crate::classify::explain::what;
use crate::classify::{lookup, Engine, Method};
use crate::i18n::{Lang, Tr};
use crate::import::Shape;
use std::borrow::Cow;

/// A sheet's rows (a bold row is a title or a header) and its look.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub rows: Vec<(Vec<Cell<'static>>, bool)>,
    pub widths: Vec<f64>,
}

impl Table {
    fn new(widths: &[f64]) -> Table {
        Table {
            rows: Vec::new(),
            widths: widths.to_vec(),
        }
    }

    fn bold(&mut self, cells: Vec<Cell<'static>>) {
        self.rows.push((cells, true));
    }

    fn row(&mut self, cells: Vec<Cell<'static>>) {
        self.rows.push((cells, false));
    }

    fn blank(&mut self) {
        self.rows.push((Vec::new(), false));
    }

    pub fn cols(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.0.len())
            .max()
            .unwrap_or(0)
            .max(self.widths.len())
    }
}

pub(crate) const CUSTOMERS: Tr = Tr::new("Customers", "客户", "Clientes");
pub(crate) const CLASSES: Tr = Tr::new("Classes", "类别", "Clases");
pub(crate) const STAFFING: Tr = Tr::new("Staffing", "人员配置", "Personal");
pub(crate) const SETTINGS: Tr = Tr::new("Settings", "设置", "Ajustes");
pub(crate) const REJECTED: Tr = Tr::new("Rejected rows", "被拒绝的行", "Filas rechazadas");
/// The workbook's title (document properties).
pub(crate) const TITLE: Tr = Tr::new(
    "Tierwise: customer classes",
    "Tierwise：客户分级结果",
    "Tierwise: clases de clientes",
);

const CLASS: Tr = Tr::new("Class", "类别", "Clase");
const CLASS_KEY: Tr = Tr::new("Class key", "类别键", "Clave de clase");
const CUSTOMER_COUNT: Tr = Tr::new("Customers", "客户数", "Clientes");
const SHARE_CUSTOMERS: Tr = Tr::new("Share of customers", "客户占比", "Cuota de clientes");
const SHARE_SALES: Tr = Tr::new("Share of sales", "销售额占比", "Cuota de ventas");
const STRATEGY: Tr = Tr::new("Strategy", "策略", "Estrategia");
const ACTIONS: Tr = Tr::new("Actions", "行动", "Acciones");
const NOT_CLASSED: Tr = Tr::new("Not classed", "未分类", "Sin clasificar");
const CLASSED: Tr = Tr::new("Classed customers", "已分类客户", "Clientes clasificados");
const ABC_CLASS: Tr = Tr::new("ABC class", "ABC 类别", "Clase ABC");
const PER_REP: Tr = Tr::new(
    "Customers per rep",
    "每名销售负责的客户数",
    "Clientes por comercial",
);
const REPS_NEEDED: Tr = Tr::new("Reps needed", "所需销售人数", "Comerciales necesarios");
const REPS_AVAILABLE: Tr = Tr::new("Reps available", "现有销售人数", "Comerciales disponibles");
const SURPLUS: Tr = Tr::new(
    "Surplus (+) or shortfall (−)",
    "富余（+）或缺口（−）",
    "Excedente (+) o déficit (−)",
);
const TOTAL: Tr = Tr::new("Total", "合计", "Total");
const BY_OWNER: Tr = Tr::new("By owner", "按负责人", "Por responsable");
const OWNER: Tr = crate::glossary::OWNER.title;
const NO_OWNER: Tr = Tr::new("No owner", "无负责人", "Sin responsable");
const SETTING: Tr = Tr::new("Setting", "设置项", "Ajuste");
const VALUE: Tr = Tr::new("Value", "值", "Valor");
const EXPORT: Tr = Tr::new("This export", "本次导出", "Esta exportación");
const LANGUAGE: Tr = Tr::new("Language", "语言", "Idioma");
const EXPORTED: Tr = Tr::new("Customers exported", "导出的客户数", "Clientes exportados");
const IN_DATA: Tr = Tr::new(
    "Customers in the data",
    "数据中的客户数",
    "Clientes en los datos",
);
const AS_OF: Tr = Tr::new(
    "Reference date (newest order)",
    "参考日期（最近订单）",
    "Fecha de referencia (último pedido)",
);
const CREATED: Tr = Tr::new("Created", "创建时间", "Creado");
const VERSION: Tr = Tr::new(
    "Tierwise core version",
    "Tierwise 核心版本",
    "Versión del núcleo de Tierwise",
);
const IN_FORCE: Tr = Tr::new("Settings in force", "当前生效的设置", "Ajustes vigentes");
const SOURCES: Tr = Tr::new("Data sources", "数据来源", "Fuentes de datos");
const FILE: Tr = Tr::new("File", "文件", "Archivo");
const KIND: Tr = Tr::new("Kind", "类型", "Tipo");
const FORMAT: Tr = Tr::new("Format", "格式", "Formato");
const ENCODING: Tr = Tr::new("Encoding", "编码", "Codificación");
const SHEET: Tr = Tr::new("Sheet", "工作表", "Hoja");
const ROWS_READ: Tr = Tr::new("Rows read", "读取行数", "Filas leídas");
const ROWS_USED: Tr = Tr::new("Rows used", "使用行数", "Filas usadas");
const ROWS_REJECTED: Tr = Tr::new("Rows rejected", "拒绝行数", "Filas rechazadas");
const CUSTOMER_TABLE: Tr = Tr::new("Customer table", "客户表", "Tabla de clientes");
const TRANSACTION_LOG: Tr = Tr::new("Transaction log", "交易记录", "Registro de transacciones");
const LEFT_OUT: Tr = Tr::new(
    "Methods left out of the Customers sheet",
    "未列入客户表的方法",
    "Métodos que no figuran en la hoja de clientes",
);
const METHOD: Tr = Tr::new("Method", "方法", "Método");
const KEY: Tr = Tr::new("Key", "键", "Clave");
const REASON: Tr = Tr::new("Reason", "原因", "Motivo");
const NEEDS: Tr = Tr::new(
    "Columns needed (any of, keys)",
    "所需列（任一，键）",
    "Columnas necesarias (cualquiera, claves)",
);
const ROW: Tr = Tr::new("Row", "行", "Fila");
const COLUMN: Tr = Tr::new("Column", "列", "Columna");

fn t(tr: Tr, lang: Lang) -> Cell<'static> {
    Cell::Text(Cow::Borrowed(tr.get(lang)))
}

fn s(text: impl Into<String>) -> Cell<'static> {
    Cell::Text(Cow::Owned(text.into()))
}

fn k(key: &'static str) -> Cell<'static> {
    Cell::Text(Cow::Borrowed(key))
}

fn n(v: f64, num: Num) -> Cell<'static> {
    Cell::number(Some(v), num)
}

/// One block per listed method with classes: per class its count, share of customers, sales,
/// share of sales, profit, strategy and actions (`lookup::summary`).
pub(crate) fn classes(engine: &Engine, lang: Lang) -> Table {
    let mut tb = Table::new(&[26.0, 14.0, 11.0, 11.0, 15.0, 11.0, 15.0, 40.0, 70.0]);
    let (p, all) = (engine.prepared(), engine.results());
    let sep = crate::format::list_separator(lang);
    for m in Method::ALL {
        if m.classes().is_empty() {
            continue;
        }
        tb.bold(vec![s(format!("{} [{}]", m.name().get(lang), m.key()))]);
        let summary = match lookup::summary(p, all, m) {
            Ok(x) => x,
            Err(missing) => {
                tb.row(vec![s(missing.message(lang))]);
                tb.blank();
                continue;
            }
        };
        tb.bold(vec![
            t(CLASS, lang),
            t(CLASS_KEY, lang),
            t(CUSTOMER_COUNT, lang),
            t(SHARE_CUSTOMERS, lang),
            t(what::SALES, lang),
            t(SHARE_SALES, lang),
            t(what::PROFIT, lang),
            t(STRATEGY, lang),
            t(ACTIONS, lang),
        ]);
        let settings = engine.settings();
        for r in summary
            .rows
            .iter()
            .filter(|r| m.class_shown(settings, r.class.key))
        {
            let st = r.class.strategy;
            let actions: Vec<&str> = st.actions.iter().map(|a| a.get(lang)).collect();
            tb.row(vec![
                s(m.class_name(settings, &r.class, lang)),
                k(r.class.key),
                n(r.count as f64, Num::Int),
                n(summary.share_of_customers(r), Num::Share),
                n(r.sales, Num::Money),
                n(summary.share_of_sales(r), Num::Share),
                Cell::number(r.profit, Num::Money),
                s(m.strategy_title(settings, &r.class, lang)),
                s(actions.join(sep)),
            ]);
        }
        tb.row(vec![
            t(CLASSED, lang),
            Cell::Empty,
            n(summary.classed as f64, Num::Int),
            Cell::Empty,
            n(summary.classed_sales, Num::Money),
            Cell::Empty,
            Cell::number(summary.classed_profit, Num::Money),
        ]);
        tb.row(vec![
            t(NOT_CLASSED, lang),
            Cell::Empty,
            n(summary.unclassed as f64, Num::Int),
        ]);
        tb.blank();
    }
    tb
}

/// The staffing plan: reps per ABC class and in total against those available, then per owner.
pub(crate) fn staffing(engine: &Engine, lang: Lang) -> Table {
    let mut tb = Table::new(&[24.0, 12.0, 12.0, 12.0, 14.0, 14.0, 22.0]);
    let plan = &engine.results().staffing;
    let abc = Method::Abc.classes();
    tb.bold(vec![s(format!(
        "{} [{}]",
        Method::Staffing.name().get(lang),
        Method::Staffing.key()
    ))]);
    tb.bold(vec![
        t(ABC_CLASS, lang),
        t(CLASS_KEY, lang),
        t(CUSTOMER_COUNT, lang),
        t(PER_REP, lang),
        t(REPS_NEEDED, lang),
    ]);
    for (c, class) in abc.iter().enumerate().take(3) {
        tb.row(vec![
            t(class.name, lang),
            k(class.key),
            n(plan.counts[c] as f64, Num::Int),
            n(plan.per_rep[c], Num::Plain),
            n(f64::from(plan.needed[c]), Num::Int),
        ]);
    }
    tb.row(vec![
        t(TOTAL, lang),
        Cell::Empty,
        n(plan.counts.iter().sum::<usize>() as f64, Num::Int),
        Cell::Empty,
        n(f64::from(plan.total_needed), Num::Int),
    ]);
    tb.row(vec![
        t(REPS_AVAILABLE, lang),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::number(plan.available.map(f64::from), Num::Int),
    ]);
    tb.row(vec![
        t(SURPLUS, lang),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::number(plan.surplus.map(|x| x as f64), Num::Int),
    ]);
    tb.blank();
    tb.bold(vec![t(BY_OWNER, lang)]);
    let mut head = vec![t(OWNER, lang)];
    head.extend(abc.iter().take(3).map(|c| t(c.name, lang)));
    head.extend([
        t(REPS_NEEDED, lang),
        t(REPS_AVAILABLE, lang),
        t(SURPLUS, lang),
    ]);
    tb.bold(head);
    for o in &plan.owners {
        let mut row = vec![s(o.owner.clone())];
        row.extend(o.counts.iter().map(|&c| n(c as f64, Num::Int)));
        row.extend([
            n(f64::from(o.needed), Num::Int),
            Cell::number(o.available.map(f64::from), Num::Int),
            Cell::number(o.surplus.map(|x| x as f64), Num::Int),
        ]);
        tb.row(row);
    }
    if plan.unowned.iter().any(|&c| c > 0) {
        let mut row = vec![t(NO_OWNER, lang)];
        row.extend(plan.unowned.iter().map(|&c| n(c as f64, Num::Int)));
        tb.row(row);
    }
    tb
}

/// Every setting in force (the settings' JSON flattened to `section.field` rows), what the
/// export covered, the data sources with their row accounting, and the methods left out of
/// the Customers sheet with the column each lacks: enough to reproduce the result.
pub(crate) fn settings(engine: &Engine, plan: &Plan, options: &Options, exported: usize) -> Table {
    let lang = options.lang;
    let mut tb = Table::new(&[36.0, 28.0, 14.0, 12.0, 14.0, 12.0, 12.0, 12.0]);
    let ds = &engine.prepared().ds;
    tb.bold(vec![t(EXPORT, lang)]);
    tb.row(vec![t(LANGUAGE, lang), k(lang.tag())]);
    tb.row(vec![t(EXPORTED, lang), n(exported as f64, Num::Int)]);
    tb.row(vec![t(IN_DATA, lang), n(ds.len() as f64, Num::Int)]);
    tb.row(vec![
        t(AS_OF, lang),
        ds.as_of.map_or(Cell::Empty, Cell::Date),
    ]);
    if let Some(c) = options.created {
        tb.row(vec![
            t(CREATED, lang),
            s(c.format("%Y-%m-%d %H:%M:%S").to_string()),
        ]);
    }
    tb.row(vec![t(VERSION, lang), k(env!("CARGO_PKG_VERSION"))]);
    tb.blank();

    tb.bold(vec![t(IN_FORCE, lang)]);
    tb.bold(vec![t(SETTING, lang), t(VALUE, lang)]);
    let json = serde_json::to_value(engine.settings()).unwrap_or_default();
    let mut flat = Vec::new();
    flatten(&json, String::new(), &mut flat);
    for (key, value) in flat {
        tb.row(vec![s(key), value]);
    }
    tb.blank();

    tb.bold(vec![t(SOURCES, lang)]);
    tb.bold(vec![
        t(FILE, lang),
        t(KIND, lang),
        t(FORMAT, lang),
        t(ENCODING, lang),
        t(SHEET, lang),
        t(ROWS_READ, lang),
        t(ROWS_USED, lang),
        t(ROWS_REJECTED, lang),
    ]);
    for src in &options.sources {
        tb.row(source_row(src, lang));
    }
    tb.blank();

    tb.bold(vec![t(LEFT_OUT, lang)]);
    tb.bold(vec![
        t(METHOD, lang),
        t(KEY, lang),
        t(REASON, lang),
        t(NEEDS, lang),
    ]);
    for (m, missing) in plan.left_out() {
        let keys: Vec<&str> = missing.any_of.iter().map(|f| f.key()).collect();
        tb.row(vec![
            t(m.name(), lang),
            k(m.key()),
            s(missing.message(lang)),
            s(keys.join(";")),
        ]);
    }
    tb
}

fn source_row(src: &Source, lang: Lang) -> Vec<Cell<'static>> {
    let kind = match src.shape {
        Shape::Customers => CUSTOMER_TABLE,
        Shape::Transactions => TRANSACTION_LOG,
    };
    vec![
        s(src.file.clone()),
        t(kind, lang),
        s(src.format.clone()),
        s(src.encoding.clone()),
        src.sheet.clone().map_or(Cell::Empty, s),
        n(src.rows_read as f64, Num::Int),
        n(src.rows_used as f64, Num::Int),
        n(src.rows_rejected as f64, Num::Int),
    ]
}

/// A JSON value as `key → value` rows: objects by `.field`, arrays by `.index`; an empty
/// array or object is written `[]` or `{}`, so every setting has its row.
fn flatten(v: &serde_json::Value, key: String, out: &mut Vec<(String, Cell<'static>)>) {
    use serde_json::Value as J;
    let join = |k: &str| {
        if key.is_empty() {
            k.to_string()
        } else {
            format!("{key}.{k}")
        }
    };
    match v {
        J::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                flatten(v, join(k), out);
            }
        }
        J::Array(items) if !items.is_empty() => {
            for (k, v) in items.iter().enumerate() {
                flatten(v, join(&k.to_string()), out);
            }
        }
        J::Object(_) => out.push((key, k("{}"))),
        J::Array(_) => out.push((key, k("[]"))),
        J::Null => out.push((key, Cell::Empty)),
        J::Bool(b) => out.push((key, k(if *b { "true" } else { "false" }))),
        J::Number(x) => out.push((key, Cell::number(x.as_f64(), Num::Plain))),
        J::String(x) => out.push((key, s(x.clone()))),
    }
}

/// The Rejected rows sheet's header.
pub(crate) fn rejected_header(lang: Lang) -> Vec<Cell<'static>> {
    vec![
        t(FILE, lang),
        t(ROW, lang),
        t(COLUMN, lang),
        t(VALUE, lang),
        t(REASON, lang),
    ]
}

pub(crate) const REJECTED_WIDTHS: [f64; 5] = [24.0, 8.0, 20.0, 24.0, 50.0];

/// One rejected row's cells: text as text (the value is the user's, kept as read).
pub(crate) fn rejected_row(r: &RejectedRow) -> [Cell<'_>; 5] {
    [
        Cell::text(r.file.as_str()),
        Cell::Number(r.row as f64, Num::Int),
        Cell::text(r.column.as_str()),
        Cell::text(r.value.as_str()),
        Cell::text(r.reason.as_str()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_flatten_to_one_row_each() {
        let json = serde_json::json!({"a": {"x": 1.5, "on": true}, "list": [], "pins": ["=1"], "none": null});
        let mut out = Vec::new();
        flatten(&json, String::new(), &mut out);
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a.on", "a.x", "list", "none", "pins.0"]);
        assert_eq!(out[1].1, Cell::Number(1.5, Num::Plain));
        assert_eq!(out[4].1, Cell::text("=1"));
    }

    #[test]
    fn sheet_names_are_valid_in_every_language() {
        for l in Lang::ALL {
            for tr in [CUSTOMERS, CLASSES, STAFFING, SETTINGS, REJECTED] {
                let name = tr.get(l);
                assert!(!name.is_empty() && name.chars().count() <= 31, "{name}");
                assert!(
                    !name.contains([':', '\\', '/', '?', '*', '[', ']', '\'']),
                    "{name}"
                );
            }
        }
    }
}

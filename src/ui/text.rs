//! Every UI string, in en, zh-CN and es. [`Tr`] has one field per language, so a missing
//! translation does not compile.

pub use tierwise_core::i18n::{Lang, Plural, Tr};

pub const APP_TAGLINE: Tr = Tr::new(
    "Customer tiering workbench",
    "客户分级分类管理工作台",
    "Banco de trabajo para segmentar clientes",
);
pub const PRIVACY_NOTE: Tr = Tr::new(
    "Your data never leaves this browser.",
    "数据只在本浏览器中处理，绝不上传。",
    "Sus datos nunca salen de este navegador.",
);
pub const LANGUAGE: Tr = Tr::new("Language", "语言", "Idioma");
pub const SAMPLE_BANNER: Tr = Tr::new(
    "You are looking at sample data: a fictional industrial distributor with 300 customers and two years of orders. To use your own, drop a CSV file on the import panel or choose “Open file”.",
    "当前显示的是示例数据：一家虚构的工业品分销商，300 个客户和两年的订单。要使用自己的数据，请把 CSV 文件拖到导入面板，或点击“打开文件”。",
    "Está viendo datos de ejemplo: un distribuidor industrial ficticio con 300 clientes y dos años de pedidos. Para usar los suyos, arrastre un CSV al panel de importación o elija «Abrir archivo».",
);
pub const IMPORT_TITLE: Tr = Tr::new("Data", "数据", "Datos");
pub const OPEN_FILE: Tr = Tr::new("Open file", "打开文件", "Abrir archivo");
pub const DROP_HINT: Tr = Tr::new(
    "or drop a CSV here: a customer table (customer, sales, …) or a transaction log (customer, date, amount, …). Headers in English, Chinese or Spanish are recognised.",
    "或把 CSV 拖到这里：客户表（客户、销售额……）或交易明细（客户、日期、金额……）。可识别中文、英文和西班牙文表头。",
    "o arrastre aquí un CSV: una tabla de clientes (cliente, ventas, …) o un registro de transacciones (cliente, fecha, importe, …). Se reconocen encabezados en español, inglés y chino.",
);
pub const LOAD_SAMPLE: Tr = Tr::new(
    "Load sample data",
    "加载示例数据",
    "Cargar datos de ejemplo",
);
pub const CLEAR_DATA: Tr = Tr::new("Clear data", "清空数据", "Borrar datos");
pub const CANCEL: Tr = Tr::new("Cancel", "取消", "Cancelar");
pub const LOADING: Tr = Tr::new("Reading…", "正在读取……", "Leyendo…");
pub const SOURCE_MASTER: Tr = Tr::new("Customer table", "客户表", "Tabla de clientes");
pub const SOURCE_LOG: Tr = Tr::new("Transaction log", "交易明细", "Registro de transacciones");
pub const ROWS_READ: Tr = Tr::new("rows read", "读取行数", "filas leídas");
/// The row balance of an import, as a sentence of each language: `{read}`, `{used}` and
/// `{rejected}` are the counts (see [`fill`] and [`slots`]).
pub const ROWS_BALANCE: Tr = Tr::new(
    "{read} rows read = {used} used + {rejected} not used",
    "共读取 {read} 行 = 使用 {used} 行 + 未使用 {rejected} 行",
    "{read} filas leídas = {used} usadas + {rejected} sin usar",
);
/// Why rows were not used, right after the balance: `{n}` is the count.
pub const NOT_USED_CANCELLED: Plural = Plural::new(
    Tr::new(
        "{n} cancelled order",
        "已取消订单 {n} 行",
        "{n} pedido anulado",
    ),
    Tr::new(
        "{n} cancelled orders",
        "已取消订单 {n} 行",
        "{n} pedidos anulados",
    ),
);
pub const NOT_USED_DUPLICATE: Plural = Plural::new(
    Tr::new(
        "{n} repeated customer id",
        "重复的客户编号 {n} 行",
        "{n} id de cliente repetido",
    ),
    Tr::new(
        "{n} repeated customer ids",
        "重复的客户编号 {n} 行",
        "{n} ids de cliente repetidos",
    ),
);
pub const NOT_USED_ERRORS: Plural = Plural::new(
    Tr::new("{n} with an error", "有错误 {n} 行", "{n} con error"),
    Tr::new("{n} with errors", "有错误 {n} 行", "{n} con errores"),
);
/// Cancelled orders are not errors: said where they are counted.
pub const CANCELLED_NOT_ERRORS: Tr = Tr::new(
    "Cancelled orders are left out of sales on purpose; they are not errors.",
    "已取消的订单按规则不计入销售额，并非错误。",
    "Los pedidos anulados se excluyen de las ventas a propósito; no son errores.",
);

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, v) in args {
        out = out.replace(&format!("{{{name}}}"), v);
    }
    out
}

/// A piece of a template: text, or the name of a `{slot}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

/// `template` cut at its `{slots}`, for a view that puts an element in each slot.
pub fn slots(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Slot(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Why rows were not used, in a language: "6,568 cancelled orders, 3 with errors"; empty when
/// every row was used.
pub fn not_used_reasons(cancelled: usize, duplicates: usize, errors: usize, lang: Lang) -> String {
    let parts: Vec<String> = [
        (cancelled, NOT_USED_CANCELLED),
        (duplicates, NOT_USED_DUPLICATE),
        (errors, NOT_USED_ERRORS),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, p)| {
        fill(
            p.get(n as f64, lang),
            &[("n", crate::ui::format::int(n, lang))],
        )
    })
    .collect();
    parts.join(if lang == Lang::ZhCn { "，" } else { ", " })
}
pub const REJECTED_ROWS: Tr = Tr::new("Rejected rows", "被拒绝的行", "Filas rechazadas");
pub const DOWNLOAD_REJECTED: Tr = Tr::new(
    "Download rejected rows (CSV)",
    "下载被拒绝的行 (CSV)",
    "Descargar filas rechazadas (CSV)",
);
pub const MORE_REJECTED: Tr = Tr::new(
    "more in the download",
    "更多见下载文件",
    "más en la descarga",
);
pub const JOIN_LOG_ONLY: Tr = Tr::new(
    "customers in the log but not in the customer table",
    "个客户出现在交易明细中，但不在客户表中",
    "clientes en el registro pero no en la tabla de clientes",
);
pub const EMPTY_STATE: Tr = Tr::new(
    "No data yet. Open a CSV file or load the sample.",
    "还没有数据。请打开 CSV 文件或加载示例数据。",
    "Aún no hay datos. Abra un CSV o cargue el ejemplo.",
);

pub const OVERVIEW: Tr = Tr::new("Overview", "概览", "Resumen");
pub const CUSTOMERS: Tr = Tr::new("Customers", "客户数", "Clientes");
pub const EXISTING: Tr = Tr::new("existing", "已成交", "existentes");
pub const POTENTIAL: Tr = Tr::new("potential", "潜在", "potenciales");
pub const SALES: Tr = tierwise_core::glossary::SALES.title;
pub const SHARE_CUSTOMERS: Tr = Tr::new("% of customers", "客户占比", "% de clientes");
pub const SHARE_SALES: Tr = Tr::new("% of sales", "销售额占比", "% de ventas");
pub const COUNT: Tr = Tr::new("Customers", "客户数", "Clientes");
pub const CLASS: Tr = Tr::new("Class", "类别", "Clase");
pub const POLICY: Tr = Tr::new("Service policy", "服务策略", "Política de servicio");

pub const ABC_TITLE: Tr = Tr::new(
    "ABC / Pareto by sales",
    "按交易额 ABC / 帕累托分类",
    "ABC / Pareto por ventas",
);
pub const ABC_CHART_ALT: Tr = Tr::new(
    "Pareto curve: cumulative share of sales against share of customers, with the A, B and C bands. The table below gives the same figures.",
    "帕累托曲线：累计销售额占比与客户占比，标出 A、B、C 区间。下表给出相同数据。",
    "Curva de Pareto: porcentaje acumulado de ventas frente a porcentaje de clientes, con las bandas A, B y C. La tabla de abajo da las mismas cifras.",
);
pub const SLIDER_ABC_A: Tr = Tr::new(
    "A: first share of sales",
    "A 类：前段销售额占比",
    "A: primera parte de las ventas",
);
pub const SLIDER_ABC_B: Tr = Tr::new(
    "B: next share of sales",
    "B 类：随后的销售额占比",
    "B: siguiente parte de las ventas",
);
pub const C_IS_REST: Tr = Tr::new("C is the rest", "其余为 C 类", "C es el resto");

pub const TIERS_TITLE: Tr = Tr::new(
    "Existing customers by value",
    "已成交客户按价值分级",
    "Clientes existentes por valor",
);
pub const SLIDER_VIP: Tr = Tr::new(
    "VIP: top share of customers",
    "VIP：排名前列的客户占比",
    "VIP: primeros clientes",
);
pub const SLIDER_LARGE: Tr = Tr::new(
    "Large: next share",
    "大客户：随后的占比",
    "Grandes: siguiente parte",
);
pub const SLIDER_MEDIUM: Tr = Tr::new(
    "Medium: next share",
    "中客户：随后的占比",
    "Medianos: siguiente parte",
);
pub const SMALL_IS_REST: Tr = Tr::new("Small is the rest", "其余为小客户", "Pequeños es el resto");
pub const TIERS_BY_SALES: Tr = Tr::new(
    "Ranked by sales; cut-offs are shares of the existing customers.",
    "按销售额排名；分界为已成交客户数的百分比。",
    "Ordenados por ventas; los cortes son porcentajes de los clientes existentes.",
);

pub const RECOMPUTED: Tr = Tr::new(
    "Every method brought up to date in",
    "全部分类方法更新耗时",
    "Todos los métodos actualizados en",
);
pub const CONTROLS: Tr = Tr::new("Thresholds", "阈值", "Umbrales");
pub const RESET_DEFAULTS: Tr = Tr::new("Reset to defaults", "恢复默认值", "Restablecer valores");
pub const UNDO: Tr = Tr::new("Undo", "撤销", "Deshacer");
pub const NO_CURRENCY_SIGN: Tr = Tr::new("No sign", "不显示符号", "Sin símbolo");
pub const REDO: Tr = Tr::new("Redo", "重做", "Rehacer");
/// The keyboard shortcuts, in the undo and redo buttons' tooltips.
pub const UNDO_KEYS: Tr = Tr::new("Undo (Ctrl+Z)", "撤销（Ctrl+Z）", "Deshacer (Ctrl+Z)");
pub const REDO_KEYS: Tr = Tr::new(
    "Redo (Ctrl+Shift+Z or Ctrl+Y)",
    "重做（Ctrl+Shift+Z 或 Ctrl+Y）",
    "Rehacer (Ctrl+Mayús+Z o Ctrl+Y)",
);
pub const DATA_AND_WORKSPACE: Tr = Tr::new(
    "Data and workspace",
    "数据与工作区",
    "Datos y espacio de trabajo",
);
pub const SKIP_TO_CONTENT: Tr = Tr::new("Skip to content", "跳到正文", "Ir al contenido");
pub const NAV_METHODS: Tr = Tr::new("Methods", "分级方法", "Métodos");

pub const COLUMNS: Tr = Tr::new("Columns", "列映射", "Columnas");
pub const COLUMN: Tr = Tr::new("Column", "列", "Columna");
pub const MEANS: Tr = Tr::new("Means", "含义", "Significa");
pub const SAMPLES: Tr = Tr::new("Sample values", "示例值", "Valores de ejemplo");
pub const IGNORED: Tr = Tr::new("— ignored —", "— 忽略 —", "— ignorada —");
pub const SHAPE: Tr = Tr::new("Read as", "读取为", "Leer como");
pub const SHEET: Tr = Tr::new("Sheet", "工作表", "Hoja");
pub const DATE_ORDER_Q: Tr = Tr::new(
    "Dates such as 05/03/2024 can be read two ways. Read them as:",
    "类似 05/03/2024 的日期有两种读法，请选择：",
    "Las fechas como 05/03/2024 admiten dos lecturas. Leerlas como:",
);
pub const DAY_FIRST: Tr = Tr::new("day/month/year", "日/月/年", "día/mes/año");
pub const MONTH_FIRST: Tr = Tr::new("month/day/year", "月/日/年", "mes/día/año");
pub const DECIMAL_Q: Tr = Tr::new(
    "Numbers such as 1.234 can be read two ways. The decimal separator is:",
    "类似 1.234 的数字有两种读法，小数点是：",
    "Los números como 1.234 admiten dos lecturas. El separador decimal es:",
);
pub const DECIMAL_DOT: Tr = Tr::new("a dot (1.5)", "点（1.5）", "el punto (1.5)");
pub const DECIMAL_COMMA: Tr = Tr::new("a comma (1,5)", "逗号（1,5）", "la coma (1,5)");
pub const DETECTED: Tr = Tr::new("Detected", "检测结果", "Detectado");
pub const MAPPING_REMEMBERED: Tr = Tr::new(
    "Column mapping remembered from an earlier file with the same headers.",
    "已沿用之前相同表头文件的列映射。",
    "Asignación de columnas recordada de un archivo anterior con los mismos encabezados.",
);
pub const JOIN_MASTER_ONLY: Tr = Tr::new(
    "customers in the customer table with no orders in the log",
    "个客户在客户表中，但交易明细中没有订单",
    "clientes de la tabla sin pedidos en el registro",
);

pub const NAV_LABEL: Tr = Tr::new("Pages", "页面", "Páginas");
pub const NAV_CUSTOMERS: Tr = Tr::new("Customers", "客户列表", "Clientes");
pub const NAV_STAFFING: Tr = Tr::new("Staffing plan", "人员配置", "Plan de personal");
pub const NAV_SNAPSHOTS: Tr = Tr::new("Monthly reviews", "月度回顾", "Revisiones mensuales");
pub const DAYS: Plural = Plural::new(Tr::new("day", "天", "día"), Tr::new("days", "天", "días"));
pub const MONTHS: Plural = Plural::new(
    Tr::new("month", "个月", "mes"),
    Tr::new("months", "个月", "meses"),
);
pub const SHARE_PROFIT: Tr = Tr::new("% of profit", "利润占比", "% del beneficio");
pub const UNCLASSED: Tr = Tr::new("Not classed", "未分类", "Sin clasificar");
pub const UNCLASSED_HINT: Tr = Tr::new(
    "Customers this method leaves out: prospects for a value method, or a gap in the column it needs (a gap is never read as zero).",
    "本方法未纳入的客户：按价值分类时的潜在客户，或所需列缺值的客户（缺值绝不当作零）。",
    "Clientes que este método deja fuera: potenciales en un método de valor, o un hueco en la columna que necesita (un hueco nunca se lee como cero).",
);
pub const SHOW_CUSTOMERS: Tr =
    Tr::new("Show these customers", "查看这些客户", "Ver estos clientes");
pub const WHAT_CHANGED: Tr = Tr::new("What changed", "变化", "Qué cambió");
pub const CUSTOMERS_MOVED: Tr = Tr::new(
    "customers changed class",
    "个客户变更类别",
    "clientes cambiaron de clase",
);
pub const SALES_MOVED: Tr = Tr::new(
    "of sales re-classed",
    "的销售额重新分类",
    "de ventas reclasificadas",
);
pub const NOTHING_MOVED: Tr = Tr::new(
    "Move a control: the customers it moves between classes are summed up here.",
    "调整参数后，这里会汇总在各类别之间移动的客户。",
    "Mueva un control: aquí se resumen los clientes que pasan de una clase a otra.",
);
pub const NO_MOVE: Tr = Tr::new(
    "No customer changed class.",
    "没有客户变更类别。",
    "Ningún cliente cambió de clase.",
);
pub const SLIDER_VIP_MIN: Tr = Tr::new("VIP from", "VIP 门槛", "VIP desde");
pub const SLIDER_LARGE_MIN: Tr = Tr::new("Large from", "大客户门槛", "Grandes desde");
pub const SLIDER_MEDIUM_MIN: Tr = Tr::new("Medium from", "中客户门槛", "Medianos desde");
// Workspaces, storage and saved reviews.
pub const WORKSPACE_TITLE: Tr = Tr::new("Workspace", "工作区", "Espacio de trabajo");
pub const WORKSPACE_DEFAULT_NAME: Tr = Tr::new("Workspace", "工作区", "Espacio");
pub const WORKSPACE_NEW: Tr = Tr::new("New", "新建", "Nuevo");
pub const WORKSPACE_RENAME: Tr = Tr::new("Rename", "重命名", "Renombrar");
pub const WORKSPACE_DELETE: Tr = Tr::new("Delete", "删除", "Eliminar");
pub const WORKSPACE_NAME: Tr = Tr::new("Workspace name", "工作区名称", "Nombre del espacio");
pub const SAVE_REVIEW: Tr = Tr::new("Save the review", "保存评审", "Guardar la revisión");
pub const REVIEW_LABEL: Tr = Tr::new("Review name", "评审名称", "Nombre de la revisión");
pub const REVIEW_DATE: Tr = Tr::new("Review date", "评审日期", "Fecha de la revisión");
pub const REVIEW_DATE_HINT: Tr = Tr::new(
    "Set an earlier date to fill in a past month.",
    "选择较早的日期即可补填以前月份的评审。",
    "Elija una fecha anterior para completar un mes pasado.",
);
pub const REVIEW_REPLACE_ASK: Tr = Tr::new(
    "There is already a review for {date} (“{label}”). Replace it with the figures as they are now?",
    "{date}已有一份评审（“{label}”）。要用当前数据替换它吗？",
    "Ya hay una revisión del {date} («{label}»). ¿Reemplazarla con las cifras actuales?",
);
pub const REVIEW_REPLACE_YES: Tr = Tr::new("Replace it", "替换", "Reemplazarla");
pub const REVIEW_REPLACE_NO: Tr =
    Tr::new("Keep the saved one", "保留原评审", "Conservar la guardada");
pub const REVIEW_SAVED: Tr = Tr::new(
    "Review for {date} saved.",
    "{date}的评审已保存。",
    "Revisión del {date} guardada.",
);
pub const REVIEW_REPLACED: Tr = Tr::new(
    "The review for {date} was replaced.",
    "{date}的评审已被替换。",
    "Se reemplazó la revisión del {date}.",
);
pub const REVIEW_DELETED: Tr = Tr::new(
    "The review for {date} was deleted.",
    "{date}的评审已删除。",
    "Se eliminó la revisión del {date}.",
);
pub const REVIEW_DELETE: Tr = Tr::new("Delete", "删除", "Eliminar");
pub const REVIEW_DELETE_LABEL: Tr = Tr::new(
    "Delete the review for {date}",
    "删除{date}的评审",
    "Eliminar la revisión del {date}",
);
pub const SAVED_REVIEWS: Tr = Tr::new("Saved reviews", "已保存的评审", "Revisiones guardadas");
pub const EXPORT_WORKSPACE: Tr = Tr::new(
    "Export workspace file",
    "导出工作区文件",
    "Exportar archivo del espacio",
);
pub const IMPORT_WORKSPACE: Tr = Tr::new(
    "Open workspace file",
    "打开工作区文件",
    "Abrir archivo del espacio",
);
pub const STORAGE_USED: Tr = Tr::new("Storage used:", "已用存储：", "Almacenamiento usado:");
pub const STORAGE_OF: Tr = Tr::new("of", "/", "de");
pub const PERSISTENT: Tr = Tr::new(
    "Kept by the browser until you delete it.",
    "浏览器会一直保留，直到您删除。",
    "El navegador lo conserva hasta que usted lo borre.",
);
pub const NOT_PERSISTENT: Tr = Tr::new(
    "The browser may clear it when space runs low: export the workspace to keep a copy.",
    "空间不足时浏览器可能会清除：请导出工作区以保留副本。",
    "El navegador puede borrarlo si falta espacio: exporte el espacio para guardar una copia.",
);
pub const SAVED_HERE: Tr = Tr::new(
    "Saved in this browser.",
    "已保存在本浏览器中。",
    "Guardado en este navegador.",
);
pub const NOT_SAVED_YET: Tr = Tr::new(
    "Sample data is not saved until you change something or import your own.",
    "示例数据在您修改或导入自己的数据之前不会保存。",
    "Los datos de ejemplo no se guardan hasta que cambie algo o importe los suyos.",
);
pub const SAVING: Tr = Tr::new("Saving…", "正在保存……", "Guardando…");
pub const RESTORED_IN: Tr = Tr::new("Restored in", "恢复用时", "Restaurado en");
pub const ERR_UNAVAILABLE: Tr = Tr::new(
    "Browser storage is unavailable (private mode?): your work is kept in memory until you close this tab. Export the workspace to keep it.",
    "浏览器存储不可用（无痕模式？）：您的工作只保存在内存中，关闭标签页即丢失。请导出工作区以保留。",
    "El almacenamiento del navegador no está disponible (¿modo privado?): su trabajo se guarda en memoria hasta cerrar la pestaña. Exporte el espacio para conservarlo.",
);
pub const ERR_FULL: Tr = Tr::new(
    "Browser storage is full: the last change is kept in memory only; what was saved before is intact. Free some space or export the workspace.",
    "浏览器存储已满：最近的更改只保存在内存中，之前保存的内容完好。请释放空间或导出工作区。",
    "El almacenamiento del navegador está lleno: el último cambio solo está en memoria; lo guardado antes está intacto. Libere espacio o exporte el espacio.",
);
pub const RETRY_SAVE: Tr = Tr::new(
    "Try saving again",
    "重新尝试保存",
    "Intentar guardar de nuevo",
);
pub const ERR_SAVE: Tr = Tr::new(
    "The last change could not be saved; what was saved before is intact.",
    "最近的更改未能保存；之前保存的内容完好。",
    "No se pudo guardar el último cambio; lo guardado antes está intacto.",
);
pub const ERR_DAMAGED: Tr = Tr::new(
    "A saved workspace could not be read; it was left untouched.",
    "无法读取已保存的工作区；它未被改动。",
    "No se pudo leer un espacio guardado; se dejó intacto.",
);
pub const ERR_FILE: Tr = Tr::new(
    "{file} cannot be opened as a workspace; nothing was changed.",
    "无法将 {file} 作为工作区打开；未做任何更改。",
    "No se puede abrir {file} como espacio de trabajo; no se cambió nada.",
);
pub const CLEAR_DATA_ASK: Tr = Tr::new(
    "Clear the data of this workspace? Its settings and reviews stay; you can undo this.",
    "清除此工作区的数据？设置和评审记录会保留；此操作可以撤销。",
    "¿Borrar los datos de este espacio de trabajo? Sus ajustes y revisiones se mantienen; puede deshacerlo.",
);
pub const CLEARED: Tr = Tr::new(
    "The data was cleared.",
    "数据已清除。",
    "Se borraron los datos.",
);
pub const UNDO_CLEAR: Tr = Tr::new("Undo", "撤销", "Deshacer");
pub const SAMPLE_NEW_WORKSPACE: Tr = Tr::new(
    "The sample opened in a new workspace; your data is unchanged in its own (switch back with the workspace menu).",
    "示例数据已在新工作区中打开；您的数据仍保留在原工作区中（可通过工作区菜单切换回去）。",
    "El ejemplo se abrió en un espacio de trabajo nuevo; sus datos siguen intactos en el suyo (vuelva con el menú de espacios).",
);
pub const DETAILS: Tr = Tr::new("Details", "详细信息", "Detalles");
pub const ERR_SYNC: Tr = Tr::new(
    "Other tabs on this workspace are not kept in step: the last save wins.",
    "同一工作区的其他标签页不会同步：以最后一次保存为准。",
    "Las otras pestañas de este espacio no se sincronizan: gana el último guardado.",
);
pub const CLEAR_ALL: Tr = Tr::new("Clear all data", "清除所有数据", "Borrar todos los datos");
pub const CLEAR_ALL_CONFIRM: Tr = Tr::new(
    "Delete every workspace, review, note and preference Tierwise stored in this browser? This cannot be undone.",
    "删除 Tierwise 在本浏览器中保存的所有工作区、评审、记录和偏好设置？此操作无法撤销。",
    "¿Borrar todos los espacios, revisiones, notas y preferencias que Tierwise guardó en este navegador? No se puede deshacer.",
);
pub const CLEAR_ALL_YES: Tr = Tr::new("Delete everything", "全部删除", "Borrar todo");
pub const REVIEWS_TITLE: Tr = Tr::new("Monthly reviews", "月度评审", "Revisiones mensuales");
pub const NO_REVIEWS: Tr = Tr::new(
    "No saved review yet. Save this month's review, then next month's (or fill in an earlier month by its date), to see who moved.",
    "还没有保存的评审。保存本月评审，下月再保存一次（也可按日期补填以前的月份），即可看到客户的变动。",
    "Aún no hay revisiones. Guarde la de este mes y la del próximo (o complete un mes anterior con su fecha) para ver quién se movió.",
);
pub const COMPARE_FROM: Tr = Tr::new("Earlier review", "较早的评审", "Revisión anterior");
pub const COMPARE_TO: Tr = Tr::new("Later review", "较晚的评审", "Revisión posterior");
pub const COMPARE_ON: Tr = Tr::new("Compare on", "比较维度", "Comparar por");
pub const MIGRATION_MATRIX: Tr = Tr::new("Migration matrix", "迁移矩阵", "Matriz de migración");
pub const FROM_TO: Tr = Tr::new("from ╲ to", "从 ╲ 到", "de ╲ a");
pub const MATRIX_CAPTION: Tr = Tr::new(
    "Rows: the class in the earlier review. Columns: the class in the later one.",
    "行：较早评审中的类别；列：较晚评审中的类别。",
    "Filas: la clase en la revisión anterior. Columnas: la clase en la posterior.",
);
pub const MATRIX_STAYED: Tr = Tr::new("Stayed", "未变", "Se mantuvieron");
pub const MATRIX_LEGEND: Tr = Tr::new(
    "The darker the cell, the more customers made that move.",
    "颜色越深，发生该变动的客户越多。",
    "Cuanto más oscura la celda, más clientes hicieron ese cambio.",
);
pub const MOVED_UP: Tr = Tr::new("Moved up", "上升", "Subieron");
pub const MOVED_DOWN: Tr = Tr::new("Moved down", "下降", "Bajaron");
pub const NEW_CUSTOMERS: Tr = Tr::new("New", "新增", "Nuevos");
pub const LOST_CUSTOMERS: Tr = Tr::new("Lost", "流失", "Perdidos");
pub const ROSE_TO_TOP: Tr = Tr::new(
    "Rose to the top",
    "跃升至最高级（卓越）",
    "Llegaron a la cima",
);
pub const NOBODY: Tr = Tr::new("Nobody", "无", "Nadie");
pub const CUSTOMERS_WORD: Plural = Plural::new(
    Tr::new("customer", "个客户", "cliente"),
    Tr::new("customers", "个客户", "clientes"),
);
pub const NOTES_TITLE: Tr = Tr::new(
    "Customer notes (coordinate)",
    "客户协调记录",
    "Notas de clientes (coordinar)",
);
pub const NOTE_CUSTOMER: Tr = tierwise_core::glossary::CUSTOMER_ID.title;
pub const NOTE_PROBLEM: Tr = Tr::new("Problem", "问题", "Problema");
pub const NOTE_HELP: Tr = Tr::new("Help given", "提供的帮助", "Ayuda prestada");
pub const NOTE_SAVE: Tr = Tr::new("Save note", "保存记录", "Guardar nota");
pub const NOTE_TITLE: Tr = Tr::new("Note", "协调记录", "Nota");
pub const NOTE_NONE: Tr = Tr::new("No note yet.", "暂无记录。", "Aún no hay nota.");
pub const NOTE_ADD: Tr = Tr::new("Add a note", "添加记录", "Añadir una nota");
pub const NOTE_EDIT: Tr = Tr::new("Edit the note", "编辑记录", "Editar la nota");
pub const NOTE_SAVED: Tr = Tr::new(
    "Note saved; it is listed on the Monthly reviews page.",
    "记录已保存，可在“月度评审”页面查看。",
    "Nota guardada; aparece en la página de Revisiones mensuales.",
);

// The customer table and its explain drawer.
pub const CUSTOMER_TABLE: Tr = Tr::new("Customer list", "客户列表", "Lista de clientes");
pub const SHOWN_OF: Tr = Tr::new("shown of", "条，共", "mostrados de");
pub const CUSTOMERS_UNIT: Tr = Tr::new("customers", "个客户", "clientes");
pub const FILTERS: Tr = Tr::new("Filters", "筛选", "Filtros");
pub const SEARCH: Tr = Tr::new("Search id or name", "搜索编号或名称", "Buscar id o nombre");
pub const FILTER_METHOD: Tr = Tr::new("Method", "分类方法", "Método");
pub const FILTER_CLASS: Tr = Tr::new("Class", "类别", "Clase");
pub const FILTER_OWNER: Tr = tierwise_core::glossary::OWNER.title;
pub const FILTER_REGION: Tr = tierwise_core::glossary::REGION.title;
pub const FILTER_FLAG: Tr = Tr::new("Risk flag", "风险标记", "Alerta de riesgo");
pub const ANY: Tr = Tr::new("Any", "全部", "Todos");
pub const CLEAR_FILTERS: Tr = Tr::new("Clear filters", "清除筛选", "Quitar filtros");
pub const COL_ID: Tr = Tr::new("Id", "编号", "Id");
pub const COL_NAME: Tr = Tr::new("Name", "名称", "Nombre");
pub const COL_OWNER: Tr = tierwise_core::glossary::OWNER.title;
pub const COL_REGION: Tr = tierwise_core::glossary::REGION.title;
pub const COL_SALES: Tr = tierwise_core::glossary::SALES.title;
pub const COL_PROFIT: Tr = tierwise_core::glossary::PROFIT.title;
pub const COL_ORDERS: Tr = tierwise_core::glossary::ORDERS.title;
pub const COL_LAST_ORDER: Tr = Tr::new("Last order", "最近下单", "Último pedido");
pub const COL_GROWTH: Tr = tierwise_core::glossary::GROWTH.title;
pub const COL_FLAGS: Tr = Tr::new("Risk flags", "风险标记", "Alertas de riesgo");
pub const SORT_BY: Tr = Tr::new("Sort by", "排序：", "Ordenar por");
pub const TABLE_HINT: Tr = Tr::new(
    "Click a row, or press Enter on it, to see why the customer is where it is.",
    "点击某行或在该行按回车键，查看该客户分类的原因。",
    "Pulse una fila, o Intro sobre ella, para ver por qué el cliente está donde está.",
);
pub const NO_MATCH: Tr = Tr::new(
    "No customer matches these filters.",
    "没有符合筛选条件的客户。",
    "Ningún cliente cumple estos filtros.",
);
pub const EXPLAIN_TITLE: Tr = Tr::new("Why here?", "分类原因", "¿Por qué aquí?");
pub const CLOSE: Tr = Tr::new("Close", "关闭", "Cerrar");
pub const FIGURES: Tr = Tr::new("Figures", "数据", "Cifras");
pub const STATUS: Tr = tierwise_core::glossary::STATUS.title;
pub const NOT_CLASSED: Tr = Tr::new("Not classed", "未分类", "Sin clasificar");
pub const STRATEGY: Tr = Tr::new("Strategy", "策略", "Estrategia");
pub const ALSO: Tr = Tr::new("Also", "另外", "Además");
pub const NO_FLAGS: Tr = Tr::new("No risk flag", "无风险标记", "Sin alertas de riesgo");
pub const CURRENCY: Tr = Tr::new("Currency shown", "显示币种", "Moneda mostrada");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_and_cut() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "1".into()), ("b", "2".into())]),
            "1 and 2"
        );
        assert_eq!(
            slots("共读取 {read} 行 = 使用 {used} 行"),
            vec![
                Piece::Text("共读取 "),
                Piece::Slot("read"),
                Piece::Text(" 行 = 使用 "),
                Piece::Slot("used"),
                Piece::Text(" 行"),
            ]
        );
        // Every language's balance has the three counts.
        for l in Lang::ALL {
            let names: Vec<_> = slots(ROWS_BALANCE.get(l))
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Slot(n) => Some(n),
                    Piece::Text(_) => None,
                })
                .collect();
            assert_eq!(names, ["read", "used", "rejected"], "{l:?}");
        }
    }

    #[test]
    fn reasons_for_rows_not_used() {
        assert_eq!(
            not_used_reasons(6568, 0, 1, Lang::En),
            "6,568 cancelled orders, 1 with an error"
        );
        assert_eq!(
            not_used_reasons(1, 2, 0, Lang::Es),
            "1 pedido anulado, 2 ids de cliente repetidos"
        );
        assert_eq!(not_used_reasons(0, 0, 3, Lang::ZhCn), "有错误 3 行");
        assert_eq!(not_used_reasons(0, 0, 0, Lang::En), "");
    }
}

//! Every UI string, in en, zh-CN and es. [`Tr`] has one field per language, so a missing
//! translation does not compile.

pub use tierwise_core::i18n::Tr;

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
pub const ROWS_USED: Tr = Tr::new("used", "已使用", "usadas");
pub const ROWS_REJECTED: Tr = Tr::new("rejected", "已拒绝", "rechazadas");
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
pub const SALES: Tr = Tr::new("Sales", "销售额", "Ventas");
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
pub const ABC_POLICY_A: Tr = Tr::new(
    "One rep per customer, or a team (1:1); dedicated file, discounts, regular visits, direct channel.",
    "一对一或团队服务（1:1）；建立专门档案，给予优惠，定期拜访，直销渠道。",
    "Un comercial por cliente o un equipo (1:1); ficha dedicada, descuentos, visitas periódicas, canal directo.",
);
pub const ABC_POLICY_B: Tr = Tr::new(
    "One rep serves a few customers (1:2).",
    "一名业务员服务少数几个客户（1:2）。",
    "Un comercial atiende a unos pocos clientes (1:2).",
);
pub const ABC_POLICY_C: Tr = Tr::new(
    "One rep serves many (1:3–5); indirect channel through distributors.",
    "一名业务员服务多个客户（1:3–5）；通过经销商间接服务。",
    "Un comercial atiende a muchos (1:3–5); canal indirecto a través de distribuidores.",
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
pub const TIER_VIP: Tr = Tr::new("VIP", "VIP 客户", "VIP");
pub const TIER_LARGE: Tr = Tr::new("Large", "大客户", "Grandes");
pub const TIER_MEDIUM: Tr = Tr::new("Medium", "中客户", "Medianos");
pub const TIER_SMALL: Tr = Tr::new("Small", "小客户", "Pequeños");
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
    "Every method recomputed in",
    "全部分类方法重新计算耗时",
    "Todos los métodos recalculados en",
);
pub const CONTROLS: Tr = Tr::new("Thresholds", "阈值", "Umbrales");
pub const RESET_DEFAULTS: Tr = Tr::new("Reset to defaults", "恢复默认值", "Restablecer valores");
pub const UNDO: Tr = Tr::new("Undo", "撤销", "Deshacer");

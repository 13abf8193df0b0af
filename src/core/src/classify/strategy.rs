//! The strategy for every class: a stable key (for exports and the printable report), a title
//! and concrete actions from the domain, each in en, zh-CN and es.

use crate::i18n::Tr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strategy {
    /// Stable key, e.g. `abc.a`.
    pub key: &'static str,
    pub title: Tr,
    pub actions: &'static [Tr],
}

macro_rules! strategy {
    ($name:ident, $key:literal, $title:expr, [$($action:expr),+ $(,)?]) => {
        pub static $name: Strategy = Strategy { key: $key, title: $title, actions: &[$($action),+] };
    };
}

// 1. Deal status.
strategy!(
    DEAL_CLOSED,
    "deal.closed",
    Tr::new(
        "Existing customer: after-sales service and re-marketing",
        "已成交客户：售后服务与再营销",
        "Cliente actual: servicio posventa y remarketing"
    ),
    [
        Tr::new(
            "Plan after-sales service by the customer's class",
            "按客户级别安排售后服务",
            "Planificar el posventa según la clase del cliente"
        ),
        Tr::new(
            "Re-market: repeat and related offers",
            "再营销：复购与关联产品推荐",
            "Remarketing: ofertas de recompra y productos relacionados"
        ),
    ]
);
strategy!(
    DEAL_POTENTIAL,
    "deal.potential",
    Tr::new(
        "Potential customer: sales follow-up by likelihood",
        "潜在客户：按成交可能性跟进",
        "Cliente potencial: seguimiento comercial según probabilidad"
    ),
    [Tr::new(
        "Grade by likelihood of closing and follow up the best first",
        "按成交可能性分级，优先跟进高分客户",
        "Clasificar por probabilidad de cierre y atender primero a los mejores"
    ),]
);

// 2. Value tiers.
strategy!(
    TIER_VIP,
    "tiers.vip",
    Tr::new(
        "VIP: dedicated service",
        "VIP 客户：专属服务",
        "VIP: servicio dedicado"
    ),
    [
        Tr::new(
            "Assign an account manager",
            "指定客户经理",
            "Asignar un gestor de cuenta"
        ),
        Tr::new(
            "Regular visits and priority service",
            "定期拜访，优先服务",
            "Visitas periódicas y servicio prioritario"
        ),
        Tr::new(
            "Special treatment and preferential terms",
            "特殊礼遇与优惠条件",
            "Trato especial y condiciones preferentes"
        ),
    ]
);
strategy!(
    TIER_LARGE,
    "tiers.large",
    Tr::new(
        "Large: keep and grow",
        "大客户：维系并提升",
        "Grande: mantener y hacer crecer"
    ),
    [
        Tr::new(
            "Regular contact by a named rep",
            "由专人定期联系",
            "Contacto periódico con un comercial asignado"
        ),
        Tr::new(
            "Develop towards VIP",
            "培养成为 VIP 客户",
            "Desarrollar hacia VIP"
        ),
    ]
);
strategy!(
    TIER_MEDIUM,
    "tiers.medium",
    Tr::new(
        "Medium: standard service, look for growth",
        "中客户：标准服务，寻找增长",
        "Mediano: servicio estándar, buscar crecimiento"
    ),
    [
        Tr::new(
            "One rep serves several customers",
            "一名销售服务多个客户",
            "Un comercial atiende a varios clientes"
        ),
        Tr::new(
            "Cultivate those with upgrade potential",
            "培养有升级潜力的客户",
            "Cultivar a los que pueden subir de nivel"
        ),
    ]
);
strategy!(
    TIER_SMALL,
    "tiers.small",
    Tr::new(
        "Small: low-cost service",
        "小客户：低成本服务",
        "Pequeño: servicio de bajo coste"
    ),
    [
        Tr::new(
            "Serve through distributors or self-service",
            "通过经销商或自助渠道服务",
            "Atender mediante distribuidores o autoservicio"
        ),
        Tr::new(
            "Cut cost to serve",
            "降低服务成本",
            "Reducir el coste de servicio"
        ),
    ]
);

// 3. Potential customers.
strategy!(
    POT_A,
    "potential.a",
    Tr::new("A: close now", "A 类：立即促成", "A: cerrar ya"),
    [
        Tr::new(
            "Senior rep follows up weekly",
            "资深销售每周跟进",
            "Un comercial sénior hace seguimiento semanal"
        ),
        Tr::new(
            "Prepare the offer and contract",
            "准备报价与合同",
            "Preparar la oferta y el contrato"
        ),
    ]
);
strategy!(
    POT_B,
    "potential.b",
    Tr::new(
        "B: follow up actively",
        "B 类：积极跟进",
        "B: seguimiento activo"
    ),
    [
        Tr::new(
            "Follow up every two weeks",
            "每两周跟进一次",
            "Seguimiento cada dos semanas"
        ),
        Tr::new(
            "Remove the obstacles to closing",
            "排除成交障碍",
            "Eliminar los obstáculos al cierre"
        ),
    ]
);
strategy!(
    POT_C,
    "potential.c",
    Tr::new("C: nurture", "C 类：培育", "C: cultivar"),
    [Tr::new(
        "Monthly contact and useful information",
        "每月联系，提供有用信息",
        "Contacto mensual e información útil"
    ),]
);
strategy!(
    POT_D,
    "potential.d",
    Tr::new("D: low priority", "D 类：低优先级", "D: baja prioridad"),
    [Tr::new(
        "Keep in the newsletter; check again next quarter",
        "保持资讯推送，下季度再评估",
        "Mantener en el boletín; revisar el próximo trimestre"
    ),]
);

// 4. Value classes.
strategy!(
    VAL_MVC,
    "value.mvc",
    Tr::new(
        "MVC: strengthen and keep the relationship",
        "最有价值客户：加强并保持关系",
        "MVC: reforzar y mantener la relación"
    ),
    [
        Tr::new(
            "Dedicated account manager and regular visits",
            "专属客户经理，定期拜访",
            "Gestor de cuenta dedicado y visitas periódicas"
        ),
        Tr::new(
            "Loyalty rewards and priority service",
            "忠诚奖励与优先服务",
            "Recompensas de fidelidad y servicio prioritario"
        ),
    ]
);
strategy!(
    VAL_MGC,
    "value.mgc",
    Tr::new(
        "MGC: promote their development",
        "最具增长性客户：促进其发展",
        "MGC: impulsar su desarrollo"
    ),
    [
        Tr::new(
            "Win a larger share of their purchases",
            "提高在其采购中的份额",
            "Ganar más cuota de sus compras"
        ),
        Tr::new(
            "Offer related products and volume terms",
            "推荐关联产品与批量条件",
            "Ofrecer productos relacionados y condiciones por volumen"
        ),
    ]
);
strategy!(
    VAL_BZC,
    "value.bzc",
    Tr::new(
        "BZC: consider dropping",
        "负值客户：考虑放弃",
        "BZC: considerar abandonarlos"
    ),
    [
        Tr::new(
            "Raise prices or cut the cost to serve",
            "提价或降低服务成本",
            "Subir precios o reducir el coste de servicio"
        ),
        Tr::new(
            "Stop serving if it stays below zero",
            "持续为负则停止服务",
            "Dejar de atenderlo si sigue en negativo"
        ),
    ]
);
strategy!(
    VAL_BZC_KEPT,
    "value.bzc_kept",
    Tr::new(
        "BZC kept on purpose",
        "有意保留的负值客户",
        "BZC conservado a propósito"
    ),
    [
        Tr::new(
            "Keep: it draws traffic or sells related products",
            "保留：带来客流或带动关联产品销售",
            "Conservar: atrae tráfico o vende productos relacionados"
        ),
        Tr::new(
            "Review the reason at every cycle",
            "每个周期复核保留理由",
            "Revisar el motivo en cada ciclo"
        ),
    ]
);
strategy!(
    VAL_ORDINARY,
    "value.ordinary",
    Tr::new(
        "Ordinary: standard service",
        "普通客户：标准服务",
        "Ordinario: servicio estándar"
    ),
    [Tr::new(
        "Standard service at a controlled cost",
        "以可控成本提供标准服务",
        "Servicio estándar con coste controlado"
    ),]
);

// 5. ABC.
strategy!(
    ABC_A,
    "abc.a",
    Tr::new(
        "A: one rep per customer (1:1)",
        "A 类：一对一服务（1:1）",
        "A: un comercial por cliente (1:1)"
    ),
    [
        Tr::new(
            "A rep or a team per customer",
            "每个客户配一名销售或一个团队",
            "Un comercial o un equipo por cliente"
        ),
        Tr::new(
            "Dedicated customer file",
            "建立专门客户档案",
            "Expediente dedicado del cliente"
        ),
        Tr::new(
            "Discounts and regular visits",
            "给予折扣，定期拜访",
            "Descuentos y visitas periódicas"
        ),
        Tr::new("Direct channel", "直销渠道", "Canal directo"),
    ]
);
strategy!(
    ABC_B,
    "abc.b",
    Tr::new(
        "B: one rep serves a few (1:2)",
        "B 类：一名销售服务少数客户（1:2）",
        "B: un comercial atiende a pocos (1:2)"
    ),
    [
        Tr::new(
            "Regular contact by a shared rep",
            "由共享销售定期联系",
            "Contacto periódico con un comercial compartido"
        ),
        Tr::new(
            "Look for customers that can move to A",
            "寻找可升为 A 类的客户",
            "Buscar clientes que puedan pasar a A"
        ),
    ]
);
strategy!(
    ABC_C,
    "abc.c",
    Tr::new(
        "C: one rep serves many (1:3–5)",
        "C 类：一名销售服务多个客户（1:3–5）",
        "C: un comercial atiende a muchos (1:3–5)"
    ),
    [
        Tr::new(
            "Indirect channel through distributors",
            "通过经销商的间接渠道",
            "Canal indirecto a través de distribuidores"
        ),
        Tr::new(
            "Standardised, low-cost service",
            "标准化、低成本服务",
            "Servicio estandarizado y de bajo coste"
        ),
    ]
);

// 6. Share of wallet × upcoming volume.
strategy!(
    WAL_KEEP,
    "wallet.keep_close",
    Tr::new(
        "High share, big volume: keep in close contact",
        "高份额、大采购量：重点保持良好联系",
        "Cuota alta, volumen grande: mantener contacto estrecho"
    ),
    [
        Tr::new(
            "Frequent contact by a senior rep",
            "资深销售频繁联系",
            "Contacto frecuente de un comercial sénior"
        ),
        Tr::new(
            "Secure the upcoming orders",
            "锁定即将到来的订单",
            "Asegurar los próximos pedidos"
        ),
    ]
);
strategy!(
    WAL_MAINTAIN,
    "wallet.maintain",
    Tr::new(
        "High share, small volume: maintain or acquire",
        "高份额、小采购量：保持或获取",
        "Cuota alta, volumen pequeño: mantener o captar"
    ),
    [
        Tr::new(
            "Maintain at low cost",
            "以低成本维持",
            "Mantener con bajo coste"
        ),
        Tr::new(
            "Acquire the remaining volume when it appears",
            "出现新需求时争取剩余份额",
            "Captar el volumen restante cuando aparezca"
        ),
    ]
);
strategy!(
    WAL_DEVELOP,
    "wallet.develop",
    Tr::new(
        "Low share, big volume: develop",
        "低份额、大采购量：发展",
        "Cuota baja, volumen grande: desarrollar"
    ),
    [
        Tr::new(
            "Invest to win a larger share",
            "投入资源提高份额",
            "Invertir para ganar más cuota"
        ),
        Tr::new(
            "Find out what the competitor supplies and why",
            "了解竞争对手供应的内容与原因",
            "Averiguar qué suministra la competencia y por qué"
        ),
    ]
);
strategy!(
    WAL_ACQUIRE,
    "wallet.acquire_or_abandon",
    Tr::new(
        "Low share, small volume: acquire or abandon",
        "低份额、小采购量：获取或放弃",
        "Cuota baja, volumen pequeño: captar o abandonar"
    ),
    [
        Tr::new(
            "Acquire only at low cost",
            "仅以低成本获取",
            "Captar solo con bajo coste"
        ),
        Tr::new("Otherwise abandon", "否则放弃", "Si no, abandonar"),
    ]
);

// 7. Weighted score.
strategy!(
    SCORE_A,
    "score.a",
    Tr::new(
        "Score A: best all round",
        "A 级：综合最优",
        "Puntuación A: los mejores en conjunto"
    ),
    [Tr::new(
        "Priority resources, credit and service",
        "优先配置资源、信用额度与服务",
        "Prioridad en recursos, crédito y servicio"
    ),]
);
strategy!(
    SCORE_B,
    "score.b",
    Tr::new(
        "Score B: good, improve the weak criterion",
        "B 级：良好，改进短板",
        "Puntuación B: bueno, mejorar el criterio débil"
    ),
    [Tr::new(
        "Work on the lowest criterion in the breakdown",
        "针对评分明细中最低的指标改进",
        "Trabajar el criterio más bajo del desglose"
    ),]
);
strategy!(
    SCORE_C,
    "score.c",
    Tr::new(
        "Score C: standard terms",
        "C 级：标准条件",
        "Puntuación C: condiciones estándar"
    ),
    [Tr::new(
        "Standard service; watch payment and margin",
        "标准服务，关注回款与毛利",
        "Servicio estándar; vigilar cobro y margen"
    ),]
);
strategy!(
    SCORE_D,
    "score.d",
    Tr::new(
        "Score D: limit exposure",
        "D 级：控制风险",
        "Puntuación D: limitar la exposición"
    ),
    [Tr::new(
        "Prepayment or tight credit; minimal service",
        "预付款或严格信用，最低限度服务",
        "Pago anticipado o crédito estricto; servicio mínimo"
    ),]
);

// 8. Pyramid.
strategy!(
    PYR_KEY,
    "pyramid.key",
    Tr::new(
        "Key: concentrate resources",
        "关键客户：集中优势资源",
        "Clave: concentrar recursos"
    ),
    [
        Tr::new(
            "Concentrate the best resources on them",
            "集中优势资源服务",
            "Concentrar en ellos los mejores recursos"
        ),
        Tr::new(
            "Close communication and personal contact",
            "密切沟通与感情交流",
            "Comunicación estrecha y trato personal"
        ),
        Tr::new(
            "An account manager (customer manager system)",
            "客户经理制",
            "Un gestor de cuenta (sistema de gestores)"
        ),
    ]
);
strategy!(
    PYR_MAJOR,
    "pyramid.major",
    Tr::new(
        "Major: keep close, develop towards key",
        "主要客户：保持密切，培养为关键客户",
        "Principal: mantener cerca, desarrollar hacia clave"
    ),
    [
        Tr::new(
            "Regular visits by a named rep",
            "由专人定期拜访",
            "Visitas periódicas de un comercial asignado"
        ),
        Tr::new(
            "Offer the benefits key customers enjoy as a goal",
            "以关键客户待遇为目标激励",
            "Ofrecer como meta las ventajas de los clientes clave"
        ),
    ]
);
strategy!(
    PYR_ORDINARY_UP,
    "pyramid.ordinary_upgrade",
    Tr::new(
        "Ordinary with upgrade potential: cultivate towards key",
        "有升级潜力的普通客户：培养成关键客户",
        "Ordinario con potencial: cultivar hacia clave"
    ),
    [Tr::new(
        "Invest in the relationship and show the key-customer benefits",
        "投入关系经营，展示关键客户待遇",
        "Invertir en la relación y mostrar las ventajas de clave"
    ),]
);
strategy!(
    PYR_ORDINARY_FLAT,
    "pyramid.ordinary_flat",
    Tr::new(
        "Ordinary without upgrade potential: reduce service and cost",
        "无升级潜力的普通客户：减少服务，降低成本",
        "Ordinario sin potencial: reducir servicio y coste"
    ),
    [Tr::new(
        "Reduce service levels and cost",
        "降低服务水平与成本",
        "Reducir niveles de servicio y coste"
    ),]
);
strategy!(
    PYR_SMALL_UP,
    "pyramid.small_upgrade",
    Tr::new(
        "Small with potential: cultivate",
        "有潜力的小客户：努力培养",
        "Pequeño con potencial: cultivar"
    ),
    [Tr::new(
        "Cultivate towards ordinary or even key",
        "培养成为普通客户甚至关键客户",
        "Cultivar hacia ordinario o incluso clave"
    ),]
);
strategy!(
    PYR_SMALL_FLAT,
    "pyramid.small_flat",
    Tr::new(
        "Small without potential: raise service price, cut cost",
        "无潜力的小客户：提高服务价格，降低成本",
        "Pequeño sin potencial: subir el precio del servicio, reducir coste"
    ),
    [
        Tr::new(
            "Raise the price of service",
            "提高服务价格",
            "Subir el precio del servicio"
        ),
        Tr::new(
            "Cut the cost to serve",
            "降低服务成本",
            "Reducir el coste de servicio"
        ),
    ]
);
strategy!(
    PYR_BAD,
    "pyramid.bad",
    Tr::new(
        "Bad customer: eliminate",
        "劣质客户：淘汰",
        "Cliente malo: eliminar"
    ),
    [Tr::new(
        "Stop new business and collect what is owed",
        "停止新业务并催收欠款",
        "Detener nuevos negocios y cobrar lo adeudado"
    ),]
);

// 10. 5S.
strategy!(
    FIVE_S_MATURE_1,
    "five_s.mature_1",
    Tr::new(
        "Mature, class I: strengthen",
        "成熟客户一类：重点巩固",
        "Maduro, clase I: reforzar"
    ),
    [
        Tr::new(
            "Rate in the dynamic table and track monthly",
            "列入客户动态表，按月跟踪",
            "Valorar en la tabla dinámica y seguir cada mes"
        ),
        Tr::new(
            "Record problems and the help given (coordinate)",
            "记录问题与给予的帮助（协调）",
            "Registrar problemas y la ayuda prestada (coordinar)"
        ),
    ]
);
strategy!(
    FIVE_S_MATURE_2,
    "five_s.mature_2",
    Tr::new(
        "Mature, class II: develop",
        "成熟客户二类：发展",
        "Maduro, clase II: desarrollar"
    ),
    [Tr::new(
        "Improve payment speed and volume",
        "提升回款速度与采购量",
        "Mejorar la velocidad de cobro y el volumen"
    ),]
);
strategy!(
    FIVE_S_MATURE_3,
    "five_s.mature_3",
    Tr::new(
        "Mature, class III: maintain at low cost",
        "成熟客户三类：低成本维护",
        "Maduro, clase III: mantener con bajo coste"
    ),
    [Tr::new(
        "Periodic contact; review next month",
        "定期联系，下月复核",
        "Contacto periódico; revisar el mes próximo"
    ),]
);
strategy!(
    FIVE_S_POTENTIAL_1,
    "five_s.potential_1",
    Tr::new(
        "Potential, class I: develop now",
        "潜在客户一类：立即开发",
        "Potencial, clase I: desarrollar ya"
    ),
    [Tr::new(
        "Assign a rep and a development plan",
        "指派销售并制定开发计划",
        "Asignar un comercial y un plan de desarrollo"
    ),]
);
strategy!(
    FIVE_S_POTENTIAL_2,
    "five_s.potential_2",
    Tr::new(
        "Potential, class II: nurture",
        "潜在客户二类：培育",
        "Potencial, clase II: cultivar"
    ),
    [Tr::new(
        "Regular contact; check finances and difficulty",
        "定期联系，关注财务与开发难度",
        "Contacto regular; revisar finanzas y dificultad"
    ),]
);
strategy!(
    FIVE_S_POTENTIAL_3,
    "five_s.potential_3",
    Tr::new(
        "Potential, class III: low priority",
        "潜在客户三类：低优先级",
        "Potencial, clase III: baja prioridad"
    ),
    [Tr::new(
        "Minimal effort until the picture changes",
        "在情况改变前投入最少精力",
        "Esfuerzo mínimo hasta que cambie la situación"
    ),]
);
strategy!(
    FIVE_S_SUSPENDED,
    "five_s.suspended",
    Tr::new("Suspended", "悬置", "Suspendido"),
    [Tr::new(
        "Put on hold; no active selling this cycle",
        "暂时搁置，本周期不主动销售",
        "En espera; sin venta activa este ciclo"
    ),]
);
strategy!(
    FIVE_S_ELIMINATE,
    "five_s.eliminate",
    Tr::new("Eliminate", "淘汰", "Eliminar"),
    [Tr::new(
        "Stop credit and collect arrears",
        "停止赊销并催收欠款",
        "Cortar el crédito y cobrar los atrasos"
    ),]
);
strategy!(
    FIVE_S_CUSTODIAL,
    "five_s.custodial",
    Tr::new("Custodial", "托管", "Custodia"),
    [Tr::new(
        "Visited periodically by a sales supervisor",
        "由销售主管定期拜访",
        "Visitado periódicamente por un supervisor de ventas"
    ),]
);
strategy!(
    FIVE_S_RELEASED,
    "five_s.released",
    Tr::new(
        "Released (bottom of its class)",
        "放弃（类内末位）",
        "Liberado (último tramo de su clase)"
    ),
    [Tr::new(
        "Give up active management; pin it to keep it",
        "放弃主动管理；如需保留请设为例外",
        "Dejar de gestionarlo activamente; fijarlo para conservarlo"
    ),]
);

// 12. Risk flags.
strategy!(
    RISK_OVERDUE,
    "risk.overdue",
    Tr::new("Overdue", "逾期", "Vencido"),
    [Tr::new(
        "Collect now; hold new deliveries until paid",
        "立即催收，回款前暂停发货",
        "Cobrar ya; retener entregas hasta el pago"
    ),]
);
strategy!(
    RISK_SLOW,
    "risk.slow_payment",
    Tr::new("Slow payment", "回款变慢", "Pago lento"),
    [Tr::new(
        "Tighten terms and shorten credit",
        "收紧条款，缩短账期",
        "Endurecer condiciones y acortar el crédito"
    ),]
);
strategy!(
    RISK_DECLINE,
    "risk.declining",
    Tr::new("Declining purchases", "采购下降", "Compras en descenso"),
    [Tr::new(
        "Visit to find the cause; counter competitors",
        "拜访查明原因，应对竞争",
        "Visitar para conocer la causa; responder a la competencia"
    ),]
);
strategy!(
    RISK_CREDIT,
    "risk.weak_credit",
    Tr::new("Weak credit", "信用下降", "Crédito débil"),
    [Tr::new(
        "Lower the credit limit; ask for guarantees",
        "降低信用额度，要求担保",
        "Reducir el límite de crédito; pedir garantías"
    ),]
);
strategy!(
    RISK_FAILING,
    "risk.failing_business",
    Tr::new("Failing business", "经营不善", "Negocio en dificultades"),
    [Tr::new(
        "Prepayment only; watch for insolvency",
        "仅接受预付款，警惕破产",
        "Solo pago anticipado; vigilar la insolvencia"
    ),]
);
strategy!(
    RISK_BZC_BIG,
    "risk.bzc_big",
    Tr::new(
        "Big but below zero",
        "大客户但利润为负",
        "Grande pero con margen negativo"
    ),
    [Tr::new(
        "Renegotiate prices and the cost to serve",
        "重新谈判价格与服务成本",
        "Renegociar precios y coste de servicio"
    ),]
);

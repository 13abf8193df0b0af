//! RFM segments: recency (days since the last order, fewer is better), frequency (orders) and
//! monetary value (sales), each scored 1..=k, then matched against a segment table.
//!
//! The default score rule (anyone can recompute it): with n scored customers and k bins, a
//! customer's F score is 1 + ⌊k · (customers with strictly lower F) / n⌋, the same for M, and
//! for R the count is of customers with strictly *more* days since their last order. Equal
//! values always get equal scores. Custom cut points replace the rule per score: a value
//! scores 1 plus the number of cut points it reaches (for R, 1 plus the number of cut points
//! its days are below).
//!
//! Segments: by default the ten of the R `rfm` package's documentation (its `rfm_segment`
//! example), with inclusive R/F/M score ranges. The ranges overlap: by default the first
//! segment in the table's order that matches wins; `last_match_wins` gives the R package's
//! behaviour (it assigns in turn, so the last match stays). A customer no segment matches is
//! in "Others". Customers without a last order, an order count or sales are unclassed.
//!
//! Besides the ten, the user may add up to five segments of their own (`own_1` … `own_5`,
//! fixed slots of [`Segment`], listed only while in the table) with ranges and a name of
//! their choosing; "Others" may be renamed too (`RfmSettings::others_name`). Names change no
//! class.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{ran, Explained, Inputs, MethodDef};
use crate::classify::prepared::{Index, Prepared, Tally};
use crate::classify::{Class, Missing};
use crate::i18n::Tr;
use crate::import::Field;
use crate::model::Dataset;
#[cfg(doc)]
use crate::settings::SegmentRule;
use crate::settings::{RfmSettings, Settings};

strategy!(
    RFM_CHAMPIONS,
    "rfm.champions",
    Tr::new(
        "Champions: reward them",
        "冠军客户：回馈",
        "Campeones: recompénselos"
    ),
    [
        Tr::new(
            "Early access to new products and loyalty rewards",
            "新品抢先体验与忠诚度奖励",
            "Acceso anticipado a novedades y premios de fidelidad"
        ),
        Tr::new(
            "Ask for reviews and referrals",
            "邀请评价与推荐",
            "Pedir reseñas y recomendaciones"
        ),
    ]
);
strategy!(
    RFM_LOYAL,
    "rfm.loyal",
    Tr::new(
        "Loyal customers: upsell",
        "忠诚客户：向上销售",
        "Clientes leales: venta adicional"
    ),
    [
        Tr::new(
            "Offer higher-value products and bundles",
            "推荐更高价值的产品和组合",
            "Ofrecer productos de más valor y paquetes"
        ),
        Tr::new(
            "Invite them to the loyalty programme",
            "邀请加入会员计划",
            "Invitarlos al programa de fidelidad"
        ),
    ]
);
strategy!(
    RFM_POTENTIAL_LOYALIST,
    "rfm.potential_loyalist",
    Tr::new(
        "Potential loyalists: build the habit",
        "潜在忠诚客户：培养习惯",
        "Leales potenciales: crear el hábito"
    ),
    [
        Tr::new(
            "Membership or a second-order offer",
            "会员或二次购买优惠",
            "Membresía u oferta para el segundo pedido"
        ),
        Tr::new(
            "Recommend products related to what they bought",
            "推荐与已购产品相关的产品",
            "Recomendar productos relacionados con lo comprado"
        ),
    ]
);
strategy!(
    RFM_NEW,
    "rfm.new",
    Tr::new(
        "New customers: onboard them",
        "新客户：引导入门",
        "Clientes nuevos: acompañarlos"
    ),
    [
        Tr::new(
            "A welcome and onboarding sequence",
            "欢迎与入门引导",
            "Una secuencia de bienvenida e incorporación"
        ),
        Tr::new(
            "Make the second order easy",
            "让第二次下单更容易",
            "Facilitar el segundo pedido"
        ),
    ]
);
strategy!(
    RFM_PROMISING,
    "rfm.promising",
    Tr::new(
        "Promising: create awareness",
        "有潜力：建立认知",
        "Prometedores: darse a conocer"
    ),
    [
        Tr::new(
            "Show the range and what other customers buy",
            "展示产品线和其他客户的购买",
            "Mostrar la gama y lo que compran otros clientes"
        ),
        Tr::new(
            "A free trial or a sample",
            "免费试用或样品",
            "Una prueba gratuita o una muestra"
        ),
    ]
);
strategy!(
    RFM_NEED_ATTENTION,
    "rfm.need_attention",
    Tr::new(
        "Need attention: reactivate with a reason",
        "需要关注：有理由地重新激活",
        "Necesitan atención: reactivar con un motivo"
    ),
    [
        Tr::new(
            "A limited-time offer based on their purchases",
            "基于购买记录的限时优惠",
            "Una oferta por tiempo limitado según sus compras"
        ),
        Tr::new(
            "A call from their rep",
            "负责人电话回访",
            "Una llamada de su comercial"
        ),
    ]
);
strategy!(
    RFM_ABOUT_TO_SLEEP,
    "rfm.about_to_sleep",
    Tr::new(
        "About to sleep: keep them from drifting away",
        "即将沉睡：防止流失",
        "A punto de dormirse: evitar que se alejen"
    ),
    [
        Tr::new(
            "Share useful content and popular products",
            "分享有用的内容和热门产品",
            "Compartir contenido útil y productos populares"
        ),
        Tr::new(
            "A discount on the next order",
            "下一单折扣",
            "Un descuento en el próximo pedido"
        ),
    ]
);
strategy!(
    RFM_AT_RISK,
    "rfm.at_risk",
    Tr::new(
        "At risk: win them back",
        "有流失风险：挽回",
        "En riesgo: recuperarlos"
    ),
    [
        Tr::new(
            "A personal message from the account manager",
            "客户经理的个人联系",
            "Un mensaje personal del gestor de cuenta"
        ),
        Tr::new(
            "Renewal offers and what is new since their last order",
            "续订优惠及上次购买后的新品",
            "Ofertas de renovación y novedades desde su último pedido"
        ),
    ]
);
strategy!(
    RFM_CANT_LOSE,
    "rfm.cant_lose",
    Tr::new(
        "Can't lose them: act now",
        "不能失去：立即行动",
        "No podemos perderlos: actuar ya"
    ),
    [
        Tr::new(
            "A visit or call from a senior manager",
            "高层经理拜访或电话",
            "Una visita o llamada de un directivo"
        ),
        Tr::new(
            "Find out why they stopped and fix it",
            "了解停止购买的原因并解决",
            "Averiguar por qué dejaron de comprar y resolverlo"
        ),
    ]
);
strategy!(
    RFM_LOST,
    "rfm.lost",
    Tr::new(
        "Lost: low-cost reactivation",
        "已流失：低成本唤回",
        "Perdidos: reactivación de bajo coste"
    ),
    [
        Tr::new(
            "One reactivation campaign, then stop spending",
            "一次唤回活动，之后停止投入",
            "Una campaña de reactivación y después dejar de invertir"
        ),
        Tr::new(
            "Ask what went wrong",
            "询问哪里做得不好",
            "Preguntar qué salió mal"
        ),
    ]
);
strategy!(
    RFM_OTHERS,
    "rfm.others",
    Tr::new(
        "Others: no segment yet, watch the scores",
        "其他：暂无细分，关注评分",
        "Otros: sin segmento, vigilar las puntuaciones"
    ),
    [Tr::new(
        "Review the segment table if this group is large",
        "若该组较大，检查细分规则表",
        "Revisar la tabla de segmentos si este grupo es grande"
    )]
);

/// The strategy of the user's own segment `n` (a slot of [`Segment`] that the user adds to the
/// table and names): generic, since what to do with them is the user's to decide. Its title
/// starts with the slot's name, which the user's name replaces ([`Strategy::title_named`]).
///
/// [`Strategy::title_named`]: crate::classify::Strategy::title_named
macro_rules! own_strategy {
    ($name:ident, $key:literal, $n:literal) => {
        strategy!(
            $name,
            $key,
            Tr::new(
                concat!(
                    "Segment ",
                    $n,
                    ": your own segment, agree its actions with the team"
                ),
                concat!("细分 ", $n, "：自定义细分，与团队商定行动"),
                concat!(
                    "Segmento ",
                    $n,
                    ": segmento propio, acordar sus acciones con el equipo"
                )
            ),
            [
                Tr::new(
                    "Write down what these customers have in common and what they need",
                    "记下这些客户的共同点和需求",
                    "Anotar qué tienen en común estos clientes y qué necesitan"
                ),
                Tr::new(
                    "Agree on the offer, the channel and who follows up",
                    "商定优惠、渠道和跟进负责人",
                    "Acordar la oferta, el canal y quién hace el seguimiento"
                ),
            ]
        );
    };
}
own_strategy!(RFM_OWN_1, "rfm.own_1", 1);
own_strategy!(RFM_OWN_2, "rfm.own_2", 2);
own_strategy!(RFM_OWN_3, "rfm.own_3", 3);
own_strategy!(RFM_OWN_4, "rfm.own_4", 4);
own_strategy!(RFM_OWN_5, "rfm.own_5", 5);

/// The default name of the user's own segment `n`.
macro_rules! own_name {
    ($n:literal) => {
        Tr::new(
            concat!("Segment ", $n),
            concat!("细分 ", $n),
            concat!("Segmento ", $n),
        )
    };
}

class_enum! {
    /// The segments: the default table's ten in its order, then the slots of the user's own
    /// segments (`own_1` … `own_5`, in the table only once the user adds them, named
    /// "Segment 1" … until the user names them), and "others", last.
    Segment {
        Champions => "champions", Tr::new("Champions", "冠军客户", "Campeones"), RFM_CHAMPIONS;
        Loyal => "loyal", Tr::new("Loyal customers", "忠诚客户", "Clientes leales"), RFM_LOYAL;
        PotentialLoyalist => "potential_loyalist", Tr::new("Potential loyalists", "潜在忠诚客户", "Leales potenciales"), RFM_POTENTIAL_LOYALIST;
        New => "new", Tr::new("New customers", "新客户", "Clientes nuevos"), RFM_NEW;
        Promising => "promising", Tr::new("Promising", "有潜力客户", "Prometedores"), RFM_PROMISING;
        NeedAttention => "need_attention", Tr::new("Need attention", "需要关注", "Necesitan atención"), RFM_NEED_ATTENTION;
        AboutToSleep => "about_to_sleep", Tr::new("About to sleep", "即将沉睡", "A punto de dormirse"), RFM_ABOUT_TO_SLEEP;
        AtRisk => "at_risk", Tr::new("At risk", "有流失风险", "En riesgo"), RFM_AT_RISK;
        CantLose => "cant_lose", Tr::new("Can't lose them", "不能失去", "No podemos perderlos"), RFM_CANT_LOSE;
        Lost => "lost", Tr::new("Lost", "已流失", "Perdidos"), RFM_LOST;
        Own1 => "own_1", own_name!(1), RFM_OWN_1;
        Own2 => "own_2", own_name!(2), RFM_OWN_2;
        Own3 => "own_3", own_name!(3), RFM_OWN_3;
        Own4 => "own_4", own_name!(4), RFM_OWN_4;
        Own5 => "own_5", own_name!(5), RFM_OWN_5;
        Others => "others", Tr::new("Others", "其他", "Otros"), RFM_OTHERS;
    }
}

/// How many classes [`Segment`] has: the ten segments of the default table, the user's
/// own five and "others".
pub const SEGMENTS: usize = 16;
const _: () = assert!(<Segment as Class>::ALL.len() == SEGMENTS);

/// The keys of the user's own segments' slots, in order ([`Segment::Own1`] …).
pub const OWN_KEYS: [&str; 5] = ["own_1", "own_2", "own_3", "own_4", "own_5"];

/// Whether `key` is one of the user's own segments' slots.
pub fn is_own(key: &str) -> bool {
    OWN_KEYS.contains(&key)
}

/// Per scored customer, its R, F, M figures and the shares the default rule needs,
/// computed once per dataset.
#[derive(Clone, Debug, Default)]
pub struct RfmPrep {
    /// The reference day recency counts from (days from the common era).
    pub as_of: Option<chrono::NaiveDate>,
    /// Per customer: days since the last order, orders, sales; NaN when not scored.
    pub days: Vec<f64>,
    pub orders: Vec<f64>,
    pub sales: Vec<f64>,
    /// Per customer: customers with strictly more days since their last order, with strictly
    /// fewer orders, with strictly lower sales (`u32::MAX` when not scored).
    pub r_rank: Vec<u32>,
    pub f_rank: Vec<u32>,
    pub m_rank: Vec<u32>,
    /// Customers scored.
    pub n: u32,
    /// The column that no customer has, when RFM cannot run.
    pub missing: Option<Missing>,
}

fn days_since(as_of: chrono::NaiveDate, d: chrono::NaiveDate) -> f64 {
    (as_of - d).num_days() as f64
}

fn prepare(ds: &Dataset) -> RfmPrep {
    let cs = &ds.customers;
    let n = cs.len();
    let as_of = ds
        .as_of
        .or_else(|| cs.iter().filter_map(|c| c.last_order).max());
    let mut out = RfmPrep {
        as_of,
        days: vec![f64::NAN; n],
        orders: vec![f64::NAN; n],
        sales: vec![f64::NAN; n],
        r_rank: vec![u32::MAX; n],
        f_rank: vec![u32::MAX; n],
        m_rank: vec![u32::MAX; n],
        ..Default::default()
    };
    let has_recency = cs
        .iter()
        .any(|c| c.last_order.is_some() || c.recency_days.is_some());
    let has_orders = cs.iter().any(|c| c.orders.is_some());
    if !has_recency {
        out.missing = Some(Missing {
            any_of: &[Field::LastOrder],
        });
        return out;
    }
    if !has_orders {
        out.missing = Some(Missing {
            any_of: &[Field::Orders],
        });
        return out;
    }
    let mut scored: Vec<u32> = Vec::new();
    for (i, c) in cs.iter().enumerate() {
        let days = match (c.recency_days, c.last_order, as_of) {
            (Some(d), _, _) => Some(d as f64),
            (None, Some(last), Some(a)) => Some(days_since(a, last)),
            _ => None,
        };
        let (Some(days), Some(orders)) = (days, c.orders) else {
            continue;
        };
        if orders == 0 || !c.sales.is_finite() || !days.is_finite() {
            continue;
        }
        out.days[i] = days;
        out.orders[i] = f64::from(orders);
        out.sales[i] = c.sales;
        scored.push(i as u32);
    }
    out.n = scored.len() as u32;
    // Strictly lower (or, for days, strictly more): the position of the first equal value in
    // the sorted figures. A radix sort and one pass (a comparison sort and a binary search
    // per customer took about a third of a second for a million customers natively).
    let ranks = |values: &[f64], descending: bool, into: &mut Vec<u32>| {
        let mut keyed: Vec<(u64, u32)> = scored
            .iter()
            .map(|&i| {
                // +0.0: -0.0 and 0.0 are one value.
                let k = crate::sort::key_asc(values[i as usize] + 0.0);
                (if descending { !k } else { k }, i)
            })
            .collect();
        crate::sort::radix_sort(&mut keyed);
        let mut first = 0;
        for (pos, &(k, i)) in keyed.iter().enumerate() {
            if pos > 0 && keyed[pos - 1].0 != k {
                first = pos;
            }
            into[i as usize] = first as u32;
        }
    };
    ranks(&out.days, true, &mut out.r_rank);
    ranks(&out.orders, false, &mut out.f_rank);
    ranks(&out.sales, false, &mut out.m_rank);
    out
}

/// The scores of one customer under `s`: (R, F, M), each 1..=bins.
fn scores(prep: &RfmPrep, s: &RfmSettings, i: usize) -> Option<(u8, u8, u8)> {
    if prep.r_rank[i] == u32::MAX {
        return None;
    }
    let k = u64::from(s.bins);
    let n = u64::from(prep.n.max(1));
    let by_rank = |rank: u32| 1 + (k * u64::from(rank) / n) as u8;
    let reached = |v: f64, cuts: &[f64]| 1 + cuts.iter().filter(|&&c| v >= c).count() as u8;
    let r = if s.r_cuts.is_empty() {
        by_rank(prep.r_rank[i])
    } else {
        1 + s.r_cuts.iter().filter(|&&c| prep.days[i] < c).count() as u8
    };
    let f = if s.f_cuts.is_empty() {
        by_rank(prep.f_rank[i])
    } else {
        reached(prep.orders[i], &s.f_cuts)
    };
    let m = if s.m_cuts.is_empty() {
        by_rank(prep.m_rank[i])
    } else {
        reached(prep.sales[i], &s.m_cuts)
    };
    Some((r.min(s.bins), f.min(s.bins), m.min(s.bins)))
}

fn segment_of(s: &RfmSettings, rfm: (u8, u8, u8)) -> (Segment, Option<usize>) {
    let rule = if s.last_match_wins {
        s.segments.iter().rposition(|r| r.matches(rfm))
    } else {
        s.segments.iter().position(|r| r.matches(rfm))
    };
    let seg = rule
        .and_then(|k| {
            Segment::ALL
                .iter()
                .copied()
                .find(|c| c.key() == s.segments[k].segment)
        })
        .unwrap_or(Segment::Others);
    (seg, rule)
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RfmResult {
    pub class: Vec<Option<Segment>>,
    /// Per customer: its (R, F, M) scores.
    pub scores: Vec<Option<(u8, u8, u8)>>,
    pub counts: [usize; SEGMENTS],
    pub sales: [f64; SEGMENTS],
    /// Customers per (R, F) cell, `grid[r − 1][f − 1]`, and their mean sales (NaN when empty).
    pub grid: Vec<Vec<usize>>,
    pub grid_mean_m: Vec<Vec<f64>>,
    pub unclassed: usize,
}

pub fn classify(p: &Prepared, s: &RfmSettings) -> Result<RfmResult, Missing> {
    let prep = p.prep::<Rfm>();
    if let Some(m) = prep.missing {
        return Err(m);
    }
    let s = s.clone().normalized();
    let n = p.ds.len();
    let k = usize::from(s.bins);
    let mut out = RfmResult {
        class: vec![None; n],
        scores: vec![None; n],
        grid: vec![vec![0; k]; k],
        grid_mean_m: vec![vec![0.0; k]; k],
        ..Default::default()
    };
    let mut tally = Tally::<SEGMENTS>::new();
    for i in 0..n {
        let Some(rfm) = scores(prep, &s, i) else {
            continue;
        };
        let (seg, _) = segment_of(&s, rfm);
        out.class[i] = Some(seg);
        out.scores[i] = Some(rfm);
        let (r, f) = (usize::from(rfm.0) - 1, usize::from(rfm.1) - 1);
        out.grid[r][f] += 1;
        out.grid_mean_m[r][f] += prep.sales[i];
        tally.add(i, seg.index(), prep.sales[i], f64::NAN);
    }
    for (row, counts) in out.grid_mean_m.iter_mut().zip(&out.grid) {
        for (m, &c) in row.iter_mut().zip(counts) {
            *m = if c == 0 { f64::NAN } else { *m / c as f64 };
        }
    }
    let (counts, sales, _) = tally.finish();
    out.counts = counts;
    out.sales = sales;
    out.unclassed = n - counts.iter().sum::<usize>();
    Ok(out)
}

/// The lowest figure that reaches score `score` under the default rule (the band's cut
/// point), for figures where higher is better; for days, the most days that still reach it.
fn band_edge(prep: &RfmPrep, s: &RfmSettings, col: &[f64], ranks: &[u32], score: u8) -> f64 {
    let k = u64::from(s.bins);
    let n = u64::from(prep.n.max(1));
    let mut edge = f64::NAN;
    for (i, &rank) in ranks.iter().enumerate() {
        if rank == u32::MAX || 1 + (k * u64::from(rank) / n) as u8 != score {
            continue;
        }
        let better = if std::ptr::eq(col, prep.days.as_slice()) {
            col[i] > edge || edge.is_nan()
        } else {
            col[i] < edge || edge.is_nan()
        };
        if better {
            edge = col[i];
        }
    }
    edge
}

/// [`band_edge`] of every score (index `score - 1`) in one pass: the same edges, as each
/// score's figures are met in the same order.
fn band_edges(prep: &RfmPrep, s: &RfmSettings, col: &[f64], ranks: &[u32]) -> Vec<f64> {
    let k = u64::from(s.bins);
    let n = u64::from(prep.n.max(1));
    let days = std::ptr::eq(col, prep.days.as_slice());
    let mut edges = vec![f64::NAN; usize::from(s.bins)];
    for (i, &rank) in ranks.iter().enumerate() {
        if rank == u32::MAX {
            continue;
        }
        let Some(edge) = edges.get_mut((k * u64::from(rank) / n) as usize) else {
            continue;
        };
        let better = if days {
            col[i] > *edge || edge.is_nan()
        } else {
            col[i] < *edge || edge.is_nan()
        };
        if better {
            *edge = col[i];
        }
    }
    edges
}

/// The band edges of the three figures, for explaining many customers (each edge is a pass
/// over the dataset: once for all of them instead of once per customer).
struct Edges {
    days: Vec<f64>,
    orders: Vec<f64>,
    sales: Vec<f64>,
}

impl Edges {
    fn new(prep: &RfmPrep, s: &RfmSettings) -> Edges {
        Edges {
            days: band_edges(prep, s, &prep.days, &prep.r_rank),
            orders: band_edges(prep, s, &prep.orders, &prep.f_rank),
            sales: band_edges(prep, s, &prep.sales, &prep.m_rank),
        }
    }
}

const R_SCORE: Tr = Tr::new("R score", "R 评分", "Puntuación R");
const F_SCORE: Tr = Tr::new("F score", "F 评分", "Puntuación F");
const M_SCORE: Tr = Tr::new("M score", "M 评分", "Puntuación M");
const DAYS_SINCE: Tr = Tr::new(
    "Days since the last order",
    "距上次下单天数",
    "Días desde el último pedido",
);

pub fn explain(p: &Prepared, s: &RfmSettings, r: &RfmResult, i: usize) -> Vec<Reason> {
    explain_with(p, &s.clone().normalized(), r, i, None)
}

/// [`explain`] for each of `rows`, with the band edges computed once.
pub fn explain_many(
    p: &Prepared,
    s: &RfmSettings,
    r: &RfmResult,
    rows: &[usize],
) -> Vec<Vec<Reason>> {
    let s = s.clone().normalized();
    let edges = Edges::new(p.prep::<Rfm>(), &s);
    rows.iter()
        .map(|&i| explain_with(p, &s, r, i, Some(&edges)))
        .collect()
}

/// `s` normalized; `edges`, when given, the band edges ([`Edges`]) to use instead of
/// finding each one.
fn explain_with(
    p: &Prepared,
    s: &RfmSettings,
    r: &RfmResult,
    i: usize,
    edges: Option<&Edges>,
) -> Vec<Reason> {
    let prep = p.prep::<Rfm>();
    let Some(Some((rs, fs, ms))) = r.scores.get(i).copied() else {
        return vec![
            Reason::missing(DAYS_SINCE, Unit::Days),
            Reason::missing(what::ORDERS, Unit::Count),
        ];
    };
    // Each figure against the cut point of its band: the most days, the fewest orders, the
    // least sales that still reach the customer's score.
    let edge = |col: &[f64], ranks: &[u32], cuts: &[f64], score: u8, days: bool| {
        if cuts.is_empty() {
            let known = edges.map(
                |e| match (days, std::ptr::eq(col, prep.orders.as_slice())) {
                    (true, _) => &e.days,
                    (false, true) => &e.orders,
                    (false, false) => &e.sales,
                },
            );
            match known {
                Some(e) => e
                    .get(usize::from(score).wrapping_sub(1))
                    .copied()
                    .unwrap_or(f64::NAN),
                None => band_edge(prep, s, col, ranks, score),
            }
        } else if days {
            cuts.get(usize::from(s.bins - score))
                .copied()
                .unwrap_or(f64::NAN)
        } else {
            score
                .checked_sub(2)
                .and_then(|k| cuts.get(usize::from(k)).copied())
                .unwrap_or(f64::NAN)
        }
    };
    let mut out = Vec::new();
    let line = |what: Tr, v: f64, cmp: Cmp, t: f64, unit: Unit| {
        if t.is_finite() {
            Reason::with(what, v, cmp, t, unit)
        } else {
            Reason::info(what, v, unit)
        }
    };
    let d = edge(&prep.days, &prep.r_rank, &s.r_cuts, rs, true);
    let r_cmp = if s.r_cuts.is_empty() {
        Cmp::Le
    } else {
        Cmp::Lt
    };
    out.push(line(DAYS_SINCE, prep.days[i], r_cmp, d, Unit::Days));
    out.push(Reason::info(R_SCORE, f64::from(rs), Unit::Count));
    let f = edge(&prep.orders, &prep.f_rank, &s.f_cuts, fs, false);
    out.push(line(what::ORDERS, prep.orders[i], Cmp::Ge, f, Unit::Count));
    out.push(Reason::info(F_SCORE, f64::from(fs), Unit::Count));
    let m = edge(&prep.sales, &prep.m_rank, &s.m_cuts, ms, false);
    out.push(line(what::SALES, prep.sales[i], Cmp::Ge, m, Unit::Money));
    out.push(Reason::info(M_SCORE, f64::from(ms), Unit::Count));
    // The rule that matched: its lower bounds (the upper ones hold too).
    if let (_, Some(k)) = segment_of(s, (rs, fs, ms)) {
        let rule = &s.segments[k];
        out.push(Reason::with(
            R_SCORE,
            f64::from(rs),
            Cmp::Ge,
            f64::from(rule.r[0]),
            Unit::Count,
        ));
        out.push(Reason::with(
            F_SCORE,
            f64::from(fs),
            Cmp::Ge,
            f64::from(rule.f[0]),
            Unit::Count,
        ));
        out.push(Reason::with(
            M_SCORE,
            f64::from(ms),
            Cmp::Ge,
            f64::from(rule.m[0]),
            Unit::Count,
        ));
    }
    out
}

/// RFM segments in the registry.
pub struct Rfm;

impl MethodDef for Rfm {
    const KEY: &'static str = "rfm";
    const NAME: Tr = Tr::new("RFM segments", "RFM 客户细分", "Segmentos RFM");
    const PURPOSE: Tr = Tr::new(
        "Recency, frequency and monetary value scored 1–5, and the segment each combination falls in.",
        "按最近购买、购买频率和金额各评 1–5 分，并归入相应细分。",
        "Recencia, frecuencia y valor monetario puntuados de 1 a 5, y el segmento de cada combinación.",
    );
    const DIMENSION: bool = true;
    const EXPLAINED: bool = true;
    const COLUMN: Option<Tr> = Some(Tr::new("RFM segment", "RFM 细分", "Segmento RFM"));
    type Class = Segment;
    type Output = Result<RfmResult, Missing>;
    type Prep = RfmPrep;

    fn prepare(ds: &Dataset, _ix: &Index) -> RfmPrep {
        prepare(ds)
    }

    /// A segment's name changes no class.
    fn settings_changed(old: &Settings, new: &Settings) -> bool {
        old.rfm != new.rfm && old.rfm.unnamed() != new.rfm.unnamed()
    }

    fn classify(p: &Prepared, s: &Settings, _inputs: &Inputs) -> Self::Output {
        classify(p, &s.rfm)
    }

    fn available(out: &Self::Output) -> Result<(), Missing> {
        ran(out)
    }

    fn classes(out: &Self::Output) -> Option<&[Option<Self::Class>]> {
        Some(&out.as_ref().ok()?.class)
    }

    fn explain(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        i: usize,
    ) -> Option<Explained> {
        let r = out.as_ref().ok()?;
        Some(Explained::new(
            Self::class_of(out, i),
            explain(p, &s.rfm, r, i),
        ))
    }

    /// The band edges once for all the rows: each is a pass over the dataset.
    fn explain_many(
        p: &Prepared,
        s: &Settings,
        _inputs: &Inputs,
        out: &Self::Output,
        rows: &[usize],
    ) -> Vec<Option<Explained>> {
        let Ok(r) = out.as_ref() else {
            return rows.iter().map(|_| None).collect();
        };
        explain_many(p, &s.rfm, r, rows)
            .into_iter()
            .zip(rows)
            .map(|(reasons, &i)| Some(Explained::new(Self::class_of(out, i), reasons)))
            .collect()
    }

    /// The segment table's names (`SegmentRule::name`), and "others"'s
    /// (`RfmSettings::others_name`).
    fn class_name<'s>(s: &'s Settings, key: &str) -> Option<&'s str> {
        s.rfm.class_name(key)
    }

    /// The user's own segments are listed only while the table has them: an own segment
    /// not in the table holds no customer.
    fn class_shown(s: &Settings, key: &str) -> bool {
        !is_own(key) || s.rfm.segments.iter().any(|r| r.segment == key)
    }

    /// The grid's mean sales are NaN in empty cells: compare the rest.
    fn same(a: &Self::Output, b: &Self::Output) -> bool {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                a.class == b.class
                    && a.scores == b.scores
                    && a.counts == b.counts
                    && a.grid == b.grid
            }
            (a, b) => a.as_ref().err() == b.as_ref().err(),
        }
    }
}

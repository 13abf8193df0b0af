//! Method 1: Deal status (已成交 / 潜在): an existing customer has closed at least one deal.

use crate::classify::explain::{what, Cmp, Reason, Unit};
use crate::classify::method::{Explained, Inputs, MethodDef};
use crate::classify::prepared::Index;
use crate::classify::Prepared;
use crate::i18n::Tr;
use crate::model::{Dataset, DealStatus};
use crate::settings::Settings;

// The strategies of its classes.
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

class_enum! {
    DealClass {
        Closed => "closed", Tr::new("Existing", "已成交", "Actual"), DEAL_CLOSED;
        Potential => "potential", Tr::new("Potential", "潜在", "Potencial"), DEAL_POTENTIAL;
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DealResult {
    /// Every customer has a deal status.
    pub class: Vec<Option<DealClass>>,
    pub counts: [usize; 2],
    pub sales: [f64; 2],
}

pub fn classify(ds: &Dataset) -> DealResult {
    let mut out = DealResult {
        class: Vec::with_capacity(ds.len()),
        ..Default::default()
    };
    for c in &ds.customers {
        let k = match c.deal_status() {
            DealStatus::Closed => DealClass::Closed,
            DealStatus::Potential => DealClass::Potential,
        };
        out.class.push(Some(k));
        out.counts[k as usize] += 1;
        out.sales[k as usize] += c.sales;
    }
    out
}

/// Deal status from the prepared index (it does not depend on the settings).
pub fn classify_prepared(p: &crate::classify::Prepared) -> DealResult {
    p.prep::<Deal>().clone()
}

const MARKED_CLOSED: Tr = Tr::new(
    "The file's status column marks this customer as a closed deal",
    "文件的状态列将此客户标为已成交",
    "La columna de estado del archivo marca a este cliente como operación cerrada",
);
const MARKED_POTENTIAL: Tr = Tr::new(
    "The file's status column marks this customer as a potential customer",
    "文件的状态列将此客户标为潜在客户",
    "La columna de estado del archivo marca a este cliente como cliente potencial",
);

pub fn explain(ds: &Dataset, i: usize) -> Vec<Reason> {
    let Some(c) = ds.customers.get(i) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(s) = c.status {
        out.push(Reason::note(if s == DealStatus::Closed {
            MARKED_CLOSED
        } else {
            MARKED_POTENTIAL
        }));
        if let Some(o) = c.orders {
            out.push(Reason::info(what::ORDERS, o as f64, Unit::Count));
        }
        if s == DealStatus::Closed || c.sales != 0.0 {
            out.push(Reason::info(what::SALES, c.sales, Unit::Money));
        }
        return out;
    }
    match c.orders {
        Some(o) => out.push(Reason::with(
            what::ORDERS,
            o as f64,
            if o > 0 { Cmp::Ge } else { Cmp::Lt },
            1.0,
            Unit::Count,
        )),
        None => out.push(Reason::missing(what::ORDERS, Unit::Count)),
    }
    out.push(Reason::info(what::SALES, c.sales, Unit::Money));
    out
}

/// Deal status in the registry.
pub struct Deal;

impl MethodDef for Deal {
    const KEY: &'static str = "deal";
    const NAME: Tr = Tr::new("Deal status", "成交状态", "Estado de la operación");
    const PURPOSE: Tr = Tr::new(
        "Who has bought and who has not yet.",
        "谁已经成交，谁还没有。",
        "Quién ha comprado y quién todavía no.",
    );
    const DIMENSION: bool = true;
    const EXPLAINED: bool = true;
    type Class = DealClass;
    type Output = DealResult;
    /// Deal status does not depend on the settings: it is computed once per dataset.
    type Prep = DealResult;

    fn prepare(ds: &Dataset, _ix: &Index) -> DealResult {
        classify(ds)
    }

    fn settings_changed(_old: &Settings, _new: &Settings) -> bool {
        false
    }

    fn classify(p: &Prepared, _s: &Settings, _inputs: &Inputs) -> DealResult {
        p.prep::<Deal>().clone()
    }

    fn classes(out: &DealResult) -> Option<&[Option<Self::Class>]> {
        Some(&out.class)
    }

    fn explain(
        p: &Prepared,
        _s: &Settings,
        _inputs: &Inputs,
        out: &DealResult,
        i: usize,
    ) -> Option<Explained> {
        Some(Explained::new(Self::class_of(out, i), explain(&p.ds, i)))
    }
}

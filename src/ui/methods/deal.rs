//! Deal status: a hint instead of controls (nothing to tune), and the class bars.

use leptos::prelude::*;
use tierwise_core::classify::Method;

use super::shared::{class_bars, t};
use super::MethodUi;
use crate::ui::text::Tr;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

const DEAL_HINT: Tr = Tr::new(
    "Existing customers have at least one closed deal; potential customers have none yet. There is nothing to tune.",
    "已成交客户至少有一笔成交；潜在客户尚未成交。本方法无需调参。",
    "Los clientes actuales tienen al menos una operación cerrada; los potenciales, ninguna. No hay nada que ajustar.",
);

fn controls() -> AnyView {
    view! { <p class="hint">{t(DEAL_HINT)}</p> }.into_any()
}

fn chart() -> AnyView {
    class_bars(Method::Deal).into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

//! The readiness check: nothing. It lives on the overview (see `ui::overview`) and has no
//! page in the nav, so it has no controls, chart or extra section.

use leptos::prelude::*;

use super::MethodUi;

pub const UI: MethodUi = MethodUi {
    controls,
    chart,
    extra,
};

fn controls() -> AnyView {
    ().into_any()
}

fn chart() -> AnyView {
    ().into_any()
}

fn extra() -> AnyView {
    ().into_any()
}

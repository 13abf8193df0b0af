//! The staffing plan is computed as a registered part (it reads the ABC classes) but is not
//! a method page: its page is `ui::views::staffing`, reached from the navigation. Nothing
//! of it is shown on a method page.

use super::MethodUi;
use leptos::prelude::*;

pub const UI: MethodUi = MethodUi {
    controls: nothing,
    chart: nothing,
    extra: nothing,
};

fn nothing() -> AnyView {
    ().into_any()
}

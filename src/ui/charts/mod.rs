//! Charts drawn with plotters-canvas. Each chart module has a pure `draw` over a canvas and
//! plain data (so a wasm test can draw and read pixels back) and a component that redraws it
//! through [`use_chart`] whenever what it reads changes, in the same frame as the slider
//! move. Canvases are sized from their CSS box × devicePixelRatio, so they stay sharp on
//! HiDPI screens and projectors. Every chart has a text alternative: the table beside it.

pub mod bars;
pub mod heatmap;
pub mod histogram;
pub mod pareto;
pub mod pyramid;
pub mod scatter;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::RGBColor;
use tierwise_core::i18n::Lang;
use web_sys::HtmlCanvasElement;

use super::state::use_lang;

/// The Okabe–Ito palette, safe for the common colour-vision deficiencies, in the order
/// classes take it (best class first).
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(120, 120, 120), // grey
    RGBColor(240, 228, 66),  // yellow
];

/// The colour of class `k` of a method; the CSS uses the same list (`--c0` … `--c7`).
pub fn class_color(k: usize) -> RGBColor {
    PALETTE[k % PALETTE.len()]
}

/// Sizes the canvas backing store for the device pixel ratio and returns that ratio.
pub fn fit_to_css_box(el: &HtmlCanvasElement) -> f64 {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let rect = el.get_bounding_client_rect();
    let (w, h) = (rect.width().max(300.0), rect.height().max(200.0));
    let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    // Setting the size clears the canvas even when unchanged: only set it when it differs.
    if el.width() != bw {
        el.set_width(bw);
    }
    if el.height() != bh {
        el.set_height(bh);
    }
    dpr
}

/// A plotters drawing area over the whole canvas, cleared to white, and the pixel ratio.
pub fn area(
    el: &HtmlCanvasElement,
) -> Result<
    (
        DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>,
        f64,
    ),
    String,
> {
    let dpr = fit_to_css_box(el);
    let backend =
        plotters_canvas::CanvasBackend::with_canvas_object(el.clone()).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    Ok((root, dpr))
}

/// A font of `size` CSS pixels.
pub fn font(size: f64, dpr: f64) -> FontDesc<'static> {
    ("sans-serif", size * 1.15 * dpr).into_font()
}

pub fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A canvas that `draw` paints, again whenever the signals `draw` reads change, the
/// language changes, or the window is resized.
pub fn use_chart(
    name: &'static str,
    draw: impl Fn(&HtmlCanvasElement, Lang) -> Result<(), String> + 'static,
) -> NodeRef<Canvas> {
    let canvas = NodeRef::<Canvas>::new();
    let lang = use_lang();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        if let Some(el) = canvas.get() {
            if let Err(e) = draw(&el, l) {
                leptos::logging::warn!("{name} chart: {e}");
            }
        }
    });
    canvas
}

/// A chart's canvas with its accessible name and test id.
#[component]
pub fn ChartCanvas(
    canvas: NodeRef<Canvas>,
    testid: &'static str,
    /// What the chart shows, for screen readers (the table beside it has the figures).
    alt: super::text::Tr,
    #[prop(optional)] tall: bool,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <figure class="chart" class:tall=tall>
            <canvas
                node_ref=canvas
                data-testid=testid
                role="img"
                aria-label=move || alt.get(lang.get())
            ></canvas>
        </figure>
    }
}

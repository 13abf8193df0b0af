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
use tierwise_core::classify::Method;
use tierwise_core::i18n::Lang;
use web_sys::HtmlCanvasElement;

use super::state::use_lang;
use super::text::Tr;

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

/// How a chart is drawn when not simply on screen: for a PNG (an offscreen canvas at a given
/// CSS size, with a title band) or on the report (sharper than the screen, for print).
#[derive(Clone, Debug)]
struct Target {
    /// The CSS size to draw at; the canvas's own box when `None`.
    css: Option<(f64, f64)>,
    /// Backing pixels per CSS pixel (on the report, at least the device pixel ratio).
    scale: f64,
    /// A title and a smaller line beside it, drawn in a band at the top (a PNG).
    title: Option<(String, String)>,
}

thread_local! {
    static TARGET: std::cell::RefCell<Option<Target>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a chart's draw) with `t` in force.
fn with_target<T>(t: Target, f: impl FnOnce() -> T) -> T {
    TARGET.with(|c| *c.borrow_mut() = Some(t));
    let r = f();
    TARGET.with(|c| *c.borrow_mut() = None);
    r
}

fn target() -> Option<Target> {
    TARGET.with(|c| c.borrow().clone())
}

/// A PNG is drawn at twice the chart's on-screen CSS size.
pub const PNG_SCALE: f64 = 2.0;
/// The height of a PNG's title band, in CSS pixels (inside the PNG's size).
pub const TITLE_BAND: f64 = 34.0;

/// The report's charts are drawn at this many pixels per CSS pixel at least, so that they
/// stay sharp in print.
#[derive(Clone, Copy, Debug)]
pub struct PrintScale(pub f64);

/// Sizes the canvas backing store for the device pixel ratio and returns that ratio. For a
/// PNG or the report (see [`Target`]), their size and scale instead.
pub fn fit_to_css_box(el: &HtmlCanvasElement) -> f64 {
    let screen = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let t = target();
    let (w, h) = match t.as_ref().and_then(|t| t.css) {
        Some(size) => size,
        None => {
            let rect = el.get_bounding_client_rect();
            (rect.width().max(300.0), rect.height().max(200.0))
        }
    };
    let dpr = match &t {
        Some(t) if t.css.is_some() => t.scale,
        Some(t) => t.scale.max(screen),
        None => screen,
    };
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
/// For a PNG, the area below its title band.
pub fn area(
    el: &HtmlCanvasElement,
) -> Result<
    (
        DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>,
        f64,
    ),
    String,
> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let dpr = fit_to_css_box(el);
    let backend =
        plotters_canvas::CanvasBackend::with_canvas_object(el.clone()).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let Some((title, note)) = target().and_then(|t| t.title) else {
        return Ok((root, dpr));
    };
    let band = (TITLE_BAND * dpr).round() as u32;
    let (w, _) = root.dim_in_pixel();
    let y = (band / 2) as i32;
    let pad = (10.0 * dpr) as i32;
    root.draw(&Text::new(
        title,
        (pad, y),
        ("sans-serif", 17.0 * dpr)
            .into_font()
            .style(FontStyle::Bold)
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        note,
        (w as i32 - pad, y),
        font(11.0, dpr)
            .color(&RGBColor(90, 90, 90))
            .pos(Pos::new(HPos::Right, VPos::Center)),
    ))
    .map_err(err)?;
    let (_, rest) = root.split_vertically(band);
    Ok((rest, dpr))
}

/// A font of `size` CSS pixels.
pub fn font(size: f64, dpr: f64) -> FontDesc<'static> {
    ("sans-serif", size * 1.15 * dpr).into_font()
}

pub fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

type DrawFn = std::rc::Rc<dyn Fn(&HtmlCanvasElement, Lang) -> Result<(), String>>;

/// A chart: its canvas, and its draw function, to draw it again offscreen for a PNG.
#[derive(Clone, Copy)]
pub struct Chart {
    pub canvas: NodeRef<Canvas>,
    name: &'static str,
    draw: StoredValue<DrawFn, LocalStorage>,
}

/// A canvas that `draw` paints, again whenever the signals `draw` reads change, the
/// language changes, or the window is resized. On the report ([`PrintScale`] in context) it
/// is drawn at that scale at least.
pub fn use_chart(
    name: &'static str,
    draw: impl Fn(&HtmlCanvasElement, Lang) -> Result<(), String> + 'static,
) -> Chart {
    let canvas = NodeRef::<Canvas>::new();
    let lang = use_lang();
    let print = use_context::<PrintScale>();
    let draw: DrawFn = std::rc::Rc::new(draw);
    let stored = StoredValue::new_local(draw.clone());
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        if let Some(el) = canvas.get() {
            let r = match print {
                Some(PrintScale(scale)) => with_target(
                    Target {
                        css: None,
                        scale,
                        title: None,
                    },
                    || draw(&el, l),
                ),
                None => draw(&el, l),
            };
            if let Err(e) = r {
                leptos::logging::warn!("{name} chart: {e}");
            }
        }
    });
    Chart {
        canvas,
        name,
        draw: stored,
    }
}

/// The method a chart belongs to, and the stem of its PNG's file name (the method's key,
/// then the chart's name when it differs: `abc-pareto`, `five_s_migration`).
pub fn chart_method(name: &str) -> (Option<Method>, String) {
    if name == "pareto" {
        return (Some(Method::Abc), "abc-pareto".into());
    }
    let m = Method::ALL
        .into_iter()
        .filter(|m| name.starts_with(m.key()))
        .max_by_key(|m| m.key().len());
    (m, name.to_string())
}

const SAVE_PNG: Tr = Tr::new("Save as PNG", "保存为 PNG", "Guardar como PNG");
const CHART: Tr = Tr::new("Chart", "图表", "Gráfico");

/// Draws `chart` on an offscreen canvas at twice its on-screen CSS size, on white, with the
/// method's name and the date in a band at the top, and saves it as a PNG.
pub fn save_png(chart: Chart, lang: Lang, workspace: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let el = chart.canvas.get_untracked().ok_or("no chart")?;
    let rect = el.get_bounding_client_rect();
    let (w, h) = (rect.width().max(300.0), rect.height().max(200.0));
    let off = document()
        .create_element("canvas")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<HtmlCanvasElement>()
        .map_err(|_| "no canvas")?;
    let (method, stem) = chart_method(chart.name);
    let title = method.map_or(CHART.get(lang), |m| m.name().get(lang));
    let date = crate::ui::download::today();
    let note = if workspace.is_empty() {
        format!("Tierwise · {date}")
    } else {
        format!("Tierwise · {workspace} · {date}")
    };
    let draw = chart.draw.get_value();
    with_target(
        Target {
            css: Some((w, h)),
            scale: PNG_SCALE,
            title: Some((title.to_string(), note)),
        },
        || draw(&off, lang),
    )?;
    let file = crate::ui::download::file_name(&stem, "png");
    let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: wasm_bindgen::JsValue| {
        match blob.dyn_into::<web_sys::Blob>() {
            Ok(blob) => {
                if let Err(e) = crate::ui::download::save_blob(&blob, &file) {
                    leptos::logging::warn!("PNG: {e}");
                }
            }
            Err(_) => leptos::logging::warn!("PNG: the canvas gave no image"),
        }
    });
    off.to_blob(done.unchecked_ref())
        .map_err(|e| format!("{e:?}"))
}

/// A chart's canvas with its accessible name and test id, and its "Save as PNG" button.
#[component]
pub fn ChartCanvas(
    canvas: Chart,
    testid: &'static str,
    /// What the chart shows, for screen readers (the table beside it has the figures).
    alt: super::text::Tr,
    #[prop(optional)] tall: bool,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_context::<crate::ui::workspace::WorkspaceCtx>().map(|c| c.ws);
    let save = move |_| {
        let name = ws
            .map(|ws| ws.with_untracked(|w| w.name.clone()))
            .unwrap_or_default();
        if let Err(e) = save_png(canvas, lang.get_untracked(), &name) {
            leptos::logging::warn!("PNG: {e}");
        }
    };
    view! {
        <figure class="chart" class:tall=tall>
            <canvas
                node_ref=canvas.canvas
                data-testid=testid
                role="img"
                aria-label=move || alt.get(lang.get())
            ></canvas>
            <figcaption class="chart-actions no-print">
                <button type="button" class="button subtle" data-testid="chart-png" data-chart=canvas.name on:click=save>
                    {move || SAVE_PNG.get(lang.get())}
                </button>
            </figcaption>
        </figure>
    }
}

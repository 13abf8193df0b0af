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

/// The chart grid: one light line per labelled tick, no minor lines.
pub const GRID: RGBColor = RGBColor(228, 232, 238);
/// No line (plotters' minor grid, switched off).
pub const TRANSPARENT: RGBAColor = RGBAColor(0, 0, 0, 0.0);

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

/// A region of a chart drawn on screen and what it shows, for the tooltip layer: a rectangle
/// in CSS pixels from the canvas's top left, and its text ("B: 115 customers, 15.0% of sales").
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Hit {
    fn contains(&self, x: f64, y: f64) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }

    fn distance2(&self, x: f64, y: f64) -> f64 {
        let dx = (self.x0 - x).max(0.0).max(x - self.x1);
        let dy = (self.y0 - y).max(0.0).max(y - self.y1);
        dx * dx + dy * dy
    }
}

/// The hit under (x, y), or the nearest within `reach` CSS pixels (a dot is small).
pub fn hit_at(hits: &[Hit], x: f64, y: f64, reach: f64) -> Option<usize> {
    if let Some(k) = hits.iter().rposition(|h| h.contains(x, y)) {
        return Some(k);
    }
    hits.iter()
        .enumerate()
        .map(|(k, h)| (k, h.distance2(x, y)))
        .filter(|(_, d)| *d <= reach * reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

thread_local! {
    /// The language of the chart being drawn, for its numbers ([`num`], [`pct_label`]).
    static LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// A number on a chart, grouped as the language of the page writes it (12,345.6 / 12.345,6).
pub fn num(v: f64, places: usize) -> String {
    super::format::decimal(v, places, LANG.with(|l| l.get()))
}

/// A percentage on an axis (`v` in percent): 40% / 40 %.
pub fn pct_label(v: f64) -> String {
    super::format::percent(v, 0, LANG.with(|l| l.get()))
}

thread_local! {
    /// The regions a chart's on-screen draw records (`None`: not recording, e.g. a PNG).
    static HITS: std::cell::RefCell<Option<Vec<Hit>>> = const { std::cell::RefCell::new(None) };
}

/// Records a region of the chart being drawn on screen, in backing pixels (as plotters draws:
/// `chart.backend_coord` or the drawing area's own pixels), with the pixel ratio `dpr`.
pub fn hit(a: (i32, i32), b: (i32, i32), dpr: f64, text: String) {
    HITS.with(|h| {
        if let Some(v) = h.borrow_mut().as_mut() {
            let (x0, x1) = (a.0.min(b.0) as f64 / dpr, a.0.max(b.0) as f64 / dpr);
            let (y0, y1) = (a.1.min(b.1) as f64 / dpr, a.1.max(b.1) as f64 / dpr);
            v.push(Hit {
                x0,
                y0,
                x1,
                y1,
                text,
            });
        }
    });
}

/// Runs an on-screen draw and returns it with the regions it recorded.
fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Hit>) {
    HITS.with(|h| *h.borrow_mut() = Some(Vec::new()));
    let r = f();
    let hits = HITS.with(|h| h.borrow_mut().take()).unwrap_or_default();
    (r, hits)
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
    /// The regions of the last on-screen draw, for the tooltip.
    hits: StoredValue<Vec<Hit>, LocalStorage>,
    /// Bumped after each draw, so an open tooltip follows the new figures.
    drawn: RwSignal<u32>,
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
    let hits = StoredValue::new_local(Vec::new());
    let drawn = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        LANG.with(|c| c.set(l));
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
                None => {
                    let (r, h) = recording(|| draw(&el, l));
                    hits.set_value(h);
                    drawn.update(|n| *n = n.wrapping_add(1));
                    r
                }
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
        hits,
        drawn,
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
    LANG.with(|c| c.set(lang));
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
    // The tooltip layer: the region under the pointer, or the one chosen with the arrow keys
    // while the canvas has the focus.
    let tip = RwSignal::new(None::<usize>);
    // Where the pointer is (the tip follows it); `None` for a region chosen from the keyboard,
    // whose tip sits at the region's centre.
    let at = RwSignal::new(None::<(f64, f64)>);
    let from_pointer = move |ev: web_sys::PointerEvent| {
        let (x, y) = (ev.offset_x() as f64, ev.offset_y() as f64);
        let k = canvas.hits.with_value(|h| hit_at(h, x, y, 10.0));
        at.set(k.map(|_| (x, y)));
        tip.set(k);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = canvas.hits.with_value(Vec::len);
        if n == 0 {
            return;
        }
        let next = match (ev.key().as_str(), tip.get_untracked()) {
            ("ArrowRight" | "ArrowDown", Some(k)) => (k + 1) % n,
            ("ArrowLeft" | "ArrowUp", Some(k)) => (k + n - 1) % n,
            ("ArrowRight" | "ArrowDown" | "Home", None) | ("Home", _) => 0,
            ("ArrowLeft" | "ArrowUp" | "End", None) | ("End", _) => n - 1,
            ("Escape", _) => {
                tip.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        at.set(None);
        tip.set(Some(next));
    };
    let shown = move || {
        canvas.drawn.track();
        let k = tip.get()?;
        canvas.hits.with_value(|h| h.get(k).cloned())
    };
    view! {
        <figure class="chart" class:tall=tall>
            <div class="chart-layer">
                <canvas
                    node_ref=canvas.canvas
                    data-testid=testid
                    role="img"
                    tabindex="0"
                    aria-label=move || alt.get(lang.get())
                    on:pointermove=from_pointer
                    on:pointerleave=move |_| tip.set(None)
                    on:keydown=on_key
                    on:blur=move |_| tip.set(None)
                ></canvas>
                {move || {
                    shown()
                        .map(|h| {
                            // Above the pointer, or above the region's centre.
                            let (x, y) = at.get().unwrap_or(((h.x0 + h.x1) / 2.0, (h.y0 + h.y1) / 2.0));
                            view! {
                                <div
                                    class="chart-tip"
                                    role="status"
                                    data-testid="chart-tip"
                                    style:left=format!("{x:.0}px")
                                    style:top=format!("{y:.0}px")
                                >
                                    {h.text}
                                </div>
                            }
                        })
                }}
            </div>
            <figcaption class="chart-actions no-print">
                <button type="button" class="button subtle" data-testid="chart-png" data-chart=canvas.name on:click=save>
                    {move || SAVE_PNG.get(lang.get())}
                </button>
            </figcaption>
        </figure>
    }
}

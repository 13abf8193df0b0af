//! The Pareto curve drawn with plotters-canvas: cumulative share of sales against share of
//! customers, with the A / B / C bands. Sharp on HiDPI screens (the canvas is sized from its
//! CSS box × devicePixelRatio) and redrawn whenever the results change.

use leptos::prelude::*;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use tierwise_core::classify::abc::{AbcResult, Pareto};

use super::super::state::use_workbench;
use super::super::text;

/// Okabe–Ito colours, safe for colour-blind readers: A blue, B orange, C grey.
const TIP: text::Tr = text::Tr::new(
    "{class}: {n} customers ({share}) · {sales} of sales",
    "{class} 类：{n} 个客户（{share}）· 销售额占 {sales}",
    "{class}: {n} clientes ({share}) · {sales} de las ventas",
);

/// The classes' colours: the palette every class table's swatch uses (C was grey here and
/// green in its legend).
pub const ABC_COLORS: [RGBColor; 3] = [super::PALETTE[0], super::PALETTE[1], super::PALETTE[2]];

#[component]
pub fn ParetoChart() -> impl IntoView {
    let results = use_workbench();
    let canvas = super::use_chart("pareto", move |el, l| {
        results.with(|r| draw(el, r.abc(), l))
    });
    view! { <super::ChartCanvas canvas testid="pareto-chart" alt=text::ABC_CHART_ALT/> }
}

pub fn draw(
    el: &HtmlCanvasElement,
    abc: &AbcResult,
    lang: tierwise_core::i18n::Lang,
) -> Result<(), String> {
    let (root, dpr) = super::area(el)?;
    let px = |v: f64| (v * dpr).round() as u32;
    let font = ("sans-serif", 13.0 * dpr).into_font();
    let mut chart = ChartBuilder::on(&root)
        .margin(px(12.0))
        .margin_right(px(28.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(0f64..100f64, 0f64..100f64)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(text::SHARE_CUSTOMERS.get(lang))
        .y_desc(text::SHARE_SALES.get(lang))
        .x_labels(11)
        .y_labels(6)
        .x_label_formatter(&|v| super::pct_label(*v))
        .y_label_formatter(&|v| super::pct_label(*v))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .bold_line_style(super::GRID)
        .light_line_style(super::TRANSPARENT)
        .draw()
        .map_err(|e| e.to_string())?;

    // Bands: each class spans the customers it holds, on the x axis.
    let n: usize = abc.counts.iter().sum();
    let mut x0 = 0.0;
    for (k, &count) in abc.counts.iter().enumerate() {
        let x1 = x0 + 100.0 * count as f64 / n.max(1) as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x0, 0.0), (x1, 100.0)],
                ABC_COLORS[k].mix(0.12).filled(),
            )))
            .map_err(|e| e.to_string())?;
        if count > 0 {
            let label = ["A", "B", "C"][k];
            let total: f64 = abc.sales.iter().sum();
            super::hit(
                chart.backend_coord(&(x0, 100.0)),
                chart.backend_coord(&(x1, 0.0)),
                dpr,
                text::fill(
                    TIP.get(lang),
                    &[
                        ("class", label.to_string()),
                        ("n", crate::ui::format::int(count, lang)),
                        (
                            "share",
                            crate::ui::format::pct(count as f64 / n.max(1) as f64, lang),
                        ),
                        (
                            "sales",
                            crate::ui::format::pct(
                                abc.sales[k] / total.max(f64::MIN_POSITIVE),
                                lang,
                            ),
                        ),
                    ],
                ),
            );
            chart
                .draw_series(std::iter::once(Text::new(
                    label,
                    ((x0 + x1) / 2.0 - 1.0, 6.0),
                    ("sans-serif", 18.0 * dpr).into_font().color(&ABC_COLORS[k]),
                )))
                .map_err(|e| e.to_string())?;
        }
        x0 = x1;
    }
    let width = el.width() as usize;
    chart
        .draw_series(LineSeries::new(
            decimate(&abc.curve, 2 * width.max(1)).map(|(x, y)| (x * 100.0, y * 100.0)),
            BLACK.stroke_width(px(2.0)),
        ))
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// At most about `max_points` points of a curve, evenly spaced by index, keeping the first and
/// the last: a canvas a few thousand pixels wide shows no more, and 100k customers would
/// otherwise cost 100k path segments per redraw.
pub fn decimate(curve: &Pareto, max_points: usize) -> impl Iterator<Item = (f64, f64)> + '_ {
    let step = curve.len().div_ceil(max_points.max(2)).max(1);
    let last = curve.len().saturating_sub(1);
    (0..curve.len())
        .filter(move |k| k % step == 0 || *k == last)
        .filter_map(|k| curve.point(k))
}

#[cfg(test)]
mod tests {
    use super::decimate;
    use tierwise_core::classify::abc::Pareto;

    #[test]
    fn decimate_keeps_ends_and_bounds_the_count() {
        // 100,000 customers of equal sales: the curve is the diagonal.
        let curve = Pareto::of_sorted(&vec![1.0; 100_000]);
        let d: Vec<_> = decimate(&curve, 2_000).collect();
        assert!(d.len() <= 2_001, "{}", d.len());
        assert_eq!(d.first(), Some(&(0.0, 0.0)));
        assert_eq!(d.last(), Some(&(1.0, 1.0)));
        assert!(d.iter().all(|&(x, y)| (x - y).abs() < 1e-9));
        let small = Pareto::of_sorted(&[1.0]);
        assert_eq!(decimate(&small, 2_000).count(), 2);
    }
}

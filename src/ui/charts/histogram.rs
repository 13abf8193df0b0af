//! The score histogram: customers per 5-point bin of the 0–100 score, each bin coloured by
//! the band it falls in, with the band lines where the sliders put them.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{area, class_color, err, font, num, GRID, TRANSPARENT};

pub const BIN: f64 = 5.0;

/// Customers per bin: bin k holds scores in [5k, 5k + 5), the last also holds 100. NaN
/// (unscored) is left out.
pub fn bins(scores: &[f64]) -> [usize; 20] {
    let mut out = [0; 20];
    for &s in scores {
        if s.is_finite() {
            let k = ((s / BIN).floor() as isize).clamp(0, 19) as usize;
            out[k] += 1;
        }
    }
    out
}

/// `cuts` are the band minimums, best band first (A ≥ cuts[0], B ≥ cuts[1], …).
pub fn draw(
    el: &HtmlCanvasElement,
    counts: &[usize; 20],
    cuts: &[f64],
    x_desc: &str,
    y_desc: &str,
) -> Result<(), String> {
    let (root, dpr) = area(el)?;
    let px = |v: f64| (v * dpr).round() as u32;
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64 * 1.1;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(12.0))
        .margin_right(px(24.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(0f64..100f64, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(11)
        .y_labels(6)
        .x_label_formatter(&|v| num(*v, 0))
        .y_label_formatter(&|v| num(*v, 0))
        .label_style(font(12.0, dpr))
        .axis_desc_style(font(13.0, dpr))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    for (k, &n) in counts.iter().enumerate() {
        let x0 = k as f64 * BIN;
        if n > 0 {
            super::hit(
                chart.backend_coord(&(x0, 0.0)),
                chart.backend_coord(&(x0 + BIN, n as f64)),
                dpr,
                format!(
                    "{x_desc} {}–{}: {} {}",
                    num(x0, 0),
                    num(x0 + BIN, 0),
                    num(n as f64, 0),
                    y_desc.to_lowercase()
                ),
            );
        }
    }
    let band = |x: f64| cuts.iter().position(|&c| x >= c).unwrap_or(cuts.len());
    chart
        .draw_series(counts.iter().enumerate().map(|(k, &n)| {
            let x0 = k as f64 * BIN;
            Rectangle::new(
                [(x0 + 0.3, 0.0), (x0 + BIN - 0.3, n as f64)],
                class_color(band(x0)).filled(),
            )
        }))
        .map_err(err)?;
    for &c in cuts {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(c, 0.0), (c, top)],
                BLACK.stroke_width(px(2.0)),
            )))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bins_by_hand() {
        let b = super::bins(&[0.0, 4.99, 5.0, 99.9, 100.0, f64::NAN, -3.0]);
        assert_eq!(b[0], 3); // 0, 4.99 and the clamped −3
        assert_eq!(b[1], 1);
        assert_eq!(b[19], 2); // 99.9 and 100
        assert_eq!(b.iter().sum::<usize>(), 6);
    }
}

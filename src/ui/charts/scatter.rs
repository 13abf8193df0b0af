//! The share-of-wallet × volume scatter: one dot per customer, coloured by quadrant, with
//! the two split lines where the sliders put them. A log scale for the volume is an option.

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{area, class_color, err, font};

#[derive(Clone, Debug)]
pub struct Scatter {
    /// (share of wallet in %, volume, class index).
    pub points: Vec<(f64, f64, u8)>,
    pub x_split: f64,
    pub y_split: f64,
    pub log_y: bool,
    pub x_desc: String,
    pub y_desc: String,
    /// Formats a volume for the axis.
    pub y_fmt: fn(f64) -> String,
}

/// At most this many dots are drawn (every k-th customer, in order): beyond it a scatter
/// shows no more, and each dot is a canvas call.
pub const MAX_DOTS: usize = 3_000;

pub fn draw(el: &HtmlCanvasElement, s: &Scatter) -> Result<(), String> {
    let (root, dpr) = area(el)?;
    let px = |v: f64| (v * dpr).round() as u32;
    let y_max = s
        .points
        .iter()
        .map(|p| p.1)
        .fold(s.y_split, f64::max)
        .max(1.0)
        * 1.05;
    let y_min_log = s
        .points
        .iter()
        .map(|p| p.1)
        .filter(|v| *v > 0.0)
        .fold(f64::INFINITY, f64::min)
        .min(s.y_split.max(1.0))
        .max(1.0)
        * 0.8;
    let step = s.points.len().div_ceil(MAX_DOTS).max(1);
    let dot = ((2.5 * dpr).round() as i32).max(2);
    macro_rules! body {
        ($chart:expr, $y0:expr) => {{
            let mut chart = $chart;
            chart
                .configure_mesh()
                .x_desc(s.x_desc.as_str())
                .y_desc(s.y_desc.as_str())
                .x_label_formatter(&|v| format!("{v:.0}%"))
                .y_label_formatter(&|v| (s.y_fmt)(*v))
                .label_style(font(12.0, dpr))
                .axis_desc_style(font(13.0, dpr))
                .light_line_style(RGBColor(238, 238, 238))
                .draw()
                .map_err(err)?;
            chart
                .draw_series(
                    s.points
                        .iter()
                        .step_by(step)
                        .filter(|p| !s.log_y || p.1 > 0.0)
                        .map(|&(x, y, k)| {
                            EmptyElement::at((x, y))
                                + Rectangle::new(
                                    [(-dot, -dot), (dot, dot)],
                                    class_color(k as usize).mix(0.75).filled(),
                                )
                        }),
                )
                .map_err(err)?;
            let line = BLACK.stroke_width(px(2.0));
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(s.x_split, $y0), (s.x_split, y_max)],
                    line,
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(0.0, s.y_split.max($y0)), (100.0, s.y_split.max($y0))],
                    line,
                )))
                .map_err(err)?;
        }};
    }
    if s.log_y {
        let chart = ChartBuilder::on(&root)
            .margin(px(12.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(0f64..100f64, (y_min_log..y_max).log_scale())
            .map_err(err)?;
        body!(chart, y_min_log);
    } else {
        let chart = ChartBuilder::on(&root)
            .margin(px(12.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(64.0))
            .build_cartesian_2d(0f64..100f64, 0f64..y_max)
            .map_err(err)?;
        body!(chart, 0.0);
    }
    root.present().map_err(err)
}

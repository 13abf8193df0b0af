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
    /// What each quadrant calls for, written in its outer corner: high share and big volume
    /// (top right), low share and big (top left), high and small (bottom right), low and small.
    pub quadrants: Option<[String; 4]>,
}

/// Whether the volumes are skewed enough that a linear axis would crowd most dots onto it:
/// the largest more than 20 times the median.
pub fn skewed(values: impl Iterator<Item = f64>) -> bool {
    let mut v: Vec<f64> = values.filter(|x| *x > 0.0 && x.is_finite()).collect();
    if v.len() < 5 {
        return false;
    }
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    v[v.len() - 1] > 20.0 * median
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
                .x_labels(11)
                .x_label_formatter(&|v| super::pct_label(*v))
                .y_label_formatter(&|v| (s.y_fmt)(*v))
                .label_style(font(12.0, dpr))
                .axis_desc_style(font(13.0, dpr))
                .bold_line_style(super::GRID)
                .light_line_style(super::TRANSPARENT)
                .draw()
                .map_err(err)?;
            for &(x, y, _) in s
                .points
                .iter()
                .step_by(step)
                .filter(|p| !s.log_y || p.1 > 0.0)
            {
                let (cx, cy) = chart.backend_coord(&(x, y));
                super::hit(
                    (cx - dot, cy - dot),
                    (cx + dot, cy + dot),
                    dpr,
                    format!(
                        "{}: {} · {}: {}",
                        s.x_desc,
                        super::num(x, 1) + "%",
                        s.y_desc,
                        (s.y_fmt)(y)
                    ),
                );
            }
            if let Some(q) = &s.quadrants {
                use plotters::style::text_anchor::{HPos, Pos, VPos};
                let (x_lo, x_hi) = (0.0, 100.0);
                let (y_lo, y_hi) = ($y0, y_max);
                let corners = [
                    ((x_hi, y_hi), true, true, 0),
                    ((x_lo, y_hi), false, true, 1),
                    ((x_hi, y_lo), true, false, 2),
                    ((x_lo, y_lo), false, false, 3),
                ];
                for (at, right, top, k) in corners {
                    let (px0, py0) = chart.backend_coord(&at);
                    let inset = (6.0 * dpr) as i32;
                    let dx = if right { -inset } else { inset };
                    let dy = if top { inset } else { -inset };
                    let pos = Pos::new(
                        if right { HPos::Right } else { HPos::Left },
                        if top { VPos::Top } else { VPos::Bottom },
                    );
                    root.draw(&Text::new(
                        q[k].clone(),
                        (px0 + dx, py0 + dy),
                        font(12.5, dpr)
                            .style(FontStyle::Bold)
                            .color(&class_color(k))
                            .pos(pos),
                    ))
                    .map_err(err)?;
                }
            }
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
            .y_label_area_size(px(88.0))
            .build_cartesian_2d(0f64..100f64, (y_min_log..y_max).log_scale())
            .map_err(err)?;
        body!(chart, y_min_log);
    } else {
        let chart = ChartBuilder::on(&root)
            .margin(px(12.0))
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(88.0))
            .build_cartesian_2d(0f64..100f64, 0f64..y_max)
            .map_err(err)?;
        body!(chart, 0.0);
    }
    root.present().map_err(err)
}

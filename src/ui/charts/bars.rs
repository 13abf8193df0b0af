//! Horizontal bars, one per class (tier bars, class counts, staffing), with an optional
//! marker per bar (e.g. reps available against reps needed). Drawn by hand on the canvas:
//! a label column, the bar, and the value at its end.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use web_sys::HtmlCanvasElement;

use super::{area, err, font};

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub color: RGBColor,
    /// Written at the end of the bar (the value, formatted for the language).
    pub note: String,
    /// Drawn as a dark tick across the bar, e.g. what is available.
    pub marker: Option<f64>,
}

/// `label` as it fits in `room` pixels: one line, else two split at a space when the row has
/// the height, else shortened with "…".
fn fit_label(
    label: &str,
    room: f64,
    row: f64,
    dpr: f64,
    measure: &dyn Fn(&str) -> f64,
) -> Vec<String> {
    if measure(label) <= room {
        return vec![label.to_string()];
    }
    let shorten = |t: &str| {
        let mut out: String = t.to_string();
        while !out.is_empty() && measure(&format!("{out}…")) > room {
            out.pop();
        }
        format!("{}…", out.trim_end())
    };
    if row >= 32.0 * dpr {
        // The split that leaves the longer half shortest.
        let best = label
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .map(|(i, _)| (label[..i].trim_end(), label[i..].trim_start()))
            .min_by(|a, b| {
                let wa = measure(a.0).max(measure(a.1));
                let wb = measure(b.0).max(measure(b.1));
                wa.total_cmp(&wb)
            });
        if let Some((a, b)) = best {
            let fit = |t: &str| {
                if measure(t) <= room {
                    t.to_string()
                } else {
                    shorten(t)
                }
            };
            return vec![fit(a), fit(b)];
        }
    }
    vec![shorten(label)]
}

/// Draws `bars` top to bottom, scaled to the largest value or marker.
pub fn draw(el: &HtmlCanvasElement, bars: &[Bar]) -> Result<(), String> {
    let (root, dpr) = area(el)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    if bars.is_empty() {
        return root.present().map_err(err);
    }
    let pad = 8.0 * dpr;
    let measure_style = font(13.0, dpr).color(&BLACK);
    let measure = |t: &str| {
        root.estimate_text_size(t, &measure_style)
            .map_or(0.0, |(w, _)| f64::from(w))
    };
    // The label column fits the longest label, up to 45% of the width (a phone); a label
    // still too long is written on two lines, split at a space, or shortened with "…".
    let longest = bars.iter().map(|b| measure(&b.label)).fold(0.0, f64::max);
    let label_w = (longest + pad).clamp(60.0 * dpr, (w * 0.45).min(260.0 * dpr));
    let note_w = bars.iter().map(|b| measure(&b.note)).fold(0.0, f64::max) + 2.0 * pad;
    let x0 = label_w + pad;
    let x1 = (w - note_w).max(x0 + 10.0);
    let row = ((h - 2.0 * pad) / bars.len() as f64).min(44.0 * dpr);
    let bar_h = row * 0.62;
    let max = bars
        .iter()
        .flat_map(|b| [b.value, b.marker.unwrap_or(0.0)])
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let x_of = |v: f64| x0 + (x1 - x0) * (v.max(0.0) / max);
    let label_style = font(13.0, dpr)
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let note_style = font(13.0, dpr)
        .color(&RGBColor(60, 60, 60))
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (k, b) in bars.iter().enumerate() {
        let y = pad + row * k as f64 + row / 2.0;
        let (top, bottom) = ((y - bar_h / 2.0) as i32, (y + bar_h / 2.0) as i32);
        let lines = fit_label(&b.label, label_w - pad, row, dpr, &measure);
        let line_h = 15.0 * dpr;
        let first = y - line_h * (lines.len() as f64 - 1.0) / 2.0;
        for (i, line) in lines.into_iter().enumerate() {
            root.draw(&Text::new(
                line,
                (label_w as i32, (first + line_h * i as f64) as i32),
                label_style.clone(),
            ))
            .map_err(err)?;
        }
        // The track, then the bar.
        root.draw(&Rectangle::new(
            [(x0 as i32, top), (x1 as i32, bottom)],
            RGBColor(240, 242, 245).filled(),
        ))
        .map_err(err)?;
        let xe = x_of(b.value);
        if xe > x0 {
            root.draw(&Rectangle::new(
                [(x0 as i32, top), (xe.max(x0 + dpr) as i32, bottom)],
                b.color.filled(),
            ))
            .map_err(err)?;
        }
        if let Some(m) = b.marker {
            let xm = x_of(m) as i32;
            let stroke = (2.0 * dpr).round() as u32;
            root.draw(&PathElement::new(
                [
                    (xm, top - (3.0 * dpr) as i32),
                    (xm, bottom + (3.0 * dpr) as i32),
                ],
                BLACK.stroke_width(stroke),
            ))
            .map_err(err)?;
        }
        root.draw(&Text::new(
            b.note.clone(),
            ((x1 + pad) as i32, y as i32),
            note_style.clone(),
        ))
        .map_err(err)?;
        super::hit(
            (0, top),
            (w as i32, bottom),
            dpr,
            format!("{}: {}", b.label, b.note),
        );
    }
    root.present().map_err(err)
}

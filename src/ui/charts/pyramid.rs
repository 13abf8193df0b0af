//! The customer pyramid: one level per class, narrow at the top (key customers) and wide at
//! the bottom, each labelled with its count; bad customers sit under the base.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use web_sys::HtmlCanvasElement;

use super::{area, err, font};

#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub label: String,
    pub color: RGBColor,
    pub note: String,
}

/// `levels` top to bottom; `below` is drawn as a band under the base (bad customers).
pub fn draw(el: &HtmlCanvasElement, levels: &[Level], below: Option<&Level>) -> Result<(), String> {
    let (root, dpr) = area(el)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    let pad = 10.0 * dpr;
    let n = levels.len().max(1) as f64;
    let extra = if below.is_some() { 1.0 } else { 0.0 };
    let row = (h - 2.0 * pad) / (n + extra + 0.3 * extra);
    let cx = w * 0.4;
    let half_base = (w * 0.38).min(h * 0.9);
    let half_at = |k: f64| half_base * (0.12 + 0.88 * k / n);
    let text = font(13.0, dpr)
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let inner = font(13.0, dpr)
        .color(&WHITE)
        .pos(Pos::new(HPos::Center, VPos::Center));
    for (k, lv) in levels.iter().enumerate() {
        let (y0, y1) = (pad + row * k as f64, pad + row * (k + 1) as f64);
        let (a, b) = (half_at(k as f64), half_at(k as f64 + 1.0));
        let gap = dpr;
        let pts = vec![
            ((cx - a) as i32, (y0 + gap) as i32),
            ((cx + a) as i32, (y0 + gap) as i32),
            ((cx + b) as i32, (y1 - gap) as i32),
            ((cx - b) as i32, (y1 - gap) as i32),
        ];
        root.draw(&Polygon::new(pts, lv.color.filled()))
            .map_err(err)?;
        let y = ((y0 + y1) / 2.0) as i32;
        root.draw(&Text::new(lv.note.clone(), (cx as i32, y), inner.clone()))
            .map_err(err)?;
        root.draw(&Text::new(
            lv.label.clone(),
            ((cx + half_base + 14.0 * dpr) as i32, y),
            text.clone(),
        ))
        .map_err(err)?;
        super::hit(
            ((cx - b) as i32, y0 as i32),
            (w as i32, y1 as i32),
            dpr,
            format!("{}: {}", lv.label, lv.note),
        );
    }
    if let Some(lv) = below {
        let y0 = pad + row * (n + 0.3);
        let y1 = y0 + row;
        root.draw(&Rectangle::new(
            [
                ((cx - half_base) as i32, y0 as i32),
                ((cx + half_base) as i32, y1 as i32),
            ],
            lv.color.filled(),
        ))
        .map_err(err)?;
        let y = ((y0 + y1) / 2.0) as i32;
        root.draw(&Text::new(lv.note.clone(), (cx as i32, y), inner))
            .map_err(err)?;
        super::hit(
            ((cx - half_base) as i32, y0 as i32),
            (w as i32, y1 as i32),
            dpr,
            format!("{}: {}", lv.label, lv.note),
        );
        root.draw(&Text::new(
            lv.label.clone(),
            ((cx + half_base + 14.0 * dpr) as i32, y),
            text,
        ))
        .map_err(err)?;
    }
    root.present().map_err(err)
}
